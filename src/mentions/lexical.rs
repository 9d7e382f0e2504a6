//! Lexicon matches onto tokens.
//!
//! A capital after a locative preposition ("in Pyongyang", "trip to Moscow")
//! is the city; elsewhere ("Pyongyang did not respond", "ties between Moscow
//! and Pyongyang") it is the country's government. A demonym followed by a
//! body noun ("Russian officials", "Ukrainian authorities") makes the country
//! act. A definite description counts only once its entity was named.

use super::{DocState, Mention, MentionForm};
use crate::graph::Kind;
use crate::lexicon::names::NAMES;
use crate::lexicon::patterns::PATTERNS;
use crate::lexicon::{Form, LexMatch, Lexicon};
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
    // "the Russian ministry of defense": what it is of joins it, and its id
    // is the one of "Russian Defense Ministry".
    let mut last = head;
    let mut id_name: Option<String> = None;
    if at == head
        && words.get(head + 1) == Some(&"of")
        && NAMES.reorderable_openers.has(words[head])
    {
        let mut k = head + 2;
        while k < tokens.len()
            && tokens[k].kind == crate::text::TokenKind::Word
            && NAMES.office_domains.has(words[k])
        {
            k += 1;
        }
        if k > head + 2 {
            last = k - 1;
            id_name = Some(title_case(&format!(
                "{} {}",
                words[head + 2..k].join(" "),
                words[head]
            )));
        }
    }
    let label = format!("{demonym} {}", title_case(&words[at..=last].join(" ")));
    let id = id_name.map_or_else(
        || super::titled::org_id(&label),
        |n| super::titled::org_id(&format!("{demonym} {n}")),
    );
    let head = last;
    Some(Mention {
        tok: at..head + 1,
        start: tokens[at].start,
        end: tokens[head].end,
        id,
        kind: Kind::Organization,
        label,
        surface: words[at..=head].join(" "),
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// True when the name at `first..=last` is joined by a dash written tight
/// to another capitalised word ("the Budapest–Belgrade railway", "a
/// Moscow-Pyongyang flight"): a route or link between cities, not a
/// government acting.
fn dash_joined(tokens: &[Token], first: usize, last: usize) -> bool {
    let dash = |t: &Token| matches!(t.text, "-" | "–" | "—");
    let after = tokens
        .get(last + 1)
        .zip(tokens.get(last + 2))
        .is_some_and(|(d, n)| {
            dash(d) && d.start == tokens[last].end && n.start == d.end && n.is_capitalized()
        });
    let before = first >= 2 && {
        let (p, d) = (&tokens[first - 2], &tokens[first - 1]);
        dash(d) && d.end == tokens[first].start && p.end == d.start && p.is_capitalized()
    };
    after || before
}

/// "the US Navy", "Sudan's army", "the Russian military said": a country's
/// armed service named after the country (its name, possessive or demonym),
/// an organisation of its own labelled "{owner} {Service}" (army, military
/// and armed forces are one service, labelled "Military"). A lower-case
/// service word followed by a noun is an adjective ("the Russian military
/// campaign"): only punctuation, a function word or a verb cue may follow it.
fn armed_service(
    tokens: &[Token],
    words: &[&str],
    country: &Mention,
    last: usize,
    lex: &Lexicon,
) -> Option<Mention> {
    let names = &*NAMES;
    let possessive = tokens
        .get(last + 1)
        .is_some_and(|t| t.kind == crate::text::TokenKind::Possessive);
    let at = last + 1 + usize::from(possessive);
    let (n, media) = match names.services.match_at(words, at) {
        Some(n) => (n, false),
        None => (names.state_media.match_at(words, at)?, true),
    };
    let end = at + n;
    // "Chinese state broadcaster CCTV said": the phrase describes the
    // outlet named after it, no second body.
    if media && tokens.get(end).is_some_and(|t| t.is_capitalized()) {
        return None;
    }
    let capital = tokens[at].is_capitalized();
    if !capital && !possessive && country.form != MentionForm::Demonym {
        return None; // "US military aid" names no body
    }
    let p = &*PATTERNS;
    // "North Korean military and political leaders": adjectives joined; but
    // a determiner after "and" opens a second noun phrase ("the Sudanese
    // army and its rival"), so the service is a noun.
    let coordinated = words.get(end).is_some_and(|w| matches!(*w, "and" | "or"))
        && tokens.get(end + 1).is_some_and(|t| {
            t.kind == crate::text::TokenKind::Word
                && !t.is_capitalized()
                && !matches!(
                    t.lower.as_ref(),
                    "its" | "their" | "his" | "her" | "the" | "a" | "an"
                )
        });
    let next_ok = !coordinated
        && tokens.get(end).is_none_or(|t| {
            t.kind != crate::text::TokenKind::Word
                || t.is_capitalized()
                || names.service_followers.has(&t.lower)
                || [
                    &p.not_names,
                    &p.attribution_verbs,
                    &p.sent_verbs,
                    &p.met_verbs,
                    &p.agreed_verbs,
                    &p.present_verbs,
                    &p.planned_cues,
                    &p.negation,
                ]
                .iter()
                .any(|set| set.has_token(t))
        });
    if !next_ok {
        return None;
    }
    let written = words[at..end].join(" ");
    let service = names
        .service_labels
        .get(&written)
        .cloned()
        .unwrap_or_else(|| title_case(&written));
    // "US Navy" keeps the abbreviation as written; "Sudan's army" and "the
    // Sudanese army" are both the Sudanese one.
    let owner = if country.form == MentionForm::Name
        && !possessive
        && country.surface.chars().all(|c| !c.is_lowercase())
    {
        country.surface.replace('.', "")
    } else if country.form == MentionForm::Demonym {
        title_case(&country.surface)
    } else {
        lex.demonym(&country.id)?.to_string()
    };
    let label = format!("{owner} {service}");
    Some(Mention {
        tok: country.tok.start..end,
        start: country.start,
        end: tokens[end - 1].end,
        id: super::titled::org_id(&label),
        kind: Kind::Organization,
        label,
        surface: format!("{} {}", country.surface, join_text(tokens, at, end)),
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// Each word with its first letter in upper case.
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tokens' text joined by single spaces.
fn join_text(tokens: &[Token], s: usize, e: usize) -> String {
    tokens[s..e]
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
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

/// The first and last tokens of the match `start..end` when it starts
/// where a token starts and ends where a token ends. Matches come in text
/// order, so `from` (0 for a sentence's first match) keeps the position
/// of the previous match's first token: the tokens before it start before
/// this match too. Tokens are in text order and do not overlap: their
/// starts and ends both increase, so a match of a few tokens is found by
/// stepping, not by halving the whole sentence for each end.
fn match_tokens(
    tokens: &[Token],
    from: &mut usize,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let mut k = *from;
    while tokens.get(k).is_some_and(|t| t.start < start) {
        k += 1;
    }
    *from = k;
    if tokens.get(k)?.start != start {
        return None; // inside a compound token ("Korea-Russia"): not a mention here
    }
    // The tokens before `k` end where it starts or earlier, before `end`.
    let mut last = k;
    while tokens.get(last)?.end < end {
        last += 1;
    }
    (tokens[last].end == end).then_some((k, last))
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
    // One buffer of matches per thread, sentence after sentence.
    let mut found = MATCHES.take();
    lex.find_in_tokens_into(sentence, base, tokens, &mut found);
    let mut out = Vec::new();
    let mut extra: Vec<Mention> = Vec::new();
    let mut from = 0;
    for m in &found {
        let (start, end) = (base + m.start, base + m.end);
        let Some((first, last)) = match_tokens(tokens, &mut from, start, end) else {
            continue;
        };
        let entity = lex.entity(m.entity);
        let written = &sentence[m.start..m.end];
        // "Kim Kwang Hyok" is not Kim Jong Un: a one-word person name followed
        // by more capitalised words is part of a longer, unknown name.
        let name_goes_on = tokens
            .get(last + 1)
            .is_some_and(|t| t.is_capitalized() && t.start == tokens[last].end + 1);
        if entity.kind == Kind::Person && name_goes_on && !written.contains(' ') {
            continue;
        }
        // "Middle East Eye" is an outlet: a region named inside a longer name is not there.
        if entity.kind == Kind::Place && entity.capital_of.is_none() && name_goes_on {
            continue;
        }
        // "the Budapest Times", "the Tehran Times": a capital before the head
        // word of a body opens that body's name; the government does not speak.
        if entity.capital_of.is_some()
            && name_goes_on
            && PATTERNS.org_heads.has_at(tokens, last + 1)
        {
            continue;
        }
        if m.form == Form::Description && !state.seen.contains(&entity.id) {
            continue;
        }
        let surface = written.to_string();
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
                || first > 0 && LOCATIVE.contains(&tokens[first - 1].lower.as_ref())
                || dash_joined(tokens, first, last);
            if !locative && let Some(c) = lex.get(country) {
                mention.id = c.id.clone();
                mention.kind = c.kind;
                mention.label = c.label.clone();
            }
        }
        // "the US Navy", "Sudan's army", "the Russian military said": an armed service.
        if mention.kind == Kind::Country
            && let Some(org) = armed_service(tokens, words, &mention, last, lex)
        {
            extra.push(org);
            continue;
        }
        // "met in the Kremlin": a seat of government after a locative is the place.
        if mention.kind == Kind::Country
            && first > 0
            && LOCATIVE.contains(&tokens[first - 1].lower.as_ref())
            && NAMES.seats.contains(&mention.surface.to_lowercase())
        {
            let label = title_case(mention.surface.trim_start_matches("the "));
            mention.id = crate::graph::ids::node_id(Kind::Place, &label);
            mention.kind = Kind::Place;
            mention.label = label;
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
        // "US" before a lower-case body owns it as a demonym would.
        let initials = mention.kind == Kind::Country
            && mention.form == MentionForm::Name
            && mention.surface.chars().all(|c| !c.is_lowercase());
        let owner = initials.then(|| mention.surface.replace('.', ""));
        if (mention.form == MentionForm::Demonym || initials)
            && let Some(org) = owned_organization(
                tokens,
                words,
                last + 1,
                Some(owner.as_deref().unwrap_or(&mention.surface)),
            )
            .filter(|o| {
                words[o.tok.clone()]
                    .iter()
                    .any(|w| NAMES.owned_heads.has(w))
            })
        {
            // "the US embassy in Caracas", "the Russian defense ministry said".
            extra.push(org);
            continue;
        }
        if mention.form == MentionForm::Demonym {
            // "Russian officials", "Russian state media", "a top Russian official";
            // not "100 Russian military instructors", where the body word
            // qualifies a unit after it.
            if let Some(n) = PATTERNS.country_bodies.match_at(words, last + 1)
                && PATTERNS
                    .personnel_units
                    .match_at(words, last + 1 + n)
                    .is_none()
                && PATTERNS
                    .materiel_units
                    .match_at(words, last + 1 + n)
                    .is_none()
            {
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
    MATCHES.set(found);
    out.extend(extra);
    out
}

thread_local! {
    /// The lexicon matches of the sentence [`lexicon_mentions_in`] reads.
    static MATCHES: std::cell::Cell<Vec<LexMatch>> = const { std::cell::Cell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::match_tokens;
    use crate::lexicon::load_lexicon;
    use crate::mentions::{DocState, find_mentions};
    use crate::text::tokenize;

    fn found(text: &str) -> Vec<String> {
        let lex = load_lexicon(&[]).unwrap();
        let tokens = tokenize(text, 0);
        let mut state = DocState::default();
        find_mentions(text, 0, &tokens, &lex, &mut state)
            .mentions
            .iter()
            .map(|m| format!("{}={}", m.surface, m.id))
            .collect()
    }

    #[test]
    fn armed_services_after_their_country_are_organisations() {
        assert!(
            found("The US Navy said it seized the boat.")
                .contains(&"US Navy=organization:us-navy".to_string())
        );
        let a = found("Iran supplied Sudan's army with drones.");
        assert!(
            a.contains(&"Sudan army=organization:sudanese-military".to_string()),
            "{a:?}"
        );
        let b = found("The Sudanese military said it would talk.");
        assert!(
            b.iter()
                .any(|m| m.ends_with("=organization:sudanese-military")),
            "{b:?}"
        );
        assert!(
            found("Syrian state TV said the talks ended.")
                .iter()
                .any(|m| m.ends_with("=organization:syrian-state-tv"))
        );
        // Before the outlet's own name the phrase only describes it.
        let c = found("Peruvian state broadcaster TVP said the talks ended.");
        assert!(!c.iter().any(|m| m.contains("state-broadcaster")), "{c:?}");
    }

    #[test]
    fn a_capital_opening_a_bodys_name_is_part_of_it() {
        let a = found("The Ankara Times reported that the talks ended.");
        assert!(!a.iter().any(|m| m.ends_with("=country:turkey")), "{a:?}");
        // Before another capitalised word it still stands for its country.
        let b = found("Ankara Tuesday said the talks ended.");
        assert!(b.iter().any(|m| m.ends_with("=country:turkey")), "{b:?}");
    }

    #[test]
    fn a_capital_joined_to_another_by_a_dash_is_the_city() {
        for text in [
            "The Ankara–Budapest pipeline will cost $4 billion.",
            "The Ankara-Budapest pipeline will cost $4 billion.",
        ] {
            let a = found(text);
            assert!(
                !a.iter()
                    .any(|m| m.ends_with("=country:turkey") || m.ends_with("=country:hungary")),
                "{a:?}"
            );
        }
        let b = found("Ankara said the pipeline will cost $4 billion.");
        assert!(b.iter().any(|m| m.ends_with("=country:turkey")), "{b:?}");
    }

    #[test]
    fn a_seat_of_government_after_a_locative_is_a_place() {
        let a = found("The two leaders met in the Kremlin on Tuesday.");
        assert!(a.iter().any(|m| m.ends_with("=place:kremlin")), "{a:?}");
        let b = found("The Kremlin said the talks went well.");
        assert!(b.iter().any(|m| m.ends_with("=country:russia")), "{b:?}");
    }

    #[test]
    fn a_lower_case_ministry_of_is_the_defence_ministry() {
        let a = found("According to the Polish ministry of defence, the jets left.");
        assert!(
            a.iter()
                .any(|m| m.ends_with("=organization:polish-defence-ministry")),
            "{a:?}"
        );
    }

    #[test]
    fn a_service_word_before_a_noun_is_an_adjective() {
        let a = found("It was the base of the Russian military campaign.");
        assert!(!a.iter().any(|m| m.contains("organization:")), "{a:?}");
        let b = found("They met North Korean military and political leaders.");
        assert!(!b.iter().any(|m| m.contains("organization:")), "{b:?}");
    }

    #[test]
    fn an_embassy_after_a_demonym_or_initials_is_an_organisation() {
        let a = found("The US embassy in Lima said so.");
        assert!(
            a.iter().any(|m| m.ends_with("=organization:us-embassy")),
            "{a:?}"
        );
        let b = found("The Russian embassy in Lima declined to comment.");
        assert!(
            b.iter()
                .any(|m| m.ends_with("=organization:russian-embassy")),
            "{b:?}"
        );
    }

    #[test]
    fn a_match_end_is_a_token_end_or_none() {
        let text = "The Korea-Russia pact, Seoul's view.";
        let tokens = tokenize(text, 100);
        // Every span from a token's start to a token's end, and every span
        // of other bytes, is found as halving both ends finds it, from
        // the start of the sentence and from any earlier token.
        let halving = |start: usize, end: usize| -> Option<(usize, usize)> {
            let k = tokens.partition_point(|t| t.start < start);
            let first = tokens
                .get(k)
                .is_some_and(|t| t.start == start)
                .then_some(k)?;
            let k = tokens.partition_point(|t| t.end <= end);
            let last = (k > 0 && tokens[k - 1].end == end).then(|| k - 1)?;
            (last >= first).then_some((first, last))
        };
        let mut found = 0;
        for start in 95..100 + text.len() + 5 {
            for end in start + 1..100 + text.len() + 6 {
                let before = tokens.partition_point(|t| t.start < start);
                for from in 0..=before {
                    let mut at = from;
                    let got = match_tokens(&tokens, &mut at, start, end);
                    assert_eq!(got, halving(start, end), "{start}..{end} from {from}");
                    assert_eq!(at, before);
                    found += usize::from(got.is_some());
                }
            }
        }
        assert!(found > tokens.len() * tokens.len() / 2, "{found}");
        // Inside a compound token ("Korea" in "Korea-Russia"), before and after the text: none.
        let inside = 100 + text.find("Russia").unwrap();
        assert_eq!(match_tokens(&tokens, &mut 0, inside, inside + 6), None);
        assert_eq!(match_tokens(&tokens, &mut 0, 0, 3), None);
        let whole = match_tokens(&tokens, &mut 0, 100, 100 + text.len());
        assert_eq!(whole, Some((0, tokens.len() - 1)));
    }
}
