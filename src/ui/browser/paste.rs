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

/// Reads the first file of a file input or a drop as text.
pub async fn read_file(file: web_sys::File) -> Result<(String, String), String> {
    let name = file.name();
    let promise = file.text();
    let text = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| format!("无法读取文件“{name}”。"))?;
    Ok((name, text.as_string().unwrap_or_default()))
}

/// The first file of a change event on `<input type=file>`.
pub fn file_from_input(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// The first file of a drop event.
pub fn file_from_drop(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}
