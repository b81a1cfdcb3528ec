//! `<CellInput/>`: one numeric cell. Keeps exactly what was typed; says at
//! the cell when it is not an acceptable value; arrows, Enter and Tab move as
//! in Excel; a pasted block of cells fills from here.

use leptos::prelude::*;

use crate::import::block;
use crate::rules::message;
use crate::template::{CellId, Move};
use crate::ui::browser::{dom, extras, paste};
use crate::ui::state::AppState;

/// Whether the page has said that cells are tidied on leaving them.
static NORMALISED_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[component]
pub fn CellInput(
    /// The cell this input edits.
    id: CellId,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let report = state.report;
    let template = report.with_untracked(|r| r.template());
    let def = template.cell(id);
    let path = def.path.clone();
    let title = template.describe(id);
    // Everything the cell shows, kept current by `AppState::sync_cells`:
    // a keystroke elsewhere wakes nothing here unless this cell's view changed.
    let view = state.cell(id);
    let raw = move || view.with(|v| v.raw.clone());
    let problem = move || view.with(|v| v.problem);
    let fix = move || view.with(|v| v.fix);
    let inferred = move || view.with(|v| v.inferred);
    let class = move || {
        view.with(|v| {
            if v.inferred {
                format!("{} inferred", v.mark)
            } else {
                v.mark.to_owned()
            }
        })
    };
    // Why the cell is marked, said on the cell itself.
    let hint = {
        let title = title.clone();
        move || {
            view.with(|v| {
                let mut hint = title.clone();
                if v.inferred {
                    hint.push_str("（虚线框：导入时按合计关系推断，或汇总时有报告未填，请核对）");
                }
                if let Some(why) = &v.why {
                    hint.push('：');
                    hint.push_str(why);
                }
                hint
            })
        }
    };
    // Last year's figure for this cell, in view while drafting.
    let last_year = move || view.with(|v| v.last_year.clone());
    let described = format!("ly-{path}");
    // Spec §12.4: a cell named in any standing finding is aria-invalid.
    let invalid = move || view.with(|v| (v.problem.is_some() || v.mark != "cell").to_string());

    let go = move |dir: Move| {
        if let Some(next) = template.neighbour(id, dir) {
            dom::focus_cell(&template.cell(next).path);
            true
        } else {
            false
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let at_edge = |end: bool| {
            dom::caret(&ev).is_none_or(|(at, len)| if end { at >= len } else { at == 0 })
        };
        let dir = match key.as_str() {
            "ArrowUp" => Some(Move::Up),
            "ArrowDown" | "Enter" if !ev.shift_key() => Some(Move::Down),
            "Enter" => Some(Move::Up),
            "ArrowLeft" if at_edge(false) => Some(Move::Left),
            "ArrowRight" if at_edge(true) => Some(Move::Right),
            _ => None,
        };
        if let Some(dir) = dir {
            if go(dir) {
                ev.prevent_default();
            }
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(text) = paste::clipboard_text(&ev) else {
            return;
        };
        if !text.trim_end().contains(['\t', '\n']) {
            return;
        }
        ev.prevent_default();
        dom::typing_reset();
        // A block read by its labels (`read`) goes on those rows; otherwise
        // its numbers go from this cell on, as Excel would.
        let write = move |read: Option<crate::model::Report>, text: String| {
            state.checkpoint("粘贴表格区域");
            let mut done = None;
            report.update(|r| {
                done = read
                    .as_ref()
                    .and_then(|read| block::by_labels(r, read))
                    .or_else(|| Some(block::by_position(r, id, &text)))
            });
            let Some(p) = done else { return };
            state.notice.set(Some(match (p.by_label, p.left_out) {
                (true, _) => format!("已按复制区域中的行名粘贴 {} 个单元格（可“撤销”）。", p.written),
                (false, 0) => format!("已从该单元格起粘贴 {} 个单元格。", p.written),
                (false, n) => format!("已从该单元格起粘贴 {} 个单元格；另有 {n} 个数值超出表格范围，未粘贴，请检查复制的区域。", p.written),
            }));
        };
        if !block::labelled(&text) {
            write(None, text);
            return;
        }
        // Rows with their labels are read by the importer worker, as the paste box reads them.
        leptos::task::spawn_local(async move {
            let read = extras::import(&text).await.ok().map(|i| i.report);
            write(read, text);
        });
    };

    view! {
                <input class=class data-cell=path inputmode="numeric" autocomplete="off"
            title=hint aria-label=template.describe(id)
            aria-describedby={
                let described = described.clone();
                move || view.with(|v| v.last_year.is_some()).then(|| described.clone())
            }
            aria-invalid=invalid
            data-inferred=move || inferred().then_some("")
            prop:value=raw
            on:input=move |ev| {
                let v = event_target_value(&ev);
                report.update(|r| r.set_raw(id, v));
                if view.with_untracked(|v| v.inferred) {
                    state.inferred.update(|s| {
                        s.remove(&id);
                    });
                }
            }
            on:blur=move |_| {
                // "１２件", "1,234", " 7 ": kept as typed while typing, shown as
                // read once the cell is left (said once).
                let Some(n) = report.with_untracked(|r| r.value(id).number()) else { return };
                let typed = view.with_untracked(|v| v.raw.clone());
                let plain = crate::model::number::format_value(n, def.kind);
                if typed != plain {
                    report.update(|r| r.set_raw(id, plain.clone()));
                    if !NORMALISED_SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
                        state.notice.set(Some(message::normalised(&typed, &plain)));
                    }
                }
            }
            on:keydown=on_keydown
            on:paste=on_paste/>
        {move || last_year().map(|v| view! {
            <span class="last-year-value" id=described.clone() data-last-year-value="">{format!("上年 {v}")}</span>
        })}
        {move || problem().map(|m| view! { <span class="cell-msg" role="alert">{m}</span> })}
        {move || fix().map(|n| view! {
            <button type="button" class="cell-fix" data-fix-cell="" title="采用按分项计算的合计值"
                on:click=move |_| report.update(|r| r.set_number(id, n))>
                {format!("采用计算值 {n}")}
            </button>
        })}
    }
}
