//! The import benchmark's workload: `import_bench ROWS DIR` writes a county's import files with
//! ROWS school rows into DIR (meta.json, townships.csv, population.csv, schools.csv: one row per
//! school per stage, as `atlas export --import-files` writes them; a tenth of the schools span
//! two stages, a quarter are kindergartens). `bench/import.sh` then times `atlas import` on them
//! for several sizes side by side, with the peak memory.

use atlas_core::codes::{CountyCode, Date, SchoolYear, TownshipCode};
use atlas_core::import::snapshot_to_csv;
use atlas_core::snapshot::*;

fn stage(students: u32) -> StageRecord {
    let classes = students.div_ceil(45).max(1);
    let teachers = students / 15 + 1;
    StageRecord {
        students,
        classes,
        large_classes: 0,
        teachers: Teachers {
            full_time: teachers,
            above_degree: teachers * 4 / 5,
            backbone: teachers / 10,
            pe_art: teachers / 8,
            senior_title: teachers / 6,
        },
    }
}

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = std::path::PathBuf::from(std::env::args().nth(2).unwrap_or_else(|| "import-bench".into()));
    let townships: Vec<Township> = (0..200)
        .map(|i| Township {
            code: TownshipCode(format!("530426{:03}", 100 + i)),
            name: format!("第{i}镇"),
            name_en: None,
            kind: TownshipKind::Town,
            population: Some(Population { age_3_5: Some(2_000 + i), ..Population::default() }),
        })
        .collect();
    let mut schools = Vec::new();
    let mut written = 0usize;
    let mut i = 0usize;
    while written < rows {
        let township = townships[i % townships.len()].code.clone();
        // Deterministic variety without a random generator: sizes from the school's number.
        let students = 80 + ((i * 7919) % 1_400) as u32;
        let nine_year = i.is_multiple_of(10) && rows - written >= 2;
        let (kind, stages) = if nine_year {
            (
                SchoolType::NineYear,
                Stages {
                    primary: Some(stage(students)),
                    junior: Some(stage(students / 2 + 10)),
                    ..Stages::default()
                },
            )
        } else if i % 4 == 1 {
            (
                SchoolType::Kindergarten,
                Stages { preschool: Some(stage(students / 4 + 20)), ..Stages::default() },
            )
        } else {
            (SchoolType::Primary, Stages { primary: Some(stage(students)), ..Stages::default() })
        };
        written += stages.iter().count();
        let compulsory = kind != SchoolType::Kindergarten;
        schools.push(School {
            id: format!("21530{i:07}"),
            name: format!("示例第{i}学校"),
            name_en: None,
            township,
            kind,
            ownership: Ownership::Public,
            location: None,
            urban_rural: None,
            places: None,
            stages,
            facilities: compulsory.then_some(Facilities {
                floor_area_m2: 3_000.0 + (i % 97) as f64,
                indoor_sports_area_m2: 300.0,
                sports_ground_area_m2: 5_000.0,
                equipment_value_yuan: 1_200_000.5,
                multimedia_classrooms: 12,
                books: 20_000,
            }),
        });
        i += 1;
    }
    let snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            county_code: CountyCode("530426".into()),
            county_name: "基准测试县".into(),
            county_name_en: None,
            school_year: SchoolYear("2024-2025".into()),
            as_of: Date("2024-09-30".into()),
            publisher: "基准测试（示例）".into(),
            source: "生成的数据".into(),
            license: "CC BY 4.0".into(),
            contact: "-".into(),
            sample: true,
            notes: Vec::new(),
            survey_method: None,
        },
        townships,
        schools,
        reported: Vec::new(),
        satisfaction: None,
    };
    let files = snapshot_to_csv(&snapshot).expect("the generated snapshot serialises");
    std::fs::create_dir_all(&dir).expect("the output folder can be made");
    let write =
        |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("the file can be written");
    write("meta.json", &files.meta_json);
    write("townships.csv", &files.townships);
    write("population.csv", files.population.as_deref().unwrap_or_default());
    write("schools.csv", &files.schools);
    println!("{written} rows, {i} schools");
}
