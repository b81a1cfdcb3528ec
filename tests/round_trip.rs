//! Import of the renderer's own output gives back the same report, for both
//! formats, many generated reports, and several layouts of each (spec §8.2 rule 3).
#![allow(clippy::unwrap_used)]

use nianbao::import::import;
use nianbao::model::{json, Report, TextKey};
use nianbao::render::{html, text};
use nianbao::template::{Format, ValueKind};
use proptest::prelude::*;

/// Characters for generated prose: simplified, never forming a heading, a
/// date, page chrome or a topic heading ("情况" needs 情, left out).
const PROSE: &str =
    "政府信息公开工作推进落实加强规范主动依申请平台建设监督保障我局全年进一步完善制度管理服务群众";

fn prose() -> impl Strategy<Value = String> {
    let chars: Vec<char> = PROSE.chars().collect();
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(chars), 18..40)
            .prop_map(|cs| format!("{}。", cs.into_iter().collect::<String>())),
        0..3,
    )
    .prop_map(|lines| lines.join("\n"))
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop::bool::ANY,
        prop::option::of(2019i32..2030),
        prop::option::of(prop::sample::select(vec![
            "某区商务局",
            "某市人民政府办公室",
            "某县政务服务中心",
        ])),
        prop::collection::vec(prop::option::weighted(0.9, 0u32..20_000), 200),
        prop::collection::vec(prose(), 8),
        prop::bool::ANY,
    )
        .prop_map(|(y2019, year, agency, values, texts, dated)| {
            let format = if y2019 { Format::Y2019 } else { Format::Y2021 };
            let mut r = Report::new(format);
            r.year = year;
            r.agency = agency.map(str::to_owned);
            if dated {
                r.meta.date = format!("{}年1月20日", year.unwrap_or(2024) + 1);
            }
            let t = r.template();
            for (id, v) in t.ids().zip(values) {
                if let Some(v) = v {
                    let n = i64::from(v);
                    let n = match t.cell(id).kind {
                        ValueKind::Signed => n - 10_000,
                        ValueKind::Decimal => n * 125,
                        ValueKind::Count => n,
                    };
                    r.set_number(id, n);
                }
            }
            for (key, text) in TextKey::ALL.iter().zip(texts) {
                r.set_text(*key, text);
            }
            r
        })
}

/// What "the same report" means: the contract JSON, the texts and the front matter.
fn same(a: &Report, b: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(json::to_value(a), json::to_value(b));
    for key in TextKey::ALL {
        prop_assert_eq!(a.text(key), b.text(key), "{:?}", key);
    }
    prop_assert_eq!(&a.meta, &b.meta);
    Ok(())
}

/// Re-lays the text rendering: each `|` row becomes the given layout.
fn relayout(doc: &str, layout: usize) -> String {
    let mut out = String::new();
    for line in doc.lines() {
        if !line.contains(" | ") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        match layout {
            // One cell per line ending in " |", padding lines between rows (seed 000/003).
            0 => {
                for c in &cells {
                    out.push_str(&format!("{c} |\n"));
                }
                out.push_str("|||\n");
            }
            // One cell per line, separated by blank lines, NBSP around (seed 004).
            1 => {
                for c in &cells {
                    out.push_str(&format!("\u{a0}{c}\n\n"));
                }
            }
            // Tabs, as copied from Excel or WPS.
            2 => out.push_str(&format!("{}\n", cells.join("\t"))),
            // A Markdown table.
            _ => {
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn html_round_trips(r in report()) {
        same(&import(&html::document(&r)).report, &r)?;
    }

    #[test]
    fn text_round_trips(r in report()) {
        same(&import(&text::document(&r)).report, &r)?;
    }

    #[test]
    fn every_layout_of_the_text_round_trips(r in report(), layout in 0usize..4) {
        same(&import(&relayout(&text::document(&r), layout)).report, &r)?;
    }

    #[test]
    fn the_draft_json_round_trips(r in report()) {
        let back = json::from_str(&json::to_draft(&r)).unwrap();
        prop_assert_eq!(back, r);
    }
}

#[test]
fn a_report_pasted_twice_in_html_reads_once() {
    let mut r = Report::default();
    r.agency = Some("某局".into());
    r.year = Some(2024);
    let t = r.template();
    r.set_raw(t.by_path("t4.review.total").unwrap(), "3");
    let page = html::document(&r);
    let twice = format!("{page}<p>发布日期:2025-01-20</p>{page}");
    let i = import(&twice);
    assert_eq!(json::to_value(&i.report), json::to_value(&r));
}
