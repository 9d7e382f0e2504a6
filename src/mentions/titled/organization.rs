//! Organisations named by their head word ("... Monitoring Team", "Ministry
//! of State Security"), by a noun that introduces them, by apposition, as a
//! movement of members ("the Houthis") or as a government office; "(MSMT)"
//! after a name defines an abbreviation. Ids make spelling variants one.

use super::*;

/// An organisation named by its head word, with a country prefix when a
/// demonym or a country's possessive stands before it.
pub(super) fn organization(
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
    // "the Libya Monitoring Group": a country's name (not its possessive,
    // demonym or initials: "U.S. 6th Fleet" is the 6th Fleet) right before a
    // name of more than generic words opens it.
    if s > 0
        && !owned
        && !ordinal
        && start_tok == s
        && let Some(pos) = mentions.iter().position(|m| {
            m.tok.end == s
                && m.kind == Kind::Country
                && m.form == super::MentionForm::Name
                && m.surface.chars().any(char::is_lowercase)
        })
    {
        let c = mentions.remove(pos);
        let first = c.tok.start + usize::from(words[c.tok.start] == "the");
        label = format!("{} {label}", join(tokens, first, s));
        start_tok = c.tok.start;
    }
    // "the Ministry of Defence of Estonia", "the Armed Forces of Poland": the
    // country after "of" owns a body the name alone could be any country's,
    // and the body is the one "Estonia's Ministry of Defence" and "Poland's
    // armed forces" name.
    let mut end = end;
    let service = n.services.match_at(words, s) == Some(end - s);
    if start_tok == s
        && (owned || service)
        && let Some(pos) = owner_after(tokens, words, mentions, end)
        && let Some(d) = lex.demonym(&mentions[pos].id)
    {
        if service {
            let written = words[s..end].join(" ");
            let service = n.service_labels.get(&written).cloned();
            label = format!("{d} {}", service.unwrap_or_else(|| label.clone()));
        } else {
            canon = reordered(words, s, end).map(|r| format!("{d} {r}"));
            label = format!("{d} {label}");
        }
        end = mentions.remove(pos).tok.end;
    }
    // "the Defence Ministry" after "the Russian Defence Ministry" is the same
    // body; a name whose owner was just attached ("the Polish Defence
    // Ministry" after "the Czech Defence Ministry") is its owner's.
    let mut id = org_id(canon.as_deref().unwrap_or(&label));
    if label == name
        && let Some(Some((known, Kind::Organization, known_label))) =
            state.local_names.get(&name.to_lowercase())
    {
        id = known.clone();
        label = known_label.clone();
    }
    Some(Mention::spanning(
        tokens,
        start_tok..end,
        id,
        Kind::Organization,
        label,
        MentionForm::Name,
    ))
}

/// The index in `mentions` of the country named by "of" (and "the") at
/// `at`, when nothing carries the name on after it ("of Ukraine's", "of
/// Poland Street" are not owners).
fn owner_after(tokens: &[Token], words: &[&str], mentions: &[Mention], at: usize) -> Option<usize> {
    if words.get(at) != Some(&"of") {
        return None;
    }
    let k = at + 1 + usize::from(words.get(at + 1) == Some(&"the"));
    let pos = mentions.iter().position(|m| {
        m.tok.start == k && m.kind == Kind::Country && m.form == super::MentionForm::Name
    })?;
    let after = tokens.get(mentions[pos].tok.end);
    let carried = after.is_some_and(|t| t.kind == TokenKind::Possessive || t.is_capitalized());
    (!carried).then_some(pos)
}

/// "Ministry of Defense" as "Defense Ministry" (an opener, "of" and office
/// domains only): the form an owned body's id is made from, so both word
/// orders are one node ("Russian Ministry of Defense" = "Russian Defense
/// Ministry"); the label stays as written.
pub(super) fn reordered(words: &[&str], s: usize, end: usize) -> Option<String> {
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

pub(super) fn capitalized(w: &str) -> String {
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
pub(super) fn register_abbreviation(
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

/// "Belaruski Hajun, an independent monitoring project": a name whose appositive is an organisation noun.
pub(super) fn appositive_org(
    tokens: &[Token],
    words: &[&str],
    i: usize,
    end: usize,
) -> Option<Mention> {
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
pub(in crate::mentions) fn organization_name(tokens: &[Token], s: usize, e: usize) -> Mention {
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
pub(super) fn introduced_org(
    tokens: &[Token],
    words: &[&str],
    i: usize,
    end: usize,
) -> Option<Mention> {
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
pub(super) fn movement(
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
        // A word ("U.S forces", "pro-Kremlin militias" are not movements).
        && word.bytes().all(|b| b.is_ascii_alphabetic());
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
    } else if n
        .member_name_endings
        .iter()
        .any(|e| word.ends_with(e.as_str()))
    {
        format!("{word}s")
    } else {
        word.to_string()
    };
    Some(org_mention(tokens, i, end, label))
}

/// "the office of the Danish Prime Minister": a government's office, an
/// organisation (not the person), labelled "Office of the Danish Prime Minister".
pub(super) fn government_office(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    mentions: &mut Vec<Mention>,
) {
    let n = &*NAMES;
    let p = &*PATTERNS;
    // Each office opens with an `org_openers` word: a sentence without one has none.
    if !classes.any(Classes::ORG_OPENER) {
        return;
    }
    let mut i = 0;
    while i + 4 < tokens.len() {
        if !(classes.is(i, Classes::ORG_OPENER)
            && has_at(&p.org_openers, tokens, i)
            && words[i + 1] == "of"
            && words[i + 2] == "the")
        {
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

pub(super) fn org_mention(tokens: &[Token], s: usize, e: usize, label: String) -> Mention {
    let id = org_id(&label);
    Mention::spanning(
        tokens,
        s..e,
        id,
        Kind::Organization,
        label,
        MentionForm::Name,
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_found, assert_no_id, found};

    #[test]
    fn who_stands_behind_a_name_is_no_part_of_it() {
        let text = "The Kremlin-controlled Zembla Corps will stay in Lome.";
        assert_found(text, "Zembla Corps=organization:zembla-corps");
        assert_no_id(text, "organization:kremlin-controlled-zembla-corps");
        let text = "The Lima-backed Coastal Defence Movement said it had withdrawn.";
        assert_no_id(text, "person:lima-backed-coastal-defence-movement");
        assert_found(
            text,
            "Coastal Defence Movement=organization:coastal-defence-movement",
        );
        assert!(
            found(text).iter().all(|m| !m.contains("lima-backed")),
            "{:?}",
            found(text)
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
        // A name that is no member's is the movement's own, not pluralised.
        let text = "Zorbak fighters crossed the border. Zorbak denied it.";
        assert_found(text, "Zorbak=organization:zorbak");
        assert_no_id(text, "organization:zorbaks");
        let got = found("It warned against attacks on U.S forces in the region.");
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
    fn a_country_name_opening_a_name_is_part_of_it() {
        assert_found(
            "The Chile Monitoring Group said so.",
            "Chile Monitoring Group=organization:chile-monitoring-group",
        );
        assert_no_id("The Chile Monitoring Group said so.", "country:chile");
        // Not its possessive.
        assert_found("Chile's Monitoring Group said so.", "Chile=country:chile");
    }

    #[test]
    fn a_body_named_after_an_accord_is_no_treaty() {
        assert_found(
            "The Government of National Accord said so.",
            "Government of National Accord=organization:government-of-national-accord",
        );
        assert_found(
            "They signed the Accord of National Unity.",
            "Accord of National Unity=treaty:accord-of-national-unity",
        );
    }

    #[test]
    fn a_country_after_of_owns_a_generic_body() {
        // One node with "Poland's armed forces" and "Estonia's Ministry of Defence".
        assert_found(
            "The Armed Forces of Poland sent tanks.",
            "Armed Forces of Poland=organization:polish-military",
        );
        assert_found(
            "The Ministry of Defence of Estonia said it would help.",
            "Ministry of Defence of Estonia=organization:estonian-defence-ministry",
        );
        assert_found(
            "Estonia's Ministry of Defence said it would help.",
            "Ministry of Defence=organization:estonian-defence-ministry",
        );
        assert_no_id(
            "The Ministry of Defence of Estonia said it would help.",
            "country:estonia",
        );
        // A name that is no generic body keeps the country apart.
        assert_found(
            "The Central Bank of Estonia said it would help.",
            "Estonia=country:estonia",
        );
        assert_found(
            "The Armed Forces of Ukraine's allies met.",
            "Ukraine=country:ukraine",
        );
    }

    #[test]
    fn an_owned_body_is_its_owners_not_the_one_named_before() {
        let text = "The Czech Defence Ministry said it was ready. \
                    Poland sent engineers, the Polish Defence Ministry said.";
        assert_found(
            text,
            "Polish Defence Ministry=organization:polish-defence-ministry",
        );
        assert_found(
            "The Czech Defence Ministry said it was ready. \
             The Defence Ministry added that it had sent engineers.",
            "Defence Ministry=organization:czech-defence-ministry",
        );
    }

    #[test]
    fn a_government_office_is_an_organisation() {
        assert_found(
            "The jets will arrive in May, according to the office of the Danish Prime Minister.",
            "office of the Danish Prime Minister=organization:office-of-the-danish-prime-minister",
        );
    }
}
