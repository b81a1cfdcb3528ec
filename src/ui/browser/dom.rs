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

/// The calendar year on this PC's clock.
pub fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// The box the user is typing in: its value before the typing began, and
/// how many of the browser's own undos could be redone.
struct Typing {
    el: web_sys::Element,
    before: String,
    undone: u32,
}

thread_local! {
    static TYPING: std::cell::RefCell<Option<Typing>> = const { std::cell::RefCell::new(None) };
}

fn value_of(el: &web_sys::Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// Notes an edit the browser is about to make in a box (`beforeinput`):
/// typing there starts the box's own undo history.
pub fn before_input(ev: &web_sys::InputEvent) {
    let Some(el) = target_element(ev) else { return };
    let kind = ev.input_type();
    TYPING.with_borrow_mut(|t| {
        let mine = t.as_ref().is_some_and(|t| t.el == el);
        if !mine {
            *t = Some(Typing {
                before: value_of(&el),
                el,
                undone: 0,
            });
        }
        if let Some(t) = t.as_mut() {
            match kind.as_str() {
                "historyUndo" => t.undone += 1,
                "historyRedo" => t.undone = t.undone.saturating_sub(1),
                _ => t.undone = 0,
            }
        }
    });
}

/// Forgets the typing: focus moved, or the page changed in bulk.
pub fn typing_reset() {
    TYPING.with_borrow_mut(|t| *t = None);
}

/// Whether Ctrl+Z / Ctrl+Y here belongs to the browser's own undo of what
/// was typed in this box (rather than to the page's bulk actions).
pub fn own_history(ev: &web_sys::KeyboardEvent, redo: bool) -> bool {
    let Some(el) = target_element(ev) else {
        return false;
    };
    TYPING.with_borrow(|t| {
        t.as_ref().is_some_and(|t| {
            t.el == el
                && if redo {
                    t.undone > 0
                } else {
                    value_of(&el) != t.before
                }
        })
    })
}

/// Puts a value back into the box or list an event came from (a choice the
/// user took back at a question).
pub fn set_value(ev: &web_sys::Event, value: &str) {
    if let Some(el) = target_element(ev) {
        let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
    }
}
