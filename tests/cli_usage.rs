//! The command line as its users meet it (issue 14, points 3 and 8), run as
//! the built binary in temp dirs: a directory with nothing to read names what
//! it ignored; `.TXT` and `.text` are text; no argument and no `seeds/` is a
//! usage error that creates nothing; flags that would be silently ignored are
//! usage errors; shell completions loaded by the real shells; the manual
//! page rendered by groff (and mandoc when installed); `--color`; the release
//! profile without debug info.
//!
//! A failing case prints the command, its status, stdout and stderr in full.

mod common;

use common::harness::{self, test};

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A small article that gives a graph: two people meeting in a capital.
const ARTICLE: &str = "Putin meets Kim in Pyongyang\n\n\
Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday.\n";

/// What one run said.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    shown: String,
}

impl Ran {
    #[track_caller]
    fn code(&self, expected: i32) -> &Ran {
        assert_eq!(self.code, Some(expected), "exit code\n{}", self.shown);
        self
    }

    #[track_caller]
    fn stderr_has(&self, needle: &str) -> &Ran {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.shown
        );
        self
    }

    #[track_caller]
    fn stderr_lacks(&self, needle: &str) -> &Ran {
        assert!(
            !self.stderr.contains(needle),
            "stderr holds {needle:?}\n{}",
            self.shown
        );
        self
    }
}

fn shown(what: &str, out: &Output) -> String {
    format!(
        "command: {what}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}--- end ---",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `ergraph ARGS…` in `dir`, stdin empty, stdout and stderr pipes, with no
/// colour variable from the caller's environment.
fn ergraph_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergraph"));
    cmd.current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run ergraph");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        shown: shown(&format!("(cd {} && ergraph {args:?})", dir.display()), &out),
    }
}

fn ergraph(dir: &Path, args: &[&str]) -> Ran {
    ergraph_env(dir, args, &[])
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Sorted names in `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ------------------------------------------------- inputs that explain themselves

fn a_directory_without_text_names_what_it_ignored_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.pdf", "%PDF-1.7");
    write(dir.path(), "articles/b.docx", "PK");
    write(dir.path(), "articles/.DS_Store", "x");
    write(dir.path(), "articles/sub/notes", "x");
    ergraph(dir.path(), &["articles"])
        .code(1)
        .stderr_has(
            "articles: no .txt, .text, .html or .htm file to read; ignored 4 files \
             (1 .docx, 1 .pdf, 1 hidden, 1 without extension): .DS_Store, a.pdf, b.docx, sub/notes",
        )
        .stderr_has("a file named on the command line is read whatever its extension");
    assert_eq!(listing(dir.path()), ["articles"], "nothing is created");
    // Beside a directory that is read, it is a warning and a skipped input.
    write(dir.path(), "news/story.txt", ARTICLE);
    ergraph(dir.path(), &["articles", "news", "-f", "json"])
        .code(0)
        .stderr_has(
            "warning: articles: no .txt, .text, .html or .htm file to read; ignored 4 files",
        )
        .stderr_has("1 documents, ")
        .stderr_has(" 1 skipped; ");
    // --strict refuses it.
    ergraph(
        dir.path(),
        &["articles", "news", "--strict", "-o", "strict"],
    )
    .code(1)
    .stderr_has("articles: no .txt, .text, .html or .htm file to read");
}

fn upper_case_and_dot_text_extensions_are_read_and_the_rest_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", ARTICLE);
    write(
        dir.path(),
        "articles/B.TXT",
        ARTICLE.replace("Tuesday", "Monday"),
    );
    write(
        dir.path(),
        "articles/c.text",
        ARTICLE.replace("Tuesday", "Friday"),
    );
    for i in 0..40 {
        write(dir.path(), &format!("articles/scan{i:02}.pdf"), "%PDF");
    }
    write(dir.path(), "articles/notes.md", "# x");
    let ran = ergraph(dir.path(), &["articles", "-f", "json"]);
    ran.code(0)
        .stderr_has("3 documents, ")
        .stderr_has(
            "warning: articles: 3 .txt, .text, .html or .htm files found; ignored 41 other files (40 .pdf, 1 .md)",
        )
        .stderr_lacks("scan00.pdf");
    assert_eq!(
        ran.stderr.lines().count(),
        2,
        "one warning, one summary\n{}",
        ran.shown
    );
}

fn no_argument_outside_a_checkout_prints_usage_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &[][..],
        &["-q"],
        &["-f", "json"],
        &["entities"],
        &["extract", "--partial", "p.json"],
    ] {
        ergraph(dir.path(), args)
            .code(2)
            .stderr_has("nothing to read: name files or directories (or --jsonl FILE)")
            .stderr_has("Usage: ergraph")
            .stderr_lacks("no document could be read");
        assert!(
            listing(dir.path()).is_empty(),
            "{args:?} created {:?}",
            listing(dir.path())
        );
    }
    ergraph(dir.path(), &["entities"]).stderr_has("Usage: ergraph entities");
    // With seeds/ in the working directory the default still reads it.
    write(dir.path(), "seeds/a.txt", ARTICLE);
    ergraph(dir.path(), &["-f", "json"]).code(0);
    assert!(dir.path().join("out/graph.json").is_file());
}

fn flags_that_would_be_ignored_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    let cases: &[(&[&str], &str)] = &[
        (
            &["a.txt", "--stdout", "json", "-o", "x"],
            "'--stdout <FORMAT>' cannot be used with '--out <DIR>'",
        ),
        (
            &["a.txt", "-o", "x", "--stdout", "json"],
            "cannot be used with",
        ),
        (
            &["a.txt", "--stdout", "dot", "-f", "json"],
            "'--stdout <FORMAT>' cannot be used with '--format <FORMAT>'",
        ),
        (
            &["merge", "p.json", "--stdout", "json", "-o", "x"],
            "cannot be used with '--out <DIR>'",
        ),
        (
            &[
                "a.txt",
                "-f",
                "json,html",
                "-o",
                "x",
                "--dot-cluster",
                "kind",
            ],
            "--dot-cluster draws the DOT export only, and the formats written are json, html",
        ),
        (
            &["a.txt", "--stdout", "json", "--dot-cluster", "kind"],
            "--dot-cluster draws the DOT export only",
        ),
        (
            &[
                "a.txt", "-o", "x", "--since", "2025-07", "--until", "2025-06",
            ],
            "--since 2025-07-01 is after --until 2025-06-30",
        ),
        (
            &["relations", "a.txt", "--since", "2026", "--until", "2025"],
            "--since 2026-01-01 is after --until 2025-12-31",
        ),
        (
            &["-", "--jsonl", "-", "-o", "x"],
            "standard input is read once",
        ),
        (
            &["--jsonl", "-", "--jsonl", "-", "-o", "x"],
            "standard input is read once",
        ),
        (
            &["a.txt", "-o", "x", "--max-evidence", "0"],
            "0 is not in 1..",
        ),
        (
            &["entities", "a.txt", "--max-evidence", "2"],
            "`entities` prints none",
        ),
        (
            &["estimates", "a.txt", "--max-evidence", "2"],
            "`estimates` prints none",
        ),
    ];
    for (args, said) in cases {
        ergraph(dir.path(), args)
            .code(2)
            .stderr_has(said)
            .stderr_has("For more information, try '--help'.");
        assert_eq!(listing(dir.path()), ["a.txt"], "{args:?} wrote something");
    }
    // What still goes together.
    ergraph(
        dir.path(),
        &["a.txt", "--stdout", "dot", "--dot-cluster", "kind", "-q"],
    )
    .code(0);
    ergraph(
        dir.path(),
        &["relations", "a.txt", "--max-evidence", "2", "-q"],
    )
    .code(0);
    // --max-evidence is offered where evidence is printed, and only there.
    for (command, offered) in [
        ("relations", true),
        ("entities", false),
        ("estimates", false),
    ] {
        let help = ergraph(dir.path(), &[command, "--help"]);
        help.code(0);
        assert_eq!(
            help.stdout.contains("--max-evidence"),
            offered,
            "{}",
            help.shown
        );
    }
    ergraph(
        dir.path(),
        &[
            "a.txt",
            "-f",
            "dot",
            "-o",
            "x",
            "--dot-cluster",
            "kind",
            "-q",
        ],
    )
    .code(0);
}

/// A file or directory named like a subcommand is read when given as `./NAME`.
fn a_directory_named_like_a_subcommand_is_read_as_dot_slash_name() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["man", "completions", "merge"] {
        write(dir.path(), &format!("{name}/a.txt"), ARTICLE);
        let ran = ergraph(dir.path(), &[&format!("./{name}"), "--stdout", "json"]);
        ran.code(0);
        assert!(ran.stdout.contains("\"Kim Jong Un\""), "{}", ran.shown);
    }
}

// ------------------------------------------------- completions and the manual page

/// Runs `SHELL ARGS -c "BEFORE; source SCRIPT; AFTER"` with ergraph's
/// completion script for that shell; its stdout, or `None` (skipped) when the
/// shell is not installed. The shell must succeed and say nothing on stderr.
fn with_completions(shell: &str, args: &[&str], before: &str, after: &str) -> Option<String> {
    let program = common::require_tool(shell)?;
    let dir = tempfile::tempdir().unwrap();
    let ran = ergraph(dir.path(), &["completions", shell]);
    ran.code(0);
    let script = dir.path().join(format!("ergraph.{shell}"));
    std::fs::write(&script, &ran.stdout).unwrap();
    let mut cmd = Command::new(program);
    cmd.args(args)
        .arg("-c")
        .arg(format!("{before}\nsource '{}'\n{after}", script.display()));
    let out = cmd.stdin(Stdio::null()).output().expect("run the shell");
    let said = shown(&format!("{cmd:?}"), &out);
    assert!(out.status.success(), "{said}");
    assert!(out.stderr.is_empty(), "the shell complained\n{said}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn bash_loads_the_completions_and_completes_subcommands_and_their_flags() {
    // _ergraph's arguments are the command, the word completed and the one before.
    let Some(said) = with_completions(
        "bash",
        &["--norc"],
        "",
        "complete -p ergraph\n\
         COMP_WORDS=(ergraph ex); COMP_CWORD=1; COMPREPLY=()\n\
         _ergraph ergraph ex ergraph\n\
         echo \"words: ${COMPREPLY[*]}\"\n\
         COMP_WORDS=(ergraph merge --st); COMP_CWORD=2; COMPREPLY=()\n\
         _ergraph ergraph --st merge\n\
         echo \"merge: ${COMPREPLY[*]}\"\n\
         COMP_WORDS=(ergraph completions ''); COMP_CWORD=2; COMPREPLY=()\n\
         _ergraph ergraph '' completions\n\
         echo \"shells: ${COMPREPLY[*]}\"\n",
    ) else {
        return;
    };
    assert!(
        said.lines()
            .any(|l| l.starts_with("complete ") && l.ends_with(" -F _ergraph ergraph")),
        "{said}"
    );
    let line = |prefix: &str| -> Vec<String> {
        said.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in {said}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let words = line("words: ");
    assert!(words.contains(&"extract".to_string()), "{said}");
    assert!(words.contains(&"explain".to_string()), "{said}");
    assert!(!words.contains(&"merge".to_string()), "{said}");
    assert_eq!(line("merge: "), ["--stdout"], "{said}");
    let shells = line("shells: ");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        assert!(shells.contains(&shell.to_string()), "{said}");
    }
}

fn zsh_loads_the_completions() {
    let Some(said) = with_completions(
        "zsh",
        &["-f"],
        "autoload -U compinit && compinit -u -D",
        "print -r -- \"function: $_comps[ergraph]\"",
    ) else {
        return;
    };
    assert!(said.contains("function: _ergraph"), "{said}");
}

fn fish_loads_the_completions_and_completes_subcommands() {
    let Some(said) = with_completions(
        "fish",
        &["--no-config"],
        "",
        "complete -C 'ergraph ex'; complete -C 'ergraph merge --st'",
    ) else {
        return;
    };
    let firsts: Vec<&str> = said
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    for want in ["extract", "explain", "--stdout"] {
        assert!(firsts.contains(&want), "{want} not completed\n{said}");
    }
}

/// Runs `PROGRAM ARGS PAGE`: its output, and all of it as a failure shows it.
fn read_page(program: &Path, args: &[&str], page: &Path) -> (Output, String) {
    let out = Command::new(program)
        .args(args)
        .arg(page)
        .output()
        .expect("run the reader");
    let command = format!(
        "{} {} {}",
        program.display(),
        args.join(" "),
        page.display()
    );
    let said = shown(&command, &out);
    (out, said)
}

/// The page rendered by groff with every warning on, and by mandoc's linter
/// when installed: no warning, and it names every subcommand and flag.
#[track_caller]
fn check_page(page: &Path) -> String {
    let text = std::fs::read_to_string(page).expect("read page");
    let Some(groff) = common::require_tool("groff") else {
        return text;
    };
    let (out, said) = read_page(&groff, &["-man", "-Tutf8", "-ww", "-b"], page);
    assert!(out.status.success(), "{said}");
    assert!(out.stderr.is_empty(), "groff warned\n{said}");
    if let Some(mandoc) = common::require_tool("mandoc") {
        let (out, said) = read_page(&mandoc, &["-T", "lint", "-W", "warning"], page);
        // clap_mangen leaves the .TH date empty, so mandoc reads the source
        // (`ergraph 0.1.0`) as the date; every other warning fails.
        let other: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .chain(String::from_utf8_lossy(&out.stderr).lines())
            .filter(|l| !l.contains("WARNING: cannot parse date, using it verbatim: TH "))
            .map(String::from)
            .collect();
        assert!(other.is_empty(), "{said}");
    }
    // grotty draws bold and underline by overstriking: `c\bc`, `_\bc`.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    text
}

fn the_manual_page_renders_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let ran = ergraph(dir.path(), &["man"]);
    ran.code(0);
    let page = dir.path().join("ergraph.1");
    std::fs::write(&page, &ran.stdout).unwrap();
    assert!(
        ran.stdout.starts_with(".ie \\n(.g .ds Aq") || ran.stdout.contains(".TH ergraph 1"),
        "{}",
        ran.shown
    );
    let rendered = check_page(&page);
    for word in [
        "ergraph",
        "--stdout",
        "--color",
        "completions",
        "explain",
        "merge",
    ] {
        assert!(
            rendered.contains(word),
            "{word} not in the page\n{rendered}"
        );
    }
    // man(1) itself reads it.
    if let Some(man) = common::require_tool("man") {
        let out = Command::new(man)
            .arg("-l")
            .arg(&page)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .expect("run man");
        let said = shown("man -l ergraph.1", &out);
        assert!(out.status.success(), "{said}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("--stdout"),
            "{said}"
        );
    }
    // One page per command into a directory.
    let pages = dir.path().join("man1");
    ergraph(dir.path(), &["man", "--dir", "man1"]).code(0);
    let names = listing(&pages);
    let subcommands = [
        "extract",
        "merge",
        "entities",
        "relations",
        "explain",
        "estimates",
        "completions",
        "man",
    ];
    let mut want: Vec<String> = subcommands
        .iter()
        .map(|s| format!("ergraph-{s}.1"))
        .collect();
    want.push("ergraph.1".to_string());
    want.sort();
    assert_eq!(names, want);
    for name in &names {
        let page = check_page(&pages.join(name));
        let title = format!("{}(1)", name.trim_end_matches(".1"));
        assert!(page.contains(&title), "{name}: no {title}\n{page}");
    }
    let merge = std::fs::read_to_string(pages.join("ergraph-merge.1")).unwrap();
    assert!(merge.contains(".TH ergraph-merge 1  \"ergraph "), "{merge}");
    assert!(merge.contains("PARTIALS"), "{merge}");
}

// ------------------------------------------------- colour

const ESC: &str = "\x1b[";

fn color_always_colours_a_pipe_and_never_and_auto_do_not() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    write(dir.path(), "e.txt", "");
    let error = ["missing.txt", "-o", "x"];
    let warning = ["a.txt", "e.txt", "--stdout", "json"];
    for args in [&error[..], &warning] {
        let with = |color: &[&str], env: &[(&str, &str)]| {
            let all: Vec<&str> = color.iter().chain(args.iter()).copied().collect();
            ergraph_env(dir.path(), &all, env)
        };
        with(&["--color", "always"], &[]).stderr_has(ESC);
        with(&["--color=always"], &[("NO_COLOR", "1")]).stderr_has(ESC);
        with(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).stderr_lacks(ESC);
        with(&["--color", "auto"], &[])
            .stderr_lacks(ESC)
            .stderr_has("ergraph: ");
        with(&[], &[]).stderr_lacks(ESC).stderr_has("ergraph: ");
        with(&[], &[("CLICOLOR_FORCE", "1")]).stderr_has(ESC);
        with(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).stderr_lacks(ESC);
    }
    // The error and warning words, not the messages, are coloured.
    ergraph_env(
        dir.path(),
        &["--color", "always", "a.txt", "e.txt", "--stdout", "json"],
        &[],
    )
    .stderr_has("warning:\x1b[0m")
    .stderr_has("e.txt: ");
    // clap's own usage errors follow it, after a subcommand too.
    for args in [
        &["--color", "always", "--bogus"][..],
        &["entities", "--bogus", "--color=always"],
    ] {
        ergraph(dir.path(), args)
            .code(2)
            .stderr_has(ESC)
            .stderr_has("--bogus");
    }
    for args in [
        &["--color", "never", "--bogus"][..],
        &["--bogus"],
        &["entities", "--bogus", "--color", "auto"],
    ] {
        ergraph(dir.path(), args)
            .code(2)
            .stderr_lacks(ESC)
            .stderr_has("--bogus");
    }
    ergraph(dir.path(), &["--color", "sometimes", "a.txt"])
        .code(2)
        .stderr_has("invalid value 'sometimes' for '--color <WHEN>'");
}

// ------------------------------------------------- the release binary

/// The release profile keeps no debug info (the profiling profile does),
/// and when this test runs against a release build, its binary has none.
fn the_release_binary_has_no_debug_info() {
    let manifest: toml::Value =
        toml::from_str(include_str!("../Cargo.toml")).expect("Cargo.toml is TOML");
    let profile = |name: &str| manifest["profile"][name].clone();
    assert_eq!(
        profile("release")["debug"].as_integer(),
        Some(0),
        "{manifest:#?}"
    );
    assert_eq!(profile("profiling")["inherits"].as_str(), Some("release"));
    assert_eq!(profile("profiling")["debug"].as_integer(), Some(1));
    // The release binary: this one under `cargo test --release`, else the
    // one a release build or `cargo install --path .` (as .ci/run does) left
    // in the same target folder.
    let tested = PathBuf::from(env!("CARGO_BIN_EXE_ergraph"));
    let profile_dir = tested.parent().expect("target/PROFILE/ergraph");
    let binary = if profile_dir.file_name().and_then(|n| n.to_str()) == Some("release") {
        tested.clone()
    } else {
        profile_dir.with_file_name("release").join("ergraph")
    };
    if !binary.is_file() {
        common::skip(&format!(
            "no release build at {} (run `cargo build --release` or test with --release)",
            binary.display()
        ));
        return;
    }
    let Some(readelf) = common::require_tool("readelf") else {
        return;
    };
    let out = Command::new(readelf)
        .args(["-S", "--wide"])
        .arg(&binary)
        .output()
        .expect("readelf");
    let sections = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", shown("readelf -S", &out));
    assert!(
        sections.contains(".symtab"),
        "function names stay for backtraces\n{sections}"
    );
    assert!(!sections.contains(".debug_info"), "{sections}");
}

fn main() {
    harness::run(vec![
        test(
            "a_directory_without_text_names_what_it_ignored_and_writes_nothing",
            a_directory_without_text_names_what_it_ignored_and_writes_nothing,
        ),
        test(
            "upper_case_and_dot_text_extensions_are_read_and_the_rest_counted_once",
            upper_case_and_dot_text_extensions_are_read_and_the_rest_counted_once,
        ),
        test(
            "no_argument_outside_a_checkout_prints_usage_and_creates_nothing",
            no_argument_outside_a_checkout_prints_usage_and_creates_nothing,
        ),
        test(
            "flags_that_would_be_ignored_are_usage_errors",
            flags_that_would_be_ignored_are_usage_errors,
        ),
        test(
            "a_directory_named_like_a_subcommand_is_read_as_dot_slash_name",
            a_directory_named_like_a_subcommand_is_read_as_dot_slash_name,
        ),
        test(
            "bash_loads_the_completions_and_completes_subcommands_and_their_flags",
            bash_loads_the_completions_and_completes_subcommands_and_their_flags,
        ),
        test("zsh_loads_the_completions", zsh_loads_the_completions),
        test(
            "fish_loads_the_completions_and_completes_subcommands",
            fish_loads_the_completions_and_completes_subcommands,
        ),
        test(
            "the_manual_page_renders_without_warnings",
            the_manual_page_renders_without_warnings,
        ),
        test(
            "color_always_colours_a_pipe_and_never_and_auto_do_not",
            color_always_colours_a_pipe_and_never_and_auto_do_not,
        ),
        test(
            "the_release_binary_has_no_debug_info",
            the_release_binary_has_no_debug_info,
        ),
    ]);
}
