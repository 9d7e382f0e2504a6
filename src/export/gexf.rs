//! GEXF 1.3 export (`graph.gexf`, `-f gexf`), Gephi's own format: valid
//! against the upstream RELAX NG grammar (`shared/schemas/gexf/gexf.rng`), read
//! by Gephi, networkx (`read_gexf`) and graphology-gexf.
//!
//! Comes in: a finished [`EntityGraph`] (already sorted). Goes out: one UTF-8
//! XML document written with quick-xml (no BOM, `\n` line endings, a final
//! newline, no `xsi:schemaLocation`, which the grammar rejects).
//!
//! How GRAPH.md maps onto GEXF (FORMATS.md §4):
//! - `<graph defaultedgetype="directed" mode="dynamic" timeformat="date">`;
//!   every edge is directed (networkx rejects undirected edges in a directed
//!   graph), symmetry is the `symmetric` attribute;
//! - declared static attributes, node: `kind`, `aliases` (`liststring`),
//!   `mentions` (`integer`), `documents`, `roles` (`liststring`) and the
//!   deployment fields (`count`, `count_max` as `long`, `approximate` as
//!   `boolean`, the rest `string`); edge: `relation`, `edge_key` (GRAPH.md's
//!   `key`, renamed because networkx reads attributes into `add_edge`
//!   keyword arguments, where `key` is taken), `symmetric`,
//!   `documents`, `evidence` (a JSON string of `{document,text,start,end}`),
//!   `date`, `place`, `reported_by`. An absent value has no `<attvalue>`;
//!   lists are JSON arrays of strings, which Gephi's list parser and
//!   graphology-gexf both read;
//! - node: `id`, `label`, `viz:color` as `r`/`g`/`b` (networkx cannot read
//!   `hex`) per kind, `viz:size` from the mentions, `viz:shape` per kind;
//! - edge: `id` = `e0`, `e1`, … (as in GraphML), `kind` = `label` = the
//!   relation (Gephi's edge type: parallel edges of different relations are
//!   never merged), `weight`, `viz:color` per relation, `viz:thickness` from
//!   the weight, `viz:shape` `dashed` for `reported`.
//!
//! Time (Gephi's timeline replays the story): every dated element gets one
//! spell that opens on the first day it is known and stays open, so the graph
//! grows as the story unfolds. An edge starts at its own `date` (`2025-09` is
//! 2025-09-01; FORMATS.md §4.4: partial dates are never written as they are),
//! or, lacking one, at the earliest date of its documents; a node at the
//! earliest of its documents' dates, its deployment date and the start of its
//! edges (an edge never shows before its ends). Elements with no date at all
//! have no spell and are always shown.
//!
//! Text: every string loses the characters XML 1.0 forbids
//! ([`xml_clean`]); values sit in attributes, which quick-xml escapes
//! (newline and tab as `&#10;`/`&#9;`), so Gephi's text splitting (§3.3)
//! never applies.

use super::Detail;
use super::record::{Carried, EDGE_FIELDS, Field, NODE_FIELDS, Value, applies, carried};
use super::sink::{Digits, Pass};
use super::style::{kind_style, node_size, number, relation_style, rgb};
use super::xml::{evidence_json, json_list, xml_clean};
use crate::graph::{DocList, Documents, Edge, EntityGraph, GENERATOR, Kind, Node, NodeId};
use crate::period::{Day, parse_period};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::BTreeMap;
use std::io::{self, Write};

const NS: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";

/// The GEXF `viz:shape` of a kind.
fn viz_shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "disc",
        Kind::Organization | Kind::Treaty => "square",
        Kind::Country => "diamond",
        Kind::Place => "triangle",
        Kind::Deployment => "square",
    }
}

/// A field's value as GEXF writes it in an `<attvalue>`: lists and evidence
/// as JSON text, scalars as their text, `None` when absent.
fn attvalue(docs: &Documents, value: Value<'_>) -> Option<String> {
    let mut json = Vec::new();
    match value {
        Value::Absent => return None,
        Value::List(items) => Pass::hold(|pass| json_list(&mut json, items.iter(docs), pass)),
        Value::Evidence(ev) => Pass::hold(|pass| evidence_json(&mut json, docs, ev, true, pass)),
        scalar => return scalar.scalar(&mut Digits::new()).map(str::to_string),
    }
    Some(String::from_utf8(json).expect("JSON text is UTF-8"))
}

/// When each edge (by position) and each node (by id) first appears.
struct Timeline<'a> {
    edges: Vec<Option<Day>>,
    nodes: BTreeMap<&'a NodeId, Day>,
}

fn earliest(a: Option<Day>, b: Option<Day>) -> Option<Day> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl<'a> Timeline<'a> {
    fn new(graph: &'a EntityGraph) -> Timeline<'a> {
        // By document index.
        let doc_day: Vec<Option<Day>> = graph
            .documents()
            .iter()
            .map(|d| Some(parse_period(d.date?)?.start))
            .collect();
        let docs_start = |docs: &DocList| {
            docs.iter()
                .filter_map(|d| doc_day.get(d as usize).copied().flatten())
                .min()
        };
        let edges: Vec<Option<Day>> = graph
            .edges()
            .map(|e| match e.date.as_deref().and_then(parse_period) {
                Some(p) => Some(p.start),
                None => docs_start(&e.documents),
            })
            .collect();
        let mut nodes: BTreeMap<&NodeId, Day> = BTreeMap::new();
        for n in graph.nodes() {
            let own = n
                .deployment
                .as_ref()
                .and_then(|d| d.date.as_deref())
                .and_then(parse_period)
                .map(|p| p.start);
            if let Some(day) = earliest(own, docs_start(&n.documents)) {
                nodes.insert(&n.id, day);
            }
        }
        for (e, day) in graph.edges().zip(&edges) {
            for end in [&e.source, &e.target] {
                if let Some(day) = *day {
                    let entry = nodes.entry(end).or_insert(day);
                    *entry = (*entry).min(day);
                }
            }
        }
        Timeline { edges, nodes }
    }
}

struct GexfWriter<'w> {
    xml: Writer<&'w mut dyn Write>,
    detail: Detail,
}

impl GexfWriter<'_> {
    fn event<'a>(&mut self, e: impl Into<Event<'a>>) -> io::Result<()> {
        self.xml.write_event(e)
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.event(Event::Start(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.event(Event::Empty(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.event(Event::End(BytesEnd::new(name)))
    }

    fn text_element(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name, &[])?;
        self.event(Event::Text(BytesText::new(&xml_clean(text))))?;
        self.end(name)
    }

    /// The `<attributes>` of the fields of one table GEXF carries.
    fn declarations<R>(
        &mut self,
        class: &str,
        fields: &'static [Field<R>],
        detail: Detail,
    ) -> io::Result<()> {
        self.start("attributes", &[("class", class), ("mode", "static")])?;
        for f in carried(fields, Carried::GEXF, detail) {
            let id = f.gexf_name;
            self.empty(
                "attribute",
                &[("id", id), ("title", id), ("type", f.ty.gexf())],
            )?;
        }
        self.end("attributes")
    }

    /// `<attvalues>` with the present values, in declaration order.
    fn attvalues(&mut self, values: &[(&str, Option<String>)]) -> io::Result<()> {
        self.start("attvalues", &[])?;
        for (key, value) in values {
            if let Some(v) = value {
                self.empty("attvalue", &[("for", key), ("value", &xml_clean(v))])?;
            }
        }
        self.end("attvalues")
    }

    fn spell(&mut self, day: Option<Day>) -> io::Result<()> {
        if let Some(day) = day {
            self.start("spells", &[])?;
            self.empty("spell", &[("start", &day.to_string())])?;
            self.end("spells")?;
        }
        Ok(())
    }

    fn color(&mut self, hex: &str) -> io::Result<()> {
        let (r, g, b) = rgb(hex);
        self.empty(
            "viz:color",
            &[
                ("r", &r.to_string()),
                ("g", &g.to_string()),
                ("b", &b.to_string()),
            ],
        )
    }

    fn node(&mut self, docs: &Documents, n: &Node, day: Option<Day>) -> io::Result<()> {
        let id = xml_clean(n.id.as_str());
        let label = xml_clean(&n.label);
        self.start("node", &[("id", &id), ("label", &label)])?;
        let values: Vec<(&str, Option<String>)> = carried(NODE_FIELDS, Carried::GEXF, self.detail)
            .into_iter()
            .filter(|f| applies(f, n))
            .map(|f| (f.gexf_name, attvalue(docs, f.value(n, self.detail))))
            .collect();
        self.attvalues(&values)?;
        self.spell(day)?;
        self.color(kind_style(n.kind).color)?;
        self.empty("viz:size", &[("value", &number(node_size(n.mentions)))])?;
        self.empty("viz:shape", &[("value", viz_shape(n.kind))])?;
        self.end("node")
    }

    fn edge(
        &mut self,
        docs: &Documents,
        index: usize,
        e: &Edge,
        day: Option<Day>,
    ) -> io::Result<()> {
        let id = format!("e{index}");
        let (source, target) = (xml_clean(e.source.as_str()), xml_clean(e.target.as_str()));
        // u64 -> f64 is exact up to 2^53 and always finite.
        let weight = (e.weight as f64).to_string();
        let relation = e.relation.as_str();
        self.start(
            "edge",
            &[
                ("id", &id),
                ("source", &source),
                ("target", &target),
                ("kind", relation),
                ("label", relation),
                ("weight", &weight),
            ],
        )?;
        let values: Vec<(&str, Option<String>)> = carried(EDGE_FIELDS, Carried::GEXF, self.detail)
            .into_iter()
            .map(|f| (f.gexf_name, attvalue(docs, f.value(e, self.detail))))
            .collect();
        self.attvalues(&values)?;
        self.spell(day)?;
        let style = relation_style(e.relation);
        self.color(style.color)?;
        let thickness = number(1.0 + (e.weight.max(1) as f64).log2());
        self.empty("viz:thickness", &[("value", &thickness)])?;
        self.empty("viz:shape", &[("value", style.line)])?;
        self.end("edge")
    }
}

/// Writes `graph` as GEXF 1.3 (see the module doc for the mapping).
///
/// # Errors
/// Whatever `out` returns.
pub fn write_gexf(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let timeline = Timeline::new(graph);
    let mut w = GexfWriter {
        xml: Writer::new_with_indent(&mut *out, b' ', 2),
        detail,
    };
    w.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.start(
        "gexf",
        &[("xmlns", NS), ("xmlns:viz", VIZ), ("version", "1.3")],
    )?;
    w.start("meta", &[])?;
    w.text_element("creator", GENERATOR)?;
    w.text_element(
        "description",
        "entity-relationship graph of news articles; edge kind = relation",
    )?;
    w.end("meta")?;
    w.start(
        "graph",
        &[
            ("defaultedgetype", "directed"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
        ],
    )?;
    w.declarations("node", NODE_FIELDS, detail)?;
    w.declarations("edge", EDGE_FIELDS, detail)?;
    let count = graph.node_count().to_string();
    w.start("nodes", &[("count", &count)])?;
    for n in graph.nodes() {
        w.node(graph.documents(), n, timeline.nodes.get(&n.id).copied())?;
    }
    w.end("nodes")?;
    let count = graph.edge_count().to_string();
    w.start("edges", &[("count", &count)])?;
    for (i, e) in graph.edges().enumerate() {
        w.edge(graph.documents(), i, e, timeline.edges[i])?;
    }
    w.end("edges")?;
    w.end("graph")?;
    w.end("gexf")?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    fn render(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        write_gexf(g, Detail::default(), &mut buf).expect("writing to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    fn line_of<'a>(text: &'a str, needle: &str) -> &'a str {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}"))
    }

    #[test]
    fn root_is_gexf_1_3_without_schema_location() {
        let x = render(&sample_graph());
        assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"));
        assert!(!x.contains("schemaLocation"));
        assert!(x.ends_with("</gexf>\n"));
        assert!(
            x.contains(r#"<graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#)
        );
        assert_eq!(x, render(&sample_graph()));
    }

    #[test]
    fn edges_carry_relation_as_kind_and_label() {
        let x = render(&sample_graph());
        let met = line_of(&x, r#"kind="met""#);
        assert!(met.contains(r#"source="person:sergei-shoigu" target="person:kim-jong-un""#));
        assert!(met.contains(r#"label="met" weight="4""#));
        let agreed = x
            .lines()
            .filter(|l| l.contains("<edge ") && l.contains(r#"kind="agreed""#))
            .count();
        assert_eq!(agreed, 2);
        assert_eq!(
            x.matches("<edge ").count(),
            sample_graph().edge_count(),
            "one edge element per edge"
        );
        assert!(
            x.contains(r#"<viz:shape value="dashed"/>"#),
            "reported is dashed"
        );
    }

    #[test]
    fn nodes_have_rgb_colour_and_size_never_hex() {
        let x = render(&sample_graph());
        assert!(!x.contains("hex="));
        let (r, g, b) = rgb(kind_style(Kind::Person).color);
        assert!(x.contains(&format!(r#"<viz:color r="{r}" g="{g}" b="{b}"/>"#)));
        assert!(x.contains(&format!(r#"<viz:size value="{}"/>"#, number(node_size(14)))));
    }

    #[test]
    fn dates_become_open_spells_from_the_first_known_day() {
        let x = render(&sample_graph());
        // The agreed edge has its own date.
        let agreed_at = x
            .find(r#"kind="agreed" label="agreed" weight="1">"#)
            .expect("agreed");
        let after = &x[agreed_at..];
        let spell = after.find("<spell ").expect("spell");
        assert!(after[spell..].starts_with(r#"<spell start="2025-06-17"/>"#));
        // The deployment dated 2025-09 starts on the first of the month at
        // the latest; doc1 (2025-06-17) mentions it, so it starts then.
        assert!(!x.contains(r#"start="2025-09""#));
        assert!(!x.contains("end="), "spells stay open");
        // Every spell start is a full xsd:date.
        for (i, _) in x.match_indices("start=\"") {
            let v = &x[i + 7..i + 17];
            assert!(parse_period(v).is_some() && v.len() == 10, "{v}");
        }
    }

    #[test]
    fn undated_graph_has_no_spells() {
        let (nodes, mut edges, mut docs) = sample_graph().into_parts();
        for d in &mut docs {
            d.date = None;
        }
        for e in &mut edges {
            e.date = None;
        }
        let nodes = nodes
            .into_iter()
            .map(|mut n| {
                if let Some(d) = &mut n.deployment {
                    d.date = None;
                }
                n
            })
            .collect();
        let x = render(&EntityGraph::from_parts(nodes, edges, docs));
        assert!(!x.contains("<spell"));
    }

    #[test]
    fn edge_spell_pulls_its_nodes_earlier() {
        let (nodes, mut edges, docs) = sample_graph().into_parts();
        for e in &mut edges {
            if e.relation == crate::graph::Relation::Met {
                e.date = Some("2024".to_string());
            }
        }
        let g = EntityGraph::from_parts(nodes, edges, docs);
        let t = Timeline::new(&g);
        let kim = g
            .nodes()
            .find(|n| n.id.as_str() == "person:kim-jong-un")
            .expect("kim");
        assert_eq!(t.nodes[&kim.id].to_string(), "2024-01-01");
    }

    #[test]
    fn values_are_attributes_with_lists_as_json() {
        let x = render(&sample_graph());
        assert!(x.contains(
            r#"<attvalue for="aliases" value="[&quot;Kim&quot;,&quot;Kim Jong-un&quot;,&quot;김정은&quot;]"/>"#
        ));
        assert!(x.contains(r#"<attribute id="aliases" title="aliases" type="liststring"/>"#));
        // XML-illegal characters are gone; evidence is a JSON string.
        assert!(!x.contains('\u{7}') && !x.contains('\u{c}'));
        assert!(x.contains(r#"Pyongyang.\nLine two \&quot;quoted\&quot;"#));
    }
}
