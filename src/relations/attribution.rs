//! Attribution: who a sentence's claims come from.
//!
//! Sources: the actor after "according to", "briefed by", "a briefing by",
//! "citing" (chains count: "according to a lawmaker briefed by the spy
//! agency, AFP reports" gives every named link); the subject of "said",
//! "reported", "told", "estimates", "announced", "revealed" ("X said",
//! "..., AFP reports", "X told reporters"); the actor after an inverted
//! "said" ("said the lawmaker.", "says Moscow"). Each source gets a
//! `reported` edge to what the claims are about, and the claims list it in
//! `reported_by`.
//!
//! Rejected: a source reporting its own action (that is the action's edge),
//! subjects inside appositives or prepositional phrases.

use crate::graph::NodeId;
use crate::lexicon::patterns::PATTERNS;
use crate::relations::context::Ctx;

/// The sources a sentence attributes its claims to, sorted and unique.
pub fn sources(ctx: &Ctx) -> Vec<NodeId> {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let mut out: Vec<NodeId> = Vec::new();
    for i in 0..w.len() {
        let t = &ctx.tokens[i];
        if p.attribution_prepositions.may(t)
            && let Some(n) = p.attribution_prepositions.match_at(w, i)
        {
            for m in ctx.objects_after(i + n, 3) {
                out.push(m.id.clone());
            }
            continue;
        }
        if !(p.attribution_verbs.may(t) && p.attribution_verbs.has(w[i])) {
            continue;
        }
        // "an estimated 20,000", "the reported deal": an adjective, not a speaker's verb.
        if i > 0 && matches!(w[i - 1], "a" | "an" | "the" | "its" | "their") {
            continue;
        }
        // "reported" inside "as reported by" is a preposition, handled above.
        if w.get(i + 1) == Some(&"by") {
            continue;
        }
        // Inverted: "..., said the lawmaker." / "..., says Moscow".
        let inverted = ctx.first_object_after(i + 1, 2).filter(|m| {
            let after = w.get(m.tok.end).copied().unwrap_or(".");
            matches!(after, "." | "," | ";" | "\"" | "”")
        });
        let after_comma = i > 0 && matches!(w[i - 1], "," | "\"" | "”");
        match (inverted, ctx.subject_before(i)) {
            (Some(m), _) if after_comma => out.push(m.id.clone()),
            (_, Some(s)) => out.extend(ctx.subject_group(s).into_iter().map(|m| m.id.clone())),
            (Some(m), None) => out.push(m.id.clone()),
            (None, None) => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a sentence without claims reports about: the first actor of the
/// "that" clause after an attribution verb ("told the council that the panel
/// had been..."), or a treaty the clause names ("told state television the
/// document has no clause"). Only people and organisations report this way:
/// "Pyongyang and Moscow acknowledged the presence of troops" is no report.
pub fn complement(ctx: &Ctx) -> Option<NodeId> {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let verb = (0..w.len()).find(|&i| {
        p.attribution_verbs.may(&ctx.tokens[i])
            && p.attribution_verbs.has(w[i])
            && w.get(i + 1) != Some(&"by")
    })?;
    let end = ctx.clause_end(verb);
    let that = (verb + 1..(verb + 6).min(end)).find(|&k| w[k] == "that");
    let from = that.map_or(verb + 1, |t| t + 1);
    let speaker = ctx.subject_before(verb)?;
    if speaker.kind == crate::graph::Kind::Country {
        return None;
    }
    ctx.mentions
        .iter()
        .filter(|m| m.tok.start >= from && m.tok.end <= end)
        .filter(|m| {
            m.kind == crate::graph::Kind::Treaty
                || that.is_some() && m.is_actor() && m.id != speaker.id
        })
        .filter(|m| !ctx.determiner_pronoun(m) && !ctx.possessive(m))
        .min_by_key(|m| m.tok.start)
        .map(|m| m.id.clone())
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, claims};

    #[test]
    fn attribution_chain_credits_every_named_source() {
        let text = "South Korea’s intelligence service has reported that around 5,000 North Korean construction troops have been dispatched to Russia, according to a lawmaker briefed on the findings, AFP reports.";
        assert_claim(
            text,
            "reported",
            "National Intelligence Service",
            "5,000 construction troops",
        );
        assert_claim(text, "reported", "AFP", "5,000 construction troops");
    }

    #[test]
    fn according_to_names_the_source() {
        let text = "According to South Korea’s National Intelligence Service, North Korea previously sent about 10,900 combat troops late last year.";
        assert_claim(
            text,
            "reported",
            "National Intelligence Service",
            "10,900 combat troops",
        );
    }

    #[test]
    fn told_reporters_and_inverted_said() {
        assert_claim(
            "South Korean lawmaker Lee Seong-kweun told reporters that 5,000 North Korean construction troops have been moving to Russia.",
            "reported",
            "Lee Seong-kweun",
            "5,000 construction troops",
        );
        assert_claim(
            "North Korea to send 6,000 troops to Russia for reconstruction, says Moscow",
            "reported",
            "Russia",
            "6,000 troops",
        );
    }

    #[test]
    fn report_without_a_claim_is_about_the_clause_after_that() {
        let text = "The UN Panel of Experts was disbanded in April. Ambassador Vassily Nebenzia told the council that the panel had been biased.";
        assert_claim(text, "reported", "Vassily Nebenzia", "Panel of Experts");
    }

    #[test]
    fn an_estimated_number_has_no_speaker() {
        let got = claims(
            "North Korea has shipped an estimated 250 missiles to Russia, a State Department spokesperson said.",
        );
        assert!(
            !got.iter().any(|c| c.starts_with("reported North Korea")),
            "{got:?}"
        );
        assert_claim(
            "North Korea has shipped an estimated 250 missiles to Russia, a State Department spokesperson said.",
            "reported",
            "State Department",
            "250 missiles",
        );
    }

    #[test]
    fn no_report_of_ones_own_action() {
        let got = claims(
            "North Korea has announced plans to deploy approximately 6,000 military personnel to Russia.",
        );
        assert!(
            !got.iter().any(|c| c.starts_with("reported North Korea")),
            "{got:?}"
        );
    }
}
