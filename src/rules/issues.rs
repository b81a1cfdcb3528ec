//! The 问题清单 a supervising office sends back with a 整改通知 (issue 20):
//! every open finding of every report of a batch, per agency, with the cell,
//! the value, the expected value and the message; and the files that could
//! not be read, with why. As an Excel workbook: a summary sheet, then one
//! sheet per report. Every text is written as a text cell, never a formula,
//! so an agency name like `=HYPERLINK(…)` stays text. The workbook needs
//! the `docx` feature; the page, which has not, sends its batch to the
//! office worker as a [`batch_message`].

#[cfg(feature = "docx")]
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::batch::Checked;
#[cfg(feature = "docx")]
use super::Finding;
#[cfg(feature = "docx")]
use crate::model::number::format_value;
use crate::model::{json, Report};

/// The file name of the downloaded 问题清单, without its extension.
pub const FILENAME: &str = "年报问题清单";

/// A batch as the page sends it to the office worker: the files' names,
/// their reports (as drafts, which keep the date and title the checks read)
/// and the reasons of those that could not be read.
pub fn batch_message(reports: &[(String, Report)], failed: &[String]) -> String {
    serde_json::json!({
        "files": reports.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        "reports": reports.iter().map(|(_, r)| json::to_draft(r)).collect::<Vec<_>>(),
        "failed": failed,
    })
    .to_string()
}

/// A [`batch_message`] read back: the (file, report) pairs and the reasons
/// of the files that could not be read.
pub type Batch = (Vec<(String, Report)>, Vec<String>);

/// Reads a [`batch_message`]; Err with a Chinese reason.
pub fn read_batch_message(message: &str) -> Result<Batch, String> {
    const BROKEN: &str = "问题清单无法生成（批量数据不完整）。";
    let v: serde_json::Value = serde_json::from_str(message).map_err(|_| BROKEN)?;
    let strings = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let reports = strings("reports")
        .iter()
        .map(|draft| json::from_str(draft))
        .collect::<Result<Vec<Report>, _>>()
        .map_err(|_| BROKEN)?;
    Ok((
        strings("files").into_iter().zip(reports).collect(),
        strings("failed"),
    ))
}

/// The 问题清单 of a [`batch_message`]: its reports checked together (as
/// the batch table checks them) and written as the workbook, or as Word.
#[cfg(feature = "docx")]
pub fn of_message(message: &str, word: bool) -> Result<Vec<u8>, String> {
    let (reports, failed) = read_batch_message(message)?;
    let only: Vec<Report> = reports.iter().map(|(_, r)| r.clone()).collect();
    let checked = super::batch::check_all(&only);
    let entries: Vec<Entry> = reports
        .iter()
        .zip(&checked)
        .map(|((file, report), checked)| Entry {
            file,
            report,
            checked,
        })
        .collect();
    if word {
        docx(&entries, &failed)
    } else {
        xlsx(&entries, &failed)
    }
}

/// One report of the batch and its findings.
pub struct Entry<'a> {
    /// The file it was read from.
    pub file: &'a str,
    /// The report.
    pub report: &'a Report,
    /// Its findings, and which are marked 已核实.
    pub checked: &'a Checked,
}

/// The columns of an agency's sheet.
pub const FINDING_COLUMNS: [&str; 8] = [
    "序号",
    "级别",
    "规则",
    "单元格",
    "填报值",
    "应为",
    "问题说明",
    "核实说明",
];
/// The columns of the summary sheet.
pub const SUMMARY_COLUMNS: [&str; 8] = [
    "序号",
    "机关",
    "文件",
    "年度",
    "错误",
    "提醒",
    "提示",
    "已核实",
];

#[cfg(feature = "docx")]
/// A finding's row: severity, rule, the cells it names, the value they
/// hold, the value expected and the message.
fn finding_row(report: &Report, f: &Finding) -> [String; 6] {
    let t = report.template();
    let cell = f.suspect.or(f.cells.first().copied());
    let shown = |n: Option<i64>| match (n, cell) {
        (Some(n), Some(id)) => format_value(n, t.cell(id).kind),
        (Some(n), None) => n.to_string(),
        (None, _) => String::new(),
    };
    let cells: Vec<String> = f.cells.iter().take(4).map(|&id| t.describe(id)).collect();
    let more = if f.cells.len() > 4 { " 等" } else { "" };
    let actual = match (f.actual, cell) {
        (Some(_), _) => shown(f.actual),
        (None, Some(id)) if f.cells.len() == 1 => report.raw(id).to_owned(),
        _ => String::new(),
    };
    [
        f.severity.label().to_owned(),
        f.rule.id().to_owned(),
        format!("{}{more}", cells.join("、")),
        actual,
        shown(f.expected),
        f.message.clone(),
    ]
}

#[cfg(feature = "docx")]
/// The document's title.
const TITLE: &str = "政府信息公开工作年度报告 问题清单";
#[cfg(feature = "docx")]
/// The heading above the files that could not be read.
const UNREADABLE: &str = "未能读取的文件";

#[cfg(feature = "docx")]
impl Entry<'_> {
    fn agency(&self) -> &str {
        self.report.agency.as_deref().unwrap_or("（未识别机关）")
    }

    /// The line above its findings.
    fn heading(&self) -> String {
        format!(
            "{}（文件：{}）：{} 项问题",
            self.agency(),
            self.file,
            self.checked.findings.len()
        )
    }

    /// Its row of the summary, in [`SUMMARY_COLUMNS`] order (`n` from 1).
    fn summary_row(&self, n: usize) -> [String; 8] {
        let (errors, warnings, infos) = self.checked.counts;
        [
            n.to_string(),
            self.agency().to_owned(),
            self.file.to_owned(),
            self.report.year.map(|y| y.to_string()).unwrap_or_default(),
            errors.to_string(),
            warnings.to_string(),
            infos.to_string(),
            self.checked.acknowledged().len().to_string(),
        ]
    }

    /// Its findings' rows, in [`FINDING_COLUMNS`] order.
    fn finding_rows(&self) -> Vec<[String; 8]> {
        let marked = self.checked.findings.iter().zip(&self.checked.marks);
        marked
            .enumerate()
            .map(|(i, (f, mark))| {
                let [severity, rule, cells, actual, expected, message] =
                    finding_row(self.report, f);
                [
                    (i + 1).to_string(),
                    severity,
                    rule,
                    cells,
                    actual,
                    expected,
                    message,
                    mark.said(),
                ]
            })
            .collect()
    }
}

#[cfg(feature = "docx")]
/// A sheet name Excel accepts, unique in the book: the agency (or file)
/// without `[]:*?/\`, at most 31 characters with a number when repeated.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .collect();
    let clean = if clean.trim().is_empty() {
        "报告".to_owned()
    } else {
        clean
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("（{n}）")
        };
        let room = 31 - suffix.chars().count();
        let name: String = clean.chars().take(room).collect::<String>() + &suffix;
        if !used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
            used.push(name.clone());
            return name;
        }
        n += 1;
    }
}

#[cfg(feature = "docx")]
/// Writes `rows` from sheet row `top`, the header row in bold; columns
/// `numeric` as numbers (Excel sums them), the rest as text, never a formula.
fn write_rows(
    sheet: &mut Worksheet,
    top: u32,
    header: &[&str],
    rows: &[[String; 8]],
    numeric: &[usize],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *name, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let at = top + 1 + r as u32;
        for (c, text) in row.iter().enumerate() {
            match text.parse::<f64>() {
                Ok(n) if numeric.contains(&c) => sheet.write_number(at, c as u16, n)?,
                _ => sheet.write_string(at, c as u16, text)?,
            };
        }
    }
    Ok(())
}

#[cfg(feature = "docx")]
/// The workbook: a summary sheet (each report's counts, then the files
/// that could not be read with why), then a sheet per report listing its
/// findings. Err with a Chinese reason when it cannot be written.
pub fn xlsx(entries: &[Entry], unreadable: &[String]) -> Result<Vec<u8>, String> {
    write_book(entries, unreadable).map_err(|e| format!("问题清单无法生成（{e}）。"))
}

#[cfg(feature = "docx")]
fn write_book(entries: &[Entry], unreadable: &[String]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let mut used = vec!["汇总".to_owned()];
    let summary = book.add_worksheet().set_name("汇总")?;
    summary.write_string(0, 0, TITLE)?;
    let rows: Vec<[String; 8]> = (1..).zip(entries).map(|(n, e)| e.summary_row(n)).collect();
    write_rows(summary, 1, &SUMMARY_COLUMNS, &rows, &[0, 4, 5, 6, 7], &bold)?;
    let mut row = entries.len() as u32 + 3;
    if !unreadable.is_empty() {
        summary.write_string_with_format(row, 0, UNREADABLE, &bold)?;
        for why in unreadable {
            row += 1;
            summary.write_string(row, 0, why)?;
        }
    }
    summary.set_column_width(1, 28)?;
    summary.set_column_width(2, 24)?;
    for e in entries {
        let file_name = e.file.rsplit(['/', '\\']).next().unwrap_or(e.file);
        let wanted = e.report.agency.as_deref().unwrap_or(file_name);
        let sheet = book
            .add_worksheet()
            .set_name(sheet_name(wanted, &mut used))?;
        sheet.write_string(0, 0, e.heading())?;
        write_rows(sheet, 1, &FINDING_COLUMNS, &e.finding_rows(), &[0], &bold)?;
        sheet.set_column_width(3, 40)?;
        sheet.set_column_width(6, 80)?;
        sheet.set_column_width(7, 40)?;
    }
    book.save_to_buffer()
}

#[cfg(feature = "docx")]
/// The same 问题清单 as a Word document (landscape A4): the title, the
/// summary table, the files that could not be read, then each report's
/// heading and its findings' table.
pub fn docx(entries: &[Entry], unreadable: &[String]) -> Result<Vec<u8>, String> {
    use docx_rs::{
        Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableLayoutType, TableRow,
        WidthType,
    };
    // Text as XML 1.0 allows it (a reason or agency may carry control characters).
    let text = |t: &str| -> String {
        t.chars()
            .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .filter(|&c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
            .collect()
    };
    let run = |t: &str, size: usize, bold: bool| {
        let r = Run::new()
            .add_text(text(t))
            .fonts(RunFonts::new().east_asia("宋体"))
            .size(size);
        if bold {
            r.bold()
        } else {
            r
        }
    };
    // Column widths (twips) within the landscape page's 14,570.
    const SUMMARY_WIDTHS: [usize; 8] = [700, 4200, 4270, 1000, 1100, 1100, 1100, 1100];
    const FINDING_WIDTHS: [usize; 8] = [700, 800, 700, 3300, 1000, 1000, 5070, 2000];
    let table = |header: &[&str], rows: &[[String; 8]], widths: [usize; 8]| {
        let row = |cells: Vec<String>, bold: bool| {
            TableRow::new(
                cells
                    .iter()
                    .zip(widths)
                    .map(|(c, w)| {
                        TableCell::new()
                            .width(w, WidthType::Dxa)
                            .add_paragraph(Paragraph::new().add_run(run(c, 18, bold)))
                    })
                    .collect(),
            )
        };
        let mut out = vec![row(header.iter().map(|h| (*h).to_owned()).collect(), true)];
        out.extend(rows.iter().map(|r| row(r.to_vec(), false)));
        Table::new(out)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
    };
    // A4 landscape, in twips.
    let mut doc = Docx::new()
        .page_size(16838, 11906)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .add_paragraph(Paragraph::new().add_run(run(TITLE, 32, true)));
    let rows: Vec<[String; 8]> = (1..).zip(entries).map(|(n, e)| e.summary_row(n)).collect();
    doc = doc.add_table(table(&SUMMARY_COLUMNS, &rows, SUMMARY_WIDTHS));
    if !unreadable.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(UNREADABLE, 24, true)));
        for why in unreadable {
            doc = doc.add_paragraph(Paragraph::new().add_run(run(why, 21, false)));
        }
    }
    for e in entries {
        doc = doc
            .add_paragraph(Paragraph::new().add_run(run(&e.heading(), 24, true)))
            .add_table(table(&FINDING_COLUMNS, &e.finding_rows(), FINDING_WIDTHS));
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| format!("问题清单无法生成（{e}）。"))?;
    Ok(bytes.into_inner())
}

#[cfg(all(test, feature = "docx"))]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts_and_unique() {
        let mut used = vec!["汇总".to_owned()];
        assert_eq!(
            sheet_name("某县[人民]政府/办公室", &mut used),
            "某县人民政府办公室"
        );
        assert_eq!(
            sheet_name("某县人民政府办公室", &mut used),
            "某县人民政府办公室（2）"
        );
        assert_eq!(sheet_name("汇总", &mut used), "汇总（2）");
        let long = "很".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
        assert_eq!(sheet_name("", &mut used), "报告");
    }

    /// The page's batch reaches the worker whole: every report as it was
    /// (the date and title the checks read included), and the reasons.
    #[test]
    fn a_batch_message_carries_the_reports_whole() {
        let reports: Vec<(String, Report)> = ["甲局", "乙局"]
            .iter()
            .map(|a| {
                let mut r = Report::default();
                r.agency = Some((*a).to_owned());
                r.year = Some(2023);
                r.meta.date = "2023年1月5日".to_owned();
                let t = r.template();
                r.set_raw(t.by_path("t4.review.upheld").expect("a cell"), "１２");
                (format!("{a}.json"), r)
            })
            .collect();
        let failed = vec!["坏.docx：文件已损坏。".to_owned()];
        let message = batch_message(&reports, &failed);
        assert_eq!(read_batch_message(&message), Ok((reports, failed)));
        assert!(of_message(&message, false).is_ok());
        assert!(of_message(&message, true).is_ok());
        assert!(read_batch_message("{").is_err());
    }
}
