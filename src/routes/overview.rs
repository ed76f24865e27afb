//! `/`: the county at a glance. Headline cards come from the snapshot alone (no chart), so they
//! are on screen before any chart code loads.

use crate::api::LoadedSnapshot;
use crate::components::indicator_card::{
    chip_class, definition_href, standing_chip, threshold_text, IndicatorCard,
};
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::PeriodPicker;
use crate::context::{use_previous_snapshot, use_query, use_selection, Selection};
use crate::i18n::{lang, msg};
use crate::pages::{self, Part, RenderPage, RenderSatisfaction};
use atlas_core::format::{format_change, format_value};
use atlas_core::indicators::{change_since, find, known_id, Basis, IndicatorDef, INDICATORS};
use atlas_core::snapshot::Stage;
use leptos::prelude::*;
use std::sync::Arc;

const ENROLMENT_CARDS: [&str; 11] = [
    known_id("students_total"),
    known_id("students_preschool"),
    known_id("students_primary"),
    known_id("students_junior"),
    known_id("students_senior"),
    known_id("students_vocational"),
    known_id("students_special"),
    known_id("schools_total"),
    known_id("teachers_total"),
    known_id("student_teacher_ratio_primary"),
    known_id("student_teacher_ratio_junior"),
];

const PRESCHOOL_CARDS: [&str; 3] = [
    known_id("preschool_gross_enrolment"),
    known_id("inclusive_kindergarten_coverage"),
    known_id("preschool_public_share"),
];

/// The seven 优质均衡 resource indicators, as (primary id, junior id), then the share of schools
/// meeting the per-school rule.
pub const BALANCE_ROWS: [(&str, &str); 8] = [
    (known_id("degree_teachers_per100_primary"), known_id("degree_teachers_per100_junior")),
    (known_id("backbone_teachers_per100_primary"), known_id("backbone_teachers_per100_junior")),
    (known_id("pe_art_teachers_per100_primary"), known_id("pe_art_teachers_per100_junior")),
    (known_id("floor_area_per_student_primary"), known_id("floor_area_per_student_junior")),
    (known_id("sports_area_per_student_primary"), known_id("sports_area_per_student_junior")),
    (known_id("equipment_value_per_student_primary"), known_id("equipment_value_per_student_junior")),
    (known_id("multimedia_classrooms_per100_primary"), known_id("multimedia_classrooms_per100_junior")),
    (known_id("schools_meeting_standard_share_primary"), known_id("schools_meeting_standard_share_junior")),
];

pub const CV_ROWS: [(&str, &str); 7] = [
    (known_id("cv_degree_teachers_primary"), known_id("cv_degree_teachers_junior")),
    (known_id("cv_backbone_teachers_primary"), known_id("cv_backbone_teachers_junior")),
    (known_id("cv_pe_art_teachers_primary"), known_id("cv_pe_art_teachers_junior")),
    (known_id("cv_floor_area_primary"), known_id("cv_floor_area_junior")),
    (known_id("cv_sports_area_primary"), known_id("cv_sports_area_junior")),
    (known_id("cv_equipment_value_primary"), known_id("cv_equipment_value_junior")),
    (known_id("cv_multimedia_classrooms_primary"), known_id("cv_multimedia_classrooms_junior")),
];

#[component]
pub fn Overview() -> impl IntoView {
    let selection = use_selection();
    let no_snapshot = move || selection.with(|s| s.as_ref().is_some_and(|s| s.current.is_none()));
    let title = move || {
        selection.with(|s| match s {
            Some(s) => match &s.current {
                Some(e) => format!("{} · {}", s.county.name, e.school_year.label_zh()),
                None => s.county.name.clone(),
            },
            None => msg().site_title.to_string(),
        })
    };
    view! {
        <section class="page overview">
            <h1>{title}</h1>
            <p class="lede">{msg().site_tagline}</p>
            <PeriodPicker/>
            <WithSnapshot render=move |sel, snap| view! { <OverviewBody selection=sel snapshot=snap/> }.into_any()/>
            // A county without snapshots (平阳, 石泉) still has its plan to show.
            {move || no_snapshot().then(plan_box)}
        </section>
    }
}

#[component]
fn OverviewBody(selection: Selection, snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let selection_memo = use_selection();
    let previous = use_previous_snapshot(selection_memo);
    let has_previous = selection.previous.is_some();
    let snap = snapshot.clone();
    // The previous year's value of `id`: None while it loads or when there is no previous year
    // (the card then says so), Some(value) otherwise.
    let prev_value = move |id: &'static str| -> Option<Option<f64>> {
        if !has_previous {
            return None;
        }
        previous.get().flatten().map(|p| p.values.county(id))
    };
    let cards = move |ids: &'static [&'static str]| {
        let snap = snap.clone();
        ids.iter()
            .filter_map(|id| find(id))
            .map(move |def| {
                let value = snap.values.county(def.id);
                view! { {move || view! { <IndicatorCard def=def value=value previous=prev_value(def.id)/> }} }
            })
            .collect_view()
    };
    let reported: Vec<&'static IndicatorDef> = INDICATORS
        .iter()
        .filter(|d| d.basis() == Basis::Reported && snapshot.values.county(d.id).is_some())
        .collect();
    let has_reported = !reported.is_empty();
    let reported_cards = {
        let snap = snapshot.clone();
        reported
            .into_iter()
            .map(move |def| {
                let value = snap.values.county(def.id);
                view! { {move || view! { <IndicatorCard def=def value=value previous=prev_value(def.id)/> }} }
            })
            .collect_view()
    };
    let warnings = snapshot.warnings.clone();
    view! {
        <TownshipLinks snapshot=snapshot.clone()/>
        <section class="section" aria-labelledby="sec-enrolment">
            <h2 id="sec-enrolment">{msg().section_enrolment}</h2>
            <div class="cards">{cards(&ENROLMENT_CARDS)}</div>
        </section>
        <section class="section" aria-labelledby="sec-preschool">
            <h2 id="sec-preschool">{msg().section_preschool}</h2>
            <p class="section-note">{msg().section_preschool_note}</p>
            <div class="cards">{cards(&PRESCHOOL_CARDS)}</div>
        </section>
        <section class="section" aria-labelledby="sec-balance">
            <h2 id="sec-balance">{msg().section_balance}</h2>
            <p class="section-note">{msg().section_balance_note}</p>
            <StageTable rows=&BALANCE_ROWS snapshot=snapshot.clone() previous=previous/>
        </section>
        <section class="section" aria-labelledby="sec-cv">
            <h2 id="sec-cv">{msg().section_cv}</h2>
            <p class="section-note">{msg().section_cv_note}</p>
            <StageTable rows=&CV_ROWS snapshot=snapshot.clone() previous=previous/>
        </section>
        {
            let snapshot = snapshot.clone();
            pages::lazy(
                pages::overview_satisfaction,
                move |render: RenderSatisfaction| render(&snapshot, &selection),
                Part::Section { name: "satisfaction-box", skeleton_blocks: 1 },
            )
        }
        {has_reported.then(|| view! {
            <section class="section" aria-labelledby="sec-outcomes">
                <h2 id="sec-outcomes">{msg().section_outcomes}</h2>
                <p class="section-note">{msg().section_outcomes_note}</p>
                <div class="cards">{reported_cards}</div>
            </section>
        })}
        {plan_box()}
        {(!warnings.is_empty()).then(|| view! {
            <section class="section">
                <h2>{msg().warnings_in_data}</h2>
                <ul class="warnings">
                    {warnings.iter().map(|w| view! { <li><code>{w.path.clone()}</code>" "{w.message_zh.clone()}</li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// The county's plan summary (its code arrives when the box is scrolled near).
fn plan_box() -> impl IntoView {
    pages::lazy(
        pages::overview_plan,
        |render: RenderPage| render(),
        Part::Section { name: "plan-box", skeleton_blocks: 2 },
    )
}

/// The parent's way in: every township of the county, one tap from its own page.
#[component]
fn TownshipLinks(snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let query = use_query();
    let links = snapshot
        .snapshot
        .townships
        .iter()
        .map(|t| {
            let path = format!("/township/{}", t.code);
            let href = move || query.with(|q| q.base().href(&path));
            view! { <li><a class="town-link" href=href title=t.name.clone()>{t.name.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="section town-links" aria-labelledby="sec-towns">
            <h2 id="sec-towns">{msg().overview_townships}</h2>
            <ul>{links}</ul>
        </nav>
    }
}

/// Indicators by stage in a compact table (rows: indicator; columns: 小学, 初中), each cell with
/// its standing against the standard and its change since last year.
#[component]
fn StageTable(
    rows: &'static [(&'static str, &'static str)],
    snapshot: Arc<LoadedSnapshot>,
    previous: LocalResource<Option<Arc<LoadedSnapshot>>>,
) -> impl IntoView {
    let query = use_query();
    let cell = move |id: &'static str| {
        let def = find(id)?;
        let value = snapshot.values.county(id);
        let chip = standing_chip(def, value);
        let change = move || {
            previous
                .get()
                .flatten()
                .map(|p| format_change(change_since(p.values.county(id), value), def.unit, lang()))
        };
        Some(view! {
            <td class="stage-cell" data-indicator=id data-value=value.map(|v| v.to_string()).unwrap_or_default()>
                <span class="cell-value">{format_value(value, def.unit, lang())}</span>
                {chip.map(|s| view! { <span class=chip_class(s)>{s.label(lang())}</span> })}
                <span class="cell-standard">{threshold_text(def).map(|t| format!("{} {t}", msg().standard))}</span>
                <span class="cell-change">{move || change().map(|c| format!("{} {c}", msg().vs_last_year))}</span>
            </td>
        })
    };
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="stage-table">
                <thead>
                    <tr>
                        <th scope="col">{msg().indicator}</th>
                        <th scope="col">{msg().primary}</th>
                        <th scope="col">{msg().junior}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .filter_map(|(p, j)| {
                            let def = find(p)?;
                            // Rows are named once for both stages: the primary indicator's name without its stage.
                            let label = def.name_zh.trim_start_matches(Stage::Primary.label_zh()).to_string();
                            Some(view! {
                                <tr>
                                    <th scope="row">
                                        <a href=move || query.with(|q| definition_href(&q.base(), def.id))>{label}</a>
                                    </th>
                                    {cell.clone()(p)}
                                    {cell.clone()(j)}
                                </tr>
                            })
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
