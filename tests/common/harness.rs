//! The test harness of the test files whose tests need something outside
//! the repository (Graphviz, xmllint and the schemas, networkx, Node and the
//! npm packages of `tests/js`, Chromium, strace, the dev sets).
//!
//! Cargo captures what a passing test prints, so a test that returned early
//! with `skipped: install X` looked like any other `ok`. Such files set
//! `harness = false` in Cargo.toml and end in [`run`]: each test names what
//! it needs, and one that needs something missing here is registered as
//! *ignored*, so `cargo test` prints `test NAME ... ignored` and counts it in
//! its closing line, cargo-nextest lists it as skipped, and the file first
//! prints what to install for each (on stderr, which cargo does not capture
//! for such files). Under `ERGRAPH_REQUIRE_READERS=1` nothing is ignored: the
//! test runs and its first missing reader fails it. A reader a test finds
//! missing that it did not declare (`require_tool` and friends inside the
//! body) makes it `ignored (install X)` at run time rather than passing.
//!
//! A `#[test]` function in such a file would never run (rustc compiles
//! `#[test]` out without the built-in harness), so [`run`] adds a test that
//! fails when the file holds one.

use super::{find_on_path, readers_required};
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use std::cell::RefCell;
use std::panic::Location;
use std::path::Path;
use std::process::Command;

/// Something a test needs from outside the repository.
#[derive(Clone, Copy, Debug)]
pub enum Need {
    /// A program on `PATH`, and the package that brings it.
    Tool(&'static str, &'static str),
    /// A module python3 can import, and how to install it.
    Python(&'static str, &'static str),
    /// An environment variable naming a directory.
    Dir(&'static str),
    /// Node and the npm packages of `tests/js`.
    Js,
    /// A condition of the machine that a check decides (what, check).
    Check(&'static str, fn() -> bool),
}

/// Graphviz's `dot`.
pub const DOT: Need = Need::Tool("dot", "graphviz");
/// Graphviz's `gvpr`.
pub const GVPR: Need = Need::Tool("gvpr", "graphviz");
/// Graphviz's `sfdp`.
pub const SFDP: Need = Need::Tool("sfdp", "graphviz");
/// libxml2's `xmllint`.
pub const XMLLINT: Need = Need::Tool("xmllint", "libxml2-utils");
/// The GraphML and GEXF schemas (`../shared/schemas`).
pub const SCHEMAS: Need = Need::Dir("ERGRAPH_SCHEMAS");
/// networkx 3.4 or later.
pub const NETWORKX: Need = Need::Python("networkx", "pip install \"networkx>=3.4\"");
/// python3 itself.
pub const PYTHON: Need = Need::Tool("python3", "python3");
/// Headless Chromium.
pub const CHROMIUM: Need = Need::Tool("chromium", "chromium");
/// graphology-gexf, Cytoscape.js and playwright-core under Node.
pub const JS: Need = Need::Js;

impl Need {
    /// Why this is missing here, or `None` when it is present.
    pub fn missing(&self) -> Option<String> {
        match *self {
            Need::Tool(name, package) => find_on_path(name)
                .is_none()
                .then(|| format!("install {package} (no '{name}' on PATH)")),
            Need::Python(module, how) => {
                let Some(python) = find_on_path("python3") else {
                    return Some("install python3".to_string());
                };
                let ok = Command::new(python)
                    .args(["-c", &format!("import {module}")])
                    .output()
                    .is_ok_and(|o| o.status.success());
                (!ok).then(|| format!("{how} (python3 cannot import {module})"))
            }
            Need::Dir(var) => match std::env::var_os(var) {
                Some(v) if Path::new(&v).is_dir() => None,
                Some(v) => Some(format!("set {var} ({v:?} is not a directory)")),
                None => Some(format!("set {var}")),
            },
            Need::Js => {
                if find_on_path("node").is_none() {
                    return Some("install nodejs (no 'node' on PATH)".to_string());
                }
                (!super::js_readers_installed()).then(|| "npm ci --prefix tests/js".to_string())
            }
            Need::Check(what, check) => (!check()).then(|| what.to_string()),
        }
    }
}

/// One test of a file: its name, what it needs, its body.
pub struct Test {
    name: &'static str,
    needs: Vec<Need>,
    body: fn(),
}

/// A test that needs nothing from outside.
pub fn test(name: &'static str, body: fn()) -> Test {
    Test {
        name,
        needs: Vec::new(),
        body,
    }
}

impl Test {
    /// The same test, needing `needs` too.
    pub fn needs(mut self, needs: &[Need]) -> Self {
        self.needs.extend_from_slice(needs);
        self
    }
}

thread_local! {
    /// What `skip` was told while the current test ran.
    static SKIPPED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Notes that the running test skipped part of its work (see `common::skip`).
pub fn note_skip(what: &str) {
    SKIPPED.with(|s| s.borrow_mut().push(what.to_string()));
}

/// What `skip` was told since the last call (and forgets it).
pub fn take_skips() -> Vec<String> {
    SKIPPED.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

fn run_body(body: fn()) -> Result<Completion, Failed> {
    take_skips();
    match std::panic::catch_unwind(body) {
        Ok(()) => {
            let skipped = take_skips();
            if skipped.is_empty() {
                Ok(Completion::Completed)
            } else {
                Ok(Completion::ignored_with(skipped.join("; ")))
            }
        }
        Err(payload) => {
            take_skips();
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "the test panicked".to_string());
            Err(Failed::from(msg))
        }
    }
}

/// The lines of `source` that put `#[test]` on a function.
pub fn test_attributes(source: &str) -> Vec<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("#[test]"))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Runs the tests of the calling file and exits with libtest's code.
#[track_caller]
pub fn run(tests: Vec<Test>) -> ! {
    let file = Location::caller().file();
    let args = Arguments::from_args();
    let required = readers_required();
    let mut report = Vec::new();
    let mut trials = Vec::new();
    for t in tests {
        let mut missing: Vec<String> = Vec::new();
        if !required {
            for need in &t.needs {
                if let Some(why) = need.missing()
                    && !missing.contains(&why)
                {
                    missing.push(why);
                }
            }
        }
        let ignored = !missing.is_empty();
        if ignored && !args.is_filtered_out(&Trial::test(t.name, || Ok(()))) {
            report.push(format!("  {}: {}", t.name, missing.join("; ")));
        }
        let body = t.body;
        trials
            .push(Trial::ignorable_test(t.name, move || run_body(body)).with_ignored_flag(ignored));
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    trials.push(Trial::test("harness_registers_every_test", move || {
        let text =
            std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
        let lines = test_attributes(&text);
        if lines.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} runs without the built-in harness, so its #[test] functions never run \
                 (lines {lines:?}): drop the attribute and list the function in its main()",
                source.display()
            )
            .into())
        }
    }));
    if !report.is_empty() && !args.list {
        eprintln!(
            "{} test(s) of {file} are ignored here, as something they need is missing \
             (ERGRAPH_REQUIRE_READERS=1 makes them fail instead; .ci/run installs everything):",
            report.len()
        );
        for line in &report {
            eprintln!("{line}");
        }
    }
    libtest_mimic::run(&args, trials).exit()
}
