//! One document through every extraction stage: sentences, mentions,
//! relations and attribution, into an [`Extraction`] that `graph::build`
//! merges with the others. Documents are independent, so extraction runs in
//! parallel; only the lexicon is shared (read-only).

use crate::corpus::Document;
use crate::graph::{DocumentInfo, Kind, NodeId, Relation};
use crate::lexicon::Lexicon;
use crate::mentions::{DocState, find_mentions_in};
use crate::relations::context::Ctx;
use crate::relations::dates::{DocDate, find_dates_at};
use crate::relations::drafts::{add_draft, inherit, opens_new, parts_and_whole};
use crate::relations::reported::{report, reported_claims};
use crate::relations::rules::{Arg, sentence_relations};
use crate::relations::{Claim, End, attribution};
use crate::text::sentences::split_page;
use crate::text::tokens::{recycle, tokenize_lowered_into};

pub use crate::model::{Extraction, MentionRecord, SentenceSpan};

/// Runs every extraction stage over one document.
pub fn extract_document(doc: &Document, lex: &Lexicon) -> Extraction {
    let doc_date = doc.date.as_deref().and_then(DocDate::parse);
    let mut state = DocState::default();
    let mut last_pair: Option<(NodeId, NodeId)> = None;
    // The two sides of the conflict named last, for "the warring sides".
    let mut belligerents: Option<(NodeId, NodeId)> = None;
    // What the last sentence's claims were about, for a source that names nothing.
    let mut last_about: Vec<End> = Vec::new();
    let mut shipment = crate::relations::rules::sent::ShipmentFrame::default();
    let mut carry = crate::relations::carry::Carry::default();
    let mut ex = Extraction {
        doc: DocumentInfo {
            id: doc.id.clone(),
            path: doc.path.clone(),
            date: doc.date.clone(),
            title: doc.title.clone(),
            url: doc.url.clone(),
        },
        sentences: Vec::new(),
        mentions: Vec::new(),
        drafts: Vec::new(),
        claims: Vec::new(),
        apart: Vec::new(),
        places_in: Vec::new(),
        bytes: doc.text.len(),
    };
    // Every sentence's text with its ASCII letters lower-cased, in one buffer
    // reused across sentences: tokens borrow their lower case from it.
    let mut lower_text = String::new();
    // The token and word lists' buffers, reused from sentence to sentence.
    let mut token_buf: Vec<crate::text::Token<'static>> = Vec::new();
    let mut word_buf: Vec<&'static str> = Vec::new();
    // The sentence's classification and the rules' per-sentence indexes,
    // their buffers reused likewise.
    let mut classes = crate::mentions::classes::Classes::default();
    // The sentences naming a treaty that has parties, for which treaty it is.
    let mut treaties = crate::mentions::parties::TreatyContexts::default();
    let mut index = crate::relations::context::Index::default();
    for (si, sentence) in split_page(&doc.text, doc.body_start, doc.base, doc.doc_len)
        .into_iter()
        .enumerate()
    {
        state.sentence = si;
        lower_text.clear();
        lower_text.push_str(&sentence.text);
        lower_text.make_ascii_lowercase();
        let mut tokens = recycle(std::mem::take(&mut token_buf));
        tokenize_lowered_into(&sentence.text, &lower_text, sentence.start, &mut tokens);
        // The one walk over the tokens: their classes (what every mention
        // pass, the dates and the relation rules start from) and their
        // lower-case words, listed once for every pass over the sentence.
        let mut words: Vec<&str> = recycle(std::mem::take(&mut word_buf));
        classes.build_listing(&tokens, &mut words);
        let mut found = find_mentions_in(
            &sentence.text,
            sentence.start,
            &tokens,
            &words,
            &classes,
            lex,
            &mut state,
        );
        treaties.note(&found.mentions, lex);
        // "did not send drones", "denies supplying weapons": no contingent,
        // and a later "the drones" is not it.
        found.quantities.retain(|q| {
            let denied = crate::relations::negation::denied_contingent(
                &tokens,
                &words,
                q.tok.start,
                q.tok.end,
            );
            if denied {
                for r in state
                    .recent
                    .iter_mut()
                    .filter(|r| (r.start, r.end) == (q.start, q.end))
                {
                    r.blocked = true;
                }
            }
            !denied
        });
        let date_starts = classes.dates.iter().map(|&k| k as usize);
        let dates = find_dates_at(&tokens, &words, date_starts, doc_date);
        let mut ctx = Ctx::with_classes(
            &tokens,
            words,
            &found.mentions,
            &found.quantities,
            dates,
            std::mem::take(&mut index),
            &mut classes,
        );
        ctx.pair = last_pair.clone();
        ctx.belligerents = belligerents.clone();
        let (mut relations, mut facts) = sentence_relations(&ctx);
        // A package or cargo named in an earlier sentence lends its sender and
        // destination to the items listed after it.
        crate::relations::rules::sent::apply_frame(&ctx, &mut shipment, &mut relations, &mut facts);
        // Counts of one sentence are apart; "another 3,000" is apart from
        // every contingent counted before it.
        let mut drafts: Vec<usize> = Vec::with_capacity(found.quantities.len());
        for (q, f) in found.quantities.iter().zip(&facts) {
            let fresh = opens_new(&ctx.words, q);
            let apart: Vec<usize> = if fresh {
                (0..ex.drafts.len()).collect()
            } else {
                drafts.clone()
            };
            let d = add_draft(&mut ex.drafts, q, f, &apart);
            for &a in apart.iter().filter(|&&a| a != d) {
                ex.apart.push((a.min(d), a.max(d)));
            }
            drafts.push(d);
        }
        // "This contingent comprises 1,000 deminers and 5,000 construction
        // workers": each part to the whole its counts add up to.
        let mut part_claims: Vec<Claim> = Vec::new();
        if let Some((parts, whole)) = parts_and_whole(&ex.drafts, &drafts) {
            for p in parts {
                let stated = drafts
                    .iter()
                    .zip(&facts)
                    .any(|(&d, f)| d == p && f.status.is_some());
                inherit(&mut ex.drafts, p, whole, stated);
                ex.apart.push((p.min(whole), p.max(whole)));
                part_claims.push(Claim {
                    relation: Relation::PartOf,
                    source: End::Deployment(p),
                    target: End::Deployment(whole),
                    sentence: ex.sentences.len(),
                    date: None,
                    place: None,
                    reported_by: Vec::new(),
                });
            }
        }
        if let Some(sides) = crate::relations::rules::agreed::conflict_sides(&ctx) {
            belligerents = Some(sides);
        }
        if let Some(pair) = latest_pair(&relations) {
            // Two people who met are not displaced by two countries ("15 years
            // ago we signed the China-Russia treaty"): a later "the two
            // presidents" are still the people.
            let all =
                |p: &(NodeId, NodeId), k: Kind| p.0.kind() == Some(k) && p.1.kind() == Some(k);
            if !(all(&pair, Kind::Country)
                && last_pair.as_ref().is_some_and(|l| all(l, Kind::Person)))
            {
                last_pair = Some(pair);
            }
        }
        let sources = attribution::sources(&ctx);
        let end = |a: &Arg| match a {
            Arg::Entity(id) => End::Entity(id.clone()),
            Arg::Quantity(q) => End::Deployment(drafts[*q]),
        };
        let mut claims: Vec<Claim> = relations
            .iter()
            .map(|r| Claim {
                relation: r.relation,
                source: end(&r.source),
                target: end(&r.target),
                sentence: ex.sentences.len(),
                date: r.date.clone(),
                place: r.place.clone(),
                reported_by: Vec::new(),
            })
            .collect();
        // Before attribution: a source reports what another sentence completes.
        carry.sentence(
            &ctx,
            ex.sentences.len(),
            &drafts,
            &mut claims,
            &mut ex.drafts,
            &ex.claims,
        );
        let own_ok = if sources.is_empty() {
            Vec::new()
        } else {
            attribution::clause_speakers(&ctx)
        };
        let mut reported = reported_claims(
            &claims,
            &drafts,
            &sources,
            ex.sentences.len(),
            &ctx,
            &own_ok,
        );
        if reported.is_empty()
            && claims.is_empty()
            && drafts.is_empty()
            && let Some(about) = attribution::complement(&ctx)
        {
            // A source is never what the sentence reports about ("according to Ukrainian authorities").
            for s in sources.iter().filter(|_| !sources.contains(&about)) {
                reported.push(report(
                    s,
                    End::Entity(about.clone()),
                    ex.sentences.len(),
                    &ctx,
                ));
            }
        }
        if reported.is_empty()
            && claims.is_empty()
            && drafts.is_empty()
            && !sources.is_empty()
            && let Some(name) = attribution::announced_shipment(&ctx)
            && let Some(d) = ex
                .drafts
                .iter()
                .rposition(|d| d.deployment.unit.replace(' ', "").starts_with(&name))
        {
            // "Moscow announced the S-300 delivery": the shipment named before.
            for s in &sources {
                reported.push(report(s, End::Deployment(d), ex.sentences.len(), &ctx));
            }
        }
        if reported.is_empty() && claims.is_empty() && drafts.is_empty() && !sources.is_empty() {
            // Nothing the rules read: the sources report what the sentence
            // names, or else what the sentence before was about.
            let mentioned = attribution::mentioned(&ctx, &sources);
            let only_sources = mentioned.is_none();
            let named: Vec<End> = mentioned.into_iter().flatten().map(End::Entity).collect();
            // "the deployment was a sign of pressure": the document's last
            // sending, not the sentence before's meeting.
            let referred = named.is_empty() && attribution::shipment_referred(&ctx);
            let sending: Vec<End> = match ex.drafts.len().checked_sub(1) {
                Some(d) if referred => vec![End::Deployment(d)],
                _ => Vec::new(),
            };
            let about = if referred {
                &sending
            } else if named.is_empty() && !only_sources && !attribution::speaks_of_new(&ctx) {
                &last_about
            } else {
                &named
            };
            for s in &sources {
                // A country carries no earlier sentence's claim ("when Pyongyang
                // and Moscow acknowledged the presence"): only speakers do.
                if named.is_empty() && s.kind() == Some(Kind::Country) {
                    continue;
                }
                for t in about.iter().filter(|t| **t != End::Entity(s.clone())) {
                    reported.push(report(s, t.clone(), ex.sentences.len(), &ctx));
                }
                // "Modi was quoted as saying by TASS": an organisation reports
                // the person it quotes.
                if named.is_empty() && s.kind() == Some(Kind::Organization) {
                    for p in sources.iter().filter(|p| p.kind() == Some(Kind::Person)) {
                        let t = End::Entity(p.clone());
                        if !about.contains(&t) {
                            reported.push(report(s, t, ex.sentences.len(), &ctx));
                        }
                    }
                }
            }
        }
        last_about = if !reported.is_empty() {
            reported.iter().map(|c| c.target.clone()).collect()
        } else {
            claims
                .iter()
                .map(|c| match &c.target {
                    End::Deployment(_) => c.target.clone(),
                    _ => c.source.clone(),
                })
                .chain(drafts.iter().map(|d| End::Deployment(*d)))
                .collect()
        };
        last_about.dedup();
        for c in claims.iter_mut() {
            // Neither party of a meeting is its source (see `reported_claims`).
            c.reported_by = sources
                .iter()
                .filter(|s| End::Entity((*s).clone()) != c.source)
                .filter(|s| c.relation != Relation::Met || End::Entity((*s).clone()) != c.target)
                .cloned()
                .collect();
        }
        let used = !claims.is_empty() || !reported.is_empty() || !part_claims.is_empty();
        let any_mention = !found.mentions.is_empty();
        // Moved, not copied: nothing reads the sentence's mentions after this.
        word_buf = recycle(std::mem::take(&mut ctx.words));
        index = std::mem::take(&mut ctx.index);
        drop(ctx);
        token_buf = recycle(tokens);
        ex.mentions
            .extend(found.mentions.into_iter().map(|m| MentionRecord {
                id: m.id,
                kind: m.kind,
                label: m.label,
                surface: m.surface,
                form: m.form,
                role: m.role,
            }));
        ex.claims.extend(claims);
        ex.claims.extend(reported);
        ex.claims.extend(part_claims);
        if used || any_mention {
            ex.sentences.push(SentenceSpan {
                start: sentence.start,
                end: sentence.end,
                text: sentence.text,
            });
        } else {
            // Keep indices aligned: an unused sentence is still recorded.
            ex.sentences.push(SentenceSpan {
                start: sentence.start,
                end: sentence.end,
                text: String::new(),
            });
        }
    }
    let renumbered = carry.finish(&mut ex.drafts, &mut ex.claims);
    let mut apart: Vec<(usize, usize)> = std::mem::take(&mut ex.apart)
        .into_iter()
        .map(|(a, b)| (renumbered[a], renumbered[b]))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    apart.sort_unstable();
    apart.dedup();
    ex.apart = apart;
    ex.places_in = places_in(&ex.drafts, lex);
    // "the mutual defence treaty" of a document that does not name the
    // known treaty's parties is another treaty.
    crate::mentions::parties::separate_other_treaties(&mut ex, lex, &treaties);
    // A web page: spans of its text become offsets in the page.
    if let Some(map) = &doc.offsets {
        for s in &mut ex.sentences {
            (s.start, s.end) = (map.start(s.start), map.end(s.end));
        }
    }
    // A later page of a big file: spans become offsets in the file.
    if doc.base > 0 {
        for s in &mut ex.sentences {
            s.start += doc.base;
            s.end += doc.base;
        }
    }
    ex
}

/// The two actors a sentence brought together last: a meeting, an agreement
/// between them, or two parties agreeing to the same thing ("Putin and
/// Pezeshkian signed a treaty"), for a later "the two".
fn latest_pair(found: &[crate::relations::rules::Found]) -> Option<(NodeId, NodeId)> {
    let entity = |a: &Arg| match a {
        Arg::Entity(id) if id.kind().is_some_and(Kind::is_actor) => Some(id.clone()),
        _ => None,
    };
    for (k, f) in found.iter().enumerate().rev() {
        match f.relation {
            Relation::Met | Relation::Agreed => {
                if let (Some(a), Some(b)) = (entity(&f.source), entity(&f.target)) {
                    return Some((a, b));
                }
                if f.relation == Relation::Agreed {
                    let other = found[..k].iter().rev().find(|g| {
                        g.relation == Relation::Agreed
                            && g.target == f.target
                            && g.source != f.source
                    });
                    if let (Some(g), Some(b)) = (other, entity(&f.source))
                        && let Some(a) = entity(&g.source)
                    {
                        return Some((a, b));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// (place, country) for every place a draft goes to that the gazetteer puts
/// in a country the lexicon knows: "Kursk" is in Russia.
fn places_in(drafts: &[crate::relations::DeploymentDraft], lex: &Lexicon) -> Vec<(NodeId, NodeId)> {
    let mut out: Vec<(NodeId, NodeId)> = Vec::new();
    for to in drafts.iter().filter_map(|d| d.deployment.to.as_ref()) {
        if to.kind() != Some(Kind::Place) || out.iter().any(|(p, _)| p == to) {
            continue;
        }
        let Some(label) = lex.get(to).map(|e| e.label.as_str()) else {
            continue;
        };
        let Some(place) = crate::lexicon::gazetteer::GAZETTEER.get(label) else {
            continue;
        };
        if let Some(country) = country_of_code(place.country, lex) {
            out.push((to.clone(), country));
        }
    }
    out.sort();
    out
}

/// The lexicon's country for an ISO 3166 alpha-2 code: the one its ISO short
/// name (or English name) names.
fn country_of_code(code: &str, lex: &Lexicon) -> Option<NodeId> {
    country_names(code).find_map(|name| {
        lex.find(name).into_iter().find_map(|m| {
            let e = lex.entity(m.entity);
            (m.start == 0 && m.end == name.len() && e.kind == Kind::Country).then(|| e.id.clone())
        })
    })
}

/// The ISO short name and English name of an ISO 3166 alpha-2 code (none
/// for an unknown code).
fn country_names(code: &str) -> impl Iterator<Item = &'static str> {
    crate::lexicon::countries::by_alpha2(code)
        .into_iter()
        .flat_map(|c| [Some(c.iso_short), c.english])
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_lexicon;
    use std::sync::LazyLock;

    static LEX: LazyLock<Lexicon> = LazyLock::new(|| load_lexicon(&[]).unwrap());

    fn extract(text: &str) -> Extraction {
        let doc = Document::new(
            "t".into(),
            "t.txt".into(),
            format!("date 2025-06-17 {text}"),
            None,
            None,
            None,
        );
        extract_document(&doc, &LEX)
    }

    /// The ids every surface form of `text` resolved to, as "surface=id".
    fn resolved(text: &str) -> Vec<String> {
        extract(text)
            .mentions
            .iter()
            .map(|m| format!("{}={}", m.surface, m.id))
            .collect()
    }

    #[track_caller]
    fn assert_resolves(text: &str, surface: &str, id: &str) {
        let got = resolved(text);
        let want = format!("{surface}={id}");
        assert!(got.contains(&want), "missing {want:?} in {got:#?}");
    }

    #[test]
    fn surface_forms_of_one_person_are_one_node() {
        let text = "North Korean leader Kim Jong Un met envoys. Kim Jong-un said little. Kim left.";
        for s in ["Kim Jong Un", "Kim Jong-un", "Kim"] {
            assert_resolves(text, s, "person:kim-jong-un");
        }
    }

    #[test]
    fn descriptions_of_the_spy_agency_are_the_nis() {
        let text = "Seoul's spy agency briefed lawmakers. South Korea's intelligence service said troops left. \
                    The spy agency added more. South Korean intelligence agreed. The National Intelligence Service declined.";
        for s in [
            "Seoul's spy agency",
            "South Korea's intelligence service",
            "The spy agency",
            "South Korean intelligence",
            "National Intelligence Service",
        ] {
            assert_resolves(text, s, "organization:nis");
        }
    }

    #[test]
    fn the_spy_agency_before_any_agency_is_named_is_nobody() {
        let got = resolved("The spy agency said troops left.");
        assert!(
            !got.iter().any(|m| m.contains("organization:nis")),
            "{got:?}"
        );
    }

    #[test]
    fn capitals_act_as_governments_but_stay_places_after_a_preposition() {
        let text = "Pyongyang did not respond. Ties between Moscow and Pyongyang grew. Shoigu arrived in Pyongyang.";
        let got = resolved(text);
        assert_eq!(
            got.iter()
                .filter(|m| *m == "Pyongyang=country:north-korea")
                .count(),
            2,
            "{got:?}"
        );
        assert!(
            got.contains(&"Moscow=country:russia".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"Pyongyang=place:pyongyang".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn names_with_particles_and_their_later_surnames_are_one_person() {
        let text = "Saudi Crown Prince Mohammed bin Salman received Syrian President Ahmed al-Sharaa. \
                    Sharaa later met Emir Sheikh Tamim bin Hamad Al Thani and Commission President Ursula von der Leyen.";
        let got = resolved(text);
        for m in [
            "Saudi=country:saudi-arabia",
            "Mohammed bin Salman=person:mohammed-bin-salman",
            "Sharaa=person:ahmed-sharaa",
            "Tamim bin Hamad Al Thani=person:tamim-bin-hamad-al-thani",
            "Ursula von der Leyen=person:ursula-von-der-leyen",
        ] {
            assert!(got.contains(&m.to_string()), "{m}: {got:?}");
        }
        // A one-word title between name words is part of the name, and its
        // last word names the person later.
        let got = resolved(
            "Somali President Hassan Sheikh Mohamud thanked Peruvian President Ana Ruiz. \
             Ruiz later hosted Mohamud in Lima.",
        );
        for m in [
            "Hassan Sheikh Mohamud=person:hassan-sheikh-mohamud",
            "Mohamud=person:hassan-sheikh-mohamud",
        ] {
            assert!(got.contains(&m.to_string()), "{m}: {got:?}");
        }
        // A particle never ends a name ("Gen. Pat Roe de" is no name).
        let got = resolved("Army chief Gen. Pat Roe de facto ran the country.");
        assert!(
            got.contains(&"Pat Roe=person:pat-roe".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn capitals_no_lexicon_entry_lists_act_as_their_governments() {
        let text = "Nairobi agreed to send 300 police officers to Haiti. \
                    Baku signed a gas deal with Tashkent. Officers gathered in Nairobi.";
        let got = resolved(text);
        for m in [
            "Nairobi=country:kenya",
            "Baku=country:azerbaijan",
            "Tashkent=country:uzbekistan",
            "Nairobi=place:nairobi",
        ] {
            assert!(got.contains(&m.to_string()), "{m}: {got:?}");
        }
    }

    #[test]
    fn both_names_of_the_treaty_are_one_node() {
        // The known treaty's generic names are it where its parties are named.
        let text = "Russia and North Korea signed a mutual defense treaty in 2024. The Comprehensive Strategic Partnership Treaty took effect.";
        assert_resolves(
            text,
            "mutual defense treaty",
            "treaty:comprehensive-strategic-partnership-treaty",
        );
        assert_resolves(
            text,
            "Comprehensive Strategic Partnership Treaty",
            "treaty:comprehensive-strategic-partnership-treaty",
        );
    }

    #[test]
    fn titled_names_no_lexicon_lists_become_people_with_roles() {
        let ex = extract(
            "South Korean lawmaker Park Sun-won said 2,000 troops left. Park added that more would follow.",
        );
        let park: Vec<&MentionRecord> = ex
            .mentions
            .iter()
            .filter(|m| m.id.as_str() == "person:park-sun-won")
            .collect();
        assert_eq!(park.len(), 2, "{:#?}", ex.mentions);
        assert_eq!(park[0].role.as_deref(), Some("lawmaker"));
    }

    #[test]
    fn organisations_by_head_word_and_their_abbreviations() {
        let text = "The Ministry of State Security watches workers. The Korea Institute for National Unification (KINU) said so. KINU added more.";
        assert_resolves(
            text,
            "Ministry of State Security",
            "organization:ministry-of-state-security",
        );
        assert_resolves(
            text,
            "KINU",
            "organization:korea-institute-for-national-unification",
        );
        let kinu = resolved(text)
            .iter()
            .filter(|m| m.starts_with("KINU="))
            .count();
        assert_eq!(kinu, 2);
    }

    #[test]
    fn pronouns_and_role_descriptions_resolve_to_the_person() {
        let text = "Foreign Minister Choe Son Hui arrived in Moscow. She met Putin. Lawmaker Lee Min-ho spoke later. The lawmaker said troops left.";
        assert_resolves(text, "She", "person:choe-son-hui");
        assert_resolves(text, "The lawmaker", "person:lee-min-ho");
    }

    #[test]
    fn the_sides_after_a_meeting_are_its_pair() {
        let ex = extract(
            "Defence Minister Jan Roe met Defence Minister Ana Paz in Lima. The sides signed an agreement on border security.",
        );
        let agreed: Vec<String> = ex
            .claims
            .iter()
            .filter(|c| c.relation == Relation::Agreed)
            .map(|c| format!("{:?} {:?}", c.source, c.target))
            .collect();
        for person in ["person:jan-roe", "person:ana-paz"] {
            assert!(
                agreed.iter().any(
                    |c| c.contains(person) && c.contains("treaty:agreement-on-border-security")
                ),
                "{person} in {agreed:#?}"
            );
        }
    }

    #[test]
    fn the_two_countries_resolve_to_nobody() {
        let got = resolved(
            "Russia and North Korea signed a deal. The two countries also discussed flights.",
        );
        assert_eq!(
            got.iter().filter(|m| m.starts_with("The two")).count(),
            0,
            "{got:?}"
        );
    }

    #[test]
    fn one_contingent_in_two_sentences_is_one_draft_and_others_stay_apart() {
        let ex = extract(
            "North Korea sent about 5,000 construction troops to Russia. The 5,000 construction troops arrived in June. \
             Separately, 1,000 deminers were dispatched to Russia.",
        );
        let counts: Vec<u64> = ex
            .drafts
            .iter()
            .filter_map(|d| d.deployment.count)
            .collect();
        assert_eq!(counts, [5000, 1000], "{:#?}", ex.drafts);
        assert_eq!(ex.drafts[0].mentions, 2);
    }

    #[test]
    fn a_party_of_a_meeting_does_not_report_it() {
        let ex = extract(
            "Defence Minister Ivan Petrov met his Latvian counterpart Mark Ellison in Riga on Monday. \
             Ellison said during talks at the castle that trade would grow.",
        );
        let ellison = NodeId(std::sync::Arc::from("person:mark-ellison"));
        assert!(
            !ex.claims
                .iter()
                .any(|c| c.relation == Relation::Reported
                    && c.source == End::Entity(ellison.clone())),
            "{:#?}",
            ex.claims
        );
        assert!(
            !ex.claims.iter().any(|c| c.reported_by.contains(&ellison)),
            "{:#?}",
            ex.claims
        );
    }

    #[test]
    fn the_deployment_a_speaker_speaks_of_is_the_last_sending_not_the_last_meeting() {
        let ex = extract(
            "Latvia has sent 300 soldiers to Estonia, the army said. \
             Defence Minister Ivan Petrov met Mark Ellison in Riga on Monday. \
             Janis Ozols, a Latvian analyst, said the deployment was a sign of pressure.",
        );
        let reports = reports_of(&ex, "person:janis-ozols");
        assert_eq!(reports, [&End::Deployment(0)], "{:#?}", ex.claims);
    }

    #[test]
    fn a_speaker_of_something_new_carries_no_earlier_claim() {
        let text = "Chile sent 40 jets to Peru on Monday. \
                    Defence Minister Ana Ruiz told reporters that a further package would follow.";
        let ex = extract(text);
        assert!(
            reports_of(&ex, "person:ana-ruiz").is_empty(),
            "{:#?}",
            ex.claims
        );
        // Without the new thing the speaker reports the sending before.
        let text = "Chile sent 40 jets to Peru on Monday. \
                    Defence Minister Ana Ruiz told reporters that the talks went well.";
        assert!(!reports_of(&extract(text), "person:ana-ruiz").is_empty());
    }

    #[test]
    fn a_sentence_about_the_two_countries_carries_no_earlier_claim() {
        let text = "The United States has sent 300 soldiers to Estonia. \
                    The two countries signed an agreement in 2019, according to Reuters.";
        let ex = extract(text);
        assert!(
            reports_of(&ex, "organization:reuters").is_empty(),
            "{:#?}",
            ex.claims
        );
        // Without the two countries, the sentence before is what it reports.
        let ex = extract(
            "The United States has sent 300 soldiers to Estonia. \
             The soldiers arrived in May, according to Reuters.",
        );
        assert!(
            !reports_of(&ex, "organization:reuters").is_empty(),
            "{:#?}",
            ex.claims
        );
    }

    /// What the entity `id` reports in `ex`.
    fn reports_of<'a>(ex: &'a Extraction, id: &str) -> Vec<&'a End> {
        let source = End::Entity(NodeId(std::sync::Arc::from(id)));
        ex.claims
            .iter()
            .filter(|c| c.relation == Relation::Reported && c.source == source)
            .map(|c| &c.target)
            .collect()
    }

    #[test]
    fn a_speaker_naming_only_the_body_of_its_title_reports_nothing() {
        let ex = extract(
            "Latvia has sent 300 soldiers to Estonia. \
             Zembla Institute spokesman Jan Kowal said he would not comment.",
        );
        assert!(
            reports_of(&ex, "person:jan-kowal").is_empty(),
            "{:#?}",
            ex.claims
        );
    }

    #[test]
    fn a_passive_speakers_verb_names_no_source() {
        let ex = extract(
            "Defence Minister Ivan Petrov said that Latvia had sent 300 soldiers to Estonia and was estimated to have shipped 12 howitzers.",
        );
        let latvia = NodeId(std::sync::Arc::from("country:latvia"));
        assert!(
            !ex.claims.iter().any(|c| c.reported_by.contains(&latvia)),
            "{:#?}",
            ex.claims
        );
    }

    #[test]
    fn deployment_dates_resolve_against_the_document_date() {
        let ex = extract("North Korea sent 3,000 troops to Russia late last year.");
        assert_eq!(ex.drafts[0].deployment.date.as_deref(), Some("2024"));
    }
}
