//! Answers on the command line: `ergraph entities`, `ergraph relations` and
//! `ergraph explain A B`, as aligned text tables or JSON.
//!
//! Comes in: a finished (possibly filtered) [`EntityGraph`]. Goes out:
//! strings for the binary to print (the library prints nothing). Names are
//! matched by [`resolve`]: an id, a label or an alias, case-insensitively;
//! when nothing fits, the error lists the nearest names.

use crate::graph::{Documents, Edge, EntityGraph, Node};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// A name that matched no entity, or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    pub name: String,
    /// Nearest entities as `label (id)`, best first.
    pub near: Vec<String>,
    /// True when several entities share the name.
    pub ambiguous: bool,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = crate::error::quote_input(&self.name);
        if self.ambiguous {
            write!(f, "{name} names several entities: {}", self.near.join(", "))?;
            return write!(f, " (give the id)");
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
    let hits: Vec<&Node> = graph
        .nodes()
        .filter(|n| names(n).any(|s| fold(s) == q))
        .collect();
    // A label beats an alias: "Kim" may be an alias of several people but the
    // label of none.
    let by_label: Vec<&Node> = hits
        .iter()
        .copied()
        .filter(|n| fold(&n.label) == q)
        .collect();
    let best = if by_label.is_empty() { hits } else { by_label };
    match best.as_slice() {
        [] => {}
        [one] => return Ok(one),
        several => {
            return Err(NameError {
                name: name.to_string(),
                near: several.iter().map(|n| describe(n)).collect(),
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

/// Lays out rows under a header, each column as wide as its widest cell
/// (counted in characters), two spaces apart, no trailing spaces.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w - cell.chars().count()));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// A cell for a table: control characters as spaces, at most `max` chars.
fn cell(s: &str, max: usize) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= max {
        clean
    } else {
        clean
            .chars()
            .take(max.saturating_sub(1))
            .collect::<String>()
            + "…"
    }
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

/// `ergraph entities` as a table.
pub fn entities_table(graph: &EntityGraph) -> String {
    let rows: Vec<Vec<String>> = entities(graph)
        .iter()
        .map(|r| {
            vec![
                cell(r.label, 40),
                r.kind.to_string(),
                r.mentions.to_string(),
                r.documents.len().to_string(),
                cell(&r.aliases.join("; "), 60),
            ]
        })
        .collect();
    table(&["ENTITY", "KIND", "MENTIONS", "DOCS", "ALIASES"], &rows)
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
    pub text: &'a str,
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
                    text: &ev.text,
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

/// `ergraph relations` as a table.
pub fn relations_table(graph: &EntityGraph) -> String {
    let rows: Vec<Vec<String>> = relations(graph)
        .iter()
        .map(|r| {
            let labels =
                |ends: &[End<'_>]| ends.iter().map(|e| e.label).collect::<Vec<_>>().join("; ");
            vec![
                cell(r.source.label, 32),
                r.relation.to_string(),
                cell(r.target.label, 40),
                r.weight.to_string(),
                r.date.unwrap_or("").to_string(),
                cell(&labels(&r.reported_by), 40),
                r.documents.len().to_string(),
            ]
        })
        .collect();
    table(
        &[
            "SOURCE",
            "RELATION",
            "TARGET",
            "WEIGHT",
            "DATE",
            "REPORTED BY",
            "DOCS",
        ],
        &rows,
    )
}

/// The answer of `ergraph explain A B`.
#[derive(Debug, Serialize)]
pub struct Explanation<'a> {
    pub a: End<'a>,
    pub b: End<'a>,
    /// Every relation between the two, either direction, in edge order.
    pub relations: Vec<RelationRow<'a>>,
    /// The estimate groups of either, when it is a deployment of one.
    pub estimates: Vec<crate::estimates::Group>,
}

/// Every relation between the entities `a` and `b` names.
///
/// # Errors
/// [`NameError`] for a name that fits no entity, or several.
pub fn explain<'g>(graph: &'g EntityGraph, a: &str, b: &str) -> Result<Explanation<'g>, NameError> {
    let (na, nb) = (resolve(graph, a)?, resolve(graph, b)?);
    let look = Lookup::new(graph);
    let relations = graph
        .edges()
        .filter(|e| {
            (e.source == na.id && e.target == nb.id) || (e.source == nb.id && e.target == na.id)
        })
        .map(|e| look.row(e))
        .collect();
    let mut estimates: Vec<crate::estimates::Group> = Vec::new();
    for n in [na, nb] {
        if let Some(g) = crate::estimates::group_of(graph, &n.id)
            && !estimates.iter().any(|e| e.id == g.id)
        {
            estimates.push(g);
        }
    }
    Ok(Explanation {
        a: look.end(na.id.as_str()),
        b: look.end(nb.id.as_str()),
        relations,
        estimates,
    })
}

/// `ergraph explain` as text: each relation, its facts, documents and
/// evidence sentences.
pub fn explain_text(x: &Explanation<'_>) -> String {
    let mut out = String::new();
    for g in &x.estimates {
        out.push_str("estimate group of ");
        out.push_str(&crate::estimates::group_text(g));
        out.push('\n');
    }
    if x.relations.is_empty() {
        out.push_str(&format!(
            "no relation between {} ({}) and {} ({})\n",
            x.a.label, x.a.id, x.b.label, x.b.id
        ));
        return out;
    }
    for (i, r) in x.relations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} {} {}{}\n",
            r.source.label,
            r.relation,
            r.target.label,
            if r.symmetric { " (symmetric)" } else { "" }
        ));
        let mut facts = vec![("weight", r.weight.to_string())];
        if let Some(d) = r.date {
            facts.push(("date", d.to_string()));
        }
        if let Some(p) = &r.place {
            facts.push(("place", p.label.to_string()));
        }
        if !r.reported_by.is_empty() {
            let names: Vec<&str> = r.reported_by.iter().map(|e| e.label).collect();
            facts.push(("reported by", names.join(", ")));
        }
        for (k, v) in facts {
            out.push_str(&format!("  {k:<12} {}\n", cell(&v, 200)));
        }
        out.push_str("  documents\n");
        for d in &r.documents {
            let mut line = format!("    {}", d.id);
            if let Some(date) = d.date {
                line.push_str(&format!("  {date}"));
            }
            if let Some(t) = d.title {
                line.push_str(&format!("  {}", cell(t, 100)));
            }
            if let Some(u) = d.url {
                line.push_str(&format!("  <{u}>"));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("  evidence\n");
        for s in &r.evidence {
            out.push_str(&format!(
                "    [{} {}..{}] {}\n",
                s.document,
                s.start,
                s.end,
                cell(s.text, 2000)
            ));
        }
        if (r.evidence.len() as u64) < r.weight {
            out.push_str(&format!(
                "    ({} more mention(s) not kept; see --max-evidence)\n",
                r.weight - r.evidence.len() as u64
            ));
        }
    }
    out
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

    #[test]
    fn a_name_shared_by_two_entities_is_ambiguous() {
        let (mut nodes, edges, docs) = sample_graph().into_parts();
        for n in &mut nodes {
            if n.kind == crate::graph::Kind::Person {
                n.aliases.insert("The Leader".to_string());
            }
        }
        let g = EntityGraph::from_parts(nodes, edges, docs);
        let err = resolve(&g, "the leader").expect_err("two people");
        assert!(err.ambiguous && err.near.len() == 2, "{err}");
        assert!(err.to_string().contains("person:sergei-shoigu"), "{err}");
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
        let e = entities_table(&sample_graph());
        let first = e.lines().nth(1).expect("row");
        assert!(
            first.starts_with("Kim Jong Un"),
            "most mentioned first: {e}"
        );
    }

    #[test]
    fn explain_lists_every_relation_in_both_directions_with_evidence() {
        let g = sample_graph();
        let x = explain(&g, "Kim Jong Un", "Shoigu").expect("both known");
        let rels: Vec<&str> = x.relations.iter().map(|r| r.relation).collect();
        assert_eq!(rels, ["met", "agreed"]);
        let text = explain_text(&x);
        assert!(text.contains("Shoigu met Kim in Pyongyang."), "{text}");
        assert!(text.contains("doc1  2025-06-17"), "{text}");
        assert!(text.contains("<https://example.org/?a=1&b=2>"), "{text}");
        assert!(text.contains("place        Kursk"), "{text}");
        let json = serde_json::to_value(&x).expect("json");
        assert_eq!(json["relations"][0]["evidence"][0]["document"], "doc1");
        let none = explain(&g, "place:kursk", "North Korea").expect("known");
        assert!(explain_text(&none).starts_with("no relation between"));
    }

    #[test]
    fn relations_table_has_a_row_per_edge() {
        let g = sample_graph();
        let t = relations_table(&g);
        assert_eq!(t.lines().count(), g.edge_count() + 1);
        assert!(t.lines().next().expect("header").starts_with("SOURCE"));
    }
}
