//! What a PDF holds: the characters and ruling lines pdf-extract draws, in
//! page coordinates, within the file's budget.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::{Glyph, Page, Segment};

/// Largest PDF read (a report is ~0.2–2 MB; scanned ones are larger, and
/// have no text to read anyway).
pub const MAX_PDF: usize = 64 * 1024 * 1024;
/// Most characters laid out (a long report has ~30,000).
const MAX_GLYPHS: usize = 1_000_000;
/// Most ruling segments kept per page (a report page has a few hundred).
const MAX_SEGMENTS: usize = 5_000;
/// A filled shape thinner than this (points) is a drawn line.
const THIN: f64 = 2.5;

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
pub(super) fn collect(bytes: &[u8]) -> Result<(Vec<Page>, bool), String> {
    const NOT_PDF: &str = "文件不是可以读取的 PDF 文件";
    if bytes.len() > MAX_PDF {
        return Err(format!(
            "PDF 文件过大（{} MB），最多读取 {} MB。",
            bytes.len() / 1024 / 1024,
            MAX_PDF / 1024 / 1024
        ));
    }
    if !super::scan::values_within_budget(bytes) {
        return Err(format!(
            "这个 PDF 文件的对象中的数值超过 {} 万个，{STRANGE}",
            super::scan::MAX_VALUES / 10_000
        ));
    }
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|_| format!("{NOT_PDF}（文件不完整或已损坏）。"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("这个 PDF 文件设有打开密码，无法读取。请使用未加密的文件。".into());
    }
    within_budget(&doc)?;
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

/// Why a file over one of the budgets is not read.
const STRANGE: &str = "不是正常的年度报告（可能是被特意构造的文件），未读取。";
/// Most pages read (a report is a few dozen).
const MAX_PAGES: usize = 2_000;
/// What one stream may inflate to, and all of them together (images, which
/// are never inflated here, aside).
const MAX_STREAM: u64 = 64 * 1024 * 1024;
const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// Checks a loaded PDF against the file's budget before anything is drawn:
/// at most [`MAX_PAGES`] pages; every page's `/Parent` chain ends (a page
/// that is its own ancestor would send the reader round for ever); and
/// every Flate stream but images inflates within [`MAX_STREAM`], all of
/// them within [`MAX_INFLATED`] (counted, not kept).
fn within_budget(doc: &pdf_extract::Document) -> Result<(), String> {
    use pdf_extract::Object;
    use std::io::Read;
    fn dict_of(o: &Object) -> Option<&pdf_extract::Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    let is_page = |d: &&pdf_extract::Dictionary| {
        d.get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Page")
    };
    let pages = doc
        .objects
        .values()
        .filter_map(dict_of)
        .filter(is_page)
        .count();
    if pages > MAX_PAGES {
        return Err(format!(
            "这个 PDF 文件有 {pages} 页，超过 {MAX_PAGES} 页，{STRANGE}"
        ));
    }
    for (&id, object) in &doc.objects {
        let Some(mut dict) = dict_of(object) else {
            continue;
        };
        let mut seen = std::collections::BTreeSet::from([id]);
        while let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) {
            if !seen.insert(parent) {
                return Err(format!("这个 PDF 文件的页面结构循环引用，{STRANGE}"));
            }
            match doc.objects.get(&parent).and_then(dict_of) {
                Some(d) => dict = d,
                None => break,
            }
        }
    }
    let mut total = 0u64;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let image = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image");
        let flate = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|f| *f == b"FlateDecode"));
        if image || !flate {
            continue;
        }
        let mut inflater =
            flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(MAX_STREAM + 1);
        let size = std::io::copy(&mut inflater, &mut std::io::sink()).unwrap_or(0);
        total += size;
        if size > MAX_STREAM || total > MAX_INFLATED {
            return Err(format!(
                "这个 PDF 文件中的数据解压后超过 {} MB，{STRANGE}",
                if size > MAX_STREAM {
                    MAX_STREAM
                } else {
                    MAX_INFLATED
                } / 1024
                    / 1024
            ));
        }
    }
    Ok(())
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
