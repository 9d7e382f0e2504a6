//! Negated and hypothetical events produce no edge: "did not respond to
//! Trump's offer to meet with Kim" is no meeting, "was open to talks" is no
//! meeting, "could send troops" is no sending. The cue classes are
//! `negation`, `hypothetical` and `speculative` in `data/patterns.toml`.

use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::text::Token;

/// How many words before a cue a negation or modal still governs it.
const REACH: usize = 6;

/// True when a cue class occurs among the `REACH` words before `cue`
/// (not crossing `from`, the clause start) or, for nominal cues, right after it.
fn governed(words: &[&str], from: usize, cue: usize, set: &CueSet) -> bool {
    let lo = from.max(cue.saturating_sub(REACH));
    (lo..cue).any(|k| set.match_at(words, k).is_some_and(|n| k + n <= cue))
}

/// [`governed`] over a sentence's tokens (`words` their lower-case forms):
/// a word whose cue bits rule the set out is not matched at all.
fn governed_at(tokens: &[Token], words: &[&str], from: usize, cue: usize, set: &CueSet) -> bool {
    let lo = from.max(cue.saturating_sub(REACH));
    (lo..cue).any(|k| {
        tokens.get(k).is_some_and(|t| set.may(t))
            && set.match_at(words, k).is_some_and(|n| k + n <= cue)
    })
}

/// [`negated`] for a sentence's tokens and their lower-case `words`.
pub fn negated_at(tokens: &[Token], words: &[&str], from: usize, cue: usize) -> bool {
    governed_at(tokens, words, from, cue, &PATTERNS.negation)
}

/// [`hypothetical`] for a sentence's tokens and their lower-case `words`.
pub fn hypothetical_at(tokens: &[Token], words: &[&str], from: usize, cue: usize) -> bool {
    governed_at(tokens, words, from, cue, &PATTERNS.hypothetical)
        || negated_at(tokens, words, from, cue)
}

/// [`speculative`] for a sentence's tokens and their lower-case `words`.
pub fn speculative_at(tokens: &[Token], words: &[&str], from: usize, cue: usize) -> bool {
    let lo = from.max(cue.saturating_sub(3));
    (lo..cue).any(|k| {
        tokens.get(k).is_some_and(|t| PATTERNS.speculative.may(t))
            && PATTERNS.speculative.has(words[k])
    }) || negated_at(tokens, words, from, cue)
}

/// True when the event at `cue` is negated in its clause.
pub fn negated(words: &[&str], from: usize, cue: usize) -> bool {
    governed(words, from, cue, &PATTERNS.negation)
}

/// True when a meeting or agreement at `cue` is only offered, proposed or possible.
pub fn hypothetical(words: &[&str], from: usize, cue: usize) -> bool {
    governed(words, from, cue, &PATTERNS.hypothetical) || negated(words, from, cue)
}

/// True when a sending at `cue` is only speculated ("could send").
pub fn speculative(words: &[&str], from: usize, cue: usize) -> bool {
    let lo = from.max(cue.saturating_sub(3));
    (lo..cue).any(|k| PATTERNS.speculative.has(words[k])) || negated(words, from, cue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn no_met_for_refused_offer() {
        let words = w("pyongyang did not respond to trump 's offer to meet with kim");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let cue = words.iter().position(|x| *x == "meet").unwrap();
        assert!(hypothetical(&words, 0, cue));
    }

    #[test]
    fn plain_meeting_is_not_hypothetical() {
        let words = w("choe son hui recently met with president vladimir putin");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert!(!hypothetical(&words, 0, 4));
    }

    #[test]
    fn could_send_is_speculative_but_plans_to_send_is_not() {
        let a: Vec<&str> = "the north could send more troops".split(' ').collect();
        assert!(speculative(&a, 0, 3));
        let b: Vec<&str> = "north korea plans to send 40,000 labourers"
            .split(' ')
            .collect();
        assert!(!speculative(&b, 0, 4));
    }
}
