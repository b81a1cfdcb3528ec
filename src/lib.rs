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
//! template/  pure · the official form as data: sections, tables, cells and paths,
//!            merged-cell layout (layout.rs), relations R1–R4 (relations.rs)
//! model/     pure · the report being edited (raw cell text kept), the one number
//!            reader (number.rs), the spec §12.1 JSON and the draft envelope (json.rs)
//! rules/     pure · check(report, last_year) → findings in Chinese (message.rs)
//! import/    pure · pasted text or HTML → report + notes; never panics
//! render/    pure · report → HTML / text / JSON
//! ui/        shell, wasm32 only · Leptos components; ui/browser/ is the only web-sys caller
//! cli.rs     shell, host only · `nianbao parse|check|render`
//! bin/nianbao-extras.rs  the app's worker for Word and 繁體 output (ui/browser/extras.rs),
//!            a second wasm the page loads only when asked, so the form loads light
//! ```
//!
//! Dependencies point one way: `template ← model ← rules ← import`, `render →
//! template, model`; `ui` and `cli` use them all and nothing uses them. Leptos
//! and web-sys are declared for wasm32 only, so a pure module that named them
//! would fail the host build; `tests/architecture.rs` checks the rest.
//!
//! ## Where to change what
//!
//! - **A row or column of a table**: `template/table2.rs`, `table3.rs` or
//!   `table4.rs`. Paths, the form, the relations, the importer's matching and
//!   the renderers all follow from it.
//! - **A check**: the family's file in `rules/`, its sentence in
//!   `rules/message.rs`, and a case in `tests/rules_seeds.rs`.
//! - **An export format**: a printer in `render/`, a variant of
//!   `render::Export`; the download bar lists `Export::ALL`.
//! - **A paste layout that is not read**: a fixture in `tests/fixtures/` and a
//!   test in `tests/import_seeds.rs` first, then `import/`.
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
//! let html = nianbao::render::render(nianbao::render::Export::Html, &report);
//! assert!(html.text().contains("<table class=\"t4\">"));
//! ```
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod import;
pub mod model;
pub mod render;
pub mod rules;
pub mod template;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
