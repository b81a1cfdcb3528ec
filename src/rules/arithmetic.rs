//! R1–R4 (the 勾稽 relations), D1 (domain) and D2 (completeness), spec §6.1,
//! and the suspect cell where a failing row meets a failing column.

use super::{message, Finding, Rule, Severity};
use crate::model::{Report, Value};
use crate::template::{table3::Role, Axis, CellId, Relation, RelationKind, TableId, Template};

pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template();
    let values: Vec<Value> = t.ids().map(|id| report.value(id)).collect();
    let value = |id: CellId| values[id.index()];

    // D1: every filled cell must be an acceptable value.
    for id in t.ids() {
        if let Value::Invalid(reason) = value(id) {
            out.push(
                Finding::new(
                    Rule::D1,
                    Severity::Error,
                    message::invalid(t, id, report.raw(id), reason),
                )
                .with_cells([id]),
            );
        }
    }

    // D2: blanks, per table. A table not started at all is one finding with no cells
    // (marking 175 empty inputs of a new form would only be noise).
    for table in [TableId::T2, TableId::T3, TableId::T4] {
        let cells: Vec<CellId> = t.cells_of(table).collect();
        let blank: Vec<CellId> = cells
            .iter()
            .copied()
            .filter(|&id| matches!(value(id), Value::Empty | Value::Missing))
            .collect();
        if blank.is_empty() {
            continue;
        }
        let finding = if blank.len() == cells.len() {
            Finding::new(Rule::D2, Severity::Warning, message::table_empty(table))
        } else {
            Finding::new(
                Rule::D2,
                Severity::Warning,
                message::blanks(t, table, &blank),
            )
            .with_cells(blank)
        };
        out.push(finding.about_blanks());
    }

    // R1–R4.
    let first = out.len();
    let mut unassessable: Vec<&Relation> = Vec::new();
    let mut failing: Vec<&Relation> = Vec::new();
    for rel in &t.relations {
        match rel.sums(|c| value(c).number()) {
            Some((l, r)) if l != r => {
                let mut f = Finding::new(
                    rel.kind.rule(),
                    Severity::Error,
                    message::relation(t, rel, report, l, r),
                )
                .with_cells(rel.cells());
                f.expected = Some(r);
                f.actual = Some(l);
                if rel.kind != RelationKind::R1 {
                    f.fix = rel.lhs.first().copied();
                }
                out.push(f);
                failing.push(rel);
            }
            Some(_) => {}
            // Not assessable: never passed, never an error. A relation with
            // nothing filled at all is left to D2.
            _ if rel.cells().any(|c| !value(c).is_absent()) => unassessable.push(rel),
            _ => {}
        }
    }
    mark_suspects(t, &failing, &mut out[first..]);
    // One note per family, so a missing row does not read as 14 problems.
    for kind in [
        RelationKind::R1,
        RelationKind::R2,
        RelationKind::R3,
        RelationKind::R4,
    ] {
        let rels: Vec<&Relation> = unassessable
            .iter()
            .copied()
            .filter(|r| r.kind == kind)
            .collect();
        if rels.is_empty() {
            continue;
        }
        let mut absent: Vec<CellId> = rels
            .iter()
            .flat_map(|r| r.cells())
            .filter(|&c| value(c).is_absent())
            .collect();
        crate::sort::ascending(&mut absent);
        absent.dedup();
        out.push(
            Finding::new(
                kind.rule(),
                Severity::Info,
                message::not_assessable(t, &rels, &absent),
            )
            .with_cells(absent)
            .about_blanks(),
        );
    }
}

/// A wrong cell (r, c) fails R3 on row r and R2 (leaf rows) or R1 (rows
/// 一/二/（七）/四) on column c. Mark that cell on both findings.
fn mark_suspects(t: &Template, failing: &[&Relation], findings: &mut [Finding]) {
    let failing = |kind: RelationKind| -> Vec<usize> {
        failing
            .iter()
            .filter(|rel| rel.kind == kind)
            .filter_map(|rel| match rel.axis {
                Axis::Row(i) | Axis::Column(i) => Some(i),
                Axis::Group(_) => None,
            })
            .collect()
    };
    let rows = failing(RelationKind::R3);
    let (r1_cols, r2_cols) = (failing(RelationKind::R1), failing(RelationKind::R2));
    for &row in &rows {
        let cols = if t.t3_rows[row].role == Role::Leaf {
            &r2_cols
        } else {
            &r1_cols
        };
        let Some(&col) = cols.first() else { continue };
        let suspect = t.t3_cell(row, col);
        for f in findings.iter_mut() {
            if f.severity == Severity::Error && f.suspect.is_none() && f.cells.contains(&suspect) {
                f.suspect = Some(suspect);
                f.message.push_str(&message::suspect(t, suspect));
                // "采用计算值" on a total that is not the suspect would hide the real error.
                if f.fix != Some(suspect) {
                    f.fix = None;
                }
            }
        }
    }
}
