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
//! 5. **Choice** (`accept.rs`, issue 16). Labels are sticky: the reading
//!    whose values stand on their labels' lines is taken unless another is
//!    proven by sums that hold where it fails, breaking none it keeps. Each
//!    cell then needs two witnesses: its place and no sum contested by
//!    another reading, or a sum of it that holds; what the report's prose
//!    says of the totals confirms, contradicts or breaks ties.
//!
//! A wrong value is worse than a missing one: every doubt leaves cells empty.

mod accept;
mod anchors;
mod candidates;
mod columns;
mod search;
mod shape;
mod split;
mod tokens;

use super::note::{Note, NoteKind};
use crate::import::text::Line;
use crate::model::prose::Quote;
use crate::model::Report;
use crate::template::{CellId, TableId, Template};
use accept::{choose, Choice};
use anchors::{anchors, cuts};
use candidates::{candidates, unlabelled_windows, Candidate};
use columns::Columns;
use shape::Shape;
use split::stacked;
pub(super) use tokens::is_run_together;
use tokens::tokens;

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
    /// Labels the template prints in the table that own no cells in this
    /// format: 表三's group labels (（三）不予公开…（六）其他处理), in key form.
    /// When a report prints one as a row of its own ((六) abbreviated to
    /// one row), its values are not the row's before it.
    pub cut_words: Vec<String>,
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
        let cut_words = match id {
            TableId::T3 => crate::template::table3::GROUPS
                .iter()
                .enumerate()
                .filter(|(g, _)| t.t3_rows.iter().any(|r| r.group == Some(*g)))
                .map(|(_, g)| {
                    crate::import::normalize::key(crate::model::outline::strip_enumeral(g.label))
                })
                .collect(),
            _ => Vec::new(),
        };
        TableDef {
            id,
            rows,
            labelled: id != TableId::T4,
            cut_words,
        }
    }
}

/// What a reading put in a cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
    /// The options are every way the row's values can be read (not only
    /// those under a supposition: a column guessed empty, empty cells that
    /// left nothing behind in text run together).
    exhaustive: bool,
}

impl RowChoices {
    fn none() -> RowChoices {
        RowChoices {
            options: Vec::new(),
            how: How::Read,
            exhaustive: true,
        }
    }

    /// Options chosen by the row's own sums.
    fn inferred(options: Vec<Vec<Cell>>, exhaustive: bool) -> RowChoices {
        RowChoices {
            options,
            how: How::Inferred,
            exhaustive,
        }
    }
}

/// A table's section as the importer found it.
pub(super) struct Section<'a> {
    /// The section's lines.
    pub lines: &'a [Line],
    /// The whole text runs together without spaces.
    pub glued: bool,
    /// What the report's prose says of the tables' totals.
    pub quotes: &'a [Quote],
    /// The section's heading was not found: say nothing of rows not found.
    pub quiet_if_absent: bool,
}

/// Reads one table from its section's tokens into the report.
pub(super) fn read(
    def: &TableDef,
    section: &Section,
    report: &mut Report,
    inferred: &mut Vec<CellId>,
    all_notes: &mut Vec<Note>,
) {
    let Section {
        lines,
        glued,
        quotes,
        quiet_if_absent,
    } = *section;
    let tokens = &tokens(lines, glued);
    let t = report.template();
    let shape = Shape::new(t, def, quotes);
    let (anchors, again) = if def.labelled {
        anchors(def, tokens)
    } else {
        (Vec::new(), None)
    };
    // A block printed twice is read once: up to where its rows begin again.
    let tokens = tokens
        .get(..again.unwrap_or(tokens.len()))
        .unwrap_or(tokens);
    let repeated = again.is_some();
    let widths: Vec<usize> = def.rows.iter().map(|r| r.cells.len()).collect();
    let headers: Vec<&str> = match def.id {
        TableId::T3 => crate::template::table3::COLUMNS
            .iter()
            .map(|c| c.label)
            .collect(),
        _ => Vec::new(),
    };
    let columns = Columns::new(tokens, &widths, &headers);
    let cut = cuts(def, tokens);
    let mut candidates = candidates(&shape, &columns, tokens, &anchors, &cut);
    // Numbers cut over lines of their cells, joined: another reading.
    let label_lines: Vec<usize> = anchors
        .iter()
        .filter_map(|a| tokens.get(a.start).map(|t| t.line))
        .collect();
    if let Some(joined) = stacked(tokens, &label_lines) {
        let (anchors, _) = self::anchors(def, &joined);
        let columns = Columns::new(&joined, &widths, &headers);
        let cut = cuts(def, &joined);
        candidates.extend(self::candidates(&shape, &columns, &joined, &anchors, &cut));
    }
    let choice = choose(&shape, candidates);
    let mut notes = Vec::new();
    if repeated {
        notes.push(NoteKind::RowsRepeated(def.id).into());
    }
    let Some(Choice {
        best:
            Candidate {
                mut grid,
                how,
                open,
                structured,
                strong,
                places,
                ..
            },
        rivals,
        contested,
    }) = choice
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
        let values = || tokens.iter().filter(|t| t.is_value());
        exact
            || (values().next().is_some()
                && values().all(|t| t.glued)
                && values().map(|t| t.line).min() == values().map(|t| t.line).max())
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
        notes.push(NoteKind::TableApart(def.id).into());
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
        notes.push(NoteKind::Disputed(def.id, disputed).into());
    }
    // Two witnesses per cell: its place and no contested sum, or a sum of
    // it that holds (see accept.rs).
    let unproven = accept::unproven(&shape, &grid, &places, &contested);
    for &i in &unproven {
        if let Some(g) = grid.get_mut(i) {
            *g = Cell::Unread;
        }
    }
    if !unproven.is_empty() {
        notes.push(NoteKind::Unproven(def.id, unproven.len()).into());
    }
    // What the prose says otherwise than a cell kept (by its place or its
    // sums) is said, not silently overruled.
    let cell_ids: Vec<CellId> = def
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().copied())
        .collect();
    for said in &shape.said {
        let ([set], Some(false)) = (said.sets.as_slice(), shape.said_holds(said, &grid)) else {
            continue;
        };
        let [i] = set.as_slice() else { continue };
        if let (Some(Cell::Val(read)), Some(&id)) = (grid.get(*i), cell_ids.get(*i)) {
            notes.push(
                NoteKind::ProseDiffers {
                    place: t.describe(id),
                    read: read.clone(),
                    said: said.value,
                }
                .into(),
            );
        }
    }
    for &row in &open {
        if let Some(r) = def.rows.get(row) {
            notes.push(NoteKind::RowOpen(def.id, r.label).into());
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
                notes.push(NoteKind::RowEmpty(def.id, r.label).into());
            }
        }
        for row in missing_rows {
            if let Some(r) = def.rows.get(row) {
                notes.push(NoteKind::RowMissing(def.id, r.label).into());
            }
        }
    } else if cells == 0 {
        notes.push(NoteKind::TableEmpty(def.id, shape.kinds.len()).into());
    } else {
        let unread = grid.iter().filter(|c| **c == Cell::Unread).count();
        if unread > 0 {
            notes.push(
                NoteKind::TablePartial {
                    table: def.id,
                    read: cells,
                    of: shape.kinds.len(),
                }
                .into(),
            );
        }
    }
    let inferred_rows = row_inferred.iter().filter(|f| **f).count();
    if inferred_rows > 0 {
        notes.push(NoteKind::InferredRows(def.id, inferred_rows).into());
    }
    if rows_found > 0 || cells > 0 || !quiet_if_absent {
        all_notes.append(&mut notes);
    }
}

/// Unit tests of the stages on the official form's own tables: the digit
/// split, the search over rows, and the acceptance rule.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::accept::{choose, unproven};
    use super::candidates::{Candidate, Place};
    use super::search::resolve;
    use super::shape::Shape;
    use super::split::complete;
    use super::tokens::{Kind, Token};
    use super::*;
    use crate::template::{Format, Template};

    /// A table's cells from their printed values: "." unread, "_" blank.
    fn grid(cells: &str) -> Vec<Cell> {
        cells
            .split_whitespace()
            .map(|c| match c {
                "." => Cell::Unread,
                "_" => Cell::Blank,
                v => Cell::Val(v.to_owned()),
            })
            .collect()
    }

    fn shown(cells: &[Cell]) -> String {
        cells
            .iter()
            .map(|c| match c {
                Cell::Unread => ".",
                Cell::Blank => "_",
                Cell::Val(v) => v.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn value(text: &str, glued: bool) -> Token {
        Token {
            kind: Kind::Value,
            text: text.to_owned(),
            line: 0,
            page: 0,
            x: None,
            w: 1,
            soft: false,
            sep: false,
            glued,
        }
    }

    /// A reading of 表四 with every cell placed or none.
    fn t4_candidate(cells: &str, placed: bool) -> Candidate {
        let grid = grid(cells);
        let n = grid.len();
        Candidate {
            filled: grid.iter().filter(|c| **c != Cell::Unread).count(),
            grid,
            positioned: vec![placed; n],
            places: vec![if placed { Place::Printed } else { Place::Sums }; n],
            placed: if placed { (n, n) } else { (0, 0) },
            how: vec![How::Read; n],
            open: Vec::new(),
            lined: 0,
            structured: 0,
            strong: 0,
        }
    }

    #[test]
    fn a_run_of_digits_is_split_by_its_row_sum() {
        let t = Template::get(Format::Y2021);
        let def = TableDef::of(t, TableId::T3);
        let shape = Shape::new(t, &def, &[]);
        let run = [value("560100057", true)];
        let runs: Vec<&Token> = run.iter().collect();
        let (options, exhaustive) = complete(&shape, 0, &runs);
        // 56 | 0 | 1 | 0 | 0 | 0 | 57: the only split whose total adds up.
        assert_eq!(options.len(), 1);
        assert_eq!(shown(&options[0]), "56 0 1 0 0 0 57");
        assert!(exhaustive);
        // A row printed with a wrong total: every split, for the columns.
        let run = [value("5601000057", true)];
        let runs: Vec<&Token> = run.iter().collect();
        let (options, _) = complete(&shape, 0, &runs);
        assert_eq!(options.len(), 11);
        assert!(options.iter().all(|o| !shape.row_holds(0, o)));
    }

    #[test]
    fn a_run_whose_empty_cells_left_nothing_is_placed_every_way() {
        let t = Template::get(Format::Y2021);
        let def = TableDef::of(t, TableId::T3);
        let shape = Shape::new(t, &def, &[]);
        let run = [value("116116", true)];
        let runs: Vec<&Token> = run.iter().collect();
        let (options, exhaustive) = complete(&shape, 0, &runs);
        // 116 in any of the six applicant columns, 116 as the total.
        assert_eq!(options.len(), 6);
        assert!(options.iter().all(|o| shown(o).ends_with(" 116")));
        assert!(!exhaustive, "a supposition, not every reading");
    }

    #[test]
    fn the_search_takes_the_option_under_which_the_column_sums_hold() {
        let t = Template::get(Format::Y2021);
        let def = TableDef::of(t, TableId::T4);
        let shape = Shape::new(t, &def, &[]);
        // One row of 15 cells, two ways to read it: the sums choose.
        let right = grid("1 0 0 0 1 0 2 0 0 2 0 0 0 0 0");
        let wrong = grid("1 0 0 0 1 0 2 0 0 0 2 0 0 0 0");
        let reading = vec![RowChoices::inferred(vec![wrong, right.clone()], true)];
        let (got, how, open) = resolve(&shape, &reading);
        assert_eq!(got, right);
        assert!(open.is_empty());
        assert!(how.iter().all(|h| *h == How::Inferred));
    }

    #[test]
    fn a_reading_that_moves_printed_values_must_be_proven_by_the_sums() {
        let t = Template::get(Format::Y2021);
        let def = TableDef::of(t, TableId::T4);
        let shape = Shape::new(t, &def, &[]);
        // As printed, 复议 and 复议后起诉 fail their sums; moved, all hold.
        let printed = t4_candidate("0 3 0 0 2 1 0 0 0 1 0 0 0 0 3", true);
        let moved = t4_candidate("0 3 0 0 3 1 0 0 0 1 0 0 0 0 0", false);
        let choice = choose(&shape, vec![printed, moved]).unwrap();
        assert_eq!(shown(&choice.best.grid), "0 3 0 0 3 1 0 0 0 1 0 0 0 0 0");
        // A move that breaks a sum the printed reading keeps is not taken.
        let printed = t4_candidate("0 3 0 0 2 1 0 0 0 1 0 0 0 0 0", true);
        let breaks = t4_candidate("0 3 0 0 3 1 0 0 0 2 0 0 0 0 0", false);
        let choice = choose(&shape, vec![printed, breaks]).unwrap();
        assert_eq!(shown(&choice.best.grid), "0 3 0 0 2 1 0 0 0 1 0 0 0 0 0");
    }

    #[test]
    fn a_cell_needs_a_second_witness() {
        let t = Template::get(Format::Y2021);
        let def = TableDef::of(t, TableId::T4);
        let shape = Shape::new(t, &def, &[]);
        // In place, its sums holding or failing under every reading: kept.
        let cells = grid("0 3 0 0 2 1 0 0 0 1 0 0 0 0 0");
        let placed = vec![Place::Printed; 15];
        assert!(unproven(&shape, &cells, &placed, &[false; 3]).is_empty());
        // In place, but its group's sum is kept by another reading: the
        // cells of that failing sum go.
        assert_eq!(
            unproven(&shape, &cells, &placed, &[true, false, false]),
            vec![0, 1, 2, 3, 4]
        );
        // Away from its place: only a sum with a figure other than 0 holds it.
        let away = vec![Place::Sums; 15];
        let got = unproven(&shape, &cells, &away, &[false; 3]);
        assert_eq!(got, vec![0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    }
}
