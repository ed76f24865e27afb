//! Which snapshots a link shows. A link can follow the data ("always the latest": the county's
//! snapshots in force today) or pin one snapshot ("this version"), so that an article quoting a
//! figure keeps showing that figure after the next school year or a correction is published.
//!
//! A pinned view shows the data **as it stood when the pinned snapshot was published**: the
//! pinned snapshot itself (even if a correction has replaced it since), and for the school years
//! before it the versions then in force (corrections published later are left out, so a change
//! against the year before reads as it did). Years after the pinned one are not in the view.
//! What has happened since is reported beside it, for the notices: the correction now in force
//! for the pinned year, and the latest school year published.

use crate::manifest::{CountyEntry, SnapshotEntry};

/// The snapshots of one county a view shows, and what is newer.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionView {
    /// The snapshot whose figures are shown.
    pub current: SnapshotEntry,
    /// One snapshot per school year, oldest first, ending with `current`'s year: what trends show.
    pub series: Vec<SnapshotEntry>,
    /// The link pinned `current` by its id.
    pub pinned: bool,
    /// Pinned view only: the version in force today for the pinned school year, when a correction
    /// has replaced the pinned snapshot since (with its `revision_note`).
    pub corrected_by: Option<SnapshotEntry>,
    /// Pinned view only: the latest school year in force today, when it is later than the pinned
    /// one.
    pub newer: Option<SnapshotEntry>,
}

impl VersionView {
    /// The snapshot of the school year before `current` in the view, for changes.
    pub fn previous(&self) -> Option<&SnapshotEntry> {
        let at = self.series.iter().position(|e| e.id == self.current.id)?;
        at.checked_sub(1).and_then(|i| self.series.get(i))
    }
}

/// The view of `snapshot_id` pinned: `None` when the county has no snapshot of that id (the
/// caller then falls back to the latest, and says so).
pub fn pinned(county: &CountyEntry, snapshot_id: &str) -> Option<VersionView> {
    let pin = county.snapshot(snapshot_id)?;
    // Entries published up to the pin's day, minus anything that revises the pin: the folder as
    // the reader saw it, with the pin in force for its year.
    let then = CountyEntry {
        snapshots: county
            .snapshots
            .iter()
            .filter(|e| e.published <= pin.published && e.school_year <= pin.school_year)
            .filter(|e| !revises(county, e, &pin.id))
            .cloned()
            .collect(),
        ..county.clone()
    };
    let mut series: Vec<SnapshotEntry> =
        then.current_snapshots().into_iter().filter(|e| e.school_year != pin.school_year).cloned().collect();
    series.push(pin.clone());
    crate::sort::sort_by(&mut series, |a, b| a.school_year.cmp(&b.school_year));

    let today = county.current_snapshots();
    let corrected_by =
        today.iter().find(|e| e.school_year == pin.school_year && e.id != pin.id).map(|e| (*e).clone());
    let newer = today.last().filter(|e| e.school_year > pin.school_year).map(|e| (*e).clone());
    Some(VersionView { current: pin.clone(), series, pinned: true, corrected_by, newer })
}

/// The view that follows the data: the version in force today of `school_year` (the latest
/// school year when `None` or not published), with every school year in force. `None` when the
/// county has no snapshot.
pub fn latest(county: &CountyEntry, school_year: Option<&str>) -> Option<VersionView> {
    let series: Vec<SnapshotEntry> = county.current_snapshots().into_iter().cloned().collect();
    let current = school_year
        .and_then(|y| series.iter().find(|e| e.school_year.as_str() == y))
        .or_else(|| series.last())?
        .clone();
    Some(VersionView { current, series, pinned: false, corrected_by: None, newer: None })
}

/// Whether `entry` is a correction of `id`, directly or through earlier corrections.
fn revises(county: &CountyEntry, entry: &SnapshotEntry, id: &str) -> bool {
    let mut at = entry;
    // A chain longer than the list would be a loop (validation refuses them); stop anyway.
    for _ in 0..county.snapshots.len() {
        match at.revises.as_deref() {
            Some(target) if target == id => return true,
            Some(target) => match county.snapshot(target) {
                Some(next) => at = next,
                None => return false,
            },
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{CountyCode, Date, SchoolYear};

    fn entry(id: &str, year: &str, published: &str, revises: Option<&str>) -> SnapshotEntry {
        SnapshotEntry {
            id: id.into(),
            school_year: SchoolYear(year.into()),
            as_of: Date(format!("{}-09-30", &year[..4])),
            published: Date(published.into()),
            schema_version: 1,
            path: format!("530426/{id}.json"),
            bytes: 1,
            sha256: "0".repeat(64),
            sample: false,
            revises: revises.map(Into::into),
            revision_note: revises.map(|_| "更正一处面积".into()),
        }
    }

    /// 2022–23 published 2023-03; 2023–24 published 2024-03, corrected 2024-05 (r1) and again
    /// 2025-04 (r2); 2024–25 published 2025-03.
    fn eshan() -> CountyEntry {
        CountyEntry {
            code: CountyCode("530426".into()),
            name: "峨山彝族自治县".into(),
            snapshots: vec![
                entry("530426-2022-2023", "2022-2023", "2023-03-01", None),
                entry("530426-2023-2024", "2023-2024", "2024-03-01", None),
                entry("530426-2023-2024-r1", "2023-2024", "2024-05-01", Some("530426-2023-2024")),
                entry("530426-2024-2025", "2024-2025", "2025-03-01", None),
                entry("530426-2023-2024-r2", "2023-2024", "2025-04-01", Some("530426-2023-2024-r1")),
            ],
            geometry: vec![],
            plans: vec![],
        }
    }

    fn ids(entries: &[SnapshotEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn the_latest_view_follows_corrections_and_new_years() {
        let v = latest(&eshan(), None).unwrap();
        assert_eq!(v.current.id, "530426-2024-2025");
        assert_eq!(ids(&v.series), ["530426-2022-2023", "530426-2023-2024-r2", "530426-2024-2025"]);
        assert_eq!(v.previous().map(|e| e.id.as_str()), Some("530426-2023-2024-r2"));
        assert!(!v.pinned && v.corrected_by.is_none() && v.newer.is_none());
        let year = latest(&eshan(), Some("2023-2024")).unwrap();
        assert_eq!(year.current.id, "530426-2023-2024-r2");
        assert_eq!(latest(&eshan(), Some("1999-2000")).unwrap().current.id, "530426-2024-2025");
    }

    #[test]
    fn a_pinned_snapshot_shows_the_data_as_published_then_and_says_what_is_newer() {
        // Pinned on the day the first 2023–24 file came out: no correction yet, no 2024–25.
        let v = pinned(&eshan(), "530426-2023-2024").unwrap();
        assert_eq!(v.current.id, "530426-2023-2024");
        assert_eq!(ids(&v.series), ["530426-2022-2023", "530426-2023-2024"]);
        assert_eq!(v.previous().map(|e| e.id.as_str()), Some("530426-2022-2023"));
        assert_eq!(v.corrected_by.as_ref().map(|e| e.id.as_str()), Some("530426-2023-2024-r2"));
        assert_eq!(v.newer.as_ref().map(|e| e.id.as_str()), Some("530426-2024-2025"));
    }

    #[test]
    fn a_pinned_latest_year_keeps_the_previous_years_version_of_its_day() {
        // 2024–25 came out 2025-03-01, when r1 was the 2023–24 in force; r2 (2025-04) is later.
        let v = pinned(&eshan(), "530426-2024-2025").unwrap();
        assert_eq!(ids(&v.series), ["530426-2022-2023", "530426-2023-2024-r1", "530426-2024-2025"]);
        assert_eq!(v.previous().map(|e| e.id.as_str()), Some("530426-2023-2024-r1"));
        assert_eq!((v.corrected_by, v.newer), (None, None));
        // The correction in force is itself pinnable and is not "corrected" by itself.
        let r2 = pinned(&eshan(), "530426-2023-2024-r2").unwrap();
        assert_eq!(r2.corrected_by, None);
        assert_eq!(ids(&r2.series), ["530426-2022-2023", "530426-2023-2024-r2"]);
        assert_eq!(r2.newer.as_ref().map(|e| e.id.as_str()), Some("530426-2024-2025"));
        assert_eq!(pinned(&eshan(), "530426-1999-2000"), None);
    }
}
