//! The real readers on real files: Graphviz (`dot -Tsvg`, `gvpr`), xmllint
//! with the GraphML XSD, and networkx on GraphML and JSON; run on a nasty
//! hand-built graph written to a temp dir, and on the repo's `out/graph.*`
//! when those files exist.
//!
//! A test whose reader is missing is reported `ignored` with what to install
//! (`tests/common/harness.rs`), except under `ERGRAPH_REQUIRE_READERS=1`,
//! where it fails (CI sets it). The Rust-side GraphML structure check needs no
//! outside tool and always runs.

mod common;

use common::harness::{self, *};

use common::graphml::check_graphml;
use common::{nasty_graph, require_env_dir, require_python_module, require_tool, run};
use ergraph::export::{ExportOptions, Format, write_files};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One set of exports to check, with the counts its readers must report.
struct Case {
    name: String,
    dot: Option<PathBuf>,
    graphml: Option<PathBuf>,
    json: Option<PathBuf>,
    /// (nodes, edges), when known (from the graph, or from `graph.json`).
    counts: Option<(usize, usize)>,
}

/// The nasty graph, written with `write_files` into a fresh temp dir.
fn nasty_case() -> (tempfile::TempDir, Case) {
    let dir = tempfile::tempdir().expect("temp dir");
    let g = nasty_graph();
    write_files(&g, &Format::ALL, &ExportOptions::default(), dir.path()).expect("write exports");
    let case = Case {
        name: "nasty graph".to_string(),
        dot: Some(dir.path().join("graph.dot")),
        graphml: Some(dir.path().join("graph.graphml")),
        json: Some(dir.path().join("graph.json")),
        counts: Some((g.node_count(), g.edge_count())),
    };
    (dir, case)
}

/// The repo's `out/` exports, those that exist; counts from `out/graph.json`.
fn out_case() -> Option<Case> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("out");
    let existing = |name: &str| Some(out.join(name)).filter(|p| p.is_file());
    let json = existing("graph.json");
    let counts = json.as_ref().map(|p| {
        let text = std::fs::read_to_string(p).expect("read out/graph.json");
        let v: serde_json::Value = serde_json::from_str(&text).expect("out/graph.json is JSON");
        let len = |k: &str| {
            v[k].as_array()
                .map(Vec::len)
                .expect("nodes and links arrays")
        };
        (len("nodes"), len("links"))
    });
    let case = Case {
        name: "out/".to_string(),
        dot: existing("graph.dot"),
        graphml: existing("graph.graphml"),
        json,
        counts,
    };
    if case.dot.is_none() && case.graphml.is_none() && case.json.is_none() {
        println!("note: no out/graph.* to check");
        return None;
    }
    Some(case)
}

/// Runs `check` on the nasty graph and on `out/` (when present).
fn for_each_case(check: impl Fn(&Case)) {
    let (_dir, nasty) = nasty_case();
    check(&nasty);
    if let Some(out) = out_case() {
        check(&out);
    }
}

fn graphml_structure_is_sound_without_outside_tools() {
    for_each_case(|case| {
        let Some(path) = &case.graphml else { return };
        let text = std::fs::read_to_string(path).expect("read GraphML");
        let doc = check_graphml(&text)
            .unwrap_or_else(|e| panic!("{}: {}: {e}", case.name, path.display()));
        if let Some((nodes, edges)) = case.counts {
            assert_eq!(
                (doc.nodes.len(), doc.edges.len()),
                (nodes, edges),
                "{}",
                case.name
            );
        }
    });
}

fn dot_renders_svg_without_warnings_and_gvpr_counts_match() {
    let Some(dot) = require_tool("dot") else {
        return;
    };
    let xmllint = require_tool("xmllint");
    let gvpr = require_tool("gvpr");
    for_each_case(|case| {
        let Some(path) = &case.dot else { return };
        let dir = tempfile::tempdir().expect("temp dir");
        let svg = dir.path().join("graph.svg");
        let (ok, _, stderr) = run(Command::new(&dot)
            .arg("-Tsvg")
            .arg("-o")
            .arg(&svg)
            .arg(path));
        assert!(
            ok && stderr.is_empty(),
            "{}: dot -Tsvg {} failed or warned:\n{stderr}",
            case.name,
            path.display()
        );
        let svg_text = std::fs::read_to_string(&svg).expect("read SVG");
        if case.name == "nasty graph" {
            // id= and class= reach the SVG as stable hooks (Graphviz writes
            // `-` in ids as the character reference `&#45;`).
            let svg_text = svg_text.replace("&#45;", "-");
            assert!(svg_text.contains(r#"id="person:kim-jong-un""#));
            assert!(svg_text.contains(r#"class="node person""#));
        }
        if let Some(xmllint) = &xmllint {
            let (ok, _, stderr) = run(Command::new(xmllint)
                .arg("--noout")
                .arg("--nonet")
                .arg(&svg));
            assert!(
                ok && stderr.is_empty(),
                "{}: SVG is not well-formed XML:\n{stderr}",
                case.name
            );
        }
        if let Some(gvpr) = &gvpr {
            let (ok, stdout, stderr) = run(Command::new(gvpr)
                .arg(r#"BEG_G { printf("%d %d\n", nNodes($G), nEdges($G)) }"#)
                .arg(path));
            assert!(
                ok && stderr.is_empty(),
                "{}: gvpr failed:\n{stderr}",
                case.name
            );
            if let Some((nodes, edges)) = case.counts {
                assert_eq!(
                    stdout.trim(),
                    format!("{nodes} {edges}"),
                    "{}: gvpr counts",
                    case.name
                );
            }
        }
    });
}

fn graphml_validates_against_the_graphml_xsd() {
    let Some(xmllint) = require_tool("xmllint") else {
        return;
    };
    let Some(schemas) = require_env_dir("ERGRAPH_SCHEMAS") else {
        return;
    };
    let xsd = schemas.join("graphml").join("graphml.xsd");
    assert!(xsd.is_file(), "{} is missing", xsd.display());
    for_each_case(|case| {
        let Some(path) = &case.graphml else { return };
        let (ok, _, stderr) = run(Command::new(&xmllint)
            .args(["--noout", "--nonet", "--schema"])
            .arg(&xsd)
            .arg(path));
        assert!(
            ok,
            "{}: {} does not validate:\n{stderr}",
            case.name,
            path.display()
        );
        assert!(
            stderr.trim_end().ends_with("validates"),
            "{}: {stderr}",
            case.name
        );
    });
}

/// Reads both files with networkx, compares them, prints the counts.
const NETWORKX_CHECK: &str = r#"
import json, re, sys
import networkx as nx

gml_path, json_path = sys.argv[1], sys.argv[2]
G = nx.read_graphml(gml_path, force_multigraph=True)
with open(json_path, encoding="utf-8") as f:
    J = nx.node_link_graph(json.load(f), edges="links")
assert G.is_directed() and G.is_multigraph(), "GraphML is not a MultiDiGraph"
assert J.is_directed() and J.is_multigraph(), "JSON is not a MultiDiGraph"
assert set(G.nodes) == set(J.nodes), "node ids differ"

illegal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
clean = lambda s: illegal.sub("", s)
for n, d in J.nodes(data=True):
    g = G.nodes[n]
    assert g["label"] == clean(d["label"]), ("label", n, g["label"], d["label"])
    assert g["kind"] == d["kind"], ("kind", n)
    assert json.loads(g["aliases"]) == [clean(a) for a in d["aliases"]], ("aliases", n)
    assert g["mentions"] == d["mentions"] and type(g["mentions"]) is int, ("mentions", n)
    if d["kind"] == "deployment":
        assert g.get("count") == d["count"], ("count", n)  # an uncounted shipment: no GraphML value, JSON null
        assert g["approximate"] is d["approximate"], ("approximate", n)
        assert g.get("count_max") == d["count_max"], ("count_max", n)

# networkx takes the GraphML edge id as the multigraph key, and the JSON `key`.
g_edges = sorted((u, v, d["relation"], d["key"], d["symmetric"]) for u, v, d in G.edges(data=True))
j_edges = sorted((u, v, d["relation"], k, d["symmetric"]) for u, v, k, d in J.edges(keys=True, data=True))
assert g_edges == j_edges, ("edges differ", g_edges, j_edges)
for u, v, d in G.edges(data=True):
    assert type(d["weight"]) is float and type(d["symmetric"]) is bool, (u, v)
    assert d["label"] == d["relation"], (u, v)
print(G.number_of_nodes(), G.number_of_edges(), J.number_of_nodes(), J.number_of_edges())
"#;

fn networkx_reads_graphml_and_json_as_the_same_graph() {
    let Some(python) =
        require_python_module("networkx", "networkx>=3.4 (pip install \"networkx>=3.4\")")
    else {
        return;
    };
    for_each_case(|case| {
        let (Some(gml), Some(json)) = (&case.graphml, &case.json) else {
            return;
        };
        let (ok, stdout, stderr) = run(Command::new(&python)
            .args(["-W", "error::FutureWarning", "-c", NETWORKX_CHECK])
            .arg(gml)
            .arg(json));
        assert!(
            ok,
            "{}: networkx check failed:\n{stdout}\n{stderr}",
            case.name
        );
        let counts: Vec<usize> = stdout
            .split_whitespace()
            .map(|n| n.parse().expect("count"))
            .collect();
        assert_eq!(counts.len(), 4, "{}: {stdout}", case.name);
        assert_eq!(
            (counts[0], counts[1]),
            (counts[2], counts[3]),
            "{}: GraphML vs JSON",
            case.name
        );
        if let Some((nodes, edges)) = case.counts {
            assert_eq!(
                (counts[0], counts[1]),
                (nodes, edges),
                "{}: counts",
                case.name
            );
        }
    });
}

fn missing_readers_skip_or_fail_as_configured() {
    // A tool that cannot exist: skipped normally, a failure when required.
    let required = common::readers_required();
    let result = std::panic::catch_unwind(|| require_tool("ergraph-no-such-reader-xyz"));
    match result {
        Ok(found) => {
            assert!(
                !required,
                "a missing reader passed under ERGRAPH_REQUIRE_READERS=1"
            );
            assert!(found.is_none());
            // The harness would report the test `ignored (install …)`, not `ok`.
            let skipped = harness::take_skips();
            assert_eq!(skipped, ["install ergraph-no-such-reader-xyz"]);
        }
        Err(_) => assert!(
            required,
            "a missing reader failed without ERGRAPH_REQUIRE_READERS"
        ),
    }
    // What a test declares is checked before it runs, with what to install.
    let need = Need::Tool("ergraph-no-such-reader-xyz", "the-package");
    assert_eq!(
        need.missing().as_deref(),
        Some("install the-package (no 'ergraph-no-such-reader-xyz' on PATH)")
    );
    assert_eq!(
        harness::test_attributes("fn a() {}\n  #[test]\nfn b() {}\n"),
        [2]
    );
}

/// Arbitrary graphs through the real readers: Graphviz must render them with
/// no warning into well-formed SVG, and the GraphML must validate.
fn real_readers_accept_arbitrary_graphs() {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let Some(dot) = require_tool("dot") else {
        return;
    };
    let Some(xmllint) = require_tool("xmllint") else {
        return;
    };
    let xsd = require_env_dir("ERGRAPH_SCHEMAS").map(|s| s.join("graphml").join("graphml.xsd"));
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&common::arb_graph(), |g| {
        let dir = tempfile::tempdir().expect("temp dir");
        write_files(&g, &Format::ALL, &ExportOptions::default(), dir.path())
            .expect("write exports");
        let svg = dir.path().join("graph.svg");
        let (ok, _, stderr) = run(Command::new(&dot)
            .arg("-Tsvg")
            .arg("-o")
            .arg(&svg)
            .arg(dir.path().join("graph.dot")));
        if !ok || !stderr.is_empty() {
            return Err(TestCaseError::fail(format!(
                "dot failed or warned: {stderr}"
            )));
        }
        let (ok, _, stderr) = run(Command::new(&xmllint)
            .args(["--noout", "--nonet"])
            .arg(&svg));
        if !ok || !stderr.is_empty() {
            return Err(TestCaseError::fail(format!(
                "SVG not well-formed: {stderr}"
            )));
        }
        if let Some(xsd) = &xsd {
            let (ok, _, stderr) = run(Command::new(&xmllint)
                .args(["--noout", "--nonet", "--schema"])
                .arg(xsd)
                .arg(dir.path().join("graph.graphml")));
            if !ok {
                return Err(TestCaseError::fail(format!("GraphML invalid: {stderr}")));
            }
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
            "graphml_structure_is_sound_without_outside_tools",
            graphml_structure_is_sound_without_outside_tools,
        ),
        test(
            "dot_renders_svg_without_warnings_and_gvpr_counts_match",
            dot_renders_svg_without_warnings_and_gvpr_counts_match,
        )
        .needs(&[DOT, GVPR, XMLLINT]),
        test(
            "graphml_validates_against_the_graphml_xsd",
            graphml_validates_against_the_graphml_xsd,
        )
        .needs(&[XMLLINT, SCHEMAS]),
        test(
            "networkx_reads_graphml_and_json_as_the_same_graph",
            networkx_reads_graphml_and_json_as_the_same_graph,
        )
        .needs(&[NETWORKX]),
        test(
            "missing_readers_skip_or_fail_as_configured",
            missing_readers_skip_or_fail_as_configured,
        ),
        test(
            "real_readers_accept_arbitrary_graphs",
            real_readers_accept_arbitrary_graphs,
        )
        .needs(&[DOT, XMLLINT, SCHEMAS]),
    ])
}
