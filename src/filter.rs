//! Filters common to every export and query: relations, kinds, a minimum
//! weight, a date window, the neighbourhood of one entity, and dropping
//! isolated nodes.
//!
//! Comes in: a finished [`EntityGraph`] and a [`Filter`]. Goes out: a new
//! `EntityGraph` (rebuilt with [`EntityGraph::from_parts`], so sorted and
//! keyed as usual). Names are resolved by [`crate::query::resolve`].
//!
//! The steps, in this order:
//! 1. `kinds`: only nodes of these kinds (and the edges between them);
//! 2. `relations`, `min_weight`: only edges of these relations, of at least
//!    this weight;
//! 3. `since` / `until` (dates `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `since`
//!    counts from the first day of its period, `until` to the last): an edge
//!    passes when its own `date` overlaps the window, or, lacking one, when
//!    any of its documents' dates falls in it. An edge with neither is
//!    dropped while a window is set. Nodes stay (drop them with `--drop-isolated`);
//! 4. `focus` + `depth`: only the nodes within `depth` edges of the focus
//!    entity, edges followed in either direction (a breadth-first search
//!    over what steps 1–3 kept), and the edges among them;
//! 5. `drop_isolated`: nodes left without any edge go.
//!
//! When anything is filtered, documents are kept only when a kept node or
//! edge cites them; an empty filter returns the graph unchanged.

use crate::graph::{DocIdx, EntityGraph, Kind, NodeId, Relation};
use crate::period::{Day, parse_period};
use crate::query::{NameError, resolve};
use std::collections::BTreeSet;

/// What to keep; the default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only edges of these relations (`None`: all).
    pub relations: Option<BTreeSet<Relation>>,
    /// Keep only nodes of these kinds (`None`: all).
    pub kinds: Option<BTreeSet<Kind>>,
    /// Keep only edges of at least this weight.
    pub min_weight: u64,
    /// Keep only edges dated on or after this day.
    pub since: Option<Day>,
    /// Keep only edges dated on or before this day.
    pub until: Option<Day>,
    /// Keep only the neighbourhood of this entity (label, alias or id).
    pub focus: Option<String>,
    /// How many edges away from `focus` a node may be.
    pub depth: usize,
    /// Drop nodes left without edges.
    pub drop_isolated: bool,
}

/// A date for `--since` (`start`) or `--until` (end of its period).
///
/// ```
/// use ergraph::filter::parse_bound;
/// assert_eq!(parse_bound("2025-06", false).unwrap().to_string(), "2025-06-01");
/// assert_eq!(parse_bound("2025-06", true).unwrap().to_string(), "2025-06-30");
/// assert!(parse_bound("June", false).is_err());
/// ```
///
/// # Errors
/// A message naming the value when it is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_bound(s: &str, end: bool) -> Result<Day, String> {
    let p = parse_period(s.trim())
        .ok_or_else(|| format!("{s:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"))?;
    Ok(if end { p.end } else { p.start })
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self
            == Filter {
                depth: self.depth,
                ..Filter::default()
            }
    }
}

/// [`apply`] to a graph the caller no longer needs: an empty filter hands it
/// back as it is instead of copying it.
///
/// # Errors
/// As [`apply`].
pub fn apply_owned(graph: EntityGraph, filter: &Filter) -> Result<EntityGraph, NameError> {
    if filter.is_empty() {
        return Ok(graph);
    }
    apply(&graph, filter)
}

/// The part of `graph` that `filter` keeps (see the module doc).
///
/// # Errors
/// [`NameError`] when `focus` names no entity, or several.
pub fn apply(graph: &EntityGraph, filter: &Filter) -> Result<EntityGraph, NameError> {
    if filter.is_empty() {
        return Ok(graph.clone());
    }
    let focus: Option<NodeId> = match &filter.focus {
        Some(name) => Some(resolve(graph, name)?.id.clone()),
        None => None,
    };
    // By document index.
    let doc_days: Vec<Option<crate::period::Period>> = graph
        .documents()
        .iter()
        .map(|d| parse_period(d.date?))
        .collect();
    let window =
        (filter.since.is_some() || filter.until.is_some()).then(|| crate::period::Period {
            start: filter.since.unwrap_or(Day {
                year: 0,
                month: 1,
                day: 1,
            }),
            end: filter.until.unwrap_or(Day {
                year: u16::MAX,
                month: 12,
                day: 31,
            }),
        });
    let (nodes, edges, documents) = graph.clone().into_parts();
    let nodes: Vec<_> = nodes
        .into_iter()
        .filter(|n| filter.kinds.as_ref().is_none_or(|k| k.contains(&n.kind)))
        .collect();
    let edges: Vec<_> = edges
        .into_iter()
        .filter(|e| {
            filter
                .relations
                .as_ref()
                .is_none_or(|r| r.contains(&e.relation))
        })
        .filter(|e| e.weight >= filter.min_weight)
        .filter(|e| match window {
            None => true,
            Some(w) => match e.date.as_deref().and_then(parse_period) {
                Some(p) => p.overlaps(&w),
                None => e
                    .documents
                    .iter()
                    .filter_map(|d| doc_days.get(d as usize).copied().flatten())
                    .any(|p| p.overlaps(&w)),
            },
        })
        .collect();
    let mut kept = EntityGraph::from_parts(nodes, edges, documents);
    if let Some(focus) = focus {
        kept = neighbourhood(&kept, &focus, filter.depth);
    }
    if filter.drop_isolated {
        let (nodes, edges, documents) = kept.into_parts();
        let linked: BTreeSet<&NodeId> = edges.iter().flat_map(|e| [&e.source, &e.target]).collect();
        let nodes = nodes
            .iter()
            .filter(|n| linked.contains(&n.id))
            .cloned()
            .collect();
        kept = EntityGraph::from_parts(nodes, edges, documents);
    }
    Ok(keep_cited_documents(kept))
}

/// The nodes within `depth` undirected steps of `focus`, and their edges.
fn neighbourhood(graph: &EntityGraph, focus: &NodeId, depth: usize) -> EntityGraph {
    let ids = graph.neighbourhood(focus, depth);
    let (nodes, edges, documents) = graph.clone().into_parts();
    EntityGraph::from_parts(
        nodes.into_iter().filter(|n| ids.contains(&n.id)).collect(),
        edges,
        documents,
    )
}

/// The graph without the documents no node or edge cites (evidence cites
/// only documents its edge does).
fn keep_cited_documents(graph: EntityGraph) -> EntityGraph {
    let (nodes, edges, documents) = graph.into_parts();
    let mut cited = vec![false; documents.len()];
    let lists = nodes
        .iter()
        .map(|n| &n.documents)
        .chain(edges.iter().map(|e| &e.documents));
    for d in lists.flat_map(|l| l.iter()) {
        if let Some(c) = cited.get_mut(d as usize) {
            *c = true;
        }
    }
    for d in edges
        .iter()
        .flat_map(|e| e.evidence.iter().map(|ev| ev.document))
    {
        if let Some(c) = cited.get_mut(d as usize) {
            *c = true;
        }
    }
    // `from_parts` renumbers what points into the kept list.
    let mut kept = Vec::new();
    let mut nodes = nodes;
    let mut edges = edges;
    let mut renumber: Vec<Option<DocIdx>> = Vec::with_capacity(documents.len());
    for (d, keep) in documents.into_iter().zip(&cited) {
        renumber.push(keep.then_some(kept.len() as DocIdx));
        if *keep {
            kept.push(d);
        }
    }
    let map = |d: DocIdx| renumber.get(d as usize).copied().flatten();
    for n in &mut nodes {
        n.documents = n.documents.remap(map);
    }
    for e in &mut edges {
        e.documents = e.documents.remap(map);
        for ev in &mut e.evidence {
            ev.document = map(ev.document).unwrap_or(ev.document);
        }
    }
    EntityGraph::from_parts(nodes, edges, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    fn ids(g: &EntityGraph) -> Vec<&str> {
        g.nodes().map(|n| n.id.as_str()).collect()
    }

    fn relations(g: &EntityGraph) -> Vec<&'static str> {
        g.edges().map(|e| e.relation.as_str()).collect()
    }

    #[test]
    fn empty_filter_keeps_everything() {
        let g = sample_graph();
        assert!(Filter::default().is_empty());
        assert_eq!(apply(&g, &Filter::default()).expect("apply"), g);
    }

    #[test]
    fn relations_and_min_weight_keep_matching_edges_only() {
        let g = sample_graph();
        let f = Filter {
            relations: Some([Relation::Met, Relation::Agreed].into()),
            ..Filter::default()
        };
        let kept = apply(&g, &f).expect("apply");
        assert_eq!(relations(&kept), ["agreed", "met", "agreed"]);
        assert_eq!(kept.node_count(), g.node_count(), "nodes stay");
        let heavy = apply(
            &g,
            &Filter {
                min_weight: 2,
                ..Filter::default()
            },
        )
        .expect("apply");
        assert_eq!(relations(&heavy), ["met"]);
    }

    #[test]
    fn kinds_drop_nodes_and_their_edges() {
        let g = sample_graph();
        let f = Filter {
            kinds: Some([Kind::Person].into()),
            ..Filter::default()
        };
        let kept = apply(&g, &f).expect("apply");
        assert_eq!(ids(&kept), ["person:kim-jong-un", "person:sergei-shoigu"]);
        assert_eq!(relations(&kept), ["reported", "met", "agreed"]);
    }

    #[test]
    fn date_window_uses_edge_date_then_document_dates() {
        let g = sample_graph();
        // agreed (2025-06-17) has its own date; the rest cite doc1 (2025-06-17).
        let june = Filter {
            since: Some(parse_bound("2025-06", false).expect("date")),
            until: Some(parse_bound("2025-06", true).expect("date")),
            ..Filter::default()
        };
        assert_eq!(
            apply(&g, &june).expect("apply").edge_count(),
            g.edge_count()
        );
        let later = Filter {
            since: Some(parse_bound("2025-07-01", false).expect("date")),
            ..Filter::default()
        };
        assert_eq!(apply(&g, &later).expect("apply").edge_count(), 0);
        let earlier = Filter {
            until: Some(parse_bound("2024", true).expect("date")),
            ..Filter::default()
        };
        assert_eq!(apply(&g, &earlier).expect("apply").edge_count(), 0);
    }

    #[test]
    fn undated_edges_go_when_a_window_is_set() {
        let (nodes, mut edges, mut docs) = sample_graph().into_parts();
        for d in &mut docs {
            d.date = None;
        }
        for e in &mut edges {
            if e.relation != Relation::Agreed {
                e.date = None;
            }
        }
        let g = EntityGraph::from_parts(nodes, edges, docs);
        let f = Filter {
            since: Some(parse_bound("2000", false).expect("date")),
            ..Filter::default()
        };
        assert_eq!(relations(&apply(&g, &f).expect("apply")), ["agreed"]);
    }

    #[test]
    fn focus_keeps_the_neighbourhood_in_both_directions() {
        let g = sample_graph();
        let f = |depth| Filter {
            focus: Some("kim jong-un".to_string()),
            depth,
            ..Filter::default()
        };
        assert_eq!(
            ids(&apply(&g, &f(0)).expect("apply")),
            ["person:kim-jong-un"]
        );
        // Shoigu reaches Kim only against the edge direction.
        assert_eq!(
            ids(&apply(&g, &f(1)).expect("apply")),
            ["person:kim-jong-un", "person:sergei-shoigu"]
        );
        let north_korea = Filter {
            focus: Some("North Korea".to_string()),
            depth: 2,
            ..Filter::default()
        };
        assert_eq!(
            ids(&apply(&g, &north_korea).expect("apply")),
            [
                "country:north-korea",
                "deployment:north-korea-5000-construction-troops-2025-09",
                "place:kursk",
                "treaty:comprehensive-strategic-partnership"
            ]
        );
    }

    #[test]
    fn focus_on_an_unknown_name_is_an_error_with_suggestions() {
        let f = Filter {
            focus: Some("Kim Jong".to_string()),
            depth: 1,
            ..Filter::default()
        };
        let err = apply(&sample_graph(), &f).expect_err("no such entity");
        assert!(err.to_string().contains("Kim Jong Un"), "{err}");
    }

    #[test]
    fn drop_isolated_removes_nodes_without_edges() {
        let g = sample_graph();
        let f = Filter {
            relations: Some([Relation::Met].into()),
            drop_isolated: true,
            ..Filter::default()
        };
        let kept = apply(&g, &f).expect("apply");
        assert_eq!(ids(&kept), ["person:kim-jong-un", "person:sergei-shoigu"]);
        assert_eq!(
            kept.documents().iter().map(|d| d.id).collect::<Vec<_>>(),
            ["doc1"],
            "documents no kept element cites go"
        );
    }
}
