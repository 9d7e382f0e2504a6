//! Dates as the graph writes them (ISO 8601 as precise as the text allows:
//! `2025`, `2025-09`, `2025-06-17`) turned into day ranges, for GEXF spells
//! and for the `--since` / `--until` filters.
//!
//! Comes in: a date string. Goes out: a [`Period`], the first and last day it
//! covers, or `None` for anything that is not one of the three shapes (a
//! malformed date is never guessed at).

use std::fmt;

/// One calendar day; ordered by year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`, an `xsd:date`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The first and last day a date covers, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: Day,
    pub end: Day,
}

impl Period {
    /// True when the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month (1–12) of a year.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The days `date` covers: `2025` is the whole year, `2025-09` the month,
/// `2025-06-17` the day.
///
/// ```
/// use ergraph::period::parse_period;
/// let p = parse_period("2024-02").unwrap();
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2024-02-01".into(), "2024-02-29".into()));
/// assert_eq!(parse_period("2025").unwrap().end.to_string(), "2025-12-31");
/// assert!(parse_period("last-year").is_none());
/// assert!(parse_period("2025-13").is_none());
/// assert!(parse_period("2025-02-30").is_none());
/// ```
pub fn parse_period(date: &str) -> Option<Period> {
    let mut parts = date.split('-');
    let year: u16 = digits(parts.next()?, 4)?;
    if year == 0 {
        return None;
    }
    let month: Option<u8> = match parts.next() {
        Some(m) => Some(digits(m, 2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day: Option<u8> = match parts.next() {
        Some(d) => {
            let month = month?;
            Some(digits(d, 2).filter(|&d| d >= 1 && d <= days_in_month(year, month))?)
        }
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let (start, end) = match (month, day) {
        (None, _) => ((1, 1), (12, 31)),
        (Some(m), None) => ((m, 1), (m, days_in_month(year, m))),
        (Some(m), Some(d)) => ((m, d), (m, d)),
    };
    Some(Period {
        start: Day {
            year,
            month: start.0,
            day: start.1,
        },
        end: Day {
            year,
            month: end.0,
            day: end.1,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(s: &str) -> Option<(String, String)> {
        parse_period(s).map(|p| (p.start.to_string(), p.end.to_string()))
    }

    #[test]
    fn partial_dates_expand_to_their_days() {
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("2025"), pair("2025-01-01", "2025-12-31"));
        assert_eq!(days("2025-09"), pair("2025-09-01", "2025-09-30"));
        assert_eq!(days("2023-02"), pair("2023-02-01", "2023-02-28"));
        assert_eq!(days("2000-02"), pair("2000-02-01", "2000-02-29"));
        assert_eq!(days("1900-02"), pair("1900-02-01", "1900-02-28"));
        assert_eq!(days("2025-06-17"), pair("2025-06-17", "2025-06-17"));
    }

    #[test]
    fn malformed_dates_are_none() {
        for bad in [
            "",
            "last-year",
            "25",
            "20255",
            "2025-9",
            "2025-00",
            "2025-13",
            "2025-06-31",
            "2025-06-17-01",
            "2025-06-1x",
            "0000",
            "２０２５",
            "+2025",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
    }

    #[test]
    fn overlap_is_inclusive() {
        let p = |s| parse_period(s).expect(s);
        assert!(p("2025").overlaps(&p("2025-12-31")));
        assert!(p("2025-09").overlaps(&p("2025")));
        assert!(!p("2025-09").overlaps(&p("2025-10-01")));
        assert!(!p("2024").overlaps(&p("2025-01")));
    }
}
