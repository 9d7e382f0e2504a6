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

/// A Latin letter without its accent.
pub fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// `text` with its Latin letters' accents dropped ("López" is "Lopez").
pub fn fold_accents(text: &str) -> String {
    text.chars().map(fold_char).collect()
}
