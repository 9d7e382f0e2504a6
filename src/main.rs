//! The `ergraph` binary: parse arguments, run the library, print warnings and
//! the summary to stderr (and a progress bar when stderr is a terminal),
//! write the exports or a partial graph or print the answer to a query, pick
//! the exit code (0 done, 1 runtime error, 2 usage). Warnings and errors are
//! coloured as `--color` says (see [`cli::color_choice`]).

mod cli;

use clap::{CommandFactory, FromArgMatches};
use ergraph::error::{Error, Warning};
use ergraph::export;
use ergraph::filter::Filter;
use ergraph::graph::EntityGraph;
use ergraph::graph::partial;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

// Extraction and export allocate many small strings (tokens, ids, labels);
// glibc malloc/free were about a fifth of all samples in perf.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's option setter, in the library the `mimalloc` crate links (the
// crate does not expose it).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` (the same in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Turns transparent huge pages off for this process. mimalloc advises the
/// kernel to back its arenas with 2 MiB pages (`MADV_HUGEPAGE`; a system set
/// to "always" gives them unasked); such a page is resident whole once any
/// byte of it is touched, and purging part of it gives nothing back. On 1 GB
/// of generated input the run peaked 30 MB higher with them (416 against
/// 386 MB), on 200 MB 19 MB higher, and on 8 MB 15 MB, with no time they
/// saved showing. The flag is tested at each page fault, so the few pages
/// touched before `main` do not matter.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments only; an error (an old kernel)
    // leaves huge pages on, which is only a matter of memory.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    small_pages_only();
    // Give freed pages back to the system at once rather than 10 ms later:
    // extraction frees its working memory chunk after chunk, and the delay
    // kept about 30 MB more resident on 200 MB of input (peak memory is a
    // target, issue 5); the time it costs did not show.
    // SAFETY: sets a plain integer option; mimalloc allows it at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let color = cli::color_choice(&argv);
    // anstream's streams (our warnings and errors) and clap's messages both
    // follow this; `auto` leaves NO_COLOR, CLICOLOR_FORCE and the terminal test to anstream.
    match color {
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
    }
    .write_global();
    let mut command = cli::Cli::command().color(color);
    let parsed = command
        .try_get_matches_from_mut(&argv)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => return usage_exit(e.format(&mut command)),
    };
    if let Err((sub, message)) = args.check() {
        return usage_exit(usage(sub, message));
    }
    let result = match &args.command {
        None => run_build(&args.build),
        Some(cli::Command::Extract(a)) => run_extract(a),
        Some(cli::Command::Merge(a)) => run_merge(a),
        Some(cli::Command::Completions(a)) => completions(a.shell),
        Some(cli::Command::Man(a)) => man(a),
        Some(command) => query(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            anstream::eprintln!("ergraph: {ERROR}error:{ERROR:#} {e}");
            ExitCode::from(1)
        }
    }
}

/// How `error:` is drawn (clap's own errors draw it the same).
const ERROR: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
/// How `warning:` is drawn.
const WARNING: anstyle::Style = anstyle::AnsiColor::Yellow.on_default().bold();

/// Prints a clap error (usage to stderr, exit 2; `--help` and `--version`
/// to stdout, exit 0).
fn usage_exit(e: clap::Error) -> ExitCode {
    let code = if e.use_stderr() { 2 } else { 0 };
    let _ = e.print();
    ExitCode::from(code)
}

/// `ergraph completions SHELL`: the script on stdout.
fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli::Cli::command(), "ergraph", &mut script);
    print_stdout(&String::from_utf8_lossy(&script))
}

/// Roff for readers that take ASCII only: troff without a `-k` pre-pass
/// warns at every byte of UTF-8 (a `…` in a flag's value name), and
/// `\[uXXXX]` is the character escape groff and mandoc both read.
fn roff_ascii(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for c in roff.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// `ergraph man`: ergraph.1 on stdout, or a page per command into `--dir`.
fn man(args: &cli::ManArgs) -> Result<(), Error> {
    // A fresh definition: the one parsed with holds `help` as a subcommand.
    let mut command = cli::Cli::command().disable_help_subcommand(true);
    command.build();
    let source = format!("ergraph {}", env!("CARGO_PKG_VERSION"));
    let page = |command: clap::Command| {
        let mut roff = Vec::new();
        clap_mangen::Man::new(command)
            .source(source.clone())
            .render(&mut roff)
            .map(|()| roff_ascii(&String::from_utf8_lossy(&roff)).into_bytes())
    };
    match &args.dir {
        Some(dir) => {
            let io = |e| Error::io(dir, e);
            std::fs::create_dir_all(dir).map_err(io)?;
            for sub in command.get_subcommands() {
                let name = format!("{}.1", sub.get_display_name().unwrap_or(sub.get_name()));
                let path = dir.join(name);
                let roff = page(sub.clone()).map_err(io)?;
                std::fs::write(&path, roff).map_err(|e| Error::io(&path, e))?;
            }
            let path = dir.join("ergraph.1");
            let roff = page(command).map_err(io)?;
            std::fs::write(&path, roff).map_err(|e| Error::io(&path, e))
        }
        None => {
            let roff = page(command).map_err(|e| Error::io("<stdout>", e))?;
            print_stdout(&String::from_utf8_lossy(&roff))
        }
    }
}

/// The filtered graph, or an error naming the `--focus` that fits nothing.
fn filtered(graph: EntityGraph, filter: &Filter) -> Result<EntityGraph, Error> {
    // Owned: with no filter the graph goes to the exporters without a copy.
    ergraph::filter::apply_owned(graph, filter).map_err(|e| Error::NoInput(format!("--focus: {e}")))
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
        cli::Command::Estimates(x) => (&x.query.input, &x.query.filter),
        cli::Command::Extract(_)
        | cli::Command::Merge(_)
        | cli::Command::Completions(_)
        | cli::Command::Man(_) => unreachable!("handled in main"),
    };
    let built = build(input)?;
    let graph = filtered(built.builder.finish(), &filter.filter())?;
    let text = match command {
        cli::Command::Entities(q) if q.json => json(&ergraph::query::entities(&graph)),
        cli::Command::Entities(_) => ergraph::query::entities_table(&graph, terminal_width()),
        cli::Command::Relations(q) if q.json => json(&ergraph::query::relations(&graph)),
        cli::Command::Relations(_) => ergraph::query::relations_table(&graph, terminal_width()),
        cli::Command::Explain(x) => {
            let answer = match ergraph::query::explain(&graph, &x.a, &x.b, x.all_paths) {
                Ok(a) => a,
                Err(e @ ergraph::query::ExplainError::Same { .. }) => usage_error("explain", e),
                Err(e) => return Err(Error::NoInput(e.to_string())),
            };
            if x.json {
                json(&answer)
            } else {
                ergraph::query::explain_text(&answer)
            }
        }
        cli::Command::Estimates(x) => {
            let groups = ergraph::estimates::estimates(&graph);
            if let Some(plot) = &x.plot {
                ergraph::estimates::plot_svg(&groups, plot).map_err(Error::NoInput)?;
            }
            if x.query.json {
                json(&groups)
            } else {
                ergraph::estimates::estimates_text(&groups)
            }
        }
        cli::Command::Extract(_)
        | cli::Command::Merge(_)
        | cli::Command::Completions(_)
        | cli::Command::Man(_) => unreachable!("handled in main"),
    };
    print_stdout(&text)
}

/// Stdout's width in columns when it is a terminal: tables are cut to fit
/// it there and printed whole into a pipe or a file.
fn terminal_width() -> Option<usize> {
    let out = std::io::stdout();
    if !out.is_terminal() {
        return None;
    }
    let size = console::Term::stdout().size_checked();
    Some(size.map_or(80, |(_, cols)| usize::from(cols)))
}

/// A usage error of `subcommand` (of ergraph itself for `None`), drawn as
/// clap draws its own: the message, the usage line, in the `--color` asked.
fn usage(subcommand: Option<&str>, message: impl std::fmt::Display) -> clap::Error {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = cli::Cli::command().color(cli::color_choice(&argv));
    command.build();
    let about = match subcommand {
        Some(name) => command
            .find_subcommand_mut(name)
            .expect("a subcommand of the definition"),
        None => &mut command,
    };
    about.error(clap::error::ErrorKind::ArgumentConflict, message)
}

/// Prints `message` as a usage error of `subcommand` and exits with status 2.
fn usage_error(subcommand: &str, message: impl std::fmt::Display) -> ! {
    usage(Some(subcommand), message).exit()
}

/// A progress bar on stderr (documents, MB, rate, time left), hidden when
/// stderr is not a terminal or under `--quiet`.
struct Bar {
    bar: ProgressBar,
    start: std::time::Instant,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = ProgressBar::hidden();
        if !quiet && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        }
        Bar {
            bar,
            start: std::time::Instant::now(),
        }
    }

    fn update(&self, p: ergraph::Progress) {
        if self.bar.is_hidden() {
            return;
        }
        if self.bar.length().is_none() {
            let template = match p.total_bytes {
                Some(total) => {
                    self.bar.set_length(total.max(1));
                    "{spinner} [{elapsed_precise}] [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}, {eta} left"
                }
                None => {
                    self.bar.set_length(u64::MAX);
                    "{spinner} [{elapsed_precise}] {binary_bytes} {binary_bytes_per_sec} {msg}"
                }
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style.progress_chars("=> "));
            }
            self.bar.enable_steady_tick(Duration::from_millis(250));
        }
        self.bar.set_position(p.bytes);
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} documents ({:.0}/s)",
            p.documents,
            p.documents as f64 / secs
        ));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn build(input: &cli::InputArgs) -> Result<ergraph::Built, Error> {
    build_for(input, false)
}

/// Builds the graph; `partial` keeps the counts per document a partial file holds.
fn build_for(input: &cli::InputArgs, partial: bool) -> Result<ergraph::Built, Error> {
    let bar = Bar::new(input.quiet);
    let built = if partial {
        ergraph::build_partial(&input.options(), &mut |p| bar.update(p))
    } else {
        ergraph::build(&input.options(), &mut |p| bar.update(p))
    };
    bar.finish();
    let built = built?;
    print_warnings(input.quiet, &built.warnings);
    Ok(built)
}

fn print_warnings(quiet: bool, warnings: &[Warning]) {
    if !quiet {
        for w in warnings {
            anstream::eprintln!("ergraph: {WARNING}warning:{WARNING:#} {w}");
        }
    }
}

/// Checks the output directory before any work (see [`export::OutDir`]):
/// `None` under `--stdout`.
fn check_out(out: &cli::OutputArgs) -> Result<Option<export::OutDir>, Error> {
    match out.stdout {
        Some(_) => Ok(None),
        None => export::check_out_dir(&out.out).map(Some),
    }
}

fn run_build(args: &cli::BuildArgs) -> Result<(), Error> {
    let out_dir = check_out(&args.output)?;
    let built = build(&args.input)?;
    let documents = built.builder.document_count();
    let graph = filtered(built.builder.finish(), &args.output.filter.filter())?;
    // The exports are written side by side on as many threads as extraction had.
    let threads = args.input.threads.unwrap_or(0);
    let exported = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| write_exports(&args.output, &graph, args.input.quiet)),
        Err(_) => write_exports(&args.output, &graph, args.input.quiet),
    };
    let Some(written) = exported? else {
        return Ok(());
    };
    if let Some(d) = out_dir {
        d.keep();
    }
    if !args.input.quiet {
        eprintln!(
            "ergraph: {} documents, {} entities, {} relations, {} skipped; wrote {}",
            documents,
            graph.node_count(),
            graph.edge_count(),
            built.skipped,
            written.join(", ")
        );
    }
    Ok(())
}

fn run_extract(args: &cli::ExtractArgs) -> Result<(), Error> {
    partial::check_partial_path(&args.partial)?;
    let built = build_for(&args.input, true)?;
    partial::write_partial(&built.builder, &args.partial)?;
    if !args.input.quiet {
        eprintln!(
            "ergraph: {} documents, {} skipped; wrote partial {}",
            built.builder.document_count(),
            built.skipped,
            args.partial.display()
        );
    }
    Ok(())
}

fn run_merge(args: &cli::MergeArgs) -> Result<(), Error> {
    if let Some(out) = &args.partial {
        // A merge into a partial keeps the counts per document a later merge needs.
        partial::check_partial_path(out)?;
        let (merged, warnings) = partial::merge_partials(&args.partials, true)?;
        print_warnings(args.quiet, &warnings);
        partial::write_partial(&merged, out)?;
        if !args.quiet {
            eprintln!(
                "ergraph: {} partials, {} documents; wrote partial {}",
                args.partials.len(),
                merged.document_count(),
                out.display()
            );
        }
        return Ok(());
    }
    let out_dir = check_out(&args.output)?;
    let (merged, warnings) = partial::merge_partials(&args.partials, false)?;
    print_warnings(args.quiet, &warnings);
    let documents = merged.document_count();
    let graph = filtered(merged.finish(), &args.output.filter.filter())?;
    let Some(written) = write_exports(&args.output, &graph, args.quiet)? else {
        return Ok(());
    };
    if let Some(d) = out_dir {
        d.keep();
    }
    if !args.quiet {
        eprintln!(
            "ergraph: {} partials, {} documents, {} entities, {} relations; wrote {}",
            args.partials.len(),
            documents,
            graph.node_count(),
            graph.edge_count(),
            written.join(", ")
        );
    }
    Ok(())
}

/// Writes the exports; `None` when stdout was closed early (ends quietly).
/// A run that waits for another one writing to the same directory says so
/// unless `quiet`.
fn write_exports(
    out: &cli::OutputArgs,
    graph: &EntityGraph,
    quiet: bool,
) -> Result<Option<Vec<String>>, Error> {
    let opts = out.export_options();
    Ok(Some(match out.stdout {
        Some(format) => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let result = export::write(format, graph, &opts, &mut lock).and_then(|()| lock.flush());
            match result {
                Ok(()) => {}
                // A closed pipe (`| head`) ends quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(None),
                Err(e) => return Err(Error::io("<stdout>", e)),
            }
            vec!["<stdout>".to_string()]
        }
        None => {
            let mut formats = out.format.clone();
            formats.sort();
            formats.dedup();
            let waiting = |dir: &std::path::Path| {
                if quiet {
                    return;
                }
                eprintln!(
                    "ergraph: waiting for another run to finish writing to {}",
                    dir.display()
                );
            };
            export::write_files_waiting(graph, &formats, &opts, &out.out, &waiting)?
                .iter()
                .map(|p| p.display().to_string())
                .collect()
        }
    }))
}

#[cfg(test)]
mod tests {
    /// The kernel reports the process's huge-page switch in its status.
    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_off_after_the_start() {
        super::small_pages_only();
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status
            .lines()
            .find(|l| l.starts_with("THP_enabled:"))
            .unwrap_or("THP_enabled: 0 (kernel older than 5.0: no line)");
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }
}
