//! The publishable HTML document: one pass, every text escaped, the
//! stylesheet `style/report.css` embedded so the file stands alone.

use super::escape::{escape_attr, escape_text};
use super::{cell_text, title};
use crate::model::Report;
use crate::template::layout::{grid, header_rows, Slot};
use crate::template::{SectionKind, TableId, SECTIONS};

/// The stylesheet of the published report (also linked by the app's preview).
pub const REPORT_CSS: &str = include_str!("../../style/report.css");

fn paragraphs(out: &mut String, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str("<p>");
        out.push_str(&escape_text(line));
        out.push_str("</p>\n");
    }
}

/// One table as HTML, with its merged cells.
pub fn table(out: &mut String, report: &Report, table: TableId) {
    let class = match table {
        TableId::T2 => "t2",
        TableId::T3 => "t3",
        TableId::T4 => "t4",
    };
    out.push_str(&format!("<table class=\"{class}\">\n"));
    // Fixed column widths, so that short headers (自然人, 总计) never wrap
    // to a character per line on an A4 page.
    out.push_str("<colgroup>");
    for width in column_widths(table) {
        out.push_str(&format!("<col style=\"width:{width}%\">"));
    }
    out.push_str("</colgroup>\n");
    let rows = grid(report.template(), table);
    // The header is repeated on every printed page the table spans.
    let head = header_rows(&rows);
    for (i, row) in rows.into_iter().enumerate() {
        if head > 0 && i == 0 {
            out.push_str("<thead>\n");
        }
        if head > 0 && i == head {
            out.push_str("</thead>\n<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in row {
            let tag = if matches!(cell.slot, Slot::Value(_)) {
                "td"
            } else {
                "th"
            };
            out.push('<');
            out.push_str(tag);
            if cell.rowspan > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            if cell.colspan > 1 {
                out.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            let text = match cell.slot {
                Slot::Label(label) => {
                    if !cell.header {
                        out.push_str(" class=\"label\"");
                    }
                    label.to_owned()
                }
                Slot::Value(id) => {
                    out.push_str(&format!(
                        " data-cell=\"{}\"",
                        escape_attr(&report.template().cell(id).path)
                    ));
                    cell_text(report, id)
                }
            };
            out.push('>');
            out.push_str(&escape_text(&text));
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
        out.push_str("</tr>\n");
    }
    if head > 0 {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

/// Column widths in percent of the page, as printed ("8.67"): row labels,
/// then equal value columns. Kept in hundredths (whole numbers), so the
/// page carries no float formatting.
fn column_widths(table: TableId) -> Vec<String> {
    let (labels, values): (&[u32], u32) = match table {
        TableId::T2 => (&[4000], 3),
        TableId::T3 => (&[500, 800, 2900], 7),
        TableId::T4 => (&[], 15),
    };
    let rest = (10_000 - labels.iter().sum::<u32>() + values / 2) / values;
    let shown = |w: u32| match (w / 100, w % 100) {
        (whole, 0) => whole.to_string(),
        (whole, part) if part % 10 == 0 => format!("{whole}.{}", part / 10),
        (whole, part) => format!("{whole}.{part:02}"),
    };
    labels
        .iter()
        .copied()
        .chain(std::iter::repeat_n(rest, values as usize))
        .map(shown)
        .collect()
}

/// The body of the report (no `<html>` shell): used by the document and the app's preview.
pub fn body(report: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<article class=\"report\">\n<h1>");
    out.push_str(&escape_text(&title(report)));
    out.push_str("</h1>\n");
    if !report.meta.preamble.is_empty() {
        out.push_str("<div class=\"preamble\">\n");
        paragraphs(&mut out, &report.meta.preamble);
        out.push_str("</div>\n");
    }
    for section in &SECTIONS {
        out.push_str(&format!(
            "<section data-section=\"{}\">\n<h2>{}</h2>\n",
            section.id,
            escape_text(section.title)
        ));
        match section.kind {
            SectionKind::Table(id) => table(&mut out, report, id),
            _ => {
                for (heading, text) in report.section_parts(section) {
                    if let Some(h) = heading {
                        out.push_str(&format!("<h3>{}</h3>\n", escape_text(h)));
                    }
                    paragraphs(&mut out, text);
                }
            }
        }
        out.push_str("</section>\n");
    }
    if !report.meta.date.is_empty() {
        out.push_str("<div class=\"signature\">\n");
        if let Some(agency) = &report.agency {
            out.push_str(&format!("<p>{}</p>\n", escape_text(agency)));
        }
        out.push_str(&format!(
            "<p>{}</p>\n</div>\n",
            escape_text(&report.meta.date)
        ));
    }
    out.push_str("</article>\n");
    out
}

/// The standalone HTML document.
pub fn document(report: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_text(&title(report)),
        REPORT_CSS,
        body(report)
    )
}
