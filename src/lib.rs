//! placeholder
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod import;
pub mod model;
pub mod render;
pub mod rules;
pub mod template;
