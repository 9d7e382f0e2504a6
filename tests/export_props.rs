//! Property tests: arbitrary graphs full of nasty strings, each export parsed
//! back in Rust with a real parser (serde_json, quick-xml, a DOT tokenizer).

mod common;

use common::dotparse::{Dot, decode_label, parse_dot};
use common::graphml::check_graphml;
use common::{arb_graph, nasty_graph, render, xml_clean};
use ergraph::export::Format;
use ergraph::graph::EntityGraph;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn check_json(g: &EntityGraph) -> Result<(), TestCaseError> {
    let text = render(Format::Json, g);
    prop_assert!(text.ends_with("}\n"), "no closing brace and final newline");
    let v: Value =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("JSON: {e}")))?;
    let nodes = v["nodes"].as_array().expect("nodes array");
    let links = v["links"].as_array().expect("links array");
    prop_assert_eq!(nodes.len(), g.node_count());
    prop_assert_eq!(links.len(), g.edge_count());
    let ids: BTreeSet<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    prop_assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for (n, j) in g.nodes().zip(nodes) {
        prop_assert_eq!(j["id"].as_str(), Some(n.id.as_str()));
        prop_assert_eq!(j["label"].as_str(), Some(n.label.as_str()));
        let aliases: Vec<&str> = j["aliases"]
            .as_array()
            .expect("aliases")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        prop_assert_eq!(
            aliases,
            n.aliases.iter().map(String::as_str).collect::<Vec<_>>()
        );
        prop_assert!(j.get("x").is_none() && j.get("index").is_none());
    }
    let mut keys = BTreeSet::new();
    for (e, j) in g.edges().zip(links) {
        let (s, t) = (
            j["source"].as_str().expect("source"),
            j["target"].as_str().expect("target"),
        );
        prop_assert!(
            ids.contains(s) && ids.contains(t),
            "dangling link {} -> {}",
            s,
            t
        );
        prop_assert!(
            keys.insert((s, t, j["key"].as_u64())),
            "repeated (source, target, key)"
        );
        for (ev, jv) in e
            .evidence
            .iter()
            .zip(j["evidence"].as_array().expect("evidence"))
        {
            prop_assert_eq!(jv["text"].as_str(), Some(&*ev.text.get()));
        }
    }
    Ok(())
}

fn check_graphml_export(g: &EntityGraph) -> Result<(), TestCaseError> {
    let text = render(Format::Graphml, g);
    let doc = check_graphml(&text).map_err(TestCaseError::fail)?;
    prop_assert_eq!(doc.nodes.len(), g.node_count());
    prop_assert_eq!(doc.edges.len(), g.edge_count());
    for (n, x) in g.nodes().zip(&doc.nodes) {
        prop_assert_eq!(&x.id, n.id.as_str());
        prop_assert_eq!(&x.data["n_label"], &xml_clean(&n.label));
        let aliases: Vec<String> =
            serde_json::from_str(&x.data["n_aliases"]).expect("aliases JSON");
        let want: Vec<String> = n.aliases.iter().map(|a| xml_clean(a)).collect();
        prop_assert_eq!(aliases, want);
        if let Some(d) = &n.deployment {
            prop_assert_eq!(&x.data["n_unit"], &xml_clean(&d.unit));
            // An uncounted shipment writes no count value (GraphML: absent, not empty).
            let want = d.count.map(|c| c.to_string());
            prop_assert_eq!(x.data.get("n_count"), want.as_ref());
        }
    }
    for (e, x) in g.edges().zip(&doc.edges) {
        prop_assert_eq!(
            (x.source.as_str(), x.target.as_str()),
            (e.source.as_str(), e.target.as_str())
        );
        prop_assert_eq!(&x.data["e_relation"], e.relation.as_str());
        let ev: Value = serde_json::from_str(&x.data["e_evidence"]).expect("evidence JSON");
        for (want, got) in e.evidence.iter().zip(ev.as_array().expect("array")) {
            let want = xml_clean(&want.text.get());
            prop_assert_eq!(got["text"].as_str(), Some(want.as_str()));
        }
    }
    Ok(())
}

/// What Graphviz should draw of `s`: no controls but newline and tab, no
/// U+FFFE/U+FFFF.
fn dot_visible(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !((c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect()
}

/// `got` is `want`, or a prefix of it followed by `…` when the exporter cut it.
fn label_matches(got: &str, want: &str) -> Result<(), TestCaseError> {
    if got == want {
        return Ok(());
    }
    let prefix = got
        .strip_suffix('…')
        .ok_or_else(|| TestCaseError::fail(format!("label {got:?} is not {want:?}")))?;
    prop_assert!(
        want.starts_with(prefix) && want.len() > prefix.len(),
        "cut label {:?} is not a prefix of {:?}",
        got,
        want
    );
    Ok(())
}

fn check_dot(g: &EntityGraph) -> Result<(), TestCaseError> {
    let text = render(Format::Dot, g);
    prop_assert!(text.ends_with("}\n"), "no closing brace and final newline");
    let dot = parse_dot(&text).map_err(TestCaseError::fail)?;
    prop_assert_eq!(dot.nodes.len(), g.node_count());
    prop_assert_eq!(dot.edges.len(), g.edge_count());
    for (n, (id, attrs)) in g.nodes().zip(&dot.nodes) {
        prop_assert_eq!(id.as_str(), n.id.as_str());
        for name in ["label", "tooltip", "id", "class"] {
            let raw =
                Dot::attr(attrs, name).ok_or_else(|| TestCaseError::fail(format!("no {name}")))?;
            let decoded = decode_label(raw).map_err(TestCaseError::fail)?;
            if name == "label" && n.deployment.is_none() {
                label_matches(&decoded, &dot_visible(&n.label))?;
            }
        }
    }
    for (e, (s, t, attrs)) in g.edges().zip(&dot.edges) {
        prop_assert_eq!(
            (s.as_str(), t.as_str()),
            (e.source.as_str(), e.target.as_str())
        );
        prop_assert_eq!(Dot::attr(attrs, "label"), Some(e.relation.as_str()));
        prop_assert_eq!(Dot::attr(attrs, "dir") == Some("none"), e.symmetric);
        let tooltip = Dot::attr(attrs, "tooltip").expect("tooltip");
        decode_label(tooltip).map_err(TestCaseError::fail)?;
    }
    let legend = Dot::attr(&dot.graph_attrs, "label").expect("legend");
    prop_assert!(legend.starts_with("<<table") && legend.ends_with("</table>>"));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn json_parses_back_with_every_node_link_and_label(g in arb_graph()) {
        check_json(&g)?;
    }

    #[test]
    fn graphml_is_well_formed_declared_and_round_trips_labels(g in arb_graph()) {
        check_graphml_export(&g)?;
    }

    #[test]
    fn dot_statements_all_parse_and_labels_read_back(g in arb_graph()) {
        check_dot(&g)?;
    }

    #[test]
    fn exports_are_byte_identical_across_runs(g in arb_graph()) {
        for f in Format::ALL {
            prop_assert_eq!(render(f, &g), render(f, &g.clone()));
        }
    }
}

#[test]
fn nasty_graph_passes_every_check() {
    let g = nasty_graph();
    check_json(&g).expect("JSON");
    check_graphml_export(&g).expect("GraphML");
    check_dot(&g).expect("DOT");
}

#[test]
fn the_checks_catch_broken_output() {
    // The parsers must reject what a careless exporter writes.
    assert!(parse_dot("digraph \"g\" {\n  \"a\" [label=\"abc\\\"];\n}\n").is_err());
    assert!(parse_dot("digraph \"g\" {\n  person:kim [label=\"k\"];\n}\n").is_err());
    assert!(
        parse_dot("digraph \"g\" {\n  \"a\" [label=\"a\"];\n  \"a\" -> \"b\" [label=\"x\"];\n}\n")
            .is_err()
    );
    assert!(parse_dot("\u{feff}digraph \"g\" {\n}\n").is_err());
    assert!(decode_label("AT&T").is_err());
    assert!(decode_label("id=\\N").is_err());
    assert_eq!(
        decode_label("C:\\\\ AT&amp;T\\n").as_deref(),
        Ok("C:\\ AT&T\n")
    );
    let good = render(Format::Graphml, &nasty_graph());
    assert!(check_graphml(&good).is_ok());
    for (from, to) in [
        (
            "<key id=\"n_label\" for=\"node\"",
            "<key id=\"n_label\" for=\"all\"",
        ),
        (
            "attr.name=\"count\" attr.type=\"long\"",
            "attr.name=\"count\" attr.type=\"integer\"",
        ),
        ("<edge id=\"e1\"", "<edge id=\"e0\""),
        ("<data key=\"n_kind\">", "<data key=\"n_kindx\">"),
        (
            "<data key=\"e_symmetric\">true",
            "<data key=\"e_symmetric\">True",
        ),
        ("edgedefault=\"directed\"", "edgedefault=\"undirected\""),
        ("Kim Jong Un", "Kim\u{7}Jong Un"),
        (
            "</graph>",
            "<edge id=\"zz\" source=\"nobody\" target=\"nobody\"/></graph>",
        ),
    ] {
        assert!(
            good.contains(from),
            "mutation source {from:?} not in the export"
        );
        let bad = good.replacen(from, to, 1);
        assert!(
            check_graphml(&bad).is_err(),
            "check accepted mutation {to:?}"
        );
    }
}
