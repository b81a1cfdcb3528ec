//! The findings: the full list beside the form (`data-findings`), and each
//! table's own under it. Clicking a finding focuses its cell; totals offer a
//! one-click "采用计算值".

use leptos::prelude::*;

use super::browser::dom;
use super::state::AppState;
use crate::rules::{Finding, Severity};
use crate::template::{TableId, Template};

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "finding error",
        Severity::Warning => "finding warning",
        Severity::Info => "finding info",
    }
}

/// Where a finding points: its suspect cell, its first cell, or its field.
pub fn target_of(finding: &Finding, template: &Template) -> Option<dom::Target> {
    finding
        .suspect
        .or(finding.cells.first().copied())
        .map(|id| dom::Target::Cell(template.cell(id).path.clone()))
        .or(finding.field.map(|f| dom::Target::Field(f.id())))
}

/// One finding, with its focus and fix actions.
#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let state = expect_context::<AppState>();
    let template = state.report.with_untracked(|r| r.template());
    let target = target_of(&finding, template);
    let focusable = target.is_some();
    let focus = move |_| {
        if let Some(target) = &target {
            dom::focus(target);
        }
    };
    let fix = finding.fix.zip(finding.expected).map(|(cell, expected)| {
        let apply = move |_| {
            state.checkpoint("采用计算值");
            state.report.update(|r| r.set_number(cell, expected));
        };
        view! {
            <button type="button" class="fix" data-fix=template.cell(cell).path.clone() on:click=apply>
                {format!("采用计算值 {expected}")}
            </button>
        }
    });
    let cells = finding
        .cells
        .iter()
        .map(|&c| template.cell(c).path.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let body = view! {
        <span class="badge">{finding.severity.label()}</span>
        <span class="rule">{finding.rule}</span>
        <span class="msg">{finding.message.clone()}</span>
    };
    let body = match focusable {
        true => view! { <button type="button" class="goto" title="定位到单元格" on:click=focus>{body}</button> }.into_any(),
        false => view! { <div class="goto">{body}</div> }.into_any(),
    };
    view! {
        <li class=severity_class(finding.severity) data-rule=finding.rule data-severity=finding.severity.as_str() data-cells=cells>
            {body}
            {fix}
        </li>
    }
}

/// Findings about one table (errors and warnings), or all of them.
#[component]
pub fn FindingList(
    /// Only findings naming a cell of this table; None for all.
    table: Option<TableId>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        let template = state.report.with(|r| r.template());
        state.shown.with(|fs| {
            fs.iter()
                .filter(|f| match table {
                    None => true,
                    Some(t) => {
                        f.severity != Severity::Info
                            && f.cells
                                .first()
                                .and_then(|&c| template.get_cell(c))
                                .is_some_and(|c| c.table == t)
                    }
                })
                .cloned()
                .collect::<Vec<Finding>>()
        })
    };
    // Keyed by the whole finding: a keystroke re-renders only what changed.
    view! {
        <ul class="findings">
            <For each=items key=|f: &Finding| f.clone() children=|finding| view! { <FindingItem finding=finding/> }/>
        </ul>
    }
}

/// The panel beside the form: counts and every finding, errors first.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tally = Memo::new(move |_| state.shown.with(|f| crate::rules::tally(f)));
    let blanks = Memo::new(move |_| {
        state
            .findings
            .with(|f| f.iter().filter(|f| f.blank).count())
    });
    let completeness = state.completeness;
    view! {
        <section class="findings-panel" data-findings="">
            <h2>"核对结果"</h2>
            <p class="tally">
                {move || {
                    let (e, w, i) = tally.get();
                    if e + w + i == 0 {
                        "已填内容的勾稽关系均成立，未发现问题。".to_owned()
                    } else {
                        format!("错误 {e} 项 · 提醒 {w} 项 · 提示 {i} 项")
                    }
                }}
            </p>
            <p class="completeness">
                {move || match (completeness.get(), blanks.get()) {
                    (false, _) => "填写中：未填的单元格和段落不在此列出，各表上方显示填写进度。".to_owned(),
                    (true, 0) => "已检查是否填完：没有未填的内容。".to_owned(),
                    (true, n) => format!("已检查是否填完：以下含 {n} 项未填内容。"),
                }}
                <button type="button" data-action="completeness"
                    on:click=move |_| completeness.update(|c| *c = !*c)>
                    {move || if completeness.get() { "只看错误和提醒" } else { "检查是否填完" }}
                </button>
            </p>
            <button type="button" class="autosum" data-action="autosum" on:click=move |_| state.fill_totals()>
                "自动合计"
            </button>
            {move || state.previous.with(|p| p.as_ref().map(|p| {
                let label = format!("已与上一年度报告（{}）比对", p.year.map_or("年度未知".into(), |y| format!("{y}年")));
                view! {
                    <p class="previous">{label}
                        <button type="button" on:click=move |_| state.previous.set(None)>"取消比对"</button>
                    </p>
                }
            }))}
            <FindingList table=None/>
        </section>
    }
}
