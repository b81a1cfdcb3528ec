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

/// What a finding points at on the page.
#[derive(Debug, Clone)]
pub enum Target {
    /// A cell, by its path (`data-cell`).
    Cell(String),
    /// A header field or text part, by its `data-field` / `data-section` id.
    Field(String),
}

/// Focuses a cell or field, scrolled to the middle of the screen (opening a
/// folded part around it); selects a cell's text.
pub fn focus(target: &Target) {
    focus_at(target, web_sys::ScrollLogicalPosition::Center);
}

fn focus_at(target: &Target, block: web_sys::ScrollLogicalPosition) {
    let selector = match target {
        Target::Cell(path) => format!("[data-cell=\"{path}\"]"),
        Target::Field(id) => format!("[data-field=\"{id}\"], [data-section=\"{id}\"]"),
    };
    let Some(el) = element(&selector) else { return };
    if let Ok(Some(details)) = el.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    let _ = el.focus();
    if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
        input.select();
    }
}

/// Focuses the input of a cell path, scrolling as little as needed (arrow keys).
pub fn focus_cell(path: &str) {
    focus_at(
        &Target::Cell(path.to_owned()),
        web_sys::ScrollLogicalPosition::Nearest,
    );
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

/// Whether a key event happens in a box where the browser's own undo applies.
pub fn in_text_box(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
