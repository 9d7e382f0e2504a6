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
/// without overlay files does not load it again (about 23 million
/// instructions: keshvar's countries and the TOML files; the name trie is
/// compiled in by `build.rs`), so a program that calls [`run`] repeatedly (the
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

/// Documents in the first chunk; each next chunk may hold twice as many, up
/// to [`CHUNK_DOCS`]. Extraction waits for the whole first chunk to be
/// read: a small one lets every thread start after a few files, not 256.
const FIRST_CHUNK_DOCS: usize = 16;

/// The smallest byte limit of a chunk near the end of the inputs (see
/// [`Reader::limit`]): a few documents.
const LAST_CHUNK_BYTES: usize = 16 << 10;

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
/// Documents stream through in chunks: while the current chunk is extracted
/// in parallel, the last one is added to the builder (in input order, on one
/// thread) and, with more than one thread, a reader thread of its own walks
/// the inputs (beside the lexicon's loading) and reads up to two chunks
/// ahead; so a few chunks at most are held and the bytes never depend on the
/// thread count.
///
/// # Errors
/// A lexicon error, a thread pool that cannot start, a JSON Lines line past
/// `max_line_bytes` ([`Error::Input`]), or under `strict` the first skipped
/// input; no document read is [`Error::NoInput`].
pub fn build(opts: &Options, progress: &mut (dyn FnMut(Progress) + Send)) -> Result<Built, Error> {
    build_with(opts, false, progress)
}

/// [`build`] for a partial file: the builder keeps every node's and edge's
/// counts per document, so that `merge` can count a document that two
/// partials hold once.
///
/// # Errors
/// As [`build`].
pub fn build_partial(
    opts: &Options,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Built, Error> {
    build_with(opts, true, progress)
}

/// One chunk of the stream: its documents, the warnings met while reading
/// them (skipped inputs included) and how far reading had got.
#[derive(Default)]
struct Chunk {
    docs: Vec<corpus::Document>,
    warnings: Vec<Warning>,
    /// The walk's warnings, in the chunk read when the walk ended: they come
    /// before every document's warnings, as the walk came before the reading.
    walk_warnings: Vec<Warning>,
    skipped: usize,
    at: Progress,
    /// Every document's id is known, this chunk's and the earlier ones'
    /// (see [`corpus::stream::DocumentStream::ids_final`]): they can be added.
    ids_final: bool,
    /// Documents of this chunk or an earlier one that take another id:
    /// (number in the stream from 0, id).
    renamed: Vec<(u64, String)>,
}

/// Reads the stream a chunk at a time.
struct Reader {
    stream: corpus::stream::DocumentStream,
    seen: u64,
    chunk_limit: usize,
    /// Chunks handed out so far.
    chunks: u32,
}

impl Reader {
    /// Lists the inputs (the walk of the directories happens here).
    fn new(opts: &Options, threads: usize) -> Reader {
        let stream = corpus::stream::DocumentStream::new(&opts.paths, &opts.jsonl);
        Reader::of(stream, opts, threads)
    }

    /// Reads the files another thread lists through `rx` as they come
    /// ([`corpus::stream::DocumentStream::listed`]).
    fn listed(
        opts: &Options,
        threads: usize,
        rx: std::sync::mpsc::Receiver<corpus::walk::Listing>,
    ) -> Reader {
        let stream = corpus::stream::DocumentStream::listed(&opts.paths, &opts.jsonl, rx);
        Reader::of(stream, opts, threads)
    }

    fn of(mut stream: corpus::stream::DocumentStream, opts: &Options, threads: usize) -> Reader {
        stream.page_bytes = opts.page_bytes;
        stream.max_line_bytes = opts.max_line_bytes;
        Reader {
            stream,
            seen: 0,
            chunk_limit: chunk_bytes(threads, opts.page_bytes),
            chunks: 0,
        }
    }

    /// The bytes of text the next chunk holds at most: [`chunk_bytes`], and
    /// near the end of inputs of known size half of what is left (at
    /// least [`LAST_CHUNK_BYTES`]), so the chunks get smaller towards the
    /// end: the last chunk's documents are added to the graph after every
    /// extraction is done, on one thread, and a small one is added quickly.
    fn limit(&self) -> usize {
        let Some(total) = self.stream.total_bytes else {
            return self.chunk_limit;
        };
        let left = total.saturating_sub(self.stream.bytes_read) / 2;
        let left = usize::try_from(left).unwrap_or(usize::MAX);
        self.chunk_limit.min(left.max(LAST_CHUNK_BYTES))
    }

    /// The next chunk; one without documents ends the stream.
    fn chunk(&mut self) -> Chunk {
        let mut warnings = Vec::new();
        let mut skipped = 0;
        let mut docs = Vec::new();
        let mut bytes = 0;
        let most = CHUNK_DOCS.min(FIRST_CHUNK_DOCS << self.chunks.min(16));
        self.chunks += 1;
        let limit = self.limit();
        while docs.len() < most && bytes < limit {
            let Some(item) = self.stream.next() else {
                break;
            };
            self.seen += 1;
            match item {
                Ok((doc, w)) => {
                    warnings.extend(w);
                    bytes += doc.text.len();
                    docs.push(doc);
                }
                Err(w) => {
                    skipped += 1;
                    warnings.push(w);
                }
            }
        }
        let at = Progress {
            documents: self.seen,
            bytes: self.stream.bytes_read,
            total_bytes: self.stream.total_bytes,
        };
        let walk_warnings = std::mem::take(&mut self.stream.walk_warnings);
        skipped += walk_warnings.iter().filter(|w| w.skipped).count();
        Chunk {
            docs,
            warnings,
            walk_warnings,
            skipped,
            at,
            ids_final: self.stream.ids_final,
            renamed: std::mem::take(&mut self.stream.renamed),
        }
    }
}

/// Extracts the chunks `next` gives on `pool` and adds them to `builder`
/// in input order: while chunk k is extracted on every thread, chunk k - 1
/// is added to the builder and chunk k + 1 fetched. Chunks whose ids are
/// not final yet (the walk still lists files) are extracted and held, and
/// added with the first chunk that says they are, under the ids it gives.
/// Returns the warnings (the walk's first) and the count of skipped inputs.
fn extract_chunks(
    pool: &rayon::ThreadPool,
    lex: &lexicon::Lexicon,
    builder: &mut GraphBuilder,
    mut next: impl FnMut() -> Chunk + Send,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> (Vec<Warning>, usize) {
    // The whole loop runs on the pool: a return to the calling thread
    // between chunks would leave every pool thread idle until that thread
    // is scheduled again (milliseconds on a busy machine, at every chunk).
    pool.install(|| extract_chunks_here(lex, builder, &mut next, progress))
}

/// [`extract_chunks`] on the current thread's pool.
fn extract_chunks_here(
    lex: &lexicon::Lexicon,
    builder: &mut GraphBuilder,
    next: &mut (impl FnMut() -> Chunk + Send),
    progress: &mut (dyn FnMut(Progress) + Send),
) -> (Vec<Warning>, usize) {
    let mut walk_warnings = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = 0;
    let mut current = next();
    let mut pending: Vec<extract::Extraction> = Vec::new();
    // Ids that replace the ones documents were read with, by number in the stream.
    let mut renamed: rustc_hash::FxHashMap<u64, String> = Default::default();
    let mut added: u64 = 0;
    let mut ids_final = false;
    loop {
        walk_warnings.append(&mut current.walk_warnings);
        warnings.append(&mut current.warnings);
        skipped += std::mem::take(&mut current.skipped);
        renamed.extend(current.renamed.drain(..));
        // A chunk without documents ends the stream: every id is known.
        ids_final |= current.ids_final || current.docs.is_empty();
        if current.docs.is_empty() && (pending.is_empty() || !ids_final) {
            break;
        }
        let docs = std::mem::take(&mut current.docs);
        let (following, done) = rayon::join(
            || {
                if ids_final {
                    for mut ex in pending.drain(..) {
                        if let Some(id) = renamed.remove(&added) {
                            ex.doc.id = id;
                        }
                        added += 1;
                        builder.add(&ex);
                    }
                }
                (!docs.is_empty()).then(&mut *next)
            },
            || {
                // One document a job: rayon's adaptive splitting would leave
                // runs of up to a quarter of the chunk that no idle thread
                // can take, and the chunk ends with its last run.
                docs.par_iter()
                    .with_max_len(1)
                    .map(|doc| extract::extract_document(doc, lex))
                    .collect::<Vec<_>>()
            },
        );
        // The progress total is known with the file list.
        if current.ids_final {
            progress(current.at);
        }
        pending.extend(done);
        if let Some(c) = following {
            current = c;
        }
    }
    walk_warnings.append(&mut warnings);
    (walk_warnings, skipped)
}

/// The walk's and the reader's thread stack. The directory walk recurses a frame a level:
/// a spawned thread's default 2 MiB overflowed at 1,000 levels in a debug
/// build (the main thread, which walked before, has 8 MiB). A path stops at
/// PATH_MAX (4,096 bytes: 2,048 levels), and a stack is reserved, not
/// touched, beyond the depth the walk reaches, so 64 MiB covers any walk.
const READER_STACK: usize = 64 << 20;

/// Runs `work` with chunks that a reader thread of their own reads ahead
/// of it (two chunks at most wait in the channel), so reading runs beside
/// extraction and the graph building instead of between them; a thread of
/// its own walks the directories and hands the files to the reader as it
/// finds them ([`corpus::walk::list_files`]), so the first chunk is read,
/// and extracted, while the walk goes on. Returns what `work` returns and
/// the stream's fatal error.
fn read_aside(
    opts: &Options,
    threads: usize,
    work: impl FnOnce(&mut (dyn FnMut() -> Chunk + Send)) -> Result<(Vec<Warning>, usize), Error>,
) -> Result<(Vec<Warning>, usize, Option<Error>), Error> {
    std::thread::scope(|s| {
        let roots: Vec<PathBuf> = opts
            .paths
            .iter()
            .filter(|p| !corpus::stream::is_stdin(p))
            .cloned()
            .collect();
        let listing = if roots.is_empty() {
            None
        } else {
            let (tx, rx) = std::sync::mpsc::channel();
            // A closed channel: the reader stopped (an error); so does the walk.
            std::thread::Builder::new()
                .name("ergraph-walk".into())
                .stack_size(READER_STACK)
                .spawn_scoped(s, move || {
                    corpus::walk::list_files(&roots, &mut |m| tx.send(m).is_ok());
                })
                .map_err(|e| Error::io("<walk thread>", e))?;
            Some(rx)
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(2);
        let reader = std::thread::Builder::new()
            .name("ergraph-reader".into())
            .stack_size(READER_STACK)
            .spawn_scoped(s, move || {
                let mut reader = match listing {
                    Some(rx) => Reader::listed(opts, threads, rx),
                    None => Reader::new(opts, threads),
                };
                loop {
                    let chunk = reader.chunk();
                    let end = chunk.docs.is_empty();
                    // A closed channel: the run stopped early (an error).
                    if tx.send(chunk).is_err() || end {
                        break;
                    }
                }
                reader.stream.fatal.take()
            })
            .map_err(|e| Error::io("<reader thread>", e))?;
        let mut next = move || {
            // A reader gone early (its error is in `fatal`) ends the stream.
            rx.recv().unwrap_or_default()
        };
        let done = work(&mut next);
        // Closes the channel: a reader still reading stops at its next chunk.
        drop(next);
        let fatal = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        done.map(|(w, n)| (w, n, fatal))
    })
}

fn build_with(
    opts: &Options,
    per_document: bool,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Built, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::NoInput(format!("cannot start {} threads: {e}", opts.threads)))?;
    let threads = pool.current_num_threads();
    let mut builder = GraphBuilder::new(opts.max_evidence);
    builder.store_evidence_text(graph::build::KEEP_IN_MEMORY);
    if per_document {
        builder.keep_counts_per_document();
    }
    let (warnings, skipped, fatal) = if threads == 1 || !opts.lexicons.is_empty() {
        // One thread does everything in turn; so does a run with overlay
        // lexicons, whose errors are found before any input is read.
        let overlaid;
        let lex = if opts.lexicons.is_empty() {
            builtin_lexicon()?
        } else {
            overlaid = load_lexicons(&opts.lexicons)?;
            &overlaid
        };
        if threads == 1 {
            let mut reader = Reader::new(opts, threads);
            let (w, s) = extract_chunks(&pool, lex, &mut builder, || reader.chunk(), progress);
            (w, s, reader.stream.fatal.take())
        } else {
            read_aside(opts, threads, |next| {
                Ok(extract_chunks(&pool, lex, &mut builder, next, progress))
            })?
        }
    } else {
        // The walk and the reading start on their own thread while this one
        // loads the lexicon: neither waits for the other.
        read_aside(opts, threads, |next| {
            let lex = builtin_lexicon()?;
            Ok(extract_chunks(&pool, lex, &mut builder, next, progress))
        })?
    };
    if let Some(e) = fatal {
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

    /// The graph's JSON export.
    fn json_of(builder: GraphBuilder) -> Vec<u8> {
        let mut out = Vec::new();
        let json = export::Format::Json;
        export::write_part(json, 0, &builder.finish(), &Default::default(), &mut out).unwrap();
        out
    }

    /// [`extract_chunks`] over `chunks` on `threads` threads: the builder,
    /// the warnings, the count of skipped inputs and the progress reported.
    fn run_chunks(
        chunks: Vec<Chunk>,
        threads: usize,
    ) -> (GraphBuilder, Vec<Warning>, usize, Vec<Progress>) {
        let mut chunks = chunks.into_iter();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut builder = GraphBuilder::new(DEFAULT_MAX_EVIDENCE);
        let mut reported = Vec::new();
        let lex = builtin_lexicon().unwrap();
        let next = || chunks.next().unwrap();
        let (warnings, skipped) =
            extract_chunks(&pool, lex, &mut builder, next, &mut |p| reported.push(p));
        (builder, warnings, skipped, reported)
    }

    /// An input skipped after the last document (its chunk holds no
    /// document, so it ends the stream) is counted once: main counted it
    /// twice ("2 skipped" for one empty file after 256 documents at `-j 1`).
    #[test]
    fn a_skip_in_the_chunk_that_ends_the_stream_is_counted_once() {
        let doc = corpus::Document::new(
            "a".into(),
            "a.txt".into(),
            "Kim met Putin.".into(),
            None,
            None,
            None,
        );
        let chunks = vec![
            Chunk {
                docs: vec![doc],
                ids_final: true,
                ..Chunk::default()
            },
            Chunk {
                skipped: 1,
                ids_final: true,
                ..Chunk::default()
            },
        ];
        let (builder, _, skipped, _) = run_chunks(chunks, 1);
        assert_eq!(skipped, 1);
        assert_eq!(builder.document_count(), 1);
    }

    /// Chunks read before the file list is complete are extracted at once
    /// but added only when a chunk says every id is known, under the ids it
    /// gives (by number in the stream): the graph is the one of documents
    /// that had their final ids all along. Warnings come the walk's first.
    #[test]
    fn chunks_wait_for_their_ids_and_are_added_in_order_under_them() {
        let doc = |id: &str, text: &str| {
            let path = format!("{id}.txt");
            corpus::Document::new(id.into(), path, text.into(), None, None, None)
        };
        let texts = [
            "Kim Jong Un met Vladimir Putin in Moscow.",
            "Russia and China signed an agreement.",
            "Kim Jong Un met Xi Jinping in Beijing.",
        ];
        let warning = |path: &str| Warning {
            path: path.to_string(),
            message: "said".to_string(),
            skipped: false,
        };
        let chunks = vec![
            Chunk {
                docs: vec![doc("story", texts[0]), doc("other", texts[1])],
                warnings: vec![warning("doc-1")],
                ..Chunk::default()
            },
            Chunk {
                docs: vec![doc("third", texts[2])],
                warnings: vec![warning("doc-2")],
                walk_warnings: vec![warning("walk")],
                ids_final: true,
                renamed: vec![(0, "a/story".to_string()), (2, "c/third".to_string())],
                ..Chunk::default()
            },
            Chunk {
                ids_final: true,
                ..Chunk::default()
            },
        ];
        let (builder, warnings, skipped, reported) = run_chunks(chunks, 2);
        let lex = builtin_lexicon().unwrap();
        let said: Vec<&str> = warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(said, ["walk", "doc-1", "doc-2"]);
        assert_eq!(skipped, 0);
        // Progress is reported once the total is known: for the second
        // chunk and at the end, not for the first chunk.
        assert_eq!(reported.len(), 2);

        let mut direct = GraphBuilder::new(DEFAULT_MAX_EVIDENCE);
        for d in [
            doc("a/story", texts[0]),
            doc("other", texts[1]),
            doc("c/third", texts[2]),
        ] {
            let mut d = d;
            // The path is the file's, whatever the id.
            d.path = format!("{}.txt", d.id.rsplit('/').next().unwrap());
            direct.add(&extract::extract_document(&d, lex));
        }
        let got = json_of(builder);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&json_of(direct))
        );
        assert!(String::from_utf8_lossy(&got).contains("a/story"));
    }

    /// Near the end of inputs of known size the chunks get smaller (half of
    /// what is left, down to [`LAST_CHUNK_BYTES`]), so the last chunk, which
    /// is added to the graph after all extraction is done, is a few
    /// documents; every document still comes once, in order.
    #[test]
    fn chunks_shrink_towards_the_end_of_the_inputs() {
        let dir = tempfile::tempdir().unwrap();
        // 60 documents of 4,000 bytes, 240,000 in all.
        let body = "Kim met Putin in Moscow. ".repeat(160);
        assert_eq!(body.len(), 4000);
        for i in 0..60 {
            std::fs::write(dir.path().join(format!("{i:02}.txt")), &body).unwrap();
        }
        let opts = Options {
            paths: vec![dir.path().to_path_buf()],
            ..Options::default()
        };
        let mut reader = Reader::new(&opts, 1);
        assert_eq!(reader.chunk_limit, 2 << 20);
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        loop {
            let chunk = reader.chunk();
            if chunk.docs.is_empty() {
                break;
            }
            sizes.push(chunk.docs.len());
            ids.extend(chunk.docs.into_iter().map(|d| d.id));
        }
        let expected: Vec<String> = (0..60).map(|i| format!("{i:02}")).collect();
        assert_eq!(ids, expected);
        // 16 documents first (the first chunk's count), then documents
        // until half of what is left is reached: 176,000 bytes left, 88,000
        // (22 documents); 88,000 left, 44,000 (11); 44,000, 22,000 (6);
        // then 20,000 left, whose half is under the 16 KB floor: the floor
        // takes the last five.
        assert_eq!(sizes, [16, 22, 11, 6, 5]);
    }

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
