//! Names no lexicon lists.
//!
//! - A title or role before capitalised words makes a person, and the role is
//!   kept: "lawmaker Lee Seong-kweun", "Foreign Minister Choe Son Hui",
//!   "Security Council Secretary Sergei Shoigu" (a known name just gets the role).
//! - Capitalised words ending in an organisation head ("... Monitoring Team",
//!   "... News Agency") or opening with one ("Ministry of State Security")
//!   make an organisation; "(MSMT)" after it defines an abbreviation.
//! - Capitalised words before a place head ("Belgorod region") make a place,
//!   and so do two countries joined by a hyphen before "border".
//! - Two or three capitalised words followed by ", a ... <role>" or by a speech
//!   verb make a person ("Park Sun-won, a senior analyst", "Jane Roe said").
//! - A later surname, given name or abbreviation resolves to what it named.
//!
//! Look-alikes rejected: titles followed by "of" ("secretary of Russia's
//! Security Council"), words in `not_names` (months, "The", "Analysts").

use super::{DocState, Mention, MentionForm, covered};
use crate::graph::Kind;
use crate::graph::ids::node_id;
use crate::lexicon::gazetteer::GAZETTEER;
use crate::lexicon::names::NAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::lexicon::{Gender, Lexicon};
use crate::text::{Token, TokenKind};

/// Adds name mentions found by titles, head words, appositives and local names.
/// `words[k]` is `tokens[k].lower`.
pub fn name_mentions(
    tokens: &[Token],
    words: &[&str],
    lex: &Lexicon,
    state: &mut DocState,
    mentions: &mut Vec<Mention>,
) {
    let p = &*PATTERNS;
    government_office(tokens, words, mentions);
    let mut i = 0;
    while i < tokens.len() {
        if covered(mentions, i) {
            i += 1;
            continue;
        }
        // Title + name.
        // "General Political Bureau": a title word opening an organisation's name.
        let title = if p.titles.may(&tokens[i]) {
            p.titles.match_at(words, i)
        } else {
            None
        };
        // A run of titles is one role ("Press Secretary Maj. Gen. Pat Roe"), and
        // "of Defense for Policy" after it still belongs to the office.
        let title = title.map(|n| office_end(tokens, words, title_run(tokens, words, i + n)) - i);
        // "the frigate Admiral Gorshkov", "USS Abraham Lincoln": a ship, not a person.
        if tokens[i].is_capitalized() && is_ship_name(tokens, words, i) {
            i = cap_run(tokens, mentions, i);
            continue;
        }
        let org_name_follows = title.is_some_and(|n| {
            let run = name_run(tokens, mentions, i + n, 4);
            run > i + n && has_at(&p.org_heads, tokens, run)
        });
        if let Some(n) = title.filter(|_| !org_name_follows) {
            let after = i + n;
            // A run of titles ("Security Council Secretary") may follow capitalised org words.
            let role_start = role_start(tokens, mentions, i);
            let role = join(tokens, role_start, after).to_lowercase();
            if let Some(m) = mentions
                .iter_mut()
                .find(|m| m.tok.start == after && m.kind == Kind::Person)
            {
                m.role = Some(role);
                if m.gender.is_none() {
                    m.gender = title_gender(&words[i..after]);
                }
                i = after;
                continue;
            }
            let name_end = name_run(tokens, mentions, after, 4);
            // "Mr Lee": a surname this document already gave someone.
            if name_end == after + 1
                && let Some(Some((id, Kind::Person, label))) =
                    state.local_names.get(words[after]).cloned()
            {
                let gender = title_gender(&words[i..after]);
                let mut m = person(tokens, after, name_end, &label, Some(role), gender);
                m.id = id;
                m.surface = tokens[after].text.to_string();
                mentions.push(m);
                i = name_end;
                continue;
            }
            if name_end > after && words.get(after) != Some(&"of") {
                let label = join(tokens, after, name_end);
                let m = person(
                    tokens,
                    after,
                    name_end,
                    &label,
                    Some(role),
                    title_gender(&words[i..after]),
                );
                register_person(state, &m, tokens);
                mentions.push(m);
                i = name_end;
                continue;
            }
        }
        // A surname or abbreviation this document defined ("Pak and Rudenko agreed").
        let next_free_cap =
            || tokens.get(i + 1).is_some_and(|t| t.is_capitalized()) && !covered(mentions, i + 1);
        if tokens[i].is_capitalized()
            && !next_free_cap()
            && let Some(Some((id, kind, label))) = state.local_names.get(words[i]).cloned()
        {
            let gender = state
                .history
                .iter()
                .rev()
                .find(|h| h.id == id)
                .and_then(|h| h.gender);
            mentions.push(Mention {
                tok: i..i + 1,
                start: tokens[i].start,
                end: tokens[i].end,
                id,
                kind,
                label,
                surface: tokens[i].text.to_string(),
                form: MentionForm::Name,
                role: None,
                gender,
            });
            i += 1;
            continue;
        }
        if tokens[i].is_capitalized() && !(p.not_names.may(&tokens[i]) && p.not_names.has(words[i]))
            || tokens[i].is_capitalized()
                && p.org_openers.may(&tokens[i])
                && p.org_openers.has(words[i])
        {
            let end = cap_run(tokens, mentions, i);
            if let Some(m) = treaty(tokens, words, i, end) {
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = organization(tokens, words, mentions, lex, state, i, end) {
                let m_end = m.tok.end;
                register_abbreviation(tokens, &m, state, mentions);
                state.add_local_name(&m.label, &m.id, m.kind, &m.label.clone());
                // Also the name without its country ("Defence Ministry", "Africa Corps").
                let short = join(tokens, if words[i] == "the" { i + 1 } else { i }, m_end);
                state.add_local_name(&short, &m.id, m.kind, &m.label.clone());
                mentions.push(m);
                i = m_end;
                continue;
            }
            if let Some(m) = place(tokens, words, i, end) {
                // "Alabuga Special Economic Zone" ... "to Alabuga".
                if m.tok.end - m.tok.start > 1 {
                    state.add_local_name(tokens[i].text, &m.id, m.kind, &m.label.clone());
                }
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = gazetteer_place(tokens, words, state, i, end) {
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = appositive_person(tokens, words, i, end) {
                register_person(state, &m, tokens);
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = appositive_org(tokens, words, i, end)
                .or_else(|| introduced_org(tokens, words, i, end))
                .or_else(|| movement(tokens, words, lex, i, end))
            {
                state.add_local_name(&m.label, &m.id, m.kind, &m.label.clone());
                // "Houthi rebels" ... "the Houthis": both forms name the movement.
                if m.tok.len() == 1 {
                    let written = tokens[m.tok.start].text;
                    state.add_local_name(written, &m.id, m.kind, &m.label.clone());
                }
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            // A title may sit inside the run ("Natural Resources Minister Alexander Kozlov").
            i += 1;
            continue;
        }
        i += 1;
    }
    border_places(tokens, words, mentions);
}

/// End of a run of capitalised titles from `at` ("Maj. Gen." after "Press Secretary").
fn title_run(tokens: &[Token], words: &[&str], at: usize) -> usize {
    let p = &*PATTERNS;
    let mut j = at;
    while j < tokens.len() && tokens[j].is_capitalized() && p.titles.may(&tokens[j]) {
        match p.titles.match_at(words, j) {
            Some(n) => j += n,
            None => break,
        }
    }
    j
}

/// End of what an office is of or for, after its title: "of Defense for
/// Policy" in "Under Secretary of Defense for Policy Jane Roe". Each step is
/// a lower-case joiner and capitalised office domains; `at` when none follows.
fn office_end(tokens: &[Token], words: &[&str], at: usize) -> usize {
    let p = &*PATTERNS;
    let domains = &NAMES.office_domains;
    let mut j = at;
    while has_at(&p.name_joiners, tokens, j) && !tokens[j].is_capitalized() {
        let mut k = j + 1;
        while k < tokens.len() && tokens[k].is_capitalized() && domains.has(words[k]) {
            k += 1;
        }
        if k == j + 1 {
            break;
        }
        j = k;
    }
    j
}

/// True when the capitalised run at `i` names a ship: after a vessel noun
/// ("the frigate Admiral Gorshkov") or opening with a ship prefix ("USS ...").
fn is_ship_name(tokens: &[Token], words: &[&str], i: usize) -> bool {
    let n = &*NAMES;
    let prefixed = n.ship_prefixes.has(words[i])
        && tokens[i].text.chars().all(|c| c.is_uppercase())
        && tokens.get(i + 1).is_some_and(Token::is_capitalized);
    let after_vessel = i > 0
        && !tokens[i - 1].is_capitalized()
        && (n.vessel_nouns.has(words[i - 1])
            || i > 1 && n.vessel_nouns.match_at(words, i - 2) == Some(2));
    prefixed || after_vessel
}

/// Where a role begins: capitalised uncovered words right before the title
/// belong to it ("Security Council Secretary").
fn role_start(tokens: &[Token], mentions: &[Mention], title: usize) -> usize {
    let mut s = title;
    while s > 0
        && tokens[s - 1].is_capitalized()
        && !covered(mentions, s - 1)
        && !has_at(&PATTERNS.not_names, tokens, s - 1)
    {
        s -= 1;
    }
    s
}

/// `set.has(tokens[k].lower)`, answered from the token's cue bits when they rule it out.
#[inline]
fn has_at(set: &CueSet, tokens: &[Token], k: usize) -> bool {
    tokens
        .get(k)
        .is_some_and(|t| set.may(t) && set.has(&t.lower))
}

fn title_gender(words: &[&str]) -> Option<Gender> {
    let p = &*PATTERNS;
    if words.iter().any(|w| p.female_titles.has(w)) {
        Some(Gender::Female)
    } else if words.iter().any(|w| p.male_titles.has(w)) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// End of a run of up to `max` capitalised, uncovered name words from `i`.
fn name_run(tokens: &[Token], mentions: &[Mention], i: usize, max: usize) -> usize {
    let p = &*PATTERNS;
    let mut j = i;
    while j < tokens.len() && j - i < max {
        let t = &tokens[j];
        if !t.is_capitalized()
            || covered(mentions, j)
            || has_at(&p.not_names, tokens, j)
            || has_at(&p.titles, tokens, j)
            || has_at(&p.org_heads, tokens, j)
        {
            break;
        }
        j += 1;
    }
    j
}

/// End of a run of capitalised words (joined by "of", "for", "and", "the").
fn cap_run(tokens: &[Token], mentions: &[Mention], i: usize) -> usize {
    let p = &*PATTERNS;
    let mut j = i + 1;
    loop {
        if j < tokens.len() && tokens[j].is_capitalized() && !covered(mentions, j) {
            j += 1;
        } else if j + 1 < tokens.len()
            && has_at(&p.name_joiners, tokens, j)
            && !tokens[j].is_capitalized()
            && tokens[j + 1].is_capitalized()
            && !covered(mentions, j + 1)
        {
            j += 2;
        } else {
            return j;
        }
    }
}

fn join(tokens: &[Token], s: usize, e: usize) -> String {
    let mut out = String::new();
    for (k, t) in tokens[s..e].iter().enumerate() {
        if k > 0 && t.start > tokens[s + k - 1].end {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}

fn person(
    tokens: &[Token],
    s: usize,
    e: usize,
    label: &str,
    role: Option<String>,
    gender: Option<Gender>,
) -> Mention {
    Mention {
        tok: s..e,
        start: tokens[s].start,
        end: tokens[e - 1].end,
        id: node_id(Kind::Person, label),
        kind: Kind::Person,
        label: label.to_string(),
        surface: label.to_string(),
        form: MentionForm::Name,
        role,
        gender,
    }
}

/// A person's first and last names become document-local names.
fn register_person(state: &mut DocState, m: &Mention, tokens: &[Token]) {
    let names: Vec<&Token> = tokens[m.tok.clone()]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    if names.len() >= 2 {
        for t in [names[0], names[names.len() - 1]] {
            state.add_local_name(t.text, &m.id, m.kind, &m.label);
            // "López" ... "Lopez": the name written without its accents too.
            let plain = crate::text::fold_accents(t.text);
            if plain != t.text {
                state.add_local_name(&plain, &m.id, m.kind, &m.label);
            }
        }
    }
}

/// An organisation named by its head word, with a country prefix when a
/// demonym or a country's possessive stands before it.
fn organization(
    tokens: &[Token],
    words: &[&str],
    mentions: &mut Vec<Mention>,
    lex: &Lexicon,
    state: &DocState,
    i: usize,
    end: usize,
) -> Option<Mention> {
    let p = &*PATTERNS;
    let n = &*NAMES;
    let mut s = i;
    if tokens[s].lower == "the" {
        s += 1;
    }
    if end <= s {
        return None;
    }
    let is_head = |k: usize| has_at(&p.org_heads, tokens, k) || n.org_heads.has(words[k]);
    // "5th Fleet and Combined Maritime Forces": two bodies, each ending in its head.
    let end = (s + 1..end)
        .find(|&k| words[k] == "and" && is_head(k - 1))
        .unwrap_or(end);
    // "U.S. 5th Fleet": an ordinal opens the name.
    let ordinal = s >= 2
        && tokens[s - 1].kind == TokenKind::Word
        && n.ordinal_suffixes.has(words[s - 1])
        && tokens[s - 2].kind == TokenKind::Number
        && tokens[s - 2].end == tokens[s - 1].start;
    if ordinal {
        s -= 2;
    }
    let head_inside = (s..end.saturating_sub(1))
        .any(|k| has_at(&p.org_heads, tokens, k) && matches!(words[k + 1], "of" | "for" | "on"));
    let head_last = (p.org_heads.may(&tokens[end - 1])
        && p.org_heads.match_ending_at(words, end - 1).is_some())
        || n.org_heads.has(words[end - 1])
        || head_inside;
    let opener = (has_at(&p.org_openers, tokens, s) || n.org_heads.has(words[s]))
        && words.get(s + 1) == Some(&"of");
    // "Japan's Nikkei newspaper", "the Yomiuri daily": named by the noun after it.
    let named_by_noun = words.get(end).is_some_and(|w| {
        matches!(
            *w,
            "newspaper" | "daily" | "broadcaster" | "magazine" | "website" | "outlet" | "channel"
        )
    }) && !tokens.get(end).is_some_and(|t| t.is_capitalized());
    if !(head_last && end - s >= 2 || opener && end - s >= 3 || named_by_noun) {
        return None;
    }
    let name = join(tokens, s, end);
    // "Russian Defence Ministry": a demonym just before joins the name, when
    // the name alone could be any country's ("Defence Ministry"); a proper
    // name stands alone ("Sudanese Rapid Support Forces" is the RSF).
    let mut start_tok = s;
    let mut label = name.clone();
    // The id's form when the name has another word order.
    let mut canon: Option<String> = None;
    // A phrase head ("News Agency") counts as one generic word.
    let tail = p.org_heads.match_ending_at(words, end - 1).unwrap_or(0);
    let owned = (s..end - tail).all(|k| {
        is_head(k)
            || has_at(&p.org_openers, tokens, k)
            || n.office_domains.has(words[k])
            || has_at(&p.name_joiners, tokens, k) && !tokens[k].is_capitalized()
    });
    // "the TASS News Agency": generic words after a named body are its own.
    if owned
        && s > 0
        && let Some(prev) = mentions
            .iter_mut()
            .find(|m| m.tok.end == s && m.kind == Kind::Organization)
    {
        prev.tok.end = end;
        prev.end = tokens[end - 1].end;
        return None;
    }
    if s > 0 && owned {
        if let Some(pos) = mentions
            .iter()
            .position(|m| m.tok.end == s && m.form == super::MentionForm::Demonym)
        {
            let d = mentions.remove(pos);
            // "Russian Ministry of Defense" is the "Russian Defense Ministry".
            canon = reordered(words, s, end).map(|r| format!("{} {r}", d.surface));
            label = format!("{} {}", d.surface, label);
            start_tok = d.tok.start;
        } else if s >= 2
            && tokens[s - 1].kind == TokenKind::Possessive
            && let Some(c) = mentions
                .iter()
                .find(|m| m.tok.end == s - 1 && m.kind == Kind::Country)
            && let Some(d) = lex.demonym(&c.id)
        {
            // "Japan's Defense Ministry" is not Russia's: the owner joins the label.
            canon = reordered(words, s, end).map(|r| format!("{d} {r}"));
            label = format!("{d} {label}");
        }
    }
    // "the Defence Ministry" after "the Russian Defence Ministry" is the same body.
    let mut id = org_id(canon.as_deref().unwrap_or(&label));
    if let Some(Some((known, Kind::Organization, known_label))) =
        state.local_names.get(&name.to_lowercase())
    {
        id = known.clone();
        label = known_label.clone();
    }
    Some(Mention {
        tok: start_tok..end,
        start: tokens[start_tok].start,
        end: tokens[end - 1].end,
        id,
        kind: Kind::Organization,
        label,
        surface: join(tokens, start_tok, end),
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// "Ministry of Defense" as "Defense Ministry" (an opener, "of" and office
/// domains only): the form an owned body's id is made from, so both word
/// orders are one node ("Russian Ministry of Defense" = "Russian Defense
/// Ministry"); the label stays as written.
fn reordered(words: &[&str], s: usize, end: usize) -> Option<String> {
    let n = &*NAMES;
    if end < s + 3 || !n.reorderable_openers.has(words[s]) || words[s + 1] != "of" {
        return None;
    }
    let domains = &words[s + 2..end];
    if !domains.iter().all(|w| n.office_domains.has(w)) {
        return None;
    }
    let mut out: Vec<String> = domains.iter().map(|w| capitalized(w)).collect();
    out.push(capitalized(words[s]));
    Some(out.join(" "))
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// An organisation's id, spelling variants made one ("Defence" / "Defense").
pub fn org_id(label: &str) -> crate::graph::NodeId {
    let spellings = &PATTERNS.file.quantity.spellings;
    let lower = label.to_lowercase();
    let key: Vec<&str> = lower
        .split_whitespace()
        .map(|w| {
            spellings
                .iter()
                .find(|(us, _)| us == w)
                .map_or(w, |(_, uk)| uk.as_str())
        })
        .collect();
    node_id(Kind::Organization, &key.join(" "))
}

/// "Multilateral Sanctions Monitoring Team (MSMT)": the bracketed word names it from now on.
fn register_abbreviation(
    tokens: &[Token],
    m: &Mention,
    state: &mut DocState,
    mentions: &mut Vec<Mention>,
) {
    let e = m.tok.end;
    if e + 2 < tokens.len() && tokens[e].text == "(" && tokens[e + 2].text == ")" {
        let abbr = &tokens[e + 1];
        if abbr.text.len() >= 2 && abbr.text.chars().all(|c| c.is_uppercase() || c == '.') {
            state.add_local_name(abbr.text, &m.id, m.kind, &m.label);
            let mut a = m.clone();
            a.tok = e + 1..e + 2;
            a.start = abbr.start;
            a.end = abbr.end;
            a.surface = abbr.text.to_string();
            mentions.push(a);
        }
    }
}

/// "the Treaty on Security Guarantees", "the Tashkent Accord": a capitalised
/// name opening or ending with a treaty noun.
fn treaty(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
    let p = &*PATTERNS;
    let mut s = if words[i] == "the" { i + 1 } else { i };
    // A headline in title case: "Putin and Maduro Sign Strategic Partnership
    // Treaty" names the treaty after its verb.
    if let Some(k) = (s..end).rev().find(|&k| {
        crate::mentions::agreements::AGREEMENTS
            .signing_verbs
            .has(words[k])
    }) {
        s = k + 1;
    }
    if end <= s + 1 {
        return None;
    }
    let opens = has_at(&p.treaty_heads, tokens, s)
        && matches!(words[s + 1], "on" | "of" | "between" | "for");
    let ends = has_at(&p.treaty_heads, tokens, end - 1);
    if !(opens || ends) {
        return None;
    }
    Some(treaty_mention(tokens, s, end))
}

/// A treaty named in lower case by its modifiers: 'a 20-year "comprehensive
/// strategic partnership" treaty'. A bare "the treaty" is left to coref.
pub fn lowercase_treaties(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let p = &*PATTERNS;
    for i in 0..tokens.len() {
        // "the agreement on the deployment of tactical weapons": named by its subject.
        // One cue lookup per token for both uses.
        let treaty_head = p.treaty_heads.may(&tokens[i]) && p.treaty_heads.has(&tokens[i].lower);
        // `agreement_on` needs a head word: most tokens are none, and skip the call.
        let head = treaty_head
            || matches!(
                tokens[i].lower.as_ref(),
                "agreement" | "deal" | "memorandum"
            );
        if head && let Some(e) = agreement_on(tokens, mentions, i, treaty_head) {
            mentions.push(treaty_mention(tokens, i, e));
            continue;
        }
        if !treaty_head || covered(mentions, i) || tokens[i].is_capitalized() {
            continue;
        }
        let mut s = i;
        let mut words = 0;
        while s > 0 && !covered(mentions, s - 1) && s + 6 > i {
            let t = &tokens[s - 1];
            let quote = matches!(t.text, "\"" | "“" | "”" | "-") || t.kind == TokenKind::Number;
            let modifier = t.kind == TokenKind::Word
                && !matches!(
                    t.lower.as_ref(),
                    "a" | "an"
                        | "the"
                        | "this"
                        | "that"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "new"
                        | "and"
                        | "of"
                        | "to"
                        | "signed"
                        | "concluded"
                );
            if !(quote || modifier) {
                break;
            }
            words += usize::from(modifier);
            s -= 1;
        }
        while s < i && matches!(tokens[s].text, "\"" | "“" | "”") {
            s += 1;
        }
        if words >= 2 {
            mentions.push(treaty_mention(tokens, s, i + 1));
        }
    }
}

/// End of "agreement / treaty / deal on <lower-case words>" starting at `i`.
/// `treaty_head`: whether token `i` is in `treaty_heads`.
fn agreement_on(
    tokens: &[Token],
    mentions: &[Mention],
    i: usize,
    treaty_head: bool,
) -> Option<usize> {
    let t = &tokens[i];
    let head = treaty_head || matches!(t.lower.as_ref(), "agreement" | "deal" | "memorandum");
    if !head || t.is_capitalized() || covered(mentions, i) || tokens.get(i + 1)?.lower != "on" {
        return None;
    }
    let mut e = i + 2;
    let mut words = 0;
    while e < tokens.len() && e < i + 9 {
        let w = &tokens[e];
        let stop = w.kind != TokenKind::Word
            || w.is_capitalized()
            || covered(mentions, e)
            || matches!(
                w.lower.as_ref(),
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "has"
                    | "had"
                    | "signed"
                    | "reached"
                    | "that"
                    | "which"
                    | "with"
                    | "by"
                    | "in"
                    | "at"
                    | "and"
                    | "last"
                    | "this"
                    | "on"
            );
        if stop {
            break;
        }
        words += usize::from(!matches!(w.lower.as_ref(), "the" | "a" | "an" | "of"));
        e += 1;
    }
    (words >= 1).then_some(e)
}

fn treaty_mention(tokens: &[Token], s: usize, e: usize) -> Mention {
    // The name as written, without quotes, each word capitalised.
    let label: String = join(tokens, s, e)
        .replace(['"', '“', '”'], "")
        .split_whitespace()
        .enumerate()
        .map(|(k, w)| {
            // Title case, small words kept small ("Agreement on the Deployment of ...").
            if k > 0
                && matches!(
                    w,
                    "on" | "of" | "the" | "a" | "an" | "and" | "in" | "for" | "to" | "between"
                )
            {
                return w.to_string();
            }
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    Mention {
        tok: s..e,
        start: tokens[s].start,
        end: tokens[e - 1].end,
        id: node_id(Kind::Treaty, &label),
        kind: Kind::Treaty,
        label,
        surface: join(tokens, s, e),
        form: MentionForm::Name,
        role: None,
        gender: None,
    }
}

/// How many words of rank ("vice", "deputy", "first", "senior") stand
/// before a title at `k` ("vice chairman", "first deputy chief").
fn title_prefix(words: &[&str], k: usize) -> usize {
    words[k.min(words.len())..]
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "vice" | "deputy" | "first" | "senior" | "acting" | "former" | "top" | "assistant"
            )
        })
        .count()
}

/// "Belgorod region", "Khabarovsk Krai": a place named by its head word.
fn place(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
    let p = &*PATTERNS;
    if end >= words.len() {
        return None;
    }
    let head = has_at(&p.place_heads, tokens, end)
        .then_some(end + 1)
        .or_else(|| (end - i >= 2 && has_at(&p.place_heads, tokens, end - 1)).then_some(end))?;
    // "Kursk region" is Kursk; "Alabuga Special Economic Zone" keeps its "Zone".
    let generic = |w: &str| {
        matches!(
            w,
            "region" | "oblast" | "province" | "krai" | "district" | "county"
        )
    };
    let head_word = words[head - 1];
    let name_end = if !generic(head_word) {
        head
    } else if head == end + 1 {
        end
    } else {
        end - 1
    };
    if name_end <= i || has_at(&p.not_names, tokens, i) {
        return None;
    }
    let label = join(tokens, i, name_end);
    Some(Mention {
        tok: i..head,
        start: tokens[i].start,
        end: tokens[head - 1].end,
        id: node_id(Kind::Place, &label),
        kind: Kind::Place,
        label,
        surface: join(tokens, i, head),
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// "in Aleppo", "the Syrian city of Latakia": a city of the gazetteer where a
/// place is expected. The whole capitalised run must be the name ("Abraham
/// Lincoln" is no Lincoln), and a name this document gave a person is theirs.
fn gazetteer_place(
    tokens: &[Token],
    words: &[&str],
    state: &DocState,
    i: usize,
    end: usize,
) -> Option<Mention> {
    let n = &*NAMES;
    let g = &*GAZETTEER;
    if i == 0 || end - i > g.max_words() || tokens[i - 1].is_capitalized() {
        return None;
    }
    let after_locative = n.locatives.has(words[i - 1]);
    let city_of = i >= 2 && words[i - 1] == "of" && n.place_nouns.has(words[i - 2]);
    if !(after_locative || city_of) {
        return None;
    }
    if let Some(Some((_, Kind::Person, _))) = state.local_names.get(words[i]) {
        return None;
    }
    let written = join(tokens, i, end);
    let place = g.get(&written)?;
    Some(Mention {
        tok: i..end,
        start: tokens[i].start,
        end: tokens[end - 1].end,
        id: node_id(Kind::Place, place.label),
        kind: Kind::Place,
        label: place.label.to_string(),
        surface: written,
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
}

/// "Park Sun-won, a senior analyst at ..." or "Jane Roe said".
fn appositive_person(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
    let p = &*PATTERNS;
    let n = end - i;
    if !(2..=3).contains(&n)
        || (i..end).any(|k| {
            has_at(&p.not_names, tokens, k)
                || has_at(&p.org_heads, tokens, k)
                || has_at(&p.titles, tokens, k)
                || tokens[k].kind != TokenKind::Word
        })
    {
        return None;
    }
    let is_speech = |w: &&str| {
        matches!(
            *w,
            "said" | "says" | "told" | "added" | "wrote" | "stated" | "explained"
        )
    };
    // "Jane Roe said", "Its founder, Anton Motolko, said", "Victor Cha, who leads",
    // "the military leader, Assimi Goita, held talks", "Park Sun-won of the Democratic Party told".
    let speech = words.get(end).is_some_and(is_speech)
        || words.get(end) == Some(&",")
            && words
                .get(end + 1)
                .is_some_and(|w| is_speech(w) || *w == "who")
        || i >= 2
            && words[i - 1] == ","
            && has_at(&p.titles, tokens, i - 2)
            // "his counterpart, Jan Kowal, said" / "... and his counterpart, Jan Kowal."
            && words
                .get(end)
                .is_none_or(|w| matches!(*w, "," | "." | ";" | "and" | ")"))
        || words.get(end) == Some(&"of")
            && (end + 1..(end + 8).min(words.len())).any(|k| is_speech(&words[k]));
    let appositive = words.get(end) == Some(&",")
        && (words.get(end + 1).is_some_and(|w| matches!(*w, "a" | "an" | "the"))
            && (end + 2..(end + 8).min(words.len())).any(|k| has_at(&p.appositive_roles, tokens, k))
            // "Zhang Youxia, vice chairman of ...", "Jing Jianfeng, deputy chief of ..."
            || p.titles.match_at(words, end + 1 + title_prefix(words, end + 1)).is_some()
            // "Jan Kowal, Poland's deputy defence minister", "Jo Roe, project leader at ..."
            || role_after_comma(tokens, words, end + 1));
    if !(speech || appositive) {
        return None;
    }
    let label = join(tokens, i, end);
    Some(person(tokens, i, end, &label, None, None))
}

/// True when a role follows an appositive comma at `k`: an optional owner
/// ("Poland's"), up to three lower-case modifiers and a title ("deputy
/// national defence minister", "project leader").
fn role_after_comma(tokens: &[Token], words: &[&str], k: usize) -> bool {
    let p = &*PATTERNS;
    let mut k = k;
    if tokens.get(k).is_some_and(Token::is_capitalized)
        && tokens
            .get(k + 1)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
    {
        k += 2;
    }
    for _ in 0..4 {
        let Some(t) = tokens.get(k) else {
            return false;
        };
        if p.titles.may(t) && p.titles.match_at(words, k).is_some() {
            return true;
        }
        if t.kind != TokenKind::Word || t.is_capitalized() || has_at(&p.not_names, tokens, k) {
            return false;
        }
        k += 1;
    }
    false
}

/// "Belaruski Hajun, an independent monitoring project": a name whose appositive is an organisation noun.
fn appositive_org(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
    let p = &*PATTERNS;
    if end - i > 5
        || has_at(&p.not_names, tokens, i)
        || words.get(end) != Some(&",")
        || !words
            .get(end + 1)
            .is_some_and(|w| matches!(*w, "a" | "an" | "the"))
    {
        return None;
    }
    let head = (end + 2..(end + 7).min(words.len()))
        .take_while(|&k| {
            tokens[k].kind == TokenKind::Word
                && !matches!(
                    words[k],
                    "of" | "who"
                        | "that"
                        | "which"
                        | "for"
                        | "at"
                        | "in"
                        | "with"
                        | "on"
                        | "to"
                        | "from"
                )
        })
        .last()?;
    if !p.org_appositives.may(&tokens[head])
        || !p.org_appositives.has(words[head])
            && p.org_appositives.match_ending_at(words, head).is_none()
    {
        return None;
    }
    Some(organization_name(tokens, i, end))
}

/// The organisation named by tokens `s..e`, as written.
pub(super) fn organization_name(tokens: &[Token], s: usize, e: usize) -> Mention {
    let label = join(tokens, s, e);
    Mention {
        tok: s..e,
        start: tokens[s].start,
        end: tokens[e - 1].end,
        id: node_id(Kind::Organization, &label),
        kind: Kind::Organization,
        label: label.clone(),
        surface: label,
        form: MentionForm::Name,
        role: None,
        gender: None,
    }
}

/// "Turkish company Acme", "drone maker Acme", "the firm Acme Dynamics": a
/// capitalised name right after a noun that introduces an organisation.
fn introduced_org(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
    let n = &*NAMES;
    if i == 0
        || end - i > 4
        || tokens[i - 1].is_capitalized()
        || !n.org_introducers.has(words[i - 1])
        || has_at(&PATTERNS.not_names, tokens, i)
        || (i..end).any(|k| tokens[k].kind != TokenKind::Word)
    {
        return None;
    }
    Some(org_mention(tokens, i, end, join(tokens, i, end)))
}

/// "Houthi rebels", "the Houthis": a movement named by its members. A
/// capitalised word before a member noun ("rebels", "militants"), or a
/// capitalised plural after a lower-case "the" that no lexicon entry or
/// demonym claims. Labelled by the plural ("Houthis").
fn movement(
    tokens: &[Token],
    words: &[&str],
    lex: &Lexicon,
    i: usize,
    end: usize,
) -> Option<Mention> {
    let n = &*NAMES;
    if end != i + 1 || has_at(&PATTERNS.not_names, tokens, i) || !tokens[i].text.is_ascii() {
        return None;
    }
    let word = tokens[i].text;
    let members = words.get(end).is_some_and(|w| n.member_nouns.has(w))
        && !word.ends_with('s')
        && !word.contains('-');
    let plural = i > 0
        && words[i - 1] == "the"
        && !tokens[i - 1].is_capitalized()
        && word.len() > 3
        // A word, not an acronym's plural ("the UAVs", "the TB2s").
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !tokens.get(end).is_some_and(Token::is_capitalized)
        && !tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Possessive);
    if !(members || plural) {
        return None;
    }
    // A demonym ("the Russians", "Yemeni rebels") names a people, not a movement.
    let stem = if plural {
        &word[..word.len() - 1]
    } else {
        word
    };
    if lex
        .find(stem)
        .iter()
        .any(|m| m.start == 0 && m.end == stem.len())
        || lex
            .find(word)
            .iter()
            .any(|m| m.start == 0 && m.end == word.len())
    {
        return None;
    }
    let label = if plural {
        word.to_string()
    } else {
        format!("{word}s")
    };
    Some(org_mention(tokens, i, end, label))
}

/// "the office of the Danish Prime Minister": a government's office, an
/// organisation (not the person), labelled "Office of the Danish Prime Minister".
fn government_office(tokens: &[Token], words: &[&str], mentions: &mut Vec<Mention>) {
    let n = &*NAMES;
    let p = &*PATTERNS;
    let mut i = 0;
    while i + 4 < tokens.len() {
        if !(has_at(&p.org_openers, tokens, i) && words[i + 1] == "of" && words[i + 2] == "the") {
            i += 1;
            continue;
        }
        let Some(d) = mentions
            .iter()
            .position(|m| m.tok.start == i + 3 && m.form == MentionForm::Demonym)
        else {
            i += 1;
            continue;
        };
        let at = mentions[d].tok.end;
        let Some(len) = n.office_owners.match_at(words, at) else {
            i += 1;
            continue;
        };
        let end = at + len;
        // The person named right after ("... Prime Minister Jane Roe") is theirs, not this.
        mentions.retain(|m| !(m.tok.start >= at && m.tok.start < end));
        let demonym = mentions.remove(d).surface;
        let owner: Vec<String> = words[at..end].iter().map(|w| capitalized(w)).collect();
        let label = format!(
            "{} of the {demonym} {}",
            capitalized(words[i]),
            owner.join(" ")
        );
        mentions.push(org_mention(tokens, i, end, label));
        i = end;
    }
}

fn org_mention(tokens: &[Token], s: usize, e: usize, label: String) -> Mention {
    Mention {
        tok: s..e,
        start: tokens[s].start,
        end: tokens[e - 1].end,
        id: org_id(&label),
        kind: Kind::Organization,
        label,
        surface: join(tokens, s, e),
        form: MentionForm::Name,
        role: None,
        gender: None,
    }
}

/// "the Russia-Ukraine border": two countries joined by a hyphen before "border".
fn border_places(tokens: &[Token], words: &[&str], mentions: &mut Vec<Mention>) {
    for i in 0..tokens.len().saturating_sub(1) {
        if !matches!(words[i + 1], "border" | "frontier")
            || !tokens[i].text.contains('-')
            || covered(mentions, i)
        {
            continue;
        }
        let parts: Vec<&str> = tokens[i].text.split('-').collect();
        if parts.len() == 2
            && parts
                .iter()
                .all(|p| p.chars().next().is_some_and(char::is_uppercase))
        {
            let label = format!("{} border", tokens[i].text);
            mentions.push(Mention {
                tok: i..i + 2,
                start: tokens[i].start,
                end: tokens[i + 1].end,
                id: node_id(Kind::Place, &label),
                kind: Kind::Place,
                label,
                surface: join(tokens, i, i + 2),
                form: MentionForm::Name,
                role: None,
                gender: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::load_lexicon;
    use crate::mentions::{DocState, find_mentions};
    use crate::text::{split_sentences, tokenize};

    /// "surface=id" of every mention in `text`, sentence by sentence.
    fn found(text: &str) -> Vec<String> {
        let lex = load_lexicon(&[]).unwrap();
        let mut state = DocState::default();
        let mut out = Vec::new();
        for (i, s) in split_sentences(text, 0).into_iter().enumerate() {
            state.sentence = i;
            let tokens = tokenize(&s.text, s.start);
            for m in find_mentions(&s.text, s.start, &tokens, &lex, &mut state).mentions {
                out.push(format!("{}={}", m.surface, m.id));
            }
        }
        out
    }

    #[track_caller]
    fn assert_found(text: &str, want: &str) {
        let got = found(text);
        assert!(
            got.iter().any(|g| g == want),
            "missing {want:?} in {got:#?}"
        );
    }

    #[track_caller]
    fn assert_no_id(text: &str, id: &str) {
        let got = found(text);
        assert!(
            !got.iter().any(|g| g.ends_with(&format!("={id}"))),
            "{id:?} in {got:#?}"
        );
    }

    #[test]
    fn a_run_of_titles_and_ranks_is_one_role() {
        let text = "The ship left port, Navy Press Secretary Maj. Gen. Tom Ashby said.";
        assert_found(text, "Tom Ashby=person:tom-ashby");
        assert_no_id(text, "person:maj");
        let text = "The cargo was seized, the fleet spokesman Cmdr. Ada Lowe said.";
        assert_found(text, "Ada Lowe=person:ada-lowe");
        assert_no_id(text, "person:cmdr");
        assert_found(
            "The plant opened, said General Manager Otto Brandt.",
            "Otto Brandt=person:otto-brandt",
        );
    }

    #[test]
    fn what_an_office_is_of_belongs_to_the_role() {
        assert_found(
            "Under Secretary of Defense for Policy Jane Marlow told reporters the plan was ready.",
            "Jane Marlow=person:jane-marlow",
        );
        assert_no_id(
            "Under Secretary of Defense for Policy Jane Marlow told reporters.",
            "person:policy-jane-marlow",
        );
    }

    #[test]
    fn ships_are_not_people() {
        let text = "The frigate Admiral Tolstov docked, and the USS George Banning sailed.";
        assert_no_id(text, "person:tolstov");
        assert_no_id(text, "person:george-banning");
    }

    #[test]
    fn appositive_roles_after_a_comma_make_a_person() {
        assert_found(
            "The deal was signed by Ivo Sandor, Hungary's deputy transport minister, on Monday.",
            "Ivo Sandor=person:ivo-sandor",
        );
        assert_found(
            "The talks ended, according to Lena Voss, project leader at a Dutch group.",
            "Lena Voss=person:lena-voss",
        );
        assert_found(
            "The pact was signed by Ali Demir and his counterpart, Tomas Varga.",
            "Tomas Varga=person:tomas-varga",
        );
    }

    #[test]
    fn organisations_introduced_by_a_noun_or_their_head() {
        let text = "Kyiv bought drones from Turkish company Zorvan last year. Zorvan said it would send more.";
        assert_found(text, "Zorvan=organization:zorvan");
        assert_eq!(
            found(text)
                .iter()
                .filter(|m| *m == "Zorvan=organization:zorvan")
                .count(),
            2
        );
        assert_found(
            "Marlin Shipyard has signed a pact.",
            "Marlin Shipyard=organization:marlin-shipyard",
        );
        assert_found(
            "The boat was stopped, the U.S. 6th Fleet said.",
            "6th Fleet=organization:6th-fleet",
        );
    }

    #[test]
    fn movements_are_named_by_their_members() {
        let text = "Weapons were bound for Zaidi rebels in the north. The Zaidis denied it.";
        assert_found(text, "Zaidi=organization:zaidis");
        assert_found(text, "Zaidis=organization:zaidis");
        // A people is not a movement, nor are an acronym's plurals.
        assert_no_id("The Russians denied it.", "organization:russians");
        let got = found("Kyiv received the UAVs and the TB2s in May.");
        assert!(!got.iter().any(|m| m.contains("organization:")), "{got:#?}");
    }

    #[test]
    fn a_named_body_keeps_its_generic_tail_and_word_order_is_one_id() {
        assert_no_id(
            "Modi was quoted as saying by the TASS News Agency.",
            "organization:news-agency",
        );
        assert_found(
            "The Polish Ministry of Defence said so.",
            "Polish Ministry of Defence=organization:polish-defence-ministry",
        );
        assert_found(
            "The Polish Defense Ministry said so.",
            "Polish Defense Ministry=organization:polish-defence-ministry",
        );
        // A proper name takes no demonym ("Sudanese Rapid Support Forces" is the RSF).
        assert_found(
            "Fighting with the Chadian Swift Action Forces went on.",
            "Swift Action Forces=organization:swift-action-forces",
        );
    }

    #[test]
    fn gazetteer_cities_are_places_where_a_place_is_expected() {
        assert_found(
            "Police were sent to keep order in Aleppo.",
            "Aleppo=place:aleppo",
        );
        assert_found(
            "Jets landed at an air base in the Syrian city of Latakia.",
            "Latakia=place:latakia",
        );
        // Not inside a longer name, not without a locative.
        assert_no_id("The money went to Aleppo Pharma last year.", "place:aleppo");
        assert_no_id("Aleppo residents fled.", "place:aleppo");
    }

    #[test]
    fn a_region_inside_a_longer_name_is_not_the_region() {
        assert_found(
            "Ships sailed to the Middle East.",
            "Middle East=place:middle-east",
        );
        assert_no_id("The Middle East Courier reported it.", "place:middle-east");
    }

    #[test]
    fn a_surname_written_without_its_accents_is_the_same_person() {
        let text = "Defense Minister Ramón Núñez spoke. Then Nunez said more.";
        assert_found(text, "Nunez=person:ramon-nunez");
    }

    #[test]
    fn a_headline_treaty_starts_after_its_verb() {
        let text = "Lopez and Varga Sign Border Demarcation Treaty in Lima";
        assert_found(
            text,
            "Border Demarcation Treaty=treaty:border-demarcation-treaty",
        );
        assert_no_id(text, "treaty:varga-sign-border-demarcation-treaty");
    }

    #[test]
    fn a_government_office_is_an_organisation() {
        assert_found(
            "The jets will arrive in May, according to the office of the Danish Prime Minister.",
            "office of the Danish Prime Minister=organization:office-of-the-danish-prime-minister",
        );
    }
}
