//! The report JSON of spec §12.1, produced by walking the template, and the
//! draft envelope the app saves (the contract plus what the contract has no
//! place for: title, preamble, signature date, and cell text that is not a
//! valid number).
//!
//! One extension of §12.1 (issue 20): findings marked 已核实 are kept under
//! a top-level `"acknowledged"` array, written only when there are any, so a
//! report without them is exactly the contract; each item holds `rule`,
//! `cells` (paths), `field` (or null), `values`, `message` and `reason`.
//! Drafts that carry them are version 2; version 1 drafts open as before.

use serde_json::{json, Map, Value as Json};

use super::number::{format_decimal, Value};
use super::{Meta, Report, TextKey};
use crate::template::{CellId, Format, SectionKind, TableId, ValueKind, SECTIONS, TOPICS};

/// Version of the draft envelope: 2 since findings can be marked 已核实.
pub const DRAFT_VERSION: u64 = 2;

/// Why a JSON text could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(pub String);

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

fn cell_json(report: &Report, id: CellId) -> Json {
    match report.value(id) {
        Value::Number(n) if report.template().cell(id).kind == ValueKind::Decimal => {
            Json::String(format_decimal(n))
        }
        Value::Number(n) => Json::from(n),
        _ => Json::Null,
    }
}

/// Inserts `value` at the dotted `path` below `root`, creating objects.
fn insert_path(root: &mut Map<String, Json>, path: &[&str], value: Json) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = root;
    for key in parents {
        let entry = node
            .entry((*key).to_owned())
            .or_insert_with(|| Json::Object(Map::new()));
        if !entry.is_object() {
            *entry = Json::Object(Map::new());
        }
        let Json::Object(next) = entry else { return };
        node = next;
    }
    node.insert((*last).to_owned(), value);
}

/// The JSON key of a table: its section's id.
fn section_of(table: TableId) -> &'static str {
    SECTIONS
        .iter()
        .find(|s| s.kind == SectionKind::Table(table))
        .map_or("", |s| s.id)
}

/// The report as the spec §12.1 JSON value.
///
/// ```
/// let report = nianbao::model::Report::default();
/// let json = nianbao::model::json::to_value(&report);
/// assert_eq!(json["format"], "2021");
/// assert!(json["s3_applications"]["result"]["total"]["total"].is_null());
/// ```
pub fn to_value(report: &Report) -> Json {
    let t = report.template();
    let mut root = Map::new();
    root.insert("format".into(), json!(report.format.as_str()));
    root.insert("year".into(), json!(report.year));
    root.insert("agency".into(), json!(report.agency));
    let mut s1 = Map::new();
    s1.insert("text".into(), json!(report.overview_full()));
    for (i, topic) in TOPICS.iter().enumerate() {
        s1.insert(topic.id.into(), json!(report.text(TextKey::Topic(i))));
    }
    root.insert(TextKey::Overview.id(), Json::Object(s1));
    let mut tables: Map<String, Json> = Map::new();
    for id in t.ids() {
        let cell = t.cell(id);
        let parts: Vec<&str> = cell.path.split('.').skip(1).collect();
        let section = section_of(cell.table);
        let entry = tables
            .entry(section.to_owned())
            .or_insert_with(|| Json::Object(Map::new()));
        if let Json::Object(map) = entry {
            insert_path(map, &parts, cell_json(report, id));
        }
    }
    for table in [TableId::T2, TableId::T3, TableId::T4] {
        let section = section_of(table);
        let v = tables.remove(section).unwrap_or_else(|| json!({}));
        root.insert(section.into(), v);
    }
    for key in [TextKey::Problems, TextKey::Other] {
        root.insert(key.id(), json!({ "text": report.text(key) }));
    }
    if !report.acknowledged.is_empty() {
        let marks: Vec<Json> = report
            .acknowledged
            .iter()
            .map(|a| {
                json!({
                    "rule": a.rule,
                    "cells": a.cells,
                    "field": a.field,
                    "values": a.values,
                    "message": a.message,
                    "reason": a.reason,
                })
            })
            .collect();
        root.insert("acknowledged".into(), Json::Array(marks));
    }
    Json::Object(root)
}

/// The marks of an `"acknowledged"` array; items it cannot read are skipped.
fn acknowledged(v: &Json) -> Vec<super::ack::Acknowledged> {
    let strings = |item: &Json, key: &str| -> Vec<String> {
        item.get(key)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    v.get("acknowledged")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| {
            Some(super::ack::Acknowledged {
                rule: item.get("rule")?.as_str()?.to_owned(),
                cells: strings(item, "cells"),
                field: item.get("field").and_then(Json::as_str).map(str::to_owned),
                values: strings(item, "values"),
                message: text_at(item, &["message"]),
                reason: text_at(item, &["reason"]),
            })
        })
        .collect()
}

/// The report as spec §12.1 JSON text (pretty).
pub fn to_string(report: &Report) -> String {
    serde_json::to_string_pretty(&to_value(report)).unwrap_or_default()
}

/// The draft the app saves: the contract plus title, preamble, date and raw texts.
pub fn to_draft(report: &Report) -> String {
    let t = report.template();
    let mut raw = Map::new();
    for id in t.ids() {
        let text = report.raw(id);
        let canonical = match report.value(id) {
            Value::Number(n) => super::number::format_value(n, t.cell(id).kind),
            _ => String::new(),
        };
        if text != canonical {
            raw.insert(t.cell(id).path.clone(), json!(text));
        }
    }
    let draft = json!({
        "nianbao_draft": DRAFT_VERSION,
        "meta": {
            "title": report.meta.title,
            "preamble": report.meta.preamble,
            "date": report.meta.date,
        },
        "raw": raw,
        "report": to_value(report),
    });
    serde_json::to_string(&draft).unwrap_or_default()
}

fn get<'a>(v: &'a Json, path: &[&str]) -> Option<&'a Json> {
    path.iter().try_fold(v, |node, key| node.get(*key))
}

fn text_at(v: &Json, path: &[&str]) -> String {
    get(v, path)
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Reads a report from JSON text: either a spec §12.1 report or a draft envelope.
///
/// ```
/// let text = r#"{"format":"2021","year":2023,"agency":"某局",
///   "s4_review_litigation":{"review":{"upheld":1,"total":1}}}"#;
/// let report = nianbao::model::json::from_str(text).unwrap();
/// let t = report.template();
/// assert_eq!(report.number(t.by_path("t4.review.total").unwrap()), Some(1));
/// assert_eq!(report.raw(t.by_path("t4.review.pending").unwrap()), "");
/// ```
pub fn from_str(text: &str) -> Result<Report, JsonError> {
    let v: Json = serde_json::from_str(text).map_err(|e| {
        JsonError(format!(
            "这不是有效的 JSON 文件（第 {} 行出错）。",
            e.line()
        ))
    })?;
    if v.get("nianbao_draft").is_some() {
        let body = v
            .get("report")
            .ok_or_else(|| JsonError("草稿文件缺少 report 部分，无法恢复。".into()))?;
        let mut report = from_value(body)?;
        report.meta = Meta {
            title: text_at(&v, &["meta", "title"]),
            preamble: text_at(&v, &["meta", "preamble"]),
            date: text_at(&v, &["meta", "date"]),
        };
        if let Some(Json::Object(raw)) = v.get("raw") {
            let t = report.template();
            for (path, text) in raw {
                if let (Some(id), Some(text)) = (t.by_path(path), text.as_str()) {
                    report.set_raw(id, text);
                }
            }
        }
        return Ok(report);
    }
    from_value(&v)
}

/// Reads a spec §12.1 report value.
pub fn from_value(v: &Json) -> Result<Report, JsonError> {
    let format = match v.get("format") {
        Some(Json::String(s)) => Format::parse(s),
        Some(Json::Number(n)) => Format::parse(&n.to_string()),
        _ => {
            return Err(JsonError(
                "这不是年报文件：缺少 format（格式）字段。".into(),
            ))
        }
    }
    .ok_or_else(|| JsonError("不支持的报告格式，只支持 \"2021\" 和 \"2019\"。".into()))?;
    let mut report = Report::new(format);
    report.year = v
        .get("year")
        .and_then(Json::as_i64)
        .and_then(|y| i32::try_from(y).ok());
    report.agency = v.get("agency").and_then(Json::as_str).map(str::to_owned);
    let overview = TextKey::Overview.id();
    let full = text_at(v, &[&overview, "text"]);
    let (opening, topics) = super::outline::split_overview(&full);
    report.set_text(TextKey::Overview, opening);
    for (i, topic) in TOPICS.iter().enumerate() {
        let explicit = text_at(v, &[&overview, topic.id]);
        let body = if explicit.is_empty() {
            topics[i].clone()
        } else {
            explicit
        };
        report.set_text(TextKey::Topic(i), body);
    }
    for key in [TextKey::Problems, TextKey::Other] {
        report.set_text(key, text_at(v, &[&key.id(), "text"]));
    }
    report.acknowledged = acknowledged(v);
    let t = report.template();
    for id in t.ids() {
        let cell = t.cell(id);
        let mut path: Vec<&str> = vec![section_of(cell.table)];
        path.extend(cell.path.split('.').skip(1));
        match get(v, &path) {
            Some(Json::Number(n)) => match n.as_i64() {
                Some(i) if cell.kind != ValueKind::Decimal => report.set_number(id, i),
                _ => report.set_raw(id, n.to_string()),
            },
            Some(Json::String(s)) => report.set_raw(id, s.clone()),
            _ => {}
        }
    }
    Ok(report)
}
