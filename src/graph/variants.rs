//! Spelling variants of one person across a corpus, found so their nodes
//! can be merged: "Sergei Shoigu" / "Sergey Shoygu", "Assimi Goita" / "Asmi
//! Goeta", "Bashar" / "Bashar Assad".
//!
//! How merging decides (conservative: a wrong merge is worse than a split):
//!
//! - Names are compared in a folded form: lower case, accents dropped,
//!   hyphens and apostrophes removed, `y` read as `i`, doubled letters as one
//!   ("Shoygu" and "Shoigu" fold alike, "Assimi" to "asimi").
//! - Two full names (two words or more) are variants when they have as many
//!   words, each pair of words is equal once folded or one edit apart
//!   (insert, delete, substitute) with both at least four letters long, the
//!   two differ by at most two edits in all, and the last word is at least
//!   four letters long. "Kim Jong Un" and "Kim Jong Il" stay apart (two
//!   edits in a two-letter word).
//! - A one-word name joins the one full name whose first or last word it
//!   is once folded ("Shoygu" to "Sergei Shoigu", "Bashar" to "Bashar
//!   Assad"), and only when exactly one full name fits; a first name must be
//!   five letters or more.
//! - Two lexicon entries (fixed labels) are never merged with each other.
//! - Each group keeps the node of a lexicon entry if it has one, else of a
//!   full name, else the most mentioned (then the smaller slot): its id
//!   wins; the label is the lexicon's or the most frequent form.
//!
//! Names are bucketed by word count and initials, so the work grows with
//! the number of people, not its square.

use rustc_hash::FxHashMap;

/// One person node offered for merging.
#[derive(Debug, Clone)]
pub struct PersonName<'a> {
    /// The builder's slot of the node.
    pub slot: usize,
    pub label: &'a str,
    /// True when the label comes from the lexicon.
    pub fixed: bool,
    pub mentions: u64,
}

/// Pairs (variant slot, kept slot): each variant's node is merged into the kept one.
pub fn variant_merges(people: &[PersonName<'_>]) -> Vec<(usize, usize)> {
    let folded: Vec<Vec<String>> = people.iter().map(|p| fold_name(p.label)).collect();
    let mut parent: Vec<usize> = (0..people.len()).collect();
    // Full names bucketed by (word count, first initial, last initial).
    let mut buckets: FxHashMap<(usize, char, char), Vec<usize>> = FxHashMap::default();
    // Full names by their folded first and last word, for one-word names.
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (k, words) in folded.iter().enumerate() {
        if words.len() < 2 {
            continue;
        }
        let (f, l) = (initial(&words[0]), initial(&words[words.len() - 1]));
        buckets.entry((words.len(), f, l)).or_default().push(k);
        by_word
            .entry(words[words.len() - 1].as_str())
            .or_default()
            .push(k);
        if words[0].chars().count() >= 5 {
            by_word.entry(words[0].as_str()).or_default().push(k);
        }
    }
    for list in buckets.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if !(people[a].fixed && people[b].fixed) && full_names_agree(&folded[a], &folded[b])
                {
                    union(&mut parent, people, a, b);
                }
            }
        }
    }
    for (k, words) in folded.iter().enumerate() {
        if words.len() != 1 {
            continue;
        }
        let Some(cands) = by_word.get(words[0].as_str()) else {
            continue;
        };
        // One full name (or one group of variants) must fit.
        let mut roots: Vec<usize> = cands.iter().map(|&c| find(&mut parent, c)).collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 && !(people[k].fixed && people[roots[0]].fixed) {
            union(&mut parent, people, k, roots[0]);
        }
    }
    let mut out = Vec::new();
    for k in 0..people.len() {
        let r = find(&mut parent, k);
        if r != k {
            out.push((people[k].slot, people[r].slot));
        }
    }
    out
}

fn initial(w: &str) -> char {
    w.chars().next().unwrap_or(' ')
}

/// Which of two people keeps the group: a lexicon entry, then the most
/// mentioned, then the smaller slot.
fn better(people: &[PersonName<'_>], a: usize, b: usize) -> bool {
    let key = |k: usize| {
        (
            people[k].fixed,
            people[k].label.contains(' '),
            people[k].mentions,
            std::cmp::Reverse(people[k].slot),
        )
    };
    key(a) > key(b)
}

fn find(parent: &mut [usize], mut k: usize) -> usize {
    while parent[k] != k {
        parent[k] = parent[parent[k]];
        k = parent[k];
    }
    k
}

fn union(parent: &mut [usize], people: &[PersonName<'_>], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra == rb || people[ra].fixed && people[rb].fixed {
        return;
    }
    if better(people, ra, rb) {
        parent[rb] = ra;
    } else {
        parent[ra] = rb;
    }
}

/// Two full names of as many words, each word equal or one edit apart.
fn full_names_agree(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.len() < 2 || a[a.len() - 1].chars().count() < 4 {
        return false;
    }
    let mut total = 0;
    for (x, y) in a.iter().zip(b) {
        if x == y {
            continue;
        }
        if x.chars().count() < 4 || y.chars().count() < 4 || !one_edit_apart(x, y) {
            return false;
        }
        total += 1;
    }
    total <= 2
}

/// True when one insertion, deletion or substitution turns `a` into `b`.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// A name's words in folded form (see the module doc).
pub fn fold_name(label: &str) -> Vec<String> {
    label
        .split_whitespace()
        .map(|w| {
            let mut out = String::new();
            for c in w.chars().flat_map(char::to_lowercase) {
                let c = crate::text::fold_char(c);
                if !c.is_alphanumeric() {
                    continue;
                }
                let c = if c == 'y' { 'i' } else { c };
                if out.ends_with(c) {
                    continue;
                }
                out.push(c);
            }
            out
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merges(names: &[(&str, bool)]) -> Vec<(usize, usize)> {
        let people: Vec<PersonName> = names
            .iter()
            .enumerate()
            .map(|(k, (label, fixed))| PersonName {
                slot: k,
                label,
                fixed: *fixed,
                mentions: 1,
            })
            .collect();
        let mut m = variant_merges(&people);
        m.sort_unstable();
        m
    }

    #[test]
    fn transliterations_of_one_full_name_merge_into_the_lexicon_entry() {
        assert_eq!(
            merges(&[("Sergey Shoygu", false), ("Sergei Shoigu", true)]),
            [(0, 1)]
        );
        assert_eq!(
            merges(&[("Amadou Traore", false), ("Amadu Traoré", false)]),
            [(1, 0)]
        );
        assert_eq!(
            merges(&[
                ("Jan Wojciech Kowalski", false),
                ("Jan Wojciech Kowalsky", false)
            ]),
            [(1, 0)]
        );
    }

    #[test]
    fn one_edit_in_first_and_last_name_still_merges() {
        assert_eq!(
            merges(&[("Bakari Tounde", false), ("Bakary Toundi", false)]),
            [(1, 0)]
        );
        assert_eq!(
            merges(&[("Omar Hassan Dagalo", false), ("Omar Hassan Daglo", false)]),
            [(1, 0)]
        );
    }

    #[test]
    fn different_people_with_close_names_stay_apart() {
        assert!(merges(&[("Kim Jong Un", true), ("Kim Jong Il", false)]).is_empty());
        assert!(merges(&[("Li Wei", false), ("Li Wen", false)]).is_empty());
        assert!(merges(&[("Anna Berg", false), ("Hanna Borg", false)]).is_empty());
        assert!(merges(&[("Mark Stone", true), ("Mark Stine", true)]).is_empty());
        assert!(merges(&[("Peter Novak", false), ("Pavel Novak", false)]).is_empty());
    }

    #[test]
    fn a_one_word_name_joins_the_only_full_name_it_fits() {
        assert_eq!(
            merges(&[("Bashir", false), ("Bashir Hamdan", false)]),
            [(0, 1)]
        );
        assert_eq!(
            merges(&[("Tounde", false), ("Bakari Tounde", false)]),
            [(0, 1)]
        );
        // Two people share the surname: the one-word name is neither.
        assert!(
            merges(&[
                ("Park", false),
                ("Park Jin", false),
                ("Park Sun-won", false)
            ])
            .is_empty()
        );
        // A short first name is too common to join on.
        assert!(merges(&[("Jin", false), ("Jin Park", false)]).is_empty());
    }

    #[test]
    fn one_edit_apart_is_exact() {
        assert!(one_edit_apart("goita", "goeta"));
        assert!(one_edit_apart("dagalo", "daglo"));
        assert!(one_edit_apart("asmi", "asimi"));
        assert!(!one_edit_apart("abcd", "abdc"));
        assert!(!one_edit_apart("abc", "abcde"));
        assert!(one_edit_apart("abc", "abcd"));
        assert!(one_edit_apart("abc", "xbc"));
    }
}
