//! A table from its ruling lines: cells by grid position, and a table
//! continued on the next page.

use super::SNAP;
use crate::import::document::{Table, TableCell};

/// A table rebuilt from its ruling lines: cells by grid position.
pub(super) struct Grid {
    /// Column boundaries (x), left to right.
    pub(super) xs: Vec<f64>,
    /// `(row, col, rowspan, colspan, text)`, by row then column.
    pub(super) cells: Vec<(usize, usize, usize, usize, String)>,
    pub(super) rows: usize,
}

impl Grid {
    /// The table, as the importer reads it.
    pub(super) fn table(&self) -> Table {
        let mut table = Table::default();
        for row in 0..self.rows {
            table.rows.push(
                self.cells
                    .iter()
                    .filter(|c| c.0 == row)
                    .map(|(_, _, rs, cs, text)| TableCell {
                        text: text.clone(),
                        rowspan: u32::try_from(*rs).unwrap_or(1),
                        colspan: u32::try_from(*cs).unwrap_or(1),
                    })
                    .collect(),
            );
        }
        table
    }

    /// The texts of a row's cells, in order.
    pub(super) fn row_texts(&self, row: usize) -> Vec<&str> {
        self.cells
            .iter()
            .filter(|c| c.0 == row)
            .map(|c| c.4.as_str())
            .collect()
    }

    /// Whether `next` can continue this table: the same columns.
    pub(super) fn continued_by(&self, next: &Grid) -> bool {
        self.xs.len() == next.xs.len()
            && self
                .xs
                .iter()
                .zip(&next.xs)
                .all(|(a, b)| (a - b).abs() < SNAP * 2.0)
    }

    /// This table with `next`, its continuation, below: the header rows
    /// that `next` repeats at the top of its page dropped.
    pub(super) fn append(mut self, next: Grid) -> Grid {
        // Header rows repeated at the top of the page: the leading rows of
        // `next` equal to this table's leading rows (spans staying inside).
        let mut skip = 0;
        while skip < next.rows && skip < self.rows && next.row_texts(skip) == self.row_texts(skip) {
            skip += 1;
        }
        while skip > 0 && next.cells.iter().any(|c| c.0 < skip && c.0 + c.2 > skip) {
            skip -= 1;
        }
        let base = self.rows;
        for (r, c, rs, cs, text) in next.cells {
            if r >= skip {
                self.cells.push((r - skip + base, c, rs, cs, text));
            }
        }
        self.rows = base + next.rows - skip;
        self
    }
}
