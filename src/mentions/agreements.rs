//! Agreements named in lower case by their head noun and its modifiers:
//! "sealed the USD 5 billion S-400 air defence system deal", "signed two
//! important joint statements", "a military financial cooperation protocol
//! signed by", "agreed to a weeklong truce", "agreed on an economic
//! cooperation programme". The nouns, modifiers and frames are the data of
//! `data/agreements.toml`.
//!
//! An agreement becomes a treaty-kind mention only inside a signing frame (a
//! signing verb before it, or a participle such as "signed by" after it), so
//! "a guarded statement" or "a trade deal" in passing make no node, and only
//! when a modifier says which agreement it is: a bare "a pact" or "an MoU" is
//! left to the `agreed` rule, which links its parties to each other.
//!
//! Definite descriptions resolve to an agreement the document named before:
//! "the defence deal" to the "S-400 Air Defence System Deal" (same head
//! group, every modifier in its label), "the statements" to the "Joint
//! Statement", "the deal" to the last agreement of any kind (for the generic
//! groups). A later indefinite with the same modifiers and a head of the same
//! group is the same agreement ("an economic cooperation plan" ... "an
//! economic cooperation programme"). Capitalised names and treaties with two
//! modifiers stay with `titled`; "the treaty", "the agreement" with `coref`.
//!
//! The label is the modifiers and the singular head, title-cased, without
//! determiners, counts, amounts and evaluative words, so one agreement named
//! in several ways is one node.

use super::classes::Classes;
use super::{DocState, Mention, MentionForm, covered};
use crate::graph::Kind;
use crate::lexicon::Lexicon;
use crate::lexicon::patterns::CueSet;
use crate::text::{Token, TokenKind};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::sync::LazyLock;

const AGREEMENTS_TOML: &str = include_str!("../../data/agreements.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreementFile {
    nouns: Nouns,
    frames: Frames,
    sides: Sides,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sides {
    belligerent_references: Vec<String>,
    conflict_predicates: Vec<String>,
    conflict_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Nouns {
    heads: Vec<(String, String)>,
    generic_groups: Vec<String>,
    evaluative: Vec<String>,
    amount_words: Vec<String>,
    determiners: Vec<String>,
    not_modifiers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Frames {
    signing_verbs: Vec<String>,
    signed_participles: Vec<String>,
    auxiliaries: Vec<String>,
    cosigning_verbs: Vec<String>,
}

/// The agreement nouns and frames, ready for matching.
pub struct Agreements {
    /// Head noun → its group.
    heads: FxHashMap<String, String>,
    /// The head nouns as a set: a token whose cue bits rule it out is no head.
    pub(super) head_words: CueSet,
    generic_groups: Vec<String>,
    evaluative: CueSet,
    amount_words: CueSet,
    determiners: CueSet,
    not_modifiers: CueSet,
    /// Verbs whose object is an agreement the subject concluded.
    pub signing_verbs: CueSet,
    /// Participles after an agreement that name its parties ("signed by").
    pub signed_participles: CueSet,
    auxiliaries: CueSet,
    /// Signing verbs at which two people who sign are together.
    pub cosigning_verbs: CueSet,
    /// "the warring sides": the two sides of the document's conflict.
    pub belligerent_references: CueSet,
    /// "locked in a fight" after two coordinated actors.
    pub conflict_predicates: CueSet,
    /// "fighting" before "between A and B".
    pub conflict_nouns: CueSet,
}

/// The embedded agreement data, parsed on first use; its sets come from the
/// patterns' registry.
pub static AGREEMENTS: LazyLock<Agreements> = LazyLock::new(|| {
    Agreements::build(agreement_file(), &mut |items| {
        crate::lexicon::patterns::PATTERNS.cue_set(items)
    })
});

fn agreement_file() -> AgreementFile {
    toml::from_str(AGREEMENTS_TOML).expect("data/agreements.toml is valid (tested)")
}

/// The cue lists of `data/agreements.toml`, for the patterns' registry.
pub(crate) fn cue_lists() -> Vec<Vec<String>> {
    crate::lexicon::patterns::record_lists(|c| Agreements::build(agreement_file(), c))
}

impl Agreements {
    /// The data, each list made a set by `c` (the one place that names them).
    fn build(f: AgreementFile, c: &mut dyn FnMut(&[String]) -> CueSet) -> Agreements {
        Agreements {
            head_words: c(&f
                .nouns
                .heads
                .iter()
                .map(|(h, _)| h.clone())
                .collect::<Vec<_>>()),
            heads: f.nouns.heads.into_iter().collect(),
            generic_groups: f.nouns.generic_groups,
            evaluative: c(&f.nouns.evaluative),
            amount_words: c(&f.nouns.amount_words),
            determiners: c(&f.nouns.determiners),
            not_modifiers: c(&f.nouns.not_modifiers),
            signing_verbs: c(&f.frames.signing_verbs),
            signed_participles: c(&f.frames.signed_participles),
            auxiliaries: c(&f.frames.auxiliaries),
            cosigning_verbs: c(&f.frames.cosigning_verbs),
            belligerent_references: c(&f.sides.belligerent_references),
            conflict_predicates: c(&f.sides.conflict_predicates),
            conflict_nouns: c(&f.sides.conflict_nouns),
        }
    }
}

impl Agreements {
    /// True for a word that may stand between a verb and the agreement noun
    /// it governs: a determiner, an amount ("a $10 billion deal"), an
    /// evaluative word or another lower-case modifier ("a defence deal").
    pub fn before_head(&self, t: &Token) -> bool {
        let w = t.lower.as_ref();
        self.determiners.has(w)
            || self.amount_words.has(w)
            || self.evaluative.has(w)
            || t.kind == TokenKind::Number
            || t.kind == TokenKind::Word
                && !t.is_capitalized()
                && !self.not_modifiers.has(w)
                && self.group(w).is_none()
    }

    /// The group of an agreement head noun, if `word` is one.
    pub fn group(&self, word: &str) -> Option<&str> {
        self.heads.get(word).map(String::as_str)
    }

    /// [`Agreements::group`] of a token, answered from its cue bits when they rule it out.
    #[inline]
    pub fn group_of(&self, t: &Token) -> Option<&str> {
        if self.head_words.may(t) {
            self.group(t.lower.as_ref())
        } else {
            None
        }
    }

    /// The singular of a head ("statements" → "statement"), as written.
    fn singular<'t>(&self, written: &'t str, lower: &str) -> &'t str {
        if let Some(stem) = lower.strip_suffix('s')
            && self.heads.contains_key(stem)
            && written.len() > stem.len()
        {
            return &written[..stem.len()];
        }
        written
    }

    /// True when `words[s..=e]` ends with a determiner phrase, giving its length.
    fn determiner_ending_at(&self, words: &[&str], e: usize) -> Option<usize> {
        self.determiners.match_ending_at(words, e)
    }

    /// Token `k` ends a signing verb: its first token.
    fn signing_verb_ending_at(&self, words: &[&str], k: usize) -> Option<usize> {
        self.signing_verbs
            .match_ending_at(words, k)
            .map(|n| k + 1 - n)
    }

    /// Index of a signing participle after the head at `i` ("signed", "was signed").
    pub fn participle_after(&self, words: &[&str], i: usize) -> Option<usize> {
        let mut k = i + 1;
        for _ in 0..3 {
            if let Some(n) = self.signed_participles.match_at(words, k) {
                return Some(k + n - 1);
            }
            k += self.auxiliaries.match_at(words, k)?;
        }
        None
    }
}

/// True when the token can be an agreement head: a lower-case word, or an
/// abbreviation written with inner capitals ("MoU", "MOU").
fn head_shaped(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && (!t.is_capitalized() || t.text.chars().skip(1).any(char::is_uppercase))
}

/// Adds the sentence's agreements named by a head noun (see the module doc).
pub fn agreement_mentions(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    state: &DocState,
    mentions: &mut Vec<Mention>,
) {
    let a = &*AGREEMENTS;
    // A sentence with no token that may be a head names no agreement.
    if !classes.any(Classes::AGREEMENT_HEAD) {
        return;
    }
    let mut added: Vec<Mention> = Vec::new();
    for i in classes.positions(Classes::AGREEMENT_HEAD) {
        let Some(group) = a.group_of(&tokens[i]) else {
            continue;
        };
        if !head_shaped(&tokens[i]) || covered(mentions, i) || covered(&added, i) {
            continue;
        }
        // The modifiers, going left from the head.
        let modifier = |k: usize| {
            let t = &tokens[k];
            let w = words[k];
            t.kind == TokenKind::Word
                && !a.not_modifiers.has(w)
                && !a.amount_words.has(w)
                && !a.determiners.has(w)
                && !a.signing_verbs.has(w)
                && a.group_of(t).is_none()
                && !covered(mentions, k)
        };
        let mut s = i;
        while s > 0 && i - s < 6 {
            if modifier(s - 1) {
                s -= 1;
            } else if s < i && s >= 2 && duration_at(tokens, s) {
                // "a 20-year cooperation plan": the number of a duration is
                // part of its modifier.
                s -= 2;
            } else if s < i && s >= 2 && words[s - 1] == "and" && modifier(s - 2) {
                // "a defence and economic cooperation agreement": modifiers
                // joined by "and" are one.
                s -= 2;
            } else {
                break;
            }
        }
        // Determiners, counts, amounts and countries before the modifiers.
        let mut b = s;
        let mut definite = false;
        let mut steps = 0;
        while b > 0 && steps < 6 {
            let w = words[b - 1];
            if let Some(n) = a.determiner_ending_at(words, b - 1) {
                definite |= matches!(w, "the" | "this" | "that" | "these" | "those");
                b -= n;
            } else if tokens[b - 1].kind == TokenKind::Number
                || a.amount_words.has(w)
                || matches!(w, "-" | "’s" | "'s")
                || mentions
                    .iter()
                    .any(|m| m.tok.contains(&(b - 1)) && m.kind == Kind::Country)
            {
                b -= 1;
            } else {
                break;
            }
            steps += 1;
        }
        let modifiers: Vec<usize> = (s..i).filter(|&k| !a.evaluative.has(words[k])).collect();
        let bare = modifiers.is_empty();
        let plural = a.singular(words[i], words[i]) != words[i];
        let generic = a.generic_groups.iter().any(|g| g == group);
        // "the treaty", "the agreement", "the pact": coref's, as before; "the
        // agreements" may be several.
        if definite && bare && (generic && plural || treaty_word(&tokens[i])) {
            continue;
        }
        let mods: Vec<&str> = modifiers.iter().map(|&k| words[k]).collect();
        if definite
            && let Some((id, label)) = earlier_agreement(a, group, &mods, true, mentions, state)
        {
            added.push(description(tokens, b..i + 1, id, label));
            continue;
        }
        let verb_before = b > 0 && a.signing_verb_ending_at(words, b - 1).is_some();
        let signed_after = a.participle_after(words, i).is_some();
        if !(verb_before || signed_after) || bare {
            continue;
        }
        if !definite
            && let Some((id, label)) = earlier_agreement(a, group, &mods, false, mentions, state)
        {
            added.push(description(tokens, b..i + 1, id, label));
            continue;
        }
        let head = a.singular(tokens[i].text, words[i]);
        // Tokens written together ("20", "-", "year") are one word of the label.
        let mut words_of_label: Vec<String> = Vec::new();
        for (n, &k) in modifiers.iter().enumerate() {
            let joined = n > 0 && tokens[modifiers[n - 1]].end == tokens[k].start;
            match words_of_label.last_mut() {
                Some(last) if joined => last.push_str(tokens[k].text),
                _ => words_of_label.push(tokens[k].text.to_string()),
            }
        }
        let label = words_of_label
            .iter()
            .map(|w| match w.as_str() {
                "and" => "and".to_string(),
                _ => title_case(w),
            })
            .chain(std::iter::once(title_case(head)))
            .collect::<Vec<_>>()
            .join(" ");
        added.push(Mention::named(tokens, b..i + 1, Kind::Treaty, label));
    }
    mentions.extend(added);
}

/// "the China-Russia Treaty of ...", "the India-Russia deal": countries
/// joined by a hyphen before an agreement name its parties. The lexicon
/// leaves names inside a compound token alone; here each becomes a mention
/// of the country in its demonym form (an origin, never a subject), which
/// the `agreed` rule reads as a party.
pub fn agreement_parties(
    tokens: &[Token],
    classes: &Classes,
    lex: &Lexicon,
    mentions: &mut Vec<Mention>,
) {
    let a = &*AGREEMENTS;
    // Countries join only before an agreement head: a sentence with none has no parties.
    if !classes.any(Classes::AGREEMENT_HEAD) {
        return;
    }
    let mut added = Vec::new();
    // The hyphenated words, from their class.
    for k in classes.positions(Classes::HYPHEN) {
        let t = &tokens[k];
        let inside_other = mentions
            .iter()
            .any(|m| m.tok.contains(&k) && m.kind != Kind::Treaty);
        if inside_other {
            continue;
        }
        let names_agreement =
            (k + 1..tokens.len().min(k + 6)).any(|j| a.group_of(&tokens[j]).is_some());
        if !names_agreement {
            continue;
        }
        let mut parts = Vec::new();
        let mut offset = 0;
        for part in t.text.split('-') {
            let whole = lex.find(part).into_iter().find(|m| {
                m.start == 0 && m.end == part.len() && lex.entity(m.entity).kind == Kind::Country
            });
            let Some(m) = whole else {
                parts.clear();
                break;
            };
            parts.push((m.entity, offset, part.len()));
            offset += part.len() + 1;
        }
        if parts.len() < 2 {
            continue;
        }
        for (e, off, len) in parts {
            let entity = lex.entity(e);
            added.push(Mention {
                tok: k..k + 1,
                start: t.start + off,
                end: t.start + off + len,
                id: entity.id.clone(),
                kind: Kind::Country,
                label: entity.label.clone(),
                surface: t.text[off..off + len].to_string(),
                form: MentionForm::Demonym,
                role: None,
                gender: None,
            });
        }
    }
    mentions.extend(added);
}

/// "treaty", "pact", "agreement": the words whose bare definite `coref` resolves.
fn treaty_word(t: &Token) -> bool {
    let p = &*crate::lexicon::patterns::PATTERNS;
    p.treaty_heads.has_token(t) || t.lower == "agreement"
}

/// An agreement named before in this sentence or document that a phrase
/// with head `group` and modifiers `mods` names again: for a definite, the
/// last of the same group whose label has every modifier (a bare generic
/// head: the last of any group); for an indefinite, one with exactly these
/// modifiers.
fn earlier_agreement(
    a: &Agreements,
    group: &str,
    mods: &[&str],
    definite: bool,
    mentions: &[Mention],
    state: &DocState,
) -> Option<(crate::graph::NodeId, String)> {
    let fits = |label: &str| {
        let lower = label.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        let Some(last) = words.pop() else {
            return false;
        };
        let same_group = a.group(last) == Some(group);
        if definite && mods.is_empty() {
            return same_group || a.generic_groups.iter().any(|g| g == group);
        }
        same_group
            && if definite {
                mods.iter().all(|m| words.contains(m))
            } else {
                words.len() == mods.len() && mods.iter().all(|m| words.contains(m))
            }
    };
    let here = mentions
        .iter()
        .filter(|m| m.kind == Kind::Treaty && fits(&m.label))
        .max_by_key(|m| m.tok.start)
        .map(|m| (m.id.clone(), m.label.clone()));
    here.or_else(|| {
        state
            .history
            .iter()
            .rev()
            .find(|h| h.kind == Kind::Treaty && fits(&h.label))
            .map(|h| (h.id.clone(), h.label.clone()))
    })
}

fn description(
    tokens: &[Token],
    tok: std::ops::Range<usize>,
    id: crate::graph::NodeId,
    label: String,
) -> Mention {
    Mention::spanning(
        tokens,
        tok,
        id,
        Kind::Treaty,
        label,
        MentionForm::Description,
    )
}

/// True when the word at `s` ends a duration written with a hyphen after a
/// number ("20-year", "10-day"): tokens `s - 2` (a number) and `s - 1` (the
/// hyphen) are joined to it.
fn duration_at(tokens: &[Token], s: usize) -> bool {
    tokens[s - 2].kind == TokenKind::Number
        && tokens[s - 1].text == "-"
        && tokens[s - 2].end == tokens[s - 1].start
        && tokens[s - 1].end == tokens[s].start
        && tokens[s].kind == TokenKind::Word
        && !tokens[s].is_capitalized()
}

/// "defence" → "Defence"; "S-400" and "MoU" stay as written.
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_lexicon;
    use crate::mentions::find_mentions;
    use crate::text::tokenize;

    /// The treaty labels of each sentence of `text`, read as one document.
    fn treaties(text: &[&str]) -> Vec<Vec<String>> {
        let lex = load_lexicon(&[]).unwrap();
        let mut state = DocState::default();
        text.iter()
            .enumerate()
            .map(|(k, s)| {
                state.sentence = k;
                let tokens = tokenize(s, 0);
                let found = find_mentions(s, 0, &tokens, &lex, &mut state);
                found
                    .mentions
                    .iter()
                    .filter(|m| m.kind == Kind::Treaty)
                    .map(|m| m.label.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn countries_joined_before_an_agreement_are_mentioned() {
        let lex = load_lexicon(&[]).unwrap();
        let mut state = DocState::default();
        let s = "They signed the Germany-Poland trade treaty.";
        let tokens = tokenize(s, 0);
        let found = find_mentions(s, 0, &tokens, &lex, &mut state);
        let labels: Vec<&str> = found
            .mentions
            .iter()
            .filter(|m| m.kind == Kind::Country)
            .map(|m| m.label.as_str())
            .collect();
        assert_eq!(labels, ["Germany", "Poland"]);
        let s = "They watched the Germany-Poland match on television.";
        let tokens = tokenize(s, 0);
        let found = find_mentions(s, 0, &tokens, &lex, &mut state);
        assert!(found.mentions.iter().all(|m| m.kind != Kind::Country));
    }

    #[test]
    fn the_data_parses() {
        assert!(AGREEMENTS.group("memoranda").is_some());
        assert!(AGREEMENTS.signing_verbs.has("inked"));
    }

    #[test]
    fn a_signed_agreement_is_named_by_its_modifiers_and_head() {
        assert_eq!(
            treaties(&[
                "Chile and Peru sealed the USD 3 billion T-90 main battle tank deal on Monday."
            ]),
            [["T-90 Main Battle Tank Deal"]]
        );
        assert_eq!(
            treaties(&["A naval training protocol was signed by the two admirals."]),
            [["Naval Training Protocol"]]
        );
        assert_eq!(
            treaties(&["The rebels agreed to a three-day truce."]),
            [["Three-day Truce"]]
        );
        // Counts and evaluative words are no part of the name; the head is singular.
        assert_eq!(
            treaties(&["Both governments signed three important joint declarations."]),
            [["Joint Declaration"]]
        );
        // Modifiers joined by "and" are one agreement's, and "the deal" is it.
        assert_eq!(
            treaties(&[
                "Chile and Peru signed a defence and economic cooperation agreement.",
                "The two ministers signed the deal in Lima."
            ]),
            [
                ["Defence and Economic Cooperation Agreement"],
                ["Defence and Economic Cooperation Agreement"]
            ]
        );
        // A duration's number is part of the name.
        assert_eq!(
            treaties(&["Chile and Peru signed a 20-year cooperation plan."]),
            [["20-year Cooperation Plan"]]
        );
        // "and" between other words joins nothing.
        assert_eq!(
            treaties(&["Chile signed a security pact and economic cooperation protocol."]),
            [["Security Pact"]]
        );
    }

    #[test]
    fn agreements_in_passing_or_without_a_modifier_make_no_node() {
        assert_eq!(
            treaties(&["The embassy issued a guarded statement about the trade deal."]),
            [Vec::<String>::new()]
        );
        assert_eq!(
            treaties(&["The shipyard inked a pact with a foreign firm."]),
            [Vec::<String>::new()]
        );
        assert_eq!(
            treaties(&["Officials plan to sign a fisheries plan."]),
            [["Fisheries Plan"]]
        );
    }

    #[test]
    fn a_later_description_names_the_same_agreement() {
        assert_eq!(
            treaties(&[
                "The two countries signed the 2 billion dollar coastal patrol boat deal.",
                "The patrol deal angered the neighbours.",
                "Both presidents praised the deal.",
            ]),
            [
                ["Coastal Patrol Boat Deal"],
                ["Coastal Patrol Boat Deal"],
                ["Coastal Patrol Boat Deal"]
            ]
        );
        assert_eq!(
            treaties(&[
                "Both sides adopted a fisheries cooperation plan to 2035.",
                "\"We have agreed on a fisheries cooperation programme,\" the minister said.",
            ]),
            [
                ["Fisheries Cooperation Plan"],
                ["Fisheries Cooperation Plan"]
            ]
        );
        // "the statement" is never the treaty.
        assert_eq!(
            treaties(&[
                "The leaders signed a border treaty.",
                "The statement was read aloud."
            ]),
            [vec!["Border Treaty".to_string()], vec![]]
        );
    }
}
