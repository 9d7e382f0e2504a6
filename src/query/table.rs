//! Aligned text tables for `ergraph entities` and `ergraph relations`.
//!
//! Off a terminal (a pipe, a file) every cell is printed whole, so `grep`,
//! `cut` and `awk` see the full labels, aliases and ids. On a terminal the
//! caller passes its width, and the columns allowed to shrink give way (the
//! widest first) until each line fits; a cut cell ends in `…`.

/// How a column may give way on a terminal that is too narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never cut (numbers, kinds, dates).
    Keep,
    /// Cut first (labels, aliases).
    Shrink,
    /// Cut only when the `Shrink` columns are down to their least (ids:
    /// a cut id cannot be pasted back, so it goes last).
    Last,
}

/// The least width a shrinking column is cut to (a longer header is cut too).
const LEAST: usize = 8;

/// A cell for a table: control characters as spaces, the text whole.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `s` cut to at most `max` characters, the last one `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Lays out rows under a header, each column as wide as its widest cell
/// (counted in characters), two spaces apart, no trailing spaces. With
/// `width`, the columns `fit` lets shrink are narrowed until a line fits in
/// `width` characters (or every such column is at its least); without it,
/// nothing is cut.
pub fn fit_table(
    header: &[&str],
    fit: &[Fit],
    rows: &[Vec<String>],
    width: Option<usize>,
) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    if let Some(width) = width {
        shrink(&mut widths, fit, width);
    }
    let line = |cells: &[&str]| {
        let mut s = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let shown = cut(cell, w);
            let n = shown.chars().count();
            s.push_str(&shown);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w - n));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    for r in rows {
        out.push_str(&line(&r.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    out
}

/// Narrows the columns `fit` lets shrink, the widest first (ties: the
/// leftmost), until the line fits `width`: `Shrink` columns to 16 characters,
/// then `Last` ones to 24, then both to [`LEAST`].
fn shrink(widths: &mut [usize], fit: &[Fit], width: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    for (pass, least) in [
        (Fit::Shrink, 16),
        (Fit::Last, 24),
        (Fit::Shrink, LEAST),
        (Fit::Last, LEAST),
    ] {
        while total(widths) > width {
            let widest = (0..widths.len())
                .filter(|&i| fit.get(i) == Some(&pass) && widths[i] > least)
                .max_by(|&a, &b| widths[a].cmp(&widths[b]).then(b.cmp(&a)));
            let Some(i) = widest else { break };
            // Down to the next widest column at once, one at least.
            let next = (0..widths.len())
                .filter(|&j| j != i && fit.get(j) == Some(&pass))
                .map(|j| widths[j])
                .filter(|&w| w < widths[i])
                .max()
                .unwrap_or(0);
            let over = total(widths) - width;
            let step = (widths[i] - next).clamp(1, over);
            widths[i] = (widths[i] - step).max(least);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "Comprehensive Strategic Partnership Treaty".into(),
                "treaty".into(),
                "treaty:cspt".into(),
            ],
            vec!["Kim".into(), "person".into(), "person:kim-jong-un".into()],
        ]
    }

    const FIT: [Fit; 3] = [Fit::Shrink, Fit::Keep, Fit::Last];

    #[test]
    fn without_a_width_every_cell_is_whole() {
        let t = fit_table(&["ENTITY", "KIND", "ID"], &FIT, &rows(), None);
        assert!(
            t.contains("Comprehensive Strategic Partnership Treaty  treaty"),
            "{t}"
        );
        assert!(!t.contains('…'), "{t}");
    }

    #[test]
    fn a_width_cuts_the_shrinking_columns_first_and_every_line_fits() {
        let t = fit_table(&["ENTITY", "KIND", "ID"], &FIT, &rows(), Some(40));
        for l in t.lines() {
            assert!(l.chars().count() <= 40, "{l:?} in\n{t}");
        }
        assert!(t.contains("Comprehensi…  treaty  treaty:cspt\n"), "{t}");
        assert!(
            t.contains("Kim           person  person:kim-jong-un\n"),
            "ids stay whole while labels can give: {t}"
        );
    }

    #[test]
    fn ids_are_cut_only_when_labels_are_at_their_least() {
        let t = fit_table(&["ENTITY", "KIND", "ID"], &FIT, &rows(), Some(26));
        let first = t.lines().nth(1).expect("row");
        assert!(first.starts_with("Compreh…  treaty  "), "{t}");
        assert!(t.contains("person  person:…\n"), "{t}");
        // Narrower than the least: the columns stop at their least.
        let tiny = fit_table(&["ENTITY", "KIND", "ID"], &FIT, &rows(), Some(5));
        assert!(
            tiny.lines()
                .nth(1)
                .expect("row")
                .starts_with("Compreh…  treaty  treaty:…"),
            "{tiny}"
        );
    }

    #[test]
    fn cut_marks_what_it_drops() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("김정은", 3), "김정은");
        assert_eq!(clean("a\nb\tc"), "a b c");
    }
}
