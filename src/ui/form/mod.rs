//! `<ReportForm/>`: the whole template as one form, walked from `template`
//! with plain iterators (the shape never changes, only values do; a format
//! switch rebuilds it).

mod cell;
mod table;
mod text;

use leptos::prelude::*;

use super::state::AppState;
use crate::model::TextKey;
use crate::template::{Format, SectionKind, Template, SECTIONS};
use table::TemplateTable;
use text::{MetaFields, TextSection};

use crate::ui::browser::dom;

#[component]
pub fn ReportForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let format = state.format;
    let on_format = move |ev: leptos::ev::Event| {
        let f = Format::parse(&event_target_value(&ev)).unwrap_or_default();
        // A report of 2021 or later belongs in the 2021 format: ask first.
        let year = state.report.with_untracked(|r| r.year);
        if let (Format::Y2019, Some(y)) = (f, year.filter(|&y| y >= 2021)) {
            let question = format!(
                "{y} 年度的报告应使用 2021 年格式（国办公开办函〔2021〕30号）；2019 年试行格式只用于 2019、2020 年度。\n\n确定改用 2019 年试行格式吗？（2019 年格式没有位置的单元格会保留，切换回来即恢复。）"
            );
            if !dom::confirm(&question) {
                dom::set_value(&ev, format.get_untracked().as_str());
                return;
            }
        }
        state.switch_format(f);
    };
    view! {
        <form class="report-form" on:submit=|ev| ev.prevent_default()>
            <MetaFields/>
            <label class="format">
                "报告格式 "
                <select data-field="format" on:change=on_format
                    prop:value=move || format.get().as_str().to_owned()>
                    <option value="2021">"2021年格式（国办公开办函〔2021〕30号）"</option>
                    <option value="2019">"2019年试行格式（2019、2020年度报告）"</option>
                </select>
            </label>
            {move || {
                // The form is rebuilt for the template of the current format.
                let template = Template::get(format.get());
                SECTIONS
                    .iter()
                    .map(|section| {
                        let body = match section.kind {
                            SectionKind::Table(table) => view! { <TemplateTable template=template table=table/> }.into_any(),
                            SectionKind::Overview => view! { <OverviewSection/> }.into_any(),
                            SectionKind::Text => {
                                let key = TextKey::of(section).unwrap_or(TextKey::Other);
                                view! { <TextSection key=key label=""/> }.into_any()
                            }
                        };
                        view! {
                            <section class="section" id=section.id>
                                <h2>{section.title}</h2>
                                {body}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </form>
    }
}

/// Section 一: the opening and the five topics, each its own text box.
#[component]
fn OverviewSection() -> impl IntoView {
    let topics = crate::template::TOPICS
        .iter()
        .enumerate()
        .map(|(i, topic)| view! { <TextSection key=TextKey::Topic(i) label=topic.title/> })
        .collect_view();
    view! {
        <TextSection key=TextKey::Overview label="总述"/>
        {topics}
    }
}
