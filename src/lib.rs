#![cfg_attr(test, allow(clippy::unwrap_used))]
//! placeholder
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod import;
pub mod model;
pub mod render;
pub mod rules;
pub mod template;
#[cfg(target_arch = "wasm32")]
pub mod ui;
