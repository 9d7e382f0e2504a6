//! What a document says about itself: a leading `date YYYY-MM-DD`, a dateline
//! such as `Tuesday, June 17, 2025`, and the headline.
//!
//! The headline is the first headline-like line (4 to 25 words, no sentence
//! punctuation at its end, not furniture or a dateline) before the first long
//! paragraph; an article that opens with prose has no title.

use crate::text::noise;
use regex::Regex;
use std::sync::LazyLock;

/// Date, title and where the body starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub date: Option<String>,
    pub title: Option<String>,
    pub body_start: usize,
}

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\u{feff}?\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*").expect("valid regex")
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2}),?\s+(\d{4})\s*$")
        .expect("valid regex")
});
static ISO_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$").expect("valid regex"));

/// The English month names, in order.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number (1-12) of an English month name or abbreviation ("June",
/// "Sept.", "jan"; a prefix counts from three letters). Asked about many
/// words, so it allocates nothing and rejects most on the first letter.
pub fn month_number(name: &str) -> Option<u32> {
    // Every month starts with one of these letters: most words stop here.
    if !matches!(
        name.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
    ) {
        return None;
    }
    let lower = name.trim_end_matches('.').as_bytes();
    // Every month is 3 to 9 letters, and a prefix counts from 3 letters.
    if !(3..=9).contains(&lower.len()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.len() >= lower.len() && m.as_bytes()[..lower.len()].eq_ignore_ascii_case(lower)
        })
        .map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD` when that day exists (`2024-02-29` does, `2025-02-29` and
/// `2025-06-31` do not), by [`valid_date_text`].
fn valid_date(y: &str, m: u32, d: u32) -> Option<String> {
    // `format!("{y}-{m:02}-{d:02}")` without the formatting machinery.
    let mut date = String::with_capacity(y.len() + 6);
    date.push_str(y);
    for n in [m, d] {
        date.push('-');
        if n < 100 {
            date.push(char::from(b'0' + (n / 10) as u8));
            date.push(char::from(b'0' + (n % 10) as u8));
        } else {
            date.push_str(&n.to_string());
        }
    }
    valid_date_text(&date).map(str::to_string)
}

/// What [`DATE_PREFIX`] captures: year, month and day digits, and where
/// the match ends.
#[derive(Debug, PartialEq, Eq)]
struct DatePrefix<'a> {
    year: &'a str,
    month: &'a str,
    day: &'a str,
    end: usize,
}

/// [`DATE_PREFIX`] at the start of `text`. Nearly every text is told apart
/// without the regex: one that does not open with `date` (after a BOM and
/// spaces) cannot match, and one whose date line is ASCII is read by hand;
/// only non-ASCII where a Unicode space, digit or word character could
/// stand goes to the regex.
fn date_prefix(text: &str) -> Option<DatePrefix<'_>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // `\s` is Unicode White_Space, which `trim_start` removes.
    let rest = text[start..].trim_start();
    if !rest.starts_with("date") {
        return None;
    }
    match ascii_date_prefix(text, text.len() - rest.len() + 4) {
        Ascii::Match(p) => Some(p),
        Ascii::NoMatch => None,
        Ascii::Unsure => {
            let c = DATE_PREFIX.captures(text)?;
            Some(DatePrefix {
                year: c.get(1)?.as_str(),
                month: c.get(2)?.as_str(),
                day: c.get(3)?.as_str(),
                end: c.get(0)?.end(),
            })
        }
    }
}

/// What reading a pattern by hand found: a match, none, or a non-ASCII
/// character where the pattern's Unicode classes decide (then the regex).
enum Ascii<T> {
    Match(T),
    NoMatch,
    Unsure,
}

/// Reads `\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*` from byte `at` of `text`
/// (just after `date`). Every part's length is forced (spaces are not
/// digits), so no backtracking is needed.
fn ascii_date_prefix(text: &str, at: usize) -> Ascii<DatePrefix<'_>> {
    let b = text.as_bytes();
    let mut i = at;
    // `\s+`: ASCII spaces, then any Unicode space.
    let spaces = |mut i: usize| {
        while i < b.len() {
            if is_ascii_space(b[i]) {
                i += 1;
            } else if b[i] >= 0x80 {
                match text[i..].chars().next() {
                    Some(c) if c.is_whitespace() => i += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        i
    };
    let after = spaces(i);
    if after == i {
        return Ascii::NoMatch;
    }
    i = after;
    let mut fields = [(0, 0); 3];
    for (k, len) in [4, 2, 2].into_iter().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'-') {
                return Ascii::NoMatch;
            }
            i += 1;
        }
        for j in i..i + len {
            match b.get(j) {
                Some(d) if d.is_ascii_digit() => {}
                // A Unicode digit is a `\d` too.
                Some(&d) if d >= 0x80 => return Ascii::Unsure,
                _ => return Ascii::NoMatch,
            }
        }
        fields[k] = (i, i + len);
        i += len;
    }
    // `\b` after a digit: the next character is no word character.
    match b.get(i) {
        Some(&c) if c >= 0x80 => return Ascii::Unsure,
        Some(&c) if c.is_ascii_alphanumeric() || c == b'_' => return Ascii::NoMatch,
        _ => {}
    }
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let [y, m, d] = fields.map(|(s, e)| &text[s..e]);
    Ascii::Match(DatePrefix {
        year: y,
        month: m,
        day: d,
        end: i,
    })
}

/// An ASCII byte of `\s` (Unicode White_Space): tab to carriage return
/// (vertical tab included) and space.
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (0x09..=0x0d).contains(&b)
}

/// The one test of a date, wherever it comes from (a file's `date` line, a
/// dateline, a JSON Lines `date`, `--since`/`--until`): `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` naming a year, month or day that exists. Surrounding
/// space is ignored.
pub fn valid_date_text(date: &str) -> Option<&str> {
    let date = date.trim();
    crate::period::parse_period(date).map(|_| date)
}

/// The date given with a document (JSON Lines), checked as every date is:
/// `Ok(None)` when there is none (absent or blank), `Err` with the warning
/// message when it is not a date (the document is then undated, as a file
/// whose `date` line is no date).
pub fn given_date(date: Option<String>) -> Result<Option<String>, String> {
    match date {
        None => Ok(None),
        Some(d) if d.trim().is_empty() => Ok(None),
        Some(d) => match valid_date_text(&d) {
            Some(ok) => Ok(Some(ok.to_string())),
            None => Err(format!(
                "date {} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD), left out",
                crate::error::quote_input(&d)
            )),
        },
    }
}

/// A warning for a text whose leading `date YYYY-MM-DD` line names no day
/// (`date 2025-13-45`): the document is undated, as a JSON Lines record
/// with that `date` is.
pub fn check_date_line(path: &str, text: &str) -> Option<crate::error::Warning> {
    let c = date_prefix(text)?;
    let m = c.month.parse().unwrap_or(0);
    let d = c.day.parse().unwrap_or(0);
    if valid_date(c.year, m, d).is_some() {
        return None;
    }
    Some(crate::error::Warning {
        path: path.to_string(),
        message: format!(
            "date line {} is not a date (expected YYYY-MM-DD), left out",
            crate::error::quote_input(&format!("{}-{}-{}", c.year, c.month, c.day))
        ),
        skipped: false,
    })
}

/// True for a link a document may carry into the exports: an `http`,
/// `https` or `file` URL (any case). Anything else (`javascript:`,
/// `data:`, a scheme hidden behind spaces or control characters, a
/// relative link) could run or point anywhere once a viewer follows it.
pub fn is_kept_url(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    ["http", "https", "file"]
        .iter()
        .any(|k| scheme.eq_ignore_ascii_case(k))
}

/// The URL given with a document: `Ok(None)` when there is none (absent or
/// blank), `Err` with the warning message when its scheme is not kept
/// ([`is_kept_url`]).
pub fn given_url(url: Option<String>) -> Result<Option<String>, String> {
    match url {
        None => Ok(None),
        Some(u) if u.trim().is_empty() => Ok(None),
        Some(u) if is_kept_url(&u) => Ok(Some(u)),
        Some(u) => Err(format!(
            "url {} is not an http, https or file link, left out",
            crate::error::quote_input(&u)
        )),
    }
}

/// Reads the date, the title and the body start of a document's text.
pub fn read_meta(text: &str) -> Meta {
    let mut meta = Meta::default();
    if let Some(c) = date_prefix(text) {
        let m = c.month.parse().unwrap_or(0);
        let d = c.day.parse().unwrap_or(0);
        meta.date = valid_date(c.year, m, d);
        meta.body_start = c.end;
    }
    let body = text.get(meta.body_start..).unwrap_or("");
    for line in body.lines().take(12) {
        if meta.date.is_some() {
            break;
        }
        if !may_be_dateline(line) {
            continue;
        }
        if let Some([month, day, year]) = dateline(line) {
            let m = month_number(month).unwrap_or(0);
            meta.date = valid_date(year, m, day.parse().unwrap_or(0));
        } else if let Some([y, m, d]) = iso_line(line) {
            meta.date = valid_date(y, m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        }
    }
    meta.title = find_title(body);
    meta
}

/// True for a line that is a dateline rather than text.
pub fn is_dateline(line: &str) -> bool {
    may_be_dateline(line) && (dateline(line).is_some() || iso_line(line).is_some())
}

/// What [`DATELINE`] captures in `line`: the month name, the day and the
/// year. An ASCII line (nearly all) is read by hand, byte for byte what
/// the pattern matches; any other goes to the regex, whose `(?i)`, `\s`
/// and `\d` take in non-ASCII characters (`ſ` is an `s`).
fn dateline(line: &str) -> Option<[&str; 3]> {
    if !line.is_ascii() {
        let c = DATELINE.captures(line)?;
        return Some([c.get(1)?, c.get(2)?, c.get(3)?].map(|m| m.as_str()));
    }
    let b = line.as_bytes();
    let start = skip_spaces(b, 0);
    // The weekday is optional: with it, or else without it.
    let found = weekday(b, start)
        .and_then(|at| month_day_year(b, at))
        .or_else(|| month_day_year(b, start))?;
    Some(found.map(|(s, e)| &line[s..e]))
}

/// What [`ISO_LINE`] captures in `line`: year, month and day (an ASCII
/// line by hand, as [`dateline`]).
fn iso_line(line: &str) -> Option<[&str; 3]> {
    if !line.is_ascii() {
        let c = ISO_LINE.captures(line)?;
        return Some([c.get(1)?, c.get(2)?, c.get(3)?].map(|m| m.as_str()));
    }
    let b = line.as_bytes();
    let mut i = skip_spaces(b, 0);
    let mut fields = [(0, 0); 3];
    for (k, len) in [4, 2, 2].into_iter().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'-') {
                return None;
            }
            i += 1;
        }
        if digits_at(b, i) < len {
            return None;
        }
        fields[k] = (i, i + len);
        i += len;
    }
    (skip_spaces(b, i) == b.len()).then(|| fields.map(|(s, e)| &line[s..e]))
}

/// The index after the ASCII spaces (`\s`) from `i`.
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_ascii_space(c)) {
        i += 1;
    }
    i
}

/// How many ASCII digits run from `i`.
fn digits_at(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// True when `b` has `word` (lower case) at `i`, in any case.
fn word_at(b: &[u8], i: usize, word: &str) -> bool {
    b.get(i..i + word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// `(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+` at `i`: where the
/// month starts after it.
fn weekday(b: &[u8], i: usize) -> Option<usize> {
    const DAYS: [&str; 7] = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"];
    let day = DAYS.iter().find(|d| word_at(b, i, d))?;
    let mut j = i + day.len();
    if !word_at(b, j, "day") {
        return None;
    }
    j += 3;
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    let k = skip_spaces(b, j);
    (k > j).then_some(k)
}

/// `(january|…|december)\s+(\d{1,2}),?\s+(\d{4})\s*$` at `i`: the byte
/// ranges of the month, the day and the year. Each part's length is
/// forced (the names share no prefix; a digit is neither a comma nor a
/// space), so no backtracking is needed.
fn month_day_year(b: &[u8], i: usize) -> Option<[(usize, usize); 3]> {
    let month = MONTHS.iter().find(|m| word_at(b, i, m))?;
    let month = (i, i + month.len());
    let d = skip_spaces(b, month.1);
    if d == month.1 {
        return None;
    }
    let day = (d, d + digits_at(b, d).min(2));
    if day.0 == day.1 {
        return None;
    }
    let mut j = day.1;
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    let y = skip_spaces(b, j);
    if y == j || digits_at(b, y) < 4 {
        return None;
    }
    let year = (y, y + 4);
    (skip_spaces(b, year.1) == b.len()).then_some([month, day, year])
}

/// Necessary, not sufficient, for [`DATELINE`] and [`ISO_LINE`]: both end in
/// a digit and spaces, so a line whose last non-space character is not a
/// number cannot match and is not searched (nearly every paragraph ends in
/// a full stop). The patterns' `\d` is Unicode; `is_numeric` covers it.
fn may_be_dateline(line: &str) -> bool {
    line.trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_numeric)
}

fn find_title(body: &str) -> Option<String> {
    for line in body.lines().take(15) {
        let line = line.trim().trim_start_matches('\u{feff}');
        // Counting stops past 30 words: a paragraph is not walked to its end.
        let words = line.split_whitespace().take(31).count();
        if words > 30 {
            return None;
        }
        if !(4..=25).contains(&words) || noise::is_noise_line(line) || is_dateline(line) {
            continue;
        }
        if line.ends_with(['.', '!', '?', '"', '”', ':', ';', ',']) {
            continue;
        }
        return Some(line.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit test never turns away a line either pattern matches.
    #[test]
    fn dateline_prefilter_keeps_every_dateline() {
        for line in [
            "Tuesday, June 17, 2025",
            "june 17 2025  ",
            "2025-06-17",
            " 2025-06-17\u{3000}",
            "June 17, ٢٠٢٥",
            "North Korea sent troops.",
            "June 17, 2025.",
            "",
            "   ",
        ] {
            let matched = DATELINE.is_match(line) || ISO_LINE.is_match(line);
            assert!(!matched || may_be_dateline(line), "{line:?}");
            assert_eq!(is_dateline(line), matched, "{line:?}");
        }
        assert!(is_dateline("Tuesday, June 17, 2025"));
        assert!(!is_dateline("June 17, 2025."));
    }

    proptest::proptest! {
        #[test]
        fn is_dateline_is_the_patterns(
            line in "[ ,A-Za-z0-9-]{0,12}(June|may|Monday, March) [0-9]{1,2},? [0-9٢]{4}[ .a\u{3000}]{0,2}"
        ) {
            let matched = DATELINE.is_match(&line) || ISO_LINE.is_match(&line);
            proptest::prop_assert_eq!(is_dateline(&line), matched);
        }
    }

    /// The regexes' captures, for the tests of the hand-written readers.
    fn by_regex(re: &Regex, text: &str) -> Option<[String; 3]> {
        let c = re.captures(text)?;
        Some([1, 2, 3].map(|i| c[i].to_string()))
    }

    fn owned(found: Option<[&str; 3]>) -> Option<[String; 3]> {
        found.map(|f| f.map(str::to_string))
    }

    fn prefix_by_regex(text: &str) -> Option<(String, String, String, usize)> {
        let c = DATE_PREFIX.captures(text)?;
        Some((
            c[1].to_string(),
            c[2].to_string(),
            c[3].to_string(),
            c.get(0)?.end(),
        ))
    }

    fn prefix_by_hand(text: &str) -> Option<(String, String, String, usize)> {
        let p = date_prefix(text)?;
        Some((
            p.year.to_string(),
            p.month.to_string(),
            p.day.to_string(),
            p.end,
        ))
    }

    /// The hand-written readers find what the patterns find, on the lines
    /// that decide between them: weekdays, commas, spaces of every kind,
    /// digit counts, case, Unicode digits and the long s.
    #[test]
    fn hand_readers_agree_with_the_patterns_on_edge_cases() {
        for line in [
            "Tuesday, June 17, 2025",
            "tuesday june 17 2025",
            "TUESDAY,JUNE 17, 2025",
            "Tuesday,  June 17,2025",
            "Tuesday, June 17 , 2025",
            "Monday, Mayday 1, 2025",
            "May 1, 2025 ",
            "\u{b}May 1,\u{b}2025\u{c}",
            "Sunday, March 123, 2025",
            "Sunday, March 12, 20255",
            "Sunday, March 12, 202",
            "Saturday, December 9, 1999\r",
            "Tueſday, June 17, 2025",
            "Tuesday, Auguſt 17, 2025",
            "June 17, ٢٠٢٥",
            "June\u{a0}17, 2025",
            "Thursday May 5 2025",
            "Fridays May 5 2025",
            "2025-06-17",
            " 2025-06-17\u{3000}",
            "2025-6-17",
            "2025-06-170",
            "\t2025-06-17 \r",
            "date 2025-06-17",
            "",
            "June",
        ] {
            assert_eq!(owned(dateline(line)), by_regex(&DATELINE, line), "{line:?}");
            assert_eq!(owned(iso_line(line)), by_regex(&ISO_LINE, line), "{line:?}");
        }
        for text in [
            "date 2025-06-17 Kim met Putin.",
            "\u{feff}  date\t2025-06-17\t \tKim",
            "\u{feff}\u{feff}date 2025-06-17",
            " \n date 2025-06-17\nKim",
            "date  2025-06-17x",
            "date 2025-06-17_",
            "date 2025-06-17é",
            "date 2025-06-17.",
            "date 2025-06-1",
            "date 2025-06-171",
            "date2025-06-17",
            "date\u{3000}2025-06-17 Kim",
            "date ٢٠٢٥-06-17 Kim",
            "Date 2025-06-17",
            "dated 2025-06-17",
            "date 2025-13-45 Kim",
            "date 2025-06-17",
            "Kim met Putin.",
            "",
        ] {
            assert_eq!(prefix_by_hand(text), prefix_by_regex(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn hand_datelines_are_the_patterns(
            line in "[ \t\u{b}\u{a0}]{0,2}((Mon|tues|WEDNES|satur|Sun|fri|Thurs)(day|DAY|dai)[, ]{0,2}[ \t]{0,2})?(june|MAY|December|Sept|sePTEMBER|auguſt|mayo)[ \t,\u{a0}]{0,2}[0-9٢]{0,3}[, \t]{0,3}[0-9٢]{2,5}[ \t\r.a]{0,2}"
        ) {
            proptest::prop_assert_eq!(owned(dateline(&line)), by_regex(&DATELINE, &line));
        }

        #[test]
        fn hand_iso_lines_are_the_pattern(
            line in "[ \t\u{b}\u{a0}]{0,2}[0-9٢]{3,5}-?[0-9]{1,3}-?[0-9]{1,3}[ \t\r.a\u{3000}]{0,2}"
        ) {
            proptest::prop_assert_eq!(owned(iso_line(&line)), by_regex(&ISO_LINE, &line));
        }

        #[test]
        fn hand_date_prefixes_are_the_pattern(
            text in "\u{feff}{0,2}[ \n\t\u{a0}\u{3000}]{0,2}(date|Date|dat)[ \t\u{3000}]{0,2}[0-9٢]{3,5}-?[0-9]{1,3}-[0-9٢]{1,3}[ \t_xé.\n-]{0,3}[A-Za-z ]{0,4}"
        ) {
            proptest::prop_assert_eq!(prefix_by_hand(&text), prefix_by_regex(&text));
        }
    }

    #[test]
    fn date_prefix_and_body_start() {
        let m = read_meta(" date 2025-11-04 North Korea has sent troops.");
        assert_eq!(m.date.as_deref(), Some("2025-11-04"));
        assert_eq!(
            &" date 2025-11-04 North Korea has sent troops."[m.body_start..],
            "North Korea has sent troops."
        );
    }

    #[test]
    fn dateline_gives_the_date() {
        let m = read_meta(
            "84.1 F\nLos Angeles\nTuesday, June 17, 2025\n\nNorth Korea to send 6,000 troops to Russia, says Moscow\n",
        );
        assert_eq!(m.date.as_deref(), Some("2025-06-17"));
        assert_eq!(
            m.title.as_deref(),
            Some("North Korea to send 6,000 troops to Russia, says Moscow")
        );
    }

    /// A line of more than 30 words ends the search; one of 30 is passed over.
    #[test]
    fn title_search_stops_at_a_line_of_more_than_thirty_words() {
        let line = |n: usize| vec!["word"; n].join(" ");
        let headline = "Envoys meet in the capital for talks";
        let text = format!("{}\n{headline}\n", line(31));
        assert_eq!(read_meta(&text).title, None);
        let text = format!("{}\n{headline}\n", line(30));
        assert_eq!(read_meta(&text).title.as_deref(), Some(headline));
    }

    #[test]
    fn prose_opening_has_no_title() {
        let long = "North Korea will send thousands of construction workers and combat engineers to Russia to help rebuild war-damaged areas in the western Kursk region, a top Russian official announced on Tuesday, the paper reported.\nKursk holds symbolic value for Pyongyang\n";
        assert_eq!(read_meta(long).title, None);
    }

    #[test]
    fn a_date_is_a_day_that_exists_wherever_it_is_read() {
        for (text, want) in [
            ("date 2024-02-29\nKim met Putin.", Some("2024-02-29")),
            ("date 2024-02-30\nKim met Putin.", None),
            ("date 2025-13-45\nKim met Putin.", None),
            ("date 2025-06-31\nKim met Putin.", None),
            ("Tuesday, June 31, 2025\n\nKim met Putin.", None),
            ("2025-02-29\n\nKim met Putin.", None),
        ] {
            assert_eq!(read_meta(text).date.as_deref(), want, "{text:?}");
            let warned = check_date_line("a.txt", text);
            assert_eq!(
                warned.is_some(),
                want.is_none() && text.starts_with("date"),
                "{text:?}"
            );
        }
        let w = check_date_line("a.txt", "date 2025-13-45 Kim met Putin.").unwrap();
        assert_eq!(
            w.to_string(),
            "a.txt: date line \"2025-13-45\" is not a date (expected YYYY-MM-DD), left out"
        );
        assert!(!w.skipped);
        for (given, want) in [
            (None, Ok(None)),
            (Some("  "), Ok(None)),
            (Some("2025"), Ok(Some("2025"))),
            (Some(" 2025-06 "), Ok(Some("2025-06"))),
            (Some("2024-02-29"), Ok(Some("2024-02-29"))),
            (Some("2024-02-30"), Err(())),
            (Some("2025-13-45"), Err(())),
            (Some("yesterday"), Err(())),
            (Some("2025-06-17T10:00:00Z"), Err(())),
        ] {
            let got = given_date(given.map(str::to_string));
            assert_eq!(
                got.as_ref().map(|d| d.as_deref()).map_err(|_| ()),
                want,
                "{given:?}"
            );
            // --since and --until take exactly the same dates.
            if let Some(g) = given.filter(|g| !g.trim().is_empty()) {
                assert_eq!(
                    crate::filter::parse_bound(g, false).is_ok(),
                    want.is_ok(),
                    "{g:?}"
                );
            }
        }
    }

    #[test]
    fn only_http_https_and_file_links_are_kept() {
        for (url, kept) in [
            ("https://example.org/x", true),
            ("http://example.org", true),
            ("HTTPS://EXAMPLE.ORG", true),
            ("file:///srv/a.txt", true),
            ("javascript:alert(1)", false),
            ("jAvAsCrIpT:alert(1)", false),
            ("java\nscript:alert(1)", false),
            ("\u{1}javascript:alert(1)", false),
            (" https://example.org", false),
            ("data:text/html;base64,PHNjcmlwdD4=", false),
            ("mailto:a@example.org", false),
            ("example.org/x", false),
            ("/relative/path", false),
            ("", false),
        ] {
            assert_eq!(is_kept_url(url), kept, "{url:?}");
        }
        assert_eq!(given_url(None), Ok(None));
        assert_eq!(given_url(Some(" ".into())), Ok(None));
        assert_eq!(
            given_url(Some("https://e.x".into())),
            Ok(Some("https://e.x".into()))
        );
        assert_eq!(
            given_url(Some("javascript:alert(1)".into())),
            Err("url \"javascript:alert(1)\" is not an http, https or file link, left out".into())
        );
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("June"), Some(6));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Mar"), Some(3));
        assert_eq!(month_number("Ma"), None);
        for (w, want) in [
            ("", None),
            ("m", None),
            ("may", Some(5)),
            ("May.", Some(5)),
            ("MAY", Some(5)),
            ("mayo", None),
            ("Jan.", Some(1)),
            ("janu", Some(1)),
            ("januaryx", None),
            ("Sept.", Some(9)),
            ("sep..", Some(9)),
            ("decembers", None),
            ("june.", Some(6)),
            ("ju", None),
            ("Ärz", None),
            ("mär", None),
            ("okt", None),
            ("oct", Some(10)),
            ("Nov", Some(11)),
            ("f.", None),
            ("...", None),
            ("ma.", None),
            ("augu", Some(8)),
            ("augustus", None),
        ] {
            assert_eq!(month_number(w), want, "{w:?}");
        }
    }
}
