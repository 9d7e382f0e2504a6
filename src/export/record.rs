//! The record layer: every field of a node and of an edge declared once, with
//! its name, its type, how to read its value, and which formats carry it.
//! JSON (and Cytoscape.js and the viewer, which embed the JSON records),
//! GraphML, GEXF and CSV all walk these two tables; none of them names a
//! node or edge field of its own. A new field is one more [`Field`] here.
//!
//! What stays with each format is what is not a field of the graph: where
//! it puts the ids (`id`, `source`, `target` are element attributes in the
//! XML formats and columns in CSV), its styling (colours, sizes), and the
//! columns or attributes a reader looks for under its own name (Gephi's
//! `Label`, `Weight`, Neo4j's `:TYPE`).
//!
//! Each format renders a [`Value`] in its own way: a scalar as text
//! ([`Value::scalar`]; GraphML, GEXF, CSV) or as JSON; a list as a JSON
//! array (JSON), a JSON string (GraphML, GEXF) or `;`-separated items (CSV);
//! evidence as objects `{document,text,start,end}`.

use super::{Detail, DocumentsMode};
use crate::graph::docs::DocIter;
use crate::graph::{DocList, Documents, Edge, Evidence, Node, NodeId};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::BTreeSet;

/// What a field holds; each format maps it to a type of its own
/// ([`Ty::graphml`], [`Ty::gexf`], [`Ty::csv_suffix`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// A string.
    Text,
    /// A count that fits 32 bits in practice (`mentions`): GraphML `int`,
    /// GEXF `integer`, Neo4j `long`.
    Count,
    /// A small index (`key`): `int` everywhere.
    Index,
    /// A number that may pass 2^31 (`count`): `long`.
    Long,
    /// The edge weight: GraphML `double` (Gephi reads weights as such),
    /// Neo4j `long`.
    Weight,
    Bool,
    /// A list of strings.
    List,
    /// Evidence sentences: objects `{document,text,start,end}`.
    Evidence,
}

impl Ty {
    /// The GraphML `attr.type`.
    pub(crate) fn graphml(self) -> &'static str {
        match self {
            Ty::Text | Ty::List | Ty::Evidence => "string",
            Ty::Count | Ty::Index => "int",
            Ty::Long => "long",
            Ty::Weight => "double",
            Ty::Bool => "boolean",
        }
    }

    /// The GEXF attribute `type`.
    pub(crate) fn gexf(self) -> &'static str {
        match self {
            Ty::Text | Ty::Evidence => "string",
            Ty::Count | Ty::Index => "integer",
            Ty::Long => "long",
            Ty::Weight => "double",
            Ty::Bool => "boolean",
            Ty::List => "liststring",
        }
    }

    /// The `:type` after a Neo4j CSV header name (empty for a string).
    pub(crate) fn csv_suffix(self) -> &'static str {
        match self {
            Ty::Text | Ty::Evidence => "",
            Ty::Index => ":int",
            Ty::Count | Ty::Long | Ty::Weight => ":long",
            Ty::Bool => ":boolean",
            Ty::List => ":string[]",
        }
    }

    /// The `<desc>` of a GraphML key whose value is JSON in a string.
    pub(crate) fn graphml_desc(self) -> Option<&'static str> {
        match self {
            Ty::List => Some("JSON array of strings"),
            Ty::Evidence => Some("JSON array of {document,text,start,end}"),
            _ => None,
        }
    }
}

/// The formats that carry a field (a set of bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Carried(u8);

impl Carried {
    /// JSON, and the Cytoscape.js export and viewer page built on it.
    pub(crate) const JSON: Carried = Carried(1);
    pub(crate) const GRAPHML: Carried = Carried(2);
    pub(crate) const GEXF: Carried = Carried(4);
    pub(crate) const CSV: Carried = Carried(8);
    pub(crate) const ALL: Carried = Carried(15);

    const fn and(self, o: Carried) -> Carried {
        Carried(self.0 | o.0)
    }

    pub(crate) fn has(self, o: Carried) -> bool {
        self.0 & o.0 == o.0
    }
}

/// How JSON writes a field that has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Absent {
    /// `"name": null` (a field every record of its type has).
    Null,
    /// Left out (an optional field).
    Omit,
}

/// Where a format puts a field, relative to the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// In the table's order.
    InOrder,
    /// Just before the named field.
    Before(&'static str),
    /// After every other field (long text: the rest of a CSV row stays
    /// readable in a spreadsheet).
    Last,
}

/// One field of a node (`R` = [`Node`]) or an edge (`R` = [`Edge`]).
pub(crate) struct Field<R: 'static> {
    /// The GRAPH.md (and JSON, GraphML, CSV) name.
    pub name: &'static str,
    /// The GEXF attribute id, where it differs (`key` is taken in networkx).
    pub gexf_name: &'static str,
    pub ty: Ty,
    pub carried: Carried,
    /// True for the fields only deployment nodes have: other nodes leave
    /// them out of JSON and GraphML/GEXF, and leave their CSV columns empty.
    pub deployment_only: bool,
    pub absent: Absent,
    /// Where the formats of the set put the field (the others: in order).
    pub place: (Carried, Place),
    /// GraphML writes the value a second time under this name (Gephi looks
    /// for an edge's `label`).
    pub graphml_also: Option<&'static str>,
    /// Which `--documents` setting shows the field.
    pub shown: Shown,
    /// The value of the field in a record.
    pub get: for<'a> fn(&'a R) -> Value<'a>,
}

/// Which documents setting of an export ([`Detail`]) shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    Always,
    /// With `--documents all` (the default): the list.
    DocumentList,
    /// With `--documents count`: the number in its place.
    DocumentCount,
}

/// A field's value in one record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    /// No value (JSON `null` or left out, see [`Absent`]; nothing in GraphML
    /// and GEXF; an empty CSV field).
    Absent,
    Str(&'a str),
    U64(u64),
    Bool(bool),
    List(Strs<'a>),
    Evidence(&'a [Evidence]),
}

impl<'a> Value<'a> {
    /// A scalar as text (`true`/`false`, decimal digits); `None` for a list,
    /// evidence or no value.
    pub(crate) fn scalar<'d>(&self, digits: &'d mut super::sink::Digits) -> Option<&'d str>
    where
        'a: 'd,
    {
        match *self {
            Value::Str(s) => Some(s),
            Value::U64(n) => Some(super::sink::u64_digits(n, digits)),
            Value::Bool(b) => Some(if b { "true" } else { "false" }),
            Value::Absent | Value::List(_) | Value::Evidence(_) => None,
        }
    }
}

/// A list of strings as the graph holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Strs<'a> {
    Set(&'a BTreeSet<String>),
    /// Document indices, written as the documents' ids.
    Docs(&'a DocList),
    Ids(&'a [NodeId]),
}

impl<'a> Strs<'a> {
    /// The strings, in order (document ids looked up in `docs`).
    pub(crate) fn iter(self, docs: &'a Documents) -> StrIter<'a> {
        match self {
            Strs::Set(s) => StrIter::Set(s.iter()),
            Strs::Docs(l) => StrIter::Docs(docs, l.iter()),
            Strs::Ids(ids) => StrIter::Ids(ids.iter()),
        }
    }
}

/// The iterator of [`Strs::iter`].
#[derive(Clone)]
pub(crate) enum StrIter<'a> {
    Set(std::collections::btree_set::Iter<'a, String>),
    Docs(&'a Documents, DocIter<'a>),
    Ids(std::slice::Iter<'a, NodeId>),
}

impl<'a> Iterator for StrIter<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            StrIter::Set(i) => i.next().map(String::as_str),
            StrIter::Docs(docs, i) => i.next().map(|d| docs.id(d)),
            StrIter::Ids(i) => i.next().map(NodeId::as_str),
        }
    }
}

/// A field with the defaults: a string every format carries, in the
/// table's CSV order, `null` in JSON when absent.
const fn field<R>(name: &'static str, ty: Ty, get: for<'a> fn(&'a R) -> Value<'a>) -> Field<R> {
    Field {
        name,
        gexf_name: name,
        ty,
        carried: Carried::ALL,
        deployment_only: false,
        absent: Absent::Null,
        place: (Carried::ALL, Place::InOrder),
        graphml_also: None,
        shown: Shown::Always,
        get,
    }
}

const fn node(name: &'static str, ty: Ty, get: for<'a> fn(&'a Node) -> Value<'a>) -> Field<Node> {
    field(name, ty, get)
}

const fn edge(name: &'static str, ty: Ty, get: for<'a> fn(&'a Edge) -> Value<'a>) -> Field<Edge> {
    field(name, ty, get)
}

impl<R> Field<R> {
    const fn only(mut self, carried: Carried) -> Self {
        self.carried = carried;
        self
    }

    const fn deployment(mut self) -> Self {
        self.deployment_only = true;
        self
    }

    const fn optional(mut self) -> Self {
        self.absent = Absent::Omit;
        self
    }

    const fn place(mut self, formats: Carried, place: Place) -> Self {
        self.place = (formats, place);
        self
    }

    const fn gexf_name(mut self, name: &'static str) -> Self {
        self.gexf_name = name;
        self
    }

    const fn shown(mut self, shown: Shown) -> Self {
        self.shown = shown;
        self
    }

    const fn graphml_also(mut self, name: &'static str) -> Self {
        self.graphml_also = Some(name);
        self
    }
}

fn opt_str(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Absent, Value::Str)
}

fn opt_u64<'a>(n: Option<u64>) -> Value<'a> {
    n.map_or(Value::Absent, Value::U64)
}

fn dep<'a>(n: &'a Node, f: impl FnOnce(&'a crate::graph::Deployment) -> Value<'a>) -> Value<'a> {
    n.deployment.as_ref().map_or(Value::Absent, f)
}

/// Every node field, in the JSON order (GRAPH.md's).
pub(crate) const NODE_FIELDS: &[Field<Node>] = &[
    // The XML formats write the id as the element's, CSV as `Id` and `:ID`.
    node("id", Ty::Text, |n| Value::Str(n.id.as_str())).only(Carried::JSON),
    // GEXF writes the label as the element's, CSV as `Label`.
    node("label", Ty::Text, |n| Value::Str(&n.label)).only(Carried::JSON.and(Carried::GRAPHML)),
    node("kind", Ty::Text, |n| Value::Str(n.kind.as_str())),
    node("aliases", Ty::List, |n| Value::List(Strs::Set(&n.aliases))),
    node("mentions", Ty::Count, |n| Value::U64(n.mentions))
        .place(Carried::CSV, Place::Before("aliases")),
    node("documents", Ty::List, |n| {
        Value::List(Strs::Docs(&n.documents))
    })
    .shown(Shown::DocumentList),
    node("document_count", Ty::Count, |n| {
        Value::U64(n.documents.len() as u64)
    })
    .shown(Shown::DocumentCount),
    node("roles", Ty::List, |n| Value::List(Strs::Set(&n.roles))),
    node("count", Ty::Long, |n| dep(n, |d| opt_u64(d.count))).deployment(),
    node("count_max", Ty::Long, |n| dep(n, |d| opt_u64(d.count_max))).deployment(),
    node("approximate", Ty::Bool, |n| {
        dep(n, |d| Value::Bool(d.approximate))
    })
    .deployment(),
    node("unit", Ty::Text, |n| dep(n, |d| Value::Str(&d.unit))).deployment(),
    node("category", Ty::Text, |n| {
        dep(n, |d| Value::Str(d.category.as_str()))
    })
    .deployment(),
    node("status", Ty::Text, |n| {
        dep(n, |d| Value::Str(d.status.as_str()))
    })
    .deployment(),
    node("from", Ty::Text, |n| {
        dep(n, |d| opt_str(d.from.as_ref().map(NodeId::as_str)))
    })
    .deployment(),
    node("to", Ty::Text, |n| {
        dep(n, |d| opt_str(d.to.as_ref().map(NodeId::as_str)))
    })
    .deployment(),
    node("date", Ty::Text, |n| dep(n, |d| opt_str(d.date.as_deref()))).deployment(),
    node("estimate", Ty::Text, |n| {
        dep(n, |d| opt_str(d.estimate.as_deref()))
    })
    .deployment()
    .optional()
    .only(Carried::JSON.and(Carried::GRAPHML).and(Carried::GEXF)),
];

/// Every edge field, in the JSON order (GRAPH.md's).
pub(crate) const EDGE_FIELDS: &[Field<Edge>] = &[
    // The XML formats and CSV write the ends as the element's or as columns.
    edge("source", Ty::Text, |e| Value::Str(e.source.as_str())).only(Carried::JSON),
    edge("target", Ty::Text, |e| Value::Str(e.target.as_str())).only(Carried::JSON),
    edge("key", Ty::Index, |e| Value::U64(u64::from(e.key))).gexf_name("edge_key"),
    // CSV writes the relation as Neo4j's `:TYPE` and Gephi's `Label`/`Kind`.
    edge("relation", Ty::Text, |e| Value::Str(e.relation.as_str()))
        .only(Carried::JSON.and(Carried::GRAPHML).and(Carried::GEXF))
        .place(Carried::GRAPHML.and(Carried::GEXF), Place::Before("key"))
        .graphml_also("label"),
    edge("symmetric", Ty::Bool, |e| Value::Bool(e.symmetric)),
    // GEXF writes the weight as the element's.
    edge("weight", Ty::Weight, |e| Value::U64(e.weight))
        .only(Carried::JSON.and(Carried::GRAPHML).and(Carried::CSV)),
    edge("documents", Ty::List, |e| {
        Value::List(Strs::Docs(&e.documents))
    })
    .shown(Shown::DocumentList),
    edge("document_count", Ty::Count, |e| {
        Value::U64(e.documents.len() as u64)
    })
    .shown(Shown::DocumentCount),
    edge("evidence", Ty::Evidence, |e| Value::Evidence(&e.evidence))
        .place(Carried::CSV, Place::Last),
    edge("date", Ty::Text, |e| opt_str(e.date.as_deref())).optional(),
    edge("place", Ty::Text, |e| {
        opt_str(e.place.as_ref().map(NodeId::as_str))
    })
    .optional(),
    edge("reported_by", Ty::List, |e| {
        if e.reported_by.is_empty() {
            Value::Absent
        } else {
            Value::List(Strs::Ids(&e.reported_by))
        }
    })
    .optional(),
];

/// True when `f` has a place in `record`: a deployment field only on
/// deployment nodes.
pub(crate) fn applies(f: &Field<Node>, n: &Node) -> bool {
    !f.deployment_only || n.deployment.is_some()
}

impl<R> Field<R> {
    /// True when an export with `detail` writes the field.
    pub(crate) fn shown_in(&self, detail: Detail) -> bool {
        if self.ty == Ty::Evidence && detail.evidence == 0 {
            // `--evidence 0`: no field at all rather than empty lists.
            return false;
        }
        match self.shown {
            Shown::Always => true,
            Shown::DocumentList => detail.documents == DocumentsMode::All,
            Shown::DocumentCount => detail.documents == DocumentsMode::Count,
        }
    }

    /// The field's value in `record` as an export with `detail` writes it:
    /// evidence cut to the export's cap.
    #[inline]
    pub(crate) fn value<'a>(&self, record: &'a R, detail: Detail) -> Value<'a> {
        match (self.get)(record) {
            Value::Evidence(ev) => Value::Evidence(&ev[..ev.len().min(detail.evidence)]),
            v => v,
        }
    }
}

/// The fields one format carries, in the order it writes them: the
/// table's, with the format's [`Place`]s applied, less those `detail`
/// does not show.
pub(crate) fn carried<R>(
    fields: &'static [Field<R>],
    format: Carried,
    detail: Detail,
) -> Vec<&'static Field<R>> {
    let place = |f: &Field<R>| {
        if f.place.0.has(format) {
            f.place.1
        } else {
            Place::InOrder
        }
    };
    let (moved, mut out): (Vec<&Field<R>>, Vec<&Field<R>>) = fields
        .iter()
        .filter(|f| f.carried.has(format) && f.shown_in(detail))
        .partition(|f| place(f) != Place::InOrder);
    for f in &moved {
        if let Place::Before(other) = place(f) {
            let at = out
                .iter()
                .position(|g| g.name == other)
                .unwrap_or(out.len());
            out.insert(at, f);
        }
    }
    out.extend(moved.iter().filter(|f| place(f) == Place::Last));
    out
}

/// One evidence sentence as JSON sees it.
#[derive(Serialize)]
pub(crate) struct JsonEvidence<'a> {
    pub document: &'a str,
    pub text: std::borrow::Cow<'a, str>,
    pub start: usize,
    pub end: usize,
}

impl<'a> JsonEvidence<'a> {
    pub(crate) fn new(docs: &'a Documents, e: &'a Evidence) -> Self {
        JsonEvidence {
            document: docs.id(e.document),
            text: e.text.get(),
            start: e.start,
            end: e.end,
        }
    }
}

/// A node or an edge as a JSON object, through serde (the Cytoscape.js
/// export and the viewer page; the JSON export writes the same keys and
/// values directly): the fields JSON carries, in the table's order.
pub(crate) struct JsonRecord<'a, R: 'static> {
    pub docs: &'a Documents,
    pub record: &'a R,
    pub detail: Detail,
}

/// The fields of a record that JSON writes, with their values: those it
/// carries, that apply, and that are not an absent optional field.
pub(crate) fn json_fields<'a, R>(
    fields: &'static [Field<R>],
    record: &'a R,
    detail: Detail,
    applies: impl Fn(&Field<R>) -> bool,
) -> impl Iterator<Item = (&'static Field<R>, Value<'a>)> {
    fields
        .iter()
        .filter(move |f| f.carried.has(Carried::JSON) && f.shown_in(detail) && applies(f))
        .map(move |f| (f, f.value(record, detail)))
        .filter(|(f, v)| !(matches!(v, Value::Absent) && f.absent == Absent::Omit))
}

/// A [`Value`] through serde, as the JSON export writes it.
struct JsonValue<'a>(&'a Documents, Value<'a>);

impl Serialize for JsonValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Value::Absent => s.serialize_none(),
            Value::Str(v) => s.serialize_str(v),
            Value::U64(n) => s.serialize_u64(n),
            Value::Bool(b) => s.serialize_bool(b),
            Value::List(l) => s.collect_seq(l.iter(self.0)),
            Value::Evidence(ev) => s.collect_seq(ev.iter().map(|e| JsonEvidence::new(self.0, e))),
        }
    }
}

impl Serialize for JsonRecord<'_, Node> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, v) in json_fields(NODE_FIELDS, self.record, self.detail, |f| {
            applies(f, self.record)
        }) {
            m.serialize_entry(f.name, &JsonValue(self.docs, v))?;
        }
        m.end()
    }
}

impl Serialize for JsonRecord<'_, Edge> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, v) in json_fields(EDGE_FIELDS, self.record, self.detail, |_| true) {
            m.serialize_entry(f.name, &JsonValue(self.docs, v))?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_table_and_format() {
        fn check<R>(fields: &'static [Field<R>]) {
            let names: BTreeSet<&str> = fields.iter().map(|f| f.name).collect();
            assert_eq!(names.len(), fields.len());
            let gexf: BTreeSet<&str> = fields.iter().map(|f| f.gexf_name).collect();
            assert_eq!(gexf.len(), fields.len());
            for f in fields {
                if let Place::Before(other) = f.place.1 {
                    assert!(names.contains(other), "{} before unknown {other}", f.name);
                }
            }
        }
        check(NODE_FIELDS);
        check(EDGE_FIELDS);
    }

    #[test]
    fn csv_order_moves_only_the_fields_that_say_so() {
        let names = |v: Vec<&Field<Node>>| v.iter().map(|f| f.name).collect::<Vec<_>>();
        let csv = names(carried(NODE_FIELDS, Carried::CSV, Detail::default()));
        assert_eq!(&csv[..4], ["kind", "mentions", "aliases", "documents"]);
        let edges: Vec<&str> = carried(EDGE_FIELDS, Carried::CSV, Detail::default())
            .iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(edges.last(), Some(&"evidence"));
        assert_eq!(edges[0], "key");
        let xml: Vec<&str> = carried(EDGE_FIELDS, Carried::GRAPHML, Detail::default())
            .iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(&xml[..3], ["relation", "key", "symmetric"]);
    }
}
