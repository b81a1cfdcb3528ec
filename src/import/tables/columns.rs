//! Column centres of space-aligned text (`pdftotext -layout`).

use super::tokens::{Kind, Token};
use super::Cell;

/// Column centres of space-aligned rows, per page and row width: the median
/// of each column over the lines that hold a whole row.
pub(super) struct Columns {
    /// ((page, row width), centres), few enough to search in order.
    pub(super) centres: Vec<((usize, usize), Vec<u32>)>,
}

impl Columns {
    /// `headers`: the column labels of the widest rows (表三), whose
    /// printed header gives the columns on a page where no row is whole
    /// (a table whose organisation columns are all empty).
    pub(super) fn new(tokens: &[Token], widths: &[usize], headers: &[&str]) -> Columns {
        // The x of each line's values, lines in order.
        let mut lines: Vec<(usize, usize, Vec<u32>)> = Vec::new();
        for t in tokens.iter().filter(|t| t.kind == Kind::Value) {
            let Some(x) = t.x else { continue };
            match lines.last_mut() {
                Some((line, _, xs)) if *line == t.line => xs.push(x),
                _ => lines.push((t.line, t.page, vec![x])),
            }
        }
        let mut centres: Vec<((usize, usize), Vec<u32>)> = Vec::new();
        for &(_, page, ref xs) in &lines {
            let n = xs.len();
            if n < 2 || !widths.contains(&n) || centres.iter().any(|(k, _)| *k == (page, n)) {
                continue;
            }
            let rows: Vec<&Vec<u32>> = lines
                .iter()
                .filter(|(_, p, r)| *p == page && r.len() == n)
                .map(|(_, _, r)| r)
                .collect();
            let centre = (0..n)
                .map(|c| {
                    let mut col: Vec<u32> = rows.iter().filter_map(|r| r.get(c).copied()).collect();
                    crate::sort::ascending(&mut col);
                    col.get(col.len() / 2).copied().unwrap_or(0)
                })
                .collect();
            centres.push(((page, n), centre));
        }
        let n = headers.len();
        let mut found: Vec<(usize, Vec<Option<u32>>)> = Vec::new();
        for t in tokens
            .iter()
            .filter(|t| t.kind == Kind::Word && t.text.chars().count() >= 2)
        {
            let Some(x) = t.x else { continue };
            let mut hits = headers
                .iter()
                .enumerate()
                .filter(|(_, h)| h.starts_with(t.text.as_str()));
            if let (Some((c, _)), None) = (hits.next(), hits.next()) {
                let at = match found.iter().position(|(p, _)| *p == t.page) {
                    Some(at) => at,
                    None => {
                        found.push((t.page, vec![None; n]));
                        found.len() - 1
                    }
                };
                if let Some(slot) = found.get_mut(at).and_then(|(_, s)| s.get_mut(c)) {
                    slot.get_or_insert(x);
                }
            }
        }
        for (page, slots) in found {
            let xs: Option<Vec<u32>> = slots.into_iter().collect();
            let known = centres.iter().any(|(k, _)| *k == (page, n));
            if let Some(xs) = xs.filter(|xs| !known && xs.windows(2).all(|w| w.first() < w.get(1)))
            {
                centres.push(((page, n), xs));
            }
        }
        Columns { centres }
    }

    /// Places values by their columns; None when they do not sit clearly in columns.
    pub(super) fn place(&self, vals: &[&Token], n: usize) -> Option<Vec<Cell>> {
        let page = vals.first()?.page;
        let (_, centres) = self.centres.iter().find(|(k, _)| *k == (page, n))?;
        let gap = centres
            .windows(2)
            .map(|w| {
                w.get(1)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(w.first().copied().unwrap_or(0))
            })
            .min()?;
        let mut out = vec![Cell::Blank; n];
        let mut last: Option<usize> = None;
        for v in vals {
            let x = v.x?;
            let (col, dist) = centres
                .iter()
                .enumerate()
                .map(|(c, &cx)| (c, cx.abs_diff(x)))
                .min_by_key(|&(_, d)| d)?;
            if dist * 2 > gap || last.is_some_and(|l| l >= col) {
                return None;
            }
            *out.get_mut(col)? = Cell::Val(v.text.clone());
            last = Some(col);
        }
        Some(out)
    }
}
