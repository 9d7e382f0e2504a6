//! Memory is bounded for every kind of input, not only regular files (issue
//! 13): standard input, a pipe named as a path and a device are read a page
//! at a time like a big file, a JSON Lines line is capped, and a stream of
//! NUL bytes is binary after its first page.
//!
//! Each case runs the built binary on a stream hundreds of megabytes long,
//! fed by the test through a pipe, and reads the child's peak resident
//! memory (`ru_maxrss` from `wait4`), never its time. Reading such a stream
//! whole peaked at over 500 MB; read in pages it stays near the binary's
//! own 30 MB. A child past `KILL_KIB` is killed at once, so the test fails
//! quickly instead of filling the machine.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// The peak a bounded run stays under: the binary's own memory (about 30
/// MB), a page, a capped line and their copies, with room to spare; well
/// under the streams fed (300 MB), which an unbounded read holds whole.
const BOUND_KIB: u64 = 120 * 1024;

/// A child this big is killed: the bound is broken already.
const KILL_KIB: u64 = 1024 * 1024;

/// What a measured run did.
struct Measured {
    code: Option<i32>,
    stderr: String,
    peak_kib: u64,
}

/// Resident memory of a live process, in KiB, from `/proc`.
fn rss_kib(pid: i32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Runs `ergraph ARGS` in `dir` with `feed` writing its standard input, and
/// measures its peak resident memory.
// The child is reaped by `wait4`, which gives its resource usage; `wait()`
// would not.
#[allow(clippy::zombie_processes)]
fn measured(
    dir: &Path,
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) + Send + 'static,
) -> Measured {
    let run = common::fed::spawn_fed(dir, args, feed);
    let pid = run.child.id() as i32;
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child without blocking; the pointers are
        // to live locals. A child not yet reaped keeps its pid, so the kill
        // below cannot reach another process.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "wait4 failed");
        if done == pid {
            break;
        }
        if rss_kib(pid) > KILL_KIB || Instant::now() > deadline {
            // SAFETY: signals our own unreaped child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    run.feeder.join().expect("feeder");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        stderr: run.stderr.join().unwrap_or_default(),
        peak_kib: usage.ru_maxrss as u64,
    }
}

/// Writes `mb` megabytes of `byte` (stopping quietly when the reader has
/// gone: ergraph may stop reading early).
fn bytes_of(byte: u8, mb: usize) -> impl FnOnce(&mut dyn Write) + Send + 'static {
    move |w: &mut dyn Write| {
        let chunk = vec![byte; 1 << 20];
        for _ in 0..mb {
            if w.write_all(&chunk).is_err() {
                return;
            }
        }
    }
}

#[track_caller]
fn assert_bounded(m: &Measured, what: &str) {
    assert!(
        m.peak_kib < BOUND_KIB,
        "{what}: peak {} MB (bound {} MB)\n{}",
        m.peak_kib / 1024,
        BOUND_KIB / 1024,
        m.stderr
    );
}

#[test]
fn streams_of_nul_bytes_are_binary_after_their_first_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    // (arguments, MB of NUL bytes fed on standard input, the input named).
    let cases: [(&[&str], usize, &str); 5] = [
        (&["-"], 300, "-"),
        (&["/dev/stdin"], 300, "/dev/stdin"), // a pipe named as a path
        (&["--jsonl", "-"], 300, "-"),
        (&["/dev/zero"], 0, "/dev/zero"), // endless
        (&["--jsonl", "/dev/zero"], 0, "/dev/zero"),
    ];
    for (args, mb, input) in cases {
        let args = [args, &["-o", "out"]].concat();
        let m = measured(dir.path(), &args, bytes_of(0, mb));
        assert_eq!(m.code, Some(1), "{args:?}: {}", m.stderr);
        let said = format!("{input}: binary file (NUL bytes), skipped");
        assert!(m.stderr.contains(&said), "{args:?}: {}", m.stderr);
        assert_bounded(&m, &format!("{} ({mb} MB fed)", args.join(" ")));
    }
}

#[test]
fn a_json_lines_stream_without_a_line_break_stops_at_the_line_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let m = measured(
        dir.path(),
        &["--jsonl", "-", "-o", "out"],
        bytes_of(b'a', 300),
    );
    assert_eq!(m.code, Some(1), "{}", m.stderr);
    assert!(
        m.stderr
            .contains("error: -:1: line longer than 16777216 bytes"),
        "{}",
        m.stderr
    );
    assert_bounded(&m, "300 MB with no line break as JSON Lines");
    assert!(!dir.path().join("out").join("graph.json").exists());
}

#[test]
fn text_on_standard_input_is_read_and_extracted_a_page_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An article, then 200 MB of blank lines: a long stream, cheap to extract.
    let feed = |w: &mut dyn Write| {
        let head = b"date 2025-06-17\n\nVladimir Putin met Kim Jong Un in Pyongyang on Tuesday.\n";
        if w.write_all(head).is_ok() {
            bytes_of(b'\n', 200)(w);
        }
    };
    let m = measured(dir.path(), &["-", "-f", "json", "-o", "out"], feed);
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    assert_bounded(&m, "200 MB of text on standard input");
    let graph = std::fs::read_to_string(dir.path().join("out/graph.json")).expect("graph");
    assert!(graph.contains("Vladimir Putin met Kim Jong Un in Pyongyang on Tuesday."));
}
