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
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// Adds `doc` to a sorted list of document ids unless it is there already.
///
/// Documents arrive mostly in id order and a node is mentioned many times in
/// one document, so the common cases are "same as the last" and "after the
/// last", both O(1).
fn insert_doc(list: &mut Vec<DocId>, doc: &DocId) {
    match list.last() {
        Some(last) if DocId::ptr_eq(last, doc) || **last == **doc => {}
        Some(last) if **last > **doc => {
            if let Err(i) = list.binary_search_by(|d| (**d).cmp(&**doc)) {
                list.insert(i, doc.clone());
            }
        }
        _ => list.push(doc.clone()),
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
    /// Sorted, without repeats (a set in the partial file's JSON).
    documents: Vec<DocId>,
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
        union_sorted(&mut self.documents, o.documents);
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
    /// Sorted, without repeats.
    documents: Vec<DocId>,
    /// The first `max_evidence` by (document, start, end, text), sorted.
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
    fn merge(&mut self, o: EdgeAcc, max_evidence: usize) {
        self.weight += o.weight;
        union_sorted(&mut self.documents, o.documents);
        union_sorted(&mut self.evidence, o.evidence);
        self.evidence.truncate(max_evidence);
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

/// Graph under construction: what `extract` and `merge` feed, and what
/// `--partial` files hold.
///
/// Document ids are shared: the `documents` table holds one [`DocId`] per
/// document and every node, edge and evidence sentence citing it holds a
/// clone of that pointer, never a copy of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    documents: BTreeMap<DocId, DocumentInfo>,
}

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

    /// The table's shared id for `id`, adding it with `info` (the newest
    /// information about a document wins, as it always has).
    fn intern(&mut self, id: &str, info: DocumentInfo) -> DocId {
        match self.documents.get_key_value(id) {
            Some((k, _)) => {
                let k = k.clone();
                self.documents.insert(k.clone(), info);
                k
            }
            None => {
                let k = DocId::from(id);
                self.documents.insert(k.clone(), info);
                k
            }
        }
    }

    /// Puts lists read from a partial file (or built by another builder) in
    /// canonical form and makes their document ids share this table's.
    fn share_docs(&self, list: &mut [DocId]) {
        for d in list {
            if let Some((k, _)) = self.documents.get_key_value(&**d) {
                *d = k.clone();
            }
        }
    }

    /// Sorts and deduplicates every list (a partial file written by hand or
    /// by an older build may hold them in any order) and shares document ids.
    pub(crate) fn normalize(&mut self) {
        let mut nodes = std::mem::take(&mut self.nodes);
        for acc in nodes.values_mut() {
            acc.documents.sort();
            acc.documents.dedup();
            self.share_docs(&mut acc.documents);
        }
        self.nodes = nodes;
        let mut edges = std::mem::take(&mut self.edges);
        for acc in edges.values_mut() {
            acc.documents.sort();
            acc.documents.dedup();
            self.share_docs(&mut acc.documents);
            acc.evidence.sort();
            acc.evidence.dedup();
            acc.evidence.truncate(self.max_evidence);
            for e in &mut acc.evidence {
                self.share_docs(std::slice::from_mut(&mut e.document));
            }
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
        self.edges = edges;
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, ex: &Extraction) {
        let doc = self.intern(&ex.doc.id, ex.doc.clone());
        for m in &ex.mentions {
            let acc = match self.nodes.get_mut(&m.id) {
                Some(acc) => acc,
                None => self.nodes.entry(m.id.clone()).or_default(),
            };
            acc.kind = Some(m.kind);
            acc.mentions += 1;
            insert_doc(&mut acc.documents, &doc);
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
                documents: vec![doc.clone()],
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
            insert_doc(&mut acc.documents, &doc);
            // The list keeps its first `max_evidence` in (document, start,
            // end, text) order: find the sentence's place without copying
            // its text, and copy it only when it is kept.
            let key = (&*doc, sentence.start, sentence.end, sentence.text.as_str());
            let at = acc
                .evidence
                .binary_search_by(|e| (&*e.document, e.start, e.end, e.text.as_str()).cmp(&key));
            if let Err(i) = at
                && i < max_evidence
            {
                acc.evidence.insert(
                    i,
                    Evidence {
                        document: doc.clone(),
                        start: sentence.start,
                        end: sentence.end,
                        text: sentence.text.clone(),
                    },
                );
                acc.evidence.truncate(max_evidence);
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
        for (id, info) in other.documents {
            self.intern(&id, info);
        }
        for (id, mut acc) in other.nodes {
            self.share_docs(&mut acc.documents);
            self.nodes.entry(id).or_default().merge(acc);
        }
        for (key, mut o) in other.edges {
            self.share_docs(&mut o.documents);
            for e in &mut o.evidence {
                self.share_docs(std::slice::from_mut(&mut e.document));
            }
            let max_evidence = self.max_evidence;
            self.edges.entry(key).or_default().merge(o, max_evidence);
        }
    }

    /// The finished graph.
    pub fn finish(self) -> EntityGraph {
        let mut nodes = Vec::with_capacity(self.nodes.len());
        // Consumed as it goes, so the builder and the graph are not both whole;
        // the lists move into the graph as they are (already sorted).
        for (id, mut acc) in self.nodes {
            // Growth slack is a third of a list on average: not worth keeping.
            acc.documents.shrink_to_fit();
            let label = acc.label();
            let kind = acc.kind.or_else(|| id.kind()).unwrap_or(Kind::Place);
            let aliases = acc.surfaces.into_iter().filter(|s| *s != label).collect();
            nodes.push(Node {
                id,
                label,
                kind,
                aliases,
                mentions: acc.mentions,
                documents: acc.documents,
                roles: acc.roles,
                deployment: acc.deployment,
            });
        }
        let edges = self
            .edges
            .into_iter()
            .map(|((source, target, relation), mut acc)| {
                acc.documents.shrink_to_fit();
                let place = acc
                    .places
                    .iter()
                    .max_by(|a, b| {
                        (a.1, std::cmp::Reverse(&a.0)).cmp(&(b.1, std::cmp::Reverse(&b.0)))
                    })
                    .map(|(p, _)| p.clone());
                Edge {
                    symmetric: is_symmetric(relation, &source, &target),
                    source,
                    target,
                    relation,
                    key: 0,
                    weight: acc.weight,
                    documents: acc.documents,
                    evidence: acc.evidence,
                    date: acc.date,
                    place,
                    reported_by: acc.reported_by.into_iter().collect(),
                }
            })
            .collect();
        EntityGraph::from_parts(nodes, edges, self.documents.into_values().collect())
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
