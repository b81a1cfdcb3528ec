//! Which reading is taken, and which of its cells are believed (issue 16,
//! design note §7: two witnesses per cell, or no value).
//!
//! - **Labels are sticky.** The reading with the most values standing where
//!   the source printed them (on their row label's line, read as printed)
//!   is the label-aligned one. Another reading may take its place only
//!   where it agrees on every such value, or where it is proven: relations
//!   hold under it that fail under the label-aligned reading, and none that
//!   the label-aligned reading keeps fails under it. A relation that cannot
//!   be assessed (a cell of it not read) proves nothing.
//! - **A relation kept elsewhere is contested.** A relation that fails under
//!   the reading taken but holds, with figures other than 0, under another
//!   reading: its cells keep their values only where another relation of
//!   theirs holds. A relation that fails under every reading is the
//!   report's own printed error: its cells keep the values read by label,
//!   and the checks report it.
//! - **Cells away from their label need a sum.** A value placed by the sums
//!   (digits split, blanks placed, values read in reading order) is kept
//!   only where a relation it takes part in holds.

use super::candidates::{Candidate, Place};
use super::shape::Shape;
use super::Cell;

/// How a relation stands under a reading, as printed (blank cells unread).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stand {
    /// Every cell read and the sums agree; `figures` when a cell is not 0
    /// (sums of zeros hold however the zeros are arranged).
    Holds { figures: bool },
    /// Every cell read and the sums disagree.
    Fails,
    /// A cell not read or printed blank: it witnesses nothing.
    Unknown,
}

/// How each relation of the table stands under a grid.
pub(super) fn stands(shape: &Shape, grid: &[Cell]) -> Vec<Stand> {
    shape
        .rels
        .iter()
        .map(|rel| match shape.relation(rel, |i| grid.get(i), false) {
            Some(true) => Stand::Holds {
                figures: rel.lhs.iter().chain(&rel.rhs).any(|&i| {
                    grid.get(i)
                        .and_then(|c| shape.number(i, c, false))
                        .is_some_and(|n| n != 0)
                }),
            },
            Some(false) => Stand::Fails,
            None => Stand::Unknown,
        })
        .collect()
}

/// How many relations hold with figures other than 0.
fn figures_held(stands: &[Stand]) -> usize {
    stands
        .iter()
        .filter(|x| **x == Stand::Holds { figures: true })
        .count()
}

/// The reading taken.
pub(super) struct Choice {
    pub(super) best: Candidate,
    /// Equally good readings that disagree with it: where they do, no value.
    pub(super) rivals: Vec<Vec<Cell>>,
    /// Per relation: fails under the best reading, holds with figures
    /// under another.
    pub(super) contested: Vec<bool>,
}

/// The reading to take (see the module's docs), or None without any.
pub(super) fn choose(shape: &Shape, candidates: Vec<Candidate>) -> Option<Choice> {
    let all: Vec<Vec<Stand>> = candidates.iter().map(|c| stands(shape, &c.grid)).collect();
    let placed = |c: &Candidate| c.placed;
    // The label-aligned reading: the most values where they were printed;
    // among readings as well placed (表四's values in order, with or
    // without the empty cells at the ends of the row), the sums choose.
    let most = candidates.iter().map(placed).max()?;
    let tied: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates.get(i).is_some_and(|c| placed(c) == most))
        .collect();
    let (aligned, tied_rivals) = by_sums(shape, &candidates, &tied)?;
    let eligible: Vec<usize> = match candidates.get(aligned) {
        Some(l) if placed(l).1 > 0 => {
            let stand_l = all.get(aligned).map(Vec::as_slice).unwrap_or_default();
            (0..candidates.len())
                .filter(|&x| {
                    if x == aligned {
                        return true;
                    }
                    let (Some(c), Some(stand_x)) = (candidates.get(x), all.get(x)) else {
                        return false;
                    };
                    let pairs = || stand_l.iter().zip(stand_x);
                    // Breaks nothing the label-aligned reading keeps.
                    let loss = pairs()
                        .any(|(l, x)| matches!(l, Stand::Holds { .. }) && *x == Stand::Fails);
                    if loss {
                        return false;
                    }
                    let moved = l
                        .positioned
                        .iter()
                        .zip(&l.grid)
                        .zip(&c.grid)
                        .any(|((&p, a), b)| p && a != b);
                    if !moved {
                        return true;
                    }
                    let gain = pairs()
                        .any(|(l, x)| *l == Stand::Fails && *x == Stand::Holds { figures: true });
                    gain && figures_held(stand_x) >= figures_held(stand_l)
                })
                .collect()
        }
        // Nothing stands on its label's line: the sums alone decide.
        _ => (0..candidates.len()).collect(),
    };
    let (best, mut rivals) = by_sums(shape, &candidates, &eligible)?;
    if best == aligned {
        // As well placed, as good by the sums, and saying otherwise, unless
        // every sum it can assess fails (empty cells as 0): a reading that
        // explains nothing leaves the values as printed.
        rivals.extend(tied_rivals.into_iter().filter(|&r| {
            candidates.get(r).is_some_and(|c| {
                let (holds, fails) = shape.score(&c.grid, true);
                holds > 0 || fails == 0
            })
        }));
    }
    let stand_best = all.get(best).cloned().unwrap_or_default();
    // Readings that keep as many sums with figures as the one taken: a
    // reading that happens to keep one printed error's sum while breaking
    // others contests nothing.
    let serious: Vec<&Vec<Stand>> = all
        .iter()
        .filter(|s| figures_held(s) >= figures_held(&stand_best))
        .collect();
    let contested = stand_best
        .iter()
        .enumerate()
        .map(|(r, s)| {
            *s == Stand::Fails
                && serious
                    .iter()
                    .any(|other| other.get(r).copied() == Some(Stand::Holds { figures: true }))
        })
        .collect();
    let rivals = rivals
        .into_iter()
        .filter_map(|i| candidates.get(i).map(|c| c.grid.clone()))
        .collect();
    let best = candidates.into_iter().nth(best)?;
    Some(Choice {
        best,
        rivals,
        contested,
    })
}

/// Among the eligible readings, the best by the sums, and the equally good
/// ones that disagree with it.
///
/// Two readings are compared on the relations both can assess (a reading
/// that leaves a row out must not gain by having fewer sums to fail): a
/// failing relation costs twice what a holding one gains; then on the same
/// relations with empty cells and "—" read as 0. Where the sums cannot
/// tell them apart, the one that agrees with more of what the prose
/// states, then the one that fills more, then the one with the
/// better sums overall, then the one whose values stand on their labels'
/// lines, then the one laid out row by row, is taken.
fn by_sums(
    shape: &Shape,
    candidates: &[Candidate],
    eligible: &[usize],
) -> Option<(usize, Vec<usize>)> {
    // Relations that hold: a reading does not gain by leaving sums it
    // would fail unassessed.
    let total = |grid: &[Cell]| shape.score(grid, false).0;
    let mut best: Option<usize> = None;
    let mut rivals: Vec<usize> = Vec::new();
    for &i in eligible {
        let Some(c) = candidates.get(i) else { continue };
        let Some(b) = best.and_then(|b| candidates.get(b)) else {
            best = Some(i);
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
        // What the prose says breaks ties the sums leave.
        let (pb, pc) = (shape.said_held(&b.grid), shape.said_held(&c.grid));
        let kc = (sc, zc, pc, c.filled, tc, c.lined, c.structured);
        let kb = (sb, zb, pb, b.filled, tb, b.lined, b.structured);
        if kc > kb {
            rivals.clear();
            best = Some(i);
        } else if kc == kb && c.grid != b.grid {
            rivals.push(i);
        }
    }
    best.map(|b| (b, rivals))
}

/// The cells of the reading taken that lack a second witness: in their
/// place but in a contested relation (or contradicted by the prose) with
/// no relation of theirs holding; or away from their place with no
/// relation of theirs holding with a figure other than 0 (empty cells and
/// "—" read as 0, as the splits and placements were chosen); or read under
/// a supposition its row's own sums do not bear out, with fewer than two
/// relations of theirs holding. A cell in no relation (表二) has its place
/// alone, or nothing.
pub(super) fn unproven(
    shape: &Shape,
    grid: &[Cell],
    places: &[Place],
    contested: &[bool],
) -> Vec<usize> {
    // Each relation: whether it fails as read (empty cells unread).
    let failing: Vec<bool> = shape
        .rels
        .iter()
        .map(|rel| shape.relation(rel, |i| grid.get(i), false) == Some(false))
        .collect();
    // Each relation: whether it holds (empty cells and "—" as 0), and
    // whether with a figure other than 0 (zeros add up however placed).
    let holding: Vec<(bool, bool)> = shape
        .rels
        .iter()
        .map(|rel| {
            let holds = shape.relation(rel, |i| grid.get(i), true) == Some(true);
            let figures = rel.lhs.iter().chain(&rel.rhs).any(|&i| {
                grid.get(i)
                    .and_then(|c| shape.number(i, c, true))
                    .is_some_and(|n| n != 0)
            });
            (holds, holds && figures)
        })
        .collect();
    // A figure of the prose that this cell alone gives, as read, or otherwise.
    let said = |i: usize, agree: bool| {
        shape.said.iter().any(|s| {
            s.sets.iter().any(|set| set.as_slice() == [i])
                && shape.said_holds(s, grid) == Some(agree)
        })
    };
    let row_of = |i: usize| shape.offsets.iter().rposition(|&o| o <= i);
    let rels_of = |i: usize| shape.rels_of.get(i).into_iter().flatten().copied();
    // A value its column's sums all refuse (every sum beyond its own row
    // that can be assessed fails).
    let refused = |i: usize| {
        let row = row_of(i);
        let (mut across, mut broken) = (0, 0);
        for k in rels_of(i) {
            let own_row = shape
                .rels
                .get(k)
                .is_some_and(|r| r.row.is_some() && r.row == row);
            let fails = failing.get(k).copied().unwrap_or(false);
            if !own_row {
                across += usize::from(fails || holding.get(k).is_some_and(|h| h.0));
                broken += usize::from(fails);
            }
        }
        across > 0 && broken == across
    };
    // A printed error elsewhere in a column refuses one cell of a row; a
    // row split or placed wrongly puts two or more where columns refuse
    // them.
    let refused: Vec<bool> = (0..grid.len()).map(refused).collect();
    let refused = |i: usize| refused.get(i).copied().unwrap_or(false);
    let mut refused_in_row = vec![0usize; shape.offsets.len()];
    for (i, cell) in grid.iter().enumerate() {
        let settled = matches!(places.get(i), Some(Place::Settled | Place::Supposed));
        if matches!(cell, Cell::Val(_)) && settled && refused(i) {
            if let Some(n) = row_of(i).and_then(|r| refused_in_row.get_mut(r)) {
                *n += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (i, cell) in grid.iter().enumerate() {
        if !matches!(cell, Cell::Val(_)) {
            continue;
        }
        if rels_of(i).next().is_none() {
            // 表二 has no sums: its place is all a value has.
            if places.get(i) != Some(&Place::Printed) {
                out.push(i);
            }
            continue;
        }
        let (mut held, mut figures, mut disputed, mut across) = (false, false, false, false);
        for k in rels_of(i) {
            let (h, f) = holding.get(k).copied().unwrap_or((false, false));
            held |= h;
            figures |= f;
            disputed |= contested.get(k).copied().unwrap_or(false);
            let own_row = shape
                .rels
                .get(k)
                .is_some_and(|r| r.row.is_some() && r.row == row_of(i));
            across |= h && !own_row;
        }
        let row_refused = refused(i)
            && row_of(i)
                .and_then(|r| refused_in_row.get(r))
                .is_some_and(|n| *n >= 2);
        let told = said(i, true);
        // In place: a sum of it holds, or none is contested and the prose
        // does not contradict it. Settled by its row's own sum (its first
        // witness): not refused by its column's sums along with another
        // cell of its row, and, where the prose contradicts it, a sum of
        // its column holding. Read under a supposition: a sum of it holds with
        // figures and its column's sums do not refuse it. Placed by the
        // sums alone: a sum of it holds with figures (zeros add up wherever
        // they are put). What the prose says of it witnesses it too.
        let kept = told
            || match places.get(i).copied().unwrap_or(Place::Sums) {
                Place::Printed => held || !(disputed || said(i, false)),
                Place::Settled => !row_refused && (across || !said(i, false)),
                Place::Supposed => figures && !refused(i),
                Place::Sums => figures,
            };
        if !kept {
            out.push(i);
        }
    }
    out
}
