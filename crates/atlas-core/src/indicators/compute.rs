//! Computing a snapshot's indicator values at county, township and school level.
//!
//! Everything starts from school-stage units: one per stage record of each school. Students,
//! classes and teachers are recorded per stage already; whole-school facilities are apportioned
//! to each stage by the stage's share of the school's students, so a 九年一贯制 school with 300
//! primary and 200 junior students gives 60% of its floor area to its primary unit. A township's
//! or the county's value is then a ratio of totals over its units (Σ resource ÷ Σ students),
//! never an average of school ratios.

use super::{evaluate, IndicatorDef, Level, Measure, Resource, Standing, INDICATORS};
use crate::codes::TownshipCode;
use crate::snapshot::{Ownership, ReportLevel, ReportedValue, School, Snapshot, Stage, StageRecord};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a value is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    County,
    Township(&'a TownshipCode),
    /// A school, by its `id`.
    School(&'a str),
}

/// Every value [`compute`] found. A value is absent when the indicator does not exist at that
/// level, its denominator is 0, or its input (population, a reported row) is missing.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IndicatorValues {
    county: BTreeMap<&'static str, f64>,
    townships: BTreeMap<TownshipCode, BTreeMap<&'static str, f64>>,
    schools: BTreeMap<String, BTreeMap<&'static str, f64>>,
}

impl IndicatorValues {
    pub fn county(&self, id: &str) -> Option<f64> {
        self.county.get(id).copied()
    }

    pub fn township(&self, id: &str, township: &TownshipCode) -> Option<f64> {
        self.townships.get(township)?.get(id).copied()
    }

    pub fn school(&self, id: &str, school_id: &str) -> Option<f64> {
        self.schools.get(school_id)?.get(id).copied()
    }

    pub fn get(&self, id: &str, scope: Scope<'_>) -> Option<f64> {
        match scope {
            Scope::County => self.county(id),
            Scope::Township(code) => self.township(id, code),
            Scope::School(school_id) => self.school(id, school_id),
        }
    }

    fn set(&mut self, scope: Scope<'_>, id: &'static str, value: Option<f64>) {
        let Some(value) = value.filter(|v| v.is_finite()) else { return };
        let values = match scope {
            Scope::County => &mut self.county,
            Scope::Township(code) => self.townships.entry(code.clone()).or_default(),
            Scope::School(school_id) => self.schools.entry(school_id.to_string()).or_default(),
        };
        values.insert(id, value);
    }
}

/// Computes every indicator of the table for the county, each township and each school.
pub fn compute(snapshot: &Snapshot) -> IndicatorValues {
    let units = stage_units(snapshot);
    let county = ScopeTotals::new(
        Level::County,
        snapshot.schools.len(),
        county_population_3_5(snapshot),
        units.iter().collect(),
    );
    let townships: Vec<(&TownshipCode, ScopeTotals)> = snapshot
        .townships
        .iter()
        .map(|township| {
            let in_township: Vec<&StageUnit> =
                units.iter().filter(|u| u.school.township == township.code).collect();
            let schools = snapshot.schools_in(&township.code).count();
            let population = township.population.as_ref().and_then(|p| p.age_3_5).map(u64::from);
            (&township.code, ScopeTotals::new(Level::Township, schools, population, in_township))
        })
        .collect();
    let schools: Vec<(&str, ScopeTotals)> = snapshot
        .schools
        .iter()
        .enumerate()
        .map(|(index, school)| {
            let of_school: Vec<&StageUnit> = units.iter().filter(|u| u.school_index == index).collect();
            (school.id.as_str(), ScopeTotals::new(Level::School, 1, None, of_school))
        })
        .collect();

    let mut values = IndicatorValues::default();
    for def in INDICATORS {
        match def.measure {
            Measure::Reported => set_reported(&mut values, def, &snapshot.reported),
            Measure::SocialRecognition => set_survey(&mut values, def, snapshot),
            measure => {
                if def.exists_at(Level::County) {
                    values.set(Scope::County, def.id, measure_value(measure, &county));
                }
                if def.exists_at(Level::Township) {
                    for (code, totals) in &townships {
                        values.set(Scope::Township(code), def.id, measure_value(measure, totals));
                    }
                }
                if def.exists_at(Level::School) {
                    for (school_id, totals) in &schools {
                        values.set(Scope::School(school_id), def.id, measure_value(measure, totals));
                    }
                }
            }
        }
    }
    values
}

/// Reported rows for `def`: a county row gives the county value, a township row that township's.
/// The first row wins if the bureau repeats one (validation reports the repeat).
fn set_reported(values: &mut IndicatorValues, def: &IndicatorDef, reported: &[ReportedValue]) {
    for row in reported.iter().filter(|r| r.indicator == def.id && r.value.is_finite()) {
        let scope = match (row.level, &row.township) {
            (ReportLevel::County, _) if def.exists_at(Level::County) => Scope::County,
            (ReportLevel::Township, Some(code)) if def.exists_at(Level::Township) => Scope::Township(code),
            _ => continue,
        };
        if values.get(def.id, scope).is_none() {
            values.set(scope, def.id, Some(row.value));
        }
    }
}

/// The 社会认可度 rate: the statistics (weighting, rows that cannot be used, county-wide versus
/// township rows) belong to `crate::survey`; this only files its rates under the indicator id.
fn set_survey(values: &mut IndicatorValues, def: &IndicatorDef, snapshot: &Snapshot) {
    if def.exists_at(Level::County) {
        values.set(Scope::County, def.id, crate::survey::county_rate(snapshot));
    }
    if def.exists_at(Level::Township) {
        for township in &snapshot.townships {
            let rate = crate::survey::township_rate(snapshot, &township.code);
            values.set(Scope::Township(&township.code), def.id, rate);
        }
    }
}

/// The county's population aged 3–5, only when every township gives it: a sum over some
/// townships would overstate the county's 毛入园率.
fn county_population_3_5(snapshot: &Snapshot) -> Option<u64> {
    if snapshot.townships.is_empty() {
        return None;
    }
    snapshot.townships.iter().map(|t| t.population.as_ref().and_then(|p| p.age_3_5).map(u64::from)).sum()
}

// ── School-stage units ─────────────────────────────────────────────────────────────────────

/// One stage of one school, with its share of the school's facilities.
struct StageUnit<'a> {
    school_index: usize,
    school: &'a School,
    stage: Stage,
    totals: StageTotals,
}

/// Students, classes, teachers and apportioned facilities of one stage, for one unit or summed
/// over a scope.
#[derive(Clone, Debug, Default, PartialEq)]
struct StageTotals {
    students: u64,
    classes: u64,
    large_classes: u64,
    full_time_teachers: u64,
    above_degree_teachers: u64,
    backbone_teachers: u64,
    pe_art_teachers: u64,
    senior_title_teachers: u64,
    /// Teaching and auxiliary floor area without the indoor sports area, m².
    floor_area_m2: f64,
    /// Sports ground plus indoor sports area, m².
    sports_area_m2: f64,
    equipment_value_yuan: f64,
    /// Apportioned, so a fraction for a school spanning stages.
    multimedia_classrooms: f64,
    books: f64,
    /// Units whose school gave no `facilities`: their facility figures are unknown, not zero,
    /// so facility indicators of any scope containing one are left empty.
    units_without_facilities: u64,
}

impl StageTotals {
    fn of_unit(school: &School, record: &StageRecord) -> StageTotals {
        let teachers = &record.teachers;
        let mut totals = StageTotals {
            students: u64::from(record.students),
            classes: u64::from(record.classes),
            large_classes: u64::from(record.large_classes),
            full_time_teachers: u64::from(teachers.full_time),
            above_degree_teachers: u64::from(teachers.above_degree),
            backbone_teachers: u64::from(teachers.backbone),
            pe_art_teachers: u64::from(teachers.pe_art),
            senior_title_teachers: u64::from(teachers.senior_title),
            ..StageTotals::default()
        };
        let Some(facilities) = &school.facilities else {
            totals.units_without_facilities = 1;
            return totals;
        };
        // The stage's share of the school's students. Multiplying before dividing keeps whole
        // numbers exact (2500 m² × 300 ÷ 500 = 1500 m²). A school with no students has nothing
        // to apportion: its facilities serve no one in this year's figures.
        let school_students = school.stages.total_students();
        let apportion = |amount: f64| {
            if school_students == 0 {
                0.0
            } else {
                amount * record.students as f64 / school_students as f64
            }
        };
        totals.floor_area_m2 = apportion(facilities.floor_area_m2 - facilities.indoor_sports_area_m2);
        totals.sports_area_m2 =
            apportion(facilities.sports_ground_area_m2 + facilities.indoor_sports_area_m2);
        totals.equipment_value_yuan = apportion(facilities.equipment_value_yuan);
        totals.multimedia_classrooms = apportion(f64::from(facilities.multimedia_classrooms));
        totals.books = apportion(f64::from(facilities.books));
        totals
    }

    fn add(&mut self, other: &StageTotals) {
        self.students += other.students;
        self.classes += other.classes;
        self.large_classes += other.large_classes;
        self.full_time_teachers += other.full_time_teachers;
        self.above_degree_teachers += other.above_degree_teachers;
        self.backbone_teachers += other.backbone_teachers;
        self.pe_art_teachers += other.pe_art_teachers;
        self.senior_title_teachers += other.senior_title_teachers;
        self.floor_area_m2 += other.floor_area_m2;
        self.sports_area_m2 += other.sports_area_m2;
        self.equipment_value_yuan += other.equipment_value_yuan;
        self.multimedia_classrooms += other.multimedia_classrooms;
        self.books += other.books;
        self.units_without_facilities += other.units_without_facilities;
    }
}

fn stage_units(snapshot: &Snapshot) -> Vec<StageUnit<'_>> {
    let mut units = Vec::new();
    for (school_index, school) in snapshot.schools.iter().enumerate() {
        for (stage, record) in school.stages.iter() {
            units.push(StageUnit {
                school_index,
                school,
                stage,
                totals: StageTotals::of_unit(school, record),
            });
        }
    }
    units
}

/// The totals of one scope (the county, a township or a school).
struct ScopeTotals<'a> {
    level: Level,
    schools: usize,
    population_3_5: Option<u64>,
    stages: BTreeMap<Stage, StageTotals>,
    preschool_by_ownership: BTreeMap<Ownership, u64>,
    units: Vec<&'a StageUnit<'a>>,
}

impl<'a> ScopeTotals<'a> {
    fn new(
        level: Level,
        schools: usize,
        population_3_5: Option<u64>,
        units: Vec<&'a StageUnit<'a>>,
    ) -> ScopeTotals<'a> {
        let mut stages: BTreeMap<Stage, StageTotals> = BTreeMap::new();
        let mut preschool_by_ownership: BTreeMap<Ownership, u64> = BTreeMap::new();
        for unit in &units {
            stages.entry(unit.stage).or_default().add(&unit.totals);
            if unit.stage == Stage::Preschool {
                *preschool_by_ownership.entry(unit.school.ownership).or_default() += unit.totals.students;
            }
        }
        ScopeTotals { level, schools, population_3_5, stages, preschool_by_ownership, units }
    }

    /// A count for one stage. A school without the stage has no value; a township without
    /// it has 0.
    fn stage_count(&self, stage: Stage, count: impl Fn(&StageTotals) -> u64) -> Option<f64> {
        match self.stages.get(&stage) {
            Some(totals) => Some(count(totals) as f64),
            None if self.level == Level::School => None,
            None => Some(0.0),
        }
    }

    fn sum_over(&self, stages: &[Stage], count: impl Fn(&StageTotals) -> u64) -> u64 {
        stages.iter().filter_map(|s| self.stages.get(s)).map(count).sum()
    }

    fn all_stages(&self, count: impl Fn(&StageTotals) -> u64) -> u64 {
        self.stages.values().map(count).sum()
    }

    fn preschool_children(&self, ownership: Ownership) -> u64 {
        self.preschool_by_ownership.get(&ownership).copied().unwrap_or(0)
    }

    /// The stage's units that have students: the schools the 优质均衡 indicators look at.
    fn units_with_students(&self, stage: Stage) -> impl Iterator<Item = &StageUnit<'a>> + '_ {
        self.units.iter().copied().filter(move |u| u.stage == stage && u.totals.students > 0)
    }
}

// ── Formulas ───────────────────────────────────────────────────────────────────────────────

/// One school's whole-school figures, every stage summed, for lists of schools.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SchoolFigures {
    pub students: u64,
    pub classes: u64,
    pub full_time_teachers: u64,
    /// Students per full-time teacher over all its stages (生师比, n:1); None without teachers.
    pub students_per_teacher: Option<f64>,
}

/// The whole-school figures of `school`.
pub fn school_figures(school: &School) -> SchoolFigures {
    let sum = |count: fn(&StageRecord) -> u32| school.stages.iter().map(|(_, r)| u64::from(count(r))).sum();
    let students: u64 = sum(|r| r.students);
    let full_time_teachers: u64 = sum(|r| r.teachers.full_time);
    SchoolFigures {
        students,
        classes: sum(|r| r.classes),
        full_time_teachers,
        students_per_teacher: ratio(students as f64, full_time_teachers as f64),
    }
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    let value = numerator / denominator;
    (denominator > 0.0 && value.is_finite()).then_some(value)
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    // × 100 before ÷ so that 400 of 500 gives exactly 80.
    ratio(part as f64 * 100.0, whole as f64)
}

/// The amount of `resource` in totals (teachers, m², yuan, rooms, books).
fn resource_amount(resource: Resource, t: &StageTotals) -> f64 {
    match resource {
        Resource::DegreeTeachers => t.above_degree_teachers as f64,
        Resource::BackboneTeachers => t.backbone_teachers as f64,
        Resource::PeArtTeachers => t.pe_art_teachers as f64,
        Resource::FloorArea => t.floor_area_m2,
        Resource::SportsArea => t.sports_area_m2,
        Resource::EquipmentValue => t.equipment_value_yuan,
        Resource::MultimediaClassrooms => t.multimedia_classrooms,
        Resource::Books => t.books,
    }
}

/// `resource` per student (or per 100 students) of the totals; unknown when a facility is
/// missing from any unit.
fn resource_per_student(resource: Resource, t: &StageTotals) -> Option<f64> {
    if resource.is_facility() && t.units_without_facilities > 0 {
        return None;
    }
    ratio(resource_amount(resource, t) * resource.per_students(), t.students as f64)
}

/// The value of a computed measure over one scope's totals.
fn measure_value(measure: Measure, scope: &ScopeTotals<'_>) -> Option<f64> {
    const CLASS_SIZE_STAGES: [Stage; 3] = [Stage::Primary, Stage::Junior, Stage::Senior];
    match measure {
        Measure::Students(None) => Some(scope.all_stages(|t| t.students) as f64),
        Measure::Students(Some(stage)) => scope.stage_count(stage, |t| t.students),
        Measure::Schools => Some(scope.schools as f64),
        Measure::Teachers => Some(scope.all_stages(|t| t.full_time_teachers) as f64),
        Measure::PreschoolChildren(ownership) => {
            let children = scope.preschool_children(ownership);
            scope.stage_count(Stage::Preschool, |_| children)
        }
        Measure::LargeClassShare => percent(
            scope.sum_over(&CLASS_SIZE_STAGES, |t| t.large_classes),
            scope.sum_over(&CLASS_SIZE_STAGES, |t| t.classes),
        ),
        Measure::AverageClassSize(stage) => {
            let t = scope.stages.get(&stage)?;
            ratio(t.students as f64, t.classes as f64)
        }
        Measure::PreschoolGrossEnrolment => {
            let children = scope.sum_over(&[Stage::Preschool], |t| t.students);
            percent(children, scope.population_3_5?)
        }
        Measure::InclusiveCoverage => percent(
            scope.preschool_children(Ownership::Public)
                + scope.preschool_children(Ownership::PrivateInclusive),
            scope.sum_over(&[Stage::Preschool], |t| t.students),
        ),
        Measure::PublicShare => percent(
            scope.preschool_children(Ownership::Public),
            scope.sum_over(&[Stage::Preschool], |t| t.students),
        ),
        Measure::StudentTeacherRatio(stage) => {
            let t = scope.stages.get(&stage)?;
            ratio(t.students as f64, t.full_time_teachers as f64)
        }
        Measure::BackboneShare => {
            percent(scope.all_stages(|t| t.backbone_teachers), scope.all_stages(|t| t.full_time_teachers))
        }
        Measure::SeniorTitleShare => {
            percent(scope.all_stages(|t| t.senior_title_teachers), scope.all_stages(|t| t.full_time_teachers))
        }
        Measure::PerStudent(resource, stage) => {
            // Over the units with students only, so that the county value is exactly the
            // X̄ of the 校际差异系数 (a stage with teachers but no students adds nothing).
            let mut totals = StageTotals::default();
            for unit in scope.units_with_students(stage) {
                totals.add(&unit.totals);
            }
            resource_per_student(resource, &totals)
        }
        Measure::BalanceCv(resource, stage) => {
            let units: Vec<&StageUnit> = scope.units_with_students(stage).collect();
            if resource.is_facility() && units.iter().any(|u| u.totals.units_without_facilities > 0) {
                return None;
            }
            let resources: Vec<UnitResource> = units
                .iter()
                .map(|u| UnitResource {
                    amount: resource_amount(resource, &u.totals),
                    students: u.totals.students,
                })
                .collect();
            enrolment_weighted_cv(&resources)
        }
        Measure::SchoolsMeetingStandard(stage) => {
            let checks: Vec<SchoolStandardCheck> =
                scope.units_with_students(stage).filter_map(|u| check_unit(u)).collect();
            let meeting = checks.iter().filter(|c| c.meets_standard).count();
            percent(meeting as u64, checks.len() as u64)
        }
        // Not computed from school records: `compute` files these values itself.
        Measure::Reported | Measure::SocialRecognition => None,
    }
}

/// One school-stage unit's resource (teachers, m², yuan, rooms) and students, for
/// [`enrolment_weighted_cv`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitResource {
    pub amount: f64,
    pub students: u64,
}

/// The 校际差异系数 weighted by enrolment, as the 优质均衡 measures define it: over units with
/// students, Xᵢ = amountᵢ ÷ Pᵢ, X̄ = Σamount ÷ ΣP, S = √Σ(Pᵢ/P)(Xᵢ − X̄)², CV = S ÷ X̄.
///
/// A big school counts for as many students as it has, so a tiny school far from the mean moves
/// the coefficient less than it would in an unweighted one. The scale of Xᵢ (per student or per
/// 100 students) cancels out. `None` without students or when X̄ is not positive.
pub fn enrolment_weighted_cv(units: &[UnitResource]) -> Option<f64> {
    let with_students: Vec<&UnitResource> = units.iter().filter(|u| u.students > 0).collect();
    let students: u64 = with_students.iter().map(|u| u.students).sum();
    let total_amount: f64 = with_students.iter().map(|u| u.amount).sum();
    let mean = ratio(total_amount, students as f64)?;
    if mean <= 0.0 {
        return None;
    }
    let variance: f64 = with_students
        .iter()
        .map(|u| {
            let weight = u.students as f64 / students as f64;
            let deviation = u.amount / u.students as f64 - mean;
            weight * deviation * deviation
        })
        .sum();
    ratio(variance.sqrt(), mean)
}

// ── The per-school rule ────────────────────────────────────────────────────────────────────

/// How many of the seven resource indicators a school must meet under the 优质均衡 measures
/// (教督〔2017〕6号); the remaining one must be near its line, within the tolerance the table
/// gives each of the seven.
pub const REQUIRED_MET: usize = 6;
/// The share of its line the remaining indicator must reach: the tolerance of the seven lines.
pub const NEAR_MISS_SHARE: f64 = super::PER_SCHOOL_TOLERANCE.share;

/// One of the seven resource indicators for one school-stage unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ResourceCheck {
    /// Indicator id, e.g. `degree_teachers_per100_primary`.
    pub indicator: &'static str,
    /// The unit's value; `None` when the school gave no facilities.
    pub value: Option<f64>,
    /// Meets the standard's line.
    pub met: bool,
    /// Reaches at least 85% of the line (true whenever `met`).
    pub reaches_85: bool,
}

/// The per-school rule for one primary or junior unit of a school: at least 6 of the 7 resource
/// indicators meet their line and the remaining one reaches 85% of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchoolStandardCheck {
    pub school_id: String,
    pub township: TownshipCode,
    pub stage: Stage,
    /// The seven resource indicators, in table order.
    pub indicators: Vec<ResourceCheck>,
    pub meets_standard: bool,
}

/// The per-school rule for every primary and junior unit with students, in school order.
pub fn school_standard_checks(snapshot: &Snapshot) -> Vec<SchoolStandardCheck> {
    stage_units(snapshot).iter().filter_map(check_unit).collect()
}

fn check_unit(unit: &StageUnit<'_>) -> Option<SchoolStandardCheck> {
    if !unit.stage.is_compulsory() || unit.totals.students == 0 {
        return None;
    }
    let indicators: Vec<ResourceCheck> = INDICATORS
        .iter()
        .filter_map(|def| match def.measure {
            Measure::PerStudent(resource, stage) if stage == unit.stage && resource.in_balance_standard() => {
                Some((def, resource))
            }
            _ => None,
        })
        .map(|(def, resource)| {
            let value = resource_per_student(resource, &unit.totals);
            let standing = evaluate(def, value);
            ResourceCheck {
                indicator: def.id,
                value,
                met: standing == Standing::Meets,
                reaches_85: matches!(standing, Standing::Meets | Standing::Near),
            }
        })
        .collect();
    let met = indicators.iter().filter(|c| c.met).count();
    let meets_standard = met >= REQUIRED_MET && indicators.iter().all(|c| c.reaches_85);
    Some(SchoolStandardCheck {
        school_id: unit.school.id.clone(),
        township: unit.school.township.clone(),
        stage: unit.stage,
        indicators,
        meets_standard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::ThresholdOp;

    #[test]
    fn a_measure_restricted_to_a_stage_is_about_that_stage() {
        for def in INDICATORS {
            if let Some(stage) = def.measure.stage() {
                assert_eq!(def.stage, Some(stage), "{}", def.id);
            }
        }
    }

    #[test]
    fn each_of_the_seven_resources_has_its_line_tolerance_and_balance_coefficient() {
        for stage in [Stage::Primary, Stage::Junior] {
            let seven: Vec<&IndicatorDef> = INDICATORS
                .iter()
                .filter(|d| matches!(d.measure, Measure::PerStudent(r, s) if s == stage && r.in_balance_standard()))
                .collect();
            assert_eq!(seven.len(), 7, "{stage:?}");
            for def in seven {
                let Measure::PerStudent(resource, _) = def.measure else { unreachable!() };
                let line = def.threshold.unwrap_or_else(|| panic!("{} has no line", def.id));
                assert_eq!(line.op, ThresholdOp::AtLeast, "{}", def.id);
                assert_eq!(line.near.map(|n| n.share), Some(0.85), "{}", def.id);
                let cv =
                    INDICATORS.iter().filter(|d| d.measure == Measure::BalanceCv(resource, stage)).count();
                assert_eq!(cv, 1, "{} has no 校际差异系数", def.id);
            }
        }
        for def in INDICATORS {
            if let Measure::PerStudent(Resource::Books, _) = def.measure {
                assert_eq!(def.threshold, None, "{} is not one of the seven", def.id);
            }
        }
    }

    #[test]
    fn a_school_spanning_stages_counts_every_stage() {
        let stage = |students, classes, full_time| StageRecord {
            students,
            classes,
            teachers: crate::snapshot::Teachers { full_time, ..Default::default() },
            ..Default::default()
        };
        let school = School {
            stages: crate::snapshot::Stages {
                primary: Some(stage(520, 12, 30)),
                junior: Some(stage(380, 8, 31)),
                ..Default::default()
            },
            ..crate::test_support::example_snapshot().schools[0].clone()
        };
        let figures = school_figures(&school);
        // 520 + 380 = 900 students, 12 + 8 = 20 classes, 30 + 31 = 61 teachers: 900 ÷ 61 = 14.75.
        assert_eq!((figures.students, figures.classes, figures.full_time_teachers), (900, 20, 61));
        assert_eq!(figures.students_per_teacher.map(|r| (r * 100.0).round() / 100.0), Some(14.75));
        let empty = School { stages: Default::default(), ..school };
        assert_eq!(school_figures(&empty).students_per_teacher, None);
    }

    #[test]
    fn cv_is_empty_without_students_or_resources() {
        assert_eq!(enrolment_weighted_cv(&[]), None);
        assert_eq!(enrolment_weighted_cv(&[UnitResource { amount: 5.0, students: 0 }]), None);
        assert_eq!(enrolment_weighted_cv(&[UnitResource { amount: 0.0, students: 100 }]), None);
        // One school is equal to itself: CV 0.
        assert_eq!(enrolment_weighted_cv(&[UnitResource { amount: 5.0, students: 100 }]), Some(0.0));
    }
}
