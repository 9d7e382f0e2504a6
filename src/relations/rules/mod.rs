//! The relation rules, one file per relation, run over one sentence.
//!
//! Order matters: `sent` runs first and also emits the `agreed` edges of
//! "pledged to send" / "agreed to send", so `agreed` skips those cues;
//! `deployed_to` runs last and places every counted contingent that has a
//! destination, with or without a sending verb.

pub mod agreed;
pub mod deployed_to;
pub mod met;
pub mod sent;

use super::context::Ctx;
use crate::graph::{NodeId, Relation, Status};

/// One end of a relation found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Entity(NodeId),
    /// Index into the sentence's quantities.
    Quantity(usize),
}

/// A relation a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub relation: Relation,
    pub source: Arg,
    pub target: Arg,
    pub place: Option<NodeId>,
    pub date: Option<String>,
}

/// What the sentence says of one counted contingent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuantityFacts {
    pub status: Option<Status>,
    pub from: Option<NodeId>,
    pub to: Option<NodeId>,
    pub date: Option<String>,
}

/// Runs every rule over one sentence.
pub fn sentence_relations(ctx: &Ctx) -> (Vec<Found>, Vec<QuantityFacts>) {
    let mut found = Vec::new();
    let mut facts = vec![QuantityFacts::default(); ctx.quantities.len()];
    sent::find(ctx, &mut found, &mut facts);
    // After `sent`: an origin gives a sender only to shipments no verb gave one.
    sent::find_origins(ctx, &mut found, &mut facts);
    sent::find_receipts(ctx, &mut found, &mut facts);
    // Before `agreed`: "met ..., and the two agreed" needs this sentence's meeting.
    met::find(ctx, &mut found);
    agreed::find(ctx, &mut found);
    deployed_to::find(ctx, &mut found, &mut facts);
    // One relation between the same ends once per sentence.
    let mut unique: Vec<Found> = Vec::new();
    for f in found {
        if !unique
            .iter()
            .any(|u| u.relation == f.relation && u.source == f.source && u.target == f.target)
        {
            unique.push(f);
        }
    }
    (unique, facts)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: run the whole extractor over hand-written text.
    use crate::corpus::Document;
    use crate::extract::extract_document;
    use crate::lexicon::{Lexicon, load_lexicon};
    use std::sync::LazyLock;

    static LEX: LazyLock<Lexicon> = LazyLock::new(|| load_lexicon(&[]).unwrap());

    /// "relation source -> target" lines for the claims of `text` (dated 2025-06-17).
    pub fn claims(text: &str) -> Vec<String> {
        let doc = Document::new(
            "t".into(),
            "t.txt".into(),
            format!("date 2025-06-17 {text}"),
            None,
            None,
            None,
        );
        let ex = extract_document(&doc, &LEX);
        ex.claims
            .iter()
            .map(|c| {
                format!(
                    "{} {} -> {}",
                    c.relation,
                    ex.end_label(&c.source),
                    ex.end_label(&c.target)
                )
            })
            .collect()
    }

    /// Asserts that `text` yields a claim `relation a -> b` (labels).
    #[track_caller]
    pub fn assert_claim(text: &str, relation: &str, a: &str, b: &str) {
        let want = format!("{relation} {a} -> {b}");
        let got = claims(text);
        assert!(
            got.contains(&want),
            "missing {want:?} in {got:#?}\nfor: {text}"
        );
    }

    /// Asserts that `text` yields no claim of `relation`.
    #[track_caller]
    pub fn assert_no_claim(text: &str, relation: &str) {
        let got = claims(text);
        let bad: Vec<&String> = got
            .iter()
            .filter(|c| c.starts_with(&format!("{relation} ")))
            .collect();
        assert!(bad.is_empty(), "unexpected {bad:#?}\nfor: {text}");
    }
}
