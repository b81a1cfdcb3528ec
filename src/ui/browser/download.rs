//! Offers a rendered file for download: Blob, object URL, `<a download>`, revoke.

use wasm_bindgen::JsCast;

use crate::render::Rendered;

/// Starts the download; Err with a Chinese reason if the browser refuses.
pub fn offer(file: &Rendered) -> Result<(), &'static str> {
    offer_bytes(
        &file.filename,
        file.mime,
        &js_sys::Uint8Array::from(file.bytes.as_slice()),
    )
}

/// Starts the download of bytes already in a JS array (from the extras worker).
pub fn offer_bytes(
    filename: &str,
    mime: &str,
    bytes: &js_sys::Uint8Array,
) -> Result<(), &'static str> {
    const FAILED: &str = "浏览器无法生成下载文件。";
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| FAILED)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FAILED)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(FAILED)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| FAILED)?
        .dyn_into()
        .map_err(|_| FAILED)?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
