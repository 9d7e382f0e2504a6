//! The command line (clap derive), turned into the library's [`Options`].

use clap::Parser;
use ergraph::Options;
use ergraph::export::Format;
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
    /// Formats to write, comma-separated
    #[arg(short, long, value_delimiter = ',', default_value = "dot,graphml,json", value_parser = parse_format)]
    pub format: Vec<Format>,
    /// Write one export to standard output instead of files
    #[arg(long, value_parser = parse_format, value_name = "FORMAT")]
    pub stdout: Option<Format>,
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

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s.trim())
        .ok_or_else(|| format!("unknown format {s:?} (expected dot, graphml or json)"))
}

impl Args {
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
