//! A count of the work an import does: bytes looked at and search steps,
//! added where the importer loops over its input. Tests use it to prove that
//! reading takes linear time on crafted input and stays within a bound per
//! input byte on mutated reports, without timing anything (issue 8).

use std::cell::Cell;

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Adds `n` units of work.
pub(crate) fn add(n: usize) {
    WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
}

/// The work counted on this thread since [`reset`].
pub fn count() -> u64 {
    WORK.with(Cell::get)
}

/// Starts counting again from 0.
pub fn reset() {
    WORK.with(|w| w.set(0));
}
