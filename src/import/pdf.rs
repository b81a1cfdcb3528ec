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
//! The result is HTML (`<p>` per line, `<table>` with rowspan/colspan), read
//! by the importer as a pasted page is, with the sums as the judge. A table
//! cut by a page break continues on the next page; its repeated header rows
//! are dropped. Feature `pdf`: the command line, and the page's extras worker.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::docx::escape;

/// Largest PDF read (a report is ~0.2–2 MB; scanned ones are larger, and
/// have no text to read anyway).
pub const MAX_PDF: usize = 64 * 1024 * 1024;
/// Most characters laid out (a long report has ~30,000).
const MAX_GLYPHS: usize = 1_000_000;
/// Most ruling segments kept per page (a report page has a few hundred).
const MAX_SEGMENTS: usize = 5_000;
/// Two positions closer than this (points) are the same line of a grid.
const SNAP: f64 = 2.5;
/// A filled shape thinner than this (points) is a drawn line.
const THIN: f64 = 2.5;

/// A character where the page shows it (points, y downwards from the top).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    /// Baseline.
    y: f64,
    /// Advance width.
    w: f64,
    /// Font size as drawn.
    size: f64,
    text: String,
}

impl Glyph {
    fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// The middle of the glyph's body, above the baseline.
    fn cy(&self) -> f64 {
        self.y - self.size * 0.35
    }
}

/// A horizontal (`at` = y, from `lo` to `hi` in x) or vertical (`at` = x,
/// from `lo` to `hi` in y) ruling segment.
#[derive(Debug, Clone, Copy)]
struct Segment {
    at: f64,
    lo: f64,
    hi: f64,
}

#[derive(Default)]
struct Page {
    glyphs: Vec<Glyph>,
    horizontal: Vec<Segment>,
    vertical: Vec<Segment>,
}

/// Collects what pdf-extract draws, in page coordinates.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// Page height, to turn PDF's upward y downwards.
    height: f64,
    glyphs: usize,
    /// How far the current string's next character is moved (see
    /// `output_character`).
    shift: f64,
}

impl Collector {
    fn page(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }

    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px, self.height - py)
    }

    /// A drawn line from `a` to `b`, kept when it is horizontal or vertical.
    fn line(&mut self, a: (f64, f64), b: (f64, f64)) {
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        if page.horizontal.len() + page.vertical.len() >= MAX_SEGMENTS {
            return;
        }
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dy < 0.5 && dx > 0.5 {
            page.horizontal.push(Segment {
                at: (a.1 + b.1) / 2.0,
                lo: a.0.min(b.0),
                hi: a.0.max(b.0),
            });
        } else if dx < 0.5 && dy > 0.5 {
            page.vertical.push(Segment {
                at: (a.0 + b.0) / 2.0,
                lo: a.1.min(b.1),
                hi: a.1.max(b.1),
            });
        }
    }

    /// A path's subpaths as lists of page points (rectangles closed).
    fn subpaths(&self, ctm: &Transform, path: &Path) -> Vec<Vec<(f64, f64)>> {
        let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => out.push(vec![self.point(ctm, x, y)]),
                PathOp::LineTo(x, y) | PathOp::CurveTo(_, _, _, _, x, y) => {
                    let p = self.point(ctm, x, y);
                    match out.last_mut() {
                        Some(sub) => sub.push(p),
                        None => out.push(vec![p]),
                    }
                }
                PathOp::Rect(x, y, w, h) => out.push(vec![
                    self.point(ctm, x, y),
                    self.point(ctm, x + w, y),
                    self.point(ctm, x + w, y + h),
                    self.point(ctm, x, y + h),
                    self.point(ctm, x, y),
                ]),
                PathOp::Close => {
                    if let Some(sub) = out.last_mut() {
                        if let Some(&first) = sub.first() {
                            sub.push(first);
                        }
                    }
                }
            }
        }
        out
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury;
        self.pages.push(Page::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs >= MAX_GLYPHS || text.trim().is_empty() {
            return Ok(());
        }
        // As pdf-extract's own text output: the size is the side of the
        // square the font size becomes under the text matrix.
        let (sx, sy) = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (sx * sy).abs().sqrt();
        let size = if size.is_finite() && size > 0.1 {
            size
        } else {
            10.0
        };
        // The font's own width when it is plausible. Some width tables are
        // not read right (pdf-extract 0.12 skips the `first last width` form
        // that Chromium writes: its digits advance by 0 or by 1 em): then a width is
        // estimated, and the characters after it in the same string are
        // moved by the difference, so that "11" is not one "1" drawn twice.
        // A Latin letter or digit is never a full em wide: 1 em is the
        // default width standing in for one not read.
        let reported = width * size;
        let widest = if text.is_ascii() { 0.8 } else { 1.2 };
        let w = if reported.is_finite() && reported >= size * 0.2 && reported <= size * widest {
            reported
        } else if text.is_ascii() {
            size * 0.55
        } else {
            size
        };
        let (x, y) = (trm.m31 + self.shift, self.height - trm.m32);
        if reported.is_finite() {
            self.shift += w - reported;
        }
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        self.glyphs += 1;
        if let Some(page) = self.page() {
            page.glyphs.push(Glyph {
                x,
                y,
                w,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.shift = 0.0;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        for sub in self.subpaths(ctm, path) {
            for pair in sub.windows(2) {
                if let [a, b] = pair {
                    self.line(*a, *b);
                }
            }
        }
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        // A thin filled shape is a line along its long side.
        for sub in self.subpaths(ctm, path) {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &sub {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h < THIN && w > h {
                let y = (y0 + y1) / 2.0;
                self.line((x0, y), (x1, y));
            } else if w < THIN && h > w {
                let x = (x0 + x1) / 2.0;
                self.line((x, y0), (x, y1));
            }
        }
        Ok(())
    }
}

/// What a PDF holds, read: its pages' characters and ruling lines. Err with
/// a Chinese reason when it is not a PDF that can be read, or has no text.
fn collect(bytes: &[u8]) -> Result<(Vec<Page>, bool), String> {
    const NOT_PDF: &str = "文件不是可以读取的 PDF 文件";
    if bytes.len() > MAX_PDF {
        return Err(format!(
            "PDF 文件过大（{} MB），最多读取 {} MB。",
            bytes.len() / 1024 / 1024,
            MAX_PDF / 1024 / 1024
        ));
    }
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|_| format!("{NOT_PDF}（文件不完整或已损坏）。"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("这个 PDF 文件设有打开密码，无法读取。请使用未加密的文件。".into());
    }
    if nested_too_deep(&doc) {
        return Err(format!(
            "{NOT_PDF}（图形对象互相嵌套、循环引用，结构异常）。"
        ));
    }
    let mut collector = Collector::default();
    // pdf-extract stops at some malformed content with a panic rather than
    // an error; natively that is caught here (in the browser the worker
    // reports it).
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut collector)
    }));
    let complete = matches!(done, Ok(Ok(())));
    if !complete && collector.glyphs == 0 {
        return Err(format!("{NOT_PDF}（内容无法解析）。"));
    }
    if collector.glyphs == 0 {
        return Err(format!(
            "这个 PDF 文件（{} 页）没有文字层，可能是扫描件或图片，无法读取其中的文字。\
             请改用原 Word 文件，或从网页复制报告文字。",
            collector.pages.len()
        ));
    }
    Ok((collector.pages, complete))
}

/// A PDF read: its text laid out as HTML for the importer.
#[derive(Debug)]
pub struct Read {
    /// `<p>` per line or paragraph, `<table>` per table.
    pub html: String,
    /// Pages in the file.
    pub pages: usize,
    /// False when reading stopped at damaged content: the text before it.
    pub complete: bool,
}

/// Whether drawing the document would nest form XObjects without end (one
/// that draws itself, directly or through others) or deeper than any real
/// file: pdf-extract draws them by recursion, which such a file would run
/// out of stack. A form's `Do` names are looked up in its own resources, or,
/// when it has none, in every resource dictionary that holds it.
fn nested_too_deep(doc: &pdf_extract::Document) -> bool {
    use pdf_extract::{Dictionary, Object, ObjectId};
    use std::collections::{BTreeMap, BTreeSet};
    const DEEPEST: usize = 32;
    let deref =
        |o: &'_ Object| -> Option<Object> { doc.dereference(o).ok().map(|(_, o)| o.clone()) };
    let xobjects = |dict: &Dictionary| -> Option<Dictionary> {
        let resources = deref(dict.get(b"Resources").ok()?)?;
        let resources = resources.as_dict().ok()?.clone();
        deref(resources.get(b"XObject").ok()?)?
            .as_dict()
            .ok()
            .cloned()
    };
    // Every XObject dictionary, and which dictionaries hold each form.
    let mut holders: BTreeMap<ObjectId, Vec<Dictionary>> = BTreeMap::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if let Some(x) = xobjects(dict) {
            for (_, v) in x.iter() {
                if let Ok(id) = v.as_reference() {
                    holders.entry(id).or_default().push(x.clone());
                }
            }
        }
    }
    // Each form's edges: the objects its `Do`s may draw.
    let mut edges: BTreeMap<ObjectId, BTreeSet<ObjectId>> = BTreeMap::new();
    for (&id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            continue;
        }
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let Ok(content) = pdf_extract::content::Content::decode(&content) else {
            continue;
        };
        let names: Vec<Vec<u8>> = content
            .operations
            .iter()
            .filter(|op| op.operator == "Do")
            .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
            .collect();
        if names.is_empty() {
            continue;
        }
        let lookups = match xobjects(&stream.dict) {
            Some(own) => vec![own],
            None => holders.get(&id).cloned().unwrap_or_default(),
        };
        let targets = edges.entry(id).or_default();
        for dict in &lookups {
            for name in &names {
                if let Some(target) = dict.get(name).ok().and_then(|v| v.as_reference().ok()) {
                    targets.insert(target);
                }
            }
        }
    }
    // Longest path from each form, without recursion; a cycle is endless.
    let mut depth: BTreeMap<ObjectId, usize> = BTreeMap::new();
    for &start in edges.keys() {
        let mut stack: Vec<(ObjectId, bool)> = vec![(start, false)];
        let mut on_path: BTreeSet<ObjectId> = BTreeSet::new();
        while let Some((node, done)) = stack.pop() {
            if done {
                on_path.remove(&node);
                let below = edges
                    .get(&node)
                    .into_iter()
                    .flatten()
                    .map(|t| depth.get(t).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                depth.insert(node, below + 1);
                continue;
            }
            if depth.contains_key(&node) {
                continue;
            }
            if !on_path.insert(node) {
                return true;
            }
            stack.push((node, true));
            for &t in edges.get(&node).into_iter().flatten() {
                if on_path.contains(&t) {
                    return true;
                }
                if !depth.contains_key(&t) {
                    stack.push((t, false));
                }
            }
        }
    }
    depth.values().any(|&d| d > DEEPEST)
}

/// The text of a PDF laid out as HTML for the importer (see the module
/// doc). Err with a Chinese reason when there is nothing to read.
pub fn to_html(bytes: &[u8]) -> Result<Read, String> {
    let (pages, complete) = collect(bytes)?;
    Ok(Read {
        html: pages_html(&pages),
        pages: pages.len(),
        complete,
    })
}

/// Pages laid out as HTML, a table cut by a page break made whole again:
/// when a page ends with a table and the next begins with one with the same
/// columns, with at most a few lines of page chrome between (a page number,
/// a running header, never a section heading), the two are one table.
fn pages_html(pages: &[Page]) -> String {
    /// Most lines of page chrome between the two parts of a table.
    const CHROME: usize = 4;
    let mut out = String::new();
    // The table that may continue, the page it ended on, and the lines after it.
    let mut open: Option<(Grid, usize)> = None;
    let mut between: Vec<String> = Vec::new();
    let paragraph = |out: &mut String, text: &str| {
        out.push_str("<p>");
        out.push_str(&escape(text));
        out.push_str("</p>\n");
    };
    let close = |out: &mut String, open: &mut Option<(Grid, usize)>, between: &mut Vec<String>| {
        if let Some((grid, _)) = open.take() {
            grid.write(out);
        }
        for text in between.drain(..) {
            paragraph(out, &text);
        }
    };
    for (number, page) in pages.iter().enumerate() {
        for block in layout(page) {
            match block {
                Block::Line(text) if open.is_some() => {
                    between.push(text);
                    let heading = between.last().is_some_and(|t| numbered(t));
                    if between.len() > CHROME || heading {
                        close(&mut out, &mut open, &mut between);
                    }
                }
                Block::Line(text) => paragraph(&mut out, &text),
                Block::Table(grid) => {
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
enum Block {
    Line(String),
    Table(Grid),
}

/// A table rebuilt from its ruling lines: cells by grid position.
struct Grid {
    /// Column boundaries (x), left to right.
    xs: Vec<f64>,
    /// `(row, col, rowspan, colspan, text)`, by row then column.
    cells: Vec<(usize, usize, usize, usize, String)>,
    rows: usize,
}

impl Grid {
    fn write(&self, out: &mut String) {
        out.push_str("<table>\n");
        for row in 0..self.rows {
            out.push_str("<tr>");
            for (_, _, rs, cs, text) in self.cells.iter().filter(|c| c.0 == row) {
                out.push_str("<td");
                if *rs > 1 {
                    out.push_str(&format!(" rowspan=\"{rs}\""));
                }
                if *cs > 1 {
                    out.push_str(&format!(" colspan=\"{cs}\""));
                }
                out.push('>');
                out.push_str(&escape(text));
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }

    /// The texts of a row's cells, in order.
    fn row_texts(&self, row: usize) -> Vec<&str> {
        self.cells
            .iter()
            .filter(|c| c.0 == row)
            .map(|c| c.4.as_str())
            .collect()
    }

    /// Whether `next` can continue this table: the same columns.
    fn continued_by(&self, next: &Grid) -> bool {
        self.xs.len() == next.xs.len()
            && self
                .xs
                .iter()
                .zip(&next.xs)
                .all(|(a, b)| (a - b).abs() < SNAP * 2.0)
    }

    /// This table with `next`, its continuation, below: the header rows
    /// that `next` repeats at the top of its page dropped.
    fn append(mut self, next: Grid) -> Grid {
        // Header rows repeated at the top of the page: the leading rows of
        // `next` equal to this table's leading rows (spans staying inside).
        let mut skip = 0;
        while skip < next.rows && skip < self.rows && next.row_texts(skip) == self.row_texts(skip) {
            skip += 1;
        }
        while skip > 0 && next.cells.iter().any(|c| c.0 < skip && c.0 + c.2 > skip) {
            skip -= 1;
        }
        let base = self.rows;
        for (r, c, rs, cs, text) in next.cells {
            if r >= skip {
                self.cells.push((r - skip + base, c, rs, cs, text));
            }
        }
        self.rows = base + next.rows - skip;
        self
    }
}

/// Positions closer than [`SNAP`] made one, sorted.
fn snap(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((mean, n)) if v - *mean / *n as f64 <= SNAP => {
                *mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// Segments on one line that touch or overlap made one (browsers draw a
/// border per cell side, so a row's line comes in pieces).
fn joined(segments: &[Segment]) -> Vec<Segment> {
    let mut sorted = segments.to_vec();
    sorted.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    for s in sorted {
        match lines.last_mut() {
            Some(line) if line.first().is_some_and(|f| s.at - f.at <= SNAP / 2.0) => line.push(s),
            _ => lines.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut current: Option<Segment> = None;
        for s in line {
            current = match current {
                Some(c) if s.lo <= c.hi + SNAP => Some(Segment {
                    at: c.at,
                    lo: c.lo,
                    hi: c.hi.max(s.hi),
                }),
                Some(c) => {
                    out.push(c);
                    Some(s)
                }
                None => Some(s),
            };
        }
        out.extend(current);
    }
    out
}

/// Groups of segments that touch or cross each other: each is a table.
fn tables(page: &Page) -> Vec<(Vec<Segment>, Vec<Segment>)> {
    let (h, v) = (&joined(&page.horizontal), &joined(&page.vertical));
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let up = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = up;
            }
            i = p;
        }
        i
    }
    let touches = |a: &Segment, b: &Segment| {
        a.lo - SNAP <= b.at && b.at <= a.hi + SNAP && b.lo - SNAP <= a.at && a.at <= b.hi + SNAP
    };
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if touches(a, b) {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, h.len() + j));
                if let Some(slot) = parent.get_mut(ra) {
                    *slot = rb;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        std::collections::BTreeMap::new();
    for (i, s) in h.iter().enumerate() {
        groups.entry(root(&mut parent, i)).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        groups
            .entry(root(&mut parent, h.len() + j))
            .or_default()
            .1
            .push(*s);
    }
    groups
        .into_values()
        .filter(|(h, v)| {
            snap(h.iter().map(|s| s.at).collect()).len() >= 2
                && snap(v.iter().map(|s| s.at).collect()).len() >= 2
        })
        .collect()
}

/// The `i`th of sorted positions (0 past the end, which callers never reach).
fn nth(values: &[f64], i: usize) -> f64 {
    values.get(i).copied().unwrap_or_default()
}

/// Whether some segment at `at` covers `point`.
fn ruled(segments: &[Segment], at: f64, point: f64) -> bool {
    segments
        .iter()
        .any(|s| (s.at - at).abs() <= SNAP && s.lo - SNAP <= point && point <= s.hi + SNAP)
}

/// A line of text as the page shows it.
struct TextLine {
    /// Where the (first) line starts, for the order of blocks.
    start: f64,
    top: f64,
    left: f64,
    right: f64,
    size: f64,
    text: String,
    /// Whether a wide gap was made a space (table-like, not prose).
    gapped: bool,
}

/// Lines of text from glyphs: grouped by baseline, each left to right,
/// with a space where the gap is wide.
fn lines(mut glyphs: Vec<&Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row)
                if row
                    .first()
                    .is_some_and(|f| (g.y - f.y).abs() < f.size.min(g.size) * 0.5) =>
            {
                row.push(g)
            }
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let top = row.iter().map(|g| g.y - g.size).fold(f64::MAX, f64::min);
            let mut line = TextLine {
                start: top,
                top,
                left: row.first().map_or(0.0, |g| g.x),
                right: row.iter().map(|g| g.x + g.w).fold(f64::MIN, f64::max),
                size: row.iter().map(|g| g.size).fold(0.0, f64::max),
                text: String::new(),
                gapped: false,
            };
            let mut end: Option<f64> = None;
            let mut last_x = f64::MIN;
            for g in &row {
                // Drawn twice at one place (bold by overprinting): once.
                if (g.x - last_x).abs() < g.size * 0.2 && line.text.ends_with(g.text.as_str()) {
                    continue;
                }
                last_x = g.x;
                if let Some(end) = end {
                    if g.x - end > g.size * 0.6 {
                        line.text.push(' ');
                        line.gapped = true;
                    }
                }
                line.text.push_str(&g.text);
                end = Some(g.x + g.w);
            }
            line.text = line.text.trim().to_owned();
            (!line.text.is_empty()).then_some(line)
        })
        .collect()
}

/// Prose lines made paragraphs again: a line that runs to the right margin
/// continues on the next when that one is not indented (a new paragraph
/// is, by two characters, and so are headings). Lines with wide gaps (a
/// table without rules) are never joined.
fn paragraphs(lines: Vec<TextLine>) -> Vec<TextLine> {
    let margin_left = lines.iter().map(|l| l.left).fold(f64::MAX, f64::min);
    let margin_right = lines.iter().map(|l| l.right).fold(f64::MIN, f64::max);
    let mut out: Vec<TextLine> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(last) = out.last_mut() {
            let full = last.right >= margin_right - last.size * 1.5;
            let flush = line.left <= margin_left + line.size * 0.5;
            let near = line.top - last.top < last.size.max(line.size) * 2.5;
            let same = (line.size - last.size).abs() < 0.5;
            if full && flush && near && same && !last.gapped && !line.gapped {
                last.text.push_str(&line.text);
                last.right = line.right;
                last.top = line.top;
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// A cell's lines joined: no space between Chinese lines, one between
/// words of Latin letters or digits.
fn join(lines: Vec<TextLine>) -> String {
    let mut out = String::new();
    for TextLine { text: line, .. } in lines {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

/// A page's text lines and tables, top to bottom.
fn layout(page: &Page) -> Vec<Block> {
    let mut placed = vec![false; page.glyphs.len()];
    let mut blocks: Vec<(f64, Block)> = Vec::new();
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
        cells.sort_by_key(|c| (c.0, c.1));
        blocks.push((nth(&ys, 0), Block::Table(Grid { xs, cells, rows })));
    }
    let rest: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&placed)
        .filter(|(_, &p)| !p)
        .map(|(g, _)| g)
        .collect();
    for line in paragraphs(lines(rest)) {
        blocks.push((line.start, Block::Line(line.text)));
    }
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
    blocks.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
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

    fn html(pages: Vec<Page>) -> String {
        pages_html(&pages)
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
        assert!(out.starts_with("<p>四、行政复议</p>"), "{out}");
        assert!(
            out.contains("<tr><td>（一）本年新收申请数量</td><td>12</td></tr>"),
            "{out}"
        );
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
        let out = html(vec![page]);
        assert!(out.contains("<td colspan=\"2\">申请人情况</td>"), "{out}");
        assert!(out.contains("<tr><td>1</td><td>2</td></tr>"), "{out}");
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
        let out = html(vec![first, second]);
        assert_eq!(out.matches("<table>").count(), 1, "{out}");
        assert_eq!(out.matches("项目").count(), 1, "{out}");
        assert!(out.contains("<tr><td>乙</td><td>2</td></tr>"), "{out}");
        // The page number between the two halves comes before the table.
        assert!(out.starts_with("<p>- 1 -</p>"), "{out}");
    }

    #[test]
    fn text_lines_are_grouped_by_baseline_and_spaced_by_gaps() {
        let mut page = Page::default();
        glyphs(&mut page, 0.0, 100.0, "总计");
        glyphs(&mut page, 80.0, 100.5, "15");
        glyphs(&mut page, 0.0, 50.0, "一、总体情况");
        let out = html(vec![page]);
        assert_eq!(out, "<p>一、总体情况</p>\n<p>总计 15</p>\n");
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
            let why = to_html(&pdf_with_form("/X0 Do", self_named)).err().unwrap();
            assert!(why.contains("循环引用"), "{why}");
        }
        // A form that draws nothing further is fine (and has no text).
        let why = to_html(&pdf_with_form("0 0 m 10 10 l S", true))
            .err()
            .unwrap();
        assert!(why.contains("没有文字层"), "{why}");
    }

    #[test]
    fn not_a_pdf_and_a_pdf_without_text_say_so_in_chinese() {
        assert!(to_html(b"plain text")
            .unwrap_err()
            .contains("不是可以读取的 PDF"));
        assert!(super::super::is_pdf(b"\xef\xbb\xbf%PDF-1.7\n"));
        assert!(!super::super::is_pdf(b"PK\x03\x04"));
    }
}
