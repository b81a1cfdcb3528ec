//! `<ImportPanel/>`: paste (HTML when the clipboard has it), type, drop or
//! open a report; see what would be filled before anything is overwritten.

use leptos::prelude::*;

use super::batch::{Batch, BatchTable};
use super::browser::paste::FileContent;
use super::browser::{dom, extras, paste};
use super::state::AppState;
use crate::import::text::normalize;
use crate::import::{self, Imported, NoteKind};
use crate::model::edit::name_list;
use crate::model::Report;
use crate::rules::{self, Severity};

/// Pastes longer than this (bytes) are read but not shown in the box.
const SHOWN_MAX: usize = 200_000;

/// Imports a paste or a text file in the importer worker. A
/// traditional-script text is first made simplified by the 繁體 worker (the
/// page carries neither importer nor converter tables).
async fn read(text: String) -> Imported {
    let said = |why: String| Imported::nothing(vec![NoteKind::NotRead(why).into()]);
    if text.trim_start().starts_with('{') || !normalize::has_traditional(&text) {
        return extras::import(&text).await.unwrap_or_else(said);
    }
    let (text, note) = match extras::simplify(&text).await {
        Ok(simplified) => (simplified, NoteKind::Simplified),
        Err(why) => (text, NoteKind::NotSimplified(why)),
    };
    let mut imported = extras::import(&text).await.unwrap_or_else(said);
    imported.notes.insert(0, note.into());
    imported
}

/// Imports what a file held (a Word, Excel or PDF file was read and
/// imported in the office worker; its 繁體 text made simplified there too).
async fn read_file(content: FileContent) -> Imported {
    match content {
        FileContent::Text(text) => read(text).await,
        FileContent::Opened(imported, _) => *imported,
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let source = state.import_text;
    // What the box shows: the paste itself, or (too large to lay out quickly) nothing;
    // the preview says what was read either way.
    let shown = |text: String| {
        if text.len() > SHOWN_MAX {
            String::new()
        } else {
            text
        }
    };
    // Only the latest paste's preview is shown, however long an earlier one took.
    let latest = StoredValue::new(0u32);
    let show_preview = move |content: FileContent, opened: Option<String>| {
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        if matches!(&content, FileContent::Text(text) if text.trim().is_empty()) {
            state.preview.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let mut imported = read_file(content).await;
            if let Some(name) = opened {
                imported.notes.insert(0, NoteKind::Opened(name).into());
            }
            if latest.get_value() == mine {
                state.preview.set(Some(imported));
            }
        });
    };
    let preview_from = move |text: String| {
        source.set(shown(text.clone()));
        show_preview(FileContent::Text(text), None);
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        match paste::clipboard_content(&ev) {
            // Tables come through intact from the HTML; show its text form.
            Some((content, true)) => {
                ev.prevent_default();
                // Its text form only when the box can show it; the import caps the rest.
                source.set(if content.len() > SHOWN_MAX {
                    String::new()
                } else {
                    shown(import::read::html::to_text(&content))
                });
                show_preview(FileContent::Text(content), None);
            }
            // A huge paste never goes into the box, where laying it out would freeze the page.
            Some((content, false)) if content.len() > SHOWN_MAX => {
                ev.prevent_default();
                preview_from(content);
            }
            _ => {}
        }
    };
    let batch = RwSignal::new(None::<Batch>);
    let batch_aside = RwSignal::new(false);
    let loaded = move |files: Vec<paste::FileText>| {
        let mut files = files;
        if files.len() == 1 {
            match files.pop() {
                Some(Ok((name, content))) => {
                    // The box shows what was read: a file's text, never its markup.
                    source.set(shown(match &content {
                        FileContent::Text(text) => text.clone(),
                        FileContent::Opened(_, text) => text.clone(),
                    }));
                    show_preview(content, Some(name));
                }
                Some(Err(why)) => state.notice.set(Some(why)),
                None => {}
            }
            return;
        }
        state.preview.set(None);
        leptos::task::spawn_local(async move {
            let mut reports = Vec::new();
            let mut failed = Vec::new();
            for file in files {
                match file {
                    Ok((name, content)) => reports.push((name, read_file(content).await.report)),
                    Err(why) => failed.push(why),
                }
            }
            batch_aside.set(false);
            batch.set(Some(Batch::new(reports, failed)));
        });
    };
    let close_batch = Callback::new(move |()| batch.set(None));
    // A report opened from the batch is previewed with the batch folded away;
    // "返回" brings the list back as it was.
    let open_from_batch = Callback::new(move |()| batch_aside.set(true));
    let back_to_batch = move |_| {
        batch_aside.set(false);
        state.close_preview();
    };
    view! {
        <section class="import-panel">
            <h2>"粘贴往年报告，自动填表"</h2>
            <p class="hint">"编制今年的报告，从上一年度的报告开始最省事：把它粘贴到下面（从政府网站复制，网页或文字均可，繁体也可），或拖入 Word、Excel、PDF 文件，再点“以此为上一年度报告，开始编制……年度”。一次拖入多份文件即为批量核对。"</p>
            <textarea data-import="" rows="5" placeholder="在此粘贴年度报告全文……"
                prop:value=move || source.get()
                on:paste=on_paste
                on:input=move |ev| preview_from(event_target_value(&ev))
                on:dragover=|ev| ev.prevent_default()
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    paste::read_dropped_files(&ev, loaded);
                }></textarea>
            <label class="file">"打开文件… "
                <input type="file" multiple accept=".txt,.html,.htm,.json,.docx,.xlsx,.xls,.pdf,text/plain,text/html,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/pdf" data-import-file=""
                    on:change=move |ev| paste::read_chosen_files(&ev, loaded)/>
            </label>
            {move || batch.get().map(|b| {
                let count = b.reports.len();
                view! {
                    <div style:display=move || if batch_aside.get() { "none" } else { "" }>
                        <BatchTable batch=b on_close=close_batch on_open=open_from_batch/>
                    </div>
                    {move || batch_aside.get().then(|| view! {
                        <button type="button" data-batch-back="" on:click=back_to_batch>
                            {format!("← 返回批量核对列表（{count} 份）")}
                        </button>
                    })}
                }
            })}
            {move || state.preview.with(|p| p.as_ref().map(|imported| {
                let current = state.report.get_untracked();
                view! { <Preview imported=imported.clone() current=current/> }
            }))}
        </section>
    }
}

/// What an import would do.
#[component]
fn Preview(imported: Imported, current: Report) -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = &imported.report;
    let t = r.template();
    let total = t.cells.len();
    let empty: Vec<String> = t
        .ids()
        .filter(|&id| r.raw(id).trim().is_empty())
        .map(|id| t.describe(id))
        .collect();
    let overwritten = current.changes_from(r).said(t);
    // Starting next year's draft from it: said in plain words before the click.
    let next = r.year.map(|y| (y, y + 1));
    let next_year_text = r.next_year_said();
    // A report of an earlier year than this one: starting this year's draft
    // from it is the main job, and the first button.
    let starts_next = r.year.is_some_and(|y| y < dom::this_year());
    let next_year = next.map(|(_, n)| format!("以此为上一年度报告，开始编制{n}年度"));
    let own = rules::check(r, None);
    let (errors, warnings, _) = rules::tally(&own);
    let open_details = errors > 0;
    let summary = format!(
        "识别为：{} {}；读到 {} / {} 个单元格。",
        rules::message::identity(r),
        r.format.notice(),
        imported.cells_read,
        total
    );
    let empty_text = match empty.len() {
        0 => "所有单元格都已读到。".to_owned(),
        n => format!("{n} 个单元格没有读到，将留空待填：{}", name_list(&empty)),
    };
    let inferred: Vec<String> = imported.inferred.iter().map(|&id| t.describe(id)).collect();
    let inferred_text = (!inferred.is_empty()).then(|| {
        format!(
            "{} 个单元格是按合计关系确定的（原文数字连在一起、跨行断开或缺了空白单元格），填入后以虚线框标出，请核对：{}",
            inferred.len(),
            name_list(&inferred)
        )
    });
    let zeros = imported.blank_zero.len();
    let notes = imported
        .notes
        .iter()
        .map(|n| {
            let class = if n.level == import::Level::Warning {
                "note warning"
            } else {
                "note"
            };
            view! { <li class=class>{n.message.clone()}</li> }
        })
        .collect_view();
    let own_list = own
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| view! { <li class="note" data-preview-rule=f.rule.id() title=f.rule.name()>{f.message}</li> })
        .collect_view();
    view! {
        <div class="preview" data-import-preview="">
            <p class="summary">{summary}</p>
                        <p>{empty_text}</p>
            {inferred_text.map(|t| view! { <p class="inferred-note" data-preview-inferred="">{t}</p> })}
            {(zeros > 0).then(|| view! {
                <p class="blank-zero">
                    {format!("表中有 {zeros} 个空白单元格（或“—”），按合计关系应为 0。")}
                    <button type="button" data-import-blank-zero="" on:click=move |_| state.preview_blank_zero()>
                        {format!("空白按0填入（{zeros} 个）")}
                    </button>
                </p>
            })}
            {starts_next.then(|| next.map(|(y, n)| view! {
                <p class="lead" data-preview-lead="">
                    {format!("这是 {y} 年度的报告。要编制 {n} 年度的报告，请点下面的第一个按钮：以它为上一年度报告起草，上年的文字和数字留作对照。")}
                </p>
            }))}
            <div class="actions">
                {next_year.map(|label| {
                    let class = if starts_next { "primary" } else { "" };
                    view! {
                        <button type="button" class=class data-import-next-year=""
                            title=next_year_text.clone().unwrap_or_default()
                            on:click=move |_| state.start_next_year()>{label}</button>
                    }
                })}
                <button type="button" class=if starts_next { "" } else { "primary" } data-import-apply=""
                    title="把这份报告原样填入表单（年度、文字和数字都不改）"
                    on:click=move |_| state.apply_preview()>"原样填入表单"</button>
                <button type="button" data-import-previous="" on:click=move |_| state.preview_as_previous()>"作为上一年度报告（比对并填入“上年结转”）"</button>
                <button type="button" on:click=move |_| state.close_preview()>"取消"</button>
            </div>
            <p data-preview-overwrites="">{overwritten}</p>
            {next_year_text.map(|t| view! {
                <details class="next-year-note">
                    <summary>{next.map(|(_, n)| format!("开始编制{n}年度会做什么")).unwrap_or_default()}</summary>
                    <p data-preview-next-year="">{t}</p>
                </details>
            })}
            <ul class="notes">{notes}</ul>
            <details open=open_details>
                <summary>{format!("这份报告本身的问题：错误 {errors} 项，提醒 {warnings} 项")}</summary>
                <ul class="notes">{own_list}</ul>
            </details>
        </div>
    }
}
