//! Every input as one ordered stream of documents, read one at a time.
//!
//! Inputs come in a fixed order: the files of the paths (sorted, as
//! [`walk::collect_files`] gives them), then standard input as one plain-text
//! document when a path is `-`, then each JSON Lines input in the order given
//! (`-` is standard input), line by line. Only the current document is held:
//! memory does not grow with the corpus. A JSON Lines record is
//! `{"id": ..., "text": ..., "date"?: ..., "title"?: ..., "url"?: ...}`; each
//! line is decoded on its own, and one that is not UTF-8, does not parse,
//! lacks `id` or `text`, or has an empty text is skipped with a warning naming
//! `FILE:LINE` while the next lines are read. A line longer than
//! [`DocumentStream::max_line_bytes`] stops the run ([`DocumentStream::fatal`]):
//! a record is held whole, so the cap is what bounds memory on a stream with
//! no line break. A `date` that is not a date and a `url` that is not an
//! http, https or file link are left out with a warning; an `id` an earlier
//! document has is kept apart as `ID@FILE:LINE` with a warning naming both
//! places (files get unique ids up front, see [`FileIds`]).
//!
//! A file bigger than [`PAGE_BYTES`] is read a page at a time, and so is
//! every stream (standard input, a pipe or device named as a path), whatever
//! its length: a stream of NUL bytes is binary after its first page. Each page ends
//! at a paragraph break (else a line break, a sentence end, a space, or at
//! worst a character boundary) and becomes a document of its own with the
//! file's id, date and title and a [`Document::base`] that keeps evidence
//! offsets those of the file. A 1 GB article is then held a few pages at a
//! time, and its pages are extracted in parallel like any other documents;
//! what crosses a page break (a pronoun whose antecedent is on the previous
//! page, a sentence cut in a page without breaks) is not linked.

use super::{Document, FileIds, decode, meta, read_file, walk};
use crate::error::{Error, Warning};
use rustc_hash::FxHashMap;
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
    /// A file and its index in the run's file list (for its id).
    File(PathBuf, usize),
    StdinText,
    Jsonl(PathBuf),
}

/// Files bigger than this are read and extracted a page of about this size
/// at a time (see the module documentation).
pub const PAGE_BYTES: usize = 1 << 20;

/// The longest JSON Lines line read unless raised (`--max-line-bytes`): a
/// record is held whole, so a stream with no line break (`/dev/zero`, a
/// file that is not JSON Lines) must not be.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// [`Document::doc_len`] of a page of a stream whose end is not reached yet:
/// big enough that no line of the page is in "the last part" of the
/// document, small enough that the arithmetic on it cannot overflow.
const UNKNOWN_LEN: usize = usize::MAX / 8;

/// Bytes at the head of a JSON Lines input looked at for binary content,
/// as at the head of a file.
const HEAD_BYTES: u64 = 8192;

/// A file or stream being read a page at a time.
struct Paged {
    shown: String,
    id: String,
    reader: Box<dyn Read + Send>,
    /// Input offset of the first byte of `carry`.
    offset: usize,
    /// The file's size when it was opened; `None` for a stream (a pipe, a
    /// device, standard input), whose size is known at its end.
    len: Option<usize>,
    /// Bytes read but not yet handed out as a page.
    carry: Vec<u8>,
    eof: bool,
    /// The first page's date and title, once it has been read.
    meta: Option<(Option<String>, Option<String>)>,
    /// Invalid UTF-8 is reported once per file, at its first offset.
    warned_utf8: bool,
    /// The file's index in the run's file list (`None` for standard input).
    file: Option<usize>,
}

/// A JSON Lines input being read.
struct Lines {
    name: String,
    /// Index of `name` in [`Taken::places`].
    place: u32,
    reader: Box<dyn BufRead + Send>,
    line_no: u64,
}

/// The document ids given so far and where, to tell a repeated JSON Lines
/// id (kept only when JSON Lines are read: file ids are unique by
/// construction).
#[derive(Default)]
struct Taken {
    /// Id -> (index in `places`, line; 0 for a whole file).
    ids: FxHashMap<Box<str>, (u32, u64)>,
    places: Vec<String>,
}

impl Taken {
    fn place(&mut self, name: &str) -> u32 {
        self.places.push(name.to_string());
        (self.places.len() - 1) as u32
    }

    fn describe(&self, (place, line): (u32, u64)) -> String {
        let name = self.places.get(place as usize).map_or("", String::as_str);
        if line == 0 {
            name.to_string()
        } else {
            format!("{name}:{line}")
        }
    }
}

/// The files of the paths while another thread still lists them
/// ([`walk::list_files`]).
struct Listed {
    /// `None` once the list is complete.
    rx: Option<std::sync::mpsc::Receiver<walk::Listing>>,
    /// Every file listed so far, in order; `found[next..]` are not opened yet.
    found: Vec<walk::Found>,
    next: usize,
    /// The listed files' sizes added up (`None`: a stream is among them).
    size: Option<u64>,
    /// Documents read before the list was complete, by their number in the
    /// stream ([`DocumentStream::renamed`]), with their file's index.
    early: Vec<(u64, usize)>,
}

/// The documents of every input, in input order.
pub struct DocumentStream {
    sources: VecDeque<Source>,
    ids: FileIds,
    jsonl: Option<Lines>,
    paged: Option<Paged>,
    /// Set when JSON Lines are among the inputs: ids are then checked.
    taken: Option<Taken>,
    /// Files bigger than this many bytes are read a page at a time
    /// ([`PAGE_BYTES`] unless changed); streams always are.
    pub page_bytes: usize,
    /// The longest JSON Lines line read ([`MAX_LINE_BYTES`] unless changed);
    /// a longer one ends the run with [`DocumentStream::fatal`].
    pub max_line_bytes: usize,
    /// Warnings found while listing the inputs (missing paths, link loops).
    pub walk_warnings: Vec<Warning>,
    /// Bytes of input known before reading (files' sizes); `None` when a
    /// stream (standard input, a pipe, a device) is among the inputs.
    pub total_bytes: Option<u64>,
    /// Bytes of input consumed so far (file sizes, JSON Lines line lengths).
    pub bytes_read: u64,
    /// The error that stopped the stream (a JSON Lines line past
    /// `max_line_bytes`); the stream yields nothing after it.
    pub fatal: Option<Error>,
    line: Vec<u8>,
    /// The files of the paths as another thread lists them, while it does.
    listed: Option<Listed>,
    /// The command-line paths the files are found under (standard input left out).
    roots: Vec<PathBuf>,
    /// Standard input is read as one plain-text document.
    stdin_text: bool,
    /// Documents handed out so far.
    yielded: u64,
    /// True once every document's id is known: the file list is complete
    /// (a file's id depends on the names of all the others, see [`FileIds`]).
    /// Until then a file's document takes the id its name would give it alone.
    pub ids_final: bool,
    /// Documents handed out before their id was known whose id is not the
    /// one they were given: (number in the stream from 0, id). Filled when the
    /// list completes; the caller takes them.
    pub renamed: Vec<(u64, String)>,
}

impl DocumentStream {
    /// Lists the inputs (files are walked and sorted and their ids chosen
    /// now; nothing is read yet).
    pub fn new(paths: &[PathBuf], jsonl: &[PathBuf]) -> DocumentStream {
        let stdin_text = paths.iter().any(|p| is_stdin(p));
        let real: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
        let (files, walk_warnings) = if real.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            walk::collect_files(&real)
        };
        let ids = FileIds::new(&files, &real, stdin_text);
        let mut total = Some(0u64);
        let mut add = |n: Option<u64>| total = total.and_then(|t| n.map(|n| t + n));
        // A stream's size is not known before it is read.
        let size = walk::input_size;
        for f in &files {
            add(size(&f.path));
        }
        if stdin_text {
            add(None);
        }
        for j in jsonl {
            add(if is_stdin(j) { None } else { size(j) });
        }
        let mut sources: VecDeque<Source> = files
            .into_iter()
            .enumerate()
            .map(|(i, f)| Source::File(f.path, i))
            .collect();
        if stdin_text {
            sources.push_back(Source::StdinText);
        }
        sources.extend(jsonl.iter().cloned().map(Source::Jsonl));
        DocumentStream {
            sources,
            ids,
            jsonl: None,
            paged: None,
            taken: (!jsonl.is_empty()).then(Taken::default),
            page_bytes: PAGE_BYTES,
            max_line_bytes: MAX_LINE_BYTES,
            walk_warnings,
            total_bytes: total,
            bytes_read: 0,
            fatal: None,
            line: Vec::new(),
            listed: None,
            roots: real,
            stdin_text,
            yielded: 0,
            ids_final: true,
            renamed: Vec::new(),
        }
    }

    /// The stream of [`DocumentStream::new`], whose files of `paths` another
    /// thread lists and hands over through `rx` ([`walk::list_files`] on
    /// `paths` without `-`): reading starts with the first file listed
    /// instead of after the whole walk. Documents read before the list is
    /// complete may get their final id later ([`DocumentStream::renamed`]);
    /// the walk's warnings and [`DocumentStream::total_bytes`] are known once it is.
    pub fn listed(
        paths: &[PathBuf],
        jsonl: &[PathBuf],
        rx: std::sync::mpsc::Receiver<walk::Listing>,
    ) -> DocumentStream {
        let stdin: Vec<PathBuf> = paths.iter().filter(|p| is_stdin(p)).cloned().collect();
        let mut stream = DocumentStream::new(&stdin, jsonl);
        stream.roots = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
        stream.ids_final = false;
        stream.total_bytes = None;
        stream.listed = Some(Listed {
            rx: Some(rx),
            found: Vec::new(),
            next: 0,
            size: Some(0),
            early: Vec::new(),
        });
        stream
    }

    /// The next listed file to read and its index, waiting for the lister
    /// if need be; `None` when every listed file has been opened and the
    /// list is complete. With JSON Lines among the inputs no file is read
    /// before the list is complete: their ids are checked against the files'.
    fn next_listed(&mut self) -> Option<(PathBuf, usize)> {
        let wait_for_end = self.taken.is_some();
        loop {
            let l = self.listed.as_mut()?;
            let Some(rx) = &l.rx else {
                let i = l.next;
                l.next += 1;
                return l.found.get(i).map(|f| (f.path.clone(), i));
            };
            let got = if l.next < l.found.len() && !wait_for_end {
                match rx.try_recv() {
                    Ok(m) => Some(m),
                    Err(std::sync::mpsc::TryRecvError::Empty) => {
                        let i = l.next;
                        l.next += 1;
                        return Some((l.found[i].path.clone(), i));
                    }
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
                }
            } else {
                rx.recv().ok()
            };
            match got {
                Some(walk::Listing::File(f, size)) => {
                    l.size = l.size.and_then(|t| size.map(|n| t + n));
                    l.found.push(f);
                }
                Some(walk::Listing::End(warnings)) => {
                    self.walk_warnings = warnings;
                    self.complete_listing();
                }
                // The lister stopped early (it panicked): what it listed is read.
                None => self.complete_listing(),
            }
        }
    }

    /// The file list is complete: the ids, the renamed documents and the total.
    fn complete_listing(&mut self) {
        let Some(l) = self.listed.as_mut() else {
            return;
        };
        l.rx = None;
        self.ids = FileIds::new(&l.found, &self.roots, self.stdin_text);
        for &(n, i) in &l.early {
            if let Some(id) = self.ids.shared.get(&i) {
                self.renamed.push((n, id.clone()));
            }
        }
        l.early = Vec::new();
        // The file being read a page at a time takes its id from now on.
        if let Some(p) = &mut self.paged
            && let Some(i) = p.file
        {
            p.id = self.ids.id(i, &l.found[i].path);
        }
        let mut total = l.size;
        let mut add = |n: Option<u64>| total = total.and_then(|t| n.map(|n| t + n));
        if self.stdin_text {
            add(None);
        }
        for s in &self.sources {
            if let Source::Jsonl(j) = s {
                add(if is_stdin(j) {
                    None
                } else {
                    walk::input_size(j)
                });
            }
        }
        self.total_bytes = total;
        self.ids_final = true;
    }

    /// Counts a document handed out, noting it if its id may still change.
    fn count_out(&mut self, item: &Item, file: Option<usize>) {
        if item.is_ok() {
            if let (Some(l), Some(i)) = (self.listed.as_mut(), file)
                && l.rx.is_some()
            {
                l.early.push((self.yielded, i));
            }
            self.yielded += 1;
        }
    }

    fn next_jsonl_line(&mut self) -> Option<Item> {
        let lines = self.jsonl.as_mut()?;
        loop {
            lines.line_no += 1;
            let here = format!("{}:{}", lines.name, lines.line_no);
            let cap = self.max_line_bytes;
            match read_line_capped(&mut *lines.reader, &mut self.line, cap) {
                Ok(Line::End) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(Line::TooLong(n)) => {
                    self.bytes_read += n as u64;
                    self.jsonl = None;
                    self.sources.clear();
                    self.fatal = Some(Error::Input {
                        path: here,
                        message: format!(
                            "line longer than {cap} bytes, the most a JSON Lines record may hold \
                             (--max-line-bytes raises it)"
                        ),
                    });
                    return None;
                }
                Ok(Line::Read(n)) => {
                    self.bytes_read += n as u64;
                    if self.line.trim_ascii().is_empty() {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.line);
                    // Each line is decoded on its own: a bad one skips itself only.
                    let text = match String::from_utf8(bytes) {
                        Ok(t) => t,
                        Err(e) => {
                            let at = e.utf8_error().valid_up_to();
                            self.line = e.into_bytes();
                            return Some(Err(skip(
                                &here,
                                format!("invalid UTF-8 at byte {at} of the line, line skipped"),
                            )));
                        }
                    };
                    let item = parse_record(&here, &text);
                    self.line = text.into_bytes();
                    let place = (lines.place, lines.line_no);
                    return Some(item.map(|(mut doc, mut w)| {
                        if let Some(taken) = &mut self.taken {
                            taken.give_unique_id(&mut doc, &mut w, place);
                        }
                        (doc, w)
                    }));
                }
                Err(e) => {
                    self.jsonl = None;
                    return Some(Err(skip(&here, format!("cannot read: {e}"))));
                }
            }
        }
    }

    /// Notes the id of a document read from a file or standard input, so a
    /// JSON Lines record that repeats it is told apart.
    fn note_file_id(&mut self, item: &Item) {
        if let (Some(taken), Ok((doc, _))) = (&mut self.taken, item)
            && !taken.ids.contains_key(doc.id.as_str())
        {
            let place = taken.place(&doc.path);
            taken.ids.insert(doc.id.as_str().into(), (place, 0));
        }
    }
}

impl Taken {
    /// Keeps `doc`'s JSON Lines id if no document had it, else gives it
    /// `ID@FILE:LINE` (and `~2`, ... if even that is taken) with a warning
    /// naming both lines: two records are two documents.
    fn give_unique_id(&mut self, doc: &mut Document, w: &mut Vec<Warning>, place: (u32, u64)) {
        if let Some(&earlier) = self.ids.get(doc.id.as_str()) {
            let base = format!("{}@{}", doc.id, doc.path);
            let mut id = base.clone();
            let mut n = 1;
            while self.ids.contains_key(id.as_str()) {
                n += 1;
                id = format!("{base}~{n}");
            }
            w.push(Warning {
                path: doc.path.clone(),
                message: format!(
                    "id {} repeats that of {}; both are kept, this one as {}",
                    crate::error::quote_input(&doc.id),
                    self.describe(earlier),
                    crate::error::quote_input(&id)
                ),
                skipped: false,
            });
            doc.id = id;
        }
        self.ids.insert(doc.id.as_str().into(), place);
    }
}

/// How reading one JSON Lines line ended.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line of this many bytes (its line break included) is in the buffer.
    Read(usize),
    /// The input has ended.
    End,
    /// The line is longer than the cap; this many bytes were read of it.
    TooLong(usize),
}

/// Reads one line into `buf` (its line break included), holding at most
/// `cap` bytes of it besides the line break.
fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> std::io::Result<Line> {
    buf.clear();
    let mut read = 0;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if read == 0 {
                Line::End
            } else {
                Line::Read(read)
            });
        }
        let (n, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if buf.len() + n - usize::from(done) > cap {
            r.consume(n);
            return Ok(Line::TooLong(read + n));
        }
        buf.extend_from_slice(&avail[..n]);
        r.consume(n);
        read += n;
        if done {
            return Ok(Line::Read(read));
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
    /// Starts reading `reader` a page at a time; `len` is its size if known.
    fn open_paged(
        &mut self,
        shown: String,
        id: String,
        reader: Box<dyn Read + Send>,
        len: Option<usize>,
        file: Option<usize>,
    ) {
        self.paged = Some(Paged {
            file,
            id,
            shown,
            reader,
            offset: 0,
            len,
            carry: Vec::new(),
            eof: false,
            meta: None,
            warned_utf8: false,
        });
    }

    /// The next page of the big file or stream being read, if any.
    fn next_page(&mut self) -> Option<Item> {
        let want = self.page_bytes.max(1);
        loop {
            let p = self.paged.as_mut()?;
            while !p.eof && p.carry.len() < want {
                let old = p.carry.len();
                p.carry.resize(want, 0);
                match p.reader.read(&mut p.carry[old..]) {
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
            // The document's length: the file's, or a stream's once its end is reached.
            let (last, len) = (p.eof && p.carry.is_empty(), p.len);
            let doc_len = |text_end: usize| match len {
                Some(len) => len.max(text_end),
                None if last => text_end,
                None => UNKNOWN_LEN,
            };
            match p.meta.clone() {
                None => {
                    // The first page: binary and empty checks, date and title.
                    match decode::decode_vec(&p.shown, bytes) {
                        Ok((text, mut w)) => {
                            p.warned_utf8 = !w.is_empty();
                            w.extend(meta::check_date_line(&p.shown, &text));
                            let mut doc = Document::new(
                                p.id.clone(),
                                p.shown.clone(),
                                text,
                                None,
                                None,
                                None,
                            );
                            doc.doc_len = doc_len(doc.text.len());
                            p.meta = Some((doc.date.clone(), doc.title.clone()));
                            return Some(Ok((doc, w)));
                        }
                        Err(w) => {
                            // A binary or empty head: the rest is not read.
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
                        doc_len: doc_len(base + text.len()),
                        text,
                        offsets: None,
                    };
                    return Some(Ok((doc, w)));
                }
            }
        }
    }

    /// Starts reading file `index` of the list: whole if it is a regular
    /// file no bigger than a page, else a page at a time (a big file, or a
    /// stream such as a pipe or a device named on the command line).
    fn open_file(&mut self, path: &Path, index: usize) -> Option<Item> {
        let id = self.ids.id(index, path);
        let shown = walk::display_path(path);
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() && m.len() <= self.page_bytes as u64 => {}
            // A web page is read whole: its article is found in the whole page.
            Ok(m) if m.is_file() && super::html::is_html_path(path) => {}
            Ok(m) => {
                let len = m
                    .is_file()
                    .then(|| usize::try_from(m.len()).unwrap_or(usize::MAX));
                return match std::fs::File::open(path) {
                    Ok(file) => {
                        self.open_paged(shown, id, Box::new(file), len, Some(index));
                        None
                    }
                    Err(e) => Some(Err(skip(&shown, format!("cannot read: {e}")))),
                };
            }
            // Said by reading it.
            Err(_) => {}
        }
        let item = read_file(path, id);
        if let Ok((doc, _)) = &item {
            // A web page's text is shorter than the page: count the page.
            self.bytes_read += match doc.offsets {
                Some(_) => std::fs::metadata(path).map_or(0, |m| m.len()),
                None => doc.text.len() as u64,
            };
        }
        Some(item)
    }

    /// Starts reading the JSON Lines input `path`: its head is checked for
    /// binary content as a file's is, then it is read a line at a time.
    fn open_jsonl(&mut self, path: &Path) -> Option<Item> {
        let name = walk::display_path(path);
        let mut reader: Box<dyn Read + Send> = if is_stdin(path) {
            Box::new(std::io::stdin())
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => return Some(Err(skip(&name, format!("cannot read: {e}")))),
            }
        };
        let mut head = Vec::new();
        if let Err(e) = (&mut reader).take(HEAD_BYTES).read_to_end(&mut head) {
            return Some(Err(skip(&name, format!("cannot read: {e}"))));
        }
        if let Err(w) = decode::check_binary(&name, &head) {
            self.bytes_read += head.len() as u64;
            return Some(Err(w));
        }
        let reader = std::io::Cursor::new(head).chain(reader);
        let place = self.taken.as_mut().map_or(0, |t| t.place(&name));
        self.jsonl = Some(Lines {
            name,
            place,
            reader: Box::new(std::io::BufReader::with_capacity(1 << 16, reader)),
            line_no: 0,
        });
        None
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
    #[serde(default)]
    text: Option<String>,
    /// A web page, read as a `.html` file is; offsets are then in it.
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// One JSON Lines record into a document; `here` is `FILE:LINE`. A `date`
/// that is not a date and a `url` that is not an http, https or file link
/// are left out with a warning.
fn parse_record(here: &str, line: &str) -> Item {
    let r: Record = serde_json::from_str(line).map_err(|e| {
        skip(
            here,
            format!(
                "expected a JSON object with \"id\" and \"text\" or \"html\", found an error: {e}"
            ),
        )
    })?;
    let mut warnings = Vec::new();
    let mut warn = |message: String| {
        warnings.push(Warning {
            path: here.to_string(),
            message: format!("document {}: {message}", crate::error::quote_input(&r.id)),
            skipped: false,
        })
    };
    let text = match (r.text, &r.html) {
        (Some(_), Some(_)) => {
            warn("has both \"text\" and \"html\"; the html is read".to_string());
            None
        }
        (text, _) => text,
    };
    if text.is_none() && r.html.is_none() {
        return Err(skip(
            here,
            "expected a JSON object with \"id\" and \"text\" or \"html\", found neither text nor html"
                .to_string(),
        ));
    }
    let date = meta::given_date(r.date).unwrap_or_else(|m| {
        warn(m);
        None
    });
    let url = meta::given_url(r.url).unwrap_or_else(|m| {
        warn(m);
        None
    });
    if let Some(html) = r.html {
        // A page's warnings name the record's line and id, as the record's own do.
        let about = |mut w: Warning| {
            w.path = here.to_string();
            w.message = format!(
                "document {}: {}",
                crate::error::quote_input(&r.id),
                w.message
            );
            w
        };
        let (page, page_warnings) = super::html::read_page(here, html.as_bytes()).map_err(about)?;
        warnings.extend(page_warnings.into_iter().map(about));
        // What the record gives wins over what the page says.
        let mut doc = Document::from_page(r.id, here.to_string(), page);
        doc.date = date.or(doc.date);
        doc.title = r.title.or(doc.title);
        doc.url = url.or(doc.url);
        return Ok((doc, warnings));
    }
    let text = text.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(skip(here, "empty text, skipped".to_string()));
    }
    if date.is_none()
        && let Some(w) = meta::check_date_line(here, &text)
    {
        warnings.push(w);
    }
    Ok((
        Document::new(r.id, here.to_string(), text, date, r.title, url),
        warnings,
    ))
}

impl Iterator for DocumentStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(p) = &self.paged {
                let file = p.file;
                if let Some(item) = self.next_page() {
                    self.note_file_id(&item);
                    self.count_out(&item, file);
                    return Some(item);
                }
                continue;
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl_line() {
                    self.count_out(&item, None);
                    return Some(item);
                }
                continue;
            }
            if self.listed.is_some() {
                match self.next_listed() {
                    Some((path, index)) => {
                        if let Some(item) = self.open_file(&path, index) {
                            self.note_file_id(&item);
                            self.count_out(&item, Some(index));
                            return Some(item);
                        }
                    }
                    None => self.listed = None,
                }
                continue;
            }
            let item = match self.sources.pop_front()? {
                Source::File(path, index) => self.open_file(&path, index),
                Source::StdinText => {
                    // Read in pages like any stream: never whole.
                    let id = self.ids.stdin.clone();
                    self.open_paged("-".to_string(), id, Box::new(std::io::stdin()), None, None);
                    None
                }
                Source::Jsonl(path) => self.open_jsonl(&path),
            };
            if let Some(item) = item {
                self.note_file_id(&item);
                self.count_out(&item, None);
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (id, path, text, base) of each document, or the skip's message.
    type Seen = Vec<Result<(String, String, String, usize), String>>;

    fn seen(item: Item) -> Result<(String, String, String, usize), String> {
        item.map(|(d, _)| (d.id, d.path, d.text, d.base))
            .map_err(|w| w.to_string())
    }

    /// A stream whose files come from another thread as it lists them reads
    /// the same documents as one listed first. Documents read before the
    /// list is complete take the id their name gives them alone; those whose
    /// name another file shares are renamed when the list completes (by
    /// their number in the stream), and a big file read a page at a time
    /// takes its final id for its later pages.
    #[test]
    fn a_stream_read_while_its_files_are_listed_gives_the_same_documents() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("c");
        let big = "Kim met Putin in Moscow.\n\n".repeat(40);
        for (f, text) in [
            ("a/story.txt", "First story."),
            ("b/feed.txt", big.as_str()),
            ("b/story.txt", "Second story."),
            ("c/empty.txt", ""),
            ("d/feed.txt", "Another feed."),
            ("notes.txt", "Notes."),
        ] {
            let path = top.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let paths = std::slice::from_ref(&top);
        let mut whole = DocumentStream::new(paths, &[]);
        whole.page_bytes = 256;
        let expected: Seen = whole.by_ref().map(seen).collect();
        assert!(expected.len() > 8, "{expected:?}");

        let (tx, rx) = std::sync::mpsc::channel();
        let mut files = Vec::new();
        let mut end = None;
        walk::list_files(paths, &mut |m| {
            match m {
                walk::Listing::File(..) => files.push(m),
                walk::Listing::End(_) => end = Some(m),
            }
            true
        });
        let mut stream = DocumentStream::listed(paths, &[], rx);
        stream.page_bytes = 256;
        // Every file is listed but the list is not complete: the first four
        // documents (the first story and three pages of the feed) are read
        // before it is.
        for f in files {
            tx.send(f).unwrap();
        }
        let mut got: Seen = stream.by_ref().take(4).map(seen).collect();
        assert!(!stream.ids_final);
        assert_eq!(stream.total_bytes, None);
        assert!(stream.renamed.is_empty());
        tx.send(end.unwrap()).unwrap();
        got.extend(stream.by_ref().map(seen));
        assert!(stream.ids_final);
        assert_eq!(stream.total_bytes, whole.total_bytes);
        assert_eq!(stream.walk_warnings, whole.walk_warnings);
        // Renamed: the first story and every page of the feed, which was
        // being read when the list completed (the next file is what looks
        // at the list again).
        let pages = expected
            .iter()
            .filter(|d| d.as_ref().is_ok_and(|d| d.1.ends_with("b/feed.txt")))
            .count();
        assert!(pages > 4, "{expected:?}");
        let mut want = vec![(0, "a/story.txt".to_string())];
        want.extend((1..=pages as u64).map(|n| (n, "b/feed.txt".to_string())));
        assert_eq!(stream.renamed, want);
        for (n, id) in &stream.renamed {
            if let Ok(doc) = &mut got[*n as usize] {
                assert_eq!(
                    doc.0,
                    id.rsplit('/').next().unwrap().trim_end_matches(".txt")
                );
                doc.0 = id.clone();
            }
        }
        assert_eq!(got, expected);
    }

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
    fn jsonl_record_leaves_out_a_bad_date_and_url_with_warnings_naming_it() {
        let (doc, w) = parse_record(
            "a.jsonl:3",
            r#"{"id":"x1","text":"date 2025-06-31\nKim met Putin.","date":"2025-13-45","url":"javascript:alert(1)"}"#,
        )
        .unwrap();
        assert_eq!((doc.date, doc.url), (None, None));
        let said: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "a.jsonl:3: document \"x1\": date \"2025-13-45\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD), left out",
                "a.jsonl:3: document \"x1\": url \"javascript:alert(1)\" is not an http, https or file link, left out",
                "a.jsonl:3: date line \"2025-06-31\" is not a date (expected YYYY-MM-DD), left out",
            ]
        );
        assert!(w.iter().all(|w| !w.skipped));
    }

    #[test]
    fn a_line_is_read_whole_up_to_the_cap_and_no_further() {
        let mut r = std::io::BufReader::with_capacity(4, &b"abcd\nabcde\n\nxyz"[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::Read(5)
        );
        assert_eq!(buf, b"abcd\n");
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::TooLong(_)
        ));
        let mut r = std::io::BufReader::with_capacity(4, &b"abcde\n\nxyz"[..]);
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::Read(6)
        );
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::Read(1)
        );
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::Read(3)
        );
        assert_eq!(buf, b"xyz");
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), Line::End);
    }

    #[test]
    fn jsonl_goes_on_after_a_line_of_invalid_utf8_and_keeps_repeated_ids_apart() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.jsonl");
        let mut bytes =
            b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"T\xffwo.\"}\n".to_vec();
        bytes.extend(b"{\"id\":\"a\",\"text\":\"Three.\"}\n");
        std::fs::write(&p, bytes).unwrap();
        let items: Vec<Item> = DocumentStream::new(&[], &[p]).collect();
        assert_eq!(items.len(), 3);
        let bad = items[1].as_ref().unwrap_err();
        assert!(bad.path.ends_with("r.jsonl:2") && bad.skipped, "{bad}");
        assert_eq!(
            bad.message,
            "invalid UTF-8 at byte 19 of the line, line skipped"
        );
        let (doc, w) = items[2].as_ref().unwrap();
        assert!(
            doc.id.starts_with("a@") && doc.id.ends_with("r.jsonl:3"),
            "{}",
            doc.id
        );
        assert!(w[0].message.contains("repeats that of "), "{}", w[0]);
        assert!(
            w[0].message.contains("r.jsonl:1; both are kept"),
            "{}",
            w[0]
        );
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
