//! What extraction hands the graph stage: one document's mentions,
//! deployment drafts and claims ([`Extraction`]), with the sentences they
//! cite. The graph stage reads these types and nothing of the extractor.

use super::vocab::{Deployment, DocumentInfo, Kind, NodeId, Relation, deployment_label};

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionForm {
    /// A name (from the lexicon or found by a title or head word).
    Name,
    /// An adjective of nationality ("North Korean"): origin, not an actor.
    Demonym,
    /// A country's officials, government or media acting ("Russian officials").
    Body,
    /// A pronoun resolved to a person.
    Pronoun,
    /// A definite description resolved to an entity named earlier ("the spy agency").
    Description,
}

/// A mention as the graph needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRecord {
    pub id: NodeId,
    pub kind: Kind,
    pub label: String,
    pub surface: String,
    pub form: MentionForm,
    pub role: Option<String>,
}

/// A sentence kept as evidence: its span and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything one document contributes to the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub doc: DocumentInfo,
    pub sentences: Vec<SentenceSpan>,
    pub mentions: Vec<MentionRecord>,
    pub drafts: Vec<DeploymentDraft>,
    pub claims: Vec<Claim>,
    /// Pairs of drafts the text tells apart (counted in one sentence, or the
    /// later one "an additional" contingent): never one node.
    pub apart: Vec<(usize, usize)>,
    /// (place, country) for each place a draft goes to that the lexicon puts
    /// in a country ("Kursk" in Russia): what makes two destinations compatible.
    pub places_in: Vec<(NodeId, NodeId)>,
    /// Bytes of text read.
    pub bytes: usize,
}

impl Extraction {
    /// A readable label for a claim end (tests and debugging).
    pub fn end_label(&self, end: &End) -> String {
        match end {
            End::Entity(id) => self
                .mentions
                .iter()
                .find(|m| &m.id == id)
                .map_or_else(|| id.to_string(), |m| m.label.clone()),
            End::Deployment(d) => self.drafts.get(*d).map_or_else(String::new, |d| {
                let d = &d.deployment;
                deployment_label(d.count, d.count_max, &d.unit)
            }),
        }
    }
}

/// One end of a claim: a named entity or a deployment draft of the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum End {
    Entity(NodeId),
    Deployment(usize),
}

/// One relation stated by one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub relation: Relation,
    pub source: End,
    pub target: End,
    /// Index of the sentence in the document's sentence list.
    pub sentence: usize,
    pub date: Option<String>,
    pub place: Option<NodeId>,
    pub reported_by: Vec<NodeId>,
}

/// A contingent or shipment as one document describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentDraft {
    /// The fields the deployment node will carry.
    pub deployment: Deployment,
    /// A vague count ("thousands of").
    pub vague: bool,
    /// Surface forms seen ("about 5,000 construction troops").
    pub surfaces: Vec<String>,
    pub mentions: u64,
}
