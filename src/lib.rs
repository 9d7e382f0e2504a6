//! ergraph reads news articles and builds an entity-relationship graph.
//!
//! The pipeline: `corpus` reads files into documents (decoding, dates, titles);
//! `text` splits them into sentences with byte spans and drops site furniture;
//! `mentions` finds entities (lexicon, titled names, organisations, coreference)
//! and quantities; `relations` turns each sentence into claims (met, agreed,
//! sent, reported, deployed_to) with their evidence; `graph` merges the claims
//! of every document into one petgraph multigraph; `export` writes it as DOT,
//! GraphML and JSON.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod corpus;
pub mod error;
pub mod estimates;
pub mod export;
pub mod extract;
pub mod filter;
pub mod graph;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod period;
pub mod query;
pub mod relations;
pub mod synth;
pub mod text;

use error::{Error, Warning};
use graph::EntityGraph;
use graph::build::{DEFAULT_MAX_EVIDENCE, GraphBuilder};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// What to read and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files and directories (directories: `*.txt`, recursively, sorted);
    /// `-` reads standard input as one plain-text document.
    pub paths: Vec<PathBuf>,
    /// JSON Lines files (`-` for standard input), read after `paths`.
    pub jsonl: Vec<PathBuf>,
    /// Extra lexicon files, overlaid in order on the built-in one.
    pub lexicons: Vec<PathBuf>,
    /// Evidence sentences kept per edge.
    pub max_evidence: usize,
    /// Stop at the first unusable input instead of skipping it.
    pub strict: bool,
    /// Extraction threads; 0 uses every core. The output does not depend on it.
    pub threads: usize,
    /// Files bigger than this are read and extracted a page at a time
    /// ([`corpus::stream::PAGE_BYTES`] by default).
    pub page_bytes: usize,
    /// The longest JSON Lines line read; a longer one is an error
    /// ([`corpus::stream::MAX_LINE_BYTES`] by default).
    pub max_line_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            paths: vec![PathBuf::from("seeds")],
            jsonl: Vec::new(),
            lexicons: Vec::new(),
            max_evidence: DEFAULT_MAX_EVIDENCE,
            strict: false,
            threads: 0,
            page_bytes: corpus::stream::PAGE_BYTES,
            max_line_bytes: corpus::stream::MAX_LINE_BYTES,
        }
    }
}

/// The result of a run: the graph of the good inputs and what was skipped.
#[derive(Debug)]
pub struct Run {
    pub graph: EntityGraph,
    pub warnings: Vec<Warning>,
    /// Documents read into the graph.
    pub documents: usize,
    /// Inputs skipped (unreadable, binary, empty, missing).
    pub skipped: usize,
}

/// The graph before it is finished: what `--partial` files hold.
#[derive(Debug)]
pub struct Built {
    pub builder: GraphBuilder,
    pub warnings: Vec<Warning>,
    /// Inputs skipped (unreadable, binary, empty, missing).
    pub skipped: usize,
}

/// How far a run has got, reported after each chunk of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Documents read so far (skipped ones included).
    pub documents: u64,
    /// Bytes of input read so far.
    pub bytes: u64,
    /// Bytes of all inputs, when known before reading (no standard input).
    pub total_bytes: Option<u64>,
}

/// Loads the built-in lexicon and the given overlay files.
///
/// # Errors
/// [`Error::Io`] for an unreadable file, [`Error::Data`] for a malformed one.
pub fn load_lexicons(paths: &[PathBuf]) -> Result<lexicon::Lexicon, Error> {
    let mut extra = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
        extra.push((corpus::walk::display_path(p), text));
    }
    lexicon::load_lexicon(&extra)
}

/// The built-in lexicon, built once per process and then borrowed: a run
/// without overlay files does not build its automaton again (about 110
/// million instructions), so a program that calls [`run`] repeatedly (the
/// throughput bench, a server) pays for it once. The lexicon is immutable,
/// so every run sees the same one.
///
/// # Errors
/// A built-in lexicon that does not load (then nothing is kept).
pub fn builtin_lexicon() -> Result<&'static lexicon::Lexicon, Error> {
    static BUILTIN: OnceLock<lexicon::Lexicon> = OnceLock::new();
    if let Some(lex) = BUILTIN.get() {
        return Ok(lex);
    }
    let lex = load_lexicons(&[])?;
    Ok(BUILTIN.get_or_init(|| lex))
}

/// Documents per chunk: enough to keep every thread busy, few enough that
/// two chunks in flight stay small.
const CHUNK_DOCS: usize = 256;

/// Bytes of text per chunk, whichever limit comes first: two pages of a big
/// file per thread, since extracting holds several times its text.
fn chunk_bytes(threads: usize, page_bytes: usize) -> usize {
    page_bytes.saturating_mul(2 * threads.max(1)).max(64 << 10)
}

/// Reads the inputs, extracts every document and builds the graph.
///
/// # Errors
/// A lexicon error, or under `strict` the first skipped input.
pub fn run(opts: &Options) -> Result<Run, Error> {
    let built = build(opts, &mut |_| {})?;
    Ok(Run {
        documents: built.builder.document_count(),
        graph: built.builder.finish(),
        warnings: built.warnings,
        skipped: built.skipped,
    })
}

/// Reads the inputs and merges every document's extraction into a builder,
/// calling `progress` after each chunk.
///
/// Documents stream through in chunks: the next chunk is read and the last
/// one added to the builder (in input order, on one thread) while the
/// current one is extracted in parallel, so at most two chunks are held and
/// the bytes never depend on the thread count.
///
/// # Errors
/// A lexicon error, a thread pool that cannot start, a JSON Lines line past
/// `max_line_bytes` ([`Error::Input`]), or under `strict` the first skipped
/// input; no document read is [`Error::NoInput`].
pub fn build(opts: &Options, progress: &mut dyn FnMut(Progress)) -> Result<Built, Error> {
    build_with(opts, false, progress)
}

/// [`build`] for a partial file: the builder keeps every node's and edge's
/// counts per document, so that `merge` can count a document that two
/// partials hold once.
///
/// # Errors
/// As [`build`].
pub fn build_partial(opts: &Options, progress: &mut dyn FnMut(Progress)) -> Result<Built, Error> {
    build_with(opts, true, progress)
}

fn build_with(
    opts: &Options,
    per_document: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Built, Error> {
    let overlaid;
    let lex = if opts.lexicons.is_empty() {
        builtin_lexicon()?
    } else {
        overlaid = load_lexicons(&opts.lexicons)?;
        &overlaid
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::NoInput(format!("cannot start {} threads: {e}", opts.threads)))?;
    let mut stream = corpus::stream::DocumentStream::new(&opts.paths, &opts.jsonl);
    stream.page_bytes = opts.page_bytes;
    stream.max_line_bytes = opts.max_line_bytes;
    let mut warnings = std::mem::take(&mut stream.walk_warnings);
    let mut skipped = warnings.iter().filter(|w| w.skipped).count();
    let mut builder = GraphBuilder::new(opts.max_evidence);
    if per_document {
        builder.keep_counts_per_document();
    }
    let chunk_limit = chunk_bytes(pool.current_num_threads(), opts.page_bytes);
    let mut seen = 0u64;
    let mut read_chunk = |warnings: &mut Vec<Warning>, skipped: &mut usize| {
        let mut docs = Vec::new();
        let mut bytes = 0;
        while docs.len() < CHUNK_DOCS && bytes < chunk_limit {
            let Some(item) = stream.next() else { break };
            seen += 1;
            match item {
                Ok((doc, w)) => {
                    warnings.extend(w);
                    bytes += doc.text.len();
                    docs.push(doc);
                }
                Err(w) => {
                    *skipped += 1;
                    warnings.push(w);
                }
            }
        }
        let at = Progress {
            documents: seen,
            bytes: stream.bytes_read,
            total_bytes: stream.total_bytes,
        };
        (docs, at)
    };
    let (mut current, mut at) = read_chunk(&mut warnings, &mut skipped);
    let mut pending: Vec<extract::Extraction> = Vec::new();
    while !current.is_empty() || !pending.is_empty() {
        let ((next, next_at), done) = pool.install(|| {
            rayon::join(
                || {
                    for ex in pending.drain(..) {
                        builder.add(&ex);
                    }
                    if current.is_empty() {
                        (Vec::new(), at)
                    } else {
                        read_chunk(&mut warnings, &mut skipped)
                    }
                },
                || {
                    current
                        .par_iter()
                        .map(|doc| extract::extract_document(doc, lex))
                        .collect::<Vec<_>>()
                },
            )
        });
        progress(at);
        pending = done;
        current = next;
        at = next_at;
    }
    if let Some(e) = stream.fatal.take() {
        return Err(e);
    }
    if opts.strict
        && let Some(w) = warnings.iter().find(|w| w.skipped)
    {
        return Err(Error::Strict {
            path: w.path.clone(),
            message: w.message.clone(),
        });
    }
    // Writing an empty graph over the last good one would lose it.
    if builder.document_count() == 0 {
        let paths: Vec<String> = opts
            .paths
            .iter()
            .chain(&opts.jsonl)
            .map(|p| corpus::walk::display_path(p))
            .collect();
        // The warnings are not printed after an error: say here what was skipped.
        let skipped: Vec<String> = warnings
            .iter()
            .filter(|w| w.skipped)
            .map(ToString::to_string)
            .collect();
        let why = match skipped.len() {
            0 => String::new(),
            1..=3 => format!(" ({})", skipped.join("; ")),
            n => format!(" ({}; and {} more)", skipped[..3].join("; "), n - 3),
        };
        return Err(Error::NoInput(format!(
            "no document could be read from {}{why}",
            paths.join(", ")
        )));
    }
    Ok(Built {
        builder,
        warnings,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in lexicon is built once: later calls borrow the same one,
    /// and it names what a freshly loaded one names.
    #[test]
    fn builtin_lexicon_is_built_once_and_matches_a_fresh_load() {
        let first = builtin_lexicon().unwrap();
        let again = builtin_lexicon().unwrap();
        assert!(std::ptr::eq(first, again));
        let fresh = load_lexicons(&[]).unwrap();
        let text = "North Korea and Russia signed a treaty in Moscow.";
        assert_eq!(first.find(text), fresh.find(text));
        assert!(!first.find(text).is_empty());
    }
}
