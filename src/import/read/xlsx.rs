//! An Excel workbook (.xlsx, as Excel, WPS or this app write it; or the
//! older .xls) opened as a report: each sheet becomes a table of a
//! [`Document`], merged cells kept, and the importer reads it by its row
//! labels and sums, as it reads a pasted page. Formula cells give the value
//! the spreadsheet last calculated. Feature `docx`.

use calamine::{Data, Reader, Xls, Xlsx};

use crate::import::document::{Block, Document, Table, TableCell};

/// A cell as the sheet shows it: whole numbers without ".0".
fn shown(cell: &Data) -> String {
    match cell {
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A sheet's cells and its merged regions.
type Sheet = (calamine::Range<Data>, Vec<calamine::Dimensions>);

/// Every sheet of a workbook, .xlsx or the older .xls (`old`), as tables.
/// Err with a Chinese reason.
pub fn read(bytes: &[u8], old: bool) -> Result<Document, String> {
    /// Each sheet's range and merged regions (`merged` is each reader's own method).
    fn sheets<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(
        mut book: R,
        merged: impl Fn(&mut R, &str) -> Vec<calamine::Dimensions>,
    ) -> Vec<Sheet> {
        book.sheet_names()
            .into_iter()
            .filter_map(|name| {
                let range = book.worksheet_range(&name).ok()?;
                Some((range, merged(&mut book, &name)))
            })
            .collect()
    }
    let sheets = if old {
        super::compound::within_budget(bytes)?;
        let book: Xls<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|_| {
                "文件是旧版 Office 格式，但不是可以读取的 Excel（.xls）工作簿。旧版 Word（.doc）文件请先在 Word 或 WPS 中另存为 .docx。".to_owned()
            })?;
        sheets(book, |b, name| {
            b.merge_cells_by_sheet_name(name).unwrap_or_default()
        })
    } else {
        super::budget::workbook(bytes)?;
        let book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|_| "文件不是可以读取的 Excel（.xlsx）工作簿（无法解析）。".to_owned())?;
        sheets(book, |b, name| {
            b.merge_cells_by_sheet_name(name).unwrap_or_default()
        })
    };
    let mut out = Document::default();
    for (range, merged) in sheets {
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut table = Table::default();
        for (r, row) in range.rows().enumerate() {
            let r = r as u32 + top;
            let mut cells = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                let c = c as u32 + left;
                let region = merged.iter().find(|d| {
                    (d.start.0..=d.end.0).contains(&r) && (d.start.1..=d.end.1).contains(&c)
                });
                let (rowspan, colspan) = match region {
                    Some(d) if d.start != (r, c) => continue,
                    Some(d) => (d.end.0 - d.start.0 + 1, d.end.1 - d.start.1 + 1),
                    None => (1, 1),
                };
                cells.push(TableCell {
                    text: shown(cell),
                    rowspan,
                    colspan,
                });
            }
            table.rows.push(cells);
        }
        out.blocks.push(Block::Table(table));
    }
    Ok(out)
}
