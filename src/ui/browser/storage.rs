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

/// Saves the draft; Err with a Chinese reason when the browser refuses.
pub fn save_draft(text: &str) -> Result<(), &'static str> {
    let s = storage().ok_or("浏览器禁止了本地存储，草稿无法自动保存，请及时导出。")?;
    s.set_item(KEY, text)
        .map_err(|_| "本地存储空间已满，草稿无法自动保存，请导出数据文件保存。")
}

/// Keeps an unreadable draft aside so that nothing typed is lost.
pub fn keep_unreadable(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(BACKUP, text);
    }
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
