//! GraphML export (`graph.graphml`): GraphML 1.0 with typed keys, valid
//! against `shared/schemas/graphml/graphml.xsd`, read by networkx
//! (`read_graphml(path, force_multigraph=True)`), graphology-graphml and Gephi.
//!
//! Comes in: a finished [`EntityGraph`] (already sorted). Goes out: one UTF-8
//! XML document written with quick-xml's [`Writer`] (no BOM, `\n` line
//! endings, a final newline). Nothing here builds XML by string concatenation.
//!
//! How GRAPH.md maps onto GraphML (FORMATS.md §2.4):
//! - one `<key>` per field, id prefixed `g_`, `n_` or `e_` (node and edge fields
//!   share names), `for="graph"|"node"|"edge"` (never `all` or `graphml`,
//!   which crash graphology), the field name as `attr.name`, and its real type:
//!   `int` for `mentions` and `key`, `long` for `count` and `count_max`,
//!   `double` for `weight`, `boolean` for `approximate` and `symmetric`,
//!   `string` for the rest. Every key that can occur is declared, deployment
//!   keys included, so the schema of the file never depends on the data;
//! - lists (`aliases`, `documents`, `roles`, `evidence`, `reported_by`, and
//!   the graph's `documents`, `relations`, `kinds`) are JSON strings, and
//!   their key carries a `<desc>` saying so (GraphML has no list type);
//! - one `<graph id="ergraph" edgedefault="directed">`; graph `<data>` comes
//!   first (graphology drops graph data written after the first node);
//! - node ids are the GRAPH.md ids; edge ids are `e0`, `e1`, … in the sorted
//!   edge order. Every edge is directed (networkx rejects `directed="false"` in
//!   a directed graph); symmetry is the `symmetric` value;
//! - the node `label`, the edge `label` (the relation again) and the edge
//!   `weight` sit where Gephi looks for them (FORMATS.md §3.1), and so do the
//!   colours and sizes Gephi draws with: node `r`, `g`, `b` (`int`, the
//!   kind's colour of [`super::style`]) and `size` (`double`, from the
//!   mentions), edge `r`, `g`, `b` (the relation's colour);
//! - an absent value (`null` in the JSON export, or an omitted optional link
//!   field) has no `<data>` at all; no key has a `<default>` (readers disagree
//!   on what it means).
//!
//! Text (FORMATS.md §2.6 pitfalls 9–12, §3.3):
//! - every string, list items included, loses the characters XML 1.0 forbids
//!   even escaped (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
//!   U+FFFF); see [`xml_clean`];
//! - `<data>` text is never indented and never has quotes escaped (Gephi's
//!   StAX reader splits text at entity references and drops whitespace-only
//!   pieces). A value is written in pieces split at `\r`: a piece containing
//!   `&`, `<` or `>` goes into CDATA (split at `]]>`), any other piece is
//!   written raw, and each `\r` is the character reference `&#13;` (CDATA cannot
//!   hold a `\r`: XML end-of-line handling would turn it into `\n`);
//! - attribute values (ids) use quick-xml's attribute escaping.
//!
//! Gephi merges parallel edges between the same two nodes unless the user
//! picks "Don't merge" on import; GraphML has no schema-valid way to stop it.

use super::Detail;
#[cfg(test)]
use super::json::JsonDocument;
#[cfg(test)]
use super::record::JsonEvidence;
use super::record::{Carried, EDGE_FIELDS, Field, NODE_FIELDS, Ty, Value, applies, carried};
use super::sink::{Blocks, Digits, Held, Pass, Sink, next_special, par_blocks, u64_digits};
use super::style::{kind_style, node_size, number, relation_style, rgb};
use super::xml::{documents_json, evidence_json, json_list, suspect, xml_clean};
#[cfg(test)]
use crate::graph::Evidence;
use crate::graph::{Documents, Edge, EntityGraph, GENERATOR, Node};
use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// The GraphML namespace (the same for 1.0 and 1.1).
const NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// One declared key: id, `for`, `attr.name`, `attr.type`, optional `<desc>`.
struct Key {
    id: String,
    domain: &'static str,
    name: &'static str,
    ty: &'static str,
    desc: Option<&'static str>,
}

fn key(
    domain: &'static str,
    name: &'static str,
    ty: &'static str,
    desc: Option<&'static str>,
) -> Key {
    let prefix = match domain {
        "graph" => "g_",
        "node" => "n_",
        _ => "e_",
    };
    Key {
        id: format!("{prefix}{name}"),
        domain,
        name,
        ty,
        desc,
    }
}

/// The keys of the graph's own data (not a node or edge field).
fn graph_keys() -> [Key; 4] {
    let strings = Ty::List.graphml_desc();
    [
        key("graph", "generator", "string", None),
        key(
            "graph",
            "documents",
            "string",
            Some("JSON array of {id,path,date,title,url}"),
        ),
        key("graph", "relations", "string", strings),
        key("graph", "kinds", "string", strings),
    ]
}

/// The drawing keys Gephi reads, after the fields: colour and size.
const NODE_STYLE: [(&str, &str); 4] =
    [("r", "int"), ("g", "int"), ("b", "int"), ("size", "double")];
const EDGE_STYLE: [(&str, &str); 3] = [("r", "int"), ("g", "int"), ("b", "int")];

/// A field GraphML carries, with the index of its key among all keys and of
/// its second key ([`Field::graphml_also`]).
type Declared<R> = (&'static Field<R>, usize, Option<usize>);

/// Appends the keys of the fields of one table GraphML carries to `all`, in
/// its order (a field's second key right after its own).
fn declare<R>(
    all: &mut Vec<Key>,
    domain: &'static str,
    fields: &'static [Field<R>],
    detail: Detail,
) -> Vec<Declared<R>> {
    let mut declared = Vec::new();
    for f in carried(fields, Carried::GRAPHML, detail) {
        let (ty, desc) = (f.ty.graphml(), f.ty.graphml_desc());
        all.push(key(domain, f.name, ty, desc));
        let also = f.graphml_also.map(|name| {
            all.push(key(domain, name, ty, desc));
            all.len() - 1
        });
        let own = all.len() - 1 - usize::from(also.is_some());
        declared.push((f, own, also));
    }
    declared
}

/// Every key the exporter can write, in the order they are declared, made
/// from the record tables: the graph's, the node fields and styles,
/// the edge fields and styles. Every key that can occur is declared, so the
/// file's schema never depends on the data.
struct Keys {
    all: Vec<Key>,
    node: Vec<Declared<Node>>,
    edge: Vec<Declared<Edge>>,
}

impl Keys {
    /// The keys of an export with `detail`.
    fn new(detail: Detail) -> Keys {
        let mut all: Vec<Key> = graph_keys().into();
        let node = declare(&mut all, "node", NODE_FIELDS, detail);
        all.extend(NODE_STYLE.iter().map(|&(n, t)| key("node", n, t, None)));
        let edge = declare(&mut all, "edge", EDGE_FIELDS, detail);
        all.extend(EDGE_STYLE.iter().map(|&(n, t)| key("edge", n, t, None)));
        Keys { all, node, edge }
    }
}

impl Keys {
    /// The id of key number `i`.
    fn id(&self, i: usize) -> &str {
        &self.all[i].id
    }

    fn declares(&self, id: &str) -> bool {
        self.all.iter().any(|k| k.id == id)
    }
}

/// A byte that keeps a cleaned `<data>` value off the raw path: markup or
/// `\r` (written as a character reference). Branch-free.
fn markup(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'\r')
}

/// A byte quick-xml escapes in an attribute value. Branch-free.
fn attribute_special(b: u8) -> bool {
    (b == b'<')
        | (b == b'>')
        | (b == b'&')
        | (b == b'\'')
        | (b == b'"')
        | (b == b'\r')
        | (b == b'\n')
        | (b == b'\t')
}

/// A [`markup`] or [`suspect`] byte: a value with neither goes out raw
/// without cleaning.
fn not_raw(b: u8) -> bool {
    markup(b) | suspect(b)
}

/// A byte of a string that keeps the JSON text holding it off the raw path
/// of [`GraphmlWriter::data`]: markup. (The other [`not_raw`] bytes take
/// that path too: JSON escapes every control byte and `\r`, and a value
/// whose strings were cleaned holds nothing [`xml_clean`] drops, so bytes
/// 0xEF leave it as it is.) Branch-free.
fn json_not_raw(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>')
}

/// True when the JSON text of `s`, cleaned, is certain to take
/// [`GraphmlWriter::data`]'s raw path.
fn stays_raw(s: &str) -> bool {
    next_special(s.as_bytes(), 0, json_not_raw) == s.len()
}

/// The capacity of [`GraphmlWriter::json`] kept for the next value.
const KEEP_JSON: usize = 64 * 1024;

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("serialising plain strings and numbers cannot fail")
}

/// Like [`JsonDocument`], with cleaned strings: what [`documents_json`]
/// writes.
#[cfg(test)]
#[derive(Serialize)]
struct CleanDocument<'a> {
    id: Cow<'a, str>,
    path: Cow<'a, str>,
    date: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
}

#[cfg(test)]
impl<'a> From<JsonDocument<'a>> for CleanDocument<'a> {
    fn from(d: JsonDocument<'a>) -> Self {
        CleanDocument {
            id: xml_clean(d.id),
            path: xml_clean(d.path),
            date: d.date.map(xml_clean),
            title: d.title.map(xml_clean),
            url: d.url.map(xml_clean),
        }
    }
}

/// Like [`JsonEvidence`], with cleaned strings: what [`evidence_json`] writes
/// when it cleans.
#[cfg(test)]
#[derive(Serialize)]
struct CleanEvidence<'a> {
    document: Cow<'a, str>,
    text: Cow<'a, str>,
    start: usize,
    end: usize,
}

#[cfg(test)]
impl<'a> From<JsonEvidence<'a>> for CleanEvidence<'a> {
    fn from(e: JsonEvidence<'a>) -> Self {
        CleanEvidence {
            document: xml_clean(e.document),
            text: Cow::Owned(xml_clean(&e.text).into_owned()),
            start: e.start,
            end: e.end,
        }
    }
}

/// Writes GraphML with quick-xml, keeping `<data>` text exact.
struct GraphmlWriter<'k, W: Write> {
    /// quick-xml writing into the chunk buffer; raw `<data>` lines are
    /// appended to that buffer directly.
    xml: Writer<Sink<W>>,
    /// The indentation of a `<data>` line where the writer is (inside
    /// `<graph>`, or inside a `<node>` or `<edge>`).
    indent: &'static str,
    /// A JSON list value being built (reused).
    json: Vec<u8>,
    /// A start tag's content being built (reused).
    tag: String,
    /// An edge id being built (reused).
    id: String,
    /// What the export writes of documents and evidence.
    detail: Detail,
    /// The declared keys.
    keys: &'k Keys,
}

impl<'k> GraphmlWriter<'k, Held> {
    /// A writer of one block of nodes or edges (see [`par_blocks`]), in
    /// the state the whole file's writer is in between two of them: inside
    /// `<graph>`, a line break due before the next element.
    fn block(detail: Detail, keys: &'k Keys, buf: Vec<u8>) -> io::Result<Self> {
        let mut w = GraphmlWriter::new(Sink::in_memory(buf), detail, keys);
        let out = w.xml.get_mut().buf();
        let at = out.len();
        w.event(Event::Start(BytesStart::new("graphml")))?;
        w.event(Event::Start(BytesStart::new("graph")))?;
        w.xml.get_mut().buf().truncate(at);
        Ok(w)
    }

    fn into_bytes(self) -> Vec<u8> {
        self.xml.into_inner().into_bytes()
    }
}

impl<'k, W: Write> GraphmlWriter<'k, W> {
    fn new(out: Sink<W>, detail: Detail, keys: &'k Keys) -> Self {
        GraphmlWriter {
            detail,
            keys,
            xml: Writer::new_with_indent(out, b' ', 2),
            indent: "    ",
            json: Vec::new(),
            tag: String::new(),
            id: String::new(),
        }
    }

    fn event<'a>(&mut self, e: impl Into<Event<'a>>) -> io::Result<()> {
        self.xml.write_event(e)
    }

    /// `<data key="…">value</data>`, the value cleaned and written as
    /// described in the module doc.
    fn data(&mut self, key: &str, value: &str) -> io::Result<()> {
        debug_assert!(self.keys.declares(key), "undeclared key {key}");
        let clean = next_special(value.as_bytes(), 0, not_raw) == value.len();
        let value = if clean {
            Cow::Borrowed(value)
        } else {
            xml_clean(value)
        };
        if clean || next_special(value.as_bytes(), 0, markup) == value.len() {
            // Almost every value: one raw text piece. Written straight to the
            // output, byte for byte what the events below would give: the
            // event before is always the parent's start or a `</data>`, after
            // which quick-xml breaks the line and indents, and a `<data>` with
            // only text never breaks before its end tag. Raw writes leave the
            // writer's state as that `</data>` would.
            let out = self.xml.get_mut().buf();
            out.push(b'\n');
            out.extend_from_slice(self.indent.as_bytes());
            out.extend_from_slice(b"<data key=\"");
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\">");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"</data>");
            return Ok(());
        }
        self.event(Event::Start(
            BytesStart::new("data").with_attributes([("key", key)]),
        ))?;
        // An empty text event keeps the writer from indenting `</data>` when
        // the value is empty: whitespace there would become the value.
        self.event(Event::Text(BytesText::from_escaped("")))?;
        for (i, piece) in value.split('\r').enumerate() {
            if i > 0 {
                self.event(Event::Text(BytesText::from_escaped("&#13;")))?;
            }
            if piece.contains(['&', '<', '>']) {
                for cdata in BytesCData::escaped(piece) {
                    self.event(Event::CData(cdata))?;
                }
            } else if !piece.is_empty() {
                // Nothing to escape: quotes stay raw for Gephi's reader.
                self.event(Event::Text(BytesText::from_escaped(piece)))?;
            }
        }
        self.event(Event::End(BytesEnd::new("data")))
    }

    /// `<data>` holding the JSON list built in `self.json`.
    fn data_json(&mut self, key: &str) -> io::Result<()> {
        let json = std::mem::take(&mut self.json);
        let result = self.data(
            key,
            std::str::from_utf8(&json).expect("serde_json writes UTF-8"),
        );
        self.json = json;
        result
    }

    /// `<data>` holding the JSON that `fill` appends, written straight into
    /// the output as [`GraphmlWriter::data`]'s raw path would; a value that
    /// turns out to need that function's other path (markup, or bytes
    /// `xml_clean` looks at) is taken back out and goes through it.
    ///
    /// On a writer that passes its bytes on (the whole file's, which writes
    /// the records too big for a block), a value that `raw` says keeps to
    /// the raw path is passed on in chunks as `fill` writes it, never held
    /// whole: `raw` looks at the strings the value is made of (a string
    /// with no markup and no byte 0xEF gives JSON with neither), since
    /// once a chunk is passed on the path can no longer change.
    fn data_json_with(
        &mut self,
        key: &str,
        raw: impl FnOnce() -> bool,
        fill: impl FnOnce(&mut Vec<u8>, &mut Pass<'_>) -> io::Result<()>,
    ) -> io::Result<()> {
        debug_assert!(self.keys.declares(key), "undeclared key {key}");
        let (out, mut pass) = self.xml.get_mut().parts();
        let streams = pass.streams() && raw();
        if !streams {
            pass = Pass::Hold;
        }
        let line = out.len();
        out.push(b'\n');
        out.extend_from_slice(self.indent.as_bytes());
        out.extend_from_slice(b"<data key=\"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\">");
        let value = out.len();
        fill(out, &mut pass)?;
        if streams || next_special(&out[value..], 0, not_raw) == out.len() - value {
            out.extend_from_slice(b"</data>");
            return Ok(());
        }
        self.json.clear();
        self.json.extend_from_slice(&out[value..]);
        out.truncate(line);
        let written = self.data_json(key);
        if self.json.capacity() > KEEP_JSON {
            // A value of megabytes: not kept for the next one.
            self.json = Vec::new();
        }
        written
    }

    /// `<data>` holding a JSON list of the cleaned strings.
    fn data_list<'a>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = &'a str> + Clone,
    ) -> io::Result<()> {
        let strings = items.clone();
        self.data_json_with(
            key,
            || strings.into_iter().all(stays_raw),
            |out, pass| json_list(out, items, pass),
        )
    }

    /// The `<data>` of one field's value: none when absent, a list or the
    /// evidence as JSON, a scalar as its text (a weight as the `double` it
    /// is declared as).
    fn value(&mut self, docs: &Documents, ty: Ty, key: &str, value: Value<'_>) -> io::Result<()> {
        let mut digits = Digits::new();
        match value {
            Value::Absent => Ok(()),
            Value::List(items) => self.data_list(key, items.iter(docs)),
            Value::Evidence(ev) => self.data_json_with(
                key,
                || {
                    ev.iter()
                        .all(|e| stays_raw(docs.id(e.document)) && stays_raw(&e.text.get()))
                },
                |out, pass| evidence_json(out, docs, ev, true, pass),
            ),
            Value::U64(n) if ty == Ty::Weight => self.data(key, &weight_text(n, &mut digits)),
            scalar => {
                let text = scalar.scalar(&mut digits).unwrap_or_default();
                self.data(key, text)
            }
        }
    }

    fn keys(&mut self) -> io::Result<()> {
        let keys = self.keys;
        for k in &keys.all {
            let start = BytesStart::new("key").with_attributes([
                ("id", k.id.as_str()),
                ("for", k.domain),
                ("attr.name", k.name),
                ("attr.type", k.ty),
            ]);
            match k.desc {
                None => self.event(Event::Empty(start))?,
                Some(desc) => {
                    self.event(Event::Start(start))?;
                    self.event(Event::Start(BytesStart::new("desc")))?;
                    self.event(Event::Text(BytesText::new(desc)))?;
                    self.event(Event::End(BytesEnd::new("desc")))?;
                    self.event(Event::End(BytesEnd::new("key")))?;
                }
            }
        }
        Ok(())
    }

    fn graph_data(&mut self, graph: &EntityGraph) -> io::Result<()> {
        self.indent = "    ";
        self.data("g_generator", GENERATOR)?;
        // Written straight to the output as `data` would write it, and
        // through `data` only when something in it needs escaping (the list
        // of 400,000 documents is 60 MB of JSON).
        let docs = graph.documents();
        self.data_json_with(
            "g_documents",
            || {
                docs.iter().all(|d| {
                    [Some(d.id), Some(d.path), d.date, d.title, d.url]
                        .into_iter()
                        .flatten()
                        .all(stays_raw)
                })
            },
            |out, pass| documents_json(out, docs, pass),
        )?;
        let relations: Vec<&str> = graph
            .relations_used()
            .into_iter()
            .map(|r| r.as_str())
            .collect();
        self.data("g_relations", &to_json(&relations))?;
        let kinds: Vec<&str> = graph.kinds_used().into_iter().map(|k| k.as_str()).collect();
        self.data("g_kinds", &to_json(&kinds))
    }

    /// A start tag with attributes, byte for byte as quick-xml's
    /// `with_attributes` makes it; when no value needs escaping (ids almost
    /// never do) the tag is built in one reused string instead.
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let plain = |v: &str| next_special(v.as_bytes(), 0, attribute_special) == v.len();
        if !attrs.iter().all(|(_, v)| plain(v)) {
            let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
            return self.event(Event::Start(start));
        }
        self.tag.clear();
        self.tag.push_str(name);
        for (k, v) in attrs {
            self.tag.push(' ');
            self.tag.push_str(k);
            self.tag.push_str("=\"");
            self.tag.push_str(v);
            self.tag.push('"');
        }
        let start = BytesStart::from_content(self.tag.as_str(), name.len());
        self.xml.write_event(Event::Start(start))
    }

    fn node(&mut self, docs: &Documents, n: &Node) -> io::Result<()> {
        let id = xml_clean(n.id.as_str());
        self.start("node", &[("id", &id)])?;
        self.indent = "      ";
        let keys = self.keys;
        for &(f, key, _) in &keys.node {
            if applies(f, n) {
                self.value(docs, f.ty, keys.id(key), f.value(n, self.detail))?;
            }
        }
        let mut digits = Digits::new();
        let (r, g, b) = rgb(kind_style(n.kind).color);
        self.data("n_r", u64_digits(r.into(), &mut digits))?;
        self.data("n_g", u64_digits(g.into(), &mut digits))?;
        self.data("n_b", u64_digits(b.into(), &mut digits))?;
        self.data("n_size", &number(node_size(n.mentions)))?;
        self.event(Event::End(BytesEnd::new("node")))?;
        self.xml.get_mut().spill()
    }

    fn edge(&mut self, docs: &Documents, index: usize, e: &Edge) -> io::Result<()> {
        let mut id = std::mem::take(&mut self.id);
        id.clear();
        id.push('e');
        id.push_str(u64_digits(index as u64, &mut Digits::new()));
        let (source, target) = (xml_clean(e.source.as_str()), xml_clean(e.target.as_str()));
        let started = self.start(
            "edge",
            &[("id", &id), ("source", &source), ("target", &target)],
        );
        self.id = id;
        started?;
        self.indent = "      ";
        let keys = self.keys;
        for &(f, key, also) in &keys.edge {
            let value = f.value(e, self.detail);
            self.value(docs, f.ty, keys.id(key), value)?;
            if let Some(also) = also {
                self.value(docs, f.ty, keys.id(also), value)?;
            }
        }
        let mut digits = Digits::new();
        let (r, g, b) = rgb(relation_style(e.relation).color);
        self.data("e_r", u64_digits(r.into(), &mut digits))?;
        self.data("e_g", u64_digits(g.into(), &mut digits))?;
        self.data("e_b", u64_digits(b.into(), &mut digits))?;
        self.event(Event::End(BytesEnd::new("edge")))?;
        self.xml.get_mut().spill()
    }
}

/// Blocks of nodes or edges go straight to the file, past quick-xml: the
/// writer is in the same state between two elements as after them.
impl<W: Write> Blocks for GraphmlWriter<'_, W> {
    fn block(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.xml.get_mut().block(bytes)
    }

    fn written(&self) -> u64 {
        self.xml.get_ref().written()
    }
}

/// A weight as the `double` it is declared as: `(weight as f64).to_string()`.
/// Up to 2^53 that is the integer's digits, written without float formatting.
fn weight_text(weight: u64, digits: &mut Digits) -> Cow<'_, str> {
    if weight <= 1 << 53 {
        Cow::Borrowed(u64_digits(weight, digits))
    } else {
        // u64 -> f64 is always finite.
        Cow::Owned((weight as f64).to_string())
    }
}

/// Nodes or edges written together on one thread: a few dozen kilobytes.
const PER_BLOCK: usize = 32;

/// Writes `graph` as GraphML 1.0 (see the module doc for the mapping).
///
/// # Errors
/// Whatever `out` returns.
pub fn write_graphml(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let keys = Keys::new(detail);
    let mut w = GraphmlWriter::new(Sink::new(out), detail, &keys);
    w.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", NS),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
    ])))?;
    w.keys()?;
    w.event(Event::Start(BytesStart::new("graph").with_attributes([
        ("id", "ergraph"),
        ("edgedefault", "directed"),
    ])))?;
    w.graph_data(graph)?;
    // Nodes and edges a block at a time on every thread: each block's
    // writer starts in the state this one is in between two elements, and
    // this one's state is the same after them.
    let (docs, g) = (graph.documents(), graph.petgraph());
    // A node or edge too big for a block is written by this writer itself.
    par_blocks(
        &mut w,
        g.raw_nodes(),
        PER_BLOCK,
        |n| n.weight.export_weight(),
        |_, block, buf| {
            let mut b = GraphmlWriter::block(detail, &keys, buf)?;
            for n in block {
                b.node(docs, &n.weight)?;
            }
            Ok(b.into_bytes())
        },
        |w, _, n| w.node(docs, &n.weight),
    )?;
    par_blocks(
        &mut w,
        g.raw_edges(),
        PER_BLOCK,
        |e| e.weight.export_weight(),
        |first, block, buf| {
            let mut b = GraphmlWriter::block(detail, &keys, buf)?;
            for (k, e) in block.iter().enumerate() {
                b.edge(docs, first + k, &e.weight)?;
            }
            Ok(b.into_bytes())
        },
        |w, i, e| w.edge(docs, i, &e.weight),
    )?;
    w.event(Event::End(BytesEnd::new("graph")))?;
    w.event(Event::End(BytesEnd::new("graphml")))?;
    let mut sink = w.xml.into_inner();
    sink.push(b"\n");
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;
    use quick_xml::Reader;
    use quick_xml::events::attributes::Attribute;
    use std::collections::{BTreeMap, BTreeSet};

    fn render(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        write_graphml(g, Detail::default(), &mut buf).expect("writing to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    /// What a reader sees: keys, graph data, nodes and edges with their data.
    #[derive(Debug, Default)]
    struct Parsed {
        keys: BTreeMap<String, (String, String, String)>,
        graph: BTreeMap<String, String>,
        nodes: Vec<(String, BTreeMap<String, String>)>,
        edges: Vec<(String, String, String, BTreeMap<String, String>)>,
    }

    fn attr(a: &[Attribute<'_>], name: &str) -> String {
        a.iter()
            .find(|x| x.key.as_ref() == name)
            .map(|x| {
                x.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("attribute")
                    .into_owned()
            })
            .unwrap_or_default()
    }

    fn parse(xml: &str) -> Parsed {
        let mut r = Reader::from_str(xml);
        let mut p = Parsed::default();
        let mut data_key: Option<String> = None;
        let mut text = String::new();
        let mut owner = "";
        loop {
            match r.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "key" => {
                    let a: Vec<_> = e.attributes().map(|a| a.expect("attr")).collect();
                    let id = attr(&a, "id");
                    assert!(
                        p.nodes.is_empty() && p.graph.is_empty(),
                        "key {id} after graph"
                    );
                    p.keys.insert(
                        id,
                        (
                            attr(&a, "for"),
                            attr(&a, "attr.name"),
                            attr(&a, "attr.type"),
                        ),
                    );
                }
                Event::Start(e) if e.name().as_ref() == "node" => {
                    let a: Vec<_> = e.attributes().map(|a| a.expect("attr")).collect();
                    p.nodes.push((attr(&a, "id"), BTreeMap::new()));
                    owner = "node";
                }
                Event::Start(e) if e.name().as_ref() == "edge" => {
                    let a: Vec<_> = e.attributes().map(|a| a.expect("attr")).collect();
                    assert!(attr(&a, "directed").is_empty());
                    p.edges.push((
                        attr(&a, "id"),
                        attr(&a, "source"),
                        attr(&a, "target"),
                        BTreeMap::new(),
                    ));
                    owner = "edge";
                }
                Event::Start(e) if e.name().as_ref() == "graph" => owner = "graph",
                Event::Start(e) if e.name().as_ref() == "data" => {
                    let a: Vec<_> = e.attributes().map(|a| a.expect("attr")).collect();
                    data_key = Some(attr(&a, "key"));
                    text.clear();
                }
                Event::Text(t) if data_key.is_some() => text.push_str(&t.xml10_content()),
                Event::CData(t) if data_key.is_some() => text.push_str(&t.xml10_content()),
                Event::GeneralRef(g) if data_key.is_some() => {
                    match g.resolve_char_ref().expect("ref") {
                        Some(c) => text.push(c),
                        None => text.push_str(
                            quick_xml::escape::resolve_predefined_entity(&g).expect("known entity"),
                        ),
                    }
                }
                Event::End(e) if e.name().as_ref() == "data" => {
                    let k = data_key.take().expect("open data");
                    assert!(p.keys.contains_key(&k), "undeclared key {k}");
                    let map = match owner {
                        "node" => &mut p.nodes.last_mut().expect("node").1,
                        "edge" => &mut p.edges.last_mut().expect("edge").3,
                        _ => &mut p.graph,
                    };
                    assert!(
                        map.insert(k.clone(), text.clone()).is_none(),
                        "two data for {k}"
                    );
                }
                Event::Eof => break,
                _ => {}
            }
        }
        p
    }

    /// What `body` writes inside a `<parent>` element, `indent` being the
    /// indentation of a `<data>` line there.
    fn written(
        parent: &str,
        indent: &'static str,
        body: impl FnOnce(&mut GraphmlWriter<'_, &mut Vec<u8>>),
    ) -> String {
        let mut out = Vec::new();
        let keys = Keys::new(Detail::default());
        let mut w = GraphmlWriter::new(Sink::new(&mut out), Detail::default(), &keys);
        w.indent = indent;
        w.event(Event::Start(BytesStart::new(parent)))
            .expect("a Vec");
        body(&mut w);
        w.event(Event::End(BytesEnd::new(parent))).expect("a Vec");
        w.xml.into_inner().finish().expect("a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn json_written_in_place_is_what_data_writes() {
        // Values of many chunks too: passed on as they are written when
        // they hold no markup, held and escaped when they do.
        let long = vec!["\"x\u{feff}\""; 60_000].join(",");
        let values = [
            "[\"plain\"]".to_string(),
            "[\"a & b <c> ]]> d\"]".to_string(),
            "[\"\u{feff} bom\"]".to_string(),
            "[]".to_string(),
            format!("[{long}]"),
            format!("[{long},\"]]>&\"]"),
        ];
        for v in &values {
            let in_place = written("node", "      ", |w| {
                w.data_json_with(
                    "n_aliases",
                    || stays_raw(v),
                    |out, pass| {
                        for piece in v.as_bytes().chunks(1000) {
                            out.extend_from_slice(piece);
                            pass.between(out)?;
                        }
                        Ok(())
                    },
                )
                .expect("a Vec");
                w.data("n_kind", "person").expect("a Vec");
            });
            let via_data = written("node", "      ", |w| {
                w.data("n_aliases", v).expect("a Vec");
                w.data("n_kind", "person").expect("a Vec");
            });
            let head: String = v.chars().take(40).collect();
            assert_eq!(in_place, via_data, "{head}");
        }
    }

    #[test]
    fn start_tags_are_quick_xmls_bytes() {
        let attrs: [&[(&str, &str)]; 4] = [
            &[
                ("id", "e12"),
                ("source", "person:a"),
                ("target", "country:b"),
            ],
            &[("id", "a&b<c>\"d'e\r\n\tf")],
            &[("id", "plain"), ("source", "x\"y")],
            &[],
        ];
        for a in attrs {
            let edge = |quick: bool| {
                written("graph", "    ", |w| {
                    if quick {
                        let start = BytesStart::new("edge").with_attributes(a.iter().copied());
                        w.event(Event::Start(start)).expect("a Vec");
                    } else {
                        w.start("edge", a).expect("a Vec");
                    }
                    w.indent = "      ";
                    w.data("e_key", "0").expect("a Vec");
                    w.event(Event::End(BytesEnd::new("edge"))).expect("a Vec");
                })
            };
            assert_eq!(edge(false), edge(true), "{a:?}");
        }
    }

    #[test]
    fn weights_print_as_the_double_they_are() {
        let mut digits = Digits::new();
        let edge = [0u64, 1, 2, 10, 999, (1 << 53) - 1, 1 << 53, (1 << 53) + 1];
        for w in (0..2000).chain(edge).chain([u64::MAX / 3, u64::MAX]) {
            assert_eq!(weight_text(w, &mut digits), (w as f64).to_string(), "{w}");
        }
    }

    #[test]
    fn json_values_are_serde_jsons_bytes() {
        let odd = [
            "plain",
            "\"q\" \\ </x> & \u{7}\u{1f}\r\n\t",
            "Шойгу \u{fffe}\u{ffff} 😀",
            "",
        ];
        let mut ours = Vec::new();
        json_list(&mut ours, odd, &mut Pass::Hold).expect("held");
        let cleaned: Vec<Cow<'_, str>> = odd.iter().map(|s| xml_clean(s)).collect();
        assert_eq!(ours, to_json(&cleaned).into_bytes());
        let g = sample_graph();
        let docs = g.documents();
        for e in g.edges() {
            let mut evidence = e.evidence.clone();
            evidence.push(Evidence {
                document: 1,
                start: usize::MAX,
                end: 7,
                text: odd.concat().into(),
            });
            ours.clear();
            evidence_json(&mut ours, docs, &evidence, true, &mut Pass::Hold).expect("held");
            let theirs: Vec<CleanEvidence<'_>> = evidence
                .iter()
                .map(|ev| CleanEvidence::from(JsonEvidence::new(docs, ev)))
                .collect();
            assert_eq!(
                String::from_utf8(ours.clone()).expect("UTF-8"),
                to_json(&theirs)
            );
        }
    }

    /// The graph's document list is the compact JSON serde_json writes for
    /// the cleaned documents, absent values as `null`.
    #[test]
    fn the_document_list_is_serde_jsons_bytes() {
        let mut docs = Documents::new();
        for (id, title, url) in [
            ("a", None, None),
            (
                "b&c",
                Some("Kim <meets> \"Putin\" \u{7}\u{fffe}"),
                Some("https://e.x/?a=1&b=2"),
            ),
            ("d\u{1}\\", Some(""), None),
            ("Шойгу 😀", None, Some("file:///a\r\nb")),
        ] {
            docs.push(crate::graph::DocRef {
                id,
                path: "dir/\t\"x\".txt",
                date: (id == "a").then_some("2025-06-17"),
                title,
                url,
            });
        }
        let mut ours = Vec::new();
        documents_json(&mut ours, &docs, &mut Pass::Hold).expect("held");
        let theirs: Vec<CleanDocument<'_>> = docs
            .iter()
            .map(|d| CleanDocument::from(JsonDocument::new(d)))
            .collect();
        assert_eq!(String::from_utf8(ours).expect("UTF-8"), to_json(&theirs));
    }

    #[test]
    fn keys_are_prefixed_typed_and_never_for_all() {
        let p = parse(&render(&sample_graph()));
        assert_eq!(p.keys.len(), Keys::new(Detail::default()).all.len());
        for (id, (domain, name, ty)) in &p.keys {
            let prefix = match domain.as_str() {
                "graph" => "g_",
                "node" => "n_",
                "edge" => "e_",
                other => panic!("key {id} has for={other}"),
            };
            assert_eq!(id, &format!("{prefix}{name}"));
            assert!(["boolean", "int", "long", "double", "string"].contains(&ty.as_str()));
        }
        assert_eq!(p.keys["n_count"].2, "long");
        assert_eq!(p.keys["n_count_max"].2, "long");
        assert_eq!(p.keys["n_mentions"].2, "int");
        assert_eq!(p.keys["e_weight"].2, "double");
        assert_eq!(p.keys["e_symmetric"].2, "boolean");
        assert_eq!(p.keys["n_approximate"].2, "boolean");
    }

    #[test]
    fn graph_data_comes_first_and_holds_json_lists() {
        let xml = render(&sample_graph());
        let p = parse(&xml);
        assert_eq!(p.graph["g_generator"], GENERATOR);
        let docs: serde_json::Value = serde_json::from_str(&p.graph["g_documents"]).expect("JSON");
        assert_eq!(docs[1]["title"], "Shoigu \"visits\" Pyongyang & more");
        assert!(docs[0]["date"].is_null());
        assert_eq!(
            p.graph["g_relations"],
            r#"["met","agreed","sent","reported","deployed_to"]"#
        );
        let first_node = xml.find("<node ").expect("a node");
        assert!(xml.find("g_kinds\">").expect("kinds data") < first_node);
    }

    #[test]
    fn node_values_round_trip_and_absent_values_have_no_data() {
        let g = sample_graph();
        let p = parse(&render(&g));
        assert_eq!(p.nodes.len(), g.node_count());
        for (n, (id, data)) in g.nodes().zip(&p.nodes) {
            assert_eq!(id, n.id.as_str());
            assert_eq!(data["n_label"], xml_clean(&n.label));
            assert_eq!(data["n_kind"], n.kind.as_str());
            let aliases: Vec<String> = serde_json::from_str(&data["n_aliases"]).expect("JSON list");
            assert_eq!(aliases, n.aliases.iter().cloned().collect::<Vec<_>>());
            assert!(data.contains_key("n_roles"));
            assert_eq!(data.contains_key("n_count"), n.deployment.is_some());
        }
        let troops = &p
            .nodes
            .iter()
            .find(|(id, _)| id.starts_with("deployment:"))
            .expect("troops")
            .1;
        assert_eq!(troops["n_count"], "5000");
        assert_eq!(troops["n_approximate"], "true");
        assert_eq!(troops["n_from"], "country:north-korea");
        assert!(!troops.contains_key("n_count_max") && !troops.contains_key("n_to"));
    }

    #[test]
    fn illegal_control_characters_are_stripped() {
        let xml = render(&sample_graph());
        assert!(!xml.contains('\u{7}') && !xml.contains('\u{c}'));
        let p = parse(&xml);
        let kursk = p
            .nodes
            .iter()
            .find(|(id, _)| id == "place:kursk")
            .expect("kursk");
        assert_eq!(kursk.1["n_label"], "Kursk region");
    }

    #[test]
    fn markup_goes_into_cdata_and_quotes_are_never_escaped() {
        let xml = render(&sample_graph());
        assert!(!xml.contains("&quot;") && !xml.contains("&apos;"));
        assert!(!xml.contains(r#"<data key="n_label">R&D"#));
        assert!(xml.contains("<![CDATA[R&D & <NIS>]]>"));
        // `]]>` in a value is split across two CDATA sections.
        assert!(xml.contains("]]]]><![CDATA[>"));
        let p = parse(&xml);
        let shoigu = p
            .nodes
            .iter()
            .find(|(id, _)| id == "person:sergei-shoigu")
            .expect("shoigu");
        assert_eq!(
            shoigu.1["n_label"],
            "Сергей Шойгу \"the minister\" \\ <b>&amp; ]]> end\\"
        );
    }

    #[test]
    fn carriage_returns_and_padding_round_trip() {
        let (mut nodes, edges, docs) = sample_graph().into_parts();
        nodes[0].label = "  a\r\nb\rc & d\r  ".to_string();
        nodes[1].label = String::new();
        let g = EntityGraph::from_parts(nodes, edges, docs);
        let p = parse(&render(&g));
        assert_eq!(p.nodes[0].1["n_label"], "  a\r\nb\rc & d\r  ");
        assert_eq!(p.nodes[1].1["n_label"], "");
    }

    #[test]
    fn edges_are_numbered_in_order_directed_and_labelled() {
        let g = sample_graph();
        let p = parse(&render(&g));
        let ids: BTreeSet<&str> = p.nodes.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(p.edges.len(), g.edge_count());
        for (i, (e, (id, s, t, data))) in g.edges().zip(&p.edges).enumerate() {
            assert_eq!(id, &format!("e{i}"));
            assert!(ids.contains(s.as_str()) && ids.contains(t.as_str()));
            assert_eq!(
                (s.as_str(), t.as_str()),
                (e.source.as_str(), e.target.as_str())
            );
            assert_eq!(data["e_relation"], e.relation.as_str());
            assert_eq!(data["e_label"], e.relation.as_str());
            assert_eq!(data["e_key"], e.key.to_string());
            assert_eq!(data["e_symmetric"], e.symmetric.to_string());
            assert_eq!(data.contains_key("e_place"), e.place.is_some());
            assert_eq!(
                data.contains_key("e_reported_by"),
                !e.reported_by.is_empty()
            );
        }
        let met = p
            .edges
            .iter()
            .find(|e| e.3["e_relation"] == "met")
            .expect("met");
        assert_eq!(met.3["e_weight"], "4");
        let ev: serde_json::Value = serde_json::from_str(&met.3["e_evidence"]).expect("JSON");
        assert_eq!(
            ev[0]["text"],
            "Shoigu met Kim in Pyongyang.\nLine two \"quoted\" \\ & <x>"
        );
    }

    #[test]
    fn header_has_no_bom_and_ends_with_newline() {
        let xml = render(&sample_graph());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns="));
        assert!(xml.ends_with("</graphml>\n"));
        assert!(!xml.contains('\r'));
        assert!(!xml.contains("<default"));
        assert_eq!(xml, render(&sample_graph()));
    }
}
