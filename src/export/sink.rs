//! The buffer every exporter writes into, and the byte-level helpers they
//! share: a fast scan for the next byte that needs escaping, JSON strings
//! escaped exactly as serde_json escapes them, and integers.
//!
//! Exporters take `&mut dyn Write`: a call through it per key, value or
//! indent was a tenth of an export. They append to a [`Sink`] instead (a
//! `Vec` the compiler sees through) and it passes its bytes on in chunks.

use std::io::{self, Write};

/// Bytes a [`Sink`] gathers before it passes them on.
pub(crate) const CHUNK: usize = 64 * 1024;

/// A buffer in front of a writer that passes its bytes on in chunks of about
/// [`CHUNK`] bytes. Appends ([`Sink::push`], [`Sink::buf`]) cannot fail; a
/// writer calls [`Sink::spill`] after each record, which passes the buffer
/// on once it holds a chunk, and [`Sink::finish`] at the end (a drop passes
/// nothing on).
pub(crate) struct Sink<W: Write> {
    buf: Vec<u8>,
    out: W,
    /// What the buffer holds before [`Sink::spill`] passes it on:
    /// [`CHUNK`], or no limit for a block gathered in memory.
    limit: usize,
    /// Bytes passed on so far.
    passed: u64,
}

impl<W: Write> Sink<W> {
    pub(crate) fn new(out: W) -> Self {
        Sink {
            buf: Vec::with_capacity(CHUNK + CHUNK / 4),
            out,
            limit: CHUNK,
            passed: 0,
        }
    }

    /// Appends `bytes`.
    #[inline]
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Appends `s`.
    #[inline]
    pub(crate) fn push_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// The buffer itself, for the escapers that append to a `Vec`.
    #[inline]
    pub(crate) fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Passes the buffer on when it holds a chunk or more.
    #[inline]
    pub(crate) fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= self.limit {
            self.drain()?;
        }
        Ok(())
    }

    /// Passes every byte held on to the writer.
    fn drain(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.passed += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    /// Every byte appended or passed on so far.
    pub(crate) fn written(&self) -> u64 {
        self.passed + self.buf.len() as u64
    }

    /// Passes the rest on; the writer itself is not flushed.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.drain()
    }

    /// Passes on what the buffer holds, then a block rendered elsewhere
    /// ([`par_blocks`]) as it is, without copying it into the buffer.
    pub(crate) fn block(&mut self, bytes: &[u8]) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.drain()?;
        }
        self.out.write_all(bytes)?;
        self.passed += bytes.len() as u64;
        Ok(())
    }

    /// The buffer, and how a long value written into it item by item is
    /// passed on between items: in chunks when this sink passes its bytes
    /// on, not at all when it gathers a block in memory.
    pub(crate) fn parts(&mut self) -> (&mut Vec<u8>, Pass<'_>) {
        let pass = if self.limit == usize::MAX {
            Pass::Hold
        } else {
            Pass::To(&mut self.out, &mut self.passed)
        };
        (&mut self.buf, pass)
    }
}

/// What a writer of a long value (a JSON list of 400,000 document ids)
/// does between its items with the buffer it appends to (see
/// [`Sink::parts`]): keeps everything, or passes the buffer on once it
/// holds a chunk, so that the value is never in memory whole.
pub(crate) enum Pass<'a> {
    Hold,
    /// The writer, and the count of bytes passed on to it.
    To(&'a mut dyn Write, &'a mut u64),
}

impl Pass<'_> {
    /// Call between two items of the value being written into `buf`.
    #[inline]
    pub(crate) fn between(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        if let Pass::To(out, passed) = self
            && buf.len() >= CHUNK
        {
            out.write_all(buf)?;
            **passed += buf.len() as u64;
            buf.clear();
        }
        Ok(())
    }

    /// Runs `write` with a pass that holds everything: it cannot fail.
    pub(crate) fn hold(write: impl FnOnce(&mut Pass<'_>) -> io::Result<()>) {
        let held = write(&mut Pass::Hold);
        debug_assert!(held.is_ok(), "nothing held is passed on");
    }

    /// Whether what is written passes on before the value ends.
    pub(crate) fn streams(&self) -> bool {
        matches!(self, Pass::To(..))
    }
}

/// Nothing: the writer of a [`Sink`] that gathers a block in memory and
/// never passes it on.
pub(crate) struct Held;

impl Write for Held {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other(
            "a block held in memory is never passed on",
        ))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink<Held> {
    /// A sink that gathers a block in `buf` (see [`par_blocks`]): it has
    /// no chunk limit, so [`Sink::spill`] never passes anything on.
    pub(crate) fn in_memory(buf: Vec<u8>) -> Self {
        Sink {
            buf,
            out: Held,
            limit: usize::MAX,
            passed: 0,
        }
    }

    /// Every byte appended.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// What the blocks of [`par_blocks`] aim at, in bytes: over the 64 KiB of
/// the buffered writer an export file is written through, so that a block
/// goes to the file as it is instead of being copied into that buffer.
const BLOCK_TARGET: usize = 128 * 1024;

/// The most items a block holds, however small they are.
const MAX_PER_BLOCK: usize = 4096;

/// Blocks rendered side by side before any is passed on: enough to keep
/// every thread busy.
const WINDOW_BLOCKS: usize = 16;

/// The bytes a window of blocks is expected to hold at most: what the
/// rendering holds in memory at once beyond the graph (one item bigger than
/// this, a node cited by half a million documents, is a window of its own).
const WINDOW_TARGET: usize = WINDOW_BLOCKS * BLOCK_TARGET;

/// A block's buffer bigger than this after use is freed, not kept for the
/// next window, so one block of a very large item does not stay allocated.
const KEEP_CAPACITY: usize = 2 * BLOCK_TARGET;

/// An item expected to be bigger than this is not rendered into a block but
/// written straight through the sink, which passes it on in chunks: a
/// country cited by 400,000 documents lists 10 MB of ids, which a block
/// would hold whole (and GraphML, which may have to escape it, twice). The
/// size of a block's buffer that is freed after use: an item this big would
/// make a block of its own that no later window reuses, so rendering it on
/// one thread gives up little, and such items are rare (a few hundred in a
/// graph of 1 GB of news).
pub(crate) const HEAVY: usize = KEEP_CAPACITY;

/// Where [`par_blocks`] writes: a [`Sink`], or an exporter's writer around
/// one, which the items too heavy for a block are written to directly.
pub(crate) trait Blocks {
    /// Passes on what is buffered, then `bytes`, a block rendered elsewhere.
    fn block(&mut self, bytes: &[u8]) -> io::Result<()>;

    /// The bytes written so far (see [`Sink::written`]).
    fn written(&self) -> u64;
}

impl<W: Write> Blocks for Sink<W> {
    fn block(&mut self, bytes: &[u8]) -> io::Result<()> {
        Sink::block(self, bytes)
    }

    fn written(&self) -> u64 {
        Sink::written(self)
    }
}

/// Renders `items` a block at a time on the current rayon pool and appends
/// the blocks to `out` in order, so an export uses every thread and its
/// bytes are those of one loop over the items. `render(first, block, buf)`
/// appends the bytes of `block`, whose first item is number `first` of
/// `items`, to the empty `buf` and returns it; it must depend on nothing
/// else (a writer's state at a block's start is made from `first`).
/// `stream(out, i, item)` writes item number `i` to `out` itself, as
/// `render` would write it in a block, passing it on in pieces as it goes:
/// it is called, on this thread and in order between the blocks, for each
/// item expected to be bigger than [`HEAVY`].
///
/// Blocks and windows are cut by the expected bytes of their items:
/// `weight(item)` is an item's size in any unit that grows with its bytes
/// (the documents and evidence it lists), and the bytes per unit are
/// learned from the blocks of the window before (`per_block` items of
/// weight 1 make a block at first, a guess that may take small items for
/// heavy ones: until a window of blocks has been rendered, the bytes of
/// each item written on its own are learned from too). A block aims at [`BLOCK_TARGET`] bytes
/// and a window at [`WINDOW_TARGET`], so what is held at once stays a few
/// megabytes however the big items fall (where blocks end never changes a
/// byte).
///
/// # Errors
/// The first error of `render`, of `stream` or of the writer.
pub(crate) fn par_blocks<T: Sync, O: Blocks>(
    out: &mut O,
    items: &[T],
    per_block: usize,
    weight: impl Fn(&T) -> usize,
    render: impl Fn(usize, &[T], Vec<u8>) -> io::Result<Vec<u8>> + Sync,
    mut stream: impl FnMut(&mut O, usize, &T) -> io::Result<()>,
) -> io::Result<()> {
    use rayon::prelude::*;
    // Expected bytes per unit of weight.
    let mut per_unit = (BLOCK_TARGET / per_block.clamp(1, MAX_PER_BLOCK)).max(1);
    // Whether `per_unit` comes from rendered blocks.
    let mut learned = false;
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::with_capacity(WINDOW_BLOCKS);
    let mut at = 0;
    while at < items.len() {
        // Cut the window's blocks, up to the first heavy item.
        blocks.clear();
        let mut heavy = false;
        let (mut window_bytes, mut window_units) = (0usize, 0usize);
        while !heavy
            && at < items.len()
            && blocks.len() < WINDOW_BLOCKS
            && window_bytes < WINDOW_TARGET
        {
            let start = at;
            let mut bytes = 0usize;
            while at < items.len() && at - start < MAX_PER_BLOCK {
                let units = weight(&items[at]).max(1);
                let more = units.saturating_mul(per_unit);
                if more > HEAVY {
                    heavy = true;
                    break;
                }
                if at > start && bytes.saturating_add(more) > BLOCK_TARGET {
                    break;
                }
                bytes = bytes.saturating_add(more);
                window_units += units;
                at += 1;
            }
            if at > start {
                window_bytes = window_bytes.saturating_add(bytes);
                blocks.push(start..at);
            }
        }
        let n = blocks.len();
        if n > 0 {
            if spare.len() < n {
                spare.resize_with(n, || Vec::with_capacity(BLOCK_TARGET + BLOCK_TARGET / 2));
            }
            let rendered: Vec<io::Result<Vec<u8>>> = blocks
                .par_iter()
                .zip(spare.par_drain(..n))
                // One block a job, so no thread idles while another renders
                // a run of several (rayon's adaptive splitting makes runs of
                // a quarter of the window).
                .with_max_len(1)
                .map(|(r, buf)| render(r.start, &items[r.clone()], buf))
                .collect();
            let mut bytes = 0;
            for block in rendered {
                let mut buf = block?;
                out.block(&buf)?;
                bytes += buf.len();
                if buf.capacity() <= KEEP_CAPACITY {
                    buf.clear();
                    spare.push(buf);
                }
            }
            per_unit = (bytes / window_units.max(1)).max(1);
            learned = true;
        }
        if heavy {
            let before = out.written();
            stream(out, at, &items[at])?;
            if !learned {
                let bytes = usize::try_from(out.written() - before).unwrap_or(usize::MAX);
                per_unit = (bytes / weight(&items[at]).max(1)).max(1);
            }
            at += 1;
        }
    }
    Ok(())
}

/// Lets serde_json and quick-xml write into a [`Sink`]: every write is an
/// append, then a [`Sink::spill`].
impl<W: Write> Write for Sink<W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.push(bytes);
        self.spill()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain()?;
        self.out.flush()
    }
}

/// Bytes tested at once by [`next_special`].
const BLOCK: usize = 16;

/// The index of the first byte at or after `from` for which `special` holds,
/// or `bytes.len()`.
///
/// Whole blocks of [`BLOCK`] bytes are tested with a fold that has no early
/// exit (it compiles to a few vector instructions when `special` has no
/// branch: write it with `|`, not `||` or `matches!`), so a long run of
/// plain text costs a fraction of an instruction a byte; only the block
/// holding a special byte is looked at byte by byte. `special(b'a')` must be
/// false.
#[inline]
pub(crate) fn next_special(bytes: &[u8], from: usize, special: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    // A fixed-size array, so the fold is unrolled and vectorized.
    while let Some(block) = bytes[i..].first_chunk::<BLOCK>() {
        if block
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(special(b)))
            != 0
        {
            break;
        }
        i += BLOCK;
    }
    let rest = &bytes[i..];
    if rest.len() < BLOCK {
        // The short tail (every string under a block: ids, names, numbers)
        // is tested as one block too, padded with a byte that is not special.
        let mut block = [PAD; BLOCK];
        block[..rest.len()].copy_from_slice(rest);
        if block
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(special(b)))
            == 0
        {
            return bytes.len();
        }
    }
    rest.iter()
        .position(|&b| special(b))
        .map_or(bytes.len(), |k| i + k)
}

/// What [`next_special`] pads a short tail with: a letter, special to no
/// caller.
const PAD: u8 = b'a';

/// serde_json's escape for each byte: 0 for a byte copied as it is, `u` for
/// `\u00XX`, else the letter after the backslash.
const JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// True for the bytes a JSON string cannot hold as they are. (Bitwise `|`,
/// not `||`: branch-free, so [`next_special`]'s fold vectorizes.)
#[inline]
fn json_special(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Appends `s` as a quoted JSON string, byte for byte as serde_json writes
/// it: `"` and `\` backslashed, `\b \t \n \f \r` for those controls,
/// `\u00XX` (lowercase hex) for the other controls, everything else (DEL and
/// all non-ASCII included) as it is. Runs with nothing to escape are copied
/// whole.
///
/// ```text
/// push_json_str(&mut v, "a\"b\u{1}")  // "a\"b\u0001"
/// ```
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let i = next_special(bytes, start, json_special);
        out.extend_from_slice(&bytes[start..i]);
        let Some(&b) = bytes.get(i) else { break };
        match JSON_ESCAPE[usize::from(b)] {
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
            letter => out.extend_from_slice(&[b'\\', letter]),
        }
        start = i + 1;
    }
    out.push(b'"');
}

/// Appends `n` in decimal.
#[inline]
pub(crate) fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(Digits::new().format(n).as_bytes());
}

/// Room for the decimal digits of a `u64`.
pub(crate) type Digits = itoa::Buffer;

/// `n` in decimal, written into `digits` (two digits a step, and no UTF-8
/// check of the result: a tenth of the instructions of doing it by hand
/// with `str::from_utf8`).
#[inline]
pub(crate) fn u64_digits(n: u64, digits: &mut Digits) -> &str {
    digits.format(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut v = b"x".to_vec();
        push_json_str(&mut v, s);
        String::from_utf8(v).expect("UTF-8")
    }

    fn theirs(s: &str) -> String {
        format!("x{}", serde_json::to_string(s).expect("a string"))
    }

    #[test]
    fn json_strings_are_serde_jsons_bytes() {
        let tricky = [
            "",
            "plain",
            "\"",
            "\\",
            "\"\"\\\\",
            "a\"b\\c",
            "</script><!-- & -->",
            "line\nbreak\r\n\ttab",
            "\u{8}\u{c}\u{0}\u{1}\u{1f}\u{7f}\u{80}\u{85}",
            "Сергей Шойгу \"the minister\" 김정은 \u{2028}\u{2029} \u{fffe}\u{ffff} 😀",
            // Specials at block boundaries and runs longer than a block.
            &"0123456789abcde\"".repeat(5),
            &"0123456789abcdef\\".repeat(3),
            &format!("{}\u{1}", "x".repeat(31)),
            &format!("\u{1b}{}", "é".repeat(40)),
        ];
        for s in tricky {
            assert_eq!(ours(s), theirs(s), "{s:?}");
        }
        for b in 0u8..=0x7f {
            let s = format!("ab{}cd", b as char);
            assert_eq!(ours(&s), theirs(&s), "byte {b:#x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_does(s in "(\\PC|[\\x00-\\x1f\"\\\\<>&]){0,80}") {
            proptest::prop_assert_eq!(ours(&s), theirs(&s));
        }

        #[test]
        fn any_string_of_any_chars(s in proptest::collection::vec(proptest::char::any(), 0..70)) {
            let s: String = s.into_iter().collect();
            proptest::prop_assert_eq!(ours(&s), theirs(&s));
        }
    }

    #[test]
    fn next_special_finds_the_first_at_or_after_from() {
        let text = format!("{}\"{}\"", "a".repeat(40), "b".repeat(3));
        let bytes = text.as_bytes();
        let quote = |b: u8| b == b'"';
        assert_eq!(next_special(bytes, 0, quote), 40);
        assert_eq!(next_special(bytes, 40, quote), 40);
        assert_eq!(next_special(bytes, 41, quote), 44);
        assert_eq!(next_special(bytes, 45, quote), 45);
        assert_eq!(next_special(b"abc", 0, quote), 3);
        assert_eq!(next_special(b"", 0, quote), 0);
        assert_eq!(next_special(b"ab\"", 0, quote), 2);
        assert_eq!(next_special(b"ab\"", 3, quote), 3);
    }

    proptest::proptest! {
        #[test]
        fn next_special_is_the_first_position(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b'a', b'"', b'\\', 0u8, 0x1f, 0xef, b'z']), 0..70),
            from in 0usize..70,
        ) {
            let from = from.min(bytes.len());
            let want = bytes[from..].iter().position(|&b| json_special(b)).map_or(bytes.len(), |k| from + k);
            proptest::prop_assert_eq!(next_special(&bytes, from, json_special), want);
        }
    }

    #[test]
    fn integers_print_in_full() {
        for n in [0, 7, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut v = Vec::new();
            push_u64(&mut v, n);
            assert_eq!(String::from_utf8(v).expect("digits"), n.to_string());
        }
    }

    /// Blocks rendered on any number of threads come out in item order,
    /// each told the index of its first item, whatever the block size and
    /// however many windows the items take.
    #[test]
    fn par_blocks_are_the_bytes_of_one_loop() {
        let render = |first: usize, block: &[u32], mut buf: Vec<u8>| {
            assert!(buf.is_empty());
            for (k, item) in block.iter().enumerate() {
                buf.extend_from_slice(format!("{}={item};", first + k).as_bytes());
            }
            Ok(buf)
        };
        for n in [0usize, 1, 31, 32, 33, 511, 512, 513, 2000] {
            let items: Vec<u32> = (0..n as u32).map(|i| i * 7).collect();
            let want: String = items
                .iter()
                .enumerate()
                .map(|(i, x)| format!("{i}={x};"))
                .collect();
            for threads in [1, 3] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("a pool");
                // Weights that vary, so blocks of every size are cut, and
                // weights that make some items too heavy for a block.
                let weights: [fn(&u32) -> usize; 2] =
                    [|x| (*x as usize % 5) * 40, |x| (*x as usize % 5) * 40_000];
                for (weight, per_block) in
                    weights.into_iter().flat_map(|w| [1, 3, 32].map(|p| (w, p)))
                {
                    let mut out = Vec::new();
                    let mut sink = Sink::new(&mut out);
                    sink.push(b"<");
                    pool.install(|| {
                        par_blocks(&mut sink, &items, per_block, weight, render, |s, i, x| {
                            s.push_str(&format!("{i}={x};"));
                            s.spill()
                        })
                    })
                    .expect("a Vec takes everything");
                    sink.push(b">");
                    sink.finish().expect("a Vec takes everything");
                    assert_eq!(
                        String::from_utf8(out).expect("UTF-8"),
                        format!("<{want}>"),
                        "{n} items, {threads} threads, {per_block} a block"
                    );
                }
            }
        }
    }

    /// A writer that takes back from `held` what it is given and keeps it.
    struct Counting(std::sync::Arc<std::sync::atomic::AtomicUsize>, Vec<u8>);

    impl Write for Counting {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0
                .fetch_sub(b.len(), std::sync::atomic::Ordering::SeqCst);
            self.1.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Renders items of `sizes` bytes (the byte of item `i` is `i % 251`)
    /// on three threads through [`par_blocks`], each weighing its size,
    /// and returns the most bytes ever rendered and not yet written, the
    /// items written by `stream`, and the bytes, checked against one loop.
    fn held_at_most(sizes: &[usize]) -> (usize, Vec<usize>) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let byte = |i: usize| (i % 251) as u8;
        let held = Arc::new(AtomicUsize::new(0));
        let most = AtomicUsize::new(0);
        let add = |n: usize| {
            let now = held.fetch_add(n, Ordering::SeqCst) + n;
            most.fetch_max(now, Ordering::SeqCst);
        };
        let mut streamed = Vec::new();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("a pool");
        let mut sink = Sink::new(Counting(Arc::clone(&held), Vec::new()));
        pool.install(|| {
            par_blocks(
                &mut sink,
                sizes,
                32,
                |&n| n,
                |first, block, mut buf| {
                    for (k, &n) in block.iter().enumerate() {
                        buf.extend(std::iter::repeat_n(byte(first + k), n));
                    }
                    add(buf.len());
                    Ok(buf)
                },
                |s, i, &n| {
                    // Written in pieces, as the exporters write a list.
                    streamed.push(i);
                    for piece in (0..n).step_by(1000) {
                        let piece = (n - piece).min(1000);
                        s.push(&vec![byte(i); piece]);
                        add(piece);
                        s.spill()?;
                    }
                    Ok(())
                },
            )
        })
        .expect("the writer takes everything");
        let (buf, out) = (
            std::mem::take(&mut sink.buf),
            std::mem::take(&mut sink.out.1),
        );
        let want: Vec<u8> = sizes
            .iter()
            .enumerate()
            .flat_map(|(i, &n)| std::iter::repeat_n(byte(i), n))
            .collect();
        assert_eq!([out, buf].concat(), want, "the bytes of one loop");
        (most.into_inner(), streamed)
    }

    /// Items of great weight are rendered few at a time: the bytes rendered
    /// and not yet written never go much past [`WINDOW_TARGET`], wherever
    /// the heavy items fall (a window of a fixed number of items would hold
    /// all forty megabytes below at once).
    #[test]
    fn heavy_items_are_rendered_few_at_a_time() {
        const MB: usize = 1 << 20;
        let sizes: Vec<usize> = (0..64)
            .map(|_| 10)
            .chain((0..40).map(|_| MB))
            .chain((0..64).map(|_| 10))
            .collect();
        let (most, streamed) = held_at_most(&sizes);
        assert!(most <= WINDOW_TARGET + CHUNK, "{most} bytes held at once");
        assert_eq!(streamed, (64..104).collect::<Vec<_>>());
    }

    /// One item of 4 MB among small ones is never in memory whole: it goes
    /// through the sink a chunk at a time, between the blocks before and
    /// after it, and the bytes are those of one loop. (Rendered in a block,
    /// all 4 MB were held at once.)
    #[test]
    fn a_heavy_item_streams_between_the_blocks() {
        const MB: usize = 1 << 20;
        for at in [0, 1, 500, 999] {
            let mut sizes = vec![100; 1000];
            sizes[at] = 4 * MB;
            let (most, streamed) = held_at_most(&sizes);
            assert!(most <= WINDOW_TARGET + CHUNK, "{most} bytes held at once");
            // The first item too, when its bytes are guessed before any
            // are learned (100 units at the first guess are 400 KB).
            let want: Vec<usize> = [0, at]
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            assert_eq!(streamed, want, "only the heavy item is written on its own");
        }
    }

    /// A block that fails fails the whole, and no block after it is passed on.
    #[test]
    fn a_failing_block_fails_par_blocks() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..1000).collect();
        let failed_at = AtomicUsize::new(usize::MAX);
        let mut out = Vec::new();
        let mut sink = Sink::new(&mut out);
        let err = par_blocks(
            &mut sink,
            &items,
            10,
            |_| 1,
            |first, block, mut buf| {
                if block.contains(&600) {
                    failed_at.store(first, Ordering::SeqCst);
                    return Err(io::Error::other("the block of item 600 failed"));
                }
                buf.extend(block.iter().map(|&i| (i % 10) as u8 + b'0'));
                Ok(buf)
            },
            |s, _, &i| {
                s.push(&[(i % 10) as u8 + b'0']);
                s.spill()
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "the block of item 600 failed");
        drop(sink);
        // The blocks before it, in order, and nothing after.
        let first = failed_at.into_inner();
        assert!(first <= 600);
        let want: Vec<u8> = (0..first).map(|i| (i % 10) as u8 + b'0').collect();
        assert_eq!(out, want);
    }

    /// A value written through [`Sink::parts`] is passed on a chunk at a
    /// time, in order, and counted in [`Sink::written`]; a sink gathering
    /// a block holds it.
    #[test]
    fn a_long_value_is_passed_on_between_its_items() {
        let mut out = Vec::new();
        let mut sink = Sink::new(&mut out);
        sink.push(b"<");
        let mut want = b"<".to_vec();
        let (buf, mut pass) = sink.parts();
        assert!(pass.streams());
        for i in 0..40_000u32 {
            let item = format!("{i},");
            buf.extend_from_slice(item.as_bytes());
            want.extend_from_slice(item.as_bytes());
            pass.between(buf).expect("a Vec takes everything");
            assert!(buf.len() < CHUNK + 8, "{} bytes held", buf.len());
        }
        assert_eq!(sink.written(), want.len() as u64);
        sink.finish().expect("a Vec takes everything");
        assert!(want.len() > 3 * CHUNK);
        assert_eq!(out, want);

        let mut block = Sink::in_memory(Vec::new());
        let (buf, mut pass) = block.parts();
        assert!(!pass.streams());
        for _ in 0..40_000 {
            buf.extend_from_slice(b"12345,");
            pass.between(buf).expect("nothing is passed on");
        }
        assert_eq!(block.into_bytes().len(), 6 * 40_000);
    }

    #[test]
    fn a_sink_passes_everything_on_in_order() {
        let mut out = Vec::new();
        let mut sink = Sink::new(&mut out);
        let mut want = Vec::new();
        for i in 0..30_000u32 {
            let piece = format!("{i},");
            sink.push_str(&piece);
            want.extend_from_slice(piece.as_bytes());
            sink.spill().expect("a Vec takes everything");
        }
        sink.finish().expect("a Vec takes everything");
        assert!(want.len() > 2 * CHUNK);
        assert_eq!(out, want);
    }
}
