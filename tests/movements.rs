//! One movement, one node (issue 15), end to end on articles written for the
//! purpose (tests/fixtures/movements/): each rule of data/deployments.toml,
//! including the contingents that must stay apart, and the seeds' pledge and
//! late-2024 estimate group.

use ergraph::corpus::Document;
use ergraph::graph::build::GraphBuilder;
use ergraph::graph::{EntityGraph, Node, Relation};
use std::path::Path;

fn graph_of(dir: &Path) -> EntityGraph {
    let lex = ergraph::lexicon::load_lexicon(&[]).expect("built-in lexicon");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut b = GraphBuilder::new(5);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("fixture text");
        let id = f.file_stem().unwrap().to_string_lossy().to_string();
        let doc = Document::new(id, f.display().to_string(), text, None, None, None);
        b.add(&ergraph::extract::extract_document(&doc, &lex));
    }
    b.finish()
}

fn fixtures() -> EntityGraph {
    graph_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/movements"))
}

fn deployments(g: &EntityGraph) -> Vec<&Node> {
    g.nodes().filter(|n| n.deployment.is_some()).collect()
}

/// The deployment nodes with this count (and no upper bound).
fn counted(g: &EntityGraph, count: u64) -> Vec<&Node> {
    deployments(g)
        .into_iter()
        .filter(|n| {
            let d = n.deployment.as_ref().unwrap();
            d.count == Some(count) && d.count_max.is_none()
        })
        .collect()
}

fn one(g: &EntityGraph, count: u64) -> &Node {
    let nodes = counted(g, count);
    assert_eq!(
        nodes.len(),
        1,
        "{count}: {:#?}",
        nodes.iter().map(|n| &n.id).collect::<Vec<_>>()
    );
    nodes[0]
}

fn by_id<'a>(g: &'a EntityGraph, id: &str) -> &'a Node {
    g.nodes()
        .find(|n| n.id.as_str() == id)
        .expect("a node of that id")
}

fn dep(n: &Node) -> &ergraph::graph::Deployment {
    n.deployment.as_ref().unwrap()
}

fn parts_of<'a>(g: &'a EntityGraph, whole: &Node) -> Vec<&'a str> {
    let mut p: Vec<&str> = g
        .edges()
        .filter(|e| e.relation == Relation::PartOf && e.target == whole.id)
        .map(|e| e.source.as_str())
        .collect();
    p.sort();
    p
}

#[test]
fn one_contingent_in_other_words_across_articles_is_one_node_with_aliases() {
    let g = fixtures();
    // "2,400 military personnel to Russia's Belgorod region" and "2,400
    // troops to Russia": Belgorod is in Russia, troops and personnel one family.
    let whole = one(&g, 2400);
    let d = dep(whole);
    assert_eq!(d.from.as_ref().map(|i| i.as_str()), Some("country:belarus"));
    assert_eq!(d.to.as_ref().map(|i| i.as_str()), Some("place:belgorod"));
    assert!(
        whole.aliases.contains("2,400 military personnel"),
        "{:?}",
        whole.aliases
    );
    assert_eq!(whole.documents.len(), 2);
}

#[test]
fn parts_link_to_their_whole_and_take_its_origin_and_destination() {
    let g = fixtures();
    let whole = one(&g, 2400);
    let (deminers, builders) = (one(&g, 400), one(&g, 2000));
    assert_eq!(parts_of(&g, whole), {
        let mut v = vec![deminers.id.as_str(), builders.id.as_str()];
        v.sort();
        v
    });
    for part in [deminers, builders] {
        assert_eq!(dep(part).from, dep(whole).from, "{}", part.id);
        assert_eq!(dep(part).to, dep(whole).to, "{}", part.id);
    }
    // "2,000 military construction workers and 400 sappers" in the other
    // article are the same two parts, though it names no 2,400.
    assert!(
        deminers.aliases.contains("400 sappers"),
        "{:?}",
        deminers.aliases
    );
    assert!(
        builders
            .aliases
            .contains("2,000 military construction workers")
    );
    // Listed together, the two parts never merge with each other.
    assert_ne!(deminers.id, builders.id);
}

#[test]
fn contingents_the_text_tells_apart_stay_apart() {
    let g = fixtures();
    // "700 troops ... in January and 700 soldiers in March": one sentence.
    assert_eq!(counted(&g, 700).len(), 2);
    // "an additional 900 troops" after "900 soldiers".
    assert_eq!(counted(&g, 900).len(), 2);
}

#[test]
fn nothing_merges_on_the_number_alone() {
    let g = fixtures();
    // Troops, drones and labourers, all 1,500 in one article.
    let units: Vec<&str> = counted(&g, 1500)
        .iter()
        .map(|n| dep(n).unit.as_str())
        .collect();
    assert_eq!(units.len(), 3, "{units:?}");
    // "300 troops arrived" with no origin and no destination is not Belarus's 300 soldiers.
    assert_eq!(counted(&g, 300).len(), 2);
    // Bryansk and Kursk are both in Russia, but two places.
    assert_eq!(counted(&g, 600).len(), 2);
}

#[test]
fn differing_counts_of_one_movement_form_an_estimate_group() {
    let g = fixtures();
    let groups = g.estimates();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let e = &groups[0];
    let members: Vec<&str> = e.members.iter().map(|m| m.as_str()).collect();
    assert_eq!(
        members,
        [
            "deployment:belarus-4000-5000-troops-to-russia",
            "deployment:belarus-4500-troops-to-russia"
        ]
    );
    assert_eq!((e.low, e.high, e.agree), (4000, 5000, true));
    for m in &e.members {
        assert_eq!(
            dep(g.node(m).unwrap()).estimate.as_deref(),
            Some(e.id.as_str())
        );
    }
    // Undated counts of other movements join no group.
    assert!(dep(one(&g, 2400)).estimate.is_none());
}

#[test]
fn the_seeds_pledge_is_one_node_with_two_parts_and_late_2024_one_estimate_group() {
    let g = graph_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let pledge = one(&g, 6000);
    let d = dep(pledge);
    assert_eq!(
        d.from.as_ref().map(|i| i.as_str()),
        Some("country:north-korea")
    );
    assert_eq!(d.to.as_ref().map(|i| i.as_str()), Some("place:kursk"));
    let parts = parts_of(&g, pledge);
    assert_eq!(parts.len(), 2, "{parts:?}");
    let counts: Vec<u64> = parts
        .iter()
        .map(|p| dep(by_id(&g, p)).count.unwrap())
        .collect();
    let mut counts = counts;
    counts.sort();
    assert_eq!(counts, [1000, 5000]);
    for p in &parts {
        let n = by_id(&g, p);
        assert!(dep(n).from.is_some(), "{p} has an unknown origin");
    }
    let late = g
        .estimates()
        .into_iter()
        .find(|e| e.low == 10_000)
        .expect("the late-2024 group");
    assert_eq!(late.high, 12_000);
    assert_eq!(late.members.len(), 2);
    assert!(
        late.members
            .iter()
            .any(|m| m.as_str() == "deployment:north-korea-10900-combat-troops")
    );
}

#[test]
fn estimates_command_prints_groups_as_text_and_json_and_draws_the_plot() {
    let exe = env!("CARGO_BIN_EXE_ergraph");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/movements");
    let tmp = tempfile::tempdir().unwrap();
    let svg = tmp.path().join("estimates.svg");
    let out = std::process::Command::new(exe)
        .arg("estimates")
        .arg("-q")
        .arg(&dir)
        .arg("--plot")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("personnel from Belarus to Russia"), "{text}");
    assert!(
        text.contains("spread 4,000–5,000 (the ranges overlap)"),
        "{text}"
    );
    assert!(
        text.contains("source: Ukrainian Intelligence Agency"),
        "{text}"
    );
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.starts_with("<svg") && drawn.contains("4,000–5,000"),
        "{drawn}"
    );
    // Two marks, one bar (the range).
    assert_eq!(drawn.matches("<circle").count(), 2, "{drawn}");

    let out = std::process::Command::new(exe)
        .args(["estimates", "-q", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["members"].as_array().unwrap().len(), 2);
    assert_eq!(v[0]["agree"], true);

    let out = std::process::Command::new(exe)
        .args(["explain", "-q", "4,500 troops", "Belarus"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("estimate group of estimate:belarus-4000-5000"),
        "{text}"
    );

    // A plot that cannot be written is an error naming the file.
    let out = std::process::Command::new(exe)
        .args(["estimates", "-q", "--plot", "/nonexistent-dir/x.svg"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/x.svg"));
}

#[test]
fn articles_merged_from_partial_files_give_the_same_movements() {
    // One partial per article, written and read back as `extract`/`merge` do:
    // the pairs told apart and the places' countries travel with them.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/movements");
    let lex = ergraph::lexicon::load_lexicon(&[]).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut merged: Option<GraphBuilder> = None;
    for f in files.iter().rev() {
        let id = f.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let doc = Document::new(id, f.display().to_string(), text, None, None, None);
        let mut b = GraphBuilder::new(5);
        b.add(&ergraph::extract::extract_document(&doc, &lex));
        let wire = serde_json::to_string(&b).unwrap();
        let back: GraphBuilder = serde_json::from_str(&wire).unwrap();
        match &mut merged {
            Some(m) => m.merge(back),
            None => merged = Some(back),
        }
    }
    let g = merged.unwrap().finish();
    assert!(g == fixtures(), "sharded and whole runs differ");
}
