//! `ergraph explain A B`: every relation between two entities, and the paths
//! of two hops that join them through a deployment or a treaty.
//!
//! The corpus's stories run through such nodes: North Korea *sent* a
//! contingent that was *deployed_to* Russia; North Korea and Russia each
//! *agreed* a treaty. A path is A – D – B where D is a deployment or a treaty
//! and the two edges fit together (see [`Role`]); each hop keeps its own
//! direction, facts and evidence, as a direct relation does.

use super::{End, Lookup, NameError, RelationRow, cell, resolve};
use crate::graph::{Edge, EntityGraph, Kind, Node, Relation};
use serde::Serialize;
use std::cmp::Reverse;
use std::fmt;

/// Paths shown when the caller does not ask for all of them.
pub const SHOWN_PATHS: usize = 5;

/// The node a path goes through.
#[derive(Debug, Serialize)]
pub struct Via<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub kind: &'static str,
}

/// A path of two hops, A – via – B.
#[derive(Debug, Serialize)]
pub struct PathRow<'a> {
    pub via: Via<'a>,
    /// The weaker hop's weight: a path is as well supported as its weaker hop.
    pub weight: u64,
    /// The hop between A and `via`, then the hop between `via` and B, each in
    /// its own direction.
    pub hops: [RelationRow<'a>; 2],
}

/// The answer of `ergraph explain A B`.
#[derive(Debug, Serialize)]
pub struct Explanation<'a> {
    pub a: End<'a>,
    pub b: End<'a>,
    /// Every relation between the two, either direction, in edge order.
    pub relations: Vec<RelationRow<'a>>,
    /// Paths through a deployment or a treaty: the best supported first
    /// (weaker hop, then both hops' weights, then the via node's id), at most
    /// [`SHOWN_PATHS`] unless all were asked for.
    pub paths: Vec<PathRow<'a>>,
    /// Paths found but not listed in `paths`.
    pub paths_not_shown: usize,
    /// The estimate groups of either, when it is a deployment of one.
    pub estimates: Vec<crate::estimates::Group>,
}

/// Why `explain` gives no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExplainError {
    /// A name fits no entity, or several.
    Name(NameError),
    /// Both names are the same entity: a usage error.
    Same {
        a: String,
        b: String,
        id: String,
        label: String,
    },
}

impl fmt::Display for ExplainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExplainError::Name(e) => e.fmt(f),
            ExplainError::Same { a, b, id, label } => {
                let q = crate::error::quote_input;
                if a == b {
                    write!(f, "both names are {}", q(a))?;
                } else {
                    write!(f, "{} and {} name the same entity", q(a), q(b))?;
                }
                write!(
                    f,
                    ", {} ({id}); explain needs two different entities",
                    super::table::clean(label)
                )
            }
        }
    }
}

impl std::error::Error for ExplainError {}

impl From<NameError> for ExplainError {
    fn from(e: NameError) -> Self {
        ExplainError::Name(e)
    }
}

/// What an edge at a deployment or treaty D says of the node at its other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// It sent or agreed D (`X sent D`, `X agreed D`).
    Actor,
    /// D went there (`D deployed_to X`).
    Destination,
    /// D is a part of it (`D part_of X`).
    Whole,
    /// It is a part of D (`X part_of D`).
    Part,
}

/// The role of the node at `e`'s far end from `d`, if the edge has one.
fn role(e: &Edge, d: &str) -> Option<Role> {
    let into = e.target.as_str() == d;
    match (e.relation, into) {
        (Relation::Sent | Relation::Agreed, true) => Some(Role::Actor),
        (Relation::DeployedTo, false) => Some(Role::Destination),
        (Relation::PartOf, false) => Some(Role::Whole),
        (Relation::PartOf, true) => Some(Role::Part),
        _ => None,
    }
}

/// Whether two ends of D are joined by it: its senders or signatories with
/// each other, with its destination and with its parts or whole; a part or
/// the whole with a destination; a part with the whole. Two destinations of
/// one deployment, or two of its parts, are not a path.
fn joins(x: Role, y: Role) -> bool {
    use Role::{Actor, Destination, Part, Whole};
    matches!(
        (x, y),
        (Actor, _)
            | (_, Actor)
            | (Part | Whole, Destination)
            | (Destination, Part | Whole)
            | (Part, Whole)
            | (Whole, Part)
    )
}

/// Every relation between the entities `a` and `b` name, the paths of two
/// hops between them through a deployment or a treaty (at most
/// [`SHOWN_PATHS`] of them unless `all`), and the estimate groups of either.
///
/// # Errors
/// [`ExplainError::Name`] for a name that fits no entity, or several;
/// [`ExplainError::Same`] when both name one entity.
pub fn explain<'g>(
    graph: &'g EntityGraph,
    a: &str,
    b: &str,
    all: bool,
) -> Result<Explanation<'g>, ExplainError> {
    let (na, nb) = (resolve(graph, a)?, resolve(graph, b)?);
    if na.id == nb.id {
        return Err(ExplainError::Same {
            a: a.to_string(),
            b: b.to_string(),
            id: na.id.as_str().to_string(),
            label: na.label.clone(),
        });
    }
    let look = Lookup::new(graph);
    let relations = graph
        .edges()
        .filter(|e| {
            (e.source == na.id && e.target == nb.id) || (e.source == nb.id && e.target == na.id)
        })
        .map(|e| look.row(e))
        .collect();

    // Edges of A and of B whose other end is a deployment or a treaty, as
    // (edge order, the other end, the edge), by the other end's id.
    let through = |id: &crate::graph::NodeId| {
        let mut hops: Vec<(usize, &'g Node, &'g Edge)> = graph
            .edges()
            .enumerate()
            .filter_map(|(i, e)| {
                let other = if e.source == *id {
                    &e.target
                } else if e.target == *id {
                    &e.source
                } else {
                    return None;
                };
                let node = graph.node(other).filter(|n| n.id != *id)?;
                matches!(node.kind, Kind::Deployment | Kind::Treaty).then_some((i, node, e))
            })
            .collect();
        hops.sort_by(|x, y| x.1.id.cmp(&y.1.id).then(x.0.cmp(&y.0)));
        hops
    };
    let (from_a, from_b) = (through(&na.id), through(&nb.id));
    let mut found: Vec<(u64, u64, &Node, usize, usize, &Edge, &Edge)> = Vec::new();
    for &(i, d, ea) in &from_a {
        for &(j, _, eb) in from_b.iter().filter(|h| h.1.id == d.id) {
            let d_id = d.id.as_str();
            if let (Some(x), Some(y)) = (role(ea, d_id), role(eb, d_id))
                && joins(x, y)
            {
                found.push((
                    ea.weight.min(eb.weight),
                    ea.weight + eb.weight,
                    d,
                    i,
                    j,
                    ea,
                    eb,
                ));
            }
        }
    }
    found.sort_by(|p, q| {
        (Reverse(p.0), Reverse(p.1), &p.2.id, p.3, p.4).cmp(&(
            Reverse(q.0),
            Reverse(q.1),
            &q.2.id,
            q.3,
            q.4,
        ))
    });
    let shown = if all {
        found.len()
    } else {
        found.len().min(SHOWN_PATHS)
    };
    let paths = found[..shown]
        .iter()
        .map(|&(weight, _, via, _, _, ea, eb)| PathRow {
            via: Via {
                id: via.id.as_str(),
                label: &via.label,
                kind: via.kind.as_str(),
            },
            weight,
            hops: [look.row(ea), look.row(eb)],
        })
        .collect();

    let mut estimates: Vec<crate::estimates::Group> = Vec::new();
    for n in [na, nb] {
        if let Some(g) = crate::estimates::group_of(graph, &n.id)
            && !estimates.iter().any(|e| e.id == g.id)
        {
            estimates.push(g);
        }
    }
    Ok(Explanation {
        a: look.end(na.id.as_str()),
        b: look.end(nb.id.as_str()),
        relations,
        paths,
        paths_not_shown: found.len() - shown,
        estimates,
    })
}

/// One relation as text at `indent`: the claim, its facts, documents and
/// evidence sentences (document, byte offsets, text).
fn relation_text(out: &mut String, r: &RelationRow<'_>, indent: &str) {
    out.push_str(&format!(
        "{indent}{} {} {}{}\n",
        r.source.label,
        r.relation,
        r.target.label,
        if r.symmetric { " (symmetric)" } else { "" }
    ));
    let mut facts = vec![("weight", r.weight.to_string())];
    if let Some(d) = r.date {
        facts.push(("date", d.to_string()));
    }
    if let Some(p) = &r.place {
        facts.push(("place", p.label.to_string()));
    }
    if !r.reported_by.is_empty() {
        let names: Vec<&str> = r.reported_by.iter().map(|e| e.label).collect();
        facts.push(("reported by", names.join(", ")));
    }
    for (k, v) in facts {
        out.push_str(&format!("{indent}  {k:<12} {}\n", cell(&v, 200)));
    }
    out.push_str(&format!("{indent}  documents\n"));
    for d in &r.documents {
        let mut line = format!("{indent}    {}", d.id);
        if let Some(date) = d.date {
            line.push_str(&format!("  {date}"));
        }
        if let Some(t) = d.title {
            line.push_str(&format!("  {}", cell(t, 100)));
        }
        if let Some(u) = d.url {
            line.push_str(&format!("  <{u}>"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!("{indent}  evidence\n"));
    for s in &r.evidence {
        out.push_str(&format!(
            "{indent}    [{} {}..{}] {}\n",
            s.document,
            s.start,
            s.end,
            cell(&s.text, 2000)
        ));
    }
    if (r.evidence.len() as u64) < r.weight {
        out.push_str(&format!(
            "{indent}    ({} more mention(s) not kept; see --max-evidence)\n",
            r.weight - r.evidence.len() as u64
        ));
    }
}

/// `ergraph explain` as text: the estimate groups, each direct relation,
/// then each path through a deployment or a treaty with both hops, and how
/// many paths were left out.
pub fn explain_text(x: &Explanation<'_>) -> String {
    let mut out = String::new();
    for g in &x.estimates {
        out.push_str("estimate group of ");
        out.push_str(&crate::estimates::group_text(g));
        out.push('\n');
    }
    let pair = format!("{} ({}) and {} ({})", x.a.label, x.a.id, x.b.label, x.b.id);
    if x.relations.is_empty() && x.paths.is_empty() {
        out.push_str(&format!(
            "no relation between {pair}, directly or through a deployment or a treaty\n"
        ));
        return out;
    }
    if x.relations.is_empty() {
        out.push_str(&format!("no direct relation between {pair}\n"));
    }
    for (i, r) in x.relations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        relation_text(&mut out, r, "");
    }
    let total = x.paths.len() + x.paths_not_shown;
    if total > 0 {
        out.push_str(&format!(
            "\n{total} path{} through a deployment or a treaty",
            if total == 1 { "" } else { "s" }
        ));
        if x.paths_not_shown > 0 {
            out.push_str(&format!(", the {} best supported shown", x.paths.len()));
        }
        out.push_str(":\n");
    }
    for (i, p) in x.paths.iter().enumerate() {
        out.push_str(&format!(
            "\npath {}: via the {} {} ({}), weight {}\n",
            i + 1,
            p.via.kind,
            p.via.label,
            p.via.id,
            p.weight
        ));
        for hop in &p.hops {
            relation_text(&mut out, hop, "  ");
        }
    }
    if x.paths_not_shown > 0 {
        out.push_str(&format!(
            "\n{} more path{} not shown (--all-paths lists every one)\n",
            x.paths_not_shown,
            if x.paths_not_shown == 1 { "" } else { "s" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;
    use crate::graph::NodeId;

    /// The sample graph with more nodes (cloned from its deployment, with a
    /// new id, label and kind) and more edges (id, id, relation, weight).
    fn grown(nodes: &[(&str, Kind, &str)], edges: &[(&str, &str, Relation, u64)]) -> EntityGraph {
        let (mut ns, mut es, docs) = sample_graph().into_parts();
        let template = ns[0].clone();
        for &(id, kind, label) in nodes {
            let mut n = template.clone();
            n.id = NodeId(id.into());
            n.kind = kind;
            n.label = label.to_string();
            n.aliases.clear();
            n.deployment = None;
            ns.push(n);
        }
        // The Shoigu–Kim `met` edge, with its evidence sentence.
        let template = es
            .iter()
            .find(|e| e.relation == Relation::Met)
            .expect("the sample has a met edge")
            .clone();
        for &(s, t, relation, weight) in edges {
            let mut e = template.clone();
            (e.source, e.target) = (NodeId(s.into()), NodeId(t.into()));
            e.relation = relation;
            e.symmetric = false;
            e.weight = weight;
            e.place = None;
            es.push(e);
        }
        EntityGraph::from_parts(ns, es, docs)
    }

    const TROOPS: &str = "deployment:north-korea-5000-construction-troops-2025-09";
    const TREATY: &str = "treaty:comprehensive-strategic-partnership";

    #[test]
    fn a_deployment_joins_its_sender_and_its_destination_hop_by_hop() {
        let g = sample_graph();
        let x = explain(&g, "North Korea", "place:kursk", false).expect("both known");
        assert!(x.relations.is_empty());
        assert_eq!(x.paths.len(), 1);
        let p = &x.paths[0];
        assert_eq!((p.via.id, p.via.kind), (TROOPS, "deployment"));
        let hops: Vec<(&str, &str, &str)> = p
            .hops
            .iter()
            .map(|h| (h.source.id, h.relation, h.target.id))
            .collect();
        assert_eq!(
            hops,
            [
                ("country:north-korea", "sent", TROOPS),
                (TROOPS, "deployed_to", "place:kursk")
            ]
        );
        let text = explain_text(&x);
        assert!(
            text.starts_with(
                "no direct relation between North Korea (country:north-korea) and Kursk"
            ),
            "{text}"
        );
        assert!(
            text.contains("path 1: via the deployment 5,000 construction troops"),
            "{text}"
        );
        assert!(
            text.contains("  North Korea sent 5,000 construction troops\n"),
            "{text}"
        );
        assert!(
            text.contains("reported by  R&D & <NIS>"),
            "the hop's facts: {text}"
        );
        // Read from the other end, the hops come in B-to-A order.
        let back = explain(&g, "place:kursk", "North Korea", false).expect("known");
        assert_eq!(back.paths[0].hops[0].relation, "deployed_to");
        let json = serde_json::to_value(&back).expect("json");
        assert_eq!(json["paths"][0]["via"]["kind"], "deployment");
        assert_eq!(json["paths"][0]["hops"][1]["relation"], "sent");
        assert_eq!(json["paths_not_shown"], 0);
    }

    #[test]
    fn two_signatories_of_a_treaty_are_joined_with_the_evidence_of_each() {
        let g = grown(
            &[("country:russia", Kind::Country, "Russia")],
            &[("country:russia", TREATY, Relation::Agreed, 1)],
        );
        let x = explain(&g, "North Korea", "Russia", false).expect("known");
        assert_eq!(x.paths.len(), 1, "{}", explain_text(&x));
        assert_eq!(x.paths[0].via.kind, "treaty");
        assert!(x.paths[0].hops.iter().all(|h| h.relation == "agreed"));
        // Each hop shows its own edge's evidence.
        assert!(x.paths[0].hops[0].evidence.is_empty());
        assert_eq!(x.paths[0].hops[1].evidence[0].start, 0);
        let text = explain_text(&x);
        assert!(
            text.contains("  Russia agreed Comprehensive Strategic Partnership Treaty\n"),
            "{text}"
        );
        assert!(
            text.contains("    evidence\n      [doc1 0..46] Shoigu met Kim in Pyongyang."),
            "{text}"
        );
    }

    #[test]
    fn parts_join_their_whole_and_its_destination_but_two_destinations_do_not_join() {
        let part = "deployment:north-korea-1000-deminers";
        let g = grown(
            &[(part, Kind::Deployment, "1,000 deminers")],
            &[
                (part, TROOPS, Relation::PartOf, 1),
                (TROOPS, "organization:nis", Relation::DeployedTo, 1),
            ],
        );
        let x = explain(&g, "1,000 deminers", "place:kursk", false).expect("known");
        let hops: Vec<&str> = x.paths[0].hops.iter().map(|h| h.relation).collect();
        assert_eq!(hops, ["part_of", "deployed_to"]);
        let sender = explain(&g, "1,000 deminers", "North Korea", false).expect("known");
        assert_eq!(sender.paths.len(), 1);
        // Kursk and the other destination are not joined by the deployment.
        let two = explain(&g, "place:kursk", "organization:nis", false).expect("known");
        assert!(two.paths.is_empty(), "{}", explain_text(&two));
        assert!(explain_text(&two).starts_with("no relation between"));
    }

    #[test]
    fn paths_are_ordered_by_weight_then_id_and_capped_with_a_count() {
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let ids: Vec<String> = (0..8).map(|i| format!("deployment:d{i}")).collect();
        for (i, id) in ids.iter().enumerate() {
            nodes.push((id.as_str(), Kind::Deployment, "troops"));
            // d3 is the best supported; the rest tie and go by id.
            let w = if i == 3 { 9 } else { 2 };
            edges.push(("country:north-korea", id.as_str(), Relation::Sent, w));
            edges.push((id.as_str(), "place:kursk", Relation::DeployedTo, w + 1));
        }
        let g = grown(&nodes, &edges);
        let x = explain(&g, "North Korea", "place:kursk", false).expect("known");
        let via: Vec<&str> = x.paths.iter().map(|p| p.via.id).collect();
        assert_eq!(
            via,
            [
                "deployment:d3",
                "deployment:d0",
                "deployment:d1",
                "deployment:d2",
                "deployment:d4"
            ]
        );
        assert_eq!(x.paths[0].weight, 9);
        assert_eq!(
            x.paths_not_shown, 4,
            "d5, d6, d7 and the sample's own deployment"
        );
        let text = explain_text(&x);
        assert!(
            text.contains("9 paths through a deployment or a treaty, the 5 best supported shown:"),
            "{text}"
        );
        assert!(
            text.ends_with("\n4 more paths not shown (--all-paths lists every one)\n"),
            "{text}"
        );
        let all = explain(&g, "North Korea", "place:kursk", true).expect("known");
        assert_eq!((all.paths.len(), all.paths_not_shown), (9, 0));
        assert!(!explain_text(&all).contains("not shown"));
        assert_eq!(all.paths[8].via.id, TROOPS, "weight 1 comes last");
    }

    #[test]
    fn the_same_entity_twice_is_refused() {
        let g = sample_graph();
        for (a, b) in [
            ("Kim", "kim jong-un"),
            ("North Korea", "country:north-korea"),
        ] {
            let err = explain(&g, a, b, false).expect_err("one entity");
            assert!(matches!(err, ExplainError::Same { .. }), "{err}");
            assert!(err.to_string().contains("name the same entity"), "{err}");
        }
        let err = explain(&g, "place:kursk", "place:kursk", false).expect_err("one entity");
        assert_eq!(
            err.to_string(),
            "both names are \"place:kursk\", Kursk   region (place:kursk); explain needs two different entities"
        );
    }
}
