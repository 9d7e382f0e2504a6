//! Sentences into tokens: words (with inner hyphens, apostrophes and the dots
//! of "U.S."), numbers ("10,900", "1.5"), the possessive "'s" as a token of
//! its own, and single punctuation characters. Spans are document offsets.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// The possessive `'s` / `’s` (or a bare `'` after a plural).
    Possessive,
    Punct,
}

/// One token of a sentence, borrowing the sentence's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The token's text.
    pub text: &'a str,
    /// Lower case, with curly apostrophes made straight. Borrowed from the
    /// text when it is already lower case, or from the cue vocabulary when
    /// it is a cue word (so cue sets answer from the pointer, without
    /// hashing); owned only for other words that needed lower-casing.
    pub lower: Cow<'a, str>,
    /// The bits of the cue sets the lower-case word is a key of
    /// ([`crate::lexicon::patterns::CueSet::may`]).
    pub cues: u128,
    /// What the tokenizer saw of the token's shape ([`Token::CAPITALIZED`],
    /// [`Token::HYPHENATED`]), so the passes that ask about every token
    /// test a bit instead of decoding or scanning the text again.
    pub shape: u8,
}

impl Token<'_> {
    /// [`Token::shape`] bit: a word starting with an upper-case letter.
    pub const CAPITALIZED: u8 = 1;
    /// [`Token::shape`] bit: a word with a hyphen in it ("Russia-Ukraine").
    pub const HYPHENATED: u8 = 2;

    /// True when the word starts with an upper-case letter.
    #[inline]
    pub fn is_capitalized(&self) -> bool {
        self.shape & Token::CAPITALIZED != 0
    }

    /// True when the word has a hyphen in it.
    #[inline]
    pub fn is_hyphenated(&self) -> bool {
        self.shape & Token::HYPHENATED != 0
    }
}

/// The [`Token::shape`] bits of a word whose first character is `first`;
/// `hyphen` says whether the scan that cut it took a hyphen into it.
#[inline]
fn word_shape(first: char, hyphen: bool) -> u8 {
    (u8::from(first.is_uppercase()) * Token::CAPITALIZED) | (u8::from(hyphen) * Token::HYPHENATED)
}

use crate::lexicon::patterns::{PATTERNS, Vocab};
use std::borrow::Cow;

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The tokens' lower-case forms, one per token (`words[k]` is
/// `tokens[k].lower`): the word list every extraction pass reads.
pub fn lower_words<'a>(tokens: &'a [Token<'_>]) -> Vec<&'a str> {
    tokens.iter().map(|t| t.lower.as_ref()).collect()
}

/// Splits `text` (starting at document offset `base`) into tokens.
///
/// Walks the text by byte offset, decoding a character where it is looked
/// at, with no per-character buffer (a table of `(offset, char)` cost 16
/// bytes per character of every sentence in fresh memory).
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    tokenize_with(text, None, base)
}

/// [`tokenize`], given `lower`: `text` with its ASCII letters made lower case
/// (`str::make_ascii_lowercase`, so every byte offset is the same). An ASCII
/// word's lower case is borrowed from it instead of lower-cased into a fresh
/// `String` per capitalised word. A `lower` of another length is ignored.
pub fn tokenize_lowered<'a>(text: &'a str, lower: &'a str, base: usize) -> Vec<Token<'a>> {
    tokenize_with(text, (lower.len() == text.len()).then_some(lower), base)
}

/// [`tokenize_lowered`] into `out` (cleared first): a caller that tokenizes
/// sentence after sentence keeps one buffer ([`recycle`]) instead of
/// allocating a fresh one (of several kilobytes) per sentence.
pub fn tokenize_lowered_into<'a>(
    text: &'a str,
    lower: &'a str,
    base: usize,
    out: &mut Vec<Token<'a>>,
) {
    out.clear();
    tokenize_into(
        text,
        (lower.len() == text.len()).then_some(lower),
        base,
        out,
    );
}

/// An emptied vector with the allocation of `v`, for values of another
/// lifetime: the buffer outlives the sentence its tokens borrowed from.
/// (Collecting a vector's own iterator into a vector of a type of the same
/// size and alignment reuses its allocation; `v` is emptied first, so no
/// element is converted.)
pub fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None::<U>).collect()
}

fn tokenize_with<'a>(text: &'a str, lower: Option<&'a str>, base: usize) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    tokenize_into(text, lower, base, &mut out);
    out
}

fn tokenize_into<'a>(text: &'a str, lower: Option<&'a str>, base: usize, out: &mut Vec<Token<'a>>) {
    let cx = Cx {
        text,
        lower,
        base,
        vocab: &PATTERNS.vocab,
    };
    let bytes = text.as_bytes();
    // The character at byte offset `p` (a character boundary), if any; an
    // ASCII byte is its own character (no slicing, no decoding).
    let ch = |p: usize| match bytes.get(p) {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(p..).and_then(|s| s.chars().next()),
    };
    out.reserve(text.len() / 5 + 4);
    let mut i = 0;
    while let Some(c) = ch(i) {
        let start = i;
        let after = i + c.len_utf8();
        if c.is_whitespace() || c == '\u{feff}' {
            i = after;
            continue;
        }
        if c.is_ascii_digit() {
            // Digits, and a ',' or '.' between digits (all ASCII: one byte each).
            let mut j = after;
            loop {
                match bytes.get(j) {
                    Some(b) if b.is_ascii_digit() => j += 1,
                    Some(b',' | b'.') if bytes.get(j + 1).is_some_and(u8::is_ascii_digit) => {
                        j += 1;
                    }
                    _ => break,
                }
            }
            push(out, &cx, start, j, TokenKind::Number, true, 0);
            i = j;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = after;
            // The character before `j`.
            let mut prev = c;
            // Whether every character taken so far is ASCII (push need not rescan).
            let mut ascii = c.is_ascii();
            // Whether a hyphen joined two parts ([`Token::HYPHENATED`]).
            let mut hyphen = false;
            loop {
                // ASCII letters and digits continue the word whatever follows.
                let run = j;
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                if j > run {
                    prev = char::from(bytes[j - 1]);
                }
                let Some(d) = ch(j) else {
                    break;
                };
                let nj = j + d.len_utf8();
                // Only a joiner ('-', '.', an apostrophe; none alphanumeric)
                // looks at the character after it: a space ends the word
                // without decoding what follows.
                let joiner = d == '-' || d == '.' || is_apostrophe(d);
                let next = if joiner { ch(nj) } else { None };
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || joiner && next_alnum {
                    // Stop before a possessive 's so it becomes its own token
                    // ('s' is one byte, so the character after it is at nj + 1).
                    if is_apostrophe(d)
                        && next.is_some_and(|n| n == 's' || n == 'S')
                        && !ch(nj + 1).is_some_and(char::is_alphanumeric)
                    {
                        break;
                    }
                    // "U.S." keeps its dots; "end.Next" does not glue words.
                    if d == '.' && !(prev.is_uppercase() && next.is_some_and(char::is_uppercase)) {
                        break;
                    }
                    prev = d;
                    ascii &= d.is_ascii();
                    hyphen |= d == '-';
                    j = nj;
                } else {
                    break;
                }
            }
            // A trailing dot of an initialism ("U.S.") belongs to it.
            if ch(j) == Some('.')
                && prev.is_uppercase()
                && text[..j - prev.len_utf8()].ends_with('.')
            {
                j += 1;
            }
            push(
                out,
                &cx,
                start,
                j,
                TokenKind::Word,
                ascii,
                word_shape(c, hyphen),
            );
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            let s_next = ch(after).is_some_and(|n| n == 's' || n == 'S')
                && !ch(after + 1).is_some_and(char::is_alphanumeric);
            let after_word = out
                .last()
                .is_some_and(|t: &Token| t.end == base + start && t.kind == TokenKind::Word);
            if s_next && after_word {
                push(
                    out,
                    &cx,
                    start,
                    after + 1,
                    TokenKind::Possessive,
                    c.is_ascii(),
                    0,
                );
                i = after + 1;
                continue;
            }
            if after_word && out.last().is_some_and(|t| t.lower.ends_with('s')) {
                push(
                    out,
                    &cx,
                    start,
                    after,
                    TokenKind::Possessive,
                    c.is_ascii(),
                    0,
                );
                i = after;
                continue;
            }
        }
        push(out, &cx, start, after, TokenKind::Punct, c.is_ascii(), 0);
        i = after;
    }
}

/// What every token of one tokenize call shares.
struct Cx<'a> {
    text: &'a str,
    /// The text with ASCII letters lower-cased ([`tokenize_lowered`]).
    lower: Option<&'a str>,
    base: usize,
    vocab: &'static Vocab,
}

/// Pushes the token `start..end`; `ascii` says whether its text is all
/// ASCII, `shape` gives its [`Token::shape`] (the scan that cut it knows).
fn push<'a>(
    out: &mut Vec<Token<'a>>,
    cx: &Cx<'a>,
    start: usize,
    end: usize,
    kind: TokenKind,
    ascii: bool,
    shape: u8,
) {
    let (text, lower_text, base, vocab) = (cx.text, cx.lower, cx.base, cx.vocab);
    let t = &text[start..end];
    let b = t.as_bytes();
    // A cue word is borrowed from the vocabulary, with its set bits.
    let known = |w: &[u8]| vocab.find(w);
    // An ASCII word's slice of the lower-cased text is its lower case.
    let ascii_lower = || lower_text.and_then(|l| l.get(start..end));
    debug_assert_eq!(ascii, b.is_ascii());
    debug_assert_eq!(
        shape,
        if kind == TokenKind::Word {
            (u8::from(t.chars().next().is_some_and(char::is_uppercase)) * Token::CAPITALIZED)
                | (u8::from(t.contains('-')) * Token::HYPHENATED)
        } else {
            0
        }
    );
    let (lower, cues): (Cow<'a, str>, u128) = if ascii {
        if let Some(l) = ascii_lower() {
            match known(l.as_bytes()) {
                Some((w, c)) => (Cow::Borrowed(w), c),
                None => (Cow::Borrowed(l), 0),
            }
        } else if !b.iter().any(u8::is_ascii_uppercase) {
            match known(b) {
                Some((w, c)) => (Cow::Borrowed(w), c),
                None => (Cow::Borrowed(t), 0),
            }
        } else {
            // Short words (nearly all) are lower-cased on the stack and
            // only copied to the heap when they are no cue word.
            let mut buf = [0u8; 32];
            let found = match buf.get_mut(..b.len()) {
                Some(l) => {
                    l.copy_from_slice(b);
                    l.make_ascii_lowercase();
                    known(l)
                }
                None => known(t.to_ascii_lowercase().as_bytes()),
            };
            match found {
                Some((w, c)) => (Cow::Borrowed(w), c),
                None => (Cow::Owned(t.to_ascii_lowercase()), 0),
            }
        }
    } else {
        let lower = t.to_lowercase();
        let lower = if lower.contains('’') {
            lower.replace('’', "'")
        } else {
            lower
        };
        match known(lower.as_bytes()) {
            Some((w, c)) => (Cow::Borrowed(w), c),
            None if lower == t => (Cow::Borrowed(t), 0),
            None => (Cow::Owned(lower), 0),
        }
    };
    out.push(Token {
        start: base + start,
        end: base + end,
        kind,
        text: t,
        lower,
        cues,
        shape,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s, 0)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn a_reused_buffer_gives_the_tokens_a_fresh_one_does() {
        let sentences = [
            "Russia's S-400 deal was signed in Moscow.",
            "Über 5,000 troops’ arrival — the U.S. said.",
            "",
            "Kim met Putin.",
        ];
        let mut buf: Vec<Token<'static>> = Vec::new();
        let mut lower = String::new();
        for (k, s) in sentences.iter().enumerate() {
            lower.clear();
            lower.push_str(s);
            lower.make_ascii_lowercase();
            let mut tokens = recycle(std::mem::take(&mut buf));
            tokenize_lowered_into(s, &lower, 10 * k, &mut tokens);
            assert_eq!(tokens, tokenize_lowered(s, &lower, 10 * k), "{s}");
            let cap = tokens.capacity();
            buf = recycle(tokens);
            // The allocation is kept, emptied, for the next sentence.
            assert!(buf.is_empty() && buf.capacity() == cap);
        }
    }

    #[test]
    fn shape_bits_say_capitalised_and_hyphenated_words() {
        let text = "Über 5,000 Russia-Ukraine troops, ninety-three Su-24s and U.S. \
                    jets ('Élan' co-founder's) - Kim’s.";
        let tokens = tokenize(text, 0);
        for t in &tokens {
            let word = t.kind == TokenKind::Word;
            let upper = t.text.chars().next().is_some_and(char::is_uppercase);
            assert_eq!(t.is_capitalized(), word && upper, "{}", t.text);
            assert_eq!(
                t.is_hyphenated(),
                word && t.text.contains('-'),
                "{}",
                t.text
            );
        }
        let shaped = |s: &str| tokens.iter().find(|t| t.text == s).map(|t| t.shape);
        let both = Token::CAPITALIZED | Token::HYPHENATED;
        assert_eq!(shaped("Über"), Some(Token::CAPITALIZED));
        assert_eq!(shaped("Russia-Ukraine"), Some(both));
        assert_eq!(shaped("Su-24s"), Some(both));
        assert_eq!(shaped("ninety-three"), Some(Token::HYPHENATED));
        assert_eq!(shaped("co-founder"), Some(Token::HYPHENATED));
        assert_eq!(shaped("troops"), Some(0));
        assert_eq!(shaped("-"), Some(0));
        assert_eq!(shaped("5,000"), Some(0));
    }

    #[test]
    fn possessives_split_from_names() {
        assert_eq!(
            texts("Russia’s Kursk region"),
            ["Russia", "’s", "Kursk", "region"]
        );
        assert_eq!(
            texts("Seoul's spy agency"),
            ["Seoul", "'s", "spy", "agency"]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(
            texts("about 10,900 troops, 1.5 million."),
            ["about", "10,900", "troops", ",", "1.5", "million", "."]
        );
    }

    #[test]
    fn hyphenated_names_and_initialisms_stay_whole() {
        assert_eq!(
            texts("Lee Seong-kweun met U.S. envoys."),
            ["Lee", "Seong-kweun", "met", "U.S.", "envoys", "."]
        );
        assert_eq!(
            texts("the Russia-Ukraine border"),
            ["the", "Russia-Ukraine", "border"]
        );
    }

    /// The tokenizer as it was before it walked by byte offset, over a
    /// table of characters: the new one must cut exactly where it did.
    fn tokenize_reference(text: &str, base: usize) -> Vec<(usize, usize, TokenKind)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out: Vec<(usize, usize, TokenKind)> = Vec::new();
        let mut i = 0;
        let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        let push = |out: &mut Vec<_>, s: usize, e: usize, k| out.push((base + s, base + e, k));
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() || c == '\u{feff}' {
                i += 1;
                continue;
            }
            if c.is_ascii_digit() {
                let mut j = i + 1;
                while j < chars.len() {
                    let d = chars[j].1;
                    let next_digit = chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                    if d.is_ascii_digit() || ((d == ',' || d == '.') && next_digit) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                push(&mut out, start, end_of(j), TokenKind::Number);
                i = j;
                continue;
            }
            if c.is_alphanumeric() {
                let mut j = i + 1;
                while j < chars.len() {
                    let d = chars[j].1;
                    let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                    if d.is_alphanumeric()
                        || (d == '-' || d == '.' || is_apostrophe(d)) && next_alnum
                    {
                        if is_apostrophe(d)
                            && chars.get(j + 1).is_some_and(|n| n.1 == 's' || n.1 == 'S')
                            && !chars.get(j + 2).is_some_and(|n| n.1.is_alphanumeric())
                        {
                            break;
                        }
                        if d == '.'
                            && !(chars[j - 1].1.is_uppercase() && chars[j + 1].1.is_uppercase())
                        {
                            break;
                        }
                        j += 1;
                    } else {
                        break;
                    }
                }
                if j < chars.len()
                    && chars[j].1 == '.'
                    && j >= 2
                    && chars[j - 2].1 == '.'
                    && chars[j - 1].1.is_uppercase()
                {
                    j += 1;
                }
                push(&mut out, start, end_of(j), TokenKind::Word);
                i = j;
                continue;
            }
            if is_apostrophe(c) {
                let s_next = chars.get(i + 1).is_some_and(|n| n.1 == 's' || n.1 == 'S')
                    && !chars.get(i + 2).is_some_and(|n| n.1.is_alphanumeric());
                let after_word = out
                    .last()
                    .is_some_and(|t| t.1 == base + start && t.2 == TokenKind::Word);
                if s_next && after_word {
                    push(&mut out, start, end_of(i + 2), TokenKind::Possessive);
                    i += 2;
                    continue;
                }
                let last_s = out.last().is_some_and(|t| {
                    text[t.0 - base..t.1 - base]
                        .to_lowercase()
                        .replace('’', "'")
                        .ends_with('s')
                });
                if after_word && last_s {
                    push(&mut out, start, end_of(i + 1), TokenKind::Possessive);
                    i += 1;
                    continue;
                }
            }
            push(&mut out, start, end_of(i + 1), TokenKind::Punct);
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokenize_cuts_where_the_per_character_tokenizer_did(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                ".", "!", " ", "\t", "\u{2003}", "\u{feff}", "\"", "'", "’", "s", "S", "-", ",",
                "A", "a", "1", "U", "K", "Ꞩ", "ǅ", "ß", "İ", "김", "Ж", "ж", "word", "Gen", "9",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            let got: Vec<(usize, usize, TokenKind)> =
                tokenize(&text, 7).iter().map(|t| (t.start, t.end, t.kind)).collect();
            proptest::prop_assert_eq!(got, tokenize_reference(&text, 7));
            for t in tokenize(&text, 7) {
                let want = t.text.to_lowercase().replace('’', "'");
                proptest::prop_assert_eq!(t.lower.as_ref(), want.as_str());
            }
            // Borrowing the lower case from a lower-cased copy changes nothing.
            let lower = text.to_ascii_lowercase();
            proptest::prop_assert_eq!(tokenize_lowered(&text, &lower, 7), tokenize(&text, 7));
        }
    }

    #[test]
    fn spans_are_document_offsets() {
        let t = tokenize("Kim met", 10);
        assert_eq!((t[1].start, t[1].end), (14, 17));
    }
}
