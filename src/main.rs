//! Two tiny mains: the browser app on wasm32, the command line elsewhere.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(nianbao::cli::main());
}
