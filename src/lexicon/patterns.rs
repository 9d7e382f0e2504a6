//! The cue classes of `data/patterns.toml`, parsed once and shared read-only.
//!
//! Rule code asks for a class ("attribution verbs"), never for a word.

use crate::text::Token;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::{Arc, LazyLock};

const PATTERNS_TOML: &str = include_str!("../../data/patterns.toml");

/// Every cue class, as parsed from `data/patterns.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternFile {
    pub text: TextCues,
    pub names: NameCues,
    pub coref: CorefCues,
    pub relations: RelationCues,
    pub modality: ModalityCues,
    pub quantity: QuantityCues,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextCues {
    pub abbreviations: Vec<String>,
    pub noise_lines: Vec<String>,
    pub trailer_lines: Vec<String>,
    pub sentence_continuers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameCues {
    pub titles: Vec<String>,
    pub appositive_roles: Vec<String>,
    pub female_titles: Vec<String>,
    pub male_titles: Vec<String>,
    pub org_heads: Vec<String>,
    pub org_openers: Vec<String>,
    pub org_appositives: Vec<String>,
    pub name_joiners: Vec<String>,
    pub name_particles: Vec<String>,
    pub calendar_names: Vec<String>,
    pub treaty_heads: Vec<String>,
    /// Last parts of hyphenated measures ("20-year", "decade-long").
    pub measures: Vec<String>,
    /// Last parts of hyphenated modifiers of who stands behind a name
    /// ("Kremlin-controlled", "Iran-backed").
    pub affiliations: Vec<String>,
    pub place_heads: Vec<String>,
    pub not_names: Vec<String>,
    pub country_bodies: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorefCues {
    pub male: Vec<String>,
    pub female: Vec<String>,
    pub person_descriptions: Vec<String>,
    pub pair_references: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationCues {
    pub met_verbs: Vec<String>,
    pub met_nouns: Vec<String>,
    pub agreed_verbs: Vec<String>,
    pub agreed_nouns: Vec<String>,
    pub sent_verbs: Vec<String>,
    pub sent_nouns: Vec<String>,
    pub present_verbs: Vec<String>,
    pub planned_cues: Vec<String>,
    pub attribution_verbs: Vec<String>,
    pub attribution_prepositions: Vec<String>,
    pub attribution_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityCues {
    pub negation: Vec<String>,
    pub hypothetical: Vec<String>,
    pub speculative: Vec<String>,
    pub clause_breaks: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityCues {
    pub approximate: Vec<String>,
    pub multipliers: Vec<(String, u64)>,
    pub number_words: Vec<(String, u64)>,
    pub range_joiners: Vec<String>,
    pub personnel_units: Vec<String>,
    pub materiel_units: Vec<String>,
    pub unit_modifiers_max: usize,
    pub casualty_cues: Vec<String>,
    pub not_deployment_cues: Vec<String>,
    pub elided_unit_cues: Vec<String>,
    pub anaphoric_heads: Vec<String>,
    pub spellings: Vec<(String, String)>,
}

/// Every word that is a key of some cue set, stored once in one string.
///
/// The tokenizer hands out a token's lower-case form as a slice of this
/// string when the word is a cue word ([`Vocab::intern`]); a cue set then
/// knows the word by its address and answers from a bitset, without hashing
/// it again for every set and every rule that asks.
#[derive(Debug, Default)]
pub struct Vocab {
    arena: Box<str>,
    /// Per word id: its byte offset and length in `arena`.
    spans: Vec<(u32, u32)>,
    /// Open addressing over [`word_hash`], at most a quarter full: (the
    /// hash, id + 1), id + 1 = 0 where the slot is empty. Every token is
    /// looked up here: a miss usually costs the hash and one empty slot.
    table: Vec<(u64, u32)>,
    /// Byte offset in `arena` to (id + 1, length), 0 where no word starts.
    at: Vec<(u32, u32)>,
    /// Per word id: the [`CueSet::bit`]s of the sets it is a key of.
    masks: Vec<u128>,
}

/// A hash of a word from its length and its first two and last two bytes:
/// a few instructions whatever the length (every token is hashed). Words
/// that share all five collide and are told apart by comparing bytes.
#[inline]
fn word_hash(w: &[u8]) -> u64 {
    let n = w.len();
    let at = |k: usize| u64::from(w.get(k).copied().unwrap_or(0));
    let last = |k: usize| u64::from(if n > k { w[n - 1 - k] } else { 0 });
    // Lengths beyond 255 share the top byte; the bytes are then compared.
    let key = (n.min(255) as u64) << 40 | at(0) | at(1) << 8 | last(0) << 16 | last(1) << 24;
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// `a == b` for two words of the same length, more than four bytes (what
/// [`Vocab::id_of_bytes`] compares once the hashes agree): up to sixteen
/// bytes by two overlapping loads from each end, with no call to `memcmp`.
#[inline(always)]
fn same_long_word(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u32_at = |s: &[u8], k: usize| {
        s.get(k..k + 4)
            .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
    };
    let u64_at = |s: &[u8], k: usize| {
        s.get(k..k + 8)
            .and_then(|x| <[u8; 8]>::try_from(x).ok())
            .map(u64::from_le_bytes)
    };
    match n {
        0..=3 => a == b,
        4..=8 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        9..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

impl Vocab {
    fn build(words: &[String]) -> Vocab {
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut arena = String::new();
        let mut spans = Vec::new();
        for w in words {
            if seen.insert(w.as_str()) {
                spans.push((arena.len() as u32, w.len() as u32));
                arena.push_str(w);
            }
        }
        let mut at = vec![(0, 0); arena.len()];
        for (id, &(off, len)) in spans.iter().enumerate() {
            // (An empty word has no byte of its own: it is found by hash only.)
            if let Some(slot) = at.get_mut(off as usize) {
                *slot = (id as u32 + 1, len);
            }
        }
        let mut v = Vocab {
            arena: arena.into_boxed_str(),
            masks: vec![0; spans.len()],
            spans,
            table: Vec::new(),
            at,
        };
        // At most a quarter full.
        v.rehash((v.len() * 4).next_power_of_two().max(64));
        v
    }

    /// Rebuilds the table with `size` (a power of two) slots.
    fn rehash(&mut self, size: usize) {
        self.table = vec![(0, 0); size];
        for id in 0..self.spans.len() {
            self.insert(id);
        }
    }

    fn insert(&mut self, id: usize) {
        let h = word_hash(self.word(id).as_bytes());
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        while self.table[i].1 != 0 {
            i = (i + 1) & mask;
        }
        self.table[i] = (h, id as u32 + 1);
    }

    /// The word with this id.
    #[inline(always)]
    fn word(&self, id: usize) -> &str {
        let (off, len) = self.spans[id];
        &self.arena[off as usize..(off + len) as usize]
    }

    /// True when `w` is the word with this id: told apart by its length
    /// first, and known without reading a byte when it is the vocabulary's
    /// own copy (an interned token).
    #[inline(always)]
    fn is(&self, id: u32, w: &str) -> bool {
        let Some(&(off, len)) = self.spans.get(id as usize) else {
            return false;
        };
        let (off, len) = (off as usize, len as usize);
        len == w.len()
            && (self.arena.as_ptr().wrapping_add(off) == w.as_ptr()
                || self.arena.as_bytes().get(off..off + len) == Some(w.as_bytes()))
    }

    /// The vocabulary's copy of a word and the bits of the sets it is a key of.
    #[inline(always)]
    pub fn find(&self, w: &[u8]) -> Option<(&str, u128)> {
        let id = self.id_of_bytes(w)?;
        Some((self.word(id), self.masks[id]))
    }

    #[inline(always)]
    fn id_of_bytes(&self, w: &[u8]) -> Option<usize> {
        let h = word_hash(w);
        let mask = self.table.len().wrapping_sub(1);
        let mut i = h as usize & mask;
        loop {
            let &(t, id) = self.table.get(i)?;
            if id == 0 {
                return None;
            }
            let id = id as usize - 1;
            if t == h {
                // The hash is a bijection of (length, first two and last two
                // bytes): a word of up to four bytes is known from it.
                if w.len() <= 4 {
                    return Some(id);
                }
                let (off, len) = self.spans[id];
                let (off, len) = (off as usize, len as usize);
                if len == w.len()
                    && self
                        .arena
                        .as_bytes()
                        .get(off..off + len)
                        .is_some_and(|a| same_long_word(a, w))
                {
                    return Some(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of words.
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// The id of a word given as a slice of this vocabulary's string.
    #[inline]
    fn id_of_slice(&self, word: &str) -> Option<usize> {
        let base = self.arena.as_ptr() as usize;
        let off = (word.as_ptr() as usize).wrapping_sub(base);
        let &(id, len) = self.at.get(off)?;
        (id != 0 && len as usize == word.len()).then(|| id as usize - 1)
    }

    /// The id of `word` when it is the vocabulary's own copy of one of its
    /// words, as the tokenizer hands out a cue word's lower case (no
    /// hashing: its address says).
    #[inline(always)]
    pub fn interned_id(&self, word: &str) -> Option<usize> {
        self.id_of_slice(word)
    }

    /// Number of words (ids are `0..word_count()`).
    pub fn word_count(&self) -> usize {
        self.len()
    }

    /// The word with this id and the bits of the sets it is a key of.
    pub fn entry(&self, id: usize) -> (&str, u128) {
        (self.word(id), self.masks[id])
    }

    /// The id of any word (a hash lookup).
    fn id_of(&self, word: &str) -> Option<usize> {
        if let Some(id) = self.id_of_slice(word) {
            return Some(id);
        }
        self.id_of_bytes(word.as_bytes())
    }

    /// The vocabulary's copy of `word`, when it is a cue word.
    pub fn intern(&self, word: &str) -> Option<&str> {
        self.find(word.as_bytes()).map(|(w, _)| w)
    }

    /// The vocabulary's copy of `word` and the bits of the sets it is a key
    /// of, when it is a cue word.
    pub fn intern_with_sets(&self, word: &str) -> Option<(&str, u128)> {
        self.find(word.as_bytes())
    }

    /// `word` as the vocabulary's copy when it is a cue word, else itself.
    pub fn intern_owned<'a>(&'a self, word: String) -> std::borrow::Cow<'a, str> {
        match self.intern(&word) {
            Some(w) => std::borrow::Cow::Borrowed(w),
            None => std::borrow::Cow::Owned(word),
        }
    }
}

/// A set of one-word cues and a list of multi-word ones, matched on lower-case tokens.
#[derive(Debug, Default, Clone)]
pub struct CueSet {
    /// Every word that is a one-word cue or the first or last word of a
    /// phrase, so a token costs one hash lookup (most tokens are in no set).
    keys: FxHashMap<Box<str>, Key>,
    /// Multi-word cues, longest first (stable: equal lengths keep file order).
    phrases: Vec<Vec<String>>,
    /// `phrases[k]` as ids of the shared [`Vocab`] (every cue word is one,
    /// empty without a vocabulary): a phrase word is compared with a token
    /// by its length and address in the vocabulary before its bytes.
    phrase_ids: Vec<Box<[u32]>>,
    /// A one-hash Bloom filter over the keys, indexed by length, first and
    /// last bytes ([`filter_bit`]): the rules ask several sets about every
    /// token, and most tokens are rejected here before hashing. Exact: a
    /// clear bit means no key has that shape.
    filter: [u64; 32],
    /// Over the ids of the shared [`Vocab`]: one-word cues, and keys that
    /// start or end a phrase. A word the tokenizer interned is answered
    /// from these bits alone.
    word_bits: Vec<u64>,
    phrase_bits: Vec<u64>,
    /// Per vocabulary id, for keys that start or end a phrase: index + 1 in
    /// `phrase_keys` (so a phrase key costs no hashing either).
    key_at: Vec<u32>,
    phrase_keys: Vec<Key>,
    vocab: Option<Arc<Vocab>>,
    /// This set's bit in [`Token::cues`] (0 for a set no registry holds).
    bit: u128,
}

/// The bit of `word` in `CueSet::filter` (0..2048): its length and first
/// two and last two bytes, mixed.
#[inline]
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let n = b.len();
    let at = |k: usize| u64::from(b.get(k).copied().unwrap_or(0));
    let last = |k: usize| u64::from(if n > k { b[n - 1 - k] } else { 0 });
    let key = (n as u64) | at(0) << 8 | at(1) << 16 | last(0) << 24 | last(1) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 53) as usize
}

/// What a word is in a `CueSet`.
#[derive(Debug, Default, Clone)]
struct Key {
    /// A one-word cue.
    word: bool,
    /// Indices into `phrases` of the phrases starting with the word, in
    /// `phrases` order: `match_at` tries only those (a linear scan over every
    /// phrase per token was a hot spot).
    first: Vec<usize>,
    /// The same for phrases ending with the word, for `match_ending_at`.
    last: Vec<usize>,
    /// Bit `min(n, 63)` for each length `n` of the second word of a phrase
    /// in `first`: a word after the key of no such length starts none of
    /// them, and `match_at` tries none.
    second_lens: u64,
    /// The same for the next-to-last words of the phrases in `last`.
    penult_lens: u64,
}

/// The bit of a word of `n` bytes in [`Key::second_lens`].
#[inline(always)]
fn len_bit(n: usize) -> u64 {
    1 << n.min(63)
}

/// The lower-case words of a cue ("gen." is the tokens "gen" and ".").
fn cue_parts(item: &str) -> Vec<String> {
    item.split_whitespace()
        .flat_map(|w| match w.strip_suffix('.') {
            Some(stem) if !stem.is_empty() && !stem.contains('.') => {
                vec![stem.to_lowercase(), ".".to_string()]
            }
            _ => vec![w.to_lowercase()],
        })
        .collect()
}

/// The words a set keys on: one-word cues and the first and last words of phrases.
fn key_words(items: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        let parts = cue_parts(item);
        match parts.len() {
            0 => {}
            1 => out.extend(parts),
            n => {
                out.push(parts[0].clone());
                out.push(parts[n - 1].clone());
            }
        }
    }
    out
}

/// A word as a set sees it.
enum Lookup<'s> {
    Absent,
    /// A one-word cue and the start or end of no phrase.
    Word,
    Key(&'s Key),
}

impl CueSet {
    /// Builds a set from cue strings ("met", "held talks").
    pub fn new(items: &[String]) -> CueSet {
        let mut words = Vec::new();
        for item in items {
            words.extend(cue_parts(item));
        }
        CueSet::with_vocab(items, &Arc::new(Vocab::build(&words)))
    }

    /// Builds a set whose words are all in `vocab`.
    fn with_vocab(items: &[String], vocab: &Arc<Vocab>) -> CueSet {
        let mut set = CueSet::default();
        let mut words = Vec::new();
        for item in items {
            let parts = cue_parts(item);
            match parts.len() {
                0 => {}
                1 => words.extend(parts),
                _ => set.phrases.push(parts),
            }
        }
        for w in words {
            set.key(&w).word = true;
        }
        // Longest phrases first, so "security council secretary" beats "secretary".
        set.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for k in 0..set.phrases.len() {
            let p = &set.phrases[k];
            if let (Some(first), Some(last)) = (p.first().cloned(), p.last().cloned()) {
                let (second, penult) = (len_bit(p[1].len()), len_bit(p[p.len() - 2].len()));
                let key = set.key(&first);
                key.first.push(k);
                key.second_lens |= second;
                let key = set.key(&last);
                key.last.push(k);
                key.penult_lens |= penult;
            }
        }
        set.phrase_ids = set
            .phrases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|w| vocab.id_of(w).expect("every cue word is in the vocabulary") as u32)
                    .collect()
            })
            .collect();
        let n = vocab.len().div_ceil(64);
        set.word_bits = vec![0; n];
        set.phrase_bits = vec![0; n];
        for (w, key) in &set.keys {
            let id = vocab.id_of(w).expect("every cue word is in the vocabulary");
            if key.word {
                set.word_bits[id / 64] |= 1 << (id % 64);
            }
            if !key.first.is_empty() || !key.last.is_empty() {
                set.phrase_bits[id / 64] |= 1 << (id % 64);
                if set.key_at.is_empty() {
                    set.key_at = vec![0; vocab.len()];
                }
                set.phrase_keys.push(key.clone());
                set.key_at[id] = set.phrase_keys.len() as u32;
            }
        }
        set.vocab = Some(vocab.clone());
        set
    }

    fn key(&mut self, word: &str) -> &mut Key {
        let bit = filter_bit(word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.keys.entry(word.into()).or_default()
    }

    /// False when no key has the shape of `word` ([`filter_bit`]).
    #[inline(always)]
    fn filter_has(&self, word: &str) -> bool {
        let bit = filter_bit(word);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn get(&self, word: &str) -> Option<&Key> {
        if !self.filter_has(word) {
            return None;
        }
        self.keys.get(word)
    }

    /// What `word` is in this set. A word the tokenizer interned (a slice
    /// of the vocabulary, as most tokens' lower-case forms are) is answered
    /// here, inline, from the set's bits; any other word goes to
    /// [`CueSet::lookup_slow`].
    #[inline(always)]
    fn lookup(&self, word: &str) -> Lookup<'_> {
        match &self.vocab {
            Some(v) => match v.id_of_slice(word) {
                Some(id) => self.lookup_id(id),
                // Every key is a vocabulary word, and the filter is exact
                // about the shapes of the keys.
                None if !self.filter_has(word) => Lookup::Absent,
                None => self.lookup_slow(word),
            },
            None => self.lookup_slow(word),
        }
    }

    /// [`CueSet::lookup`] of the vocabulary word `id`.
    #[inline(always)]
    fn lookup_id(&self, id: usize) -> Lookup<'_> {
        let (i, b) = (id / 64, 1u64 << (id % 64));
        if self.phrase_bits.get(i).is_some_and(|w| w & b != 0) {
            return self
                .key_at
                .get(id)
                .and_then(|&k| self.phrase_keys.get((k as usize).wrapping_sub(1)))
                .map_or(Lookup::Absent, Lookup::Key);
        }
        if self.word_bits.get(i).is_some_and(|w| w & b != 0) {
            Lookup::Word
        } else {
            Lookup::Absent
        }
    }

    /// [`CueSet::lookup`] of a word that is no slice of the vocabulary.
    #[inline(never)]
    fn lookup_slow(&self, word: &str) -> Lookup<'_> {
        if let Some(v) = &self.vocab {
            // Every key is a vocabulary word: a word that is none is absent.
            if !self.filter_has(word) {
                return Lookup::Absent;
            }
            return match v.id_of_bytes(word.as_bytes()) {
                Some(id) => self.lookup_id(id),
                None => Lookup::Absent,
            };
        }
        self.get(word).map_or(Lookup::Absent, Lookup::Key)
    }

    /// False when no cue of this set can start or end at the token: its
    /// word is a key of none (decided once, when the token was made). A
    /// loop over every token asks this before `has` / `match_at`.
    #[inline]
    pub fn may(&self, t: &Token) -> bool {
        self.bit == 0 || t.cues & self.bit != 0
    }

    /// The [`Token::cues`] bits under which this set may match: its bit, or
    /// every bit for a set no registry holds (then any token may match).
    #[inline]
    pub fn token_mask(&self) -> u128 {
        if self.bit == 0 { u128::MAX } else { self.bit }
    }

    /// The or of the sets' [`CueSet::token_mask`]s: a token whose cue bits
    /// meet none of it starts or ends no cue of any of them, so a loop over
    /// every token skips it with one test.
    pub fn mask_of(sets: &[&CueSet]) -> u128 {
        sets.iter().fold(0, |m, s| m | s.token_mask())
    }

    /// [`CueSet::may`] for the or-ed cue bits of several tokens: false when
    /// no cue of this set can start or end at any of them.
    #[inline]
    pub fn may_in(&self, cues: u128) -> bool {
        self.bit == 0 || cues & self.bit != 0
    }

    /// [`CueSet::has`] of a token's lower-case form, answered from its cue
    /// bits when they rule it out: the one guarded lookup every rule uses.
    /// Inlined, so the token most sets rule out by its bits costs no call;
    /// the look-up of the others is [`CueSet::has_word`].
    #[inline(always)]
    pub fn has_token(&self, t: &Token) -> bool {
        self.may(t) && self.has_word(&t.lower)
    }

    /// [`CueSet::has`], called (not inlined) where a token's bits let it
    /// through.
    #[inline(never)]
    fn has_word(&self, word: &str) -> bool {
        self.has(word)
    }

    /// [`CueSet::has_token`] of `tokens[k]`; false past the end.
    #[inline]
    pub fn has_at(&self, tokens: &[Token], k: usize) -> bool {
        tokens.get(k).is_some_and(|t| self.has_token(t))
    }

    /// [`CueSet::match_at`] over `words`, the lower-case forms of `tokens`,
    /// answered from token `k`'s cue bits when they rule it out.
    #[inline]
    pub fn match_at_in(&self, tokens: &[Token], words: &[&str], k: usize) -> Option<usize> {
        if tokens.get(k).is_some_and(|t| self.may(t)) {
            self.match_at(words, k)
        } else {
            None
        }
    }

    /// [`CueSet::match_ending_at`], guarded as [`CueSet::match_at_in`] is.
    #[inline]
    pub fn match_ending_in(&self, tokens: &[Token], words: &[&str], k: usize) -> Option<usize> {
        if tokens.get(k).is_some_and(|t| self.may(t)) {
            self.match_ending_at(words, k)
        } else {
            None
        }
    }

    /// True when the one word is in the set.
    #[inline]
    pub fn has(&self, word: &str) -> bool {
        match self.lookup(word) {
            Lookup::Absent => false,
            Lookup::Word => true,
            Lookup::Key(k) => k.word,
        }
    }

    /// Length in tokens of the longest cue starting at `words[i]`, if any.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        self.match_key(words.get(i)?, |key| self.phrase_from(key, words, i))
    }

    /// What `word` matches: none when it is no key, 1 when it is a one-word
    /// cue only, else what `phrases` finds of a phrase key's cues.
    #[inline(always)]
    fn match_key(&self, word: &str, phrases: impl FnOnce(&Key) -> Option<usize>) -> Option<usize> {
        match self.lookup(word) {
            Lookup::Absent => None,
            Lookup::Word => Some(1),
            Lookup::Key(key) => phrases(key),
        }
    }

    /// [`CueSet::match_at`] of a phrase key: the longest of its phrases
    /// that starts at `words[i]`, else 1 when the key is a cue by itself.
    /// (`words[i]` is the key, the first word of each of these phrases: a
    /// phrase is told by its second word first, then by the rest.)
    #[inline(always)]
    fn phrase_from(&self, key: &Key, words: &[&str], i: usize) -> Option<usize> {
        let Some(v) = &self.vocab else {
            return self.phrase_from_by_text(key, words, i);
        };
        if let Some(next) = words.get(i + 1)
            && key.second_lens & len_bit(next.len()) != 0
        {
            for &k in &key.first {
                let Some(ids) = self.phrase_ids.get(k) else {
                    continue;
                };
                let n = ids.len();
                if ids.get(1).is_some_and(|&id| v.is(id, next))
                    && words
                        .get(i + 2..i + n)
                        .is_some_and(|ws| ids[2..].iter().zip(ws).all(|(&id, w)| v.is(id, w)))
                {
                    return Some(n);
                }
            }
        }
        key.word.then_some(1)
    }

    /// [`CueSet::phrase_from`] of a set without a vocabulary.
    #[cold]
    fn phrase_from_by_text(&self, key: &Key, words: &[&str], i: usize) -> Option<usize> {
        for &k in &key.first {
            let p = &self.phrases[k];
            if i + p.len() <= words.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b) {
                return Some(p.len());
            }
        }
        key.word.then_some(1)
    }

    /// Length in tokens of the longest cue ending at `words[i]` (inclusive), if any.
    pub fn match_ending_at(&self, words: &[&str], i: usize) -> Option<usize> {
        self.match_key(words.get(i)?, |key| self.phrase_to(key, words, i))
    }

    /// [`CueSet::match_ending_at`] of a phrase key (the last word of each
    /// of its phrases: a phrase is told by the word before it first).
    #[inline(always)]
    fn phrase_to(&self, key: &Key, words: &[&str], i: usize) -> Option<usize> {
        let Some(v) = &self.vocab else {
            return self.phrase_to_by_text(key, words, i);
        };
        if let Some(before) = i.checked_sub(1).and_then(|j| words.get(j))
            && key.penult_lens & len_bit(before.len()) != 0
        {
            for &k in &key.last {
                let Some(ids) = self.phrase_ids.get(k) else {
                    continue;
                };
                let n = ids.len();
                if n >= 2
                    && i + 1 >= n
                    && v.is(ids[n - 2], before)
                    && words
                        .get(i + 1 - n..i - 1)
                        .is_some_and(|ws| ids.iter().zip(ws).all(|(&id, w)| v.is(id, w)))
                {
                    return Some(n);
                }
            }
        }
        key.word.then_some(1)
    }

    /// [`CueSet::phrase_to`] of a set without a vocabulary.
    #[cold]
    fn phrase_to_by_text(&self, key: &Key, words: &[&str], i: usize) -> Option<usize> {
        for &k in &key.last {
            let p = &self.phrases[k];
            if i + 1 >= p.len() {
                let s = i + 1 - p.len();
                if p.iter().zip(&words[s..=i]).all(|(a, b)| a == b) {
                    return Some(p.len());
                }
            }
        }
        key.word.then_some(1)
    }
}

/// Declares every cue class of `data/patterns.toml` once: its [`Patterns`]
/// field, its words in the shared [`Vocab`] and its bit in [`Token::cues`]
/// all come from this one list. A class is a `Vec<String>` of its section
/// of [`PatternFile`] (the file's schema); adding one is a field there and a
/// line in the list below.
macro_rules! cue_classes {
    ($($section:ident . $class:ident),* $(,)?) => {
        /// The cue classes ready for matching.
        #[derive(Debug)]
        pub struct Patterns {
            pub file: PatternFile,
            /// Every key word of every cue set of every data file.
            pub vocab: Arc<Vocab>,
            /// Every registered cue list with its bit ([`Patterns::cue_set`]).
            registry: Registry,
            $(pub $class: CueSet,)*
        }

        impl Patterns {
            /// The cue lists of `file`, in declaration order.
            fn class_lists(file: &PatternFile) -> Vec<&[String]> {
                vec![$(file.$section.$class.as_slice()),*]
            }

            fn from_parts(file: PatternFile, registry: Registry) -> Patterns {
                Patterns {
                    $($class: registry.set(&file.$section.$class),)*
                    vocab: registry.vocab.clone(),
                    registry,
                    file,
                }
            }
        }
    };
}

cue_classes! {
    text.abbreviations,
    names.titles,
    names.appositive_roles,
    names.female_titles,
    names.male_titles,
    names.org_heads,
    names.org_openers,
    names.org_appositives,
    names.name_joiners,
    names.name_particles,
    names.calendar_names,
    names.treaty_heads,
    names.place_heads,
    names.not_names,
    names.country_bodies,
    coref.male,
    coref.female,
    coref.person_descriptions,
    coref.pair_references,
    relations.met_verbs,
    relations.met_nouns,
    relations.agreed_verbs,
    relations.agreed_nouns,
    relations.sent_verbs,
    relations.sent_nouns,
    relations.present_verbs,
    relations.planned_cues,
    relations.attribution_verbs,
    relations.attribution_prepositions,
    relations.attribution_nouns,
    modality.negation,
    modality.hypothetical,
    modality.speculative,
    modality.clause_breaks,
    quantity.approximate,
    quantity.range_joiners,
    quantity.personnel_units,
    quantity.materiel_units,
    quantity.casualty_cues,
    quantity.not_deployment_cues,
    quantity.elided_unit_cues,
    quantity.anaphoric_heads,
}

/// The cue lists a data file's `build` function makes sets of, in order:
/// `build` is run with a maker that records each list (and makes empty
/// sets), so a file names its lists once, in `build`.
pub(crate) fn record_lists<T>(
    build: impl FnOnce(&mut dyn FnMut(&[String]) -> CueSet) -> T,
) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    build(&mut |items| {
        lists.push(items.to_vec());
        CueSet::default()
    });
    lists
}

/// Every cue list of every data file in one vocabulary, each distinct list
/// with its bit in [`Token::cues`]: a token then says in one test whether a
/// set can match at it ([`CueSet::may`]), and a set answers an interned word
/// from its bitsets, whichever file declared the set.
#[derive(Debug)]
struct Registry {
    vocab: Arc<Vocab>,
    bits: Vec<(Vec<String>, u128)>,
}

impl Registry {
    fn new(lists: &[&[String]]) -> Registry {
        let mut bits: Vec<(Vec<String>, u128)> = Vec::new();
        for &items in lists {
            // Lists with the same items share a bit: their keys are the same.
            // Past 128 distinct lists a set has no bit and `may` always says yes.
            if !bits.iter().any(|(i, _)| i.as_slice() == items) && bits.len() < 128 {
                let bit = 1u128 << bits.len();
                bits.push((items.to_vec(), bit));
            }
        }
        let all: Vec<String> = lists
            .iter()
            .flat_map(|items| items.iter())
            .flat_map(|item| cue_parts(item))
            .collect();
        let mut vocab = Vocab::build(&all);
        for (items, bit) in &bits {
            for w in key_words(items) {
                let id = vocab
                    .id_of(&w)
                    .expect("every cue word is in the vocabulary");
                vocab.masks[id] |= bit;
            }
        }
        Registry {
            vocab: Arc::new(vocab),
            bits,
        }
    }

    /// The set of `items`: on the shared vocabulary with its bit when the
    /// list was registered, else a set of its own (no token bit).
    fn set(&self, items: &[String]) -> CueSet {
        match self.bits.iter().find(|(i, _)| i.as_slice() == items) {
            Some((_, bit)) => {
                let mut set = CueSet::with_vocab(items, &self.vocab);
                set.bit = *bit;
                set
            }
            None if items.is_empty() => CueSet::default(),
            None => CueSet::new(items),
        }
    }
}

impl Patterns {
    /// Parses pattern text (the embedded file, or a test's). The cue lists
    /// of the other data files (`data/attribution.toml`, `meetings.toml`,
    /// `shipments.toml`, `agreements.toml`, `carry.toml`) are registered with this file's classes, so
    /// their sets ([`Patterns::cue_set`]) share the vocabulary and the token bits.
    ///
    /// # Errors
    /// The TOML error, with its position.
    pub fn parse(text: &str) -> Result<Patterns, toml::de::Error> {
        let mut file: PatternFile = toml::from_str(text)?;
        // The materiel noun class and shipment units of data/materiel.toml and data/shipments.toml.
        crate::mentions::shipments::extend_quantity_cues(&mut file.quantity);
        // A day or a month never starts a name either: listed once, as calendar_names.
        let calendar = file.names.calendar_names.clone();
        file.names.not_names.extend(calendar);
        let others: Vec<Vec<String>> = [
            crate::lexicon::frames::cue_lists(),
            crate::lexicon::meetings::cue_lists(),
            crate::mentions::shipments::cue_lists(),
            crate::mentions::agreements::cue_lists(),
            crate::relations::carry::cue_lists(),
        ]
        .concat();
        let mut lists = Patterns::class_lists(&file);
        lists.extend(others.iter().map(Vec::as_slice));
        let registry = Registry::new(&lists);
        Ok(Patterns::from_parts(file, registry))
    }

    /// The cue set of a list another data file declares: registered lists
    /// share the vocabulary and have a token bit.
    pub fn cue_set(&self, items: &[String]) -> CueSet {
        self.registry.set(items)
    }
}

/// The embedded patterns, parsed on first use.
pub static PATTERNS: LazyLock<Patterns> =
    LazyLock::new(|| Patterns::parse(PATTERNS_TOML).expect("data/patterns.toml parses (tested)"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_patterns_parse() {
        let p = Patterns::parse(PATTERNS_TOML).unwrap();
        assert!(p.sent_verbs.has("dispatched"));
    }

    proptest::proptest! {
        /// The vocabulary's table finds exactly its words (short words are
        /// known from the hash alone, longer ones compared byte by byte).
        #[test]
        fn vocab_finds_exactly_its_words(
            words in proptest::collection::vec("[ab’.]{0,6}", 0..40),
            probes in proptest::collection::vec("[ab’.]{0,6}", 0..40),
        ) {
            let v = Vocab::build(&words);
            for w in words.iter().chain(&probes) {
                let got = v.find(w.as_bytes()).map(|(f, _)| f);
                let want = words.contains(w).then_some(w.as_str());
                proptest::prop_assert_eq!(got, want);
                if let Some(f) = got.filter(|f| !f.is_empty()) {
                    proptest::prop_assert_eq!(v.id_of_slice(f), v.id_of(w));
                }
            }
        }
    }

    #[test]
    fn phrases_match_longest_first() {
        let p = &*PATTERNS;
        let words = ["security", "council", "secretary", "sergei"];
        assert_eq!(p.titles.match_at(&words, 0), Some(3));
        assert_eq!(p.titles.match_ending_at(&words, 2), Some(3));
        assert_eq!(
            p.attribution_prepositions
                .match_at(&["according", "to", "lee"], 0),
            Some(2)
        );
    }

    #[test]
    fn a_set_that_may_not_match_a_token_does_not() {
        let p = &*PATTERNS;
        let sets = [
            &p.abbreviations,
            &p.titles,
            &p.appositive_roles,
            &p.female_titles,
            &p.male_titles,
            &p.org_heads,
            &p.org_openers,
            &p.org_appositives,
            &p.name_joiners,
            &p.name_particles,
            &p.calendar_names,
            &p.treaty_heads,
            &p.place_heads,
            &p.not_names,
            &p.country_bodies,
            &p.male,
            &p.female,
            &p.person_descriptions,
            &p.pair_references,
            &p.met_verbs,
            &p.met_nouns,
            &p.agreed_verbs,
            &p.agreed_nouns,
            &p.sent_verbs,
            &p.sent_nouns,
            &p.present_verbs,
            &p.planned_cues,
            &p.attribution_verbs,
            &p.attribution_prepositions,
            &p.attribution_nouns,
            &p.negation,
            &p.hypothetical,
            &p.speculative,
            &p.clause_breaks,
            &p.approximate,
            &p.range_joiners,
            &p.personnel_units,
            &p.materiel_units,
            &p.casualty_cues,
            &p.not_deployment_cues,
            &p.elided_unit_cues,
            &p.anaphoric_heads,
        ];
        let mut text: Vec<String> = PATTERNS_TOML
            .split(['"', '\n'])
            .map(str::to_string)
            .collect();
        text.push(
            "Security Council Secretary Sergei Shoigu met Kim; according to Lee, \
                   NORTH KOREA’S troops were SENT, said the Ministry."
                .to_string(),
        );
        let mut checked = 0;
        for line in &text {
            let tokens = crate::text::tokenize(line, 0);
            let words: Vec<&str> = crate::text::lower_words(&tokens);
            for (i, t) in tokens.iter().enumerate() {
                for set in sets {
                    assert_ne!(set.bit, 0);
                    if !set.may(t) {
                        assert!(!set.has(words[i]), "{:?}", words[i]);
                        assert_eq!(set.match_at(&words, i), None, "{:?}", words[i]);
                        assert_eq!(set.match_ending_at(&words, i), None, "{:?}", words[i]);
                    } else {
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100);
    }

    #[test]
    fn phrase_words_match_by_address_or_by_bytes_alike() {
        // The same phrases asked with interned words (slices of the
        // vocabulary, known by their address), with copies (compared by bytes), and
        // with slices of the vocabulary that are no word of it: the answers
        // are the ones a comparison of the strings gives.
        let set = CueSet::new(&[
            "held talks".to_string(),
            "talks".to_string(),
            "peace talks held".to_string(),
            "held".to_string(),
            "talk".to_string(),
        ]);
        let v = set.vocab.clone().expect("a built set has a vocabulary");
        let interned = |w: &str| v.intern(w).expect("a cue word");
        let copies = ["peace", "talks", "held", "talks"].map(String::from);
        let by_bytes: Vec<&str> = copies.iter().map(String::as_str).collect();
        let by_id: Vec<&str> = by_bytes.iter().map(|w| interned(w)).collect();
        assert!(by_id.iter().all(|w| v.id_of_slice(w).is_some()));
        assert!(by_bytes.iter().all(|w| v.id_of_slice(w).is_none()));
        for words in [&by_id, &by_bytes] {
            assert_eq!(set.match_at(words, 0), Some(3));
            assert_eq!(set.match_at(words, 2), Some(2));
            assert_eq!(set.match_at(words, 3), Some(1));
            assert_eq!(set.match_ending_at(words, 2), Some(3));
            assert_eq!(set.match_ending_at(words, 3), Some(2));
            assert_eq!(set.match_ending_at(words, 1), Some(1));
            assert_eq!(set.match_at(words, 4), None);
        }
        // "talk" is a slice of the vocabulary's "talks" (and the interned
        // "talk" a word of its own): the slice is not "talks", by id or bytes.
        let talks = interned("talks");
        let slice = &talks[..4];
        assert_eq!(slice, "talk");
        let mixed = [interned("held"), slice];
        assert_eq!(set.match_at(&mixed, 0), Some(1));
        assert_eq!(set.match_ending_at(&mixed, 1), Some(1));
        let mixed = [interned("held"), talks];
        assert_eq!(set.match_at(&mixed, 0), Some(2));
        // A second word of 63 bytes or more shares its length bit with
        // every longer one: the words are still compared.
        let long = "x".repeat(70);
        let longer = "x".repeat(71);
        let set = CueSet::new(&[format!("held {long} talks"), format!("held {long}")]);
        assert_eq!(set.match_at(&["held", &long, "talks"], 0), Some(3));
        assert_eq!(set.match_at(&["held", &long], 0), Some(2));
        assert_eq!(set.match_at(&["held", &longer, "talks"], 0), None);
        assert_eq!(set.match_ending_at(&["held", &long, "talks"], 2), Some(3));
        assert_eq!(set.match_ending_at(&["held", &longer, "talks"], 2), None);
        assert_eq!(set.match_ending_at(&["held", &long], 1), Some(2));
        let set = CueSet::new(&[
            "held talks".to_string(),
            "talks".to_string(),
            "held".to_string(),
        ]);
        // A word outside the set is no phrase word, however it is held.
        let other = ["held".to_string(), "talkz".to_string()];
        let other: Vec<&str> = other.iter().map(String::as_str).collect();
        assert_eq!(set.match_at(&other, 0), Some(1));
    }

    #[test]
    fn a_token_outside_the_mask_of_sets_starts_or_ends_none_of_their_cues() {
        let p = &*PATTERNS;
        let sets = [&p.met_verbs, &p.titles, &p.materiel_units];
        let mask = CueSet::mask_of(&sets);
        let tokens = crate::text::tokenize(
            "Foreign Minister Lee met envoys and delivered 12 howitzers to the region.",
            0,
        );
        let words: Vec<&str> = crate::text::lower_words(&tokens);
        let mut inside = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.cues & mask == 0 {
                for set in sets {
                    assert_eq!(set.match_at(&words, i), None, "{:?}", words[i]);
                    assert_eq!(set.match_ending_at(&words, i), None, "{:?}", words[i]);
                }
            } else {
                inside.push(words[i]);
            }
        }
        // (The full stop is the last part of titles written with one: "gen.".)
        assert_eq!(inside, ["foreign", "minister", "met", "howitzers", "."]);
        // A set no registry holds has no bit: every token may match it.
        let own = CueSet::new(&["convoy".to_string()]);
        assert_eq!(CueSet::mask_of(&[&p.met_verbs, &own]), u128::MAX);
    }

    #[test]
    fn every_noise_pattern_compiles() {
        for r in PATTERNS
            .file
            .text
            .noise_lines
            .iter()
            .chain(&PATTERNS.file.text.trailer_lines)
        {
            regex::Regex::new(r).unwrap();
        }
    }
}
