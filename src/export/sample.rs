//! The sample graph every exporter's, filter's and query's unit tests read
//! (test builds only): one node of every kind, parallel edges of different
//! relations between the same two nodes, a self-loop, and text with quotes,
//! backslashes, newlines, markup and XML-illegal characters.

use crate::graph::{
    Category, Deployment, DocList, DocumentInfo, Edge, EntityGraph, Evidence, Kind, Node, NodeId,
    Relation, Status,
};
use std::collections::BTreeSet;

fn id(s: &str) -> NodeId {
    NodeId(s.into())
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn node(id_: &str, kind: Kind, label: &str) -> Node {
    Node {
        id: id(id_),
        label: label.to_string(),
        kind,
        aliases: BTreeSet::new(),
        mentions: 1,
        documents: DocList::from([0]),
        roles: BTreeSet::new(),
        deployment: None,
    }
}

fn edge(s: &str, t: &str, relation: Relation) -> Edge {
    Edge {
        source: id(s),
        target: id(t),
        relation,
        key: 0,
        symmetric: matches!(relation, Relation::Met),
        weight: 1,
        documents: DocList::from([0]),
        evidence: Vec::new(),
        date: None,
        place: None,
        reported_by: Vec::new(),
    }
}

/// A small graph with one node of every kind, parallel edges of different
/// relations between the same two nodes, a self-loop and evidence with
/// quotes, backslashes, newlines and markup; shared by the exporters' tests.
pub(crate) fn sample_graph() -> EntityGraph {
    let mut kim = node("person:kim-jong-un", Kind::Person, "Kim Jong Un");
    kim.aliases = set(&["Kim", "Kim Jong-un", "김정은"]);
    kim.roles = set(&["leader"]);
    kim.mentions = 14;
    let mut shoigu = node(
        "person:sergei-shoigu",
        Kind::Person,
        "Сергей Шойгу \"the minister\" \\ <b>&amp; ]]> end\\",
    );
    shoigu.aliases = set(&["Shoigu", "\"quoted\" alias, with comma"]);
    let nis = node("organization:nis", Kind::Organization, "R&D & <NIS>");
    let nk = node("country:north-korea", Kind::Country, "North Korea");
    let kursk = node("place:kursk", Kind::Place, "Kursk\u{7}\u{c} region");
    let treaty = node(
        "treaty:comprehensive-strategic-partnership",
        Kind::Treaty,
        "Comprehensive Strategic Partnership Treaty",
    );
    let mut troops = node(
        "deployment:north-korea-5000-construction-troops-2025-09",
        Kind::Deployment,
        "5,000 construction troops",
    );
    troops.deployment = Some(Deployment {
        count: Some(5000),
        count_max: None,
        approximate: true,
        unit: "construction troops".to_string(),
        category: Category::Personnel,
        status: Status::Planned,
        from: Some(id("country:north-korea")),
        to: None,
        date: Some("2025-09".to_string()),
        estimate: None,
    });
    let mut met = edge("person:sergei-shoigu", "person:kim-jong-un", Relation::Met);
    met.weight = 4;
    met.place = Some(id("place:kursk"));
    met.evidence = vec![Evidence {
        document: 0,
        start: 0,
        end: 46,
        text: "Shoigu met Kim in Pyongyang.\nLine two \"quoted\" \\ & <x>".into(),
    }];
    let mut agreed = edge(
        "person:sergei-shoigu",
        "person:kim-jong-un",
        Relation::Agreed,
    );
    agreed.symmetric = true;
    agreed.date = Some("2025-06-17".to_string());
    let mut reported = edge(
        "person:kim-jong-un",
        "person:kim-jong-un",
        Relation::Reported,
    );
    reported.evidence = vec![Evidence {
        document: 0,
        start: 10,
        end: 22,
        text: "Kim said so.".into(),
    }];
    let mut sent = edge(
        "country:north-korea",
        "deployment:north-korea-5000-construction-troops-2025-09",
        Relation::Sent,
    );
    sent.reported_by = [id("organization:nis")].into_iter().collect();
    let deployed = edge(
        "deployment:north-korea-5000-construction-troops-2025-09",
        "place:kursk",
        Relation::DeployedTo,
    );
    let signed = edge(
        "country:north-korea",
        "treaty:comprehensive-strategic-partnership",
        Relation::Agreed,
    );
    let docs = vec![
        DocumentInfo {
            id: "doc1".to_string(),
            path: "seeds/doc1.txt".to_string(),
            date: Some("2025-06-17".to_string()),
            title: Some("Shoigu \"visits\" Pyongyang & more".to_string()),
            url: Some("https://example.org/?a=1&b=2".to_string()),
        },
        DocumentInfo {
            id: "doc0".to_string(),
            path: "seeds/doc0.txt".to_string(),
            date: None,
            title: None,
            url: None,
        },
    ];
    EntityGraph::from_parts(
        vec![kim, shoigu, nis, nk, kursk, treaty, troops],
        vec![met, agreed, reported, sent, deployed, signed],
        docs,
    )
}
