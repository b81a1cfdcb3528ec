//! X1–X3 (spec §6.2): continuity with last year's report. Warnings only:
//! mergers, splits and 清理 exercises break them legitimately. X5: a text
//! part that repeats last year's (reviewers flag such reports).

use super::{message, Finding, Rule, Severity};
use std::collections::HashMap;

use crate::model::{edit::Field, Report, TextKey};
use crate::template::{table2, table3, table3::Role, Format};

pub(super) fn check(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let (t, p) = (report.template(), prev.template());
    if let (Some(y), Some(py)) = (report.year, prev.year) {
        if py != y - 1 {
            out.push(Finding::new(
                Rule::X1,
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
                    Rule::X1,
                    Severity::Warning,
                    message::carry_over(t, col.label, this, before),
                )
                .with_cells([this_id]);
                f.expected = Some(before);
                f.actual = Some(this);
                f.fix = Some(this_id);
                out.push(f);
            }
        }
    }

    // X5: a text part that repeats last year's.
    for key in TextKey::ALL {
        if let Some(percent) = copied(report.text(key), prev.text(key)) {
            out.push(
                Finding::new(
                    Rule::X5,
                    Severity::Warning,
                    message::copied_text(key.title(), percent),
                )
                .on_field(Field::Text(key)),
            );
        }
    }

    // X2, X3: the stock of documents (not across the 2019 → 2021 change:
    // 对外公开总数量 is not 现行有效件数).
    if report.format != Format::Y2021 || prev.format != Format::Y2021 {
        return;
    }
    for row in [&table2::REGULATION, &table2::NORMATIVE_DOC] {
        let cell = |r: &Report, field: &table2::Field| {
            let id = r.template().t2_id(row, field)?;
            Some((id, r.number(id)?))
        };
        let (
            Some((in_force_id, in_force)),
            Some((_, prev_in_force)),
            Some((issued_id, issued)),
            Some((repealed_id, repealed)),
        ) = (
            cell(report, &table2::IN_FORCE),
            cell(prev, &table2::IN_FORCE),
            cell(report, &table2::ISSUED),
            cell(report, &table2::REPEALED),
        )
        else {
            continue;
        };
        let label = t.cell(in_force_id).row_label;
        let expected = prev_in_force + issued - repealed;
        if in_force != expected {
            let mut f = Finding::new(
                Rule::X2,
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
                    Rule::X3,
                    Severity::Warning,
                    message::over_repealed(label, repealed, prev_in_force + issued),
                )
                .with_cells([repealed_id]),
            );
        }
    }
}

/// Shorter texts ("本年度未收取信息处理费。") may well stay the same each year.
const COPIED_MIN_CHARS: usize = 40;
/// Similarity from which a text counts as last year's.
const COPIED_PERCENT: u32 = 90;

/// The similarity of this year's text to last year's, in percent, when it is
/// at least [`COPIED_PERCENT`]: the Dice coefficient of their character
/// pairs, punctuation and spaces left out (so a reflowed copy is still one).
fn copied(this: &str, last: &str) -> Option<u32> {
    let letters = |s: &str| -> Vec<char> { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let (a, b) = (letters(this), letters(last));
    if a.len() < COPIED_MIN_CHARS || b.len() < COPIED_MIN_CHARS {
        return None;
    }
    if a == b {
        return Some(100);
    }
    let mut pairs: HashMap<(char, char), i32> = HashMap::new();
    for w in a.windows(2) {
        *pairs.entry((w[0], w[1])).or_default() += 1;
    }
    let mut shared = 0usize;
    for w in b.windows(2) {
        if let Some(n) = pairs.get_mut(&(w[0], w[1])) {
            if *n > 0 {
                *n -= 1;
                shared += 1;
            }
        }
    }
    let percent = (200 * shared / (a.len() + b.len() - 2)) as u32;
    (percent >= COPIED_PERCENT).then_some(percent.min(99))
}

/// Whether a text is still last year's: the same, or as alike as X5 flags.
pub fn still_last_years(this: &str, last: &str) -> bool {
    (!this.trim().is_empty() && this.trim() == last.trim()) || copied(this, last).is_some()
}

#[cfg(test)]
mod tests {
    use super::copied;

    const LAST: &str = "本机关严格落实政府信息公开工作要求，全年主动公开政府信息一百二十条，\
        依申请公开工作规范有序，政府信息管理制度不断完善，平台建设持续加强，监督保障到位。";

    #[test]
    fn a_copy_a_light_edit_and_a_new_text() {
        assert_eq!(copied(LAST, LAST), Some(100));
        let reflowed = LAST.replace('，', "\n");
        assert_eq!(copied(&reflowed, LAST), Some(100));
        let edited = LAST.replace("一百二十", "一百三十");
        assert!(matches!(copied(&edited, LAST), Some(90..=99)));
        let new = "本年度本机关围绕优化营商环境，新建政策解读专栏，开展线上访谈四次，\
            受理依申请公开十二件，均在法定期限内答复，无行政复议和诉讼案件发生。";
        assert_eq!(copied(new, LAST), None);
        assert_eq!(
            copied("本年度未收取信息处理费。", "本年度未收取信息处理费。"),
            None
        );
    }
}
