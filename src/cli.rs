//! The command line (clap derive), turned into the library's [`Options`],
//! [`ExportOptions`] and [`Filter`].
//!
//! `ergraph [PATHS]` builds and writes the graph (the build arguments are
//! flattened at the top level, so today's invocations keep working); the
//! subcommands answer questions about the graph instead.

use clap::{Args as ClapArgs, Parser, Subcommand};
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
    after_help = "Examples:\n  ergraph                                  # seeds/ -> out/graph.{dot,graphml,json}\n  ergraph articles/ -o graphs -f json,graphml\n  ergraph -f gexf,cyjs,csv,html --focus \"Kim Jong Un\" --depth 2\n  ergraph --stdout json story.txt | jq '.links | length'\n  ergraph --lexicon extra.toml seeds/ && dot -Tsvg out/graph.dot -o graph.svg\n  ergraph explain \"Sergei Shoigu\" \"Kim Jong Un\""
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub build: Args,
}

/// Questions about the graph, answered as aligned tables (or `--json`).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List entities with kind, mentions, documents and aliases
    Entities(QueryArgs),
    /// List relations with weight, date, sources and documents
    Relations(QueryArgs),
    /// Every relation between two entities, with evidence, documents and sources
    Explain(ExplainArgs),
}

/// Arguments of `entities` and `relations`.
#[derive(Debug, ClapArgs)]
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
#[derive(Debug, ClapArgs)]
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

/// What the query subcommands read (as the build command does).
#[derive(Debug, ClapArgs)]
pub struct InputArgs {
    /// Files and directories to read (directories: *.txt, recursively, in sorted order)
    #[arg(default_value = "seeds")]
    pub paths: Vec<PathBuf>,
    /// Add entities to the built-in lexicon or override them
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Evidence sentences kept per edge (weight still counts all)
    #[arg(long, default_value_t = ergraph::graph::build::DEFAULT_MAX_EVIDENCE, value_name = "N")]
    pub max_evidence: usize,
    /// Exit with an error when any input is skipped
    #[arg(long)]
    pub strict: bool,
    /// Print no warnings
    #[arg(short, long)]
    pub quiet: bool,
}

impl InputArgs {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        Options {
            paths: self.paths.clone(),
            lexicons: self.lexicon.clone(),
            max_evidence: self.max_evidence.max(1),
            strict: self.strict,
        }
    }
}

/// Filters common to every export and query.
#[derive(Debug, Clone, ClapArgs)]
pub struct FilterArgs {
    /// Keep only these relations (comma-separated: met, agreed, sent, reported, deployed_to)
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

/// What the default command (build and write the graph) takes.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Files and directories to read (directories: *.txt, recursively, in sorted order)
    #[arg(default_value = "seeds")]
    pub paths: Vec<PathBuf>,
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
    /// Add entities to the built-in lexicon or override them (TOML, same schema as data/lexicon.toml)
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Evidence sentences kept per edge (weight still counts all)
    #[arg(long, default_value_t = ergraph::graph::build::DEFAULT_MAX_EVIDENCE, value_name = "N")]
    pub max_evidence: usize,
    /// Exit with an error and write nothing when any input is skipped
    #[arg(long)]
    pub strict: bool,
    /// Print no summary or warnings
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
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

impl Args {
    /// How the exports are drawn.
    pub fn export_options(&self) -> ExportOptions {
        ExportOptions {
            dot_cluster: self.dot_cluster,
        }
    }

    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        Options {
            paths: self.paths.clone(),
            lexicons: self.lexicon.clone(),
            max_evidence: self.max_evidence.max(1),
            strict: self.strict,
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
    fn default_command_still_takes_paths() {
        let cli = Cli::try_parse_from([
            "ergraph", "seeds", "-o", "x", "--focus", "Kim", "--depth", "2",
        ])
        .expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.build.paths, [PathBuf::from("seeds")]);
        assert_eq!(cli.build.filter.filter().depth, 2);
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
