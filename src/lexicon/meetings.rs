//! Meeting frames (`data/meetings.toml`): events people attend together, the
//! cues that list their attendees, the verbs of "to whom X showed", and the
//! determiners that make a meeting the pair's named before.

use super::patterns::CueSet;
use serde::Deserialize;
use std::sync::LazyLock;

const MEETINGS_TOML: &str = include_str!("../../data/meetings.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingsFile {
    frames: RawFrames,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrames {
    event_nouns: Vec<String>,
    attendance: Vec<String>,
    attendance_reach: usize,
    attendee_reach: usize,
    presentation_verbs: Vec<String>,
    pair_determiners: Vec<String>,
    pair_determiner_reach: usize,
    bare_meeting_openers: Vec<String>,
}

/// The meeting frames, as cue sets.
pub struct MeetingFrames {
    /// Nouns of events attended together ("ceremony").
    pub event_nouns: CueSet,
    /// Phrases after which the attendees are named ("attended by").
    pub attendance: CueSet,
    /// How far before the attendance cue the event noun may stand.
    pub attendance_reach: usize,
    /// How far after the attendance cue the attendee list may run.
    pub attendee_reach: usize,
    /// Verbs of "X, to whom Y introduced ..." that put the two in one place.
    pub presentation_verbs: CueSet,
    /// Determiners that make a meeting noun the meeting of a pair ("their").
    pub pair_determiners: CueSet,
    /// Words allowed between such a determiner and the meeting noun.
    pub pair_determiner_reach: usize,
    /// Prepositions before a meeting noun that names no party ("during
    /// talks"): the talks of the document's last pair, if one of it is named.
    pub bare_meeting_openers: CueSet,
}

impl MeetingFrames {
    /// Parses a meetings file.
    ///
    /// # Errors
    /// The TOML error, with its position.
    pub fn parse(text: &str) -> Result<MeetingFrames, toml::de::Error> {
        let f: MeetingsFile = toml::from_str(text)?;
        Ok(MeetingFrames::build(f, &mut |items| {
            super::patterns::PATTERNS.cue_set(items)
        }))
    }

    /// The frames, each list made a set by `c` (the one place that names them).
    fn build(f: MeetingsFile, c: &mut dyn FnMut(&[String]) -> CueSet) -> MeetingFrames {
        let r = f.frames;
        MeetingFrames {
            event_nouns: c(&r.event_nouns),
            attendance: c(&r.attendance),
            attendance_reach: r.attendance_reach,
            attendee_reach: r.attendee_reach,
            presentation_verbs: c(&r.presentation_verbs),
            pair_determiners: c(&r.pair_determiners),
            pair_determiner_reach: r.pair_determiner_reach,
            bare_meeting_openers: c(&r.bare_meeting_openers),
        }
    }
}

/// The cue lists of the built-in meeting frames, for the patterns' registry.
pub(crate) fn cue_lists() -> Vec<Vec<String>> {
    let f: MeetingsFile =
        toml::from_str(MEETINGS_TOML).expect("data/meetings.toml parses (tested)");
    super::patterns::record_lists(|c| MeetingFrames::build(f, c))
}

/// The built-in meeting frames.
pub static MEETINGS: LazyLock<MeetingFrames> = LazyLock::new(|| {
    MeetingFrames::parse(MEETINGS_TOML).expect("data/meetings.toml parses (tested)")
});

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_meeting_frames_parse() {
        let f = super::MeetingFrames::parse(super::MEETINGS_TOML).unwrap();
        assert!(f.event_nouns.has("ceremony"));
        assert!(f.attendance.match_at(&["attended", "by", "x"], 0).is_some());
        assert!(f.pair_determiners.has("their"));
    }
}
