//! Checking many reports at once (a supervising office's view): each report
//! checked, and where the same agency's report of the year before is among
//! them, the cross-year checks X1–X3 run along the chain.

use std::collections::HashMap;

use super::{check, tally, Finding};
use crate::model::Report;

/// The columns of a batch summary (CLI table, CSV, the app's table).
pub const COLUMNS: [&str; 8] = [
    "文件",
    "机关",
    "年度",
    "格式",
    "错误",
    "提醒",
    "提示",
    "比对上年",
];

/// One summary row, in [`COLUMNS`] order: file name, agency, year, format,
/// the three counts, and last year's file name (empty when none).
pub fn summary_row(
    file: &str,
    report: &Report,
    checked: &Checked,
    previous_file: &str,
) -> [String; 8] {
    let (e, w, i) = checked.counts;
    [
        file.to_owned(),
        report.agency.clone().unwrap_or_default(),
        report.year.map(|y| y.to_string()).unwrap_or_default(),
        report.format.as_str().to_owned(),
        e.to_string(),
        w.to_string(),
        i.to_string(),
        previous_file.to_owned(),
    ]
}

/// The summary as CSV for Excel: a byte-order mark (so that Excel on a
/// Chinese Windows PC reads UTF-8), the header of [`COLUMNS`], then the
/// rows, quoted as RFC 4180 asks. A cell that a spreadsheet would take for a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return;
/// an agency name is whatever a report says) is prefixed with `'` so that it
/// stays text (OWASP, CSV injection).
///
/// ```
/// use nianbao::rules::batch::csv;
/// let rows = [["=HYPERLINK(\"http://x\")", "某局, 二", "2023", "2021", "0", "1", "0", ""].map(String::from)];
/// let text = csv(&rows);
/// assert!(text.starts_with("\u{feff}文件,机关,"));
/// assert!(text.ends_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"某局, 二\",2023,2021,0,1,0,\r\n"));
/// ```
pub fn csv(rows: &[[String; 8]]) -> String {
    let mut out = String::from("\u{feff}");
    let header = COLUMNS.map(str::to_owned);
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// One report's result in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Findings, errors first.
    pub findings: Vec<Finding>,
    /// Index of the report used as last year's, if any.
    pub previous: Option<usize>,
    /// (errors, warnings, infos).
    pub counts: (usize, usize, usize),
}

/// The agency as a chain key: whitespace and the usual suffix noise removed.
fn agency_key(report: &Report) -> Option<String> {
    let name: String = report.agency.as_deref()?.split_whitespace().collect();
    (!name.is_empty()).then_some(name)
}

/// Checks every report; pairs each with the same agency's report of year − 1.
///
/// ```
/// use nianbao::{model::Report, rules::batch::check_all};
/// let mut a = Report::default();
/// a.agency = Some("某局".into());
/// a.year = Some(2023);
/// let mut b = a.clone();
/// b.year = Some(2024);
/// let checked = check_all(&[b, a]);
/// assert_eq!(checked[0].previous, Some(1));
/// assert_eq!(checked[1].previous, None);
/// ```
pub fn check_all(reports: &[Report]) -> Vec<Checked> {
    let mut by_year: HashMap<(String, i32), usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let (Some(agency), Some(year)) = (agency_key(r), r.year) {
            by_year.entry((agency, year)).or_insert(i);
        }
    }
    reports
        .iter()
        .map(|r| {
            let previous = agency_key(r)
                .zip(r.year)
                .and_then(|(agency, year)| by_year.get(&(agency, year - 1)).copied());
            let findings = check(r, previous.map(|p| &reports[p]));
            let counts = tally(&findings);
            Checked {
                findings,
                previous,
                counts,
            }
        })
        .collect()
}
