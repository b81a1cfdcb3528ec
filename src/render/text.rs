//! The plain-text report: headings and paragraphs as lines, tables as rows
//! of `|`-separated cells (spanned cells written once, as pasted pages show).

use super::{cell_text, title};
use crate::model::{Report, TextKey};
use crate::template::layout::{grid, Slot};
use crate::template::{SectionKind, TableId, SECTIONS, TOPICS};

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
    for (i, section) in SECTIONS.iter().enumerate() {
        out.push_str(section.title);
        out.push('\n');
        match (section.kind, i) {
            (SectionKind::Table, _) => {
                let table = [TableId::T2, TableId::T3, TableId::T4][i - 1];
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
            (SectionKind::Text, 0) => {
                lines(&mut out, report.text(TextKey::Overview));
                for (t, topic) in TOPICS.iter().enumerate() {
                    let text = report.text(TextKey::Topic(t));
                    if !text.is_empty() {
                        out.push_str(topic.title);
                        out.push('\n');
                        lines(&mut out, text);
                    }
                }
            }
            (SectionKind::Text, 4) => lines(&mut out, report.text(TextKey::Problems)),
            (SectionKind::Text, _) => lines(&mut out, report.text(TextKey::Other)),
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
