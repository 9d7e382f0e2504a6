//! One aho-corasick automaton over every name, demonym and description of the
//! lexicon, shared across threads; the built-in lexicon's is built once per
//! process (`ergraph::builtin_lexicon`).
//!
//! The automaton matches ASCII case-insensitively and reports overlapping
//! matches; a match counts when it sits on word boundaries and keeps the
//! pattern's capitals (abbreviations must match exactly). Of overlapping
//! matches the longest wins, then the leftmost: "North Korean" beats "the
//! North", "Kursk region" beats "Kursk".

use super::{Entity, Form};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// One surface form in the automaton.
#[derive(Debug, Clone)]
struct Surface {
    entity: usize,
    form: Form,
    text: String,
}

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Index of the entity in the lexicon.
    pub entity: usize,
    pub form: Form,
}

/// The automaton and what each of its patterns names.
///
/// A match must start on a word boundary, so the automaton is anchored: it
/// is run from each boundary where some name could start and stops as soon
/// as no name continues (a few bytes), instead of carrying every byte of
/// the sentence through a large unanchored automaton.
#[derive(Debug)]
pub struct Matcher {
    automaton: DFA,
    start: StateID,
    /// Bytes a name can start with (both cases of an ASCII letter).
    first: [bool; 256],
    surfaces: Vec<Surface>,
}

impl Matcher {
    /// Builds the automaton over all entities' surface forms.
    pub fn new(entities: &[Entity]) -> Matcher {
        let mut surfaces = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let mut add = |text: &str, form: Form| {
                let text = text.trim();
                if text.is_empty() {
                    return;
                }
                surfaces.push(Surface {
                    entity: i,
                    form,
                    text: text.to_string(),
                });
                if text.contains('\'') {
                    surfaces.push(Surface {
                        entity: i,
                        form,
                        text: text.replace('\'', "’"),
                    });
                }
            };
            add(&e.label, Form::Name);
            for a in &e.aliases {
                add(a, Form::Name);
            }
            for a in &e.abbreviations {
                add(a, Form::Abbreviation);
            }
            for d in &e.demonyms {
                add(d, Form::Demonym);
            }
            for d in &e.descriptions {
                add(d, Form::Description);
            }
        }
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(surfaces.iter().map(|s| s.text.as_str()))
            .expect("lexicon automaton builds");
        let start = automaton
            .start_state(Anchored::Yes)
            .expect("anchored automaton");
        let mut first = [false; 256];
        for s in &surfaces {
            if let Some(&b) = s.text.as_bytes().first() {
                first[usize::from(b)] = true;
                first[usize::from(b.to_ascii_lowercase())] = true;
                first[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        Matcher {
            automaton,
            start,
            first,
            surfaces,
        }
    }

    /// Matches on word boundaries with the pattern's case, longest first.
    pub fn find(&self, text: &str) -> Vec<LexMatch> {
        let bytes = text.as_bytes();
        let mut found: Vec<LexMatch> = Vec::new();
        // Walks the text by character: `alnum` tells whether the character
        // before `next` is a letter or digit (then no name starts there).
        // Inside a word, ASCII letters and digits are skipped by table.
        let mut alnum = false;
        let mut next = 0;
        while next < bytes.len() {
            if alnum {
                while bytes
                    .get(next)
                    .is_some_and(|&b| ASCII_ALNUM[usize::from(b)])
                {
                    next += 1;
                }
                if next >= bytes.len() {
                    break;
                }
            }
            let s = next;
            let b = bytes[s];
            let starts_name = !alnum && self.first[usize::from(b)];
            if b.is_ascii() {
                alnum = ASCII_ALNUM[usize::from(b)];
                next = s + 1;
            } else {
                let c = text.get(s..).and_then(|r| r.chars().next()).unwrap_or(' ');
                alnum = c.is_alphanumeric();
                next = s + c.len_utf8();
            }
            if !starts_name {
                continue;
            }
            self.run_from(text, s, &mut found);
        }
        // Longest first, then leftmost; then keep those that overlap nothing kept.
        found.sort_by(|a, b| {
            (b.end - b.start, a.start, a.entity).cmp(&(a.end - a.start, b.start, b.entity))
        });
        let mut kept: Vec<LexMatch> = Vec::new();
        for m in found {
            if kept.iter().all(|k| m.end <= k.start || m.start >= k.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }
}

impl Matcher {
    /// Runs the anchored automaton from `s` until no name continues, and
    /// records the names that end on a word boundary. (Its own function:
    /// the hot loop keeps its state in registers.)
    #[inline(never)]
    fn run_from(&self, text: &str, s: usize, found: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let dfa = &self.automaton;
        let mut sid = self.start;
        let mut e = s;
        while let Some(&b) = bytes.get(e) {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            e += 1;
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                break;
            }
            if dfa.is_match(sid) {
                self.record(text, s, e, sid, found);
            }
        }
    }

    /// The names of match state `sid` that span exactly `s..e` on word
    /// boundaries, with the pattern's capitals.
    #[cold]
    #[inline(never)]
    fn record(&self, text: &str, s: usize, e: usize, sid: StateID, found: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let dfa = &self.automaton;
        if !boundary_after(bytes, text, e) {
            return;
        }
        for i in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, i);
            // A state also lists the names that end here but start
            // later (suffixes); those are found from their own start.
            if dfa.pattern_len(pid) != e - s {
                continue;
            }
            let surface = &self.surfaces[pid.as_usize()];
            let Some(matched) = text.get(s..e) else {
                continue;
            };
            if !case_fits(&surface.text, matched, surface.form) {
                continue;
            }
            found.push(LexMatch {
                start: s,
                end: e,
                entity: surface.entity,
                form: surface.form,
            });
        }
    }
}

/// ASCII letters and digits (false for every byte of a non-ASCII character).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn boundary_after(bytes: &[u8], text: &str, at: usize) -> bool {
    if at >= bytes.len() {
        return true;
    }
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Abbreviations match exactly; other names keep every capital of the
/// pattern after its first letter (so "us" is not "US", "the Kremlin" may
/// start a sentence as "The Kremlin").
fn case_fits(pattern: &str, matched: &str, form: Form) -> bool {
    if form == Form::Abbreviation {
        return pattern == matched;
    }
    let mut pc = pattern.chars();
    let mut mc = matched.chars();
    pc.next();
    mc.next();
    pc.zip(mc)
        .all(|(p, m)| !p.is_uppercase() || m.is_uppercase())
}

#[cfg(test)]
mod tests {
    use crate::lexicon::load_lexicon;

    fn labels(text: &str) -> Vec<String> {
        let lex = load_lexicon(&[]).unwrap();
        lex.find(text)
            .into_iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], lex.entity(m.entity).id))
            .collect()
    }

    #[test]
    fn longest_match_wins_over_shorter_overlaps() {
        assert_eq!(
            labels("the North Korean leader went to Russia's Kursk region"),
            [
                "North Korean=country:north-korea",
                "Russia=country:russia",
                "Kursk region=place:kursk"
            ]
        );
    }

    #[test]
    fn abbreviations_match_case_sensitively() {
        assert_eq!(labels("The NIS said"), ["NIS=organization:nis"]);
        assert!(labels("this is us, nis").is_empty());
    }

    #[test]
    fn names_need_word_boundaries_and_their_capitals() {
        assert!(labels("Kimchi and putinism").is_empty());
        assert_eq!(
            labels("South Korea’s intelligence service said"),
            ["South Korea’s intelligence service=organization:nis"]
        );
        assert_eq!(labels("The Kremlin said"), ["The Kremlin=country:russia"]);
    }
}
