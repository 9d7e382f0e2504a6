//! One document through every extraction stage: sentences, mentions,
//! relations and attribution, into an [`Extraction`] that `graph::build`
//! merges with the others. Documents are independent, so extraction runs in
//! parallel; only the lexicon is shared (read-only).

use crate::corpus::Document;
use crate::graph::build::deployment_label;
use crate::graph::{DocumentInfo, Kind, NodeId, Relation};
use crate::lexicon::Lexicon;
use crate::mentions::{DocState, MentionForm, Quantity, find_mentions};
use crate::relations::context::Ctx;
use crate::relations::dates::{DocDate, find_dates};
use crate::relations::rules::{Arg, QuantityFacts, sentence_relations};
use crate::relations::{Claim, DeploymentDraft, End, attribution};
use crate::text::{split_sentences, tokenize};

/// A mention as the graph needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRecord {
    pub id: NodeId,
    pub kind: Kind,
    pub label: String,
    pub surface: String,
    pub form: MentionForm,
    pub role: Option<String>,
}

/// A sentence kept as evidence: its span and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything one document contributes to the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub doc: DocumentInfo,
    pub sentences: Vec<SentenceSpan>,
    pub mentions: Vec<MentionRecord>,
    pub drafts: Vec<DeploymentDraft>,
    pub claims: Vec<Claim>,
    /// Bytes of text read.
    pub bytes: usize,
}

impl Extraction {
    /// A readable label for a claim end (tests and debugging).
    pub fn end_label(&self, end: &End) -> String {
        match end {
            End::Entity(id) => self
                .mentions
                .iter()
                .find(|m| &m.id == id)
                .map_or_else(|| id.to_string(), |m| m.label.clone()),
            End::Deployment(d) => self.drafts.get(*d).map_or_else(String::new, |d| {
                deployment_label(d.count, d.count_max, &d.unit)
            }),
        }
    }
}

/// Runs every extraction stage over one document.
pub fn extract_document(doc: &Document, lex: &Lexicon) -> Extraction {
    let doc_date = doc.date.as_deref().and_then(DocDate::parse);
    let mut state = DocState::default();
    let mut last_pair: Option<(NodeId, NodeId)> = None;
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
        bytes: doc.text.len(),
    };
    for (si, sentence) in split_sentences(&doc.text, doc.body_start)
        .into_iter()
        .enumerate()
    {
        state.sentence = si;
        let tokens = tokenize(&sentence.text, sentence.start);
        let found = find_mentions(&sentence.text, sentence.start, &tokens, lex, &mut state);
        for m in &found.mentions {
            ex.mentions.push(MentionRecord {
                id: m.id.clone(),
                kind: m.kind,
                label: m.label.clone(),
                surface: m.surface.clone(),
                form: m.form,
                role: m.role.clone(),
            });
        }
        let dates = find_dates(&tokens, doc_date);
        let mut ctx = Ctx::new(&tokens, &found.mentions, &found.quantities, dates);
        ctx.pair = last_pair.clone();
        let (relations, facts) = sentence_relations(&ctx);
        let drafts: Vec<usize> = found
            .quantities
            .iter()
            .zip(&facts)
            .map(|(q, f)| add_draft(&mut ex.drafts, q, f))
            .collect();
        if let Some(pair) = latest_pair(&relations) {
            last_pair = Some(pair);
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
        let mut reported = reported_claims(&claims, &drafts, &sources, ex.sentences.len(), &ctx);
        if reported.is_empty() && claims.is_empty() && drafts.is_empty() {
            if let Some(about) = attribution::complement(&ctx) {
                // A source is never what the sentence reports about ("according to Ukrainian authorities").
                for s in sources.iter().filter(|_| !sources.contains(&about)) {
                    reported.push(Claim {
                        relation: Relation::Reported,
                        source: End::Entity(s.clone()),
                        target: End::Entity(about.clone()),
                        sentence: ex.sentences.len(),
                        date: ctx.dates.first().map(|d| d.1.clone()),
                        place: None,
                        reported_by: Vec::new(),
                    });
                }
            }
        }
        for c in claims.iter_mut() {
            c.reported_by = sources
                .iter()
                .filter(|s| End::Entity((*s).clone()) != c.source)
                .cloned()
                .collect();
        }
        let used = !claims.is_empty() || !reported.is_empty();
        ex.claims.extend(claims);
        ex.claims.extend(reported);
        if used || !found.mentions.is_empty() {
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
                    if let (Some(g), Some(b)) = (other, entity(&f.source)) {
                        if let Some(a) = entity(&g.source) {
                            return Some((a, b));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// `reported` claims: each source to what the sentence's claims are about
/// and to every contingent it counts, except to itself and except where the
/// source reports its own action.
fn reported_claims(
    claims: &[Claim],
    drafts: &[usize],
    sources: &[NodeId],
    sentence: usize,
    ctx: &Ctx,
) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in sources {
        let me = End::Entity(s.clone());
        let mut targets: Vec<End> = Vec::new();
        for c in claims {
            let about = match (&c.target, c.relation) {
                (End::Deployment(_), _) => c.target.clone(),
                (End::Entity(id), _) if id.kind() == Some(Kind::Treaty) => c.target.clone(),
                (_, Relation::DeployedTo) => continue,
                _ => c.source.clone(),
            };
            let own = c.source == me && c.relation != Relation::DeployedTo;
            if !own && about != me && !targets.contains(&about) {
                targets.push(about);
            }
        }
        for d in drafts {
            let t = End::Deployment(*d);
            let own = claims.iter().any(|c| c.source == me && c.target == t);
            if !own && !targets.contains(&t) {
                targets.push(t);
            }
        }
        for t in targets {
            out.push(Claim {
                relation: Relation::Reported,
                source: me.clone(),
                target: t,
                sentence,
                date: ctx.dates.first().map(|d| d.1.clone()),
                place: None,
                reported_by: Vec::new(),
            });
        }
    }
    out
}

/// The document's draft for a quantity: an earlier one with the same count,
/// category and compatible ends (one contingent mentioned twice), or a new one.
fn add_draft(drafts: &mut Vec<DeploymentDraft>, q: &Quantity, f: &QuantityFacts) -> usize {
    let fits = |a: &Option<NodeId>, b: &Option<NodeId>| a.is_none() || b.is_none() || a == b;
    let same = drafts.iter().position(|d| {
        d.count == q.count
            && (d.count_max == q.count_max || d.count_max.is_none() || q.count_max.is_none())
            && d.category == q.category
            && d.vague == q.vague
            && fits(&d.from, &f.from)
            && fits(&d.to, &f.to)
    });
    let surface = deployment_label(q.count, q.count_max, &q.unit);
    match same {
        Some(i) => {
            let d = &mut drafts[i];
            d.mentions += 1;
            d.approximate |= q.approximate;
            d.count_max = d.count_max.or(q.count_max);
            if let Some(s) = f.status {
                d.status = d.status.max(s);
            }
            d.from = d.from.take().or_else(|| f.from.clone());
            d.to = d.to.take().or_else(|| f.to.clone());
            d.date = d.date.take().or_else(|| f.date.clone());
            if q.elided
                || d.unit.split_whitespace().count() < q.unit.split_whitespace().count()
                    && !q.elided
            {
                // keep the more descriptive unit
                if !q.elided {
                    d.unit = q.unit.clone();
                }
            }
            if !d.surfaces.contains(&surface) {
                d.surfaces.push(surface);
            }
            i
        }
        None => {
            drafts.push(DeploymentDraft {
                count: q.count,
                count_max: q.count_max,
                approximate: q.approximate,
                vague: q.vague,
                unit: q.unit.clone(),
                category: q.category,
                status: f.status.unwrap_or(crate::graph::Status::Present),
                from: f.from.clone().or_else(|| q.origin.clone()),
                to: f.to.clone(),
                date: f.date.clone(),
                surfaces: vec![surface],
                mentions: 1,
            });
            drafts.len() - 1
        }
    }
}
