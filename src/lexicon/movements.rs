//! The rules of "one movement, one node" (`data/deployments.toml`): which
//! units are one family, the cues that tell a new contingent from one counted
//! before, how many parts make a whole and how far apart two estimates of one
//! movement may be. The file documents every rule; `graph::movements` and
//! `relations::drafts` apply them.

use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

const MOVEMENTS_TOML: &str = include_str!("../../data/deployments.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    apart_cues: Vec<String>,
    apart_reach: usize,
    min_parts: usize,
    estimate_ratio: f64,
    families: BTreeMap<String, Vec<String>>,
}

/// The rules, read.
#[derive(Debug)]
pub struct MovementRules {
    /// Words before a count that make it a new contingent ("another 3,000").
    pub apart_cues: Vec<String>,
    /// How many tokens before the count a cue may stand.
    pub apart_reach: usize,
    /// The fewest counts of one sentence that make the parts of a whole.
    pub min_parts: usize,
    /// The most the largest bound of an estimate group may be, as a multiple
    /// of the smallest, when the ranges do not overlap.
    pub estimate_ratio: f64,
    /// (ending, family), longest ending first.
    endings: Vec<(Vec<String>, String)>,
    /// The endings by their last word (lower case): positions in `endings`,
    /// in its order. Only the endings of a unit's last word can be its
    /// ending, so a unit is compared with a few, not with all of them.
    by_last: HashMap<String, Vec<usize>>,
    /// The first ending of no words (it ends every unit), if any.
    empty: Option<usize>,
}

impl MovementRules {
    /// Parses a rules file.
    pub fn parse(text: &str) -> Result<MovementRules, toml::de::Error> {
        let raw: RawRules = toml::from_str(text)?;
        let mut endings: Vec<(Vec<String>, String)> = raw
            .families
            .iter()
            .flat_map(|(family, list)| {
                list.iter().map(move |e| {
                    let words = e.split_whitespace().map(str::to_lowercase).collect();
                    (words, family.clone())
                })
            })
            .collect();
        endings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (end, _)) in endings.iter().enumerate() {
            if let Some(last) = end.last() {
                by_last
                    .entry(last.to_ascii_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        let empty = endings.iter().position(|(end, _)| end.is_empty());
        Ok(MovementRules {
            apart_cues: raw.apart_cues,
            apart_reach: raw.apart_reach,
            min_parts: raw.min_parts.max(2),
            estimate_ratio: raw.estimate_ratio,
            endings,
            by_last,
            empty,
        })
    }

    /// The family of a unit: that of its longest listed ending ("military
    /// construction workers" ends in "workers"), or `None`.
    pub fn family(&self, unit: &str) -> Option<&str> {
        // Word by word from the end, without copying the unit.
        let ends = |end: &[String]| {
            let mut words = unit.split_whitespace().rev();
            end.iter()
                .rev()
                .all(|e| words.next().is_some_and(|w| w.eq_ignore_ascii_case(e)))
        };
        // The endings of the unit's last word, in the order of `endings`;
        // an ending of no words comes after all of them (shortest last).
        let last = unit.split_whitespace().next_back().map(|w| {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        });
        last.and_then(|w| self.by_last.get(w.as_ref()))
            .and_then(|list| list.iter().find(|&&i| ends(&self.endings[i].0)))
            .or(self.empty.as_ref())
            .map(|&i| self.endings[i].1.as_str())
    }

    /// True when `word` (lower case) is a cue of a new contingent.
    pub fn is_apart_cue(&self, word: &str) -> bool {
        self.apart_cues.iter().any(|c| c == word)
    }
}

/// The built-in rules.
pub static MOVEMENTS: LazyLock<MovementRules> = LazyLock::new(|| {
    MovementRules::parse(MOVEMENTS_TOML).expect("data/deployments.toml parses (tested)")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_families_go_by_the_longest_ending() {
        let r = MovementRules::parse(MOVEMENTS_TOML).unwrap();
        assert_eq!(r.family("troops"), Some("military"));
        assert_eq!(r.family("military construction workers"), Some("labour"));
        assert_eq!(
            r.family("military construction personnel"),
            Some("military")
        );
        assert_eq!(r.family("Sappers"), Some("military"));
        assert_eq!(r.family("artillery shells"), None);
        assert_eq!(r.family("Military Construction WORKERS"), Some("labour"));
        assert_eq!(r.family(""), None);
        // The index answers as a scan of every ending in order does.
        for unit in [
            "troops",
            "military construction workers",
            "military construction personnel",
            "Sappers",
            "artillery shells",
            "special forces troops",
            "workers",
            "construction",
        ] {
            let scan = r
                .endings
                .iter()
                .find(|(end, _)| {
                    let mut words = unit.split_whitespace().rev();
                    end.iter()
                        .rev()
                        .all(|e| words.next().is_some_and(|w| w.eq_ignore_ascii_case(e)))
                })
                .map(|(_, f)| f.as_str());
            assert_eq!(r.family(unit), scan, "{unit}");
        }
        assert!(r.is_apart_cue("additional") && !r.is_apart_cue("about"));
        assert!(r.min_parts >= 2 && r.estimate_ratio > 1.0);
    }

    #[test]
    fn a_bad_rules_file_is_an_error() {
        assert!(MovementRules::parse("apart_cues = 3").is_err());
    }
}
