//! `reported` claims: once attribution has found a sentence's sources, each
//! source reports what the sentence's claims are about and every contingent
//! it counts, except itself and its own actions.

use crate::graph::{Kind, NodeId, Relation};
use crate::relations::context::Ctx;
use crate::relations::{Claim, End};

/// `reported` claims: each source to what the sentence's claims are about
/// and to every contingent it counts, except to itself and except where the
/// source reports its own action.
pub fn reported_claims(
    claims: &[Claim],
    drafts: &[usize],
    sources: &[NodeId],
    sentence: usize,
    ctx: &Ctx,
    own_ok: &[NodeId],
) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in sources {
        let me = End::Entity(s.clone());
        // "X said it will send": X's own action, but reported in a clause.
        let own_ok = own_ok.contains(s);
        let mut targets: Vec<End> = Vec::new();
        for c in claims {
            let about = match (&c.target, c.relation) {
                (End::Deployment(_), _) => c.target.clone(),
                (End::Entity(id), _) if id.kind() == Some(Kind::Treaty) => c.target.clone(),
                (_, Relation::DeployedTo) => continue,
                _ => c.source.clone(),
            };
            // A meeting is its parties' own action, either side ("Ahn told
            // reporters after the meeting" is no report of his meeting).
            let party = c.relation == Relation::Met && c.target == me;
            let own = (!own_ok && c.source == me && c.relation != Relation::DeployedTo) || party;
            if !own && about != me && !targets.contains(&about) {
                targets.push(about);
            }
        }
        for d in drafts {
            let t = End::Deployment(*d);
            let own = !own_ok && claims.iter().any(|c| c.source == me && c.target == t);
            if !own && !targets.contains(&t) {
                targets.push(t);
            }
        }
        for t in targets {
            out.push(report(s, t, sentence, ctx));
        }
    }
    out
}

/// A `reported` claim from a source to what it reports about.
pub fn report(source: &NodeId, target: End, sentence: usize, ctx: &Ctx) -> Claim {
    Claim {
        relation: Relation::Reported,
        source: End::Entity(source.clone()),
        target,
        sentence,
        date: ctx.dates.first().map(|d| d.1.clone()),
        place: None,
        reported_by: Vec::new(),
    }
}
