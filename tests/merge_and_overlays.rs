//! Through the built binary: `merge` means what one run means (a partial
//! given twice, or held whole by another, is a warning and counted once;
//! overlapping shards and partials that contradict themselves are refused
//! naming the file and the field), and a `--lexicon` overlay cannot take a
//! built-in entity's name in silence (an error naming both, unless the entry
//! says `replaces`; blank names are errors).

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const ARTICLE_A: &str = "date 2025-06-17\nPutin meets Kim in Pyongyang\n\n\
Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Tuesday, \
state media reported. Putin met Kim Jong Un again on Wednesday.\n";

const ARTICLE_B: &str = "date 2025-06-18\nShoigu visits Pyongyang\n\n\
Russian Security Council Secretary Sergei Shoigu met Kim Jong Un in Pyongyang on Wednesday.\n";

const ARTICLE_C: &str = "date 2025-06-19\nLavrov in Pyongyang\n\n\
Russian Foreign Minister Sergei Lavrov met Kim Jong Un in Wonsan on Thursday.\n";

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

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ergraph"))
            .current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run ergraph")
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{args:?}: {e}");
        e
    }

    #[track_caller]
    fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(1), "{args:?} must fail: {e}");
        e
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.read(rel)).expect("json")
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
    let run_a = sb.read("run-a/graph.json");
    let run_ab = sb.read("run-ab/graph.json");
    // The same partial twice.
    let e = sb.ok(&["merge", "pa.json", "pa.json", "-o", "m1", "-f", "json"]);
    assert!(e.contains("pa.json: given twice"), "{e}");
    assert!(
        sb.read("m1/graph.json") == run_a,
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
        sb.read("m2/graph.json") == run_a,
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
            sb.read("m3/graph.json") == run_ab,
            "{order:?} differs from one run"
        );
    }
}

#[test]
fn overlapping_shards_are_refused_naming_both_and_the_document() {
    let sb = Sandbox::new();
    sb.ok(&["extract", "a", "b", "--partial", "pab.json", "-q"]);
    sb.ok(&["extract", "b", "c", "--partial", "pbc.json", "-q"]);
    let e = sb.fails(&["merge", "pab.json", "pbc.json", "-o", "m", "-f", "json"]);
    assert!(
        e.contains("pbc.json: holds document \"b\" that pab.json holds too"),
        "{e}"
    );
    assert!(
        !sb.path("m").exists(),
        "a failed merge made its output folder"
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
