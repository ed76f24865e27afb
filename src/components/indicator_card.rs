//! A headline figure: one indicator's value for the county, against its standard, with its
//! change since the previous school year and a link to its definition.

use crate::context::use_query;
use crate::i18n::{change_line, msg};
use atlas_core::format::{format_change, format_value};
use atlas_core::indicators::IndicatorDef;
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

/// Meets / near / below the standard; None without a threshold or value.
pub fn standing(def: &IndicatorDef, value: Option<f64>) -> Option<Band> {
    let t = def.threshold.as_ref()?;
    let v = value.filter(|v| v.is_finite())?;
    Some(if t.is_met(v) {
        Band::Meets
    } else if t.reaches_share(v, 0.85) {
        Band::Near
    } else {
        Band::Below
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
