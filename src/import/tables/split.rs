//! Digits and values put into a row's cells when the text does not say
//! where each goes: runs split by the row's sums, values placed among
//! blanks, numbers cut over lines joined.

use super::shape::Shape;
use super::tokens::{Kind, Token};
use super::Cell;

/// At most this many possibilities are weighed for one row or one table.
pub(super) const MAX_OPTIONS: usize = 4096;

/// Splits a row of text run together ("560100057", or runs between "—"
/// marks) into its cells, left to right, with no leading zero in a
/// multi-digit count. A cell that totals the cells before it (the 总计 of
/// a 表三 row, each total of 表四) must be their sum, which settles most
/// splits; what is left is kept only where every row relation holds.
fn split_row(shape: &Shape, row: usize, pieces: &[&str]) -> Vec<Vec<Cell>> {
    let n = shape.width(row);
    let offset = shape.offsets.get(row).copied().unwrap_or(0);
    // For each cell, the cells it totals (when they all come before it).
    let totals: Vec<Option<Vec<usize>>> = (0..n)
        .map(|i| {
            shape
                .rels
                .iter()
                .filter(|r| r.row == Some(row))
                .find_map(|r| {
                    let [total] = r.lhs.as_slice() else {
                        return None;
                    };
                    let parts: Vec<usize> = r.rhs.iter().map(|p| p.wrapping_sub(offset)).collect();
                    (*total == offset + i && parts.iter().all(|&p| p < i)).then_some(parts)
                })
        })
        .collect();
    // The last cell totalling the others ends the text: each length of it
    // fixes the total, and no part may exceed it (a strong bound).
    let last_total = totals.last().cloned().flatten();
    let mut out = Vec::new();
    match (last_total, pieces.split_last()) {
        (Some(parts), Some((last, rest))) => {
            // A total printed as a mark ("—") is 0 for the sums.
            let digits = last.bytes().all(|b| b.is_ascii_digit());
            let lengths = if digits { 1..=last.len().min(6) } else { 0..=0 };
            for t in lengths {
                let (head, total) = if digits {
                    last.split_at(last.len() - t)
                } else {
                    ("", *last)
                };
                if t > 1 && total.starts_with('0') {
                    continue;
                }
                let mut pieces: Vec<&str> = rest.to_vec();
                if !head.is_empty() {
                    pieces.push(head);
                }
                let mut walk = Walk {
                    pieces: &pieces,
                    totals: &totals,
                    n: n - 1,
                    cells: Vec::new(),
                    out: Vec::new(),
                    steps: 0,
                    cap: Some((total.parse().unwrap_or(0), parts.clone())),
                };
                walk.go(0, 0);
                out.extend(walk.out.into_iter().map(|mut cells| {
                    cells.push(total.to_owned());
                    cells
                }));
            }
        }
        _ => {
            // No total among the digits to guide the split: only a run of
            // single digits (one per cell) can be read, any other is open.
            let marks = pieces
                .iter()
                .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
                .count();
            let digits: usize = pieces
                .iter()
                .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
                .map(|p| p.len())
                .sum();
            if digits + marks != n && !totals.iter().any(Option::is_some) {
                return Vec::new();
            }
            let mut walk = Walk {
                pieces,
                totals: &totals,
                n,
                cells: Vec::new(),
                out: Vec::new(),
                steps: 0,
                cap: None,
            };
            walk.go(0, 0);
            out = walk.out;
        }
    }
    let held: Vec<Vec<Cell>> = out
        .into_iter()
        .map(|texts| texts.into_iter().map(Cell::Val).collect::<Vec<_>>())
        .filter(|cells| shape.row_holds(row, cells))
        .collect();
    if !held.is_empty() {
        return held;
    }
    // No split adds up: the report printed this row's total wrong. Every
    // split is kept for the columns' sums to choose (a cell of it is then
    // kept only where a sum of its column holds with figures).
    let free = vec![None; n];
    let mut walk = Walk {
        pieces,
        totals: &free,
        n,
        cells: Vec::new(),
        out: Vec::new(),
        steps: 0,
        cap: None,
    };
    walk.go(0, 0);
    if walk.out.len() > MAX_ERRED_SPLITS {
        return Vec::new();
    }
    walk.out
        .into_iter()
        .map(|texts| texts.into_iter().map(Cell::Val).collect())
        .collect()
}

/// At most this many splits of a row whose own sum fails are weighed.
const MAX_ERRED_SPLITS: usize = 1024;

/// The search of [`split_row`].
struct Walk<'a> {
    pub(super) pieces: &'a [&'a str],
    pub(super) totals: &'a [Option<Vec<usize>>],
    pub(super) n: usize,
    pub(super) cells: Vec<String>,
    pub(super) out: Vec<Vec<String>>,
    pub(super) steps: usize,
    /// A known total and the cells it sums: none of them, nor their sum, may exceed it.
    pub(super) cap: Option<(i64, Vec<usize>)>,
}

impl Walk<'_> {
    /// Whether the digits left can still fill the cells left: at least one
    /// digit each, and no more than a capped cell's room allows.
    pub(super) fn feasible(
        &self,
        piece: usize,
        at: usize,
        next_cell: usize,
        room: Option<i64>,
    ) -> bool {
        let digit = |p: &&&str| p.bytes().all(|b| b.is_ascii_digit());
        let mut digits = self
            .pieces
            .get(piece)
            .filter(digit)
            .map_or(0, |p| p.len().saturating_sub(at));
        let mut marks = usize::from(self.pieces.get(piece).is_some_and(|p| !digit(&p)) && at == 0);
        for p in self.pieces.iter().skip(piece + 1) {
            if digit(&p) {
                digits += p.len();
            } else {
                marks += 1;
            }
        }
        let cells = self.n.saturating_sub(next_cell);
        let Some(digit_cells) = cells.checked_sub(marks) else {
            return false;
        };
        if digits < digit_cells {
            return false;
        }
        let capped = self
            .cap
            .as_ref()
            .map_or(0, |(_, parts)| {
                parts.iter().filter(|&&p| p >= next_cell).count()
            })
            .min(digit_cells);
        let width = |v: i64| if v <= 0 { 1 } else { v.to_string().len() };
        match room {
            Some(room) if room < 0 => false,
            Some(room) => digits <= capped * width(room) + (digit_cells - capped) * 6,
            None if capped > 0 => {
                let room = self.cap.as_ref().map_or(0, |(cap, _)| *cap);
                digits <= capped * width(room) + (digit_cells - capped) * 6
            }
            None => digits <= digit_cells * 6,
        }
    }

    pub(super) fn go(&mut self, piece: usize, at: usize) {
        crate::import::work::add(1);
        self.steps += 1;
        if self.out.len() >= MAX_OPTIONS || self.steps > 200_000 {
            return;
        }
        let cell = self.cells.len();
        let Some(text) = self.pieces.get(piece) else {
            if cell == self.n {
                self.out.push(self.cells.clone());
            }
            return;
        };
        if cell == self.n {
            return;
        }
        let rest = text.get(at..).unwrap_or_default();
        if !rest.chars().all(|c| c.is_ascii_digit()) {
            // A mark or a number standing apart: one cell.
            if at == 0 {
                self.cells.push((*text).to_owned());
                self.go(piece + 1, 0);
                self.cells.pop();
            }
            return;
        }
        let want: Option<String> = self.totals.get(cell).cloned().flatten().map(|parts| {
            parts
                .iter()
                .map(|&p| {
                    self.cells
                        .get(p)
                        .and_then(|c| c.parse::<i64>().ok())
                        .unwrap_or(0)
                })
                .sum::<i64>()
                .to_string()
        });
        let capped = self
            .cap
            .as_ref()
            .filter(|(_, parts)| parts.contains(&cell))
            .map(|(cap, parts)| {
                let sum: i64 = parts
                    .iter()
                    .filter_map(|&p| self.cells.get(p))
                    .filter_map(|c| c.parse::<i64>().ok())
                    .sum();
                cap - sum
            });
        for len in 1..=rest.len().min(6) {
            let Some(head) = rest.get(..len) else { break };
            if len > 1 && head.starts_with('0') {
                break;
            }
            if capped.is_some_and(|room| head.parse::<i64>().map_or(true, |v| v > room)) {
                break;
            }
            if want.as_deref().is_some_and(|w| w != head) {
                continue;
            }
            if !self.feasible(
                piece,
                at + len,
                cell + 1,
                capped.map(|room| room - head.parse::<i64>().unwrap_or(0)),
            ) {
                continue;
            }
            self.cells.push(head.to_owned());
            if len == rest.len() {
                self.go(piece + 1, 0);
            } else {
                self.go(piece, at + len);
            }
            self.cells.pop();
        }
    }
}

/// The possibilities for a row that holds fewer values than cells: the
/// values placed in order with blanks between (a PDF drops empty cells), or
/// digit runs split (text without spaces); kept only where the row's own
/// sum holds.
///
/// The second value says whether the options are every reading of the
/// values, or only those under a supposition (empty cells that left
/// nothing behind).
pub(super) fn complete(shape: &Shape, row: usize, vals: &[&Token]) -> (Vec<Vec<Cell>>, bool) {
    let n = shape.width(row);
    if !shape.has_row_relation(row) || vals.is_empty() {
        return (Vec::new(), true);
    }
    if vals
        .iter()
        .any(|v| v.glued && v.text.len() > 1 && v.text.chars().all(|c| c.is_ascii_digit()))
    {
        let pieces: Vec<&str> = vals.iter().map(|v| v.text.as_str()).collect();
        let split = split_row(shape, row, &pieces);
        if split.is_empty() {
            return (sparse(shape, row, &pieces), false);
        }
        return (split, true);
    }
    let sequences = [vals.iter().map(|v| v.text.clone()).collect::<Vec<_>>()];
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for seq in sequences {
        let k = seq.len();
        for slots in placements(n, k) {
            let mut cells = vec![Cell::Blank; n];
            for (&slot, value) in slots.iter().zip(&seq) {
                if let Some(c) = cells.get_mut(slot) {
                    *c = Cell::Val(value.clone());
                }
            }
            if shape.row_holds(row, &cells) && !out.contains(&cells) {
                out.push(cells);
                if out.len() >= MAX_OPTIONS {
                    return (out, true);
                }
            }
        }
    }
    (out, true)
}

/// A row run together whose empty cells left nothing behind ("116116" for
/// 116 | | | | | | 116): too few digits for its cells. When its last cell
/// totals the others, the digits are split into some parts and their
/// total (no leading zeros, the total their sum), and the parts placed in
/// order among the part cells; the columns' sums choose among them.
fn sparse(shape: &Shape, row: usize, pieces: &[&str]) -> Vec<Vec<Cell>> {
    let n = shape.width(row);
    let offset = shape.offsets.get(row).copied().unwrap_or(0);
    // The last cell must total all the others.
    let totals_all = shape.rels.iter().any(|r| {
        r.row == Some(row) && r.lhs.as_slice() == [offset + n - 1] && r.rhs.len() == n - 1
    });
    let digits: String = pieces.concat();
    if !totals_all
        || n < 2
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || digits.len() >= n
    {
        return Vec::new();
    }
    // Every split into numbers, then those whose last is the sum of the rest.
    fn go(rest: &str, cur: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        crate::import::work::add(1);
        if rest.is_empty() {
            out.push(cur.clone());
            return;
        }
        for len in 1..=rest.len().min(6) {
            let Some(head) = rest.get(..len) else { break };
            if len > 1 && head.starts_with('0') {
                break;
            }
            cur.push(head.to_owned());
            go(rest.get(len..).unwrap_or_default(), cur, out);
            cur.pop();
        }
    }
    let mut splits = Vec::new();
    go(&digits, &mut Vec::new(), &mut splits);
    let mut out = Vec::new();
    // Or every digit a part and the total left empty too: only zeros, as
    // an empty total is 0 for the row's sum.
    if digits.bytes().all(|b| b == b'0') && digits.len() < n {
        for slots in placements(n - 1, digits.len()) {
            let mut cells = vec![Cell::Blank; n];
            for &slot in &slots {
                if let Some(c) = cells.get_mut(slot) {
                    *c = Cell::Val("0".into());
                }
            }
            out.push(cells);
        }
    }
    for split in splits {
        let Some((total, parts)) = split.split_last() else {
            continue;
        };
        let sum: i64 = parts.iter().filter_map(|p| p.parse::<i64>().ok()).sum();
        if parts.is_empty() || total.parse::<i64>().ok() != Some(sum) {
            continue;
        }
        for slots in placements(n - 1, parts.len()) {
            let mut cells = vec![Cell::Blank; n];
            for (&slot, value) in slots.iter().zip(parts) {
                if let Some(c) = cells.get_mut(slot) {
                    *c = Cell::Val(value.clone());
                }
            }
            if let Some(c) = cells.last_mut() {
                *c = Cell::Val(total.clone());
            }
            out.push(cells);
            if out.len() >= MAX_OPTIONS {
                return out;
            }
        }
    }
    out
}

/// Every increasing choice of `k` slots among `n`.
fn placements(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn go(n: usize, k: usize, from: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        crate::import::work::add(1);
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        if out.len() >= MAX_OPTIONS {
            return;
        }
        for s in from..n {
            if n - s < k - cur.len() {
                break;
            }
            cur.push(s);
            go(n, k, s + 1, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    if k <= n {
        go(n, k, 0, &mut Vec::new(), &mut out);
    }
    out
}

/// Numbers cut over two lines of their cell (a wide number in a narrow PDF
/// column), in space-aligned text: a number of three or more digits with
/// shorter digits under it in the same column, one or two lines down on a
/// line where no row label begins, is joined with them. None when nothing
/// is stacked. Whether the joined reading is right, the sums decide.
pub(super) fn stacked(tokens: &[Token], label_lines: &[usize]) -> Option<Vec<Token>> {
    let digits = |t: &Token| {
        t.kind == Kind::Value && t.x.is_some() && t.text.chars().all(|c| c.is_ascii_digit())
    };
    let overlaps = |a: &Token, b: &Token| {
        let (ax, bx) = (a.x.unwrap_or(0), b.x.unwrap_or(0));
        ax + a.w > bx.saturating_sub(b.w) && ax.saturating_sub(a.w) < bx + b.w
    };
    let worded = |line: usize| label_lines.contains(&line);
    let mut out: Vec<Token> = tokens.to_vec();
    let mut gone = vec![false; tokens.len()];
    let mut joined = false;
    for (i, t) in tokens.iter().enumerate() {
        if gone.get(i).copied().unwrap_or(true) || !digits(t) || t.text.len() < 3 {
            continue;
        }
        let below = tokens.iter().enumerate().skip(i + 1).find(|(j, u)| {
            !gone.get(*j).copied().unwrap_or(true)
                && u.page == t.page
                                && (u.line == t.line + 1 || u.line == t.line + 2)
                && !worded(u.line)
                && digits(u)
                && u.text.len() < t.text.len()
                                && overlaps(t, u)
                // A line of continuations holds nothing else: every value
                // on it sits under a wide number of the upper line.
                && tokens.iter().filter(|m| m.line == u.line && m.kind == Kind::Value).all(|m| {
                    tokens.iter().any(|w| w.line == t.line && digits(w) && w.text.len() >= 3 && overlaps(w, m))
                })
                && !tokens.iter().any(|m| {
                    m.line == t.line + 1
                        && u.line == t.line + 2
                        && m.kind == Kind::Value
                        && overlaps(t, m)
                })
        });
        let Some((j, u)) = below else { continue };
        if let Some(g) = gone.get_mut(j) {
            *g = true;
        }
        // The number belongs with its row's label: on the upper line when
        // a label begins there, else on the line between the two parts.
        let mut merged = t.clone();
        merged.text.push_str(&u.text);
        if u.line == t.line + 2 && !worded(t.line) {
            merged.line = t.line + 1;
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = merged;
        }
        joined = true;
    }
    if !joined {
        return None;
    }
    // Keep the stream in line order, each joined number on its middle line.
    let mut kept: Vec<(usize, Token)> = out
        .into_iter()
        .zip(gone)
        .enumerate()
        .filter(|(_, (_, g))| !g)
        .map(|(i, (t, _))| (i, t))
        .collect();
    crate::sort::by_key(&mut kept, |(i, t)| {
        (t.line, if t.kind == Kind::Word { 0 } else { 1 }, t.x, *i)
    });
    Some(kept.into_iter().map(|(_, t)| t).collect())
}

/// Merges of neighbouring digit values into `n` cells (a number cut by a
/// line break in reading-order text), kept where the row's sum holds.
pub(super) fn merged(shape: &Shape, row: usize, vals: &[&Token], n: usize) -> Vec<Vec<Cell>> {
    fn go(vals: &[&Token], n: usize, cur: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if out.len() >= MAX_OPTIONS {
            return;
        }
        if vals.is_empty() {
            if cur.len() == n {
                out.push(cur.clone());
            }
            return;
        }
        if cur.len() >= n || vals.len() > 3 * (n - cur.len()) {
            return;
        }
        let mut text = String::new();
        for (k, t) in vals.iter().take(3).enumerate() {
            if k > 0
                && !(text.chars().all(|c| c.is_ascii_digit())
                    && t.text.chars().all(|c| c.is_ascii_digit()))
            {
                break;
            }
            text.push_str(&t.text);
            cur.push(text.clone());
            go(vals.get(k + 1..).unwrap_or_default(), n, cur, out);
            cur.pop();
        }
    }
    let mut found = Vec::new();
    go(vals, n, &mut Vec::new(), &mut found);
    found
        .into_iter()
        .map(|texts| texts.into_iter().map(Cell::Val).collect::<Vec<_>>())
        .filter(|cells| shape.row_holds(row, cells))
        .collect()
}
