//! The graph stage: claims from every document become one [`EntityGraph`].
//!
//! `model` holds the types exporters read, `ids` makes node ids, `build` merges
//! mentions and claims into nodes and edges, `partial` stores a builder on disk,
//! `variants` finds one person's spelling variants.
//! petgraph indices stay in here.

pub mod build;
mod chunked;
pub mod docs;
pub mod ids;
pub mod model;
pub mod movements;
pub mod partial;
pub mod sentences;
pub mod variants;

pub use model::{
    Category, Deployment, DocIdx, DocList, DocRef, DocumentInfo, Documents, Edge, EntityGraph,
    Estimate, Evidence, GENERATOR, Kind, Node, NodeId, Relation, Status, Text,
};
