//! Checking many reports at once (a supervising office's view): each report
//! checked, and where the same agency's report of the year before is among
//! them, the cross-year checks X1–X3 run along the chain.

use std::collections::HashMap;

use super::ack::{mark, Mark};
use super::{check, message, tally, Finding, Rule, Severity};
use crate::model::Report;

/// The columns of a batch summary (CLI table, CSV, the app's table).
pub const COLUMNS: [&str; 10] = [
    "文件",
    "机关",
    "年度",
    "格式",
    "读取",
    "错误",
    "提醒",
    "提示",
    "比对上年",
    "已核实",
];

/// One row of a batch summary, in [`COLUMNS`] order.
pub type SummaryRow = [String; COLUMNS.len()];

/// One summary row, in [`COLUMNS`] order: file name, agency, year, format,
/// cells read of all, the three counts of open findings ("—" for a report
/// that could not be read: it is not charged with anything), last year's
/// file name, and the findings marked 已核实 with their reasons.
pub fn summary_row(
    file: &str,
    report: &Report,
    checked: &Checked,
    previous_file: &str,
) -> SummaryRow {
    let (e, w, i) = checked.counts;
    let count = |n: usize| {
        if checked.readable() {
            n.to_string()
        } else {
            "—".to_owned()
        }
    };
    let read = if checked.readable() {
        format!("{}/{}", checked.cells_read, checked.cells)
    } else {
        format!("未能读取（0/{}）", checked.cells)
    };
    [
        file.to_owned(),
        report.agency.clone().unwrap_or_default(),
        report.year.map(|y| y.to_string()).unwrap_or_default(),
        report.format.as_str().to_owned(),
        read,
        count(e),
        count(w),
        count(i),
        previous_file.to_owned(),
        checked.acknowledged().join("；"),
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
/// let rows = [["=HYPERLINK(\"http://x\")", "某局, 二", "2023", "2021", "5/200", "0", "1", "0", "", ""].map(String::from)];
/// let text = csv(&rows);
/// assert!(text.starts_with("\u{feff}文件,机关,"));
/// assert!(text.ends_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"某局, 二\",2023,2021,5/200,0,1,0,,\r\n"));
/// ```
pub fn csv(rows: &[SummaryRow]) -> String {
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
    /// Each finding's standing (已核实 or open), same order.
    pub marks: Vec<Mark>,
    /// Index of the report used as last year's, if any.
    pub previous: Option<usize>,
    /// (errors, warnings, infos) still open (not marked 已核实).
    pub counts: (usize, usize, usize),
    /// Cells that hold anything.
    pub cells_read: usize,
    /// Cells of its format.
    pub cells: usize,
}

impl Checked {
    /// Checks one report, against last year's when given (`previous` is for
    /// the caller to set: an index in its batch).
    /// A report of which no cell could be read is not checked: blanks and
    /// empty sections there say nothing about the report, only about the
    /// reading; it gets one note saying so.
    pub fn new(report: &Report, last_year: Option<&Report>) -> Checked {
        let cells = report.template().cells.len();
        let cells_read = report.filled_cells();
        if cells_read == 0 {
            let note = Finding::new(Rule::M1, Severity::Info, message::unreadable(cells));
            return Checked {
                findings: vec![note],
                marks: vec![Mark::Open],
                previous: None,
                counts: (0, 0, 0),
                cells_read,
                cells,
            };
        }
        let findings = check(report, last_year);
        let marks: Vec<Mark> = findings.iter().map(|f| mark(report, f)).collect();
        let open = findings.iter().zip(&marks).filter(|(_, m)| m.is_open());
        let counts = tally(open.map(|(f, _)| f));
        Checked {
            findings,
            marks,
            previous: None,
            counts,
            cells_read,
            cells,
        }
    }

    /// The findings marked 已核实, as "P3 已核实：why".
    pub fn acknowledged(&self) -> Vec<String> {
        self.findings
            .iter()
            .zip(&self.marks)
            .filter(|(_, m)| !m.is_open())
            .map(|(f, m)| format!("{} {}", f.rule, m.said()))
            .collect()
    }

    /// Each finding as a list shows it: `[提醒] P3 message`, and what its
    /// mark says (已核实 with why, or a lapsed mark).
    pub fn lines(&self) -> Vec<String> {
        self.findings
            .iter()
            .zip(&self.marks)
            .map(|(f, m)| {
                let said = m.said();
                let tail = if said.is_empty() {
                    String::new()
                } else {
                    format!("（{said}）")
                };
                format!("{}{tail}", f.line())
            })
            .collect()
    }

    /// Whether any cell was read (else the report is shown as 未能读取).
    pub fn readable(&self) -> bool {
        self.cells_read > 0
    }
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
/// a.set_raw(a.template().by_path("t4.review.total").unwrap(), "0");
/// let mut b = a.clone();
/// b.year = Some(2024);
/// let checked = check_all(&[b, a]);
/// assert_eq!(checked[0].previous, Some(1));
/// assert_eq!(checked[1].previous, None);
/// ```
pub fn check_all(reports: &[Report]) -> Vec<Checked> {
    let mut by_year: HashMap<(String, i32), usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if r.filled_cells() == 0 {
            continue;
        }
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
            let mut checked = Checked::new(r, previous.map(|p| &reports[p]));
            checked.previous = previous.filter(|_| checked.readable());
            checked
        })
        .collect()
}
