//! Social-satisfaction (社会认可度) statistics: the satisfied share of each respondent group, question
//! area and township, the overall county rate, each with a Wilson 95% interval, a "too few
//! respondents" flag, and the change against the previous survey.
//!
//! The method for a reader (a deputy, a journalist) is `docs/survey-method.md`; each rule's
//! reasoning also sits next to its code:
//! - `rate.rs`: the Wilson interval, the too-few threshold, the change rule;
//! - `rows.rs`: the Likert rule and rows that cannot be used;
//! - `weighting.rs`: how groups combine into the overall rate and its effective sample size;
//! - `summary.rs`: how county-wide and township rows relate, and groups across question areas;
//! - `trend.rs`: the survey across school years;
//! - `weak_spots.rs`: every rate below the line, and the briefing's headline.

mod rate;
mod rows;
mod summary;
mod trend;
mod weak_spots;
mod weighting;

pub use rate::{compare, wilson_interval, Change, LinePosition, Rate, TOO_FEW_RESPONDENTS, Z_95};
pub use rows::{likert_counts, row_counts, Counts, ExcludedRow, RowProblem};
pub use summary::{
    summarise, AreaRate, CellRate, GroupRate, RespondentTotals, SurveySummary, TownshipRate, WEAKEST_SHOWN,
};
pub use trend::{trend, GroupTrend, TrendPoint};
pub use weak_spots::{below_line, headline, RateBelow, RateSubject, HEADLINE_NAMED};
pub use weighting::{GroupWeight, Weighting, WeightingSource};

use crate::codes::TownshipCode;
use crate::snapshot::Snapshot;

/// The county's overall satisfied share on 0–100 (the indicator `social_recognition_rate`), or
/// `None` without a survey or without county-wide rows.
pub fn county_rate(snapshot: &Snapshot) -> Option<f64> {
    summarise(snapshot)?.overall.share
}

/// One township's satisfied share on 0–100, from the township rows only, or `None` when the
/// survey has no usable rows for it.
pub fn township_rate(snapshot: &Snapshot, code: &TownshipCode) -> Option<f64> {
    summarise(snapshot)?.by_township.into_iter().find(|t| &t.code == code)?.rate.share
}
