//! Compact document storage: the document table and the lists of documents
//! nodes and edges cite.
//!
//! At corpus scale the citations are most of the graph (22 million in the
//! graph of 1 GB of news, 409,000 documents), so a document is cited by its
//! `u32` index in its graph's [`Documents`] table, and a list of citations,
//! [`DocList`], is sorted indices stored as varint-coded gaps (a node or an
//! edge cites documents close together, so a citation is a byte or two). The
//! table keeps every document's five strings in one arena.
//!
//! In a finished graph the table is sorted by id, so index order is id order.

use crate::model::DocumentInfo;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A document's index in its graph's (or builder's) document table.
pub type DocIdx = u32;

/// A sorted list of document indices without repeats, stored as
/// varint-coded gaps: 1 to 5 bytes a citation, usually 1 or 2.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct DocList {
    bytes: Vec<u8>,
    len: u32,
    /// The largest index, valid when `len > 0`: appending only needs it.
    last: DocIdx,
}

fn put_varint(bytes: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        bytes.push((v as u8) | 0x80);
        v >>= 7;
    }
    bytes.push(v as u8);
}

impl DocList {
    /// An empty list.
    pub fn new() -> DocList {
        DocList::default()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when no document is cited.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The indices, in increasing order.
    pub fn iter(&self) -> DocIter<'_> {
        DocIter {
            bytes: &self.bytes,
            prev: 0,
            first: true,
        }
    }

    /// The smallest index.
    pub fn first(&self) -> Option<DocIdx> {
        self.iter().next()
    }

    /// The largest index.
    pub fn last(&self) -> Option<DocIdx> {
        (self.len > 0).then_some(self.last)
    }

    /// True when `doc` is in the list.
    pub fn contains(&self, doc: DocIdx) -> bool {
        self.last().is_some_and(|l| l >= doc) && self.iter().any(|d| d == doc)
    }

    /// Adds `doc` unless it is there already. O(1) when `doc` is not below
    /// the largest index (documents are added in input order, so that is
    /// the common case); otherwise the list is rewritten.
    pub fn insert(&mut self, doc: DocIdx) {
        match self.last() {
            None => put_varint(&mut self.bytes, doc),
            Some(l) if doc > l => put_varint(&mut self.bytes, doc - l),
            Some(l) if doc == l => return,
            Some(_) => {
                if !self.contains(doc) {
                    let mut all: Vec<DocIdx> = self.iter().collect();
                    let at = all.partition_point(|&d| d < doc);
                    all.insert(at, doc);
                    *self = DocList::from_sorted(all);
                }
                return;
            }
        }
        self.len += 1;
        self.last = doc;
    }

    /// The list of `sorted` (increasing, no repeats).
    fn from_sorted(sorted: impl IntoIterator<Item = DocIdx>) -> DocList {
        let mut list = DocList::new();
        for d in sorted {
            list.insert(d);
        }
        list
    }

    /// The sorted union of both lists.
    pub fn union(&mut self, other: &DocList) {
        if other.is_empty() {
            return;
        }
        match (self.last(), other.first()) {
            (None, _) => *self = other.clone(),
            (Some(l), Some(f)) if l < f => {
                for d in other.iter() {
                    self.insert(d);
                }
            }
            _ => {
                let mut all: Vec<DocIdx> = self.iter().chain(other.iter()).collect();
                all.sort_unstable();
                *self = DocList::from_sorted(all);
            }
        }
    }

    /// The list with every index `d` replaced by `map(d)`, dropping those
    /// mapped to `None`, sorted again.
    pub fn remap(&self, map: impl Fn(DocIdx) -> Option<DocIdx>) -> DocList {
        self.iter().filter_map(map).collect()
    }

    /// Gives back growth slack (a third of a list on average).
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

impl FromIterator<DocIdx> for DocList {
    /// Any order, repeats allowed.
    fn from_iter<I: IntoIterator<Item = DocIdx>>(iter: I) -> DocList {
        let mut all: Vec<DocIdx> = iter.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        DocList::from_sorted(all)
    }
}

impl<const N: usize> From<[DocIdx; N]> for DocList {
    fn from(docs: [DocIdx; N]) -> DocList {
        docs.into_iter().collect()
    }
}

impl fmt::Debug for DocList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for DocList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for DocList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DocList, D::Error> {
        Ok(Vec::<DocIdx>::deserialize(d)?.into_iter().collect())
    }
}

/// The indices of a [`DocList`], in increasing order.
#[derive(Clone)]
pub struct DocIter<'a> {
    bytes: &'a [u8],
    prev: DocIdx,
    first: bool,
}

impl Iterator for DocIter<'_> {
    type Item = DocIdx;

    fn next(&mut self) -> Option<DocIdx> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u32::from(b & 0x7f).wrapping_shl(shift);
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        self.prev = if self.first {
            v
        } else {
            self.prev.wrapping_add(v)
        };
        self.first = false;
        Some(self.prev)
    }
}

/// One document of a [`Documents`] table, borrowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DocRef<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub date: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl DocRef<'_> {
    /// An owned copy.
    pub fn to_info(&self) -> DocumentInfo {
        DocumentInfo {
            id: self.id.to_string(),
            path: self.path.to_string(),
            date: self.date.map(str::to_string),
            title: self.title.map(str::to_string),
            url: self.url.map(str::to_string),
        }
    }
}

/// Field length meaning "absent".
const NONE: u32 = u32::MAX;

/// Where one document's strings lie in the arena: they follow each other
/// from `start`, in field order, each `len` bytes long (`NONE`: absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    lens: [u32; 5],
}

/// A table of documents, indexed by [`DocIdx`]: every document's strings
/// in one arena (about 100 bytes a document, against some 300 as five
/// `String`s), 28 bytes of offsets each.
#[derive(Clone, Default)]
pub struct Documents {
    text: String,
    spans: Vec<Span>,
}

impl Documents {
    /// An empty table.
    pub fn new() -> Documents {
        Documents::default()
    }

    /// An empty table with room for `n` documents of `text` bytes in all.
    pub fn with_capacity(text: usize, n: usize) -> Documents {
        Documents {
            text: String::with_capacity(text),
            spans: Vec::with_capacity(n),
        }
    }

    /// Bytes of text stored.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Appends a document, returning its index.
    pub fn push(&mut self, d: DocRef<'_>) -> DocIdx {
        let span = self.store(d);
        self.spans.push(span);
        (self.spans.len() - 1) as DocIdx
    }

    /// Replaces document `i` (its old strings stay in the arena unused:
    /// replacing is rare, a repeated document id).
    pub fn set(&mut self, i: DocIdx, d: DocRef<'_>) {
        let span = self.store(d);
        if let Some(s) = self.spans.get_mut(i as usize) {
            *s = span;
        }
    }

    fn store(&mut self, d: DocRef<'_>) -> Span {
        let start = self.text.len();
        let mut lens = [NONE; 5];
        for (len, field) in lens
            .iter_mut()
            .zip([Some(d.id), Some(d.path), d.date, d.title, d.url])
        {
            if let Some(f) = field {
                // A field of 4 GiB cannot come from a document held in
                // memory; cut rather than wrap if it ever did.
                let n = f.len().min(NONE as usize - 1);
                let n = (0..=n).rev().find(|&n| f.is_char_boundary(n)).unwrap_or(0);
                self.text.push_str(&f[..n]);
                *len = n as u32;
            }
        }
        Span { start, lens }
    }

    /// Document `i`, if there is one.
    pub fn get(&self, i: DocIdx) -> Option<DocRef<'_>> {
        let span = self.spans.get(i as usize)?;
        let mut at = span.start;
        let mut field = |len: u32| {
            (len != NONE).then(|| {
                let s = &self.text[at..at + len as usize];
                at += len as usize;
                s
            })
        };
        Some(DocRef {
            id: field(span.lens[0]).unwrap_or_default(),
            path: field(span.lens[1]).unwrap_or_default(),
            date: field(span.lens[2]),
            title: field(span.lens[3]),
            url: field(span.lens[4]),
        })
    }

    /// The id of document `i` ("" if there is none).
    pub fn id(&self, i: DocIdx) -> &str {
        match self.spans.get(i as usize) {
            Some(span) => &self.text[span.start..span.start + span.lens[0] as usize],
            None => "",
        }
    }

    /// The ids of the documents of `list`.
    pub fn ids<'a>(&'a self, list: &'a DocList) -> impl Iterator<Item = &'a str> + Clone + 'a {
        list.iter().map(|d| self.id(d))
    }

    /// Every document, in index order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = DocRef<'_>> + Clone + '_ {
        (0..self.spans.len()).map(|i| self.get(i as DocIdx).unwrap_or_default())
    }

    /// Gives back growth slack.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
    }
}

impl PartialEq for Documents {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Documents {}

impl fmt::Debug for Documents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Documents {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Documents {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Documents, D::Error> {
        let mut table = Documents::new();
        for info in Vec::<DocumentInfo>::deserialize(d)? {
            table.push(info.as_ref());
        }
        Ok(table)
    }
}

impl DocumentInfo {
    /// The borrowed form.
    pub fn as_ref(&self) -> DocRef<'_> {
        DocRef {
            id: &self.id,
            path: &self.path,
            date: self.date.as_deref(),
            title: self.title.as_deref(),
            url: self.url.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_stay_sorted_whatever_the_insertion_order() {
        let mut l = DocList::new();
        for d in [5, 5, 300, 70_000, 2, 300, u32::MAX, 0] {
            l.insert(d);
        }
        assert_eq!(
            l.iter().collect::<Vec<_>>(),
            [0, 2, 5, 300, 70_000, u32::MAX]
        );
        assert_eq!(l.len(), 6);
        assert_eq!(l.last(), Some(u32::MAX));
        assert_eq!(l, [u32::MAX, 70_000, 300, 5, 2, 0, 5].into());
        let mut m = DocList::from([1, 400]);
        m.union(&l);
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            [0, 1, 2, 5, 300, 400, 70_000, u32::MAX]
        );
        assert!(m.contains(400) && !m.contains(401));
    }

    #[test]
    fn table_round_trips_documents() {
        let a = DocumentInfo {
            id: "a".into(),
            path: "x/a.txt".into(),
            date: None,
            title: Some(String::new()),
            url: Some("https://é.example".into()),
        };
        let mut t = Documents::new();
        assert_eq!(t.push(a.as_ref()), 0);
        assert_eq!(t.get(0).unwrap().to_info(), a);
        assert_eq!(t.id(0), "a");
        assert_eq!(t.id(9), "");
        assert!(t.get(1).is_none());
    }
}
