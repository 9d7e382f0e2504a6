//! Helpers shared by the integration tests: finding a real reader (or
//! skipping, or failing under `ERGRAPH_REQUIRE_READERS=1`), hand-built nasty
//! graphs, a proptest strategy for arbitrary graphs, and Rust-side checks of
//! the GraphML structure and the DOT quoting.
//!
//! Each test file compiles its own copy, so not every helper is used in every
//! file.
#![allow(dead_code)]

pub mod dotparse;
pub mod fed;
pub mod graphml;
pub mod harness;
pub mod peak;
pub mod pipeline;

use ergraph::graph::ids::node_id;
use ergraph::graph::{
    Category, Deployment, DocIdx, DocList, DocumentInfo, Edge, EntityGraph, Evidence, Kind, Node,
    Relation, Status,
};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// True when CI demands every reader (`ERGRAPH_REQUIRE_READERS=1`).
pub fn readers_required() -> bool {
    matches!(
        std::env::var("ERGRAPH_REQUIRE_READERS").as_deref(),
        Ok("1") | Ok("true") | Ok("yes")
    )
}

/// Skips (part of) the calling test, or fails it when readers are required.
/// Under [`harness::run`] the test then reports `ignored ({what})` instead of
/// `ok`; the tests there declare their needs, so this is the fallback.
#[track_caller]
pub fn skip(what: &str) {
    if readers_required() {
        panic!("{what} (ERGRAPH_REQUIRE_READERS=1 forbids skipping)");
    }
    harness::note_skip(what);
}

/// The path of the program `name` on `PATH`; when it is missing, prints
/// `skipped: install NAME` and returns `None`, or fails the test when
/// `ERGRAPH_REQUIRE_READERS=1`.
#[track_caller]
pub fn require_tool(name: &str) -> Option<PathBuf> {
    match find_on_path(name) {
        Some(path) => Some(path),
        None => {
            skip(&format!("install {name}"));
            None
        }
    }
}

/// The value of an environment variable naming a directory, or skip/fail with
/// `skipped: set VAR`.
#[track_caller]
pub fn require_env_dir(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if Path::new(&v).is_dir() => Some(PathBuf::from(v)),
        Some(v) => {
            skip(&format!(
                "set {var} (it names {:?}, which is not a directory)",
                v
            ));
            None
        }
        None => {
            skip(&format!("set {var}"));
            None
        }
    }
}

/// A python3 that can `import module`, or skip/fail with `skipped: install …`.
#[track_caller]
pub fn require_python_module(module: &str, package: &str) -> Option<PathBuf> {
    let python = require_tool("python3")?;
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        Some(python)
    } else {
        skip(&format!(
            "install {package} (python3 cannot import {module})"
        ));
        None
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Runs a command and returns (status ok, stdout, stderr), failing the test
/// with the full command line when it cannot start.
#[track_caller]
pub fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The characters XML 1.0 forbids even escaped.
pub fn xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` without XML-illegal characters: what GraphML can carry of it.
pub fn xml_clean(s: &str) -> String {
    s.chars().filter(|&c| !xml_illegal(c)).collect()
}

fn set<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> BTreeSet<String> {
    items.into_iter().map(Into::into).collect()
}

/// Index of `doc-a` and `doc-b` in the document lists the graphs here are
/// built from.
pub const DOC_A: DocIdx = 0;
pub const DOC_B: DocIdx = 1;

/// A node with one mention in `doc-a` (document 0 of the list given to
/// `EntityGraph::from_parts`).
pub fn node(kind: Kind, key: &str, label: &str) -> Node {
    Node {
        id: node_id(kind, key),
        label: label.to_string(),
        kind,
        aliases: BTreeSet::new(),
        mentions: 1,
        documents: DocList::from([DOC_A]),
        roles: BTreeSet::new(),
        deployment: None,
    }
}

/// An edge of weight 1 in `doc-a`, with no evidence.
pub fn edge(source: &Node, target: &Node, relation: Relation) -> Edge {
    Edge {
        source: source.id.clone(),
        target: target.id.clone(),
        relation,
        key: 0,
        symmetric: relation == Relation::Met
            || (relation == Relation::Agreed && source.kind.is_actor() && target.kind.is_actor()),
        weight: 1,
        documents: DocList::from([DOC_A]),
        evidence: Vec::new(),
        date: None,
        place: None,
        reported_by: Vec::new(),
    }
}

/// Every kind, parallel edges, a self-loop, and the nasty strings of
/// FORMATS.md §2.6 and §5.5 in labels, aliases, titles and evidence.
pub fn nasty_graph() -> EntityGraph {
    let mut kim = node(Kind::Person, "kim-jong-un", "Kim Jong Un");
    kim.aliases = set([
        "Kim",
        "Kim \"Rocket\" Jong-un",
        "김정은",
        "x, y",
        "C:\\",
        "",
    ]);
    kim.roles = set(["General Secretary"]);
    kim.mentions = 14;
    let shoigu = node(
        Kind::Person,
        "sergei-shoigu",
        "Сергей Шойгу \"the minister\" C:\\dir\\ AT&T AT&amp;T &#1082; <RU> ]]> \\N \\G \\l end\\",
    );
    let mut nis = node(
        Kind::Organization,
        "nis",
        "R&D & <NIS> He said \"yes\" \"now\"",
    );
    nis.aliases = set(["Seoul's spy agency", "a & < b", "   "]);
    let keyword = node(Kind::Organization, "node", "node");
    let digits = node(Kind::Organization, "5000troops", "5000troops 1.2.3");
    let mut country = node(
        Kind::Country,
        "north-korea",
        "North Korea\u{7}\u{b}\u{c}\r\n\u{1b}",
    );
    country.roles = set(["\u{0}nul"]);
    let place = node(
        Kind::Place,
        "kursk",
        "\u{feff}Kursk {region} [x] | <y> \u{202e}שלום\u{202c} مرحبا",
    );
    let treaty = node(Kind::Treaty, "treaty", "\"\"\"\"");
    let mut troops = node(
        Kind::Deployment,
        "north-korea-5000-construction-troops-2025-09",
        "5,000 construction troops",
    );
    troops.deployment = Some(Deployment {
        count: Some(5000),
        count_max: Some(6_000_000_000),
        approximate: true,
        unit: "construction <troops> & \"deminers\"".to_string(),
        category: Category::Personnel,
        status: Status::Sent,
        from: Some(country.id.clone()),
        to: None,
        date: Some("2025-09".to_string()),
        estimate: None,
    });
    let mut shells = node(Kind::Deployment, "9000000-shells", "9 million shells");
    shells.deployment = Some(Deployment {
        count: Some(9_000_000),
        count_max: None,
        approximate: false,
        unit: "artillery shells".to_string(),
        category: Category::Materiel,
        status: Status::Planned,
        from: None,
        to: Some(place.id.clone()),
        date: None,
        estimate: None,
    });

    let long_sentence = "A long sentence with \"quotes\" & <tags> \\ backslashes. ".repeat(400);
    let mut met = edge(&shoigu, &kim, Relation::Met);
    met.weight = 4;
    met.place = Some(place.id.clone());
    met.date = Some("2025-06-17".to_string());
    met.evidence = vec![
        Evidence {
            document: DOC_A,
            start: 0,
            end: 46,
            text: "Shoigu met Kim in Pyongyang.\nLine two \"quoted\".\r\nTab\there".into(),
        },
        Evidence {
            document: DOC_B,
            start: 100,
            end: 100 + long_sentence.len(),
            text: long_sentence.into(),
        },
    ];
    let agreed = edge(&shoigu, &kim, Relation::Agreed);
    let mut reported = edge(&kim, &kim, Relation::Reported);
    reported.evidence = vec![Evidence {
        document: DOC_A,
        start: 10,
        end: 22,
        text: "Kim said so \u{7} ]]> & done".into(),
    }];
    let mut sent = edge(&country, &troops, Relation::Sent);
    sent.reported_by = [nis.id.clone(), keyword.id.clone()].into_iter().collect();
    sent.weight = 1000;
    let deployed = edge(&troops, &place, Relation::DeployedTo);
    let signed = edge(&country, &treaty, Relation::Agreed);
    let said = edge(&nis, &troops, Relation::Reported);
    let odd = edge(&keyword, &digits, Relation::Met);
    let docs = vec![
        DocumentInfo {
            id: "doc-a".to_string(),
            path: "seeds/doc a & b.txt".to_string(),
            date: Some("2025-06-17".to_string()),
            title: Some("Shoigu \"visits\" <Pyongyang> & more\u{7}".to_string()),
            url: Some("https://example.org/?a=1&b=2".to_string()),
        },
        DocumentInfo {
            id: "doc-b".to_string(),
            path: "seeds/doc-b.txt".to_string(),
            date: None,
            title: None,
            url: None,
        },
    ];
    EntityGraph::from_parts(
        vec![
            kim, shoigu, nis, keyword, digits, country, place, treaty, troops, shells,
        ],
        vec![met, agreed, reported, sent, deployed, signed, said, odd],
        docs,
    )
}

/// Strings made of the pieces that break exporters: quotes, backslashes,
/// markup, braces, `]]>`, entities, control characters, BOM, bidi controls,
/// RTL text, Hangul, Cyrillic, arbitrary characters and the odd very long run.
pub fn nasty_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "\"", "\\", "<", ">", "&", "{", "}", "[", "]", "|", ";", ",", "=", "->", "--",
            "]]>", "&amp;", "&#1082;", "\\N", "\\G", "\\l", "\\n", "\r\n", "\r", "\n", "\t",
            " ", "\u{feff}", "\u{202e}", "\u{200f}", "\u{2028}", "\u{fffe}", "\u{ffff}",
            "שלום", "مرحبا", "김정은", "Шойгу", "😀", "digraph", "node", "Edge", "<b>", "</td>",
            "'", "%", "#", "\u{85}", "\u{7f}",
        ])
        .prop_map(String::from),
        2 => (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        3 => "[a-zA-Z0-9 ]{1,8}",
        2 => any::<char>().prop_map(String::from),
    ];
    let short = prop::collection::vec(piece, 0..12).prop_map(|p| p.concat());
    prop_oneof![
        20 => short,
        1 => (1000usize..20000, prop::sample::select(vec!["x", "&", "\"", "é", "\\", "김"]))
            .prop_map(|(n, s)| s.repeat(n)),
    ]
}

/// Arbitrary graphs of up to 8 nodes and 12 edges with nasty strings
/// everywhere a string can go.
pub fn arb_graph() -> impl Strategy<Value = EntityGraph> {
    let kinds = prop::sample::select(Kind::ALL.to_vec());
    let arb_node = (
        kinds,
        nasty_string(),
        prop::collection::btree_set(nasty_string(), 0..4),
        prop::collection::btree_set(nasty_string(), 0..2),
        (
            prop::option::of(0u64..20_000_000_000),
            prop::option::of(0u64..u64::MAX / 2),
            any::<bool>(),
            nasty_string(),
        ),
    );
    let nodes = prop::collection::vec(arb_node, 1..8);
    let arb_edge = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::sample::select(Relation::ALL.to_vec()),
        1u64..10_000,
        prop::collection::vec((nasty_string(), 0usize..10_000), 0..3),
        prop::option::of(nasty_string()),
    );
    let edges = prop::collection::vec(arb_edge, 0..12);
    let title = prop::option::of(nasty_string());
    (nodes, edges, title).prop_map(|(nodes, edges, title)| {
        let nodes: Vec<Node> = nodes
            .into_iter()
            .enumerate()
            .map(
                |(i, (kind, label, aliases, roles, (count, max, approx, unit)))| {
                    let mut n = node(kind, &format!("n{i}"), &label);
                    n.aliases = aliases;
                    n.roles = roles;
                    if kind == Kind::Deployment {
                        n.deployment = Some(Deployment {
                            count,
                            count_max: max,
                            approximate: approx,
                            unit,
                            category: Category::Materiel,
                            status: Status::Present,
                            from: None,
                            to: None,
                            date: Some("2025".to_string()),
                            estimate: None,
                        });
                    }
                    n
                },
            )
            .collect();
        let edges: Vec<Edge> = edges
            .into_iter()
            .map(|(s, t, relation, weight, evidence, date)| {
                let (s, t) = (&nodes[s.index(nodes.len())], &nodes[t.index(nodes.len())]);
                let mut e = edge(s, t, relation);
                e.weight = weight;
                e.date = date;
                e.evidence = evidence
                    .into_iter()
                    .map(|(text, start)| Evidence {
                        document: DOC_A,
                        start,
                        end: start + text.len(),
                        text: text.into(),
                    })
                    .collect();
                e
            })
            .collect();
        let docs = vec![DocumentInfo {
            id: "doc-a".to_string(),
            path: "in/doc-a.txt".to_string(),
            date: None,
            title,
            url: None,
        }];
        EntityGraph::from_parts(nodes, edges, docs)
    })
}

/// One export rendered to a string (the files of a multi-file format, such
/// as csv, one after the other).
pub fn render(format: ergraph::export::Format, graph: &EntityGraph) -> String {
    let mut buf = Vec::new();
    for part in 0..format.file_names().len() {
        ergraph::export::write_part(format, part, graph, &Default::default(), &mut buf)
            .expect("writing to a Vec");
    }
    String::from_utf8(buf).expect("exports are UTF-8")
}

/// `node` and the folder `tests/js` with its npm packages installed (`npm ci
/// --prefix tests/js`), or skip/fail with `skipped: …`.
#[track_caller]
pub fn require_js_readers() -> Option<(PathBuf, PathBuf)> {
    let node = require_tool("node")?;
    let js = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("js");
    if js_readers_installed() {
        Some((node, js))
    } else {
        skip("install the JavaScript readers: npm ci --prefix tests/js");
        None
    }
}

/// Whether `npm ci --prefix tests/js` has installed the JavaScript readers.
pub fn js_readers_installed() -> bool {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("js")
        .join("node_modules");
    [
        "cytoscape",
        "graphology",
        "graphology-gexf",
        "playwright-core",
    ]
    .iter()
    .all(|p| modules.join(p).join("package.json").is_file())
}

/// Every export of `graph` written into a fresh temp dir.
pub fn write_all(graph: &EntityGraph) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    ergraph::export::write_files(
        graph,
        &ergraph::export::Format::ALL,
        &Default::default(),
        dir.path(),
    )
    .expect("write exports");
    dir
}

/// The seeds' graph, built by the library from `seeds/`.
pub fn seeds_graph() -> EntityGraph {
    let opts = ergraph::Options {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        ..Default::default()
    };
    ergraph::run(&opts).expect("the seeds build").graph
}

/// The graphs every reader test runs on: the nasty one and the seeds'.
pub fn reader_graphs() -> Vec<(&'static str, EntityGraph)> {
    vec![("nasty graph", nasty_graph()), ("seeds", seeds_graph())]
}
