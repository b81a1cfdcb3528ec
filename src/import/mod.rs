//! Pasted text or HTML of a published report → a [`Report`] plus notes on
//! what could not be read. Never panics; every note says where.
//!
//! The pipeline, in order:
//! 1. refuse binary, cap the size ([`MAX_INPUT`]);
//! 2. HTML → lines (`html.rs`), when the paste is markup; Markdown tables
//!    (a PDF converter's output) keep their cells;
//! 3. pinyin annotations out, traditional → simplified (`normalize.rs`);
//! 4. lines with their indent, page and block; page chrome and page
//!    numbers dropped, spam fragments noted;
//! 5. the six headings found by position and form, cut out of text they
//!    were run into; a second block of tables means the report was pasted
//!    twice, and reading stops there (`sections.rs`);
//! 6. title, agency, year and preamble from the lines before 一; the
//!    signature from the end of 六 (`front.rs`);
//! 7. the format detected (spec §7.5);
//! 8. the tables read by their own sums (`tokens.rs`, `tables.rs`); every
//!    cell read, inferred from the sums, or left empty; texts kept.

#![deny(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

pub mod blanks;
pub mod block;
#[cfg(feature = "docx")]
pub mod docx;
mod front;
pub mod html;
pub mod normalize;
#[cfg(feature = "pdf")]
pub mod pdf;
mod sections;
mod tables;
mod tokens;
pub mod work;
#[cfg(feature = "docx")]
pub mod xlsx;

pub use front::agency_of_title;

use crate::model::outline::{split_overview, years_in};
use crate::model::{Report, TextKey};
use crate::template::{table3, CellId, Format, TableId, Template, SECTIONS};

/// A Word file (.docx) as a report: its paragraphs and tables (merged cells
/// kept) read as a pasted page is. Err with a Chinese reason when it is not
/// a Word file that can be read.
#[cfg(feature = "docx")]
pub fn import_docx(bytes: &[u8]) -> Result<Imported, String> {
    let html = docx::to_html(bytes)?;
    let mut imported = import(&html);
    imported
        .notes
        .insert(0, Note::info("已读取 Word 文件的正文和表格。".into(), None));
    Ok(imported)
}

/// A Word (.docx) or Excel (.xlsx) file as a report: the workbook's sheets
/// or the document's paragraphs and tables, read as a pasted page is. Err
/// with a Chinese reason when it is neither.
#[cfg(feature = "docx")]
pub fn import_office(bytes: &[u8]) -> Result<Imported, String> {
    if !xlsx::is_workbook(bytes) {
        return import_docx(bytes);
    }
    let html = xlsx::to_html(bytes)?;
    let mut imported = import(&html);
    imported.notes.insert(
        0,
        Note::info("已按行名读取 Excel 工作簿中的表格。".into(), None),
    );
    Ok(imported)
}

/// A PDF file as a report: its text laid out again by the characters'
/// positions, tables by their ruling lines (see `pdf.rs`), then read as a
/// pasted page is. Err with a Chinese reason when it is not a PDF that can
/// be read, or has no text layer (a scan).
#[cfg(feature = "pdf")]
pub fn import_pdf(bytes: &[u8]) -> Result<Imported, String> {
    let read = pdf::to_html(bytes)?;
    let mut imported = import(&read.html);
    let pages = read.pages;
    imported.notes.insert(
        0,
        Note::info(
            format!("已按文字位置读取 PDF 文件（{pages} 页）的正文和表格。"),
            None,
        ),
    );
    if !read.complete {
        imported.notes.insert(
            1,
            Note::warning(
                "PDF 文件有部分内容已损坏，无法解析，只读取了其前面的部分；请核对未读到的内容。"
                    .into(),
                None,
            ),
        );
    }
    Ok(imported)
}

/// Whether bytes are a zip file (as .docx and .xlsx are). Known to every
/// build, so that the page can send such a file to the worker that reads it.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether bytes are an old binary Office file (.xls, .doc): an OLE
/// compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Whether bytes are a PDF file (its header may follow a few junk bytes).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..1024)
        .unwrap_or(bytes)
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The note on a paste read as a web page (which a Word, Excel or PDF file
/// opened in the page also is, once its worker has made it HTML).
pub const READ_AS_HTML: &str = "已按网页（HTML）格式读取。";

/// Largest paste read, in bytes (a long report is ~50 KB; 2 MB leaves room for HTML).
pub const MAX_INPUT: usize = 2 * 1024 * 1024;

/// How much a note matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something was done to the text (converted, removed, chosen).
    Info,
    /// Something could not be read, or may be wrong.
    Warning,
}

/// What the importer says about a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Info or warning.
    pub level: Level,
    /// A Chinese sentence for the user.
    pub message: String,
    /// The 1-based line of the (converted) input it refers to.
    pub line: Option<usize>,
}

impl Note {
    fn info(message: String, line: Option<usize>) -> Note {
        Note {
            level: Level::Info,
            message,
            line,
        }
    }

    fn warning(message: String, line: Option<usize>) -> Note {
        Note {
            level: Level::Warning,
            message,
            line,
        }
    }
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// What was read; cells not found are empty, never 0.
    pub report: Report,
    /// What was converted, skipped, or could not be read.
    pub notes: Vec<Note>,
    /// How many table cells were filled.
    pub cells_read: usize,
    /// Which of the six section headings were found.
    pub sections_found: [bool; 6],
    /// Cells whose value was not where the source printed it but chosen by
    /// the table's sums (run-together digits split, dropped blanks placed):
    /// shown apart until the user confirms them.
    pub inferred: Vec<CellId>,
    /// Blank cells the sums say are zeros ([`blanks::zeros`]), offered to
    /// fill with one click, never filled unasked.
    pub blank_zero: Vec<CellId>,
}

impl Imported {
    /// A report read from a saved data file: nothing converted, nothing to report.
    pub fn from_report(report: Report) -> Imported {
        Imported {
            cells_read: report.filled_cells(),
            report,
            notes: Vec::new(),
            sections_found: [true; 6],
            inferred: Vec::new(),
            blank_zero: Vec::new(),
        }
    }

    fn nothing(notes: Vec<Note>) -> Imported {
        Imported {
            report: Report::default(),
            notes,
            cells_read: 0,
            sections_found: [false; 6],
            inferred: Vec::new(),
            blank_zero: Vec::new(),
        }
    }
}

/// Reads an opened file: a saved report (spec §12.1 JSON, or a draft) loads
/// as it is; anything else is a published report to import.
pub fn import_file(text: &str) -> Imported {
    if !text.trim_start().starts_with('{') {
        return import(text);
    }
    match crate::model::json::from_str(text) {
        Ok(report) => Imported::from_report(report),
        Err(e) => Imported::nothing(vec![Note::warning(
            format!("这个文件是数据文件（JSON），但无法读取：{e}"),
            None,
        )]),
    }
}

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

/// Reads a pasted report.
///
/// ```
/// let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n全年办理依申请公开14件。\n\
///   四、政府信息公开行政复议、行政诉讼情况\n0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0";
/// let imported = nianbao::import::import(text);
/// let report = &imported.report;
/// assert_eq!(report.year, Some(2023));
/// assert_eq!(report.agency.as_deref(), Some("某局"));
/// let t = report.template();
/// assert_eq!(report.raw(t.by_path("t4.review.total").unwrap()), "1");
/// assert_eq!(report.raw(t.by_path("t3.new_received.total").unwrap()), "");
/// ```
pub fn import(input: &str) -> Imported {
    let mut notes = Vec::new();
    let Some(input) = admit(input, &mut notes) else {
        return Imported::nothing(notes);
    };
    let mut furniture = front::Furniture::default();
    let lines = sections::split_run_in_headings(clean_lines(input, &mut notes, &mut furniture));
    let found = sections::find(&lines, &mut notes);
    let present = found.present();
    let headings = present.contains(&true);
    for (section, _) in SECTIONS.iter().zip(present).filter(|(_, p)| headings && !p) {
        notes.push(Note::warning(
            format!("没有找到“{}”部分。", section.title),
            None,
        ));
    }

    let front_lines = lines.get(..found.start()).unwrap_or_default();
    let body = |s: usize| found.body(&lines, s);
    // Without any heading (only a table was copied), tables 二 and 三 are
    // looked for in the whole paste by their row names; 表四 has none.
    let sources = if headings {
        [body(1), body(2), body(3)].map(Some)
    } else {
        [Some(lines.as_slice()), Some(lines.as_slice()), None]
    };
    let format = detect_format(&sources, body(0), front_lines);
    if format == Format::Y2019 {
        notes.push(Note::info(
            "按 2019 年试行格式（国办公开办函〔2019〕60号）读取。".into(),
            None,
        ));
    }
    let mut report = Report::new(format);
    front::read(front_lines, &furniture, &mut report);
    read_texts(&found, &lines, &mut report);
    let glued = tokens::is_run_together(&lines);
    // What the prose says of the tables' totals witnesses their reading:
    // 总体情况, and the sentences around the tables themselves.
    let prose: String = std::iter::once(report.overview_full())
        .chain(
            sources
                .iter()
                .flatten()
                .flat_map(|ls| ls.iter())
                .map(|l| l.text.clone()),
        )
        .collect::<Vec<_>>()
        .join("\n");
    let quotes = crate::model::prose::quotes(report.template(), &prose);
    let mut inferred = Vec::new();
    let tables = [TableId::T2, TableId::T3, TableId::T4];
    for ((source, table), heading) in sources.iter().zip(tables).zip(&present[1..4]) {
        let Some(lines) = source else { continue };
        let def = tables::TableDef::of(report.template(), table);
        let tokens = tokens::tokens(lines, glued);
        // A section not in the paste says nothing row by row (its heading
        // is already reported missing).
        let quiet = !headings || !heading;
        let section = tables::Section {
            tokens: &tokens,
            quotes: &quotes,
            quiet_if_absent: quiet,
        };
        tables::read(&def, &section, &mut report, &mut inferred, &mut notes);
    }

    let cells_read = report.filled_cells();
    if !headings {
        notes.push(if cells_read > 0 {
            Note::info(
                format!("没有找到年报的各部分标题，已按表格的行名读到 {cells_read} 个单元格。"),
                None,
            )
        } else {
            Note::warning(
                "没有找到年报的各部分标题（如“一、总体情况”“三、收到和处理政府信息公开申请情况”），请确认粘贴的是政府信息公开工作年度报告。"
                    .into(),
                None,
            )
        });
    }
    let blank_zero = blanks::zeros(&report);
    if !blank_zero.is_empty() {
        notes.push(Note::info(
            format!(
                "表中有 {} 个空白单元格（或“—”），按合计关系应为 0，未自动填写；可点“空白按0填入”。",
                blank_zero.len()
            ),
            None,
        ));
    }
    Imported {
        report,
        notes,
        cells_read,
        sections_found: present,
        inferred,
        blank_zero,
    }
}

/// Refuses binary and caps the size; None when there is nothing to read.
fn admit<'a>(input: &'a str, notes: &mut Vec<Note>) -> Option<&'a str> {
    let (mut control, mut total) = (0usize, 0usize);
    for c in input.chars().take(20_000) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    if total > 0 && control * 20 > total {
        notes.push(Note::warning(
            "粘贴的内容不是文字（可能是二进制文件或乱码），无法读取。请从网页或 Word 中复制报告正文。"
                .into(),
            None,
        ));
        return None;
    }
    if input.len() <= MAX_INPUT {
        return Some(input);
    }
    let mut end = MAX_INPUT;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    notes.push(Note::warning(
        format!(
            "粘贴的内容过大（{}.{} MB），只读取了前 2 MB。",
            input.len() / 1_048_576,
            input.len() % 1_048_576 * 10 / 1_048_576
        ),
        None,
    ));
    input.get(..end)
}

/// HTML to text, pinyin out, traditional to simplified, lines with their
/// indent, page and block; page chrome and page numbers dropped, spam noted.
fn clean_lines(input: &str, notes: &mut Vec<Note>, furniture: &mut front::Furniture) -> Vec<Line> {
    let text = if normalize::looks_like_markdown(input) {
        notes.push(Note::info("已按 Markdown 表格格式读取。".into(), None));
        normalize::markdown_to_text(input)
    } else if html::looks_like_html(input) {
        notes.push(Note::info(READ_AS_HTML.into(), None));
        html::to_text(input)
    } else {
        input.to_owned()
    };
    let (text, pinyin) = normalize::strip_pinyin(&text);
    if pinyin > 0 {
        notes.push(Note::info(format!("已删除拼音注音 {pinyin} 处。"), None));
    }
    let simplified = normalize::to_simplified(&text);
    if simplified != text {
        notes.push(Note::info("已将繁体字转换为简体字。".into(), None));
    }
    let mut lines = Vec::new();
    let (mut chrome, mut pages) = (0, 0);
    let mut page = 0;
    for (i, raw) in simplified.split('\n').enumerate() {
        work::add(raw.len() + 1);
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
            notes.push(Note::warning(
                format!(
                    "第 {} 行含有疑似网站被篡改植入的文字“{spam}”，已保留原样，请对照原件修改。",
                    i + 1
                ),
                Some(i + 1),
            ));
        }
        lines.push(Line {
            number: i + 1,
            text: text.to_owned(),
            indent,
            page,
        });
    }
    if chrome > 0 {
        notes.push(Note::info(
            format!("已去掉网页上的导航、发布日期等杂项 {chrome} 行。"),
            None,
        ));
    }
    if pages > 0 {
        notes.push(Note::info(format!("已去掉页码 {pages} 处。"), None));
    }
    lines
}

/// Sections 一, 五 and 六 (with the signature at the end of 六).
fn read_texts(found: &sections::Found, lines: &[Line], report: &mut Report) {
    let text = |s: usize| -> Vec<&str> {
        found
            .body(lines, s)
            .iter()
            .map(|l| l.text.as_str())
            .collect()
    };
    let (opening, topics) = split_overview(&text(0).join("\n"));
    report.set_text(TextKey::Overview, opening);
    for (i, body) in topics.into_iter().enumerate() {
        report.set_text(TextKey::Topic(i), body);
    }
    report.set_text(TextKey::Problems, text(4).join("\n"));
    let mut other = text(5);
    front::read_signature(&mut other, report);
    report.set_text(TextKey::Other, other.join("\n"));
    if report.year.is_none() {
        report.year = years_in(&report.overview_full()).first().copied();
    }
}

/// [`own_words`] of a format, made once.
fn own_words_of(format: Format) -> &'static [String] {
    static Y2021: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    static Y2019: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    match format {
        Format::Y2021 => Y2021.get_or_init(|| own_words(Format::Y2021)),
        Format::Y2019 => Y2019.get_or_init(|| own_words(Format::Y2019)),
    }
}

/// The table words only one format prints (spec §7.5), from the template:
/// 表二's titles, headers and row labels, 表三's row keywords, less those
/// the other format prints too; folded as the pasted text is.
fn own_words(format: Format) -> Vec<String> {
    let words = |f: Format| -> Vec<String> {
        let t = Template::get(f);
        let t2 = t.t2.iter().flat_map(|b| {
            std::iter::once(b.title)
                .chain(b.fields.iter().map(|f| f.label))
                .chain(
                    b.rows
                        .iter()
                        .flat_map(|r| std::iter::once(r.label).chain(r.keys.iter().copied())),
                )
        });
        let t3 = t.t3_rows.iter().flat_map(|r| r.keys.iter().copied());
        t2.chain(t3)
            // Keys with anchors ("、其他$") are patterns, not words.
            .filter(|w| !w.contains(['$', '^']))
            .flat_map(|w| {
                let w: String = normalize::key(w)
                    .chars()
                    .filter(|c| !c.is_ascii_digit() && *c != '.')
                    .collect();
                // "本年收费金额(单位:万元)" is also printed "本年收费金额（万元）".
                let head = w.split('(').next().unwrap_or_default().to_owned();
                [w, head]
            })
            .filter(|w| w.chars().count() >= 4)
            .collect()
    };
    let other_format = match format {
        Format::Y2021 => Format::Y2019,
        Format::Y2019 => Format::Y2021,
    };
    // Everything the other format prints, 表三's row labels included.
    let mut other = words(other_format);
    other.extend(
        Template::get(other_format)
            .t3_rows
            .iter()
            .map(|r| normalize::key(r.label))
            .chain(table3::GROUPS.iter().map(|g| normalize::key(g.label))),
    );
    let mut own: Vec<String> = words(format)
        .into_iter()
        .filter(|w| !other.iter().any(|o| o.contains(w.as_str())))
        .collect();
    // A variant seen in the wild.
    if format == Format::Y2019 {
        own.push("对外公开总量".into());
    }
    own.sort();
    own.dedup();
    own
}

/// Spec §7.5: 2019 if its table words appear, or 表三 has 其他处理 without
/// the 2021 rows, or the report year is 2020 or earlier. Words are read with
/// the figures taken out, so a label cut by its row's values still counts.
fn detect_format(sources: &[Option<&[Line]>; 3], overview: &[Line], front: &[Line]) -> Format {
    let keys: String = sources
        .iter()
        .take(2)
        .flatten()
        .flat_map(|lines| lines.iter())
        .map(|l| normalize::key(&l.text))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.')
        .collect();
    let has = |words: &[String]| words.iter().any(|w| keys.contains(w.as_str()));
    let (y2019, y2021) = (own_words_of(Format::Y2019), own_words_of(Format::Y2021));
    match (has(y2019), has(y2021)) {
        (true, false) => return Format::Y2019,
        (false, true) => return Format::Y2021,
        _ => {}
    }
    if keys.contains("本年新收") && keys.contains("其他处理") && !has(y2021) {
        return Format::Y2019;
    }
    let front_text: String = front.iter().map(|l| l.text.as_str()).collect();
    let year = years_in(&front_text).first().copied().or_else(|| {
        overview
            .first()
            .and_then(|l| years_in(&l.text).first().copied())
    });
    match year {
        Some(y) if y <= 2020 && !has(y2021) => Format::Y2019,
        _ => Format::Y2021,
    }
}

#[cfg(test)]
mod tests {
    use super::{own_words, Format};

    #[test]
    fn each_format_has_table_words_of_its_own() {
        let (y2019, y2021) = (own_words(Format::Y2019), own_words(Format::Y2021));
        for w in [
            "本年新制作数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "第二十条第(九)项",
            "政府集中采购",
        ] {
            assert!(y2019.iter().any(|o| o == w), "{w} in {y2019:?}");
        }
        for w in [
            "本年制发件数",
            "现行有效件数",
            "本年收费金额",
            "逾期不补正",
            "收费通知",
            "申请人无正当理由",
        ] {
            assert!(y2021.iter().any(|o| o == w), "{w} in {y2021:?}");
        }
        // Words both print are neither's.
        for w in ["其他处理", "规章", "行政许可", "第二十条第"] {
            assert!(!y2019.iter().chain(&y2021).any(|o| o == w), "{w}");
        }
    }
}
