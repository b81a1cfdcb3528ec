//! H1, the parent-vs-children check (issue 20): a county's or city's own
//! report states the figures of its whole area, the sum of its departments'
//! and towns' reports. Each cell where the parent's tables differ from the
//! children's sum is one finding, naming the cell, the parent's value, the
//! children's sum and the difference. A parent that reports its own 本级
//! only is not checked (the shells let the user switch the check off).

use super::{Finding, Rule, Severity};
use crate::model::number::format_value;
use crate::model::sum::sum;
use crate::model::Report;

/// The rule's id.
pub const RULE: Rule = Rule::H1;

/// The parent's cells against the sum of `children`: the children of its
/// year and format that were compared (indices into `children`; the others
/// are left out as the 汇总 leaves them out), and a finding per differing
/// cell. A cell the parent left empty while the children's sum is not 0 is
/// a finding too; a cell no child gave, or that the parent left empty where
/// the children's sum is 0, is not (the parent's own check names its
/// blanks, D2).
pub fn parent_vs_children(parent: &Report, children: &[&Report]) -> (Vec<usize>, Vec<Finding>) {
    let compared: Vec<usize> = (0..children.len())
        .filter(|&i| {
            children
                .get(i)
                .is_some_and(|c| c.year == parent.year && c.format == parent.format)
        })
        .collect();
    let owned: Vec<Report> = compared
        .iter()
        .filter_map(|&i| children.get(i).map(|&c| c.clone()))
        .collect();
    let summed = sum(&owned, &vec![true; owned.len()]).report;
    let t = parent.template();
    let mut out = Vec::new();
    for id in t.ids() {
        let Some(children) = summed.number(id) else {
            continue;
        };
        let parent_value = parent.number(id);
        if parent_value.unwrap_or(0) == children {
            continue;
        }
        let kind = t.cell(id).kind;
        let shown = |n: i64| format_value(n, kind);
        let message = match parent_value {
            Some(p) => format!(
                "{}：本级报告为 {}，{} 份下级报告合计为 {}，差 {}。",
                t.describe(id),
                shown(p),
                owned.len(),
                shown(children),
                shown(p.saturating_sub(children).saturating_abs())
            ),
            None => format!(
                "{}：本级报告未填，{} 份下级报告合计为 {}。",
                t.describe(id),
                owned.len(),
                shown(children)
            ),
        };
        let mut finding = Finding::new(RULE, Severity::Warning, message);
        finding.cells = vec![id];
        finding.expected = Some(children);
        finding.actual = parent_value;
        out.push(finding);
    }
    (compared, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(agency: &str, cells: &[(&str, &str)]) -> Report {
        let mut r = Report::default();
        r.agency = Some(agency.to_owned());
        r.year = Some(2023);
        let t = r.template();
        for (path, raw) in cells {
            r.set_raw(t.by_path(path).expect("a cell"), *raw);
        }
        r
    }

    #[test]
    fn a_parent_equal_to_its_childrens_sum_but_one_cell_gives_one_finding_there() {
        let a = report(
            "甲镇",
            &[
                ("t4.review.upheld", "2"),
                ("t2.admin_fee.amount_wan", "0.1"),
            ],
        );
        let b = report(
            "乙镇",
            &[
                ("t4.review.upheld", "3"),
                ("t2.admin_fee.amount_wan", "0.2"),
            ],
        );
        let mut parent = report(
            "某县",
            &[
                ("t4.review.upheld", "5"),
                ("t2.admin_fee.amount_wan", "0.3"),
            ],
        );
        let mut other_year = a.clone();
        other_year.year = Some(2022);
        assert_eq!(
            parent_vs_children(&parent, &[&a, &other_year, &b]),
            (vec![0, 2], vec![])
        );
        let t = parent.template();
        let upheld = t.by_path("t4.review.upheld").expect("a cell");
        parent.set_raw(upheld, "7");
        let (_, found) = parent_vs_children(&parent, &[&a, &b]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].cells, [upheld]);
        assert_eq!((found[0].actual, found[0].expected), (Some(7), Some(5)));
        assert_eq!(
            found[0].message,
            "表四“行政复议·结果维持”：本级报告为 7，2 份下级报告合计为 5，差 2。"
        );
        let fee = t.by_path("t2.admin_fee.amount_wan").expect("a cell");
        parent.set_raw(upheld, "5");
        parent.set_raw(fee, "");
        let (_, found) = parent_vs_children(&parent, &[&a, &b]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .ends_with("本级报告未填，2 份下级报告合计为 0.3。"),
            "{}",
            found[0].message
        );
    }
}
