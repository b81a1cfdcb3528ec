//! The printed grid of each table, with the official merged header cells
//! (spec §3.0, §4.1, §5). The HTML and text renderers and the form in the
//! browser all lay tables out from this one description.

use super::{table2, table3, table3::Role, table4, CellId, TableId, Template};

/// One cell of the printed grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A header or label cell with its text.
    Label(&'static str),
    /// A data cell.
    Value(CellId),
}

/// A grid cell with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// Content.
    pub slot: Slot,
    /// Rows spanned.
    pub rowspan: u16,
    /// Columns spanned.
    pub colspan: u16,
    /// A column header (as opposed to a row label or a value).
    pub header: bool,
}

impl GridCell {
    fn head(text: &'static str, rowspan: u16, colspan: u16) -> GridCell {
        GridCell {
            slot: Slot::Label(text),
            rowspan,
            colspan,
            header: true,
        }
    }

    fn label(text: &'static str, rowspan: u16, colspan: u16) -> GridCell {
        GridCell {
            slot: Slot::Label(text),
            rowspan,
            colspan,
            header: false,
        }
    }

    fn value(id: CellId, colspan: u16) -> GridCell {
        GridCell {
            slot: Slot::Value(id),
            rowspan: 1,
            colspan,
            header: false,
        }
    }
}

/// A row of the grid: the cells that start in it (spanned positions are absent, as in HTML).
pub type GridRow = Vec<GridCell>;

/// How many rows at the top of a table are its header, to repeat on every
/// page a printed table spans: the leading rows of column headers, when the
/// table has one header (表三, 表四). 表二 has a header per block, none of
/// which stands for the rest: 0.
///
/// ```
/// use nianbao::template::{layout::{grid, header_rows}, Template, Format, TableId};
/// let t = Template::get(Format::Y2021);
/// assert_eq!(header_rows(&grid(t, TableId::T3)), 3);
/// assert_eq!(header_rows(&grid(t, TableId::T4)), 3);
/// assert_eq!(header_rows(&grid(t, TableId::T2)), 0);
/// ```
pub fn header_rows(rows: &[GridRow]) -> usize {
    let is_header = |row: &GridRow| !row.is_empty() && row.iter().all(|c| c.header);
    let leading = rows.iter().take_while(|r| is_header(r)).count();
    if rows.iter().skip(leading).any(is_header) {
        0
    } else {
        leading
    }
}

/// A position of the expanded grid, for formats that need every row complete (Word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed<'a> {
    /// A cell starts here.
    Start(&'a GridCell),
    /// A cell from a row above continues down here, `colspan` wide.
    Continue {
        /// Columns covered.
        colspan: u16,
    },
}

/// Expands HTML-style rows into complete rows, left to right: where a cell
/// from above spans down, a `Continue` of its width stands in its place.
pub fn expand(rows: &[GridRow]) -> Vec<Vec<Placed<'_>>> {
    // Per grid column: rows still covered from above, and the width of the cell covering it.
    let mut covered: Vec<(u16, u16)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut placed = Vec::new();
        let mut col = 0usize;
        let mut cells = row.iter();
        loop {
            if let Some(&(left, width)) = covered.get(col).filter(|c| c.0 > 0) {
                placed.push(Placed::Continue { colspan: width });
                for c in col..col + usize::from(width) {
                    if let Some(slot) = covered.get_mut(c) {
                        slot.0 = left - 1;
                    }
                }
                col += usize::from(width);
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let end = col + usize::from(cell.colspan);
            if covered.len() < end {
                covered.resize(end, (0, 0));
            }
            for slot in &mut covered[col..end] {
                *slot = (cell.rowspan - 1, cell.colspan);
            }
            placed.push(Placed::Start(cell));
            col = end;
        }
        out.push(placed);
    }
    out
}

/// Value columns of the 表二 grid (its label column comes first).
const T2_VALUE_COLUMNS: u16 = 3;

/// The grid of a table.
pub fn grid(t: &Template, table: TableId) -> Vec<GridRow> {
    match table {
        TableId::T2 => t2(t),
        TableId::T3 => t3(t),
        TableId::T4 => t4(t),
    }
}

fn spans(n: usize) -> impl Iterator<Item = u16> {
    let n = n.max(1) as u16;
    (0..n).map(move |i| {
        if i + 1 == n {
            T2_VALUE_COLUMNS - (n - 1)
        } else {
            1
        }
    })
}

fn t2(t: &Template) -> Vec<GridRow> {
    let mut rows = Vec::new();
    let mut index = 0;
    for block in t.t2 {
        rows.push(vec![GridCell::head(block.title, 1, T2_VALUE_COLUMNS + 1)]);
        let mut header = vec![GridCell::head(table2::HEADER, 1, 1)];
        header.extend(
            block
                .fields
                .iter()
                .zip(spans(block.fields.len()))
                .map(|(f, span)| GridCell::head(f.label, 1, span)),
        );
        rows.push(header);
        for row in block.rows {
            let mut cells = vec![GridCell::label(row.label, 1, 1)];
            cells.extend(
                (0..block.fields.len())
                    .zip(spans(block.fields.len()))
                    .map(|(f, span)| GridCell::value(t.t2_cell(index, f), span)),
            );
            rows.push(cells);
            index += 1;
        }
    }
    rows
}

fn t3(t: &Template) -> Vec<GridRow> {
    let cols = table3::COLUMNS.len() as u16;
    let mut rows = vec![
        vec![
            GridCell::head(table3::NOTE, 3, 3),
            GridCell::head(table3::APPLICANTS, 1, cols),
        ],
        vec![
            GridCell::head(table3::COLUMNS[0].label, 2, 1),
            GridCell::head(table3::ORGS, 1, cols - 2),
            GridCell::head(table3::COLUMNS[table3::TOTAL_COL].label, 2, 1),
        ],
        table3::COLUMNS[1..table3::TOTAL_COL]
            .iter()
            .map(|c| GridCell::head(c.label, 1, 1))
            .collect(),
    ];
    let result_rows = t
        .t3_rows
        .iter()
        .filter(|r| matches!(r.role, Role::Leaf | Role::ResultTotal))
        .count() as u16;
    let mut result_started = false;
    for (r, row) in t.t3_rows.iter().enumerate() {
        let mut cells = Vec::new();
        match row.role {
            Role::NewReceived | Role::CarriedOver | Role::CarriedForward => {
                cells.push(GridCell::label(row.label, 1, 3));
            }
            Role::Leaf | Role::ResultTotal => {
                if !result_started {
                    cells.push(GridCell::label(table3::RESULT.label, result_rows, 1));
                    result_started = true;
                }
                match row.group {
                    Some(g) => {
                        let first = r == 0 || t.t3_rows[r - 1].group != Some(g);
                        if first {
                            let size = t.t3_rows.iter().filter(|x| x.group == Some(g)).count();
                            cells.push(GridCell::label(table3::GROUPS[g].label, size as u16, 1));
                        }
                        cells.push(GridCell::label(row.label, 1, 1));
                    }
                    None => cells.push(GridCell::label(row.label, 1, 2)),
                }
            }
        }
        cells.extend((0..table3::COLUMNS.len()).map(|c| GridCell::value(t.t3_cell(r, c), 1)));
        rows.push(cells);
    }
    rows
}

fn t4(t: &Template) -> Vec<GridRow> {
    let fields = table4::FIELDS.len() as u16;
    let mut second: GridRow = table4::FIELDS
        .iter()
        .map(|f| GridCell::head(f.label, 2, 1))
        .collect();
    second.extend(
        table4::GROUPS[1..]
            .iter()
            .map(|g| GridCell::head(g.label, 1, fields)),
    );
    vec![
        vec![
            GridCell::head(table4::REVIEW_HEAD, 1, fields),
            GridCell::head(table4::SUIT_HEAD, 1, fields * 2),
        ],
        second,
        table4::GROUPS[1..]
            .iter()
            .flat_map(|_| table4::FIELDS.iter().map(|f| GridCell::head(f.label, 1, 1)))
            .collect(),
        (0..table4::GROUPS.len())
            .flat_map(|g| (0..table4::FIELDS.len()).map(move |f| (g, f)))
            .map(|(g, f)| GridCell::value(t.t4_cell(g, f), 1))
            .collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Format;

    /// The width of each expanded row, spans counted.
    fn widths(rows: &[GridRow]) -> Vec<u16> {
        expand(rows)
            .iter()
            .map(|row| {
                row.iter()
                    .map(|p| match p {
                        Placed::Start(c) => c.colspan,
                        Placed::Continue { colspan } => *colspan,
                    })
                    .sum()
            })
            .collect()
    }

    #[test]
    fn every_grid_is_rectangular() {
        for format in [Format::Y2021, Format::Y2019] {
            let t = Template::get(format);
            for (table, w) in [(TableId::T2, 4), (TableId::T3, 10), (TableId::T4, 15)] {
                let g = grid(t, table);
                assert!(
                    widths(&g).iter().all(|&x| x == w),
                    "{table:?} {format:?} {:?}",
                    widths(&g)
                );
            }
        }
    }

    #[test]
    fn every_cell_appears_once_in_the_grids() {
        let t = Template::get(Format::Y2021);
        let mut seen: Vec<CellId> = [TableId::T2, TableId::T3, TableId::T4]
            .iter()
            .flat_map(|&tb| grid(t, tb))
            .flatten()
            .filter_map(|c| match c.slot {
                Slot::Value(id) => Some(id),
                Slot::Label(_) => None,
            })
            .collect();
        crate::sort::ascending(&mut seen);
        assert_eq!(seen, t.ids().collect::<Vec<_>>());
    }
}
