//! A headline figure: one indicator's value for the county, against its standard, with its
//! change since the previous school year and a link to its definition.

use crate::context::use_query;
use crate::i18n::{change_line, msg};
use atlas_core::format::{format_change, format_value};
use atlas_core::indicators::{IndicatorDef, ThresholdOp};
use leptos::prelude::*;

/// "≥ 4.2 /百生" for the standard, if the indicator has one.
pub fn threshold_text(def: &IndicatorDef) -> Option<String> {
    def.threshold.as_ref().map(|t| format!("{} {}", t.op.symbol(), format_value(Some(t.value), def.unit)))
}

/// Where a value stands against its standard, with the 优质均衡 tolerance band (a school may
/// fall short on one indicator if it reaches 85% of the line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    Meets,
    Near,
    Below,
}

/// The share of the standard's line that counts as "near" (the 优质均衡 per-school rule).
pub const NEAR_SHARE: f64 = 0.85;

/// Meets / near / below the standard; None without a threshold or value.
pub fn standing(def: &IndicatorDef, value: Option<f64>) -> Option<Band> {
    let t = def.threshold.as_ref()?;
    let v = value.filter(|v| v.is_finite())?;
    Some(if t.is_met(v) {
        Band::Meets
    } else if t.reaches_share(v, NEAR_SHARE) {
        Band::Near
    } else {
        Band::Below
    })
}

/// The value ranges of the three bands as a legend prints them, e.g. for a line of ≥ 4.5 m²/生:
/// "≥ 4.5", "3.83 – 4.5", "< 3.83" (near is from 85% of the line up to it; for an at-most line
/// such as a 差异系数 ≤ 0.50 it is from the line up to line ÷ 0.85).
pub fn band_ranges(def: &IndicatorDef) -> Option<[String; 3]> {
    let t = def.threshold.as_ref()?;
    let text = |v: f64| format_value(Some(v), def.unit);
    // The near bound is rounded towards the line at the printed precision, so the printed
    // bound is itself a near value (4.5 × 0.85 = 3.825 prints as 3.83, and 3.82 is below).
    let scale = 10f64.powi(def.unit.decimals() as i32);
    Some(match t.op {
        ThresholdOp::AtLeast => {
            let near = ((t.value * NEAR_SHARE * scale) - 1e-6).ceil() / scale;
            [
                format!("≥ {}", text(t.value)),
                format!("{} – {}", text(near), text(t.value)),
                format!("< {}", text(near)),
            ]
        }
        ThresholdOp::AtMost => {
            let near = ((t.value / NEAR_SHARE * scale) + 1e-6).floor() / scale;
            [
                format!("≤ {}", text(t.value)),
                format!("{} – {}", text(t.value), text(near)),
                format!("> {}", text(near)),
            ]
        }
    })
}

pub fn band_label(b: Band) -> &'static str {
    match b {
        Band::Meets => msg().meets,
        Band::Near => msg().near,
        Band::Below => msg().below,
    }
}

pub fn band_class(b: Band) -> &'static str {
    match b {
        Band::Meets => "chip meets",
        Band::Near => "chip near",
        Band::Below => "chip below",
    }
}

/// Link to an indicator's definition on the About page.
pub fn definition_href(query_base: &crate::state::Query, id: &str) -> String {
    format!("{}#ind-{id}", query_base.href("/about"))
}

#[component]
pub fn IndicatorCard(
    def: &'static IndicatorDef,
    value: Option<f64>,
    /// Value in the previous school year, when there is one.
    previous: Option<Option<f64>>,
) -> impl IntoView {
    let query = use_query();
    let change = previous.map(|p| match (value, p) {
        (Some(v), Some(p)) => format_change(Some(v - p), def.unit),
        _ => format_change(None, def.unit),
    });
    let standard = threshold_text(def);
    let chip = standing(def, value);
    view! {
        <article class="card" data-indicator=def.id>
            <h3 class="card-title">{def.name_zh}</h3>
            <p class="card-value" data-value=value.map(|v| v.to_string()).unwrap_or_default()>
                {format_value(value, def.unit)}
            </p>
            {standard.map(|s| view! {
                <p class="card-standard">
                    {format!("{} {s}", msg().standard)}
                    {chip.map(|b| view! { " " <span class=band_class(b)>{band_label(b)}</span> })}
                </p>
            })}
            <p class="card-change">
                {match change {
                    Some(c) => change_line(&c),
                    None => msg().no_previous_year.to_string(),
                }}
            </p>
            <a class="card-link" href=move || query.with(|q| definition_href(&q.base(), def.id))>
                {msg().definition}
            </a>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::indicators::find;

    fn def(id: &str) -> &'static IndicatorDef {
        find(id).unwrap_or_else(|| panic!("no indicator {id}"))
    }

    #[test]
    fn the_near_band_runs_from_85_percent_of_the_line_to_the_line() {
        // ≥ 4.5 m²/生: near from 4.5 × 0.85 = 3.825 up to 4.5.
        let r = band_ranges(def("floor_area_per_student_primary")).expect("has a standard");
        assert_eq!(
            r,
            ["≥ 4.50 m²/生".to_string(), "3.83 m²/生 – 4.50 m²/生".to_string(), "< 3.83 m²/生".to_string()]
        );
        // A 差异系数 ≤ 0.50 is near up to 0.50 ÷ 0.85 = 0.588…
        let r = band_ranges(def("cv_degree_teachers_primary")).expect("has a standard");
        assert_eq!(r, ["≤ 0.500".to_string(), "0.500 – 0.588".to_string(), "> 0.588".to_string()]);
        assert_eq!(band_ranges(def("students_total")), None);
    }

    #[test]
    fn standing_uses_the_same_line() {
        let d = def("preschool_gross_enrolment");
        assert_eq!(standing(d, Some(85.0)), Some(Band::Meets));
        assert_eq!(standing(d, Some(72.3)), Some(Band::Near));
        assert_eq!(standing(d, Some(72.2)), Some(Band::Below));
        assert_eq!(standing(d, None), None);
    }
}
