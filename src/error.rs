//! [`Error`] (fatal: the run stops and writes nothing) and [`Warning`]
//! (skipped or repaired input: the run goes on and reports it).
//!
//! Messages name the place first (file, line, column or byte), then what was
//! expected and what was found; lower case, no full stop.

use std::fmt;
use std::path::PathBuf;

/// A problem that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A lexicon or pattern file is malformed or contradicts itself.
    #[error("{path}:{line}:{column}: {message}")]
    Data {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The output directory cannot take the exports.
    #[error("{}: output directory is not writable: {reason}", path.display())]
    OutDir { path: PathBuf, reason: String },
    /// An input is unusable and `--strict` forbids skipping it.
    #[error("{path}: {message} (--strict)")]
    Strict { path: String, message: String },
    /// A partial graph file is malformed.
    #[error("{path}: {message}")]
    Partial { path: String, message: String },
    /// An input cannot be read as it must be (a JSON Lines line past the cap).
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    /// Nothing was given to read.
    #[error("{0}")]
    NoInput(String),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Skipped or repaired input, reported beside the graph of the good files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The file (or `-` for standard input, `FILE:LINE` for JSON Lines).
    pub path: String,
    /// What happened, e.g. "invalid UTF-8 at byte 1043, replaced".
    pub message: String,
    /// True when the input was skipped altogether (counted in the summary).
    pub skipped: bool,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Escapes control and bidi characters of input text quoted in a message.
pub fn quote_input(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else if c == '"' || c == '\\' {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}
