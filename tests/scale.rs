//! Determinism at scale: the thread count never changes a byte, and merging
//! shards' partial graphs (in any grouping and order) gives the bytes of one
//! run over all of them. Also the inputs of large runs: JSON Lines, standard
//! input, and `ergraph extract` / `ergraph merge` through the binary.

use ergraph::Options;
use ergraph::corpus::Document;
use ergraph::export::{self, ExportOptions, Format};
use ergraph::graph::build::GraphBuilder;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn render_all(graph: &ergraph::graph::EntityGraph) -> Vec<(Format, Vec<u8>)> {
    render_all_in(graph, &ExportOptions::default())
}

/// Every file of every format, rendered on the current rayon pool (the
/// exports render their nodes and edges in blocks on all its threads).
fn render_all_in(
    graph: &ergraph::graph::EntityGraph,
    opts: &ExportOptions,
) -> Vec<(Format, Vec<u8>)> {
    Format::ALL
        .into_iter()
        .flat_map(|f| (0..f.file_names().len()).map(move |part| (f, part)))
        .map(|(f, part)| {
            let mut buf = Vec::new();
            export::write_part(f, part, graph, opts, &mut buf).unwrap();
            (f, buf)
        })
        .collect()
}

#[track_caller]
fn assert_same_bytes(what: &str, a: &[(Format, Vec<u8>)], b: &[(Format, Vec<u8>)]) {
    for ((f, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{what}: {} export differs", f.as_str());
    }
}

/// A run on `threads` threads, its exports rendered on as many.
fn run_with_threads(paths: Vec<PathBuf>, threads: usize) -> Vec<(Format, Vec<u8>)> {
    let opts = Options {
        paths,
        threads,
        ..Options::default()
    };
    let graph = ergraph::run(&opts).unwrap().graph;
    in_pool(threads, || render_all(&graph))
}

fn in_pool<R: Send>(threads: usize, work: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(work)
}

/// 300 generated articles (more than one chunk of 256) as .txt files.
fn generated_corpus(dir: &Path, n: u64) -> PathBuf {
    let root = dir.join("gen");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..n {
        let d = ergraph::synth::generate(42, i);
        std::fs::write(root.join(format!("{}.txt", d.id)), d.text).unwrap();
    }
    root
}

#[test]
fn thread_count_never_changes_a_byte_on_seeds() {
    let one = run_with_threads(vec![repo().join("seeds")], 1);
    for t in [2, 4] {
        assert_same_bytes(
            &format!("seeds, {t} threads"),
            &one,
            &run_with_threads(vec![repo().join("seeds")], t),
        );
    }
}

#[test]
fn thread_count_never_changes_a_byte_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(dir.path(), 300);
    let one = run_with_threads(vec![corpus.clone()], 1);
    for t in [2, 4] {
        assert_same_bytes(
            &format!("generated, {t} threads"),
            &one,
            &run_with_threads(vec![corpus.clone()], t),
        );
    }
}

/// The exports render their nodes and edges in blocks on every thread
/// (many windows of blocks on this graph): 1, 2 and 4 threads write the same
/// bytes in every format, with every option that changes what is written.
#[test]
fn export_threads_never_change_a_byte() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(dir.path(), 300);
    let graph = ergraph::run(&Options {
        paths: vec![corpus],
        ..Options::default()
    })
    .unwrap()
    .graph;
    assert!(graph.edge_count() > 1500, "{} edges", graph.edge_count());
    let mut variants = vec![ExportOptions::default()];
    for cluster in [export::Cluster::Document, export::Cluster::Kind] {
        variants.push(ExportOptions {
            dot_cluster: Some(cluster),
            ..ExportOptions::default()
        });
    }
    variants.push(ExportOptions {
        documents: export::PerFormat {
            all: export::DocumentsMode::Count,
            by_format: Default::default(),
        },
        evidence: export::PerFormat {
            all: 1,
            by_format: Default::default(),
        },
        ..ExportOptions::default()
    });
    for opts in &variants {
        let one = in_pool(1, || render_all_in(&graph, opts));
        for t in [2, 4] {
            let many = in_pool(t, || render_all_in(&graph, opts));
            assert_same_bytes(&format!("{opts:?}, {t} threads"), &one, &many);
        }
    }
}

/// Files that share their names get their ids only once every file is
/// listed; with more than one thread the first are read, and extracted,
/// while the walk still lists the others (see `DocumentStream::listed`):
/// the bytes are those of one thread, which lists every file first.
#[test]
fn thread_count_never_changes_a_byte_when_file_names_clash() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clash");
    for i in 0..150u64 {
        for (k, sub) in ["a", "b/c"].iter().enumerate() {
            let d = ergraph::synth::generate(7, i * 2 + k as u64);
            let path = root.join(sub).join(format!("story-{i:03}.txt"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, d.text).unwrap();
        }
    }
    std::fs::write(root.join("story-000.txt"), "Kim met Putin in Moscow.").unwrap();
    let one = run_with_threads(vec![root.clone()], 1);
    let json = &one.iter().find(|(f, _)| *f == Format::Json).unwrap().1;
    assert!(String::from_utf8_lossy(json).contains("b/c/story-000.txt"));
    for t in [2, 4] {
        assert_same_bytes(
            &format!("clashing names, {t} threads"),
            &one,
            &run_with_threads(vec![root.clone()], t),
        );
    }
}

#[test]
fn thread_count_never_changes_a_byte_on_a_big_file_read_in_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..120 {
        text.push_str(&ergraph::synth::generate(42, i).text);
    }
    let path = dir.path().join("feed.txt");
    std::fs::write(&path, &text).unwrap();
    let run = |threads: usize| {
        let opts = Options {
            paths: vec![path.clone()],
            threads,
            // About 18 pages, several chunks of pages at every thread count.
            page_bytes: 16 << 10,
            ..Options::default()
        };
        render_all(&ergraph::run(&opts).unwrap().graph)
    };
    let one = run(1);
    for t in [2, 4] {
        assert_same_bytes(&format!("pages, {t} threads"), &one, &run(t));
    }
}

fn builder_of(docs: &[Document]) -> GraphBuilder {
    let lex = ergraph::load_lexicons(&[]).unwrap();
    let mut b = GraphBuilder::new(ergraph::graph::build::DEFAULT_MAX_EVIDENCE);
    for d in docs {
        b.add(&ergraph::extract::extract_document(d, &lex));
    }
    b
}

#[test]
fn merging_shards_in_any_grouping_and_order_gives_the_single_run() {
    let docs: Vec<Document> = (0..120)
        .map(|i| {
            let d = ergraph::synth::generate(5, i);
            Document::new(d.id.clone(), d.id, d.text, None, None, None)
        })
        .collect();
    let single = render_all(&builder_of(&docs).finish());
    let (a, rest) = docs.split_at(37);
    let (b, c) = rest.split_at(50);
    let (a, b, c) = (builder_of(a), builder_of(b), builder_of(c));
    // (a + b) + c
    let mut left = a.clone();
    left.merge(b.clone());
    left.merge(c.clone());
    // c + (b + a)
    let mut ba = b.clone();
    ba.merge(a.clone());
    let mut right = c.clone();
    right.merge(ba);
    // An empty builder changes nothing.
    let mut with_empty = GraphBuilder::new(ergraph::graph::build::DEFAULT_MAX_EVIDENCE);
    with_empty.merge(right.clone());
    assert_eq!(left, right, "merge is not associative and commutative");
    assert_same_bytes("(a+b)+c", &single, &render_all(&left.finish()));
    assert_same_bytes("c+(b+a)", &single, &render_all(&right.finish()));
    assert_same_bytes("0+c+(b+a)", &single, &render_all(&with_empty.finish()));
}

fn ergraph(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ergraph {args:?} failed: {}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read_out(dir: &Path) -> Vec<Vec<u8>> {
    ["graph.dot", "graph.graphml", "graph.json"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect()
}

#[test]
fn seeds_split_into_shards_merge_to_the_bytes_of_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let seed = |i: usize| seeds[i].to_str().unwrap().to_string();
    ergraph(
        t,
        &[
            "-q",
            &repo().join("seeds").to_string_lossy(),
            "-o",
            "single",
        ],
    );
    let single = read_out(&t.join("single"));
    // Paths in the graph are as given: a run over the files must equal the
    // run over their directory, and the shards give files.
    let all: Vec<String> = (0..seeds.len()).map(seed).collect();
    let mut args = vec!["-q", "-o", "files"];
    args.extend(all.iter().map(String::as_str));
    ergraph(t, &args);
    let files = read_out(&t.join("files"));
    assert!(single == files, "a directory and its files differ");
    let shardings: [&[&[usize]]; 3] = [
        &[&[0, 1], &[2, 3, 4]],
        &[&[4], &[0, 2], &[1, 3]],
        &[&[3, 1, 0], &[4, 2]],
    ];
    for (n, shards) in shardings.iter().enumerate() {
        let mut parts = Vec::new();
        for (k, shard) in shards.iter().enumerate() {
            let part = format!("p{n}-{k}.json");
            let mut args = vec!["extract".to_string(), "-q".to_string(), "-j".to_string()];
            args.push(format!("{}", 1 + k % 2));
            args.extend(shard.iter().map(|&i| seed(i)));
            args.extend(["--partial".to_string(), part.clone()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            ergraph(t, &args);
            parts.push(part);
        }
        parts.reverse();
        let out = format!("merged{n}");
        let mut args = vec!["merge", "-o", &out, "-q"];
        args.extend(parts.iter().map(String::as_str));
        ergraph(t, &args);
        assert!(
            read_out(&t.join(&out)) == files,
            "sharding {shards:?} merged differs from one run"
        );
    }
}

#[test]
fn jsonl_on_stdin_reads_each_line_as_a_document() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: String = (0..20)
        .map(|i| ergraph::synth::to_jsonl(&ergraph::synth::generate(3, i)) + "\n")
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .args(["--jsonl", "-", "--stdout", "json", "-j", "2"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stderr:\n{stderr}");
    assert!(stderr.contains("20 documents"), "stderr:\n{stderr}");
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &graph["graph"]["documents"][0];
    assert_eq!(first["id"], "gen-3-00000000", "{first}");
    assert_eq!(first["path"], "-:1", "{first}");
}

#[test]
fn malformed_partial_exits_1_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.json"),
        "{\"format\":\"ergraph-partial\"",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ergraph"))
        .args(["merge", "bad.json", "-o", "out"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.starts_with("ergraph: error: bad.json: "),
        "stderr:\n{stderr}"
    );
    assert!(!tmp.path().join("out/graph.json").exists());
}

#[test]
fn directory_named_merge_is_read_as_dot_slash_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("merge");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        repo().join("seeds/000_db62a41bca235961.txt"),
        dir.join("a.txt"),
    )
    .unwrap();
    let out = ergraph(tmp.path(), &["./merge", "-o", "out"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 documents"));
}
