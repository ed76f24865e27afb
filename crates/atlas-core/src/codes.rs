//! Identifiers and calendar values that every file kind shares: county and township codes,
//! school years and dates. Each is a string in JSON and checked by one function here, so the
//! parser, the validator and the CSV importer agree on what is valid.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A county-level administrative division code (县级行政区划代码), six digits, e.g. `530426`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct CountyCode(#[cfg_attr(feature = "schema", schemars(pattern(COUNTY_CODE_PATTERN)))] pub String);

/// The shape a county code must have, as a JSON Schema pattern; `is_well_formed` is the same check.
pub const COUNTY_CODE_PATTERN: &str = "^[0-9]{6}$";

impl CountyCode {
    /// Six ASCII digits.
    pub fn is_well_formed(&self) -> bool {
        self.0.len() == 6 && self.0.bytes().all(|b| b.is_ascii_digit())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A township-level statistical code (统计用区划代码, the first nine digits that identify a
/// 乡/镇/街道), e.g. `530426100` for 化念镇. The first six digits are the county code.
/// Every join between schools, townships, geometry and survey rows uses this code, never the name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct TownshipCode(#[cfg_attr(feature = "schema", schemars(pattern(TOWNSHIP_CODE_PATTERN)))] pub String);

/// The shape a township code must have, as a JSON Schema pattern; `is_well_formed` is the same check.
pub const TOWNSHIP_CODE_PATTERN: &str = "^[0-9]{9}$";

impl TownshipCode {
    /// Nine ASCII digits.
    pub fn is_well_formed(&self) -> bool {
        self.0.len() == 9 && self.0.bytes().all(|b| b.is_ascii_digit())
    }
    /// The county it lies in: the first six digits (`530426100` → `530426`); None for a
    /// malformed code.
    pub fn county(&self) -> Option<CountyCode> {
        self.is_well_formed().then(|| CountyCode(self.0[..6].to_string()))
    }
    /// Whether this township belongs to `county` (its code starts with the county code).
    pub fn is_in(&self, county: &CountyCode) -> bool {
        self.0.starts_with(county.as_str())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TownshipCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for TownshipCode {
    fn from(s: &str) -> Self {
        TownshipCode(s.to_string())
    }
}

/// A school year (学年) written `2024-2025`: it starts in September of the first year.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct SchoolYear(#[cfg_attr(feature = "schema", schemars(pattern(SCHOOL_YEAR_PATTERN)))] pub String);

/// The shape of a school year as a JSON Schema pattern; `is_well_formed` also checks that the
/// years are consecutive.
pub const SCHOOL_YEAR_PATTERN: &str = "^[0-9]{4}-[0-9]{4}$";

impl SchoolYear {
    pub fn from_start(start: i32) -> Self {
        SchoolYear(format!("{}-{}", start, start + 1))
    }

    /// The first calendar year, when the string is `YYYY-YYYY` with consecutive years.
    pub fn start_year(&self) -> Option<i32> {
        let (a, b) = self.0.split_once('-')?;
        if a.len() != 4 || b.len() != 4 {
            return None;
        }
        let a: i32 = a.parse().ok()?;
        let b: i32 = b.parse().ok()?;
        (b == a + 1 && (1949..=2200).contains(&a)).then_some(a)
    }

    pub fn is_well_formed(&self) -> bool {
        self.start_year().is_some()
    }

    /// `2024–2025学年`, as the bureau writes it.
    pub fn label_zh(&self) -> String {
        match self.start_year() {
            Some(y) => format!("{}–{}学年", y, y + 1),
            None => self.0.clone(),
        }
    }

    /// `2024–25 school year`, as English writes it.
    pub fn label_en(&self) -> String {
        match self.start_year() {
            Some(y) => format!("{}–{:02} school year", y, (y + 1) % 100),
            None => self.0.clone(),
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.label_zh(),
            Lang::En => self.label_en(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date written `YYYY-MM-DD` (ISO 8601).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Date(#[cfg_attr(feature = "schema", schemars(pattern(DATE_PATTERN)))] pub String);

/// The shape of a date as a JSON Schema pattern; `is_well_formed` also checks the calendar.
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

impl Date {
    /// (year, month, day) when the string is a real calendar date.
    pub fn parts(&self) -> Option<(i32, u32, u32)> {
        let s = self.0.as_str();
        if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
            return None;
        }
        let y: i32 = s[0..4].parse().ok()?;
        let m: u32 = s[5..7].parse().ok()?;
        let d: u32 = s[8..10].parse().ok()?;
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some((y, m, d))
    }

    pub fn is_well_formed(&self) -> bool {
        self.parts().is_some()
    }

    /// Years since 0000-01-01 as a decimal (day precision), for straight-line plan paths.
    pub fn as_fractional_year(&self) -> Option<f64> {
        let (y, m, d) = self.parts()?;
        let days_before: u32 = (1..m).map(|mm| days_in_month(y, mm)).sum::<u32>() + d - 1;
        let year_len = if is_leap(y) { 366.0 } else { 365.0 };
        Some(y as f64 + days_before as f64 / year_len)
    }

    /// The day at `at` years since 0000-01-01, the inverse of [`Date::as_fractional_year`]
    /// rounded to the nearest day, so a straight-line plan path (computed in fractional years)
    /// can be drawn on a calendar axis. None for a time outside the years 0–9999.
    pub fn from_fractional_year(at: f64) -> Option<Date> {
        if !at.is_finite() || !(0.0..10000.0).contains(&at) {
            return None;
        }
        let mut year = at.floor() as i32;
        let year_len = if is_leap(year) { 366.0 } else { 365.0 };
        let mut day_of_year = ((at - f64::from(year)) * year_len).round() as u32;
        if f64::from(day_of_year) >= year_len {
            // Rounded up past 31 December: 1 January of the next year.
            year += 1;
            day_of_year = 0;
        }
        let mut month = 1;
        while month < 12 && day_of_year >= days_in_month(year, month) {
            day_of_year -= days_in_month(year, month);
            month += 1;
        }
        (year <= 9999).then(|| Date(format!("{year:04}-{month:02}-{:02}", day_of_year + 1)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_township_code_names_its_county() {
        assert_eq!(TownshipCode("530426100".into()).county(), Some(CountyCode("530426".into())));
        assert_eq!(TownshipCode("53042610".into()).county(), None);
        assert_eq!(TownshipCode("５３０４２６１００".into()).county(), None, "full-width digits");
    }

    #[test]
    fn a_fractional_year_turns_back_into_its_day() {
        // 2021-09-30 is day 273 of 2021: 2021 + 272/365.
        assert_eq!(Date::from_fractional_year(2021.0 + 272.0 / 365.0), Some(Date("2021-09-30".into())));
        // 2024-12-31 is day 366 of a leap year: 2024 + 365/366.
        assert_eq!(Date::from_fractional_year(2024.0 + 365.0 / 366.0), Some(Date("2024-12-31".into())));
        // 2024-02-29 is day 60: 2024 + 59/366.
        assert_eq!(Date::from_fractional_year(2024.0 + 59.0 / 366.0), Some(Date("2024-02-29".into())));
        assert_eq!(Date::from_fractional_year(2022.0), Some(Date("2022-01-01".into())));
        // Half a day before the new year rounds to 1 January.
        assert_eq!(Date::from_fractional_year(2022.0 + 364.6 / 365.0), Some(Date("2023-01-01".into())));
        for day in ["2020-03-01", "2023-12-31", "2025-08-31"] {
            let date = Date(day.into());
            assert_eq!(Date::from_fractional_year(date.as_fractional_year().unwrap()), Some(date));
        }
        assert_eq!(Date::from_fractional_year(f64::NAN), None);
        assert_eq!(Date::from_fractional_year(-1.0), None);
        assert_eq!(Date::from_fractional_year(9999.9999), None);
    }

    #[test]
    fn township_code_must_be_nine_digits_inside_its_county() {
        let county = CountyCode("530426".into());
        assert!(TownshipCode::from("530426100").is_well_formed());
        assert!(TownshipCode::from("530426100").is_in(&county));
        assert!(!TownshipCode::from("520122100").is_in(&county));
        assert!(!TownshipCode::from("53042610").is_well_formed());
        assert!(!TownshipCode::from("53042610x").is_well_formed());
    }

    #[test]
    fn school_year_needs_consecutive_years() {
        assert_eq!(SchoolYear("2024-2025".into()).start_year(), Some(2024));
        assert_eq!(SchoolYear("2024-2026".into()).start_year(), None);
        assert_eq!(SchoolYear("24-25".into()).start_year(), None);
        assert_eq!(SchoolYear("2024-2025".into()).label_zh(), "2024–2025学年");
        assert_eq!(SchoolYear("2024-2025".into()).label(Lang::En), "2024–25 school year");
        assert_eq!(SchoolYear("1999-2000".into()).label(Lang::En), "1999–00 school year");
        assert_eq!(SchoolYear("2009-2010".into()).label(Lang::En), "2009–10 school year");
        assert_eq!(
            SchoolYear("2024-2026".into()).label(Lang::En),
            "2024-2026",
            "not a school year: as written"
        );
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert!(Date("2024-02-29".into()).is_well_formed());
        assert!(!Date("2023-02-29".into()).is_well_formed());
        assert!(!Date("2023-13-01".into()).is_well_formed());
        assert!(!Date("2023/01/01".into()).is_well_formed());
        // 2024-07-02 is day 183 of a leap year: 2024 + 183/366 = 2024.5
        assert_eq!(Date("2024-07-02".into()).as_fractional_year(), Some(2024.5));
    }
}
