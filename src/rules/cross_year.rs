//! X1–X3 (spec §6.2): continuity with last year's report. Warnings only:
//! mergers, splits and 清理 exercises break them legitimately.

use super::{message, Finding, Severity};
use crate::model::Report;
use crate::template::{table3, table3::Role, Format};

pub(super) fn check(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let (t, p) = (report.template(), prev.template());
    if let (Some(y), Some(py)) = (report.year, prev.year) {
        if py != y - 1 {
            out.push(Finding::new(
                "X1",
                Severity::Info,
                message::years_not_consecutive(y, py),
            ));
        }
    }

    // X1: 二 this year = 四 last year, per column (rows 二 and 四 exist in both formats).
    let (to, from) = (
        t.t3_row_of(Role::CarriedOver),
        p.t3_row_of(Role::CarriedForward),
    );
    for (c, col) in table3::COLUMNS.iter().enumerate() {
        let (this_id, prev_id) = (t.t3_cell(to, c), p.t3_cell(from, c));
        if let (Some(this), Some(before)) = (report.number(this_id), prev.number(prev_id)) {
            if this != before {
                let mut f = Finding::new(
                    "X1",
                    Severity::Warning,
                    message::carry_over(col.label, this, before),
                )
                .with_cells([this_id]);
                f.expected = Some(before);
                f.actual = Some(this);
                f.fix = Some(this_id);
                out.push(f);
            }
        }
    }

    // X2, X3: the stock of documents (not across the 2019 → 2021 change:
    // 对外公开总数量 is not 现行有效件数).
    if report.format != Format::Y2021 || prev.format != Format::Y2021 {
        return;
    }
    for row in ["regulation", "normative_doc"] {
        let cell = |r: &Report, field: &str| {
            let id = r.template().by_path(&format!("t2.{row}.{field}"))?;
            Some((id, r.number(id)?))
        };
        let (
            Some((in_force_id, in_force)),
            Some((_, prev_in_force)),
            Some((issued_id, issued)),
            Some((repealed_id, repealed)),
        ) = (
            cell(report, "in_force"),
            cell(prev, "in_force"),
            cell(report, "issued"),
            cell(report, "repealed"),
        )
        else {
            continue;
        };
        let label = t.cell(in_force_id).row_label;
        let expected = prev_in_force + issued - repealed;
        if in_force != expected {
            let mut f = Finding::new(
                "X2",
                Severity::Warning,
                message::stock(label, in_force, prev_in_force, issued, repealed),
            )
            .with_cells([in_force_id, issued_id, repealed_id]);
            f.expected = Some(expected);
            f.actual = Some(in_force);
            out.push(f);
        }
        if repealed > prev_in_force + issued {
            out.push(
                Finding::new(
                    "X3",
                    Severity::Warning,
                    message::over_repealed(label, repealed, prev_in_force + issued),
                )
                .with_cells([repealed_id]),
            );
        }
    }
}
