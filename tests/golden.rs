//! Golden tests: the seeds' graph rebuilt by the real binary against the
//! committed `out/` files (byte for byte), evidence offsets against the seed
//! files, two runs against each other, and the sortedness and consistency
//! invariants of GRAPH.md on `graph.json`.
//!
//! When `out/` is stale after a change to the extractor, the first test says
//! so with the first differing line; regenerate it with
//! `cargo run --release -- seeds -o out` and review the diff.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const FILES: [&str; 3] = ["graph.dot", "graph.graphml", "graph.json"];
const HINT: &str = "run `cargo run --release -- seeds -o out` and review the diff";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ergraph seeds -o <dir>` from the repo root (so document paths read
/// `seeds/…`, as in the committed files) and fails with everything it said
/// when it does not succeed.
#[track_caller]
fn build_seeds(dir: &Path) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergraph"));
    cmd.current_dir(repo()).arg("seeds").arg("-o").arg(dir);
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "command: {cmd:?}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh temp dir holding the seeds' exports.
fn fresh() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    build_seeds(dir.path());
    dir
}

/// The committed `out/FILE`, or a failure that says how to make it.
#[track_caller]
fn committed(name: &str) -> Vec<u8> {
    let path = repo().join("out").join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the committed {}: {e}\n{HINT} (and commit out/)",
            path.display()
        )
    })
}

#[track_caller]
fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `None` when equal; otherwise where and how `actual` first differs from
/// `expected`, line by line (1-based).
fn first_difference(name: &str, expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let mut e_lines = expected.split('\n');
    let mut a_lines = actual.split('\n');
    let mut line = 0;
    loop {
        line += 1;
        match (e_lines.next(), a_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (None, None) => {
                // Same lines, different bytes: only possible through lossy
                // decoding of invalid UTF-8.
                return Some(format!("{name}: differs in bytes that are not UTF-8"));
            }
            (e, a) => {
                let show =
                    |l: Option<&str>| l.map_or("<end of file>".to_string(), |l| format!("{l:?}"));
                return Some(format!(
                    "{name}:{line}: first difference\n  committed: {}\n  built:     {}",
                    show(e),
                    show(a)
                ));
            }
        }
    }
}

/// Parses a `graph.json`, naming it on failure.
#[track_caller]
fn parse_json(what: &str, bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{what} is not JSON: {e}"))
}

#[track_caller]
fn array<'a>(v: &'a Value, what: &str) -> &'a Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} is not an array: {v}"))
}

#[track_caller]
fn string<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

#[track_caller]
fn uint(v: &Value, what: &str) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("{what} is not a non-negative integer: {v}"))
}

// ---------------------------------------------------------------- (a) golden

#[test]
fn seeds_rebuild_byte_for_byte_as_committed_out() {
    let dir = fresh();
    let problems: Vec<String> = FILES
        .iter()
        .filter_map(|name| {
            first_difference(
                &format!("out/{name}"),
                &committed(name),
                &read(&dir.path().join(name)),
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "the seeds no longer give the committed out/ files:\n{}\n\n{HINT}",
        problems.join("\n")
    );
}

#[test]
fn first_difference_shows_file_line_and_both_lines() {
    assert_eq!(first_difference("f", b"a\nb\n", b"a\nb\n"), None);
    let d = first_difference("out/graph.dot", b"a\nb\nc\n", b"a\nB\nc\n").expect("differs");
    assert!(d.starts_with("out/graph.dot:2:"), "{d}");
    assert!(d.contains("\"b\"") && d.contains("\"B\""), "{d}");
    let d = first_difference("f", b"a", b"a\nb").expect("differs");
    assert!(d.contains("f:2:") && d.contains("<end of file>"), "{d}");
}

// ---------------------------------------------------------------- (b) evidence

/// Every evidence `start..end` slices `seeds/<document>.txt` (as bytes) to
/// exactly the evidence text.
#[track_caller]
fn check_evidence_slices(what: &str, graph: &Value) {
    let mut seeds: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (i, link) in array(&graph["links"], "links").iter().enumerate() {
        let Some(evidence) = link.get("evidence") else {
            continue;
        };
        for (j, ev) in array(evidence, "evidence").iter().enumerate() {
            let place = format!("{what}: links[{i}].evidence[{j}]");
            let doc = string(&ev["document"], &format!("{place}.document"));
            let text = string(&ev["text"], &format!("{place}.text"));
            let start = uint(&ev["start"], &format!("{place}.start")) as usize;
            let end = uint(&ev["end"], &format!("{place}.end")) as usize;
            let bytes = seeds
                .entry(doc.to_string())
                .or_insert_with(|| read(&repo().join("seeds").join(format!("{doc}.txt"))));
            checked += 1;
            match bytes.get(start..end) {
                Some(slice) if slice == text.as_bytes() => {}
                Some(slice) => problems.push(format!(
                    "{place}: seeds/{doc}.txt[{start}..{end}] is {:?}, evidence text is {text:?}",
                    String::from_utf8_lossy(slice)
                )),
                None => problems.push(format!(
                    "{place}: {start}..{end} is outside seeds/{doc}.txt ({} bytes)",
                    bytes.len()
                )),
            }
        }
    }
    assert!(checked > 0, "{what}: no evidence at all to check");
    assert!(
        problems.is_empty(),
        "{} of {checked} evidence spans do not slice their seed file:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn committed_evidence_slices_its_seed_file() {
    let graph = parse_json("out/graph.json", &committed("graph.json"));
    check_evidence_slices("out/graph.json", &graph);
}

#[test]
fn built_evidence_slices_its_seed_file() {
    let dir = fresh();
    let graph = parse_json("built graph.json", &read(&dir.path().join("graph.json")));
    check_evidence_slices("built graph.json", &graph);
}

// ---------------------------------------------------------------- (c) determinism

#[test]
fn two_runs_give_identical_bytes() {
    let (one, two) = (fresh(), fresh());
    for name in FILES {
        let (a, b) = (read(&one.path().join(name)), read(&two.path().join(name)));
        if let Some(d) = first_difference(name, &a, &b) {
            panic!("two runs on the same seeds differ:\n{d}");
        }
    }
}

// ---------------------------------------------------------------- (d) invariants

/// `list` (at `what`) is an array of strings in strictly increasing order.
fn check_sorted_strings(what: &str, list: &Value, problems: &mut Vec<String>) {
    let Some(items) = list.as_array() else {
        problems.push(format!("{what} is not an array: {list}"));
        return;
    };
    let strings: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
    if strings.len() != items.len() {
        problems.push(format!("{what} holds something other than strings: {list}"));
    } else if let Some(w) = strings.windows(2).find(|w| w[0] >= w[1]) {
        problems.push(format!(
            "{what} is not sorted without duplicates: {:?} before {:?}",
            w[0], w[1]
        ));
    }
}

/// GRAPH.md's determinism and consistency rules on one `graph.json`.
#[track_caller]
fn check_invariants(what: &str, graph: &Value) {
    let mut problems = Vec::new();
    let nodes = array(&graph["nodes"], "nodes");
    let links = array(&graph["links"], "links");
    assert!(!nodes.is_empty(), "{what}: no nodes");

    // Nodes: sorted by id, unique; sorted lists; no d3 layout fields.
    let ids: Vec<&str> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| string(&n["id"], &format!("{what}: nodes[{i}].id")))
        .collect();
    if let Some(w) = ids.windows(2).find(|w| w[0] >= w[1]) {
        problems.push(format!(
            "nodes are not sorted by id: {:?} before {:?}",
            w[0], w[1]
        ));
    }
    let known: BTreeSet<&str> = ids.iter().copied().collect();
    let check_ref = |place: String, v: &Value, problems: &mut Vec<String>| match v.as_str() {
        Some(id) if known.contains(id) => {}
        Some(id) => problems.push(format!("{place} = {id:?} is not a node")),
        None => problems.push(format!("{place} is not a node id: {v}")),
    };
    for (n, id) in nodes.iter().zip(&ids) {
        let Some(fields) = n.as_object() else {
            problems.push(format!("node {id} is not an object"));
            continue;
        };
        for bad in ["x", "y", "vx", "vy", "fx", "fy", "index"] {
            if fields.contains_key(bad) {
                problems.push(format!("node {id} has the d3 layout field {bad:?}"));
            }
        }
        for list in ["aliases", "documents", "roles"] {
            if let Some(v) = fields.get(list) {
                check_sorted_strings(&format!("node {id}: {list}"), v, &mut problems);
            }
        }
        if !fields.contains_key("aliases") || !fields.contains_key("documents") {
            problems.push(format!("node {id} lacks aliases or documents"));
        }
        if n["kind"] == "deployment" {
            for end in ["from", "to"] {
                match fields.get(end) {
                    None | Some(Value::Null) => {}
                    Some(v) => check_ref(format!("deployment {id}: {end}"), v, &mut problems),
                }
            }
        }
    }

    // Links: sorted by (source, target, relation, key); keys 0..n per pair;
    // endpoints, place and reported_by are nodes; sorted lists.
    // Relations order as GRAPH.md lists them (the order of `graph.relations`),
    // not alphabetically: `met` sorts before `agreed`.
    let relations: Vec<&str> = array(&graph["graph"]["relations"], "graph.relations")
        .iter()
        .map(|r| string(r, "graph.relations[]"))
        .collect();
    let mut previous: Option<(String, String, usize, u64)> = None;
    let mut keys: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    for (i, l) in links.iter().enumerate() {
        let place = format!("links[{i}]");
        let source = string(&l["source"], &format!("{what}: {place}.source"));
        let target = string(&l["target"], &format!("{what}: {place}.target"));
        let relation = string(&l["relation"], &format!("{what}: {place}.relation"));
        let key = uint(&l["key"], &format!("{what}: {place}.key"));
        let place = format!("{place} ({source} -{relation}-> {target}, key {key})");
        let rank = relations
            .iter()
            .position(|r| *r == relation)
            .unwrap_or_else(|| {
                problems.push(format!(
                    "{place}: relation {relation:?} is not in graph.relations"
                ));
                relations.len()
            });
        let sort_key = (source.to_string(), target.to_string(), rank, key);
        if let Some(prev) = previous.as_ref().filter(|prev| **prev >= sort_key) {
            problems.push(format!(
                    "{place} is not after {prev:?} in (source, target, relation rank, key) order; relations rank as {relations:?}"
                ));
        }
        previous = Some(sort_key);
        keys.entry((source.to_string(), target.to_string()))
            .or_default()
            .push(key);
        check_ref(format!("{place}: source"), &l["source"], &mut problems);
        check_ref(format!("{place}: target"), &l["target"], &mut problems);
        if let Some(v) = l.get("place").filter(|v| !v.is_null()) {
            check_ref(format!("{place}: place"), v, &mut problems);
        }
        if let Some(v) = l.get("reported_by") {
            check_sorted_strings(&format!("{place}: reported_by"), v, &mut problems);
            for (j, r) in v.as_array().into_iter().flatten().enumerate() {
                check_ref(format!("{place}: reported_by[{j}]"), r, &mut problems);
            }
        }
        check_sorted_strings(
            &format!("{place}: documents"),
            &l["documents"],
            &mut problems,
        );
        if let Some(evidence) = l.get("evidence").and_then(Value::as_array) {
            let order: Vec<(&str, u64)> = evidence
                .iter()
                .map(|e| {
                    (
                        e["document"].as_str().unwrap_or(""),
                        e["start"].as_u64().unwrap_or(0),
                    )
                })
                .collect();
            if let Some(w) = order.windows(2).find(|w| w[0] > w[1]) {
                problems.push(format!(
                    "{place}: evidence is not sorted by (document, start): {:?} before {:?}",
                    w[0], w[1]
                ));
            }
        }
    }
    for ((source, target), mut ks) in keys {
        ks.sort_unstable();
        let expected: Vec<u64> = (0..ks.len() as u64).collect();
        if ks != expected {
            problems.push(format!(
                "keys of {source} -> {target} are {ks:?}, expected {expected:?}"
            ));
        }
    }

    // The graph's own lists.
    if let Some(docs) = graph["graph"]["documents"].as_array() {
        let doc_ids: Vec<Value> = docs.iter().map(|d| d["id"].clone()).collect();
        check_sorted_strings("graph.documents ids", &Value::Array(doc_ids), &mut problems);
    } else {
        problems.push("graph.documents is missing".to_string());
    }

    assert!(
        problems.is_empty(),
        "{what} breaks {} invariant(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn committed_json_is_sorted_and_consistent() {
    let graph = parse_json("out/graph.json", &committed("graph.json"));
    check_invariants("out/graph.json", &graph);
}

#[test]
fn built_json_is_sorted_and_consistent() {
    let dir = fresh();
    let graph = parse_json("built graph.json", &read(&dir.path().join("graph.json")));
    check_invariants("built graph.json", &graph);
}

#[test]
fn invariant_check_catches_unsorted_nodes_and_dangling_links() {
    let bad = serde_json::json!({
        "graph": {"documents": [{"id": "a"}], "relations": ["met", "agreed"]},
        "nodes": [
            {"id": "person:b", "kind": "person", "aliases": [], "documents": ["a"], "x": 1},
            {"id": "person:a", "kind": "person", "aliases": ["Z", "A"], "documents": ["a"]}
        ],
        "links": [
            {"source": "person:a", "target": "person:nobody", "relation": "met", "key": 1, "documents": ["a"]}
        ]
    });
    let msg = std::panic::catch_unwind(|| check_invariants("bad", &bad))
        .expect_err("a broken graph must fail the check");
    let msg = msg.downcast_ref::<String>().cloned().unwrap_or_default();
    for needle in [
        "not sorted by id",
        "\"x\"",
        "aliases",
        "is not a node",
        "keys of",
    ] {
        assert!(msg.contains(needle), "missing {needle:?} in:\n{msg}");
    }
}
