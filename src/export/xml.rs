//! What the XML exports (GraphML, GEXF) share: dropping the characters XML
//! 1.0 forbids, and the JSON text (lists, evidence) they carry in a string
//! value with those characters dropped (CSV carries evidence as the same
//! JSON, with every character kept).

use super::json::JsonDocument;
use super::sink::{Pass, next_special, push_json_str, push_u64};
use crate::graph::{Documents, Evidence};
use std::borrow::Cow;
use std::io;

/// True for the characters XML 1.0 forbids even as character references.
pub(crate) fn xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` without the characters XML 1.0 forbids (borrowed when there are none).
///
/// ```
/// # use ergraph::export::xml::xml_clean;
/// assert_eq!(xml_clean("a\u{7}b\u{c}\tc\r\n"), "ab\tc\r\n");
/// ```
pub fn xml_clean(s: &str) -> Cow<'_, str> {
    // Byte scan first (a hot path of the GraphML export): an illegal
    // character is an ASCII control or starts with byte 0xEF (U+FFFE/U+FFFF);
    // only a string with such a byte needs the exact per-character test.
    if next_special(s.as_bytes(), 0, suspect) == s.len() {
        return Cow::Borrowed(s);
    }
    if s.chars().any(xml_illegal) {
        Cow::Owned(s.chars().filter(|&c| !xml_illegal(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A byte that may start a character [`xml_clean`] drops: an ASCII control
/// other than tab, newline and carriage return, or 0xEF (U+FFFE/U+FFFF).
/// Branch-free, for [`next_special`].
pub(crate) fn suspect(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
}

/// A JSON array of the cleaned strings (compact, as `serde_json::to_string`
/// writes a `Vec` of them), appended to `buf`, which `pass` may pass on
/// between items (see [`Pass`]).
///
/// # Errors
/// Whatever the writer `pass` passes the bytes to returns.
pub(crate) fn json_list<'a>(
    buf: &mut Vec<u8>,
    items: impl IntoIterator<Item = &'a str>,
    pass: &mut Pass<'_>,
) -> io::Result<()> {
    buf.push(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        push_json_str(buf, &xml_clean(item));
        pass.between(buf)?;
    }
    buf.push(b']');
    Ok(())
}

/// The evidence as a JSON array of `{document,text,start,end}` (what
/// `serde_json::to_string` writes for a `Vec` of them), its strings cleaned
/// by [`xml_clean`] when `clean`, appended to `buf`, which `pass` may pass
/// on between items.
///
/// # Errors
/// Whatever the writer `pass` passes the bytes to returns.
pub(crate) fn evidence_json(
    buf: &mut Vec<u8>,
    docs: &Documents,
    evidence: &[Evidence],
    clean: bool,
    pass: &mut Pass<'_>,
) -> io::Result<()> {
    let text = |s| {
        if clean {
            xml_clean(s)
        } else {
            Cow::Borrowed(s)
        }
    };
    buf.push(b'[');
    for (i, ev) in evidence.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"document\":");
        push_json_str(buf, &text(docs.id(ev.document)));
        buf.extend_from_slice(b",\"text\":");
        let sentence = ev.text.get();
        if clean {
            push_json_str(buf, &xml_clean(&sentence));
        } else {
            push_json_str(buf, &sentence);
        }
        buf.extend_from_slice(b",\"start\":");
        push_u64(buf, ev.start as u64);
        buf.extend_from_slice(b",\"end\":");
        push_u64(buf, ev.end as u64);
        buf.push(b'}');
        pass.between(buf)?;
    }
    buf.push(b']');
    Ok(())
}

/// The documents as a JSON array of `{id,path,date,title,url}` (what
/// `serde_json::to_string` writes for a `Vec` of [`JsonDocument`]s, an
/// absent value as `null`), every string cleaned by [`xml_clean`], appended
/// to `buf`, which `pass` may pass on between items.
///
/// # Errors
/// Whatever the writer `pass` passes the bytes to returns.
pub(crate) fn documents_json(
    buf: &mut Vec<u8>,
    docs: &Documents,
    pass: &mut Pass<'_>,
) -> io::Result<()> {
    buf.push(b'[');
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let d = JsonDocument::new(d);
        buf.extend_from_slice(b"{\"id\":");
        push_json_str(buf, &xml_clean(d.id));
        buf.extend_from_slice(b",\"path\":");
        push_json_str(buf, &xml_clean(d.path));
        for (name, value) in [
            (&b",\"date\":"[..], d.date),
            (b",\"title\":", d.title),
            (b",\"url\":", d.url),
        ] {
            buf.extend_from_slice(name);
            match value {
                Some(s) => push_json_str(buf, &xml_clean(s)),
                None => buf.extend_from_slice(b"null"),
            }
        }
        buf.push(b'}');
        pass.between(buf)?;
    }
    buf.push(b']');
    Ok(())
}
