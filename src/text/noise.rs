//! Site furniture: bylines, weather widgets, newsletter and app promotions,
//! advertisement markers and author boxes. The line classes live in
//! `data/patterns.toml` (`noise_lines`, `trailer_lines`).
//!
//! build.rs compiles the built-in classes into DFAs (regex-automata's dense
//! DFAs, serialized into the binary and loaded without copying): the
//! patterns are first rewritten without Unicode word boundaries
//! ([`syntax::anchored_without_unicode_word_looks`]), so the DFA answers
//! every line, past ASCII too, and then over the numbers of the character
//! classes they tell apart ([`syntax::over_alphabet`]), so the DFA counts
//! characters, not UTF-8 bytes, and stays small. Patterns the build did not
//! see are compiled at the first line that needs them, into a lazy DFA.

mod syntax;

use crate::lexicon::patterns::PATTERNS;
use memchr::memmem;
use regex_automata::dfa::{Automaton, dense};
use regex_automata::nfa::thompson::{
    self, NFA, WhichCaptures, backtrack::BoundedBacktracker, pikevm::PikeVM,
};
use regex_automata::util::start;
use regex_automata::util::wire::AlignAs;
use regex_automata::{Anchored, Input, hybrid};
use regex_syntax::hir::{Hir, Look};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use syntax::Alphabet;

/// A class of lines as build.rs compiled it.
struct BakedClass {
    /// The patterns it was compiled from, as the class has them: a class
    /// whose patterns differ is compiled at run time instead.
    patterns: &'static [&'static str],
    /// The DFA of the patterns without a required literal.
    rest: Option<&'static BakedDfa>,
    rest_first: Option<[bool; 256]>,
    filtered: &'static [BakedPattern],
}

/// A pattern with required literals, as build.rs compiled it.
struct BakedPattern {
    required: &'static [&'static str],
    dfa: &'static BakedDfa,
}

/// A dense DFA over the class numbers of an [`Alphabet`], serialized.
struct BakedDfa {
    bytes: &'static AlignAs<[u8], u32>,
    alphabet: Alphabet,
}

// The built-in classes: `BAKED_NOISE` and `BAKED_TRAILER`, `None` when
// build.rs could not compile one.
include!(concat!(env!("OUT_DIR"), "/noise_dfas.rs"));

/// A line pattern and the literal texts every match must contain.
struct LinePattern {
    /// The `regex` crate's answer, for the tests to compare with.
    #[cfg(test)]
    pattern: String,
    /// Necessary, not sufficient: a line lacking one of them cannot match,
    /// so the automaton is not run ("@" of the e-mail pattern, "©").
    #[cfg(test)]
    required: Vec<String>,
    /// A searcher for each of `required`: the line is searched once per
    /// literal, several bytes per step (`str::contains` of a one-byte
    /// needle walks it a word at a time: a fifth of the sentence splitter).
    finders: Vec<memmem::Finder<'static>>,
    /// Loaded, or compiled at the first line holding the literals (the
    /// "|" pattern's counted Unicode classes cost about 90 million
    /// instructions to compile).
    searcher: LazySearcher,
}

impl LinePattern {
    fn new(required: Vec<String>, searcher: LazySearcher, _pattern: &str) -> LinePattern {
        let finders = required
            .iter()
            .map(|r| memmem::Finder::new(r.as_bytes()).into_owned())
            .collect();
        LinePattern {
            #[cfg(test)]
            pattern: _pattern.to_string(),
            #[cfg(test)]
            required,
            finders,
            searcher,
        }
    }

    fn is_match(&self, line: &str) -> bool {
        self.has_required(line) && self.searcher.get().is_match(line)
    }

    /// True when the line contains every required literal (what
    /// `line.contains` of each says, byte for byte).
    fn has_required(&self, line: &str) -> bool {
        self.finders
            .iter()
            .all(|f| f.find(line.as_bytes()).is_some())
    }
}

/// An automaton answering whether a line matches one of its patterns.
enum Searcher {
    /// Built by build.rs, from patterns without Unicode word boundaries,
    /// over class numbers: fed one number per character from the line's
    /// start, it never gives up.
    Dense(dense::DFA<&'static [u32]>, &'static Alphabet),
    /// Compiled at run time.
    Lazy(LineAutomaton),
}

impl Searcher {
    fn load(baked: &'static BakedDfa) -> Searcher {
        let (dfa, _) = dense::DFA::from_bytes(&baked.bytes.bytes)
            .expect("build.rs serialized the DFA for this target");
        Searcher::Dense(dfa, &baked.alphabet)
    }

    fn is_match(&self, line: &str) -> bool {
        match self {
            Searcher::Dense(dfa, alphabet) => dense_is_match(dfa, alphabet, line),
            Searcher::Lazy(a) => a.is_match(line),
        }
    }
}

/// True when `dfa`, fed the class number of each character of `line` from
/// its start, reaches a match (a match state shows one character late, or
/// at the end of the line).
fn dense_is_match(dfa: &dense::DFA<&'static [u32]>, alphabet: &Alphabet, line: &str) -> bool {
    let config = start::Config::new().anchored(Anchored::Yes);
    let mut state = dfa
        .start_state(&config)
        .expect("the built DFAs have anchored start states");
    for c in line.chars() {
        state = dfa.next_state(state, alphabet.id(c));
        if dfa.is_special_state(state) {
            if dfa.is_match_state(state) {
                return true;
            }
            if dfa.is_dead_state(state) {
                return false;
            }
        }
    }
    dfa.is_match_state(dfa.next_eoi_state(state))
}

/// A searcher made at its first use: loaded from build.rs's bytes (which
/// `from_bytes` checks in time linear in their size), or compiled.
struct LazySearcher {
    searcher: OnceLock<Searcher>,
    source: Source,
}

enum Source {
    Baked(&'static BakedDfa),
    Patterns(Vec<Hir>),
}

impl LazySearcher {
    fn new(source: Source) -> LazySearcher {
        LazySearcher {
            searcher: OnceLock::new(),
            source,
        }
    }

    fn get(&self) -> &Searcher {
        self.searcher.get_or_init(|| match &self.source {
            Source::Baked(bytes) => Searcher::load(bytes),
            Source::Patterns(p) => Searcher::Lazy(LineAutomaton::new(p)),
        })
    }
}

/// A class of lines: a line is in it when any of its patterns matches.
///
/// Patterns whose every match contains a literal ("|", "@", "©", "/") are
/// kept one by one behind their literal test. The others, anchored words
/// after `^\s*`, are one automaton: one search per line, stopping at the
/// first byte no pattern can take (a line starting "The minister" is
/// rejected after "Th").
struct LineClass {
    filtered: Vec<LinePattern>,
    /// The patterns with no required literal, as one automaton (`None`
    /// when there are none).
    rest: Option<LazySearcher>,
    /// The bytes a match of one of `rest` can start with, when every one
    /// of them matches only from the start of the line
    /// ([`syntax::ClassParts::rest_first`]).
    rest_first: Option<[bool; 256]>,
    /// True when the class was loaded from build.rs's DFAs.
    #[cfg_attr(not(test), allow(dead_code))]
    baked: bool,
}

/// Line patterns (a class's unfiltered ones together, or one filtered
/// pattern) as one forward NFA, compiled from their parsed form (not parsed
/// again) and searched by a lazy
/// DFA (its states built as lines need them; no reverse automaton, no
/// meta-engine dispatch per line: a match need not be located, only found).
/// A pattern the word-boundary rewrite does not handle keeps its Unicode
/// `\b`: on a line where such a `\b` meets a byte past ASCII the lazy DFA
/// gives up, and the line is answered over the same NFA by the bounded
/// backtracker, or the PikeVM for a line too long for it: what the `regex`
/// crate falls back to there, with the same answer.
struct LineAutomaton {
    dfa: hybrid::dfa::DFA,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    /// Every pattern matches only from the start of the line (rewritten
    /// to, or anchored with `^`): the search is anchored and ends at the first byte
    /// that kills every state.
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
        // Rewritten where the rewrite can (then the lazy DFA never gives up,
        // and the search must start at the line's start).
        let mut anchored = true;
        let patterns: Vec<Hir> = patterns
            .iter()
            .map(|h| {
                syntax::anchored_without_unicode_word_looks(h).unwrap_or_else(|| {
                    anchored &= h.properties().look_set_prefix().contains(Look::Start);
                    h.clone()
                })
            })
            .collect();
        let nfa: NFA = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::Implicit)
                    .shrink(false),
            )
            .build_many_from_hir(&patterns)
            .expect("line patterns compile (tested)");
        let dfa = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::DFA::config().unicode_word_boundary(true))
            .build_from_nfa(nfa.clone())
            .expect("line patterns compile (tested)");
        let backtrack =
            BoundedBacktracker::new_from_nfa(nfa.clone()).expect("line patterns compile (tested)");
        let pikevm = PikeVM::new_from_nfa(nfa).expect("line patterns compile (tested)");
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

impl LineClass {
    /// The class of `patterns`: build.rs's DFAs when they were compiled
    /// from these patterns, else compiled here.
    fn new(patterns: Vec<String>, baked: Option<&BakedClass>) -> LineClass {
        match baked {
            Some(b)
                if b.patterns
                    .iter()
                    .copied()
                    .eq(patterns.iter().map(String::as_str)) =>
            {
                LineClass::load(b)
            }
            _ => LineClass::compile(patterns),
        }
    }

    fn load(b: &BakedClass) -> LineClass {
        LineClass {
            filtered: b
                .filtered
                .iter()
                .map(|f| {
                    let required = f.required.iter().map(|r| r.to_string()).collect();
                    LinePattern::new(required, LazySearcher::new(Source::Baked(f.dfa)), "")
                })
                .collect(),
            rest: b.rest.map(|r| LazySearcher::new(Source::Baked(r))),
            rest_first: b.rest_first,
            baked: true,
        }
    }

    fn compile(patterns: Vec<String>) -> LineClass {
        let parts = syntax::class_parts(patterns)
            .unwrap_or_else(|e| panic!("line patterns parse (tested): {e}"));
        LineClass {
            filtered: parts
                .filtered
                .into_iter()
                .map(|f| {
                    LinePattern::new(
                        f.required,
                        LazySearcher::new(Source::Patterns(vec![f.hir])),
                        &f.pattern,
                    )
                })
                .collect(),
            rest: (!parts.rest.is_empty()).then(|| LazySearcher::new(Source::Patterns(parts.rest))),
            rest_first: parts.rest_first,
            baked: false,
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

    /// True when one of the unfiltered patterns matches `line`.
    fn rest_match(&self, line: &str) -> bool {
        self.rest.as_ref().is_some_and(|r| r.get().is_match(line))
    }

    fn is_match(&self, line: &str) -> bool {
        (self.rest_may_match(line) && self.rest_match(line))
            || self.filtered.iter().any(|p| p.is_match(line))
    }
}

/// The noise class's patterns as it compiles them: case-insensitive.
fn noise_patterns() -> Vec<String> {
    PATTERNS
        .file
        .text
        .noise_lines
        .iter()
        .map(|p| format!("(?i){p}"))
        .collect()
}

// Trailer lines are matched case-sensitively: an all-caps "BY NAME" is an author box.
fn trailer_patterns() -> Vec<String> {
    PATTERNS.file.text.trailer_lines.clone()
}

static NOISE: LazyLock<LineClass> =
    LazyLock::new(|| LineClass::new(noise_patterns(), BAKED_NOISE.as_ref()));
static TRAILER: LazyLock<LineClass> =
    LazyLock::new(|| LineClass::new(trailer_patterns(), BAKED_TRAILER.as_ref()));

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

    /// A class of one pattern, compiled here (not build.rs's DFAs).
    fn compiled(pattern: &str) -> LineClass {
        LineClass::compile(vec![pattern.to_string()])
    }

    #[test]
    fn furniture_lines_are_noise() {
        for line in [
            "Support us on Patreon",
            "byBenjamin Murdoch",
            "By Jane Doe",
            "By José Martínez",
            "84.1 F",
            "2 minute read",
            "04/11/2025",
            "- Advertisement -",
            "Photo via Wikimedia.",
            "Photos via Élysée Palace",
            "Copyright © 2024 Zürich Times",
            "Published 3 мая 2024",
            "Discover the latest Business News, Sensex, and Nifty updates.",
            "Find the best of Al News in one place, specially curated for you every weekend.",
            "Stay on top of the latest tech trends and biggest startup news.",
            "For the latest stories, follow our Acme News channel online or via the app.",
            "Follow our “Café Noir” channel",
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
            // A word boundary needs a letter that is not a word character
            // after it: "é" and "ü" are word characters.
            "Copyrighté 2024",
            "Publishedé in 2024",
            "Follow usé to the channelü",
            "Discover the newsé",
        ] {
            assert!(!is_noise_line(line), "{line}");
        }
    }

    #[test]
    fn built_in_classes_are_loaded_from_the_build() {
        assert!(NOISE.baked, "build.rs compiled the noise lines");
        assert!(TRAILER.baked, "build.rs compiled the trailer lines");
        // A class with other patterns is compiled here.
        let other = LineClass::new(vec![r"^\s*other".to_string()], BAKED_NOISE.as_ref());
        assert!(!other.baked);
        assert!(other.is_match("  other lines"));
    }

    #[test]
    fn first_bytes_rule_out_only_lines_no_pattern_matches() {
        let first = |p: &str| syntax::anchored_first_bytes(&regex_syntax::parse(p).unwrap());
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
        let (noise, trailer) = &*ONE_BY_ONE;
        for (class, regexes) in [(&*NOISE, noise), (&*TRAILER, trailer)] {
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
                let by_regex = regexes.iter().any(|r| r.is_match(line));
                assert!(class.rest_may_match(line) || !by_regex, "{line}");
            }
            assert!(!class.rest_may_match("Zelensky met Biden."));
        }
    }

    #[test]
    fn required_literals_are_found_only_where_every_match_has_them() {
        let req = |p: &str| {
            let mut out = Vec::new();
            syntax::required_literals(&regex_syntax::parse(p).unwrap(), &mut out);
            out
        };
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
        for p in noise_patterns() {
            let class = compiled(&p);
            let regex = Regex::new(&p).unwrap();
            for line in [
                "a@b.cd x",
                "josé@café.fr écrit",
                "Photo via Wikimedia.",
                "x | y | z",
                "© 2024",
                "By Jane Doe",
            ] {
                assert_eq!(class.is_match(line), regex.is_match(line), "{p} on {line}");
            }
        }
    }

    /// Lines with letters past ASCII beside the patterns' word boundaries,
    /// and the usual furniture and prose.
    const LINES: &[&str] = &[
        "Support us on Patreon",
        "byBenjamin Murdoch",
        "By Jane Doe",
        "BY CHUNG YEONG-GYO [yoon.soyeon@joongang.co.kr]",
        "BY JOSÉ ÁLVAREZ",
        "BY JOSÉ ÁLVAREZÉ",
        "By ÉMILE ZOLA",
        "BY O’NEILL SMITH",
        "84.1 F",
        "2 minute read",
        "04/11/2025",
        "- Advertisement -",
        "-advertisement-",
        "Photo via Wikimedia.",
        "Photos via Élysée",
        "Photos viaé Élysée",
        "Home | World | Asia",
        "Accueil | Société | Économie",
        "write to a@b.cd today",
        "écrivez à josé@café.fr",
        "écrivez àjosé@café.fré",
        "“a@b.cd”",
        "© 2024 News",
        "Copyright 2024",
        "Copyright© 2024",
        "Copyright’s end",
        "Copyrighté 2024",
        "Copyright © 2024 Zürich",
        "Share on Facebook",
        "Related stories:",
        "About the author",
        "About the authoré",
        "About the author’s work",
        "Read next",
        "Read nextñ",
        "Published 12:00, 3 May 2024",
        "Published 3 мая 2024",
        "Publishedé 2024",
        "Published—2024",
        "Published\u{a0}2024",
        "Published ٢٠٢٤",
        "Follow our Telegram channel — ‘news’",
        "Follow our Télégram channel",
        "Follow our app—",
        "Follow usé to the channel",
        "Follow us “channel”",
        "Follow us to the channelé",
        "For the latest news, follow our Café channel",
        "Stay on top of the latest trends in Zürich",
        "Stay on top of the latest trendsé",
        "Discover the latest Business News, Sensex, and Nifty updates.",
        "Discoveré the news",
        "Discover «news»",
        "Download the app’s newsletter",
        "By sending troops, North Korea gained technology.",
        "Shoigu said Kim had agreed to send 5,000 workers.",
        "Kim Jong Un’s “envoy” met Putin’s aide in 평양.",
        "",
        "\u{17f}upport us on patreon",
        "\u{a0} Share on Facebook",
        "\u{212a}im met Putin.",
        "“Related stories:”",
    ];

    /// The class answers as its patterns one by one do, loaded from the
    /// build and compiled here.
    #[test]
    fn a_line_class_matches_where_one_of_its_patterns_does() {
        let (noise, trailer) = &*ONE_BY_ONE;
        let noise_here = LineClass::compile(noise_patterns());
        let trailer_here = LineClass::compile(trailer_patterns());
        let mut lines = LINES.to_vec();
        let text = crate::lexicon::load::BUILTIN_LEXICON;
        lines.extend(text.lines().take(300));
        for line in lines {
            let want = noise.iter().any(|r| r.is_match(line));
            assert_eq!(is_noise_line(line), want, "{line}");
            assert_eq!(noise_here.is_match(line), want, "{line}");
            let want = trailer.iter().any(|r| r.is_match(line));
            assert_eq!(is_trailer_line(line), want, "{line}");
            assert_eq!(trailer_here.is_match(line), want, "{line}");
        }
    }

    /// Word boundaries where the rewrite must keep the `regex` crate's
    /// answer: before and after word and non-word characters, at the start
    /// and end of the line, in alternations and optional groups, `\B` and
    /// the start, end and half forms, unanchored patterns.
    const BOUNDARY_PATTERNS: &[&str] = &[
        r"^\s*copyright\b",
        r"(?i)^\s*(published|updated)\b.*\d{4}.*$",
        r"^.*\b[\w.+-]+@[\w-]+\.[\w.]+\b.*$",
        r"^\s*(?:by|BY)\s+[A-Z][A-Z.'’-]+(\s+[A-Z][A-Z.'’-]+)+\b",
        r"(?i)^\s*follow (us|our)\b.*\b(channel|app)\b",
        r"\bé",
        r"é\b",
        r"\b’",
        r"’\b",
        r"\bcafé\b",
        r"a\Bé",
        r"\B’",
        r"^\B",
        r"\b$",
        r"^(\bx|y\b)z?\b",
        r"x(\b)?é",
        r"\b{start}\w+\b{end}",
        r"\b{start-half}é",
        r"é\b{end-half}",
        r"(?m)^é\b$",
        r"\b\b",
        r"x\b\Bé",
        r"(?i)\bk\b",
        r"[\d\s]+\b",
        r"\b\d+\b",
    ];

    const BOUNDARY_PIECES: &[&str] = &[
        "x",
        "y",
        "z",
        "é",
        "É",
        "’",
        "“",
        "”",
        "«",
        "»",
        " ",
        "\u{a0}",
        "\n",
        "-",
        ".",
        "@",
        "copyright",
        "published",
        "2024",
        "٢",
        "follow",
        "us",
        "channel",
        "app",
        "café",
        "a",
        "k",
        "\u{212a}",
        "BY",
        "JOSÉ",
        "ZOLA",
        "ß",
        "ñ",
        "—",
        "©",
        "한",
    ];

    #[test]
    fn rewritten_patterns_have_no_unicode_word_boundaries() {
        for p in BOUNDARY_PATTERNS {
            let hir = regex_syntax::parse(p).unwrap();
            let rewritten = syntax::anchored_without_unicode_word_looks(&hir)
                .unwrap_or_else(|| panic!("{p} is rewritten"));
            assert!(
                !rewritten.properties().look_set().contains_word_unicode(),
                "{p}"
            );
        }
        // Outside what the rewrite handles: searched as they are.
        for p in [r"(\bx)+", r"(x\b){2}", r"(?:\by?)*z", r"(?-u:\xff)\b"] {
            let hir = parse_bytes(p);
            assert!(
                syntax::anchored_without_unicode_word_looks(&hir).is_none(),
                "{p}"
            );
        }
    }

    /// Parses a pattern that may match bytes past UTF-8.
    fn parse_bytes(p: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(p)
            .unwrap()
    }

    #[test]
    fn rewritten_patterns_answer_as_the_regex_crate_on_hand_written_lines() {
        for p in BOUNDARY_PATTERNS
            .iter()
            .chain(&[r"(\bx)+", r"(x\b){2}", r"(?:\by?)*z"])
        {
            let class = compiled(p);
            let regex = Regex::new(p).unwrap();
            for line in LINES {
                assert_eq!(class.is_match(line), regex.is_match(line), "{p} on {line}");
            }
        }
    }

    proptest::proptest! {
        /// The rewritten patterns answer as the `regex` crate's, on lines
        /// of letters, digits, spaces and punctuation in and past ASCII.
        #[test]
        fn rewritten_patterns_answer_as_the_regex_crate(
            pieces in proptest::collection::vec(proptest::sample::select(BOUNDARY_PIECES), 0..10)
        ) {
            let line = pieces.concat();
            for (class, regex) in &*BOUNDARY_CLASSES {
                proptest::prop_assert_eq!(
                    class.is_match(&line),
                    regex.is_match(&line),
                    "{} on {:?}", regex.as_str(), line
                );
            }
            for (over, regex) in &*OVER_ALPHABET {
                proptest::prop_assert_eq!(
                    over.is_match(&line),
                    regex.is_match(&line),
                    "{} on {:?} over its alphabet", regex.as_str(), line
                );
            }
        }
    }

    static BOUNDARY_CLASSES: LazyLock<Vec<(LineClass, Regex)>> = LazyLock::new(|| {
        BOUNDARY_PATTERNS
            .iter()
            .map(|p| (compiled(p), Regex::new(p).unwrap()))
            .collect()
    });

    /// A pattern taken through build.rs's steps (rewritten, then over its
    /// alphabet's class numbers), searched as build.rs's DFA is: fed one
    /// class number per character, from the line's start (here by a lazy
    /// DFA, as the library cannot build a dense one).
    struct OverAlphabet {
        alphabet: Alphabet,
        dfa: hybrid::dfa::DFA,
        cache: std::sync::Mutex<hybrid::dfa::Cache>,
    }

    impl OverAlphabet {
        /// `None` for a pattern with assertions other than `^` and `$`.
        fn new(p: &str) -> Option<OverAlphabet> {
            let hir = regex_syntax::parse(p).unwrap();
            let hir = syntax::anchored_without_unicode_word_looks(&hir).unwrap();
            let (alphabet, hirs) = syntax::over_alphabet(&[hir])?;
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().utf8(false))
                .build_many_from_hir(&hirs)
                .unwrap();
            let dfa = hybrid::dfa::DFA::builder().build_from_nfa(nfa).unwrap();
            let cache = std::sync::Mutex::new(dfa.create_cache());
            Some(OverAlphabet {
                alphabet,
                dfa,
                cache,
            })
        }

        fn is_match(&self, line: &str) -> bool {
            let ids: Vec<u8> = line.chars().map(|c| self.alphabet.id(c)).collect();
            let input = Input::new(&ids).anchored(Anchored::Yes).earliest(true);
            let mut cache = self.cache.lock().unwrap();
            self.dfa
                .try_search_fwd(&mut cache, &input)
                .unwrap()
                .is_some()
        }
    }

    static OVER_ALPHABET: LazyLock<Vec<(OverAlphabet, Regex)>> = LazyLock::new(|| {
        let built_in = noise_patterns().into_iter().chain(trailer_patterns());
        let all: Vec<String> = BOUNDARY_PATTERNS
            .iter()
            .map(|p| p.to_string())
            .chain(built_in)
            .collect();
        let over: Vec<(OverAlphabet, Regex)> = all
            .iter()
            .filter_map(|p| Some((OverAlphabet::new(p)?, Regex::new(p).unwrap())))
            .collect();
        // Only the multi-line pattern's `(?m)^` and `$` look at bytes.
        assert_eq!(over.len(), all.len() - 1);
        over
    });

    #[test]
    fn patterns_over_their_alphabet_answer_as_the_regex_crate_on_hand_written_lines() {
        for (over, regex) in &*OVER_ALPHABET {
            for line in LINES {
                assert_eq!(
                    over.is_match(line),
                    regex.is_match(line),
                    "{} on {line}",
                    regex.as_str()
                );
            }
        }
        // Few classes: the built-in classes' letters, digits, spaces and
        // the rest.
        let hirs: Vec<Hir> = noise_patterns()
            .iter()
            .map(|p| regex_syntax::parse(p).unwrap())
            .map(|h| syntax::anchored_without_unicode_word_looks(&h).unwrap())
            .collect();
        let (alphabet, _) = syntax::over_alphabet(&hirs).unwrap();
        let classes: std::collections::BTreeSet<u8> = alphabet
            .ascii
            .iter()
            .chain(alphabet.ids.iter())
            .copied()
            .collect();
        assert!(classes.len() < 64, "{} classes", classes.len());
        // A line cannot tell apart what no pattern does, and can what one does.
        assert_eq!(alphabet.id('é'), alphabet.id('ж'));
        assert_ne!(alphabet.id('é'), alphabet.id('’'));
        assert_ne!(alphabet.id('k'), alphabet.id('x'));
        assert_eq!(alphabet.id('k'), alphabet.id('\u{212a}'));
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
            let class = compiled(p);
            assert_eq!(class.filtered.len(), 1, "{p}");
            let lp = &class.filtered[0];
            assert_eq!(lp.pattern, p);
            for line in lines {
                assert_eq!(
                    lp.has_required(line),
                    lp.required.iter().all(|r| line.contains(r.as_str())),
                    "{p} on {line}"
                );
            }
        }
    }

    /// Each noise pattern alone, compiled here, beside its `Regex`.
    static NOISE_ONE_BY_ONE: LazyLock<Vec<(LineClass, Regex)>> = LazyLock::new(|| {
        noise_patterns()
            .iter()
            .map(|p| (compiled(p), Regex::new(p).unwrap()))
            .collect()
    });

    proptest::proptest! {
        /// On any line, the searchers say what `contains` says, and each
        /// pattern answers as its `Regex`.
        #[test]
        fn prefilter_never_rejects_a_line_the_regex_accepts(
            line in "[ a-zA-Z0-9@.|/©’é-]{0,40}"
        ) {
            for (class, regex) in &*NOISE_ONE_BY_ONE {
                for lp in &class.filtered {
                    proptest::prop_assert_eq!(
                        lp.has_required(&line),
                        lp.required.iter().all(|r| line.contains(r.as_str()))
                    );
                }
                proptest::prop_assert_eq!(class.is_match(&line), regex.is_match(&line));
            }
        }
    }

    /// Each class's patterns one by one, compiled once for the tests.
    static ONE_BY_ONE: LazyLock<(Vec<Regex>, Vec<Regex>)> = LazyLock::new(|| {
        let noise = noise_patterns()
            .iter()
            .map(|p| Regex::new(p).unwrap())
            .collect();
        let trailer = trailer_patterns()
            .iter()
            .map(|p| Regex::new(p).unwrap())
            .collect();
        (noise, trailer)
    });

    proptest::proptest! {
        /// The built classes answer as the patterns one by one, on lines
        /// of words the patterns know, spaces of every kind and letters
        /// past ASCII beside them.
        #[test]
        fn line_classes_answer_as_their_patterns_one_by_one(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "by ", "BY ", "By", "share", "on", "x", "copyright", "published", "2024",
                "photo", "via", "follow", "our", "us", "channel", "app", "about the author",
                "-", "advertisement", "é", "Ж", "’", "“", "”", "©", "|", "@", ".", ",", " ",
                "\u{a0}", "5", "min", "read", "F", "°", "Kim", "related", ":", "\u{17f}",
                "\u{212a}", "JOSÉ", "ÁLVAREZ", "Zürich", "news", "discover", "read next",
                "٢٠٢٤", "ñ",
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
        // "É" is not in `[A-Z]`: the name stops there.
        assert!(!is_trailer_line("BY JOSÉ ÁLVAREZ"));
        assert!(!is_trailer_line("By sending troops, North Korea gained."));
    }
}
