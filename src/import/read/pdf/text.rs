//! The text outside tables (and inside a cell): characters grouped into
//! lines by baseline, prose lines joined back into paragraphs.

use super::Glyph;

/// A line of text as the page shows it.
pub(super) struct TextLine {
    /// Where the (first) line starts, for the order of blocks.
    pub(super) start: f64,
    pub(super) top: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// Whether a wide gap was made a space (table-like, not prose).
    pub(super) gapped: bool,
}

/// Lines of text from glyphs: grouped by baseline, each left to right,
/// with a space where the gap is wide.
pub(super) fn lines(mut glyphs: Vec<&Glyph>) -> Vec<TextLine> {
    crate::sort::by(&mut glyphs, |a, b| a.y.total_cmp(&b.y));
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
            crate::sort::by(&mut row, |a, b| a.x.total_cmp(&b.x));
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
pub(super) fn paragraphs(lines: Vec<TextLine>) -> Vec<TextLine> {
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
pub(super) fn join(lines: Vec<TextLine>) -> String {
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
