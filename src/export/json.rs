//! JSON export (`graph.json`): the GRAPH.md node-link shape, read as it is by
//! d3-force (`forceLink().id(d => d.id)`) and networkx 3.4 or later
//! (`node_link_graph(data, edges="links")`).
//!
//! Comes in: a finished [`EntityGraph`] (already sorted). Goes out: one
//! pretty-printed UTF-8 document (2-space indent, no BOM, `\n` line endings, a
//! final newline). Field order follows GRAPH.md and is fixed by the record
//! tables of [`super::record`], so the same graph always gives the same bytes.
//!
//! How GRAPH.md maps onto JSON:
//! - top level: `directed` (always true), `multigraph` (always true), `graph`,
//!   `nodes`, `links` (d3's name; networkx needs `edges="links"`);
//! - `graph`: `generator`, `documents` (`id`, `path`, `date`, `title`, `url`),
//!   `relations` and `kinds` (those used, in GRAPH.md order), `estimates`
//!   (`id`, `members`, `from`, `to`, `category`, `low`, `high`, `agree`);
//! - node: `id`, `label`, `kind`, `aliases`, `mentions`, `documents`, `roles`,
//!   then on deployment nodes only `count`, `count_max`, `approximate`,
//!   `unit`, `category`, `status`, `from`, `to`, `date`, and `estimate` on
//!   the members of an estimate group;
//! - link: `source`, `target`, `key`, `relation`, `symmetric`, `weight`,
//!   `documents`, `evidence` (`document`, `text`, `start`, `end`), then the
//!   optional `date`, `place` and `reported_by`.
//!
//! `null` or omitted: a field that belongs to every record of its type is
//! always written, as `null` when the text gave no value (a document's `date`,
//! `title` and `url`; a deployment's `count_max`, `from`, `to` and `date`).
//! Lists are always written, possibly empty, except on links. The optional link
//! fields of GRAPH.md (`date`, `place`, `reported_by`) are omitted when absent
//! (`reported_by` when empty), so most links stay short. Fields that only
//! deployment nodes have are absent from other nodes, never `null`.
//!
//! No node has a field named `x`, `y`, `vx`, `vy`, `fx`, `fy` or `index`: d3
//! uses them for layout. Strings are written exactly as they are in the graph
//! (serde_json escapes control characters); integers are written in full, so
//! JavaScript readers lose precision only above 2^53.

use super::Detail;
use super::pretty::PrettyJson;
#[cfg(test)]
use super::record::JsonRecord;
use super::record::{EDGE_FIELDS, Field, NODE_FIELDS, Value, applies, json_fields};
use crate::graph::{DocRef, Documents, Edge, EntityGraph, GENERATOR, Node};
use serde::Serialize;
use std::io::{self, Write};

/// The whole document (as serde records: what [`write_json`] writes).
#[cfg(test)]
#[derive(Serialize)]
#[serde(bound(serialize = "Seq<N>: Serialize, Seq<L>: Serialize"))]
struct JsonGraph<'a, N, L> {
    directed: bool,
    multigraph: bool,
    graph: JsonMeta<'a>,
    nodes: Seq<N>,
    links: Seq<L>,
}

/// A list serialized straight from an iterator: the records are made one at
/// a time as they are written, never collected.
#[cfg(test)]
pub(crate) struct Seq<I>(pub I);

#[cfg(test)]
impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// The `graph` object: what the graph records of itself.
#[cfg(test)]
#[derive(Serialize)]
struct JsonMeta<'a> {
    generator: &'static str,
    documents: JsonDocuments<'a>,
    relations: Vec<&'static str>,
    kinds: Vec<&'static str>,
    estimates: Vec<crate::graph::Estimate>,
}

/// One entry of `graph.documents`; also used by the GraphML `documents` value.
#[derive(Serialize)]
pub(crate) struct JsonDocument<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub date: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> JsonDocument<'a> {
    pub(crate) fn new(d: DocRef<'a>) -> Self {
        JsonDocument {
            id: d.id,
            path: d.path,
            date: d.date,
            title: d.title,
            url: d.url,
        }
    }
}

/// Every document of the table as [`JsonDocument`]s, written as they are
/// read (a graph of 1 GB of news has 400,000).
pub(crate) struct JsonDocuments<'a>(pub &'a Documents);

impl Serialize for JsonDocuments<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(JsonDocument::new))
    }
}

/// Writes `graph` as GRAPH.md node-link JSON, pretty-printed, with a final newline.
///
/// Written key by key with [`PrettyJson`] rather than through serde: the
/// bytes are those `to_writer_pretty` gives for the serde records
/// ([`JsonGraph`], and [`JsonRecord`], which the Cytoscape export
/// serialises; a test holds the two together), at a fraction of the cost.
///
/// # Errors
/// Whatever `out` returns.
pub fn write_json(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let docs = graph.documents();
    let mut w = PrettyJson::new(out);
    w.open(b'{');
    w.bool_field("directed", true);
    w.bool_field("multigraph", true);
    w.key("graph");
    w.open(b'{');
    w.str_field("generator", GENERATOR);
    w.key("documents");
    w.records(docs.iter(), |w, d| {
        w.open(b'{');
        w.str_field("id", d.id);
        w.str_field("path", d.path);
        w.opt_str_field("date", d.date);
        w.opt_str_field("title", d.title);
        w.opt_str_field("url", d.url);
        w.close(b'}');
        Ok(())
    })?;
    w.strs_field(
        "relations",
        graph.relations_used().into_iter().map(|r| r.as_str()),
    )?;
    w.strs_field("kinds", graph.kinds_used().into_iter().map(|k| k.as_str()))?;
    w.key("estimates");
    w.records(graph.estimates().iter(), write_estimate)?;
    w.close(b'}');
    // Nodes and links a block at a time on every thread.
    let g = graph.petgraph();
    w.key("nodes");
    w.par_records(
        g.raw_nodes(),
        PER_BLOCK,
        |n| n.weight.export_weight(),
        |w, n| write_node(w, docs, detail, &n.weight),
        |w, n| write_node(w, docs, detail, &n.weight),
    )?;
    w.key("links");
    w.par_records(
        g.raw_edges(),
        PER_BLOCK,
        |e| e.weight.export_weight(),
        |w, e| write_link(w, docs, detail, &e.weight),
        |w, e| write_link(w, docs, detail, &e.weight),
    )?;
    w.close(b'}');
    w.finish(b"\n")
}

/// Nodes or links written together on one thread: a few dozen kilobytes.
const PER_BLOCK: usize = 32;

/// One node object (see [`write_record`]).
fn write_node<W: Write>(
    w: &mut PrettyJson<W>,
    docs: &Documents,
    detail: Detail,
    n: &Node,
) -> io::Result<()> {
    write_record(w, docs, NODE_FIELDS, n, detail, |f| applies(f, n))
}

/// One link object (see [`write_record`]).
fn write_link<W: Write>(
    w: &mut PrettyJson<W>,
    docs: &Documents,
    detail: Detail,
    e: &Edge,
) -> io::Result<()> {
    write_record(w, docs, EDGE_FIELDS, e, detail, |_| true)
}

/// One node or link object: the fields of the record table JSON carries,
/// in its order (see [`super::record`]), passed on as it is written unless
/// `w` gathers a block in memory.
///
/// # Errors
/// Whatever the writer returns.
fn write_record<W: Write, R>(
    w: &mut PrettyJson<W>,
    docs: &Documents,
    fields: &'static [Field<R>],
    record: &R,
    detail: Detail,
    applies: impl Fn(&Field<R>) -> bool,
) -> io::Result<()> {
    w.open(b'{');
    for (f, value) in json_fields(fields, record, detail, applies) {
        w.key(f.name);
        match value {
            Value::Absent => w.null(),
            Value::Str(s) => w.str(s),
            Value::U64(n) => w.u64(n),
            Value::Bool(b) => w.bool(b),
            Value::List(items) => w.strs(items.iter(docs))?,
            Value::Evidence(evidence) => {
                w.open(b'[');
                for ev in evidence {
                    w.element();
                    w.open(b'{');
                    w.str_field("document", docs.id(ev.document));
                    w.str_field("text", &ev.text.get());
                    w.u64_field("start", ev.start as u64);
                    w.u64_field("end", ev.end as u64);
                    w.close(b'}');
                    w.spill()?;
                }
                w.close(b']');
            }
        }
    }
    w.close(b'}');
    Ok(())
}

/// One entry of `graph.estimates`, the fields of [`crate::graph::Estimate`]
/// in its order.
fn write_estimate<W: Write>(w: &mut PrettyJson<W>, g: &crate::graph::Estimate) -> io::Result<()> {
    w.open(b'{');
    w.str_field("id", &g.id);
    w.strs_field("members", g.members.iter().map(|m| m.as_str()))?;
    w.opt_str_field("from", g.from.as_ref().map(|id| id.as_str()));
    w.opt_str_field("to", g.to.as_ref().map(|id| id.as_str()));
    w.str_field("category", g.category.as_str());
    w.u64_field("low", g.low);
    w.u64_field("high", g.high);
    w.bool_field("agree", g.agree);
    w.close(b'}');
    Ok(())
}

/// The whole document as serde records: what [`write_json`] writes, for the
/// test that holds the two together.
#[cfg(test)]
fn json_graph(
    graph: &EntityGraph,
) -> JsonGraph<
    '_,
    impl Iterator<Item = JsonRecord<'_, Node>> + Clone,
    impl Iterator<Item = JsonRecord<'_, Edge>> + Clone,
> {
    JsonGraph {
        directed: true,
        multigraph: true,
        graph: JsonMeta {
            generator: GENERATOR,
            documents: JsonDocuments(graph.documents()),
            relations: graph
                .relations_used()
                .into_iter()
                .map(|r| r.as_str())
                .collect(),
            kinds: graph.kinds_used().into_iter().map(|k| k.as_str()).collect(),
            estimates: graph.estimates(),
        },
        nodes: Seq(graph.nodes().map(|n| JsonRecord {
            docs: graph.documents(),
            record: n,
            detail: Detail::default(),
        })),
        links: Seq(graph.edges().map(|e| JsonRecord {
            docs: graph.documents(),
            record: e,
            detail: Detail::default(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Evidence, NodeId};
    use serde_json::Value;

    use crate::export::sample::sample_graph;

    fn id(s: &str) -> NodeId {
        NodeId(s.into())
    }

    fn render(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        write_json(g, Detail::default(), &mut buf).expect("writing to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    fn parsed() -> Value {
        serde_json::from_str(&render(&sample_graph())).expect("valid JSON")
    }

    /// A JSON value whose objects keep their key order (serde_json's `Value`
    /// sorts keys without the `preserve_order` feature).
    #[derive(Debug)]
    enum Ordered {
        Object(Vec<(String, Ordered)>),
        Array(Vec<Ordered>),
        Scalar,
    }

    impl<'de> serde::Deserialize<'de> for Ordered {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(OrderedVisitor)
        }
    }

    struct OrderedVisitor;

    impl<'de> serde::de::Visitor<'de> for OrderedVisitor {
        type Value = Ordered;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_unit<E>(self) -> Result<Ordered, E> {
            Ok(Ordered::Scalar)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Ordered, A::Error> {
            let mut items = Vec::new();
            while let Some(v) = a.next_element()? {
                items.push(v);
            }
            Ok(Ordered::Array(items))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
            let mut entries = Vec::new();
            while let Some(entry) = m.next_entry()? {
                entries.push(entry);
            }
            Ok(Ordered::Object(entries))
        }
    }

    impl Ordered {
        fn get(&self, key: &str) -> &Ordered {
            match self {
                Ordered::Object(entries) => &entries.iter().find(|(k, _)| k == key).expect(key).1,
                _ => panic!("not an object: {key}"),
            }
        }
        fn at(&self, i: usize) -> &Ordered {
            match self {
                Ordered::Array(items) => &items[i],
                _ => panic!("not an array"),
            }
        }
        fn keys(&self) -> Vec<&str> {
            match self {
                Ordered::Object(entries) => entries.iter().map(|(k, _)| k.as_str()).collect(),
                _ => panic!("not an object"),
            }
        }
    }

    fn ordered() -> Ordered {
        serde_json::from_str(&render(&sample_graph())).expect("valid JSON")
    }

    /// Key order of the `i`-th node or link (`what` = "nodes" or "links").
    fn keys_of(what: &str, i: usize) -> Vec<String> {
        ordered()
            .get(what)
            .at(i)
            .keys()
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn position(v: &Value, what: &str, pred: impl Fn(&Value) -> bool) -> usize {
        v[what]
            .as_array()
            .expect(what)
            .iter()
            .position(pred)
            .expect("present")
    }

    #[test]
    fn top_level_is_node_link_shape() {
        let v = parsed();
        let o = ordered();
        assert_eq!(
            o.keys(),
            ["directed", "multigraph", "graph", "nodes", "links"]
        );
        assert_eq!(v["directed"], true);
        assert_eq!(v["multigraph"], true);
        assert_eq!(
            o.get("graph").keys(),
            ["generator", "documents", "relations", "kinds", "estimates"]
        );
        assert_eq!(v["graph"]["generator"], GENERATOR);
        assert_eq!(
            v["graph"]["relations"],
            serde_json::json!(["met", "agreed", "sent", "reported", "deployed_to"])
        );
        assert_eq!(
            v["graph"]["kinds"],
            serde_json::json!([
                "person",
                "organization",
                "country",
                "place",
                "treaty",
                "deployment"
            ])
        );
        assert_eq!(v["nodes"].as_array().map(Vec::len), Some(7));
        assert_eq!(v["links"].as_array().map(Vec::len), Some(6));
    }

    #[test]
    fn documents_are_sorted_and_absent_values_are_null() {
        let v = parsed();
        let docs = &v["graph"]["documents"];
        assert_eq!(docs[0]["id"], "doc0");
        let o = ordered();
        assert_eq!(
            o.get("graph").get("documents").at(0).keys(),
            ["id", "path", "date", "title", "url"]
        );
        assert!(
            docs[0]["date"].is_null() && docs[0]["title"].is_null() && docs[0]["url"].is_null()
        );
        assert_eq!(docs[1]["title"], "Shoigu \"visits\" Pyongyang & more");
    }

    #[test]
    fn plain_nodes_have_no_deployment_fields() {
        let v = parsed();
        let i = position(&v, "nodes", |n| n["id"] == "person:kim-jong-un");
        let kim = &v["nodes"][i];
        assert_eq!(
            keys_of("nodes", i),
            [
                "id",
                "label",
                "kind",
                "aliases",
                "mentions",
                "documents",
                "roles"
            ]
        );
        for (j, n) in v["nodes"].as_array().expect("nodes").iter().enumerate() {
            if n["kind"] != "deployment" {
                assert_eq!(keys_of("nodes", j).len(), 7, "{}", n["id"]);
            }
        }
        assert_eq!(
            kim["aliases"],
            serde_json::json!(["Kim", "Kim Jong-un", "김정은"])
        );
        assert_eq!(kim["roles"], serde_json::json!(["leader"]));
        assert_eq!(kim["mentions"], 14);
    }

    #[test]
    fn deployment_nodes_carry_every_deployment_field_with_nulls() {
        let v = parsed();
        let i = position(&v, "nodes", |n| n["kind"] == "deployment");
        let d = &v["nodes"][i];
        assert_eq!(
            keys_of("nodes", i),
            [
                "id",
                "label",
                "kind",
                "aliases",
                "mentions",
                "documents",
                "roles",
                "count",
                "count_max",
                "approximate",
                "unit",
                "category",
                "status",
                "from",
                "to",
                "date"
            ]
        );
        assert_eq!(d["count"], 5000);
        assert!(d["count_max"].is_null());
        assert!(d["to"].is_null());
        assert_eq!(d["from"], "country:north-korea");
        assert_eq!(d["approximate"], true);
        assert_eq!(d["category"], "personnel");
        assert_eq!(d["status"], "planned");
    }

    #[test]
    fn no_node_has_a_d3_layout_field() {
        let v = parsed();
        for n in v["nodes"].as_array().expect("nodes") {
            for k in ["x", "y", "vx", "vy", "fx", "fy", "index"] {
                assert!(n.get(k).is_none(), "node {} has {k}", n["id"]);
            }
        }
    }

    #[test]
    fn links_keep_parallel_edges_and_omit_absent_optionals() {
        let v = parsed();
        let links = v["links"].as_array().expect("links");
        let pair: Vec<usize> = (0..links.len())
            .filter(|&i| {
                links[i]["source"] == "person:sergei-shoigu"
                    && links[i]["target"] == "person:kim-jong-un"
            })
            .collect();
        let (met, agreed) = (pair[0], pair[1]);
        let pair = [&links[met], &links[agreed]];
        assert_eq!(pair.len(), 2);
        assert_eq!(
            (pair[0]["relation"].as_str(), pair[0]["key"].as_u64()),
            (Some("met"), Some(0))
        );
        assert_eq!(
            (pair[1]["relation"].as_str(), pair[1]["key"].as_u64()),
            (Some("agreed"), Some(1))
        );
        assert_eq!(
            keys_of("links", met),
            [
                "source",
                "target",
                "key",
                "relation",
                "symmetric",
                "weight",
                "documents",
                "evidence",
                "place"
            ]
        );
        assert_eq!(
            keys_of("links", agreed),
            [
                "source",
                "target",
                "key",
                "relation",
                "symmetric",
                "weight",
                "documents",
                "evidence",
                "date"
            ]
        );
        assert_eq!(
            pair[0]["evidence"][0]["text"],
            "Shoigu met Kim in Pyongyang.\nLine two \"quoted\" \\ & <x>"
        );
        assert_eq!(
            ordered().get("links").at(met).get("evidence").at(0).keys(),
            ["document", "text", "start", "end"]
        );
        let sent = links
            .iter()
            .find(|l| l["relation"] == "sent")
            .expect("sent");
        assert_eq!(sent["reported_by"], serde_json::json!(["organization:nis"]));
        let selfloop = links
            .iter()
            .find(|l| l["relation"] == "reported")
            .expect("loop");
        assert_eq!(selfloop["source"], selfloop["target"]);
    }

    #[test]
    fn labels_round_trip_exactly() {
        let g = sample_graph();
        let v: Value = serde_json::from_str(&render(&g)).expect("valid JSON");
        for (n, j) in g.nodes().zip(v["nodes"].as_array().expect("nodes")) {
            assert_eq!(j["label"].as_str(), Some(n.label.as_str()));
        }
    }

    #[test]
    fn output_is_pretty_stable_and_ends_with_newline() {
        let a = render(&sample_graph());
        assert_eq!(a, render(&sample_graph()));
        assert!(a.starts_with("{\n  \"directed\": true,\n"));
        assert!(a.ends_with("}\n") && !a.ends_with("\n\n"));
        assert!(!a.starts_with('\u{feff}'));
    }

    /// What serde_json writes for the serde records of `g`.
    fn render_with_serde(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        crate::export::pretty::to_writer_pretty(&mut buf, &json_graph(g)).expect("a Vec");
        buf.push(b'\n');
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn the_direct_writer_writes_serde_jsons_bytes() {
        let mut g = sample_graph();
        assert_eq!(render(&g), render_with_serde(&g));
        assert_eq!(
            render(&EntityGraph::default()),
            render_with_serde(&EntityGraph::default())
        );
        // Controls, quotes, `</script>` and long text in every kind of string,
        // with a deployment that has every optional value and one without.
        let odd = "\u{0}\u{1f}\u{7f} \"q\" \\ </script> \u{2028} é 😀\r\n\t\u{8}\u{c}";
        let mut nodes: Vec<Node> = g.nodes().cloned().collect();
        let mut edges: Vec<Edge> = g.edges().cloned().collect();
        for n in &mut nodes {
            n.label = format!("{}{odd}", n.label);
            n.aliases.insert(odd.repeat(3));
            n.roles.insert(odd.to_string());
            if let Some(d) = &mut n.deployment {
                d.count_max = Some(u64::MAX);
                d.to = Some(id("place:kursk"));
                d.unit = odd.to_string();
            }
        }
        for e in &mut edges {
            e.weight = u64::MAX;
            e.evidence.push(Evidence {
                document: 1,
                start: usize::MAX,
                end: 0,
                text: format!("{}{odd}", "long ".repeat(40)).into(),
            });
        }
        let docs = g.documents().iter().map(|d| DocumentInfo {
            id: d.id.to_string(),
            path: format!("{}{odd}", d.path),
            date: d.date.map(str::to_string),
            title: Some(odd.to_string()),
            url: d.url.map(str::to_string),
        });
        g = EntityGraph::from_parts(nodes, edges, docs.collect());
        assert!(render(&g).contains("\\u0000"));
        assert_eq!(render(&g), render_with_serde(&g));
    }

    #[test]
    fn empty_graph_is_valid() {
        let v: Value = serde_json::from_str(&render(&EntityGraph::default())).expect("JSON");
        assert_eq!(v["nodes"], serde_json::json!([]));
        assert_eq!(v["links"], serde_json::json!([]));
    }
}
