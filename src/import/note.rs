//! What the importer says about a paste or a file: every Chinese sentence it
//! writes is here, one kind each, as `rules/message.rs` is for the checks.
//! The page and the command line show [`Note::message`]; code that needs to
//! know what was said matches [`NoteKind`], never the sentence.

use super::read::FileKind;
use crate::template::{TableId, SECTIONS};

/// How much a note matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something was done to the text (converted, removed, chosen).
    Info,
    /// Something could not be read, or may be wrong.
    Warning,
}

/// What was done or found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A file was opened in the page (its name).
    Opened(String),
    /// A file was read: what it was, and its pages (a PDF).
    ReadFile {
        /// Word, Excel or PDF.
        kind: FileKind,
        /// Pages of a PDF.
        pages: Option<usize>,
    },
    /// A PDF stopped parsing part way: the text before was read.
    FilePartial,
    /// A saved data file (JSON) that does not parse.
    DataUnreadable(String),
    /// The reader could not read it at all (a worker stopped, say): why.
    NotRead(String),
    /// The paste is not text.
    Binary,
    /// The paste was cut at the size limit (its size, in tenths of a MB).
    TooLarge(usize),
    /// Read as a web page.
    ReadAsHtml,
    /// Read as Markdown tables.
    ReadAsMarkdown,
    /// Pinyin annotations removed (how many).
    PinyinRemoved(usize),
    /// Traditional script made simplified.
    Simplified,
    /// Traditional script could not be converted (why).
    NotSimplified(String),
    /// A line holds words a hijacked mirror site plants.
    Spam {
        /// The 1-based line.
        line: usize,
        /// The words.
        fragment: &'static str,
    },
    /// Page furniture removed (lines).
    Chrome(usize),
    /// Page numbers removed.
    PageMarks(usize),
    /// A section heading again: the report was pasted twice.
    Repeated {
        /// The section.
        section: usize,
        /// The 1-based line.
        line: usize,
    },
    /// A section's heading was not found.
    SectionMissing(usize),
    /// Read in the 2019 trial format.
    Format2019,
    /// No heading was found, but table rows were (cells read).
    NoHeadings(usize),
    /// No heading and no table: not a report.
    NotAReport,
    /// Empty cells the sums say are zeros, offered to fill.
    BlankZeros(usize),
    /// A table's rows appear twice: the first were read.
    RowsRepeated(TableId),
    /// A table's figures stand apart from its row labels and the sums
    /// cannot place them.
    TableApart(TableId),
    /// Cells that two readings give differently, both adding up.
    Disputed(TableId, usize),
    /// Cells whose reading no second witness bears out.
    Unproven(TableId, usize),
    /// The prose states a total otherwise than the table; the table's kept.
    ProseDiffers {
        /// The cell, as the form names it.
        place: String,
        /// What the table shows.
        read: String,
        /// What the prose says.
        said: i64,
    },
    /// A row whose figures split or place more than one way.
    RowOpen(TableId, &'static str),
    /// A row found without figures.
    RowEmpty(TableId, &'static str),
    /// A row not found.
    RowMissing(TableId, &'static str),
    /// A table without a label per row (表四) read empty (its cells).
    TableEmpty(TableId, usize),
    /// A table without a label per row read in part.
    TablePartial {
        /// The table.
        table: TableId,
        /// Cells read.
        read: usize,
        /// Cells it has.
        of: usize,
    },
    /// Rows placed by the sums (digits run together, blanks dropped).
    InferredRows(TableId, usize),
    /// A note as it came from the worker that read the report: its level
    /// and sentence are the [`Note`]'s own ([`crate::import::wire`]).
    Relayed,
}

/// What the importer says about a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What was done or found.
    pub kind: NoteKind,
    /// Info or warning.
    pub level: Level,
    /// The Chinese sentence for the user.
    pub message: String,
    /// The 1-based line of the (converted) input it refers to.
    pub line: Option<usize>,
}

impl From<NoteKind> for Note {
    fn from(kind: NoteKind) -> Note {
        let line = match kind {
            NoteKind::Spam { line, .. } | NoteKind::Repeated { line, .. } => Some(line),
            _ => None,
        };
        Note {
            level: kind.level(),
            message: kind.message(),
            line,
            kind,
        }
    }
}

/// A row label, short enough for a sentence.
fn short(label: &str) -> String {
    label.chars().take(24).collect()
}

impl NoteKind {
    /// Info or warning.
    pub fn level(&self) -> Level {
        use NoteKind::*;
        match self {
            Opened(_)
            | ReadFile { .. }
            | ReadAsHtml
            | ReadAsMarkdown
            | PinyinRemoved(_)
            | Simplified
            | Chrome(_)
            | PageMarks(_)
            | Repeated { .. }
            | Format2019
            | NoHeadings(_)
            | BlankZeros(_)
            | RowsRepeated(_)
            | InferredRows(..)
            | Relayed => Level::Info,
            _ => Level::Warning,
        }
    }

    /// The sentence.
    pub fn message(&self) -> String {
        use NoteKind::*;
        match self {
            Opened(name) => format!("已打开文件“{name}”。"),
            ReadFile { kind, pages } => match (kind, pages) {
                (FileKind::Pdf, Some(n)) => {
                    format!("已按文字位置读取 PDF 文件（{n} 页）的正文和表格。")
                }
                (FileKind::Pdf, None) => "已按文字位置读取 PDF 文件的正文和表格。".into(),
                (FileKind::Workbook | FileKind::OldOffice, _) => {
                    "已按行名读取 Excel 工作簿中的表格。".into()
                }
                _ => "已读取 Word 文件的正文和表格。".into(),
            },
            FilePartial => "PDF 文件有部分内容已损坏，无法解析，只读取了其前面的部分；请核对未读到的内容。".into(),
            DataUnreadable(why) => format!("这个文件是数据文件（JSON），但无法读取：{why}"),
            NotRead(why) => format!("未能读取：{why}"),
            Binary => "粘贴的内容不是文字（可能是二进制文件或乱码），无法读取。请从网页或 Word 中复制报告正文。".into(),
            TooLarge(tenths) => format!(
                "粘贴的内容过大（{}.{} MB），只读取了前 2 MB。",
                tenths / 10,
                tenths % 10
            ),
            ReadAsHtml => "已按网页（HTML）格式读取。".into(),
            ReadAsMarkdown => "已按 Markdown 表格格式读取。".into(),
            PinyinRemoved(n) => format!("已删除拼音注音 {n} 处。"),
            Simplified => "已将繁体字转换为简体字。".into(),
            NotSimplified(why) => format!("繁体字未能转换（{why}），已按原文读取。"),
            Spam { line, fragment } => format!(
                "第 {line} 行含有疑似网站被篡改植入的文字“{fragment}”，已保留原样，请对照原件修改。"
            ),
            Chrome(n) => format!("已去掉网页上的导航、发布日期等杂项 {n} 行。"),
            PageMarks(n) => format!("已去掉页码 {n} 处。"),
            Repeated { section, line } => format!(
                "“{}”在第 {line} 行再次出现：报告内容重复，已采用第一份。",
                SECTIONS.get(*section).map_or("", |s| s.title)
            ),
            SectionMissing(s) => format!(
                "没有找到“{}”部分。",
                SECTIONS.get(*s).map_or("", |s| s.title)
            ),
            Format2019 => "按 2019 年试行格式（国办公开办函〔2019〕60号）读取。".into(),
            NoHeadings(cells) => {
                format!("没有找到年报的各部分标题，已按表格的行名读到 {cells} 个单元格。")
            }
            NotAReport => "没有找到年报的各部分标题（如“一、总体情况”“三、收到和处理政府信息公开申请情况”），请确认粘贴的是政府信息公开工作年度报告。".into(),
            BlankZeros(n) => format!(
                "表中有 {n} 个空白单元格（或“—”），按合计关系应为 0，未自动填写；可点“空白按0填入”。"
            ),
            RowsRepeated(t) => format!("{}中有重复出现的行，已采用第一次出现的数据。", t.name()),
            TableApart(t) => format!(
                "{}的数字与行名分开排列（如从 PDF 复制的文字），按合计关系也无法确定对应关系，已留空，请对照原件填写。",
                t.name()
            ),
            Disputed(t, n) => format!(
                "{}有 {n} 个单元格能按两种方式读出且都符合合计关系，无法确定，已留空，请对照原件填写。",
                t.name()
            ),
            Unproven(t, n) => format!(
                "{}有 {n} 个单元格读到的数字没有得到合计关系的印证（不在其行名所在的行，或与另一种读法相矛盾），已留空，请对照原件填写。",
                t.name()
            ),
            ProseDiffers { place, read, said } => {
                format!("{place}读到的是 {read}，而正文写的是 {said}；已按表中数字填入，请核对。")
            }
            RowOpen(t, label) => format!(
                "{}“{}”行的数字有多种拆分或位置都符合合计关系，无法确定的单元格已留空，请对照原件填写。",
                t.name(),
                short(label)
            ),
            RowEmpty(t, label) => format!(
                "{}“{}”行没有读到数字，这些单元格留空待填。",
                t.name(),
                short(label)
            ),
            RowMissing(t, label) => format!(
                "{}没有找到“{label}”行，这些单元格留空待填（不会当作0）。",
                t.name()
            ),
            TableEmpty(t, cells) => {
                format!("{}没有读到数据，{cells} 个单元格留空待填。", t.name())
            }
            TablePartial { table, read, of } => format!(
                "{}只读到 {read} 个数（应有 {of} 个），其余留空待填。",
                table.name()
            ),
            InferredRows(t, n) => format!(
                "{}有 {n} 行的数字在原文中连在一起或缺了空白单元格，已按合计关系确定位置，请核对（已标出）。",
                t.name()
            ),
            Relayed => String::new(),
        }
    }
}
