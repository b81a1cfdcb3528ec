//! Report → publishable documents: standalone HTML, plain text, JSON.
//! One model, several printers (as csv's and ripgrep's); tables are laid
//! out from `template::layout`, so the merged cells are defined once.

pub mod escape;
pub mod html;
pub mod text;

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
}

impl Export {
    /// All formats, in menu order.
    pub const ALL: [Export; 4] = [Export::Html, Export::Text, Export::Json, Export::Draft];

    /// The `data-download` kind.
    pub fn kind(self) -> &'static str {
        match self {
            Export::Html => "html",
            Export::Text => "txt",
            Export::Json => "json",
            Export::Draft => "draft",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            Export::Html => ".html",
            Export::Text => ".txt",
            Export::Json => ".json",
            Export::Draft => "（草稿）.json",
        }
    }

    /// Button label.
    pub fn label(self) -> &'static str {
        match self {
            Export::Html => "下载网页版（HTML）",
            Export::Text => "下载纯文本（TXT）",
            Export::Json => "导出数据（JSON）",
            Export::Draft => "保存草稿文件",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::Html => "text/html;charset=utf-8",
            Export::Text => "text/plain;charset=utf-8",
            Export::Json | Export::Draft => "application/json",
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
    pub body: String,
}

/// Renders a report.
///
/// ```
/// use nianbao::{model::Report, render::{render, Export}};
/// let mut report = Report::default();
/// report.agency = Some("某局<script>".into());
/// report.year = Some(2024);
/// let out = render(Export::Html, &report);
/// assert_eq!(out.filename, "某局_script_2024年政府信息公开工作年度报告.html");
/// assert!(out.body.contains("某局&lt;script&gt;2024年"));
/// assert!(!out.body.contains("<script>"));
/// ```
pub fn render(export: Export, report: &Report) -> Rendered {
    let body = match export {
        Export::Html => html::document(report),
        Export::Text => text::document(report),
        Export::Json => crate::model::json::to_string(report),
        Export::Draft => crate::model::json::to_draft(report),
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
    Rendered {
        filename: format!("{stem}{}", export.file_suffix()),
        mime: export.mime(),
        body,
    }
}

/// The document title: the report's own, or agency + year + the standard words.
pub fn title(report: &Report) -> String {
    if report.meta.title.is_empty() {
        crate::import::default_title(report.agency.as_deref(), report.year)
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
