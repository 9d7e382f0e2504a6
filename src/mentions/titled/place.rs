//! Places named by a place head ("Belgorod region"), gazetteer cities where a
//! place is expected, and two countries joined by a hyphen before "border".

use super::*;

/// "Belgorod region", "Khabarovsk Krai": a place named by its head word.
pub(super) fn place(tokens: &[Token], words: &[&str], i: usize, end: usize) -> Option<Mention> {
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
    Some(Mention::named(tokens, i..head, Kind::Place, label))
}

/// "in Aleppo", "the Syrian city of Latakia": a city of the gazetteer where a
/// place is expected. The whole capitalised run must be the name ("Abraham
/// Lincoln" is no Lincoln), and a name this document gave a person is theirs.
pub(super) fn gazetteer_place(
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

/// "the Russia-Ukraine border": two countries joined by a hyphen before "border".
pub(super) fn border_places(
    tokens: &[Token],
    words: &[&str],
    classes: &Classes,
    mentions: &mut Vec<Mention>,
) {
    // A sentence without "border" or "frontier" names none.
    if !classes.any(Classes::BORDER) {
        return;
    }
    // The word before each "border" or "frontier".
    for i in classes
        .positions(Classes::BORDER)
        .filter_map(|b| b.checked_sub(1))
    {
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
            mentions.push(Mention::named(tokens, i..i + 2, Kind::Place, label));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_found, assert_no_id};

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
}
