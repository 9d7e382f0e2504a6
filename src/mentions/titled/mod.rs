//! Names no lexicon lists.
//!
//! - A title or role before capitalised words makes a person, and the role is
//!   kept: "lawmaker Lee Seong-kweun", "Foreign Minister Choe Son Hui",
//!   "Security Council Secretary Sergei Shoigu" (a known name just gets the role).
//! - Capitalised words ending in an organisation head ("... Monitoring Team",
//!   "... News Agency") or opening with one ("Ministry of State Security")
//!   make an organisation; "(MSMT)" after it defines an abbreviation.
//! - Capitalised words before a place head ("Belgorod region") make a place,
//!   and so do two countries joined by a hyphen before "border".
//! - Two or three capitalised words followed by ", a ... <role>" or by a speech
//!   verb make a person ("Park Sun-won, a senior analyst", "Jane Roe said").
//! - A later surname, given name or abbreviation resolves to what it named.
//!
//! Look-alikes rejected: titles followed by "of" ("secretary of Russia's
//! Security Council"), words in `not_names` (months, "The", "Analysts").

mod organization;
mod person;
mod place;
mod treaty;

pub use organization::org_id;
pub(super) use organization::organization_name;
pub use treaty::{lowercase_treaties, small_word, treaty_name};

use super::classes::{Classes, next_at_or_after};
use super::{DocState, Mention, MentionForm, covered, surface_of as join};
use crate::graph::Kind;
use crate::graph::ids::node_id;
use crate::lexicon::gazetteer::GAZETTEER;
use crate::lexicon::names::NAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::lexicon::{Gender, Lexicon};
use crate::text::{Token, TokenKind};
use organization::*;
use person::*;
use place::*;
use treaty::*;

/// Adds name mentions found by titles, head words, appositives and local names.
/// `words[k]` is `tokens[k].lower`.
pub fn name_mentions(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    lex: &Lexicon,
    state: &mut DocState,
    mentions: &mut Vec<Mention>,
) {
    let p = &*PATTERNS;
    government_office(tokens, words, classes, mentions);
    let mut i = 0;
    let mut cursor = 0;
    // Every branch below starts at a title cue or a capitalised word: only
    // those ([`Classes::caps`]) are visited, the next one at or after `i`.
    while let Some(c) = next_at_or_after(&classes.caps, &mut cursor, i) {
        i = c;
        if covered(mentions, i) || affiliation_modifier(tokens, i) {
            i += 1;
            continue;
        }
        // Title + name.
        // "General Political Bureau": a title word opening an organisation's name.
        let title = if p.titles.may(&tokens[i]) {
            p.titles.match_at(words, i)
        } else {
            None
        };
        // A run of titles is one role ("Press Secretary Maj. Gen. Pat Roe"), and
        // "of Defense for Policy" after it still belongs to the office.
        let title = title.map(|n| office_end(tokens, words, title_run(tokens, words, i + n)) - i);
        // "the frigate Admiral Gorshkov", "USS Abraham Lincoln": a ship, not a person.
        if tokens[i].is_capitalized() && is_ship_name(tokens, words, i) {
            i = cap_run(tokens, mentions, i);
            continue;
        }
        let org_name_follows = title.is_some_and(|n| {
            let run = name_run(tokens, mentions, i + n, 4);
            run > i + n && has_at(&p.org_heads, tokens, run)
        });
        if let Some(n) = title.filter(|_| !org_name_follows) {
            let after = i + n;
            // A run of titles ("Security Council Secretary") may follow capitalised org words.
            let role_start = role_start(tokens, mentions, i);
            let role = super::into_lowercase(join(tokens, role_start, after));
            if let Some(m) = mentions
                .iter_mut()
                .find(|m| m.tok.start == after && m.kind == Kind::Person)
            {
                m.role = Some(role);
                if m.gender.is_none() {
                    m.gender = title_gender(&words[i..after]);
                }
                i = after;
                continue;
            }
            let name_end = name_run(tokens, mentions, after, 4);
            // "Mr Lee": a surname this document already gave someone.
            if name_end == after + 1
                && let Some(Some((id, Kind::Person, label))) =
                    state.local_names.get(words[after]).cloned()
            {
                let gender = title_gender(&words[i..after]);
                let mut m = person(tokens, after, name_end, &label, Some(role), gender);
                m.id = id;
                m.surface = tokens[after].text.to_string();
                mentions.push(m);
                i = name_end;
                continue;
            }
            if name_end > after && words.get(after) != Some(&"of") {
                let label = join(tokens, after, name_end);
                let m = person(
                    tokens,
                    after,
                    name_end,
                    &label,
                    Some(role),
                    title_gender(&words[i..after]),
                );
                register_person(state, &m, tokens);
                mentions.push(m);
                i = name_end;
                continue;
            }
        }
        // A surname or abbreviation this document defined ("Pak and Rudenko agreed").
        let next_free_cap =
            || tokens.get(i + 1).is_some_and(|t| t.is_capitalized()) && !covered(mentions, i + 1);
        if tokens[i].is_capitalized()
            && !next_free_cap()
            && let Some(Some((id, kind, label))) = state.local_names.get(words[i]).cloned()
        {
            let gender = state
                .history
                .iter()
                .rev()
                .find(|h| h.id == id)
                .and_then(|h| h.gender);
            mentions.push(Mention {
                tok: i..i + 1,
                start: tokens[i].start,
                end: tokens[i].end,
                id,
                kind,
                label,
                surface: tokens[i].text.to_string(),
                form: MentionForm::Name,
                role: None,
                gender,
            });
            i += 1;
            continue;
        }
        if tokens[i].is_capitalized() && !(p.not_names.may(&tokens[i]) && p.not_names.has(words[i]))
            || tokens[i].is_capitalized()
                && p.org_openers.may(&tokens[i])
                && p.org_openers.has(words[i])
        {
            let end = cap_run(tokens, mentions, i);
            if let Some(m) = treaty(tokens, words, i, end) {
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = organization(tokens, words, mentions, lex, state, i, end) {
                let m_end = m.tok.end;
                register_abbreviation(tokens, &m, state, mentions);
                state.add_local_name(&m.label, &m.id, m.kind, &m.label.clone());
                // Also the name without its country ("Defence Ministry", "Africa Corps").
                let short = join(tokens, if words[i] == "the" { i + 1 } else { i }, m_end);
                state.add_local_name(&short, &m.id, m.kind, &m.label.clone());
                mentions.push(m);
                i = m_end;
                continue;
            }
            if let Some(m) = place(tokens, words, i, end) {
                // "Alabuga Special Economic Zone" ... "to Alabuga".
                if m.tok.end - m.tok.start > 1 {
                    state.add_local_name(tokens[i].text, &m.id, m.kind, &m.label.clone());
                }
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = gazetteer_place(tokens, words, state, i, end) {
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = appositive_person(tokens, words, i, end) {
                register_person(state, &m, tokens);
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = appositive_org(tokens, words, i, end)
                .or_else(|| introduced_org(tokens, words, i, end))
                .or_else(|| movement(tokens, words, lex, i, end))
            {
                state.add_local_name(&m.label, &m.id, m.kind, &m.label.clone());
                // "Houthi rebels" ... "the Houthis": both forms name the movement.
                if m.tok.len() == 1 {
                    let written = tokens[m.tok.start].text;
                    state.add_local_name(written, &m.id, m.kind, &m.label.clone());
                }
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            // A title may sit inside the run ("Natural Resources Minister Alexander Kozlov").
            i += 1;
            continue;
        }
        i += 1;
    }
    border_places(tokens, words, classes, mentions);
}

/// `set.has(tokens[k].lower)`, answered from the token's cue bits when they rule it out.
#[inline]
fn has_at(set: &CueSet, tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| set.has_token(t))
}

/// End of a run of up to `max` capitalised, uncovered name words from `i`.
/// Particles do not count against `max` ("Tamim bin Hamad Al Thani").
fn name_run(tokens: &[Token], mentions: &[Mention], i: usize, max: usize) -> usize {
    let p = &*PATTERNS;
    let name_word = |k: usize| {
        tokens.get(k).is_some_and(Token::is_capitalized)
            && !covered(mentions, k)
            && !has_at(&p.not_names, tokens, k)
            && !has_at(&p.titles, tokens, k)
            && !has_at(&p.org_heads, tokens, k)
    };
    let mut j = i;
    let mut words = 0;
    while j < tokens.len() && words < max {
        let t = &tokens[j];
        // "Mohammed bin Salman", "von der Leyen": one or two lower-case
        // particles between name words.
        if j > i && !t.is_capitalized() && has_at(&p.name_particles, tokens, j) {
            let mut k = j + 1;
            if k < j + 2
                && !tokens.get(k).is_some_and(Token::is_capitalized)
                && has_at(&p.name_particles, tokens, k)
            {
                k += 1;
            }
            if name_word(k) {
                j = k;
                continue;
            }
            break;
        }
        // "Hassan Sheikh Mohamud": an honorific inside the name is part of it.
        if j > i
            && t.is_capitalized()
            && NAMES.inner_honorifics.has(&t.lower)
            && !covered(mentions, j)
            && name_word(j + 1)
        {
            j += 1;
            words += 1;
            continue;
        }
        // "al-Burhan" ends a name, never opens one.
        if !(t.is_capitalized() && name_word(j)
            || j > i && joined_particle(t) && !covered(mentions, j))
        {
            break;
        }
        j += 1;
        words += 1;
    }
    j
}

/// True for "Kremlin-controlled" before a capitalised word: a modifier
/// saying who stands behind the name after it, not the name's first word.
fn affiliation_modifier(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.is_hyphenated()
        && tokens.get(i + 1).is_some_and(|n| n.is_capitalized())
        && last_part_in(t, &PATTERNS.file.names.affiliations)
}

/// True when the token's last hyphen-separated part (lower case) is listed:
/// "decade-long" for `measures`, "Kremlin-controlled" for `affiliations`.
fn last_part_in(t: &Token, list: &[String]) -> bool {
    let last = t.lower.rsplit('-').next().unwrap_or_default();
    list.iter().any(|w| w == last)
}

/// End of a run of capitalised words (joined by "of", "for", "and", "the").
fn cap_run(tokens: &[Token], mentions: &[Mention], i: usize) -> usize {
    let p = &*PATTERNS;
    let mut j = i + 1;
    loop {
        if j < tokens.len()
            && (tokens[j].is_capitalized() || joined_particle(&tokens[j]))
            && !covered(mentions, j)
        {
            j += 1;
        } else if j + 1 < tokens.len()
            && has_at(&p.name_joiners, tokens, j)
            && !tokens[j].is_capitalized()
            && tokens[j + 1].is_capitalized()
            && !has_at(&p.calendar_names, tokens, j + 1)
            && !covered(mentions, j + 1)
        {
            j += 2;
        } else {
            return j;
        }
    }
}

/// A name's particle joined by a hyphen to a capitalised word: "al-Burhan"
/// in "Abdel Fattah al-Burhan", "bin-Salman" (the particle one of
/// `name_joiners`).
fn joined_particle(t: &Token) -> bool {
    t.kind == TokenKind::Word && after_particle(t.text).is_some()
}

/// The capitalised word after a lower-case particle joined to it by a
/// hyphen ("Burhan" of "al-Burhan"), the particle one of `name_joiners`.
pub(super) fn after_particle(word: &str) -> Option<&str> {
    let (particle, rest) = word.split_once('-')?;
    (rest.starts_with(char::is_uppercase)
        && particle.starts_with(char::is_lowercase)
        && PATTERNS.name_joiners.has(particle))
    .then_some(rest)
}

#[cfg(test)]
mod testing {
    use crate::lexicon::load_lexicon;
    use crate::mentions::{DocState, find_mentions};
    use crate::text::{split_sentences, tokenize};

    /// "surface=id" of every mention in `text`, sentence by sentence.
    pub(super) fn found(text: &str) -> Vec<String> {
        let lex = load_lexicon(&[]).unwrap();
        let mut state = DocState::default();
        let mut out = Vec::new();
        for (i, s) in split_sentences(text, 0).into_iter().enumerate() {
            state.sentence = i;
            let tokens = tokenize(&s.text, s.start);
            for m in find_mentions(&s.text, s.start, &tokens, &lex, &mut state).mentions {
                out.push(format!("{}={}", m.surface, m.id));
            }
        }
        out
    }

    #[track_caller]
    pub(super) fn assert_found(text: &str, want: &str) {
        let got = found(text);
        assert!(
            got.iter().any(|g| g == want),
            "missing {want:?} in {got:#?}"
        );
    }

    #[track_caller]
    pub(super) fn assert_no_id(text: &str, id: &str) {
        let got = found(text);
        assert!(
            !got.iter().any(|g| g.ends_with(&format!("={id}"))),
            "{id:?} in {got:#?}"
        );
    }
}
