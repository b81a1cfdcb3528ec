//! The dependency rule (architecture §2.3): only `src/ui/browser/` names the
//! browser bindings, and the pure core names no UI crate at all.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_ui_browser_names_web_sys_or_wasm_bindgen() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 10);
    for file in files {
        let rel = file.to_string_lossy().replace('\\', "/");
        if rel.starts_with("src/ui/browser/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for banned in ["web_sys", "wasm_bindgen", "js_sys", "gloo"] {
            assert!(!text.contains(banned), "{rel} names {banned}");
        }
        let pure = !rel.starts_with("src/ui/") && rel != "src/main.rs" && rel != "src/lib.rs";
        if pure {
            assert!(!text.contains("leptos"), "{rel} is pure but names leptos");
        }
    }
}

/// The core's layers (architecture §2.2): template → model → rules →
/// import → render. Each names only the layers before it (rules and import
/// stand side by side: neither names the other), and none names the shells.
#[test]
fn core_modules_name_only_the_layers_below_them() {
    let allowed: [(&str, &[&str]); 5] = [
        ("template", &[]),
        ("model", &["template"]),
        ("rules", &["template", "model"]),
        ("import", &["template", "model"]),
        ("render", &["template", "model"]),
    ];
    let layers = [
        "template", "model", "rules", "import", "render", "ui", "cli",
    ];
    for (module, below) in allowed {
        let mut files = Vec::new();
        rust_files(&Path::new("src").join(module), &mut files);
        assert!(!files.is_empty(), "src/{module} exists");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for other in layers
                .iter()
                .filter(|l| **l != module && !below.contains(l))
            {
                assert!(
                    !text.contains(&format!("crate::{other}")),
                    "{} names crate::{other}: {module} may only use {below:?}",
                    file.display()
                );
            }
        }
    }
}
