//! The `ergraph` binary: parse arguments, run the library, print warnings and
//! the summary to stderr, write the exports, pick the exit code (0 done,
//! 1 runtime error, 2 usage).

mod cli;

use clap::Parser;
use ergraph::export;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ergraph: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &cli::Args) -> Result<(), ergraph::error::Error> {
    if args.stdout.is_none() {
        export::check_out_dir(&args.out)?;
    }
    let run = ergraph::run(&args.options())?;
    if !args.quiet {
        for w in &run.warnings {
            eprintln!("ergraph: warning: {w}");
        }
    }
    let opts = args.export_options();
    let written = match args.stdout {
        Some(format) => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let result =
                export::write(format, &run.graph, &opts, &mut lock).and_then(|()| lock.flush());
            match result {
                Ok(()) => {}
                // A closed pipe (`| head`) ends quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(ergraph::error::Error::io("<stdout>", e)),
            }
            vec!["<stdout>".to_string()]
        }
        None => {
            let mut formats = args.format.clone();
            formats.sort();
            formats.dedup();
            export::write_files(&run.graph, &formats, &opts, &args.out)?
                .iter()
                .map(|p| p.display().to_string())
                .collect()
        }
    };
    if !args.quiet {
        eprintln!(
            "ergraph: {} documents, {} entities, {} relations, {} skipped; wrote {}",
            run.documents,
            run.graph.node_count(),
            run.graph.edge_count(),
            run.skipped,
            written.join(", ")
        );
    }
    Ok(())
}
