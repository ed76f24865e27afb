//! Plan files: the quantifiable targets of a county's education plan (规划 / 行动计划), so the
//! portal can answer "did they do what they promised?".
//!
//! A plan file records the document (who issued it, when, which years it covers, where it was
//! published) and every target in it that can be put in numbers: the commitment in our own short
//! words (never the document's sentences), the indicator that measures it, the goal (at least /
//! at most a value, a level held every year, a yearly change, a ratio, a running total, a yes/no
//! milestone, a rank, or a placeholder of a template), the deadline, the baseline where the
//! document gives one, and the section of the document it comes from.
//!
//! Field names are English snake_case; categorical values (area, direction) are Chinese like the
//! rest of the format. `docs/plan-format.md` documents every field and the status rules;
//! `schemas/plan.schema.json` is generated from these types.
//!
//! - [`progress`] judges a target against observed values (achieved, on track, behind …).
//! - [`check`] validates a plan file beyond its shape (unique ids, known indicators, deadlines).

pub mod check;
pub mod progress;

pub use check::check_plan;
pub use progress::{
    plan_summary, progress, track_plan, Observation, PlanTracking, Progress, Status, Summary,
};

use crate::codes::{CountyCode, Date, TownshipCode};
use crate::lang::Lang;
use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The plan schema version this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// One plan document and its quantifiable targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version of this file; must be 1.
    pub schema_version: u32,
    /// The document: title, issuing body, years covered, where it was published.
    pub meta: PlanMeta,
    /// Every quantifiable target of the document, in the document's order.
    pub targets: Vec<Target>,
}

/// What the document is and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// Identifier, unique across the manifest: county code and years, e.g. `530426-2022-2024`;
    /// a template tied to no county uses `template-<start>-<end>`.
    pub id: String,
    /// County code (行政区划代码) of the county the plan is for; absent for a template (xx县).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_code: Option<CountyCode>,
    /// County name as officially written; absent for a template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_name: Option<String>,
    /// Title of the document as issued (a title is a name, not a sentence of the text).
    pub title: String,
    /// A short English name of the document for English pages, in our own words (e.g.
    /// `Pingyang County 14th Five-Year Plan for Education`); absent: English pages show `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The body that issued the document, when the published text names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_body: Option<String>,
    /// Document number (文号), e.g. `平政发〔2023〕36号`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// Date the document was adopted or signed, when the published text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// First calendar year the plan covers.
    pub start_year: i32,
    /// Last calendar year the plan covers.
    pub end_year: i32,
    /// Where the document was published or obtained, so a reader can find the original.
    pub source: String,
    /// True only for made-up plans (test fixtures, demonstrations), labelled 示例数据. The plan
    /// files of real documents are not sample data: their figures are the document's.
    #[serde(default)]
    pub sample: bool,
    /// How the targets are worded: always our own summary of the document, with the figures,
    /// deadlines and section numbers as the document gives them. Shown with the plan.
    pub wording_note: String,
    /// Free-text notes (draft status, inconsistencies found in the document, reading choices).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// One quantifiable target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Identifier unique within the plan, lowercase ASCII with `_` or `-`, e.g. `preschool_gross_2024`.
    pub id: String,
    /// Area of education the target belongs to.
    pub area: Area,
    /// The commitment in our own short words (not the document's sentence).
    pub commitment: String,
    /// The same commitment in our own short English words, for English pages; absent: English
    /// pages show `commitment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_en: Option<String>,
    /// Indicator id from the indicator table (computed or `reported`) that measures the target;
    /// absent when nothing published measures it, and then the target is not checkable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// What counts as meeting the target.
    pub goal: Goal,
    /// `YYYY` (that year's figures) or `YYYY-MM-DD`; absent only for rank and placeholder goals
    /// and for levels held with no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<PlanDate>,
    /// Starting value the document gives, with its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Unit of the goal's value as printed after a number, e.g. `%`, `间`, `万元`, `m²`; empty
    /// for milestones, ranks and placeholders.
    #[serde(default)]
    pub unit: String,
    /// Where the target stands in the document, e.g. `二(一)`, `附件2第9项`.
    pub section: String,
    /// Reading choices, inconsistencies, the relation between the document's wording and the
    /// indicator used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Code (统计用区划代码) of the township the target is about, when the document names one
    /// (建成化念镇第二幼儿园 → 化念镇). The township's page lists the target; an indicator that
    /// exists for townships is then read for this township instead of the county.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<TownshipCode>,
    /// Id (as in the snapshots) of the school the target is about, when the document names one.
    /// The school's page lists the target; an indicator that exists for schools is then read for
    /// this school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// True when the target is to open the school named by `school` (建成, 新建): a milestone
    /// without an indicator, reached in the first snapshot that lists the school with students.
    #[serde(default, skip_serializing_if = "is_false")]
    pub new_school: bool,
}

impl Target {
    /// Whether published data can measure the target: it has an indicator, or it opens a school
    /// (whose appearance in a snapshot is the measure).
    pub fn is_measured(&self) -> bool {
        self.indicator.is_some() || (self.new_school && self.school.is_some())
    }

    /// Whether the target is about school `school_id`.
    pub fn names_school(&self, school_id: &str) -> bool {
        self.school.as_deref() == Some(school_id)
    }

    /// Whether the target is about township `code`: it names the township, or one of
    /// `schools_there` (the ids of the township's schools).
    pub fn names_township(&self, code: &TownshipCode, schools_there: &[&str]) -> bool {
        self.township.as_ref() == Some(code)
            || self.school.as_deref().is_some_and(|id| schools_there.contains(&id))
    }
}

/// The starting value of a target as the document states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: f64,
    /// `YYYY` (that year's figures) or `YYYY-MM-DD`.
    pub date: PlanDate,
}

/// What counts as meeting a target. Written as an object whose `kind` names the variant, e.g.
/// `{"kind": "at_least", "value": 95.0}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// The value reaches at least `value` by the deadline (毛入园率 ≥95% by 2024).
    AtLeast { value: f64 },
    /// The value is at most `value` by the deadline (近视率 below 50% by 2025).
    AtMost { value: f64 },
    /// The value is at least `value` in every year from `from` to the deadline (or with no end).
    MaintainAtLeast { value: f64, from: PlanDate },
    /// The value is at most `value` in every year from `from` to the deadline (or with no end).
    MaintainAtMost { value: f64, from: PlanDate },
    /// The value moves in `direction` every year from `from` on: by `per_year` in the target's
    /// unit (近视率 down 1 percentage point a year), by `per_year` percent of the year before
    /// when `relative` (funding up 10% a year), or, without `per_year`, simply never against
    /// the direction (只增不减).
    YearlyChange {
        direction: Direction,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_year: Option<f64>,
        #[serde(default, skip_serializing_if = "is_false")]
        relative: bool,
        from: PlanDate,
    },
    /// A ratio written `a:b` as in the document (生机比 5.2:1) that must not exceed a/b by the
    /// deadline; the indicator gives the ratio's first term per one of the second.
    RatioAtMost { ratio: [f64; 2] },
    /// A ratio written `a:b` that must reach at least a/b by the deadline.
    RatioAtLeast { ratio: [f64; 2] },
    /// A running total counted from `from` (0 then) reaching `value` by the deadline (智慧教室
    /// 18 间 by 2024, 新增学位). The indicator must be that running total.
    Cumulative { value: f64, from: PlanDate },
    /// Something done by the deadline (通过国家义务教育优质均衡发展县评估认定). The indicator is
    /// 1 once done and 0 before.
    Milestone,
    /// A position among other counties or schools (进入全市第一梯队, 前4名): recorded, but not
    /// checkable from county data.
    Rank { position: String },
    /// A template's unfilled value (`xx%`): recorded, not quantifiable.
    Placeholder { written: String },
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Goal {
    /// The `kind` tag as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Goal::AtLeast { .. } => "at_least",
            Goal::AtMost { .. } => "at_most",
            Goal::MaintainAtLeast { .. } => "maintain_at_least",
            Goal::MaintainAtMost { .. } => "maintain_at_most",
            Goal::YearlyChange { .. } => "yearly_change",
            Goal::RatioAtMost { .. } => "ratio_at_most",
            Goal::RatioAtLeast { .. } => "ratio_at_least",
            Goal::Cumulative { .. } => "cumulative",
            Goal::Milestone => "milestone",
            Goal::Rank { .. } => "rank",
            Goal::Placeholder { .. } => "placeholder",
        }
    }

    /// The final value the target asks for, on the indicator's scale (a ratio `a:b` as a ÷ b;
    /// a milestone as 1). `None` for yearly changes, ranks and placeholders.
    pub fn target_value(&self) -> Option<f64> {
        match self {
            Goal::AtLeast { value }
            | Goal::AtMost { value }
            | Goal::MaintainAtLeast { value, .. }
            | Goal::MaintainAtMost { value, .. }
            | Goal::Cumulative { value, .. } => Some(*value),
            Goal::RatioAtMost { ratio } | Goal::RatioAtLeast { ratio } => ratio_value(*ratio),
            Goal::Milestone => Some(1.0),
            Goal::YearlyChange { .. } | Goal::Rank { .. } | Goal::Placeholder { .. } => None,
        }
    }

    /// Whether larger values are the good side of this goal; `None` for milestones, ranks and
    /// placeholders.
    pub fn higher_is_better(&self) -> Option<bool> {
        match self {
            Goal::AtLeast { .. }
            | Goal::MaintainAtLeast { .. }
            | Goal::RatioAtLeast { .. }
            | Goal::Cumulative { .. } => Some(true),
            Goal::AtMost { .. } | Goal::MaintainAtMost { .. } | Goal::RatioAtMost { .. } => Some(false),
            Goal::YearlyChange { direction, .. } => Some(*direction == Direction::Up),
            Goal::Milestone | Goal::Rank { .. } | Goal::Placeholder { .. } => None,
        }
    }

    /// A short statement of the goal for tables, e.g. `≥95%`, `每年≥97.5%`, `5.2:1 以下`,
    /// `每年下降1个百分点`, `完成`, `前4名`, `xx%（未填）`.
    pub fn label_zh(&self, unit: &str) -> String {
        let pp = if unit == "%" { "个百分点" } else { unit };
        match self {
            Goal::AtLeast { value } => format!("≥{}{unit}", number(*value)),
            Goal::AtMost { value } => format!("≤{}{unit}", number(*value)),
            Goal::MaintainAtLeast { value, .. } => format!("每年≥{}{unit}", number(*value)),
            Goal::MaintainAtMost { value, .. } => format!("每年≤{}{unit}", number(*value)),
            Goal::YearlyChange { direction, per_year, relative, .. } => {
                let verb = direction.label_zh();
                match (per_year, relative) {
                    (Some(p), true) => format!("每年{verb}{}%", number(*p)),
                    (Some(p), false) => format!("每年{verb}{}{pp}", number(*p)),
                    (None, _) => match direction {
                        Direction::Up => "逐年只增不减".to_string(),
                        Direction::Down => "逐年只降不升".to_string(),
                    },
                }
            }
            Goal::RatioAtMost { ratio } => format!("{}:{} 以内", number(ratio[0]), number(ratio[1])),
            Goal::RatioAtLeast { ratio } => format!("{}:{} 以上", number(ratio[0]), number(ratio[1])),
            Goal::Cumulative { value, .. } => format!("累计{}{unit}", number(*value)),
            Goal::Milestone => "完成".to_string(),
            Goal::Rank { position } => position.clone(),
            Goal::Placeholder { written } => format!("{written}（模板未填）"),
        }
    }
}

/// a ÷ b of a ratio written `a:b`, when both terms are finite and b is positive.
pub(crate) fn ratio_value(ratio: [f64; 2]) -> Option<f64> {
    let [a, b] = ratio;
    (a.is_finite() && b.is_finite() && b > 0.0).then(|| a / b)
}

/// `95`, `97.5`, `0.23`: Rust's shortest round-trip form, as a person writes a goal.
fn number(value: f64) -> String {
    format!("{value}")
}

vocabulary! {
    /// Direction of a yearly change.
    pub enum Direction {
        Up => "上升", key "up", zh "上升", en "up";
        Down => "下降", key "down", zh "下降", en "down";
    }
}

vocabulary! {
    /// Area of education a target belongs to; the /plan page groups targets by it.
    pub enum Area {
        /// 学前教育
        Preschool => "学前", key "preschool", zh "学前", en "Preschool";
        /// 义务教育 (primary and junior)
        Compulsory => "义务教育", key "compulsory", zh "义务教育", en "Compulsory education";
        /// 普通高中 and 高中阶段
        Senior => "高中", key "senior", zh "高中", en "Senior secondary";
        Vocational => "职业教育", key "vocational", zh "职业教育", en "Vocational education";
        Special => "特殊教育", key "special", zh "特殊教育", en "Special education";
        /// Teachers and principals
        Teachers => "教师", key "teachers", zh "教师", en "Teachers";
        /// Buildings, equipment, school places and ICT
        FacilitiesIct => "设施与信息化", key "facilities_ict", zh "设施与信息化", en "Facilities and ICT";
        /// Students' health: fitness, eyesight, mental health, PE time
        Health => "健康", key "health", zh "健康", en "Health";
        /// Public satisfaction (社会认可度 / 满意度)
        Satisfaction => "满意度", key "satisfaction", zh "满意度", en "Satisfaction";
        /// Funding
        Funding => "投入", key "funding", zh "投入", en "Funding";
        /// Governance, safety, supervision, family and community education
        Governance => "治理", key "governance", zh "治理", en "Governance";
    }
}

/// A point in time a plan names: a year `YYYY`, meaning that year's figures (the autumn census
/// of that year, the last the year will have), or a day `YYYY-MM-DD`.
///
/// Plans mostly say "到2024年"; statistics come once a year. So a year deadline is judged on the
/// first observation dated in that year or later, and on the straight-line path a year stands
/// for 31 December of that year (the latest day the plan allows).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct PlanDate(#[cfg_attr(feature = "schema", schemars(pattern(PLAN_DATE_PATTERN)))] pub String);

/// The shape of a plan date as a JSON Schema pattern; [`PlanDate::is_well_formed`] also checks
/// the calendar.
pub const PLAN_DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$";

impl PlanDate {
    pub fn year(year: i32) -> Self {
        PlanDate(format!("{year:04}"))
    }

    fn parsed(&self) -> Option<Point> {
        let s = self.0.as_str();
        if s.len() == 4 {
            let year: i32 = s.parse().ok()?;
            return (s.bytes().all(|b| b.is_ascii_digit())).then_some(Point::Year(year));
        }
        let date = Date(s.to_string());
        let (y, m, d) = date.parts()?;
        Some(Point::Day(y, m, d))
    }

    pub fn is_well_formed(&self) -> bool {
        self.parsed().is_some()
    }

    /// The calendar year named.
    pub fn calendar_year(&self) -> Option<i32> {
        match self.parsed()? {
            Point::Year(y) | Point::Day(y, _, _) => Some(y),
        }
    }

    /// Position on the time axis of the straight-line path, in fractional years: a year stands
    /// for 31 December of that year.
    pub fn as_fractional_year(&self) -> Option<f64> {
        match self.parsed()? {
            Point::Year(y) => Date(format!("{y:04}-12-31")).as_fractional_year(),
            Point::Day(..) => Date(self.0.clone()).as_fractional_year(),
        }
    }

    /// Where something counted from this point starts, in fractional years: a year stands for
    /// 1 January of that year (a running total "from 2022" counts everything built in 2022).
    pub fn start_as_fractional_year(&self) -> Option<f64> {
        match self.parsed()? {
            Point::Year(y) => Date(format!("{y:04}-01-01")).as_fractional_year(),
            Point::Day(..) => Date(self.0.clone()).as_fractional_year(),
        }
    }

    /// Whether an observation dated `date` is at or after this point: for a year, any day of
    /// that year or later (the year's figures); for a day, that day or later.
    pub fn is_reached_by(&self, date: &Date) -> Option<bool> {
        let (y, m, d) = date.parts()?;
        Some(match self.parsed()? {
            Point::Year(year) => y >= year,
            Point::Day(py, pm, pd) => (y, m, d) >= (py, pm, pd),
        })
    }

    /// Whether an observation dated `date` is at or before this point: for a year, any day of
    /// that year or earlier; for a day, that day or earlier.
    pub fn is_not_passed_by(&self, date: &Date) -> Option<bool> {
        let (y, m, d) = date.parts()?;
        Some(match self.parsed()? {
            Point::Year(year) => y <= year,
            Point::Day(py, pm, pd) => (y, m, d) <= (py, pm, pd),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlanDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    Year(i32),
    Day(i32, u32, u32),
}

impl PlanMeta {
    /// The document's name in `lang`: the English name where the file gives one, else the title
    /// as issued.
    pub fn title_in(&self, lang: Lang) -> &str {
        match (lang, &self.title_en) {
            (Lang::En, Some(english)) => english,
            _ => &self.title,
        }
    }
}

impl Target {
    /// The commitment in `lang`: the English words where the file gives them, else the Chinese.
    pub fn commitment_in(&self, lang: Lang) -> &str {
        match (lang, &self.commitment_en) {
            (Lang::En, Some(english)) => english,
            _ => &self.commitment,
        }
    }
}

impl Plan {
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// The plan as published: pretty JSON with a final newline.
    pub fn to_published_json(&self) -> Result<String, serde_json::Error> {
        crate::to_published_json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_its_figures_and_ends_on_31_december() {
        let y2024 = PlanDate::year(2024);
        assert_eq!(y2024.as_str(), "2024");
        assert_eq!(y2024.is_reached_by(&Date("2024-09-30".into())), Some(true));
        assert_eq!(y2024.is_reached_by(&Date("2023-12-31".into())), Some(false));
        assert_eq!(y2024.is_not_passed_by(&Date("2024-12-31".into())), Some(true));
        assert_eq!(y2024.is_not_passed_by(&Date("2025-01-01".into())), Some(false));
        // 2024-12-31 is day 366 of a leap year: 2024 + 365/366.
        assert_eq!(y2024.as_fractional_year(), Some(2024.0 + 365.0 / 366.0));
        let day = PlanDate("2025-08-31".into());
        assert_eq!(day.is_reached_by(&Date("2025-08-31".into())), Some(true));
        assert_eq!(day.is_reached_by(&Date("2025-08-30".into())), Some(false));
        assert!(!PlanDate("2025-02-30".into()).is_well_formed());
        assert!(!PlanDate("20x5".into()).is_well_formed());
        assert!(!PlanDate("+202".into()).is_well_formed());
    }

    #[test]
    fn goal_labels() {
        assert_eq!(Goal::AtLeast { value: 95.0 }.label_zh("%"), "≥95%");
        assert_eq!(
            Goal::YearlyChange {
                direction: Direction::Down,
                per_year: Some(1.0),
                relative: false,
                from: PlanDate::year(2021)
            }
            .label_zh("%"),
            "每年下降1个百分点"
        );
        assert_eq!(Goal::RatioAtMost { ratio: [5.2, 1.0] }.label_zh(""), "5.2:1 以内");
        assert_eq!(Goal::RatioAtMost { ratio: [5.2, 1.0] }.target_value(), Some(5.2));
        assert_eq!(Goal::RatioAtLeast { ratio: [1.0, 0.0] }.target_value(), None);
    }

    #[test]
    fn area_keys_are_ascii_unique_and_round_trip() {
        for area in Area::ALL {
            let key = area.key();
            assert!(key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{key}");
            assert_eq!(Area::from_key(key), Some(area));
        }
        assert_eq!(Area::FacilitiesIct.key(), "facilities_ict");
        assert_eq!(Area::from_key("学前"), None, "URLs carry the ASCII key, not the label");
    }

    #[test]
    fn goal_is_written_with_its_kind() {
        let goal: Goal = serde_json::from_str(r#"{"kind":"ratio_at_most","ratio":[5.2,1]}"#).unwrap();
        assert_eq!(goal, Goal::RatioAtMost { ratio: [5.2, 1.0] });
        let milestone: Goal = serde_json::from_str(r#"{"kind":"milestone"}"#).unwrap();
        assert_eq!(milestone, Goal::Milestone);
        let err = serde_json::from_str::<Goal>(r#"{"kind":"at_least","value":1,"extra":2}"#);
        assert!(err.is_err(), "unknown fields inside a goal are refused");
        assert_eq!(serde_json::to_string(&Goal::Milestone).unwrap(), r#"{"kind":"milestone"}"#);
    }
}
