//! `sent`: an actor sent a counted contingent or shipment (and, for "pledged
//! to send" / "agreed to send", `agreed` too).
//!
//! Phrasings: "X sent / dispatched / deployed / shipped / supplied N units
//! (to P)", "X plans to send", "X will send", "X has announced plans to
//! deploy", "X pledged / agreed to send", "after sending N troops" (the
//! sentence's subject sent), passive "N units were dispatched to P" (the
//! origin is the demonym in the phrase or the actor after "by"), and every
//! contingent coordinated after the verb ("sent 10,000 troops, followed by an
//! additional 3,000"). Status: planned (will, plans, pledged, to send),
//! present ("are deployed"), sent otherwise.
//!
//! Rejected: speculation ("could send"), negation ("did not send"),
//! contingents in another clause ("..., while 5,000 personnel will assist").

use super::{Arg, Found, QuantityFacts};
use crate::graph::{Category, Kind, Relation, Status};
use crate::lexicon::names::NAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::mentions::MentionForm;
use crate::mentions::shipments::SHIPMENTS;
use crate::mentions::shipments::reported_future;
use crate::relations::context::{BE, Ctx};
use crate::relations::negation::{negated_at, speculative_at};

/// Adds the sentence's sendings.
pub fn find(ctx: &Ctx, out: &mut Vec<Found>, facts: &mut [QuantityFacts]) {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let sh = &*SHIPMENTS;
    // The sender of the last sending verb, for a verb coordinated after it
    // ("the planes offloaded 100 soldiers ... and disembarked 35 tonnes").
    let mut last_sender: Option<crate::graph::NodeId> = None;
    // A sending starts at a cue of one of these sets: any other token is
    // passed over with one test.
    let starts = CueSet::mask_of(&[
        &p.sent_verbs,
        &sh.send_cues,
        &sh.nominal_send,
        &sh.pledge_verbs,
    ]);
    for i in ctx.starts() {
        if ctx.tokens[i].cues & starts == 0 {
            continue;
        }
        let verb = if p.sent_verbs.may(&ctx.tokens[i]) {
            p.sent_verbs.match_at(w, i)
        } else {
            None
        };
        // "handed over", "donated", "Iran's supply of": send cues beyond the patterns'.
        // "ordered the deployment of two frigates": a sending noun after a
        // verb of ordering or starting.
        // "Berlin pledged 18 tanks to Vilnius": a promise of a counted shipment.
        let pledge = if verb.is_none() {
            pledge_at(ctx, i)
        } else {
            None
        };
        let Some(n) = verb
            .or(pledge)
            .or_else(|| {
                sh.send_cues
                    .may(&ctx.tokens[i])
                    .then(|| sh.send_cues.match_at(w, i))
                    .flatten()
            })
            .or_else(|| nominal_send_at(ctx, i))
        else {
            continue;
        };
        let from = ctx.clause_start(i);
        if speculative_at(ctx.tokens, w, from, i) && !reported_future_only(ctx, from, i) {
            continue;
        }
        let before_start = from.max(i.saturating_sub(4));
        let before = &w[before_start..i];
        // "is dispatching bombers" is the active progressive: its subject sends.
        let progressive = w[i].ends_with("ing");
        let be_before = !progressive
            && w[from.max(i.saturating_sub(2))..i]
                .iter()
                .any(|x| BE.contains(x));
        // "pledged to send", "had agreed to deploy", "Kim's pledge to send" (not
        // "under the deal, Russia will station": the deal is not the subject's pledge).
        let agreed_cue = pledge.is_some()
            || i >= 2
                && w[i - 1] == "to"
                && (p.agreed_verbs.has(w[i - 2]) || p.agreed_nouns.has(w[i - 2]));
        // "Kenya to send more police to Haiti": a headline's future, an
        // actor opening the clause right before "to".
        let headline_future = i >= 2
            && w[i - 1] == "to"
            && ctx.mentions.iter().any(|m| {
                m.tok.end == i - 1
                    && m.is_actor()
                    && m.form != MentionForm::Demonym
                    && (from..m.tok.start).all(|k| w[k] == "the")
            });
        let planned = agreed_cue
            || headline_future
            || (0..before.len()).any(|k| {
                p.planned_cues.may(&ctx.tokens[before_start + k])
                    && p.planned_cues.match_at(before, k).is_some()
            });
        let end = ctx.clause_end(i);
        // "told the minister to send the battery": the one told sends.
        let directed = directed_actor(ctx, i);
        // "ordered the strike group deployed to P": the orderer sends it.
        let ordered = ordered_object(ctx, i);
        // Actors coordinated before the subject ("Guatemala and El Salvador
        // sent"): each sent the same contingent.
        let mut co_agents: Vec<crate::graph::NodeId> = Vec::new();
        let (quantities, mut agent) = if let Some((q, v)) = ordered {
            (vec![q], ctx.subject_before(v).map(|m| m.id.clone()))
        } else if be_before {
            // "N troops were dispatched to Russia (by X)".
            let qs: Vec<usize> = ctx
                .quantities_in(from, i)
                .into_iter()
                .rev()
                .take(1)
                .collect();
            // "... had been delivered to Russia by Iran": "by" may follow the destination.
            let by = (i + n..(i + n + 6).min(end)).find(|&k| w[k] == "by");
            let agent = by.and_then(|k| ctx.first_object_after(k + 1, 1).map(|m| m.id.clone()));
            (qs, agent)
        } else {
            let mut qs = ctx.quantities_in(i + n, end);
            // A promise is of what it counts, not of "more weapons".
            if pledge.is_some() {
                qs.retain(|&q| ctx.quantities[q].count.is_some());
            }
            // "Germany sent 20 tanks ..., and the Netherlands has promised to
            // send four jets": a shipment after another sending verb is its.
            if let Some(v) = (i + n..end).find(|&k| {
                p.sent_verbs.may(&ctx.tokens[k]) && p.sent_verbs.match_at(w, k).is_some()
            }) {
                qs.retain(|&q| ctx.quantities[q].tok.start < v);
            }
            // "... would station the weapons in P and said 10 aircraft had been
            // adapted": a shipment after a coordinated saying is that claim's own.
            qs.retain(|&q| {
                let st = ctx.quantities[q].tok.start;
                !(i + n..st).any(|k| {
                    w[k] == "and" && w.get(k + 1).is_some_and(|x| p.attribution_verbs.has(x))
                })
            });
            // "posted pictures of the planes": a shipment under another noun's
            // "of" is not what was sent (but "a batch of", "delivery of" are).
            qs.retain(|&q| {
                let st = ctx.quantities[q].tok.start;
                let of = (st.saturating_sub(2)..st).rev().find(|&k| w[k] == "of");
                of.is_none_or(|k| {
                    // ("accused X of supplying 30 drones": the verb's own "of".)
                    k < i
                        || k == 0
                        || k == i + n
                        // "deployment to the region of squadrons".
                        || w.get(i + n) == Some(&"to") && k <= i + n + 5
                        || sh.of_heads.has(w[k - 1])
                        || p.sent_nouns.has(w[k - 1])
                        || sh.send_cues.has(w[k - 1])
                        || p.sent_verbs.has(w[k - 1])
                })
            });
            // "the decision of both countries to supply ... jets": an infinitive
            // under a noun has no subject here; a shipment named without a
            // number is taken only after a verb of plan or start ("will continue to send").
            if i >= 2
                && w[i - 1] == "to"
                && directed.is_none()
                && !headline_future
                && !sh.infinitive_heads.has(w[i - 2])
                && !p.planned_cues.has(w[i - 2])
                && !p.agreed_verbs.has(w[i - 2])
                && !p.agreed_nouns.has(w[i - 2])
            {
                qs.retain(|&q| ctx.quantities[q].count.is_some());
            }
            let subject = if let Some(d) = directed {
                Some(d)
            } else if cited_noun(ctx, i) {
                // "said, citing the first deliveries of warheads": the
                // speaker cites a sending, it is not the sender.
                None
            } else if ctx.gerund_after_preposition(i) {
                ctx.main_subject()
            } else {
                ctx.subject_before(i)
            };
            // "Two Russian military planes delivered troops": a counted subject
            // right before the verb is the sender's vehicle; its demonym sends.
            let carrier = ctx
                .quantities
                .iter()
                .find(|q| q.tok.end <= i && q.tok.end + 2 >= i && q.tok.start >= from);
            let (subject, carrier_origin) = match carrier {
                Some(c) if subject.is_none_or(|s| s.tok.end <= c.tok.start) => {
                    (None, c.origin.clone())
                }
                _ => (subject, None),
            };
            // "Sudan received shipments of ...": the subject receives, it does not send.
            let subject =
                subject.filter(|_| !(i.saturating_sub(2)..i).any(|k| sh.receive_verbs.has(w[k])));
            if let Some(s) = subject.filter(|_| directed.is_none()) {
                co_agents.extend(
                    ctx.subject_group(s)
                        .into_iter()
                        .filter(|m| m.id != s.id && m.tok.start >= from)
                        .map(|m| m.id.clone()),
                );
            }
            // "Russian military planes delivered troops": the demonym of the subject phrase.
            let subject = subject.map(|s| s.id.clone()).or_else(|| {
                ctx.mentions
                    .iter()
                    .filter(|m| {
                        m.form == MentionForm::Demonym
                            && m.tok.start >= from
                            && m.tok.end <= i
                            && m.id.kind() == Some(Kind::Country)
                    })
                    .max_by_key(|m| m.tok.start)
                    .map(|m| m.id.clone())
                    // "the planes offloaded 100 soldiers": the planes' own origin.
                    .or(carrier_origin)
            });
            (qs, subject)
        };
        let present = be_before && i > 0 && matches!(w[i - 1], "are" | "is")
            || be_before && w[from.max(i.saturating_sub(3))..i].contains(&"currently");
        let status = if planned {
            Status::Planned
        } else if present {
            Status::Present
        } else {
            Status::Sent
        };
        // "supplied Russia with 1.5 million rounds": the recipient is the destination.
        let recipient = ctx
            .mention_at(i + n)
            .filter(|m| {
                matches!(m.kind, Kind::Country | Kind::Place) && w.get(m.tok.end) == Some(&"with")
            })
            .map(|m| m.id.clone());
        if i > 0 && w[i - 1] == "and" && last_sender.is_some() {
            agent = last_sender.clone();
            co_agents.clear();
        }
        if let Some(&q) = quantities.first() {
            last_sender = agent.clone().or_else(|| ctx.quantities[q].origin.clone());
        }
        for q in quantities {
            if let Some(r) = &recipient {
                facts[q].to = Some(r.clone());
                out.push(Found {
                    relation: Relation::DeployedTo,
                    source: Arg::Quantity(q),
                    target: Arg::Entity(r.clone()),
                    place: None,
                    date: ctx.date_near(ctx.quantities[q].tok.start),
                });
            }
            let qty = &ctx.quantities[q];
            let agent = agent.clone().or_else(|| qty.origin.clone());
            let fact = &mut facts[q];
            fact.status = Some(fact.status.map_or(status, |s| s.max(status)));
            let origin = agent
                .as_ref()
                .filter(|a| a.kind() == Some(Kind::Country))
                .cloned()
                .or_else(|| qty.origin.clone());
            if fact.from.is_none() {
                fact.from = origin;
            }
            if fact.date.is_none() {
                fact.date = ctx.date_near(qty.tok.start);
            }
            for a in agent.into_iter().chain(co_agents.iter().cloned()) {
                out.push(Found {
                    relation: Relation::Sent,
                    source: Arg::Entity(a.clone()),
                    target: Arg::Quantity(q),
                    place: None,
                    date: ctx.date_near(qty.tok.start),
                });
                if agreed_cue {
                    out.push(Found {
                        relation: Relation::Agreed,
                        source: Arg::Entity(a),
                        target: Arg::Quantity(q),
                        place: None,
                        date: ctx.date_near(i),
                    });
                }
            }
        }
    }
}

/// A verb of promise at `i` whose object is a counted shipment ("pledged 18
/// tanks", "has promised Chile about 300 troops"), not an infinitive
/// ("pledged to send" is the planned cue's): its length.
fn pledge_at(ctx: &Ctx, i: usize) -> Option<usize> {
    let w = &ctx.words;
    let n = ctx.match_at(&SHIPMENTS.pledge_verbs, i)?;
    let mut k = i + n;
    // "promised Chile 300 troops": the recipient before the count.
    if let Some(m) = ctx.mention_at(k).filter(|m| m.is_actor()) {
        k = m.tok.end;
    }
    ctx.quantities
        .iter()
        .find(|q| q.tok.start >= k && q.tok.start <= k + 3)
        .filter(|q| {
            q.count.is_some()
                && (k..q.tok.start)
                    .all(|j| PATTERNS.approximate.has(w[j]) || matches!(w[j], "another" | "a"))
        })
        .map(|_| n)
}

/// A sending noun at `i` after a verb of ordering or starting, over
/// determiners ("announced the deployment of"): its length.
fn nominal_send_at(ctx: &Ctx, i: usize) -> Option<usize> {
    let sh = &*SHIPMENTS;
    let w = &ctx.words;
    let n = ctx.match_at(&sh.nominal_send, i)?;
    let mut b = i;
    while b > 0 && DETERMINERS.contains(&w[b - 1]) {
        b -= 1;
    }
    (b > 0 && ctx.has_at(&sh.nominal_send_heads, b - 1)).then_some(n)
}

/// True when the cue at `i` is a noun a speaker cites or reports ("citing
/// the first deliveries", "confirmed the shipments"): a determiner before
/// it, and before that a speech verb or an attribution word.
fn cited_noun(ctx: &Ctx, i: usize) -> bool {
    let w = &ctx.words;
    let mut b = i;
    while b > 0
        && (DETERMINERS.contains(&w[b - 1]) || matches!(w[b - 1], "first" | "latest" | "recent"))
    {
        b -= 1;
    }
    // ("announced the deployment of": the announcer orders it.)
    // "confirmed shipments of 300 drones": a noun before "of" needs no determiner.
    (b < i || w.get(i + 1) == Some(&"of"))
        && b > 0
        && !SHIPMENTS.nominal_send_heads.has(w[b - 1])
        && (PATTERNS.attribution_verbs.has(w[b - 1])
            || PATTERNS.attribution_prepositions.has(w[b - 1]))
}

/// Words between a verb and the noun phrase it governs.
const DETERMINERS: [&str; 9] = [
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "new",
    "additional",
];

/// "told Defence Minister Ana Ruiz to send", "accused Tehran of supplying":
/// the actor right before "to send" whom a directive verb (up to three
/// title words before the name) told to send, or before "of" and a sending
/// gerund whom an accusation verb names.
fn directed_actor<'a>(ctx: &Ctx<'a>, i: usize) -> Option<&'a crate::mentions::Mention> {
    let w = &ctx.words;
    if i < 2 {
        return None;
    }
    let verbs = match w[i - 1] {
        "to" => &SHIPMENTS.directive_verbs,
        // "accused Tehran of supplying drones": the accused sends.
        "of" => &SHIPMENTS.accusation_verbs,
        _ => return None,
    };
    let m = ctx.mentions.iter().find(|m| {
        m.tok.end == i - 1
            && matches!(m.kind, Kind::Person | Kind::Organization | Kind::Country)
            && m.form != MentionForm::Demonym
    })?;
    let lo = m.tok.start.saturating_sub(4);
    (lo..m.tok.start)
        .rev()
        .find(|&k| verbs.has(w[k]))
        .filter(|&k| {
            (k + 1..m.tok.start)
                .all(|j| ctx.tokens[j].is_capitalized() || DETERMINERS.contains(&w[j]))
        })
        .map(|_| m)
}

/// "ordered the frigates deployed to P": the shipment right before the
/// participle at `i`, named as the object of a directive verb; with the
/// directive's position.
fn ordered_object(ctx: &Ctx, i: usize) -> Option<(usize, usize)> {
    let w = &ctx.words;
    let q = ctx.quantities.iter().position(|q| q.tok.end == i)?;
    let mut b = ctx.quantities[q].tok.start;
    while b > 0 && DETERMINERS.contains(&w[b - 1]) {
        b -= 1;
    }
    (b > 0 && SHIPMENTS.directive_verbs.has(w[b - 1])).then(|| (q, b - 1))
}

/// True when the only modal before the cue at `i` is the future of reported
/// speech ("said four launchers would be sent") and nothing negates it.
fn reported_future_only(ctx: &Ctx, from: usize, i: usize) -> bool {
    let w = &ctx.words;
    let lo = from.max(i.saturating_sub(3));
    !negated_at(ctx.tokens, w, from, i)
        && (lo..i)
            .filter(|&k| PATTERNS.speculative.has(w[k]))
            .all(|k| reported_future(w, k))
}

/// Origins after a shipment: "from Iran", "originated in Iran", "promised by
/// Denmark"; and receiving, sending seen from the other side ("Ukraine will
/// receive 42 jets from the Netherlands": the subject is the destination).
/// The actor after the origin cue sent the shipment, whatever verb came before.
pub fn find_origins(ctx: &Ctx, out: &mut Vec<Found>, facts: &mut [QuantityFacts]) {
    let sh = &*SHIPMENTS;
    let w = &ctx.words;
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let already = out
            .iter()
            .any(|f| f.relation == Relation::Sent && f.target == Arg::Quantity(q));
        if already {
            continue;
        }
        let end = ctx
            .clause_end(qty.tok.end.saturating_sub(1))
            .min(qty.tok.end + 8);
        let Some((k, n)) =
            (qty.tok.end..end).find_map(|k| ctx.match_at(&sh.origin, k).map(|n| (k, n)))
        else {
            continue;
        };
        // "42 jets will add to the 19 F-16s promised by Norway": the origin is
        // the nearer shipment's.
        if ctx
            .quantities
            .iter()
            .any(|o| o.tok.start >= qty.tok.end && o.tok.end <= k)
        {
            continue;
        }
        // "France withdrew its 1,500 troops from Niger": where they leave.
        let clause = ctx.clause_start(qty.tok.start);
        if w[k] == "from"
            && (clause.max(qty.tok.start.saturating_sub(5))..qty.tok.start)
                .any(|j| ctx.match_at(&sh.withdrawal_verbs, j).is_some())
        {
            continue;
        }
        let Some(actor) = ctx.first_object_after(k + n, 2) else {
            continue;
        };
        // "flights from UAE to Chad" with no name after "from": not the
        // destination; "from countries outside the EU": the name after
        // another locative is no sender.
        if (k + n..actor.tok.start).any(|j| NAMES.locatives.has(w[j])) {
            continue;
        }
        if actor.tok.start >= end.max(k + n + 1) + 4 {
            continue;
        }
        let id = actor.id.clone();
        // "the 19 jets promised by Norway": the promise is an agreement too.
        if sh.agreed_origin.match_at(w, k) == Some(n) {
            out.push(Found {
                relation: Relation::Agreed,
                source: Arg::Entity(id.clone()),
                target: Arg::Quantity(q),
                place: None,
                date: ctx.date_near(qty.tok.start),
            });
        }
        let fact = &mut facts[q];
        if fact.from.is_none() && id.kind() == Some(Kind::Country) {
            fact.from = Some(id.clone());
        }
        if fact.status.is_none() {
            fact.status = Some(Status::Sent);
        }
        if fact.date.is_none() {
            fact.date = ctx.date_near(qty.tok.start);
        }
        // "Ukraine received / bought N items from X": the buyer is the destination.
        let from = ctx.clause_start(qty.tok.start);
        if let Some(r) = receiver(ctx, from, qty.tok.start)
            && facts[q].to.is_none()
        {
            facts[q].to = Some(r.id.clone());
            out.push(Found {
                relation: Relation::DeployedTo,
                source: Arg::Quantity(q),
                target: Arg::Entity(r.id.clone()),
                place: None,
                date: ctx.date_near(qty.tok.start),
            });
        }
        out.push(Found {
            relation: Relation::Sent,
            source: Arg::Entity(id),
            target: Arg::Quantity(q),
            place: None,
            date: ctx.date_near(qty.tok.start),
        });
    }
}

/// The country or place receiving what stands at `at`: the subject of the
/// last receiving verb ("received", "bought") between `from` and `at`.
fn receiver<'a>(ctx: &Ctx<'a>, from: usize, at: usize) -> Option<&'a crate::mentions::Mention> {
    (from..at)
        .rev()
        .find(|&v| ctx.has_at(&SHIPMENTS.receive_verbs, v))
        .and_then(|v| ctx.subject_before(v))
        .filter(|m| matches!(m.kind, Kind::Country | Kind::Place))
}

/// How many words ("about", "up to", "another") may stand between a
/// receiving verb and the count it receives.
const RECEIPT_REACH: usize = 3;

/// Receipts of people with no origin cue: "Burkina Faso received 100
/// Russian military instructors". The receiving subject is the destination
/// and the count's demonym its sender. Runs after [`find_origins`], on
/// counts no verb or origin gave a sender.
pub fn find_receipts(ctx: &Ctx, out: &mut Vec<Found>, facts: &mut [QuantityFacts]) {
    let sh = &*SHIPMENTS;
    if !ctx.holds(&[&sh.receive_verbs]) {
        return;
    }
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let handled = facts[q].status.is_some()
            || out.iter().any(|f| {
                f.relation == Relation::Sent && f.target == Arg::Quantity(q)
                    || f.relation == Relation::DeployedTo && f.source == Arg::Quantity(q)
            });
        // Only people: the demonym of "12 Turkish drones" names who made
        // them, not who sent them, and a purchase is no deployment.
        if handled || qty.count.is_none() || qty.blocked || qty.category != Category::Personnel {
            continue;
        }
        let Some(origin) = &qty.origin else {
            continue;
        };
        let from = ctx
            .clause_start(qty.tok.start)
            .max(qty.tok.start.saturating_sub(RECEIPT_REACH + 1));
        let Some(r) = receiver(ctx, from, qty.tok.start).filter(|r| r.id != *origin) else {
            continue;
        };
        let date = ctx.date_near(qty.tok.start);
        let fact = &mut facts[q];
        fact.status = Some(Status::Sent);
        fact.to = Some(r.id.clone());
        fact.from = Some(origin.clone());
        fact.date = date.clone();
        out.push(Found {
            relation: Relation::DeployedTo,
            source: Arg::Quantity(q),
            target: Arg::Entity(r.id.clone()),
            place: None,
            date: date.clone(),
        });
        out.push(Found {
            relation: Relation::Sent,
            source: Arg::Entity(origin.clone()),
            target: Arg::Quantity(q),
            place: None,
            date,
        });
    }
}

/// The sender and destination of the latest shipment or package a document
/// named, for the items listed after it.
#[derive(Debug, Clone, Default)]
pub struct ShipmentFrame {
    pub sender: Option<crate::graph::NodeId>,
    pub to: Option<crate::graph::NodeId>,
}

/// Lends the document's shipment frame to this sentence's shipments, then
/// updates the frame from it. A shipment with no sender gets the frame's
/// when it is listed ("It will include:" then "- 1,000 Javelins", "The
/// shipment included 1,500 rifles"); one with the frame's sender and no
/// destination gets the frame's destination ("delivered four launchers"
/// after "... delivery to Syria"). Items of other lists take nothing.
pub fn apply_frame(
    ctx: &Ctx,
    frame: &mut ShipmentFrame,
    out: &mut Vec<Found>,
    facts: &mut [QuantityFacts],
) {
    let sh = &*SHIPMENTS;
    let w = &ctx.words;
    let list_item = w
        .first()
        .is_some_and(|x| matches!(*x, "-" | "•" | "*" | "–"));
    let sender_of = |out: &[Found], q: usize| {
        out.iter().find_map(|f| match (&f.source, &f.target) {
            (Arg::Entity(a), Arg::Quantity(t)) if f.relation == Relation::Sent && *t == q => {
                Some(a.clone())
            }
            _ => None,
        })
    };
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let sender = sender_of(out, q);
        let from = ctx.clause_start(qty.tok.start);
        let listed = list_item
            || (from..qty.tok.start).any(|k| ctx.has_at(&sh.list_cues, k))
            || (0..qty.tok.start).any(|k| w[k] == ":");
        let date = ctx.date_near(qty.tok.start);
        match (&sender, &frame.sender) {
            (None, Some(s)) if listed => {
                if facts[q].from.is_none() && s.kind() == Some(Kind::Country) {
                    facts[q].from = Some(s.clone());
                }
                facts[q].status.get_or_insert(Status::Sent);
                out.push(Found {
                    relation: Relation::Sent,
                    source: Arg::Entity(s.clone()),
                    target: Arg::Quantity(q),
                    place: None,
                    date: date.clone(),
                });
            }
            (Some(a), Some(s)) if a == s => {}
            (None, _) => continue,
            _ => continue,
        }
        let placed = out
            .iter()
            .any(|f| f.relation == Relation::DeployedTo && f.source == Arg::Quantity(q));
        if !placed
            && facts[q].to.is_none()
            && let Some(to) = &frame.to
            && facts[q].from.as_ref() != Some(to)
        {
            facts[q].to = Some(to.clone());
            out.push(Found {
                relation: Relation::DeployedTo,
                source: Arg::Quantity(q),
                target: Arg::Entity(to.clone()),
                place: None,
                date,
            });
        }
    }
    // What this sentence says of a shipment becomes the frame.
    let sender = out.iter().find_map(|f| match (&f.source, &f.target) {
        (Arg::Entity(a), Arg::Quantity(_)) if f.relation == Relation::Sent => Some(a.clone()),
        _ => None,
    });
    let to = out.iter().find_map(|f| match (&f.source, &f.target) {
        (Arg::Quantity(_), Arg::Entity(t)) if f.relation == Relation::DeployedTo => Some(t.clone()),
        _ => None,
    });
    // "The Pentagon said the latest aid ... for Ukraine": a package noun with
    // its destination, announced by the sentence's subject.
    // Every package noun is asked ("the aid was part of the drawdown of
    // equipment ... for Ukraine": the second names the destination).
    // (A sentence holding no package noun or origin cue skips their scans.)
    let packages = if ctx.holds(&[&sh.package_nouns]) {
        0..w.len()
    } else {
        0..0
    };
    let package = packages.clone().find(|&k| ctx.has_at(&sh.package_nouns, k));
    let package_to = packages
        .filter(|&k| ctx.has_at(&sh.package_nouns, k))
        .find_map(|k| {
            (k + 1..(k + 12).min(w.len()))
                .find(|&j| matches!(w[j], "for" | "to"))
                .and_then(|j| ctx.mention_at(j + 1))
                .filter(|m| matches!(m.kind, Kind::Country | Kind::Place))
                .map(|m| m.id.clone())
        });
    // (The main subject is looked for only when there is a package noun.)
    let announcer = package
        .and_then(|_| ctx.main_subject())
        .filter(|m| m.tok.end < package.unwrap_or(0))
        .map(|m| m.id.clone());
    let mut origins = if ctx.holds(&[&sh.origin]) {
        0..w.len()
    } else {
        0..0
    };
    let origin = origins
        .find_map(|k| ctx.match_at(&sh.origin, k).map(|n| k + n))
        .and_then(|k| ctx.first_object_after(k, 1))
        .map(|m| m.id.clone());
    let new_sender = sender.or(origin).or(announcer);
    let new_to = to.or(package_to);
    if new_sender.is_some() || new_to.is_some() {
        if new_sender.is_some() && new_sender != frame.sender {
            // Another sender: its destination is not the last one's.
            frame.to = None;
        }
        frame.sender = new_sender.or(frame.sender.take());
        frame.to = new_to.or(frame.to.take());
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim, claims};

    #[test]
    fn it_after_a_speakers_verb_is_the_speaker() {
        assert_claim(
            "Peru said it sent 200 troops to Chile.",
            "sent",
            "Peru",
            "200 troops",
        );
        assert_claim(
            "The Peruvian army announced that it had delivered 12 howitzers to Chile.",
            "sent",
            "Peruvian Military",
            "12 howitzers",
        );
        // A denial sends nothing.
        assert_no_claim("Peru denied it sent 200 troops to Chile.", "sent");
        // "they" may be anyone.
        assert_no_claim("Peru said they sent 200 troops to Chile.", "sent");
    }

    #[test]
    fn a_promise_of_a_counted_shipment_is_a_planned_sending_agreed_to() {
        let text = "Madrid also pledged 16 Leopard 2 tanks to Peru on Friday.";
        assert_claim(text, "sent", "Spain", "16 leopard 2 tanks");
        assert_claim(text, "agreed", "Spain", "16 leopard 2 tanks");
        assert_claim(text, "deployed_to", "16 leopard 2 tanks", "Peru");
        assert_claim(
            "Chile has promised about 300 troops to the mission in Peru.",
            "sent",
            "Chile",
            "300 troops",
        );
        // A promise of something else, or of nothing counted, sends nothing.
        assert_no_claim("Chile promised more weapons to Peru.", "sent");
        assert_no_claim("Chile pledged 300 million dollars to Peru.", "sent");
    }

    #[test]
    fn shipments_a_speaker_confirms_are_reported_not_sent_by_the_speaker() {
        let text = "The minister confirmed shipments of 300 drones to Peru.";
        assert_claim(text, "deployed_to", "300 drones", "Peru");
        assert_no_claim(text, "sent");
        // A count of shipments is still no deployment; a verb after a noun
        // that is also a speech verb ("United States sends") still sends.
        assert_no_claim("Chile made 49 shipments to Peru.", "deployed_to");
        assert_claim(
            "United States sends 800 rifles to Peru, officials say",
            "sent",
            "United States",
            "800 rifles",
        );
    }

    #[test]
    fn a_team_of_personnel_is_what_is_sent() {
        let text = "Chile will send a team of police advisers to Peru.";
        assert_claim(text, "sent", "Chile", "police advisers");
        assert_claim(text, "deployed_to", "police advisers", "Peru");
    }

    #[test]
    fn the_place_a_contingent_is_withdrawn_from_is_no_sender() {
        assert_no_claim(
            "Spain withdrew its 1,500 troops from Chile last year.",
            "sent",
        );
        assert_no_claim(
            "The United States will pull out about 1,000 soldiers from Peru.",
            "sent",
        );
        // "from" after a sending verb still names the sender.
        assert_claim(
            "Peru received 1,000 soldiers from Chile last year.",
            "sent",
            "Chile",
            "1,000 soldiers",
        );
    }

    #[test]
    fn sent_from_active_verb_with_destination() {
        let text =
            "North Korea has sent about 5,000 construction troops to Russia since September.";
        assert_claim(text, "sent", "North Korea", "5,000 construction troops");
        assert_claim(text, "deployed_to", "5,000 construction troops", "Russia");
    }

    #[test]
    fn sent_from_passive_with_demonym_origin() {
        let text = "Around 5,000 North Korean construction troops have been dispatched to Russia.";
        assert_claim(text, "sent", "North Korea", "5,000 construction troops");
    }

    #[test]
    fn pledge_to_send_is_agreed_and_sent() {
        let text = "North Korean leader Kim Jong-un has pledged to send 6,000 military engineers to Russia's Kursk region.";
        assert_claim(text, "agreed", "Kim Jong Un", "6,000 military engineers");
        assert_claim(text, "sent", "Kim Jong Un", "6,000 military engineers");
        assert_claim(text, "deployed_to", "6,000 military engineers", "Kursk");
    }

    #[test]
    fn supplied_x_with_makes_x_the_destination() {
        let text = "Cho said North Korea had supplied Russia with some 1.5 million rounds of artillery ammunition.";
        assert_claim(text, "sent", "North Korea", "1.5 million rounds");
        assert_claim(text, "deployed_to", "1.5 million rounds", "Russia");
    }

    #[test]
    fn coordinated_contingents_share_the_verb() {
        let text = "In late 2024, North Korea sent between 10,000 to 12,000 troops, followed by an additional 3,000 to 4,000 earlier in 2025.";
        assert_claim(text, "sent", "North Korea", "10,000–12,000 troops");
        assert_claim(text, "sent", "North Korea", "3,000–4,000 troops");
    }

    #[test]
    fn a_speaker_citing_a_sending_is_not_its_sender() {
        let text = "Belarus has received Russian weapons, President Ivan Petrov said, \
                    citing the first deliveries of 12 warheads to storage sites.";
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("sent Ivan Petrov")),
            "{got:#?}"
        );
        // A verb of doing before the noun keeps its subject the sender.
        assert_claim(
            "Russia resumed the deliveries of 20 howitzers to Syria.",
            "sent",
            "Russia",
            "20 howitzers",
        );
    }

    #[test]
    fn units_of_two_categories_joined_by_and_are_two_things() {
        let got = claims("Chile moved about 1,500 troops and Iskander missile systems to Peru.");
        assert!(
            got.contains(&"sent Chile -> 1,500 troops".to_string()),
            "{got:#?}"
        );
        // One category: one contingent.
        assert_claim(
            "Chile sent 1,500 engineers and construction troops to Peru.",
            "sent",
            "Chile",
            "1,500 engineers and construction troops",
        );
    }

    #[test]
    fn coordinated_subjects_each_sent_the_contingent() {
        let text = "Latvia and Lithuania have sent 400 soldiers to Poland.";
        assert_claim(text, "sent", "Latvia", "400 soldiers");
        assert_claim(text, "sent", "Lithuania", "400 soldiers");
        let text = "Chile, Peru and Bolivia pledged to send 90 engineers to Ecuador.";
        for c in ["Chile", "Peru", "Bolivia"] {
            assert_claim(text, "sent", c, "90 engineers");
            assert_claim(text, "agreed", c, "90 engineers");
        }
        // Names before the clause are not the subject's group.
        let got = claims("After talks with Latvia, Lithuania sent 400 soldiers to Poland.");
        assert!(
            got.contains(&"sent Lithuania -> 400 soldiers".to_string()),
            "{got:?}"
        );
        assert!(!got.iter().any(|c| c.starts_with("sent Latvia")), "{got:?}");
    }

    #[test]
    fn an_announced_package_or_an_approved_sale_is_the_subjects_sending() {
        let text = "Germany announced a new package of 20 howitzers for Ukraine.";
        assert_claim(text, "sent", "Germany", "20 howitzers");
        assert_claim(text, "deployed_to", "20 howitzers", "Ukraine");
        let text = "The United States approved the sale of 40 F-16 jets to Turkey.";
        assert_claim(text, "sent", "United States", "40 f-16 jets");
        assert_claim(text, "deployed_to", "40 f-16 jets", "Turkey");
        // "for" a country's war is no destination; a package no one announced has no sender.
        let got = claims("Germany announced a package of 20 howitzers for Ukraine's army.");
        assert!(
            !got.iter().any(|c| c.starts_with("deployed_to")),
            "{got:#?}"
        );
        assert_no_claim(
            "The package of 20 howitzers for Ukraine was delayed.",
            "sent",
        );
    }

    #[test]
    fn a_headline_actor_before_to_send_plans_the_sending() {
        let text = "Kenya to send more police officers to Haiti";
        assert_claim(text, "sent", "Kenya", "police officers");
        assert_claim(text, "deployed_to", "police officers", "Haiti");
        assert_claim(
            "Germany to deploy 4,800 troops to Lithuania",
            "sent",
            "Germany",
            "4,800 troops",
        );
        // An infinitive under a noun names no sender ("the decision of both
        // countries to supply jets"), nor one after a name deeper in the clause.
        assert_no_claim(
            "Analysts expect the plan of Poland to send more tanks to fail.",
            "sent",
        );
    }

    #[test]
    fn no_sent_for_speculation_or_casualties() {
        assert_no_claim(
            "Analysts say the North could send 20,000 more troops.",
            "sent",
        );
        assert_no_claim(
            "At least 600 North Korean soldiers have died in the war.",
            "sent",
        );
        assert!(claims("Workers earn about $800 per month.").is_empty());
    }

    #[test]
    fn sent_without_a_number() {
        let text = "Egypt has supplied Libya with armoured vehicles.";
        assert_claim(text, "sent", "Egypt", "armoured vehicles");
        assert_claim(text, "deployed_to", "armoured vehicles", "Libya");
        assert_claim(
            "The rifles were sent by Iran to Somalia.",
            "sent",
            "Iran",
            "rifles",
        );
    }

    #[test]
    fn origin_and_receiving_give_the_sender() {
        let text = "The navy seized 900 rifles from Iran bound for Somalia.";
        assert_claim(text, "sent", "Iran", "900 rifles");
        assert_claim(text, "deployed_to", "900 rifles", "Somalia");
        let text = "Chile will receive 12 fighter jets from Spain.";
        assert_claim(text, "sent", "Spain", "12 fighter jets");
        assert_claim(text, "deployed_to", "12 fighter jets", "Chile");
        assert_no_claim("Chile received shipments of the K-9 howitzer.", "sent");
    }

    #[test]
    fn a_contingent_sent_to_take_part_is_sent() {
        assert_claim(
            "Chad has sent about 400 troops to take part in the exercise.",
            "sent",
            "Chad",
            "400 troops",
        );
        // Taking part is no sending.
        assert_no_claim(
            "About 400 Chadian troops took part in the exercise.",
            "sent",
        );
    }

    #[test]
    fn a_receipt_names_the_destination_and_the_demonym_the_sender() {
        let text = "Chad also received about 80 Turkish military advisers in March.";
        assert_claim(text, "deployed_to", "80 military advisers", "Chad");
        assert_claim(text, "sent", "Turkey", "80 military advisers");
        // Materiel's demonym names its maker; with no demonym the sender is unknown.
        assert_no_claim("Chad has received 12 Turkish drones.", "sent");
        assert_no_claim("Chad has received 30 instructors.", "sent");
        // The count far from the verb, or of the dead, is no receipt.
        assert_no_claim(
            "Chad received the delegation, which had lost 12 soldiers in an ambush.",
            "deployed_to",
        );
    }

    #[test]
    fn demonym_of_the_vehicle_is_the_sender() {
        assert_claim(
            "Two French military planes delivered 60 soldiers to Chad.",
            "sent",
            "France",
            "60 soldiers",
        );
    }

    #[test]
    fn no_sent_for_fired_or_pictured_materiel() {
        assert_no_claim("Militants fired hundreds of rockets at Haifa.", "sent");
        assert_no_claim("Local media posted pictures of the tanks.", "sent");
        assert_no_claim(
            "The decision of both countries to supply Chile with fighter jets was welcomed.",
            "sent",
        );
    }

    #[test]
    fn listed_items_take_the_package_sender_and_destination() {
        let text = "Canada said the new aid for Latvia is ready. The aid will include 40 armoured vehicles and 300 rifles.";
        assert_claim(text, "sent", "Canada", "40 armoured vehicles");
        assert_claim(text, "deployed_to", "300 rifles", "Latvia");
        let text = "Spain delivered the radars to Chile. Spain also delivered four launchers.";
        assert_claim(text, "deployed_to", "4 launchers", "Chile");
        assert_no_claim(
            "Canada said the new aid for Latvia is ready. Poland bought 40 tanks.",
            "deployed_to",
        );
    }

    #[test]
    fn unloading_sends_and_the_next_verb_keeps_the_sender() {
        let text = "The planes offloaded 60 Turkish soldiers at the airport and unloaded 20 tonnes of food.";
        assert_claim(text, "sent", "Turkey", "60 soldiers");
        assert_claim(text, "sent", "Turkey", "20 tonnes of food");
    }

    #[test]
    fn a_coordinated_verb_keeps_the_sender() {
        let text = "The officer said France sent 60 soldiers and delivered 20 tonnes of food.";
        assert_claim(text, "sent", "France", "20 tonnes of food");
    }

    #[test]
    fn progressive_send_is_active() {
        assert_claim(
            "Chile is dispatching F-5 jets, old but reliable planes.",
            "sent",
            "Chile",
            "f-5 jets",
        );
    }

    #[test]
    fn reported_would_is_the_future() {
        let text = "Officials said that six tanks would be shipped to Chile.";
        assert_claim(text, "deployed_to", "6 tanks", "Chile");
        assert_no_claim(
            "Officials said six tanks would be shipped to Chile if talks fail.",
            "deployed_to",
        );
        assert_no_claim("Six tanks would be shipped to Chile.", "deployed_to");
    }

    #[test]
    fn directives_name_the_sender() {
        let text = "President Ana Ruiz told Defence Minister Pablo Soto to send 40 tanks to Peru.";
        assert_claim(text, "sent", "Pablo Soto", "40 tanks");
        let text = "Defence Minister Ana Ruiz ordered 12 frigates deployed to Peru.";
        assert_claim(text, "sent", "Ana Ruiz", "12 frigates");
    }

    #[test]
    fn nominal_deployment_after_an_order() {
        let text = "Spain announced the deployment of 12 fighter jets to Qatar.";
        assert_claim(text, "sent", "Spain", "12 fighter jets");
        let text = "Spain announced deployment to the region of squadrons of F-5 aircraft.";
        assert_claim(text, "sent", "Spain", "squadrons of f-5");
        assert_no_claim(
            "Spain criticised the deployment of 12 fighter jets to Qatar.",
            "sent",
        );
    }

    #[test]
    fn items_listed_under_an_uncounted_object() {
        let text = "Spain is rushing more firepower, including F-5 jets, to Qatar.";
        assert_claim(text, "sent", "Spain", "f-5 jets");
        // Under a counted contingent a listed group is a part of it, not a shipment.
        let got = claims("Spain plans to send 400 workers to Qatar, including IT workers.");
        assert!(
            got.contains(&"sent Spain -> 400 workers".to_string()),
            "{got:#?}"
        );
        assert!(
            !got.iter().any(|c| c.ends_with("-> it workers")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_later_package_noun_names_the_destination() {
        let text = "Canada said the new aid was part of the third tranche of equipment from army stocks for Latvia. It will include:\n- 40 armoured vehicles\n- 300 rifles\n";
        assert_claim(text, "sent", "Canada", "40 armoured vehicles");
        assert_claim(text, "deployed_to", "40 armoured vehicles", "Latvia");
    }

    #[test]
    fn promised_by_is_agreed_and_only_for_the_nearer_shipment() {
        let text =
            "The 30 tanks will join the 12 jets promised by Norway to be delivered to Chile.";
        assert_claim(text, "agreed", "Norway", "12 jets");
        assert_claim(text, "sent", "Norway", "12 jets");
        let got = claims(text);
        assert!(
            !got.iter()
                .any(|c| c.ends_with("-> 30 tanks") && c.contains("Norway")),
            "{got:#?}"
        );
    }

    #[test]
    fn the_accused_of_sending_is_the_sender() {
        let text = "Chile has accused Ecuador of supplying drones to rebels in Bolivia.";
        assert_claim(text, "sent", "Ecuador", "drones");
        assert_claim(
            "Chile has accused Ecuador of supplying 30 drones to rebels in Bolivia.",
            "sent",
            "Ecuador",
            "30 drones",
        );
        let got = claims(text);
        assert!(!got.iter().any(|c| c.starts_with("sent Chile")), "{got:#?}");
    }

    #[test]
    fn a_shipment_after_another_sending_verb_is_that_verbs() {
        let text = "Chile sent 20 tanks to Peru in March, and Norway has promised to send four jets to Bolivia.";
        assert_claim(text, "sent", "Chile", "20 tanks");
        assert_claim(text, "sent", "Norway", "4 jets");
        let got = claims(text);
        assert!(!got.iter().any(|c| c == "sent Chile -> 4 jets"), "{got:#?}");
        // A verb coordinated without a subject still sends for the first one's.
        assert_claim(
            "Chile sent 20 tanks to Peru and delivered 300 soldiers to Bolivia.",
            "sent",
            "Chile",
            "300 soldiers",
        );
    }

    #[test]
    fn flights_from_an_origin_to_a_destination_carry_a_shipment() {
        let text = "A leaked report revealed dozens of cargo flights from Qatar to bases in Chad.";
        assert_claim(text, "sent", "Qatar", "cargo flights");
        assert_claim(text, "deployed_to", "cargo flights", "Chad");
        // No actor right after "from": the destination is no sender.
        assert_no_claim(
            "Report cites 'multiple flights' from there to Chad.",
            "sent",
        );
        assert!(claims("Flights to Moscow were cancelled after the storm.").is_empty());
        // The name after another locative is no origin.
        assert_no_claim(
            "The fund buys shells from suppliers outside the European Union.",
            "sent",
        );
        assert_claim(
            "The fund buys shells from the government of Peru.",
            "sent",
            "Peru",
            "shells",
        );
    }

    #[test]
    fn a_shipment_after_a_coordinated_saying_is_not_the_verbs() {
        let text = "Sanchez announced that Spain would station 12 jets in Chile and said 10 Chilean aircraft had been refitted.";
        assert_claim(text, "sent", "Spain", "12 jets");
        let got = claims(text);
        assert!(
            !got.iter()
                .any(|c| c.starts_with("sent Spain") && c.ends_with("-> 10 aircraft")),
            "{got:#?}"
        );
    }
}
