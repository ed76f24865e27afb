//! One sort for the core and the app. Every `slice::sort_by` call site compiles its own copy of
//! the standard library's stable sort (about 3 KB of wasm each, measured with twiggy on the
//! portal's release build, where 12 call sites made ~47 KB); here the elements' order is found by
//! sorting indices through a single non-generic function, then applied in place.

use std::cmp::Ordering;

/// Stable sort of `items` by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    {
        let items: &[T] = items;
        sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    }
    apply_order(items, order);
}

/// Stable sort of `items` by a key, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

// Not generic: the one instantiation of the standard sort.
fn sort_indices(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

/// Rearrange `items` so position k holds the element that was at `order[k]`, following each
/// cycle of the permutation with swaps.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut here = start;
        while order[here] != start {
            let from = order[here];
            items.swap(here, from);
            order[here] = here;
            here = from;
        }
        order[here] = here;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = v.clone();
        expected.sort_by_key(|a| a.0);
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, expected);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn every_permutation_of_four_comes_out_sorted() {
        let base = [10, 20, 30, 40];
        for a in 0..4 {
            for b in 0..4 {
                for c in 0..4 {
                    for d in 0..4 {
                        let idx = [a, b, c, d];
                        if (0..4).all(|i| idx.contains(&i)) {
                            let mut v: Vec<i32> = idx.iter().map(|&i| base[i]).collect();
                            sort_by_key(&mut v, |x| *x);
                            assert_eq!(v, base, "from {idx:?}");
                        }
                    }
                }
            }
        }
        let mut empty: Vec<i32> = vec![];
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
