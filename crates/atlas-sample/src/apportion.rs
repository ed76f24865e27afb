//! Splitting a published total into whole parts, so generated school figures add up exactly to
//! the county totals a plan states (息烽's 44,545 students, 9,924 children aged 3–5 …).

/// Split `total` into whole numbers proportional to `weights` by the largest-remainder (Hamilton)
/// method: each part gets the floor of its exact share, and the units left over go to the parts
/// with the largest fractional remainders, ties to the earlier part. The parts always sum to
/// `total`. Returns `None` when the weights cannot share anything out (empty, all zero, or any
/// negative or non-finite weight) while `total` is above zero.
pub fn apportion(total: u32, weights: &[f64]) -> Option<Vec<u32>> {
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return None;
    }
    let sum: f64 = weights.iter().sum();
    if total == 0 {
        return Some(vec![0; weights.len()]);
    }
    if sum <= 0.0 {
        return None;
    }
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let given: u32 = parts.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; `sort_by` is stable, so equal remainders keep the earlier part first.
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra)
    });
    for &i in order.iter().cycle().take(total.saturating_sub(given) as usize) {
        parts[i] += 1;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_and_leftovers_go_to_the_largest_remainders() {
        // 10 split 1:1:1 is 3.33 each: floors 3+3+3 = 9, the one left over goes to the first
        // (equal remainders, earlier part wins).
        assert_eq!(apportion(10, &[1.0, 1.0, 1.0]), Some(vec![4, 3, 3]));
        // 7 split 0.5:0.3:0.2 is 3.5, 2.1, 1.4: floors 3+2+1 = 6, remainder .5 is largest.
        assert_eq!(apportion(7, &[0.5, 0.3, 0.2]), Some(vec![4, 2, 1]));
        let parts = apportion(9_446, &[3.0, 1.7, 2.2, 0.4]).unwrap();
        assert_eq!(parts.iter().sum::<u32>(), 9_446);
    }

    #[test]
    fn nothing_to_share_by_is_refused() {
        assert_eq!(apportion(5, &[]), None);
        assert_eq!(apportion(5, &[0.0, 0.0]), None);
        assert_eq!(apportion(5, &[1.0, f64::NAN]), None);
        assert_eq!(apportion(0, &[0.0, 0.0]), Some(vec![0, 0]));
    }
}
