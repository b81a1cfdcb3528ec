//! The app's 繁體 worker: converts between traditional and simplified
//! script for the page (a traditional paste, a 繁體 page or text download),
//! loaded only when asked for, so the main bundle stays small. Not a
//! command line tool.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::ui::browser::extras::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-extras 是浏览器中的后台程序（Web Worker）。命令行请使用：nianbao render FILE --html --traditional");
    std::process::exit(2);
}
