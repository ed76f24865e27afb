//! How respondent groups are combined into one rate: the overall county rate, each question area's
//! rate across groups and each township's rate all go through [`combine`], with one [`Rule`].
//!
//! The rule: weights stated in `meta.survey_method.group_weights` win when they can be used;
//! otherwise every respondent counts once (each group weighs in proportion to its respondents).
//! `docs/survey-method.md` explains the choice for a reader; the reasoning is repeated here.
//!
//! Why respondent counts by default, rather than equal group weights:
//! - A deputy can recompute it from the published table with a calculator: when every respondent
//!   answered the same question areas it is simply all satisfied answers over all answers.
//! - It is the most precise estimate the survey allows (no loss from weighting; see below).
//! - Equal weights would make the dozen or so 人大代表 or 政协委员 answers count as much as several
//!   hundred parents' answers, so the headline would jump by points when one deputy changes their
//!   mind. That is a choice of policy, and a bureau that wants it states it in the meta weights.
//!
//! The cost: the pooled rate follows how the sample was allocated (more parents asked, more
//! weight on parents). The per-group rates are always shown beside it, so a group that pulls the
//! headline up or down is visible.
//!
//! The interval of a combined rate uses Kish's effective sample size (L. Kish (1992), "Weighting
//! for unequal Pᵢ", Journal of Official Statistics 8:183–200): with each respondent in group g
//! carrying weight W_g/n_g (group weights W_g normalised to sum to 1),
//!   n_eff = (Σ weights)² / Σ weights² = 1 / Σ_g (W_g² / n_g),
//! and the Wilson interval is taken at p = Σ W_g·p_g with n = n_eff. With the default rule
//! (W_g = n_g / N) this gives n_eff = N, the plain pooled interval. It assumes the groups' answers
//! vary about equally, an approximation stated in the method document; it stays defined (and
//! gives an upper bound of exactly 100%) when every group is fully satisfied, which a
//! variance-based effective size would not.

use super::rate::Rate;
use crate::snapshot::{RespondentGroup, SurveyMethod};
use crate::vocabulary::vocabulary;
use serde::Serialize;
use std::collections::BTreeMap;

vocabulary! {
    /// Where the weighting of the overall rate came from.
    pub enum WeightingSource {
        /// `meta.survey_method.group_weights`, as the bureau stated them.
        Meta => "meta",
            zh "按发布方在数据说明中给定的各类调查对象权重加权",
            en "weighted by the group weights the publisher states in the snapshot's meta";
        /// The default: each group in proportion to its respondents (every respondent counts once).
        RespondentCounts => "respondent_counts",
            zh "默认方法：按各类调查对象的实际人数合并（每位受访者计一次）",
            en "default: groups pooled by their respondent counts (every respondent counts once)";
        /// The meta weights could not be used (a negative or non-finite weight, or no weight on any
        /// surveyed group), so the default applies. The page says so.
        RespondentCountsMetaUnusable => "respondent_counts_meta_unusable",
            zh "数据说明中的权重无法使用（负数、非有限数或所有已调查群体权重为零），改用默认方法：按实际人数合并",
            en "the meta weights cannot be used (negative, non-finite, or zero for every surveyed group); default pooling by respondent counts applies";
    }
}

/// One group's part in a combined rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupWeight {
    pub group: RespondentGroup,
    /// Normalised weight, 0–1; the weights of a combined rate sum to 1.
    pub weight: f64,
    /// The group's respondents (people).
    pub respondents: f64,
}

impl GroupWeight {
    /// The weight on the 0–100 scale every percentage of the portal uses (0.25 → 25.0), for
    /// the method box.
    pub fn percent(&self) -> f64 {
        100.0 * self.weight
    }
}

/// The weighting applied to the overall county rate, for the method box and the briefing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weighting {
    pub source: WeightingSource,
    /// Groups that entered the overall rate, in `RespondentGroup::ALL` order.
    pub groups: Vec<GroupWeight>,
}

/// The weighting rule in force for one snapshot.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Rule {
    RespondentCounts,
    /// Stated weights, unnormalised, all finite and ≥ 0. Groups not listed weigh 0: they are
    /// shown on their own but do not enter combined rates.
    Stated(BTreeMap<RespondentGroup, f64>),
}

impl Rule {
    /// Whether two snapshots weighted their groups the same way (stated weights compared after
    /// normalising, so 2:2 equals 1:1).
    pub fn same_as(&self, other: &Rule) -> bool {
        match (self, other) {
            (Rule::RespondentCounts, Rule::RespondentCounts) => true,
            (Rule::Stated(a), Rule::Stated(b)) => {
                let (sum_a, sum_b) = (a.values().sum::<f64>(), b.values().sum::<f64>());
                RespondentGroup::ALL.iter().all(|g| {
                    let wa = a.get(g).copied().unwrap_or(0.0) / sum_a;
                    let wb = b.get(g).copied().unwrap_or(0.0) / sum_b;
                    (wa - wb).abs() < 1e-9
                })
            }
            _ => false,
        }
    }
}

/// The rule for a snapshot: stated weights when usable, else the default. `surveyed` are the
/// groups with respondents anywhere in the survey (county-wide or township rows).
pub(crate) fn resolve(
    method: Option<&SurveyMethod>,
    surveyed: &[RespondentGroup],
) -> (Rule, WeightingSource) {
    let Some(stated) = method.and_then(|m| m.group_weights.as_ref()) else {
        return (Rule::RespondentCounts, WeightingSource::RespondentCounts);
    };
    let all_valid = stated.values().all(|w| w.is_finite() && *w >= 0.0);
    let sum: f64 = stated.values().sum();
    let weighs_a_surveyed_group = surveyed.iter().any(|g| stated.get(g).is_some_and(|w| *w > 0.0));
    if all_valid && sum.is_finite() && weighs_a_surveyed_group {
        (Rule::Stated(stated.clone()), WeightingSource::Meta)
    } else {
        (Rule::RespondentCounts, WeightingSource::RespondentCountsMetaUnusable)
    }
}

/// Combine group rates into one. Parts without respondents or without a share are left out and
/// the weights of the rest are normalised. If no part carries weight the result has no share
/// (for instance a township where only groups the stated weights leave out were asked).
pub(crate) fn combine(rule: &Rule, parts: &[(RespondentGroup, Rate)]) -> (Rate, Vec<GroupWeight>) {
    struct Part {
        group: RespondentGroup,
        raw_weight: f64,
        rate: Rate,
    }
    let usable: Vec<Part> = parts
        .iter()
        .filter(|(_, rate)| rate.share.is_some() && rate.respondents > 0.0)
        .map(|(group, rate)| {
            let raw_weight = match rule {
                Rule::RespondentCounts => rate.respondents,
                Rule::Stated(weights) => weights.get(group).copied().unwrap_or(0.0),
            };
            Part { group: *group, raw_weight, rate: rate.clone() }
        })
        .filter(|part| part.raw_weight > 0.0)
        .collect();
    let total_weight: f64 = usable.iter().map(|part| part.raw_weight).sum();
    if !(total_weight.is_finite() && total_weight > 0.0) {
        return (Rate::no_respondents(), Vec::new());
    }
    let weights: Vec<GroupWeight> = usable
        .iter()
        .map(|part| GroupWeight {
            group: part.group,
            weight: part.raw_weight / total_weight,
            respondents: part.rate.respondents,
        })
        .collect();
    let (proportion, effective_respondents) = match rule {
        // Σ W_g·p_g with W_g = n_g/N is Σ satisfied / N, and 1/Σ(W_g²/n_g) is N: compute them
        // that way so the default rate equals the plain pooled count to the last bit.
        Rule::RespondentCounts => {
            let satisfied: f64 = usable.iter().map(|part| part.rate.satisfied).sum();
            (satisfied / total_weight, total_weight)
        }
        Rule::Stated(_) => {
            let proportion: f64 = usable
                .iter()
                .zip(&weights)
                .map(|(part, w)| w.weight * part.rate.satisfied / part.rate.respondents)
                .sum();
            let sum_w2_over_n: f64 = weights.iter().map(|w| w.weight * w.weight / w.respondents).sum();
            (proportion, 1.0 / sum_w2_over_n)
        }
    };
    // Rounding can leave a proportion of 1.0000000000000002 when every group is fully satisfied.
    (Rate::from_proportion(proportion.clamp(0.0, 1.0), effective_respondents), weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RespondentGroup::{Deputies, Parents, Students};

    fn stated(pairs: &[(RespondentGroup, f64)]) -> SurveyMethod {
        SurveyMethod { notes: String::new(), group_weights: Some(pairs.iter().copied().collect()) }
    }

    #[test]
    fn no_meta_weights_means_the_default() {
        assert_eq!(resolve(None, &[Parents]), (Rule::RespondentCounts, WeightingSource::RespondentCounts));
        let notes_only = SurveyMethod { notes: "线上问卷".into(), group_weights: None };
        assert_eq!(resolve(Some(&notes_only), &[Parents]).1, WeightingSource::RespondentCounts);
    }

    #[test]
    fn usable_meta_weights_win() {
        let method = stated(&[(Parents, 3.0), (Deputies, 1.0)]);
        assert_eq!(resolve(Some(&method), &[Parents, Deputies]).1, WeightingSource::Meta);
    }

    #[test]
    fn unusable_meta_weights_fall_back_to_the_default_and_say_so() {
        for method in [
            stated(&[(Parents, -1.0), (Deputies, 2.0)]),
            stated(&[(Parents, f64::NAN)]),
            stated(&[(Parents, f64::INFINITY)]),
            stated(&[]),
            // Weight only on a group nobody in the survey belongs to.
            stated(&[(Students, 1.0), (Parents, 0.0)]),
        ] {
            assert_eq!(
                resolve(Some(&method), &[Parents, Deputies]),
                (Rule::RespondentCounts, WeightingSource::RespondentCountsMetaUnusable),
                "{method:?}"
            );
        }
    }

    #[test]
    fn stated_rules_compare_after_normalising() {
        let a = Rule::Stated([(Parents, 2.0), (Deputies, 2.0)].into_iter().collect());
        let b = Rule::Stated([(Parents, 1.0), (Deputies, 1.0)].into_iter().collect());
        let c = Rule::Stated([(Parents, 3.0), (Deputies, 1.0)].into_iter().collect());
        assert!(a.same_as(&b));
        assert!(!a.same_as(&c));
        assert!(!a.same_as(&Rule::RespondentCounts));
        assert!(Rule::RespondentCounts.same_as(&Rule::RespondentCounts));
    }

    #[test]
    fn default_pooling_is_the_plain_pooled_count() {
        // 家长 170/200 and 人大代表 12/20 → 182/220 = 82.7273%, n = 220, as if one group.
        let parts = [(Parents, Rate::from_counts(170, 200)), (Deputies, Rate::from_counts(12, 20))];
        let (rate, weights) = combine(&Rule::RespondentCounts, &parts);
        assert_eq!(rate, Rate::from_counts(182, 220));
        assert_eq!(weights.len(), 2);
        assert!((weights[0].weight - 200.0 / 220.0).abs() < 1e-12);
        assert!((weights[1].weight - 20.0 / 220.0).abs() < 1e-12);
    }

    #[test]
    fn stated_weights_and_kish_effective_size() {
        // Weights 3:1 → W = 0.75 (家长, p = 0.85, n = 200) and 0.25 (人大代表, p = 0.6, n = 20).
        // p = 0.75 × 0.85 + 0.25 × 0.6 = 0.6375 + 0.15 = 0.7875
        // n_eff = 1 / (0.75²/200 + 0.25²/20) = 1 / (0.0028125 + 0.003125) = 1 / 0.0059375 = 168.4211
        // Wilson at p = 0.7875, n = 168.4211: z²/n = 0.022809, centre = 0.781089,
        // half-width = 0.061424 → 71.9665% … 84.2512%.
        let rule = Rule::Stated([(Parents, 3.0), (Deputies, 1.0)].into_iter().collect());
        let parts = [(Parents, Rate::from_counts(170, 200)), (Deputies, Rate::from_counts(12, 20))];
        let (rate, _) = combine(&rule, &parts);
        assert!((rate.share.unwrap() - 78.75).abs() < 1e-9);
        assert!((rate.respondents - 168.4211).abs() < 0.0001);
        let (lower, upper) = rate.interval.unwrap();
        assert!((lower - 71.9665).abs() < 0.00005, "lower {lower}");
        assert!((upper - 84.2512).abs() < 0.00005, "upper {upper}");
    }

    #[test]
    fn groups_the_stated_weights_leave_out_do_not_enter() {
        let rule = Rule::Stated([(Parents, 1.0)].into_iter().collect());
        let parts = [(Parents, Rate::from_counts(170, 200)), (Deputies, Rate::from_counts(12, 20))];
        let (rate, weights) = combine(&rule, &parts);
        assert_eq!(rate, Rate::from_counts(170, 200));
        assert_eq!(weights, vec![GroupWeight { group: Parents, weight: 1.0, respondents: 200.0 }]);
        // Only left-out groups present: no combined rate.
        let (rate, weights) = combine(&rule, &[(Deputies, Rate::from_counts(12, 20))]);
        assert_eq!(rate.share, None);
        assert!(weights.is_empty());
    }

    #[test]
    fn a_weight_reads_as_a_percentage() {
        // 家长 200 and 人大代表 20 pooled by default: 200/220 = 0.909091 → 90.9091%,
        // 20/220 = 0.090909 → 9.0909%; the two add up to 100.
        let parts = [(Parents, Rate::from_counts(170, 200)), (Deputies, Rate::from_counts(12, 20))];
        let (_, weights) = combine(&Rule::RespondentCounts, &parts);
        assert!((weights[0].percent() - 90.9091).abs() < 0.00005);
        assert!((weights[1].percent() - 9.0909).abs() < 0.00005);
        assert!((weights[0].percent() + weights[1].percent() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn all_groups_fully_satisfied_still_has_an_interval_ending_at_100() {
        let rule = Rule::Stated([(Parents, 1.0), (Deputies, 1.0)].into_iter().collect());
        let parts = [(Parents, Rate::from_counts(200, 200)), (Deputies, Rate::from_counts(20, 20))];
        let (rate, _) = combine(&rule, &parts);
        let (lower, upper) = rate.interval.unwrap();
        assert_eq!(upper, 100.0);
        assert!(lower < 100.0);
    }
}
