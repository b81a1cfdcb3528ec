//! Which reading is taken.

use super::candidates::Candidate;
use super::shape::Shape;
use super::Cell;

/// The best reading, and the equally good ones that disagree with it.
///
/// Two readings are compared on the relations both can assess (a reading
/// that leaves a row out must not gain by having fewer sums to fail): a
/// failing relation costs twice what a holding one gains; then on the same
/// relations with empty cells and "—" read as 0. Where the sums cannot
/// tell them apart, the reading that fills more, then the one with the
/// better sums overall, then the one whose values stand on their labels'
/// lines, then the one laid out row by row, is taken; readers come in
/// order of how often their layout is met (a label, then its values).
pub(super) fn choose(
    shape: &Shape,
    candidates: Vec<Candidate>,
) -> (Option<Candidate>, Vec<Vec<Cell>>) {
    let total = |grid: &[Cell]| {
        let (holds, fails) = shape.score(grid, false);
        holds as i64 - 2 * fails as i64
    };
    let mut best: Option<Candidate> = None;
    let mut rivals: Vec<Vec<Cell>> = Vec::new();
    for c in candidates {
        let Some(b) = &best else {
            best = Some(c);
            continue;
        };
        let common = |zero: bool| {
            let (mut sb, mut sc) = (0i64, 0i64);
            for rel in &shape.rels {
                let hb = shape.relation(rel, |i| b.grid.get(i), zero);
                let hc = shape.relation(rel, |i| c.grid.get(i), zero);
                if let (Some(hb), Some(hc)) = (hb, hc) {
                    sb += if hb { 1 } else { -2 };
                    sc += if hc { 1 } else { -2 };
                }
            }
            (sb, sc)
        };
        let ((sb, sc), (zb, zc)) = (common(false), common(true));
        let (tb, tc) = (total(&b.grid), total(&c.grid));
        let kc = (sc, zc, c.filled, tc, c.lined, c.structured);
        let kb = (sb, zb, b.filled, tb, b.lined, b.structured);
        let (better, alike) = (kc > kb, kc == kb);
        if better {
            rivals.clear();
            best = Some(c);
        } else if alike && c.grid != b.grid {
            rivals.push(c.grid);
        }
    }
    (best, rivals)
}
