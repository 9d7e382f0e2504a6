//! Document-level deployment merging: each quantity of a document becomes a
//! draft, and a later mention of the same contingent (same count, category
//! and compatible ends) joins the earlier draft instead of making another.

use crate::lexicon::movements::MOVEMENTS;
use crate::mentions::Quantity;
use crate::model::{Deployment, NodeId, Status, deployment_label};
use crate::relations::DeploymentDraft;
use crate::relations::rules::QuantityFacts;

/// The document's draft for a quantity: an earlier one with the same count,
/// category and compatible ends (one contingent mentioned twice), or a new one.
/// `apart` lists the drafts the text tells this one apart from (those counted
/// earlier in its sentence; every earlier one when it opens with "another"):
/// it never joins them.
pub fn add_draft(
    drafts: &mut Vec<DeploymentDraft>,
    q: &Quantity,
    f: &QuantityFacts,
    apart: &[usize],
) -> usize {
    let fits = |a: &Option<NodeId>, b: &Option<NodeId>| a.is_none() || b.is_none() || a == b;
    // Units of two different families are two contingents, whatever the count.
    let rules = &*MOVEMENTS;
    // Found only when a draft passes the cheap tests.
    let family = std::cell::OnceCell::new();
    // Cheap tests first; the family (a walk over the listed endings) last.
    let same = drafts.iter().enumerate().position(|(i, d)| {
        d.deployment.count == q.count
            // Shipments without a number are one only when they name the same thing.
            && (q.count.is_some() || d.deployment.unit == q.unit)
            && (d.deployment.count_max == q.count_max
                || d.deployment.count_max.is_none()
                || q.count_max.is_none())
            && d.deployment.category == q.category
            && d.vague == q.vague
            && fits(&d.deployment.from, &f.from)
            && fits(&d.deployment.to, &f.to)
            && !apart.contains(&i)
            && family
                .get_or_init(|| rules.family(&q.unit))
                .is_none_or(|family| {
                    rules
                        .family(&d.deployment.unit)
                        .is_none_or(|f| f == family)
                })
    });
    let surface = deployment_label(q.count, q.count_max, &q.unit);
    match same {
        Some(i) => {
            let d = &mut drafts[i];
            d.mentions += 1;
            d.deployment.approximate |= q.approximate;
            d.deployment.count_max = d.deployment.count_max.or(q.count_max);
            if let Some(s) = f.status {
                d.deployment.status = d.deployment.status.max(s);
            }
            d.deployment.from = d.deployment.from.take().or_else(|| f.from.clone());
            d.deployment.to = d.deployment.to.take().or_else(|| f.to.clone());
            d.deployment.date = d.deployment.date.take().or_else(|| f.date.clone());
            // Keep the more descriptive unit ("construction troops" over "troops").
            if !q.elided
                && d.deployment.unit.split_whitespace().count() < q.unit.split_whitespace().count()
            {
                d.deployment.unit = q.unit.clone();
            }
            if !d.surfaces.contains(&surface) {
                d.surfaces.push(surface);
            }
            i
        }
        None => {
            drafts.push(DeploymentDraft {
                deployment: Deployment {
                    count: q.count,
                    count_max: q.count_max,
                    approximate: q.approximate,
                    unit: q.unit.clone(),
                    category: q.category,
                    status: f.status.unwrap_or(Status::Present),
                    from: f.from.clone().or_else(|| q.origin.clone()),
                    to: f.to.clone(),
                    date: f.date.clone(),
                    estimate: None,
                },
                vague: q.vague,
                surfaces: vec![surface],
                mentions: 1,
            });
            drafts.len() - 1
        }
    }
}

/// True when a cue of `data/deployments.toml` (`apart_cues`) stands in the
/// `apart_reach` words before the count or in its phrase: "an additional
/// 3,000 troops", "another 3,000", "3,000 fresh troops" are a new contingent.
pub fn opens_new(words: &[&str], q: &Quantity) -> bool {
    let rules = &*MOVEMENTS;
    let from = q.tok.start.saturating_sub(rules.apart_reach);
    words
        .get(from..q.tok.end.min(words.len()))
        .is_some_and(|w| w.iter().any(|w| rules.is_apart_cue(w)))
}

/// The parts and the whole a sentence's counts make, if any: at least
/// `min_parts` exact counts of one category listed in the sentence (`here`,
/// the sentence's drafts in order) whose sum is another draft's count, one
/// counted in the sentence or else the latest counted before in the document
/// (same category, compatible origin and destination). See
/// `data/deployments.toml`.
pub fn parts_and_whole(drafts: &[DeploymentDraft], here: &[usize]) -> Option<(Vec<usize>, usize)> {
    let rules = &*MOVEMENTS;
    let exact = |i: usize| {
        let d = &drafts[i];
        (!d.vague && d.deployment.count_max.is_none())
            .then_some(d.deployment.count)
            .flatten()
    };
    let mut listed: Vec<usize> = Vec::new();
    for &i in here {
        if !listed.contains(&i) && exact(i).is_some() {
            listed.push(i);
        }
    }
    let category = drafts[*listed.first()?].deployment.category;
    if listed
        .iter()
        .any(|&i| drafts[i].deployment.category != category)
    {
        return None;
    }
    let fits = |a: &Option<NodeId>, b: &Option<NodeId>| a.is_none() || b.is_none() || a == b;
    let compatible = |w: usize, parts: &[usize]| {
        let wd = &drafts[w].deployment;
        parts.iter().all(|&p| {
            let pd = &drafts[p].deployment;
            fits(&wd.from, &pd.from) && fits(&wd.to, &pd.to)
        })
    };
    // A whole counted in the sentence itself: "6,000 troops, 1,000 deminers and 5,000 builders".
    for &w in &listed {
        let parts: Vec<usize> = listed.iter().copied().filter(|&p| p != w).collect();
        let sum: u64 = parts.iter().filter_map(|&p| exact(p)).sum();
        if parts.len() >= rules.min_parts && Some(sum) == exact(w) && compatible(w, &parts) {
            return Some((parts, w));
        }
    }
    if listed.len() < rules.min_parts {
        return None;
    }
    let sum: u64 = listed.iter().filter_map(|&p| exact(p)).sum();
    let whole = (0..drafts.len()).rev().find(|&w| {
        let d = &drafts[w];
        !listed.contains(&w)
            && d.deployment.category == category
            && d.deployment.count == Some(sum)
            && d.deployment.count_max.is_none()
            && !d.vague
            && compatible(w, &listed)
    })?;
    Some((listed, whole))
}

/// A part takes its whole's origin and destination where it has none, and
/// its status when its own sentence stated none (`stated` false).
pub fn inherit(drafts: &mut [DeploymentDraft], part: usize, whole: usize, stated: bool) {
    let w = drafts[whole].deployment.clone();
    let p = &mut drafts[part].deployment;
    p.from = p.from.take().or(w.from);
    p.to = p.to.take().or(w.to);
    if !stated {
        p.status = w.status;
    }
}
