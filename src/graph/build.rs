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
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A document id shared by every node and edge that cites the document:
/// at corpus scale these lists hold most of the builder, and one allocation
/// per document instead of one per citation keeps them several times smaller.
type DocId = Arc<str>;

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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct NodeAcc {
    kind: Option<Kind>,
    /// Candidate labels with how often each was the mention's label.
    labels: BTreeMap<String, u64>,
    /// True when the label comes from the lexicon (then it always wins).
    fixed_label: Option<String>,
    surfaces: BTreeSet<String>,
    mentions: u64,
    documents: BTreeSet<DocId>,
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
        self.documents.extend(o.documents);
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct EdgeAcc {
    weight: u64,
    documents: BTreeSet<DocId>,
    evidence: BTreeSet<Evidence>,
    dates: BTreeSet<String>,
    places: BTreeMap<NodeId, u64>,
    reported_by: BTreeSet<NodeId>,
}

/// Graph under construction: what `extract` and `merge` feed, and what
/// `--partial` files hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphBuilder {
    max_evidence: usize,
    nodes: BTreeMap<NodeId, NodeAcc>,
    /// A list of `[key, edge]` pairs in JSON, whose map keys must be strings.
    #[serde(with = "edge_list")]
    edges: BTreeMap<(NodeId, NodeId, Relation), EdgeAcc>,
    documents: BTreeMap<String, DocumentInfo>,
}

mod edge_list {
    use super::{EdgeAcc, NodeId, Relation};
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    type Edges = BTreeMap<(NodeId, NodeId, Relation), EdgeAcc>;

    pub fn serialize<S: Serializer>(edges: &Edges, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(edges.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Edges, D::Error> {
        let list = Vec::<((NodeId, NodeId, Relation), EdgeAcc)>::deserialize(d)?;
        Ok(list.into_iter().collect())
    }
}

fn sort_evidence(ev: &mut BTreeSet<Evidence>, cap: usize) {
    // BTreeSet orders by (document, start, end, text): keep the first `cap`.
    while ev.len() > cap {
        ev.pop_last();
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

    /// Adds one document's extraction.
    pub fn add(&mut self, ex: &Extraction) {
        let doc: DocId = Arc::from(ex.doc.id.as_str());
        self.documents.insert(ex.doc.id.clone(), ex.doc.clone());
        for m in &ex.mentions {
            let acc = self.nodes.entry(m.id.clone()).or_default();
            acc.kind = Some(m.kind);
            acc.mentions += 1;
            acc.documents.insert(doc.clone());
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
                documents: [doc.clone()].into(),
                roles: BTreeSet::new(),
                deployment: Some(d.deployment.clone()),
            };
            self.nodes.entry(id.clone()).or_default().merge(acc);
        }
        let resolve = |e: &End| match e {
            End::Entity(id) => id.clone(),
            End::Deployment(i) => ids[*i].clone(),
        };
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
            acc.documents.insert(doc.clone());
            // A full list keeps its first `max_evidence` in (document, start,
            // end, text) order: a sentence after the last kept one would be
            // inserted and popped again, so skip it without copying its text.
            let beyond_last = acc.evidence.len() >= self.max_evidence
                && acc.evidence.last().is_none_or(|last| {
                    (
                        ex.doc.id.as_str(),
                        sentence.start,
                        sentence.end,
                        sentence.text.as_str(),
                    ) > (
                        last.document.as_str(),
                        last.start,
                        last.end,
                        last.text.as_str(),
                    )
                });
            if !beyond_last {
                acc.evidence.insert(Evidence {
                    document: ex.doc.id.clone(),
                    start: sentence.start,
                    end: sentence.end,
                    text: sentence.text.clone(),
                });
                sort_evidence(&mut acc.evidence, self.max_evidence);
            }
            acc.dates.extend(c.date.clone());
            if let Some(p) = &c.place {
                *acc.places.entry(p.clone()).or_default() += 1;
            }
            acc.reported_by.extend(c.reported_by.iter().cloned());
        }
    }

    /// Merges another builder into this one (associative and commutative).
    pub fn merge(&mut self, other: GraphBuilder) {
        self.max_evidence = self.max_evidence.max(other.max_evidence);
        self.documents.extend(other.documents);
        for (id, acc) in other.nodes {
            self.nodes.entry(id).or_default().merge(acc);
        }
        for (key, o) in other.edges {
            let acc = self.edges.entry(key).or_default();
            acc.weight += o.weight;
            acc.documents.extend(o.documents);
            acc.evidence.extend(o.evidence);
            sort_evidence(&mut acc.evidence, self.max_evidence);
            acc.dates.extend(o.dates);
            for (p, n) in o.places {
                *acc.places.entry(p).or_default() += n;
            }
            acc.reported_by.extend(o.reported_by);
        }
    }

    /// The finished graph.
    pub fn finish(self) -> EntityGraph {
        let mut nodes = Vec::with_capacity(self.nodes.len());
        // Consumed as it goes, so the builder and the graph are not both whole.
        for (id, acc) in self.nodes {
            let label = acc.label();
            let kind = acc.kind.or_else(|| id.kind()).unwrap_or(Kind::Place);
            let aliases = acc
                .surfaces
                .iter()
                .filter(|s| **s != label)
                .cloned()
                .collect();
            nodes.push(Node {
                id,
                label,
                kind,
                aliases,
                mentions: acc.mentions,
                documents: acc.documents.iter().map(|d| d.to_string()).collect(),
                roles: acc.roles,
                deployment: acc.deployment,
            });
        }
        let edges = self
            .edges
            .into_iter()
            .map(|((source, target, relation), acc)| {
                let place = acc
                    .places
                    .iter()
                    .max_by(|a, b| {
                        (a.1, std::cmp::Reverse(a.0)).cmp(&(b.1, std::cmp::Reverse(b.0)))
                    })
                    .map(|(p, _)| p.clone());
                let date = acc
                    .dates
                    .into_iter()
                    .fold(None, |a, d| better_date(a, Some(d)));
                Edge {
                    symmetric: is_symmetric(relation, &source, &target),
                    source,
                    target,
                    relation,
                    key: 0,
                    weight: acc.weight,
                    documents: acc.documents.iter().map(|d| d.to_string()).collect(),
                    evidence: acc.evidence.into_iter().collect(),
                    date,
                    place,
                    reported_by: acc.reported_by,
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
