//! `<DownloadBar/>`: 新建, the downloads, 繁體, and print. Handlers, not effects.
//! HTML, text and JSON render here; Word and 繁體 come from the extras worker,
//! loaded on first use (see `browser::extras`).

use leptos::prelude::*;

use super::browser::{dom, download, extras};
use super::findings::target_of;
use super::state::AppState;
use crate::model::{json, Report};
use crate::render::{render, Export, Script};
use crate::rules::{Finding, Severity};

#[component]
pub fn DownloadBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let traditional = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let buttons = Export::ALL
        .iter()
        .map(|&export| {
            let kind = export.kind();
            let click = move |_| {
                let publishable = !matches!(export, Export::Json | Export::Draft);
                if publishable && !ready_to_publish(state) {
                    return;
                }
                let script = if traditional.get_untracked() { Script::Traditional } else { Script::Simplified };
                if !export.in_worker(script) {
                    let offered = state
                        .report
                        .with(|r| render(export, r))
                        .and_then(|file| download::offer(&file).map_err(str::to_owned));
                    if let Err(why) = offered {
                        state.notice.set(Some(why));
                    }
                    return;
                }
                let draft = state.report.with(json::to_draft);
                busy.set(true);
                state.notice.set(Some("正在生成文件……（首次使用需加载组件）".into()));
                leptos::task::spawn_local(async move {
                    let result = extras::download(kind, traditional.get_untracked(), draft).await;
                    busy.set(false);
                    state.notice.set(match result {
                        Ok(()) => Some("文件已生成，请查看浏览器的下载。".into()),
                        Err(why) => Some(why),
                    });
                });
            };
            view! {
                <button type="button" data-download=kind on:click=click disabled=move || busy.get()>{export.label()}</button>
            }
        })
        .collect_view();
    let new_report = move |_| {
        let blank = state.report.with(Report::is_blank);
        if blank || dom::confirm("新建将清空当前表单。确定新建吗？\n（清空后可点“撤销”找回。）")
        {
            let format = state.report.with(|r| r.format);
            state.start_over("新建", Report::new(format), Default::default());
            state.notice.set(Some("已新建空白报告。".into()));
        }
    };
    view! {
        <nav class="toolbar">
            <button type="button" data-action="new" on:click=new_report>"新建"</button>
            <button type="button" data-undo="" on:click=move |_| state.undo()
                disabled=move || state.undo.with(Vec::is_empty)
                title=move || state.undo.with(|u| u.last().map_or("没有可撤销的操作".to_owned(), |s| format!("撤销“{}”（Ctrl+Z）", s.action)))>
                "撤销"
            </button>
            <button type="button" data-redo="" on:click=move |_| state.redo()
                disabled=move || state.redo.with(Vec::is_empty)
                title=move || state.redo.with(|r| r.last().map_or("没有可恢复的操作".to_owned(), |s| format!("恢复“{}”（Ctrl+Y）", s.action)))>
                "恢复"
            </button>
            {buttons}
            <label class="script" title="网页版、Word 和纯文本使用繁体字（数据文件保持简体）">
                <input type="checkbox" data-field="traditional"
                    prop:checked=move || traditional.get()
                    on:change=move |ev| traditional.set(event_target_checked(&ev))/>
                " 繁體輸出"
            </label>
            <button type="button" data-action="print" on:click=move |_| if ready_to_publish(state) { dom::print() }>"打印 / 另存为PDF"</button>
        </nav>
    }
}

/// Before a report leaves the page (download, print): with errors or blanks
/// open, or parts still last year's words, lists them and asks; "取消" goes
/// to the first. Blanks are listed in the findings from then on.
fn ready_to_publish(state: AppState) -> bool {
    let open: Vec<Finding> = state.findings.with_untracked(|fs| {
        state.report.with_untracked(|r| {
            fs.iter()
                .filter(|f| f.severity == Severity::Error || f.blank)
                .filter(|f| crate::rules::ack::mark(r, f).is_open())
                .cloned()
                .collect()
        })
    });
    let copied = state.still_last_years();
    if open.is_empty() && copied.is_empty() {
        return true;
    }
    let mut parts = Vec::new();
    if !open.is_empty() {
        state.completeness.set(true);
        let errors = open
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let shown: Vec<String> = open
            .iter()
            .take(8)
            .enumerate()
            .map(|(i, f)| format!("{}. {}", i + 1, f.message))
            .collect();
        let more = if open.len() > 8 { "\n……" } else { "" };
        parts.push(format!(
            "报告还有 {errors} 项错误、{} 项未填内容：\n{}{more}",
            open.len() - errors,
            shown.join("\n")
        ));
    }
    if !copied.is_empty() {
        let names: Vec<String> = copied.iter().map(|f| format!("“{}”", f.label())).collect();
        parts.push(format!(
            "以下 {} 部分仍是（或几乎是）上一年度报告的文字，尚未按本年度情况改写：\n{}",
            copied.len(),
            names.join("、")
        ));
    }
    let question = format!(
        "{}\n\n点“确定”仍然生成；点“取消”转到第一处。",
        parts.join("\n\n")
    );
    if dom::confirm(&question) {
        return true;
    }
    let template = state.report.with_untracked(|r| r.template());
    let first = open
        .iter()
        .find_map(|f| target_of(f, template))
        .or_else(|| copied.first().map(|f| dom::Target::Field(f.id())));
    if let Some(target) = first {
        dom::focus(&target);
    }
    false
}
