//! The layout corpus (issue 7): generated reports, turned by real tools into
//! what people paste (see tests/corpus/make.mjs), imported, and every cell
//! graded against the truth. A wrong cell is worse than a missing one: the
//! bar is 0 wrong everywhere.
//!
//! `.ci/test` builds the corpus in `target/corpus` and runs this with
//! `--ignored`; `tests/fixtures/layouts/` keeps one report in every layout so
//! that a plain `cargo test` grades them too.
#![allow(clippy::unwrap_used)]

use nianbao::import::{import_file, open_report};
use nianbao::model::number;
use nianbao::template::Template;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every layout, its file name, and the share of printed cells it must read
/// right over the corpus (the rest may stay empty, never wrong). Blank cells
/// and printed errors in a PDF's or an archive's text leave cells that no
/// reading can place; pdftotext's reading order cuts tables into blocks.
const LAYOUTS: [(&str, &str, f64); 24] = [
    ("own-text", "own-text.txt", 1.0),
    ("own-html", "own-html.html", 1.0),
    ("chromium-text", "chromium-text.txt", 1.0),
    ("cms-text", "cms-text.txt", 1.0),
    ("cms-clipboard", "cms-clipboard.html", 1.0),
    ("pdftotext-raw", "pdftotext-raw.txt", 0.95),
    ("pdftotext-layout", "pdftotext-layout.txt", 0.98),
    ("pdftotext", "pdftotext.txt", 0.05),
    ("pdf-markdown", "pdf-markdown.md", 0.98),
    ("traditional-pinyin", "traditional-pinyin.txt", 1.0),
    ("stripped", "stripped.txt", 0.75),
    ("docx-file", "report.docx", 1.0),
    ("pdf-file", "report.pdf", 1.0),
    ("chromium-pdf", "chromium.pdf", 1.0),
    ("chromium-pdf-borderless", "chromium-borderless.pdf", 0.95),
    // Shapes of real reports (tests/corpus/shapes.mjs, issue 16).
    ("note-row", "note-row.txt", 1.0),
    ("other-one-row", "other-one-row.txt", 1.0),
    ("other-one-row-pdf", "other-one-row.pdf", 1.0),
    ("t4-viewer-order", "t4-viewer-order.txt", 0.98),
    ("one-line", "one-line.txt", 0.85),
    ("heading-variants", "heading-variants.txt", 1.0),
    ("page-meta", "page-meta.txt", 1.0),
    ("glued-tables", "glued-tables.txt", 0.75),
    ("markdown-split", "markdown-split.md", 0.98),
];

/// The values graded from outside on real reports (issue 16): the tables'
/// totals, with the format, year and agency.
const GRADED: [&str; 7] = [
    "t3.new_received.total",
    "t3.carried_over.total",
    "t3.result.total.total",
    "t3.carried_forward.total",
    "t4.review.total",
    "t4.suit_direct.total",
    "t4.suit_after_review.total",
];

#[derive(Default, Debug)]
struct Tally {
    reports: usize,
    printed: usize,
    right: usize,
    wrong: usize,
    missing: usize,
    /// Of the graded values (totals printed, format, year, agency): how many, how many right.
    graded: usize,
    graded_right: usize,
    meta_wrong: Vec<String>,
    wrong_cells: Vec<String>,
    missing_cells: Vec<String>,
}

/// The truth of a report in a layout: `truth.LAYOUT.json` where the layout
/// prints the report otherwise (rows merged), else `truth.json`.
fn truth_of(report_dir: &Path, file: &str) -> Json {
    let stem = file.split('.').next().unwrap_or(file);
    let own = report_dir.join(format!("truth.{stem}.json"));
    let path = if own.exists() {
        own
    } else {
        report_dir.join("truth.json")
    };
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn grade(report_dir: &Path, file: &str, tally: &mut Tally) {
    let truth = truth_of(report_dir, file);
    let bytes = std::fs::read(report_dir.join(file)).unwrap();
    let imported = if file.ends_with(".pdf") || file.ends_with(".docx") {
        open_report(&bytes).unwrap()
    } else {
        import_file(&String::from_utf8_lossy(&bytes))
    }
    .report;
    let name = report_dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    tally.reports += 1;
    for (key, got) in [
        ("format", Json::from(imported.format.as_str())),
        ("year", Json::from(imported.year)),
        ("agency", Json::from(imported.agency.clone())),
    ] {
        tally.graded += 1;
        if truth[key] != got {
            tally
                .meta_wrong
                .push(format!("{name} {key}: {} ≠ {}", got, truth[key]));
        } else {
            tally.graded_right += 1;
        }
    }
    let t = imported.template();
    let truth_format = nianbao::template::Format::parse(truth["format"].as_str().unwrap()).unwrap();
    let truth_template = Template::get(truth_format);
    for (path, want) in truth["cells"].as_object().unwrap() {
        let kind = truth_template
            .cell(truth_template.by_path(path).unwrap())
            .kind;
        let got = t
            .by_path(path)
            .map(|id| number::read(imported.raw(id), kind))
            .unwrap_or(number::Value::Empty);
        match want.as_str() {
            Some(raw) => {
                tally.printed += 1;
                let want = number::read(raw, kind);
                let graded = GRADED.iter().any(|g| path.ends_with(g));
                tally.graded += usize::from(graded);
                if got == want {
                    tally.right += 1;
                    tally.graded_right += usize::from(graded);
                } else if got == number::Value::Empty {
                    tally.missing += 1;
                    tally
                        .missing_cells
                        .push(format!("{name} {path}: missing {want:?}"));
                } else {
                    tally.wrong += 1;
                    tally
                        .wrong_cells
                        .push(format!("{name} {path}: {got:?} ≠ {want:?}"));
                }
            }
            // A blank printed as "—" or "/" is read as that mark: right.
            None if !matches!(got, number::Value::Empty | number::Value::Missing) => {
                tally.wrong += 1;
                tally
                    .wrong_cells
                    .push(format!("{name} {path}: {got:?} where the cell is blank"));
            }
            None => {}
        }
    }
}

fn grade_all(root: &Path) -> BTreeMap<&'static str, Tally> {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("truth.json").exists())
        .collect();
    reports.sort();
    assert!(!reports.is_empty(), "no reports in {}", root.display());
    let mut out = BTreeMap::new();
    for (layout, file, _) in LAYOUTS {
        let mut tally = Tally::default();
        for r in reports.iter().filter(|r| r.join(file).exists()) {
            grade(r, file, &mut tally);
        }
        out.insert(layout, tally);
    }
    out
}

fn table(results: &BTreeMap<&'static str, Tally>) -> String {
    let mut s = String::from(
        "| layout | reports | cells printed | right | wrong | missing | agency/year/format wrong | totals, format, year, agency right |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (layout, _, _) in LAYOUTS {
        let t = &results[layout];
        if t.reports == 0 {
            continue;
        }
        let pct = |n: usize| 100.0 * n as f64 / t.printed.max(1) as f64;
        s.push_str(&format!(
            "| {layout} | {} | {} | {:.1} % | {} | {:.1} % | {} | {:.1} % |\n",
            t.reports,
            t.printed,
            pct(t.right),
            t.wrong,
            pct(t.missing),
            t.meta_wrong.len(),
            100.0 * t.graded_right as f64 / t.graded.max(1) as f64
        ));
    }
    s
}

/// Grades a folder of reports: 0 wrong cells and the right agency, year
/// and format everywhere; with `floors`, each layout's share right too.
fn check(root: &Path, floors: bool) {
    let results = grade_all(root);
    let table = table(&results);
    println!("{table}");
    let mut failures = Vec::new();
    for (layout, _, floor) in LAYOUTS {
        let t = &results[layout];
        if t.reports == 0 {
            continue;
        }
        let right = t.right as f64 / t.printed.max(1) as f64;
        if t.wrong > 0 {
            failures.push(format!(
                "{layout}: {} wrong cells, e.g. {:?}",
                t.wrong,
                &t.wrong_cells[..t.wrong_cells.len().min(5)]
            ));
        }
        if floors && right < floor {
            failures.push(format!(
                "{layout}: {:.1} % right, below {:.1} %",
                right * 100.0,
                floor * 100.0
            ));
        }
        if !t.meta_wrong.is_empty() {
            failures.push(format!(
                "{layout}: {:?}",
                &t.meta_wrong[..t.meta_wrong.len().min(5)]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_report_in_every_layout() {
    check(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts"),
        false,
    );
}

#[test]
#[ignore = "needs the corpus made by tests/corpus/make.mjs (run by .ci/test)"]
fn the_corpus_made_by_real_tools() {
    let root = std::env::var("NIANBAO_CORPUS")
        .unwrap_or_else(|_| format!("{}/target/corpus", env!("CARGO_MANIFEST_DIR")));
    check(Path::new(&root), true);
}

/// Lists the wrong and missing cells of one layout: `NIANBAO_LAYOUT=pdftotext
/// cargo test --test corpus debug_layout -- --ignored --nocapture`.
#[test]
#[ignore = "a tool for looking at one layout"]
fn debug_layout() {
    let root = std::env::var("NIANBAO_CORPUS")
        .unwrap_or_else(|_| format!("{}/target/corpus", env!("CARGO_MANIFEST_DIR")));
    let layout = std::env::var("NIANBAO_LAYOUT").unwrap_or_else(|_| "own-text".into());
    let results = grade_all(Path::new(&root));
    let t = &results[LAYOUTS.iter().find(|l| l.0 == layout).unwrap().0];
    for w in &t.wrong_cells {
        println!("{w}");
    }
    if std::env::var("NIANBAO_MISSING").is_ok() {
        for m in &t.missing_cells {
            println!("{m}");
        }
    }
    for m in &t.meta_wrong {
        println!("{m}");
    }
}
