//! Partial graph files: one shard's [`GraphBuilder`] on disk, so shards run
//! anywhere and merge later (`ergraph extract --partial`, `ergraph merge`).
//!
//! The file is JSON, `{"format":"ergraph-partial","version":3,"builder":{...}}`,
//! where `builder` is the builder's serde form (edges as a list of
//! `[[source, target, relation], edge]` pairs, documents as a list that
//! nodes, edges and evidence cite by position; version 1 named documents
//! by id everywhere). It holds everything a merge
//! needs (weights, capped evidence, documents), so merging partials gives
//! the same bytes as one run over all their documents. Since version 3
//! each node and edge also holds its counts per document (`by_document`:
//! `[document, mentions or weight, [[label or place, count], ...]]`), so a
//! document two partials hold can be counted once; a version 2 file lacks
//! them and is refused with a message to extract it again. A file of
//! another format or version, or one that contradicts itself (see
//! [`GraphBuilder`]'s reading), is refused with an error naming it and the
//! field. [`merge_partials`] counts each document once: a partial given
//! twice, or sharing documents with another partial, is a warning.

use super::build::{GraphBuilder, WireIn};
use crate::error::{Error, Warning};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The `format` field of a partial file.
pub const FORMAT: &str = "ergraph-partial";
/// The `version` this build writes and reads.
pub const VERSION: u32 = 3;

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
    builder: WireIn,
}

/// Only the document ids of a partial file (every other field is skipped).
#[derive(Deserialize)]
struct IdsIn {
    builder: IdsBuilder,
}

#[derive(Deserialize)]
struct IdsBuilder {
    documents: Vec<IdOnly>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
    path: String,
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
        Ok(p) if p.version != VERSION => Err(bad(version_message(&p.version.into()))),
        // Reading a builder checks it and puts it in canonical form.
        Ok(p) => GraphBuilder::from_wire(p.builder).map_err(|m| bad(format!("builder.{m}"))),
        Err(e) => {
            // A second, lenient look says what kind of file it is.
            let header = std::fs::File::open(path)
                .ok()
                .and_then(|f| serde_json::from_reader::<_, Header>(BufReader::new(f)).ok());
            Err(bad(match header {
                Some(Header {
                    format: Some(f),
                    version: Some(v),
                }) if f == FORMAT && v != VERSION => version_message(&v),
                Some(Header {
                    format: Some(f), ..
                }) if f != FORMAT => format!("expected format \"{FORMAT}\", found {f}"),
                _ => format!("not an ergraph partial graph: {e}"),
            }))
        }
    }
}

/// What a partial of another version is told: an older one lacks the
/// counts per document a merge needs, and is extracted again.
fn version_message(v: &serde_json::Value) -> String {
    let older = v.as_u64().is_some_and(|v| v < u64::from(VERSION));
    if older {
        format!(
            "expected partial version {VERSION}, found version {v}: an older ergraph wrote it, \
             without the counts per document a merge needs (extract it again)"
        )
    } else {
        format!("expected partial version {VERSION}, found version {v}")
    }
}

/// The (id, path) of each document a partial file holds, read without the rest.
fn document_ids(path: &Path) -> Result<BTreeSet<(String, String)>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    match serde_json::from_reader::<_, IdsIn>(BufReader::with_capacity(1 << 16, file)) {
        Ok(ids) => Ok(ids
            .builder
            .documents
            .into_iter()
            .map(|d| (d.id, d.path))
            .collect()),
        // Not a partial: the full reading says what is wrong.
        Err(e) => match read_partial(path) {
            Err(full) => Err(full),
            Ok(_) => Err(Error::Partial {
                path: crate::corpus::walk::display_path(path),
                message: format!("not an ergraph partial graph: {e}"),
            }),
        },
    }
}

/// Reads and merges partial files, each document counted once, as one run
/// over their documents would count it.
///
/// A partial whose documents are all held by an earlier partial with the
/// same documents (a file given twice), or by a partial with more, adds
/// nothing: it is left out with a warning. A partial that shares some
/// documents with the partials before it while holding others is merged
/// without its counts for the shared documents (taken out by its counts per
/// document), with a warning naming both files and the documents.
///
/// The partials are read one at a time and folded into the merged builder,
/// so memory holds the merged builder, one partial and the document ids of
/// all of them. With `keep_counts` false (a merge into exports) each
/// partial's counts per document are dropped once its shared documents are
/// taken out, and the merged builder is the size of one run's; with it true
/// (a merge into another partial, for a tree of merges) they are kept.
///
/// # Errors
/// [`Error::NoInput`] for no paths; what [`read_partial`] returns;
/// [`Error::Partial`] for one document id naming two inputs, or a count
/// that overflows when added to the partials before it (naming the file
/// and the field).
pub fn merge_partials(
    paths: &[PathBuf],
    keep_counts: bool,
) -> Result<(GraphBuilder, Vec<Warning>), Error> {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| crate::corpus::walk::display_path(p))
        .collect();
    let sets = paths
        .iter()
        .map(|p| document_ids(p))
        .collect::<Result<Vec<_>, Error>>()?;
    // One id, one input: the same id read from two files is two documents
    // that one graph cannot tell apart.
    let mut source: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (i, set) in sets.iter().enumerate() {
        for (id, file) in set {
            match source.get(id.as_str()) {
                Some(&(other, j)) if other != file => {
                    return Err(Error::Partial {
                        path: shown[i].clone(),
                        message: format!(
                            "document id {} is {} here but {} in {}: one id must name one input",
                            crate::error::quote_input(id),
                            crate::error::quote_input(file),
                            crate::error::quote_input(other),
                            shown[j]
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    source.insert(id, (file, i));
                }
            }
        }
    }
    drop(source);
    let mut warnings = Vec::new();
    let mut keep = vec![true; paths.len()];
    for (i, set) in sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        // An earlier partial with the same documents, or any with more.
        let covering = sets.iter().enumerate().find(|&(j, other)| {
            (j < i && other == set) || (other.len() > set.len() && set.is_subset(other))
        });
        if let Some((j, other)) = covering {
            keep[i] = false;
            let message = if paths[i] == paths[j] {
                "given twice: its documents are counted once".to_string()
            } else if other == set {
                format!(
                    "holds the same {} documents as {}: counted once",
                    set.len(),
                    shown[j]
                )
            } else {
                format!(
                    "every one of its {} documents is in {} too: counted once, from there",
                    set.len(),
                    shown[j]
                )
            };
            warnings.push(Warning {
                path: shown[i].clone(),
                message,
                skipped: true,
            });
        }
    }
    // Documents that a kept partial shares with the kept partials before
    // it: counted from the first one that brought them.
    let mut holder: BTreeMap<&str, usize> = BTreeMap::new();
    let mut shared: Vec<BTreeSet<String>> = vec![BTreeSet::new(); paths.len()];
    for (i, set) in sets.iter().enumerate().filter(|&(i, _)| keep[i]) {
        let mut with: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (id, _) in set {
            match holder.get(id.as_str()) {
                Some(&j) => {
                    with.entry(j).or_default().push(id);
                    shared[i].insert(id.clone());
                }
                None => {
                    holder.insert(id, i);
                }
            }
        }
        for (j, ids) in with {
            const SHOWN: usize = 5;
            let mut named: Vec<String> = ids
                .iter()
                .take(SHOWN)
                .map(|id| crate::error::quote_input(id))
                .collect();
            if ids.len() > SHOWN {
                named.push(format!("and {} more", ids.len() - SHOWN));
            }
            warnings.push(Warning {
                path: shown[i].clone(),
                message: format!(
                    "shares {} of its {} documents with {} ({}): counted once, from {}",
                    ids.len(),
                    set.len(),
                    shown[j],
                    named.join(", "),
                    shown[j]
                ),
                skipped: false,
            });
        }
    }
    drop(holder);
    // The id sets are not needed any more: only the merged builder and one
    // partial at a time are held from here.
    drop(sets);
    let mut merged: Option<GraphBuilder> = None;
    for (i, path) in paths.iter().enumerate().filter(|&(i, _)| keep[i]) {
        let mut b = read_partial(path)?;
        let held: BTreeSet<&str> = shared[i].iter().map(String::as_str).collect();
        b.forget_counts_of(&held).map_err(|field| Error::Partial {
            path: shown[i].clone(),
            message: format!("builder.{field}"),
        })?;
        drop(held);
        shared[i] = BTreeSet::new();
        if !keep_counts {
            b.drop_counts_per_document();
        }
        match &mut merged {
            Some(m) => m.try_merge(b).map_err(|field| Error::Partial {
                path: shown[i].clone(),
                message: format!(
                    "builder.{field}: the count overflows when added to the partials before it"
                ),
            })?,
            None => merged = Some(b),
        }
    }
    let merged = merged.ok_or_else(|| Error::NoInput("no partial graph given".to_string()))?;
    Ok((merged, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn builder_of(texts: &[(&str, &str)]) -> GraphBuilder {
        let lex = crate::load_lexicons(&[]).unwrap();
        let mut b = GraphBuilder::new(2);
        b.keep_counts_per_document();
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

    const DOCS: [(&str, &str); 4] = [
        (
            "d1",
            "Vladimir Putin met Kim Jong Un in Pyongyang, TASS reported. Putin met Kim again.",
        ),
        (
            "d2",
            "Sergei Shoigu met Kim Jong Un in Pyongyang. Vladimir Putin met Kim Jong Un in Moscow.",
        ),
        (
            "d3",
            "North Korea has sent about 5,000 troops to Russia, AFP reports. Shoigu met Kim.",
        ),
        (
            "d4",
            "Sergei Lavrov met Kim Jong Un in Wonsan. North Korea has sent about 5,000 troops to Russia.",
        ),
    ];

    /// Writes a partial of the documents `ids` of [`DOCS`] and returns its path.
    fn shard(dir: &Path, name: &str, ids: &[&str]) -> PathBuf {
        let docs: Vec<(&str, &str)> = DOCS
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .copied()
            .collect();
        let p = dir.join(name);
        write_partial(&builder_of(&docs), &p).unwrap();
        p
    }

    #[test]
    fn overlapping_shards_and_merges_of_merges_count_each_document_once() {
        let dir = tempfile::tempdir().unwrap();
        let all = builder_of(&DOCS);
        let a = shard(dir.path(), "a.json", &["d1", "d2"]);
        let b = shard(dir.path(), "b.json", &["d2", "d3"]);
        let c = shard(dir.path(), "c.json", &["d3", "d4"]);
        let (ab, w) = merge_partials(&[a.clone(), b.clone()], true).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        let w = w[0].to_string();
        assert!(
            w.contains("b.json: shares 1 of its 2 documents with ")
                && w.contains("a.json (\"d2\"): counted once"),
            "{w}"
        );
        assert_eq!(ab, builder_of(&DOCS[..3]));
        // The merge written as a partial merges on: with a shard sharing d3
        // with it, in either order, and the other way round.
        let ab_path = dir.path().join("ab.json");
        write_partial(&ab, &ab_path).unwrap();
        for order in [[ab_path.clone(), c.clone()], [c.clone(), ab_path.clone()]] {
            let (abc, w) = merge_partials(&order, true).unwrap();
            assert_eq!(w.len(), 1, "{w:?}");
            assert!(w[0].to_string().contains("(\"d3\")"), "{w:?}");
            assert!(abc == all, "{order:?} differs from one builder over d1..d4");
            let json = |b: GraphBuilder| {
                let mut out = Vec::new();
                crate::export::json::write_json(&b.finish(), Default::default(), &mut out).unwrap();
                out
            };
            assert!(json(abc) == json(builder_of(&DOCS)));
        }
        let (bc, _) = merge_partials(&[b, c], true).unwrap();
        let bc_path = dir.path().join("bc.json");
        write_partial(&bc, &bc_path).unwrap();
        let (tree, w) = merge_partials(&[ab_path, bc_path], true).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(tree == all, "merge of merges differs");
    }

    /// The extractions of [`DOCS`] and four generated articles, made once.
    fn tree_docs() -> &'static [crate::extract::Extraction] {
        static DONE: std::sync::OnceLock<Vec<crate::extract::Extraction>> =
            std::sync::OnceLock::new();
        DONE.get_or_init(|| {
            let lex = crate::builtin_lexicon().unwrap();
            let mut docs: Vec<Document> = DOCS
                .iter()
                .map(|(id, text)| {
                    let path = format!("{id}.txt");
                    Document::new(id.to_string(), path, text.to_string(), None, None, None)
                })
                .collect();
            for i in 0..4 {
                let d = crate::synth::generate(11, i);
                docs.push(Document::new(d.id.clone(), d.id, d.text, None, None, None));
            }
            docs.iter()
                .map(|d| crate::extract::extract_document(d, lex))
                .collect()
        })
    }

    /// A partial builder of the documents `docs` of [`tree_docs`], in order.
    fn tree_builder(docs: impl IntoIterator<Item = usize>) -> GraphBuilder {
        let mut b = GraphBuilder::new(2);
        b.keep_counts_per_document();
        for d in docs {
            b.add(&tree_docs()[d]);
        }
        b
    }

    fn json_of(b: GraphBuilder) -> Vec<u8> {
        let mut out = Vec::new();
        crate::export::json::write_json(&b.finish(), Default::default(), &mut out).unwrap();
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(24))]

        /// Any split into up to four shards (a document may sit in two of
        /// them), merged two at a time into partials in any order and shape,
        /// the last merge into the graph, gives the bytes of one run.
        #[test]
        fn any_tree_of_merges_gives_the_bytes_of_one_run(
            homes in proptest::collection::vec(
                proptest::collection::btree_set(0usize..4, 1..=2), 8),
            picks in proptest::collection::vec(
                (proptest::prelude::any::<proptest::sample::Index>(),
                 proptest::prelude::any::<proptest::sample::Index>()), 3),
            last_keeps_counts in proptest::prelude::any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut level: Vec<PathBuf> = (0..4)
                .map(|s| {
                    let docs = (0..homes.len()).filter(|&d| homes[d].contains(&s));
                    let p = dir.path().join(format!("leaf{s}.json"));
                    write_partial(&tree_builder(docs), &p).unwrap();
                    p
                })
                .collect();
            // Merge two partials chosen by `picks` until two are left.
            for (k, (a, b)) in picks.iter().enumerate() {
                if level.len() <= 2 {
                    break;
                }
                let a = level.remove(a.index(level.len()));
                let b = level.remove(b.index(level.len()));
                let (m, _) = merge_partials(&[a, b], true).unwrap();
                let p = dir.path().join(format!("inner{k}.json"));
                write_partial(&m, &p).unwrap();
                level.push(p);
            }
            let (root, _) = merge_partials(&level, last_keeps_counts).unwrap();
            let used: Vec<usize> = (0..homes.len()).collect();
            proptest::prop_assert!(
                json_of(root) == json_of(tree_builder(used)),
                "homes {:?}, picks {:?}: the tree differs from one run", homes, picks
            );
        }
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
                "expected partial version 3, found version 9",
            ),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            let e = read_partial(&p).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(want), "{name}: {e}");
        }
    }
}
