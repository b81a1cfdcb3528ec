//! Helpers shared by the integration tests: the seed fixtures and cell lookups.
#![allow(dead_code, clippy::unwrap_used)]

use nianbao::model::Report;

/// The five seed reports, as copied from web pages (see tests/fixtures/README.md).
pub const SEEDS: [&str; 5] = [
    include_str!("../fixtures/seed_000.txt"),
    include_str!("../fixtures/seed_001.txt"),
    include_str!("../fixtures/seed_002.txt"),
    include_str!("../fixtures/seed_003.txt"),
    include_str!("../fixtures/seed_004.txt"),
];

/// The raw text of a cell by path; panics on an unknown path (a test bug).
pub fn raw<'a>(report: &'a Report, path: &str) -> &'a str {
    let id = report
        .template()
        .by_path(path)
        .unwrap_or_else(|| panic!("no cell {path}"));
    report.raw(id)
}

/// The raw texts of a 表三 row, in column order.
pub fn t3_row(report: &Report, row: &str) -> Vec<String> {
    let cols = [
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other_org",
        "total",
    ];
    cols.iter()
        .map(|c| raw(report, &format!("t3.{row}.{c}")).to_owned())
        .collect()
}

/// Numbers to the strings a row should hold.
pub fn row(values: [i64; 7]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}
