//! The lexicon: every entity ergraph knows by name, and one automaton that
//! finds all of their names in a text at once.
//!
//! `load` parses `data/lexicon.toml` (embedded) and `--lexicon` files and adds
//! the world's countries from the keshvar crate; `matcher` builds the
//! trie (`trie`) over their names. `patterns` holds the cue classes of the rules;
//! `names` the word classes of the name recognisers; `gazetteer` the cities
//! of GeoNames.

pub mod countries;
pub mod frames;
pub mod gazetteer;
pub mod load;
pub mod matcher;
pub mod meetings;
pub mod movements;
pub mod names;
pub mod patterns;
pub mod readable;
pub mod trie;

use crate::model::{Kind, NodeId};
use std::collections::HashMap;

pub use load::{BUILTIN_LEXICON, load_lexicon};
pub use matcher::{LexMatch, Matcher};

/// A person's grammatical gender, for he/she.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: NodeId,
    pub kind: Kind,
    pub label: String,
    /// Names matched case-insensitively (upper-case letters must stay upper case).
    pub aliases: Vec<String>,
    /// Names matched case-sensitively.
    pub abbreviations: Vec<String>,
    pub gender: Option<Gender>,
    /// For a capital: the country it stands for as a government.
    pub capital_of: Option<NodeId>,
    /// Definite descriptions ("the spy agency") that name it once it was named.
    pub descriptions: Vec<String>,
    /// Adjectives of nationality ("North Korean") for a country.
    pub demonyms: Vec<String>,
    /// For a treaty known by generic names ("the mutual defence treaty"):
    /// the countries a document must name for those names to be this
    /// treaty; in a document that does not name them all, its names are
    /// another treaty's (see `mentions::parties`).
    pub parties: Vec<NodeId>,
}

/// How a surface form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Name,
    Abbreviation,
    Demonym,
    Description,
}

/// The known entities and the automaton over all their names.
#[derive(Debug)]
pub struct Lexicon {
    entities: Vec<Entity>,
    by_id: HashMap<NodeId, usize>,
    demonym_of: HashMap<NodeId, String>,
    matcher: Matcher,
}

impl Lexicon {
    /// Builds the lexicon and its automaton from entities (ids already unique).
    pub fn new(mut entities: Vec<Entity>) -> Lexicon {
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let demonym_of = entities
            .iter()
            .filter_map(|e| e.demonyms.first().map(|d| (e.id.clone(), d.clone())))
            .collect();
        let matcher = Matcher::new(&entities);
        Lexicon {
            entities,
            by_id,
            demonym_of,
            matcher,
        }
    }

    /// All entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &NodeId) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The entity at an index returned by the matcher.
    pub fn entity(&self, index: usize) -> &Entity {
        &self.entities[index]
    }

    /// The demonym of a country ("Russian" for `country:russia`).
    pub fn demonym(&self, country: &NodeId) -> Option<&str> {
        self.demonym_of.get(country).map(String::as_str)
    }

    /// Every name of every entity found in `text`, longest first, on word boundaries.
    pub fn find(&self, text: &str) -> Vec<LexMatch> {
        self.matcher.find(text)
    }

    /// [`Lexicon::find`] of `text` already cut into `tokens` (document
    /// offsets; `text` starts at `base`): the same matches, found from the
    /// tokens' starts ([`Matcher::find_in_tokens`]).
    pub fn find_in_tokens(
        &self,
        text: &str,
        base: usize,
        tokens: &[crate::text::Token],
    ) -> Vec<LexMatch> {
        self.matcher.find_in_tokens(text, base, tokens)
    }

    /// [`Lexicon::find_in_tokens`] into `found` (cleared first), so one
    /// buffer serves sentence after sentence.
    pub fn find_in_tokens_into(
        &self,
        text: &str,
        base: usize,
        tokens: &[crate::text::Token],
        found: &mut Vec<LexMatch>,
    ) {
        self.matcher.find_in_tokens_into(text, base, tokens, found);
    }
}
