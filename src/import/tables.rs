//! Reads the three tables from the lines of their sections (spec §8.2 rules
//! 2–7). Layout does not matter: every line is cut into cells at `|`, tabs
//! and spaces, and the cells form one sequence. Label cells are joined until
//! the first value; the joined label is matched to the next expected row by
//! keyword; that row takes the values that follow, by position. Header text
//! is never trusted, and padding cells disappear.

use super::{Line, Note};
use crate::model::number::{self, Value};
use crate::model::Report;
use crate::template::{table4, ValueKind};

/// A cell of the sequence.
#[derive(Debug)]
pub(super) struct Token {
    text: String,
    line: usize,
    value: bool,
}

fn is_value(text: &str) -> bool {
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

/// Cuts lines into cells. In a row of separated cells (`|` or tabs), an empty
/// cell between values is a missing value, so the values after it keep their
/// columns; empty cells at the ends are span padding and disappear.
pub(super) fn tokens(lines: &[Line]) -> Vec<Token> {
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.text.split(['|', '\t']).map(str::trim).collect();
        let first_value = cells.iter().position(|c| is_value(c));
        let last_filled = cells.iter().rposition(|c| !c.is_empty());
        for (n, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                if first_value.is_some_and(|f| n > f) && last_filled.is_some_and(|l| n < l) {
                    out.push(Token {
                        value: true,
                        text: String::new(),
                        line: line.number,
                    });
                }
                continue;
            }
            for piece in cell.split_whitespace() {
                let piece = piece.trim_matches(|c: char| c == '\u{3000}');
                // Markdown alignment rows ("---", ":--:").
                if piece.is_empty()
                    || (piece.len() >= 3 && piece.chars().all(|c| c == '-' || c == ':'))
                {
                    continue;
                }
                out.push(Token {
                    value: is_value(piece),
                    text: piece.to_owned(),
                    line: line.number,
                });
            }
        }
    }
    out
}

/// A row the reader expects, in order.
pub(super) struct Expected<'a> {
    pub keys: &'a [&'a str],
    pub label: &'a str,
    pub cells: Vec<crate::template::CellId>,
}

/// Reads rows from the token sequence in the expected order. Rows not found
/// stay empty (missing, never 0) and are reported; rows seen again are ignored.
/// Returns how many rows were found. With `quiet_if_absent`, a table of
/// which no row is found says nothing (the paste simply did not hold it).
pub(super) fn read_rows(
    tokens: &[Token],
    expected: &[Expected],
    table: &str,
    report: &mut Report,
    quiet_if_absent: bool,
    all_notes: &mut Vec<Note>,
) -> usize {
    let mut notes = Vec::new();
    let notes = &mut notes;
    let mut label = String::new();
    let mut next = 0usize;
    let mut found = vec![false; expected.len()];
    let mut repeated = false;
    let mut i = 0;
    while let Some(tok) = tokens.get(i) {
        if !tok.value {
            label.push_str(&super::normalize::key(&tok.text));
            i += 1;
            continue;
        }
        let matched = expected
            .iter()
            .enumerate()
            .skip(next)
            .find(|(_, e)| e.keys.iter().any(|k| label.contains(k)));
        let rest = tokens.get(i..).unwrap_or_default();
        let run = rest.iter().take_while(|t| t.value).count();
        // "（三）不予公开 1 属于国家秘密" (a PDF that lost the dot): a lone list
        // number before a label belongs to the label.
        if matched.is_none() && run == 1 && tok.text.len() == 1 && rest.len() > 1 {
            label.push_str(&tok.text);
            i += 1;
            continue;
        }
        match matched {
            Some((r, row)) => {
                let want = row.cells.len();
                for (cell, value) in row.cells.iter().zip(rest.iter().take(run)) {
                    report.set_raw(*cell, value.text.clone());
                }
                if run < want {
                    notes.push(Note::warning(
                        format!(
                            "{table}“{}”行只读到 {run} 个数（应有 {want} 个），缺少的单元格留空待填。",
                            row.label
                        ),
                        Some(tok.line),
                    ));
                }
                if let Some(f) = found.get_mut(r) {
                    *f = true;
                }
                next = r + 1;
                i += run.min(want).max(1);
            }
            None => {
                let seen_before = expected
                    .iter()
                    .take(next)
                    .any(|e| e.keys.iter().any(|k| label.contains(k)));
                if seen_before {
                    // Said once per table, however many rows repeat.
                    if !repeated {
                        notes.push(Note::info(
                            format!("{table}中有重复出现的行，已采用第一次出现的数据。"),
                            Some(tok.line),
                        ));
                    }
                    repeated = true;
                } else if label.is_empty() {
                    notes.push(Note::warning(
                        format!("{table}中有多出来的数字，无法对应到行，已忽略。"),
                        Some(tok.line),
                    ));
                } else {
                    let shown: String = label.chars().take(20).collect();
                    notes.push(Note::warning(
                        format!("{table}中有一行数据无法对应到模板（“{shown}”），已忽略。"),
                        Some(tok.line),
                    ));
                }
                i += run;
            }
        }
        label.clear();
    }
    for (e, _) in expected.iter().zip(&found).filter(|(_, f)| !**f) {
        notes.push(Note::warning(
            format!(
                "{table}没有找到“{}”行，这些单元格留空待填（不会当作0）。",
                e.label
            ),
            None,
        ));
    }
    let rows = found.iter().filter(|f| **f).count();
    if rows > 0 || !quiet_if_absent {
        all_notes.append(notes);
    }
    rows
}

/// Reads 表四: the first 15 values in order (spec §8.2 rule 2).
pub(super) fn read_t4(tokens: &[Token], report: &mut Report, notes: &mut Vec<Note>) {
    let t = report.template();
    let cells: Vec<_> = (0..table4::GROUPS.len())
        .flat_map(|g| (0..table4::FIELDS.len()).map(move |f| (g, f)))
        .map(|(g, f)| t.t4_cell(g, f))
        .collect();
    let values: Vec<&Token> = tokens.iter().filter(|t| t.value).collect();
    for (cell, tok) in cells.iter().zip(&values) {
        report.set_raw(*cell, tok.text.clone());
    }
    if values.is_empty() {
        notes.push(Note::warning(
            "表四没有读到数据，15 个单元格留空待填。".to_owned(),
            None,
        ));
    } else if values.len() < cells.len() {
        notes.push(Note::warning(
            format!(
                "表四只读到 {} 个数（应有 15 个），已按顺序填入，请核对。",
                values.len()
            ),
            values.first().map(|t| t.line),
        ));
    } else if values.len() > cells.len() {
        notes.push(Note::info(
            "表四的数字多于 15 个，已采用前 15 个。".to_owned(),
            values.get(cells.len()).map(|t| t.line),
        ));
    }
}
