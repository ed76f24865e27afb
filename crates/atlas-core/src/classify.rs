//! Ranking and map classes: which township is highest, and which colour class each value falls
//! in. Kept in the core so the map legend, the ranked bars, the text summaries and the tests all
//! agree.

use crate::export::plain_number;
use crate::format::Unit;

/// Whether larger values are better, worse or neither: decides rank order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Rank 1 is the largest value.
    Descending,
    /// Rank 1 is the smallest value.
    Ascending,
}

/// A ranked entry: `rank` is 1-based with ties sharing a rank (1, 2, 2, 4); entries without a
/// value come last with no rank.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked<K> {
    pub key: K,
    pub value: Option<f64>,
    pub rank: Option<usize>,
}

pub fn rank<K: Clone>(entries: &[(K, Option<f64>)], order: Order) -> Vec<Ranked<K>> {
    let mut with: Vec<(K, f64)> =
        entries.iter().filter_map(|(k, v)| v.filter(|x| x.is_finite()).map(|x| (k.clone(), x))).collect();
    crate::sort::sort_by(&mut with, |a, b| {
        let cmp = a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal);
        match order {
            Order::Descending => cmp.reverse(),
            Order::Ascending => cmp,
        }
    });
    let mut out: Vec<Ranked<K>> = Vec::with_capacity(entries.len());
    for (i, (k, v)) in with.iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.value == Some(*v) => prev.rank,
            _ => Some(i + 1),
        };
        out.push(Ranked { key: k.clone(), value: Some(*v), rank });
    }
    for (k, v) in entries {
        if !v.is_some_and(f64::is_finite) {
            out.push(Ranked { key: k.clone(), value: None, rank: None });
        }
    }
    out
}

/// Class breaks by quantile: `classes - 1` inner breaks so each class holds about the same
/// number of townships (with 8–10 townships, equal-interval classes would leave most empty).
/// Duplicate breaks are removed, so fewer distinct values give fewer classes.
pub fn quantile_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < 2 || classes < 2 {
        return Vec::new();
    }
    crate::sort::sort_by(&mut v, |a, b| a.total_cmp(b));
    let mut breaks: Vec<f64> = (1..classes)
        .map(|i| {
            // Linear interpolation between order statistics (the "type 7" quantile of R and NumPy).
            let pos = (v.len() - 1) as f64 * i as f64 / classes as f64;
            let lo = pos.floor() as usize;
            let hi = pos.ceil() as usize;
            let frac = pos - lo as f64;
            v[lo] + (v[hi] - v[lo]) * frac
        })
        .collect();
    breaks.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    let (min, max) = (v[0], v[v.len() - 1]);
    breaks.retain(|b| *b > min && *b < max);
    breaks
}

/// Index of the class `value` falls in, given ascending inner breaks (a value equal to a break
/// goes to the upper class).
pub fn class_of(value: f64, breaks: &[f64]) -> usize {
    breaks.iter().take_while(|b| value >= **b).count()
}

/// A value as a percentage of its standard's line, so indicators with different units can share
/// one axis (100 = exactly on the line). None for a zero line or a non-finite value.
pub fn percent_of_line(value: f64, line: f64) -> Option<f64> {
    (line != 0.0 && line.is_finite() && value.is_finite()).then(|| value / line * 100.0)
}

/// The highest and the lowest value of a set, each with every entry that shares it as printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Extremes<K> {
    /// At least two different printed values.
    Spread { highest: Tier<K>, lowest: Tier<K> },
    /// Every entry with a value prints the same one (possibly a single entry).
    AllEqual(Tier<K>),
}

/// Entries that share one printed value, in input order.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier<K> {
    pub keys: Vec<K>,
    /// The extreme value itself (every key's value prints the same as this one).
    pub value: f64,
}

/// The highest and lowest of `entries` (missing and non-finite values left out), `None` when
/// none has a value. Values tie when they print the same in `unit` (0.04% and 0.0% are both
/// printed "0.0%"): a summary naming one township as lowest while the table shows another with
/// the same figure would read as an error, so a tie is decided at the precision the reader sees.
pub fn extremes<K: Clone>(entries: &[(K, Option<f64>)], unit: Unit) -> Option<Extremes<K>> {
    let with: Vec<(&K, f64)> =
        entries.iter().filter_map(|(k, v)| v.filter(|x| x.is_finite()).map(|x| (k, x))).collect();
    let max = with.iter().map(|(_, v)| *v).reduce(f64::max)?;
    let min = with.iter().map(|(_, v)| *v).reduce(f64::min)?;
    let tier = |extreme: f64| {
        let printed = plain_number(Some(extreme), unit);
        let keys = with
            .iter()
            .filter(|(_, v)| plain_number(Some(*v), unit) == printed)
            .map(|(k, _)| (*k).clone())
            .collect();
        Tier { keys, value: extreme }
    };
    let highest = tier(max);
    if highest.keys.len() == with.len() {
        return Some(Extremes::AllEqual(highest));
    }
    Some(Extremes::Spread { highest, lowest: tier(min) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties_and_missing_come_last() {
        let r = rank(
            &[("a", Some(3.0)), ("b", None), ("c", Some(5.0)), ("d", Some(3.0)), ("e", Some(1.0))],
            Order::Descending,
        );
        let got: Vec<(&str, Option<usize>)> = r.iter().map(|x| (x.key, x.rank)).collect();
        assert_eq!(got, [("c", Some(1)), ("a", Some(2)), ("d", Some(2)), ("e", Some(4)), ("b", None)]);
        let asc = rank(&[("a", Some(3.0)), ("e", Some(1.0))], Order::Ascending);
        assert_eq!(asc[0].key, "e");
    }

    #[test]
    fn extremes_name_every_entry_that_prints_the_same() {
        // Seven townships with no large class, one at 0.04% (printed 0.0% too), two above.
        let mut entries: Vec<(&str, Option<f64>)> =
            ["a", "b", "c", "d", "e", "f"].iter().map(|k| (*k, Some(0.0))).collect();
        entries.extend([("g", Some(0.04)), ("h", Some(12.5)), ("i", Some(3.0)), ("j", None)]);
        let Some(Extremes::Spread { highest, lowest }) = extremes(&entries, Unit::Percent) else {
            panic!("two printed values");
        };
        assert_eq!((highest.keys, highest.value), (vec!["h"], 12.5));
        assert_eq!((lowest.keys, lowest.value), (vec!["a", "b", "c", "d", "e", "f", "g"], 0.0));
        // 0.06% prints 0.1%: no longer tied with 0.0%.
        entries[6].1 = Some(0.06);
        let Some(Extremes::Spread { lowest, .. }) = extremes(&entries, Unit::Percent) else { panic!() };
        assert_eq!(lowest.keys.len(), 6);
    }

    #[test]
    fn extremes_of_one_printed_value_or_none() {
        let same = [("a", Some(2.0)), ("b", Some(2.001)), ("c", None)];
        assert_eq!(
            extremes(&same, Unit::Percent),
            Some(Extremes::AllEqual(Tier { keys: vec!["a", "b"], value: 2.001 }))
        );
        assert_eq!(extremes::<&str>(&[("a", None), ("b", Some(f64::NAN))], Unit::Percent), None);
    }

    #[test]
    fn quantile_breaks_by_hand() {
        // Sorted 1..=9, 4 classes: positions 8×¼=2, 8×½=4, 8×¾=6 → values 3, 5, 7.
        let v: Vec<f64> = (1..=9).map(f64::from).collect();
        assert_eq!(quantile_breaks(&v, 4), vec![3.0, 5.0, 7.0]);
        assert_eq!(class_of(1.0, &[3.0, 5.0, 7.0]), 0);
        assert_eq!(class_of(3.0, &[3.0, 5.0, 7.0]), 1);
        assert_eq!(class_of(9.0, &[3.0, 5.0, 7.0]), 3);
        // All equal: no breaks, one class.
        assert!(quantile_breaks(&[2.0, 2.0, 2.0], 5).is_empty());
        assert!(quantile_breaks(&[2.0], 5).is_empty());
    }

    #[test]
    fn percent_of_line_by_hand() {
        // 3.6 m² against a line of 4.5 m²: 3.6 ÷ 4.5 × 100 = 80.
        assert_eq!(percent_of_line(3.6, 4.5).map(|p| (p * 1e9).round() / 1e9), Some(80.0));
        assert_eq!(percent_of_line(1.0, 0.0), None);
        assert_eq!(percent_of_line(f64::NAN, 4.5), None);
    }
}
