//! Site furniture: bylines, weather widgets, newsletter and app promotions,
//! advertisement markers and author boxes. The line classes live in
//! `data/patterns.toml` (`noise_lines`, `trailer_lines`).

use crate::lexicon::patterns::PATTERNS;
use memchr::memmem;
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
    /// A searcher for each of `required`: the line is searched once per
    /// literal, several bytes per step (`str::contains` of a one-byte
    /// needle walks it a word at a time: a fifth of the sentence splitter).
    finders: Vec<memmem::Finder<'static>>,
    /// The bytes a match can start with ([`anchored_first_bytes`]).
    first: Option<[bool; 256]>,
}

impl LinePattern {
    fn new(pattern: &str) -> LinePattern {
        let mut required = Vec::new();
        let mut first = None;
        if let Ok(hir) = regex_syntax::parse(pattern) {
            required_literals(&hir, &mut required);
            first = anchored_first_bytes(&hir);
        }
        let finders = required
            .iter()
            .map(|r| memmem::Finder::new(r.as_bytes()).into_owned())
            .collect();
        LinePattern {
            pattern: pattern.to_string(),
            regex: OnceLock::new(),
            required,
            finders,
            first,
        }
    }

    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).expect("line patterns compile (tested)"))
    }

    fn is_match(&self, line: &str) -> bool {
        self.has_required(line) && self.regex().is_match(line)
    }

    /// True when the line contains every required literal (what
    /// `line.contains` of each says, byte for byte).
    fn has_required(&self, line: &str) -> bool {
        self.finders
            .iter()
            .all(|f| f.find(line.as_bytes()).is_some())
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

/// A class of lines: a line is in it when any of its patterns matches.
///
/// Patterns whose every match contains a literal ("|", "@", "©", "/") are
/// kept one by one behind their literal test, and compiled only when a line
/// passes it: the menu pattern's counted Unicode classes alone cost ~190M
/// instructions to compile. (A `RegexSet` of all patterns was too large for
/// the lazy DFA, so every line ran through the PikeVM: 15% of a run.) The
/// others, anchored words after `^\s*`, are one alternation: one search per
/// line instead of one per pattern (each search costs a few hundred
/// instructions even when it rejects at the first letter). Same answer:
/// an alternation matches where one of its branches does.
struct LineClass {
    filtered: Vec<LinePattern>,
    /// The patterns with no required literal.
    rest: Vec<String>,
    union: OnceLock<Option<Regex>>,
    /// The bytes a match of one of `rest` can start with, when every one
    /// of them matches only from the start of the line (`^`, as all of
    /// `data/patterns.toml`'s do): a line starting with another byte
    /// cannot match, and is answered without running the regex (one table
    /// look-up instead of a search of a few hundred instructions).
    rest_first: Option<[bool; 256]>,
}

/// The bytes a match of `hir` can start with, when every match starts at
/// the start of the text (`^`) and takes at least one byte; `None` when
/// that is not so (then every line must be searched).
fn anchored_first_bytes(hir: &regex_syntax::hir::Hir) -> Option<[bool; 256]> {
    use regex_syntax::hir::{HirKind, Look};
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    if !matches!(parts.first()?.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let mut set = [false; 256];
    let empty = first_bytes_of_seq(&parts[1..], &mut set);
    (!empty).then_some(set)
}

/// Adds to `set` the bytes a match of the sequence `parts` can start with;
/// true when the sequence can match the empty text.
fn first_bytes_of_seq(parts: &[regex_syntax::hir::Hir], set: &mut [bool; 256]) -> bool {
    parts.iter().all(|p| first_bytes(p, set))
}

/// Adds to `set` the bytes a match of `hir` can start with; true when `hir`
/// can match the empty text. A class reaching past ASCII adds every lead
/// byte of a longer UTF-8 character (more than needed, never less).
fn first_bytes(hir: &regex_syntax::hir::Hir, set: &mut [bool; 256]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    let mut ascii = |lo: u32, hi: u32| {
        for b in lo..=hi.min(0x7f) {
            set[b as usize] = true;
        }
        if hi >= 0x80 {
            set[0xc2..=0xf4].fill(true);
        }
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                set[usize::from(b)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                ascii(u32::from(r.start()), u32::from(r.end()));
            }
            false
        }
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    set[usize::from(b)] = true;
                }
            }
            false
        }
        HirKind::Repetition(r) => first_bytes(&r.sub, set) || r.min == 0,
        HirKind::Capture(c) => first_bytes(&c.sub, set),
        HirKind::Concat(parts) => first_bytes_of_seq(parts, set),
        HirKind::Alternation(alts) => {
            // Every branch adds its bytes (no short cut).
            alts.iter()
                .fold(false, |empty, a| first_bytes(a, set) | empty)
        }
    }
}

impl LineClass {
    fn new(patterns: impl Iterator<Item = String>) -> LineClass {
        let mut filtered = Vec::new();
        let mut rest = Vec::new();
        // The union of the first bytes of `rest`, while each has a set.
        let mut rest_first = Some([false; 256]);
        for p in patterns {
            let lp = LinePattern::new(&p);
            if lp.required.is_empty() {
                rest_first = rest_first.zip(lp.first).map(|(mut all, one)| {
                    for (a, o) in all.iter_mut().zip(one) {
                        *a |= o;
                    }
                    all
                });
                rest.push(p);
            } else {
                filtered.push(lp);
            }
        }
        LineClass {
            filtered,
            rest,
            union: OnceLock::new(),
            rest_first,
        }
    }

    /// False when no pattern of `rest` can match `line`, told from its first byte.
    fn rest_may_match(&self, line: &str) -> bool {
        match (&self.rest_first, line.as_bytes().first()) {
            (None, _) => true,
            (Some(set), Some(&b)) => set[usize::from(b)],
            (Some(_), None) => false,
        }
    }

    fn union(&self) -> Option<&Regex> {
        self.union
            .get_or_init(|| {
                (!self.rest.is_empty()).then(|| {
                    let alternation: Vec<String> =
                        self.rest.iter().map(|p| format!("(?:{p})")).collect();
                    Regex::new(&alternation.join("|")).expect("line patterns compile (tested)")
                })
            })
            .as_ref()
    }

    fn is_match(&self, line: &str) -> bool {
        (self.rest_may_match(line) && self.union().is_some_and(|r| r.is_match(line)))
            || self.filtered.iter().any(|p| p.is_match(line))
    }
}

static NOISE: LazyLock<LineClass> = LazyLock::new(|| {
    LineClass::new(
        PATTERNS
            .file
            .text
            .noise_lines
            .iter()
            .map(|p| format!("(?i){p}")),
    )
});
// Trailer lines are matched case-sensitively: an all-caps "BY NAME" is an author box.
static TRAILER: LazyLock<LineClass> =
    LazyLock::new(|| LineClass::new(PATTERNS.file.text.trailer_lines.iter().cloned()));

/// True for a line that is furniture, not article text.
pub fn is_noise_line(line: &str) -> bool {
    NOISE.is_match(line)
}

/// True for a line that starts the trailer (author box, related links).
pub fn is_trailer_line(line: &str) -> bool {
    TRAILER.is_match(line)
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
            "For the latest stories, follow our Acme News channel online or via the app.",
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
            "Follow the money, the analyst said of the channel through which arms flowed.",
        ] {
            assert!(!is_noise_line(line), "{line}");
        }
    }

    #[test]
    fn first_bytes_rule_out_only_lines_no_pattern_matches() {
        let first = |p: &str| anchored_first_bytes(&regex_syntax::parse(p).unwrap());
        // Not anchored, or able to match nothing: no set.
        assert!(first(r"copyright").is_none());
        assert!(first(r"^\s*(x)?").is_none());
        assert!(first(r"(?m)^x").is_none());
        let set = first(r"(?i)^\s*-?\s*ad").unwrap();
        for b in [b'a', b'A', b'-', b' ', b'\t'] {
            assert!(set[usize::from(b)], "{}", char::from(b));
        }
        for b in [b'b', b'T', b'1', b'.'] {
            assert!(!set[usize::from(b)], "{}", char::from(b));
        }
        // A Unicode class lets every lead byte through ("ſ" folds to "s").
        assert!(first(r"(?i)^s").unwrap()[0xc5]);
        // Both classes have a set, and it answers as the regexes do.
        for class in [&*NOISE, &*TRAILER] {
            assert!(class.rest_first.is_some());
            for line in [
                "Support us on Patreon",
                "The minister said.",
                "About the author",
                "- Advertisement -",
                "Zelensky met Biden.",
                "",
                "1 minute read",
                "Étienne said",
            ] {
                let by_regex = class.union().is_some_and(|r| r.is_match(line));
                assert!(class.rest_may_match(line) || !by_regex, "{line}");
            }
            assert!(!class.rest_may_match("Zelensky met Biden."));
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
                assert_eq!(
                    lp.is_match(line),
                    lp.regex().is_match(line),
                    "{p} on {line}"
                );
            }
        }
    }

    /// The class answers as its patterns one by one do.
    #[test]
    fn a_line_class_matches_where_one_of_its_patterns_does() {
        let noise: Vec<Regex> = PATTERNS
            .file
            .text
            .noise_lines
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).unwrap())
            .collect();
        let trailer: Vec<Regex> = PATTERNS
            .file
            .text
            .trailer_lines
            .iter()
            .map(|p| Regex::new(p).unwrap())
            .collect();
        let mut lines = vec![
            "Support us on Patreon",
            "byBenjamin Murdoch",
            "By Jane Doe",
            "BY CHUNG YEONG-GYO [yoon.soyeon@joongang.co.kr]",
            "84.1 F",
            "2 minute read",
            "04/11/2025",
            "- Advertisement -",
            "-advertisement-",
            "Photo via Wikimedia.",
            "Home | World | Asia",
            "write to a@b.cd today",
            "© 2024 News",
            "Copyright 2024",
            "Share on Facebook",
            "Related stories:",
            "About the author",
            "Read next",
            "Published 12:00, 3 May 2024",
            "Discover the latest Business News, Sensex, and Nifty updates.",
            "By sending troops, North Korea gained technology.",
            "Shoigu said Kim had agreed to send 5,000 workers.",
            "Kim Jong Un’s “envoy” met Putin’s aide in 평양.",
            "",
        ];
        let text = crate::lexicon::load::BUILTIN_LEXICON;
        lines.extend(text.lines().take(300));
        for line in lines {
            assert_eq!(
                is_noise_line(line),
                noise.iter().any(|r| r.is_match(line)),
                "{line}"
            );
            assert_eq!(
                is_trailer_line(line),
                trailer.iter().any(|r| r.is_match(line)),
                "{line}"
            );
        }
    }

    /// The literal searchers answer as `str::contains` does, for ASCII and
    /// multi-byte literals, at the start, the end and the middle of a line.
    #[test]
    fn required_literal_search_agrees_with_contains() {
        let patterns = [
            r"^.*\b[\w.+-]+@[\w-]+\.[\w.]+\b.*$",
            r"(?i)^\s*©",
            r"^\s*[\w .&-]{1,30}(\s*\|\s*[\w .&-]{1,30}){2,}\s*$",
            r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$",
            r"^a(bc)+d",
        ];
        let lines = [
            "",
            "@",
            "a@b.c",
            "write to a@b today",
            "©",
            "© 2024 News",
            "News ©",
            "Kim Jong Un’s “envoy” met Putin’s aide in 평양 | Seoul | x",
            "04/11/2025",
            "1/2",
            "abcbcd",
            "no literal here at all, just prose of some length to pass the short-needle paths.",
        ];
        for p in patterns {
            let lp = LinePattern::new(p);
            assert!(!lp.required.is_empty(), "{p}");
            for line in lines {
                assert_eq!(
                    lp.has_required(line),
                    lp.required.iter().all(|r| line.contains(r.as_str())),
                    "{p} on {line}"
                );
            }
        }
    }

    proptest::proptest! {
        /// On any line, the searchers say what `contains` says, and the
        /// class answers as its patterns one by one.
        #[test]
        fn prefilter_never_rejects_a_line_the_regex_accepts(
            line in "[ a-zA-Z0-9@.|/©’-]{0,40}"
        ) {
            for p in PATTERNS.file.text.noise_lines.iter() {
                let lp = LinePattern::new(&format!("(?i){p}"));
                proptest::prop_assert_eq!(
                    lp.has_required(&line),
                    lp.required.iter().all(|r| line.contains(r.as_str()))
                );
                proptest::prop_assert_eq!(lp.is_match(&line), lp.regex().is_match(&line));
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
