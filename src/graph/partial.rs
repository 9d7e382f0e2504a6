//! Partial graph files: one shard's [`GraphBuilder`] on disk, so shards run
//! anywhere and merge later (`ergraph extract --partial`, `ergraph merge`).
//!
//! The file is JSON, `{"format":"ergraph-partial","version":2,"builder":{...}}`,
//! where `builder` is the builder's serde form (edges as a list of
//! `[[source, target, relation], edge]` pairs, documents as a list that
//! nodes, edges and evidence cite by position; version 1 named documents
//! by id everywhere). It holds everything a merge
//! needs (weights, capped evidence, documents), so merging partials gives
//! the same bytes as one run over all their documents. A file of another
//! format or version is refused with an error naming it.

use super::build::GraphBuilder;
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

/// The `format` field of a partial file.
pub const FORMAT: &str = "ergraph-partial";
/// The `version` this build writes and reads.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
struct PartialOut<'a> {
    format: &'a str,
    version: u32,
    builder: &'a GraphBuilder,
}

#[derive(Deserialize)]
struct PartialIn {
    format: String,
    version: u32,
    builder: GraphBuilder,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The directory a partial file goes into.
fn partial_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A temporary file beside `path` (mode 0666 less the umask).
fn partial_temp(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = partial_dir(path);
    let mut b = tempfile::Builder::new();
    b.prefix(".ergraph-partial").suffix(".tmp");
    crate::export::shared_mode(&mut b);
    b.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// Checks, before any work, that a partial file can be written at `path`:
/// its folder exists and takes files, and no directory is in its place
/// (the folder is not created: `extract` writes one file, not a set).
///
/// # Errors
/// [`Error::Io`] naming the folder or the path.
pub fn check_partial_path(path: &Path) -> Result<(), Error> {
    if path.is_dir() {
        let e = std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a directory is in the way",
        );
        return Err(Error::io(path, e));
    }
    let dir = partial_dir(path);
    if !dir.is_dir() {
        let e = std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the partial file's folder does not exist (it is not created)",
        );
        return Err(Error::io(dir, e));
    }
    drop(partial_temp(path)?);
    Ok(())
}

/// Writes a builder as a partial file: to a temporary file beside `path`,
/// renamed into place once complete.
///
/// # Errors
/// [`Error::Io`] when the file cannot be written.
pub fn write_partial(builder: &GraphBuilder, path: &Path) -> Result<(), Error> {
    let tmp = partial_temp(path)?;
    let mut w = BufWriter::new(tmp.as_file());
    let out = PartialOut {
        format: FORMAT,
        version: VERSION,
        builder,
    };
    serde_json::to_writer(&mut w, &out).map_err(|e| Error::io(path, e.into()))?;
    w.write_all(b"\n").map_err(|e| Error::io(path, e))?;
    w.flush().map_err(|e| Error::io(path, e))?;
    drop(w);
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Reads a partial file back into a builder.
///
/// # Errors
/// [`Error::Io`] when it cannot be read, [`Error::Partial`] naming the file
/// when it is not an ergraph partial of this version or does not parse.
pub fn read_partial(path: &Path) -> Result<GraphBuilder, Error> {
    let shown = crate::corpus::walk::display_path(path);
    let bad = |message: String| Error::Partial {
        path: shown.clone(),
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    match serde_json::from_reader::<_, PartialIn>(BufReader::with_capacity(1 << 16, file)) {
        Ok(p) if p.format != FORMAT => Err(bad(format!(
            "expected format \"{FORMAT}\", found {}",
            crate::error::quote_input(&p.format)
        ))),
        Ok(p) if p.version != VERSION => Err(bad(format!(
            "expected partial version {VERSION}, found version {}",
            p.version
        ))),
        // Reading a builder puts it in canonical form.
        Ok(p) => Ok(p.builder),
        Err(e) => {
            // A second, lenient look says what kind of file it is.
            let header = std::fs::File::open(path)
                .ok()
                .and_then(|f| serde_json::from_reader::<_, Header>(BufReader::new(f)).ok());
            Err(bad(match header {
                Some(Header {
                    format: Some(f),
                    version: Some(v),
                }) if f == FORMAT && v != VERSION => {
                    format!("expected partial version {VERSION}, found version {v}")
                }
                Some(Header {
                    format: Some(f), ..
                }) if f != FORMAT => format!("expected format \"{FORMAT}\", found {f}"),
                _ => format!("not an ergraph partial graph: {e}"),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn builder_of(texts: &[(&str, &str)]) -> GraphBuilder {
        let lex = crate::load_lexicons(&[]).unwrap();
        let mut b = GraphBuilder::new(2);
        for (id, text) in texts {
            let doc = Document::new(
                id.to_string(),
                format!("{id}.txt"),
                text.to_string(),
                None,
                None,
                None,
            );
            b.add(&crate::extract::extract_document(&doc, &lex));
        }
        b
    }

    #[test]
    fn partial_round_trips_to_an_equal_builder() {
        let b = builder_of(&[
            (
                "a",
                "Vladimir Putin met Kim Jong Un in Pyongyang, TASS reported.",
            ),
            (
                "b",
                "North Korea has sent about 5,000 troops to Russia, AFP reports.",
            ),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.partial.json");
        write_partial(&b, &p).unwrap();
        assert_eq!(read_partial(&p).unwrap(), b);
    }

    #[test]
    fn malformed_partial_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        for (name, body, want) in [
            ("junk.json", "{ not json", "not an ergraph partial graph"),
            (
                "other.json",
                r#"{"format":"geojson","version":1}"#,
                "expected format",
            ),
            (
                "future.json",
                r#"{"format":"ergraph-partial","version":9,"builder":{}}"#,
                "expected partial version 2, found version 9",
            ),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            let e = read_partial(&p).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(want), "{name}: {e}");
        }
    }
}
