//! The one palette every styled export shares: DOT, GraphML (Gephi's `r`,
//! `g`, `b`, `size`), GEXF (`viz:*`), Cytoscape.js elements and the HTML page
//! all draw a kind or a relation in the same colour, so a reader who learnt
//! the legend in one tool recognises it in the next.
//!
//! Comes in: a [`Kind`], a [`Relation`] or a mention count. Goes out: colours
//! as `#rrggbb` and as `(r, g, b)`, shapes, and node sizes.

use crate::graph::{Kind, Relation};

/// How a kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindStyle {
    /// Graphviz shape (FORMATS.md §5.3; never `record`).
    pub dot_shape: &'static str,
    /// Light fill for Graphviz nodes.
    pub fill: &'static str,
    /// The saturated colour of the kind: DOT border, Gephi and page node colour.
    pub color: &'static str,
    /// Cytoscape.js node shape on the page.
    pub web_shape: &'static str,
}

/// The style of a kind.
pub fn kind_style(kind: Kind) -> KindStyle {
    let (dot_shape, fill, color, web_shape) = match kind {
        Kind::Person => ("ellipse", "#fde0dd", "#c51b8a", "ellipse"),
        Kind::Organization => ("box", "#deebf7", "#3182bd", "round-rectangle"),
        Kind::Country => ("doubleoctagon", "#e5f5e0", "#31a354", "octagon"),
        Kind::Place => ("house", "#fff7bc", "#d95f0e", "tag"),
        Kind::Treaty => ("note", "#efedf5", "#756bb1", "rectangle"),
        Kind::Deployment => ("box3d", "#f0f0f0", "#636363", "barrel"),
    };
    KindStyle {
        dot_shape,
        fill,
        color,
        web_shape,
    }
}

/// How a relation is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationStyle {
    pub color: &'static str,
    /// `solid` or `dashed` (the same word in DOT, GEXF `viz:shape` and Cytoscape.js).
    pub line: &'static str,
    /// What the relation links, for legends.
    pub legend: &'static str,
}

/// The style of a relation.
pub fn relation_style(relation: Relation) -> RelationStyle {
    let (color, line, legend) = match relation {
        Relation::Met => ("#c51b8a", "solid", "actor – actor, no arrowhead"),
        Relation::Agreed => (
            "#31a354",
            "solid",
            "actor → treaty, deployment or actor (no arrowhead)",
        ),
        Relation::Sent => ("#e6550d", "solid", "actor → deployment"),
        Relation::Reported => ("#756bb1", "dashed", "source → what the claim is about"),
        Relation::DeployedTo => ("#3182bd", "solid", "deployment → place or country"),
        Relation::PartOf => ("#636363", "dotted", "part → whole deployment"),
    };
    RelationStyle {
        color,
        line,
        legend,
    }
}

/// `#rrggbb` as `(r, g, b)`.
///
/// ```
/// assert_eq!(ergraph::export::style::rgb("#c51b8a"), (197, 27, 138));
/// ```
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .expect("palette colours are #rrggbb")
    };
    (channel(1), channel(3), channel(5))
}

/// A node's size from its mentions: 10 for one mention, growing with the
/// square root (so 100 mentions do not dwarf everything else).
///
/// ```
/// use ergraph::export::style::node_size;
/// assert_eq!(node_size(0), 10.0);
/// assert_eq!(node_size(1), 10.0);
/// assert_eq!(node_size(17), 26.0);
/// ```
pub fn node_size(mentions: u64) -> f64 {
    let m = mentions.max(1) as f64;
    10.0 + 4.0 * (m - 1.0).sqrt()
}

/// A number for an attribute: at most two decimals, no trailing zeros.
///
/// ```
/// use ergraph::export::style::number;
/// assert_eq!(number(2.584962), "2.58");
/// assert_eq!(number(3.0), "3");
/// ```
pub fn number(x: f64) -> String {
    // Whole numbers (a weight of 1 gives 1.0, the common case) skip the
    // costly fixed-precision float formatting; the trimmed result is the same.
    if (1.0..1e15).contains(&x) && x.fract() == 0.0 {
        return (x as u64).to_string();
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn whole_numbers_print_as_the_fixed_precision_form_trimmed() {
        let slow = |x: f64| {
            let s = format!("{x:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        for x in (1..=5000).map(f64::from).chain([1e6, 1e14, 123_456_789.0]) {
            assert_eq!(number(x), slow(x), "{x}");
        }
        for x in [0.0, -0.0, -3.0, 0.5, 2.005, 1e15, 1.0 + 3f64.log2()] {
            assert_eq!(number(x), slow(x), "{x}");
        }
        assert_eq!(number(1.0), "1");
        assert_eq!(number(100.0), "100");
    }

    #[test]
    fn every_kind_and_relation_has_its_own_colour() {
        let kinds: BTreeSet<_> = Kind::ALL.iter().map(|&k| kind_style(k).color).collect();
        assert_eq!(kinds.len(), Kind::ALL.len());
        let fills: BTreeSet<_> = Kind::ALL.iter().map(|&k| kind_style(k).fill).collect();
        assert_eq!(fills.len(), Kind::ALL.len());
        let relations: BTreeSet<_> = Relation::ALL
            .iter()
            .map(|&r| relation_style(r).color)
            .collect();
        assert_eq!(relations.len(), Relation::ALL.len());
    }

    #[test]
    fn palette_colours_parse() {
        for k in Kind::ALL {
            rgb(kind_style(k).color);
            rgb(kind_style(k).fill);
        }
        for r in Relation::ALL {
            rgb(relation_style(r).color);
        }
        assert_eq!(rgb("#0a0b0c"), (10, 11, 12));
    }

    #[test]
    fn size_grows_with_mentions_and_is_finite() {
        assert!(node_size(2) > node_size(1));
        assert!(node_size(100) < 60.0);
        assert!(node_size(u64::MAX).is_finite());
    }
}
