//! Node ids live in the model layer (`crate::model::ids`); kept here under
//! their old path.

pub use crate::model::ids::*;
