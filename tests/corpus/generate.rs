//! Generates the reports of the layout corpus (issue 7): random reports in
//! both formats, valid ones and ones with printed sum errors, counts of 0 to
//! 4 digits, blank cells printed as "", "—" or "/", titles in the forms seen
//! in the wild, and a 总体情况 whose sub-headings and sentences repeat the
//! words of the section headings.
//!
//! Each report is written with the project's own renderers (HTML, text,
//! Word) next to its truth; `tests/corpus/make.mjs` then turns the HTML and
//! the Word file into what people paste, with real tools (Chromium,
//! LibreOffice, pdftotext, a PDF→Markdown converter, OpenCC, pypinyin).
//!
//! ```sh
//! cargo run --example corpus -- OUT_DIR [COUNT] [SEED]
//! ```

use nianbao::model::{Report, TextKey};
use nianbao::render::{render, Export};
use nianbao::template::{table3::Role, table4, CellId, Format, TableId, ValueKind};
use serde_json::{json, Map, Value as Json};
use std::io::{Read, Write};
use std::path::Path;

/// How blank cells are left in the printed tables.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Blanks {
    /// Every cell printed.
    None,
    /// Every zero of 表三 and 表四 left blank (some agencies do this).
    Zeros,
    /// The five 法人或其他组织 columns left blank (only natural persons applied).
    Orgs,
    /// The 总计 column of the result rows (一)–(六) left blank.
    LeafTotals,
}

struct Spec {
    format: Format,
    /// Largest number of digits of a leaf count.
    digits: u32,
    /// Chance that a leaf cell is not zero.
    density: f64,
    /// Only natural persons applied (the five organisation columns are 0).
    persons_only: bool,
    /// How many printed sum errors.
    errors: u32,
    blanks: Blanks,
    /// What a blank cell shows: "", "—" or "/".
    blank_mark: &'static str,
}

const PLACES: [&str; 12] = [
    "大同市新荣区",
    "包头市昆都仑区",
    "杭州市西湖区",
    "呼和浩特市新城区",
    "石嘴山市大武口区",
    "赣州市章贡区",
    "成都市武侯区",
    "怀化市鹤城区",
    "威海市文登区",
    "黄石市",
    "江门市",
    "阿拉善左旗",
];
const BODIES: [&str; 14] = [
    "人民政府办公室",
    "商务局",
    "交通运输局",
    "市场监督管理局",
    "政务服务中心",
    "自然资源和规划局",
    "住房和城乡建设局",
    "卫生健康委员会",
    "人民政府",
    "教育局",
    "司法局",
    "行政审批和政务服务局",
    "生态环境局",
    "统计局",
];
const TOWNS: [&str; 4] = [
    "城关镇人民政府",
    "东街街道办事处",
    "新华街道办事处",
    "红旗乡人民政府",
];

fn cn_year(year: i32) -> String {
    year.to_string()
        .chars()
        .map(|d| {
            "〇一二三四五六七八九"
                .chars()
                .nth(d as usize - '0' as usize)
                .unwrap_or('〇')
        })
        .collect()
}

fn title_of(form: usize, agency: &str, year: i32) -> String {
    match form {
        0 => format!("{agency}{year}年政府信息公开工作年度报告"),
        1 => format!("{year}年度{agency}政府信息公开工作年度报告"),
        2 => format!("{agency}政府信息公开工作年度报告（{year}年）"),
        3 => format!("{agency}关于{year}年政府信息公开工作年度报告"),
        4 => format!("{agency}{year}年度政府信息公开工作年度报告"),
        5 => format!("{agency}{}年政府信息公开工作年度报告", cn_year(year)),
        _ => format!("{agency}{year}年政府信息公开年报"),
    }
}

/// A count of at most `digits` digits, zero with probability 1 − density.
fn count(rng: &mut fastrand::Rng, digits: u32, density: f64) -> i64 {
    if digits == 0 || rng.f64() >= density {
        return 0;
    }
    let top = 10i64.pow(digits);
    // Mostly small numbers, as real reports have, some of full width.
    if rng.bool() {
        rng.i64(1..top.min(10))
    } else {
        rng.i64(1..top)
    }
}

fn spec(rng: &mut fastrand::Rng, i: usize) -> Spec {
    let format = if i % 6 == 5 {
        Format::Y2019
    } else {
        Format::Y2021
    };
    let digits = [0, 1, 1, 2, 2, 3, 4][rng.usize(0..7)];
    let blanks = match rng.usize(0..10) {
        0 | 1 => Blanks::Zeros,
        2 => Blanks::Orgs,
        3 => Blanks::LeafTotals,
        _ => Blanks::None,
    };
    Spec {
        format,
        digits,
        density: [0.1, 0.25, 0.5, 0.9][rng.usize(0..4)],
        persons_only: blanks == Blanks::Orgs || rng.usize(0..3) == 0,
        errors: [0, 0, 0, 1, 2][rng.usize(0..5)],
        blanks,
        blank_mark: ["", "", "—", "/"][rng.usize(0..4)],
    }
}

/// Fills 表三 so that every relation holds: leaves at random, row totals,
/// （七） as column sums, 二 and 四 at random, 一 from R1.
fn fill_t3(r: &mut Report, rng: &mut fastrand::Rng, s: &Spec) {
    let t = r.template();
    let cols = 7;
    let total_col = cols - 1;
    let row_of = |role| t.t3_row_of(role);
    let mut sums = [0i64; 7];
    for (row, def) in t.t3_rows.iter().enumerate() {
        if def.role != Role::Leaf {
            continue;
        }
        let mut total = 0;
        for (c, sum) in sums.iter_mut().enumerate().take(total_col) {
            let v = if s.persons_only && c > 0 {
                0
            } else {
                count(rng, s.digits, s.density / if c == 0 { 1.0 } else { 3.0 })
            };
            r.set_number(t.t3_cell(row, c), v);
            total += v;
            *sum += v;
        }
        r.set_number(t.t3_cell(row, total_col), total);
        sums[total_col] += total;
    }
    let mut rows = |role, values: &[i64; 7]| {
        for (c, v) in values.iter().enumerate() {
            r.set_number(t.t3_cell(row_of(role), c), *v);
        }
    };
    rows(Role::ResultTotal, &sums);
    let mut over = [0i64; 7];
    let mut forward = [0i64; 7];
    let mut new = [0i64; 7];
    for c in 0..total_col {
        if s.persons_only && c > 0 {
            continue;
        }
        over[c] = count(rng, s.digits.min(2), s.density / 2.0);
        forward[c] = count(rng, s.digits.min(2), s.density / 2.0);
        over[c] = over[c].min(sums[c] + forward[c]);
        new[c] = sums[c] + forward[c] - over[c];
    }
    for a in [&mut over, &mut forward, &mut new] {
        a[total_col] = a.iter().take(total_col).sum();
    }
    rows(Role::CarriedOver, &over);
    rows(Role::CarriedForward, &forward);
    rows(Role::NewReceived, &new);
}

fn fill_t4(r: &mut Report, rng: &mut fastrand::Rng, s: &Spec) {
    let t = r.template();
    for g in 0..table4::GROUPS.len() {
        let mut total = 0;
        for f in 0..table4::TOTAL_FIELD {
            let v = count(rng, s.digits.min(2), s.density / 2.0);
            r.set_number(t.t4_cell(g, f), v);
            total += v;
        }
        r.set_number(t.t4_cell(g, table4::TOTAL_FIELD), total);
    }
}

fn fill_t2(r: &mut Report, rng: &mut fastrand::Rng, s: &Spec) {
    let t = r.template();
    for id in t.cells_of(TableId::T2) {
        let cell = t.cell(id);
        let v = match cell.kind {
            ValueKind::Count => {
                let digits = s.digits.max(1) + u32::from(rng.bool());
                count(rng, digits, 0.7)
            }
            ValueKind::Signed => rng.i64(-9..10),
            // 万元 with up to 2 decimals, sometimes none.
            ValueKind::Decimal => count(rng, 4, 0.6) * [100, 1, 10_000][rng.usize(0..3)],
        };
        r.set_number(id, v);
    }
}

/// A printed sum error: a total or a part off by a little, as real reports have.
fn add_error(r: &mut Report, rng: &mut fastrand::Rng) {
    let t = r.template();
    let rel = &t.relations[rng.usize(0..t.relations.len())];
    let cells: Vec<CellId> = rel.lhs.iter().chain(&rel.rhs).copied().collect();
    let id = cells[rng.usize(0..cells.len())];
    let n = r.number(id).unwrap_or(0);
    let delta = if n > 0 && rng.bool() {
        -rng.i64(1..=n.min(9))
    } else {
        rng.i64(1..10)
    };
    r.set_number(id, n + delta);
}

/// The cells printed blank under a spec.
fn blank_cells(r: &Report, s: &Spec) -> Vec<CellId> {
    let t = r.template();
    let t3 = |id: CellId| t.cell(id).table == TableId::T3;
    t.ids()
        .filter(|&id| {
            let c = t.cell(id);
            match s.blanks {
                Blanks::None => false,
                Blanks::Zeros => c.table != TableId::T2 && r.number(id) == Some(0),
                Blanks::Orgs => t3(id) && (1..6).contains(&c.col) && r.number(id) == Some(0),
                Blanks::LeafTotals => t3(id) && c.col == 6 && t.t3_rows[c.row].role == Role::Leaf,
            }
        })
        .collect()
}

const TOPIC_HEADS: [[&str; 5]; 3] = [
    [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）政府信息公开平台建设情况",
        "（五）监督保障情况",
    ],
    [
        "（一）主动公开政府信息情况",
        "（二）依申请公开政府信息情况",
        "（三）政府信息管理",
        "（四）平台建设情况",
        "（五）监督保障",
    ],
    [
        "（一）坚持主动公开，提升公开质效",
        "（二）规范依申请公开办理",
        "（三）加强政府信息管理",
        "（四）强化政府信息公开平台建设",
        "（五）强化监督保障",
    ],
];

/// The prose of 一 quotes the tables' totals, as real reports do
/// ("本年新收…N件，上年结转…", "行政复议N件，其中结果维持a件…"); now and then
/// with a figure that contradicts its table (a printed error of the text).
fn overview(r: &Report, rng: &mut fastrand::Rng, year: i32, agency: &str) -> String {
    let t = r.template();
    let get = |path: &str| t.by_path(path).and_then(|id| r.number(id)).unwrap_or(0);
    // Now and then the text says otherwise than the table.
    let mut said = |n: i64| {
        if rng.usize(0..8) == 0 {
            n + rng.i64(1..9)
        } else {
            n
        }
    };
    let new_total = said(get("t3.new_received.total"));
    let over = said(get("t3.carried_over.total"));
    let done = said(get("t3.result.total.total"));
    let forward = said(get("t3.carried_forward.total"));
    let review = [
        said(get("t4.review.total")),
        said(get("t4.review.upheld")),
        said(get("t4.review.corrected")),
        said(get("t4.review.other")),
        said(get("t4.review.pending")),
    ];
    let suits = said(get("t4.suit_direct.total") + get("t4.suit_after_review.total"));
    let heads = TOPIC_HEADS[rng.usize(0..TOPIC_HEADS.len())];
    let n = rng.usize(100..3000);
    let requests = match (new_total, rng.usize(0..3)) {
        (0, _) => "本年度未收到政府信息公开申请。\n收到和处理政府信息公开申请情况详见下表。".to_owned(),
        (_, 0) => format!("本年度共收到政府信息公开申请{new_total}件，均已按时办结。\n收到和处理政府信息公开申请情况见下表"),
        (_, 1) => format!("本年新收政府信息公开申请{new_total}件，上年结转{over}件，办理{done}件，结转下年度继续办理{forward}件。"),
        _ => format!("全年受理政府信息公开申请{new_total}件。\n收到和处理政府信息公开申请情况见下表"),
    };
    let [total, upheld, corrected, other, pending] = review;
    let cases = match (total + suits, rng.usize(0..2)) {
        (0, _) => "全年未发生因政府信息公开引起的行政复议、行政诉讼。".to_owned(),
        (_, 0) => format!("全年发生政府信息公开行政复议{total}件，其中结果维持{upheld}件，结果纠正{corrected}件，其他结果{other}件，尚未审结{pending}件。行政诉讼{suits}件。"),
        _ => "政府信息公开行政复议、行政诉讼情况详见第四部分".to_owned(),
    };
    let bodies = [
        format!(
            "全年主动公开政府信息{n}条。\n通过门户网站发布信息{}条，政务新媒体发布信息{}条。\n主动公开政府信息情况详见下表。",
            n / 2,
            n - n / 2
        ),
        requests,
        "严格落实信息发布审核制度，做好政府信息公开目录的维护更新。".to_owned(),
        "以门户网站为第一平台，政务新媒体为补充，及时更新各类栏目信息。".to_owned(),
        format!("全年开展政务公开业务培训2次，将政务公开纳入年度绩效考核。\n{cases}"),
    ];
    let mut out = format!(
        "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
    );
    for (head, body) in heads.iter().zip(bodies) {
        out.push('\n');
        out.push_str(head);
        out.push('\n');
        out.push_str(&body);
    }
    out
}

fn build(rng: &mut fastrand::Rng, s: &Spec, i: usize) -> (Report, Vec<CellId>) {
    let mut r = Report::new(s.format);
    let year = match s.format {
        Format::Y2019 => rng.i32(2019..=2020),
        Format::Y2021 => rng.i32(2021..=2025),
    };
    let agency = if rng.usize(0..5) == 0 {
        format!(
            "{}{}",
            PLACES[rng.usize(0..PLACES.len())],
            TOWNS[rng.usize(0..TOWNS.len())]
        )
    } else {
        format!(
            "{}{}",
            PLACES[rng.usize(0..PLACES.len())],
            BODIES[rng.usize(0..BODIES.len())]
        )
    };
    r.year = Some(year);
    r.agency = Some(agency.clone());
    r.meta.title = title_of(i % 7, &agency, year);
    r.meta.preamble = format!(
        "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在{agency}门户网站查阅。如对本报告有疑问，请与{agency}办公室联系。"
    );
    r.meta.date = format!("{}年1月{}日", year + 1, rng.u32(10..29));
    fill_t2(&mut r, rng, s);
    fill_t3(&mut r, rng, s);
    fill_t4(&mut r, rng, s);
    for _ in 0..s.errors {
        add_error(&mut r, rng);
    }
    let text = overview(&r, rng, year, &agency);
    r.set_text(TextKey::Overview, text);
    r.set_text(
        TextKey::Problems,
        "（一）存在的主要问题\n一是政策解读形式不够丰富；二是基层政务公开标准化规范化工作仍需加强。\n（二）改进情况\n下一步，我们将进一步拓展解读形式，推进基层政务公开标准化规范化建设。",
    );
    r.set_text(
        TextKey::Other,
        "（一）收取政府信息公开信息处理费的情况\n本年度未收取信息处理费。\n（二）本行政机关落实上级年度政务公开工作要点情况\n按照年度政务公开工作要点，逐项抓好落实。",
    );
    let blanks = blank_cells(&r, s);
    for &id in &blanks {
        r.set_raw(id, "");
    }
    (r, blanks)
}

/// Prints blank cells with the spec's mark: the renderers print "—".
fn mark_blanks(text: &str, from: &str, to: &str) -> String {
    if from == to {
        text.to_owned()
    } else {
        text.replace(from, to)
    }
}

fn docx_with_blanks(bytes: &[u8], mark: &str) -> Vec<u8> {
    if mark == "—" {
        return bytes.to_vec();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("our docx is a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let name = file.name().to_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read entry");
        if name == "word/document.xml" {
            let xml = String::from_utf8(content).expect("utf-8 xml");
            content = xml
                .replace(">—</w:t>", &format!(">{mark}</w:t>"))
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        out.write_all(&content).expect("write entry");
    }
    out.finish().expect("zip").into_inner()
}

fn truth(r: &Report, s: &Spec, blanks: &[CellId]) -> Json {
    let t = r.template();
    let mut cells = Map::new();
    for id in t.ids() {
        let raw = r.raw(id);
        cells.insert(
            t.cell(id).path.clone(),
            if raw.is_empty() {
                Json::Null
            } else {
                json!(raw)
            },
        );
    }
    json!({
        "format": r.format.as_str(),
        "year": r.year,
        "agency": r.agency,
        "title": r.meta.title,
        "problems": r.text(TextKey::Problems),
        "cells": cells,
        "spec": {
            "digits": s.digits,
            "errors": s.errors,
            "blanks": format!("{:?}", s.blanks),
            "blank_cells": blanks.len(),
            "blank_mark": s.blank_mark,
        },
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(args.first().map_or("target/corpus", String::as_str));
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(24);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2026);
    let mut rng = fastrand::Rng::with_seed(seed);
    for i in 0..count {
        let s = spec(&mut rng, i);
        let (report, blanks) = build(&mut rng, &s, i);
        let dir = out.join(format!("r{i:03}"));
        std::fs::create_dir_all(&dir).expect("create the corpus folder");
        let write = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.join(name), bytes).expect("write a corpus file")
        };
        let html = render(Export::Html, &report).expect("renders");
        let cell_dash = |mark: &str| format!("\">{mark}</td>");
        write(
            "report.html",
            mark_blanks(html.text(), &cell_dash("—"), &cell_dash(s.blank_mark)).as_bytes(),
        );
        let text = render(Export::Text, &report).expect("renders");
        let text: Vec<String> = text
            .text()
            .lines()
            .map(|line| {
                let cells: Vec<&str> = line
                    .split(" | ")
                    .map(|c| if c == "—" { s.blank_mark } else { c })
                    .collect();
                cells.join(" | ")
            })
            .collect();
        write("report.txt", (text.join("\n") + "\n").as_bytes());
        write(
            "report.docx",
            &docx_with_blanks(
                &render(Export::Docx, &report).expect("renders").bytes,
                s.blank_mark,
            ),
        );
        let truth = serde_json::to_string_pretty(&truth(&report, &s, &blanks)).expect("json");
        write("truth.json", truth.as_bytes());
    }
    println!("{count} reports written to {}", out.display());
}
