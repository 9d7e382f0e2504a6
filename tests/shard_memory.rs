//! A merge holds the merged graph and one partial at a time, not all the
//! partials (issue 16): merging the 4 partials of a corpus must not peak
//! above the binary's own memory plus the graph of one run over the whole
//! corpus plus the biggest partial, each measured as a run's peak less the
//! binary's own (a run over one small document): merge ≤ single + extract −
//! own. Keeping every document's counts in the merged graph peaked at 2.9
//! times the single run on 80 MB (481 MB against 164 MB), and on the 24 MB
//! here at 190 MB against a bound of about 155 MB.
//!
//! Each run is the built binary, measured by its peak resident memory
//! (`ru_maxrss` from `wait4`), never its time; the merge's bytes are those of
//! the single run.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Megabytes of generated text per shard: big enough that the graph and
/// the partials dwarf the binary's own 30 MB, small enough for CI.
const SHARD_MB: u64 = 6;
const SHARDS: u64 = 4;

/// Runs `ergraph ARGS` in `dir` and returns its peak resident memory in KiB.
fn peak_kib(dir: &Path, args: &[&str]) -> u64 {
    common::peak::peak_kib(
        Command::new(env!("CARGO_BIN_EXE_ergraph"))
            .current_dir(dir)
            .args(args)
            .stdout(Stdio::null()),
    )
}

/// Writes shard `s` of the generated corpus as JSON Lines.
fn write_shard(path: &Path, s: u64) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut bytes = 0;
    let mut i = s * 1_000_000;
    while bytes < SHARD_MB * 1_000_000 {
        let d = ergraph::synth::generate(7, i);
        bytes += d.text.len() as u64;
        writeln!(w, "{}", serde_json::json!({"id": d.id, "text": d.text})).unwrap();
        i += 1;
    }
    w.flush().unwrap();
}

#[test]
fn merging_partials_holds_the_graph_and_one_partial_not_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let shards: Vec<String> = (0..SHARDS).map(|s| format!("s{s}.jsonl")).collect();
    for (s, name) in shards.iter().enumerate() {
        write_shard(&d.join(name), s as u64);
    }
    let mut single_args = vec!["-o", "single", "-q", "-j", "1", "-f", "json"];
    for s in &shards {
        single_args.extend(["--jsonl", s.as_str()]);
    }
    std::fs::write(
        d.join("tiny.jsonl"),
        "{\"id\":\"t\",\"text\":\"Kim Jong Un met Vladimir Putin in Pyongyang.\"}\n",
    )
    .unwrap();
    let own = peak_kib(d, &["-o", "tiny", "-q", "-j", "1", "--jsonl", "tiny.jsonl"]);
    let single = peak_kib(d, &single_args);
    let mut partials = Vec::new();
    let mut extract = 0;
    for s in &shards {
        let p = format!("{s}.partial.json");
        let args = ["extract", "-q", "-j", "1", "--jsonl", s, "--partial", &p];
        extract = extract.max(peak_kib(d, &args));
        partials.push(p);
    }
    let mut merge_args = vec!["merge", "-o", "merged", "-q", "-f", "json"];
    merge_args.extend(partials.iter().map(String::as_str));
    let merge = peak_kib(d, &merge_args);
    let biggest = partials
        .iter()
        .map(|p| std::fs::metadata(d.join(p)).unwrap().len())
        .max()
        .unwrap();
    let read = |p: &str| std::fs::read(d.join(p)).unwrap();
    assert!(
        read("single/graph.json") == read("merged/graph.json"),
        "the merge of {SHARDS} partials differs from one run"
    );
    let mb = |k: u64| k as f64 / 1024.0;
    let figures = format!(
        "{SHARDS} shards of {SHARD_MB} MB: the binary alone peaks at {:.0} MB, one run at {:.0} MB, \
         the biggest shard's extract at {:.0} MB (partial file {:.0} MB), the merge at {:.0} MB",
        mb(own),
        mb(single),
        mb(extract),
        biggest as f64 / 1e6,
        mb(merge)
    );
    eprintln!("{figures}");
    assert!(merge + own <= single + extract, "{figures}");
}

/// The partial of every file given, then merges in a tree: the shards in
/// pairs into partials, those into one more, and that into the exports.
#[test]
fn a_tree_of_merges_through_the_command_line_gives_the_bytes_of_one_run() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(repo.join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v
    };
    assert!(seeds.len() >= 4, "the seeds hold {} articles", seeds.len());
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_ergraph"))
            .current_dir(d)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "ergraph {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let shown: Vec<String> = seeds.iter().map(|p| p.display().to_string()).collect();
    let mut single = vec!["-o", "single", "-q"];
    single.extend(shown.iter().map(String::as_str));
    run(&single);
    for (i, s) in shown.iter().enumerate() {
        run(&["extract", "-q", s, "--partial", &format!("p{i}.json")]);
    }
    // Leaves in pairs, then the pairs merged on, the last leaf alone.
    let n = shown.len();
    let mut level: Vec<String> = (0..n).map(|i| format!("p{i}.json")).collect();
    let mut round = 0;
    while level.len() > 2 {
        let mut next = Vec::new();
        for (k, pair) in level.chunks(2).enumerate() {
            if pair.len() == 1 {
                next.push(pair[0].clone());
                continue;
            }
            let out = format!("m{round}-{k}.json");
            run(&["merge", "-q", &pair[0], &pair[1], "--partial", &out]);
            next.push(out);
        }
        level = next;
        round += 1;
    }
    // A merge into a partial takes no filter or export option: it is not the last merge.
    for extra in [["--focus", "Kim Jong Un"], ["-f", "json"]] {
        let mut args = vec!["merge", "-q", "p0.json", "p1.json", "--partial", "x.json"];
        args.extend(extra);
        let o = Command::new(env!("CARGO_BIN_EXE_ergraph"))
            .current_dir(d)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?} was accepted");
        assert!(!d.join("x.json").exists());
    }
    let mut last = vec!["merge", "-q", "-o", "merged"];
    last.extend(level.iter().map(String::as_str));
    run(&last);
    for f in ["graph.dot", "graph.graphml", "graph.json"] {
        let read = |p: &str| std::fs::read(d.join(p).join(f)).unwrap();
        assert!(
            read("single") == read("merged"),
            "{f}: a tree of merges differs from one run"
        );
    }
}
