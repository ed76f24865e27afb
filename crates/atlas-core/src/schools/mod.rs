//! A school as a parent asks about it: does my child's school meet the standard, how big are
//! its classes, which schools are like it. Everything here reads a snapshot and the values
//! [`crate::indicators::compute`] found; the school page and the school card only print it.
//!
//! - [`verdict`]: the 优质均衡 per-school rule (6 of the 7 resource indicators meet their line, the
//!   seventh reaches 85% of it) spelled out: which indicator is missed and by how much.
//! - [`class_size`]: average class size of each stage against the 优质均衡 line (小学 ≤ 45,
//!   初中 ≤ 50) and the school's 大班额.
//! - [`similar`]: schools of the same type and similar enrolment, for context.
//! - [`places`]: approved places (核定学位数) against children, per school and per township
//!   (未报送 where not published, never 0).
//! - [`rank`]: a school's rank among the county's schools on one indicator, with its direction.

pub mod class_size;
pub mod places;
pub mod rank;
pub mod similar;
pub mod verdict;

pub use class_size::{class_sizes, ClassSize};
pub use places::{township_places, Places, TownshipPlaces};
pub use rank::{rank_order, school_rank, SchoolRank};
pub use similar::{similar_schools, SIMILAR_ENROLMENT_FACTOR};
pub use verdict::{school_verdicts, verdict, Outcome, SchoolVerdict, Shortfall};

use crate::indicators::{IndicatorValues, Standing};
use crate::snapshot::School;
use serde::Serialize;

/// Where a school stands on the standards that apply to it, taken together: the class-size
/// lines of its primary and junior stages and the per-school resource rule of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverallStanding {
    /// Every standard that applies is met.
    Meets,
    /// At least one is missed.
    Misses,
    /// None is missed, but some could not be judged (未报送).
    NotReported,
    /// No standard applies (a kindergarten, a senior high school) or the school has no students.
    NoStandard,
}

/// The standards one school is held to, and how it stands on each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchoolStandards {
    pub class_sizes: Vec<ClassSize>,
    /// The resource rule of each primary and junior stage with students.
    pub verdicts: Vec<SchoolVerdict>,
}

impl SchoolStandards {
    /// The standards of `school`, given the snapshot's computed values and its verdicts (from
    /// [`school_verdicts`], computed once for all schools).
    pub fn of(school: &School, values: &IndicatorValues, verdicts: &[SchoolVerdict]) -> SchoolStandards {
        SchoolStandards {
            class_sizes: class_sizes(school, values),
            verdicts: verdicts.iter().filter(|v| v.school_id == school.id).cloned().collect(),
        }
    }

    pub fn overall(&self) -> OverallStanding {
        let lines: Vec<&ClassSize> = self.class_sizes.iter().filter(|c| c.line.is_some()).collect();
        if lines.is_empty() && self.verdicts.is_empty() {
            return OverallStanding::NoStandard;
        }
        let missed = lines.iter().any(|c| c.above_line())
            || self.verdicts.iter().any(|v| v.outcome == Outcome::Misses);
        let unknown = lines.iter().any(|c| c.standing == Standing::NoData)
            || self.verdicts.iter().any(|v| v.outcome == Outcome::NotReported);
        match (missed, unknown) {
            (true, _) => OverallStanding::Misses,
            (false, true) => OverallStanding::NotReported,
            (false, false) => OverallStanding::Meets,
        }
    }

    /// Each standard missed or not judged, in a few words: "小学平均班额超过 45 人",
    /// "初中资源配置 5/7 项达标，未达到校级要求", "小学资源配置部分未报送". Empty when all are met.
    pub fn notes_zh(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for c in self.class_sizes.iter().filter(|c| c.line.is_some()) {
            let stage = c.stage.label_zh();
            match (c.standing, c.line) {
                (Standing::Below, Some(line)) => notes.push(format!("{stage}平均班额超过 {} 人", line.value)),
                (Standing::NoData, _) => notes.push(format!("{stage}班数未报送")),
                _ => {}
            }
        }
        for v in &self.verdicts {
            let stage = v.stage.label_zh();
            match v.outcome {
                Outcome::Meets => {}
                Outcome::Misses => {
                    notes.push(format!("{stage}资源配置 {}/{} 项达标，未达到校级要求", v.met, v.indicators))
                }
                Outcome::NotReported => notes.push(format!("{stage}资源配置部分未报送")),
            }
        }
        notes
    }

    /// [`Self::notes_zh`] in English.
    pub fn notes_en(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for c in self.class_sizes.iter().filter(|c| c.line.is_some()) {
            let stage = class_size::stage_en(c.stage);
            match (c.standing, c.line) {
                (Standing::Below, Some(line)) => {
                    notes.push(format!("{stage}: average class above {}", line.value))
                }
                (Standing::NoData, _) => notes.push(format!("{stage}: classes not reported")),
                _ => {}
            }
        }
        for v in &self.verdicts {
            let stage = class_size::stage_en(v.stage);
            match v.outcome {
                Outcome::Meets => {}
                Outcome::Misses => notes.push(format!(
                    "{stage}: resources {} of {} met, below the school standard",
                    v.met, v.indicators
                )),
                Outcome::NotReported => notes.push(format!("{stage}: resources partly not reported")),
            }
        }
        notes
    }
}
