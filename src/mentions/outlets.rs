//! Outlets and agencies no lexicon lists, recognised by their place in the
//! sentence (cue words in `data/attribution.toml`, section `[outlets]`):
//! an unknown capitalised name right before a reporting verb ("Kommersant
//! reported"), an unknown acronym right before any speaker's verb ("SSB
//! said"), an unknown name after an outlet noun ("news agency Anadolu"), and
//! a demonym before a state outlet ("Syrian state TV"). An outlet is an
//! organisation, never a place or a person.

use super::classes::Classes;
use super::{Mention, MentionForm, covered};
use crate::graph::Kind;
use crate::lexicon::frames::FRAMES;
use crate::lexicon::patterns::PATTERNS;
use crate::text::Token;

/// Longest unknown name taken, in tokens.
const MAX_NAME: usize = 4;

/// Adds outlet mentions to `mentions`.
pub fn outlet_mentions(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    mentions: &mut Vec<Mention>,
) {
    let f = &*FRAMES;
    let p = &*PATTERNS;
    let mut added: Vec<Mention> = Vec::new();
    // Each way to an outlet starts at a cue of a state outlet, an outlet
    // noun, a reporting or an attribution verb ([`Classes::OUTLET`]).
    for i in classes.positions(Classes::OUTLET) {
        // "Syrian state TV": the demonym and the outlet are one organisation.
        let t = &tokens[i];
        if f.state_outlets.may(t)
            && let Some(n) = f.state_outlets.match_at(words, i)
            && let Some(pos) = mentions
                .iter()
                .position(|m| m.tok.end == i && m.form == MentionForm::Demonym)
            && !tokens.get(i + n).is_some_and(|t| t.is_capitalized())
        {
            let d = mentions.remove(pos);
            let start = d.tok.start;
            added.push(outlet(tokens, start, i + n));
            continue;
        }
        // "news agency Anadolu", "the newspaper Kommersant".
        if f.outlet_nouns.may(t)
            && let Some(n) = f.outlet_nouns.match_at(words, i)
            && !t.is_capitalized()
        {
            let s = i + n;
            let e = unknown_run(tokens, mentions, s);
            if e > s {
                added.push(outlet(tokens, s, e));
            }
            continue;
        }
        // "..., Kommersant reported" / "SSB said".
        let reporting = f.reporting_verbs.may(t) && f.reporting_verbs.match_at(words, i).is_some();
        let speaking = p.attribution_verbs.may(t) && p.attribution_verbs.has(words[i]);
        if !(reporting || speaking) {
            continue;
        }
        let mut k = i;
        while k > 0 && matches!(words[k - 1], "has" | "had" | "also") {
            k -= 1;
        }
        let mut s = k;
        while s > 0
            && k - s < MAX_NAME
            && tokens[s - 1].is_capitalized()
            && !covered(mentions, s - 1)
            && !p.not_names.has(words[s - 1])
            && !p.titles.has(words[s - 1])
        {
            s -= 1;
        }
        if s == k {
            continue;
        }
        let acronym = k - s == 1 && is_acronym(tokens[s].text);
        // A run that opens the sentence may be any capitalised word, and a
        // title before it makes it a person ("Colonel Smith reported").
        let after_title = s > 0 && (p.titles.has(words[s - 1]) || covered(mentions, s - 1));
        if acronym || reporting && s > 0 && !after_title {
            added.push(outlet(tokens, s, k));
        }
    }
    // "the TASS News Agency": the outlet noun alone is never a node.
    mentions.retain(|m| {
        let s = m.tok.start + usize::from(words.get(m.tok.start) == Some(&"the"));
        !(m.kind == Kind::Organization
            && m.form == MentionForm::Name
            && f.outlet_nouns.match_at(words, s) == Some(m.tok.end - s))
    });
    for m in added {
        if !mentions
            .iter()
            .any(|o| o.tok.start < m.tok.end && m.tok.start < o.tok.end)
        {
            mentions.push(m);
        }
    }
}

/// An all-capitals word of two to six letters ("SSB", "MEE").
fn is_acronym(text: &str) -> bool {
    (2..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// End of a run of capitalised words from `s` that no mention covers.
fn unknown_run(tokens: &[Token], mentions: &[Mention], s: usize) -> usize {
    let p = &*PATTERNS;
    let mut e = s;
    while e < tokens.len()
        && e - s < MAX_NAME
        && tokens[e].is_capitalized()
        && !covered(mentions, e)
        && !p.not_names.has(&tokens[e].lower)
    {
        e += 1;
        // "Venezolana de Televisión": a joiner inside the name.
        if e + 1 < tokens.len()
            && p.name_joiners.has(&tokens[e].lower)
            && !tokens[e].is_capitalized()
            && tokens[e + 1].is_capitalized()
            && !covered(mentions, e + 1)
        {
            e += 1;
        }
    }
    e
}

fn outlet(tokens: &[Token], s: usize, e: usize) -> Mention {
    super::titled::organization_name(tokens, s, e)
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::assert_claim;

    #[test]
    fn an_unknown_name_before_reported_is_an_outlet() {
        assert_claim(
            "Russia has sent 40 tanks to Serbia, Novaya Vesti reported.",
            "reported",
            "Novaya Vesti",
            "40 tanks",
        );
    }

    #[test]
    fn an_unknown_acronym_before_said_is_an_organisation() {
        assert_claim(
            "Poland received 12 drones from Turkey, QPX said on Friday.",
            "reported",
            "QPX",
            "12 drones",
        );
    }

    #[test]
    fn a_demonym_before_state_tv_is_one_outlet() {
        assert_claim(
            "Chilean state TV said that Peru had joined the talks.",
            "reported",
            "Chilean State TV",
            "Peru",
        );
    }
}
