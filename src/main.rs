//! The `ergraph` binary: parse arguments, run the library, print warnings and
//! the summary to stderr, write the exports or print the answer to a query,
//! pick the exit code (0 done, 1 runtime error, 2 usage).

mod cli;

use clap::Parser;
use ergraph::error::Error;
use ergraph::export;
use ergraph::filter::Filter;
use ergraph::graph::EntityGraph;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match &args.command {
        None => run(&args.build),
        Some(command) => query(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ergraph: error: {e}");
            ExitCode::from(1)
        }
    }
}

/// The filtered graph, or an error naming the `--focus` that fits nothing.
fn filtered(graph: &EntityGraph, filter: &Filter) -> Result<EntityGraph, Error> {
    ergraph::filter::apply(graph, filter).map_err(|e| Error::NoInput(format!("--focus: {e}")))
}

/// Writes `text` to stdout; a closed pipe (`| head`) ends quietly.
fn print_stdout(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("serialising plain data cannot fail") + "\n"
}

fn query(command: &cli::Command) -> Result<(), Error> {
    let (input, filter) = match command {
        cli::Command::Entities(q) | cli::Command::Relations(q) => (&q.input, &q.filter),
        cli::Command::Explain(x) => (&x.input, &x.filter),
    };
    let run = ergraph::run(&input.options())?;
    if !input.quiet {
        for w in &run.warnings {
            eprintln!("ergraph: warning: {w}");
        }
    }
    let graph = filtered(&run.graph, &filter.filter())?;
    let text = match command {
        cli::Command::Entities(q) if q.json => json(&ergraph::query::entities(&graph)),
        cli::Command::Entities(_) => ergraph::query::entities_table(&graph),
        cli::Command::Relations(q) if q.json => json(&ergraph::query::relations(&graph)),
        cli::Command::Relations(_) => ergraph::query::relations_table(&graph),
        cli::Command::Explain(x) => {
            let answer = ergraph::query::explain(&graph, &x.a, &x.b)
                .map_err(|e| Error::NoInput(e.to_string()))?;
            if x.json {
                json(&answer)
            } else {
                ergraph::query::explain_text(&answer)
            }
        }
    };
    print_stdout(&text)
}

fn run(args: &cli::Args) -> Result<(), Error> {
    if args.stdout.is_none() {
        export::check_out_dir(&args.out)?;
    }
    let run = ergraph::run(&args.options())?;
    if !args.quiet {
        for w in &run.warnings {
            eprintln!("ergraph: warning: {w}");
        }
    }
    let graph = filtered(&run.graph, &args.filter.filter())?;
    let opts = args.export_options();
    let written = match args.stdout {
        Some(format) => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let result =
                export::write(format, &graph, &opts, &mut lock).and_then(|()| lock.flush());
            match result {
                Ok(()) => {}
                // A closed pipe (`| head`) ends quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(Error::io("<stdout>", e)),
            }
            vec!["<stdout>".to_string()]
        }
        None => {
            let mut formats = args.format.clone();
            formats.sort();
            formats.dedup();
            export::write_files(&graph, &formats, &opts, &args.out)?
                .iter()
                .map(|p| p.display().to_string())
                .collect()
        }
    };
    if !args.quiet {
        eprintln!(
            "ergraph: {} documents, {} entities, {} relations, {} skipped; wrote {}",
            run.documents,
            graph.node_count(),
            graph.edge_count(),
            run.skipped,
            written.join(", ")
        );
    }
    Ok(())
}
