//! `met`: an actor met another.
//!
//! Phrasings: "X met (with) Y", "X hosted / welcomed / received Y", "X held
//! talks with Y", "X, right, meeting with Y"; "a meeting / talks / summit
//! between X and Y"; "X's (2019) summit with Y"; "after meeting with Y" (the
//! sentence's subject met Y); "following a meeting with Y, X said";
//! "appeared alongside X and Y". The place is the location after the object
//! ("in Pyongyang").
//!
//! Rejected: negated or hypothetical meetings ("did not respond to Trump's
//! offer to meet with Kim", "was open to talks with Washington", "possible
//! talks", "the proposed meeting"); visits to countries or places (no actor
//! met); objects further than a few words from the cue.

use super::{Arg, Found};
use crate::graph::{Kind, NodeId, Relation};
use crate::lexicon::meetings::MEETINGS;
use crate::lexicon::patterns::PATTERNS;
use crate::mentions::{Mention, MentionForm};
use crate::relations::context::{Ctx, LOCATIVE};
use crate::relations::negation::hypothetical_at;

/// How many words after a cue its object may start (titles and names aside).
const OBJECT_REACH: usize = 2;
/// How many words of a description ("its rival, the paramilitary") may stand
/// before the second party of "between A and ...".
const APPOSITIVE_REACH: usize = 4;

/// Adds the sentence's meetings.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>) {
    let p = &*PATTERNS;
    let w = &ctx.words;
    // A sentence holding no meeting cue skips the scan; the scan visits only
    // the tokens the sentence's index lists (no cue starts elsewhere).
    let cues = ctx.holds(&[&p.met_verbs, &p.met_nouns]);
    // A matched cue's other words start no cue of their own.
    let mut next = 0;
    for i in ctx.starts().filter(|_| cues) {
        if i < next {
            continue;
        }
        let t = &ctx.tokens[i];
        let verb = if p.met_verbs.may(t) {
            p.met_verbs.match_at(w, i)
        } else {
            None
        };
        let noun = if p.met_nouns.may(t) {
            p.met_nouns.match_at(w, i)
        } else {
            None
        };
        let Some(mut n) = verb.or(noun) else {
            continue;
        };
        // "the “pre-negotiation talks” between A and B": a closing quote
        // belongs to the noun.
        if noun.is_some() && verb.is_none() {
            while w.get(i + n).is_some_and(|x| CLOSING_QUOTES.contains(x)) {
                n += 1;
            }
        }
        let from = ctx.clause_start(i);
        if hypothetical_at(ctx.tokens, w, from, i) {
            next = i + n;
            continue;
        }
        // "a meeting", "Kim's summit", "Kim's 2019 summit": a noun, not a verb.
        let possessive_at = |k: usize| {
            ctx.tokens
                .get(k)
                .is_some_and(|t| t.kind == crate::text::TokenKind::Possessive)
        };
        let determiner = i > 0
            && (matches!(
                w[i - 1],
                "a" | "the" | "an" | "their" | "his" | "her" | "its"
            ) || possessive_at(i - 1)
                || i > 1 && possessive_at(i - 2));
        // "meeting", "visits", "talks" are verbs only before "with" or a name.
        let next_is_actor = ctx
            .first_object_after(i + n, 0)
            .is_some_and(|m| m.tok.start == i + n);
        let verb_reading =
            w.get(i + n) == Some(&"with") || next_is_actor || w.get(i + n) == Some(&"alongside");
        let nominal = noun.is_some() && (determiner || verb.is_none() || !verb_reading);
        // "talks between the two leaders": the pair the document brought together last.
        if nominal
            && w.get(i + n) == Some(&"between")
            && p.pair_references.match_at(w, i + n + 1).is_some()
        {
            if let Some((a, b)) = &ctx.pair {
                out.push(Found {
                    relation: Relation::Met,
                    source: Arg::Entity(a.clone()),
                    target: Arg::Entity(b.clone()),
                    place: None,
                    date: ctx.date_near(i),
                });
            }
            next = i + n;
            continue;
        }
        let (subjects, objects) = if nominal {
            nominal_args(ctx, i, n)
        } else {
            verbal_args(ctx, i, n)
        };
        // "Maduro said during talks at the Kremlin": talks with no parties
        // named, one of the document's last pair taking part, are the pair's.
        if nominal
            && subjects.is_empty()
            && objects.is_empty()
            && pair_determiner_before(ctx, i).is_none()
            && let Some((a, b)) = pair_in_bare_talks(ctx, i)
        {
            let place = ctx
                .location_after(i + n, ctx.clause_end(i).min(i + n + 6))
                .map(|(m, _)| m.id.clone());
            out.push(Found {
                relation: Relation::Met,
                source: Arg::Entity(a),
                target: Arg::Entity(b),
                place: place.filter(|p| p.kind() == Some(Kind::Place)),
                date: ctx.date_near(i),
            });
            next = i + n;
            continue;
        }
        // "signed by A and B following their June meeting": the pair's meeting.
        if nominal
            && subjects.is_empty()
            && objects.is_empty()
            && let Some(j) = pair_determiner_before(ctx, i)
        {
            let place = ctx
                .location_after(i + n, ctx.clause_end(i).min(i + n + 6))
                .filter(|(m, _)| m.kind == Kind::Place)
                .map(|(m, _)| m.id.clone());
            for (a, b) in parties_before(ctx, j) {
                out.push(Found {
                    relation: Relation::Met,
                    source: Arg::Entity(a),
                    target: Arg::Entity(b),
                    place: place.clone(),
                    date: ctx.date_near(i),
                });
            }
            next = i + n;
            continue;
        }
        let visit = matches!(
            w[i],
            "visit" | "visits" | "visited" | "visiting" | "trip" | "trips"
        );
        for s in &subjects {
            for o in &objects {
                if s.id == o.id
                    || (visit && !matches!(o.kind, Kind::Person | Kind::Organization))
                    || located(ctx, o)
                    || located(ctx, s)
                    || own_national(ctx, s, o)
                    || own_national(ctx, o, s)
                    || counted(ctx, o)
                {
                    continue;
                }
                let end = o.tok.end;
                let place = ctx
                    .location_after(end, ctx.clause_end(end).min(end + 6))
                    .filter(|(m, _)| m.kind == Kind::Place)
                    .map(|(m, _)| m.id.clone());
                out.push(Found {
                    relation: Relation::Met,
                    source: Arg::Entity(s.id.clone()),
                    target: Arg::Entity(o.id.clone()),
                    place,
                    date: ctx.date_near(i),
                });
            }
        }
        next = i + n;
    }
    attendance(ctx, out);
    presentation(ctx, out);
}

/// Closing quotation marks that may follow a meeting noun.
const CLOSING_QUOTES: [&str; 3] = ["”", "\"", "’"];

/// The pair determiner ("their") a few words before the meeting noun at `i`:
/// its index, when only words of no mention and no punctuation stand between.
fn pair_determiner_before(ctx: &Ctx, i: usize) -> Option<usize> {
    let f = &*MEETINGS;
    let lo = i.saturating_sub(f.pair_determiner_reach + 1);
    (lo..i).rev().find(|&j| {
        f.pair_determiners.has(ctx.words[j])
            && (j + 1..i)
                .all(|k| ctx.tokens[k].kind == crate::text::TokenKind::Word && !ctx.covered(k))
    })
}

/// The parties "their" at `j` stands for: the actors coordinated last before
/// it in the sentence ("A and B"), else the pair the document brought
/// together last. Every pair of them.
fn parties_before(ctx: &Ctx, j: usize) -> Vec<(NodeId, NodeId)> {
    let last = ctx
        .mentions
        .iter()
        .filter(|m| m.tok.end <= j && m.is_actor() && !ctx.determiner_pronoun(m))
        .max_by_key(|m| m.tok.start);
    if let Some(m) = last {
        let group = ctx.subject_group(m);
        if group.len() >= 2 {
            return pairs(&group.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
        }
    }
    ctx.pair.clone().into_iter().collect()
}

/// The document's last pair for a meeting noun at `i` that a preposition of
/// time or place opens ("during talks", "at the meeting", "after the
/// talks"), when an actor of the sentence outside prepositional phrases is
/// one of the pair: it took part, so the pair met.
fn pair_in_bare_talks(ctx: &Ctx, i: usize) -> Option<(NodeId, NodeId)> {
    let w = &ctx.words;
    let mut k = i;
    if k > 0 && matches!(w[k - 1], "the" | "a") {
        k -= 1;
    }
    if k == 0 || !MEETINGS.bare_meeting_openers.has(w[k - 1]) {
        return None;
    }
    let (a, b) = ctx.pair.clone()?;
    ctx.mentions
        .iter()
        .any(|m| (m.id == a || m.id == b) && m.is_actor() && !ctx.governed(m))
        .then_some((a, b))
}

/// Every unordered pair of distinct ids, in order of first appearance.
fn pairs(ids: &[NodeId]) -> Vec<(NodeId, NodeId)> {
    let mut out = Vec::new();
    for (k, a) in ids.iter().enumerate() {
        for b in &ids[k + 1..] {
            if a != b && !out.contains(&(a.clone(), b.clone())) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

/// "A handover ceremony ... with the participation of A, B and C", "a
/// ceremony attended by A ... and his counterpart, B": everyone an attended
/// event lists met everyone else. When the event is "the meeting" named
/// before ("the meeting, which was also attended by C"), the attendees also
/// met that meeting's parties (this sentence's, else the document's last pair).
fn attendance(ctx: &Ctx, out: &mut Vec<Found>) {
    let f = &*MEETINGS;
    let p = &*PATTERNS;
    let w = &ctx.words;
    if !ctx.holds(&[&f.attendance]) {
        return;
    }
    for cue in ctx.starts() {
        if !f.attendance.may(&ctx.tokens[cue]) {
            continue;
        }
        let Some(n) = f.attendance.match_at(w, cue) else {
            continue;
        };
        let lo = cue.saturating_sub(f.attendance_reach);
        let Some(event) = (lo..cue)
            .rev()
            .take_while(|&k| w[k] != ";")
            .find(|&k| f.event_nouns.has(w[k]) || p.met_nouns.has(w[k]))
        else {
            continue;
        };
        if hypothetical_at(ctx.tokens, w, ctx.clause_start(event), cue) {
            continue;
        }
        let people = attendees(ctx, cue + n);
        let mut ids: Vec<NodeId> = people.iter().map(|m| m.id.clone()).collect();
        ids.dedup();
        let mut found = pairs(&ids);
        let definite = event > 0 && w[event - 1] == "the" && p.met_nouns.has(w[event]);
        if definite {
            let earlier = out
                .iter()
                .rev()
                .find_map(|o| match (&o.relation, &o.source, &o.target) {
                    (Relation::Met, Arg::Entity(a), Arg::Entity(b)) => Some((a.clone(), b.clone())),
                    _ => None,
                })
                .or_else(|| ctx.pair.clone());
            if let Some((a, b)) = earlier {
                for c in &ids {
                    for party in [&a, &b] {
                        if party != c {
                            found.push((party.clone(), c.clone()));
                        }
                    }
                }
            }
        }
        for (a, b) in found {
            out.push(Found {
                relation: Relation::Met,
                source: Arg::Entity(a),
                target: Arg::Entity(b),
                place: None,
                date: ctx.date_near(cue),
            });
        }
    }
}

/// The people an attendance cue lists from token `from`: every person named
/// up to the clause's end, appositives between them ("A, president of the
/// agency, B, the deputy minister, and C"), until a speaker's verb or
/// `attendee_reach` tokens.
fn attendees<'a>(ctx: &Ctx<'a>, from: usize) -> Vec<&'a Mention> {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let end = (from + MEETINGS.attendee_reach).min(w.len());
    let stop = (from..end)
        .find(|&k| {
            let t = &ctx.tokens[k];
            let free = !ctx.covered(k);
            // Not at other rules' verbs: "head of the shipping agency" is an appositive.
            w[k] == "."
                || p.clause_breaks.may(t) && p.clause_breaks.has(w[k])
                || free && p.attribution_verbs.may(t) && p.attribution_verbs.has(w[k])
        })
        .unwrap_or(end);
    let mut people: Vec<&Mention> = ctx
        .mentions
        .iter()
        .filter(|m| m.tok.start >= from && m.tok.end <= stop)
        .filter(|m| m.kind == Kind::Person && m.form != MentionForm::Pronoun)
        .collect();
    people.sort_by_key(|m| m.tok.start);
    people
}

/// "Shoigu, to whom Kim introduced the missiles": the actor after "to whom"
/// met the one before it, when its verb puts the two in one place.
fn presentation(ctx: &Ctx, out: &mut Vec<Found>) {
    let f = &*MEETINGS;
    let w = &ctx.words;
    // The host's verb must follow it: a sentence holding none has no presentation.
    if !ctx.holds(&[&f.presentation_verbs]) {
        return;
    }
    for j in 1..w.len().saturating_sub(2) {
        if w[j] != "to" || w[j + 1] != "whom" || w[j - 1] != "," {
            continue;
        }
        // "to whom President X showed": the title is skipped.
        let Some(host) = ctx.first_object_after(j + 2, 0) else {
            continue;
        };
        if !w
            .get(host.tok.end)
            .is_some_and(|v| f.presentation_verbs.has(v))
        {
            continue;
        }
        let Some(guest) = ctx
            .mentions
            .iter()
            .find(|m| m.tok.end == j - 1 && m.is_actor() && m.id != host.id)
        else {
            continue;
        };
        out.push(Found {
            relation: Relation::Met,
            source: Arg::Entity(host.id.clone()),
            target: Arg::Entity(guest.id.clone()),
            place: None,
            date: ctx.date_near(j),
        });
    }
}

fn verbal_args<'a>(ctx: &Ctx<'a>, i: usize, n: usize) -> (Vec<&'a Mention>, Vec<&'a Mention>) {
    let mut k = i + n;
    // "Belousov was received by Kim": the agent after "by" met the subject.
    let passive = i > 0
        && matches!(
            ctx.words[i - 1],
            "was" | "were" | "been" | "being" | "is" | "are"
        );
    // "was greeted at the airport by Jong": the agent may follow a place phrase.
    let by = passive
        .then(|| (k..(k + 6).min(ctx.words.len())).find(|&j| ctx.words[j] == "by"))
        .flatten();
    if let Some(b) = by {
        k = b + 1;
    } else if matches!(ctx.words.get(k), Some(&"with") | Some(&"alongside")) {
        k += 1;
    }
    let mut objects = ctx.objects_after(k, OBJECT_REACH);
    if objects
        .first()
        .is_some_and(|o| object_after_other_phrase(ctx, k, o.tok.start))
    {
        objects.clear();
    }
    let subject = if ctx.gerund_after_preposition(i) {
        ctx.main_subject()
    } else {
        ctx.subject_before(i)
    };
    let subjects = match subject {
        Some(s) => ctx.subject_group(s),
        None => after_objects(ctx, i, &objects),
    };
    (subjects, objects)
}

/// True when a noun phrase of its own, closed by a comma, stands between
/// the verb's object slot at `k` and the actor at `to`: "China welcomed
/// Hungary's efforts, the Xinhua news agency reported" (the efforts were
/// welcomed, not the agency). A title before the comma is an appositive's
/// ("met Xi's special envoy, Li Hui"): the name after it is the object.
fn object_after_other_phrase(ctx: &Ctx, k: usize, to: usize) -> bool {
    let Some(comma) = (k..to).find(|&j| ctx.words[j] == ",") else {
        return false;
    };
    let titles = ctx.title_tokens(k, comma);
    (k..comma).any(|j| {
        let t = &ctx.tokens[j];
        t.kind == crate::text::TokenKind::Word
            && !t.is_capitalized()
            && !ctx.covered(j)
            && !titles.contains(&j)
            && !matches!(
                ctx.words[j],
                "the" | "a" | "an" | "his" | "her" | "its" | "their"
            )
    })
}

fn nominal_args<'a>(ctx: &Ctx<'a>, i: usize, n: usize) -> (Vec<&'a Mention>, Vec<&'a Mention>) {
    let w = &ctx.words;
    let k = i + n;
    // "a meeting between X and Y": every pair of the coordinated actors.
    if w.get(k) == Some(&"between") {
        let group = ctx.objects_after(k + 1, OBJECT_REACH);
        if group.len() >= 2 {
            return (vec![group[0]], group[1..].to_vec());
        }
        // "between the army and its rival, the paramilitary RSF": the second
        // party follows a description of it.
        if let Some(first) = group.first()
            && w.get(first.tok.end) == Some(&"and")
            && let Some(second) = ctx.first_object_after(first.tok.end + 1, APPOSITIVE_REACH)
            && second.id != first.id
        {
            return (vec![*first], vec![second]);
        }
        return (Vec::new(), Vec::new());
    }
    let with = (k..(k + 2).min(w.len())).find(|&j| w[j] == "with");
    let Some(with) = with else {
        return (Vec::new(), Vec::new());
    };
    let objects = ctx.objects_after(with + 1, OBJECT_REACH);
    // "Kim's 2019 summit with Trump": the possessor met the object.
    let possessor = ctx
        .mentions
        .iter()
        .filter(|m| m.tok.end < i && i - m.tok.end <= 3 && ctx.possessive(m) && m.is_actor())
        .max_by_key(|m| m.tok.start);
    let subjects = match possessor.or_else(|| ctx.subject_before(i)) {
        Some(s) => vec![s],
        None => after_objects(ctx, i, &objects),
    };
    (subjects, objects)
}

/// "meet in Kremlin", "talks at the Kremlin": a country or place after a
/// locative preposition is where the meeting was, not who took part.
fn located(ctx: &Ctx, m: &Mention) -> bool {
    m.kind != Kind::Person && m.tok.start > 0 && LOCATIVE.contains(&ctx.words[m.tok.start - 1])
}

/// "Russian Defense Minister Sergei Shoigu ... Russia": a country does not
/// meet a person the sentence gives as its own national (its demonym stands
/// just before the person's name, titles between).
fn own_national(ctx: &Ctx, country: &Mention, person: &Mention) -> bool {
    country.kind == Kind::Country
        && person.kind == Kind::Person
        && ctx.mentions.iter().any(|d| {
            d.form == MentionForm::Demonym
                && d.id == country.id
                && d.tok.end <= person.tok.start
                && person.tok.start - d.tok.end <= NATIONAL_REACH
        })
}

/// "received 100 Russian military instructors": an actor inside a counted
/// phrase qualifies what was counted, and a count is received, not met.
fn counted(ctx: &Ctx, m: &Mention) -> bool {
    ctx.quantities
        .iter()
        .any(|q| q.count.is_some() && q.tok.start <= m.tok.start && m.tok.end <= q.tok.end)
}

/// How many title words may stand between a demonym and the person it qualifies.
const NATIONAL_REACH: usize = 4;

/// "Following a meeting with Kim, Shoigu said": the first free actor after the objects.
fn after_objects<'a>(ctx: &Ctx<'a>, cue: usize, objects: &[&'a Mention]) -> Vec<&'a Mention> {
    let Some(last) = objects.last() else {
        return Vec::new();
    };
    // "Goita met Yevkurov ...": a name no recogniser knows is the subject;
    // nobody after the objects is.
    // ("In talks with Putin, Xi said": "In" starts no name.)
    if cue > 0
        && ctx.tokens[cue - 1].is_capitalized()
        && !ctx.covered(cue - 1)
        && !PATTERNS.not_names.has(ctx.words[cue - 1])
    {
        return Vec::new();
    }
    ctx.mentions
        .iter()
        .filter(|m| {
            m.tok.start >= last.tok.end && m.is_actor() && !ctx.governed(m) && !ctx.possessive(m)
        })
        .min_by_key(|m| m.tok.start)
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim};

    #[test]
    fn the_source_after_a_meeting_is_no_party_to_it() {
        // "Ndiaye" is known to no recogniser: the verb's subject is missing,
        // not the outlet that reported the meeting.
        assert_no_claim(
            "Ndiaye met Russian Deputy Defence Minister Yunus-Bek Yevkurov in Bamako last week, Malian state television ORTM reported.",
            "met",
        );
        // A capitalised word that starts no name is no unknown subject.
        assert_claim(
            "In talks with Vladimir Putin, Xi Jinping said the two countries faced changes.",
            "met",
            "Xi Jinping",
            "Vladimir Putin",
        );
    }

    #[test]
    fn met_from_verb_with_place() {
        assert_claim(
            "Kim's foreign minister Choe Son Hui recently met with President Vladimir Putin in Moscow.",
            "met",
            "Choe Son Hui",
            "Vladimir Putin",
        );
        assert_claim(
            "Defense Minister Andrei Belousov met Iranian President Masoud Pezeshkian on Monday.",
            "met",
            "Andrei Belousov",
            "Masoud Pezeshkian",
        );
    }

    #[test]
    fn met_from_meeting_between() {
        assert_claim(
            "The decision follows a meeting between Russian Security Council Secretary Sergei Shoigu and North Korean leader Kim Jong Un in Pyongyang.",
            "met",
            "Sergei Shoigu",
            "Kim Jong Un",
        );
    }

    #[test]
    fn met_from_possessive_summit() {
        assert_claim(
            "Since Kim's 2019 summit with U.S. President Donald Trump collapsed, talks stalled.",
            "met",
            "Kim Jong Un",
            "Donald Trump",
        );
    }

    #[test]
    fn met_from_gerund_and_fronted_meeting() {
        assert_claim(
            "Sergei Shoigu, a close confidant of President Vladimir Putin, revealed the agreement after meeting with North Korean leader Kim Jong-un in Pyongyang.",
            "met",
            "Sergei Shoigu",
            "Kim Jong Un",
        );
        assert_claim(
            "Speaking to reporters following a meeting with Kim, Shoigu said the plan was set.",
            "met",
            "Sergei Shoigu",
            "Kim Jong Un",
        );
    }

    #[test]
    fn met_from_passive_reception() {
        assert_claim(
            "The ministry said Belousov was received by Kim Jong Un in Pyongyang.",
            "met",
            "Andrei Belousov",
            "Kim Jong Un",
        );
    }

    #[test]
    fn met_from_walking_alongside() {
        assert_claim(
            "Photos released by the ministry showed Defence Minister Ivan Petrov walking alongside Defence Secretary Mark Ellison at the airport.",
            "met",
            "Ivan Petrov",
            "Mark Ellison",
        );
        // Speaking side by side is being together.
        assert_claim(
            "Defence Minister Ivan Petrov, speaking alongside Defence Secretary Mark Ellison in Riga, said the talks went well.",
            "met",
            "Ivan Petrov",
            "Mark Ellison",
        );
    }

    #[test]
    fn met_among_everyone_an_attended_ceremony_lists() {
        let text = "A signing ceremony was held at the port in Latvia with the participation of Ivan Petrov, head of the shipping agency, Mark Ellison, Norway's deputy defence minister, and Baltic Fleet Commander Tomas Lindqvist.";
        assert_claim(text, "met", "Ivan Petrov", "Mark Ellison");
        assert_claim(text, "met", "Ivan Petrov", "Tomas Lindqvist");
        assert_claim(text, "met", "Mark Ellison", "Tomas Lindqvist");
        assert_claim(
            "The two governments held a ceremony attended by Ivan Petrov, Latvia's deputy minister of transport, and his Norwegian counterpart, Mark Ellison, a vice minister of trade.",
            "met",
            "Ivan Petrov",
            "Mark Ellison",
        );
    }

    #[test]
    fn an_attendee_of_the_meeting_met_its_parties() {
        let text = "Defence Minister Ivan Petrov met Defence Secretary Mark Ellison in Oslo. \
                    Ellison praised the talks during the meeting, which was also attended by Latvia's Foreign Minister Tomas Lindqvist.";
        assert_claim(text, "met", "Ivan Petrov", "Tomas Lindqvist");
        assert_claim(text, "met", "Mark Ellison", "Tomas Lindqvist");
    }

    #[test]
    fn no_met_for_an_attended_place_or_a_planned_ceremony() {
        assert_no_claim(
            "The museum, which was attended by Defence Minister Ivan Petrov as a boy, stands in Riga.",
            "met",
        );
        assert_no_claim(
            "The ceremony, expected to be attended by Defence Minister Ivan Petrov and Defence Secretary Mark Ellison, was postponed.",
            "met",
        );
    }

    #[test]
    fn met_from_to_whom_a_host_showed_something() {
        assert_claim(
            "The Latvian delegation was led by Defence Minister Ivan Petrov, to whom President Mark Ellison showed the new drones on a tour of the plant.",
            "met",
            "Mark Ellison",
            "Ivan Petrov",
        );
        assert_no_claim(
            "The Latvian delegation was led by Defence Minister Ivan Petrov, to whom President Mark Ellison sent a letter last year.",
            "met",
        );
    }

    #[test]
    fn a_verb_after_and_shares_the_subject_of_a_visit_to_a_place() {
        assert_claim(
            "Peru's army chief, General Ana Ruiz, visited Santiago in May and held talks with Chilean Defence Minister Luis Ortega.",
            "met",
            "Ana Ruiz",
            "Luis Ortega",
        );
    }

    #[test]
    fn the_month_may_is_no_modal() {
        assert_claim(
            "General Ana Ruiz visited Santiago in May and held talks with Chilean Defence Minister Luis Ortega.",
            "met",
            "Ana Ruiz",
            "Luis Ortega",
        );
        assert_no_claim(
            "General Ana Ruiz may hold talks with Chilean Defence Minister Luis Ortega.",
            "met",
        );
    }

    #[test]
    fn what_is_welcomed_before_a_comma_is_no_party() {
        assert_no_claim(
            "Peru welcomed Chile's efforts, the official Andina news agency reported.",
            "met",
        );
        // An appositive after a title names the party.
        assert_claim(
            "President Ivan Petrov received Latvia's special envoy, Mark Ellison, in Riga.",
            "met",
            "Ivan Petrov",
            "Mark Ellison",
        );
    }

    #[test]
    fn their_meeting_is_the_meeting_of_the_pair_named_before() {
        assert_claim(
            "He praised a trade agreement signed by Defence Minister Ivan Petrov and Defence Secretary Mark Ellison following their March meeting in Oslo.",
            "met",
            "Ivan Petrov",
            "Mark Ellison",
        );
    }

    #[test]
    fn talks_between_in_quotes_and_a_described_second_party() {
        assert_claim(
            "Norway welcomed the \"exploratory talks\" between Latvia and Estonia on Monday.",
            "met",
            "Latvia",
            "Estonia",
        );
        assert_claim(
            "Norway and Latvia welcomed the start of the talks between the Malian army and its rival, the Wagner Group, on Monday.",
            "met",
            "Malian Military",
            "Wagner Group",
        );
    }

    #[test]
    fn bare_talks_are_the_last_pairs_when_one_of_it_takes_part() {
        let met = |text: &str| {
            crate::relations::rules::testing::claims(text)
                .iter()
                .filter(|c| c.starts_with("met "))
                .count()
        };
        let first = "Defence Minister Ivan Petrov met his Latvian counterpart Mark Ellison in Riga on Monday.";
        assert_eq!(
            met(&format!(
                "{first} \"Trade will flourish,\" Ellison said during talks at the castle."
            )),
            2
        );
        assert_eq!(
            met(&format!(
                "{first} \"Trade will flourish,\" Tomas Lindqvist said during talks at the castle."
            )),
            1
        );
    }

    #[test]
    fn no_met_for_refused_offer() {
        assert_no_claim(
            "Pyongyang did not respond to Trump's offer to meet with Kim last week.",
            "met",
        );
    }

    #[test]
    fn no_met_for_openness_or_proposals() {
        assert_no_claim(
            "Lee said the agency believes Kim was open to talks with Washington.",
            "met",
        );
        assert_no_claim(
            "Although the proposed meeting with Trump did not materialize, officials waited.",
            "met",
        );
        assert_no_claim(
            "Pyongyang had been preparing for possible talks with the U.S.",
            "met",
        );
    }

    #[test]
    fn no_met_for_visiting_a_country() {
        assert_no_claim("Shoigu visited Pyongyang twice this month.", "met");
    }

    #[test]
    fn no_met_with_the_meeting_place() {
        assert_no_claim(
            "Finnish President Sauli Niinisto held talks at the Kremlin on Tuesday.",
            "met",
        );
    }

    #[test]
    fn no_met_with_the_nationality_of_a_count() {
        assert_no_claim(
            "Chad also received 80 Turkish military advisers in March, its army said.",
            "met",
        );
        assert_no_claim("The port hosted 3,000 American sailors last week.", "met");
        // A person received is still met.
        assert_claim(
            "President Mahamat Deby received Turkish Foreign Minister Hakan Fidan in March.",
            "met",
            "Mahamat Deby",
            "Hakan Fidan",
        );
    }

    #[test]
    fn no_met_between_a_country_and_its_national() {
        assert_no_claim(
            "Russian Defence Minister Andrei Belousov said at a meeting with Lopez that Russia would keep its ships there.",
            "met",
        );
    }
}
