//! 汇总: many reports of one year summed cell by cell into one, as a city
//! or county states the figures of its departments and towns (issue 20).
//! Reports of another year or format, unreadable ones and a second report of
//! the same agency are left out, each with its reason; a cell that some
//! summed reports left empty is not taken as 0 silently: the sum says which
//! reports lacked it. Amounts in 万元 are fixed-point, so they sum exactly.

use super::number::format_value;
use super::Report;
use crate::template::{CellId, Format};

/// Why a report was not summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// Nothing could be read from it.
    Unreadable,
    /// A report on another year (or on no year it states).
    OtherYear(Option<i32>),
    /// A report in the other format (its cells do not match the summed
    /// format's, `ours`).
    OtherFormat {
        /// The report's format.
        theirs: Format,
        /// The format summed.
        ours: Format,
    },
    /// A second report of an agency already summed.
    Duplicate {
        /// The index of the report of that agency that was summed.
        first: usize,
    },
}

impl LeftOut {
    /// The reason, in Chinese.
    pub fn reason(&self, year: Option<i32>, names: &[String]) -> String {
        let year = year.map_or("未知".to_owned(), |y| y.to_string());
        match self {
            LeftOut::Unreadable => "未能读取或没有读到统计表的数字，未汇总".to_owned(),
            LeftOut::OtherYear(Some(y)) => format!("为 {y} 年度报告，本次汇总 {year} 年度"),
            LeftOut::OtherYear(None) => format!("报告年度不明，本次汇总 {year} 年度"),
            LeftOut::OtherFormat { theirs, ours } => {
                // The cells the summed format has and the report's has not.
                let ours = crate::template::Template::get(*ours);
                let lacking = ours.lacking_in(crate::template::Template::get(*theirs));
                let named: Vec<String> = lacking
                    .iter()
                    .take(2)
                    .map(|&id| ours.describe(id))
                    .collect();
                format!(
                    "使用{}，与本次汇总的格式不同，单元格无法逐一对应（该格式没有本次汇总格式的 {} 个单元格，如{}等），未汇总",
                    theirs.notice(),
                    lacking.len(),
                    named.join("、")
                )
            }
            LeftOut::Duplicate { first } => format!(
                "与“{}”是同一机关的报告，只汇总一份",
                names.get(*first).map_or("", String::as_str)
            ),
        }
    }
}

/// The sum of many reports, and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summed {
    /// The summed report: tables only, of the year and format summed.
    pub report: Report,
    /// The reports summed (indices into the input).
    pub included: Vec<usize>,
    /// The reports left out, with why.
    pub left_out: Vec<(usize, LeftOut)>,
    /// Cells some summed reports left empty (or not a number), with those
    /// reports: the sum holds what the others gave, to be confirmed.
    pub lacking: Vec<(CellId, Vec<usize>)>,
}

impl Summed {
    /// What the 汇总 did, in one paragraph: how many reports of which year,
    /// those left out with why, and how many cells some reports left empty
    /// (`names` are the reports' file names).
    pub fn said(&self, names: &[String]) -> String {
        let year = self.report.year;
        let mut out = format!(
            "已汇总 {} 份报告（{}年度）到表单，可“撤销”。",
            self.included.len(),
            year.map_or("年度未知".to_owned(), |y| y.to_string())
        );
        if !self.left_out.is_empty() {
            let each: Vec<String> = self
                .left_out
                .iter()
                .map(|(i, why)| {
                    let name = names.get(*i).map_or("", String::as_str);
                    format!("“{name}”{}", why.reason(year, names))
                })
                .collect();
            out.push_str(&format!("未汇总 {} 份：{}。", each.len(), each.join("；")));
        }
        if !self.lacking.is_empty() {
            out.push_str(&format!(
                "有 {} 个单元格部分报告未填，汇总值只含已填的报告，已用虚线框标出，请核对。",
                self.lacking.len()
            ));
        }
        out
    }
}

/// Sums the readable reports of the year and format most of them share
/// (ties: the later year, then the 2021 format). `readable[i]` says whether
/// anything was read from report `i`.
pub fn sum(reports: &[Report], readable: &[bool]) -> Summed {
    let readable_at = |i: usize| readable.get(i).copied().unwrap_or(true);
    // How many readable reports share each (year, 2021 format).
    let mut shared = std::collections::BTreeMap::new();
    for (_, r) in reports.iter().enumerate().filter(|&(i, _)| readable_at(i)) {
        *shared
            .entry((r.year, r.format == Format::Y2021))
            .or_insert(0usize) += 1;
    }
    let (year, format) = shared
        .into_iter()
        .max_by_key(|&(key, n)| (n, key))
        .map_or((None, Format::Y2021), |((y, new), _)| {
            (y, if new { Format::Y2021 } else { Format::Y2019 })
        });
    let mut included = Vec::new();
    let mut left_out = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let agency = r.agency.as_deref().map(str::trim).filter(|a| !a.is_empty());
        let first = agency.and_then(|a| {
            included
                .iter()
                .copied()
                .find(|&j: &usize| reports[j].agency.as_deref().map(str::trim) == Some(a))
        });
        let why = if !readable_at(i) {
            Some(LeftOut::Unreadable)
        } else if r.year != year {
            Some(LeftOut::OtherYear(r.year))
        } else if r.format != format {
            Some(LeftOut::OtherFormat {
                theirs: r.format,
                ours: format,
            })
        } else {
            first.map(|first| LeftOut::Duplicate { first })
        };
        match why {
            Some(why) => left_out.push((i, why)),
            None => included.push(i),
        }
    }
    let mut report = Report::new(format);
    report.year = year;
    let t = report.template();
    let mut lacking = Vec::new();
    for id in t.ids() {
        let kind = t.cell(id).kind;
        let mut total: Option<i64> = None;
        let mut without = Vec::new();
        for &i in &included {
            match reports[i].number(id) {
                Some(n) => total = Some(total.unwrap_or(0).saturating_add(n)),
                None => without.push(i),
            }
        }
        if let Some(n) = total {
            report.set_raw(id, format_value(n, kind));
            if !without.is_empty() {
                lacking.push((id, without));
            }
        }
    }
    Summed {
        report,
        included,
        left_out,
        lacking,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(agency: &str, year: i32, cells: &[(&str, &str)]) -> Report {
        let mut r = Report {
            agency: Some(agency.to_owned()),
            year: Some(year),
            ..Report::default()
        };
        let t = r.template();
        for (path, raw) in cells {
            r.set_raw(t.by_path(path).expect("a cell"), *raw);
        }
        r
    }

    #[test]
    fn sums_cell_by_cell_says_what_was_left_out_and_what_was_lacking() {
        let fee = "t2.admin_fee.amount_wan";
        let reports = vec![
            report("甲局", 2023, &[("t4.review.upheld", "1"), (fee, "0.1")]),
            report("乙局", 2023, &[("t4.review.upheld", "2"), (fee, "0.2")]),
            report("丙局", 2022, &[("t4.review.upheld", "5")]),
            report("甲局", 2023, &[("t4.review.upheld", "7")]),
            report("丁局", 2023, &[("t4.review.upheld", "3")]),
            Report::default(),
            Report {
                agency: Some("戊局".to_owned()),
                year: Some(2023),
                ..Report::new(Format::Y2019)
            },
        ];
        let summed = sum(&reports, &[true, true, true, true, true, false, true]);
        let t = summed.report.template();
        let cell = |p: &str| summed.report.raw(t.by_path(p).expect("a cell")).to_owned();
        assert_eq!(summed.included, [0, 1, 4]);
        assert_eq!(cell("t4.review.upheld"), "6");
        // 0.1 + 0.2 万元 is 0.3, exactly.
        assert_eq!(cell(fee), "0.3");
        assert_eq!(cell("t4.review.corrected"), "");
        assert_eq!(summed.report.year, Some(2023));
        let names: Vec<String> = ["甲局", "乙局", "丙局", "甲局2", "丁局", "空", "戊局"]
            .map(str::to_owned)
            .to_vec();
        let reasons: Vec<(usize, String)> = summed
            .left_out
            .iter()
            .map(|(i, why)| (*i, why.reason(summed.report.year, &names)))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "为 2022 年度报告，本次汇总 2023 年度".to_owned()),
                (3, "与“甲局”是同一机关的报告，只汇总一份".to_owned()),
                (5, "未能读取或没有读到统计表的数字，未汇总".to_owned()),
                (6, reasons[3].1.clone()),
            ]
        );
        // The 2019 report: the cells its format lacks, counted and named.
        assert!(
            reasons[3]
                .1
                .starts_with("使用国办公开办函〔2019〕60号（试行），与本次汇总的格式不同"),
            "{}",
            reasons[3].1
        );
        assert!(
            reasons[3].1.contains("该格式没有本次汇总格式的"),
            "{}",
            reasons[3].1
        );
        let said = summed.said(&names);
        assert!(
            said.starts_with("已汇总 3 份报告（2023年度）到表单"),
            "{said}"
        );
        assert!(
            said.contains("未汇总 4 份：“丙局”为 2022 年度报告"),
            "{said}"
        );
        assert!(said.contains("有 1 个单元格部分报告未填"), "{said}");
        // 丁局 gave no fee: the fee is the others' sum, and 丁局 is named.
        assert_eq!(summed.lacking, [(t.by_path(fee).expect("a cell"), vec![4])]);
    }
}
