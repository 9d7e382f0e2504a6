//! System calls of a walk, counted with `strace -f -c` on the built binary:
//! a directory 1,000 levels deep costs a number of calls linear in its depth.
//! Needs strace (`.ci/run` installs it); without it the test is reported
//! `ignored` (`tests/common/harness.rs`), or fails under
//! `ERGRAPH_REQUIRE_READERS=1`.

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

fn a_directory_1000_levels_deep_is_walked_in_linear_system_calls() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    let depth = 1000;
    let mut deep = PathBuf::from("deep");
    for _ in 0..depth {
        deep.push("d");
    }
    std::fs::create_dir_all(dir.join(&deep)).expect("deep dirs");
    std::fs::write(
        dir.join(&deep).join("bottom.txt"),
        "Vladimir Putin met Kim Jong Un in Pyongyang.\n",
    )
    .expect("write input");
    let Some(strace) = common::require_tool("strace") else {
        return;
    };
    let (calls, report) = syscalls(&strace, dir, &["deep", "-q", "-f", "json", "-o", "out"]);
    let json = std::fs::read_to_string(dir.join("out/graph.json")).expect("graph.json written");
    assert!(
        json.contains("\"bottom\""),
        "the file at the bottom was read"
    );
    // About five calls a directory (stat, open, read entries twice, close)
    // plus the run's own; resolving each directory's real path took
    // depth * depth / 2 `readlink` calls (500,000).
    assert!(
        calls < 20 * depth as u64,
        "{calls} system calls for {depth} levels:\n{report}"
    );
}

fn main() {
    harness::run(vec![
        test(
            "a_directory_1000_levels_deep_is_walked_in_linear_system_calls",
            a_directory_1000_levels_deep_is_walked_in_linear_system_calls,
        )
        .needs(&[Need::Tool("strace", "strace")]),
    ])
}
