//! Attribution frames (`data/attribution.toml`): cue phrases with the slot
//! that holds the speaker, clause openers after a speaker's verb, and the
//! pronouns that stand for the last organisation named.

use super::patterns::CueSet;
use serde::Deserialize;
use std::sync::LazyLock;

const FRAMES_TOML: &str = include_str!("../../data/attribution.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FramesFile {
    frames: RawFrames,
    outlets: RawOutlets,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlets {
    reporting_verbs: Vec<String>,
    outlet_nouns: Vec<String>,
    state_outlets: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrames {
    source_after: Vec<String>,
    source_before: Vec<String>,
    passive_by: Vec<String>,
    passive_by_reach: usize,
    clause_openers: Vec<String>,
    clause_reach: usize,
    org_pronouns: Vec<String>,
    org_pronoun_reach: usize,
    verbs: Vec<String>,
    participles: Vec<String>,
    coordinators: Vec<String>,
    speaker_nouns: Vec<String>,
    speaker_counts: Vec<String>,
    new_things: Vec<String>,
    addressee_verbs: Vec<String>,
}

/// The attribution frames, as cue sets.
pub struct Frames {
    /// The actor right after the cue is a source.
    pub source_after: CueSet,
    /// The actor right before the cue is a source.
    pub source_before: CueSet,
    /// Participles whose later "by" names a source.
    pub passive_by: CueSet,
    pub passive_by_reach: usize,
    /// Words that open a reported clause after a speaker's verb.
    pub clause_openers: CueSet,
    pub clause_reach: usize,
    /// Subject pronouns of a speaker's verb that stand for an organisation.
    pub org_pronouns: CueSet,
    pub org_pronoun_reach: usize,
    /// Speakers' verbs beyond `attribution_verbs` (phrases allowed).
    pub verbs: CueSet,
    /// Participles whose speaker is the sentence's main subject.
    pub participles: CueSet,
    /// Words that coordinate a speaker's verb with an earlier verb.
    pub coordinators: CueSet,
    /// Head nouns of a description that speaks ("a security source").
    pub speaker_nouns: CueSet,
    /// Words that count a description's speakers ("two diplomats said").
    pub speaker_counts: CueSet,
    /// Openers of a reported clause about something new ("a further package").
    pub new_things: CueSet,
    /// Speakers' verbs whose object is who is told, not what is reported.
    pub addressee_verbs: CueSet,
    /// Verbs whose unknown capitalised subject is an outlet.
    pub reporting_verbs: CueSet,
    /// Nouns that make the unknown name after them an outlet.
    pub outlet_nouns: CueSet,
    /// Phrases that, after a demonym, name a state outlet.
    pub state_outlets: CueSet,
}

impl Frames {
    /// Parses a frames file; its sets come from the patterns' registry.
    pub fn parse(text: &str) -> Result<Frames, toml::de::Error> {
        let f: FramesFile = toml::from_str(text)?;
        Ok(Frames::build(f, &mut |items| {
            super::patterns::PATTERNS.cue_set(items)
        }))
    }

    /// The frames with each cue list made a set by `c`: the one place that
    /// names the lists ([`cue_lists`] records them through it).
    fn build(f: FramesFile, c: &mut dyn FnMut(&[String]) -> CueSet) -> Frames {
        let r = f.frames;
        let o = f.outlets;
        Frames {
            source_after: c(&r.source_after),
            source_before: c(&r.source_before),
            passive_by: c(&r.passive_by),
            passive_by_reach: r.passive_by_reach,
            clause_openers: c(&r.clause_openers),
            clause_reach: r.clause_reach,
            org_pronouns: c(&r.org_pronouns),
            org_pronoun_reach: r.org_pronoun_reach,
            verbs: c(&r.verbs),
            participles: c(&r.participles),
            coordinators: c(&r.coordinators),
            speaker_nouns: c(&r.speaker_nouns),
            speaker_counts: c(&r.speaker_counts),
            new_things: c(&r.new_things),
            addressee_verbs: c(&r.addressee_verbs),
            reporting_verbs: c(&o.reporting_verbs),
            outlet_nouns: c(&o.outlet_nouns),
            state_outlets: c(&o.state_outlets),
        }
    }
}

/// The cue lists of the built-in frames, for the patterns' registry.
pub(crate) fn cue_lists() -> Vec<Vec<String>> {
    let f: FramesFile = toml::from_str(FRAMES_TOML).expect("data/attribution.toml parses (tested)");
    super::patterns::record_lists(|c| Frames::build(f, c))
}

/// The built-in frames.
pub static FRAMES: LazyLock<Frames> =
    LazyLock::new(|| Frames::parse(FRAMES_TOML).expect("data/attribution.toml parses (tested)"));

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_frames_parse() {
        let f = super::Frames::parse(super::FRAMES_TOML).unwrap();
        assert!(f.source_after.has("per"));
        assert!(f.org_pronouns.has("it"));
    }

    /// The frames' sets are registered with the patterns: each has a token
    /// bit, so a token that is none of their words rules them out unasked.
    #[test]
    fn frame_sets_have_token_bits() {
        let f = &*super::FRAMES;
        let sh = &*crate::mentions::shipments::SHIPMENTS;
        let tokens = crate::text::tokenize("Per the agency, the weather was calm.", 0);
        let (per, weather) = (&tokens[0], &tokens[4]);
        assert!(f.source_after.may(per) && f.source_after.has(&per.lower));
        assert!(!f.source_after.may(weather));
        assert!(!f.verbs.may(weather) && !sh.send_cues.may(weather));
        let cues = tokens.iter().fold(0, |c, t| c | t.cues);
        assert!(f.source_after.may_in(cues));
        assert!(!sh.arrival_verbs.may_in(cues));
    }
}
