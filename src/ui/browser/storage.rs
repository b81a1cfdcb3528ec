//! The draft in localStorage. A stored draft that fails to parse is kept
//! under a backup key, never overwritten silently.

const KEY: &str = "nianbao.draft.v1";
const PREVIOUS: &str = "nianbao.previous.v1";
const BACKUP: &str = "nianbao.draft.unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved draft text, if any.
pub fn load_draft() -> Option<String> {
    storage()?.get_item(KEY).ok()?
}

/// Set while the stored draft is older than the last edits (a save failed).
const STALE: &str = "nianbao.draft.stale";

/// Saves the draft; Err with a Chinese reason when the browser refuses.
/// A refused save marks the stored draft as stale, for the next load to say.
pub fn save_draft(text: &str) -> Result<(), &'static str> {
    let s = storage().ok_or("浏览器禁止了本地存储，草稿无法自动保存，请及时导出。")?;
    match s.set_item(KEY, text) {
        Ok(()) => {
            let _ = s.remove_item(STALE);
            Ok(())
        }
        Err(_) => {
            let _ = s.set_item(STALE, "1");
            Err("本地存储空间已满，最近的修改无法自动保存，请点“保存草稿文件”保存到电脑。")
        }
    }
}

/// Whether the stored draft misses edits made after it (a save failed).
pub fn draft_is_stale() -> bool {
    storage()
        .and_then(|s| s.get_item(STALE).ok().flatten())
        .is_some()
}

/// Keeps an unreadable draft aside so that nothing typed is lost.
pub fn keep_unreadable(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(BACKUP, text);
    }
}

/// The unreadable draft kept aside, if any.
pub fn unreadable() -> Option<String> {
    storage()?.get_item(BACKUP).ok()?
}

/// Calls `changed` with the new text whenever another tab saves the draft.
pub fn on_draft_saved_elsewhere(
    changed: impl Fn(String) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(KEY) {
            if let Some(text) = ev.new_value() {
                changed(text);
            }
        }
    })
}

/// Last year's report, when one is in use for the cross-year checks.
pub fn load_previous() -> Option<String> {
    storage()?.get_item(PREVIOUS).ok()?
}

/// Keeps (or, with None, forgets) last year's report.
pub fn save_previous(text: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match text {
            Some(t) => s.set_item(PREVIOUS, t),
            None => s.remove_item(PREVIOUS),
        };
    }
}

/// Where the choice "this parent reports its own 本级 only" is kept, per
/// agency.
fn own_level_key(agency: &str) -> String {
    format!("nianbao.own-level-only.v1:{agency}")
}

/// Whether the user said this agency's report states its own 本级 only,
/// so that it is not compared with the sum of its children.
pub fn own_level_only(agency: &str) -> bool {
    storage()
        .and_then(|s| s.get_item(&own_level_key(agency)).ok().flatten())
        .is_some()
}

/// Remembers (or forgets) that this agency's report states its own 本级 only.
pub fn set_own_level_only(agency: &str, on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(&own_level_key(agency), "1")
        } else {
            s.remove_item(&own_level_key(agency))
        };
    }
}
