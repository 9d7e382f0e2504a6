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
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod mentions;
pub mod relations;
pub mod text;

use error::{Error, Warning};
use graph::EntityGraph;
use graph::build::{DEFAULT_MAX_EVIDENCE, GraphBuilder};
use std::path::PathBuf;

/// What to read and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files and directories (directories: `*.txt`, recursively, sorted).
    pub paths: Vec<PathBuf>,
    /// Extra lexicon files, overlaid in order on the built-in one.
    pub lexicons: Vec<PathBuf>,
    /// Evidence sentences kept per edge.
    pub max_evidence: usize,
    /// Stop at the first unusable input instead of skipping it.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            paths: vec![PathBuf::from("seeds")],
            lexicons: Vec::new(),
            max_evidence: DEFAULT_MAX_EVIDENCE,
            strict: false,
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

/// Reads the inputs, extracts every document and builds the graph.
///
/// # Errors
/// A lexicon error, or under `strict` the first skipped input.
pub fn run(opts: &Options) -> Result<Run, Error> {
    let lex = load_lexicons(&opts.lexicons)?;
    let (files, mut warnings) = corpus::walk::collect_files(&opts.paths);
    let mut builder = GraphBuilder::new(opts.max_evidence);
    let mut skipped = warnings.iter().filter(|w| w.skipped).count();
    for file in &files {
        match corpus::read_document(file) {
            Ok((doc, w)) => {
                warnings.extend(w);
                builder.add(&extract::extract_document(&doc, &lex));
            }
            Err(w) => {
                skipped += 1;
                warnings.push(w);
            }
        }
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
    Ok(Run {
        documents: builder.document_count(),
        graph: builder.finish(),
        warnings,
        skipped,
    })
}
