//! The world's countries, from keshvar at build time.
//!
//! build.rs writes one [`Country`] per ISO 3166 country keshvar knows, with
//! the few fields the lexicon takes from it, into a static table: a run
//! reads names from it instead of building keshvar's records (each with its
//! translations into every language) at start-up, and the binary carries
//! these fields instead of the whole crate.

/// One country, as keshvar gives it.
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166 alpha-2 code, upper case.
    pub alpha2: &'static str,
    /// The English name, when keshvar has one.
    pub english: Option<&'static str>,
    /// ISO 3166 short name.
    pub iso_short: &'static str,
    /// ISO 3166 long (official) name.
    pub iso_long: &'static str,
    /// Other names in use ("Burma").
    pub unofficial: &'static [&'static str],
    /// Population, when known.
    pub population: Option<u64>,
    /// The demonym ("Afghan").
    pub nationality: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/countries.rs"));

/// The country of an ISO 3166 alpha-2 code, in any case.
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    let code = code.to_ascii_uppercase();
    BY_ALPHA2
        .binary_search_by(|&i| COUNTRIES[usize::from(i)].alpha2.cmp(&code))
        .ok()
        .map(|k| &COUNTRIES[usize::from(BY_ALPHA2[k])])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_what_keshvar_gives() {
        assert!(COUNTRIES.len() >= 240, "{}", COUNTRIES.len());
        assert_eq!(BY_ALPHA2.len(), COUNTRIES.len());
        let kp = by_alpha2("kp").expect("North Korea");
        assert_eq!(kp.alpha2, "KP");
        assert!(kp.iso_long.contains("Democratic People"), "{kp:?}");
        assert!(kp.population.is_some_and(|p| p > 1_000_000), "{kp:?}");
        let fr = by_alpha2("FR").expect("France");
        assert_eq!(fr.english, Some("France"));
        assert_eq!(fr.nationality, Some("French"));
        assert!(by_alpha2("ZZ").is_none());
        assert!(by_alpha2("").is_none());
    }

    #[test]
    fn every_code_is_found_by_halving() {
        for c in COUNTRIES {
            assert_eq!(by_alpha2(c.alpha2).map(|f| f.alpha2), Some(c.alpha2));
        }
    }
}
