//! Every input as one ordered stream of documents, read one at a time.
//!
//! Inputs come in a fixed order: the files of the paths (sorted, as
//! [`walk::collect_files`] gives them), then standard input as one plain-text
//! document when a path is `-`, then each JSON Lines input in the order given
//! (`-` is standard input), line by line. Only the current document is held:
//! memory does not grow with the corpus. A JSON Lines record is
//! `{"id": ..., "text": ..., "date"?: ..., "title"?: ..., "url"?: ...}`; a
//! record that does not parse, lacks `id` or `text`, or has an empty text is
//! skipped with a warning naming `FILE:LINE`.
//!
//! A file bigger than [`PAGE_BYTES`] is read a page at a time: each page ends
//! at a paragraph break (else a line break, a sentence end, a space, or at
//! worst a character boundary) and becomes a document of its own with the
//! file's id, date and title and a [`Document::base`] that keeps evidence
//! offsets those of the file. A 1 GB article is then held a few pages at a
//! time, and its pages are extracted in parallel like any other documents;
//! what crosses a page break (a pronoun whose antecedent is on the previous
//! page, a sentence cut in a page without breaks) is not linked.

use super::{Document, decode, document_id, read_document, walk};
use crate::error::Warning;
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// What the stream yields for one input: a document and its repair warnings,
/// or the warning that says why it was skipped.
pub type Item = Result<(Document, Vec<Warning>), Warning>;

/// `-` as a path: standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

enum Source {
    File(PathBuf),
    StdinText,
    Jsonl(PathBuf),
}

/// Files bigger than this are read and extracted a page of about this size
/// at a time (see the module documentation).
pub const PAGE_BYTES: usize = 1 << 20;

/// A big file being read a page at a time.
struct Paged {
    shown: String,
    id: String,
    file: std::fs::File,
    /// File offset of the first byte of `carry`.
    offset: usize,
    /// The file's size when it was opened.
    len: usize,
    /// Bytes read but not yet handed out as a page.
    carry: Vec<u8>,
    eof: bool,
    /// The first page's date and title, once it has been read.
    meta: Option<(Option<String>, Option<String>)>,
    /// Invalid UTF-8 is reported once per file, at its first offset.
    warned_utf8: bool,
}

/// The documents of every input, in input order.
pub struct DocumentStream {
    sources: VecDeque<Source>,
    jsonl: Option<(String, Box<dyn BufRead + Send>, usize)>,
    paged: Option<Paged>,
    /// Files bigger than this many bytes are read a page at a time
    /// ([`PAGE_BYTES`] unless changed).
    pub page_bytes: usize,
    /// Warnings found while listing the inputs (missing paths, link loops).
    pub walk_warnings: Vec<Warning>,
    /// Bytes of input known before reading (files' sizes); `None` when a
    /// stream (standard input) is among the inputs.
    pub total_bytes: Option<u64>,
    /// Bytes of input consumed so far (file sizes, JSON Lines line lengths).
    pub bytes_read: u64,
    line: String,
}

impl DocumentStream {
    /// Lists the inputs (files are walked and sorted now; nothing is read yet).
    pub fn new(paths: &[PathBuf], jsonl: &[PathBuf]) -> DocumentStream {
        let stdin_text = paths.iter().any(|p| is_stdin(p));
        let real: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
        let (files, walk_warnings) = if real.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            walk::collect_files(&real)
        };
        let mut total = Some(0u64);
        let mut add = |n: Option<u64>| total = total.and_then(|t| n.map(|n| t + n));
        for f in &files {
            add(std::fs::metadata(f).map(|m| m.len()).ok().or(Some(0)));
        }
        if stdin_text {
            add(None);
        }
        for j in jsonl {
            add(if is_stdin(j) {
                None
            } else {
                std::fs::metadata(j).map(|m| m.len()).ok().or(Some(0))
            });
        }
        let mut sources: VecDeque<Source> = files.into_iter().map(Source::File).collect();
        if stdin_text {
            sources.push_back(Source::StdinText);
        }
        sources.extend(jsonl.iter().cloned().map(Source::Jsonl));
        DocumentStream {
            sources,
            jsonl: None,
            paged: None,
            page_bytes: PAGE_BYTES,
            walk_warnings,
            total_bytes: total,
            bytes_read: 0,
            line: String::new(),
        }
    }

    fn next_jsonl_line(&mut self) -> Option<Item> {
        let (name, reader, line_no) = self.jsonl.as_mut()?;
        loop {
            self.line.clear();
            *line_no += 1;
            let here = format!("{name}:{line_no}");
            match reader.read_line(&mut self.line) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(n) => {
                    self.bytes_read += n as u64;
                    if self.line.trim().is_empty() {
                        continue;
                    }
                    return Some(parse_record(&here, &self.line));
                }
                Err(e) => {
                    self.jsonl = None;
                    return Some(Err(skip(&here, format!("cannot read: {e}"))));
                }
            }
        }
    }
}

/// Where to end a page of `buf` (more follows): after the last paragraph
/// break in its second half, else the last line break, sentence end or
/// space there, else before the last character, so a character is never cut.
fn page_cut(buf: &[u8]) -> usize {
    let half = buf.len() / 2;
    let tail = &buf[half..];
    let after = |i: Option<usize>, len: usize| i.map(|i| half + i + len);
    after(tail.windows(2).rposition(|w| w == b"\n\n"), 2)
        .or_else(|| after(tail.iter().rposition(|&b| b == b'\n'), 1))
        .or_else(|| {
            after(
                tail.windows(2)
                    .rposition(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' '),
                2,
            )
        })
        .or_else(|| after(tail.iter().rposition(u8::is_ascii_whitespace), 1))
        .unwrap_or_else(|| {
            // No break at all: end before the last character's first byte.
            let mut c = buf.len().saturating_sub(1);
            while c > 0 && buf[c] & 0xC0 == 0x80 {
                c -= 1;
            }
            if c == 0 { buf.len() } else { c }
        })
}

impl DocumentStream {
    /// Starts reading `path` a page at a time.
    fn open_paged(&mut self, path: &Path, file: std::fs::File, len: usize) {
        let shown = walk::display_path(path);
        self.paged = Some(Paged {
            id: document_id(path, &shown),
            shown,
            file,
            offset: 0,
            len,
            carry: Vec::new(),
            eof: false,
            meta: None,
            warned_utf8: false,
        });
    }

    /// The next page of the big file being read, if any.
    fn next_page(&mut self) -> Option<Item> {
        let want = self.page_bytes.max(1);
        loop {
            let p = self.paged.as_mut()?;
            while !p.eof && p.carry.len() < want {
                let old = p.carry.len();
                p.carry.resize(want, 0);
                match p.file.read(&mut p.carry[old..]) {
                    Ok(0) => {
                        p.carry.truncate(old);
                        p.eof = true;
                    }
                    Ok(n) => p.carry.truncate(old + n),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => p.carry.truncate(old),
                    Err(e) => {
                        // The pages already read stay in the graph; say where reading stopped.
                        let at = p.offset + old;
                        let w = Warning {
                            path: p.shown.clone(),
                            message: format!(
                                "cannot read past byte {at}: {e}; the rest is left out"
                            ),
                            skipped: p.meta.is_none(),
                        };
                        self.paged = None;
                        return Some(Err(w));
                    }
                }
            }
            if p.carry.is_empty() {
                self.paged = None;
                return None;
            }
            let cut = if p.eof {
                p.carry.len()
            } else {
                page_cut(&p.carry)
            };
            let rest = p.carry.split_off(cut);
            let bytes = std::mem::replace(&mut p.carry, rest);
            let base = p.offset;
            p.offset += bytes.len();
            self.bytes_read += bytes.len() as u64;
            match p.meta.clone() {
                None => {
                    // The first page: binary and empty checks, date and title.
                    match decode::decode_vec(&p.shown, bytes) {
                        Ok((text, w)) => {
                            p.warned_utf8 = !w.is_empty();
                            let mut doc = Document::new(
                                p.id.clone(),
                                p.shown.clone(),
                                text,
                                None,
                                None,
                                None,
                            );
                            doc.doc_len = p.len.max(doc.text.len());
                            p.meta = Some((doc.date.clone(), doc.title.clone()));
                            return Some(Ok((doc, w)));
                        }
                        Err(w) => {
                            self.paged = None;
                            return Some(Err(w));
                        }
                    }
                }
                Some((date, title)) => {
                    let (text, w) = decode::decode_page(&p.shown, bytes, base);
                    let w: Vec<Warning> = w.filter(|_| !p.warned_utf8).into_iter().collect();
                    p.warned_utf8 |= !w.is_empty();
                    if text.trim().is_empty() {
                        continue;
                    }
                    let doc = Document {
                        id: p.id.clone(),
                        path: p.shown.clone(),
                        date,
                        title,
                        url: None,
                        body_start: 0,
                        base,
                        doc_len: p.len.max(base + text.len()),
                        text,
                    };
                    return Some(Ok((doc, w)));
                }
            }
        }
    }
}

fn skip(path: &str, message: String) -> Warning {
    Warning {
        path: path.to_string(),
        message,
        skipped: true,
    }
}

#[derive(serde::Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// One JSON Lines record into a document; `here` is `FILE:LINE`.
fn parse_record(here: &str, line: &str) -> Item {
    let r: Record = serde_json::from_str(line).map_err(|e| {
        skip(
            here,
            format!("expected a JSON object with \"id\" and \"text\", found an error: {e}"),
        )
    })?;
    if r.text.trim().is_empty() {
        return Err(skip(here, "empty text, skipped".to_string()));
    }
    Ok((
        Document::new(r.id, here.to_string(), r.text, r.date, r.title, r.url),
        Vec::new(),
    ))
}

impl Iterator for DocumentStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.paged.is_some() {
                if let Some(item) = self.next_page() {
                    return Some(item);
                }
                continue;
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl_line() {
                    return Some(item);
                }
                continue;
            }
            match self.sources.pop_front()? {
                Source::File(path) => {
                    let big = std::fs::metadata(&path)
                        .ok()
                        .filter(|m| m.is_file() && m.len() > self.page_bytes as u64);
                    if let Some(m) = big
                        && let Ok(file) = std::fs::File::open(&path)
                    {
                        self.open_paged(&path, file, m.len() as usize);
                        continue;
                    }
                    let item = read_document(&path);
                    if let Ok((doc, _)) = &item {
                        self.bytes_read += doc.text.len() as u64;
                    }
                    return Some(item);
                }
                Source::StdinText => {
                    let mut bytes = Vec::new();
                    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                        return Some(Err(skip("-", format!("cannot read: {e}"))));
                    }
                    self.bytes_read += bytes.len() as u64;
                    return Some(decode::decode("-", &bytes).map(|(text, w)| {
                        (
                            Document::new(
                                "stdin".to_string(),
                                "-".to_string(),
                                text,
                                None,
                                None,
                                None,
                            ),
                            w,
                        )
                    }));
                }
                Source::Jsonl(path) => {
                    let name = walk::display_path(&path);
                    let reader: Box<dyn BufRead + Send> = if is_stdin(&path) {
                        Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
                    } else {
                        match std::fs::File::open(&path) {
                            Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
                            Err(e) => return Some(Err(skip(&name, format!("cannot read: {e}")))),
                        }
                    };
                    self.jsonl = Some((name, reader, 0));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_record_gives_id_text_and_given_date() {
        let (doc, _) = parse_record(
            "a.jsonl:1",
            r#"{"id":"x1","text":"Kim met Putin.","date":"2025-01-02","url":"https://e.x/1"}"#,
        )
        .unwrap();
        assert_eq!(doc.id, "x1");
        assert_eq!(doc.path, "a.jsonl:1");
        assert_eq!(doc.date.as_deref(), Some("2025-01-02"));
        assert_eq!(doc.url.as_deref(), Some("https://e.x/1"));
    }

    #[test]
    fn jsonl_record_without_text_is_skipped_naming_its_line() {
        let w = parse_record("a.jsonl:7", r#"{"id":"x1"}"#).unwrap_err();
        assert_eq!(w.path, "a.jsonl:7");
        assert!(w.skipped);
        let w = parse_record("a.jsonl:8", "not json").unwrap_err();
        assert!(
            w.message.starts_with("expected a JSON object"),
            "{}",
            w.message
        );
        assert!(parse_record("a.jsonl:9", r#"{"id":"x","text":"  "}"#).is_err());
    }

    #[test]
    fn a_page_ends_at_the_last_paragraph_break_else_a_line_sentence_or_space() {
        assert_eq!(page_cut(b"aaaa\n\nbbbb\n\ncc"), 12);
        assert_eq!(page_cut(b"aaaa\n\nbbbb\ncccc"), 11);
        assert_eq!(page_cut(b"aaaa bbbb. cccc dd"), 11);
        assert_eq!(page_cut(b"aaaa bbbb cccc dd"), 15);
        // A break only in the first half would give tiny pages: not taken.
        assert_eq!(page_cut(b"a\n\nbbbbbbbbbbbbbbbbbb"), 20);
        // No break at all: the cut never lands inside a character.
        let hangul = "김".repeat(10);
        let cut = page_cut(hangul.as_bytes());
        assert!(hangul.is_char_boundary(cut) && cut > 0 && cut < hangul.len());
    }

    /// The documents the stream yields for `bytes` written to `big.txt`, read in pages of `page`.
    fn pages(bytes: &[u8], page: usize) -> (Vec<Item>, PathBuf, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, bytes).unwrap();
        let mut stream = DocumentStream::new(std::slice::from_ref(&p), &[]);
        stream.page_bytes = page;
        (stream.collect(), p, dir)
    }

    #[test]
    fn a_big_file_comes_in_pages_that_rebuild_it_with_its_offsets_date_and_title() {
        let mut text = String::from("date 2025-06-17\nNorth Korea sends troops to Russia\n\n");
        for i in 0..200 {
            text.push_str(&format!(
                "Paragraph {i} says Kim Jong Un met Vladimir Putin. Again.\n\n"
            ));
        }
        let (items, p, _dir) = pages(text.as_bytes(), 1000);
        assert!(items.len() > 5, "{} pages", items.len());
        let mut rebuilt = String::new();
        for item in &items {
            let (doc, warnings) = item.as_ref().unwrap();
            assert!(warnings.is_empty());
            assert_eq!(doc.id, "big");
            assert_eq!(doc.path, walk::display_path(&p));
            assert_eq!(
                doc.base,
                rebuilt.len(),
                "each page starts where the last ended"
            );
            assert!(doc.text.len() <= 1000);
            assert_eq!(doc.date.as_deref(), Some("2025-06-17"));
            assert_eq!(
                doc.title.as_deref(),
                Some("North Korea sends troops to Russia")
            );
            rebuilt.push_str(&doc.text);
        }
        assert_eq!(rebuilt, text);
        assert!(
            items[1..]
                .iter()
                .all(|i| i.as_ref().unwrap().0.text.ends_with("\n\n")
                    || i.as_ref().unwrap().0.base + 1000 > text.len())
        );
    }

    #[test]
    fn a_big_file_reports_invalid_utf8_once_at_its_file_offset() {
        let mut bytes = b"Kim Jong Un met Vladimir Putin in Pyongyang.\n\n".repeat(100);
        let at = bytes.len() - 10;
        bytes[at] = 0xff;
        bytes[at - 200] = 0xfe;
        let (items, _p, _dir) = pages(&bytes, 1000);
        let warnings: Vec<&Warning> = items.iter().flat_map(|i| &i.as_ref().unwrap().1).collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].message,
            format!("invalid UTF-8 at byte {}, replaced", at - 200)
        );
        let total: usize = items.iter().map(|i| i.as_ref().unwrap().0.text.len()).sum();
        assert_eq!(total, bytes.len(), "each bad byte is one `?`: offsets hold");
    }

    #[test]
    fn a_big_binary_file_is_skipped_whole() {
        let mut bytes = vec![b'a'; 5000];
        bytes[10] = 0;
        let (items, _p, _dir) = pages(&bytes, 1000);
        assert_eq!(items.len(), 1);
        let w = items[0].as_ref().unwrap_err();
        assert!(w.skipped && w.message.contains("binary"), "{}", w.message);
    }

    #[test]
    fn jsonl_file_streams_in_line_order_skipping_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"id\":\"b\",\"text\":\"Two.\"}\nbad\n",
        )
        .unwrap();
        let items: Vec<Item> = DocumentStream::new(&[], &[p]).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().0.id, "a");
        assert_eq!(items[1].as_ref().unwrap().0.id, "b");
        assert!(items[2].as_ref().unwrap_err().path.ends_with("c.jsonl:4"));
    }
}
