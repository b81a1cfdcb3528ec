//! The browser app: Leptos components over the pure core. Components use
//! only `leptos`; `browser/` holds every call into the browser.
#![allow(missing_docs)]

mod app;
mod batch;
pub mod browser;
mod download_bar;
mod findings;
mod form;
mod import_panel;
mod state;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
