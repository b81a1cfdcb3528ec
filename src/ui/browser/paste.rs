//! Reading pasted and dropped content.

use wasm_bindgen::JsCast;

/// The clipboard's HTML if it has any, else its plain text.
pub fn clipboard_content(ev: &web_sys::ClipboardEvent) -> Option<(String, bool)> {
    let data = ev.clipboard_data()?;
    match data.get_data("text/html") {
        Ok(html) if !html.trim().is_empty() => Some((html, true)),
        _ => data.get_data("text/plain").ok().map(|t| (t, false)),
    }
}

/// The plain text on the clipboard.
pub fn clipboard_text(ev: &web_sys::ClipboardEvent) -> Option<String> {
    ev.clipboard_data()?.get_data("text/plain").ok()
}

/// Reads a file as text, then calls `done` with (name, text) or a Chinese reason.
fn read_file(file: web_sys::File, done: impl FnOnce(Result<(String, String), String>) + 'static) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let result = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map(|text| (name.clone(), text.as_string().unwrap_or_default()))
            .map_err(|_| format!("无法读取文件“{name}”。"));
        done(result);
    });
}

/// Reads the file chosen in an `<input type=file>` (and clears it, so the same file can be chosen again).
pub fn read_chosen_file(
    ev: &web_sys::Event,
    done: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    if let Some(file) = file {
        read_file(file, done);
    }
}

/// Reads the first file dropped.
pub fn read_dropped_file(
    ev: &web_sys::DragEvent,
    done: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    if let Some(file) = ev
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
    {
        read_file(file, done);
    }
}
