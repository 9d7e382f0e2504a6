//! Shipments across sentences: a shipment one sentence names, tied to the
//! counted phrase, the description or the facility of another sentence.
//!
//! In: each sentence's context, the drafts of its quantities and its claims
//! (after the relation rules and before attribution, so that a source
//! reports what is carried here too). Out: extra `sent` and `deployed_to`
//! claims, evidenced by the sentence that ties them; and, at the end of the
//! document, uncounted drafts merged into the counted draft that gives their
//! count (one movement is one node). The words are data (`data/carry.toml`,
//! with the frames of `data/shipments.toml`).
//!
//! Phrasings handled:
//! - a batch given its count by the next sentence: "Chile delivered another
//!   batch of drones to Peru. 12 drones were delivered in May." (the 12 are
//!   the batch: its sender and destination);
//! - a description of a whole shipment, or a materiel noun of WordNet's,
//!   pointing back to the last counted materiel: "The navy seized 900
//!   rifles. The weapons were sent by Iran", "This shipment came from Iran",
//!   "That batch was delivered" (by the one sender of its sentence);
//! - cargo found after a shipment was sent or placed: "... weapons sent by
//!   Iran to Somalia. 200 rifles were discovered on board";
//! - a contingent coming back: "Chile sent a battalion to Peru" and "393
//!   soldiers have returned" (the one uncounted contingent sent);
//! - a carrier's load: "The planes landed in Tobruk. They offloaded 100
//!   soldiers" (where it landed, the sentence before or the one before that);
//! - "there" after a sending verb: where the last shipment went ("Chile
//!   sent 300 troops to Peru. It sent 200 more soldiers there");
//! - a facility named before: "... the air base in Mombasa. 20 helicopters
//!   are at the base" (the base is Mombasa).
//!
//! Rejected: a counted phrase with a sender or destination of its own, or
//! without a passive sending verb ("Peru destroyed 12 tanks"); a description
//! when the counted materiel already has a sender, or none was counted in
//! the last few sentences; "at the base" before any base was named, or after
//! a verb of attack ("fired 20 rockets at the base").

use crate::graph::{Category, Kind, NodeId, Relation};
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::mentions::MentionForm;
use crate::mentions::shipments::SHIPMENTS;
use crate::relations::context::{BE, Ctx};
use crate::relations::negation::speculative_at;
use crate::relations::{Claim, DeploymentDraft, End};
use serde::Deserialize;
use std::sync::LazyLock;

const CARRY_TOML: &str = include_str!("../../data/carry.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CarryFile {
    facility_nouns: Vec<String>,
    determiners: Vec<String>,
    shipment_heads: Vec<String>,
    mass_heads: Vec<String>,
    found_verbs: Vec<String>,
    return_verbs: Vec<String>,
}

/// The cue sets of `data/carry.toml`.
struct Cues {
    facility: CueSet,
    determiners: CueSet,
    heads: CueSet,
    mass: CueSet,
    found: CueSet,
    returns: CueSet,
}

static CUES: LazyLock<Cues> =
    LazyLock::new(|| Cues::build(carry_file(), &mut |items| PATTERNS.cue_set(items)));

fn carry_file() -> CarryFile {
    toml::from_str(CARRY_TOML).expect("data/carry.toml parses (tested)")
}

impl Cues {
    /// The sets, each list made a set by `c` (the one place that names them).
    fn build(f: CarryFile, c: &mut dyn FnMut(&[String]) -> CueSet) -> Cues {
        Cues {
            facility: c(&f.facility_nouns),
            determiners: c(&f.determiners),
            heads: c(&f.shipment_heads),
            mass: c(&f.mass_heads),
            found: c(&f.found_verbs),
            returns: c(&f.return_verbs),
        }
    }
}

/// The cue lists of `data/carry.toml`, for the patterns' registry.
pub(crate) fn cue_lists() -> Vec<Vec<String>> {
    crate::lexicon::patterns::record_lists(|c| Cues::build(carry_file(), c))
}

/// How many sentences back a description may point to counted materiel.
const REACH: usize = 6;

/// One quantity a sentence named, as its draft.
#[derive(Debug, Clone)]
struct Seen {
    draft: usize,
    sentence: usize,
    counted: bool,
    vague: bool,
    category: Category,
    /// "24 drones were delivered", "200 packages were found on board":
    /// sent or found, by no one the sentence names.
    agentless: bool,
    /// "393 soldiers have returned home".
    returned: bool,
}

/// What a document's earlier sentences said of its shipments.
#[derive(Debug, Default)]
pub struct Carry {
    seen: Vec<Seen>,
    /// The place the document last named as a base, airport or port.
    facility: Option<NodeId>,
    /// Where something last landed or arrived, and the sentence that said so.
    arrival: Option<(NodeId, usize)>,
    /// Uncounted drafts that are a counted one (`(from, into)`).
    merges: Vec<(usize, usize)>,
}

impl Carry {
    /// Reads one sentence: adds the claims that another sentence's shipment
    /// or facility completes, and remembers the sentence's shipments.
    /// `drafts` maps the sentence's quantities to the document's drafts;
    /// `earlier` holds the claims of the sentences before.
    pub fn sentence(
        &mut self,
        ctx: &Ctx,
        sentence: usize,
        drafts: &[usize],
        claims: &mut Vec<Claim>,
        all: &mut [DeploymentDraft],
        earlier: &[Claim],
    ) {
        if let Some(f) = facility_named(ctx) {
            self.facility = Some(f);
        }
        if let Some((place, at)) = self.arrival.clone()
            && sentence - at <= 2
            && at < sentence
        {
            unloaded_at(ctx, sentence, drafts, claims, all, &place);
        }
        if let Some(place) = self.facility.clone() {
            at_facility(ctx, sentence, drafts, claims, all, &place);
        }
        if let Some(place) = arrival_place(ctx) {
            self.arrival = Some((place, sentence));
        }
        sent_there(ctx, sentence, drafts, claims, all, earlier);
        self.description(ctx, sentence, drafts, claims, all, earlier);
        for (q, qty) in ctx.quantities.iter().enumerate() {
            let counted = qty.count.is_some() && !qty.vague;
            self.seen.push(Seen {
                draft: drafts[q],
                sentence,
                counted,
                vague: qty.vague,
                category: qty.category,
                agentless: counted && passive_sent_after(ctx, qty.tok.end),
                returned: counted && returned_after(ctx, qty.tok.end),
            });
        }
    }

    /// "The weapons were sent by Iran", "This shipment came from Iran": a
    /// description of a whole shipment at the head of its clause gives its
    /// sender and destination to the counted materiel of the latest sentence
    /// that counted any, when that has no sender yet.
    fn description(
        &mut self,
        ctx: &Ctx,
        sentence: usize,
        drafts: &[usize],
        claims: &mut Vec<Claim>,
        all: &mut [DeploymentDraft],
        earlier: &[Claim],
    ) {
        let w = &ctx.words;
        let Some(latest) = self
            .seen
            .iter()
            .rev()
            .filter(|s| sentence - s.sentence <= REACH)
            .find(|s| s.counted && s.category == Category::Materiel)
            .map(|s| s.sentence)
        else {
            return;
        };
        let antecedents: Vec<usize> = self
            .seen
            .iter()
            .filter(|s| s.sentence == latest && s.counted && s.category == Category::Materiel)
            .map(|s| s.draft)
            .filter(|&d| !has(earlier, d, Relation::Sent) && !has(claims, d, Relation::Sent))
            .collect();
        if antecedents.is_empty() {
            return;
        }
        for k in 0..w.len() {
            if !CUES.determiners.has(w[k]) || k > ctx.clause_start(k) + 1 {
                continue;
            }
            // "the weapons", "this latest shipment": two modifiers at most.
            // "the drones" after "24 TB2s": a materiel noun of WordNet's too.
            let Some(h) = (k + 1..(k + 4).min(w.len()))
                .find(|&j| CUES.heads.has(w[j]) || PATTERNS.materiel_units.has(w[j]))
            else {
                continue;
            };
            if (k + 1..h).any(|j| ctx.tokens[j].is_capitalized() || ctx.mention_at(j).is_some())
                || w.get(h + 1) == Some(&"of")
            {
                continue;
            }
            // The description as a quantity of its own: what the rules gave it.
            let own = ctx
                .quantities
                .iter()
                .position(|q| q.tok.contains(&h) && q.count.is_none())
                .map(|q| drafts[q]);
            let mut sender = own.and_then(|u| {
                claims.iter().find_map(|c| match (&c.source, &c.target) {
                    (End::Entity(a), End::Deployment(t))
                        if c.relation == Relation::Sent && *t == u =>
                    {
                        Some(a.clone())
                    }
                    _ => None,
                })
            });
            let mut to = own.and_then(|u| {
                claims.iter().find_map(|c| match (&c.source, &c.target) {
                    (End::Deployment(s), End::Entity(t))
                        if c.relation == Relation::DeployedTo && *s == u =>
                    {
                        Some(t.clone())
                    }
                    _ => None,
                })
            });
            if sender.is_none() {
                // "This shipment ... from Iran": the origin in its clause.
                let end = ctx.clause_end(h).min(h + 12);
                sender = (h + 1..end)
                    .find_map(|j| SHIPMENTS.origin.match_at(w, j).map(|n| j + n))
                    .and_then(|j| ctx.first_object_after(j, 1))
                    .filter(|m| m.tok.end <= end)
                    .map(|m| m.id.clone());
            }
            // "That batch was delivered": sent by whoever the antecedent's
            // sentence names as the one sender of its materiel.
            let delivered = sender.is_none() && to.is_none() && passive_sent_after(ctx, h + 1);
            if delivered {
                let of_latest = |rel: Relation| {
                    let mut ends: Vec<NodeId> = earlier
                        .iter()
                        .filter(|c| c.sentence == latest && c.relation == rel)
                        .filter_map(|c| match (&c.source, &c.target) {
                            (End::Entity(a), End::Deployment(_)) => Some(a.clone()),
                            (End::Deployment(_), End::Entity(t)) => Some(t.clone()),
                            _ => None,
                        })
                        .collect();
                    ends.sort();
                    ends.dedup();
                    match ends.as_slice() {
                        [one] => Some(one.clone()),
                        _ => None,
                    }
                };
                sender = of_latest(Relation::Sent);
                to = of_latest(Relation::DeployedTo);
            }
            if sender.is_none() && to.is_none() {
                continue;
            }
            // "that batch", "this shipment": the last item counted; "the
            // weapons", "the cargo": all of them.
            let antecedents = if CUES.mass.has(w[h]) {
                &antecedents[..]
            } else {
                &antecedents[antecedents.len() - 1..]
            };
            for &d in antecedents {
                if delivered {
                    let dep = &mut all[d].deployment;
                    dep.status = dep.status.max(crate::graph::Status::Sent);
                }
                if let Some(s) = &sender {
                    claims.push(claim(
                        Relation::Sent,
                        End::Entity(s.clone()),
                        End::Deployment(d),
                        sentence,
                        &all[d],
                    ));
                    let dep = &mut all[d].deployment;
                    if dep.from.is_none() && s.kind() == Some(Kind::Country) {
                        dep.from = Some(s.clone());
                    }
                }
                if let Some(t) = &to
                    && all[d].deployment.to.is_none()
                    && !has(earlier, d, Relation::DeployedTo)
                {
                    deploy_to(claims, all, d, t, sentence);
                }
            }
            // One shipment: the description's own draft is the counted one.
            if let (Some(u), [d]) = (own, antecedents) {
                self.merges.push((u, *d));
            }
            return;
        }
    }

    /// Ends the document: an uncounted shipment with a sender or destination
    /// is the counted one the next sentence says was sent by no one it names
    /// ("... another batch of drones to Peru. 12 drones were delivered"), and
    /// every description merged above joins its counted draft. Claims are
    /// moved to the counted draft, the merged drafts dropped. Returns each
    /// old draft's new index.
    pub fn finish(self, drafts: &mut Vec<DeploymentDraft>, claims: &mut Vec<Claim>) -> Vec<usize> {
        let mut merges = self.merges;
        let sentences: Vec<usize> = {
            let mut s: Vec<usize> = self.seen.iter().map(|s| s.sentence).collect();
            s.dedup();
            s
        };
        for &s in sentences.iter().filter(|&&s| s > 0) {
            let counted: Vec<&Seen> = self
                .seen
                .iter()
                .filter(|x| x.sentence == s && x.counted)
                .collect();
            let [c] = counted.as_slice() else { continue };
            if !c.agentless
                || has(claims, c.draft, Relation::Sent)
                || has(claims, c.draft, Relation::DeployedTo)
            {
                continue;
            }
            for u in self.seen.iter().filter(|u| {
                u.sentence == s - 1
                    && !u.counted
                    && !u.vague
                    && u.category == c.category
                    && claims.iter().any(|k| {
                        k.sentence == s - 1
                            && matches!(k.relation, Relation::Sent | Relation::DeployedTo)
                            && (k.target == End::Deployment(u.draft)
                                || k.source == End::Deployment(u.draft))
                    })
            }) {
                merges.push((u.draft, c.draft));
            }
        }
        // "Moscow sent a battalion to Aleppo" and "393 soldiers returned":
        // the one contingent sent without a count is the one counted coming back.
        let sent: Vec<&Seen> = self
            .seen
            .iter()
            .filter(|u| {
                !u.counted
                    && !u.vague
                    && u.category == Category::Personnel
                    && has(claims, u.draft, Relation::Sent)
            })
            .collect();
        let mut returned: Vec<usize> = self
            .seen
            .iter()
            .filter(|c| c.returned && c.category == Category::Personnel)
            .map(|c| c.draft)
            .collect();
        returned.sort_unstable();
        returned.dedup();
        if let ([c], Some(u)) = (returned.as_slice(), sent.first())
            && sent.iter().all(|x| x.draft == u.draft)
            && !has(claims, *c, Relation::Sent)
        {
            merges.push((u.draft, *c));
        }
        merge_drafts(drafts, claims, &merges)
    }
}

/// True when `claims` give draft `d` a `relation` (as source or target).
/// True when draft `d` already has a destination, in its fields or a claim.
fn placed(claims: &[Claim], all: &[DeploymentDraft], d: usize) -> bool {
    all[d].deployment.to.is_some() || has(claims, d, Relation::DeployedTo)
}

/// True when the verb at `v` is hedged in its clause from `from`, or a
/// negation stands in `from..to`.
fn hedged(ctx: &Ctx, from: usize, v: usize, to: usize) -> bool {
    let w = &ctx.words;
    speculative_at(ctx.tokens, w, from, v) || (from..to).any(|k| PATTERNS.negation.has(w[k]))
}

fn has(claims: &[Claim], d: usize, relation: Relation) -> bool {
    let d = End::Deployment(d);
    claims
        .iter()
        .any(|c| c.relation == relation && (c.target == d || c.source == d))
}

/// A claim of this module, dated like its draft.
fn claim(
    relation: Relation,
    source: End,
    target: End,
    sentence: usize,
    d: &DeploymentDraft,
) -> Claim {
    Claim {
        relation,
        source,
        target,
        sentence,
        date: d.deployment.date.clone(),
        place: None,
        reported_by: Vec::new(),
    }
}

/// The place a sentence names as a facility: "the air base in Latakia",
/// "the Hmeimim air base" (the last one named).
fn facility_named(ctx: &Ctx) -> Option<NodeId> {
    let w = &ctx.words;
    ctx.mentions
        .iter()
        .filter(|m| matches!(m.kind, Kind::Place | Kind::Country) && m.form != MentionForm::Demonym)
        .filter(|m| {
            let before = m.tok.start >= 2
                && matches!(w[m.tok.start - 1], "in" | "at" | "near" | "outside")
                && CUES.facility.match_ending_at(w, m.tok.start - 2).is_some();
            before || CUES.facility.match_at(w, m.tok.end).is_some()
        })
        .max_by_key(|m| m.tok.start)
        .map(|m| m.id.clone())
}

/// "Chile sent 200 more troops there": a quantity a sending verb moves
/// "there", with no destination of its own, goes where the last shipment of
/// the last few sentences went.
fn sent_there(
    ctx: &Ctx,
    sentence: usize,
    drafts: &[usize],
    claims: &mut Vec<Claim>,
    all: &mut [DeploymentDraft],
    earlier: &[Claim],
) {
    let w = &ctx.words;
    let Some(place) = earlier
        .iter()
        .rev()
        .filter(|c| c.relation == Relation::DeployedTo && sentence - c.sentence <= REACH)
        .find_map(|c| match (&c.source, &c.target) {
            (End::Deployment(_), End::Entity(t)) => Some(t.clone()),
            _ => None,
        })
    else {
        return;
    };
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let d = drafts[q];
        if placed(claims, all, d) {
            continue;
        }
        let from = ctx.clause_start(qty.tok.start);
        let end = ctx
            .clause_end(qty.tok.end.saturating_sub(1))
            .min(qty.tok.end + 6);
        // "there" after the quantity, not "there were 20 helicopters".
        let Some(t) = (qty.tok.end..end).find(|&k| w[k] == "there") else {
            continue;
        };
        if w.get(t + 1).is_some_and(|x| BE.contains(x)) {
            continue;
        }
        let verb = (from..t).find(|&k| {
            PATTERNS.sent_verbs.match_at(w, k).is_some()
                || SHIPMENTS.send_cues.match_at(w, k).is_some()
        });
        let Some(v) = verb else { continue };
        if hedged(ctx, from, v, t) {
            continue;
        }
        deploy_to(claims, all, d, &place, sentence);
    }
}

/// The place a sentence says something landed or arrived at ("had landed
/// at the main airport outside Caracas"): the last one named.
fn arrival_place(ctx: &Ctx) -> Option<NodeId> {
    let w = &ctx.words;
    if !ctx.holds(&[&SHIPMENTS.arrival_verbs]) {
        return None;
    }
    (0..w.len()).rev().find_map(|k| {
        if !SHIPMENTS.arrival_verbs.may(&ctx.tokens[k]) {
            return None;
        }
        let n = SHIPMENTS.arrival_verbs.match_at(w, k)?;
        let end = ctx.clause_end(k).min(k + n + 8);
        ctx.location_after(k + n, end).map(|(m, _)| m.id.clone())
    })
}

/// Draft `d` is deployed to `place`, stated by `sentence`: the claim and the
/// draft's destination.
fn deploy_to(
    claims: &mut Vec<Claim>,
    all: &mut [DeploymentDraft],
    d: usize,
    place: &NodeId,
    sentence: usize,
) {
    claims.push(claim(
        Relation::DeployedTo,
        End::Deployment(d),
        End::Entity(place.clone()),
        sentence,
        &all[d],
    ));
    all[d].deployment.to = Some(place.clone());
}

/// "The planes landed at the airport outside Tobruk. They offloaded 100
/// soldiers": a quantity that is unloaded or arrives, with no destination
/// of its own, is where the sentence before said the carrier arrived.
fn unloaded_at(
    ctx: &Ctx,
    sentence: usize,
    drafts: &[usize],
    claims: &mut Vec<Claim>,
    all: &mut [DeploymentDraft],
    place: &NodeId,
) {
    let w = &ctx.words;
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let d = drafts[q];
        if placed(claims, all, d) {
            continue;
        }
        let from = ctx.clause_start(qty.tok.start);
        let end = ctx.clause_end(qty.tok.end.saturating_sub(1));
        // "offloaded 100 soldiers", "35 tonnes of equipment disembarked".
        let verb = (from.max(qty.tok.start.saturating_sub(3))..qty.tok.start)
            .chain(qty.tok.end..(qty.tok.end + 3).min(end))
            .find(|&k| SHIPMENTS.arrival_verbs.match_at(w, k).is_some());
        let Some(v) = verb else { continue };
        if hedged(ctx, from, v, v) {
            continue;
        }
        deploy_to(claims, all, d, place, sentence);
    }
}

/// "20 helicopters at the base": a quantity with no destination, followed
/// in its clause by a locative and a definite facility that names no place
/// of its own, is at the facility the document named last.
fn at_facility(
    ctx: &Ctx,
    sentence: usize,
    drafts: &[usize],
    claims: &mut Vec<Claim>,
    all: &mut [DeploymentDraft],
    place: &NodeId,
) {
    let w = &ctx.words;
    for (q, qty) in ctx.quantities.iter().enumerate() {
        let d = drafts[q];
        if placed(claims, all, d) {
            continue;
        }
        let from = ctx.clause_start(qty.tok.start);
        // "fired 20 rockets at the base": a target, not a destination.
        if (from..qty.tok.start).any(|k| SHIPMENTS.not_sent.match_at(w, k).is_some()) {
            continue;
        }
        let end = ctx
            .clause_end(qty.tok.end.saturating_sub(1))
            .min(qty.tok.end + 8);
        let at = (qty.tok.end..end).find(|&k| {
            matches!(w[k], "at" | "to" | "in" | "inside")
                && w.get(k + 1).is_some_and(|x| CUES.determiners.has(x))
                && (k + 2..(k + 5).min(end)).any(|j| {
                    CUES.facility.match_at(w, j).is_some_and(|n| {
                        (k + 2..j).all(|x| ctx.mention_at(x).is_none() && !ctx.tokens[x].is_capitalized())
                            // "the base in Mombasa" names its own place.
                            && !(j + n..(j + n + 3).min(w.len())).any(|x| {
                                ctx.mention_at(x).is_some_and(|m| matches!(m.kind, Kind::Place | Kind::Country))
                            })
                    })
                })
        });
        let Some(at) = at else { continue };
        if (qty.tok.end..at).any(|k| PATTERNS.speculative.has(w[k]) || PATTERNS.negation.has(w[k]))
        {
            continue;
        }
        deploy_to(claims, all, d, place, sentence);
    }
}

/// "24 drones were delivered", "have been shipped to": a passive sending
/// verb right after the quantity with no "by" naming the sender.
fn passive_sent_after(ctx: &Ctx, i: usize) -> bool {
    let w = &ctx.words;
    // "200 packages containing fuses, explosives and parts were found":
    // the first "be" of the clause, with no other quantity before it.
    let end = ctx.clause_end(i.saturating_sub(1)).min(i + 60);
    let Some(b) = (i..end).find(|&k| BE.contains(&w[k])) else {
        return false;
    };
    if ctx
        .quantities
        .iter()
        .any(|q| q.tok.start >= i && q.tok.start < b)
    {
        return false;
    }
    let Some(v) = (b + 1..(b + 3).min(w.len())).find(|&k| {
        PATTERNS.sent_verbs.match_at(w, k).is_some()
            || SHIPMENTS.send_cues.match_at(w, k).is_some()
            || CUES.found.has(w[k])
    }) else {
        return false;
    };
    !speculative_at(ctx.tokens, w, ctx.clause_start(i), b + 1)
        && !(v + 1..(v + 8).min(w.len())).any(|k| w[k] == "by")
}

/// "393 soldiers under the command of X have safely returned home": a
/// verb of coming back in the quantity's clause, not negated or hedged.
fn returned_after(ctx: &Ctx, i: usize) -> bool {
    let w = &ctx.words;
    let end = ctx.clause_end(i.saturating_sub(1)).min(i + 12);
    (i..end).any(|k| {
        CUES.returns.match_at(w, k).is_some()
            && !speculative_at(ctx.tokens, w, ctx.clause_start(i), k)
            && !(i..k).any(|j| PATTERNS.negation.has(w[j]))
    })
}

/// Moves every claim of a merged draft to the draft it joins, folds its
/// fields in, drops it and renumbers the rest; a claim made twice is kept once.
fn merge_drafts(
    drafts: &mut Vec<DeploymentDraft>,
    claims: &mut Vec<Claim>,
    merges: &[(usize, usize)],
) -> Vec<usize> {
    let mut into: Vec<Option<usize>> = vec![None; drafts.len()];
    for &(u, c) in merges {
        if u != c && into[u].is_none() && into[c].is_none() {
            into[u] = Some(c);
        }
    }
    if into.iter().all(Option::is_none) {
        return (0..drafts.len()).collect();
    }
    for (u, c) in into
        .iter()
        .enumerate()
        .filter_map(|(u, c)| c.map(|c| (u, c)))
    {
        let from = drafts[u].clone();
        let d = &mut drafts[c];
        d.mentions += from.mentions;
        for s in from.surfaces {
            if !d.surfaces.contains(&s) {
                d.surfaces.push(s);
            }
        }
        let (a, b) = (&mut d.deployment, from.deployment);
        a.status = a.status.max(b.status);
        a.from = a.from.take().or(b.from);
        a.to = a.to.take().or(b.to);
        a.date = a.date.take().or(b.date);
    }
    // New numbers: merged drafts take their target's, the rest close ranks.
    let mut number = vec![0; drafts.len()];
    let mut next = 0;
    for (i, n) in number.iter_mut().enumerate() {
        if into[i].is_none() {
            *n = next;
            next += 1;
        }
    }
    let renumber = |e: &mut End| {
        if let End::Deployment(d) = e {
            *d = number[into[*d].unwrap_or(*d)];
        }
    };
    for c in claims.iter_mut() {
        renumber(&mut c.source);
        renumber(&mut c.target);
    }
    let mut i = 0;
    drafts.retain(|_| {
        i += 1;
        into[i - 1].is_none()
    });
    let mut seen: Vec<(Relation, End, End, usize)> = Vec::new();
    claims.retain(|c| {
        let key = (c.relation, c.source.clone(), c.target.clone(), c.sentence);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    (0..into.len())
        .map(|d| number[into[d].unwrap_or(d)])
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim, claims};

    /// Asserts that `text` does not yield exactly the claim `line`.
    #[track_caller]
    fn assert_absent(text: &str, line: &str) {
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c == line),
            "unexpected {line:?} in {got:#?}"
        );
    }

    #[test]
    fn data_file_parses() {
        let c = &*super::CUES;
        assert!(c.facility.has("airport") && c.heads.has("cargo") && c.determiners.has("that"));
    }

    #[test]
    fn a_batch_takes_its_count_from_the_next_sentence() {
        let text = "Chile has delivered another batch of combat drones to Peru this month. \
                    12 drones were delivered under a contract signed in 2021.";
        assert_claim(text, "sent", "Chile", "12 drones");
        assert_claim(text, "deployed_to", "12 drones", "Peru");
        // One movement: the uncounted batch is the 12 drones, not a node of its own.
        let got = claims(text);
        assert!(
            !got.iter()
                .any(|c| c.ends_with("-> combat drones") || c.contains(" combat drones ->")),
            "{got:#?}"
        );
    }

    #[test]
    fn no_batch_count_from_an_unrelated_sentence() {
        assert_no_claim(
            "Chile has delivered another batch of combat drones to Peru. Bolivia destroyed 12 tanks.",
            "deployed_to 12 tanks",
        );
        let text = "Chile has delivered another batch of combat drones to Peru. \
                    12 drones were delivered by Spain to Ecuador.";
        assert_absent(text, "sent Chile -> 12 drones");
        assert_absent(text, "deployed_to 12 drones -> Peru");
    }

    #[test]
    fn a_description_of_the_shipment_gives_the_counted_rifles_their_sender() {
        let text = "The navy seized 900 rifles destined for Somalia from a dhow. \
                    The crew was released. This shipment is part of a pattern of smuggling from Iran.";
        assert_claim(text, "sent", "Iran", "900 rifles");
        let text =
            "The navy seized 900 rifles from a dhow. The weapons were sent by Iran to Somalia.";
        assert_claim(text, "sent", "Iran", "900 rifles");
        assert_claim(text, "deployed_to", "900 rifles", "Somalia");
    }

    #[test]
    fn a_materiel_noun_of_another_name_is_the_counted_shipment() {
        let text = "Inspectors counted 24 Leopard tanks at the port. The vehicles had been sent by Spain to Chile.";
        assert_claim(text, "sent", "Spain", "24 leopard tanks");
        assert_claim(text, "deployed_to", "24 leopard tanks", "Chile");
        let got = claims(text);
        assert!(!got.iter().any(|c| c.ends_with("-> vehicles")), "{got:#?}");
        assert_absent(
            "Russia sent 20 drones to Syria. The tanks were sent by Iran.",
            "sent Iran -> 20 drones",
        );
    }

    #[test]
    fn no_description_sender_without_counted_materiel_or_with_its_own_sender() {
        assert_no_claim(
            "The navy seized 900 soldiers' letters. This shipment came from Iran.",
            "sent",
        );
        assert_absent(
            "Spain sent 900 rifles to Chile. The weapons came from Iran.",
            "sent Iran -> 900 rifles",
        );
    }

    #[test]
    fn what_the_carrier_unloads_is_where_it_landed() {
        let text = "Two Egyptian planes landed at the main airport outside Tobruk. \
                    The planes offloaded around 100 soldiers and disembarked 35 tonnes of equipment.";
        assert_claim(text, "deployed_to", "100 soldiers", "Tobruk");
        assert_claim(text, "deployed_to", "35 tonnes of equipment", "Tobruk");
        assert_no_claim(
            "Two Egyptian planes landed at the main airport outside Tobruk. \
             The rebels said 100 soldiers were killed.",
            "deployed_to 100 soldiers",
        );
        assert_no_claim(
            "Two Egyptian planes landed in Tobruk. Nothing happened for a week. The press was silent. \
             The planes later offloaded 100 soldiers.",
            "deployed_to 100 soldiers",
        );
    }

    #[test]
    fn items_found_on_board_are_the_shipment_sent() {
        let text = "Weapons had been sent by Iran to Somalia on the dhow, officials said. \
                    Over 200 rifles, mortars and fuses packed in crates were discovered on board.";
        assert_claim(text, "sent", "Iran", "200 rifles");
        assert_claim(text, "deployed_to", "200 rifles", "Somalia");
    }

    #[test]
    fn the_contingent_that_returns_is_the_one_sent() {
        let text = "A battalion of military police returned home. \
                    Officials said 393 soldiers have safely returned. \
                    In 2016 Chile sent a battalion of military police to Peru.";
        assert_claim(text, "sent", "Chile", "393 soldiers");
        assert_no_claim(
            "Chile sent a battalion of military police to Peru. Officials said 393 soldiers were wounded.",
            "sent Chile -> 393",
        );
        assert_no_claim(
            "Chile sent a battalion to Peru and Spain sent a brigade to Peru. 393 soldiers have returned.",
            "sent Chile -> 393",
        );
    }

    #[test]
    fn that_batch_was_delivered_by_the_seller_of_its_sentence() {
        let text = "Chile had bought 20 tanks from Spain and ordered a further 16 tanks in May. \
                    That batch was delivered in early June.";
        assert_claim(text, "sent", "Spain", "16 tanks");
        assert_no_claim(
            "Chile had bought 20 tanks from Spain and ordered a further 16 tanks in May. \
             That batch was praised in early June.",
            "sent Spain -> 16 tanks",
        );
    }

    #[test]
    fn sent_there_is_where_the_last_shipment_went() {
        let text = "Chile sent 300 troops to Peru in May. In June it sent 200 more soldiers there.";
        assert_claim(text, "deployed_to", "200 soldiers", "Peru");
        assert_no_claim(
            "Chile sent 300 troops to Peru in May. In June 200 soldiers were wounded there.",
            "deployed_to 200 soldiers",
        );
        assert_no_claim(
            "Chile sent 300 troops to Peru in May. In June it could send 200 more soldiers there.",
            "deployed_to 200 soldiers",
        );
    }

    #[test]
    fn at_the_base_is_the_base_named_before() {
        let text = "Equipment was flown to the air base in Mombasa last week. \
                    Officials said there were also 20 helicopters at the base.";
        assert_claim(text, "deployed_to", "20 helicopters", "Mombasa");
        assert_no_claim(
            "Equipment was flown to the air base in Mombasa. Rebels fired 20 rockets at the base.",
            "deployed_to 20 rockets",
        );
        assert_no_claim(
            "Officials said there were 20 helicopters at the base.",
            "deployed_to 20 helicopters",
        );
    }
}
