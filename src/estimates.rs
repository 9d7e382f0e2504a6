//! `ergraph estimates`: where sources disagree. Each estimate group (the
//! deployments of one movement counted differently, see `graph::movements`)
//! with every estimate's count, status, date, sources, documents and
//! evidence, as text, as JSON, or drawn as an SVG chart of counts over time
//! (`--plot`, with the plotters crate).
//!
//! Comes in: a finished (possibly filtered) [`EntityGraph`]. Goes out:
//! strings for the binary to print, or an SVG file.

use crate::graph::{EntityGraph, Node, NodeId, Relation};
use crate::model::deployment_label;
use serde::Serialize;
use std::collections::BTreeSet;

/// A node named in an answer: id and label.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    pub id: String,
    pub label: String,
}

/// One estimate of a movement: a deployment of the group.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: String,
    pub label: String,
    pub count: Option<u64>,
    pub count_max: Option<u64>,
    pub approximate: bool,
    pub status: &'static str,
    pub date: Option<String>,
    /// Who the text says gives this count: `reported` sources and the
    /// `reported_by` of its edges, sorted.
    pub sources: Vec<Named>,
    pub documents: Vec<String>,
    /// The sentences of its edges (first of each, in edge order, no repeats).
    pub evidence: Vec<String>,
}

/// One estimate group.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    /// "personnel from North Korea to Kursk".
    pub movement: String,
    pub from: Option<Named>,
    pub to: Option<Named>,
    pub category: &'static str,
    pub low: u64,
    pub high: u64,
    /// "10,000–12,000".
    pub spread: String,
    pub agree: bool,
    pub members: Vec<Member>,
}

fn named(graph: &EntityGraph, id: &NodeId) -> Named {
    Named {
        id: id.to_string(),
        label: graph
            .node(id)
            .map_or_else(|| id.to_string(), |n| n.label.clone()),
    }
}

fn member(graph: &EntityGraph, n: &Node) -> Option<Member> {
    let d = n.deployment.as_ref()?;
    let mut sources: BTreeSet<Named> = BTreeSet::new();
    let mut evidence: Vec<String> = Vec::new();
    for e in graph
        .edges()
        .filter(|e| e.source == n.id || e.target == n.id)
    {
        if e.relation == Relation::Reported && e.target == n.id {
            sources.insert(named(graph, &e.source));
        }
        for r in &e.reported_by {
            sources.insert(named(graph, r));
        }
        for ev in &e.evidence {
            let text = ev.text.get();
            if !evidence.iter().any(|t| **t == *text) {
                evidence.push(text.into_owned());
            }
        }
    }
    Some(Member {
        id: n.id.to_string(),
        label: n.label.clone(),
        count: d.count,
        count_max: d.count_max,
        approximate: d.approximate,
        status: d.status.as_str(),
        date: d.date.clone(),
        sources: sources.into_iter().collect(),
        documents: graph
            .documents()
            .ids(&n.documents)
            .map(str::to_string)
            .collect(),
        evidence,
    })
}

/// A count or range as the text gives it ("about 10,900", "10,000–12,000").
pub fn spread(low: u64, high: u64) -> String {
    deployment_label(Some(low), (high != low).then_some(high), "")
        .trim()
        .to_string()
}

/// Every estimate group of the graph, members in id order.
pub fn estimates(graph: &EntityGraph) -> Vec<Group> {
    graph
        .estimates()
        .into_iter()
        .map(|g| {
            let from = g.from.as_ref().map(|f| named(graph, f));
            let to = g.to.as_ref().map(|t| named(graph, t));
            let mut movement = g.category.as_str().to_string();
            if let Some(f) = &from {
                movement.push_str(&format!(" from {}", f.label));
            }
            if let Some(t) = &to {
                movement.push_str(&format!(" to {}", t.label));
            }
            Group {
                members: g
                    .members
                    .iter()
                    .filter_map(|m| graph.node(m).and_then(|n| member(graph, n)))
                    .collect(),
                id: g.id,
                movement,
                from,
                to,
                category: g.category.as_str(),
                low: g.low,
                high: g.high,
                spread: spread(g.low, g.high),
                agree: g.agree,
            }
        })
        .collect()
}

/// The group a deployment belongs to, if any.
pub fn group_of(graph: &EntityGraph, id: &NodeId) -> Option<Group> {
    estimates(graph)
        .into_iter()
        .find(|g| g.members.iter().any(|m| m.id == id.as_str()))
}

/// One estimate's count as a phrase: "about 10,900", "10,000–12,000".
fn count_text(m: &Member) -> String {
    let n = match m.count {
        Some(c) => spread(c, m.count_max.unwrap_or(c)),
        None => "no count".to_string(),
    };
    if m.approximate {
        format!("about {n}")
    } else {
        n
    }
}

/// A group as text: the movement, the spread, then each estimate with its
/// count, status, date, sources and documents.
pub fn group_text(g: &Group) -> String {
    let mut out = format!(
        "{}  {}\n  spread {} ({})\n",
        g.id,
        g.movement,
        g.spread,
        if g.agree {
            "the ranges overlap"
        } else {
            "the ranges disagree"
        }
    );
    for m in &g.members {
        let sources: Vec<&str> = m.sources.iter().map(|s| s.label.as_str()).collect();
        out.push_str(&format!(
            "  {}  ({}, {}, {})\n    source: {}\n    documents: {}\n",
            count_text(m),
            m.label,
            m.status,
            m.date.as_deref().unwrap_or("undated"),
            if sources.is_empty() {
                "none named (the article itself)".to_string()
            } else {
                sources.join(", ")
            },
            m.documents.join(", ")
        ));
    }
    out
}

/// `ergraph estimates` as text.
pub fn estimates_text(groups: &[Group]) -> String {
    if groups.is_empty() {
        return "no estimate groups: no movement is counted differently by two sources\n"
            .to_string();
    }
    groups.iter().map(group_text).collect::<Vec<_>>().join("\n")
}

/// A date as a fractional year for the chart ("2024" → 2024.5, the middle
/// of what it covers; "2025-03" → 2025.2).
fn year_of(date: &str) -> Option<f64> {
    let mut parts = date.split('-');
    let y: f64 = parts.next()?.parse().ok()?;
    let Some(m) = parts.next() else {
        return Some(y + 0.5);
    };
    let m: f64 = m.parse().ok()?;
    let d: f64 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(15.0);
    Some(y + (m - 1.0) / 12.0 + (d - 1.0) / 365.0)
}

/// The label of one mark: its sources (or the document) and its count.
fn mark_label(m: &Member) -> String {
    let who = if m.sources.is_empty() {
        m.documents.first().cloned().unwrap_or_default()
    } else {
        m.sources
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{}: {}", who, count_text(m))
}

/// Draws each group's counts over time as an SVG file: one panel per
/// group, one mark per estimate at its date, labelled with its source, a
/// range as a vertical bar. Undated estimates are left out of the chart.
///
/// # Errors
/// A message naming the file when it cannot be drawn or written.
pub fn plot_svg(groups: &[Group], path: &std::path::Path) -> Result<(), String> {
    use plotters::prelude::*;
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let panels = groups.len().max(1) as u32;
    let root = SVGBackend::new(path, (760, 300 * panels)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    if groups.is_empty() {
        root.draw(&Text::new(
            "no estimate groups",
            (20, 20),
            ("sans-serif", 16).into_font(),
        ))
        .map_err(|e| fail(&e))?;
    }
    let areas = root.split_evenly((panels as usize, 1));
    for (g, area) in groups.iter().zip(areas) {
        // Estimates of one date stand side by side, a little apart.
        let mut dated: Vec<(&Member, f64)> = Vec::new();
        for m in &g.members {
            let Some(x) = m.date.as_deref().and_then(year_of) else {
                continue;
            };
            let same = dated.iter().filter(|(o, _)| o.date == m.date).count();
            dated.push((m, x + 0.06 * same as f64));
        }
        let (x0, x1) = dated.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, x)| {
            (a.min(*x), b.max(*x))
        });
        let (x0, x1) = if dated.is_empty() {
            (2000.0, 2001.0)
        } else {
            (x0.floor(), (x1 + 0.01).ceil())
        };
        let pad = ((g.high - g.low) as f64 * 0.25).max(g.high as f64 * 0.1);
        let (y0, y1) = ((g.low as f64 - pad).max(0.0), g.high as f64 + pad);
        let title = format!(
            "{}: {} ({})",
            g.movement,
            g.spread,
            if g.agree {
                "ranges overlap"
            } else {
                "ranges disagree"
            }
        );
        let mut chart = ChartBuilder::on(&area)
            .caption(title, ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(|e| fail(&e))?;
        chart
            .configure_mesh()
            .x_desc("date")
            .y_desc("count")
            .x_labels(((x1 - x0) as usize * 4).clamp(2, 12))
            .x_label_formatter(&|x| {
                let y = x.floor();
                let m = ((x - y) * 12.0).round() as u32 + 1;
                if m > 1 && m <= 12 {
                    format!("{y:.0}-{m:02}")
                } else {
                    format!("{y:.0}")
                }
            })
            .y_label_formatter(&|y| spread(*y as u64, *y as u64))
            .draw()
            .map_err(|e| fail(&e))?;
        let colour = RGBColor(0x31, 0x82, 0xbd);
        for (i, (m, x)) in dated.iter().enumerate() {
            let Some(low) = m.count else { continue };
            let high = m.count_max.unwrap_or(low);
            if high > low {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(*x - 0.02, low as f64), (*x + 0.02, high as f64)],
                        colour.mix(0.5).filled(),
                    )))
                    .map_err(|e| fail(&e))?;
            }
            let mid = (low + high) as f64 / 2.0;
            chart
                .draw_series(std::iter::once(Circle::new((*x, mid), 5, colour.filled())))
                .map_err(|e| fail(&e))?;
            // Labels alternate above and below so two close marks stay readable.
            let dy = if i % 2 == 0 { -18 } else { 10 };
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((*x, mid))
                        + Text::new(mark_label(m), (8, dy), ("sans-serif", 13).into_font()),
                ))
                .map_err(|e| fail(&e))?;
        }
    }
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_points_in_time() {
        assert_eq!(year_of("2024"), Some(2024.5));
        assert!((year_of("2025-03").unwrap() - 2025.2).abs() < 0.05);
        assert_eq!(year_of("late"), None);
    }

    #[test]
    fn spreads_read_like_the_text() {
        assert_eq!(spread(10_000, 12_000), "10,000–12,000");
        assert_eq!(spread(10_900, 10_900), "10,900");
    }
}
