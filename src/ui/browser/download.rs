//! Offers a rendered file for download: a gloo Blob and object URL (revoked
//! when dropped), clicked through an `<a download>`.

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

use crate::render::Rendered;

/// Starts the download; Err with a Chinese reason if the browser refuses.
pub fn offer(file: &Rendered) -> Result<(), &'static str> {
    let blob = Blob::new_with_options(file.bytes.as_slice(), Some(file.mime));
    offer_blob(&file.filename, blob)
}

/// Starts the download of bytes already in a JS array (from the extras worker).
pub fn offer_bytes(
    filename: &str,
    mime: &str,
    bytes: &js_sys::Uint8Array,
) -> Result<(), &'static str> {
    offer_blob(
        filename,
        Blob::new_with_options(bytes.to_vec().as_slice(), Some(mime)),
    )
}

fn offer_blob(filename: &str, blob: Blob) -> Result<(), &'static str> {
    const FAILED: &str = "浏览器无法生成下载文件。";
    let url = ObjectUrl::from(blob);
    let document = web_sys::window().and_then(|w| w.document()).ok_or(FAILED)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| FAILED)?
        .dyn_into()
        .map_err(|_| FAILED)?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    Ok(())
}
