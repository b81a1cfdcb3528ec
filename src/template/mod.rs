//! The official form as data (spec §2–§7): sections, the three tables, every
//! cell with its path, and the relations between cells.
//!
//! This is the only place a row or column label is typed. The form, the
//! checks, the importer and the renderers all walk [`Template`].
//! Pure: no IO, no browser.

pub mod checks;
pub mod layout;
pub mod relations;
pub mod sections;
pub mod table2;
pub mod table3;
pub mod table4;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use relations::{Axis, Relation, RelationKind};
pub use sections::{Section, SectionKind, Topic, SECTIONS, TOPICS};

/// Which official format a report follows (spec §1, §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, reports on 2021 onward.
    #[default]
    Y2021,
    /// 国办公开办函〔2019〕60号 trial format, reports on 2019 and 2020.
    Y2019,
}

impl Format {
    /// The JSON spelling ("2021" / "2019").
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Y2021 => "2021",
            Format::Y2019 => "2019",
        }
    }

    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim() {
            "2021" => Some(Format::Y2021),
            "2019" => Some(Format::Y2019),
            _ => None,
        }
    }

    /// The notice that defines the format, for display.
    pub fn notice(self) -> &'static str {
        match self {
            Format::Y2021 => "国办公开办函〔2021〕30号",
            Format::Y2019 => "国办公开办函〔2019〕60号（试行）",
        }
    }
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A count, integer ≥ 0 (spec §6.1 D1).
    Count,
    /// A signed integer (2019 本年增/减).
    Signed,
    /// An amount in 万元, decimal ≥ 0.
    Decimal,
}

/// Which table a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableId {
    /// 表二 (section 二).
    T2,
    /// 表三 (section 三).
    T3,
    /// 表四 (section 四).
    T4,
}

impl TableId {
    /// The page id: "t2", "t3", "t4" (`data-progress`, the path prefix in 2021).
    pub fn id(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// Chinese name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
}

/// A keyboard move between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Previous row.
    Up,
    /// Next row.
    Down,
    /// Previous column.
    Left,
    /// Next column.
    Right,
}

/// Index of a cell in its format's [`Template::cells`]. `Copy`, so UI closures can hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(pub u16);

impl CellId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One numeric cell of the form.
#[derive(Debug, Clone)]
pub struct CellDef {
    /// Dotted path of spec §12.2, e.g. `t3.result.total.total`.
    pub path: String,
    /// Table.
    pub table: TableId,
    /// Row index within the table (T2: row across blocks; T3: row of [`Template::t3_rows`]; T4: group).
    pub row: usize,
    /// Column index within the row (T2: field; T3: column; T4: field).
    pub col: usize,
    /// What it holds.
    pub kind: ValueKind,
    /// Row label as printed.
    pub row_label: &'static str,
    /// Column label as printed.
    pub col_label: &'static str,
}

/// The form of one format, built once from the static tables.
#[derive(Debug)]
pub struct Template {
    /// The format.
    pub format: Format,
    /// 表二 blocks.
    pub t2: &'static [table2::Block],
    /// Prefix of 表二 paths: `t2` or `t2_2019`.
    pub t2_prefix: &'static str,
    /// 表三 rows of this format, in order.
    pub t3_rows: Vec<&'static table3::Row>,
    /// Every cell: 表二, then 表三 row by row, then 表四 group by group.
    pub cells: Vec<CellDef>,
    /// R1–R4 instances.
    pub relations: Vec<Relation>,
    t2_rows: Vec<(usize, usize)>,
    t3_start: usize,
    t4_start: usize,
    by_path: HashMap<String, CellId>,
}

impl Template {
    /// The template of a format, built on first use.
    pub fn get(format: Format) -> &'static Template {
        static Y2021: OnceLock<Template> = OnceLock::new();
        static Y2019: OnceLock<Template> = OnceLock::new();
        match format {
            Format::Y2021 => Y2021.get_or_init(|| Template::build(Format::Y2021)),
            Format::Y2019 => Y2019.get_or_init(|| Template::build(Format::Y2019)),
        }
    }

    fn build(format: Format) -> Template {
        let (t2, t2_prefix): (&'static [table2::Block], _) = match format {
            Format::Y2021 => (&table2::BLOCKS_2021, "t2"),
            Format::Y2019 => (&table2::BLOCKS_2019, "t2_2019"),
        };
        let mut cells = Vec::new();
        let mut t2_rows = Vec::new();
        for (b, block) in t2.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                let row_index = t2_rows.len();
                t2_rows.push((b, r));
                for (f, field) in block.fields.iter().enumerate() {
                    cells.push(CellDef {
                        path: format!("{t2_prefix}.{}.{}", row.id, field.id),
                        table: TableId::T2,
                        row: row_index,
                        col: f,
                        kind: field.kind,
                        row_label: row.label,
                        col_label: field.label,
                    });
                }
            }
        }
        let t3_start = cells.len();
        let t3_rows: Vec<&'static table3::Row> = table3::ROWS
            .iter()
            .filter(|r| match r.within {
                table3::In::Both => true,
                table3::In::Y2021 => format == Format::Y2021,
                table3::In::Y2019 => format == Format::Y2019,
            })
            .collect();
        for (r, row) in t3_rows.iter().enumerate() {
            for (c, col) in table3::COLUMNS.iter().enumerate() {
                cells.push(CellDef {
                    path: format!("t3.{}.{}", row.path, col.id),
                    table: TableId::T3,
                    row: r,
                    col: c,
                    kind: ValueKind::Count,
                    row_label: row.label,
                    col_label: col.label,
                });
            }
        }
        let t4_start = cells.len();
        for (g, group) in table4::GROUPS.iter().enumerate() {
            for (f, field) in table4::FIELDS.iter().enumerate() {
                cells.push(CellDef {
                    path: format!("t4.{}.{}", group.id, field.id),
                    table: TableId::T4,
                    row: g,
                    col: f,
                    kind: ValueKind::Count,
                    row_label: group.label,
                    col_label: field.label,
                });
            }
        }
        let by_path = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.path.clone(), CellId(i as u16)))
            .collect();
        let mut template = Template {
            format,
            t2,
            t2_prefix,
            t3_rows,
            cells,
            relations: Vec::new(),
            t2_rows,
            t3_start,
            t4_start,
            by_path,
        };
        template.relations = relations::build(&template);
        template
    }

    /// The definition of a cell.
    pub fn cell(&self, id: CellId) -> &CellDef {
        &self.cells[id.index()]
    }

    /// Looks a cell up by its path (spec §12.2).
    pub fn by_path(&self, path: &str) -> Option<CellId> {
        self.by_path.get(path).copied()
    }

    /// The cells of this format that `other` has no place for (by path).
    pub fn lacking_in(&self, other: &Template) -> Vec<CellId> {
        self.ids()
            .filter(|&id| other.by_path(&self.cell(id).path).is_none())
            .collect()
    }

    /// All cell ids of this format, in form order.
    pub fn ids(&self) -> impl Iterator<Item = CellId> + '_ {
        (0..self.cells.len()).map(|i| CellId(i as u16))
    }

    /// Number of 表二 rows across blocks.
    pub fn t2_row_count(&self) -> usize {
        self.t2_rows.len()
    }

    /// The (block, row) of a 表二 row index.
    pub fn t2_row(&self, row: usize) -> (&'static table2::Block, &'static table2::Row) {
        let (b, r) = self.t2_rows[row];
        (&self.t2[b], &self.t2[b].rows[r])
    }

    /// The cell of 表二 row `row` (across blocks), field `field`.
    pub fn t2_cell(&self, row: usize, field: usize) -> CellId {
        let before: usize = (0..row)
            .map(|i| self.t2[self.t2_rows[i].0].fields.len())
            .sum();
        CellId((before + field) as u16)
    }

    /// The 表二 cell of a row and field handle (`table2::NORMATIVE_DOC`,
    /// `table2::IN_FORCE`), if this format has it.
    pub fn t2_id(&self, row: &table2::Row, field: &table2::Field) -> Option<CellId> {
        self.by_path(&format!("{}.{}.{}", self.t2_prefix, row.id, field.id))
    }

    /// The 表三 total cell of a row by its path handle (`table3::FEE_UNPAID`),
    /// if this format has the row.
    pub fn t3_total_of(&self, row_path: &str) -> Option<CellId> {
        let total = table3::COLUMNS[table3::TOTAL_COL].id;
        self.by_path(&format!("t3.{row_path}.{total}"))
    }

    /// The cell of 表三 row `row`, column `col`.
    pub fn t3_cell(&self, row: usize, col: usize) -> CellId {
        CellId((self.t3_start + row * table3::COLUMNS.len() + col) as u16)
    }

    /// Every total cell once, with the parts it sums, in the order to fill
    /// them (row totals, then column totals, then 表四's): R3, R2 and R4
    /// relations with one cell on the left. The （七）总计 row's own total is
    /// settled by R2 on the 总计 column, not by its row. 自动合计 fills these;
    /// the workbook writes them as formulas.
    pub fn totals(&self) -> impl Iterator<Item = (CellId, &[CellId])> + '_ {
        let total_row = Axis::Row(self.t3_row_of(table3::Role::ResultTotal));
        [RelationKind::R3, RelationKind::R2, RelationKind::R4]
            .into_iter()
            .flat_map(move |kind| self.relations.iter().filter(move |r| r.kind == kind))
            .filter(move |r| !(r.kind == RelationKind::R3 && r.axis == total_row))
            .filter_map(|r| match r.lhs.as_slice() {
                [total] => Some((*total, r.rhs.as_slice())),
                _ => None,
            })
    }

    /// The 表三 row index with this role (first one).
    pub fn t3_row_of(&self, role: table3::Role) -> usize {
        self.t3_rows
            .iter()
            .position(|r| r.role == role)
            .unwrap_or_default()
    }

    /// The cell of 表四 group `group`, field `field`.
    pub fn t4_cell(&self, group: usize, field: usize) -> CellId {
        CellId((self.t4_start + group * table4::FIELDS.len() + field) as u16)
    }

    /// Cells of one table.
    pub fn cells_of(&self, table: TableId) -> impl Iterator<Item = CellId> + '_ {
        self.ids().filter(move |id| self.cell(*id).table == table)
    }

    /// A cell's definition, or None for an id of another format.
    pub fn get_cell(&self, id: CellId) -> Option<&CellDef> {
        self.cells.get(id.index())
    }

    /// Grid coordinates for keyboard moves and block paste: (table, row, column);
    /// 表四 is one row of 15.
    pub fn position(&self, id: CellId) -> Option<(TableId, usize, usize)> {
        let c = self.get_cell(id)?;
        Some(match c.table {
            TableId::T4 => (TableId::T4, 0, c.row * table4::FIELDS.len() + c.col),
            t => (t, c.row, c.col),
        })
    }

    /// The cell at grid coordinates, if there is one.
    pub fn cell_at(&self, table: TableId, row: usize, col: usize) -> Option<CellId> {
        match table {
            TableId::T2 => {
                let &(b, _) = self.t2_rows.get(row)?;
                (col < self.t2[b].fields.len()).then(|| self.t2_cell(row, col))
            }
            TableId::T3 => (row < self.t3_rows.len() && col < table3::COLUMNS.len())
                .then(|| self.t3_cell(row, col)),
            TableId::T4 => {
                let n = table4::FIELDS.len();
                (row == 0 && col < n * table4::GROUPS.len()).then(|| self.t4_cell(col / n, col % n))
            }
        }
    }

    /// The cell a keyboard move lands on, staying within the table. Moving
    /// right past a row's end goes to the next row's start (as Tab does).
    pub fn neighbour(&self, id: CellId, dir: Move) -> Option<CellId> {
        let (table, row, col) = self.position(id)?;
        match dir {
            Move::Up => self.cell_at(table, row.checked_sub(1)?, col),
            Move::Down => self.cell_at(table, row + 1, col).or_else(|| {
                // Short rows of 表二 (one field) below long ones: take the row's last cell.
                let below = self.cell_at(table, row + 1, 0)?;
                let (_, r, _) = self.position(below)?;
                (0..=col).rev().find_map(|c| self.cell_at(table, r, c))
            }),
            Move::Left => match col.checked_sub(1) {
                Some(c) => self.cell_at(table, row, c),
                None => {
                    let prev = row.checked_sub(1)?;
                    (0..16).rev().find_map(|c| self.cell_at(table, prev, c))
                }
            },
            Move::Right => self
                .cell_at(table, row, col + 1)
                .or_else(|| self.cell_at(table, row + 1, 0)),
        }
    }

    /// A human name for a cell: `表三“（七）总计”行“自然人”列`.
    pub fn describe(&self, id: CellId) -> String {
        let c = self.cell(id);
        match c.table {
            TableId::T4 => format!("表四“{}·{}”", c.row_label, c.col_label),
            t => format!("{}“{}”行“{}”列", t.name(), c.row_label, c.col_label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2021_form_has_200_cells_and_42_relations() {
        let t = Template::get(Format::Y2021);
        assert_eq!(t.cells.len(), 10 + 175 + 15);
        assert_eq!(t.relations.len(), 7 + 7 + 25 + 3);
        assert_eq!(t.t3_rows.len(), 25);
    }

    #[test]
    fn the_2019_form_has_23_rows_in_table_three() {
        let t = Template::get(Format::Y2019);
        assert_eq!(t.t3_rows.len(), 23);
        assert!(t.by_path("t3.result.other_legacy.total").is_some());
        assert!(t.by_path("t2_2019.procurement.amount").is_some());
        assert_eq!(t.relations.len(), 7 + 7 + 23 + 3);
    }

    #[test]
    fn keyboard_moves_stay_in_the_grid() {
        let t = Template::get(Format::Y2021);
        let p = |s: &str| t.by_path(s).unwrap();
        assert_eq!(
            t.neighbour(p("t3.new_received.total"), Move::Down),
            Some(p("t3.carried_over.total"))
        );
        assert_eq!(
            t.neighbour(p("t3.new_received.total"), Move::Right),
            Some(p("t3.carried_over.natural_person"))
        );
        assert_eq!(t.neighbour(p("t3.carried_forward.total"), Move::Down), None);
        assert_eq!(
            t.neighbour(p("t2.normative_doc.in_force"), Move::Down),
            Some(p("t2.licensing.decisions"))
        );
        assert_eq!(
            t.neighbour(p("t4.review.total"), Move::Right),
            Some(p("t4.suit_direct.upheld"))
        );
        assert_eq!(t.neighbour(p("t2.regulation.issued"), Move::Up), None);
    }

    #[test]
    fn paths_resolve_both_ways() {
        let t = Template::get(Format::Y2021);
        for id in t.ids() {
            assert_eq!(t.by_path(&t.cell(id).path), Some(id));
        }
        let id = t.by_path("t3.result.withheld.state_secret.natural_person");
        assert_eq!(id, Some(t.t3_cell(4, 0)));
        assert_eq!(t.by_path("t2.admin_fee.amount_wan"), Some(t.t2_cell(5, 0)));
        assert_eq!(
            t.by_path("t4.suit_after_review.total"),
            Some(t.t4_cell(2, 4))
        );
    }
}
