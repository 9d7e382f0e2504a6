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

use super::{DocState, Mention, MentionForm, Quantity};
use crate::graph::Category;
use crate::lexicon::patterns::{CueSet, PATTERNS};
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
    number_word_in(&NUMBER_WORDS, word)
}

fn is_month(word: &str) -> bool {
    crate::corpus::meta::month_number(word).is_some() && word.len() >= 3
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
            if t.lower.ends_with('s') {
                tokens
                    .get(i + 1)
                    .filter(|n| n.lower == "of")
                    .map(|_| (v, i + 2, true))
            } else {
                let (v, next) = match tokens.get(i + 1).and_then(|n| multiplier(&n.lower)) {
                    Some(m) => (v * m, i + 2),
                    None => (v, i + 1),
                };
                Some((v, next, false))
            }
        }
        _ => None,
    }
}

/// Finds the quantities of a sentence.
pub fn find_quantities(
    tokens: &[Token],
    mentions: &[Mention],
    state: &mut DocState,
) -> Vec<Quantity> {
    let words: Vec<&str> = crate::text::lower_words(tokens);
    find_quantities_in(tokens, &words, mentions, state)
}

/// [`find_quantities`] with the tokens' lower-case forms already listed.
pub fn find_quantities_in(
    tokens: &[Token],
    words: &[&str],
    mentions: &[Mention],
    state: &mut DocState,
) -> Vec<Quantity> {
    let p = &*PATTERNS;
    let mut out: Vec<Quantity> = Vec::new();
    let mut blockers: Vec<Quantity> = Vec::new();
    let mut i = 0;
    let number_words = &*NUMBER_WORDS;
    while i < tokens.len() {
        // Most tokens start no number: decided here without the call.
        let t = &tokens[i];
        let may_start = match t.kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                t.lower == "tens" || number_word_in(number_words, &t.lower).is_some()
            }
            _ => false,
        };
        if !may_start {
            i += 1;
            continue;
        }
        let Some((count, mut next, vague)) = number_at(tokens, i) else {
            i += 1;
            continue;
        };
        let start_tok = i;
        // Dates and years are not counts.
        let prev = if i > 0 { words[i - 1] } else { "" };
        let is_year = tokens[i].kind == TokenKind::Number
            && !tokens[i].text.contains(',')
            && (1900..=2100).contains(&count);
        if is_month(prev) || is_year && next == i + 1 {
            i += 1;
            continue;
        }
        let mut count_max = None;
        if let Some(j) = p.range_joiners.match_at(words, next)
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
        let unit = find_unit(tokens, words, mentions, next);
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
            count,
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
    anaphors(tokens, words, &mut out, state);
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
fn anaphors(tokens: &[Token], words: &[&str], out: &mut Vec<Quantity>, state: &DocState) {
    let p = &*PATTERNS;
    for i in 0..tokens.len().saturating_sub(1) {
        if words[i] != "the" || out.iter().any(|q| q.tok.contains(&i)) {
            continue;
        }
        // "the North Korean engineers": one modifier may stand between.
        let head = (i + 1..(i + 3).min(tokens.len())).find(|&k| {
            has_at(&p.personnel_units, tokens, words, k)
                || has_at(&p.materiel_units, tokens, words, k)
                || has_at(&p.anaphoric_heads, tokens, words, k)
        });
        let Some(h) = head else { continue };
        if words[h + 1..].first().is_some_and(|w| *w == "of") {
            continue; // "the troops of the 11th corps" names its own group
        }
        let generic = p.anaphoric_heads.has(words[h]);
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
        if has_at(&p.not_deployment_cues, tokens, words, j)
            || has_at(&p.casualty_cues, tokens, words, j)
        {
            return None;
        }
        let head = match_at(&p.personnel_units, tokens, words, j)
            .map(|n| (n, Category::Personnel))
            .or_else(|| {
                match_at(&p.materiel_units, tokens, words, j).map(|n| (n, Category::Materiel))
            });
        if let Some((n, mut category)) = head {
            let mut end = j + n;
            // "artillery shells": a unit word before another is its modifier.
            while let Some((m, c)) = match_at(&p.personnel_units, tokens, words, end)
                .map(|m| (m, Category::Personnel))
                .or_else(|| {
                    match_at(&p.materiel_units, tokens, words, end).map(|m| (m, Category::Materiel))
                })
            {
                end += m;
                category = c;
            }
            // "artillery shells and rockets", "engineers and construction troops".
            if words.get(end) == Some(&"and") {
                for (k, t) in tokens.iter().enumerate().take(end + 4).skip(end + 1) {
                    if t.kind == TokenKind::Number {
                        break;
                    }
                    let more = match_at(&p.personnel_units, tokens, words, k)
                        .or_else(|| match_at(&p.materiel_units, tokens, words, k));
                    if let Some(m) = more {
                        end = k + m;
                        break;
                    }
                }
            }
            let s = first_word.unwrap_or(j);
            // One spelling per unit, so "laborers" and "labourers" are one contingent.
            let unit = tokens[s..end]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
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
                    "of" | "the" | "a" | "more" | "additional" | "new" | "other"
                ) {
                    // "thousands of troops", "5,000 more troops": not part of the unit.
                } else if first_word.is_none() {
                    first_word = Some(j);
                }
                skipped += 1;
            }
            TokenKind::Punct if matches!(t.text, "\"" | "“" | "”" | "'" | "‘" | "’") => {}
            _ => return None,
        }
        j += 1;
    }
    None
}

/// True when the words around a quantity make it casualties, money or a rate.
fn rejected(tokens: &[Token], words: &[&str], start: usize, end: usize) -> bool {
    let p = &*PATTERNS;
    if (start.saturating_sub(2)..start).any(|k| {
        has_at(&p.not_deployment_cues, tokens, words, k)
            || has_at(&p.casualty_cues, tokens, words, k)
    }) {
        return true;
    }
    // "the plant turned out about 2,700 drones", "would need another 30,000":
    // production and hypotheticals a few words before are no contingent.
    let lead = start.saturating_sub(4);
    if (lead..start).any(|k| {
        match_at(&p.not_deployment_cues, tokens, words, k).is_some_and(|n| {
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
        if match_at(&p.casualty_cues, tokens, words, k).is_some() {
            return true;
        }
    }
    let rate_reach = (end + 3).min(words.len());
    (end..rate_reach).any(|k| match_at(&p.not_deployment_cues, tokens, words, k).is_some())
}

/// `set.has(words[k])`, answered from token `k`'s cue bits when they rule it out.
#[inline]
fn has_at(set: &CueSet, tokens: &[Token], words: &[&str], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| set.may(t)) && set.has(words[k])
}

/// `set.match_at(words, k)`, answered from token `k`'s cue bits when they rule it out.
#[inline]
fn match_at(set: &CueSet, tokens: &[Token], words: &[&str], k: usize) -> Option<usize> {
    if tokens.get(k).is_some_and(|t| set.may(t)) {
        set.match_at(words, k)
    } else {
        None
    }
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
            .map(|q| (q.count, q.count_max, q.approximate, q.unit))
            .collect()
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
            [(1000, None, true, "construction workers".to_string())]
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
            assert!(q.iter().all(|q| q.count == 400), "{text}");
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
    }
}
