//! A document's body into sentences with byte spans into the original text.
//!
//! Lines are paragraphs. Furniture lines (`noise`), lines of fewer than four
//! words without sentence punctuation (section labels, place widgets), and
//! everything from a trailer line in the last part of the document (author
//! boxes) are dropped. Inside a line, a sentence ends at `.`, `!` or `?`
//! (with closing quotes) followed by a space and a capital, a digit or a quote,
//! unless the word before the dot is a known abbreviation or an initial. A
//! sentence repeated in a page (a photo caption shown twice) is kept once,
//! also when the copies differ only in their quotes, apostrophes or spacing
//! (see [`repeat_key`]). Sentences longer
//! than [`MAX_SENTENCE_BYTES`] are cut at a space, so text without punctuation
//! costs linear time.

use super::noise;
use crate::corpus::meta;
use crate::lexicon::patterns::PATTERNS;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Longest sentence handed to later stages; longer runs are cut at a space.
pub const MAX_SENTENCE_BYTES: usize = 1500;

/// One sentence: its span in the document and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// True for a headline-like line (no sentence punctuation at its end).
    pub headline: bool,
}

/// Splits the body of `text` (from `body_start`) into sentences.
pub fn split_sentences(text: &str, body_start: usize) -> Vec<Sentence> {
    split_page(text, body_start, 0, text.len())
}

/// [`split_sentences`] for a page of a longer document: `text` starts at byte
/// `base` of a document of `doc_len` bytes, so "the last part", where a
/// trailer line ends the article, is that of the document, not of the page.
/// Spans stay offsets in `text`.
pub fn split_page(text: &str, body_start: usize, base: usize, doc_len: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    // Borrowed from `text` unless typography had to be folded.
    let mut seen: FxHashSet<Cow<str>> = FxHashSet::default();
    let body_start = body_start.min(text.len());
    let mut offset = body_start;
    let total = doc_len.max(text.len()).max(1);
    // The sentences of a line, and of one over-long sentence: buffers kept
    // from line to line.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut capped: Vec<(usize, usize)> = Vec::new();
    for raw_line in lines_inclusive(&text[body_start..]) {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim().trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            continue;
        }
        // An author box or trailer in the last part ends the article.
        if (base + line_start) * 10 >= total * 6 && noise::is_trailer_line(trimmed) {
            break;
        }
        if noise::is_noise_line(trimmed) || meta::is_dateline(trimmed) {
            continue;
        }
        let terminal = trimmed.ends_with(['.', '!', '?', '"', '”', '’']);
        // Counting stops at four words: a paragraph is not walked to its end.
        if !terminal && trimmed.split_whitespace().take(4).count() < 4 {
            continue;
        }
        pieces.clear();
        split_line_into(line, &mut pieces);
        // A line with nothing to fold has no sentence with anything to fold.
        let plain = !foldable(line);
        for &(s, e) in &pieces {
            capped.clear();
            if e - s > MAX_SENTENCE_BYTES {
                cap_length(line, s, e, &mut capped);
            } else {
                // Already trimmed: what cap_length would give.
                capped.push((s, e));
            }
            for &(s, e) in &capped {
                let sentence = &line[s..e];
                let key = if plain {
                    Cow::Borrowed(sentence)
                } else {
                    repeat_key(sentence)
                };
                if !seen.insert(key) {
                    continue;
                }
                out.push(Sentence {
                    start: line_start + s,
                    end: line_start + e,
                    text: sentence.to_string(),
                    headline: !terminal,
                });
            }
        }
    }
    out
}

/// What two copies of one sentence share: the sentence with curly quotes and
/// apostrophes made straight and every run of spaces (a no-break space too)
/// made one space. A page that prints a photo caption twice, once with `'` and
/// once with `’`, says it once. Borrowed when there is nothing to fold (ASCII
/// text with single spaces), so the common case costs no copy.
fn repeat_key(sentence: &str) -> Cow<'_, str> {
    if !foldable(sentence) {
        return Cow::Borrowed(sentence);
    }
    // Runs of ASCII bytes (words with single spaces between them) are
    // copied whole; only a character of more than one byte is decoded (a character at a time
    // cost a decode and an encode for every byte of every sentence with a
    // curly quote, most sentences of real news).
    let bytes = sentence.as_bytes();
    let n = bytes.len();
    let mut key = String::with_capacity(n);
    let mut space = false;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b.is_ascii() {
            // `char::is_whitespace` of an ASCII byte.
            if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                space = true;
                i += 1;
                continue;
            }
            if space {
                key.push(' ');
                space = false;
            }
            // The run goes on over a single space before another byte of
            // this kind (what the fold leaves as it is), so a run is mostly
            // a stretch of words, copied at once, not a word at a time.
            let run = i;
            while i < n {
                let b = bytes[i];
                if !STOPS_RUN[usize::from(b)] {
                    i += 1;
                } else if b == b' '
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&c| !STOPS_RUN[usize::from(c)])
                {
                    i += 2;
                } else {
                    break;
                }
            }
            key.push_str(&sentence[run..i]);
            continue;
        }
        let Some(c) = sentence.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        push_folded(&mut key, &mut space, c);
    }
    Cow::Owned(key)
}

/// One character into a [`repeat_key`]: whitespace is noted (`space`) and
/// written as one space before the next other character, which is written
/// with its quotes folded.
#[inline]
fn push_folded(key: &mut String, space: &mut bool, c: char) {
    if c.is_whitespace() {
        *space = true;
        return;
    }
    if *space {
        key.push(' ');
        *space = false;
    }
    key.push(fold_quote(c));
}

/// The bytes that end a run [`repeat_key`] copies as it is: ASCII
/// whitespace (`char::is_whitespace`) and every byte of a character of more
/// than one byte.
static STOPS_RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || matches!(b as u8, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
        b += 1;
    }
    t
};

/// A curly quote or apostrophe (or a prime) made straight: what [`repeat_key`]
/// folds.
#[inline]
fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        c => c,
    }
}

/// True when [`repeat_key`] may change `text`: a character of more than one
/// byte, a tab or two spaces in a row (each searched several bytes a step;
/// the two-space searcher is built once, not per line).
fn foldable(text: &str) -> bool {
    static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let b = text.as_bytes();
    !text.is_ascii() || memchr::memchr(b'\t', b).is_some() || TWO_SPACES.find(b).is_some()
}

/// The lines of `text`, each with its `\n`: what `split_inclusive('\n')`
/// yields, with the newline found by `memchr` (several bytes a step rather
/// than one word).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Byte ranges of the sentences of one line, trimmed of spaces.
#[cfg(test)]
fn split_line(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    split_line_into(line, &mut out);
    out
}

/// [`split_line`] into `out` (not cleared): a caller splitting line after
/// line keeps one buffer.
///
/// Walks the line by byte offset, with no per-character buffer: a line may be
/// the whole of a 100 MB file. Only a stop can end a sentence, and `memchr3`
/// jumps from one to the next, several bytes a step (all three are ASCII, so
/// each is a whole character and a character boundary). Each character is
/// looked at a bounded number of times (the closers and spaces after a stop
/// hold no stop), so the cost is linear in the line.
fn split_line_into(line: &str, out: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    let mut i = 0;
    let bytes = line.as_bytes();
    while let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += off;
        let stop = bytes[i];
        let after = i + 1;
        let j = after + closers_len(&bytes[after..]);
        let (gap, k) = space_after(line, j);
        if gap && next_may_start(line, k) && !(stop == b'.' && is_abbreviation(&line[start..i])) {
            push_trimmed(line, start, j, out);
            start = k;
            i = k;
            continue;
        }
        i = after;
    }
    push_trimmed(line, start, line.len(), out);
}

/// The length of the run of closing quotes and brackets at the start of
/// `bytes` (`"`, `”`, `’`, `'`, `)`, `]`).
#[inline]
fn closers_len(bytes: &[u8]) -> usize {
    let mut j = 0;
    loop {
        match bytes.get(j..) {
            Some([b'"' | b'\'' | b')' | b']', ..]) => j += 1,
            // ” and ’: E2 80 9D, E2 80 99.
            Some([0xe2, 0x80, 0x9d | 0x99, ..]) => j += 3,
            _ => return j,
        }
    }
}

/// `char::is_whitespace` of an ASCII byte.
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Whether a space starts at `j` in `line`, and the offset past the spaces
/// there (any Unicode white space; ASCII spaces told from their byte).
#[inline]
fn space_after(line: &str, j: usize) -> (bool, usize) {
    let bytes = line.as_bytes();
    let mut k = j;
    while bytes.get(k).copied().is_some_and(ascii_space) {
        k += 1;
    }
    if bytes.get(k).is_some_and(|&b| b >= 0x80) {
        let rest = &line[k..];
        k += rest.len() - rest.trim_start().len();
    }
    (k > j, k)
}

/// True when the character at `k` may start a sentence: a capital, a digit
/// or an opening quote or bracket.
#[inline]
fn next_may_start(line: &str, k: usize) -> bool {
    match line.as_bytes().get(k) {
        None => false,
        Some(&b) if b < 0x80 => {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'"' | b'\'' | b'(')
        }
        Some(_) => line[k..]
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || matches!(n, '“' | '‘')),
    }
}

/// True when the text before a dot ends with an abbreviation or an initial.
///
/// The last word is found from the end by byte (the common, ASCII case:
/// lower-cased on the stack); a word with a character of more than one byte
/// in it or before it takes the general path.
fn is_abbreviation(before: &str) -> bool {
    let bytes = before.as_bytes();
    let mut s = bytes.len();
    while s > 0 {
        let b = bytes[s - 1];
        if b >= 0x80 {
            return is_abbreviation_general(before);
        }
        if ascii_space(b) || b == b'(' || b == b'"' {
            break;
        }
        s -= 1;
    }
    let word = &bytes[s..];
    let mut buf = [0u8; 24];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return is_abbreviation_general(before);
    };
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return is_abbreviation_general(before);
    };
    let single_initial = word.len() == 1 && word[0].is_ascii_uppercase();
    single_initial || abbreviation_word(lower)
}

/// [`is_abbreviation`] for any text: splits at Unicode white space and
/// lower-cases every character.
fn is_abbreviation_general(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || abbreviation_word(&lower)
}

/// True when the lower-case word before a dot is a known abbreviation or a
/// title written with its dot ("Cmdr.", "Maj.": no sentence end either).
fn abbreviation_word(lower: &str) -> bool {
    PATTERNS.abbreviations.has(lower) || PATTERNS.titles.match_at(&[lower, "."], 0) == Some(2)
}

/// Pushes `start..end` trimmed of white space, unless nothing is left.
/// ASCII spaces are told from their byte; the general trim runs only from
/// a byte of a longer character at either end.
fn push_trimmed(line: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = line.as_bytes();
    let mut s = start;
    while s < end && ascii_space(bytes[s]) {
        s += 1;
    }
    if s < end && bytes[s] >= 0x80 {
        let piece = &line[s..end];
        s += piece.len() - piece.trim_start().len();
    }
    let mut e = end;
    while e > s && ascii_space(bytes[e - 1]) {
        e -= 1;
    }
    if e > s && bytes[e - 1] >= 0x80 {
        e = s + line[s..e].trim_end().len();
    }
    if e > s {
        out.push((s, e));
    }
}

/// Cuts an over-long sentence at spaces so no piece exceeds the guard.
fn cap_length(line: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut s = start;
    while end - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &line[s..cut];
        let at = window
            .rfind(char::is_whitespace)
            .filter(|&p| p > 0)
            .map_or(cut, |p| s + p);
        push_trimmed(line, s, at, out);
        s = at;
    }
    push_trimmed(line, s, end, out);
}

#[cfg(test)]
mod tests {
    /// [`repeat_key`] a character at a time (its first version): the
    /// answer the byte-run walk must give.
    fn repeat_key_by_char(sentence: &str) -> String {
        if !foldable(sentence) {
            return sentence.to_string();
        }
        let mut key = String::new();
        let mut space = false;
        for c in sentence.chars() {
            push_folded(&mut key, &mut space, c);
        }
        key
    }

    #[test]
    fn repeat_key_by_runs_is_repeat_key_by_char() {
        // Every mix of ASCII letters, ASCII and Unicode spaces, curly
        // quotes, other characters of two to four bytes, at every position.
        let parts = [
            "a", "Zq", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{2009}",
            "\u{3000}", "\u{2019}", "\u{201c}", "\u{201d}", "\u{2032}", "é", "Ж", "€", "😀", "'",
            "\"", ".", "x y",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 9) as usize;
            let mut s = String::new();
            let mut r = seed;
            for _ in 0..len {
                s.push_str(parts[(r % parts.len() as u64) as usize]);
                r /= parts.len() as u64;
                if r == 0 {
                    r = seed.rotate_left(17);
                }
            }
            assert_eq!(repeat_key(&s), repeat_key_by_char(&s), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn lines_inclusive_is_split_inclusive() {
        for t in ["", "\n", "a", "a\n", "a\n\nb", "\n\nx\r\ny\n", "평양\n’x"] {
            let ours: Vec<&str> = lines_inclusive(t).collect();
            let std: Vec<&str> = t.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_inclusive_agrees_with_split_inclusive(t in "[a\n\r é’]{0,30}") {
            let ours: Vec<&str> = lines_inclusive(&t).collect();
            let std: Vec<&str> = t.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    fn texts(t: &str) -> Vec<String> {
        split_sentences(t, 0).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn a_trailer_line_ends_a_page_only_in_the_last_part_of_its_document() {
        let page = "Kim Jong Un met Vladimir Putin.\nAbout the author\nNorth Korea sent troops.\n";
        let kept = |base: usize| split_page(page, 0, base, 1000).len();
        // Alone, the page is the document: the line at 40% is not in its last part.
        assert_eq!(split_sentences(page, 0).len(), 2);
        // At the start of a 1000-byte file: nothing is cut.
        assert_eq!(kept(0), 2);
        // In the file's last 40%: the trailer ends the page.
        assert_eq!(kept(700), 1);
        // Spans stay offsets in the page.
        let s = split_page(page, 0, 700, 1000);
        assert_eq!(&page[s[0].start..s[0].end], s[0].text);
    }

    #[test]
    fn sentence_split_keeps_abbreviations_and_initials_together() {
        assert_eq!(
            texts("Kim met U.S. President Donald Trump. He left. Gen. Kim J. Park spoke."),
            [
                "Kim met U.S. President Donald Trump.",
                "He left.",
                "Gen. Kim J. Park spoke."
            ]
        );
    }

    #[test]
    fn a_rank_with_its_dot_does_not_end_a_sentence() {
        assert_eq!(
            texts("The navy spokesman Cmdr. Jo Marsh said so. It rained."),
            ["The navy spokesman Cmdr. Jo Marsh said so.", "It rained."]
        );
    }

    #[test]
    fn quotes_close_a_sentence() {
        assert_eq!(
            texts("He said \"yes.\" Then he left."),
            ["He said \"yes.\"", "Then he left."]
        );
    }

    #[test]
    fn spans_slice_the_document() {
        let doc = "Title line here now\n\nFirst one. Second one!\n";
        for s in split_sentences(doc, 0) {
            assert_eq!(&doc[s.start..s.end], s.text);
        }
    }

    #[test]
    fn repeated_captions_are_kept_once() {
        assert_eq!(texts("Kim met Shoigu.\nKim met Shoigu.\n").len(), 1);
    }

    #[test]
    fn a_caption_repeated_with_other_quotes_or_spaces_is_kept_once() {
        let doc = "The photo shows Ana's brother meeting the \"envoy\" at dawn.\n\
                   The photo shows Ana\u{2019}s brother meeting the \u{201c}envoy\u{201d} at dawn.\n\
                   The photo shows Ana\u{2019}s  brother\u{a0}meeting the \"envoy\" at dawn.\n\
                   The photo shows Ana's sister meeting the \"envoy\" at dawn.\n";
        let kept = split_sentences(doc, 0);
        // The first copy stays, with its own span; the other wording is another sentence.
        assert_eq!(
            kept.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            [
                "The photo shows Ana's brother meeting the \"envoy\" at dawn.",
                "The photo shows Ana's sister meeting the \"envoy\" at dawn.",
            ]
        );
        assert_eq!(&doc[kept[1].start..kept[1].end], kept[1].text);
        assert!(matches!(repeat_key("plain ascii"), Cow::Borrowed(_)));
        assert_eq!(
            repeat_key("Ana\u{2019}s \u{201c}x\u{201d}\u{a0} y"),
            "Ana's \"x\" y"
        );
    }

    #[test]
    fn short_label_lines_and_furniture_are_dropped() {
        assert_eq!(
            texts("Los Angeles\nU.S. talks\nSupport us on Patreon\nKim met Putin in Moscow.\n"),
            ["Kim met Putin in Moscow."]
        );
    }

    /// The per-character split this module used before it walked by byte
    /// offset: the new one must cut exactly where it did.
    fn split_line_reference(line: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']')
                {
                    j += 1;
                }
                let gap = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_ok = k < chars.len()
                    && (chars[k].1.is_uppercase()
                        || chars[k].1.is_ascii_digit()
                        || matches!(chars[k].1, '"' | '“' | '‘' | '\'' | '('));
                if gap && next_ok && !(c == '.' && is_abbreviation(&line[start..pos])) {
                    let end = chars.get(j).map_or(line.len(), |x| x.0);
                    push_trimmed(line, start, end, &mut out);
                    start = chars.get(k).map_or(line.len(), |x| x.0);
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        push_trimmed(line, start, line.len(), &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn split_line_cuts_where_the_per_character_split_did(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                ".", "!", "?", " ", "  ", "\t", "\u{2003}", "\u{a0}", "\x0b", "\"", "”", "’", "'", ")", "]", "(",
                "“", "‘", "A", "a", "1", "Gen", "U.S", "Mr", "J", "김", "Ж", "ж", "word",
            ]), 0..40)
        ) {
            let line = pieces.concat();
            proptest::prop_assert_eq!(split_line(&line), split_line_reference(&line));
        }
    }

    /// The byte-wise last word agrees with the general one, for words in
    /// ASCII and past it, after every kind of separator.
    #[test]
    fn abbreviation_test_by_byte_agrees_with_the_general_one() {
        for before in [
            "",
            " ",
            "He met Gen",
            "He met gen",
            "(Gen",
            "\"Col",
            "\u{201c}Gen",
            "x\u{a0}Gen",
            "x\u{2003}Cmdr",
            "met Dr",
            "J",
            "j",
            "Mr",
            "Lt. Col",
            "Ölaf",
            "the \u{d6}",
            "U.S",
            "a\tMaj",
            "aVeryLongWordOfMoreThanTwentyFourBytes",
            "x\x0bSgt",
            "x\x1fSgt",
            "Kim",
        ] {
            assert_eq!(
                is_abbreviation(before),
                is_abbreviation_general(before),
                "{before:?}"
            );
        }
        assert!(is_abbreviation("met Gen"));
        assert!(is_abbreviation("(J"));
        assert!(!is_abbreviation("met Kim"));
        assert!(!is_abbreviation("met j"));
    }

    #[test]
    fn spaces_past_ascii_are_trimmed_and_end_no_word() {
        let mut out = Vec::new();
        let line = "\u{a0} Kim met Putin.\u{2003}\t";
        push_trimmed(line, 0, line.len(), &mut out);
        assert_eq!(&line[out[0].0..out[0].1], "Kim met Putin.");
        out.clear();
        push_trimmed(line, 0, 3, &mut out);
        assert!(out.is_empty());
        // A stop before a no-break space and a capital ends a sentence.
        assert_eq!(
            texts("Kim met Putin.\u{a0}Then he left. Gen.\u{a0}Park spoke."),
            ["Kim met Putin.", "Then he left.", "Gen.\u{a0}Park spoke."]
        );
    }

    #[test]
    fn a_copy_with_other_apostrophes_in_the_same_line_is_kept_once() {
        assert_eq!(
            texts("Kim met Ana's envoy today. Kim met Ana\u{2019}s envoy today.\n"),
            ["Kim met Ana's envoy today."]
        );
        assert!(!foldable("plain text, one space"));
        assert!(foldable("two  spaces"));
        assert!(foldable("a\ttab"));
        assert!(foldable("Ana\u{2019}s"));
    }

    #[test]
    fn long_unpunctuated_text_is_cut_at_spaces() {
        let doc = "word ".repeat(2000);
        let s = split_sentences(&doc, 0);
        assert!(s.len() > 1);
        assert!(s.iter().all(|s| s.text.len() <= MAX_SENTENCE_BYTES));
    }
}
