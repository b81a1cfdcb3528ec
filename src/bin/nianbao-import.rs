//! The app's importer worker: reads pasted and opened reports for the page,
//! started once the form is shown, so the page itself carries no importer
//! and a report that trips it stops this worker, never the page. Not a
//! command line tool.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::ui::browser::extras::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "nianbao-import 是浏览器中的后台程序（Web Worker）。命令行请使用：nianbao parse FILE"
    );
    std::process::exit(2);
}
