//! The report being edited: plain data, no signals, no IO.
//!
//! A cell keeps the raw text the user typed or the importer read; its
//! meaning is derived on demand by [`number::read`], so nothing typed is
//! ever lost, even when it is not a number.

pub mod ack;
pub mod edit;
pub mod json;
pub mod number;
pub mod outline;
pub mod prose;
pub mod sum;

use crate::template::{
    table3::Role, CellId, Format, Section, SectionKind, Template, SECTIONS, TOPICS,
};
pub use number::Value;

/// A free-text part of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextKey {
    /// The opening of 一、总体情况 (before any topic).
    Overview,
    /// One of the five topics of section 一 (index into [`TOPICS`]).
    Topic(usize),
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    Other,
}

impl TextKey {
    /// All text parts, in report order.
    pub const ALL: [TextKey; 8] = [
        TextKey::Overview,
        TextKey::Topic(0),
        TextKey::Topic(1),
        TextKey::Topic(2),
        TextKey::Topic(3),
        TextKey::Topic(4),
        TextKey::Problems,
        TextKey::Other,
    ];

    /// The `data-section` id: `s1_overview`, `s1_overview.proactive`, `s5_problems` …
    pub fn id(self) -> String {
        match self {
            TextKey::Topic(i) => format!("{}.{}", SECTIONS[0].id, TOPICS[i.min(4)].id),
            _ => self.section().id.to_owned(),
        }
    }

    /// The section the part belongs to.
    pub fn section(self) -> &'static Section {
        &SECTIONS[match self {
            TextKey::Overview | TextKey::Topic(_) => 0,
            TextKey::Problems => 4,
            TextKey::Other => 5,
        }]
    }

    /// The text part of a [`SectionKind::Text`] section (五, 六); for
    /// 一 its opening.
    pub fn of(section: &Section) -> Option<TextKey> {
        [TextKey::Overview, TextKey::Problems, TextKey::Other]
            .into_iter()
            .find(|k| k.section().id == section.id)
    }

    /// The heading the part stands under: a section title, or a topic of 一.
    pub fn title(self) -> &'static str {
        match self {
            TextKey::Topic(i) => TOPICS[i.min(4)].title,
            _ => self.section().title,
        }
    }

    fn slot(self) -> usize {
        match self {
            TextKey::Overview => 0,
            TextKey::Topic(i) => 1 + i.min(4),
            TextKey::Problems => 6,
            TextKey::Other => 7,
        }
    }
}

/// Everything outside the six sections that a published report carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Document title, e.g. "XX局2023年政府信息公开工作年度报告".
    pub title: String,
    /// The opening paragraph(s) before 一、总体情况.
    pub preamble: String,
    /// The date under the signature, e.g. "2024年1月20日".
    pub date: String,
}

/// One annual report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Official format; decides the cell set.
    pub format: Format,
    /// 报告年度 N.
    pub year: Option<i32>,
    /// The reporting agency.
    pub agency: Option<String>,
    /// Title, preamble, signature date.
    pub meta: Meta,
    /// Findings the officer marked 已核实, with why.
    pub acknowledged: Vec<ack::Acknowledged>,
    texts: [String; 8],
    cells: Vec<String>,
}

impl Default for Report {
    fn default() -> Self {
        Report::new(Format::Y2021)
    }
}

impl Report {
    /// An empty report of `format`.
    pub fn new(format: Format) -> Report {
        Report {
            format,
            year: None,
            agency: None,
            meta: Meta::default(),
            acknowledged: Vec::new(),
            texts: Default::default(),
            cells: vec![String::new(); Template::get(format).cells.len()],
        }
    }

    /// The template of this report's format.
    pub fn template(&self) -> &'static Template {
        Template::get(self.format)
    }

    /// The text exactly as typed or imported.
    pub fn raw(&self, id: CellId) -> &str {
        self.cells.get(id.index()).map(String::as_str).unwrap_or("")
    }

    /// Replaces a cell's text. Ids of another format are ignored.
    pub fn set_raw(&mut self, id: CellId, text: impl Into<String>) {
        if let Some(slot) = self.cells.get_mut(id.index()) {
            *slot = text.into();
        }
    }

    /// The cell's meaning (Empty for an id of another format).
    pub fn value(&self, id: CellId) -> Value {
        match self.template().get_cell(id) {
            Some(cell) => number::read(self.raw(id), cell.kind),
            None => Value::Empty,
        }
    }

    /// The number in a cell, if valid.
    pub fn number(&self, id: CellId) -> Option<i64> {
        self.value(id).number()
    }

    /// Sets a cell to a number written canonically.
    pub fn set_number(&mut self, id: CellId, n: i64) {
        let kind = self.template().cell(id).kind;
        self.set_raw(id, number::format_value(n, kind));
    }

    /// A text part.
    pub fn text(&self, key: TextKey) -> &str {
        &self.texts[key.slot()]
    }

    /// Replaces a text part.
    pub fn set_text(&mut self, key: TextKey, text: impl Into<String>) {
        self.texts[key.slot()] = text.into();
    }

    /// A text section in printing order, as (sub-heading, text): 一's
    /// opening, then each topic that has text under its heading; 五 or 六
    /// as one part. Every renderer prints this.
    pub fn section_parts(&self, section: &Section) -> Vec<(Option<&'static str>, &str)> {
        let mut parts: Vec<(Option<&'static str>, &str)> = TextKey::of(section)
            .map(|k| (None, self.text(k)))
            .into_iter()
            .collect();
        if section.kind == SectionKind::Overview {
            for (i, topic) in TOPICS.iter().enumerate() {
                let body = self.text(TextKey::Topic(i));
                if !body.is_empty() {
                    parts.push((Some(topic.title), body));
                }
            }
        }
        parts
    }

    /// The whole of section 一 as one text: opening, then each topic under its heading.
    pub fn overview_full(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.text(TextKey::Overview).is_empty() {
            parts.push(self.text(TextKey::Overview).to_owned());
        }
        for (i, topic) in TOPICS.iter().enumerate() {
            let body = self.text(TextKey::Topic(i));
            if !body.is_empty() {
                parts.push(format!("{}\n{}", topic.title, body));
            }
        }
        parts.join("\n")
    }

    /// Pastes a block copied from Excel or WPS (rows of tab-separated cells)
    /// with its top-left corner at `start`. Cells beyond the table are
    /// dropped. Returns how many cells were written, and how many values
    /// (non-empty cells) fell outside the table, to be said.
    ///
    /// ```
    /// let mut r = nianbao::model::Report::default();
    /// let start = r.template().by_path("t4.suit_after_review.pending").unwrap();
    /// assert_eq!(r.paste_block(start, "1\t2\t3\n4\t5\t"), (2, 3));
    /// ```
    pub fn paste_block(&mut self, start: CellId, block: &str) -> (usize, usize) {
        let t = self.template();
        let Some((table, row, col)) = t.position(start) else {
            return (0, 0);
        };
        let (mut written, mut left_out) = (0, 0);
        let lines = block.trim_end_matches(['\r', '\n']).split('\n');
        for (dr, line) in lines.enumerate() {
            for (dc, text) in line.trim_end_matches('\r').split('\t').enumerate() {
                match t.cell_at(table, row + dr, col + dc) {
                    Some(id) => {
                        self.set_raw(id, text.trim());
                        written += 1;
                    }
                    None => left_out += usize::from(!text.trim().is_empty()),
                }
            }
        }
        (written, left_out)
    }

    /// How many cells hold any text.
    pub fn filled_cells(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }

    /// True when no cell and no text has been filled.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
            && self.texts.iter().all(|t| t.trim().is_empty())
            && self.agency.is_none()
            && self.year.is_none()
    }

    /// Fills every total (R3 row totals, R2 column totals, R4 group totals) from
    /// its parts where all parts hold numbers. Returns how many cells changed.
    pub fn fill_totals(&mut self) -> usize {
        let mut changed = 0;
        for (total, parts) in self.template().totals() {
            let sum: Option<i64> = parts.iter().map(|&c| self.number(c)).sum();
            if let Some(sum) = sum {
                if self.number(total) != Some(sum) {
                    self.set_number(total, sum);
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Copies last year's 四、结转下年度继续办理 into this year's 二、上年结转 (X1).
    pub fn carry_over_from(&mut self, previous: &Report) {
        let (t, p) = (self.template(), previous.template());
        let to = t.t3_row_of(Role::CarriedOver);
        let from = p.t3_row_of(Role::CarriedForward);
        for c in 0..crate::template::table3::COLUMNS.len() {
            let raw = previous.raw(p.t3_cell(from, c)).to_owned();
            self.set_raw(t.t3_cell(to, c), raw);
        }
    }

    /// The same report in another format: cells with the same path keep their text.
    pub fn to_format(&self, format: Format) -> Report {
        if format == self.format {
            return self.clone();
        }
        let mut out = Report::new(format);
        out.year = self.year;
        out.agency = self.agency.clone();
        out.meta = self.meta.clone();
        out.texts = self.texts.clone();
        // Marks name cells by path: those of cells both formats have hold.
        out.acknowledged = self.acknowledged.clone();
        let (from, to) = (self.template(), out.template());
        for id in from.ids() {
            if let Some(target) = to.by_path(&from.cell(id).path) {
                out.set_raw(target, self.raw(id));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_kept_even_when_it_is_not_a_number() {
        let mut r = Report::default();
        let id = r.template().by_path("t3.new_received.total").unwrap();
        r.set_raw(id, "十四");
        assert_eq!(r.raw(id), "十四");
        assert!(matches!(r.value(id), Value::Invalid(_)));
    }

    #[test]
    fn fill_totals_makes_every_sum_hold() {
        let mut r = Report::default();
        let t = r.template();
        let nr = t.by_path("t3.new_received.natural_person").unwrap();
        let disc = t.by_path("t3.result.disclosed.commercial").unwrap();
        let held = t
            .by_path("t3.result.unavailable.not_held.natural_person")
            .unwrap();
        for id in t.cells_of(crate::template::TableId::T3) {
            r.set_number(id, 0);
        }
        r.set_number(nr, 5);
        r.set_number(disc, 2);
        r.set_number(held, 3);
        r.fill_totals();
        assert_eq!(
            r.number(t.by_path("t3.new_received.total").unwrap()),
            Some(5)
        );
        assert_eq!(
            r.number(t.by_path("t3.result.total.total").unwrap()),
            Some(5)
        );
        assert_eq!(
            r.number(t.by_path("t3.result.total.commercial").unwrap()),
            Some(2)
        );
    }

    #[test]
    fn an_excel_block_fills_from_the_focused_cell() {
        let mut r = Report::default();
        let t = r.template();
        let start = t.by_path("t3.new_received.research").unwrap();
        let n = r.paste_block(start, "1\t2\t3\t4\t5\t6\r\n７\t8\r\n");
        assert_eq!(n, (5 + 2, 1));
        assert_eq!(r.raw(t.by_path("t3.new_received.total").unwrap()), "5");
        assert_eq!(r.raw(t.by_path("t3.carried_over.research").unwrap()), "７");
        assert_eq!(
            r.number(t.by_path("t3.carried_over.research").unwrap()),
            Some(7)
        );
    }

    #[test]
    fn switching_format_keeps_shared_cells() {
        let mut r = Report::default();
        let id = r.template().by_path("t4.review.total").unwrap();
        r.set_raw(id, "3");
        let old = r.to_format(Format::Y2019);
        let id19 = old.template().by_path("t4.review.total").unwrap();
        assert_eq!(old.raw(id19), "3");
    }
}
