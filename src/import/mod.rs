//! Pasted text or HTML of a published report → a [`Report`] plus notes on
//! what could not be read. Never panics; every note says where.
//!
//! The pipeline, in order:
//! 1. refuse binary, cap the size ([`MAX_INPUT`]);
//! 2. HTML → lines (`html.rs`), when the paste is markup;
//! 3. pinyin annotations out, traditional → simplified (`normalize.rs`);
//! 4. lines trimmed, page chrome dropped, spam fragments noted;
//! 5. the six headings found in order; a second 一 means the report was
//!    pasted twice, and reading stops there (`sections.rs`);
//! 6. title, agency, year and preamble from the lines before 一; the
//!    signature from the end of 六;
//! 7. the format detected (spec §7.5);
//! 8. the tables read by keyword and position (`tables.rs`); texts kept.

#![deny(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

pub mod html;
pub mod normalize;
mod sections;
mod tables;

use crate::model::outline::{parse_date, split_overview, statistics_year, years_in};
use crate::model::{Report, TextKey};
use crate::template::{Format, SECTIONS};

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
}

impl Imported {
    /// A report read from a saved data file: nothing converted, nothing to report.
    pub fn from_report(report: Report) -> Imported {
        Imported {
            cells_read: report.filled_cells(),
            report,
            notes: Vec::new(),
            sections_found: [true; 6],
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
        Err(e) => Imported {
            report: Report::default(),
            notes: vec![Note::warning(
                format!("这个文件是数据文件（JSON），但无法读取：{e}"),
                None,
            )],
            cells_read: 0,
            sections_found: [false; 6],
        },
    }
}

/// A cleaned line of the input.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub number: usize,
    pub text: String,
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
        return Imported {
            report: Report::default(),
            notes,
            cells_read: 0,
            sections_found: [false; 6],
        };
    };
    let lines = clean_lines(input, &mut notes);
    let found = sections::find(&lines, &mut notes);
    let present = found.present();
    let headings = present.contains(&true);
    for (section, _) in SECTIONS.iter().zip(present).filter(|(_, p)| headings && !p) {
        notes.push(Note::warning(
            format!("没有找到“{}”部分。", section.title),
            None,
        ));
    }

    let front = lines.get(..found.start()).unwrap_or_default();
    let body = |s: usize| found.body(&lines, s);
    // Without any heading (only a table was copied), tables 二 and 三 are
    // looked for in the whole paste by their row names; 表四 has none.
    let sources = if headings {
        [body(1), body(2), body(3)].map(Some)
    } else {
        [Some(lines.as_slice()), Some(lines.as_slice()), None]
    };
    let table_lines: Vec<Line> = [sources[0], sources[1]]
        .into_iter()
        .flatten()
        .flatten()
        .cloned()
        .collect();
    let format = detect_format(&table_lines, body(0), front);
    if format == Format::Y2019 {
        notes.push(Note::info(
            "按 2019 年试行格式（国办公开办函〔2019〕60号）读取。".into(),
            None,
        ));
    }
    let mut report = Report::new(format);
    read_front_matter(front, &mut report);
    read_texts(&found, &lines, &mut report);
    read_tables(sources, !headings, &mut report, &mut notes);

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
    Imported {
        report,
        notes,
        cells_read,
        sections_found: present,
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
            "粘贴的内容过大（{:.1} MB），只读取了前 2 MB。",
            input.len() as f64 / 1_048_576.0
        ),
        None,
    ));
    input.get(..end)
}

/// HTML to text, pinyin out, traditional to simplified, lines trimmed, page
/// chrome dropped, spam noted.
fn clean_lines(input: &str, notes: &mut Vec<Note>) -> Vec<Line> {
    let text = if html::looks_like_html(input) {
        notes.push(Note::info("已按网页（HTML）格式读取。".into(), None));
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
    let mut chrome = 0;
    for (i, raw) in simplified.lines().enumerate() {
        let text = raw.replace('\u{a0}', " ");
        let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if normalize::is_chrome(&normalize::key(text)) {
            // Padding lines ("|||") are not worth mentioning; page furniture is.
            chrome += usize::from(!text.chars().all(|c| c == '|' || c.is_whitespace()));
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
        });
    }
    if chrome > 0 {
        notes.push(Note::info(
            format!("已去掉网页上的导航、发布日期等杂项 {chrome} 行。"),
            None,
        ));
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
    read_signature(&mut other, report);
    report.set_text(TextKey::Other, other.join("\n"));
    if report.year.is_none() {
        report.year = years_in(&report.overview_full()).first().copied();
    }
}

/// The three tables, each from its own section (or, for 二 and 三, from the
/// whole paste when it has no headings).
fn read_tables(
    sources: [Option<&[Line]>; 3],
    quiet_if_absent: bool,
    report: &mut Report,
    notes: &mut Vec<Note>,
) {
    let t = report.template();
    if let Some(lines) = sources[0] {
        let expected: Vec<tables::Expected> = (0..t.t2_row_count())
            .map(|r| {
                let (block, row) = t.t2_row(r);
                tables::Expected {
                    keys: row.keys,
                    label: row.label,
                    cells: (0..block.fields.len()).map(|f| t.t2_cell(r, f)).collect(),
                }
            })
            .collect();
        let tokens = tables::tokens(lines);
        tables::read_rows(&tokens, &expected, "表二", report, quiet_if_absent, notes);
    }
    if let Some(lines) = sources[1] {
        let expected: Vec<tables::Expected> = t
            .t3_rows
            .iter()
            .enumerate()
            .map(|(r, row)| tables::Expected {
                keys: row.keys,
                label: row.label,
                cells: (0..crate::template::table3::COLUMNS.len())
                    .map(|c| t.t3_cell(r, c))
                    .collect(),
            })
            .collect();
        let tokens = tables::tokens(lines);
        tables::read_rows(&tokens, &expected, "表三", report, quiet_if_absent, notes);
    }
    if let Some(lines) = sources[2] {
        let tokens = tables::tokens(lines);
        tables::read_t4(&tokens, report, notes);
    }
}

/// Spec §7.5: 2019 if its table words appear, or 表三 lacks the 2021 rows,
/// or the report year is 2020 or earlier.
fn detect_format(table_lines: &[Line], overview: &[Line], front: &[Line]) -> Format {
    let keys: String = table_lines
        .iter()
        .map(|l| normalize::key(&l.text))
        .collect();
    let markers_2019 = [
        "本年新制作数量",
        "对外公开总数量",
        "对外公开总量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第(九)项",
        "政府集中采购",
    ];
    if markers_2019.iter().any(|m| keys.contains(m)) {
        return Format::Y2019;
    }
    let has_t3 = keys.contains("本年新收");
    if has_t3
        && !keys.contains("逾期不补正")
        && !keys.contains("收费通知")
        && keys.contains("其他处理")
    {
        return Format::Y2019;
    }
    let front_text: String = front.iter().map(|l| l.text.as_str()).collect();
    let year = years_in(&front_text).first().copied().or_else(|| {
        overview
            .first()
            .and_then(|l| years_in(&l.text).first().copied())
    });
    match year {
        Some(y) if y <= 2020 && !keys.contains("逾期不补正") => Format::Y2019,
        _ => Format::Y2021,
    }
}

/// The suffix every report title ends with.
const TITLE_SUFFIX: &str = "政府信息公开工作年度报告";

/// Title, agency, year and preamble from the lines before 一、总体情况.
fn read_front_matter(front: &[Line], report: &mut Report) {
    let mut title: Option<&str> = None;
    let mut preamble: Vec<&str> = Vec::new();
    for line in front {
        let text = line.text.as_str();
        match title {
            None if is_title(text) => title = Some(text),
            Some(t) if t == text => {}
            _ => preamble.push(text),
        }
    }
    report.meta.preamble = preamble.join("\n");
    let stats_year = statistics_year(&report.meta.preamble);
    if let Some(title) = title {
        report.year = years_in(title).first().copied().or(stats_year);
        if let Some(agency) = agency_of_title(title) {
            report.agency = Some(agency);
        }
        if default_title(report.agency.as_deref(), report.year) != title {
            report.meta.title = title.to_owned();
        }
    } else {
        report.year = stats_year;
    }
    if report.agency.is_none() {
        // "…由昆区商务局编写" / "…由XX办公室编制".
        let p = &report.meta.preamble;
        if let Some(start) = p.find('由') {
            let after = &p[start + '由'.len_utf8()..];
            let end = ["编写", "编制"].iter().filter_map(|k| after.find(k)).min();
            if let Some(end) = end {
                let name = after[..end].trim();
                if !name.is_empty()
                    && name.chars().count() <= 30
                    && !name.contains(['，', ',', '。'])
                {
                    report.agency = Some(name.to_owned());
                }
            }
        }
    }
}

/// A report title: short, and naming the annual report.
pub(crate) fn is_title(line: &str) -> bool {
    line.chars().count() <= 60
        && ["年度报告", "信息公开年报", "信息公开工作年报"]
            .iter()
            .any(|k| line.contains(k))
}

/// The agency named by a title: "XX局2023年政府信息公开工作年度报告",
/// "2023年度XX局政府信息公开工作年度报告", "关于XX局二〇二三年…".
///
/// ```
/// # use nianbao::import::agency_of_title as a;
/// assert_eq!(a("大武口区人民政府办公室2023年政府信息公开工作年度报告").as_deref(), Some("大武口区人民政府办公室"));
/// assert_eq!(a("2023年度某市统计局政府信息公开工作年度报告").as_deref(), Some("某市统计局"));
/// assert_eq!(a("某县人民政府关于2023年政府信息公开工作年度报告").as_deref(), Some("某县人民政府"));
/// assert_eq!(a("某区教育局二〇二三年政府信息公开工作年度报告").as_deref(), Some("某区教育局"));
/// assert_eq!(a("某市司法局政府信息公开工作年度报告（2023年）").as_deref(), Some("某市司法局"));
/// assert_eq!(a("政府信息公开工作年度报告"), None);
/// ```
pub fn agency_of_title(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    // Where the year (4 characters + 年) stands, if any.
    let year_at = chars.windows(5).position(|w| {
        let w: String = w.iter().collect();
        years_in(&w).len() == 1
    });
    let (before, after): (String, String) = match year_at {
        Some(i) => (
            chars.iter().take(i).collect(),
            chars.iter().skip(i + 5).collect(),
        ),
        None => (String::new(), title.to_owned()),
    };
    // The agency ends where the standard words begin.
    let clean = |s: &str| -> String {
        let s = s.find("政府信息公开").map_or(s, |end| &s[..end]);
        let s = s.trim().trim_start_matches("关于").trim_end_matches("关于");
        let s = s
            .trim_start_matches('度')
            .trim_end_matches(['(', '（', ' ']);
        s.trim().to_owned()
    };
    let name = match clean(&before) {
        b if b.is_empty() => clean(&after),
        b => b,
    };
    (!name.is_empty() && name.chars().count() <= 40).then_some(name)
}

/// The title a report gets when it has none of its own.
pub fn default_title(agency: Option<&str>, year: Option<i32>) -> String {
    let year = year.map(|y| format!("{y}年")).unwrap_or_default();
    format!("{}{year}{TITLE_SUFFIX}", agency.unwrap_or_default())
}

/// Takes "机关名称 / 2024年1月20日" off the end of section 六.
fn read_signature(other: &mut Vec<&str>, report: &mut Report) {
    let Some(last) = other.last() else { return };
    if last.chars().count() > 20 || parse_date(last).is_none() {
        return;
    }
    report.meta.date = (*last).to_owned();
    other.pop();
    if let Some(name) = other.last() {
        let looks_like_name = name.chars().count() <= 30
            && !name.ends_with(['。', '；', '：', ':'])
            && !name.contains(['，', ',']);
        match report.agency.as_deref() {
            None if looks_like_name => report.agency = Some((*name).to_owned()),
            Some(agency) if agency == *name => {}
            _ => return,
        }
        other.pop();
    }
}
