//! `agreed`: an actor signed, agreed or pledged.
//!
//! Phrasings: "X and Y signed a treaty" (each → the treaty), "the treaty
//! signed by X and Y" (passive), "X and Y agreed to strengthen ties" (actor
//! ↔ actor, symmetric), "X agreed with Y". "Pledged / agreed to send N" is
//! left to `sent`, which emits both edges.
//!
//! Rejected: hypothetical or negated agreements ("plans to sign", "refused
//! to sign"), nominal mentions without parties ("the agreement").

use super::{Arg, Found};
use crate::graph::{Kind, Relation};
use crate::lexicon::patterns::PATTERNS;
use crate::mentions::Mention;
use crate::relations::context::Ctx;
use crate::relations::negation::hypothetical_at;

/// Adds the sentence's agreements.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>) {
    let p = &*PATTERNS;
    let w = &ctx.words;
    for i in 0..w.len() {
        if !p.agreed_verbs.may(&ctx.tokens[i]) {
            continue;
        }
        let Some(n) = p.agreed_verbs.match_at(w, i) else {
            continue;
        };
        let from = ctx.clause_start(i);
        let end = ctx.clause_end(i);
        // "pledged to send": the sent rule owns it.
        if w.get(i + n) == Some(&"to")
            && ctx
                .tokens
                .get(i + n + 1)
                .is_some_and(|t| p.sent_verbs.may(t) && p.sent_verbs.has(w[i + n + 1]))
        {
            continue;
        }
        if hypothetical_at(ctx.tokens, w, from, i) {
            continue;
        }
        let date = ctx.date_near(i);
        let push = |out: &mut Vec<Found>, s: &Mention, t: &Mention| {
            if s.id != t.id {
                out.push(Found {
                    relation: Relation::Agreed,
                    source: Arg::Entity(s.id.clone()),
                    target: Arg::Entity(t.id.clone()),
                    place: None,
                    date: date.clone(),
                });
            }
        };
        let treaty_after = ctx.mentions.iter().find(|m| {
            m.kind == Kind::Treaty
                && m.tok.start > i
                && m.tok.end <= end
                && m.tok.start <= i + n + 4
        });
        // Passive: "the treaty signed by North Korea and Russia".
        if w.get(i + n) == Some(&"by") {
            let treaty = ctx
                .mentions
                .iter()
                .filter(|m| m.kind == Kind::Treaty && m.tok.end <= i && m.tok.start >= from)
                .max_by_key(|m| m.tok.start);
            if let Some(t) = treaty {
                for a in ctx.objects_after(i + n + 1, 1) {
                    push(out, a, t);
                }
            }
            continue;
        }
        // "... and the two agreed to widen intelligence sharing": the pair who just met.
        let mut k = i;
        while k > 0 && matches!(w[k - 1], "also" | "later" | "then" | "have" | "had" | "has") {
            k -= 1;
        }
        // "The two men discussed ... and agreed": the pair may open the clause.
        let opens = (from..k)
            .find(|&j| !matches!(w[j], "," | "and" | "\""))
            .is_some_and(|j| p.pair_references.match_at(w, j).is_some())
            && ctx.subject_before(i).is_none();
        let pair_ref = opens || k > 0 && p.pair_references.match_ending_at(w, k - 1).is_some();
        if pair_ref {
            let met_here =
                out.iter()
                    .rev()
                    .find_map(|f| match (&f.relation, &f.source, &f.target) {
                        (Relation::Met, Arg::Entity(a), Arg::Entity(b)) => {
                            Some((a.clone(), b.clone()))
                        }
                        _ => None,
                    });
            if let Some((a, b)) = met_here.or_else(|| ctx.pair.clone()) {
                out.push(Found {
                    relation: Relation::Agreed,
                    source: Arg::Entity(a),
                    target: Arg::Entity(b),
                    place: None,
                    date: date.clone(),
                });
            }
            continue;
        }
        let Some(subject) = ctx.subject_before(i) else {
            continue;
        };
        let group = ctx.subject_group(subject);
        if let Some(t) = treaty_after {
            for s in &group {
                push(out, s, t);
            }
        } else if group.len() >= 2
            && matches!(w.get(i + n), Some(&"to") | Some(&"on") | None | Some(&"."))
        {
            for (a, s) in group.iter().enumerate() {
                for t in &group[a + 1..] {
                    push(out, s, t);
                }
            }
        } else if w.get(i + n) == Some(&"with") {
            for t in ctx.objects_after(i + n + 1, 2) {
                push(out, subject, t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim, claims};

    /// Asserts that no claim of `text` ends at the entity labelled `target`.
    #[track_caller]
    fn assert_no_claim_to(text: &str, target: &str) {
        let got = claims(text);
        let bad: Vec<&String> = got
            .iter()
            .filter(|c| c.ends_with(&format!("-> {target}")))
            .collect();
        assert!(bad.is_empty(), "unexpected {bad:#?}\nfor: {text}");
    }

    #[test]
    fn agreed_from_coordinated_signing() {
        let text = "In June 2024, Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defense treaty.";
        assert_claim(
            text,
            "agreed",
            "Vladimir Putin",
            "Comprehensive Strategic Partnership Treaty",
        );
        assert_claim(
            text,
            "agreed",
            "Kim Jong Un",
            "Comprehensive Strategic Partnership Treaty",
        );
    }

    #[test]
    fn agreed_from_passive_signing() {
        assert_claim(
            "The move rests on the comprehensive strategic partnership treaty signed by North Korea and Russia in June last year.",
            "agreed",
            "Russia",
            "Comprehensive Strategic Partnership Treaty",
        );
    }

    #[test]
    fn agreed_between_coordinated_actors() {
        assert_claim(
            "Foreign Minister Choe Son Hui headed to Moscow, where she and Russian President Vladimir Putin agreed to strengthen bilateral ties.",
            "agreed",
            "Choe Son Hui",
            "Vladimir Putin",
        );
    }

    #[test]
    fn the_two_who_met_agreed() {
        assert_claim(
            "Japanese Defence Minister Gen Nakatani held talks with his South Korean counterpart Ahn Gyu-back in Seoul on Tuesday, and the two agreed to widen intelligence sharing.",
            "agreed",
            "Gen Nakatani",
            "Ahn Gyu-back",
        );
        assert_claim(
            "Mali's leader Assimi Goita held talks with Putin in the Kremlin. The two leaders agreed to deepen cooperation.",
            "agreed",
            "Assimi Goita",
            "Vladimir Putin",
        );
    }

    #[test]
    fn no_pair_without_a_meeting() {
        assert_no_claim("The two leaders agreed to deepen cooperation.", "agreed");
    }

    #[test]
    fn agreement_named_by_its_subject_and_signed_by_two() {
        let text = "The agreement on the deployment of tactical weapons was signed by Belarusian Defence Minister Viktor Khrenin and his Russian counterpart Andrei Belousov on Friday.";
        assert_claim(
            text,
            "agreed",
            "Viktor Khrenin",
            "Agreement on the Deployment of Tactical Weapons",
        );
        assert_claim(
            text,
            "agreed",
            "Andrei Belousov",
            "Agreement on the Deployment of Tactical Weapons",
        );
    }

    #[test]
    fn another_pair_s_partnership_treaty_is_its_own() {
        let text = "Ruritanian President Anton Weiss and his Freedonian counterpart Carla Munoz on Monday signed a strategic partnership treaty in Vienna.";
        assert_claim(text, "agreed", "Carla Munoz", "Strategic Partnership Treaty");
        assert_no_claim_to(text, "Comprehensive Strategic Partnership Treaty");
    }

    #[test]
    fn lower_case_agreements_with_their_signatories() {
        let text = "Ruritania and Freedonia sealed the USD 3 billion T-90 main battle tank deal on Monday.";
        assert_claim(text, "agreed", "Ruritania", "T-90 Main Battle Tank Deal");
        assert_claim(text, "agreed", "Freedonia", "T-90 Main Battle Tank Deal");
        let text = "Officials said a naval training protocol signed by Anton Weiss and his Freedonian counterpart, Carla Munoz, took effect.";
        assert_claim(text, "agreed", "Carla Munoz", "Naval Training Protocol");
    }

    #[test]
    fn no_agreed_for_plans_to_sign() {
        assert_no_claim(
            "Iran and Russia plan to sign a new treaty next year.",
            "agreed",
        );
        assert_no_claim(
            "The deployment had already been broadly agreed upon.",
            "agreed",
        );
    }
}
