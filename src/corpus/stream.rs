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

use super::{Document, decode, read_document, walk};
use crate::error::Warning;
use std::collections::VecDeque;
use std::io::BufRead;
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

/// The documents of every input, in input order.
pub struct DocumentStream {
    sources: VecDeque<Source>,
    jsonl: Option<(String, Box<dyn BufRead + Send>, usize)>,
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
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl_line() {
                    return Some(item);
                }
                continue;
            }
            match self.sources.pop_front()? {
                Source::File(path) => {
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
