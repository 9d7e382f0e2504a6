//! `deployed_to`: a counted contingent and where it goes or is: "to Russia",
//! "to Russia's Kursk region" (the head, Kursk), "in Russia" ("are already
//! working in Russia"), "near the Russia-Ukraine border". Contingents with no
//! sending verb get status "present" and their demonym's country as origin.
//!
//! Rejected: locations outside the contingent's clause, and locations more
//! than a few words after it unless a sending verb links them.

use super::{Arg, Found, QuantityFacts};
use crate::graph::{Relation, Status};
use crate::lexicon::patterns::PATTERNS;
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
        if let Some((place, at)) = ctx.location_after(qty.tok.end, end)
            && Some(&place.id) != fact.from.as_ref()
            // "could be redeployed to Ukraine" is no destination.
            && !(qty.tok.end..at).any(|k| PATTERNS.speculative.has(ctx.words[k]) || PATTERNS.negation.has(ctx.words[k]))
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

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim};

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
}
