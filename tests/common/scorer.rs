//! The project's scorer: compares a node-link graph (GRAPH.md's JSON) with an expectation file.
//!
//! In: the graph as a `serde_json::Value` and an [`Expectations`] file (entities matched by kind
//! and a case-insensitive regex on the node label; relations with subject and object specs;
//! deployment counts that are not deployments; regexes for site furniture). Out: a [`Score`]
//! (recall over the required relations, precision over the core edges, missing, split and noise
//! entities), or [`Malformed`] when the graph breaks the contract.
//!
//! The matching rules are those of the referee script the lead runs on the seeds, so that a
//! clone of this repository alone can check the same thresholds:
//! - an entity is a node whose `kind` is one of its kinds and whose label matches its regex;
//!   a node of another kind, or one matching only its `also` regex, is a variant of it (not a
//!   deployment), and an entity found as more than one node is split;
//! - a deployment spec matches a deployment node by `count` or `count_max`; `"*"` matches any
//!   deployment whose counts are not in the blacklist; a bare `"*"` matches any node;
//! - `met`, and `agreed` whose objects are all entity keys other than `"treaty"` and `"*"`, are
//!   symmetric: an edge matches in either direction;
//! - recall counts the required relations matched by at least one edge whose `documents`
//!   include an article the relation's `docs` names (when both are given); precision counts the
//!   core edges (`met`, `agreed`, `sent`, `reported`) that match any listed relation.
//!
//! The report ([`Score`]'s `Display`) has the referee's lines and summary; `{:#}` lists every
//! unexpected edge instead of the first 15. What to do with the numbers is left to the tests.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// Relations whose edges count for precision.
pub const CORE: [&str; 4] = ["met", "agreed", "sent", "reported"];
/// Node kinds GRAPH.md allows.
pub const KINDS: [&str; 6] = [
    "person",
    "organization",
    "country",
    "place",
    "treaty",
    "deployment",
];
/// Relations an expectation may name.
pub const RELATIONS: [&str; 5] = ["met", "agreed", "sent", "reported", "deployed_to"];

/// How many unexpected edges the plain report lists before summarising the rest.
const SHOWN_UNEXPECTED: usize = 15;
/// How many problems a malformed-graph report lists.
const SHOWN_PROBLEMS: usize = 20;

/// An expectation file: what an analyst expects the graph of some articles to hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// Free text for the reader.
    #[serde(default)]
    pub about: Option<String>,
    /// Entities by short key, in file order (reports list them in that order).
    pub entities: Entities,
    /// Relations, required or acceptable.
    pub relations: Vec<ExpectedRelation>,
    /// Numbers in the text that are not deployments (casualties, wages, rates, years).
    #[serde(default)]
    pub deployment_count_blacklist: Vec<i64>,
    /// Regexes for labels that must never become nodes (bylines, adverts, weather).
    #[serde(default)]
    pub noise_labels: Vec<String>,
}

/// Entities in the order the file lists them.
#[derive(Debug, Default)]
pub struct Entities(pub Vec<(String, ExpectedEntity)>);

impl<'de> Deserialize<'de> for Entities {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Entities;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from entity key to entity")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entities, A::Error> {
                let mut out = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, ExpectedEntity>()? {
                    out.push((key, value));
                }
                Ok(Entities(out))
            }
        }
        d.deserialize_map(InOrder)
    }
}

/// One entity an analyst expects as exactly one node.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedEntity {
    /// Node kinds it may have.
    pub kinds: Vec<String>,
    /// Case-insensitive regex the node label must match (searched, not anchored).
    pub label: String,
    /// `required` (missing is an error) or `acceptable`.
    pub need: String,
    /// Regex for other names of it: a separate node matching this should have been merged.
    #[serde(default)]
    pub also: Option<String>,
}

/// One relation: any edge of `rel` from a node matching `s` to a node matching `o`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedRelation {
    /// Short id for reports (`M1`, `S3`).
    pub id: String,
    /// A GRAPH.md relation.
    pub rel: String,
    /// Subject specs; any may match.
    pub s: Vec<Spec>,
    /// Object specs; any may match.
    pub o: Vec<Spec>,
    /// `required` (counts for recall) or `acceptable`.
    pub need: String,
    /// Which documents state it, for the reader.
    #[serde(default)]
    pub docs: Option<String>,
    /// The evidence in words.
    pub why: String,
    /// Informational only; the relation name decides what is core.
    #[serde(default)]
    pub core: Option<bool>,
}

/// What one end of a relation may be.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Spec {
    /// An entity key, or `"*"` for any node.
    Key(String),
    /// A deployment node with one of the counts, or `"*"` for any non-blacklisted one.
    Deployment { deployment: DeploymentSpec },
}

/// The counts a deployment spec accepts.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DeploymentSpec {
    /// `"*"`: any count outside the blacklist.
    Any(String),
    /// Any of these counts, as `count` or `count_max`.
    Counts(Vec<i64>),
}

/// Expectations with their regexes compiled.
pub struct Referee<'a> {
    exp: &'a Expectations,
    label_re: HashMap<&'a str, Regex>,
    also_re: HashMap<&'a str, Regex>,
    noise: Vec<Regex>,
    kinds: HashMap<&'a str, &'a [String]>,
    blacklist: BTreeSet<i64>,
}

/// A graph that breaks the contract; the problems in the order found.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed(pub Vec<String>);

/// What the scorer found.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// `found / required`, 1.0 when nothing is required.
    pub recall: f64,
    /// `right / core`, 0.0 when there are no core edges.
    pub precision: f64,
    /// Harmonic mean of recall and precision, 0.0 when both are 0.
    pub f1: f64,
    /// Required relations matched by some edge.
    pub found: usize,
    /// Required relations.
    pub required: usize,
    /// Core edges that match a listed relation.
    pub right: usize,
    /// Core edges (`met`, `agreed`, `sent`, `reported`).
    pub core: usize,
    /// Required entities with no node: (key, label regex).
    pub missing_entities: Vec<(String, String)>,
    /// Entities found as several nodes: (key, sorted labels).
    pub split_entities: Vec<(String, Vec<String>)>,
    /// Labels of nodes that match a noise regex.
    pub noise_nodes: Vec<String>,
    /// Core edges that match nothing, as `source --relation--> target`.
    pub unexpected_edges: Vec<String>,
    /// Required relations no edge matches, as `id: rel [s] -> [o] (why)`.
    pub missing_relations: Vec<String>,
    /// Nodes in the graph.
    pub nodes: usize,
    /// Links in the graph.
    pub links: usize,
}

impl Expectations {
    /// Parses an expectation file.
    ///
    /// # Errors
    /// The JSON error when the text is not an expectation file.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Looks up an entity by key.
    pub fn entity(&self, key: &str) -> Option<&ExpectedEntity> {
        self.entities
            .0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e)
    }

    /// Checks what the referee would trip over: regexes that do not compile, unknown kinds,
    /// relations or needs, specs naming no entity, duplicate keys and ids.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut keys = BTreeSet::new();
        for (key, ent) in &self.entities.0 {
            if !keys.insert(key.as_str()) {
                out.push(format!("entity {key}: key repeated"));
            }
            for kind in &ent.kinds {
                if !KINDS.contains(&kind.as_str()) {
                    out.push(format!(
                        "entity {key}: kind {kind:?} is not a GRAPH.md kind"
                    ));
                }
            }
            if ent.kinds.is_empty() {
                out.push(format!("entity {key}: no kinds"));
            }
            check_need(&mut out, &format!("entity {key}"), &ent.need);
            for (field, rx) in [("label", Some(&ent.label)), ("also", ent.also.as_ref())] {
                if let Some(rx) = rx
                    && let Err(e) = compile(rx)
                {
                    out.push(format!("entity {key}: {field} regex {rx:?}: {e}"));
                }
            }
        }
        for (i, rx) in self.noise_labels.iter().enumerate() {
            if let Err(e) = compile(rx) {
                out.push(format!("noise_labels[{i}] regex {rx:?}: {e}"));
            }
        }
        let mut ids = BTreeSet::new();
        for rel in &self.relations {
            let at = format!("relation {}", rel.id);
            if !ids.insert(rel.id.as_str()) {
                out.push(format!("{at}: id repeated"));
            }
            if !RELATIONS.contains(&rel.rel.as_str()) {
                out.push(format!(
                    "{at}: relation {:?} is not a GRAPH.md relation",
                    rel.rel
                ));
            }
            check_need(&mut out, &at, &rel.need);
            if rel.s.is_empty() || rel.o.is_empty() {
                out.push(format!("{at}: empty subject or object list"));
            }
            for spec in rel.s.iter().chain(&rel.o) {
                match spec {
                    Spec::Key(k) if k != "*" && !keys.contains(k.as_str()) => {
                        out.push(format!("{at}: {k:?} names no entity"));
                    }
                    Spec::Deployment {
                        deployment: DeploymentSpec::Any(s),
                    } if s != "*" => {
                        out.push(format!(
                            "{at}: deployment {s:?} is neither \"*\" nor counts"
                        ));
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Compiles the regexes, for scoring any number of graphs.
    ///
    /// # Errors
    /// The list of [`Expectations::problems`] when there are any.
    pub fn referee(&self) -> Result<Referee<'_>, Vec<String>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut label_re = HashMap::new();
        let mut also_re = HashMap::new();
        let mut kinds = HashMap::new();
        for (key, ent) in &self.entities.0 {
            label_re.insert(key.as_str(), compile(&ent.label).expect("checked above"));
            if let Some(also) = &ent.also {
                also_re.insert(key.as_str(), compile(also).expect("checked above"));
            }
            kinds.insert(key.as_str(), ent.kinds.as_slice());
        }
        let noise = self
            .noise_labels
            .iter()
            .map(|rx| compile(rx).expect("checked above"))
            .collect();
        Ok(Referee {
            exp: self,
            label_re,
            also_re,
            noise,
            kinds,
            blacklist: self.deployment_count_blacklist.iter().copied().collect(),
        })
    }
}

fn check_need(out: &mut Vec<String>, at: &str, need: &str) {
    if need != "required" && need != "acceptable" {
        out.push(format!(
            "{at}: need {need:?} is neither required nor acceptable"
        ));
    }
}

/// Compiles a regex the way the referee does: case-insensitive, searched anywhere.
pub fn compile(rx: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(rx).case_insensitive(true).build()
}

/// True for `met`, and for `agreed` whose objects are all entity keys other than the
/// literal keys `"treaty"` and `"*"` (the referee's rule: key a treaty entity `treaty`).
pub fn is_symmetric(rel: &ExpectedRelation) -> bool {
    match rel.rel.as_str() {
        "met" => true,
        "agreed" => rel
            .o
            .iter()
            .all(|o| matches!(o, Spec::Key(k) if k != "treaty" && k != "*")),
        _ => false,
    }
}

fn label(node: &Value) -> &str {
    node.get("label").and_then(Value::as_str).unwrap_or("")
}

fn relation(edge: &Value) -> &str {
    edge.get("relation").and_then(Value::as_str).unwrap_or("")
}

fn kind(node: &Value) -> Option<&str> {
    node.get("kind").and_then(Value::as_str)
}

/// The node's `count` and `count_max`, truncated to integers; booleans and nulls ignored.
fn counts(node: &Value) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    for field in ["count", "count_max"] {
        if let Some(n) = node.get(field).and_then(Value::as_number) {
            if let Some(i) = n.as_i64() {
                out.insert(i);
            } else if let Some(f) = n.as_f64() {
                out.insert(f.trunc() as i64);
            }
        }
    }
    out
}

impl Referee<'_> {
    /// The node is this entity: one of its kinds, and its label matches.
    pub fn is_entity(&self, node: &Value, key: &str) -> bool {
        let Some(kinds) = self.kinds.get(key) else {
            return false;
        };
        kind(node).is_some_and(|k| kinds.iter().any(|x| x == k))
            && self
                .label_re
                .get(key)
                .is_some_and(|rx| rx.is_match(label(node)))
    }

    /// The node names this entity in other words (and is not a deployment).
    pub fn is_variant(&self, node: &Value, key: &str) -> bool {
        kind(node) != Some("deployment")
            && self
                .also_re
                .get(key)
                .is_some_and(|rx| rx.is_match(label(node)))
    }

    fn matches(&self, node: &Value, spec: &Spec) -> bool {
        match spec {
            Spec::Key(k) if k == "*" => true,
            Spec::Key(k) => self.is_entity(node, k),
            Spec::Deployment { deployment } => {
                if kind(node) != Some("deployment") {
                    return false;
                }
                let have = counts(node);
                match deployment {
                    DeploymentSpec::Any(_) => have.is_disjoint(&self.blacklist),
                    DeploymentSpec::Counts(want) => want.iter().any(|c| have.contains(c)),
                }
            }
        }
    }

    fn any_match(&self, node: &Value, specs: &[Spec]) -> bool {
        specs.iter().any(|s| self.matches(node, s))
    }

    fn edge_matches(&self, s: &Value, t: &Value, relation: &str, rel: &ExpectedRelation) -> bool {
        if relation != rel.rel {
            return false;
        }
        if self.any_match(s, &rel.s) && self.any_match(t, &rel.o) {
            return true;
        }
        is_symmetric(rel) && self.any_match(t, &rel.s) && self.any_match(s, &rel.o)
    }

    /// Scores a graph.
    ///
    /// # Errors
    /// [`Malformed`] when the graph is not node-link JSON with string ids, GRAPH.md kinds,
    /// string labels and links between existing nodes.
    pub fn score(&self, graph: &Value) -> Result<Score, Malformed> {
        let (nodes, links) = load_graph(graph)?;
        let by_id: HashMap<&str, &Value> = nodes.iter().map(|(id, n)| (*id, *n)).collect();
        let ends = |e: &Value| -> (&Value, &Value) {
            let end = |f: &str| {
                e.get(f)
                    .and_then(Value::as_str)
                    .and_then(|id| by_id.get(id).copied())
                    .expect("load_graph checked every link end")
            };
            (end("source"), end("target"))
        };

        let mut missing_entities = Vec::new();
        let mut split_entities = Vec::new();
        for (key, ent) in &self.exp.entities.0 {
            let mut hits: Vec<&str> = nodes
                .iter()
                .filter(|(_, n)| self.is_entity(n, key))
                .map(|(_, n)| label(n))
                .collect();
            if hits.is_empty() && ent.need == "required" {
                missing_entities.push((key.clone(), ent.label.clone()));
            }
            hits.extend(
                nodes
                    .iter()
                    .filter(|(_, n)| self.is_variant(n, key) && !self.is_entity(n, key))
                    .map(|(_, n)| label(n)),
            );
            if hits.len() > 1 {
                let mut labels: Vec<String> = hits.into_iter().map(str::to_owned).collect();
                labels.sort();
                split_entities.push((key.clone(), labels));
            }
        }

        let required: Vec<&ExpectedRelation> = self
            .exp
            .relations
            .iter()
            .filter(|r| r.need == "required")
            .collect();
        let mut found = 0;
        let mut missing_relations = Vec::new();
        for rel in &required {
            if links.iter().any(|e| {
                let (s, t) = ends(e);
                stated_in(e, rel) && self.edge_matches(s, t, relation(e), rel)
            }) {
                found += 1;
            } else {
                missing_relations.push(format!(
                    "{}: {} {} -> {} ({})",
                    rel.id,
                    rel.rel,
                    py_specs(&rel.s),
                    py_specs(&rel.o),
                    rel.why
                ));
            }
        }

        let mut core = 0;
        let mut right = 0;
        let mut unexpected_edges = Vec::new();
        for e in links.iter().filter(|e| CORE.contains(&relation(e))) {
            core += 1;
            let (s, t) = ends(e);
            if self
                .exp
                .relations
                .iter()
                .any(|rel| self.edge_matches(s, t, relation(e), rel))
            {
                right += 1;
            } else {
                unexpected_edges.push(format!(
                    "{} --{}--> {}",
                    describe(s),
                    relation(e),
                    describe(t)
                ));
            }
        }

        let noise_nodes = nodes
            .iter()
            .filter(|(_, n)| self.noise.iter().any(|rx| rx.is_match(label(n))))
            .map(|(_, n)| label(n).to_owned())
            .collect();

        let recall = if required.is_empty() {
            1.0
        } else {
            found as f64 / required.len() as f64
        };
        let precision = if core == 0 {
            0.0
        } else {
            right as f64 / core as f64
        };
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        Ok(Score {
            recall,
            precision,
            f1,
            found,
            required: required.len(),
            right,
            core,
            missing_entities,
            split_entities,
            noise_nodes,
            unexpected_edges,
            missing_relations,
            nodes: nodes.len(),
            links: links.len(),
        })
    }
}

/// A well-formed graph's nodes (id, node) and links.
type Loaded<'a> = (Vec<(&'a str, &'a Value)>, Vec<&'a Value>);

/// Checks the graph's shape; returns its nodes (by id, in order, the last of a repeated id
/// winning at the first one's place) and links.
fn load_graph(g: &Value) -> Result<Loaded<'_>, Malformed> {
    let mut problems = Vec::new();
    let Some(obj) = g.as_object() else {
        return Err(Malformed(vec!["top level is not an object".into()]));
    };
    for key in ["nodes", "links"] {
        if !obj.get(key).is_some_and(Value::is_array) {
            problems.push(format!("top-level '{key}' is missing or not a list"));
        }
    }
    if !problems.is_empty() {
        return Err(Malformed(problems));
    }
    let mut nodes: Vec<(&str, &Value)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for n in obj["nodes"].as_array().expect("checked above") {
        let id = match n.get("id").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => id,
            _ => {
                problems.push(format!("node without a string id: {}", clip(n)));
                continue;
            }
        };
        if index.contains_key(id) {
            problems.push(format!("duplicate node id '{id}'"));
        }
        if !kind(n).is_some_and(|k| KINDS.contains(&k)) {
            let mut sorted = KINDS;
            sorted.sort_unstable();
            problems.push(format!(
                "node '{id}' has kind {}, not one of {}",
                py_repr(n.get("kind")),
                py_list(&sorted)
            ));
        }
        if !n.get("label").is_some_and(Value::is_string) {
            problems.push(format!("node '{id}' has no string label"));
        }
        match index.get(id) {
            Some(&i) => nodes[i] = (id, n),
            None => {
                index.insert(id, nodes.len());
                nodes.push((id, n));
            }
        }
    }
    let links: Vec<&Value> = obj["links"]
        .as_array()
        .expect("checked above")
        .iter()
        .collect();
    for e in &links {
        if !e.is_object() {
            problems.push(format!("link is not an object: {}", clip(e)));
            continue;
        }
        for end in ["source", "target"] {
            let named = e.get(end).and_then(Value::as_str);
            if !named.is_some_and(|id| index.contains_key(id)) {
                problems.push(format!("link {end} {} names no node", py_repr(e.get(end))));
            }
        }
        if !e.get("relation").is_some_and(Value::is_string) {
            problems.push(format!("link without a relation: {}", clip(e)));
        }
    }
    if problems.is_empty() {
        Ok((nodes, links))
    } else {
        Err(Malformed(problems))
    }
}

/// A JSON value as the referee prints it (`'text'`, `None`, `True`, `{'id': 'x'}`).
fn py_repr(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::String(s)) => format!("'{s}'"),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| py_repr(Some(i))).collect();
            format!("[{}]", items.join(", "))
        }
        Some(Value::Object(map)) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(Some(v))))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Some(n) => n.to_string(),
    }
}

fn py_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// The first 80 characters of a value as the referee prints it.
fn clip(v: &Value) -> String {
    py_repr(Some(v)).chars().take(80).collect()
}

/// A node for a report line: its label, and a deployment's count in brackets.
fn describe(n: &Value) -> String {
    if kind(n) == Some("deployment") {
        format!("{} [{}]", label(n), py_repr(n.get("count")))
    } else {
        label(n).to_owned()
    }
}

/// Specs written as the referee prints them (`['kim']`, `[{'deployment': [5000]}]`).
fn py_specs(specs: &[Spec]) -> String {
    let items: Vec<String> = specs
        .iter()
        .map(|s| match s {
            Spec::Key(k) => format!("'{k}'"),
            Spec::Deployment {
                deployment: DeploymentSpec::Any(a),
            } => format!("{{'deployment': '{a}'}}"),
            Spec::Deployment {
                deployment: DeploymentSpec::Counts(c),
            } => {
                let c: Vec<String> = c.iter().map(i64::to_string).collect();
                format!("{{'deployment': [{}]}}", c.join(", "))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// True when one of the edge's documents is an article the relation's `docs` names (file-name
/// prefixes such as `"02 14"`: a document id equal to one, or starting with it and `_`), as the
/// referee decides for recall: the same two entities linked from another article do not count.
/// Edges without a `documents` list and relations without `docs` are not checked.
fn stated_in(edge: &Value, rel: &ExpectedRelation) -> bool {
    let want: Vec<&str> = rel
        .docs
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let Some(docs) = edge.get("documents").and_then(Value::as_array) else {
        return true;
    };
    if want.is_empty() {
        return true;
    }
    docs.iter().filter_map(Value::as_str).any(|d| {
        want.iter()
            .any(|w| d == *w || d.strip_prefix(w).is_some_and(|rest| rest.starts_with('_')))
    })
}

impl Score {
    /// The last line of the report.
    pub fn summary(&self) -> String {
        format!(
            "recall={:.2} ({}/{}) precision={:.2} ({}/{}) f1={:.2} missing_entities={} \
             split_entities={} noise_nodes={} nodes={} links={}",
            self.recall,
            self.found,
            self.required,
            self.precision,
            self.right,
            self.core,
            self.f1,
            self.missing_entities.len(),
            self.split_entities.len(),
            self.noise_nodes.len(),
            self.nodes,
            self.links
        )
    }
}

impl fmt::Display for Score {
    /// The referee's report: missing entities, split entities, missing relations, unexpected
    /// edges (the first 15; all with `{:#}`), noise nodes, then the summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (key, rx) in &self.missing_entities {
            writeln!(f, "missing entity: {key} ({rx})")?;
        }
        for (key, labels) in &self.split_entities {
            writeln!(f, "split entity: {key}: {}", labels.join(", "))?;
        }
        for m in &self.missing_relations {
            writeln!(f, "missing relation {m}")?;
        }
        let shown = if f.alternate() {
            self.unexpected_edges.len()
        } else {
            SHOWN_UNEXPECTED
        };
        for w in self.unexpected_edges.iter().take(shown) {
            writeln!(f, "unexpected edge: {w}")?;
        }
        if self.unexpected_edges.len() > shown {
            writeln!(
                f,
                "... {} more unexpected edges (--show lists them)",
                self.unexpected_edges.len() - shown
            )?;
        }
        for n in &self.noise_nodes {
            writeln!(f, "noise node: {n}")?;
        }
        writeln!(f, "{}", self.summary())
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.0.iter().take(SHOWN_PROBLEMS) {
            writeln!(f, "malformed: {p}")?;
        }
        writeln!(f, "malformed graph: {} problem(s)", self.0.len())
    }
}
