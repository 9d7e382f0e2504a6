//! DOT export (`graph.dot`) for Graphviz, written by hand rather than with
//! `petgraph::dot` (which has index ids and no escaping; FORMATS.md §6.1).
//!
//! Comes in: a finished [`EntityGraph`] (already sorted) and the
//! [`ExportOptions`]. Goes out: one UTF-8 `digraph "ergraph"` (no BOM, `\n`
//! line endings, a final newline) that `dot -Tsvg` renders without a warning.
//!
//! How GRAPH.md maps onto DOT:
//! - a non-strict `digraph`, so parallel edges and self-loops are kept; one
//!   node statement per node (sorted by id) and one edge statement per edge
//!   (in the sorted edge order), so `gvpr` counts the same nodes and edges as
//!   the JSON export. The legend is an HTML-like table in the graph `label`,
//!   not a cluster of extra nodes;
//! - nodes: `id` = the node id and `class` = the kind (SVG hooks
//!   `<g id="person:kim-jong-un" class="node person">`), the label (a
//!   deployment shows its count and unit, `about 5,000 construction troops`,
//!   and its date on a second line), a shape and fill colour per kind
//!   (person ellipse, organization box, country doubleoctagon, place house,
//!   treaty note, deployment box3d), and a tooltip with the kind, aliases,
//!   roles, mentions and documents (and a deployment's status and ends);
//! - edges: `id` = `e0`, `e1`, … (as in GraphML), `class` and `label` = the
//!   relation, a colour per relation (`reported` dashed), `penwidth` =
//!   1 + log2(weight), `dir="none"` on symmetric edges (the direction stays in
//!   the source order), and a tooltip with the evidence sentences.
//!
//! Every id and every value is quoted and goes through one function,
//! [`dot_quote`] (FORMATS.md §5.2): control characters other than newline and
//! tab are dropped (and U+FFFE/U+FFFF, which SVG cannot carry), `\` becomes
//! `\\`, `"` becomes `\"`, `&` becomes `&amp;` (Graphviz decodes entities in
//! plain labels), a newline becomes `\n`, and the escaped text is capped
//! ([`TEXT_CAP`] bytes, well under flex's 16 KB token limit) on a character
//! boundary without splitting an escape pair, ending in `…` when cut.
//!
//! Layout: the graph attributes are chosen for `dot` (`rankdir=LR`, room
//! between ranks for edge labels, edges drawn under nodes). Above
//! [`LARGE_GRAPH`] nodes the drawing turns compact: no edge labels (colour,
//! `class` and tooltip still name the relation; the legend explains the
//! colours), smaller node fonts, tighter ranks, and no `splines=true` (which
//! makes sfdp route every edge around nodes: minutes for 500 nodes instead of
//! half a second). `dot` itself takes about ten seconds on 500 nodes; the
//! force-directed engines read the same file:
//!
//! ```text
//! dot   -Tsvg graph.dot -o graph.svg                       # up to a few hundred nodes
//! sfdp  -Tsvg -Goverlap=prism -Gsep=+4 graph.dot -o graph.svg   # hundreds and more
//! neato -Tsvg -Goverlap=scale -Gsep=+4 graph.dot -o graph.svg   # up to ~200, even lengths
//! ```
//!
//! `overlap` is already `false` (ignored by `dot`, honoured by neato and
//! sfdp), so those engines never stack nodes even without the flags.
//!
//! `--dot-cluster document|kind` ([`Cluster`]) puts each node into exactly
//! one `subgraph "cluster_…"` box: its first document (sorted ids; titled,
//! dated and linked to the document's URL when it has one) or its kind. The
//! clusters add no nodes (gvpr counts stay those of the JSON export) and set
//! `newrank=true` so ranks are computed over the whole graph.
//! Without `--dot-cluster`, the members of each estimate group (deployments
//! of one movement counted differently) are boxed in a dashed
//! `subgraph "cluster_estimate:…"` labelled with the group's spread
//! ("estimates 10,000–12,000 (ranges overlap)"); with it, a node's one box
//! is its document's or kind's.
//!
//! Links: a node or an edge whose document has a `url` gets `URL` (and
//! `target="_blank"`), escaped like every value (`&` as `&amp;`, which
//! FORMATS.md §5.2 requires for the SVG to stay well-formed); an edge links
//! to the document of its first evidence sentence.

use super::sink::{Digits, Sink, next_special, par_blocks, push_u64, u64_digits};
use super::style::{kind_style, number, relation_style};
use super::{Cluster, Detail, DocumentsMode, ExportOptions};
use crate::graph::{Deployment, DocIdx, Documents, Edge, EntityGraph, GENERATOR, Kind, Node};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The most bytes an escaped string may take between its quotes.
pub const TEXT_CAP: usize = 4000;

/// Drawn when a string was cut at [`TEXT_CAP`].
const ELLIPSIS: &str = "…";

/// True for characters Graphviz should never see: controls other than newline
/// and tab, and the non-characters U+FFFE/U+FFFF (illegal in the SVG it writes).
fn dot_dropped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}'
}

/// The DOT escape of one character, or `None` when it is dropped.
fn escape_char(c: char, buf: &mut [u8; 4]) -> Option<&str> {
    match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '&' => Some("&amp;"),
        '\n' => Some("\\n"),
        c if dot_dropped(c) => None,
        c => Some(c.encode_utf8(buf)),
    }
}

/// `s` as a quoted DOT string (FORMATS.md §5.2), its escaped content capped at
/// `cap` bytes; a cut string ends in `…`.
///
/// ```
/// use ergraph::export::dot::dot_quote;
/// assert_eq!(dot_quote("say \"hi\"\nC:\\ AT&T", 100), r#""say \"hi\"\nC:\\ AT&amp;T""#);
/// assert_eq!(dot_quote("a\u{7}b", 100), r#""ab""#);
/// assert_eq!(dot_quote("&&&", 12), "\"&amp;…\"");
/// ```
pub fn dot_quote(s: &str, cap: usize) -> String {
    let mut out = Vec::with_capacity(s.len().min(cap) + 2);
    push_quoted(&mut out, s, cap);
    String::from_utf8(out).expect("whole escapes of UTF-8 text")
}

/// The bytes [`escape_char`] does not keep as they are: everything but
/// printable ASCII other than `\`, `"` and `&`. (Branch-free for
/// [`next_special`].)
fn special(b: u8) -> bool {
    !(0x20..=0x7e).contains(&b) | (b == b'\\') | (b == b'"') | (b == b'&')
}

/// Appends [`dot_quote`]`(s, cap)` to `out`.
fn push_quoted(out: &mut Vec<u8>, s: &str, cap: usize) {
    let mut q = Quoted::open(out, cap);
    q.push(out, s);
    q.close(out);
}

/// A quoted DOT string written into a buffer piece by piece (a tooltip is
/// many pieces), escaped and capped in one pass: the text is escaped as it
/// comes, remembering the last point where a cut could end (the last whole
/// escape that leaves room for the ellipsis); when the escaped text passes
/// the cap it is truncated there, the ellipsis appended, and every later
/// piece ignored.
struct Quoted {
    /// Where the text starts (after the opening quote).
    base: usize,
    cap: usize,
    /// The end of the longest run of whole escapes that, with the
    /// ellipsis, fits in `cap`.
    fit: usize,
    cut: bool,
}

impl Quoted {
    fn open(out: &mut Vec<u8>, cap: usize) -> Quoted {
        out.push(b'"');
        Quoted {
            base: out.len(),
            cap,
            fit: out.len(),
            cut: false,
        }
    }

    /// Appends the escape of `s`.
    fn push(&mut self, out: &mut Vec<u8>, s: &str) {
        if self.cut {
            return;
        }
        let room = self.base + self.cap.saturating_sub(ELLIPSIS.len());
        let bytes = s.as_bytes();
        let mut buf = [0u8; 4];
        let mut i = 0;
        while i < bytes.len() {
            let run_end = next_special(bytes, i, special);
            if run_end > i {
                // A plain byte is a character of its own: a cut may end
                // anywhere in the run.
                if out.len() <= room {
                    self.fit = room.min(out.len() + (run_end - i));
                }
                out.extend_from_slice(&bytes[i..run_end]);
                i = run_end;
            } else {
                // `i` is a character boundary: plain bytes are single characters.
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if let Some(piece) = escape_char(c, &mut buf) {
                    out.extend_from_slice(piece.as_bytes());
                    if out.len() <= room {
                        self.fit = out.len();
                    }
                }
            }
            if out.len() - self.base > self.cap {
                out.truncate(self.fit);
                if self.cap >= ELLIPSIS.len() {
                    out.extend_from_slice(ELLIPSIS.as_bytes());
                }
                self.cut = true;
                return;
            }
        }
    }

    /// Appends `n` (digits need no escape).
    fn push_u64(&mut self, out: &mut Vec<u8>, n: u64) {
        let mut digits = Digits::new();
        self.push(out, u64_digits(n, &mut digits));
    }

    /// Appends `items` separated by `sep`.
    fn push_joined<'a>(
        &mut self,
        out: &mut Vec<u8>,
        items: impl IntoIterator<Item = &'a str>,
        sep: &str,
    ) {
        for (i, item) in items.into_iter().enumerate() {
            if self.cut {
                return;
            }
            if i > 0 {
                self.push(out, sep);
            }
            self.push(out, item);
        }
    }

    fn close(self, out: &mut Vec<u8>) {
        out.push(b'"');
    }
}

/// Full XML escaping for the HTML-like legend label.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if dot_dropped(c) || c == '\n' || c == '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `12345` as `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `about 5,000 construction troops` (+ `\n2025-09`); `troops` when no
/// count was given (an `about` or a range means nothing without one).
fn deployment_label(d: &Deployment) -> String {
    let mut s = String::new();
    match (d.count, d.count_max) {
        (Some(count), max) => {
            if d.approximate {
                s.push_str("about ");
            }
            s.push_str(&thousands(count));
            if let Some(max) = max {
                s.push_str(" to ");
                s.push_str(&thousands(max));
            }
        }
        (None, Some(max)) => {
            s.push_str("up to ");
            s.push_str(&thousands(max));
        }
        (None, None) => {}
    }
    if !d.unit.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&d.unit);
    }
    if let Some(date) = &d.date {
        s.push('\n');
        s.push_str(date);
    }
    s
}

/// The node's tooltip lines, joined by `\n`, as one quoted string.
fn push_node_tooltip(out: &mut Vec<u8>, docs: &Documents, detail: Detail, n: &Node) {
    let mut t = Quoted::open(out, TEXT_CAP);
    t.push(out, &n.label);
    t.push(out, "\nkind: ");
    t.push(out, n.kind.as_str());
    if !n.aliases.is_empty() {
        t.push(out, "\naliases: ");
        t.push_joined(out, n.aliases.iter().map(String::as_str), "; ");
    }
    if !n.roles.is_empty() {
        t.push(out, "\nroles: ");
        t.push_joined(out, n.roles.iter().map(String::as_str), "; ");
    }
    if let Some(d) = &n.deployment {
        t.push(out, "\n");
        t.push(out, d.category.as_str());
        t.push(out, " ");
        t.push(out, d.status.as_str());
        t.push(out, ", ");
        t.push(out, &d.unit);
        if let Some(from) = &d.from {
            t.push(out, "\nfrom: ");
            t.push(out, from.as_str());
        }
        if let Some(to) = &d.to {
            t.push(out, "\nto: ");
            t.push(out, to.as_str());
        }
    }
    t.push(out, "\nmentions: ");
    t.push_u64(out, n.mentions);
    t.push(out, "\ndocuments: ");
    match detail.documents {
        DocumentsMode::All => t.push_joined(out, docs.ids(&n.documents), ", "),
        DocumentsMode::Count => t.push_u64(out, n.documents.len() as u64),
    }
    t.close(out);
}

/// The edge's tooltip lines, joined by `\n`, as one quoted string.
fn push_edge_tooltip(out: &mut Vec<u8>, docs: &Documents, detail: Detail, e: &Edge) {
    let mut t = Quoted::open(out, TEXT_CAP);
    t.push(out, e.source.as_str());
    t.push(out, " ");
    t.push(out, e.relation.as_str());
    t.push(out, " ");
    t.push(out, e.target.as_str());
    t.push(out, " (weight ");
    t.push_u64(out, e.weight);
    t.push(out, ")");
    if let Some(date) = &e.date {
        t.push(out, "\ndate: ");
        t.push(out, date);
    }
    if let Some(place) = &e.place {
        t.push(out, "\nplace: ");
        t.push(out, place.as_str());
    }
    if !e.reported_by.is_empty() {
        t.push(out, "\nreported by: ");
        t.push_joined(out, e.reported_by.iter().map(|i| i.as_str()), ", ");
    }
    for ev in e.evidence.iter().take(detail.evidence) {
        t.push(out, "\n[");
        t.push(out, docs.id(ev.document));
        t.push(out, "] ");
        t.push(out, &ev.text.get());
    }
    t.close(out);
}

/// The legend: generator, then the kinds and relations the graph uses.
fn legend(graph: &EntityGraph) -> String {
    let mut t =
        String::from(r#"<table border="0" cellborder="1" cellspacing="0" cellpadding="3">"#);
    t.push_str(&format!(
        r#"<tr><td colspan="2"><b>{}</b></td></tr>"#,
        html_escape(GENERATOR)
    ));
    for kind in graph.kinds_used() {
        let style = kind_style(kind);
        t.push_str(&format!(
            r#"<tr><td bgcolor="{}"><font color="{}">{}</font></td><td>{}</td></tr>"#,
            style.fill,
            style.color,
            html_escape(kind.as_str()),
            html_escape(style.dot_shape)
        ));
    }
    for relation in graph.relations_used() {
        let style = relation_style(relation);
        let line = if style.line == "dashed" {
            "- - -"
        } else {
            "——"
        };
        t.push_str(&format!(
            r#"<tr><td><font color="{}">{line} {}</font></td><td>{}</td></tr>"#,
            style.color,
            html_escape(relation.as_str()),
            html_escape(style.legend)
        ));
    }
    t.push_str("</table>");
    t
}

/// `name="value"` pairs, each value through [`dot_quote`].
fn attrs(pairs: &[(&str, &str)]) -> String {
    let mut out = Vec::new();
    let mut list = AttrList::open(&mut out);
    for (k, v) in pairs {
        list.attr(&mut out, k, v);
    }
    list.close(&mut out);
    String::from_utf8(out).expect("whole escapes of UTF-8 text")
}

/// An attribute list `[name="value", …]` written into a buffer.
struct AttrList {
    first: bool,
}

impl AttrList {
    fn open(out: &mut Vec<u8>) -> AttrList {
        out.push(b'[');
        AttrList { first: true }
    }

    /// Before the next attribute: `name=`.
    fn name(&mut self, out: &mut Vec<u8>, name: &str) {
        if !self.first {
            out.extend_from_slice(b", ");
        }
        self.first = false;
        out.extend_from_slice(name.as_bytes());
        out.push(b'=');
    }

    /// `name="value"`, the value through [`dot_quote`].
    fn attr(&mut self, out: &mut Vec<u8>, name: &str, value: &str) {
        self.name(out, name);
        push_quoted(out, value, TEXT_CAP);
    }

    fn close(self, out: &mut Vec<u8>) {
        out.push(b']');
    }
}

/// Graphs with more nodes than this are drawn compactly: no edge labels (the
/// colour and the legend name the relation; the SVG tooltip and `class` still
/// carry it), smaller fonts and tighter ranks, so 500 nodes stay legible.
pub const LARGE_GRAPH: usize = 150;

/// The URL of the first of `documents` that has one.
fn first_url(docs: &Documents, documents: impl IntoIterator<Item = DocIdx>) -> Option<&str> {
    documents
        .into_iter()
        .find_map(|d| docs.get(d).and_then(|d| d.url))
}

/// Per-graph context the node and edge writers need.
struct Ctx<'a> {
    docs: &'a Documents,
    large: bool,
    /// Whether any document has a URL (most corpora have none: then no
    /// node or edge looks through its documents for one).
    urls: bool,
    /// What the tooltips show of documents and evidence.
    detail: Detail,
}

impl<'a> Ctx<'a> {
    fn new(graph: &'a EntityGraph, detail: Detail) -> Ctx<'a> {
        let docs = graph.documents();
        Ctx {
            detail,
            docs,
            large: graph.node_count() > LARGE_GRAPH,
            urls: docs.iter().any(|d| d.url.is_some()),
        }
    }

    /// The URL of the first of `documents` that has one.
    fn url(&self, documents: impl IntoIterator<Item = DocIdx>) -> Option<&'a str> {
        if self.urls {
            first_url(self.docs, documents)
        } else {
            None
        }
    }
}

/// Node or edge statements rendered together on one thread (see
/// [`par_blocks`]): a few dozen kilobytes.
const PER_BLOCK: usize = 32;

/// The most a node or edge weighs in blocks: every string of a statement
/// is cut at [`TEXT_CAP`] bytes, so a node cited by 400,000 documents
/// writes no more than one cited by a few hundred, and is rendered in a
/// block like any other rather than on its own (see [`super::sink::HEAVY`]).
const MAX_WEIGHT: usize = 256;

/// The statements of `nodes`, a block at a time on every thread.
fn write_nodes<W: Write>(
    ctx: &Ctx<'_>,
    indent: &str,
    nodes: &[&Node],
    out: &mut Sink<W>,
) -> io::Result<()> {
    par_blocks(
        out,
        nodes,
        PER_BLOCK,
        |n| n.export_weight().min(MAX_WEIGHT),
        |_, block, mut buf| {
            for n in block {
                write_node(ctx, indent, n, &mut buf);
            }
            Ok(buf)
        },
        |out, _, n| {
            write_node(ctx, indent, n, out.buf());
            out.spill()
        },
    )
}

fn write_node(ctx: &Ctx<'_>, indent: &str, n: &Node, out: &mut Vec<u8>) {
    let style = kind_style(n.kind);
    out.extend_from_slice(indent.as_bytes());
    push_quoted(out, n.id.as_str(), TEXT_CAP);
    out.push(b' ');
    let mut list = AttrList::open(out);
    list.attr(out, "id", n.id.as_str());
    list.attr(out, "class", n.kind.as_str());
    match &n.deployment {
        Some(d) => list.attr(out, "label", &deployment_label(d)),
        None => list.attr(out, "label", &n.label),
    }
    list.attr(out, "shape", style.dot_shape);
    list.attr(out, "fillcolor", style.fill);
    list.attr(out, "color", style.color);
    list.name(out, "tooltip");
    push_node_tooltip(out, ctx.docs, ctx.detail, n);
    if let Some(url) = ctx.url(n.documents.iter()) {
        list.attr(out, "URL", url);
        list.attr(out, "target", "_blank");
    }
    list.close(out);
    out.extend_from_slice(b";\n");
}

fn write_edge(ctx: &Ctx<'_>, i: usize, e: &Edge, out: &mut Vec<u8>) {
    let style = relation_style(e.relation);
    out.extend_from_slice(b"  ");
    push_quoted(out, e.source.as_str(), TEXT_CAP);
    out.extend_from_slice(b" -> ");
    push_quoted(out, e.target.as_str(), TEXT_CAP);
    out.push(b' ');
    let mut list = AttrList::open(out);
    list.name(out, "id");
    out.extend_from_slice(b"\"e");
    push_u64(out, i as u64);
    out.push(b'"');
    list.attr(out, "class", e.relation.as_str());
    if !ctx.large {
        list.attr(out, "label", e.relation.as_str());
    }
    list.attr(out, "color", style.color);
    list.attr(out, "fontcolor", style.color);
    list.attr(out, "style", style.line);
    list.attr(
        out,
        "penwidth",
        &number(1.0 + (e.weight.max(1) as f64).log2()),
    );
    if e.symmetric {
        list.attr(out, "dir", "none");
    }
    // Without an edgetooltip, SVG shows the edge tooltip on the label too.
    list.name(out, "tooltip");
    push_edge_tooltip(out, ctx.docs, ctx.detail, e);
    // The document of the first evidence sentence first: that is what the
    // tooltip shows first.
    let docs = e
        .evidence
        .iter()
        .map(|ev| ev.document)
        .chain(e.documents.iter());
    if let Some(url) = ctx.url(docs) {
        list.attr(out, "URL", url);
        list.attr(out, "target", "_blank");
    }
    list.close(out);
    out.extend_from_slice(b";\n");
}

/// An estimate group's box label: its spread and whether the ranges agree
/// ("estimates 10,000–12,000 (ranges overlap)").
pub(crate) fn estimate_label(g: &crate::graph::Estimate) -> String {
    let spread =
        crate::model::deployment_label(Some(g.low), (g.high != g.low).then_some(g.high), "");
    format!(
        "estimates {} ({})",
        spread.trim(),
        if g.agree {
            "ranges overlap"
        } else {
            "ranges disagree"
        }
    )
}

/// One cluster: its subgraph name, label, optional URL and nodes.
struct Group<'a> {
    name: String,
    label: String,
    url: Option<&'a str>,
    nodes: Vec<&'a Node>,
}

/// The nodes grouped as `cluster` asks, in a fixed order (documents by id,
/// kinds in GRAPH.md order), and the nodes that fit no cluster (a node with
/// no document under `document`).
fn groups<'a>(graph: &'a EntityGraph, cluster: Cluster) -> (Vec<Group<'a>>, Vec<&'a Node>) {
    let mut loose = Vec::new();
    let groups = match cluster {
        Cluster::Kind => Kind::ALL
            .into_iter()
            .map(|k| Group {
                name: format!("cluster_kind_{}", k.as_str()),
                label: k.as_str().to_string(),
                url: None,
                nodes: graph.nodes().filter(|n| n.kind == k).collect(),
            })
            .filter(|g| !g.nodes.is_empty())
            .collect(),
        Cluster::Document => {
            let docs = graph.documents();
            // Index order is id order.
            let mut by_doc: BTreeMap<DocIdx, Vec<&Node>> = BTreeMap::new();
            for n in graph.nodes() {
                match n.documents.first() {
                    Some(d) => by_doc.entry(d).or_default().push(n),
                    None => loose.push(n),
                }
            }
            by_doc
                .into_iter()
                .map(|(d, nodes)| {
                    let doc = docs.get(d);
                    let id = docs.id(d);
                    let title = doc.and_then(|d| d.title);
                    let date = doc.and_then(|d| d.date);
                    let mut label = match title {
                        Some(t) => format!("{t}\n{id}"),
                        None => id.to_string(),
                    };
                    if let Some(date) = date {
                        label.push_str(&format!(" ({date})"));
                    }
                    Group {
                        name: format!("cluster_doc_{id}"),
                        label,
                        url: doc.and_then(|d| d.url),
                        nodes,
                    }
                })
                .collect()
        }
    };
    (groups, loose)
}

/// Writes `graph` as a Graphviz `digraph` (see the module doc).
///
/// # Errors
/// Whatever `out` returns.
pub fn write_dot(graph: &EntityGraph, opts: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let ctx = Ctx::new(graph, opts.detail(super::Format::Dot));
    let mut out = Sink::new(out);
    writeln!(out, "digraph \"ergraph\" {{")?;
    let (nodesep, ranksep) = if ctx.large {
        ("0.2", "0.6")
    } else {
        ("0.35", "0.9")
    };
    let mut graph_attrs = vec![("charset", "UTF-8"), ("rankdir", "LR")];
    if !ctx.large {
        // dot draws splines anyway; this makes neato and sfdp route edges
        // around nodes too, which costs minutes on hundreds of nodes (the
        // default there is straight lines).
        graph_attrs.push(("splines", "true"));
    }
    graph_attrs.extend([
        ("overlap", "false"),
        ("nodesep", nodesep),
        ("ranksep", ranksep),
        ("outputorder", "edgesfirst"),
        ("fontname", "Helvetica"),
        ("labelloc", "b"),
        ("labeljust", "l"),
    ]);
    if opts.dot_cluster.is_some() {
        // Ranks computed over the whole graph, not cluster by cluster.
        graph_attrs.push(("newrank", "true"));
    }
    writeln!(
        out,
        "  graph {}, label=<{}>];",
        attrs(&graph_attrs).trim_end_matches(']'),
        legend(graph)
    )?;
    let fontsize = if ctx.large { "10" } else { "14" };
    writeln!(
        out,
        "  node {};",
        attrs(&[
            ("fontname", "Helvetica"),
            ("fontsize", fontsize),
            ("style", "filled"),
            ("penwidth", "1.2")
        ])
    )?;
    writeln!(
        out,
        "  edge {};",
        attrs(&[
            ("fontname", "Helvetica"),
            ("fontsize", "10"),
            ("arrowsize", "0.7")
        ])
    )?;
    match opts.dot_cluster {
        None => {
            // An estimate group is a box labelled with its spread.
            let estimates = graph.estimates();
            let grouped = |n: &Node| {
                n.deployment
                    .as_ref()
                    .and_then(|d| d.estimate.as_deref())
                    .is_some_and(|e| estimates.iter().any(|g| g.id == e))
            };
            let loose: Vec<&Node> = graph.nodes().filter(|n| !grouped(n)).collect();
            write_nodes(&ctx, "  ", &loose, &mut out)?;
            for g in &estimates {
                writeln!(
                    out,
                    "  subgraph {} {{",
                    dot_quote(&format!("cluster_{}", g.id), TEXT_CAP)
                )?;
                let label = estimate_label(g);
                let pairs = [
                    ("label", label.as_str()),
                    ("labelloc", "t"),
                    ("labeljust", "l"),
                    ("style", "dashed,rounded"),
                    ("color", "#3182bd"),
                    ("fontcolor", "#3182bd"),
                ];
                writeln!(out, "    graph {};", attrs(&pairs))?;
                let members: Vec<&Node> = g.members.iter().filter_map(|m| graph.node(m)).collect();
                write_nodes(&ctx, "    ", &members, &mut out)?;
                writeln!(out, "  }}")?;
            }
        }
        Some(cluster) => {
            let (groups, loose) = groups(graph, cluster);
            for g in groups {
                writeln!(out, "  subgraph {} {{", dot_quote(&g.name, TEXT_CAP))?;
                let mut pairs = vec![
                    ("label", g.label.as_str()),
                    ("labelloc", "t"),
                    ("labeljust", "l"),
                    ("style", "rounded"),
                    ("color", "#999999"),
                    ("fontcolor", "#555555"),
                ];
                if let Some(url) = g.url {
                    pairs.push(("URL", url));
                    pairs.push(("target", "_blank"));
                }
                writeln!(out, "    graph {};", attrs(&pairs))?;
                write_nodes(&ctx, "    ", &g.nodes, &mut out)?;
                writeln!(out, "  }}")?;
            }
            write_nodes(&ctx, "  ", &loose, &mut out)?;
        }
    }
    // Edges a block at a time on every thread (see `par_blocks`).
    par_blocks(
        &mut out,
        graph.petgraph().raw_edges(),
        PER_BLOCK,
        |e| e.weight.export_weight().min(MAX_WEIGHT),
        |first, block, mut buf| {
            for (k, e) in block.iter().enumerate() {
                write_edge(&ctx, first + k, &e.weight, &mut buf);
            }
            Ok(buf)
        },
        |out, i, e| {
            write_edge(&ctx, i, &e.weight, out.buf());
            out.spill()
        },
    )?;
    writeln!(out, "}}")?;
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    #[test]
    fn a_deployment_label_says_about_and_ranges_only_with_a_count() {
        let d = |count, count_max, approximate, date: Option<&str>| Deployment {
            count,
            count_max,
            approximate,
            unit: "troops".to_string(),
            category: crate::model::Category::Personnel,
            status: crate::model::Status::Sent,
            from: None,
            to: None,
            date: date.map(str::to_string),
            estimate: None,
        };
        assert_eq!(deployment_label(&d(None, None, false, None)), "troops");
        assert_eq!(deployment_label(&d(None, None, true, None)), "troops");
        assert_eq!(
            deployment_label(&d(None, None, false, Some("2025-09"))),
            "troops\n2025-09"
        );
        assert_eq!(
            deployment_label(&d(Some(5000), None, true, None)),
            "about 5,000 troops"
        );
        assert_eq!(
            deployment_label(&d(Some(10000), Some(12000), false, None)),
            "10,000 to 12,000 troops"
        );
        assert_eq!(
            deployment_label(&d(None, Some(300), false, None)),
            "up to 300 troops"
        );
    }

    fn render(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        write_dot(g, &ExportOptions::default(), &mut buf).expect("writing to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    /// Undoes [`dot_quote`] the way Graphviz reads a plain label.
    fn unquote(q: &str) -> String {
        let inner = q
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .expect("quoted");
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(c) => out.push(c),
                    None => panic!("trailing backslash in {q}"),
                }
            } else {
                out.push(c);
            }
        }
        out.replace("&amp;", "&")
    }

    #[test]
    fn quote_escapes_backslash_quote_ampersand_and_newline() {
        assert_eq!(dot_quote(r"C:\", 100), r#""C:\\""#);
        assert_eq!(dot_quote(r"\N \G \l", 100), r#""\\N \\G \\l""#);
        assert_eq!(dot_quote(r#""""""#, 100), r#""\"\"\"\"""#);
        assert_eq!(dot_quote("AT&amp;T", 100), r#""AT&amp;amp;T""#);
        assert_eq!(dot_quote("a\r\nb\tc", 100), "\"a\\nb\tc\"");
        assert_eq!(
            dot_quote("\u{feff}김정은 Шойгу", 100),
            "\"\u{feff}김정은 Шойгу\""
        );
    }

    #[test]
    fn quote_drops_control_characters() {
        assert_eq!(
            dot_quote("a\u{0}\u{7}\u{b}\u{c}\u{1b}\u{7f}\u{85}b\u{fffe}", 100),
            r#""ab""#
        );
    }

    #[test]
    fn quote_round_trips_what_graphviz_reads() {
        let s = "Сергей \"the minister\" \\ <b>&amp; \\N\nend\\";
        assert_eq!(unquote(&dot_quote(s, 1000)), s);
    }

    #[test]
    fn quote_caps_long_text_without_splitting_an_escape() {
        let long = "é\"".repeat(5000);
        let q = dot_quote(&long, TEXT_CAP);
        let inner = &q[1..q.len() - 1];
        assert!(inner.len() <= TEXT_CAP, "{} bytes", inner.len());
        assert!(inner.ends_with(ELLIPSIS));
        let body = inner.strip_suffix(ELLIPSIS).expect("ellipsis");
        // Only whole pairs: an even number of backslashes before every quote.
        let rest = body.replace("é\\\"", "");
        assert!(rest.is_empty() || rest == "é", "split pair: {rest:?}");
        for cap in 0..12 {
            let q = dot_quote("\\\\\\\\\\\\", cap);
            let inner = &q[1..q.len() - 1];
            assert!(inner.len() <= cap);
            assert!(
                inner.trim_end_matches(ELLIPSIS).len().is_multiple_of(2),
                "cap {cap}: {q}"
            );
        }
        assert_eq!(dot_quote("short", TEXT_CAP), "\"short\"");
    }

    /// The quoting rule as plainly as it can be said: escape character by
    /// character while the text fits `cap`; on overflow drop whole escapes
    /// until the ellipsis fits too.
    fn quote_reference(s: &str, cap: usize) -> String {
        let mut buf = [0u8; 4];
        let mut pieces: Vec<String> = Vec::new();
        let mut len = 0;
        let mut cut = false;
        for c in s.chars() {
            let Some(piece) = escape_char(c, &mut buf) else {
                continue;
            };
            if len + piece.len() > cap {
                cut = true;
                break;
            }
            len += piece.len();
            pieces.push(piece.to_string());
        }
        if cut {
            while len + ELLIPSIS.len() > cap {
                let Some(last) = pieces.pop() else { break };
                len -= last.len();
            }
            if len + ELLIPSIS.len() <= cap {
                pieces.push(ELLIPSIS.to_string());
            }
        }
        format!("\"{}\"", pieces.concat())
    }

    /// [`Quoted`] fed `pieces` one by one.
    fn quote_pieces(pieces: &[String], cap: usize) -> String {
        let mut out = Vec::new();
        let mut q = Quoted::open(&mut out, cap);
        for p in pieces {
            q.push(&mut out, p);
        }
        q.close(&mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn quote_cuts_in_one_pass_as_the_rule_says() {
        let texts = [
            "plain ascii text that runs on".to_string(),
            "é\"&\\\n\u{7}".repeat(30),
            format!("{}&amp;{}", "x".repeat(4000), "y".repeat(10)),
            "x".repeat(3999) + "é",
            "x".repeat(4003),
            "&".repeat(900),
        ];
        for t in &texts {
            for cap in (0..40).chain([3995, 3996, 3997, 3998, 3999, 4000, 4001, 5000]) {
                assert_eq!(
                    dot_quote(t, cap),
                    quote_reference(t, cap),
                    "cap {cap}: {t:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn quoting_in_pieces_is_quoting_the_whole(
            pieces in proptest::collection::vec("(\\PC|[\\x00-\\x1f\"\\\\&]){0,12}", 0..8),
            cap in 0usize..60,
        ) {
            let whole = pieces.concat();
            proptest::prop_assert_eq!(quote_pieces(&pieces, cap), quote_reference(&whole, cap));
        }
    }

    #[test]
    fn header_is_a_plain_digraph_without_bom() {
        let dot = render(&sample_graph());
        assert!(dot.starts_with("digraph \"ergraph\" {\n"));
        assert!(dot.ends_with("}\n") && !dot.ends_with("\n\n"));
        assert!(!dot.contains('\r'));
        assert!(!dot.contains("strict"));
        assert_eq!(dot, render(&sample_graph()));
    }

    #[test]
    fn one_statement_per_node_and_edge() {
        let g = sample_graph();
        let dot = render(&g);
        let edges = dot.lines().filter(|l| l.contains(" -> ")).count();
        assert_eq!(edges, g.edge_count());
        for n in g.nodes() {
            let start = format!("  \"{}\" [", n.id);
            assert_eq!(
                dot.lines().filter(|l| l.starts_with(&start)).count(),
                1,
                "{}",
                n.id
            );
        }
        let statements = dot.lines().filter(|l| l.starts_with("  \"")).count();
        assert_eq!(statements, g.node_count() + g.edge_count());
    }

    #[test]
    fn nodes_are_styled_by_kind_with_ids_and_classes() {
        let dot = render(&sample_graph());
        let line = |id: &str| {
            dot.lines()
                .find(|l| l.starts_with(&format!("  \"{id}\" [")))
                .unwrap_or_else(|| panic!("no node {id}"))
                .to_string()
        };
        let kim = line("person:kim-jong-un");
        assert!(
            kim.contains(r#"id="person:kim-jong-un", class="person""#),
            "{kim}"
        );
        assert!(kim.contains(r#"shape="ellipse""#));
        assert!(
            kim.contains(
                r#"tooltip="Kim Jong Un\nkind: person\naliases: Kim; Kim Jong-un; 김정은"#
            )
        );
        assert!(line("organization:nis").contains(r#"label="R&amp;D &amp; <NIS>", shape="box""#));
        assert!(line("country:north-korea").contains("doubleoctagon"));
        assert!(line("place:kursk").contains(r#"label="Kursk region", shape="house""#));
        assert!(line("treaty:comprehensive-strategic-partnership").contains(r#"shape="note""#));
        let troops = line("deployment:north-korea-5000-construction-troops-2025-09");
        assert!(
            troops.contains(r#"label="about 5,000 construction troops\n2025-09", shape="box3d""#)
        );
    }

    #[test]
    fn edges_carry_relation_direction_weight_and_evidence() {
        let dot = render(&sample_graph());
        let met = dot
            .lines()
            .find(|l| l.contains(r#"class="met""#))
            .expect("met edge");
        assert!(met.starts_with(r#"  "person:sergei-shoigu" -> "person:kim-jong-un" ["#));
        assert!(met.contains(r#"label="met""#) && met.contains(r#"dir="none""#));
        assert!(met.contains(r#"penwidth="3""#));
        assert!(
            met.contains(r#"Line two \"quoted\" \\ &amp; <x>""#),
            "{met}"
        );
        let sent = dot
            .lines()
            .find(|l| l.contains(r#"class="sent""#))
            .expect("sent edge");
        assert!(!sent.contains("dir="));
        assert!(sent.contains(r#"penwidth="1""#));
        let agreed: Vec<&str> = dot
            .lines()
            .filter(|l| l.contains(r#"class="agreed""#))
            .collect();
        assert_eq!(agreed.len(), 2);
        let ids: Vec<String> = (0..6).map(|i| format!(r#"[id="e{i}", "#)).collect();
        for id in &ids {
            assert_eq!(dot.matches(id.as_str()).count(), 1, "{id}");
        }
        let self_loop = dot
            .lines()
            .find(|l| l.contains(r#"class="reported""#))
            .expect("loop");
        assert!(self_loop.contains(r#""person:kim-jong-un" -> "person:kim-jong-un""#));
    }

    #[test]
    fn legend_is_an_html_label_not_nodes() {
        let dot = render(&sample_graph());
        let graph_line = dot
            .lines()
            .find(|l| l.starts_with("  graph ["))
            .expect("graph attrs");
        assert!(graph_line.contains("label=<<table"));
        assert!(graph_line.ends_with("</table>>];"));
        assert!(
            graph_line
                .contains(r##"<td bgcolor="#fde0dd"><font color="#c51b8a">person</font></td>"##)
        );
        assert!(graph_line.contains("deployed_to"));
        assert!(!dot.contains("cluster"));
    }

    #[test]
    fn labels_read_back_as_written() {
        let g = sample_graph();
        let dot = render(&g);
        let shoigu = dot
            .lines()
            .find(|l| l.starts_with("  \"person:sergei-shoigu\" ["))
            .expect("shoigu");
        let start = shoigu.find("label=").expect("label") + "label=".len();
        let end = shoigu[start..].find("\", shape=").expect("end") + start + 1;
        assert_eq!(
            unquote(&shoigu[start..end]),
            "Сергей Шойгу \"the minister\" \\ <b>&amp; ]]> end\\"
        );
    }

    #[test]
    fn thousands_and_numbers_format_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(9_000_000), "9,000,000");
    }

    #[test]
    fn empty_graph_is_a_valid_digraph() {
        let dot = render(&EntityGraph::default());
        assert_eq!(dot.lines().count(), 5);
    }
}
