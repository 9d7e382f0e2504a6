//! A double-array trie over byte strings, ASCII case folded: the lexicon's
//! automaton.
//!
//! The lexicon's names are matched anchored, from a word start, so an
//! automaton without failure links is all it needs: a trie. In a double
//! array, the child of slot `s` under byte `c` is slot `base(s) + c` when
//! that slot's `check` is `s`; a step is two loads from one compact array
//! (8 bytes a slot, about 25,000 slots for the built-in lexicon), where the
//! aho-corasick DFA it replaces held a full transition row per state and
//! took about 90 million instructions to build. The built-in lexicon's
//! trie is built by `build.rs` (which includes this file) and compiled in
//! as a static array, so loading it costs nothing; a `--lexicon` file that
//! adds names builds its own at run time (a few million instructions).

use std::borrow::Cow;
use std::collections::{BTreeSet, VecDeque};

/// The slot of the root.
pub const ROOT: u32 = 0;

/// Set in `base` when a key ends at the slot.
const TERMINAL: u32 = 1 << 31;
/// `check` of a free slot (no slot has this parent).
const FREE: u32 = u32::MAX;
/// Holes tried for a node's children before they go to the frontier.
const HOLES_TRIED: usize = 16;

/// ASCII upper-case letters to lower case; every other byte unchanged. A
/// table, not `u8::to_ascii_lowercase`: with it and [`super::matcher`]'s
/// letter table, 4 MB of generated articles run 40 M fewer instructions.
pub static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    t
};

/// One slot of the double array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Offset of the children, with [`TERMINAL`] set when a key ends here.
    base: u32,
    /// The parent slot, or [`FREE`].
    check: u32,
}

impl Slot {
    /// A slot as `build.rs` writes it.
    pub const fn new(base: u32, check: u32) -> Slot {
        Slot { base, check }
    }
}

/// The trie: keys are byte strings compared with ASCII case folded.
#[derive(Debug)]
pub struct Trie {
    slots: Cow<'static, [Slot]>,
    /// For a terminal slot, the index of its key (in the order the keys
    /// were given); unused elsewhere.
    key: Cow<'static, [u32]>,
    /// One more than the highest key index.
    keys: usize,
}

/// The trie while it is built: children by folded byte, sorted.
struct Node {
    children: Vec<(u8, u32)>,
    key: Option<u32>,
}

impl Trie {
    /// Builds the trie over distinct keys (distinct after ASCII folding;
    /// a repeated key keeps its first index). Key `i` is reported as `i`.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a [u8]>) -> Trie {
        let mut nodes = vec![Node {
            children: Vec::new(),
            key: None,
        }];
        for (i, key) in keys.into_iter().enumerate() {
            let mut at = 0usize;
            for &b in key {
                let c = FOLD[usize::from(b)];
                let children = &nodes[at].children;
                at = match children.binary_search_by_key(&c, |&(l, _)| l) {
                    Ok(k) => children[k].1 as usize,
                    Err(k) => {
                        let new = u32::try_from(nodes.len()).expect("lexicon trie fits u32");
                        nodes[at].children.insert(k, (c, new));
                        nodes.push(Node {
                            children: Vec::new(),
                            key: None,
                        });
                        new as usize
                    }
                };
            }
            let index = u32::try_from(i).expect("lexicon keys fit u32");
            nodes[at].key.get_or_insert(index);
        }
        // Places each node's children, breadth first from the root, at the
        // first base where all fit: in a hole below the frontier (tried a
        // few at most) or else at the frontier, where every slot is free.
        let free = Slot {
            base: 0,
            check: FREE,
        };
        let mut slots = vec![free; nodes.len() + 256];
        let mut key = vec![0u32; slots.len()];
        // Slots from `frontier` on are free; below it, the free ones are
        // `holes`. The root's slot is taken (its check stays FREE: no
        // slot is its parent).
        let mut frontier = 1usize;
        let mut holes: BTreeSet<usize> = BTreeSet::new();
        let mut queue = VecDeque::from([(0usize, ROOT)]);
        while let Some((node, slot)) = queue.pop_front() {
            let slot_us = slot as usize;
            let n = &nodes[node];
            if let Some(k) = n.key {
                slots[slot_us].base |= TERMINAL;
                key[slot_us] = k;
            }
            let Some(&(lowest, _)) = n.children.first() else {
                continue;
            };
            let lowest = usize::from(lowest);
            let fits = |base: usize| {
                n.children.iter().all(|&(c, _)| {
                    let at = base + usize::from(c);
                    at >= frontier || holes.contains(&at)
                })
            };
            let base = holes
                .range(lowest..)
                .take(HOLES_TRIED)
                .map(|&h| h - lowest)
                .find(|&b| fits(b))
                .unwrap_or(frontier.max(lowest) - lowest);
            let base32 = u32::try_from(base).expect("lexicon trie fits u32");
            slots[slot_us].base |= base32;
            for &(c, child) in &n.children {
                let at = base + usize::from(c);
                if at >= frontier {
                    holes.extend(frontier..at);
                    frontier = at + 1;
                } else {
                    holes.remove(&at);
                }
                if slots.len() < at + 257 {
                    slots.resize(at + 257, free);
                    key.resize(at + 257, 0);
                }
                slots[at].check = slot;
                queue.push_back((child as usize, base32 + u32::from(c)));
            }
        }
        // Every child lookup (`base + byte`) stays inside the array.
        let highest_base = slots[..frontier]
            .iter()
            .map(|s| (s.base & !TERMINAL) as usize)
            .max()
            .unwrap_or(0);
        slots.truncate(frontier.max(highest_base + 256));
        key.truncate(slots.len());
        let keys = slots
            .iter()
            .zip(&key)
            .filter(|(s, _)| s.base & TERMINAL != 0)
            .map(|(_, &k)| k as usize + 1)
            .max()
            .unwrap_or(0);
        Trie {
            slots: Cow::Owned(slots),
            key: Cow::Owned(key),
            keys,
        }
    }

    /// The trie `build.rs` wrote with [`Trie::to_rust`].
    pub const fn from_static(slots: &'static [Slot], key: &'static [u32], keys: usize) -> Trie {
        Trie {
            slots: Cow::Borrowed(slots),
            key: Cow::Borrowed(key),
            keys,
        }
    }

    /// One more than the highest key index (the number of keys when they
    /// were distinct).
    pub fn keys(&self) -> usize {
        self.keys
    }

    /// Rust source of the statics `SLOTS`, `KEYS` and `KEY_COUNT` that
    /// [`Trie::from_static`] turns back into this trie (for `build.rs`).
    #[allow(dead_code)]
    pub fn to_rust(&self) -> String {
        use std::fmt::Write;
        let mut out = format!("static SLOTS: [Slot; {}] = [\n", self.slots.len());
        for s in self.slots.iter() {
            let _ = writeln!(out, "Slot::new({}, {}),", s.base, s.check);
        }
        let _ = writeln!(out, "];\nstatic KEYS: [u32; {}] = [", self.key.len());
        for k in self.key.iter() {
            let _ = writeln!(out, "{k},");
        }
        let _ = writeln!(out, "];\nstatic KEY_COUNT: usize = {};", self.keys);
        out
    }

    /// Walks from the root along `bytes` while some key goes on, calling
    /// `at_key(n, slot)` where a key ends after the first `n` bytes.
    #[inline(always)]
    pub fn walk(&self, bytes: &[u8], mut at_key: impl FnMut(usize, u32)) {
        let slots = &self.slots[..];
        let mut slot = ROOT;
        let mut base = slots[ROOT as usize].base & !TERMINAL;
        for (n, &b) in bytes.iter().enumerate() {
            let next = base + u32::from(FOLD[usize::from(b)]);
            let Some(s) = slots.get(next as usize) else {
                return;
            };
            if s.check != slot {
                return;
            }
            slot = next;
            base = s.base & !TERMINAL;
            if s.base & TERMINAL != 0 {
                at_key(n + 1, slot);
            }
        }
    }

    /// The slot after byte `b` from `slot`, or `None` when no key goes on.
    #[inline(always)]
    pub fn step(&self, slot: u32, b: u8) -> Option<u32> {
        let base = self.slots[slot as usize].base & !TERMINAL;
        let next = base + u32::from(FOLD[usize::from(b)]);
        match self.slots.get(next as usize) {
            Some(s) if s.check == slot => Some(next),
            _ => None,
        }
    }

    /// True when a key ends at `slot`.
    #[inline(always)]
    pub fn is_terminal(&self, slot: u32) -> bool {
        self.slots[slot as usize].base & TERMINAL != 0
    }

    /// The index of the key that ends at a terminal `slot`.
    pub fn key(&self, slot: u32) -> u32 {
        self.key[slot as usize]
    }

    /// The index of `key` (ASCII case folded) when it is a key.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let mut slot = ROOT;
        for &b in key {
            slot = self.step(slot, b)?;
        }
        self.is_terminal(slot).then(|| self.key(slot))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(keys: &[&str]) -> Trie {
        Trie::new(keys.iter().map(|k| k.as_bytes()))
    }

    #[test]
    fn finds_each_key_and_nothing_else() {
        let keys = [
            "kim",
            "Kim Jong Un",
            "korea",
            "north korea",
            "ab",
            "a",
            "Pyongyang",
        ];
        let t = trie(&keys);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k.as_bytes()), Some(i as u32), "{k}");
        }
        for k in [
            "", "k", "ki", "kim ", "kimj", "b", "abc", "north", "pyongyan",
        ] {
            assert_eq!(t.get(k.as_bytes()), None, "{k}");
        }
    }

    #[test]
    fn folds_ascii_case_only() {
        let t = trie(&["NIS", "Côte d’Ivoire"]);
        assert_eq!(t.get(b"nis"), Some(0));
        assert_eq!(t.get("CÔTE D’IVOIRE".as_bytes()), None);
        assert_eq!(t.get("cÔte d’ivoire".as_bytes()), None);
        assert_eq!(t.get("CôTE D’IVOIRE".as_bytes()), Some(1));
    }

    #[test]
    fn a_repeated_key_keeps_its_first_index() {
        let t = trie(&["us", "US", "Us"]);
        assert_eq!(t.get(b"uS"), Some(0));
        assert_eq!(t.keys(), 1);
    }

    #[test]
    fn walk_reports_every_key_along_the_way() {
        let t = trie(&["a", "ab", "abcd", "b"]);
        let mut seen = Vec::new();
        t.walk(b"ABcde", |n, slot| seen.push((n, t.key(slot))));
        assert_eq!(seen, [(1, 0), (2, 1), (4, 2)]);
        seen.clear();
        t.walk(b"ba", |n, slot| seen.push((n, t.key(slot))));
        assert_eq!(seen, [(1, 3)]);
    }

    #[test]
    fn a_trie_read_back_from_its_parts_is_the_same() {
        let t = trie(&["kim", "korea", "north korea"]);
        let slots: &'static [Slot] = Box::leak(t.slots.to_vec().into_boxed_slice());
        let key: &'static [u32] = Box::leak(t.key.to_vec().into_boxed_slice());
        let back = Trie::from_static(slots, key, t.keys());
        assert_eq!(back.keys(), 3);
        for k in ["kim", "KOREA", "north korea", "north", "x"] {
            assert_eq!(back.get(k.as_bytes()), t.get(k.as_bytes()), "{k}");
        }
        let rust = t.to_rust();
        assert!(rust.starts_with(&format!("static SLOTS: [Slot; {}] = [\n", slots.len())));
        assert_eq!(rust.matches("Slot::new(").count(), slots.len());
    }

    #[test]
    fn steps_stop_where_no_key_goes_on() {
        let t = trie(&["abc", "abd", "x"]);
        let a = t.step(ROOT, b'A').unwrap();
        let ab = t.step(a, b'b').unwrap();
        assert!(!t.is_terminal(ab));
        assert!(t.step(ab, b'e').is_none());
        assert!(t.step(ab, 0xff).is_none());
        let abd = t.step(ab, b'd').unwrap();
        assert!(t.is_terminal(abd));
        assert_eq!(t.key(abd), 1);
        assert!(t.step(abd, b'a').is_none());
    }

    #[test]
    fn many_keys_with_shared_prefixes() {
        // Dense and sparse fan-outs, every byte value, long chains.
        let mut keys: Vec<Vec<u8>> = Vec::new();
        for a in 0..=255u8 {
            keys.push(vec![a]);
            keys.push(vec![b'q', a, b'z']);
        }
        for n in 0..2000u32 {
            keys.push(format!("name {n} of {}", n * 7919 % 1000).into_bytes());
        }
        let mut seen = std::collections::HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            let folded: Vec<u8> = k.iter().map(|&b| FOLD[usize::from(b)]).collect();
            seen.entry(folded).or_insert(i as u32);
        }
        let t = Trie::new(keys.iter().map(Vec::as_slice));
        for (k, &i) in &seen {
            assert_eq!(t.get(k), Some(i));
        }
        assert_eq!(t.get(b"name 1 of"), None);
        assert_eq!(t.get(b"qz"), None);
    }
}
