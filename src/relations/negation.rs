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
    let lo = from.max(cue.saturating_sub(REACH));
    let set = &PATTERNS.hypothetical;
    (lo..cue).any(|k| {
        tokens.get(k).is_some_and(|t| set.may(t))
            && !name_not_modal(tokens, k)
            && set.match_at(words, k).is_some_and(|n| k + n <= cue)
    }) || negated_at(tokens, words, from, cue)
}

/// [`speculative`] for a sentence's tokens and their lower-case `words`.
pub fn speculative_at(tokens: &[Token], words: &[&str], from: usize, cue: usize) -> bool {
    let lo = from.max(cue.saturating_sub(3));
    (lo..cue).any(|k| {
        tokens.get(k).is_some_and(|t| PATTERNS.speculative.may(t))
            && !name_not_modal(tokens, k)
            && PATTERNS.speculative.has(words[k])
    }) || negated_at(tokens, words, from, cue)
}

/// True when the token at `k` is capitalised after a word ("visited Lima
/// in May and held talks", "Prime Minister Theresa May"): a month or a
/// name, not the modal "may"; a capital after a quote or at the start
/// still opens a sentence.
fn name_not_modal(tokens: &[Token], k: usize) -> bool {
    k > 0 && tokens[k].is_capitalized() && tokens[k - 1].kind == crate::text::TokenKind::Word
}

/// How far from a contingent its denied verb may stand: "had not supplied
/// any drones", "were never delivered".
const DENIAL_REACH: usize = 6;

/// True when the contingent at tokens `start..end` is one a negated verb of
/// sending, receiving or arriving governs in its clause, before it ("did not
/// send drones", "denies supplying weapons", "has not received any jets") or
/// after it ("the troops were never deployed"), or that "no" counts ("no
/// troops were sent"): no deployment is stated, so none is made.
pub fn denied_contingent(tokens: &[Token], words: &[&str], start: usize, end: usize) -> bool {
    let p = &*PATTERNS;
    let sh = &*crate::mentions::shipments::SHIPMENTS;
    let is_break = |k: usize| p.clause_breaks.may(&tokens[k]) && p.clause_breaks.has(words[k]);
    let verb_at = |k: usize| {
        [
            &p.sent_verbs,
            &sh.send_cues,
            &sh.receive_verbs,
            &sh.arrival_verbs,
        ]
        .iter()
        .any(|set| set.may(&tokens[k]) && set.match_at(words, k).is_some())
    };
    if words.get(start) == Some(&"no") || start > 0 && words[start - 1] == "no" {
        return true;
    }
    // Before: the nearest verb of the clause, and a negation of it.
    let lo = start.saturating_sub(DENIAL_REACH);
    if let Some(v) = (lo..start)
        .rev()
        .take_while(|&k| !is_break(k))
        .find(|&k| verb_at(k))
    {
        let from = (0..v).rev().find(|&k| is_break(k)).map_or(0, |k| k + 1);
        return negated_at(tokens, words, from, v);
    }
    // After: "were not sent", "have never been delivered".
    let hi = (end + DENIAL_REACH).min(tokens.len());
    let clause: Vec<usize> = (end..hi).take_while(|&k| !is_break(k)).collect();
    clause
        .iter()
        .any(|&v| verb_at(v) && negated_at(tokens, words, end, v))
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

    /// Whether the contingent `unit` (its first occurrence) in `sentence` is denied.
    fn denied(sentence: &str, unit: &str) -> bool {
        let lower = sentence.to_lowercase();
        let mut tokens = Vec::new();
        crate::text::tokens::tokenize_lowered_into(sentence, &lower, 0, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_ref()).collect();
        let unit: Vec<&str> = unit.split(' ').collect();
        let start = (0..words.len())
            .find(|&k| words[k..].starts_with(&unit))
            .unwrap_or_else(|| panic!("{unit:?} in {sentence:?}"));
        denied_contingent(&tokens, &words, start, start + unit.len())
    }

    #[test]
    fn a_denied_sending_states_no_contingent() {
        for (sentence, unit) in [
            (
                "Iran said it had not supplied any drones to Russia.",
                "drones",
            ),
            (
                "The ministry denies sending weapons to the rebels.",
                "weapons",
            ),
            ("Minsk has not received any tanks from Moscow.", "tanks"),
            (
                "Chile did not deploy 300 engineers to Haiti.",
                "300 engineers",
            ),
            ("No troops were sent to the border.", "troops"),
            (
                "The 40 howitzers were never delivered to Kyiv.",
                "40 howitzers",
            ),
        ] {
            assert!(denied(sentence, unit), "{sentence}");
        }
        for (sentence, unit) in [
            (
                "Peru sent 300 engineers to Haiti, officials said.",
                "300 engineers",
            ),
            // The negation governs another clause's verb.
            (
                "The army, which did not say when, sent 40 howitzers.",
                "40 howitzers",
            ),
            ("Officials could not say how many troops arrived.", "troops"),
            (
                "The troops, who were not paid, were deployed to the north.",
                "troops",
            ),
        ] {
            assert!(!denied(sentence, unit), "{sentence}");
        }
    }

    #[test]
    fn a_denied_contingent_is_no_deployment_and_no_later_antecedent() {
        let lex = crate::builtin_lexicon().unwrap();
        let text = "Iran has not supplied any drones to Russia, the minister said.\n\n\
                    Analysts said the drones had struck Kharkiv.";
        let doc =
            crate::corpus::Document::new("d".into(), "d.txt".into(), text.into(), None, None, None);
        let ex = crate::extract::extract_document(&doc, lex);
        assert!(ex.drafts.is_empty(), "{:?}", ex.drafts);
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
