//! One classification of a sentence's tokens, made in the one walk over
//! them after tokenizing ([`Classes::build_listing`], called by
//! `extract::extract_document`) and read by every mention pass, the dates
//! and the relation rules.
//!
//! Each pass starts its rules at a few kinds of token (a capitalised word, a
//! number, a unit noun, "the", a treaty noun, a pronoun). Instead of each
//! pass walking all the tokens again to find its own starting points, one
//! walk sets a few class bits per token ([`Classes::flags`]) and lists the
//! positions of the largest classes ([`Classes::caps`],
//! [`Classes::counts`]) and of every classed token ([`Classes::marked`]); a
//! pass visits only the tokens of its classes. The same walk lists what the
//! relations read: the tokens where a rule's scan may start, the clause
//! breaks ([`crate::relations::context::Ctx::with_classes`] takes both),
//! the words a date may start at and the or of the cue bits. The bits are
//! filters: a pass still asks its exact question at a token it visits, so
//! a bit may be set where no rule fires, never unset where one would. The
//! buffers are reused from sentence to sentence.

use super::agreements::AGREEMENTS;
use super::quantity::CountStarts;
use super::shipments::SHIPMENTS;
use crate::lexicon::frames::FRAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS, Patterns};
use crate::relations::context::StartMasks;
use crate::relations::dates::OPENINGS;
use crate::text::{Token, TokenKind};

/// The class bits of one sentence's tokens, and the positions of the largest classes.
#[derive(Debug, Default, Clone)]
pub struct Classes {
    /// `flags[k]`: the class bits of token `k` ([`Classes::CAP`] ...).
    pub flags: Vec<u16>,
    /// The or of every token's bits: a pass whose classes are absent from it has nothing to do.
    pub union: u16,
    /// Positions of the tokens that open a name rule: capitalised words and title cues.
    pub caps: Vec<usize>,
    /// Positions of the tokens that may start a count ([`Classes::COUNT`]).
    pub counts: Vec<usize>,
    /// Positions of the tokens with any class bit, in order: what
    /// [`Classes::positions`] reads, so a pass visits a third of the tokens
    /// or fewer and no pass walks them all again.
    pub marked: Vec<u32>,
    /// The or of every token's cue bits ([`Token::cues`]): the relation
    /// rules' [`crate::relations::context::Ctx::cues`].
    pub cues: u128,
    /// Positions at which a relation rule's scan may start
    /// ([`crate::relations::context::StartMasks::is_start`]), in order.
    pub starts: Vec<u32>,
    /// Positions of the clause breaks (`clause_breaks`), in order.
    pub breaks: Vec<u32>,
    /// Positions of the words a date may start at
    /// ([`crate::relations::dates::DateOpenings::may_start`]), in order.
    pub dates: Vec<u32>,
}

/// The token masks ([`CueSet::token_mask`]) of the cue sets the classes are
/// read from, made once: a class by cue bits is one test of the token's bits.
struct Masks {
    titles: u128,
    units: u128,
    treaty: u128,
    agreement_heads: u128,
    outlet_starts: u128,
    pronouns: u128,
    movement: u128,
    org_openers: u128,
    send: u128,
    /// A sending set without a registry bit may match at any token.
    send_always: bool,
    /// What lists the relation rules' starts and clause breaks.
    rules: StartMasks,
    /// The or of the masks above: a token with none of these bits (most
    /// words) is passed over with one test.
    any: u128,
    /// Per id of the shared cue vocabulary ([`crate::lexicon::patterns::Vocab`]):
    /// what the walk reads of the word, made once at start-up. A token whose
    /// lower case is the vocabulary's copy of a word (every cue word the
    /// tokenizer meets) is classified from it without testing the word again.
    words: Vec<WordInfo>,
}

/// What the walk reads of a word, whatever the token's kind and shape:
/// [`Masks::words`] holds it for each vocabulary word, made by the same
/// functions the walk calls for any other word ([`word_bits`],
/// [`cue_bits`], the rules' starts and breaks, the date openings).
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    /// The cue bits it was made from: a token with other bits (none the
    /// tokenizer makes) is classified on the spot instead.
    cues: u128,
    /// [`word_bits`] of the word.
    word: u16,
    /// [`cue_bits`] of the word.
    cue: u16,
    /// A number word ("four"); a compound one ("ninety-three"), which
    /// counts for a hyphenated token only ([`CountStarts::is_number_word`]).
    number: bool,
    compound: bool,
    /// Listed in [`Classes::starts`], [`Classes::breaks`], [`Classes::dates`].
    start: bool,
    brk: bool,
    date: bool,
}

impl WordInfo {
    /// The info of the lower-case word `w` with the cue bits `cues`.
    fn of(w: &str, cues: u128, m: &Masks, p: &Patterns, n: &CountStarts) -> WordInfo {
        let (number, compound) = n.number_word_parts(w);
        // The rules' tests read the token's cue bits and its word only.
        let t = Token {
            start: 0,
            end: w.len(),
            kind: TokenKind::Word,
            text: w,
            lower: std::borrow::Cow::Borrowed(w),
            cues,
            shape: 0,
        };
        let (start, brk) = rule_lists(&t, w, m.rules, &p.clause_breaks);
        WordInfo {
            cues,
            word: word_bits(w),
            cue: cue_bits(cues, w, m, p),
            number,
            compound,
            start,
            brk,
            date: OPENINGS.may_start(w),
        }
    }

    /// The class bits of token `t`, whose word this is the info of:
    /// [`classify`] with the word's part read from here.
    #[inline(always)]
    fn classify(&self, t: &Token, m: &Masks) -> u16 {
        let mut f = self.word;
        match t.kind {
            TokenKind::Number => f |= Classes::COUNT,
            TokenKind::Word => {
                if f & Classes::COUNT == 0 && (self.number || t.is_hyphenated() && self.compound) {
                    f |= Classes::COUNT;
                }
            }
            _ => f &= !Classes::COUNT,
        }
        f | shape_bits(t, m) | self.cue
    }
}

/// Whether token `t` (lower case `w`) is listed as a rule's start and as
/// a clause break.
#[inline(always)]
fn rule_lists(t: &Token, w: &str, r: StartMasks, breaks: &CueSet) -> (bool, bool) {
    if t.cues & r.any() != 0 || r.every {
        (r.is_start(t, w), breaks.may(t) && breaks.has(w))
    } else {
        (false, false)
    }
}

static MASKS: std::sync::LazyLock<Masks> = std::sync::LazyLock::new(|| {
    let p = &*PATTERNS;
    let f = &*FRAMES;
    let mut m = Masks {
        titles: p.titles.token_mask(),
        units: CueSet::mask_of(&[&p.personnel_units, &p.materiel_units]),
        treaty: p.treaty_heads.token_mask(),
        agreement_heads: AGREEMENTS.head_words.token_mask(),
        outlet_starts: CueSet::mask_of(&[
            &f.state_outlets,
            &f.outlet_nouns,
            &f.reporting_verbs,
            &p.attribution_verbs,
        ]),
        pronouns: CueSet::mask_of(&[&p.male, &p.female, &f.org_pronouns]),
        movement: SHIPMENTS.movement_heads.token_mask(),
        org_openers: p.org_openers.token_mask(),
        send: 0,
        send_always: false,
        rules: StartMasks::get(),
        any: 0,
        words: Vec::new(),
    };
    let sh = &*SHIPMENTS;
    let sending = [
        &p.sent_verbs,
        &p.sent_nouns,
        &sh.send_cues,
        &sh.receive_verbs,
        &sh.arrival_verbs,
        &sh.nominal_send,
    ];
    m.send = CueSet::mask_of(&sending);
    m.send_always = sending.iter().any(|s| s.token_mask() == u128::MAX);
    m.any = m.titles
        | m.units
        | m.treaty
        | m.agreement_heads
        | m.outlet_starts
        | m.pronouns
        | m.movement
        | m.org_openers
        | m.send;
    let n = CountStarts::get();
    m.words = (0..p.vocab.word_count())
        .map(|id| {
            let (w, cues) = p.vocab.entry(id);
            WordInfo::of(w, cues, &m, p, &n)
        })
        .collect();
    m
});

impl Classes {
    /// A capitalised word.
    pub const CAP: u16 = 1;
    /// A word that may open a title ("Minister", "Maj."), by its cue bits.
    pub const TITLE: u16 = 1 << 1;
    /// A token that may start a count: digits, a number word ("four",
    /// "ninety-three", "thousands"), "tens" or "a" ("a pair of").
    pub const COUNT: u16 = 1 << 2;
    /// "the".
    pub const THE: u16 = 1 << 3;
    /// A word that may be a personnel or materiel unit, by its cue bits.
    pub const UNIT: u16 = 1 << 4;
    /// A word that may start or end a cue of sending, receiving or arriving
    /// (`sent_verbs`, `sent_nouns`, `send_cues`, `receive_verbs`,
    /// `arrival_verbs`, `nominal_send`), by its cue bits: a sentence without one names no
    /// shipment without a number.
    pub const SEND: u16 = 1 << 5;
    /// A treaty noun ("treaty", "pact"): in `treaty_heads`.
    pub const TREATY: u16 = 1 << 6;
    /// "agreement", "deal", "memorandum": heads of "agreement on ...".
    pub const AGREEMENT_ON: u16 = 1 << 7;
    /// A word that may be an agreement head noun, by its cue bits.
    pub const AGREEMENT_HEAD: u16 = 1 << 8;
    /// A word that may start an outlet rule (state outlet, outlet noun,
    /// reporting or attribution verb), by its cue bits.
    pub const OUTLET: u16 = 1 << 9;
    /// A word that may be a pronoun coref resolves, by its cue bits.
    pub const PRONOUN: u16 = 1 << 10;
    /// A word that may be a movement head ("flights", "convoys"), by its cue bits.
    pub const MOVEMENT: u16 = 1 << 11;
    /// A word that may open an organisation's name ("Ministry", "Office"),
    /// by the cue bits of `org_openers`.
    pub const ORG_OPENER: u16 = 1 << 12;
    /// "border" or "frontier".
    pub const BORDER: u16 = 1 << 13;
    /// A word with a hyphen in it ([`Token::is_hyphenated`]): where the
    /// parties of "the Russia-North Korea treaty" are looked for.
    pub const HYPHEN: u16 = 1 << 14;

    /// The class bits of one token.
    pub fn of(t: &Token) -> u16 {
        classify(t, &MASKS, &PATTERNS, &CountStarts::get())
    }

    /// Classifies `tokens`, reusing the buffers of the sentence before.
    pub fn build(&mut self, tokens: &[Token]) {
        self.walk(tokens, |_| {});
    }

    /// [`Classes::build`] that also lists the tokens' lower-case forms in
    /// `words` (cleared first): the list every pass reads, made in the same
    /// walk.
    pub fn build_listing<'a>(&mut self, tokens: &'a [Token<'a>], words: &mut Vec<&'a str>) {
        words.clear();
        // One extend (a loop with no capacity test per word), not a push
        // per token inside the walk.
        words.extend(tokens.iter().map(|t| t.lower.as_ref()));
        self.walk(tokens, |_| {});
    }

    /// The one walk over a sentence's tokens: each token's class bits, the
    /// position lists, the or of the cue bits, the rules' starts and clause
    /// breaks, and where a date may start; `each` is called with every token.
    #[inline(always)]
    fn walk<'a>(&mut self, tokens: &'a [Token<'a>], mut each: impl FnMut(&'a Token<'a>)) {
        self.flags.clear();
        self.caps.clear();
        self.counts.clear();
        self.marked.clear();
        self.starts.clear();
        self.breaks.clear();
        self.dates.clear();
        self.flags.reserve(tokens.len());
        // The tables once per sentence, not once per token.
        let (m, p, n) = (&*MASKS, &*PATTERNS, CountStarts::get());
        let (vocab, words) = (&*p.vocab, m.words.as_slice());
        let r = m.rules;
        let breaks = &p.clause_breaks;
        let openings = &*OPENINGS;
        let mut union = 0;
        let mut cues = 0;
        for (k, t) in tokens.iter().enumerate() {
            each(t);
            let w = t.lower.as_ref();
            // A vocabulary word's info is made once; any other word (most
            // words, with no cue bits) is tested here.
            let known = vocab
                .interned_id(w)
                .and_then(|id| words.get(id))
                .filter(|i| i.cues == t.cues);
            let (f, (start, brk), date) = match known {
                Some(i) => (i.classify(t, m), (i.start, i.brk), i.date),
                None => (
                    classify(t, m, p, &n),
                    rule_lists(t, w, r, breaks),
                    openings.may_start(w),
                ),
            };
            self.list(k, f, start, brk, date);
            union |= f;
            cues |= t.cues;
        }
        self.union = union;
        self.cues = cues;
    }

    /// Lists token `k`: its class bits `f`, and whether it is a rule's
    /// start, a clause break, a date's opening.
    #[inline(always)]
    fn list(&mut self, k: usize, f: u16, start: bool, brk: bool, date: bool) {
        self.flags.push(f);
        // Most tokens (a plain lower-case word, a comma) are in no list:
        // one test passes them over.
        if f == 0 && !(start | brk | date) {
            return;
        }
        if f != 0 {
            self.marked.push(k as u32);
        }
        if f & (Classes::CAP | Classes::TITLE) != 0 {
            self.caps.push(k);
        }
        if f & Classes::COUNT != 0 {
            self.counts.push(k);
        }
        if start {
            self.starts.push(k as u32);
        }
        if brk {
            self.breaks.push(k as u32);
        }
        if date {
            self.dates.push(k as u32);
        }
    }

    /// The classification of `tokens` in new buffers.
    pub fn of_tokens(tokens: &[Token]) -> Classes {
        let mut c = Classes::default();
        c.build(tokens);
        c
    }

    /// True when token `k` has any of the bits `mask`.
    #[inline]
    pub fn is(&self, k: usize, mask: u16) -> bool {
        self.flags.get(k).is_some_and(|f| f & mask != 0)
    }

    /// True when some token has any of the bits `mask`.
    #[inline]
    pub fn any(&self, mask: u16) -> bool {
        self.union & mask != 0
    }

    /// The positions of the tokens with any of the bits `mask`, in order,
    /// read from [`Classes::marked`] (not a walk over every token).
    pub fn positions(&self, mask: u16) -> impl Iterator<Item = usize> + '_ {
        let flags = &self.flags;
        self.marked
            .iter()
            .map(|&k| k as usize)
            .filter(move |&k| flags.get(k).is_some_and(|f| f & mask != 0))
    }
}

/// The class bits of `t`, from the tables `m`, `p` and `n`.
#[inline(always)]
fn classify(t: &Token, m: &Masks, p: &Patterns, n: &CountStarts) -> u16 {
    let w = t.lower.as_ref();
    let mut f = word_bits(w);
    // A count starts at digits, or at a word (`CountStarts::may_start`):
    // "a" and "tens" are told by `word_bits`, number words here.
    match t.kind {
        TokenKind::Number => f |= Classes::COUNT,
        TokenKind::Word => {
            if f & Classes::COUNT == 0 && n.is_number_word(t) {
                f |= Classes::COUNT;
            }
        }
        _ => f &= !Classes::COUNT,
    }
    f | shape_bits(t, m) | cue_bits(t.cues, w, m, p)
}

/// The class bits told by the token's shape ([`Classes::CAP`],
/// [`Classes::HYPHEN`]), and [`Classes::SEND`] when a sending set may
/// match any token.
#[inline(always)]
fn shape_bits(t: &Token, m: &Masks) -> u16 {
    let mut f = 0;
    if t.is_capitalized() {
        f |= Classes::CAP;
    }
    if t.is_hyphenated() {
        f |= Classes::HYPHEN;
    }
    if m.send_always {
        f |= Classes::SEND;
    }
    f
}

/// The class bits told by a word's cue bits `c` (and, for a treaty noun,
/// the word `w`).
#[inline(always)]
fn cue_bits(c: u128, w: &str, m: &Masks, p: &Patterns) -> u16 {
    if c & m.any == 0 {
        return 0;
    }
    let mut f = 0;
    if c & m.titles != 0 {
        f |= Classes::TITLE;
    }
    if c & m.units != 0 {
        f |= Classes::UNIT;
    }
    if c & m.treaty != 0 && p.treaty_heads.has(w) {
        f |= Classes::TREATY;
    }
    if c & m.agreement_heads != 0 {
        f |= Classes::AGREEMENT_HEAD;
    }
    if c & m.outlet_starts != 0 {
        f |= Classes::OUTLET;
    }
    if c & m.pronouns != 0 {
        f |= Classes::PRONOUN;
    }
    if c & m.movement != 0 {
        f |= Classes::MOVEMENT;
    }
    if c & m.send != 0 {
        f |= Classes::SEND;
    }
    if c & m.org_openers != 0 {
        f |= Classes::ORG_OPENER;
    }
    f
}

/// The classes of a few words told by their text: "a" and "tens" (that may
/// start a count, as words), "the", the heads of "agreement on", "border".
/// One test of the length, then at most two comparisons.
#[inline(always)]
fn word_bits(w: &str) -> u16 {
    match w.len() {
        1 if w == "a" => Classes::COUNT,
        3 if w == "the" => Classes::THE,
        4 if w == "tens" => Classes::COUNT,
        4 if w == "deal" => Classes::AGREEMENT_ON,
        6 if w == "border" => Classes::BORDER,
        8 if w == "frontier" => Classes::BORDER,
        9 if w == "agreement" => Classes::AGREEMENT_ON,
        10 if w == "memorandum" => Classes::AGREEMENT_ON,
        _ => 0,
    }
}

/// The first position of `list` (sorted) at or after `from`, advancing `cursor` to it.
#[inline]
pub fn next_at_or_after(list: &[usize], cursor: &mut usize, from: usize) -> Option<usize> {
    while let Some(&k) = list.get(*cursor) {
        if k >= from {
            return Some(k);
        }
        *cursor += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The tokens of `text` with the given bit, as text.
    fn with(text: &str, bit: u16) -> Vec<String> {
        let tokens = tokenize(text, 0);
        let c = Classes::of_tokens(&tokens);
        c.positions(bit)
            .map(|k| tokens[k].text.to_string())
            .collect()
    }

    #[test]
    fn each_class_holds_exactly_its_tokens() {
        let text = "The Defense Minister said the treaty and a deal on arms sent four \
                    S-400 systems, 3,000 troops and ninety-three tanks; tens of thousands \
                    of flights followed, he said, citing Reuters.";
        assert_eq!(
            with(text, Classes::CAP),
            ["The", "Defense", "Minister", "S-400", "Reuters"]
        );
        assert!(with(text, Classes::SEND).contains(&"sent".to_string()));
        assert!(with(text, Classes::BORDER).is_empty());
        assert_eq!(with("the Peru-Chile border", Classes::BORDER), ["border"]);
        assert!(
            with("the Ministry of Defence", Classes::ORG_OPENER).contains(&"Ministry".to_string())
        );
        assert_eq!(with(text, Classes::THE), ["The", "the"]);
        assert_eq!(with(text, Classes::TREATY), ["treaty"]);
        assert_eq!(with(text, Classes::AGREEMENT_ON), ["deal"]);
        assert_eq!(
            with(text, Classes::COUNT),
            ["a", "four", "3,000", "ninety-three", "tens", "thousands"]
        );
        let units = with(text, Classes::UNIT);
        for u in ["systems", "troops", "tanks"] {
            assert!(units.iter().any(|w| w == u), "{u} not a unit in {units:?}");
        }
        assert!(
            !units.iter().any(|w| w == "said" || w == "The"),
            "{units:?}"
        );
        assert!(with(text, Classes::TITLE).contains(&"Minister".to_string()));
        assert!(with(text, Classes::PRONOUN).contains(&"he".to_string()));
        assert!(with(text, Classes::OUTLET).contains(&"said".to_string()));
        assert!(with(text, Classes::MOVEMENT).contains(&"flights".to_string()));
        let heads = with(text, Classes::AGREEMENT_HEAD);
        assert!(heads.iter().any(|w| w == "deal"), "{heads:?}");
    }

    #[test]
    fn every_set_read_by_its_bits_has_a_bit() {
        // A set without a registry bit may match any token: testing its mask
        // would skip tokens it matches.
        let m = &*MASKS;
        for mask in [
            m.titles,
            m.treaty,
            m.agreement_heads,
            m.movement,
            m.org_openers,
        ] {
            assert_ne!(mask, u128::MAX);
        }
        assert!(!m.send_always);
    }

    #[test]
    fn the_bits_agree_with_the_sets_they_stand_for() {
        let p = &*PATTERNS;
        let text = "Foreign Minister Ana Roe said the pact, a treaty and the accords \
                    were signed; she said convoys and flights of drones were delivered and arrived, Reuters reported.";
        let tokens = tokenize(text, 0);
        let c = Classes::of_tokens(&tokens);
        for (k, t) in tokens.iter().enumerate() {
            let w = t.lower.as_ref();
            assert_eq!(c.is(k, Classes::TITLE), p.titles.may(t), "{w}");
            assert_eq!(c.is(k, Classes::TREATY), p.treaty_heads.has(w), "{w}");
            assert_eq!(
                c.is(k, Classes::AGREEMENT_HEAD),
                AGREEMENTS.head_words.may(t),
                "{w}"
            );
            assert_eq!(
                c.is(k, Classes::MOVEMENT),
                SHIPMENTS.movement_heads.may(t),
                "{w}"
            );
            assert_eq!(c.is(k, Classes::CAP), t.is_capitalized(), "{w}");
            assert_eq!(c.is(k, Classes::ORG_OPENER), p.org_openers.may(t), "{w}");
            let sh = &*SHIPMENTS;
            let sending = p.sent_verbs.may(t)
                || p.sent_nouns.may(t)
                || sh.send_cues.may(t)
                || sh.receive_verbs.may(t)
                || sh.arrival_verbs.may(t)
                || sh.nominal_send.may(t);
            assert_eq!(c.is(k, Classes::SEND), sending, "{w}");
        }
        let treaties: Vec<&str> = c
            .positions(Classes::TREATY)
            .map(|k| tokens[k].text)
            .collect();
        assert_eq!(treaties, ["pact", "treaty", "accords"]);
        assert!(c.is(
            tokens.iter().position(|t| t.text == "she").unwrap(),
            Classes::PRONOUN
        ));
    }

    #[test]
    fn the_word_classes_are_the_words_they_name() {
        let text = "A pact: the deal, THE Agreement and a memorandum on the border, \
                    tens of thousands, ninety-three, 4, one, frontier, borders, theme, \
                    deals, agreements, an ad, well-armed, then; Peru's";
        let tokens = tokenize(text, 0);
        let c = Classes::of_tokens(&tokens);
        let n = CountStarts::get();
        for (k, t) in tokens.iter().enumerate() {
            let w = t.lower.as_ref();
            assert_eq!(c.is(k, Classes::COUNT), n.may_start(t), "{w}");
            assert_eq!(c.is(k, Classes::THE), w == "the", "{w}");
            let on = matches!(w, "agreement" | "deal" | "memorandum");
            assert_eq!(c.is(k, Classes::AGREEMENT_ON), on, "{w}");
            assert_eq!(
                c.is(k, Classes::BORDER),
                matches!(w, "border" | "frontier"),
                "{w}"
            );
        }
        let counts: Vec<&str> = c.counts.iter().map(|&k| tokens[k].text).collect();
        assert_eq!(
            counts,
            ["A", "a", "tens", "thousands", "ninety-three", "4", "one"]
        );
    }

    #[test]
    fn the_position_lists_match_the_bits() {
        let text =
            "Maj. Pat Roe said 12 Su-24 jets and a pair of drones left, and USS Lincoln too.";
        let tokens = tokenize(text, 0);
        let c = Classes::of_tokens(&tokens);
        let caps: Vec<usize> = c.positions(Classes::CAP | Classes::TITLE).collect();
        assert_eq!(c.caps, caps);
        let counts: Vec<usize> = c.positions(Classes::COUNT).collect();
        assert_eq!(c.counts, counts);
        let words: Vec<&str> = c.counts.iter().map(|&k| tokens[k].text).collect();
        assert_eq!(words, ["12", "a"]);
        assert!(c.any(Classes::UNIT));
        assert!(!c.any(Classes::TREATY));
    }

    #[test]
    fn a_reused_classification_forgets_the_sentence_before() {
        let mut c = Classes::of_tokens(&tokenize("The treaty sent 40 tanks.", 0));
        assert!(c.any(Classes::TREATY));
        c.build(&tokenize("nothing here at all", 0));
        assert!(!c.any(Classes::TREATY | Classes::CAP | Classes::COUNT));
        assert!(c.caps.is_empty() && c.counts.is_empty());
        assert_eq!(c.flags.len(), 4);
    }

    #[test]
    fn the_one_walk_lists_what_the_rules_and_dates_read() {
        use crate::relations::context::StartMasks;
        use crate::relations::dates::OPENINGS;
        let p = &*PATTERNS;
        let text = "Putin met Kim in June 2024, while the Russia-Ukraine talks, \
                    signed by both, were reported last year, he said.";
        let tokens = tokenize(text, 0);
        let mut words = vec!["stale"];
        let mut c = Classes::default();
        c.build_listing(&tokens, &mut words);
        let lower: Vec<&str> = tokens.iter().map(|t| t.lower.as_ref()).collect();
        assert_eq!(words, lower);
        // Each list is exactly the tokens a scan of the sentence would pick.
        let r = StartMasks::get();
        let scan = |keep: &dyn Fn(usize) -> bool| -> Vec<u32> {
            (0..tokens.len())
                .filter(|&k| keep(k))
                .map(|k| k as u32)
                .collect()
        };
        assert_eq!(c.starts, scan(&|k| r.is_start(&tokens[k], words[k])));
        assert_eq!(
            c.breaks,
            scan(&|k| p.clause_breaks.may(&tokens[k]) && p.clause_breaks.has(words[k]))
        );
        assert_eq!(c.dates, scan(&|k| OPENINGS.may_start(words[k])));
        assert_eq!(c.marked, scan(&|k| c.flags[k] != 0));
        assert_eq!(c.cues, tokens.iter().fold(0, |a, t| a | t.cues));
        let at = |list: &[u32]| -> Vec<&str> { list.iter().map(|&k| words[k as usize]).collect() };
        assert!(at(&c.starts).contains(&"met") && at(&c.starts).contains(&"by"));
        assert!(at(&c.breaks).contains(&"while"));
        for w in ["june", "2024", "last"] {
            assert!(at(&c.dates).contains(&w), "{w}");
        }
        assert!(!at(&c.dates).contains(&"putin"));
        assert_eq!(with(text, Classes::HYPHEN), ["Russia-Ukraine"]);
        // The next sentence's lists replace these.
        let next = tokenize("nothing here", 0);
        c.build_listing(&next, &mut words);
        assert!(c.starts.is_empty() && c.breaks.is_empty() && c.dates.is_empty());
        assert_eq!(
            (c.flags.len(), words.as_slice()),
            (2, ["nothing", "here"].as_slice())
        );
    }

    /// The walk as it was before the per-word table: every token tested.
    fn walk_on_the_spot(tokens: &[Token]) -> Classes {
        let (m, p, n) = (&*MASKS, &*PATTERNS, CountStarts::get());
        let mut c = Classes::default();
        for (k, t) in tokens.iter().enumerate() {
            let w = t.lower.as_ref();
            let f = classify(t, m, p, &n);
            let (start, brk) = rule_lists(t, w, m.rules, &p.clause_breaks);
            c.list(k, f, start, brk, OPENINGS.may_start(w));
            c.union |= f;
            c.cues |= t.cues;
        }
        c
    }

    fn same_classes(a: &Classes, b: &Classes) {
        assert_eq!(a.flags, b.flags);
        assert_eq!((a.union, a.cues), (b.union, b.cues));
        assert_eq!(
            (&a.caps, &a.counts, &a.marked),
            (&b.caps, &b.counts, &b.marked)
        );
        assert_eq!(
            (&a.starts, &a.breaks, &a.dates),
            (&b.starts, &b.breaks, &b.dates)
        );
    }

    #[test]
    fn the_per_word_table_classifies_as_the_tests_on_the_spot_do() {
        let p = &*PATTERNS;
        let v = &*p.vocab;
        // Every vocabulary word as the tokenizer hands it out (its lower
        // case the vocabulary's copy, its cue bits the word's), as each kind
        // of token and with each shape; and the same words with other cue
        // bits, or as a copy that is not the vocabulary's, which the table
        // must not answer for.
        let mut tokens = Vec::new();
        for id in 0..v.word_count() {
            let (w, cues) = v.entry(id);
            for kind in [
                TokenKind::Word,
                TokenKind::Number,
                TokenKind::Punct,
                TokenKind::Possessive,
            ] {
                for shape in 0..8u8 {
                    tokens.push(Token {
                        start: 0,
                        end: w.len(),
                        kind,
                        text: w,
                        lower: std::borrow::Cow::Borrowed(w),
                        cues,
                        shape,
                    });
                }
            }
            let word = |lower: std::borrow::Cow<'static, str>, cues| Token {
                start: 0,
                end: w.len(),
                kind: TokenKind::Word,
                text: w,
                lower,
                cues,
                shape: Token::HYPHENATED,
            };
            tokens.push(word(std::borrow::Cow::Borrowed(w), !cues));
            tokens.push(word(std::borrow::Cow::Borrowed(w), 0));
            tokens.push(word(std::borrow::Cow::Owned(w.to_string()), cues));
        }
        let mut c = Classes::default();
        c.build(&tokens);
        same_classes(&c, &walk_on_the_spot(&tokens));
        // The table is used: the words the tokenizer interned have their info.
        let interned = tokens
            .iter()
            .filter(|t| v.interned_id(&t.lower).is_some())
            .count();
        assert!(interned > tokens.len() / 2);
        // Tokens of real sentences, cue words and others.
        for text in [
            "Foreign Minister Ana Roe said the pact, a treaty and the accords were signed \
             on 12 June 2024; she said ninety-three convoys and tens of flights arrived.",
            "Russia's S-400 deal: by then, while the Peru-Chile border talks went on, \
             Reuters reported four hundred troops left, he said, according to officials.",
        ] {
            let tokens = tokenize(text, 0);
            let mut c = Classes::default();
            c.build(&tokens);
            same_classes(&c, &walk_on_the_spot(&tokens));
        }
    }

    #[test]
    fn the_cursor_finds_the_next_position() {
        let list = [2, 5, 9];
        let mut cur = 0;
        assert_eq!(next_at_or_after(&list, &mut cur, 0), Some(2));
        assert_eq!(next_at_or_after(&list, &mut cur, 3), Some(5));
        assert_eq!(next_at_or_after(&list, &mut cur, 5), Some(5));
        assert_eq!(next_at_or_after(&list, &mut cur, 10), None);
    }
}
