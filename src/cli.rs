//! The command line (clap derive), turned into the library's [`Options`],
//! [`ExportOptions`] and [`Filter`].
//!
//! Without a subcommand ergraph builds the graph and writes the exports
//! (`ergraph [PATHS] [-o DIR]`). Subcommands are variants of [`Command`]:
//! `extract` writes one shard's partial graph, `merge` turns partials into
//! the exports, `entities`, `relations`, `explain` and `estimates` answer
//! questions about the graph, `completions` and `man` print the shell
//! completions and the manual page made from this definition. A directory
//! named like a subcommand is given as `./merge`.
//!
//! What clap cannot see (a `--dot-cluster` with no DOT export, `--since`
//! after `--until`, standard input read twice, nothing to read) is checked by
//! [`Cli::check`], and is a usage error too.

use clap::{Args, ColorChoice, Parser, Subcommand};
use ergraph::Options;
use ergraph::export::{Cluster, DocumentsMode, ExportOptions, Format, PerFormat};
use ergraph::filter::{Filter, parse_bound};
use ergraph::graph::{Kind, Relation};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// ergraph: news articles in, an entity-relationship graph out (DOT, GraphML, JSON, GEXF, Cytoscape.js, CSV, HTML).
#[derive(Debug, Parser)]
#[command(
    name = "ergraph",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  ergraph                                  # seeds/ -> out/graph.{dot,graphml,json}\n  ergraph articles/ -o graphs -f json,graphml,gexf,html\n  ergraph --stdout json story.txt | jq '.links | length'\n  ergraph --jsonl news.jsonl -j 2 -o graphs\n  ergraph extract shard1/ --partial p1.json && ergraph merge p1.json p2.json -o out\n  ergraph --focus \"Kim Jong Un\" --depth 2 -f dot && dot -Tsvg out/graph.dot -o graph.svg\n  ergraph explain \"Sergei Shoigu\" \"Kim Jong Un\"\n  ergraph completions bash > ~/.local/share/bash-completion/completions/ergraph"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub build: BuildArgs,
    /// Colour warnings and errors: auto (when stderr is a terminal and NO_COLOR is unset; CLICOLOR_FORCE forces it), always, never
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        hide_possible_values = true
    )]
    pub color: ColorChoice,
}

/// What to do instead of the default build.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read one shard of the corpus and write its partial graph (see `merge`)
    Extract(ExtractArgs),
    /// Merge partial graphs (from `extract`) into the exports
    Merge(MergeArgs),
    /// List entities with kind, mentions, documents and aliases
    #[command(mut_arg("max_evidence", |a| a.hide(true)))]
    Entities(QueryArgs),
    /// List relations with weight, date, sources and documents
    Relations(QueryArgs),
    /// Every relation between two entities, with evidence, documents and sources
    Explain(ExplainArgs),
    /// Where sources disagree: each movement counted differently, every estimate with its source, date and document
    #[command(mut_arg("max_evidence", |a| a.hide(true)))]
    Estimates(EstimatesArgs),
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a directory
    Man(ManArgs),
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Install:\n  bash: ergraph completions bash > ~/.local/share/bash-completion/completions/ergraph\n  zsh:  ergraph completions zsh > ~/.zfunc/_ergraph  (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)\n  fish: ergraph completions fish > ~/.config/fish/completions/ergraph.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for: bash, zsh, fish, elvish, powershell
    #[arg(value_enum, hide_possible_values = true)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(Debug, Args)]
#[command(
    after_help = "Install:\n  mkdir -p ~/.local/share/man/man1 && ergraph man > ~/.local/share/man/man1/ergraph.1\n  ergraph man --dir ~/.local/share/man/man1   # also ergraph-extract.1, ergraph-merge.1, ..."
)]
pub struct ManArgs {
    /// Write ergraph.1 and a page per subcommand (ergraph-merge.1, ...) into DIR instead of printing ergraph.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// What to read and how: shared by the default command and `extract`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files and directories to read (directories: *.txt, *.text and web pages *.html, *.htm, any case, recursively, in sorted order); `-` reads standard input as one document; default seeds/ when no --jsonl is given
    pub paths: Vec<PathBuf>,
    /// Read JSON Lines, one document a line: {"id", "text", optional "date", "title", "url"} (`-` for standard input; repeatable)
    #[arg(long, value_name = "FILE")]
    pub jsonl: Vec<PathBuf>,
    /// Add entities to the built-in lexicon or override them (TOML, same schema as data/lexicon.toml)
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Evidence sentences kept per edge, at least 1 (weight still counts
    /// all); not offered by `entities` and `estimates`, which print no evidence
    #[arg(long, value_name = "N", help = max_evidence_help(),
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_evidence: Option<usize>,
    /// Exit with an error and write nothing when any input is skipped
    #[arg(long)]
    pub strict: bool,
    /// Threads for extraction and for writing the exports (default: every core); the output is the same for any number
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Files bigger than N bytes are read and extracted N bytes at a time,
    /// cut at paragraph breaks (memory then stays that of a page)
    #[arg(long, default_value_t = ergraph::corpus::stream::PAGE_BYTES, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(4096..))]
    pub page_bytes: usize,
    /// A JSON Lines line longer than N bytes is an error naming it (a record
    /// is held whole: the cap bounds memory on a stream with no line break)
    #[arg(long, default_value_t = ergraph::corpus::stream::MAX_LINE_BYTES, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_line_bytes: usize,
    /// Print no summary, warnings or progress bar
    #[arg(short, long)]
    pub quiet: bool,
}

/// Where the exports go and how they are drawn: shared by the default command and `merge`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Directory that receives graph.dot, graph.graphml and graph.json
    #[arg(short, long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write, comma-separated: dot, graphml, json, gexf, cyjs, csv (nodes.csv + edges.csv), html
    #[arg(short, long, value_delimiter = ',', default_value = "dot,graphml,json", value_parser = parse_format)]
    pub format: Vec<Format>,
    /// Write one export to standard output instead of files (any format but csv; not with -o or -f)
    #[arg(long, value_parser = parse_stdout_format, value_name = "FORMAT",
          conflicts_with_all = ["out", "format"])]
    pub stdout: Option<Format>,
    /// Group DOT nodes into boxes: by their first document, or by kind
    #[arg(long, value_parser = parse_cluster, value_name = "document|kind")]
    pub dot_cluster: Option<Cluster>,
    /// Each node's and relation's documents as the list of ids (all, the default) or as a document_count (count); per format with FORMAT=all|count, e.g. `count,json=all`
    #[arg(long, value_parser = parse_documents, value_name = "all|count[,FORMAT=…]")]
    pub documents: Option<PerFormat<DocumentsMode>>,
    /// Evidence sentences written per relation, of those kept (--max-evidence; default all of them); per format with FORMAT=N, e.g. `1,json=5,gexf=0`
    #[arg(long, value_parser = parse_evidence, value_name = "N[,FORMAT=N…]")]
    pub evidence: Option<PerFormat<usize>>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

impl OutputArgs {
    /// The formats written: the one of `--stdout`, else those of `-f`.
    pub fn formats(&self) -> Vec<Format> {
        match self.stdout {
            Some(format) => vec![format],
            None => self.format.clone(),
        }
    }

    /// What clap cannot check: `--dot-cluster` without a DOT export to draw.
    pub fn check(&self) -> Result<(), String> {
        if self.dot_cluster.is_some() && !self.formats().contains(&Format::Dot) {
            let written: Vec<&str> = self.formats().into_iter().map(Format::as_str).collect();
            return Err(format!(
                "--dot-cluster draws the DOT export only, and the formats written are {} (add dot to -f, or drop --dot-cluster)",
                written.join(", ")
            ));
        }
        self.filter.check()
    }

    /// How the exports are drawn.
    pub fn export_options(&self) -> ExportOptions {
        let defaults = ExportOptions::default();
        ExportOptions {
            dot_cluster: self.dot_cluster,
            documents: self.documents.clone().unwrap_or(defaults.documents),
            evidence: self.evidence.clone().unwrap_or(defaults.evidence),
        }
    }
}

/// The default command: read, build, export.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `ergraph extract`: read like the default command, write a partial graph.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  ls shards | parallel ergraph extract -q -j 1 shards/{} --partial parts/{}.json\n  ergraph merge parts/*.json -o out"
)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// File that receives the partial graph (versioned JSON)
    #[arg(long, value_name = "OUT")]
    pub partial: PathBuf,
}

/// `ergraph merge`: partial graphs in, exports out.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial graph files written by `ergraph extract --partial`, in any order
    #[arg(required = true, value_name = "PARTIALS")]
    pub partials: Vec<PathBuf>,
    /// Write the merge as one more partial graph instead of the exports, to
    /// merge again later (a tree of merges gives the bytes of one run)
    #[arg(long, value_name = "OUT", conflicts_with_all = [
        "out", "format", "stdout", "dot_cluster", "relations", "kinds", "min_weight", "since",
        "until", "focus", "drop_isolated",
    ])]
    pub partial: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Print no summary
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `entities` and `relations`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The first entity: label, alias or id (case-insensitive)
    pub a: String,
    /// The second entity
    pub b: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// List every path through a deployment or a treaty (default: the 5 best supported, and a count of the rest)
    #[arg(long)]
    pub all_paths: bool,
}

/// Arguments of `estimates`: those of `entities`, and a plot.
#[derive(Debug, Args)]
pub struct EstimatesArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    /// Also draw each group's counts over time into this SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
}

/// Filters common to every export and query.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Keep only these relations (comma-separated: met, agreed, sent, reported, deployed_to, part_of)
    #[arg(long, value_delimiter = ',', value_parser = parse_relation, value_name = "LIST")]
    pub relations: Vec<Relation>,
    /// Keep only entities of these kinds (comma-separated: person, organization, country, place, treaty, deployment)
    #[arg(long, value_delimiter = ',', value_parser = parse_kind, value_name = "LIST")]
    pub kinds: Vec<Kind>,
    /// Keep only relations supported by at least N mentions
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_weight: u64,
    /// Keep only relations dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD; undated relations go)
    #[arg(long, value_parser = parse_since, value_name = "DATE")]
    pub since: Option<ergraph::period::Day>,
    /// Keep only relations dated on or before DATE (to the end of its month or year)
    #[arg(long, value_parser = parse_until, value_name = "DATE")]
    pub until: Option<ergraph::period::Day>,
    /// Keep only the neighbourhood of this entity (label, alias or id)
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// How many relations away from --focus to go
    #[arg(long, default_value_t = 1, value_name = "N", requires = "focus")]
    pub depth: usize,
    /// Drop entities left without any relation
    #[arg(long)]
    pub drop_isolated: bool,
}

impl FilterArgs {
    /// What clap cannot check: `--since` after `--until` keeps nothing.
    pub fn check(&self) -> Result<(), String> {
        match (self.since, self.until) {
            (Some(since), Some(until)) if since > until => Err(format!(
                "--since {since} is after --until {until}: no relation could be kept"
            )),
            _ => Ok(()),
        }
    }

    /// The library filter these arguments ask for.
    pub fn filter(&self) -> Filter {
        Filter {
            relations: (!self.relations.is_empty())
                .then(|| self.relations.iter().copied().collect()),
            kinds: (!self.kinds.is_empty()).then(|| self.kinds.iter().copied().collect()),
            min_weight: self.min_weight,
            since: self.since,
            until: self.until,
            focus: self.focus.clone(),
            depth: self.depth,
            drop_isolated: self.drop_isolated,
        }
    }
}

/// The directory read when no input is named.
const SEEDS: &str = "seeds";

impl Cli {
    /// What clap cannot check (see [`InputArgs::check`],
    /// [`OutputArgs::check`], [`FilterArgs::check`]): the message of a usage
    /// error, and the subcommand it is about.
    pub fn check(&self) -> Result<(), (Option<&'static str>, String)> {
        let (name, input, filter, output) = match &self.command {
            None => (
                None,
                Some(&self.build.input),
                None,
                Some(&self.build.output),
            ),
            Some(Command::Extract(a)) => (Some("extract"), Some(&a.input), None, None),
            Some(Command::Merge(a)) => (Some("merge"), None, None, Some(&a.output)),
            Some(Command::Entities(q)) => (Some("entities"), Some(&q.input), Some(&q.filter), None),
            Some(Command::Relations(q)) => {
                (Some("relations"), Some(&q.input), Some(&q.filter), None)
            }
            Some(Command::Explain(x)) => (Some("explain"), Some(&x.input), Some(&x.filter), None),
            Some(Command::Estimates(x)) => (
                Some("estimates"),
                Some(&x.query.input),
                Some(&x.query.filter),
                None,
            ),
            Some(Command::Completions(_) | Command::Man(_)) => return Ok(()),
        };
        if matches!(name, Some("entities" | "estimates"))
            && input.is_some_and(|i| i.max_evidence.is_some())
        {
            let name = name.unwrap_or_default();
            return Err((
                Some(name),
                format!(
                    "--max-evidence sets how many evidence sentences a relation keeps, and `{name}` prints none: leave it out"
                ),
            ));
        }
        let checks = [
            output.map(OutputArgs::check),
            filter.map(FilterArgs::check),
            input.map(InputArgs::check),
        ];
        checks
            .into_iter()
            .flatten()
            .collect::<Result<(), String>>()
            .map_err(|message| (name, message))
    }
}

/// The `--color` choice, found before clap parses the arguments so that
/// clap's own usage errors follow it too: the last `--color WHEN` or
/// `--color=WHEN` before a `--`; `auto` when there is none or it is not a
/// choice (clap then says so).
pub fn color_choice(args: &[OsString]) -> ColorChoice {
    use clap::ValueEnum;
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg {
            Some("--") => break,
            Some("--color") => args.next().flatten(),
            Some(a) => a.strip_prefix("--color="),
            None => None,
        };
        if let Some(c) = value.and_then(|v| ColorChoice::from_str(v, false).ok()) {
            choice = c;
        }
    }
    choice
}

fn parse_relation(s: &str) -> Result<Relation, String> {
    Relation::parse(s.trim()).ok_or_else(|| {
        let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
        format!(
            "unknown relation {s:?} (expected one of {})",
            all.join(", ")
        )
    })
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s.trim()).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {s:?} (expected one of {})", all.join(", "))
    })
}

fn parse_since(s: &str) -> Result<ergraph::period::Day, String> {
    parse_bound(s, false)
}

fn parse_until(s: &str) -> Result<ergraph::period::Day, String> {
    parse_bound(s, true)
}

fn format_names() -> String {
    Format::ALL.map(Format::as_str).join(", ")
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s.trim())
        .ok_or_else(|| format!("unknown format {s:?} (expected one of {})", format_names()))
}

fn parse_stdout_format(s: &str) -> Result<Format, String> {
    let format = parse_format(s)?;
    if format.is_single_file() {
        Ok(format)
    } else {
        Err(format!(
            "{} writes {}: use -o DIR instead of --stdout",
            format.as_str(),
            format.file_names().join(" and ")
        ))
    }
}

fn parse_documents(s: &str) -> Result<PerFormat<DocumentsMode>, String> {
    PerFormat::parse(s, DocumentsMode::All, DocumentsMode::parse)
        .map_err(|e| format!("{e} (expected all or count, or FORMAT=all|count)"))
}

fn parse_evidence(s: &str) -> Result<PerFormat<usize>, String> {
    PerFormat::parse(s, usize::MAX, |v| v.parse().ok())
        .map_err(|e| format!("{e} (expected a number of sentences, or FORMAT=N)"))
}

fn parse_cluster(s: &str) -> Result<Cluster, String> {
    Cluster::parse(s.trim())
        .ok_or_else(|| format!("unknown cluster {s:?} (expected document or kind)"))
}

/// The help of `--max-evidence`, with its default.
fn max_evidence_help() -> String {
    format!(
        "Evidence sentences kept per edge, at least 1 (weight still counts all) [default: {}]",
        ergraph::graph::build::DEFAULT_MAX_EVIDENCE
    )
}

impl InputArgs {
    /// What clap cannot check: standard input read twice, or nothing to
    /// read (no path, no `--jsonl`, and no `seeds/` in the working directory).
    pub fn check(&self) -> Result<(), String> {
        let stdin = |p: &&PathBuf| p.as_os_str() == "-";
        if self.paths.iter().any(|p| stdin(&p)) && self.jsonl.iter().any(|p| stdin(&p)) {
            return Err("standard input is read once: give `-` as a path (one text) or `--jsonl -` (JSON Lines), not both".to_string());
        }
        if self.jsonl.iter().filter(stdin).count() > 1 {
            return Err("standard input is read once: `--jsonl -` is given twice".to_string());
        }
        if self.paths.is_empty() && self.jsonl.is_empty() && !Path::new(SEEDS).is_dir() {
            return Err(format!(
                "nothing to read: name files or directories (or --jsonl FILE); without them ergraph reads {SEEDS}/, and there is none in this directory"
            ));
        }
        Ok(())
    }

    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        let paths = if self.paths.is_empty() && self.jsonl.is_empty() {
            vec![PathBuf::from(SEEDS)]
        } else {
            self.paths.clone()
        };
        Options {
            paths,
            jsonl: self.jsonl.clone(),
            lexicons: self.lexicon.clone(),
            max_evidence: self
                .max_evidence
                .unwrap_or(ergraph::graph::build::DEFAULT_MAX_EVIDENCE),
            strict: self.strict,
            threads: self.threads.unwrap_or(0),
            page_bytes: self.page_bytes,
            max_line_bytes: self.max_line_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_without_subcommand_build_as_before() {
        let cli = Cli::try_parse_from(["ergraph", "seeds", "-o", "x", "-j", "2"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.build.input.paths, [PathBuf::from("seeds")]);
        assert_eq!(cli.build.input.options().threads, 2);
    }

    #[test]
    fn no_paths_means_seeds_unless_jsonl_is_given() {
        let cli = Cli::try_parse_from(["ergraph"]).unwrap();
        assert_eq!(cli.build.input.options().paths, [PathBuf::from("seeds")]);
        let cli = Cli::try_parse_from(["ergraph", "--jsonl", "-"]).unwrap();
        assert!(cli.build.input.options().paths.is_empty());
    }

    #[test]
    fn merge_is_a_subcommand_and_dot_slash_merge_a_path() {
        let cli = Cli::try_parse_from(["ergraph", "merge", "a.json", "-o", "x"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Merge(_))));
        let cli = Cli::try_parse_from(["ergraph", "./merge"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.build.input.paths, [PathBuf::from("./merge")]);
    }

    #[test]
    fn man_and_completions_are_subcommands_and_dot_slash_names_paths() {
        let cli = Cli::try_parse_from(["ergraph", "completions", "zsh"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Completions(CompletionsArgs {
                shell: clap_complete::Shell::Zsh
            }))
        ));
        assert!(Cli::try_parse_from(["ergraph", "completions", "tcsh"]).is_err());
        let cli = Cli::try_parse_from(["ergraph", "man", "--dir", "m"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Man(ManArgs { dir: Some(_) }))
        ));
        for path in ["./man", "./completions"] {
            let cli = Cli::try_parse_from(["ergraph", path]).unwrap();
            assert!(cli.command.is_none());
            assert_eq!(cli.build.input.paths, [PathBuf::from(path)]);
        }
    }

    #[test]
    fn color_is_found_before_parsing_up_to_a_double_dash() {
        let choice = |args: &[&str]| {
            let args: Vec<OsString> = std::iter::once("ergraph")
                .chain(args.iter().copied())
                .map(OsString::from)
                .collect();
            color_choice(&args)
        };
        assert_eq!(choice(&[]), ColorChoice::Auto);
        assert_eq!(choice(&["--color", "always", "a.txt"]), ColorChoice::Always);
        assert_eq!(choice(&["entities", "--color=never"]), ColorChoice::Never);
        assert_eq!(
            choice(&["--color=never", "--color", "always"]),
            ColorChoice::Always
        );
        assert_eq!(choice(&["--color", "sometimes"]), ColorChoice::Auto);
        assert_eq!(choice(&["--", "--color", "always"]), ColorChoice::Auto);
        let cli = Cli::try_parse_from(["ergraph", "entities", "--color", "never"]).unwrap();
        assert_eq!(cli.color, ColorChoice::Never);
    }

    #[test]
    fn checks_name_the_subcommand_they_are_about() {
        let cli = Cli::try_parse_from([
            "ergraph",
            "relations",
            "x",
            "--since",
            "2025-06",
            "--until",
            "2025-05",
        ])
        .unwrap();
        let (sub, message) = cli.check().unwrap_err();
        assert_eq!(sub, Some("relations"));
        assert!(
            message.starts_with("--since 2025-06-01 is after --until 2025-05-31"),
            "{message}"
        );
        let cli = Cli::try_parse_from([
            "ergraph",
            "merge",
            "p.json",
            "-f",
            "json",
            "--dot-cluster",
            "kind",
        ])
        .unwrap();
        assert_eq!(cli.check().unwrap_err().0, Some("merge"));
        let cli =
            Cli::try_parse_from(["ergraph", "x", "--since", "2025", "--until", "2025"]).unwrap();
        assert_eq!(cli.check(), Ok(()));
    }

    #[test]
    fn extract_needs_a_partial_file() {
        assert!(Cli::try_parse_from(["ergraph", "extract", "seeds"]).is_err());
        let cli =
            Cli::try_parse_from(["ergraph", "extract", "seeds", "--partial", "p.json"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Extract(_))));
    }

    #[test]
    fn default_command_still_takes_paths() {
        let cli = Cli::try_parse_from([
            "ergraph", "seeds", "-o", "x", "--focus", "Kim", "--depth", "2",
        ])
        .expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.build.input.paths, [PathBuf::from("seeds")]);
        assert_eq!(cli.build.output.filter.filter().depth, 2);
    }

    #[test]
    fn subcommands_take_input_and_filters() {
        let cli = Cli::try_parse_from([
            "ergraph",
            "explain",
            "Sergei Shoigu",
            "Kim Jong Un",
            "seeds",
            "--relations",
            "met,agreed",
            "--json",
        ])
        .expect("parses");
        match cli.command {
            Some(Command::Explain(x)) => {
                assert_eq!(
                    (x.a.as_str(), x.b.as_str()),
                    ("Sergei Shoigu", "Kim Jong Un")
                );
                assert!(x.json);
                assert_eq!(x.filter.relations, [Relation::Met, Relation::Agreed]);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["ergraph", "--since", "June"]).is_err());
        assert!(
            Cli::try_parse_from(["ergraph", "--depth", "2"]).is_err(),
            "--depth needs --focus"
        );
        assert!(Cli::try_parse_from(["ergraph", "--stdout", "csv"]).is_err());
    }
}
