//! One trie over every name, demonym and description of the lexicon,
//! shared across threads; the built-in lexicon's is built once per process
//! (`ergraph::builtin_lexicon`).
//!
//! The trie matches ASCII case-insensitively; a match counts when it sits on
//! word boundaries and keeps the pattern's capitals (abbreviations must
//! match exactly). Of overlapping matches the longest wins, then the
//! leftmost: "North Korean" beats "the North", "Kursk region" beats "Kursk".

use super::trie::{Slot, Trie};
use super::{Entity, Form};
use crate::text::{Token, TokenKind};
use std::collections::HashMap;

// The built-in lexicon's trie, written by build.rs: `SLOTS`, `KEYS` and
// `KEY_COUNT`.
include!(concat!(env!("OUT_DIR"), "/lexicon_trie.rs"));

/// One surface form in the trie.
#[derive(Debug, Clone)]
struct Surface {
    entity: u32,
    form: Form,
    /// The byte offsets below 64, after the first character, of the ASCII
    /// capitals a match must keep (bit `i` for offset `i`).
    caps: u64,
    /// Whether there are more such capitals from offset 64 on.
    caps_after_64: bool,
    text: Box<str>,
}

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Index of the entity in the lexicon.
    pub entity: usize,
    pub form: Form,
}

/// The trie and what each of its keys names.
///
/// A match must start on a word boundary, so the trie is walked from each
/// boundary where some name could start and stops as soon as no name
/// continues (a few bytes), instead of carrying every byte of the sentence
/// through an unanchored automaton.
#[derive(Debug)]
pub struct Matcher {
    trie: Trie,
    /// Whether `trie` is the one built with the program.
    prebuilt: bool,
    /// Bytes a name can start with (both cases of an ASCII letter).
    first: [bool; 256],
    /// The keys' openings, each byte or-ed with 0x20 (a coarser fold
    /// than the trie's, so a key the trie matches has the bits): bit
    /// [`opening_bit`] of the first four bytes of every key of four bytes
    /// or more, of every key of three and of every key of two, and the
    /// byte of every key of one. A key shorter than four bytes must end
    /// before a byte that is no ASCII letter or digit, so its table is only
    /// read when such a byte follows. A word start whose next bytes have
    /// none of these bits starts no name, and the trie is not walked from
    /// it (a walk costs a call and a few steps). Four bytes, not three:
    /// "and", "that" and "said" open keys ("Andorra", "Thailand",
    /// "Saint") and part from them at their fourth byte.
    open4: Vec<u64>,
    open3: Vec<u64>,
    open2: Vec<u64>,
    open1: [bool; 256],
    /// Whether a key is one byte long (else `open1` is not read).
    one_byte_keys: bool,
    /// Whether a name starts with a character the tokenizer skips (a
    /// byte-order mark): then [`Matcher::find_in_tokens`] walks every byte.
    starts_on_space: bool,
    surfaces: Vec<Surface>,
    /// The surfaces of key `k` (its text, ASCII case folded) are
    /// `by_key[key_start[k]..key_start[k + 1]]`, in the order they were added.
    key_start: Vec<u32>,
    by_key: Vec<u32>,
}

impl Matcher {
    /// The matcher over all entities' surface forms: on the trie built
    /// with the program when it holds every form, else on one built now.
    pub fn new(entities: &[Entity]) -> Matcher {
        Matcher::with(entities, true)
    }

    /// True when the matcher runs on the trie built with the program.
    pub fn prebuilt(&self) -> bool {
        self.prebuilt
    }

    /// [`Matcher::new`], or with `prebuilt` false always on a trie built now.
    fn with(entities: &[Entity], prebuilt: bool) -> Matcher {
        let mut surfaces = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let entity = u32::try_from(i).expect("entities fit u32");
            let mut add = |text: &str, form: Form| {
                let text = text.trim();
                if text.is_empty() {
                    return;
                }
                surfaces.push(Surface::new(entity, form, text.into()));
                if text.contains('\'') {
                    surfaces.push(Surface::new(entity, form, text.replace('\'', "’").into()));
                }
            };
            add(&e.label, Form::Name);
            for a in &e.aliases {
                add(a, Form::Name);
            }
            for a in &e.abbreviations {
                add(a, Form::Abbreviation);
            }
            for d in &e.demonyms {
                add(d, Form::Demonym);
            }
            for d in &e.descriptions {
                add(d, Form::Description);
            }
        }
        // One key per text, ASCII case folded; each key lists its surfaces.
        let builtin = Trie::from_static(&SLOTS, &KEYS, KEY_COUNT);
        let known: Option<Vec<u32>> = surfaces
            .iter()
            .map(|s| builtin.get(s.text.as_bytes()))
            .collect();
        let (trie, surface_key, prebuilt) = match known {
            Some(surface_key) if prebuilt => (builtin, surface_key, true),
            _ => {
                let (trie, surface_key) = Matcher::build_trie(&surfaces);
                (trie, surface_key, false)
            }
        };
        let mut key_start = vec![0u32; trie.keys() + 1];
        for &k in &surface_key {
            key_start[k as usize + 1] += 1;
        }
        for k in 0..trie.keys() {
            key_start[k + 1] += key_start[k];
        }
        let mut fill = key_start.clone();
        let mut by_key = vec![0u32; surfaces.len()];
        for (i, &k) in surface_key.iter().enumerate() {
            by_key[fill[k as usize] as usize] = u32::try_from(i).expect("surfaces fit u32");
            fill[k as usize] += 1;
        }
        let mut first = [false; 256];
        for s in &surfaces {
            if let Some(&b) = s.text.as_bytes().first() {
                first[usize::from(b)] = true;
                first[usize::from(b.to_ascii_lowercase())] = true;
                first[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let mut open4 = vec![0u64; 1 << (OPEN4_BITS - 6)];
        let mut open3 = vec![0u64; 1 << (SHORT_BITS - 6)];
        let mut open2 = vec![0u64; 1 << (SHORT_BITS - 6)];
        let mut open1 = [false; 256];
        let mut one_byte_keys = false;
        for s in &surfaces {
            let k: Vec<u8> = s.text.bytes().take(4).map(|b| b | 0x20).collect();
            match *k.as_slice() {
                [] => {}
                [a] => {
                    open1[usize::from(a)] = true;
                    one_byte_keys = true;
                }
                [a, b] => set_bit(
                    &mut open2,
                    opening_bit(u32::from_le_bytes([a, b, 0, 0]), SHORT_BITS),
                ),
                [a, b, c] => set_bit(
                    &mut open3,
                    opening_bit(u32::from_le_bytes([a, b, c, 0]), SHORT_BITS),
                ),
                [a, b, c, d, ..] => set_bit(
                    &mut open4,
                    opening_bit(u32::from_le_bytes([a, b, c, d]), OPEN4_BITS),
                ),
            }
        }
        let starts_on_space = surfaces.iter().any(|s| {
            s.text
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '\u{feff}')
        });
        Matcher {
            trie,
            prebuilt,
            first,
            open4,
            open3,
            open2,
            open1,
            one_byte_keys,
            starts_on_space,
            surfaces,
            key_start,
            by_key,
        }
    }

    /// A trie over the surfaces' texts, and each surface's key in it.
    fn build_trie(surfaces: &[Surface]) -> (Trie, Vec<u32>) {
        let mut key_of_text: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let mut surface_key = Vec::with_capacity(surfaces.len());
        for s in surfaces {
            let folded = s.text.to_ascii_lowercase().into_bytes();
            let next = u32::try_from(keys.len()).expect("keys fit u32");
            let k = *key_of_text.entry(folded.clone()).or_insert_with(|| {
                keys.push(folded);
                next
            });
            surface_key.push(k);
        }
        (Trie::new(keys.iter().map(Vec::as_slice)), surface_key)
    }

    /// Matches on word boundaries with the pattern's case, longest first.
    pub fn find(&self, text: &str) -> Vec<LexMatch> {
        let mut found: Vec<LexMatch> = Vec::new();
        self.find_into(text, &mut found);
        found
    }

    /// [`Matcher::find`] into `found` (cleared first).
    fn find_into(&self, text: &str, found: &mut Vec<LexMatch>) {
        found.clear();
        self.walk_range(text, 0, text.len(), false, found);
        resolve(found);
    }

    /// [`Matcher::find`] over a text already cut into `tokens` (of `text`,
    /// whose first byte is at document offset `base`): the same matches,
    /// with the word starts read from the tokens instead of from every
    /// byte of the text. A name starts where a character that is no letter
    /// or digit (or nothing) comes before a byte a name may start with;
    /// outside the tokens there are only spaces, where no name starts, and
    /// inside a word such a place follows a hyphen, a dot or an apostrophe
    /// ([`Token::HYPHENATED`], [`Token::JOINED`]): only those words, and
    /// numbers and possessives, are walked byte by byte.
    pub fn find_in_tokens(&self, text: &str, base: usize, tokens: &[Token]) -> Vec<LexMatch> {
        let mut found: Vec<LexMatch> = Vec::new();
        self.find_in_tokens_into(text, base, tokens, &mut found);
        found
    }

    /// [`Matcher::find_in_tokens`] into `found` (cleared first), so a
    /// caller that matches sentence after sentence reuses one buffer.
    pub fn find_in_tokens_into(
        &self,
        text: &str,
        base: usize,
        tokens: &[Token],
        found: &mut Vec<LexMatch>,
    ) {
        if self.starts_on_space {
            return self.find_into(text, found);
        }
        found.clear();
        let bytes = text.as_bytes();
        for t in tokens {
            let Some((s, &b)) = t
                .start
                .checked_sub(base)
                .and_then(|s| Some((s, bytes.get(s)?)))
            else {
                return self.find_into(text, found);
            };
            let inner = match t.kind {
                TokenKind::Word => t.shape & (Token::HYPHENATED | Token::JOINED) != 0,
                TokenKind::Number | TokenKind::Possessive => true,
                TokenKind::Punct => false,
            };
            if inner {
                let e = t.end.saturating_sub(base);
                self.walk_range(text, s, e, alnum_before(bytes, text, s), found);
            } else if self.first[usize::from(b)]
                && self.may_open_at(bytes, s)
                && !alnum_before(bytes, text, s)
            {
                self.run_from(text, s, found);
            }
        }
        resolve(found);
    }

    /// Walks `text[from..to]` by character and runs the trie from every
    /// word start in it; `alnum` tells whether the character before `from`
    /// is a letter or digit (then no name starts there). Inside a word,
    /// ASCII letters and digits are skipped by table.
    #[inline]
    fn walk_range(
        &self,
        text: &str,
        from: usize,
        to: usize,
        mut alnum: bool,
        found: &mut Vec<LexMatch>,
    ) {
        let bytes = text.as_bytes();
        let to = to.min(bytes.len());
        let mut next = from;
        while next < to {
            if alnum {
                while next < to && ASCII_ALNUM[usize::from(bytes[next])] {
                    next += 1;
                }
                if next >= to {
                    break;
                }
            }
            let s = next;
            let b = bytes[s];
            let starts_name = !alnum && self.first[usize::from(b)];
            if b.is_ascii() {
                alnum = ASCII_ALNUM[usize::from(b)];
                next = s + 1;
            } else {
                let c = text.get(s..).and_then(|r| r.chars().next()).unwrap_or(' ');
                alnum = is_alphanumeric(c);
                next = s + c.len_utf8();
            }
            if !starts_name {
                continue;
            }
            self.try_from(text, s, found);
        }
    }
}

/// Of overlapping matches, keeps the longest, then the leftmost (a stable
/// sort: of one span, the surface added first), in text order.
///
/// The matches come in text order (by start; else they are sorted as a
/// whole): a run of them in which each
/// starts before the furthest end so far overlaps no match outside it, so
/// each run is resolved alone, in the order the whole list sorted at once
/// would give it; a match that overlaps no other is kept as it is.
fn resolve(found: &mut Vec<LexMatch>) {
    if !found.windows(2).all(|w| w[0].start <= w[1].start) {
        resolve_sorting(found);
        return;
    }
    let n = found.len();
    let mut kept = 0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        let mut end = found[i].end;
        while j < n && found[j].start < end {
            end = end.max(found[j].end);
            j += 1;
        }
        let run = match j - i {
            1 => 1,
            2 => {
                // Two that overlap (most runs): the one the sort puts first.
                if precedes(&found[i + 1], &found[i]) {
                    found.swap(i, i + 1);
                }
                1
            }
            _ => resolve_sorting_slice(&mut found[i..j]),
        };
        for k in 0..run {
            found.swap(kept + k, i + k);
        }
        kept += run;
        i = j;
    }
    found.truncate(kept);
}

/// [`resolve`] of matches in any order: sorted longest first, then
/// leftmost, and kept when they overlap nothing kept before.
fn resolve_sorting(found: &mut Vec<LexMatch>) {
    let kept = resolve_sorting_slice(found);
    found.truncate(kept);
}

/// True when `a` comes before `b` in [`resolve_sorting_slice`]'s order:
/// longer, or as long and further left, or then of a lower entity.
#[inline]
fn precedes(a: &LexMatch, b: &LexMatch) -> bool {
    (b.end - b.start, a.start, a.entity) < (a.end - a.start, b.start, b.entity)
}

/// [`resolve_sorting`] within `found`: the kept matches, in text order,
/// come first; returns how many there are.
fn resolve_sorting_slice(found: &mut [LexMatch]) -> usize {
    // Longest first, then leftmost; then keep those that overlap
    // nothing kept, compacted in place.
    found.sort_by(|a, b| {
        if precedes(a, b) {
            std::cmp::Ordering::Less
        } else if precedes(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let mut kept = 0;
    for i in 0..found.len() {
        let (s, e) = (found[i].start, found[i].end);
        if found[..kept].iter().all(|k| e <= k.start || s >= k.end) {
            found.swap(kept, i);
            kept += 1;
        }
    }
    found[..kept].sort_unstable_by_key(|m| m.start);
    kept
}

/// True when the character before byte `at` (a character boundary) is a
/// letter or digit: [`Matcher::find`]'s word-start test, read backwards.
#[inline]
fn alnum_before(bytes: &[u8], text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| bytes.get(p)) {
        None => false,
        Some(&b) if b.is_ascii() => ASCII_ALNUM[usize::from(b)],
        Some(_) => text
            .get(..at)
            .and_then(|r| r.chars().next_back())
            .is_some_and(is_alphanumeric),
    }
}

impl Surface {
    fn new(entity: u32, form: Form, text: Box<str>) -> Surface {
        let first = text.chars().next().map_or(0, char::len_utf8);
        let mut caps = 0u64;
        let mut caps_after_64 = false;
        if form != Form::Abbreviation {
            for (i, b) in text.bytes().enumerate().skip(first) {
                if b.is_ascii_uppercase() {
                    if i < 64 {
                        caps |= 1 << i;
                    } else {
                        caps_after_64 = true;
                    }
                }
            }
        }
        Surface {
            entity,
            form,
            caps,
            caps_after_64,
            text,
        }
    }

    /// Abbreviations match exactly; other names keep every capital of the
    /// pattern after its first letter (so "us" is not "US", "the Kremlin"
    /// may start a sentence as "The Kremlin"). `matched` equals the
    /// pattern but for the case of ASCII letters, so only those differ: a
    /// non-ASCII capital is the same character in both.
    fn case_fits(&self, matched: &[u8]) -> bool {
        let pattern = self.text.as_bytes();
        if self.form == Form::Abbreviation {
            return pattern == matched;
        }
        let mut caps = self.caps;
        while caps != 0 {
            let i = caps.trailing_zeros() as usize;
            if !matched.get(i).is_some_and(u8::is_ascii_uppercase) {
                return false;
            }
            caps &= caps - 1;
        }
        !self.caps_after_64
            || pattern
                .iter()
                .zip(matched)
                .skip(64)
                .all(|(p, m)| !p.is_ascii_uppercase() || m.is_ascii_uppercase())
    }
}

impl Matcher {
    /// False when no key opens with the bytes at `s` ([`Matcher::open4`]):
    /// then no name starts there. True near the end of the text.
    #[inline(always)]
    fn may_open_at(&self, bytes: &[u8], s: usize) -> bool {
        let Some(four) = bytes.get(s..).and_then(<[u8]>::first_chunk::<4>) else {
            return true;
        };
        let w = u32::from_le_bytes(*four) | 0x2020_2020;
        let [_, b, c, d] = *four;
        has_bit(&self.open4, opening_bit(w, OPEN4_BITS))
            || !ASCII_ALNUM[usize::from(d)]
                && has_bit(&self.open3, opening_bit(w & 0x00ff_ffff, SHORT_BITS))
            || !ASCII_ALNUM[usize::from(c)]
                && has_bit(&self.open2, opening_bit(w & 0xffff, SHORT_BITS))
            || self.one_byte_keys && !ASCII_ALNUM[usize::from(b)] && self.open1[(w & 0xff) as usize]
    }

    /// [`Matcher::run_from`] unless [`Matcher::may_open_at`] rules `s` out.
    #[inline(always)]
    fn try_from(&self, text: &str, s: usize, found: &mut Vec<LexMatch>) {
        if self.may_open_at(text.as_bytes(), s) {
            self.run_from(text, s, found);
        }
    }

    /// Walks the trie from `s` until no name continues, and records the
    /// names that end on a word boundary. (Its own function: the hot loop
    /// keeps its state in registers.)
    #[inline(never)]
    fn run_from(&self, text: &str, s: usize, found: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let rest = bytes.get(s..).unwrap_or_default();
        self.trie.walk(rest, |n, slot| {
            // Most keys passed on the way end inside a word ("Russia" in
            // "Russian"): the boundary is tested before the call.
            if boundary_after(bytes, text, s + n) {
                self.record(text, s, s + n, slot, found);
            }
        });
    }

    /// The names of terminal `slot` (all span exactly `s..e`, and `e` is a
    /// word boundary) with the pattern's capitals.
    #[cold]
    #[inline(never)]
    fn record(&self, text: &str, s: usize, e: usize, slot: u32, found: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let k = self.trie.key(slot) as usize;
        let range = self.key_start[k] as usize..self.key_start[k + 1] as usize;
        let matched = &bytes[s..e];
        for &i in &self.by_key[range] {
            let surface = &self.surfaces[i as usize];
            if !surface.case_fits(matched) {
                continue;
            }
            if found.capacity() == 0 {
                // Most sentences that name anything name several.
                found.reserve(16);
            }
            found.push(LexMatch {
                start: s,
                end: e,
                entity: surface.entity as usize,
                form: surface.form,
            });
        }
    }
}

/// The bits of [`Matcher::open4`] are `1 << OPEN4_BITS`; of `open3` and
/// `open2` (a few dozen keys each) `1 << SHORT_BITS`.
const OPEN4_BITS: u32 = 16;
const SHORT_BITS: u32 = 12;

/// The bit (below `1 << bits`) of a key's first bytes (or-ed with 0x20,
/// zero past a key shorter than four; the first in the low byte) in
/// [`Matcher::open4`] and its kin.
#[inline(always)]
fn opening_bit(w: u32, bits: u32) -> usize {
    (w.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

#[inline(always)]
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// ASCII letters and digits (false for every byte of a non-ASCII character);
/// a look-up is cheaper than `u8::is_ascii_alphanumeric` in the word walk.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// True when no letter or digit follows `at`.
#[inline(always)]
fn boundary_after(bytes: &[u8], text: &str, at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(&b) if b.is_ascii() => !ASCII_ALNUM[usize::from(b)],
        Some(_) => text
            .get(at..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !is_alphanumeric(c)),
    }
}

/// [`char::is_alphanumeric`], answered at once for the punctuation of
/// U+2000 to U+206F (curly quotes and apostrophes, dashes, spaces), no
/// letter or digit among them, which news text puts around names and
/// which the standard library looks up in its tables.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::Matcher;
    use crate::lexicon::load_lexicon;

    fn labels(text: &str) -> Vec<String> {
        let lex = load_lexicon(&[]).unwrap();
        lex.find(text)
            .into_iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], lex.entity(m.entity).id))
            .collect()
    }

    /// `each` of every name, alias and abbreviation of every entity of
    /// `lex`, concatenated.
    fn every_name(lex: &crate::lexicon::Lexicon, each: impl Fn(&str) -> String) -> String {
        let mut text = String::new();
        for e in lex.entities() {
            for name in std::iter::once(&e.label)
                .chain(&e.aliases)
                .chain(&e.abbreviations)
            {
                text += &each(name);
            }
        }
        text
    }

    #[test]
    fn longest_match_wins_over_shorter_overlaps() {
        assert_eq!(
            labels("the North Korean leader went to Russia's Kursk region"),
            [
                "North Korean=country:north-korea",
                "Russia=country:russia",
                "Kursk region=place:kursk"
            ]
        );
    }

    #[test]
    fn abbreviations_match_case_sensitively() {
        assert_eq!(labels("The NIS said"), ["NIS=organization:nis"]);
        assert!(labels("this is us, nis").is_empty());
    }

    #[test]
    fn names_need_word_boundaries_and_their_capitals() {
        assert!(labels("Kimchi and putinism").is_empty());
        assert_eq!(
            labels("South Korea’s intelligence service said"),
            ["South Korea’s intelligence service=organization:nis"]
        );
        assert_eq!(labels("The Kremlin said"), ["The Kremlin=country:russia"]);
    }

    /// An organisation named `label`, with `abbreviations`.
    fn entity(label: &str, abbreviations: &[&str]) -> crate::lexicon::Entity {
        use crate::model::Kind;
        crate::lexicon::Entity {
            id: crate::model::ids::node_id(Kind::Organization, label),
            kind: Kind::Organization,
            label: label.to_string(),
            aliases: Vec::new(),
            abbreviations: abbreviations.iter().map(|a| a.to_string()).collect(),
            gender: None,
            capital_of: None,
            descriptions: Vec::new(),
            demonyms: Vec::new(),
            parties: Vec::new(),
        }
    }

    #[test]
    fn capitals_after_the_first_letter_are_kept_however_long_the_name() {
        use crate::lexicon::Form;
        let long = format!("{}Of The Republic Of Zembla", "Very ".repeat(14));
        let m = Matcher::new(&[entity(&long, &[]), entity("Zembla Free Press", &["ZFP"])]);
        let spans = |text: &str| -> Vec<(String, Form)> {
            m.find(text)
                .iter()
                .map(|f| (text[f.start..f.end].to_string(), f.form))
                .collect()
        };
        assert!(long.len() > 64);
        assert_eq!(spans(&format!("the {long}.")), [(long.clone(), Form::Name)]);
        // The first letter may change case; a later capital may not, before
        // or after byte 64.
        assert_eq!(
            spans(&format!("{}.", long.to_lowercase().replacen('v', "V", 1))).len(),
            0
        );
        let first_lower = long.replacen('V', "v", 1);
        assert_eq!(spans(&first_lower), [(first_lower.clone(), Form::Name)]);
        assert!(spans(&long.replace("Zembla", "zembla")).is_empty());
        assert!(spans(&long.replace("Of The", "Of the")).is_empty());
        assert_eq!(
            spans("ZEMBLA FREE PRESS and ZFP, not zfp"),
            [
                ("ZEMBLA FREE PRESS".to_string(), Form::Name),
                ("ZFP".to_string(), Form::Abbreviation)
            ]
        );
        assert!(spans("Zembla free Press").is_empty());
        assert!(!m.prebuilt());
    }

    #[test]
    fn the_builtin_lexicon_runs_on_the_trie_built_with_the_program() {
        let lex = load_lexicon(&[]).unwrap();
        assert!(Matcher::new(lex.entities()).prebuilt());
        assert!(!Matcher::with(lex.entities(), false).prebuilt());
        // A name no built-in entity has needs a trie of its own.
        let extra = "[[entity]]\nid = \"person:oskar-brandvold\"\nkind = \"person\"\nlabel = \"Oskar Brandvold\"\n";
        let lex = load_lexicon(&[("extra.toml".into(), extra.into())]).unwrap();
        assert!(!Matcher::new(lex.entities()).prebuilt());
        let text = "Oskar Brandvold met officials in Pyongyang.";
        let found: Vec<&str> = lex
            .find(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["Oskar Brandvold", "Pyongyang"]);
        // An overlay that only renames known names keeps the built one.
        let extra =
            "[[entity]]\nid = \"person:kim-jong-un\"\nkind = \"person\"\nlabel = \"Kim Jong-un\"\n";
        let lex = load_lexicon(&[("extra.toml".into(), extra.into())]).unwrap();
        assert!(Matcher::new(lex.entities()).prebuilt());
    }

    /// The matches read from the tokens' starts are the matches of the
    /// walk over every byte: names after hyphens, dots and apostrophes,
    /// inside numbers and possessives, after letters past ASCII and at the
    /// very start, and a name inside a compound that outweighs a shorter
    /// one at a token start.
    #[test]
    fn the_token_starts_find_what_the_byte_walk_finds() {
        use crate::text::tokenize;
        let lex = load_lexicon(&[]).unwrap();
        let mut texts: Vec<String> = [
            "Russia-North Korea ties, pro-Kremlin U.S.-Russia talks and Moscow’s envoy",
            "Kim’s O’Brien 5th Seoul's 10,900 troops in Kursk.Then Pyongyang—Moscow",
            "Zürich-Moscow, Ólafur Ukraine\u{a0}Russia and\u{feff}Russia 9Russia x'Kyiv",
            "anti-Russia, non-NATO  NATO's; 'Ukraine' “Beijing” (Tokyo) [Iran] R.F. U.N.-led",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push(every_name(&lex, |name| {
            format!(
                "pro-{name}, {name}’s U.S.-{name} 1,{name} {}'s; ",
                name.to_uppercase()
            )
        }));
        for text in &texts {
            for base in [0, 17] {
                let tokens = tokenize(text, base);
                let m = &lex.matcher;
                assert_eq!(
                    m.find_in_tokens(text, base, &tokens),
                    m.find(text),
                    "{text}"
                );
            }
        }
        assert!(lex.matcher.find(&texts[5]).len() > 100);
        // Where the openings rule a start out, the trie finds nothing.
        let m = &lex.matcher;
        for text in &texts {
            let mut ruled_out = 0;
            for s in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
                if !m.may_open_at(text.as_bytes(), s) {
                    ruled_out += 1;
                    let mut found = Vec::new();
                    m.run_from(text, s, &mut found);
                    assert!(found.is_empty(), "{}", &text[s..]);
                }
            }
            assert!(
                text.len() < 200 || ruled_out > text.len() / 4,
                "{ruled_out}"
            );
        }
    }

    #[test]
    fn the_built_trie_and_one_built_now_find_the_same() {
        let lex = load_lexicon(&[]).unwrap();
        let prebuilt = Matcher::with(lex.entities(), true);
        let now = Matcher::with(lex.entities(), false);
        // Every name of every entity, in three cases, between other words.
        let text = every_name(&lex, |name| {
            format!(
                "so {name}, then {} and {}'s; ",
                name.to_uppercase(),
                name.to_lowercase()
            )
        });
        let found = prebuilt.find(&text);
        assert!(found.len() > 2 * lex.entities().len(), "{}", found.len());
        assert_eq!(found, now.find(&text));
    }

    /// Names of one to five bytes, abbreviations among them, found where
    /// they end the text, before punctuation, a curly apostrophe or a
    /// dash past ASCII, and not inside words: the opening windows rule out
    /// no start where the trie finds a name.
    #[test]
    fn short_names_open_windows_at_the_end_and_before_any_separator() {
        use crate::lexicon::Form;
        use crate::text::tokenize;
        let m = Matcher::new(&[
            entity("Q", &[]),
            entity("Zo", &["ZB"]),
            entity("Kyx", &["KPQ"]),
            entity("Vexa", &[]),
            entity("Öland Wyx", &[]),
        ]);
        let spans = |text: &str| -> Vec<(String, Form)> {
            let found = m.find(text);
            for base in [0, 9] {
                assert_eq!(m.find_in_tokens(text, base, &tokenize(text, base)), found);
            }
            found
                .iter()
                .map(|f| (text[f.start..f.end].to_string(), f.form))
                .collect()
        };
        let names = |text: &str| -> Vec<String> { spans(text).into_iter().map(|s| s.0).collect() };
        for text in ["Q", "Zo", "ZB", "Kyx", "KPQ", "Vexa", "Öland Wyx"] {
            assert_eq!(names(text), [text], "{text}");
            assert_eq!(names(&format!("so {text}")), [text], "{text}");
            for after in [".", ",", "’s", "—x", "-y", " ", "\u{a0}"] {
                assert_eq!(names(&format!("{text}{after}")), [text], "{text}{after}");
            }
            assert!(names(&format!("{text}a")).is_empty(), "{text}a");
            assert!(names(&format!("{text}9")).is_empty(), "{text}9");
            assert!(names(&format!("x{text}")).is_empty(), "x{text}");
        }
        assert_eq!(spans("zb zo kpq"), [("zo".to_string(), Form::Name)]);
        assert_eq!(names("q-Zo’s KYX, vexa"), ["q", "Zo", "KYX", "vexa"]);
        // Every start the windows rule out, the trie finds nothing at.
        let text = "Q Zo ZB Kyx KPQ Vexa Öland Wyx, q. zo’ kyx—vexa Qa Zoo Kyxx Vex Öland";
        let mut ruled_out = 0;
        for s in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
            let mut found = Vec::new();
            m.run_from(text, s, &mut found);
            if !m.may_open_at(text.as_bytes(), s) {
                ruled_out += 1;
                assert!(found.is_empty(), "{}", &text[s..]);
            }
        }
        assert!(ruled_out > text.len() / 2, "{ruled_out}");
    }

    /// No character of U+2000 to U+206F is a letter or digit, as the
    /// matcher's shortcut takes it.
    #[test]
    fn general_punctuation_has_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(!super::is_alphanumeric(c));
        }
        for c in ['a', 'Z', '7', 'é', 'Ж', '\u{2070}', 'ⁱ'] {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Resolving run by run keeps what sorting the whole list keeps, on
    /// lists in text order with overlaps of every shape (nested, chained,
    /// one span twice) and on lists out of order.
    #[test]
    fn runs_resolve_as_the_whole_list_sorted() {
        use super::{LexMatch, resolve, resolve_sorting};
        use crate::lexicon::Form;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let mut overlapping = 0;
        for round in 0..3000 {
            let mut found: Vec<LexMatch> = (0..next(9))
                .map(|_| {
                    let start = next(30);
                    LexMatch {
                        start,
                        end: start + 1 + next(8),
                        entity: next(4),
                        form: [Form::Name, Form::Abbreviation][next(2)],
                    }
                })
                .collect();
            if round % 4 != 0 {
                found.sort_by_key(|m| (m.start, m.end));
            }
            let mut whole = found.clone();
            resolve_sorting(&mut whole);
            overlapping += usize::from(whole.len() < found.len());
            resolve(&mut found);
            assert_eq!(found, whole);
        }
        assert!(overlapping > 1000, "{overlapping}");
    }
}
