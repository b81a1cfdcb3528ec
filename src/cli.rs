//! The command line (spec §12.3): `nianbao parse|check|render`. Reads files
//! and folders, calls the core, prints. No logic of its own. Host only.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::import;
use crate::model::{json, Report};
use crate::render::{render_in, Export, Script};
use crate::rules::{batch, Finding};
use crate::template::Format;

const USAGE: &str = "用法：
  nianbao parse FILE... [--json]               读取年报（文本或网页），输出 JSON
  nianbao check FILE|DIR... [--json|--csv] [--details] [--previous FILE] [--parent FILE]
                [--issues-xlsx FILE] [--issues-docx FILE]
                                               检查勾稽关系等；多份报告时输出汇总表，
                                               同一机关相邻年度的报告自动做跨年度比对；
                                               --parent 指定上级（本地区）报告，与其余
                                               报告的合计逐格比对；--issues-xlsx 另存
                                               问题清单（每个机关一个工作表），
                                               --issues-docx 另存为 Word
  nianbao render FILE (--html|--docx|--xlsx|--txt|--json) [--traditional]
                                               生成可发布的报告（--traditional 为繁体）
  nianbao sum FILE|DIR... [--json|--html|--xlsx|--txt]
                                               汇总：同一年度、同一格式的报告逐格相加，
                                               列出未汇总的报告及原因、有报告未填的单元格
FILE 为 - 时读取标准输入；DIR 为文件夹（读取其中的 .txt .html .htm .json .docx .xlsx .xls .pdf）。
退出码：0 已运行，1 有文件无法读取，2 用法错误。";

/// Files a folder contributes.
const EXTENSIONS: [&str; 8] = ["txt", "html", "htm", "json", "docx", "xlsx", "xls", "pdf"];

#[derive(Default)]
struct Args {
    command: String,
    files: Vec<String>,
    json: bool,
    csv: bool,
    details: bool,
    previous: Option<String>,
    parent: Option<String>,
    /// Where to write the 问题清单: (file, as Word rather than Excel).
    issues: Vec<(String, bool)>,
    export: Option<Export>,
    script: Script,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut it = argv.iter();
    let command = it.next().ok_or("缺少命令")?.clone();
    if !matches!(command.as_str(), "parse" | "check" | "render" | "sum") {
        return Err(format!("未知命令“{command}”"));
    }
    let mut args = Args {
        command,
        ..Args::default()
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" if matches!(args.command.as_str(), "render" | "sum") => {
                args.export = Some(Export::Json)
            }
            "--json" => args.json = true,
            "--csv" => args.csv = true,
            "--details" => args.details = true,
            "--html" => args.export = Some(Export::Html),
            "--txt" | "--text" => args.export = Some(Export::Text),
            #[cfg(feature = "docx")]
            "--docx" => args.export = Some(Export::Docx),
            #[cfg(feature = "docx")]
            "--xlsx" => args.export = Some(Export::Xlsx),
            "--traditional" => args.script = Script::Traditional,
            "--previous" => {
                args.previous = Some(it.next().ok_or("--previous 后面缺少文件名")?.clone())
            }
            "--parent" => args.parent = Some(it.next().ok_or("--parent 后面缺少文件名")?.clone()),
            #[cfg(feature = "docx")]
            "--issues-xlsx" | "--issues-docx" => {
                let file = it.next().ok_or(format!("{a} 后面缺少文件名"))?.clone();
                args.issues.push((file, a == "--issues-docx"));
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
        return Err("render 需要一个文件和 --html、--docx、--xlsx、--txt 或 --json 之一".into());
    }
    Ok(args)
}

/// Files named on the command line, folders expanded (sorted, recursive).
/// Symbolic links inside folders are not followed (a link to a parent
/// would make the walk endless); they are listed, to be said.
fn expand(paths: &[String]) -> (Vec<String>, Vec<String>) {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, links: &mut Vec<PathBuf>) {
        let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| (e.path(), e.file_type().ok()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in entries {
            if kind.is_some_and(|k| k.is_symlink()) {
                links.push(path);
            } else if kind.is_some_and(|k| k.is_dir()) {
                walk(&path, out, links);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    let mut links = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if p != "-" && path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut links);
            out.extend(found.iter().map(|f| f.to_string_lossy().into_owned()));
        } else {
            out.push(p.clone());
        }
    }
    let links = links
        .iter()
        .map(|l| l.to_string_lossy().into_owned())
        .collect();
    (out, links)
}

/// Largest file read: a PDF's own limit (`MAX_PDF` of the PDF reader);
/// a report's text is a few hundred KB. Larger files are refused before
/// they are read whole.
const MAX_FILE: u64 = 64 * 1024 * 1024;

fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes).map(|_| ()))
    };
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "文件“{path}”超过 {} MB，不是年度报告，未读取。",
            MAX_FILE / 1024 / 1024
        ));
    }
    result.map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
            std::io::ErrorKind::IsADirectory => "这是文件夹".to_owned(),
            _ => e.to_string(),
        };
        format!("无法读取文件“{path}”：{why}")
    })?;
    Ok(bytes)
}

/// Text of a file: UTF-8 (with or without BOM), or UTF-16 (with its BOM,
/// or without one when it reads as text), else GB18030, which covers the
/// GBK and GB2312 pages many government sites still serve.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    // Of the other readings, the one most like a report's text: Chinese,
    // ASCII, punctuation and spaces, and no decoding errors.
    [
        encoding_rs::GB18030,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
    ]
    .into_iter()
    .map(|encoding| encoding.decode_without_bom_handling(bytes))
    .filter(|(_, had_errors)| !had_errors)
    .map(|(text, _)| text.into_owned())
    .max_by_key(|text| {
        let plain = text
            .chars()
            .filter(|&c| {
                c.is_ascii_graphic()
                    || c.is_whitespace()
                    || ('\u{4e00}'..='\u{9fff}').contains(&c)
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
            })
            .count();
        plain * 1000 / text.chars().count().max(1)
    })
    .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
}

type Loaded = Result<(Report, Vec<import::Note>), String>;

/// A file read as a report: a Word, Excel or PDF file by its reader, any
/// other as text (see `import::import_bytes`).
fn load(path: &str) -> Loaded {
    let bytes = read_bytes(path)?;
    let imported = import::import_bytes(&bytes, decode).map_err(|why| format!("{path}：{why}"))?;
    // A text file that is not text: unreadable, not a report of nothing.
    if imported
        .notes
        .iter()
        .any(|n| n.kind == import::NoteKind::Binary)
    {
        return Err(format!(
            "{path}：文件不是文字（可能是二进制文件或乱码），也不是 Word、Excel 或 PDF 文件，无法读取。"
        ));
    }
    Ok((imported.report, imported.notes))
}

/// Loads files on all cores (importing is the costly part of a batch).
/// One result per path, in the paths' order: a file whose reading fails in
/// any way, even by a fault of this program, costs its own line, never
/// another file's result or the run.
fn load_all(paths: &[String]) -> Vec<Loaded> {
    load_all_with(paths, load)
}

fn load_all_with(paths: &[String], load: fn(&str) -> Loaded) -> Vec<Loaded> {
    let isolated = move |path: &str| -> Loaded {
        std::panic::catch_unwind(|| load(path)).unwrap_or_else(|_| Err(crashed(path)))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if paths.len() < 8 || threads == 1 || paths.iter().any(|p| p == "-") {
        return paths.iter().map(|p| isolated(p)).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                let handle = s.spawn(move || part.iter().map(|p| isolated(p)).collect::<Vec<_>>());
                (part, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, h)| {
                h.join()
                    .unwrap_or_else(|_| part.iter().map(|p| Err(crashed(p))).collect())
            })
            .collect()
    })
}

/// What a file whose reading failed by a fault of this program gets.
fn crashed(path: &str) -> String {
    format!(
        "{path}：读取这个文件时程序内部出错，已跳过（其余文件照常核对）。请把这个文件发给开发者。"
    )
}

/// A finding as spec §12.3's JSON, with `acknowledged` (the reason) when it
/// is marked 已核实, or `lapsed` when its mark no longer holds.
fn finding_json(report: &Report, f: &Finding) -> serde_json::Value {
    use crate::rules::ack::Mark;
    let t = report.template();
    let mut v = serde_json::json!({
        "rule": f.rule.id(),
        "severity": f.severity.as_str(),
        "cells": f.cells.iter().map(|&c| t.cell(c).path.clone()).collect::<Vec<_>>(),
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
    });
    match crate::rules::ack::mark(report, f) {
        Mark::Open => {}
        Mark::Acknowledged(why) => v["acknowledged"] = why.into(),
        Mark::Lapsed(why) => v["lapsed"] = why.into(),
    }
    v
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Y2021 => "2021年格式",
        Format::Y2019 => "2019年试行格式",
    }
}

/// Terminal width of a text: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The summary table of a batch, aligned for a terminal.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(s, &w)| pad(s, w)).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Output with control characters (but line ends and tabs) shown as
/// "\u{FFFD}", not obeyed: a
/// report's agency name or a file's name can carry terminal escape
/// sequences, and `check` prints files it did not make.
struct Printable<W: Write>(W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let shown: String = text
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => c,
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect();
        self.0.write_all(shown.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// `nianbao sum`: the reports of one year and format summed cell by cell
/// (see `model::sum`). What went in, what was left out and why, and the
/// cells some reports left empty go to stderr; the summed report to stdout,
/// as text or in the format asked for.
fn sum(
    args: &Args,
    paths: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut reports = Vec::with_capacity(paths.len());
    let mut readable = Vec::with_capacity(paths.len());
    let mut status = 0;
    for loaded in load_all(paths) {
        match loaded {
            Ok((report, _)) => {
                readable.push(report.filled_cells() > 0);
                reports.push(report);
            }
            Err(why) => {
                writeln!(err, "{why}")?;
                status = 1;
                readable.push(false);
                reports.push(Report::default());
            }
        }
    }
    let summed = crate::model::sum::sum(&reports, &readable);
    let year = summed.report.year;
    let t = summed.report.template();
    writeln!(
        err,
        "汇总 {} 份报告（{} 年度，{}）：{}",
        summed.included.len(),
        year.map_or("未知".to_owned(), |y| y.to_string()),
        format_name(summed.report.format),
        summed
            .included
            .iter()
            .map(|&i| paths[i].as_str())
            .collect::<Vec<_>>()
            .join("、")
    )?;
    for (i, why) in &summed.left_out {
        writeln!(err, "未汇总：{}：{}。", paths[*i], why.reason(year, paths))?;
    }
    if !summed.lacking.is_empty() {
        writeln!(err, "以下单元格有报告未填，汇总值只含已填的报告，请核对：")?;
        for (cell, without) in &summed.lacking {
            let names: Vec<&str> = without.iter().map(|&i| paths[i].as_str()).collect();
            writeln!(err, "  {}：{} 未填", t.describe(*cell), names.join("、"))?;
        }
    }
    let export = args.export.unwrap_or(Export::Text);
    match render_in(export, &summed.report, args.script) {
        Ok(file) => out.write_all(&file.bytes)?,
        Err(why) => {
            writeln!(err, "{why}")?;
            return Ok(1);
        }
    }
    Ok(status)
}

fn check(
    args: &Args,
    paths: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let previous = match args.previous.as_deref().map(load) {
        Some(Err(msg)) => {
            writeln!(err, "{msg}")?;
            return Ok(1);
        }
        Some(Ok((r, _))) => Some(r),
        None => None,
    };
    let loaded = load_all(paths);
    let mut status = 0;
    let mut reports: Vec<(&str, Report)> = Vec::new();
    let mut failed = Vec::new();
    for (path, result) in paths.iter().zip(loaded) {
        match result {
            Ok((report, _)) => reports.push((path, report)),
            Err(msg) => {
                writeln!(err, "{msg}")?;
                failed.push(msg);
                status = 1;
            }
        }
    }
    let only: Vec<Report> = reports.iter().map(|(_, r)| r.clone()).collect();
    let checked: Vec<batch::Checked> = match &previous {
        Some(prev) => only
            .iter()
            .map(|r| batch::Checked::new(r, Some(prev)))
            .collect(),
        None => batch::check_all(&only),
    };
    let rows: Vec<batch::SummaryRow> = reports
        .iter()
        .zip(&checked)
        .map(|((path, r), c)| {
            let prev = c.previous.map_or("", |p| reports[p].0);
            batch::summary_row(path, r, c, prev)
        })
        .collect();
    #[cfg(feature = "docx")]
    for (file, word) in &args.issues {
        let entries: Vec<crate::rules::issues::Entry> = reports
            .iter()
            .zip(&checked)
            .map(|((path, report), c)| crate::rules::issues::Entry {
                file: path,
                report,
                checked: c,
            })
            .collect();
        let written = if *word {
            crate::rules::issues::docx(&entries, &failed)
        } else {
            crate::rules::issues::xlsx(&entries, &failed)
        }
        .and_then(|bytes| {
            std::fs::write(file, bytes).map_err(|e| format!("无法写入“{file}”（{e}）。"))
        });
        match written {
            Ok(()) => writeln!(err, "问题清单已保存到“{file}”。")?,
            Err(why) => {
                writeln!(err, "{why}")?;
                return Ok(1);
            }
        }
    }
    let parent = match args.parent.as_deref() {
        Some(path) => match parent_vs_children(path, &reports, &checked) {
            Ok(compared) => Some(compared),
            Err(msg) => {
                writeln!(err, "{msg}")?;
                return Ok(1);
            }
        },
        None => None,
    };
    if args.csv {
        out.write_all(batch::csv(&rows).as_bytes())?;
        if let Some(parent) = &parent {
            parent.print(err)?;
        }
        return Ok(status);
    }
    if args.json {
        for ((path, r), c) in reports.iter().zip(&checked) {
            let v = serde_json::json!({
                "file": path,
                "format": r.format.as_str(),
                "findings": c.findings.iter().map(|f| finding_json(r, f)).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}")?;
        }
        if let Some(p) = &parent {
            let v = serde_json::json!({
                "parent": p.path,
                "children": p.children,
                "findings": p.findings.iter().map(|f| finding_json(&p.report, f)).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}")?;
        }
        return Ok(status);
    }
    let details = args.details || reports.len() <= 5;
    if details {
        for ((path, r), c) in reports.iter().zip(&checked) {
            let (e, w, i) = c.counts;
            let counts = if c.readable() {
                format!("错误 {e}，提醒 {w}，提示 {i}")
            } else {
                "未能读取".to_owned()
            };
            writeln!(
                out,
                "== {path}：{} {}，{counts}",
                crate::rules::message::identity(r),
                format_name(r.format)
            )?;
            if let Some(p) = c.previous {
                writeln!(out, "   （已与上一年度报告 {} 比对）", reports[p].0)?;
            }
            for line in c.lines() {
                writeln!(out, "{line}")?;
            }
        }
    }
    if reports.len() > 1 {
        let mut table_rows = vec![batch::COLUMNS.map(str::to_owned).to_vec()];
        table_rows.extend(rows.iter().map(|r| r.to_vec()));
        let with_errors = checked.iter().filter(|c| c.counts.0 > 0).count();
        let unreadable = checked.iter().filter(|c| !c.readable()).count();
        let unreadable = match unreadable {
            0 => String::new(),
            n => format!("，{n} 份未能读取"),
        };
        writeln!(
            out,
            "\n共 {} 份报告，{with_errors} 份有错误{unreadable}：",
            reports.len()
        )?;
        write!(out, "{}", table(&table_rows))?;
        if !details {
            writeln!(out, "（加 --details 列出每份报告的问题）")?;
        }
    }
    if let Some(parent) = &parent {
        parent.print(out)?;
    }
    Ok(status)
}

/// `--parent`: the parent's report and its tables against the sum of the
/// other readable reports (H1).
struct Compared {
    path: String,
    report: Report,
    /// The children's files.
    children: Vec<String>,
    findings: Vec<Finding>,
}

impl Compared {
    fn print(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "\n== 上级报告 {}（{}）与 {} 份下级报告的合计逐格比对：{}",
            self.path,
            crate::rules::message::identity(&self.report),
            self.children.len(),
            if self.findings.is_empty() {
                "各单元格均一致。"
            } else {
                ""
            }
        )?;
        for f in &self.findings {
            writeln!(out, "{}", f.line())?;
        }
        Ok(())
    }
}

/// The parent named by `--parent` (among the files checked, or read here)
/// against the others. Err with a Chinese reason when it cannot be read.
fn parent_vs_children(
    path: &str,
    reports: &[(&str, Report)],
    checked: &[batch::Checked],
) -> Result<Compared, String> {
    let canonical = |p: &str| Path::new(p).canonicalize().ok();
    let among = reports
        .iter()
        .position(|(p, _)| canonical(p).is_some() && canonical(p) == canonical(path));
    let report = match among.and_then(|i| reports.get(i)) {
        Some((_, r)) => r.clone(),
        None => load(path)?.0,
    };
    let children: Vec<(&str, &Report)> = reports
        .iter()
        .zip(checked)
        .enumerate()
        .filter(|&(i, (_, c))| Some(i) != among && c.readable())
        .map(|(_, ((p, r), _))| (*p, r))
        .collect();
    let only: Vec<&Report> = children.iter().map(|(_, r)| *r).collect();
    let (compared, findings) = crate::rules::hierarchy::parent_vs_children(&report, &only);
    Ok(Compared {
        path: path.to_owned(),
        findings,
        children: compared
            .iter()
            .filter_map(|&i| children.get(i).map(|(p, _)| (*p).to_owned()))
            .collect(),
        report,
    })
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
    let (paths, links) = expand(&args.files);
    if !links.is_empty() {
        let shown: Vec<&str> = links.iter().take(5).map(String::as_str).collect();
        let more = if links.len() > 5 { " 等" } else { "" };
        let _ = writeln!(
            err,
            "已跳过文件夹中的 {} 个符号链接（不跟随链接，以免重复或无限循环）：{}{more}",
            links.len(),
            shown.join("、")
        );
    }
    if paths.is_empty() {
        let _ = writeln!(
            err,
            "文件夹中没有找到报告文件（.txt .html .htm .json .docx .xlsx .xls .pdf）。"
        );
        return 1;
    }
    let result = match args.command.as_str() {
        "check" => check(
            &args,
            &paths,
            &mut Printable(&mut *out),
            &mut Printable(&mut *err),
        ),
        "sum" => sum(&args, &paths, out, &mut Printable(&mut *err)),
        command => (|| {
            let mut status = 0;
            let several = paths.len() > 1;
            for (path, loaded) in paths.iter().zip(load_all(&paths)) {
                let (report, notes) = match loaded {
                    Ok(x) => x,
                    Err(msg) => {
                        writeln!(err, "{msg}")?;
                        status = 1;
                        continue;
                    }
                };
                if command == "parse" {
                    for n in &notes {
                        writeln!(err, "{path}: {}", n.message)?;
                    }
                    if several {
                        writeln!(out, "{}", json::to_value(&report))?;
                    } else {
                        writeln!(out, "{}", json::to_string(&report))?;
                    }
                } else {
                    let export = args.export.unwrap_or(Export::Html);
                    match render_in(export, &report, args.script) {
                        Ok(file) => out.write_all(&file.bytes)?,
                        Err(why) => {
                            writeln!(err, "{path}：{why}")?;
                            status = 1;
                        }
                    }
                }
            }
            Ok(status)
        })(),
    };
    match result {
        Ok(status) => status,
        // A reader that stopped reading (`| head`) needs no message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 1,
        Err(e) => {
            let _ = writeln!(err, "错误：无法写出结果（{e}）。");
            1
        }
    }
}

/// Entry point for `main`.
pub fn main() -> i32 {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(&argv, &mut stdout.lock(), &mut stderr.lock())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Text files as people have them: UTF-16 without a BOM reads; a binary
    /// file named .txt and a file over the size limit are unreadable, with
    /// the reason, and the limit holds before the file is read whole (issue 19).
    #[test]
    fn text_files_in_utf16_binary_and_oversize_files() {
        let dir = std::env::temp_dir().join(format!("nianbao-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let utf16: Vec<u8> = "某局2023年政府信息公开工作年度报告\n一、总体情况\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let text = dir.join("utf16.txt");
        std::fs::write(&text, utf16).expect("write");
        let (report, _) = load(&text.display().to_string()).expect("read");
        assert_eq!(report.agency.as_deref(), Some("某局"));
        let binary = dir.join("binary.txt");
        std::fs::write(
            &binary,
            (0..4096u32)
                .map(|i| (i * 7919 % 251) as u8)
                .collect::<Vec<u8>>(),
        )
        .expect("write");
        let why = load(&binary.display().to_string()).expect_err("binary");
        assert!(why.contains("不是文字"), "{why}");
        let huge = dir.join("huge.txt");
        std::fs::File::create(&huge)
            .and_then(|f| f.set_len(MAX_FILE + 10))
            .expect("sparse file");
        let why = load(&huge.display().to_string()).expect_err("too large");
        assert!(why.contains("超过 64 MB"), "{why}");
        std::fs::remove_dir_all(&dir).ok();
    }

    /// An escape sequence in an agency's name is shown, not obeyed (issue 19).
    #[test]
    fn check_prints_control_characters_as_marks_not_escapes() {
        let dir = std::env::temp_dir().join(format!("nianbao-esc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("esc.txt");
        std::fs::write(
            &file,
            "某\u{1b}[31m局2023年政府信息公开工作年度报告\n一、总体情况\n",
        )
        .expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        run(
            &["check".into(), file.display().to_string()],
            &mut out,
            &mut err,
        );
        let out = String::from_utf8(out).expect("utf-8");
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("某\u{FFFD}[31m局"), "{out}");
        std::fs::remove_dir_all(&dir).ok();
    }

    /// A reader that fails by a fault (a panic) on one file of a batch large
    /// enough to be read in threads (issue 19).
    fn flaky(path: &str) -> Loaded {
        if path.contains("bad") {
            panic!("a reader's fault");
        }
        let mut report = Report::default();
        report.agency = Some(path.to_owned());
        Ok((report, Vec::new()))
    }

    #[test]
    fn a_file_that_crashes_its_reader_costs_its_own_line_only() {
        std::panic::set_hook(Box::new(|_| {}));
        for bad in [0, 4, 8] {
            let paths: Vec<String> = (0..9)
                .map(|i| {
                    if i == bad {
                        "bad.xlsx".to_owned()
                    } else {
                        format!("r{i}.txt")
                    }
                })
                .collect();
            let loaded = load_all_with(&paths, flaky);
            assert_eq!(loaded.len(), paths.len());
            for (path, result) in paths.iter().zip(&loaded) {
                match result {
                    Ok((report, _)) => assert_eq!(report.agency.as_deref(), Some(path.as_str())),
                    Err(why) => {
                        assert_eq!(path, "bad.xlsx");
                        assert!(
                            why.starts_with("bad.xlsx：读取这个文件时程序内部出错"),
                            "{why}"
                        );
                    }
                }
            }
            assert_eq!(loaded.iter().filter(|r| r.is_err()).count(), 1);
        }
        let _ = std::panic::take_hook();
    }
}
