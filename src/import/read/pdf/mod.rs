//! A PDF file opened as a report. The text layer is read with the position
//! of every character (pdf-extract over lopdf: CID fonts, Identity-H and
//! ToUnicode maps as Word, WPS and LibreOffice write them), and the page is
//! laid out again **by coordinates**, not in reading order:
//! - a table is found by its ruling lines (stroked lines, and the thin
//!   filled rectangles Word and browsers draw borders with); its rows and
//!   columns are the lines' positions, a cell with no line between it and
//!   its neighbour is one merged cell, and each character goes to the cell
//!   it lies in, so a label that wraps to two lines stays one cell;
//! - text outside tables is grouped into lines by baseline.
//!
//! The result is a [`Document`] (a paragraph per line, tables with their
//! merged cells), read by the importer as a pasted page is, with the sums as
//! the judge. A table cut by a page break continues on the next page; its
//! repeated header rows are dropped. Feature `pdf`: the command line, and
//! the page's office worker.
//!
//! The stages, a file each: `collect.rs` (the characters and ruling lines
//! pdf-extract draws, within the file's budget), `ruling.rs` (ruling lines
//! joined and grouped into tables), `grid.rs` (a table's cells from its
//! lines, a table continued over pages), `text.rs` (lines and paragraphs of
//! the text outside tables); this file lays a page out and joins the pages.

mod collect;
mod grid;
mod ruling;
mod scan;
mod text;

use crate::import::document::{Block, Document};
use grid::Grid;
use ruling::{nth, ruled, snap, tables};
use text::{join, lines, paragraphs};

pub use collect::MAX_PDF;

/// Two positions closer than this (points) are the same line of a grid.
const SNAP: f64 = 2.5;

/// A character where the page shows it (points, y downwards from the top).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    /// Baseline.
    pub(super) y: f64,
    /// Advance width.
    pub(super) w: f64,
    /// Font size as drawn.
    pub(super) size: f64,
    pub(super) text: String,
}

impl Glyph {
    pub(super) fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// The middle of the glyph's body, above the baseline.
    pub(super) fn cy(&self) -> f64 {
        self.y - self.size * 0.35
    }
}

/// A horizontal (`at` = y, from `lo` to `hi` in x) or vertical (`at` = x,
/// from `lo` to `hi` in y) ruling segment.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    pub(super) at: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

#[derive(Default)]
pub(super) struct Page {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) horizontal: Vec<Segment>,
    pub(super) vertical: Vec<Segment>,
}

/// A PDF read: its text laid out again.
#[derive(Debug)]
pub struct Read {
    /// Its lines and tables.
    pub document: Document,
    /// Pages in the file.
    pub pages: usize,
    /// False when reading stopped at damaged content: the text before it.
    pub complete: bool,
}

/// The text of a PDF laid out again (see the module doc). Err with a
/// Chinese reason when there is nothing to read.
pub fn read(bytes: &[u8]) -> Result<Read, String> {
    let (pages, complete) = collect::collect(bytes)?;
    Ok(Read {
        document: pages_document(&pages),
        pages: pages.len(),
        complete,
    })
}

/// Pages laid out, a table cut by a page break made whole again:
/// when a page ends with a table and the next begins with one with the same
/// columns, with at most a few lines of page chrome between (a page number,
/// a running header, never a section heading), the two are one table.
fn pages_document(pages: &[Page]) -> Document {
    /// Most lines of page chrome between the two parts of a table.
    const CHROME: usize = 4;
    let mut out = Document::default();
    // The table that may continue, the page it ended on, and the lines after it.
    let mut open: Option<(Grid, usize)> = None;
    let mut between: Vec<String> = Vec::new();
    let paragraph = |out: &mut Document, text: &str| out.paragraph(text);
    let close =
        |out: &mut Document, open: &mut Option<(Grid, usize)>, between: &mut Vec<String>| {
            if let Some((grid, _)) = open.take() {
                out.blocks.push(Block::Table(grid.table()));
            }
            for text in between.drain(..) {
                paragraph(out, &text);
            }
        };
    for (number, page) in pages.iter().enumerate() {
        for block in layout(page) {
            match block {
                Shown::Line(text) if open.is_some() => {
                    between.push(text);
                    let heading = between.last().is_some_and(|t| numbered(t));
                    if between.len() > CHROME || heading {
                        close(&mut out, &mut open, &mut between);
                    }
                }
                Shown::Line(text) => paragraph(&mut out, &text),
                Shown::Table(grid) => {
                    let continues = open.as_ref().is_some_and(|(before, at)| {
                        *at + 1 == number && before.continued_by(&grid)
                    });
                    if continues {
                        for text in between.drain(..) {
                            paragraph(&mut out, &text);
                        }
                        if let Some((before, _)) = open.take() {
                            open = Some((before.append(grid), number));
                        }
                    } else {
                        close(&mut out, &mut open, &mut between);
                        open = Some((grid, number));
                    }
                }
            }
        }
    }
    close(&mut out, &mut open, &mut between);
    out
}

/// Whether a line starts "五、": a section heading, which ends a table.
fn numbered(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
        && chars.next().is_some_and(|c| matches!(c, '、' | '．' | '.'))
}

/// What a page shows, top to bottom.
enum Shown {
    Line(String),
    Table(Grid),
}

/// A page's text lines and tables, top to bottom.
fn layout(page: &Page) -> Vec<Shown> {
    let mut placed = vec![false; page.glyphs.len()];
    let mut blocks: Vec<(f64, Shown)> = Vec::new();
    for (h, v) in tables(page) {
        let ys = snap(h.iter().map(|s| s.at).collect());
        let xs = snap(v.iter().map(|s| s.at).collect());
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        // Each grid square's region: squares with no ruling between them are one.
        let mut region: Vec<usize> = (0..rows * cols).collect();
        fn find(region: &mut [usize], mut i: usize) -> usize {
            while let Some(&p) = region.get(i) {
                if p == i {
                    break;
                }
                i = p;
            }
            i
        }
        let mut unite = |a: usize, b: usize| {
            let (ra, rb) = (find(&mut region, a), find(&mut region, b));
            if let Some(slot) = region.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        };
        for r in 0..rows {
            for c in 0..cols {
                let (top, bottom) = (nth(&ys, r), nth(&ys, r + 1));
                let (left, right) = (nth(&xs, c), nth(&xs, c + 1));
                if c + 1 < cols && !ruled(&v, right, (top + bottom) / 2.0) {
                    unite(r * cols + c, r * cols + c + 1);
                }
                if r + 1 < rows && !ruled(&h, bottom, (left + right) / 2.0) {
                    unite(r * cols + c, (r + 1) * cols + c);
                }
            }
        }
        // Each region's extent and characters.
        let mut extent: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
            std::collections::BTreeMap::new();
        for r in 0..rows {
            for c in 0..cols {
                let id = find(&mut region, r * cols + c);
                let e = extent.entry(id).or_insert((r, c, r, c));
                *e = (e.0.min(r), e.1.min(c), e.2.max(r), e.3.max(c));
            }
        }
        let mut cells = Vec::with_capacity(extent.len());
        for (r0, c0, r1, c1) in extent.into_values() {
            let (top, bottom) = (nth(&ys, r0), nth(&ys, r1 + 1));
            let (left, right) = (nth(&xs, c0), nth(&xs, c1 + 1));
            let mut inside = Vec::new();
            for (g, placed) in page.glyphs.iter().zip(placed.iter_mut()) {
                let (x, y) = (g.cx(), g.cy());
                if !*placed && left <= x && x <= right && top <= y && y <= bottom {
                    *placed = true;
                    inside.push(g);
                }
            }
            cells.push((r0, c0, r1 - r0 + 1, c1 - c0 + 1, join(lines(inside))));
        }
        crate::sort::by_key(&mut cells, |c| (c.0, c.1));
        blocks.push((nth(&ys, 0), Shown::Table(Grid { xs, cells, rows })));
    }
    let rest: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&placed)
        .filter(|(_, &p)| !p)
        .map(|(g, _)| g)
        .collect();
    for line in paragraphs(lines(rest)) {
        blocks.push((line.start, Shown::Line(line.text)));
    }
    crate::sort::by(&mut blocks, |a, b| a.0.total_cmp(&b.0));
    blocks.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn glyphs(page: &mut Page, x: f64, y: f64, text: &str) {
        for (i, c) in text.chars().enumerate() {
            page.glyphs.push(Glyph {
                x: x + i as f64 * 10.0,
                y,
                w: 10.0,
                size: 10.0,
                text: c.to_string(),
            });
        }
    }

    /// A ruled grid: horizontal lines at `ys` across, vertical at `xs` down,
    /// less the vertical pieces listed in `open` as (x, row).
    fn grid(page: &mut Page, xs: &[f64], ys: &[f64], open: &[(f64, usize)]) {
        let (left, right) = (xs[0], xs[xs.len() - 1]);
        for &y in ys {
            page.horizontal.push(Segment {
                at: y,
                lo: left,
                hi: right,
            });
        }
        for &x in xs {
            for row in 0..ys.len() - 1 {
                if !open.contains(&(x, row)) {
                    page.vertical.push(Segment {
                        at: x,
                        lo: ys[row],
                        hi: ys[row + 1],
                    });
                }
            }
        }
    }

    /// Pages as the text stages read them (tables as rows of pipes).
    fn html(pages: Vec<Page>) -> String {
        pages_document(&pages).lines()
    }

    #[test]
    fn a_label_wrapped_to_two_lines_stays_one_cell_beside_its_value() {
        let mut page = Page::default();
        glyphs(&mut page, 50.0, 20.0, "四、行政复议");
        grid(&mut page, &[50.0, 150.0, 200.0], &[40.0, 60.0, 100.0], &[]);
        glyphs(&mut page, 52.0, 55.0, "项目");
        glyphs(&mut page, 152.0, 55.0, "数量");
        // The label's two lines, and the value between them.
        glyphs(&mut page, 52.0, 75.0, "（一）本年新收");
        glyphs(&mut page, 52.0, 92.0, "申请数量");
        glyphs(&mut page, 152.0, 84.0, "12");
        let out = html(vec![page]);
        assert!(out.starts_with("四、行政复议\n"), "{out}");
        assert!(out.contains("\n|（一）本年新收申请数量|12|\n"), "{out}");
    }

    #[test]
    fn a_cell_without_a_line_between_it_and_its_neighbour_is_merged() {
        let mut page = Page::default();
        // Row 0: the vertical line at x=100 is missing: one cell over two columns.
        grid(
            &mut page,
            &[0.0, 100.0, 200.0],
            &[0.0, 20.0, 40.0],
            &[(100.0, 0)],
        );
        glyphs(&mut page, 60.0, 15.0, "申请人情况");
        glyphs(&mut page, 10.0, 35.0, "1");
        glyphs(&mut page, 110.0, 35.0, "2");
        let doc = pages_document(&[page]);
        let Some(Block::Table(table)) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        let head = &table.rows[0][0];
        assert_eq!((head.text.as_str(), head.colspan), ("申请人情况", 2));
        assert!(doc.lines().contains("|1|2|"), "{doc:?}");
    }

    #[test]
    fn a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header() {
        let mut first = Page::default();
        grid(
            &mut first,
            &[0.0, 100.0, 200.0],
            &[700.0, 720.0, 740.0],
            &[],
        );
        glyphs(&mut first, 5.0, 715.0, "项目");
        glyphs(&mut first, 105.0, 715.0, "数量");
        glyphs(&mut first, 5.0, 735.0, "甲");
        glyphs(&mut first, 105.0, 735.0, "1");
        glyphs(&mut first, 90.0, 800.0, "- 1 -");
        let mut second = Page::default();
        grid(&mut second, &[0.0, 100.0, 200.0], &[50.0, 70.0, 90.0], &[]);
        glyphs(&mut second, 5.0, 65.0, "项目");
        glyphs(&mut second, 105.0, 65.0, "数量");
        glyphs(&mut second, 5.0, 85.0, "乙");
        glyphs(&mut second, 105.0, 85.0, "2");
        let doc = pages_document(&[first, second]);
        let tables = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(tables, 1, "{doc:?}");
        let out = doc.lines();
        assert_eq!(out.matches("项目").count(), 1, "{out}");
        assert!(out.contains("|乙|2|"), "{out}");
        // The page number between the two halves comes before the table.
        assert!(out.starts_with("- 1 -\n"), "{out}");
    }

    #[test]
    fn text_lines_are_grouped_by_baseline_and_spaced_by_gaps() {
        let mut page = Page::default();
        glyphs(&mut page, 0.0, 100.0, "总计");
        glyphs(&mut page, 80.0, 100.5, "15");
        glyphs(&mut page, 0.0, 50.0, "一、总体情况");
        let out = html(vec![page]);
        assert_eq!(out, "一、总体情况\n总计 15\n");
    }

    /// A one-page PDF whose page draws form `X0`; `form` is X0's content,
    /// and X0's own resources name itself as `X0` when `self_named`.
    fn pdf_with_form(form: &str, self_named: bool) -> Vec<u8> {
        use pdf_extract::{dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let form_id = doc.new_object_id();
        let mut form_dict = dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()] };
        if self_named {
            form_dict.set(
                "Resources",
                dictionary! { "XObject" => dictionary! { "X0" => form_id } },
            );
        }
        doc.objects.insert(
            form_id,
            Object::Stream(Stream::new(form_dict, form.as_bytes().to_vec())),
        );
        let content = doc.add_object(Stream::new(dictionary! {}, b"/X0 Do".to_vec()));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id,
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "X0" => form_id } } });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages",
            "Kids" => vec![page.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_form_that_draws_itself_is_refused_not_followed_for_ever() {
        // Through its own resources, and through the page's it inherits.
        for self_named in [true, false] {
            let why = read(&pdf_with_form("/X0 Do", self_named)).err().unwrap();
            assert!(why.contains("循环引用"), "{why}");
        }
        // A form that draws nothing further is fine (and has no text).
        let why = read(&pdf_with_form("0 0 m 10 10 l S", true)).err().unwrap();
        assert!(why.contains("没有文字层"), "{why}");
    }

    #[test]
    fn not_a_pdf_and_a_pdf_without_text_say_so_in_chinese() {
        assert!(read(b"plain text")
            .unwrap_err()
            .contains("不是可以读取的 PDF"));
    }
}
