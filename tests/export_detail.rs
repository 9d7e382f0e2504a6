//! `--documents count` and `--evidence N`: exports sized for their readers.
//!
//! The reduced exports hold what they say (a `document_count` in place of
//! the `documents` lists, at most N evidence sentences, none and no field at
//! `0`), per-format settings reach only their format, the defaults write
//! what GRAPH.md asks for, and every real reader still loads the reduced
//! files: xmllint with the GraphML XSD and the GEXF grammar, networkx on
//! JSON, GraphML, GEXF and cyjs, graphology and Cytoscape.js, Graphviz, and
//! the viewer page in headless Chromium. A missing reader prints `skipped:
//! install X` and passes, except under `ERGRAPH_REQUIRE_READERS=1`.

mod common;

use common::harness::{self, test};

use common::{
    reader_graphs, require_env_dir, require_js_readers, require_python_module, require_tool, run,
};
use ergraph::export::{DocumentsMode, ExportOptions, Format, PerFormat, write_files};
use ergraph::graph::EntityGraph;
use std::path::Path;
use std::process::Command;

/// `--documents count --evidence 1,gexf=0`.
fn reduced() -> ExportOptions {
    ExportOptions {
        documents: PerFormat::parse("count", DocumentsMode::All, DocumentsMode::parse)
            .expect("parse"),
        evidence: PerFormat::parse("1,gexf=0", usize::MAX, |v| v.parse().ok()).expect("parse"),
        ..ExportOptions::default()
    }
}

fn write_with(g: &EntityGraph, opts: &ExportOptions) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(g, &Format::ALL, opts, dir.path()).expect("write exports");
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read export")
}

fn counts_replace_lists_and_evidence_is_cut_per_format() {
    for (name, g) in reader_graphs() {
        let dir = write_with(&g, &reduced());
        let d = dir.path();
        let json: serde_json::Value = serde_json::from_str(&read(d, "graph.json")).expect("JSON");
        for (n, j) in g.nodes().zip(json["nodes"].as_array().expect("nodes")) {
            assert!(j.get("documents").is_none(), "{name}: {j}");
            assert_eq!(j["document_count"], n.documents.len(), "{name}: {j}");
        }
        for (e, j) in g.edges().zip(json["links"].as_array().expect("links")) {
            assert!(j.get("documents").is_none(), "{name}: {j}");
            assert_eq!(j["document_count"], e.documents.len(), "{name}");
            let ev = j["evidence"].as_array().expect("evidence kept in JSON");
            assert_eq!(ev.len(), e.evidence.len().min(1), "{name}: {j}");
        }
        // The run's graph still has the documents: only the file is smaller.
        assert!(
            g.edges()
                .any(|e| e.documents.len() > 1 || e.evidence.len() > 1)
        );
        let graphml = read(d, "graph.graphml");
        assert!(graphml.contains(
            r#"<key id="n_document_count" for="node" attr.name="document_count" attr.type="int"/>"#
        ));
        assert!(!graphml.contains("\"n_documents\"") && !graphml.contains("\"e_documents\""));
        let gexf = read(d, "graph.gexf");
        assert!(
            gexf.contains(
                r#"<attribute id="document_count" title="document_count" type="integer"/>"#
            )
        );
        assert!(
            !gexf.contains(r#"for="evidence""#),
            "{name}: gexf=0 writes no evidence"
        );
        assert!(
            !gexf.contains(r#"id="evidence""#),
            "{name}: nor declares it"
        );
        let nodes_csv = read(d, "nodes.csv");
        assert!(
            nodes_csv
                .lines()
                .next()
                .expect("header")
                .contains("document_count:long")
        );
        let dot = read(d, "graph.dot");
        assert!(
            !dot.contains("documents: doc"),
            "{name}: DOT tooltips count too"
        );
    }
}

fn the_defaults_write_every_document_and_sentence() {
    let g = common::seeds_graph();
    let plain = write_with(&g, &ExportOptions::default());
    let all = ExportOptions {
        documents: PerFormat::parse("all", DocumentsMode::Count, DocumentsMode::parse)
            .expect("parse"),
        evidence: PerFormat::parse("100", 0, |v| v.parse().ok()).expect("parse"),
        ..ExportOptions::default()
    };
    let explicit = write_with(&g, &all);
    for f in Format::ALL {
        for file in f.file_names() {
            assert_eq!(
                read(plain.path(), file),
                read(explicit.path(), file),
                "{file}: --documents all and --evidence above --max-evidence change nothing"
            );
        }
    }
    assert!(read(plain.path(), "graph.json").contains("\"documents\": ["));
}

fn a_per_format_value_reaches_only_its_format() {
    let g = common::seeds_graph();
    let opts = ExportOptions {
        documents: PerFormat::parse("json=count", DocumentsMode::All, DocumentsMode::parse)
            .expect("parse"),
        ..ExportOptions::default()
    };
    let dir = write_with(&g, &opts);
    assert!(read(dir.path(), "graph.json").contains("\"document_count\""));
    for other in ["graph.cyjs", "graph.graphml", "graph.gexf", "nodes.csv"] {
        let text = read(dir.path(), other);
        assert!(!text.contains("document_count"), "{other}");
    }
}

fn bad_values_are_usage_errors_naming_the_part() {
    let bin = env!("CARGO_BIN_EXE_ergraph");
    for (flag, value, says) in [
        ("--documents", "some", "\"some\""),
        ("--documents", "svg=count", "\"svg\" is not a format"),
        ("--evidence", "two", "\"two\""),
        ("--evidence", "1,json=2,json=3", "json is given twice"),
    ] {
        let out = Command::new(bin)
            .args([flag, value, "-o"])
            .arg(tempfile::tempdir().expect("dir").path().join("never"))
            .output()
            .expect("run ergraph");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(stderr.contains(says), "{flag} {value}: {stderr}");
    }
}

fn xmllint_validates_the_reduced_graphml_and_gexf() {
    let Some(xmllint) = require_tool("xmllint") else {
        return;
    };
    let Some(schemas) = require_env_dir("ERGRAPH_SCHEMAS") else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_with(&g, &reduced());
        for (file, flag, schema) in [
            (
                "graph.graphml",
                "--schema",
                schemas.join("graphml").join("graphml.xsd"),
            ),
            (
                "graph.gexf",
                "--relaxng",
                schemas.join("gexf").join("gexf.rng"),
            ),
        ] {
            let (ok, _, stderr) = run(Command::new(&xmllint)
                .args(["--noout", "--nonet", flag])
                .arg(&schema)
                .arg(dir.path().join(file)));
            assert!(
                ok && stderr.trim_end().ends_with("validates"),
                "{name}: reduced {file} does not validate:\n{stderr}"
            );
        }
    }
}

/// networkx reads every reduced file and finds the counts as numbers.
const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
d = sys.argv[1]
with open(d + "/graph.json", encoding="utf-8") as f:
    J = nx.node_link_graph(json.load(f), edges="links")
G = nx.read_graphml(d + "/graph.graphml", force_multigraph=True)
X = nx.read_gexf(d + "/graph.gexf")
with open(d + "/graph.cyjs", encoding="utf-8") as f:
    C = nx.cytoscape_graph(json.load(f))
for H in (G, X, C):
    assert set(H.nodes) == set(J.nodes)
    assert H.number_of_edges() == J.number_of_edges()
for n, a in J.nodes(data=True):
    for H in (G, X, C):
        assert type(H.nodes[n]["document_count"]) is int, n
        assert H.nodes[n]["document_count"] == a["document_count"], n
        assert "documents" not in H.nodes[n], n
for u, v, a in X.edges(data=True):
    assert "evidence" not in a, (u, v)
for u, v, a in G.edges(data=True):
    assert len(json.loads(a["evidence"])) <= 1, (u, v)
print(J.number_of_nodes(), J.number_of_edges())
"#;

fn networkx_reads_every_reduced_export() {
    let Some(python) =
        require_python_module("networkx", "networkx>=3.4 (pip install \"networkx>=3.4\")")
    else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_with(&g, &reduced());
        let (ok, stdout, stderr) = run(Command::new(&python)
            .args(["-c", NETWORKX_CHECK])
            .arg(dir.path()));
        assert!(ok, "{name}: networkx failed:\n{stdout}\n{stderr}");
        assert_eq!(
            stdout.trim(),
            format!("{} {}", g.node_count(), g.edge_count()),
            "{name}"
        );
    }
}

fn graphology_cytoscape_and_graphviz_read_the_reduced_exports() {
    for (name, g) in reader_graphs() {
        let dir = write_with(&g, &reduced());
        if let Some((node, js)) = require_js_readers() {
            let (ok, stdout, stderr) = run(Command::new(&node)
                .arg(js.join("check-exports.mjs"))
                .arg(dir.path().join("graph.gexf"))
                .arg(dir.path().join("graph.cyjs")));
            assert!(ok, "{name}: JavaScript readers failed:\n{stdout}\n{stderr}");
            let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON line");
            let (n, e) = (g.node_count() as u64, g.edge_count() as u64);
            for reader in ["gexf", "cyjs"] {
                assert_eq!(
                    (v[reader]["nodes"].as_u64(), v[reader]["edges"].as_u64()),
                    (Some(n), Some(e)),
                    "{name}: {reader}: {v}"
                );
            }
        }
        if let Some(dot) = require_tool("dot") {
            let svg = dir.path().join("graph.svg");
            let (ok, _, stderr) = run(Command::new(&dot)
                .arg("-Tsvg")
                .arg(dir.path().join("graph.dot"))
                .arg("-o")
                .arg(&svg));
            assert!(ok && stderr.trim().is_empty(), "{name}: dot: {stderr}");
        }
    }
}

fn the_viewer_page_works_with_counts_in_headless_chromium() {
    let Some(chromium) = require_tool("chromium") else {
        return;
    };
    let Some((node, js)) = require_js_readers() else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_with(&g, &reduced());
        let shot = dir.path().join("viewer.png");
        let (ok, stdout, stderr) = run(Command::new(&node)
            .env("CHROMIUM", &chromium)
            .arg(js.join("check-viewer.mjs"))
            .arg(dir.path().join("graph.html"))
            .arg(&shot));
        assert!(ok, "{name}: check-viewer failed:\n{stdout}\n{stderr}");
        let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON line");
        assert_eq!(v["errors"], serde_json::json!([]), "{name}: {v}");
        assert_eq!(v["nodes"].as_u64(), Some(g.node_count() as u64), "{name}");
        let clicked = &v["clicked"];
        assert_eq!(clicked["evidenceShown"], true, "{name}: {v}");
        assert_eq!(clicked["documentShown"], true, "{name}: {v}");
        assert!(
            clicked["documentsText"]
                .as_str()
                .is_some_and(|t| t.contains("document(s)")),
            "{name}: the panel gives the number of documents: {v}"
        );
    }
}

fn main() {
    harness::run(vec![
        test(
            "counts_replace_lists_and_evidence_is_cut_per_format",
            counts_replace_lists_and_evidence_is_cut_per_format,
        ),
        test(
            "the_defaults_write_every_document_and_sentence",
            the_defaults_write_every_document_and_sentence,
        ),
        test(
            "a_per_format_value_reaches_only_its_format",
            a_per_format_value_reaches_only_its_format,
        ),
        test(
            "bad_values_are_usage_errors_naming_the_part",
            bad_values_are_usage_errors_naming_the_part,
        ),
        test(
            "xmllint_validates_the_reduced_graphml_and_gexf",
            xmllint_validates_the_reduced_graphml_and_gexf,
        ),
        test(
            "networkx_reads_every_reduced_export",
            networkx_reads_every_reduced_export,
        ),
        test(
            "graphology_cytoscape_and_graphviz_read_the_reduced_exports",
            graphology_cytoscape_and_graphviz_read_the_reduced_exports,
        ),
        test(
            "the_viewer_page_works_with_counts_in_headless_chromium",
            the_viewer_page_works_with_counts_in_headless_chromium,
        ),
    ]);
}
