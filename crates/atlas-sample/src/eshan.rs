//! 峨山彝族自治县 (530426), 云南省玉溪市: four school years, 2021–2022 to 2024–2025.
//!
//! A county of about 170,000 people with eight township-level units (the ones named in the
//! county's 2022–2024 action plan, `shared/seeds/000_…txt`). Every figure is made up; the
//! magnitudes and trends are chosen so the portal has something true-to-life to show:
//! county-seat schools growing and breaking up 大班额, mountain townships shrinking, 岔河乡 and
//! 大龙潭乡 starting below the 优质均衡 floor-area and multimedia thresholds and building up to
//! them, kindergarten enrolment, inclusive coverage and the public share rising toward the plan's
//! 2024 targets, which are partly met.

use crate::apportion::apportion;
use crate::model::{stage_record, CatchUpPath, CountyConditions, Estate, Project, SchoolProfile, Setting};
use crate::rng::jitter;
use crate::roster::{
    schematic_location, school, school_record, township_record, OwnershipHistory, SchoolSpec, StageStudents,
    TownshipSpec,
};
use crate::survey::{self, SurveyDesign};
use crate::GenerateError;
use atlas_core::snapshot::{
    Meta, Ownership, Population, ReportLevel, ReportedValue, School, SchoolType, Snapshot, Stage,
    StageRecord, SurveyMethod, TownshipKind, SCHEMA_VERSION,
};
use atlas_core::{CountyCode, Date, SchoolYear};
use std::collections::BTreeMap;

pub const COUNTY_CODE: &str = "530426";
pub const COUNTY_NAME: &str = "峨山彝族自治县";
/// First calendar year of the first sample school year (2021–2022).
pub const FIRST_YEAR: i32 = 2021;
pub const YEARS: usize = 4;

const CONDITIONS: CountyConditions =
    CountyConditions { students_per_teacher_factor: 1.0, degree_share_shift: 0.0, equipment_factor: 1.0 };

/// 岔河乡 and 大龙潭乡 start below 4.5/5.8 m² and 2.3/2.4 multimedia rooms per 100 students and
/// pass both by 2024–2025.
const CATCH_UP: CatchUpPath = CatchUpPath {
    primary_floor_m2: [3.95, 4.3, 4.65, 5.0],
    junior_floor_m2: [5.05, 5.4, 5.95, 6.35],
    mixed_floor_m2: [4.1, 5.0, 5.6, 6.1],
    primary_multimedia_per_100: [1.7, 2.0, 2.4, 2.7],
    junior_multimedia_per_100: [1.75, 2.1, 2.5, 2.8],
};

use Setting::*;
use TownshipKind::*;

pub const TOWNSHIPS: [TownshipSpec; 8] = [
    TownshipSpec {
        code: "530426001",
        name: "双江街道",
        kind: Subdistrict,
        setting: CountySeat,
        centre: [102.41, 24.18],
        tile: (1, 1),
        trend: 1.025,
        preschool_draw: 1.06,
        school_draw: 1.08,
        catch_up: None,
    },
    TownshipSpec {
        code: "530426002",
        name: "小街街道",
        kind: Subdistrict,
        setting: Suburb,
        centre: [102.52, 24.29],
        tile: (0, 2),
        trend: 1.005,
        preschool_draw: 1.0,
        school_draw: 1.0,
        catch_up: None,
    },
    TownshipSpec {
        code: "530426103",
        name: "甸中镇",
        kind: Town,
        setting: MarketTown,
        centre: [102.29, 24.29],
        tile: (0, 0),
        trend: 0.985,
        preschool_draw: 0.95,
        school_draw: 0.97,
        catch_up: None,
    },
    TownshipSpec {
        code: "530426104",
        name: "化念镇",
        kind: Town,
        setting: MarketTown,
        centre: [102.57, 24.05],
        tile: (2, 2),
        trend: 0.99,
        preschool_draw: 0.95,
        school_draw: 0.97,
        catch_up: None,
    },
    TownshipSpec {
        code: "530426105",
        name: "塔甸镇",
        kind: Town,
        setting: MarketTown,
        centre: [102.27, 24.15],
        tile: (1, 0),
        trend: 0.975,
        preschool_draw: 0.94,
        school_draw: 0.96,
        catch_up: None,
    },
    TownshipSpec {
        code: "530426201",
        name: "岔河乡",
        kind: Township,
        setting: Mountain,
        centre: [102.37, 24.04],
        tile: (2, 1),
        trend: 0.965,
        preschool_draw: 0.88,
        school_draw: 0.94,
        catch_up: Some(CATCH_UP),
    },
    TownshipSpec {
        code: "530426202",
        name: "大龙潭乡",
        kind: Township,
        setting: Mountain,
        centre: [102.40, 24.36],
        tile: (0, 1),
        trend: 0.965,
        preschool_draw: 0.88,
        school_draw: 0.94,
        catch_up: Some(CATCH_UP),
    },
    TownshipSpec {
        code: "530426203",
        name: "富良棚乡",
        kind: Township,
        setting: Mountain,
        centre: [102.62, 24.20],
        tile: (1, 2),
        trend: 0.97,
        preschool_draw: 0.90,
        school_draw: 0.94,
        catch_up: None,
    },
];

/// A convex outline around the township centres, roughly where 峨山 lies (102.2–102.7°E,
/// 24.0–24.4°N), counter-clockwise. Schematic.
pub const OUTLINE: [[f64; 2]; 8] = [
    [102.20, 24.12],
    [102.26, 24.00],
    [102.45, 23.96],
    [102.66, 24.01],
    [102.71, 24.18],
    [102.63, 24.36],
    [102.45, 24.43],
    [102.25, 24.38],
];

const SJ: &str = "530426001";
const XJ: &str = "530426002";
const DZ: &str = "530426103";
const HN: &str = "530426104";
const TD: &str = "530426105";
const CH: &str = "530426201";
const DLT: &str = "530426202";
const FLP: &str = "530426203";

use Ownership::{Private, PrivateInclusive as Inclusive, Public};
use SchoolType::*;
use Stage::{
    Junior as Jun, Preschool as Pre, Primary as Pri, Senior as Sen, Special as Spe, Vocational as Voc,
};

/// The school whose 2023–2024 floor area was first published with a digit missing and corrected
/// in `2023-2024-r1`.
pub const CORRECTED_SCHOOL: &str = "530426-J06";
pub const CORRECTED_YEAR: usize = 2;

pub const SCHOOLS: &[SchoolSpec] = &[
    // Kindergartens: the numbers are weights for sharing out the county's children each year.
    school("530426-K01", "峨山县第一幼儿园", SJ, Kindergarten, Public, &[(Pre, 420)]),
    // The plan's enlarged county-seat public kindergarten (改扩建): takes more children each year.
    SchoolSpec {
        trend: Some(1.08),
        ..school("530426-K02", "峨山县第二幼儿园", SJ, Kindergarten, Public, &[(Pre, 330)])
    },
    school("530426-K03", "双江街道中心幼儿园", SJ, Kindergarten, Public, &[(Pre, 260)]),
    school("530426-K04", "双江阳光幼儿园", SJ, Kindergarten, Inclusive, &[(Pre, 300)]),
    school("530426-K05", "双江博雅幼儿园", SJ, Kindergarten, Inclusive, &[(Pre, 240)]),
    school("530426-K06", "双江小太阳幼儿园", SJ, Kindergarten, Inclusive, &[(Pre, 200)]),
    SchoolSpec {
        ownership: OwnershipHistory::RecognisedInclusive { from: 2 },
        ..school("530426-K07", "双江贝贝幼儿园", SJ, Kindergarten, Private, &[(Pre, 250)])
    },
    school("530426-K08", "双江启航双语幼儿园", SJ, Kindergarten, Private, &[(Pre, 220)]),
    school("530426-K09", "小街街道中心幼儿园", XJ, Kindergarten, Public, &[(Pre, 300)]),
    school("530426-K10", "小街街道新寨幼儿园", XJ, Kindergarten, Public, &[(Pre, 60)]),
    school("530426-K11", "小街金色童年幼儿园", XJ, Kindergarten, Inclusive, &[(Pre, 150)]),
    school("530426-K12", "小街新星幼儿园", XJ, Kindergarten, Private, &[(Pre, 120)]),
    school("530426-K13", "甸中镇中心幼儿园", DZ, Kindergarten, Public, &[(Pre, 220)]),
    school("530426-K14", "甸中镇大箐幼儿园", DZ, Kindergarten, Public, &[(Pre, 45)]),
    school("530426-K15", "甸中春苗幼儿园", DZ, Kindergarten, Inclusive, &[(Pre, 100)]),
    school("530426-K16", "化念镇中心幼儿园", HN, Kindergarten, Public, &[(Pre, 210)]),
    // Built under the plan; takes children from 2023–2024.
    SchoolSpec {
        opens: 2,
        ..school("530426-K17", "化念镇第二幼儿园", HN, Kindergarten, Public, &[(Pre, 140)])
    },
    school("530426-K18", "化念童心幼儿园", HN, Kindergarten, Inclusive, &[(Pre, 90)]),
    school("530426-K19", "化念七彩幼儿园", HN, Kindergarten, Private, &[(Pre, 70)]),
    school("530426-K20", "塔甸镇中心幼儿园", TD, Kindergarten, Public, &[(Pre, 200)]),
    school("530426-K21", "塔甸镇白土幼儿园", TD, Kindergarten, Public, &[(Pre, 40)]),
    school("530426-K22", "塔甸蓓蕾幼儿园", TD, Kindergarten, Inclusive, &[(Pre, 80)]),
    school("530426-K23", "岔河乡中心幼儿园", CH, Kindergarten, Public, &[(Pre, 140)]),
    school("530426-K24", "岔河乡新村幼儿园", CH, Kindergarten, Public, &[(Pre, 40)]),
    school("530426-K25", "大龙潭乡中心幼儿园", DLT, Kindergarten, Public, &[(Pre, 150)]),
    school("530426-K26", "大龙潭乡龙潭幼儿园", DLT, Kindergarten, Public, &[(Pre, 35)]),
    school("530426-K27", "富良棚乡中心幼儿园", FLP, Kindergarten, Public, &[(Pre, 140)]),
    school("530426-K28", "富良棚乡中寨幼儿园", FLP, Kindergarten, Public, &[(Pre, 35)]),
    // Primary schools.
    SchoolSpec {
        large_classes: &[(Pri, [6, 4, 2, 0])],
        ..school("530426-P01", "双江小学", SJ, Primary, Public, &[(Pri, 1650)])
    },
    SchoolSpec {
        large_classes: &[(Pri, [4, 2, 1, 0])],
        ..school("530426-P02", "双江第二小学", SJ, Primary, Public, &[(Pri, 1350)])
    },
    school("530426-P03", "双江第三小学", SJ, Primary, Public, &[(Pri, 980)]),
    school("530426-P04", "小街中心小学", XJ, Primary, Public, &[(Pri, 700)]),
    school("530426-P05", "小街街道第二小学", XJ, Primary, Public, &[(Pri, 260)]),
    school("530426-P06", "甸中中心小学", DZ, Primary, Public, &[(Pri, 540)]),
    school("530426-P07", "甸中镇大箐小学", DZ, Primary, Public, &[(Pri, 230)]),
    school("530426-P08", "化念小学", HN, Primary, Public, &[(Pri, 680)]),
    school("530426-P09", "化念镇小河小学", HN, Primary, Public, &[(Pri, 210)]),
    school("530426-P10", "塔甸中心小学", TD, Primary, Public, &[(Pri, 480)]),
    school("530426-P11", "塔甸镇白土小学", TD, Primary, Public, &[(Pri, 190)]),
    school("530426-P12", "岔河乡新村小学", CH, Primary, Public, &[(Pri, 150)]),
    school("530426-P13", "大龙潭中心小学", DLT, Primary, Public, &[(Pri, 380)]),
    school("530426-P14", "富良棚小学", FLP, Primary, Public, &[(Pri, 360)]),
    // Teaching points (教学点).
    school("530426-D01", "小街街道老寨教学点", XJ, TeachingPoint, Public, &[(Pri, 30)]),
    school("530426-D02", "甸中镇松树村教学点", DZ, TeachingPoint, Public, &[(Pri, 35)]),
    school("530426-D03", "化念镇石门教学点", HN, TeachingPoint, Public, &[(Pri, 28)]),
    school("530426-D04", "塔甸镇大平地教学点", TD, TeachingPoint, Public, &[(Pri, 24)]),
    school("530426-D05", "岔河乡麻栗树教学点", CH, TeachingPoint, Public, &[(Pri, 22)]),
    // Merged into 岔河乡九年一贯制学校 from 2024–2025.
    SchoolSpec {
        closes: Some(3),
        ..school("530426-D06", "岔河乡松林村教学点", CH, TeachingPoint, Public, &[(Pri, 18)])
    },
    school("530426-D07", "大龙潭乡龙潭村教学点", DLT, TeachingPoint, Public, &[(Pri, 26)]),
    school("530426-D08", "富良棚乡中寨村教学点", FLP, TeachingPoint, Public, &[(Pri, 30)]),
    // Junior secondary schools.
    SchoolSpec {
        large_classes: &[(Jun, [5, 3, 1, 1])],
        ..school("530426-J01", "双江中学", SJ, Junior, Public, &[(Jun, 1150)])
    },
    SchoolSpec {
        large_classes: &[(Jun, [3, 2, 0, 0])],
        ..school("530426-J02", "锦屏中学", SJ, Junior, Public, &[(Jun, 900)])
    },
    school("530426-J03", "小街中学", XJ, Junior, Public, &[(Jun, 420)]),
    school("530426-J04", "甸中中学", DZ, Junior, Public, &[(Jun, 300)]),
    school("530426-J05", "化念中学", HN, Junior, Public, &[(Jun, 380)]),
    school("530426-J06", "塔甸中学", TD, Junior, Public, &[(Jun, 260)]),
    school("530426-J07", "大龙潭中学", DLT, Junior, Public, &[(Jun, 150)]),
    school("530426-J08", "富良棚中学", FLP, Junior, Public, &[(Jun, 170)]),
    // Schools spanning stages, and the county-level schools in the seat.
    school("530426-N01", "岔河乡九年一贯制学校", CH, NineYear, Public, &[(Pri, 340), (Jun, 190)]),
    SchoolSpec {
        trend: Some(1.01),
        ..school("530426-C01", "峨山县第二中学", SJ, CompleteSecondary, Public, &[(Jun, 520), (Sen, 480)])
    },
    SchoolSpec {
        trend: Some(1.03),
        ..school(
            "530426-W01",
            "峨山县启明学校",
            SJ,
            TwelveYear,
            Private,
            &[(Pri, 480), (Jun, 260), (Sen, 220)],
        )
    },
    SchoolSpec {
        trend: Some(1.01),
        large_classes: &[(Sen, [4, 2, 1, 0])],
        ..school("530426-S01", "峨山县第一中学", SJ, Senior, Public, &[(Sen, 1850)])
    },
    SchoolSpec {
        trend: Some(1.02),
        ..school("530426-V01", "峨山县职业高级中学", SJ, Vocational, Public, &[(Voc, 1080)])
    },
    SchoolSpec {
        trend: Some(1.03),
        ..school("530426-X01", "峨山县特殊教育学校", SJ, Special, Public, &[(Spe, 68)])
    },
];

/// Building projects of the plan's appendix (附件2), as teaching and auxiliary floor area that
/// counts from the school year after completion. Dormitories and canteens are left out: they are
/// not teaching space.
const PROJECTS: &[Project] = &[
    // 2022: 峨山一中教学综合楼, 双江小学教学楼.
    Project { school_id: "530426-S01", year: 1, floor_area_m2: 5_600.0 },
    Project { school_id: "530426-P01", year: 1, floor_area_m2: 3_200.0 },
    // 2023: 双江中学综合楼 (restarted 2022), 锦屏中学科教中心, 小街中心小学综合楼.
    Project { school_id: "530426-J01", year: 2, floor_area_m2: 2_600.0 },
    Project { school_id: "530426-J02", year: 2, floor_area_m2: 1_800.0 },
    Project { school_id: "530426-P04", year: 2, floor_area_m2: 2_100.0 },
    // 2024: 小街中心小学报告厅.
    Project { school_id: "530426-P04", year: 3, floor_area_m2: 600.0 },
];

/// Resident children aged 3–5 in the county, each year: births have been falling.
const CHILDREN_3_5: [u32; YEARS] = [4_480, 4_390, 4_300, 4_190];
/// Children aged 0–2.
const CHILDREN_0_2: [u32; YEARS] = [4_150, 3_980, 3_820, 3_660];
/// 学前三年毛入园率 the sample reaches, % (the plan's 2024 target is 95%).
const KINDERGARTEN_GROSS_ENROLMENT: [f64; YEARS] = [89.6, 91.8, 93.9, 95.6];
/// Share of kindergarten children in public kindergartens, % (plan: 公办学位 ≥75% by 2024; the
/// sample falls just short).
const PUBLIC_SHARE: [f64; YEARS] = [62.0, 66.5, 70.5, 74.2];
/// Share in private kindergartens recognised as inclusive, %. Public + this is the inclusive
/// coverage: 86.0, 90.0, 93.0, 95.2 (plan: 95% by 2024, met).
const PRIVATE_INCLUSIVE_SHARE: [f64; YEARS] = [24.0, 23.5, 22.5, 21.0];

/// The bureau's reported indicators, each year (ids from the core's indicator table).
const REPORTED: [(&str, [f64; YEARS], &str); 6] = [
    // Plan: ≥97.5% by 2024 (met in 2024–2025).
    ("compulsory_retention_rate", [96.8, 97.1, 97.4, 97.8], "九年义务教育巩固率"),
    // Plan: ≥97% by 2024 (not met).
    ("senior_gross_enrolment", [93.2, 94.5, 95.6, 96.3], "高中阶段毛入学率"),
    ("disabled_children_enrolment", [95.1, 95.8, 96.6, 97.2], "残疾儿童少年入学率"),
    ("physical_health_pass_rate", [91.2, 92.0, 92.8, 93.5], "学生体质健康合格率"),
    ("myopia_rate", [52.4, 51.6, 50.9, 49.8], "儿童青少年总体近视率"),
    ("undergraduate_admission_rate", [48.5, 51.2, 53.0, 55.4], "高考本科上线率"),
];

pub fn school_year(year: usize) -> SchoolYear {
    SchoolYear::from_start(FIRST_YEAR + year as i32)
}

fn township_spec(code: &str) -> Result<&'static TownshipSpec, GenerateError> {
    TOWNSHIPS
        .iter()
        .find(|t| t.code == code)
        .ok_or_else(|| GenerateError::Model(format!("峨山: school in unknown township {code}")))
}

fn share(total: u32, weights: &[f64], what: &str) -> Result<Vec<u32>, GenerateError> {
    apportion(total, weights).ok_or_else(|| GenerateError::Model(format!("峨山: nothing to share {what} by")))
}

/// Students by school and stage in every year. Kindergarten children are shared out from the
/// county totals each ownership should hold; other stages follow each school's first-year
/// enrolment and its township's (or its own) yearly trend.
fn enrolment() -> Result<Vec<BTreeMap<&'static str, StageStudents>>, GenerateError> {
    let mut years = Vec::new();
    for y in 0..YEARS {
        let mut by_school: BTreeMap<&'static str, StageStudents> = BTreeMap::new();
        let preschool = (CHILDREN_3_5[y] as f64 * KINDERGARTEN_GROSS_ENROLMENT[y] / 100.0).round() as u32;
        let public = (preschool as f64 * PUBLIC_SHARE[y] / 100.0).round() as u32;
        let inclusive = (preschool as f64 * PRIVATE_INCLUSIVE_SHARE[y] / 100.0).round() as u32;
        let private = preschool.saturating_sub(public + inclusive);
        for (ownership, total) in [(Public, public), (Inclusive, inclusive), (Private, private)] {
            let kindergartens: Vec<&SchoolSpec> = SCHOOLS
                .iter()
                .filter(|s| s.kind == Kindergarten && s.exists_in(y) && s.ownership.in_year(y) == ownership)
                .collect();
            let mut weights = Vec::new();
            for k in &kindergartens {
                let trend = k.trend.unwrap_or(township_spec(k.township)?.trend);
                let base = k.students.iter().map(|(_, n)| *n as f64).sum::<f64>();
                weights.push(base * trend.powi(y as i32) * jitter(&format!("{}/{y}/weight", k.id), 0.02));
            }
            let counts = share(total, &weights, "kindergarten children")?;
            for (k, n) in kindergartens.iter().zip(counts) {
                by_school.insert(k.id, vec![(Pre, n)]);
            }
        }
        for s in SCHOOLS.iter().filter(|s| s.kind != Kindergarten && s.exists_in(y)) {
            let trend = s.trend.unwrap_or(township_spec(s.township)?.trend);
            let stages = s
                .students
                .iter()
                .map(|&(stage, base)| {
                    let factor =
                        trend.powi(y as i32) * jitter(&format!("{}/{y}/{}", s.id, stage.wire()), 0.015);
                    (stage, ((base as f64 * factor).round() as u32).max(1))
                })
                .collect();
            by_school.insert(s.id, stages);
        }
        years.push(by_school);
    }
    Ok(years)
}

/// Schools of every year, with facilities carried from year to year.
fn schools_by_year(
    enrolment: &[BTreeMap<&'static str, StageStudents>],
) -> Result<Vec<Vec<School>>, GenerateError> {
    let mut years: Vec<Vec<School>> = vec![Vec::new(); YEARS];
    for spec in SCHOOLS {
        let township = township_spec(spec.township)?;
        let key = format!("{COUNTY_CODE}/{}", spec.id);
        let location = schematic_location(township, &key);
        let mut estate: Option<Estate> = None;
        for (y, school_list) in years.iter_mut().enumerate() {
            let Some(students) = enrolment.get(y).and_then(|e| e.get(spec.id)) else { continue };
            let profile = SchoolProfile {
                key: &key,
                kind: spec.kind,
                ownership: spec.ownership.in_year(y),
                setting: township.setting,
                county: CONDITIONS,
            };
            let stages: Vec<(Stage, StageRecord)> = students
                .iter()
                .map(|&(stage, n)| {
                    (stage, stage_record(&profile, stage, n, spec.large_classes_in(stage, y), y))
                })
                .collect();
            let estate = estate.get_or_insert_with(|| Estate::first_year(&profile, students));
            let added: f64 = PROJECTS
                .iter()
                .filter(|p| p.school_id == spec.id && p.year == y)
                .map(|p| p.floor_area_m2)
                .sum();
            let stage_refs: Vec<(Stage, &StageRecord)> = stages.iter().map(|(s, r)| (*s, r)).collect();
            let catch_up = township.catch_up.as_ref().filter(|_| spec.kind != Kindergarten);
            estate.advance(&profile, y, &stage_refs, added, catch_up);
            school_list.push(school_record(
                spec,
                profile.ownership,
                location,
                township.setting,
                &stages,
                estate,
                y,
            ));
        }
    }
    Ok(years)
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

/// Resident children by age band per township. The county's 0–2 and 3–5 totals are fixed (so
/// the gross kindergarten rate is exactly the designed one) and shared out by where children
/// attend kindergarten, discounted by each township's pull; 6–11 follows each township's primary
/// enrolment the same way; 12–14 matches the county's junior enrolment and 15–17 is sized so the
/// county's senior stage (普通高中 + 中职) over it equals the reported 高中阶段毛入学率, both shared
/// out like 6–11.
fn populations(schools: &[School], year: usize) -> Result<Vec<Population>, GenerateError> {
    let kindergarten_pull: Vec<f64> =
        TOWNSHIPS.iter().map(|t| students_in(schools, t.code, &[Pre]) as f64 / t.preschool_draw).collect();
    let age_3_5 = share(CHILDREN_3_5[year], &kindergarten_pull, "children aged 3–5")?;
    let age_0_2 = share(CHILDREN_0_2[year], &kindergarten_pull, "children aged 0–2")?;
    let senior_stage: u32 = TOWNSHIPS.iter().map(|t| students_in(schools, t.code, &[Sen, Voc])).sum();
    let senior_rate = REPORTED[1].1[year.min(3)];
    let age_15_17_total = (senior_stage as f64 / (senior_rate / 100.0)).round() as u32;
    let age_6_11: Vec<u32> = TOWNSHIPS
        .iter()
        .map(|t| {
            let key = format!("{COUNTY_CODE}/{}/{year}/population/6-11", t.code);
            let primary = students_in(schools, t.code, &[Pri]) as f64;
            (primary / t.school_draw * jitter(&key, 0.01)).round() as u32
        })
        .collect();
    // Junior and senior students gather in county-level schools, so the older bands are shared
    // out like the 6–11 band rather than by where those students attend.
    let by_6_11: Vec<f64> = age_6_11.iter().map(|&n| n as f64).collect();
    let junior: u32 = TOWNSHIPS.iter().map(|t| students_in(schools, t.code, &[Jun])).sum();
    let age_12_14_total =
        (junior as f64 * jitter(&format!("{COUNTY_CODE}/{year}/population/12-14"), 0.01)).round() as u32;
    let age_12_14 = share(age_12_14_total, &by_6_11, "children aged 12–14")?;
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

fn meta(year: usize, extra_notes: &[String]) -> Meta {
    let sy = school_year(year);
    let mut notes = vec![
        "示例数据：本文件中的全部数字均为演示用途编造，不是峨山彝族自治县的真实统计，请勿引用。".to_string(),
        "学校名单、人口、设施与调查结果均由示例数据生成器（crates/atlas-sample）按县域规模和《峨山县推进教育高质量发展三年行动计划（2022—2024年）》的目标设定的数量级生成。".to_string(),
    ];
    notes.extend(year_notes(year));
    notes.extend(extra_notes.iter().cloned());
    Meta {
        county_code: CountyCode(COUNTY_CODE.to_string()),
        county_name: COUNTY_NAME.to_string(),
        county_name_en: Some("Eshan Yi Autonomous County".to_string()),
        school_year: sy,
        as_of: Date(format!("{}-09-30", FIRST_YEAR + year as i32)),
        publisher: "峨山彝族自治县教育体育局（示例）".to_string(),
        source: "示例数据生成器（atlas-sample）：虚构数据，仅供演示".to_string(),
        license: "CC BY 4.0".to_string(),
        contact: "示例联系人（虚构）：sample-data@example.org".to_string(),
        sample: true,
        notes,
        survey_method: Some(SurveyMethod { notes: survey_method_notes(year), group_weights: None }),
    }
}

/// What changed in the school list this year, so a reader of the data sees why counts move.
fn year_notes(year: usize) -> Vec<String> {
    let mut notes = Vec::new();
    for s in SCHOOLS {
        if s.opens == year && year > 0 {
            notes.push(format!("{}本学年起招生（示例）。", s.name));
        }
        if s.closes == Some(year) {
            notes.push(format!("{}本学年起并入岔河乡九年一贯制学校，不再单列（示例）。", s.name));
        }
        if let OwnershipHistory::RecognisedInclusive { from } = s.ownership {
            if from == year {
                notes.push(format!("{}本学年起认定为普惠性民办幼儿园（示例）。", s.name));
            }
        }
    }
    notes
}

fn survey_method_notes(year: usize) -> String {
    let survey_year = FIRST_YEAR + year as i32 + 1;
    format!(
        "示例数据，调查为虚构。{survey_year}年4月至5月由县教育督导室委托第三方机构（示例）实施。\
学生（小学四年级及以上和初中）与家长按学校分层、以班级为单位随机抽样，以线上问卷为主、纸质问卷补充；\
教师按各校人数比例抽样；校长全员填答；人大代表、政协委员经县人大常委会、县政协办公室邀请填答；\
其他群众在各乡镇（街道）便民服务中心随机拦访。学生问卷用五级量表（非常满意至非常不满意），\
其余群体回答是否认可。各题未作答者不计入该题人数。家长与学生另按乡镇（街道）列出，全县汇总行等于各乡镇（街道）之和。"
    )
}

fn reported(year: usize) -> Vec<ReportedValue> {
    let exam_year = FIRST_YEAR + year as i32 + 1;
    REPORTED
        .iter()
        .map(|(id, values, label)| ReportedValue {
            indicator: id.to_string(),
            value: values[year.min(3)],
            unit: "%".to_string(),
            level: ReportLevel::County,
            township: None,
            source: "示例数据".to_string(),
            note: Some(if *id == "undergraduate_admission_rate" {
                format!("{exam_year}年{label}（示例数据）")
            } else {
                format!("{label}（示例数据）")
            }),
        })
        .collect()
}

/// The design of the county's satisfaction survey (see `survey.rs`).
fn survey_design() -> SurveyDesign {
    SurveyDesign {
        county_code: COUNTY_CODE,
        townships: TOWNSHIPS
            .iter()
            .map(|t| {
                let (offset, yearly_gain) = match t.code {
                    // The seat and its neighbour a little above the county.
                    "530426001" => (0.010, 0.0),
                    "530426002" => (0.005, 0.0),
                    "530426105" => (-0.005, 0.0),
                    "530426201" => (-0.015, 0.002),
                    // 大龙潭乡: parents below 85% until the last year, catching up with its schools.
                    "530426202" => (-0.060, 0.008),
                    "530426203" => (-0.010, 0.0),
                    _ => (0.0, 0.0),
                };
                (t.code, offset, yearly_gain)
            })
            .collect(),
    }
}

/// One snapshot per school year, and the corrected 2023–2024 file. Returned as
/// `(file stem, snapshot)` in publication order.
pub fn snapshots() -> Result<Vec<(String, Snapshot)>, GenerateError> {
    let enrolment = enrolment()?;
    let schools = schools_by_year(&enrolment)?;
    let design = survey_design();
    let mut out = Vec::new();
    for (year, schools) in schools.into_iter().enumerate() {
        let populations = populations(&schools, year)?;
        let townships = TOWNSHIPS.iter().zip(populations).map(|(t, p)| township_record(t, p)).collect();
        let weights: Vec<(&str, f64)> =
            TOWNSHIPS.iter().map(|t| (t.code, students_in(&schools, t.code, &[Pri, Jun]) as f64)).collect();
        let snapshot = Snapshot {
            schema_version: SCHEMA_VERSION,
            meta: meta(year, &[]),
            townships,
            schools,
            reported: reported(year),
            satisfaction: Some(survey::results(&design, year, &weights)?),
        };
        if year == CORRECTED_YEAR {
            let (original, note) = with_entry_error(&snapshot)?;
            out.push((school_year(year).to_string(), original));
            let mut corrected = snapshot;
            corrected.meta = meta(year, &[format!("更正版（r1）：{note}")]);
            out.push((format!("{}-r1", school_year(year)), corrected));
        } else {
            out.push((school_year(year).to_string(), snapshot));
        }
    }
    Ok(out)
}

/// The 2023–2024 file as first published: 塔甸中学's floor area keyed in with its last digit
/// missing. Returns the erroneous snapshot and the revision note describing the correction.
fn with_entry_error(correct: &Snapshot) -> Result<(Snapshot, String), GenerateError> {
    let mut original = correct.clone();
    let school = original
        .schools
        .iter_mut()
        .find(|s| s.id == CORRECTED_SCHOOL)
        .ok_or_else(|| GenerateError::Model(format!("峨山: no school {CORRECTED_SCHOOL} to correct")))?;
    let facilities = school
        .facilities
        .as_mut()
        .ok_or_else(|| GenerateError::Model(format!("峨山: {CORRECTED_SCHOOL} has no facilities")))?;
    let right = facilities.floor_area_m2;
    let wrong = (right / 10.0).floor();
    if wrong < facilities.indoor_sports_area_m2 {
        // The error must stay a plausible typo, not break "indoor sports area is part of floor area".
        return Err(GenerateError::Model(format!(
            "峨山: {CORRECTED_SCHOOL}'s mistyped floor area is below its indoor sports area"
        )));
    }
    facilities.floor_area_m2 = wrong;
    let note = format!(
        "{}教学及辅助用房面积原录入为 {} 平方米，系录入时漏掉末位数字，更正为 {} 平方米；其余数据未变。",
        school.name, wrong as u64, right as u64
    );
    Ok((original, note))
}

/// The revision note of the corrected 2023–2024 file, for the manifest.
pub fn revision_note(snapshots: &[(String, Snapshot)]) -> Option<String> {
    snapshots
        .iter()
        .find(|(stem, _)| stem.ends_with("-r1"))
        .and_then(|(_, s)| s.meta.notes.iter().find_map(|n| n.strip_prefix("更正版（r1）：")))
        .map(|n| format!("示例数据更正：{n}"))
}

pub fn county_code() -> CountyCode {
    CountyCode(COUNTY_CODE.to_string())
}
