//! `<App/>`: builds the state, restores the draft, autosaves when typing pauses
//! and when the tab is hidden or closed.
//! The only effects of the app live here.

use leptos::prelude::*;

use super::browser::{dom, download, storage};
use super::download_bar::DownloadBar;
use super::findings::FindingsPanel;
use super::form::ReportForm;
use super::import_panel::ImportPanel;
use super::state::AppState;
use crate::model::{json, Report};

/// Loads the saved draft; a draft that cannot be read is kept aside with a message.
fn restore() -> (Report, Option<String>) {
    match storage::load_draft() {
        None => (Report::default(), None),
        Some(text) => match json::from_str(&text) {
            Ok(report) if storage::draft_is_stale() => (
                report,
                Some("已恢复本机保存的草稿，但它不是最后的修改：上次编辑时本地存储已满，之后的修改未能保存。请核对，或打开您保存的草稿文件。".into()),
            ),
            Ok(report) => (report, Some("已恢复上次在本机编辑的草稿。".into())),
            Err(e) => {
                storage::keep_unreadable(&text);
                (
                    Report::default(),
                    Some(format!(
                        "本机保存的草稿无法读取（{e}），已另存备份，现为空白表单。"
                    )),
                )
            }
        },
    }
}

/// How long typing must pause before the draft is saved (it is saved at
/// once when the tab is hidden or closed).
const AUTOSAVE_IDLE_MS: u64 = 300;

#[component]
pub fn App() -> impl IntoView {
    let (report, restored) = restore();
    let state = AppState::new(report);
    state.notice.set(restored);
    let previous = storage::load_previous().and_then(|t| json::from_str(&t).ok());
    state.previous.set(previous);
    provide_context(state);
    // The importer worker, started once the form is shown: ready for the first paste.
    set_timeout(
        super::browser::extras::start_importer,
        std::time::Duration::from_millis(0),
    );
    // Each cell's view: filled before the form is built, then kept current.
    untrack(|| state.sync_cells());
    Effect::new(move |_| state.sync_cells());

    // Another tab saving the same draft: this tab stops saving (so neither
    // overwrites the other unseen) until the user says which one to keep.
    let other_tab = RwSignal::new(None::<String>);
    let last_saved = StoredValue::new(String::new());
    let _tabs = storage::on_draft_saved_elsewhere(move |text| {
        if last_saved.with_value(|s| *s != text) {
            other_tab.set(Some(text));
        }
    });

    // Autosave once typing pauses, not on every keystroke (serialising the
    // whole draft is the costliest part of a keystroke); and at once when
    // the tab is hidden or closed, so the last keystroke is never lost.
    // Changes made, and the change the saved draft holds.
    let (edits, saved) = (StoredValue::new(0u64), StoredValue::new(None::<u64>));
    let save = move || {
        let now = edits.get_value();
        if saved.get_value() == Some(now) || other_tab.with_untracked(Option::is_some) {
            return;
        }
        saved.set_value(Some(now));
        let text = state.report.with_untracked(json::to_draft);
        match storage::save_draft(&text) {
            Ok(()) => last_saved.set_value(text),
            Err(why) => state.notice.set(Some(why.into())),
        }
    };
    Effect::new(move |first: Option<()>| {
        state.report.track();
        other_tab.track();
        edits.update_value(|n| *n += 1);
        if first.is_none() {
            // The draft as opened is saved at once: there is always one to restore.
            save();
            return;
        }
        let mine = edits.get_value();
        set_timeout(
            move || {
                // Only when no change came since this one.
                if edits.get_value() == mine {
                    save();
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_IDLE_MS),
        );
    });
    let _hide = window_event_listener(leptos::ev::visibilitychange, move |_| save());
    let _leave = window_event_listener(leptos::ev::pagehide, move |_| save());
    let take_other = move |_| {
        if let Some(Ok(report)) = other_tab.get_untracked().map(|t| json::from_str(&t)) {
            state.checkpoint("载入另一标签页的草稿");
            state.report.set(report);
        }
        other_tab.set(None);
    };
    let keep_mine = move |_| other_tab.set(None);

    // Ctrl+Z undoes where the hands are: in a box, the box's own typing
    // first (the browser's undo), then the latest bulk action; Ctrl+Y or
    // Ctrl+Shift+Z redoes in the same order.
    let _typing = window_event_listener(leptos::ev::beforeinput, move |ev| dom::before_input(&ev));
    let _focus = window_event_listener(leptos::ev::focusin, move |_| dom::typing_reset());
    let _undo = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = key == "y" || (key == "z" && ev.shift_key());
        if key != "z" && !redo {
            return;
        }
        if dom::in_text_box(&ev) && dom::own_history(&ev, redo) {
            return;
        }
        ev.prevent_default();
        dom::typing_reset();
        if redo {
            state.redo();
        } else {
            state.undo();
        }
    });

    // The unreadable draft kept aside, offered as a file.
    let unreadable = RwSignal::new(storage::unreadable());
    let save_unreadable = move |_| {
        if let Some(text) = unreadable.get_untracked() {
            let file = crate::render::Rendered {
                filename: "无法读取的草稿备份.json".into(),
                mime: "application/json",
                bytes: text.into_bytes(),
            };
            if let Err(why) = download::offer(&file) {
                state.notice.set(Some(why.into()));
            }
        }
    };

    // Last year's report, kept as long as the comparison is on.
    Effect::new(move |_| {
        let text = state.previous.with(|p| p.as_ref().map(json::to_draft));
        storage::save_previous(text.as_deref());
    });

    // Printing (button or Ctrl+P) shows the publishable report, rendered on demand.
    let _print = window_event_listener(leptos::ev::beforeprint, move |_| {
        let html = state.report.with(crate::render::html::body);
        super::browser::dom::set_print_area(&html);
    });

    view! {
        <div id="print-area" class="print-only"></div>
        <header class="topbar">
            <h1>"政府信息公开工作年度报告 · 编制与核对"</h1>
            <span class="offline">"全部在本机浏览器中处理，不上传任何数据"</span>
        </header>
        {move || state.notice.get().map(|n| view! {
            <div class="notice toast" role="status" data-notice="">
                <span>{n}</span>
                <button type="button" on:click=move |_| state.notice.set(None)>"知道了"</button>
            </div>
        })}
        {move || other_tab.with(Option::is_some).then(|| view! {
            <div class="notice conflict" role="alert" data-other-tab="">
                <span>"另一个浏览器标签页也在编辑这份草稿，并保存了不同的内容。为免互相覆盖，本页已暂停自动保存。请选择以哪一页为准（另一页的内容也可先在那一页“保存草稿文件”）："</span>
                <button type="button" data-keep-mine="" on:click=keep_mine>"以本页为准，继续保存"</button>
                <button type="button" data-take-other="" on:click=take_other>"载入另一页的内容（可撤销）"</button>
            </div>
        })}
        {move || unreadable.with(Option::is_some).then(|| view! {
            <div class="notice" data-unreadable="">
                <span>"本机有一份无法读取的草稿备份。"</span>
                <button type="button" data-save-unreadable="" on:click=save_unreadable>"下载备份文件"</button>
                <button type="button" on:click=move |_| unreadable.set(None)>"隐藏"</button>
            </div>
        })}
        <div class="layout">
            <main class="main">
                                <DownloadBar/>
                <ImportPanel/>
                {move || {
                    let n = state.inferred.with(|s| s.len());
                    (n > 0).then(|| view! {
                        <div class="inferred-bar" data-inferred-bar="">
                            <span>{format!("有 {n} 个单元格需要核对（虚线框：导入时按合计关系推断，或汇总时有报告未填），请对照原件核对；改动某格即视为已核对。")}</span>
                            <button type="button" data-confirm-inferred="" on:click=move |_| state.confirm_inferred()>"已核对，全部确认"</button>
                        </div>
                    })
                }}
                <ReportForm/>
            </main>
            <aside class="side">
                <FindingsPanel/>
            </aside>
        </div>
    }
}
