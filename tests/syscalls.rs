//! A directory 1,000 levels deep, through the built binary: it is walked
//! (its bottom file read), and in a number of system calls linear in its
//! depth, counted with `strace -f -c`. The count needs strace (`.ci/run`
//! installs it); without it that test is reported `ignored`
//! (`tests/common/harness.rs`), or fails under `ERGRAPH_REQUIRE_READERS=1`.

mod common;

use common::harness::{self, *};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Total system calls of `ergraph ARGS` in `dir` by `strace -f -c`.
fn syscalls(strace: &Path, dir: &Path, args: &[&str]) -> (u64, String) {
    let report = dir.join("strace.txt");
    let out = Command::new(strace)
        .current_dir(dir)
        .arg("-f")
        .arg("-c")
        .arg("-o")
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_ergraph"))
        .args(args)
        .output()
        .expect("run strace");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&report).expect("strace report");
    let total = text
        .lines()
        .find(|l| l.trim_end().ends_with("total"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no total in:\n{text}"));
    (total, text)
}

const DEPTH: usize = 1000;

/// A temp dir holding `deep/d/d/.../d/bottom.txt`, [`DEPTH`] levels down.
fn deep_tree() -> tempfile::TempDir {
    let sb = tempfile::tempdir().expect("temp dir");
    let mut deep = PathBuf::from("deep");
    for _ in 0..DEPTH {
        deep.push("d");
    }
    std::fs::create_dir_all(sb.path().join(&deep)).expect("deep dirs");
    std::fs::write(
        sb.path().join(&deep).join("bottom.txt"),
        "Vladimir Putin met Kim Jong Un in Pyongyang.\n",
    )
    .expect("write input");
    sb
}

/// The file at the bottom was read: its document is in `out/graph.json`.
#[track_caller]
fn bottom_was_read(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("out/graph.json")).expect("graph.json written");
    let graph: serde_json::Value = serde_json::from_str(&text).expect("graph.json parses");
    let ids: Vec<&str> = graph["graph"]["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, ["bottom"], "the document at the bottom");
}

fn a_directory_1000_levels_deep_is_walked() {
    let sb = deep_tree();
    let out = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .current_dir(sb.path())
        .args(["deep", "-q", "-f", "json", "-o", "out"])
        .output()
        .expect("run ergraph");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    bottom_was_read(sb.path());
}

fn a_directory_1000_levels_deep_is_walked_in_linear_system_calls() {
    let sb = deep_tree();
    let Some(strace) = common::require_tool("strace") else {
        return;
    };
    let (calls, report) = syscalls(
        &strace,
        sb.path(),
        &["deep", "-q", "-f", "json", "-o", "out"],
    );
    bottom_was_read(sb.path());
    // About five calls a directory (stat, open, read entries twice, close)
    // plus the run's own; resolving each directory's real path took
    // depth * depth / 2 `readlink` calls (500,000).
    assert!(
        calls < 20 * DEPTH as u64,
        "{calls} system calls for {DEPTH} levels:\n{report}"
    );
}

fn main() {
    harness::run(vec![
        test(
            "a_directory_1000_levels_deep_is_walked",
            a_directory_1000_levels_deep_is_walked,
        ),
        test(
            "a_directory_1000_levels_deep_is_walked_in_linear_system_calls",
            a_directory_1000_levels_deep_is_walked_in_linear_system_calls,
        )
        .needs(&[Need::Tool("strace", "strace")]),
    ])
}
