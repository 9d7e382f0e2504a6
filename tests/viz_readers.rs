//! The real readers on the exports added for Gephi, Graphviz layouts, the
//! browser and databases: xmllint with the GEXF 1.3 RELAX NG grammar,
//! networkx (`read_gexf`, `cytoscape_graph`, and GraphML's Gephi keys),
//! graphology-gexf and Cytoscape.js (through `tests/js/check-exports.mjs`),
//! Python's csv module on `nodes.csv`/`edges.csv`, and Graphviz on the
//! clustered and the large DOT drawings.
//!
//! Each runs on the nasty hand-built graph and on the seeds' graph. A test
//! whose reader is missing is reported `ignored` with what to install
//! (`tests/common/harness.rs`), except under `ERGRAPH_REQUIRE_READERS=1`
//! (CI), where it fails.

mod common;

use common::harness::{self, *};

use common::{
    reader_graphs, require_env_dir, require_js_readers, require_python_module, require_tool, run,
    write_all,
};
use ergraph::export::{Cluster, ExportOptions, Format, write_files};
use ergraph::graph::{EntityGraph, Kind, Relation};
use std::process::Command;

fn gexf_validates_against_the_gexf_1_3_grammar() {
    let Some(xmllint) = require_tool("xmllint") else {
        return;
    };
    let Some(schemas) = require_env_dir("ERGRAPH_SCHEMAS") else {
        return;
    };
    let rng = schemas.join("gexf").join("gexf.rng");
    let xsd = schemas.join("gexf").join("gexf.xsd");
    assert!(rng.is_file(), "{} is missing", rng.display());
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let gexf = dir.path().join("graph.gexf");
        for (flag, schema) in [("--relaxng", &rng), ("--schema", &xsd)] {
            let (ok, _, stderr) = run(Command::new(&xmllint)
                .args(["--noout", "--nonet", flag])
                .arg(schema)
                .arg(&gexf));
            assert!(
                ok && stderr.trim_end().ends_with("validates"),
                "{name}: graph.gexf does not validate with {flag}:\n{stderr}"
            );
        }
    }
}

/// Reads GEXF and cyjs with networkx and compares them with the JSON export.
const NETWORKX_CHECK: &str = r#"
import json, re, sys
import networkx as nx

gexf_path, cyjs_path, json_path, graphml_path = sys.argv[1:5]
with open(json_path, encoding="utf-8") as f:
    J = nx.node_link_graph(json.load(f), edges="links")
illegal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
clean = lambda s: illegal.sub("", s)
j_edges = sorted((u, v, d["relation"], k) for u, v, k, d in J.edges(keys=True, data=True))

X = nx.read_gexf(gexf_path)
assert X.is_directed() and X.is_multigraph(), "GEXF is not a MultiDiGraph"
assert set(X.nodes) == set(J.nodes), "GEXF node ids differ"
for n, d in J.nodes(data=True):
    x = X.nodes[n]
    assert x["label"] == clean(d["label"]), ("label", n)
    assert x["kind"] == d["kind"] and x["mentions"] == d["mentions"], n
    c = x["viz"]["color"]
    assert all(0 <= c[k] <= 255 for k in "rgb"), ("colour", n)
    assert x["viz"]["size"] > 0, ("size", n)
x_edges = sorted((u, v, d["relation"], d["edge_key"]) for u, v, d in X.edges(data=True))
assert x_edges == j_edges, ("GEXF edges differ", x_edges, j_edges)
for u, v, d in X.edges(data=True):
    assert d["label"] == d["relation"], (u, v)
dated = sum(1 for _, d in X.nodes(data=True) if d.get("spells"))

with open(cyjs_path, encoding="utf-8") as f:
    C = nx.cytoscape_graph(json.load(f))
assert C.is_directed() and C.is_multigraph(), "cyjs is not a MultiDiGraph"
assert set(C.nodes) == set(J.nodes), "cyjs node ids differ"
c_edges = sorted((u, v, d["relation"], k) for u, v, k, d in C.edges(keys=True, data=True))
assert c_edges == j_edges, ("cyjs edges differ", c_edges, j_edges)
for n, d in C.nodes(data=True):
    assert d["name"] == J.nodes[n]["label"], ("name", n)

# GraphML: the colours and sizes Gephi reads, typed as FORMATS.md section 3.1 says.
G = nx.read_graphml(graphml_path, force_multigraph=True)
for n, d in G.nodes(data=True):
    assert all(type(d[k]) is int and 0 <= d[k] <= 255 for k in "rgb"), ("rgb", n)
    assert type(d["size"]) is float and d["size"] > 0, ("size", n)
for u, v, d in G.edges(data=True):
    assert all(type(d[k]) is int for k in "rgb"), ("edge rgb", u, v)

print(X.number_of_nodes(), X.number_of_edges(), C.number_of_nodes(), C.number_of_edges(), dated)
"#;

fn networkx_reads_gexf_and_cyjs_as_the_json_graph() {
    let Some(python) =
        require_python_module("networkx", "networkx>=3.4 (pip install \"networkx>=3.4\")")
    else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let p = |f: &str| dir.path().join(f);
        let (ok, stdout, stderr) = run(Command::new(&python)
            .args(["-W", "error::FutureWarning", "-c", NETWORKX_CHECK])
            .arg(p("graph.gexf"))
            .arg(p("graph.cyjs"))
            .arg(p("graph.json"))
            .arg(p("graph.graphml")));
        assert!(ok, "{name}: networkx check failed:\n{stdout}\n{stderr}");
        let counts: Vec<usize> = stdout
            .split_whitespace()
            .map(|n| n.parse().expect("count"))
            .collect();
        let (n, e) = (g.node_count(), g.edge_count());
        assert_eq!(&counts[..4], &[n, e, n, e], "{name}: {stdout}");
        if name == "seeds" {
            // Most seeds are dated, so Gephi's timeline has something to replay.
            assert!(
                counts[4] * 2 > n,
                "{name}: only {} of {n} entities have a spell",
                counts[4]
            );
        }
    }
}

fn graphology_and_cytoscape_read_gexf_and_cyjs() {
    let Some((node, js)) = require_js_readers() else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let (ok, stdout, stderr) = run(Command::new(&node)
            .arg(js.join("check-exports.mjs"))
            .arg(dir.path().join("graph.gexf"))
            .arg(dir.path().join("graph.cyjs")));
        assert!(ok, "{name}: JavaScript readers failed:\n{stdout}\n{stderr}");
        let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
        let (n, e) = (g.node_count() as u64, g.edge_count() as u64);
        let gexf = &v["gexf"];
        assert_eq!(
            (gexf["nodes"].as_u64(), gexf["edges"].as_u64()),
            (Some(n), Some(e)),
            "{name}: {v}"
        );
        assert_eq!(gexf["multi"], true, "{name}");
        assert_eq!(gexf["type"], "directed", "{name}");
        for check in ["kindIsRelation", "colored", "sized", "aliasLists"] {
            assert_eq!(gexf[check], true, "{name}: graphology-gexf {check}: {v}");
        }
        let cy = &v["cyjs"];
        assert_eq!(
            (cy["nodes"].as_u64(), cy["edges"].as_u64()),
            (Some(n), Some(e)),
            "{name}: {v}"
        );
        assert_eq!(cy["edgeIdsAreNodeIds"], 0, "{name}");
        if name == "nasty graph" {
            assert!(
                cy["parallel"].as_u64() >= Some(2),
                "{name}: parallel edges kept"
            );
            assert_eq!(cy["loops"], 1, "{name}: the self-loop is kept");
        }
    }
}

/// Reads both CSV files the way a spreadsheet importer does and checks the
/// headers each of Gephi and Neo4j looks for.
const CSV_CHECK: &str = r#"
import csv, json, sys
nodes_path, edges_path = sys.argv[1:3]
with open(nodes_path, newline="", encoding="utf-8") as f:
    nodes = list(csv.reader(f, strict=True))
with open(edges_path, newline="", encoding="utf-8") as f:
    edges = list(csv.reader(f, strict=True))
nh, eh = nodes[0], edges[0]
# Gephi: special columns matched case-insensitively; a repeated name is refused.
assert {"id", "label"} <= {h.lower() for h in nh}, nh
assert {"source", "target", "kind", "weight", "id", "label"} <= {h.lower() for h in eh}, eh
for h in (nh, eh):
    assert len({c.lower() for c in h}) == len(h), ("repeated column", h)
# Neo4j: exactly one :ID, :START_ID, :END_ID, :TYPE; every other typed header is known.
assert nh.count(":ID") == 1 and nh.count(":LABEL") == 1, nh
assert [eh.count(c) for c in (":START_ID", ":END_ID", ":TYPE")] == [1, 1, 1], eh
known = {"int", "long", "boolean", "string[]", "ID", "LABEL", "START_ID", "END_ID", "TYPE"}
for h in nh + eh:
    if ":" in h:
        assert h.split(":", 1)[1] in known, ("unknown neo4j type", h)
assert all(len(r) == len(nh) for r in nodes), "ragged nodes.csv"
assert all(len(r) == len(eh) for r in edges), "ragged edges.csv"
ids = [r[nh.index(":ID")] for r in nodes[1:]]
assert len(set(ids)) == len(ids), "duplicate :ID"
assert all(r[nh.index("Id")] == r[nh.index(":ID")] for r in nodes[1:])
for r in edges[1:]:
    assert r[eh.index(":START_ID")] in ids and r[eh.index(":END_ID")] in ids, ("dangling", r[:3])
    assert r[eh.index(":TYPE")] == r[eh.index("Kind")].upper()
    int(r[eh.index("weight:long")]); float(r[eh.index("Weight")])
    json.loads(r[eh.index("evidence")])
for r in nodes[1:]:
    int(r[nh.index("mentions:long")])
    assert r[nh.index(":LABEL")].startswith("Entity;")
print(len(nodes) - 1, len(edges) - 1)
"#;

fn csv_files_read_as_gephi_and_neo4j_tables() {
    let Some(python) = require_tool("python3") else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let (ok, stdout, stderr) = run(Command::new(&python)
            .args(["-c", CSV_CHECK])
            .arg(dir.path().join("nodes.csv"))
            .arg(dir.path().join("edges.csv")));
        assert!(ok, "{name}: CSV check failed:\n{stdout}\n{stderr}");
        assert_eq!(
            stdout.trim(),
            format!("{} {}", g.node_count(), g.edge_count()),
            "{name}"
        );
    }
}

/// Renders `dot_file` with `engine` to SVG: no warning, well-formed, and
/// gvpr counts exactly the graph's nodes and edges (clusters and the legend
/// add none).
#[track_caller]
fn render_clean(engine: &str, dot_file: &std::path::Path, g: &EntityGraph, what: &str) {
    let Some(tool) = require_tool(engine) else {
        return;
    };
    let svg = dot_file.with_extension(format!("{engine}.svg"));
    let (ok, _, stderr) = run(Command::new(&tool)
        .arg("-Tsvg")
        .arg("-o")
        .arg(&svg)
        .arg(dot_file));
    assert!(
        ok && stderr.is_empty(),
        "{what}: {engine} failed or warned:\n{stderr}"
    );
    if let Some(xmllint) = require_tool("xmllint") {
        let (ok, _, stderr) = run(Command::new(xmllint).args(["--noout", "--nonet"]).arg(&svg));
        assert!(
            ok && stderr.is_empty(),
            "{what}: SVG not well-formed:\n{stderr}"
        );
    }
    if let Some(gvpr) = require_tool("gvpr") {
        let (ok, stdout, stderr) = run(Command::new(gvpr)
            .arg(r#"BEG_G { printf("%d %d\n", nNodes($G), nEdges($G)) }"#)
            .arg(dot_file));
        assert!(ok && stderr.is_empty(), "{what}: gvpr failed:\n{stderr}");
        assert_eq!(
            stdout.trim(),
            format!("{} {}", g.node_count(), g.edge_count()),
            "{what}: gvpr counts"
        );
    }
}

fn dot_clusters_render_without_warnings_and_add_no_nodes() {
    if require_tool("dot").is_none() {
        return;
    }
    for (name, g) in reader_graphs() {
        for cluster in [Cluster::Document, Cluster::Kind] {
            let dir = tempfile::tempdir().expect("temp dir");
            let opts = ExportOptions {
                dot_cluster: Some(cluster),
                ..ExportOptions::default()
            };
            write_files(&g, &[Format::Dot], &opts, dir.path()).expect("write");
            let dot_file = dir.path().join("graph.dot");
            let text = std::fs::read_to_string(&dot_file).expect("read");
            assert!(text.contains("subgraph \"cluster_"), "{name}: no cluster");
            render_clean(
                "dot",
                &dot_file,
                &g,
                &format!("{name}, --dot-cluster {}", cluster.as_str()),
            );
        }
    }
}

/// A synthetic news graph of `n` entities: hubs (countries) with many
/// deployments, persons meeting, sources reporting.
fn big_graph(n: usize) -> EntityGraph {
    use common::{edge, node};
    let kinds = [
        Kind::Country,
        Kind::Person,
        Kind::Organization,
        Kind::Deployment,
        Kind::Place,
    ];
    let nodes: Vec<_> = (0..n)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            let mut v = node(kind, &format!("n{i:04}"), &format!("{} {i}", kind.as_str()));
            v.mentions = (i % 17) as u64 + 1;
            v
        })
        .collect();
    let mut edges = Vec::new();
    for i in 0..n {
        let j = (i * 7 + 3) % n;
        let hub = ((i % 10) * kinds.len()) % n;
        let relation = Relation::ALL[i % Relation::ALL.len()];
        edges.push(edge(&nodes[i], &nodes[j], relation));
        if i % 3 == 0 {
            edges.push(edge(&nodes[hub], &nodes[i], Relation::Sent));
        }
    }
    EntityGraph::from_parts(nodes, edges, Vec::new())
}

fn large_graphs_render_compactly_with_dot_and_sfdp() {
    if require_tool("dot").is_none() {
        return;
    }
    for n in [20, 500] {
        let g = big_graph(n);
        let dir = tempfile::tempdir().expect("temp dir");
        write_files(&g, &[Format::Dot], &ExportOptions::default(), dir.path()).expect("write");
        let dot_file = dir.path().join("graph.dot");
        let text = std::fs::read_to_string(&dot_file).expect("read");
        let labelled = text
            .lines()
            .filter(|l| l.contains(" -> ") && l.contains("label="))
            .count();
        if n > ergraph::export::dot::LARGE_GRAPH {
            assert_eq!(labelled, 0, "{n} nodes: edge labels are dropped");
        } else {
            assert_eq!(labelled, g.edge_count(), "{n} nodes: every edge labelled");
        }
        render_clean("dot", &dot_file, &g, &format!("{n} nodes with dot"));
        render_clean("sfdp", &dot_file, &g, &format!("{n} nodes with sfdp"));
    }
}

/// Arbitrary graphs with nasty strings everywhere: the GEXF must still
/// validate against the RELAX NG grammar, and the CSV files must still parse
/// into rows of the header's width.
fn arbitrary_graphs_give_valid_gexf_and_csv() {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let Some(xmllint) = require_tool("xmllint") else {
        return;
    };
    let Some(schemas) = require_env_dir("ERGRAPH_SCHEMAS") else {
        return;
    };
    let Some(python) = require_tool("python3") else {
        return;
    };
    let rng = schemas.join("gexf").join("gexf.rng");
    let mut runner = TestRunner::new(Config {
        cases: 32,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&common::arb_graph(), |g| {
        let dir = tempfile::tempdir().expect("temp dir");
        write_files(
            &g,
            &[Format::Gexf, Format::Csv],
            &ExportOptions::default(),
            dir.path(),
        )
        .expect("write exports");
        let (ok, _, stderr) = run(Command::new(&xmllint)
            .args(["--noout", "--nonet", "--relaxng"])
            .arg(&rng)
            .arg(dir.path().join("graph.gexf")));
        if !ok {
            return Err(TestCaseError::fail(format!("GEXF invalid: {stderr}")));
        }
        let (ok, stdout, stderr) = run(Command::new(&python)
            .args(["-c", CSV_CHECK])
            .arg(dir.path().join("nodes.csv"))
            .arg(dir.path().join("edges.csv")));
        if !ok || stdout.trim() != format!("{} {}", g.node_count(), g.edge_count()) {
            return Err(TestCaseError::fail(format!("CSV: {stdout}\n{stderr}")));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn main() {
    harness::run(vec![
        test(
            "gexf_validates_against_the_gexf_1_3_grammar",
            gexf_validates_against_the_gexf_1_3_grammar,
        )
        .needs(&[XMLLINT, SCHEMAS]),
        test(
            "networkx_reads_gexf_and_cyjs_as_the_json_graph",
            networkx_reads_gexf_and_cyjs_as_the_json_graph,
        )
        .needs(&[NETWORKX]),
        test(
            "graphology_and_cytoscape_read_gexf_and_cyjs",
            graphology_and_cytoscape_read_gexf_and_cyjs,
        )
        .needs(&[JS]),
        test(
            "csv_files_read_as_gephi_and_neo4j_tables",
            csv_files_read_as_gephi_and_neo4j_tables,
        )
        .needs(&[PYTHON]),
        test(
            "dot_clusters_render_without_warnings_and_add_no_nodes",
            dot_clusters_render_without_warnings_and_add_no_nodes,
        )
        .needs(&[DOT, GVPR, XMLLINT]),
        test(
            "large_graphs_render_compactly_with_dot_and_sfdp",
            large_graphs_render_compactly_with_dot_and_sfdp,
        )
        .needs(&[DOT, SFDP, GVPR, XMLLINT]),
        test(
            "arbitrary_graphs_give_valid_gexf_and_csv",
            arbitrary_graphs_give_valid_gexf_and_csv,
        )
        .needs(&[XMLLINT, SCHEMAS, PYTHON]),
    ])
}
