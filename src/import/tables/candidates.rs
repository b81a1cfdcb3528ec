//! The readers: each gives every row the values it believes are the row's,
//! and the rows' possibilities are resolved into one grid per reader.

use super::anchors::Anchor;
use super::columns::Columns;
use super::search::{resolve, Reading};
use super::shape::Shape;
use super::split::{complete, merged};
use super::tokens::{Kind, Token};
use super::{Cell, How, RowChoices};

/// What reading a row needs besides its tokens.
struct RowCtx<'a> {
    pub(super) shape: &'a Shape<'a>,
    pub(super) columns: &'a Columns,
    /// Where a row one value short has its empty cell, when a reading
    /// supposes the same column is empty in every such row.
    pub(super) gap: Option<usize>,
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
            return RowChoices::inferred(options, true);
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
        crate::sort::by_key(&mut sorted, |t| t.x);
    }
    let group = sorted.as_slice();
    let cell = |t: &&Token| match t.kind {
        Kind::Blank => Cell::Blank,
        _ => Cell::Val(t.text.clone()),
    };
    let fixed = |cells: Vec<Cell>| RowChoices {
        options: vec![cells],
        how: How::Read,
        exhaustive: true,
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
            let (options, exhaustive) = complete(shape, row, &vals);
            if let [only] = options.as_slice() {
                return RowChoices::inferred(vec![only.clone()], exhaustive);
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
        // The empty column is supposed: the row's sum, holding, confirms it.
        return RowChoices::inferred(vec![cells], true);
    }
    let (options, exhaustive) = complete(shape, row, &vals);
    RowChoices::inferred(options, exhaustive)
}

/// 表四's possible cells: its values in order. Empty cells at the ends of
/// a row may be a pipe's syntax or real empty cells: every way of dropping
/// some of them that leaves the row's width is a window (and the row is
/// laid out). Otherwise, with more values than cells, each run of the
/// right length (a page number or a note may stand among them); with
/// fewer, all of them. The second value says whether the row is laid out.
pub(super) fn unlabelled_windows(tokens: &[Token], width: usize) -> (Vec<Vec<usize>>, bool) {
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

/// Who proposed a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// The values from a label to the next label (表四: its values in order).
    Follow,
    /// The values between the previous label and this one (PDF reading order).
    Precede,
    /// Every value of the table in order, row after row.
    Sequence,
    /// 表四's values in the order a PDF viewer copies its cells.
    ViewerOrder,
}

/// Where a PDF viewer's copy puts 表四's values, printed k-th → cell: the
/// four parts of 行政复议, the four of 未经复议直接起诉, then 复议's 总计 (its
/// header cell spans two rows, so its column is read late), 复议后起诉 whole,
/// and 直接起诉's 总计 last.
fn viewer_order() -> Vec<usize> {
    use crate::template::table4::{GROUPS, TOTAL_FIELD};
    let width = TOTAL_FIELD + 1;
    let parts = |g: usize| (0..TOTAL_FIELD).map(move |f| g * width + f);
    let total = |g: usize| g * width + TOTAL_FIELD;
    if GROUPS.len() != 3 {
        return Vec::new();
    }
    parts(0)
        .chain(parts(1))
        .chain([total(0)])
        .chain(parts(2))
        .chain([total(2), total(1)])
        .collect()
}

/// The value tokens of each row under each reader.
fn readings(
    shape: &Shape,
    tokens: &[Token],
    anchors: &[Anchor],
    cuts: &[usize],
) -> Vec<(Reader, Vec<Option<Vec<usize>>>)> {
    let rows = shape.def.rows.len();
    let values = |from: usize, to: usize| -> Vec<usize> {
        (from..to.min(tokens.len()))
            .filter(|&i| tokens.get(i).is_some_and(Token::is_value))
            .collect()
    };
    let mut out = Vec::new();
    if !shape.def.labelled {
        let order = viewer_order();
        for window in unlabelled_windows(tokens, shape.width(0)).0 {
            let mut groups = vec![None; rows];
            if let Some(g) = groups.first_mut() {
                *g = Some(window.clone());
            }
            out.push((Reader::Follow, groups));
            // The same values in a viewer's order, when all of them are
            // there as loose values (a viewer's copy has no cell separators
            // and drops empty cells; a row of cells keeps its order).
            let loose = window
                .iter()
                .filter_map(|&i| tokens.get(i))
                .all(|t| t.kind == Kind::Value && !t.sep);
            if loose && window.len() == order.len() {
                let mut cells = window.clone();
                for (&token, &cell) in window.iter().zip(&order) {
                    if let Some(c) = cells.get_mut(cell) {
                        *c = token;
                    }
                }
                let mut groups = vec![None; rows];
                if let Some(g) = groups.first_mut() {
                    *g = Some(cells);
                }
                out.push((Reader::ViewerOrder, groups));
            }
        }
        return out;
    }
    // Follow: the values from a label to the next label. A label of a row
    // the format does not have ends the row before it once that row has
    // values of its own: on the lines before it, or a row's worth.
    let mut follow = vec![None; rows];
    for (k, a) in anchors.iter().enumerate() {
        let next = anchors.get(k + 1).map_or(tokens.len(), |b| b.start);
        let width = shape.width(a.row);
        let label_line = tokens.get(a.end).map_or(0, |t| t.line);
        let end = cuts
            .iter()
            .copied()
            .filter(|&c| c > a.end && c < next)
            .find(|&c| {
                let between: Vec<&Token> = (a.end..c)
                    .filter_map(|i| tokens.get(i))
                    .filter(|t| t.is_value())
                    .collect();
                let hard = between.iter().filter(|t| !t.soft).count();
                let later_line = tokens.get(c).is_some_and(|t| t.line > label_line);
                hard + 1 >= width || (later_line && !between.is_empty())
            })
            .unwrap_or(next);
        if let Some(g) = follow.get_mut(a.row) {
            *g = Some(values(a.start, end));
        }
    }
    out.push((Reader::Follow, follow));
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
    out.push((Reader::Precede, precede));
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
                out.push((Reader::Sequence, seq));
                break;
            }
        }
    }
    out
}

/// What places a cell's value, before any other witness: its first witness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Where the source printed it: on its row label's line (or between its
    /// label and the next, on lines no other label claims), read as printed.
    Printed,
    /// The value every reading of its row agrees on, chosen by the row's
    /// own sum (a run of digits split, values placed among empty cells).
    Settled,
    /// Read under a supposition its row's own sum does not bear out: a
    /// printed total split every way, empty cells that left nothing behind,
    /// a column guessed empty.
    Supposed,
    /// Placed by the table's sums alone (or not placed at all).
    Sums,
}

/// One reader's result for the whole table.
pub(super) struct Candidate {
    pub(super) grid: Vec<Cell>,
    /// Cells whose value stands where the source printed it: on its row
    /// label's line (or 表四's values laid out in order), read as printed.
    pub(super) positioned: Vec<bool>,
    /// What places each cell's value: its first witness.
    pub(super) places: Vec<Place>,
    /// How many cells are positioned: on their label's line, and in all.
    pub(super) placed: (usize, usize),
    pub(super) how: Vec<How>,
    /// Rows left open by the sums.
    pub(super) open: Vec<usize>,
    /// Rows whose values stand on their label's lines.
    pub(super) lined: usize,
    /// Rows laid out: on their label's lines, or filling the row exactly
    /// between its label and the next.
    pub(super) structured: usize,
    /// Rows whose label and values fill their lines exactly.
    pub(super) strong: usize,
    pub(super) filled: usize,
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

/// For each token, the row whose label stands before it on its line, if
/// any: the row a value printed on that line belongs to by its place.
fn line_owners(tokens: &[Token], anchors: &[Anchor]) -> Vec<Option<usize>> {
    let mut by_start: Vec<&Anchor> = anchors.iter().collect();
    crate::sort::by_key(&mut by_start, |a| a.start);
    let mut next = by_start.into_iter().peekable();
    let mut owner: Option<(usize, usize)> = None; // (line, row)
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            while let Some(a) = next.next_if(|a| a.start <= i) {
                let line = tokens.get(a.end).map_or(t.line, |e| e.line);
                owner = Some((line, a.row));
            }
            owner
                .filter(|(line, _)| *line == t.line)
                .map(|(_, row)| row)
        })
        .collect()
}

/// A reader's groups of value tokens per row, and the column supposed
/// empty in rows one value short.
type Plan = (Reader, Vec<Option<Vec<usize>>>, Option<usize>);

/// Every reader's result over one token stream.
pub(super) fn candidates(
    shape: &Shape,
    columns: &Columns,
    tokens: &[Token],
    anchors: &[Anchor],
    cuts: &[usize],
) -> Vec<Candidate> {
    let def = shape.def;
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    let mut gaps = Vec::new();
    let exact = unlabelled_windows(tokens, shape.kinds.len()).1;
    let owners = line_owners(tokens, anchors);
    for (label, groups) in readings(shape, tokens, anchors, cuts) {
        // Rows one value short, in text without columns: each column in turn
        // supposed empty in all of them (a PDF's text drops empty cells).
        if label == Reader::Follow && def.labelled {
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
                    gaps.push((Reader::Follow, groups.clone(), Some(gap)));
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
            gap,
        };
        let (mut lined, mut structured, mut strong) = (0, 0, 0);
        let mut row_positioned = vec![false; groups.len()];
        let mut row_on_line = vec![false; groups.len()];
        let reading: Reading = groups
            .iter()
            .enumerate()
            .map(|(row, g)| match g {
                Some(ids) if !ids.is_empty() => {
                    let group: Vec<&Token> = ids.iter().filter_map(|&i| tokens.get(i)).collect();
                    crate::import::work::add(group.len());
                    let hard = group.iter().filter(|t| !t.soft).count();
                    // A row fits when its values fill it between its label and
                    // the next, one empty cell dropped at most; in the sequence
                    // reading, when they fill one line.
                    let width = shape.width(row);
                    let one_line = group
                        .windows(2)
                        .all(|w| w.first().map(|t| t.line) == w.get(1).map(|t| t.line));
                    let fits = (hard == width
                        || (label != Reader::Sequence && hard + 1 == width && width > 2))
                        && (label != Reader::Sequence || one_line);
                    let on_lines = anchors
                        .iter()
                        .any(|a| a.row == row && on_label_lines(a, &group, tokens));
                    let choices = row_choices(&ctx, row, &group);
                    // Numbers cut by line breaks, joined so that the row adds up:
                    // the row still stood between its label and the next.
                    let joined = label != Reader::Sequence
                        && (width..=2 * width).contains(&hard)
                        && matches!(choices.options.as_slice(), [only] if shape.row_holds(row, only));
                    lined += usize::from(on_lines);
                    structured += usize::from(on_lines || fits || joined);
                    strong += usize::from(on_lines && fits);
                    // Where the source printed them: on the label's line, or
                    // filling the row between its label and the next (表四: its
                    // values laid out), each cell's value the same in every
                    // way the row's own values can be placed.
                    // 表四 has no labels: its values in order and in a
                    // viewer's order are two layouts, neither nearer a label.
                    // A value on another row's label line is that row's.
                    let owned = ids.iter().all(|&i| {
                        owners.get(i).copied().flatten().is_none_or(|r| r == row)
                    });
                    let laid = if def.labelled {
                        owned && (on_lines || (fits && label != Reader::Sequence))
                    } else {
                        exact
                    };
                    if let Some(p) = row_positioned.get_mut(row) {
                        *p = laid;
                    }
                    if let Some(p) = row_on_line.get_mut(row) {
                        *p = on_lines || !def.labelled;
                    }
                    choices
                }
                _ => RowChoices::none(),
            })
            .collect();
        let (grid, how, open) = resolve(shape, &reading);
        let filled = grid.iter().filter(|c| **c != Cell::Unread).count();
        let places: Vec<Place> = (0..grid.len())
            .map(|i| {
                let row = shape.offsets.iter().rposition(|&o| o <= i).unwrap_or(0);
                let at = i - shape.offsets.get(row).copied().unwrap_or(0);
                let Some(c) = reading.get(row) else {
                    return Place::Sums;
                };
                let agreed = {
                    let mut values = c.options.iter().map(|o| o.get(at));
                    let first = values.next().flatten();
                    first.is_some() && values.all(|v| v == first) && first == grid.get(i)
                };
                let own_sums = shape.has_row_relation(row)
                    && c.options.iter().all(|o| shape.row_holds(row, o));
                let laid = row_positioned.get(row).copied().unwrap_or(false);
                if c.how == How::Read && laid && agreed {
                    Place::Printed
                } else if c.how == How::Inferred && (!c.exhaustive || !own_sums) {
                    Place::Supposed
                } else if c.exhaustive && own_sums && agreed {
                    Place::Settled
                } else {
                    Place::Sums
                }
            })
            .collect();
        let positioned: Vec<bool> = places
            .iter()
            .map(|p| matches!(p, Place::Printed | Place::Settled))
            .collect();
        // Values on their label's own line are better placed than values
        // that only fill the gap between two labels.
        let placed = (
            positioned
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    **p && row_on_line
                        .get(shape.offsets.iter().rposition(|&o| o <= *i).unwrap_or(0))
                        .copied()
                        .unwrap_or(false)
                })
                .count(),
            positioned.iter().filter(|p| **p).count(),
        );
        candidates.push(Candidate {
            grid,
            positioned,
            places,
            placed,
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
