//! The built binary with its standard input fed by a thread of the test.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

/// A running `ergraph`, the thread feeding its standard input and the one
/// collecting its stderr.
pub struct Fed {
    pub child: Child,
    pub feeder: JoinHandle<()>,
    pub stderr: JoinHandle<String>,
}

/// Starts `ergraph ARGS` in `dir` (stdout discarded) with `feed` writing
/// its standard input; the pipe closes when `feed` returns. ergraph may stop
/// reading early, so `feed` should take a failed write as the end.
pub fn spawn_fed(
    dir: &Path,
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) + Send + 'static,
) -> Fed {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ergraph");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut err = child.stderr.take().expect("piped stderr");
    Fed {
        child,
        feeder: std::thread::spawn(move || feed(&mut stdin)),
        stderr: std::thread::spawn(move || {
            let mut s = String::new();
            err.read_to_string(&mut s).ok();
            s
        }),
    }
}
