//! The command line (clap derive), turned into the library's [`Options`].
//!
//! Without a subcommand ergraph builds the graph and writes the exports
//! (`ergraph [PATHS] [-o DIR]`). Subcommands are variants of [`Command`]:
//! `extract` writes one shard's partial graph, `merge` turns partials into
//! the exports. A directory named like a subcommand is given as `./merge`.

use clap::{Args, Parser, Subcommand};
use ergraph::Options;
use ergraph::export::Format;
use std::path::PathBuf;

/// ergraph: news articles in, an entity-relationship graph out (DOT, GraphML, JSON).
#[derive(Debug, Parser)]
#[command(
    name = "ergraph",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  ergraph                                  # seeds/ -> out/graph.{dot,graphml,json}\n  ergraph articles/ -o graphs -f json,graphml\n  ergraph --stdout json story.txt | jq '.links | length'\n  ergraph --jsonl news.jsonl -j 2 -o graphs\n  ergraph extract shard1/ --partial p1.json && ergraph merge p1.json p2.json -o out\n  ergraph --lexicon extra.toml seeds/ && dot -Tsvg out/graph.dot -o graph.svg"
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
    /// Extraction threads (default: every core); the output is the same for any number
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print no summary, warnings or progress bar
    #[arg(short, long)]
    pub quiet: bool,
}

/// Where the exports go: shared by the default command and `merge`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Directory that receives graph.dot, graph.graphml and graph.json
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    /// Formats to write, comma-separated
    #[arg(short, long, value_delimiter = ',', default_value = "dot,graphml,json", value_parser = parse_format)]
    pub format: Vec<Format>,
    /// Write one export to standard output instead of files
    #[arg(long, value_parser = parse_format, value_name = "FORMAT")]
    pub stdout: Option<Format>,
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
    #[command(flatten)]
    pub output: OutputArgs,
    /// Print no summary
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s.trim())
        .ok_or_else(|| format!("unknown format {s:?} (expected dot, graphml or json)"))
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
}
