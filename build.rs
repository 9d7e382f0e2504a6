//! Builds the built-in lexicon's trie at build time, so a run loads it as a
//! static array instead of building it (src/lexicon/trie.rs, included
//! here, says how it is laid out).
//!
//! The keys are every name the built-in lexicon can hold, ASCII case
//! folded: each label, alias, abbreviation, description and capital in
//! data/lexicon.toml and data/outlets.toml, each capital of data/capitals.tsv,
//! and each country name and
//! demonym keshvar gives (the names src/lexicon/load.rs takes from it).
//! Taking a few more than the lexicon ends up with costs nothing: a key
//! that names nothing finds nothing. The matcher checks at run time that
//! every name of the loaded lexicon is a key, and builds its own trie when
//! one is not (a `--lexicon` file with new names, or data this script
//! missed), so the output never depends on this script being complete.
//!
//! It also compiles the noise and trailer line classes of
//! data/patterns.toml into regex-automata dense DFAs and writes their
//! serialized bytes, which src/text/noise.rs loads without copying
//! (src/text/noise/syntax.rs, included here, rewrites the patterns without
//! Unicode word boundaries first). A class whose patterns differ from these
//! at run time, or that this script could not compile, is compiled there.

#[allow(dead_code)]
#[path = "src/lexicon/trie.rs"]
mod trie;

#[allow(dead_code)]
#[path = "src/text/noise/syntax.rs"]
mod noise_syntax;

#[path = "src/lexicon/readable.rs"]
mod readable;

use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_syntax::hir::Hir;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const DATA: [&str; 2] = ["data/lexicon.toml", "data/outlets.toml"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lexicon/trie.rs");
    println!("cargo:rerun-if-changed=src/lexicon/readable.rs");
    let mut names: Vec<String> = Vec::new();
    for file in DATA {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (section, fields) in [
            (
                "entity",
                &["label", "aliases", "abbreviations", "descriptions"][..],
            ),
            ("country", &["label", "aliases", "capital", "demonyms"][..]),
        ] {
            let entries = table.get(section).and_then(toml::Value::as_array);
            for entry in entries.into_iter().flatten() {
                for field in fields {
                    match entry.get(*field) {
                        Some(toml::Value::String(s)) => names.push(s.clone()),
                        Some(toml::Value::Array(a)) => names
                            .extend(a.iter().filter_map(toml::Value::as_str).map(str::to_string)),
                        _ => {}
                    }
                }
            }
        }
    }
    // Each country's capital (src/lexicon/load.rs takes those lexicon.toml
    // does not give).
    let capitals = "data/capitals.tsv";
    println!("cargo:rerun-if-changed={capitals}");
    let text = std::fs::read_to_string(capitals).unwrap_or_else(|e| panic!("{capitals}: {e}"));
    names.extend(
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(_, name)| name.trim().to_string()),
    );
    for c in keshvar::CountryIterator::new() {
        if let Some(en) = c.translations().get("en") {
            names.push(en.to_string());
            names.push(readable::readable_name(en));
        }
        names.push(readable::readable_name(c.iso_short_name()));
        names.push(c.iso_short_name().to_string());
        names.push(c.iso_long_name().to_string());
        names.extend(c.unofficial_name_list().iter().map(|n| n.to_string()));
        if let Some(d) = c.maybe_nationality() {
            names.push(d.to_string());
            names.extend(d.split(", ").map(str::to_string));
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("countries.rs"), countries_source()).expect("OUT_DIR is writable");
    // As the matcher adds them: trimmed, and with a typographic apostrophe
    // where the name has a straight one.
    let mut keys: Vec<String> = Vec::new();
    for n in &names {
        let n = n.trim();
        if n.is_empty() {
            continue;
        }
        keys.push(n.to_ascii_lowercase());
        if n.contains('\'') {
            keys.push(n.replace('\'', "’").to_ascii_lowercase());
        }
    }
    keys.sort();
    keys.dedup();
    let trie = trie::Trie::new(keys.iter().map(|k| k.as_bytes()));
    let source = format!(
        "// Written by build.rs from {} and keshvar's countries: {} names.\n{}",
        DATA.join(", "),
        keys.len(),
        trie.to_rust()
    );
    std::fs::write(out.join("lexicon_trie.rs"), source).expect("OUT_DIR is writable");
    noise_dfas(&out);
}

/// The Rust source of `COUNTRIES`, the fields src/lexicon/countries.rs
/// declares, one record per keshvar country in keshvar's order (which the
/// lexicon keeps: a demonym tie goes to the first). A run reads this static
/// table instead of building keshvar's records (each with its translations
/// into every language) at start-up.
fn countries_source() -> String {
    let mut list: Vec<(String, String)> = keshvar::CountryIterator::new()
        .map(|c| {
            let text = |s: Option<&str>| match s {
                Some(s) => format!("Some({s:?})"),
                None => "None".to_string(),
            };
            let record = format!(
                "    Country {{ alpha2: {:?}, english: {}, iso_short: {:?}, iso_long: {:?}, \
                 unofficial: &{:?}, population: {}, nationality: {} }},\n",
                c.alpha2().to_string().to_ascii_uppercase(),
                text(c.translations().get("en").copied()),
                c.iso_short_name(),
                c.iso_long_name(),
                c.unofficial_name_list(),
                match c.maybe_population() {
                    Some(p) => format!("Some({p})"),
                    None => "None".to_string(),
                },
                text(c.maybe_nationality()),
            );
            (c.alpha2().to_string().to_ascii_uppercase(), record)
        })
        .collect();
    let mut source = format!(
        "// Written by build.rs from keshvar's countries: {} records.\n\
         pub static COUNTRIES: &[Country] = &[\n",
        list.len()
    );
    for (_, record) in &list {
        source.push_str(record);
    }
    source.push_str("];\n");
    // Positions in COUNTRIES by alpha-2 code, for a look-up by halving.
    list.iter_mut()
        .enumerate()
        .for_each(|(i, (_, r))| *r = i.to_string());
    list.sort();
    source.push_str("static BY_ALPHA2: &[u16] = &[");
    for (_, i) in &list {
        write!(source, "{i},").unwrap();
    }
    source.push_str("];\n");
    source
}

/// Writes `noise_dfas.rs` (the `BAKED_NOISE` and `BAKED_TRAILER` statics)
/// and the DFA files it includes.
fn noise_dfas(out: &Path) {
    const FILE: &str = "data/patterns.toml";
    println!("cargo:rerun-if-changed={FILE}");
    println!("cargo:rerun-if-changed=src/text/noise/syntax.rs");
    let text = std::fs::read_to_string(FILE).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let list = |key: &str| -> Vec<String> {
        let section = table.get("text").and_then(|t| t.get(key));
        let items = section
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten();
        items
            .filter_map(toml::Value::as_str)
            .map(str::to_string)
            .collect()
    };
    // As src/text/noise.rs makes its classes: noise lines case-insensitive.
    let noise: Vec<String> = list("noise_lines")
        .iter()
        .map(|p| format!("(?i){p}"))
        .collect();
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let mut source = format!("// Written by build.rs from {FILE}.\n");
    for (name, patterns) in [("NOISE", noise), ("TRAILER", list("trailer_lines"))] {
        match baked_class(name, &patterns, out, big_endian) {
            Ok(code) => source.push_str(&code),
            Err(why) => {
                println!("cargo:warning={name} lines compile at run time: {why}");
                writeln!(source, "static BAKED_{name}: Option<BakedClass> = None;").unwrap();
            }
        }
    }
    std::fs::write(out.join("noise_dfas.rs"), source).expect("OUT_DIR is writable");
}

/// The Rust source of one class's `BakedClass`, its DFAs written to `out`.
fn baked_class(
    name: &str,
    patterns: &[String],
    out: &Path,
    big_endian: bool,
) -> Result<String, String> {
    let parts = noise_syntax::class_parts(patterns.iter().cloned())?;
    let mut code = String::new();
    let mut dfa = |name: String, hirs: &[Hir]| -> Result<(), String> {
        let (bytes, alphabet) = dense_dfa(hirs, big_endian)?;
        let path = out.join(format!("{name}.dfa"));
        std::fs::write(&path, &bytes).expect("OUT_DIR is writable");
        writeln!(
            code,
            "static {name}_BYTES: AlignAs<[u8; {}], u32> = AlignAs {{ _align: [], bytes: *include_bytes!({:?}) }};\n\
             static {name}: BakedDfa = BakedDfa {{ bytes: &{name}_BYTES, alphabet: {} }};",
            bytes.len(),
            path.display().to_string(),
            alphabet.to_rust()
        )
        .unwrap();
        Ok(())
    };
    let rest = if parts.rest.is_empty() {
        "None".to_string()
    } else {
        dfa(format!("BAKED_{name}_REST"), &parts.rest)?;
        format!("Some(&BAKED_{name}_REST)")
    };
    let mut filtered = String::new();
    for (i, f) in parts.filtered.iter().enumerate() {
        let file = format!("BAKED_{name}_{i}");
        dfa(file.clone(), std::slice::from_ref(&f.hir))?;
        write!(
            filtered,
            "BakedPattern {{ required: &{:?}, dfa: &{file} }}, ",
            f.required
        )
        .unwrap();
    }
    let first = match parts.rest_first {
        Some(set) => format!("Some({set:?})"),
        None => "None".to_string(),
    };
    writeln!(
        code,
        "static BAKED_{name}: Option<BakedClass> = Some(BakedClass {{ patterns: &{patterns:?}, rest: {rest}, rest_first: {first}, filtered: &[{filtered}] }});"
    )
    .unwrap();
    Ok(code)
}

/// One dense DFA of `hirs` (rewritten without Unicode word boundaries,
/// over their alphabet's class numbers), searched anchored, serialized for
/// the target, and its alphabet.
fn dense_dfa(hirs: &[Hir], big_endian: bool) -> Result<(Vec<u8>, noise_syntax::Alphabet), String> {
    let hirs: Vec<Hir> = hirs
        .iter()
        .map(|h| {
            noise_syntax::anchored_without_unicode_word_looks(h)
                .ok_or_else(|| format!("{h} keeps its Unicode word boundaries"))
        })
        .collect::<Result<_, _>>()?;
    let (alphabet, hirs) = noise_syntax::over_alphabet(&hirs)
        .ok_or_else(|| "the patterns do not fit a byte alphabet".to_string())?;
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .which_captures(WhichCaptures::Implicit)
                .shrink(false),
        )
        .build_many_from_hir(&hirs)
        .map_err(|e| e.to_string())?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .minimize(true),
        )
        .build_from_nfa(&nfa)
        .map_err(|e| e.to_string())?;
    let (bytes, pad) = if big_endian {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    Ok((bytes[pad..].to_vec(), alphabet))
}
