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
    /// [`Token::shape`] bit: a word with a dot or an apostrophe in it
    /// ("U.S.", "O’Brien"): with [`Token::HYPHENATED`], the words in which
    /// a name may start after the word's first character (the lexicon
    /// matcher walks only those byte by byte).
    pub const JOINED: u8 = 4;

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
/// `joins` gives the bits of the joiners the scan that cut it took into it
/// ([`Token::HYPHENATED`], [`Token::JOINED`]).
#[inline]
fn word_shape(first: char, joins: u8) -> u8 {
    (u8::from(first.is_uppercase()) * Token::CAPITALIZED) | joins
}

use super::Span;
use crate::lexicon::patterns::{PATTERNS, Vocab};
use std::borrow::Cow;
use std::sync::LazyLock;

#[cfg(test)]
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

// The byte classes of the tokenizer's walk: one table look-up tells what an
// ASCII byte can do (end a token, start or continue a word or number, join
// two parts of a word); a byte of a longer UTF-8 character is `HIGH`, and only
// then is the character decoded.
/// `char::is_whitespace` of an ASCII byte (tab, line feed, vertical tab, form
/// feed, carriage return, space).
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
/// '-', '.', '\'': continue a word only before a letter or digit.
const JOIN: u8 = 16;
/// A byte of a multi-byte character (0x80..=0xFF).
const HIGH: u8 = 32;
const ALNUM: u8 = DIGIT | UPPER | LOWER;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if matches!(c, b'-' | b'.' | b'\'') {
            JOIN
        } else {
            0
        };
        b += 1;
    }
    t
};

#[inline(always)]
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// The character at byte offset `p` of `text` (a character boundary), if any;
/// an ASCII byte is its own character, with no slicing and no decoding.
#[inline(always)]
fn char_at(text: &str, p: usize) -> Option<char> {
    match text.as_bytes().get(p) {
        None => None,
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(p..).and_then(|s| s.chars().next()),
    }
}

/// `char::is_alphanumeric` of a character past ASCII, answered without the
/// Unicode tables (a binary search of hundreds of instructions) for the
/// ones news text is full of: the General Punctuation block (curly quotes,
/// dashes, spaces), where none is a letter or digit, and the letters of
/// Latin-1 and Latin Extended-A and -B, where all are but '×' and '÷'
/// (the test `is_alnum_is_char_is_alphanumeric` checks every character of
/// both ranges).
#[inline(always)]
fn is_alnum(c: char) -> bool {
    match c {
        '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// True when the character at `p` is a letter or a digit (what
/// `char::is_alphanumeric` says), from the class table for an ASCII byte.
#[inline(always)]
fn alnum_at(text: &str, p: usize) -> bool {
    match text.as_bytes().get(p) {
        None => false,
        Some(&b) if b < 0x80 => class(b) & ALNUM != 0,
        Some(_) => char_at(text, p).is_some_and(is_alnum),
    }
}

/// True when the character at `p` is 's' or 'S' and no letter or digit
/// follows it: what makes an apostrophe before it a possessive "'s".
#[inline]
fn possessive_s_at(text: &str, p: usize) -> bool {
    matches!(text.as_bytes().get(p), Some(b's' | b'S')) && !alnum_at(text, p + 1)
}

/// The lower case and cue bits of each one-byte token, looked up once
/// (index: the token's byte): punctuation and one-letter words, a sixth of
/// all tokens, are answered without hashing.
static SINGLE: LazyLock<[Option<(&'static str, u128)>; 128]> = LazyLock::new(|| {
    let vocab = &PATTERNS.vocab;
    std::array::from_fn(|b| {
        let lower = (b as u8).to_ascii_lowercase();
        vocab.find(&[lower])
    })
});

fn tokenize_into<'a>(text: &'a str, lower: Option<&'a str>, base: usize, out: &mut Vec<Token<'a>>) {
    let cx = Cx {
        text,
        lower,
        base,
        vocab: &PATTERNS.vocab,
        single: &SINGLE,
    };
    let bytes = text.as_bytes();
    let n = bytes.len();
    out.reserve(n / 5 + 4);
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let cls = class(b);
        if cls & SPACE != 0 {
            i += 1;
            continue;
        }
        if cls & DIGIT != 0 {
            // Digits, and a ',' or '.' between digits (all ASCII: one byte each).
            let mut j = i + 1;
            while j < n {
                let d = bytes[j];
                if d.is_ascii_digit() {
                    j += 1;
                } else if (d == b',' || d == b'.')
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            push_other(out, &cx, i..j, TokenKind::Number);
            i = j;
            continue;
        }
        if cls & (UPPER | LOWER) != 0 {
            let (j, ascii, joins) = scan_word(text, i + 1, char::from(b));
            let shape = (u8::from(cls & UPPER != 0) * Token::CAPITALIZED) | joins;
            if ascii {
                push_ascii(out, &cx, i..j, TokenKind::Word, shape);
            } else {
                push(out, &cx, i, j, TokenKind::Word, false, shape);
            }
            i = j;
            continue;
        }
        if cls & HIGH == 0 {
            // ASCII punctuation (the apostrophe may be a possessive).
            let after = i + 1;
            if b == b'\''
                && let Some(end) = possessive_end(out, &cx, i, after)
            {
                push_other(out, &cx, i..end, TokenKind::Possessive);
                i = end;
                continue;
            }
            push_other(out, &cx, i..after, TokenKind::Punct);
            i = after;
            continue;
        }
        // A character of more than one byte: decoded, the one slow path.
        let Some(c) = char_at(text, i) else {
            break;
        };
        let after = i + c.len_utf8();
        if c.is_whitespace() || c == '\u{feff}' {
            i = after;
            continue;
        }
        if is_alnum(c) {
            let (j, _, joins) = scan_word(text, after, c);
            push(out, &cx, i, j, TokenKind::Word, false, word_shape(c, joins));
            i = j;
            continue;
        }
        if c == '’'
            && let Some(end) = possessive_end(out, &cx, i, after)
        {
            push(out, &cx, i, end, TokenKind::Possessive, false, 0);
            i = end;
            continue;
        }
        push(out, &cx, i, after, TokenKind::Punct, false, 0);
        i = after;
    }
}

/// Where a possessive starting with the apostrophe at `start..after` ends:
/// "'s" after a word, or a bare apostrophe after a word ending in 's'
/// ("troops’"); `None` when the apostrophe is punctuation.
#[inline]
fn possessive_end(out: &[Token], cx: &Cx, start: usize, after: usize) -> Option<usize> {
    let last = out.last()?;
    if last.end != cx.base + start || last.kind != TokenKind::Word {
        return None;
    }
    if possessive_s_at(cx.text, after) {
        Some(after + 1)
    } else {
        last.lower.ends_with('s').then_some(after)
    }
}

/// The end of the word whose first character `first` ends at `j`: letters
/// and digits, and a hyphen, apostrophe or dot between two of them, except
/// the apostrophe of a possessive "'s" and a dot that does not join two
/// capitals ("U.S." keeps its dots; "end.Next" does not glue words); the
/// trailing dot of an initialism belongs to it. Also says whether every
/// character is ASCII, and the [`Token::shape`] bits of the joiners taken
/// ([`Token::HYPHENATED`] for a hyphen, [`Token::JOINED`] for a dot or an
/// apostrophe). Inlined into the walk: it runs once per word.
#[inline(always)]
fn scan_word(text: &str, mut j: usize, first: char) -> (usize, bool, u8) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut ascii = first.is_ascii();
    let mut joins = 0u8;
    // The character before `j`: whether it is upper case, and its length.
    let mut prev_upper = first.is_uppercase();
    let mut prev_len = first.len_utf8();
    loop {
        // ASCII letters and digits continue the word whatever follows.
        let run = j;
        while j < n && class(bytes[j]) & ALNUM != 0 {
            j += 1;
        }
        if j > run {
            prev_upper = bytes[j - 1].is_ascii_uppercase();
            prev_len = 1;
        }
        let Some(&d) = bytes.get(j) else {
            break;
        };
        let cd = class(d);
        if cd & JOIN != 0 {
            // Only a joiner looks at the character after it: a space ends
            // the word without decoding what follows.
            let nj = j + 1;
            let Some(next) = char_at(text, nj) else {
                break;
            };
            if !is_alnum(next) {
                break;
            }
            if d == b'\'' && possessive_s_at(text, nj) {
                break;
            }
            if d == b'.' && !(prev_upper && next.is_uppercase()) {
                break;
            }
            joins |= if d == b'-' {
                Token::HYPHENATED
            } else {
                Token::JOINED
            };
            prev_upper = false;
            prev_len = 1;
            j = nj;
            continue;
        }
        if cd & HIGH == 0 {
            break;
        }
        let Some(c) = char_at(text, j) else {
            break;
        };
        let nj = j + c.len_utf8();
        if is_alnum(c) {
            prev_upper = c.is_uppercase();
        } else if c == '’' && alnum_at(text, nj) && !possessive_s_at(text, nj) {
            prev_upper = false;
            joins |= Token::JOINED;
        } else {
            break;
        }
        ascii = false;
        prev_len = c.len_utf8();
        j = nj;
    }
    // A trailing dot of an initialism ("U.S.") belongs to it.
    // (The dot before may be the text's, not the word's: ".A." gives "A.",
    // which holds a dot all the same.)
    if prev_upper && bytes.get(j) == Some(&b'.') && j > prev_len && bytes[j - prev_len - 1] == b'.'
    {
        j += 1;
        joins |= Token::JOINED;
    }
    (j, ascii, joins)
}

/// What every token of one tokenize call shares.
struct Cx<'a> {
    text: &'a str,
    /// The text with ASCII letters lower-cased ([`tokenize_lowered`]).
    lower: Option<&'a str>,
    base: usize,
    vocab: &'static Vocab,
    single: &'static [Option<(&'static str, u128)>; 128],
}

/// Pushes the all-ASCII token `start..end` ([`push`]'s common case): its
/// lower case is the slice of the lower-cased text (or the token itself when
/// it has no capital), a one-byte token's cue bits come from [`SINGLE`], and
/// no token allocates unless it is a capitalised word with no lower-cased
/// text to borrow from.
/// Inlined where words are pushed (most tokens); [`push_other`] elsewhere.
#[inline(always)]
fn push_ascii<'a>(out: &mut Vec<Token<'a>>, cx: &Cx<'a>, span: Span, kind: TokenKind, shape: u8) {
    let Span { start, end } = span;
    let Some(t) = cx.text.get(start..end) else {
        return push(out, cx, start, end, kind, true, shape);
    };
    let lower = match cx.lower.and_then(|l| l.get(start..end)) {
        Some(l) => l,
        None if shape & Token::CAPITALIZED == 0 && !t.bytes().any(|b| b.is_ascii_uppercase()) => t,
        None => return push(out, cx, start, end, kind, true, shape),
    };
    let found = if end - start == 1 {
        cx.single[usize::from(t.as_bytes()[0] & 0x7f)]
    } else {
        cx.vocab.find(lower.as_bytes())
    };
    let (lower, cues) = match found {
        Some((w, c)) => (Cow::Borrowed(w), c),
        None => (Cow::Borrowed(lower), 0),
    };
    debug_assert_eq!(lower, t.to_ascii_lowercase());
    out.push(Token {
        start: cx.base + start,
        end: cx.base + end,
        kind,
        text: t,
        lower,
        cues,
        shape,
    });
}

/// [`push_ascii`] of an ASCII number, possessive or punctuation token (shape 0).
#[inline]
fn push_other<'a>(out: &mut Vec<Token<'a>>, cx: &Cx<'a>, span: Span, kind: TokenKind) {
    push_ascii(out, cx, span, kind, 0);
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
                | (u8::from(t.contains(['.', '\'', '’'])) * Token::JOINED)
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
            assert_eq!(
                t.shape & Token::JOINED != 0,
                word && t.text.contains(['.', '\'', '’']),
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
        // A word that took the dot after it holds a dot too (".A." gives "A.").
        let tokens = tokenize(".A.", 0);
        assert_eq!(tokens[1].text, "A.");
        assert_eq!(tokens[1].shape, Token::CAPITALIZED | Token::JOINED);
        let tokens = tokenize("U.S. O’Brien rock'n'roll co-pilot's e.g", 0);
        let shapes: Vec<(&str, u8)> = tokens.iter().map(|t| (t.text, t.shape)).collect();
        let joined = Token::CAPITALIZED | Token::JOINED;
        assert_eq!(
            shapes,
            [
                ("U.S.", joined),
                ("O’Brien", joined),
                ("rock'n'roll", Token::JOINED),
                ("co-pilot", Token::HYPHENATED),
                ("'s", 0),
                ("e", 0),
                (".", 0),
                ("g", 0)
            ]
        );
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

    /// Every ASCII byte, in every place the walk treats apart (starting a
    /// token, inside and at the end of a word, after a digit, before an
    /// 's', between capitals), cuts where the per-character tokenizer cut,
    /// with the same lower case and shape: a byte put in the wrong class
    /// (a missing space, a joiner too many) fails here.
    #[test]
    fn every_ascii_byte_is_classed_as_the_per_character_tokenizer_reads_it() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let text = format!("A{c}a {c}1 U.{c}S 1{c}2 x{c}s {c}{c}Bq 9,{c}0 ab{c} Z{c}\u{e9}{c}");
            let got: Vec<(usize, usize, TokenKind)> = tokenize(&text, 3)
                .iter()
                .map(|t| (t.start, t.end, t.kind))
                .collect();
            assert_eq!(got, tokenize_reference(&text, 3), "byte {b:#x}");
            let lower = text.to_ascii_lowercase();
            for t in tokenize_lowered(&text, &lower, 3) {
                let want = t.text.to_lowercase().replace('\u{2019}', "'");
                assert_eq!(t.lower, want, "byte {b:#x}");
                let upper = t.text.chars().next().is_some_and(char::is_uppercase);
                let word = t.kind == TokenKind::Word;
                assert_eq!(t.is_capitalized(), word && upper, "{b:#x} {}", t.text);
            }
        }
    }

    /// The tokens of `s`, each with its kind's initial (Word, Number,
    /// Possessive, Punct), space-separated.
    fn kinds(s: &str) -> String {
        let kind = |k| match k {
            TokenKind::Word => 'W',
            TokenKind::Number => 'N',
            TokenKind::Possessive => 'P',
            TokenKind::Punct => '.',
        };
        let tokens: Vec<String> = tokenize(s, 0)
            .iter()
            .map(|t| format!("{}/{}", t.text, kind(t.kind)))
            .collect();
        tokens.join(" ")
    }

    #[test]
    fn letters_past_ascii_continue_and_start_words() {
        assert_eq!(
            texts("Zürich-based Ólafur met Łukasz in Kyiv\u{2019}s Майдан."),
            [
                "Zürich-based",
                "Ólafur",
                "met",
                "Łukasz",
                "in",
                "Kyiv",
                "\u{2019}s",
                "Майдан",
                "."
            ]
        );
        let t = tokenize("Ólafur Ærø-fjord", 0);
        assert_eq!(t[0].shape, Token::CAPITALIZED);
        assert_eq!(t[1].shape, Token::CAPITALIZED | Token::HYPHENATED);
        assert_eq!(t[1].lower, "ærø-fjord");
        // A no-break space and an em space end a word.
        assert_eq!(texts("Kim\u{a0}Jong\u{2003}Un"), ["Kim", "Jong", "Un"]);
    }

    #[test]
    fn curly_and_straight_apostrophes() {
        assert_eq!(
            kinds("O\u{2019}Brien\u{2019}s troops\u{2019} arms 'quoted' rock'n'roll"),
            "O\u{2019}Brien/W \u{2019}s/P troops/W \u{2019}/P arms/W '/. quoted/W '/. rock'n'roll/W"
        );
        // The lower case of a curly apostrophe is straight; a possessive 'S too.
        let t = tokenize("KIM\u{2019}S O\u{2019}Neil", 0);
        assert_eq!(t[1].lower, "'s");
        assert_eq!(t[2].lower, "o'neil");
    }

    #[test]
    fn hyphens_join_only_between_letters_or_digits() {
        assert_eq!(
            texts("Su-24s -5 well- known ninety-three-year-old x--y"),
            [
                "Su-24s",
                "-",
                "5",
                "well",
                "-",
                "known",
                "ninety-three-year-old",
                "x",
                "-",
                "-",
                "y"
            ]
        );
    }

    #[test]
    fn digits_with_commas_and_dots() {
        assert_eq!(
            kinds("1,000. 3.5.2 5,a 10,900,000 2024-25 5th"),
            "1,000/N ./. 3.5.2/N 5/N ,/. a/W 10,900,000/N 2024/N -/. 25/N 5/N th/W"
        );
    }

    #[test]
    fn initialisms_keep_their_dots_and_sentence_dots_do_not_glue() {
        assert_eq!(
            texts("U.S.-led U.N. said. Then e.g. Ü.S. end.Next J.R.R."),
            [
                "U.S.", "-", "led", "U.N.", "said", ".", "Then", "e", ".", "g", ".", "Ü.S.", "end",
                ".", "Next", "J.R.R."
            ]
        );
    }

    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        // Every character of the ranges answered without the tables, and
        // the ones around them.
        for u in 0..0x2100u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{u:04X}");
            }
        }
        for c in ['\u{10000}', '김', 'Ж', 'ǅ', '\u{feff}', '\u{3000}'] {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c}");
        }
    }

    #[test]
    fn spans_are_document_offsets() {
        let t = tokenize("Kim met", 10);
        assert_eq!((t[1].start, t[1].end), (14, 17));
    }
}
