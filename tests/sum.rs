//! 汇总 (issue 20): the five seeds and reports made from them for other
//! agencies, summed, equal a sum computed here independently, from each
//! report's spec JSON (numbers by their JSON path, decimals as text).

mod common;

use std::collections::BTreeMap;

use common::SEEDS;
use nianbao::import::import;
use nianbao::model::{json, sum::sum, Report};

/// Every number of a report's spec JSON tables, by its path, in 1/1000.
fn numbers(report: &Report) -> BTreeMap<String, i64> {
    fn walk(v: &serde_json::Value, path: String, out: &mut BTreeMap<String, i64>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    walk(v, format!("{path}.{k}"), out);
                }
            }
            serde_json::Value::Number(n) => {
                let text = n.to_string();
                let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
                let frac = format!("{frac:0<3}");
                let milli = whole.parse::<i64>().expect("whole") * 1000
                    + frac[..3].parse::<i64>().expect("fraction");
                out.insert(path, milli);
            }
            _ => {}
        }
    }
    let value = json::to_value(report);
    let mut out = BTreeMap::new();
    for table in ["s2_proactive", "s3_applications", "s4_review_litigation"] {
        if let Some(v) = value.get(table) {
            walk(v, table.to_owned(), &mut out);
        }
    }
    out
}

#[test]
fn the_sum_of_the_seeds_and_their_variants_equals_an_independent_sum() {
    let mut reports: Vec<Report> = SEEDS.iter().map(|s| import(s).report).collect();
    // The seeds of 2023 again, for other agencies (the same agency twice is left out).
    for (n, seed) in SEEDS.iter().take(3).enumerate() {
        let mut r = import(seed).report;
        r.agency = Some(format!("第{n}街道办事处"));
        reports.push(r);
    }
    let readable = vec![true; reports.len()];
    let summed = sum(&reports, &readable);
    assert_eq!(summed.report.year, Some(2023));
    assert_eq!(summed.included, [0, 1, 2, 5, 6, 7]);
    let left: Vec<usize> = summed.left_out.iter().map(|(i, _)| *i).collect();
    assert_eq!(left, [3, 4], "seeds 003 (2021) and 004 (2020, 2019 format)");
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    for &i in &summed.included {
        for (path, n) in numbers(&reports[i]) {
            *expected.entry(path).or_default() += n;
        }
    }
    assert!(expected.len() > 150, "{} cells summed", expected.len());
    assert_eq!(numbers(&summed.report), expected);
}

/// Summing 1,000 reports takes well under a second (printed, not asserted).
#[test]
fn a_thousand_reports_sum_quickly() {
    let base: Vec<Report> = SEEDS.iter().take(3).map(|s| import(s).report).collect();
    let reports: Vec<Report> = (0..1000)
        .map(|i| {
            let mut r = base[i % 3].clone();
            r.agency = Some(format!("单位{i}"));
            r
        })
        .collect();
    let start = std::time::Instant::now();
    let summed = sum(&reports, &vec![true; reports.len()]);
    println!("summed 1,000 reports in {:?}", start.elapsed());
    assert_eq!(summed.included.len(), 1000);
}
