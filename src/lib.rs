//! # Nianbao (年报)
//!
//! The 政府信息公开工作年度报告 of 国办公开办函〔2021〕30号 (and the 2019 trial
//! format) as a structured form: the sums of its three tables checked live,
//! last year's published report pasted in to pre-fill it, and the publishable
//! report rendered. Runs entirely in the browser (wasm32) and as a native
//! command line for checking many reports at once.
//!
//! ## Map
//!
//! ```text
//! template/  pure · the official form as data: SECTIONS (Overview, Text or
//!            Table(id)), tables, cells and paths, typed handles (table2::IN_FORCE …),
//!            merged-cell layout and repeated header rows (layout.rs), relations R1–R4
//! model/     pure · the report being edited (raw cell text kept), the one number
//!            reader (number.rs), the spec §12.1 JSON and the draft envelope (json.rs),
//!            whole-report edits: fill from a paste, next year's draft (edit.rs),
//!            汇总 of many reports (sum.rs), findings marked 已核实 (ack.rs)
//! rules/     pure · check(report, last_year) → findings in Chinese (message.rs);
//!            batch.rs checks many along agency chains (and the CSV), hierarchy.rs
//!            a parent against its children (H1), ack.rs which 已核实 marks hold,
//!            issues.rs the 问题清单 (Excel and Word with feature `docx`);
//!            tests/rule_cases.rs shows each rule
//! import/    pure · pasted text or HTML, or a Word, Excel or PDF file → report +
//!            notes; never panics. read/ turns what was given into a Document of
//!            paragraphs and tables (html.rs; docx.rs, xlsx.rs, with budget.rs and
//!            compound.rs bounding what a file may declare, feature `docx`;
//!            pdf/ feature `pdf`); text/ finds the sections (normalize.rs,
//!            sections.rs, front.rs for title, agency and year); tables/ reads
//!            each table by its own sums (tokens, candidates, split, search,
//!            accept); blanks.rs blank-as-zero, block.rs Excel blocks, note.rs
//!            every sentence an import says, wire.rs an import as a worker's
//!            message, work.rs the work bound
//! render/    pure · report → HTML / text / JSON (html.rs, text.rs, mod.rs), Word
//!            (docx.rs) and Excel (xlsx.rs) with feature `docx`
//! ui/        shell, wasm32 only · Leptos components; ui/browser/ is the only web-sys caller
//! cli.rs     shell, host only · `nianbao parse|check|render`
//! sort.rs    below every layer · one sort instantiation for the whole crate (wasm size)
//! bin/       the app's workers (ui/browser/extras.rs): nianbao-import reads pastes,
//!            nianbao-extras 繁體 both ways, nianbao-office Word, Excel and PDF
//! ```
//!
//! Dependencies point one way: `template ← model ← rules`, `model ← import`,
//! `render → template, model` (the 问题清单, which needs findings, is in
//! `rules/`); `ui` and `cli` use them all and nothing uses
//! them. Leptos and web-sys are declared for wasm32 only, so a pure module
//! that named them would fail the host build; `tests/architecture.rs` checks
//! the rest, the direction between core layers included.
//!
//! ## Where to change what
//!
//! - **A row or column of a table**: `template/table2.rs`, `table3.rs` or
//!   `table4.rs`. Paths, the form, the relations, the importer's matching and
//!   format detection, the renderers and the workbook all follow from it.
//! - **A check**: the family's file in `rules/` (T1–T9 are a table of claims
//!   in `rules/text.rs`), its sentence in `rules/message.rs` (labels from the
//!   template), and a row in `tests/rule_cases.rs`.
//! - **An export format**: a printer in `render/` and a variant of
//!   `render::Export` (kind, label, suffix, MIME, `in_worker`); the download
//!   bar, the CLI and the worker walk `Export::ALL`.
//! - **A paste layout that is not read**: a layout in `tests/corpus/make.mjs`
//!   made by the real tool, a fixture in `tests/fixtures/layouts/`, then `import/`.
//!
//! ## Example
//!
//! ```
//! let pasted = "四、政府信息公开行政复议、行政诉讼情况\n\
//!     0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0";
//! let report = nianbao::import::import(pasted).report;
//! let findings = nianbao::rules::check(&report, None);
//! let r4 = findings.iter().find(|f| f.rule == "R4").unwrap();
//! assert_eq!(r4.expected, Some(1));
//! let html = nianbao::render::render(nianbao::render::Export::Html, &report).unwrap();
//! assert!(html.text().contains("<table class=\"t4\">"));
//! ```
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod import;
pub mod model;
pub mod render;
pub mod rules;
pub mod sort;
pub mod template;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
