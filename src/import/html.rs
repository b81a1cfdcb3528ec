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
    let head: String = text
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<table", "<p", "<div", "<br", "<td", "<html", "<span", "<body", "<meta",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// Converts HTML to lines of text.
///
/// ```
/// let html = "<p>一、总体情况</p><table><tr><td rowspan=2>行政许可</td><td>6,240</td></tr></table><script>alert(1)</script>";
/// assert_eq!(nianbao::import::html::to_text(html), "一、总体情况\n|行政许可|6,240\n");
/// ```
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut cell_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut pending_space = false;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, &mut pending_space, pre_depth > 0);
            break;
        };
        push_text(&mut out, &rest[..lt], &mut pending_space, pre_depth > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone "<" in text.
            push_text(&mut out, "<", &mut pending_space, false);
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
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
            rest = skip_element(rest, &name);
            continue;
        }
        match name.as_str() {
            "td" | "th" if !closing => {
                cell_depth += 1;
                trim_trailing_spaces(&mut out);
                out.push('|');
                pending_space = false;
            }
            "td" | "th" => cell_depth = cell_depth.saturating_sub(1),
            "pre" if !closing => {
                pre_depth += 1;
                newline(&mut out);
            }
            "pre" => {
                pre_depth = pre_depth.saturating_sub(1);
                newline(&mut out);
            }
            "tr" => {
                cell_depth = 0;
                newline(&mut out);
            }
            n if BLOCK.contains(&n) => {
                if cell_depth > 0 {
                    pending_space = true;
                } else {
                    newline(&mut out);
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

/// Index of the '>' closing a tag that starts at 0, honouring quotes.
fn tag_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if !bytes
        .get(1)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
    {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
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

/// Skips past `</name>` (case-insensitive); the rest of the input if absent.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let close = format!("</{name}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&close) {
        Some(i) => {
            let after = &rest[i..];
            after.find('>').map_or("", |j| &after[j + 1..])
        }
        None => "",
    }
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
        assert_eq!(to_text(html), "|一、本年新收 申请数量|1|\n|2\n");
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
    fn unterminated_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "<script>",
            "<td",
            "a < b",
            "<!--",
            "&#99999999;",
            "<p a='>",
        ] {
            let _ = to_text(s);
        }
    }
}
