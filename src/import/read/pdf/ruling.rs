//! Ruling lines: pieces on one line joined, and lines that touch grouped
//! into tables.

use super::{Page, Segment, SNAP};

/// Positions closer than [`SNAP`] made one, sorted.
pub(super) fn snap(mut values: Vec<f64>) -> Vec<f64> {
    crate::sort::by(&mut values, f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((mean, n)) if v - *mean / *n as f64 <= SNAP => {
                *mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// Segments on one line that touch or overlap made one (browsers draw a
/// border per cell side, so a row's line comes in pieces).
pub(super) fn joined(segments: &[Segment]) -> Vec<Segment> {
    let mut sorted = segments.to_vec();
    crate::sort::by(&mut sorted, |a, b| {
        a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo))
    });
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    for s in sorted {
        match lines.last_mut() {
            Some(line) if line.first().is_some_and(|f| s.at - f.at <= SNAP / 2.0) => line.push(s),
            _ => lines.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        crate::sort::by(&mut line, |a, b| a.lo.total_cmp(&b.lo));
        let mut current: Option<Segment> = None;
        for s in line {
            current = match current {
                Some(c) if s.lo <= c.hi + SNAP => Some(Segment {
                    at: c.at,
                    lo: c.lo,
                    hi: c.hi.max(s.hi),
                }),
                Some(c) => {
                    out.push(c);
                    Some(s)
                }
                None => Some(s),
            };
        }
        out.extend(current);
    }
    out
}

/// Groups of segments that touch or cross each other: each is a table.
pub(super) fn tables(page: &Page) -> Vec<(Vec<Segment>, Vec<Segment>)> {
    let (h, v) = (&joined(&page.horizontal), &joined(&page.vertical));
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let up = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = up;
            }
            i = p;
        }
        i
    }
    let touches = |a: &Segment, b: &Segment| {
        a.lo - SNAP <= b.at && b.at <= a.hi + SNAP && b.lo - SNAP <= a.at && a.at <= b.hi + SNAP
    };
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if touches(a, b) {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, h.len() + j));
                if let Some(slot) = parent.get_mut(ra) {
                    *slot = rb;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        std::collections::BTreeMap::new();
    for (i, s) in h.iter().enumerate() {
        groups.entry(root(&mut parent, i)).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        groups
            .entry(root(&mut parent, h.len() + j))
            .or_default()
            .1
            .push(*s);
    }
    groups
        .into_values()
        .filter(|(h, v)| {
            snap(h.iter().map(|s| s.at).collect()).len() >= 2
                && snap(v.iter().map(|s| s.at).collect()).len() >= 2
        })
        .collect()
}

/// The `i`th of sorted positions (0 past the end, which callers never reach).
pub(super) fn nth(values: &[f64], i: usize) -> f64 {
    values.get(i).copied().unwrap_or_default()
}

/// Whether some segment at `at` covers `point`.
pub(super) fn ruled(segments: &[Segment], at: f64, point: f64) -> bool {
    segments
        .iter()
        .any(|s| (s.at - at).abs() <= SNAP && s.lo - SNAP <= point && point <= s.hi + SNAP)
}
