//! The text stages: a paste or a document's lines cleaned (pinyin out,
//! traditional made simplified, page numbers and the page's furniture
//! taken out), the six sections found, the front matter read.
//!
//! - `normalize.rs`: the clean-up and the key form labels are compared in;
//! - `sections.rs`: the six headings, by position and form;
//! - `front.rs`: title, agency, year, preamble, signature, and what the
//!   page around the report says of it.

pub mod front;
pub mod normalize;
pub mod sections;

use super::note::{Note, NoteKind};
use super::read::html;
use front::Furniture;

/// Largest paste read, in bytes (a long report is ~50 KB; 2 MB leaves room for HTML).
pub const MAX_INPUT: usize = 2 * 1024 * 1024;

/// A cleaned line of the input.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the converted input.
    pub number: usize,
    /// The text, trimmed.
    pub text: String,
    /// Characters of indent before it (columns of `pdftotext -layout`).
    pub indent: usize,
    /// Page, counted by form feeds.
    pub page: usize,
}

/// Refuses binary and caps the size; None when there is nothing to read.
pub(super) fn admit<'a>(input: &'a str, notes: &mut Vec<Note>) -> Option<&'a str> {
    let (mut control, mut total) = (0usize, 0usize);
    for c in input.chars().take(20_000) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    if total > 0 && control * 20 > total {
        notes.push(NoteKind::Binary.into());
        return None;
    }
    if input.len() <= MAX_INPUT {
        return Some(input);
    }
    let mut end = MAX_INPUT;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    notes.push(NoteKind::TooLarge(input.len() * 10 / 1_048_576).into());
    input.get(..end)
}

/// A paste as text: Markdown tables and web pages made lines of cells.
pub(super) fn paste_text(input: &str, notes: &mut Vec<Note>) -> String {
    if normalize::looks_like_markdown(input) {
        notes.push(NoteKind::ReadAsMarkdown.into());
        normalize::markdown_to_text(input)
    } else if html::looks_like_html(input) {
        notes.push(NoteKind::ReadAsHtml.into());
        html::to_text(input)
    } else {
        input.to_owned()
    }
}

/// Pinyin out, traditional to simplified, lines with their indent and
/// page; page chrome (kept as the page's furniture) and page numbers
/// dropped, spam noted.
pub(super) fn clean_lines(
    text: &str,
    notes: &mut Vec<Note>,
    furniture: &mut Furniture,
) -> Vec<Line> {
    let (text, pinyin) = normalize::strip_pinyin(text);
    if pinyin > 0 {
        notes.push(NoteKind::PinyinRemoved(pinyin).into());
    }
    let simplified = normalize::to_simplified(&text);
    if simplified != text {
        notes.push(NoteKind::Simplified.into());
    }
    let mut lines = Vec::new();
    let (mut chrome, mut pages) = (0, 0);
    let mut page = 0;
    for (i, raw) in simplified.split('\n').enumerate() {
        crate::import::work::add(raw.len() + 1);
        let feeds = raw.chars().take_while(|c| *c == '\u{c}').count();
        page += feeds;
        let raw = raw.trim_start_matches('\u{c}').trim_end_matches('\r');
        let odd =
            raw.as_bytes().windows(2).any(|w| w == [0xC2, 0xA0]) || raw.as_bytes().contains(&0x0C);
        let text = if odd {
            raw.replace(['\u{a0}', '\u{c}'], " ")
        } else {
            raw.to_owned()
        };
        let indent = text
            .chars()
            .take_while(|c| c.is_whitespace() && *c != '\t')
            .count();
        // Tabs at either end are kept: they open or close an empty cell.
        let text = text.trim_matches(|c: char| c.is_whitespace() && c != '\t');
        if text.trim().is_empty() {
            continue;
        }
        // Page numbers and page furniture are short or start a line: their
        // key form is taken from the first characters only.
        let head: String = text.chars().take(40).collect();
        let key = normalize::key(&head);
        let whole = head.len() == text.len();
        if whole && !text.contains(['|', '\t']) && normalize::is_page_mark(&key) {
            pages += 1;
            continue;
        }
        // A page number run onto the end of a line ("## 四、…情况 — 2 —").
        let text = match normalize::trailing_page_mark(text) {
            Some(rest) if !text.contains(['|', '\t']) => {
                pages += 1;
                rest
            }
            _ => text,
        };
        let padding = text
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '|' | '-' | ':' | '?' | '？' | '+'));
        // A whole page on one line (a web archive's text) opens with its
        // navigation too: a long line is content, whatever it opens with.
        let long = text.len() > 900;
        let meta = normalize::metadata(text).is_some();
        if padding || meta || (!long && !key.is_empty() && normalize::is_chrome(&key)) {
            // Padding lines ("|||") are not worth mentioning; page furniture is.
            chrome += usize::from(!text.chars().all(|c| c == '|' || c.is_whitespace()));
            furniture.take(text);
            continue;
        }
        if let Some(spam) = normalize::spam_in(text) {
            notes.push(
                NoteKind::Spam {
                    line: i + 1,
                    fragment: spam,
                }
                .into(),
            );
        }
        lines.push(Line {
            number: i + 1,
            text: text.to_owned(),
            indent,
            page,
        });
    }
    if chrome > 0 {
        notes.push(NoteKind::Chrome(chrome).into());
    }
    if pages > 0 {
        notes.push(NoteKind::PageMarks(pages).into());
    }
    lines
}
