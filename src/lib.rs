//! ergraph reads news articles and builds an entity-relationship graph.
//!
//! The pipeline: `corpus` reads files into documents (decoding, dates, titles);
//! `text` splits them into sentences with byte spans and drops site furniture;
//! `mentions` finds entities (lexicon, titled names, organisations, coreference)
//! and quantities; `relations` turns each sentence into claims (met, agreed,
//! sent, reported, deployed_to) with their evidence; `graph` merges the claims
//! of every document into one petgraph multigraph; `export` writes it as DOT,
//! GraphML and JSON.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod error;
pub mod export;
pub mod graph;
