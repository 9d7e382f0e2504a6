//! The binary's query subcommands (`entities`, `relations`, `explain`), the
//! filters every export and query takes, and the new formats on the command
//! line, run on the seeds from the repo root. A failing case prints the
//! command, its status, stdout and stderr.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ergraph ARGS` in the repo root; checks the exit code.
#[track_caller]
fn ergraph(args: &[&str], code: i32) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergraph"));
    cmd.current_dir(repo()).args(args);
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert_eq!(
        out.status.code(),
        Some(code),
        "command: {cmd:?}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

#[track_caller]
fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(out)))
}

#[test]
fn entities_prints_an_aligned_table() {
    let out = stdout(&ergraph(&["entities", "seeds", "-q"], 0));
    let mut lines = out.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("ENTITY") && header.contains("KIND") && header.contains("ALIASES"));
    let kind_col = header.find("KIND").expect("KIND");
    let kim = lines
        .find(|l| l.starts_with("Kim Jong Un "))
        .expect("Kim Jong Un row");
    assert_eq!(
        &kim[kind_col..kind_col + 6],
        "person",
        "columns line up:\n{out}"
    );
}

#[test]
fn entities_json_lists_kind_mentions_aliases_documents() {
    let v = json(&ergraph(&["entities", "--json", "seeds"], 0));
    let kim = v
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["id"] == "person:kim-jong-un")
        .expect("Kim");
    assert_eq!(kim["kind"], "person");
    assert!(kim["mentions"].as_u64() > Some(1));
    assert!(kim["aliases"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(kim["documents"].as_array().is_some_and(|d| !d.is_empty()));
}

#[test]
fn relations_json_respects_filters() {
    let v = json(&ergraph(
        &[
            "relations",
            "--json",
            "--relations",
            "met",
            "--min-weight",
            "2",
        ],
        0,
    ));
    let rows = v.as_array().expect("array");
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(r["relation"], "met");
        assert!(r["weight"].as_u64() >= Some(2));
        assert!(r["source"]["label"].is_string() && r["documents"].is_array());
    }
}

#[test]
fn explain_shows_every_relation_with_its_evidence() {
    let text = stdout(&ergraph(&["explain", "Sergei Shoigu", "kim jong-un"], 0));
    assert!(text.contains(" met "), "{text}");
    assert!(
        text.contains("evidence") && text.contains("Shoigu"),
        "{text}"
    );
    let v = json(&ergraph(&["explain", "shoigu", "Kim Jong Un", "--json"], 0));
    assert_eq!(v["a"]["id"], "person:sergei-shoigu");
    assert_eq!(v["b"]["id"], "person:kim-jong-un");
    let rels = v["relations"].as_array().expect("relations");
    assert!(!rels.is_empty());
    for r in rels {
        let ends = [r["source"]["id"].clone(), r["target"]["id"].clone()];
        assert!(ends.contains(&v["a"]["id"]) && ends.contains(&v["b"]["id"]));
        assert!(
            r["evidence"].as_array().is_some_and(|e| !e.is_empty()),
            "{r}"
        );
        assert!(r["documents"][0]["id"].is_string());
    }
}

#[test]
fn unknown_name_is_an_error_with_near_matches() {
    let out = ergraph(&["explain", "Sergei Shoigo", "Kim Jong Un"], 1);
    let err = stderr(&out);
    assert!(
        err.starts_with("ergraph: error: no entity is called \"Sergei Shoigo\""),
        "{err}"
    );
    assert!(err.contains("did you mean Sergei Shoigu"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn focus_and_depth_keep_a_neighbourhood() {
    let all = json(&ergraph(&["--stdout", "json", "-q"], 0));
    let one = json(&ergraph(
        &[
            "--stdout",
            "json",
            "-q",
            "--focus",
            "Sergei Shoigu",
            "--depth",
            "1",
        ],
        0,
    ));
    let two = json(&ergraph(
        &[
            "--stdout",
            "json",
            "-q",
            "--focus",
            "Sergei Shoigu",
            "--depth",
            "2",
        ],
        0,
    ));
    let count = |v: &Value| v["nodes"].as_array().map_or(0, Vec::len);
    assert!(count(&one) < count(&two) && count(&two) <= count(&all));
    let ids: Vec<&str> = one["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(ids.contains(&"person:sergei-shoigu") && ids.contains(&"person:kim-jong-un"));
    for l in one["links"].as_array().expect("links") {
        assert!(ids.contains(&l["source"].as_str().expect("s")));
        assert!(ids.contains(&l["target"].as_str().expect("t")));
    }
    ergraph(&["--stdout", "json", "--focus", "Nobody At All"], 1);
}

#[test]
fn kinds_dates_and_drop_isolated_filter_every_export() {
    let v = json(&ergraph(
        &[
            "--stdout",
            "cyjs",
            "-q",
            "--kinds",
            "person,country",
            "--drop-isolated",
        ],
        0,
    ));
    let nodes = v["elements"]["nodes"].as_array().expect("nodes");
    assert!(!nodes.is_empty());
    for n in nodes {
        assert!(["person", "country"].contains(&n["data"]["kind"].as_str().expect("kind")));
    }
    let linked: std::collections::BTreeSet<&str> = v["elements"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .flat_map(|e| [e["data"]["source"].as_str(), e["data"]["target"].as_str()])
        .flatten()
        .collect();
    assert!(
        nodes
            .iter()
            .all(|n| linked.contains(n["data"]["id"].as_str().expect("id")))
    );
    let future = json(&ergraph(&["--stdout", "json", "-q", "--since", "2030"], 0));
    assert_eq!(future["links"], serde_json::json!([]));
    ergraph(&["--since", "yesterday"], 2);
    ergraph(&["--kinds", "dragon"], 2);
}

#[test]
fn new_formats_write_their_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8 path");
    ergraph(&["seeds", "-q", "-o", out, "-f", "gexf,cyjs,csv,html"], 0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "edges.csv",
            "graph.cyjs",
            "graph.gexf",
            "graph.html",
            "nodes.csv"
        ]
    );
    let csv = ergraph(&["--stdout", "csv"], 2);
    assert!(
        stderr(&csv).contains("nodes.csv and edges.csv"),
        "{}",
        stderr(&csv)
    );
}

#[test]
fn dot_cluster_groups_nodes() {
    let by_doc = stdout(&ergraph(
        &["--stdout", "dot", "-q", "--dot-cluster", "document"],
        0,
    ));
    assert!(by_doc.contains("subgraph \"cluster_doc_000_db62a41bca235961\""));
    let by_kind = stdout(&ergraph(
        &["--stdout", "dot", "-q", "--dot-cluster", "kind"],
        0,
    ));
    assert!(by_kind.contains("subgraph \"cluster_kind_person\""));
    ergraph(&["--dot-cluster", "colour"], 2);
}
