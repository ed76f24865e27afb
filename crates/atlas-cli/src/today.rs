//! Today's date for `atlas publish`, in China Standard Time.
//!
//! Publication dates are the bureau's calendar days. China uses UTC+8 all year (no daylight
//! saving), so the date is computed from the system clock at that fixed offset rather than from
//! the machine's time zone, which on a server is often UTC (8 hours late on the morning of a
//! release). `--date` overrides it.

use atlas_core::Date;
use std::time::{SystemTime, UNIX_EPOCH};

const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

pub fn today_in_china() -> Date {
    let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        // A clock before 1970 is broken; fall back to the epoch rather than fail publishing.
        Err(_) => 0,
    };
    date_of_unix_day((seconds + CHINA_OFFSET_SECONDS).div_euclid(86_400))
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html).
pub fn date_of_unix_day(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    Date(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_to_calendar_dates() {
        assert_eq!(date_of_unix_day(0).0, "1970-01-01");
        // 2000-03-01 is 11017 days after the epoch: 30 years of 365 days + 7 leap days (1972 …
        // 1996) = 10957 to 2000-01-01, + 31 (January) + 29 (February of a leap year) = 11017.
        assert_eq!(date_of_unix_day(11_017).0, "2000-03-01");
        assert_eq!(date_of_unix_day(11_016).0, "2000-02-29");
        assert_eq!(date_of_unix_day(-1).0, "1969-12-31");
    }

    #[test]
    fn today_is_a_real_date() {
        assert!(today_in_china().is_well_formed());
    }
}
