//! The sample 社会认可度 survey: seven respondent groups × six question areas, county-wide, with
//! parents and students also broken down by township.
//!
//! Respondent counts follow how such surveys are run in a county of this size: parents and
//! students in hundreds per question county-wide (sampled by class), teachers in a couple of
//! hundred, principals all answering (about 30), deputies and CPPCC members in tens, the public
//! a few hundred. Rates sit mostly between 85% and 95% — the standard's bar is 85% — with parents
//! weakest on 考试评价改革 (about 80%) and one mountain township's parents below 85% until the
//! last year. Students answer on a five-point scale; the other groups say satisfied or not.

use crate::apportion::apportion;
use crate::rng::{jitter, offset};
use crate::GenerateError;
use atlas_core::snapshot::{Likert, RespondentGroup, Survey, SurveyArea, SurveyResult};
use atlas_core::TownshipCode;

pub struct SurveyDesign {
    pub county_code: &'static str,
    /// For the township rows: `(township code, offset on the rate, extra yearly gain)`.
    pub townships: Vec<(&'static str, f64, f64)>,
}

/// Respondents per question county-wide.
fn respondents(group: RespondentGroup) -> f64 {
    match group {
        RespondentGroup::Students => 800.0,
        RespondentGroup::Parents => 720.0,
        RespondentGroup::Teachers => 240.0,
        RespondentGroup::Principals => 34.0,
        RespondentGroup::Deputies => 38.0,
        RespondentGroup::CppccMembers => 31.0,
        RespondentGroup::OtherPublic => 280.0,
    }
}

fn base_rate(group: RespondentGroup) -> f64 {
    match group {
        RespondentGroup::Students => 0.925,
        RespondentGroup::Parents => 0.885,
        RespondentGroup::Teachers => 0.905,
        RespondentGroup::Principals => 0.945,
        RespondentGroup::Deputies => 0.90,
        RespondentGroup::CppccMembers => 0.89,
        RespondentGroup::OtherPublic => 0.875,
    }
}

fn area_offset(group: RespondentGroup, area: SurveyArea) -> f64 {
    let general = match area {
        SurveyArea::Equity => 0.010,
        SurveyArea::ResourceSharing => -0.012,
        SurveyArea::RegulatedSchooling => 0.012,
        SurveyArea::WholePersonEducation => 0.0,
        SurveyArea::AssessmentReform => -0.025,
        SurveyArea::Quality => -0.005,
    };
    // Parents feel exam and assessment reform most (homework, 中考 changes): the weak cell.
    let parents_on_assessment =
        if group == RespondentGroup::Parents && area == SurveyArea::AssessmentReform { -0.05 } else { 0.0 };
    general + parents_on_assessment
}

fn rate(
    design: &SurveyDesign,
    group: RespondentGroup,
    area: SurveyArea,
    township: Option<&str>,
    year: usize,
) -> f64 {
    let (t_offset, t_gain) = township
        .and_then(|code| design.townships.iter().find(|(c, _, _)| *c == code))
        .map_or((0.0, 0.0), |(_, o, g)| (*o, *g));
    let key = format!(
        "{}/survey/{year}/{}/{}/{}",
        design.county_code,
        group.label_zh(),
        area.label_zh(),
        township.unwrap_or("county")
    );
    let y = year as f64;
    (base_rate(group) + area_offset(group, area) + t_offset + (0.006 + t_gain) * y + offset(&key, 0.01))
        .clamp(0.5, 0.99)
}

/// A five-point distribution of `n` answers whose satisfied share (非常满意 + 满意) is `rate`.
fn likert(n: u32, rate: f64, key: &str) -> Result<Likert, GenerateError> {
    let satisfied = (n as f64 * rate).round() as u32;
    let very = (satisfied as f64 * 0.52 * jitter(&format!("{key}/very"), 0.05)).round() as u32;
    let rest = n.saturating_sub(satisfied);
    let split = apportion(rest, &[0.68, 0.24, 0.08])
        .ok_or_else(|| GenerateError::Model(format!("survey {key}: cannot split answers")))?;
    Ok(Likert {
        very_satisfied: very.min(satisfied),
        satisfied: satisfied - very.min(satisfied),
        neutral: split.first().copied().unwrap_or(0),
        dissatisfied: split.get(1).copied().unwrap_or(0),
        very_dissatisfied: split.get(2).copied().unwrap_or(0),
    })
}

fn add_likert(sum: &mut Likert, part: &Likert) {
    sum.very_satisfied += part.very_satisfied;
    sum.satisfied += part.satisfied;
    sum.neutral += part.neutral;
    sum.dissatisfied += part.dissatisfied;
    sum.very_dissatisfied += part.very_dissatisfied;
}

/// The survey of school year `year`. `township_weights` (code, compulsory students) sizes each
/// township's share of the parents and students sampled.
pub fn results(
    design: &SurveyDesign,
    year: usize,
    township_weights: &[(&str, f64)],
) -> Result<Survey, GenerateError> {
    let by_township = [RespondentGroup::Students, RespondentGroup::Parents];
    let mut county_rows = Vec::new();
    let mut township_rows = Vec::new();
    for group in RespondentGroup::ALL {
        for area in SurveyArea::ALL {
            let key =
                format!("{}/survey/{year}/{}/{}", design.county_code, group.label_zh(), area.label_zh());
            let total = (respondents(group) * jitter(&format!("{key}/n"), 0.08)).round() as u32;
            if !by_township.contains(&group) {
                let n = total;
                let satisfied = (n as f64 * rate(design, group, area, None, year)).round() as u32;
                county_rows.push(SurveyResult {
                    group,
                    area,
                    township: None,
                    respondents: Some(n),
                    satisfied: Some(satisfied.min(n)),
                    likert: None,
                });
                continue;
            }
            let weights: Vec<f64> = township_weights.iter().map(|(_, w)| *w).collect();
            let counts = apportion(total, &weights)
                .ok_or_else(|| GenerateError::Model(format!("survey {key}: no township weights")))?;
            let mut sum_n = 0;
            let mut sum_satisfied = 0;
            let mut sum_likert = Likert::default();
            for ((code, _), n) in township_weights.iter().zip(counts) {
                let r = rate(design, group, area, Some(code), year);
                let mut row = SurveyResult {
                    group,
                    area,
                    township: Some(TownshipCode(code.to_string())),
                    respondents: None,
                    satisfied: None,
                    likert: None,
                };
                if group == RespondentGroup::Students {
                    let l = likert(n, r, &format!("{key}/{code}"))?;
                    add_likert(&mut sum_likert, &l);
                    row.likert = Some(l);
                } else {
                    let satisfied = ((n as f64 * r).round() as u32).min(n);
                    sum_n += n;
                    sum_satisfied += satisfied;
                    row.respondents = Some(n);
                    row.satisfied = Some(satisfied);
                }
                township_rows.push(row);
            }
            // County-wide rows are the sums of the township rows, so the two levels agree.
            county_rows.push(if group == RespondentGroup::Students {
                SurveyResult {
                    group,
                    area,
                    township: None,
                    respondents: None,
                    satisfied: None,
                    likert: Some(sum_likert),
                }
            } else {
                SurveyResult {
                    group,
                    area,
                    township: None,
                    respondents: Some(sum_n),
                    satisfied: Some(sum_satisfied),
                    likert: None,
                }
            });
        }
    }
    // Township rows grouped by township, then group and area, as a bureau's table lists them.
    township_rows
        .sort_by(|a, b| (a.township.as_ref(), a.group, a.area).cmp(&(b.township.as_ref(), b.group, b.area)));
    county_rows.extend(township_rows);
    Ok(Survey { results: county_rows })
}
