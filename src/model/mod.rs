//! The model layer: the types that cross stages. Extraction (`mentions`,
//! `relations`, `extract`) produces them, `graph` and `lexicon` read them;
//! none of those stages imports another's internals to get them.
//!
//! `vocab` holds kinds, relations, node ids and deployments; `extraction`
//! holds what one document contributes (mentions, drafts, claims).

mod extraction;
pub mod ids;
mod vocab;

pub use extraction::{
    Claim, DeploymentDraft, End, Extraction, MentionForm, MentionRecord, SentenceSpan,
};
pub use vocab::{
    Category, Deployment, DocumentInfo, Kind, NodeId, Relation, Status, deployment_label,
};
