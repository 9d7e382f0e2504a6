//! Hostile text end to end: names and sentences full of quotes, backslashes,
//! `<>&`, braces, control characters (U+0000 to U+001F), byte-order marks,
//! bidi marks, right-to-left script, Hangul, Cyrillic and very long tokens,
//! put into article-like text and run through the library pipeline
//! (`Document::new`, `extract_document`, `GraphBuilder`, `export::write`).
//! Every export must parse back (serde_json, the GraphML structure check, the
//! DOT parser) and every evidence span must slice the document
//! (`common/pipeline.rs`); a handful of nasty articles also go through the
//! real readers (`dot`, `xmllint --schema`, networkx): that test is reported
//! `ignored` when one is missing, or fails under `ERGRAPH_REQUIRE_READERS=1`
//! (`tests/common/harness.rs`).

mod common;

use common::harness::{self, *};

use common::pipeline::{check_bytes, check_text};
use common::{nasty_string, require_env_dir, require_python_module, require_tool, run};
use ergraph::export::{ExportOptions, Format, write_files};
use ergraph::graph::EntityGraph;
use ergraph::lexicon::Lexicon;
use proptest::prelude::*;
use std::process::Command;
use std::sync::LazyLock;

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| ergraph::load_lexicons(&[]).expect("built-in lexicon"));

/// An article that names `name` in its headline, as a titled person, inside a
/// meeting sentence, in a quote and beside a very long token.
fn article(name: &str, filler: &str) -> String {
    format!(
        "date 2025-06-17\n\
         {name} meets Putin in Moscow today\n\
         \n\
         Foreign Minister {name} met President Vladimir Putin in Moscow.\n\
         Russian President Vladimir Putin met North Korean leader Kim Jong Un and {name} in Pyongyang on Tuesday, state media reported.\n\
         \"{name},\" said Sergei Shoigu, who met Kim Jong Un {filler} in Pyongyang.\n\
         Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday.\n"
    )
}

/// Runs `text` through the pipeline and its checks, failing with the text.
#[track_caller]
fn pipeline(text: &str) -> EntityGraph {
    check_text(text.to_string(), &LEXICON)
        .unwrap_or_else(|e| panic!("{e}\n--- text ---\n{}", text.escape_debug()))
}

/// Hostile names: the nasty pieces of `common::nasty_string` plus capitalised
/// words in Latin, Cyrillic and Hangul, so some of them are taken for names.
fn hostile_name() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Choe",
        "Son",
        "Hui",
        "Сергей",
        "Лавров",
        "김정은",
        "O'Brien",
        "Lee-Kim",
        "Al",
        "Д'Артаньян",
    ]);
    (
        prop::collection::vec(word.clone(), 0..3),
        nasty_string(),
        prop::collection::vec(word, 0..2),
    )
        .prop_map(|(a, nasty, b)| format!("{} {nasty} {}", a.join(" "), b.join(" ")))
}

/// A long run with no space or punctuation, or many words with none.
fn filler() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (
            1usize..5000,
            prop::sample::select(vec!["x", "김", "Ж", "\u{202e}", "&"])
        )
            .prop_map(|(n, s)| s.repeat(n)),
        (1usize..800).prop_map(|n| "word ".repeat(n)),
    ]
}

proptest! {
    // No regression file: the cases come from the strategies, and a failure
    // prints its minimal input.
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    fn hostile_names_in_articles_give_exports_that_parse(name in hostile_name(), filler in filler()) {
        let text = article(&name, &filler);
        check_text(text.clone(), &LEXICON).map_err(TestCaseError::fail)?;
        // The same text as file bytes, through decoding (it may be skipped as binary).
        check_bytes(text.as_bytes(), &LEXICON).map_err(TestCaseError::fail)?;
    }

    fn arbitrary_text_in_an_article_gives_exports_that_parse(noise in nasty_string()) {
        let text = format!(
            "{noise}\nRussian President Vladimir Putin met {noise} North Korean leader Kim Jong Un in {noise} Pyongyang.\n{noise}"
        );
        check_text(text, &LEXICON).map_err(TestCaseError::fail)?;
    }
}

/// Nasty articles whose hostile text reaches the evidence of a `met` edge.
fn nasty_articles() -> Vec<(&'static str, String)> {
    let controls: String = (0u32..0x20)
        .filter_map(char::from_u32)
        .filter(|&c| c != '\n' && c != '\r')
        .collect();
    let cases = [
        (
            "quotes and backslashes",
            r#"Ri "the \"Rocket\"" C:\dir\ \N \G \l end\"#.to_string(),
        ),
        (
            "markup and braces",
            "<b>Kim</b> & AT&amp;T ]]> {braces} [x] |y| <!-- -->".to_string(),
        ),
        ("control characters", format!("Ri{controls}Son")),
        (
            "bom and bidi",
            "\u{feff}\u{202e}שלום\u{202c} مرحبا \u{200f}Ri\u{2066}x\u{2069}".to_string(),
        ),
        ("hangul and cyrillic", "김정은 and Сергей Шойгу".to_string()),
        ("very long token", "X".repeat(20_000)),
    ];
    cases
        .into_iter()
        .map(|(what, s)| {
            (
                what,
                format!(
                    "date 2025-06-17\nNasty names {s} meet\n\nRussian President Vladimir Putin met North Korean leader Kim Jong Un and {s} in Pyongyang on Tuesday.\n"
                ),
            )
        })
        .collect()
}

fn nasty_text_reaches_the_evidence_and_every_export_parses() {
    for (what, text) in nasty_articles() {
        let g = pipeline(&text);
        let evidence: Vec<String> = g
            .edges()
            .flat_map(|e| e.evidence.iter().map(|ev| ev.text.to_string()))
            .collect();
        assert!(
            evidence.iter().any(|t| t.contains("Vladimir Putin met")),
            "{what}: no evidence of the meeting; evidence is {evidence:?}"
        );
    }
}

fn nul_and_every_c0_control_in_a_name_are_handled() {
    // U+0000 never comes through `decode` (a NUL byte makes a file binary), but
    // a caller of the library may hand any string to `Document::new`.
    for c in (0u32..0x20).filter_map(char::from_u32) {
        let text = article(&format!("Ri{c}Son Hui"), "");
        pipeline(&text);
    }
}

fn hangul_and_cyrillic_names_keep_their_script_in_every_export() {
    let g = pipeline(&article("Сергей Лавров", ""));
    let labels: Vec<&str> = g.nodes().map(|n| n.label.as_str()).collect();
    assert!(
        labels.iter().any(|l| l.contains("Лавров")),
        "a titled Cyrillic name is a node; nodes are {labels:?}"
    );
    pipeline(&article("김정은", ""));
}

/// The nasty articles written with `write_files` and read by Graphviz,
/// xmllint (with the GraphML schema when `ERGRAPH_SCHEMAS` is set) and networkx.
fn nasty_articles_pass_the_real_readers() {
    let dot = require_tool("dot");
    let xmllint = require_tool("xmllint");
    let xsd = require_env_dir("ERGRAPH_SCHEMAS").map(|s| s.join("graphml").join("graphml.xsd"));
    let python = require_python_module("networkx", "networkx>=3.4 (pip install \"networkx>=3.4\")");
    for (what, text) in nasty_articles() {
        let g = pipeline(&text);
        let dir = tempfile::tempdir().expect("temp dir");
        write_files(&g, &Format::ALL, &ExportOptions::default(), dir.path())
            .expect("write exports");
        let (dot_file, gml, json) = (
            dir.path().join("graph.dot"),
            dir.path().join("graph.graphml"),
            dir.path().join("graph.json"),
        );
        if let Some(dot) = &dot {
            let svg = dir.path().join("graph.svg");
            let (ok, _, stderr) = run(Command::new(dot)
                .arg("-Tsvg")
                .arg("-o")
                .arg(&svg)
                .arg(&dot_file));
            assert!(
                ok && stderr.is_empty(),
                "{what}: dot -Tsvg failed or warned:\n{stderr}"
            );
        }
        if let Some(xmllint) = &xmllint {
            let mut cmd = Command::new(xmllint);
            cmd.args(["--noout", "--nonet"]);
            if let Some(xsd) = &xsd {
                cmd.arg("--schema").arg(xsd);
            }
            let (ok, _, stderr) = run(cmd.arg(&gml));
            assert!(ok, "{what}: xmllint rejects the GraphML:\n{stderr}");
        }
        if let Some(python) = &python {
            let script = "import json, sys, networkx as nx\n\
                G = nx.read_graphml(sys.argv[1], force_multigraph=True)\n\
                J = nx.node_link_graph(json.load(open(sys.argv[2], encoding='utf-8')), edges='links')\n\
                assert set(G.nodes) == set(J.nodes), 'node ids differ'\n\
                assert G.number_of_edges() == J.number_of_edges(), 'edge counts differ'\n\
                print(G.number_of_nodes(), G.number_of_edges())\n";
            let (ok, stdout, stderr) = run(Command::new(python)
                .args(["-c", script])
                .arg(&gml)
                .arg(&json));
            assert!(ok, "{what}: networkx:\n{stdout}\n{stderr}");
            assert_eq!(
                stdout.trim(),
                format!("{} {}", g.node_count(), g.edge_count()),
                "{what}: networkx counts"
            );
        }
    }
}

fn main() {
    harness::run(vec![
        test(
            "hostile_names_in_articles_give_exports_that_parse",
            hostile_names_in_articles_give_exports_that_parse,
        ),
        test(
            "arbitrary_text_in_an_article_gives_exports_that_parse",
            arbitrary_text_in_an_article_gives_exports_that_parse,
        ),
        test(
            "nasty_text_reaches_the_evidence_and_every_export_parses",
            nasty_text_reaches_the_evidence_and_every_export_parses,
        ),
        test(
            "nul_and_every_c0_control_in_a_name_are_handled",
            nul_and_every_c0_control_in_a_name_are_handled,
        ),
        test(
            "hangul_and_cyrillic_names_keep_their_script_in_every_export",
            hangul_and_cyrillic_names_keep_their_script_in_every_export,
        ),
        test(
            "nasty_articles_pass_the_real_readers",
            nasty_articles_pass_the_real_readers,
        )
        .needs(&[DOT, XMLLINT, SCHEMAS, NETWORKX]),
    ])
}
