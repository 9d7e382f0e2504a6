//! The output set through the built binary: replaced whole or not at all
//! (a target that cannot be replaced stops the run before the first
//! rename), written under a lock on the output folder (a second run waits
//! and says so; two runs at once leave one run's set), temporary files of a
//! killed run removed, no new empty folder left by a failed run, file modes
//! that follow the umask, and `extract --partial` checking its folder
//! before any work. And what goes into a set: `merge` means what one run
//! means (a partial given twice, or held whole by another, is a warning and
//! counted once; shards that share some documents are a warning naming both
//! and the documents, which are counted once; partials that contradict
//! themselves are refused naming the file and the field), and a `--lexicon` overlay
//! cannot take a built-in entity's name in silence (an error naming both,
//! unless the entry says `replaces`; blank names are errors).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const ARTICLE_A: &str = "date 2025-06-17\nPutin meets Kim in Pyongyang\n\n\
Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday, \
state media reported. Putin met Kim Jong Un again on Wednesday.\n";

const ARTICLE_B: &str = "date 2025-06-18\nShoigu visits Pyongyang\n\n\
Russian Security Council Secretary Sergei Shoigu met Kim Jong Un in Pyongyang on Wednesday.\n";

const ARTICLE_C: &str = "date 2025-06-19\nLavrov in Pyongyang\n\n\
Russian Foreign Minister Sergei Lavrov met Kim Jong Un in Wonsan on Thursday.\n";

const SET: [&str; 3] = ["graph.dot", "graph.graphml", "graph.json"];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ergraph")
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sb = Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        sb.file("a/a.txt", ARTICLE_A);
        sb.file("b/b.txt", ARTICLE_B);
        sb.file("c/c.txt", ARTICLE_C);
        sb
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn file(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null());
        c
    }

    #[track_caller]
    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run ergraph")
    }

    /// Runs ergraph under `umask MASK` (through sh).
    #[track_caller]
    fn run_umask(&self, mask: &str, args: &[&str]) -> Output {
        let mut c = Command::new("sh");
        c.current_dir(self.dir.path())
            .arg("-c")
            .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
            .arg(bin())
            .args(args)
            .stdin(Stdio::null());
        c.output().expect("run ergraph through sh")
    }

    fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.text(rel)).expect("json")
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stderr(&o)
    }

    #[track_caller]
    fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{args:?} must fail: {}",
            stderr(&o)
        );
        stderr(&o)
    }

    fn listing(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The default set one run over `input` writes, read from a folder of its own.
    fn reference(&self, input: &str) -> Vec<Vec<u8>> {
        let out = format!("ref-{}", input.replace('/', "_"));
        let o = self.run(&[input, "-o", &out, "-q"]);
        assert!(o.status.success(), "{o:?}");
        SET.iter()
            .map(|n| self.read(&format!("{out}/{n}")))
            .collect()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn exports_and_partials_follow_the_umask() {
    let sb = Sandbox::new();
    let o = sb.run_umask(
        "022",
        &["a", "-o", "out", "-q", "-f", "dot,graphml,json,csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "graph.dot",
        "graph.graphml",
        "graph.json",
        "nodes.csv",
        "edges.csv",
    ] {
        assert_eq!(
            mode(&sb.path("out").join(name)),
            0o644,
            "{name} under umask 022"
        );
    }
    let o = sb.run_umask("022", &["extract", "a", "--partial", "p.json", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&sb.path("p.json")), 0o644, "partial under umask 022");
    let o = sb.run_umask(
        "022",
        &["merge", "p.json", "-o", "merged", "-q", "-f", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        mode(&sb.path("merged/graph.json")),
        0o644,
        "merge under umask 022"
    );
    // A stricter umask is respected too: replacing a 0644 file gives 0600.
    let o = sb.run_umask("077", &["a", "-o", "out", "-q", "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&sb.path("out/graph.json")), 0o600, "umask 077");
}

#[test]
fn a_target_that_cannot_be_replaced_stops_the_run_before_any_rename() {
    let sb = Sandbox::new();
    let o = sb.run(&["a", "-o", "out", "-q", "-f", "dot,csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let old_dot = sb.read("out/graph.dot");
    let old_nodes = sb.read("out/nodes.csv");
    // edges.csv, the last file of the set, becomes a non-empty directory:
    // no rename can put a file there.
    std::fs::remove_file(sb.path("out/edges.csv")).expect("rm edges.csv");
    sb.file("out/edges.csv/keep", "x");
    let o = sb.run(&["b", "-o", "out", "-q", "-f", "dot,csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("edges.csv"), "{}", stderr(&o));
    assert!(
        sb.read("out/graph.dot") == old_dot,
        "graph.dot was replaced"
    );
    assert!(
        sb.read("out/nodes.csv") == old_nodes,
        "nodes.csv was replaced"
    );
    assert_eq!(
        sb.listing("out"),
        ["edges.csv", "graph.dot", "nodes.csv"],
        "no temporary file is left"
    );
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next_run() {
    let sb = Sandbox::new();
    // What a run killed while writing leaves, and files that only look alike.
    for name in [
        ".graph.json.Xa81Zq.tmp",
        ".graph.dot.0Pq9aB.tmp",
        ".edges.csv.k2LmN7.tmp",
    ] {
        sb.file(&format!("out/{name}"), "half a graph");
    }
    for name in [".graph.json.notes", "graph.tmp", ".mine.Xa81Zq.tmp"] {
        sb.file(&format!("out/{name}"), "a user's file");
    }
    std::fs::create_dir_all(sb.path("out/.graph.dot.dir.tmp")).expect("mkdir");
    let o = sb.run(&["a", "-o", "out", "-q", "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        sb.listing("out"),
        [
            ".graph.dot.dir.tmp",
            ".graph.json.notes",
            ".mine.Xa81Zq.tmp",
            "graph.json",
            "graph.tmp"
        ]
    );
}

#[test]
fn a_failed_run_leaves_no_new_output_folder() {
    let sb = Sandbox::new();
    sb.file("bad.toml", "[[entity]]\nid = \"person:x\"\nkind = \n");
    let cases: [&[&str]; 4] = [
        &["missing.txt", "-o", "new1/deeper"],
        &["a", "--lexicon", "bad.toml", "-o", "new2"],
        &["a", "--focus", "Nobody At All", "-o", "new3/x"],
        &["merge", "missing.partial.json", "-o", "new4"],
    ];
    for args in cases {
        let o = sb.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        for d in ["new1", "new2", "new3", "new4"] {
            assert!(!sb.path(d).exists(), "{args:?} left {d} behind");
        }
    }
    // A folder that was there stays, empty or not.
    std::fs::create_dir(sb.path("mine")).expect("mkdir");
    let o = sb.run(&["missing.txt", "-o", "mine/new"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(sb.path("mine").is_dir() && !sb.path("mine/new").exists());
}

#[test]
fn extract_checks_the_partial_folder_before_reading() {
    let sb = Sandbox::new();
    // The input cannot be read either: the folder must be the error, so it
    // was checked first.
    let o = sb.run(&["extract", "missing.txt", "--partial", "nodir/p.json"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("nodir") && e.contains("does not exist"), "{e}");
    assert!(!e.contains("missing.txt"), "the input was read first: {e}");
    assert!(!sb.path("nodir").exists());
    // A directory in the partial's place is refused before reading, too.
    std::fs::create_dir(sb.path("taken")).expect("mkdir");
    let o = sb.run(&["extract", "missing.txt", "--partial", "taken"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("taken") && !e.contains("missing.txt"), "{e}");
}

/// A run that finds the output folder locked waits, says so, writes nothing
/// until the lock is released, then writes its whole set. The test holds
/// the lock itself, so nothing depends on timing.
#[test]
fn a_second_run_waits_for_the_lock_on_the_output_folder() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path("out")).expect("mkdir");
    let holder = std::fs::File::open(sb.path("out")).expect("open out");
    holder.lock().expect("lock out");
    let mut child = sb
        .cmd(&["a", "-o", "out"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let (tx, rx) = std::sync::mpsc::channel();
    let pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(pipe).lines() {
            let line = line.unwrap_or_default();
            if line.contains("waiting for another run") {
                let _ = tx.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let waited = rx.recv_timeout(Duration::from_secs(120)).is_ok();
    if !waited {
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "the run did not wait for the lock: {}",
            reader.join().unwrap_or_default()
        );
    }
    // Waiting, it has written nothing: not even a temporary file.
    assert!(sb.listing("out").is_empty(), "{:?}", sb.listing("out"));
    assert!(child.try_wait().expect("try_wait").is_none(), "it ended");
    drop(holder);
    let status = child.wait().expect("wait");
    let all = reader.join().unwrap_or_default();
    assert!(status.success(), "{all}");
    assert_eq!(sb.listing("out"), SET, "{all}");
}

/// Two runs over different inputs into one folder at once, several times:
/// every file of the set afterwards comes from the same run.
#[test]
fn two_runs_at_once_leave_one_runs_set() {
    let sb = Sandbox::new();
    let a = sb.reference("a");
    let b = sb.reference("b");
    assert_ne!(a, b);
    for round in 0..12 {
        let spawn = |input: &str| {
            sb.cmd(&[input, "-o", "out", "-q", "-j", "1"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        };
        let (mut x, mut y) = (spawn("a"), spawn("b"));
        assert!(x.wait().expect("wait").success());
        assert!(y.wait().expect("wait").success());
        let got: Vec<Vec<u8>> = SET.iter().map(|n| sb.read(&format!("out/{n}"))).collect();
        assert!(
            got == a || got == b,
            "round {round}: the set mixes the two runs' files"
        );
        assert_eq!(sb.listing("out"), SET, "round {round}");
    }
}

#[test]
fn a_partial_given_twice_or_held_by_another_is_counted_once() {
    let sb = Sandbox::new();
    sb.ok(&["extract", "a", "--partial", "pa.json", "-q"]);
    sb.ok(&["extract", "b", "--partial", "pb.json", "-q"]);
    sb.ok(&["extract", "a", "b", "--partial", "pab.json", "-q"]);
    sb.ok(&["a", "-o", "run-a", "-f", "json", "-q"]);
    sb.ok(&["a", "b", "-o", "run-ab", "-f", "json", "-q"]);
    let run_a = sb.text("run-a/graph.json");
    let run_ab = sb.text("run-ab/graph.json");
    // The same partial twice.
    let e = sb.ok(&["merge", "pa.json", "pa.json", "-o", "m1", "-f", "json"]);
    assert!(e.contains("pa.json: given twice"), "{e}");
    assert!(
        sb.text("m1/graph.json") == run_a,
        "merge pa pa differs from one run over a"
    );
    // A copy of it under another name.
    std::fs::copy(sb.path("pa.json"), sb.path("pa-copy.json")).expect("copy");
    let e = sb.ok(&["merge", "pa.json", "pa-copy.json", "-o", "m2", "-f", "json"]);
    assert!(
        e.contains("pa-copy.json: holds the same 1 documents as pa.json"),
        "{e}"
    );
    assert!(
        sb.text("m2/graph.json") == run_a,
        "merge pa pa-copy differs"
    );
    // Shards and the partial that holds them both, in any order.
    for order in [
        ["pa.json", "pb.json", "pab.json"],
        ["pab.json", "pb.json", "pa.json"],
    ] {
        let mut args = vec!["merge"];
        args.extend(order);
        args.extend(["-o", "m3", "-f", "json"]);
        let e = sb.ok(&args);
        assert!(
            e.contains("pa.json: every one of its 1 documents is in pab.json"),
            "{e}"
        );
        assert!(
            e.contains("pb.json: every one of its 1 documents is in pab.json"),
            "{e}"
        );
        assert!(e.contains(", 2 documents,"), "{e}");
        assert!(
            sb.text("m3/graph.json") == run_ab,
            "{order:?} differs from one run"
        );
    }
}

const EVERY_FORMAT: &str = "dot,graphml,json,gexf,cyjs,csv,html";

#[test]
fn overlapping_shards_are_a_warning_and_the_shared_document_counted_once() {
    let sb = Sandbox::new();
    sb.ok(&["extract", "a", "b", "--partial", "pab.json", "-q"]);
    sb.ok(&["extract", "b", "c", "--partial", "pbc.json", "-q"]);
    sb.ok(&["a", "b", "c", "-o", "run", "-f", EVERY_FORMAT, "-q"]);
    // What one run does with a repeated input: reads it once.
    sb.ok(&["a", "b", "b", "c", "-o", "run-bb", "-f", "json", "-q"]);
    assert!(sb.read("run-bb/graph.json") == sb.read("run/graph.json"));
    let files = sb.listing("run");
    assert!(files.len() >= 8, "{files:?}");
    for (order, later, earlier) in [
        (["pab.json", "pbc.json"], "pbc.json", "pab.json"),
        (["pbc.json", "pab.json"], "pab.json", "pbc.json"),
    ] {
        let mut args = vec!["merge"];
        args.extend(order);
        args.extend(["-o", "m", "-f", EVERY_FORMAT]);
        let e = sb.ok(&args);
        assert!(
            e.contains(&format!(
                "warning: {later}: shares 1 of its 2 documents with {earlier} (\"b\"): counted once"
            )),
            "{e}"
        );
        assert!(e.contains(", 3 documents,"), "{e}");
        assert_eq!(sb.listing("m"), files, "{order:?}");
        for f in &files {
            assert!(
                sb.read(&format!("m/{f}")) == sb.read(&format!("run/{f}")),
                "{order:?}: merged {f} differs from one run over a, b, c"
            );
        }
    }
    // Shared documents are counted once however many partials hold them.
    sb.ok(&["extract", "a", "c", "--partial", "pac.json", "-q"]);
    let e = sb.ok(&[
        "merge", "pab.json", "pbc.json", "pac.json", "-o", "m3", "-f", "json",
    ]);
    assert!(
        e.contains("pac.json: shares 1 of its 2 documents with pab.json (\"a\")")
            && e.contains("pac.json: shares 1 of its 2 documents with pbc.json (\"c\")"),
        "{e}"
    );
    assert!(sb.read("m3/graph.json") == sb.read("run/graph.json"));
}

#[test]
fn a_partial_whose_counts_per_document_contradict_it_is_refused() {
    let sb = Sandbox::new();
    sb.ok(&["extract", "a", "--partial", "pa.json", "-q"]);
    // A share is taken out only when its document is counted elsewhere:
    // one larger than its count is refused then.
    sb.ok(&["extract", "a", "b", "--partial", "pab.json", "-q"]);
    sb.ok(&["extract", "b", "c", "--partial", "pbc.json", "-q"]);
    let mut v = sb.json("pbc.json");
    for s in v["builder"]["nodes"]["person:kim-jong-un"]["by_document"]
        .as_array_mut()
        .unwrap()
    {
        s[1] = json!(99);
    }
    sb.file("share.json", &v.to_string());
    let e = sb.fails(&["merge", "pab.json", "share.json", "-o", "m", "-f", "json"]);
    assert!(
        e.contains("share.json: builder.nodes[\"person:kim-jong-un\"].by_document: a document's 99 is more than the element's"),
        "{e}"
    );
    let e = refused(&sb, "share-doc.json", |b| {
        first_edge(b)["by_document"][0][0] = json!(4);
    });
    assert!(
        e.contains("share-doc.json: builder.edges[0]")
            && e.contains(".by_document[0]: document index 4 is out of range"),
        "{e}"
    );
    // A version 2 partial has no counts per document: extracted again.
    let mut v = sb.json("pa.json");
    v["version"] = json!(2);
    sb.file("v2.json", &v.to_string());
    let e = sb.fails(&["merge", "v2.json", "-o", "m", "-f", "json"]);
    assert!(
        e.contains(
            "v2.json: expected partial version 3, found version 2: an older ergraph wrote it"
        ) && e.contains("(extract it again)"),
        "{e}"
    );
}

/// Writes `pa.json` changed by `edit` as `name` and returns merge's error.
fn refused(sb: &Sandbox, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v = sb.json("pa.json");
    edit(&mut v["builder"]);
    sb.file(name, &v.to_string());
    sb.fails(&["merge", name, "-o", "m", "-f", "json"])
}

fn first_edge(b: &mut Value) -> &mut Value {
    &mut b["edges"][0][1]
}

#[test]
fn a_partial_that_contradicts_itself_is_refused_naming_file_and_field() {
    let sb = Sandbox::new();
    sb.ok(&["extract", "a", "--partial", "pa.json", "-q"]);
    let edges = sb.json("pa.json")["builder"]["edges"].clone();
    let key = &edges[0][0];
    let edge = format!(
        "builder.edges[0] ({} -> {}, {})",
        key[0].as_str().unwrap(),
        key[1].as_str().unwrap(),
        key[2].as_str().unwrap()
    );
    let e = refused(&sb, "target.json", |b| {
        b["edges"][0][0][1] = json!("person:nobody-at-all");
    });
    assert!(
        e.contains("target.json: builder.edges[0]")
            && e.contains("target \"person:nobody-at-all\" is not among the nodes"),
        "{e}"
    );
    let e = refused(&sb, "node-doc.json", |b| {
        b["nodes"]["person:kim-jong-un"]["documents"] = json!([0, 7]);
    });
    assert!(
        e.contains("node-doc.json: builder.nodes[\"person:kim-jong-un\"].documents: document index 7 is out of range (the file holds 1 documents)"),
        "{e}"
    );
    let e = refused(&sb, "edge-doc.json", |b| {
        first_edge(b)["documents"] = json!([3]);
    });
    assert!(
        e.contains(&format!(
            "edge-doc.json: {edge}.documents: document index 3"
        )),
        "{e}"
    );
    let e = refused(&sb, "evidence-doc.json", |b| {
        first_edge(b)["evidence"][0]["document"] = json!(1);
    });
    assert!(
        e.contains(&format!(
            "evidence-doc.json: {edge}.evidence[0]: document index 1"
        )),
        "{e}"
    );
    let e = refused(&sb, "span.json", |b| {
        let ev = &mut first_edge(b)["evidence"][0];
        ev["start"] = json!(90);
        ev["end"] = json!(10);
    });
    assert!(
        e.contains(&format!(
            "span.json: {edge}.evidence[0]: start 90 is after end 10"
        )),
        "{e}"
    );
    let e = refused(&sb, "twice.json", |b| {
        let doc = b["documents"][0].clone();
        b["documents"].as_array_mut().unwrap().push(doc);
    });
    assert!(
        e.contains("twice.json: builder.documents[1]: id \"a\" repeats documents[0]"),
        "{e}"
    );
    // The same edge listed twice, its weights adding up past u64.
    let e = refused(&sb, "overflow.json", |b| {
        first_edge(b)["weight"] = json!(u64::MAX);
        let again = b["edges"][0].clone();
        b["edges"].as_array_mut().unwrap().insert(1, again);
    });
    assert!(
        e.contains("overflow.json: builder.edges[1]")
            && e.contains(".weight: the counts of a repeated edge overflow"),
        "{e}"
    );
    // Two partials whose counts add up past u64.
    sb.ok(&["extract", "b", "--partial", "pb.json", "-q"]);
    let mut v = sb.json("pb.json");
    v["builder"]["nodes"]["person:kim-jong-un"]["mentions"] = json!(u64::MAX);
    sb.file("big2.json", &v.to_string());
    let mut v = sb.json("pa.json");
    v["builder"]["nodes"]["person:kim-jong-un"]["mentions"] = json!(2);
    sb.file("small.json", &v.to_string());
    let e = sb.fails(&["merge", "small.json", "big2.json", "-o", "m", "-f", "json"]);
    assert!(
        e.contains(
            "big2.json: builder.nodes[\"person:kim-jong-un\"].mentions: the count overflows"
        ),
        "{e}"
    );
    assert!(!sb.path("m").exists());
}

const LEADER: &str = "[[entity]]\nid = \"person:supreme-leader\"\nkind = \"person\"\n";

#[test]
fn an_overlay_cannot_take_a_builtin_name_in_silence() {
    let sb = Sandbox::new();
    sb.file(
        "alias.toml",
        &format!("{LEADER}label = \"Supreme Leader\"\naliases = [\"Kim Jong Un\"]\n"),
    );
    let e = sb.fails(&["a", "--lexicon", "alias.toml", "-o", "o1"]);
    assert!(e.contains("alias.toml:5:"), "{e}");
    assert!(
        e.contains(
            "alias \"Kim Jong Un\" of person:supreme-leader is the label of person:kim-jong-un"
        ),
        "{e}"
    );
    assert!(e.contains("replaces = \"person:kim-jong-un\""), "{e}");
    sb.file("label.toml", &format!("{LEADER}label = \"Kim Jong Un\"\n"));
    let e = sb.fails(&["a", "--lexicon", "label.toml", "-o", "o2"]);
    assert!(
        e.contains("person:supreme-leader") && e.contains("person:kim-jong-un"),
        "{e}"
    );
    // Said so, the overlay entity takes the built-in one's place.
    sb.file(
        "replaces.toml",
        &format!(
            "{LEADER}label = \"Supreme Leader\"\naliases = [\"Kim Jong Un\"]\nreplaces = \"person:kim-jong-un\"\n"
        ),
    );
    sb.ok(&[
        "a",
        "--lexicon",
        "replaces.toml",
        "-o",
        "o3",
        "-f",
        "json",
        "-q",
    ]);
    let g = sb.json("o3/graph.json");
    let ids: Vec<&str> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    assert!(ids.contains(&"person:supreme-leader"), "{ids:?}");
    assert!(!ids.contains(&"person:kim-jong-un"), "{ids:?}");
    // Blank names.
    sb.file("blank.toml", &format!("{LEADER}label = \"  \"\n"));
    let e = sb.fails(&["a", "--lexicon", "blank.toml", "-o", "o4"]);
    assert!(
        e.contains("blank.toml:4:") && e.contains("non-empty label"),
        "{e}"
    );
    sb.file(
        "empty.toml",
        &format!("{LEADER}label = \"Leader\"\naliases = [\"\"]\n"),
    );
    let e = sb.fails(&["a", "--lexicon", "empty.toml", "-o", "o5"]);
    assert!(
        e.contains("empty.toml:5:") && e.contains("non-empty alias"),
        "{e}"
    );
}
