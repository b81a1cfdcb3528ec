//! The only files that name `web_sys` / `wasm_bindgen`: storage, downloads,
//! clipboard, files, focus and dialogs. Each returns plain Rust values.

pub mod dom;
pub mod download;
pub mod extras;
pub mod paste;
pub mod storage;
