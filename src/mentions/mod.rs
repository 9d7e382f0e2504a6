//! Mentions: where a sentence names an entity or counts a contingent.
//!
//! `lexical` maps the lexicon's matches onto tokens (capitals as places or as
//! governments, demonyms, "Russian officials"); `titled` finds names no
//! lexicon lists (title + name, organisations by their head word, places by
//! theirs, appositives, surnames); `coref` resolves pronouns and definite
//! descriptions; `quantity` finds counts with units. `classes` classifies
//! a sentence's tokens once, and every pass visits only the tokens of its
//! classes. [`DocState`] carries what earlier sentences of the same
//! document introduced.

pub mod agreements;
pub mod classes;
pub mod coref;
pub mod lexical;
pub mod outlets;
pub mod parties;
pub mod quantity;
pub mod shipments;
pub mod titled;

use crate::graph::{Category, Kind, NodeId};
use crate::lexicon::{Gender, Lexicon};
pub use crate::model::MentionForm;
use crate::text::Token;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// One mention of an entity in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range in the sentence.
    pub tok: Range<usize>,
    /// Byte span in the document.
    pub start: usize,
    pub end: usize,
    pub id: NodeId,
    pub kind: Kind,
    /// The canonical label.
    pub label: String,
    /// The text as written.
    pub surface: String,
    pub form: MentionForm,
    /// A title or role the text gives a person here.
    pub role: Option<String>,
    pub gender: Option<Gender>,
}

impl Mention {
    /// A mention of tokens `tok` as written, with no role or gender.
    pub fn spanning(
        tokens: &[Token],
        tok: Range<usize>,
        id: NodeId,
        kind: Kind,
        label: String,
        form: MentionForm,
    ) -> Mention {
        Mention {
            start: tokens[tok.start].start,
            end: tokens[tok.end - 1].end,
            surface: surface_of(tokens, tok.start, tok.end),
            tok,
            id,
            kind,
            label,
            form,
            role: None,
            gender: None,
        }
    }

    /// A [`Mention::spanning`] that names a new entity: its id is made from
    /// `kind` and `label`.
    pub fn named(tokens: &[Token], tok: Range<usize>, kind: Kind, label: String) -> Mention {
        let id = crate::model::ids::node_id(kind, &label);
        Mention::spanning(tokens, tok, id, kind, label, MentionForm::Name)
    }

    /// True when the mention can be the subject or object of a relation.
    pub fn is_actor(&self) -> bool {
        self.kind.is_actor() && self.form != MentionForm::Demonym
    }
}

/// Tokens `s..e` as the text wrote them: one space where the text had any.
pub fn surface_of(tokens: &[Token], s: usize, e: usize) -> String {
    // At most the bytes the tokens span (a run of spaces becomes one): one allocation.
    let span = match (tokens.get(s), e.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(a), Some(b)) if e > s => b.end.saturating_sub(a.start),
        _ => 0,
    };
    let mut out = String::with_capacity(span);
    for (k, t) in tokens[s..e].iter().enumerate() {
        if k > 0 && t.start > tokens[s + k - 1].end {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}

/// `text` in lower case, as [`str::to_lowercase`] writes it; an ASCII text
/// (most names and roles) is lowered in place, without a second string.
pub fn into_lowercase(text: String) -> String {
    if text.is_ascii() {
        let mut text = text;
        text.make_ascii_lowercase();
        text
    } else {
        text.to_lowercase()
    }
}

/// A counted contingent or shipment in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub tok: Range<usize>,
    pub start: usize,
    pub end: usize,
    /// `None` for a shipment named without a number, or counted vaguely.
    pub count: Option<u64>,
    pub count_max: Option<u64>,
    pub approximate: bool,
    pub unit: String,
    pub category: Category,
    /// The country a demonym inside the phrase names ("North Korean troops").
    pub origin: Option<NodeId>,
    /// True when the unit was carried over from an earlier contingent ("an additional 3,000").
    pub elided: bool,
    /// True for a vague count ("thousands of"): never merged with an exact one.
    pub vague: bool,
    /// True for a count of the dead or hurt, kept only so that a later "the
    /// soldiers" is not taken for an earlier contingent.
    pub blocked: bool,
}

/// A person introduced earlier in the document, for pronouns and descriptions.
#[derive(Debug, Clone)]
pub struct Introduced {
    pub id: NodeId,
    pub kind: Kind,
    pub label: String,
    pub gender: Option<Gender>,
    pub roles: Vec<String>,
    /// The names it was given in this document.
    pub names: Vec<String>,
    /// How often the document mentioned it so far.
    pub count: usize,
    pub sentence: usize,
}

/// What earlier sentences of a document introduced.
#[derive(Debug, Default)]
pub struct DocState {
    /// Entities named so far, in order of last mention.
    pub history: Vec<Introduced>,
    /// Ids named so far (for definite descriptions).
    pub seen: FxHashSet<NodeId>,
    /// Surnames, given names and abbreviations defined in this document;
    /// `None` when two entities share one.
    pub local_names: FxHashMap<String, Option<(NodeId, Kind, String)>>,
    /// The last counted unit, for "an additional 3,000".
    pub last_unit: Option<(String, Category)>,
    /// The last contingents counted, for "the engineers" later.
    pub recent: Vec<Quantity>,
    /// Index of the sentence being read.
    pub sentence: usize,
}

/// Room made at a document's first entity in [`DocState`]'s tables.
const DOC_ENTITIES: usize = 32;

impl DocState {
    /// Records a mention as introduced in the current sentence.
    pub fn remember(&mut self, m: &Mention) {
        let sentence = self.sentence;
        // `seen` holds exactly the ids of `history`: an id new to it (one
        // hash) is new to both, and the history is searched only for an id
        // it held (from the end, where the entities mentioned lately are; an
        // id is there once).
        if self.seen.capacity() == 0 {
            // A document names a few dozen entities: room for them at once,
            // not grown (and every id hashed again) at 3, 7, 14 and 28.
            self.seen.reserve(DOC_ENTITIES);
            self.history.reserve(DOC_ENTITIES);
        }
        let new = self.seen.insert(m.id.clone());
        let pos = if new {
            None
        } else {
            self.history.iter().rposition(|h| h.id == m.id)
        };
        if let Some(pos) = pos {
            // The entity moves to the end, as the last mentioned.
            self.history[pos..].rotate_left(1);
            let h = self.history.last_mut().expect("pos is in the history");
            h.sentence = sentence;
            h.count += 1;
            if h.gender.is_none() {
                h.gender = m.gender;
            }
            if m.form == MentionForm::Name && !h.names.contains(&m.surface) {
                h.names.push(m.surface.clone());
            }
            if let Some(r) = &m.role
                && !h.roles.contains(r)
            {
                h.roles.push(r.clone());
            }
        } else {
            self.history.push(Introduced {
                id: m.id.clone(),
                kind: m.kind,
                label: m.label.clone(),
                gender: m.gender,
                roles: match &m.role {
                    Some(r) => vec![r.clone()],
                    None => Vec::new(),
                },
                names: vec![m.surface.clone()],
                count: 1,
                sentence,
            });
        }
    }

    /// Registers a document-local name (surname, abbreviation) for an entity.
    pub fn add_local_name(&mut self, name: &str, id: &NodeId, kind: Kind, label: &str) {
        use std::collections::hash_map::Entry;
        if self.local_names.capacity() == 0 {
            self.local_names.reserve(DOC_ENTITIES);
        }
        // One hash per name; an entry that already says the same is left as it is.
        let key = if name.is_ascii() {
            name.to_ascii_lowercase()
        } else {
            name.to_lowercase()
        };
        match self.local_names.entry(key) {
            Entry::Occupied(mut e) => match e.get() {
                Some((other, _, _)) if other != id => {
                    e.insert(None);
                }
                None => {}
                Some((_, k, l)) if *k == kind && l == label => {}
                Some(_) => {
                    e.insert(Some((id.clone(), kind, label.to_string())));
                }
            },
            Entry::Vacant(e) => {
                e.insert(Some((id.clone(), kind, label.to_string())));
            }
        }
    }
}

/// Everything found in one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceMentions {
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
}

/// Finds the mentions and quantities of one sentence, updating the document state.
pub fn find_mentions(
    sentence: &str,
    base: usize,
    tokens: &[Token],
    lex: &Lexicon,
    state: &mut DocState,
) -> SentenceMentions {
    let mut words = Vec::with_capacity(tokens.len());
    let mut classes = classes::Classes::default();
    classes.build_listing(tokens, &mut words);
    find_mentions_in(sentence, base, tokens, &words, &classes, lex, state)
}

/// [`find_mentions`] with the tokens already classified (`classes`) and
/// their lower-case forms listed (`words[k]` is `tokens[k].lower`), both by
/// the one walk of [`classes::Classes::build_listing`]: every pass reads
/// that classification (the relation rules then take theirs from it too).
pub fn find_mentions_in(
    sentence: &str,
    base: usize,
    tokens: &[Token],
    words: &[&str],
    classes: &classes::Classes,
    lex: &Lexicon,
    state: &mut DocState,
) -> SentenceMentions {
    // The tokens were classified once: every pass below visits only the
    // tokens of its classes.
    debug_assert_eq!(classes.flags.len(), tokens.len());
    let mut mentions = lexical::lexicon_mentions_in(sentence, base, tokens, words, lex, state);
    titled::name_mentions(tokens, words, classes, lex, state, &mut mentions);
    titled::lowercase_treaties(tokens, classes, &mut mentions);
    // After the named treaties, before coref: "the deal" may be one named here.
    agreements::agreement_mentions(tokens, words, classes, state, &mut mentions);
    agreements::agreement_parties(tokens, classes, lex, &mut mentions);
    outlets::outlet_mentions(tokens, words, classes, &mut mentions);
    coref::resolve(tokens, classes, state, &mut mentions);
    mentions.sort_by_key(|m| m.tok.start);
    let quantities = quantity::find_quantities_in(tokens, words, classes, &mentions, state);
    for m in &mentions {
        if m.form != MentionForm::Demonym {
            state.remember(m);
        }
    }
    SentenceMentions {
        mentions,
        quantities,
    }
}

/// True when token `i` is inside any mention.
pub fn covered(mentions: &[Mention], i: usize) -> bool {
    mentions.iter().any(|m| m.tok.contains(&i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ids::node_id;

    fn mention(kind: Kind, label: &str, role: Option<&str>) -> Mention {
        Mention {
            tok: 0..1,
            start: 0,
            end: label.len(),
            id: node_id(kind, label),
            kind,
            label: label.to_string(),
            surface: label.to_string(),
            form: MentionForm::Name,
            role: role.map(str::to_string),
            gender: None,
        }
    }

    #[test]
    fn lowering_in_place_is_lowering() {
        for t in [
            "Foreign Minister",
            "MAJ. GEN.",
            "Präsident Ölund",
            "ÉTAT",
            "x",
            "",
        ] {
            assert_eq!(into_lowercase(t.to_string()), t.to_lowercase(), "{t}");
        }
    }

    #[test]
    fn remembering_moves_an_entity_to_the_end_and_counts_it() {
        let mut state = DocState::default();
        let a = mention(Kind::Person, "Jan Kowal", None);
        let b = mention(Kind::Country, "Peru", None);
        let c = mention(Kind::Person, "Ana Roe", Some("minister"));
        state.remember(&a);
        state.remember(&b);
        state.remember(&c);
        state.sentence = 4;
        let mut a2 = mention(Kind::Person, "Jan Kowal", Some("general"));
        a2.surface = "Kowal".to_string();
        state.remember(&a2);
        let order: Vec<&str> = state.history.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(order, ["Peru", "Ana Roe", "Jan Kowal"]);
        let h = &state.history[2];
        assert_eq!((h.count, h.sentence), (2, 4));
        assert_eq!(h.names, ["Jan Kowal", "Kowal"]);
        assert_eq!(h.roles, ["general"]);
        assert_eq!(state.history[1].roles, ["minister"]);
        assert!(state.history[0].roles.is_empty());
        assert_eq!(state.seen.len(), 3);
        assert!(state.history.iter().all(|h| state.seen.contains(&h.id)));
        // A third mention of the middle one moves it last, the others keep their order.
        state.remember(&b);
        let order: Vec<&str> = state.history.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(order, ["Ana Roe", "Jan Kowal", "Peru"]);
        assert_eq!(state.history[2].count, 2);
    }
}
