//! A Word file (.docx) opened as a report: its paragraphs and tables, merged
//! cells kept (`w:gridSpan` → colspan, `w:vMerge` → rowspan), as a
//! [`Document`] for the importer, which reads tables by their own sums as
//! it does a pasted web page. Feature `docx`: the command line, and the
//! page's office worker.

use roxmltree::Node;

use crate::import::document::{Block, Document, Table, TableCell};

/// The body of a .docx: its paragraphs and tables. Err with a Chinese
/// reason when it is not a Word file that can be read.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    const NOT_WORD: &str = "文件不是可以读取的 Word（.docx）文件";
    let mut zip = super::budget::open(bytes).map_err(|why| {
        why.unwrap_or_else(|| {
            format!("{NOT_WORD}（无法解压）。旧版 .doc 文件请先在 Word 或 WPS 中另存为 .docx。")
        })
    })?;
    // Inflated within the file's budget: a zip bomb is refused, not read.
    let xml = super::budget::text(&mut zip, "word/document.xml", &mut Default::default())?
        .ok_or_else(|| {
            format!("{NOT_WORD}（缺少正文 word/document.xml，可能是 Excel 或其他文件）。")
        })?;
    // The XML parser and the walk below recurse per level: a file nested
    // deeper than any Word writes is refused before it can exhaust the stack.
    if nesting(&xml) > MAX_DEPTH {
        return Err(format!(
            "{NOT_WORD}（正文的嵌套层数超过 {MAX_DEPTH} 层，不是 Word 或 WPS 正常保存的文件）。"
        ));
    }
    let doc = roxmltree::Document::parse(&xml).map_err(|e| {
        let at = e.pos();
        format!(
            "{NOT_WORD}（正文的 XML 格式有误，第 {} 行第 {} 列）。",
            at.row, at.col
        )
    })?;
    let body = doc
        .descendants()
        .find(|n| is(n, "body"))
        .ok_or_else(|| format!("{NOT_WORD}（没有正文）。"))?;
    let mut out = Document::default();
    for child in body.children() {
        block(child, &mut out);
    }
    Ok(out)
}

/// Deeper than any Word or WPS document nests (tables in tables, content
/// controls: a few dozen levels).
const MAX_DEPTH: usize = 256;

/// The text after the first `end` (none left when there is none).
fn skip_to<'a>(rest: &'a str, end: &str) -> &'a str {
    rest.find(end)
        .and_then(|e| rest.get(e + end.len()..))
        .unwrap_or_default()
}

/// How deep an XML text's elements nest, counted without parsing it
/// (comments, CDATA, declarations and processing instructions skipped).
fn nesting(xml: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = rest.get(at..).unwrap_or_default();
        if rest.starts_with("<!--") {
            rest = skip_to(rest, "-->");
        } else if rest.starts_with("<![CDATA[") {
            rest = skip_to(rest, "]]>");
        } else if rest.starts_with("<?") {
            rest = skip_to(rest, "?>");
        } else if rest.starts_with("<!") {
            rest = skip_to(rest, ">");
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            rest = skip_to(rest, ">");
        } else {
            let end = rest.find('>').unwrap_or(rest.len());
            if !rest.get(..end).is_some_and(|tag| tag.ends_with('/')) {
                depth += 1;
                deepest = deepest.max(depth);
            }
            rest = rest.get(end + 1..).unwrap_or_default();
        }
    }
    deepest
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// An element's `w:val`-style attribute (namespaced or not).
fn val<'a>(node: &Node<'a, '_>) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == "val")
        .map(|a| a.value())
}

/// A paragraph's text: runs, tabs as spaces, breaks as new lines.
fn text_of(node: Node) -> String {
    let mut s = String::new();
    for n in node.descendants() {
        match n.tag_name().name() {
            "t" if n.is_element() => s.push_str(n.text().unwrap_or_default()),
            "tab" if n.is_element() => s.push(' '),
            "br" | "cr" if n.is_element() => s.push('\n'),
            _ => {}
        }
    }
    s
}

fn block(node: Node, out: &mut Document) {
    if is(&node, "p") {
        for line in text_of(node).lines() {
            out.paragraph(line);
        }
    } else if is(&node, "tbl") {
        table(node, out);
    } else if is(&node, "sdt") || is(&node, "sdtContent") || is(&node, "customXml") {
        // Content controls wrap paragraphs and tables.
        for child in node.children() {
            block(child, out);
        }
    }
}

/// A cell of the Word grid.
struct Cell {
    text: String,
    col: usize,
    span: usize,
    /// `w:vMerge` without "restart": the cell above reaches down here.
    continues: bool,
}

fn table(node: Node, out: &mut Document) {
    let rows: Vec<Vec<Cell>> = node
        .children()
        .filter(|n| is(n, "tr"))
        .map(|tr| {
            let mut col = 0;
            tr.children()
                .filter(|n| is(n, "tc"))
                .map(|tc| {
                    let props = tc.children().find(|n| is(n, "tcPr"));
                    let prop = |name: &str| props.and_then(|p| p.children().find(|n| is(n, name)));
                    let span = prop("gridSpan")
                        .and_then(|n| val(&n))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1usize)
                        .clamp(1, 64);
                    let continues = prop("vMerge").is_some_and(|n| val(&n) != Some("restart"));
                    // Paragraphs of the cell, one line each; a nested table's text too.
                    let text = tc
                        .children()
                        .filter(|n| is(n, "p") || is(n, "tbl"))
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let cell = Cell {
                        text,
                        col,
                        span,
                        continues,
                    };
                    col += span;
                    cell
                })
                .collect()
        })
        .collect();
    let mut grid = Table::default();
    for (r, row) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        for cell in row.iter().filter(|c| !c.continues) {
            // Rows below whose cell at this column continues this one.
            let down = rows
                .iter()
                .skip(r + 1)
                .take_while(|below| below.iter().any(|c| c.col == cell.col && c.continues))
                .count();
            cells.push(TableCell {
                text: cell.text.trim().to_owned(),
                rowspan: u32::try_from(down + 1).unwrap_or(u32::MAX),
                colspan: u32::try_from(cell.span).unwrap_or(1),
            });
        }
        grid.rows.push(cells);
    }
    out.blocks.push(Block::Table(grid));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_elements_not_comments_or_empty_tags() {
        assert_eq!(super::nesting("<a><b/><c><!-- <d> --><e></e></c></a>"), 3);
        assert_eq!(
            super::nesting("<?xml version=\"1.0\"?><a><![CDATA[<x><y>]]></a>"),
            1
        );
    }

    #[test]
    fn not_a_word_file_says_why() {
        assert!(read(b"plain text").unwrap_err().contains("无法解压"));
    }
}
