//! `deployed_to`: a counted contingent and where it goes or is: "to Russia",
//! "to Russia's Kursk region" (the head, Kursk), "in Russia" ("are already
//! working in Russia"), "near the Russia-Ukraine border". Contingents with no
//! sending verb get status "present" and their demonym's country as origin.
//!
//! Rejected: locations outside the contingent's clause, and locations more
//! than a few words after it unless a sending verb links them.

use super::{Arg, Found, QuantityFacts};
use crate::graph::Kind;
use crate::graph::{Relation, Status};
use crate::lexicon::patterns::PATTERNS;
use crate::mentions::shipments::{SHIPMENTS, reported_future};
use crate::mentions::{Mention, MentionForm};
use crate::relations::context::Ctx;

/// How far after a contingent (or its verb) a destination may stand.
const REACH: usize = 12;

/// Adds a destination to every contingent that has one.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>, facts: &mut [QuantityFacts]) {
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let end = ctx
            .clause_end(qty.tok.end.saturating_sub(1))
            .min(qty.tok.end + REACH);
        let fact = &mut facts[q];
        if fact.status.is_none() {
            fact.status = Some(Status::Present);
            fact.from = qty.origin.clone();
            fact.date = ctx.date_near(qty.tok.start);
        }
        // "bound for Yemen", "destined for", "intended for": a frame names the
        // destination before any locative does; "originated in Iran" is an origin.
        let located = destination_after(ctx, qty.tok.end, end)
            .or_else(|| {
                ctx.location_after(qty.tok.end, end)
                    .filter(|(_, at)| SHIPMENTS.origin.match_ending_at(&ctx.words, *at).is_none())
                    .filter(|(_, at)| {
                        SHIPMENTS
                            .origin_made
                            .match_ending_at(&ctx.words, *at)
                            .is_none()
                    })
            })
            .or_else(|| city_of_country(ctx, qty.tok.end, end))
            .or_else(|| package_for(ctx, qty.tok.start, qty.tok.end, end))
            .or_else(|| indirect_object(ctx, qty.tok.start))
            // "Mali, where 1,500 fighters are stationed": what the relative
            // clause says may stand anywhere in it, so test up to its end.
            .or_else(|| where_antecedent(ctx, qty.tok.start).map(|(m, _)| (m, end)));
        if let Some((place, at)) = located
            && Some(&place.id) != fact.from.as_ref()
            // "... sent 13,000 soldiers," Kallas told reporters in Brussels:
            // where the speaker spoke is no destination.
            && !spoken_after(ctx, qty.tok.end, at)
            && !passive_agent(ctx, qty.tok.start)
            // "could be redeployed to Ukraine" is no destination.
            // ("said four launchers would be sent to Chile" is: reported speech's future).
            && !(qty.tok.end..at).any(|k| {
                PATTERNS.speculative.has(ctx.words[k]) && !reported_future(&ctx.words, k)
                    || PATTERNS.negation.has(ctx.words[k])
            })
        {
            fact.to = Some(place.id.clone());
            out.push(Found {
                relation: Relation::DeployedTo,
                source: Arg::Quantity(q),
                target: Arg::Entity(place.id.clone()),
                place: None,
                date: fact.date.clone(),
            });
        }
    }
}

/// True when a speech verb set off by a comma or a closing quote stands
/// between `from` and `to` ("... 13,000 soldiers," Kallas told reporters
/// in Brussels): what follows it is where the speaker spoke ("were
/// estimated to be deployed near the border" sets off nothing).
fn spoken_after(ctx: &Ctx, from: usize, to: usize) -> bool {
    let w = &ctx.words;
    (from..to).any(|k| {
        PATTERNS.attribution_verbs.has(w[k]) && (from..k).any(|j| matches!(w[j], "," | "\"" | "”"))
    })
}

/// "a package of 20 howitzers for Ukraine": the country right after "for"
/// that follows the items of a package noun is where the package goes.
fn package_for<'a>(
    ctx: &Ctx<'a>,
    start: usize,
    i: usize,
    end: usize,
) -> Option<(&'a Mention, usize)> {
    let w = &ctx.words;
    // "a package of interceptors and artillery rounds for Ukraine": the items
    // coordinated with it share the package and its "for".
    let mut s = start;
    while s >= 2
        && matches!(w[s - 1], "and" | ",")
        && let Some(q) = ctx.quantities.iter().find(|q| q.tok.end == s - 1)
    {
        s = q.tok.start;
    }
    let under_package = s >= 2 && w[s - 1] == "of" && SHIPMENTS.package_nouns.has(w[s - 2]);
    let mut i = i;
    while i < end
        && matches!(w[i], "and" | ",")
        && let Some(q) = ctx.quantities.iter().find(|q| q.tok.start == i + 1)
    {
        i = q.tok.end;
    }
    if !under_package || w.get(i) != Some(&"for") || i + 1 >= end {
        return None;
    }
    ctx.mention_at(i + 1)
        .filter(|m| m.kind == Kind::Country && m.form != MentionForm::Demonym && !ctx.possessive(m))
        .map(|m| (m, i))
}

/// "sent Russia 1,000 drones", "lent Sudan eight Mohajers": a country
/// between a sending verb and the count is the indirect object, where the
/// shipment goes.
fn indirect_object<'a>(ctx: &Ctx<'a>, start: usize) -> Option<(&'a Mention, usize)> {
    let w = &ctx.words;
    let mut k = start;
    while k > 0 && (PATTERNS.approximate.has(w[k - 1]) || w[k - 1] == "another") {
        k -= 1;
    }
    let m = ctx.mentions.iter().find(|m| {
        m.tok.end == k
            && m.kind == Kind::Country
            && m.form != MentionForm::Demonym
            && !ctx.possessive(m)
    })?;
    let verb = m.tok.start > 0
        && ctx
            .tokens
            .get(m.tok.start - 1)
            .is_some_and(|t| PATTERNS.sent_verbs.has_token(t));
    verb.then_some((m, start))
}

/// "to Tartus, Syria" with a city the gazetteer does not know: the country
/// after the comma is the destination (what a known city would be placed in).
fn city_of_country<'a>(ctx: &Ctx<'a>, i: usize, end: usize) -> Option<(&'a Mention, usize)> {
    let w = &ctx.words;
    (i..end).find_map(|k| {
        if !matches!(w[k], "to" | "in" | "at" | "into") {
            return None;
        }
        let mut j = k + 1;
        while j < end
            && j < k + 4
            && ctx.tokens[j].kind == crate::text::TokenKind::Word
            && ctx.tokens[j].is_capitalized()
            && ctx.mention_at(j).is_none()
        {
            j += 1;
        }
        if j == k + 1 || w.get(j) != Some(&",") {
            return None;
        }
        ctx.mention_at(j + 1)
            .filter(|m| {
                m.kind == Kind::Country && m.form != MentionForm::Demonym && m.tok.end <= end
            })
            .map(|m| (m, k))
    })
}

/// True when the quantity starting at `start` is the agent of a passive
/// ("the report was written by a panel of five experts and sent to P"): it
/// did the deed, it is not what was sent.
fn passive_agent(ctx: &Ctx, start: usize) -> bool {
    let w = &ctx.words;
    let lo = start.saturating_sub(4);
    (lo..start).rev().find(|&k| w[k] == "by").is_some_and(|k| {
        k > 0
            && (k.saturating_sub(3)..k).any(|j| crate::relations::context::BE.contains(&w[j]))
            && (k + 1..start).all(|j| ctx.tokens[j].kind == crate::text::TokenKind::Word)
    })
}

/// "Mali, where about 1,500 fighters were deployed": the place or country a
/// relative "where" follows, when the count at `start` opens the relative
/// clause (up to three lower-case words, "about", "an estimated", between).
fn where_antecedent<'a>(ctx: &Ctx<'a>, start: usize) -> Option<(&'a Mention, usize)> {
    let w = &ctx.words;
    let k = (start.saturating_sub(4)..start)
        .rev()
        .find(|&k| w[k] == "where")?;
    let plain = |j: usize| {
        ctx.tokens[j].kind == crate::text::TokenKind::Word && !ctx.tokens[j].is_capitalized()
    };
    if k < 2 || w[k - 1] != "," || !(k + 1..start).all(plain) {
        return None;
    }
    let place = ctx.mentions.iter().find(|m| {
        m.tok.end == k - 1
            && matches!(m.kind, Kind::Place | Kind::Country)
            && m.form != MentionForm::Demonym
    })?;
    Some((place, k))
}

/// The place or country a destination frame after `i` (up to `end`) names:
/// up to five words may stand between ("bound for Houthi-held areas of Yemen").
fn destination_after<'a>(ctx: &Ctx<'a>, i: usize, end: usize) -> Option<(&'a Mention, usize)> {
    let w = &ctx.words;
    let (k, n) = (i..end).find_map(|k| SHIPMENTS.destination.match_at(w, k).map(|n| (k, n)))?;
    let place = ctx
        .mentions
        .iter()
        .filter(|m| {
            m.tok.start >= k + n
                && m.tok.end <= end
                && m.tok.start <= k + n + 5
                && matches!(m.kind, Kind::Place | Kind::Country)
                && m.form != MentionForm::Demonym
        })
        .min_by_key(|m| m.tok.start)?;
    Some((place, k))
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim};

    #[test]
    fn where_a_speaker_spoke_is_no_destination() {
        let text =
            "\"Chile has sent 300 soldiers to help Peru,\" the minister told reporters in Lima.";
        assert_no_claim(text, "deployed_to");
        assert_claim(
            "Chile has sent 300 soldiers to Peru, the minister told reporters in Lima.",
            "deployed_to",
            "300 soldiers",
            "Peru",
        );
        // A verb of estimating that sets nothing off keeps the place.
        assert_claim(
            "About 300 Chilean soldiers were estimated to be deployed in Peru.",
            "deployed_to",
            "300 soldiers",
            "Peru",
        );
    }

    #[test]
    fn present_contingent_is_placed() {
        assert_claim(
            "Roughly 15,000 North Korean labourers are already working in Russia.",
            "deployed_to",
            "15,000 labourers",
            "Russia",
        );
        assert_claim(
            "About 10,000 North Korean personnel are currently deployed near the Russia-Ukraine border.",
            "deployed_to",
            "10,000 personnel",
            "Russia-Ukraine border",
        );
    }

    #[test]
    fn no_destination_for_speculation_or_purpose() {
        assert_no_claim(
            "North Korea sent 5,000 troops. Analysts say the troops could be redeployed to other occupied territories in Ukraine.",
            "deployed_to",
        );
        assert_no_claim(
            "About 6,000 engineers arrived, aligning with efforts to justify North Korea's role.",
            "deployed_to",
        );
    }

    #[test]
    fn no_destination_from_another_clause() {
        assert_no_claim(
            "Kim sent 1,000 deminers; the Kremlin hosted talks in Moscow.",
            "deployed_to",
        );
    }

    #[test]
    fn destination_frames_and_arrivals() {
        assert_claim(
            "Inspectors found 500 rifles destined for Somalia.",
            "deployed_to",
            "500 rifles",
            "Somalia",
        );
        assert_claim(
            "Two Tu-95 bombers landed in Cuba on Monday.",
            "deployed_to",
            "2 tu-95 bombers",
            "Cuba",
        );
        assert_no_claim("The 300 rifles originated in Iran.", "deployed_to");
        assert_no_claim(
            "Chad received 12 drones manufactured in Turkey.",
            "deployed_to",
        );
        assert_no_claim("Chad bought 12 drones, built in Turkey.", "deployed_to");
    }

    #[test]
    fn a_relative_where_places_its_contingent() {
        assert_claim(
            "The junta expelled the French from Niger, where about 1,200 Russian instructors had been deployed.",
            "deployed_to",
            "1,200 instructors",
            "Niger",
        );
        assert_claim(
            "Talks were held in Vilnius, where 40 Danish engineers are stationed.",
            "deployed_to",
            "40 engineers",
            "Vilnius",
        );
        // Not a count opening the relative clause, or a clause that only speculates.
        assert_no_claim(
            "They met in Chad, where officials said 300 soldiers could be sent.",
            "deployed_to",
        );
        assert_no_claim(
            "They met in Chad, where 300 soldiers could be sent next year.",
            "deployed_to",
        );
        assert_no_claim(
            "Where 300 soldiers are stationed is a secret.",
            "deployed_to",
        );
    }

    #[test]
    fn a_country_between_the_verb_and_the_count_is_the_destination() {
        assert_claim(
            "Madrid lent Chile eight Super Pumas last year.",
            "deployed_to",
            "8 super pumas",
            "Chile",
        );
        assert_claim(
            "Spain sold Peru about 40 howitzers.",
            "sent",
            "Spain",
            "40 howitzers",
        );
        assert_claim(
            "Spain sold Peru about 40 howitzers.",
            "deployed_to",
            "40 howitzers",
            "Peru",
        );
    }

    #[test]
    fn coordinated_items_of_a_package_go_where_it_goes() {
        let text =
            "Spain announced a package of air-defence interceptors and artillery rounds for Peru.";
        assert_claim(text, "sent", "Spain", "air-defence interceptors");
        assert_claim(text, "sent", "Spain", "artillery rounds");
        assert_claim(text, "deployed_to", "air-defence interceptors", "Peru");
        assert_claim(text, "deployed_to", "artillery rounds", "Peru");
    }

    #[test]
    fn unknown_city_then_country() {
        assert_claim(
            "Spain sent 20 tanks to Puerto Zorrilla, Chile, last week.",
            "deployed_to",
            "20 tanks",
            "Chile",
        );
    }

    #[test]
    fn no_destination_for_the_agent_of_a_passive() {
        assert_no_claim(
            "The report was written by a panel of five experts and sent to the Chad sanctions committee.",
            "deployed_to",
        );
        assert_claim(
            "The rifles were flown in by six planes. Spain sent 60 soldiers to Chad.",
            "deployed_to",
            "60 soldiers",
            "Chad",
        );
    }
}
