//! Treaties named by a capitalised name opening or ending with a treaty noun,
//! or in lower case by their modifiers ('a 20-year "comprehensive strategic
//! partnership" treaty', "an agreement on military cooperation").

use super::*;

/// "the Treaty on Security Guarantees", "the Tashkent Accord": a capitalised
/// name opening or ending with a treaty noun.
pub(super) fn treaty(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
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
    let head = |k: usize| {
        has_at(&p.treaty_heads, tokens, k)
            || tokens[k].is_capitalized() && NAMES.named_treaty_heads.has(words[k])
    };
    let opens = head(s) && matches!(words[s + 1], "on" | "of" | "between" | "for");
    let ends = head(end - 1);
    if !(opens || ends) {
        return None;
    }
    // "the Government of National Accord" is a body named after an accord.
    if !opens && has_at(&p.org_openers, tokens, s) && words[s + 1] == "of" {
        return None;
    }
    Some(treaty_mention(tokens, s, end))
}

/// A treaty named in lower case by its modifiers: 'a 20-year "comprehensive
/// strategic partnership" treaty'. A bare "the treaty" is left to coref.
pub fn lowercase_treaties(tokens: &[Token], classes: &Classes, mentions: &mut Vec<Mention>) {
    // Every rule below starts at a treaty noun or at the head of "agreement
    // on": the classification says where they are, and a sentence with none
    // is done.
    let heads = Classes::TREATY | Classes::AGREEMENT_ON;
    if !classes.any(heads) {
        return;
    }
    for i in classes.positions(heads) {
        // "the agreement on the deployment of tactical weapons": named by its subject.
        let treaty_head = classes.is(i, Classes::TREATY);
        // `agreement_on` needs a head word: most tokens are none, and skip the call.
        let head = treaty_head || classes.is(i, Classes::AGREEMENT_ON);
        if head && let Some(e) = agreement_on(tokens, mentions, i, treaty_head) {
            mentions.push(treaty_mention(tokens, i, e));
            continue;
        }
        if !treaty_head || covered(mentions, i) || tokens[i].is_capitalized() {
            continue;
        }
        let mut s = i;
        let mut words: usize = 0;
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
                )
                // "Serbia and Hungary sign defence pact": the verb is no modifier.
                && !crate::mentions::agreements::AGREEMENTS
                    .signing_verbs
                    .has(t.lower.as_ref());
            if !(quote || modifier) {
                break;
            }
            words += usize::from(modifier);
            s -= 1;
        }
        // 'a 20-year "strategic partnership" treaty': quotes, and a measure
        // before the name ("20-year", "decade-long"), are no part of it.
        let measure = |k: usize| {
            let t = &tokens[k];
            let glued = k > 0 && tokens[k - 1].text == "-" && tokens[k - 1].end == t.start;
            (glued || t.is_hyphenated()) && last_part_in(t, &PATTERNS.file.names.measures)
        };
        while s < i
            && (matches!(tokens[s].text, "\"" | "“" | "”" | "-")
                || tokens[s].kind == TokenKind::Number
                || measure(s))
        {
            words = words.saturating_sub(usize::from(measure(s)));
            s += 1;
        }
        if words >= 2 {
            mentions.push(treaty_mention(tokens, s, i + 1));
        }
    }
}

/// End of "agreement / treaty / deal on <lower-case words>" starting at `i`.
/// `treaty_head`: whether token `i` is in `treaty_heads`.
pub(super) fn agreement_on(
    tokens: &[Token],
    mentions: &[Mention],
    i: usize,
    treaty_head: bool,
) -> Option<usize> {
    let t = &tokens[i];
    let head = treaty_head || matches!(t.lower.as_ref(), "agreement" | "deal" | "memorandum");
    // "a memorandum of understanding on ...": the head is three words.
    let lower = |k: usize| tokens.get(k).map(|t| t.lower.as_ref());
    let on = if t.lower == "memorandum"
        && lower(i + 1) == Some("of")
        && lower(i + 2) == Some("understanding")
    {
        i + 3
    } else {
        i + 1
    };
    if !head || t.is_capitalized() || covered(mentions, i) || lower(on) != Some("on") {
        return None;
    }
    let mut e = on + 1;
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

pub(super) fn treaty_mention(tokens: &[Token], s: usize, e: usize) -> Mention {
    // The name as written, without quotes, each word capitalised.
    let text = join(tokens, s, e).replace(['"', '“', '”'], "");
    Mention::named(
        tokens,
        s..e,
        Kind::Treaty,
        treaty_name(text.split_whitespace()),
    )
}

/// True for the words a treaty's name keeps small after its first.
pub fn small_word(w: &str) -> bool {
    matches!(
        w,
        "on" | "of" | "the" | "a" | "an" | "and" | "in" | "for" | "to" | "between"
    )
}

/// A treaty's name in title case, small words kept small ("Agreement on
/// the Deployment of ...").
pub fn treaty_name<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .enumerate()
        .map(|(k, w)| {
            if k > 0 && small_word(w) {
                return w.to_string();
            }
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_found, assert_no_id};

    #[test]
    fn a_signing_verb_before_a_lower_case_treaty_is_no_modifier() {
        assert_found(
            "Chile and Peru sign defence pact as talks end",
            "defence pact=treaty:defence-pact",
        );
        assert_no_id(
            "Chile and Peru sign defence pact as talks end",
            "treaty:sign-defence-pact",
        );
    }

    #[test]
    fn a_memorandum_of_understanding_is_named_by_its_subject() {
        assert_found(
            "Chile signed a memorandum of understanding on military training with Peru.",
            "memorandum of understanding on military training=treaty:memorandum-of-understanding-on-military-training",
        );
        assert_found(
            "Chile signed a memorandum on military training with Peru.",
            "memorandum on military training=treaty:memorandum-on-military-training",
        );
    }

    #[test]
    fn a_capitalised_agreement_memorandum_or_declaration_is_a_treaty() {
        for (text, want) in [
            (
                "Chile and Peru signed the Lima Agreement in 2015.",
                "Lima Agreement=treaty:lima-agreement",
            ),
            (
                "Chile and Peru signed the Lima Memorandum.",
                "Lima Memorandum=treaty:lima-memorandum",
            ),
            (
                "Chile and Peru signed the Lima Declaration.",
                "Lima Declaration=treaty:lima-declaration",
            ),
            (
                "They signed the Protocol on Border Security.",
                "Protocol on Border Security=treaty:protocol-on-border-security",
            ),
        ] {
            assert_found(text, want);
        }
        // One word is no name.
        assert_no_id("Agreement was reached on Monday.", "treaty:agreement");
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
    fn a_measure_before_a_lower_case_treaty_is_not_part_of_its_name() {
        let text = "Chile and Peru signed a 25-year \"coastal fisheries\" treaty.";
        assert_found(
            text,
            "coastal fisheries\" treaty=treaty:coastal-fisheries-treaty",
        );
        assert_no_id(text, "treaty:year-coastal-fisheries-treaty");
        let text = "Chile and Peru signed a decade-long coastal fisheries pact.";
        assert_found(text, "coastal fisheries pact=treaty:coastal-fisheries-pact");
        assert_no_id(text, "treaty:decade-long-coastal-fisheries-pact");
    }

    #[test]
    fn a_day_or_month_after_a_treaty_is_not_part_of_its_name() {
        for (text, day) in [
            (
                "Ministers of both states signed the Coastal Fisheries Treaty on Wednesday in Lima.",
                "wednesday",
            ),
            (
                "The Coastal Fisheries Treaty of March set quotas for both fleets.",
                "march",
            ),
        ] {
            assert_found(
                text,
                "Coastal Fisheries Treaty=treaty:coastal-fisheries-treaty",
            );
            for joiner in ["on", "of"] {
                assert_no_id(
                    text,
                    &format!("treaty:coastal-fisheries-treaty-{joiner}-{day}"),
                );
            }
        }
    }
}
