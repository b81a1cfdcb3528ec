//! `<DownloadBar/>`: 新建, the downloads, and print. Handlers, not effects.

use leptos::prelude::*;

use super::browser::{dom, download};
use super::state::AppState;
use crate::model::Report;
use crate::render::{render, Export};

#[component]
pub fn DownloadBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let buttons = Export::ALL
        .iter()
        .map(|&export| {
            let click = move |_| {
                let file = state.report.with(|r| render(export, r));
                if let Err(why) = download::offer(&file) {
                    state.notice.set(Some(why.into()));
                }
            };
            view! {
                <button type="button" data-download=export.kind() on:click=click>{export.label()}</button>
            }
        })
        .collect_view();
    let new_report = move |_| {
        let blank = state.report.with(Report::is_blank);
        if blank || dom::confirm("新建将清空当前表单（已填写的内容不会保留）。确定新建吗？\n如需保留，请先“导出数据（JSON）”。") {
            let format = state.report.with(|r| r.format);
            state.report.set(Report::new(format));
            state.previous.set(None);
            state.notice.set(Some("已新建空白报告。".into()));
        }
    };
    view! {
        <nav class="toolbar">
            <button type="button" data-action="new" on:click=new_report>"新建"</button>
            {buttons}
            <button type="button" data-action="print" on:click=move |_| dom::print()>"打印 / 另存为PDF"</button>
        </nav>
    }
}
