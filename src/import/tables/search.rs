//! Rows with several possibilities: the combination under which most
//! relations hold, found by branch and bound.

use super::shape::Shape;
use super::{Cell, How, RowChoices};
use crate::template::relations::side_sums;

/// The nodes a search may visit. An exhausted search leaves its rows open,
/// as no search would; 2,000 reads both corpora (36 and 60 reports, every
/// layout) exactly as 50,000 did, so this keeps five times that margin.
const MAX_NODES: usize = 10_000;

/// A reading: for each row, its possibilities.
pub(super) type Reading = Vec<RowChoices>;

/// The reading's grid: each row's single possibility, or, for rows with
/// several, the combination under which most relations hold (empty cells
/// and marks as 0), found by a branch-and-bound search that evaluates each
/// relation as soon as its rows are chosen. Rows on which equally good
/// combinations disagree, or that the search could not settle within its
/// budget, stay open and come back in the third list; the cells all their
/// possibilities agree on are filled all the same.
pub(super) fn resolve(shape: &Shape, reading: &Reading) -> (Vec<Cell>, Vec<How>, Vec<usize>) {
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
    crate::sort::ascending(&mut undecided);
    (grid, how, undecided)
}

/// The branch-and-bound search of [`resolve`].
struct Search<'a> {
    pub(super) reading: &'a Reading,
    /// Open rows, fewest options first.
    pub(super) order: Vec<usize>,
    /// Each option of each open row (in `order`) as numbers, empty and marks as 0.
    pub(super) values: Vec<Vec<Vec<Option<i64>>>>,
    /// Each option of each open row as the index of its first equal option,
    /// so that two leaves compare their rows without comparing text.
    pub(super) same: Vec<Vec<usize>>,
    /// Numbers of the settled cells.
    pub(super) base: Vec<Option<i64>>,
    /// Relations by the step (index in `order`) after which all their rows are chosen.
    pub(super) due: Vec<Vec<usize>>,
    /// Relations settled without the open rows: (holds, fails).
    pub(super) fixed: (usize, usize),
    pub(super) rels: Vec<(Vec<usize>, Vec<usize>)>,
    /// For each cell of an open row: (step, index in the row).
    pub(super) open_cell: Vec<Option<(usize, usize)>>,
    pub(super) picks: Vec<usize>,
    pub(super) best: Option<Vec<usize>>,
    pub(super) best_key: (usize, usize),
    pub(super) disagree: Vec<bool>,
    pub(super) nodes: usize,
    pub(super) exhausted: bool,
}

impl<'a> Search<'a> {
    pub(super) fn new(
        shape: &Shape,
        reading: &'a Reading,
        grid: &[Cell],
        mut order: Vec<usize>,
    ) -> Search<'a> {
        crate::sort::by_key(&mut order, |&r| {
            reading.get(r).map_or(0, |c| c.options.len())
        });
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
        let same = order
            .iter()
            .map(|&row| {
                let options = reading
                    .get(row)
                    .map(|c| c.options.as_slice())
                    .unwrap_or_default();
                // Sorted by content, equal options sit together: each takes
                // the first index of its run.
                let mut sorted: Vec<(&Vec<Cell>, usize)> =
                    options.iter().enumerate().map(|(i, o)| (o, i)).collect();
                crate::sort::ascending(&mut sorted);
                let mut same = vec![0; options.len()];
                let mut run: Option<(&Vec<Cell>, usize)> = None;
                for (option, i) in sorted {
                    let first = match run {
                        Some((o, first)) if o == option => first,
                        _ => i,
                    };
                    run = Some((option, first));
                    if let Some(s) = same.get_mut(i) {
                        *s = first;
                    }
                }
                same
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
            same,
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

    pub(super) fn number(&self, cell: usize, upto: usize) -> Option<i64> {
        match self.open_cell.get(cell).copied().flatten() {
            Some((k, i)) if k <= upto => {
                let pick = self.picks.get(k).copied().unwrap_or(0);
                self.values.get(k)?.get(pick)?.get(i).copied().flatten()
            }
            Some(_) => None,
            None => self.base.get(cell).copied().flatten(),
        }
    }

    pub(super) fn holds(&self, rel: usize, upto: usize) -> Option<bool> {
        let (lhs, rhs) = self.rels.get(rel)?;
        side_sums(lhs, rhs, |c| self.number(c, upto)).map(|(l, r)| l == r)
    }

    pub(super) fn go(&mut self, step: usize, holds: usize, fails: usize) {
        crate::import::work::add(1);
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.exhausted = true;
            return;
        }
        // Relations still to be settled could all hold, at best.
        let later: usize = self.due.iter().skip(step).map(Vec::len).sum();
        let best_holds = self.best_key.0;
        if self.best.is_some() && holds + later + self.fixed.0 < best_holds {
            return;
        }
        // At best a tie (as many relations holding, no fewer failing), and
        // ties already leave every row open: nothing to learn below.
        let best_fails = usize::MAX - self.best_key.1;
        if self.best.is_some()
            && holds + later + self.fixed.0 == best_holds
            && fails + self.fixed.1 >= best_fails
            && self.disagree.iter().all(|d| *d)
        {
            return;
        }
        if step == self.order.len() {
            let key = (holds + self.fixed.0, usize::MAX - fails - self.fixed.1);
            match &self.best {
                Some(best) if key == self.best_key => {
                    let option = |k: usize, pick: Option<&usize>| {
                        self.same.get(k)?.get(pick.copied().unwrap_or(0)).copied()
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
