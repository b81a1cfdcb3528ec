//! `<TemplateTable/>`: a statistics table laid out from `template::layout`,
//! merged header cells as in the official form, inputs in the value cells,
//! and the findings about the table right under it.

use leptos::prelude::*;

use super::cell::CellInput;
use crate::template::layout::{grid, Slot};
use crate::template::{TableId, Template};
use crate::ui::findings::FindingList;
use crate::ui::state::AppState;

#[component]
pub fn TemplateTable(
    /// The form of the report's format.
    template: &'static Template,
    /// Which table.
    table: TableId,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let class = format!("grid {}", table.id());
    let rows = grid(template, table)
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .map(|cell| {
                    let (rs, cs) = (cell.rowspan, cell.colspan);
                    match cell.slot {
                        Slot::Label(text) if cell.header => {
                            view! { <th rowspan=rs colspan=cs>{text}</th> }.into_any()
                        }
                        Slot::Label(text) => {
                            view! { <th class="label" rowspan=rs colspan=cs scope="row">{text}</th> }.into_any()
                        }
                        Slot::Value(id) => view! { <td colspan=cs><CellInput id=id/></td> }.into_any(),
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let total = template.cells_of(table).count();
    let filled = Memo::new(move |_| {
        state.report.with(|r| {
            template
                .cells_of(table)
                .filter(|&c| !r.raw(c).trim().is_empty())
                .count()
        })
    });
    view! {
        <p class="progress" data-progress=table.id() class:done=move || filled.get() == total>
            {move || format!("{} 已填 {} / {}", table.name(), filled.get(), total)}
        </p>
        <div class="table-wrap">
            <table class=class>{rows}</table>
        </div>
        <FindingList table=table/>
    }
}
