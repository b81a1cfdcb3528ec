//! The checks a correct report passes (spec §6), as a type: each rule's id,
//! family and plain Chinese name, defined once. The relations R1–R4 are
//! data (`relations.rs`), the claims T2–T7 of the text too (`model::prose`);
//! what each rule does is in `rules/`. A rule added here without a case in
//! `tests/rule_cases.rs` fails that test.

/// A check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// 收支平衡：本年新收 + 上年结转 = 办理结果总计 + 结转下年度.
    R1,
    /// 办理结果合计：（七）总计等于各项办理结果之和.
    R2,
    /// 行合计：总计等于各类申请人之和.
    R3,
    /// 表四合计：总计等于结果维持、纠正、其他、尚未审结之和.
    R4,
    /// 数值不合规：应为不小于 0 的整数.
    D1,
    /// 未填写：没有发生的事项应填 0.
    D2,
    /// 与上年衔接：上年结转 = 上年的结转下年度.
    X1,
    /// 现行有效件数衔接：上年现行有效 + 本年制发 − 本年废止.
    X2,
    /// 废止件数超过可废止的件数.
    X3,
    /// 沿用上年文字：与上一年度报告高度相似.
    X5,
    /// 现行有效件数少于本年制发件数.
    P1,
    /// 有收费通知，正文未说明信息处理费.
    P2,
    /// 正文说收取了信息处理费.
    P3,
    /// 复议后起诉而本年无行政复议.
    P4,
    /// 正文与表格不一致：申请件数.
    T1,
    /// 正文与表格不一致：收到申请件数.
    T2,
    /// 正文与表格不一致：办结件数.
    T3,
    /// 正文与表格不一致：结转下年度件数.
    T4,
    /// 正文与表格不一致：上年结转件数.
    T5,
    /// 正文与表格不一致：行政复议件数.
    T6,
    /// 正文与表格不一致：行政诉讼件数.
    T7,
    /// 正文与表格不一致：行政复议、行政诉讼.
    T8,
    /// 正文与表格不一致：规范性文件件数.
    T9,
    /// 缺少内容：整行或整个部分没有填写.
    M1,
    /// 年份不一致.
    M2,
    /// 晚于公开期限.
    M3,
    /// 总体情况缺少要点.
    M4,
    /// 存在问题或收费情况未写.
    M5,
    /// A parent's report against the sum of its children's (asked for by
    /// the shells, not run by `rules::check`).
    H1,
}

/// Which part of the checks a rule belongs to (and the file in `rules/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// R1–R4: the sums (`arithmetic.rs`).
    Sums,
    /// D1, D2: values and blanks (`arithmetic.rs`).
    Values,
    /// X1–X5: against last year's report (`cross_year.rs`).
    CrossYear,
    /// P1–P4: plausible figures (`plausibility.rs`).
    Plausibility,
    /// T1–T9: the text against the tables (`text.rs`).
    Text,
    /// M1–M5: what the report must say (`metadata.rs`).
    Metadata,
    /// H1: a parent against its children (`hierarchy.rs`).
    Hierarchy,
}

impl Rule {
    /// Every rule, in the order the legend lists them.
    pub const ALL: [Rule; 29] = [
        Rule::R1,
        Rule::R2,
        Rule::R3,
        Rule::R4,
        Rule::D1,
        Rule::D2,
        Rule::X1,
        Rule::X2,
        Rule::X3,
        Rule::X5,
        Rule::P1,
        Rule::P2,
        Rule::P3,
        Rule::P4,
        Rule::T1,
        Rule::T2,
        Rule::T3,
        Rule::T4,
        Rule::T5,
        Rule::T6,
        Rule::T7,
        Rule::T8,
        Rule::T9,
        Rule::M1,
        Rule::M2,
        Rule::M3,
        Rule::M4,
        Rule::M5,
        Rule::H1,
    ];

    /// The spec id: "R1" … "M5", "H1".
    pub fn id(self) -> &'static str {
        self.about().0
    }

    /// The plain Chinese name, for a tooltip and the legend.
    pub fn name(self) -> &'static str {
        self.about().1
    }

    /// The family.
    pub fn family(self) -> Family {
        match self {
            Rule::R1 | Rule::R2 | Rule::R3 | Rule::R4 => Family::Sums,
            Rule::D1 | Rule::D2 => Family::Values,
            Rule::X1 | Rule::X2 | Rule::X3 | Rule::X5 => Family::CrossYear,
            Rule::P1 | Rule::P2 | Rule::P3 | Rule::P4 => Family::Plausibility,
            Rule::T1
            | Rule::T2
            | Rule::T3
            | Rule::T4
            | Rule::T5
            | Rule::T6
            | Rule::T7
            | Rule::T8
            | Rule::T9 => Family::Text,
            Rule::M1 | Rule::M2 | Rule::M3 | Rule::M4 | Rule::M5 => Family::Metadata,
            Rule::H1 => Family::Hierarchy,
        }
    }

    /// The rule of a spec id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    fn about(self) -> (&'static str, &'static str) {
        match self {
            Rule::R1 => (
                "R1",
                "收支平衡：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
            ),
            Rule::R2 => ("R2", "办理结果合计：（七）总计等于各项办理结果之和"),
            Rule::R3 => ("R3", "行合计：总计等于各类申请人之和"),
            Rule::R4 => ("R4", "表四合计：总计等于结果维持、纠正、其他、尚未审结之和"),
            Rule::D1 => ("D1", "数值不合规：应为不小于 0 的整数"),
            Rule::D2 => ("D2", "未填写：没有发生的事项应填 0"),
            Rule::X1 => ("X1", "与上年衔接：上年结转 = 上年的结转下年度"),
            Rule::X2 => ("X2", "现行有效件数衔接：上年现行有效 + 本年制发 − 本年废止"),
            Rule::X3 => ("X3", "废止件数超过可废止的件数"),
            Rule::X5 => ("X5", "沿用上年文字：与上一年度报告高度相似"),
            Rule::P1 => ("P1", "现行有效件数少于本年制发件数"),
            Rule::P2 => ("P2", "有收费通知，正文未说明信息处理费"),
            Rule::P3 => ("P3", "正文说收取了信息处理费"),
            Rule::P4 => ("P4", "复议后起诉而本年无行政复议"),
            Rule::T1 => ("T1", "正文与表格不一致：申请件数"),
            Rule::T2 => ("T2", "正文与表格不一致：收到申请件数"),
            Rule::T3 => ("T3", "正文与表格不一致：办结件数"),
            Rule::T4 => ("T4", "正文与表格不一致：结转下年度件数"),
            Rule::T5 => ("T5", "正文与表格不一致：上年结转件数"),
            Rule::T6 => ("T6", "正文与表格不一致：行政复议件数"),
            Rule::T7 => ("T7", "正文与表格不一致：行政诉讼件数"),
            Rule::T8 => ("T8", "正文与表格不一致：行政复议、行政诉讼"),
            Rule::T9 => ("T9", "正文与表格不一致：规范性文件件数"),
            Rule::M1 => ("M1", "缺少内容：整行或整个部分没有填写"),
            Rule::M2 => ("M2", "年份不一致"),
            Rule::M3 => ("M3", "晚于公开期限"),
            Rule::M4 => ("M4", "总体情况缺少要点"),
            Rule::M5 => ("M5", "存在问题或收费情况未写"),
            Rule::H1 => ("H1", "上下级不一致：上级报告与下级报告的合计不符"),
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule compares with its id, as the JSON and the page spell it.
impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_id_and_comes_back_from_it() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
            assert!(!rule.name().is_empty());
        }
        assert_eq!(Rule::from_id("X4"), None);
        assert_eq!(Rule::T2.family(), Family::Text);
        assert_eq!(Rule::R4.to_string(), "R4");
    }
}
