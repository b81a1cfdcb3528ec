//! P1–P4 (spec §6.3): within-year plausibility. Warnings and notes only.

use super::{message, metadata::mentions_fee, Finding, Rule, Severity};
use crate::model::{Report, TextKey};
use crate::template::{table2, table3, table4, CellId, Format};

pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template();
    let num = |id: Option<CellId>| id.map(|id| (id, report.number(id)));

    // P1: 现行有效 < 本年制发 (2021 only: the 2019 columns mean something else).
    if report.format == Format::Y2021 {
        for row in [&table2::REGULATION, &table2::NORMATIVE_DOC] {
            let (Some((issued_id, Some(issued))), Some((in_force_id, Some(in_force)))) = (
                num(t.t2_id(row, &table2::ISSUED)),
                num(t.t2_id(row, &table2::IN_FORCE)),
            ) else {
                continue;
            };
            if in_force < issued {
                let label = t.cell(issued_id).row_label;
                out.push(
                    Finding::new(
                        Rule::P1,
                        Severity::Warning,
                        message::in_force_below_issued(label, in_force, issued),
                    )
                    .with_cells([in_force_id, issued_id]),
                );
            }
        }
    }

    // P2: fee notices issued but section 六 silent on the fee.
    if let Some((id, Some(n))) = num(t.t3_total_of(table3::FEE_UNPAID)) {
        if n > 0 && !mentions_fee(report.text(TextKey::Other)) {
            out.push(
                Finding::new(
                    Rule::P2,
                    Severity::Warning,
                    message::fee_unpaid_without_text(t.cell(id).row_label, n),
                )
                .with_cells([id]),
            );
        }
    }

    // P3: section 六 reports a fee actually collected.
    let other = report.text(TextKey::Other);
    let collected = other.split(['。', '；', '\n']).any(|c| {
        c.contains("处理费")
            && !["未", "无", "没有", "不"].iter().any(|n| c.contains(n))
            && c.chars().any(|ch| ch.is_ascii_digit() && ch != '0')
    });
    if collected {
        out.push(Finding::new(
            Rule::P3,
            Severity::Info,
            message::FEE_COLLECTED.into(),
        ));
    }

    // P4: suits after review with no review this year.
    let total = table4::TOTAL_FIELD;
    let (review, after) = (t.t4_cell(0, total), t.t4_cell(2, total));
    if let (Some(0), Some(n)) = (report.number(review), report.number(after)) {
        if n > 0 {
            out.push(
                Finding::new(Rule::P4, Severity::Info, message::suits_after_review(n))
                    .with_cells([after, review]),
            );
        }
    }
}
