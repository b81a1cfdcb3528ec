//! The three tables as an Excel workbook (.xlsx) staff fill in Excel or WPS:
//! one sheet per table in the official layout with its merged cells, and a
//! live `SUM`-style formula in every total (R2–R4 of the template), carrying
//! the report's value until the spreadsheet recalculates. Feature `docx`.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

use super::cell_text;
use crate::model::{Report, Value};
use crate::template::layout::{grid, GridCell, Slot};
use crate::template::{CellId, SectionKind, TableId, SECTIONS};

/// The column letters of a 0-based column (A … Z, AA …).
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The workbook's bytes; Err with a Chinese reason when it cannot be written.
pub fn document(report: &Report) -> Result<Vec<u8>, String> {
    let write = || -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        for section in &SECTIONS {
            if let SectionKind::Table(table) = section.kind {
                // Sheet names: 表二 … (the section title is the first row).
                let sheet = book.add_worksheet().set_name(table.name())?;
                write_table(sheet, report, table, section.title)?;
            }
        }
        book.save_to_buffer()
    };
    write().map_err(|e| format!("Excel 文件无法生成（{e}）。"))
}

fn write_table(
    sheet: &mut Worksheet,
    report: &Report,
    table: TableId,
    title: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let t = report.template();
    let boxed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let label = boxed.clone().set_align(FormatAlign::Left);
    let rows = grid(t, table);
    sheet.write_string(0, 0, title)?;
    // Where each value cell lands: (row, column) of the sheet.
    let mut at: std::collections::HashMap<CellId, (u32, u16)> = Default::default();
    let top = 2usize;
    let mut widths = 0usize;
    for (r, c, cell) in placed(&rows) {
        {
            let (rs, cs) = (usize::from(cell.rowspan), usize::from(cell.colspan));
            let (row0, col0) = ((top + r) as u32, c as u16);
            let (row1, col1) = ((top + r + rs - 1) as u32, (c + cs - 1) as u16);
            match cell.slot {
                Slot::Label(text) => {
                    let fmt = if cell.header { &boxed } else { &label };
                    if rs > 1 || cs > 1 {
                        sheet.merge_range(row0, col0, row1, col1, text, fmt)?;
                    } else {
                        sheet.write_string_with_format(row0, col0, text, fmt)?;
                    }
                }
                Slot::Value(id) => {
                    if cs > 1 {
                        sheet.merge_range(row0, col0, row1, col1, "", &boxed)?;
                    }
                    at.insert(id, (row0, col0));
                    match report.value(id) {
                        Value::Number(_) => {
                            let text = cell_text(report, id);
                            let n: f64 = text.parse().unwrap_or_default();
                            sheet.write_number_with_format(row0, col0, n, &boxed)?;
                        }
                        Value::Empty => {
                            sheet.write_blank(row0, col0, &boxed)?;
                        }
                        _ => {
                            sheet.write_string_with_format(row0, col0, report.raw(id), &boxed)?;
                        }
                    }
                }
            }
            widths = widths.max(c + cs);
        }
    }
    // Every total: the sum of its parts, live (the totals 自动合计 fills).
    for (total, parts) in t.totals() {
        let Some(&(row, col)) = at.get(&total) else {
            continue;
        };
        let parts: Option<Vec<String>> = parts
            .iter()
            .map(|p| {
                at.get(p)
                    .map(|&(r, c)| format!("{}{}", column_name(c.into()), r + 1))
            })
            .collect();
        let Some(parts) = parts else { continue };
        let mut formula = Formula::new(format!("={}", parts.join("+")));
        if report.number(total).is_some() {
            formula = formula.set_result(cell_text(report, total));
        }
        sheet.write_formula_with_format(row, col, formula, &boxed)?;
    }
    for c in 0..widths {
        sheet.set_column_width(c as u16, column_width(table, c))?;
    }
    // Long labels wrap: each row as high as its longest label's lines.
    for (r, lines) in label_lines(&rows, table).into_iter().enumerate() {
        if lines > 1 {
            sheet.set_row_height((top + r) as u32, ROW_HEIGHT * lines as f64)?;
        }
    }
    // Printed as the official form is: A4 landscape, one page wide, the
    // column headers on every page.
    let header_rows = rows
        .iter()
        .take_while(|row| row.iter().all(|cell| cell.header))
        .count();
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    if header_rows > 0 {
        sheet.set_repeat_rows(top as u32, (top + header_rows - 1) as u32)?;
    }
    Ok(())
}

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// The height of one line of text, in points.
const ROW_HEIGHT: f64 = 15.0;

/// Label columns wide enough for their words, value columns for a number
/// (in Excel's units, about one digit or half a Chinese character each).
fn column_width(table: TableId, c: usize) -> f64 {
    let label_cols = match table {
        TableId::T2 => 1,
        TableId::T3 => 3,
        TableId::T4 => 0,
    };
    match (table, c) {
        (TableId::T3, 0) => 6.0,
        (TableId::T3, 1) => 10.0,
        (_, c) if c < label_cols => 34.0,
        _ => 10.0,
    }
}

/// The lines each grid row needs for its labels, wrapped in their columns
/// (a Chinese character is two units wide, others one).
fn label_lines(rows: &[Vec<GridCell>], table: TableId) -> Vec<usize> {
    let mut lines = vec![1usize; rows.len()];
    for (r, c, cell) in placed(rows) {
        if let Slot::Label(text) = cell.slot {
            let (rs, cs) = (usize::from(cell.rowspan), usize::from(cell.colspan));
            let width: f64 = (c..c + cs).map(|c| column_width(table, c)).sum::<f64>() - 1.0;
            let units: usize = text
                .chars()
                .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                .sum();
            let need = (units as f64 / width.max(1.0)).ceil() as usize;
            if let Some(l) = lines.get_mut(r) {
                *l = (*l).max(need.div_ceil(rs.max(1)));
            }
        }
    }
    lines
}

/// Each grid cell with the (row, column) it starts at, columns taken by
/// the row and column spans above skipped.
fn placed(rows: &[Vec<GridCell>]) -> Vec<(usize, usize, &GridCell)> {
    let mut out = Vec::new();
    let mut taken: std::collections::HashSet<(usize, usize)> = Default::default();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0usize;
        for cell in row {
            while taken.contains(&(r, c)) {
                c += 1;
            }
            let (rs, cs) = (usize::from(cell.rowspan), usize::from(cell.colspan));
            for dr in 0..rs {
                for dc in 0..cs {
                    taken.insert((r + dr, c + dc));
                }
            }
            out.push((r, c, cell));
            c += cs;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::column_name;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
