//! The plain-text report: headings and paragraphs as lines, tables as rows
//! of `|`-separated cells (spanned cells written once, as pasted pages show).

use super::{cell_text, title};
use crate::model::Report;
use crate::template::layout::{grid, Slot};
use crate::template::{SectionKind, SECTIONS};

fn lines(out: &mut String, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
}

/// The plain-text document.
pub fn document(report: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&title(report));
    out.push_str("\n\n");
    if !report.meta.preamble.is_empty() {
        lines(&mut out, &report.meta.preamble);
        out.push('\n');
    }
    for section in &SECTIONS {
        out.push_str(section.title);
        out.push('\n');
        match section.kind {
            SectionKind::Table(table) => {
                for row in grid(report.template(), table) {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| match c.slot {
                            Slot::Label(l) => l.to_owned(),
                            Slot::Value(id) => cell_text(report, id),
                        })
                        .collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            _ => {
                for (heading, text) in report.section_parts(section) {
                    if let Some(h) = heading {
                        out.push_str(h);
                        out.push('\n');
                    }
                    lines(&mut out, text);
                }
            }
        }
        out.push('\n');
    }
    if !report.meta.date.is_empty() {
        if let Some(agency) = &report.agency {
            out.push_str(agency);
            out.push('\n');
        }
        out.push_str(&report.meta.date);
        out.push('\n');
    }
    out
}
