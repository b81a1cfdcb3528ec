//! The lines of a table's section as a stream of tokens with whatever
//! position the source gives (design note "import by sums", §1):
//!
//! - **words**: label fragments, in their key form;
//! - **values**: numbers (with sign, decimals, a unit) and "no value" marks;
//! - **blanks**: empty cells of a row whose cells are separated (tabs,
//!   pipes); a blank at the edge of a line may be padding (`soft`).
//!
//! Positions: the line, its page (form feeds), whether it came from a row
//! of separated cells, and for lines laid out with spaces (`pdftotext
//! -layout`) the character column of the token's centre and its width. In text run together without spaces (web archives), digits are
//! cut from the words they touch; a list number ("2.其他法律…") stays with
//! its label.

use crate::import::text::Line;
use crate::model::number::{self, Value};
use crate::template::ValueKind;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A label fragment.
    Word,
    /// A number or a "no value" mark.
    Value,
    /// An empty cell.
    Blank,
}

/// A token and where it stands.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub kind: Kind,
    /// Words: the key form. Values: the text as printed.
    pub text: String,
    /// Index of the line in the section.
    pub line: usize,
    /// Page (form feeds counted).
    pub page: usize,
    /// Doubled character column of the token's centre, in space-aligned lines.
    pub x: Option<u32>,
    /// Width in characters (space-aligned lines).
    pub w: u32,
    /// A blank at the edge of its line: padding as often as an empty cell.
    pub soft: bool,
    /// From a line of separated cells (tabs, pipes).
    pub sep: bool,
    /// From text run together without spaces (digits cut from the words
    /// they touched: a run may hold several cells).
    pub glued: bool,
}

impl Token {
    pub fn is_value(&self) -> bool {
        self.kind != Kind::Word
    }
}

/// True for a piece that is a cell value as a whole.
pub(super) fn is_value(text: &str) -> bool {
    if number::is_missing_mark(text) {
        return true;
    }
    let signed = text.starts_with(['+', '-', '－', '＋']);
    let kind = if signed {
        ValueKind::Signed
    } else {
        ValueKind::Decimal
    };
    matches!(number::read(text, kind), Value::Number(_))
        || (signed && matches!(number::read(text, ValueKind::Decimal), Value::Number(_)))
}

/// A value run into the label after it, when a line break between a row's
/// last cell and the next row's label was lost: "02.其他法律…" (the row
/// ends in 0, item 2 follows), "71二、上年结转…", "0（二）部分公开…". The
/// digits before an item number's "." are the value; a lone digit is the
/// item number itself.
fn value_before_label(piece: &str) -> Option<(&str, &str)> {
    const NUMERALS: &str = "一二三四五六七八九十";
    // A "no value" mark run into the label ("—2.其他法律…", "—（三）不予公开").
    if let Some(label) = piece.strip_prefix(['—', '/', '－', '／']) {
        let mark = piece.get(..piece.len() - label.len())?;
        // A label as after a value: an item number, "（三）", "四、".
        let labelled = value_before_label(&format!("0{label}")).is_some();
        return labelled.then_some((mark, label));
    }
    let run = piece.bytes().take_while(u8::is_ascii_digit).count();
    let rest = piece.get(run..)?;
    let mut after = rest.chars();
    let (first, second) = (after.next()?, after.next()?);
    let cut = if matches!(first, '.' | '、' | '．')
        && !second.is_ascii_digit()
        && !second.is_whitespace()
    {
        // "372.没有现成…": 37, then item 2.
        run.checked_sub(1).filter(|&v| v > 0)?
    } else if (NUMERALS.contains(first) && second == '、')
        || (matches!(first, '(' | '（') && NUMERALS.contains(second))
    {
        run
    } else {
        return None;
    };
    (cut > 0).then(|| {
        (
            piece.get(..cut).unwrap_or_default(),
            piece.get(cut..).unwrap_or_default(),
        )
    })
}

/// A label with the first value of its row run into it, when the space
/// between them was lost: "总计4", "政府集中采购20". A number inside a word
/// ("第3页") stays.
fn label_before_value(piece: &str) -> Option<(&str, &str)> {
    let digits = piece.bytes().rev().take_while(u8::is_ascii_digit).count();
    let cut = piece.len().checked_sub(digits).filter(|_| digits > 0)?;
    let label = piece.get(..cut)?;
    let last = label.chars().next_back()?;
    let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&last) || matches!(last, '）' | ')' | '”');
    (cjk && last != '第').then(|| (label, piece.get(cut..).unwrap_or_default()))
}

/// True when the text runs together without spaces (web-archive text): then
/// digits touching words are cut out as values.
pub(in crate::import) fn is_run_together(lines: &[Line]) -> bool {
    let (mut chars, mut spaces) = (0usize, 0usize);
    for l in lines {
        chars += l.text.chars().count();
        spaces += l
            .text
            .chars()
            .filter(|c| c.is_whitespace() || *c == '|')
            .count()
            + 1;
    }
    chars > 200 && spaces * 60 < chars
}

struct Out {
    tokens: Vec<Token>,
    sep: bool,
    glued: bool,
    line: usize,
    page: usize,
}

impl Out {
    fn push(&mut self, kind: Kind, text: String, x: Option<u32>, soft: bool) {
        let w = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
        self.tokens.push(Token {
            w,
            kind,
            text,
            line: self.line,
            page: self.page,
            x,
            soft,
            sep: self.sep,
            glued: self.glued,
        });
    }

    fn word(&mut self, text: &str, x: Option<u32>) {
        let key = crate::import::text::normalize::key(text);
        if key.is_empty() {
            return;
        }
        // Markdown alignment rows ("---", ":--:").
        if key.len() >= 3 && key.chars().all(|c| c == '-' || c == ':') {
            return;
        }
        self.push(Kind::Word, key, x, false);
    }

    /// A piece of text between separators: one value, or words, or a
    /// value run into the next row's label ("02.其他法律…", "71二、上年结转…").
    fn piece(&mut self, piece: &str, x: Option<u32>, glued: bool) {
        if is_value(piece) {
            self.push(Kind::Value, piece.to_owned(), x, false);
        } else if glued {
            self.glued(piece);
        } else if let Some((value, label)) = value_before_label(piece) {
            self.push(Kind::Value, value.to_owned(), x, false);
            self.piece(label, x, glued);
        } else if let Some((label, value)) = label_before_value(piece) {
            self.word(label, x);
            self.push(Kind::Value, value.to_owned(), x, false);
        } else {
            self.word(piece, x);
        }
    }

    /// Text run together: digits cut out of the words around them.
    fn glued(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut word = String::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            // A sign before digits ("本年增/减" of 2019: "185-3412") starts a number.
            let signed = matches!(c, '-' | '+')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && chars.get(i.wrapping_sub(1)).is_none_or(|p| *p != '第');
            let digit = c.is_ascii_digit() || signed;
            let mark = c == '—' || (c == '/' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
            if !digit && !mark {
                word.push(c);
                i += 1;
                continue;
            }
            if mark {
                self.word(&word, None);
                word.clear();
                self.push(Kind::Value, c.to_string(), None, false);
                i += 1;
                continue;
            }
            let start = i;
            if signed {
                i += 1;
            }
            while chars.get(i).is_some_and(|c| {
                c.is_ascii_digit()
                    || (*c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            }) {
                i += 1;
            }
            let run: String = chars.get(start..i).unwrap_or_default().iter().collect();
            // "…0002.其他法律": the digit before ". + word" numbers the next label.
            let listed = chars.get(i).is_some_and(|c| matches!(c, '.' | '、' | '．'))
                && chars
                    .get(i + 1)
                    .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace());
            // "第3页", "（2）": digits inside a word stay there.
            let inside = chars
                .get(start.wrapping_sub(1))
                .is_some_and(|c| matches!(c, '第' | '(' | '（'));
            if inside {
                word.push_str(&run);
                continue;
            }
            let (value, list) = if listed {
                let cut = run.len() - 1;
                (
                    run.get(..cut).unwrap_or_default(),
                    run.get(cut..).unwrap_or_default(),
                )
            } else {
                (run.as_str(), "")
            };
            if !value.is_empty() {
                self.word(&word, None);
                word.clear();
                self.push(Kind::Value, value.to_owned(), None, false);
            }
            word.push_str(list);
        }
        self.word(&word, None);
    }
}

/// A line run together without spaces: a table's cells glued into one
/// line while the prose around keeps its lines (a web archive's text). Its
/// figures touch the next label ("…0+61其他对外…") or end the line
/// ("…行政事业性收费1-2"), where prose puts a unit after a number ("136条。").
fn line_run_together(text: &str) -> bool {
    const UNITS: &str = "年月日号件条次个项万元亿名人家期篇份批起余多天%％‰";
    if text.contains(|c: char| c.is_whitespace() || c == '|') {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let cjk = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
    let ends_in_figure = chars.last().is_some_and(char::is_ascii_digit);
    let figure_then_word = chars.windows(2).any(|w| {
        w.first().is_some_and(char::is_ascii_digit)
            && w.get(1).is_some_and(|c| cjk(c) && !UNITS.contains(*c))
    });
    chars.iter().any(cjk) && (ends_in_figure || figure_then_word)
}

/// Cuts the lines of a section into tokens; `glued` when the document runs
/// together without spaces ([`is_run_together`]), else per line.
pub(super) fn tokens(lines: &[Line], glued: bool) -> Vec<Token> {
    let mut out = Out {
        tokens: Vec::new(),
        sep: false,
        glued,
        line: 0,
        page: 0,
    };
    for (i, line) in lines.iter().enumerate() {
        crate::import::work::add(line.text.len() + 1);
        out.line = i;
        out.page = line.page;
        let text = line.text.as_str();
        out.sep = text.contains(['|', '\t']);
        out.glued = glued || (!out.sep && line_run_together(text));
        let run = out.glued;
        if out.sep {
            separated(&mut out, text, run);
        } else if line.indent > 0 || text.contains("  ") {
            spaced(&mut out, text, line.indent);
        } else {
            for piece in text.split_whitespace() {
                out.piece(piece, None, run);
            }
        }
    }
    out.tokens
}

/// A row of separated cells. Every empty cell after the label is a blank;
/// those after the last filled cell, and one opening the line, are soft:
/// padding to the grid's width or a pipe's syntax as often as empty cells.
fn separated(out: &mut Out, text: &str, glued: bool) {
    let cells: Vec<&str> = text
        .split(['|', '\t'])
        .map(str::trim)
        .map(|c| if invented_header(c) { "" } else { c })
        .collect();
    // A pipe opening or closing the line may be syntax ("|a|b|") or the edge
    // of an empty first or last cell (" | a | b"): those cells are soft, and
    // the table's sums say which they are.
    let opened = text.starts_with('|');
    let last_word = cells
        .iter()
        .rposition(|c| !c.is_empty() && !is_value(c))
        .map_or(0, |p| p + 1);
    let last_filled = cells.iter().rposition(|c| !c.is_empty());
    for (n, cell) in cells.iter().enumerate() {
        // A page number run into a row ("|复议后起诉| — 2 —").
        if crate::import::text::normalize::is_page_mark(&crate::import::text::normalize::key(cell))
        {
            continue;
        }
        if cell.is_empty() {
            if n >= last_word {
                let edge = last_filled.is_none_or(|l| n > l) || (n == 0 && opened);
                out.push(Kind::Blank, String::new(), None, edge);
            }
            continue;
        }
        if is_value(cell) {
            out.push(Kind::Value, (*cell).to_owned(), None, false);
            continue;
        }
        // A list number opening a cell of words is the label's ("3 其他 .").
        let mut pieces = cell.split_whitespace().peekable();
        let listed = pieces
            .peek()
            .is_some_and(|p| p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
            && cell.split_whitespace().nth(1).is_some_and(|p| !is_value(p));
        if listed && !glued {
            let number = pieces.next().unwrap_or_default();
            let label = pieces.next().unwrap_or_default();
            out.word(&format!("{number}{label}"), None);
        }
        for piece in pieces {
            out.piece(piece, None, glued);
        }
    }
}

/// "Col5", "数据3", "列2": what PDF→Markdown converters print in a header
/// cell they found empty.
fn invented_header(cell: &str) -> bool {
    ["Col", "col", "Column", "数据", "列"].iter().any(|p| {
        cell.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// A line laid out with spaces: each piece keeps its column.
fn spaced(out: &mut Out, text: &str, indent: usize) {
    let mut piece = String::new();
    let mut start = indent;
    let flush = |out: &mut Out, piece: &mut String, start: usize| {
        if !piece.is_empty() {
            let width = piece.chars().count();
            let x = u32::try_from(2 * start + width).ok();
            out.piece(piece, x, false);
            piece.clear();
        }
    };
    for (col, c) in (indent..).zip(text.chars()) {
        if c.is_whitespace() {
            flush(out, &mut piece, start);
        } else {
            if piece.is_empty() {
                start = col;
            }
            piece.push(c);
        }
    }
    flush(out, &mut piece, start);
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            number: 1,
            text: text.trim_start().to_owned(),
            indent: text.len() - text.trim_start().len(),
            page: 0,
        }
    }

    fn tokens_of(lines: &[Line]) -> Vec<Token> {
        tokens(lines, is_run_together(lines))
    }

    fn kinds(tokens: &[Token]) -> String {
        tokens
            .iter()
            .map(|t| match t.kind {
                Kind::Word => format!("W:{}", t.text),
                Kind::Value => format!("V:{}", t.text),
                Kind::Blank if t.soft => "s".to_owned(),
                Kind::Blank => "B".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn separated_cells_keep_their_blanks() {
        let t = tokens_of(&[line("（一）予以公开\t\t3\t\t0\t")]);
        assert_eq!(kinds(&t), "W:(一)予以公开 B V:3 B V:0 s");
        let t = tokens_of(&[line("|规章|0|0|0|")]);
        assert_eq!(kinds(&t), "W:规章 V:0 V:0 V:0 s");
        // A row of values only: an opening pipe may be syntax or an empty cell.
        let t = tokens_of(&[line("|||15|0")]);
        assert_eq!(kinds(&t), "s B B V:15 V:0");
        // "0 |": one cell per line, or a last cell left empty.
        let t = tokens_of(&[line("0 |")]);
        assert_eq!(kinds(&t), "V:0 s");
    }

    #[test]
    fn spaced_lines_give_columns() {
        let t = tokens_of(&[line("一、本年新收   12    3")]);
        assert_eq!(kinds(&t), "W:一、本年新收 V:12 V:3");
        assert_eq!(t[1].x, Some(2 * 9 + 2));
        assert_eq!(t[2].x, Some(2 * 15 + 1));
    }

    #[test]
    fn a_value_run_into_the_next_rows_label_is_cut_off() {
        let t = tokens_of(&[line(
            "1.属于国家秘密 3 0 0 0 0 0 32.其他法律行政法规禁止公开 0 0 0 0 0 0 0（三）不予公开 5 0 0 0 0 0 5四、结转下年度继续办理 1 0 0 0 0 1 —（七）总计",
        )]);
        assert_eq!(
            kinds(&t),
            "W:1.属于国家秘密 V:3 V:0 V:0 V:0 V:0 V:0 V:3 W:2.其他法律行政法规禁止公开 V:0 V:0 V:0 V:0 V:0 V:0 V:0 W:(三)不予公开 V:5 V:0 V:0 V:0 V:0 V:0 V:5 W:四、结转下年度继续办理 V:1 V:0 V:0 V:0 V:0 V:1 V:— W:(七)总计"
        );
        // A lone item number, a year, a count with its unit stay words.
        for word in ["2.其他法律", "2023年度", "3项", "12.5%", "—2023年"] {
            assert_eq!(value_before_label(word), None, "{word}");
        }
        assert_eq!(label_before_value("总计4"), Some(("总计", "4")));
        assert_eq!(label_before_value("第3"), None);
        assert_eq!(label_before_value("GB2312"), None);
    }

    #[test]
    fn a_table_glued_into_one_line_is_told_from_prose() {
        assert!(line_run_together(
            "信息内容上一年项目数量本年增/减行政事业性收费1-2"
        ));
        assert!(line_run_together("行政许可0+61其他对外管理服务事项0-85"));
        assert!(!line_run_together("全年主动公开政府信息136条。"));
        assert!(!line_run_together(
            "统计期限自2023年1月1日起至2023年12月31日止。"
        ));
        assert!(!line_run_together("一、本年新收 12 0 0 0 0 0 12"));
    }

    #[test]
    fn run_together_digits_are_cut_from_words() {
        let text = "（三）不予公开1.属于国家秘密3004002.其他法律行政法规禁止公开0—0第3页".repeat(5);
        let t = tokens_of(&[line(&text)]);
        assert_eq!(
            kinds(&t[..6]),
            "W:(三)不予公开1.属于国家秘密 V:300400 W:2.其他法律行政法规禁止公开 V:0 V:— V:0"
        );
        assert_eq!(t[6].text, "第3页(三)不予公开1.属于国家秘密");
    }
}
