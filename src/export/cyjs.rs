//! Cytoscape.js elements JSON (`graph.cyjs`, `-f cyjs`): read by Cytoscape.js
//! (`cytoscape({ elements: data.elements })`), by networkx
//! (`cytoscape_graph(data)`) and, as `.cyjs`, by Cytoscape desktop.
//!
//! Comes in: a finished [`EntityGraph`]. Goes out: one pretty-printed UTF-8
//! JSON document (FORMATS.md §8.3):
//! - top level: `data` (`name`, `generator`, `documents`, `relations`,
//!   `kinds`), `directed` and `multigraph` (both true; networkx needs all
//!   three), `elements` with `nodes` and `edges`;
//! - node `data`: every field of the JSON export's node (`id`, `label`,
//!   `kind`, …), plus `value` (the id: networkx's node key) and `name` (the
//!   label);
//! - edge `data`: `id`, then every field of the JSON export's link. The id is
//!   `source->target#key`: deterministic, unique (keys are unique per pair),
//!   and never a node id (Cytoscape.js silently drops an edge whose id is a
//!   node's); see [`edge_id`].

use super::Detail;
use super::json::JsonDocuments;
use super::record::JsonRecord;
use crate::graph::{Edge, EntityGraph, GENERATOR, Node};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};

#[derive(Serialize)]
pub(crate) struct CyGraph<'a> {
    data: CyMeta<'a>,
    directed: bool,
    multigraph: bool,
    elements: CyElements<'a>,
}

#[derive(Serialize)]
struct CyMeta<'a> {
    name: &'static str,
    generator: &'static str,
    documents: JsonDocuments<'a>,
    relations: Vec<&'static str>,
    kinds: Vec<&'static str>,
}

#[derive(Serialize)]
struct CyElements<'a> {
    nodes: Vec<CyElement<CyNode<'a>>>,
    edges: Vec<CyElement<CyEdge<'a>>>,
}

#[derive(Serialize)]
struct CyElement<T> {
    data: T,
}

#[derive(Serialize)]
struct CyNode<'a> {
    #[serde(flatten)]
    node: JsonRecord<'a, Node>,
    value: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct CyEdge<'a> {
    id: String,
    #[serde(flatten)]
    link: JsonRecord<'a, Edge>,
}

/// The Cytoscape.js id of an edge: `source->target#key`, with `#` appended
/// in the (by construction impossible) case that it equals a node id.
///
/// ```
/// # use std::collections::BTreeSet;
/// # use ergraph::export::cyjs::edge_id;
/// let nodes: BTreeSet<&str> = ["a->b#0"].into_iter().collect();
/// assert_eq!(edge_id("a", "b", 0, &nodes), "a->b#0#");
/// assert_eq!(edge_id("a", "b", 1, &nodes), "a->b#1");
/// ```
pub fn edge_id(source: &str, target: &str, key: u32, node_ids: &BTreeSet<&str>) -> String {
    let mut id = format!("{source}->{target}#{key}");
    while node_ids.contains(id.as_str()) {
        id.push('#');
    }
    id
}

/// The document [`write_cyjs`] writes, also embedded in the HTML page.
pub(crate) fn cy_graph(graph: &EntityGraph, detail: Detail) -> CyGraph<'_> {
    let node_ids: BTreeSet<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
    let edge =
        |e: &'_ Edge| -> String { edge_id(e.source.as_str(), e.target.as_str(), e.key, &node_ids) };
    CyGraph {
        data: CyMeta {
            name: "ergraph",
            generator: GENERATOR,
            documents: JsonDocuments(graph.documents()),
            relations: graph
                .relations_used()
                .into_iter()
                .map(|r| r.as_str())
                .collect(),
            kinds: graph.kinds_used().into_iter().map(|k| k.as_str()).collect(),
        },
        directed: true,
        multigraph: true,
        elements: CyElements {
            nodes: graph
                .nodes()
                .map(|n| CyElement {
                    data: CyNode {
                        node: JsonRecord {
                            docs: graph.documents(),
                            record: n,
                            detail,
                        },
                        value: n.id.as_str(),
                        name: &n.label,
                    },
                })
                .collect(),
            edges: graph
                .edges()
                .map(|e| CyElement {
                    data: CyEdge {
                        id: edge(e),
                        link: JsonRecord {
                            docs: graph.documents(),
                            record: e,
                            detail,
                        },
                    },
                })
                .collect(),
        },
    }
}

/// Writes `graph` as Cytoscape.js elements JSON, pretty-printed, with a final newline.
///
/// # Errors
/// Whatever `out` returns.
pub fn write_cyjs(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    super::pretty::to_writer_pretty(&mut *out, &cy_graph(graph, detail))?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;
    use serde_json::Value;

    fn parsed() -> Value {
        let mut buf = Vec::new();
        write_cyjs(&sample_graph(), Detail::default(), &mut buf).expect("write");
        serde_json::from_slice(&buf).expect("JSON")
    }

    #[test]
    fn top_level_has_what_networkx_needs() {
        let v = parsed();
        assert_eq!(v["directed"], true);
        assert_eq!(v["multigraph"], true);
        assert_eq!(v["data"]["name"], "ergraph");
        assert_eq!(v["data"]["generator"], GENERATOR);
        assert_eq!(v["elements"]["nodes"].as_array().map(Vec::len), Some(7));
        assert_eq!(v["elements"]["edges"].as_array().map(Vec::len), Some(6));
    }

    #[test]
    fn nodes_have_value_and_name() {
        let v = parsed();
        for n in v["elements"]["nodes"].as_array().expect("nodes") {
            let d = &n["data"];
            assert_eq!(d["value"], d["id"]);
            assert_eq!(d["name"], d["label"]);
            assert!(d["kind"].is_string() && d["mentions"].is_u64());
        }
    }

    #[test]
    fn edge_ids_are_unique_stable_and_never_node_ids() {
        let v = parsed();
        let nodes: BTreeSet<String> = v["elements"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| n["data"]["id"].as_str().expect("id").to_string())
            .collect();
        let mut ids = BTreeSet::new();
        for e in v["elements"]["edges"].as_array().expect("edges") {
            let d = &e["data"];
            let id = d["id"].as_str().expect("edge id");
            assert_eq!(
                id,
                format!(
                    "{}->{}#{}",
                    d["source"].as_str().expect("source"),
                    d["target"].as_str().expect("target"),
                    d["key"]
                )
            );
            assert!(!nodes.contains(id));
            assert!(ids.insert(id.to_string()), "duplicate {id}");
            assert!(nodes.contains(d["source"].as_str().expect("s")));
            assert!(nodes.contains(d["target"].as_str().expect("t")));
        }
        assert!(ids.contains("person:sergei-shoigu->person:kim-jong-un#1"));
    }

    #[test]
    fn edges_keep_evidence_for_the_viewer() {
        let v = parsed();
        let met = v["elements"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .find(|e| e["data"]["relation"] == "met")
            .expect("met");
        assert_eq!(
            met["data"]["evidence"][0]["text"],
            "Shoigu met Kim in Pyongyang.\nLine two \"quoted\" \\ & <x>"
        );
    }
}
