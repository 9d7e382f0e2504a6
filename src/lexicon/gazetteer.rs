//! The gazetteer: cities no lexicon entry lists, from `data/places.tsv`.
//!
//! The file is generated from GeoNames by `scripts/gen_places.py` (source,
//! licence and filters in its header). Each line is a name and the ISO
//! 3166 alpha-2 code of its country. Parsed once on first use into a hash
//! map by lower-case name; `mentions::titled` looks a capitalised run up
//! only where a place is expected (after a locative preposition).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

const PLACES_TSV: &str = include_str!("../../data/places.tsv");

/// One city of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerPlace {
    /// The name as GeoNames writes it.
    pub label: &'static str,
    /// ISO 3166 alpha-2 code of its country.
    pub country: &'static str,
}

/// Cities by lower-case name, and the most words any name has.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: FxHashMap<String, GazetteerPlace>,
    max_words: usize,
}

impl Gazetteer {
    fn parse(text: &'static str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((label, country)) = line.split_once('\t') else {
                continue;
            };
            g.max_words = g.max_words.max(label.split_whitespace().count());
            g.places
                .insert(label.to_lowercase(), GazetteerPlace { label, country });
        }
        g
    }

    /// The city named `name` (any case), if listed.
    pub fn get(&self, name: &str) -> Option<&GazetteerPlace> {
        self.places.get(&name.to_lowercase())
    }

    /// The most words a listed name has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

/// The embedded gazetteer, parsed on first use.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(PLACES_TSV));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_gazetteer_lists_cities_with_their_country() {
        let g = &*GAZETTEER;
        assert_eq!(g.get("aleppo").map(|p| p.country), Some("SY"));
        assert_eq!(g.get("Caracas").map(|p| p.label), Some("Caracas"));
        assert!(g.max_words() >= 2);
    }

    #[test]
    fn stop_words_and_given_names_are_not_places() {
        for w in [
            "nice", "reading", "austin", "lincoln", "victoria", "jackson",
        ] {
            assert!(GAZETTEER.get(w).is_none(), "{w}");
        }
    }
}
