//! A block copied from Excel or WPS and pasted into a cell of the form. A
//! bare block of numbers goes where the focused cell is (as Excel would); a
//! block that carries its row labels (and maybe its header row) is read by
//! those labels, as the paste box reads a table, whatever cell has focus.

use super::import;
use crate::model::number::{read, Reason};
use crate::model::{Report, Value};
use crate::template::{CellId, ValueKind};

/// What a block paste did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pasted {
    /// Cells written.
    pub written: usize,
    /// Values that fell outside the table (positional paste only).
    pub left_out: usize,
    /// Whether the block was placed by its row labels.
    pub by_label: bool,
}

/// Whether a spreadsheet cell is a label: words, not a value or a blank mark.
fn is_label(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty()
        && matches!(
            read(cell, ValueKind::Decimal),
            Value::Invalid(Reason::NotANumber)
        )
}

/// Pastes `block` (rows of tab-separated cells) into `report` at `start`.
///
/// ```
/// use nianbao::{import::block::paste, model::Report};
/// let mut r = Report::default();
/// let t = r.template();
/// // Copied with its labels, pasted into whatever cell has focus.
/// let start = t.by_path("t3.new_received.natural_person").unwrap();
/// let block = "（一）予以公开\t3\t1\t0\t0\t0\t0\t4\n（七）总计\t3\t1\t0\t0\t0\t0\t4";
/// let pasted = paste(&mut r, start, block);
/// assert!(pasted.by_label);
/// assert_eq!(pasted.written, 14);
/// assert_eq!(r.raw(t.by_path("t3.result.disclosed.total").unwrap()), "4");
/// assert_eq!(r.raw(start), "");
/// ```
pub fn paste(report: &mut Report, start: CellId, block: &str) -> Pasted {
    if labelled(block) {
        if let Some(pasted) = by_labels(report, &import(block).report) {
            return pasted;
        }
    }
    by_position(report, start, block)
}

/// Whether a block carries row labels: then it is read as the paste box
/// reads a table ([`by_labels`]), wherever it is pasted.
pub fn labelled(block: &str) -> bool {
    block.lines().any(|line| line.split('\t').any(is_label))
}

/// Writes what a labelled block was read as (`read`, the block imported)
/// into `report`; None when nothing was read, to paste by position instead.
pub fn by_labels(report: &mut Report, read: &Report) -> Option<Pasted> {
    let read = read.to_format(report.format);
    let t = report.template();
    let cells: Vec<CellId> = t
        .ids()
        .filter(|&id| !read.raw(id).trim().is_empty())
        .collect();
    for &id in &cells {
        report.set_raw(id, read.raw(id));
    }
    (!cells.is_empty()).then_some(Pasted {
        written: cells.len(),
        left_out: 0,
        by_label: true,
    })
}

/// Pastes the block's numbers from `start` on, as Excel would (a header
/// row with no row labels is dropped).
pub fn by_position(report: &mut Report, start: CellId, block: &str) -> Pasted {
    let numbers: Vec<&str> = block
        .lines()
        .filter(|line| !line.split('\t').any(is_label))
        .collect();
    let (written, left_out) = report.paste_block(start, &numbers.join("\n"));
    Pasted {
        written,
        left_out,
        by_label: false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_header_row_without_labels_is_dropped_and_the_numbers_go_where_the_focus_is() {
        let mut r = Report::default();
        let t = r.template();
        let start = t.by_path("t4.review.upheld").unwrap();
        let pasted = paste(
            &mut r,
            start,
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t0\t0\t1",
        );
        assert_eq!(
            pasted,
            Pasted {
                written: 5,
                left_out: 0,
                by_label: false
            }
        );
        assert_eq!(r.raw(t.by_path("t4.review.total").unwrap()), "1");
    }

    #[test]
    fn labelled_rows_of_table_two_land_on_their_rows() {
        let mut r = Report::default();
        let t = r.template();
        let start = t.by_path("t2.regulation.issued").unwrap();
        let pasted = paste(&mut r, start, "行政规范性文件\t1\t0\t3\n行政许可\t12\n");
        assert!(pasted.by_label);
        assert_eq!(r.raw(t.by_path("t2.normative_doc.in_force").unwrap()), "3");
        assert_eq!(r.raw(t.by_path("t2.licensing.decisions").unwrap()), "12");
        assert_eq!(r.raw(start), "");
    }
}
