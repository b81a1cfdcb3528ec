//! One sort for the whole crate. Each call of std's `sort_by_key` or
//! `sort_unstable` compiles its own copy of the sorting algorithm for its
//! element and key types (2–3 KB of WebAssembly each; the page had 96 such
//! functions, ~50 KB). These helpers sort a permutation of indices with a
//! single instantiation and then move the elements, so each call site costs
//! a few bytes. All are stable. Below every layer: any module may use it.

use std::cmp::Ordering;

/// Sorts by a comparison, keeping equal elements in their order.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// Sorts by a key, keeping equal elements in their order.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts in ascending order.
pub fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The one instantiation of std's sort.
#[inline(never)]
fn indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts `v[order[i]]` at `i`, in place: each position takes the element
/// `order` names, following where earlier swaps moved it.
fn permute<T>(v: &mut [T], order: &[usize]) {
    for i in 0..v.len() {
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_equal_elements_in_order() {
        let mut seed = 7u64;
        for len in 0..60 {
            let mut v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            by_key(&mut v, |p| p.0);
            assert_eq!(v, expected, "length {len}");
        }
        let mut words = vec!["丙", "甲", "乙", "甲"];
        let mut expected = words.clone();
        expected.sort();
        ascending(&mut words);
        assert_eq!(words, expected);
    }
}
