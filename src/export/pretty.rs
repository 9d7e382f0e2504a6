//! serde_json's pretty layout (two-space indent, `": "` after keys), with
//! each line's newline and indentation written in one call. serde_json's
//! `PrettyFormatter` writes the indentation one level at a time: at the
//! depth of a link's evidence that was four writes per line, a tenth of the
//! JSON export. The bytes are the same (tested against `to_writer_pretty`).
//!
//! Two ways to write it: [`to_writer_pretty`] for any `Serialize` value, and
//! [`PrettyJson`], which the caller drives key by key without serde (the
//! JSON export: its strings are escaped by [`push_json_str`], not by
//! serde_json's byte-at-a-time loop).

use super::sink::{Blocks, Held, Sink, par_blocks, push_json_str, push_u64};
use serde::Serialize;
use std::io::{self, Write};

/// A comma, a newline and 128 spaces: a line break with its indentation is
/// one slice of it.
const BREAK: &[u8; 130] = b",\n                                                                                                                                ";
const MAX_INDENT: usize = BREAK.len() - 2;

#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A newline (after a comma when `comma`) and the current indentation.
    fn newline<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let n = 2 * self.depth;
        let from = usize::from(!comma);
        w.write_all(&BREAK[from..2 + n.min(MAX_INDENT)])?;
        let mut rest = n.saturating_sub(MAX_INDENT);
        while rest > 0 {
            let k = rest.min(MAX_INDENT);
            w.write_all(&BREAK[2..2 + k])?;
            rest -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` would.
///
/// The serializer writes into a [`Sink`]: its many small writes (every key,
/// string fragment and indent) are appends to a `Vec`, and `out` (often a
/// `&mut dyn Write`) gets one call per chunk.
pub(crate) fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
) -> io::Result<()> {
    let mut sink = Sink::new(out);
    let mut ser = serde_json::Serializer::with_formatter(&mut sink, Pretty::default());
    value.serialize(&mut ser).map_err(io::Error::from)?;
    sink.finish()
}

/// Writes JSON in serde_json's pretty layout without serde: the caller says
/// where objects and arrays open and close, names each key and writes each
/// value, and the layout (newlines, indentation, commas, `": "`) comes out
/// byte for byte as [`to_writer_pretty`] would give it. Strings go through
/// [`push_json_str`], which copies runs with nothing to escape whole
/// (serde_json looks at every byte: a third of the JSON export).
pub(crate) struct PrettyJson<W: Write> {
    sink: Sink<W>,
    state: Pretty,
}

impl<W: Write> PrettyJson<W> {
    pub(crate) fn new(out: W) -> Self {
        PrettyJson {
            sink: Sink::new(out),
            state: Pretty::default(),
        }
    }

    /// Before a value in an array or a key in an object: the comma (not
    /// before the first) and the line break with its indentation.
    #[inline(always)]
    fn item(&mut self) {
        let first = !self.state.has_value;
        self.state.has_value = true;
        // Writing to a `Vec` cannot fail.
        let _ = self.state.newline(self.sink.buf(), !first);
    }

    /// Opens an object (`b'{'`) or an array (`b'['`).
    #[inline]
    pub(crate) fn open(&mut self, bracket: u8) {
        self.state.depth += 1;
        self.state.has_value = false;
        self.sink.buf().push(bracket);
    }

    /// Closes what [`PrettyJson::open`] opened (`b'}'` or `b']'`); an empty
    /// one stays on its line (`[]`, `{}`).
    #[inline]
    pub(crate) fn close(&mut self, bracket: u8) {
        self.state.depth -= 1;
        if self.state.has_value {
            let _ = self.state.newline(self.sink.buf(), false);
        }
        // The container itself was a value of its parent.
        self.state.has_value = true;
        self.sink.buf().push(bracket);
    }

    /// An object key (written as it is: keys are plain ASCII names).
    #[inline(always)]
    pub(crate) fn key(&mut self, name: &str) {
        debug_assert!(
            name.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
        );
        self.item();
        let buf = self.sink.buf();
        buf.push(b'"');
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(b"\": ");
    }

    /// The next value of an array: call before writing it.
    #[inline(always)]
    pub(crate) fn element(&mut self) {
        self.item();
    }

    #[inline]
    pub(crate) fn str(&mut self, s: &str) {
        push_json_str(self.sink.buf(), s);
    }

    #[inline]
    pub(crate) fn u64(&mut self, n: u64) {
        push_u64(self.sink.buf(), n);
    }

    pub(crate) fn bool(&mut self, b: bool) {
        self.sink.push_str(if b { "true" } else { "false" });
    }

    pub(crate) fn null(&mut self) {
        self.sink.push_str("null");
    }

    /// A string, or `null` for `None`.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// `"name": "value"` in an object.
    pub(crate) fn str_field(&mut self, name: &str, s: &str) {
        self.key(name);
        self.str(s);
    }

    /// `"name": "value"` or `"name": null`.
    pub(crate) fn opt_str_field(&mut self, name: &str, s: Option<&str>) {
        self.key(name);
        self.opt_str(s);
    }

    /// `"name": 12`.
    pub(crate) fn u64_field(&mut self, name: &str, n: u64) {
        self.key(name);
        self.u64(n);
    }

    /// `"name": true` or `false`.
    pub(crate) fn bool_field(&mut self, name: &str, b: bool) {
        self.key(name);
        self.bool(b);
    }

    /// `"name": ["…", …]`.
    ///
    /// # Errors
    /// Whatever the writer returns (see [`PrettyJson::strs`]).
    pub(crate) fn strs_field<'a>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = &'a str>,
    ) -> io::Result<()> {
        self.key(name);
        self.strs(items)
    }

    /// An array of strings, passed on a chunk at a time as it is written
    /// (a node's documents may be 400,000 ids) unless this writer gathers
    /// a block in memory.
    ///
    /// # Errors
    /// Whatever the writer returns.
    #[inline]
    pub(crate) fn strs<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        self.open(b'[');
        for s in items {
            self.element();
            self.str(s);
            self.spill()?;
        }
        self.close(b']');
        Ok(())
    }

    /// An array of records, each written by `write`; the buffer is passed
    /// on between records once it holds a chunk.
    pub(crate) fn records<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut write: impl FnMut(&mut Self, T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open(b'[');
        for item in items {
            self.element();
            write(self, item)?;
            self.spill()?;
        }
        self.close(b']');
        Ok(())
    }

    /// [`PrettyJson::records`] of a slice, in blocks (of `per_block`
    /// records at first, then cut by `weight`) on every thread of the
    /// current rayon pool (see [`par_blocks`]): each block is written by
    /// `write` on a writer of its own, in the state this one would be in at
    /// the block's first record, so the bytes are those of `records`. A
    /// record too big for a block is written by `write_one`, the same
    /// writing on this writer, which passes it on as it goes.
    pub(crate) fn par_records<T: Sync>(
        &mut self,
        items: &[T],
        per_block: usize,
        weight: impl Fn(&T) -> usize,
        write: impl Fn(&mut PrettyJson<Held>, &T) -> io::Result<()> + Sync,
        mut write_one: impl FnMut(&mut Self, &T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open(b'[');
        let depth = self.state.depth;
        par_blocks(
            self,
            items,
            per_block,
            weight,
            |first, block, buf| {
                let mut w = PrettyJson {
                    sink: Sink::in_memory(buf),
                    state: Pretty {
                        depth,
                        has_value: first > 0,
                    },
                };
                for item in block {
                    w.element();
                    write(&mut w, item)?;
                }
                Ok(w.sink.into_bytes())
            },
            |w, i, item| {
                w.state.has_value = i > 0;
                w.element();
                write_one(w, item)?;
                w.spill()
            },
        )?;
        self.state.has_value = !items.is_empty();
        self.close(b']');
        Ok(())
    }

    /// Passes the buffer on once it holds a chunk: call between records.
    #[inline]
    pub(crate) fn spill(&mut self) -> io::Result<()> {
        self.sink.spill()
    }

    /// Appends `tail` (a final newline) and passes everything on.
    pub(crate) fn finish(mut self, tail: &[u8]) -> io::Result<()> {
        self.sink.push(tail);
        self.sink.finish()
    }
}

/// Blocks of records go straight to the writer: this writer's state
/// between two records does not depend on them.
impl<W: Write> Blocks for PrettyJson<W> {
    fn block(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sink.block(bytes)
    }

    fn written(&self) -> u64 {
        self.sink.written()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sink::CHUNK;
    use serde_json::json;

    fn both(v: &serde_json::Value) -> (String, String) {
        let mut ours = Vec::new();
        to_writer_pretty(&mut ours, v).unwrap();
        let theirs = serde_json::to_string_pretty(v).unwrap();
        (String::from_utf8(ours).unwrap(), theirs)
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let v = json!({
            "a": [], "b": {}, "c": [1, [2, [3, {"d": [null, true, "x\ny"]}]]],
            "e": {"f": {"g": {"h": [{"i": 1.5}]}}}
        });
        let (ours, theirs) = both(&v);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn output_of_many_chunks_is_the_same_bytes() {
        // About 5 chunks, with escapes across chunk boundaries.
        let items: Vec<String> = (0..20_000).map(|i| format!("n\"{i}\\é")).collect();
        let v = json!({ "items": items });
        let (ours, theirs) = both(&v);
        assert!(ours.len() > 4 * CHUNK);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_failing_writer_fails_the_write() {
        /// Takes 100 bytes, then refuses.
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                if self.0 + b.len() > 100 {
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
                }
                self.0 += b.len();
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        // Under one chunk: the error comes from the last drain.
        let small = json!({ "a": "x".repeat(200) });
        let err = to_writer_pretty(Full(0), &small).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        // Over one chunk: from a drain on the way.
        let big = json!({ "a": "x".repeat(3 * CHUNK) });
        let err = to_writer_pretty(Full(0), &big).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }

    #[test]
    fn deeper_than_one_slice() {
        // 70 levels: 140 spaces, more than the slice holds.
        let mut v = json!(1);
        for _ in 0..70 {
            v = json!([v]);
        }
        let (ours, theirs) = both(&v);
        assert_eq!(ours, theirs);
        assert!(ours.contains(&format!("\n{}1", " ".repeat(140))));
    }
}
