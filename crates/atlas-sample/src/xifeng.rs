//! 息烽县 (520122), 贵州省贵阳市: school year 2020–2021, whose county totals equal the 2020
//! figures of the county's 14th five-year education plan (`shared/seeds/001_…txt`, 基本情况):
//! 106 schools by type, 44,545 students by stage, 学前三年毛入园率 95.18%, 普惠率 84.90%, and the
//! rates the bureau reports. How those totals are shared among schools and townships is made up;
//! the totals are exact, by largest-remainder apportionment.

use crate::apportion::apportion;
use crate::model::{stage_record, CatchUpPath, CountyConditions, Estate, SchoolProfile, Setting};
use crate::rng::jitter;
use crate::roster::{
    schematic_location, school, school_record, township_record, SchoolSpec, StageStudents, TownshipSpec,
};
use crate::GenerateError;
use atlas_core::snapshot::{
    Meta, Ownership, Population, ReportLevel, ReportedValue, School, SchoolType, Snapshot, Stage,
    StageRecord, TownshipKind, SCHEMA_VERSION,
};
use atlas_core::{CountyCode, Date, SchoolYear};

pub const COUNTY_CODE: &str = "520122";
pub const COUNTY_NAME: &str = "息烽县";
pub const START_YEAR: i32 = 2020;

/// Students by stage at the end of the 13th five-year period (seed, 基本情况).
pub const STUDENTS_PRESCHOOL: u32 = 9_446;
pub const STUDENTS_PRIMARY: u32 = 21_028;
pub const STUDENTS_JUNIOR: u32 = 8_390;
pub const STUDENTS_SENIOR: u32 = 4_280;
pub const STUDENTS_VOCATIONAL: u32 = 1_329;
pub const STUDENTS_SPECIAL: u32 = 72;
/// Children in 民办普惠 kindergartens (seed: 认定普惠幼儿园12所，在园幼儿2451人).
pub const CHILDREN_PRIVATE_INCLUSIVE: u32 = 2_451;
/// Children in public kindergartens: the seed's 普惠率 84.90% of 9,446 is 8,019.65 children in
/// public + inclusive kindergartens; 8,020 − 2,451 = 5,569 (and 8,020 / 9,446 = 84.90%).
pub const CHILDREN_PUBLIC: u32 = 5_569;
/// Resident children aged 3–5 such that 9,446 / 9,924 = 95.18%, the seed's 学前三年毛入园率.
pub const CHILDREN_3_5: u32 = 9_924;
/// Children aged 0–2 (not in the seed; births have been falling).
const CHILDREN_0_2: u32 = 9_180;
/// The seed's 高中阶段毛入学率; the 15–17 band is sized from it.
const SENIOR_GROSS_ENROLMENT: f64 = 95.94;

/// The plan names a structural teacher shortage (结构性缺编) and township schools short of
/// equipment. It also counts 2,365 staff (教职工) in public schools and 218 in private
/// kindergartens; full-time teachers are part of the staff, so the sample needs about 30% more
/// students per teacher than 峨山 to stay below those counts (≈2,100 public and ≈170 private
/// teachers), and a little less equipment.
const CONDITIONS: CountyConditions =
    CountyConditions { students_per_teacher_factor: 1.3, degree_share_shift: 0.0, equipment_factor: 0.95 };

/// 青山苗族乡 and 流长镇 below the floor-area and multimedia thresholds in 2020 (only the first
/// year is used: 息烽 has one sample year).
const SHORT_OF_SPACE: CatchUpPath = CatchUpPath {
    primary_floor_m2: [4.2, 4.2, 4.2, 4.2],
    junior_floor_m2: [5.4, 5.4, 5.4, 5.4],
    mixed_floor_m2: [4.3, 4.3, 4.3, 4.3],
    primary_multimedia_per_100: [1.9, 1.9, 1.9, 1.9],
    junior_multimedia_per_100: [2.0, 2.0, 2.0, 2.0],
};

use Setting::*;
use TownshipKind::*;

// One table row per township reads better than a struct literal of ten fields each.
#[allow(clippy::too_many_arguments)]
const fn township(
    code: &'static str,
    name: &'static str,
    kind: TownshipKind,
    setting: Setting,
    centre: [f64; 2],
    tile: (u32, u32),
    draw: f64,
    catch_up: Option<CatchUpPath>,
) -> TownshipSpec {
    TownshipSpec {
        code,
        name,
        kind,
        setting,
        centre,
        tile,
        trend: 1.0,
        preschool_draw: draw,
        school_draw: draw,
        catch_up,
    }
}

pub const TOWNSHIPS: [TownshipSpec; 10] = [
    township("520122100", "永靖镇", Town, CountySeat, [106.74, 27.10], (1, 2), 1.08, None),
    township("520122101", "温泉镇", Town, MarketTown, [106.83, 27.18], (1, 3), 0.96, None),
    township("520122102", "九庄镇", Town, MarketTown, [106.64, 27.01], (2, 1), 0.97, None),
    township("520122103", "小寨坝镇", Town, Suburb, [106.75, 26.98], (2, 2), 1.0, None),
    township("520122104", "西山镇", Town, Mountain, [106.62, 27.12], (1, 1), 0.94, None),
    township("520122105", "养龙司镇", Town, MarketTown, [106.85, 27.05], (2, 3), 0.97, None),
    township("520122106", "石硐镇", Town, MarketTown, [106.76, 27.26], (0, 2), 0.96, None),
    township("520122107", "鹿窝镇", Town, MarketTown, [106.66, 27.24], (0, 1), 0.95, None),
    township("520122108", "流长镇", Town, Mountain, [106.84, 27.27], (0, 3), 0.93, Some(SHORT_OF_SPACE)),
    township(
        "520122200",
        "青山苗族乡",
        EthnicTownship,
        Mountain,
        [106.58, 27.04],
        (2, 0),
        0.92,
        Some(SHORT_OF_SPACE),
    ),
];

/// Convex outline roughly where 息烽 lies (106.55–106.9°E, 26.9–27.35°N), counter-clockwise.
pub const OUTLINE: [[f64; 2]; 8] = [
    [106.54, 27.12],
    [106.56, 26.99],
    [106.64, 26.92],
    [106.80, 26.92],
    [106.90, 27.02],
    [106.91, 27.22],
    [106.81, 27.33],
    [106.61, 27.31],
];

const YJ: &str = "520122100";
const WQ: &str = "520122101";
const JZ: &str = "520122102";
const XZB: &str = "520122103";
const XS: &str = "520122104";
const YLS: &str = "520122105";
const SD: &str = "520122106";
const LW: &str = "520122107";
const LC: &str = "520122108";
const QS: &str = "520122200";

use Ownership::{Private, PrivateInclusive as Inclusive, Public};
use SchoolType::*;
use Stage::{
    Junior as Jun, Preschool as Pre, Primary as Pri, Senior as Sen, Special as Spe, Vocational as Voc,
};

/// The 106 schools. Student numbers are weights: each stage's county total is shared out in
/// proportion to them (kindergartens within their ownership).
pub const SCHOOLS: &[SchoolSpec] = &[
    // 38 public kindergartens.
    school("520122-K01", "息烽县第一幼儿园", YJ, Kindergarten, Public, &[(Pre, 520)]),
    school("520122-K02", "息烽县第二幼儿园", YJ, Kindergarten, Public, &[(Pre, 460)]),
    school("520122-K03", "息烽县第三幼儿园", YJ, Kindergarten, Public, &[(Pre, 380)]),
    school("520122-K04", "永靖镇中心幼儿园", YJ, Kindergarten, Public, &[(Pre, 300)]),
    school("520122-K05", "永靖镇阳朗幼儿园", YJ, Kindergarten, Public, &[(Pre, 120)]),
    school("520122-K06", "永靖镇红岩幼儿园", YJ, Kindergarten, Public, &[(Pre, 90)]),
    school("520122-K07", "温泉镇中心幼儿园", WQ, Kindergarten, Public, &[(Pre, 210)]),
    school("520122-K08", "温泉镇天台幼儿园", WQ, Kindergarten, Public, &[(Pre, 60)]),
    school("520122-K09", "温泉镇堰坝幼儿园", WQ, Kindergarten, Public, &[(Pre, 55)]),
    school("520122-K10", "九庄镇中心幼儿园", JZ, Kindergarten, Public, &[(Pre, 230)]),
    school("520122-K11", "九庄镇第二幼儿园", JZ, Kindergarten, Public, &[(Pre, 140)]),
    school("520122-K12", "九庄镇高坪幼儿园", JZ, Kindergarten, Public, &[(Pre, 60)]),
    school("520122-K13", "九庄镇河坝幼儿园", JZ, Kindergarten, Public, &[(Pre, 55)]),
    school("520122-K14", "小寨坝镇中心幼儿园", XZB, Kindergarten, Public, &[(Pre, 260)]),
    school("520122-K15", "小寨坝镇第二幼儿园", XZB, Kindergarten, Public, &[(Pre, 170)]),
    school("520122-K16", "小寨坝镇红岩村幼儿园", XZB, Kindergarten, Public, &[(Pre, 65)]),
    school("520122-K17", "小寨坝镇大寨幼儿园", XZB, Kindergarten, Public, &[(Pre, 60)]),
    school("520122-K18", "西山镇中心幼儿园", XS, Kindergarten, Public, &[(Pre, 150)]),
    school("520122-K19", "西山镇新庄幼儿园", XS, Kindergarten, Public, &[(Pre, 45)]),
    school("520122-K20", "西山镇马场幼儿园", XS, Kindergarten, Public, &[(Pre, 40)]),
    school("520122-K21", "养龙司镇中心幼儿园", YLS, Kindergarten, Public, &[(Pre, 210)]),
    school("520122-K22", "养龙司镇第二幼儿园", YLS, Kindergarten, Public, &[(Pre, 150)]),
    school("520122-K23", "养龙司镇堡子幼儿园", YLS, Kindergarten, Public, &[(Pre, 55)]),
    school("520122-K24", "养龙司镇沙田幼儿园", YLS, Kindergarten, Public, &[(Pre, 50)]),
    school("520122-K25", "石硐镇中心幼儿园", SD, Kindergarten, Public, &[(Pre, 180)]),
    school("520122-K26", "石硐镇第二幼儿园", SD, Kindergarten, Public, &[(Pre, 130)]),
    school("520122-K27", "石硐镇中坝幼儿园", SD, Kindergarten, Public, &[(Pre, 50)]),
    school("520122-K28", "石硐镇大洞幼儿园", SD, Kindergarten, Public, &[(Pre, 45)]),
    school("520122-K29", "鹿窝镇中心幼儿园", LW, Kindergarten, Public, &[(Pre, 160)]),
    school("520122-K30", "鹿窝镇第二幼儿园", LW, Kindergarten, Public, &[(Pre, 110)]),
    school("520122-K31", "鹿窝镇坪上幼儿园", LW, Kindergarten, Public, &[(Pre, 45)]),
    school("520122-K32", "鹿窝镇龙井幼儿园", LW, Kindergarten, Public, &[(Pre, 40)]),
    school("520122-K33", "流长镇中心幼儿园", LC, Kindergarten, Public, &[(Pre, 190)]),
    school("520122-K34", "流长镇坝子幼儿园", LC, Kindergarten, Public, &[(Pre, 50)]),
    school("520122-K35", "流长镇高山幼儿园", LC, Kindergarten, Public, &[(Pre, 45)]),
    school("520122-K36", "流长镇新街幼儿园", LC, Kindergarten, Public, &[(Pre, 45)]),
    school("520122-K37", "青山苗族乡中心幼儿园", QS, Kindergarten, Public, &[(Pre, 110)]),
    school("520122-K38", "青山苗族乡苗寨幼儿园", QS, Kindergarten, Public, &[(Pre, 35)]),
    // 12 private kindergartens recognised as inclusive (普惠性民办).
    school("520122-K39", "息烽县童之梦幼儿园", YJ, Kindergarten, Inclusive, &[(Pre, 260)]),
    school("520122-K40", "永靖镇小天使幼儿园", YJ, Kindergarten, Inclusive, &[(Pre, 240)]),
    school("520122-K41", "永靖镇育才幼儿园", YJ, Kindergarten, Inclusive, &[(Pre, 220)]),
    school("520122-K42", "永靖镇爱心幼儿园", YJ, Kindergarten, Inclusive, &[(Pre, 200)]),
    school("520122-K43", "永靖镇明珠幼儿园", YJ, Kindergarten, Inclusive, &[(Pre, 180)]),
    school("520122-K44", "小寨坝镇金太阳幼儿园", XZB, Kindergarten, Inclusive, &[(Pre, 200)]),
    school("520122-K45", "小寨坝镇启蒙幼儿园", XZB, Kindergarten, Inclusive, &[(Pre, 170)]),
    school("520122-K46", "九庄镇快乐幼儿园", JZ, Kindergarten, Inclusive, &[(Pre, 180)]),
    school("520122-K47", "九庄镇星星幼儿园", JZ, Kindergarten, Inclusive, &[(Pre, 150)]),
    school("520122-K48", "温泉镇春雨幼儿园", WQ, Kindergarten, Inclusive, &[(Pre, 160)]),
    school("520122-K49", "养龙司镇苗苗幼儿园", YLS, Kindergarten, Inclusive, &[(Pre, 150)]),
    school("520122-K50", "石硐镇彩虹幼儿园", SD, Kindergarten, Inclusive, &[(Pre, 140)]),
    // 8 other private kindergartens.
    school("520122-K51", "永靖镇博文幼儿园", YJ, Kindergarten, Private, &[(Pre, 230)]),
    school("520122-K52", "永靖镇贝尔幼儿园", YJ, Kindergarten, Private, &[(Pre, 210)]),
    school("520122-K53", "永靖镇思源双语幼儿园", YJ, Kindergarten, Private, &[(Pre, 200)]),
    school("520122-K54", "永靖镇七色花幼儿园", YJ, Kindergarten, Private, &[(Pre, 180)]),
    school("520122-K55", "永靖镇宝贝幼儿园", YJ, Kindergarten, Private, &[(Pre, 160)]),
    school("520122-K56", "小寨坝镇新苗幼儿园", XZB, Kindergarten, Private, &[(Pre, 170)]),
    school("520122-K57", "小寨坝镇乐乐幼儿园", XZB, Kindergarten, Private, &[(Pre, 150)]),
    school("520122-K58", "九庄镇蓓蕾幼儿园", JZ, Kindergarten, Private, &[(Pre, 140)]),
    // 28 primary schools.
    SchoolSpec {
        large_classes: &[(Pri, [8, 0, 0, 0])],
        ..school("520122-P01", "息烽县第一小学", YJ, Primary, Public, &[(Pri, 2200)])
    },
    SchoolSpec {
        large_classes: &[(Pri, [6, 0, 0, 0])],
        ..school("520122-P02", "息烽县第二小学", YJ, Primary, Public, &[(Pri, 2000)])
    },
    school("520122-P03", "息烽县第三小学", YJ, Primary, Public, &[(Pri, 1600)]),
    school("520122-P04", "永靖镇阳朗小学", YJ, Primary, Public, &[(Pri, 900)]),
    school("520122-P05", "永靖镇红岩小学", YJ, Primary, Public, &[(Pri, 450)]),
    school("520122-P06", "温泉镇中心小学", WQ, Primary, Public, &[(Pri, 700)]),
    school("520122-P07", "温泉镇天台小学", WQ, Primary, Public, &[(Pri, 280)]),
    school("520122-P08", "温泉镇堰坝小学", WQ, Primary, Public, &[(Pri, 220)]),
    school("520122-P09", "九庄镇中心小学", JZ, Primary, Public, &[(Pri, 850)]),
    school("520122-P10", "九庄镇高坪小学", JZ, Primary, Public, &[(Pri, 300)]),
    school("520122-P11", "九庄镇河坝小学", JZ, Primary, Public, &[(Pri, 260)]),
    school("520122-P12", "小寨坝小学", XZB, Primary, Public, &[(Pri, 1100)]),
    school("520122-P13", "小寨坝镇云环小学", XZB, Primary, Public, &[(Pri, 500)]),
    school("520122-P14", "小寨坝镇大寨小学", XZB, Primary, Public, &[(Pri, 380)]),
    school("520122-P15", "西山镇中心小学", XS, Primary, Public, &[(Pri, 480)]),
    school("520122-P16", "西山镇马场小学", XS, Primary, Public, &[(Pri, 200)]),
    school("520122-P17", "养龙司小学", YLS, Primary, Public, &[(Pri, 800)]),
    school("520122-P18", "养龙司镇堡子小学", YLS, Primary, Public, &[(Pri, 300)]),
    school("520122-P19", "养龙司镇沙田小学", YLS, Primary, Public, &[(Pri, 240)]),
    school("520122-P20", "石硐小学", SD, Primary, Public, &[(Pri, 650)]),
    school("520122-P21", "石硐镇中坝小学", SD, Primary, Public, &[(Pri, 260)]),
    school("520122-P22", "石硐镇大洞小学", SD, Primary, Public, &[(Pri, 200)]),
    school("520122-P23", "鹿窝镇坪上小学", LW, Primary, Public, &[(Pri, 260)]),
    school("520122-P24", "流长小学", LC, Primary, Public, &[(Pri, 620)]),
    school("520122-P25", "流长镇高山小学", LC, Primary, Public, &[(Pri, 240)]),
    school("520122-P26", "流长镇新街小学", LC, Primary, Public, &[(Pri, 220)]),
    school("520122-P27", "青山苗族乡苗寨小学", QS, Primary, Public, &[(Pri, 180)]),
    school("520122-P28", "青山苗族乡平寨小学", QS, Primary, Public, &[(Pri, 150)]),
    // 4 teaching points.
    school("520122-D01", "温泉镇大坪教学点", WQ, TeachingPoint, Public, &[(Pri, 45)]),
    school("520122-D02", "西山镇新庄教学点", XS, TeachingPoint, Public, &[(Pri, 40)]),
    school("520122-D03", "流长镇坝子教学点", LC, TeachingPoint, Public, &[(Pri, 35)]),
    school("520122-D04", "青山苗族乡高寨教学点", QS, TeachingPoint, Public, &[(Pri, 30)]),
    // 9 junior secondary schools.
    SchoolSpec {
        large_classes: &[(Jun, [5, 0, 0, 0])],
        ..school("520122-J01", "息烽县第三中学", YJ, Junior, Public, &[(Jun, 1300)])
    },
    SchoolSpec {
        large_classes: &[(Jun, [4, 0, 0, 0])],
        ..school("520122-J02", "永靖中学", YJ, Junior, Public, &[(Jun, 1100)])
    },
    school("520122-J03", "小寨坝中学", XZB, Junior, Public, &[(Jun, 700)]),
    school("520122-J04", "九庄中学", JZ, Junior, Public, &[(Jun, 520)]),
    school("520122-J05", "温泉中学", WQ, Junior, Public, &[(Jun, 450)]),
    school("520122-J06", "西山中学", XS, Junior, Public, &[(Jun, 300)]),
    school("520122-J07", "养龙司中学", YLS, Junior, Public, &[(Jun, 560)]),
    school("520122-J08", "石硐中学", SD, Junior, Public, &[(Jun, 420)]),
    school("520122-J09", "流长中学", LC, Junior, Public, &[(Jun, 430)]),
    // 2 nine-year schools, 1 twelve-year school, 1 complete secondary school.
    school("520122-N01", "鹿窝镇九年一贯制学校", LW, NineYear, Public, &[(Pri, 600), (Jun, 320)]),
    school("520122-N02", "青山苗族乡民族学校", QS, NineYear, Public, &[(Pri, 320), (Jun, 180)]),
    school(
        "520122-W01",
        "息烽县乌江复旦学校",
        YJ,
        TwelveYear,
        Public,
        &[(Pri, 1200), (Jun, 700), (Sen, 800)],
    ),
    school("520122-C01", "息烽县第二中学", YJ, CompleteSecondary, Public, &[(Jun, 1000), (Sen, 1100)]),
    // County-level schools.
    SchoolSpec {
        large_classes: &[(Sen, [6, 0, 0, 0])],
        ..school("520122-S01", "息烽县第一中学", YJ, Senior, Public, &[(Sen, 2400)])
    },
    // Moved to its new campus in 小寨坝 (seed: 搬迁至小寨镇新校区).
    school("520122-V01", "息烽县中等职业学校", XZB, Vocational, Public, &[(Voc, 1329)]),
    school("520122-X01", "息烽县特殊教育学校", YJ, Special, Public, &[(Spe, 72)]),
];

fn share(total: u32, weights: &[f64], what: &str) -> Result<Vec<u32>, GenerateError> {
    apportion(total, weights).ok_or_else(|| GenerateError::Model(format!("息烽: nothing to share {what} by")))
}

/// Every school's students by stage: each county total shared out exactly.
fn enrolment() -> Result<Vec<(&'static SchoolSpec, StageStudents)>, GenerateError> {
    let children_private = STUDENTS_PRESCHOOL - CHILDREN_PUBLIC - CHILDREN_PRIVATE_INCLUSIVE;
    let totals: [(Stage, Option<Ownership>, u32); 8] = [
        (Pre, Some(Public), CHILDREN_PUBLIC),
        (Pre, Some(Inclusive), CHILDREN_PRIVATE_INCLUSIVE),
        (Pre, Some(Private), children_private),
        (Pri, None, STUDENTS_PRIMARY),
        (Jun, None, STUDENTS_JUNIOR),
        (Sen, None, STUDENTS_SENIOR),
        (Voc, None, STUDENTS_VOCATIONAL),
        (Spe, None, STUDENTS_SPECIAL),
    ];
    let mut out: Vec<(&'static SchoolSpec, StageStudents)> =
        SCHOOLS.iter().map(|s| (s, Vec::new())).collect();
    for (stage, ownership, total) in totals {
        let members: Vec<(usize, f64)> = SCHOOLS
            .iter()
            .enumerate()
            .filter(|(_, s)| ownership.is_none_or(|o| s.ownership.in_year(0) == o))
            .filter_map(|(i, s)| {
                let weight = s.students.iter().find(|(st, _)| *st == stage)?.1 as f64;
                Some((i, weight * jitter(&format!("{}/weight/{}", s.id, stage.wire()), 0.03)))
            })
            .collect();
        let weights: Vec<f64> = members.iter().map(|(_, w)| *w).collect();
        let counts = share(total, &weights, stage.wire())?;
        for ((i, _), n) in members.iter().zip(counts) {
            if let Some((_, stages)) = out.get_mut(*i) {
                stages.push((stage, n));
            }
        }
    }
    Ok(out)
}

fn township_spec(code: &str) -> Result<&'static TownshipSpec, GenerateError> {
    TOWNSHIPS
        .iter()
        .find(|t| t.code == code)
        .ok_or_else(|| GenerateError::Model(format!("息烽: school in unknown township {code}")))
}

fn schools() -> Result<Vec<School>, GenerateError> {
    let mut out = Vec::new();
    for (spec, students) in enrolment()? {
        let township = township_spec(spec.township)?;
        let key = format!("{COUNTY_CODE}/{}", spec.id);
        let profile = SchoolProfile {
            key: &key,
            kind: spec.kind,
            ownership: spec.ownership.in_year(0),
            setting: township.setting,
            county: CONDITIONS,
        };
        let stages: Vec<(Stage, StageRecord)> = students
            .iter()
            .map(|&(stage, n)| (stage, stage_record(&profile, stage, n, spec.large_classes_in(stage, 0), 0)))
            .collect();
        let mut estate = Estate::first_year(&profile, &students);
        let stage_refs: Vec<(Stage, &StageRecord)> = stages.iter().map(|(s, r)| (*s, r)).collect();
        let catch_up = township.catch_up.as_ref().filter(|_| spec.kind != Kindergarten);
        estate.advance(&profile, 0, &stage_refs, 0.0, catch_up);
        let location = schematic_location(township, &key);
        let mut record =
            school_record(spec, profile.ownership, location, township.setting, &stages, &estate, 0);
        // 息烽's sample publishes no approved places, as many bureaus do not: the portal shows
        // how a county without them reads.
        record.places = None;
        out.push(record);
    }
    Ok(out)
}

fn students_in(schools: &[School], township: &str, stages: &[Stage]) -> u32 {
    schools
        .iter()
        .filter(|s| s.township.as_str() == township)
        .flat_map(|s| s.stages.iter())
        .filter(|(stage, _)| stages.contains(stage))
        .map(|(_, r)| r.students)
        .sum()
}

/// Resident children by age band per township: the county's 3–5 total is exactly 9,924 (so the
/// computed gross kindergarten rate is the seed's 95.18%), 6–11 follows where children attend
/// primary school, 12–14 matches junior enrolment (the plan's 巩固率 above 100% says nearly every
/// child stays on) and 15–17 is sized from the seed's senior gross enrolment, both shared out
/// like 6–11.
fn populations(schools: &[School]) -> Result<Vec<Population>, GenerateError> {
    let kindergarten_pull: Vec<f64> =
        TOWNSHIPS.iter().map(|t| students_in(schools, t.code, &[Pre]) as f64 / t.preschool_draw).collect();
    let age_3_5 = share(CHILDREN_3_5, &kindergarten_pull, "children aged 3–5")?;
    let age_0_2 = share(CHILDREN_0_2, &kindergarten_pull, "children aged 0–2")?;
    let senior_stage = STUDENTS_SENIOR + STUDENTS_VOCATIONAL;
    let age_15_17_total = (senior_stage as f64 / (SENIOR_GROSS_ENROLMENT / 100.0)).round() as u32;
    let age_6_11: Vec<u32> = TOWNSHIPS
        .iter()
        .map(|t| (students_in(schools, t.code, &[Pri]) as f64 / t.school_draw).round() as u32)
        .collect();
    // Junior and senior students gather in county-level schools, so the older bands are shared
    // out like the 6–11 band rather than by where those students attend.
    let by_6_11: Vec<f64> = age_6_11.iter().map(|&n| n as f64).collect();
    let age_12_14 = share(STUDENTS_JUNIOR, &by_6_11, "children aged 12–14")?;
    let age_15_17 = share(age_15_17_total, &by_6_11, "young people aged 15–17")?;
    Ok((0..TOWNSHIPS.len())
        .map(|i| Population {
            age_0_2: age_0_2.get(i).copied(),
            age_3_5: age_3_5.get(i).copied(),
            age_6_11: age_6_11.get(i).copied(),
            age_12_14: age_12_14.get(i).copied(),
            age_15_17: age_15_17.get(i).copied(),
        })
        .collect())
}

const SEED_SOURCE: &str = "《息烽县“十四五”教育事业发展规划》所载2020年数据";

fn reported() -> Vec<ReportedValue> {
    let value = |indicator: &str, value: f64, note: &str| ReportedValue {
        indicator: indicator.to_string(),
        value,
        unit: "%".to_string(),
        level: ReportLevel::County,
        township: None,
        source: SEED_SOURCE.to_string(),
        note: Some(note.to_string()),
    };
    vec![
        value("compulsory_retention_rate", 101.72, "九年义务教育巩固率；按毛口径计算，迁入学生使其超过100%"),
        value("senior_gross_enrolment", 95.94, "高中阶段毛入学率"),
        value("disabled_children_enrolment", 96.65, "残疾儿童少年入学率"),
        value("undergraduate_admission_rate", 53.6, "2020年高考本科上线率"),
    ]
}

fn meta() -> Meta {
    Meta {
        county_code: CountyCode(COUNTY_CODE.to_string()),
        county_name: COUNTY_NAME.to_string(),
        county_name_en: Some("Xifeng County".to_string()),
        school_year: SchoolYear::from_start(START_YEAR),
        as_of: Date(format!("{START_YEAR}-09-30")),
        publisher: "息烽县教育局（示例）".to_string(),
        source: "示例数据生成器（atlas-sample）：县级合计取自《息烽县“十四五”教育事业发展规划》2020年数据，其余为虚构".to_string(),
        license: "CC BY 4.0".to_string(),
        contact: "示例联系人（虚构）：sample-data@example.org".to_string(),
        sample: true,
        notes: vec![
            "示例数据：县级合计（106所学校的类型构成，在校生44,545人及各学段人数，普惠性民办幼儿园12所、在园幼儿2,451人，各项上报比率）与息烽县“十四五”教育事业发展规划所载2020年数据一致；各校、各乡镇的分配及教师、设施、人口等其余数字均为演示用途编造，请勿引用。".to_string(),
            "规划正文的普惠率为84.90%、表格为84.86%，公办率表格为58.95%：本文件取正文口径，公办园在园幼儿5,569人，普惠覆盖率为84.90%，公办园在园幼儿占比为58.96%。".to_string(),
            "3–5岁常住人口取9,924人，使学前三年毛入园率为规划所载的95.18%。".to_string(),
        ],
        survey_method: None,
    }
}

pub fn snapshot() -> Result<Snapshot, GenerateError> {
    let schools = schools()?;
    let populations = populations(&schools)?;
    Ok(Snapshot {
        schema_version: SCHEMA_VERSION,
        meta: meta(),
        townships: TOWNSHIPS.iter().zip(populations).map(|(t, p)| township_record(t, p)).collect(),
        schools,
        reported: reported(),
        satisfaction: None,
    })
}
