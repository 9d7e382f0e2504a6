//! Any shard tree gives the bytes of one run: the articles of `seeds/` and
//! `tests/corpus/` dealt into arbitrary shards, each shard extracted with its
//! own thread count into a partial file, the partials merged in an arbitrary
//! tree (any grouping, any order, partials of merged partials), and the last
//! merge's exports compared byte for byte with one run over every file.
//!
//! This goes through the files a user's shards write (`write_partial`,
//! `read_partial` inside `merge_partials`), with counts per document kept in
//! the inner merges and dropped in the last, as `ergraph merge --partial`
//! and `ergraph merge` do.

use ergraph::Options;
use ergraph::export::{self, ExportOptions, Format};
use ergraph::graph::partial::{merge_partials, write_partial};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The single-file exports, every one compared.
const FORMATS: [Format; 6] = [
    Format::Dot,
    Format::Graphml,
    Format::Json,
    Format::Gexf,
    Format::Cyjs,
    Format::Html,
];

fn articles() -> &'static [PathBuf] {
    static FILES: OnceLock<Vec<PathBuf>> = OnceLock::new();
    FILES.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["seeds", "tests/corpus"] {
            for e in std::fs::read_dir(repo.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
        files.sort();
        files
    })
}

fn render(graph: &ergraph::graph::EntityGraph) -> Vec<Vec<u8>> {
    FORMATS
        .iter()
        .map(|&f| {
            let mut buf = Vec::new();
            export::write(f, graph, &ExportOptions::default(), &mut buf).unwrap();
            buf
        })
        .collect()
}

/// One run over every article, as `ergraph FILE...` writes it.
fn single() -> &'static [Vec<u8>] {
    static ONE: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    ONE.get_or_init(|| {
        let opts = Options {
            paths: articles().to_vec(),
            threads: 1,
            ..Options::default()
        };
        render(&ergraph::run(&opts).unwrap().graph)
    })
}

/// A shard's partial file, as `ergraph extract FILE... --partial OUT` writes it.
fn extract(files: Vec<PathBuf>, threads: usize, out: &Path) {
    let opts = Options {
        paths: files,
        threads,
        ..Options::default()
    };
    let built = ergraph::build_partial(&opts, &mut |_| {}).unwrap();
    write_partial(&built.builder, out).unwrap();
}

/// Deals the articles into shards, extracts each into a partial, merges the
/// partials as `steps` say (each step: where the group starts, how many it
/// takes) into partials of partials, then everything left into the graph.
fn tree_run(shard_of: &[usize], threads: &[usize], steps: &[(usize, usize)]) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let files = articles();
    let shards = shard_of.iter().max().map_or(0, |m| m + 1);
    let mut level: Vec<PathBuf> = Vec::new();
    for s in 0..shards {
        let mine: Vec<PathBuf> = files
            .iter()
            .zip(shard_of)
            .filter(|&(_, &k)| k == s)
            .map(|(f, _)| f.clone())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let out = dir.path().join(format!("shard{s}.json"));
        extract(mine, threads[s % threads.len()], &out);
        level.push(out);
    }
    for (n, &(at, take)) in steps.iter().enumerate() {
        if level.len() < 2 {
            break;
        }
        let take = take.clamp(2, level.len());
        let at = at.min(level.len() - take);
        let group: Vec<PathBuf> = level.drain(at..at + take).rev().collect();
        let (merged, warnings) = merge_partials(&group, true).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let out = dir.path().join(format!("merge{n}.json"));
        write_partial(&merged, &out).unwrap();
        // Where the merged partial goes in the list decides later groupings.
        level.insert(at.min(level.len()), out);
    }
    let (merged, warnings) = merge_partials(&level, false).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    render(&merged.finish())
}

fn assert_same(what: &str, got: &[Vec<u8>]) -> Result<(), TestCaseError> {
    for ((f, a), b) in FORMATS.iter().zip(single()).zip(got) {
        prop_assert!(
            a == b,
            "{}: the {} export differs from one run",
            what,
            f.as_str()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_shard_tree_gives_the_bytes_of_one_run(
        shard_of in prop::collection::vec(0..6usize, articles().len()),
        threads in prop::collection::vec(prop::sample::select(vec![1usize, 2, 4]), 6),
        steps in prop::collection::vec((0..8usize, 2..4usize), 0..8),
    ) {
        assert_same(
            &format!("shards {shard_of:?}, threads {threads:?}, merges {steps:?}"),
            &tree_run(&shard_of, &threads, &steps),
        )?;
    }
}

/// The shapes a random draw may miss: every article its own shard merged as
/// a left comb, the same as a right comb, and one shard holding everything.
#[test]
fn combs_and_a_single_shard_give_the_bytes_of_one_run() {
    let n = articles().len();
    assert!(
        n >= 20,
        "{n} articles: seeds/ or tests/corpus/ went missing"
    );
    let own: Vec<usize> = (0..n).collect();
    let left: Vec<(usize, usize)> = vec![(0, 2); n];
    let right: Vec<(usize, usize)> = vec![(usize::MAX, 2); n];
    for (what, shard_of, steps) in [
        ("left comb", own.clone(), left),
        ("right comb", own, right),
        ("one shard", vec![0; n], Vec::new()),
    ] {
        assert_same(what, &tree_run(&shard_of, &[1, 2, 4], &steps)).unwrap();
    }
}
