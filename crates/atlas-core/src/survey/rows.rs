//! From published survey rows to counts: the Likert rule, rows that cannot be used, and the
//! tally of counts per respondent group × question area, with county-wide rows and township rows
//! kept apart so that neither is ever added into the other.

use super::rate::Rate;
use crate::codes::TownshipCode;
use crate::snapshot::{Likert, RespondentGroup, Survey, SurveyArea, SurveyResult};
use crate::vocabulary::vocabulary;
use serde::Serialize;
use std::collections::BTreeMap;

/// Satisfied people out of respondents, as whole counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub satisfied: u64,
    pub respondents: u64,
}

impl Counts {
    pub fn rate(self) -> Rate {
        Rate::from_counts(self.satisfied, self.respondents)
    }

    pub(crate) fn add(&mut self, other: Counts) {
        // u64 sums of u32 counts: 2^32 rows of u32::MAX would be needed to overflow; saturate
        // anyway so no input can panic.
        self.satisfied = self.satisfied.saturating_add(other.satisfied);
        self.respondents = self.respondents.saturating_add(other.respondents);
    }
}

/// The Likert rule: satisfied (认可) = 非常满意 + 满意. 一般 (neutral) counts as not satisfied.
///
/// Why: the 社会认可度 question asks whether a person approves (认可); "一般" is not approval, and a
/// rate compared with an 85% line must count only people who said yes. Counting 一般 as satisfied
/// would turn indifference into endorsement and flatter exactly the figure deputies are checking.
/// A county whose questionnaire scores differently publishes `respondents` + `satisfied` instead
/// of `likert`, and those counts are used as given.
pub fn likert_counts(likert: &Likert) -> Counts {
    Counts { satisfied: likert.very_satisfied as u64 + likert.satisfied as u64, respondents: likert.total() }
}

vocabulary! {
    /// Why a survey row was left out of every figure.
    pub enum RowProblem {
        /// Neither `respondents` + `satisfied` nor `likert`.
        NoCounts => "no_counts",
            zh "既没有调查人数和满意人数，也没有五级量表分布",
            en "neither respondents + satisfied nor a Likert distribution";
        /// `respondents` without `satisfied`.
        SatisfiedMissing => "satisfied_missing", zh "有调查人数但缺少满意人数", en "respondents given without satisfied";
        /// `satisfied` without `respondents`.
        RespondentsMissing => "respondents_missing", zh "有满意人数但缺少调查人数", en "satisfied given without respondents";
        /// More satisfied people than respondents.
        SatisfiedExceedsRespondents => "satisfied_exceeds_respondents",
            zh "满意人数大于调查人数",
            en "more satisfied than respondents";
        /// Counts and a Likert distribution that say different things.
        LikertDisagrees => "likert_disagrees",
            zh "调查人数或满意人数与五级量表分布不一致",
            en "respondents or satisfied disagree with the Likert distribution (satisfied = 非常满意 + 满意)";
    }
}

/// A row left out of the figures, so the page can say so next to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExcludedRow {
    /// Index in `satisfaction.results`.
    pub index: usize,
    /// Field path, e.g. `satisfaction.results[3]`.
    pub path: String,
    pub problem: RowProblem,
}

/// The counts a row stands for, or why it cannot be used.
///
/// A row gives `respondents` + `satisfied`, or `likert`. When it gives both, the counts must agree
/// with the Likert rule (we cannot tell which one is right otherwise).
pub fn row_counts(row: &SurveyResult) -> Result<Counts, RowProblem> {
    let from_likert = row.likert.as_ref().map(likert_counts);
    match (row.respondents, row.satisfied, from_likert) {
        (None, None, None) => Err(RowProblem::NoCounts),
        (Some(_), None, None) => Err(RowProblem::SatisfiedMissing),
        (None, Some(_), None) => Err(RowProblem::RespondentsMissing),
        (Some(respondents), Some(satisfied), None) => {
            if satisfied > respondents {
                Err(RowProblem::SatisfiedExceedsRespondents)
            } else {
                Ok(Counts { satisfied: satisfied as u64, respondents: respondents as u64 })
            }
        }
        (respondents, satisfied, Some(likert)) => {
            let respondents_agree = respondents.is_none_or(|r| r as u64 == likert.respondents);
            let satisfied_agrees = satisfied.is_none_or(|s| s as u64 == likert.satisfied);
            if respondents_agree && satisfied_agrees {
                Ok(likert)
            } else {
                Err(RowProblem::LikertDisagrees)
            }
        }
    }
}

/// Counts per respondent group × question area.
pub(crate) type Cells = BTreeMap<(RespondentGroup, SurveyArea), Counts>;

/// Every usable row's counts, county-wide rows and township rows apart.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    /// Rows without a township: the county-wide survey. County figures come only from here.
    pub county: Cells,
    /// Rows with a township: a breakdown, never added into `county`.
    pub townships: BTreeMap<TownshipCode, Cells>,
    pub excluded: Vec<ExcludedRow>,
}

impl Tally {
    /// Rows with the same group, area and township are added together (two batches of
    /// questionnaires, say).
    pub fn of(survey: &Survey) -> Tally {
        let mut tally = Tally::default();
        for (index, row) in survey.results.iter().enumerate() {
            let counts = match row_counts(row) {
                Ok(counts) => counts,
                Err(problem) => {
                    let path = format!("satisfaction.results[{index}]");
                    tally.excluded.push(ExcludedRow { index, path, problem });
                    continue;
                }
            };
            let cells = match &row.township {
                None => &mut tally.county,
                Some(code) => tally.townships.entry(code.clone()).or_default(),
            };
            cells.entry((row.group, row.area)).or_default().add(counts);
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(respondents: Option<u32>, satisfied: Option<u32>, likert: Option<Likert>) -> SurveyResult {
        SurveyResult {
            group: RespondentGroup::Parents,
            area: SurveyArea::Quality,
            township: None,
            respondents,
            satisfied,
            likert,
        }
    }

    fn likert_100() -> Likert {
        // 非常满意 40 + 满意 45 = 85 satisfied; 一般 10, 不满意 3, 非常不满意 2 are not; 100 in all.
        Likert { very_satisfied: 40, satisfied: 45, neutral: 10, dissatisfied: 3, very_dissatisfied: 2 }
    }

    #[test]
    fn likert_counts_the_top_two_answers_and_not_neutral() {
        assert_eq!(likert_counts(&likert_100()), Counts { satisfied: 85, respondents: 100 });
        let all_neutral = Likert { neutral: 30, ..Likert::default() };
        assert_eq!(likert_counts(&all_neutral), Counts { satisfied: 0, respondents: 30 });
    }

    #[test]
    fn a_row_gives_counts_or_a_likert_distribution() {
        assert_eq!(
            row_counts(&row(Some(200), Some(170), None)),
            Ok(Counts { satisfied: 170, respondents: 200 })
        );
        assert_eq!(
            row_counts(&row(None, None, Some(likert_100()))),
            Ok(Counts { satisfied: 85, respondents: 100 })
        );
        // Both, agreeing with the rule: fine.
        assert_eq!(
            row_counts(&row(Some(100), Some(85), Some(likert_100()))),
            Ok(Counts { satisfied: 85, respondents: 100 })
        );
    }

    #[test]
    fn unusable_rows_say_why() {
        assert_eq!(row_counts(&row(None, None, None)), Err(RowProblem::NoCounts));
        assert_eq!(row_counts(&row(Some(10), None, None)), Err(RowProblem::SatisfiedMissing));
        assert_eq!(row_counts(&row(None, Some(10), None)), Err(RowProblem::RespondentsMissing));
        assert_eq!(row_counts(&row(Some(10), Some(12), None)), Err(RowProblem::SatisfiedExceedsRespondents));
        // 95 satisfied would count 一般 as satisfied: not our rule, so the row disagrees.
        assert_eq!(
            row_counts(&row(Some(100), Some(95), Some(likert_100()))),
            Err(RowProblem::LikertDisagrees)
        );
        assert_eq!(row_counts(&row(Some(120), None, Some(likert_100()))), Err(RowProblem::LikertDisagrees));
    }

    #[test]
    fn the_tally_keeps_county_and_township_rows_apart_and_lists_what_it_left_out() {
        let mut township_row = row(Some(100), Some(80), None);
        township_row.township = Some(TownshipCode::from("530426100"));
        let survey = Survey {
            results: vec![
                row(Some(200), Some(170), None),
                township_row,
                row(Some(10), Some(12), None),
                row(Some(100), Some(90), None),
            ],
        };
        let tally = Tally::of(&survey);
        let key = (RespondentGroup::Parents, SurveyArea::Quality);
        // Rows 0 and 3 are the same county cell: 170 + 90 of 200 + 100. Row 1 is not in it.
        assert_eq!(tally.county.get(&key), Some(&Counts { satisfied: 260, respondents: 300 }));
        assert_eq!(
            tally.townships.get(&TownshipCode::from("530426100")).and_then(|cells| cells.get(&key)),
            Some(&Counts { satisfied: 80, respondents: 100 })
        );
        assert_eq!(
            tally.excluded,
            vec![ExcludedRow {
                index: 2,
                path: "satisfaction.results[2]".to_string(),
                problem: RowProblem::SatisfiedExceedsRespondents
            }]
        );
    }
}
