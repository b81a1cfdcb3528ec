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
