//! Schools like a given one, for context on its page: the same type (a 教学点 is compared with
//! teaching points, not with the county's biggest primary school) and a similar number of students.

use crate::snapshot::{School, Snapshot};

/// Two schools have a similar enrolment when the larger has at most this many times the
/// students of the smaller. Enrolment spans orders of magnitude (a 教学点 of 12, a town primary
/// school of 2,000), so similarity is a ratio, not a difference.
pub const SIMILAR_ENROLMENT_FACTOR: f64 = 2.0;

/// Up to `limit` schools of the snapshot with the same type as school `school_id` and an
/// enrolment within [`SIMILAR_ENROLMENT_FACTOR`] of its own, the closest first (by the ratio of
/// enrolments; ties by name). Empty when the school is not in the snapshot or has no students.
pub fn similar_schools<'a>(snapshot: &'a Snapshot, school_id: &str, limit: usize) -> Vec<&'a School> {
    let Some(school) = snapshot.schools.iter().find(|s| s.id == school_id) else {
        return Vec::new();
    };
    let students = school.stages.total_students();
    if students == 0 {
        return Vec::new();
    }
    let mut candidates: Vec<(f64, &School)> = snapshot
        .schools
        .iter()
        .filter(|other| other.id != school.id && other.kind == school.kind)
        .filter_map(|other| {
            let theirs = other.stages.total_students();
            if theirs == 0 {
                return None;
            }
            // |ln(a ÷ b)|: 100 against 200 and 200 against 100 are equally far apart.
            let distance = (theirs as f64 / students as f64).ln().abs();
            (distance <= SIMILAR_ENROLMENT_FACTOR.ln() + 1e-12).then_some((distance, other))
        })
        .collect();
    crate::sort::sort_by(&mut candidates, |a, b| a.0.total_cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    candidates.into_iter().take(limit).map(|(_, s)| s).collect()
}
