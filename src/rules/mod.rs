//! The checks (spec §6): a report in, findings out, each in Chinese with the
//! cells involved and the expected value. Reads the relations from
//! `template`, never restates them. Pure and cheap enough for every keystroke.
//!
//! Families and their files: R1–R4, D1, D2 `arithmetic.rs`; X1–X3, X5
//! `cross_year.rs`; P1–P4 `plausibility.rs`; T1–T9 `text.rs`; M1–M5
//! `metadata.rs`; H1 (a parent against its children, asked for by the
//! shells) `hierarchy.rs`; 已核实 marks `ack.rs`; a batch's summary (CSV)
//! `batch.rs` and its 问题清单 (a workbook) `issues.rs`; every sentence
//! `message.rs`.

pub mod ack;
mod arithmetic;
pub mod batch;
mod cross_year;
pub use cross_year::still_last_years;
pub mod hierarchy;
pub mod issues;
pub mod message;
mod metadata;
mod plausibility;
mod text;

pub use crate::template::checks::{Family, Rule};

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
    /// The rule.
    pub rule: Rule,
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

/// A finding's [identity](Finding::identity).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    rule: Rule,
    severity: Severity,
    cells: Vec<CellId>,
    suspect: Option<CellId>,
    field: Option<Field>,
    fix: Option<CellId>,
}

impl Finding {
    /// What the finding is about (rule, severity, cells, field), whatever
    /// figures its message now gives: what a list keeps in place while the
    /// figures change.
    pub fn identity(&self) -> Identity {
        Identity {
            rule: self.rule,
            severity: self.severity,
            cells: self.cells.clone(),
            suspect: self.suspect,
            field: self.field,
            fix: self.fix,
        }
    }

    /// The finding as a list line: `[提醒] P3 message`.
    pub fn line(&self) -> String {
        format!("[{}] {} {}", self.severity.label(), self.rule, self.message)
    }

    fn new(rule: Rule, severity: Severity, message: String) -> Finding {
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

    fn with_actual(mut self, actual: i64) -> Finding {
        self.actual = Some(actual);
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
    merge(&mut out, report.template());
    crate::sort::by_key(&mut out, |f| f.severity);
    out
}

/// Says once what two rules say of the same thing: a text flagged as last
/// year's (X5) names the stray years M2 found in it; a table's blanks (D2)
/// count the rows left wholly empty that M1 would list one by one.
fn merge(out: &mut Vec<Finding>, t: &crate::template::Template) {
    let copied: Vec<Field> = out
        .iter()
        .filter(|f| f.rule == Rule::X5)
        .filter_map(|f| f.field)
        .collect();
    let blank: std::collections::HashSet<CellId> = out
        .iter()
        .filter(|f| f.rule == Rule::D2)
        .flat_map(|f| f.cells.iter().copied())
        .collect();
    let mut years: Vec<(Field, i64)> = Vec::new();
    let mut rows: Vec<(Vec<CellId>, bool)> = Vec::new();
    out.retain(|f| match (f.rule, f.field, f.actual) {
        (Rule::M2, Some(field), Some(year)) if copied.contains(&field) => {
            years.push((field, year));
            false
        }
        (Rule::M1, _, _) if !f.cells.is_empty() && f.cells.iter().all(|c| blank.contains(c)) => {
            // A row of the balance (R1) left empty leaves it unassessable.
            let unbalanced = t.relations.iter().any(|r| {
                r.kind == crate::template::relations::RelationKind::R1
                    && r.cells().any(|c| f.cells.contains(&c))
            });
            rows.push((f.cells.clone(), unbalanced));
            false
        }
        _ => true,
    });
    for f in out.iter_mut() {
        if f.rule == Rule::X5 {
            let found: Vec<i64> = years
                .iter()
                .filter(|(field, _)| Some(*field) == f.field)
                .map(|&(_, y)| y)
                .collect();
            if !found.is_empty() {
                f.message.push_str(&message::years_in_copy(&found));
            }
        }
        if f.rule == Rule::D2 {
            let whole: Vec<&(Vec<CellId>, bool)> = rows
                .iter()
                .filter(|(cells, _)| cells.iter().all(|c| f.cells.contains(c)))
                .collect();
            let labels: Vec<&str> = whole
                .iter()
                .filter_map(|(cells, _)| cells.first().map(|&c| t.cell(c).row_label))
                .collect();
            if !labels.is_empty() {
                let unbalanced = whole.iter().any(|(_, u)| *u);
                f.message
                    .push_str(&message::whole_rows(&labels, unbalanced));
            }
        }
    }
}

/// Counts of (errors, warnings, infos).
pub fn tally<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> (usize, usize, usize) {
    findings
        .into_iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}
