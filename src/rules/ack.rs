//! Which findings are marked 已核实 (issue 20), and marking them. A mark
//! belongs to the finding of its rule, cells and field; it holds while the
//! finding's message and its cells' texts are what they were when it was
//! marked, and lapses (and says so) when they change. An error cannot be
//! marked: a sum that does not hold is corrected, not explained.

use super::{Finding, Severity};
use crate::model::ack::Acknowledged;
use crate::model::Report;

/// A finding's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Not marked.
    Open,
    /// Marked 已核实, with the reason.
    Acknowledged(String),
    /// Marked once, but its figures or cells changed since: open again.
    Lapsed(String),
}

impl Mark {
    /// Whether the finding still asks for attention.
    pub fn is_open(&self) -> bool {
        !matches!(self, Mark::Acknowledged(_))
    }

    /// What a list says after the finding ("" when open).
    pub fn said(&self) -> String {
        match self {
            Mark::Open => String::new(),
            Mark::Acknowledged(why) => format!("已核实：{why}"),
            Mark::Lapsed(why) => {
                format!("原“已核实”说明已失效（相关数字已修改），请重新核实：{why}")
            }
        }
    }
}

/// The finding's cells as paths, its field's id, and its cells' texts.
fn key(report: &Report, f: &Finding) -> (Vec<String>, Option<String>, Vec<String>) {
    let t = report.template();
    (
        f.cells.iter().map(|&c| t.cell(c).path.clone()).collect(),
        f.field.map(|field| field.id()),
        f.cells.iter().map(|&c| report.raw(c).to_owned()).collect(),
    )
}

/// The mark stored for this finding, if any.
fn stored<'a>(report: &'a Report, f: &Finding) -> Option<&'a Acknowledged> {
    let (cells, field, _) = key(report, f);
    report
        .acknowledged
        .iter()
        .find(|a| a.is_for(f.rule.id(), &cells, field.as_deref()))
}

/// The finding's standing in `report`.
pub fn mark(report: &Report, f: &Finding) -> Mark {
    if report.acknowledged.is_empty() {
        return Mark::Open;
    }
    let Some(a) = stored(report, f) else {
        return Mark::Open;
    };
    let (_, _, values) = key(report, f);
    if a.values == values && a.message == f.message && f.severity != Severity::Error {
        Mark::Acknowledged(a.reason.clone())
    } else {
        Mark::Lapsed(a.reason.clone())
    }
}

/// Why a finding cannot be marked 已核实 at all: an error.
pub fn cannot_mark(f: &Finding) -> Option<&'static str> {
    (f.severity == Severity::Error)
        .then_some("错误（数字不符合勾稽关系等）不能标记为已核实，请修改数字。")
}

/// Marks a warning or note 已核实 with `reason`. Err with a Chinese reason
/// for an error, or without a reason.
pub fn acknowledge(report: &mut Report, f: &Finding, reason: &str) -> Result<(), &'static str> {
    if let Some(why) = cannot_mark(f) {
        return Err(why);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("请写明核实的理由，例如“本年确未收费”。");
    }
    let (cells, field, values) = key(report, f);
    report.put_mark(Acknowledged {
        rule: f.rule.id().to_owned(),
        cells,
        field,
        values,
        message: f.message.clone(),
        reason: reason.to_owned(),
    });
    Ok(())
}

/// Removes the finding's mark, if any.
pub fn withdraw(report: &mut Report, f: &Finding) {
    let (cells, field, _) = key(report, f);
    report
        .acknowledged
        .retain(|a| !a.is_for(f.rule.id(), &cells, field.as_deref()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::check;

    /// A report with one review filled in: blanks in its tables (warnings).
    fn report() -> Report {
        let mut r = Report::default();
        let t = r.template();
        for (path, raw) in [("t4.review.upheld", "1"), ("t4.review.total", "1")] {
            r.set_raw(t.by_path(path).expect("a cell"), raw);
        }
        r
    }

    #[test]
    fn a_warning_marked_holds_until_its_cells_change_and_an_error_cannot_be_marked() {
        let mut r = report();
        let findings = check(&r, None);
        let warning = findings
            .iter()
            .find(|f| f.severity == Severity::Warning && !f.cells.is_empty())
            .expect("a warning about cells")
            .clone();
        assert_eq!(mark(&r, &warning), Mark::Open);
        assert_eq!(
            acknowledge(&mut r, &warning, "  "),
            Err("请写明核实的理由，例如“本年确未收费”。")
        );
        acknowledge(&mut r, &warning, "本年确无此项").expect("marked");
        assert_eq!(
            mark(&r, &warning),
            Mark::Acknowledged("本年确无此项".to_owned())
        );
        assert!(!mark(&r, &warning).is_open());
        // Marked twice: one mark, the newer reason.
        acknowledge(&mut r, &warning, "已与业务科室核对").expect("marked");
        assert_eq!(r.acknowledged.len(), 1);
        // Its cell changes: the mark lapses and says so.
        let cell = warning.cells[0];
        let before = r.raw(cell).to_owned();
        r.set_raw(cell, format!("{before} "));
        let lapsed = mark(&r, &warning);
        assert_eq!(lapsed, Mark::Lapsed("已与业务科室核对".to_owned()));
        assert!(lapsed.is_open());
        assert!(lapsed.said().starts_with("原“已核实”说明已失效"));
        // An error cannot be marked.
        let mut broken = report();
        let t = broken.template();
        for (path, raw) in [
            ("t4.review.corrected", "0"),
            ("t4.review.other", "0"),
            ("t4.review.pending", "0"),
            ("t4.review.total", "99"),
        ] {
            broken.set_raw(t.by_path(path).expect("a cell"), raw);
        }
        let error = check(&broken, None)
            .into_iter()
            .find(|f| f.severity == Severity::Error)
            .expect("an error");
        assert!(acknowledge(&mut broken, &error, "理由").is_err());
        assert!(broken.acknowledged.is_empty());
        withdraw(&mut r, &warning);
        assert_eq!(mark(&r, &warning), Mark::Open);
    }

    #[test]
    fn a_mark_survives_the_json_and_the_draft() {
        let mut r = report();
        let warning = check(&r, None)
            .into_iter()
            .find(|f| f.severity != Severity::Error)
            .expect("a warning");
        acknowledge(&mut r, &warning, "确无此事").expect("marked");
        let json = crate::model::json::to_string(&r);
        assert!(json.contains("\"acknowledged\""), "{json}");
        let back = crate::model::json::from_str(&json).expect("json");
        assert_eq!(
            mark(&back, &warning),
            Mark::Acknowledged("确无此事".to_owned())
        );
        let draft = crate::model::json::from_str(&crate::model::json::to_draft(&r)).expect("draft");
        assert_eq!(draft.acknowledged, r.acknowledged);
        assert!(!crate::model::json::to_string(&report()).contains("acknowledged"));
    }
}
