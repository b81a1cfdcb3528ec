//! Escaping, with the contract in the names (as pulldown-cmark's escape).

/// Escapes text placed between tags: `&`, `<`, `>`.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text placed inside a quoted attribute: also `"` and `'`.
pub fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(escape_text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(escape_attr("a\"b'c"), "a&quot;b&#39;c");
    }
}
