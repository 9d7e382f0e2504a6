//! Attribution: who a sentence's claims come from.
//!
//! Sources: the actor after "according to", "briefed by", "a briefing by",
//! "citing" (chains count: "according to a lawmaker briefed by the spy
//! agency, AFP reports" gives every named link); the subject of "said",
//! "reported", "told", "estimates", "announced", "revealed" ("X said",
//! "..., AFP reports", "X told reporters"); the actor after an inverted
//! "said" ("said the lawmaker.", "says Moscow"). Each source gets a
//! `reported` edge to what the claims are about, and the claims list it in
//! `reported_by`.
//!
//! Rejected: a source reporting its own action (that is the action's edge),
//! subjects inside appositives or prepositional phrases.

use crate::graph::NodeId;
use crate::lexicon::frames::FRAMES;
use crate::lexicon::patterns::{CueSet, PATTERNS};
use crate::mentions::Mention;
use crate::relations::context::Ctx;

/// The sources a sentence attributes its claims to, sorted and unique.
pub fn sources(ctx: &Ctx) -> Vec<NodeId> {
    let p = &*PATTERNS;
    let f = &*FRAMES;
    // Every way below to a source starts at a cue of one of these sets.
    if !ctx.holds(&[
        &f.source_after,
        &p.attribution_prepositions,
        &f.passive_by,
        &f.source_before,
        &p.attribution_verbs,
        &f.verbs,
    ]) {
        return Vec::new();
    }
    let w = &ctx.words;
    let mut out: Vec<NodeId> = Vec::new();
    // A source starts at a cue of one of these sets or at a passive "by":
    // any other token is passed over with one test.
    let starts = CueSet::mask_of(&[
        &f.source_after,
        &p.attribution_prepositions,
        &f.source_before,
        &p.attribution_verbs,
        &f.verbs,
    ]);
    for i in ctx.starts() {
        let t = &ctx.tokens[i];
        if t.cues & starts == 0 && w[i] != "by" {
            continue;
        }
        let after = (f.source_after.may(t))
            .then(|| f.source_after.match_at(w, i))
            .flatten()
            .or_else(|| {
                p.attribution_prepositions
                    .may(t)
                    .then(|| p.attribution_prepositions.match_at(w, i))
                    .flatten()
            });
        // "obtained last week by Foreign Policy magazine": a participle a few words before "by".
        let passive = w[i] == "by" && participle_before_by(w, i);
        let after = after.or(passive.then_some(1));
        if let Some(n) = after {
            for m in ctx.objects_after(i + n, 3) {
                out.push(m.id.clone());
            }
            continue;
        }
        // "the agency quoted Dmitry Shugaev, head of the service, as saying":
        // the nearest actor before the cue, in its clause.
        if f.source_before.may(t) && f.source_before.match_at(w, i).is_some() {
            let from = ctx.clause_start(i).max(i.saturating_sub(BEFORE_REACH));
            if let Some(m) = ctx
                .mentions
                .iter()
                .filter(|m| m.tok.start >= from && m.tok.end <= i && m.is_actor())
                .filter(|m| !ctx.possessive(m) && !ctx.determiner_pronoun(m))
                .max_by_key(|m| m.tok.start)
            {
                out.push(m.id.clone());
            }
        }
        if !speech_verb(ctx, i) {
            continue;
        }
        // "from the United States": a word of a name is no verb.
        if ctx.covered(i) {
            continue;
        }
        // "an estimated 20,000", "the reported deal": an adjective, not a speaker's verb.
        if i > 0 && matches!(w[i - 1], "a" | "an" | "the" | "its" | "their") {
            continue;
        }
        // "reported" inside "as reported by" is a preposition, handled above.
        if w.get(i + 1) == Some(&"by") {
            continue;
        }
        // "North Korea ... was estimated to have shipped": a passive verb's
        // subject is what is estimated, not who estimates.
        if i > 0 && matches!(w[i - 1], "was" | "were" | "is" | "are" | "been" | "be") {
            continue;
        }
        // Inverted: "..., said the lawmaker." / "..., says Moscow"; only
        // after the comma ("This photo ... shows the North's leader" has no
        // speaker), so it is looked for only there.
        let after_comma = i > 0 && matches!(w[i - 1], "," | "\"" | "”");
        let inverted = after_comma
            .then(|| ctx.first_object_after(i + 1, 2))
            .flatten()
            .filter(|m| {
                let after = w.get(m.tok.end).copied().unwrap_or(".");
                matches!(after, "." | "," | ";" | "\"" | "”")
            });
        // "..., SSB said": a name no recogniser knows is the speaker, so an
        // actor named earlier in the clause is not. (The speaker before is
        // looked for only when there is no inverted one.)
        if let Some(m) = inverted {
            out.push(m.id.clone());
        } else if let Some(s) = speaker_before(ctx, i) {
            out.extend(ctx.subject_group(s).into_iter().map(|m| m.id.clone()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// True when one of the `passive_by` participles stands a few words before
/// the "by" at `i`, in its clause. A bracketed aside does not count against
/// the reach ("images obtained last week (14 September) by Foreign Policy").
fn participle_before_by(w: &[&str], i: usize) -> bool {
    let f = &*FRAMES;
    let mut k = i;
    let mut counted = 0;
    while k > 0 && counted <= f.passive_by_reach {
        k -= 1;
        match w[k] {
            "," | ";" | "." => return false,
            ")" => {
                match (0..k).rev().take(BRACKET_REACH).find(|&j| w[j] == "(") {
                    Some(open) => k = open,
                    None => return false,
                }
                continue;
            }
            _ => {}
        }
        if f.passive_by.has(w[k]) {
            return true;
        }
        counted += 1;
    }
    false
}

/// How many tokens a bracketed aside skipped by [`participle_before_by`] may hold.
const BRACKET_REACH: usize = 8;

/// True when token `i` is a speaker's verb: one of `attribution_verbs` or
/// the frames' `verbs`, but not an agreement verb before what was agreed
/// ("India concluded a deal" is no report).
#[inline]
fn speech_verb(ctx: &Ctx, i: usize) -> bool {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let t = &ctx.tokens[i];
    let listed = p.attribution_verbs.may(t) && p.attribution_verbs.has(w[i])
        || FRAMES.verbs.may(t) && FRAMES.verbs.match_at(w, i).is_some();
    if !listed {
        return false;
    }
    let agreement = p.agreed_verbs.may(t) && p.agreed_verbs.has(w[i]);
    !(agreement
        && (i + 1..(i + 4).min(w.len())).any(|k| {
            p.agreed_nouns.has(w[k])
                || p.treaty_heads.has(w[k])
                || ctx
                    .mentions
                    .iter()
                    .any(|m| m.tok.start == k && m.kind == crate::graph::Kind::Treaty)
        }))
}

/// The speaker of the verb at `i`: after a comma, a participle's speaker is
/// the sentence's main subject ("Blinken voiced concern about Sudan,
/// saying"); a verb coordinated with an earlier one shares its subject
/// ("Berlin supplied Ukraine with two systems and announced"); otherwise the
/// subject before it, unless an unknown name stands right before the verb
/// ("..., SSB said").
fn speaker_before<'a>(ctx: &Ctx<'a>, i: usize) -> Option<&'a crate::mentions::Mention> {
    let f = &*FRAMES;
    let w = &ctx.words;
    if i > 0 && w[i - 1] == "," && f.participles.has(w[i]) {
        return ctx.main_subject().filter(|m| m.tok.end < i);
    }
    let mut k = i;
    while k > 0 && matches!(w[k - 1], "also" | "then" | "later" | "has" | "had" | "have") {
        k -= 1;
    }
    if k > 0 && f.coordinators.has(w[k - 1]) {
        let from = ctx.clause_start(i);
        return ctx
            .mentions
            .iter()
            .filter(|m| m.tok.start >= from && m.tok.end < k && m.is_actor())
            .filter(|m| !ctx.governed(m) && !ctx.possessive(m) && !ctx.bracketed(m))
            .filter(|m| !ctx.modifies_person(m) && !ctx.determiner_pronoun(m))
            .min_by_key(|m| m.tok.start);
    }
    if let Some(body) = described_body(ctx, k) {
        return body;
    }
    // "..., the officials said", "the government said": a country's body,
    // so the country named before; "AVIC built the jets, the officials
    // said" is not the company speaking.
    let body = k >= 2 && w[k - 2] == "the" && PATTERNS.country_bodies.has(w[k - 1]);
    ctx.subject_before(i)
        .filter(|_| !unknown_name_before(ctx, i) && !unknown_description_before(ctx, i))
        .filter(|m| !body || m.kind == crate::graph::Kind::Country)
}

/// "..., a Malian security source told AFP", "a second U.S. official said",
/// "a Wagner commander said": a description right before the verb at `k`,
/// its head one of the frames' `speaker_nouns`, that names a country or an
/// organisation is that body's speaker. The body is the speaker, and no
/// actor named before the description is. A description naming only people
/// has no known speaker ("a Putin aide" is the aide): `Some(None)`. `None`
/// when there is no such description, or it names nobody.
fn described_body<'a>(ctx: &Ctx<'a>, k: usize) -> Option<Option<&'a Mention>> {
    use crate::graph::Kind;
    let w = &ctx.words;
    let bare = |j: usize| bare_word(ctx, j);
    if k == 0 || !bare(k - 1) || !FRAMES.speaker_nouns.has(w[k - 1]) {
        return None;
    }
    // Back over bare words and the tokens of names to the determiner.
    let lo = k.saturating_sub(DESCRIPTION_REACH + 3);
    let det = (lo..k - 1)
        .rev()
        .take_while(|&j| bare(j) || ctx.covered(j) || DETERMINERS.contains(&w[j]))
        .find(|&j| DETERMINERS.contains(&w[j]))?;
    let mut named = ctx
        .mentions
        .iter()
        .filter(|m| m.tok.start > det && m.tok.end < k && m.kind.is_actor())
        .peekable();
    named.peek()?;
    Some(
        named
            .filter(|m| matches!(m.kind, Kind::Country | Kind::Organization))
            .max_by_key(|m| m.tok.start),
    )
}

/// True when token `j` is a lower-case word inside no mention: a word of a
/// description ("security" in "a Malian security source").
fn bare_word(ctx: &Ctx, j: usize) -> bool {
    ctx.tokens[j].kind == crate::text::TokenKind::Word
        && !ctx.tokens[j].is_capitalized()
        && !ctx.covered(j)
}

/// What opens a description of a speaker ("a", "another" source).
const DETERMINERS: [&str; 4] = ["a", "an", "the", "another"];

/// True when a description no mention covers stands right before the verb
/// at `i` ("..., the ministry said", "an aide added"): an unresolved
/// speaker, so no actor named earlier in the clause is. A description with a
/// name or demonym in it ("a second U.S. official said"), "the two leaders"
/// and a country's body ("the officials") are not unresolved.
fn unknown_description_before(ctx: &Ctx, i: usize) -> bool {
    let w = &ctx.words;
    let mut k = i;
    while k > 0 && matches!(w[k - 1], "also" | "has" | "had" | "have" | "later") {
        k -= 1;
    }
    let bare = |j: usize| bare_word(ctx, j);
    let lo = k.saturating_sub(DESCRIPTION_REACH + 1);
    let Some(det) = (lo..k)
        .rev()
        .take_while(|&j| bare(j))
        .find(|&j| matches!(w[j], "the" | "a" | "an") || FRAMES.speaker_counts.has(w[j]))
    else {
        return false;
    };
    // "the officials said", "the government said": a country's body named
    // before, which the subject rule finds; but "two diplomats said" are
    // some of them, not the body.
    let counted = FRAMES.speaker_counts.has(w[det]);
    det + 1 < k
        && PATTERNS.pair_references.match_at(w, det).is_none()
        && (counted || !PATTERNS.country_bodies.has(w[k - 1]))
}

/// How many words a description before a speaker's verb may hold ("the
/// defence ministry").
const DESCRIPTION_REACH: usize = 3;

/// How many tokens before a "source_before" cue its speaker may start.
const BEFORE_REACH: usize = 12;

/// True when the word right before the verb at `i` (adverbs like "also"
/// skipped) is a capitalised word inside no mention: an unknown speaker.
fn unknown_name_before(ctx: &Ctx, i: usize) -> bool {
    let mut k = i;
    while k > 0 && matches!(ctx.words[k - 1], "also" | "has" | "had" | "have" | "later") {
        k -= 1;
    }
    k > 0
        && ctx.tokens[k - 1].is_capitalized()
        && !ctx.covered(k - 1)
        && !PATTERNS.not_names.has(ctx.words[k - 1])
}

/// The speakers whose verb is followed by a clause
/// ("announced Sunday that it had seized", "said it will gift"): what the
/// clause says is reported even when it is the speaker's own action.
pub fn clause_speakers(ctx: &Ctx) -> Vec<NodeId> {
    let f = &*FRAMES;
    // A speaker's verb ([`speech_verb`]) is one of these sets' cues.
    if !ctx.holds(&[&PATTERNS.attribution_verbs, &f.verbs]) {
        return Vec::new();
    }
    let w = &ctx.words;
    let mut out = Vec::new();
    let verbs = CueSet::mask_of(&[&PATTERNS.attribution_verbs, &f.verbs]);
    for i in ctx.starts() {
        if ctx.tokens[i].cues & verbs == 0 || !speech_verb(ctx, i) {
            continue;
        }
        let opens = (i + 1..(i + 2 + f.clause_reach).min(w.len()))
            .take_while(|&k| w[k] != "to" && w[k] != ",")
            .any(|k| f.clause_openers.has(w[k]) || PATTERNS.sent_nouns.has(w[k]));
        // (The speaker is looked for only before a clause.)
        if let Some(s) = opens.then(|| speaker_before(ctx, i)).flatten() {
            out.extend(ctx.subject_group(s).into_iter().map(|m| m.id.clone()));
        }
    }
    out
}

/// "Moscow announced the S-300 delivery to Syria": the materiel a speaker's
/// verb announces as a nominal shipment ("the X delivery", "its X
/// shipment"; the nouns are `sent_nouns`), lower case without spaces, so the
/// document's draft of that shipment can be found by its unit.
pub fn announced_shipment(ctx: &Ctx) -> Option<String> {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let verbs = CueSet::mask_of(&[&p.attribution_verbs, &FRAMES.verbs]);
    ctx.starts().find_map(|i| {
        let d = i + 1;
        // The determiner after the verb first: the speaker is looked for last.
        if ctx.tokens[i].cues & verbs == 0
            || !matches!(w.get(d), Some(&"the") | Some(&"its") | Some(&"their"))
            || !speech_verb(ctx, i)
            || speaker_before(ctx, i).is_none()
        {
            return None;
        }
        let end = (d + 2 + SHIPMENT_NAME_REACH).min(w.len());
        let noun =
            (d + 2..end).find(|&k| p.sent_nouns.may(&ctx.tokens[k]) && p.sent_nouns.has(w[k]))?;
        let name: String = w[d + 1..noun].concat();
        (!name.is_empty()).then_some(name)
    })
}

/// True when the sentence speaks of a sending as a thing named before ("the
/// deployment was a sign of pressure", "this shipment"): what it reports is
/// that sending, not whatever the sentence before was about.
pub fn shipment_referred(ctx: &Ctx) -> bool {
    let p = &*PATTERNS;
    let w = &ctx.words;
    (1..w.len()).any(|k| {
        matches!(w[k - 1], "the" | "this" | "that")
            && p.sent_nouns.may(&ctx.tokens[k])
            && p.sent_nouns.has(w[k])
    })
}

/// True when a speaker's clause opens with something new ("told ZDF that a
/// further package would follow", "said more troops could come"): the
/// sentence reports that, not what the sentence before was about.
pub fn speaks_of_new(ctx: &Ctx) -> bool {
    let p = &*PATTERNS;
    let f = &*FRAMES;
    let w = &ctx.words;
    (1..w.len()).any(|k| {
        f.new_things.may(&ctx.tokens[k])
            && f.new_things.match_at(w, k).is_some()
            && (w[k - 1] == "that" || p.attribution_verbs.has_token(&ctx.tokens[k - 1]))
    })
}

/// How many words may name the materiel in "the X delivery".
const SHIPMENT_NAME_REACH: usize = 3;

/// What sources report about when the sentence's claims say nothing: the
/// people, organisations, countries and treaties it names other than the
/// sources themselves, in order (brackets and "his" / "its" left out).
/// `None` when it names nothing but the sources and the bodies their titles
/// name ("China's foreign ministry spokesperson Lin Jian declined to
/// comment"): they report nothing, not what the sentence before was about.
pub fn mentioned(ctx: &Ctx, sources: &[NodeId]) -> Option<Vec<NodeId>> {
    let mut out: Vec<NodeId> = Vec::new();
    let mut titled = false;
    for m in ctx.mentions {
        let fits = m.is_actor() || m.kind == crate::graph::Kind::Treaty;
        if fits && !sources.contains(&m.id) && title_body_of_source(ctx, sources, m) {
            titled = true;
            continue;
        }
        if fits
            && !sources.contains(&m.id)
            && !ctx.bracketed(m)
            && !ctx.determiner_pronoun(m)
            && !affiliation_of_source(ctx, sources, m)
            && !addressee(ctx, m)
            && !where_spoken(ctx, m)
            && !out.contains(&m.id)
        {
            out.push(m.id.clone());
        }
    }
    if out.is_empty() && (titled || names_states_together(ctx)) {
        return None;
    }
    // "The military said it will stay at the Hemeimeem air base": a place is
    // what it is about when no actor is named.
    if out.is_empty() {
        for m in ctx.mentions {
            if m.kind == crate::graph::Kind::Place && !out.contains(&m.id) && !where_spoken(ctx, m)
            {
                out.push(m.id.clone());
            }
        }
    }
    Some(out)
}

/// True when the sentence speaks of states together without naming them
/// ("the two countries signed an agreement, according to a report"): it is
/// about them, not about what the sentence before named.
fn names_states_together(ctx: &Ctx) -> bool {
    (1..ctx.words.len()).any(|k| ctx.collective_at(k))
}

/// True when `m` is the body that opens a source's title ("China's foreign
/// ministry spokesperson Lin Jian", "Kremlin spokesman Dmitry Peskov") or
/// owns the source ("Ukraine's Foreign Ministry said"): only its possessive
/// and title words stand between it and the source.
fn title_body_of_source(ctx: &Ctx, sources: &[NodeId], m: &Mention) -> bool {
    let from = m.tok.end + usize::from(ctx.possessive(m));
    ctx.mentions.iter().any(|s| {
        sources.contains(&s.id)
            && s.tok.start >= from
            && s.tok.start > m.tok.end
            && ctx.title_tokens(from, s.tok.start).len() == s.tok.start - from
    })
}

/// True when `m` is who a speaker told ("a source told AFP", "told the
/// Reuters news agency"): the listener is not what is reported.
fn addressee(ctx: &Ctx, m: &Mention) -> bool {
    let w = &ctx.words;
    let f = &*FRAMES;
    let mut k = m.tok.start;
    // "told state broadcaster VTV", "told the news agency Anadolu".
    if k > 0
        && let Some(n) = f
            .state_outlets
            .match_ending_at(w, k - 1)
            .or_else(|| f.outlet_nouns.match_ending_at(w, k - 1))
    {
        k -= n;
    }
    if k > 0 && w[k - 1] == "the" {
        k -= 1;
    }
    k > 0 && FRAMES.addressee_verbs.has(w[k - 1])
}

/// True when `m` names where the speaker spoke ("told reporters at the
/// NATO summit in Washington", "said in Ankara"): a locative preposition
/// right after a speaker's verb or its addressee opens the phrase `m` is
/// in, which no punctuation ends before it.
fn where_spoken(ctx: &Ctx, m: &Mention) -> bool {
    let w = &ctx.words;
    let p = &*PATTERNS;
    let locative = |k: usize| crate::relations::context::LOCATIVE.contains(&w[k]);
    for v in (m.tok.start.saturating_sub(WHERE_SPOKEN_REACH)..m.tok.start).rev() {
        if ctx.tokens[v].kind != crate::text::TokenKind::Word {
            return false;
        }
        if p.attribution_verbs.has_token(&ctx.tokens[v]) {
            // "said in remarks carried by Russian state media": a phrase of
            // its own ("by") leaves the place.
            let other =
                |k: usize| crate::relations::context::PREPOSITIONS.contains(&w[k]) && !locative(k);
            return (v + 1..(v + 3).min(m.tok.start)).any(locative)
                && !(v + 1..m.tok.start).any(other);
        }
    }
    false
}

/// How many tokens before a mention the speaker's verb of "told reporters
/// at the NATO summit in Washington" may stand.
const WHERE_SPOKEN_REACH: usize = 8;

/// How many tokens an appositive after a speaker may run before the
/// organisation it ties the speaker to.
const AFFILIATION_REACH: usize = 10;

/// True when `m` is where a source works, in an appositive after it: "said
/// Jan Kowal, a spokesman for the Zembla Institute", "..., head of the
/// Sahel programme at the Konrad Adenauer Foundation". The speaker's
/// employer is not what the speaker reports about.
fn affiliation_of_source(ctx: &Ctx, sources: &[NodeId], m: &Mention) -> bool {
    let w = &ctx.words;
    let mut k = m.tok.start;
    // "for the", "at the", "of": the preposition that ties the two.
    while k > 0 && matches!(w[k - 1], "the" | "a" | "an") {
        k -= 1;
    }
    if k == 0 || !matches!(w[k - 1], "for" | "at" | "of" | "with" | "from") {
        return false;
    }
    // The appositive ends with the organisation's name (and where it is):
    // "According to Kadyrov, the battalion guarded Russia's air base" goes on.
    let mut end = m.tok.end;
    while end < w.len()
        && (ctx.covered(end) || ctx.tokens[end].is_capitalized() || matches!(w[end], "of" | "in"))
    {
        end += 1;
    }
    if end < w.len() && !matches!(w[end], "," | "." | ";" | ")" | "\"" | "”") {
        return false;
    }
    ctx.mentions.iter().any(|s| {
        sources.contains(&s.id)
            && s.tok.end < k
            && k - s.tok.end <= AFFILIATION_REACH
            && w[s.tok.end] == ","
            && (s.tok.end + 1..k - 1).all(|j| ctx.tokens[j].kind == crate::text::TokenKind::Word)
    })
}

/// What a sentence without claims reports about: the first actor of the
/// "that" clause after an attribution verb ("told the council that the panel
/// had been..."), or a treaty the clause names ("told state television the
/// document has no clause"). Only people and organisations report this way:
/// "Pyongyang and Moscow acknowledged the presence of troops" is no report.
pub fn complement(ctx: &Ctx) -> Option<NodeId> {
    let p = &*PATTERNS;
    let w = &ctx.words;
    let verb = ctx.starts().find(|&i| {
        p.attribution_verbs.may(&ctx.tokens[i])
            && p.attribution_verbs.has(w[i])
            && w.get(i + 1) != Some(&"by")
    })?;
    let end = ctx.clause_end(verb);
    let that = (verb + 1..(verb + 6).min(end)).find(|&k| w[k] == "that");
    let from = that.map_or(verb + 1, |t| t + 1);
    let speaker = ctx.subject_before(verb)?;
    if speaker.kind == crate::graph::Kind::Country {
        return None;
    }
    ctx.mentions
        .iter()
        .filter(|m| m.tok.start >= from && m.tok.end <= end)
        .filter(|m| {
            m.kind == crate::graph::Kind::Treaty
                || that.is_some() && m.is_actor() && m.id != speaker.id
        })
        .filter(|m| !ctx.determiner_pronoun(m) && !ctx.possessive(m))
        .min_by_key(|m| m.tok.start)
        .map(|m| m.id.clone())
}

#[cfg(test)]
mod tests {
    use crate::relations::rules::testing::{assert_claim, assert_no_claim, claims};

    #[test]
    fn where_a_speaker_spoke_is_not_what_is_reported() {
        for text in [
            "\"It is a good decision,\" Ana Ruiz told reporters at the OSCE summit.",
            "\"It is a good decision,\" Ana Ruiz told reporters at the OSCE summit in Lima.",
            "\"It is a good decision,\" Ana Ruiz said in Peru.",
        ] {
            assert_no_claim(text, "reported");
        }
        // A phrase of its own after the place is not where.
        assert_claim(
            "\"It is a good decision,\" Ana Ruiz said in remarks carried by Chilean state media.",
            "reported",
            "Ana Ruiz",
            "Chile",
        );
    }

    #[test]
    fn the_officials_of_a_country_speak_for_it_not_for_a_company() {
        let text = "Peru's Zembla Aviation Corporation built the 40 jets, the officials said.";
        assert!(
            !claims(text)
                .iter()
                .any(|c| c.starts_with("reported Zembla")),
            "{:#?}",
            claims(text)
        );
        assert_claim(
            "Peru will buy 40 jets from Chile, the officials said.",
            "reported",
            "Peru",
            "40 jets",
        );
    }

    #[test]
    fn a_speakers_employer_is_not_what_the_speaker_reports() {
        for text in [
            "The talks will continue, said Jan Kowal, a spokesman for the Zembla Institute.",
            "The border stays closed, said Jan Kowal, head of the Andes programme at the Zembla Institute.",
            "Zembla Institute spokesman Jan Kowal said Peru opposed the plan.",
        ] {
            let got = claims(text);
            assert!(
                !got.iter().any(|c| c.contains("Zembla Institute")),
                "{got:#?}\nfor: {text}"
            );
        }
        // A main clause after "according to X," is what X reports.
        assert_claim(
            "According to Defence Minister Jan Kowal, the unit guarded Peru's port of Callao.",
            "reported",
            "Jan Kowal",
            "Peru",
        );
        // Who a speaker told is not what is reported, an outlet's noun between.
        assert_no_claim(
            "\"No troops are stationed here,\" Jan Kowal told state broadcaster ZTV.",
            "reported",
        );
        // The country that owns the speaking body is not what it reports.
        let text = "Peru's Foreign Ministry said Chile had broken the accord.";
        assert_claim(text, "reported", "Peruvian Foreign Ministry", "Chile");
        assert!(
            !claims(text).iter().any(|c| c.ends_with("-> Peru")),
            "{:#?}",
            claims(text)
        );
        // Named in the claim itself, it is what is reported.
        assert_claim(
            "Jan Kowal said the Zembla Institute had closed, the ministry said.",
            "reported",
            "Jan Kowal",
            "Zembla Institute",
        );
    }

    #[test]
    fn a_place_after_a_preposition_and_its_region_is_no_speaker() {
        for text in [
            "Chile moved 300 fighters from Peru to eastern Bolivia, officials said.",
            "Chile moved 300 fighters into occupied Bolivia, officials said.",
        ] {
            let got = claims(text);
            assert!(
                !got.iter().any(|c| c.starts_with("reported Bolivia")),
                "{got:#?}\nfor: {text}"
            );
        }
        // A speaker named before the verb still speaks.
        assert_claim(
            "Chile moved 300 fighters to eastern Bolivia, Peru said.",
            "reported",
            "Peru",
            "300 fighters",
        );
    }

    #[test]
    fn counted_speakers_are_unresolved_and_experts_speak_for_their_body() {
        let got =
            claims("Chile has supplied the Peruvian army with 20 drones, two diplomats said.");
        assert!(!got.iter().any(|c| c.starts_with("reported")), "{got:#?}");
        assert_claim(
            "Chile flew 20 drones to Peru, a panel of UN experts said.",
            "reported",
            "United Nations",
            "20 drones",
        );
        let got = claims("Chile flew 20 drones to Peru, a panel of UN experts said.");
        assert!(
            !got.iter().any(|c| c.starts_with("reported Chile")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_described_speaker_is_the_body_it_names() {
        // Not the subject of the main clause before the comma.
        let text = "The Kremlin's Africa Corps will take over the base, a Malian security source told Reuters.";
        assert_claim(text, "reported", "Mali", "Africa Corps");
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Africa Corps")),
            "{got:#?}"
        );
        assert_claim(
            "Niger will receive 40 armoured vehicles, a senior Wagner commander said.",
            "reported",
            "Wagner Group",
            "40 armoured vehicles",
        );
        // A person in the description is not the speaker.
        let text = "Niger will receive 40 armoured vehicles, a Putin aide said.";
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Vladimir Putin")),
            "{got:#?}"
        );
    }

    #[test]
    fn who_is_told_is_not_what_is_reported() {
        let text = "Jan Kowal told Reuters that Chad had sent 200 troops to Niger.";
        assert_claim(text, "reported", "Jan Kowal", "200 troops");
        let got = claims(text);
        assert!(!got.iter().any(|c| c.ends_with("-> Reuters")), "{got:#?}");
        let text = "The Kremlin's Africa Corps will take over the base, a Malian security source told AFP.";
        let got = claims(text);
        assert!(!got.iter().any(|c| c.ends_with("-> AFP")), "{got:#?}");
    }

    #[test]
    fn a_description_speaks_only_with_a_speakers_noun() {
        // "the system to Syria but said": no description of a speaker.
        let text = "Jan Kowal said he could not confirm that Russia had delivered the system to Syria but said it would be a concern.";
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Syria")),
            "{got:#?}"
        );
    }

    #[test]
    fn a_word_of_a_name_is_no_speech_verb() {
        // "States" of "the United States" is not "states" said by Chile.
        assert_no_claim(
            "Chile will receive 12 fighter jets from the United States.",
            "reported",
        );
        assert_claim(
            "The United States states that it sent 12 fighter jets to Chile.",
            "reported",
            "United States",
            "12 fighter jets",
        );
    }

    #[test]
    fn attribution_chain_credits_every_named_source() {
        let text = "South Korea’s intelligence service has reported that around 5,000 North Korean construction troops have been dispatched to Russia, according to a lawmaker briefed on the findings, AFP reports.";
        assert_claim(
            text,
            "reported",
            "National Intelligence Service",
            "5,000 construction troops",
        );
        assert_claim(text, "reported", "AFP", "5,000 construction troops");
    }

    #[test]
    fn according_to_names_the_source() {
        let text = "According to South Korea’s National Intelligence Service, North Korea previously sent about 10,900 combat troops late last year.";
        assert_claim(
            text,
            "reported",
            "National Intelligence Service",
            "10,900 combat troops",
        );
    }

    #[test]
    fn who_compiled_or_published_the_data_is_the_source() {
        for text in [
            "Chile flew 40 howitzers to Peru, according to flight data compiled by the Zembla Institute.",
            "Chile flew 40 howitzers to Peru, according to documents seen by the Zembla Institute.",
            "Chile flew 40 howitzers to Peru, according to figures published by the Zembla Institute.",
        ] {
            assert_claim(text, "reported", "Zembla Institute", "40 howitzers");
        }
    }

    #[test]
    fn told_reporters_and_inverted_said() {
        assert_claim(
            "South Korean lawmaker Lee Seong-kweun told reporters that 5,000 North Korean construction troops have been moving to Russia.",
            "reported",
            "Lee Seong-kweun",
            "5,000 construction troops",
        );
        assert_claim(
            "North Korea to send 6,000 troops to Russia for reconstruction, says Moscow",
            "reported",
            "Russia",
            "6,000 troops",
        );
    }

    #[test]
    fn report_without_a_claim_is_about_the_clause_after_that() {
        let text = "The UN Panel of Experts was disbanded in April. Ambassador Vassily Nebenzia told the council that the panel had been biased.";
        assert_claim(text, "reported", "Vassily Nebenzia", "Panel of Experts");
    }

    #[test]
    fn an_estimated_number_has_no_speaker() {
        let got = claims(
            "North Korea has shipped an estimated 250 missiles to Russia, a State Department spokesperson said.",
        );
        assert!(
            !got.iter().any(|c| c.starts_with("reported North Korea")),
            "{got:?}"
        );
        assert_claim(
            "North Korea has shipped an estimated 250 missiles to Russia, a State Department spokesperson said.",
            "reported",
            "State Department",
            "250 missiles",
        );
    }

    #[test]
    fn trailing_it_said_is_the_organisation_named_last() {
        let text = "The Baltic Maritime Command escorted two frigates on Monday. The frigates carried cargo for Norway, it said.";
        assert_claim(text, "reported", "Baltic Maritime Command", "2 frigates");
    }

    #[test]
    fn inverted_speaker_with_a_rank() {
        assert_claim(
            "“The convoy is a threat to Poland,” said Rear Admiral Tomas Lindqvist.",
            "reported",
            "Tomas Lindqvist",
            "Poland",
        );
    }

    #[test]
    fn quoted_as_saying_credits_the_person_quoted() {
        assert_claim(
            "The agency quoted Deputy Minister Pavel Orlov as saying that Belarus would join the talks.",
            "reported",
            "Pavel Orlov",
            "Belarus",
        );
    }

    #[test]
    fn first_reported_by_names_the_source() {
        assert_claim(
            "The sale of the frigates to Egypt was first reported by Reuters.",
            "reported",
            "Reuters",
            "Egypt",
        );
    }

    #[test]
    fn an_unknown_name_before_said_hides_the_actor_before_it() {
        let got = claims(
            "The drones were bought under a contract between Baykar and the Danish Defence Ministry in 2020, Qorvex said on Friday.",
        );
        assert!(
            !got.iter()
                .any(|c| c.starts_with("reported Danish Defence Ministry")),
            "{got:?}"
        );
    }

    #[test]
    fn a_speaker_reports_its_own_action_in_a_that_clause() {
        assert_claim(
            "Norway announced on Sunday that it had sent 300 soldiers to Latvia.",
            "reported",
            "Norway",
            "300 soldiers",
        );
    }

    #[test]
    fn an_outlet_of_the_gazetteer_is_a_source() {
        assert_claim(
            "Russia has delivered 12 howitzers to Serbia, PTI reported.",
            "reported",
            "Press Trust of India",
            "12 howitzers",
        );
    }

    #[test]
    fn concluding_a_deal_is_no_report() {
        let got = claims("The protest came after Peru concluded a deal for tanks from Korea.");
        assert!(
            !got.iter().any(|c| c.starts_with("reported Peru")),
            "{got:?}"
        );
    }

    #[test]
    fn a_coordinated_verb_keeps_the_first_subject_not_the_object() {
        let text = "Norway had supplied Latvia with two air defence systems and announced in May that a third system would follow.";
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Latvia")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|c| c.starts_with("reported Norway")),
            "{got:?}"
        );
    }

    #[test]
    fn a_participle_after_a_comma_belongs_to_the_main_subject() {
        let text = "Senator Ellen Marsh voiced concern about Chad, saying the border was unsafe.";
        assert_claim(text, "reported", "Ellen Marsh", "Chad");
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Chad")),
            "{got:?}"
        );
    }

    #[test]
    fn detailed_and_accused_are_speakers_verbs() {
        assert_claim(
            "The Norwegian Ministry of Defence detailed a package for Ukraine.",
            "reported",
            "Norwegian Ministry of Defence",
            "Ukraine",
        );
    }

    #[test]
    fn a_passive_participle_names_its_source_a_few_words_later() {
        assert_claim(
            "Photos of the convoy in Chad, obtained on Monday by Reuters, showed new trucks.",
            "reported",
            "Reuters",
            "Chad",
        );
    }

    #[test]
    fn a_bracketed_date_does_not_count_against_the_passive_reach() {
        assert_claim(
            "Images obtained last week (14 March) by Reuters showed new trucks in Chad.",
            "reported",
            "Reuters",
            "Chad",
        );
    }

    #[test]
    fn it_said_is_not_the_organisation_a_preposition_governs() {
        let text = "The Baltic Maritime Command stopped a trawler on Friday. \
                    The trawler, which sailed on a route used to carry cargo from Iran to the Houthis in Yemen, had six crew, it said.";
        let got = claims(text);
        assert!(
            !got.iter().any(|c| c.starts_with("reported Houthis")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|c| c.starts_with("reported Baltic Maritime Command")),
            "{got:?}"
        );
    }

    #[test]
    fn a_long_title_with_prepositions_keeps_its_holder_the_speaker() {
        assert_claim(
            "Under Secretary of Defense for Policy Mark Ellison told reporters that 300 soldiers would be sent to Latvia.",
            "reported",
            "Mark Ellison",
            "300 soldiers",
        );
    }

    #[test]
    fn an_announced_nominal_delivery_is_the_shipment_named_before() {
        assert_claim(
            "Russia has delivered 12 howitzers to Serbia. Moscow announced the howitzer delivery after a border incident.",
            "reported",
            "Russia",
            "12 howitzers",
        );
    }

    #[test]
    fn an_unresolved_description_before_said_hides_the_actor_before_it() {
        let got = claims(
            "Defence Minister Ivan Petrov will inspect the 300 soldiers in Estonia next week, the ministry said.",
        );
        assert!(
            !got.iter().any(|c| c.starts_with("reported Ivan Petrov")),
            "{got:?}"
        );
        // A description with a demonym in it names its country.
        assert_claim(
            "Norway sent 300 soldiers to Estonia, a second U.S. official said.",
            "reported",
            "United States",
            "300 soldiers",
        );
    }

    #[test]
    fn no_report_of_ones_own_action() {
        let got = claims(
            "North Korea has announced plans to deploy approximately 6,000 military personnel to Russia.",
        );
        assert!(
            !got.iter().any(|c| c.starts_with("reported North Korea")),
            "{got:?}"
        );
    }
}
