//! Everything a reader would want to share lives in the URL query: county, school year, metric,
//! stage, selected township, map layout and the townships on a comparison chart. Pages derive
//! their signals from it, so a reload or a pasted link shows the same view, and the back button
//! walks through what the reader did.
//!
//! Parsing is forgiving: a value that is malformed is dropped (the page falls back to its
//! default), never an error screen. Whether a well-formed value exists in the data (a county
//! code that is not published, say) is decided later against the manifest, with the same
//! fall-back.

use atlas_core::snapshot::Stage;
use atlas_core::Lang;

/// How townships are drawn on the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapLayout {
    /// The GeoJSON boundary map (schematic or with a 审图号).
    #[default]
    Boundaries,
    /// One equal square per township.
    Tiles,
}

impl MapLayout {
    pub fn key(self) -> &'static str {
        match self {
            MapLayout::Boundaries => "geo",
            MapLayout::Tiles => "tiles",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub county: Option<String>,
    pub year: Option<String>,
    pub metric: Option<String>,
    pub stage: Option<Stage>,
    pub township: Option<String>,
    pub layout: MapLayout,
    /// Townships on the comparison time series.
    pub towns: Vec<String>,
    /// Plan page filters.
    pub status: Option<String>,
    pub area: Option<String>,
    /// Embeds: `light`, `dark` or `auto`.
    pub theme: Option<String>,
    /// Embeds: fixed height in CSS pixels.
    pub height: Option<u32>,
    /// The interface language: `lang=en` for English; Chinese (the default) is not written.
    /// Every link between pages carries it (`base`), so a reader stays in their language.
    pub lang: Lang,
}

/// Values are identifiers (codes, ids, school years, keys): ASCII letters, digits, `_` and `-`.
/// Anything else cannot be valid and is dropped here, which also keeps URLs built from the
/// query free of characters that would need escaping.
fn token(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then(|| value.to_string())
}

impl Query {
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Query {
        let mut q = Query::default();
        for (key, value) in pairs {
            match key {
                "county" => q.county = token(value),
                "year" => q.year = token(value),
                "metric" => q.metric = token(value),
                "stage" => q.stage = Stage::from_wire(value),
                "township" => q.township = token(value),
                "layout" => {
                    q.layout = if value == "tiles" { MapLayout::Tiles } else { MapLayout::Boundaries }
                }
                "towns" => {
                    q.towns = value.split(',').filter_map(token).take(8).collect();
                }
                "status" => q.status = token(value),
                "area" => q.area = token(value),
                "theme" => q.theme = ["light", "dark", "auto"].contains(&value).then(|| value.to_string()),
                "height" => q.height = value.parse().ok().filter(|h| (120..=4000).contains(h)),
                "lang" => q.lang = Lang::from_tag(value).unwrap_or_default(),
                _ => {}
            }
        }
        q
    }

    /// The query string (with a leading `?` when not empty), in a fixed key order so equal
    /// states give equal URLs.
    pub fn to_query_string(&self) -> String {
        let layout = (self.layout != MapLayout::Boundaries).then(|| self.layout.key().to_string());
        let towns = (!self.towns.is_empty()).then(|| self.towns.join(","));
        let fields: [(&str, Option<String>); 12] = [
            ("county", self.county.clone()),
            ("year", self.year.clone()),
            ("metric", self.metric.clone()),
            ("stage", self.stage.map(|s| s.wire().to_string())),
            ("township", self.township.clone()),
            ("layout", layout),
            ("towns", towns),
            ("status", self.status.clone()),
            ("area", self.area.clone()),
            ("theme", self.theme.clone()),
            ("height", self.height.map(|h| h.to_string())),
            ("lang", self.lang.query_value().map(str::to_string)),
        ];
        let parts: Vec<String> =
            fields.into_iter().filter_map(|(k, v)| v.map(|v| format!("{k}={v}"))).collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// `path` with this query.
    pub fn href(&self, path: &str) -> String {
        format!("{path}{}", self.to_query_string())
    }

    /// The county, year and language only: what links between pages carry by default.
    pub fn base(&self) -> Query {
        Query { county: self.county.clone(), year: self.year.clone(), lang: self.lang, ..Query::default() }
    }

    /// Nothing but the language: the start of a link that sets its own county and year.
    pub fn in_lang(lang: Lang) -> Query {
        Query { lang, ..Query::default() }
    }

    pub fn with(&self, change: impl FnOnce(&mut Query)) -> Query {
        let mut q = self.clone();
        change(&mut q);
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `key=value` pairs of a query string, as the browser's URLSearchParams gives them.
    fn pairs(query_string: &str) -> Vec<(&str, &str)> {
        query_string.trim_start_matches('?').split('&').filter_map(|pair| pair.split_once('=')).collect()
    }

    #[test]
    fn a_deep_link_round_trips() {
        // Every key with a value other than its default: what is read is written back the same
        // way, and what is written reads back as the same state.
        let link = "?county=530426&year=2024-2025&metric=floor_area_per_student_primary&stage=primary\
                    &township=530426104&layout=tiles&towns=530426001,530426002&status=behind&area=xx\
                    &theme=dark&height=480&lang=en";
        let q = Query::parse(pairs(link));
        assert_eq!(q.to_query_string(), link);
        assert_eq!(Query::parse(pairs(&q.to_query_string())), q);

        // A state built in code (not read from a link) survives the trip too, field by field.
        let changed = q.with(|q| {
            q.metric = Some("large_class_share".into());
            q.stage = None;
            q.layout = MapLayout::Boundaries;
            q.towns = vec!["530426105".into()];
            q.height = None;
        });
        assert_ne!(changed, q);
        assert_eq!(Query::parse(pairs(&changed.to_query_string())), changed);
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let q = Query::parse([
            ("county", "<script>"),
            ("stage", "kindergarten"),
            ("layout", "3d"),
            ("height", "99999"),
            ("theme", "neon"),
            ("towns", "530426001,<x>,530426002"),
        ]);
        assert_eq!(q.county, None);
        assert_eq!(q.stage, None);
        assert_eq!(q.layout, MapLayout::Boundaries);
        assert_eq!(q.height, None);
        assert_eq!(q.theme, None);
        assert_eq!(q.towns, ["530426001", "530426002"]);
        assert_eq!(Query::default().to_query_string(), "");
    }

    #[test]
    fn english_is_written_into_links_and_chinese_is_the_default() {
        let q = Query::parse([("county", "530426"), ("lang", "en"), ("metric", "x")]);
        assert_eq!(q.lang, Lang::En);
        assert_eq!(q.base().to_query_string(), "?county=530426&lang=en");
        for chinese in ["zh-CN", "zh", "fr", ""] {
            let q = Query::parse([("county", "530426"), ("lang", chinese)]);
            assert_eq!(q.lang, Lang::Zh, "{chinese}");
            assert_eq!(q.to_query_string(), "?county=530426");
        }
    }
}
