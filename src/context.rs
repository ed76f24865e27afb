//! What every page shares: the manifest (loaded once), the URL query, and the county and school
//! year it resolves to. Resolution falls back to defaults when the URL names something that is
//! not published, so a stale or mistyped link still shows a page.

use crate::api::{self, Loaded, LoadedSnapshot};
use crate::state::Query;
use atlas_core::codes::TownshipCode;
use atlas_core::manifest::{CountyEntry, Manifest, SnapshotEntry};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct Atlas {
    pub manifest: LocalResource<Loaded<Manifest>>,
    /// Whether what is shown is the current publication or an offline copy.
    pub freshness: RwSignal<Freshness>,
}

/// Whether the data shown is what is published now, as far as the app can tell.
#[derive(Clone, Debug, PartialEq)]
pub enum Freshness {
    /// From the network (or not known to be otherwise).
    Current,
    /// The copy kept from an earlier visit, shown because the network failed.
    OfflineCopy(api::OfflineCopy),
    /// Still the offline copy on screen, but the network is back with other data: a reload
    /// shows it (offered, never done under the reader's eyes).
    NewData,
}

/// How often, while the offline copy is on screen, the network is asked for the manifest again
/// (and whenever the browser says it is back online).
const RECHECK_MS: u32 = 30_000;

pub fn provide_atlas() {
    let freshness = RwSignal::new(Freshness::Current);
    let manifest = LocalResource::new(move || async move {
        let loaded = api::load_manifest().await;
        if let Some(copy) = api::manifest_offline_copy() {
            freshness.set(Freshness::OfflineCopy(copy));
            leptos::task::spawn_local(watch_for_the_network(freshness));
        }
        loaded
    });
    provide_context(Atlas { manifest, freshness });
}

/// Until the network answers: then the notice goes (same manifest) or offers the new data.
async fn watch_for_the_network(freshness: RwSignal<Freshness>) {
    loop {
        let _ = wasm_bindgen_futures::JsFuture::from(crate::js_helpers::online_or_after(RECHECK_MS)).await;
        match api::manifest_changed().await {
            None => continue,
            Some(changed) => {
                freshness.set(if changed { Freshness::NewData } else { Freshness::Current });
                return;
            }
        }
    }
}

pub fn use_atlas() -> Atlas {
    // Provided by `App` before any route renders.
    expect_context::<Atlas>()
}

const QUERY_KEYS: [&str; 12] = [
    "county", "year", "metric", "stage", "township", "layout", "towns", "status", "area", "theme", "height",
    "lang",
];

/// The URL query, parsed (malformed values dropped). A township page's link without
/// `?county=` (`/township/530426100`) is in the county its code starts with.
pub fn use_query() -> Memo<Query> {
    let map = use_query_map();
    let path = use_location().pathname;
    Memo::new(move |_| {
        let mut q =
            map.with(|m| Query::parse(QUERY_KEYS.iter().filter_map(|k| m.get_str(k).map(|v| (*k, v)))));
        if q.county.is_none() {
            q.county = path.with(|p| county_of_township_page(p));
        }
        q
    })
}

fn county_of_township_page(path: &str) -> Option<String> {
    let code = path.strip_prefix("/township/")?;
    TownshipCode(code.trim_end_matches('/').to_string()).county().map(|c| c.to_string())
}

/// Navigate to `path` with `query`, pushing a history entry (so Back undoes it).
pub fn use_go() -> impl Fn(&str, Query) + Clone {
    let navigate = use_navigate();
    move |path: &str, query: Query| {
        navigate(&query.href(path), NavigateOptions { scroll: false, ..Default::default() })
    }
}

/// The county and school year a page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub county: CountyEntry,
    /// The snapshot in force for the chosen school year (after corrections); None when the county
    /// has published no snapshot yet (it may still have plans).
    pub current: Option<SnapshotEntry>,
    /// The snapshot in force for the school year before, for changes.
    pub previous: Option<SnapshotEntry>,
    /// Every school year in force, oldest first.
    pub series: Vec<SnapshotEntry>,
}

impl Selection {
    /// The query with the resolved county and year written in, for links and permalinks.
    pub fn canonical(&self, q: &Query) -> Query {
        q.with(|q| {
            q.county = Some(self.county.code.to_string());
            q.year = self.current.as_ref().map(|e| e.school_year.to_string());
        })
    }

    /// True when what is shown is sample data (示例数据).
    pub fn is_sample(&self) -> bool {
        self.current.as_ref().is_some_and(|e| e.sample) || self.series.iter().any(|e| e.sample)
    }
}

/// Pick the county (the URL's, else the one with the longest published series — the richest
/// first view — else the first listed) and the school year (the URL's, else the latest).
pub fn resolve(manifest: &Manifest, q: &Query) -> Option<Selection> {
    let longest = manifest
        .counties
        .iter()
        .filter(|c| !c.snapshots.is_empty())
        .max_by_key(|c| (c.current_snapshots().len(), std::cmp::Reverse(c.code.clone())));
    let county = q
        .county
        .as_deref()
        .and_then(|c| manifest.county(c))
        .or(longest)
        .or_else(|| manifest.counties.first())?
        .clone();
    let series: Vec<SnapshotEntry> = county.current_snapshots().into_iter().cloned().collect();
    let index = q
        .year
        .as_deref()
        .and_then(|y| series.iter().position(|e| e.school_year.as_str() == y))
        .or_else(|| series.len().checked_sub(1));
    let current = index.and_then(|i| series.get(i).cloned());
    let previous = index.and_then(|i| i.checked_sub(1)).and_then(|i| series.get(i).cloned());
    Some(Selection { county, current, previous, series })
}

/// The resolved selection, once the manifest has loaded (None while loading or on failure).
pub fn use_selection() -> Memo<Option<Selection>> {
    let atlas = use_atlas();
    let query = use_query();
    Memo::new(move |_| {
        let manifest = atlas.manifest.get()?.ok()?;
        query.with(|q| resolve(&manifest, q))
    })
}

/// The current snapshot of the selection, loaded and checked.
pub fn use_current_snapshot(
    selection: Memo<Option<Selection>>,
) -> LocalResource<Option<Loaded<LoadedSnapshot>>> {
    LocalResource::new(move || {
        let entry = selection.with(|s| s.as_ref().and_then(|s| s.current.clone()));
        async move {
            match entry {
                Some(e) => Some(api::load_snapshot(e).await),
                None => None,
            }
        }
    })
}

/// The previous school year's snapshot, for changes (None when there is none or it failed).
pub fn use_previous_snapshot(
    selection: Memo<Option<Selection>>,
) -> LocalResource<Option<Arc<LoadedSnapshot>>> {
    LocalResource::new(move || {
        let entry = selection.with(|s| s.as_ref().and_then(|s| s.previous.clone()));
        async move {
            match entry {
                Some(e) => api::load_snapshot(e).await.ok(),
                None => None,
            }
        }
    })
}

/// Every school year of the selected county, each loaded independently.
pub fn use_series(selection: Memo<Option<Selection>>) -> LocalResource<Vec<Loaded<LoadedSnapshot>>> {
    LocalResource::new(move || {
        let county = selection.with(|s| s.as_ref().map(|s| s.county.clone()));
        async move {
            match county {
                Some(c) => api::load_county_series(c).await,
                None => Vec::new(),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::{CountyCode, Date, SchoolYear};

    fn entry(id: &str, year: &str) -> SnapshotEntry {
        SnapshotEntry {
            id: id.into(),
            school_year: SchoolYear(year.into()),
            as_of: Date("2024-09-30".into()),
            published: Date("2025-03-01".into()),
            schema_version: 1,
            path: format!("{id}.json"),
            bytes: 1,
            sha256: "0".repeat(64),
            sample: true,
            revises: None,
            revision_note: None,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            schema_version: 1,
            counties: vec![
                CountyEntry {
                    code: CountyCode("330326".into()),
                    name: "平阳县".into(),
                    snapshots: vec![],
                    geometry: vec![],
                    plans: vec![],
                },
                CountyEntry {
                    code: CountyCode("530426".into()),
                    name: "峨山彝族自治县".into(),
                    snapshots: vec![entry("a", "2023-2024"), entry("b", "2024-2025")],
                    geometry: vec![],
                    plans: vec![],
                },
            ],
            reference_plans: vec![],
        }
    }

    #[test]
    fn defaults_to_the_first_county_with_data_and_its_latest_year() {
        let s = resolve(&manifest(), &Query::default()).unwrap();
        assert_eq!(s.county.code.as_str(), "530426");
        assert_eq!(s.current.unwrap().id, "b");
        assert_eq!(s.previous.unwrap().id, "a");
    }

    #[test]
    fn unknown_county_or_year_falls_back() {
        let q = Query { county: Some("999999".into()), year: Some("1999-2000".into()), ..Query::default() };
        let s = resolve(&manifest(), &q).unwrap();
        assert_eq!(s.county.code.as_str(), "530426");
        assert_eq!(s.current.unwrap().id, "b");
    }

    #[test]
    fn a_county_without_snapshots_has_no_current() {
        let q = Query { county: Some("330326".into()), ..Query::default() };
        let s = resolve(&manifest(), &q).unwrap();
        assert!(s.current.is_none());
    }

    #[test]
    fn an_earlier_year_has_no_previous() {
        let q = Query { year: Some("2023-2024".into()), ..Query::default() };
        let s = resolve(&manifest(), &q).unwrap();
        assert_eq!(s.current.unwrap().id, "a");
        assert!(s.previous.is_none());
    }
}
