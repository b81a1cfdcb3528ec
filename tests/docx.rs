//! The Word download: official table layout with merged cells, and a file
//! LibreOffice opens and prints (issue 4).
#![cfg(feature = "docx")]
#![allow(clippy::unwrap_used)]

mod common;
use common::SEEDS;
use nianbao::import::import;
use nianbao::render::{render, render_in, Export, Script};
use std::io::Read;

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_word_file_has_the_official_merged_cells_and_all_text() {
    let r = import(SEEDS[0]).report;
    let out = render(Export::Docx, &r).expect("renders");
    assert_eq!(
        out.filename,
        "新城区行政审批和政务服务局2023年政府信息公开工作年度报告.docx"
    );
    let xml = document_xml(&out.bytes);
    for text in [
        "新城区行政审批和政务服务局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "六、其他需要报告的事项",
        "三、本年度办理结果",
        "（七）总计",
        "6240",
        "2023年1月19日",
    ] {
        assert!(xml.contains(text), "{text}");
    }
    // 三、本年度办理结果 spans 22 rows: 1 restart and 21 continues in its column,
    // plus the note (3 rows), 自然人/总计 headers, the groups (三)–(六) and 表四's headers.
    let restarts = xml.matches("<w:vMerge w:val=\"restart\"").count();
    let continues = xml.matches("<w:vMerge w:val=\"continue\"").count();
    assert_eq!(restarts, 1 + 2 + 1 + 4 + 5);
    assert_eq!(continues, 2 + 2 + 21 + (8 + 3 + 5 + 3 - 4) + 5);
    assert!(
        xml.contains("<w:gridSpan w:val=\"7\" />") || xml.contains("<w:gridSpan w:val=\"7\"/>")
    );
}

#[test]
fn the_word_file_can_be_traditional() {
    let r = import(SEEDS[1]).report;
    let out = render_in(Export::Docx, &r, Script::Traditional).expect("renders");
    let xml = document_xml(&out.bytes);
    assert!(xml.contains("收到和處理政府信息公開申請情況"));
    assert!(xml.contains("大武口區人民政府辦公室"));
    assert!(!xml.contains("收到和处理政府信息公开申请情况"));
}

/// Every cell of `want` has the same number in `got`.
fn same_cells(name: &str, want: &nianbao::model::Report, got: &nianbao::model::Report) {
    let t = want.template();
    for id in t.ids() {
        // A blank prints as “—” and reads back as missing: no number either way.
        assert_eq!(
            got.number(id),
            want.number(id),
            "{name}: {}",
            t.cell(id).path
        );
    }
}

/// Every cell and field of `want` is in `got`, with the same meaning.
fn same_report(name: &str, want: &nianbao::model::Report, got: &nianbao::model::Report) {
    assert_eq!(got.format, want.format, "{name}: format");
    assert_eq!(got.year, want.year, "{name}: year");
    assert_eq!(got.agency, want.agency, "{name}: agency");
    same_cells(name, want, got);
}

/// The project's own Word files open again with every cell (issue 11).
#[test]
fn our_word_files_open_again_with_every_cell() {
    for (i, seed) in SEEDS.iter().enumerate() {
        let report = import(seed).report;
        let docx = render(Export::Docx, &report).expect("renders").bytes;
        let back = nianbao::import::open_report(&docx).unwrap();
        same_report(&format!("seed {i}"), &report, &back.report);
        assert!(back.notes[0].message.contains("Word"));
    }
}

/// A Word file LibreOffice writes from the published web page (as staff
/// "save as Word" a report opened in a browser or WPS) opens with every cell.
#[test]
#[ignore = "needs LibreOffice; .ci/test installs it and runs it"]
fn word_files_libreoffice_writes_from_the_web_page_open_with_every_cell() {
    let dir = std::env::temp_dir().join(format!("nianbao-lo-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let reports: Vec<_> = SEEDS.iter().map(|s| import(s).report).collect();
    for (i, report) in reports.iter().enumerate() {
        std::fs::write(
            dir.join(format!("r{i}.html")),
            render(Export::Html, report).expect("renders").bytes,
        )
        .unwrap();
    }
    let status = std::process::Command::new("libreoffice")
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&dir)
        .args((0..reports.len()).map(|i| dir.join(format!("r{i}.html"))))
        .env("HOME", &dir)
        .status()
        .expect("libreoffice is installed");
    assert!(status.success());
    for (i, report) in reports.iter().enumerate() {
        let bytes = std::fs::read(dir.join(format!("r{i}.docx"))).unwrap();
        let back = nianbao::import::open_report(&bytes).unwrap();
        same_report(
            &format!("LibreOffice .docx of seed {i}"),
            report,
            &back.report,
        );
    }
}

/// Form → .xlsx → LibreOffice Calc opens it, recalculates every formula
/// and saves it → open → the same cells; a form with only the parts filled
/// comes back with every total summed by the workbook's own formulas.
#[test]
#[ignore = "needs LibreOffice Calc; .ci/test installs it and runs it"]
fn the_workbook_round_trips_through_libreoffice_with_live_totals() {
    let dir = std::env::temp_dir().join(format!("nianbao-lo-xlsx-{}", std::process::id()));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Recalculate on load, always (LibreOffice keeps Excel's cached values otherwise).
    let profile = dir.join(".config/libreoffice/4/user");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::write(
        profile.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>"#,
    )
    .unwrap();
    // Seed 000's figures, its totals made to hold (a workbook's totals are sums).
    let mut whole = import(SEEDS[0]).report;
    whole.fill_totals();
    let t = whole.template();
    assert_eq!(
        whole.number(t.by_path("t3.result.total.total").unwrap()),
        Some(14)
    );
    // Parts only: every total blank.
    let mut parts = whole.clone();
    for rel in &t.relations {
        if let [total] = rel.lhs.as_slice() {
            parts.set_raw(*total, "");
        }
    }
    std::fs::write(
        dir.join("whole.xlsx"),
        render(Export::Xlsx, &whole).expect("renders").bytes,
    )
    .unwrap();
    std::fs::write(
        dir.join("parts.xlsx"),
        render(Export::Xlsx, &parts).expect("renders").bytes,
    )
    .unwrap();
    // LibreOffice converts `files` of `dir` into `out`, with this profile.
    let convert = |to: &str, files: &[&str]| {
        let status = std::process::Command::new("libreoffice")
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(&out)
            .args(files.iter().map(|f| dir.join(f)))
            .env("HOME", &dir)
            .status()
            .expect("libreoffice is installed");
        assert!(status.success());
    };
    convert("xlsx:Calc MS Excel 2007 XML", &["whole.xlsx", "parts.xlsx"]);
    for name in ["whole", "parts"] {
        let bytes = std::fs::read(out.join(format!("{name}.xlsx"))).unwrap();
        let back = nianbao::import::open_report(&bytes).unwrap().report;
        same_cells(name, &whole, &back);
    }
    // Saved by Calc in the old binary format (.xls, as older Excel and WPS
    // keep it): opens by its row labels with the same cells.
    convert("xls:MS Excel 97", &["whole.xlsx", "parts.xlsx"]);
    for name in ["whole", "parts"] {
        let bytes = std::fs::read(out.join(format!("{name}.xls"))).unwrap();
        assert!(
            (nianbao::import::FileKind::of(&bytes) == nianbao::import::FileKind::OldOffice),
            "{name}.xls is an old Office file"
        );
        let back = nianbao::import::open_report(&bytes).unwrap().report;
        same_cells(&format!("{name}.xls"), &whole, &back);
    }
    // A .doc (the same container), as Writer saves one, is refused with what to do.
    std::fs::write(
        dir.join("report.docx"),
        render(Export::Docx, &whole).expect("renders").bytes,
    )
    .unwrap();
    convert("doc:MS Word 97", &["report.docx"]);
    let doc = std::fs::read(out.join("report.doc")).unwrap();
    assert!((nianbao::import::FileKind::of(&doc) == nianbao::import::FileKind::OldOffice));
    let why = nianbao::import::open_report(&doc).err().unwrap();
    assert!(why.contains("另存为 .docx"), "{why}");
}

/// Converts a Word file to PDF with LibreOffice, as an office PC prints it;
/// returns the PDF's path.
fn libreoffice_pdf(name: &str, docx: &[u8]) -> std::path::PathBuf {
    libreoffice_pdf_of(name, "docx", docx)
}

/// Converts an office file (`ext`: docx, xlsx) to PDF with LibreOffice;
/// returns the PDF's path.
/// LibreOffice converts `file` to `to` (a --convert-to target) into `dir`,
/// with `dir` as its profile's home.
fn libreoffice(dir: &std::path::Path, to: &str, file: &std::path::Path) {
    let status = std::process::Command::new("libreoffice")
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .env("HOME", dir)
        .status()
        .expect("libreoffice is installed");
    assert!(status.success());
}

fn libreoffice_pdf_of(name: &str, ext: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-docx-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    libreoffice(&dir, "pdf", &path);
    dir.join(format!("{name}.pdf"))
}

/// A PDF's text read back by pdftotext, page by page (laid out as printed,
/// spaces removed).
fn pages_of_pdf(pdf: &std::path::Path) -> Vec<String> {
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    text.split('\u{c}')
        .map(|page| page.replace([' ', '\u{3000}'], ""))
        .collect()
}

/// The five real seed reports (their printed errors and blanks included),
/// made Word files and printed to PDF by LibreOffice, open from the PDF with
/// every cell, year, agency and format (issue 11).
#[test]
#[ignore = "needs LibreOffice; .ci/test installs it and runs it"]
fn the_seeds_printed_to_pdf_by_libreoffice_open_with_every_cell() {
    for (i, seed) in SEEDS.iter().enumerate() {
        let report = import(seed).report;
        let pdf = libreoffice_pdf(
            &format!("seed{i}"),
            &render(Export::Docx, &report).expect("renders").bytes,
        );
        let back = nianbao::import::open_report(&std::fs::read(pdf).unwrap()).unwrap();
        same_report(&format!("seed {i} (PDF)"), &report, &back.report);
        assert!(back.notes[0].message.contains("PDF"));
    }
}

/// Converts a Word file with LibreOffice, as an office PC would open it, and
/// reads the PDF text back, page by page.
fn pdf_pages_of(name: &str, docx: &[u8]) -> Vec<String> {
    pages_of_pdf(&libreoffice_pdf(name, docx))
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; .ci/test installs them and runs it"]
fn libreoffice_opens_and_prints_the_word_file() {
    let mut r = import(SEEDS[4]).report;
    // Control characters a paste can carry (issue 8): the file still opens.
    r.meta.preamble = format!("{}\u{b}\u{c}\u{0}\u{1b}", r.meta.preamble);
    r.agency = r.agency.map(|a| format!("{a}\u{8}"));
    let pages = pdf_pages_of(
        "controls",
        &render(Export::Docx, &r).expect("renders").bytes,
    );
    let flat: String = pages.concat().split_whitespace().collect();
    for want in [
        "新巴尔虎左旗2020年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "政府集中采购",
        "7121.99",
        "（六）其他处理",
        "复议后起诉",
    ] {
        assert!(flat.contains(want), "{want} not in the PDF text");
    }
}

/// 表三 spans pages: each page it continues on starts with its header row
/// (w:tblHeader), as Word and WPS print it (issue 9).
#[test]
#[ignore = "needs LibreOffice and poppler-utils; .ci/test installs them and runs it"]
fn libreoffice_repeats_the_header_of_table_three_on_every_page() {
    let r = import(SEEDS[0]).report;
    let pages = pdf_pages_of("header", &render(Export::Docx, &r).expect("renders").bytes);
    // Row labels no prose uses.
    let rows = [
        "（一）予以公开",
        "属于国家秘密",
        "补正后申请内容仍不明确",
        "信访举报投诉类申请",
        "要求提供公开出版物",
        "（七）总计",
    ];
    let with_rows: Vec<&String> = pages
        .iter()
        .filter(|p| rows.iter().any(|row| p.contains(row)))
        .collect();
    assert!(
        with_rows.len() >= 2,
        "表三 fits one page: {} pages in all",
        pages.len()
    );
    for page in with_rows {
        let first_row = rows.iter().filter_map(|row| page.find(row)).min().unwrap();
        let header = page
            .find("申请人情况")
            .expect("the header on every page of 表三");
        assert!(header < first_row, "the header comes first: {page}");
    }
}

/// Converts any office file to PDF with LibreOffice; returns the PDF's text
/// page by page (spaces removed), blank pages left out.
fn libreoffice_pages(name: &str, ext: &str, bytes: &[u8]) -> Vec<String> {
    pages_of_pdf(&libreoffice_pdf_of(name, ext, bytes))
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The Excel download prints as the form does (issue 17): each table on one
/// A4 landscape page wide, so 表三 is not split side by side, its long row
/// labels whole.
#[test]
#[ignore = "needs LibreOffice and poppler-utils; .ci/test installs them and runs it"]
fn libreoffice_prints_the_workbook_one_table_a_page() {
    let r = import(SEEDS[0]).report;
    let pages = libreoffice_pages(
        "workbook",
        "xlsx",
        &render(Export::Xlsx, &r).expect("renders").bytes,
    );
    assert_eq!(pages.len(), 3, "one page per table: {pages:#?}");
    let t3: String = pages[1].split_whitespace().collect();
    for want in [
        "申请人情况",
        "自然人",
        "总计",
        "（七）总计",
        "四、结转下年度继续办理",
        "申请人无正当理由",
    ] {
        assert!(t3.contains(want), "{want} not on 表三's page: {t3}");
    }
}

/// The signature block (agency and date) stays on the page of the report's
/// last paragraph, however the pages fall.
#[test]
#[ignore = "needs LibreOffice and poppler-utils; .ci/test installs them and runs it"]
fn libreoffice_keeps_the_signature_with_the_last_paragraph() {
    let mut r = import(SEEDS[0]).report;
    r.meta.date = "2024年1月20日".into();
    let last = "本机关将继续做好政府信息公开工作，接受社会监督。";
    let t = nianbao::model::TextKey::ALL;
    // Texts long enough to push the end of 六 to the foot of a page, each length in turn.
    for extra in [20usize, 26, 32, 38] {
        let filler = "严格落实政府信息公开各项要求，".repeat(extra);
        r.set_text(t[t.len() - 1], format!("{filler}\n{last}"));
        let pages = libreoffice_pages(
            &format!("sign{extra}"),
            "docx",
            &render(Export::Docx, &r).expect("renders").bytes,
        );
        let end = pages
            .iter()
            .position(|p| p.contains(last))
            .expect("the last paragraph");
        let date = pages
            .iter()
            .position(|p| p.contains("2024年1月20日"))
            .expect("the date");
        assert_eq!(
            end, date,
            "signature split from the last paragraph ({extra})"
        );
    }
}

/// Every XML part of a Word file, parsed: a file with one that is not
/// well-formed is refused by Word and LibreOffice.
fn xml_parts_parse(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| e.to_string())?;
        if !file.name().ends_with(".xml") && !file.name().ends_with(".rels") {
            continue;
        }
        let mut xml = String::new();
        file.read_to_string(&mut xml).map_err(|e| e.to_string())?;
        roxmltree::Document::parse(&xml).map_err(|e| format!("{}: {e}", file.name()))?;
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, .. Default::default() })]

    /// Any text in any field, control characters included, gives a Word
    /// file whose every XML part is well-formed (issue 8).
    #[test]
    fn any_text_in_any_field_gives_a_well_formed_word_file(
        texts in proptest::collection::vec("\\PC{0,3}[\\x00-\\x1f\\u{7f}\\u{fffe}\\u{ffff}]{0,3}\\PC{0,3}", 12)
    ) {
        let mut r = import(SEEDS[1]).report;
        r.agency = Some(texts[0].clone());
        r.meta.title = texts[1].clone();
        r.meta.preamble = texts[2].clone();
        r.meta.date = texts[3].clone();
        for (key, text) in nianbao::model::TextKey::ALL.iter().zip(&texts[4..]) {
            r.set_text(*key, text.clone());
        }
        let t = r.template();
        r.set_raw(t.by_path("t3.new_received.total").unwrap(), texts[11].clone());
        let bytes = render(Export::Docx, &r).expect("renders").bytes;
        proptest::prop_assert_eq!(xml_parts_parse(&bytes), Ok(()));
    }
}

/// `nianbao check DIR --issues-xlsx FILE` (issue 20): LibreOffice Calc opens
/// the 问题清单 and reads back, sheet by sheet, every finding `check --json`
/// gives for each report, once and in order, with the summary sheet's
/// counts, and the file that could not be read named with why.
#[test]
#[ignore = "needs LibreOffice Calc; .ci/test installs it and runs it"]
fn the_issues_workbook_opens_in_libreoffice_with_every_finding_once() {
    let dir = std::env::temp_dir().join(format!("nianbao-issues-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    for (i, seed) in SEEDS.iter().enumerate() {
        std::fs::write(reports.join(format!("seed_{i}.txt")), seed).unwrap();
    }
    std::fs::write(reports.join("bad.docx"), b"PK\x03\x04 not a zip").unwrap();
    // An agency written as a formula: the workbook must keep it as text.
    let formula = SEEDS[1].replace("大武口区人民政府办公室", "=1+1");
    std::fs::write(reports.join("formula.txt"), formula).unwrap();
    let nianbao = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("check")
            .arg(&reports)
            .args(args)
            .output()
            .unwrap()
    };
    let book = dir.join("问题清单.xlsx");
    let word = dir.join("问题清单.docx");
    let out = nianbao(&[
        "--issues-xlsx".as_ref(),
        book.as_os_str(),
        "--issues-docx".as_ref(),
        word.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "bad.docx cannot be read");
    // Each report's findings as `check --json` gives them: file → messages.
    let json = String::from_utf8(nianbao(&["--json".as_ref()]).stdout).unwrap();
    let mut want: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let messages = v["findings"].as_array().unwrap().iter();
        want.insert(
            v["file"].as_str().unwrap().to_owned(),
            messages
                .map(|f| f["message"].as_str().unwrap().to_owned())
                .collect(),
        );
    }
    assert_eq!(want.len(), 6);
    // Every sheet as tab-separated text (filter option -1: all sheets).
    libreoffice(
        &dir,
        "csv:Text - txt - csv (StarCalc):9,,76,1,,0,false,false,false,false,false,-1",
        &book,
    );
    let sheet = |name: &str| -> Vec<Vec<String>> {
        std::fs::read_to_string(dir.join(format!("问题清单-{name}.csv")))
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
            .lines()
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect()
    };
    let summary = sheet("汇总");
    assert_eq!(
        summary[1][..7],
        ["序号", "机关", "文件", "年度", "错误", "提醒", "提示"]
    );
    let mut seen = 0;
    for row in summary
        .iter()
        .skip(2)
        .take_while(|r| r[0].parse::<u32>().is_ok())
    {
        let (agency, file) = (&row[1], &row[2]);
        let messages = &want[file];
        let counted: usize = row[4..7].iter().map(|n| n.parse::<usize>().unwrap()).sum();
        assert_eq!(counted, messages.len(), "{file}");
        // The agency's sheet: a title row, the header, then each finding.
        let rows = sheet(agency);
        assert!(
            rows[0][0].contains(&format!("（文件：{file}）")),
            "{:?}",
            rows[0]
        );
        let got: Vec<&str> = rows.iter().skip(2).map(|r| r[6].as_str()).collect();
        assert_eq!(
            got,
            messages.iter().map(String::as_str).collect::<Vec<_>>(),
            "{file}"
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
    assert!(
        summary.iter().any(|r| r[1] == "=1+1"),
        "the formula stays text: {summary:?}"
    );
    let unreadable = summary
        .iter()
        .position(|r| r[0] == "未能读取的文件")
        .expect("the unreadable files");
    assert!(
        summary[unreadable + 1][0].contains("bad.docx"),
        "{:?}",
        summary[unreadable + 1]
    );
    // The Word edition, as Writer reads it: every message as often as the
    // reports give it, and the unreadable file.
    libreoffice(&dir, "txt:Text (encoded):UTF8", &word);
    let text = std::fs::read_to_string(dir.join("问题清单.txt")).unwrap();
    let all: Vec<&String> = want.values().flatten().collect();
    for m in &all {
        let times = all.iter().filter(|o| o == &m).count();
        assert_eq!(text.matches(m.as_str()).count(), times, "{m}");
    }
    assert!(text.contains("bad.docx"));
    std::fs::remove_dir_all(&dir).ok();
}
