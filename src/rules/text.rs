//! T1–T9 (spec §6.4): numbers stated in the prose of section 一 against the
//! tables. Never blocking: a mismatch warns; several different numbers for
//! the same thing only inform. Scanners, no regex (wasm size).

use super::{message, Finding, Severity};
use crate::model::{Report, TextKey};
use crate::template::{table2, table3::Role, CellId, Template};

/// A clause of prose: text between 。；！？ or line breaks.
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', ';', '\n', '！', '？', '?', '!'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

const UNITS: [char; 5] = ['件', '条', '次', '个', '项'];
const NEGATIONS: [&str; 5] = ["未收到", "未发生", "没有", "无", "未"];

/// The first "N件" within a few characters after `key` in `clause`.
fn count_after(clause: &str, key: &str) -> Option<i64> {
    let start = clause.find(key)? + key.len();
    let rest: Vec<char> = clause[start..].chars().take(24).collect();
    let first_digit = rest.iter().position(char::is_ascii_digit)?;
    let digits: String = rest[first_digit..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let unit = rest.get(first_digit + digits.len())?;
    if !UNITS.contains(unit) {
        return None;
    }
    digits.parse().ok()
}

fn negated(clause: &str) -> bool {
    NEGATIONS.iter().any(|n| clause.contains(n))
}

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
    rule: &'static str,
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
        distinct.sort_unstable();
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

fn t3_total(report: &Report, t: &Template, role: Role) -> (CellId, Option<i64>) {
    let id = t.t3_cell(t.t3_row_of(role), crate::template::table3::TOTAL_COL);
    (id, report.number(id))
}

pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let t = report.template();
    let text = report.overview_full();
    if text.trim().is_empty() {
        return;
    }
    let (nr_id, nr) = t3_total(report, t, Role::NewReceived);
    let (co_id, co) = t3_total(report, t, Role::CarriedOver);
    let (rt_id, rt) = t3_total(report, t, Role::ResultTotal);
    let (cf_id, cf) = t3_total(report, t, Role::CarriedForward);
    let t4_total = |g| {
        let id = t.t4_cell(g, crate::template::table4::TOTAL_FIELD);
        (id, report.number(id))
    };
    let (rev_id, rev) = t4_total(0);
    let (sd_id, sd) = t4_total(1);
    let (sa_id, sa) = t4_total(2);
    let both = nr.zip(co).map(|(a, b)| a + b);

    let mut t1 = false;
    let mut t2 = Vec::new();
    let mut t3 = Vec::new();
    let mut t3_all_done = false;
    let (mut t4, mut t5, mut t6, mut t7) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut t8 = false;
    for clause in clauses(&text) {
        let about_requests =
            clause.contains("申请") && !clause.contains("复议") && !clause.contains("诉讼");
        if about_requests && (clause.contains("未收到") || clause.contains("无依申请公开"))
        {
            t1 = true;
        }
        if about_requests && !negated(clause) {
            if let Some(n) = ["新收", "收到", "受理"]
                .iter()
                .find_map(|k| count_after(clause, k))
            {
                t2.push((n, clause));
            }
            if let Some(n) = ["办理", "办结", "答复"]
                .iter()
                .find_map(|k| count_after(clause, k))
            {
                t3.push((n, clause));
            }
            t3_all_done |= clause.contains("均已办结") || clause.contains("全部办结");
        }
        if let Some(n) = count_after(clause, "结转下年") {
            t4.push((n, clause));
        }
        if let Some(n) = count_after(clause, "上年结转") {
            t5.push((n, clause));
        }
        let about_cases = clause.contains("行政复议") || clause.contains("行政诉讼");
        if about_cases && negated(clause) {
            t8 = true;
        } else if about_cases {
            if let Some(n) = count_after(clause, "行政复议") {
                t6.push((n, clause));
            }
            if let Some(n) = count_after(clause, "行政诉讼") {
                t7.push((n, clause));
            }
        }
    }

    if let Some(n) = nr.filter(|&n| t1 && n != 0) {
        let mut f = Finding::new(
            "T1",
            Severity::Warning,
            message::text_mismatch("未收到政府信息公开申请", 0, "表三“本年新收”总计", n),
        )
        .with_cells([nr_id]);
        f.expected = Some(0);
        f.actual = Some(n);
        out.push(f);
    }
    let some = |v: Option<i64>| v.into_iter().collect::<Vec<_>>();
    let claims = [
        Claim {
            rule: "T2",
            place: "表三“本年新收”总计".into(),
            cells: vec![nr_id, co_id],
            accepted: [some(nr), some(both)].concat(),
            said: t2,
            severity: Severity::Warning,
        },
        Claim {
            rule: "T3",
            place: "表三“（七）总计”".into(),
            cells: vec![rt_id],
            accepted: [some(rt), if t3_all_done { some(both) } else { vec![] }].concat(),
            said: t3,
            severity: Severity::Warning,
        },
        Claim {
            rule: "T4",
            place: "表三“四、结转下年度继续办理”总计".into(),
            cells: vec![cf_id],
            accepted: some(cf),
            said: t4,
            severity: Severity::Warning,
        },
        Claim {
            rule: "T5",
            place: "表三“二、上年结转”总计".into(),
            cells: vec![co_id],
            accepted: some(co),
            said: t5,
            severity: Severity::Warning,
        },
        Claim {
            rule: "T6",
            place: "表四“行政复议”总计".into(),
            cells: vec![rev_id],
            accepted: some(rev),
            said: t6,
            severity: Severity::Warning,
        },
        Claim {
            rule: "T7",
            place: "表四两类行政诉讼总计之和".into(),
            cells: vec![sd_id, sa_id],
            accepted: some(sd.zip(sa).map(|(a, b)| a + b)),
            said: t7,
            severity: Severity::Warning,
        },
    ];
    for claim in claims {
        claim.judge(out);
    }
    if t8 {
        let nonzero: Vec<CellId> = [(rev_id, rev), (sd_id, sd), (sa_id, sa)]
            .iter()
            .filter(|(_, v)| v.is_some_and(|v| v > 0))
            .map(|(id, _)| *id)
            .collect();
        if !nonzero.is_empty() {
            let n: i64 = [rev, sd, sa].iter().flatten().sum();
            let mut f = Finding::new(
                "T8",
                Severity::Warning,
                message::text_mismatch("无行政复议、行政诉讼", 0, "表四各项总计之和", n),
            )
            .with_cells(nonzero);
            f.expected = Some(0);
            f.actual = Some(n);
            out.push(f);
        }
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
            rule: "T9",
            place: "表二“行政规范性文件”本年制发件数".into(),
            cells: vec![id],
            accepted: some(report.number(id)),
            said,
            severity: Severity::Info,
        }
        .judge(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_after_their_keyword() {
        assert_eq!(
            count_after("累计依法受理依申请公开事项11件,答复率达100%", "受理"),
            Some(11)
        );
        assert_eq!(count_after("答复率达100%", "答复"), None);
        assert_eq!(count_after("全年办理依申请公开信息14条", "办理"), Some(14));
        assert_eq!(count_after("发布300余条", "发布"), None);
    }
}
