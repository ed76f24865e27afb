//! A headline figure: one indicator's value for the county, against its standard, with its
//! change since the previous school year and a link to its definition.

use crate::context::use_query;
use crate::i18n::{change_line, lang, msg};
use atlas_core::format::{format_change, format_value};
use atlas_core::indicators::{change_since, evaluate, IndicatorDef, Standing};
use leptos::prelude::*;

/// "≥ 4.2 /百生" for the standard, if the indicator has one.
pub fn threshold_text(def: &IndicatorDef) -> Option<String> {
    def.threshold
        .as_ref()
        .map(|t| format!("{} {}", t.op.symbol(), format_value(Some(t.value), def.unit, lang())))
}

/// The verdict chip of a value: meets, near or below its standard's line (the core's
/// [`evaluate`]); None without a line or a value, which show no chip.
pub fn standing_chip(def: &IndicatorDef, value: Option<f64>) -> Option<Standing> {
    Some(evaluate(def, value)).filter(|s| s.is_verdict())
}

pub fn chip_class(s: Standing) -> &'static str {
    match s {
        Standing::Meets => "chip meets",
        Standing::Near => "chip near",
        Standing::Below => "chip below",
        Standing::NoThreshold | Standing::NoData => "chip",
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
    let change = previous.map(|p| format_change(change_since(p, value), def.unit, lang()));
    let standard = threshold_text(def);
    let chip = standing_chip(def, value);
    view! {
        <article class="card" data-indicator=def.id>
            <h3 class="card-title">{def.name(lang())}</h3>
            <p class="card-value" data-value=value.map(|v| v.to_string()).unwrap_or_default()>
                {format_value(value, def.unit, lang())}
            </p>
            {standard.map(|s| view! {
                <p class="card-standard">
                    {format!("{} {s}", msg().standard)}
                    {chip.map(|s| view! { " " <span class=chip_class(s)>{s.label(lang())}</span> })}
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
