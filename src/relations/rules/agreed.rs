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
use crate::mentions::agreements::AGREEMENTS;
use crate::relations::context::Ctx;
use crate::relations::negation::hypothetical_at;

/// Adds the sentence's agreements.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>) {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let a = &*AGREEMENTS;
    if !ctx.holds(&[&p.agreed_verbs, &a.signing_verbs]) {
        return;
    }
    for i in ctx.starts() {
        // A signing verb that is no agreed verb ("sealed", "adopted") counts
        // only with an agreement for object (`signing_only`).
        let t = &ctx.tokens[i];
        let verb = if p.agreed_verbs.may(t) {
            p.agreed_verbs.match_at(w, i)
        } else {
            None
        };
        let (n, signing_only) = match verb {
            Some(n) => (n, false),
            _ if a.signing_verbs.may(t) && a.signing_verbs.has(w[i]) => (1, true),
            _ => continue,
        };
        // "the anniversary of the signing of the treaty": a gerund after a
        // determiner names the event; it says nobody signed here.
        if w[i].ends_with("ing")
            && i > 0
            && matches!(
                w[i - 1],
                "the" | "a" | "an" | "its" | "their" | "this" | "that"
            )
        {
            continue;
        }
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
        let treaty_after = treaty_object(ctx, i + n, end);
        // Passive: "the treaty signed by North Korea and Russia", "a contract
        // signed between A and B": each party to the agreement; without a
        // named agreement ("an MoU was signed between A and B") each to the other.
        if matches!(w.get(i + n), Some(&"by") | Some(&"between")) {
            let treaty = ctx
                .mentions
                .iter()
                .filter(|m| m.kind == Kind::Treaty && m.tok.end <= i && m.tok.start >= from)
                .max_by_key(|m| m.tok.start);
            // "between Turkish drone producer Baykar and": a descriptive noun
            // or two may stand before the first party.
            let reach = if w[i + n] == "between" { 3 } else { 1 };
            let parties = ctx.objects_after(i + n + 1, reach);
            if let Some(t) = treaty {
                for a in &parties {
                    push(out, a, t);
                }
            }
            if treaty.is_some() || agreement_before(ctx, i) {
                if treaty.is_none() {
                    each_pair(out, &parties, &date);
                }
                if a.cosigning_verbs.has(w[i]) {
                    cosigned(out, &parties, &date);
                }
            }
            continue;
        }
        // "A and B signed an MoU", "sealed a deal": an agreement the mentions
        // leave unnamed (no modifier says which) is still one signed.
        let bare = treaty_after
            .is_none()
            .then(|| bare_agreement(ctx, i + n, end))
            .flatten();
        if signing_only && treaty_after.is_none() && bare.is_none() {
            continue;
        }
        // "15 years ago we signed the China-Russia Treaty of ...": the
        // countries that name the agreement are its parties.
        let mut named_parties = false;
        if let Some(t) = treaty_after {
            let mut named: Vec<&Mention> = Vec::new();
            for m in ctx.mentions.iter().filter(|m| {
                m.kind == Kind::Country && m.tok.start >= i + n && m.tok.end <= t.tok.start
            }) {
                if !named.iter().any(|x| x.id == m.id) {
                    named.push(m);
                }
            }
            if named.len() >= 2 && (i + n..t.tok.start).all(|k| !matches!(w[k], "," | "and")) {
                for c in &named {
                    push(out, c, t);
                }
                named_parties = true;
            }
        }
        // "... and the two agreed to widen intelligence sharing": the pair who just met.
        let mut k = i;
        while k > 0 && matches!(w[k - 1], "also" | "later" | "then" | "have" | "had" | "has") {
            k -= 1;
        }
        // "The two men discussed ... and agreed": the pair may open the clause.
        // "The two countries signed": states, not the two people who met.
        let opens = (from..k)
            .find(|&j| !matches!(w[j], "," | "and" | "\""))
            .and_then(|j| p.pair_references.match_at(w, j).map(|n| j + n))
            .is_some_and(|after| {
                !(after < w.len() && ctx.collective_at(after))
                    || ctx.pair.as_ref().is_some_and(|(a, b)| {
                        a.kind() != Some(Kind::Person) && b.kind() != Some(Kind::Person)
                    })
            })
            && ctx.subject_before(i).is_none();
        // "“We have agreed on an economic cooperation programme,” he told
        // reporters": a leader's "we" is the two people who just met, for an
        // agreement whose name gives no parties of its own.
        let people = |(a, b): &(crate::graph::NodeId, crate::graph::NodeId)| {
            a.kind() == Some(Kind::Person) && b.kind() == Some(Kind::Person)
        };
        let we = k > 0
            && w[k - 1] == "we"
            && !named_parties
            && treaty_after.is_some()
            && ctx.pair.as_ref().is_some_and(people)
            && !ctx.covered(k - 1);
        // "On Monday, the warring sides agreed to a weeklong truce": the two
        // sides of the conflict the document named.
        let sides = (k > 0 && a.belligerent_references.match_ending_at(w, k - 1).is_some())
            .then(|| ctx.belligerents.clone())
            .flatten();
        if let Some((x, y)) = sides {
            let targets = treaty_after.map(|t| t.id.clone());
            for s in [&x, &y] {
                if let Some(t) = &targets {
                    out.push(Found {
                        relation: Relation::Agreed,
                        source: Arg::Entity(s.clone()),
                        target: Arg::Entity(t.clone()),
                        place: None,
                        date: date.clone(),
                    });
                }
            }
            out.push(Found {
                relation: Relation::Agreed,
                source: Arg::Entity(x),
                target: Arg::Entity(y),
                place: None,
                date: date.clone(),
            });
            continue;
        }
        let pair_ref =
            opens || we || k > 0 && p.pair_references.match_ending_at(w, k - 1).is_some();
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
                // "Both sides adopted an economic cooperation plan": each to the plan.
                if let Some(t) = treaty_after {
                    for x in [&a, &b] {
                        out.push(Found {
                            relation: Relation::Agreed,
                            source: Arg::Entity(x.clone()),
                            target: Arg::Entity(t.id.clone()),
                            place: None,
                            date: date.clone(),
                        });
                    }
                }
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
        // "A has inked a pact with B": the subject and B, each to the other;
        // "A and B signed the pact with C": A and B are one side, C the other.
        let others = with_after_object(ctx, i + n, end, treaty_after)
            .map(|k| ctx.objects_after(k + 1, 2))
            .unwrap_or_default();
        for s in &group {
            for t in &others {
                push(out, s, t);
            }
        }
        if let Some(t) = treaty_after {
            for s in others.iter().chain(&group) {
                push(out, s, t);
            }
            if a.cosigning_verbs.has(w[i]) {
                if others.is_empty() {
                    cosigned(out, &group, &date);
                } else {
                    cosigned_across(out, &group, &others, &date);
                }
            }
        } else if group.len() >= 2
            && (bare.is_some() && others.is_empty()
                || matches!(w.get(i + n), Some(&"to") | Some(&"on") | None | Some(&".")))
        {
            for (a, s) in group.iter().enumerate() {
                for t in &group[a + 1..] {
                    push(out, s, t);
                }
            }
            if bare.is_some() && a.cosigning_verbs.has(w[i]) {
                cosigned(out, &group, &date);
            }
        } else if w.get(i + n) == Some(&"with") {
            for t in ctx.objects_after(i + n + 1, 2) {
                push(out, subject, t);
            }
        }
    }
}

/// The two sides of a conflict this sentence names: two coordinated actors
/// before a conflict predicate ("the army and the RSF have been locked in a
/// fight") or after a conflict noun and "between" ("fighting between the
/// army and the RSF").
pub fn conflict_sides(ctx: &Ctx) -> Option<(crate::graph::NodeId, crate::graph::NodeId)> {
    let a = &*AGREEMENTS;
    let w = &ctx.words;
    let two = |group: Vec<&Mention>| {
        let mut ids: Vec<&crate::graph::NodeId> = Vec::new();
        for m in group {
            if !ids.contains(&&m.id) {
                ids.push(&m.id);
            }
        }
        (ids.len() == 2).then(|| (ids[0].clone(), ids[1].clone()))
    };
    if !ctx.holds(&[&a.conflict_predicates, &a.conflict_nouns]) {
        return None;
    }
    for j in ctx.starts() {
        if a.conflict_predicates.may(&ctx.tokens[j])
            && a.conflict_predicates.match_at(w, j).is_some()
        {
            // "have been locked", "— led by two rival generals — have been".
            let mut k = j;
            while k > 0
                && matches!(
                    w[k - 1],
                    "have" | "has" | "had" | "been" | "are" | "were" | "is"
                )
            {
                k -= 1;
            }
            // "— led by two rival generals —": an aside between dashes.
            if k > 0
                && matches!(w[k - 1], "—" | "–" | "--")
                && let Some(open) = (0..k - 1).rev().find(|&x| w[x] == w[k - 1])
            {
                k = open;
            }
            if let Some(subject) = ctx.subject_before(k)
                && let Some(sides) = two(ctx.subject_group(subject))
            {
                return Some(sides);
            }
        }
        if a.conflict_nouns.may(&ctx.tokens[j])
            && a.conflict_nouns.has(w[j])
            && w.get(j + 1) == Some(&"between")
            && let Some(sides) = two(ctx.objects_after(j + 2, 2))
        {
            return Some(sides);
        }
    }
    None
}

/// The agreement that is the object of a verb ending before `k`: within
/// four tokens, or further when only its modifiers stand between ("sealed
/// the USD 5 billion S-400 air defence system deal").
fn treaty_object<'a>(ctx: &Ctx<'a>, k: usize, end: usize) -> Option<&'a Mention> {
    let t = ctx
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Treaty && m.tok.start >= k && m.tok.end <= end)
        .min_by_key(|m| m.tok.start)?;
    let near = t.tok.start <= k + 4;
    let only_modifiers = t.tok.start <= k + 10
        && (k..t.tok.start).all(|j| {
            !matches!(
                ctx.words[j],
                "," | "and" | "with" | "by" | "to" | "that" | "which"
            ) && !ctx
                .mentions
                .iter()
                .any(|m| m.tok.contains(&j) && m.is_actor() && m.kind != Kind::Country)
        });
    (near || only_modifiers).then_some(t)
}

/// True when an agreement stands right before the participle at `i` ("a
/// contract signed between", "an MoU was signed by").
fn agreement_before(ctx: &Ctx, i: usize) -> bool {
    let a = &*AGREEMENTS;
    let treaty_ends = |k: usize| {
        ctx.mentions
            .iter()
            .any(|m| m.kind == Kind::Treaty && m.tok.end == k + 1)
    };
    if (i.saturating_sub(3)..i).any(|k| {
        a.group(ctx.words[k]).is_some() && a.participle_after(&ctx.words, k) == Some(i)
            || treaty_ends(k)
    }) {
        return true;
    }
    // "The deal, worth $2 billion, was signed by": an appositive between
    // commas may stand between the agreement and its participle.
    let w = &ctx.words;
    let mut c = i;
    while c > 0
        && matches!(
            w[c - 1],
            "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had"
        )
    {
        c -= 1;
    }
    if c == 0 || w[c - 1] != "," {
        return false;
    }
    let Some(open) = (c.saturating_sub(APPOSITIVE_MAX + 1)..c - 1)
        .rev()
        .find(|&k| w[k] == ",")
    else {
        return false;
    };
    open > 0 && (a.group(w[open - 1]).is_some() || treaty_ends(open - 1))
}

/// Tokens an appositive between an agreement and its participle may hold.
const APPOSITIVE_MAX: usize = 10;

/// The "with" after the verb's object, when the object is an agreement
/// ("inked a pact with", "signed the treaty with"): its index.
fn with_after_object(ctx: &Ctx, k: usize, end: usize, treaty: Option<&Mention>) -> Option<usize> {
    let w = &ctx.words;
    let after = match treaty {
        Some(t) => t.tok.end,
        // "signed a $10 billion deal with", "a defence deal with", "a
        // memorandum of understanding with".
        None => bare_agreement(ctx, k, end)?,
    };
    (w.get(after) == Some(&"with")).then_some(after)
}

/// The end of an agreement noun phrase from `k` that no mention names: its
/// head after determiners and modifiers, and a lower-case "of" phrase ("a
/// memorandum of understanding").
fn bare_agreement(ctx: &Ctx, k: usize, end: usize) -> Option<usize> {
    let a = &*AGREEMENTS;
    let w = &ctx.words;
    let head = (k..end.min(k + 7))
        .find(|&j| a.group(w[j]).is_some())
        .filter(|&j| (k..j).all(|x| a.before_head(&ctx.tokens[x])))?;
    let of_what = w.get(head + 1) == Some(&"of")
        && ctx
            .tokens
            .get(head + 2)
            .is_some_and(|t| t.kind == crate::text::TokenKind::Word && !t.is_capitalized());
    Some(head + if of_what { 3 } else { 1 })
}

/// Each of the actors agreed with each other one (symmetric).
fn each_pair(out: &mut Vec<Found>, parties: &[&Mention], date: &Option<String>) {
    pairwise(out, Relation::Agreed, parties, date);
}

/// Two people who sign one agreement together met ("Putin and Maduro signed
/// the treaty in Moscow"); organisations and countries sign through others.
fn cosigned(out: &mut Vec<Found>, parties: &[&Mention], date: &Option<String>) {
    let people: Vec<&Mention> = parties
        .iter()
        .copied()
        .filter(|m| m.kind == Kind::Person)
        .collect();
    pairwise(out, Relation::Met, &people, date);
}

/// The people of one side who sign an agreement with the other side's met
/// them ("A and B signed the pact with C": A met C and B met C, not each other).
fn cosigned_across(
    out: &mut Vec<Found>,
    side: &[&Mention],
    others: &[&Mention],
    date: &Option<String>,
) {
    for s in side.iter().filter(|m| m.kind == Kind::Person) {
        for o in others
            .iter()
            .filter(|m| m.kind == Kind::Person && m.id != s.id)
        {
            out.push(Found {
                relation: Relation::Met,
                source: Arg::Entity(s.id.clone()),
                target: Arg::Entity(o.id.clone()),
                place: None,
                date: date.clone(),
            });
        }
    }
}

/// `relation` between every two distinct parties, in order.
fn pairwise(out: &mut Vec<Found>, relation: Relation, parties: &[&Mention], date: &Option<String>) {
    for (k, s) in parties.iter().enumerate() {
        for t in &parties[k + 1..] {
            if s.id != t.id {
                out.push(Found {
                    relation,
                    source: Arg::Entity(s.id.clone()),
                    target: Arg::Entity(t.id.clone()),
                    place: None,
                    date: date.clone(),
                });
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
    fn one_side_signing_with_the_other_meets_the_other_not_itself() {
        let text = "Foreign Minister Anna Berg and Defence Minister Olof Lind signed the Baltic Access Agreement with Latvian Defence Minister Janis Ozols in Riga.";
        for person in ["Anna Berg", "Olof Lind"] {
            assert_claim(text, "agreed", person, "Janis Ozols");
            assert_claim(text, "met", person, "Janis Ozols");
            assert_claim(text, "agreed", person, "Baltic Access Agreement");
        }
        assert_claim(text, "agreed", "Janis Ozols", "Baltic Access Agreement");
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("met ")
                && c.contains("Anna Berg")
                && c.contains("Olof Lind")),
            "{got:#?}"
        );
    }

    #[test]
    fn an_agreement_that_must_or_should_be_signed_is_not_agreed_yet() {
        for text in [
            "The Baltic Access Agreement must still be ratified by Latvia.",
            "Latvia and Estonia should sign the Baltic Access Agreement next month.",
        ] {
            assert_no_claim(text, "agreed");
        }
        assert_claim(
            "Latvia and Estonia signed the Baltic Access Agreement on Monday.",
            "agreed",
            "Latvia",
            "Baltic Access Agreement",
        );
    }

    #[test]
    fn the_two_countries_are_no_earlier_name() {
        let text = "Defence Minister Ivan Petrov met Defence Secretary Mark Ellison in Riga, and the two countries signed a naval training agreement in May.";
        let got = claims(text);
        assert!(
            !got.iter()
                .any(|c| c.starts_with("agreed") && c.contains("Mark Ellison")),
            "{got:#?}"
        );
        assert_claim(text, "met", "Ivan Petrov", "Mark Ellison");
    }

    #[test]
    fn an_agreement_with_an_amount_a_modifier_or_an_of_phrase_names_the_other_side() {
        for text in [
            "Chile signed a $2 billion deal with Peru on Monday.",
            "Chile signed a defence deal with Peru on Monday.",
            "Chile signed a memorandum of understanding with Peru on Monday.",
            "Chile has signed a 30-year gas contract with Peru.",
        ] {
            assert_claim(text, "agreed", "Chile", "Peru");
        }
        // A name in another phrase after the noun is no side.
        let got = claims("Chile signed a deal on trade, and talks with Peru resumed.");
        assert!(
            !got.contains(&"agreed Chile -> Peru".to_string()),
            "{got:#?}"
        );
    }

    #[test]
    fn two_countries_a_comma_joins_at_a_headlines_opening_both_sign() {
        let text = "Kenya, Somalia sign security pact";
        assert_claim(text, "agreed", "Kenya", "Security Pact");
        assert_claim(text, "agreed", "Somalia", "Security Pact");
        // In a sentence of the body a comma after the first name sets it off.
        let got = claims("Kenya, Somalia signed a security pact.");
        assert!(
            !got.iter().any(|c| c.starts_with("agreed Kenya")),
            "{got:#?}"
        );
    }

    #[test]
    fn the_two_countries_are_not_the_two_people_who_met() {
        let text = "Peruvian Defence Minister Ana Ruiz met Bolivian President Luis Ortega in Lima. \
                    The two countries signed a border security pact in 2019.";
        let got = claims(text);
        assert!(
            !got.iter()
                .any(|c| c.starts_with("agreed Ana Ruiz") || c.starts_with("agreed Luis Ortega")),
            "{got:#?}"
        );
        // "The two men" are.
        let text = "Peruvian Defence Minister Ana Ruiz met Bolivian President Luis Ortega in Lima. \
                    The two men signed a border security pact.";
        let got = claims(text);
        assert!(
            got.iter().any(|c| c.starts_with("agreed Ana Ruiz")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_verb_after_and_shares_the_first_verbs_subject_not_its_object() {
        for text in [
            "Peruvian Defence Minister Ana Ruiz met Bolivian President Luis Ortega in Lima and signed a border security pact.",
            // So does a verb after a lone comma, as headlines join them.
            "Peruvian President Ana Ruiz meets Bolivian President Luis Ortega in Lima, signs border security pact",
        ] {
            let got = claims(text);
            assert!(
                got.iter()
                    .any(|c| c.starts_with("agreed Ana Ruiz -> ") && c.contains("Pact")),
                "{got:#?}"
            );
            assert!(
                !got.iter().any(|c| c.starts_with("agreed Luis Ortega -> ")),
                "{got:#?}"
            );
        }
        // A subject of its own after "and" is still the signer.
        let text = "Ana Ruiz met Luis Ortega in Lima, and Bolivia signed a border security pact.";
        let got = claims(text);
        assert!(
            got.iter().any(|c| c.starts_with("agreed Bolivia -> ")),
            "{got:#?}"
        );
    }

    #[test]
    fn coordinated_signers_with_long_titles_both_agreed() {
        let text = "Peruvian Defence Minister Walter Astudillo and Chilean armed forces chief of staff Rodrigo Diaz signed a memorandum on military cooperation.";
        assert_claim(
            text,
            "agreed",
            "Walter Astudillo",
            "Memorandum on Military Cooperation",
        );
        assert_claim(
            text,
            "agreed",
            "Rodrigo Diaz",
            "Memorandum on Military Cooperation",
        );
    }

    #[test]
    fn the_signing_as_a_noun_is_no_agreement() {
        assert_no_claim(
            "Delegations from Chile and Peru marked the anniversary of the signing of the Lima Treaty.",
            "agreed",
        );
        // The verb still is.
        assert_claim(
            "Chile and Peru are signing the Lima Treaty.",
            "agreed",
            "Chile",
            "Lima Treaty",
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
    fn an_appositive_may_stand_between_the_agreement_and_its_signing() {
        assert_claim(
            "The contract, worth 900 million euros, was signed by Peruvian Defence Minister Ana Ruiz and Zembla Aviation chief executive Luis Ortega.",
            "agreed",
            "Ana Ruiz",
            "Luis Ortega",
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
        assert_claim(
            text,
            "agreed",
            "Carla Munoz",
            "Strategic Partnership Treaty",
        );
        assert_no_claim_to(text, "Comprehensive Strategic Partnership Treaty");
    }

    #[test]
    fn lower_case_agreements_with_their_signatories() {
        let text = "Chile and Peru sealed the USD 3 billion T-90 main battle tank deal on Monday.";
        assert_claim(text, "agreed", "Chile", "T-90 Main Battle Tank Deal");
        assert_claim(text, "agreed", "Peru", "T-90 Main Battle Tank Deal");
        let text = "Officials said a naval training protocol signed by Foreign Minister Anton Weiss and his Chilean counterpart, Carla Munoz, took effect.";
        assert_claim(text, "agreed", "Carla Munoz", "Naval Training Protocol");
    }

    #[test]
    fn parties_of_an_unnamed_agreement_agree_with_each_other() {
        assert_claim(
            "An MoU was signed between the Ruritanian Space Agency (RSA) and the Freedonian Rocket Institute last week.",
            "agreed",
            "Ruritanian Space Agency",
            "Freedonian Rocket Institute",
        );
        assert_claim(
            "The shipyard said a contract signed between Ruritanian boat builder Kestrel Shipbuilding Corporation and the Freedonian Defence Ministry covers six hulls.",
            "agreed",
            "Kestrel Shipbuilding Corporation",
            "Freedonian Defence Ministry",
        );
        assert_claim(
            "Kestrel Shipbuilding Corporation has inked a pact with Freedonian firm Atlas Holdings to build ferries.",
            "agreed",
            "Kestrel Shipbuilding Corporation",
            "Atlas Holdings",
        );
        // A contract in passing is no agreement between the two.
        assert_no_claim(
            "The delivery was made by Kestrel Shipbuilding Corporation and Atlas Holdings.",
            "agreed",
        );
    }

    #[test]
    fn an_unknown_name_after_with_is_the_other_side_not_a_later_one() {
        let got = claims("Chile signs port deal with Arauco, angering Peru");
        assert!(!got.iter().any(|c| c.contains("Peru")), "{got:?}");
        assert_claim(
            "Chile signs port deal with Arauco, angering Peru",
            "agreed",
            "Chile",
            "Port Deal",
        );
    }

    #[test]
    fn coordinated_signers_of_an_unnamed_agreement_agree_with_each_other() {
        let text = "Chile and Peru signed a memorandum of understanding in Lima on Monday.";
        assert_claim(text, "agreed", "Chile", "Peru");
        let text =
            "Foreign Minister Ana Ruiz and her counterpart Jorge Vidal sealed a deal on Friday.";
        assert_claim(text, "agreed", "Ana Ruiz", "Jorge Vidal");
        assert_claim(text, "met", "Ana Ruiz", "Jorge Vidal");
        // A plan to sign one is no agreement yet.
        assert_no_claim("Chile and Peru plan to sign an agreement in May.", "agreed");
    }

    #[test]
    fn countries_that_name_the_treaty_signed_it() {
        let text = "\"Ten years ago we signed the Germany-Poland Treaty of Good Neighbourhood.\"";
        assert_claim(text, "agreed", "Germany", "Treaty of Good Neighbourhood");
        assert_claim(text, "agreed", "Poland", "Treaty of Good Neighbourhood");
    }

    #[test]
    fn the_pair_adopts_the_plan() {
        assert_claim(
            "Foreign Minister Anton Weiss held talks with Foreign Minister Carla Munoz in Vienna. Both sides adopted a fisheries cooperation plan.",
            "agreed",
            "Carla Munoz",
            "Fisheries Cooperation Plan",
        );
    }

    #[test]
    fn a_leader_s_we_is_the_pair_who_met() {
        let text = "Foreign Minister Anton Weiss held talks with Foreign Minister Carla Munoz in Vienna. \"We have agreed on a fisheries cooperation programme,\" he told reporters.";
        assert_claim(
            text,
            "agreed",
            "Anton Weiss",
            "Fisheries Cooperation Programme",
        );
        assert_claim(
            text,
            "agreed",
            "Carla Munoz",
            "Fisheries Cooperation Programme",
        );
        // Without a pair of people "we" is nobody known.
        assert_no_claim(
            "\"We have agreed on a fisheries cooperation programme,\" he told reporters.",
            "agreed",
        );
    }

    #[test]
    fn the_warring_sides_are_the_two_named_at_war() {
        let text = "The Kestrian Armed Forces and the National Liberation Army (NLA) have been locked in a fight for the capital since April. On Monday, the warring sides agreed to a three-day truce.";
        assert_claim(
            text,
            "agreed",
            "National Liberation Army",
            "Three-day Truce",
        );
        assert_claim(
            text,
            "agreed",
            "Kestrian Armed Forces",
            "National Liberation Army",
        );
        // An aside between dashes stands between the sides and the predicate.
        let text = "The Kestrian Armed Forces and the National Liberation Army — both led by generals — have been locked in a fight since April. The warring sides agreed to a three-day truce.";
        assert_claim(text, "agreed", "Kestrian Armed Forces", "Three-day Truce");
        let text = "Fighting between the Kestrian Defence Ministry and the National Liberation Army resumed. The warring parties agreed to talks.";
        assert_claim(
            text,
            "agreed",
            "Kestrian Defence Ministry",
            "National Liberation Army",
        );
        assert_no_claim(
            "On Monday, the warring sides agreed to a three-day truce.",
            "agreed",
        );
    }

    #[test]
    fn two_people_signing_together_met() {
        assert_claim(
            "Ruritanian President Anton Weiss and Freedonian President Carla Munoz signed a border demarcation treaty in Vienna.",
            "met",
            "Anton Weiss",
            "Carla Munoz",
        );
        assert_claim(
            "The fisheries protocol was signed by Foreign Minister Anton Weiss and his Chilean counterpart, Carla Munoz, in Vienna.",
            "met",
            "Anton Weiss",
            "Carla Munoz",
        );
        // Countries sign through their envoys; pledging is no signing.
        assert_no_claim("Chile and Peru signed a border demarcation treaty.", "met");
        assert_no_claim(
            "President Anton Weiss and President Carla Munoz agreed to deepen cooperation.",
            "met",
        );
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
