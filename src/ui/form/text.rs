//! Text boxes: the title block and the free-text parts of the report.

use leptos::prelude::*;

use crate::model::{edit::Field, TextKey};
use crate::ui::state::AppState;

/// A free-text part, bound to the report.
#[component]
pub fn TextSection(
    /// Which text part.
    key: TextKey,
    /// Heading shown above the box ("" for none).
    label: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = Field::Text(key);
    let text = Memo::new(move |_| state.report.with(|r| r.text(key).to_owned()));
    let last_year = Memo::new(move |_| state.last_year.with(|l| l.contains(&field)));
    let rows = Memo::new(move |_| {
        text.with(|t| (t.chars().count() / 45 + t.lines().count()).clamp(3, 20))
    });
    view! {
        <div class="text-part">
            {(!label.is_empty()).then(|| view! { <h3>{label}</h3> })}
            <LastYearNote on=last_year/>
            <textarea data-section=key.id() rows=move || rows.get() aria-label=key.title()
                class:last-year=move || last_year.get()
                data-last-year=move || last_year.get().then_some("")
                prop:value=move || text.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    state.report.update(|r| r.set_text(key, v));
                    state.edited(field);
                }
            ></textarea>
        </div>
    }
}

/// Says that a text is last year's, until it is edited.
#[component]
fn LastYearNote(on: Memo<bool>) -> impl IntoView {
    move || {
        on.get().then(|| {
            view! { <p class="last-year-note">"以下为上一年度报告的文字，仅供参考：请按本年度情况改写（改写到与上一年度不再相似时，此提示消失）。"</p> }
        })
    }
}

/// Agency, year, signature date, title and preamble.
#[component]
pub fn MetaFields() -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = state.report;
    let agency = Memo::new(move |_| r.with(|r| r.agency.clone().unwrap_or_default()));
    let year = Memo::new(move |_| r.with(|r| r.year.map(|y| y.to_string()).unwrap_or_default()));
    let date = Memo::new(move |_| r.with(|r| r.meta.date.clone()));
    let preamble = Memo::new(move |_| r.with(|r| r.meta.preamble.clone()));
    let title = Memo::new(move |_| r.with(|r| r.meta.title.clone()));
    let default_title = Memo::new(move |_| {
        r.with(|r| crate::model::edit::default_title(r.agency.as_deref(), r.year))
    });
    let preamble_last_year =
        Memo::new(move |_| state.last_year.with(|l| l.contains(&Field::Preamble)));
    // The preamble is folded away; open it when it holds last year's text.
    let open_preamble = Memo::new(move |_| preamble_last_year.get());
    // The model holds only a valid year; what is typed meanwhile stays in the box.
    let year_bad = RwSignal::new(false);
    view! {
        <div class="meta">
            <label>"机关名称 "
                <input data-field="agency" placeholder="如：XX市XX局" prop:value=move || agency.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        r.update(|r| r.agency = (!v.trim().is_empty()).then(|| v.trim().to_owned()));
                    }/>
            </label>
            <label>"报告年度 "
                <input data-field="year" inputmode="numeric" placeholder="如：2024" size="6"
                    prop:value=move || year.get()
                    aria-invalid=move || year_bad.get().to_string()
                    on:input=move |ev| {
                        let typed = crate::model::number::read_year(&event_target_value(&ev));
                        year_bad.set(typed.is_err());
                        if let Ok(year) = typed {
                            r.update(|r| r.year = year);
                        }
                    }/>
                {move || year_bad.get().then(|| view! { <span class="cell-msg" role="alert">"年度应为四位数字，如 2024"</span> })}
            </label>
            <label>"落款日期 "
                <input data-field="date" placeholder="如：2025年1月20日" prop:value=move || date.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        r.update(|r| r.meta.date = v);
                    }/>
            </label>
            <details class="preamble" prop:open=move || open_preamble.get()>
                <summary>"标题和前言（可选）"</summary>
                <label>"标题 "
                    <input data-field="title" size="48" placeholder=move || default_title.get()
                        prop:value=move || title.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            r.update(|r| r.meta.title = v);
                        }/>
                    " （留空则按机关名称和年度自动生成）"
                </label>
                <LastYearNote on=preamble_last_year/>
                <textarea data-field="preamble" rows="3" prop:value=move || preamble.get()
                    class:last-year=move || preamble_last_year.get()
                    data-last-year=move || preamble_last_year.get().then_some("")
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        r.update(|r| r.meta.preamble = v);
                        state.edited(Field::Preamble);
                    }></textarea>
            </details>
        </div>
    }
}
