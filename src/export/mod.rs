//! Exports: the [`Format`]s ergraph writes and the only code that creates and
//! renames output files.
//!
//! Each exporter takes `&EntityGraph` and any `impl Write` and knows nothing of
//! files. [`write_files`] writes each export to a temporary file in the output
//! directory and renames it into place, so a failed or interrupted run never
//! leaves a truncated graph and never replaces the last good one.

pub mod dot;
pub mod graphml;
pub mod json;

use crate::error::Error;
use crate::graph::EntityGraph;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Dot,
    Graphml,
    Json,
}

impl Format {
    /// Every format, in the order files are written.
    pub const ALL: [Format; 3] = [Format::Dot, Format::Graphml, Format::Json];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Json => "json",
        }
    }

    /// Parses a command-line format name.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The file written into the output directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Dot => "graph.dot",
            Format::Graphml => "graph.graphml",
            Format::Json => "graph.json",
        }
    }
}

/// Options that change how a graph is drawn, not what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {}

/// Writes one export of `graph` to `out`.
///
/// # Errors
/// Whatever `out` returns.
pub fn write(
    format: Format,
    graph: &EntityGraph,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Dot => dot::write_dot(graph, opts, out),
        Format::Graphml => graphml::write_graphml(graph, out),
        Format::Json => json::write_json(graph, out),
    }
}

/// Checks, before any work, that `dir` exists or can be made and takes files.
///
/// # Errors
/// [`Error::OutDir`] naming the directory and the reason.
pub fn check_out_dir(dir: &Path) -> Result<(), Error> {
    let fail = |reason: String| Error::OutDir {
        path: dir.to_path_buf(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let probe = tempfile::Builder::new()
        .prefix(".ergraph-probe")
        .tempfile_in(dir)
        .map_err(|e| fail(e.to_string()))?;
    drop(probe);
    Ok(())
}

/// Writes each format into `dir`, each through a temporary file renamed into place.
///
/// All exports are first rendered and written to temporary files; only when every
/// one succeeded are they renamed, so a failure leaves the previous files intact.
///
/// # Errors
/// [`Error::Io`] naming the file that could not be written.
pub fn write_files(
    graph: &EntityGraph,
    formats: &[Format],
    opts: &ExportOptions,
    dir: &Path,
) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // A directory in a target's place would fail its rename after the others
    // were replaced: refuse before replacing any.
    for &format in formats {
        let target = dir.join(format.file_name());
        if target.is_dir() {
            let e = io::Error::new(io::ErrorKind::IsADirectory, "a directory is in the way");
            return Err(Error::io(&target, e));
        }
    }
    let mut staged = Vec::with_capacity(formats.len());
    for &format in formats {
        let target = dir.join(format.file_name());
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{}.", format.file_name()))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(&target, e))?;
        {
            let mut buf = io::BufWriter::new(tmp.as_file_mut());
            write(format, graph, opts, &mut buf).map_err(|e| Error::io(&target, e))?;
            buf.flush().map_err(|e| Error::io(&target, e))?;
        }
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&target, e))?;
        staged.push((tmp, target));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (tmp, target) in staged {
        tmp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        written.push(target);
    }
    Ok(written)
}
