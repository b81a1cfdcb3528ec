//! The command line (spec §12.3): `nianbao parse|check|render`. Reads files,
//! calls the core, prints. No logic of its own. Host only.

use std::io::{Read, Write};

use crate::model::{json, Report};
use crate::render::{render_in, Export, Script};
use crate::rules::{self, Finding};
use crate::{import, template::Format};

const USAGE: &str = "用法：
  nianbao parse FILE... [--json]               读取年报（文本或网页），输出 JSON
  nianbao check FILE... [--json] [--previous FILE]
                                               读取并检查勾稽关系等，列出问题
  nianbao render FILE (--html|--docx|--txt|--json) [--traditional]
                                               生成可发布的报告（--traditional 为繁体）
FILE 为 - 时读取标准输入。退出码：0 已运行，1 文件无法读取，2 用法错误。";

struct Args {
    command: String,
    files: Vec<String>,
    json: bool,
    previous: Option<String>,
    export: Option<Export>,
    script: Script,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut it = argv.iter();
    let command = it.next().ok_or("缺少命令")?.clone();
    if !matches!(command.as_str(), "parse" | "check" | "render") {
        return Err(format!("未知命令“{command}”"));
    }
    let mut args = Args {
        command,
        files: Vec::new(),
        json: false,
        previous: None,
        export: None,
        script: Script::Simplified,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" if args.command == "render" => args.export = Some(Export::Json),
            "--json" => args.json = true,
            "--html" => args.export = Some(Export::Html),
            "--txt" | "--text" => args.export = Some(Export::Text),
            #[cfg(feature = "docx")]
            "--docx" => args.export = Some(Export::Docx),
            "--traditional" => args.script = Script::Traditional,
            "--previous" => {
                args.previous = Some(it.next().ok_or("--previous 后面缺少文件名")?.clone())
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("未知选项“{s}”")),
            s => args.files.push(s.to_owned()),
        }
    }
    if args.files.is_empty() {
        return Err("缺少文件名".into());
    }
    if args.command == "render" && (args.export.is_none() || args.files.len() != 1) {
        return Err("render 需要一个文件和 --html、--docx、--txt 或 --json 之一".into());
    }
    Ok(args)
}

fn read_file(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
            _ => e.to_string(),
        };
        format!("无法读取文件“{path}”：{why}")
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A file read as a report: JSON reports load directly, anything else is imported.
fn load(path: &str) -> Result<(Report, Vec<import::Note>), String> {
    let text = read_file(path)?;
    if text.trim_start().starts_with('{') {
        if let Ok(report) = json::from_str(&text) {
            return Ok((report, Vec::new()));
        }
    }
    let imported = import::import(&text);
    Ok((imported.report, imported.notes))
}

fn finding_json(report: &Report, f: &Finding) -> serde_json::Value {
    let t = report.template();
    serde_json::json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "cells": f.cells.iter().map(|&c| t.cell(c).path.clone()).collect::<Vec<_>>(),
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
    })
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Y2021 => "2021年格式",
        Format::Y2019 => "2019年试行格式",
    }
}

/// Runs the command line; returns the exit status.
pub fn run(argv: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args = match parse_args(argv) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                let _ = writeln!(err, "错误：{msg}");
            }
            let _ = writeln!(err, "{USAGE}");
            return 2;
        }
    };
    let previous = match args.previous.as_deref().map(load) {
        Some(Err(msg)) => {
            let _ = writeln!(err, "{msg}");
            return 1;
        }
        Some(Ok((r, _))) => Some(r),
        None => None,
    };
    let mut status = 0;
    let several = args.files.len() > 1;
    for path in &args.files {
        let (report, notes) = match load(path) {
            Ok(x) => x,
            Err(msg) => {
                let _ = writeln!(err, "{msg}");
                status = 1;
                continue;
            }
        };
        let written = match args.command.as_str() {
            "parse" => {
                for n in &notes {
                    let _ = writeln!(err, "{path}: {}", n.message);
                }
                if several {
                    writeln!(out, "{}", json::to_value(&report))
                } else {
                    writeln!(out, "{}", json::to_string(&report))
                }
            }
            "check" => {
                let findings = rules::check(&report, previous.as_ref());
                if args.json {
                    let v = serde_json::json!({
                        "file": path,
                        "format": report.format.as_str(),
                        "findings": findings.iter().map(|f| finding_json(&report, f)).collect::<Vec<_>>(),
                    });
                    writeln!(out, "{v}")
                } else {
                    let (e, w, i) = rules::tally(&findings);
                    let mut text = format!(
                        "== {path}：{} {} {}，错误 {e}，提醒 {w}，提示 {i}\n",
                        report.agency.as_deref().unwrap_or("（未识别机关）"),
                        report
                            .year
                            .map_or("（未识别年度）".to_owned(), |y| format!("{y}年度")),
                        format_name(report.format),
                    );
                    for f in &findings {
                        text.push_str(&format!(
                            "[{}] {} {}\n",
                            f.severity.label(),
                            f.rule,
                            f.message
                        ));
                    }
                    write!(out, "{text}")
                }
            }
            _ => {
                let export = args.export.unwrap_or(Export::Html);
                out.write_all(&render_in(export, &report, args.script).bytes)
            }
        };
        if written.is_err() {
            return 1;
        }
    }
    status
}

/// Entry point for `main`.
pub fn main() -> i32 {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(&argv, &mut stdout.lock(), &mut stderr.lock())
}
