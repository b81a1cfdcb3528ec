//! The app's office worker: writes Word and Excel files and reads Word,
//! Excel and PDF files for the page, loaded only when one is asked for or
//! opened. Not a command line tool.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::ui::browser::extras::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("nianbao-office 是浏览器中的后台程序（Web Worker）。命令行请使用：nianbao parse FILE.pdf|.docx|.xlsx 或 nianbao render FILE --docx|--xlsx");
    std::process::exit(2);
}
