//! Throughput on a generated news-like corpus (`ergraph::synth`): MB/s and
//! documents/s for extraction alone (documents already in memory) and for the
//! whole run (read files → extract → graph → DOT, GraphML and JSON files),
//! at 1 and 2 threads. Run with `cargo bench --bench throughput`;
//! `ERGRAPH_BENCH_MB` sets the corpus size (default 20), `ERGRAPH_BENCH_RUNS`
//! the repetitions (default 3, the best and the median are shown), and
//! `ERGRAPH_BENCH_THREADS` the thread counts (default `1,2`).

use ergraph::corpus::Document;
use ergraph::export::{self, ExportOptions, Format};
use rayon::prelude::*;
use std::time::{Duration, Instant};

// The same allocator as the `ergraph` binary, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn report(what: &str, threads: usize, bytes: u64, docs: u64, times: &mut [Duration]) {
    times.sort();
    let best = times[0].as_secs_f64();
    let median = times[times.len() / 2].as_secs_f64();
    println!(
        "{what:<10} threads={threads}  best {:7.1} MB/s {:8.0} docs/s ({best:.2} s)   median {:7.1} MB/s {:8.0} docs/s ({median:.2} s)",
        bytes as f64 / 1e6 / best,
        docs as f64 / best,
        bytes as f64 / 1e6 / median,
        docs as f64 / median,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let mb: u64 = env_or("ERGRAPH_BENCH_MB", 20);
    let runs: usize = env_or("ERGRAPH_BENCH_RUNS", 3).max(1);
    let threads: Vec<usize> = std::env::var("ERGRAPH_BENCH_THREADS")
        .unwrap_or_else(|_| "1,2".to_string())
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .collect();
    let dir = tempfile::tempdir().expect("temporary directory");
    let corpus = dir.path().join("corpus");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("output directory");
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    let mut i = 0u64;
    while bytes < mb * 1_000_000 {
        let d = ergraph::synth::generate(1, i);
        let sub = corpus.join(format!("{:05}", i / 1000));
        std::fs::create_dir_all(&sub).expect("corpus directory");
        let path = sub.join(format!("{}.txt", d.id));
        std::fs::write(&path, &d.text).expect("corpus file");
        bytes += d.text.len() as u64;
        docs.push(Document::new(
            d.id,
            path.display().to_string(),
            d.text,
            None,
            None,
            None,
        ));
        i += 1;
    }
    let n = docs.len() as u64;
    println!(
        "corpus: {n} documents, {:.1} MB (seed 1), {runs} runs each",
        bytes as f64 / 1e6
    );
    let lex = ergraph::load_lexicons(&[]).expect("built-in lexicon");
    for &t in &threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .expect("thread pool");
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let claims: usize = pool.install(|| {
                docs.par_iter()
                    .map(|d| ergraph::extract::extract_document(d, &lex).claims.len())
                    .sum()
            });
            times.push(start.elapsed());
            std::hint::black_box(claims);
        }
        report("extract", t, bytes, n, &mut times);
    }
    for &t in &threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .expect("thread pool");
        let opts = ergraph::Options {
            paths: vec![corpus.clone()],
            threads: t,
            ..ergraph::Options::default()
        };
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let run = ergraph::run(&opts).expect("run");
            // Exports write side by side on the pool: give them the same threads.
            pool.install(|| {
                export::write_files(
                    &run.graph,
                    &[Format::Dot, Format::Graphml, Format::Json],
                    &ExportOptions::default(),
                    &out,
                )
            })
            .expect("exports");
            times.push(start.elapsed());
        }
        report("whole run", t, bytes, n, &mut times);
    }
}
