//! Blank cells that the sums say are zeros (issue 7): some agencies print
//! every 0 of their tables as an empty cell or a "—". The importer never
//! guesses 0 for them; it says so and offers one click to fill them.

use crate::model::{Report, Value};
use crate::template::{CellId, TableId};

/// The blank cells of 表三 and 表四 to offer as 0: every empty or "—" cell
/// of a table that holds figures, when with them as 0 at least one more
/// relation holds and none that could be assessed fails because of them.
///
/// ```
/// use nianbao::import::{blanks::zeros, import};
/// let text = "四、政府信息公开行政复议、行政诉讼情况\n\
///   | 1 | | | | 1 | | | | | | | | | | |";
/// let report = import(text).report;
/// assert_eq!(zeros(&report).len(), 13);
/// ```
pub fn zeros(report: &Report) -> Vec<CellId> {
    let t = report.template();
    let mut out = Vec::new();
    for table in [TableId::T3, TableId::T4] {
        let cells: Vec<CellId> = t.cells_of(table).collect();
        let blank = |id: &CellId| matches!(report.value(*id), Value::Empty | Value::Missing);
        let blanks: Vec<CellId> = cells.iter().copied().filter(blank).collect();
        let figures = cells.len() - blanks.len();
        if blanks.is_empty() || figures == 0 {
            continue;
        }
        let number = |id: CellId, zero: bool| match report.value(id) {
            Value::Number(n) => Some(n),
            Value::Empty | Value::Missing if zero => Some(0),
            _ => None,
        };
        let (mut gained, mut broken) = (0, 0);
        for rel in t
            .relations
            .iter()
            .filter(|r| r.cells().any(|c| blanks.contains(&c)))
        {
            match rel.holds(|c| number(c, true)) {
                Some(true) => gained += 1,
                Some(false) => broken += 1,
                None => {}
            }
        }
        if gained > 0 && broken == 0 {
            out.extend(blanks);
        }
    }
    out
}
