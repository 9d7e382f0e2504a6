//! Reading the corpus: paths in, [`Document`]s out.
//!
//! `walk` expands paths into a sorted list of files, `decode` turns bytes into
//! text (BOM, invalid UTF-8, binary detection), `meta` finds the date and the
//! title. What a document says is left to `text` and later stages.

pub mod decode;
pub mod meta;
pub mod stream;
pub mod walk;

use crate::error::Warning;

/// One article: its id, where it came from, its full text and what the text
/// says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// File name without extension, or the JSON Lines `id`.
    pub id: String,
    /// The path as given, with `/`.
    pub path: String,
    /// The decoded text; every span in later stages is a byte range of it.
    pub text: String,
    /// ISO 8601 date from a leading `date YYYY-MM-DD` or a dateline.
    pub date: Option<String>,
    /// The headline, where the text has one.
    pub title: Option<String>,
    /// The source URL, where the input gave one.
    pub url: Option<String>,
    /// Byte offset where the article's own text starts (after a `date` prefix).
    pub body_start: usize,
    /// Byte offset of `text` in its file: 0, except for the later pages of a
    /// file too big to hold at once (see [`stream::PAGE_BYTES`]), whose spans
    /// are shifted by it so evidence offsets stay those of the file.
    pub base: usize,
    /// Bytes of the whole document: the text's, or the file's for a page.
    pub doc_len: usize,
}

impl Document {
    /// Makes a document from decoded text, finding its date and title.
    ///
    /// `date` and `title` given by the input (JSON Lines) win over what the
    /// text says.
    pub fn new(
        id: String,
        path: String,
        text: String,
        date: Option<String>,
        title: Option<String>,
        url: Option<String>,
    ) -> Document {
        let found = meta::read_meta(&text);
        Document {
            id,
            path,
            date: date.or(found.date),
            title: title.or(found.title),
            url,
            body_start: found.body_start,
            base: 0,
            doc_len: text.len(),
            text,
        }
    }
}

/// Reads one file into a document, or says why it was skipped.
///
/// # Errors
/// A [`Warning`] with `skipped = true` for unreadable, binary or empty files.
pub fn read_document(path: &std::path::Path) -> Result<(Document, Vec<Warning>), Warning> {
    let shown = walk::display_path(path);
    let bytes = std::fs::read(path).map_err(|e| Warning {
        path: shown.clone(),
        message: format!("cannot read: {e}"),
        skipped: true,
    })?;
    let (text, warnings) = decode::decode_vec(&shown, bytes)?;
    let id = document_id(path, &shown);
    Ok((Document::new(id, shown, text, None, None, None), warnings))
}

/// A file's document id: its name without the extension.
pub(crate) fn document_id(path: &std::path::Path, shown: &str) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.to_string())
}
