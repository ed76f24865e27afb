//! What an indicator measures: each entry of the table names its [`Measure`], so the table alone
//! says how every value is obtained and `compute` never looks an indicator up by its id.

use super::Basis;
use crate::snapshot::{Ownership, Stage};
use serde::Serialize;

/// How an indicator's value is obtained: the formula of a computed indicator, or where a reported
/// or survey value is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Students of one stage, or of all stages.
    Students(Option<Stage>),
    Schools,
    Teachers,
    /// Children in the preschool stage of schools of one ownership.
    PreschoolChildren(Ownership),
    /// Classes of 56 or more as a share of all primary, junior and senior classes.
    LargeClassShare,
    AverageClassSize(Stage),
    PreschoolGrossEnrolment,
    InclusiveCoverage,
    PublicShare,
    StudentTeacherRatio(Stage),
    BackboneShare,
    SeniorTitleShare,
    /// A resource per student (or per 100 students) of one stage.
    PerStudent(Resource, Stage),
    /// The enrolment-weighted 校际差异系数 of a per-student resource.
    BalanceCv(Resource, Stage),
    /// Share of the stage's schools that pass the 优质均衡 per-school rule.
    SchoolsMeetingStandard(Stage),
    /// Read from the snapshot's `reported` rows under the indicator's id.
    Reported,
    /// The 社会认可度 rate of the snapshot's survey.
    SocialRecognition,
}

impl Measure {
    /// Where the value comes from.
    pub const fn basis(self) -> Basis {
        match self {
            Measure::Reported => Basis::Reported,
            Measure::SocialRecognition => Basis::Survey,
            _ => Basis::Computed,
        }
    }

    /// The stage the measure is restricted to, when it is.
    pub const fn stage(self) -> Option<Stage> {
        match self {
            Measure::Students(stage) => stage,
            Measure::AverageClassSize(stage)
            | Measure::StudentTeacherRatio(stage)
            | Measure::PerStudent(_, stage)
            | Measure::BalanceCv(_, stage)
            | Measure::SchoolsMeetingStandard(stage) => Some(stage),
            Measure::PreschoolChildren(_)
            | Measure::PreschoolGrossEnrolment
            | Measure::InclusiveCoverage
            | Measure::PublicShare => Some(Stage::Preschool),
            _ => None,
        }
    }
}

/// The resources behind the per-student indicators of primary and junior schools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    DegreeTeachers,
    BackboneTeachers,
    PeArtTeachers,
    FloorArea,
    SportsArea,
    EquipmentValue,
    MultimediaClassrooms,
    Books,
}

impl Resource {
    /// Stated per 100 students (teachers, classrooms) or per student (areas, yuan, books).
    pub const fn per_students(self) -> f64 {
        match self {
            Resource::DegreeTeachers
            | Resource::BackboneTeachers
            | Resource::PeArtTeachers
            | Resource::MultimediaClassrooms => 100.0,
            Resource::FloorArea | Resource::SportsArea | Resource::EquipmentValue | Resource::Books => 1.0,
        }
    }

    /// A school facility (unknown when the school gave no `facilities`), not a teacher count.
    pub const fn is_facility(self) -> bool {
        !matches!(self, Resource::DegreeTeachers | Resource::BackboneTeachers | Resource::PeArtTeachers)
    }

    /// One of the seven resource indicators of the 优质均衡 standard (books are not).
    pub const fn in_balance_standard(self) -> bool {
        !matches!(self, Resource::Books)
    }
}
