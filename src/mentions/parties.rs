//! Treaties known by names that other treaties share. The lexicon may tie
//! a treaty's generic names ("the mutual defence treaty", "the
//! comprehensive strategic partnership treaty") to its parties: a document
//! that does not name every party (by name, demonym or capital) is about
//! another pair's treaty, so there the names make a treaty of their own,
//! named as the document first wrote it, never folded into the known one.
//!
//! Whether a party is named is known only at the end of the document (a
//! headline may name the treaty before its countries), so this runs on the
//! document's extraction: the mentions and claims of the treaty are renamed.

use crate::graph::ids::node_id;
use crate::lexicon::Lexicon;
use crate::model::{End, Extraction, Kind, NodeId};

/// Renames, in `ex`, each treaty of the lexicon whose parties the document
/// does not all name to the treaty the document's own words name.
pub fn separate_other_treaties(ex: &mut Extraction, lex: &Lexicon) {
    let conditioned: Vec<(&NodeId, &[NodeId])> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == Kind::Treaty)
        .filter_map(|m| lex.get(&m.id))
        .filter(|e| !e.parties.is_empty())
        .map(|e| (&e.id, e.parties.as_slice()))
        .collect();
    if conditioned.is_empty() {
        return;
    }
    // The countries the document names, a capital standing for its country.
    let mut named: Vec<&NodeId> = ex
        .mentions
        .iter()
        .filter_map(|m| match m.kind {
            Kind::Country => Some(&m.id),
            Kind::Place => lex.get(&m.id).and_then(|e| e.capital_of.as_ref()),
            _ => None,
        })
        .collect();
    named.sort();
    named.dedup();
    let mut renames: Vec<(NodeId, NodeId, String)> = Vec::new();
    for (id, parties) in conditioned {
        if parties.iter().all(|p| named.binary_search(&p).is_ok())
            || renames.iter().any(|r| &r.0 == id)
        {
            continue;
        }
        let Some(first) = ex.mentions.iter().find(|m| &m.id == id) else {
            continue;
        };
        let mut label = own_name(&first.surface);
        if node_id(Kind::Treaty, &label) == *id || label.is_empty() {
            // The known treaty's own name for another pair's treaty: the
            // countries the document names tell the two apart.
            let mut countries: Vec<&str> = named
                .iter()
                .filter_map(|c| lex.get(c))
                .filter(|e| e.kind == Kind::Country)
                .map(|e| e.label.as_str())
                .collect();
            countries.sort_unstable();
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
    words[skip..]
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let small = matches!(
                w.to_lowercase().as_str(),
                "on" | "of" | "the" | "a" | "an" | "and" | "in" | "for" | "to" | "between"
            );
            if k > 0 && small {
                return w.to_lowercase();
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
