//! Lexicon matches onto tokens.
//!
//! A capital after a locative preposition ("in Pyongyang", "trip to Moscow")
//! is the city; elsewhere ("Pyongyang did not respond", "ties between Moscow
//! and Pyongyang") it is the country's government. A demonym followed by a
//! body noun ("Russian officials", "Ukrainian authorities") makes the country
//! act. A definite description counts only once its entity was named.

use super::{DocState, Mention, MentionForm};
use crate::graph::Kind;
use crate::lexicon::patterns::PATTERNS;
use crate::lexicon::{Form, Lexicon};
use crate::text::Token;

/// Prepositions after which a capital is a place.
const LOCATIVE: [&str; 12] = [
    "in", "to", "at", "near", "into", "from", "toward", "towards", "inside", "outside", "via",
    "around",
];

/// "foreign ministry", "defence ministry", "embassy" after a country's
/// possessive: an organisation named "{Demonym} Foreign Ministry".
fn owned_organization(
    tokens: &[Token],
    words: &[&str],
    at: usize,
    demonym: Option<&str>,
) -> Option<Mention> {
    let demonym = demonym?;
    let head = (at..(at + 3).min(tokens.len())).find(|&k| {
        matches!(
            words[k],
            "ministry"
                | "embassy"
                | "agency"
                | "office"
                | "department"
                | "command"
                | "mission"
                | "parliament"
        )
    })?;
    if (at..=head)
        .any(|k| tokens[k].kind != crate::text::TokenKind::Word || tokens[k].is_capitalized())
    {
        return None;
    }
    let name: Vec<String> = words[at..=head]
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect();
    let label = format!("{demonym} {}", name.join(" "));
    Some(Mention {
        tok: at..head + 1,
        start: tokens[at].start,
        end: tokens[head].end,
        id: crate::graph::ids::node_id(Kind::Organization, &label),
        kind: Kind::Organization,
        label,
        surface: words[at..=head].join(" "),
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// Maps the lexicon's matches in `sentence` onto `tokens`.
pub fn lexicon_mentions(
    sentence: &str,
    base: usize,
    tokens: &[Token],
    lex: &Lexicon,
    state: &DocState,
) -> Vec<Mention> {
    let words: Vec<&str> = crate::text::lower_words(tokens);
    lexicon_mentions_in(sentence, base, tokens, &words, lex, state)
}

/// [`lexicon_mentions`] with the tokens' lower-case forms already listed.
pub fn lexicon_mentions_in(
    sentence: &str,
    base: usize,
    tokens: &[Token],
    words: &[&str],
    lex: &Lexicon,
    state: &DocState,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut extra: Vec<Mention> = Vec::new();
    for m in lex.find(sentence) {
        let (start, end) = (base + m.start, base + m.end);
        let first = tokens.iter().position(|t| t.start == start);
        let last = tokens.iter().rposition(|t| t.end == end);
        let (Some(first), Some(last)) = (first, last) else {
            continue; // inside a compound token ("Korea-Russia"): not a mention here
        };
        if last < first {
            continue;
        }
        let entity = lex.entity(m.entity);
        let surface = sentence[m.start..m.end].to_string();
        // "Kim Kwang Hyok" is not Kim Jong Un: a one-word person name followed
        // by more capitalised words is part of a longer, unknown name.
        let one_word = !surface.contains(' ');
        let name_goes_on = tokens
            .get(last + 1)
            .is_some_and(|t| t.is_capitalized() && t.start == tokens[last].end + 1);
        if entity.kind == Kind::Person && one_word && name_goes_on {
            continue;
        }
        if m.form == Form::Description && !state.seen.contains(&entity.id) {
            continue;
        }
        let mut mention = Mention {
            tok: first..last + 1,
            start,
            end,
            id: entity.id.clone(),
            kind: entity.kind,
            label: entity.label.clone(),
            surface,
            form: match m.form {
                Form::Demonym => MentionForm::Demonym,
                Form::Description => MentionForm::Description,
                Form::Name | Form::Abbreviation => MentionForm::Name,
            },
            role: None,
            gender: entity.gender,
        };
        if let Some(country) = &entity.capital_of {
            // "SEOUL (Kyodo) --": an all-capitals dateline names the city.
            let dateline = mention.surface.chars().all(|c| !c.is_lowercase())
                && mention.surface.chars().count() > 2;
            // "visited Pyongyang" names the city too.
            let visit = first > 0
                && matches!(
                    tokens[first - 1].lower.as_ref(),
                    "visited" | "visit" | "visits" | "visiting" | "toured"
                );
            let locative = dateline
                || visit
                || first > 0 && LOCATIVE.contains(&tokens[first - 1].lower.as_ref());
            if !locative && let Some(c) = lex.get(country) {
                mention.id = c.id.clone();
                mention.kind = c.kind;
                mention.label = c.label.clone();
            }
        }
        // "South Korea's military said": the country's body acts for it.
        if mention.kind == Kind::Country
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.kind == crate::text::TokenKind::Possessive)
            && let Some(n) = PATTERNS.country_bodies.match_at(words, last + 2)
        {
            mention.form = MentionForm::Body;
            mention.tok = first..last + 2 + n;
            mention.end = tokens[last + 1 + n].end;
        } else if mention.kind == Kind::Country
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.kind == crate::text::TokenKind::Possessive)
            && let Some(org) = owned_organization(tokens, words, last + 2, lex.demonym(&mention.id))
        {
            // "Seoul's foreign ministry said": the country's ministry is an organisation.
            extra.push(org);
        }
        if mention.form == MentionForm::Demonym {
            // "Russian officials", "Russian state media", "a top Russian official".
            if let Some(n) = PATTERNS.country_bodies.match_at(words, last + 1) {
                mention.form = MentionForm::Body;
                mention.tok = first..last + 1 + n;
                mention.end = tokens[last + n].end;
                mention.surface = format!(
                    "{} {}",
                    mention.surface,
                    words[last + 1..last + 1 + n].join(" ")
                );
            }
        }
        out.push(mention);
    }
    out.extend(extra);
    out
}
