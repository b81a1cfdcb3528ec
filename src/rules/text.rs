//! T1–T9 (spec §6.4): numbers stated in the prose of section 一 against the
//! tables. Never blocking: a mismatch warns; several different numbers for
//! the same thing only inform. Scanners, no regex (wasm size).

use super::{message, Finding, Rule, Severity};
use crate::model::prose::{all_done, clauses, count_after, negated, said, Cells, CLAIMS};
use crate::model::{Report, TextKey};
use crate::template::{table2, table3::Role, CellId, Template};

fn quote(clause: &str) -> String {
    let s: String = clause.chars().take(30).collect();
    if clause.chars().count() > 30 {
        format!("{s}…")
    } else {
        s
    }
}

/// One expectation: the numbers the text states for something, and what the table says.
struct Claim<'a> {
    rule: Rule,
    place: String,
    cells: Vec<CellId>,
    /// Acceptable table values (T2 and T3 accept two readings).
    accepted: Vec<i64>,
    said: Vec<(i64, &'a str)>,
    severity: Severity,
}

impl Claim<'_> {
    fn judge(self, out: &mut Vec<Finding>) {
        let mut distinct: Vec<i64> = self.said.iter().map(|(n, _)| *n).collect();
        crate::sort::ascending(&mut distinct);
        distinct.dedup();
        let Some(&table) = self.accepted.first() else {
            return;
        };
        match distinct.as_slice() {
            [] => {}
            [n] if self.accepted.contains(n) => {}
            [n] => {
                let q = self.said.first().map(|(_, q)| quote(q)).unwrap_or_default();
                let mut f = Finding::new(
                    self.rule,
                    self.severity,
                    message::text_mismatch(&q, *n, &self.place, table),
                )
                .with_cells(self.cells);
                f.expected = Some(*n);
                f.actual = Some(table);
                out.push(f);
            }
            many => {
                if !many.iter().any(|n| self.accepted.contains(n)) {
                    out.push(
                        Finding::new(
                            self.rule,
                            Severity::Info,
                            message::text_uncertain(&self.place, many),
                        )
                        .with_cells(self.cells),
                    );
                }
            }
        }
    }
}

/// The cells' names as the form prints them, for messages: "A" or "A与B之和".
fn place(t: &Template, cells: &[CellId]) -> String {
    let names: Vec<String> = cells.iter().map(|&c| t.describe(c)).collect();
    match names.as_slice() {
        [one] => one.clone(),
        many => format!("{}之和", many.join("与")),
    }
}

/// A statement that there were none ("未收到…申请", "未发生…复议、诉讼")
/// against totals that are not zero (T1, T8).
fn none_said(report: &Report, rule: Rule, said: &str, cells: &[CellId], out: &mut Vec<Finding>) {
    let t = report.template();
    let nonzero: Vec<CellId> = cells
        .iter()
        .copied()
        .filter(|&c| report.number(c).is_some_and(|n| n > 0))
        .collect();
    if nonzero.is_empty() {
        return;
    }
    let n: i64 = nonzero.iter().filter_map(|&c| report.number(c)).sum();
    let mut f = Finding::new(
        rule,
        Severity::Warning,
        message::text_mismatch(said, 0, &place(t, &nonzero), n),
    )
    .with_cells(nonzero);
    f.expected = Some(0);
    f.actual = Some(n);
    out.push(f);
}

pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template();
    let text = report.overview_full();
    if text.trim().is_empty() {
        return;
    }
    let all: Vec<&str> = clauses(&text).collect();
    let sum = |cells: &[CellId]| -> Option<i64> { cells.iter().map(|&c| report.number(c)).sum() };
    let all_done = all_done(&all);
    let carried_over = Cells::T3(Role::CarriedOver).ids(t);

    // T2–T7: each number stated against its total.
    for def in &CLAIMS {
        let cells = def.cells.ids(t);
        let said = said(def, &all);
        let mut accepted: Vec<i64> = sum(&cells).into_iter().collect();
        let mut named = cells.clone();
        if def.with_carried_over(all_done) {
            let received = Cells::T3(Role::NewReceived).ids(t);
            accepted.extend(sum(&[received, carried_over.clone()].concat()));
        }
        if def.rule == Rule::T2 {
            named.extend(&carried_over);
        }
        Claim {
            rule: def.rule,
            place: place(t, &cells),
            cells: named,
            accepted,
            said,
            severity: Severity::Warning,
        }
        .judge(out);
    }

    // T1: "未收到申请" while 新收 is not 0.
    let none_received = all.iter().any(|c| {
        c.contains("申请")
            && !c.contains("复议")
            && !c.contains("诉讼")
            && (c.contains("未收到") || c.contains("无依申请公开"))
    });
    if none_received {
        let cells = Cells::T3(Role::NewReceived).ids(t);
        none_said(report, Rule::T1, "未收到政府信息公开申请", &cells, out);
    }
    // T8: "未发生行政复议、行政诉讼" while 表四 is not 0.
    let no_cases = all
        .iter()
        .any(|c| (c.contains("行政复议") || c.contains("行政诉讼")) && negated(c));
    if no_cases {
        let cells = Cells::T4(&[0, 1, 2]).ids(t);
        none_said(report, Rule::T8, "无行政复议、行政诉讼", &cells, out);
    }

    // T9 (weak): 规范性文件 N件 in the 主动公开 text against 表二 本年制发件数.
    if let Some(id) = t.t2_id(&table2::NORMATIVE_DOC, &table2::ISSUED) {
        let proactive = match report.text(TextKey::Topic(0)) {
            s if s.trim().is_empty() => text.as_str(),
            s => s,
        };
        let said: Vec<(i64, &str)> = clauses(proactive)
            .filter_map(|c| count_after(c, "规范性文件").map(|n| (n, c)))
            .collect();
        Claim {
            rule: Rule::T9,
            place: t.describe(id),
            cells: vec![id],
            accepted: report.number(id).into_iter().collect(),
            said,
            severity: Severity::Info,
        }
        .judge(out);
    }
}
