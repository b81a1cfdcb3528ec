//! Report → publishable documents: standalone HTML, plain text, JSON, Word
//! and Excel.
//! One model, several printers (as csv's and ripgrep's); tables are laid
//! out from `template::layout`, so the merged cells are defined once.

#[cfg(feature = "docx")]
pub mod docx;
pub mod escape;
pub mod html;
pub mod text;
#[cfg(feature = "docx")]
pub mod xlsx;

use crate::model::{number, Report, Value};
use crate::template::CellId;

/// The formats a report can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Standalone HTML with inline CSS.
    Html,
    /// Plain text, tables as `|`-separated rows.
    Text,
    /// The spec §12.1 JSON.
    Json,
    /// The draft: the §12.1 JSON plus title, preamble, date and every cell's
    /// text as typed, to continue editing later (nothing is lost).
    Draft,
    /// A Word document. Written by the `docx` feature: natively, and in the
    /// page's extras worker (see [`Export::in_worker`]).
    Docx,
    /// The three tables as an Excel workbook with live totals (feature
    /// `docx`, like Word).
    Xlsx,
}

impl Export {
    /// All formats, in menu order.
    pub const ALL: &'static [Export] = &[
        Export::Html,
        Export::Docx,
        Export::Xlsx,
        Export::Text,
        Export::Json,
        Export::Draft,
    ];

    /// Whether the page renders it in the extras worker (loaded on first
    /// use): Word always, HTML and text when written in 繁體.
    pub fn in_worker(self, script: Script) -> bool {
        match self {
            Export::Docx | Export::Xlsx => true,
            Export::Html | Export::Text => script == Script::Traditional,
            Export::Json | Export::Draft => false,
        }
    }

    /// The export of a `data-download` kind.
    pub fn from_kind(kind: &str) -> Option<Export> {
        Export::ALL.iter().copied().find(|e| e.kind() == kind)
    }

    /// The `data-download` kind.
    pub fn kind(self) -> &'static str {
        match self {
            Export::Html => "html",
            Export::Text => "txt",
            Export::Json => "json",
            Export::Draft => "draft",
            Export::Docx => "docx",
            Export::Xlsx => "xlsx",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            Export::Html => ".html",
            Export::Text => ".txt",
            Export::Json => ".json",
            Export::Draft => "（草稿）.json",
            Export::Docx => ".docx",
            Export::Xlsx => "（统计表）.xlsx",
        }
    }

    /// Button label.
    pub fn label(self) -> &'static str {
        match self {
            Export::Html => "下载网页版（HTML）",
            Export::Text => "下载纯文本（TXT）",
            Export::Json => "导出数据（JSON）",
            Export::Draft => "保存草稿文件",
            Export::Docx => "下载 Word（DOCX）",
            Export::Xlsx => "下载统计表（Excel）",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::Html => "text/html;charset=utf-8",
            Export::Text => "text/plain;charset=utf-8",
            Export::Json | Export::Draft => "application/json",
            Export::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Export::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Suggested file name.
    pub filename: String,
    /// MIME type.
    pub mime: &'static str,
    /// Content.
    pub bytes: Vec<u8>,
}

impl Rendered {
    /// The content as text ("" for a binary format).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }
}

/// Which script the output is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    /// 简体 (the report as entered).
    #[default]
    Simplified,
    /// 繁體, converted with the importer's converter (zhconv) in the other direction.
    Traditional,
}

/// Renders a report in the given script.
///
/// ```
/// use nianbao::{model::Report, render::{render_in, Export, Script}};
/// let mut report = Report::default();
/// report.agency = Some("某区商务局".into());
/// let out = render_in(Export::Text, &report, Script::Traditional).unwrap();
/// assert!(out.text().starts_with("某區商務局政府信息公開工作年度報告"));
/// assert_eq!(out.filename, "某區商務局政府信息公開工作年度報告.txt");
/// ```
#[cfg(feature = "convert")]
pub fn render_in(export: Export, report: &Report, script: Script) -> Result<Rendered, String> {
    let out = render(export, report)?;
    Ok(match script {
        Script::Simplified => out,
        // Word files are converted before packing; text formats after rendering.
        #[cfg(feature = "docx")]
        Script::Traditional if export == Export::Docx => Rendered {
            filename: to_traditional(&out.filename),
            mime: out.mime,
            bytes: docx::document_with(report, &to_traditional)?,
        },
        // The workbook is data to fill in: it stays in the form's script.
        Script::Traditional if export == Export::Xlsx => out,
        Script::Traditional => Rendered {
            filename: to_traditional(&out.filename),
            mime: out.mime,
            bytes: to_traditional(out.text()).into_bytes(),
        },
    })
}

/// Simplified → traditional (zh-Hant, no regional vocabulary).
#[cfg(feature = "convert")]
pub fn to_traditional(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHant)
}

/// Renders a report; Err with a Chinese reason when a Word or Excel file
/// cannot be written, or this build has no writer for it (the page asks its
/// office worker for those: `Export::in_worker`).
///
/// ```
/// use nianbao::{model::Report, render::{render, Export}};
/// let mut report = Report::default();
/// report.agency = Some("某局<script>".into());
/// report.year = Some(2024);
/// let out = render(Export::Html, &report).unwrap();
/// assert_eq!(out.filename, "某局_script_2024年政府信息公开工作年度报告.html");
/// assert!(out.text().contains("某局&lt;script&gt;2024年"));
/// assert!(!out.text().contains("<script>"));
/// ```
pub fn render(export: Export, report: &Report) -> Result<Rendered, String> {
    let bytes = match export {
        Export::Html => html::document(report).into_bytes(),
        Export::Text => text::document(report).into_bytes(),
        Export::Json => crate::model::json::to_string(report).into_bytes(),
        Export::Draft => crate::model::json::to_draft(report).into_bytes(),
        #[cfg(feature = "docx")]
        Export::Docx => docx::document(report)?,
        #[cfg(feature = "docx")]
        Export::Xlsx => xlsx::document(report)?,
        #[cfg(not(feature = "docx"))]
        Export::Docx | Export::Xlsx => {
            return Err("此版本不能直接生成 Word 或 Excel 文件。".to_owned())
        }
    };
    let stem: String = title(report)
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    Ok(Rendered {
        filename: format!("{stem}{}", export.file_suffix()),
        mime: export.mime(),
        bytes,
    })
}

/// The document title: the report's own, or agency + year + the standard words.
pub fn title(report: &Report) -> String {
    if report.meta.title.trim().is_empty() {
        crate::model::edit::default_title(report.agency.as_deref(), report.year)
    } else {
        report.meta.title.clone()
    }
}

/// What a value cell prints: the canonical number, "—" when blank, the raw text when invalid.
pub fn cell_text(report: &Report, id: CellId) -> String {
    match report.value(id) {
        Value::Number(n) => number::format_value(n, report.template().cell(id).kind),
        Value::Empty | Value::Missing => "—".to_owned(),
        Value::Invalid(_) => report.raw(id).to_owned(),
    }
}
