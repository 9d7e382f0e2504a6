//! One movement, one node: which deployment nodes are the same contingent,
//! and which describe one movement with different counts (estimate groups).
//!
//! Comes in: the graph's deployments (before they become nodes), the pairs
//! the text tells apart, the `part_of` pairs and what the lexicon knows of
//! places within countries. Goes out: groups of deployments to merge and
//! estimate groups. The rules are data (`data/deployments.toml`, which
//! documents each one); this file only applies them. Every loop runs in id
//! order, so the same graph always gives the same groups.

use super::model::{Category, Deployment, NodeId};
use crate::lexicon::movements::{MOVEMENTS, MovementRules};
use std::collections::{BTreeMap, BTreeSet};

/// One deployment as the rules see it.
#[derive(Debug, Clone)]
pub struct Movement<'a> {
    pub id: &'a NodeId,
    pub deployment: &'a Deployment,
    /// The families of the units it was counted in (a unit of no family
    /// stands for itself), sorted, found once: see [`Movement::new`].
    pub families: Vec<&'a str>,
}

impl<'a> Movement<'a> {
    /// A deployment counted in `units`, with their families.
    pub fn new(id: &'a NodeId, deployment: &'a Deployment, units: &[&'a str]) -> Movement<'a> {
        let rules: &'static MovementRules = &MOVEMENTS;
        let mut families: Vec<&'a str> =
            units.iter().map(|u| rules.family(u).unwrap_or(u)).collect();
        families.sort_unstable();
        families.dedup();
        Movement {
            id,
            deployment,
            families,
        }
    }

    /// True when the two share a family of units.
    fn kin(&self, other: &Movement) -> bool {
        self.families.iter().any(|f| other.families.contains(f))
    }
}

/// What the rules know beyond the deployments themselves.
#[derive(Debug, Default, Clone)]
pub struct Facts<'a> {
    /// Pairs the text tells apart, smaller id first.
    pub apart: BTreeSet<(&'a NodeId, &'a NodeId)>,
    /// (part, whole).
    pub part_of: BTreeSet<(&'a NodeId, &'a NodeId)>,
    /// The country each place is in.
    pub places_in: BTreeMap<&'a NodeId, &'a NodeId>,
}

impl Facts<'_> {
    fn apart(&self, a: &NodeId, b: &NodeId) -> bool {
        let key = if a < b { (a, b) } else { (b, a) };
        self.apart.contains(&key)
            || self.part_of.contains(&(a, b))
            || self.part_of.contains(&(b, a))
    }

    /// Two destinations are compatible when they are the same, one is
    /// unknown, or one is a place inside the other (a country).
    pub fn destinations_fit(&self, a: &Option<NodeId>, b: &Option<NodeId>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => {
                a == b
                    || self.places_in.get(a).is_some_and(|c| *c == b)
                    || self.places_in.get(b).is_some_and(|c| *c == a)
            }
            _ => true,
        }
    }

    /// Of two compatible destinations, the more precise one.
    pub fn finer<'b>(&self, a: &'b Option<NodeId>, b: &'b Option<NodeId>) -> &'b Option<NodeId> {
        match (a, b) {
            (Some(x), Some(_)) if self.places_in.contains_key(x) => a,
            (Some(_), Some(_)) => b,
            (Some(_), None) => a,
            _ => b,
        }
    }
}

/// Dates fit when one is unknown or one is a prefix of the other.
fn dates_fit(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        _ => true,
    }
}

fn origins_fit(a: &Option<NodeId>, b: &Option<NodeId>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Everything but the units: two deployments that may be one contingent.
/// Where an origin is unknown, both destinations must be known (and fit):
/// a count, a unit and nothing else would be the number alone.
fn same_but_units(a: &Movement, b: &Movement, facts: &Facts) -> bool {
    let (x, y) = (a.deployment, b.deployment);
    let anchored = (x.from.is_some() && y.from.is_some()) || (x.to.is_some() && y.to.is_some());
    anchored && same_place_and_time(a, b, facts)
}

/// Category, count, origin, destination and date fit, and the text does not
/// tell the two apart.
fn same_place_and_time(a: &Movement, b: &Movement, facts: &Facts) -> bool {
    let (x, y) = (a.deployment, b.deployment);
    x.category == y.category
        && x.count == y.count
        && x.count_max == y.count_max
        && origins_fit(&x.from, &y.from)
        && facts.destinations_fit(&x.to, &y.to)
        && dates_fit(&x.date, &y.date)
        && !facts.apart(a.id, b.id)
}

/// True when two groups (indices into `all`) may be one contingent: every
/// pair of members fits, and the groups share a family of units.
fn groups_fit(all: &[Movement], g: &[usize], h: &[usize], facts: &Facts) -> bool {
    let mut kin = false;
    for &i in g {
        for &j in h {
            if !same_but_units(&all[i], &all[j], facts) {
                return false;
            }
            kin |= all[i].kin(&all[j]);
        }
    }
    kin
}

/// Merges groups while two fit, in order (complete linkage).
///
/// After a merge the later groups are tried again from the first: a group
/// refused before may fit the grown one when `fits` asks for some pair (a
/// shared family of units). With `every_pair` (`fits` holds only when every
/// pair of members passes) a refused group stays refused, as group `i` only
/// grows: the later groups are tried once each, the same merges in one pass.
fn agglomerate(
    all: &[Movement],
    groups: &mut Vec<Vec<usize>>,
    every_pair: bool,
    fits: impl Fn(&[usize], &[usize]) -> bool,
) {
    let mut i = 0;
    while i < groups.len() {
        let mut j = i + 1;
        while j < groups.len() {
            if fits(&groups[i], &groups[j]) {
                let g = groups.remove(j);
                groups[i].extend(g);
                groups[i].sort_by(|&a, &b| all[a].id.cmp(all[b].id));
                if !every_pair {
                    j = i + 1;
                }
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

/// The groups of deployments that are one contingent (indices into `all`,
/// which is sorted by id), each sorted, groups by their first member; only
/// groups of two or more. Deployments without a count never merge here
/// (their article's drafts already joined what their words allow).
pub fn same_contingents(all: &[Movement], facts: &Facts) -> Vec<Vec<usize>> {
    // Only deployments of one category and count can be one: bucket by them.
    type Key = (Category, Option<u64>, Option<u64>);
    let mut buckets: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, m) in all.iter().enumerate() {
        let d = m.deployment;
        buckets
            .entry((d.category, d.count, d.count_max))
            .or_default()
            .push(i);
    }
    // Wholes and single contingents first; parts wait for their wholes.
    let parts: BTreeSet<&NodeId> = facts.part_of.iter().map(|(p, _)| *p).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (key, members) in buckets {
        if key.1.is_none() {
            continue; // uncounted: nothing to compare but words
        }
        let (parts, rest): (Vec<usize>, Vec<usize>) = members
            .into_iter()
            .partition(|&i| parts.contains(all[i].id));
        let mut g: Vec<Vec<usize>> = rest.into_iter().map(|i| vec![i]).collect();
        agglomerate(all, &mut g, false, |a, b| groups_fit(all, a, b, facts));
        groups.extend(g);
        groups.extend(parts.into_iter().map(|i| vec![i]));
    }
    // Parts of one whole with the same count are one part, whatever their
    // words; then what fits joins again.
    let group_of = |groups: &[Vec<usize>], i: usize| groups.iter().position(|g| g.contains(&i));
    let index: BTreeMap<&NodeId, usize> = all.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    // (the whole's group, the part's count, upper bound and category) → the parts' groups.
    type PartKey = (usize, Option<u64>, Option<u64>, Category);
    let mut by_whole: BTreeMap<PartKey, BTreeSet<usize>> = BTreeMap::new();
    for (p, w) in &facts.part_of {
        let (Some(&p), Some(&w)) = (index.get(p), index.get(w)) else {
            continue;
        };
        let (Some(pg), Some(wg)) = (group_of(&groups, p), group_of(&groups, w)) else {
            continue;
        };
        let d = all[p].deployment;
        by_whole
            .entry((groups[wg][0], d.count, d.count_max, d.category))
            .or_default()
            .insert(groups[pg][0]);
    }
    for firsts in by_whole.into_values() {
        let firsts: Vec<usize> = firsts.into_iter().collect();
        for &f in firsts.iter().skip(1) {
            let (Some(a), Some(b)) = (group_of(&groups, firsts[0]), group_of(&groups, f)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let fit = groups[a].iter().all(|&i| {
                groups[b]
                    .iter()
                    .all(|&j| same_place_and_time(&all[i], &all[j], facts))
            });
            if fit {
                let moved = groups.remove(b);
                let a = if b < a { a - 1 } else { a };
                groups[a].extend(moved);
                groups[a].sort_by(|&x, &y| all[x].id.cmp(all[y].id));
            }
        }
    }
    let wholes = part_groups(all, &groups, facts);
    siblings(all, &mut groups, &wholes, facts);
    // What fits joins again. Every group is of one category, count and upper
    // bound (each merge above needs them equal), and groups of two keys never
    // fit: merging within each key, in id order, merges what one pass over
    // all groups in id order would, without comparing groups of two keys.
    let mut by_key: BTreeMap<Key, Vec<Vec<usize>>> = BTreeMap::new();
    groups.sort_by(|a, b| all[a[0]].id.cmp(all[b[0]].id));
    for g in groups {
        let d = all[g[0]].deployment;
        by_key
            .entry((d.category, d.count, d.count_max))
            .or_default()
            .push(g);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for mut g in by_key.into_values() {
        agglomerate(all, &mut g, false, |a, b| groups_fit(all, a, b, facts));
        groups.extend(g.into_iter().filter(|g| g.len() > 1));
    }
    groups.sort_by(|a, b| all[a[0]].id.cmp(all[b[0]].id));
    groups
}

/// For each whole's group, the groups of its parts (positions in `groups`
/// by their first member), in order.
fn part_groups(all: &[Movement], groups: &[Vec<usize>], facts: &Facts) -> Vec<Vec<usize>> {
    let index: BTreeMap<&NodeId, usize> = all.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let first_of = |i: usize| groups.iter().find(|g| g.contains(&i)).map(|g| g[0]);
    let mut by_whole: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (p, w) in &facts.part_of {
        let (Some(&p), Some(&w)) = (index.get(p), index.get(w)) else {
            continue;
        };
        if let (Some(pf), Some(wf)) = (first_of(p), first_of(w)) {
            by_whole.entry(wf).or_default().insert(pf);
        }
    }
    by_whole
        .into_values()
        .map(|s| s.into_iter().collect())
        .collect()
}

/// Counts one article tells apart that match, count for count, the parts of
/// one whole are those parts, though the article names no origin ("Kim
/// agreed to send 5,000 military construction workers and 1,000 sappers"
/// beside a 6,000 made of 5,000 and 1,000): each joins the part of its
/// count when it fits every member (category, family, destination, date).
fn siblings(all: &[Movement], groups: &mut Vec<Vec<usize>>, wholes: &[Vec<usize>], facts: &Facts) {
    let alone: Vec<usize> = groups
        .iter()
        .filter(|g| g.len() == 1 && all[g[0]].deployment.from.is_none())
        .map(|g| g[0])
        .collect();
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for parts in wholes {
        // The part group each lone deployment would join, if exactly one fits.
        let fit = |x: usize| -> Option<usize> {
            let mut hits = parts.iter().copied().filter(|&f| {
                let Some(g) = groups.iter().find(|g| g[0] == f) else {
                    return false;
                };
                g.iter()
                    .all(|&m| same_place_and_time(&all[x], &all[m], facts))
                    && g.iter().any(|&m| all[x].kin(&all[m]))
            });
            let first = hits.next()?;
            hits.next().is_none().then_some(first)
        };
        for &x in &alone {
            let Some(gx) = fit(x) else { continue };
            // A sibling: told apart from x in its article, fitting another part.
            let sibling = alone.iter().any(|&y| {
                y != x
                    && facts.apart.contains(&if all[x].id < all[y].id {
                        (all[x].id, all[y].id)
                    } else {
                        (all[y].id, all[x].id)
                    })
                    && fit(y).is_some_and(|gy| gy != gx)
            });
            if sibling && !joins.iter().any(|j| j.0 == x) {
                joins.push((x, gx));
            }
        }
    }
    for (x, f) in joins {
        groups.retain(|g| g != &vec![x]);
        if let Some(g) = groups.iter_mut().find(|g| g.contains(&f)) {
            g.push(x);
            g.sort_by(|&a, &b| all[a].id.cmp(all[b].id));
        }
    }
}

/// The bounds of a deployment's count: (low, high).
pub fn bounds(d: &Deployment) -> Option<(u64, u64)> {
    let low = d.count?;
    Some((low, d.count_max.unwrap_or(low).max(low)))
}

/// True when two deployments may be estimates of one movement (see
/// `estimate_ratio` in `data/deployments.toml`).
fn estimates_fit(a: &Movement, b: &Movement, facts: &Facts, rules: &MovementRules) -> bool {
    let (x, y) = (a.deployment, b.deployment);
    let (Some((xl, xh)), Some((yl, yh))) = (bounds(x), bounds(y)) else {
        return false;
    };
    let close = (xl <= yh && yl <= xh)
        || (xh.max(yh) as f64) <= rules.estimate_ratio * (xl.min(yl).max(1) as f64);
    // Numbers first, then text, then the look-ups: the pairs of a bucket
    // grow with the corpus squared, and most fail on the counts or dates.
    (xl, xh) != (yl, yh)
        && close
        && x.category == y.category
        && x.date.is_some()
        && y.date.is_some()
        && dates_fit(&x.date, &y.date)
        && x.from.is_some()
        && x.from == y.from
        && a.kin(b)
        && facts.destinations_fit(&x.to, &y.to)
        && !facts.apart(a.id, b.id)
}

/// The estimate groups among deployments already merged (indices into
/// `all`, sorted by id): two or more, every pair an estimate of the other.
pub fn estimate_groups(all: &[Movement], facts: &Facts) -> Vec<Vec<usize>> {
    let rules = &*MOVEMENTS;
    // Only deployments of one category and origin can be estimates of one
    // movement: bucket by them.
    let mut buckets: BTreeMap<(Category, &NodeId), Vec<usize>> = BTreeMap::new();
    for (i, m) in all.iter().enumerate() {
        let d = m.deployment;
        // An undated deployment is nobody's estimate (see `estimates_fit`):
        // it would stay a group of one.
        if let (Some(_), Some(from), Some(_)) = (d.count, d.from.as_ref(), d.date.as_ref()) {
            buckets.entry((d.category, from)).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for members in buckets.into_values() {
        let mut g: Vec<Vec<usize>> = members.into_iter().map(|i| vec![i]).collect();
        agglomerate(all, &mut g, true, |g, h| {
            g.iter().all(|&i| {
                h.iter()
                    .all(|&j| estimates_fit(&all[i], &all[j], facts, rules))
            })
        });
        groups.extend(g.into_iter().filter(|g| g.len() > 1));
    }
    groups.sort_by(|a, b| all[a[0]].id.cmp(all[b[0]].id));
    groups
}

/// True when every member's range overlaps every other's.
pub fn ranges_agree<'a>(members: impl Iterator<Item = &'a Deployment> + Clone) -> bool {
    let b: Vec<(u64, u64)> = members.filter_map(bounds).collect();
    let low = b.iter().map(|x| x.0).max();
    let high = b.iter().map(|x| x.1).min();
    matches!((low, high), (Some(l), Some(h)) if l <= h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    const NK: &str = "country:north-korea";

    /// A personnel deployment from North Korea, without destination or date.
    fn dep(count: u64, unit: &str) -> Deployment {
        Deployment {
            count: Some(count),
            count_max: None,
            approximate: false,
            unit: unit.into(),
            category: Category::Personnel,
            status: Status::Sent,
            from: Some(NodeId(NK.into())),
            to: None,
            date: None,
            estimate: None,
        }
    }

    /// `d` with these fields changed (`None` keeps a field, `Some("")` clears an end).
    fn with(
        mut d: Deployment,
        from: Option<&str>,
        to: Option<&str>,
        date: Option<&str>,
    ) -> Deployment {
        let end = |v: &str| (!v.is_empty()).then(|| NodeId(v.into()));
        if let Some(f) = from {
            d.from = end(f);
        }
        if let Some(t) = to {
            d.to = end(t);
        }
        d.date = date.map(str::to_string).or(d.date);
        d
    }

    fn movements<'a>(ids: &'a [NodeId], deps: &'a [Deployment]) -> Vec<Movement<'a>> {
        ids.iter()
            .zip(deps)
            .map(|(id, d)| Movement::new(id, d, &[d.unit.as_str()]))
            .collect()
    }

    fn ids(n: usize) -> Vec<NodeId> {
        (0..n)
            .map(|i| NodeId(format!("deployment:d{i}").into()))
            .collect()
    }

    #[test]
    fn one_contingent_in_other_words_is_one_group_and_a_place_fits_its_country() {
        let (kursk, russia) = (
            NodeId("place:kursk".into()),
            NodeId("country:russia".into()),
        );
        let deps = [
            with(
                dep(6000, "military personnel"),
                None,
                Some("place:kursk"),
                None,
            ),
            with(dep(6000, "troops"), None, Some("country:russia"), None),
            with(
                dep(6000, "engineers and construction troops"),
                Some(""),
                Some("place:kursk"),
                None,
            ),
        ];
        let ids = ids(3);
        let all = movements(&ids, &deps);
        let mut facts = Facts::default();
        // Without the gazetteer Kursk and Russia are two places: "to Russia" stays apart.
        assert_eq!(same_contingents(&all, &facts), [vec![0, 2]]);
        facts.places_in.insert(&kursk, &russia);
        assert_eq!(same_contingents(&all, &facts), [vec![0, 1, 2]]);
    }

    #[test]
    fn the_number_alone_merges_nothing() {
        let mut deps =
            ["construction troops", "artillery shells", "labourers"].map(|u| dep(5000, u));
        deps[1].category = Category::Materiel;
        let ids = ids(3);
        assert!(same_contingents(&movements(&ids, &deps), &Facts::default()).is_empty());
        // Without an origin, a count and a unit are not enough.
        let deps = [
            dep(300, "troops"),
            with(dep(300, "soldiers"), Some(""), None, None),
        ];
        assert!(same_contingents(&movements(&ids, &deps), &Facts::default()).is_empty());
    }

    #[test]
    fn origins_places_and_dates_that_differ_keep_contingents_apart() {
        let deps = [
            with(dep(3000, "troops"), None, None, Some("2025-01")),
            with(dep(3000, "troops"), None, None, Some("2025-03")),
            with(dep(3000, "soldiers"), Some("country:belarus"), None, None),
            with(dep(3000, "soldiers"), Some(""), Some("place:kursk"), None),
            with(
                dep(3000, "soldiers"),
                Some(""),
                Some("place:belgorod"),
                None,
            ),
        ];
        let ids = ids(5);
        let groups = same_contingents(&movements(&ids, &deps), &Facts::default());
        // Complete linkage: no group holds two dates, two origins or two places.
        for g in &groups {
            for &i in g {
                for &j in g {
                    assert!(dates_fit(&deps[i].date, &deps[j].date), "{groups:?}");
                    assert!(origins_fit(&deps[i].from, &deps[j].from), "{groups:?}");
                }
            }
            assert!(!(g.contains(&3) && g.contains(&4)), "{groups:?}");
        }
    }

    #[test]
    fn what_the_text_tells_apart_never_merges() {
        let deps = [dep(3000, "troops"), dep(3000, "troops")];
        let ids = ids(2);
        let all = movements(&ids, &deps);
        assert_eq!(same_contingents(&all, &Facts::default()), [vec![0, 1]]);
        let mut facts = Facts::default();
        facts.apart.insert((&ids[0], &ids[1]));
        assert!(same_contingents(&all, &facts).is_empty());
    }

    #[test]
    fn parts_of_one_whole_with_one_count_are_one_part_whatever_their_words() {
        let deps = [
            dep(6000, "troops"),
            dep(6000, "personnel"),
            dep(1000, "deminers"),
            dep(1000, "railway workers"),
            dep(1000, "cooks"),
        ];
        let ids = ids(5);
        let all = movements(&ids, &deps);
        let mut facts = Facts::default();
        facts.part_of.insert((&ids[2], &ids[0]));
        facts.part_of.insert((&ids[3], &ids[1]));
        // The cooks are no part of it: they stay apart from the two parts.
        assert_eq!(same_contingents(&all, &facts), [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn one_pass_agglomeration_merges_as_the_restarting_one_when_every_pair_must_fit() {
        let n = 24;
        let deps: Vec<Deployment> = (0..n).map(|_| dep(100, "troops")).collect();
        let ids = ids(n);
        let all = movements(&ids, &deps);
        // Pseudo-random compatibility, symmetric, about two pairs in three.
        for seed in 1..40u64 {
            let ok = |a: usize, b: usize| {
                let (a, b) = (a.min(b) as u64, a.max(b) as u64);
                (a * 31 + b * 17 + seed * 7919).wrapping_mul(2654435761) % 3 != 0
            };
            let fits = |g: &[usize], h: &[usize]| g.iter().all(|&i| h.iter().all(|&j| ok(i, j)));
            let start: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
            let (mut once, mut again) = (start.clone(), start);
            agglomerate(&all, &mut once, true, fits);
            agglomerate(&all, &mut again, false, fits);
            assert_eq!(once, again, "seed {seed}");
            assert!(
                once.len() < n,
                "seed {seed}: nothing merged, the test proves nothing"
            );
        }
    }

    #[test]
    fn differing_counts_of_one_dated_movement_are_estimates() {
        let mut range = with(
            dep(10000, "troops"),
            None,
            Some("place:kursk"),
            Some("2024"),
        );
        range.count_max = Some(12000);
        let deps = [
            with(dep(10900, "combat troops"), None, None, Some("2024")),
            range,
            dep(10000, "troops"),
            with(dep(14000, "troops"), None, None, Some("2025-03")),
            with(dep(10500, "labourers"), None, None, Some("2024")),
        ];
        let ids = ids(5);
        let groups = estimate_groups(&movements(&ids, &deps), &Facts::default());
        assert_eq!(groups, [vec![0, 1]]);
        assert!(ranges_agree([&deps[0], &deps[1]].into_iter()));
        assert!(!ranges_agree([&deps[1], &deps[3]].into_iter()));
    }
}
