//! Embeds: the figures a journalist can put into an article. Each is served at
//! `/embed/<kind>` with the same URL query as the full page (county, year, metric, layout,
//! towns, township) plus `theme`, `height` and `lang`; docs/embedding.md is the public manual.
//!
//! This module owns what every part of the portal must agree on: which kinds are embeddable,
//! the embed URL and iframe code (share menu and gallery), the link back to the full view, and
//! the height message an embed posts to its host page (read by `public/embed-resizer.js`).

use crate::i18n::embed::embed_msg;
use crate::i18n::figure::figure_msg;
use crate::i18n::survey::survey_msg;
use crate::i18n::{lang, msg, Lang};
use crate::state::Query;
use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use leptos::web_sys;

/// `type` of the message an embed posts to its parent window:
/// `{ "type": "edu-atlas:height", "height": <CSS px>, "src": <the embed's URL> }`.
/// Changing it breaks every host page that copied the resizer: documented in docs/embedding.md.
pub const HEIGHT_MESSAGE_TYPE: &str = "edu-atlas:height";

/// Marks the iframes the resizer may size (the resizer checks that a message comes from one).
pub const EMBED_MARKER: &str = "data-edu-atlas-embed";

/// The figures that can be embedded; `key()` equals the `kind` of the figure it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedKind {
    /// The choropleth of a metric by township (`layout=tiles` for the tile grid).
    Map,
    /// Townships ranked on a metric.
    Ranking,
    /// A metric over the school years, county and chosen townships (`towns`).
    Trend,
    /// One township's students by stage over the years (`township`).
    TownshipEnrolment,
    /// One township's facilities against the standard (`township`).
    TownshipFacilities,
    /// 社会认可度: the overall rate and each respondent group, with intervals and the line.
    SatisfactionGroups,
    /// 社会认可度 by survey area and group (heatmap).
    SatisfactionHeatmap,
    /// 社会认可度 by township.
    SatisfactionTownships,
    /// 社会认可度 over the surveys.
    SatisfactionTrend,
}

impl EmbedKind {
    pub const ALL: [EmbedKind; 9] = [
        EmbedKind::Map,
        EmbedKind::Ranking,
        EmbedKind::Trend,
        EmbedKind::TownshipEnrolment,
        EmbedKind::TownshipFacilities,
        EmbedKind::SatisfactionGroups,
        EmbedKind::SatisfactionHeatmap,
        EmbedKind::SatisfactionTownships,
        EmbedKind::SatisfactionTrend,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EmbedKind::Map => "map",
            EmbedKind::Ranking => "ranking",
            EmbedKind::Trend => "trend",
            EmbedKind::TownshipEnrolment => "township-enrolment",
            EmbedKind::TownshipFacilities => "township-facilities",
            EmbedKind::SatisfactionGroups => "satisfaction-groups",
            EmbedKind::SatisfactionHeatmap => "satisfaction-heatmap",
            EmbedKind::SatisfactionTownships => "satisfaction-townships",
            EmbedKind::SatisfactionTrend => "satisfaction-trend",
        }
    }

    pub fn from_key(key: &str) -> Option<EmbedKind> {
        EmbedKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn name(self) -> String {
        let (m, survey) = (msg(), survey_msg());
        let of_survey = |part: &str| match lang() {
            Lang::Zh => format!("{}：{part}", survey.title),
            Lang::En => format!("{}: {}", survey.title, part.to_lowercase()),
        };
        match self {
            EmbedKind::Map => m.nav_map.to_string(),
            EmbedKind::Ranking => figure_msg().township_ranking.to_string(),
            EmbedKind::Trend => figure_msg().compare_trend.to_string(),
            EmbedKind::TownshipEnrolment => figure_msg().township_enrolment.to_string(),
            EmbedKind::TownshipFacilities => figure_msg().township_facilities.to_string(),
            EmbedKind::SatisfactionGroups => of_survey(survey.groups_heading),
            EmbedKind::SatisfactionHeatmap => of_survey(survey.areas_heading),
            EmbedKind::SatisfactionTownships => of_survey(survey.townships_heading),
            EmbedKind::SatisfactionTrend => of_survey(survey.trend_heading),
        }
    }

    pub fn description(self) -> &'static str {
        let m = embed_msg();
        match self {
            EmbedKind::Map => m.about_map,
            EmbedKind::Ranking => m.about_ranking,
            EmbedKind::Trend => m.about_trend,
            EmbedKind::TownshipEnrolment => m.about_township_enrolment,
            EmbedKind::TownshipFacilities => m.about_township_facilities,
            EmbedKind::SatisfactionGroups => m.about_satisfaction_groups,
            EmbedKind::SatisfactionHeatmap => m.about_satisfaction_heatmap,
            EmbedKind::SatisfactionTownships => m.about_satisfaction_townships,
            EmbedKind::SatisfactionTrend => m.about_satisfaction_trend,
        }
    }

    /// Whether the figure shows the 社会认可度 survey (which a snapshot may not have).
    pub fn is_survey(self) -> bool {
        matches!(
            self,
            EmbedKind::SatisfactionGroups
                | EmbedKind::SatisfactionHeatmap
                | EmbedKind::SatisfactionTownships
                | EmbedKind::SatisfactionTrend
        )
    }

    /// Whether the figure is about one township, named by the `township` parameter.
    pub fn needs_township(self) -> bool {
        matches!(self, EmbedKind::TownshipEnrolment | EmbedKind::TownshipFacilities)
    }

    /// Height of the iframe in the embed code, used when the host page does not run the resizer:
    /// a little above the whole embed's height in the sample data (8 townships) at 600 px wide.
    /// Measured with the resizer in headless Chromium, in ALL's order: 842, 672, 684, 661, 649,
    /// 740, 734, 740, 661 px at 600 px wide; 956, 760, 772, 724, 689, 854, 848, 854, 750 px at
    /// 360 px (`tests/browser/tests/embeds.rs` prints the map's and the trend's). Too short only
    /// means the iframe scrolls inside.
    pub fn fallback_height(self) -> u32 {
        match self {
            EmbedKind::Map => 880,
            EmbedKind::Ranking => 720,
            EmbedKind::Trend => 720,
            EmbedKind::TownshipEnrolment => 700,
            EmbedKind::TownshipFacilities => 680,
            EmbedKind::SatisfactionGroups => 760,
            EmbedKind::SatisfactionHeatmap => 760,
            EmbedKind::SatisfactionTownships => 760,
            EmbedKind::SatisfactionTrend => 700,
        }
    }

    /// The page the figure comes from, with the same data state (no embed parameters).
    pub fn full_view(self, q: &Query) -> String {
        // The language stays: a reader of an English embed gets the English page.
        let data = q.with(|q| {
            q.theme = None;
            q.height = None;
        });
        match self {
            EmbedKind::Map => data.href("/map"),
            EmbedKind::Ranking | EmbedKind::Trend => data.href("/compare"),
            EmbedKind::TownshipEnrolment | EmbedKind::TownshipFacilities => match &q.township {
                Some(code) => data.with(|d| d.township = None).href(&format!("/township/{code}")),
                None => data.href("/map"),
            },
            EmbedKind::SatisfactionGroups
            | EmbedKind::SatisfactionHeatmap
            | EmbedKind::SatisfactionTownships
            | EmbedKind::SatisfactionTrend => data.href("/satisfaction"),
        }
    }

    /// `/embed/<kind>?…` for the data state `q` of a page at `path`. A township page carries its
    /// township in the path; the embed carries it in the query.
    pub fn embed_path(self, path: &str, q: &Query) -> String {
        let mut q = q.clone();
        if let Some(code) = path.strip_prefix("/township/").filter(|c| !c.is_empty() && !c.contains('/')) {
            q.township = Some(code.to_string());
        }
        q.href(&format!("/embed/{}", self.key()))
    }
}

/// The code a journalist pastes into an article: the iframe (with a fixed height that works
/// without script) and the resizer script that lets it take its content's height.
pub fn embed_snippet(origin: &str, embed_path: &str, title: &str, kind: EmbedKind) -> String {
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{origin}{embed_path}\" title=\"{title}\" width=\"100%\" height=\"{}\" \
         loading=\"lazy\" allow=\"clipboard-write\" style=\"border:0;width:100%;max-width:100%\" {EMBED_MARKER}>\
         </iframe>\n<script src=\"{origin}/embed-resizer.js\" async></script>",
        kind.fallback_height()
    )
}

/// The site's origin (`https://host`), for absolute URLs in embed code and permalinks.
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Post the document's height to the parent window now and whenever it changes (a
/// ResizeObserver on `<html>`, whose height is the content's: embeds drop the page's
/// `min-height: 100vh`). Posting to `*` is safe: a height is not a secret, and the message
/// carries nothing else. Returns the observer to disconnect on cleanup; None outside an iframe.
pub fn report_height_to_parent() -> Option<web_sys::ResizeObserver> {
    let win = window();
    let parent = win.parent().ok().flatten()?;
    if parent == win {
        return None;
    }
    let root = document().document_element()?;
    let measured = root.clone();
    let mut last = 0u32;
    let post = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let height = measured.get_bounding_client_rect().height().ceil().max(0.0) as u32;
        if height == last {
            return;
        }
        last = height;
        let message = js_sys::Object::new();
        let src = window().location().href().unwrap_or_default();
        let fields: [(&str, JsValue); 3] =
            [("type", HEIGHT_MESSAGE_TYPE.into()), ("height", height.into()), ("src", src.into())];
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&message, &key.into(), &value);
        }
        let _ = parent.post_message(&message, "*");
    });
    let observer = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    post.forget(); // called for the page's lifetime, by an observer disconnected on cleanup
    Some(observer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_key() {
        for kind in EmbedKind::ALL {
            assert_eq!(EmbedKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(EmbedKind::from_key("pie"), None);
    }

    #[test]
    fn the_full_view_keeps_the_data_state_and_drops_embed_parameters() {
        let q = Query::parse([
            ("county", "530426"),
            ("year", "2024-2025"),
            ("metric", "large_class_share"),
            ("theme", "dark"),
            ("height", "400"),
            ("lang", "zh-CN"),
        ]);
        assert_eq!(
            EmbedKind::Map.full_view(&q),
            "/map?county=530426&year=2024-2025&metric=large_class_share"
        );
        assert_eq!(
            EmbedKind::Trend.full_view(&q),
            "/compare?county=530426&year=2024-2025&metric=large_class_share"
        );
        let township = q.with(|q| q.township = Some("530426102".into()));
        assert_eq!(
            EmbedKind::TownshipFacilities.full_view(&township),
            "/township/530426102?county=530426&year=2024-2025&metric=large_class_share"
        );
    }

    #[test]
    fn a_township_page_puts_its_township_into_the_embed_query() {
        let q = Query::parse([("county", "530426"), ("year", "2024-2025")]);
        assert_eq!(
            EmbedKind::TownshipEnrolment.embed_path("/township/530426102", &q),
            "/embed/township-enrolment?county=530426&year=2024-2025&township=530426102"
        );
        assert_eq!(
            EmbedKind::Ranking.embed_path("/compare", &q),
            "/embed/ranking?county=530426&year=2024-2025"
        );
    }

    #[test]
    fn the_snippet_escapes_the_title_and_marks_the_iframe() {
        let code = embed_snippet(
            "https://atlas.example",
            "/embed/map?county=530426",
            "A \"quoted\" <title> & more",
            EmbedKind::Map,
        );
        assert!(code.starts_with("<iframe src=\"https://atlas.example/embed/map?county=530426\""));
        assert!(code.contains("title=\"A &quot;quoted&quot; &lt;title> &amp; more\""));
        assert!(code.contains("height=\"880\""));
        assert!(code.contains(" data-edu-atlas-embed>"));
        assert!(code.ends_with("<script src=\"https://atlas.example/embed-resizer.js\" async></script>"));
    }
}
