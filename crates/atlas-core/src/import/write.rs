//! The inverse of the import: a snapshot written as the import files.

use super::cells::guard;
use super::columns::{
    population_columns, reported_columns, school_columns, survey_columns, township_columns,
};
use super::CsvFiles;
use crate::export::{write_records, UTF8_BOM};
use crate::snapshot::{Snapshot, Stage, StageRecord};

/// Write a snapshot as the import files, so a bureau can start from a published snapshot (or the
/// sample data) and so import is tested by a round trip. Numbers are written in Rust's shortest
/// form that reads back to the same value, and text a spreadsheet would run as a formula gets a
/// leading `'` that the import takes off again, so the round trip is exact.
pub fn snapshot_to_csv(snapshot: &Snapshot) -> Result<CsvFiles, serde_json::Error> {
    use school_columns as sc;
    let meta_json = crate::to_published_json(&snapshot.meta)?;

    let mut schools = vec![sc::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for school in &snapshot.schools {
        let stage_rows: Vec<Option<(Stage, &StageRecord)>> = if school.stages.iter().next().is_none() {
            vec![None]
        } else {
            school.stages.iter().map(Some).collect()
        };
        for (i, stage_row) in stage_rows.into_iter().enumerate() {
            let first = i == 0;
            let mut row = vec![
                guard(&school.id),
                guard(&school.name),
                school.township.to_string(),
                school.kind.label_zh().to_string(),
                school.ownership.label_zh().to_string(),
            ];
            match stage_row {
                Some((stage, rec)) => row.extend([
                    stage.label_zh().to_string(),
                    rec.students.to_string(),
                    rec.classes.to_string(),
                    rec.large_classes.to_string(),
                    rec.teachers.full_time.to_string(),
                    rec.teachers.above_degree.to_string(),
                    rec.teachers.backbone.to_string(),
                    rec.teachers.pe_art.to_string(),
                    rec.teachers.senior_title.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 9)),
            }
            match (&school.location, first) {
                (Some(l), true) => row.extend([l.lon.to_string(), l.lat.to_string()]),
                _ => row.extend([String::new(), String::new()]),
            }
            row.push(match (school.urban_rural, first) {
                (Some(u), true) => u.label_zh().to_string(),
                _ => String::new(),
            });
            row.push(match (school.places, first) {
                (Some(p), true) => p.to_string(),
                _ => String::new(),
            });
            match (&school.facilities, first) {
                (Some(f), true) => row.extend([
                    f.floor_area_m2.to_string(),
                    f.indoor_sports_area_m2.to_string(),
                    f.sports_ground_area_m2.to_string(),
                    f.equipment_value_yuan.to_string(),
                    f.multimedia_classrooms.to_string(),
                    f.books.to_string(),
                ]),
                _ => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
            schools.push(row);
        }
    }

    let mut townships = vec![township_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    let mut population = vec![population_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for t in &snapshot.townships {
        townships.push(vec![t.code.to_string(), guard(&t.name), t.kind.label_zh().to_string()]);
        if let Some(p) = &t.population {
            let band = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
            population.push(vec![
                t.code.to_string(),
                band(p.age_0_2),
                band(p.age_3_5),
                band(p.age_6_11),
                band(p.age_12_14),
                band(p.age_15_17),
            ]);
        }
    }

    let mut reported = vec![reported_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for v in &snapshot.reported {
        reported.push(vec![
            guard(&v.indicator),
            v.value.to_string(),
            guard(&v.unit),
            v.level.label_zh().to_string(),
            v.township.as_ref().map(|t| t.to_string()).unwrap_or_default(),
            guard(&v.source),
            v.note.as_deref().map(guard).unwrap_or_default(),
        ]);
    }

    let survey = snapshot.satisfaction.as_ref().map(|s| {
        let mut rows = vec![survey_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
        for result in &s.results {
            let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
            let mut row = vec![
                result.group.label_zh().to_string(),
                result.area.label_zh().to_string(),
                result.township.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                count(result.respondents),
                count(result.satisfied),
            ];
            match &result.likert {
                Some(l) => row.extend(
                    [l.very_satisfied, l.satisfied, l.neutral, l.dissatisfied, l.very_dissatisfied]
                        .iter()
                        .map(u32::to_string),
                ),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            rows.push(row);
        }
        csv_text(&rows)
    });

    Ok(CsvFiles {
        meta_json,
        schools: csv_text(&schools),
        townships: csv_text(&townships),
        population: (population.len() > 1).then(|| csv_text(&population)),
        reported: (!snapshot.reported.is_empty()).then(|| csv_text(&reported)),
        survey,
    })
}

/// Rows as CSV text with BOM and CRLF, through the crate's one CSV writer. Text cells were guarded
/// against formulas above in a way the import undoes (see `cells::guard`).
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::from(UTF8_BOM);
    write_records(&mut out, rows);
    out
}
