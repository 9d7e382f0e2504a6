//! Builds the built-in lexicon's trie at build time, so a run loads it as a
//! static array instead of building it (src/lexicon/trie.rs, included
//! here, says how it is laid out).
//!
//! The keys are every name the built-in lexicon can hold, ASCII case
//! folded: each label, alias, abbreviation, description and capital in
//! data/lexicon.toml and data/outlets.toml, and each country name and
//! demonym keshvar gives (the names src/lexicon/load.rs takes from it).
//! Taking a few more than the lexicon ends up with costs nothing: a key
//! that names nothing finds nothing. The matcher checks at run time that
//! every name of the loaded lexicon is a key, and builds its own trie when
//! one is not (a `--lexicon` file with new names, or data this script
//! missed), so the output never depends on this script being complete.

#[allow(dead_code)]
#[path = "src/lexicon/trie.rs"]
mod trie;

use std::path::PathBuf;

const DATA: [&str; 2] = ["data/lexicon.toml", "data/outlets.toml"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lexicon/trie.rs");
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
            ("country", &["label", "aliases", "capital"][..]),
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
    for c in keshvar::CountryIterator::new() {
        if let Some(en) = c.translations().get("en") {
            names.push(en.to_string());
        }
        names.push(c.iso_short_name().to_string());
        names.push(c.iso_long_name().to_string());
        names.extend(c.unofficial_name_list().iter().map(|n| n.to_string()));
        if let Some(d) = c.maybe_nationality() {
            names.push(d.to_string());
        }
    }
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
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = format!(
        "// Written by build.rs from {} and keshvar's countries: {} names.\n{}",
        DATA.join(", "),
        keys.len(),
        trie.to_rust()
    );
    std::fs::write(out.join("lexicon_trie.rs"), source).expect("OUT_DIR is writable");
}
