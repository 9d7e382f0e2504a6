//! The command line (clap derive), turned into the library's [`Options`],
//! [`ExportOptions`] and [`Filter`].
//!
//! Without a subcommand ergraph builds the graph and writes the exports
//! (`ergraph [PATHS] [-o DIR]`). Subcommands are variants of [`Command`]:
//! `extract` writes one shard's partial graph, `merge` turns partials into
//! the exports, `entities`, `relations`, `explain` and `estimates` answer
//! questions about the graph. A directory named like a subcommand is given as `./merge`.

use clap::{Args, Parser, Subcommand};
use ergraph::Options;
use ergraph::export::{Cluster, ExportOptions, Format};
use ergraph::filter::{Filter, parse_bound};
use ergraph::graph::{Kind, Relation};
use std::path::PathBuf;

/// ergraph: news articles in, an entity-relationship graph out (DOT, GraphML, JSON, GEXF, Cytoscape.js, CSV, HTML).
#[derive(Debug, Parser)]
#[command(
    name = "ergraph",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  ergraph                                  # seeds/ -> out/graph.{dot,graphml,json}\n  ergraph articles/ -o graphs -f json,graphml,gexf,html\n  ergraph --stdout json story.txt | jq '.links | length'\n  ergraph --jsonl news.jsonl -j 2 -o graphs\n  ergraph extract shard1/ --partial p1.json && ergraph merge p1.json p2.json -o out\n  ergraph --focus \"Kim Jong Un\" --depth 2 -f dot && dot -Tsvg out/graph.dot -o graph.svg\n  ergraph explain \"Sergei Shoigu\" \"Kim Jong Un\""
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub build: BuildArgs,
}

/// What to do instead of the default build.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read one shard of the corpus and write its partial graph (see `merge`)
    Extract(ExtractArgs),
    /// Merge partial graphs (from `extract`) into the exports
    Merge(MergeArgs),
    /// List entities with kind, mentions, documents and aliases
    Entities(QueryArgs),
    /// List relations with weight, date, sources and documents
    Relations(QueryArgs),
    /// Every relation between two entities, with evidence, documents and sources
    Explain(ExplainArgs),
    /// Where sources disagree: each movement counted differently, every estimate with its source, date and document
    Estimates(EstimatesArgs),
}

/// What to read and how: shared by the default command and `extract`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files and directories to read (directories: *.txt, recursively, in sorted order); `-` reads standard input as one document; default seeds/ when no --jsonl is given
    pub paths: Vec<PathBuf>,
    /// Read JSON Lines, one document a line: {"id", "text", optional "date", "title", "url"} (`-` for standard input; repeatable)
    #[arg(long, value_name = "FILE")]
    pub jsonl: Vec<PathBuf>,
    /// Add entities to the built-in lexicon or override them (TOML, same schema as data/lexicon.toml)
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Evidence sentences kept per edge (weight still counts all)
    #[arg(long, default_value_t = ergraph::graph::build::DEFAULT_MAX_EVIDENCE, value_name = "N")]
    pub max_evidence: usize,
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
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    /// Formats to write, comma-separated: dot, graphml, json, gexf, cyjs, csv (nodes.csv + edges.csv), html
    #[arg(short, long, value_delimiter = ',', default_value = "dot,graphml,json", value_parser = parse_format)]
    pub format: Vec<Format>,
    /// Write one export to standard output instead of files (any format but csv)
    #[arg(long, value_parser = parse_stdout_format, value_name = "FORMAT")]
    pub stdout: Option<Format>,
    /// Group DOT nodes into boxes: by their first document, or by kind
    #[arg(long, value_parser = parse_cluster, value_name = "document|kind")]
    pub dot_cluster: Option<Cluster>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

impl OutputArgs {
    /// How the exports are drawn.
    pub fn export_options(&self) -> ExportOptions {
        ExportOptions {
            dot_cluster: self.dot_cluster,
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

fn parse_cluster(s: &str) -> Result<Cluster, String> {
    Cluster::parse(s.trim())
        .ok_or_else(|| format!("unknown cluster {s:?} (expected document or kind)"))
}

impl InputArgs {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        let paths = if self.paths.is_empty() && self.jsonl.is_empty() {
            vec![PathBuf::from("seeds")]
        } else {
            self.paths.clone()
        };
        Options {
            paths,
            jsonl: self.jsonl.clone(),
            lexicons: self.lexicon.clone(),
            max_evidence: self.max_evidence.max(1),
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
