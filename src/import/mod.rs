//! A published report, pasted or opened, → a [`Report`] plus notes on what
//! could not be read. Never panics; every reader keeps within a budget.
//!
//! The pipeline, in order, a folder or file a stage:
//! 1. `read/`: what was pasted or opened, read: a pasted web page as lines
//!    of cells (`read/html.rs`); a Word, Excel or PDF file, told by its
//!    first bytes ([`read::FileKind`]), as a [`Document`] of paragraphs and
//!    tables with their spans ([`read::open`]);
//! 2. `text/`: the size capped, binary refused, pinyin out, traditional
//!    made simplified, page chrome and numbers out (kept as the page's
//!    furniture: its metadata box, its breadcrumb); the six headings found
//!    by position and form; title, agency, year and preamble from the front
//!    matter, the signature from the end of 六;
//! 3. the format detected (spec §7.5);
//! 4. `tables/`: each table read by its own sums: tokens with their
//!    positions, candidate readings, digit runs split, a search over rows,
//!    and two witnesses per cell before a value is written (issue 16);
//!    what the prose quotes of the totals is a witness too;
//! 5. blanks the sums say are zeros offered, never filled (`blanks.rs`).
//!
//! Every sentence the importer says is a [`NoteKind`] (`note.rs`).

#![deny(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

pub mod blanks;
pub mod block;
pub mod document;
mod note;
pub mod read;
mod tables;
pub mod text;
pub mod wire;
pub mod work;

pub use document::Document;
pub use note::{Level, Note, NoteKind};
pub use read::{open, FileKind, Opened};
pub use text::front::agency_of_title;
pub use text::MAX_INPUT;

use crate::model::outline::{split_overview, years_in};
use crate::model::{Report, TextKey};
use crate::template::{table3, CellId, Format, TableId, Template, SECTIONS};
use text::front::{self, Furniture};
use text::{normalize, sections, Line};

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

    /// Nothing read, and why.
    pub fn nothing(notes: Vec<Note>) -> Imported {
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
        Err(e) => Imported::nothing(vec![NoteKind::DataUnreadable(e.to_string()).into()]),
    }
}

/// Reads a Word, Excel or PDF file as it was opened ([`read::open`]).
pub fn import_opened(opened: &Opened) -> Imported {
    let mut notes = vec![Note::from(NoteKind::ReadFile {
        kind: opened.kind,
        pages: opened.pages,
    })];
    if !opened.complete {
        notes.push(NoteKind::FilePartial.into());
    }
    if opened.simplified {
        notes.push(NoteKind::Simplified.into());
    }
    import_lines(&opened.document.lines(), notes)
}

/// A Word, Excel or PDF file read and imported. Err with a Chinese reason
/// when it cannot be read.
pub fn open_report(bytes: &[u8]) -> Result<Imported, String> {
    open(bytes).map(|opened| import_opened(&opened))
}

/// Opens and reads a file's bytes: a Word, Excel or PDF file by its reader,
/// anything else as text (`decode` makes it a string: the page and the
/// command line decode text each with their own means). Err with a Chinese
/// reason when the file cannot be read.
pub fn import_bytes(
    bytes: &[u8],
    decode: impl FnOnce(&[u8]) -> String,
) -> Result<Imported, String> {
    if FileKind::of(bytes).is_office() {
        return open_report(bytes);
    }
    Ok(import_file(&decode(bytes)))
}

/// Reads a pasted report (text or HTML).
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
    let Some(input) = text::admit(input, &mut notes) else {
        return Imported::nothing(notes);
    };
    let text = text::paste_text(input, &mut notes);
    import_lines(&text, notes)
}

/// The pipeline from lines of text (a paste's, or a document's) on.
fn import_lines(text: &str, mut notes: Vec<Note>) -> Imported {
    let mut furniture = Furniture::default();
    let lines =
        sections::split_run_in_headings(text::clean_lines(text, &mut notes, &mut furniture));
    let found = sections::find(&lines, &mut notes);
    let present = found.present();
    let headings = present.contains(&true);
    for (s, _) in SECTIONS
        .iter()
        .enumerate()
        .zip(present)
        .filter(|(_, p)| headings && !p)
    {
        notes.push(NoteKind::SectionMissing(s.0).into());
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
        notes.push(NoteKind::Format2019.into());
    }
    let mut report = Report::new(format);
    front::read(front_lines, &furniture, &mut report);
    read_texts(&found, &lines, &mut report);
    let glued = tables::is_run_together(&lines);
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
        // A section not in the paste says nothing row by row (its heading
        // is already reported missing).
        let quiet = !headings || !heading;
        let section = tables::Section {
            lines,
            glued,
            quotes: &quotes,
            quiet_if_absent: quiet,
        };
        tables::read(&def, &section, &mut report, &mut inferred, &mut notes);
    }

    let cells_read = report.filled_cells();
    if !headings {
        notes.push(if cells_read > 0 {
            NoteKind::NoHeadings(cells_read).into()
        } else {
            NoteKind::NotAReport.into()
        });
    }
    let blank_zero = blanks::zeros(&report);
    if !blank_zero.is_empty() {
        notes.push(NoteKind::BlankZeros(blank_zero.len()).into());
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
    crate::sort::ascending(&mut own);
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
