//! The report as a Word document (.docx, docx-rs without images): official
//! fonts and sizes (title 二号, body 三号 仿宋, tables 五号 宋体), headings,
//! and the three tables with their merged cells, laid out from
//! `template::layout` like the HTML.

use docx_rs::{
    AlignmentType, Docx, Footer, HeightRule, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableAlignmentType, TableCell, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use super::{cell_text, title};
use crate::model::Report;
use crate::template::layout::{expand, grid, header_rows, Placed, Slot};
use crate::template::{SectionKind, TableId, SECTIONS};

/// Sizes in half-points.
const TITLE_SIZE: usize = 44; // 二号
const BODY_SIZE: usize = 32; // 三号
const TABLE_SIZE: usize = 21; // 五号
/// First-line indent of two 三号 characters, in twips.
const INDENT: i32 = 640;
/// Text width of an A4 page with 2.5 cm / 2 cm margins, in twips.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// Every text of the document passes through this (identity, or 简→繁).
type Convert<'a> = &'a dyn Fn(&str) -> String;

fn run(text: &str, font: &str, size: usize, convert: Convert) -> Run {
    Run::new()
        .add_text(xml_text(&convert(text)))
        .fonts(fonts(font))
        .size(size)
}

/// Text as XML 1.0 allows it: the control characters it forbids (U+0000–
/// U+0008, U+000B, U+000C, U+000E–U+001F) and U+FFFE/U+FFFF make a Word
/// file that no program opens; they are dropped. Tab and line breaks stay.
///
/// ```
/// assert_eq!(nianbao::render::docx::xml_text("a\u{b}b\u{0}c\u{1b}\td"), "abc\td");
/// ```
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !c.is_control() || matches!(c, '\t' | '\n' | '\r') || ('\u{7f}'..='\u{9f}').contains(&c)
        })
        .filter(|&c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

fn body_paragraph(text: &str, convert: Convert) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "仿宋_GB2312", BODY_SIZE, convert))
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .align(AlignmentType::Both)
}

fn paragraphs(doc: Docx, text: &str, convert: Convert) -> Docx {
    paragraphs_kept(doc, text, convert, false)
}

/// The lines of a text as paragraphs; with `keep_last`, the last one stays
/// on the page of what follows (the signature block).
fn paragraphs_kept(doc: Docx, text: &str, convert: Convert, keep_last: bool) -> Docx {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let last = lines.len().saturating_sub(1);
    lines.into_iter().enumerate().fold(doc, |doc, (i, line)| {
        doc.add_paragraph(body_paragraph(line, convert).keep_next(keep_last && i == last))
    })
}

/// Column widths (twips) of each table's grid: label columns wider than values.
fn columns(table: TableId) -> Vec<usize> {
    let spread = |labels: &[usize], values: usize| {
        let used: usize = labels.iter().sum();
        let each = (TEXT_WIDTH - used) / values;
        labels
            .iter()
            .copied()
            .chain(std::iter::repeat_n(each, values))
            .collect()
    };
    match table {
        TableId::T2 => spread(&[2400], 3),
        TableId::T3 => spread(&[700, 900, 2200], 7),
        TableId::T4 => vec![TEXT_WIDTH / 15; 15],
    }
}

fn table(report: &Report, id: TableId, convert: Convert) -> Table {
    let widths = columns(id);
    let rows = grid(report.template(), id);
    let head = header_rows(&rows);
    let mut out = Vec::new();
    for (i, row) in expand(&rows).into_iter().enumerate() {
        let mut col = 0usize;
        let mut cells = Vec::new();
        for placed in row {
            let span = match &placed {
                Placed::Start(c) => usize::from(c.colspan),
                Placed::Continue { colspan } => usize::from(*colspan),
            };
            let width: usize = widths.iter().skip(col).take(span).sum();
            col += span;
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if span > 1 {
                cell = cell.grid_span(span);
            }
            cell = match placed {
                Placed::Continue { .. } => cell
                    .vertical_merge(VMergeType::Continue)
                    .add_paragraph(Paragraph::new()),
                Placed::Start(g) => {
                    let (text, align) = match g.slot {
                        Slot::Label(label) if !g.header => (label.to_owned(), AlignmentType::Left),
                        Slot::Label(label) => (label.to_owned(), AlignmentType::Center),
                        Slot::Value(v) => (cell_text(report, v), AlignmentType::Center),
                    };
                    let p = Paragraph::new()
                        .add_run(run(&text, "宋体", TABLE_SIZE, convert))
                        .align(align);
                    let cell = cell.add_paragraph(p);
                    if g.rowspan > 1 {
                        cell.vertical_merge(VMergeType::Restart)
                    } else {
                        cell
                    }
                }
            };
            cells.push(cell);
        }
        let row = TableRow::new(cells).cant_split();
        out.push(if i < head {
            // Marked here, made a repeated header row (w:tblHeader) after building.
            row.row_height(HEADER_MARK).height_rule(HeightRule::AtLeast)
        } else {
            row
        });
    }
    Table::new(out)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn heading(text: &str, font: &str, convert: Convert) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, BODY_SIZE, convert))
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

/// "— 3 —" centred under every page, as official documents number their pages.
fn page_number_footer() -> Footer {
    let dash = |text: &str| Run::new().add_text(text).fonts(fonts("宋体")).size(28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(dash("— "))
            .add_page_num(PageNum::new())
            .add_run(dash(" —"))
            .align(AlignmentType::Center),
    )
}

/// The report as .docx bytes; Err with a Chinese reason when it cannot be packed.
pub fn document(report: &Report) -> Result<Vec<u8>, String> {
    document_with(report, &|s: &str| s.to_owned())
}

/// The report as .docx bytes, every text passed through `convert` (e.g. 简→繁).
pub fn document_with(report: &Report, convert: Convert) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(1134)
                .right(1134),
        )
        .default_fonts(fonts("仿宋_GB2312"))
        .default_size(BODY_SIZE)
        .footer(page_number_footer())
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&title(report), "方正小标宋简体", TITLE_SIZE, convert))
                .align(AlignmentType::Center),
        );
    doc = paragraphs(doc, &report.meta.preamble, convert);
    let signed = !report.meta.date.is_empty();
    for (at, section) in SECTIONS.iter().enumerate() {
        let last_section = at + 1 == SECTIONS.len();
        doc = doc.add_paragraph(heading(section.title, "黑体", convert));
        doc = match section.kind {
            SectionKind::Table(id) => doc
                .add_table(table(report, id, convert))
                .add_paragraph(Paragraph::new()),
            _ => {
                let mut d = doc;
                let parts = report.section_parts(section);
                let count = parts.len();
                for (i, (sub, text)) in parts.into_iter().enumerate() {
                    if let Some(sub) = sub {
                        d = d.add_paragraph(heading(sub, "楷体_GB2312", convert));
                    }
                    // The report's last words stay with the signature.
                    let keep = signed && last_section && i + 1 == count;
                    d = paragraphs_kept(d, text, convert, keep);
                }
                d
            }
        };
    }
    if !report.meta.date.is_empty() {
        // The signature block (agency, date) never splits from the report's end.
        let right = |text: &str| {
            Paragraph::new()
                .add_run(run(text, "仿宋_GB2312", BODY_SIZE, convert))
                .align(AlignmentType::Right)
                .keep_next(true)
                .keep_lines(true)
        };
        doc = doc.add_paragraph(Paragraph::new().keep_next(true));
        if let Some(agency) = &report.agency {
            doc = doc.add_paragraph(right(agency));
        }
        doc = doc.add_paragraph(right(&report.meta.date));
    }
    let mut xml = doc.build();
    xml.document = repeat_headers(&xml.document);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| format!("Word 文件无法生成（{e}）。"))?;
    Ok(bytes.into_inner())
}

/// The row height that marks a header row (1 twip, never used otherwise).
const HEADER_MARK: f32 = 1.0;

/// docx-rs has no `w:tblHeader`: the header rows carry [`HEADER_MARK`]
/// as their height, replaced here by the repeat-header flag, so that Word
/// and WPS repeat 表三's and 表四's header on every page the table spans.
fn repeat_headers(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    text.replace(
        r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#,
        "<w:tblHeader />",
    )
    .into_bytes()
}
