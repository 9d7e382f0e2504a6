//! Site furniture: bylines, weather widgets, newsletter and app promotions,
//! advertisement markers and author boxes. The line classes live in
//! `data/patterns.toml` (`noise_lines`, `trailer_lines`).

use crate::lexicon::patterns::PATTERNS;
use memchr::memmem;
use regex_automata::nfa::thompson::{
    self, NFA, WhichCaptures, backtrack::BoundedBacktracker, pikevm::PikeVM,
};
use regex_automata::{Anchored, Input, hybrid};
use regex_syntax::hir::{Hir, Look};
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

/// A line pattern and the literal texts every match must contain.
struct LinePattern {
    pattern: String,
    /// Compiled on first use, from [`LinePattern::hir`]: a pattern whose
    /// literals no line has is never compiled (the "|" pattern's counted
    /// Unicode classes cost about 190 million instructions to compile as a
    /// `Regex`, more than a megabyte of text costs to extract; as one
    /// forward automaton from the parsed pattern, about half).
    automaton: OnceLock<LineAutomaton>,
    /// The `regex` crate's answer, for the tests to compare with.
    #[cfg(test)]
    regex: OnceLock<regex::Regex>,
    /// Necessary, not sufficient: a line lacking one of them cannot match,
    /// so the regex is not run ("@" of the e-mail pattern, "©").
    required: Vec<String>,
    /// The parsed pattern: what its automaton, or its class's union, is
    /// compiled from (`None` if it does not parse: then using it panics,
    /// as the tests would have).
    hir: Option<Hir>,
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
        let hir = regex_syntax::parse(pattern).ok();
        if let Some(hir) = &hir {
            required_literals(hir, &mut required);
            first = anchored_first_bytes(hir);
        }
        let finders = required
            .iter()
            .map(|r| memmem::Finder::new(r.as_bytes()).into_owned())
            .collect();
        LinePattern {
            pattern: pattern.to_string(),
            automaton: OnceLock::new(),
            #[cfg(test)]
            regex: OnceLock::new(),
            required,
            hir,
            finders,
            first,
        }
    }

    #[cfg(test)]
    fn regex(&self) -> &regex::Regex {
        self.regex.get_or_init(|| {
            regex::Regex::new(&self.pattern).expect("line patterns compile (tested)")
        })
    }

    fn automaton(&self) -> &LineAutomaton {
        self.automaton.get_or_init(|| {
            let hir = self.hir.as_ref();
            let hir =
                hir.unwrap_or_else(|| panic!("line pattern {} parses (tested)", self.pattern));
            LineAutomaton::new(std::slice::from_ref(hir))
        })
    }

    fn is_match(&self, line: &str) -> bool {
        self.has_required(line) && self.automaton().is_match(line)
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
/// letter parses as a class, so only case-less literals are found. A literal
/// of spaces only is left out: nearly every line has one, so testing for it
/// rejects nothing and would take the pattern out of its class's union.
fn required_literals(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(lit) => {
            if let Ok(s) = std::str::from_utf8(&lit.0)
                && !s.chars().all(char::is_whitespace)
            {
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
/// instructions to compile. The others, anchored words after `^\s*`, are
/// one automaton ([`LineAutomaton`]), built from the patterns already parsed here, on
/// the first line whose first byte may start a match: one search per line,
/// stopping at the first byte no pattern can take (a line starting "The
/// minister" is rejected after "Th").
struct LineClass {
    filtered: Vec<LinePattern>,
    /// The patterns with no required literal, parsed.
    rest: Vec<Hir>,
    union: OnceLock<Option<LineAutomaton>>,
    /// The bytes a match of one of `rest` can start with, when every one
    /// of them matches only from the start of the line (`^`, as all of
    /// `data/patterns.toml`'s do): a line starting with another byte
    /// cannot match, and is answered without running the automaton (one
    /// table look-up).
    rest_first: Option<[bool; 256]>,
}

/// Line patterns (a class's unfiltered ones together, or one filtered
/// pattern) as one forward NFA, compiled from their parsed form (not parsed
/// again) and searched by a lazy
/// DFA (its states built as lines need them; no reverse automaton, no
/// meta-engine dispatch per line: a match need not be located, only found).
/// A line the lazy DFA gives up on (a byte past ASCII where a pattern asks
/// for a Unicode word boundary `\b`) is answered over the same NFA by the
/// bounded backtracker, or the PikeVM for a line too long for it: what the
/// `regex` crate falls back to there, with the same answer.
struct LineAutomaton {
    dfa: hybrid::dfa::DFA,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    /// Every pattern matches only from the start of the line (`^`): the
    /// search is anchored and ends at the first byte that kills every state.
    anchored: bool,
    /// This automaton's slot in each thread's [`AUTOMATON_CACHES`].
    slot: usize,
}

/// The search state of each [`LineAutomaton`] (by [`LineAutomaton::slot`]), one per thread.
type AutomatonCache = (
    hybrid::dfa::Cache,
    thompson::backtrack::Cache,
    thompson::pikevm::Cache,
);

thread_local! {
    static AUTOMATON_CACHES: RefCell<Vec<Option<AutomatonCache>>> = const { RefCell::new(Vec::new()) };
}

static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

impl LineAutomaton {
    fn new(patterns: &[Hir]) -> LineAutomaton {
        let nfa: NFA = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .shrink(false),
            )
            .build_many_from_hir(patterns)
            .expect("line patterns compile (tested)");
        let dfa = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::DFA::config().unicode_word_boundary(true))
            .build_from_nfa(nfa.clone())
            .expect("line patterns compile (tested)");
        let backtrack =
            BoundedBacktracker::new_from_nfa(nfa.clone()).expect("line patterns compile (tested)");
        let pikevm = PikeVM::new_from_nfa(nfa).expect("line patterns compile (tested)");
        let anchored = patterns
            .iter()
            .all(|h| h.properties().look_set_prefix().contains(Look::Start));
        LineAutomaton {
            dfa,
            backtrack,
            pikevm,
            anchored,
            slot: NEXT_SLOT.fetch_add(1, Ordering::Relaxed),
        }
    }

    fn is_match(&self, line: &str) -> bool {
        let slot = self.slot;
        let anchored = if self.anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let input = Input::new(line).anchored(anchored).earliest(true);
        AUTOMATON_CACHES.with(|caches| {
            let mut caches = caches.borrow_mut();
            if caches.len() <= slot {
                caches.resize_with(slot + 1, || None);
            }
            let (dfa_cache, bt_cache, vm_cache) = caches[slot].get_or_insert_with(|| {
                (
                    self.dfa.create_cache(),
                    self.backtrack.create_cache(),
                    self.pikevm.create_cache(),
                )
            });
            match self.dfa.try_search_fwd(dfa_cache, &input) {
                Ok(found) => found.is_some(),
                Err(_) => match self.backtrack.try_is_match(bt_cache, input.clone()) {
                    Ok(found) => found,
                    Err(_) => self.pikevm.is_match(vm_cache, input),
                },
            }
        })
    }
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
        let mut rest: Vec<Hir> = Vec::new();
        // The union of the first bytes of `rest`, while each has a set.
        let mut rest_first = Some([false; 256]);
        for p in patterns {
            let mut lp = LinePattern::new(&p);
            if lp.required.is_empty()
                && let Some(hir) = lp.hir.take()
            {
                rest_first = rest_first.zip(lp.first).map(|(mut all, one)| {
                    for (a, o) in all.iter_mut().zip(one) {
                        *a |= o;
                    }
                    all
                });
                rest.push(hir);
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

    fn union(&self) -> Option<&LineAutomaton> {
        self.union
            .get_or_init(|| (!self.rest.is_empty()).then(|| LineAutomaton::new(&self.rest)))
            .as_ref()
    }

    /// True when one of the unfiltered patterns matches `line`.
    fn rest_match(&self, line: &str) -> bool {
        self.union().is_some_and(|u| u.is_match(line))
    }

    fn is_match(&self, line: &str) -> bool {
        (self.rest_may_match(line) && self.rest_match(line))
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
    use regex::Regex;

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
                let by_regex = class.rest_match(line);
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
        let (noise, trailer) = &*ONE_BY_ONE;
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
            // Bytes past ASCII where a pattern asks for a word boundary: the
            // lazy DFA gives up there and the PikeVM answers.
            "Copyrighté 2024",
            "Copyright © 2024 Zürich",
            "Published 3 мая 2024",
            "Publishedé 2024",
            "Photos via Élysée",
            "Follow our Telegram channel — ‘news’",
            "Stay on top of the latest trends in Zürich",
            "\u{17f}upport us on patreon",
            "\u{a0} Share on Facebook",
            "\u{212a}im met Putin.",
            "“Related stories:”",
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

    /// Each class's patterns one by one, compiled once for the tests.
    static ONE_BY_ONE: LazyLock<(Vec<Regex>, Vec<Regex>)> = LazyLock::new(|| {
        let noise = PATTERNS
            .file
            .text
            .noise_lines
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).unwrap())
            .collect();
        let trailer = PATTERNS
            .file
            .text
            .trailer_lines
            .iter()
            .map(|p| Regex::new(p).unwrap())
            .collect();
        (noise, trailer)
    });

    proptest::proptest! {
        /// The union automaton (lazy DFA, PikeVM where it gives up) answers
        /// as the patterns one by one, on lines of words the patterns know,
        /// spaces of every kind and letters past ASCII.
        #[test]
        fn line_classes_answer_as_their_patterns_one_by_one(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "by ", "BY ", "By", "share", "on", "x", "copyright", "published", "2024",
                "photo", "via", "follow", "our", "channel", "about the author", "-",
                "advertisement", "é", "Ж", "’", "©", "|", "@", ".", ",", " ", "\u{a0}",
                "5", "min", "read", "F", "°", "Kim", "related", ":", "\u{17f}", "\u{212a}",
            ]), 0..12)
        ) {
            let line = pieces.concat();
            let (noise, trailer) = &*ONE_BY_ONE;
            proptest::prop_assert_eq!(is_noise_line(&line), noise.iter().any(|r| r.is_match(&line)));
            proptest::prop_assert_eq!(
                is_trailer_line(&line),
                trailer.iter().any(|r| r.is_match(&line))
            );
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
