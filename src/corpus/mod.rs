//! Reading the corpus: paths in, [`Document`]s out.
//!
//! `walk` expands paths into a sorted list of files, `decode` turns bytes into
//! text (BOM, invalid UTF-8, binary detection), `meta` finds the date and the
//! title. What a document says is left to `text` and later stages.

pub mod decode;
pub mod html;
pub mod meta;
pub mod stream;
pub mod walk;

use crate::error::Warning;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// One article: its id, where it came from, its full text and what the text
/// says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Unique in its run: the file's name without extension, or a path
    /// where names clash (see [`FileIds`]); the JSON Lines `id` (a repeated
    /// one gets `@FILE:LINE`).
    pub id: String,
    /// The path as given, with `/`.
    pub path: String,
    /// The decoded text; every span in later stages is a byte range of it.
    pub text: String,
    /// ISO 8601 date from a leading `date YYYY-MM-DD` or a dateline.
    pub date: Option<String>,
    /// The headline, where the text has one.
    pub title: Option<String>,
    /// The source URL, where the input gave one.
    pub url: Option<String>,
    /// Byte offset where the article's own text starts (after a `date` prefix).
    pub body_start: usize,
    /// Byte offset of `text` in its file: 0, except for the later pages of a
    /// file too big to hold at once (see [`stream::PAGE_BYTES`]), whose spans
    /// are shifted by it so evidence offsets stay those of the file.
    pub base: usize,
    /// Bytes of the whole document: the text's, or the file's for a page.
    pub doc_len: usize,
    /// For a web page, where each byte of `text` came from in the page:
    /// evidence offsets are mapped through it (see [`html::OffsetMap`]).
    pub offsets: Option<std::sync::Arc<html::OffsetMap>>,
}

impl Document {
    /// Makes a document from decoded text, finding its date and title.
    ///
    /// `date` and `title` given by the input (JSON Lines) win over what the
    /// text says.
    pub fn new(
        id: String,
        path: String,
        text: String,
        date: Option<String>,
        title: Option<String>,
        url: Option<String>,
    ) -> Document {
        let found = meta::read_meta(&text);
        Document {
            id,
            path,
            date: date.or(found.date),
            title: title.or(found.title),
            url,
            body_start: found.body_start,
            base: 0,
            doc_len: text.len(),
            text,
            offsets: None,
        }
    }

    /// Makes a document from a web page read by [`html::read_page`]: its
    /// text, with the page's title, date and URL, and the map back to its
    /// bytes.
    pub fn from_page(id: String, path: String, page: html::Page) -> Document {
        let mut doc = Document::new(id, path, page.text, page.date, page.title, page.url);
        doc.offsets = Some(std::sync::Arc::new(page.offsets));
        doc
    }
}

/// Reads one file into a document with its file-name id, or says why it
/// was skipped.
///
/// # Errors
/// A [`Warning`] with `skipped = true` for unreadable, binary or empty files.
pub fn read_document(path: &Path) -> Result<(Document, Vec<Warning>), Warning> {
    read_file(path, document_id(path, &walk::display_path(path)))
}

/// Reads one file into a document with the given id.
pub(crate) fn read_file(path: &Path, id: String) -> Result<(Document, Vec<Warning>), Warning> {
    let shown = walk::display_path(path);
    let bytes = std::fs::read(path).map_err(|e| Warning {
        path: shown.clone(),
        message: format!("cannot read: {e}"),
        skipped: true,
    })?;
    if html::is_html_path(path) {
        let (page, warnings) = html::read_page(&shown, &bytes)?;
        return Ok((Document::from_page(id, shown, page), warnings));
    }
    let (text, mut warnings) = decode::decode_vec(&shown, bytes)?;
    warnings.extend(meta::check_date_line(&shown, &text));
    Ok((Document::new(id, shown, text, None, None, None), warnings))
}

/// A file's name without the extension (the path as shown if it has none).
pub(crate) fn document_id(path: &Path, shown: &str) -> String {
    match path.file_stem() {
        Some(s) => s.to_string_lossy().into_owned(),
        None => shown.to_string(),
    }
}

/// A file's name without the extension, borrowed where it is UTF-8.
fn stem(path: &Path) -> Cow<'_, str> {
    match path.file_stem() {
        Some(s) => s.to_string_lossy(),
        None => Cow::Owned(walk::display_path(path)),
    }
}

/// The document id of standard input's text when no file takes it.
pub const STDIN_ID: &str = "stdin";

/// The document ids of a run's files and of standard input's text: unique
/// within the run and the same for the same inputs.
///
/// A file's id is its name without the extension where no other file of the
/// run (nor standard input, whose name is `stdin`) has that name. Files
/// that share a name are told apart by their path relative to the
/// command-line directory they were found under (`a/story.txt` for
/// `corpus/a/story.txt` found by `ergraph corpus`); where that is shared
/// too (two command-line directories both holding `a/story.txt`) or there
/// is none (a file named on the command line), by the path as given
/// (`-` for standard input). A `~2`, `~3`, ... ends an id still taken.
#[derive(Debug, Clone, Default)]
pub struct FileIds {
    /// Ids of the files whose name is shared, by index in the file list;
    /// every other file's id is its name.
    shared: HashMap<usize, String>,
    /// Standard input's id.
    pub stdin: String,
}

impl FileIds {
    /// Assigns the ids of `files` (as [`walk::collect_files`] lists them
    /// under `roots`), and of standard input's text when `stdin` is read.
    pub fn new(files: &[walk::Found], roots: &[PathBuf], stdin: bool) -> FileIds {
        // Fx hashes: SipHash was a tenth of listing a corpus's files.
        let mut count: HashMap<Cow<'_, str>, u32> = HashMap::default();
        count.reserve(files.len());
        for f in files {
            *count.entry(stem(&f.path)).or_default() += 1;
        }
        if stdin {
            *count.entry(Cow::Borrowed(STDIN_ID)).or_default() += 1;
        }
        // Names held by one input are its id: they never change for a clash
        // elsewhere, and the ids of the others are chosen around them.
        let unique = |s: &str| count.get(s) == Some(&1);
        let mut given: HashSet<String> = HashSet::default();
        // (index, path relative to its root, path as given); usize::MAX is stdin.
        let mut clashing: Vec<(usize, Option<String>, String)> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| !unique(&stem(&f.path)))
            .map(|(i, f)| (i, f.relative(roots), walk::display_path(&f.path)))
            .collect();
        if stdin && !unique(STDIN_ID) {
            clashing.push((usize::MAX, None, "-".to_string()));
        }
        let mut relative_count: HashMap<&str, u32> = HashMap::default();
        for (_, rel, _) in &clashing {
            if let Some(rel) = rel {
                *relative_count.entry(rel.as_str()).or_default() += 1;
            }
        }
        let mut ids = FileIds {
            shared: HashMap::default(),
            stdin: STDIN_ID.to_string(),
        };
        for (i, rel, shown) in &clashing {
            let base = match rel {
                Some(rel)
                    if relative_count.get(rel.as_str()) == Some(&1)
                        && !unique(rel)
                        && !given.contains(rel) =>
                {
                    rel
                }
                _ => shown,
            };
            let mut id = base.clone();
            let mut n = 1;
            while unique(&id) || given.contains(&id) {
                n += 1;
                id = format!("{base}~{n}");
            }
            given.insert(id.clone());
            if *i == usize::MAX {
                ids.stdin = id;
            } else {
                ids.shared.insert(*i, id);
            }
        }
        ids
    }

    /// The id of file `index` of the list, found at `path`.
    pub fn id(&self, index: usize, path: &Path) -> String {
        match self.shared.get(&index) {
            Some(id) => id.clone(),
            None => document_id(path, &walk::display_path(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walk::Found;

    fn ids(files: &[(&str, usize)], roots: &[&str], stdin: bool) -> (Vec<String>, String) {
        let found: Vec<Found> = files
            .iter()
            .map(|&(p, root)| Found {
                path: PathBuf::from(p),
                root,
            })
            .collect();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let ids = FileIds::new(&found, &roots, stdin);
        let all = found
            .iter()
            .enumerate()
            .map(|(i, f)| ids.id(i, &f.path))
            .collect();
        (all, ids.stdin)
    }

    #[test]
    fn a_file_is_named_by_its_stem_unless_another_input_shares_it() {
        let (got, stdin) = ids(
            &[
                ("c/a/story.txt", 0),
                ("c/b/story.txt", 0),
                ("c/notes.txt", 0),
                ("d/story.txt", 1),
            ],
            &["c", "d"],
            true,
        );
        assert_eq!(got, ["a/story.txt", "b/story.txt", "notes", "story.txt"]);
        assert_eq!(stdin, "stdin");
    }

    #[test]
    fn a_shared_relative_path_or_a_named_file_falls_back_to_the_path_as_given() {
        let (got, stdin) = ids(
            &[
                ("c/a/story.txt", 0),
                ("d/a/story.txt", 1),
                ("e/story.txt", 2),
                ("f/stdin.txt", 3),
            ],
            &["c", "d", "e/story.txt", "f"],
            true,
        );
        assert_eq!(
            got,
            ["c/a/story.txt", "d/a/story.txt", "e/story.txt", "stdin.txt"]
        );
        assert_eq!(stdin, "-");
    }

    #[test]
    fn an_id_a_name_already_holds_is_not_given_twice() {
        // `a.txt.txt` keeps its stem `a.txt`, which is also the path of
        // `r/a.txt` under `r`: that one takes the path as given.
        let (got, _) = ids(
            &[("r/a.txt", 0), ("r/a.txt.txt", 0), ("r/s/a.txt", 0)],
            &["r"],
            false,
        );
        assert_eq!(got, ["r/a.txt", "a.txt", "s/a.txt"]);
        // Two spellings that display alike get a counter.
        let (got, _) = ids(&[("x/a.txt", 0), ("x/a.txt", 1)], &["x", "x"], false);
        assert_eq!(got, ["x/a.txt", "x/a.txt~2"]);
    }
}
