//! Counted contingents and shipments: a number, an optional range, and a unit
//! from `personnel_units` or `materiel_units` within a few words.
//!
//! Handles "5,000", "about 10,900", "between 10,000 to 12,000", "3,000 to
//! 4,000", "9 million", "1.5 million", "thousands of", "an additional 3,000"
//! (the unit carried over from the previous contingent), units in quotes and
//! coordinated units ("artillery shells and rockets"). Rejects numbers that
//! count the dead or hurt ("at least 600 ... have died"), money and rates
//! ("$800 per month", "2,000 to 5,000 drones a month"), counts of events
//! ("49 shipments"), years, days of months and anything without a unit.

use super::classes::{Classes, next_at_or_after};
use super::shipments::{SHIPMENTS, is_acronym, is_calibre, is_designator};
use super::{DocState, Mention, MentionForm, Quantity};
use crate::graph::Category;
use crate::lexicon::patterns::PATTERNS;
use crate::text::{Token, TokenKind};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// How far after a unit a casualty verb still counts ("soldiers have died").
const CASUALTY_REACH: usize = 6;

/// Parses "5,000", "1.5", "10" into a number.
fn parse_number(text: &str) -> Option<f64> {
    // Digits and commas (most counts): read in place, no copy without the
    // commas. Up to 15 digits the value is exact in an f64, as parsed.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if (1..=15).contains(&digits) && text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        let v = text
            .bytes()
            .filter(u8::is_ascii_digit)
            .fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some(v as f64);
    }
    text.replace(',', "").parse::<f64>().ok()
}

/// A list of (word, value) as a map; the first entry of a word wins, as a
/// scan of the list would find it. Asked about every token, so one hash
/// instead of a string comparison per entry.
fn first_wins(list: &'static [(String, u64)]) -> FxHashMap<&'static str, u64> {
    let mut map = FxHashMap::default();
    for (w, v) in list {
        map.entry(w.as_str()).or_insert(*v);
    }
    map
}

static MULTIPLIERS: LazyLock<FxHashMap<&'static str, u64>> =
    LazyLock::new(|| first_wins(&PATTERNS.file.quantity.multipliers));
/// A number word with its first two bytes as one integer, compared before the word.
struct NumberWord {
    head: u16,
    word: &'static str,
    value: u64,
}

/// The first (up to) two bytes of a word as one integer.
#[inline]
fn head(word: &str) -> u16 {
    match word.as_bytes() {
        [a, b, ..] => u16::from_le_bytes([*a, *b]),
        [a] => u16::from(*a),
        [] => 0,
    }
}

/// The number words by length, in file order (the first entry of a word
/// wins, as a scan of the list would find it). Asked about every word of
/// every sentence: the few words of a word's length are told apart by
/// their first two bytes, without hashing; most words match none.
static NUMBER_WORDS: LazyLock<Vec<Vec<NumberWord>>> = LazyLock::new(|| {
    let mut by_len: Vec<Vec<NumberWord>> = Vec::new();
    for (w, v) in &PATTERNS.file.quantity.number_words {
        if by_len.len() <= w.len() {
            by_len.resize_with(w.len() + 1, Vec::new);
        }
        by_len[w.len()].push(NumberWord {
            head: head(w),
            word: w.as_str(),
            value: *v,
        });
    }
    by_len
});

/// The bit of a word of length `len` whose first two bytes are `head` in
/// [`NUMBER_FILTER`] (0..1024).
#[inline(always)]
fn filter_bit(head: u16, len: usize) -> usize {
    let key = u32::from(head) | (len as u32 & 0xff) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// A bitset over [`filter_bit`] holding the bits of every number word: a
/// word whose bit is clear is none ("the" and "tha" share no first two
/// bytes and length with a number word, and are passed over without a
/// look at the words of their length).
static NUMBER_FILTER: LazyLock<[u64; 16]> = LazyLock::new(|| {
    let mut bits = [0u64; 16];
    for e in NUMBER_WORDS.iter().flatten() {
        let bit = filter_bit(e.head, e.word.len());
        bits[bit / 64] |= 1 << (bit % 64);
    }
    bits
});

fn multiplier(word: &str) -> Option<u64> {
    MULTIPLIERS.get(word).copied()
}

/// The value of a number word, from the table [`NUMBER_WORDS`] derefs to.
#[inline]
fn number_word_in(table: &[Vec<NumberWord>], word: &str) -> Option<u64> {
    let bucket = table.get(word.len())?;
    if bucket.is_empty() {
        return None;
    }
    let h = head(word);
    bucket
        .iter()
        .find(|e| e.head == h && e.word == word)
        .map(|e| e.value)
}

fn number_word(word: &str) -> Option<u64> {
    number_word_in(&NUMBER_WORDS, word).or_else(|| compound_word(word))
}

/// "ninety-three": tens and units joined by a hyphen.
fn compound_word(word: &str) -> Option<u64> {
    let (tens, units) = word.split_once('-')?;
    let t = number_word_in(&NUMBER_WORDS, tens).filter(|t| (20..100).contains(t) && t % 10 == 0)?;
    let u = number_word_in(&NUMBER_WORDS, units).filter(|u| (1..10).contains(u))?;
    Some(t + u)
}

/// "a pair of": the partitive word's count, and the token after "of".
fn partitive_at(words: &[&str], i: usize) -> Option<(u64, usize)> {
    if words[i] != "a" || words.get(i + 2) != Some(&"of") {
        return None;
    }
    let w = words.get(i + 1)?;
    SHIPMENTS
        .partitive_counts
        .iter()
        .find(|(p, _)| p == w)
        .map(|(_, v)| (*v, i + 3))
}

/// "three hundred and ninety-three": the rest of a number after its
/// multiplier, and the token after it.
fn and_units(tokens: &[Token], next: usize) -> Option<(u64, usize)> {
    if tokens.get(next).is_none_or(|t| t.lower != "and") {
        return None;
    }
    let t = tokens.get(next + 1)?;
    let v = number_word(&t.lower).filter(|v| *v < 100)?;
    Some((v, next + 2))
}

fn is_month(word: &str) -> bool {
    crate::corpus::meta::month_number(word).is_some() && word.len() >= 3
}

/// True when token `i` follows a capitalised month cut short with its dot
/// ("Jan. 9", "Sept. 30"): the number is the day, not a count. The dot is a
/// token of its own, joined to the month.
fn after_month_abbreviation(tokens: &[Token], words: &[&str], i: usize) -> bool {
    i >= 2
        && words[i - 1] == "."
        && tokens[i - 1].start == tokens[i - 2].end
        && tokens[i - 2].is_capitalized()
        && is_month(words[i - 2])
}

/// A number starting at token `i`: (value, first token after it, vague "thousands of").
fn number_at(tokens: &[Token], i: usize) -> Option<(u64, usize, bool)> {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Number => {
            let v = parse_number(t.text)?;
            let (v, next) = match tokens.get(i + 1).and_then(|n| multiplier(&n.lower)) {
                Some(m) => (v * m as f64, i + 2),
                None => (v, i + 1),
            };
            (v.is_finite() && (1.0..1e13).contains(&v)).then_some((v.round() as u64, next, false))
        }
        TokenKind::Word => {
            // "tens of thousands of", "thousands of", "hundreds of".
            if t.lower == "tens"
                && tokens.get(i + 1).is_some_and(|n| n.lower == "of")
                && tokens.get(i + 2).is_some_and(|n| n.lower == "thousands")
            {
                return tokens
                    .get(i + 3)
                    .filter(|n| n.lower == "of")
                    .map(|_| (10_000, i + 4, true));
            }
            let v = number_word(&t.lower)?;
            if t.lower.ends_with('s') && compound_word(&t.lower).is_none() {
                tokens
                    .get(i + 1)
                    .filter(|n| n.lower == "of")
                    .map(|_| (v, i + 2, true))
            } else {
                let (v, next) = match tokens.get(i + 1).and_then(|n| multiplier(&n.lower)) {
                    Some(m) => match and_units(tokens, i + 2) {
                        Some((u, after)) if m == 100 => (v * m + u, after),
                        _ => (v * m, i + 2),
                    },
                    None => (v, i + 1),
                };
                Some((v, next, false))
            }
        }
        _ => None,
    }
}

/// Where a count may start, with the number words' table at hand (one
/// lazy-static check per sentence, not per token).
pub(super) struct CountStarts(&'static [Vec<NumberWord>], &'static [u64; 16]);

impl CountStarts {
    pub(super) fn get() -> CountStarts {
        CountStarts(&NUMBER_WORDS, &NUMBER_FILTER)
    }

    /// False when `w` is no number word: its bit in [`NUMBER_FILTER`] is
    /// clear (true says only that it may be one).
    #[inline(always)]
    fn may_be_number_word(&self, w: &str) -> bool {
        let bit = filter_bit(head(w), w.len());
        self.1[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// True when a count may start at the token: digits, a number word,
    /// "tens" (of thousands), a compound number word or "a" (a partitive,
    /// "a pair of"). Every other token starts none ([`number_at`] and
    /// [`partitive_at`] find nothing there); [`Classes::COUNT`] is this.
    /// (The classes tell it in one pass; this is what their tests hold them to.)
    #[cfg(test)]
    pub(super) fn may_start(&self, t: &Token) -> bool {
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                let w = t.lower.as_ref();
                w == "tens"
                    || number_word_in(self.0, w).is_some()
                    || w == "a"
                    || t.is_hyphenated() && compound_word(w).is_some()
            }
            _ => false,
        }
    }

    /// [`CountStarts::is_number_word`] of a word, in two parts: whether it
    /// is a number word, and whether it is a compound one (which counts only
    /// for a hyphenated token).
    pub(super) fn number_word_parts(&self, w: &str) -> (bool, bool) {
        (
            self.may_be_number_word(w) && number_word_in(self.0, w).is_some(),
            compound_word(w).is_some(),
        )
    }

    /// True for a number word or a compound one ("four", "ninety-three"):
    /// `may_start` of a word that is not "a" or "tens".
    #[inline(always)]
    pub(super) fn is_number_word(&self, t: &Token) -> bool {
        let w = t.lower.as_ref();
        (self.may_be_number_word(w) && number_word_in(self.0, w).is_some())
            || t.is_hyphenated() && compound_word(w).is_some()
    }
}

/// Finds the quantities of a sentence.
pub fn find_quantities(
    tokens: &[Token],
    mentions: &[Mention],
    state: &mut DocState,
) -> Vec<Quantity> {
    let words: Vec<&str> = crate::text::lower_words(tokens);
    let classes = Classes::of_tokens(tokens);
    find_quantities_in(tokens, &words, &classes, mentions, state)
}

/// [`find_quantities`] with the tokens' lower-case forms already listed and
/// classified: the rules start only at the tokens [`Classes::counts`] lists.
pub fn find_quantities_in(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    mentions: &[Mention],
    state: &mut DocState,
) -> Vec<Quantity> {
    let p = &*PATTERNS;
    let mut out: Vec<Quantity> = Vec::new();
    let mut blockers: Vec<Quantity> = Vec::new();
    let mut cursor = 0;
    // Only a token that may start a count is visited: the next one at or after `i`.
    let mut i = 0;
    while let Some(c) = next_at_or_after(&classes.counts, &mut cursor, i) {
        i = c;
        let number = match partitive_at(words, i) {
            Some((v, next)) => Some((v, next, false)),
            None if words[i] == "a" => None,
            None => number_at(tokens, i),
        };
        // Without a number here the token is passed over, as it is after an
        // ordinal or a calibre: those are asked only after a number.
        let Some((count, mut next, vague)) = number else {
            i += 1;
            continue;
        };
        // "the 4th Brigade", "5th Fleet": an ordinal is no count.
        let ordinal = tokens.get(i + 1).is_some_and(|n| {
            tokens[i].kind == TokenKind::Number
                && n.start == tokens[i].end
                && SHIPMENTS
                    .ordinal_suffixes
                    .iter()
                    .any(|s| s == n.lower.as_ref())
        });
        if ordinal || calibre_at(tokens, i).is_some() {
            i += 1;
            continue;
        }
        let start_tok = i;
        // Dates and years are not counts.
        let prev = if i > 0 { words[i - 1] } else { "" };
        let is_year = tokens[i].kind == TokenKind::Number
            && !tokens[i].text.contains(',')
            && (1900..=2100).contains(&count);
        if is_month(prev) || after_month_abbreviation(tokens, words, i) || is_year && next == i + 1
        {
            i += 1;
            continue;
        }
        let mut count_max = None;
        if let Some(j) = p.range_joiners.match_at_in(tokens, words, next)
            && let Some((hi, after, _)) = tokens
                .get(next + j)
                .and_then(|_| number_at(tokens, next + j))
            && hi > count
        {
            count_max = Some(hi);
            next = after;
        }
        let lead = &words[start_tok.saturating_sub(3)..start_tok];
        let approximate = vague
            || (0..lead.len()).any(|k| {
                p.approximate
                    .match_at(lead, k)
                    .is_some_and(|n| k + n == lead.len())
            });
        let unit = find_unit(tokens, words, mentions, next)
            .or_else(|| model_plural(tokens, words, mentions, start_tok, next));
        let (unit, category, origin, end_tok, elided) = match unit {
            Some((unit, category, origin, end)) => (unit, category, origin, end, false),
            None => {
                let cue = (start_tok.saturating_sub(3)..start_tok)
                    .any(|k| p.elided_unit_cues.has(words[k]))
                    || words.get(next).is_some_and(|w| *w == "more");
                match (&state.last_unit, cue && !vague) {
                    (Some((u, c)), true) => (u.clone(), *c, None, next, true),
                    _ => {
                        i = next.max(i + 1);
                        continue;
                    }
                }
            }
        };
        let blocked = rejected(tokens, words, start_tok, end_tok);
        let quantity = Quantity {
            tok: start_tok..end_tok,
            start: tokens[start_tok].start,
            end: tokens[end_tok - 1].end,
            // "thousands of" is vague, not 1,000.
            count: (!vague).then_some(count),
            count_max,
            approximate,
            unit,
            category,
            origin,
            elided,
            vague,
            blocked,
        };
        if blocked {
            if !elided {
                blockers.push(quantity);
            }
        } else {
            if !elided {
                state.last_unit = Some((quantity.unit.clone(), category));
            }
            out.push(quantity);
        }
        i = end_tok.max(i + 1);
    }
    bare_shipments(tokens, words, classes, mentions, &mut out);
    movements(tokens, words, classes, &mut out);
    anaphors(tokens, words, classes, &mut out, state);
    let mut counted: Vec<Quantity> = out
        .iter()
        .filter(|q| !q.vague)
        .cloned()
        .chain(blockers)
        .collect();
    counted.sort_by_key(|q| q.tok.start);
    state.recent.extend(counted);
    let excess = state.recent.len().saturating_sub(RECENT_KEPT);
    state.recent.drain(..excess);
    out
}

/// How many earlier contingents a bare "the troops" may point back to.
const RECENT_KEPT: usize = 8;

/// "the engineers", "the reinforcements", "the workers": a definite plural
/// naming a contingent counted earlier in the document (same unit head, or any
/// personnel for "reinforcements" / "contingent") is that contingent again.
fn anaphors(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    out: &mut Vec<Quantity>,
    state: &DocState,
) {
    let p = &*PATTERNS;
    // Each starts at "the" and points back to a contingent counted before.
    if !classes.any(Classes::THE) || state.recent.is_empty() {
        return;
    }
    for i in classes.positions(Classes::THE) {
        if i + 1 >= tokens.len() || out.iter().any(|q| q.tok.contains(&i)) {
            continue;
        }
        // "the North Korean engineers": one modifier may stand between.
        let head = (i + 1..(i + 3).min(tokens.len())).find(|&k| {
            p.personnel_units.has_at(tokens, k)
                || p.materiel_units.has_at(tokens, k)
                || p.anaphoric_heads.has_at(tokens, k)
        });
        let Some(h) = head else { continue };
        if words[h + 1..].first().is_some_and(|w| *w == "of") {
            continue; // "the troops of the 11th corps" names its own group
        }
        let generic = p.anaphoric_heads.has_at(tokens, h);
        let earlier = state.recent.iter().rev().find(|q| {
            if generic {
                q.category == Category::Personnel
            } else {
                q.unit.rsplit(' ').next() == Some(words[h])
            }
        });
        if let Some(q) = earlier {
            // The last "soldiers" counted were the dead: "the soldiers" are them.
            if q.blocked || rejected(tokens, words, i, h + 1) {
                continue;
            }
            out.push(Quantity {
                tok: i..h + 1,
                start: tokens[i].start,
                end: tokens[h].end,
                elided: true,
                ..q.clone()
            });
        }
    }
}

type UnitFound = (String, Category, Option<crate::graph::NodeId>, usize);

/// The unit after a number: modifiers then a unit head, possibly coordinated.
fn find_unit(
    tokens: &[Token],
    words: &[&str],
    mentions: &[Mention],
    from: usize,
) -> Option<UnitFound> {
    let p = &*PATTERNS;
    let max = p.file.quantity.unit_modifiers_max;
    let mut origin = None;
    let mut first_word = None;
    let mut j = from;
    let mut skipped = 0;
    while j < tokens.len() && skipped <= max {
        let t = &tokens[j];
        // "35 tonnes of equipment", "70 tonnes of ammonium perchlorate": cargo by mass.
        if j == from
            && SHIPMENTS.mass.has_at(tokens, j)
            && words.get(j + 1) == Some(&"of")
            && let Some(end) = cargo_end(tokens, words, j + 2)
        {
            return Some((words[j..end].join(" "), Category::Materiel, origin, end));
        }
        // "15,000 155mm rounds", "21 .50-caliber machine guns": a calibre is no count.
        if let Some(n) = calibre_at(tokens, j) {
            j += n;
            continue;
        }
        // "12 Su-24", "20 TB2s", "four HIMARS": a model names the materiel, unless
        // a unit noun follows it ("S-400 missile systems").
        if t.kind == TokenKind::Word
            && (is_designator(t.text) || is_acronym(t.text))
            && !super::covered(mentions, j)
            && !unit_follows(tokens, words, j + 1, max)
        {
            let s = first_word.unwrap_or(j);
            return Some((words[s..=j].join(" "), Category::Materiel, origin, j + 1));
        }
        if p.not_deployment_cues.has_at(tokens, j) || p.casualty_cues.has_at(tokens, j) {
            return None;
        }
        // "the two discussed training for officers": a preposition (but "of",
        // "1,500 of its fighters") ends the phrase a unit could head.
        if words[j] != "of" && crate::relations::context::PREPOSITIONS.contains(&words[j]) {
            return None;
        }
        let head = p
            .personnel_units
            .match_at_in(tokens, words, j)
            .map(|n| (n, Category::Personnel))
            .or_else(|| {
                p.materiel_units
                    .match_at_in(tokens, words, j)
                    .map(|n| (n, Category::Materiel))
            });
        // "17 Squadron": a formation named by its number, no count.
        if j == from && t.is_capitalized() && SHIPMENTS.formations.has_at(tokens, j) {
            return None;
        }
        if let Some((n, mut category)) = head {
            let mut end = j + n;
            // "artillery shells": a unit word before another is its modifier.
            while let Some((m, c)) = p
                .personnel_units
                .match_at_in(tokens, words, end)
                .map(|m| (m, Category::Personnel))
                .or_else(|| {
                    p.materiel_units
                        .match_at_in(tokens, words, end)
                        .map(|m| (m, Category::Materiel))
                })
            {
                end += m;
                category = c;
            }
            // "nine joint bomber patrols", "200 drone flights": the unit
            // word only qualifies what is counted.
            if p.not_deployment_cues.has_at(tokens, end) {
                return None;
            }
            // "artillery shells and rockets", "engineers and construction
            // troops": units of one category ("1,500 troops and Iskander
            // missile systems" are two things, counted and not).
            if words.get(end) == Some(&"and") {
                for (k, t) in tokens.iter().enumerate().take(end + 4).skip(end + 1) {
                    if t.kind == TokenKind::Number {
                        break;
                    }
                    let units = match category {
                        Category::Personnel => &p.personnel_units,
                        Category::Materiel => &p.materiel_units,
                    };
                    if let Some(m) = units.match_at_in(tokens, words, k) {
                        end = k + m;
                        break;
                    }
                }
            }
            let s = first_word.unwrap_or(j);
            // One spelling per unit, so "laborers" and "labourers" are one contingent.
            let unit = (s..end)
                .filter(|&k| tokens[k].kind == TokenKind::Word || model_number(tokens, k))
                .map(|k| &tokens[k])
                .map(|t| {
                    let w = t.lower.as_ref();
                    p.file
                        .quantity
                        .spellings
                        .iter()
                        .find(|(from, _)| from == w)
                        .map_or(w, |(_, to)| to.as_str())
                })
                .collect::<Vec<_>>()
                .join(" ");
            return Some((unit, category, origin, end));
        }
        if let Some(m) = mentions
            .iter()
            .find(|m| m.tok.start == j && m.form == MentionForm::Demonym)
        {
            origin = Some(m.id.clone());
            j = m.tok.end;
            continue;
        }
        match t.kind {
            TokenKind::Word => {
                if matches!(
                    words[j],
                    "of" | "the"
                        | "a"
                        | "more"
                        | "additional"
                        | "new"
                        | "other"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                ) {
                    // "thousands of troops", "5,000 more troops", "1,500 of its
                    // fighters": not part of the unit.
                } else if first_word.is_none() {
                    first_word = Some(j);
                }
                skipped += 1;
            }
            TokenKind::Punct if matches!(t.text, "\"" | "“" | "”" | "'" | "‘" | "’") => {}
            // "20 Leopard 2 tanks", "three Type 212 submarines": the model's number.
            TokenKind::Number if j > from && model_number(tokens, j) => skipped += 1,
            _ => return None,
        }
        j += 1;
    }
    None
}

/// True when a unit noun starts at `from` or after at most `max` more
/// words ("S-400 missile systems", "FK-3 air defence systems"): the model
/// before them then only qualifies the unit. A preposition, a conjunction
/// or anything but a word ends the phrase ("20 TB2s to Mali", "HIMARS and
/// 30 trucks").
fn unit_follows(tokens: &[Token], words: &[&str], from: usize, max: usize) -> bool {
    let p = &*PATTERNS;
    for k in from..tokens.len().min(from + max + 1) {
        if p.materiel_units.has_at(tokens, k) || p.personnel_units.has_at(tokens, k) {
            return true;
        }
        let t = &tokens[k];
        if t.kind != TokenKind::Word
            || matches!(words[k], "and" | "or")
            || crate::relations::context::PREPOSITIONS.contains(&words[k])
        {
            return false;
        }
    }
    false
}

/// "delivered four Black Hawks", "lent Sudan eight Mohajers", "bought 44
/// Leopards from": a model named in the plural (one or two capitalised words,
/// the last a plural) right after the count of a sending or receiving verb's
/// object is the materiel counted. Only in that frame: "12 Americans" or
/// "two Koreas" elsewhere are no shipment.
fn model_plural(
    tokens: &[Token],
    words: &[&str],
    mentions: &[Mention],
    number: usize,
    next: usize,
) -> Option<UnitFound> {
    let p = &*PATTERNS;
    let sh = &*SHIPMENTS;
    let name = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.is_capitalized()
                && !super::covered(mentions, k)
                && !p.not_names.has_token(t)
        })
    };
    let len = (1..=2).take_while(|&n| name(next + n - 1)).last()?;
    let end = next + len;
    let last = tokens[end - 1].text;
    let plural = last.len() >= 4
        && last.ends_with('s')
        && !last.ends_with("ss")
        && last.bytes().any(|b| b.is_ascii_lowercase());
    // The name ends the noun phrase: no capitalised word, unit or number follows.
    let closed = tokens.get(end).is_none_or(|t| {
        !(t.kind == TokenKind::Number
            || t.kind == TokenKind::Word && t.is_capitalized()
            || p.materiel_units.has_token(t)
            || p.personnel_units.has_token(t))
    });
    if !plural || !closed {
        return None;
    }
    // The verb stands right before the count, or before its indirect object
    // ("lent Poland eight Apaches") and an approximation ("sent about 20").
    let mut k = number;
    while k > 0 && (p.approximate.has_token(&tokens[k - 1]) || words[k - 1] == "another") {
        k -= 1;
    }
    if let Some(m) = mentions.iter().find(|m| m.tok.end == k && m.is_actor()) {
        k = m.tok.start;
    }
    let verb = k > 0
        && [&p.sent_verbs, &sh.send_cues, &sh.receive_verbs]
            .iter()
            .any(|set| set.has_at(tokens, k - 1));
    verb.then(|| (words[next..end].join(" "), Category::Materiel, None, end))
}

/// True when the number at `k` is part of a model's name, written after its
/// capitalised word ("Leopard 2", "Type 212"), not a count.
fn model_number(tokens: &[Token], k: usize) -> bool {
    k > 0
        && tokens[k].kind == TokenKind::Number
        && tokens[k - 1].kind == TokenKind::Word
        && tokens[k - 1].is_capitalized()
        && tokens[k - 1].end < tokens[k].start
}

/// Tokens of a calibre at `j`: one ("155mm") or a number and its suffix
/// written together ("152" "mm").
fn calibre_at(tokens: &[Token], j: usize) -> Option<usize> {
    let t = tokens.get(j)?;
    if is_calibre(t.text) {
        return Some(1);
    }
    let n = tokens.get(j + 1)?;
    (t.kind == TokenKind::Number && n.start == t.end && is_calibre_joined(t.text, n.text))
        .then_some(2)
}

/// [`is_calibre`] of `a` and `b` written together, joined on the stack
/// (asked after most numbers, as "3,000" before its comma).
fn is_calibre_joined(a: &str, b: &str) -> bool {
    let mut buf = [0u8; 64];
    let len = a.len() + b.len();
    if len > buf.len() {
        return is_calibre(&format!("{a}{b}"));
    }
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()..len].copy_from_slice(b.as_bytes());
    // Two strings joined are one string.
    std::str::from_utf8(&buf[..len]).is_ok_and(is_calibre)
}

/// The end of the cargo named after "tonnes of": a materiel unit, or up to
/// three lower-case words ("ammonium perchlorate", "urea fertiliser").
fn cargo_end(tokens: &[Token], words: &[&str], from: usize) -> Option<usize> {
    let p = &*PATTERNS;
    let mut j = from;
    while j < tokens.len() && j < from + 3 {
        if let Some(n) = p.materiel_units.match_at_in(tokens, words, j) {
            return Some(j + n);
        }
        let t = &tokens[j];
        if t.kind != TokenKind::Word
            || t.is_capitalized()
            || matches!(
                words[j],
                "and" | "or" | "to" | "from" | "for" | "in" | "of" | "on" | "at" | "by"
            )
        {
            break;
        }
        j += 1;
    }
    (j > from).then_some(j)
}

/// The words that stand between a verb and the shipment it names
/// ("delivered the new S-400 system", "supplied its combat drones").
const DETERMINERS: [&str; 14] = [
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "some",
    "several",
    "additional",
    "more",
    "new",
    "other",
    "further",
];

/// Shipments named without a number in a sending frame: the object of a
/// send verb or noun ("has supplied combat drones", "started delivery of
/// the S-400 system", "receive Patriot batteries"), or the subject of a
/// send or arrival verb ("Turkish military drones were sent to",
/// "Tu-160 bombers landed in"). Count `None`. A shipment fired, downed or
/// made ("missiles fired at") is none.
fn bare_shipments(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    mentions: &[Mention],
    out: &mut Vec<Quantity>,
) {
    let p = &*PATTERNS;
    let sh = &*SHIPMENTS;
    let head_at = |k: usize| -> Option<(usize, Category)> {
        if let Some(n) = p.personnel_units.match_at_in(tokens, words, k) {
            return Some((n, Category::Personnel));
        }
        if let Some(n) = p.materiel_units.match_at_in(tokens, words, k) {
            return Some((n, Category::Materiel));
        }
        let t = &tokens[k];
        // (A designator starts with a capital: most tokens are ruled out by their shape bit.)
        (t.is_capitalized() && is_designator(t.text) && !super::covered(mentions, k))
            .then_some((1, Category::Materiel))
    };
    let send_ends_at = |k: usize| {
        p.sent_verbs.match_ending_in(tokens, words, k).is_some()
            || p.sent_nouns.match_ending_in(tokens, words, k).is_some()
            || sh.send_cues.match_ending_in(tokens, words, k).is_some()
            || sh.receive_verbs.match_ending_in(tokens, words, k).is_some()
    };
    // Every shipment found here is the object or subject of a cue of
    // sending, receiving or arriving: a sentence without one has none.
    if !classes.any(Classes::SEND) {
        // (The counts were found in order: `out` is sorted as below.)
        debug_assert!(out.is_sorted_by_key(|q| q.tok.start));
        return;
    }
    // A head is a unit cue or a designator (capitalised): any other token
    // is passed over with one test of its class.
    let heads = Classes::UNIT | Classes::CAP;
    // The first token not yet read: a shipment read to `end` is not read again from inside it.
    let mut next = 0;
    for k in classes.positions(heads) {
        if k < next {
            continue;
        }
        let Some((n, mut category)) = head_at(k) else {
            continue;
        };
        if out.iter().any(|q| q.tok.contains(&k)) {
            next = k + n;
            continue;
        }
        // The head and the unit nouns after it ("S-400 missile system").
        let mut end = k + n;
        while end < tokens.len()
            && let Some((m, c)) = head_at(end)
        {
            end += m;
            category = c;
        }
        // "a battalion of military police".
        if words.get(end) == Some(&"of")
            && end + 1 < tokens.len()
            && let Some((m, c)) = head_at(end + 1)
        {
            end += 1 + m;
            category = c;
        }
        // Modifiers before it: adjectives, names, models, a demonym.
        let mut start = k;
        let mut origin = None;
        while start > 0 && k - start < 4 {
            let j = start - 1;
            let t = &tokens[j];
            if let Some(m) = mentions.iter().find(|m| m.tok.end == j + 1) {
                // A demonym is the first modifier ("Turkish military drones").
                if m.form == MentionForm::Demonym {
                    origin = Some(m.id.clone());
                    start = m.tok.start;
                }
                break;
            }
            let plain = t.kind == TokenKind::Word
                && !DETERMINERS.contains(&words[j])
                && !send_ends_at(j)
                && !sh.list_cues.has_at(tokens, j)
                && !p.clause_breaks.has_at(tokens, j)
                && !matches!(
                    words[j],
                    "of" | "with"
                        | "to"
                        | "and"
                        | "or"
                        | "from"
                        | "by"
                        | "for"
                        | "in"
                        | "on"
                        | "at"
                        | "as"
                        | "that"
                        | "than"
                        | "between"
                        | "into"
                        | "has"
                        | "have"
                        | "had"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "be"
                        | "been"
                        | "will"
                        | "would"
                        | "also"
                );
            if !plain {
                break;
            }
            start = j;
        }
        // The slot: the object of a sending cue before it, or the subject of one after it.
        let mut b = start;
        while b > 0 && DETERMINERS.contains(&words[b - 1]) {
            b -= 1;
        }
        let object = b > 0
            && (send_ends_at(b - 1)
                // "delivery of the S-400 system"; "supplied Sudan's army with combat drones".
                || words[b - 1] == "of" && b > 1 && send_ends_at(b - 2)
                // "delivered another batch of TB2 UCAVs".
                || words[b - 1] == "of"
                    && b > 2
                    && SHIPMENTS.of_heads.has_at(tokens, b - 2)
                    && (b.saturating_sub(5)..b - 2).any(send_ends_at)
                // "announced a package of air-defence interceptors": a sending
                // noun that a verb of ordering or starting governs.
                || words[b - 1] == "of"
                    && b > 2
                    && sh.nominal_send.has_at(tokens, b - 2)
                    && nominal_head_before(tokens, words, b - 2)
                // "a package of interceptors and artillery rounds": an item
                // coordinated after an uncounted one a package noun holds.
                || matches!(words[b - 1], "and" | ",")
                    && out.iter().any(|q| {
                        q.tok.end == b - 1
                            && q.count.is_none()
                            && !q.vague
                            && q.tok.start >= 2
                            && words[q.tok.start - 1] == "of"
                            && sh.package_nouns.has_at(tokens, q.tok.start - 2)
                    })
                || words[b - 1] == "with" && b > 1 && (b.saturating_sub(6)..b - 1).any(send_ends_at)
                // "deployment to the region of squadrons": the destination first.
                || words[b - 1] == "of"
                    && (b.saturating_sub(6)..b - 1)
                        .any(|j| j > 0 && words[j] == "to" && send_ends_at(j - 1))
                // "rushing more muscle, including B-52 bombers, to": a listed item
                // of an uncounted object (under a counted one it is a part of it).
                || sh.list_cues.has_at(tokens, b - 1)
                    && (b.saturating_sub(8)..b - 1).any(|j| {
                        send_ends_at(j) && !out.iter().any(|q| q.tok.start > j && q.tok.end < b)
                    }));
        let mut a = end;
        while a < tokens.len()
            && a < end + 3
            && matches!(
                words[a],
                "was"
                    | "were"
                    | "have"
                    | "has"
                    | "had"
                    | "been"
                    | "being"
                    | "are"
                    | "is"
                    | "also"
                    | "already"
                    | "reportedly"
                    | "apparently"
                    | "allegedly"
                    | "then"
            )
        {
            a += 1;
        }
        let subject = a < tokens.len()
            && (p.sent_verbs.match_at_in(tokens, words, a).is_some()
                || sh.send_cues.match_at_in(tokens, words, a).is_some()
                || sh.arrival_verbs.match_at_in(tokens, words, a).is_some()
                    && arrives_at_place(tokens, words, a + 1));
        let fired = (end..(end + 4).min(tokens.len()))
            .any(|j| sh.not_sent.match_at_in(tokens, words, j).is_some());
        if (object || subject) && !fired && !rejected(tokens, words, start, end) {
            let unit = tokens[start..end]
                .iter()
                .enumerate()
                .filter(|(o, t)| {
                    t.kind == TokenKind::Word
                        && !mentions
                            .iter()
                            .any(|m| m.tok.contains(&(start + o)) && m.form == MentionForm::Demonym)
                })
                .map(|(o, _)| words[start + o])
                .collect::<Vec<_>>()
                .join(" ");
            // "donated a drone": the article counts one piece of materiel.
            let single = category == Category::Materiel
                && b < start
                && matches!(words[b], "a" | "an")
                && !words[start..end].contains(&"of")
                // "a long-range missiles" (a slip) is no count.
                && (!words[end - 1].ends_with('s') || words[end - 1].ends_with("ss"));
            if !unit.is_empty() {
                out.push(Quantity {
                    tok: start..end,
                    start: tokens[start].start,
                    end: tokens[end - 1].end,
                    count: single.then_some(1),
                    count_max: None,
                    approximate: false,
                    unit,
                    category,
                    origin,
                    elided: false,
                    vague: false,
                    blocked: false,
                });
            }
        }
        next = end;
    }
    out.sort_by_key(|q| q.tok.start);
}

/// True when a verb of ordering or starting stands before the sending noun
/// at `k`, over determiners ("announced a new package").
fn nominal_head_before(tokens: &[Token], words: &[&str], k: usize) -> bool {
    let mut b = k;
    while b > 0 && (DETERMINERS.contains(&words[b - 1]) || words[b - 1] == "new") {
        b -= 1;
    }
    b > 0 && SHIPMENTS.nominal_send_heads.has_at(tokens, b - 1)
}

/// "flights from the UAE to bases in Chad", "cargo flights originating from
/// X into P": a movement with an origin right after it and a destination
/// later in the clause carries an (uncounted) shipment. "49 flights" alone,
/// "flights to Moscow were cancelled" are none.
fn movements(tokens: &[Token], words: &[&str], classes: &Classes, out: &mut Vec<Quantity>) {
    let sh = &*SHIPMENTS;
    if !classes.any(Classes::MOVEMENT) {
        return;
    }
    let mut next = 0;
    for k in classes.positions(Classes::MOVEMENT) {
        if k < next {
            continue;
        }
        let Some(n) = sh.movement_heads.match_at_in(tokens, words, k) else {
            continue;
        };
        let end = k + n;
        let origin = (end..(end + 2).min(tokens.len()))
            .find_map(|j| sh.origin.match_at_in(tokens, words, j).map(|m| j + m));
        let destination = origin.and_then(|o| {
            (o + 1..(o + 8).min(tokens.len())).find(|&j| {
                matches!(words[j], "to" | "into")
                    || sh.destination.match_at_in(tokens, words, j).is_some()
            })
        });
        let counted = k > 0 && tokens[k - 1].kind == TokenKind::Number;
        if destination.is_some()
            && !counted
            && !out.iter().any(|q| q.tok.start < end && k < q.tok.end)
        {
            out.push(Quantity {
                tok: k..end,
                start: tokens[k].start,
                end: tokens[end - 1].end,
                count: None,
                count_max: None,
                approximate: false,
                unit: words[k..end].join(" "),
                category: Category::Materiel,
                origin: None,
                elided: false,
                vague: false,
                blocked: false,
            });
        }
        next = end;
    }
    out.sort_by_key(|q| q.tok.start);
}

/// "landed in Caracas", "arrived at the base": an arrival names a place (not "arrived in June").
fn arrives_at_place(tokens: &[Token], words: &[&str], k: usize) -> bool {
    matches!(words.get(k), Some(&("in" | "at" | "to")))
        && (k + 1..(k + 4).min(tokens.len()))
            .find(|&j| !DETERMINERS.contains(&words[j]))
            .is_some_and(|j| tokens[j].is_capitalized() && !is_month(words[j]))
}

/// True when the words around a quantity make it casualties, money or a rate.
fn rejected(tokens: &[Token], words: &[&str], start: usize, end: usize) -> bool {
    let p = &*PATTERNS;
    // "hundreds of missiles fired at Israel", "drones shot down": no shipment.
    if (end..(end + 4).min(words.len()))
        .any(|k| SHIPMENTS.not_sent.match_at_in(tokens, words, k).is_some())
    {
        return true;
    }
    // ("shipments of 300 drones": the cue's "of" names what was shipped.)
    if (start.saturating_sub(2)..start).any(|k| {
        p.not_deployment_cues.has_at(tokens, k)
            && !(words.get(k + 1) == Some(&"of") && SHIPMENTS.of_heads.has_at(tokens, k))
            || p.casualty_cues.has_at(tokens, k)
    }) {
        return true;
    }
    // "the plant turned out about 2,700 drones", "would need another 30,000":
    // production and hypotheticals a few words before are no contingent.
    let lead = start.saturating_sub(4);
    if (lead..start).any(|k| {
        p.not_deployment_cues
            .match_at_in(tokens, words, k)
            .is_some_and(|n| {
                n > 1
                    || matches!(
                        words[k],
                        "produced" | "produces" | "produce" | "manufactured" | "assembled"
                    )
            })
    }) || (lead..start).any(|k| matches!(words[k], "could" | "might" | "need" | "needs"))
    {
        return true;
    }
    let reach = (end + CASUALTY_REACH).min(words.len());
    for k in end..reach {
        if matches!(words[k], ";" | "." | "while" | "but" | "and") && k > end {
            break;
        }
        if p.casualty_cues.match_at_in(tokens, words, k).is_some() {
            return true;
        }
    }
    // "2,000 troops a month", "10,000 troops took part"; but "sent 400
    // troops to take part", "5,000 workers to produce shells": after an
    // infinitive's "to" the cue is what the contingent is for.
    let rate_reach = (end + 3).min(words.len());
    (end..rate_reach).any(|k| {
        p.not_deployment_cues
            .match_at_in(tokens, words, k)
            .is_some()
            && !(k > end && words[k - 1] == "to")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_lexicon;
    use crate::text::tokenize;

    fn quantities(text: &str) -> Vec<(u64, Option<u64>, bool, String)> {
        let lex = load_lexicon(&[]).unwrap();
        let tokens = tokenize(text, 0);
        let mut state = DocState::default();
        let mentions = crate::mentions::lexical::lexicon_mentions(text, 0, &tokens, &lex, &state);
        find_quantities(&tokens, &mentions, &mut state)
            .into_iter()
            .map(|q| (q.count.unwrap_or(0), q.count_max, q.approximate, q.unit))
            .collect()
    }

    #[test]
    fn a_model_before_modifiers_and_a_unit_qualifies_the_unit() {
        let got = quantities("Beijing delivered six HQ-9 air defence systems to Dhaka.");
        assert_eq!(
            got,
            [(6, None, false, "hq-9 air defence systems".to_string())]
        );
        // The model alone is the unit when a preposition follows it.
        let got = quantities("Ankara sold 20 TB2s to Bamako last year.");
        assert_eq!(got, [(20, None, false, "tb2s".to_string())]);
    }

    #[test]
    fn a_models_number_is_part_of_its_name_not_the_count() {
        let got = quantities("Berlin sent 20 Leopard 2 tanks to Vilnius.");
        assert_eq!(got, [(20, None, false, "leopard 2 tanks".to_string())]);
        let got = quantities("The navy bought three Type 212 submarines.");
        assert_eq!(got, [(3, None, false, "type 212 submarines".to_string())]);
        // A number after a name that no count precedes is still a count.
        let got = quantities("On Friday 12 jets landed.");
        assert_eq!(got, [(12, None, false, "jets".to_string())]);
    }

    #[test]
    fn a_possessive_before_the_unit_is_not_part_of_it() {
        let got = quantities("About 1,500 of its fighters had been deployed there.");
        assert_eq!(got, [(1500, None, true, "fighters".to_string())]);
        let got = quantities("Some 300 of their instructors stayed.");
        assert_eq!(got, [(300, None, true, "instructors".to_string())]);
    }

    #[test]
    fn a_calibre_joined_on_the_stack_is_the_calibre_written_together() {
        for (a, b) in [
            ("152", "mm"),
            ("155", "MM"),
            (".50", "-caliber"),
            ("3,000", ","),
            ("12", "jets"),
        ] {
            assert_eq!(
                is_calibre_joined(a, b),
                is_calibre(&format!("{a}{b}")),
                "{a}{b}"
            );
        }
        assert!(is_calibre_joined("152", "mm"));
        assert!(!is_calibre_joined("3,000", ","));
        // Longer than the stack buffer: joined on the heap, same answer.
        let long = "1".repeat(70);
        assert!(is_calibre_joined(&long, "mm"));
        assert!(!is_calibre_joined(&long, "xx"));
    }

    #[test]
    fn a_count_starts_only_where_the_class_says() {
        for (text, starts) in [
            ("sent 3,000 troops", true),
            ("sent four tanks", true),
            ("sent ninety-three tanks", true),
            ("sent thousands of troops", true),
            ("sent a pair of jets", true),
            ("sent tanks", false),
            ("sent well-armed troops", false),
        ] {
            let tokens = tokenize(text, 0);
            assert_eq!(CountStarts::get().may_start(&tokens[1]), starts, "{text}");
            let c = Classes::of_tokens(&tokens);
            assert_eq!(c.counts.contains(&1), starts, "{text}");
        }
    }

    #[test]
    fn the_number_word_filter_lets_every_number_word_through() {
        let n = CountStarts::get();
        for (w, _) in &PATTERNS.file.quantity.number_words {
            assert!(n.may_be_number_word(w), "{w}");
        }
        // Most words are turned away by the filter alone.
        let turned = ["the", "that", "said", "troops", "minister", "and", "in"]
            .iter()
            .filter(|w| !n.may_be_number_word(w))
            .count();
        assert!(turned >= 5, "{turned}");
        for t in tokenize("the six sixty thousands tens sixes ninety-three Six", 0) {
            let listed = number_word_in(n.0, &t.lower).is_some();
            assert_eq!(
                n.is_number_word(&t),
                listed || compound_word(&t.lower).is_some(),
                "{}",
                t.text
            );
        }
    }

    #[test]
    fn counts_ranges_and_units() {
        assert_eq!(
            quantities("around 5,000 North Korean construction troops"),
            [(5000, None, true, "construction troops".to_string())]
        );
        assert_eq!(
            quantities("sent between 10,000 to 12,000 troops"),
            [(10000, Some(12000), false, "troops".to_string())]
        );
        assert_eq!(
            quantities("about 9 million artillery shells and rockets"),
            [(
                9_000_000,
                None,
                true,
                "artillery shells and rockets".to_string()
            )]
        );
        assert_eq!(
            quantities("thousands of construction workers"),
            [(0, None, true, "construction workers".to_string())]
        );
        assert_eq!(
            quantities("5,000 “military construction workers”"),
            [(
                5000,
                None,
                false,
                "military construction workers".to_string()
            )]
        );
    }

    #[test]
    fn definite_plural_points_back_to_the_contingent() {
        let lex = load_lexicon(&[]).unwrap();
        let mut state = DocState::default();
        for (text, want) in [
            ("North Korea sent 400 military engineers to Belgorod.", 1),
            ("The engineers crossed into Russia by train.", 1),
            ("The reinforcements arrived in June.", 1),
            ("The tanks arrived in June.", 0),
            ("At least 300 North Korean engineers were killed.", 0),
            ("The engineers had been ordered to fight.", 0),
        ] {
            let tokens = tokenize(text, 0);
            let mentions =
                crate::mentions::lexical::lexicon_mentions(text, 0, &tokens, &lex, &state);
            let q = find_quantities(&tokens, &mentions, &mut state);
            assert_eq!(q.len(), want, "{text}");
            assert!(q.iter().all(|q| q.count == Some(400)), "{text}");
        }
    }

    #[test]
    fn unit_spellings_are_one() {
        assert_eq!(quantities("40,000 laborers")[0].3, "labourers");
        assert_eq!(quantities("40,000 labourers")[0].3, "labourers");
    }

    #[test]
    fn elided_unit_is_carried_over() {
        let q = quantities(
            "10,900 combat troops late last year and an additional 3,000 between January and March",
        );
        assert_eq!(q[1], (3000, None, false, "combat troops".to_string()));
    }

    #[test]
    fn casualty_count_is_not_a_deployment() {
        assert!(quantities("At least 600 North Korean soldiers have died in the war").is_empty());
        assert!(quantities("14 people were killed and 44 injured").is_empty());
    }

    #[test]
    fn production_and_hypotheticals_are_not_deployments() {
        assert!(quantities("the plant turned out about 2,700 drones in four months").is_empty());
        assert!(
            quantities("Moscow would need another 30,000 soldiers to hold the line").is_empty()
        );
        assert!(quantities("a contract target of 6,000 drones").is_empty());
        assert_eq!(
            quantities("Iran shipped roughly 1,000 drone kits to Alabuga").len(),
            1
        );
    }

    #[test]
    fn money_rates_and_events_are_not_deployments() {
        assert!(quantities("workers typically earn about $800 per month").is_empty());
        assert!(quantities("drone production from 2,000 to 5,000 drones a month").is_empty());
        assert!(quantities("in 49 separate shipments").is_empty());
        assert!(quantities("Kim's 2019 summit and Article 4 on June 17").is_empty());
        // What a unit word qualifies is what is counted.
        assert!(
            quantities("The two air forces have flown nine joint bomber patrols since 2019.")
                .is_empty()
        );
        assert!(quantities("It ran 200 drone flights over the strait.").is_empty());
        // A formation named by its number.
        assert!(quantities("The jets joined the air force's 17 Squadron at Ambala.").is_empty());
        assert_eq!(quantities("Chile sent 17 squadrons to Peru.").len(), 1);
        // A preposition ends the phrase a unit could head.
        assert!(quantities("The two discussed training for Chilean officers.").is_empty());
        assert!(quantities("The three met in Lima with army officers.").is_empty());
        // A day after a month cut short with its dot.
        assert!(quantities("a Jan. 9 satellite image of the drone at the base").is_empty());
        assert!(quantities("photos taken on Sept. 30 aircraft carriers").is_empty());
    }

    #[test]
    fn number_words_partitives_and_calibres() {
        assert_eq!(quantities("Four hundred and twenty-one soldiers")[0].0, 421);
        assert_eq!(quantities("a pair of strategic bombers")[0].0, 2);
        assert_eq!(
            quantities("8,000 152mm shells"),
            [(8000, None, false, "shells".to_string())]
        );
        let q = quantities("10 Su-27 and 10 MiG-31");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].3, "mig-31");
        assert_eq!(quantities("the 3rd Brigade")[..], []);
    }

    #[test]
    fn cargo_by_mass_is_materiel() {
        assert_eq!(
            quantities("delivered 40 tonnes of medical kit")[0].3,
            "tonnes of medical kit"
        );
    }

    #[test]
    fn vague_counts_have_no_number() {
        assert_eq!(quantities("sent hundreds of engineers")[0].0, 0);
    }

    #[test]
    fn fired_and_downed_are_no_shipments() {
        assert!(quantities("hundreds of rockets fired at Haifa").is_empty());
        assert!(quantities("40 drones were shot down over the city").is_empty());
    }

    #[test]
    fn shipments_without_a_number_in_a_sending_frame() {
        assert_eq!(
            quantities("Egypt has supplied Libya's army with armoured vehicles")[0].3,
            "armoured vehicles"
        );
        assert_eq!(
            quantities("Brazil has started delivery of the K-9 howitzer")[0].3,
            "k-9 howitzer"
        );
        assert!(quantities("Officials said the armoured vehicles were parked").is_empty());
        assert!(quantities("The tanks arrived in June").is_empty());
    }

    #[test]
    fn trucks_and_patrol_vessels_are_materiel() {
        let got = quantities("Madrid delivered 20 armoured trucks and 12 patrol vessels to Lima.");
        assert_eq!(
            got,
            [
                (20, None, false, "armoured trucks".to_string()),
                (12, None, false, "patrol vessels".to_string())
            ]
        );
    }

    #[test]
    fn a_model_in_the_plural_after_a_sending_verb_is_the_materiel() {
        let got = quantities("Canberra has delivered six Bushmasters to Kyiv.");
        assert_eq!(got, [(6, None, false, "bushmasters".to_string())]);
        let got = quantities("Madrid lent Chile eight Super Pumas last year.");
        assert_eq!(got, [(8, None, false, "super pumas".to_string())]);
        // Outside a sending frame, or before a unit noun, it is no model.
        assert!(quantities("He said 12 Americans were hurt.").is_empty());
        assert!(quantities("The navy saw two Pumas yesterday.").is_empty());
    }

    #[test]
    fn an_article_counts_one_piece_of_materiel() {
        let q = quantities("The firm had donated a drone to Chile");
        assert_eq!((q[0].0, q[0].3.as_str()), (1, "drone"));
        // A plural after the article (a slip) and a formation "of" stay uncounted.
        assert_eq!(
            quantities("Spain agreed to send a long-range missiles to Chile")[0].0,
            0
        );
    }
}
