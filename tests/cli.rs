//! The built binary (`CARGO_BIN_EXE_ergraph`) run in temp dirs: exit codes
//! (0 done, 1 runtime error, 2 usage), the stderr summary and warnings,
//! `--format`, `--stdout` (and a closed stdout pipe), `--lexicon` (its errors'
//! places, an added person), skipped inputs (binary, empty, missing, invalid
//! UTF-8), `--strict`, and output directories that cannot be written.
//!
//! A failing case prints the command, its status, stdout and stderr in full.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// A small article that gives a graph: two people meeting in a capital.
const ARTICLE: &str = "date 2025-06-17\n\
Putin meets Kim in Pyongyang\n\
\n\
Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday, \
state media reported.\n";

/// What one run of the binary did.
struct Outcome {
    command: String,
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}--- end ---",
            self.command, self.status, self.stdout, self.stderr
        )
    }
}

impl Outcome {
    /// Fails the test with `why` and everything the run said.
    #[track_caller]
    fn fail(&self, why: &str) -> ! {
        panic!("{why}\n{self}")
    }

    /// Asserts the exit code.
    #[track_caller]
    fn code(&self, expected: i32) -> &Outcome {
        if self.status.code() != Some(expected) {
            self.fail(&format!("expected exit code {expected}"));
        }
        self
    }

    /// Asserts that stderr holds `needle`.
    #[track_caller]
    fn stderr_has(&self, needle: &str) -> &Outcome {
        if !self.stderr.contains(needle) {
            self.fail(&format!("expected stderr to contain {needle:?}"));
        }
        self
    }

    /// Asserts that stderr does not hold `needle`.
    #[track_caller]
    fn stderr_lacks(&self, needle: &str) -> &Outcome {
        if self.stderr.contains(needle) {
            self.fail(&format!("expected stderr not to contain {needle:?}"));
        }
        self
    }

    /// Asserts that stdout holds `needle`.
    #[track_caller]
    fn stdout_has(&self, needle: &str) -> &Outcome {
        if !self.stdout.contains(needle) {
            self.fail(&format!("expected stdout to contain {needle:?}"));
        }
        self
    }

    /// Asserts a condition about this run.
    #[track_caller]
    fn check(&self, ok: bool, why: &str) -> &Outcome {
        if !ok {
            self.fail(why);
        }
        self
    }

    /// The summary line (`ergraph: N documents, …`), or a failure.
    #[track_caller]
    fn summary(&self) -> &str {
        self.stderr
            .lines()
            .find(|l| l.starts_with("ergraph: ") && l.contains(" documents, "))
            .unwrap_or_else(|| self.fail("expected a summary line on stderr"))
    }

    /// Asserts that the summary line holds `needle`.
    #[track_caller]
    fn summary_has(&self, needle: &str) -> &Outcome {
        if !self.summary().contains(needle) {
            self.fail(&format!("expected the summary line to contain {needle:?}"));
        }
        self
    }
}

/// A temp dir to run in, with helpers to put inputs into it.
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

    /// Writes `bytes` to `rel` (parents made as needed).
    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Sandbox {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("make parent dir");
        }
        std::fs::write(&path, bytes).expect("write input file");
        self
    }

    /// `ergraph ARGS…` with the sandbox as working directory.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergraph"));
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    /// Runs `ergraph ARGS…` here.
    #[track_caller]
    fn run(&self, args: &[&str]) -> Outcome {
        let mut cmd = self.cmd(args);
        let command = format!(
            "(cd {} && ergraph {})",
            self.dir.path().display(),
            args.join(" ")
        );
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {command}: {e}"));
        Outcome {
            command,
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Sorted names of the entries of `rel`; empty when it does not exist.
    fn listing(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = match std::fs::read_dir(self.path(rel)) {
            Ok(entries) => entries
                .map(|e| {
                    e.expect("dir entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }
}

fn exports() -> Vec<String> {
    ["graph.dot", "graph.graphml", "graph.json"]
        .map(String::from)
        .to_vec()
}

#[track_caller]
fn json_file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn node_ids(graph: &serde_json::Value) -> Vec<String> {
    graph["nodes"]
        .as_array()
        .map(|ns| {
            ns.iter()
                .filter_map(|n| n["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------- usage

#[test]
fn help_exits_0_and_shows_examples() {
    Sandbox::new()
        .run(&["--help"])
        .code(0)
        .stdout_has("Examples")
        .stdout_has("--stdout");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    Sandbox::new()
        .run(&["--no-such-flag"])
        .code(2)
        .stderr_has("--no-such-flag");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "-o", "out", "-f", "bogus"])
        .code(2)
        .stderr_has("bogus");
    assert!(sb.listing("out").is_empty(), "a usage error writes nothing");
}

#[test]
fn unknown_stdout_format_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "--stdout", "yaml"])
        .code(2)
        .stderr_has("yaml");
}

// ---------------------------------------------------------------- a good run

#[test]
fn one_article_writes_three_files_and_a_summary() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    let out = sb.run(&["in", "-o", "out"]);
    out.code(0)
        .summary_has("1 documents, ")
        .summary_has("0 skipped")
        .summary_has("; wrote ")
        .stderr_lacks("warning:")
        .check(
            out.stdout.is_empty(),
            "stdout carries only --stdout exports",
        );
    let summary = out.summary();
    out.check(
        summary.starts_with("ergraph: 1 documents, ")
            && summary.contains(" entities, ")
            && summary.contains(" relations, "),
        "summary reads `ergraph: N documents, N entities, N relations, N skipped; wrote …`",
    );
    assert_eq!(sb.listing("out"), exports(), "{out}");
    for name in exports() {
        out.check(
            summary.contains(&name),
            &format!("summary names the written file {name}"),
        );
    }
    let graph = json_file(&sb.path("out/graph.json"));
    let ids = node_ids(&graph);
    out.check(
        ids.iter().any(|id| id == "person:vladimir-putin")
            && ids.iter().any(|id| id == "person:kim-jong-un"),
        &format!("the article's people are nodes; nodes are {ids:?}"),
    );
}

#[test]
fn quiet_prints_nothing() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("in/empty.txt", "");
    let out = sb.run(&["in", "-o", "out", "-q"]);
    out.code(0)
        .check(out.stderr.is_empty(), "-q prints no summary or warnings");
    assert_eq!(sb.listing("out"), exports(), "{out}");
}

#[test]
fn format_json_writes_only_graph_json() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    let out = sb.run(&["in", "-o", "out", "-f", "json"]);
    out.code(0).summary_has("graph.json");
    assert_eq!(sb.listing("out"), vec!["graph.json".to_string()], "{out}");
}

#[test]
fn format_list_is_comma_separated() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    let out = sb.run(&["in", "-o", "out", "-f", "json,dot"]);
    out.code(0);
    assert_eq!(
        sb.listing("out"),
        vec!["graph.dot".to_string(), "graph.json".to_string()],
        "{out}"
    );
}

#[test]
fn stdout_json_is_valid_json_and_writes_no_files() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    // -o with --stdout is a usage error (tests/cli_usage.rs): no out dir at all.
    let out = sb.run(&["in", "--stdout", "json"]);
    out.code(0).summary_has("1 documents");
    let graph: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| out.fail(&format!("stdout is not JSON: {e}")));
    out.check(
        graph["nodes"].as_array().is_some_and(|n| !n.is_empty()),
        "the JSON on stdout has nodes",
    );
    out.check(
        !sb.path("out").exists(),
        &format!(
            "--stdout writes nothing to the out dir; it holds {:?}",
            sb.listing("out")
        ),
    );
}

#[test]
fn closed_stdout_pipe_ends_quietly_with_0() {
    // Enough documents that the DOT export is far bigger than a pipe buffer,
    // so the binary is still writing when the reader goes away.
    let sb = Sandbox::new();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seed_files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("read seeds/")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seed_files.sort();
    for copy in 0..30 {
        for seed in &seed_files {
            let name = seed.file_name().expect("file name").to_string_lossy();
            sb.file(
                &format!("in/{copy:02}_{name}"),
                std::fs::read(seed).expect("read seed"),
            );
        }
    }
    let args = ["in", "--stdout", "dot", "--max-evidence", "1000"];
    let mut child = sb
        .cmd(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ergraph");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut head = [0u8; 16];
    stdout
        .read_exact(&mut head)
        .expect("read the first bytes of the DOT");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let status = child.wait().expect("wait for ergraph");
    let out = Outcome {
        command: format!(
            "(cd {} && ergraph {} | head -c 16)",
            sb.dir.path().display(),
            args.join(" ")
        ),
        status,
        stdout: String::from_utf8_lossy(&head).into_owned(),
        stderr,
    };
    out.code(0)
        .stderr_lacks("error")
        .stderr_lacks("panicked")
        .check(
            out.stdout.contains("digraph"),
            "the DOT starts with its graph",
        );
}

// ---------------------------------------------------------------- lexicon

#[test]
fn bad_lexicon_exits_1_naming_its_line() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .file("bad.toml", "[[entity]]\nid = \"person:a\"\nkind = \n");
    let out = sb.run(&["in", "-o", "out", "--lexicon", "bad.toml"]);
    out.code(1).stderr_has("ergraph: error: bad.toml:3:");
    assert!(
        sb.listing("out").iter().all(|n| !n.starts_with("graph.")),
        "{out}"
    );
}

#[test]
fn lexicon_unknown_field_exits_1_naming_its_line() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file(
        "extra.toml",
        "[[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin\"\nnickname = \"PJ\"\n",
    );
    sb.run(&["in", "-o", "out", "--lexicon", "extra.toml"])
        .code(1)
        .stderr_has("ergraph: error: extra.toml:5:")
        .stderr_has("nickname");
}

#[test]
fn lexicon_alias_with_two_owners_exits_1_naming_both() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file(
        "extra.toml",
        "[[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin\"\naliases = [\"Park\"]\n\n\
         [[entity]]\nid = \"person:park-min\"\nkind = \"person\"\nlabel = \"Park Min\"\naliases = [\"Park\"]\n",
    );
    sb.run(&["in", "-o", "out", "--lexicon", "extra.toml"])
        .code(1)
        .stderr_has("ergraph: error: extra.toml:")
        .stderr_has("person:park-jin")
        .stderr_has("person:park-min")
        .stderr_has("\"Park\"");
}

#[test]
fn lexicon_file_that_does_not_exist_exits_1_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "-o", "out", "--lexicon", "nope.toml"])
        .code(1)
        .stderr_has("ergraph: error: nope.toml");
}

#[test]
fn lexicon_adds_a_person() {
    let sb = Sandbox::new();
    sb.file(
        "in/a.txt",
        "date 2025-06-17\nPark meets Shoigu\n\nSouth Korean envoy Park Jin met Sergei Shoigu in Seoul on Tuesday.\n",
    )
    .file(
        "extra.toml",
        "[[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin\"\naliases = [\"Park\"]\n",
    );
    let out = sb.run(&["in", "-o", "out", "--lexicon", "extra.toml"]);
    out.code(0).summary_has("1 documents");
    let graph = json_file(&sb.path("out/graph.json"));
    let park = graph["nodes"]
        .as_array()
        .and_then(|ns| ns.iter().find(|n| n["id"] == "person:park-jin"))
        .unwrap_or_else(|| {
            out.fail(&format!(
                "no node person:park-jin among {:?}",
                node_ids(&graph)
            ))
        });
    out.check(park["label"] == "Park Jin", &format!("label of {park}"))
        .check(park["kind"] == "person", &format!("kind of {park}"));
}

// ---------------------------------------------------------------- skipped input

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file(
        "in/blob.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00binary\x00stuff",
    );
    let out = sb.run(&["in", "-o", "out"]);
    out.code(0)
        .stderr_has("ergraph: warning: in/blob.txt:")
        .summary_has("1 documents")
        .summary_has("1 skipped");
    assert_eq!(sb.listing("out"), exports(), "{out}");
}

#[test]
fn empty_file_is_skipped_with_a_warning() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("in/empty.txt", "");
    sb.run(&["in", "-o", "out"])
        .code(0)
        .stderr_has("ergraph: warning: in/empty.txt:")
        .summary_has("1 documents")
        .summary_has("1 skipped");
}

#[test]
fn binary_and_empty_files_are_both_skipped() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .file("in/blob.txt", b"\x00\x01\x02\x03binary")
        .file("in/empty.txt", "");
    let out = sb.run(&["in", "-o", "out"]);
    out.code(0)
        .stderr_has("ergraph: warning: in/blob.txt:")
        .stderr_has("ergraph: warning: in/empty.txt:")
        .summary_has("1 documents")
        .summary_has("2 skipped");
    assert_eq!(sb.listing("out"), exports(), "{out}");
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_and_still_read() {
    let sb = Sandbox::new();
    let mut bytes = ARTICLE.as_bytes().to_vec();
    let at = ARTICLE.find("state media").expect("marker in ARTICLE");
    bytes.insert(at, 0xff);
    sb.file("in/a.txt", &bytes);
    let out = sb.run(&["in", "-o", "out"]);
    out.code(0)
        .stderr_has(&format!(
            "ergraph: warning: in/a.txt: invalid UTF-8 at byte {at}"
        ))
        .summary_has("1 documents")
        .summary_has("0 skipped");
    let graph = json_file(&sb.path("out/graph.json"));
    let ids = node_ids(&graph);
    out.check(
        ids.iter().any(|id| id == "person:kim-jong-un"),
        &format!("the repaired file still yields its graph; nodes are {ids:?}"),
    );
}

#[test]
fn missing_path_is_skipped_with_a_warning_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "nope.txt", "-o", "out"])
        .code(0)
        .stderr_has("ergraph: warning: nope.txt:")
        .summary_has("1 documents")
        .summary_has("1 skipped");
}

#[test]
fn strict_with_a_binary_file_exits_1_and_writes_nothing() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE)
        .file("in/blob.txt", b"\x00\x01\x02\x03binary");
    let out = sb.run(&["in", "-o", "out", "--strict"]);
    out.code(1)
        .stderr_has("ergraph: error: in/blob.txt:")
        .stderr_has("--strict");
    assert!(
        sb.listing("out").is_empty(),
        "nothing may be written:\n{out}\nout/ holds {:?}",
        sb.listing("out")
    );
}

#[test]
fn strict_without_problems_exits_0() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    let out = sb.run(&["in", "-o", "out", "--strict"]);
    out.code(0).summary_has("0 skipped");
    assert_eq!(sb.listing("out"), exports(), "{out}");
}

// ---------------------------------------------------------------- output dir

#[test]
fn out_dir_that_is_a_file_exits_1_before_any_work() {
    let sb = Sandbox::new();
    // The missing input would warn and the bad lexicon would fail: neither
    // may be reached when the output directory is checked first.
    sb.file("in/a.txt", ARTICLE)
        .file("taken", "a regular file")
        .file("bad.toml", "[[entity]]\nid = \"person:a\"\nkind = \n");
    let out = sb.run(&["in", "nope.txt", "-o", "taken", "--lexicon", "bad.toml"]);
    out.code(1)
        .stderr_has("ergraph: error: taken")
        .stderr_lacks("warning")
        .stderr_lacks("bad.toml");
    assert_eq!(
        std::fs::read_to_string(sb.path("taken")).expect("read taken"),
        "a regular file"
    );
}

#[test]
fn out_dir_under_a_file_exits_1_naming_it() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE).file("taken", "a regular file");
    sb.run(&["in", "-o", "taken/graphs"])
        .code(1)
        .stderr_has("ergraph: error: taken/graphs");
}

#[test]
fn failed_run_leaves_the_last_good_graph_intact() {
    let sb = Sandbox::new();
    sb.file("in/a.txt", ARTICLE);
    sb.run(&["in", "-o", "out"]).code(0);
    let before: Vec<Vec<u8>> = exports()
        .iter()
        .map(|n| std::fs::read(sb.path("out").join(n)).expect("read good export"))
        .collect();

    sb.file(
        "in/b.txt",
        "date 2025-06-18\nShoigu visits Seoul\n\nSergei Shoigu met officials in Seoul.\n",
    )
    .file("in/blob.txt", b"\x00\x01\x02\x03binary");
    let out = sb.run(&["in", "-o", "out", "--strict"]);
    out.code(1);
    assert_eq!(
        sb.listing("out"),
        exports(),
        "no stray files after a failure\n{out}"
    );
    for (name, old) in exports().iter().zip(&before) {
        let now = std::fs::read(sb.path("out").join(name)).expect("read export");
        out.check(
            &now == old,
            &format!("out/{name} changed although the run failed"),
        );
    }

    let bad = sb.file("bad.toml", "[[entity]]\nid = \"person:a\"\nkind = \n");
    let out = bad.run(&["in", "-o", "out", "--lexicon", "bad.toml"]);
    out.code(1);
    for (name, old) in exports().iter().zip(&before) {
        let now = std::fs::read(sb.path("out").join(name)).expect("read export");
        out.check(
            &now == old,
            &format!("out/{name} changed although the run failed"),
        );
    }
}

// ---------------------------------------------------------------- evidence spans

/// Runs `ergraph FILE --stdout json` and checks that every evidence
/// `start..end` slices FILE's bytes to exactly the evidence text; returns how
/// many spans were checked.
#[track_caller]
fn check_evidence_spans(sb: &Sandbox, file: &str) -> usize {
    let out = sb.run(&[file, "--stdout", "json"]);
    out.code(0);
    let graph: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| out.fail(&format!("stdout is not JSON: {e}")));
    let bytes = std::fs::read(sb.path(file)).expect("read input");
    let mut checked = 0;
    for link in graph["links"].as_array().into_iter().flatten() {
        for ev in link["evidence"].as_array().into_iter().flatten() {
            let (start, end) = (
                ev["start"].as_u64().unwrap_or(u64::MAX) as usize,
                ev["end"].as_u64().unwrap_or(u64::MAX) as usize,
            );
            let text = ev["text"].as_str().unwrap_or_default();
            let slice = bytes.get(start..end).map(String::from_utf8_lossy);
            out.check(
                slice.as_deref() == Some(text),
                &format!("evidence {start}..{end} of {file} is {slice:?} in the file but {text:?} in the graph"),
            );
            checked += 1;
        }
    }
    out.check(checked > 0, "expected at least one evidence span");
    checked
}

const MEETING: &str = "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday.\n";

#[test]
fn evidence_spans_slice_a_plain_file() {
    let sb = Sandbox::new();
    sb.file("a.txt", format!("Intro text.\n\n{MEETING}"));
    check_evidence_spans(&sb, "a.txt");
}

#[test]
fn evidence_spans_slice_a_file_with_a_bom() {
    let sb = Sandbox::new();
    sb.file("a.txt", format!("\u{feff}{MEETING}"));
    check_evidence_spans(&sb, "a.txt");
}

#[test]

fn evidence_spans_after_invalid_utf8_slice_the_original_file() {
    let sb = Sandbox::new();
    let mut bytes = b"Intro \xff text here.\n\n".to_vec();
    bytes.extend_from_slice(MEETING.as_bytes());
    sb.file("a.txt", bytes);
    check_evidence_spans(&sb, "a.txt");
}

#[test]

fn strict_accepts_repaired_input() {
    let sb = Sandbox::new();
    let mut bytes = b"Intro \xff text here.\n\n".to_vec();
    bytes.extend_from_slice(MEETING.as_bytes());
    sb.file("in/a.txt", bytes);
    let out = sb.run(&["in", "-o", "out", "--strict"]);
    out.code(0)
        .stderr_has("ergraph: warning: in/a.txt: invalid UTF-8 at byte 6")
        .summary_has("0 skipped");
    assert_eq!(sb.listing("out"), exports(), "{out}");
}
