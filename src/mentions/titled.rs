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
            if let Some(m) = appositive_person(tokens, words, i, end) {
                register_person(state, &m, tokens);
                i = m.tok.end;
                mentions.push(m);
                continue;
            }
            if let Some(m) = appositive_org(tokens, words, i, end) {
                state.add_local_name(&m.label, &m.id, m.kind, &m.label.clone());
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
    let mut s = i;
    if tokens[s].lower == "the" {
        s += 1;
    }
    if end <= s {
        return None;
    }
    let head_inside = (s..end.saturating_sub(1))
        .any(|k| has_at(&p.org_heads, tokens, k) && matches!(words[k + 1], "of" | "for" | "on"));
    let head_last = (p.org_heads.may(&tokens[end - 1])
        && p.org_heads.match_ending_at(words, end - 1).is_some())
        || head_inside;
    let opener = has_at(&p.org_openers, tokens, s) && words.get(s + 1) == Some(&"of");
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
    // "Russian Defence Ministry": a demonym just before joins the name.
    let mut start_tok = s;
    let mut label = name.clone();
    if s > 0 {
        if let Some(pos) = mentions
            .iter()
            .position(|m| m.tok.end == s && m.form == super::MentionForm::Demonym)
        {
            let d = mentions.remove(pos);
            label = format!("{} {}", d.surface, name);
            start_tok = d.tok.start;
        } else if s >= 2
            && tokens[s - 1].kind == TokenKind::Possessive
            && let Some(c) = mentions
                .iter()
                .find(|m| m.tok.end == s - 1 && m.kind == Kind::Country)
            && let Some(d) = lex.demonym(&c.id)
        {
            // "Japan's Defense Ministry" is not Russia's: the owner joins the label.
            label = format!("{d} {name}");
        }
    }
    // "the Defence Ministry" after "the Russian Defence Ministry" is the same body.
    let mut id = node_id(Kind::Organization, &label);
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
    let s = if words[i] == "the" { i + 1 } else { i };
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
            && words.get(end) == Some(&",")
        || words.get(end) == Some(&"of")
            && (end + 1..(end + 8).min(words.len())).any(|k| is_speech(&words[k]));
    let appositive = words.get(end) == Some(&",")
        && (words.get(end + 1).is_some_and(|w| matches!(*w, "a" | "an" | "the"))
            && (end + 2..(end + 8).min(words.len())).any(|k| has_at(&p.appositive_roles, tokens, k))
            // "Zhang Youxia, vice chairman of ...", "Jing Jianfeng, deputy chief of ..."
            || p.titles.match_at(words, end + 1 + title_prefix(words, end + 1)).is_some());
    if !(speech || appositive) {
        return None;
    }
    let label = join(tokens, i, end);
    Some(person(tokens, i, end, &label, None, None))
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
    let label = join(tokens, i, end);
    Some(Mention {
        tok: i..end,
        start: tokens[i].start,
        end: tokens[end - 1].end,
        id: node_id(Kind::Organization, &label),
        kind: Kind::Organization,
        label: label.clone(),
        surface: label,
        form: MentionForm::Name,
        role: None,
        gender: None,
    })
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
