//! Evidence sentences kept out of memory.
//!
//! The sentences that support edges are the biggest single item of a big
//! graph (585,000 distinct sentences, about 100 MB with their allocations,
//! in the graph of 1 GB of news), and only the exports read them, once
//! each. So a builder can write each sentence it keeps to one temporary
//! file (an unnamed file in the system's temporary directory, removed when
//! the process ends, never in the output directory) and keep its offset:
//! a [`Text`] is 16 bytes either way, a sentence in memory or a place in
//! the file, and reads its text back when asked.
//!
//! The file only grows: a process that builds several graphs (the bench's
//! repeated runs) writes the sentences of each to it, and all of it goes
//! when the process ends.
//!
//! Storing is an optimisation, never a condition: when the temporary file
//! cannot be made, a sentence is too long for the offset's width, or a
//! write fails (a full disk), the text stays in memory, where the bytes
//! not yet written are kept, and nothing is lost.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Bits of a stored sentence's length: longer ones stay in memory.
const LEN_BITS: u32 = 24;
const MAX_LEN: u64 = (1 << LEN_BITS) - 1;
/// The largest offset a stored sentence can start at (1 TiB).
const MAX_AT: u64 = (1 << (64 - LEN_BITS)) - 1;
/// Bytes gathered before they are written to the file.
const FLUSH_BYTES: usize = 1 << 20;

/// The text of an evidence sentence: in memory, or stored in the process's
/// sentence file. Compared, hashed and serialised by its text.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Mem(Arc<str>),
    /// `offset << LEN_BITS | length` in the sentence file.
    Stored(u64),
}

/// The sentence file: what was written, and the bytes after it not yet
/// written (all of them from the first failed write on).
struct Store {
    file: File,
    /// Bytes in the file; reads below it go to the file.
    written: u64,
    /// The bytes from `written` on.
    pending: Vec<u8>,
    /// A write failed: `pending` keeps everything from then on.
    failed: bool,
}

/// `None` when the file could not be made: sentences stay in memory.
fn store() -> Option<MutexGuard<'static, Store>> {
    static STORE: OnceLock<Option<Mutex<Store>>> = OnceLock::new();
    let store = STORE.get_or_init(|| {
        if !cfg!(unix) {
            return None;
        }
        let file = tempfile::tempfile().ok()?;
        let reader = file.try_clone().ok()?;
        READER.set(reader).ok()?;
        Some(Mutex::new(Store {
            file,
            written: 0,
            pending: Vec::new(),
            failed: false,
        }))
    });
    let guard = store.as_ref()?.lock();
    // A panic elsewhere while holding the lock leaves the store consistent:
    // every change to it is one assignment after the bytes are in place.
    Some(guard.unwrap_or_else(|p| p.into_inner()))
}

/// A second handle on the file for reading without the lock (reads of
/// bytes already written never race with writes past them).
static READER: OnceLock<File> = OnceLock::new();
/// `Store::written`, for readers that do not take the lock.
static WRITTEN: AtomicU64 = AtomicU64::new(0);

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

impl Store {
    fn flush(&mut self) {
        if self.failed || self.pending.is_empty() {
            return;
        }
        match write_at(&self.file, &self.pending, self.written) {
            Ok(()) => {
                self.written += self.pending.len() as u64;
                WRITTEN.store(self.written, AtomicOrdering::Release);
                self.pending.clear();
            }
            // The bytes stay in `pending`, which now keeps the rest too.
            Err(_) => self.failed = true,
        }
    }
}

impl Text {
    /// A sentence kept in memory.
    pub fn in_memory(s: &str) -> Text {
        Text(Repr::Mem(Arc::from(s)))
    }

    /// A sentence written to the sentence file, or kept in memory when it
    /// cannot be (see the module's notes).
    pub fn stored(s: &str) -> Text {
        let len = s.len() as u64;
        if len <= MAX_LEN
            && let Some(mut st) = store()
        {
            let at = st.written + st.pending.len() as u64;
            if at <= MAX_AT {
                st.pending.extend_from_slice(s.as_bytes());
                if st.pending.len() >= FLUSH_BYTES {
                    st.flush();
                }
                return Text(Repr::Stored((at << LEN_BITS) | len));
            }
        }
        Text::in_memory(s)
    }

    /// True when the text is in the sentence file.
    pub fn is_stored(&self) -> bool {
        matches!(self.0, Repr::Stored(_))
    }

    /// True when both are the same stored sentence or share their memory
    /// (then they are equal without reading).
    pub fn is_same(&self, other: &Text) -> bool {
        match (&self.0, &other.0) {
            (Repr::Stored(a), Repr::Stored(b)) => a == b,
            (Repr::Mem(a), Repr::Mem(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Mem(s) => s.len(),
            Repr::Stored(v) => (v & MAX_LEN) as usize,
        }
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text; a stored one is read back from the file.
    ///
    /// # Panics
    /// When the operating system fails to read back the process's own
    /// temporary file (a failing disk): the text is then nowhere else.
    pub fn get(&self) -> Cow<'_, str> {
        let v = match &self.0 {
            Repr::Mem(s) => return Cow::Borrowed(s),
            Repr::Stored(v) => *v,
        };
        let (at, len) = (v >> LEN_BITS, (v & MAX_LEN) as usize);
        let mut bytes = vec![0; len];
        let end = at + len as u64;
        let read = if end <= WRITTEN.load(AtomicOrdering::Acquire) {
            READER.get().map(|f| read_at(f, &mut bytes, at))
        } else {
            store().map(|st| {
                if at >= st.written {
                    let from = (at - st.written) as usize;
                    bytes.copy_from_slice(&st.pending[from..from + len]);
                    Ok(())
                } else {
                    read_at(&st.file, &mut bytes, at)
                }
            })
        };
        match read {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                panic!("cannot read back an evidence sentence from the temporary file: {e}")
            }
            None => {
                panic!("an evidence sentence refers to a temporary file this process has not made")
            }
        }
        Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::in_memory(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Mem(Arc::from(s)))
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Text {
        Text(Repr::Mem(s))
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::in_memory("")
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        match (&self.0, &other.0) {
            _ if self.is_same(other) => Ordering::Equal,
            (Repr::Mem(a), Repr::Mem(b)) => a.cmp(b),
            _ => self.get().cmp(&other.get()),
        }
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.len() == other.len() && *self.get() == *other
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.get().hash(h);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.get(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.get())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.get())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        Ok(Text(Repr::Mem(Arc::<str>::deserialize(d)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_sentences_read_back_and_compare_by_text() {
        let long = "x".repeat(FLUSH_BYTES + 7);
        let texts = [
            "Kim met Shoigu.",
            "",
            "é ü \u{1F600} done.",
            long.as_str(),
            "b",
        ];
        let stored: Vec<Text> = texts.iter().map(|t| Text::stored(t)).collect();
        for (s, t) in stored.iter().zip(texts) {
            if cfg!(unix) {
                assert!(s.is_stored(), "{t:?}");
            }
            assert_eq!(s.get(), t);
            assert_eq!(s.len(), t.len());
            assert_eq!(*s, Text::from(t));
            assert!(*s == *t);
        }
        // Written: the long one passed the flush threshold.
        assert_eq!(stored[0].get(), "Kim met Shoigu.");
        assert!(stored[4] > stored[0] && stored[1] < stored[0]);
        assert_eq!(Text::stored("b"), stored[4]);
        let json = serde_json::to_string(&stored[2]).unwrap();
        assert_eq!(json, serde_json::to_string(texts[2]).unwrap());
        let back: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(back, stored[2]);
        assert!(!back.is_stored());
    }
}
