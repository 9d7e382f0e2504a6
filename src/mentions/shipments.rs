//! The shipment data that is not a cue class of `data/patterns.toml`: the
//! materiel noun class generated from WordNet (`data/materiel.toml`) and
//! the frames, extra units and number words of `data/shipments.toml`.
//!
//! The unit lists and number words are merged into the patterns'
//! `[quantity]` lists when those are parsed ([`extend_quantity_cues`]), so
//! one unit automaton serves counted and uncounted shipments; the frames
//! are cue sets of their own ([`SHIPMENTS`]). Also here: the shape of a
//! model designator ("S-400", "F-16s", "TB2", "Mohajer-6").

use crate::lexicon::patterns::{CueSet, QuantityCues};
use serde::Deserialize;
use std::sync::LazyLock;

const MATERIEL_TOML: &str = include_str!("../../data/materiel.toml");
const SHIPMENTS_TOML: &str = include_str!("../../data/shipments.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MaterielFile {
    nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShipmentFile {
    units: Units,
    numbers: Numbers,
    frames: Frames,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Units {
    materiel: Vec<String>,
    personnel: Vec<String>,
    mass: Vec<String>,
    formations: Vec<String>,
    calibre_suffixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Numbers {
    words: Vec<(String, u64)>,
    partitive_counts: Vec<(String, u64)>,
    ordinal_suffixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Frames {
    send_cues: Vec<String>,
    receive_verbs: Vec<String>,
    arrival_verbs: Vec<String>,
    destination: Vec<String>,
    origin: Vec<String>,
    origin_made: Vec<String>,
    not_sent: Vec<String>,
    infinitive_heads: Vec<String>,
    of_heads: Vec<String>,
    list_cues: Vec<String>,
    package_nouns: Vec<String>,
    backshifted_modals: Vec<String>,
    conditionals: Vec<String>,
    nominal_send: Vec<String>,
    nominal_send_heads: Vec<String>,
    directive_verbs: Vec<String>,
    accusation_verbs: Vec<String>,
    agreed_origin: Vec<String>,
    pledge_verbs: Vec<String>,
    withdrawal_verbs: Vec<String>,
    movement_heads: Vec<String>,
}

fn shipment_file() -> ShipmentFile {
    toml::from_str(SHIPMENTS_TOML).expect("data/shipments.toml parses (tested)")
}

/// Adds the materiel noun class, the extra units and number words to the
/// patterns' `[quantity]` lists (before their cue sets are built).
pub fn extend_quantity_cues(q: &mut QuantityCues) {
    let materiel: MaterielFile =
        toml::from_str(MATERIEL_TOML).expect("data/materiel.toml parses (tested)");
    let f = shipment_file();
    let known: rustc_hash::FxHashSet<String> = q
        .personnel_units
        .iter()
        .chain(&q.materiel_units)
        .cloned()
        .collect();
    // A word both lists name stays where patterns.toml put it.
    q.personnel_units
        .extend(f.units.personnel.into_iter().filter(|w| !known.contains(w)));
    q.materiel_units.extend(
        materiel
            .nouns
            .into_iter()
            .chain(f.units.materiel)
            .filter(|w| !known.contains(w) && !q.personnel_units.contains(w)),
    );
    q.number_words.extend(f.numbers.words);
}

/// The shipment frames as cue sets.
pub struct Shipments {
    /// Send verbs and nouns beyond the patterns' `sent_verbs`.
    pub send_cues: CueSet,
    pub receive_verbs: CueSet,
    pub arrival_verbs: CueSet,
    pub destination: CueSet,
    pub origin: CueSet,
    /// "manufactured in", "made in": the place after it is where it was made.
    pub origin_made: CueSet,
    pub not_sent: CueSet,
    /// Verbs before "to send" that keep the subject the sender ("continue to send").
    pub infinitive_heads: CueSet,
    /// Nouns whose "of" still names what was sent ("a batch of 24 drones").
    pub of_heads: CueSet,
    /// Words that list a shipment's items ("The package will include").
    pub list_cues: CueSet,
    /// Nouns that name a shipment as a whole ("the latest aid for Ukraine").
    pub package_nouns: CueSet,
    /// "would" after "said": the future of reported speech, not speculation.
    pub backshifted_modals: CueSet,
    /// "if", "unless": a sentence with one keeps its modals speculative.
    pub conditionals: CueSet,
    /// "deployment", "dispatch": a sending noun after one of `nominal_send_heads`.
    pub nominal_send: CueSet,
    /// "announced", "ordered": verbs whose object noun of sending is the subject's.
    pub nominal_send_heads: CueSet,
    /// "told Y to send", "ordered X deployed": the directive's subject or object sends.
    /// "accused", "suspects": the actor after one, before "of" and a
    /// sending gerund, is the sender.
    pub accusation_verbs: CueSet,
    pub directive_verbs: CueSet,
    /// "promised by", "pledged by": the origin also agreed to the shipment.
    pub agreed_origin: CueSet,
    /// "pledged 18 tanks to P": a promise whose object is a counted
    /// shipment; its subject agreed to send it.
    pub pledge_verbs: CueSet,
    /// "withdrew 1,500 troops from Niger": "from" after one names the place
    /// left, not the sender.
    pub withdrawal_verbs: CueSet,
    /// "flights", "convoys": a shipment when an origin and a destination follow.
    pub movement_heads: CueSet,
    pub mass: CueSet,
    /// "Squadron", "Brigade": capitalised right after a number, a formation's name.
    pub formations: CueSet,
    pub calibre_suffixes: Vec<String>,
    pub partitive_counts: Vec<(String, u64)>,
    /// "4th", "3rd": a number written with these is an ordinal, no count.
    pub ordinal_suffixes: Vec<String>,
}

/// The embedded shipment frames, parsed on first use; their sets come from
/// the patterns' registry.
pub static SHIPMENTS: LazyLock<Shipments> = LazyLock::new(|| {
    Shipments::build(shipment_file(), &mut |items| {
        crate::lexicon::patterns::PATTERNS.cue_set(items)
    })
});

impl Shipments {
    /// The frames with each cue list made a set by `c`: the one place that
    /// names the lists ([`cue_lists`] records them through it).
    fn build(f: ShipmentFile, c: &mut dyn FnMut(&[String]) -> CueSet) -> Shipments {
        Shipments {
            send_cues: c(&f.frames.send_cues),
            receive_verbs: c(&f.frames.receive_verbs),
            arrival_verbs: c(&f.frames.arrival_verbs),
            destination: c(&f.frames.destination),
            origin: c(&f.frames.origin),
            origin_made: c(&f.frames.origin_made),
            not_sent: c(&f.frames.not_sent),
            infinitive_heads: c(&f.frames.infinitive_heads),
            of_heads: c(&f.frames.of_heads),
            list_cues: c(&f.frames.list_cues),
            package_nouns: c(&f.frames.package_nouns),
            backshifted_modals: c(&f.frames.backshifted_modals),
            conditionals: c(&f.frames.conditionals),
            nominal_send: c(&f.frames.nominal_send),
            nominal_send_heads: c(&f.frames.nominal_send_heads),
            directive_verbs: c(&f.frames.directive_verbs),
            accusation_verbs: c(&f.frames.accusation_verbs),
            agreed_origin: c(&f.frames.agreed_origin),
            pledge_verbs: c(&f.frames.pledge_verbs),
            withdrawal_verbs: c(&f.frames.withdrawal_verbs),
            movement_heads: c(&f.frames.movement_heads),
            mass: c(&f.units.mass),
            formations: c(&f.units.formations),
            calibre_suffixes: f.units.calibre_suffixes,
            partitive_counts: f.numbers.partitive_counts,
            ordinal_suffixes: f.numbers.ordinal_suffixes,
        }
    }
}

/// The cue lists of the built-in shipment frames, for the patterns' registry.
pub(crate) fn cue_lists() -> Vec<Vec<String>> {
    crate::lexicon::patterns::record_lists(|c| Shipments::build(shipment_file(), c))
}

/// True when the modal at `k` is the future of reported speech: a
/// backshifted modal ("would") after an attribution verb of the sentence
/// ("Officials said four launchers would be sent"), with no conditional in
/// the sentence ("... would be sent if talks fail" stays speculative).
pub fn reported_future(words: &[&str], k: usize) -> bool {
    let sh = &*SHIPMENTS;
    let p = &*crate::lexicon::patterns::PATTERNS;
    sh.backshifted_modals.has(words[k])
        && (0..k).any(|j| p.attribution_verbs.has(words[j]))
        && !(0..words.len()).any(|j| sh.conditionals.match_at(words, j).is_some())
}

/// True for a model designator: a word of letters then digits, joined by a
/// hyphen or not, with an optional plural "s" or a letter suffix ("S-400",
/// "Su-24", "F-16s", "TB2", "Mohajer-6", "IRIS-T", "Il-76TD"); not a plain
/// word, a number or an ordinal ("4th").
pub fn is_designator(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 2 || b.len() > 14 || !b[0].is_ascii_uppercase() {
        return false;
    }
    // One pass over the bytes: any other byte than letters, digits and
    // hyphens rules it out at once.
    let (mut digits, mut lower, mut hyphen) = (false, false, false);
    for &c in b {
        match c {
            b'0'..=b'9' => digits = true,
            b'a'..=b'z' => lower = true,
            b'A'..=b'Z' => {}
            b'-' => hyphen = true,
            _ => return false,
        }
    }
    // Letters then digits (the first byte is a letter); or "IRIS-T":
    // capitals joined by a hyphen.
    digits || hyphen && !lower
}

/// True for a word in capitals of four letters or more, or its plural
/// ("HIMARS", "ATACMS", "NASAMS", "UAVs"): a system's name after a number.
pub fn is_acronym(text: &str) -> bool {
    // Four letters at least: "GMT", "UTC" and most agencies' initials are three.
    let t = text.strip_suffix('s').unwrap_or(text);
    t.len() >= 4 && t.bytes().all(|c| c.is_ascii_uppercase())
}

/// True for a calibre between a number and its unit ("155mm", ".50-caliber").
pub fn is_calibre(text: &str) -> bool {
    let t = text.trim_start_matches('.');
    let lead = t.bytes().take_while(u8::is_ascii_digit).count();
    lead > 0
        && SHIPMENTS
            .calibre_suffixes
            .iter()
            .any(|s| t[lead..].eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_and_merge() {
        let _ = &*SHIPMENTS;
        let p = &*crate::lexicon::patterns::PATTERNS;
        assert!(p.materiel_units.has("howitzers"));
        assert!(p.materiel_units.has("destroyers"));
        assert!(p.personnel_units.has("sailors"));
        assert!(!p.materiel_units.has("peacekeepers"));
    }

    #[test]
    fn designators_have_letters_and_digits() {
        for d in [
            "S-400",
            "Su-24",
            "F-16s",
            "TB2",
            "Mohajer-6",
            "IRIS-T",
            "B-52",
        ] {
            assert!(is_designator(d), "{d}");
        }
        for d in ["4th", "2025", "Russia", "S", "-", "Kim-Jong"] {
            assert!(!is_designator(d), "{d}");
        }
        assert!(
            is_acronym("HIMARS") && is_acronym("THAAD") && !is_acronym("GMT") && !is_acronym("Uav")
        );
        assert!(is_calibre("155mm") && is_calibre(".50-caliber") && !is_calibre("155"));
    }
}
