//! Assembling schools from `schools.csv`, one row per school per stage: the school's own columns
//! may repeat on each of its rows or be left blank after the first, and must agree.

use super::cells::{in_range, parse_count, parse_finite};
use super::columns::{school_columns, Column};
use super::sheet::{read_sheet, Cell, RowReader};
use super::InputFile;
use crate::codes::TownshipCode;
use crate::report::{FileReport, Issue};
use crate::snapshot::{
    Facilities, Location, Ownership, School, SchoolType, Stage, StageRecord, Stages, Teachers, UrbanRural,
};
use crate::validate::rules;
use std::collections::BTreeMap;

/// The school-level columns of one row (each `None` when blank or bad).
struct SchoolColumns {
    name: Option<String>,
    township: Option<String>,
    kind: Option<SchoolType>,
    ownership: Option<Ownership>,
    location: Option<Location>,
    urban_rural: Option<UrbanRural>,
    places: Option<u32>,
    facilities: Option<Facilities>,
}

/// A school being assembled from its rows.
struct SchoolDraft {
    id: String,
    lines: Vec<u64>,
    /// Each school-level value with the line it was first given on.
    name: Option<(String, u64)>,
    township: Option<(String, u64)>,
    kind: Option<(SchoolType, u64)>,
    ownership: Option<(Ownership, u64)>,
    location: Option<(Location, u64)>,
    urban_rural: Option<(UrbanRural, u64)>,
    places: Option<(u32, u64)>,
    facilities: Option<(Facilities, u64)>,
    stages: Stages,
    stage_lines: BTreeMap<Stage, u64>,
    /// A row of the school had a bad cell (already reported): a value it lacks is not reported
    /// again as missing.
    had_bad_cells: bool,
}

/// Schools in order of first appearance, with the lines each came from.
pub(super) fn read_schools(input: &InputFile, report: &mut FileReport) -> (Vec<School>, Vec<Vec<u64>>) {
    use school_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &c::REQUIRED, report) else {
        return (Vec::new(), Vec::new());
    };
    let mut drafts: Vec<SchoolDraft> = Vec::new();

    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        let id = r.text(&c::ID);
        let columns = read_school_columns(&mut r);
        let stage = match r.raw(&c::STAGE) {
            "" => Cell::Blank,
            _ => r.choice::<Stage>(&c::STAGE).map_or(Cell::Bad, Cell::Value),
        };
        let (stage, record) = match stage {
            Cell::Blank => {
                // A row with no stage carries only the school's own columns (a school with no
                // students this year); its stage columns must then be blank too.
                for column in [&c::STUDENTS, &c::CLASSES, &c::TEACHERS] {
                    if !r.raw(column).is_empty() {
                        r.error(
                            &c::STAGE,
                            rules::MISSING_VALUE,
                            format!("填写了“{}”却没有填写学段", column.zh),
                            format!("`{}` is given but the stage is empty", column.zh),
                        );
                        break;
                    }
                }
                (None, None)
            }
            Cell::Bad => (None, None),
            Cell::Value(stage) => (Some(stage), read_stage_record(&mut r)),
        };

        let Some(id) = id else {
            report.issues.append(&mut r.issues);
            continue;
        };
        let index = match drafts.iter().position(|d| d.id == id) {
            Some(i) => i,
            None => {
                drafts.push(SchoolDraft {
                    id: id.clone(),
                    lines: Vec::new(),
                    name: None,
                    township: None,
                    kind: None,
                    ownership: None,
                    location: None,
                    urban_rural: None,
                    places: None,
                    facilities: None,
                    stages: Stages::default(),
                    stage_lines: BTreeMap::new(),
                    had_bad_cells: false,
                });
                drafts.len() - 1
            }
        };
        let Some(draft) = drafts.get_mut(index) else { continue };
        draft.lines.push(row.line);
        merge_school_columns(&mut r, draft, columns);
        if let (Some(stage), Some(record)) = (stage, record) {
            if let Some(first) = draft.stage_lines.get(&stage) {
                let first = *first;
                r.error(
                    &c::STAGE,
                    rules::DUPLICATE_STAGE,
                    format!("学校 {id} 的“{}”学段出现两次（第 {first} 行已有）", stage.label_zh()),
                    format!("school {id} has its {} stage twice (also on line {first})", stage.wire()),
                );
            } else {
                draft.stage_lines.insert(stage, row.line);
                *draft.stages.get_mut(stage) = Some(record);
            }
        }
        draft.had_bad_cells |= !r.issues.is_empty();
        report.issues.append(&mut r.issues);
    }

    let mut schools = Vec::new();
    let mut lines = Vec::new();
    for draft in drafts {
        let first_line = draft.lines.first().copied().unwrap_or(0);
        let mut missing = |value_missing: bool, column: &Column| {
            if value_missing && !draft.had_bad_cells {
                let mut issue = Issue::error(
                    rules::MISSING_VALUE,
                    format!("{} row {first_line}, column {}", sheet.file, column.zh),
                    format!("学校 {} 的各行都没有填写“{}”", draft.id, column.zh),
                    format!("no row of school {} gives `{}`", draft.id, column.zh),
                );
                issue.line = Some(first_line);
                issue.column = sheet.positions.get(column.zh).map(|&i| i as u64 + 1);
                report.push(issue);
            }
        };
        missing(draft.name.is_none(), &c::NAME);
        missing(draft.township.is_none(), &c::TOWNSHIP);
        missing(draft.kind.is_none(), &c::TYPE);
        missing(draft.ownership.is_none(), &c::OWNERSHIP);
        let (Some(name), Some(township), Some(kind), Some(ownership)) =
            (draft.name, draft.township, draft.kind, draft.ownership)
        else {
            continue;
        };
        schools.push(School {
            id: draft.id,
            name: name.0,
            township: TownshipCode(township.0),
            kind: kind.0,
            ownership: ownership.0,
            location: draft.location.map(|l| l.0),
            urban_rural: draft.urban_rural.map(|u| u.0),
            places: draft.places.map(|p| p.0),
            stages: draft.stages,
            facilities: draft.facilities.map(|f| f.0),
        });
        lines.push(draft.lines);
    }
    (schools, lines)
}

fn read_school_columns(r: &mut RowReader) -> SchoolColumns {
    use school_columns as c;
    let name = r.optional_text(&c::NAME);
    let township = r.optional_text(&c::TOWNSHIP);
    let kind = match r.raw(&c::TYPE) {
        "" => None,
        _ => r.choice(&c::TYPE),
    };
    let ownership = match r.raw(&c::OWNERSHIP) {
        "" => None,
        _ => r.choice(&c::OWNERSHIP),
    };
    let lon = r.parse(&c::LON, |s| parse_finite(s).and_then(|v| in_range(s, v, 180.0)));
    let lat = r.parse(&c::LAT, |s| parse_finite(s).and_then(|v| in_range(s, v, 90.0)));
    let location = match (lon, lat) {
        (Cell::Value(lon), Cell::Value(lat)) => Some(Location { lon, lat }),
        (Cell::Blank, Cell::Blank) | (Cell::Bad, _) | (_, Cell::Bad) => None,
        (Cell::Blank, _) => {
            r.error(
                &c::LON,
                rules::MISSING_VALUE,
                "填写了纬度却没有经度".into(),
                "latitude given without longitude".into(),
            );
            None
        }
        (_, Cell::Blank) => {
            r.error(
                &c::LAT,
                rules::MISSING_VALUE,
                "填写了经度却没有纬度".into(),
                "longitude given without latitude".into(),
            );
            None
        }
    };
    let urban_rural = match r.raw(&c::URBAN_RURAL) {
        "" => None,
        _ => r.choice(&c::URBAN_RURAL),
    };
    let places = r.parse(&c::PLACES, parse_count).value();
    let facilities = read_facilities(r);
    SchoolColumns { name, township, kind, ownership, location, urban_rural, places, facilities }
}

/// All six facility columns, or none; a partly filled set names each blank column.
fn read_facilities(r: &mut RowReader) -> Option<Facilities> {
    use school_columns as c;
    if c::FACILITIES.iter().all(|col| r.raw(col).is_empty()) {
        return None;
    }
    let floor_area_m2 = r.amount(&c::FLOOR_AREA);
    let indoor_sports_area_m2 = r.amount(&c::INDOOR_SPORTS);
    let sports_ground_area_m2 = r.amount(&c::SPORTS_GROUND);
    let equipment_value_yuan = r.amount(&c::EQUIPMENT);
    let multimedia_classrooms = r.count(&c::MULTIMEDIA);
    let books = r.count(&c::BOOKS);
    Some(Facilities {
        floor_area_m2: floor_area_m2?,
        indoor_sports_area_m2: indoor_sports_area_m2?,
        sports_ground_area_m2: sports_ground_area_m2?,
        equipment_value_yuan: equipment_value_yuan?,
        multimedia_classrooms: multimedia_classrooms?,
        books: books?,
    })
}

fn read_stage_record(r: &mut RowReader) -> Option<StageRecord> {
    use school_columns as c;
    let students = r.count(&c::STUDENTS);
    let classes = r.count(&c::CLASSES);
    let large_classes = match r.parse(&c::LARGE_CLASSES, parse_count) {
        Cell::Blank => Some(0),
        Cell::Value(v) => Some(v),
        Cell::Bad => None,
    };
    let full_time = r.count(&c::TEACHERS);
    let above_degree = r.count(&c::ABOVE_DEGREE);
    let backbone = r.count(&c::BACKBONE);
    let pe_art = r.count(&c::PE_ART);
    let senior_title = r.count(&c::SENIOR_TITLE);
    Some(StageRecord {
        students: students?,
        classes: classes?,
        large_classes: large_classes?,
        teachers: Teachers {
            full_time: full_time?,
            above_degree: above_degree?,
            backbone: backbone?,
            pe_art: pe_art?,
            senior_title: senior_title?,
        },
    })
}

/// Take each school-level value from the first row that gives it; a later row that gives a
/// different value is an error naming both lines.
fn merge_school_columns(r: &mut RowReader, draft: &mut SchoolDraft, columns: SchoolColumns) {
    use school_columns as c;
    let line = r.row.line;
    let id = draft.id.clone();
    let conflict = |r: &mut RowReader, column: &Column, first: u64| {
        r.error(
            column,
            rules::CONFLICTING_VALUE,
            format!("学校 {id} 的“{}”与第 {first} 行不一致", column.zh),
            format!("`{}` of school {id} differs from line {first}", column.zh),
        );
    };
    fn merge<T: PartialEq>(slot: &mut Option<(T, u64)>, value: Option<T>, line: u64) -> Option<u64> {
        match (slot.as_ref(), value) {
            (None, Some(v)) => {
                *slot = Some((v, line));
                None
            }
            (Some((existing, first)), Some(v)) if *existing != v => Some(*first),
            _ => None,
        }
    }
    if let Some(first) = merge(&mut draft.name, columns.name, line) {
        conflict(r, &c::NAME, first);
    }
    if let Some(first) = merge(&mut draft.township, columns.township, line) {
        conflict(r, &c::TOWNSHIP, first);
    }
    if let Some(first) = merge(&mut draft.kind, columns.kind, line) {
        conflict(r, &c::TYPE, first);
    }
    if let Some(first) = merge(&mut draft.ownership, columns.ownership, line) {
        conflict(r, &c::OWNERSHIP, first);
    }
    if let Some(first) = merge(&mut draft.location, columns.location, line) {
        conflict(r, &c::LON, first);
    }
    if let Some(first) = merge(&mut draft.urban_rural, columns.urban_rural, line) {
        conflict(r, &c::URBAN_RURAL, first);
    }
    if let Some(first) = merge(&mut draft.places, columns.places, line) {
        conflict(r, &c::PLACES, first);
    }
    if let Some(first) = merge(&mut draft.facilities, columns.facilities, line) {
        conflict(r, &c::FLOOR_AREA, first);
    }
}
