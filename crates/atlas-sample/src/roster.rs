//! What both sample counties share: township and school descriptions, and turning them into the
//! core's snapshot records.

use crate::model::{CatchUpPath, Estate, Setting};
use crate::names::pinyin_name;
use crate::rng::offset;
use atlas_core::snapshot::{
    Location, Ownership, Population, School, SchoolType, Stage, StageRecord, Stages, Township, TownshipKind,
    UrbanRural,
};
use atlas_core::TownshipCode;

/// Students by stage of one school in one year.
pub type StageStudents = Vec<(Stage, u32)>;

/// A township-level unit as the generator knows it.
#[derive(Clone, Copy, Debug)]
pub struct TownshipSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: TownshipKind,
    pub setting: Setting,
    /// Approximate centre `[lon, lat]`: the seed of its schematic map cell, not a surveyed point.
    pub centre: [f64; 2],
    /// `(row, col)` in the tile grid, placed roughly by geography.
    pub tile: (u32, u32),
    /// Yearly factor on the enrolment of its schools (county seat growing, mountains shrinking).
    pub trend: f64,
    /// Kindergarten children in the township's kindergartens per resident child aged 3–5 in the
    /// township, relative to the county: above 1 where kindergartens draw children from
    /// elsewhere (the county seat), below 1 in the mountains.
    pub preschool_draw: f64,
    /// The same for primary and junior students and the 6–11 and 12–14 age bands.
    pub school_draw: f64,
    /// Schools start below the facility thresholds and build up along this path.
    pub catch_up: Option<CatchUpPath>,
}

/// A school's ownership over the sample years.
#[derive(Clone, Copy, Debug)]
pub enum OwnershipHistory {
    Always(Ownership),
    /// A private kindergarten recognised as inclusive (认定为普惠性民办幼儿园) from year `from`.
    RecognisedInclusive {
        from: usize,
    },
}

impl OwnershipHistory {
    pub fn in_year(self, year: usize) -> Ownership {
        match self {
            OwnershipHistory::Always(o) => o,
            OwnershipHistory::RecognisedInclusive { from } if year >= from => Ownership::PrivateInclusive,
            OwnershipHistory::RecognisedInclusive { .. } => Ownership::Private,
        }
    }
}

/// A school as the generator knows it.
#[derive(Clone, Copy, Debug)]
pub struct SchoolSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub township: &'static str,
    pub kind: SchoolType,
    pub ownership: OwnershipHistory,
    /// Students by stage in the first sample year. For kindergartens this is a weight: the county's
    /// children are shared out among kindergartens in proportion to it.
    pub students: &'static [(Stage, u32)],
    /// First sample year the school exists (0 for all years).
    pub opens: usize,
    /// First sample year it no longer exists (merged or closed).
    pub closes: Option<usize>,
    /// Yearly enrolment factor replacing the township's (county-level schools draw county-wide).
    pub trend: Option<f64>,
    /// Classes of 56 or more students, by stage, in each sample year.
    pub large_classes: &'static [(Stage, [u32; 4])],
}

impl SchoolSpec {
    pub fn exists_in(&self, year: usize) -> bool {
        year >= self.opens && self.closes.is_none_or(|c| year < c)
    }

    pub fn large_classes_in(&self, stage: Stage, year: usize) -> u32 {
        self.large_classes.iter().find(|(s, _)| *s == stage).map_or(0, |(_, by_year)| by_year[year.min(3)])
    }
}

pub const fn school(
    id: &'static str,
    name: &'static str,
    township: &'static str,
    kind: SchoolType,
    ownership: Ownership,
    students: &'static [(Stage, u32)],
) -> SchoolSpec {
    SchoolSpec {
        id,
        name,
        township,
        kind,
        ownership: OwnershipHistory::Always(ownership),
        students,
        opens: 0,
        closes: None,
        trend: None,
        large_classes: &[],
    }
}

pub fn township_record(spec: &TownshipSpec, population: Population) -> Township {
    Township {
        code: TownshipCode(spec.code.to_string()),
        name: spec.name.to_string(),
        name_en: Some(pinyin_name(spec.name)),
        kind: spec.kind,
        population: Some(population),
    }
}

/// A position near the township's centre: a schematic location for a school marker, inside the
/// township's schematic cell (the tests check this), not a surveyed address.
pub fn schematic_location(township: &TownshipSpec, school_key: &str) -> Location {
    let lon = township.centre[0] + offset(&format!("{school_key}/lon"), 0.012);
    let lat = township.centre[1] + offset(&format!("{school_key}/lat"), 0.010);
    Location { lon: round_to(lon, 4), lat: round_to(lat, 4) }
}

pub fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// The 城乡类型 of a school in a township of this setting: the county seat is 城区, towns and
/// subdistricts next to it 镇区, mountain townships 乡村.
pub fn urban_rural(setting: Setting) -> UrbanRural {
    match setting {
        Setting::CountySeat => UrbanRural::Urban,
        Setting::Suburb | Setting::MarketTown => UrbanRural::Town,
        Setting::Mountain => UrbanRural::Rural,
    }
}

pub fn school_record(
    spec: &SchoolSpec,
    ownership: Ownership,
    location: Location,
    setting: Setting,
    stages: &[(Stage, StageRecord)],
    estate: &Estate,
    year: usize,
) -> School {
    let mut by_stage = Stages::default();
    for (stage, record) in stages {
        *by_stage.get_mut(*stage) = Some(record.clone());
    }
    School {
        id: spec.id.to_string(),
        name: spec.name.to_string(),
        name_en: Some(pinyin_name(spec.name)),
        township: TownshipCode(spec.township.to_string()),
        kind: spec.kind,
        ownership,
        location: Some(location),
        urban_rural: Some(urban_rural(setting)),
        places: estate.places(),
        stages: by_stage,
        facilities: Some(estate.facilities(year)),
    }
}
