//! How a school's figures follow from its enrolment: classes, full-time teachers and their
//! qualifications, buildings and equipment. Both counties use these rules, so the magnitudes are
//! argued once (README.md, "Magnitudes") and differ only through a school's [`Setting`] and the
//! county's [`CountyConditions`].
//!
//! The per-student provisions are set just above the 义务教育优质均衡 thresholds for an ordinary
//! school (教育部《县域义务教育优质均衡发展督导评估办法》, 2017: floor area excluding indoor
//! sports ≥4.5/5.8 m², sports area ≥7.5/10.2 m², equipment ≥2000/2500 元, multimedia classrooms
//! ≥2.3/2.4, degree teachers ≥4.2/5.3, backbone ≥1/1, PE and art ≥0.9/0.9 per 100 students,
//! 小学/初中), with county-seat schools tighter on space and mountain schools roomier but shorter
//! of specialist teachers.

use crate::rng::jitter;
use atlas_core::snapshot::{Facilities, Ownership, SchoolType, Stage, StageRecord, Teachers};

/// What kind of place a school serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// The county seat: large schools and classes, more students per teacher, less space each.
    CountySeat,
    /// A subdistrict or town next to the seat.
    Suburb,
    /// A market town (镇).
    MarketTown,
    /// A mountain township (乡): small schools and classes, fewer students per teacher.
    Mountain,
}

/// County-wide differences between the two sample counties.
#[derive(Clone, Copy, Debug)]
pub struct CountyConditions {
    /// Multiplies every students-per-teacher ratio (息烽 reports a structural teacher shortage).
    pub students_per_teacher_factor: f64,
    /// Added to every above-required-degree share.
    pub degree_share_shift: f64,
    /// Multiplies equipment value per student.
    pub equipment_factor: f64,
}

/// Who a school is, as far as the rules care.
#[derive(Clone, Copy, Debug)]
pub struct SchoolProfile<'a> {
    /// Stable key for the school's random streams, e.g. `530426/530426-P01`.
    pub key: &'a str,
    pub kind: SchoolType,
    pub ownership: Ownership,
    pub setting: Setting,
    pub county: CountyConditions,
}

/// Average class size the school aims at. County-seat primary and junior classes shrink a
/// little each year as 大班额 are broken up.
fn class_size(stage: Stage, setting: Setting, year: usize) -> f64 {
    let y = year.min(3);
    match (stage, setting) {
        (Stage::Preschool, Setting::CountySeat) => 30.0,
        (Stage::Preschool, Setting::Suburb) => 28.0,
        (Stage::Preschool, Setting::MarketTown) => 26.0,
        (Stage::Preschool, Setting::Mountain) => 21.0,
        (Stage::Primary, Setting::CountySeat) => [47.0, 46.0, 45.0, 44.0][y],
        (Stage::Primary, Setting::Suburb) => 42.0,
        (Stage::Primary, Setting::MarketTown) => 38.0,
        (Stage::Primary, Setting::Mountain) => 31.0,
        (Stage::Junior, Setting::CountySeat) => [50.0, 49.0, 48.0, 47.0][y],
        (Stage::Junior, Setting::Suburb) => 47.0,
        (Stage::Junior, Setting::MarketTown) => 45.0,
        (Stage::Junior, Setting::Mountain) => 41.0,
        (Stage::Senior, _) => [52.0, 51.0, 50.0, 50.0][y],
        (Stage::Vocational, _) => 42.0,
        (Stage::Special, _) => 9.0,
    }
}

/// Students per full-time teacher. Kindergartens staff two teachers per class (两教一保) in the
/// county seat, fewer elsewhere; private ones run leaner.
fn students_per_teacher(stage: Stage, school: &SchoolProfile) -> f64 {
    let base = match (stage, school.setting) {
        (Stage::Preschool, _) if school.ownership == Ownership::Private => 19.0,
        (Stage::Preschool, _) if school.ownership == Ownership::PrivateInclusive => 17.0,
        (Stage::Preschool, Setting::CountySeat) => 13.5,
        (Stage::Preschool, Setting::Suburb | Setting::MarketTown) => 15.0,
        (Stage::Preschool, Setting::Mountain) => 16.0,
        (Stage::Primary, _) if school.kind == SchoolType::TeachingPoint => 9.0,
        (Stage::Primary, Setting::CountySeat) => 19.0,
        (Stage::Primary, Setting::Suburb) => 17.0,
        (Stage::Primary, Setting::MarketTown) => 15.0,
        (Stage::Primary, Setting::Mountain) => 12.5,
        (Stage::Junior, Setting::CountySeat) => 14.0,
        (Stage::Junior, Setting::Suburb) => 13.0,
        (Stage::Junior, Setting::MarketTown) => 12.5,
        (Stage::Junior, Setting::Mountain) => 10.5,
        (Stage::Senior, _) => 13.5,
        (Stage::Vocational, _) => 19.0,
        (Stage::Special, _) => 4.5,
    };
    base * school.county.students_per_teacher_factor
}

/// Share of full-time teachers above the degree the stage requires. For the stages the 优质均衡
/// standard covers this is 专科+ (小学) and 本科+ (初中); for the others the generator reads
/// "above required" as 专科+ for kindergarten teachers (required: 中专), 研究生 for senior and
/// vocational teachers (required: 本科) and 本科+ for special-school teachers (required: 专科).
fn above_degree_share(stage: Stage, school: &SchoolProfile, year: usize) -> f64 {
    let y = year as f64;
    let share = match (stage, school.setting) {
        (Stage::Preschool, _) if school.ownership == Ownership::Public => 0.80 + 0.03 * y,
        (Stage::Preschool, _) => 0.62 + 0.03 * y,
        (Stage::Primary, Setting::CountySeat) => 0.97 + 0.005 * y,
        (Stage::Primary, Setting::Suburb | Setting::MarketTown) => 0.95 + 0.01 * y,
        (Stage::Primary, Setting::Mountain) => 0.91 + 0.015 * y,
        (Stage::Junior, Setting::CountySeat) => 0.90 + 0.01 * y,
        (Stage::Junior, Setting::Suburb | Setting::MarketTown) => 0.86 + 0.015 * y,
        (Stage::Junior, Setting::Mountain) => 0.80 + 0.02 * y,
        (Stage::Senior, _) => 0.07 + 0.01 * y,
        (Stage::Vocational, _) => 0.04,
        (Stage::Special, _) => 0.78 + 0.02 * y,
    };
    (share + school.county.degree_share_shift).clamp(0.0, 0.99)
}

/// Share of full-time teachers recognised as county-level-or-above backbone teachers.
fn backbone_share(stage: Stage, school: &SchoolProfile, year: usize) -> f64 {
    let y = year as f64;
    match (stage, school.setting) {
        (Stage::Preschool, _) => 0.08,
        (Stage::Primary, _) if school.kind == SchoolType::TeachingPoint => 0.10,
        (Stage::Primary, Setting::CountySeat) => 0.22,
        (Stage::Primary, Setting::Suburb) => 0.20,
        (Stage::Primary, Setting::MarketTown) => 0.18,
        (Stage::Primary, Setting::Mountain) => 0.16 + 0.005 * y,
        (Stage::Junior, Setting::CountySeat) => 0.20,
        (Stage::Junior, Setting::Suburb) => 0.19,
        (Stage::Junior, Setting::MarketTown) => 0.17,
        (Stage::Junior, Setting::Mountain) => 0.15 + 0.005 * y,
        (Stage::Senior, _) => 0.26,
        (Stage::Vocational, _) => 0.14,
        (Stage::Special, _) => 0.15,
    }
}

/// Full-time PE and art teachers per 100 students. Mountain schools start short of music, PE and
/// art teachers and catch up through yearly targeted hiring (特岗).
fn pe_art_per_100(stage: Stage, setting: Setting, year: usize) -> f64 {
    let y = year.min(3);
    match (stage, setting) {
        (Stage::Preschool, _) => 0.4,
        (Stage::Primary | Stage::Junior, Setting::CountySeat) => 1.02,
        (Stage::Primary | Stage::Junior, Setting::Suburb) => 1.05,
        (Stage::Primary | Stage::Junior, Setting::MarketTown) => 1.10,
        (Stage::Primary | Stage::Junior, Setting::Mountain) => [0.84, 0.92, 1.0, 1.06][y],
        (Stage::Senior, _) => 0.75,
        (Stage::Vocational, _) => 0.5,
        (Stage::Special, _) => 3.0,
    }
}

/// A primary or junior stage of 100 or more students keeps at least a PE and an art teacher
/// however small it is; mountain schools reach that only from 2023 (特岗 hiring), before which
/// one teacher covers both.
fn minimum_pe_art(stage: Stage, school: &SchoolProfile, students: u32, year: usize) -> u32 {
    let teaches_compulsory =
        matches!(stage, Stage::Primary | Stage::Junior) && school.kind != SchoolType::TeachingPoint;
    match (teaches_compulsory && students >= 100, school.setting) {
        (false, _) => 0,
        (true, Setting::Mountain) if year < 2 => 1,
        (true, _) => 2,
    }
}

fn senior_title_share(stage: Stage) -> f64 {
    match stage {
        Stage::Preschool => 0.04,
        Stage::Primary => 0.07,
        Stage::Junior => 0.13,
        Stage::Senior => 0.30,
        Stage::Vocational => 0.20,
        Stage::Special => 0.10,
    }
}

fn share_of(count: u32, share: f64, key: &str) -> u32 {
    ((count as f64 * share * jitter(key, 0.04)).round() as u32).min(count)
}

/// Classes, teachers and their qualifications for one stage of one school in one year.
/// `large_classes` (大班额, 56 or more) is given, not derived: it is a county-seat problem the
/// sample follows school by school.
pub fn stage_record(
    school: &SchoolProfile,
    stage: Stage,
    students: u32,
    large_classes: u32,
    year: usize,
) -> StageRecord {
    let key = format!("{}/{}/{}", school.key, year, stage.wire());
    let classes = if school.kind == SchoolType::TeachingPoint {
        // Teaching points run mixed-grade classes (复式班): one class per 10 or so pupils, at most 4.
        students.div_ceil(10).clamp(1, 4)
    } else {
        ((students as f64 / class_size(stage, school.setting, year)).round() as u32).max(1)
    };
    let ratio = students_per_teacher(stage, school);
    let full_time = ((students as f64 / ratio * jitter(&format!("{key}/teachers"), 0.06)).round() as u32)
        .max(classes.min(students))
        .max(1);
    let teachers = Teachers {
        full_time,
        above_degree: share_of(full_time, above_degree_share(stage, school, year), &format!("{key}/degree")),
        backbone: share_of(full_time, backbone_share(stage, school, year), &format!("{key}/backbone")),
        pe_art: ((students as f64 * pe_art_per_100(stage, school.setting, year) / 100.0
            * jitter(&format!("{key}/pe_art"), 0.06))
        .round() as u32)
            .max(minimum_pe_art(stage, school, students, year))
            .min(full_time),
        senior_title: share_of(full_time, senior_title_share(stage), &format!("{key}/title")),
    };
    StageRecord { students, classes, large_classes: large_classes.min(classes), teachers }
}

/// Space, equipment and books per student a school was built and equipped with, by stage.
struct Provision {
    floor_excluding_indoor_m2: f64,
    indoor_sports_m2: f64,
    sports_ground_m2: f64,
    equipment_yuan: f64,
    books: f64,
}

fn provision(stage: Stage, kind: SchoolType, setting: Setting) -> Provision {
    use Setting::*;
    let p = |floor, indoor, ground, equipment, books| Provision {
        floor_excluding_indoor_m2: floor,
        indoor_sports_m2: indoor,
        sports_ground_m2: ground,
        equipment_yuan: equipment,
        books,
    };
    match (stage, setting) {
        (Stage::Primary, _) if kind == SchoolType::TeachingPoint => p(6.0, 0.0, 9.0, 2_150.0, 22.0),
        (Stage::Preschool, CountySeat) => p(6.5, 0.0, 5.0, 900.0, 10.0),
        (Stage::Preschool, _) => p(7.5, 0.0, 6.0, 800.0, 9.0),
        (Stage::Primary, CountySeat) => p(4.85, 0.30, 7.6, 2_450.0, 30.0),
        (Stage::Primary, Suburb) => p(5.3, 0.25, 8.5, 2_400.0, 30.0),
        (Stage::Primary, MarketTown) => p(5.8, 0.15, 10.5, 2_350.0, 30.0),
        (Stage::Primary, Mountain) => p(6.4, 0.05, 12.0, 2_250.0, 28.0),
        (Stage::Junior, CountySeat) => p(6.3, 0.45, 10.4, 3_000.0, 42.0),
        (Stage::Junior, Suburb) => p(6.8, 0.35, 11.5, 2_900.0, 42.0),
        (Stage::Junior, MarketTown) => p(7.3, 0.25, 13.0, 2_850.0, 40.0),
        (Stage::Junior, Mountain) => p(7.9, 0.10, 14.0, 2_700.0, 38.0),
        (Stage::Senior, _) => p(8.2, 0.60, 11.0, 3_800.0, 48.0),
        (Stage::Vocational, _) => p(10.5, 0.50, 9.0, 5_200.0, 38.0),
        (Stage::Special, _) => p(26.0, 1.50, 15.0, 6_000.0, 35.0),
    }
}

/// Multimedia rooms beyond the classrooms themselves (labs, music, computer rooms).
fn special_rooms(kind: SchoolType, setting: Setting) -> u32 {
    match (kind, setting) {
        (SchoolType::TeachingPoint, _) => 0,
        (SchoolType::Kindergarten, _) => 1,
        (SchoolType::Senior | SchoolType::CompleteSecondary | SchoolType::TwelveYear, _) => 8,
        (SchoolType::Vocational, _) => 10,
        (SchoolType::Special, _) => 2,
        (_, Setting::CountySeat) => 6,
        (_, Setting::Suburb) => 4,
        (_, Setting::MarketTown) => 3,
        (_, Setting::Mountain) => 2,
    }
}

/// Equipment book value relative to the first sample year: yearly purchases, with the county's
/// 2023 purchase of interactive displays (峨山's plan: 触控一体机 270 台) as the larger step.
const EQUIPMENT_GROWTH: [f64; 4] = [1.0, 1.05, 1.13, 1.18];

/// A township whose schools start below the 优质均衡 floor-area and multimedia thresholds and
/// build their way up: per-student values for each sample year, by stage.
#[derive(Clone, Copy, Debug)]
pub struct CatchUpPath {
    pub primary_floor_m2: [f64; 4],
    pub junior_floor_m2: [f64; 4],
    /// For a school teaching both primary and junior students. Its shared space is apportioned to
    /// each stage by students (see `Facilities` in the core), so both stages get the same value
    /// per student: it must start below 4.5 and end above 5.8.
    pub mixed_floor_m2: [f64; 4],
    pub primary_multimedia_per_100: [f64; 4],
    pub junior_multimedia_per_100: [f64; 4],
}

/// A building project that adds teaching and auxiliary floor area from a given year on.
#[derive(Clone, Copy, Debug)]
pub struct Project {
    pub school_id: &'static str,
    /// Index of the first sample year with the new floor area.
    pub year: usize,
    pub floor_area_m2: f64,
}

/// A school's buildings and equipment, carried from year to year: floor area only grows (by
/// projects or a catch-up path), equipment grows with purchases, books accumulate.
pub struct Estate {
    floor_excluding_indoor_m2: f64,
    indoor_sports_m2: f64,
    sports_ground_m2: f64,
    base_equipment_yuan: f64,
    base_books: f64,
    multimedia_classrooms: u32,
    /// Approved places (核定学位数), published for kindergartens only in the sample.
    places: Option<u32>,
}

/// A kindergarten's approved places for its first-year children: county-seat kindergartens are
/// full beyond their places (the shortage the plans speak of), mountain ones have room to spare.
/// Places come in whole classes of 30.
fn kindergarten_places(children: u32, setting: Setting, key: &str) -> u32 {
    let headroom = match setting {
        Setting::CountySeat => 0.92,
        Setting::Suburb => 1.04,
        Setting::MarketTown => 1.12,
        Setting::Mountain => 1.3,
    } * jitter(&format!("{key}/places"), 0.04);
    let classes = (children as f64 * headroom / 30.0).round().max(1.0);
    classes as u32 * 30
}

/// Places a kindergarten gains per square metre of new floor area (about 9 m² a child).
const PLACES_PER_M2: f64 = 1.0 / 9.0;

impl Estate {
    /// The estate a school has in its first sample year, sized for that year's students.
    pub fn first_year(school: &SchoolProfile, students: &[(Stage, u32)]) -> Estate {
        let mut estate = Estate {
            floor_excluding_indoor_m2: 0.0,
            indoor_sports_m2: 0.0,
            sports_ground_m2: 0.0,
            base_equipment_yuan: 0.0,
            base_books: 0.0,
            multimedia_classrooms: 0,
            places: None,
        };
        if school.kind == SchoolType::Kindergarten {
            let children: u32 = students.iter().filter(|(s, _)| *s == Stage::Preschool).map(|(_, n)| n).sum();
            estate.places = Some(kindergarten_places(children, school.setting, school.key));
        }
        let size = |what: &str| jitter(&format!("{}/estate/{what}", school.key), 0.06);
        for &(stage, n) in students {
            let p = provision(stage, school.kind, school.setting);
            let n = n as f64;
            estate.floor_excluding_indoor_m2 += p.floor_excluding_indoor_m2 * n;
            estate.indoor_sports_m2 += p.indoor_sports_m2 * n;
            estate.sports_ground_m2 += p.sports_ground_m2 * n;
            estate.base_equipment_yuan += p.equipment_yuan * n * school.county.equipment_factor;
            estate.base_books += p.books * n;
        }
        estate.floor_excluding_indoor_m2 *= size("floor");
        estate.indoor_sports_m2 *= size("indoor");
        estate.sports_ground_m2 *= size("ground");
        estate.base_equipment_yuan *= size("equipment");
        estate.base_books *= size("books");
        estate
    }

    /// Move to `year`: add the year's projects, keep a multimedia classroom in every class plus
    /// the special rooms, and for a catch-up township build up to that year's per-student path.
    pub fn advance(
        &mut self,
        school: &SchoolProfile,
        year: usize,
        stages: &[(Stage, &StageRecord)],
        added_floor_m2: f64,
        catch_up: Option<&CatchUpPath>,
    ) {
        self.floor_excluding_indoor_m2 += added_floor_m2;
        if let Some(places) = &mut self.places {
            // New buildings add whole classes of 30.
            *places += ((added_floor_m2 * PLACES_PER_M2 / 30.0).round() as u32) * 30;
        }
        let classes: u32 = stages.iter().map(|(_, r)| r.classes).sum();
        let mut multimedia = classes + special_rooms(school.kind, school.setting);
        if let Some(path) = catch_up {
            let y = year.min(3);
            let mixed = [Stage::Primary, Stage::Junior].iter().all(|s| stages.iter().any(|(st, _)| st == s));
            let mut floor = 0.0;
            let mut rooms = 0.0;
            for &(stage, record) in stages {
                let n = record.students as f64;
                match stage {
                    Stage::Primary | Stage::Junior if mixed => {
                        floor += path.mixed_floor_m2[y] * n;
                        rooms += path.junior_multimedia_per_100[y] * n / 100.0;
                    }
                    Stage::Primary => {
                        floor += path.primary_floor_m2[y] * n;
                        rooms += path.primary_multimedia_per_100[y] * n / 100.0;
                    }
                    Stage::Junior => {
                        floor += path.junior_floor_m2[y] * n;
                        rooms += path.junior_multimedia_per_100[y] * n / 100.0;
                    }
                    _ => {}
                }
            }
            let floor = floor * jitter(&format!("{}/catch-up/{year}", school.key), 0.02);
            // The first year sets the shortfall; later years only build.
            self.floor_excluding_indoor_m2 =
                if year == 0 { floor } else { self.floor_excluding_indoor_m2.max(floor) };
            multimedia = (rooms.round() as u32).max(1);
        }
        self.multimedia_classrooms = self.multimedia_classrooms.max(multimedia);
    }

    pub fn places(&self) -> Option<u32> {
        self.places
    }

    pub fn facilities(&self, year: usize) -> Facilities {
        let growth = EQUIPMENT_GROWTH[year.min(3)];
        Facilities {
            floor_area_m2: (self.floor_excluding_indoor_m2 + self.indoor_sports_m2).round(),
            indoor_sports_area_m2: self.indoor_sports_m2.round(),
            sports_ground_area_m2: self.sports_ground_m2.round(),
            // Book values are kept to the hundred yuan.
            equipment_value_yuan: (self.base_equipment_yuan * growth / 100.0).round() * 100.0,
            multimedia_classrooms: self.multimedia_classrooms,
            books: (self.base_books * 1.025f64.powi(year as i32)).round() as u32,
        }
    }
}
