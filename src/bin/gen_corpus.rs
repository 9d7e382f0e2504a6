//! Writes a deterministic news-like corpus (see `ergraph::synth`) for
//! benchmarks: a directory of `.txt` files (1,000 per subdirectory) or one
//! JSON Lines file. The same `--seed` gives the same bytes.

use clap::Parser;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// gen_corpus: write a deterministic news-like corpus for benchmarks
#[derive(Debug, Parser)]
#[command(
    after_help = "Examples:\n  gen_corpus --mb 1024 --jsonl /tmp/news.jsonl\n  gen_corpus --docs 20000 --dir /tmp/news\n  gen_corpus --mb 100 --jsonl - | ergraph --jsonl - -o out"
)]
struct Args {
    /// Seed of the corpus: same seed, same bytes
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of documents to write
    #[arg(long, conflicts_with = "mb")]
    docs: Option<u64>,
    /// Write documents until this many megabytes (10^6 bytes) of text
    #[arg(long)]
    mb: Option<u64>,
    /// Write one JSON Lines file (`-` for standard output)
    #[arg(long, value_name = "FILE", required_unless_present = "dir")]
    jsonl: Option<PathBuf>,
    /// Write a directory of .txt files (1,000 per subdirectory)
    #[arg(long, value_name = "DIR", conflicts_with = "jsonl")]
    dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match write(&args) {
        Ok((docs, bytes)) => {
            eprintln!("gen_corpus: {docs} documents, {bytes} bytes of text");
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn write(args: &Args) -> std::io::Result<(u64, u64)> {
    let limit_docs = args
        .docs
        .unwrap_or(if args.mb.is_some() { u64::MAX } else { 1000 });
    let limit_bytes = args.mb.map_or(u64::MAX, |m| m * 1_000_000);
    let mut jsonl: Option<Box<dyn Write>> = match &args.jsonl {
        Some(p) if p.as_os_str() == "-" => Some(Box::new(BufWriter::new(std::io::stdout().lock()))),
        Some(p) => Some(Box::new(BufWriter::new(std::fs::File::create(p)?))),
        None => None,
    };
    let (mut docs, mut bytes) = (0u64, 0u64);
    while docs < limit_docs && bytes < limit_bytes {
        let doc = ergraph::synth::generate(args.seed, docs);
        match (&mut jsonl, &args.dir) {
            (Some(w), _) => writeln!(w, "{}", ergraph::synth::to_jsonl(&doc))?,
            (None, Some(dir)) => {
                let sub = dir.join(format!("{:05}", docs / 1000));
                if docs % 1000 == 0 {
                    std::fs::create_dir_all(&sub)?;
                }
                std::fs::write(sub.join(format!("{}.txt", doc.id)), &doc.text)?;
            }
            (None, None) => unreachable!("clap requires --jsonl or --dir"),
        }
        docs += 1;
        bytes += doc.text.len() as u64;
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    Ok((docs, bytes))
}
