//! Every Chinese sentence the checks say, built from template labels. The UI
//! and the CLI show these, so both say the same thing.

use crate::model::number::Reason;
use crate::model::{Report, TextKey};
use crate::template::{
    table3::{self, Role},
    table4, Axis, CellId, Relation, RelationKind, TableId, Template, TOPICS,
};

fn fmt(n: Option<i64>) -> String {
    n.map_or_else(|| "空".to_owned(), |n| n.to_string())
}

/// The reason a typed value is refused, as a short phrase (also shown at the cell).
pub fn reason(reason: Reason) -> &'static str {
    match reason {
        Reason::NotANumber => "不是数字，请填写阿拉伯数字（没有请填0）",
        Reason::Negative => "不能为负数",
        Reason::NotInteger => "应为整数",
        Reason::TooPrecise => "小数位数过多（最多4位）",
        Reason::TooLarge => "数值过大",
    }
}

/// D1.
pub fn invalid(t: &Template, id: CellId, raw: &str, why: Reason) -> String {
    let shown: String = raw.chars().take(20).collect();
    format!("{}填写的“{}”{}。", t.describe(id), shown, reason(why))
}

/// D2, a table not started.
pub fn table_empty(table: TableId) -> String {
    format!("{}尚未填写。没有发生的事项请填0，不要留空。", table.name())
}

/// D2, some blanks.
pub fn blanks(t: &Template, table: TableId, blank: &[CellId]) -> String {
    let names: Vec<String> = blank.iter().take(3).map(|&id| t.describe(id)).collect();
    let more = if blank.len() > 3 { " 等" } else { "" };
    format!(
        "{}有 {} 个单元格未填写：{}{}。没有发生的事项请填0，不要留空。",
        table.name(),
        blank.len(),
        names.join("、"),
        more
    )
}

/// R1–R4, a relation that does not hold, with the numbers.
/// `l` and `r` are the sums of the two sides, which differ.
pub fn relation(t: &Template, rel: &Relation, report: &Report, l: i64, r: i64) -> String {
    let diff = (l - r).abs();
    let (l, r) = (Some(l), Some(r));
    let n = |id: CellId| fmt(report.number(id));
    match (rel.kind, rel.axis) {
        (RelationKind::R1, Axis::Column(c)) => format!(
            "表三“{}”列：第一项({})+第二项({})={}，第三项(七)总计({})+第四项({})={}，应相等，差 {}。",
            table3::COLUMNS[c].label,
            n(rel.lhs[0]),
            n(rel.lhs[1]),
            fmt(l),
            n(rel.rhs[0]),
            n(rel.rhs[1]),
            fmt(r),
            diff
        ),
        (RelationKind::R2, Axis::Column(c)) => format!(
            "表三“{}”列：（七）总计为 {}，（一）至（六）各项办理结果之和为 {}，应相等，差 {}。",
            table3::COLUMNS[c].label,
            fmt(l),
            fmt(r),
            diff
        ),
        (RelationKind::R3, Axis::Row(row)) => format!(
            "表三“{}”行：总计为 {}，六类申请人之和为 {}，应为 {}。",
            t.t3_rows[row].label,
            fmt(l),
            fmt(r),
            fmt(r)
        ),
        (_, Axis::Group(g)) => format!(
            "表四“{}”：总计为 {}，结果维持+结果纠正+其他结果+尚未审结={}，应为 {}。",
            table4::GROUPS[g].label,
            fmt(l),
            fmt(r),
            fmt(r)
        ),
        _ => String::new(),
    }
}

/// R1–R4 when cells they need are blank or invalid (one note per family).
pub fn not_assessable(t: &Template, rels: &[&Relation], absent: &[CellId]) -> String {
    let Some(first) = rels.first() else {
        return String::new();
    };
    let place = match (first.axis, rels.len()) {
        (Axis::Column(c), 1) => format!(
            "表三“{}”列的{}",
            table3::COLUMNS[c].label,
            kind_name(first.kind)
        ),
        (Axis::Column(_), n) => format!("表三 {n} 列的{}", kind_name(first.kind)),
        (Axis::Row(r), 1) => format!("表三“{}”行的合计", t.t3_rows[r].label),
        (Axis::Row(_), n) => format!("表三 {n} 行的合计"),
        (Axis::Group(g), 1) => format!("表四“{}”的合计", table4::GROUPS[g].label),
        (Axis::Group(_), n) => format!("表四 {n} 组的合计"),
    };
    let mut rows: Vec<&str> = Vec::new();
    for &id in absent {
        let label = t.cell(id).row_label;
        if !rows.contains(&label) {
            rows.push(label);
        }
    }
    let shown: Vec<String> = rows.iter().take(3).map(|r| format!("“{r}”")).collect();
    let more = if rows.len() > 3 { " 等" } else { "" };
    format!(
        "{}暂时无法核对：{}{}中有 {} 个单元格空缺或不是数字。",
        place,
        shown.join("、"),
        more,
        absent.len()
    )
}

fn kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::R1 => "勾稽关系（第一项+第二项=第三项+第四项）",
        RelationKind::R2 => "办理结果合计",
        _ => "合计",
    }
}

/// Appended to a relation message when the suspect cell is known.
pub fn suspect(t: &Template, id: CellId) -> String {
    format!("最可能出错的是{}。", t.describe(id))
}

/// M1, a 表三 row with no data while the rest has data.
pub fn row_missing(row: &table3::Row) -> String {
    let consequence = match row.role {
        Role::ResultTotal | Role::CarriedForward | Role::NewReceived | Role::CarriedOver => {
            UNBALANCED
        }
        Role::Leaf => "",
    };
    format!("表三缺少“{}”行的数据{}。", row.label, consequence)
}

/// M1, a text section left empty.
pub fn section_empty(title: &str) -> String {
    format!("“{title}”部分没有内容。")
}

/// M2, year not given.
pub const YEAR_MISSING: &str = "未填写报告年度。";

/// M2, a year in the text that does not match.
pub fn year_mismatch(place: &str, found: i32, year: i32) -> String {
    format!("{place}中的年份是 {found} 年，与报告年度 {year} 年不一致。")
}

/// A report of which no cell could be read (batch).
pub fn unreadable(cells: usize) -> String {
    format!("未能读取：{cells} 个表格单元格一个也没有读到（文件可能不是年度报告，或版式无法识别）。未作核对，不计入错误。")
}

/// M2, a year left over from an earlier report in a text.
pub fn stray_year(place: &str, found: i32, year: i32) -> String {
    format!("“{place}”中出现“{found}年”，既不是报告年度 {year} 年，也不是与往年的比较：是否沿用了往年报告的文字？请核对。")
}

/// A cell's text tidied to its number on leaving it (said once).
pub fn normalised(typed: &str, plain: &str) -> String {
    format!(
        "已把“{}”整理为 {plain}：全角数字、单位“件”、千分位逗号和空格会自动去掉，数值不变。",
        typed.trim()
    )
}

/// X5 merged with M2: the stray years in a text that is last year's.
pub fn years_in_copy(years: &[i64]) -> String {
    let years: Vec<String> = years.iter().map(|y| format!("“{y}年”")).collect();
    format!("文中仍写着{}。", years.join("、"))
}

/// What an empty row of the balance (R1) leaves.
const UNBALANCED: &str = "，勾稽关系无法核对";

/// D2 merged with M1: rows left wholly empty, by name (the first five).
pub fn whole_rows(labels: &[&str], unbalanced: bool) -> String {
    let more = if labels.len() > 5 { " 等" } else { "" };
    let names: Vec<String> = labels.iter().take(5).map(|l| format!("“{l}”")).collect();
    let consequence = if unbalanced { UNBALANCED } else { "" };
    format!(
        "其中 {} 行整行未填：{}{more}{consequence}。",
        labels.len(),
        names.join("、")
    )
}

/// X5, a text the same as (or nearly) last year's.
pub fn copied_text(place: &str, percent: u32) -> String {
    if percent >= 100 {
        format!("“{place}”与上一年度报告的文字完全相同，请按本年度情况撰写。")
    } else {
        format!("“{place}”与上一年度报告的文字高度相似（相似度 {percent}%），请按本年度情况撰写。")
    }
}

/// M2, the signature date is not in year N+1.
pub fn date_year(date: &str, year: i32) -> String {
    format!(
        "落款日期“{date}”不在 {} 年：{} 年度的报告应在 {} 年初发布，请核对日期。",
        year + 1,
        year,
        year + 1
    )
}

/// M3, later than the statutory deadline.
pub fn late(date: &str, deadline: &str) -> String {
    format!("落款日期“{date}”晚于《条例》第四十九条规定的公开期限（{deadline}）。")
}

/// M4, topics of section 一 not covered.
pub fn topics_missing(names: &[&str]) -> String {
    let all: Vec<&str> = TOPICS.iter().map(|t| t.key).collect();
    format!(
        "“{}”未涉及：{}。按格式要求应包括{}五方面。",
        TextKey::Overview.title(),
        names.join("、"),
        all.join("、")
    )
}

/// M5, section 五 empty or "无".
pub fn problems_empty() -> String {
    format!(
        "“{}”为空或只写了“无”，应如实写明问题和改进措施。",
        TextKey::Problems.title()
    )
}

/// M5, section 六 silent on the processing fee.
pub fn fee_not_mentioned() -> String {
    format!(
        "“{}”未说明收取信息处理费的情况（未收取也应写明）。",
        TextKey::Other.title()
    )
}

/// T1–T9, a number in the text that differs from the table.
pub fn text_mismatch(quote: &str, said: i64, place: &str, table: i64) -> String {
    format!("正文“{quote}”写的是 {said}，但{place}为 {table}，请核对。")
}

/// T1–T9, several different numbers for the same thing.
pub fn text_uncertain(place: &str, said: &[i64]) -> String {
    let list: Vec<String> = said.iter().map(|n| n.to_string()).collect();
    format!(
        "正文中与{place}相关的数字有多个（{}），无法确定对应关系，请人工核对。",
        list.join("、")
    )
}

/// P1.
pub fn in_force_below_issued(row: &str, in_force: i64, issued: i64) -> String {
    format!("表二“{row}”现行有效件数（{in_force}）小于本年制发件数（{issued}），请核对。")
}

/// P2.
pub fn fee_unpaid_without_text(row: &str, n: i64) -> String {
    format!(
        "表三“{row}”共 {n} 件，说明发出过收费通知，但“{}”未提及信息处理费。",
        TextKey::Other.title()
    )
}

/// P3.
pub const FEE_COLLECTED: &str =
    "第六部分写明收取了信息处理费；表格中没有对应的栏目，请确认表三相关申请的处理情况。";

/// P4.
pub fn suits_after_review(n: i64) -> String {
    format!(
        "表四“{}”总计 {n} 件，而本年{}为 0，可能源自上一年度的复议案件。",
        table4::GROUPS[2].label,
        table4::GROUPS[0].label
    )
}

/// X1.
pub fn carry_over(t: &Template, col: &str, this: i64, prev: i64) -> String {
    format!(
        "表三“{col}”列：本年“{}”为 {this}，上一年度报告“{}”为 {prev}，应相等。",
        t.t3_rows[t.t3_row_of(Role::CarriedOver)].label,
        t.t3_rows[t.t3_row_of(Role::CarriedForward)].label
    )
}

/// A report used as last year's: what was filled from it.
pub fn followed(t: &Template) -> String {
    format!(
        "已作为上一年度报告：本年“{}”已按上年“{}”填入，并与上年数据比对。",
        t.t3_rows[t.t3_row_of(Role::CarriedOver)].label,
        t.t3_rows[t.t3_row_of(Role::CarriedForward)].label
    )
}

/// Next year's draft started from last year's report.
pub fn next_year_started(t: &Template) -> String {
    format!(
        "已开始编制新年度报告：上年文字以黄色底标出，请逐段改写；表三“{}”已按上年填入，其余数字请填写。可“撤销”。",
        t.t3_rows[t.t3_row_of(Role::CarriedOver)].label
    )
}

/// X2.
pub fn stock(row: &str, this: i64, prev: i64, issued: i64, repealed: i64) -> String {
    let expected = prev + issued - repealed;
    format!(
        "表二“{row}”：现行有效件数为 {this}，按上年 {prev} + 本年制发 {issued} − 本年废止 {repealed} 应为 {expected}。"
    )
}

/// X3.
pub fn over_repealed(row: &str, repealed: i64, available: i64) -> String {
    format!("表二“{row}”：本年废止 {repealed} 件，多于上年现行有效与本年制发之和 {available} 件。")
}

/// X, the years do not follow each other.
pub fn years_not_consecutive(this: i32, prev: i32) -> String {
    format!("上一年度报告的年度为 {prev} 年，本报告为 {this} 年，二者不相连。")
}

/// Who and which year a report is, as a summary line says it: "某局 2023年度",
/// or what could not be read.
pub fn identity(report: &crate::model::Report) -> String {
    format!(
        "{} {}",
        report.agency.as_deref().unwrap_or("（未识别机关）"),
        report
            .year
            .map_or("（未识别年度）".to_owned(), |y| format!("{y}年度"))
    )
}
