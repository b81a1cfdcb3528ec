//! `<CellInput/>`: one numeric cell. Keeps exactly what was typed; says at
//! the cell when it is not an acceptable value; arrows, Enter and Tab move as
//! in Excel; a pasted block of cells fills from here.

use leptos::prelude::*;

use crate::model::Value;
use crate::rules::message;
use crate::template::{CellId, Move};
use crate::ui::browser::{dom, paste};
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
    let raw = Memo::new(move |_| report.with(|r| r.raw(id).to_owned()));
    let problem = Memo::new(move |_| {
        report.with(|r| match r.value(id) {
            Value::Invalid(reason) => Some(message::reason(reason)),
            _ => None,
        })
    });
    let mark = Memo::new(move |_| {
        state.marks.with(|m| {
            if m.suspect.contains(&id) {
                "cell suspect"
            } else if m.error.contains(&id) {
                "cell error"
            } else if m.warning.contains(&id) {
                "cell warning"
            } else if m.info.contains(&id) {
                "cell info"
            } else {
                "cell"
            }
        })
    });
    // A total that does not match its parts offers the computed value right here.
    let fix = Memo::new(move |_| state.marks.with(|m| m.fix.get(&id).copied()));
    let inferred = Memo::new(move |_| state.inferred.with(|s| s.contains(&id)));
    let class = move || {
        if inferred.get() {
            format!("{} inferred", mark.get())
        } else {
            mark.get().to_owned()
        }
    };
    // Why the cell is marked, said on the cell itself.
    let why = Memo::new(move |_| state.marks.with(|m| m.why.get(&id).cloned()));
    let hint = {
        let title = title.clone();
        move || {
            let mut hint = title.clone();
            if inferred.get() {
                hint.push_str("（导入时按合计关系推断，请核对）");
            }
            if let Some(why) = why.get() {
                hint.push('：');
                hint.push_str(&why);
            }
            hint
        }
    };
    // Last year's figure for this cell, in view while drafting.
    let last_year = {
        let path = path.clone();
        Memo::new(move |_| {
            state.previous.with(|p| {
                let p = p.as_ref()?;
                let raw = p.raw(p.template().by_path(&path)?).trim().to_owned();
                (!raw.is_empty()).then_some(raw)
            })
        })
    };
    let described = format!("ly-{path}");
    // Spec §12.4: a cell named in any standing finding is aria-invalid.
    let invalid = move || (problem.get().is_some() || mark.get() != "cell").to_string();

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
        if text.trim_end().contains(['\t', '\n']) {
            ev.prevent_default();
            dom::typing_reset();
            state.checkpoint("粘贴表格区域");
            let mut done = None;
            report.update(|r| done = Some(crate::import::block::paste(r, id, &text)));
            let Some(p) = done else { return };
            state.notice.set(Some(match (p.by_label, p.left_out) {
                (true, _) => format!("已按复制区域中的行名粘贴 {} 个单元格（可“撤销”）。", p.written),
                (false, 0) => format!("已从该单元格起粘贴 {} 个单元格。", p.written),
                (false, n) => format!("已从该单元格起粘贴 {} 个单元格；另有 {n} 个数值超出表格范围，未粘贴，请检查复制的区域。", p.written),
            }));
        }
    };

    view! {
                <input class=class data-cell=path inputmode="numeric" autocomplete="off"
            title=hint aria-label=template.describe(id)
            aria-describedby={
                let described = described.clone();
                move || last_year.with(Option::is_some).then(|| described.clone())
            }
            aria-invalid=invalid
            data-inferred=move || inferred.get().then_some("")
            prop:value=move || raw.get()
            on:input=move |ev| {
                let v = event_target_value(&ev);
                report.update(|r| r.set_raw(id, v));
                if inferred.get_untracked() {
                    state.inferred.update(|s| {
                        s.remove(&id);
                    });
                }
            }
            on:blur=move |_| {
                // "１２件", "1,234", " 7 ": kept as typed while typing, shown as
                // read once the cell is left (said once).
                let Some(n) = report.with_untracked(|r| r.value(id).number()) else { return };
                let typed = raw.get_untracked();
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
        {move || last_year.get().map(|v| view! {
            <span class="last-year-value" id=described.clone() data-last-year-value="">{format!("上年 {v}")}</span>
        })}
        {move || problem.get().map(|m| view! { <span class="cell-msg" role="alert">{m}</span> })}
        {move || fix.get().map(|n| view! {
            <button type="button" class="cell-fix" data-fix-cell="" title="采用按分项计算的合计值"
                on:click=move |_| report.update(|r| r.set_number(id, n))>
                {format!("采用计算值 {n}")}
            </button>
        })}
    }
}
