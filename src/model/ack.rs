//! 已核实: a warning or a note the officer marked as true of the real world,
//! with why (issue 20): no fee charged although licences were issued, a
//! standing policy that really repeats last year's wording. Kept with the
//! report, in the draft and in the JSON; which finding a mark belongs to,
//! and whether it still holds, the rules decide (`rules::ack`).

/// One finding marked 已核实.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Acknowledged {
    /// The finding's rule id ("P3").
    pub rule: String,
    /// The cells it names (paths, spec §12.2).
    pub cells: Vec<String>,
    /// The text field it is about, when not a cell (its page id).
    pub field: Option<String>,
    /// The texts of those cells when it was marked: when one changes, the
    /// mark lapses.
    pub values: Vec<String>,
    /// The finding's message when it was marked: when its figures change,
    /// the mark lapses.
    pub message: String,
    /// Why the officer holds it true.
    pub reason: String,
}

impl Acknowledged {
    /// Whether this is the mark of the finding of `rule`, naming `cells`
    /// (paths) and `field`.
    pub fn is_for(&self, rule: &str, cells: &[String], field: Option<&str>) -> bool {
        self.rule == rule && self.cells == cells && self.field.as_deref() == field
    }
}

impl super::Report {
    /// Keeps `mark`, in place of any earlier mark of the same finding.
    pub fn put_mark(&mut self, mark: Acknowledged) {
        self.acknowledged
            .retain(|a| !a.is_for(&mark.rule, &mark.cells, mark.field.as_deref()));
        self.acknowledged.push(mark);
    }
}
