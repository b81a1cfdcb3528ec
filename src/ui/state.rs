//! The one piece of app state, provided as context. Signals hold plain core
//! types; actions are one-liners over `model`.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::import::Imported;
use crate::model::Value;
use crate::model::{edit::Field, Report};
use crate::rules::{self, Finding, Severity};
use crate::template::{CellId, Format, Template};

/// How many bulk actions can be undone.
const UNDO_DEPTH: usize = 20;

/// The state before a bulk action, to undo it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// What the action was, e.g. "填入表单".
    pub action: &'static str,
    report: Report,
    previous: Option<Report>,
    inferred: HashSet<CellId>,
    last_year: HashSet<Field>,
}

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
    /// Totals a click sets to their computed value, with that value.
    pub fix: HashMap<CellId, i64>,
    /// Why a cell is marked: the first finding naming it.
    pub why: HashMap<CellId, String>,
}

/// What one cell shows: its text, and the marks and messages on it. Kept
/// per cell so that a keystroke touches only the cells whose view changed
/// (issue 18): one pass compares every cell's new view with its last one.
#[derive(Debug, Clone, Default)]
pub struct CellView {
    /// The text as typed.
    pub raw: String,
    /// Why the text is not an acceptable value.
    pub problem: Option<&'static str>,
    /// The CSS class of its mark ("cell", "cell error", …).
    pub mark: &'static str,
    /// Filled by the sums at import, not yet confirmed.
    pub inferred: bool,
    /// The computed value a click sets this total to.
    pub fix: Option<i64>,
    /// Why the cell is marked.
    pub why: Option<String>,
    /// Last year's figure, while drafting from it.
    pub last_year: Option<String>,
}

/// A cell's view as borrowed from the state, compared with the kept
/// [`CellView`] without allocating, and made owned only when it changed.
#[derive(PartialEq)]
struct CellLook<'a> {
    raw: &'a str,
    problem: Option<&'static str>,
    mark: &'static str,
    inferred: bool,
    fix: Option<i64>,
    why: Option<&'a str>,
    last_year: Option<&'a str>,
}

impl<'a> CellLook<'a> {
    fn of(
        id: CellId,
        report: &'a Report,
        marks: &'a Marks,
        inferred: &HashSet<CellId>,
        previous: Option<&'a Report>,
    ) -> CellLook<'a> {
        let mark = if marks.suspect.contains(&id) {
            "cell suspect"
        } else if marks.error.contains(&id) {
            "cell error"
        } else if marks.warning.contains(&id) {
            "cell warning"
        } else if marks.info.contains(&id) {
            "cell info"
        } else {
            "cell"
        };
        let last_year = previous.and_then(|p| {
            let at = if p.format == report.format {
                id
            } else {
                p.template()
                    .by_path(&report.template().get_cell(id)?.path)?
            };
            Some(p.raw(at).trim()).filter(|raw| !raw.is_empty())
        });
        CellLook {
            raw: report.raw(id),
            problem: match report.value(id) {
                Value::Invalid(reason) => Some(rules::message::reason(reason)),
                _ => None,
            },
            mark,
            inferred: inferred.contains(&id),
            fix: marks.fix.get(&id).copied(),
            why: marks.why.get(&id).map(String::as_str),
            last_year,
        }
    }

    fn shows(&self, view: &CellView) -> bool {
        *self
            == CellLook {
                raw: &view.raw,
                problem: view.problem,
                mark: view.mark,
                inferred: view.inferred,
                fix: view.fix,
                why: view.why.as_deref(),
                last_year: view.last_year.as_deref(),
            }
    }

    fn owned(&self) -> CellView {
        CellView {
            raw: self.raw.to_owned(),
            problem: self.problem,
            mark: self.mark,
            inferred: self.inferred,
            fix: self.fix,
            why: self.why.map(str::to_owned),
            last_year: self.last_year.map(str::to_owned),
        }
    }
}

/// App-wide state.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The report being edited.
    pub report: RwSignal<Report>,
    /// Its format: what depends only on the template follows this, not
    /// every keystroke.
    pub format: Memo<Format>,
    /// Last year's report, for X1–X3.
    pub previous: RwSignal<Option<Report>>,
    /// The checks, re-run on every change.
    pub findings: Memo<Vec<Finding>>,
    /// Whether blanks are listed (the user asked 检查是否填完, or downloads).
    /// While the form is being filled, blanks are progress, not faults.
    pub completeness: RwSignal<bool>,
    /// The findings shown: all of them, or those not about blanks.
    pub shown: Memo<Vec<Finding>>,
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
    /// Texts carried from last year's report, marked until edited.
    pub last_year: RwSignal<HashSet<Field>>,
    /// Bulk actions that can be undone, the latest last.
    pub undo: RwSignal<Vec<Snapshot>>,
    /// Undone actions that can be redone, the latest last; emptied by a new action.
    pub redo: RwSignal<Vec<Snapshot>>,
    /// The report as it was before a format switch, so that switching back
    /// gives back the cells the other format has no place for.
    pub before_switch: RwSignal<Option<Report>>,
    /// Each cell's view, by cell index (enough for either format).
    cells: StoredValue<Vec<RwSignal<CellView>>>,
}

impl AppState {
    /// Builds the state around a report.
    pub fn new(report: Report) -> AppState {
        let report = RwSignal::new(report);
        let previous = RwSignal::new(None::<Report>);
        let findings = Memo::new(move |_| {
            previous.with(|prev| report.with(|r| rules::check(r, prev.as_ref())))
        });
        let completeness = RwSignal::new(false);
        let shown = Memo::new(move |_| {
            let all = completeness.get();
            findings.with(|fs| fs.iter().filter(|f| all || !f.blank).cloned().collect())
        });
        let marks = Memo::new(move |_| {
            shown.with(|fs: &Vec<Finding>| {
                let mut m = Marks::default();
                // A finding marked 已核实 marks no cell.
                let open = |f: &Finding| report.with(|r| rules::ack::mark(r, f).is_open());
                for f in fs.iter().filter(|f| open(f)) {
                    match f.severity {
                        Severity::Error => m.error.extend(f.cells.iter().copied()),
                        Severity::Warning => m.warning.extend(f.cells.iter().copied()),
                        Severity::Info => m.info.extend(f.cells.iter().copied()),
                    }
                    m.suspect.extend(f.suspect);
                    for &c in &f.cells {
                        m.why.entry(c).or_insert_with(|| f.message.clone());
                    }
                    if let (Some(cell), Some(expected)) = (f.fix, f.expected) {
                        m.fix.entry(cell).or_insert(expected);
                    }
                }
                m
            })
        });
        AppState {
            report,
            format: Memo::new(move |_| report.with(|r| r.format)),
            previous,
            findings,
            completeness,
            shown,
            marks,
            preview: RwSignal::new(None),
            import_text: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            inferred: RwSignal::new(HashSet::new()),
            last_year: RwSignal::new(HashSet::new()),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            before_switch: RwSignal::new(None),
            cells: StoredValue::new(
                (0..[Format::Y2021, Format::Y2019]
                    .map(|f| Template::get(f).ids().count())
                    .into_iter()
                    .max()
                    .unwrap_or_default())
                    .map(|_| RwSignal::new(CellView::default()))
                    .collect(),
            ),
        }
    }

    /// One cell's view.
    pub fn cell(self, id: CellId) -> RwSignal<CellView> {
        self.cells.with_value(|c| c[id.index()])
    }

    /// Brings every cell's view up to date, setting only those that changed.
    /// Run by one effect in place of a handful of memos per cell: a keystroke
    /// then wakes the typed cell and the cells whose marks moved, nothing else.
    pub fn sync_cells(self) {
        self.report.with(|r| {
            self.marks.with(|m| {
                self.inferred.with(|inf| {
                    self.previous.with(|p| {
                        self.cells.with_value(|cells| {
                            for (id, cell) in r.template().ids().zip(cells) {
                                let look = CellLook::of(id, r, m, inf, p.as_ref());
                                if !cell.with_untracked(|v| look.shows(v)) {
                                    cell.set(look.owned());
                                }
                            }
                        })
                    })
                })
            })
        });
    }

    /// The state now, as a snapshot named after an action.
    fn snapshot(self, action: &'static str) -> Snapshot {
        Snapshot {
            action,
            report: self.report.get_untracked(),
            previous: self.previous.get_untracked(),
            inferred: self.inferred.get_untracked(),
            last_year: self.last_year.get_untracked(),
        }
    }

    fn restore(self, s: Snapshot) {
        self.report.set(s.report);
        self.previous.set(s.previous);
        self.inferred.set(s.inferred);
        self.last_year.set(s.last_year);
    }

    /// Keeps the state before a bulk action, to undo it.
    pub fn checkpoint(self, action: &'static str) {
        let snapshot = self.snapshot(action);
        self.undo.update(|stack| {
            stack.push(snapshot);
            if stack.len() > UNDO_DEPTH {
                stack.remove(0);
            }
        });
        if self.redo.with_untracked(|r| !r.is_empty()) {
            self.redo.set(Vec::new());
        }
    }

    /// Replaces the draft by a new one (`action`, undoable): no last year's
    /// report or texts, nothing kept from a format switch, `unchecked` the
    /// cells to mark until checked.
    pub fn start_over(self, action: &'static str, report: Report, unchecked: HashSet<CellId>) {
        self.checkpoint(action);
        self.previous.set(None);
        self.last_year.set(HashSet::new());
        self.before_switch.set(None);
        self.inferred.set(unchecked);
        self.report.set(report);
    }

    /// Restores the latest snapshot of `from`, keeping the state it replaces
    /// on `to`: the action's name, or None when `from` is empty.
    fn replay(
        self,
        from: RwSignal<Vec<Snapshot>>,
        to: RwSignal<Vec<Snapshot>>,
    ) -> Option<&'static str> {
        let s = from.try_update(Vec::pop).flatten()?;
        let action = s.action;
        to.update(|t| t.push(self.snapshot(action)));
        self.restore(s);
        Some(action)
    }

    /// Undoes the latest bulk action (it can be redone).
    pub fn undo(self) {
        self.notice
            .set(Some(match self.replay(self.undo, self.redo) {
                Some(action) => format!("已撤销“{action}”（Ctrl+Y 恢复）。"),
                None => "没有可以撤销的操作。".into(),
            }));
    }

    /// Redoes the latest undone action.
    pub fn redo(self) {
        self.notice
            .set(Some(match self.replay(self.redo, self.undo) {
                Some(action) => format!("已恢复“{action}”。"),
                None => "没有可以恢复的操作。".into(),
            }));
    }

    /// A text field was edited: it is last year's text no more once it is
    /// no longer like last year's (the measure of X5), whatever was typed.
    pub fn edited(self, field: Field) {
        if !self.last_year.with_untracked(|l| l.contains(&field)) {
            return;
        }
        let this = self.report.with_untracked(|r| field.get(r));
        let still = self.previous.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|p| rules::still_last_years(&this, &field.get(p)))
        });
        if !still {
            self.last_year.update(|l| {
                l.remove(&field);
            });
        }
    }

    /// The parts still (nearly) last year's words: marked as carried over
    /// and not yet rewritten, or flagged by X5. In page order.
    pub fn still_last_years(self) -> Vec<Field> {
        let mut fields: Vec<Field> = self.last_year.get_untracked().into_iter().collect();
        self.findings.with_untracked(|fs| {
            fields.extend(
                fs.iter()
                    .filter(|f| f.rule == rules::Rule::X5)
                    .filter_map(|f| f.field),
            );
        });
        let order: Vec<Field> = Field::all().collect();
        crate::sort::by_key(&mut fields, |f| order.iter().position(|o| o == f));
        fields.dedup();
        fields
    }

    /// Switches the report's format. Cells the new format has no place for
    /// are kept aside and come back on switching back; the switch can be undone.
    pub fn switch_format(self, format: Format) {
        let current = self.report.get_untracked();
        if current.format == format {
            return;
        }
        let lost = current.cells_lost_in(format);
        self.checkpoint("切换报告格式");
        let mut next = current.to_format(format);
        let back = self
            .before_switch
            .get_untracked()
            .map_or(0, |kept| next.restore_cells(&kept));
        self.before_switch.set(Some(current));
        self.report.set(next);
        self.notice.set(Some(match (lost, back) {
            (0, 0) => format!("已切换为{}。", format.notice()),
            (0, b) => format!("已切换为{}，并恢复了切换前保留的 {b} 个单元格。", format.notice()),
            (l, _) => format!(
                "已切换为{}。原格式中有 {l} 个单元格在此格式中没有对应位置，已保留：切换回原格式即恢复（也可“撤销”）。",
                format.notice()
            ),
        }));
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
        self.checkpoint("自动合计");
        let mut changed = 0;
        self.report.update(|r| changed = r.fill_totals());
        if changed == 0 {
            self.undo.update(|u| {
                u.pop();
            });
        }
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

    /// Applies the previewed import to the form: what it read replaces the
    /// form's; everything it did not read stays.
    pub fn apply_preview(self) {
        let Some(imported) = self.preview.get_untracked() else {
            return;
        };
        self.checkpoint("填入表单");
        let changes = self
            .report
            .with_untracked(|r| r.changes_from(&imported.report));
        let inferred = imported.inferred.len();
        if changes.format_change.is_some() {
            // Cells the pasted report's format has no place for come back on switching back.
            self.before_switch.set(Some(self.report.get_untracked()));
        }
        self.report.update(|r| r.fill_from(&imported.report));
        self.inferred.update(|s| s.extend(imported.inferred));
        self.last_year
            .update(|l| l.retain(|f| !changes.fields.iter().any(|(c, _)| c == f)));
        self.close_preview();
        let mut msg = format!(
            "已填入表单：{} 个单元格新填，{} 个单元格被替换，{} 项文字或信息更新；未读到的内容保持原样（可“撤销”）。",
            changes.filled,
            changes.overwritten.len(),
            changes.fields.len()
        );
        if inferred > 0 {
            msg.push_str(&format!(
                "其中 {inferred} 个单元格是按合计关系推断的（虚线框），请对照原件核对。"
            ));
        }
        self.notice.set(Some(msg));
    }

    /// Starts this year's draft from the previewed report as last year's
    /// (see [`Report::next_year`]); last year's texts stay marked until edited.
    pub fn start_next_year(self) {
        let Some(imported) = self.preview.get_untracked() else {
            return;
        };
        self.checkpoint("开始编制下一年度");
        let last = imported.report;
        let next = last.next_year();
        self.last_year
            .set(next.carried_texts().into_iter().collect());
        self.inferred.set(HashSet::new());
        self.before_switch.set(None);
        self.report.set(next);
        self.previous.set(Some(last));
        self.close_preview();
        let t = self.report.with_untracked(|r| r.template());
        self.notice.set(Some(rules::message::next_year_started(t)));
    }

    /// Uses the previewed report as last year's: row 二 from its row 四, and X1–X3.
    pub fn preview_as_previous(self) {
        if let Some(imported) = self.preview.get_untracked() {
            self.checkpoint("作为上一年度报告");
            let prev = imported.report;
            self.report.update(|r| r.follow(&prev));
            self.previous.set(Some(prev));
            self.close_preview();
            let t = self.report.with_untracked(|r| r.template());
            self.notice.set(Some(rules::message::followed(t)));
        }
    }
}
