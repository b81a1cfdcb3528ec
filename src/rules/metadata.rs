//! M1–M5 (spec §6.5): structure, year, deadline, coverage of section 一,
//! sections 五 and 六.

use super::{message, Finding, Rule, Severity};
use crate::model::outline::{parse_date, statistics_year, stray_years, years_in};
use crate::model::{edit::Field, Report, TextKey};
use crate::template::{table3, TableId, TOPICS};

pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template();
    let filled = |id| !report.raw(id).trim().is_empty();

    // M1: a 表三 row with nothing in it while other rows have data.
    let t3_started = t.cells_of(TableId::T3).any(filled);
    if t3_started {
        for (r, row) in t.t3_rows.iter().enumerate() {
            let cells: Vec<_> = (0..table3::COLUMNS.len())
                .map(|c| t.t3_cell(r, c))
                .collect();
            if !cells.iter().any(|&c| filled(c)) {
                out.push(
                    Finding::new(Rule::M1, Severity::Warning, message::row_missing(row))
                        .with_cells(cells)
                        .about_blanks(),
                );
            }
        }
    }
    let overview = report.overview_full();
    if !report.is_blank() {
        for (section, text) in [
            (TextKey::Overview.section(), overview.as_str()),
            (TextKey::Other.section(), report.text(TextKey::Other)),
        ] {
            if text.trim().is_empty() {
                out.push(
                    Finding::new(
                        Rule::M1,
                        Severity::Warning,
                        message::section_empty(section.title),
                    )
                    .about_blanks(),
                );
            }
        }
    }

    // M2: the year.
    match report.year {
        None if !report.is_blank() => out.push(
            Finding::new(Rule::M2, Severity::Warning, message::YEAR_MISSING.into())
                .on_field(Field::Year)
                .about_blanks(),
        ),
        None => {}
        Some(year) => {
            if let Some(&found) = years_in(&report.meta.title).first() {
                if found != year {
                    out.push(
                        Finding::new(
                            Rule::M2,
                            Severity::Warning,
                            message::year_mismatch("标题", found, year),
                        )
                        .on_field(Field::Title),
                    );
                }
            }
            let period = statistics_year(&report.meta.preamble).filter(|&found| found != year);
            if let Some(found) = period {
                out.push(
                    Finding::new(
                        Rule::M2,
                        Severity::Warning,
                        message::year_mismatch("统计期限", found, year),
                    )
                    .on_field(Field::Preamble),
                );
            }
            // Years left over from an earlier report anywhere in the prose.
            for field in std::iter::once(Field::Preamble).chain(TextKey::ALL.map(Field::Text)) {
                for found in stray_years(&field.get(report), year) {
                    if field == Field::Preamble && Some(found) == period {
                        continue;
                    }
                    out.push(
                        Finding::new(
                            Rule::M2,
                            Severity::Warning,
                            message::stray_year(field.label(), found, year),
                        )
                        .on_field(field)
                        .with_actual(i64::from(found)),
                    );
                }
            }
            if let Some((y, m, d)) = parse_date(&report.meta.date) {
                if y != year + 1 {
                    out.push(
                        Finding::new(
                            Rule::M2,
                            Severity::Warning,
                            message::date_year(&report.meta.date, year),
                        )
                        .on_field(Field::Date),
                    );
                } else if (m, d) > (3, 31) {
                    // M3: 第四十九条: departments by 31 Jan, governments by 31 Mar.
                    let deadline = format!("{}年3月31日", year + 1);
                    out.push(Finding::new(
                        Rule::M3,
                        Severity::Warning,
                        message::late(&report.meta.date, &deadline),
                    ));
                } else if (m, d) > (1, 31) && !is_government(report) {
                    let deadline = format!("{}年1月31日，政府部门", year + 1);
                    out.push(Finding::new(
                        Rule::M3,
                        Severity::Info,
                        message::late(&report.meta.date, &deadline),
                    ));
                }
            }
        }
    }

    // M4: the five topics of section 一.
    if !overview.trim().is_empty() {
        let missing: Vec<&str> = TOPICS
            .iter()
            .enumerate()
            .filter(|(i, topic)| {
                report.text(TextKey::Topic(*i)).trim().is_empty() && !overview.contains(topic.key)
            })
            .map(|(_, topic)| topic.key)
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                Rule::M4,
                Severity::Warning,
                message::topics_missing(&missing),
            ));
        }
    }

    // M5: 五 says something; 六 mentions the fee.
    if !report.is_blank() {
        let problems = report.text(TextKey::Problems).trim();
        if problems.is_empty() || matches!(problems, "无" | "无。" | "暂无" | "暂无。") {
            let f = Finding::new(Rule::M5, Severity::Warning, message::problems_empty())
                .on_field(Field::Text(TextKey::Problems));
            out.push(if problems.is_empty() {
                f.about_blanks()
            } else {
                f
            });
        }
        let other = report.text(TextKey::Other);
        if !other.trim().is_empty() && !mentions_fee(other) {
            out.push(Finding::new(
                Rule::M5,
                Severity::Info,
                message::fee_not_mentioned(),
            ));
        }
    }
}

/// Whether a text speaks of the information processing fee at all.
pub(super) fn mentions_fee(text: &str) -> bool {
    ["处理费", "收费", "收取", "费用"]
        .iter()
        .any(|k| text.contains(k))
}

fn is_government(report: &Report) -> bool {
    let agency = report.agency.as_deref().unwrap_or_default();
    agency.ends_with("人民政府") || agency.ends_with("政府")
}
