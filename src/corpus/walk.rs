//! Expanding the command line's paths into a sorted list of `*.txt` files.
//!
//! Directories are walked recursively; symbolic-link loops, unreadable
//! directories, dangling links and `*.txt` entries that are not regular files
//! (FIFOs, devices: reading them could block forever) become warnings, missing
//! paths too. A path named on the command line is read whatever it is, so
//! `ergraph <(curl …)` works.
//!
//! The walk is linear in the number of entries: a directory is known by its
//! device and inode, read from the one `stat` each entry gets anyway, not by
//! its canonical path (resolving that reads every component's link, which is
//! quadratic in depth: a directory 1,000 levels deep took half a million
//! `readlink` calls). A file reached twice (two spellings of one path, a hard
//! or symbolic link to a file already listed) is read once.

use crate::error::Warning;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

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

/// Files to read, sorted and without duplicates, and warnings for what could
/// not be walked. A file named explicitly is read whatever its extension.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<Found>, Vec<Warning>) {
    // Path -> (root, identity); the first root a path is found under wins.
    let mut files: BTreeMap<PathBuf, (usize, Option<Identity>)> = BTreeMap::new();
    let mut warnings = Vec::new();
    for (root, path) in paths.iter().enumerate() {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut walk = Walk {
                    root,
                    files: &mut files,
                    warnings: &mut warnings,
                    seen: HashSet::new(),
                };
                walk.dir(path, &meta);
            }
            Ok(meta) => {
                let id = identity(path, &meta);
                files.entry(path.clone()).or_insert((root, id));
            }
            Err(e) => warnings.push(Warning {
                path: display_path(path),
                message: format!("cannot read: {e}"),
                skipped: true,
            }),
        }
    }
    // One file under two names is read once, under the first in sorted order.
    let mut first: HashMap<Identity, PathBuf> = HashMap::new();
    let mut out = Vec::with_capacity(files.len());
    for (path, (root, id)) in files {
        if let Some(id) = id {
            if let Some(earlier) = first.get(&id) {
                warnings.push(Warning {
                    path: display_path(&path),
                    message: format!("same file as {}, read once", display_path(earlier)),
                    skipped: false,
                });
                continue;
            }
            first.insert(id, path.clone());
        }
        out.push(Found { path, root });
    }
    (out, warnings)
}

/// One command-line directory being walked.
struct Walk<'a> {
    root: usize,
    files: &'a mut BTreeMap<PathBuf, (usize, Option<Identity>)>,
    warnings: &'a mut Vec<Warning>,
    /// Directories already read from this root.
    seen: HashSet<Identity>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, meta: &Metadata) {
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
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let txt =
                child.extension().is_some_and(|e| e == "txt") || super::html::is_html_path(&child);
            match std::fs::metadata(&child) {
                Ok(m) if m.is_dir() => self.dir(&child, &m),
                // A FIFO or device named *.txt would block the run or never end.
                Ok(m) if !m.is_file() => {
                    if txt {
                        self.warnings.push(Warning {
                            path: display_path(&child),
                            message: "not a regular file, skipped".to_string(),
                            skipped: true,
                        });
                    }
                }
                Ok(m) => {
                    if txt {
                        let id = identity(&child, &m);
                        self.files.entry(child).or_insert((self.root, id));
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
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(warnings.iter().all(|w| !w.skipped));
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
