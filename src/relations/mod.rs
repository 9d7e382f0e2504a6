//! Relations: each sentence's mentions and quantities become [`Claim`]s.
//!
//! `context` gives rules a view of one sentence (clauses, subjects, objects);
//! `rules/` holds one file per relation; `attribution` finds who a sentence's
//! claims are attributed to and adds `reported` claims; `negation` rejects
//! negated and hypothetical events; `dates` resolves time expressions against
//! the document's date; `carry` ties a shipment to what another sentence
//! says of it. Deployments are drafts local to the document until
//! `graph::build` gives them ids.

pub mod attribution;
pub mod carry;
pub mod context;
pub mod dates;
pub mod negation;
pub mod rules;

use crate::graph::{Deployment, NodeId, Relation};

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
