//! The `nianbao` binary as spec §12.3 says: parse, check, render; exit 0/1/2.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn nianbao(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// An empty folder of its own for a test.
fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SEED0: &str = "tests/fixtures/seed_000.txt";
const SEED4: &str = "tests/fixtures/seed_004.txt";

#[test]
fn parse_prints_the_spec_json() {
    let out = nianbao(&["parse", SEED0, "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "2021");
    assert_eq!(v["s3_applications"]["result"]["total"]["total"], 14);
    assert!(v["s2_proactive"]["regulation"]["issued"].is_null());
}

#[test]
fn parse_of_several_files_prints_one_object_per_line() {
    let out = nianbao(&["parse", SEED0, SEED4], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(second["format"], "2019");
    assert_eq!(second["s2_proactive"]["procurement"]["amount"], "7121.99");
}

#[test]
fn check_json_lists_findings_with_paths() {
    let out = nianbao(&["check", SEED0, "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["file"], SEED0);
    let findings = v["findings"].as_array().unwrap();
    let r1 = findings.iter().find(|f| f["rule"] == "R1").unwrap();
    assert_eq!(r1["severity"], "error");
    assert_eq!(r1["expected"], 14);
    assert_eq!(r1["actual"], 0);
    assert!(r1["cells"]
        .as_array()
        .unwrap()
        .contains(&"t3.new_received.natural_person".into()));
    assert_eq!(findings.iter().filter(|f| f["rule"] == "R4").count(), 2);
}

#[test]
fn check_prints_chinese_findings_for_people() {
    let out = nianbao(&["check", SEED4], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("新巴尔虎左旗 2020年度 2019年试行格式，错误 6"));
    assert!(
        text.contains("[错误] R3 表三“（一）予以公开”行：总计为 0，六类申请人之和为 1，应为 1。")
    );
}

#[test]
fn check_with_previous_runs_the_cross_year_checks() {
    let prev = nianbao(&["parse", SEED0], None);
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut prev_json: serde_json::Value = serde_json::from_slice(&prev.stdout).unwrap();
    prev_json["s3_applications"]["carried_forward"]["total"] = 5.into();
    let path = dir.join("prev.json");
    std::fs::write(&path, prev_json.to_string()).unwrap();
    let out = nianbao(
        &[
            "check",
            "tests/fixtures/seed_001.txt",
            "--json",
            "--previous",
            path.to_str().unwrap(),
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let x1 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "X1")
        .unwrap();
    assert_eq!(x1["expected"], 5);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = nianbao(
        &["render", "-", "--txt"],
        Some(include_str!("fixtures/seed_001.txt")),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("大武口区人民政府办公室2023年政府信息公开工作年度报告"));
    assert!(text.contains("行政规范性文件 | 1 | 0 | 3"));
}

#[test]
fn render_html_is_a_standalone_document() {
    let out = nianbao(&["render", SEED0, "--html"], None);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>"));
    assert!(html.contains("rowspan=\"22\""));
}

#[test]
fn an_unreadable_file_exits_1_with_a_chinese_message() {
    let out = nianbao(&["check", "no/such/file.txt", SEED0], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("无法读取文件“no/such/file.txt”：文件不存在"));
    // The readable file was still checked.
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("新城区行政审批和政务服务局"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["check"],
        &["render", SEED0],
        &["check", SEED0, "--bogus"],
    ] {
        let out = nianbao(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8(out.stderr).unwrap().contains("用法"));
    }
}

/// A folder of reports: three years of one agency (a chain) and another agency.
fn batch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "nianbao-batch-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let seed1 = include_str!("fixtures/seed_001.txt");
    // The same agency in 2022 and 2021: 结转下年度 of 2022 is 2, so 2023's 上年结转 (0) breaks X1.
    let y2022 = seed1.replace("2023年", "2022年").replace(
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
    );
    let y2021 = seed1.replace("2023年", "2021年");
    std::fs::write(dir.join("2023.txt"), seed1).unwrap();
    std::fs::write(dir.join("2022.html"), format!("<pre>{y2022}</pre>")).unwrap();
    std::fs::write(dir.join("sub/2021.txt"), y2021).unwrap();
    std::fs::write(dir.join("other.txt"), include_str!("fixtures/seed_004.txt")).unwrap();
    std::fs::write(dir.join("notes.odt"), "not a report").unwrap();
    dir
}

#[test]
fn checking_a_folder_prints_a_summary_table_and_chains_the_years() {
    let dir = batch_dir();
    let out = nianbao(&["check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("共 4 份报告，2 份有错误"), "{text}");
    let row_2023 = text
        .lines()
        .find(|l| {
            !l.starts_with("==") && l.contains("2023.txt") && l.contains("大武口区人民政府办公室")
        })
        .unwrap();
    assert!(row_2023.trim_end().ends_with("2022.html"), "{row_2023}");
    assert!(text.contains("[提醒] X1 表三“自然人”列：本年“二、上年结转政府信息公开申请数量”为 0，上一年度报告“四、结转下年度继续办理”为 2，应相等。"), "{text}");
    assert!(!text.contains("notes.odt"));
}

#[test]
fn csv_output_opens_in_excel() {
    let dir = batch_dir();
    let out = nianbao(&["check", dir.to_str().unwrap(), "--csv"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut rows = csv_rows(text);
    assert_eq!(
        rows.remove(0),
        [
            "文件",
            "机关",
            "年度",
            "格式",
            "读取",
            "错误",
            "提醒",
            "提示",
            "比对上年",
            "已核实"
        ]
    );
    assert_eq!(rows.len(), 4);
    let other = rows.iter().find(|r| r[0].ends_with("other.txt")).unwrap();
    assert_eq!(
        &other[1..7],
        ["新巴尔虎左旗", "2020", "2019", "198/198", "6", "1"]
    );
    let y2022 = rows.iter().find(|r| r[0].ends_with("2022.html")).unwrap();
    assert!(y2022[8].ends_with("2021.txt"));
}

#[test]
fn a_report_of_which_nothing_could_be_read_is_not_charged() {
    let dir = batch_dir();
    // The report's own title and prose, its tables lost (an image in the original).
    let seed1 = include_str!("fixtures/seed_001.txt");
    let prose: String = seed1
        .lines()
        .filter(|l| !l.contains('|'))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("images.txt"), prose).unwrap();
    let out = nianbao(&["check", dir.to_str().unwrap(), "--csv"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = csv_rows(text.trim_start_matches('\u{feff}'));
    let lost = rows.iter().find(|r| r[0].ends_with("images.txt")).unwrap();
    assert_eq!(&lost[4..8], ["未能读取（0/200）", "—", "—", "—"]);
    let out = nianbao(&["check", dir.to_str().unwrap()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("共 5 份报告，2 份有错误，1 份未能读取"),
        "{text}"
    );
    let out = nianbao(&["check", dir.join("images.txt").to_str().unwrap()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2021年格式，未能读取\n"), "{text}");
    assert!(
        text.contains("未能读取：200 个表格单元格一个也没有读到"),
        "{text}"
    );
}

#[test]
#[cfg(unix)]
fn symbolic_links_in_a_folder_are_skipped_and_said() {
    let dir = fresh_dir("links");
    std::fs::write(dir.join("2023.txt"), include_str!("fixtures/seed_001.txt")).unwrap();
    // A link to the folder itself and one to its parent: followed, the walk never ends.
    std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("b")).unwrap();
    let out = nianbao(&["check", dir.to_str().unwrap(), "--csv"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "one report, once: {text}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("已跳过文件夹中的 2 个符号链接"), "{err}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_said_not_silent() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["render", "tests/fixtures/seed_001.txt", "--docx"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("无法写出结果"));
}

#[test]
fn csv_cells_a_spreadsheet_would_run_stay_text() {
    let dir = fresh_dir("csv");
    for (i, agency) in [
        "=1+1+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "+1",
        "-1",
        "=HYPERLINK(\"http://x\",\"点\")",
    ]
    .iter()
    .enumerate()
    {
        let report = serde_json::json!({"format": "2021", "year": 2023, "agency": agency});
        std::fs::write(dir.join(format!("{i}.json")), report.to_string()).unwrap();
    }
    let out = nianbao(&["check", dir.to_str().unwrap(), "--csv"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines().skip(1) {
        let agency = line.split(',').nth(1).unwrap().trim_start_matches('"');
        assert!(agency.starts_with('\''), "{line}");
    }
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\""));
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn an_empty_folder_says_so() {
    let dir = std::env::temp_dir().join(format!("nianbao-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = nianbao(&["check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("没有找到报告文件"));
}

#[test]
fn render_docx_and_traditional() {
    let out = nianbao(&["render", SEED0, "--docx"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(&out.stdout[..2], b"PK");
    let out = nianbao(&["render", SEED0, "--txt", "--traditional"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("新城區行政審批和政務服務局2023年政府信息公開工作年度報告"));
}

#[test]
fn a_gbk_page_saved_from_a_government_site_is_read() {
    let dir = std::env::temp_dir().join(format!("nianbao-gbk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(include_str!("fixtures/seed_001.txt"));
    let path = dir.join("gbk.txt");
    std::fs::write(&path, &gbk).unwrap();
    let out = nianbao(&["parse", path.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["agency"], "大武口区人民政府办公室");
    assert_eq!(v["s2_proactive"]["normative_doc"]["in_force"], 3);
}

#[test]
fn a_word_file_is_parsed_and_checked_like_a_page_and_a_broken_one_says_why() {
    let dir = std::env::temp_dir().join(format!("nianbao-docx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed0.txt");
    std::fs::write(&seed, include_str!("fixtures/seed_000.txt")).unwrap();
    let docx = nianbao(&["render", seed.to_str().unwrap(), "--docx"], None);
    let path = dir.join("年报.docx");
    std::fs::write(&path, docx.stdout).unwrap();
    let out = nianbao(&["parse", path.to_str().unwrap(), "--json"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["agency"], "新城区行政审批和政务服务局");
    assert_eq!(json["s3_applications"]["result"]["total"]["total"], 14);
    let out = nianbao(&["check", path.to_str().unwrap()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("错误 4"), "{text}");
    let broken = dir.join("坏.docx");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    let out = nianbao(&["check", broken.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("不是可以读取的 Word"));
}

#[test]
fn the_tables_render_as_a_workbook_that_opens_again() {
    let dir = std::env::temp_dir().join(format!("nianbao-xlsx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed4.txt");
    std::fs::write(&seed, include_str!("fixtures/seed_004.txt")).unwrap();
    let book = nianbao(&["render", seed.to_str().unwrap(), "--xlsx"], None);
    assert!(book.status.success());
    let path = dir.join("统计表.xlsx");
    std::fs::write(&path, book.stdout).unwrap();
    let out = nianbao(&["parse", path.to_str().unwrap(), "--json"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "2019");
    assert_eq!(json["s2_proactive"]["procurement"]["amount"], "7121.99");
    assert_eq!(json["s2_proactive"]["licensing"]["change"], -3);
    assert_eq!(json["s3_applications"]["result"]["total"]["total"], 17);
}

#[test]
fn a_pdf_is_parsed_by_coordinates_and_a_broken_one_says_why() {
    // LibreOffice's PDF of the app's Word download of a generated report.
    let pdf = "tests/fixtures/layouts/r001/report.pdf";
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/layouts/r001/truth.json").unwrap(),
    )
    .unwrap();
    let out = nianbao(&["parse", pdf], None);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["agency"], truth["agency"]);
    assert_eq!(json["year"], truth["year"]);
    let cells = truth["cells"].as_object().unwrap();
    let total = cells["t3.result.total.total"].as_str().unwrap();
    assert_eq!(
        json["s3_applications"]["result"]["total"]["total"].to_string(),
        total
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("PDF 文件（"));
    let out = nianbao(&["check", pdf], None);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("report.pdf"));

    let dir = std::env::temp_dir().join(format!("nianbao-pdf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("坏.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n").unwrap();
    let out = nianbao(&["check", broken.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("不是可以读取的 PDF"));
}

/// `nianbao sum DIR` (issue 20): the reports of the year most share, summed;
/// the others named with their reason on stderr; the summed report as
/// spec JSON with `--json`; a file that cannot be read is named and the
/// exit code says so, and the rest are summed.
#[test]
fn sum_adds_up_the_reports_of_one_year_and_says_what_it_left_out() {
    let dir = fresh_dir("sum");
    let seed0 = include_str!("fixtures/seed_000.txt");
    let seed1 = include_str!("fixtures/seed_001.txt");
    std::fs::write(dir.join("a.txt"), seed0).unwrap();
    std::fs::write(dir.join("b.txt"), seed1).unwrap();
    std::fs::write(dir.join("old.txt"), seed1.replace("2023年", "2022年")).unwrap();
    std::fs::write(dir.join("bad.docx"), b"PK\x03\x04 not a zip").unwrap();
    let out = nianbao(&["sum", dir.to_str().unwrap(), "--json"], None);
    assert_eq!(out.status.code(), Some(1), "bad.docx cannot be read");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("汇总 2 份报告（2023 年度"), "{err}");
    assert!(
        err.contains("old.txt：为 2022 年度报告，本次汇总 2023 年度"),
        "{err}"
    );
    assert!(err.contains("bad.docx"), "{err}");
    let summed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = |v: &serde_json::Value| {
        v["s3_applications"]["new_received"]["total"]
            .as_i64()
            .unwrap()
    };
    let parse = |text: &str| -> serde_json::Value {
        let out = nianbao(&["parse", "-"], Some(text));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(total(&summed), total(&parse(seed0)) + total(&parse(seed1)));
    assert_eq!(summed["year"], 2023);
    std::fs::remove_dir_all(&dir).ok();
}

/// `nianbao check DIR --parent FILE` (issue 20): a parent report made as
/// the sum of its children, then one cell changed, gives exactly one H1
/// finding, at that cell, with both values and the difference; the parent
/// lies in the folder and is not counted among its own children.
#[test]
fn a_parent_differing_from_its_childrens_sum_in_one_cell_gives_one_finding() {
    let dir = fresh_dir("parent");
    let seed1 = include_str!("fixtures/seed_001.txt");
    for (name, agency) in [("a.txt", "甲镇人民政府"), ("b.txt", "乙镇人民政府")] {
        std::fs::write(
            dir.join(name),
            seed1.replace("大武口区人民政府办公室", agency),
        )
        .unwrap();
    }
    std::fs::write(dir.join("c.txt"), include_str!("fixtures/seed_000.txt")).unwrap();
    let out = nianbao(&["sum", dir.to_str().unwrap(), "--json"], None);
    let mut parent =
        nianbao::model::json::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    parent.agency = Some("某区人民政府".to_owned());
    let t = parent.template();
    let cell = t.by_path("t3.new_received.natural_person").unwrap();
    let summed = parent.number(cell).unwrap();
    parent.set_raw(cell, (summed + 3).to_string());
    let parent_file = dir.join("parent.json");
    std::fs::write(&parent_file, nianbao::model::json::to_string(&parent)).unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "check",
            dir.to_str().unwrap(),
            "--parent",
            parent_file.to_str().unwrap(),
        ];
        a.extend(extra);
        nianbao(&a.iter().map(|s| &**s).collect::<Vec<_>>(), None)
    };
    let json = String::from_utf8(args(&["--json"]).stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(json.lines().last().unwrap()).unwrap();
    assert_eq!(last["children"].as_array().unwrap().len(), 3, "{last}");
    let findings = last["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{last}");
    assert_eq!(findings[0]["rule"], "H1");
    assert_eq!(
        findings[0]["cells"],
        serde_json::json!(["t3.new_received.natural_person"])
    );
    assert_eq!(
        (
            findings[0]["actual"].as_i64(),
            findings[0]["expected"].as_i64()
        ),
        (Some(summed + 3), Some(summed))
    );
    assert!(
        findings[0]["message"].as_str().unwrap().ends_with("差 3。"),
        "{last}"
    );
    let text = String::from_utf8(args(&[]).stdout).unwrap();
    assert!(text.contains("与 3 份下级报告的合计逐格比对"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A warning marked 已核实 in a draft (issue 20): `check` carries the reason
/// into its JSON, its CSV column and its details, and no longer counts it;
/// the same draft with the warning's cell changed says the mark lapsed; an
/// error cannot be marked.
#[test]
fn an_acknowledged_warning_is_carried_with_its_reason_and_lapses_when_its_cell_changes() {
    use nianbao::rules::{ack, check, Severity};
    let dir = fresh_dir("ack");
    let mut report = nianbao::import::import(include_str!("fixtures/seed_001.txt")).report;
    let findings = check(&report, None);
    let warning = findings
        .iter()
        .find(|f| f.severity == Severity::Warning && !f.cells.is_empty())
        .unwrap()
        .clone();
    let error = findings.iter().find(|f| f.severity == Severity::Error);
    if let Some(error) = error {
        assert!(ack::acknowledge(&mut report.clone(), error, "理由").is_err());
    }
    ack::acknowledge(&mut report, &warning, "正文所述含往年结转，已核实").unwrap();
    std::fs::write(
        dir.join("marked.json"),
        nianbao::model::json::to_draft(&report),
    )
    .unwrap();
    let mut changed = report.clone();
    let cell = warning.cells[0];
    changed.set_raw(cell, format!("{} ", changed.raw(cell)));
    changed.agency = Some("另一机关".to_owned());
    std::fs::write(
        dir.join("changed.json"),
        nianbao::model::json::to_draft(&changed),
    )
    .unwrap();
    let json = String::from_utf8(nianbao(&["check", dir.to_str().unwrap(), "--json"], None).stdout)
        .unwrap();
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |file: &str| {
        lines
            .iter()
            .find(|v| v["file"].as_str().unwrap().ends_with(file))
            .unwrap()
    };
    let marked = of("marked.json")["findings"].as_array().unwrap().clone();
    let it = marked
        .iter()
        .find(|f| f["rule"] == warning.rule.id() && f["message"] == warning.message.as_str())
        .unwrap();
    assert_eq!(it["acknowledged"], "正文所述含往年结转，已核实");
    let lapsed = of("changed.json")["findings"].as_array().unwrap().clone();
    assert!(
        lapsed
            .iter()
            .any(|f| f["lapsed"] == "正文所述含往年结转，已核实"),
        "{lapsed:?}"
    );
    let csv = String::from_utf8(nianbao(&["check", dir.to_str().unwrap(), "--csv"], None).stdout)
        .unwrap();
    let rows = csv_rows(csv.trim_start_matches('\u{feff}'));
    let row = rows.iter().find(|r| r[0].ends_with("marked.json")).unwrap();
    assert_eq!(
        row[9],
        format!("{} 已核实：正文所述含往年结转，已核实", warning.rule)
    );
    let other = rows
        .iter()
        .find(|r| r[0].ends_with("changed.json"))
        .unwrap();
    assert_eq!(other[9], "");
    let warnings = |r: &Vec<String>| r[6].parse::<usize>().unwrap();
    assert_eq!(
        warnings(row) + 1,
        warnings(other),
        "the marked warning is not counted"
    );
    let text = String::from_utf8(
        nianbao(&["check", dir.join("marked.json").to_str().unwrap()], None).stdout,
    )
    .unwrap();
    assert!(
        text.contains("（已核实：正文所述含往年结转，已核实）"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
