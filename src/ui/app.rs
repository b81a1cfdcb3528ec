//! `<App/>`: builds the state, restores the draft, autosaves on every change.
//! The only effects of the app live here.

use leptos::prelude::*;

use super::browser::storage;
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

#[component]
pub fn App() -> impl IntoView {
    let (report, restored) = restore();
    let state = AppState::new(report);
    state.notice.set(restored);
    let previous = storage::load_previous().and_then(|t| json::from_str(&t).ok());
    state.previous.set(previous);
    provide_context(state);

    // Autosave: every change, no debounce, so the last keystroke is never lost.
    Effect::new(move |_| {
        let text = state.report.with(json::to_draft);
        if let Err(why) = storage::save_draft(&text) {
            state.notice.set(Some(why.into()));
        }
    });

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
            <div class="notice" role="status" data-notice="">
                <span>{n}</span>
                <button type="button" on:click=move |_| state.notice.set(None)>"知道了"</button>
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
                            <span>{format!("有 {n} 个单元格是导入时按合计关系推断的（虚线框），请对照原件核对；改动某格即视为已核对。")}</span>
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
