//! Treaties known by names that other treaties share. The lexicon may tie
//! a treaty's generic names ("the mutual defence treaty", "the
//! comprehensive strategic partnership treaty") to its parties. In a
//! document about another pair's treaty the names make a treaty of their
//! own, named as the document first wrote it, never folded into the known
//! one. Which treaty a document means is read from the first sentence that
//! names the treaty with countries: all the parties make it the known one,
//! a country that is no party (without them all) another ("Putin and his
//! Iranian counterpart signed a comprehensive strategic partnership
//! treaty", though the article names North Korea later). With no such
//! sentence, the document must name every party somewhere (by name,
//! demonym or capital): a headline may name the treaty before its countries.
//!
//! The decision needs the whole document, so it runs on the document's
//! extraction: the mentions and claims of the treaty are renamed.

use super::Mention;
use crate::graph::ids::node_id;
use crate::lexicon::Lexicon;
use crate::model::{End, Extraction, Kind, NodeId};

/// For each sentence naming a treaty that has parties: the treaty and the
/// countries the sentence names, in document order.
#[derive(Debug, Default)]
pub struct TreatyContexts(Vec<(NodeId, Vec<NodeId>)>);

impl TreatyContexts {
    /// Notes the party-bound treaties of one sentence's mentions.
    pub fn note(&mut self, mentions: &[Mention], lex: &Lexicon) {
        let mut countries: Option<Vec<NodeId>> = None;
        for m in mentions {
            if m.kind != Kind::Treaty || lex.get(&m.id).is_none_or(|e| e.parties.is_empty()) {
                continue;
            }
            let named = countries.get_or_insert_with(|| {
                let mut c: Vec<NodeId> =
                    countries_named(mentions.iter().map(|m| (m.kind, &m.id)), lex)
                        .into_iter()
                        .cloned()
                        .collect();
                c.sort();
                c.dedup();
                c
            });
            self.0.push((m.id.clone(), named.clone()));
        }
    }
}

/// The countries among mentions (kind, id), a capital standing for its country.
fn countries_named<'a>(
    mentions: impl Iterator<Item = (Kind, &'a NodeId)>,
    lex: &'a Lexicon,
) -> Vec<&'a NodeId> {
    mentions
        .filter_map(|(kind, id)| match kind {
            Kind::Country => Some(id),
            Kind::Place => lex.get(id).and_then(|e| e.capital_of.as_ref()),
            _ => None,
        })
        .collect()
}

/// Renames, in `ex`, each treaty of the lexicon that the document's
/// sentences (`contexts`) or, failing them, its countries show to be
/// another one, to the treaty the document's own words name.
pub fn separate_other_treaties(ex: &mut Extraction, lex: &Lexicon, contexts: &TreatyContexts) {
    if contexts.0.is_empty() {
        return;
    }
    let mut named: Vec<&NodeId> = countries_named(ex.mentions.iter().map(|m| (m.kind, &m.id)), lex);
    named.sort();
    named.dedup();
    let mut renames: Vec<(NodeId, NodeId, String)> = Vec::new();
    for (id, _) in &contexts.0 {
        if renames.iter().any(|r| &r.0 == id) {
            continue;
        }
        let Some(parties) = lex.get(id).map(|e| e.parties.as_slice()) else {
            continue;
        };
        // The first sentence that decides, and the countries it names.
        let decided = contexts
            .0
            .iter()
            .filter(|(t, _)| t == id)
            .find_map(|(_, cs)| {
                if parties.iter().all(|p| cs.contains(p)) {
                    Some((true, cs))
                } else if cs.iter().any(|c| !parties.contains(c)) {
                    Some((false, cs))
                } else {
                    None
                }
            });
        let (known, countries): (bool, Vec<&NodeId>) = match decided {
            Some((known, cs)) => (known, cs.iter().collect()),
            None => (
                parties.iter().all(|p| named.binary_search(&p).is_ok()),
                named.clone(),
            ),
        };
        if known {
            continue;
        }
        let Some(first) = ex.mentions.iter().find(|m| &m.id == id) else {
            continue;
        };
        let mut label = own_name(&first.surface);
        if node_id(Kind::Treaty, &label) == *id || label.is_empty() {
            // The known treaty's own name for another pair's treaty: the
            // countries named tell the two apart.
            let mut countries: Vec<&str> = countries
                .iter()
                .filter_map(|c| lex.get(c))
                .filter(|e| e.kind == Kind::Country)
                .map(|e| e.label.as_str())
                .collect();
            countries.sort_unstable();
            countries.dedup();
            let base = if label.is_empty() {
                lex.get(id).map_or_else(String::new, |e| e.label.clone())
            } else {
                label
            };
            label = if countries.is_empty() {
                format!("{base} (other parties)")
            } else {
                format!("{base} ({})", countries.join(", "))
            };
        }
        renames.push((id.clone(), node_id(Kind::Treaty, &label), label));
    }
    for (old, new, label) in renames {
        for m in ex.mentions.iter_mut().filter(|m| m.id == old) {
            m.id = new.clone();
            m.label = label.clone();
        }
        for c in &mut ex.claims {
            for end in [&mut c.source, &mut c.target] {
                if matches!(end, End::Entity(e) if *e == old) {
                    *end = End::Entity(new.clone());
                }
            }
        }
    }
}

/// A treaty's name as a document writes it: without an article or quotes,
/// each word capitalised but the small ones ("mutual defense treaty" is
/// "Mutual Defense Treaty").
fn own_name(surface: &str) -> String {
    let words: Vec<&str> = surface
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”'))
        .filter(|w| !w.is_empty())
        .collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an")),
    );
    // Small words are kept small whatever their case in the text.
    let words: Vec<String> = words[skip..]
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let lower = w.to_lowercase();
            if k > 0 && super::titled::small_word(&lower) {
                lower
            } else {
                (*w).to_string()
            }
        })
        .collect();
    super::titled::treaty_name(words.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::extract_document;
    use crate::model::{End, Relation};

    /// The treaties a text's document names, and who agreed to each.
    fn treaties(text: &str) -> Vec<(String, String, Vec<String>)> {
        let lex = crate::builtin_lexicon().unwrap();
        let doc = Document::new("d".into(), "d.txt".into(), text.into(), None, None, None);
        let ex = extract_document(&doc, lex);
        let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
        for m in ex
            .mentions
            .iter()
            .filter(|m| m.kind == crate::graph::Kind::Treaty)
        {
            if out.iter().any(|t| t.0 == m.id.to_string()) {
                continue;
            }
            let mut agreed: Vec<String> = ex
                .claims
                .iter()
                .filter(|c| c.relation == Relation::Agreed)
                .filter(|c| matches!(&c.target, End::Entity(t) if *t == m.id))
                .map(|c| ex.end_label(&c.source))
                .collect();
            agreed.sort();
            agreed.dedup();
            out.push((m.id.to_string(), m.label.clone(), agreed));
        }
        out
    }

    const KNOWN: &str = "treaty:comprehensive-strategic-partnership-treaty";

    #[test]
    fn another_pairs_mutual_defence_treaty_is_its_own() {
        let found = treaties(
            "Chile and Peru signed a mutual defence treaty on Monday, the ministers said.\n\n\
             Officials said the mutual defence treaty takes effect next year.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let (id, label, agreed) = &found[0];
        assert_eq!(
            (id.as_str(), label.as_str()),
            ("treaty:mutual-defence-treaty", "Mutual Defence Treaty")
        );
        assert_eq!(agreed, &["Chile", "Peru"]);
    }

    #[test]
    fn the_known_treatys_own_name_for_another_pair_says_whose_it_is() {
        let found = treaties(
            "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "Comprehensive Strategic Partnership Treaty (Iran, Russia)"
        );
        assert_ne!(found[0].0, KNOWN);
        assert_eq!(found[0].2, ["Iran", "Russia"]);
    }

    #[test]
    fn the_sentence_that_signs_it_decides_whose_treaty_it_is() {
        // North Korea is named, but not as a party to this treaty.
        let found = treaties(
            "Russia and Iran signed a 20-year \"comprehensive strategic partnership\" treaty on Friday.\n\n\
             Unlike the pact Moscow concluded with North Korea last year, the treaty has no defence clause.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "Comprehensive Strategic Partnership Treaty (Iran, Russia)"
        );
        assert_eq!(found[0].2, ["Iran", "Russia"]);
    }

    #[test]
    fn a_document_naming_both_parties_means_the_known_treaty_even_before_naming_them() {
        // The pact is named a sentence before its countries.
        let found = treaties(
            "Officials hailed the mutual defence pact as a turning point on Thursday.\n\n\
             North Korea and Russia signed the pact in Pyongyang in June, state media said.",
        );
        assert_eq!(
            found.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            [KNOWN],
            "{found:?}"
        );
    }
}
