//! The browser page in a real browser: `graph.html` of the seeds' graph and
//! of the nasty graph, opened in headless Chromium (Debian's `chromium`)
//! through playwright-core (`tests/js/check-viewer.mjs`) with every request
//! that is not `file:` refused. The script clicks an edge with the mouse and
//! reads the side panel; this test checks that the panel shows that edge's
//! evidence and document, that nothing was fetched from the network, that
//! no script error occurred, that search and a relation filter work, and
//! that a screenshot was saved (in the temp dir; `scripts/render-docs.sh`
//! makes `docs/viewer.png`).
//!
//! Reported `ignored` with what to install when Chromium or the JavaScript
//! readers are missing (`tests/common/harness.rs`), and fails instead under
//! `ERGRAPH_REQUIRE_READERS=1`.

mod common;

use common::harness::{self, *};

use common::{reader_graphs, require_js_readers, require_tool, run, write_all};
use std::path::Path;
use std::process::Command;

/// Runs `tests/js/<script>` on `html` (the screenshot going to `shot`) and
/// returns the JSON line it prints, after checking that the page raised no
/// error, asked the network for nothing and left a screenshot.
fn open_in_chromium(
    script: &str,
    html: &Path,
    shot: &Path,
    name: &str,
) -> Option<serde_json::Value> {
    let chromium = require_tool("chromium")?;
    let (node, js) = require_js_readers()?;
    let (ok, stdout, stderr) = run(Command::new(&node)
        .env("CHROMIUM", &chromium)
        .arg(js.join(script))
        .arg(html)
        .arg(shot));
    assert!(ok, "{name}: {script} failed:\n{stdout}\n{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{name}: not one JSON line ({e}):\n{stdout}"));
    assert_eq!(
        v["errors"],
        serde_json::json!([]),
        "{name}: page errors: {v}"
    );
    assert_eq!(
        v["remoteRequests"],
        serde_json::json!([]),
        "{name}: the page asked the network for something: {v}"
    );
    let png = std::fs::read(shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{name}: screenshot"
    );
    println!(
        "{name}: screenshot {} ({} bytes)",
        shot.display(),
        png.len()
    );
    Some(v)
}

fn page_shows_a_clicked_edges_evidence_in_headless_chromium() {
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let shot = dir.path().join("viewer.png");
        let html = dir.path().join("graph.html");
        let Some(v) = open_in_chromium("check-viewer.mjs", &html, &shot, name) else {
            return;
        };
        assert_eq!(v["nodes"].as_u64(), Some(g.node_count() as u64), "{name}");
        assert_eq!(v["edges"].as_u64(), Some(g.edge_count() as u64), "{name}");
        let clicked = &v["clicked"];
        assert!(
            clicked.is_object(),
            "{name}: no edge could be clicked with the mouse: {v}"
        );
        assert_eq!(
            clicked["evidenceShown"], true,
            "{name}: panel lacks the evidence: {v}"
        );
        assert_eq!(
            clicked["documentShown"], true,
            "{name}: panel lacks the document: {v}"
        );
        // The seeds hold an estimate group and a whole with parts.
        if name == "seeds" {
            let m = &v["movement"];
            assert_eq!(m["estimate"]["heading"], true, "{name}: {v}");
            assert_eq!(m["estimate"]["othersShown"], true, "{name}: {v}");
            assert_eq!(m["estimate"]["sourceShown"], true, "{name}: {v}");
            assert_eq!(m["parts"]["partsShown"], true, "{name}: {v}");
        }
        let f = &v["filter"];
        assert_eq!(
            f["after"]
                .as_u64()
                .zip(f["hiddenExpected"].as_u64())
                .map(|(a, h)| a + h),
            f["before"].as_u64(),
            "{name}: unticking a relation hides exactly its edges: {v}"
        );
        assert!(
            v["searchCount"]
                .as_str()
                .is_some_and(|s| s.contains("match")),
            "{name}: search reports its matches: {v}"
        );
    }
}

/// A generated corpus of 200 documents (over a thousand entities) opens on
/// its overview: `tests/js/time-viewer.mjs` (the script behind
/// `scripts/time-viewer.sh`, which times 2,000 and 20,000 documents) checks
/// that the page says it is an overview and draws only the most mentioned
/// entities, that a mouse click on a drawn edge shows its evidence, that a
/// search answers for an entity that is not drawn and Enter draws and shows
/// the first match, that no drawn label overlaps another, that the most
/// mentioned entity's button draws up to 100 of its neighbours, that "Show top
/// 600" draws 600 entities laid out in a web worker, with no network and no
/// script error. The times it measures are printed, not asserted
/// (speed is measured by the script, not by tests on a shared machine).
fn big_graph_opens_on_an_overview_in_headless_chromium() {
    if require_tool("chromium").is_none() || require_js_readers().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("news.jsonl");
    let (ok, _, stderr) = run(Command::new(env!("CARGO_BIN_EXE_gen_corpus"))
        .args(["--docs", "200", "--jsonl"])
        .arg(&corpus));
    assert!(ok, "gen_corpus failed: {stderr}");
    let out = dir.path().join("out");
    let (ok, _, stderr) = run(Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .arg("--jsonl")
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .args(["-f", "html", "-q"]));
    assert!(ok, "ergraph failed: {stderr}");
    let shot = dir.path().join("viewer.png");
    let html = out.join("graph.html");
    let Some(v) = open_in_chromium("time-viewer.mjs", &html, &shot, "200 documents") else {
        return;
    };
    let entities = v["entities"].as_u64().expect("entities");
    assert!(entities > 1000, "a big graph: {v}");
    assert_eq!(v["drawnNodes"], 150, "the overview draws 150 entities: {v}");
    assert!(
        v["drawnEdges"].as_u64().is_some_and(|e| e > 0 && e <= 450),
        "at most three relations per drawn entity: {v}"
    );
    // The page writes 1,143; without the separators it must say 1143.
    let notice = v["notice"].as_str().unwrap_or_default().replace(',', "");
    assert!(
        notice.starts_with("Overview.")
            && notice.contains(&format!("150 most mentioned of {entities} entities")),
        "the page says it is an overview: {v}"
    );
    assert_eq!(v["clicked"]["evidenceShown"], true, "edge click: {v}");
    assert_eq!(v["clicked"]["documentShown"], true, "edge click: {v}");
    assert!(
        v["searchCount"]
            .as_str()
            .is_some_and(|s| s.contains("match") && s.contains("0 drawn")),
        "search finds an entity that is not drawn: {v}"
    );
    assert_eq!(v["searchPicked"]["wantedWasDrawn"], false, "{v}");
    assert!(
        v["searchPicked"]["selected"].is_string(),
        "Enter draws and selects the match: {v}"
    );
    assert_eq!(v["labels"]["overlaps"], 0, "labels overlap: {v}");
    assert!(
        v["labels"]["shown"].as_u64().is_some_and(|n| n >= 30),
        "most of the overview is labelled: {v}"
    );
    let (before, after) = (
        v["neighbours"]["before"].as_u64(),
        v["neighbours"]["after"].as_u64(),
    );
    assert!(
        before
            .zip(after)
            .is_some_and(|(b, a)| a > b && a <= b + 100),
        "the top entity's button draws up to 100 neighbours: {v}"
    );
    let show = &v["show600"];
    assert_eq!(show["drawnNodes"], 600, "Show top 600: {v}");
    assert_eq!(
        show["thread"], "worker",
        "a view of 600 is laid out in a web worker: {v}"
    );
    println!(
        "200 documents, {entities} entities: ready {} ms, interactive {} ms, layout settled {} ms",
        v["readyMs"], v["interactiveMs"], v["layoutDoneMs"]
    );
}

fn main() {
    harness::run(vec![
        test(
            "page_shows_a_clicked_edges_evidence_in_headless_chromium",
            page_shows_a_clicked_edges_evidence_in_headless_chromium,
        )
        .needs(&[CHROMIUM, JS]),
        test(
            "big_graph_opens_on_an_overview_in_headless_chromium",
            big_graph_opens_on_an_overview_in_headless_chromium,
        )
        .needs(&[CHROMIUM, JS]),
    ])
}
