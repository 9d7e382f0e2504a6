//! Site furniture: bylines, weather widgets, newsletter and app promotions,
//! advertisement markers and author boxes. The line classes live in
//! `data/patterns.toml` (`noise_lines`, `trailer_lines`).

use crate::lexicon::patterns::PATTERNS;
use regex::Regex;
use std::sync::LazyLock;

// One `Regex` per pattern rather than a `RegexSet`: the set of all noise
// patterns (Unicode `\w`, `\b`, case-insensitive) was too large for the lazy
// DFA, so every line ran through the PikeVM (15% of a whole run). Each
// pattern alone is anchored and small: its DFA rejects a line of article
// text in a few bytes. Same answer (any pattern matches), much less work.
static NOISE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    PATTERNS
        .file
        .text
        .noise_lines
        .iter()
        .map(|p| Regex::new(&format!("(?i){p}")).expect("noise_lines compile (tested)"))
        .collect()
});
// Trailer lines are matched case-sensitively: an all-caps "BY NAME" is an author box.
static TRAILER: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    PATTERNS
        .file
        .text
        .trailer_lines
        .iter()
        .map(|p| Regex::new(p).expect("trailer_lines compile (tested)"))
        .collect()
});

/// True for a line that is furniture, not article text.
pub fn is_noise_line(line: &str) -> bool {
    NOISE.iter().any(|r| r.is_match(line))
}

/// True for a line that starts the trailer (author box, related links).
pub fn is_trailer_line(line: &str) -> bool {
    TRAILER.iter().any(|r| r.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_noise() {
        for line in [
            "Support us on Patreon",
            "byBenjamin Murdoch",
            "By Jane Doe",
            "84.1 F",
            "2 minute read",
            "04/11/2025",
            "- Advertisement -",
            "Photo via Wikimedia.",
            "Discover the latest Business News, Sensex, and Nifty updates.",
            "Find the best of Al News in one place, specially curated for you every weekend.",
            "Stay on top of the latest tech trends and biggest startup news.",
        ] {
            assert!(is_noise_line(line), "{line}");
        }
    }

    #[test]
    fn article_lines_are_not_noise() {
        for line in [
            "By sending troops, North Korea gained technology.",
            "North Korea sends 5,000 construction troops to Russia – Seoul",
            "Shoigu said Kim had agreed to send 5,000 workers.",
        ] {
            assert!(!is_noise_line(line), "{line}");
        }
    }

    #[test]
    fn all_caps_byline_starts_the_trailer() {
        assert!(is_trailer_line(
            "BY CHUNG YEONG-GYO [yoon.soyeon@joongang.co.kr]"
        ));
        assert!(!is_trailer_line("By sending troops, North Korea gained."));
    }
}
