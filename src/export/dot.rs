//! Placeholder until the dot exporter lands.
use crate::graph::EntityGraph;
use std::io::{self, Write};
pub fn write_dot(_g: &EntityGraph, _o: &super::ExportOptions, _out: &mut dyn Write) -> io::Result<()> { Ok(()) }
