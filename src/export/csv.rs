//! CSV export (`-f csv`): `nodes.csv` and `edges.csv`, one header each that
//! both Gephi's spreadsheet import (File → Import spreadsheet) and Neo4j's
//! `neo4j-admin database import full` take as they are.
//!
//! Comes in: a finished [`EntityGraph`]. Goes out: two RFC 4180 files (UTF-8,
//! no BOM, `\n` line endings, a header row, fields quoted when they hold `,`
//! or `"`, quotes doubled).
//!
//! The two readers look for different header names, so each file carries both
//! sets, and each reader takes what it knows:
//! - Gephi matches column names case-insensitively and exactly: nodes `Id`,
//!   `Label`; edges `Source`, `Target`, `Id`, `Label`, `Kind` (its edge type:
//!   parallel edges of different relations are not merged) and `Weight`.
//!   Every other column becomes an attribute (named as in the header).
//! - Neo4j reads `name:type` headers: `:ID`, `:LABEL` (here `Entity;Person`,
//!   …) on nodes, `:START_ID`, `:END_ID`, `:TYPE` (the relation in capitals,
//!   `MET`, `DEPLOYED_TO`) on edges; typed properties such as
//!   `mentions:long`, `aliases:string[]` (items separated by `;`, Neo4j's
//!   default array delimiter); Gephi's capitalised columns become plain string
//!   properties there (`weight:long` carries the number).
//!
//! Values: an absent value is an empty field (Neo4j then sets no property);
//! lists are `;`-separated (an item containing `;` is split by Neo4j);
//! `evidence` is the same JSON string as in GraphML. Newlines, tabs and other
//! control characters inside values become spaces, so no field spans lines
//! (Neo4j needs no `--multiline-fields`).

use super::Detail;
use super::record::{Carried, EDGE_FIELDS, Field, NODE_FIELDS, Value, applies, carried};
use super::sink::{Digits, Pass};
use super::xml::evidence_json;
use crate::graph::{Documents, EntityGraph, Kind};
use std::borrow::Cow;
use std::io::{self, Write};

/// The columns of `nodes.csv` before the fields: Gephi's, then Neo4j's.
const NODE_LEAD: [&str; 4] = ["Id", "Label", ":ID", ":LABEL"];

/// The columns of `edges.csv` before the fields: Gephi's and Neo4j's ends
/// and type, Gephi's id, label, kind and weight.
const EDGE_LEAD: [&str; 9] = [
    "Source",
    "Target",
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "Id",
    "Label",
    "Kind",
    "Weight",
];

/// The header of one file: the lead columns, then each field CSV carries
/// as `name:type` (Neo4j's typed header; Gephi takes the whole as a name).
fn header<R>(lead: &[&str], fields: &[&Field<R>]) -> Vec<String> {
    let mut h: Vec<String> = lead.iter().map(|c| c.to_string()).collect();
    h.extend(
        fields
            .iter()
            .map(|f| format!("{}{}", f.name, f.ty.csv_suffix())),
    );
    h
}

/// The `nodes.csv` header.
pub fn node_header(detail: Detail) -> Vec<String> {
    header(&NODE_LEAD, &carried(NODE_FIELDS, Carried::CSV, detail))
}

/// The `edges.csv` header.
pub fn edge_header(detail: Detail) -> Vec<String> {
    header(&EDGE_LEAD, &carried(EDGE_FIELDS, Carried::CSV, detail))
}

/// A field's value as CSV text: lists `;`-separated, evidence as JSON,
/// empty when absent.
fn cell<'a>(docs: &'a Documents, value: Value<'a>) -> Cow<'a, str> {
    match value {
        Value::Absent => Cow::Borrowed(""),
        Value::List(items) => list(items.iter(docs)),
        Value::Evidence(ev) => {
            let mut json = Vec::new();
            Pass::hold(|pass| evidence_json(&mut json, docs, ev, false, pass));
            Cow::Owned(String::from_utf8(json).expect("JSON text is UTF-8"))
        }
        Value::Str(s) => Cow::Borrowed(s),
        scalar => Cow::Owned(
            scalar
                .scalar(&mut Digits::new())
                .unwrap_or_default()
                .to_string(),
        ),
    }
}

/// A value as one CSV field: controls become spaces; quoted when needed.
///
/// ```
/// use ergraph::export::csv::field;
/// assert_eq!(field("plain"), "plain");
/// assert_eq!(field("a, \"b\"\nc"), "\"a, \"\"b\"\" c\"");
/// ```
pub fn field(value: &str) -> Cow<'_, str> {
    let cleaned: Cow<'_, str> = if value.chars().any(char::is_control) {
        Cow::Owned(
            value
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(value)
    };
    if cleaned.contains([',', '"']) || cleaned.starts_with(' ') || cleaned.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", cleaned.replace('"', "\"\"")))
    } else {
        cleaned
    }
}

fn row(out: &mut dyn Write, values: &[Cow<'_, str>]) -> io::Result<()> {
    let fields: Vec<Cow<'_, str>> = values.iter().map(|v| field(v)).collect();
    out.write_all(fields.join(",").as_bytes())?;
    out.write_all(b"\n")
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> Cow<'a, str> {
    Cow::Owned(items.into_iter().collect::<Vec<_>>().join(";"))
}

/// The Neo4j node label of a kind.
fn neo4j_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Entity;Person",
        Kind::Organization => "Entity;Organization",
        Kind::Country => "Entity;Country",
        Kind::Place => "Entity;Place",
        Kind::Treaty => "Entity;Treaty",
        Kind::Deployment => "Entity;Deployment",
    }
}

/// Writes the header row of one file.
fn write_header<R>(out: &mut dyn Write, lead: &[&str], fields: &[&Field<R>]) -> io::Result<()> {
    let head = header(lead, fields);
    let cells: Vec<Cow<'_, str>> = head.iter().map(|h| Cow::Borrowed(h.as_str())).collect();
    row(out, &cells)
}

/// Writes `nodes.csv`.
///
/// # Errors
/// Whatever `out` returns.
pub fn write_nodes_csv(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let fields = carried(NODE_FIELDS, Carried::CSV, detail);
    write_header(out, &NODE_LEAD, &fields)?;
    let docs = graph.documents();
    for n in graph.nodes() {
        let b = Cow::Borrowed;
        let mut values = vec![
            b(n.id.as_str()),
            b(n.label.as_str()),
            b(n.id.as_str()),
            b(neo4j_label(n.kind)),
        ];
        values.extend(fields.iter().map(|f| {
            if applies(f, n) {
                cell(docs, f.value(n, detail))
            } else {
                b("")
            }
        }));
        row(out, &values)?;
    }
    Ok(())
}

/// Writes `edges.csv`; edge ids are `e0`, `e1`, … as in GraphML and GEXF.
///
/// # Errors
/// Whatever `out` returns.
pub fn write_edges_csv(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let fields = carried(EDGE_FIELDS, Carried::CSV, detail);
    write_header(out, &EDGE_LEAD, &fields)?;
    let docs = graph.documents();
    for (i, e) in graph.edges().enumerate() {
        let b = Cow::Borrowed;
        let relation = e.relation.as_str();
        let mut values = vec![
            b(e.source.as_str()),
            b(e.target.as_str()),
            b(e.source.as_str()),
            b(e.target.as_str()),
            Cow::Owned(relation.to_ascii_uppercase()),
            Cow::Owned(format!("e{i}")),
            b(relation),
            b(relation),
            Cow::Owned(e.weight.to_string()),
        ];
        values.extend(fields.iter().map(|f| cell(docs, f.value(e, detail))));
        row(out, &values)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    fn render(f: fn(&EntityGraph, Detail, &mut dyn Write) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&sample_graph(), Detail::default(), &mut buf).expect("write");
        String::from_utf8(buf).expect("UTF-8")
    }

    /// A small RFC 4180 reader: rows of fields.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(field.is_empty() && row.is_empty(), "no final newline");
        rows
    }

    #[test]
    fn headers_serve_gephi_and_neo4j() {
        let nodes = parse(&render(write_nodes_csv));
        let lower: Vec<String> = nodes[0].iter().map(|h| h.to_lowercase()).collect();
        for gephi in ["id", "label"] {
            assert!(lower.contains(&gephi.to_string()), "{gephi}");
        }
        for neo in [":ID", ":LABEL"] {
            assert!(nodes[0].contains(&neo.to_string()), "{neo}");
        }
        let edges = parse(&render(write_edges_csv));
        let lower: Vec<String> = edges[0].iter().map(|h| h.to_lowercase()).collect();
        for gephi in ["source", "target", "kind", "weight", "id", "label"] {
            assert!(lower.contains(&gephi.to_string()), "{gephi}");
        }
        for neo in [":START_ID", ":END_ID", ":TYPE"] {
            assert!(edges[0].contains(&neo.to_string()), "{neo}");
        }
        // Gephi refuses a column whose lower-cased name repeats.
        for header in [&nodes[0], &edges[0]] {
            let set: std::collections::BTreeSet<String> =
                header.iter().map(|h| h.to_lowercase()).collect();
            assert_eq!(set.len(), header.len());
        }
    }

    #[test]
    fn every_row_has_every_column_and_values_survive() {
        let g = sample_graph();
        let nodes = parse(&render(write_nodes_csv));
        assert_eq!(nodes.len(), g.node_count() + 1);
        assert!(
            nodes
                .iter()
                .all(|r| r.len() == node_header(Detail::default()).len())
        );
        let shoigu = nodes
            .iter()
            .find(|r| r[0] == "person:sergei-shoigu")
            .expect("shoigu");
        assert_eq!(
            shoigu[1],
            "Сергей Шойгу \"the minister\" \\ <b>&amp; ]]> end\\"
        );
        assert_eq!(shoigu[3], "Entity;Person");
        let kursk = nodes.iter().find(|r| r[0] == "place:kursk").expect("kursk");
        assert_eq!(kursk[1], "Kursk   region", "controls become spaces");
        let edges = parse(&render(write_edges_csv));
        assert_eq!(edges.len(), g.edge_count() + 1);
        assert!(
            edges
                .iter()
                .all(|r| r.len() == edge_header(Detail::default()).len())
        );
        let met = edges.iter().find(|r| r[7] == "met").expect("met");
        assert_eq!((met[4].as_str(), met[8].as_str()), ("MET", "4"));
        let ev: serde_json::Value = serde_json::from_str(&met[16]).expect("evidence JSON");
        assert_eq!(ev[0]["document"], "doc1");
        let deployed = edges.iter().find(|r| r[4] == "DEPLOYED_TO");
        assert!(deployed.is_some());
    }

    #[test]
    fn no_field_spans_lines() {
        let text = render(write_edges_csv);
        assert_eq!(text.lines().count(), sample_graph().edge_count() + 1);
        assert!(!text.contains('\r'));
    }
}
