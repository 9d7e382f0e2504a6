//! Bad files, bad lexicons and outputs that cannot be written, through the
//! built binary (`CARGO_BIN_EXE_ergraph`) in temp dirs, beside what
//! `tests/cli.rs` covers: dangling links, symbolic-link loops, FIFOs,
//! unreadable files and directories, a duplicate lexicon id with both places
//! named, a failed or interrupted write that keeps the last good graph, and
//! `write_files` refusing to start replacing files it cannot finish.
//!
//! Tests run as root in CI, where permission bits do not stop reads: a test
//! that needs a denied read first checks that the denial holds, and otherwise
//! runs the binary as `nobody` through `setpriv` (util-linux); when it
//! cannot, the test is reported `ignored` with the reason
//! (`tests/common/harness.rs`), or fails under `ERGRAPH_REQUIRE_READERS=1`.

mod common;

use ergraph::export::{ExportOptions, Format, write_files};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::harness::{self, *};

const ARTICLE: &str = "date 2025-06-17\n\
Putin meets Kim in Pyongyang\n\
\n\
Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday, \
state media reported.\n";

const OTHER: &str = "date 2025-06-18\nShoigu visits Seoul\n\n\
Russian Security Council Secretary Sergei Shoigu met Kim Jong Un in Pyongyang on Wednesday.\n";

struct Outcome {
    command: String,
    status: Option<ExitStatus>,
    stderr: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nstatus: {:?}\n--- stderr ---\n{}--- end ---",
            self.command, self.status, self.stderr
        )
    }
}

impl Outcome {
    #[track_caller]
    fn code(&self, expected: i32) -> &Outcome {
        let code = self.status.and_then(|s| s.code());
        assert_eq!(
            code,
            Some(expected),
            "expected exit code {expected}\n{self}"
        );
        self
    }

    #[track_caller]
    fn stderr_has(&self, needle: &str) -> &Outcome {
        assert!(
            self.stderr.contains(needle),
            "expected stderr to contain {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    fn stderr_lacks(&self, needle: &str) -> &Outcome {
        assert!(
            !self.stderr.contains(needle),
            "expected stderr not to contain {needle:?}\n{self}"
        );
        self
    }
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Sandbox {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("make parent dir");
        }
        std::fs::write(&path, bytes).expect("write input file");
        self
    }

    fn symlink(&self, rel: &str, target: &str) -> &Sandbox {
        std::os::unix::fs::symlink(target, self.path(rel)).expect("make symlink");
        self
    }

    /// Runs `PREFIX… ergraph ARGS…` here, killing it after 60 s (a hang fails).
    #[track_caller]
    fn run_with(&self, prefix: &[&str], args: &[&str]) -> Outcome {
        let bin = env!("CARGO_BIN_EXE_ergraph");
        let mut cmd = match prefix.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        cmd.current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let command = format!(
            "(cd {} && {} ergraph {})",
            self.dir.path().display(),
            prefix.join(" "),
            args.join(" ")
        );
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {command}: {e}"));
        let mut stderr_pipe = child.stderr.take().expect("piped stderr");
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut stderr_pipe, &mut s).ok();
            s
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait for ergraph") {
                break Some(s);
            }
            if Instant::now() > deadline {
                child.kill().ok();
                child.wait().ok();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = reader.join().unwrap_or_default();
        let out = Outcome {
            command,
            status,
            stderr,
        };
        assert!(
            out.status.is_some(),
            "ergraph did not finish in 60 s\n{out}"
        );
        out
    }

    #[track_caller]
    fn run(&self, args: &[&str]) -> Outcome {
        self.run_with(&[], args)
    }

    fn listing(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .map(|entries| {
                entries
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn exports(&self) -> Vec<Vec<u8>> {
        ["graph.dot", "graph.graphml", "graph.json"]
            .map(|n| std::fs::read(self.path("out").join(n)).expect("read export"))
            .to_vec()
    }
}

fn exports() -> Vec<String> {
    ["graph.dot", "graph.graphml", "graph.json"]
        .map(String::from)
        .to_vec()
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// True when a mode-000 file cannot be opened here (false as root).
fn permissions_hold(sb: &Sandbox) -> bool {
    let probe = sb.path(".probe");
    std::fs::write(&probe, "x").expect("write probe");
    chmod(&probe, 0o000);
    let denied = std::fs::File::open(&probe).is_err();
    chmod(&probe, 0o600);
    std::fs::remove_file(&probe).expect("remove probe");
    denied
}

/// Why a denied read cannot be tested here.
const DROP_PRIVILEGES: &str =
    "run as a user other than root, or install util-linux (`setpriv` must drop to nobody)";

/// Whether a test here can make a read fail (see [`unprivileged`]).
fn reads_can_be_denied() -> bool {
    let sb = Sandbox::new();
    let prefix = unprivileged(&sb);
    harness::take_skips();
    prefix.is_some()
}

/// How to run the binary so that mode bits bind: directly when they already
/// do, as `nobody` through `setpriv` when running as root, or `None` (with the
/// reason printed) when neither works.
fn unprivileged(sb: &Sandbox) -> Option<Vec<&'static str>> {
    if permissions_hold(sb) {
        return Some(Vec::new());
    }
    let prefix = vec![
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
    ];
    let works = Command::new(prefix[0])
        .args(&prefix[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        common::skip(DROP_PRIVILEGES);
        return None;
    }
    // nobody must reach the sandbox and write the output directory.
    chmod(sb.dir.path(), 0o777);
    Some(prefix)
}

// ---------------------------------------------------------------- bad files

fn dangling_symlink_is_skipped_with_a_warning_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .symlink("in/gone.txt", "nowhere.txt");
    sb.run(&["in", "-o", "out"])
        .code(0)
        .stderr_has("ergraph: warning: in/gone.txt: cannot read")
        .stderr_has("1 documents")
        .stderr_has("1 skipped");
    assert_eq!(sb.listing("out"), exports());
}

fn symlink_loop_is_walked_once_with_a_warning_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .file("in/sub/b.txt", OTHER)
        .symlink("in/sub/up", "..")
        .symlink("in/self.txt", "self.txt");
    let out = sb.run(&["in", "-o", "out"]);
    out.code(0)
        .stderr_has("ergraph: warning: in/sub/up: symbolic-link loop")
        .stderr_has("ergraph: warning: in/self.txt: cannot read")
        .stderr_has("2 documents")
        .stderr_has("2 skipped");
}

fn fifo_in_a_directory_is_skipped_not_waited_on() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    let made = Command::new("mkfifo")
        .arg(sb.path("in/pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        common::skip("install coreutils (no 'mkfifo' on PATH)");
        return;
    }
    // Reading a FIFO with no writer would block forever; `run` fails after 60 s.
    sb.run(&["in", "-o", "out"])
        .code(0)
        .stderr_has("ergraph: warning: in/pipe.txt: not a regular file")
        .stderr_has("1 documents")
        .stderr_has("1 skipped");
}

fn unreadable_file_is_skipped_with_a_warning_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("in/secret.txt", OTHER);
    let Some(prefix) = unprivileged(&sb) else {
        return;
    };
    chmod(&sb.path("in/secret.txt"), 0o000);
    sb.run_with(&prefix, &["in", "-o", "out"])
        .code(0)
        .stderr_has("ergraph: warning: in/secret.txt: cannot read")
        .stderr_has("1 documents")
        .stderr_has("1 skipped");
    assert_eq!(sb.listing("out"), exports());
    sb.run_with(&prefix, &["in", "-o", "out2", "--strict"])
        .code(1)
        .stderr_has("ergraph: error: in/secret.txt: cannot read");
    assert!(sb.listing("out2").is_empty(), "--strict writes nothing");
}

fn unreadable_directory_is_skipped_with_a_warning_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("in/locked/b.txt", OTHER);
    let Some(prefix) = unprivileged(&sb) else {
        return;
    };
    chmod(&sb.path("in/locked"), 0o000);
    let out = sb.run_with(&prefix, &["in", "-o", "out"]);
    chmod(&sb.path("in/locked"), 0o755);
    out.code(0)
        .stderr_has("ergraph: warning: in/locked: cannot read directory")
        .stderr_has("1 documents")
        .stderr_has("1 skipped");
}

fn unwritable_out_dir_is_reported_before_any_work() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("in/empty.txt", "");
    std::fs::create_dir(sb.path("ro")).expect("mkdir ro");
    let Some(prefix) = unprivileged(&sb) else {
        return;
    };
    chmod(&sb.path("ro"), 0o555);
    sb.run_with(&prefix, &["in", "-o", "ro"])
        .code(1)
        .stderr_has("ergraph: error: ro: output directory is not writable")
        .stderr_lacks("warning");
    assert!(sb.listing("ro").is_empty());
}

fn strict_with_a_dangling_link_exits_1_and_writes_nothing() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .symlink("in/gone.txt", "nowhere.txt");
    sb.run(&["in", "-o", "out", "--strict"])
        .code(1)
        .stderr_has("ergraph: error: in/gone.txt: cannot read");
    assert!(sb.listing("out").is_empty());
}

fn only_bad_inputs_is_an_error_that_writes_nothing() {
    let sb = Sandbox::new();
    sb.file("in/empty.txt", "")
        .file("in/blob.txt", b"\x00\x01binary");
    sb.run(&["in", "-o", "out"])
        .code(1)
        .stderr_has("ergraph: error: no document could be read from in (")
        .stderr_has("in/blob.txt: binary file")
        .stderr_has("in/empty.txt: empty file");
    assert!(sb.listing("out").is_empty());
}

// ---------------------------------------------------------------- lexicon

fn lexicon_duplicate_id_names_both_lines() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file(
        "extra.toml",
        "[[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin\"\n\n\
         [[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin II\"\n",
    );
    sb.run(&["in", "-o", "out", "--lexicon", "extra.toml"])
        .code(1)
        .stderr_has("ergraph: error: extra.toml:7:6: id \"person:park-jin\" is defined again")
        .stderr_has("first at extra.toml:2:6");
    assert!(sb.listing("out").is_empty());
}

fn lexicon_errors_say_what_was_expected() {
    for (body, place, expected) in [
        (
            "[[entity]]\nid = \"person:a\"\nkind = \n",
            "extra.toml:3:",
            "expected",
        ),
        (
            "[[entity]]\nid = \"person:a\"\nkind = \"robot\"\nlabel = \"A\"\n",
            "extra.toml:3:8:",
            "expected kind person, organization, country, place or treaty, found \"robot\"",
        ),
        (
            "[[entity]]\nid = \"Person A\"\nkind = \"person\"\nlabel = \"A\"\n",
            "extra.toml:2:6:",
            "expected an id kind:slug, found \"Person A\"",
        ),
        (
            "[[entity]]\nid = \"person:a\"\nkind = \"person\"\nlabel = \"A\"\ngender = \"x\"\n",
            "extra.toml:5:10:",
            "expected gender \"f\" or \"m\", found \"x\"",
        ),
        (
            "[[entity]]\nid = \"person:a\"\nkind = \"person\"\n",
            "extra.toml:1:1:",
            "label",
        ),
    ] {
        let sb = Sandbox::new();
        sb.file("in/a.txt", ARTICLE).file("extra.toml", body);
        sb.run(&["in", "-o", "out", "--lexicon", "extra.toml"])
            .code(1)
            .stderr_has(&format!("ergraph: error: {place}"))
            .stderr_has(expected);
    }
}

// ---------------------------------------------------------------- safe outputs

fn failed_write_keeps_the_last_good_graph_and_leaves_no_temp_files() {
    // A file-size limit makes the next write fail with EFBIG (SIGXFSZ is
    // ignored, and stays ignored across exec): a real failing writer.
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "-o", "out"]).code(0);
    let before = sb.exports();
    let big: String = (0..200)
        .map(|i| format!("Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on day {i}.\n"))
        .collect();
    sb.file("in/b.txt", big);
    sb.run_with(
        &["sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""],
        &["in", "-o", "out", "--max-evidence", "1000"],
    )
    .code(1)
    .stderr_has("ergraph: error: out/graph.");
    assert_eq!(sb.listing("out"), exports(), "no temp file is left behind");
    assert_eq!(sb.exports(), before, "the last good graph is kept");
}

fn interrupted_write_keeps_the_last_good_graph() {
    // The same limit with SIGXFSZ at its default kills ergraph mid-write, as
    // an interrupted run would be. The temp file it was writing may stay
    // (nothing runs after the signal), but every graph.* is the last good one.
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "-o", "out"]).code(0);
    let before = sb.exports();
    let big: String = (0..200)
        .map(|i| format!("Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on day {i}.\n"))
        .collect();
    sb.file("in/b.txt", big);
    let out = sb.run_with(
        &["sh", "-c", "ulimit -f 8; exec \"$0\" \"$@\""],
        &["in", "-o", "out", "--max-evidence", "1000"],
    );
    assert!(
        out.status.is_some_and(|s| !s.success()),
        "the size limit must stop the run\n{out}"
    );
    assert_eq!(sb.exports(), before, "the last good graph is kept\n{out}");
    for name in sb.listing("out") {
        assert!(
            exports().contains(&name) || (name.starts_with(".graph.") && name.ends_with(".tmp")),
            "unexpected file out/{name}\n{out}"
        );
    }
}

fn write_files_replaces_nothing_when_one_target_cannot_be_replaced() {
    let lex = ergraph::load_lexicons(&[]).expect("lexicon");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut builder = ergraph::graph::build::GraphBuilder::new(5);
    let doc = ergraph::corpus::Document::new(
        "a".into(),
        "in/a.txt".into(),
        ARTICLE.into(),
        None,
        None,
        None,
    );
    builder.add(&ergraph::extract::extract_document(&doc, &lex));
    let graph = builder.finish();
    let opts = ExportOptions::default();
    std::fs::write(dir.path().join("graph.dot"), "old dot\n").expect("old dot");
    std::fs::write(dir.path().join("graph.graphml"), "old graphml\n").expect("old graphml");
    // A directory where graph.json goes: no rename can put a file there.
    std::fs::create_dir(dir.path().join("graph.json")).expect("dir at graph.json");
    std::fs::write(dir.path().join("graph.json/keep"), "x").expect("fill it");
    let err = write_files(&graph, &Format::ALL, &opts, dir.path())
        .expect_err("graph.json cannot be written");
    assert!(err.to_string().contains("graph.json"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("graph.dot")).expect("dot"),
        "old dot\n",
        "graph.dot replaced although the run failed"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("graph.graphml")).expect("graphml"),
        "old graphml\n",
        "graph.graphml replaced although the run failed"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, exports(), "no temp file is left behind");
}

fn main() {
    harness::run(vec![
        test(
            "dangling_symlink_is_skipped_with_a_warning_naming_it",
            dangling_symlink_is_skipped_with_a_warning_naming_it,
        ),
        test(
            "symlink_loop_is_walked_once_with_a_warning_naming_it",
            symlink_loop_is_walked_once_with_a_warning_naming_it,
        ),
        test(
            "fifo_in_a_directory_is_skipped_not_waited_on",
            fifo_in_a_directory_is_skipped_not_waited_on,
        )
        .needs(&[Need::Tool("mkfifo", "coreutils")]),
        test(
            "unreadable_file_is_skipped_with_a_warning_naming_it",
            unreadable_file_is_skipped_with_a_warning_naming_it,
        )
        .needs(&[Need::Check(DROP_PRIVILEGES, reads_can_be_denied)]),
        test(
            "unreadable_directory_is_skipped_with_a_warning_naming_it",
            unreadable_directory_is_skipped_with_a_warning_naming_it,
        )
        .needs(&[Need::Check(DROP_PRIVILEGES, reads_can_be_denied)]),
        test(
            "unwritable_out_dir_is_reported_before_any_work",
            unwritable_out_dir_is_reported_before_any_work,
        ),
        test(
            "strict_with_a_dangling_link_exits_1_and_writes_nothing",
            strict_with_a_dangling_link_exits_1_and_writes_nothing,
        ),
        test(
            "only_bad_inputs_is_an_error_that_writes_nothing",
            only_bad_inputs_is_an_error_that_writes_nothing,
        ),
        test(
            "lexicon_duplicate_id_names_both_lines",
            lexicon_duplicate_id_names_both_lines,
        ),
        test(
            "lexicon_errors_say_what_was_expected",
            lexicon_errors_say_what_was_expected,
        ),
        test(
            "failed_write_keeps_the_last_good_graph_and_leaves_no_temp_files",
            failed_write_keeps_the_last_good_graph_and_leaves_no_temp_files,
        ),
        test(
            "interrupted_write_keeps_the_last_good_graph",
            interrupted_write_keeps_the_last_good_graph,
        ),
        test(
            "write_files_replaces_nothing_when_one_target_cannot_be_replaced",
            write_files_replaces_nothing_when_one_target_cannot_be_replaced,
        ),
    ])
}
