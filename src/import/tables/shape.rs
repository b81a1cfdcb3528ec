//! The table's shape: its cells' kinds, where each row starts, and the
//! relations among its cells.

use super::{Cell, TableDef};
use crate::model::number;
use crate::model::prose::Quote;
use crate::template::relations::side_sums;
use crate::template::{CellId, Template, ValueKind};

/// Σ lhs = Σ rhs over the table's cells, by index in the flattened table.
pub(super) struct Rel {
    pub(super) lhs: Vec<usize>,
    pub(super) rhs: Vec<usize>,
    /// The row whose cells it sums, when it lies within one row.
    pub(super) row: Option<usize>,
}

/// A figure the report's prose states for this table (see
/// [`crate::model::prose::quotes`]): the number, and the sets of cells whose
/// sum it may be, by index in the flattened table.
pub(super) struct Said {
    pub(super) sets: Vec<Vec<usize>>,
    pub(super) value: i64,
}

/// The table's shape: cell kinds, row offsets and relations.
pub(super) struct Shape<'a> {
    pub(super) def: &'a TableDef,
    pub(super) offsets: Vec<usize>,
    pub(super) kinds: Vec<ValueKind>,
    pub(super) rels: Vec<Rel>,
    /// What the prose says of the table's totals.
    pub(super) said: Vec<Said>,
    /// For each cell, the relations it takes part in.
    pub(super) rels_of: Vec<Vec<usize>>,
}

impl<'a> Shape<'a> {
    pub(super) fn new(t: &Template, def: &'a TableDef, quotes: &[Quote]) -> Shape<'a> {
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
        let rels: Vec<Rel> = t
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
        let at = |c: &CellId| index.get(c.index()).copied().flatten();
        let said = quotes
            .iter()
            .filter_map(|q| {
                let sets: Vec<Vec<usize>> = q
                    .cells
                    .iter()
                    .filter_map(|set| set.iter().map(at).collect())
                    .collect();
                (!sets.is_empty()).then_some(Said {
                    sets,
                    value: q.value,
                })
            })
            .collect();
        let mut rels_of = vec![Vec::new(); kinds.len()];
        for (k, rel) in rels.iter().enumerate() {
            for &i in rel.lhs.iter().chain(&rel.rhs) {
                if let Some(of) = rels_of.get_mut(i) {
                    of.push(k);
                }
            }
        }
        Shape {
            def,
            offsets,
            kinds,
            rels,
            said,
            rels_of,
        }
    }

    pub(super) fn width(&self, row: usize) -> usize {
        self.def.rows.get(row).map_or(0, |r| r.cells.len())
    }

    pub(super) fn number(&self, i: usize, cell: &Cell, blank_zero: bool) -> Option<i64> {
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
    pub(super) fn score(&self, grid: &[Cell], blank_zero: bool) -> (usize, usize) {
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
    pub(super) fn relation<'c>(
        &self,
        rel: &Rel,
        cell: impl Fn(usize) -> Option<&'c Cell>,
        blank_zero: bool,
    ) -> Option<bool> {
        side_sums(&rel.lhs, &rel.rhs, |i| {
            cell(i).and_then(|c| self.number(i, c, blank_zero))
        })
        .map(|(l, r)| l == r)
    }

    /// The row's own relations hold for these cells (blanks read as 0).
    pub(super) fn row_holds(&self, row: usize, cells: &[Cell]) -> bool {
        let offset = self.offsets.get(row).copied().unwrap_or(0);
        self.rels.iter().filter(|r| r.row == Some(row)).all(|rel| {
            self.relation(rel, |i| cells.get(i.wrapping_sub(offset)), true) == Some(true)
        })
    }

    /// Whether what the prose says holds: Some(true) when one of the sets
    /// sums to the number, Some(false) when each set is read and none does.
    pub(super) fn said_holds(&self, said: &Said, grid: &[Cell]) -> Option<bool> {
        let sums: Vec<Option<i64>> = said
            .sets
            .iter()
            .map(|set| {
                side_sums(set, &[], |i| {
                    grid.get(i).and_then(|c| self.number(i, c, false))
                })
                .map(|(l, _)| l)
            })
            .collect();
        if sums.contains(&Some(said.value)) {
            Some(true)
        } else if sums.iter().all(Option::is_some) {
            Some(false)
        } else {
            None
        }
    }

    /// How many of the prose's figures hold under a grid.
    pub(super) fn said_held(&self, grid: &[Cell]) -> usize {
        self.said
            .iter()
            .filter(|s| self.said_holds(s, grid) == Some(true))
            .count()
    }

    pub(super) fn has_row_relation(&self, row: usize) -> bool {
        self.rels.iter().any(|r| r.row == Some(row))
    }
}
