//! Time expressions resolved against the document's date: "June 17", "June
//! 2024", "in late 2024", "since September", "late last year", "June last
//! year", "earlier this year", "last month". A month without a year that lies
//! after the document's month is taken from the year before ("since
//! September" in a June article is last September). Results are ISO 8601 as
//! precise as the text: `2025`, `2025-09`, `2025-06-17`.

use crate::corpus::meta::month_number;
use crate::lexicon::patterns::PATTERNS;
use crate::text::{Token, TokenKind};
use std::sync::LazyLock;

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
    let o = &*OPENINGS;
    let starts = (0..words.len()).filter(|&i| o.may_start(words[i]));
    find_dates_at(tokens, words, starts, doc)
}

/// [`find_dates_in`] visiting only `starts`, the positions (in order) of the
/// words [`DateOpenings::may_start`] lets through: the sentence's
/// classification lists them ([`crate::mentions::classes::Classes::dates`]),
/// so the tokens are not walked again here.
pub fn find_dates_at(
    tokens: &[Token],
    words: &[&str],
    starts: impl IntoIterator<Item = usize>,
    doc: Option<DocDate>,
) -> Vec<(usize, String)> {
    let o = &*OPENINGS;
    let mut out = Vec::new();
    // The first token not yet read: a date read to `j` is not read again from inside it.
    let mut next = 0;
    for i in starts {
        if i < next || i >= tokens.len() {
            continue;
        }
        next = i + 1;
        // `trim_start_matches("mid-")` without building a substring searcher per token.
        let mut w = words[i];
        while let Some(rest) = w.strip_prefix("mid-") {
            w = rest;
        }
        // Cheapest tests first: a month name (or its abbreviation) starts
        // with a month's first three letters, and most words are ASCII.
        let month =
            if tokens[i].kind == TokenKind::Word && o.month_opening(w) && has_upper(tokens[i].text)
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
            next = j.max(i + 1);
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
            next = i + 2;
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
    }
    out
}

/// The three-letter openings of the relative dates: "mid" ("mid-June")
/// and those of "last", "previous", "this", "next" ([`relative_year`]).
const RELATIVE_OPENINGS: [&[u8; 3]; 5] = [b"mid", b"las", b"pre", b"thi", b"nex"];

/// The bit of a word's first three bytes in [`DateOpenings::bits`] (0..1024).
/// ASCII letters are folded to lower case with `| 0x20`: a word whose
/// lower-cased opening is a date opening has that opening's bit.
#[inline]
const fn opening_bit(b0: u8, b1: u8, b2: u8) -> usize {
    let key = (b0 | 0x20) as u32 | ((b1 | 0x20) as u32) << 8 | ((b2 | 0x20) as u32) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// The three-letter openings a date can start with: the months' (every
/// month name and abbreviation starts with its month's first three letters,
/// as [`month_number`] reads them), taken from the months of the data class
/// `calendar_names` (data/patterns.toml), and [`RELATIVE_OPENINGS`].
#[derive(Debug)]
pub struct DateOpenings {
    /// A bitset over [`opening_bit`]: a word whose bit is clear opens no date.
    bits: [u64; 16],
    /// The months' openings, lower case.
    months: Vec<[u8; 3]>,
    /// The months' and the relative openings, lower case.
    all: Vec<[u8; 3]>,
}

/// The date openings of the embedded patterns.
pub static OPENINGS: LazyLock<DateOpenings> =
    LazyLock::new(|| DateOpenings::new(&PATTERNS.file.names.calendar_names));

impl DateOpenings {
    /// The openings of the months among `calendar` (the days, whose names
    /// are no month's, are left out) and the relative ones.
    pub fn new(calendar: &[String]) -> DateOpenings {
        let mut months: Vec<[u8; 3]> = Vec::new();
        for name in calendar {
            if month_number(name).is_none() {
                continue;
            }
            if let [a, b, c, ..] = *name.as_bytes() {
                let o = [a, b, c].map(|x| x.to_ascii_lowercase());
                if !months.contains(&o) {
                    months.push(o);
                }
            }
        }
        let mut all = months.clone();
        all.extend(RELATIVE_OPENINGS.iter().map(|o| **o));
        let mut bits = [0u64; 16];
        for o in &all {
            let bit = opening_bit(o[0], o[1], o[2]);
            bits[bit / 64] |= 1 << (bit % 64);
        }
        DateOpenings { bits, months, all }
    }

    /// False when no date expression can start at the word `w`: a month
    /// name (or "mid-" before one) starts with a month's first three
    /// letters, a year is four digits from 1900 to 2100, and "last",
    /// "previous", "this" and "next" open the relative ones ("last year",
    /// "last month"). Every branch of [`find_dates_at`] needs one of these,
    /// so a false is exact; most words are answered from their length or
    /// one bit.
    #[inline]
    pub fn may_start(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.len() < 3 {
            return false;
        }
        if b.len() == 4 && matches!(b[0], b'1' | b'2') {
            return true;
        }
        let bit = opening_bit(b[0], b[1], b[2]);
        if self.bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        self.all.contains(&opening(b))
    }

    /// True when `w` (at least three bytes long) starts with a month's
    /// first three letters, as every month name and abbreviation does.
    #[inline]
    fn month_opening(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.len() >= 3 && self.months.contains(&opening(b))
    }
}

/// The first three bytes of `b` (at least three long), ASCII lower case.
#[inline]
fn opening(b: &[u8]) -> [u8; 3] {
    [
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
    ]
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
            assert!(OPENINGS.may_start(w), "{w}");
        }
        for w in [
            "the", "to", "a", "in", "troops", "said", "year", "800", "3000", "gen",
        ] {
            assert!(!OPENINGS.may_start(w), "{w}");
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
    fn the_month_openings_are_the_data_class_months() {
        // The embedded calendar names give every month's opening, and no day's.
        let o = &*OPENINGS;
        for m in [
            "Jan", "February", "mar", "Apr.", "may", "June", "jul", "Aug", "Sept", "oct", "Nov",
            "dec",
        ] {
            assert!(o.month_opening(m), "{m}");
        }
        for d in ["monday", "Tuesday", "wed", "thursday", "fri", "sat", "sun"] {
            assert!(!o.month_opening(d), "{d}");
            assert!(!o.may_start(d), "{d}");
        }
        // A calendar without June opens no date at it; the other months and
        // the relative words still do.
        let names: Vec<String> = ["monday", "january", "july"].map(String::from).to_vec();
        let some = DateOpenings::new(&names);
        assert!(!some.may_start("june") && !some.month_opening("June"));
        assert!(some.may_start("january") && some.may_start("jul") && some.may_start("last"));
        assert!(!some.may_start("mon") && !some.may_start("february"));
        // And the positions given are the only ones read.
        let tokens = tokenize("In June 2024 and in 1999", 0);
        let words = crate::text::lower_words(&tokens);
        let doc = DocDate::parse("2025-06-17");
        assert_eq!(
            find_dates_at(&tokens, &words, [5], doc),
            [(5, "1999".to_string())]
        );
        assert_eq!(find_dates_at(&tokens, &words, [1, 2, 5], doc).len(), 2);
        assert_eq!(
            find_dates_in(&tokens, &words, doc),
            find_dates_at(&tokens, &words, [1, 2, 5], doc)
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(dates("troops may be sent", "2025-06-17").is_empty());
    }
}
