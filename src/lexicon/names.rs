//! The word classes of the name recognisers, from `data/names.toml`.
//!
//! `patterns.toml` holds the cue classes every stage shares (titles,
//! organisation heads); this file holds the classes only the recognisers of
//! `mentions::titled` read: office domains between a title and a name,
//! nouns that introduce a company or a movement, armed services, ship
//! prefixes. Parsed once, read-only; rule code names the class, never a word.

use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

const NAMES_TOML: &str = include_str!("../../data/names.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    offices: Offices,
    organizations: Organizations,
    people: People,
    places: Places,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Places {
    locatives: Vec<String>,
    region_adjectives: Vec<String>,
    place_nouns: Vec<String>,
    seats: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Offices {
    domains: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Organizations {
    named_treaty_heads: Vec<String>,
    introducers: Vec<String>,
    heads: Vec<String>,
    reorderable_openers: Vec<String>,
    owned_heads: Vec<String>,
    ordinal_suffixes: Vec<String>,
    services: Vec<String>,
    service_labels: Vec<(String, String)>,
    service_followers: Vec<String>,
    state_media: Vec<String>,
    office_owners: Vec<String>,
    member_nouns: Vec<String>,
    member_name_endings: Vec<String>,
    collective_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct People {
    vessel_nouns: Vec<String>,
    ship_prefixes: Vec<String>,
    meeting_objects: Vec<String>,
    meeting_subjects: Vec<String>,
    generational_suffixes: Vec<String>,
}

/// A class of words and phrases, matched token by token on lower-case words.
#[derive(Debug, Default)]
pub struct WordClass {
    words: FxHashSet<String>,
    /// Phrases of two or more words, longest first.
    phrases: Vec<Vec<String>>,
    /// The first bytes and the lengths (bit `min(len, 63)`) of the words
    /// and of the phrases' first words: a word with neither opens no item,
    /// and [`WordClass::match_at`] answers without comparing or hashing it
    /// (most words after a country are no service).
    first_bytes: [u64; 4],
    lengths: u64,
}

impl WordClass {
    fn new(items: &[String]) -> WordClass {
        let mut c = WordClass::default();
        for item in items {
            let parts: Vec<String> = item.split_whitespace().map(str::to_string).collect();
            if let Some(first) = parts.first() {
                c.mark_opener(first);
            }
            if parts.len() == 1 {
                c.words.insert(parts[0].clone());
            } else if !parts.is_empty() {
                c.phrases.push(parts);
            }
        }
        c.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        c
    }

    /// Notes that an item opens with `word` ([`WordClass::first_bytes`]).
    fn mark_opener(&mut self, word: &str) {
        if let Some(&b) = word.as_bytes().first() {
            self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        self.lengths |= 1 << word.len().min(63);
    }

    /// False when no item opens with `word` (true does not say one does).
    #[inline]
    fn may_open(&self, word: &str) -> bool {
        let Some(&b) = word.as_bytes().first() else {
            return false; // no item opens with an empty word
        };
        self.lengths & (1 << word.len().min(63)) != 0
            && self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// True when the one word is in the class.
    pub fn has(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Length in words of the longest item starting at `words[i]`.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let first = *words.get(i)?;
        if !self.may_open(first) {
            return None;
        }
        for p in &self.phrases {
            if p[0] == first
                && i + p.len() <= words.len()
                && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
            {
                return Some(p.len());
            }
        }
        self.words.contains(first).then_some(1)
    }
}

/// Every class of `data/names.toml`.
#[derive(Debug)]
pub struct NameClasses {
    /// "Defense", "Policy" in "Under Secretary of Defense for Policy Jane Roe".
    pub office_domains: WordClass,
    /// "company", "drone maker": nouns that introduce an organisation's name.
    pub org_introducers: WordClass,
    /// "Agreement", "Memorandum": capitalised, they end or open a treaty's name.
    pub named_treaty_heads: WordClass,
    /// Organisation heads beyond patterns.toml's ("Shipyard", "Fleet").
    pub org_heads: WordClass,
    /// "ministry" in "Ministry of Defense", also written "Defense Ministry".
    pub reorderable_openers: WordClass,
    /// "embassy", "ministry": a lower-case body after a demonym ("the US embassy").
    pub owned_heads: WordClass,
    /// "th" in "5th Fleet" (the tokenizer splits "5th" into 5 and th).
    pub ordinal_suffixes: WordClass,
    /// "navy", "air force", "army" after a country or demonym.
    pub services: WordClass,
    /// The label of a service written in other words ("army" -> "Military").
    pub service_labels: rustc_hash::FxHashMap<String, String>,
    /// Words after a lower-case service that make it the subject ("has", "will").
    pub service_followers: WordClass,
    /// "state TV" after a demonym.
    pub state_media: WordClass,
    /// "prime minister" in "the office of the Danish prime minister".
    pub office_owners: WordClass,
    /// "rebels", "militants" after a movement's name.
    pub member_nouns: WordClass,
    /// Endings of a name that is its members' ("Houthi" of "Houthi rebels"),
    /// whose plural names the movement; any other name before a member noun
    /// is the movement's own ("Hezbollah fighters").
    pub member_name_endings: Vec<String>,
    /// "countries" in "the two countries signed": a plural subject of
    /// several states that no name resolves.
    pub collective_nouns: WordClass,
    /// "frigate", "destroyer": a capitalised name after one is a ship.
    pub vessel_nouns: WordClass,
    /// "USS", "HMS": a name after one is a ship.
    pub ship_prefixes: WordClass,
    /// "met": two or three capitalised words after one name a person.
    pub meeting_objects: WordClass,
    /// "met", "visited": two or three capitalised words opening a clause
    /// before one name a person.
    pub meeting_subjects: WordClass,
    /// "Jr", "III": the last word of a name that is no surname.
    pub generational_suffixes: WordClass,
    /// "in", "to": a gazetteer name after one is a place.
    pub locatives: WordClass,
    /// "eastern" in "to eastern Libya": a preposition before them governs the place.
    pub region_adjectives: WordClass,
    /// "city" in "the city of Aleppo".
    pub place_nouns: WordClass,
    /// "the kremlin": a seat of government, written as one lower-case string.
    pub seats: FxHashSet<String>,
}

impl NameClasses {
    /// Parses the classes (the embedded file, or a test's).
    ///
    /// # Errors
    /// The TOML error, with its position.
    pub fn parse(text: &str) -> Result<NameClasses, toml::de::Error> {
        let f: NamesFile = toml::from_str(text)?;
        let o = &f.organizations;
        Ok(NameClasses {
            office_domains: WordClass::new(&f.offices.domains),
            org_introducers: WordClass::new(&o.introducers),
            named_treaty_heads: WordClass::new(&o.named_treaty_heads),
            org_heads: WordClass::new(&o.heads),
            reorderable_openers: WordClass::new(&o.reorderable_openers),
            owned_heads: WordClass::new(&o.owned_heads),
            ordinal_suffixes: WordClass::new(&o.ordinal_suffixes),
            services: WordClass::new(&o.services),
            service_labels: o.service_labels.iter().cloned().collect(),
            service_followers: WordClass::new(&o.service_followers),
            state_media: WordClass::new(&o.state_media),
            office_owners: WordClass::new(&o.office_owners),
            member_nouns: WordClass::new(&o.member_nouns),
            member_name_endings: o.member_name_endings.clone(),
            collective_nouns: WordClass::new(&o.collective_nouns),
            vessel_nouns: WordClass::new(&f.people.vessel_nouns),
            ship_prefixes: WordClass::new(&f.people.ship_prefixes),
            meeting_objects: WordClass::new(&f.people.meeting_objects),
            meeting_subjects: WordClass::new(&f.people.meeting_subjects),
            generational_suffixes: WordClass::new(&f.people.generational_suffixes),
            locatives: WordClass::new(&f.places.locatives),
            region_adjectives: WordClass::new(&f.places.region_adjectives),
            place_nouns: WordClass::new(&f.places.place_nouns),
            seats: f.places.seats.iter().cloned().collect(),
        })
    }
}

/// The embedded classes, parsed on first use.
pub static NAMES: LazyLock<NameClasses> =
    LazyLock::new(|| NameClasses::parse(NAMES_TOML).expect("data/names.toml parses (tested)"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_names_parse() {
        let n = NameClasses::parse(NAMES_TOML).unwrap();
        assert!(n.office_domains.has("defense"));
        assert_eq!(n.services.match_at(&["air", "force", "said"], 0), Some(2));
        assert_eq!(n.services.match_at(&["navy"], 0), Some(1));
        assert_eq!(n.services.match_at(&["said"], 0), None);
    }

    /// The openers' bytes and lengths let [`WordClass::match_at`] pass
    /// over a word at once; it answers as comparing every item would, for
    /// every item's words and for words that differ from one only in
    /// length or in its first byte.
    #[test]
    fn match_at_answers_as_every_item_compared() {
        let items: Vec<String> = [
            "army",
            "air force",
            "armed forces",
            "navy",
            "x",
            "ministry of defence",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let class = WordClass::new(&items);
        let reference = |words: &[&str], i: usize| -> Option<usize> {
            let mut best: Option<usize> = None;
            for item in &items {
                let parts: Vec<&str> = item.split_whitespace().collect();
                if words.get(i..i + parts.len()) == Some(&parts[..]) {
                    best = best.max(Some(parts.len()));
                }
            }
            best
        };
        let mut vocabulary: Vec<String> = Vec::new();
        for item in &items {
            for w in item.split_whitespace() {
                vocabulary.push(w.to_string());
                vocabulary.push(format!("{w}s"));
                vocabulary.push(w[..w.len() - 1].to_string());
                vocabulary.push(format!("b{}", &w[1..]));
            }
        }
        vocabulary.extend(["", "said", "a", "force", "é", &"y".repeat(70)].map(String::from));
        let mut tested = 0;
        for a in &vocabulary {
            for b in &vocabulary {
                for c in ["defence", "forces", "said"] {
                    let words = [a.as_str(), b.as_str(), c];
                    for i in 0..3 {
                        assert_eq!(
                            class.match_at(&words, i),
                            reference(&words, i),
                            "{words:?} {i}"
                        );
                        tested += 1;
                    }
                }
            }
        }
        assert!(tested > 1000);
        assert_eq!(class.match_at(&["air", "force"], 0), Some(2));
        assert_eq!(class.match_at(&["ministry", "of", "defence"], 0), Some(3));
        assert_eq!(class.match_at(&["ministry", "of"], 0), None);
        let names = &*NAMES;
        for service in ["navy", "army", "air force"] {
            let words: Vec<&str> = service.split(' ').collect();
            assert_eq!(names.services.match_at(&words, 0), Some(words.len()));
        }
    }

    #[test]
    fn every_class_is_lower_case() {
        for line in NAMES_TOML
            .lines()
            // Labels (`service_labels`) are written as they are shown.
            .filter(|l| !l.trim_start().starts_with('#') && !l.starts_with("service_labels"))
        {
            for (k, part) in line.split('"').enumerate() {
                if k % 2 == 1 {
                    assert_eq!(part, part.to_lowercase(), "{part:?}");
                }
            }
        }
    }
}
