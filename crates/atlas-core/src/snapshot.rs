//! Snapshot format v1: one county, one school year, as the bureau publishes it.
//!
//! Field names are English snake_case; categorical values (school type, ownership, township kind,
//! respondent group, survey area) are the Chinese words of the 教育事业统计 base forms, so a county
//! statistician can write them without a lookup table. `docs/data-format.md` documents every field;
//! `schemas/snapshot.schema.json` is generated from these types.

use crate::codes::{CountyCode, Date, SchoolYear, TownshipCode};
use crate::lang::Lang;
use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The snapshot schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One county's education data for one school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Format version of this file; must be 1.
    pub schema_version: u32,
    /// Who published the data, for which county and school year, and under which licence.
    pub meta: Meta,
    /// The township-level units (乡/镇/民族乡/街道) of the county.
    pub townships: Vec<Township>,
    /// One record per school or campus (教育事业统计基表 one row per school).
    pub schools: Vec<School>,
    /// Indicators the bureau reports that school records cannot give (巩固率, 毛入学率 …).
    #[serde(default)]
    pub reported: Vec<ReportedValue>,
    /// Social-satisfaction (社会认可度) survey results, when a survey was run this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Survey>,
}

/// Where the snapshot comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// County-level administrative division code (行政区划代码), six digits.
    pub county_code: CountyCode,
    /// County name as officially written, e.g. 峨山彝族自治县.
    pub county_name: String,
    /// The county's name for English pages (Hanyu Pinyin or the official English name, e.g.
    /// `Eshan Yi Autonomous County`); absent: English pages show `county_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_name_en: Option<String>,
    /// School year the figures describe, `YYYY-YYYY`.
    pub school_year: SchoolYear,
    /// Statistical reference date (统计时点), usually the autumn census date.
    pub as_of: Date,
    /// The body that publishes the data, e.g. 峨山彝族自治县教育体育局.
    pub publisher: String,
    /// Where the figures come from, e.g. 教育事业统计年报.
    pub source: String,
    /// Licence of the data, e.g. CC BY 4.0.
    pub license: String,
    /// Contact for questions about the data (office, phone or email).
    pub contact: String,
    /// True when the figures are made up for demonstration (示例数据). The portal labels such
    /// data on every page, embed and download.
    pub sample: bool,
    /// Free-text notes shown with the data (changes of definition, known gaps).
    #[serde(default)]
    pub notes: Vec<String>,
    /// How the satisfaction survey was run and weighted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_method: Option<SurveyMethod>,
}

/// How the 社会认可度 survey was run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyMethod {
    /// Sampling, fieldwork dates, mode (online/paper/phone), who ran it.
    pub notes: String,
    /// Weight of each respondent group in the overall rate. When absent the documented default
    /// weighting applies (see `docs/survey-method.md`). Weights need not sum to 1; they are normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_weights: Option<BTreeMap<RespondentGroup, f64>>,
}

/// A township-level unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Township {
    /// Statistical code, nine digits starting with the county code.
    pub code: TownshipCode,
    /// Name, e.g. 化念镇.
    pub name: String,
    /// The name for English pages, e.g. `Huanian Zhen`; absent: English pages show `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// 镇, 乡, 民族乡 or 街道.
    pub kind: TownshipKind,
    /// Resident population by age band, for gross enrolment rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
}

vocabulary! {
    /// The kind of a township-level unit.
    pub enum TownshipKind {
        Town => "镇", key "town", zh "镇", en "town";
        Township => "乡", key "township", zh "乡", en "township";
        EthnicTownship => "民族乡", key "ethnic_township", zh "民族乡", en "ethnic township";
        Subdistrict => "街道", key "subdistrict", zh "街道", en "subdistrict";
    }
}

/// Resident population (常住人口) by age band. Each band is optional: a gross rate is shown only
/// where its band is given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Population {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_0_2: Option<u32>,
    /// Children aged 3–5: the denominator of 学前三年毛入园率.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_3_5: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_6_11: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_12_14: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_15_17: Option<u32>,
}

/// One school or campus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct School {
    /// Identifier unique within the snapshot, stable across years (学校标识码 where there is one).
    pub id: String,
    /// Name, e.g. 峨山县双江第一小学.
    pub name: String,
    /// The name for English pages, in Hanyu Pinyin or the school's own English name; absent:
    /// English pages show `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Code of the township the school is in.
    pub township: TownshipCode,
    /// School type (办学类型).
    #[serde(rename = "type")]
    pub kind: SchoolType,
    /// 公办, 民办普惠 (kindergartens only) or 民办.
    pub ownership: Ownership,
    /// Position (WGS 84), when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Urban-rural type of the school's site (学校驻地城乡类型), when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urban_rural: Option<UrbanRural>,
    /// Approved places (核定学位数): how many children the school is approved to take, when
    /// published. Mostly given for kindergartens, where a shortage of places is the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<u32>,
    /// Students, classes and teachers of each stage the school teaches. A 九年一贯制 school has
    /// `primary` and `junior`; a 完全中学 has `junior` and `senior`.
    pub stages: Stages,
    /// Buildings, grounds and equipment of the whole school. Required for schools with primary or
    /// junior students (they feed the 优质均衡 indicators); shared facilities of a school spanning
    /// stages are apportioned to each stage by its share of students.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilities: Option<Facilities>,
}

vocabulary! {
    /// The type of a school (办学类型), as the base forms name it.
    pub enum SchoolType {
        Kindergarten => "幼儿园", key "kindergarten", zh "幼儿园", en "kindergarten";
        Primary => "小学", key "primary", zh "小学", en "primary school",
            also ["普通小学", "完全小学", "完小", "中心小学", "中心校", "村小", "村级小学"];
        Junior => "初中", key "junior", zh "初中", en "junior secondary school",
            also ["初级中学", "普通初中", "独立初中", "独立设置初中"];
        NineYear => "九年一贯制", key "nine_year", zh "九年一贯制", en "nine-year school",
            also ["九年一贯制学校", "九年制学校", "九年制"];
        CompleteSecondary => "完全中学", key "complete_secondary", zh "完全中学", en "complete secondary school",
            also ["完中"];
        TwelveYear => "十二年一贯制", key "twelve_year", zh "十二年一贯制", en "twelve-year school",
            also ["十二年一贯制学校"];
        Senior => "普通高中", key "senior", zh "普通高中", en "senior secondary school",
            also ["高级中学", "高中", "独立高中"];
        Vocational => "中职", key "vocational", zh "中职", en "vocational school",
            also ["中等职业学校", "职业高中", "职业中学", "职中", "中专", "中等专业学校", "技工学校", "职业教育中心", "职教中心"];
        Special => "特殊教育", key "special", zh "特殊教育", en "special education school",
            also ["特殊教育学校", "特教学校", "特校", "培智学校", "启智学校", "聋哑学校"];
        TeachingPoint => "教学点", key "teaching_point", zh "教学点", en "teaching point",
            also ["小学教学点", "村教学点"];
    }
}

impl SchoolType {
    /// Stages a school of this type may teach. Primary schools and teaching points may run an
    /// attached preschool class (附设幼儿班), which the base forms count as preschool.
    pub fn allowed_stages(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            SchoolType::Kindergarten => &[Preschool],
            SchoolType::Primary | SchoolType::TeachingPoint => &[Preschool, Primary],
            SchoolType::Junior => &[Junior],
            SchoolType::NineYear => &[Primary, Junior],
            SchoolType::CompleteSecondary => &[Junior, Senior],
            SchoolType::TwelveYear => &[Primary, Junior, Senior],
            SchoolType::Senior => &[Senior],
            SchoolType::Vocational => &[Vocational],
            SchoolType::Special => &[Special],
        }
    }
}

vocabulary! {
    /// Who runs a school (办学性质).
    pub enum Ownership {
        /// Publicly run (公办).
        Public => "公办", key "public", zh "公办", en "public", also ["公办性质"];
        /// Private kindergarten recognised as inclusive (普惠性民办幼儿园), with capped fees.
        PrivateInclusive => "民办普惠", key "private_inclusive", zh "民办普惠", en "inclusive private",
            also ["普惠性民办", "普惠性民办园", "民办普惠园"];
        /// Private (民办).
        Private => "民办", key "private", zh "民办", en "private";
    }
}

vocabulary! {
    /// Urban-rural type of a school's site (学校（机构）驻地城乡类型) in the three classes of the
    /// education statistics, which follow the National Bureau of Statistics' 统计用城乡划分代码:
    /// 城区 (codes 111 主城区, 112 城乡结合区), 镇区 (121 镇中心区, 122 镇乡结合区, 123 特殊区域)
    /// and 乡村 (210 乡中心区, 220 村庄). An import also accepts the sub-classes, their codes and
    /// the older 城市/县镇/农村 of the forms before 2011.
    pub enum UrbanRural {
        /// Urban area of a city (城区).
        Urban => "城区", key "urban", zh "城区", en "urban",
            also ["城市", "主城区", "城乡结合区", "111", "112"];
        /// Town area (镇区).
        Town => "镇区", key "town", zh "镇区", en "town",
            also ["县镇", "镇中心区", "镇乡结合区", "特殊区域", "121", "122", "123"];
        /// Rural area (乡村).
        Rural => "乡村", key "rural", zh "乡村", en "rural", also ["农村", "乡中心区", "村庄", "210", "220"];
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Longitude, degrees east (WGS 84).
    #[cfg_attr(feature = "schema", schemars(range(min = -180, max = 180)))]
    pub lon: f64,
    /// Latitude, degrees north (WGS 84).
    #[cfg_attr(feature = "schema", schemars(range(min = -90, max = 90)))]
    pub lat: f64,
}

vocabulary! {
    /// A stage of schooling (学段).
    pub enum Stage {
        /// 学前教育 (kindergarten, ages 3–5).
        Preschool => "preschool", zh "学前", en "preschool", also ["学前教育", "幼儿园", "幼儿班", "附设幼儿班"];
        /// 小学 (grades 1–6).
        Primary => "primary", zh "小学", en "primary";
        /// 初中 (grades 7–9).
        Junior => "junior", zh "初中", en "junior secondary";
        /// 普通高中 (grades 10–12).
        Senior => "senior", zh "普通高中", en "senior secondary", also ["高中"];
        /// 中等职业教育.
        Vocational => "vocational", zh "中职", en "vocational", also ["中等职业教育"];
        /// 特殊教育 (students of special schools).
        Special => "special", zh "特殊教育", en "special education", also ["特教", "特殊教育学校"];
    }
}

impl Stage {
    /// 义务教育 stages, the subject of the 优质均衡 standard.
    pub fn is_compulsory(self) -> bool {
        matches!(self, Stage::Primary | Stage::Junior)
    }
}

/// The stages a school teaches; absent stages are not taught there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stages {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preschool: Option<StageRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<StageRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub junior: Option<StageRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub senior: Option<StageRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vocational: Option<StageRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<StageRecord>,
}

impl Stages {
    pub fn get(&self, stage: Stage) -> Option<&StageRecord> {
        match stage {
            Stage::Preschool => self.preschool.as_ref(),
            Stage::Primary => self.primary.as_ref(),
            Stage::Junior => self.junior.as_ref(),
            Stage::Senior => self.senior.as_ref(),
            Stage::Vocational => self.vocational.as_ref(),
            Stage::Special => self.special.as_ref(),
        }
    }

    pub fn get_mut(&mut self, stage: Stage) -> &mut Option<StageRecord> {
        match stage {
            Stage::Preschool => &mut self.preschool,
            Stage::Primary => &mut self.primary,
            Stage::Junior => &mut self.junior,
            Stage::Senior => &mut self.senior,
            Stage::Vocational => &mut self.vocational,
            Stage::Special => &mut self.special,
        }
    }

    /// The stages present, in `Stage::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Stage, &StageRecord)> {
        Stage::ALL.into_iter().filter_map(|s| self.get(s).map(|r| (s, r)))
    }

    pub fn total_students(&self) -> u64 {
        self.iter().map(|(_, r)| r.students as u64).sum()
    }
}

/// Students, classes and full-time teachers of one stage of one school.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StageRecord {
    /// Enrolled students (在校生 / 在园幼儿).
    pub students: u32,
    /// Classes (班数).
    pub classes: u32,
    /// Classes of 56 or more students (大班额, the Ministry of Education's definition for primary
    /// and secondary schools; 66 or more is 超大班额). Part of `classes`. Kindergartens may omit it.
    #[serde(default)]
    pub large_classes: u32,
    /// Full-time teachers (专任教师) of this stage.
    pub teachers: Teachers,
}

/// Full-time teachers of one stage; every count after `full_time` is a part of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Teachers {
    /// Full-time teachers (专任教师).
    pub full_time: u32,
    /// Teachers whose degree is above the level required for the stage (高于规定学历): 专科 or
    /// higher for primary, 本科 or higher for junior.
    pub above_degree: u32,
    /// Backbone teachers recognised at county level or above (县级及以上骨干教师).
    pub backbone: u32,
    /// Full-time PE and art (music, fine arts) teachers (体育、艺术专任教师).
    pub pe_art: u32,
    /// Teachers holding a senior professional title (高级职称).
    pub senior_title: u32,
}

/// Buildings, grounds and equipment of a whole school.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Facilities {
    /// Teaching and auxiliary floor area (教学及辅助用房面积), m², including indoor sports halls.
    #[cfg_attr(feature = "schema", schemars(range(min = 0)))]
    pub floor_area_m2: f64,
    /// Indoor sports area (室内体育用房面积), m²: part of `floor_area_m2`.
    #[cfg_attr(feature = "schema", schemars(range(min = 0)))]
    pub indoor_sports_area_m2: f64,
    /// Outdoor sports ground area (运动场地面积), m².
    #[cfg_attr(feature = "schema", schemars(range(min = 0)))]
    pub sports_ground_area_m2: f64,
    /// Book value of teaching instruments and equipment (教学仪器设备值), yuan.
    #[cfg_attr(feature = "schema", schemars(range(min = 0)))]
    pub equipment_value_yuan: f64,
    /// Networked multimedia classrooms (网络多媒体教室).
    pub multimedia_classrooms: u32,
    /// Library books (图书, 册).
    pub books: u32,
}

/// A value the bureau reports directly, from the indicator table's `reported` entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportedValue {
    /// Indicator id from the indicator table, e.g. `compulsory_retention_rate`.
    pub indicator: String,
    /// The value. Gross rates can exceed 100 (息烽 reports 巩固率 101.72%).
    pub value: f64,
    /// Unit as in the indicator table, e.g. `%`.
    pub unit: String,
    /// `county`, or `township` with `township` set.
    pub level: ReportLevel,
    /// Township code when `level` is `township`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<TownshipCode>,
    /// Where the value comes from, e.g. 2020年教育统计公报.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

vocabulary! {
    /// Whether a reported value is the county's or one township's.
    pub enum ReportLevel {
        County => "county", zh "县", en "county", also ["县级"];
        Township => "township", zh "乡镇", en "township", also ["乡镇级"];
    }
}

/// A social-satisfaction survey (社会认可度调查).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Results, one row per respondent group × question area (× township when broken down).
    pub results: Vec<SurveyResult>,
}

/// Answers of one respondent group to one question area, county-wide or in one township.
/// Give either `respondents` + `satisfied`, or `likert`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyResult {
    pub group: RespondentGroup,
    pub area: SurveyArea,
    /// Township code when the row is for one township; absent for county-wide rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<TownshipCode>,
    /// People who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<u32>,
    /// Of those, people who said they were satisfied (认可).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfied: Option<u32>,
    /// Five-point answers instead of a satisfied count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likert: Option<Likert>,
}

/// Counts of a five-point answer scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Likert {
    /// 非常满意
    pub very_satisfied: u32,
    /// 满意
    pub satisfied: u32,
    /// 一般
    pub neutral: u32,
    /// 不满意
    pub dissatisfied: u32,
    /// 非常不满意
    pub very_dissatisfied: u32,
}

impl Likert {
    pub fn total(&self) -> u64 {
        [self.very_satisfied, self.satisfied, self.neutral, self.dissatisfied, self.very_dissatisfied]
            .iter()
            .map(|&n| n as u64)
            .sum()
    }
}

vocabulary! {
    /// The seven respondent groups of the national 社会认可度 survey.
    pub enum RespondentGroup {
        Students => "学生", key "students", zh "学生", en "students";
        Parents => "家长", key "parents", zh "家长", en "parents";
        Teachers => "教师", key "teachers", zh "教师", en "teachers";
        Principals => "校长", key "principals", zh "校长", en "principals";
        Deputies => "人大代表", key "deputies", zh "人大代表", en "people's congress deputies";
        CppccMembers => "政协委员", key "cppcc_members", zh "政协委员", en "CPPCC members";
        OtherPublic => "其他群众", key "other_public", zh "其他群众", en "other members of the public";
    }
}

vocabulary! {
    /// Question areas of the 社会认可度 survey, following the areas the 优质均衡 assessment asks about.
    pub enum SurveyArea {
        /// 落实教育公平政策
        Equity => "教育公平", key "equity", zh "教育公平", en "equity";
        /// 推动优质资源共享
        ResourceSharing => "资源共享", key "resource_sharing", zh "资源共享", en "sharing of quality resources";
        /// 规范办学行为
        RegulatedSchooling => "规范办学", key "regulated_schooling", zh "规范办学", en "regulated school practice";
        /// 实施素质教育
        WholePersonEducation => "素质教育", key "whole_person_education", zh "素质教育", en "whole-person education";
        /// 考试评价制度改革
        AssessmentReform => "考试评价改革", key "assessment_reform", zh "考试评价改革", en "examination and assessment reform";
        /// 提高教育质量
        Quality => "教育质量", key "quality", zh "教育质量", en "quality of education";
    }
}

impl Snapshot {
    pub fn township(&self, code: &TownshipCode) -> Option<&Township> {
        self.townships.iter().find(|t| &t.code == code)
    }

    pub fn schools_in<'a>(&'a self, code: &'a TownshipCode) -> impl Iterator<Item = &'a School> + 'a {
        self.schools.iter().filter(move |s| &s.township == code)
    }
}

/// A published name in `lang`: the English one where the publisher gives it, else the name as
/// published (names are data, never translated by the portal).
fn name_in<'a>(name: &'a str, name_en: Option<&'a str>, lang: Lang) -> &'a str {
    match (lang, name_en) {
        (Lang::En, Some(english)) if !english.trim().is_empty() => english,
        _ => name,
    }
}

impl Meta {
    /// The county's name in `lang` (the published Chinese name where no English one is given).
    pub fn county_name_in(&self, lang: Lang) -> &str {
        name_in(&self.county_name, self.county_name_en.as_deref(), lang)
    }
}

impl Township {
    /// The township's name in `lang` (the published Chinese name where no English one is given).
    pub fn name_in(&self, lang: Lang) -> &str {
        name_in(&self.name, self.name_en.as_deref(), lang)
    }
}

impl School {
    /// The school's name in `lang` (the published Chinese name where no English one is given).
    pub fn name_in(&self, lang: Lang) -> &str {
        name_in(&self.name, self.name_en.as_deref(), lang)
    }
}

#[cfg(test)]
mod english_name_tests {
    use super::*;

    #[test]
    fn english_pages_use_the_english_name_where_one_is_published() {
        assert_eq!(name_in("化念镇", Some("Huanian Zhen"), Lang::En), "Huanian Zhen");
        assert_eq!(name_in("化念镇", Some("Huanian Zhen"), Lang::Zh), "化念镇");
        assert_eq!(name_in("化念镇", None, Lang::En), "化念镇", "no English name: the name as published");
        assert_eq!(name_in("化念镇", Some(" "), Lang::En), "化念镇", "a blank English name is no name");
    }
}
