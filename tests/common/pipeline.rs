//! Bytes through the whole library pipeline, as a file would go: decode,
//! [`Document::new`], extraction, [`GraphBuilder`], and all three exports
//! rendered to memory and parsed back (serde_json, the GraphML structure check
//! of `graphml.rs`, the DOT parser of `dotparse.rs`); every JSON evidence
//! `start..end` must slice the document to its text.
//!
//! Shared by `tests/hostile_text.rs`, `tests/fuzz_regressions.rs` and the fuzz
//! target (`fuzz/fuzz_targets/pipeline.rs` includes this file with `#[path]`),
//! so a crash the fuzzer keeps replays through exactly the same checks. It
//! refers to its siblings as `super::…`, which is `common` in the tests and the
//! crate root in the fuzz target.

use super::dotparse::parse_dot;
use super::graphml::check_graphml;
use ergraph::corpus::Document;
use ergraph::corpus::decode::decode;
use ergraph::export::{ExportOptions, Format, write};
use ergraph::graph::EntityGraph;
use ergraph::graph::build::{DEFAULT_MAX_EVIDENCE, GraphBuilder};
use ergraph::lexicon::Lexicon;

/// What one input produced: nothing (skipped as binary or empty) or a graph.
pub enum Outcome {
    Skipped(String),
    Graph(Box<EntityGraph>),
}

/// Decodes `bytes` like a file named `fuzz.txt` and runs every check.
///
/// # Errors
/// Which export failed which check, or which evidence span does not slice
/// the document.
pub fn check_bytes(bytes: &[u8], lex: &Lexicon) -> Result<Outcome, String> {
    match decode("fuzz.txt", bytes) {
        Err(w) => Ok(Outcome::Skipped(w.to_string())),
        Ok((text, _)) => check_text(text, lex).map(|g| Outcome::Graph(Box::new(g))),
    }
}

/// Runs decoded `text` through extraction, the graph and every export check.
///
/// # Errors
/// As [`check_bytes`].
pub fn check_text(text: String, lex: &Lexicon) -> Result<EntityGraph, String> {
    let doc = Document::new(
        "fuzz".to_string(),
        "in/fuzz.txt".to_string(),
        text,
        None,
        None,
        None,
    );
    let ex = ergraph::extract::extract_document(&doc, lex);
    let mut builder = GraphBuilder::new(DEFAULT_MAX_EVIDENCE);
    builder.add(&ex);
    let graph = builder.finish();
    check_exports(&graph, &doc.text)?;
    Ok(graph)
}

/// Renders every export of `graph` and parses each back; `text` is the one
/// document's text, which every evidence span must slice.
///
/// # Errors
/// The first failed check, naming the export.
pub fn check_exports(graph: &EntityGraph, text: &str) -> Result<(), String> {
    let render = |format: Format| -> Result<String, String> {
        let mut buf = Vec::new();
        write(format, graph, &ExportOptions::default(), &mut buf)
            .map_err(|e| format!("{}: write failed: {e}", format.as_str()))?;
        String::from_utf8(buf).map_err(|e| format!("{}: not UTF-8: {e}", format.as_str()))
    };

    let json = render(Format::Json)?;
    let v: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("json: does not parse: {e}"))?;
    let nodes = v["nodes"].as_array().ok_or("json: no nodes array")?;
    let links = v["links"].as_array().ok_or("json: no links array")?;
    if nodes.len() != graph.node_count() || links.len() != graph.edge_count() {
        return Err(format!(
            "json: {} nodes and {} links for a graph of {} and {}",
            nodes.len(),
            links.len(),
            graph.node_count(),
            graph.edge_count()
        ));
    }
    for link in links {
        for ev in link["evidence"].as_array().into_iter().flatten() {
            let start = ev["start"].as_u64().ok_or("json: evidence without start")? as usize;
            let end = ev["end"].as_u64().ok_or("json: evidence without end")? as usize;
            let want = ev["text"].as_str().ok_or("json: evidence without text")?;
            let got = text.get(start..end);
            if got != Some(want) {
                return Err(format!(
                    "json: evidence {start}..{end} is {want:?} but slices the document to {got:?}"
                ));
            }
        }
    }

    let graphml = render(Format::Graphml)?;
    let doc = check_graphml(&graphml).map_err(|e| format!("graphml: {e}"))?;
    if doc.nodes.len() != graph.node_count() || doc.edges.len() != graph.edge_count() {
        return Err("graphml: node or edge count differs from the graph".to_string());
    }

    let dot = render(Format::Dot)?;
    let parsed = parse_dot(&dot).map_err(|e| format!("dot: {e}"))?;
    if parsed.nodes.len() != graph.node_count() || parsed.edges.len() != graph.edge_count() {
        return Err("dot: node or edge count differs from the graph".to_string());
    }
    Ok(())
}
