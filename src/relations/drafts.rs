//! Document-level deployment merging: each quantity of a document becomes a
//! draft, and a later mention of the same contingent (same count, category
//! and compatible ends) joins the earlier draft instead of making another.

use crate::mentions::Quantity;
use crate::model::{Deployment, NodeId, Status, deployment_label};
use crate::relations::DeploymentDraft;
use crate::relations::rules::QuantityFacts;

/// The document's draft for a quantity: an earlier one with the same count,
/// category and compatible ends (one contingent mentioned twice), or a new one.
pub fn add_draft(drafts: &mut Vec<DeploymentDraft>, q: &Quantity, f: &QuantityFacts) -> usize {
    let fits = |a: &Option<NodeId>, b: &Option<NodeId>| a.is_none() || b.is_none() || a == b;
    let same = drafts.iter().position(|d| {
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
                },
                vague: q.vague,
                surfaces: vec![surface],
                mentions: 1,
            });
            drafts.len() - 1
        }
    }
}
