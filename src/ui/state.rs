//! The one piece of app state, provided as context. Signals hold plain core
//! types; actions are one-liners over `model`.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::import::Imported;
use crate::model::Report;
use crate::rules::{self, Finding, Severity};
use crate::template::CellId;

/// Cells marked by the current findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Named by an error.
    pub error: HashSet<CellId>,
    /// Named by a warning (and no error).
    pub warning: HashSet<CellId>,
    /// Named by a note only (information; still `aria-invalid`, spec §12.4).
    pub info: HashSet<CellId>,
    /// The suspect cells.
    pub suspect: HashSet<CellId>,
}

/// App-wide state.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The report being edited.
    pub report: RwSignal<Report>,
    /// Last year's report, for X1–X3.
    pub previous: RwSignal<Option<Report>>,
    /// The checks, re-run on every change.
    pub findings: Memo<Vec<Finding>>,
    /// Cells to mark.
    pub marks: Memo<Marks>,
    /// What a paste would fill, before it is applied.
    pub preview: RwSignal<Option<Imported>>,
    /// The text in the paste box (emptied once its preview is used or dismissed).
    pub import_text: RwSignal<String>,
    /// A message for the user (saved, restored, failed …).
    pub notice: RwSignal<Option<String>>,
    /// Cells an import filled by the sums rather than where the source put
    /// them: marked until the user edits or confirms them.
    pub inferred: RwSignal<HashSet<CellId>>,
}

impl AppState {
    /// Builds the state around a report.
    pub fn new(report: Report) -> AppState {
        let report = RwSignal::new(report);
        let previous = RwSignal::new(None::<Report>);
        let findings = Memo::new(move |_| {
            previous.with(|prev| report.with(|r| rules::check(r, prev.as_ref())))
        });
        let marks = Memo::new(move |_| {
            findings.with(|fs| {
                let mut m = Marks::default();
                for f in fs {
                    match f.severity {
                        Severity::Error => m.error.extend(f.cells.iter().copied()),
                        Severity::Warning => m.warning.extend(f.cells.iter().copied()),
                        Severity::Info => m.info.extend(f.cells.iter().copied()),
                    }
                    m.suspect.extend(f.suspect);
                }
                m
            })
        });
        AppState {
            report,
            previous,
            findings,
            marks,
            preview: RwSignal::new(None),
            import_text: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            inferred: RwSignal::new(HashSet::new()),
        }
    }

    /// Fills the previewed report's blank cells that the sums say are zeros.
    pub fn preview_blank_zero(self) {
        self.preview.update(|p| {
            if let Some(imported) = p {
                for id in std::mem::take(&mut imported.blank_zero) {
                    imported.report.set_raw(id, "0");
                    imported.inferred.push(id);
                }
                imported.cells_read = imported.report.filled_cells();
            }
        });
    }

    /// The user has checked the inferred cells.
    pub fn confirm_inferred(self) {
        self.inferred.set(HashSet::new());
    }

    /// Fills every total from its parts.
    pub fn fill_totals(self) {
        let mut changed = 0;
        self.report.update(|r| changed = r.fill_totals());
        self.notice.set(Some(if changed == 0 {
            "没有需要自动合计的单元格（各合计已与分项一致，或分项未填全）。".into()
        } else {
            format!("已自动合计 {changed} 个合计单元格。")
        }));
    }

    /// Dismisses the preview and empties the paste box, ready for the next paste.
    pub fn close_preview(self) {
        self.preview.set(None);
        self.import_text.set(String::new());
    }

    /// Applies the previewed import to the form.
    pub fn apply_preview(self) {
        if let Some(imported) = self.preview.get_untracked() {
            let inferred = imported.inferred.len();
            self.report.set(imported.report);
            self.inferred.set(imported.inferred.into_iter().collect());
            self.close_preview();
            self.notice.set(Some(if inferred == 0 {
                "已将粘贴的报告填入表单。".into()
            } else {
                format!("已将粘贴的报告填入表单。其中 {inferred} 个单元格是按合计关系推断的（虚线框），请对照原件核对。")
            }));
        }
    }

    /// Uses the previewed report as last year's: row 二 from its row 四, and X1–X3.
    pub fn preview_as_previous(self) {
        if let Some(imported) = self.preview.get_untracked() {
            let prev = imported.report;
            self.report.update(|r| {
                r.carry_over_from(&prev);
                if r.year.is_none() {
                    r.year = prev.year.map(|y| y + 1);
                }
            });
            self.previous.set(Some(prev));
            self.close_preview();
            self.notice.set(Some(
                "已作为上一年度报告：本年“二、上年结转”已按上年“四、结转下年度继续办理”填入，并与上年数据比对。".into(),
            ));
        }
    }
}
