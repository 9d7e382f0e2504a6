//! Text: a document's body into [`Sentence`]s with byte spans, and sentences
//! into [`Token`]s. Site furniture and repeated lines are dropped here.

pub mod noise;
pub mod sentences;
pub mod tokens;

pub use sentences::{split_sentences, Sentence};
pub use tokens::{tokenize, Token, TokenKind};

/// Byte offsets into the original document, end-exclusive.
pub type Span = std::ops::Range<usize>;

/// The text of `span` in `text`, or "" when the span does not fit (never panics).
pub fn slice(text: &str, span: Span) -> &str {
    text.get(span).unwrap_or("")
}
