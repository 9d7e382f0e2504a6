//! Relations: each sentence's mentions and quantities become [`Claim`]s.
//!
//! `context` gives rules a view of one sentence (clauses, subjects, objects);
//! `rules/` holds one file per relation; `attribution` finds who a sentence's
//! claims are attributed to and `reported` builds their `reported` claims;
//! `drafts` merges a document's mentions of one contingent; `negation` rejects
//! negated and hypothetical events; `dates` resolves time expressions against
//! the document's date; `carry` ties a shipment to what another sentence
//! says of it. Deployments are drafts local to the document until
//! `graph::build` gives them ids.

pub mod attribution;
pub mod carry;
pub mod context;
pub mod dates;
pub mod drafts;
pub mod negation;
pub mod reported;
pub mod rules;

pub use crate::model::{Claim, DeploymentDraft, End};
