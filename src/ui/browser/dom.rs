//! Focus, scrolling and dialogs.

use wasm_bindgen::JsCast;

fn element(selector: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .dyn_into()
        .ok()
}

/// Focuses (and scrolls to) the input of a cell path; selects its text.
pub fn focus_cell(path: &str) {
    if let Some(el) = element(&format!("[data-cell=\"{path}\"]")) {
        el.scroll_into_view_with_bool(false);
        let _ = el.focus();
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    }
}

/// The caret position and length of an input's value, for arrow keys.
pub fn caret(ev: &web_sys::KeyboardEvent) -> Option<(u32, u32)> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let at = input.selection_start().ok()??;
    Some((at, input.value().chars().count() as u32))
}

/// Asks the user to confirm; false when the browser cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Opens the browser's print dialog (the print stylesheet shows only the
/// report, put in place by the `beforeprint` handler).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Puts the rendered report into the print area (outside the reactive tree,
/// so the form stays cheap to update while typing).
pub fn set_print_area(html: &str) {
    if let Some(el) = element("#print-area") {
        el.set_inner_html(html);
    }
}
