//! Coreference inside a document: he / she (and his / her) resolve to the
//! nearest earlier person of a compatible gender, named in this sentence
//! before the pronoun or in the three sentences before; "the lawmaker",
//! "the minister" resolve to the nearest earlier person with that role.
//! When two different people fit equally the pronoun resolves to none:
//! a wrong node is worse than no node. "The two countries" is never resolved.

use super::classes::Classes;
use super::{DocState, Introduced, Mention, MentionForm};
use crate::graph::Kind;
use crate::lexicon::Gender;
use crate::lexicon::patterns::PATTERNS;
use crate::text::Token;

/// How many sentences back a pronoun may look.
const PRONOUN_REACH: usize = 3;

/// Adds mentions for resolvable pronouns and person descriptions.
pub fn resolve(tokens: &[Token], classes: &Classes, state: &DocState, mentions: &mut Vec<Mention>) {
    let p = &*PATTERNS;
    let mut added = Vec::new();
    // Every rule below starts at a pronoun (`male`, `female`, `org_pronouns`)
    // or at "the": any other token is passed over with one test of its class.
    let starts = Classes::PRONOUN | Classes::THE;
    if !classes.any(starts) {
        return;
    }
    for i in classes.positions(starts) {
        let t = &tokens[i];
        let w = t.lower.as_ref();
        if super::covered(mentions, i) {
            continue;
        }
        let gender = if p.male.may(t) && p.male.has(w) {
            Some(Gender::Male)
        } else if p.female.may(t) && p.female.has(w) {
            Some(Gender::Female)
        } else {
            None
        };
        if let Some(g) = gender {
            if let Some(h) = pronoun_target(i, g, matches!(w, "he" | "she"), mentions, state) {
                added.push(resolved(tokens, i..i + 1, h, MentionForm::Pronoun));
            }
            continue;
        }
        // "..., it said": the organisation named last speaks.
        if let Some(h) = org_speaker(tokens, i, mentions, state) {
            added.push(resolved(tokens, i..i + 1, h, MentionForm::Pronoun));
            continue;
        }
        // "the treaty", "the pact", "the document": the treaty named last.
        // Not "the pact Moscow concluded with Pyongyang": a restrictive clause names another one.
        // Every rule below starts at "the".
        if w != "the" {
            continue;
        }
        let restrictive = tokens.get(i + 2).is_some_and(|n| {
            n.is_capitalized()
                || matches!(
                    n.lower.as_ref(),
                    "that" | "which" | "signed" | "between" | "with" | "concluded" | "of"
                )
        });
        if w == "the"
            && tokens.get(i + 1).is_some_and(|n| {
                p.treaty_heads.has_token(n) || matches!(n.lower.as_ref(), "document" | "agreement")
            })
            && !super::covered(mentions, i + 1)
            && !restrictive
        {
            let here = mentions
                .iter()
                .filter(|m| m.tok.end <= i && m.kind == Kind::Treaty)
                .max_by_key(|m| m.tok.start);
            let found = here.map(|m| (m.id.clone(), m.label.clone())).or_else(|| {
                state
                    .history
                    .iter()
                    .rev()
                    .find(|h| h.kind == Kind::Treaty)
                    .map(|h| (h.id.clone(), h.label.clone()))
            });
            if let Some((id, label)) = found {
                let intro = described(id, Kind::Treaty, label, None, state);
                added.push(resolved(tokens, i..i + 2, intro, MentionForm::Description));
            }
            continue;
        }
        // "the panel", "the department": the organisation named earlier with that head word.
        if w == "the"
            && let Some(n) = tokens.get(i + 1)
            && (p.org_heads.has_token(n) || p.org_openers.has_token(n))
            && !super::covered(mentions, i + 1)
            && !restrictive
        {
            let head = n.lower.as_ref();
            // An ASCII label is compared word by word in place (its lower
            // case splits at the same spaces); others are lower-cased first.
            let has_head = |label: &str| {
                if label.is_ascii() {
                    label
                        .split_whitespace()
                        .any(|x| x.eq_ignore_ascii_case(head))
                } else {
                    label.to_lowercase().split_whitespace().any(|x| x == head)
                }
            };
            // The head may come from any name the organisation was given here
            // ("Ukraine's military intelligence agency" ... "the agency").
            let named = |h: &Introduced| has_head(&h.label) || h.names.iter().any(|n| has_head(n));
            let here = mentions
                .iter()
                .filter(|m| m.tok.end <= i && m.kind == Kind::Organization && has_head(&m.label))
                .max_by_key(|m| m.tok.start)
                .map(|m| (m.id.clone(), m.label.clone()));
            let found = here.or_else(|| {
                state
                    .history
                    .iter()
                    .rev()
                    .find(|h| h.kind == Kind::Organization && named(h))
                    .map(|h| (h.id.clone(), h.label.clone()))
            });
            if let Some((id, label)) = found {
                let intro = described(id, Kind::Organization, label, None, state);
                added.push(resolved(tokens, i..i + 2, intro, MentionForm::Description));
                continue;
            }
        }
        // "the lawmaker", "the minister" (not "a lawmaker": that is someone new).
        if w == "the"
            && i + 1 < tokens.len()
            && p.person_descriptions.may(&tokens[i + 1])
            && p.person_descriptions.has(&tokens[i + 1].lower)
        {
            let role = tokens[i + 1].lower.as_ref();
            let before: Vec<&Mention> = mentions
                .iter()
                .filter(|m| m.tok.end <= i && m.kind == Kind::Person)
                .collect();
            let here = before
                .iter()
                .rev()
                .find(|m| {
                    m.role
                        .as_deref()
                        .is_some_and(|r| r.to_lowercase().contains(role))
                })
                .map(|m| (m.id.clone(), m.label.clone(), m.gender));
            // Of several people with the role, the one the document mentioned
            // most ("the general" in a story about Syrskyi who met General
            // Cavoli); a tie resolves to nobody.
            let earlier = || {
                let with_role: Vec<&Introduced> = state
                    .history
                    .iter()
                    .filter(|h| {
                        h.kind == Kind::Person
                            && h.roles.iter().any(|r| r.to_lowercase().contains(role))
                    })
                    .collect();
                let top = with_role.iter().map(|h| h.count).max()?;
                let best: Vec<&&Introduced> = with_role.iter().filter(|h| h.count == top).collect();
                (best.len() == 1)
                    .then(|| (best[0].id.clone(), best[0].label.clone(), best[0].gender))
            };
            if let Some((id, label, gender)) = here.or_else(earlier) {
                let intro = described(id, Kind::Person, label, gender, state);
                added.push(resolved(tokens, i..i + 2, intro, MentionForm::Description));
            }
        }
    }
    mentions.extend(added);
}

fn compatible(g: Gender, other: Option<Gender>) -> bool {
    other.is_none_or(|o| o == g)
}

/// The person a pronoun at token `i` stands for, if exactly one fits best.
/// "it" as the subject of a speaker's verb ("..., it said", "it has
/// reported"): the nearest organisation named earlier in this sentence or in
/// the last few sentences.
fn org_speaker(
    tokens: &[Token],
    i: usize,
    mentions: &[Mention],
    state: &DocState,
) -> Option<Introduced> {
    let f = &*crate::lexicon::frames::FRAMES;
    let p = &*PATTERNS;
    let t = &tokens[i];
    if !f.org_pronouns.has_token(t) {
        return None;
    }
    let mut k = i + 1;
    while tokens.get(k).is_some_and(|n| {
        matches!(
            n.lower.as_ref(),
            "has" | "had" | "also" | "later" | "previously"
        )
    }) {
        k += 1;
    }
    let verb = tokens.get(k)?;
    if !(p.attribution_verbs.may(verb) && p.attribution_verbs.has(&verb.lower)) {
        return None;
    }
    // "... cargo from Iran to the Houthis in Yemen, it said": an organisation
    // a preposition governs is what the claim is about, not its speaker.
    let here = mentions
        .iter()
        .filter(|m| m.tok.end <= i && m.kind == Kind::Organization)
        .filter(|m| !after_object_preposition(tokens, m.tok.start))
        .max_by_key(|m| m.tok.start);
    if let Some(m) = here {
        return Some(described(
            m.id.clone(),
            m.kind,
            m.label.clone(),
            None,
            state,
        ));
    }
    let reach = f.org_pronoun_reach;
    state
        .history
        .iter()
        .rev()
        .take_while(|h| h.sentence + reach >= state.sentence)
        .find(|h| h.kind == Kind::Organization)
        .cloned()
}

/// True when the mention starting at token `start` is the object of a
/// preposition other than the passive "by" ("to the Houthis", "from Hamas").
fn after_object_preposition(tokens: &[Token], start: usize) -> bool {
    let mut k = start;
    while k > 0 && matches!(tokens[k - 1].lower.as_ref(), "the" | "a" | "an") {
        k -= 1;
    }
    k > 0
        && matches!(
            tokens[k - 1].lower.as_ref(),
            "to" | "from"
                | "for"
                | "against"
                | "into"
                | "of"
                | "with"
                | "at"
                | "in"
                | "on"
                | "toward"
                | "towards"
                | "between"
                | "among"
        )
}

fn pronoun_target(
    i: usize,
    g: Gender,
    subject_pronoun: bool,
    mentions: &[Mention],
    state: &DocState,
) -> Option<Introduced> {
    // Earlier in this sentence: the nearest fitting person before the pronoun.
    let here: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.tok.end <= i && m.kind == Kind::Person && compatible(g, m.gender))
        .collect();
    if let Some(m) = here.iter().max_by_key(|m| m.tok.start) {
        return Some(Introduced {
            id: m.id.clone(),
            kind: Kind::Person,
            label: m.label.clone(),
            gender: m.gender,
            roles: Vec::new(),
            names: Vec::new(),
            count: 0,
            sentence: state.sentence,
        });
    }
    let reach = state.sentence.saturating_sub(PRONOUN_REACH);
    let candidates: Vec<&Introduced> = state
        .history
        .iter()
        .rev()
        .filter(|h| h.kind == Kind::Person && h.sentence >= reach && compatible(g, h.gender))
        .collect();
    let first = candidates.first()?;
    let latest: Vec<&&Introduced> = candidates
        .iter()
        .filter(|c| c.sentence == first.sentence)
        .collect();
    if latest.len() > 1 {
        // Two people of the same sentence: when each gender is known, a subject
        // pronoun continues that sentence's subject (its first person); when a
        // gender is unknown it is ambiguous, and a wrong node is worse than none.
        if !latest.iter().all(|c| c.gender.is_some()) {
            return None;
        }
        if subject_pronoun {
            return latest.last().map(|c| (**c).clone());
        }
    }
    Some((*first).clone())
}

/// An entity a definite description ("the treaty", "the lawmaker") names again.
fn described(
    id: crate::graph::NodeId,
    kind: Kind,
    label: String,
    gender: Option<Gender>,
    state: &DocState,
) -> Introduced {
    Introduced {
        id,
        kind,
        label,
        gender,
        roles: Vec::new(),
        names: Vec::new(),
        count: 0,
        sentence: state.sentence,
    }
}

fn resolved(
    tokens: &[Token],
    tok: std::ops::Range<usize>,
    h: Introduced,
    form: MentionForm,
) -> Mention {
    let surface = tokens[tok.clone()]
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ");
    Mention {
        start: tokens[tok.start].start,
        end: tokens[tok.end - 1].end,
        tok,
        id: h.id,
        kind: h.kind,
        label: h.label,
        surface,
        form,
        role: None,
        gender: h.gender,
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, claims};

    #[test]
    fn subject_pronoun_continues_the_previous_subject() {
        assert_claim(
            "President Volodymyr Zelensky said Kyiv would hand the prisoners to Kim Jong Un. He said North Korea had sent 12,000 troops to Russia.",
            "reported",
            "Volodymyr Zelensky",
            "12,000 troops",
        );
    }

    #[test]
    fn pronoun_between_two_people_of_unknown_gender_resolves_to_none() {
        let got = claims(
            "Lawmaker Park Jin met envoy Lee Min. He said 3,000 troops were sent to Russia.",
        );
        assert!(!got.iter().any(|c| c.starts_with("reported")), "{got:?}");
    }
}
