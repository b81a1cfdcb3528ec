//! Whole-report edits the officer makes in one click: filling the form from
//! a pasted report without wiping what it did not read, and starting this
//! year's draft from last year's report. Each says beforehand what it changes.

use super::{Report, TextKey};
use crate::template::{CellId, Format};

/// The title a report of `agency` for `year` carries when none is given.
///
/// ```
/// use nianbao::model::edit::default_title;
/// assert_eq!(default_title(Some("某区民政局"), Some(2024)), "某区民政局2024年政府信息公开工作年度报告");
/// ```
pub fn default_title(agency: Option<&str>, year: Option<i32>) -> String {
    let year = year.map(|y| format!("{y}年")).unwrap_or_default();
    format!("{}{year}{TITLE_SUFFIX}", agency.unwrap_or_default())
}

/// The fixed end of every report title.
pub const TITLE_SUFFIX: &str = "政府信息公开工作年度报告";

/// A field outside the cells, by its `data-field` / `data-section` id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 机关名称.
    Agency,
    /// 报告年度.
    Year,
    /// 成文日期.
    Date,
    /// 标题.
    Title,
    /// 开头（前言）.
    Preamble,
    /// A text part of 一, 五 or 六.
    Text(TextKey),
}

impl Field {
    /// Every field, in page order.
    pub fn all() -> impl Iterator<Item = Field> {
        [
            Field::Agency,
            Field::Year,
            Field::Date,
            Field::Title,
            Field::Preamble,
        ]
        .into_iter()
        .chain(TextKey::ALL.into_iter().map(Field::Text))
    }

    /// Its page id: `agency`, `year` … or a text's `data-section` id.
    pub fn id(self) -> String {
        match self {
            Field::Agency => "agency".into(),
            Field::Year => "year".into(),
            Field::Date => "date".into(),
            Field::Title => "title".into(),
            Field::Preamble => "preamble".into(),
            Field::Text(key) => key.id(),
        }
    }

    /// Its name in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Field::Agency => "机关名称",
            Field::Year => "报告年度",
            Field::Date => "成文日期",
            Field::Title => "标题",
            Field::Preamble => "开头",
            Field::Text(key) => key.title(),
        }
    }

    /// Its content as text ("" when unset).
    pub fn get(self, r: &Report) -> String {
        match self {
            Field::Agency => r.agency.clone().unwrap_or_default(),
            Field::Year => r.year.map(|y| y.to_string()).unwrap_or_default(),
            Field::Date => r.meta.date.clone(),
            Field::Title => r.meta.title.clone(),
            Field::Preamble => r.meta.preamble.clone(),
            Field::Text(key) => r.text(key).to_owned(),
        }
    }

    fn copy(self, from: &Report, to: &mut Report) {
        match self {
            Field::Agency => to.agency.clone_from(&from.agency),
            Field::Year => to.year = from.year,
            Field::Date => to.meta.date.clone_from(&from.meta.date),
            Field::Title => to.meta.title.clone_from(&from.meta.title),
            Field::Preamble => to.meta.preamble.clone_from(&from.meta.preamble),
            Field::Text(key) => to.set_text(key, from.text(key)),
        }
    }
}

/// What filling the form from a read report changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Fields the read report fills: (field, empty before?).
    pub fields: Vec<(Field, bool)>,
    /// Cells (ids of the read report's format) that held other text.
    pub overwritten: Vec<CellId>,
    /// Cells newly filled.
    pub filled: usize,
    /// Cells of the form the read report does not have in its format, whose
    /// text is kept aside (and comes back on switching back).
    pub format_change: Option<(Format, Format)>,
}

/// "A、B、C、D、E 等": the first five names of a list.
pub fn name_list(names: &[String]) -> String {
    let more = if names.len() > 5 { " 等" } else { "" };
    format!(
        "{}{more}",
        names.iter().take(5).cloned().collect::<Vec<_>>().join("、")
    )
}

impl Changes {
    /// What filling the form changes, in a sentence: fields by name, cells
    /// by count and name.
    pub fn said(&self, t: &crate::template::Template) -> String {
        let mut parts = Vec::new();
        if let Some((from, to)) = self.format_change {
            parts.push(format!("报告格式由{}改为{}", from.notice(), to.notice()));
        }
        let (new, replaced): (Vec<_>, Vec<_>) =
            self.fields.iter().partition(|(_, was_empty)| *was_empty);
        let names = |v: &[&(Field, bool)]| {
            v.iter()
                .map(|(f, _)| f.label())
                .collect::<Vec<_>>()
                .join("、")
        };
        if !new.is_empty() {
            parts.push(format!("填入{}", names(&new)));
        }
        if !replaced.is_empty() {
            parts.push(format!("替换已填写的{}", names(&replaced)));
        }
        if self.filled > 0 {
            parts.push(format!("新填 {} 个单元格", self.filled));
        }
        if !self.overwritten.is_empty() {
            let described: Vec<String> =
                self.overwritten.iter().map(|&id| t.describe(id)).collect();
            parts.push(format!(
                "覆盖 {} 个已填写且不同的单元格：{}",
                described.len(),
                name_list(&described)
            ));
        }
        if parts.is_empty() {
            "“原样填入表单”不会改变当前表单。".to_owned()
        } else {
            format!(
                "“原样填入表单”将{}；没有读到的内容保持原样。",
                parts.join("；")
            )
        }
    }
}

impl Report {
    /// What starting next year's draft from this report does, in plain
    /// words before the click (None without a year).
    pub fn next_year_said(&self) -> Option<String> {
        let (y, n) = self.year.map(|y| (y, y + 1))?;
        let carried = self.next_year().carried_texts().len();
        Some(format!(
            "“以此为上一年度报告，开始编制{n}年度”：机关名称沿用，标题改为{n}年度，报告年度{n}，落款日期留空；\
             前言和{carried}段正文作为起草底稿填入，以黄色标为“上年文字”（改写到与上年不再相似时取消标记）；\
             表三“二、上年结转”取{y}年“四、结转下年度继续办理”的数字；其余数字留空，填写时与{y}年的数字比对\
             （如现行有效件数应等于上年现行有效 + 本年制发 − 本年废止）。当前表单的内容将被替换，可“撤销”。"
        ))
    }

    /// What [`Report::fill_from`] would change.
    pub fn changes_from(&self, read: &Report) -> Changes {
        let mut out = Changes {
            format_change: (read.format != self.format).then_some((self.format, read.format)),
            ..Changes::default()
        };
        for field in Field::all() {
            let (new, old) = (field.get(read), field.get(self));
            if !new.trim().is_empty() && new != old {
                out.fields.push((field, old.trim().is_empty()));
            }
        }
        let here = self.to_format(read.format);
        for id in read.template().ids() {
            let (new, old) = (read.raw(id), here.raw(id));
            if new.trim().is_empty() || new == old {
                continue;
            }
            if old.trim().is_empty() {
                out.filled += 1;
            } else {
                out.overwritten.push(id);
            }
        }
        out
    }

    /// Fills what `read` holds (a pasted report): its non-empty cells and
    /// fields replace the form's; everything it did not read stays as it was.
    /// The form takes `read`'s format.
    ///
    /// ```
    /// use nianbao::model::{Report, edit::Field};
    /// let mut form = Report::default();
    /// form.agency = Some("某局".into());
    /// let t = form.template();
    /// let (a, b) = (t.by_path("t4.review.total").unwrap(), t.by_path("t4.review.upheld").unwrap());
    /// form.set_raw(a, "3");
    /// let mut read = Report::default();
    /// read.set_raw(b, "2");
    /// read.year = Some(2024);
    /// let changes = form.changes_from(&read);
    /// assert_eq!((changes.filled, changes.overwritten.len()), (1, 0));
    /// assert_eq!(changes.fields, vec![(Field::Year, true)]);
    /// form.fill_from(&read);
    /// assert_eq!((form.raw(a), form.raw(b), form.agency.as_deref(), form.year), ("3", "2", Some("某局"), Some(2024)));
    /// ```
    pub fn fill_from(&mut self, read: &Report) {
        if read.format != self.format {
            *self = self.to_format(read.format);
        }
        for field in Field::all() {
            if !field.get(read).trim().is_empty() {
                field.copy(read, self);
            }
        }
        for id in read.template().ids() {
            if !read.raw(id).trim().is_empty() {
                self.set_raw(id, read.raw(id));
            }
        }
        // A draft's 已核实 marks come with it, in place of the form's own
        // marks of the same findings.
        for mark in &read.acknowledged {
            self.put_mark(mark.clone());
        }
    }

    /// Cells of `kept` (an earlier state of this report in `kept`'s format)
    /// come back where this report, now in `kept`'s format, has them empty.
    /// Returns how many came back.
    pub fn restore_cells(&mut self, kept: &Report) -> usize {
        if kept.format != self.format {
            return 0;
        }
        let mut n = 0;
        for id in kept.template().ids() {
            if self.raw(id).trim().is_empty() && !kept.raw(id).trim().is_empty() {
                self.set_raw(id, kept.raw(id));
                n += 1;
            }
        }
        n
    }

    /// Cells with text that [`Report::to_format`] to `format` would drop.
    pub fn cells_lost_in(&self, format: Format) -> usize {
        let (from, to) = (self.template(), crate::template::Template::get(format));
        from.ids()
            .filter(|&id| !self.raw(id).trim().is_empty())
            .filter(|&id| to.by_path(&from.cell(id).path).is_none())
            .count()
    }

    /// The start of next year's draft from this (last year's) report: same
    /// agency, title for year + 1, no date, the texts (and preamble, its
    /// year moved on) as a starting point, 表三 二、上年结转 = this 四、结转下年度,
    /// every other number empty. Always in the current (2021) format.
    ///
    /// ```
    /// use nianbao::model::Report;
    /// let mut last = Report::default();
    /// last.year = Some(2024);
    /// last.agency = Some("某区司法局".into());
    /// last.meta.title = "某区司法局2024年政府信息公开工作年度报告".into();
    /// last.meta.date = "2025年1月20日".into();
    /// let t = last.template();
    /// last.set_raw(t.by_path("t3.carried_forward.total").unwrap(), "4");
    /// last.set_raw(t.by_path("t3.new_received.total").unwrap(), "30");
    /// let next = last.next_year();
    /// assert_eq!(next.year, Some(2025));
    /// assert_eq!(next.meta.title, "某区司法局2025年政府信息公开工作年度报告");
    /// assert_eq!(next.meta.date, "");
    /// assert_eq!(next.raw(t.by_path("t3.carried_over.total").unwrap()), "4");
    /// assert_eq!(next.raw(t.by_path("t3.new_received.total").unwrap()), "");
    /// ```
    pub fn next_year(&self) -> Report {
        let mut next = Report::new(Format::Y2021);
        next.agency.clone_from(&self.agency);
        next.year = self.year.map(|y| y + 1);
        next.meta.title = match (self.year, next.year) {
            (Some(y), Some(n)) if self.meta.title.contains(&format!("{y}年")) => self
                .meta
                .title
                .replace(&format!("{y}年"), &format!("{n}年")),
            _ => default_title(next.agency.as_deref(), next.year),
        };
        next.meta.preamble = match (self.year, next.year) {
            // The statistics period and the report named in it are next year's.
            (Some(y), Some(n)) => self
                .meta
                .preamble
                .replace(&format!("{y}年"), &format!("{n}年")),
            _ => self.meta.preamble.clone(),
        };
        for key in TextKey::ALL {
            next.set_text(key, self.text(key));
        }
        next.carry_over_from(self);
        next
    }

    /// Makes this report follow `previous` (last year's, used for the X
    /// checks): 二、上年结转 from its 四, and the year after its year when
    /// this report has none yet.
    pub fn follow(&mut self, previous: &Report) {
        self.carry_over_from(previous);
        if self.year.is_none() {
            self.year = previous.year.map(|y| y + 1);
        }
    }

    /// The fields of [`Report::next_year`] that are last year's text, to be
    /// rewritten: the preamble and every text part that is not empty.
    pub fn carried_texts(&self) -> Vec<Field> {
        std::iter::once(Field::Preamble)
            .chain(TextKey::ALL.into_iter().map(Field::Text))
            .filter(|f| !f.get(self).trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_from_keeps_what_was_not_read_and_says_what_changes() {
        let mut form = Report {
            agency: Some("甲局".into()),
            ..Report::default()
        };
        form.set_text(TextKey::Problems, "已写的问题");
        let t = form.template();
        let cell = t.by_path("t3.new_received.total").unwrap();
        form.set_raw(cell, "5");
        let mut read = Report {
            agency: Some("乙局".into()),
            ..Report::default()
        };
        read.set_raw(cell, "6");
        let changes = form.changes_from(&read);
        assert_eq!(changes.fields, vec![(Field::Agency, false)]);
        assert_eq!(changes.overwritten, vec![cell]);
        assert_eq!(
            changes.said(t),
            "“原样填入表单”将替换已填写的机关名称；覆盖 1 个已填写且不同的单元格：\
             表三“一、本年新收政府信息公开申请数量”行“总计”列；没有读到的内容保持原样。"
        );
        assert_eq!(
            form.changes_from(&form.clone()).said(t),
            "“原样填入表单”不会改变当前表单。"
        );
        form.fill_from(&read);
        assert_eq!(form.text(TextKey::Problems), "已写的问题");
        assert_eq!(form.raw(cell), "6");
        assert_eq!(form.agency.as_deref(), Some("乙局"));
    }

    #[test]
    fn next_years_draft_is_said_before_the_click() {
        let mut last = Report {
            year: Some(2024),
            ..Report::default()
        };
        assert_eq!(Report::default().next_year_said(), None);
        last.set_text(TextKey::Problems, "问题");
        let said = last.next_year_said().expect("a year");
        assert!(
            said.starts_with("“以此为上一年度报告，开始编制2025年度”"),
            "{said}"
        );
        assert!(said.contains("前言和1段正文作为起草底稿填入"), "{said}");
        assert!(
            said.contains("取2024年“四、结转下年度继续办理”的数字"),
            "{said}"
        );
        let names: Vec<String> = (1..=7).map(|i| i.to_string()).collect();
        assert_eq!(name_list(&names), "1、2、3、4、5 等");
        assert_eq!(name_list(&names[..2]), "1、2");
    }

    #[test]
    fn a_format_round_trip_gives_back_the_cells_with_restore() {
        let mut r = Report::default();
        let t = r.template();
        let only_2021 = t.by_path("t2.normative_doc.in_force").unwrap();
        r.set_raw(only_2021, "12");
        assert_eq!(r.cells_lost_in(Format::Y2019), 1);
        let kept = r.clone();
        let mut back = r.to_format(Format::Y2019).to_format(Format::Y2021);
        assert_eq!(back.raw(only_2021), "");
        assert_eq!(back.restore_cells(&kept), 1);
        assert_eq!(back, kept);
    }

    #[test]
    fn next_year_moves_the_preamble_year_and_lists_the_carried_texts() {
        let mut last = Report {
            year: Some(2023),
            ..Report::default()
        };
        last.meta.preamble = "本报告统计数据从2023年1月1日到2023年12月31日止。".into();
        last.set_text(TextKey::Other, "未收取信息处理费。");
        let next = last.next_year();
        assert_eq!(
            next.meta.preamble,
            "本报告统计数据从2024年1月1日到2024年12月31日止。"
        );
        assert_eq!(
            next.carried_texts(),
            vec![Field::Preamble, Field::Text(TextKey::Other)]
        );
        assert_eq!(next.meta.title, default_title(None, Some(2024)));
    }
}
