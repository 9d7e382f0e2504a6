//! Text: a document's body into [`Sentence`]s with byte spans, and sentences
//! into [`Token`]s. Site furniture and repeated lines are dropped here.

pub mod noise;
pub mod sentences;
pub mod tokens;

pub use sentences::{Sentence, split_sentences};
pub use tokens::{Token, TokenKind, lower_words, tokenize, tokenize_lowered};

/// Byte offsets into the original document, end-exclusive.
pub type Span = std::ops::Range<usize>;

/// The text of `span` in `text`, or "" when the span does not fit (never panics).
pub fn slice(text: &str, span: Span) -> &str {
    text.get(span).unwrap_or("")
}
