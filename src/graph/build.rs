//! Merging claims into the graph (filled in with the pipeline).
