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

/// Files to read, sorted and without duplicates, and warnings for what could
/// not be walked. A file named explicitly is read whatever its extension.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<Found>, Vec<Warning>) {
    // The first root a path is found under wins.
    let mut files = Listed::new();
    let mut warnings = Vec::new();
    for (root, path) in paths.iter().enumerate() {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut walk = Walk {
                    root,
                    top: path,
                    files: &mut files,
                    warnings: &mut warnings,
                    seen: HashSet::default(),
                    read: 0,
                    ignored: Ignored::default(),
                };
                walk.dir(path, &meta, false);
                if let Some(w) = walk.ignored.warning(path, walk.read) {
                    warnings.push(w);
                }
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
                warnings.push(Warning {
                    path: display_path(&path),
                    message: format!(
                        "same file as {}, read once",
                        display_path(&out[earlier].path)
                    ),
                    skipped: false,
                });
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
    files: &'a mut Listed,
    warnings: &'a mut Vec<Warning>,
    /// Directories already read from this root.
    seen: HashSet<Identity>,
    /// Text files listed under this root.
    read: usize,
    /// Files under this root that are not read.
    ignored: Ignored,
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
                        self.files
                            .entry(path_key(&child))
                            .or_insert_with(|| (child, root, id));
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
