//! Peak resident memory of a child run, from `wait4` (shared by the tests
//! and the throughput bench). A child's `ru_maxrss` counts what its parent
//! held when it forked: measure from a process that holds little.

use std::process::Command;

/// Runs `cmd` to its end and returns its peak resident memory in KiB;
/// panics naming the command if it cannot start or does not exit with 0.
// The child is reaped by `wait4`, which gives its resource usage; `wait()`
// would not.
#[allow(clippy::zombie_processes)]
pub fn peak_kib(cmd: &mut Command) -> u64 {
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?} does not start: {e}"));
    let pid = child.id() as i32;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to live locals.
    let done = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(done, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    usage.ru_maxrss as u64
}
