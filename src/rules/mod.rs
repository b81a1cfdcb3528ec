//! The checks (spec §6): a report in, findings out, each in Chinese with the
//! cells involved and the expected value. Reads the relations from
//! `template`, never restates them. Pure and cheap enough for every keystroke.
//!
//! Families and their files: R1–R4, D1, D2 `arithmetic.rs`; X1–X3, X5
//! `cross_year.rs`; P1–P4 `plausibility.rs`; T1–T9 `text.rs`; M1–M5
//! `metadata.rs`; every sentence `message.rs`.

mod arithmetic;
pub mod batch;
mod cross_year;
pub mod message;
mod metadata;
mod plausibility;
mod text;

use crate::model::{edit::Field, Report};
use crate::template::CellId;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A relation of the form does not hold, or a value is not acceptable.
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// For information, e.g. a relation that cannot be checked yet.
    Info,
}

impl Severity {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
            Severity::Info => "提示",
        }
    }
}

/// One thing the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// Spec rule id: "R1" … "M5".
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// The cells involved.
    pub cells: Vec<CellId>,
    /// The cell most likely wrong, where a failing row meets a failing column.
    pub suspect: Option<CellId>,
    /// The value the checked cell should hold, where one exists.
    pub expected: Option<i64>,
    /// The value it holds.
    pub actual: Option<i64>,
    /// The cell a one-click fix would set to `expected` (totals only).
    pub fix: Option<CellId>,
    /// The sentence shown to the user.
    pub message: String,
    /// The text field it is about, when not a cell.
    pub field: Option<Field>,
    /// About something not filled in yet (a blank cell, row, table or
    /// section, a relation not yet assessable): progress while the form is
    /// being filled, listed when the user asks whether it is complete.
    pub blank: bool,
}

impl Finding {
    fn new(rule: &'static str, severity: Severity, message: String) -> Finding {
        Finding {
            rule,
            severity,
            cells: Vec::new(),
            suspect: None,
            expected: None,
            actual: None,
            fix: None,
            message,
            field: None,
            blank: false,
        }
    }

    fn about_blanks(mut self) -> Finding {
        self.blank = true;
        self
    }

    fn on_field(mut self, field: Field) -> Finding {
        self.field = Some(field);
        self
    }

    fn with_cells(mut self, cells: impl IntoIterator<Item = CellId>) -> Finding {
        self.cells = cells.into_iter().collect();
        self
    }
}

/// Checks a report, and its continuity with last year's when given.
/// Findings come errors first, then warnings, then information.
///
/// ```
/// use nianbao::{model::Report, rules};
/// let mut report = Report::default();
/// let t = report.template();
/// report.set_raw(t.by_path("t4.review.upheld").unwrap(), "1");
/// report.set_raw(t.by_path("t4.review.corrected").unwrap(), "0");
/// report.set_raw(t.by_path("t4.review.other").unwrap(), "0");
/// report.set_raw(t.by_path("t4.review.pending").unwrap(), "0");
/// report.set_raw(t.by_path("t4.review.total").unwrap(), "0");
/// let findings = rules::check(&report, None);
/// let r4 = findings.iter().find(|f| f.rule == "R4").unwrap();
/// assert_eq!((r4.expected, r4.actual), (Some(1), Some(0)));
/// assert!(r4.message.contains("行政复议"));
/// ```
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let mut out = Vec::new();
    arithmetic::check(report, &mut out);
    metadata::check(report, &mut out);
    text::check(report, &mut out);
    plausibility::check(report, &mut out);
    if let Some(prev) = previous {
        cross_year::check(report, prev, &mut out);
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// Counts of (errors, warnings, infos).
pub fn tally(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}
