//! Arbitrary bytes as the contents of one input file, through the whole
//! pipeline: `decode` (binary and empty inputs are skipped, as ergraph skips
//! them), `Document::new`, extraction, the graph, and all three exports, each
//! parsed back. Any panic, or an export that does not parse, is a finding.
//!
//! The checks are those of the test suite (`tests/common/pipeline.rs`, with the
//! GraphML check and the DOT parser beside it), so each crashing input copied
//! to `tests/fuzz_regressions/` replays through the same code in
//! `cargo test --test fuzz_regressions`.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/dotparse.rs"]
mod dotparse;
#[allow(dead_code)]
#[path = "../../tests/common/graphml.rs"]
mod graphml;
#[allow(dead_code)]
#[path = "../../tests/common/pipeline.rs"]
mod pipeline;

use ergraph::lexicon::Lexicon;

/// The characters XML 1.0 forbids even escaped; `graphml.rs` takes this from
/// `tests/common/mod.rs`, which the fuzz target does not include.
fn xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| ergraph::load_lexicons(&[]).expect("the built-in lexicon loads (tested)"));

fuzz_target!(|data: &[u8]| {
    if let Err(e) = pipeline::check_bytes(data, &LEXICON) {
        panic!("{e}");
    }
});
