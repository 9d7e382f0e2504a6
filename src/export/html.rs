//! The browser page (`graph.html`, `-f html`): one self-contained file that
//! works with no network, drawing the graph with Cytoscape.js, with search,
//! filters by kind and relation, and a side panel that shows a clicked
//! edge's evidence sentences, sources and documents (or a clicked node's
//! aliases, documents and relations).
//!
//! Big graphs open on an overview, which the page announces in its
//! `#notice` bar: the 150 most mentioned entities and their heaviest
//! relations; search, the node panel and the "Show" choice (`#show-count`)
//! reach the rest. `assets/viewer.js` lays the drawn part out with its own
//! force layout and thins out labels so that none overlaps another; see its
//! header. The payload is the same for every size: the whole graph.
//!
//! Comes in: a finished [`EntityGraph`]. Goes out: one UTF-8 HTML5 document
//! holding, in this order, `assets/viewer.css`, the graph as Cytoscape.js
//! elements JSON (the `-f cyjs` document) plus the palette of
//! [`super::style`] in a `<script type="application/json">` block,
//! `assets/cytoscape.min.js` (vendored, licence header kept) and
//! `assets/viewer.js`. All three assets are compiled into the binary.
//!
//! The embedded JSON cannot end its `<script>` element early: every `<`, `>`
//! and `&` in it is written as a JSON `\u` escape ([`script_json`]), so
//! `</script>` or `<!--` in a label or an evidence sentence stays text, and
//! `JSON.parse` gives back the exact strings.

use super::Detail;
use super::cyjs::cy_graph;
use super::style::{kind_style, relation_style};
use crate::graph::{EntityGraph, GENERATOR, Kind, Relation};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

const CYTOSCAPE_JS: &str = include_str!("../../assets/cytoscape.min.js");
const VIEWER_JS: &str = include_str!("../../assets/viewer.js");
const VIEWER_CSS: &str = include_str!("../../assets/viewer.css");

#[derive(Serialize)]
struct KindLook {
    color: &'static str,
    fill: &'static str,
    shape: &'static str,
}

#[derive(Serialize)]
struct RelationLook {
    color: &'static str,
    line: &'static str,
    legend: &'static str,
}

#[derive(Serialize)]
struct Payload<'a> {
    generator: &'static str,
    kinds: BTreeMap<&'static str, KindLook>,
    relations: BTreeMap<&'static str, RelationLook>,
    /// Kind and relation names in GRAPH.md order, for the filter lists.
    kind_order: Vec<&'static str>,
    relation_order: Vec<&'static str>,
    graph: super::cyjs::CyGraph<'a>,
}

/// `value` as JSON that is safe inside a `<script>` element: `<`, `>` and
/// `&` (which only occur inside JSON strings) become `\u003c`, `\u003e`,
/// `\u0026`; U+2028 and U+2029 become `\u2028`, `\u2029`.
///
/// ```
/// use ergraph::export::html::script_json;
/// let s = script_json(&"</script><!-- & \u{2028}").unwrap();
/// assert_eq!(s, r#""\u003c/script\u003e\u003c!-- \u0026 \u2028""#);
/// assert_eq!(serde_json::from_str::<String>(&s).unwrap(), "</script><!-- & \u{2028}");
/// ```
///
/// # Errors
/// A serialisation error (none for the graph's plain strings and numbers).
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let raw = serde_json::to_string(value)?;
    let mut out = String::with_capacity(raw.len() + raw.len() / 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Writes the self-contained viewer page for `graph`.
///
/// # Errors
/// Whatever `out` returns.
pub fn write_html(graph: &EntityGraph, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let payload = Payload {
        generator: GENERATOR,
        kinds: Kind::ALL
            .into_iter()
            .map(|k| {
                let s = kind_style(k);
                (
                    k.as_str(),
                    KindLook {
                        color: s.color,
                        fill: s.fill,
                        shape: s.web_shape,
                    },
                )
            })
            .collect(),
        relations: Relation::ALL
            .into_iter()
            .map(|r| {
                let s = relation_style(r);
                (
                    r.as_str(),
                    RelationLook {
                        color: s.color,
                        line: s.line,
                        legend: s.legend,
                    },
                )
            })
            .collect(),
        kind_order: Kind::ALL.iter().map(|k| k.as_str()).collect(),
        relation_order: Relation::ALL.iter().map(|r| r.as_str()).collect(),
        graph: cy_graph(graph, detail),
    };
    let data = script_json(&payload).map_err(io::Error::from)?;
    let title = format!(
        "ergraph: {} entities, {} relations",
        graph.node_count(),
        graph.edge_count()
    );
    write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<title>{title}</title>
<style>
{VIEWER_CSS}</style>
</head>
<body>
<header id="bar">
  <strong class="brand">ergraph</strong>
  <input id="search" type="search" placeholder="Search entities (label or alias)" autocomplete="off" aria-label="Search entities">
  <span id="search-count" aria-live="polite"></span>
  <div id="search-results" role="listbox" aria-label="Matching entities" hidden></div>
  <button id="fit" type="button">Fit</button>
  <label class="check"><input id="isolated" type="checkbox"> hide isolated</label>
  <label class="check">Show <select id="show-count" aria-label="How many entities are drawn"></select></label>
</header>
<main>
  <nav id="filters" aria-label="Filters">
    <h2>Kinds</h2>
    <div id="kind-filters"></div>
    <h2>Relations</h2>
    <div id="relation-filters"></div>
  </nav>
  <div id="stage">
    <div id="notice" aria-live="polite" hidden></div>
    <div id="cy" role="img" aria-label="Graph"></div>
  </div>
  <aside id="panel" aria-live="polite"></aside>
</main>
<script id="ergraph-data" type="application/json">{data}</script>
<script>
{CYTOSCAPE_JS}
</script>
<script>
{VIEWER_JS}</script>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::sample_graph;

    fn render(g: &EntityGraph) -> String {
        let mut buf = Vec::new();
        write_html(g, Detail::default(), &mut buf).expect("write");
        String::from_utf8(buf).expect("UTF-8")
    }

    fn embedded(page: &str) -> serde_json::Value {
        let start = page
            .find(r#"<script id="ergraph-data" type="application/json">"#)
            .expect("data block");
        let body = &page[start..];
        let open = body.find('>').expect(">") + 1;
        let close = body.find("</script>").expect("</script>");
        serde_json::from_str(&body[open..close]).expect("embedded JSON parses")
    }

    #[test]
    fn page_is_self_contained() {
        let page = render(&sample_graph());
        assert!(page.starts_with("<!DOCTYPE html>\n"));
        assert!(page.ends_with("</html>\n"));
        for remote in ["http://", "https://", "src=", "href="] {
            let outside_data: String = page
                .split(r#"<script id="ergraph-data""#)
                .next()
                .expect("head")
                .to_string();
            assert!(!outside_data.contains(remote), "{remote} before the data");
        }
        assert!(
            page.contains("Copyright (c) 2016-"),
            "cytoscape licence kept"
        );
        assert!(page.contains("cytoscape("), "viewer starts cytoscape");
    }

    #[test]
    fn page_has_the_overview_notice_and_show_choice() {
        let page = render(&sample_graph());
        let body = &page[page.find("<body>").expect("body")..page.find("<script").expect("script")];
        for id in ["notice", "show-count", "search-results", "cy", "panel"] {
            assert_eq!(
                body.matches(&format!(r#"id="{id}""#)).count(),
                1,
                "#{id} once"
            );
        }
        // The notice starts hidden: the viewer fills and shows it for an overview.
        assert!(body.contains(r#"<div id="notice" aria-live="polite" hidden></div>"#));
        assert!(
            page.contains("OVERVIEW_NODES"),
            "the viewer's overview code is embedded"
        );
    }

    #[test]
    fn labels_cannot_close_the_script_element() {
        let (mut nodes, edges, docs) = sample_graph().into_parts();
        nodes[0].label = "</script><script>alert(1)</script><!-- x".to_string();
        let label = nodes[0].label.clone();
        let g = EntityGraph::from_parts(nodes, edges, docs);
        let page = render(&g);
        assert!(!page.contains("alert(1)</script>"));
        // The data block ends exactly once, at its own </script>.
        let data_start = page.find("ergraph-data").expect("data");
        let rest = &page[data_start..];
        let end = rest.find("</script>").expect("end");
        assert!(!rest[..end].contains('<'));
        let v = embedded(&page);
        let found = v["graph"]["elements"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .any(|n| n["data"]["label"] == label.as_str());
        assert!(found, "the label reads back exactly");
    }

    #[test]
    fn payload_has_graph_and_palette() {
        let v = embedded(&render(&sample_graph()));
        assert_eq!(
            v["graph"]["elements"]["edges"].as_array().map(Vec::len),
            Some(6)
        );
        assert_eq!(
            v["kinds"]["person"]["color"],
            kind_style(Kind::Person).color
        );
        assert_eq!(v["relations"]["reported"]["line"], "dashed");
        assert_eq!(v["kind_order"][0], "person");
    }
}
