//! Fixtures shared by the core's unit tests (compiled only for tests).

use crate::codes::{CountyCode, Date, SchoolYear, TownshipCode};
use crate::snapshot::{
    Facilities, Likert, Location, Meta, Ownership, Population, ReportLevel, ReportedValue, RespondentGroup,
    School, SchoolType, Snapshot, StageRecord, Stages, Survey, SurveyArea, SurveyMethod, SurveyResult,
    Teachers, Township, TownshipKind, UrbanRural, SCHEMA_VERSION,
};

fn stage(students: u32, classes: u32, full_time: u32) -> StageRecord {
    StageRecord {
        students,
        classes,
        large_classes: 0,
        teachers: Teachers {
            full_time,
            above_degree: full_time / 2,
            backbone: 1,
            pe_art: 2,
            senior_title: 1,
        },
    }
}

fn facilities(floor: f64) -> Facilities {
    Facilities {
        floor_area_m2: floor,
        indoor_sports_area_m2: 120.5,
        sports_ground_area_m2: 3200.0,
        equipment_value_yuan: 812345.67,
        multimedia_classrooms: 14,
        books: 15_230,
    }
}

/// A small valid snapshot that uses every part of the import files: a school spanning two
/// stages, a location, facilities, population bands left blank, reported values at both
/// levels, survey rows with counts and with a Likert scale, and awkward text (comma, quote).
pub(crate) fn example_snapshot() -> Snapshot {
    let township = |code: &str, name: &str, kind, population| Township {
        code: TownshipCode(code.into()),
        name: name.into(),
        name_en: None,
        kind,
        population,
    };
    let school =
        |id: &str, name: &str, t: &str, kind, ownership, stages: Stages, f: Option<Facilities>| School {
            id: id.into(),
            name: name.into(),
            name_en: None,
            township: TownshipCode(t.into()),
            kind,
            ownership,
            location: None,
            urban_rural: None,
            places: None,
            stages,
            facilities: f,
        };
    let mut primary = school(
        "5304260001",
        "峨山县双江第一小学, \"本部\"",
        "530426001",
        SchoolType::Primary,
        Ownership::Public,
        Stages { preschool: Some(stage(60, 2, 4)), primary: Some(stage(1210, 24, 66)), ..Stages::default() },
        Some(facilities(6543.25)),
    );
    primary.location = Some(Location { lon: 102.405, lat: 24.1725 });
    primary.urban_rural = Some(UrbanRural::Town);
    primary.places = Some(1350);
    primary.stages.primary.as_mut().unwrap().large_classes = 3;
    Snapshot {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            county_code: CountyCode("530426".into()),
            county_name: "峨山彝族自治县".into(),
            county_name_en: None,
            school_year: SchoolYear("2024-2025".into()),
            as_of: Date("2024-09-30".into()),
            publisher: "峨山彝族自治县教育体育局（示例）".into(),
            source: "教育事业统计年报（示例）".into(),
            license: "CC BY 4.0".into(),
            contact: "0877-0000000".into(),
            sample: true,
            notes: vec!["示例数据，仅供演示".into()],
            survey_method: Some(SurveyMethod {
                notes: "2024年11月网上问卷（示例）".into(),
                group_weights: None,
            }),
        },
        townships: vec![
            township(
                "530426001",
                "双江街道",
                TownshipKind::Subdistrict,
                Some(Population {
                    age_0_2: Some(1500),
                    age_3_5: Some(1620),
                    age_6_11: Some(3300),
                    age_12_14: Some(1600),
                    age_15_17: Some(1500),
                }),
            ),
            township(
                "530426100",
                "化念镇",
                TownshipKind::Town,
                Some(Population { age_3_5: Some(720), ..Population::default() }),
            ),
            township("530426200", "岔河乡", TownshipKind::Township, None),
        ],
        schools: vec![
            school(
                "5304260100",
                "双江街道中心幼儿园",
                "530426001",
                SchoolType::Kindergarten,
                Ownership::Public,
                Stages { preschool: Some(stage(240, 8, 16)), ..Stages::default() },
                None,
            ),
            school(
                "5304260101",
                "化念镇阳光幼儿园",
                "530426100",
                SchoolType::Kindergarten,
                Ownership::PrivateInclusive,
                Stages { preschool: Some(stage(150, 5, 9)), ..Stages::default() },
                None,
            ),
            primary,
            school(
                "5304260002",
                "化念镇九年一贯制学校",
                "530426100",
                SchoolType::NineYear,
                Ownership::Public,
                Stages {
                    primary: Some(stage(520, 12, 30)),
                    junior: Some(stage(380, 8, 31)),
                    ..Stages::default()
                },
                Some(facilities(7800.0)),
            ),
            school(
                "5304260003",
                "岔河乡大寨教学点",
                "530426200",
                SchoolType::TeachingPoint,
                Ownership::Public,
                Stages { primary: Some(stage(36, 3, 4)), ..Stages::default() },
                Some(facilities(410.0)),
            ),
        ],
        reported: vec![
            ReportedValue {
                indicator: "compulsory_retention_rate".into(),
                value: 101.72,
                unit: "%".into(),
                level: ReportLevel::County,
                township: None,
                source: "2024年教育统计公报（示例）".into(),
                note: Some("含外县转入学生".into()),
            },
            ReportedValue {
                indicator: "myopia_rate".into(),
                value: 48.3,
                unit: "%".into(),
                level: ReportLevel::County,
                township: None,
                source: "学生体质健康监测（示例）".into(),
                note: None,
            },
        ],
        satisfaction: Some(Survey {
            results: vec![
                SurveyResult {
                    group: RespondentGroup::Parents,
                    area: SurveyArea::Equity,
                    township: None,
                    respondents: Some(420),
                    satisfied: Some(381),
                    likert: None,
                },
                SurveyResult {
                    group: RespondentGroup::Parents,
                    area: SurveyArea::Equity,
                    township: Some(TownshipCode("530426100".into())),
                    respondents: Some(96),
                    satisfied: Some(80),
                    likert: None,
                },
                SurveyResult {
                    group: RespondentGroup::Deputies,
                    area: SurveyArea::Quality,
                    township: None,
                    respondents: None,
                    satisfied: None,
                    likert: Some(Likert {
                        very_satisfied: 12,
                        satisfied: 15,
                        neutral: 4,
                        dissatisfied: 1,
                        very_dissatisfied: 0,
                    }),
                },
            ],
        }),
    }
}
