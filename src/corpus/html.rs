//! Web pages: a `.html` file (or a JSON Lines `html` field) into the
//! article's text, its title, date and canonical URL, and a map from every
//! byte of that text back to the bytes of the page it came from.
//!
//! Two crates share the work, because neither does it all:
//!
//! - `html5gum` tokenizes the page (WHATWG tokenizer, with the naive switch
//!   into raw text for `<script>`, `<style>`, `<title>`, `<textarea>`) and
//!   reports the source span of every tag and text run. The page's text is
//!   cut into blocks (paragraphs, headings, list items: a block ends at every
//!   block-level tag and at `<br>`), each character with the source bytes it
//!   came from (a character reference such as `&#8217;` maps to its whole
//!   reference, a run of whitespace collapsed to one space to the whole run).
//!   The same tokens give the metadata: `<title>`, `og:title`, `og:url`,
//!   `article:published_time`, `<link rel="canonical">`, the first
//!   `<time datetime>`, and JSON-LD `datePublished` (in any object, array
//!   or `@graph`).
//! - `dom_smoothie` (a port of Mozilla's Readability) decides which part of
//!   the page is the article and its title. Its output is new HTML with no
//!   link to the page's bytes, so it is cut into blocks the same way, and
//!   the page's blocks whose text is one of the article's blocks (in order)
//!   are kept: what Readability drops (menus, share bars, related links,
//!   cookie banners, footers) is not in the text. The headline (the `<h1>`
//!   that is the title) opens the text as a text file's headline does.
//!
//! The text is the kept blocks, one a line, with a blank line between them.
//! [`OffsetMap`] turns a span of it into a span of the page: the page's
//! bytes from `start` to `end`, with tags removed, character references
//! decoded and every run of whitespace made one space, are the span's text
//! (for a page not in UTF-8, after decoding it with the page's charset).

use super::{decode, meta};
use crate::error::Warning;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::path::Path;

/// True for a path whose extension is `html` or `htm`, in any case.
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// One run of the text and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Where the run starts in the text; it ends where the next one starts.
    text: usize,
    /// The source bytes of the run.
    src: usize,
    src_end: usize,
    /// The run's text is its source's bytes, one for one: an offset inside
    /// it maps to the same offset inside the source.
    literal: bool,
}

/// Where each byte of an extracted text came from in its page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Runs covering the text from byte 0, in text order.
    segs: Vec<Seg>,
    len: usize,
}

impl OffsetMap {
    fn seg_of(&self, t: usize) -> Option<&Seg> {
        let i = self.segs.partition_point(|s| s.text <= t);
        self.segs.get(i.checked_sub(1)?)
    }

    /// The page offset where text byte `t` starts (the page's end past
    /// the text).
    pub fn start(&self, t: usize) -> usize {
        if t >= self.len {
            return self.segs.last().map_or(0, |s| s.src_end);
        }
        match self.seg_of(t) {
            Some(s) if s.literal => s.src + (t - s.text),
            Some(s) => s.src,
            None => 0,
        }
    }

    /// The page offset just past text byte `t - 1`: where a span of the
    /// text that ends at `t` ends in the page.
    pub fn end(&self, t: usize) -> usize {
        if t == 0 {
            return self.segs.first().map_or(0, |s| s.src);
        }
        match self.seg_of(t.min(self.len) - 1) {
            Some(s) if s.literal => s.src + (t.min(self.len) - s.text),
            Some(s) => s.src_end,
            None => 0,
        }
    }

    /// Appends a run of `len` text bytes from source `src..src_end`,
    /// joining it to the last run where both are literal and adjacent.
    fn push(&mut self, len: usize, src: usize, src_end: usize, literal: bool) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut()
            && literal
            && last.literal
            && last.src_end == src
        {
            last.src_end = src_end;
        } else {
            self.segs.push(Seg {
                text: self.len,
                src,
                src_end,
                literal,
            });
        }
        self.len += len;
    }
}

/// A page read: the article's text and what the page says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub offsets: OffsetMap,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// The page's text decoded to UTF-8, and how its offsets map to the bytes.
struct Decoded {
    text: String,
    /// `None`: decoded offset `o` is byte `o + shift` of the page. Else the
    /// page offset of each decoded character that is not one byte for one
    /// byte, as (decoded offset, page offset, page bytes), sorted.
    shift: usize,
    table: Option<Vec<(usize, usize, usize)>>,
    bytes: usize,
}

impl Decoded {
    /// Page offset of decoded offset `o`: inside a character decoded from
    /// other bytes, that character's first byte; else one byte for one
    /// byte from the last such character.
    fn at(&self, o: usize) -> usize {
        let Some(table) = &self.table else {
            return o + self.shift;
        };
        let i = table.partition_point(|&(d, _, _)| d <= o);
        match i.checked_sub(1).map(|i| table[i]) {
            Some((d, p, n)) => {
                let width = self.text[d..].chars().next().map_or(1, char::len_utf8);
                if o < d + width {
                    p
                } else {
                    p + n + (o - d - width)
                }
            }
            None => o + self.shift,
        }
    }

    /// The page span of decoded span `s..e`, and whether it is literal
    /// (the same bytes in the page).
    fn span(&self, s: usize, e: usize) -> (usize, usize, bool) {
        let Some(table) = &self.table else {
            return (s + self.shift, e + self.shift, true);
        };
        let pe = if e >= self.text.len() {
            self.bytes
        } else {
            self.at(e)
        };
        // Literal when no character of the span was decoded from other bytes.
        let i = table.partition_point(|&(d, _, _)| d < s);
        let plain = table.get(i).is_none_or(|&(d, _, _)| d >= e);
        (self.at(s), pe, plain)
    }
}

/// The charset a page declares: a byte-order mark, else a `<meta charset>`
/// or `<meta http-equiv="Content-Type" content="...; charset=...">` in its
/// first 1,024 bytes (read by the tokenizer, as a browser's prescan does).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    for token in Tokenizer::new(head.as_ref()).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        if !tag.name.eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let attr = |name: &[u8]| tag.attributes.get(name).map(|v| lossy(&v.value));
        if let Some(c) = attr(b"charset") {
            return Some(c.trim().to_string());
        }
        let http_equiv = attr(b"http-equiv").unwrap_or_default();
        if http_equiv.eq_ignore_ascii_case("content-type")
            && let Some(content) = attr(b"content")
        {
            let lower = content.to_ascii_lowercase();
            if let Some(at) = lower.find("charset=") {
                let value = content[at + 8..].trim_start_matches(['"', '\'']);
                let end = value
                    .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
                    .unwrap_or(value.len());
                return Some(value[..end].to_string());
            }
        }
    }
    None
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Decodes a page's bytes by its byte-order mark or declared charset.
fn decode_page(shown: &str, bytes: &[u8]) -> Result<(Decoded, Vec<Warning>), Warning> {
    let mut warnings = Vec::new();
    let (encoding, bom) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None => {
            let label = declared_charset(bytes);
            let found = label
                .as_deref()
                .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
            if let (Some(l), None) = (&label, found) {
                warnings.push(warn(
                    shown,
                    format!(
                        "charset {} is not known, read as UTF-8",
                        crate::error::quote_input(l)
                    ),
                ));
            }
            // A page that says UTF-16 without a byte-order mark is read as
            // UTF-8, as browsers do.
            let e = match found {
                Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                    encoding_rs::UTF_8
                }
                Some(e) => e,
                None => encoding_rs::UTF_8,
            };
            (e, 0)
        }
    };
    if encoding == encoding_rs::UTF_8 {
        decode::check_binary(shown, &bytes[bom..])?;
        let (text, w) = decode::decode_page(shown, bytes[bom..].to_vec(), bom);
        warnings.extend(w);
        return Ok((
            Decoded {
                text,
                shift: bom,
                table: None,
                bytes: bytes.len(),
            },
            warnings,
        ));
    }
    if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
        decode::check_binary(shown, &bytes[bom..])?;
    }
    // Any other charset: decoded a byte at a time, noting where each
    // character that is not one ASCII byte came from.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut table = Vec::new();
    let mut seq_start = bom;
    let mut buf = [0u8; 16];
    let mut replaced = false;
    for i in bom..bytes.len() {
        let last = i + 1 == bytes.len();
        let (_, _, written, had_errors) = decoder.decode_to_utf8(&bytes[i..=i], &mut buf, last);
        replaced |= had_errors;
        if written == 0 {
            continue;
        }
        let out = std::str::from_utf8(&buf[..written]).unwrap_or("?");
        let n = i + 1 - seq_start;
        for c in out.chars() {
            if !(c.is_ascii() && n == 1) {
                table.push((text.len(), seq_start, n));
            }
            text.push(c);
        }
        seq_start = i + 1;
    }
    if replaced {
        warnings.push(warn(
            shown,
            format!("bytes that are not {} were replaced", encoding.name()),
        ));
    }
    Ok((
        Decoded {
            text,
            shift: bom,
            table: Some(table),
            bytes: bytes.len(),
        },
        warnings,
    ))
}

fn warn(path: &str, message: String) -> Warning {
    Warning {
        path: path.to_string(),
        message,
        skipped: false,
    }
}

fn skip(path: &str, message: &str) -> Warning {
    Warning {
        path: path.to_string(),
        message: message.to_string(),
        skipped: true,
    }
}

/// Elements whose content is never text of the page.
const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"head",
    b"select",
    b"textarea",
    b"button",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"caption",
    b"dd",
    b"details",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"html",
    b"li",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
    b"title",
];

fn is_one_of(name: &[u8], set: &[&[u8]]) -> bool {
    set.iter().any(|s| name.eq_ignore_ascii_case(s))
}

/// One block of a page's text: whitespace collapsed, trimmed, each byte
/// mapped to the decoded page.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// (text length, decoded start, decoded end, literal) per run.
    runs: Vec<(usize, usize, usize, bool)>,
    /// Started inside an `<h1>`.
    headline: bool,
    /// A space is owed before the next character: its decoded span, and
    /// whether it is one plain space there.
    space: Option<(usize, usize, bool)>,
}

impl Block {
    fn push_char(&mut self, c: char, s: usize, e: usize, literal: bool) {
        if c.is_whitespace() {
            // HTML's whitespace and the no-break space alike: one space,
            // literal only where it is one plain space in the page.
            self.space = Some(match self.space {
                Some((a, _, _)) => (a, e, false),
                None => (s, e, literal && c == ' '),
            });
            return;
        }
        if let Some((a, b, plain)) = self.space.take()
            && !self.text.is_empty()
        {
            self.text.push(' ');
            self.runs.push((1, a, b, plain));
        }
        self.text.push(c);
        self.runs.push((c.len_utf8(), s, e, literal));
    }
}

/// What the tokens of a page say: its blocks and its metadata.
#[derive(Debug, Default)]
struct Scan {
    blocks: Vec<Block>,
    title: Option<String>,
    og_title: Option<String>,
    published: Option<(String, &'static str)>,
    time: Option<String>,
    json_ld_date: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
}

/// Cuts `html` into blocks of text (and reads its metadata when `meta`).
fn scan(html: &str, meta: bool) -> Scan {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Scan::default();
    let mut cur = Block::default();
    let mut hidden: Vec<Vec<u8>> = Vec::new();
    let mut h1 = 0usize;
    let mut in_title = false;
    let mut in_json_ld = false;
    let end_block = |cur: &mut Block, out: &mut Scan, h1: usize| {
        if !cur.text.is_empty() {
            out.blocks.push(std::mem::take(cur));
        } else {
            *cur = Block::default();
        }
        cur.headline = h1 > 0;
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if meta {
                    read_tag_meta(&name, &tag.attributes, &mut out);
                    in_json_ld = name == b"script"
                        && tag.attributes.get(&b"type"[..]).is_some_and(|t| {
                            t.value
                                .trim_ascii()
                                .eq_ignore_ascii_case(b"application/ld+json")
                        });
                    in_title = name == b"title";
                }
                if is_one_of(&name, BLOCKS) {
                    end_block(&mut cur, &mut out, h1 + usize::from(name == b"h1"));
                }
                if name == b"h1" {
                    h1 += 1;
                    cur.headline = true;
                }
                if is_one_of(&name, HIDDEN) && !tag.self_closing {
                    hidden.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                in_title = false;
                in_json_ld = false;
                if let Some(at) = hidden.iter().rposition(|h| *h == name) {
                    hidden.truncate(at);
                }
                if name == b"h1" {
                    h1 = h1.saturating_sub(1);
                }
                if is_one_of(&name, BLOCKS) {
                    end_block(&mut cur, &mut out, h1);
                }
            }
            Token::String(s) => {
                let value = String::from_utf8_lossy(&s.value);
                if meta && in_title && out.title.is_none() {
                    out.title = Some(collapse(&value));
                }
                if meta && in_json_ld {
                    read_json_ld(&value, &mut out);
                }
                if !hidden.is_empty() || in_title {
                    continue;
                }
                let (start, end) = (s.span.start.min(html.len()), s.span.end.min(html.len()));
                let raw = html.get(start..end).unwrap_or("");
                align(raw, &value, start, &mut |c, a, b, lit| {
                    cur.push_char(c, a, b, lit)
                });
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    end_block(&mut cur, &mut out, 0);
    out
}

/// Collapses whitespace runs to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Calls `out(char, start, end, literal)` for each character of `value`, a
/// text run the tokenizer decoded from `raw` (at `base` in the page): the
/// source bytes it came from, and whether it is those very bytes.
fn align(raw: &str, value: &str, base: usize, out: &mut impl FnMut(char, usize, usize, bool)) {
    let rb = raw.as_bytes();
    let (mut i, mut j) = (0usize, 0usize);
    while j < value.len() {
        let Some(c) = value[j..].chars().next() else {
            break;
        };
        let Some(r) = raw.get(i..).and_then(|t| t.chars().next()) else {
            // The raw text ran out first: what is left maps to its end.
            out(c, base + raw.len(), base + raw.len(), false);
            j += c.len_utf8();
            continue;
        };
        if r == '\r' && c == '\n' {
            let n = 1 + usize::from(rb.get(i + 1) == Some(&b'\n'));
            out(c, base + i, base + i + n, false);
            i += n;
            j += 1;
            continue;
        }
        if r == '&' {
            let k = reference_end(rb, i);
            if c == '&' && value.as_bytes()[j..].starts_with(&rb[i..k]) {
                out('&', base + i, base + i + 1, true);
                i += 1;
                j += 1;
                continue;
            }
            if let Some((k2, m)) = reference_split(raw, value, i, j, k) {
                for ch in value[j..j + m].chars() {
                    out(ch, base + i, base + k2, false);
                }
                i = k2;
                j += m;
                continue;
            }
        }
        out(c, base + i, base + i + r.len_utf8(), r == c);
        i += r.len_utf8();
        j += c.len_utf8();
    }
}

/// Where a character reference starting at `raw[i] == '&'` ends, by its
/// syntax: `&#123;`, `&#x1F;`, `&name;` (the `;` optional).
fn reference_end(raw: &[u8], i: usize) -> usize {
    let mut k = i + 1;
    if raw.get(k) == Some(&b'#') {
        k += 1;
        let hex = matches!(raw.get(k), Some(b'x' | b'X'));
        if hex {
            k += 1;
        }
        while raw.get(k).is_some_and(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        }) {
            k += 1;
        }
    } else {
        while raw.get(k).is_some_and(u8::is_ascii_alphanumeric) {
            k += 1;
        }
    }
    if raw.get(k) == Some(&b';') {
        k += 1;
    }
    k
}

/// How a decoded reference splits: the raw end `k2` (the whole reference,
/// else a shorter legacy name such as `&copy` in `&copyx`) and the bytes
/// `m` of decoded text it gave (one or two characters), chosen so that the
/// raw and decoded texts agree right after it.
fn reference_split(raw: &str, value: &str, i: usize, j: usize, k: usize) -> Option<(usize, usize)> {
    let agree = |k2: usize, m: usize| {
        let (r, v) = (&raw[k2..], &value[j + m..]);
        match (r.chars().next(), v.chars().next()) {
            (None, None) => true,
            (Some(a), Some(b)) => a == b || a == '&' || a == '\r',
            _ => false,
        }
    };
    let widths = |n: usize| -> Option<usize> {
        let mut it = value[j..].char_indices();
        it.nth(n - 1).map(|(at, ch)| at + ch.len_utf8())
    };
    for k2 in (i + 2..=k).rev() {
        if !raw.is_char_boundary(k2) {
            continue;
        }
        for n in 1..=2 {
            if let Some(m) = widths(n)
                && agree(k2, m)
            {
                return Some((k2, m));
            }
        }
    }
    None
}

fn attr(
    attrs: &std::collections::BTreeMap<
        html5gum::HtmlString,
        html5gum::Spanned<html5gum::HtmlString, usize>,
    >,
    name: &[u8],
) -> Option<String> {
    attrs
        .get(name)
        .map(|v| collapse(&String::from_utf8_lossy(&v.value)))
        .filter(|v| !v.is_empty())
}

/// Reads the metadata a start tag carries.
fn read_tag_meta(
    name: &[u8],
    attrs: &std::collections::BTreeMap<
        html5gum::HtmlString,
        html5gum::Spanned<html5gum::HtmlString, usize>,
    >,
    out: &mut Scan,
) {
    match name {
        b"meta" => {
            let key = attr(attrs, b"property")
                .or_else(|| attr(attrs, b"name"))
                .unwrap_or_default()
                .to_ascii_lowercase();
            let Some(content) = attr(attrs, b"content") else {
                return;
            };
            match key.as_str() {
                "og:title" if out.og_title.is_none() => out.og_title = Some(content),
                "og:url" if out.og_url.is_none() => out.og_url = Some(content),
                "article:published_time" if out.published.is_none() => {
                    out.published = Some((content, "article:published_time"));
                }
                _ => {}
            }
        }
        b"link" => {
            let canonical = attr(attrs, b"rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            });
            if canonical && out.canonical.is_none() {
                out.canonical = attr(attrs, b"href");
            }
        }
        b"time" if out.time.is_none() => out.time = attr(attrs, b"datetime"),
        _ => {}
    }
}

/// Reads `datePublished` from a JSON-LD block: the first found in a
/// depth-first walk of its objects and arrays (`@graph` included).
fn read_json_ld(json: &str, out: &mut Scan) {
    if out.json_ld_date.is_some() {
        return;
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json.trim()) else {
        return;
    };
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(d)) = map.get("datePublished") {
                    return Some(d.clone());
                }
                map.values().find_map(find)
            }
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    out.json_ld_date = find(&value);
}

/// The day of a metadata date: `2025-03-12T08:00:00+01:00` and
/// `2025-03-12 08:00` give `2025-03-12` (the publisher's own day, not
/// moved to UTC); anything else is checked as it is.
fn day_of(value: &str) -> String {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() > 10
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't' | b' ')
        && v.is_char_boundary(10)
    {
        return v[..10].to_string();
    }
    v.to_string()
}

/// The page's blocks that are the article's, in page order: equal text,
/// or (for a block of at least four words) one contained in the other
/// where Readability merged or trimmed blocks.
fn kept_blocks(page: &[Block], article: &[Block]) -> Vec<usize> {
    let mut kept = Vec::new();
    let mut next = 0usize;
    let words = |s: &str| s.split_whitespace().take(4).count();
    for (i, b) in page.iter().enumerate() {
        let found = article[next.min(article.len())..].iter().position(|a| {
            a.text == b.text
                || words(&b.text) >= 4
                    && (a.text.contains(b.text.as_str()) || b.text.contains(a.text.as_str()))
                    && words(&a.text) >= 4
        });
        if let Some(p) = found {
            kept.push(i);
            // A page block inside a merged article block: the next page
            // block may be inside the same one.
            next += if article[next + p].text == b.text {
                p + 1
            } else {
                p
            };
        }
    }
    kept
}

/// Fewer words than this once the boilerplate is gone: not an article (a
/// menu, a login wall, an index page of links).
pub const MIN_ARTICLE_WORDS: usize = 12;

/// Reads a web page.
///
/// # Errors
/// A skipping [`Warning`] for a binary page, a page with no article
/// (Readability finds no main text) or an empty article.
pub fn read_page(shown: &str, bytes: &[u8]) -> Result<(Page, Vec<Warning>), Warning> {
    let (decoded, mut warnings) = decode_page(shown, bytes)?;
    let html = decoded.text.as_str();
    let page = scan(html, true);
    let article = std::panic::catch_unwind(|| {
        let cfg = dom_smoothie::Config {
            disable_json_ld: false,
            ..Default::default()
        };
        dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse())
    });
    let article = match article {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => {
            return Err(skip(
                shown,
                &format!("no article found in the page ({e}), skipped"),
            ));
        }
        Err(_) => return Err(skip(shown, "the page could not be read as HTML, skipped")),
    };
    let content = scan(&article.content, false);
    let mut kept = kept_blocks(&page.blocks, &content.blocks);
    let words: usize = kept
        .iter()
        .map(|&i| page.blocks[i].text.split_whitespace().count())
        .sum();
    if words < MIN_ARTICLE_WORDS {
        return Err(skip(
            shown,
            &format!(
                "no article in the page ({words} words of text once navigation, scripts and \
                 boilerplate are left out; an article has at least {MIN_ARTICLE_WORDS}), skipped"
            ),
        ));
    }
    // The title: Readability's (which weighs og:title, JSON-LD and
    // <title> and strips a site's name), else the first <h1>, else <title>.
    let first_h1 = page
        .blocks
        .iter()
        .find(|b| b.headline)
        .map(|b| b.text.clone());
    let title = Some(collapse(&article.title))
        .filter(|t| !t.is_empty())
        .or_else(|| page.og_title.clone())
        .or(first_h1)
        .or_else(|| page.title.clone().filter(|t| !t.is_empty()));
    // The headline opens the text, as in a text file, if Readability left it out.
    if let Some(t) = &title
        && let Some(h) = page
            .blocks
            .iter()
            .position(|b| b.headline && b.text.eq_ignore_ascii_case(t))
        && !kept.contains(&h)
    {
        kept.push(h);
        kept.sort_unstable();
    }
    let mut text = String::new();
    let mut offsets = OffsetMap::default();
    let mut last_end = 0usize;
    for (n, &bi) in kept.iter().enumerate() {
        let block = &page.blocks[bi];
        let first = block.runs.first().map_or(last_end, |r| r.1);
        if n > 0 {
            // The blank line between blocks maps to the markup between them.
            text.push_str("\n\n");
            let (s, e, _) = decoded.span(last_end.min(first), first);
            offsets.push(2, s, e, false);
        }
        for &(len, s, e, literal) in &block.runs {
            let (ps, pe, same_bytes) = decoded.span(s, e);
            offsets.push(len, ps, pe, literal && same_bytes);
        }
        text.push_str(&block.text);
        last_end = block.runs.last().map_or(last_end, |r| r.2);
    }
    let date_source = page
        .published
        .clone()
        .or_else(|| {
            page.json_ld_date
                .clone()
                .map(|d| (d, "JSON-LD datePublished"))
        })
        .or_else(|| page.time.clone().map(|d| (d, "<time datetime>")));
    let date = match date_source {
        Some((d, from)) => meta::given_date(Some(day_of(&d))).unwrap_or_else(|m| {
            warnings.push(warn(shown, format!("{from}: {m}")));
            None
        }),
        None => None,
    };
    let url_source = page
        .canonical
        .clone()
        .map(|u| (u, "canonical link"))
        .or_else(|| page.og_url.clone().map(|u| (u, "og:url")));
    let url = match url_source {
        Some((u, from)) => meta::given_url(Some(u)).unwrap_or_else(|m| {
            warnings.push(warn(shown, format!("{from}: {m}")));
            None
        }),
        None => None,
    };
    Ok((
        Page {
            text,
            offsets,
            title,
            date,
            url,
        },
        warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        scan(html, false)
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn html_and_htm_in_any_case_are_pages_and_walked() {
        for (name, page) in [
            ("a.html", true),
            ("b.HTM", true),
            ("c.Html", true),
            ("d.txt", false),
            ("e.xhtml", false),
            ("html", false),
        ] {
            assert_eq!(is_html_path(Path::new(name)), page, "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.HTM", "c.md", "d.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (found, _) = super::super::walk::collect_files(&[dir.path().to_path_buf()]);
        let names: Vec<String> = found
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.html", "b.HTM", "d.txt"]);
    }

    #[test]
    fn blocks_collapse_whitespace_decode_references_and_skip_scripts() {
        assert_eq!(
            texts(
                "<p>Kim  met\n<b>Putin</b> &amp; Lavrov&#8217;s aide&nbsp;today.</p>\
                 <script>var x = '<p>no</p>';</script><style>p{}</style><div>Next<br>line</div>"
            ),
            [
                "Kim met Putin & Lavrov\u{2019}s aide today.",
                "Next",
                "line"
            ]
        );
    }

    #[test]
    fn every_character_maps_back_to_its_source_bytes() {
        let html = "<p>A&amp;B &#8217;x&copy\r\ny\u{e9}</p>";
        let block = &scan(html, false).blocks[0];
        assert_eq!(block.text, "A&B \u{2019}x\u{a9} y\u{e9}");
        let src: Vec<&str> = block.runs.iter().map(|r| &html[r.1..r.2]).collect();
        assert_eq!(
            src,
            [
                "A", "&amp;", "B", " ", "&#8217;", "x", "&copy", "\r\n", "y", "\u{e9}"
            ]
        );
    }

    #[test]
    fn offsets_map_literal_runs_byte_for_byte_and_others_whole() {
        let mut m = OffsetMap::default();
        m.push(3, 10, 13, true); // "abc" at 10
        m.push(1, 13, 18, false); // "&" from "&amp;"
        m.push(2, 18, 20, true); // "de"
        assert_eq!((m.start(0), m.end(3)), (10, 13));
        assert_eq!((m.start(1), m.end(2)), (11, 12));
        assert_eq!((m.start(3), m.end(4)), (13, 18));
        assert_eq!((m.start(4), m.end(6)), (18, 20));
        assert_eq!(m.start(6), 20);
        assert_eq!(m.end(0), 10);
    }

    #[test]
    fn metadata_dates_are_days_and_checked() {
        assert_eq!(day_of("2025-03-12T08:00:00+01:00"), "2025-03-12");
        assert_eq!(day_of(" 2025-03-12 "), "2025-03-12");
        assert_eq!(day_of("March 12"), "March 12");
        let mut s = Scan::default();
        read_json_ld(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-11-19T09:00:00Z"}]}"#,
            &mut s,
        );
        assert_eq!(s.json_ld_date.as_deref(), Some("2024-11-19T09:00:00Z"));
        let mut s = Scan::default();
        read_json_ld(
            r#"[{"@type":"Thing"},{"datePublished":"2023-07-21"}]"#,
            &mut s,
        );
        assert_eq!(s.json_ld_date.as_deref(), Some("2023-07-21"));
    }

    #[test]
    fn a_declared_charset_is_found_by_the_tokenizer() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<p>charset=x</p>"), None);
    }

    #[test]
    fn windows_1252_pages_map_each_character_to_its_byte() {
        let bytes = b"<meta charset=windows-1252><p>Caf\xe9 \x93quoted\x94 text here.</p>";
        let (d, w) = decode_page("a.html", bytes).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert!(
            d.text.contains("Caf\u{e9} \u{201c}quoted\u{201d}"),
            "{}",
            d.text
        );
        let at = d.text.find('\u{201c}').unwrap();
        assert_eq!(d.span(at, at + 3), (35, 36, false));
        let q = d.text.find("quoted").unwrap();
        assert_eq!(d.span(q, q + 6), (36, 42, true));
    }
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any bytes: a page or a warning, never a panic; every span of
        /// the text maps inside the page, in order.
        #[test]
        fn any_bytes_give_a_page_or_a_warning(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(b"<p>".to_vec()),
                    proptest::strategy::Just(b"</p>".to_vec()),
                    proptest::strategy::Just(b"<script>".to_vec()),
                    proptest::strategy::Just(b"&amp;".to_vec()),
                    proptest::strategy::Just(b"&#".to_vec()),
                    proptest::strategy::Just(b"<meta charset=windows-1252>".to_vec()),
                    proptest::strategy::Just(b"Kim met Putin in Moscow on Tuesday. ".to_vec()),
                    proptest::collection::vec(proptest::prelude::any::<u8>(), 0..8),
                ],
                0..60,
            )
        ) {
            let bytes: Vec<u8> = bytes.concat();
            if let Ok((page, _)) = read_page("f.html", &bytes) {
                let mut last = 0;
                for t in 0..=page.text.len() {
                    let (s, e) = (page.offsets.start(t), page.offsets.end(t));
                    proptest::prop_assert!(s <= bytes.len() && e <= bytes.len());
                    proptest::prop_assert!(e >= last, "end offsets go forward");
                    last = e;
                }
            }
        }
    }
}
