//! Time expressions resolved against the document's date: "June 17", "June
//! 2024", "in late 2024", "since September", "late last year", "June last
//! year", "earlier this year", "last month". A month without a year that lies
//! after the document's month is taken from the year before ("since
//! September" in a June article is last September). Results are ISO 8601 as
//! precise as the text: `2025`, `2025-09`, `2025-06-17`.

use crate::corpus::meta::month_number;
use crate::text::{Token, TokenKind};

/// A document date as (year, month, day), any part unknown as 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl DocDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<DocDate> {
        let mut parts = s.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        let day = parts.next().and_then(|d| d.parse().ok()).unwrap_or(0);
        Some(DocDate { year, month, day })
    }
}

/// True when `w` (at least three bytes long) starts with a month's first
/// three letters, as every month name and abbreviation does.
fn month_prefix(w: &str) -> bool {
    let b = w.as_bytes();
    let p = [
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
    ];
    matches!(
        &p,
        b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"may"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
    )
}

/// `text.chars().any(char::is_uppercase)`, with the bytes of ASCII text asked directly.
fn has_upper(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        text.chars().any(char::is_uppercase)
    }
}

fn year_of(text: &str) -> Option<i32> {
    (text.len() == 4)
        .then(|| text.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn iso(year: i32, month: u32, day: u32) -> String {
    match (month, day) {
        (0, _) => format!("{year:04}"),
        (m, 0) => format!("{year:04}-{m:02}"),
        (m, d) => format!("{year:04}-{m:02}-{d:02}"),
    }
}

/// The date expressions of a sentence: (token index, ISO date).
pub fn find_dates(tokens: &[Token], doc: Option<DocDate>) -> Vec<(usize, String)> {
    let words: Vec<&str> = crate::text::lower_words(tokens);
    find_dates_in(tokens, &words, doc)
}

/// [`find_dates`] with the tokens' lower-case forms already listed.
pub fn find_dates_in(
    tokens: &[Token],
    words: &[&str],
    doc: Option<DocDate>,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Most tokens start no date: one look at their first bytes passes them over.
        if !may_start_date(words[i]) {
            i += 1;
            continue;
        }
        // `trim_start_matches("mid-")` without building a substring searcher per token.
        let mut w = words[i];
        while let Some(rest) = w.strip_prefix("mid-") {
            w = rest;
        }
        // Cheapest tests first: a month name (or its abbreviation) starts
        // with a month's first three letters, and most words are ASCII.
        let month = if tokens[i].kind == TokenKind::Word
            && w.len() >= 3
            && month_prefix(w)
            && has_upper(tokens[i].text)
        {
            month_number(w)
        } else {
            None
        };
        if let Some(m) = month {
            // Month [day][,] [year | last year | this year]
            let mut j = i + 1;
            let mut day = 0;
            if let Some(d) = tokens
                .get(j)
                .filter(|t| t.kind == TokenKind::Number)
                .and_then(|t| t.text.parse::<u32>().ok())
                && (1..=31).contains(&d)
            {
                day = d;
                j += 1;
            }
            if words.get(j) == Some(&",") {
                j += 1;
            }
            let year = if let Some(y) = words.get(j).and_then(|t| year_of(t)) {
                j += 1;
                Some(y)
            } else if let Some(r) = relative_year(words, j, doc) {
                j += 2;
                Some(r)
            } else {
                doc.map(|d| {
                    if d.month > 0 && m > d.month {
                        d.year - 1
                    } else {
                        d.year
                    }
                })
            };
            if let Some(y) = year {
                out.push((i, iso(y, m, day)));
            }
            i = j.max(i + 1);
            continue;
        }
        if let Some(y) = year_of(words[i]) {
            let prev = if i > 0 { words[i - 1] } else { "" };
            if matches!(
                prev,
                "in" | "since"
                    | "late"
                    | "early"
                    | "by"
                    | "during"
                    | "until"
                    | "from"
                    | "of"
                    | "mid"
                    | "end"
            ) {
                out.push((i, iso(y, 0, 0)));
            }
        } else if let Some(y) = relative_year(words, i, doc) {
            out.push((i, iso(y, 0, 0)));
            i += 2;
            continue;
        } else if words[i] == "last"
            && words.get(i + 1) == Some(&"month")
            && let Some(d) = doc.filter(|d| d.month > 0)
        {
            let (y, m) = if d.month == 1 {
                (d.year - 1, 12)
            } else {
                (d.year, d.month - 1)
            };
            out.push((i, iso(y, m, 0)));
        }
        i += 1;
    }
    out
}

/// The three-letter openings of the words a date starts at: the months'
/// (every month name and abbreviation starts with one), "mid" ("mid-June")
/// and those of "last", "previous", "this", "next".
const DATE_OPENINGS: [&[u8; 3]; 17] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
    b"mid", b"las", b"pre", b"thi", b"nex",
];

/// The bit of a word's first three bytes in [`OPENING_BITS`] (0..1024).
/// ASCII letters are folded to lower case with `| 0x20`: a word whose
/// lower-cased opening is one of [`DATE_OPENINGS`] has that opening's bit.
#[inline]
const fn opening_bit(b0: u8, b1: u8, b2: u8) -> usize {
    let key = (b0 | 0x20) as u32 | ((b1 | 0x20) as u32) << 8 | ((b2 | 0x20) as u32) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// A bitset over [`opening_bit`] holding the bits of [`DATE_OPENINGS`]: a
/// word whose bit is clear opens no date.
const OPENING_BITS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut k = 0;
    while k < DATE_OPENINGS.len() {
        let o = DATE_OPENINGS[k];
        let bit = opening_bit(o[0], o[1], o[2]);
        bits[bit / 64] |= 1 << (bit % 64);
        k += 1;
    }
    bits
};

/// False when no date expression can start at the word `w`: a month name
/// (or "mid-" before one) starts with a month's first three letters, a year
/// is four digits from 1900 to 2100, and "last", "previous", "this" and
/// "next" open the relative ones ("last year", "last month"). Every branch
/// of [`find_dates_in`] needs one of these, so a false is exact; most words
/// are answered from their length or one bit.
#[inline]
fn may_start_date(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 3 {
        return false;
    }
    if b.len() == 4 && matches!(b[0], b'1' | b'2') {
        return true;
    }
    let bit = opening_bit(b[0], b[1], b[2]);
    if OPENING_BITS[bit / 64] & (1 << (bit % 64)) == 0 {
        return false;
    }
    let p = [
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
    ];
    DATE_OPENINGS.contains(&&p)
}

/// "last year", "this year", "next year" at `i`, against the document's year.
fn relative_year(words: &[&str], i: usize, doc: Option<DocDate>) -> Option<i32> {
    let d = doc?;
    if words.get(i + 1) != Some(&"year") {
        return None;
    }
    match *words.get(i)? {
        "last" | "previous" => Some(d.year - 1),
        "this" => Some(d.year),
        "next" => Some(d.year + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn dates(text: &str, doc: &str) -> Vec<String> {
        find_dates(&tokenize(text, 0), DocDate::parse(doc))
            .into_iter()
            .map(|d| d.1)
            .collect()
    }

    #[test]
    fn dates_resolve_against_the_document() {
        assert_eq!(
            dates("sent troops since September", "2025-11-04"),
            ["2025-09"]
        );
        assert_eq!(dates("sent troops late last year", "2025-06-17"), ["2024"]);
        assert_eq!(dates("signed in June last year", "2025-06-17"), ["2024-06"]);
        assert_eq!(dates("reported earlier this year", "2025-06-17"), ["2025"]);
        assert_eq!(
            dates("In late 2024, then earlier in 2025", "2025-06-17"),
            ["2024", "2025"]
        );
        assert_eq!(dates("met on June 17", "2025-06-17"), ["2025-06-17"]);
        assert_eq!(
            dates("In June 2024, they signed", "2025-06-17"),
            ["2024-06"]
        );
    }

    #[test]
    fn later_month_without_year_is_last_year() {
        assert_eq!(dates("since September", "2025-06-17"), ["2024-09"]);
    }

    #[test]
    fn every_word_a_date_starts_at_passes_the_first_byte_test() {
        for w in [
            "jan",
            "january",
            "feb",
            "mar",
            "march",
            "apr",
            "may",
            "june",
            "jul",
            "aug",
            "sept",
            "oct",
            "nov",
            "december",
            "mid-june",
            "mid-mid-may",
            "1900",
            "2025",
            "2100",
            "last",
            "previous",
            "this",
            "next",
        ] {
            assert!(may_start_date(w), "{w}");
        }
        for w in [
            "the", "to", "a", "in", "troops", "said", "year", "800", "3000", "gen",
        ] {
            assert!(!may_start_date(w), "{w}");
        }
        // The test sits before every branch: each kind of date is still found.
        assert_eq!(
            dates(
                "In mid-May 2024 and in 1999, last month, next year",
                "2025-06-17"
            ),
            ["2024-05", "1999", "2025-05", "2026"]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(dates("troops may be sent", "2025-06-17").is_empty());
    }
}
