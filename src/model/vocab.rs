//! The words every stage shares: what a node is ([`Kind`]), the relation an
//! edge states ([`Relation`]), node ids, a deployment's fields and label, and
//! what the graph records of a document. Plain data: no stage's logic.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What a node is; owns its GRAPH.md string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Organization,
    Country,
    Place,
    Treaty,
    Deployment,
}

impl Kind {
    /// Every kind, in GRAPH.md order.
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Organization,
        Kind::Country,
        Kind::Place,
        Kind::Treaty,
        Kind::Deployment,
    ];

    /// The GRAPH.md name, as used in ids and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Country => "country",
            Kind::Place => "place",
            Kind::Treaty => "treaty",
            Kind::Deployment => "deployment",
        }
    }

    /// Parses a GRAPH.md kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Persons, organizations and countries act; places, treaties and deployments do not.
    pub fn is_actor(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Country)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The relation an edge states; owns its GRAPH.md string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Met,
    Agreed,
    Sent,
    Reported,
    DeployedTo,
    /// From a deployment to the whole it is a part of.
    PartOf,
}

impl Relation {
    /// Every relation, in GRAPH.md order.
    pub const ALL: [Relation; 6] = [
        Relation::Met,
        Relation::Agreed,
        Relation::Sent,
        Relation::Reported,
        Relation::DeployedTo,
        Relation::PartOf,
    ];

    /// The GRAPH.md name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Met => "met",
            Relation::Agreed => "agreed",
            Relation::Sent => "sent",
            Relation::Reported => "reported",
            Relation::DeployedTo => "deployed_to",
            Relation::PartOf => "part_of",
        }
    }

    /// Parses a GRAPH.md relation name.
    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stable, kind-prefixed node id such as `person:kim-jong-un`.
///
/// Made by `graph::ids`; ordered as its string so sorted output is by id.
/// Shared text: an edge names its ends and a place or source by cloning the
/// node's id, which costs no copy (two per edge, 288,000 edges at 1 GB).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub(crate) Arc<str>);

impl NodeId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind named by the id's prefix.
    pub fn kind(&self) -> Option<Kind> {
        self.0.split_once(':').and_then(|(k, _)| Kind::parse(k))
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a deployment counts people or materiel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Personnel,
    Materiel,
}

impl Category {
    /// The GRAPH.md name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Personnel => "personnel",
            Category::Materiel => "materiel",
        }
    }
}

/// How far a deployment has gone, from the text's verbs.
///
/// Ordered planned < present < sent; merging keeps the furthest status seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Present,
    Sent,
}

impl Status {
    /// The GRAPH.md name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Present => "present",
            Status::Sent => "sent",
        }
    }
}

/// The fields only deployment nodes carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    /// The number, or the lower bound of a range; `None` for a shipment the
    /// text states without one ("Iran has supplied drones") or counts only
    /// vaguely ("thousands of troops").
    pub count: Option<u64>,
    /// The upper bound of a range.
    pub count_max: Option<u64>,
    /// True for "about", "around", "roughly", "as many as", "nearly".
    pub approximate: bool,
    /// What was counted, e.g. "construction troops".
    pub unit: String,
    pub category: Category,
    pub status: Status,
    pub from: Option<NodeId>,
    pub to: Option<NodeId>,
    /// ISO 8601, as precise as the text allows.
    pub date: Option<String>,
    /// The id of the estimate group it belongs to (set when the graph is
    /// finished, see `graph::movements`).
    #[serde(default)]
    pub estimate: Option<String>,
}

/// What the graph records of one input document (owned; the table stores
/// them packed, see [`Documents`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// File name without extension (or the JSON Lines `id`).
    pub id: String,
    /// The path as given, with `/`.
    pub path: String,
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// "5,000 construction troops", "10,000–12,000 troops", "9 million artillery shells".
pub fn deployment_label(count: Option<u64>, count_max: Option<u64>, unit: &str) -> String {
    // A shipment stated without a number is labelled by what was shipped.
    let Some(count) = count else {
        return unit.to_string();
    };
    let n = match count_max {
        Some(m) => format!("{}–{}", format_count(count), format_count(m)),
        None => format_count(count),
    };
    format!("{n} {unit}")
}

fn format_count(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(100_000) {
        let m = n as f64 / 1e6;
        return format!(
            "{} million",
            if n.is_multiple_of(1_000_000) {
                format!("{m:.0}")
            } else {
                format!("{m:.1}")
            }
        );
    }
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
