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
use crate::graph::{Kind, Relation};
use crate::lexicon::patterns::PATTERNS;
use crate::mentions::{Mention, MentionForm};
use crate::relations::context::{Ctx, LOCATIVE};
use crate::relations::negation::hypothetical_at;

/// How many words after a cue its object may start (titles and names aside).
const OBJECT_REACH: usize = 2;

/// Adds the sentence's meetings.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>) {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let mut i = 0;
    while i < w.len() {
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
        let Some(n) = verb.or(noun) else {
            i += 1;
            continue;
        };
        let from = ctx.clause_start(i);
        if hypothetical_at(ctx.tokens, w, from, i) {
            i += n;
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
            i += n;
            continue;
        }
        let (subjects, objects) = if nominal {
            nominal_args(ctx, i, n)
        } else {
            verbal_args(ctx, i, n)
        };
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
        i += n;
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
    let objects = ctx.objects_after(k, OBJECT_REACH);
    let subject = if ctx.gerund_after_preposition(i) {
        ctx.main_subject()
    } else {
        ctx.subject_before(i)
    };
    let subjects = match subject {
        Some(s) => ctx.subject_group(s),
        None => after_objects(ctx, &objects),
    };
    (subjects, objects)
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
        None => after_objects(ctx, &objects),
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

/// How many title words may stand between a demonym and the person it qualifies.
const NATIONAL_REACH: usize = 4;

/// "Following a meeting with Kim, Shoigu said": the first free actor after the objects.
fn after_objects<'a>(ctx: &Ctx<'a>, objects: &[&'a Mention]) -> Vec<&'a Mention> {
    let Some(last) = objects.last() else {
        return Vec::new();
    };
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
    fn no_met_between_a_country_and_its_national() {
        assert_no_claim(
            "Russian Defence Minister Andrei Belousov said at a meeting with Lopez that Russia would keep its ships there.",
            "met",
        );
    }
}
