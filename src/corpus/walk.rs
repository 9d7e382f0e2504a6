//! Expanding the command line's paths into a sorted list of `*.txt` files.
//!
//! Directories are walked recursively; symbolic-link loops, unreadable
//! directories, dangling links and `*.txt` entries that are not regular files
//! (FIFOs, devices: reading them could block forever) become warnings, missing
//! paths too. A path named on the command line is read whatever it is, so
//! `ergraph <(curl …)` works.

use crate::error::Warning;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A path as shown in messages and in the graph: as given, with `/`.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Files to read, sorted and without duplicates, and warnings for what could
/// not be walked. A file named explicitly is read whatever its extension.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let mut files = BTreeSet::new();
    let mut warnings = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut seen = BTreeSet::new();
                walk_dir(path, &mut files, &mut warnings, &mut seen);
            }
            Ok(_) => {
                files.insert(path.clone());
            }
            Err(e) => warnings.push(Warning {
                path: display_path(path),
                message: format!("cannot read: {e}"),
                skipped: true,
            }),
        }
    }
    (files.into_iter().collect(), warnings)
}

fn walk_dir(
    dir: &Path,
    files: &mut BTreeSet<PathBuf>,
    warnings: &mut Vec<Warning>,
    seen: &mut BTreeSet<PathBuf>,
) {
    let mut skip = |message: String| {
        warnings.push(Warning {
            path: display_path(dir),
            message,
            skipped: true,
        })
    };
    // A directory reached twice through links is a loop: walk it once.
    let real = match std::fs::canonicalize(dir) {
        Ok(r) => r,
        Err(e) => return skip(format!("cannot read directory: {e}")),
    };
    if !seen.insert(real) {
        return skip("symbolic-link loop, directory already read".to_string());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return skip(format!("cannot read directory: {e}")),
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => walk_dir(&child, files, warnings, seen),
            // A FIFO or device named *.txt would block the run or never end.
            Ok(m) if !m.is_file() => {
                if child.extension().is_some_and(|e| e == "txt") {
                    warnings.push(Warning {
                        path: display_path(&child),
                        message: "not a regular file, skipped".to_string(),
                        skipped: true,
                    });
                }
            }
            Ok(_) => {
                if child.extension().is_some_and(|e| e == "txt") {
                    files.insert(child);
                }
            }
            Err(e) => warnings.push(Warning {
                path: display_path(&child),
                message: format!("cannot read: {e}"),
                skipped: true,
            }),
        }
    }
}
