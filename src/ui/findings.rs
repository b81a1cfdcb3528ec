//! The findings: the full list beside the form (`data-findings`), and each
//! table's own under it. Clicking a finding focuses its cell; totals offer a
//! one-click "采用计算值".

use leptos::prelude::*;

use super::browser::dom;
use super::state::AppState;
use crate::rules::ack::{self, Mark};
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

/// One finding, with its focus and fix actions. The item stays while the
/// finding's [identity](Finding::identity) stands; its message and fix follow the
/// figures as they change.
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
    let now = {
        let finding = finding.clone();
        let identity = finding.identity();
        Memo::new(move |_| {
            state.shown.with(|fs| {
                let f = fs
                    .iter()
                    .find(|f| f.identity() == identity)
                    .unwrap_or(&finding);
                (f.message.clone(), f.expected)
            })
        })
    };
    let fix = finding.fix.map(|cell| {
        let apply = move |_| {
            if let (_, Some(expected)) = now.get_untracked() {
                state.checkpoint("采用计算值");
                state.report.update(|r| r.set_number(cell, expected));
            }
        };
        view! {
            <button type="button" class="fix" data-fix=template.cell(cell).path.clone() on:click=apply
                hidden=move || now.with(|(_, e)| e.is_none())>
                {move || now.with(|(_, e)| e.map(|e| format!("采用计算值 {e}")))}
            </button>
        }
    });
    // 已核实: the finding as it now stands, its mark, and the reason being written.
    let current = {
        let finding = finding.clone();
        let identity = finding.identity();
        move || {
            state.shown.with_untracked(|fs| {
                fs.iter()
                    .find(|f| f.identity() == identity)
                    .cloned()
                    .unwrap_or_else(|| finding.clone())
            })
        }
    };
    let standing = {
        let current = current.clone();
        Memo::new(move |_| {
            state.shown.track();
            state.report.with(|r| ack::mark(r, &current()))
        })
    };
    let writing = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let confirm = {
        let current = current.clone();
        move |_| {
            let f = current();
            let mut marked = state.report.get_untracked();
            match ack::acknowledge(&mut marked, &f, &reason.get_untracked()) {
                Ok(()) => {
                    state.checkpoint("标记已核实");
                    state.report.set(marked);
                    writing.set(false);
                }
                Err(why) => state.notice.set(Some(why.to_owned())),
            }
        }
    };
    let start = {
        let current = current.clone();
        move |_| {
            if let Some(why) = ack::cannot_mark(&current()) {
                state.notice.set(Some(why.to_owned()));
                return;
            }
            reason.set(String::new());
            writing.set(true);
        }
    };
    let withdraw = move |_| {
        state.checkpoint("撤销已核实");
        state.report.update(|r| ack::withdraw(r, &current()));
    };
    let acknowledgement = view! {
        <span class="ack-said" data-ack-said="" hidden=move || standing.with(|m| *m == Mark::Open)>
            {move || standing.with(Mark::said)}
        </span>
        <button type="button" class="ack" data-ack="" title="情况属实、无需修改时，写明理由后标记为已核实（错误不能标记）"
            hidden=move || writing.get() || standing.with(|m| matches!(m, Mark::Acknowledged(_)))
            on:click=start>"已核实…"</button>
        <button type="button" class="ack" data-ack-withdraw=""
            hidden=move || standing.with(|m| !matches!(m, Mark::Acknowledged(_)))
            on:click=withdraw>"撤销核实"</button>
        <span class="ack-form" hidden=move || !writing.get()>
            <input type="text" data-ack-reason="" placeholder="核实理由，如：本年确未收费"
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            <button type="button" data-ack-confirm="" on:click=confirm>"确定"</button>
            <button type="button" on:click=move |_| writing.set(false)>"取消"</button>
        </span>
    };
    let cells = finding
        .cells
        .iter()
        .map(|&c| template.cell(c).path.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let name = finding.rule.name();
    let short = name.split('：').next().unwrap_or(name);
    let body = view! {
        <span class="badge">{finding.severity.label()}</span>
        <span class="rule" title=format!("{}（{}）", name, finding.rule)>{short}</span>
        <span class="msg">{move || now.with(|(m, _)| m.clone())}</span>
    };
    let body = match focusable {
        true => view! { <button type="button" class="goto" title="定位到单元格" on:click=focus>{body}</button> }.into_any(),
        false => view! { <div class="goto">{body}</div> }.into_any(),
    };
    view! {
        <li class=severity_class(finding.severity) data-rule=finding.rule.id() data-severity=finding.severity.as_str() data-cells=cells
            class:acknowledged=move || standing.with(|m| matches!(m, Mark::Acknowledged(_)))
            data-acknowledged=move || standing.with(|m| matches!(m, Mark::Acknowledged(_))).then_some("")>
            {body}
            {fix}
            {acknowledgement}
        </li>
    }
}

/// Where a finding belongs on the page, for grouping the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// 机关名称, 年度, 标题, 落款.
    Meta,
    /// A table.
    Table(TableId),
    /// The text parts.
    Texts,
    /// The report as a whole.
    Other,
}

impl Group {
    fn of(f: &Finding, template: &crate::template::Template) -> Group {
        use crate::model::edit::Field;
        if let Some(cell) = f.cells.first().and_then(|&c| template.get_cell(c)) {
            return Group::Table(cell.table);
        }
        match f.field {
            Some(Field::Text(_) | Field::Preamble) => Group::Texts,
            Some(_) => Group::Meta,
            None if f.rule.family() == crate::rules::Family::Text
                || matches!(f.rule, crate::rules::Rule::M4 | crate::rules::Rule::M5) =>
            {
                Group::Texts
            }
            None => Group::Other,
        }
    }

    /// Page order.
    fn rank(self) -> usize {
        match self {
            Group::Meta => 0,
            Group::Table(TableId::T2) => 1,
            Group::Table(TableId::T3) => 2,
            Group::Table(_) => 3,
            Group::Texts => 4,
            Group::Other => 5,
        }
    }

    fn title(self) -> String {
        match self {
            Group::Meta => "标题、年度和落款".into(),
            Group::Table(t) => t.name().into(),
            Group::Texts => "正文".into(),
            Group::Other => "整份报告".into(),
        }
    }
}

/// Findings about one table (errors and warnings), or of one group.
#[component]
pub fn FindingList(
    /// Only findings naming a cell of this table (no notes); None for all.
    #[prop(optional)]
    table: Option<TableId>,
    /// Only the findings of this group.
    #[prop(optional)]
    group: Option<Group>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        let template = Template::get(state.format.get());
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
                .filter(|f| group.is_none_or(|g| Group::of(f, template) == g))
                .cloned()
                .collect::<Vec<Finding>>()
        })
    };
    // Keyed by what the finding is about: a keystroke that changes only its
    // figures updates its text in place.
    view! {
        <ul class="findings">
            <For each=items key=Finding::identity
                children=|finding| view! { <FindingItem finding=finding/> }/>
        </ul>
    }
}

/// The findings grouped by the part of the report they concern, the group
/// with the most serious finding first.
#[component]
fn GroupedFindings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let groups = Memo::new(move |_| {
        let template = Template::get(state.format.get());
        state.shown.with(|fs| {
            let mut groups: Vec<(Severity, Group)> = Vec::new();
            for f in fs {
                let g = Group::of(f, template);
                match groups.iter_mut().find(|(_, x)| *x == g) {
                    Some((s, _)) => *s = (*s).min(f.severity),
                    None => groups.push((f.severity, g)),
                }
            }
            crate::sort::by_key(&mut groups, |(s, g)| (*s, g.rank()));
            groups.into_iter().map(|(_, g)| g).collect::<Vec<Group>>()
        })
    });
    view! {
        <For each=move || groups.get() key=|g: &Group| *g children=|g| view! {
            <div class="finding-group" data-group=g.title()>
                <h3>{g.title()}</h3>
                <FindingList group=g/>
            </div>
        }/>
    }
}

/// What each rule's code means.
#[component]
fn Legend() -> impl IntoView {
    let rows = crate::rules::Rule::ALL
        .iter()
        .map(|rule| view! { <dt>{rule.id()}</dt><dd>{rule.name()}</dd> })
        .collect_view();
    view! {
        <details class="legend" data-legend="">
            <summary>"各类问题的说明"</summary>
            <dl>{rows}</dl>
        </details>
    }
}

/// The panel beside the form: counts and every finding, errors first.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Counted: the findings still open; those marked 已核实 apart.
    let tally = Memo::new(move |_| {
        state.shown.with(|fs| {
            state.report.with(|r| {
                let (open, acked): (Vec<&Finding>, Vec<&Finding>) =
                    fs.iter().partition(|f| ack::mark(r, f).is_open());
                (crate::rules::tally(open), acked.len())
            })
        })
    });
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
                    let ((e, w, i), acked) = tally.get();
                    let acked = match acked {
                        0 => String::new(),
                        n => format!("（另有 {n} 项已核实）"),
                    };
                    if e + w + i == 0 {
                        format!("已填内容的勾稽关系均成立，未发现问题。{acked}")
                    } else {
                        format!("错误 {e} 项 · 提醒 {w} 项 · 提示 {i} 项{acked}")
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
            <GroupedFindings/>
            <Legend/>
        </section>
    }
}
