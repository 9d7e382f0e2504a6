//! Merging every document's extraction into one graph.
//!
//! Mentions of one entity across documents become one node (label: the
//! lexicon's, or the most frequent full form; aliases: every other name
//! seen). A deployment draft becomes a node whose id is its merge key
//! (origin, count, unit, destination), so the same contingent from several
//! articles is one node. The same relation between the same two nodes from
//! several sentences becomes one edge: `weight` counts every mention, the
//! evidence keeps the first `max_evidence` sentences by (document, start).
//! Symmetric edges (met, actor-to-actor agreed) run from the smaller id to
//! the larger. Every merge here is associative and commutative, so shards
//! can be merged in any order and give the same graph.

use super::ids::node_id;
use super::model::*;
use crate::extract::Extraction;
use crate::mentions::MentionForm;
use crate::relations::End;
use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Default number of evidence sentences kept per edge.
pub const DEFAULT_MAX_EVIDENCE: usize = 5;

/// "5,000 construction troops", "10,000–12,000 troops", "9 million artillery shells".
pub fn deployment_label(count: u64, count_max: Option<u64>, unit: &str) -> String {
    let n = match count_max {
        Some(m) => format!("{}–{}", format_count(count), format_count(m)),
        None => format_count(count),
    };
    format!("{n} {unit}")
}

fn format_count(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(100_000) {
        let m = n as f64 / 1e6;
        return format!(
            "{} million",
            if n.is_multiple_of(1_000_000) {
                format!("{m:.0}")
            } else {
                format!("{m:.1}")
            }
        );
    }
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A date choice that merges commutatively: the most precise, then the earliest.
fn better_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(
            if (std::cmp::Reverse(a.len()), &a) <= (std::cmp::Reverse(b.len()), &b) {
                a
            } else {
                b
            },
        ),
        (a, b) => a.or(b),
    }
}

/// The sorted union of two sorted lists without repeats.
fn union_sorted<T: Ord>(a: &mut Vec<T>, b: Vec<T>) {
    if b.is_empty() {
        return;
    }
    match (a.last(), b.first()) {
        (None, _) => {
            *a = b;
            return;
        }
        (Some(l), Some(f)) if l < f => {
            a.extend(b);
            return;
        }
        _ => {}
    }
    let old = std::mem::take(a);
    a.reserve(old.len() + b.len());
    let (mut x, mut y) = (old.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (x.peek(), y.peek()) {
            (Some(p), Some(q)) => match p.cmp(q) {
                std::cmp::Ordering::Less => x.next(),
                std::cmp::Ordering::Greater => y.next(),
                std::cmp::Ordering::Equal => {
                    y.next();
                    x.next()
                }
            },
            (Some(_), None) => x.next(),
            (None, Some(_)) => y.next(),
            (None, None) => break,
        };
        a.extend(next);
    }
}

/// Keeps the better of the slot's date and `d` (see [`better_date`]) without
/// copying `d` unless it wins.
fn offer_date(slot: &mut Option<String>, d: &str) {
    let wins = match slot {
        None => true,
        Some(s) => (std::cmp::Reverse(d.len()), d) < (std::cmp::Reverse(s.len()), s.as_str()),
    };
    if wins {
        *slot = Some(d.to_string());
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct NodeAcc {
    kind: Option<Kind>,
    /// Candidate labels with how often each was the mention's label.
    labels: BTreeMap<String, u64>,
    /// True when the label comes from the lexicon (then it always wins).
    fixed_label: Option<String>,
    surfaces: BTreeSet<String>,
    mentions: u64,
    /// Indices into the builder's table.
    documents: DocList,
    roles: BTreeSet<String>,
    deployment: Option<Deployment>,
}

impl NodeAcc {
    fn merge(&mut self, o: NodeAcc) {
        self.kind = self.kind.or(o.kind);
        for (l, n) in o.labels {
            *self.labels.entry(l).or_default() += n;
        }
        self.fixed_label = match (self.fixed_label.take(), o.fixed_label) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.surfaces.extend(o.surfaces);
        self.mentions += o.mentions;
        self.documents.union(&o.documents);
        self.roles.extend(o.roles);
        self.deployment = match (self.deployment.take(), o.deployment) {
            (Some(mut a), Some(b)) => {
                a.approximate |= b.approximate;
                a.status = a.status.max(b.status);
                a.date = better_date(a.date.take(), b.date);
                a.count_max = a.count_max.max(b.count_max);
                Some(a)
            }
            (a, b) => a.or(b),
        };
    }

    fn label(&self) -> String {
        if let Some(f) = &self.fixed_label {
            return f.clone();
        }
        if let Some(d) = &self.deployment {
            return deployment_label(d.count, d.count_max, &d.unit);
        }
        // Most frequent, then the longest (fullest) form, then alphabetical.
        self.labels
            .iter()
            .max_by(|a, b| {
                (a.1, a.0.len(), std::cmp::Reverse(a.0)).cmp(&(
                    b.1,
                    b.0.len(),
                    std::cmp::Reverse(b.0),
                ))
            })
            .map(|(l, _)| l.clone())
            .unwrap_or_default()
    }
}

/// One edge under construction. Every list is a small sorted `Vec` rather
/// than a B-tree: most edges hold one or two items, and a B-tree's first leaf
/// alone costs hundreds of bytes (eleven evidence slots ≈ 900).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct EdgeAcc {
    weight: u64,
    /// Indices into the builder's table.
    documents: DocList,
    /// The first `max_evidence` by (document id, start, end, text), sorted
    /// so (see [`evidence_order`]); documents are indices into the table.
    evidence: Vec<Evidence>,
    /// Only the best date counts ([`better_date`] is associative and
    /// commutative); written as the list `dates` of partial version 1.
    #[serde(rename = "dates", with = "date_list")]
    date: Option<String>,
    /// Sorted by place id; a `{place: count}` map in JSON.
    #[serde(with = "place_map")]
    places: Vec<(NodeId, u64)>,
    /// Sorted, without repeats.
    reported_by: Vec<NodeId>,
}

impl EdgeAcc {
    fn merge(&mut self, o: EdgeAcc, max_evidence: usize, docs: &Documents) {
        self.weight += o.weight;
        self.documents.union(&o.documents);
        self.evidence.extend(o.evidence);
        sort_evidence(&mut self.evidence, max_evidence, docs);
        if let Some(d) = o.date {
            offer_date(&mut self.date, &d);
        }
        for (p, n) in o.places {
            match self.places.binary_search_by(|(q, _)| q.cmp(&p)) {
                Ok(i) => self.places[i].1 += n,
                Err(i) => self.places.insert(i, (p, n)),
            }
        }
        union_sorted(&mut self.reported_by, o.reported_by);
    }
}

/// The order evidence is kept in: (document id, start, end, text), the
/// document's id read from `docs`.
fn evidence_order(docs: &Documents, a: &Evidence, b: &Evidence) -> Ordering {
    let by_doc = if a.document == b.document {
        Ordering::Equal
    } else {
        docs.id(a.document).cmp(docs.id(b.document))
    };
    by_doc.then_with(|| (a.start, a.end, &*a.text).cmp(&(b.start, b.end, &*b.text)))
}

/// Sorts evidence (see [`evidence_order`]), drops repeats and keeps the first `max`.
fn sort_evidence(list: &mut Vec<Evidence>, max: usize, docs: &Documents) {
    list.sort_by(|a, b| evidence_order(docs, a, b));
    list.dedup_by(|b, a| evidence_order(docs, a, b) == Ordering::Equal);
    list.truncate(max);
}

/// Finds a document of the table by id: a map from the id's hash to its
/// index, so the ids are not stored twice (a hash that two ids share sends
/// the later one to a small map by text).
#[derive(Debug, Clone, Default)]
struct DocIndex {
    by_hash: FxHashMap<u64, DocIdx>,
    collided: FxHashMap<Box<str>, DocIdx>,
}

fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

impl DocIndex {
    fn find(&self, docs: &Documents, id: &str) -> Option<DocIdx> {
        match self.by_hash.get(&id_hash(id)) {
            Some(&i) if docs.id(i) == id => Some(i),
            Some(_) => self.collided.get(id).copied(),
            None => None,
        }
    }

    fn insert(&mut self, id: &str, i: DocIdx) {
        match self.by_hash.entry(id_hash(id)) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(_) => {
                self.collided.insert(id.into(), i);
            }
        }
    }
}

/// Graph under construction: what `extract` and `merge` feed, and what
/// `--partial` files hold.
///
/// Documents are numbered in the order they are first added: nodes, edges
/// and evidence cite them by index into the `documents` table, so adding
/// them in input order only ever appends to a node's or edge's list.
/// [`GraphBuilder::finish`] renumbers them in id order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GraphBuilder {
    max_evidence: usize,
    /// Hashed, not sorted: every mention and claim looks one up, and a hash
    /// costs less than a dozen id comparisons down a B-tree. The graph sorts
    /// them ([`EntityGraph::from_parts`]) and so does a partial file.
    #[serde(with = "node_map")]
    nodes: FxHashMap<NodeId, NodeAcc>,
    /// A list of `[key, edge]` pairs in JSON, whose map keys must be strings.
    #[serde(with = "edge_list")]
    edges: FxHashMap<(NodeId, NodeId, Relation), EdgeAcc>,
    /// In the order first added; a list of documents in JSON.
    documents: Documents,
    /// Rebuilt from `documents` when a partial file is read.
    #[serde(skip)]
    index: DocIndex,
}

/// Two builders are equal when they hold the same documents and elements,
/// whatever order the documents were numbered in (merging `a` into `b` or
/// `b` into `a` numbers them differently).
impl PartialEq for GraphBuilder {
    fn eq(&self, other: &Self) -> bool {
        fn docs(b: &GraphBuilder) -> Vec<DocRef<'_>> {
            let mut all: Vec<DocRef<'_>> = b.documents.iter().collect();
            all.sort_unstable();
            all
        }
        fn ids<'a>(b: &'a GraphBuilder, l: &'a DocList) -> Vec<&'a str> {
            let mut all: Vec<&str> = b.documents.ids(l).collect();
            all.sort_unstable();
            all
        }
        fn evidence<'a>(b: &'a GraphBuilder, e: &'a EdgeAcc) -> Vec<(&'a str, usize, usize, &'a str)> {
            e.evidence
                .iter()
                .map(|v| (b.documents.id(v.document), v.start, v.end, &*v.text))
                .collect()
        }
        let same_node = |a: &NodeAcc, b: &NodeAcc| {
            let bare = |n: &NodeAcc| NodeAcc {
                documents: DocList::new(),
                ..n.clone()
            };
            bare(a) == bare(b) && ids(self, &a.documents) == ids(other, &b.documents)
        };
        let same_edge = |a: &EdgeAcc, b: &EdgeAcc| {
            let bare = |e: &EdgeAcc| EdgeAcc {
                documents: DocList::new(),
                evidence: Vec::new(),
                ..e.clone()
            };
            bare(a) == bare(b)
                && ids(self, &a.documents) == ids(other, &b.documents)
                && evidence(self, a) == evidence(other, b)
        };
        self.max_evidence == other.max_evidence
            && docs(self) == docs(other)
            && self.nodes.len() == other.nodes.len()
            && self.edges.len() == other.edges.len()
            && self
                .nodes
                .iter()
                .all(|(k, a)| other.nodes.get(k).is_some_and(|b| same_node(a, b)))
            && self
                .edges
                .iter()
                .all(|(k, a)| other.edges.get(k).is_some_and(|b| same_edge(a, b)))
    }
}

impl Eq for GraphBuilder {}

/// Nodes as a map sorted by id, so the same builder always writes the same file.
mod node_map {
    use super::{FxHashMap, NodeAcc, NodeId};
    use serde::{Deserialize, Deserializer, Serializer};

    type Nodes = FxHashMap<NodeId, NodeAcc>;

    pub fn serialize<S: Serializer>(nodes: &Nodes, s: S) -> Result<S::Ok, S::Error> {
        let mut sorted: Vec<_> = nodes.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        s.collect_map(sorted)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Nodes, D::Error> {
        Nodes::deserialize(d)
    }
}

mod edge_list {
    use super::{EdgeAcc, FxHashMap, NodeId, Relation};
    use serde::{Deserialize, Deserializer, Serializer};

    type Edges = FxHashMap<(NodeId, NodeId, Relation), EdgeAcc>;

    /// Sorted by key, so the same builder always writes the same file.
    pub fn serialize<S: Serializer>(edges: &Edges, s: S) -> Result<S::Ok, S::Error> {
        let mut sorted: Vec<_> = edges.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        s.collect_seq(sorted)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Edges, D::Error> {
        let list = Vec::<((NodeId, NodeId, Relation), EdgeAcc)>::deserialize(d)?;
        Ok(list.into_iter().collect())
    }
}

/// An edge's best date as the list of dates partial files have always held.
mod date_list {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(date.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let list = Vec::<String>::deserialize(d)?;
        Ok(list
            .into_iter()
            .fold(None, |a, d| super::better_date(a, Some(d))))
    }
}

/// Place counts as a `{place: count}` map.
mod place_map {
    use super::NodeId;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(places: &[(NodeId, u64)], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(places.iter().map(|(p, n)| (p, n)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(NodeId, u64)>, D::Error> {
        Ok(BTreeMap::<NodeId, u64>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

impl GraphBuilder {
    /// An empty builder keeping at most `max_evidence` sentences per edge.
    pub fn new(max_evidence: usize) -> GraphBuilder {
        GraphBuilder {
            max_evidence,
            ..GraphBuilder::default()
        }
    }

    /// Number of documents added so far.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// The index of document `d.id`, adding it (the newest information
    /// about a document wins, as it always has).
    fn intern(&mut self, d: DocRef<'_>) -> DocIdx {
        match self.index.find(&self.documents, d.id) {
            Some(i) => {
                // A file read a page at a time adds one document per page:
                // store its information again only if it changed.
                if self.documents.get(i) != Some(d) {
                    self.documents.set(i, d);
                }
                i
            }
            None => {
                let i = self.documents.push(d);
                self.index.insert(d.id, i);
                i
            }
        }
    }

    /// Puts a builder read from a partial file (written by hand, or by an
    /// older build) in canonical form: documents with a repeated id become
    /// one (the later information wins), indices pointing nowhere are
    /// dropped, every list is sorted and without repeats.
    pub(crate) fn normalize(&mut self) {
        let read = std::mem::take(&mut self.documents);
        self.index = DocIndex::default();
        let map: Vec<DocIdx> = read.iter().map(|d| self.intern(d)).collect();
        drop(read);
        let map = |d: DocIdx| map.get(d as usize).copied();
        for acc in self.nodes.values_mut() {
            acc.documents = acc.documents.remap(map);
        }
        for acc in self.edges.values_mut() {
            acc.documents = acc.documents.remap(map);
            acc.evidence.retain_mut(|e| match map(e.document) {
                Some(d) => {
                    e.document = d;
                    true
                }
                None => false,
            });
            sort_evidence(&mut acc.evidence, self.max_evidence, &self.documents);
            acc.places.sort();
            acc.places.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            acc.reported_by.sort();
            acc.reported_by.dedup();
        }
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, ex: &Extraction) {
        let doc = self.intern(ex.doc.as_ref());
        for m in &ex.mentions {
            let acc = match self.nodes.get_mut(&m.id) {
                Some(acc) => acc,
                None => self.nodes.entry(m.id.clone()).or_default(),
            };
            acc.kind = Some(m.kind);
            acc.mentions += 1;
            acc.documents.insert(doc);
            // Every form carries the canonical label (a country named only by
            // its adjective still gets one); only names and descriptions are aliases.
            // Look up before inserting: most mentions repeat a known label,
            // surface or role, and an `entry`/`insert` would copy it first.
            match acc.labels.get_mut(&m.label) {
                Some(n) => *n += 1,
                None => {
                    acc.labels.insert(m.label.clone(), 1);
                }
            }
            if matches!(m.form, MentionForm::Name | MentionForm::Description)
                && !acc.surfaces.contains(&m.surface)
            {
                acc.surfaces.insert(m.surface.clone());
            }
            if let Some(r) = &m.role
                && !acc.roles.contains(r)
            {
                acc.roles.insert(r.clone());
            }
        }
        let ids: Vec<NodeId> = ex.drafts.iter().map(draft_id).collect();
        for (d, id) in ex.drafts.iter().zip(&ids) {
            let acc = NodeAcc {
                kind: Some(Kind::Deployment),
                labels: BTreeMap::new(),
                fixed_label: None,
                surfaces: d.surfaces.iter().cloned().collect(),
                mentions: d.mentions,
                documents: DocList::from([doc]),
                roles: BTreeSet::new(),
                deployment: Some(d.deployment.clone()),
            };
            self.nodes.entry(id.clone()).or_default().merge(acc);
        }
        let resolve = |e: &End| match e {
            End::Entity(id) => id.clone(),
            End::Deployment(i) => ids[*i].clone(),
        };
        let max_evidence = self.max_evidence;
        let doc_id = self.documents.id(doc);
        // One shared text per sentence, however many edges it supports.
        let mut texts: Vec<Option<Arc<str>>> = vec![None; ex.sentences.len()];
        for c in &ex.claims {
            let (mut s, mut t) = (resolve(&c.source), resolve(&c.target));
            if s == t {
                continue;
            }
            let symmetric = is_symmetric(c.relation, &s, &t);
            if symmetric && t < s {
                std::mem::swap(&mut s, &mut t);
            }
            let Some(sentence) = ex.sentences.get(c.sentence) else {
                continue;
            };
            let acc = self.edges.entry((s, t, c.relation)).or_default();
            acc.weight += 1;
            acc.documents.insert(doc);
            // The list keeps its first `max_evidence` in (document id,
            // start, end, text) order: find the sentence's place without
            // copying its text, and copy it only when it is kept.
            let key = (sentence.start, sentence.end, sentence.text.as_str());
            let at = acc.evidence.binary_search_by(|e| {
                let by_doc = if e.document == doc {
                    Ordering::Equal
                } else {
                    self.documents.id(e.document).cmp(doc_id)
                };
                by_doc.then_with(|| (e.start, e.end, &*e.text).cmp(&key))
            });
            if let Err(i) = at
                && i < max_evidence
            {
                let text = texts[c.sentence]
                    .get_or_insert_with(|| Arc::from(sentence.text.as_str()))
                    .clone();
                if acc.evidence.len() == max_evidence {
                    acc.evidence.pop();
                } else if acc.evidence.capacity() == acc.evidence.len() {
                    // Room for the cap at once rather than by doubling.
                    acc.evidence.reserve_exact(max_evidence - acc.evidence.len());
                }
                acc.evidence.insert(
                    i,
                    Evidence {
                        document: doc,
                        start: sentence.start,
                        end: sentence.end,
                        text,
                    },
                );
            }
            if let Some(d) = &c.date {
                offer_date(&mut acc.date, d);
            }
            if let Some(p) = &c.place {
                match acc.places.binary_search_by(|(q, _)| q.cmp(p)) {
                    Ok(i) => acc.places[i].1 += 1,
                    Err(i) => acc.places.insert(i, (p.clone(), 1)),
                }
            }
            for r in &c.reported_by {
                if let Err(i) = acc.reported_by.binary_search(r) {
                    acc.reported_by.insert(i, r.clone());
                }
            }
        }
    }

    /// Merges another builder into this one (associative and commutative).
    pub fn merge(&mut self, other: GraphBuilder) {
        self.max_evidence = self.max_evidence.max(other.max_evidence);
        let map: Vec<DocIdx> = other.documents.iter().map(|d| self.intern(d)).collect();
        let map = |d: DocIdx| map.get(d as usize).copied();
        for (id, mut acc) in other.nodes {
            acc.documents = acc.documents.remap(map);
            self.nodes.entry(id).or_default().merge(acc);
        }
        let max_evidence = self.max_evidence;
        for (key, mut o) in other.edges {
            o.documents = o.documents.remap(map);
            o.evidence.retain_mut(|e| match map(e.document) {
                Some(d) => {
                    e.document = d;
                    true
                }
                None => false,
            });
            self.edges
                .entry(key)
                .or_default()
                .merge(o, max_evidence, &self.documents);
        }
    }

    /// The finished graph, its documents renumbered in id order.
    pub fn finish(self) -> EntityGraph {
        let GraphBuilder {
            nodes: node_accs,
            edges: edge_accs,
            documents: added,
            index,
            ..
        } = self;
        drop(index);
        let mut order: Vec<DocIdx> = (0..added.len() as DocIdx).collect();
        // Ids are unique in the table: an unstable sort gives one order.
        order.sort_unstable_by(|&a, &b| added.id(a).cmp(added.id(b)));
        let mut documents = Documents::with_capacity(added.text_len(), added.len());
        let mut renumber: Vec<DocIdx> = vec![0; added.len()];
        for (new, &old) in order.iter().enumerate() {
            documents.push(added.get(old).unwrap_or_default());
            renumber[old as usize] = new as DocIdx;
        }
        drop((added, order));
        let map = |d: DocIdx| renumber.get(d as usize).copied();
        let mut nodes = Vec::with_capacity(node_accs.len());
        // Consumed as it goes, so the builder and the graph are not both whole.
        for (id, acc) in node_accs {
            let mut docs = acc.documents.remap(map);
            docs.shrink_to_fit();
            let label = acc.label();
            let kind = acc.kind.or_else(|| id.kind()).unwrap_or(Kind::Place);
            let aliases = acc.surfaces.into_iter().filter(|s| *s != label).collect();
            nodes.push(Node {
                id,
                label,
                kind,
                aliases,
                mentions: acc.mentions,
                documents: docs,
                roles: acc.roles,
                deployment: acc.deployment,
            });
        }
        let edges = edge_accs
            .into_iter()
            .map(|((source, target, relation), acc)| {
                let mut docs = acc.documents.remap(map);
                docs.shrink_to_fit();
                drop(acc.documents);
                let place = acc
                    .places
                    .iter()
                    .max_by(|a, b| {
                        (a.1, std::cmp::Reverse(&a.0)).cmp(&(b.1, std::cmp::Reverse(&b.0)))
                    })
                    .map(|(p, _)| p.clone());
                // Sorted by document id, so renumbering keeps the order.
                let mut evidence = acc.evidence;
                for e in &mut evidence {
                    e.document = map(e.document).unwrap_or_default();
                }
                evidence.shrink_to_fit();
                Edge {
                    symmetric: is_symmetric(relation, &source, &target),
                    source,
                    target,
                    relation,
                    key: 0,
                    weight: acc.weight,
                    documents: docs,
                    evidence,
                    date: acc.date,
                    place,
                    reported_by: acc.reported_by.into_iter().collect(),
                }
            })
            .collect();
        EntityGraph::from_sorted_documents(nodes, edges, documents)
    }
}

/// `met` always; `agreed` between two actors.
fn is_symmetric(relation: Relation, s: &NodeId, t: &NodeId) -> bool {
    let actor = |id: &NodeId| id.kind().is_some_and(Kind::is_actor);
    relation == Relation::Met || relation == Relation::Agreed && actor(s) && actor(t)
}

/// A deployment's id: its merge key, origin, count (and upper bound), unit and destination.
fn draft_id(draft: &crate::relations::DeploymentDraft) -> NodeId {
    let d = &draft.deployment;
    let end = |id: &Option<NodeId>| {
        id.as_ref()
            .and_then(|i| i.as_str().split_once(':').map(|(_, s)| s.to_string()))
    };
    let mut key = end(&d.from).unwrap_or_else(|| "unknown".to_string());
    key.push_str(&format!("-{}", d.count));
    if let Some(m) = d.count_max {
        key.push_str(&format!("-{m}"));
    }
    key.push('-');
    key.push_str(&d.unit);
    if let Some(to) = end(&d.to) {
        key.push_str("-to-");
        key.push_str(&to);
    }
    node_id(Kind::Deployment, &key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_named_only_by_its_adjective_has_a_label() {
        let lex = crate::lexicon::load_lexicon(&[]).unwrap();
        let doc = crate::corpus::Document::new(
            "d".into(),
            "d.txt".into(),
            "Ukrainian officials met again.".into(),
            None,
            None,
            None,
        );
        let mut b = GraphBuilder::new(3);
        b.add(&crate::extract::extract_document(&doc, &lex));
        let g = b.finish();
        assert!(
            g.nodes().all(|n| !n.label.is_empty()),
            "{:?}",
            g.nodes().map(|n| (&n.id, &n.label)).collect::<Vec<_>>()
        );
        let doc = crate::corpus::Document::new(
            "e".into(),
            "e.txt".into(),
            "North Korean workers arrived.".into(),
            None,
            None,
            None,
        );
        let mut b = GraphBuilder::new(3);
        b.add(&crate::extract::extract_document(&doc, &lex));
        assert!(b.finish().nodes().all(|n| !n.label.is_empty()));
    }

    #[test]
    fn deployment_labels_read_like_the_text() {
        assert_eq!(
            deployment_label(5000, None, "construction troops"),
            "5,000 construction troops"
        );
        assert_eq!(
            deployment_label(10000, Some(12000), "troops"),
            "10,000–12,000 troops"
        );
        assert_eq!(
            deployment_label(9_000_000, None, "artillery shells"),
            "9 million artillery shells"
        );
        assert_eq!(
            deployment_label(1_500_000, None, "rounds"),
            "1.5 million rounds"
        );
    }

    #[test]
    fn dates_merge_to_the_most_precise_then_earliest() {
        assert_eq!(
            better_date(Some("2025".into()), Some("2025-09".into())).as_deref(),
            Some("2025-09")
        );
        assert_eq!(
            better_date(Some("2025-10".into()), Some("2025-09".into())).as_deref(),
            Some("2025-09")
        );
    }
}
