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

/// Text of a file: UTF-8, else GB18030 (GBK pages saved from government sites).
fn decode(bytes: &js_sys::Uint8Array) -> Option<String> {
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict).ok()?;
    if let Ok(text) = utf8.decode_with_buffer_source(bytes) {
        return Some(text);
    }
    web_sys::TextDecoder::new_with_label("gb18030")
        .ok()?
        .decode_with_buffer_source(bytes)
        .ok()
}

/// What a file held: text to import as a paste, or a Word, Excel or PDF
/// file read in the office worker.
pub enum FileContent {
    /// Text (.txt, .html, .json), decoded.
    Text(String),
    /// A Word, Excel or PDF file, read and imported (with its text).
    Opened(Box<crate::import::Imported>, String),
}

/// A file read: (name, what it held), or a Chinese reason.
pub type FileText = Result<(String, FileContent), String>;

/// Reads every file of a list as text, then calls `done` with them in order.
fn read_files(files: web_sys::FileList, done: impl FnOnce(Vec<FileText>) + 'static) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            let Ok(bytes) = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await
            else {
                out.push(Err(format!("无法读取文件“{name}”。")));
                continue;
            };
            // A Word, Excel or PDF file: read in the office worker.
            if crate::import::FileKind::office(&bytes) {
                out.push(
                    super::extras::open_file(&bytes)
                        .await
                        .map(|(imported, text)| {
                            (name.clone(), FileContent::Opened(Box::new(imported), text))
                        })
                        .map_err(|why| format!("“{name}”：{why}")),
                );
                continue;
            }
            out.push(
                decode(&js_sys::Uint8Array::from(bytes.as_slice()))
                    .map(|t| (name.clone(), FileContent::Text(t)))
                    .ok_or_else(|| format!("无法读取文件“{name}”。")),
            );
        }
        done(out);
    });
}

/// Reads the files chosen in an `<input type=file multiple>` (and clears it,
/// so the same files can be chosen again).
pub fn read_chosen_files(ev: &web_sys::Event, done: impl FnOnce(Vec<FileText>) + 'static) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let files = input.files();
    if let Some(files) = files {
        read_files(files, done);
    }
    input.set_value("");
}

/// Reads the files dropped.
pub fn read_dropped_files(ev: &web_sys::DragEvent, done: impl FnOnce(Vec<FileText>) + 'static) {
    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
        read_files(files, done);
    }
}
