//! A small HTML → text scanner for pasted report pages: paragraphs become
//! lines, table rows become lines of `|`-separated cells (rowspan and colspan
//! need no expansion: the table reader works on the cell sequence), entities
//! are decoded, and script/style/head content is dropped. Never panics.

/// Elements whose whole content is dropped.
const SKIP: [&str; 6] = ["script", "style", "head", "noscript", "template", "iframe"];
/// Elements that start a new line.
const BLOCK: [&str; 24] = [
    "p",
    "div",
    "br",
    "tr",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "caption",
];

/// True when the text looks like HTML markup rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(60_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default().as_bytes();
    const TAGS: [&[u8]; 9] = [
        b"table", b"p", b"div", b"br", b"td", b"html", b"span", b"body", b"meta",
    ];
    head.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .any(|(i, _)| {
            let after = head.get(i + 1..).unwrap_or_default();
            TAGS.iter().any(|t| {
                after.len() >= t.len()
                    && after
                        .iter()
                        .zip(t.iter())
                        .all(|(a, b)| a.to_ascii_lowercase() == *b)
            })
        })
}

/// A piece of markup: text between tags, or a tag.
enum Event<'a> {
    Text(&'a str),
    Tag { name: String, closing: bool },
}

/// Walks markup as text and tags; comments and the content of [`SKIP`]
/// elements never come out.
struct Scanner<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            crate::import::work::add(1);
            let Some(lt) = self.rest.find('<') else {
                let text = self.rest;
                self.rest = "";
                return Some(Event::Text(text));
            };
            if lt > 0 {
                crate::import::work::add(lt);
                let text = &self.rest[..lt];
                self.rest = &self.rest[lt..];
                return Some(Event::Text(text));
            }
            if let Some(after) = self.rest.strip_prefix("<!--") {
                self.rest = after.find("-->").map_or("", |i| &after[i + 3..]);
                continue;
            }
            if !starts_tag(self.rest) {
                // A "<" that opens no tag ("a < b") is text.
                self.rest = &self.rest[1..];
                return Some(Event::Text("<"));
            }
            let Some(gt) = tag_end(self.rest) else {
                // A tag still open at the end of the input is dropped, as
                // browsers do (HTML's eof-in-tag): nothing is scanned twice.
                self.rest = "";
                return None;
            };
            let tag = &self.rest[1..gt];
            self.rest = &self.rest[gt + 1..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                self.rest = skip_element(self.rest, &name);
                continue;
            }
            return Some(Event::Tag { name, closing });
        }
    }
}

/// Which tables (by order of their opening tag) hold another table: page
/// layout tables, whose cells are page regions, not data cells. Each table
/// marks the one it stands in (and that one its own when it opened), so the
/// walk is linear however deep the nesting.
fn layout_tables(html: &str) -> Vec<bool> {
    let mut layout = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for event in (Scanner { rest: html }) {
        match event {
            Event::Tag { name, closing } if name == "table" => {
                if closing {
                    open.pop();
                    continue;
                }
                if let Some(parent) = open.last().and_then(|&t| layout.get_mut(t)) {
                    *parent = true;
                }
                open.push(layout.len());
                layout.push(false);
            }
            _ => {}
        }
    }
    layout
}

/// Converts HTML to lines of text. Rows of data tables become lines of
/// `|`-separated cells; layout tables (old CMS pages put the whole article
/// in one) are read as ordinary blocks.
///
/// ```
/// let html = "<p>一、总体情况</p><table><tr><td rowspan=2>行政许可</td><td>6,240</td></tr></table><script>alert(1)</script>";
/// assert_eq!(nianbao::import::read::html::to_text(html), "一、总体情况\n|行政许可|6,240|\n");
/// ```
pub fn to_text(html: &str) -> String {
    let layout = layout_tables(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut tables: Vec<bool> = Vec::new(); // open tables: is it a layout table?
    let mut seen_tables = 0usize;
    let mut cell_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut pending_space = false;
    // A row of cells is open on the current line: it gets its closing pipe.
    let mut row = false;
    for event in (Scanner { rest: html }) {
        let (name, closing) = match event {
            Event::Text(text) => {
                push_text(&mut out, text, &mut pending_space, pre_depth > 0);
                continue;
            }
            Event::Tag { name, closing } => (name, closing),
        };
        let in_layout = tables.last().copied().unwrap_or(false);
        match name.as_str() {
            "table" if !closing => {
                tables.push(layout.get(seen_tables).copied().unwrap_or(false));
                seen_tables += 1;
                end_line(&mut out, &mut row);
            }
            "table" => {
                tables.pop();
                end_line(&mut out, &mut row);
            }
            "td" | "th" if in_layout => end_line(&mut out, &mut row),
            "td" | "th" if !closing => {
                cell_depth += 1;
                trim_trailing_spaces(&mut out);
                out.push('|');
                row = true;
                pending_space = false;
            }
            "td" | "th" => cell_depth = cell_depth.saturating_sub(1),
            "pre" if !closing => {
                pre_depth += 1;
                end_line(&mut out, &mut row);
            }
            "pre" => {
                pre_depth = pre_depth.saturating_sub(1);
                end_line(&mut out, &mut row);
            }
            "tr" => {
                cell_depth = 0;
                end_line(&mut out, &mut row);
            }
            n if BLOCK.contains(&n) => {
                // Inside a data cell a paragraph break is only a space: the row stays one line.
                if cell_depth > 0 && !in_layout {
                    pending_space = true;
                } else {
                    end_line(&mut out, &mut row);
                }
            }
            _ => {}
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .fold(String::new(), |mut acc, l| {
            acc.push_str(l);
            acc.push('\n');
            acc
        })
}

/// True when the "<" at 0 opens a tag, an end tag or a declaration.
fn starts_tag(s: &str) -> bool {
    s.as_bytes()
        .get(1)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
}

/// Index of the '>' closing a tag that starts at 0, honouring quoted
/// attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(1) {
        crate::import::work::add(1);
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Skips past `</name>` (in any case); the rest of the input if absent. The
/// search starts here and stops at the close: each byte is looked at once.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    let mut at = 0;
    while let Some(lt) = bytes
        .get(at..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let start = at + lt;
        crate::import::work::add(lt + 1);
        let after = bytes.get(start + 1..).unwrap_or_default();
        let closes = after.first() == Some(&b'/')
            && after
                .get(1..1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if closes {
            return rest
                .get(start..)
                .and_then(|r| r.find('>').map(|j| &r[j + 1..]))
                .unwrap_or("");
        }
        at = start + 1;
    }
    ""
}

/// Ends the current line, closing a row of cells with its last pipe
/// ("|a|b|", as Markdown writes rows), so that an empty last cell stays a cell.
fn end_line(out: &mut String, row: &mut bool) {
    if std::mem::take(row) {
        trim_trailing_spaces(out);
        out.push('|');
    }
    newline(out);
}

fn newline(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn push_text(out: &mut String, text: &str, pending_space: &mut bool, preformatted: bool) {
    let decoded = decode_entities(text);
    for c in decoded.chars() {
        if preformatted && c == '\n' {
            newline(out);
            *pending_space = false;
            continue;
        }
        if c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}' {
            *pending_space = true;
            continue;
        }
        if *pending_space && !out.is_empty() && !out.ends_with(['\n', '|', ' ']) {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    }
}

/// Decodes the entities report pages use: named ones and numeric ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.char_indices().take(12).find(|&(_, c)| c == ';');
        let decoded = end.and_then(|(i, _)| entity(&rest[1..i]).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_dropped() {
        let html =
            "<style>p{}</style><p>甲<!-- x --></p><SCRIPT type='a'>if (a<b) {}</SCRIPT><p>乙</p>";
        assert_eq!(to_text(html), "甲\n乙\n");
    }

    #[test]
    fn cells_inside_rows_are_separated_by_pipes() {
        let html = "<table><tr><td><p>一、本年新收</p><p>申请数量</p></td><td>1</td><td>&nbsp;</td></tr><tr><th>2</th></tr></table>";
        assert_eq!(to_text(html), "|一、本年新收 申请数量|1||\n|2|\n");
    }

    #[test]
    fn a_page_laid_out_in_a_table_reads_as_paragraphs_and_its_data_tables_as_rows() {
        let html = "<table><tr><td>导航</td></tr><tr><td><p>一、总体情况</p><p>正文。</p>\
            <table><tr><td>行政许可</td><td><p>6</p></td><td>&nbsp;</td><td>1</td></tr></table>\
            <p>五、存在的主要问题及改进情况</p></td></tr></table>";
        assert_eq!(
            to_text(html),
            "导航\n一、总体情况\n正文。\n|行政许可|6||1|\n五、存在的主要问题及改进情况\n"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(
            to_text("<pre>一、总体情况\n正文</pre><p>二</p>"),
            "一、总体情况\n正文\n二\n"
        );
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(decode_entities("a&lt;b&#65;&#x4e00;&foo;&"), "a<bA一&foo;&");
    }

    #[test]
    fn unterminated_markup_reads_as_what_a_browser_shows() {
        for (markup, shown) in [
            ("<", "<"),
            ("<p", ""),
            ("<script>", ""),
            ("<td", ""),
            ("a < b", "a < b"),
            ("<!--", ""),
            // An invalid reference stays as written (a browser shows U+FFFD).
            ("&#99999999;", "&#99999999;"),
            ("<p a='>", ""),
            ("<p>一<script>x", "一"),
        ] {
            assert_eq!(to_text(markup).trim(), shown, "{markup:?}");
        }
    }
}
