//! Big inputs in bounded work and memory, checked structurally, never timed:
//! a 5 MB line with no sentence punctuation is cut into sentences no longer
//! than `MAX_SENTENCE_BYTES` that cover every word, a 5 MB token with no space
//! is cut on character boundaries, and splitting a huge line allocates a small
//! multiple of its size (no per-character buffers: a counting allocator
//! measures the peak). The figures for 100 MB and 1 GB files are in the
//! README ("Limits and errors").

mod common;

use ergraph::text::sentences::{MAX_SENTENCE_BYTES, split_sentences};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live and peak heap bytes of the whole test binary.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The counters are global: tests that read them run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes allocated while `f` runs, above what was live before.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

const FIVE_MB: usize = 5 << 20;

/// One line of distinct words ("w0 w1 w2 …"), no punctuation, about `bytes` long.
fn numbered_words(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!("w{i} "));
        i += 1;
    }
    s
}

#[test]
fn unpunctuated_5mb_line_is_cut_into_guarded_sentences_covering_every_word() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = numbered_words(FIVE_MB);
    let sentences = split_sentences(&text, 0);
    assert!(sentences.len() >= FIVE_MB / MAX_SENTENCE_BYTES);
    for s in &sentences {
        assert!(s.text.len() <= MAX_SENTENCE_BYTES, "{} bytes", s.text.len());
        assert_eq!(&text[s.start..s.end], s.text);
    }
    let rejoined: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        rejoined.join(" "),
        text.trim_end(),
        "the cuts lose or repeat no word"
    );
}

#[test]
fn a_5mb_token_without_spaces_is_cut_on_character_boundaries() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Three-byte characters, so a cut at a byte count lands inside one; four
    // words first, as a line of fewer is a label, not text.
    let text = format!("One two three {}\n", "김".repeat(FIVE_MB / 3));
    let sentences = split_sentences(&text, 0);
    assert!(!sentences.is_empty());
    for s in &sentences {
        assert!(s.text.len() <= MAX_SENTENCE_BYTES, "{} bytes", s.text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(&text[s.start..s.end], s.text);
    }
}

#[test]
fn splitting_a_huge_line_allocates_a_small_multiple_of_its_size() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = numbered_words(FIVE_MB);
    let (sentences, peak) = peak_during(|| split_sentences(&text, 0));
    // The sentences own a copy of their text (1x); a per-character buffer of
    // (usize, char) would be 16x.
    assert!(
        peak < 3 * text.len(),
        "split_sentences of {} bytes peaked at {peak} heap bytes",
        text.len()
    );
    assert!(!sentences.is_empty());
}

#[test]
fn a_5mb_unpunctuated_document_goes_through_the_whole_pipeline() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let lex = ergraph::load_lexicons(&[]).expect("lexicon");
    let words = [
        "Kim",
        "Putin",
        "met",
        "troops",
        "Russia",
        "North",
        "Korea",
        "sent",
        "workers",
        "Moscow",
        "the",
        "and",
        "of",
        "in",
        "Shoigu",
        "Pyongyang",
    ];
    let mut text = String::with_capacity(FIVE_MB + 16);
    let mut i = 0usize;
    while text.len() < FIVE_MB {
        // A deterministic walk through the words, no randomness needed.
        i = i.wrapping_mul(31).wrapping_add(7);
        text.push_str(words[i % words.len()]);
        text.push(' ');
    }
    common::pipeline::check_text(text, &lex).expect("exports parse");
}
