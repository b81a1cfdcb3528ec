//! Import and check on the seed reports (figures in the README).
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nianbao::{import::import, model::Report, rules::check};

const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../tests/fixtures/seed_000.txt")),
    ("001", include_str!("../tests/fixtures/seed_001.txt")),
    ("002", include_str!("../tests/fixtures/seed_002.txt")),
    ("003", include_str!("../tests/fixtures/seed_003.txt")),
    ("004", include_str!("../tests/fixtures/seed_004.txt")),
];

fn bench(c: &mut Criterion) {
    // Build the converter tables once, outside the measurement.
    let _ = import("預熱");
    for (name, text) in SEEDS {
        c.bench_function(&format!("import seed {name}"), |b| {
            b.iter(|| import(black_box(text)))
        });
    }
    let reports: Vec<Report> = SEEDS.iter().map(|(_, t)| import(t).report).collect();
    for ((name, _), report) in SEEDS.iter().zip(&reports) {
        c.bench_function(&format!("check seed {name}"), |b| {
            b.iter(|| check(black_box(report), None))
        });
    }
    let html = nianbao::render::html::document(&reports[0]);
    c.bench_function("render html seed 000", |b| {
        b.iter(|| nianbao::render::html::document(black_box(&reports[0])))
    });
    c.bench_function("import rendered html", |b| {
        b.iter(|| import(black_box(&html)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
