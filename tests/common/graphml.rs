//! A Rust-side structural check of a GraphML file, with no outside tool: what
//! `xmllint --schema graphml.xsd` and the readers of FORMATS.md §2 would
//! reject, plus the ergraph conventions (prefixed, typed keys; values that
//! parse as their type; no `<default>`; no undirected edge).

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::{BTreeMap, BTreeSet};

/// A declared `<key>`.
#[derive(Debug, Clone)]
pub struct Key {
    pub domain: String,
    pub name: String,
    pub ty: String,
}

/// A node or an edge with its `<data>` values by key id.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub id: String,
    pub source: String,
    pub target: String,
    pub data: BTreeMap<String, String>,
}

/// What a reader sees of a GraphML document.
#[derive(Debug, Default)]
pub struct Graphml {
    pub keys: BTreeMap<String, Key>,
    pub graph_data: BTreeMap<String, String>,
    pub nodes: Vec<Element>,
    pub edges: Vec<Element>,
}

fn attrs(e: &BytesStart<'_>) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad attribute value: {err}"))?;
        let name = String::from_utf8_lossy(a.key.as_ref().as_bytes()).into_owned();
        if map.insert(name.clone(), value.into_owned()).is_some() {
            return Err(format!("attribute {name} twice"));
        }
    }
    Ok(map)
}

/// True for a non-empty XML NMTOKEN (letters of any script, digits, `.-_:`;
/// combining marks, also allowed, never occur in ergraph ids).
pub fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

fn check_typed(key: &str, ty: &str, value: &str) -> Result<(), String> {
    let ok = match ty {
        "int" => value.parse::<i32>().is_ok(),
        "long" => value.parse::<i64>().is_ok(),
        "double" | "float" => value.parse::<f64>().map(f64::is_finite).unwrap_or(false),
        "boolean" => value == "true" || value == "false",
        "string" => true,
        other => return Err(format!("key {key} has attr.type {other}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "<data key={key:?}> value {value:?} is not a valid {ty}"
        ))
    }
}

/// Parses `xml` and checks its structure; the error names the first problem.
pub fn check_graphml(xml: &str) -> Result<Graphml, String> {
    if xml.starts_with('\u{feff}') {
        return Err("starts with a BOM".into());
    }
    if !xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") {
        return Err("no XML declaration".into());
    }
    if let Some((i, c)) = xml.char_indices().find(|&(_, c)| super::xml_illegal(c)) {
        return Err(format!(
            "XML-illegal character U+{:04X} at byte {i}",
            c as u32
        ));
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut g = Graphml::default();
    let mut stack: Vec<String> = Vec::new();
    let mut seen_graph = false;
    let mut data: Option<(String, String)> = None;
    let mut node_ids = BTreeSet::new();
    let mut edge_ids = BTreeSet::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed at byte {}: {e}", reader.error_position()))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned();
            let a = attrs(&e)?;
            let parent = stack.last().map(String::as_str).unwrap_or("");
            if data.is_some() {
                return Err(format!("element <{name}> inside <data>"));
            }
            match (parent, name.as_str()) {
                ("", "graphml") => {
                    if a.get("xmlns").map(String::as_str)
                        != Some("http://graphml.graphdrawing.org/xmlns")
                    {
                        return Err("root without the GraphML namespace".into());
                    }
                }
                ("graphml", "key") => {
                    if seen_graph {
                        return Err("<key> after <graph>".into());
                    }
                    let id = a.get("id").cloned().unwrap_or_default();
                    let key = Key {
                        domain: a.get("for").cloned().unwrap_or_default(),
                        name: a.get("attr.name").cloned().unwrap_or_default(),
                        ty: a.get("attr.type").cloned().unwrap_or_default(),
                    };
                    let prefix = match key.domain.as_str() {
                        "graph" => "g_",
                        "node" => "n_",
                        "edge" => "e_",
                        other => return Err(format!("key {id} has for={other:?}")),
                    };
                    if id != format!("{prefix}{}", key.name) || !is_nmtoken(&key.name) {
                        return Err(format!(
                            "key id {id:?} does not match attr.name {:?}",
                            key.name
                        ));
                    }
                    if !["boolean", "int", "long", "float", "double", "string"]
                        .contains(&key.ty.as_str())
                    {
                        return Err(format!("key {id} has attr.type {:?}", key.ty));
                    }
                    if g.keys.insert(id.clone(), key).is_some() {
                        return Err(format!("key {id} declared twice"));
                    }
                }
                ("key", "desc") => {}
                ("key", "default") => return Err("a <key> has a <default>".into()),
                ("graphml", "graph") => {
                    if seen_graph {
                        return Err("two graphs".into());
                    }
                    seen_graph = true;
                    if a.get("edgedefault").map(String::as_str) != Some("directed") {
                        return Err("graph is not edgedefault=directed".into());
                    }
                }
                ("graph", "node") => {
                    let id = a.get("id").cloned().unwrap_or_default();
                    if !is_nmtoken(&id) {
                        return Err(format!("node id {id:?} is not an NMTOKEN"));
                    }
                    if !node_ids.insert(id.clone()) {
                        return Err(format!("duplicate node id {id}"));
                    }
                    g.nodes.push(Element {
                        id,
                        ..Element::default()
                    });
                }
                ("graph", "edge") => {
                    let id = a.get("id").cloned().unwrap_or_default();
                    if !is_nmtoken(&id) || !edge_ids.insert(id.clone()) {
                        return Err(format!("edge id {id:?} missing, invalid or repeated"));
                    }
                    if let Some(d) = a.get("directed") {
                        return Err(format!("edge {id} has directed={d:?}"));
                    }
                    g.edges.push(Element {
                        id,
                        source: a.get("source").cloned().unwrap_or_default(),
                        target: a.get("target").cloned().unwrap_or_default(),
                        data: BTreeMap::new(),
                    });
                }
                ("graph" | "node" | "edge", "data") => {
                    if parent == "graph" && !(g.nodes.is_empty() && g.edges.is_empty()) {
                        return Err("graph <data> after the first node or edge".into());
                    }
                    let key = a.get("key").cloned().unwrap_or_default();
                    let declared = g
                        .keys
                        .get(&key)
                        .ok_or_else(|| format!("<data key={key:?}> is not declared"))?;
                    if declared.domain != parent {
                        return Err(format!(
                            "<data key={key}> on a {parent}, declared for {}",
                            declared.domain
                        ));
                    }
                    if empty {
                        check_typed(&key, &declared.ty, "")?;
                        store(&mut g, parent, key, String::new())?;
                    } else {
                        data = Some((key, String::new()));
                    }
                }
                (parent, name) => return Err(format!("unexpected <{name}> in <{parent}>")),
            }
            if !empty {
                stack.push(name);
            }
            continue;
        }
        match event {
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned();
                stack.pop();
                if name == "data" {
                    let (key, value) = data.take().ok_or("stray </data>")?;
                    let parent = stack.last().cloned().unwrap_or_default();
                    check_typed(&key, &g.keys[&key].ty, &value)?;
                    store(&mut g, &parent, key, value)?;
                }
            }
            Event::Text(t) => {
                if let Some((_, value)) = data.as_mut() {
                    value.push_str(&t.xml10_content());
                } else if stack.last().map(String::as_str) != Some("desc")
                    && !t.xml10_content().trim().is_empty()
                {
                    return Err(format!("stray text {:?}", t.xml10_content()));
                }
            }
            Event::CData(t) => match data.as_mut() {
                Some((_, value)) => value.push_str(&t.xml10_content()),
                None => return Err("CDATA outside <data>".into()),
            },
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity &{};", &*r))?
                        .to_string(),
                };
                match data.as_mut() {
                    Some((_, value)) => value.push_str(&c),
                    None => return Err("entity reference outside <data>".into()),
                }
            }
            Event::Eof => break,
            Event::DocType(_) => return Err("DOCTYPE".into()),
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if !seen_graph {
        return Err("no <graph>".into());
    }
    for e in &g.edges {
        for end in [&e.source, &e.target] {
            if !node_ids.contains(end) {
                return Err(format!("edge {} ends at missing node {end:?}", e.id));
            }
        }
    }
    Ok(g)
}

fn store(g: &mut Graphml, parent: &str, key: String, value: String) -> Result<(), String> {
    let map = match parent {
        "node" => &mut g.nodes.last_mut().ok_or("data outside a node")?.data,
        "edge" => &mut g.edges.last_mut().ok_or("data outside an edge")?.data,
        _ => &mut g.graph_data,
    };
    if map.insert(key.clone(), value).is_some() {
        return Err(format!("two <data key={key}> on one {parent}"));
    }
    Ok(())
}
