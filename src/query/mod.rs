//! Answers on the command line: `ergraph entities`, `ergraph relations` and
//! `ergraph explain A B`, as aligned text tables or JSON.
//!
//! Comes in: a finished (possibly filtered) [`EntityGraph`]. Goes out:
//! strings for the binary to print (the library prints nothing). Names are
//! matched by [`resolve`]: an id, a label or an alias, case-insensitively;
//! when nothing fits, the error lists the nearest names.

mod explain;
mod table;

pub use explain::{ExplainError, Explanation, PathRow, SHOWN_PATHS, Via, explain, explain_text};
pub use table::{Fit, fit_table};

use crate::graph::{Documents, Edge, EntityGraph, Node};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use table::{clean, cut};

/// A name that matched no entity, or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    pub name: String,
    /// Nearest entities as `label (id)`, best first; when `ambiguous`, every
    /// entity the name fits as `id  kind  label`, by id.
    pub near: Vec<String>,
    /// True when several entities share the name.
    pub ambiguous: bool,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = crate::error::quote_input(&self.name);
        if self.ambiguous {
            write!(
                f,
                "{name} names {} entities; give the id of the one you mean:",
                self.near.len()
            )?;
            for n in &self.near {
                write!(f, "\n  {n}")?;
            }
            return Ok(());
        }
        write!(f, "no entity is called {name}")?;
        if self.near.is_empty() {
            write!(f, " (`ergraph entities` lists them)")
        } else {
            write!(f, "; did you mean {}?", self.near.join(", "))
        }
    }
}

impl std::error::Error for NameError {}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn describe(n: &Node) -> String {
    format!("{} ({})", n.label, n.id)
}

/// The entity `name` names: its id, or its label or an alias compared
/// case-insensitively (runs of spaces count as one).
///
/// # Errors
/// [`NameError`] with up to five near matches (names containing the query or
/// contained in it, then the smallest edit distance), or listing every
/// entity that shares the name.
pub fn resolve<'g>(graph: &'g EntityGraph, name: &str) -> Result<&'g Node, NameError> {
    if let Some(n) = graph.nodes().find(|n| n.id.as_str() == name.trim()) {
        return Ok(n);
    }
    let q = fold(name);
    let names = |n: &'g Node| std::iter::once(&n.label).chain(n.aliases.iter());
    let mut hits: Vec<&Node> = graph
        .nodes()
        .filter(|n| names(n).any(|s| fold(s) == q))
        .collect();
    // A label does not beat an alias: "Pyongyang" is the city's label and an
    // alias of North Korea, and only the user knows which one is meant.
    hits.sort_by(|a, b| a.id.cmp(&b.id));
    match hits.as_slice() {
        [] => {}
        [one] => return Ok(one),
        several => {
            let id_width = several.iter().map(|n| n.id.as_str().chars().count()).max();
            let kind_width = several.iter().map(|n| n.kind.as_str().len()).max();
            let near = several
                .iter()
                .map(|n| {
                    let mut line = format!(
                        "{:<iw$}  {:<kw$}  {}",
                        n.id.as_str(),
                        n.kind.as_str(),
                        clean(&n.label),
                        iw = id_width.unwrap_or(0),
                        kw = kind_width.unwrap_or(0),
                    );
                    // Say which alias fits when the label does not.
                    if fold(&n.label) != q
                        && let Some(alias) = n.aliases.iter().find(|a| fold(a) == q)
                    {
                        line.push_str(&format!(" (alias {})", crate::error::quote_input(alias)));
                    }
                    line
                })
                .collect();
            return Err(NameError {
                name: name.to_string(),
                near,
                ambiguous: true,
            });
        }
    }
    let mut scored: Vec<(usize, &Node)> = graph
        .nodes()
        .filter_map(|n| {
            names(n)
                .map(|s| {
                    let s = fold(s);
                    if !q.is_empty() && (s.contains(&q) || q.contains(&s)) {
                        0
                    } else {
                        distance(&s, &q)
                    }
                })
                .min()
                .map(|d| (d, n))
        })
        .filter(|(d, _)| *d <= (q.chars().count() / 3).max(2))
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Err(NameError {
        name: name.to_string(),
        near: scored.iter().take(5).map(|(_, n)| describe(n)).collect(),
        ambiguous: false,
    })
}

/// Lays out rows under a header, each column as wide as its widest cell,
/// nothing cut (see [`fit_table`]).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    fit_table(header, &[], rows, None)
}

/// A cell for `explain`'s text: control characters as spaces, at most `max`
/// characters.
fn cell(s: &str, max: usize) -> String {
    cut(&clean(s), max)
}

/// One row of `ergraph entities --json`.
#[derive(Debug, Serialize)]
pub struct EntityRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub kind: &'static str,
    pub mentions: u64,
    pub aliases: Vec<&'a str>,
    pub documents: Vec<&'a str>,
}

/// Entities, most mentioned first (ties by id).
pub fn entities(graph: &EntityGraph) -> Vec<EntityRow<'_>> {
    let mut rows: Vec<EntityRow<'_>> = graph
        .nodes()
        .map(|n| EntityRow {
            id: n.id.as_str(),
            label: &n.label,
            kind: n.kind.as_str(),
            mentions: n.mentions,
            aliases: n.aliases.iter().map(String::as_str).collect(),
            documents: graph.documents().ids(&n.documents).collect(),
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(b.id)));
    rows
}

/// `ergraph entities` as a table: every cell whole, or with `width` (a
/// terminal's), labels and aliases cut to fit it first.
pub fn entities_table(graph: &EntityGraph, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = entities(graph)
        .iter()
        .map(|r| {
            vec![
                clean(r.label),
                r.kind.to_string(),
                r.mentions.to_string(),
                r.documents.len().to_string(),
                clean(r.id),
                clean(&r.aliases.join("; ")),
            ]
        })
        .collect();
    fit_table(
        &["ENTITY", "KIND", "MENTIONS", "DOCS", "ID", "ALIASES"],
        &[
            Fit::Shrink,
            Fit::Keep,
            Fit::Keep,
            Fit::Keep,
            Fit::Last,
            Fit::Shrink,
        ],
        &rows,
        width,
    )
}

/// An endpoint of a relation: id and label.
#[derive(Debug, Serialize)]
pub struct End<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

/// A document cited by a relation.
#[derive(Debug, Serialize)]
pub struct Cited<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    pub path: Option<&'a str>,
}

/// One sentence of evidence.
#[derive(Debug, Serialize)]
pub struct Sentence<'a> {
    pub document: &'a str,
    /// Read back from the temporary sentence file when the run stored it there.
    pub text: std::borrow::Cow<'a, str>,
    pub start: usize,
    pub end: usize,
}

/// One row of `ergraph relations --json` and one relation of `explain`.
#[derive(Debug, Serialize)]
pub struct RelationRow<'a> {
    pub source: End<'a>,
    pub relation: &'static str,
    pub target: End<'a>,
    pub symmetric: bool,
    pub weight: u64,
    pub date: Option<&'a str>,
    pub place: Option<End<'a>>,
    pub reported_by: Vec<End<'a>>,
    pub documents: Vec<Cited<'a>>,
    pub evidence: Vec<Sentence<'a>>,
}

struct Lookup<'a> {
    labels: BTreeMap<&'a str, &'a str>,
    docs: &'a Documents,
}

impl<'a> Lookup<'a> {
    fn new(graph: &'a EntityGraph) -> Lookup<'a> {
        Lookup {
            labels: graph
                .nodes()
                .map(|n| (n.id.as_str(), n.label.as_str()))
                .collect(),
            docs: graph.documents(),
        }
    }

    fn end(&self, id: &'a str) -> End<'a> {
        End {
            id,
            label: self.labels.get(id).copied().unwrap_or(id),
        }
    }

    fn row(&self, e: &'a Edge) -> RelationRow<'a> {
        RelationRow {
            source: self.end(e.source.as_str()),
            relation: e.relation.as_str(),
            target: self.end(e.target.as_str()),
            symmetric: e.symmetric,
            weight: e.weight,
            date: e.date.as_deref(),
            place: e.place.as_ref().map(|p| self.end(p.as_str())),
            reported_by: e.reported_by.iter().map(|r| self.end(r.as_str())).collect(),
            documents: e
                .documents
                .iter()
                .map(|d| {
                    let info = self.docs.get(d);
                    Cited {
                        id: self.docs.id(d),
                        title: info.and_then(|i| i.title),
                        date: info.and_then(|i| i.date),
                        url: info.and_then(|i| i.url),
                        path: info.map(|i| i.path),
                    }
                })
                .collect(),
            evidence: e
                .evidence
                .iter()
                .map(|ev| Sentence {
                    document: self.docs.id(ev.document),
                    text: ev.text.get(),
                    start: ev.start,
                    end: ev.end,
                })
                .collect(),
        }
    }
}

/// Every relation, in the graph's edge order.
pub fn relations(graph: &EntityGraph) -> Vec<RelationRow<'_>> {
    let look = Lookup::new(graph);
    graph.edges().map(|e| look.row(e)).collect()
}

/// `ergraph relations` as a table: every cell whole, or with `width` (a
/// terminal's), labels cut to fit it first.
pub fn relations_table(graph: &EntityGraph, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = relations(graph)
        .iter()
        .map(|r| {
            let labels =
                |ends: &[End<'_>]| ends.iter().map(|e| e.label).collect::<Vec<_>>().join("; ");
            vec![
                clean(r.source.label),
                r.relation.to_string(),
                clean(r.target.label),
                r.weight.to_string(),
                r.date.map(clean).unwrap_or_default(),
                clean(&labels(&r.reported_by)),
                r.documents.len().to_string(),
                clean(r.source.id),
                clean(r.target.id),
            ]
        })
        .collect();
    use Fit::{Keep, Last, Shrink};
    fit_table(
        &[
            "SOURCE",
            "RELATION",
            "TARGET",
            "WEIGHT",
            "DATE",
            "REPORTED BY",
            "DOCS",
            "SOURCE ID",
            "TARGET ID",
        ],
        &[Shrink, Keep, Shrink, Keep, Keep, Shrink, Keep, Last, Last],
        &rows,
        width,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    #[test]
    fn names_match_by_id_label_or_alias_case_insensitively() {
        let g = sample_graph();
        for name in [
            "Kim Jong Un",
            "kim jong un",
            "KIM  JONG-UN",
            "김정은",
            "person:kim-jong-un",
        ] {
            assert_eq!(
                resolve(&g, name).map(|n| n.id.as_str()),
                Ok("person:kim-jong-un"),
                "{name}"
            );
        }
        assert_eq!(
            resolve(&g, "shoigu").map(|n| n.id.as_str()),
            Ok("person:sergei-shoigu")
        );
    }

    #[test]
    fn unknown_name_lists_near_matches() {
        let g = sample_graph();
        let err = resolve(&g, "Kim Jong-il").expect_err("unknown");
        assert!(!err.ambiguous);
        assert_eq!(
            err.near.first().map(String::as_str),
            Some("Kim Jong Un (person:kim-jong-un)")
        );
        assert!(
            err.to_string().contains("did you mean Kim Jong Un"),
            "{err}"
        );
        let nothing = resolve(&g, "Zzyzx Qwerty").expect_err("unknown");
        assert!(nothing.near.is_empty());
        assert!(
            nothing.to_string().contains("ergraph entities"),
            "{nothing}"
        );
    }

    /// The sample graph with `alias` given to every entity of `kind`.
    fn with_alias(kind: crate::graph::Kind, alias: &str) -> EntityGraph {
        let (mut nodes, edges, docs) = sample_graph().into_parts();
        for n in nodes.iter_mut().filter(|n| n.kind == kind) {
            n.aliases.insert(alias.to_string());
        }
        EntityGraph::from_parts(nodes, edges, docs)
    }

    #[test]
    fn a_name_shared_by_two_entities_is_ambiguous() {
        let g = with_alias(crate::graph::Kind::Person, "The Leader");
        let err = resolve(&g, "the leader").expect_err("two people");
        assert!(err.ambiguous && err.near.len() == 2, "{err}");
        assert!(err.to_string().contains("person:sergei-shoigu"), "{err}");
    }

    #[test]
    fn a_label_and_another_entitys_alias_are_ambiguous_too() {
        // "Pyongyang" the city and an alias of North Korea: a label does not
        // win over an alias, the user chooses by id.
        let g = with_alias(crate::graph::Kind::Treaty, "North Korea");
        let err = resolve(&g, "north  korea").expect_err("a label and an alias");
        assert!(err.ambiguous, "{err}");
        assert_eq!(
            err.to_string(),
            "\"north  korea\" names 2 entities; give the id of the one you mean:\n  \
             country:north-korea                         country  North Korea\n  \
             treaty:comprehensive-strategic-partnership  treaty   \
             Comprehensive Strategic Partnership Treaty (alias \"North Korea\")"
        );
        assert_eq!(
            resolve(&g, "country:north-korea").map(|n| n.label.as_str()),
            Ok("North Korea")
        );
    }

    #[test]
    fn tables_align_columns() {
        let t = table(
            &["A", "BB"],
            &[
                vec!["xxx".into(), "1".into()],
                vec!["김".into(), "22".into()],
            ],
        );
        assert_eq!(t, "A    BB\nxxx  1\n김    22\n");
        let e = entities_table(&sample_graph(), None);
        let first = e.lines().nth(1).expect("row");
        assert!(
            first.starts_with("Kim Jong Un"),
            "most mentioned first: {e}"
        );
    }

    #[test]
    fn tables_have_ids_and_whole_cells_off_a_terminal() {
        let g = sample_graph();
        let e = entities_table(&g, None);
        assert!(e.lines().next().expect("header").contains("  ID  "), "{e}");
        let treaty = e
            .lines()
            .find(|l| l.starts_with("Comprehensive Strategic Partnership Treaty "))
            .expect("the long label whole");
        assert!(
            treaty.contains("  treaty:comprehensive-strategic-partnership"),
            "{e}"
        );
        assert!(e.contains("\"quoted\" alias, with comma; Shoigu"), "{e}");
        assert!(!e.contains('…'), "{e}");
        let r = relations_table(&g, None);
        let header = r.lines().next().expect("header");
        assert!(
            header.contains("  SOURCE ID ") && header.ends_with("  TARGET ID"),
            "{r}"
        );
        assert!(
            r.lines().any(|l| l.starts_with("North Korea ")
                && l.contains(" country:north-korea ")
                && l.ends_with(" deployment:north-korea-5000-construction-troops-2025-09")),
            "{r}"
        );
        assert!(!r.contains('…'), "{r}");
        // On a terminal every line fits, cut cells marked (the relations'
        // nine columns need 87 characters at their narrowest).
        for (t, w) in [
            (entities_table(&g, Some(80)), 80),
            (relations_table(&g, Some(100)), 100),
        ] {
            assert!(t.lines().all(|l| l.chars().count() <= w), "{t}");
            assert!(t.contains('…'), "{t}");
        }
    }

    #[test]
    fn explain_lists_every_relation_in_both_directions_with_evidence() {
        let g = sample_graph();
        let x = explain(&g, "Kim Jong Un", "Shoigu", false).expect("both known");
        let rels: Vec<&str> = x.relations.iter().map(|r| r.relation).collect();
        assert_eq!(rels, ["met", "agreed"]);
        let text = explain_text(&x);
        assert!(text.contains("Shoigu met Kim in Pyongyang."), "{text}");
        assert!(text.contains("doc1  2025-06-17"), "{text}");
        assert!(text.contains("<https://example.org/?a=1&b=2>"), "{text}");
        assert!(text.contains("place        Kursk"), "{text}");
        let json = serde_json::to_value(&x).expect("json");
        assert_eq!(json["relations"][0]["evidence"][0]["document"], "doc1");
        assert_eq!(json["paths"], serde_json::json!([]));
        let none = explain(&g, "organization:nis", "North Korea", false).expect("known");
        assert!(explain_text(&none).starts_with("no relation between"));
    }

    #[test]
    fn relations_table_has_a_row_per_edge() {
        let g = sample_graph();
        let t = relations_table(&g, None);
        assert_eq!(t.lines().count(), g.edge_count() + 1);
        assert!(t.lines().next().expect("header").starts_with("SOURCE"));
    }
}
