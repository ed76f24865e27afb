//! One satisfaction rate with its uncertainty: the Wilson 95% interval, the "too few respondents"
//! flag, the comparison of two periods and the position against a line such as the 85% veto line.

use crate::vocabulary::vocabulary;
use serde::Serialize;

/// z for a two-sided 95% interval: the 97.5th percentile of the standard normal distribution
/// (1.959963985…), to the six decimals `docs/survey-method.md` states.
pub const Z_95: f64 = 1.959964;

/// Below this many respondents a rate carries the 样本过少 (too few respondents) flag.
///
/// Why 30: at 30 respondents and a rate near 85%, the Wilson 95% interval runs from about 68% to
/// 94% (±13 points), so it cannot say on which side of the 85% line the group stands, and a single
/// answer moves the rate by more than 3 points. Below that the number is shown but flagged and left
/// out of the "weakest" lists, where noise would otherwise pick the losers. At 100 respondents the
/// interval is 76.7%–90.7%; at 200 it is 79.4%–89.3% (see the tests in this module).
pub const TOO_FEW_RESPONDENTS: f64 = 30.0;

/// A satisfied share with the numbers behind it.
///
/// Invariant: when `share` is present, `share = 100 × satisfied ÷ respondents` and `interval` is
/// the Wilson interval of that share at `respondents`.
///
/// For a single survey row `satisfied` and `respondents` are the published counts. For a
/// respondent group across question areas, `respondents` is the number of people and `satisfied`
/// the group's share applied to them (see `summary.rs`). For a combined rate (several groups
/// weighted together) `respondents` is the Kish effective number of respondents, which is what the
/// interval's width rests on; the actual head count is in `SurveySummary::totals`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rate {
    /// Respondents who were satisfied (满意人数); fractional for group and combined rates.
    pub satisfied: f64,
    /// Respondents behind the rate (people; effective number for a combined rate).
    pub respondents: f64,
    /// Satisfied share on a 0–100 scale; `None` with no respondents or invalid counts.
    pub share: Option<f64>,
    /// Wilson 95% interval (lower, upper) on a 0–100 scale; `None` whenever `share` is `None`.
    pub interval: Option<(f64, f64)>,
    /// Fewer than [`TOO_FEW_RESPONDENTS`] respondents (including none).
    pub too_few: bool,
}

impl Rate {
    /// A rate with nobody behind it: shown as `—`.
    pub fn no_respondents() -> Rate {
        Rate { satisfied: 0.0, respondents: 0.0, share: None, interval: None, too_few: true }
    }

    /// The rate of `satisfied` out of `respondents` people. More satisfied than respondents is
    /// impossible data: the counts are kept for display but there is no share and no interval.
    pub fn from_counts(satisfied: u64, respondents: u64) -> Rate {
        let (s, n) = (satisfied as f64, respondents as f64);
        if satisfied > respondents {
            return Rate {
                satisfied: s,
                respondents: n,
                share: None,
                interval: None,
                too_few: n < TOO_FEW_RESPONDENTS,
            };
        }
        if respondents == 0 {
            return Rate::no_respondents();
        }
        Rate::from_proportion(s / n, n)
    }

    /// The rate with proportion `p` (0–1) among `n` respondents, `n` possibly fractional (an
    /// effective sample size). Out-of-range or non-finite inputs give a rate with no share.
    pub(crate) fn from_proportion(p: f64, n: f64) -> Rate {
        if !(n.is_finite() && n > 0.0) {
            return Rate::no_respondents();
        }
        if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
            return Rate {
                satisfied: 0.0,
                respondents: n,
                share: None,
                interval: None,
                too_few: n < TOO_FEW_RESPONDENTS,
            };
        }
        Rate {
            satisfied: p * n,
            respondents: n,
            share: Some(100.0 * p),
            interval: wilson(p, n),
            too_few: n < TOO_FEW_RESPONDENTS,
        }
    }

    /// Whether the rate as measured is at or above `line` (`None` without a share). This, not the
    /// interval, decides a rate's colour and whether it is listed as below the line: 83.1% is below
    /// 85% even when the survey cannot rule out 85% (see `interval_contains`).
    pub fn meets(&self, line_percent: f64) -> Option<bool> {
        self.share.map(|share| share >= line_percent)
    }

    /// Whether the 95% interval contains `line`: the survey cannot tell on which side of it the
    /// rate really is. Drawn as its own mark beside the colour of `meets`.
    pub fn interval_contains(&self, line_percent: f64) -> bool {
        self.interval.is_some_and(|(lower, upper)| lower < line_percent && line_percent <= upper)
    }

    /// Where the rate stands against a line such as the 85% veto line of the 优质均衡 assessment
    /// (the line itself comes from the indicator table; it is not repeated here). `None` without
    /// an interval.
    pub fn against(&self, line_percent: f64) -> Option<LinePosition> {
        let (lower, upper) = self.interval?;
        Some(if lower >= line_percent {
            LinePosition::ClearlyAbove
        } else if upper < line_percent {
            LinePosition::ClearlyBelow
        } else {
            LinePosition::Uncertain
        })
    }
}

vocabulary! {
    /// Where a rate's 95% interval lies against a line.
    pub enum LinePosition {
        /// The whole interval is at or above the line.
        ClearlyAbove => "clearly_above", zh "明确达到", en "clearly meets the line";
        /// The whole interval is below the line.
        ClearlyBelow => "clearly_below", zh "明确未达到", en "clearly below the line";
        /// The interval contains the line: the survey cannot tell which side the rate is on.
        Uncertain => "uncertain", zh "置信区间跨越标准线，无法判定", en "interval contains the line: undecided";
    }
}

/// The Wilson 95% interval of `satisfied` out of `respondents`, on a 0–100 scale. Counts may be
/// fractional (effective sample sizes). `None` with no respondents, a non-finite count, or more
/// satisfied than respondents.
pub fn wilson_interval(satisfied: f64, respondents: f64) -> Option<(f64, f64)> {
    if !(satisfied.is_finite() && respondents.is_finite() && respondents > 0.0 && satisfied >= 0.0) {
        return None;
    }
    if satisfied > respondents {
        return None;
    }
    wilson(satisfied / respondents, respondents)
}

/// Wilson score interval for a proportion `p` (0–1) at sample size `n`, returned on 0–100.
///
/// Source: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
/// inference", JASA 22:209–212; recommended over the textbook p ± z√(p(1−p)/n) by Brown, Cai &
/// DasGupta (2001), "Interval estimation for a binomial proportion", Statistical Science 16:101–133,
/// because it stays inside 0–100% and keeps close to 95% coverage for small n and rates near 100%,
/// which is where satisfaction surveys live.
///
///   centre     = (p + z²/2n) / (1 + z²/n)
///   half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
fn wilson(p: f64, n: f64) -> Option<(f64, f64)> {
    if !(n.is_finite() && n > 0.0 && p.is_finite() && (0.0..=1.0).contains(&p)) {
        return None;
    }
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half_width = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    // At p = 1 the upper bound is exactly 1 in exact arithmetic (centre + half-width =
    // (1 + z²/n)/(1 + z²/n)), and at p = 0 the lower bound is exactly 0; floating point leaves
    // 0.9999999999999999, which would print as "100%" but compare below 100. Pin them.
    let lower = if p <= 0.0 { 0.0 } else { (centre - half_width).max(0.0) };
    let upper = if p >= 1.0 { 1.0 } else { (centre + half_width).min(1.0) };
    Some((100.0 * lower, 100.0 * upper))
}

/// A rate's change from the previous period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Current share minus previous share, in percentage points; `None` when either is missing.
    pub delta_points: Option<f64>,
    /// The two Wilson 95% intervals do not overlap.
    ///
    /// A conservative rule: two intervals that do not overlap mean a real change, but two that do
    /// overlap can still hide one. For two rates with similar standard errors, non-overlap of 95%
    /// intervals corresponds to a test at about the 0.6% level rather than 5% (Schenker &
    /// Gentleman 2001, "On judging the significance of differences by examining the overlap
    /// between confidence intervals", The American Statistician 55:182–186). So a flagged change
    /// is a strong signal; an unflagged one is "not shown by this survey", not "no change".
    pub significant: bool,
}

/// Compare a rate with the same rate in the previous period.
pub fn compare(current: &Rate, previous: &Rate) -> Change {
    let delta_points = match (current.share, previous.share) {
        (Some(now), Some(before)) => Some(now - before),
        _ => None,
    };
    let significant = match (current.interval, previous.interval) {
        (Some((now_lower, now_upper)), Some((before_lower, before_upper))) => {
            now_lower > before_upper || now_upper < before_lower
        }
        _ => false,
    };
    Change { delta_points, significant }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance
    }

    fn bounds(rate: &Rate) -> (f64, f64) {
        rate.interval.expect("a rate with respondents has an interval")
    }

    #[test]
    fn no_respondents_means_no_share_and_no_interval() {
        let rate = Rate::from_counts(0, 0);
        assert_eq!(rate.share, None);
        assert_eq!(rate.interval, None);
        assert!(rate.too_few);
        assert_eq!(wilson_interval(0.0, 0.0), None);
    }

    #[test]
    fn typical_rate_170_of_200_by_hand() {
        // p = 170/200 = 0.85, n = 200, z = 1.959964, z² = 3.841458881
        // z²/n  = 0.019207294             → denominator 1 + z²/n = 1.019207294
        // centre = (0.85 + z²/2n) / 1.019207294 = (0.85 + 0.009603647) / 1.019207294 = 0.843404136
        // p(1−p)/n = 0.1275/200 = 0.0006375;  z²/4n² = 3.841458881/160000 = 0.000024009
        // half-width = 1.959964 × √0.000661509 / 1.019207294 = 1.959964 × 0.025719817 / 1.019207294
        //            = 0.049459929
        // bounds = 0.843404136 ∓ 0.049459929 = 0.793944207 … 0.892864065 → 79.3944% … 89.2864%
        let rate = Rate::from_counts(170, 200);
        assert_eq!(rate.share, Some(85.0));
        let (lower, upper) = bounds(&rate);
        assert!(close(lower, 79.3944, 0.00005), "lower {lower}");
        assert!(close(upper, 89.2864, 0.00005), "upper {upper}");
        assert!(!rate.too_few);
    }

    #[test]
    fn all_satisfied_reaches_exactly_100_and_starts_below_it() {
        // p = 1, n = 50: z²/n = 0.076829178; centre = (1 + 0.038414589)/1.076829178 = 0.964326200
        // half-width = z·√(z²/4n²)/1.076829178 = (z²/2n)/1.076829178 = 0.035673800
        // lower = 0.928652400 → 92.8652%; upper = 1 exactly → 100%
        let rate = Rate::from_counts(50, 50);
        assert_eq!(rate.share, Some(100.0));
        let (lower, upper) = bounds(&rate);
        assert_eq!(upper, 100.0);
        assert!(lower < 100.0);
        assert!(close(lower, 92.8652, 0.00005), "lower {lower}");
    }

    #[test]
    fn none_satisfied_starts_exactly_at_0() {
        // Mirror image of 50/50: lower exactly 0, upper 1 − 0.928652400 → 7.1348%.
        let (lower, upper) = bounds(&Rate::from_counts(0, 50));
        assert_eq!(lower, 0.0);
        assert!(close(upper, 7.1348, 0.00005), "upper {upper}");
    }

    #[test]
    fn more_satisfied_than_respondents_is_invalid_not_a_panic() {
        let rate = Rate::from_counts(12, 10);
        assert_eq!(rate.share, None);
        assert_eq!(rate.interval, None);
        assert_eq!(wilson_interval(12.0, 10.0), None);
        assert_eq!(wilson_interval(f64::NAN, 10.0), None);
        assert_eq!(wilson_interval(5.0, f64::INFINITY), None);
        assert_eq!(Rate::from_proportion(f64::NAN, 100.0).share, None);
        assert_eq!(Rate::from_proportion(0.5, -3.0).share, None);
    }

    #[test]
    fn too_few_below_30() {
        assert!(Rate::from_counts(25, 29).too_few);
        assert!(!Rate::from_counts(25, 30).too_few);
    }

    #[test]
    fn the_threshold_of_30_is_where_the_interval_is_still_about_plus_minus_13_points() {
        // The justification of TOO_FEW_RESPONDENTS, measured: p = 0.85 at n = 30 gives
        // centre (0.85 + 0.064024)/1.128049 = 0.810270 and half-width
        // 1.959964 × √(0.00425 + 0.001067)/1.128049 = 0.126694 → 68.36% … 93.70%.
        let (lower, upper) = wilson(0.85, 30.0).unwrap();
        assert!(close(lower, 68.36, 0.01), "lower {lower}");
        assert!(close(upper, 93.70, 0.01), "upper {upper}");
    }

    #[test]
    fn the_width_table_in_the_method_document() {
        // docs/survey-method.md §6: the interval around a rate of 85% at each sample size.
        for (n, lower, upper) in [
            (20.0, 63.96, 94.76),
            (30.0, 68.36, 93.70),
            (50.0, 72.64, 92.36),
            (100.0, 76.72, 90.69),
            (200.0, 79.39, 89.29),
            (400.0, 81.17, 88.17),
        ] {
            let (l, u) = wilson(0.85, n).unwrap();
            assert!(close(l, lower, 0.005) && close(u, upper, 0.005), "n = {n}: {l} … {u}");
        }
    }

    #[test]
    fn overlapping_intervals_are_not_a_significant_change() {
        // 170/200 → 79.3944 … 89.2864; 150/200 → 68.5659 … 80.4918: they overlap (79.39 < 80.49).
        let change = compare(&Rate::from_counts(170, 200), &Rate::from_counts(150, 200));
        assert!(close(change.delta_points.unwrap(), 10.0, 1e-9));
        assert!(!change.significant);
    }

    #[test]
    fn separate_intervals_are_a_significant_change_either_way() {
        // 130/200 → 58.1635 … 71.2712, wholly below 79.3944 … 89.2864.
        let rise = compare(&Rate::from_counts(170, 200), &Rate::from_counts(130, 200));
        assert!(close(rise.delta_points.unwrap(), 20.0, 1e-9));
        assert!(rise.significant);
        let fall = compare(&Rate::from_counts(130, 200), &Rate::from_counts(170, 200));
        assert!(close(fall.delta_points.unwrap(), -20.0, 1e-9));
        assert!(fall.significant);
    }

    #[test]
    fn change_against_a_missing_rate_is_unknown() {
        let change = compare(&Rate::from_counts(170, 200), &Rate::no_respondents());
        assert_eq!(change, Change { delta_points: None, significant: false });
    }

    #[test]
    fn position_against_the_85_line() {
        // 190/200 → 91.0422 … 97.2617: wholly above 85.
        assert_eq!(Rate::from_counts(190, 200).against(85.0), Some(LinePosition::ClearlyAbove));
        // 170/200 → 79.3944 … 89.2864: contains 85.
        assert_eq!(Rate::from_counts(170, 200).against(85.0), Some(LinePosition::Uncertain));
        // 130/200 → 58.1635 … 71.2712: wholly below.
        assert_eq!(Rate::from_counts(130, 200).against(85.0), Some(LinePosition::ClearlyBelow));
        assert_eq!(Rate::no_respondents().against(85.0), None);
    }

    #[test]
    fn the_side_of_the_line_is_the_measured_rate_and_the_interval_is_reported_apart() {
        // 166/200 = 83.0%, interval 77.1841 … 87.5721: below 85% as measured, interval across 85.
        let below = Rate::from_counts(166, 200);
        assert_eq!(below.meets(85.0), Some(false));
        assert!(below.interval_contains(85.0));
        // 172/200 = 86.0%, interval 80.5101 … 90.1330: at or above, interval across 85.
        let above = Rate::from_counts(172, 200);
        assert_eq!(above.meets(85.0), Some(true));
        assert!(above.interval_contains(85.0));
        // 190/200 (91.0422 … 97.2617): above and sure; exactly 85.0 meets the line.
        assert!(!Rate::from_counts(190, 200).interval_contains(85.0));
        assert_eq!(Rate::from_counts(170, 200).meets(85.0), Some(true));
        assert_eq!(Rate::no_respondents().meets(85.0), None);
        assert!(!Rate::no_respondents().interval_contains(85.0));
    }
}
