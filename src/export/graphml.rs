//! Placeholder until the graphml exporter lands.
use crate::graph::EntityGraph;
use std::io::{self, Write};
pub fn write_graphml(_g: &EntityGraph, _out: &mut dyn Write) -> io::Result<()> { Ok(()) }
