//! Site furniture: bylines, weather widgets, newsletter and app promotions,
//! advertisement markers and author boxes. The line classes live in
//! `data/patterns.toml` (`noise_lines`, `trailer_lines`).

use crate::lexicon::patterns::PATTERNS;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// A line pattern and the literal texts every match must contain.
struct LinePattern {
    pattern: String,
    /// Compiled on first use: a pattern whose literals no line has is never
    /// compiled (the "|" pattern's counted Unicode classes cost about 190
    /// million instructions to compile, more than a megabyte of text costs to
    /// extract).
    regex: OnceLock<Regex>,
    /// Necessary, not sufficient: a line lacking one of them cannot match,
    /// so the regex is not run ("@" of the e-mail pattern, "©").
    required: Vec<String>,
}

impl LinePattern {
    fn new(pattern: &str) -> LinePattern {
        let mut required = Vec::new();
        if let Ok(hir) = regex_syntax::parse(pattern) {
            required_literals(&hir, &mut required);
        }
        LinePattern {
            pattern: pattern.to_string(),
            regex: OnceLock::new(),
            required,
        }
    }

    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).expect("line patterns compile (tested)"))
    }

    fn is_match(&self, line: &str) -> bool {
        self.required.iter().all(|r| line.contains(r.as_str())) && self.regex().is_match(line)
    }
}

/// Literal texts that every match of `hir` contains: literals of the
/// top-level sequence, looking inside groups and repetitions of at least one.
/// (Alternations and optional parts contribute nothing.) Under `(?i)` a
/// letter parses as a class, so only case-less literals are found.
fn required_literals(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(lit) => {
            if let Ok(s) = std::str::from_utf8(&lit.0) {
                out.push(s.to_string());
            }
        }
        HirKind::Capture(c) => required_literals(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => required_literals(&r.sub, out),
        HirKind::Concat(parts) => {
            for p in parts {
                required_literals(p, out);
            }
        }
        _ => {}
    }
}

// One `Regex` per pattern rather than a `RegexSet`: the set of all noise
// patterns (Unicode `\w`, `\b`, case-insensitive) was too large for the lazy
// DFA, so every line ran through the PikeVM (15% of a whole run). Each
// pattern alone is anchored and small: its DFA rejects a line of article
// text in a few bytes. Same answer (any pattern matches), much less work.
static NOISE: LazyLock<Vec<LinePattern>> = LazyLock::new(|| {
    PATTERNS
        .file
        .text
        .noise_lines
        .iter()
        .map(|p| LinePattern::new(&format!("(?i){p}")))
        .collect()
});
// Trailer lines are matched case-sensitively: an all-caps "BY NAME" is an author box.
static TRAILER: LazyLock<Vec<LinePattern>> = LazyLock::new(|| {
    PATTERNS
        .file
        .text
        .trailer_lines
        .iter()
        .map(|p| LinePattern::new(p))
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
    fn required_literals_are_found_only_where_every_match_has_them() {
        let req = |p: &str| LinePattern::new(p).required;
        assert_eq!(req(r"^.*\b[\w.+-]+@[\w-]+\.[\w.]+\b.*$"), ["@", "."]);
        assert_eq!(req(r"(?i)^\s*©"), ["©"]);
        assert_eq!(
            req(r"^\s*[\w .&-]{1,30}(\s*\|\s*[\w .&-]{1,30}){2,}\s*$"),
            ["|"]
        );
        assert!(req(r"^(a@|b)").is_empty());
        assert!(req(r"^[xy](@)?").is_empty());
        assert!(req(r"^[xy](@)*").is_empty());
        // The prefilter never rejects a line the regex accepts.
        for p in PATTERNS.file.text.noise_lines.iter() {
            let lp = LinePattern::new(&format!("(?i){p}"));
            for line in [
                "a@b.cd x",
                "Photo via Wikimedia.",
                "x | y | z",
                "© 2024",
                "By Jane Doe",
            ] {
                assert_eq!(lp.is_match(line), lp.regex().is_match(line), "{p} on {line}");
            }
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
