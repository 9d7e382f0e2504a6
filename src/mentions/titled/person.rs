//! People named by a title or role ("Foreign Minister Choe Son Hui",
//! "Maj. Gen. Pat Ryder"), by an appositive ("Park Sun-won, a senior
//! analyst") or by a speech verb after two or three capitalised words; their
//! names become document-local names for later surnames. Ships after a
//! vessel noun are not people.

use super::*;

/// End of a run of capitalised titles from `at` ("Maj. Gen." after "Press Secretary").
pub(super) fn title_run(tokens: &[Token], words: &[&str], at: usize) -> usize {
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
pub(super) fn office_end(tokens: &[Token], words: &[&str], at: usize) -> usize {
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
pub(super) fn is_ship_name(tokens: &[Token], words: &[&str], i: usize) -> bool {
    let n = &*NAMES;
    // The shape first: most capitalised words are not in capitals, and skip the lookup.
    let prefixed = tokens.get(i + 1).is_some_and(Token::is_capitalized)
        && tokens[i].text.chars().all(|c| c.is_uppercase())
        && n.ship_prefixes.has(words[i]);
    let after_vessel = i > 0
        && !tokens[i - 1].is_capitalized()
        && (n.vessel_nouns.has(words[i - 1])
            || i > 1 && n.vessel_nouns.match_at(words, i - 2) == Some(2));
    prefixed || after_vessel
}

/// Where a role begins: capitalised uncovered words right before the title
/// belong to it ("Security Council Secretary").
pub(super) fn role_start(tokens: &[Token], mentions: &[Mention], title: usize) -> usize {
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

pub(super) fn title_gender(words: &[&str]) -> Option<Gender> {
    let p = &*PATTERNS;
    if words.iter().any(|w| p.female_titles.has(w)) {
        Some(Gender::Female)
    } else if words.iter().any(|w| p.male_titles.has(w)) {
        Some(Gender::Male)
    } else {
        None
    }
}

pub(super) fn person(
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
        id: node_id(Kind::Person, &without_particles(label)),
        kind: Kind::Person,
        label: label.to_string(),
        surface: label.to_string(),
        form: MentionForm::Name,
        role,
        gender,
    }
}

/// The name without the particles joined to its words by a hyphen
/// ("Bashar al-Assad" is "Bashar Assad"), so both spellings are one id.
fn without_particles(label: &str) -> String {
    label
        .split(' ')
        .map(|w| after_particle(w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's first and last names become document-local names.
pub(super) fn register_person(state: &mut DocState, m: &Mention, tokens: &[Token]) {
    let mut names: Vec<&Token> = tokens[m.tok.clone()]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    // "Ferdinand Marcos Jr.": the surname is the word before the suffix.
    if names.len() >= 3
        && names
            .last()
            .is_some_and(|t| NAMES.generational_suffixes.has(&t.lower))
    {
        names.pop();
    }
    if names.len() >= 2 {
        for t in [names[0], names[names.len() - 1]] {
            state.add_local_name(t.text, &m.id, m.kind, &m.label);
            // "al-Sharaa" is "Sharaa" later on too.
            if let Some(rest) = after_particle(t.text) {
                state.add_local_name(rest, &m.id, m.kind, &m.label);
            }
            // "López" ... "Lopez": the name written without its accents too
            // (an ASCII name has none: folding only changes other letters).
            if t.text.is_ascii() {
                continue;
            }
            let plain = crate::text::fold_accents(t.text);
            if plain != t.text {
                state.add_local_name(&plain, &m.id, m.kind, &m.label);
            }
        }
    }
}

/// How many words of rank ("vice", "deputy", "first", "senior") stand
/// before a title at `k` ("vice chairman", "first deputy chief").
pub(super) fn title_prefix(words: &[&str], k: usize) -> usize {
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

/// "Park Sun-won, a senior analyst at ..." or "Jane Roe said".
pub(super) fn appositive_person(
    tokens: &[Token],
    words: &[&str],
    i: usize,
    end: usize,
) -> Option<Mention> {
    let p = &*PATTERNS;
    let n = end - i;
    // "the broadcaster Tele Sahel said": an organisation's noun introduces it.
    if i > 0 && !tokens[i - 1].is_capitalized() && NAMES.org_introducers.has(words[i - 1]) {
        return None;
    }
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
    // "... and met Mark Ellison", "Kurt Campbell visited Honiara": a verb of
    // meeting, the name its object or the subject opening the clause.
    let names = &*NAMES;
    let meeting = || {
        let name_shaped = (i..end).all(|k| {
            let t = tokens[k].text;
            t.chars().skip(1).any(char::is_lowercase)
        });
        let object = i > 0 && names.meeting_objects.has(words[i - 1]);
        let opens = i == 0 || matches!(words[i - 1], "," | "and" | "\"" | "“");
        let subject = opens && names.meeting_subjects.match_at(words, end).is_some();
        name_shaped && (object || subject)
    };
    if !(speech || appositive || meeting()) {
        return None;
    }
    let label = join(tokens, i, end);
    Some(person(tokens, i, end, &label, None, None))
}

/// True when a role follows an appositive comma at `k`: an optional owner
/// ("Poland's"), up to three lower-case modifiers and a title ("deputy
/// national defence minister", "project leader").
pub(super) fn role_after_comma(tokens: &[Token], words: &[&str], k: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_found, assert_no_id};

    #[test]
    fn a_particle_joined_by_a_hyphen_stays_in_the_name() {
        assert_found(
            "Army chief Abdel Karim al-Tamimi met the envoy in Lima.",
            "Abdel Karim al-Tamimi=person:abdel-karim-tamimi",
        );
        // Written without the particle, the same person.
        assert_found(
            "Army chief Abdel Karim Tamimi met the envoy.",
            "Abdel Karim Tamimi=person:abdel-karim-tamimi",
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
    fn a_name_a_verb_of_meeting_governs_is_a_person() {
        assert_found(
            "The envoy flew to Lima in May and met Tomas Arvelo.",
            "Tomas Arvelo=person:tomas-arvelo",
        );
        assert_found(
            "Ilse Marquardt visited Lima on Monday.",
            "Ilse Marquardt=person:ilse-marquardt",
        );
        // Not after another verb, nor in capitals.
        let text = "The envoy praised Tomas Arvelo and met NATO Members.";
        assert_no_id(text, "person:tomas-arvelo");
        assert_no_id(text, "person:nato-members");
    }

    #[test]
    fn the_surname_before_a_generational_suffix_names_the_person_later() {
        let text = "President Tomas Arvelo Jr. arrived. Later Arvelo left.";
        assert_found(text, "Arvelo=person:tomas-arvelo-jr");
    }

    #[test]
    fn a_name_a_media_noun_introduces_is_no_person() {
        let text = "The troops arrived, the broadcaster Radio Kestrel said.";
        assert_no_id(text, "person:radio-kestrel");
        assert_found(text, "Radio Kestrel=organization:radio-kestrel");
    }

    #[test]
    fn an_honorific_inside_a_name_is_part_of_it() {
        let text = "President Omar Sheikh Warsame met the envoy. Later Warsame left.";
        assert_found(text, "Omar Sheikh Warsame=person:omar-sheikh-warsame");
        assert_no_id(text, "person:omar");
        // Before the name it stays a title.
        assert_no_id(
            "Emir Sheikh Nasser Al Sabah met the envoy.",
            "person:sheikh-nasser-al-sabah",
        );
    }

    #[test]
    fn a_surname_written_without_its_accents_is_the_same_person() {
        let text = "Defense Minister Ramón Núñez spoke. Then Nunez said more.";
        assert_found(text, "Nunez=person:ramon-nunez");
    }
}
