//! A vector stored in fixed-size chunks: what the builder keeps its edges in.
//!
//! A `Vec` of a quarter of a million edges grows by doubling: each growth
//! copies every edge into a block twice the size while the old one is still
//! held, and the finished graph's edges were made while the builder's whole
//! block stayed allocated. In chunks, growing never copies, and
//! [`Chunked::into_iter`] frees each chunk as soon as its elements have
//! moved out, so the builder's edges shrink while the graph's grow.

use std::ops::{Index, IndexMut};

/// Elements per chunk.
const CHUNK: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, value: T) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(value),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(value);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.chunks.iter_mut().flatten()
    }

    /// Keeps the first `n` elements.
    pub(crate) fn truncate(&mut self, n: usize) {
        if n >= self.len {
            return;
        }
        let full = n.div_ceil(CHUNK);
        self.chunks.truncate(full);
        if let Some(c) = self.chunks.last_mut() {
            c.truncate(n - full.saturating_sub(1) * CHUNK);
        }
        self.len = n;
    }
}

impl<T: Default> Chunked<T> {
    /// Puts the elements in the order `order` gives (`order[p]` is the
    /// position of the element that goes to `p`; a permutation of
    /// `0..len`), in place: one element moves at a time.
    pub(crate) fn permute(&mut self, order: &[u32]) {
        debug_assert_eq!(order.len(), self.len);
        let mut done = vec![false; order.len()];
        for start in 0..order.len() {
            if done[start] {
                continue;
            }
            // Follow the cycle through `start`: each place takes the element
            // of the place `order` names, the last one the first's.
            let first = std::mem::take(&mut self[start]);
            let mut at = start;
            loop {
                done[at] = true;
                let from = order[at] as usize;
                if from == start {
                    self[at] = first;
                    break;
                }
                self[at] = std::mem::take(&mut self[from]);
                at = from;
            }
        }
    }
}

/// The elements in order; each chunk is freed once its last element has
/// been taken.
impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

impl<T> Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> IndexMut<usize> for Chunked<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_indexes_truncates_and_permutes_across_chunks() {
        let n = 3 * CHUNK + 5;
        let mut c = Chunked::default();
        for i in 0..n {
            c.push(i);
        }
        assert_eq!(c.len(), n);
        assert_eq!(c[CHUNK + 1], CHUNK + 1);
        assert_eq!(c.get(n), None);
        // A permutation with long cycles and fixed points: p -> 7p mod n.
        let order: Vec<u32> = (0..n).map(|p| ((p * 7) % n) as u32).collect();
        c.permute(&order);
        assert!(c.iter().enumerate().all(|(p, &v)| v == order[p] as usize));
        c.truncate(CHUNK + 2);
        assert_eq!(c.len(), CHUNK + 2);
        let all: Vec<usize> = c.into_iter().collect();
        assert_eq!(all.len(), CHUNK + 2);
        assert_eq!(all[CHUNK + 1], order[CHUNK + 1] as usize);
        let mut e: Chunked<u8> = Chunked::default();
        e.truncate(0);
        e.permute(&[]);
        assert_eq!(e.into_iter().count(), 0);
    }
}
