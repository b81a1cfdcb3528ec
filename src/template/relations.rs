//! The arithmetic relations R1–R4 (spec §6.1) as data: each instance says
//! Σ lhs = Σ rhs over cells of the template. Built from the table
//! definitions, so adding a row to a table adds it to the sums.

use super::table3::{Role, COLUMNS, TOTAL_COL};
use super::table4::{GROUPS, TOTAL_FIELD};
use super::{CellId, Template};

/// Which relation family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// R1 balance: 一 + 二 = （七）总计 + 四, per column of 表三.
    R1,
    /// R2 result total: （七）总计 = Σ leaf results, per column of 表三.
    R2,
    /// R3 row total: 总计 column = Σ six applicant columns, per row of 表三.
    R3,
    /// R4 表四 totals: 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group.
    R4,
}

impl RelationKind {
    /// The rule that checks it.
    pub fn rule(self) -> super::checks::Rule {
        use super::checks::Rule;
        match self {
            RelationKind::R1 => Rule::R1,
            RelationKind::R2 => Rule::R2,
            RelationKind::R3 => Rule::R3,
            RelationKind::R4 => Rule::R4,
        }
    }

    /// The spec id ("R1" …).
    pub fn id(self) -> &'static str {
        match self {
            RelationKind::R1 => "R1",
            RelationKind::R2 => "R2",
            RelationKind::R3 => "R3",
            RelationKind::R4 => "R4",
        }
    }
}

/// Where an instance lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// A 表三 column (index into `table3::COLUMNS`).
    Column(usize),
    /// A 表三 row (index into `Template::t3_rows`).
    Row(usize),
    /// A 表四 group (index into `table4::GROUPS`).
    Group(usize),
}

/// One equation: Σ `lhs` = Σ `rhs`.
#[derive(Debug, Clone)]
pub struct Relation {
    /// Family.
    pub kind: RelationKind,
    /// Where it lies.
    pub axis: Axis,
    /// Left side; for R2–R4 the single total cell.
    pub lhs: Vec<CellId>,
    /// Right side; for R2–R4 the parts.
    pub rhs: Vec<CellId>,
}

impl Relation {
    /// Every cell the relation touches, left side first.
    pub fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }

    /// The two sides' sums under `value`, None when a value is unknown.
    pub fn sums(&self, value: impl Fn(CellId) -> Option<i64>) -> Option<(i64, i64)> {
        side_sums(&self.lhs, &self.rhs, value)
    }

    /// Whether Σ lhs = Σ rhs under `value`, None when a value is unknown.
    pub fn holds(&self, value: impl Fn(CellId) -> Option<i64>) -> Option<bool> {
        self.sums(value).map(|(l, r)| l == r)
    }
}

/// The sums of a relation's two sides, whatever names its cells (a
/// [`CellId`], or a cell's place in a table being read), None when a value
/// is unknown. The one place a relation is evaluated: the checks, the
/// importer's readings, its search and its blanks all come here.
///
/// ```
/// use nianbao::template::relations::side_sums;
/// let values = [Some(3), Some(4), Some(7), None];
/// assert_eq!(side_sums(&[0, 1], &[2], |i: usize| values[i]), Some((7, 7)));
/// assert_eq!(side_sums(&[0, 1], &[3], |i: usize| values[i]), None);
/// ```
pub fn side_sums<I: Copy>(
    lhs: &[I],
    rhs: &[I],
    value: impl Fn(I) -> Option<i64>,
) -> Option<(i64, i64)> {
    let sum = |side: &[I]| -> Option<i64> {
        side.iter()
            .try_fold(0i64, |acc, &i| acc.checked_add(value(i)?))
    };
    Some((sum(lhs)?, sum(rhs)?))
}

pub(super) fn build(t: &Template) -> Vec<Relation> {
    let mut out = Vec::new();
    let row = |role| t.t3_row_of(role);
    let leaves: Vec<usize> = (0..t.t3_rows.len())
        .filter(|&r| t.t3_rows[r].role == Role::Leaf)
        .collect();
    for c in 0..COLUMNS.len() {
        out.push(Relation {
            kind: RelationKind::R1,
            axis: Axis::Column(c),
            lhs: vec![
                t.t3_cell(row(Role::NewReceived), c),
                t.t3_cell(row(Role::CarriedOver), c),
            ],
            rhs: vec![
                t.t3_cell(row(Role::ResultTotal), c),
                t.t3_cell(row(Role::CarriedForward), c),
            ],
        });
    }
    for c in 0..COLUMNS.len() {
        out.push(Relation {
            kind: RelationKind::R2,
            axis: Axis::Column(c),
            lhs: vec![t.t3_cell(row(Role::ResultTotal), c)],
            rhs: leaves.iter().map(|&r| t.t3_cell(r, c)).collect(),
        });
    }
    for r in 0..t.t3_rows.len() {
        out.push(Relation {
            kind: RelationKind::R3,
            axis: Axis::Row(r),
            lhs: vec![t.t3_cell(r, TOTAL_COL)],
            rhs: (0..TOTAL_COL).map(|c| t.t3_cell(r, c)).collect(),
        });
    }
    for g in 0..GROUPS.len() {
        out.push(Relation {
            kind: RelationKind::R4,
            axis: Axis::Group(g),
            lhs: vec![t.t4_cell(g, TOTAL_FIELD)],
            rhs: (0..TOTAL_FIELD).map(|f| t.t4_cell(g, f)).collect(),
        });
    }
    out
}
