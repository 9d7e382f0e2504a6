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
    let mut out = String::new();
    push_slug(text, &mut out);
    out
}

/// Appends [`slug`] of `text` to `out`: [`node_id`] writes the slug after
/// the kind in the id's one buffer instead of in a string of its own.
fn push_slug(text: &str, out: &mut String) {
    // (Borrowed when the text is ASCII already: the same text as `deunicode`.)
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let from = out.len();
    out.reserve(ascii.len());
    // Whether a '-' may be written next: something was written, and not a '-'.
    let mut dash = false;
    if ascii.is_ascii() {
        // Byte by byte: an ASCII text's characters are its bytes.
        for &b in ascii.as_bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
                dash = true;
            } else if b == b'\'' {
                // "Korea's" slugs as "koreas", not "korea-s".
            } else if dash {
                out.push('-');
                dash = false;
            }
        }
    } else {
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                dash = true;
            } else if c == '\'' || c == '’' {
            } else if dash {
                out.push('-');
                dash = false;
            }
        }
    }
    if out.len() > from && out.ends_with('-') {
        out.pop();
    }
    if out.len() == from {
        out.push('x');
    }
}

/// The id of an entity of `kind` whose key is `key` (already a slug or text to slug).
pub fn node_id(kind: Kind, key: &str) -> NodeId {
    let kind = kind.as_str();
    let mut id = String::with_capacity(kind.len() + 1 + key.len());
    id.push_str(kind);
    id.push(':');
    push_slug(key, &mut id);
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

    /// [`slug`] a character at a time into a string of its own (its first
    /// version): what the appending walk must give.
    fn slug_by_char(text: &str) -> String {
        let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
        let mut out = String::new();
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '’' {
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

    #[test]
    fn slug_and_node_id_are_the_character_walk() {
        let parts = [
            "Kim", "jong", "UN", "9", " ", "  ", "-", "--", "'", "’", "s", "(", ")", "!", "é",
            "Шой", "김정", "😀", "\t", "_", ".", "ß", "Æ",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut text = String::new();
            let mut r = seed;
            for _ in 0..(seed % 8) {
                text.push_str(parts[(r % parts.len() as u64) as usize]);
                r = r / parts.len() as u64 + seed.rotate_left(29) % 7;
            }
            let want = slug_by_char(&text);
            assert_eq!(slug(&text), want, "{text:?}");
            for kind in [Kind::Person, Kind::Country] {
                assert_eq!(
                    node_id(kind, &text).0.as_ref(),
                    format!("{}:{want}", kind.as_str()),
                    "{text:?}"
                );
            }
        }
    }

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
