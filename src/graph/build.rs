//! Merging every document's extraction into one graph.
//!
//! Mentions of one entity across documents become one node (label: the
//! lexicon's, or the most frequent full form; aliases: every other name
//! seen). A deployment draft becomes a node whose id is its merge key
//! (origin, count, unit, destination), so the same contingent from several
//! articles is one node. The same relation between the same two nodes from
//! several sentences becomes one edge: `weight` counts every mention, the
//! evidence keeps the first `max_evidence` sentences by (document, start).
//! Symmetric edges (met, actor-to-actor agreed) run from the smaller id to
//! the larger. Every merge here is associative and commutative, so shards
//! can be merged in any order and give the same graph.

use super::chunked::Chunked;
use super::ids::node_id;
use super::model::*;
use crate::model::{End, Extraction, MentionForm};
use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Default number of evidence sentences kept per edge.
pub const DEFAULT_MAX_EVIDENCE: usize = 5;

/// Bytes of evidence text a spilling builder keeps in memory before it
/// writes the rest to the sentence file: a graph of some tens of megabytes
/// of news never reads its evidence back with a system call each (131,000
/// of them for the three exports of 8 MB of generated articles, whose
/// evidence is 3.5 MB), a bigger one keeps its memory bounded. 16 MB held
/// 8 MB more at the peak of 1 GB for no run the bench measures.
pub const KEEP_IN_MEMORY: usize = 8 << 20;

pub use crate::model::deployment_label;

/// A date choice that merges commutatively: the most precise, then the earliest.
fn better_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(
            if (std::cmp::Reverse(a.len()), &a) <= (std::cmp::Reverse(b.len()), &b) {
                a
            } else {
                b
            },
        ),
        (a, b) => a.or(b),
    }
}

/// The sorted union of two sorted lists without repeats.
fn union_sorted<T: Ord>(a: &mut Vec<T>, b: Vec<T>) {
    if b.is_empty() {
        return;
    }
    match (a.last(), b.first()) {
        (None, _) => {
            *a = b;
            return;
        }
        (Some(l), Some(f)) if l < f => {
            a.extend(b);
            return;
        }
        _ => {}
    }
    let old = std::mem::take(a);
    a.reserve(old.len() + b.len());
    let (mut x, mut y) = (old.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (x.peek(), y.peek()) {
            (Some(p), Some(q)) => match p.cmp(q) {
                std::cmp::Ordering::Less => x.next(),
                std::cmp::Ordering::Greater => y.next(),
                std::cmp::Ordering::Equal => {
                    y.next();
                    x.next()
                }
            },
            (Some(_), None) => x.next(),
            (None, Some(_)) => y.next(),
            (None, None) => break,
        };
        a.extend(next);
    }
}

/// Changes a boxed list as a `Vec` (no copy either way while it holds no
/// slack).
fn edit<T>(list: &mut Box<[T]>, f: impl FnOnce(&mut Vec<T>)) {
    let mut v = std::mem::take(list).into_vec();
    f(&mut v);
    *list = v.into_boxed_slice();
}

/// Inserts `v` at `i` growing the list by one slot, not by doubling: most
/// lists of an edge hold one or two items, and the slack of a list of four
/// would be most of it.
fn insert_exact<T>(list: &mut Box<[T]>, i: usize, v: T) {
    edit(list, |l| {
        l.reserve_exact(1);
        l.insert(i, v);
    });
}

/// Keeps the better of the slot's date and `d` (see [`better_date`]) without
/// copying `d` unless it wins.
fn offer_date(slot: &mut Option<Box<str>>, d: &str) {
    let wins = match slot {
        None => true,
        Some(s) => (std::cmp::Reverse(d.len()), d) < (std::cmp::Reverse(s.len()), &**s),
    };
    if wins {
        *slot = Some(d.into());
    }
}

/// Adds `n` to a count. `false` when the sum does not fit a `u64` (the count
/// then stays at `u64::MAX`): only partial files can hold such counts, and
/// merging them is refused ([`GraphBuilder::try_merge`]).
fn add_count(slot: &mut u64, n: u64) -> bool {
    match slot.checked_add(n) {
        Some(v) => {
            *slot = v;
            true
        }
        None => {
            *slot = u64::MAX;
            false
        }
    }
}

/// One document's share of a node's or an edge's counts: (document index,
/// its mentions or weight, its count per label or place). Partial files keep
/// them so a merge can leave out a document an earlier partial brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Share<K>(DocIdx, u64, Vec<(K, u64)>);

/// Shares sorted by document index; `None` in a builder that does not keep
/// them (a plain run: one box pointer per element, nothing allocated).
type Shares<K> = Option<Box<Vec<Share<K>>>>;

/// The share of document `doc`, added empty if missing.
fn share_of<K>(shares: &mut Shares<K>, doc: DocIdx) -> &mut Share<K> {
    let list = shares.get_or_insert_with(Default::default);
    let i = match list.binary_search_by_key(&doc, |s| s.0) {
        Ok(i) => i,
        Err(i) => {
            list.insert(i, Share(doc, 0, Vec::new()));
            i
        }
    };
    &mut list[i]
}

/// Adds `n` to key `k` of a sorted count list; `false` on overflow.
fn bump<K: Ord + Clone>(by: &mut Vec<(K, u64)>, k: &K, n: u64) -> bool {
    match by.binary_search_by(|(q, _)| q.cmp(k)) {
        Ok(i) => add_count(&mut by[i].1, n),
        Err(i) => {
            by.insert(i, (k.clone(), n));
            true
        }
    }
}

/// Adds the shares `b` to `a` (document by document); `false` on overflow.
fn merge_shares<K: Ord + Clone>(a: &mut Shares<K>, b: Shares<K>) -> bool {
    let Some(b) = b else { return true };
    let mut fits = true;
    for Share(doc, n, by) in *b {
        let s = share_of(a, doc);
        fits &= add_count(&mut s.1, n);
        for (k, m) in by {
            fits &= bump(&mut s.2, &k, m);
        }
    }
    fits
}

/// Renumbers the documents of shares and sorts them again.
fn remap_shares<K>(shares: &mut Shares<K>, map: impl Fn(DocIdx) -> Option<DocIdx>) {
    if let Some(list) = shares {
        for s in list.iter_mut() {
            s.0 = map(s.0).unwrap_or_default();
        }
        list.sort_by_key(|s| s.0);
    }
}

/// Takes the shares of the documents `held` marks out of a count and, by
/// `by`, out of its per-key counts (`by` returns `false` when a key's share
/// is more than its count). `Err` names the first share that is more than
/// what it is a share of: the file contradicts itself.
fn forget_shares<K: Ord + std::fmt::Debug>(
    shares: &mut Shares<K>,
    held: &[bool],
    total: &mut u64,
    mut by: impl FnMut(&K, u64) -> bool,
) -> Result<(), String> {
    let Some(list) = shares else { return Ok(()) };
    let mut bad = None;
    list.retain(|Share(doc, n, keys)| {
        if bad.is_some() || !held.get(*doc as usize).copied().unwrap_or(false) {
            return true;
        }
        match total.checked_sub(*n) {
            Some(t) => *total = t,
            None => {
                bad = Some(format!(
                    "a document's {n} is more than the element's {total}"
                ))
            }
        }
        for (k, m) in keys {
            if !by(k, *m) && bad.is_none() {
                bad = Some(format!(
                    "a document's {m} for {k:?} is more than the element's"
                ));
            }
        }
        false
    });
    bad.map_or(Ok(()), Err)
}

/// Checks that the shares cite documents the file holds.
fn check_shares<K>(
    shares: &Shares<K>,
    documents: usize,
    field: &dyn Fn() -> String,
) -> Result<(), String> {
    for (i, Share(doc, ..)) in shares.iter().flat_map(|l| l.iter()).enumerate() {
        if *doc as usize >= documents {
            return Err(format!(
                "{}.by_document[{i}]: document index {doc} is out of range (the file holds {documents} documents)",
                field()
            ));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct NodeAcc {
    kind: Option<Kind>,
    /// Candidate labels with how often each was the mention's label.
    labels: BTreeMap<String, u64>,
    /// True when the label comes from the lexicon (then it always wins).
    fixed_label: Option<String>,
    surfaces: BTreeSet<String>,
    mentions: u64,
    /// Indices into the builder's table.
    documents: DocList,
    roles: BTreeSet<String>,
    deployment: Option<Deployment>,
    /// `mentions` and `labels` per document (partial files only).
    #[serde(
        default,
        rename = "by_document",
        skip_serializing_if = "Option::is_none"
    )]
    shares: Shares<String>,
}

impl NodeAcc {
    /// Merges `o` in; `Err` names the first count that overflowed (merged
    /// all the same, that count saturated).
    fn merge(&mut self, o: NodeAcc) -> Result<(), String> {
        let mut overflow = None;
        self.kind = self.kind.or(o.kind);
        for (l, n) in o.labels {
            if !add_count(self.labels.entry(l.clone()).or_default(), n) {
                overflow.get_or_insert_with(|| format!("labels[{l:?}]"));
            }
        }
        self.fixed_label = match (self.fixed_label.take(), o.fixed_label) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.surfaces.extend(o.surfaces);
        if !add_count(&mut self.mentions, o.mentions) {
            overflow.get_or_insert_with(|| "mentions".to_string());
        }
        self.documents.union(&o.documents);
        if !merge_shares(&mut self.shares, o.shares) {
            overflow.get_or_insert_with(|| "by_document".to_string());
        }
        self.roles.extend(o.roles);
        self.deployment = match (self.deployment.take(), o.deployment) {
            (Some(mut a), Some(b)) => {
                a.approximate |= b.approximate;
                a.status = a.status.max(b.status);
                a.date = better_date(a.date.take(), b.date);
                a.count_max = a.count_max.max(b.count_max);
                Some(a)
            }
            (a, b) => a.or(b),
        };
        overflow.map_or(Ok(()), Err)
    }

    fn label(&self) -> String {
        if let Some(f) = &self.fixed_label {
            return f.clone();
        }
        if let Some(d) = &self.deployment {
            return deployment_label(d.count, d.count_max, &d.unit);
        }
        // Most frequent, then the longest (fullest) form, then alphabetical.
        self.labels
            .iter()
            .max_by(|a, b| {
                (a.1, a.0.len(), std::cmp::Reverse(a.0)).cmp(&(
                    b.1,
                    b.0.len(),
                    std::cmp::Reverse(b.0),
                ))
            })
            .map(|(l, _)| l.clone())
            .unwrap_or_default()
    }
}

/// One edge under construction. Every list is a small sorted `Vec` rather
/// than a B-tree: most edges hold one or two items, and a B-tree's first leaf
/// alone costs hundreds of bytes (eleven evidence slots ≈ 900). What most
/// edges leave empty (a date, places, sources, counts per document) lives in
/// a box allocated when the first of them is set: 72 bytes an edge instead
/// of 144, half the edges of a generated gigabyte having none of them.
/// Partial files hold the fields as before ([`EdgeWire`]).
#[derive(Debug, Clone, Default)]
struct EdgeAcc {
    weight: u64,
    /// Indices into the builder's table.
    documents: DocList,
    /// The first `max_evidence` by (document id, start, end, text), sorted
    /// so (see [`evidence_order`]); documents are indices into the table.
    evidence: Vec<Evidence>,
    more: Option<Box<EdgeMore>>,
}

/// The fields of an [`EdgeAcc`] that most edges leave empty. Boxed strings
/// and lists, which hold no spare capacity, keep it at 56 bytes (80 with a
/// `String` and two `Vec`s): a quarter of a million of them in the builder
/// of 1 GB of generated news.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct EdgeMore {
    /// Only the best date counts ([`better_date`] is associative and
    /// commutative).
    date: Option<Box<str>>,
    /// (place, count), the place by its slot in the builder's `ids`,
    /// sorted by slot: 16 bytes a place where the id and its count took 24,
    /// and a list of one place holds one (the places and sources of the
    /// edges of 1 GB of news took 29 MB as ids in lists of four slots).
    places: Box<[(u32, u64)]>,
    /// The sources' slots in the builder's `ids`, sorted, without repeats.
    reported_by: Box<[u32]>,
    /// `weight` and `places` per document (partial files only).
    shares: Shares<NodeId>,
}

/// An [`EdgeAcc`] as partial files hold it.
#[derive(Serialize, Deserialize)]
struct EdgeWire<D, E, O, P, R, S> {
    weight: u64,
    documents: D,
    evidence: E,
    /// The best date, written as the list `dates` of partial version 1.
    dates: O,
    /// A `{place: count}` map.
    places: P,
    reported_by: R,
    #[serde(
        default,
        rename = "by_document",
        skip_serializing_if = "Option::is_none"
    )]
    shares: Option<S>,
}

/// What partial files are read into.
type EdgeWireIn = EdgeWire<
    DocList,
    Vec<Evidence>,
    Vec<String>,
    BTreeMap<NodeId, u64>,
    Vec<NodeId>,
    Box<Vec<Share<NodeId>>>,
>;

/// An edge as a partial file holds it: an [`EdgeAcc`] with the builder's
/// ids, its places and sources named and sorted by id.
struct EdgeOut<'a>(&'a EdgeAcc, &'a [NodeId]);

impl Serialize for EdgeOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Places<'a>(Vec<(&'a NodeId, u64)>);
        impl Serialize for Places<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().copied())
            }
        }
        let (acc, ids) = (self.0, self.1);
        let mut places: Vec<(&NodeId, u64)> = acc
            .places()
            .iter()
            .map(|&(p, n)| (&ids[p as usize], n))
            .collect();
        places.sort_unstable();
        let mut reported_by: Vec<&NodeId> = acc
            .reported_by()
            .iter()
            .map(|&r| &ids[r as usize])
            .collect();
        reported_by.sort_unstable();
        EdgeWire {
            weight: acc.weight,
            documents: &acc.documents,
            evidence: &acc.evidence,
            dates: acc.date().as_slice(),
            places: Places(places),
            reported_by,
            shares: acc.shares().as_deref(),
        }
        .serialize(s)
    }
}

impl PartialEq for EdgeAcc {
    fn eq(&self, o: &Self) -> bool {
        self.weight == o.weight
            && self.documents == o.documents
            && self.evidence == o.evidence
            && self.date() == o.date()
            && self.places() == o.places()
            && self.reported_by() == o.reported_by()
            && self.shares() == o.shares()
    }
}

impl Eq for EdgeAcc {}

impl EdgeAcc {
    fn date(&self) -> Option<&str> {
        self.more.as_ref()?.date.as_deref()
    }

    fn places(&self) -> &[(u32, u64)] {
        self.more.as_ref().map_or(&[], |m| &m.places)
    }

    fn reported_by(&self) -> &[u32] {
        self.more.as_ref().map_or(&[], |m| &m.reported_by)
    }

    fn shares(&self) -> &Shares<NodeId> {
        const NONE: &Shares<NodeId> = &None;
        self.more.as_ref().map_or(NONE, |m| &m.shares)
    }

    /// The rarely set fields, allocated if missing.
    fn more(&mut self) -> &mut EdgeMore {
        self.more.get_or_insert_default()
    }
}

impl EdgeAcc {
    /// Merges `o` in; `Err` names the first count that overflowed (merged
    /// all the same, that count saturated).
    /// Both name places and sources by slot in `ids`.
    fn merge(
        &mut self,
        o: EdgeAcc,
        max_evidence: usize,
        docs: &Documents,
        ids: &[NodeId],
    ) -> Result<(), String> {
        let mut overflow = None;
        if !add_count(&mut self.weight, o.weight) {
            overflow = Some("weight".to_string());
        }
        self.documents.union(&o.documents);
        self.evidence.extend(o.evidence);
        sort_evidence(&mut self.evidence, max_evidence, docs);
        let Some(o) = o.more else {
            return overflow.map_or(Ok(()), Err);
        };
        let EdgeMore {
            date,
            places,
            reported_by,
            shares,
        } = *o;
        let more = self.more();
        if !merge_shares(&mut more.shares, shares) {
            overflow.get_or_insert_with(|| "by_document".to_string());
        }
        if let Some(d) = date {
            offer_date(&mut more.date, &d);
        }
        for (p, n) in places {
            match more.places.binary_search_by_key(&p, |&(q, _)| q) {
                Ok(i) => {
                    if !add_count(&mut more.places[i].1, n) {
                        overflow.get_or_insert_with(|| format!("places[\"{}\"]", ids[p as usize]));
                    }
                }
                Err(i) => insert_exact(&mut more.places, i, (p, n)),
            }
        }
        edit(&mut more.reported_by, |a| {
            union_sorted(a, reported_by.into_vec())
        });
        overflow.map_or(Ok(()), Err)
    }
}

/// The order evidence is kept in: (document id, start, end, text), the
/// document's id read from `docs`.
fn evidence_order(docs: &Documents, a: &Evidence, b: &Evidence) -> Ordering {
    let by_doc = if a.document == b.document {
        Ordering::Equal
    } else {
        docs.id(a.document).cmp(docs.id(b.document))
    };
    by_doc.then_with(|| (a.start, a.end, &a.text).cmp(&(b.start, b.end, &b.text)))
}

/// Sorts evidence (see [`evidence_order`]), drops repeats and keeps the first `max`.
fn sort_evidence(list: &mut Vec<Evidence>, max: usize, docs: &Documents) {
    list.sort_by(|a, b| evidence_order(docs, a, b));
    list.dedup_by(|b, a| evidence_order(docs, a, b) == Ordering::Equal);
    list.truncate(max);
}

/// Finds a document of the table by id. While the ids come in increasing
/// order (a sorted directory, JSON Lines ids counting up: the usual case)
/// the table itself is sorted and is searched by halving, with nothing
/// more stored; from the first id out of order on, a map from the id's
/// hash to its index, so the ids are not stored twice (a hash that two ids
/// share sends the later one to a small map by text). The map held about
/// 9 MB for the 409,000 documents of 1 GB.
#[derive(Debug, Clone, Default)]
struct DocIndex {
    /// The table's ids are not in increasing order: look up in the maps.
    unsorted: bool,
    by_hash: FxHashMap<u64, DocIdx>,
    collided: FxHashMap<Box<str>, DocIdx>,
}

fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

impl DocIndex {
    fn find(&self, docs: &Documents, id: &str) -> Option<DocIdx> {
        if !self.unsorted {
            let (mut lo, mut hi) = (0, docs.len() as DocIdx);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                match docs.id(mid).cmp(id) {
                    Ordering::Less => lo = mid + 1,
                    Ordering::Greater => hi = mid,
                    Ordering::Equal => return Some(mid),
                }
            }
            return None;
        }
        match self.by_hash.get(&id_hash(id)) {
            Some(&i) if docs.id(i) == id => Some(i),
            Some(_) => self.collided.get(id).copied(),
            None => None,
        }
    }

    /// Records document `i`, just pushed onto `docs`.
    fn insert(&mut self, docs: &Documents, i: DocIdx) {
        if !self.unsorted {
            if i == 0 || docs.id(i - 1) < docs.id(i) {
                return;
            }
            // The first id out of order: the maps take over.
            self.unsorted = true;
            for k in 0..i {
                self.add(docs.id(k), k);
            }
        }
        self.add(docs.id(i), i);
    }

    fn add(&mut self, id: &str, i: DocIdx) {
        match self.by_hash.entry(id_hash(id)) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(_) => {
                self.collided.insert(id.into(), i);
            }
        }
    }
}

/// The position in `edge_keys` of each edge key. The table holds only the
/// positions (4 bytes a slot, against 16 with the key beside it: 2 MB
/// instead of 8 at 1 GB of input); a key is hashed and compared through
/// `edge_keys`.
#[derive(Debug, Clone, Default)]
struct EdgeIndex(hashbrown::HashTable<u32>);

fn key_hash(key: &(u32, u32, Relation)) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

impl EdgeIndex {
    /// The position of `key`, if `keys` has it.
    fn get(&self, keys: &[(u32, u32, Relation)], key: &(u32, u32, Relation)) -> Option<u32> {
        self.0
            .find(key_hash(key), |&i| keys[i as usize] == *key)
            .copied()
    }

    /// The position of `key`, or `Err` after recording it at `next`, where
    /// the caller puts it (`keys[next]`, already written, is `key`).
    fn get_or_insert(
        &mut self,
        keys: &[(u32, u32, Relation)],
        key: &(u32, u32, Relation),
        next: u32,
    ) -> Result<u32, ()> {
        let hash = key_hash(key);
        match self.0.entry(
            hash,
            |&i| keys[i as usize] == *key,
            |&i| key_hash(&keys[i as usize]),
        ) {
            hashbrown::hash_table::Entry::Occupied(o) => Ok(*o.get()),
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(next);
                Err(())
            }
        }
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// Graph under construction: what `extract` and `merge` feed, and what
/// `--partial` files hold.
///
/// Documents are numbered in the order they are first added: nodes, edges
/// and evidence cite them by index into the `documents` table, so adding
/// them in input order only ever appends to a node's or edge's list.
/// [`GraphBuilder::finish`] renumbers them in id order. Node ids are
/// numbered too, so an edge's key is 12 bytes, not two id strings; edges
/// live in chunks and their keys in `edge_keys`, and the hash table holds
/// only positions in them ([`EdgeIndex`]: at up to twice the edges, 5 bytes
/// a slot with its control byte).
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    max_evidence: usize,
    /// Every node id seen, as a node or an edge's end, in the order first seen.
    ids: Vec<NodeId>,
    id_index: FxHashMap<NodeId, u32>,
    /// By position in `ids`; `None` for an id only edges name.
    nodes: Vec<Option<NodeAcc>>,
    /// (source, target, relation) of each of `edges`, ends by position in `ids`.
    edge_keys: Vec<(u32, u32, Relation)>,
    edges: Chunked<EdgeAcc>,
    edge_index: EdgeIndex,
    /// In the order first added.
    documents: Documents,
    index: DocIndex,
    /// Whether nodes and edges keep their counts per document (`shares`),
    /// as partial files need.
    per_document: bool,
    /// Deployments the text tells apart (smaller id first), sorted.
    apart: Vec<(NodeId, NodeId)>,
    /// (place, country it is in), sorted: what makes destinations compatible.
    places_in: Vec<(NodeId, NodeId)>,
    /// Whether `add` writes the evidence sentences it keeps to the
    /// temporary sentence file ([`Text::stored`]) instead of memory, once
    /// it keeps `keep_in_memory` bytes of them in memory.
    spill: bool,
    keep_in_memory: usize,
    /// Bytes of evidence text kept in memory so far.
    kept_in_memory: usize,
    /// Within one [`GraphBuilder::add`] only (empty otherwise): the slot of
    /// each id by the address of its text, which the extraction keeps alive
    /// meanwhile, so most of a document's mentions of an entity find their
    /// slot without hashing and comparing the id's text.
    slot_by_address: FxHashMap<usize, u32>,
}

/// Two builders are equal when they hold the same documents and elements,
/// whatever order documents and ids were numbered in (merging `a` into `b`
/// or `b` into `a` numbers them differently).
impl PartialEq for GraphBuilder {
    fn eq(&self, other: &Self) -> bool {
        fn docs(b: &GraphBuilder) -> Vec<DocRef<'_>> {
            let mut all: Vec<DocRef<'_>> = b.documents.iter().collect();
            all.sort_unstable();
            all
        }
        fn ids<'a>(b: &'a GraphBuilder, l: &'a DocList) -> Vec<&'a str> {
            let mut all: Vec<&str> = b.documents.ids(l).collect();
            all.sort_unstable();
            all
        }
        type Cited<'a> = Vec<(&'a str, usize, usize, &'a Text)>;
        fn evidence<'a>(b: &'a GraphBuilder, e: &'a EdgeAcc) -> Cited<'a> {
            e.evidence
                .iter()
                .map(|v| (b.documents.id(v.document), v.start, v.end, &v.text))
                .collect()
        }
        type ByDoc<'a, K> = Vec<(&'a str, u64, &'a Vec<(K, u64)>)>;
        fn shares<'a, K>(b: &'a GraphBuilder, s: &'a Shares<K>) -> Option<ByDoc<'a, K>> {
            let mut all: ByDoc<'a, K> = s
                .as_ref()?
                .iter()
                .map(|Share(d, n, by)| (b.documents.id(*d), *n, by))
                .collect();
            all.sort_unstable_by(|a, b| a.0.cmp(b.0));
            Some(all)
        }
        let same_node = |a: &NodeAcc, b: &NodeAcc| {
            let bare = |n: &NodeAcc| NodeAcc {
                documents: DocList::new(),
                shares: None,
                ..n.clone()
            };
            bare(a) == bare(b)
                && ids(self, &a.documents) == ids(other, &b.documents)
                && shares(self, &a.shares) == shares(other, &b.shares)
        };
        fn places<'a>(b: &'a GraphBuilder, e: &EdgeAcc) -> Vec<(&'a NodeId, u64)> {
            let mut all: Vec<_> = e
                .places()
                .iter()
                .map(|&(p, n)| (&b.ids[p as usize], n))
                .collect();
            all.sort_unstable();
            all
        }
        fn sources<'a>(b: &'a GraphBuilder, e: &EdgeAcc) -> Vec<&'a NodeId> {
            let mut all: Vec<_> = e
                .reported_by()
                .iter()
                .map(|&r| &b.ids[r as usize])
                .collect();
            all.sort_unstable();
            all
        }
        let same_edge = |a: &EdgeAcc, b: &EdgeAcc| {
            a.weight == b.weight
                && a.date() == b.date()
                && places(self, a) == places(other, b)
                && sources(self, a) == sources(other, b)
                && ids(self, &a.documents) == ids(other, &b.documents)
                && evidence(self, a) == evidence(other, b)
                && shares(self, a.shares()) == shares(other, b.shares())
        };
        let other_node = |id: &NodeId| {
            let i = *other.id_index.get(id)?;
            other.nodes[i as usize].as_ref()
        };
        let other_edge = |(s, t, r): &(u32, u32, Relation)| {
            let s = *other.id_index.get(&self.ids[*s as usize])?;
            let t = *other.id_index.get(&self.ids[*t as usize])?;
            let i = other.edge_index.get(&other.edge_keys, &(s, t, *r))?;
            other.edges.get(i as usize)
        };
        let node_count = |b: &GraphBuilder| b.nodes.iter().flatten().count();
        self.max_evidence == other.max_evidence
            && self.apart == other.apart
            && self.places_in == other.places_in
            && docs(self) == docs(other)
            && node_count(self) == node_count(other)
            && self.edges.len() == other.edges.len()
            && self.ids.iter().zip(&self.nodes).all(|(id, a)| match a {
                Some(a) => other_node(id).is_some_and(|b| same_node(a, b)),
                None => true,
            })
            && self
                .edge_keys
                .iter()
                .zip(self.edges.iter())
                .all(|(k, a)| other_edge(k).is_some_and(|b| same_edge(a, b)))
    }
}

impl Eq for GraphBuilder {}

/// The builder as a partial file holds it: nodes as a map sorted by id,
/// edges as a list of `[[source, target, relation], edge]` pairs sorted by
/// key, documents as a list (what indices point into), so the same builder
/// always writes the same file.
#[derive(Serialize)]
struct WireOut<'a> {
    max_evidence: usize,
    nodes: SortedMap<'a>,
    edges: Vec<((&'a NodeId, &'a NodeId, Relation), EdgeOut<'a>)>,
    documents: &'a Documents,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    apart: &'a [(NodeId, NodeId)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    places_in: &'a [(NodeId, NodeId)],
}

struct SortedMap<'a>(Vec<(&'a NodeId, &'a NodeAcc)>);

impl Serialize for SortedMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

/// What a partial file holds, read back (see [`WireOut`]); checked and
/// put in canonical form by [`GraphBuilder::from_wire`].
#[derive(Deserialize)]
pub(super) struct WireIn {
    max_evidence: usize,
    nodes: BTreeMap<NodeId, NodeAcc>,
    edges: Vec<((NodeId, NodeId, Relation), EdgeWireIn)>,
    documents: Documents,
    #[serde(default)]
    apart: Vec<(NodeId, NodeId)>,
    #[serde(default)]
    places_in: Vec<(NodeId, NodeId)>,
}

impl Serialize for GraphBuilder {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut nodes: Vec<(&NodeId, &NodeAcc)> = self
            .ids
            .iter()
            .zip(&self.nodes)
            .filter_map(|(id, n)| Some((id, n.as_ref()?)))
            .collect();
        nodes.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut edges: Vec<_> = self
            .edge_keys
            .iter()
            .zip(self.edges.iter())
            .map(|(&(src, tgt, r), e)| {
                let ids = &self.ids;
                let key = (&ids[src as usize], &ids[tgt as usize], r);
                (key, EdgeOut(e, ids))
            })
            .collect();
        edges.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        WireOut {
            max_evidence: self.max_evidence,
            nodes: SortedMap(nodes),
            edges,
            documents: &self.documents,
            apart: &self.apart,
            places_in: &self.places_in,
        }
        .serialize(s)
    }
}

/// Reading checks the builder and puts it in canonical form (see
/// [`GraphBuilder::from_wire`]).
impl<'de> Deserialize<'de> for GraphBuilder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<GraphBuilder, D::Error> {
        GraphBuilder::from_wire(WireIn::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl GraphBuilder {
    /// The builder a partial file holds, checked: a file that contradicts
    /// itself is refused, not repaired (a partial file may be written by
    /// hand, by an older build, or be damaged), with a message naming the
    /// field: a document id given twice, a document index out of range, an
    /// edge whose end is not among the nodes, evidence that starts after it
    /// ends, counts that overflow when a repeated edge is merged. Then every
    /// list is sorted and without repeats.
    pub(super) fn from_wire(wire: WireIn) -> Result<GraphBuilder, String> {
        let count = wire.documents.len();
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, d) in wire.documents.iter().enumerate() {
            if let Some(j) = seen.insert(d.id, i) {
                return Err(format!(
                    "documents[{i}]: id {} repeats documents[{j}]",
                    crate::error::quote_input(d.id)
                ));
            }
        }
        drop(seen);
        let in_range = |d: DocIdx, field: &dyn Fn() -> String| {
            if (d as usize) < count {
                Ok(())
            } else {
                Err(format!(
                    "{}: document index {d} is out of range (the file holds {count} documents)",
                    field()
                ))
            }
        };
        let mut b = GraphBuilder::new(wire.max_evidence);
        b.per_document = true;
        b.add_facts(wire.apart, wire.places_in);
        for d in wire.documents.iter() {
            b.intern(d);
        }
        drop(wire.documents);
        for (id, acc) in &wire.nodes {
            if let Some(last) = acc.documents.last() {
                in_range(last, &|| format!("nodes[\"{id}\"].documents"))?;
            }
            check_shares(&acc.shares, count, &|| format!("nodes[\"{id}\"]"))?;
        }
        let node_ids: BTreeSet<NodeId> = wire.nodes.keys().cloned().collect();
        for (id, acc) in wire.nodes {
            let i = b.node_slot(&id);
            // One entry per id (a JSON object) into an empty slot: nothing
            // adds up, nothing overflows.
            b.nodes[i].get_or_insert_default().merge(acc)?;
        }
        let max_evidence = b.max_evidence;
        for (k, ((s, t, r), w)) in wire.edges.into_iter().enumerate() {
            let field = || format!("edges[{k}] ({s} -> {t}, {r})");
            for (end, id) in [("source", &s), ("target", &t)] {
                if !node_ids.contains(id) {
                    return Err(format!(
                        "{}: {end} \"{id}\" is not among the nodes",
                        field()
                    ));
                }
            }
            if let Some(last) = w.documents.last() {
                in_range(last, &|| format!("{}.documents", field()))?;
            }
            check_shares(&w.shares, count, &field)?;
            for (m, e) in w.evidence.iter().enumerate() {
                let at = || format!("{}.evidence[{m}]", field());
                in_range(e.document, &at)?;
                if e.start > e.end {
                    return Err(format!(
                        "{}: start {} is after end {}",
                        at(),
                        e.start,
                        e.end
                    ));
                }
            }
            let mut acc = b.edge_from_wire(w);
            sort_evidence(&mut acc.evidence, max_evidence, &b.documents);
            let (si, ti) = (b.node_slot(&s), b.node_slot(&t));
            let i = b.edge_slot(si, ti, r);
            if let Err(f) = b.edges[i].merge(acc, max_evidence, &b.documents, &b.ids) {
                return Err(format!(
                    "{}.{f}: the counts of a repeated edge overflow",
                    field()
                ));
            }
        }
        Ok(b)
    }

    /// An edge as a partial file gives it, its places and sources by slot
    /// (added if new), sorted; of its dates only the best counts.
    fn edge_from_wire(&mut self, w: EdgeWireIn) -> EdgeAcc {
        // From a map: one count per place, so no two entries share a slot.
        let mut places: Vec<(u32, u64)> = w
            .places
            .into_iter()
            .map(|(p, n)| (self.node_slot(&p) as u32, n))
            .collect();
        places.sort_unstable();
        let mut reported_by: Vec<u32> = w
            .reported_by
            .iter()
            .map(|r| self.node_slot(r) as u32)
            .collect();
        reported_by.sort_unstable();
        reported_by.dedup();
        let more = EdgeMore {
            date: w
                .dates
                .into_iter()
                .fold(None, |a, d| better_date(a, Some(d)))
                .map(String::into_boxed_str),
            places: places.into_boxed_slice(),
            reported_by: reported_by.into_boxed_slice(),
            shares: w.shares,
        };
        EdgeAcc {
            weight: w.weight,
            documents: w.documents,
            evidence: w.evidence,
            more: (more != EdgeMore::default()).then(|| Box::new(more)),
        }
    }
}

impl GraphBuilder {
    /// An empty builder keeping at most `max_evidence` sentences per edge.
    pub fn new(max_evidence: usize) -> GraphBuilder {
        GraphBuilder {
            max_evidence,
            ..GraphBuilder::default()
        }
    }

    /// Keeps every node's and edge's counts per document from now on, as a
    /// partial file needs them (a merge leaves out a document that an
    /// earlier partial brought).
    pub fn keep_counts_per_document(&mut self) {
        self.per_document = true;
    }

    /// Keeps the evidence sentences `add` takes in the process's temporary
    /// sentence file from now on, not in memory (see [`super::sentences`]),
    /// once `keep_in_memory` bytes of them are in memory: what a big run
    /// needs, as they are the biggest item of its graph ([`KEEP_IN_MEMORY`]
    /// is what a run keeps).
    pub fn store_evidence_text(&mut self, keep_in_memory: usize) {
        self.spill = true;
        self.keep_in_memory = keep_in_memory;
    }

    /// Number of documents added so far.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// The index of document `d.id`, adding it (the newest information
    /// about a document wins, as it always has).
    fn intern(&mut self, d: DocRef<'_>) -> DocIdx {
        match self.index.find(&self.documents, d.id) {
            Some(i) => {
                // A file read a page at a time adds one document per page:
                // store its information again only if it changed.
                if self.documents.get(i) != Some(d) {
                    self.documents.set(i, d);
                }
                i
            }
            None => {
                let i = self.documents.push(d);
                self.index.insert(&self.documents, i);
                i
            }
        }
    }

    /// The position of `id` in `ids`, adding it.
    fn node_slot(&mut self, id: &NodeId) -> usize {
        if let Some(&i) = self.id_index.get(id) {
            return i as usize;
        }
        let i = self.ids.len();
        self.ids.push(id.clone());
        self.nodes.push(None);
        self.id_index.insert(id.clone(), i as u32);
        i
    }

    /// [`GraphBuilder::node_slot`] through `slot_by_address`: only for ids
    /// that stay alive until the cache is cleared (the end of `add`), so an
    /// address never stands for two ids.
    fn node_slot_in_add(&mut self, id: &NodeId) -> usize {
        let address = Arc::as_ptr(&id.0) as *const u8 as usize;
        if let Some(&i) = self.slot_by_address.get(&address) {
            return i as usize;
        }
        let i = self.node_slot(id);
        self.slot_by_address.insert(address, i as u32);
        i
    }

    /// The position in `edges` of the edge (source, target, relation), ends
    /// by position in `ids`, adding an empty one.
    fn edge_slot(&mut self, s: usize, t: usize, relation: Relation) -> usize {
        let key = (s as u32, t as u32, relation);
        let i = self.edges.len();
        // The key goes in first, so the table can compare with it; it comes
        // out again if the edge is there already.
        self.edge_keys.push(key);
        match self
            .edge_index
            .get_or_insert(&self.edge_keys, &key, i as u32)
        {
            Ok(e) => {
                self.edge_keys.pop();
                e as usize
            }
            Err(()) => {
                self.edges.push(EdgeAcc::default());
                i
            }
        }
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, ex: &Extraction) {
        let doc = self.intern(ex.doc.as_ref());
        self.slot_by_address.clear();
        let track = self.per_document;
        for m in &ex.mentions {
            let i = self.node_slot_in_add(&m.id);
            let acc = self.nodes[i].get_or_insert_default();
            acc.kind = Some(m.kind);
            acc.mentions += 1;
            acc.documents.insert(doc);
            if track {
                let s = share_of(&mut acc.shares, doc);
                s.1 += 1;
                bump(&mut s.2, &m.label, 1);
            }
            // Every form carries the canonical label (a country named only by
            // its adjective still gets one); only names and descriptions are aliases.
            // Look up before inserting: most mentions repeat a known label,
            // surface or role, and an `entry`/`insert` would copy it first.
            match acc.labels.get_mut(&m.label) {
                Some(n) => *n += 1,
                None => {
                    acc.labels.insert(m.label.clone(), 1);
                }
            }
            if matches!(m.form, MentionForm::Name | MentionForm::Description)
                && !acc.surfaces.contains(&m.surface)
            {
                acc.surfaces.insert(m.surface.clone());
            }
            if let Some(r) = &m.role
                && !acc.roles.contains(r)
            {
                acc.roles.insert(r.clone());
            }
        }
        let ids: Vec<NodeId> = ex.drafts.iter().map(draft_id).collect();
        let apart = ex
            .apart
            .iter()
            .filter_map(|&(a, b)| Some((ids.get(a)?.clone(), ids.get(b)?.clone())));
        self.add_facts(apart, ex.places_in.iter().cloned());
        for (d, id) in ex.drafts.iter().zip(&ids) {
            let acc = NodeAcc {
                kind: Some(Kind::Deployment),
                labels: BTreeMap::new(),
                fixed_label: None,
                surfaces: d.surfaces.iter().cloned().collect(),
                mentions: d.mentions,
                documents: DocList::from([doc]),
                roles: BTreeSet::new(),
                deployment: Some(d.deployment.clone()),
                shares: track.then(|| Box::new(vec![Share(doc, d.mentions, Vec::new())])),
            };
            let i = self.node_slot_in_add(id);
            // A fresh draft's counts are small: they cannot overflow.
            let _ = self.nodes[i].get_or_insert_default().merge(acc);
        }
        fn resolve<'a>(e: &'a End, drafts: &'a [NodeId]) -> &'a NodeId {
            match e {
                End::Entity(id) => id,
                End::Deployment(i) => &drafts[*i],
            }
        }
        let max_evidence = self.max_evidence;
        let spill = self.spill;
        let keep_in_memory = self.keep_in_memory;
        let mut kept_in_memory = self.kept_in_memory;
        // One shared text per sentence, however many edges it supports.
        let mut texts: Vec<Option<Text>> = vec![None; ex.sentences.len()];
        for c in &ex.claims {
            let (mut s, mut t) = (resolve(&c.source, &ids), resolve(&c.target, &ids));
            if s == t {
                continue;
            }
            let symmetric = is_symmetric(c.relation, s, t);
            if symmetric && t < s {
                std::mem::swap(&mut s, &mut t);
            }
            let Some(sentence) = ex.sentences.get(c.sentence) else {
                continue;
            };
            let (s, t) = (self.node_slot_in_add(s), self.node_slot_in_add(t));
            let e = self.edge_slot(s, t, c.relation);
            let acc = &mut self.edges[e];
            let docs = &self.documents;
            acc.weight += 1;
            acc.documents.insert(doc);
            if track {
                let s = share_of(&mut acc.more().shares, doc);
                s.1 += 1;
                if let Some(p) = &c.place {
                    bump(&mut s.2, p, 1);
                }
            }
            // The list keeps its first `max_evidence` in (document id,
            // start, end, text) order: find the sentence's place without
            // copying its text, and copy it only when it is kept.
            let key = (sentence.start, sentence.end);
            let at = acc.evidence.binary_search_by(|e| {
                let by_doc = if e.document == doc {
                    Ordering::Equal
                } else {
                    docs.id(e.document).cmp(docs.id(doc))
                };
                by_doc
                    .then_with(|| (e.start, e.end).cmp(&key))
                    .then_with(|| match &texts[c.sentence] {
                        // The sentence's own text: no need to read it.
                        Some(t) if t.is_same(&e.text) => Ordering::Equal,
                        _ => e.text.get().as_ref().cmp(sentence.text.as_str()),
                    })
            });
            if let Err(i) = at
                && i < max_evidence
            {
                let text = texts[c.sentence]
                    .get_or_insert_with(|| {
                        if spill && kept_in_memory >= keep_in_memory {
                            Text::stored(&sentence.text)
                        } else {
                            kept_in_memory += sentence.text.len();
                            Text::in_memory(&sentence.text)
                        }
                    })
                    .clone();
                if acc.evidence.len() == max_evidence {
                    acc.evidence.pop();
                } else {
                    // One more slot, not a doubling: most edges keep one to
                    // three sentences, and slack here is a fifth of the graph.
                    acc.evidence.reserve_exact(1);
                }
                acc.evidence.insert(
                    i,
                    Evidence {
                        document: doc,
                        start: sentence.start,
                        end: sentence.end,
                        text,
                    },
                );
            }
            if let Some(d) = &c.date {
                offer_date(&mut acc.more().date, d);
            }
            // Places and sources are kept by slot (see [`EdgeMore`]).
            if let Some(p) = &c.place {
                let slot = self.node_slot_in_add(p) as u32;
                let places = &mut self.edges[e].more().places;
                match places.binary_search_by_key(&slot, |&(q, _)| q) {
                    Ok(i) => places[i].1 += 1,
                    Err(i) => insert_exact(places, i, (slot, 1)),
                }
            }
            for r in &c.reported_by {
                let slot = self.node_slot_in_add(r) as u32;
                if let Err(i) = self.edges[e].reported_by().binary_search(&slot) {
                    insert_exact(&mut self.edges[e].more().reported_by, i, slot);
                }
            }
        }
        self.kept_in_memory = kept_in_memory;
        // The addresses are the extraction's: it may be freed after this.
        self.slot_by_address.clear();
    }

    /// Merges another builder into this one (associative and commutative).
    /// A count whose sum does not fit stays at `u64::MAX`; use
    /// [`GraphBuilder::try_merge`] to refuse that.
    pub fn merge(&mut self, other: GraphBuilder) {
        let _ = self.try_merge(other);
    }

    /// Merges another builder into this one (associative and commutative).
    ///
    /// # Errors
    /// The field (`nodes["id"].mentions`, `edges (s -> t, relation).weight`,
    /// ...) of the first count whose sum does not fit a `u64`; the merge is
    /// finished all the same, that count saturated.
    pub fn try_merge(&mut self, mut other: GraphBuilder) -> Result<(), String> {
        let mut overflow: Option<String> = None;
        self.max_evidence = self.max_evidence.max(other.max_evidence);
        self.per_document |= other.per_document;
        self.add_facts(
            std::mem::take(&mut other.apart),
            std::mem::take(&mut other.places_in),
        );
        let map: Vec<DocIdx> = other.documents.iter().map(|d| self.intern(d)).collect();
        let map = |d: DocIdx| map.get(d as usize).copied();
        let slots: Vec<usize> = other.ids.iter().map(|id| self.node_slot(id)).collect();
        for (i, acc) in other.nodes.into_iter().enumerate() {
            if let Some(mut acc) = acc {
                acc.documents = acc.documents.remap(map);
                remap_shares(&mut acc.shares, map);
                if let Err(f) = self.nodes[slots[i]].get_or_insert_default().merge(acc) {
                    overflow.get_or_insert_with(|| format!("nodes[\"{}\"].{f}", other.ids[i]));
                }
            }
        }
        let max_evidence = self.max_evidence;
        for ((s, t, r), mut o) in other.edge_keys.into_iter().zip(other.edges) {
            o.documents = o.documents.remap(map);
            if let Some(more) = o.more.as_mut() {
                remap_shares(&mut more.shares, map);
                // Slots are one to one with ids: the lists stay without repeats.
                for p in &mut more.places {
                    p.0 = slots[p.0 as usize] as u32;
                }
                more.places.sort_unstable();
                for r in &mut more.reported_by {
                    *r = slots[*r as usize] as u32;
                }
                more.reported_by.sort_unstable();
            }
            remap_evidence(&mut o.evidence, map);
            let e = self.edge_slot(slots[s as usize], slots[t as usize], r);
            if let Err(f) = self.edges[e].merge(o, max_evidence, &self.documents, &self.ids) {
                overflow.get_or_insert_with(|| {
                    let (s, t) = (&other.ids[s as usize], &other.ids[t as usize]);
                    format!("edges ({s} -> {t}, {r}).{f}")
                });
            }
        }
        overflow.map_or(Ok(()), Err)
    }

    /// Takes out the counts (mentions, label counts, weights, place counts)
    /// that the documents `held` says a merge has already counted, from
    /// their shares: merging this builder then counts each of them once.
    /// Aliases, roles, document lists, evidence and sources are unions,
    /// where a document brought twice counts once anyway.
    ///
    /// # Errors
    /// The field (`nodes["id"].by_document: ...`) of the first share that
    /// is more than the count it is a share of (a file that contradicts
    /// itself); the other counts are taken out all the same.
    pub fn forget_counts_of(&mut self, held: &BTreeSet<&str>) -> Result<(), String> {
        let held: Vec<bool> = self.documents.iter().map(|d| held.contains(d.id)).collect();
        if !held.contains(&true) {
            return Ok(());
        }
        let mut first: Option<String> = None;
        for (id, acc) in self.ids.iter().zip(&mut self.nodes) {
            let Some(acc) = acc else { continue };
            let labels = &mut acc.labels;
            let r = forget_shares(&mut acc.shares, &held, &mut acc.mentions, |l, n| {
                let Some(c) = labels.get_mut(l) else {
                    return false;
                };
                let Some(left) = c.checked_sub(n) else {
                    return false;
                };
                *c = left;
                if left == 0 {
                    labels.remove(l);
                }
                true
            });
            if let Err(m) = r {
                first.get_or_insert_with(|| format!("nodes[\"{id}\"].by_document: {m}"));
            }
        }
        for ((s, t, r), acc) in self.edge_keys.iter().zip(self.edges.iter_mut()) {
            let Some(more) = acc.more.as_mut() else {
                continue;
            };
            let places = &mut more.places;
            let id_index = &self.id_index;
            let res = forget_shares(&mut more.shares, &held, &mut acc.weight, |p, n| {
                let Some(&slot) = id_index.get(p) else {
                    return false;
                };
                let Ok(i) = places.binary_search_by_key(&slot, |&(q, _)| q) else {
                    return false;
                };
                let Some(left) = places[i].1.checked_sub(n) else {
                    return false;
                };
                places[i].1 = left;
                if left == 0 {
                    edit(places, |l| {
                        l.remove(i);
                    });
                }
                true
            });
            if let Err(m) = res {
                first.get_or_insert_with(|| {
                    let (s, t) = (&self.ids[*s as usize], &self.ids[*t as usize]);
                    format!("edges ({s} -> {t}, {r}).by_document: {m}")
                });
            }
        }
        first.map_or(Ok(()), Err)
    }

    /// Drops every node's and edge's counts per document and keeps none from
    /// now on: what a merge into exports (not into another partial) does
    /// once a partial's shared documents are taken out, so the merged builder
    /// is no bigger than one run's.
    pub fn drop_counts_per_document(&mut self) {
        self.per_document = false;
        for acc in self.nodes.iter_mut().flatten() {
            acc.shares = None;
        }
        for acc in self.edges.iter_mut() {
            if let Some(more) = acc.more.as_mut() {
                more.shares = None;
            }
        }
    }

    /// The ids of the documents added so far, in the order first added.
    pub fn document_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.documents.iter().map(|d| d.id)
    }

    /// The finished graph, its documents renumbered in id order.
    ///
    /// The builder is taken apart as the graph is made, so the two are never
    /// both whole: each edge moves into the graph in order, leaving its
    /// emptied slot, and the document table is copied in id order last,
    /// once the builder's elements are gone.
    pub fn finish(mut self) -> EntityGraph {
        self.merge_person_variants();
        self.merge_movements();
        let GraphBuilder {
            ids,
            nodes: mut node_accs,
            edge_keys,
            edges: mut edge_accs,
            documents: added,
            id_index,
            edge_index,
            index,
            ..
        } = self;
        // The look-ups are done with: free them before the graph is made.
        drop((id_index, edge_index, index));
        // Documents usually come in id order (a sorted directory, JSON Lines
        // ids counting up): then the numbering stands and no list is rewritten.
        let in_order = (1..added.len() as DocIdx).all(|i| added.id(i - 1) < added.id(i));
        let mut order: Vec<DocIdx> = Vec::new();
        let mut renumber: Vec<DocIdx> = Vec::new();
        if !in_order {
            order = (0..added.len() as DocIdx).collect();
            // Ids are unique in the table: an unstable sort gives one order.
            order.sort_unstable_by(|&a, &b| added.id(a).cmp(added.id(b)));
            renumber = vec![0; added.len()];
            for (new, &old) in order.iter().enumerate() {
                renumber[old as usize] = new as DocIdx;
            }
        }
        let map = |d: DocIdx| renumber.get(d as usize).copied();
        let renumbered = |list: DocList| {
            let mut list = if in_order { list } else { list.remap(map) };
            list.shrink_to_fit();
            list
        };
        // Ids are unique: sorting the few ids once gives each its rank, the
        // nodes come out in id order, and the many edges sort by ranks,
        // integers, and find their ends' node indices without comparing
        // two ids' text per edge.
        let mut by_id: Vec<u32> = (0..ids.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]));
        let mut rank = vec![0u32; ids.len()];
        // The node index of each id; `u32::MAX` for an id only edges name
        // (their edges are dropped: the graph has no dangling edge).
        let mut index = vec![u32::MAX; ids.len()];
        let mut nodes = Vec::with_capacity(node_accs.len());
        for (r, &k) in by_id.iter().enumerate() {
            rank[k as usize] = r as u32;
            let Some(mut acc) = node_accs[k as usize].take() else {
                continue;
            };
            let id = &ids[k as usize];
            index[k as usize] = nodes.len() as u32;
            let label = acc.label();
            let docs = renumbered(std::mem::take(&mut acc.documents));
            let kind = acc.kind.or_else(|| id.kind()).unwrap_or(Kind::Place);
            let aliases = acc.surfaces.into_iter().filter(|s| *s != label).collect();
            nodes.push(Node {
                id: id.clone(),
                label,
                kind,
                aliases,
                mentions: acc.mentions,
                documents: docs,
                roles: acc.roles,
                deployment: acc.deployment,
            });
        }
        drop((by_id, node_accs));
        // Edges in graph order: (source, target, relation); keys are unique.
        // Sorted as plain integers: (source rank, target rank) packed in one.
        let mut keyed: Vec<(u64, Relation, u32)> = edge_keys
            .iter()
            .enumerate()
            .map(|(i, &(s, t, r))| {
                let ends = (u64::from(rank[s as usize]) << 32) | u64::from(rank[t as usize]);
                (ends, r, i as u32)
            })
            .collect();
        keyed.sort_unstable();
        let edge_order: Vec<u32> = keyed.iter().map(|k| k.2).collect();
        drop((keyed, rank));
        // The edges move into graph order in place, then into the graph a
        // chunk at a time: each chunk of the builder's is freed as the
        // graph's edges grow, so the two are never both whole.
        edge_accs.permute(&edge_order);
        let n_edges = edge_order.len();
        let edges = edge_order
            .into_iter()
            .zip(edge_accs)
            .filter_map(|(i, acc)| {
                let (s, t, relation) = edge_keys[i as usize];
                let (si, ti) = (index[s as usize], index[t as usize]);
                if si == u32::MAX || ti == u32::MAX {
                    return None;
                }
                let (source, target) = (ids[s as usize].clone(), ids[t as usize].clone());
                let docs = renumbered(acc.documents);
                let more = acc.more.map(|m| *m).unwrap_or_default();
                let id = |slot: u32| &ids[slot as usize];
                let place = more
                    .places
                    .iter()
                    .max_by(|a, b| {
                        (a.1, std::cmp::Reverse(id(a.0))).cmp(&(b.1, std::cmp::Reverse(id(b.0))))
                    })
                    .map(|&(p, _)| id(p).clone());
                // Sorted by document id, so renumbering keeps the order.
                let mut evidence = acc.evidence;
                if !in_order {
                    for e in &mut evidence {
                        e.document = map(e.document).unwrap_or_default();
                    }
                }
                let edge = Edge {
                    symmetric: is_symmetric(relation, &source, &target),
                    source,
                    target,
                    relation,
                    key: 0,
                    weight: acc.weight,
                    documents: docs,
                    evidence,
                    date: more.date.map(String::from),
                    place,
                    // Sorted by id as the graph is made.
                    reported_by: more.reported_by.iter().map(|&r| id(r).clone()).collect(),
                };
                Some((si, ti, edge))
            });
        let mut graph = EntityGraph::from_indexed_edges(nodes, edges, n_edges);
        drop((edge_keys, ids, index));
        if in_order {
            graph.set_documents(added);
        } else {
            let mut documents = Documents::with_capacity(added.text_len(), added.len());
            for &old in &order {
                documents.push(added.get(old).unwrap_or_default());
            }
            drop(added);
            graph.set_documents(documents);
        }
        graph
    }
}

impl GraphBuilder {
    /// Adds pairs of deployments the text tells apart and places' countries
    /// (sorted, without repeats; a pair's smaller id first).
    fn add_facts(
        &mut self,
        apart: impl IntoIterator<Item = (NodeId, NodeId)>,
        places_in: impl IntoIterator<Item = (NodeId, NodeId)>,
    ) {
        let before = (self.apart.len(), self.places_in.len());
        self.apart.extend(
            apart
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| if a < b { (a, b) } else { (b, a) }),
        );
        self.places_in.extend(places_in);
        if before.0 != self.apart.len() {
            self.apart.sort();
            self.apart.dedup();
        }
        if before.1 != self.places_in.len() {
            self.places_in.sort();
            self.places_in.dedup_by(|b, a| a.0 == b.0);
        }
    }

    /// Merges the deployments that are one contingent ([`super::movements`]),
    /// gives parts their whole's origin and destination where they have
    /// none, and marks estimate groups. Runs once, on the whole graph.
    fn merge_movements(&mut self) {
        let (merges, fields) = self.same_contingents();
        self.fold(&merges);
        for (into, from, to) in fields {
            if let Some(d) = self.nodes[into]
                .as_mut()
                .and_then(|n| n.deployment.as_mut())
            {
                d.from = from;
                d.to = to;
            }
        }
        // Parts take the whole's origin and destination where they have none.
        let part_of: Vec<(usize, usize)> = self
            .edge_keys
            .iter()
            .filter(|k| k.2 == Relation::PartOf)
            .map(|&(s, t, _)| (s as usize, t as usize))
            .collect();
        for &(p, w) in &part_of {
            let Some(whole) = self.nodes[w].as_ref().and_then(|n| n.deployment.clone()) else {
                continue;
            };
            if let Some(d) = self.nodes[p].as_mut().and_then(|n| n.deployment.as_mut()) {
                d.from = d.from.take().or(whole.from);
                d.to = d.to.take().or(whole.to);
            }
        }
        self.mark_estimates(&part_of);
    }

    /// What the movement rules know besides the deployments: the pairs the
    /// text tells apart, `part_of` (part, whole) pairs, places' countries.
    fn facts<'a>(&'a self, part_of: &'a [(NodeId, NodeId)]) -> super::movements::Facts<'a> {
        super::movements::Facts {
            apart: self.apart.iter().map(|(a, b)| (a, b)).collect(),
            part_of: part_of.iter().map(|(a, b)| (a, b)).collect(),
            places_in: self.places_in.iter().map(|(a, b)| (a, b)).collect(),
        }
    }

    /// The live deployment slots, sorted by id.
    fn deployment_slots(&self) -> Vec<usize> {
        let mut s: Vec<usize> = (0..self.ids.len())
            .filter(|&k| {
                self.nodes[k]
                    .as_ref()
                    .is_some_and(|a| a.deployment.is_some())
            })
            .collect();
        s.sort_by(|&a, &b| self.ids[a].cmp(&self.ids[b]));
        s
    }

    /// The deployments at `slots` as the rules see them.
    fn movements(&self, slots: &[usize]) -> Vec<super::movements::Movement<'_>> {
        slots
            .iter()
            .filter_map(|&k| {
                let d = self.nodes[k].as_ref()?.deployment.as_ref()?;
                Some(super::movements::Movement::new(
                    &self.ids[k],
                    d,
                    &[d.unit.as_str()],
                ))
            })
            .collect()
    }

    /// The merges (member slot, group slot) that make each contingent one
    /// node, and each group's origin and destination. A group's node takes
    /// the id its merged fields give, unless another node has it.
    fn same_contingents(&mut self) -> (Vec<(usize, usize)>, Vec<GroupEnds>) {
        let slots = self.deployment_slots();
        let part_of: Vec<(NodeId, NodeId)> = self
            .edge_keys
            .iter()
            .filter(|k| k.2 == Relation::PartOf)
            .map(|&(s, t, _)| (self.ids[s as usize].clone(), self.ids[t as usize].clone()))
            .collect();
        // (member slots, the group's id, its merged fields)
        let mut plans: Vec<(Vec<usize>, NodeId, Deployment)> = Vec::new();
        {
            let facts = self.facts(&part_of);
            let all = self.movements(&slots);
            for group in super::movements::same_contingents(&all, &facts) {
                // The member that knows most leads (its unit names the node):
                // an origin, a destination, then the most mentions, then the smallest id.
                let rank = |i: usize| {
                    let d = all[i].deployment;
                    let m = self.nodes[slots[i]].as_ref().map_or(0, |n| n.mentions);
                    (
                        d.from.is_some(),
                        d.to.is_some(),
                        m,
                        std::cmp::Reverse(all[i].id),
                    )
                };
                let mut members = group.clone();
                members.sort_by_key(|&i| std::cmp::Reverse(rank(i)));
                let mut d = all[members[0]].deployment.clone();
                for &i in &members {
                    let o = all[i].deployment;
                    d.from = d.from.or_else(|| o.from.clone());
                    d.to = facts.finer(&d.to, &o.to).clone();
                }
                let id = deployment_id(&d);
                plans.push((members.iter().map(|&i| slots[i]).collect(), id, d));
            }
        }
        let mut merges = Vec::new();
        let mut fields = Vec::new();
        for (members, id, d) in plans {
            let taken = self.id_index.get(&id).is_some_and(|&k| {
                !members.contains(&(k as usize)) && self.nodes[k as usize].is_some()
            });
            let into = if taken {
                members[0]
            } else {
                self.node_slot(&id)
            };
            for &m in members.iter().filter(|&&m| m != into) {
                merges.push((m, into));
            }
            fields.push((into, d.from, d.to));
        }
        (merges, fields)
    }

    /// Gives every deployment of an estimate group the group's id.
    fn mark_estimates(&mut self, part_of: &[(usize, usize)]) {
        let slots = self.deployment_slots();
        let part_ids: Vec<(NodeId, NodeId)> = part_of
            .iter()
            .map(|&(p, w)| (self.ids[p].clone(), self.ids[w].clone()))
            .collect();
        let marks: Vec<(usize, String)> = {
            let facts = self.facts(&part_ids);
            let all = self.movements(&slots);
            let slots = &slots;
            super::movements::estimate_groups(&all, &facts)
                .into_iter()
                .flat_map(|g| {
                    let first = all[g[0]].id.as_str();
                    let name = format!(
                        "estimate:{}",
                        first.strip_prefix("deployment:").unwrap_or(first)
                    );
                    g.into_iter()
                        .map(move |i| (slots[i], name.clone()))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        for (k, name) in marks {
            if let Some(d) = self.nodes[k].as_mut().and_then(|n| n.deployment.as_mut()) {
                d.estimate = Some(name);
            }
        }
    }

    /// Merges each `(from, into)` node into the other, then re-keys the
    /// edges ([`GraphBuilder::rekey`]).
    fn fold(&mut self, merges: &[(usize, usize)]) {
        for &(from, into) in merges {
            if let Some(acc) = self.nodes[from].take() {
                // Counts that do not fit were refused when partials merged.
                let _ = self.nodes[into].get_or_insert_default().merge(acc);
            }
        }
        self.rekey(merges);
    }

    /// Re-keys every edge after nodes merged (`(from, into)` slots): an edge
    /// between two merged nodes goes, repeats merge, symmetric edges keep
    /// their smaller id first, sources are renamed.
    fn rekey(&mut self, merges: &[(usize, usize)]) {
        if merges.is_empty() {
            return;
        }
        let mut to: Vec<usize> = (0..self.ids.len()).collect();
        for &(from, into) in merges {
            to[from] = into;
        }
        // In place: an edge whose key is new moves down to the next free
        // position, a repeat merges into the edge before it, so the edges are
        // never held twice (two tables of 400,000 edges at 1 GB of input).
        self.edge_index.clear();
        let max_evidence = self.max_evidence;
        let mut kept = 0;
        for i in 0..self.edges.len() {
            let (s, t, r) = self.edge_keys[i];
            let (mut s, mut t) = (to[s as usize] as u32, to[t as usize] as u32);
            if s == t {
                continue; // "Shoigu met Shoygu": one person now
            }
            let (sid, tid) = (&self.ids[s as usize], &self.ids[t as usize]);
            if is_symmetric(r, sid, tid) && tid < sid {
                std::mem::swap(&mut s, &mut t);
            }
            let mut acc = std::mem::take(&mut self.edges[i]);
            if let Some(more) = acc.more.as_mut() {
                for r in &mut more.reported_by {
                    *r = to[*r as usize] as u32;
                }
                more.reported_by.sort_unstable();
                if more.reported_by.windows(2).any(|w| w[0] == w[1]) {
                    edit(&mut more.reported_by, Vec::dedup);
                }
            }
            // Positions below `kept` hold the new keys: the key is written
            // at `kept` for the table to compare with, and stays if new.
            let old_key = std::mem::replace(&mut self.edge_keys[kept], (s, t, r));
            match self
                .edge_index
                .get_or_insert(&self.edge_keys[..=kept], &(s, t, r), kept as u32)
            {
                Ok(e) => {
                    self.edge_keys[kept] = old_key;
                    let e = e as usize;
                    let _ = self.edges[e].merge(acc, max_evidence, &self.documents, &self.ids);
                }
                Err(()) => {
                    // The first edge of its key: merging it into an empty
                    // slot would give it back as it is (its evidence and
                    // places are kept sorted and unique, its sources were
                    // sorted above), so it moves without the merge's sorting
                    // (with counts per document, the merge orders them).
                    if acc.shares().is_none() {
                        self.edges[kept] = acc;
                    } else {
                        let slot = &mut self.edges[kept];
                        *slot = EdgeAcc::default();
                        let _ = slot.merge(acc, max_evidence, &self.documents, &self.ids);
                    }
                    kept += 1;
                }
            }
        }
        self.edges.truncate(kept);
        self.edge_keys.truncate(kept);
    }

    /// Merges the nodes of one person's spelling variants ([`super::variants`])
    /// and re-keys the edges that touched them. Runs once, on the whole graph.
    fn merge_person_variants(&mut self) {
        let labels: Vec<(usize, String, bool, u64)> = self
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(k, acc)| {
                let acc = acc.as_ref()?;
                let kind = acc.kind.or_else(|| self.ids[k].kind());
                (kind == Some(Kind::Person))
                    .then(|| (k, acc.label(), acc.fixed_label.is_some(), acc.mentions))
            })
            .collect();
        let people: Vec<super::variants::PersonName> = labels
            .iter()
            .map(
                |(slot, label, fixed, mentions)| super::variants::PersonName {
                    slot: *slot,
                    label,
                    fixed: *fixed,
                    mentions: *mentions,
                },
            )
            .collect();
        let merges = super::variants::variant_merges(&people);
        if merges.is_empty() {
            return;
        }
        self.fold(&merges);
    }
}

/// A merged deployment's slot with its group's origin and destination.
type GroupEnds = (usize, Option<NodeId>, Option<NodeId>);

/// `met` always; `agreed` between two actors.
fn is_symmetric(relation: Relation, s: &NodeId, t: &NodeId) -> bool {
    let actor = |id: &NodeId| id.kind().is_some_and(Kind::is_actor);
    relation == Relation::Met || relation == Relation::Agreed && actor(s) && actor(t)
}

/// A deployment draft's id (see [`deployment_id`]).
fn draft_id(draft: &crate::relations::DeploymentDraft) -> NodeId {
    deployment_id(&draft.deployment)
}

/// A deployment's id: its merge key, origin, count (and upper bound), unit and destination.
fn deployment_id(d: &Deployment) -> NodeId {
    use std::fmt::Write;
    // One buffer, written in place: no string per part.
    fn end(id: &Option<NodeId>) -> Option<&str> {
        id.as_ref()
            .and_then(|i| i.as_str().split_once(':').map(|(_, s)| s))
    }
    let mut key = String::with_capacity(64);
    key.push_str(end(&d.from).unwrap_or("unknown"));
    if let Some(c) = d.count {
        let _ = write!(key, "-{c}");
    }
    if let Some(m) = d.count_max {
        let _ = write!(key, "-{m}");
    }
    key.push('-');
    key.push_str(&d.unit);
    if let Some(to) = end(&d.to) {
        key.push_str("-to-");
        key.push_str(to);
    }
    node_id(Kind::Deployment, &key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_named_only_by_its_adjective_has_a_label() {
        let lex = crate::lexicon::load_lexicon(&[]).unwrap();
        let doc = crate::corpus::Document::new(
            "d".into(),
            "d.txt".into(),
            "Ukrainian officials met again.".into(),
            None,
            None,
            None,
        );
        let mut b = GraphBuilder::new(3);
        b.add(&crate::extract::extract_document(&doc, &lex));
        let g = b.finish();
        assert!(
            g.nodes().all(|n| !n.label.is_empty()),
            "{:?}",
            g.nodes().map(|n| (&n.id, &n.label)).collect::<Vec<_>>()
        );
        let doc = crate::corpus::Document::new(
            "e".into(),
            "e.txt".into(),
            "North Korean workers arrived.".into(),
            None,
            None,
            None,
        );
        let mut b = GraphBuilder::new(3);
        b.add(&crate::extract::extract_document(&doc, &lex));
        assert!(b.finish().nodes().all(|n| !n.label.is_empty()));
    }

    /// The extractions of `n` generated articles of `seed`.
    fn synth_extractions(seed: u64, n: u64) -> Vec<Extraction> {
        let lex = crate::builtin_lexicon().unwrap();
        (0..n)
            .map(|i| {
                let d = crate::synth::generate(seed, i);
                let doc =
                    crate::corpus::Document::new(d.id.clone(), d.id, d.text, None, None, None);
                crate::extract::extract_document(&doc, lex)
            })
            .collect()
    }

    /// Evidence sentences written to the temporary file give the graph and
    /// the export bytes of sentences kept in memory, built in one builder
    /// or merged from two; a partial file writes their text.
    #[test]
    fn stored_evidence_gives_the_same_graph_and_bytes() {
        let exs = synth_extractions(5, 40);
        let builder = |stored: bool, range: std::ops::Range<usize>| {
            let mut b = GraphBuilder::new(2);
            if stored {
                b.store_evidence_text(0);
            }
            for ex in &exs[range] {
                b.add(ex);
            }
            b
        };
        let json = |g: &EntityGraph| {
            let mut out = Vec::new();
            crate::export::json::write_json(g, Default::default(), &mut out).unwrap();
            out
        };
        let memory = builder(false, 0..40);
        let stored = builder(true, 0..40);
        let partial = serde_json::to_string(&stored).unwrap();
        assert_eq!(partial, serde_json::to_string(&memory).unwrap());
        let mut merged = builder(true, 20..40);
        merged.merge(builder(true, 0..20));
        let (memory, stored, merged) = (memory.finish(), stored.finish(), merged.finish());
        let evidence = |g: &EntityGraph| {
            g.edges()
                .flat_map(|e| e.evidence.clone())
                .collect::<Vec<_>>()
        };
        assert!(
            evidence(&stored)
                .iter()
                .all(|e| e.text.is_stored() || !cfg!(unix))
        );
        assert!(evidence(&memory).iter().all(|e| !e.text.is_stored()));
        assert!(evidence(&stored).len() > 40);
        assert_eq!(stored, memory);
        assert_eq!(merged, memory);
        assert_eq!(json(&stored), json(&memory));
        assert_eq!(json(&merged), json(&memory));
    }

    /// A spilling builder keeps the first sentences up to its threshold in
    /// memory and stores the rest.
    #[test]
    fn evidence_past_the_threshold_is_stored() {
        let lex = crate::builtin_lexicon().unwrap();
        let mut b = GraphBuilder::new(5);
        b.store_evidence_text(2_000);
        for i in 0..40 {
            let d = crate::synth::generate(7, i);
            let doc = crate::corpus::Document::new(d.id.clone(), d.id, d.text, None, None, None);
            b.add(&crate::extract::extract_document(&doc, lex));
        }
        let g = b.finish();
        let texts: Vec<Text> = g
            .edges()
            .flat_map(|e| e.evidence.iter().map(|v| v.text.clone()))
            .collect();
        let in_memory: usize = texts.iter().filter(|t| !t.is_stored()).map(Text::len).sum();
        assert!(in_memory >= 2_000, "{in_memory} bytes in memory");
        assert!(texts.iter().any(Text::is_stored) || !cfg!(unix));
    }

    /// Only edges with a date, a place, a source or counts per document
    /// carry the box of those fields; the partial file of a builder writes
    /// them all the same, and reads back to an equal builder.
    #[test]
    fn rare_edge_fields_are_boxed_only_when_set_and_round_trip() {
        // What the builder's memory was measured with (see `EdgeMore`).
        assert_eq!(std::mem::size_of::<EdgeMore>(), 56);
        assert_eq!(std::mem::size_of::<EdgeAcc>(), 64);
        let lex = crate::builtin_lexicon().unwrap();
        let mut b = GraphBuilder::new(5);
        for i in 0..40 {
            let d = crate::synth::generate(3, i);
            let doc = crate::corpus::Document::new(d.id.clone(), d.id, d.text, None, None, None);
            b.add(&crate::extract::extract_document(&doc, lex));
        }
        let (mut with, mut without) = (0, 0);
        for e in b.edges.iter() {
            let set = e.date().is_some() || !e.places().is_empty() || !e.reported_by().is_empty();
            assert_eq!(e.more.is_some(), set);
            if set { with += 1 } else { without += 1 }
        }
        assert!(
            with > 0 && without > 0,
            "{with} edges with, {without} without"
        );
        let json = serde_json::to_string(&b).unwrap();
        assert!(json.contains("\"dates\":[\"") && json.contains("\"reported_by\":[\""));
        let back: GraphBuilder = serde_json::from_str(&json).unwrap();
        assert!(back == b);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    /// Places and sources are kept by slot, and slots follow the order ids
    /// were first seen: builders fed the same documents in other orders,
    /// or merged from shards either way, number them differently and are
    /// still equal, read back from their partial files, and finish to the
    /// same places and sources.
    #[test]
    fn places_and_sources_by_slot_survive_any_numbering() {
        let exs = synth_extractions(7, 60);
        let fed = |order: &mut dyn Iterator<Item = usize>| {
            let mut b = GraphBuilder::new(3);
            b.keep_counts_per_document();
            for i in order {
                b.add(&exs[i]);
            }
            b
        };
        let forward = fed(&mut (0..60));
        let backward = fed(&mut (0..60).rev());
        let mut merged = fed(&mut (30..60).rev());
        merged.merge(fed(&mut (0..30)));
        // The numberings differ where it matters: some place has another slot.
        let slots = |b: &GraphBuilder| -> Vec<(NodeId, u32)> {
            let mut all: Vec<_> = b
                .edges
                .iter()
                .flat_map(|e| {
                    e.places()
                        .iter()
                        .map(|p| p.0)
                        .chain(e.reported_by().iter().copied())
                })
                .map(|s| (b.ids[s as usize].clone(), s))
                .collect();
            all.sort();
            all.dedup();
            all
        };
        assert!(!slots(&forward).is_empty());
        assert_ne!(slots(&forward), slots(&backward));
        assert_ne!(slots(&forward), slots(&merged));
        // Builders compare by ids; a partial file names places and sources
        // by id and reads back to an equal builder (documents are numbered
        // in the order added, so the files of other orders differ there).
        assert!(backward == forward && merged == forward);
        let json = serde_json::to_string(&forward).unwrap();
        assert!(json.contains("\"places\":{\"") && json.contains("\"reported_by\":[\""));
        let read: GraphBuilder = serde_json::from_str(&json).unwrap();
        assert!(read == forward);
        assert_eq!(serde_json::to_string(&read).unwrap(), json);
        let back: GraphBuilder =
            serde_json::from_str(&serde_json::to_string(&backward).unwrap()).unwrap();
        assert!(back == forward);
        let (forward, backward, merged) = (forward.finish(), backward.finish(), merged.finish());
        let ends = |g: &EntityGraph| -> Vec<(Option<NodeId>, Vec<NodeId>)> {
            g.edges()
                .map(|e| (e.place.clone(), e.reported_by.clone()))
                .collect()
        };
        assert!(forward.edges().any(|e| e.place.is_some()));
        assert!(forward.edges().any(|e| e.reported_by.len() > 1));
        assert!(forward.edges().all(|e| e.reported_by.is_sorted()));
        assert_eq!(ends(&backward), ends(&forward));
        assert_eq!(ends(&merged), ends(&forward));
        assert_eq!(ends(&read.finish()), ends(&forward));
        assert_eq!(backward, forward);
    }

    /// Ids in increasing order are found in the table itself; the first id
    /// out of order hands over to the maps, and every id is found either way.
    #[test]
    fn documents_are_found_by_id_in_and_out_of_order() {
        let mut b = GraphBuilder::new(1);
        let doc = |id: &str| DocumentInfo {
            id: id.into(),
            path: format!("{id}.txt"),
            date: None,
            title: None,
            url: None,
        };
        for (i, id) in ["a", "c", "e"].into_iter().enumerate() {
            assert_eq!(b.intern(doc(id).as_ref()), i as DocIdx);
        }
        assert!(!b.index.unsorted && b.index.by_hash.is_empty());
        assert_eq!(b.intern(doc("c").as_ref()), 1);
        assert_eq!(b.intern(doc("b").as_ref()), 3);
        assert!(b.index.unsorted);
        for (id, i) in [("a", 0), ("c", 1), ("e", 2), ("b", 3), ("0", 4)] {
            assert_eq!(b.intern(doc(id).as_ref()), i);
        }
        assert_eq!(b.document_count(), 5);
        assert_eq!(b.documents.get(4).unwrap().path, "0.txt");
    }

    #[test]
    fn deployment_labels_read_like_the_text() {
        assert_eq!(
            deployment_label(Some(5000), None, "construction troops"),
            "5,000 construction troops"
        );
        assert_eq!(
            deployment_label(Some(10000), Some(12000), "troops"),
            "10,000–12,000 troops"
        );
        assert_eq!(
            deployment_label(Some(9_000_000), None, "artillery shells"),
            "9 million artillery shells"
        );
        assert_eq!(
            deployment_label(Some(1_500_000), None, "rounds"),
            "1.5 million rounds"
        );
    }

    #[test]
    fn dates_merge_to_the_most_precise_then_earliest() {
        assert_eq!(
            better_date(Some("2025".into()), Some("2025-09".into())).as_deref(),
            Some("2025-09")
        );
        assert_eq!(
            better_date(Some("2025-10".into()), Some("2025-09".into())).as_deref(),
            Some("2025-09")
        );
    }
}
