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

/// `n` generated articles glued into one file, `copies` times over, as a
/// scraper that saves a whole feed to one page would: about 2.4 KB of
/// news-like text an article.
fn one_big_file(dir: &std::path::Path, n: u64, copies: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&ergraph::synth::generate(7, i).text);
    }
    let path = dir.join(format!("feed{n}x{copies}.txt"));
    std::fs::write(&path, text.repeat(copies)).unwrap();
    path
}

fn run_paged(path: &std::path::Path, page_bytes: usize) -> ergraph::Run {
    let opts = ergraph::Options {
        paths: vec![path.to_path_buf()],
        page_bytes,
        threads: 2,
        ..Default::default()
    };
    ergraph::run(&opts).expect("the big file builds")
}

#[test]
fn a_big_file_read_in_pages_keeps_file_offsets_and_the_graph_of_its_articles() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = one_big_file(dir.path(), 60, 1);
    let bytes = std::fs::read(&path).unwrap();
    let whole = run_paged(&path, usize::MAX);
    let paged = run_paged(&path, 16 << 10);
    assert_eq!(paged.documents, 1, "pages are one document");
    let named = |id: &ergraph::graph::NodeId| id.kind() != Some(ergraph::graph::Kind::Deployment);
    let ids = |r: &ergraph::Run| -> Vec<String> {
        r.graph
            .nodes()
            .filter(|n| named(&n.id))
            .map(|n| n.id.to_string())
            .collect()
    };
    let edges = |r: &ergraph::Run| -> Vec<(String, String, String)> {
        r.graph
            .edges()
            .filter(|e| named(&e.source) && named(&e.target))
            .map(|e| {
                (
                    e.source.to_string(),
                    e.target.to_string(),
                    e.relation.to_string(),
                )
            })
            .collect()
    };
    assert!(ids(&whole).len() > 20);
    // Read whole, the file is one long article whose contingents merge
    // across articles ("the 800 troops" of one with "800 soldiers" of the
    // next); read in pages they merge within a page. The named entities and
    // the relations between them do not depend on where the pages end.
    assert_eq!(ids(&paged), ids(&whole));
    // Every relation a sentence states alone is the same. A `reported` edge may
    // also come from the sentence before (a speaker whose own sentence names
    // nothing reports what the last one was about), and that link is not made
    // across a page break: at most a few such edges per break differ.
    let (pe, we) = (edges(&paged), edges(&whole));
    let local = |v: &[(String, String, String)]| -> Vec<(String, String, String)> {
        v.iter().filter(|e| e.2 != "reported").cloned().collect()
    };
    assert_eq!(local(&pe), local(&we));
    let differ = pe.iter().filter(|e| !we.contains(e)).count()
        + we.iter().filter(|e| !pe.contains(e)).count();
    let breaks = bytes.len() / (16 << 10) + 1;
    assert!(
        differ <= breaks,
        "{differ} reported edges differ across {breaks} page breaks"
    );
    let mut checked = 0;
    for e in paged.graph.edges() {
        for ev in &e.evidence {
            assert_eq!(
                &bytes[ev.start..ev.end],
                ev.text.get().as_bytes(),
                "offsets are the file's"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} evidence sentences");
}

#[test]
fn reading_a_big_file_in_pages_holds_a_page_or_two_not_the_file() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let paragraph = "Kim Jong Un met Vladimir Putin in Pyongyang, KCNA said. \
                     North Korea sent 5,000 troops to Russia.\n\n";
    std::fs::write(&path, paragraph.repeat((4 << 20) / paragraph.len())).unwrap();
    let size = std::fs::metadata(&path).unwrap().len() as usize;
    let read = |page_bytes: usize| {
        let mut stream =
            ergraph::corpus::stream::DocumentStream::new(std::slice::from_ref(&path), &[]);
        stream.page_bytes = page_bytes;
        let mut bytes = 0;
        for item in stream {
            bytes += item.expect("readable").0.text.len();
        }
        bytes
    };
    let page = 64 << 10;
    // First use builds the lazily made patterns of the title finder.
    read(page);
    let (bytes, paged) = peak_during(|| read(page));
    assert_eq!(bytes, size, "the pages cover the file");
    let (_, whole) = peak_during(|| read(usize::MAX));
    assert!(
        paged < 4 * page,
        "{paged} heap bytes to read {size} in pages of {page}"
    );
    assert!(whole >= size, "{whole} heap bytes to read {size} whole");
}

#[test]
fn extracting_a_big_file_in_pages_grows_memory_with_the_graph_not_the_file() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let small = one_big_file(dir.path(), 100, 2);
    let large = one_big_file(dir.path(), 100, 8);
    let lex = ergraph::load_lexicons(&[]).expect("lexicon");
    // What a run does with one file, on one thread: read, extract, merge.
    let build = |path: &std::path::Path, page_bytes: usize| {
        let mut stream = ergraph::corpus::stream::DocumentStream::new(&[path.to_path_buf()], &[]);
        stream.page_bytes = page_bytes;
        let mut builder = ergraph::graph::build::GraphBuilder::new(1);
        for item in stream {
            let (doc, _) = item.expect("readable");
            builder.add(&ergraph::extract::extract_document(&doc, &lex));
        }
        builder
    };
    let page = 16 << 10;
    // First use builds the lazily made patterns: not part of either figure.
    build(&small, page);
    // The same articles four times over give the same graph (higher
    // weights; one evidence sentence an edge, which the first copy fills):
    // what differs is what reading and extracting hold. Whole, the text and
    // its sentences are held at once.
    let (_, paged_small) = peak_during(|| build(&small, page));
    let (_, paged_large) = peak_during(|| build(&large, page));
    let (_, whole_small) = peak_during(|| build(&small, usize::MAX));
    let (_, whole_large) = peak_during(|| build(&large, usize::MAX));
    let size = std::fs::metadata(&large).unwrap().len() as usize;
    let paged_growth = paged_large.saturating_sub(paged_small);
    let whole_growth = whole_large.saturating_sub(whole_small);
    eprintln!(
        "peak heap for {size} bytes: pages {paged_small} -> {paged_large}, whole {whole_small} -> {whole_large}"
    );
    assert!(
        whole_growth > size / 2,
        "whole: {whole_growth} bytes more for {size}"
    );
    assert!(
        paged_growth * 20 < whole_growth,
        "a file 4x larger ({size} bytes) grew the peak by {paged_growth} heap bytes in pages, {whole_growth} whole"
    );
}
