//! Reads the three tables by their own sums (design note "import by sums",
//! issue 7). Readers propose, the 勾稽关系 decide:
//!
//! 1. **Anchors.** Row labels are found in the words of the section, in
//!    template order, by the keywords of the template (spec §8.2 rule 4).
//!    A label may be cut by line breaks or by the values printed inside it.
//! 2. **Readings.** Each reader gives every row the values it believes are
//!    the row's: the values after its label (*follow*), before it (*precede*:
//!    PDF reading order), or all values of the table in order (*sequence*).
//! 3. **Rows.** A row with all its cells is taken as printed, errors
//!    included. A row with fewer values (blank cells a PDF dropped, digits
//!    run together) is completed by the columns of space-aligned text, or
//!    by the splits and placements under which the row's own sum holds.
//! 4. **Tables.** Where rows keep several possibilities, the column sums
//!    choose; what stays open is left empty and said.
//! 5. **Choice.** The reading under which most relations hold (a failing
//!    relation costs more than a holding one gains) is taken; where an
//!    equally good reading disagrees, those cells stay empty.
//!
//! A wrong value is worse than a missing one: every doubt leaves cells empty.

use super::tokens::{Kind, Token};
use super::Note;
use crate::model::number;
use crate::model::Report;
use crate::template::{CellId, TableId, Template, ValueKind};

/// A row the reader expects, in template order.
pub(super) struct RowDef {
    pub keys: &'static [&'static str],
    pub label: &'static str,
    pub cells: Vec<CellId>,
}

/// A table to read.
pub(super) struct TableDef {
    pub id: TableId,
    pub rows: Vec<RowDef>,
    /// False for 表四, whose single row has no label.
    pub labelled: bool,
}

impl TableDef {
    /// The rows of a table of a template.
    pub fn of(t: &Template, id: TableId) -> TableDef {
        let rows = match id {
            TableId::T2 => (0..t.t2_row_count())
                .map(|r| {
                    let (block, row) = t.t2_row(r);
                    RowDef {
                        keys: row.keys,
                        label: row.label,
                        cells: (0..block.fields.len()).map(|f| t.t2_cell(r, f)).collect(),
                    }
                })
                .collect(),
            TableId::T3 => t
                .t3_rows
                .iter()
                .enumerate()
                .map(|(r, row)| RowDef {
                    keys: row.keys,
                    label: row.label,
                    cells: (0..crate::template::table3::COLUMNS.len())
                        .map(|c| t.t3_cell(r, c))
                        .collect(),
                })
                .collect(),
            TableId::T4 => vec![RowDef {
                keys: &[],
                label: "",
                cells: t.cells_of(TableId::T4).collect(),
            }],
        };
        TableDef {
            id,
            rows,
            labelled: id != TableId::T4,
        }
    }
}

/// What a reading put in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    /// Nothing known.
    Unread,
    /// Printed empty.
    Blank,
    /// A value as printed (a number or a "no value" mark).
    Val(String),
}

/// How a row's cells were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// Every cell where the source put it.
    Read,
    /// Chosen by the sums among several possibilities.
    Inferred,
}

/// The possibilities for one row.
#[derive(Debug, Clone)]
struct RowChoices {
    options: Vec<Vec<Cell>>,
    how: How,
}

impl RowChoices {
    fn none() -> RowChoices {
        RowChoices {
            options: Vec::new(),
            how: How::Read,
        }
    }
}

/// Σ lhs = Σ rhs over the table's cells, by index in the flattened table.
struct Rel {
    lhs: Vec<usize>,
    rhs: Vec<usize>,
    /// The row whose cells it sums, when it lies within one row.
    row: Option<usize>,
}

/// The table's shape: cell kinds, row offsets and relations.
struct Shape<'a> {
    def: &'a TableDef,
    offsets: Vec<usize>,
    kinds: Vec<ValueKind>,
    rels: Vec<Rel>,
}

impl<'a> Shape<'a> {
    fn new(t: &Template, def: &'a TableDef) -> Shape<'a> {
        let mut offsets = Vec::new();
        // Template cell → index in this table.
        let mut index: Vec<Option<usize>> = vec![None; t.cells.len()];
        let mut kinds = Vec::new();
        for row in &def.rows {
            offsets.push(kinds.len());
            for &c in &row.cells {
                if let Some(slot) = index.get_mut(c.index()) {
                    *slot = Some(kinds.len());
                }
                kinds.push(t.cell(c).kind);
            }
        }
        let row_of = |i: usize| offsets.iter().rposition(|&o| o <= i);
        let rels = t
            .relations
            .iter()
            .filter_map(|r| {
                let at = |c: &CellId| index.get(c.index()).copied().flatten();
                let lhs: Option<Vec<usize>> = r.lhs.iter().map(at).collect();
                let rhs: Option<Vec<usize>> = r.rhs.iter().map(at).collect();
                let (lhs, rhs) = (lhs?, rhs?);
                let rows: Vec<Option<usize>> = lhs.iter().chain(&rhs).map(|&i| row_of(i)).collect();
                let row = rows
                    .first()
                    .copied()
                    .flatten()
                    .filter(|r| rows.iter().all(|x| *x == Some(*r)));
                Some(Rel { lhs, rhs, row })
            })
            .collect();
        Shape {
            def,
            offsets,
            kinds,
            rels,
        }
    }

    fn width(&self, row: usize) -> usize {
        self.def.rows.get(row).map_or(0, |r| r.cells.len())
    }

    fn number(&self, i: usize, cell: &Cell, blank_zero: bool) -> Option<i64> {
        match cell {
            Cell::Val(text) => match number::read(text, self.kinds.get(i).copied()?) {
                number::Value::Number(n) => Some(n),
                number::Value::Missing if blank_zero => Some(0),
                _ => None,
            },
            Cell::Blank if blank_zero => Some(0),
            Cell::Blank | Cell::Unread => None,
        }
    }

    /// (holds, fails) of the relations over a whole grid.
    fn score(&self, grid: &[Cell], blank_zero: bool) -> (usize, usize) {
        let (mut holds, mut fails) = (0, 0);
        for rel in &self.rels {
            match self.relation(rel, |i| grid.get(i), blank_zero) {
                Some(true) => holds += 1,
                Some(false) => fails += 1,
                None => {}
            }
        }
        (holds, fails)
    }

    /// Whether a relation holds, None when a cell is unknown.
    fn relation<'c>(
        &self,
        rel: &Rel,
        cell: impl Fn(usize) -> Option<&'c Cell>,
        blank_zero: bool,
    ) -> Option<bool> {
        let sum = |side: &[usize]| -> Option<i64> {
            side.iter()
                .map(|&i| cell(i).and_then(|c| self.number(i, c, blank_zero)))
                .sum()
        };
        Some(sum(&rel.lhs)? == sum(&rel.rhs)?)
    }

    /// The row's own relations hold for these cells (blanks read as 0).
    fn row_holds(&self, row: usize, cells: &[Cell]) -> bool {
        let offset = self.offsets.get(row).copied().unwrap_or(0);
        self.rels.iter().filter(|r| r.row == Some(row)).all(|rel| {
            self.relation(rel, |i| cells.get(i.wrapping_sub(offset)), true) == Some(true)
        })
    }

    fn has_row_relation(&self, row: usize) -> bool {
        self.rels.iter().any(|r| r.row == Some(row))
    }
}

/// A row label found in the section: the tokens from its first to its last character.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    row: usize,
    start: usize,
    end: usize,
}

/// The words of the section joined, each byte mapped back to its token.
struct Labels {
    text: String,
    /// (byte offset in `text`, token index), ascending.
    owners: Vec<(usize, usize)>,
}

impl Labels {
    fn new(tokens: &[Token]) -> Labels {
        let mut text = String::new();
        let mut owners = Vec::new();
        for (i, t) in tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == Kind::Word)
        {
            owners.push((text.len(), i));
            text.push_str(&t.text);
        }
        Labels { text, owners }
    }

    fn token_at(&self, byte: usize) -> usize {
        let i = self.owners.partition_point(|&(b, _)| b <= byte);
        self.owners.get(i.saturating_sub(1)).map_or(0, |&(_, t)| t)
    }

    /// True when `byte` starts a token's text (or ends the text).
    fn boundary(&self, byte: usize) -> bool {
        byte >= self.text.len() || self.owners.binary_search_by_key(&byte, |&(b, _)| b).is_ok()
    }

    /// The first match at or after `from` of any key. A key ending in `$`
    /// must end a word ("其他" but not "其他处理").
    fn find(&self, keys: &[&str], from: usize) -> Option<(usize, usize)> {
        keys.iter()
            .filter_map(|k| {
                let (key, whole) = match k.strip_suffix('$') {
                    Some(k) => (k, true),
                    None => (*k, false),
                };
                let mut at = from;
                loop {
                    super::work::add(self.text.len().saturating_sub(at));
                    let pos = at + self.text.get(at..)?.find(key)?;
                    let end = pos + key.len();
                    if !whole || self.boundary(end) {
                        return Some((pos, end));
                    }
                    at = end;
                }
            })
            .min()
    }
}

/// The rows' labels in template order, and whether rows already found
/// appear again after them (a block printed twice).
fn anchors(def: &TableDef, tokens: &[Token]) -> (Vec<Anchor>, bool) {
    let labels = Labels::new(tokens);
    let mut out = Vec::new();
    let mut from = 0;
    for (row, r) in def.rows.iter().enumerate() {
        if let Some((start, end)) = labels.find(r.keys, from) {
            out.push(Anchor {
                row,
                start: labels.token_at(start),
                end: labels.token_at(end.saturating_sub(1)),
            });
            from = end;
        }
    }
    let repeated = out
        .iter()
        .filter_map(|a| def.rows.get(a.row))
        .any(|r| labels.find(r.keys, from).is_some());
    (out, repeated)
}

/// Column centres of space-aligned rows, per page and row width: the median
/// of each column over the lines that hold a whole row.
struct Columns {
    /// ((page, row width), centres), few enough to search in order.
    centres: Vec<((usize, usize), Vec<u32>)>,
}

impl Columns {
    /// `headers`: the column labels of the widest rows (表三), whose
    /// printed header gives the columns on a page where no row is whole
    /// (a table whose organisation columns are all empty).
    fn new(tokens: &[Token], widths: &[usize], headers: &[&str]) -> Columns {
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
                    col.sort_unstable();
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
    fn place(&self, vals: &[&Token], n: usize) -> Option<Vec<Cell>> {
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

/// At most this many possibilities are weighed for one row or one table.
const MAX_OPTIONS: usize = 4096;

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
    out.into_iter()
        .map(|texts| texts.into_iter().map(Cell::Val).collect::<Vec<_>>())
        .filter(|cells| shape.row_holds(row, cells))
        .collect()
}

/// The search of [`split_row`].
struct Walk<'a> {
    pieces: &'a [&'a str],
    totals: &'a [Option<Vec<usize>>],
    n: usize,
    cells: Vec<String>,
    out: Vec<Vec<String>>,
    steps: usize,
    /// A known total and the cells it sums: none of them, nor their sum, may exceed it.
    cap: Option<(i64, Vec<usize>)>,
}

impl Walk<'_> {
    /// Whether the digits left can still fill the cells left: at least one
    /// digit each, and no more than a capped cell's room allows.
    fn feasible(&self, piece: usize, at: usize, next_cell: usize, room: Option<i64>) -> bool {
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

    fn go(&mut self, piece: usize, at: usize) {
        super::work::add(1);
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
fn complete(shape: &Shape, row: usize, vals: &[&Token], glued: bool) -> Vec<Vec<Cell>> {
    let n = shape.width(row);
    if !shape.has_row_relation(row) || vals.is_empty() {
        return Vec::new();
    }
    if glued
        && vals
            .iter()
            .any(|v| v.text.len() > 1 && v.text.chars().all(|c| c.is_ascii_digit()))
    {
        let pieces: Vec<&str> = vals.iter().map(|v| v.text.as_str()).collect();
        return split_row(shape, row, &pieces);
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
                    return out;
                }
            }
        }
    }
    out
}

/// Every increasing choice of `k` slots among `n`.
fn placements(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn go(n: usize, k: usize, from: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        super::work::add(1);
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

/// What reading a row needs besides its tokens.
struct RowCtx<'a> {
    shape: &'a Shape<'a>,
    columns: &'a Columns,
    glued: bool,
    /// Where a row one value short has its empty cell, when a reading
    /// supposes the same column is empty in every such row.
    gap: Option<usize>,
}

/// Numbers cut over two lines of their cell (a wide number in a narrow PDF
/// column), in space-aligned text: a number of three or more digits with
/// shorter digits under it in the same column, one or two lines down on a
/// line where no row label begins, is joined with them. None when nothing
/// is stacked. Whether the joined reading is right, the sums decide.
fn stacked(tokens: &[Token], label_lines: &[usize]) -> Option<Vec<Token>> {
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
    kept.sort_by_key(|(i, t)| (t.line, if t.kind == Kind::Word { 0 } else { 1 }, t.x, *i));
    Some(kept.into_iter().map(|(_, t)| t).collect())
}

/// Merges of neighbouring digit values into `n` cells (a number cut by a
/// line break in reading-order text), kept where the row's sum holds.
fn merged(shape: &Shape, row: usize, vals: &[&Token], n: usize) -> Vec<Vec<Cell>> {
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

/// What a row's group of tokens says about the row.
fn row_choices(ctx: &RowCtx, row: usize, group: &[&Token]) -> RowChoices {
    let shape = ctx.shape;
    let direct = row_read(ctx, row, group);
    if !shape.has_row_relation(row) {
        return direct;
    }
    let holds =
        |c: &RowChoices| c.options.len() == 1 && c.options.iter().all(|o| shape.row_holds(row, o));
    if holds(&direct) {
        return direct;
    }
    // A number cut by a line break in reading order: joined by order.
    let n = shape.width(row);
    let vals: Vec<&Token> = group
        .iter()
        .copied()
        .filter(|t| t.kind == Kind::Value)
        .collect();
    if vals.len() > n && vals.len() == group.iter().filter(|t| !t.soft).count() {
        let options = merged(shape, row, &vals, n);
        if !options.is_empty() {
            return RowChoices {
                options,
                how: How::Inferred,
            };
        }
        // More values than cells and no way to make the row add up: the
        // extra ones may belong anywhere.
        if direct.options.len() == 1 {
            return RowChoices::none();
        }
    }
    direct
}

/// A row read as its tokens stand.
fn row_read(ctx: &RowCtx, row: usize, group: &[&Token]) -> RowChoices {
    let shape = ctx.shape;
    let n = shape.width(row);
    // A row's cells in space-aligned text stand left to right, whatever
    // line of the row each is printed on (a label cut over lines).
    let mut sorted: Vec<&Token> = group.to_vec();
    let mut lines: Vec<usize> = group.iter().map(|t| t.line).collect();
    lines.dedup();
    if group.len() <= n && lines.len() < group.len() && group.iter().all(|t| t.x.is_some()) {
        sorted.sort_by_key(|t| t.x);
    }
    let group = sorted.as_slice();
    let cell = |t: &&Token| match t.kind {
        Kind::Blank => Cell::Blank,
        _ => Cell::Val(t.text.clone()),
    };
    let fixed = |cells: Vec<Cell>| RowChoices {
        options: vec![cells],
        how: How::Read,
    };
    // Empty cells alone (a header's padding) say nothing about a row.
    if group.iter().all(|t| t.kind == Kind::Blank) {
        return RowChoices::none();
    }
    if group.len() == n {
        return fixed(group.iter().map(cell).collect());
    }
    let hard: Vec<&Token> = group
        .iter()
        .copied()
        .filter(|t| !(t.kind == Kind::Blank && t.soft))
        .collect();
    if hard.len() >= n {
        return fixed(hard.iter().take(n).map(cell).collect());
    }
    let vals: Vec<&Token> = hard
        .iter()
        .copied()
        .filter(|t| t.kind == Kind::Value)
        .collect();
    if vals.is_empty() {
        return RowChoices::none();
    }
    if hard.iter().all(|t| t.sep) {
        // Separated cells keep their empty cells, except at the end of a
        // line, where a browser's text drops them: pad the end, unless the
        // row's sum says the gap is elsewhere.
        let mut padded: Vec<Cell> = hard.iter().map(cell).collect();
        padded.resize(n, Cell::Blank);
        if !shape.has_row_relation(row) || shape.row_holds(row, &padded) {
            return fixed(padded);
        }
        if hard.iter().all(|t| t.kind == Kind::Value) {
            let options = complete(shape, row, &vals, false);
            if let [only] = options.as_slice() {
                return RowChoices {
                    options: vec![only.clone()],
                    how: How::Inferred,
                };
            }
        }
        return fixed(padded);
    }
    if let Some(cells) = ctx.columns.place(&vals, n) {
        return fixed(cells);
    }
    if let Some(gap) = ctx.gap.filter(|_| vals.len() + 1 == n) {
        let mut cells: Vec<Cell> = vals.iter().map(cell).collect();
        cells.insert(gap.min(cells.len()), Cell::Blank);
        return RowChoices {
            options: vec![cells],
            how: How::Inferred,
        };
    }
    RowChoices {
        options: complete(shape, row, &vals, ctx.glued),
        how: How::Inferred,
    }
}

/// A reading: for each row, its possibilities.
type Reading = Vec<RowChoices>;

/// The reading's grid: each row's single possibility, or, for rows with
/// several, the combination under which most relations hold (empty cells
/// and marks as 0), found by a branch-and-bound search that evaluates each
/// relation as soon as its rows are chosen. Rows on which equally good
/// combinations disagree, or that the search could not settle within its
/// budget, stay open and come back in the third list; the cells all their
/// possibilities agree on are filled all the same.
fn resolve(shape: &Shape, reading: &Reading) -> (Vec<Cell>, Vec<How>, Vec<usize>) {
    let n: usize = shape.kinds.len();
    let mut grid = vec![Cell::Unread; n];
    let mut how = vec![How::Read; n];
    let mut open: Vec<usize> = Vec::new();
    let put = |grid: &mut Vec<Cell>, how: &mut Vec<How>, row: usize, cells: &[Cell], h: How| {
        let offset = shape.offsets.get(row).copied().unwrap_or(0);
        for (i, c) in cells.iter().enumerate() {
            if let Some(g) = grid.get_mut(offset + i) {
                *g = c.clone();
            }
            if let Some(x) = how.get_mut(offset + i) {
                *x = h;
            }
        }
    };
    for (row, choices) in reading.iter().enumerate() {
        match choices.options.as_slice() {
            [only] => put(&mut grid, &mut how, row, only, choices.how),
            [] => {}
            _ => open.push(row),
        }
    }
    if open.is_empty() {
        return (grid, how, open);
    }
    // What every possibility of an open row agrees on is known whichever is right.
    let consensus = |grid: &mut Vec<Cell>, how: &mut Vec<How>, row: usize| {
        let options = reading
            .get(row)
            .map(|c| c.options.as_slice())
            .unwrap_or_default();
        let Some(first) = options.first() else { return };
        let agreed: Vec<Cell> = first
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if options.iter().all(|o| o.get(i) == Some(c)) {
                    c.clone()
                } else {
                    Cell::Unread
                }
            })
            .collect();
        let offset = shape.offsets.get(row).copied().unwrap_or(0);
        for (i, c) in agreed
            .into_iter()
            .enumerate()
            .filter(|(_, c)| *c != Cell::Unread)
        {
            if let Some(g) = grid.get_mut(offset + i) {
                *g = c;
            }
            if let Some(h) = how.get_mut(offset + i) {
                *h = How::Inferred;
            }
        }
    };
    let mut search = Search::new(shape, reading, &grid, open.clone());
    search.go(0, 0, 0);
    let Some(best) = search.best.clone() else {
        for &row in &open {
            consensus(&mut grid, &mut how, row);
        }
        return (grid, how, open);
    };
    let mut undecided = Vec::new();
    for (k, &row) in search.order.iter().enumerate() {
        let pick = best.get(k).copied().unwrap_or(0);
        if search.exhausted || search.disagree.get(k).copied().unwrap_or(true) {
            consensus(&mut grid, &mut how, row);
            undecided.push(row);
            continue;
        }
        if let Some(option) = reading.get(row).and_then(|r| r.options.get(pick)) {
            put(&mut grid, &mut how, row, option, How::Inferred);
        }
    }
    undecided.sort_unstable();
    (grid, how, undecided)
}

/// The branch-and-bound search of [`resolve`].
struct Search<'a> {
    reading: &'a Reading,
    /// Open rows, fewest options first.
    order: Vec<usize>,
    /// Each option of each open row (in `order`) as numbers, empty and marks as 0.
    values: Vec<Vec<Vec<Option<i64>>>>,
    /// Numbers of the settled cells.
    base: Vec<Option<i64>>,
    /// Relations by the step (index in `order`) after which all their rows are chosen.
    due: Vec<Vec<usize>>,
    /// Relations settled without the open rows: (holds, fails).
    fixed: (usize, usize),
    rels: Vec<(Vec<usize>, Vec<usize>)>,
    /// For each cell of an open row: (step, index in the row).
    open_cell: Vec<Option<(usize, usize)>>,
    picks: Vec<usize>,
    best: Option<Vec<usize>>,
    best_key: (usize, usize),
    disagree: Vec<bool>,
    nodes: usize,
    exhausted: bool,
}

impl<'a> Search<'a> {
    fn new(
        shape: &Shape,
        reading: &'a Reading,
        grid: &[Cell],
        mut order: Vec<usize>,
    ) -> Search<'a> {
        order.sort_by_key(|&r| reading.get(r).map_or(0, |c| c.options.len()));
        let base: Vec<Option<i64>> = grid
            .iter()
            .enumerate()
            .map(|(i, c)| shape.number(i, c, true))
            .collect();
        let offsets = shape.offsets.clone();
        let row_of = |i: usize| offsets.iter().rposition(|&o| o <= i);
        let values = order
            .iter()
            .map(|&row| {
                let offset = offsets.get(row).copied().unwrap_or(0);
                reading
                    .get(row)
                    .map(|c| {
                        c.options
                            .iter()
                            .map(|cells| {
                                cells
                                    .iter()
                                    .enumerate()
                                    .map(|(i, cell)| shape.number(offset + i, cell, true))
                                    .collect()
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        let mut due = vec![Vec::new(); order.len()];
        let mut fixed = (0, 0);
        let mut rels = Vec::new();
        for rel in &shape.rels {
            let step = rel
                .lhs
                .iter()
                .chain(&rel.rhs)
                .filter_map(|&i| row_of(i).and_then(|r| order.iter().position(|&o| o == r)))
                .max();
            match step {
                Some(s) => {
                    if let Some(d) = due.get_mut(s) {
                        d.push(rels.len());
                    }
                }
                None => match shape.relation(rel, |i| grid.get(i), true) {
                    Some(true) => fixed.0 += 1,
                    Some(false) => fixed.1 += 1,
                    None => {}
                },
            }
            rels.push((rel.lhs.clone(), rel.rhs.clone()));
        }
        let steps = order.len();
        let open_cell = (0..grid.len())
            .map(|i| {
                let row = row_of(i)?;
                let step = order.iter().position(|&o| o == row)?;
                Some((step, i - offsets.get(row).copied().unwrap_or(0)))
            })
            .collect();
        Search {
            reading,
            order,
            values,
            base,
            due,
            fixed,
            rels,
            open_cell,
            picks: vec![0; steps],
            best: None,
            best_key: (0, 0),
            disagree: vec![false; steps],
            nodes: 0,
            exhausted: false,
        }
    }

    fn number(&self, cell: usize, upto: usize) -> Option<i64> {
        match self.open_cell.get(cell).copied().flatten() {
            Some((k, i)) if k <= upto => {
                let pick = self.picks.get(k).copied().unwrap_or(0);
                self.values.get(k)?.get(pick)?.get(i).copied().flatten()
            }
            Some(_) => None,
            None => self.base.get(cell).copied().flatten(),
        }
    }

    fn holds(&self, rel: usize, upto: usize) -> Option<bool> {
        let (lhs, rhs) = self.rels.get(rel)?;
        let sum =
            |side: &[usize]| -> Option<i64> { side.iter().map(|&c| self.number(c, upto)).sum() };
        Some(sum(lhs)? == sum(rhs)?)
    }

    fn go(&mut self, step: usize, holds: usize, fails: usize) {
        super::work::add(1);
        self.nodes += 1;
        if self.nodes > 50_000 {
            self.exhausted = true;
            return;
        }
        // Relations still to be settled could all hold, at best.
        let later: usize = self.due.iter().skip(step).map(Vec::len).sum();
        let best_holds = self.best_key.0;
        if self.best.is_some() && holds + later + self.fixed.0 < best_holds {
            return;
        }
        if step == self.order.len() {
            let key = (holds + self.fixed.0, usize::MAX - fails - self.fixed.1);
            match &self.best {
                Some(best) if key == self.best_key => {
                    let option = |k: usize, pick: Option<&usize>| {
                        let row = self.order.get(k)?;
                        self.reading
                            .get(*row)?
                            .options
                            .get(pick.copied().unwrap_or(0))
                    };
                    for (k, d) in self.disagree.iter_mut().enumerate() {
                        *d |= option(k, best.get(k)) != option(k, self.picks.get(k));
                    }
                }
                Some(_) if key < self.best_key => {}
                _ => {
                    self.best = Some(self.picks.clone());
                    self.best_key = key;
                    self.disagree.iter_mut().for_each(|d| *d = false);
                }
            }
            return;
        }
        let options = self
            .order
            .get(step)
            .and_then(|&r| self.reading.get(r))
            .map_or(0, |c| c.options.len());
        for pick in 0..options {
            if let Some(p) = self.picks.get_mut(step) {
                *p = pick;
            }
            let (mut h, mut f) = (holds, fails);
            for &rel in self.due.get(step).map(Vec::as_slice).unwrap_or_default() {
                match self.holds(rel, step) {
                    Some(true) => h += 1,
                    Some(false) => f += 1,
                    None => {}
                }
            }
            self.go(step + 1, h, f);
            if self.exhausted {
                return;
            }
        }
    }
}

/// 表四's possible cells: its values in order. Empty cells at the ends of
/// a row may be a pipe's syntax or real empty cells: every way of dropping
/// some of them that leaves the row's width is a window (and the row is
/// laid out). Otherwise, with more values than cells, each run of the
/// right length (a page number or a note may stand among them); with
/// fewer, all of them. The second value says whether the row is laid out.
fn unlabelled_windows(tokens: &[Token], width: usize) -> (Vec<Vec<usize>>, bool) {
    let every: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens.get(i).is_some_and(Token::is_value))
        .collect();
    let soft = |i: &usize| {
        tokens
            .get(*i)
            .is_some_and(|t| t.kind == Kind::Blank && t.soft)
    };
    let lead = every.iter().take_while(|i| soft(i)).count();
    let trail = every.iter().rev().take_while(|i| soft(i)).count();
    let mut windows: Vec<Vec<usize>> = Vec::new();
    for i in 0..=lead {
        for j in 0..=trail {
            let end = every.len().saturating_sub(j);
            if end >= i && end - i == width {
                if let Some(w) = every.get(i..end) {
                    windows.push(w.to_vec());
                }
            }
        }
    }
    let hard: Vec<usize> = every.iter().copied().filter(|i| !soft(i)).collect();
    let exact = !windows.is_empty() || hard.len() == width;
    if windows.is_empty() {
        if hard.len() >= width {
            for k in 0..=(hard.len() - width).min(8) {
                if let Some(w) = hard.get(k..k + width) {
                    windows.push(w.to_vec());
                }
            }
        } else {
            windows.push(every);
        }
    }
    windows.dedup();
    (windows, exact)
}

/// The value tokens of each row under each reader.
fn readings(
    shape: &Shape,
    tokens: &[Token],
    anchors: &[Anchor],
) -> Vec<(&'static str, Vec<Option<Vec<usize>>>)> {
    let rows = shape.def.rows.len();
    let values = |from: usize, to: usize| -> Vec<usize> {
        (from..to.min(tokens.len()))
            .filter(|&i| tokens.get(i).is_some_and(Token::is_value))
            .collect()
    };
    let mut out = Vec::new();
    if !shape.def.labelled {
        for window in unlabelled_windows(tokens, shape.width(0)).0 {
            let mut groups = vec![None; rows];
            if let Some(g) = groups.first_mut() {
                *g = Some(window);
            }
            out.push(("follow", groups));
        }
        return out;
    }
    // Follow: the values from a label to the next label.
    let mut follow = vec![None; rows];
    for (k, a) in anchors.iter().enumerate() {
        let end = anchors.get(k + 1).map_or(tokens.len(), |b| b.start);
        if let Some(g) = follow.get_mut(a.row) {
            *g = Some(values(a.start, end));
        }
    }
    out.push(("follow", follow));
    // Precede: the values between the previous label and this one.
    let mut precede = vec![None; rows];
    for (k, a) in anchors.iter().enumerate() {
        let start = k
            .checked_sub(1)
            .and_then(|p| anchors.get(p))
            .map_or(0, |p| p.end + 1);
        if let Some(g) = precede.get_mut(a.row) {
            *g = Some(values(start, a.start));
        }
    }
    out.push(("precede", precede));
    // Sequence: every value after the first label, row after row. Only
    // where sums can confirm it: nothing else ties values to rows.
    if let Some(first) = anchors.first().filter(|_| !shape.rels.is_empty()) {
        let all: Vec<usize> = values(first.start, tokens.len())
            .into_iter()
            .filter(|&i| {
                tokens
                    .get(i)
                    .is_some_and(|t| !(t.kind == Kind::Blank && t.soft))
            })
            .collect();
        let widths: Vec<usize> = (0..rows).map(|r| shape.width(r)).collect();
        let anchored: Vec<usize> = anchors.iter().map(|a| a.row).collect();
        for set in [(0..rows).collect::<Vec<_>>(), anchored] {
            let need: usize = set
                .iter()
                .map(|&r| widths.get(r).copied().unwrap_or(0))
                .sum();
            if need > 0 && all.len() == need {
                let mut seq = vec![None; rows];
                let mut at = 0;
                for &r in &set {
                    let w = widths.get(r).copied().unwrap_or(0);
                    if let Some(g) = seq.get_mut(r) {
                        *g = all.get(at..at + w).map(<[usize]>::to_vec);
                    }
                    at += w;
                }
                out.push(("sequence", seq));
                break;
            }
        }
    }
    out
}

/// One reader's result for the whole table.
struct Candidate {
    grid: Vec<Cell>,
    how: Vec<How>,
    /// Rows left open by the sums.
    open: Vec<usize>,
    /// Rows whose values stand on their label's lines.
    lined: usize,
    /// Rows laid out: on their label's lines, or filling the row exactly
    /// between its label and the next.
    structured: usize,
    /// Rows whose label and values fill their lines exactly.
    strong: usize,
    filled: usize,
}

/// True when the values stand on the label's lines or right under them.
fn on_label_lines(a: &Anchor, group: &[&Token], tokens: &[Token]) -> bool {
    let first = tokens.get(a.start).map_or(0, |t| t.line);
    let last = tokens.get(a.end).map_or(0, |t| t.line);
    group
        .iter()
        .filter(|t| t.kind == Kind::Value)
        .all(|t| t.line >= first && t.line <= last + 1)
}

/// The best reading, and the equally good ones that disagree with it.
///
/// Two readings are compared on the relations both can assess (a reading
/// that leaves a row out must not gain by having fewer sums to fail): a
/// failing relation costs twice what a holding one gains; then on the same
/// relations with empty cells and "—" read as 0. Where the sums cannot
/// tell them apart, the reading that fills more, then the one with the
/// better sums overall, then the one whose values stand on their labels'
/// lines, then the one laid out row by row, is taken; readers come in
/// order of how often their layout is met (a label, then its values).
fn choose(shape: &Shape, candidates: Vec<Candidate>) -> (Option<Candidate>, Vec<Vec<Cell>>) {
    let total = |grid: &[Cell]| {
        let (holds, fails) = shape.score(grid, false);
        holds as i64 - 2 * fails as i64
    };
    let mut best: Option<Candidate> = None;
    let mut rivals: Vec<Vec<Cell>> = Vec::new();
    for c in candidates {
        let Some(b) = &best else {
            best = Some(c);
            continue;
        };
        let common = |zero: bool| {
            let (mut sb, mut sc) = (0i64, 0i64);
            for rel in &shape.rels {
                let hb = shape.relation(rel, |i| b.grid.get(i), zero);
                let hc = shape.relation(rel, |i| c.grid.get(i), zero);
                if let (Some(hb), Some(hc)) = (hb, hc) {
                    sb += if hb { 1 } else { -2 };
                    sc += if hc { 1 } else { -2 };
                }
            }
            (sb, sc)
        };
        let ((sb, sc), (zb, zc)) = (common(false), common(true));
        let (tb, tc) = (total(&b.grid), total(&c.grid));
        let kc = (sc, zc, c.filled, tc, c.lined, c.structured);
        let kb = (sb, zb, b.filled, tb, b.lined, b.structured);
        let (better, alike) = (kc > kb, kc == kb);
        if better {
            rivals.clear();
            best = Some(c);
        } else if alike && c.grid != b.grid {
            rivals.push(c.grid);
        }
    }
    (best, rivals)
}

/// A reader's groups of value tokens per row, and the column supposed
/// empty in rows one value short.
type Plan = (&'static str, Vec<Option<Vec<usize>>>, Option<usize>);

/// Every reader's result over one token stream.
fn candidates(
    shape: &Shape,
    columns: &Columns,
    tokens: &[Token],
    anchors: &[Anchor],
    glued: bool,
) -> Vec<Candidate> {
    let def = shape.def;
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    let mut gaps = Vec::new();
    for (label, groups) in readings(shape, tokens, anchors) {
        // Rows one value short, in text without columns: each column in turn
        // supposed empty in all of them (a PDF's text drops empty cells).
        if label == "follow" && def.labelled {
            let short = groups
                .iter()
                .enumerate()
                .filter(|(row, g)| {
                    g.as_ref().is_some_and(|ids| {
                        let vals: Vec<&Token> = ids
                            .iter()
                            .filter_map(|&i| tokens.get(i))
                            .filter(|t| t.kind == Kind::Value)
                            .collect();
                        vals.len() + 1 == shape.width(*row)
                            && vals.iter().all(|t| !t.sep && t.x.is_none())
                            && vals.len() == ids.len()
                    })
                })
                .count();
            if short >= 2 {
                for gap in 0..shape.width(0) {
                    gaps.push(("gap", groups.clone(), Some(gap)));
                }
            }
        }
        plans.push((label, groups, None));
    }
    plans.append(&mut gaps);
    for (label, groups, gap) in plans {
        let ctx = RowCtx {
            shape,
            columns,
            glued,
            gap,
        };
        let (mut lined, mut structured, mut strong) = (0, 0, 0);
        let reading: Reading = groups
            .iter()
            .enumerate()
            .map(|(row, g)| match g {
                Some(ids) if !ids.is_empty() => {
                    let group: Vec<&Token> = ids.iter().filter_map(|&i| tokens.get(i)).collect();
                    super::work::add(group.len());
                    let hard = group.iter().filter(|t| !t.soft).count();
                    // A row fits when its values fill it between its label and
                    // the next, one empty cell dropped at most; in the sequence
                    // reading, when they fill one line.
                    let width = shape.width(row);
                    let fits = (hard == width || (label != "sequence" && hard + 1 == width && width > 2))
                        && (label != "sequence"
                            || group.windows(2).all(|w| w.first().map(|t| t.line) == w.get(1).map(|t| t.line)));
                    let on_lines = anchors
                        .iter()
                        .any(|a| a.row == row && on_label_lines(a, &group, tokens));
                                        let choices = row_choices(&ctx, row, &group);
                    // Numbers cut by line breaks, joined so that the row adds up:
                    // the row still stood between its label and the next.
                    let joined = label != "sequence"
                        && (shape.width(row)..=2 * shape.width(row)).contains(&hard)
                        && matches!(choices.options.as_slice(), [only] if shape.row_holds(row, only));
                                        lined += usize::from(on_lines);
                    structured += usize::from(on_lines || fits || joined);
                    strong += usize::from(on_lines && fits);
                    choices
                }
                _ => RowChoices::none(),
            })
            .collect();
        let (grid, how, open) = resolve(shape, &reading);
        let filled = grid.iter().filter(|c| **c != Cell::Unread).count();
        candidates.push(Candidate {
            grid,
            how,
            open,
            lined,
            structured,
            strong,
            filled,
        });
    }
    candidates
}

/// Reads one table from its section's tokens into the report.
pub(super) fn read(
    def: &TableDef,
    tokens: &[Token],
    glued: bool,
    report: &mut Report,
    inferred: &mut Vec<CellId>,
    quiet_if_absent: bool,
    all_notes: &mut Vec<Note>,
) {
    let t = report.template();
    let shape = Shape::new(t, def);
    let name = def.id.name();
    let (anchors, repeated) = if def.labelled {
        anchors(def, tokens)
    } else {
        (Vec::new(), false)
    };
    let widths: Vec<usize> = def.rows.iter().map(|r| r.cells.len()).collect();
    let headers: Vec<&str> = match def.id {
        TableId::T3 => crate::template::table3::COLUMNS
            .iter()
            .map(|c| c.label)
            .collect(),
        _ => Vec::new(),
    };
    let columns = Columns::new(tokens, &widths, &headers);
    let mut candidates = candidates(&shape, &columns, tokens, &anchors, glued);
    // Numbers cut over lines of their cells, joined: another reading.
    let label_lines: Vec<usize> = anchors
        .iter()
        .filter_map(|a| tokens.get(a.start).map(|t| t.line))
        .collect();
    if let Some(joined) = stacked(tokens, &label_lines) {
        let (anchors, _) = self::anchors(def, &joined);
        let columns = Columns::new(&joined, &widths, &headers);
        candidates.extend(self::candidates(&shape, &columns, &joined, &anchors, glued));
    }
    let (best, rivals) = choose(&shape, candidates);
    let mut notes = Vec::new();
    if repeated {
        notes.push(Note::info(
            format!("{name}中有重复出现的行，已采用第一次出现的数据。"),
            None,
        ));
    }
    let Some(Candidate {
        mut grid,
        how,
        open,
        structured,
        strong,
        ..
    }) = best
    else {
        return;
    };
    // A reading is believed for its layout (most rows' values on their
    // labels' lines) or for its sums; a reading with neither is not used.
    let with_values = def
        .rows
        .iter()
        .enumerate()
        .filter(|(row, r)| {
            let offset = shape.offsets.get(*row).copied().unwrap_or(0);
            grid.get(offset..offset + r.cells.len())
                .is_some_and(|cells| cells.iter().any(|c| matches!(c, Cell::Val(_))))
        })
        .count();
    // Sums confirm a reading when, as printed, some hold and none fails.
    let (holds, fails) = shape.score(&grid, false);
    let exact = unlabelled_windows(tokens, shape.kinds.len()).1;
    let laid_out = if def.labelled {
        (structured * 5 >= with_values * 4 && with_values >= def.rows.len().min(3))
            || (strong == with_values && with_values > 0)
    } else {
        // 表四's values in order: all of them, or a run-together line split by its sums.
        exact
            || (glued
                && tokens.iter().filter(|t| t.is_value()).map(|t| t.line).min()
                    == tokens.iter().filter(|t| t.is_value()).map(|t| t.line).max())
    };
    // Sums of zeros hold however the zeros are arranged: only figures
    // other than 0 can confirm an arrangement.
    let figures = grid
        .iter()
        .enumerate()
        .filter(|(i, c)| shape.number(*i, c, false).is_some_and(|n| n != 0))
        .count();
    let confirmed = holds >= 3 && fails == 0 && figures >= 3;
    if !laid_out && !confirmed && grid.iter().any(|c| *c != Cell::Unread) {
        grid.iter_mut().for_each(|c| *c = Cell::Unread);
        notes.push(Note::warning(
            format!("{name}的数字与行名分开排列（如从 PDF 复制的文字），按合计关系也无法确定对应关系，已留空，请对照原件填写。"),
            None,
        ));
    }
    // Cells on which an equally good reading disagrees are not read.
    let mut disputed = 0;
    for rival in &rivals {
        for (g, r) in grid.iter_mut().zip(rival) {
            if g != r && *g != Cell::Unread {
                *g = Cell::Unread;
                disputed += 1;
            }
        }
    }
    if disputed > 0 {
        notes.push(Note::warning(
            format!("{name}有 {disputed} 个单元格能按两种方式读出且都符合合计关系，无法确定，已留空，请对照原件填写。"),
            None,
        ));
    }
    for &row in &open {
        if let Some(r) = def.rows.get(row) {
            notes.push(Note::warning(
                                format!("{name}“{}”行的数字有多种拆分或位置都符合合计关系，无法确定的单元格已留空，请对照原件填写。", short(r.label)),
                None,
            ));
        }
    }
    let mut cells = 0;
    let mut row_inferred = vec![false; def.rows.len()];
    for (row, r) in def.rows.iter().enumerate() {
        let offset = shape.offsets.get(row).copied().unwrap_or(0);
        for (i, &id) in r.cells.iter().enumerate() {
            match grid.get(offset + i) {
                Some(Cell::Val(text)) => {
                    report.set_raw(id, text.clone());
                    cells += 1;
                    if how.get(offset + i) == Some(&How::Inferred) {
                        inferred.push(id);
                        if let Some(f) = row_inferred.get_mut(row) {
                            *f = true;
                        }
                    }
                }
                _ => report.set_raw(id, ""),
            }
        }
    }
    let rows_found = anchors.len();
    if def.labelled {
        let mut missing_rows = Vec::new();
        for (row, r) in def.rows.iter().enumerate() {
            let offset = shape.offsets.get(row).copied().unwrap_or(0);
            let slice = grid.get(offset..offset + r.cells.len()).unwrap_or_default();
            let read = slice.iter().filter(|c| **c != Cell::Unread).count();
            let found = anchors.iter().any(|a| a.row == row);
            if !found {
                missing_rows.push(row);
            } else if read == 0 && !open.contains(&row) {
                notes.push(Note::warning(
                    format!(
                        "{name}“{}”行没有读到数字，这些单元格留空待填。",
                        short(r.label)
                    ),
                    None,
                ));
            }
        }
        for row in missing_rows {
            if let Some(r) = def.rows.get(row) {
                notes.push(Note::warning(
                    format!(
                        "{name}没有找到“{}”行，这些单元格留空待填（不会当作0）。",
                        r.label
                    ),
                    None,
                ));
            }
        }
    } else if cells == 0 {
        notes.push(Note::warning(
            format!("{name}没有读到数据，15 个单元格留空待填。"),
            None,
        ));
    } else {
        let unread = grid.iter().filter(|c| **c == Cell::Unread).count();
        if unread > 0 {
            notes.push(Note::warning(
                format!(
                    "{name}只读到 {cells} 个数（应有 {} 个），其余留空待填。",
                    shape.kinds.len()
                ),
                None,
            ));
        }
    }
    let inferred_rows = row_inferred.iter().filter(|f| **f).count();
    if inferred_rows > 0 {
        notes.push(Note::info(
            format!("{name}有 {inferred_rows} 行的数字在原文中连在一起或缺了空白单元格，已按合计关系确定位置，请核对（已标出）。"),
            None,
        ));
    }
    if rows_found > 0 || cells > 0 || !quiet_if_absent {
        all_notes.append(&mut notes);
    }
}

fn short(label: &str) -> String {
    label.chars().take(24).collect()
}
