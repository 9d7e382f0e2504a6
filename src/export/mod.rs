//! Exports: the [`Format`]s ergraph writes and the only code that creates and
//! renames output files.
//!
//! `dot`, `graphml`, `json` (the default three), `gexf` (Gephi, with time),
//! `cyjs` (Cytoscape.js), `csv` (`nodes.csv` + `edges.csv` for Gephi's
//! spreadsheet import and Neo4j) and `html` (the self-contained viewer);
//! `style` is the palette they share. Each exporter takes `&EntityGraph` and
//! any `impl Write` and knows nothing of files; a format may have several
//! files ([`Format::file_names`]), each written by [`write_part`]. [`write_files`] writes each export to a temporary file in the output
//! directory and renames it into place, so a failed or interrupted run never
//! leaves a truncated graph and never replaces the last good one.

pub mod csv;
pub mod cyjs;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
mod pretty;
mod sink;
pub mod style;

use crate::error::Error;
use crate::graph::EntityGraph;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Dot,
    Graphml,
    Json,
    Gexf,
    Cyjs,
    Csv,
    Html,
}

impl Format {
    /// Every format, in the order files are written.
    pub const ALL: [Format; 7] = [
        Format::Dot,
        Format::Graphml,
        Format::Json,
        Format::Gexf,
        Format::Cyjs,
        Format::Csv,
        Format::Html,
    ];

    /// What `ergraph` writes when no `-f` is given.
    pub const DEFAULT: [Format; 3] = [Format::Dot, Format::Graphml, Format::Json];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Gexf => "gexf",
            Format::Cyjs => "cyjs",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// Parses a command-line format name.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The files written into the output directory, in order; every format
    /// writes one file except `csv` (`nodes.csv` and `edges.csv`).
    pub fn file_names(self) -> &'static [&'static str] {
        match self {
            Format::Dot => &["graph.dot"],
            Format::Graphml => &["graph.graphml"],
            Format::Json => &["graph.json"],
            Format::Gexf => &["graph.gexf"],
            Format::Cyjs => &["graph.cyjs"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Html => &["graph.html"],
        }
    }

    /// The first (for most formats the only) file written.
    pub fn file_name(self) -> &'static str {
        self.file_names()[0]
    }

    /// True when the export is one file, so it can go to standard output.
    pub fn is_single_file(self) -> bool {
        self.file_names().len() == 1
    }
}

/// How `--dot-cluster` groups DOT nodes into `subgraph "cluster_…"` boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cluster {
    /// One box per document; a node sits in the box of its first document.
    Document,
    /// One box per kind.
    Kind,
}

impl Cluster {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Cluster::Document => "document",
            Cluster::Kind => "kind",
        }
    }

    /// Parses a command-line cluster name.
    pub fn parse(s: &str) -> Option<Cluster> {
        [Cluster::Document, Cluster::Kind]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Options that change how a graph is drawn, not what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Group DOT nodes into clusters (no effect on other formats).
    pub dot_cluster: Option<Cluster>,
}

/// Writes one single-file export of `graph` to `out`.
///
/// # Errors
/// Whatever `out` returns; [`io::ErrorKind::InvalidInput`] for a format that
/// writes several files (`csv`: use [`write_part`] or [`write_files`]).
pub fn write(
    format: Format,
    graph: &EntityGraph,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if !format.is_single_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} writes several files ({}), not one stream",
                format.as_str(),
                format.file_names().join(", ")
            ),
        ));
    }
    write_part(format, 0, graph, opts, out)
}

/// Writes file number `part` of an export (see [`Format::file_names`]).
///
/// # Errors
/// Whatever `out` returns; [`io::ErrorKind::InvalidInput`] for a part the
/// format does not have.
pub fn write_part(
    format: Format,
    part: usize,
    graph: &EntityGraph,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match (format, part) {
        (Format::Dot, 0) => dot::write_dot(graph, opts, out),
        (Format::Graphml, 0) => graphml::write_graphml(graph, out),
        (Format::Json, 0) => json::write_json(graph, out),
        (Format::Gexf, 0) => gexf::write_gexf(graph, out),
        (Format::Cyjs, 0) => cyjs::write_cyjs(graph, out),
        (Format::Csv, 0) => csv::write_nodes_csv(graph, out),
        (Format::Csv, 1) => csv::write_edges_csv(graph, out),
        (Format::Html, 0) => html::write_html(graph, out),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} has no file number {part}", format.as_str()),
        )),
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

/// Writes each format's files (see [`Format::file_names`]) into `dir`, each
/// through a temporary file renamed into place.
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
    let parts: Vec<(Format, usize, &str)> = formats
        .iter()
        .flat_map(|&f| {
            f.file_names()
                .iter()
                .enumerate()
                .map(move |(i, n)| (f, i, *n))
        })
        .collect();
    // Each file is rendered on its own (on the current rayon pool, so as many
    // at once as it has threads): the bytes of one never depend on another.
    // Every result is kept, in order, until all are in; the first error then
    // wins and every staged file is dropped (deleted) without a rename.
    let staged: Vec<Result<(tempfile::NamedTempFile, PathBuf), Error>> = parts
        .par_iter()
        .map(|&(format, part, name)| stage(graph, opts, dir, format, part, name))
        .collect();
    let staged = staged.into_iter().collect::<Result<Vec<_>, Error>>()?;
    let mut written = Vec::with_capacity(staged.len());
    for (tmp, target) in staged {
        tmp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// Writes one file of an export to a temporary file in `dir`, synced, ready
/// to be renamed onto its target.
fn stage(
    graph: &EntityGraph,
    opts: &ExportOptions,
    dir: &Path,
    format: Format,
    part: usize,
    name: &str,
) -> Result<(tempfile::NamedTempFile, PathBuf), Error> {
    let target = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(&target, e))?;
    {
        let mut buf = io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write_part(format, part, graph, opts, &mut buf).map_err(|e| Error::io(&target, e))?;
        buf.flush().map_err(|e| Error::io(&target, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(&target, e))?;
    Ok((tmp, target))
}
