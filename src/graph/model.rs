//! The graph model every exporter reads: kinds, relations, nodes, edges and
//! the finished [`EntityGraph`], with the fields and order of GRAPH.md.
//!
//! Comes in: nothing (plain data). Goes out: sorted views of nodes and edges.
//! Building and merging live in `graph::build`; ids are made in `graph::ids`.

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub use super::docs::{DocIdx, DocIter, DocList, DocRef, Documents};
pub use super::sentences::Text;
pub use crate::model::{Category, Deployment, DocumentInfo, Kind, NodeId, Relation, Status};

/// One node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: NodeId,
    pub label: String,
    pub kind: Kind,
    /// Every other surface form seen.
    pub aliases: BTreeSet<String>,
    /// How many times it was mentioned.
    pub mentions: u64,
    /// The documents that mention it, as indices into the graph's
    /// [`EntityGraph::documents`] (so sorted by id), without repeats.
    pub documents: DocList,
    /// Titles or roles the text gave a person ("Foreign Minister").
    pub roles: BTreeSet<String>,
    /// Present on deployment nodes only.
    pub deployment: Option<Deployment>,
}

/// Deployments that describe one movement with different counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Estimate {
    pub id: String,
    /// Deployment ids, sorted.
    pub members: Vec<NodeId>,
    /// The members' origin.
    pub from: Option<NodeId>,
    /// The most precise destination a member names (a place before a country).
    pub to: Option<NodeId>,
    pub category: Category,
    /// The smallest count any member gives, and the largest bound.
    pub low: u64,
    pub high: u64,
    /// True when every member's range overlaps every other's.
    pub agree: bool,
}

impl Estimate {
    /// The group `id` of `members` (nodes sorted by id, all deployments).
    fn of(id: &str, members: &[&Node]) -> Estimate {
        let deps: Vec<&Deployment> = members
            .iter()
            .filter_map(|n| n.deployment.as_ref())
            .collect();
        let bounds: Vec<(u64, u64)> = deps
            .iter()
            .filter_map(|d| super::movements::bounds(d))
            .collect();
        let to = deps
            .iter()
            .filter_map(|d| d.to.as_ref())
            .min_by_key(|t| (t.kind() != Some(Kind::Place), (*t).clone()))
            .cloned();
        Estimate {
            id: id.to_string(),
            members: members.iter().map(|n| n.id.clone()).collect(),
            from: deps.iter().find_map(|d| d.from.clone()),
            to,
            category: deps.first().map_or(Category::Personnel, |d| d.category),
            low: bounds.iter().map(|b| b.0).min().unwrap_or(0),
            high: bounds.iter().map(|b| b.1).max().unwrap_or(0),
            agree: super::movements::ranges_agree(deps.iter().copied()),
        }
    }
}

/// One sentence that supports an edge.
///
/// The text is shared: one sentence often supports several edges.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into the graph's [`EntityGraph::documents`].
    pub document: DocIdx,
    /// Byte offset of the sentence in the original file, inclusive.
    pub start: usize,
    /// Byte offset of the sentence's end, exclusive.
    pub end: usize,
    /// The original file's bytes `start..end`, in memory or in the
    /// process's temporary sentence file ([`Text::get`] reads it).
    pub text: Text,
}

/// Renumbers the documents evidence cites through `map`, dropping the
/// sentences of documents `map` does not keep (as `DocList::remap` does for
/// citation lists).
pub(crate) fn remap_evidence(evidence: &mut Vec<Evidence>, map: impl Fn(DocIdx) -> Option<DocIdx>) {
    evidence.retain_mut(|e| match map(e.document) {
        Some(d) => {
            e.document = d;
            true
        }
        None => false,
    });
}

/// One edge of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub source: NodeId,
    pub target: NodeId,
    pub relation: Relation,
    /// 0, 1, … among the edges of the same source and target, in relation order.
    pub key: u32,
    pub symmetric: bool,
    /// How many mentions support it (all of them, not only the evidence kept).
    pub weight: u64,
    /// The documents that state it, as indices into the graph's
    /// [`EntityGraph::documents`] (so sorted by id), without repeats.
    pub documents: DocList,
    /// The first sentences by (document, start), at most the run's evidence cap.
    pub evidence: Vec<Evidence>,
    pub date: Option<String>,
    pub place: Option<NodeId>,
    /// Sorted, without repeats: a `Vec`, as a B-tree's first leaf costs
    /// 300 bytes and half the edges of a big graph have one or two sources.
    pub reported_by: Vec<NodeId>,
}

impl Node {
    /// How much an export writes for it, in units that grow with its bytes:
    /// its document list dominates (a country can be cited by every
    /// document). The exports cut their blocks by it.
    pub fn export_weight(&self) -> usize {
        EXPORT_FIELDS + self.documents.len() + self.aliases.len()
    }
}

impl Edge {
    /// How much an export writes for it (see [`Node::export_weight`]): an
    /// evidence sentence weighs as much as a few document ids.
    pub fn export_weight(&self) -> usize {
        EXPORT_FIELDS
            + self.documents.len()
            + EVIDENCE_WEIGHT * self.evidence.len()
            + self.reported_by.len()
    }
}

/// The weight of the fields every node or edge has, in document ids.
const EXPORT_FIELDS: usize = 8;

/// What one evidence sentence weighs, in document ids.
const EVIDENCE_WEIGHT: usize = 8;

/// The finished graph: a petgraph directed multigraph whose node indices follow
/// the nodes sorted by id and whose edge indices follow the edges sorted by
/// (source, target, relation, key).
///
/// Exporters read it through [`EntityGraph::nodes`] and [`EntityGraph::edges`];
/// [`EntityGraph::petgraph`] gives the graph itself for algorithms.
#[derive(Debug, Clone, Default)]
pub struct EntityGraph {
    graph: DiGraph<Node, Edge>,
    /// Sorted by id: what node, edge and evidence indices point into.
    documents: Documents,
}

/// The generator string written into every export.
pub const GENERATOR: &str = concat!("ergraph ", env!("CARGO_PKG_VERSION"));

impl PartialEq for EntityGraph {
    fn eq(&self, other: &Self) -> bool {
        self.documents == other.documents
            && self.nodes().eq(other.nodes())
            && self.edges().eq(other.edges())
    }
}

impl EntityGraph {
    /// Builds a graph from parts, sorting them and numbering edge keys.
    ///
    /// Document indices in `nodes` and `edges` point into `documents` as
    /// given; the table is sorted by id (a repeated id keeps the first) and
    /// the indices follow it, those pointing nowhere are dropped (evidence
    /// citing no document too). Nodes with a repeated id keep the first;
    /// edges whose ends are not among `nodes` are dropped, so the result
    /// never has a dangling edge. Used by filters, by tests and by the fuzz
    /// target.
    pub fn from_parts(
        mut nodes: Vec<Node>,
        mut edges: Vec<Edge>,
        documents: Vec<DocumentInfo>,
    ) -> EntityGraph {
        let mut order: Vec<usize> = (0..documents.len()).collect();
        order.sort_by(|&a, &b| documents[a].id.cmp(&documents[b].id));
        let mut table = Documents::new();
        let mut new_index: Vec<DocIdx> = vec![0; documents.len()];
        for (k, &i) in order.iter().enumerate() {
            let repeat = k > 0 && documents[order[k - 1]].id == documents[i].id;
            if !repeat {
                table.push(documents[i].as_ref());
            }
            new_index[i] = (table.len() - 1) as DocIdx;
        }
        let map = |d: DocIdx| new_index.get(d as usize).copied();
        for n in &mut nodes {
            n.documents = n.documents.remap(map);
        }
        for e in &mut edges {
            e.documents = e.documents.remap(map);
            remap_evidence(&mut e.evidence, map);
        }
        EntityGraph::from_sorted_documents(nodes, edges, table)
    }

    /// [`EntityGraph::from_parts`] for parts whose indices already point
    /// into `documents`, a table sorted by id without repeats.
    pub(crate) fn from_sorted_documents(
        nodes: Vec<Node>,
        mut edges: Vec<Edge>,
        documents: Documents,
    ) -> EntityGraph {
        edges.sort_by(|a, b| {
            (&a.source, &a.target, a.relation, a.key)
                .cmp(&(&b.source, &b.target, b.relation, b.key))
        });
        let n = edges.len();
        let mut graph = EntityGraph::from_sorted_edges(nodes, edges.into_iter(), n);
        graph.documents = documents;
        graph
    }

    /// A graph of `nodes` (any order) and `edges`, which come sorted by
    /// (source, target, relation, key), about `n_edges` of them; without
    /// documents (see [`EntityGraph::set_documents`]).
    ///
    /// The edges move into the graph one at a time, so a caller can free
    /// what each was made from as it goes. Keys are numbered here; edges
    /// whose ends are not among `nodes` are dropped.
    pub(crate) fn from_sorted_edges(
        mut nodes: Vec<Node>,
        edges: impl Iterator<Item = Edge>,
        n_edges: usize,
    ) -> EntityGraph {
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes.dedup_by(|a, b| a.id == b.id);
        // Sorted, so a node's position is its index.
        let ids: Vec<NodeId> = nodes.iter().map(|n| n.id.clone()).collect();
        let index = |id: &NodeId| ids.binary_search(id).ok().map(|i| i as u32);
        let edges = edges.filter_map(|e| Some((index(&e.source)?, index(&e.target)?, e)));
        EntityGraph::from_indexed_edges(nodes, edges, n_edges)
    }

    /// A graph of `nodes`, sorted by id without repeats, and `edges`, which
    /// come sorted by (source, target, relation, key) with the positions of
    /// their ends in `nodes`, about `n_edges` of them; without documents.
    /// The edges move in one at a time; keys are numbered here.
    pub(crate) fn from_indexed_edges(
        nodes: Vec<Node>,
        edges: impl Iterator<Item = (u32, u32, Edge)>,
        n_edges: usize,
    ) -> EntityGraph {
        let mut graph = DiGraph::with_capacity(nodes.len(), n_edges);
        for n in nodes {
            graph.add_node(n);
        }
        let mut last: Option<(NodeIndex, NodeIndex, u32)> = None;
        for (s, t, mut e) in edges {
            let (s, t) = (NodeIndex::new(s as usize), NodeIndex::new(t as usize));
            e.reported_by.sort_unstable();
            e.reported_by.dedup();
            // Keys count the edges of one (source, target) pair, in relation order.
            e.key = match last {
                Some((ls, lt, k)) if (ls, lt) == (s, t) => k + 1,
                _ => 0,
            };
            last = Some((s, t, e.key));
            graph.add_edge(s, t, e);
        }
        EntityGraph {
            graph,
            documents: Documents::new(),
        }
    }

    /// Gives the graph its document table (sorted by id, what its indices
    /// point into).
    pub(crate) fn set_documents(&mut self, documents: Documents) {
        self.documents = documents;
    }

    /// Nodes sorted by id.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = &Node> + Clone {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// Edges sorted by (source, target, relation, key).
    pub fn edges(&self) -> impl ExactSizeIterator<Item = &Edge> + Clone {
        self.graph.raw_edges().iter().map(|e| &e.weight)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Documents sorted by id; nodes, edges and evidence cite them by index.
    pub fn documents(&self) -> &Documents {
        &self.documents
    }

    /// The petgraph graph itself; indices follow the sorted order.
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// The index of the node with this id, if any.
    pub fn index_of(&self, id: &NodeId) -> Option<NodeIndex> {
        let nodes = self.graph.raw_nodes();
        nodes
            .binary_search_by(|n| n.weight.id.cmp(id))
            .ok()
            .map(NodeIndex::new)
    }

    /// The node with this id, if any.
    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.index_of(id).map(|i| &self.graph[i])
    }

    /// The ids of the nodes within `depth` steps of `focus`, edges followed
    /// in either direction (breadth first), `focus` included; empty when no
    /// node has that id.
    pub fn neighbourhood(&self, focus: &NodeId, depth: usize) -> BTreeSet<NodeId> {
        use petgraph::visit::EdgeRef;
        let g = &self.graph;
        let mut seen = BTreeSet::new();
        if let Some(start) = self.index_of(focus) {
            let mut queue = std::collections::VecDeque::from([(start, 0usize)]);
            seen.insert(start);
            while let Some((i, d)) = queue.pop_front() {
                if d == depth {
                    continue;
                }
                let out = g.edges_directed(i, petgraph::Direction::Outgoing);
                let inc = g.edges_directed(i, petgraph::Direction::Incoming);
                for e in out.chain(inc) {
                    let next = if e.source() == i {
                        e.target()
                    } else {
                        e.source()
                    };
                    if seen.insert(next) {
                        queue.push_back((next, d + 1));
                    }
                }
            }
        }
        seen.into_iter().map(|i| g[i].id.clone()).collect()
    }

    /// Takes the graph apart again (for filters and merges); document
    /// indices point into the returned list, sorted by id, so
    /// [`EntityGraph::from_parts`] puts it back together unchanged.
    pub fn into_parts(self) -> (Vec<Node>, Vec<Edge>, Vec<DocumentInfo>) {
        let (nodes, edges) = self.graph.into_nodes_edges();
        (
            nodes.into_iter().map(|n| n.weight).collect(),
            edges.into_iter().map(|e| e.weight).collect(),
            self.documents.iter().map(|d| d.to_info()).collect(),
        )
    }

    /// Relations used by at least one edge, in GRAPH.md order.
    pub fn relations_used(&self) -> Vec<Relation> {
        let used: BTreeSet<Relation> = self.edges().map(|e| e.relation).collect();
        used.into_iter().collect()
    }

    /// The estimate groups: deployments that carry the same `estimate` id
    /// (two or more still in the graph), sorted by id.
    pub fn estimates(&self) -> Vec<Estimate> {
        let mut groups: std::collections::BTreeMap<&str, Vec<&Node>> = Default::default();
        for n in self.nodes() {
            if let Some(e) = n.deployment.as_ref().and_then(|d| d.estimate.as_deref()) {
                groups.entry(e).or_default().push(n);
            }
        }
        groups
            .into_iter()
            .filter(|(_, m)| m.len() > 1)
            .map(|(id, members)| Estimate::of(id, &members))
            .collect()
    }

    /// Kinds used by at least one node, in GRAPH.md order.
    pub fn kinds_used(&self) -> Vec<Kind> {
        let used: BTreeSet<Kind> = self.nodes().map(|n| n.kind).collect();
        used.into_iter().collect()
    }
}
