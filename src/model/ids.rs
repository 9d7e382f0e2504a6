//! Stable, kind-prefixed node ids (`person:kim-jong-un`): the only place a
//! [`NodeId`] is made.
//!
//! Slugs are ASCII (non-Latin names are transliterated), never empty, and valid
//! as GraphML NMTOKENs and quoted DOT ids.

use super::vocab::{Kind, NodeId};

/// Lower-case ASCII slug of `text`: letters and digits, runs of anything else
/// become one `-`; never empty.
///
/// ```
/// assert_eq!(ergraph::graph::ids::slug("Kim Jong-un"), "kim-jong-un");
/// assert_eq!(ergraph::graph::ids::slug("김정은"), "gimjeongeun");
/// assert_eq!(ergraph::graph::ids::slug("!!"), "x");
/// ```
pub fn slug(text: &str) -> String {
    // (Borrowed when the text is ASCII already: the same text as `deunicode`.)
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // "Korea's" slugs as "koreas", not "korea-s".
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// The id of an entity of `kind` whose key is `key` (already a slug or text to slug).
pub fn node_id(kind: Kind, key: &str) -> NodeId {
    let (kind, slug) = (kind.as_str(), slug(key));
    let mut id = String::with_capacity(kind.len() + 1 + slug.len());
    id.push_str(kind);
    id.push(':');
    id.push_str(&slug);
    NodeId(id.into())
}

/// Parses an id as written in an export or a lexicon (`kind:slug`).
///
/// Returns `None` unless the prefix is a kind and the rest is a non-empty slug.
pub fn parse_id(text: &str) -> Option<NodeId> {
    let (kind, rest) = text.split_once(':')?;
    Kind::parse(kind)?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    ok.then(|| NodeId(text.into()))
}

/// The same id with `-2`, `-3`, … appended, for two entities whose slugs collide.
pub fn with_suffix(id: &NodeId, n: usize) -> NodeId {
    NodeId(format!("{}-{n}", id.0).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_case_and_punctuation() {
        assert_eq!(slug("Sergei  Shoigu"), "sergei-shoigu");
        assert_eq!(slug("South Korea's NIS"), "south-koreas-nis");
        assert_eq!(slug("  --Kursk (region)-- "), "kursk-region");
    }

    #[test]
    fn slug_transliterates_non_latin_names() {
        assert_eq!(slug("Шойгу"), "shoigu");
        assert!(!slug("😀").is_empty());
    }

    #[test]
    fn parse_id_rejects_unknown_kinds_and_bad_slugs() {
        assert!(parse_id("person:kim-jong-un").is_some());
        assert!(parse_id("robot:kim").is_none());
        assert!(parse_id("person:").is_none());
        assert!(parse_id("person:Kim Jong").is_none());
    }
}
