//! Country names as analysts write them, from ISO's list forms. Shared with
//! build.rs, which puts these names in the built-in lexicon's trie.

/// A country's name as an analyst writes it, from ISO's list forms:
/// "Falkland Islands (Malvinas)" is "Falkland Islands", "Congo, The
/// Democratic Republic of the" is "Democratic Republic of the Congo",
/// "Virgin Islands, British" is "British Virgin Islands"; a list ("Bonaire,
/// Sint Eustatius and Saba") stays as it is.
pub fn readable_name(name: &str) -> String {
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    match plain.split_once(", ") {
        Some((head, qualifier)) if !qualifier.contains(" and ") && !qualifier.contains(',') => {
            let whole = format!("{qualifier} {head}");
            whole.strip_prefix("The ").unwrap_or(&whole).to_string()
        }
        _ => plain,
    }
}
