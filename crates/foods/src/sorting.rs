//! Sorting compiled once.
//!
//! The standard library's stable sort is generic over the element and the
//! comparison, so every `sort_by` call site in the app becomes its own copy
//! of the whole sorting algorithm in the wasm module: about 4 KB each, and
//! more than 90 KB across the app. Here the algorithm runs once, over
//! positions, behind a `dyn` comparison, and each call site only adds the
//! small loop that moves its elements into the sorted order. The order is
//! exactly the standard library's: stable, equal elements keep their order.
//! The app's ordered maps and sets (`domain::sorted`) sort through here.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal elements in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` by the key `key` gives each, keeping equal keys in order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives them. Not inlined, so
/// the sorting algorithm exists once whatever the callers sort.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the element at `order[i]` to position `i`, for every `i`, by
/// following each cycle of the permutation with swaps. `order` is used up:
/// a position is marked done by pointing at itself.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input, and what a stable sort by the first field gives.
    type Case = (&'static [(u8, char)], &'static [(u8, char)]);

    #[test]
    fn sorts_as_the_standard_library_does() {
        let cases: &[Case] = &[
            (&[], &[]),
            (&[(1, 'a')], &[(1, 'a')]),
            (&[(2, 'a'), (1, 'b')], &[(1, 'b'), (2, 'a')]),
            (
                &[(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')],
                &[(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')],
            ),
            (
                &[(3, 'a'), (2, 'b'), (1, 'c')],
                &[(1, 'c'), (2, 'b'), (3, 'a')],
            ),
            (
                &[(1, 'a'), (1, 'b'), (1, 'c')],
                &[(1, 'a'), (1, 'b'), (1, 'c')],
            ),
        ];
        for (input, want) in cases {
            let mut got = input.to_vec();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(&got, want, "from {input:?}");
        }
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // Many inputs from a fixed pseudo-random sequence, with few distinct
        // keys so that stability is tested on every one.
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in 0..120 {
            let input: Vec<(u32, String)> = (0..len).map(|i| (next() % 6, i.to_string())).collect();
            let mut want = input.clone();
            want.sort_by_key(|p| std::cmp::Reverse(p.0));
            // Owned, non-Copy elements prove that moving them loses none.
            let mut got = input.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, want, "from {input:?}");
        }
    }
}
