//! Expanding the command line's paths into a sorted list of text files
//! (`*.txt` and `*.text`, whatever the case of the extension).
//!
//! Directories are walked recursively; symbolic-link loops, unreadable
//! directories, dangling links and `*.txt` entries that are not regular files
//! (FIFOs, devices: reading them could block forever) become warnings, missing
//! paths too. A path named on the command line is read whatever it is, so
//! `ergraph <(curl …)` works. What a command-line directory held that was
//! not read is reported once per directory: its count by extension, and when
//! nothing was read, the first names too.
//!
//! The walk is linear in the number of entries: a directory is known by its
//! device and inode, read from the one `stat` each entry gets anyway, not by
//! its canonical path (resolving that reads every component's link, which is
//! quadratic in depth: a directory 1,000 levels deep took half a million
//! `readlink` calls). A file reached twice (two spellings of one path, a hard
//! or symbolic link to a file already listed) is read once.

use crate::error::Warning;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs::Metadata;
use std::path::{Component, Path, PathBuf};

/// Extensions of the files a directory walk reads, in lower case; they are
/// compared without regard to case (`.TXT` is read too). Web pages
/// (`html`, `htm`) are read as pages, see [`super::html::is_html_path`].
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm"];

/// True when a directory walk reads `path`: its extension is one of
/// [`TEXT_EXTENSIONS`].
pub fn is_text_name(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str());
    ext.is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

/// The extensions read, as a message says them: `.txt, .text, .html or .htm`.
fn text_extensions_said() -> String {
    let all: Vec<String> = TEXT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => all.concat(),
    }
}

/// A path as shown in messages and in the graph: as given, with `/`.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// One file to read and the command-line path it was found under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Index of the command-line path (in the slice given to
    /// [`collect_files`]) the file was found under, or that names it.
    pub root: usize,
}

impl Found {
    /// The path relative to the directory it was found under, with `/`
    /// (`None` for a file named on the command line: it has no such path).
    pub fn relative(&self, roots: &[PathBuf]) -> Option<String> {
        let rel = self.path.strip_prefix(roots.get(self.root)?).ok()?;
        (!rel.as_os_str().is_empty()).then(|| display_path(rel))
    }
}

/// What identifies a file or directory however it is reached: device and
/// inode where the platform has them.
#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &Metadata) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

/// A path's sort key: each component's bytes after a tag byte that ranks
/// its kind as `Path`'s ordering does (prefix, root, `.`, `..`, name), and
/// a 0 after it (no component holds one). Keys compare as their paths do
/// and are equal when the paths are (`a//b` and `a/b` alike). `Path::cmp`
/// walks both paths' components at every comparison: keyed by `PathBuf`,
/// the map of 3,313 files of an 8 MB corpus cost 67 M instructions to fill,
/// serial work before the first document is read. (On Windows a prefix
/// such as `C:` ranks by its bytes, not by its kind of prefix.)
fn path_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for c in path.components() {
        let (tag, bytes) = match c {
            Component::Prefix(p) => (1, p.as_os_str()),
            Component::RootDir => (2, OsStr::new("")),
            Component::CurDir => (3, OsStr::new("")),
            Component::ParentDir => (4, OsStr::new("")),
            Component::Normal(name) => (5, name),
        };
        key.push(tag);
        key.extend_from_slice(bytes.as_encoded_bytes());
        key.push(0);
    }
    key
}

/// Files found so far: path key ([`path_key`]) -> (path, root, identity).
type Listed = BTreeMap<Vec<u8>, (PathBuf, usize, Option<Identity>)>;

/// Where a walk puts the text files it finds.
enum Sink<'a> {
    /// Into the map of every command-line path's files, sorted at the end.
    Map(&'a mut Listed),
    /// Straight out, in the order the walk finds them (see [`list_files`]);
    /// `false` back means nobody wants more, and the walk stops.
    Out(&'a mut dyn FnMut(PathBuf, Option<Identity>, u64) -> bool),
}

/// What [`list_files`] hands out, in this order: each file to read, as
/// soon as its place in the sorted list is known, then the warnings.
#[derive(Debug)]
pub enum Listing {
    /// A file and its size ([`input_size`]).
    File(Found, Option<u64>),
    /// The list is complete: the warnings [`collect_files`] gives.
    End(Vec<Warning>),
}

/// An input's size for the progress total: a regular file's length, `None`
/// for a stream (a pipe, a device), 0 for what cannot be read (it is
/// skipped when read).
pub fn input_size(path: &Path) -> Option<u64> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Some(m.len()),
        Ok(_) => None,
        Err(_) => Some(0),
    }
}

/// The files and warnings of [`collect_files`], handed to `send` in the
/// same order, each file as soon as its place is known; `send` answers
/// `false` when nobody wants more (then the listing stops).
///
/// One command-line directory is handed out while it is walked, so a
/// reader can start on its first files before the walk ends: the walk
/// visits each directory's entries sorted by name, and a path's order is
/// its components' order (`a/x` before `a.txt`, since `a` < `a.txt`), so
/// the walk's order is the sorted order. A file reached again through
/// another name (a link) is left out as [`collect_files`] leaves it out: the
/// first name in that order is the one read. Any other list of paths (several,
/// or a single file) is collected and sorted first.
pub fn list_files(paths: &[PathBuf], send: &mut dyn FnMut(Listing) -> bool) {
    if let [path] = paths
        && let Ok(meta) = std::fs::metadata(path)
        && meta.is_dir()
    {
        let mut first: HashMap<Identity, PathBuf> = HashMap::default();
        let mut same = Vec::new();
        let mut out = |path: PathBuf, id: Option<Identity>, len: u64| {
            if let Some(id) = id {
                match first.entry(id) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        same.push(same_file(&path, e.get()));
                        return true;
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(path.clone());
                    }
                }
            }
            send(Listing::File(Found { path, root: 0 }, Some(len)))
        };
        let mut warnings = Vec::new();
        if !walk_top(0, path, &meta, Sink::Out(&mut out), &mut warnings) {
            return;
        }
        warnings.append(&mut same);
        send(Listing::End(warnings));
        return;
    }
    let (files, warnings) = collect_files(paths);
    for f in files {
        let size = input_size(&f.path);
        if !send(Listing::File(f, size)) {
            return;
        }
    }
    send(Listing::End(warnings));
}

/// Walks command-line directory `top` (path number `root`) into `files`,
/// then says what it held that was not read. False when the sink stopped
/// the walk (then nothing more is said).
fn walk_top<'a>(
    root: usize,
    top: &'a Path,
    meta: &Metadata,
    files: Sink<'a>,
    warnings: &'a mut Vec<Warning>,
) -> bool {
    let mut walk = Walk {
        root,
        top,
        files,
        warnings,
        seen: HashSet::default(),
        read: 0,
        ignored: Ignored::default(),
        stopped: false,
    };
    walk.dir(top, meta, false);
    if walk.stopped {
        return false;
    }
    if let Some(w) = walk.ignored.warning(top, walk.read) {
        walk.warnings.push(w);
    }
    true
}

/// The warning for a file read once under its first name `first`.
fn same_file(path: &Path, first: &Path) -> Warning {
    Warning {
        path: display_path(path),
        message: format!("same file as {}, read once", display_path(first)),
        skipped: false,
    }
}

/// Files to read, sorted and without duplicates, and warnings for what could
/// not be walked. A file named explicitly is read whatever its extension.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<Found>, Vec<Warning>) {
    // The first root a path is found under wins.
    let mut files = Listed::new();
    let mut warnings = Vec::new();
    for (root, path) in paths.iter().enumerate() {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk_top(root, path, &meta, Sink::Map(&mut files), &mut warnings);
            }
            Ok(meta) => {
                let id = identity(path, &meta);
                files
                    .entry(path_key(path))
                    .or_insert_with(|| (path.clone(), root, id));
            }
            Err(e) => warnings.push(Warning {
                path: display_path(path),
                message: format!("cannot read: {e}"),
                skipped: true,
            }),
        }
    }
    // One file under two names is read once, under the first in sorted order.
    // (The first is kept as its index in `out`: no path is copied.)
    let mut first: HashMap<Identity, usize> = HashMap::default();
    first.reserve(files.len());
    let mut out: Vec<Found> = Vec::with_capacity(files.len());
    for (path, root, id) in files.into_values() {
        if let Some(id) = id {
            if let Some(&earlier) = first.get(&id) {
                warnings.push(same_file(&path, &out[earlier].path));
                continue;
            }
            first.insert(id, out.len());
        }
        out.push(Found { path, root });
    }
    (out, warnings)
}

/// Names of ignored files a warning lists when nothing was read.
const IGNORED_NAMES_SHOWN: usize = 5;
/// Kinds of ignored files (`.pdf`, `hidden`, …) a warning counts one by one.
const IGNORED_KINDS_SHOWN: usize = 4;

/// The files of one command-line directory that the walk did not read.
#[derive(Default)]
struct Ignored {
    /// How many, in all.
    count: usize,
    /// How many of each kind: `.pdf` (lower case), `hidden` (the file or a
    /// directory above it starts with a dot), `without extension`.
    kinds: BTreeMap<String, usize>,
    /// The first [`IGNORED_NAMES_SHOWN`] in walk order, relative to the directory.
    names: Vec<String>,
}

impl Ignored {
    fn add(&mut self, top: &Path, path: &Path, hidden: bool) {
        self.count += 1;
        let kind = match path.extension() {
            _ if hidden => "hidden".to_string(),
            Some(ext) => format!(".{}", ext.to_string_lossy().to_lowercase()),
            None => "without extension".to_string(),
        };
        *self.kinds.entry(kind).or_default() += 1;
        if self.names.len() < IGNORED_NAMES_SHOWN {
            let rel = path.strip_prefix(top).unwrap_or(path);
            self.names.push(display_path(rel));
        }
    }

    /// The kinds, most frequent first: `2 .pdf, 1 hidden`.
    fn kinds_said(&self) -> String {
        let mut kinds: Vec<(&String, &usize)> = self.kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut said: Vec<String> = kinds
            .iter()
            .take(IGNORED_KINDS_SHOWN)
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        let rest: usize = kinds
            .iter()
            .skip(IGNORED_KINDS_SHOWN)
            .map(|(_, n)| **n)
            .sum();
        if rest > 0 {
            said.push(format!("{rest} of other kinds"));
        }
        said.join(", ")
    }

    /// What to say about command-line directory `top`, from which `read`
    /// files were listed: nothing when nothing was ignored; a skipped input
    /// naming what it held when nothing was read; else one line of counts.
    fn warning(&self, top: &Path, read: usize) -> Option<Warning> {
        let exts = text_extensions_said();
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let message = if read == 0 {
            let held = if self.count == 0 {
                "it holds no other file".to_string()
            } else {
                let more = self.count - self.names.len();
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "ignored {} {} ({}): {}{more}",
                    self.count,
                    files(self.count),
                    self.kinds_said(),
                    self.names.join(", "),
                )
            };
            format!(
                "no {exts} file to read; {held} (a directory is searched for {exts} files; \
                 a file named on the command line is read whatever its extension)"
            )
        } else if self.count > 0 {
            format!(
                "{read} {exts} {} found; ignored {} other {} ({})",
                files(read),
                self.count,
                files(self.count),
                self.kinds_said()
            )
        } else {
            return None;
        };
        Some(Warning {
            path: display_path(top),
            message,
            skipped: read == 0,
        })
    }
}

/// One command-line directory being walked.
struct Walk<'a> {
    root: usize,
    /// The command-line directory.
    top: &'a Path,
    files: Sink<'a>,
    warnings: &'a mut Vec<Warning>,
    /// Directories already read from this root.
    seen: HashSet<Identity>,
    /// Text files listed under this root.
    read: usize,
    /// Files under this root that are not read.
    ignored: Ignored,
    /// Set when the sink wants no more files: the walk stops.
    stopped: bool,
}

impl Walk<'_> {
    /// Lists the text files under `dir`; `hidden` when `dir` or a directory
    /// above it (below the command-line one) starts with a dot.
    fn dir(&mut self, dir: &Path, meta: &Metadata, hidden: bool) {
        let mut skip = |message: String| {
            self.warnings.push(Warning {
                path: display_path(dir),
                message,
                skipped: true,
            })
        };
        // A directory reached twice through links is a loop: walk it once.
        let Some(id) = identity(dir, meta) else {
            return skip("cannot read directory: no identity".to_string());
        };
        if !self.seen.insert(id) {
            return skip("symbolic-link loop, directory already read".to_string());
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return skip(format!("cannot read directory: {e}")),
        };
        // Every child is `dir` and one name more: sorting by name is sorting
        // by path, without walking the paths' components at each comparison.
        let mut children: Vec<(OsString, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| (e.file_name(), e.path())))
            .collect();
        children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, child) in children {
            if self.stopped {
                return;
            }
            let txt = is_text_name(&child);
            let dot = child
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
            match std::fs::metadata(&child) {
                Ok(m) if m.is_dir() => self.dir(&child, &m, hidden || dot),
                // A FIFO or device named *.txt would block the run or never end.
                Ok(m) if !m.is_file() => {
                    if txt {
                        self.warnings.push(Warning {
                            path: display_path(&child),
                            message: "not a regular file, skipped".to_string(),
                            skipped: true,
                        });
                    } else {
                        self.ignored.add(self.top, &child, hidden || dot);
                    }
                }
                Ok(m) => {
                    if txt {
                        self.read += 1;
                        let id = identity(&child, &m);
                        let root = self.root;
                        match &mut self.files {
                            Sink::Map(files) => {
                                files
                                    .entry(path_key(&child))
                                    .or_insert_with(|| (child, root, id));
                            }
                            Sink::Out(out) => self.stopped = !out(child, id, m.len()),
                        }
                    } else {
                        self.ignored.add(self.top, &child, hidden || dot);
                    }
                }
                Err(e) => self.warnings.push(Warning {
                    path: display_path(&child),
                    message: format!("cannot read: {e}"),
                    skipped: true,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_sort_and_match_as_the_paths_do() {
        let paths = [
            "a", "a.b", "a/b", "a/b/c", "a//b", "a/./b", "a/b/", "./a", "../a", "/a", "/", "a b",
            "a-b", "ab", "a0", "A", "é", "e\u{301}", "a/é/b", "..", ".", "./a/../b", "a/..",
            "/a/b", "//a", "a.txt", "a/b.txt", "a_b",
        ];
        for x in paths {
            for y in paths {
                let (px, py) = (Path::new(x), Path::new(y));
                assert_eq!(
                    path_key(px).cmp(&path_key(py)),
                    px.cmp(py),
                    "{x:?} against {y:?}"
                );
                assert_eq!(
                    path_key(px) == path_key(py),
                    px == py,
                    "{x:?} against {y:?}"
                );
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_are_sorted_with_their_root_and_one_file_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("c");
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::write(root.join("b/x.txt"), "x").unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("skip.md"), "m").unwrap();
        // The same files again: a link to a file, a link to a directory.
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
        let alias = dir.path().join("alias");
        std::os::unix::fs::symlink(root.join("b"), &alias).unwrap();
        let roots = vec![root.clone(), alias];
        let (found, warnings) = collect_files(&roots);
        let listed: Vec<(String, usize, Option<String>)> = found
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(dir.path()).unwrap();
                (display_path(rel), f.root, f.relative(&roots))
            })
            .collect();
        assert_eq!(
            listed,
            [
                // The first name in sorted order is the one read.
                ("alias/x.txt".to_string(), 1, Some("x.txt".to_string())),
                ("c/a.txt".to_string(), 0, Some("a.txt".to_string())),
            ]
        );
        let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let once = |path: &str, first: &str| {
            said.iter().any(|w| {
                w.contains(path)
                    && w.contains("same file as ")
                    && w.ends_with(&format!("{first}, read once"))
            })
        };
        assert!(once("c/b/x.txt", "alias/x.txt"), "{said:?}");
        assert!(once("c/link.txt", "c/a.txt"), "{said:?}");
        let counted = format!(
            "{}: 3 .txt, .text, .html or .htm files found; ignored 1 other file (1 .md)",
            display_path(&root)
        );
        assert!(said.contains(&counted), "{said:?}");
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(warnings.iter().all(|w| !w.skipped));
    }

    /// Everything [`list_files`] hands out, in order: the files with their
    /// sizes, then the warnings.
    fn listed(paths: &[PathBuf]) -> (Vec<(Found, Option<u64>)>, Vec<Warning>) {
        let mut files = Vec::new();
        let mut end = None;
        list_files(paths, &mut |m| {
            match m {
                Listing::File(f, size) => {
                    assert!(end.is_none(), "a file after the end");
                    files.push((f, size));
                }
                Listing::End(w) => end = Some(w),
            }
            true
        });
        (files, end.expect("the listing ends"))
    }

    /// The walk of one directory hands its files out as it finds them, and
    /// that order is the sorted order of [`collect_files`]: names that sort
    /// around a directory's (`a` against `a.txt`, `a-b`, `a b`, `a0`), case,
    /// accents (composed and not), links to files (read once, under the
    /// first name) and to directories, a link loop, a dangling link.
    #[cfg(unix)]
    #[test]
    fn listing_one_directory_as_it_is_walked_gives_the_sorted_list() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("corpus");
        let files = [
            "a.txt",
            "a/b.txt",
            "a/b/c.txt",
            "a/b.c/d.txt",
            "a-b.txt",
            "a b.txt",
            "a0.txt",
            "a_b/x.txt",
            "ab.txt",
            "A.txt",
            "B/z.txt",
            "é.txt",
            "e\u{301}.txt",
            "z/a.txt",
            ".hidden/h.txt",
            "notes.md",
            "a/skip.pdf",
        ];
        for f in files {
            let path = top.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, f.repeat(3)).unwrap();
        }
        std::os::unix::fs::symlink(top.join("z/a.txt"), top.join("a/link.txt")).unwrap();
        std::os::unix::fs::symlink(top.join("a/b"), top.join("m")).unwrap();
        std::os::unix::fs::symlink(&top, top.join("z/loop")).unwrap();
        std::os::unix::fs::symlink(top.join("gone.txt"), top.join("dangling.txt")).unwrap();
        let roots = vec![top.clone()];
        let (sorted, sorted_warnings) = collect_files(&roots);
        let (streamed, warnings) = listed(&roots);
        let streamed_files: Vec<Found> = streamed.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(streamed_files, sorted);
        assert_eq!(warnings, sorted_warnings);
        for (f, size) in &streamed {
            assert_eq!(*size, Some(std::fs::metadata(&f.path).unwrap().len()));
        }
        // The case is not trivial: links were read once, a loop and a
        // dangling link were said, something was ignored.
        let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(said.iter().any(|w| w.contains("read once")), "{said:?}");
        assert!(said.iter().any(|w| w.contains("loop")), "{said:?}");
        assert!(said.iter().any(|w| w.contains("dangling.txt")), "{said:?}");
        assert!(sorted.len() >= 15, "{sorted:?}");
    }

    /// Several command-line paths, or a file, are collected and sorted as
    /// before; a listener that stops wanting files stops the walk.
    #[test]
    fn listing_several_paths_gives_the_sorted_list_and_stops_when_told() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b/x.txt", "a/y.txt", "a/z.txt", "c.txt"] {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let roots = vec![
            dir.path().join("b"),
            dir.path().join("a"),
            dir.path().join("c.txt"),
        ];
        let (sorted, sorted_warnings) = collect_files(&roots);
        let (streamed, warnings) = listed(&roots);
        let streamed: Vec<Found> = streamed.into_iter().map(|(f, _)| f).collect();
        assert_eq!((streamed, warnings), (sorted, sorted_warnings));
        for roots in [roots, vec![dir.path().to_path_buf()]] {
            let mut got = 0;
            list_files(&roots, &mut |_| {
                got += 1;
                false
            });
            assert_eq!(got, 1);
        }
    }

    #[test]
    fn text_extensions_are_read_whatever_their_case() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.TXT",
            "b.text",
            "c.Text",
            "d.txt",
            "e.txt.bak",
            "f.TXT~",
            "text",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (found, _) = collect_files(&[dir.path().to_path_buf()]);
        let names: Vec<String> = found
            .iter()
            .map(|f| display_path(f.path.strip_prefix(dir.path()).unwrap()))
            .collect();
        assert_eq!(names, ["a.TXT", "b.text", "c.Text", "d.txt"]);
    }

    /// A directory with nothing to read names what it held, the first five
    /// and a count for the rest, by kind; it is a skipped input.
    #[test]
    fn a_directory_without_text_names_the_files_it_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("articles");
        std::fs::create_dir_all(top.join(".git/objects")).unwrap();
        std::fs::create_dir_all(top.join("sub")).unwrap();
        for name in [
            "a.pdf",
            "b.PDF",
            "c.docx",
            ".DS_Store",
            "README",
            "sub/d.xml",
            ".git/objects/ab12",
            ".git/notes.md",
        ] {
            std::fs::write(top.join(name), "x").unwrap();
        }
        let (found, warnings) = collect_files(std::slice::from_ref(&top));
        assert!(found.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].skipped);
        assert_eq!(
            warnings[0].to_string(),
            format!(
                "{}: no .txt, .text, .html or .htm file to read; ignored 8 files (3 hidden, 2 .pdf, \
                 1 .docx, 1 .xml, 1 of other kinds): .DS_Store, .git/notes.md, \
                 .git/objects/ab12, README, a.pdf and 3 more (a directory is searched for \
                 .txt, .text, .html or .htm files; a file named on the command line is read whatever its \
                 extension)",
                display_path(&top)
            )
        );
        let empty = dir.path().join("empty");
        std::fs::create_dir_all(empty.join("sub")).unwrap();
        let (_, warnings) = collect_files(std::slice::from_ref(&empty));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].message.starts_with(
                "no .txt, .text, .html or .htm file to read; it holds no other file ("
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_file_named_on_the_command_line_has_no_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("story.md");
        std::fs::write(&file, "x").unwrap();
        let roots = vec![file.clone()];
        let (found, warnings) = collect_files(&roots);
        assert!(warnings.is_empty());
        assert_eq!(
            found,
            [Found {
                path: file,
                root: 0
            }]
        );
        assert_eq!(found[0].relative(&roots), None);
    }
}
