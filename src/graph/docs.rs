//! Compact document storage: the document table and the lists of documents
//! nodes and edges cite.
//!
//! At corpus scale the citations are most of the graph (22 million in the
//! graph of 1 GB of news, 409,000 documents), so a document is cited by its
//! `u32` index in its graph's [`Documents`] table, and a list of citations,
//! [`DocList`], is sorted indices stored as varint-coded gaps (a node or an
//! edge cites documents close together, so a citation is a byte or two). The
//! table keeps every document's five strings in an arena of large blocks.
//!
//! In a finished graph the table is sorted by id, so index order is id order.

use crate::model::DocumentInfo;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A document's index in its graph's (or builder's) document table.
pub type DocIdx = u32;

/// A sorted list of document indices without repeats, stored as
/// varint-coded gaps: 1 to 5 bytes a citation, usually 1 or 2. A list of
/// up to [`INLINE`] bytes (some five documents: most edges' and many
/// nodes' lists) is held in the list itself, 24 bytes in all; a longer
/// one in a box.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct DocList {
    bytes: Bytes,
    len: u32,
    /// The largest index, valid when `len > 0`: appending only needs it.
    last: DocIdx,
}

/// Bytes of gaps a [`DocList`] holds without allocating.
const INLINE: usize = 14;

/// A list's bytes: inline (their number, then the bytes), or boxed.
/// A `Vec` took 24 bytes in every list and allocated at least 8 more, for
/// lists of one to three bytes mostly (the edges of 1 GB of news: about
/// 90% cite one document).
/// The box is wanted: a `Vec` beside the inline bytes would make every list
/// 8 bytes bigger, and only long lists (a few in ten) pay the extra block.
#[allow(clippy::box_collection)]
#[derive(Clone)]
enum Bytes {
    Inline(u8, [u8; INLINE]),
    Heap(Box<Vec<u8>>),
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::Inline(0, [0; INLINE])
    }
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Inline(n, b) => &b[..*n as usize],
            Bytes::Heap(v) => v,
        }
    }

    fn extend(&mut self, more: &[u8]) {
        match self {
            Bytes::Inline(n, b) if *n as usize + more.len() <= INLINE => {
                let at = *n as usize;
                b[at..at + more.len()].copy_from_slice(more);
                *n += more.len() as u8;
            }
            Bytes::Inline(n, b) => {
                let mut v = Vec::with_capacity(2 * INLINE);
                v.extend_from_slice(&b[..*n as usize]);
                v.extend_from_slice(more);
                *self = Bytes::Heap(Box::new(v));
            }
            Bytes::Heap(v) => v.extend_from_slice(more),
        }
    }

    fn shrink_to_fit(&mut self) {
        if let Bytes::Heap(v) = self {
            v.shrink_to_fit();
        }
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Bytes {}

impl std::hash::Hash for Bytes {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_slice().hash(h);
    }
}

fn put_varint(bytes: &mut Bytes, mut v: u32) {
    let mut buf = [0u8; 5];
    let mut n = 0;
    while v >= 0x80 {
        buf[n] = (v as u8) | 0x80;
        n += 1;
        v >>= 7;
    }
    buf[n] = v as u8;
    bytes.extend(&buf[..=n]);
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
            bytes: self.bytes.as_slice(),
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

/// Bytes a block of the table's arena holds (a document whose strings are
/// longer gets a block of its own).
const BLOCK: usize = 1 << 20;

/// Where one document lies in the arena: block `block`, from byte `at`: the
/// id's length (see [`put_len`]) and the id, which builders compare often,
/// then the other four fields' lengths and strings in field order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    block: u32,
    at: u32,
}

/// Writes a field's length as ASCII digits of six bits, lowest first, `0x40`
/// marking that more follow: the arena stays valid UTF-8 and a length under
/// 63 is one byte. `None` (an absent field) is 0, a length `n` is `n + 1`.
fn put_len(text: &mut String, len: Option<usize>) {
    let mut v = len.map_or(0, |n| n as u64 + 1);
    while v >= 0x40 {
        text.push(char::from(0x40 | (v & 0x3f) as u8));
        v >>= 6;
    }
    text.push(char::from(v as u8));
}

/// Reads a length [`put_len`] wrote at `*at`, moving past it.
fn get_len(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let (mut v, mut shift) = (0u64, 0);
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u64::from(b & 0x3f) << shift;
        if b & 0x40 == 0 {
            break;
        }
        shift += 6;
    }
    v.checked_sub(1).map(|n| n as usize)
}

/// A table of documents, indexed by [`DocIdx`]: every document's strings in
/// an arena of 1 MiB blocks (about 100 bytes a document, against some 300
/// as five `String`s), with 8 bytes of position and about 6 of lengths
/// each. Blocks are never copied as the table grows: a 1 GB corpus's table
/// is some 45 MB, which a single growing string would copy, old and new
/// both held, at each doubling.
#[derive(Clone, Default)]
pub struct Documents {
    blocks: Vec<String>,
    spans: Vec<Span>,
    /// Bytes of the documents' strings (lengths not counted).
    text_len: usize,
}

impl Documents {
    /// An empty table.
    pub fn new() -> Documents {
        Documents::default()
    }

    /// An empty table with room for `n` documents of `text` bytes in all.
    pub fn with_capacity(text: usize, n: usize) -> Documents {
        Documents {
            blocks: Vec::with_capacity(text / BLOCK + 1),
            spans: Vec::with_capacity(n),
            text_len: 0,
        }
    }

    /// Bytes of text stored.
    pub fn text_len(&self) -> usize {
        self.text_len
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
        let fields = [Some(d.id), Some(d.path), d.date, d.title, d.url];
        let strings: usize = fields.iter().flatten().map(|f| f.len()).sum();
        // Five lengths of at most 11 bytes each (a `u64` in six-bit digits).
        let need = strings + 5 * 11;
        let fits = |b: &String| b.capacity() - b.len() >= need;
        if !self.blocks.last().is_some_and(fits)
            // A block's offsets are `u32`: one that would pass 4 GiB is full.
            || self.blocks.last().is_some_and(|b| b.len() + need > u32::MAX as usize)
        {
            self.blocks.push(String::with_capacity(need.max(BLOCK)));
        }
        let block = self.blocks.len() - 1;
        let text = &mut self.blocks[block];
        let at = text.len();
        put_len(text, Some(d.id.len()));
        text.push_str(d.id);
        for f in &fields[1..] {
            put_len(text, f.map(str::len));
        }
        for f in fields[1..].iter().flatten() {
            text.push_str(f);
        }
        self.text_len += strings;
        Span {
            block: block as u32,
            at: at as u32,
        }
    }

    /// Document `i`, if there is one.
    pub fn get(&self, i: DocIdx) -> Option<DocRef<'_>> {
        let span = self.spans.get(i as usize)?;
        let text = self.blocks[span.block as usize].as_str();
        let mut at = span.at as usize;
        let id_len = get_len(text.as_bytes(), &mut at).unwrap_or(0);
        let id = &text[at..at + id_len];
        at += id_len;
        let lens = [(); 4].map(|_| get_len(text.as_bytes(), &mut at));
        let mut field = |len: Option<usize>| {
            len.map(|n| {
                let s = &text[at..at + n];
                at += n;
                s
            })
        };
        Some(DocRef {
            id,
            path: field(lens[0]).unwrap_or_default(),
            date: field(lens[1]),
            title: field(lens[2]),
            url: field(lens[3]),
        })
    }

    /// The id of document `i` ("" if there is none).
    pub fn id(&self, i: DocIdx) -> &str {
        let Some(span) = self.spans.get(i as usize) else {
            return "";
        };
        let text = self.blocks[span.block as usize].as_str();
        let mut at = span.at as usize;
        let len = get_len(text.as_bytes(), &mut at).unwrap_or(0);
        &text[at..at + len]
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
        if let Some(b) = self.blocks.last_mut() {
            b.shrink_to_fit();
        }
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

    /// Lists of every length up to past the inline limit, with gaps of one
    /// to four bytes and indices up to `u32::MAX`, whichever way they are
    /// built: held inline exactly while their bytes fit, read back the same.
    #[test]
    fn short_lists_stay_inline_and_long_ones_box() {
        use std::hash::{BuildHasher, RandomState};
        assert_eq!(std::mem::size_of::<DocList>(), 24);
        let hasher = RandomState::new();
        let varint = |v: u32| match v {
            0..0x80 => 1,
            0x80..0x4000 => 2,
            0x4000..0x20_0000 => 3,
            0x20_0000..0x1000_0000 => 4,
            _ => 5,
        };
        let (mut inline, mut boxed) = (0, 0);
        for gap in [1u32, 200, 20_000, 1 << 26] {
            for n in 0..40u32 {
                let docs: Vec<DocIdx> = (0..n).map(|i| u32::MAX - (n - 1 - i) * gap).collect();
                let mut l = DocList::new();
                for &d in &docs {
                    l.insert(d);
                }
                assert_eq!(
                    l.iter().collect::<Vec<_>>(),
                    docs,
                    "gap {gap}, {n} documents"
                );
                assert_eq!(
                    (l.len(), l.first(), l.last()),
                    (docs.len(), docs.first().copied(), docs.last().copied())
                );
                assert!(docs.iter().all(|&d| l.contains(d)));
                let bytes: usize = docs
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| varint(if i == 0 { d } else { d - docs[i - 1] }))
                    .sum();
                assert_eq!(l.bytes.as_slice().len(), bytes);
                let is_inline = matches!(l.bytes, Bytes::Inline(..));
                assert_eq!(is_inline, bytes <= INLINE, "gap {gap}, {n} documents");
                if is_inline {
                    inline += 1
                } else {
                    boxed += 1
                }
                // Backwards (each insert rewrites), at once, and as a union of halves.
                let mut back = DocList::new();
                for &d in docs.iter().rev() {
                    back.insert(d);
                }
                let all: DocList = docs.iter().copied().collect();
                let half = docs.len() / 2;
                let mut union: DocList = docs[half..].iter().copied().collect();
                union.union(&docs[..half].iter().copied().collect());
                for other in [back, all, union] {
                    assert_eq!(other, l);
                    assert_eq!(hasher.hash_one(&other), hasher.hash_one(&l));
                }
                let mut shrunk = l.clone();
                shrunk.shrink_to_fit();
                assert_eq!(shrunk, l);
                assert_ne!(l, DocList::from([0]));
            }
        }
        assert!(inline > 10 && boxed > 10, "{inline} inline, {boxed} boxed");
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

    #[test]
    fn table_keeps_long_fields_and_fills_blocks() {
        // Lengths of one, two and three six-bit digits, absent and empty
        // fields, text past ASCII, and enough documents to fill several blocks.
        let long = |n: usize, c: char| std::iter::repeat_n(c, n).collect::<String>();
        let docs: Vec<DocumentInfo> = (0..3000)
            .map(|i| DocumentInfo {
                id: format!("d{i:05}"),
                path: long([0, 62, 63, 64, 4095, 4096, 300_000][i % 7], 'p'),
                date: (i % 3 == 0).then(|| "2024-05-01".to_string()),
                title: (i % 2 == 0).then(|| long(i % 130, 'é')),
                url: (i % 5 == 0).then(String::new),
            })
            .collect();
        let mut t = Documents::new();
        for d in &docs {
            t.push(d.as_ref());
        }
        assert!(t.blocks.len() > 2);
        assert_eq!(t.len(), docs.len());
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(t.get(i as DocIdx).unwrap().to_info(), *d);
            assert_eq!(t.id(i as DocIdx), d.id);
        }
        let text: usize = docs
            .iter()
            .map(|d| d.id.len() + d.path.len() + d.date.as_ref().map_or(0, String::len))
            .sum::<usize>()
            + docs
                .iter()
                .map(|d| d.title.as_ref().map_or(0, String::len))
                .sum::<usize>();
        assert_eq!(t.text_len(), text);
        // Replacing keeps the index and reads the new strings.
        t.set(1, docs[0].as_ref());
        assert_eq!(t.get(1).unwrap().to_info(), docs[0]);
        assert_eq!(t.get(2).unwrap().to_info(), docs[2]);
    }
}
