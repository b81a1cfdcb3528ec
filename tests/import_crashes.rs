//! Bad input never panics and never takes more than linear work: garbage,
//! huge pastes, binary, scripts, crafted markup that once took quadratic
//! time (kept as named cases, as pulldown-cmark keeps its fuzzer's finds),
//! and a seeded mutation loop over the seeds and the layout fixtures with a
//! bound on the work per input byte. Work is counted by the importer
//! (`import::work`), not timed.
#![allow(clippy::unwrap_used)]

mod common;
use common::SEEDS;
use nianbao::import::{import, work, Level};
use nianbao::render::{render, Export};
use nianbao::rules::check;

/// xorshift: reproducible without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Work allowed for an input: linear in its bytes, plus the searches'
/// fixed budgets (digit splits, open rows).
fn work_bound(bytes: usize) -> u64 {
    100 * bytes as u64 + 20_000_000
}

/// Imports, checks and renders; returns the import's work. Whatever was
/// read, every export gives a file (the report as far as it was read).
fn full_pipeline(input: &str) -> u64 {
    work::reset();
    let imported = import(input);
    let spent = work::count();
    let findings = check(&imported.report, None);
    assert!(
        findings.iter().all(|f| !f.message.is_empty()),
        "every finding says something"
    );
    for &export in Export::ALL {
        let file = render(export, &imported.report).expect("renders");
        assert!(!file.bytes.is_empty(), "{export:?} of {input:.40?}");
    }
    spent
}

/// A refusal a person can read: Chinese, without the parsers' English.
fn in_chinese(why: &str) -> bool {
    let english = [
        "error",
        "the ",
        "invalid",
        "expected",
        "panicked",
        "unexpected",
    ];
    why.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !english.iter().any(|e| why.to_lowercase().contains(e))
}

#[test]
fn garbage_gives_a_clear_note_and_an_empty_report() {
    for input in [
        "",
        " ",
        "asdf",
        "|||",
        "一、",
        "1 2 3 4 5",
        "<<<>>>",
        "&&&;",
        "\u{FEFF}",
    ] {
        let i = import(input);
        assert!(i.report.is_blank(), "{input:?}");
        assert_eq!(i.cells_read, 0, "{input:?}");
        assert!(
            i.notes.iter().any(
                |n| n.level == Level::Warning && n.message.contains("没有找到年报的各部分标题")
            ),
            "{input:?}: {:?}",
            i.notes
        );
        full_pipeline(input);
    }
    let i = import("这是一段与年报无关的文字。");
    assert!(i
        .notes
        .iter()
        .any(|n| n.level == Level::Warning && n.message.contains("没有找到年报的各部分标题")));
}

#[test]
fn ten_megabytes_of_noise_is_read_in_part_with_a_note() {
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "一二三四五六七八九十总计|0123456789 \n本年新收（）()、.公开"
        .chars()
        .collect();
    let noise: String = (0..5_000_000)
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect();
    assert!(noise.len() > 10_000_000);
    work::reset();
    let i = import(&noise);
    assert!(i
        .notes
        .iter()
        .any(|n| n.message.contains("只读取了前 2 MB")));
    assert!(work::count() <= work_bound(nianbao::import::MAX_INPUT));
}

/// Inputs that once took quadratic time (issue 8), named as found.
const SLOW_ONCE: [(&str, &str, &str); 9] = [
    ("unclosed tags", "<p>", "<a"),
    ("empty style elements", "<p>", "<style></style>"),
    ("nested tables", "<p>", "<table>"),
    ("unclosed quoted attributes", "<p>", "<a x='"),
    ("unclosed comments", "<p>", "<!--"),
    ("lone angle brackets", "<p>", "< "),
    ("nested divisions", "<p>", "<div>"),
    (
        "a row of empty cells",
        "三、收到和处理政府信息公开申请情况\n",
        "|",
    ),
    (
        "a run of digits",
        "三、收到和处理政府信息公开申请情况\n本年新收",
        "1",
    ),
];

#[test]
fn crafted_input_takes_linear_work() {
    for (name, head, unit) in SLOW_ONCE {
        let spent = |n: usize| full_pipeline(&format!("{head}{}", unit.repeat(n)));
        let (small, large) = (spent(20_000), spent(40_000));
        assert!(
            large <= small * 22 / 10 + 10_000,
            "{name}: twice the input took {large} units of work, against {small}"
        );
        let bytes = head.len() + unit.len() * 40_000;
        assert!(
            large <= work_bound(bytes),
            "{name}: {large} units for {bytes} bytes"
        );
    }
}

#[test]
fn binary_is_refused_in_chinese() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 256) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let i = import(&text);
    assert!(i.report.is_blank());
    assert!(i.notes[0].message.contains("不是文字"));
    assert!(in_chinese(&i.notes[0].message), "{}", i.notes[0].message);
}

#[test]
fn scripts_in_a_pasted_page_never_reach_the_report_or_the_output() {
    let html = "<html><head><script>alert('head')</script></head><body>\
        <p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>\
        <p>正文<script>document.cookie</script>&lt;script&gt;alert(1)&lt;/script&gt;</p>\
        <img src=x onerror=alert(2)><p>六、其他需要报告的事项</p><p>无。</p></body></html>";
    let i = import(html);
    let text = i.report.overview_full();
    assert!(!text.contains("document.cookie"));
    assert!(
        text.contains("<script>alert(1)</script>"),
        "escaped text is kept as text: {text}"
    );
    let out = render(Export::Html, &i.report)
        .expect("renders")
        .text()
        .to_owned();
    assert!(!out.contains("<script>alert"));
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!out.contains("onerror"));
}

/// The seeds and one report in every text layout made by real tools (the
/// PDF and Word files have their own test below).
fn samples() -> Vec<String> {
    let mut out: Vec<String> = SEEDS.iter().map(|s| (*s).to_owned()).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts/r009");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = path
            .extension()
            .is_some_and(|e| ["txt", "html", "md"].contains(&e.to_str().unwrap_or_default()));
        if text {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
    out
}

#[test]
fn a_mutated_report_never_panics_and_stays_within_its_work_bound() {
    let samples = samples();
    // A longer run: NIANBAO_FUZZ_ROUNDS=20000 NIANBAO_FUZZ_SEED=7 cargo test --release ...
    let var = |name, default| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let mut rng = Rng(var("NIANBAO_FUZZ_SEED", 0x5eed));
    for round in 0..var("NIANBAO_FUZZ_ROUNDS", 600) as usize {
        let seed = &samples[round % samples.len()];
        let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(lines.len());
            match rng.below(7) {
                0 => {
                    lines.remove(at);
                }
                1 => {
                    let l = lines[at].clone();
                    let to = rng.below(lines.len());
                    lines.insert(to, l);
                }
                2 => {
                    let other = rng.below(lines.len());
                    lines.swap(at, other);
                }
                3 => {
                    let cut = lines[at]
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(rng.below(8))
                        .unwrap_or(0);
                    lines[at].truncate(cut);
                }
                4 => {
                    lines[at].push_str(["|", "（", "<td", "&#", "-", "１２", "\u{0}"][rng.below(7)])
                }
                5 => lines.truncate(at.max(1)),
                _ => lines[at] = lines[at].replace('0', "一"),
            }
            if lines.is_empty() {
                break;
            }
        }
        let input = lines.join("\n");
        let spent = full_pipeline(&input);
        assert!(
            spent <= work_bound(input.len()),
            "round {round}: {spent} units of work for {} bytes",
            input.len()
        );
    }
}

#[test]
fn invalid_values_survive_import_and_are_flagged() {
    // What went wrong in a paste: full-width digits and a negative count.
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | １２ | -1 | 0 | 0 | 0 | 0 | 11";
    let r = import(text).report;
    let t = r.template();
    assert_eq!(
        r.raw(t.by_path("t3.new_received.natural_person").unwrap()),
        "１２"
    );
    assert_eq!(
        r.number(t.by_path("t3.new_received.natural_person").unwrap()),
        Some(12)
    );
    let f = check(&r, None);
    let d1 = f.iter().find(|f| f.rule == "D1").unwrap();
    assert!(d1.message.contains("“-1”不能为负数"), "{}", d1.message);
}

/// PDF files damaged at random (bytes changed, cut short, pieces repeated)
/// are read or refused with a Chinese reason: never a panic, never a hang.
#[test]
fn a_damaged_pdf_is_read_or_refused_in_chinese() {
    let samples: Vec<Vec<u8>> = ["r001/report.pdf", "r009/chromium.pdf"]
        .iter()
        .map(|f| std::fs::read(format!("tests/fixtures/layouts/{f}")).unwrap())
        .collect();
    let mut rng = Rng(0x9df);
    let rounds = std::env::var("NIANBAO_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    for round in 0..rounds {
        let mut bytes = samples[round % samples.len()].clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(bytes.len());
            match rng.below(4) {
                0 => bytes[at] = rng.next() as u8,
                1 => bytes.truncate(at.max(16)),
                2 => {
                    let end = (at + rng.below(64)).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    let to = rng.below(bytes.len());
                    bytes.splice(to..to, piece);
                }
                _ => {
                    let end = (at + rng.below(32)).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }
        match nianbao::import::open_report(&bytes) {
            Ok(imported) => {
                check(&imported.report, None);
            }
            Err(why) => assert!(
                why.contains("PDF") && in_chinese(&why),
                "round {round}: {why}"
            ),
        }
    }
}

/// A .docx whose body holds `depth` nested elements of one kind.
fn nested_docx(open: &str, close: &str, depth: usize) -> Vec<u8> {
    use std::io::Write;
    let body = format!(
        "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}",
        open.repeat(depth),
        close.repeat(depth)
    );
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).expect("zip");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

/// Word files nested 20,000 deep (paragraphs, content controls) are refused
/// with a Chinese reason instead of overflowing the stack (also in a debug
/// build's test thread); 120 content controls deep (245 levels, just under the limit) still reads
/// (issue 19).
#[test]
fn deeply_nested_word_files_are_refused_not_a_stack_overflow() {
    for (open, close) in [
        ("<w:p>", "</w:p>"),
        ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
    ] {
        let why =
            nianbao::import::open_report(&nested_docx(open, close, 20_000)).expect_err("refused");
        assert!(why.contains("嵌套层数超过"), "{why}");
    }
    let read = nianbao::import::open_report(&nested_docx(
        "<w:sdt><w:sdtContent>",
        "</w:sdtContent></w:sdt>",
        120,
    ));
    assert!(read.is_ok(), "{:?}", read.err());
}
