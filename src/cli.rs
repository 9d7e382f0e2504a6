//! The command line (clap derive), turned into the library's [`Options`].

use clap::Parser;
use ergraph::Options;
use ergraph::export::{Cluster, ExportOptions, Format};
use std::path::PathBuf;

/// ergraph: news articles in, an entity-relationship graph out (DOT, GraphML, JSON).
#[derive(Debug, Parser)]
#[command(
    name = "ergraph",
    version,
    about,
    after_help = "Examples:\n  ergraph                                  # seeds/ -> out/graph.{dot,graphml,json}\n  ergraph articles/ -o graphs -f json,graphml\n  ergraph --stdout json story.txt | jq '.links | length'\n  ergraph --lexicon extra.toml seeds/ && dot -Tsvg out/graph.dot -o graph.svg"
)]
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
        Args::command().debug_assert();
    }
}
