//! What ergraph makes of its inputs (issue 13), through the built binary
//! (`CARGO_BIN_EXE_ergraph`) in temp dirs:
//!
//! - a document is one input: files that share a name, a file named on the
//!   command line, standard input and repeated JSON Lines ids all stay
//!   documents of their own, each with its own date, and every evidence
//!   offset slices its text out of the input its document names;
//! - a JSON Lines line of invalid UTF-8 skips that line only (`--strict`
//!   makes it an error); a line past `--max-line-bytes` is an error;
//! - only http, https and file URLs reach the exports;
//! - a date is checked the same way in JSON Lines, in a file's `date` line
//!   and in `--since`;
//!
//! A directory 1,000 levels deep is walked in `tests/syscalls.rs`.
//!
//! The memory bound on streams is in `tests/stream_memory.rs`.

mod common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What one run said.
struct Ran {
    code: Option<i32>,
    stderr: String,
}

/// Runs `ergraph ARGS` in `dir`, `stdin` fed to it.
fn ergraph(dir: &Path, args: &[&str], stdin: &[u8]) -> Ran {
    let bytes = stdin.to_vec();
    let mut run = common::fed::spawn_fed(dir, args, move |w| {
        let _ = w.write_all(&bytes);
    });
    let status = run.child.wait().expect("wait for ergraph");
    run.feeder.join().expect("feeder");
    Ran {
        code: status.code(),
        stderr: run.stderr.join().unwrap_or_default(),
    }
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write input");
}

fn graph_json(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("out/graph.json")).expect("graph.json written");
    serde_json::from_str(&text).expect("graph.json parses")
}

/// The graph's documents by id.
fn documents(g: &Value) -> BTreeMap<String, Value> {
    g["graph"]["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| (d["id"].as_str().expect("id").to_string(), d.clone()))
        .collect()
}

/// An article whose facts are the same in every copy but which starts with
/// `pad` filler lines, so the same sentence lies at a different offset in
/// each file.
fn article(date: &str, title: &str, pad: usize) -> String {
    let mut s = format!("date {date}\n{title}\n\n");
    for i in 0..pad {
        s.push_str(&format!(
            "Filler line number {i} of this article has no names\n"
        ));
    }
    s.push_str(
        "\nRussian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang, \
         state media reported.\nSergei Shoigu met Kim Jong Un in Pyongyang a day later.\n",
    );
    s
}

#[test]
fn colliding_inputs_stay_distinct_documents_whose_evidence_slices_their_own_text() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    // (path, date): five files named story.txt, one notes.txt, one stdin.txt.
    let files = [
        ("c/a/story.txt", "2025-01-01", 1),
        ("c/b/story.txt", "2025-01-02", 7),
        ("c/notes.txt", "2025-01-03", 3),
        ("c/stdin.txt", "2025-01-04", 5),
        ("d/a/story.txt", "2025-01-05", 11),
        ("d/x/story.txt", "2025-01-06", 2),
        ("e/story.txt", "2025-01-07", 9),
    ];
    for (i, (path, date, pad)) in files.iter().enumerate() {
        write(
            dir,
            path,
            article(date, &format!("Headline number {i} of the day"), *pad),
        );
    }
    // Read a page at a time: its pages are one document, its offsets the file's.
    let mut big = article("2025-01-08", "Headline of the long story", 4);
    for _ in 0..40 {
        big.push_str(&article("2025-01-08", "Headline of the long story", 4)[16..]);
    }
    write(dir, "g/story.txt", &big);
    let stdin = article("2025-01-09", "Headline read from standard input", 6);
    let line = |id: &str, pad: usize, date: &str| {
        serde_json::json!({"id": id, "text": article(date, "A headline in JSON Lines", pad), "date": date})
            .to_string()
    };
    let jsonl = [
        line("j1", 1, "2025-02-01"),
        line("notes", 2, "2025-02-02"),
        line("j1", 3, "2025-02-03"),
        line("j1@news.jsonl:5", 4, "2025-02-04"),
        line("j1", 5, "2025-02-05"),
    ]
    .join("\n");
    write(dir, "news.jsonl", jsonl);

    let args = [
        "c",
        "d",
        "e/story.txt",
        "g",
        "-",
        "--jsonl",
        "news.jsonl",
        "--page-bytes",
        "4096",
        "--max-evidence",
        "1000",
        "-f",
        "json",
        "-o",
        "out",
    ];
    let ran = ergraph(dir, &args, stdin.as_bytes());
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let g = graph_json(dir);
    let docs = documents(&g);

    // Every input is one document, under the id the README promises.
    let want: BTreeMap<&str, (&str, &str)> = [
        ("c/a/story.txt", ("c/a/story.txt", "2025-01-01")), // a/story.txt is under d too
        ("b/story.txt", ("c/b/story.txt", "2025-01-02")),
        ("notes", ("c/notes.txt", "2025-01-03")),
        ("stdin.txt", ("c/stdin.txt", "2025-01-04")), // standard input is named stdin too
        ("d/a/story.txt", ("d/a/story.txt", "2025-01-05")),
        ("x/story.txt", ("d/x/story.txt", "2025-01-06")),
        ("e/story.txt", ("e/story.txt", "2025-01-07")), // named: no path under a root
        ("story.txt", ("g/story.txt", "2025-01-08")),   // its path under g
        ("-", ("-", "2025-01-09")),
        ("j1", ("news.jsonl:1", "2025-02-01")),
        ("notes@news.jsonl:2", ("news.jsonl:2", "2025-02-02")),
        ("j1@news.jsonl:3", ("news.jsonl:3", "2025-02-03")),
        ("j1@news.jsonl:5", ("news.jsonl:4", "2025-02-04")), // not repeated: as given
        ("j1@news.jsonl:5~2", ("news.jsonl:5", "2025-02-05")),
    ]
    .into_iter()
    .collect();
    let got: BTreeMap<&str, (&str, &str)> = docs
        .iter()
        .map(|(id, d)| {
            let path = d["path"].as_str().expect("path");
            (id.as_str(), (path, d["date"].as_str().unwrap_or("null")))
        })
        .collect();
    assert_eq!(got, want, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("ergraph: 14 documents,"),
        "{}",
        ran.stderr
    );
    // A repeated JSON Lines id names both places.
    for (line, earlier) in [(2, "c/notes.txt"), (3, "news.jsonl:1"), (5, "news.jsonl:1")] {
        let w = format!("warning: news.jsonl:{line}: id ");
        let said = ran
            .stderr
            .lines()
            .find(|l| l.contains(&w))
            .unwrap_or_else(|| panic!("no warning for line {line}:\n{}", ran.stderr));
        assert!(
            said.contains(&format!("repeats that of {earlier};")),
            "{said}"
        );
    }

    // Every evidence span slices its document's own input to the evidence text.
    let source = |path: &str| -> String {
        if path == "-" {
            return stdin.clone();
        }
        if let Some((file, line)) = path.rsplit_once(':') {
            let n: usize = line.parse().expect("line number");
            let text = std::fs::read_to_string(dir.join(file)).expect("jsonl");
            let record: Value =
                serde_json::from_str(text.lines().nth(n - 1).expect("line")).expect("record");
            return record["text"].as_str().expect("text").to_string();
        }
        std::fs::read_to_string(dir.join(path)).expect("input file")
    };
    let mut checked = BTreeSet::new();
    for link in g["links"].as_array().expect("links") {
        for e in link["evidence"].as_array().expect("evidence") {
            let id = e["document"].as_str().expect("document");
            let path = docs[id]["path"].as_str().expect("path");
            let (start, end) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let text = source(path);
            assert_eq!(
                text.get(start..end),
                e["text"].as_str(),
                "evidence of {id} at {start}..{end} is not in {path}"
            );
            checked.insert(id.to_string());
        }
    }
    assert_eq!(
        checked,
        docs.keys().cloned().collect::<BTreeSet<_>>(),
        "every document gave evidence"
    );
}

#[test]
fn a_jsonl_line_of_invalid_utf8_skips_that_line_only_and_strict_refuses_it() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    let mut bytes = Vec::new();
    for (i, who) in [
        "Vladimir Putin",
        "Sergei Shoigu",
        "Xi Jinping",
        "Sergei Lavrov",
    ]
    .iter()
    .enumerate()
    {
        let mut line = serde_json::json!({"id": format!("n{i}"), "text": format!("{who} met Kim Jong Un in Pyongyang.")})
            .to_string()
            .into_bytes();
        if i == 1 {
            // A lone continuation byte inside the text string.
            let at = line.windows(4).position(|w| w == b"met ").expect("met");
            line.insert(at, 0x80);
        }
        bytes.extend(line);
        bytes.push(b'\n');
    }
    write(dir, "n.jsonl", &bytes);
    let ran = ergraph(dir, &["--jsonl", "n.jsonl", "-f", "json", "-o", "out"], b"");
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("warning: n.jsonl:2: invalid UTF-8"),
        "{}",
        ran.stderr
    );
    let ids: Vec<String> = documents(&graph_json(dir)).into_keys().collect();
    assert_eq!(
        ids,
        ["n0", "n2", "n3"],
        "the lines after the bad one are read"
    );
    assert!(ran.stderr.contains("3 documents, "), "{}", ran.stderr);
    assert!(ran.stderr.contains(", 1 skipped;"), "{}", ran.stderr);

    let ran = ergraph(
        dir,
        &["--jsonl", "n.jsonl", "--strict", "-o", "strict"],
        b"",
    );
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("error: n.jsonl:2: invalid UTF-8"),
        "{}",
        ran.stderr
    );
    assert!(!dir.join("strict/graph.json").exists());
}

#[test]
fn a_jsonl_line_past_the_cap_is_an_error_naming_it_and_the_flag_raises_the_cap() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    let long = format!(
        "Kim Jong Un met Vladimir Putin in Pyongyang. {}",
        "Words without names. ".repeat(100)
    );
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "short", "text": "Sergei Shoigu met Kim Jong Un."}),
        serde_json::json!({"id": "long", "text": long})
    );
    write(dir, "l.jsonl", jsonl);
    let ran = ergraph(
        dir,
        &[
            "--jsonl",
            "l.jsonl",
            "--max-line-bytes",
            "1000",
            "-o",
            "out",
        ],
        b"",
    );
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("error: l.jsonl:2: line longer than 1000 bytes")
            && ran.stderr.contains("--max-line-bytes"),
        "{}",
        ran.stderr
    );
    assert!(!dir.join("out/graph.json").exists(), "nothing written");
    let ran = ergraph(
        dir,
        &[
            "--jsonl",
            "l.jsonl",
            "--max-line-bytes",
            "4096",
            "-f",
            "json",
            "-o",
            "out",
        ],
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(documents(&graph_json(dir)).len(), 2);
}

#[test]
fn only_http_https_and_file_links_reach_the_exports() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    let urls = [
        ("https://example.org/a?b=1", true),
        ("HTTP://EXAMPLE.ORG/", true),
        ("file:///srv/news/x.txt", true),
        ("javascript:alert(1)", false),
        ("JavaScript:alert(1)", false),
        ("java\tscript:alert(1)", false),
        (" javascript:alert(1)", false),
        ("data:text/html,<script>alert(1)</script>", false),
        ("vbscript:msgbox", false),
        ("//example.org/no-scheme", false),
    ];
    let jsonl: Vec<String> = urls
        .iter()
        .enumerate()
        .map(|(i, (u, _))| {
            serde_json::json!({"id": format!("u{i}"), "text": "Vladimir Putin met Kim Jong Un in Pyongyang.", "url": u})
                .to_string()
        })
        .collect();
    write(dir, "u.jsonl", jsonl.join("\n"));
    let ran = ergraph(
        dir,
        &[
            "--jsonl",
            "u.jsonl",
            "-f",
            "json,dot,cyjs,html",
            "-o",
            "out",
        ],
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let docs = documents(&graph_json(dir));
    for (i, (url, kept)) in urls.iter().enumerate() {
        let id = format!("u{i}");
        let got = docs[&id]["url"].as_str();
        if *kept {
            assert_eq!(got, Some(*url));
        } else {
            assert_eq!(got, None, "{url:?} dropped");
            let w = format!("warning: u.jsonl:{}: document \"{id}\": url ", i + 1);
            assert!(ran.stderr.contains(&w), "no warning {w:?}:\n{}", ran.stderr);
        }
    }
    for file in ["graph.dot", "graph.cyjs", "graph.html", "graph.json"] {
        let text = std::fs::read_to_string(dir.join("out").join(file)).expect("export");
        let lower = text.to_ascii_lowercase();
        for bad in [
            "javascript:",
            "vbscript:",
            "data:text/html",
            "//example.org/no-scheme",
        ] {
            assert!(!lower.contains(bad), "{file} holds {bad}");
        }
    }
}

#[test]
fn a_date_is_checked_the_same_in_jsonl_in_a_date_line_and_in_since() {
    let sb = tempfile::tempdir().expect("temp dir");
    let dir = sb.path();
    let text = "Vladimir Putin met Kim Jong Un in Pyongyang.";
    let cases = [
        ("2025-13-45", None),
        ("2024-02-30", None),
        ("2025-02-29", None),
        ("yesterday", None),
        ("2025-06-17T10:00:00Z", None),
        ("2024-02-29", Some("2024-02-29")),
        ("2025-06", Some("2025-06")),
        (" 2025-06-17 ", Some("2025-06-17")),
    ];
    let jsonl: Vec<String> = cases
        .iter()
        .enumerate()
        .map(|(i, (d, _))| {
            serde_json::json!({"id": format!("d{i}"), "text": text, "date": d}).to_string()
        })
        .collect();
    write(dir, "d.jsonl", jsonl.join("\n"));
    for (i, (d, _)) in cases.iter().enumerate() {
        // A file's date line says the same (only full days fit its shape).
        if d.len() == 10 && d.as_bytes()[4] == b'-' {
            write(
                dir,
                &format!("files/f{i}.txt"),
                format!("date {d}\n{text}\n"),
            );
        }
    }
    let ran = ergraph(
        dir,
        &["files", "--jsonl", "d.jsonl", "-f", "json", "-o", "out"],
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let docs = documents(&graph_json(dir));
    for (i, (given, want)) in cases.iter().enumerate() {
        let jsonl_date = docs[&format!("d{i}")]["date"].as_str();
        assert_eq!(jsonl_date, *want, "JSON Lines date {given:?}");
        let warned = ran.stderr.contains(&format!(
            "warning: d.jsonl:{}: document \"d{i}\": date ",
            i + 1
        ));
        assert_eq!(
            warned,
            want.is_none(),
            "warning for {given:?}:\n{}",
            ran.stderr
        );
        if let Some(file) = docs.get(&format!("f{i}")) {
            assert_eq!(file["date"].as_str(), *want, "date line {given:?}");
            let warned = ran
                .stderr
                .contains(&format!("warning: files/f{i}.txt: date line "));
            assert_eq!(
                warned,
                want.is_none(),
                "warning for date line {given:?}:\n{}",
                ran.stderr
            );
        }
        // --since takes what a document may carry, and nothing else.
        let since = ergraph(
            dir,
            &["files", "--since", given.trim(), "-q", "-o", "since"],
            b"",
        );
        let accepted = since.code != Some(2);
        assert_eq!(
            accepted,
            want.is_some(),
            "--since {given:?}: {}",
            since.stderr
        );
    }
}
