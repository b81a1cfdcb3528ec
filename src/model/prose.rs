//! What the prose of a report says about its tables (spec §6.4): the
//! totals stated in 总体情况 ("本年新收…12件", "结转下年度…", "行政复议3件，其中
//! 结果维持2件…"). The T rules judge them against the tables
//! (`rules/text.rs`); the importer takes them as a witness of the tables it
//! reads. Scanners, no regex (wasm size).

use crate::template::checks::Rule;
use crate::template::{table3, table3::Role, table4, CellId, Template};

/// A clause of prose: text between 。；！？ or line breaks.
pub(crate) fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', ';', '\n', '！', '？', '?', '!'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

const UNITS: [char; 5] = ['件', '条', '次', '个', '项'];
const NEGATIONS: [&str; 5] = ["未收到", "未发生", "没有", "无", "未"];

/// The first "N件" within a few characters after `key` in `clause`.
pub(crate) fn count_after(clause: &str, key: &str) -> Option<i64> {
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

pub(crate) fn negated(clause: &str) -> bool {
    NEGATIONS.iter().any(|n| clause.contains(n))
}

/// What a clause must be about for a claim to count in it.
#[derive(Clone, Copy)]
pub(crate) enum About {
    /// Applications (申请), not reviews or suits, and not negated.
    Requests,
    /// Reviews or suits (行政复议、行政诉讼), not negated.
    Cases,
    /// Anything.
    Any,
}

impl About {
    pub(crate) fn holds(self, clause: &str) -> bool {
        let cases = clause.contains("行政复议") || clause.contains("行政诉讼");
        match self {
            About::Requests => clause.contains("申请") && !cases && !negated(clause),
            About::Cases => cases && !negated(clause),
            About::Any => true,
        }
    }
}

/// Where a claimed total is in the form.
#[derive(Clone, Copy)]
pub(crate) enum Cells {
    /// The 总计 column of a 表三 row.
    T3(Role),
    /// The 总计 of 表四 groups (summed).
    T4(&'static [usize]),
}

impl Cells {
    pub(crate) fn ids(self, t: &Template) -> Vec<CellId> {
        match self {
            Cells::T3(role) => vec![t.t3_cell(t.t3_row_of(role), table3::TOTAL_COL)],
            Cells::T4(groups) => groups
                .iter()
                .map(|&g| t.t4_cell(g, table4::TOTAL_FIELD))
                .collect(),
        }
    }
}

/// One number the prose of 一 states about a table total (spec §6.4).
pub(crate) struct ClaimDef {
    pub(crate) rule: Rule,
    /// The words the number follows ("收到…5件").
    pub(crate) keys: &'static [&'static str],
    pub(crate) about: About,
    pub(crate) cells: Cells,
    /// 新收 + 上年结转 is accepted too: always (T2: "共收到17件" = 16 + 1), or
    /// when the text says all were done (T3, "均已办结").
    pub(crate) with_carried_over: Option<bool>,
}

impl ClaimDef {
    /// Whether 新收 + 上年结转 is accepted too, given whether the text says
    /// every application was done.
    pub(crate) fn with_carried_over(&self, all_done: bool) -> bool {
        self.with_carried_over
            .is_some_and(|only_all_done| !only_all_done || all_done)
    }
}

pub(crate) const CLAIMS: [ClaimDef; 6] = [
    ClaimDef {
        rule: Rule::T2,
        keys: &["新收", "收到", "受理"],
        about: About::Requests,
        cells: Cells::T3(Role::NewReceived),
        with_carried_over: Some(false),
    },
    ClaimDef {
        rule: Rule::T3,
        keys: &["办理", "办结", "答复"],
        about: About::Requests,
        cells: Cells::T3(Role::ResultTotal),
        with_carried_over: Some(true),
    },
    ClaimDef {
        rule: Rule::T4,
        keys: &["结转下年"],
        about: About::Any,
        cells: Cells::T3(Role::CarriedForward),
        with_carried_over: None,
    },
    ClaimDef {
        rule: Rule::T5,
        keys: &["上年结转"],
        about: About::Any,
        cells: Cells::T3(Role::CarriedOver),
        with_carried_over: None,
    },
    ClaimDef {
        rule: Rule::T6,
        keys: &["行政复议"],
        about: About::Cases,
        cells: Cells::T4(&[0]),
        with_carried_over: None,
    },
    ClaimDef {
        rule: Rule::T7,
        keys: &["行政诉讼"],
        about: About::Cases,
        cells: Cells::T4(&[1, 2]),
        with_carried_over: None,
    },
];

/// What the clauses say about a claim's total: each number with its clause.
pub(crate) fn said<'a>(def: &ClaimDef, clauses: &[&'a str]) -> Vec<(i64, &'a str)> {
    clauses
        .iter()
        .filter(|c| def.about.holds(c))
        .filter_map(|&c| {
            def.keys
                .iter()
                .find_map(|k| count_after(c, k))
                .map(|n| (n, c))
        })
        .collect()
}

/// Whether the text says every application was done ("均已办结").
pub(crate) fn all_done(clauses: &[&str]) -> bool {
    clauses
        .iter()
        .any(|c| About::Requests.holds(c) && (c.contains("均已办结") || c.contains("全部办结")))
}

/// A figure the prose states for the tables: the number, and the cells
/// whose sum it may be (T2 and T3 accept two readings; any of `cells`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The T rule whose words found it.
    pub rule: Rule,
    /// Each set of cells whose sum the number may be.
    pub cells: Vec<Vec<CellId>>,
    /// The number stated.
    pub value: i64,
}

/// The table figures a text states once, without contradicting itself
/// (the T rules' extraction, spec §6.4): 新收, 办理, 结转下年度, 上年结转,
/// 行政复议, 行政诉讼, and the parts of 行政复议 ("其中结果维持 a 件…"). The
/// importer takes them as a witness of the tables it reads (issue 16).
///
/// ```
/// use nianbao::{model::Report, model::prose::quotes};
/// let r = Report::default();
/// let t = r.template();
/// let q = quotes(t, "本年新收政府信息公开申请12件，上年结转2件。全年共办理行政复议3件，其中结果维持2件，结果纠正1件。");
/// let received = t.by_path("t3.new_received.total").unwrap();
/// assert!(q.iter().any(|q| q.value == 12 && q.cells.contains(&vec![received])));
/// let upheld = t.by_path("t4.review.upheld").unwrap();
/// assert!(q.iter().any(|q| q.value == 2 && q.cells == vec![vec![upheld]]));
/// ```
pub fn quotes(t: &Template, text: &str) -> Vec<Quote> {
    let every: Vec<&str> = clauses(text).collect();
    let done = all_done(&every);
    // Only clauses with a figure can state one.
    let all: Vec<&str> = every
        .into_iter()
        .filter(|c| c.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    let carried_over = Cells::T3(Role::CarriedOver).ids(t);
    let mut out = Vec::new();
    for def in &CLAIMS {
        let mut numbers: Vec<i64> = said(def, &all).into_iter().map(|(n, _)| n).collect();
        crate::sort::ascending(&mut numbers);
        numbers.dedup();
        let [value] = numbers.as_slice() else {
            continue;
        };
        let cells = def.cells.ids(t);
        let mut sets = vec![cells];
        if def.with_carried_over(done) {
            sets.push([Cells::T3(Role::NewReceived).ids(t), carried_over.clone()].concat());
        }
        out.push(Quote {
            rule: def.rule,
            cells: sets,
            value: *value,
        });
    }
    // "行政复议N件，其中结果维持a件，结果纠正b件，其他结果c件，尚未审结d件".
    for (field, f) in table4::FIELDS.iter().enumerate().take(table4::TOTAL_FIELD) {
        // "结果维持" is also written "维持".
        let short = f.label.strip_prefix("结果").unwrap_or(f.label);
        let mut numbers: Vec<i64> = all
            .iter()
            .filter(|c| c.contains(table4::REVIEW_HEAD) && About::Cases.holds(c))
            .filter(|c| !c.contains(table4::SUIT_HEAD))
            .filter_map(|c| count_after(c, f.label).or_else(|| count_after(c, short)))
            .collect();
        crate::sort::ascending(&mut numbers);
        numbers.dedup();
        if let [value] = numbers.as_slice() {
            out.push(Quote {
                rule: Rule::T6,
                cells: vec![vec![t.t4_cell(0, field)]],
                value: *value,
            });
        }
    }
    out
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
