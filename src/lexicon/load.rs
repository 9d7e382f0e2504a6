//! Parsing and validating lexicon files, adding the world's countries, and
//! overlaying `--lexicon` files on the built-in lexicon.
//!
//! Countries, their demonyms and their other names come from the keshvar
//! crate; `[[country]]` entries adjust a country (label, aliases, capital).
//! A capital becomes a place entity that stands for its country when it acts
//! ("Pyongyang did not respond"). In a `--lexicon` file a known id overrides
//! the built-in entity and a new id adds one; an id repeated in one file, or
//! one alias claimed by two entities, is an error naming both places.

use super::{Entity, Gender, Lexicon};
use crate::error::Error;
use crate::graph::ids::{node_id, parse_id};
use crate::graph::{Kind, NodeId};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// The built-in lexicon file, embedded at build time.
pub const BUILTIN_LEXICON: &str = include_str!("../../data/lexicon.toml");
const BUILTIN_NAME: &str = "data/lexicon.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    country: Vec<CountryEntry>,
    #[serde(default)]
    entity: Vec<EntityEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    alpha2: Spanned<String>,
    label: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    capital: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityEntry {
    id: Spanned<String>,
    kind: Spanned<String>,
    label: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    abbreviations: Vec<Spanned<String>>,
    gender: Option<Spanned<String>>,
    capital_of: Option<Spanned<String>>,
    #[serde(default)]
    descriptions: Vec<String>,
}

/// Where a name was claimed: file and byte offset.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    offset: usize,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn data_error(file: &str, text: &str, offset: usize, message: String) -> Error {
    let (line, column) = line_col(text, offset);
    Error::Data {
        path: file.to_string(),
        line,
        column,
        message,
    }
}

fn parse_file(file: &str, text: &str) -> Result<LexiconFile, Error> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().replace('\n', "; ");
        data_error(file, text, offset, message)
    })
}

/// True for a name written in Latin script (other scripts stay out of the
/// automaton unless a lexicon file lists them).
fn latin(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c))
}

/// The world's countries from keshvar, adjusted by the `[[country]]` entries.
fn countries(file: &str, text: &str, entries: &[CountryEntry]) -> Result<Vec<Entity>, Error> {
    let mut adjust: BTreeMap<String, &CountryEntry> = BTreeMap::new();
    for e in entries {
        adjust.insert(e.alpha2.get_ref().to_ascii_uppercase(), e);
    }
    let mut out = Vec::new();
    let mut populations: HashMap<NodeId, u64> = HashMap::new();
    let mut known = std::collections::BTreeSet::new();
    for c in keshvar::CountryIterator::new() {
        let code = c.alpha2().to_string().to_ascii_uppercase();
        known.insert(code.clone());
        let entry = adjust.get(&code);
        let en = c
            .translations()
            .get("en")
            .copied()
            .unwrap_or(c.iso_short_name());
        let label = entry
            .and_then(|e| e.label.clone())
            .unwrap_or_else(|| en.to_string());
        let mut aliases: Vec<String> = [en, c.iso_short_name(), c.iso_long_name()]
            .into_iter()
            .chain(c.unofficial_name_list().iter().copied())
            .filter(|n| latin(n) && !n.contains('(') && !n.contains(','))
            .map(str::to_string)
            .collect();
        let mut abbreviations = Vec::new();
        if let Some(e) = entry {
            for a in &e.aliases {
                let a = a.get_ref();
                if a.len() <= 5 && a.chars().all(|c| c.is_ascii_uppercase()) {
                    abbreviations.push(a.clone());
                } else {
                    aliases.push(a.clone());
                }
            }
        }
        let id = node_id(Kind::Country, &label);
        populations.insert(id.clone(), c.maybe_population().unwrap_or(0));
        let demonyms = c
            .maybe_nationality()
            .map(|d| vec![d.to_string()])
            .unwrap_or_default();
        if let Some(capital) = entry.and_then(|e| e.capital.as_ref()) {
            out.push(Entity {
                id: node_id(Kind::Place, capital),
                kind: Kind::Place,
                label: capital.clone(),
                aliases: Vec::new(),
                abbreviations: Vec::new(),
                gender: None,
                capital_of: Some(id.clone()),
                descriptions: Vec::new(),
                demonyms: Vec::new(),
            });
        }
        out.push(Entity {
            id,
            kind: Kind::Country,
            label,
            aliases,
            abbreviations,
            gender: None,
            capital_of: None,
            descriptions: Vec::new(),
            demonyms,
        });
    }
    for e in entries {
        if !known.contains(&e.alpha2.get_ref().to_ascii_uppercase()) {
            return Err(data_error(
                file,
                text,
                e.alpha2.span().start,
                format!(
                    "expected an ISO 3166 alpha-2 code, found {:?}",
                    e.alpha2.get_ref()
                ),
            ));
        }
    }
    // A demonym two countries share ("Indian": India and the British Indian
    // Ocean Territory) belongs to the more populous one.
    let mut demonym_owner: HashMap<String, (u64, usize)> = HashMap::new();
    for (i, e) in out.iter().enumerate() {
        let pop = populations.get(&e.id).copied().unwrap_or(0);
        for d in &e.demonyms {
            let best = demonym_owner.entry(d.to_lowercase()).or_insert((pop, i));
            if pop > best.0 {
                *best = (pop, i);
            }
        }
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.demonyms.retain(|d| {
            demonym_owner
                .get(&d.to_lowercase())
                .is_some_and(|&(_, owner)| owner == i)
        });
    }
    // A generated name two countries share ("Congo") names neither.
    let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in out.iter().enumerate() {
        for a in e.aliases.iter().chain(std::iter::once(&e.label)) {
            owners.entry(a.to_lowercase()).or_default().push(i);
        }
    }
    for (name, who) in owners {
        let mut who = who;
        who.dedup();
        if who.len() > 1 {
            for i in who {
                out[i].aliases.retain(|a| a.to_lowercase() != name);
            }
        }
    }
    Ok(out)
}

fn entity_from(file: &str, text: &str, e: &EntityEntry) -> Result<Entity, Error> {
    let id = parse_id(e.id.get_ref()).ok_or_else(|| {
        data_error(
            file,
            text,
            e.id.span().start,
            format!("expected an id kind:slug, found {:?}", e.id.get_ref()),
        )
    })?;
    let kind = Kind::parse(e.kind.get_ref())
        .filter(|k| *k != Kind::Deployment)
        .ok_or_else(|| {
            data_error(
                file,
                text,
                e.kind.span().start,
                format!(
                    "expected kind person, organization, country, place or treaty, found {:?}",
                    e.kind.get_ref()
                ),
            )
        })?;
    if id.kind() != Some(kind) {
        return Err(data_error(
            file,
            text,
            e.id.span().start,
            format!("expected an id starting with \"{kind}:\", found \"{id}\""),
        ));
    }
    let gender = match &e.gender {
        None => None,
        Some(g) => Some(match g.get_ref().as_str() {
            "f" => Gender::Female,
            "m" => Gender::Male,
            other => {
                return Err(data_error(
                    file,
                    text,
                    g.span().start,
                    format!("expected gender \"f\" or \"m\", found {other:?}"),
                ));
            }
        }),
    };
    let capital_of = match &e.capital_of {
        None => None,
        Some(c) => Some(parse_id(c.get_ref()).ok_or_else(|| {
            data_error(
                file,
                text,
                c.span().start,
                format!("expected capital_of a country id, found {:?}", c.get_ref()),
            )
        })?),
    };
    Ok(Entity {
        id,
        kind,
        label: e.label.clone(),
        aliases: e.aliases.iter().map(|a| a.get_ref().clone()).collect(),
        abbreviations: e
            .abbreviations
            .iter()
            .map(|a| a.get_ref().clone())
            .collect(),
        gender,
        capital_of,
        descriptions: e.descriptions.clone(),
        demonyms: Vec::new(),
    })
}

/// An entity with the names it claims and where each was claimed.
type Claimed = (Entity, Vec<(String, Place)>);

/// Parses one file's entities, rejecting an id repeated inside it.
fn file_entities(file: &str, text: &str, parsed: &LexiconFile) -> Result<Vec<Claimed>, Error> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for e in &parsed.entity {
        let offset = e.id.span().start;
        if let Some(first) = seen.insert(e.id.get_ref().clone(), offset) {
            let (l, c) = line_col(text, first);
            return Err(data_error(
                file,
                text,
                offset,
                format!(
                    "id {:?} is defined again (first at {file}:{l}:{c})",
                    e.id.get_ref()
                ),
            ));
        }
        let entity = entity_from(file, text, e)?;
        let names = e
            .aliases
            .iter()
            .chain(&e.abbreviations)
            .map(|a| {
                (
                    a.get_ref().clone(),
                    Place {
                        file: file.to_string(),
                        offset: a.span().start,
                    },
                )
            })
            .collect();
        out.push((entity, names));
    }
    Ok(out)
}

/// Loads the built-in lexicon and overlays the given files (name, text) in order.
///
/// # Errors
/// [`Error::Data`] with file, line and column for malformed files, unknown
/// fields, bad ids or kinds, an id repeated in one file, or an alias claimed
/// by two entities.
pub fn load_lexicon(extra: &[(String, String)]) -> Result<Lexicon, Error> {
    let builtin = parse_file(BUILTIN_NAME, BUILTIN_LEXICON)?;
    let mut entities: BTreeMap<NodeId, Entity> = BTreeMap::new();
    // Where each entity's names were claimed, to report conflicts.
    let mut claims: BTreeMap<NodeId, Vec<(String, Option<Place>)>> = BTreeMap::new();
    for e in countries(BUILTIN_NAME, BUILTIN_LEXICON, &builtin.country)? {
        let names = e
            .aliases
            .iter()
            .chain(&e.abbreviations)
            .map(|a| (a.clone(), None))
            .collect();
        claims.insert(e.id.clone(), names);
        entities.insert(e.id.clone(), e);
    }
    let mut files = vec![(
        BUILTIN_NAME.to_string(),
        BUILTIN_LEXICON.to_string(),
        builtin,
    )];
    for (name, text) in extra {
        let parsed = parse_file(name, text)?;
        files.push((name.clone(), text.clone(), parsed));
    }
    for (name, text, parsed) in &files {
        for (entity, names) in file_entities(name, text, parsed)? {
            claims.insert(
                entity.id.clone(),
                names.into_iter().map(|(n, p)| (n, Some(p))).collect(),
            );
            entities.insert(entity.id.clone(), entity);
        }
    }
    check_alias_owners(&claims, &files)?;
    Ok(Lexicon::new(entities.into_values().collect()))
}

fn check_alias_owners(
    claims: &BTreeMap<NodeId, Vec<(String, Option<Place>)>>,
    files: &[(String, String, LexiconFile)],
) -> Result<(), Error> {
    let mut owner: HashMap<String, (&NodeId, &Option<Place>)> = HashMap::new();
    for (id, names) in claims {
        for (name, place) in names {
            let key = name.to_lowercase();
            if let Some((other, other_place)) = owner.get(&key) {
                if *other != id {
                    let at = place.as_ref().or(other_place.as_ref());
                    let (file, offset) =
                        at.map_or((BUILTIN_NAME, 0), |p| (p.file.as_str(), p.offset));
                    let text = files
                        .iter()
                        .find(|f| f.0 == file)
                        .map_or("", |f| f.1.as_str());
                    let elsewhere = match (place, other_place) {
                        (Some(_), Some(p)) => {
                            let t = files
                                .iter()
                                .find(|f| f.0 == p.file)
                                .map_or("", |f| f.1.as_str());
                            let (l, c) = line_col(t, p.offset);
                            format!(" (also at {}:{l}:{c})", p.file)
                        }
                        _ => String::new(),
                    };
                    return Err(data_error(
                        file,
                        text,
                        offset,
                        format!("alias {name:?} is claimed by {other} and {id}{elsewhere}"),
                    ));
                }
            } else {
                owner.insert(key, (id, place));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(extra: &str) -> String {
        load_lexicon(&[("extra.toml".into(), extra.into())])
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn builtin_lexicon_loads_with_countries_and_capitals() {
        let lex = load_lexicon(&[]).unwrap();
        let kp = node_id(Kind::Country, "North Korea");
        assert_eq!(lex.get(&kp).unwrap().demonyms, ["North Korean"]);
        let pyongyang = lex.get(&node_id(Kind::Place, "Pyongyang")).unwrap();
        assert_eq!(pyongyang.capital_of.as_ref(), Some(&kp));
        assert_eq!(
            lex.get(&node_id(Kind::Country, "Russia")).unwrap().label,
            "Russia"
        );
        assert!(lex.entities().len() > 240);
    }

    #[test]
    fn builtin_file_is_sorted_by_id() {
        let parsed: LexiconFile = toml::from_str(BUILTIN_LEXICON).unwrap();
        let ids: Vec<&String> = parsed.entity.iter().map(|e| e.id.get_ref()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn overlay_overrides_and_adds() {
        let extra = "[[entity]]\nid = \"person:kim-jong-un\"\nkind = \"person\"\nlabel = \"Kim Jong-un\"\n\n[[entity]]\nid = \"person:park-jin\"\nkind = \"person\"\nlabel = \"Park Jin\"\naliases = [\"Park\"]\n";
        let lex = load_lexicon(&[("extra.toml".into(), extra.into())]).unwrap();
        assert_eq!(
            lex.get(&node_id(Kind::Person, "kim jong un"))
                .unwrap()
                .label,
            "Kim Jong-un"
        );
        assert!(lex.get(&node_id(Kind::Person, "park jin")).is_some());
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        assert!(err("[[entity]]\nid = \"person:a\"\nkind = \n").starts_with("extra.toml:3:"));
    }

    #[test]
    fn unknown_field_is_rejected_with_its_place() {
        let e = err(
            "[[entity]]\nid = \"person:a\"\nkind = \"person\"\nlabel = \"A\"\nnickname = \"x\"\n",
        );
        assert!(e.starts_with("extra.toml:5:1:"), "{e}");
        assert!(e.contains("nickname"), "{e}");
    }

    #[test]
    fn repeated_id_in_one_file_is_an_error() {
        let e = err(
            "[[entity]]\nid = \"person:a\"\nkind = \"person\"\nlabel = \"A\"\n[[entity]]\nid = \"person:a\"\nkind = \"person\"\nlabel = \"B\"\n",
        );
        assert!(
            e.contains("extra.toml:6:") && e.contains("first at extra.toml:2:"),
            "{e}"
        );
    }

    #[test]
    fn alias_claimed_by_two_entities_is_an_error() {
        let e = err(
            "[[entity]]\nid = \"person:kim-yo-jong-2\"\nkind = \"person\"\nlabel = \"Kim Yo Jong\"\naliases = [\"Kim\"]\n",
        );
        assert!(e.contains("alias \"Kim\" is claimed by"), "{e}");
        assert!(e.starts_with("extra.toml:5:"), "{e}");
    }

    #[test]
    fn bad_kind_and_id_are_errors() {
        assert!(
            err("[[entity]]\nid = \"person:a\"\nkind = \"robot\"\nlabel = \"A\"\n")
                .contains("expected kind")
        );
        assert!(
            err("[[entity]]\nid = \"Person A\"\nkind = \"person\"\nlabel = \"A\"\n")
                .contains("expected an id kind:slug, found \"Person A\"")
        );
    }
}
