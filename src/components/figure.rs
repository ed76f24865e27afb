//! A chart with everything a reader needs to trust and reuse it: title, unit, period, a
//! one-sentence summary (also read by screen readers), the source line with the data version, a
//! switch to the table of exactly the data plotted, and the share menu.

use crate::charts::{ChartSpec, EChart};
use crate::components::share::ShareMenu;
use crate::i18n::figure::figure_msg;
use crate::i18n::msg;
use atlas_core::export::{CsvCell, CsvTable};
use atlas_core::format::{format_number, Unit};
use atlas_core::hash::short_hash;
use leptos::prelude::*;

/// A chart and the table behind it. The table is also what the CSV download writes, so
/// what a reader downloads is exactly what was plotted.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Stable name of the figure kind, used by permalinks and embeds (`ranking`, `map`, …).
    pub kind: &'static str,
    pub unit: Unit,
    /// e.g. 2024–2025学年
    pub period: String,
    pub summary: String,
    /// Indicator id whose definition the figure shows, for the "definition" link.
    pub definition: Option<&'static str>,
    pub table: CsvTable,
    pub spec: ChartSpec,
}

impl Figure {
    /// Whether any number was plotted; a metric not published for the period has none, and the
    /// frame says so instead of drawing an empty chart.
    pub fn has_data(&self) -> bool {
        self.table.rows.iter().flatten().any(|c| matches!(c, CsvCell::Number(Some(v), _) if v.is_finite()))
    }
}

/// "来源：… · 数据版本 530426-2024-2025 (sha256 1a2b3c4d)".
pub fn source_line(table: &CsvTable) -> String {
    format!(
        "{}：{} · {} {}（SHA-256 {}）",
        figure_msg().source,
        table.source,
        figure_msg().data_version,
        table.snapshot_id,
        short_hash(&table.sha256)
    )
}

#[component]
pub fn FigureFrame(
    #[prop(into)] figure: Signal<Figure>,
    #[prop(optional)] on_select: Option<Callback<String>>,
    #[prop(optional, into)] highlight: Option<Signal<Option<u32>>>,
    /// Link to the full view (embeds) or the definition (pages).
    #[prop(optional, into)]
    definition_href: Option<Signal<String>>,
    /// Extra content under the chart (legends, map notices).
    #[prop(optional)]
    children: Option<Children>,
    /// The figure sits right under the page's title (no section heading above it): its title
    /// is then an h2, so headings do not skip a level for screen-reader navigation.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let as_table = RwSignal::new(false);
    let spec = Signal::derive(move || Some(figure.with(|f| f.spec.clone())));
    let label = Signal::derive(move || figure.with(|f| format!("{}。{}", f.table.title, f.summary)));
    let heading_id = move || format!("fig-{}", figure.with(|f| f.kind));
    view! {
        <figure class="figure" data-figure=move || figure.with(|f| f.kind) aria-labelledby=heading_id>
            <header class="figure-head">
                {
                    let title = move || figure.with(|f| f.table.title.clone());
                    if top_level {
                        view! { <h2 id=heading_id>{title}</h2> }.into_any()
                    } else {
                        view! { <h3 id=heading_id>{title}</h3> }.into_any()
                    }
                }
                <p class="figure-meta">
                    {move || figure.with(|f| format!("{} · {}", f.period, f.unit.name_zh()))}
                    {move || definition_href.map(|href| view! {
                        " · "
                        <a href=move || href.get()>{msg().definition}</a>
                    })}
                </p>
            </header>
            <div class="figure-switch" role="group">
                <button
                    type="button"
                    class="toggle"
                    aria-pressed=move || (!as_table.get()).to_string()
                    on:click=move |_| as_table.set(false)
                >
                    {figure_msg().view_chart}
                </button>
                <button
                    type="button"
                    class="toggle"
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| as_table.set(true)
                >
                    {figure_msg().view_table}
                </button>
            </div>
            <Show when=move || !figure.with(Figure::has_data)>
                <p class="notice" data-no-data="">{figure_msg().no_data_for_metric}</p>
            </Show>
            <div class:hidden=move || as_table.get() || !figure.with(Figure::has_data)>
                <EChart spec=spec label=label on_select=on_select.unwrap_or_else(|| Callback::new(|_| ())) highlight=highlight.unwrap_or_else(|| Signal::from(None))/>
            </div>
            <Show when=move || as_table.get()>
                <DataTable table=Signal::derive(move || figure.with(|f| f.table.clone()))/>
            </Show>
            {children.map(|c| c())}
            <figcaption class="figure-summary">{move || figure.with(|f| f.summary.clone())}</figcaption>
            <p class="figure-source">{move || figure.with(|f| source_line(&f.table))}</p>
            <ShareMenu figure=figure/>
        </figure>
    }
}

/// A plain table of a CsvTable; numbers right-aligned and formatted like everywhere else.
#[component]
pub fn DataTable(#[prop(into)] table: Signal<CsvTable>) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="data-table">
                <caption class="visually-hidden">{move || table.with(|t| t.title.clone())}</caption>
                <thead>
                    <tr>{move || table.with(|t| t.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view())}</tr>
                </thead>
                <tbody>
                    {move || table.with(|t| {
                        t.rows
                            .iter()
                            .map(|row| {
                                view! {
                                    <tr>
                                        {row.iter().enumerate().map(|(i, cell)| cell_view(i, cell)).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    })}
                </tbody>
            </table>
        </div>
    }
}

fn cell_view(index: usize, cell: &CsvCell) -> AnyView {
    match cell {
        CsvCell::Text(t) if index == 0 => view! { <th scope="row">{t.clone()}</th> }.into_any(),
        CsvCell::Text(t) => view! { <td>{t.clone()}</td> }.into_any(),
        CsvCell::Number(v, unit) => view! { <td class="num">{format_number(*v, *unit)}</td> }.into_any(),
    }
}
