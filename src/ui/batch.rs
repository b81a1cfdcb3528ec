//! `<BatchTable/>`: many reports dropped at once, checked together (a
//! supervising office's view): one row each, the same table as `nianbao
//! check`, chains of one agency's years compared (X1–X5); a report of which nothing
//! could be read is shown as 未能读取, never charged. A row opens that
//! report's findings; "打开" previews it for the form.

use leptos::prelude::*;

use super::browser::{download, storage};
use super::state::AppState;
use crate::import::Imported;
use crate::model::Report;
use crate::render::Rendered;
use crate::rules::batch::{check_all, csv, summary_row, Checked, COLUMNS};

/// Reports read from dropped or chosen files.
#[derive(Clone)]
pub struct Batch {
    /// (file name, report), in the order given.
    pub reports: Vec<(String, Report)>,
    /// Their checks, same order.
    pub checked: Vec<Checked>,
    /// Files that could not be read, with the reason.
    pub failed: Vec<String>,
}

impl Batch {
    /// Checks the reports together.
    pub fn new(reports: Vec<(String, Report)>, failed: Vec<String>) -> Batch {
        let only: Vec<Report> = reports.iter().map(|(_, r)| r.clone()).collect();
        let checked = check_all(&only);
        Batch {
            reports,
            checked,
            failed,
        }
    }
}

/// The items at `chosen`, in order.
fn pick<T: Clone>(all: &[T], chosen: &[usize]) -> Vec<T> {
    chosen.iter().filter_map(|&i| all.get(i).cloned()).collect()
}

#[component]
pub fn BatchTable(
    /// The batch to show.
    batch: Batch,
    /// Closes the batch.
    on_close: Callback<()>,
    /// Steps aside while one report is previewed (the batch stays, to come back to).
    on_open: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(None::<usize>);
    let with_errors = batch.checked.iter().filter(|c| c.counts.0 > 0).count();
    let unreadable = match batch.checked.iter().filter(|c| !c.readable()).count() {
        0 => String::new(),
        n => format!("，{n} 份未能读取（未作核对）"),
    };
    let title = format!(
        "批量核对：{} 份报告，{with_errors} 份有错误{unreadable}",
        batch.reports.len()
    );
    let names: Vec<String> = batch.reports.iter().map(|(n, _)| n.clone()).collect();
    let summary: Vec<crate::rules::batch::SummaryRow> = batch
        .reports
        .iter()
        .zip(&batch.checked)
        .map(|((name, report), checked)| {
            let previous = checked.previous.map_or("", |p| names[p].as_str());
            summary_row(name, report, checked, previous)
        })
        .collect();
    // 汇总: the reports of one year summed into the form; the cells some
    // reports left empty marked until checked.
    // Only the ticked rows (all, at first) are summed.
    let picked = RwSignal::new(vec![true; batch.reports.len()]);
    let sum_picked = {
        let reports: Vec<Report> = batch.reports.iter().map(|(_, r)| r.clone()).collect();
        let readable: Vec<bool> = batch.checked.iter().map(Checked::readable).collect();
        let names = names.clone();
        move |_| {
            let chosen: Vec<usize> = picked.with_untracked(|p| {
                (0..p.len())
                    .filter(|&i| p.get(i).copied().unwrap_or(false))
                    .collect()
            });
            if chosen.is_empty() {
                state.notice.set(Some("请先勾选要汇总的报告。".to_owned()));
                return;
            }
            let summed =
                crate::model::sum::sum(&pick(&reports, &chosen), &pick(&readable, &chosen));
            let unchecked = summed.lacking.iter().map(|(c, _)| *c).collect();
            let mut said = summed.said(&pick(&names, &chosen));
            let unpicked = reports.len() - chosen.len();
            if unpicked > 0 {
                said.push_str(&format!("另有 {unpicked} 份未勾选，未参与汇总。"));
            }
            state.notice.set(Some(said));
            state.start_over("汇总", summed.report, unchecked);
        }
    };
    // The parent-vs-children check: the row marked as the parent against
    // the sum of the other readable rows, unless the user said it reports
    // its own 本级 only (remembered per agency).
    let parent = RwSignal::new(None::<usize>);
    let own_level_only = RwSignal::new(false);
    let hierarchy = {
        let reports: Vec<Report> = batch.reports.iter().map(|(_, r)| r.clone()).collect();
        let readable: Vec<bool> = batch.checked.iter().map(Checked::readable).collect();
        let names = names.clone();
        move || {
            let p = parent.get()?;
            let report = reports.get(p)?;
            let agency = report.agency.clone().unwrap_or_default();
            let children: Vec<&Report> = reports
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != p && readable.get(i).copied().unwrap_or(false))
                .map(|(_, r)| r)
                .collect();
            let (compared, findings) =
                crate::rules::hierarchy::parent_vs_children(report, &children);
            let off = own_level_only.get();
            let heading = format!(
                "上级报告“{}”与 {} 份下级报告的合计逐格比对{}",
                names.get(p).map_or("", String::as_str),
                compared.len(),
                if off {
                    "：已关闭（该报告只含本级数字）"
                } else if findings.is_empty() {
                    "：各单元格均一致"
                } else {
                    ""
                }
            );
            let items = (!off).then(|| {
                findings
                    .into_iter()
                    .map(|f| view! { <li class=format!("note {}", f.severity.as_str()) data-rule=f.rule.id()>{f.line()}</li> })
                    .collect_view()
            });
            let remember = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                storage::set_own_level_only(&agency, on);
                own_level_only.set(on);
            };
            Some(view! {
                <div class="batch-hierarchy" data-batch-hierarchy="">
                    <h4>{heading}</h4>
                    <label>
                        <input type="checkbox" data-batch-own-level="" prop:checked=off on:change=remember/>
                        "该报告只含本级数字，不与下级合计比对（记住此选择）"
                    </label>
                    <ul class="notes">{items}</ul>
                </div>
            })
        }
    };
    // The 问题清单: every report's findings, a sheet per agency, written in
    // the office worker.
    let issues = {
        let message = crate::rules::issues::batch_message(&batch.reports, &batch.failed);
        move |word: bool| {
            let message = message.clone();
            move |_| {
                let message = message.clone();
                leptos::task::spawn_local(async move {
                    if let Err(why) = super::browser::extras::download_issues(message, word).await {
                        state.notice.set(Some(why));
                    }
                });
            }
        }
    };
    let csv_file = Rendered {
        filename: "年报批量核对汇总.csv".to_owned(),
        mime: "text/csv;charset=utf-8",
        bytes: csv(&summary).into_bytes(),
    };
    let rows = batch
        .reports
        .iter()
        .zip(batch.checked.iter())
        .enumerate()
        .map(|(i, ((name, report), checked))| {
            let previous = checked.previous.map_or("", |p| names[p].as_str());
            let cells = summary_row(name, report, checked, previous)
                .into_iter()
                .map(|text| view! { <td>{text}</td> })
                .collect_view();
            let findings = checked
                .findings
                .iter()
                .zip(&checked.marks)
                .zip(checked.lines())
                .map(|((f, m), line)| {
                    let class = if m.is_open() { format!("note {}", f.severity.as_str()) } else { "note acknowledged".to_owned() };
                    view! { <li class=class data-rule=f.rule.id()>{line}</li> }
                })
                .collect_view();
            let row_class = if !checked.readable() {
                "unreadable"
            } else if checked.counts.0 > 0 {
                "has-errors"
            } else {
                ""
            };
            let cells_read = checked.cells_read;
            let agency = report.agency.clone().unwrap_or_default();
            let mark_parent = move |_| {
                let marked = parent.get_untracked() != Some(i);
                own_level_only.set(marked && storage::own_level_only(&agency));
                parent.set(marked.then_some(i));
            };
            let report = report.clone();
            let load = move |_| {
                state.preview.set(Some(Imported::from_report(report.clone())));
                on_open.run(());
            };
            let tick = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                picked.update(|p| {
                    if let Some(x) = p.get_mut(i) {
                        *x = on;
                    }
                });
            };
            view! {
                <tr data-batch-row=name.clone() data-cells-read=cells_read class=row_class>
                    <td><input type="checkbox" data-batch-pick="" title="勾选的报告参与汇总" prop:checked=move || picked.with(|p| p.get(i).copied().unwrap_or(false)) on:change=tick/></td>
                    {cells}
                    <td>
                        <button type="button" data-batch-open="" on:click=move |_| open.update(|o| *o = if *o == Some(i) { None } else { Some(i) })>"查看问题"</button>
                        <button type="button" data-batch-load="" on:click=load>"打开"</button>
                        <button type="button" data-batch-parent="" title="把这份报告作为上级（本地区）报告，与其余报告的合计逐格比对" aria-pressed=move || (parent.get() == Some(i)).to_string() on:click=mark_parent>
                            {move || if parent.get() == Some(i) { "取消上级" } else { "设为上级" }}
                        </button>
                    </td>
                </tr>
                <tr class="batch-findings" style:display=move || if open.get() == Some(i) { "" } else { "none" }>
                    <td colspan="12"><ul class="notes">{findings}</ul></td>
                </tr>
            }
        })
        .collect_view();
    let failed = batch
        .failed
        .iter()
        .map(|f| view! { <li class="note warning">{f.clone()}</li> })
        .collect_view();
    view! {
        <div class="batch" data-batch="">
            <h3>{title}</h3>
            <ul class="notes">{failed}</ul>
            <div class="table-wrap">
                <table class="batch-table">
                    <thead><tr><th title="勾选的报告参与汇总">"汇总"</th>{COLUMNS.map(|c| view! { <th>{c}</th> }).collect_view()}<th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {hierarchy}
            <button type="button" data-batch-csv="" on:click=move |_| {
                if let Err(why) = download::offer(&csv_file) {
                    state.notice.set(Some(why.to_owned()));
                }
            }>"导出汇总表（CSV，可用 Excel 打开）"</button>
            <button type="button" data-batch-issues="" title="每份报告的全部问题（单元格、填报值、应为、说明），每个机关一个工作表，可附在整改通知后" on:click=issues(false)>"下载问题清单（Excel）"</button>
            <button type="button" data-batch-issues-word="" title="同一问题清单的 Word 版本，可直接附在整改通知后" on:click=issues(true)>"下载问题清单（Word）"</button>
            <button type="button" data-batch-sum="" title="勾选的报告中同一年度、同一格式的逐格相加，作为新的草稿填入表单" on:click=sum_picked>"汇总勾选的报告"</button>
            <button type="button" on:click=move |_| on_close.run(())>"关闭批量核对"</button>
        </div>
    }
}
