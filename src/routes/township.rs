//! `/township/:code`: one township across the years: enrolment by stage, teachers, facilities
//! per student against the standard, its schools, and where it ranks in the county.

use crate::api::LoadedSnapshot;
use crate::components::figure::FigureFrame;
use crate::components::indicator_card::{chip_class, definition_href, standing_chip, threshold_text};
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::PeriodPicker;
use crate::components::status::{Notice, Skeleton};
use crate::context::{use_query, use_selection, use_series};
use crate::figures::{enrolment_figure, facilities_figure, ranked_townships};
use crate::i18n::figure::figure_msg;
use crate::i18n::township::township_msg;
use crate::i18n::{self, lang, msg};
use atlas_core::format::{format_value, Unit};
use atlas_core::indicators::{
    find, known_id, school_figures, school_standard_checks, SchoolFigures, Standing,
};
use atlas_core::snapshot::School;
use atlas_core::sort::sort_by;
use atlas_core::TownshipCode;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

const KEY_FACTS: [&str; 8] = [
    known_id("students_total"),
    known_id("schools_total"),
    known_id("teachers_total"),
    known_id("student_teacher_ratio_primary"),
    known_id("student_teacher_ratio_junior"),
    known_id("preschool_gross_enrolment"),
    known_id("inclusive_kindergarten_coverage"),
    known_id("large_class_share"),
];

const TEACHER_ROWS: [&str; 9] = [
    known_id("student_teacher_ratio_preschool"),
    known_id("student_teacher_ratio_primary"),
    known_id("student_teacher_ratio_junior"),
    known_id("degree_teachers_per100_primary"),
    known_id("degree_teachers_per100_junior"),
    known_id("backbone_teachers_per100_primary"),
    known_id("backbone_teachers_per100_junior"),
    known_id("pe_art_teachers_per100_primary"),
    known_id("pe_art_teachers_per100_junior"),
];

const RANK_ROWS: [&str; 6] = [
    known_id("floor_area_per_student_primary"),
    known_id("degree_teachers_per100_primary"),
    known_id("student_teacher_ratio_primary"),
    known_id("preschool_gross_enrolment"),
    known_id("inclusive_kindergarten_coverage"),
    known_id("schools_meeting_standard_share_primary"),
];

#[component]
pub fn TownshipPage() -> impl IntoView {
    let params = use_params_map();
    let code = Signal::derive(move || TownshipCode(params.with(|p| p.get("code").unwrap_or_default())));
    view! {
        <section class="page township-page">
            <WithSnapshot render=move |_sel, snap| view! { <TownshipBody snapshot=snap code=code/> }.into_any()/>
        </section>
    }
}

#[component]
fn TownshipBody(snapshot: Arc<LoadedSnapshot>, code: Signal<TownshipCode>) -> impl IntoView {
    let query = use_query();
    let snap = snapshot.clone();
    move || {
        let code = code.get();
        let Some(township) = snap.snapshot.township(&code).cloned() else {
            return view! {
                <h1>{figure_msg().township}</h1>
                <Notice text=township_msg().township_not_found/>
                <p><a href=move || query.with(|q| q.base().href("/map"))>{msg().nav_map}</a></p>
            }
            .into_any();
        };
        let snap = snap.clone();
        let facts = KEY_FACTS
            .iter()
            .filter_map(|id| find(id))
            .map(|def| {
                let v = snap.values.township(def.id, &code);
                let county = snap.values.county(def.id);
                view! {
                    <div class="fact" data-indicator=def.id>
                        <dt>{def.name_zh}</dt>
                        <dd>
                            <strong>{format_value(v, def.unit, lang())}</strong>
                            <small>{format!(" {} {}", figure_msg().county_value, format_value(county, def.unit, lang()))}</small>
                        </dd>
                    </div>
                }
            })
            .collect_view();
        let code_text = code.to_string();
        let map_href =
            move || query.with(|q| q.base().with(|b| b.township = Some(code_text.clone())).href("/map"));
        view! {
            <p class="breadcrumb"><a href=map_href>{msg().nav_map}</a>" › "</p>
            <h1>{township.name.clone()}<span class="kind">{township.kind.label_zh()}</span></h1>
            <PeriodPicker/>
            <dl class="facts">{facts}</dl>
            <EnrolmentHistory code=code.clone()/>
            <IndicatorTable snapshot=snap.clone() code=code.clone() rows=&TEACHER_ROWS heading=township_msg().teachers_heading/>
            <FacilitiesAgainstStandard snapshot=snap.clone() code=code.clone()/>
            <SchoolsTable snapshot=snap.clone() code=code.clone()/>
            <RankTable snapshot=snap.clone() code=code.clone()/>
        }
        .into_any()
    }
}

/// Students by stage in every published school year (one line per stage).
#[component]
fn EnrolmentHistory(code: TownshipCode) -> impl IntoView {
    let selection = use_selection();
    let series = use_series(selection);
    let figure = move || {
        let loaded: Vec<Arc<LoadedSnapshot>> = series.get()?.into_iter().filter_map(Result::ok).collect();
        enrolment_figure(&loaded, &code)
    };
    view! {
        <section class="section">
            <h2>{figure_msg().township_enrolment}</h2>
            {move || match figure() {
                None => view! { <Skeleton blocks=1/> }.into_any(),
                Some(f) => view! { <FigureFrame figure=f/> }.into_any(),
            }}
        </section>
    }
}

/// Township value, county value and standard for a list of indicators.
#[component]
fn IndicatorTable(
    snapshot: Arc<LoadedSnapshot>,
    code: TownshipCode,
    rows: &'static [&'static str],
    heading: &'static str,
) -> impl IntoView {
    let query = use_query();
    let body = rows
        .iter()
        .filter_map(|id| find(id))
        .map(|def| {
            let v = snapshot.values.township(def.id, &code);
            let county = snapshot.values.county(def.id);
            let chip = standing_chip(def, v);
            view! {
                <tr data-indicator=def.id>
                    <th scope="row"><a href=move || query.with(|q| definition_href(&q.base(), def.id))>{def.name_zh}</a></th>
                    <td class="num">{format_value(v, def.unit, lang())}</td>
                    <td class="num">{format_value(county, def.unit, lang())}</td>
                    <td>
                        {threshold_text(def).unwrap_or_else(|| figure_msg().no_standard.to_string())}
                        {chip.map(|s| view! { " " <span class=chip_class(s)>{s.label_zh()}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section">
            <h2>{heading}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{msg().indicator}</th>
                            <th scope="col">{figure_msg().township}</th>
                            <th scope="col">{figure_msg().county_value}</th>
                            <th scope="col">{msg().standard}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The township's facilities against the standard (figures::facilities_figure).
#[component]
fn FacilitiesAgainstStandard(snapshot: Arc<LoadedSnapshot>, code: TownshipCode) -> impl IntoView {
    view! {
        <section class="section">
            <h2>{figure_msg().township_facilities}</h2>
            <FigureFrame figure=facilities_figure(&snapshot, &code)/>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SchoolSort {
    Name,
    Type,
    Students,
    Ratio,
}

impl SchoolSort {
    /// The order the column sorts in, as `aria-sort` announces it: names and types A–Z, numbers
    /// largest first.
    fn aria_sort(self) -> &'static str {
        match self {
            SchoolSort::Name | SchoolSort::Type => "ascending",
            SchoolSort::Students | SchoolSort::Ratio => "descending",
        }
    }
}

/// The township's schools, sortable by name, type, students or students per teacher; each
/// column sorts by the value it shows (the core's whole-school figures).
#[component]
fn SchoolsTable(snapshot: Arc<LoadedSnapshot>, code: TownshipCode) -> impl IntoView {
    let sort = RwSignal::new(SchoolSort::Students);
    let checks = school_standard_checks(&snapshot.snapshot);
    let schools: Vec<(School, SchoolFigures)> =
        snapshot.snapshot.schools_in(&code).map(|s| (s.clone(), school_figures(s))).collect();
    let rows = move || {
        let mut list = schools.clone();
        match sort.get() {
            SchoolSort::Name => sort_by(&mut list, |(a, _), (b, _)| a.name.cmp(&b.name)),
            SchoolSort::Type => {
                sort_by(&mut list, |(a, _), (b, _)| a.kind.cmp(&b.kind).then(a.name.cmp(&b.name)))
            }
            SchoolSort::Students => sort_by(&mut list, |(_, a), (_, b)| b.students.cmp(&a.students)),
            // Schools without teachers (no ratio) last.
            SchoolSort::Ratio => sort_by(&mut list, |(_, a), (_, b)| {
                let key = |f: &SchoolFigures| f.students_per_teacher.unwrap_or(f64::NEG_INFINITY);
                key(b).total_cmp(&key(a))
            }),
        }
        list.into_iter()
            .map(|(s, figures)| {
                let verdict: Vec<String> = checks
                    .iter()
                    .filter(|c| c.school_id == s.id)
                    .map(|c| {
                        let standing = if c.meets_standard { Standing::Meets } else { Standing::Below };
                        format!("{}{}", c.stage.label_zh(), standing.label_zh())
                    })
                    .collect();
                view! {
                    <tr data-school=s.id.clone()>
                        <th scope="row">{s.name.clone()}</th>
                        <td>{s.kind.label_zh()}</td>
                        <td>{s.ownership.label_zh()}</td>
                        <td class="num">{format_value(Some(figures.students as f64), Unit::Count, lang())}</td>
                        <td class="num">{format_value(Some(figures.classes as f64), Unit::Count, lang())}</td>
                        <td class="num">{format_value(Some(figures.full_time_teachers as f64), Unit::Count, lang())}</td>
                        <td class="num">{format_value(figures.students_per_teacher, Unit::StudentsPerTeacher, lang())}</td>
                        <td>{if verdict.is_empty() { "—".to_string() } else { verdict.join("，") }}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let header = move |label: &'static str, key: SchoolSort| {
        view! {
            <th scope="col" aria-sort=move || if sort.get() == key { key.aria_sort() } else { "none" }>
                <button type="button" class="sort" on:click=move |_| sort.set(key)>{label}</button>
            </th>
        }
    };
    view! {
        <section class="section">
            <h2>{township_msg().schools_heading}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="data-table schools" data-schools="">
                    <thead>
                        <tr>
                            {header(township_msg().school_name, SchoolSort::Name)}
                            {header(township_msg().school_type, SchoolSort::Type)}
                            <th scope="col">{township_msg().ownership}</th>
                            {header(township_msg().students, SchoolSort::Students)}
                            <th scope="col">{township_msg().classes}</th>
                            <th scope="col">{township_msg().teachers}</th>
                            {header(township_msg().students_per_teacher, SchoolSort::Ratio)}
                            <th scope="col">{township_msg().meets_balance_standard}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Where the township ranks among the county's townships on key indicators.
#[component]
fn RankTable(snapshot: Arc<LoadedSnapshot>, code: TownshipCode) -> impl IntoView {
    let rows = RANK_ROWS
        .iter()
        .filter_map(|id| find(id))
        .map(|def| {
            let ranked = ranked_townships(&snapshot, def);
            let of = ranked.iter().filter(|r| r.rank.is_some()).count();
            let entry = ranked.iter().find(|r| r.key == code);
            let rank = entry
                .and_then(|r| r.rank)
                .map(|r| i18n::figure::rank_of(r, of))
                .unwrap_or_else(|| figure_msg().missing_data.to_string());
            view! {
                <tr data-indicator=def.id>
                    <th scope="row">{def.name_zh}</th>
                    <td class="num">{format_value(entry.and_then(|r| r.value), def.unit, lang())}</td>
                    <td>{rank}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section">
            <h2>{township_msg().township_rank}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{msg().indicator}</th>
                            <th scope="col">{figure_msg().value}</th>
                            <th scope="col">{figure_msg().rank}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
