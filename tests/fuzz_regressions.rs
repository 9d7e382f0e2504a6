//! Replays every input the fuzzer once crashed on (`tests/fuzz_regressions/`)
//! through the fuzz target's own checks (`common/pipeline.rs`): decode,
//! extraction, the graph, and all three exports parsed back.

mod common;

use common::pipeline::{Outcome, check_bytes};
use std::path::PathBuf;

fn regression_inputs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_crash_now_passes_the_fuzz_checks() {
    let lex = ergraph::load_lexicons(&[]).expect("built-in lexicon");
    let inputs = regression_inputs();
    let mut failures = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).expect("read regression input");
        let name = path.file_name().expect("file name").to_string_lossy();
        match std::panic::catch_unwind(|| check_bytes(&bytes, &lex)) {
            Ok(Ok(Outcome::Graph(g))) => println!(
                "{name}: {} nodes, {} edges, exports parse",
                g.node_count(),
                g.edge_count()
            ),
            Ok(Ok(Outcome::Skipped(why))) => println!("{name}: skipped ({why})"),
            Ok(Err(e)) => failures.push(format!("{name}: {e}")),
            Err(_) => failures.push(format!("{name}: panicked (message above)")),
        }
    }
    println!("{} regression inputs replayed", inputs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_reject_evidence_that_does_not_slice_its_document() {
    // The replay is only as good as its checks: a wrong offset must fail.
    let lex = ergraph::load_lexicons(&[]).expect("built-in lexicon");
    let text = "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday.\n";
    let g = common::pipeline::check_text(text.to_string(), &lex).expect("a clean article passes");
    assert!(g.edge_count() > 0, "the article gives an edge");
    let shifted = format!(" {text}");
    assert!(common::pipeline::check_exports(&g, &shifted).is_err());
}
