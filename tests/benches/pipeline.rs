//! Import and check on the seed reports (figures in the README).
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nianbao::{import::import, model::Report, rules::check};

const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../fixtures/seed_000.txt")),
    ("001", include_str!("../fixtures/seed_001.txt")),
    ("002", include_str!("../fixtures/seed_002.txt")),
    ("003", include_str!("../fixtures/seed_003.txt")),
    ("004", include_str!("../fixtures/seed_004.txt")),
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
    // One generated report in every layout made by real tools (tests/corpus.rs).
    let layouts =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts/r009");
    let mut files: Vec<_> = std::fs::read_dir(&layouts)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files.iter().filter(|p| !p.ends_with("truth.json")) {
        let bytes = std::fs::read(path).unwrap_or_default();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        // Word and PDF files are opened by their readers, as a drop is.
        let decode = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let read = nianbao::import::import_bytes(&bytes, decode);
        assert!(
            read.as_ref().is_ok_and(|r| r.cells_read > 0),
            "{name} must read"
        );
        c.bench_function(&format!("import layout {name}"), |b| {
            b.iter(|| nianbao::import::import_bytes(black_box(&bytes), decode))
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

/// A supervising office's batch: 1,000 reports (the seeds under 200 agency
/// names, so that chains form), imported and checked.
fn batch(c: &mut Criterion) {
    let texts: Vec<String> = (0..1000)
        .map(|i| {
            let (_, seed) = SEEDS[i % SEEDS.len()];
            seed.replacen("2023年", &format!("{}年", 2019 + i / 200), 1)
                .replacen("政府办公室", &format!("政府办公室{}", i % 200), 1)
        })
        .collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("import 1000 reports", |b| {
        b.iter(|| texts.iter().map(|t| import(t).report).collect::<Vec<_>>())
    });
    let reports: Vec<Report> = texts.iter().map(|t| import(t).report).collect();
    group.bench_function("check_all 1000 reports (with chains)", |b| {
        b.iter(|| nianbao::rules::batch::check_all(black_box(&reports)))
    });
    group.finish();
}

criterion_group!(benches, bench, batch);
criterion_main!(benches);
