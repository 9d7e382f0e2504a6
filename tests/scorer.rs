//! Tests of the project's scorer (`tests/common/scorer.rs`) on small hand-made graphs.
//!
//! `tests/fixtures/scorer/` holds one expectation file (`expect.json`) and graphs that each
//! exercise one rule: a perfect graph, a split entity, noise nodes, wrong edges, edges matched
//! only by symmetry, blacklisted and float deployment counts, an empty graph, many wrong edges
//! and malformed graphs. Next to each `NAME.graph.json` sits `NAME.report.txt`: the report the
//! referee script printed for it with `--show` while the scorer was written (and
//! `many_wrong.brief.txt` without `--show`). The tests require the same report, byte for byte,
//! so the two scorers agree on every number and line; the reports are plain text, checked in,
//! and nothing here reads outside the repository.

#[allow(dead_code)]
#[path = "common/scorer.rs"]
mod scorer;

use std::fs;
use std::path::PathBuf;

use scorer::{Expectations, Malformed, Score};
use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scorer")
        .join(name)
}

fn read(name: &str) -> String {
    let path = fixture(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expectations() -> Expectations {
    Expectations::parse(&read("expect.json")).expect("expect.json parses")
}

fn score_value(graph: &Value) -> Result<Score, Malformed> {
    let exp = expectations();
    let referee = exp.referee().expect("expect.json is valid");
    referee.score(graph)
}

fn score_fixture(name: &str) -> Result<Score, Malformed> {
    let graph: Value =
        serde_json::from_str(&read(&format!("{name}.graph.json"))).expect("fixture is JSON");
    score_value(&graph)
}

/// The full report (`{:#}`, every unexpected edge), or the malformed report.
fn report(name: &str) -> String {
    match score_fixture(name) {
        Ok(s) => format!("{s:#}"),
        Err(m) => m.to_string(),
    }
}

#[track_caller]
fn assert_same_report(name: &str) {
    let want = read(&format!("{name}.report.txt"));
    let got = report(name);
    assert_eq!(
        got, want,
        "report for {name}.graph.json differs from the referee's"
    );
}

#[test]
fn every_fixture_report_matches_the_referee_byte_for_byte() {
    let mut names: Vec<String> = fs::read_dir(fixture(""))
        .expect("fixture dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".graph.json"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures: {names:?}");
    for name in &names {
        assert_same_report(name);
    }
}

#[test]
fn brief_report_lists_fifteen_unexpected_edges_then_a_count() {
    let score = score_fixture("many_wrong").expect("well formed");
    assert_eq!(score.to_string(), read("many_wrong.brief.txt"));
    assert_eq!(score.unexpected_edges.len(), 19);
}

#[test]
fn perfect_graph_scores_one() {
    let s = score_fixture("perfect").expect("well formed");
    assert_eq!((s.found, s.required, s.right, s.core), (5, 5, 4, 4));
    assert_eq!((s.recall, s.precision, s.f1), (1.0, 1.0, 1.0));
    assert!(s.missing_entities.is_empty() && s.split_entities.is_empty());
    assert!(s.noise_nodes.is_empty() && s.unexpected_edges.is_empty());
    assert!(s.missing_relations.is_empty());
}

#[test]
fn variant_label_and_also_regex_make_a_split_entity() {
    let s = score_fixture("split").expect("well formed");
    assert_eq!(
        s.split_entities,
        vec![
            (
                "ann".to_owned(),
                vec!["Ann Lee".to_owned(), "Lee".to_owned()]
            ),
            (
                "treaty".to_owned(),
                vec![
                    "Friendship Pact".to_owned(),
                    "Treaty of Friendship".to_owned()
                ]
            ),
        ]
    );
    assert_eq!(s.recall, 1.0);
}

#[test]
fn furniture_labels_are_noise_nodes() {
    let s = score_fixture("noise").expect("well formed");
    assert_eq!(s.noise_nodes, vec!["Advertisement", "By Jane Doe"]);
}

#[test]
fn wrong_edges_count_against_precision_but_other_relations_do_not() {
    let s = score_fixture("wrong_edge").expect("well formed");
    // Three wrong core edges; the wrong deployed_to and the located_in are not core.
    assert_eq!((s.right, s.core), (4, 7));
    assert_eq!(s.unexpected_edges.len(), 3);
    assert_eq!(s.links, 10);
}

#[test]
fn met_and_actor_agreed_match_reversed_but_treaty_and_sent_do_not() {
    let s = score_fixture("symmetric").expect("well formed");
    // met Bo->Ann and agreed Bo->Ann match; agreed treaty->Ann and sent reversed do not.
    assert_eq!((s.right, s.core), (3, 5));
    assert_eq!(
        s.unexpected_edges,
        vec![
            "Treaty of Friendship --agreed--> Ann Lee",
            "400 guards [400] --sent--> Ruritania"
        ]
    );
    assert_eq!((s.found, s.required), (2, 5));
}

#[test]
fn blacklisted_counts_never_match_a_wildcard_deployment() {
    let s = score_fixture("blacklist").expect("well formed");
    // 200 (casualties) and count_max 1200 (a wage) are blacklisted; 300, 500.0 and a
    // boolean count (ignored) pass the wildcard.
    assert_eq!((s.right, s.core), (7, 9));
    assert_eq!(
        s.unexpected_edges,
        vec![
            "Ruritania --sent--> 200 soldiers [200]",
            "Ruritania --sent--> 1,200 dollars [300]"
        ]
    );
}

#[test]
fn count_max_and_float_counts_match_listed_counts() {
    let graph = json!({
        "nodes": [
            {"id": "organization:rna", "label": "RNA", "kind": "organization"},
            {"id": "deployment:a", "label": "guards", "kind": "deployment", "count": 450, "count_max": 500},
            {"id": "deployment:b", "label": "guards", "kind": "deployment", "count": 500.0}
        ],
        "links": [
            {"source": "organization:rna", "target": "deployment:a", "relation": "reported"},
            {"source": "organization:rna", "target": "deployment:b", "relation": "reported"}
        ]
    });
    let s = score_value(&graph).expect("well formed");
    assert_eq!((s.right, s.core), (2, 2));
    assert_eq!(s.missing_entities.len(), 5, "{s}");
}

#[test]
fn empty_graph_has_zero_recall_and_zero_precision() {
    let s = score_fixture("empty").expect("well formed");
    assert_eq!((s.recall, s.precision, s.f1), (0.0, 0.0, 0.0));
    let keys: Vec<&str> = s.missing_entities.iter().map(|(k, _)| k.as_str()).collect();
    // The acceptable news agency is not missing; the order is the file's.
    assert_eq!(keys, ["ann", "bo", "ruritania", "zenda", "treaty"]);
}

#[test]
fn precision_rounds_like_the_referee() {
    let s = score_fixture("partial").expect("well formed");
    assert_eq!((s.right, s.core), (1, 8));
    assert!(
        s.summary().contains("precision=0.12 (1/8)"),
        "{}",
        s.summary()
    );
}

#[test]
fn malformed_graphs_are_reported_not_scored() {
    let Err(Malformed(problems)) = score_fixture("malformed") else {
        panic!("malformed.graph.json scored");
    };
    assert_eq!(problems.len(), 7, "{problems:#?}");
    for bad in [
        json!([]),
        json!({"nodes": []}),
        json!({"nodes": {}, "links": []}),
    ] {
        assert!(score_value(&bad).is_err(), "{bad} scored");
    }
    let not_object = json!({"nodes": [], "links": [3]});
    assert!(score_value(&not_object).is_err());
}

#[test]
fn symmetric_rule_follows_the_relation_and_object_keys() {
    let exp = expectations();
    let sym: Vec<(&str, bool)> = exp
        .relations
        .iter()
        .map(|r| (r.id.as_str(), scorer::is_symmetric(r)))
        .collect();
    assert_eq!(
        sym,
        [
            ("M1", true),
            ("A1", false),
            ("A2", true),
            ("S1", false),
            ("S2", false),
            ("D1", false),
            ("P1", false),
            ("P2", false)
        ]
    );
}

#[test]
fn bad_expectations_are_rejected_with_their_place() {
    let bad = r#"{
        "entities": {
            "a": {"kinds": ["human"], "label": "(unclosed", "need": "maybe"}
        },
        "relations": [
            {"id": "X", "rel": "likes", "s": ["a"], "o": ["nobody", {"deployment": "all"}],
             "need": "required", "why": "test"},
            {"id": "X", "rel": "met", "s": ["a"], "o": ["*"], "need": "required", "why": "test"}
        ],
        "noise_labels": ["["]
    }"#;
    let exp = Expectations::parse(bad).expect("schema parses");
    let problems = exp.problems();
    for want in [
        "entity a: kind \"human\"",
        "entity a: need \"maybe\"",
        "entity a: label regex",
        "noise_labels[0] regex",
        "relation X: relation \"likes\"",
        "relation X: \"nobody\" names no entity",
        "relation X: deployment \"all\"",
        "relation X: id repeated",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(want)),
            "no problem starting {want:?} in {problems:#?}"
        );
    }
    assert!(exp.referee().is_err());
    let typo = r#"{"entities": {}, "relations": [], "noise_label": []}"#;
    assert!(Expectations::parse(typo).is_err(), "unknown field accepted");
}

#[test]
fn stand_in_graph_for_a_corpus_article_scores_like_the_referee() {
    // A hand-made graph of what an extractor might build from tests/corpus/001_*.txt:
    // every required relation, a production rate taken for a deployment, a made-up meeting
    // and the byline as a person.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let name = "001_hur_iran_drones_caspian";
    let read_at = |rel: String| {
        let path = dir.join(&rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let exp = Expectations::parse(&read_at(format!("tests/corpus/{name}.expect.json")))
        .expect("expectations parse");
    let graph: Value = serde_json::from_str(&read_at(format!(
        "tests/fixtures/standin/{name}.graph.json"
    )))
    .expect("stand-in is JSON");
    let s = exp
        .referee()
        .expect("valid")
        .score(&graph)
        .expect("well formed");
    assert_eq!(
        format!("{s:#}"),
        read_at(format!("tests/fixtures/standin/{name}.report.txt"))
    );
    assert_eq!((s.found, s.required, s.right, s.core), (6, 6, 5, 7));
    assert_eq!(s.noise_nodes, vec!["Dmytro Koval"]);
}

#[test]
fn recall_needs_an_edge_from_an_article_the_relation_names() {
    let exp = Expectations::parse(
        r#"{"entities": {
              "ann": {"kinds": ["person"], "label": "^Ann Lee$", "need": "required"},
              "bo": {"kinds": ["person"], "label": "^Bo Park$", "need": "required"}},
            "relations": [
              {"id": "M1", "rel": "met", "s": ["ann"], "o": ["bo"], "need": "required",
               "docs": "02 14", "why": "Ann Lee met Bo Park"}]}"#,
    )
    .expect("inline expectations parse");
    let referee = exp.referee().expect("valid");
    let graph = |docs: Value| {
        json!({
            "nodes": [
                {"id": "person:ann-lee", "label": "Ann Lee", "kind": "person"},
                {"id": "person:bo-park", "label": "Bo Park", "kind": "person"}
            ],
            "links": [{"source": "person:ann-lee", "target": "person:bo-park",
                       "relation": "met", "key": 0, "documents": docs}]
        })
    };
    let found = |docs: Value| referee.score(&graph(docs)).expect("well formed").found;
    // The same two people linked from another article do not find the relation...
    assert_eq!(found(json!(["01_other", "140_story", "2"])), 0);
    // ...an article the gold names does, by its whole id or its prefix and `_`.
    assert_eq!(found(json!(["01_other", "14_summit"])), 1);
    assert_eq!(found(json!(["02"])), 1);
    // Precision is not scoped: the edge is right wherever it comes from.
    let s = referee
        .score(&graph(json!(["01_other"])))
        .expect("well formed");
    assert_eq!((s.right, s.core), (1, 1));
}
