//! Keeps `docs/graph.md` current: every kind, relation, category, status and
//! every field name the exports actually write (read back from the files the
//! code writes for the seeds and for the nasty graph, not from a hand list)
//! must be named in the page, and every attribute its tables list must still
//! be written.

mod common;

use common::{nasty_graph, seeds_graph, write_all};
use ergraph::graph::{Category, Kind, Relation, Status};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn page() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/graph.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every code span of the page (`` `x` ``), and every word of one
/// (`{document, text}` names `document` and `text`).
fn named(page: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, span) in page.split('`').enumerate() {
        if i % 2 == 1 {
            out.insert(span.to_string());
            for w in span.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':')) {
                if !w.is_empty() {
                    out.insert(w.to_string());
                }
            }
        }
    }
    out
}

/// Every category and status; the `match`es stop compiling when a variant
/// is added, so a new one cannot be forgotten here.
fn categories_and_statuses() -> Vec<&'static str> {
    let cats = [Category::Personnel, Category::Materiel];
    let stats = [Status::Planned, Status::Present, Status::Sent];
    for c in cats {
        match c {
            Category::Personnel | Category::Materiel => {}
        }
    }
    for s in stats {
        match s {
            Status::Planned | Status::Present | Status::Sent => {}
        }
    }
    cats.iter()
        .map(|c| c.as_str())
        .chain(stats.iter().map(|s| s.as_str()))
        .collect()
}

fn keys_of(v: &Value, out: &mut BTreeSet<String>, what: &str) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {v}"));
    out.extend(obj.keys().cloned());
}

/// The field names each export writes, by where they were found.
fn emitted() -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut add = |place: &str, names: BTreeSet<String>| {
        found.extend(names.into_iter().map(|n| (place.to_string(), n)));
    };
    for (name, graph) in [("seeds", seeds_graph()), ("nasty graph", nasty_graph())] {
        let dir = write_all(&graph);
        let read = |f: &str| {
            std::fs::read_to_string(dir.path().join(f))
                .unwrap_or_else(|e| panic!("{name}: {f}: {e}"))
        };

        let json: Value = serde_json::from_str(&read("graph.json")).expect("graph.json");
        let mut top = BTreeSet::new();
        keys_of(&json, &mut top, "graph.json");
        add(&format!("{name}: graph.json"), top);
        let mut g = BTreeSet::new();
        keys_of(&json["graph"], &mut g, "graph.json graph");
        add(&format!("{name}: graph.json graph"), g);
        let mut docs = BTreeSet::new();
        for d in json["graph"]["documents"].as_array().expect("documents") {
            keys_of(d, &mut docs, "a document");
        }
        add(&format!("{name}: graph.json documents"), docs);
        let mut est = BTreeSet::new();
        for e in json["graph"]["estimates"].as_array().expect("estimates") {
            keys_of(e, &mut est, "an estimate group");
        }
        add(&format!("{name}: graph.json estimates"), est);
        let mut nodes = BTreeSet::new();
        for n in json["nodes"].as_array().expect("nodes") {
            keys_of(n, &mut nodes, "a node");
        }
        add(&format!("{name}: graph.json nodes"), nodes);
        let (mut links, mut evidence) = (BTreeSet::new(), BTreeSet::new());
        for e in json["links"].as_array().expect("links") {
            keys_of(e, &mut links, "a link");
            for ev in e["evidence"].as_array().expect("evidence") {
                keys_of(ev, &mut evidence, "an evidence item");
            }
        }
        add(&format!("{name}: graph.json links"), links);
        add(&format!("{name}: graph.json evidence"), evidence);

        let cyjs: Value = serde_json::from_str(&read("graph.cyjs")).expect("graph.cyjs");
        let mut top = BTreeSet::new();
        keys_of(&cyjs, &mut top, "graph.cyjs");
        keys_of(&cyjs["data"], &mut top, "graph.cyjs data");
        add(&format!("{name}: graph.cyjs"), top);
        for part in ["nodes", "edges"] {
            let mut keys = BTreeSet::new();
            for el in cyjs["elements"][part].as_array().expect("elements") {
                keys_of(&el["data"], &mut keys, "an element's data");
            }
            add(&format!("{name}: graph.cyjs {part}"), keys);
        }

        let graphml = read("graph.graphml");
        let attr_names = |text: &str, attr: &str| -> BTreeSet<String> {
            text.split(attr)
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
                .collect()
        };
        add(
            &format!("{name}: graph.graphml keys"),
            attr_names(&graphml, "attr.name=\""),
        );
        let gexf = read("graph.gexf");
        add(
            &format!("{name}: graph.gexf attributes"),
            attr_names(&gexf, "title=\""),
        );

        for file in ["nodes.csv", "edges.csv"] {
            let text = read(file);
            let header = text.lines().next().expect("a header");
            let cols = header
                .split(',')
                .map(|h| match h.split_once(':') {
                    Some((base, _)) if !base.is_empty() => base.to_string(),
                    _ => h.to_string(),
                })
                .collect();
            add(&format!("{name}: {file} header"), cols);
        }

        let html = read("graph.html");
        let open = "<script id=\"ergraph-data\" type=\"application/json\">";
        let start = html.find(open).expect("the embedded graph") + open.len();
        let end = start + html[start..].find("</script>").expect("its end");
        let page: Value = serde_json::from_str(&html[start..end]).expect("embedded JSON");
        let mut keys = BTreeSet::new();
        keys_of(&page, &mut keys, "graph.html data");
        add(&format!("{name}: graph.html data"), keys);
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_kind_relation_and_value_the_code_has_is_named_in_docs_graph_md() {
    let named = named(&page());
    let mut missing: Vec<String> = Vec::new();
    for k in Kind::ALL {
        if !named.contains(k.as_str()) {
            missing.push(format!("kind {k}"));
        }
    }
    for r in Relation::ALL {
        if !named.contains(r.as_str()) {
            missing.push(format!("relation {r}"));
        }
    }
    for v in categories_and_statuses() {
        if !named.contains(v) {
            missing.push(format!("value {v}"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/graph.md does not name (in backticks): {missing:?}"
    );
}

#[test]
fn every_field_the_exports_write_is_named_in_docs_graph_md() {
    let named = named(&page());
    let emitted = emitted();
    // The exports were read: a broken reader here would pass vacuously.
    for must in [
        "weight",
        "evidence",
        "estimate",
        "count_max",
        "edge_key",
        ":START_ID",
    ] {
        assert!(
            emitted.iter().any(|(_, n)| n == must),
            "{must} not found in the exports: {emitted:?}"
        );
    }
    let missing: Vec<String> = emitted
        .iter()
        .filter(|(_, n)| !named.contains(n))
        .map(|(place, n)| format!("{n} ({place})"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/graph.md does not name these fields the exports write (add them, in backticks): {missing:?}"
    );
}

/// The first-column names of the attribute tables of one section.
fn table_names(page: &str, section: &str) -> Vec<String> {
    let start = page
        .find(section)
        .unwrap_or_else(|| panic!("docs/graph.md has no section {section:?}"));
    let body = &page[start + section.len()..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let mut out = Vec::new();
    for line in body.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or_default();
        out.extend(
            first
                .split('`')
                .enumerate()
                .filter(|(i, s)| i % 2 == 1 && !s.is_empty())
                .map(|(_, s)| s.to_string()),
        );
    }
    out
}

#[test]
fn every_attribute_docs_graph_md_lists_is_still_written() {
    let page = page();
    let json_names: BTreeSet<String> = emitted()
        .into_iter()
        .filter(|(place, _)| place.contains("graph.json"))
        .map(|(_, n)| n)
        .collect();
    let mut listed = Vec::new();
    for section in [
        "## Node attributes",
        "## Edge attributes",
        "## Deployments: merging, parts and estimates",
    ] {
        let names = table_names(&page, section);
        assert!(!names.is_empty(), "{section}: no table rows found");
        listed.extend(names);
    }
    let stale: Vec<&String> = listed
        .iter()
        .filter(|n| !json_names.contains(n.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "docs/graph.md lists attributes graph.json no longer writes: {stale:?}"
    );
}

#[test]
fn the_check_finds_what_is_not_named() {
    let named = named("a `kind` and `{document, text}` but not field_x");
    assert!(named.contains("kind") && named.contains("document") && named.contains("text"));
    assert!(!named.contains("field_x") && !named.contains("not"));
    assert_eq!(
        table_names(
            "## Node attributes\n\n| `a`, `b` | x |\n|---|---|\n## Next\n| `c` | y |",
            "## Node attributes"
        ),
        ["a", "b"]
    );
}
