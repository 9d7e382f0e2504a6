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
//! Skips with `skipped: install chromium` (or the JavaScript readers) when
//! they are missing, and fails instead under `ERGRAPH_REQUIRE_READERS=1`.

mod common;

use common::{reader_graphs, require_js_readers, require_tool, run, write_all};
use std::process::Command;

#[test]
fn page_shows_a_clicked_edges_evidence_in_headless_chromium() {
    let Some(chromium) = require_tool("chromium") else {
        return;
    };
    let Some((node, js)) = require_js_readers() else {
        return;
    };
    for (name, g) in reader_graphs() {
        let dir = write_all(&g);
        let shot = dir.path().join("viewer.png");
        let (ok, stdout, stderr) = run(Command::new(&node)
            .env("CHROMIUM", &chromium)
            .arg(js.join("check-viewer.mjs"))
            .arg(dir.path().join("graph.html"))
            .arg(&shot));
        assert!(ok, "{name}: check-viewer.mjs failed:\n{stdout}\n{stderr}");
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
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{name}: screenshot"
        );
        println!(
            "{name}: screenshot {} ({} bytes)",
            shot.display(),
            png.len()
        );
    }
}
