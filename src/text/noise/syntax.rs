//! The line patterns' parsed form: the literals a match needs, the bytes it
//! can start with, and the pattern rewritten without Unicode word
//! boundaries, so that a DFA answers it on any line. Shared by build.rs,
//! which compiles the built-in patterns into DFAs, and by
//! `src/text/noise.rs`, which loads those DFAs or, for patterns the build
//! did not see, compiles them at run time.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::borrow::Cow;

/// Literal texts that every match of `hir` contains: literals of the
/// top-level sequence, looking inside groups and repetitions of at least one.
/// (Alternations and optional parts contribute nothing.) Under `(?i)` a
/// letter parses as a class, so only case-less literals are found. A literal
/// of spaces only is left out: nearly every line has one, so testing for it
/// rejects nothing and would take the pattern out of its class's union.
pub fn required_literals(hir: &Hir, out: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Literal(lit) => {
            if let Ok(s) = std::str::from_utf8(&lit.0)
                && !s.chars().all(char::is_whitespace)
            {
                out.push(s.to_string());
            }
        }
        HirKind::Capture(c) => required_literals(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => required_literals(&r.sub, out),
        HirKind::Concat(parts) => {
            for p in parts {
                required_literals(p, out);
            }
        }
        _ => {}
    }
}

/// The bytes a match of `hir` can start with, when every match starts at
/// the start of the text (`^`) and takes at least one byte; `None` when
/// that is not so (then every line must be searched).
pub fn anchored_first_bytes(hir: &Hir) -> Option<[bool; 256]> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    if !matches!(parts.first()?.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let mut set = [false; 256];
    let empty = first_bytes_of_seq(&parts[1..], &mut set);
    (!empty).then_some(set)
}

/// Adds to `set` the bytes a match of the sequence `parts` can start with;
/// true when the sequence can match the empty text.
fn first_bytes_of_seq(parts: &[Hir], set: &mut [bool; 256]) -> bool {
    parts.iter().all(|p| first_bytes(p, set))
}

/// Adds to `set` the bytes a match of `hir` can start with; true when `hir`
/// can match the empty text. A class reaching past ASCII adds every lead
/// byte of a longer UTF-8 character (more than needed, never less).
fn first_bytes(hir: &Hir, set: &mut [bool; 256]) -> bool {
    let mut ascii = |lo: u32, hi: u32| {
        for b in lo..=hi.min(0x7f) {
            set[b as usize] = true;
        }
        if hi >= 0x80 {
            set[0xc2..=0xf4].fill(true);
        }
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                set[usize::from(b)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                ascii(u32::from(r.start()), u32::from(r.end()));
            }
            false
        }
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    set[usize::from(b)] = true;
                }
            }
            false
        }
        HirKind::Repetition(r) => first_bytes(&r.sub, set) || r.min == 0,
        HirKind::Capture(c) => first_bytes(&c.sub, set),
        HirKind::Concat(parts) => first_bytes_of_seq(parts, set),
        HirKind::Alternation(alts) => {
            // Every branch adds its bytes (no short cut).
            alts.iter()
                .fold(false, |empty, a| first_bytes(a, set) | empty)
        }
    }
}

/// `hir` as a pattern searched from the start of the line only, with
/// every Unicode word-boundary assertion (`\b`, `\B`,
/// `\b{start}`, `\b{end}` and the half ones) turned into conditions on the
/// characters beside it: the same lines match, and a DFA can run it over bytes past ASCII, where
/// it gives up on the assertion itself (regex-automata decides a Unicode
/// `\b` only beside ASCII bytes). `None` when the pattern is outside what
/// the rewrite handles (an assertion inside a repetition other than `?`, a
/// repetition of something that can match nothing, a literal or byte class
/// that is not whole UTF-8 characters, or too many alternatives): then the
/// pattern must be searched as it is.
///
/// An assertion between the parts `X` and `Y` of a sequence (`X \b Y`, `X`
/// from the start of the line) holds for the pairs (character before,
/// character after) it allows, each a word character (`\w`) or not, where
/// the start and the end of the line count as not. So `X \b Y` is the union,
/// over the allowed pairs, of "`X` ending in such a character, or empty at
/// the start of the line" followed by "`Y` starting with such a character,
/// or `Y` empty and then such a character or the end of the line". For
/// example `^\s*copyright\b` becomes `^\s*copyright(\W|\z)`. The match may
/// take one character more than the original's; whether a line matches is
/// what counts. A pattern not anchored with `^` is given a `(?s:.)*`
/// prefix, so its start too is the line's (with or without assertions).
pub fn anchored_without_unicode_word_looks(hir: &Hir) -> Option<Hir> {
    let prefix = (!hir.properties().look_set_prefix().contains(Look::Start)).then(|| {
        let any = ClassUnicode::new([ClassUnicodeRange::new('\0', char::MAX)]);
        star(Hir::class(Class::Unicode(any)))
    });
    if !hir.properties().look_set().contains_word_unicode() {
        return Some(match prefix {
            Some(p) => Hir::concat(vec![p, hir.clone()]),
            None => hir.clone(),
        });
    }
    if !supported(hir) {
        return None;
    }
    let mut todo = flatten(hir)?;
    if let Some(p) = prefix {
        for seq in &mut todo {
            seq.insert(0, Item::Hir(p.clone()));
        }
    }
    let word = word_class();
    let classes = [word.clone(), negated(&word)];
    let mut done: Vec<Hir> = Vec::new();
    while let Some(seq) = todo.pop() {
        let Some(k) = seq.iter().position(|i| matches!(i, Item::Look(_))) else {
            done.push(Hir::concat(seq.into_iter().map(Item::into_hir).collect()));
            continue;
        };
        let Item::Look(look) = seq[k] else {
            unreachable!("position found a look")
        };
        let before: Vec<Hir> = seq[..k].iter().cloned().map(Item::into_hir).collect();
        let after = &seq[k + 1..];
        for (prev_word, next_word) in allowed_pairs(look) {
            let class = &classes[usize::from(!prev_word)];
            let mut lefts: Vec<Hir> = last_of_seq(&before, class).into_iter().collect();
            if !prev_word && let Some(e) = empty_of_seq(&before) {
                // Empty from the start of the line: nothing before it.
                lefts.push(e);
            }
            let class = &classes[usize::from(!next_word)];
            let mut rights = first_of_items(after, class);
            if let Some(mut e) = empty_of_items(after) {
                let mut end = e.clone();
                e.push(Item::Hir(Hir::class(Class::Unicode(class.clone()))));
                rights.push(e);
                if !next_word {
                    end.push(Item::Hir(Hir::look(Look::End)));
                    rights.push(end);
                }
            }
            for l in &lefts {
                for r in &rights {
                    let mut s = vec![Item::Hir(l.clone())];
                    s.extend(r.iter().cloned());
                    todo.push(s);
                }
            }
        }
        if todo.len() + done.len() > MAX_ALTERNATIVES {
            return None;
        }
    }
    // Popped last first: put the alternatives back in their order.
    done.reverse();
    Some(Hir::alternation(done))
}

/// More alternatives than this and the rewrite gives up (each assertion can
/// multiply them; the built-in patterns need at most a few).
const MAX_ALTERNATIVES: usize = 256;

/// A part of a flattened sequence: a piece of the pattern without Unicode
/// word assertions, or one such assertion.
#[derive(Clone)]
enum Item {
    Hir(Hir),
    Look(Look),
}

impl Item {
    fn into_hir(self) -> Hir {
        match self {
            Item::Hir(h) => h,
            Item::Look(l) => Hir::look(l),
        }
    }
}

fn is_unicode_word_look(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

/// The (previous is a word character, next is a word character) pairs at
/// which a Unicode word assertion holds.
fn allowed_pairs(look: Look) -> Vec<(bool, bool)> {
    let all = [(true, true), (true, false), (false, true), (false, false)];
    all.into_iter()
        .filter(|&(p, n)| match look {
            Look::WordUnicode => p != n,
            Look::WordUnicodeNegate => p == n,
            Look::WordStartUnicode => !p && n,
            Look::WordEndUnicode => p && !n,
            Look::WordStartHalfUnicode => !p,
            Look::WordEndHalfUnicode => !n,
            _ => unreachable!("only Unicode word assertions are items"),
        })
        .collect()
}

/// `\w` as regex-syntax has it (the class the `regex` crate's `\b` asks about).
fn word_class() -> ClassUnicode {
    match regex_syntax::parse(r"\w").expect("\\w parses").into_kind() {
        HirKind::Class(Class::Unicode(c)) => c,
        other => unreachable!("\\w is a Unicode class, not {other:?}"),
    }
}

fn negated(class: &ClassUnicode) -> ClassUnicode {
    let mut c = class.clone();
    c.negate();
    c
}

fn star(sub: Hir) -> Hir {
    Hir::repetition(Repetition {
        min: 0,
        max: None,
        greedy: true,
        sub: Box::new(sub),
    })
}

/// True when every part of `hir` is one the rewrite handles: literals of
/// whole UTF-8 characters, byte classes within ASCII, repetitions of what
/// cannot match the empty text, Unicode word assertions outside
/// repetitions (or in one that is `?`, which is distributed, not repeated).
fn supported(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Unicode(_)) => true,
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).is_ok(),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().all(|r| r.end() <= 0x7f),
        HirKind::Repetition(r) => {
            if r.sub.properties().look_set().contains_word_unicode() {
                // `?` around an assertion is distributed ([`flatten`]).
                r.min <= 1 && r.max == Some(1) && supported(&r.sub)
            } else {
                empty_of(&r.sub).is_none() && supported(&r.sub)
            }
        }
        HirKind::Capture(c) => supported(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().all(supported),
    }
}

/// `hir` as alternatives of sequences in which Unicode word assertions are
/// items of their own (alternations and `?` around them distributed).
fn flatten(hir: &Hir) -> Option<Vec<Vec<Item>>> {
    if !hir.properties().look_set().contains_word_unicode() {
        return Some(vec![vec![Item::Hir(hir.clone())]]);
    }
    match hir.kind() {
        HirKind::Look(l) if is_unicode_word_look(*l) => Some(vec![vec![Item::Look(*l)]]),
        HirKind::Capture(c) => flatten(&c.sub),
        HirKind::Concat(parts) => {
            let mut seqs = vec![Vec::new()];
            for p in parts {
                let tails = flatten(p)?;
                let mut next = Vec::new();
                for s in &seqs {
                    for t in &tails {
                        let mut n: Vec<Item> = s.clone();
                        n.extend(t.iter().cloned());
                        next.push(n);
                    }
                }
                if next.len() > MAX_ALTERNATIVES {
                    return None;
                }
                seqs = next;
            }
            Some(seqs)
        }
        HirKind::Alternation(alts) => {
            let mut seqs = Vec::new();
            for a in alts {
                seqs.extend(flatten(a)?);
            }
            (seqs.len() <= MAX_ALTERNATIVES).then_some(seqs)
        }
        HirKind::Repetition(r) if r.max == Some(1) && r.min <= 1 => {
            let mut seqs = flatten(&r.sub)?;
            if r.min == 0 {
                seqs.push(Vec::new());
            }
            Some(seqs)
        }
        _ => None,
    }
}

/// What `hir` matches when it matches the empty text: its assertions there
/// (`None` when it cannot match the empty text).
fn empty_of(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Empty => Some(Hir::empty()),
        HirKind::Look(l) => Some(Hir::look(*l)),
        HirKind::Literal(_) | HirKind::Class(_) => None,
        HirKind::Repetition(r) if r.min == 0 => Some(Hir::empty()),
        HirKind::Repetition(r) => empty_of(&r.sub),
        HirKind::Capture(c) => empty_of(&c.sub),
        HirKind::Concat(parts) => empty_of_seq(parts),
        HirKind::Alternation(alts) => {
            let e: Vec<Hir> = alts.iter().filter_map(empty_of).collect();
            (!e.is_empty()).then(|| Hir::alternation(e))
        }
    }
}

fn empty_of_seq(parts: &[Hir]) -> Option<Hir> {
    let e: Option<Vec<Hir>> = parts.iter().map(empty_of).collect();
    e.map(Hir::concat)
}

fn empty_of_items(items: &[Item]) -> Option<Vec<Item>> {
    items
        .iter()
        .map(|i| match i {
            Item::Hir(h) => empty_of(h).map(Item::Hir),
            Item::Look(l) => Some(Item::Look(*l)),
        })
        .collect()
}

/// Which end of a match [`edge_of`] looks at.
#[derive(Clone, Copy)]
enum Edge {
    First,
    Last,
}

fn first_of(hir: &Hir, class: &ClassUnicode) -> Option<Hir> {
    edge_of(hir, class, Edge::First)
}

fn last_of(hir: &Hir, class: &ClassUnicode) -> Option<Hir> {
    edge_of(hir, class, Edge::Last)
}

/// The matches of `hir` that are not empty and start (or end) with a
/// character of `class` (`None` when there are none).
fn edge_of(hir: &Hir, class: &ClassUnicode, edge: Edge) -> Option<Hir> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => {
            let mut chars = std::str::from_utf8(&lit.0).ok()?.chars();
            let c = match edge {
                Edge::First => chars.next(),
                Edge::Last => chars.next_back(),
            }?;
            class_has(class, c).then(|| hir.clone())
        }
        HirKind::Class(c) => restrict(c, class),
        HirKind::Repetition(r) => {
            if r.max == Some(0) {
                return None;
            }
            let one = edge_of(&r.sub, class, edge)?;
            let rest = rest_of(r, r.max.map(|m| m - 1));
            Some(Hir::concat(match edge {
                Edge::First => vec![one, rest],
                Edge::Last => vec![rest, one],
            }))
        }
        HirKind::Capture(c) => edge_of(&c.sub, class, edge),
        HirKind::Concat(parts) => match edge {
            Edge::First => first_of_seq(parts, class),
            Edge::Last => last_of_seq(parts, class),
        },
        HirKind::Alternation(alts) => {
            let a: Vec<Hir> = alts
                .iter()
                .filter_map(|a| edge_of(a, class, edge))
                .collect();
            (!a.is_empty()).then(|| Hir::alternation(a))
        }
    }
}

fn first_of_seq(parts: &[Hir], class: &ClassUnicode) -> Option<Hir> {
    let mut alts = Vec::new();
    let mut empties = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if let Some(f) = first_of(p, class) {
            let mut s = empties.clone();
            s.push(f);
            s.extend(parts[i + 1..].iter().cloned());
            alts.push(Hir::concat(s));
        }
        match empty_of(p) {
            Some(e) => empties.push(e),
            None => break,
        }
    }
    (!alts.is_empty()).then(|| Hir::alternation(alts))
}

fn last_of_seq(parts: &[Hir], class: &ClassUnicode) -> Option<Hir> {
    let mut alts = Vec::new();
    let mut empties: Vec<Hir> = Vec::new();
    for (i, p) in parts.iter().enumerate().rev() {
        if let Some(l) = last_of(p, class) {
            let mut s: Vec<Hir> = parts[..i].to_vec();
            s.push(l);
            s.extend(empties.iter().rev().cloned());
            alts.push(Hir::concat(s));
        }
        match empty_of(p) {
            Some(e) => empties.push(e),
            None => break,
        }
    }
    (!alts.is_empty()).then(|| Hir::alternation(alts))
}

/// The matches of the sequence `items` that are not empty and start with a
/// character of `class`, as sequences (assertion items kept in place).
fn first_of_items(items: &[Item], class: &ClassUnicode) -> Vec<Vec<Item>> {
    let mut out = Vec::new();
    let mut empties: Vec<Item> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (first, empty) = match item {
            Item::Hir(h) => (first_of(h, class), empty_of(h).map(Item::Hir)),
            Item::Look(l) => (None, Some(Item::Look(*l))),
        };
        if let Some(f) = first {
            let mut s = empties.clone();
            s.push(Item::Hir(f));
            s.extend(items[i + 1..].iter().cloned());
            out.push(s);
        }
        match empty {
            Some(e) => empties.push(e),
            None => break,
        }
    }
    out
}

/// The iterations of `r` after the first, up to `max` of them (the
/// repeated part cannot match the empty text: [`supported`]).
fn rest_of(r: &Repetition, max: Option<u32>) -> Hir {
    Hir::repetition(Repetition {
        min: r.min.saturating_sub(1),
        max,
        greedy: r.greedy,
        sub: r.sub.clone(),
    })
}

fn restrict(c: &Class, class: &ClassUnicode) -> Option<Hir> {
    let mut c = match c {
        Class::Unicode(u) => u.clone(),
        Class::Bytes(b) => ClassUnicode::new(
            b.ranges()
                .iter()
                .map(|r| ClassUnicodeRange::new(char::from(r.start()), char::from(r.end()))),
        ),
    };
    c.intersect(class);
    (!c.ranges().is_empty()).then(|| Hir::class(Class::Unicode(c)))
}

fn class_has(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < c {
                std::cmp::Ordering::Less
            } else if r.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A class of line patterns, parsed and sorted the way the class searches
/// them.
pub struct ClassParts {
    /// The patterns every match of which contains a literal, each with its
    /// literals and its parsed form, in the class's order.
    pub filtered: Vec<FilteredPattern>,
    /// The other patterns, parsed: searched as one alternation.
    pub rest: Vec<Hir>,
    /// The bytes a match of one of `rest` can start with, when every one of
    /// them matches only from the start of the line (`^`, as all of
    /// `data/patterns.toml`'s do): a line starting with another byte cannot
    /// match, and is answered without running the automaton (one table
    /// look-up).
    pub rest_first: Option<[bool; 256]>,
}

/// A pattern searched only on the lines that hold its literals.
pub struct FilteredPattern {
    pub pattern: String,
    /// Necessary, not sufficient: a line lacking one of them cannot match,
    /// so the pattern is not run ("@" of the e-mail pattern, "©").
    pub required: Vec<String>,
    pub hir: Hir,
}

/// Parses `patterns` into a class's parts; the error names the pattern
/// that does not parse, and why.
pub fn class_parts(patterns: impl IntoIterator<Item = String>) -> Result<ClassParts, String> {
    let mut parts = ClassParts {
        filtered: Vec::new(),
        rest: Vec::new(),
        // The union of the first bytes of `rest`, while each has a set.
        rest_first: Some([false; 256]),
    };
    for pattern in patterns {
        let hir = match regex_syntax::parse(&pattern) {
            Ok(h) => h,
            Err(e) => return Err(format!("{pattern} does not parse: {e}")),
        };
        let mut required = Vec::new();
        required_literals(&hir, &mut required);
        if required.is_empty() {
            parts.rest_first =
                parts
                    .rest_first
                    .zip(anchored_first_bytes(&hir))
                    .map(|(mut all, one)| {
                        for (a, o) in all.iter_mut().zip(one) {
                            *a |= o;
                        }
                        all
                    });
            parts.rest.push(hir);
        } else {
            parts.filtered.push(FilteredPattern {
                pattern,
                required,
                hir,
            });
        }
    }
    Ok(parts)
}

/// The characters of a set of patterns sorted into classes no pattern
/// tells apart (each class numbered by a byte), so that a DFA over those
/// numbers, one per character, answers as the patterns do over UTF-8. Its
/// states then count what the patterns count, not where a character's
/// bytes are: the "|" pattern's counted Unicode classes make a dense DFA
/// over UTF-8 of 228 MB, and a few thousand states over class numbers.
pub struct Alphabet {
    /// The class of each ASCII character.
    pub ascii: [u8; 128],
    /// From where on (each a character from U+0080 up, ascending) the
    /// class is `ids[i]`.
    pub starts: Cow<'static, [u32]>,
    pub ids: Cow<'static, [u8]>,
}

/// The patterns `hirs` (without Unicode word assertions: see
/// [`anchored_without_unicode_word_looks`]) over the class numbers of
/// their [`Alphabet`]. `None` when a pattern asserts anything but the start
/// or end of the line (those would look at class numbers, not bytes), a
/// literal or byte class is not whole UTF-8 characters, or there are more
/// than 256 classes.
#[cfg_attr(not(test), allow(dead_code))] // build.rs's
pub fn over_alphabet(hirs: &[Hir]) -> Option<(Alphabet, Vec<Hir>)> {
    let mut sets: Vec<ClassUnicode> = Vec::new();
    for h in hirs {
        collect_sets(h, &mut sets)?;
    }
    // Where some set starts or stops: between two of these points, every
    // set holds all characters or none.
    let mut points: Vec<u32> = vec![0, 0x80];
    for s in &sets {
        for r in s.ranges() {
            points.push(u32::from(r.start()));
            points.push(u32::from(r.end()) + 1);
        }
    }
    points.retain(|&p| p <= u32::from(char::MAX));
    points.sort_unstable();
    points.dedup();
    // A segment's class is the sets it is in.
    let mut ids: std::collections::HashMap<Vec<bool>, u8> = std::collections::HashMap::new();
    let mut segments: Vec<(u32, u8)> = Vec::new();
    for &p in &points {
        // Surrogates are no characters; the segment from one goes on past
        // them (its first character decides).
        let Some(c) = char::from_u32(p).or_else(|| char::from_u32(0xe000)) else {
            continue;
        };
        let signature: Vec<bool> = sets.iter().map(|s| class_has(s, c)).collect();
        let next = u8::try_from(ids.len()).ok();
        let id = match ids.get(&signature) {
            Some(&id) => id,
            None => {
                let id = next?;
                ids.insert(signature, id);
                id
            }
        };
        segments.push((p, id));
    }
    let mut ascii = [0u8; 128];
    for (i, &(start, id)) in segments.iter().enumerate() {
        let end = segments.get(i + 1).map_or(u32::MAX, |s| s.0);
        for b in start..end.min(128) {
            ascii[b as usize] = id;
        }
    }
    let (mut starts, mut ids) = (Vec::new(), Vec::new());
    for &(start, id) in segments.iter().filter(|s| s.0 >= 0x80) {
        if ids.last() != Some(&id) {
            starts.push(start);
            ids.push(id);
        }
    }
    let alphabet = Alphabet {
        ascii,
        starts: Cow::Owned(starts),
        ids: Cow::Owned(ids),
    };
    let mapped = hirs
        .iter()
        .map(|h| map_to_alphabet(h, &segments))
        .collect::<Option<Vec<Hir>>>()?;
    Some((alphabet, mapped))
}

impl Alphabet {
    /// The Rust expression of this alphabet (for build.rs).
    #[allow(dead_code)] // build.rs's
    pub fn to_rust(&self) -> String {
        format!(
            "Alphabet {{ ascii: {:?}, starts: Cow::Borrowed(&{:?}), ids: Cow::Borrowed(&{:?}) }}",
            self.ascii, self.starts, self.ids
        )
    }

    /// The class number of `c`.
    #[inline]
    pub fn id(&self, c: char) -> u8 {
        let c = u32::from(c);
        if c < 0x80 {
            return self.ascii[c as usize];
        }
        let i = self.starts.partition_point(|&s| s <= c);
        // starts[0] is U+0080, so i >= 1 here.
        self.ids[i - 1]
    }
}

/// Adds the sets of characters `hir` tells apart: its classes, and each
/// character of its literals alone.
#[cfg_attr(not(test), allow(dead_code))] // build.rs's
fn collect_sets(hir: &Hir, sets: &mut Vec<ClassUnicode>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Look(Look::Start | Look::End) => {}
        HirKind::Look(_) => return None,
        HirKind::Literal(lit) => {
            for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                sets.push(ClassUnicode::new([ClassUnicodeRange::new(c, c)]));
            }
        }
        HirKind::Class(c) => sets.push(unicode_class(c)?),
        HirKind::Repetition(r) => collect_sets(&r.sub, sets)?,
        HirKind::Capture(c) => collect_sets(&c.sub, sets)?,
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            for p in parts {
                collect_sets(p, sets)?;
            }
        }
    }
    Some(())
}

#[cfg_attr(not(test), allow(dead_code))] // build.rs's
fn unicode_class(c: &Class) -> Option<ClassUnicode> {
    match c {
        Class::Unicode(u) => Some(u.clone()),
        Class::Bytes(b) if b.ranges().iter().all(|r| r.end() <= 0x7f) => {
            Some(ClassUnicode::new(b.ranges().iter().map(|r| {
                ClassUnicodeRange::new(char::from(r.start()), char::from(r.end()))
            })))
        }
        Class::Bytes(_) => None,
    }
}

/// `hir` over class numbers: a set of characters becomes the set of the
/// numbers of the segments in it.
#[cfg_attr(not(test), allow(dead_code))] // build.rs's
fn map_to_alphabet(hir: &Hir, segments: &[(u32, u8)]) -> Option<Hir> {
    use regex_syntax::hir::{ClassBytes, ClassBytesRange};
    let ids_of = |set: &ClassUnicode| {
        let mut ids = [false; 256];
        for &(start, id) in segments {
            if let Some(c) = char::from_u32(start).or_else(|| char::from_u32(0xe000))
                && class_has(set, c)
            {
                ids[usize::from(id)] = true;
            }
        }
        let ranges = (0..=255u8)
            .filter(|&i| ids[usize::from(i)])
            .map(|i| ClassBytesRange::new(i, i));
        Hir::class(Class::Bytes(ClassBytes::new(ranges)))
    };
    Some(match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Look(l) => Hir::look(*l),
        HirKind::Literal(lit) => Hir::concat(
            std::str::from_utf8(&lit.0)
                .ok()?
                .chars()
                .map(|c| ids_of(&ClassUnicode::new([ClassUnicodeRange::new(c, c)])))
                .collect(),
        ),
        HirKind::Class(c) => ids_of(&unicode_class(c)?),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(map_to_alphabet(&r.sub, segments)?),
            ..r.clone()
        }),
        HirKind::Capture(c) => map_to_alphabet(&c.sub, segments)?,
        HirKind::Concat(parts) => Hir::concat(
            parts
                .iter()
                .map(|p| map_to_alphabet(p, segments))
                .collect::<Option<_>>()?,
        ),
        HirKind::Alternation(parts) => Hir::alternation(
            parts
                .iter()
                .map(|p| map_to_alphabet(p, segments))
                .collect::<Option<_>>()?,
        ),
    })
}
