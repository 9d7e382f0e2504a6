//! One sentence as rules see it: words, mentions, quantities and dates, with
//! the questions rules ask (the clause around a cue, the subject before it,
//! the objects after it, the destination of a contingent).
//!
//! Subjects skip appositives ("Shoigu, a confidant of Putin, said"),
//! prepositional objects ("of President Putin") and possessive modifiers
//! ("Russia's" in "Russia's Security Council Secretary Sergei Shoigu").

use crate::graph::{Kind, NodeId};
use crate::lexicon::frames::FRAMES;
use crate::lexicon::meetings::MEETINGS;
use crate::lexicon::names::NAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::mentions::agreements::AGREEMENTS;
use crate::mentions::classes::Classes;
use crate::mentions::shipments::SHIPMENTS;
use crate::mentions::{Mention, MentionForm, Quantity};
use crate::text::{Token, TokenKind};
use std::sync::LazyLock;

/// Prepositions whose object is not a clause's subject.
pub(crate) const PREPOSITIONS: [&str; 20] = [
    "of",
    "from",
    "with",
    "by",
    "to",
    "for",
    "in",
    "at",
    "near",
    "against",
    "between",
    "among",
    "alongside",
    "on",
    "about",
    "into",
    "toward",
    "towards",
    "over",
    "under",
];
/// Forms of "be" that make a following participle passive.
pub const BE: [&str; 9] = [
    "was", "were", "been", "being", "be", "are", "is", "'re", "'s",
];
/// Prepositions that introduce a destination or location.
pub const LOCATIVE: [&str; 8] = [
    "to", "into", "in", "near", "toward", "towards", "inside", "at",
];

/// The parts of one sentence that rules read.
pub struct Ctx<'a> {
    pub tokens: &'a [Token<'a>],
    pub words: Vec<&'a str>,
    pub mentions: &'a [Mention],
    pub quantities: &'a [Quantity],
    pub dates: Vec<(usize, String)>,
    /// The two actors of the document's latest meeting, for "the two agreed".
    pub pair: Option<(NodeId, NodeId)>,
    /// The cue bits of every token, or-ed: a rule whose cues the sentence
    /// holds none of has nothing to find in it ([`Ctx::holds`]).
    pub cues: u128,
    /// The two sides of the conflict the document named last, for "the warring sides".
    pub belligerents: Option<(NodeId, NodeId)>,
    /// What one pass over the sentence found for the rules ([`Index`]).
    pub index: Index,
}

/// The [`Token::cues`] bits of every cue set at which a rule's scan starts
/// (meetings, attendance, agreements, conflicts, sendings, attribution):
/// a token with none of them (and no "by") starts nothing any rule looks for.
static RULE_STARTS: LazyLock<u128> = LazyLock::new(|| {
    let p = &*PATTERNS;
    let f = &*FRAMES;
    let m = &*MEETINGS;
    let a = &*AGREEMENTS;
    let sh = &*SHIPMENTS;
    CueSet::mask_of(&[
        &p.met_verbs,
        &p.met_nouns,
        &m.attendance,
        &p.agreed_verbs,
        &a.signing_verbs,
        &a.conflict_predicates,
        &a.conflict_nouns,
        &p.sent_verbs,
        &sh.send_cues,
        &sh.nominal_send,
        &f.source_after,
        &p.attribution_prepositions,
        &f.source_before,
        &p.attribution_verbs,
        &f.verbs,
    ])
});

/// The cue bits every "by" token carries (0 when "by" is no cue word:
/// then every token is listed as a start).
static BY_BITS: LazyLock<u128> = LazyLock::new(|| {
    PATTERNS
        .vocab
        .intern_with_sets("by")
        .map_or(0, |(_, bits)| bits)
});

/// The cue bits the sentence's classification reads to list the rules'
/// starts and the clause breaks ([`crate::mentions::classes::Classes::build`]),
/// so no walk over the tokens is made for them here.
#[derive(Debug, Clone, Copy)]
pub struct StartMasks {
    /// [`RULE_STARTS`]: a token with one of these bits may start a rule's scan.
    pub starts: u128,
    /// [`BY_BITS`]: the bits of "by" (every "by" is a start).
    pub by: u128,
    /// The token mask of `clause_breaks`.
    pub breaks: u128,
    /// True when every token must be listed as a start: some start set has
    /// no registry bit, or "by" has none.
    pub every: bool,
}

impl StartMasks {
    /// The masks of the embedded patterns.
    pub fn get() -> StartMasks {
        let starts = *RULE_STARTS;
        let by = *BY_BITS;
        let breaks = PATTERNS.clause_breaks.token_mask();
        // A set no registry holds has no bit: its mask is every bit, and
        // every token may start its cue; so may every token be a "by" when
        // "by" has no bits.
        let every = starts | by | breaks == u128::MAX || by == 0;
        StartMasks {
            starts,
            by,
            breaks,
            every,
        }
    }

    /// The or of the masks: a token none of whose bits is here is neither
    /// a start nor a break (unless [`StartMasks::every`]).
    #[inline]
    pub fn any(&self) -> u128 {
        self.starts | self.by | self.breaks
    }

    /// True when a rule's scan may start at token `t` (lower case `w`):
    /// its cue bits meet [`RULE_STARTS`], or it is "by".
    #[inline]
    pub fn is_start(&self, t: &Token, w: &str) -> bool {
        t.cues & self.starts != 0 || self.every || w == "by"
    }
}

/// Per-sentence indexes for the rules, so they neither rescan the sentence
/// for their cue words nor rescan it for clause breaks. The starts and the
/// breaks are the lists the sentence's classification made in its one walk
/// over the tokens ([`crate::mentions::classes::Classes`]), taken from it
/// by swapping buffers; only the mention coverage is marked here, from the
/// mentions. Its buffers are reused from sentence to sentence
/// ([`Ctx::with_classes`]; take it back with `std::mem::take`).
#[derive(Debug, Default)]
pub struct Index {
    /// Tokens whose cue bits meet [`RULE_STARTS`], and every "by", in
    /// order: the only places a rule's scan can start.
    starts: Vec<u32>,
    /// The clause breaks, in order ([`Ctx::clause_start`], [`Ctx::clause_end`]).
    breaks: Vec<u32>,
    /// Tokens indexed (the sentence's length).
    len: usize,
    /// Per token: [`COVERED`] when a mention spans it, [`DEMONYM`] when a
    /// demonym does ([`Ctx::covered`], [`Ctx::demonym_at`]).
    spans: Vec<u8>,
}

/// [`Index::spans`] bit: some mention spans the token.
const COVERED: u8 = 1;
/// [`Index::spans`] bit: a demonym mention spans the token.
const DEMONYM: u8 = 2;

impl Index {
    /// Takes the starts and breaks `classes` listed for a sentence of
    /// `len` tokens (its buffers get this index's old ones, which its next
    /// `build` clears) and marks the tokens `mentions` span.
    fn fill(&mut self, classes: &mut Classes, len: usize, mentions: &[Mention]) {
        std::mem::swap(&mut self.starts, &mut classes.starts);
        std::mem::swap(&mut self.breaks, &mut classes.breaks);
        self.len = len;
        self.spans.clear();
        self.spans.resize(len, 0);
        for m in mentions {
            let bits = if m.form == MentionForm::Demonym {
                COVERED | DEMONYM
            } else {
                COVERED
            };
            for s in self.spans.get_mut(m.tok.clone()).into_iter().flatten() {
                *s |= bits;
            }
        }
    }
}

impl<'a> Ctx<'a> {
    /// Builds the view (the tokens classified here).
    pub fn new(
        tokens: &'a [Token<'a>],
        mentions: &'a [Mention],
        quantities: &'a [Quantity],
        dates: Vec<(usize, String)>,
    ) -> Ctx<'a> {
        let mut words = Vec::with_capacity(tokens.len());
        let mut classes = Classes::default();
        classes.build_listing(tokens, &mut words);
        Ctx::with_classes(
            tokens,
            words,
            mentions,
            quantities,
            dates,
            Index::default(),
            &mut classes,
        )
    }

    /// [`Ctx::new`] from the sentence's classification (`classes`, built
    /// for `tokens`; `words` their lower-case forms) and `index`'s buffers
    /// (an earlier sentence's, so no sentence allocates them anew). The
    /// rules' starts and clause breaks are moved out of `classes`.
    pub fn with_classes(
        tokens: &'a [Token<'a>],
        words: Vec<&'a str>,
        mentions: &'a [Mention],
        quantities: &'a [Quantity],
        dates: Vec<(usize, String)>,
        mut index: Index,
        classes: &mut Classes,
    ) -> Ctx<'a> {
        debug_assert_eq!(classes.flags.len(), tokens.len());
        index.fill(classes, tokens.len(), mentions);
        Ctx {
            cues: classes.cues,
            tokens,
            words,
            mentions,
            quantities,
            dates,
            pair: None,
            belligerents: None,
            index,
        }
    }

    /// The tokens at which a rule's scan may start, in order: those whose
    /// cue bits meet a rule's start sets, and every "by". A rule loops over
    /// these and asks its own sets (`may`) instead of every token.
    #[inline]
    pub fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.index.starts.iter().map(|&k| k as usize)
    }

    /// True when some token of the sentence may start or end a cue of one of
    /// `sets` (false means none can match anywhere in it).
    pub fn holds(&self, sets: &[&CueSet]) -> bool {
        sets.iter().any(|s| s.may_in(self.cues))
    }

    /// `set.has(words[k])`, answered from token `k`'s cue bits when they rule it out.
    #[inline]
    pub fn has_at(&self, set: &CueSet, k: usize) -> bool {
        set.has_at(self.tokens, k)
    }

    /// `set.match_at(words, k)`, answered from token `k`'s cue bits when they rule it out.
    #[inline]
    pub fn match_at(&self, set: &CueSet, k: usize) -> Option<usize> {
        set.match_at_in(self.tokens, &self.words, k)
    }

    /// `set.match_ending_at(words, k)`, answered from token `k`'s cue bits when they rule it out.
    #[inline]
    fn match_ending_at(&self, set: &CueSet, k: usize) -> Option<usize> {
        set.match_ending_in(self.tokens, &self.words, k)
    }

    /// Token `i` breaks clauses; the scans below pass the break set in (the
    /// patterns' `LazyLock` is read once per scan, not once per token).
    #[inline]
    fn is_break_in(&self, breaks: &CueSet, i: usize) -> bool {
        breaks.may(&self.tokens[i]) && breaks.has(self.words[i])
    }

    /// First token of the clause holding token `i`.
    pub fn clause_start(&self, i: usize) -> usize {
        if i <= self.index.len {
            return self
                .index
                .breaks
                .iter()
                .rev()
                .find(|&&k| (k as usize) < i)
                .map_or(0, |&k| k as usize + 1);
        }
        let breaks = &PATTERNS.clause_breaks;
        (0..i)
            .rev()
            .find(|&k| self.is_break_in(breaks, k))
            .map_or(0, |k| k + 1)
    }

    /// End (exclusive) of the clause holding token `i`.
    pub fn clause_end(&self, i: usize) -> usize {
        if i < self.index.len {
            return self
                .index
                .breaks
                .iter()
                .find(|&&k| k as usize > i)
                .map_or(self.tokens.len(), |&k| k as usize);
        }
        let breaks = &PATTERNS.clause_breaks;
        (i + 1..self.tokens.len())
            .find(|&k| self.is_break_in(breaks, k))
            .unwrap_or(self.tokens.len())
    }

    /// True when a mention spans token `k` (false past the end).
    #[inline]
    pub fn covered(&self, k: usize) -> bool {
        self.index.spans.get(k).is_some_and(|s| s & COVERED != 0)
    }

    /// True when a demonym mention spans token `k`.
    #[inline]
    pub fn demonym_at(&self, k: usize) -> bool {
        self.index.spans.get(k).is_some_and(|s| s & DEMONYM != 0)
    }

    /// The mention starting at token `i`.
    pub fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        self.mentions.iter().find(|m| m.tok.start == i)
    }

    /// True when the mention is followed by a possessive ("Russia's").
    pub fn possessive(&self, m: &Mention) -> bool {
        self.tokens
            .get(m.tok.end)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
    }

    /// True when a preposition governs the mention (titles, articles and
    /// demonyms between them are skipped: "of President Putin").
    pub fn governed(&self, m: &Mention) -> bool {
        let mut k = m.tok.start;
        while k > 0 {
            k -= 1;
            // "Deputy Secretary of State Kurt Campbell": the "of" is the title's.
            if let Some(n) = self.match_ending_at(&PATTERNS.titles, k).filter(|&n| n > 1) {
                k = k + 1 - n;
                continue;
            }
            let w = self.words[k];
            let skippable = self.has_at(&PATTERNS.titles, k)
                || matches!(w, "the" | "a" | "an" | "its" | "his" | "her" | "their")
                || self.demonym_at(k)
                || (self.tokens[k].is_capitalized() && !self.covered(k));
            if skippable {
                continue;
            }
            // "of North Korea's Ministry of State Security": skip the possessor.
            if self.tokens[k].kind == TokenKind::Possessive
                && let Some(owner) = self.mentions.iter().find(|d| d.tok.end == k)
            {
                k = owner.tok.start;
                continue;
            }
            if PREPOSITIONS.contains(&w) && !self.inside_title(k) {
                return true;
            }
            // "to eastern Libya", "in occupied Ukraine": a region's adjective.
            if matches!(m.kind, Kind::Place | Kind::Country)
                && NAMES.region_adjectives.has(w)
                && !self.tokens[k].is_capitalized()
            {
                continue;
            }
            // "of the main opposition Democratic Party": up to two adjectives before "of"
            // (organisations only: "of the gathering Belousov held talks" has a subject).
            if m.kind != Kind::Organization {
                return false;
            }
            let adjectives = (k.saturating_sub(2)..=k)
                .rev()
                .take_while(|&j| self.adjective(j))
                .count();
            return adjectives > 0
                && k >= adjectives
                && matches!(
                    self.words[k + 1 - adjectives - 1],
                    "of" | "from" | "by" | "for"
                );
        }
        false
    }

    /// True when the preposition at `k` joins the capitalised words of a
    /// long title ("Under Secretary of Defense for Policy Colin Kahl"): a
    /// capitalised word no mention covers on each side, and a title word
    /// among the three words before it.
    fn inside_title(&self, k: usize) -> bool {
        let bare_capital =
            |j: usize| self.tokens.get(j).is_some_and(|t| t.is_capitalized()) && !self.covered(j);
        k > 0
            && bare_capital(k - 1)
            && bare_capital(k + 1)
            && (k.saturating_sub(3)..k).any(|j| self.has_at(&PATTERNS.titles, j))
    }

    /// True when a country or organisation only qualifies the person after
    /// it ("U.S. President Donald Trump", "Russia Security Council Secretary Shoigu").
    pub fn modifies_person(&self, m: &Mention) -> bool {
        if m.kind == Kind::Person {
            return false;
        }
        let mut k = m.tok.end;
        while k < self.tokens.len() {
            if let Some(n) = self.match_at(&PATTERNS.titles, k) {
                k += n;
            } else if self.tokens[k].is_capitalized() && !self.covered(k) {
                k += 1;
            } else {
                break;
            }
        }
        k > m.tok.end && self.mention_at(k).is_some_and(|p| p.kind == Kind::Person)
    }

    /// Token indices in `from..to` that belong to a title phrase.
    pub fn title_tokens(&self, from: usize, to: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = from;
        while k < to {
            match self.match_at(&PATTERNS.titles, k) {
                Some(n) => {
                    out.extend(k..(k + n).min(to));
                    k += n;
                }
                None => k += 1,
            }
        }
        out
    }

    /// True for "his" / "her" / "its" / "their" before a noun ("his Chinese counterpart").
    pub fn determiner_pronoun(&self, m: &Mention) -> bool {
        m.form == MentionForm::Pronoun
            && matches!(self.words[m.tok.start], "his" | "her" | "its" | "their")
            && self
                .tokens
                .get(m.tok.end)
                .is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// A lower-case word that is no cue of any rule (an adjective or a noun modifier).
    fn adjective(&self, k: usize) -> bool {
        let w = self.words[k];
        let p = &*PATTERNS;
        self.tokens[k].kind == TokenKind::Word
            && !self.tokens[k].is_capitalized()
            && !(self.has_at(&p.met_verbs, k)
                || self.has_at(&p.sent_verbs, k)
                || self.has_at(&p.agreed_verbs, k)
                || self.has_at(&p.attribution_verbs, k)
                || PREPOSITIONS.contains(&w)
                || matches!(w, "and" | "or"))
            && !self.covered(k)
    }

    /// True when the mention can act as a subject or object.
    pub fn actor(&self, m: &Mention) -> bool {
        m.is_actor()
    }

    /// The nearest actor before `i` in its clause that is a subject: not
    /// governed by a preposition, not a possessive modifier; an appositive
    /// ending in a comma right before `i` is skipped.
    pub fn subject_before(&self, i: usize) -> Option<&'a Mention> {
        let mut from = self.clause_start(i);
        let clause = from;
        let mut limit = i;
        // "X, a close confidant of Y, said": jump over ", ... ," before the verb.
        let mut k = i;
        while k > clause
            && matches!(
                self.words[k - 1],
                "also"
                    | "had"
                    | "has"
                    | "have"
                    | "recently"
                    | "reportedly"
                    | "then"
                    | "later"
                    | "already"
                    | "personally"
            )
        {
            k -= 1;
        }
        // "..., they said": an unresolved pronoun is the subject, no earlier name.
        if k > clause
            && matches!(
                self.words[k - 1],
                "they" | "it" | "we" | "you" | "i" | "one"
            )
            && !self.covered(k - 1)
        {
            return self.speaker_of_pronoun(k - 1);
        }
        // "..., and the two countries signed": a plural of states that no
        // name resolves is the subject, no earlier name.
        if k >= 2 && self.collective_at(k - 1) {
            return None;
        }
        // "Kozlov, who co-chairs a commission, met Kim": a relative clause
        // between commas is skipped together with its clause break; but in
        // "Mali's junta leader, Gen. Assimi Goita, held talks" the name between
        // the commas is the subject.
        if k > 0
            && self.words[k - 1] == ","
            && let Some(open) = (0..k - 1).rev().find(|&j| self.words[j] == ",")
        {
            let titles = self.title_tokens(open + 1, k - 1);
            let inside: Vec<&Mention> = self
                .mentions
                .iter()
                .filter(|m| m.tok.start > open && m.tok.end < k)
                .collect();
            let only_name = inside.len() == 1
                && inside[0].is_actor()
                && (open + 1..k - 1).all(|j| {
                    inside[0].tok.contains(&j) || titles.contains(&j) || self.words[j] == "."
                });
            if only_name {
                return Some(inside[0]);
            }
            limit = open;
            from = self.clause_start(open);
        }
        let nearest = self
            .mentions
            .iter()
            .filter(|m| {
                // (Cheapest tests first: `governed` and `modifies_person` walk the words.)
                m.tok.end <= limit
                    && m.tok.start >= from
                    && self.actor(m)
                    && !self.possessive(m)
                    && !self.bracketed(m)
                    && !self.governed(m)
                    && !self.modifies_person(m)
            })
            .max_by_key(|m| m.tok.start);
        // "X met Y in P and signed Z", "X meets Y in P, signs Z": a verb
        // right after "and" or a lone comma shares the first verb's subject;
        // Y, that verb's object, is none.
        if let Some(m) = nearest
            && k > from
            && (self.words[k - 1] == "and" || self.words[k - 1] == "," && limit == i)
            && !self.covered(k - 1)
            && let Some(v) = self.verb_before_object(m)
            && v >= from
            && let Some(s) = self.subject_before(v)
        {
            return Some(s);
        }
        // "X, the air chief, visited Beijing and held talks with Y": no
        // actor stands between "and" and the verb before it (Beijing is a
        // place); that verb's subject is the subject.
        if nearest.is_none()
            && k > from
            && self.words[k - 1] == "and"
            && let Some(v) = (from..k - 1).rev().find_map(|j| self.verb_ending_at(j))
            && let Some(s) = self.subject_before(v)
        {
            return Some(s);
        }
        nearest.or_else(|| self.relative_antecedent(clause))
    }

    /// "Peru said it sent 200 troops", "the ministry announced that it had
    /// delivered": "it" right after a speaker's verb (and "that") is the
    /// country or organisation that speaks. ("Kyiv said they fired" may
    /// speak of anyone: "they" stays unresolved.)
    fn speaker_of_pronoun(&self, k: usize) -> Option<&'a Mention> {
        if self.words[k] != "it" {
            return None;
        }
        let mut v = k;
        if v > 0 && self.words[v - 1] == "that" {
            v -= 1;
        }
        let verb = v.checked_sub(1)?;
        let p = &*PATTERNS;
        if !p.attribution_verbs.has_token(&self.tokens[verb]) {
            return None;
        }
        self.subject_before(verb)
            .filter(|m| matches!(m.kind, Kind::Country | Kind::Organization))
    }

    /// The start of a meeting, agreeing or sending verb that ends at `j`.
    fn verb_ending_at(&self, j: usize) -> Option<usize> {
        let p = &*PATTERNS;
        [&p.met_verbs, &p.agreed_verbs, &p.sent_verbs]
            .into_iter()
            .find_map(|set| self.match_ending_at(set, j))
            .map(|n| j + 1 - n)
    }

    /// The meeting, agreeing or sending verb whose object `m` is ("met
    /// U.S. President Y", "held talks with Y"): its position.
    fn verb_before_object(&self, m: &Mention) -> Option<usize> {
        let p = &*PATTERNS;
        let mut b = m.tok.start;
        while b > 0 {
            if let Some(n) = self.match_ending_at(&p.titles, b - 1) {
                b -= n.min(b);
            } else if matches!(
                self.words[b - 1],
                "the" | "his" | "her" | "its" | "their" | "with"
            ) || self.demonym_at(b - 1)
            {
                b -= 1;
            } else if let Some(c) = self.mentions.iter().find(|c| {
                // "U.S. President Y": a country naming the title's office.
                c.tok.end == b && c.kind == Kind::Country && self.has_at(&p.titles, b)
            }) {
                b = c.tok.start;
            } else {
                break;
            }
        }
        self.verb_ending_at(b.checked_sub(1)?)
    }

    /// True when token `k` is a plural of states that no name resolves,
    /// after a determiner or a count ("the two countries", "both governments").
    pub fn collective_at(&self, k: usize) -> bool {
        k >= 1
            && !self.covered(k)
            && NAMES.collective_nouns.has(self.words[k])
            && matches!(
                self.words[k - 1],
                "the" | "both" | "two" | "three" | "all" | "several" | "many"
            )
    }

    /// "Nakatani, who met Hegseth": the antecedent of a relative "who" that
    /// opens the clause, when the clause names no subject of its own.
    fn relative_antecedent(&self, clause: usize) -> Option<&'a Mention> {
        if clause < 2 || self.words[clause - 1] != "who" || self.words[clause - 2] != "," {
            return None;
        }
        self.mentions
            .iter()
            .find(|m| m.tok.end == clause - 2 && m.is_actor())
    }

    /// The sentence's main subject: its first actor that is neither governed
    /// by a preposition nor a possessive modifier.
    pub fn main_subject(&self) -> Option<&'a Mention> {
        self.mentions
            .iter()
            .filter(|m| {
                self.actor(m)
                    && !self.possessive(m)
                    && !self.bracketed(m)
                    && !self.governed(m)
                    && !self.modifies_person(m)
            })
            .min_by_key(|m| m.tok.start)
    }

    /// True for a mention inside brackets ("BEIJING (Xinhua) --"): a credit, not a subject.
    pub fn bracketed(&self, m: &Mention) -> bool {
        m.tok.start > 0
            && self.words[m.tok.start - 1] == "("
            && self.words.get(m.tok.end) == Some(&")")
    }

    /// The subject and the actors coordinated before it ("she and Putin").
    pub fn subject_group(&self, subject: &'a Mention) -> Vec<&'a Mention> {
        let mut group = vec![subject];
        let mut k = subject.tok.start;
        loop {
            // Skip titles, demonyms and "his" between "and" and the name
            // ("Putin and his Iranian counterpart Masoud Pezeshkian"): a
            // title of several words whole, and the words of the office a
            // title heads ("Iranian armed forces chief of staff").
            let mut after_title = false;
            while k > 0 {
                if let Some(n) = self.match_ending_at(&PATTERNS.titles, k - 1) {
                    k -= n.min(k);
                    after_title = true;
                } else if self.words[k - 1] == "the"
                    || self.has_at(&PATTERNS.titles, k - 1)
                    || self.tokens[k - 1].is_capitalized() && !self.covered(k - 1)
                    || after_title
                        && !self.tokens[k - 1].is_capitalized()
                        && NAMES.office_domains.has(self.words[k - 1])
                    || self.mentions.iter().any(|d| {
                        d.tok.contains(&(k - 1))
                            && (d.form == MentionForm::Demonym || self.determiner_pronoun(d))
                    })
                {
                    k -= 1;
                } else {
                    break;
                }
            }
            // "X and Y"; a comma only inside a list already joined by "and"
            // ("X, Y and Z"), or between two names that open a headline
            // ("Iran, Russia sign treaty").
            let headline_pair = || {
                k >= 2
                    && group.len() == 1
                    && self.mentions.iter().any(|m| {
                        m.tok.start == 0
                            && m.tok.end == k - 1
                            && m.kind == Kind::Country
                            && m.is_actor()
                    })
                    && subject.kind == Kind::Country
                    && !self.words.contains(&".")
            };
            let joiner_ok = k > 0
                && (self.words[k - 1] == "and"
                    || self.words[k - 1] == "," && (group.len() >= 2 || headline_pair()));
            if !joiner_ok {
                break;
            }
            match self
                .mentions
                .iter()
                .filter(|m| m.tok.end == k - 1 && self.actor(m))
                .max_by_key(|m| m.tok.start)
            {
                Some(m) => {
                    group.push(m);
                    k = m.tok.start;
                }
                None => break,
            }
        }
        group.reverse();
        group
    }

    /// Actors from `i` to `end`: the first head actor (possessive modifiers
    /// skipped) and those coordinated after it with "and" or commas.
    pub fn actors_after(&self, i: usize, end: usize) -> Vec<&'a Mention> {
        let mut out: Vec<&Mention> = Vec::new();
        let mut cands: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| m.tok.start >= i && m.tok.end <= end)
            .collect();
        cands.sort_by_key(|m| m.tok.start);
        let mut last_end = None;
        for m in cands {
            if self.modifies_person(m) || self.determiner_pronoun(m) {
                continue;
            }
            if !self.actor(m) || self.possessive(m) {
                if m.form == MentionForm::Demonym {
                    continue;
                }
                if self.possessive(m) {
                    continue;
                }
                if out.is_empty() {
                    continue;
                }
                break;
            }
            // "Indian Space Research Organisation (ISRO) and ...": the bracketed
            // abbreviation of the actor just listed is no second actor.
            if let (Some(prev), Some(le)) = (out.last(), last_end)
                && prev.id == m.id
                && m.tok.start == le + 1
                && self.words[le] == "("
                && self.words.get(m.tok.end) == Some(&")")
            {
                last_end = Some(m.tok.end + 1);
                continue;
            }
            match last_end {
                None => {
                    out.push(m);
                    last_end = Some(m.tok.end);
                }
                Some(le) => {
                    // A mention starting inside what the actors so far span
                    // (overlapping the last, or its bracketed abbreviation)
                    // is no next actor.
                    let Some(between) = self.words.get(le..m.tok.start) else {
                        continue;
                    };
                    // "X, Y": a comma joins only inside a list that goes on ("X, Y and Z").
                    let list_goes_on =
                        matches!(self.words.get(m.tok.end), Some(&"and") | Some(&","));
                    if !between.contains(&"and") && !list_goes_on {
                        break;
                    }
                    // Between two coordinated names only joiners, titles ("Foreign
                    // Minister"), capitalised words and demonyms may stand.
                    let title_at = self.title_tokens(le, m.tok.start);
                    let joined = (le..m.tok.start).all(|k| {
                        matches!(self.words[k], "and" | "," | "the" | "as" | "well")
                            || title_at.contains(&k)
                            || self.tokens[k].is_capitalized()
                            || self.covered(k)
                    });
                    if joined {
                        out.push(m);
                        last_end = Some(m.tok.end);
                    } else {
                        break;
                    }
                }
            }
        }
        out
    }

    /// The first actor starting within `reach` tokens after `i` (skipping
    /// "with", titles, articles, demonyms and possessive modifiers), with
    /// those coordinated after it.
    pub fn objects_after(&self, i: usize, reach: usize) -> Vec<&'a Mention> {
        // The first of the actors is [`Ctx::first_object_after`]'s: when it
        // is not within reach, nothing is listed, allocated or sorted.
        if self.first_object_after(i, reach).is_none() {
            return Vec::new();
        }
        self.actors_after(i, self.clause_end(i.saturating_sub(1)))
    }

    /// The first of [`Ctx::objects_after`], without listing (and sorting)
    /// the actors coordinated after it: the earliest mention in the clause
    /// from `i` that is a head actor (what `actors_after` takes first).
    pub fn first_object_after(&self, i: usize, reach: usize) -> Option<&'a Mention> {
        let end = self.clause_end(i.saturating_sub(1));
        // The earliest (the first of equals) that passes: a mention no
        // earlier than the best so far is not asked the costly tests.
        let mut best: Option<&'a Mention> = None;
        for m in self.mentions {
            if m.tok.start < i
                || m.tok.end > end
                || best.is_some_and(|b| m.tok.start >= b.tok.start)
            {
                continue;
            }
            // (Cheapest tests first: `modifies_person` walks the words after.)
            if self.actor(m)
                && !self.possessive(m)
                && !self.determiner_pronoun(m)
                && !self.modifies_person(m)
            {
                best = Some(m);
            }
        }
        let first = best?;
        (first.tok.start <= i + reach + self.modifier_tokens(i, first.tok.start)).then_some(first)
    }

    /// How many tokens between `i` and `j` are possessive chains, titles and demonyms.
    fn modifier_tokens(&self, i: usize, j: usize) -> usize {
        let titles = self.title_tokens(i, j);
        (i..j)
            .filter(|&k| {
                titles.contains(&k)
                    // (A capitalised word that a comma or "and" ends is a name
                    // of its own, unrecognised: "with Somaliland, angering
                    // Somalia" does not reach Somalia.)
                    || self.tokens[k].is_capitalized()
                        && !matches!(self.words.get(k + 1), Some(&",") | Some(&"and") | Some(&"or"))
                    || matches!(
                        self.words[k],
                        "his" | "her" | "their" | "its" | "the" | "a" | "an"
                    )
                    || self.tokens[k].kind == TokenKind::Possessive
                    || self.covered(k)
            })
            .count()
    }

    /// The place or country a locative preposition after `i` (up to `end`)
    /// names; of "Russia's Kursk region" the head, Kursk.
    pub fn location_after(&self, i: usize, end: usize) -> Option<(&'a Mention, usize)> {
        let mut k = i;
        while k < end.min(self.tokens.len()) {
            if LOCATIVE.contains(&self.words[k]) {
                // "in central Belarus", "near the town of X": up to four lower-case
                // words may stand before the name; after "to" only articles and
                // directions ("to the western Kursk region"), since "to justify
                // North Korea's involvement" is a verb, not a destination.
                let after_to = matches!(self.words[k], "to" | "toward" | "towards");
                let mut j = k + 1;
                let mut skipped = 0;
                while j < end
                    && skipped < 4
                    && (!after_to
                        || matches!(
                            self.words[j],
                            "the"
                                | "a"
                                | "an"
                                | "its"
                                | "their"
                                | "western"
                                | "eastern"
                                | "northern"
                                | "southern"
                                | "central"
                                | "occupied"
                                | "border"
                        ))
                    && self.tokens[j].kind == TokenKind::Word
                    && !self.tokens[j].is_capitalized()
                    && !LOCATIVE.contains(&self.words[j])
                    && !self.covered(j)
                {
                    j += 1;
                    skipped += 1;
                }
                let mut found = None;
                let mut m = self.mention_at(j);
                while let Some(x) = m {
                    if !matches!(x.kind, Kind::Place | Kind::Country)
                        || x.form == MentionForm::Demonym
                    {
                        break;
                    }
                    found = Some(x);
                    if self.possessive(x) {
                        m = self.mention_at(x.tok.end + 1);
                    } else {
                        break;
                    }
                }
                if let Some(f) = found {
                    return Some((f, k));
                }
            }
            k += 1;
        }
        None
    }

    /// The date expression nearest to token `i`.
    pub fn date_near(&self, i: usize) -> Option<String> {
        self.dates
            .iter()
            .min_by_key(|(k, _)| k.abs_diff(i))
            .map(|(_, d)| d.clone())
    }

    /// True when `word` at `i` is an "-ing" form after a preposition ("after meeting").
    pub fn gerund_after_preposition(&self, i: usize) -> bool {
        i > 0
            && self.words[i].ends_with("ing")
            && matches!(
                self.words[i - 1],
                "after" | "before" | "for" | "by" | "while" | "since" | "upon" | "following" | "in"
            )
    }

    /// Indices of the quantities inside `from..to`.
    pub fn quantities_in(&self, from: usize, to: usize) -> Vec<usize> {
        (0..self.quantities.len())
            .filter(|&q| self.quantities[q].tok.start >= from && self.quantities[q].tok.end <= to)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// Sentences with clause breaks at the start, in the middle, side by
    /// side and at the end, and cue words of every rule.
    const TEXTS: [&str; 5] = [
        "Putin met Xi in Moscow, while Lavrov, who signed the treaty, said nothing; they left.",
        "Which envoy, whom Kim received, was sent by Iran?",
        "The ministry said troops were deployed — but not yet — according to TASS; ;",
        "The warring sides agreed to a truce after talks between the army and the RSF.",
        "Nothing here",
    ];

    /// The clause bounds by scanning for breaks, as the rules did before the index.
    fn scanned(ctx: &Ctx, i: usize) -> (usize, usize) {
        let b = &PATTERNS.clause_breaks;
        let start = (0..i)
            .rev()
            .find(|&k| b.has(ctx.words[k]))
            .map_or(0, |k| k + 1);
        let end = (i + 1..ctx.words.len())
            .find(|&k| b.has(ctx.words[k]))
            .unwrap_or(ctx.words.len());
        (start, end)
    }

    #[test]
    fn clause_index_agrees_with_a_scan_for_breaks() {
        for text in TEXTS {
            let tokens = tokenize(text, 0);
            let ctx = Ctx::new(&tokens, &[], &[], Vec::new());
            for i in 0..tokens.len() {
                assert_eq!(
                    (ctx.clause_start(i), ctx.clause_end(i)),
                    scanned(&ctx, i),
                    "token {i} ({:?}) of {text:?}",
                    ctx.words[i]
                );
            }
            // One past the last token: its clause is the last one.
            assert_eq!(
                ctx.clause_start(tokens.len()),
                scanned(&ctx, tokens.len()).0
            );
            assert_eq!(ctx.clause_end(tokens.len()), tokens.len());
        }
        // Known bounds: "while" (6) and "who" (9) break the first sentence.
        let tokens = tokenize(TEXTS[0], 0);
        let ctx = Ctx::new(&tokens, &[], &[], Vec::new());
        assert_eq!(ctx.words[6], "while");
        assert_eq!((ctx.clause_start(7), ctx.clause_end(7)), (7, 9));
        assert_eq!((ctx.clause_start(6), ctx.clause_end(6)), (0, 9));
        assert_eq!((ctx.clause_start(10), ctx.clause_end(9)), (10, 16));
        assert_eq!((ctx.clause_start(17), ctx.clause_end(17)), (17, 20));
        assert_eq!(ctx.clause_start(0), 0);
    }

    #[test]
    fn start_index_lists_every_token_a_rule_can_start_at() {
        let p = &*PATTERNS;
        let f = &*FRAMES;
        let sets: [&CueSet; 8] = [
            &p.met_verbs,
            &p.met_nouns,
            &p.agreed_verbs,
            &p.sent_verbs,
            &p.attribution_verbs,
            &p.attribution_prepositions,
            &f.source_after,
            &MEETINGS.attendance,
        ];
        for text in TEXTS {
            let tokens = tokenize(text, 0);
            let ctx = Ctx::new(&tokens, &[], &[], Vec::new());
            let starts: Vec<usize> = ctx.starts().collect();
            for i in 0..tokens.len() {
                let cue = sets.iter().any(|s| s.match_at(&ctx.words, i).is_some());
                if cue || ctx.words[i] == "by" {
                    assert!(
                        starts.contains(&i),
                        "{:?} missing in {text:?}",
                        ctx.words[i]
                    );
                }
            }
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "in order");
            // Words no rule starts at are not listed.
            for (i, w) in ctx.words.iter().enumerate() {
                if matches!(*w, "putin" | "xi" | "moscow" | "nothing" | "here") {
                    assert!(!starts.contains(&i), "{w:?} listed in {text:?}");
                }
            }
        }
        let tokens = tokenize(TEXTS[0], 0);
        let ctx = Ctx::new(&tokens, &[], &[], Vec::new());
        let listed: Vec<&str> = ctx.starts().map(|i| ctx.words[i]).collect();
        assert!(listed.contains(&"met") && listed.contains(&"signed") && listed.contains(&"said"));
        let tokens = tokenize(TEXTS[4], 0);
        let ctx = Ctx::new(&tokens, &[], &[], Vec::new());
        assert_eq!(ctx.starts().count(), 0);
    }

    #[test]
    fn span_index_agrees_with_the_mentions() {
        let tokens = tokenize(
            "North Korean leader Kim Jong Un met Russian envoy Sergei Shoigu.",
            0,
        );
        let mut kim = Mention::named(&tokens, 3..6, Kind::Person, "Kim Jong Un".into());
        kim.form = MentionForm::Name;
        let mut korean = Mention::named(&tokens, 0..2, Kind::Country, "North Korea".into());
        korean.form = MentionForm::Demonym;
        let shoigu = Mention::named(&tokens, 9..11, Kind::Person, "Sergei Shoigu".into());
        let mentions = [kim, korean, shoigu];
        let ctx = Ctx::new(&tokens, &mentions, &[], Vec::new());
        for k in 0..tokens.len() + 2 {
            let covered = mentions.iter().any(|m| m.tok.contains(&k));
            let demonym = mentions
                .iter()
                .any(|m| m.tok.contains(&k) && m.form == MentionForm::Demonym);
            assert_eq!(ctx.covered(k), covered, "token {k}");
            assert_eq!(ctx.demonym_at(k), demonym, "token {k}");
        }
        assert!(ctx.covered(4) && !ctx.covered(6) && ctx.demonym_at(1) && !ctx.demonym_at(3));
        // A sentence without mentions clears what the last one marked.
        let mut ctx = ctx;
        let index = std::mem::take(&mut ctx.index);
        let mut words = Vec::new();
        let mut classes = Classes::default();
        classes.build_listing(&tokens, &mut words);
        let ctx = Ctx::with_classes(&tokens, words, &[], &[], Vec::new(), index, &mut classes);
        assert!((0..tokens.len()).all(|k| !ctx.covered(k) && !ctx.demonym_at(k)));
    }

    #[test]
    fn index_buffers_are_refilled_for_the_next_sentence() {
        let long = tokenize(TEXTS[0], 0);
        let short = tokenize("Kim met Xi.", 0);
        let mut ctx = Ctx::new(&long, &[], &[], Vec::new());
        let index = std::mem::take(&mut ctx.index);
        let mut words = Vec::new();
        let mut classes = Classes::default();
        classes.build_listing(&short, &mut words);
        let ctx = Ctx::with_classes(&short, words, &[], &[], Vec::new(), index, &mut classes);
        assert_eq!(ctx.starts().collect::<Vec<_>>(), [1]);
        assert_eq!(ctx.clause_end(0), short.len());
        assert_eq!(ctx.clause_start(3), 0);
    }
}
