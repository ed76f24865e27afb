//! The portal as a parent, a journalist or a deputy meets it, in real headless Chromium at a
//! phone's size (390×844, touch) and a laptop's (1280×800): issue 4's "Done when" list.
//!
//! Every expected number is computed by `atlas-core` from the very files the test serves and
//! formatted with `atlas_core::format::format_value`, so a page that shows anything but the
//! core's value fails. Every session ends with the checks in `Session::assert_healthy`: no
//! console error, no request leaving 127.0.0.1, no alert, no horizontal scrolling.
//!
//! Run by `./dev test` after it builds `dist/`; alone: `cargo test -p atlas-browser-tests`.

use atlas_browser_tests::browser::{Chromedriver, Session, Viewport};
use atlas_browser_tests::fixtures::{copy_dir, CoreView, DataFolder, TempDir};
use atlas_browser_tests::harness::Harness;
use atlas_browser_tests::server::{Site, StaticServer};
use atlas_browser_tests::{dist_dir, sample_data_dir};
use atlas_core::format::{format_change, format_value};
use atlas_core::indicators::{find, Level};
use atlas_core::Lang;
use fantoccini::Locator;
use serde_json::json;
use std::collections::BTreeSet;

/// The county with several school years, a boundary map and a tile grid in the sample data.
const EMSHAN: &str = "530426";
/// 化念镇, the township of the example parent.
const HUANIAN: &str = "530426104";
/// The other sample county.
const XIFENG: &str = "520122";

/// A township name that is also an HTML injection: it must show as these characters.
const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

/// The app has mounted and nothing on screen is still loading. Sections further down may wait
/// with a skeleton until they are scrolled near (they load lazily, like the charts).
const PAGE_SETTLED: &str = "return !document.getElementById('shell') && !!document.querySelector('main h1') \
     && ![...document.querySelectorAll('.skeleton[aria-busy=true]')].some(el => { \
          const r = el.getBoundingClientRect(); \
          return r.bottom > 0 && r.top < window.innerHeight && r.width > 0; })";

/// Scroll the figure of `kind` into the middle of the screen (charts draw only when on screen)
/// and wait until its chart has drawn; fails with the chart's error if it could not.
async fn wait_for_chart(s: &Session, kind: &str) {
    let state = s
        .wait_until_with(
            &format!("the {kind} chart to draw"),
            "const c = document.querySelector(`figure[data-figure=\"${arguments[0]}\"] .chart`);
             if (!c) return null;
             if (c.dataset.chartState === 'waiting') { c.scrollIntoView({ block: 'center' }); return null; }
             return c.dataset.chartState;",
            vec![json!(kind)],
        )
        .await;
    if state != "drawn" {
        let error = s
            .js("const e = document.querySelector('.chart-error'); return e ? e.innerText : ''", vec![])
            .await;
        s.fail(&format!("the {kind} chart did not draw: state {state}, {error}")).await;
    }
}

/// Wait until every chart that is on screen has drawn (for screenshots); fails if one failed.
async fn wait_for_visible_charts(s: &Session) {
    let failed = s
        .wait_until(
            "every chart on screen to draw",
            "const charts = [...document.querySelectorAll('.chart')].filter(c => {
               const r = c.getBoundingClientRect();
               return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
             });
             if (charts.some(c => c.dataset.chartState === 'waiting')) return null;
             return { failed: charts.filter(c => c.dataset.chartState === 'failed').length };",
        )
        .await;
    if failed["failed"] != 0 {
        s.fail(&format!("{} chart(s) on screen failed to draw", failed["failed"])).await;
    }
}

/// Where the map drew each region: township code → (x, y) in the viewport, after scrolling the
/// map to the middle of the screen.
async fn map_region_points(s: &Session) -> Vec<(String, f64, f64)> {
    let v = s
        .js(
            "const c = document.querySelector('figure[data-figure=map] .chart');
             c.scrollIntoView({ block: 'center' });
             const r = c.getBoundingClientRect();
             const centres = JSON.parse(c.dataset.regionCentres || '{}');
             return Object.entries(centres).map(([code, [x, y]]) => [code, r.left + x, r.top + y]);",
            vec![],
        )
        .await;
    v.as_array()
        .expect("a list of regions")
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap_or_default().to_string(),
                p[1].as_f64().unwrap_or(-1.0),
                p[2].as_f64().unwrap_or(-1.0),
            )
        })
        .collect()
}

fn township_codes(view: &CoreView) -> BTreeSet<String> {
    view.snapshot.townships.iter().map(|t| t.code.to_string()).collect()
}

fn township_name(view: &CoreView, code: &str) -> String {
    let t = view.snapshot.townships.iter().find(|t| t.code.as_str() == code);
    t.unwrap_or_else(|| panic!("no township {code} in {}", view.entry.path)).name.clone()
}

/// The headline cards and stage-table cells on the overview must show exactly the core's county
/// values, formatted by the core.
async fn assert_overview_matches_core(s: &Session, data: &DataFolder, view: &CoreView, county_name: &str) {
    s.wait_until(
        "the headline cards",
        "return document.querySelectorAll('article.card[data-indicator]').length",
    )
    .await;
    let shown = s
        .js(
            "return [...document.querySelectorAll('article.card[data-indicator] .card-value, .stage-cell[data-indicator]')]
               .map(el => {
                 const host = el.closest('[data-indicator]');
                 const text = el.classList.contains('stage-cell') ? el.querySelector('.cell-value').innerText : el.innerText;
                 return [host.dataset.indicator, el.dataset.value, text.trim()];
               });",
            vec![],
        )
        .await;
    let shown = shown.as_array().expect("a list of cards");
    let ids: BTreeSet<&str> = shown.iter().filter_map(|c| c[0].as_str()).collect();
    for required in ["students_total", "schools_total", "teachers_total", "student_teacher_ratio_primary"] {
        assert!(
            ids.contains(required),
            "[{}] the overview has no {required} card; it shows {ids:?}",
            s.viewport
        );
    }
    let mut wrong = Vec::new();
    for card in shown {
        let id = card[0].as_str().unwrap_or_default();
        let Some(def) = find(id) else {
            wrong.push(format!("{id}: not an indicator the core defines"));
            continue;
        };
        let expected = view.values.county(id);
        let text = card[2].as_str().unwrap_or_default();
        let raw = card[1].as_str().unwrap_or_default();
        if text != format_value(expected, def.unit, Lang::Zh) || raw.parse::<f64>().ok() != expected {
            wrong.push(format!(
                "{id} ({}): shows {text:?} (data-value {raw:?}); the core computes {:?} = {expected:?}",
                def.name_zh,
                format_value(expected, def.unit, Lang::Zh)
            ));
        }
    }
    if !wrong.is_empty() {
        s.fail(&format!(
            "the overview of {} differs from the core:\n  {}",
            view.entry.id,
            wrong.join("\n  ")
        ))
        .await;
    }
    // Each card's change since the previous school year: the core's values, subtracted, in the
    // core's format (the previous year loads after the current one, so wait for it).
    if let Some(before) = data.previous(view) {
        let expected: serde_json::Map<String, serde_json::Value> = ids
            .iter()
            .filter_map(|id| find(id))
            .map(|def| {
                let change = match (view.values.county(def.id), before.values.county(def.id)) {
                    (Some(now), Some(then)) => format_change(Some(now - then), def.unit, Lang::Zh),
                    _ => format_change(None, def.unit, Lang::Zh),
                };
                (def.id.to_string(), json!(change))
            })
            .collect();
        s.poll_until(
            &format!("every card's change since {} to be the core's", before.entry.id),
            "const expected = arguments[0];
             return [...document.querySelectorAll('article.card[data-indicator], .stage-cell[data-indicator]')]
               .map(el => [el.dataset.indicator, (el.querySelector('.card-change, .cell-change') || {}).innerText || ''])
               .filter(([id, text]) => !text.trim().endsWith(' ' + expected[id]));",
            vec![serde_json::Value::Object(expected)],
            |wrong| wrong.as_array().is_some_and(|w| w.is_empty()),
        )
        .await;
    }
    let heading = s.js("return document.querySelector('main h1').innerText", vec![]).await;
    let heading = heading.as_str().unwrap_or_default();
    assert!(
        heading.contains(county_name),
        "[{}] the overview heading {heading:?} does not name {county_name}",
        s.viewport
    );
    assert!(
        heading.contains(&view.entry.school_year.label_zh()),
        "[{}] the overview heading {heading:?} does not name the school year {}",
        s.viewport,
        view.entry.school_year.label_zh()
    );
}

/// The county the page shows, by the county picker (or the only county with data). Which
/// county opens by default is the portal's choice; the tests check what it shows for it.
async fn county_shown(s: &Session, data: &DataFolder) -> String {
    let picked = s
        .js(
            "const codes = arguments[0];
             const picker = [...document.querySelectorAll('select')].find(sel =>
               [...sel.options].some(o => codes.includes(o.value)));
             return picker ? picker.value : null;",
            vec![json!(data.manifest.counties.iter().map(|c| c.code.to_string()).collect::<Vec<_>>())],
        )
        .await;
    if let Some(code) = picked.as_str() {
        return code.to_string();
    }
    let with_data: Vec<String> = data
        .manifest
        .counties
        .iter()
        .filter(|c| !c.snapshots.is_empty())
        .map(|c| c.code.to_string())
        .collect();
    match with_data.as_slice() {
        [only] => only.clone(),
        _ => s.fail("no county picker, yet the manifest has several counties with data").await,
    }
}

/// The 示例数据 notice is on screen, in Chinese, while sample data is shown.
async fn assert_sample_notice(s: &Session) {
    let notice = s
        .wait_until(
            "the sample-data notice",
            "const n = document.querySelector('[data-sample-notice]');
             if (!n) return null;
             const r = n.getBoundingClientRect();
             return { text: n.innerText, visible: r.width > 0 && r.height > 0 };",
        )
        .await;
    assert!(notice["visible"] == true, "[{}] the sample-data notice is not visible", s.viewport);
    let text = notice["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("示例数据"),
        "[{}] the sample-data notice does not say 示例数据: {text:?}",
        s.viewport
    );
}

#[tokio::test]
async fn overview_shows_the_sample_notice_and_the_cores_headline_figures() {
    let h = Harness::sample();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for path in ["/".to_string(), format!("/?county={EMSHAN}"), format!("/?county={XIFENG}")] {
            s.goto(&path).await;
            s.wait_until("the overview", PAGE_SETTLED).await;
            let county = county_shown(&s, &h.data).await;
            if let Some(asked) = path.strip_prefix("/?county=") {
                assert_eq!(county, asked, "[{viewport}] {path} shows another county");
            }
            let view = h.data.snapshot(&county, None);
            assert!(view.entry.sample, "the sample data must be marked sample: true");
            assert_sample_notice(&s).await;
            let county_name = h.data.manifest.county(&county).map(|c| c.name.clone()).unwrap_or_default();
            assert_overview_matches_core(&s, &h.data, &view, &county_name).await;
            if path == "/" {
                s.screenshot("overview").await;
            }
            s.assert_healthy(&path).await;
        }
        s.finish("overview").await;
    }
}

#[tokio::test]
async fn overview_first_screen_loads_no_echarts() {
    let h = Harness::sample();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        s.goto("/").await;
        s.wait_until("the overview", PAGE_SETTLED).await;
        s.wait_until(
            "the headline cards",
            "return document.querySelectorAll('article.card .card-value').length",
        )
        .await;
        // The page is done loading when no request has started for a second.
        s.wait_until(
            "the network to go quiet",
            "const n = performance.getEntriesByType('resource').length;
             const now = performance.now();
             if (window.__atlasQuiet === undefined || window.__atlasQuiet.n !== n) { window.__atlasQuiet = { n, since: now }; return false; }
             return now - window.__atlasQuiet.since > 1000;",
        )
        .await;
        let paths = s.requested_paths().await;
        let signature_checker = signature_checker_files();
        assert!(!signature_checker.is_empty(), "the loader script names the signature checker's files");
        let charts: Vec<&String> = paths.iter().filter(|p| p.contains("atlas-charts")).collect();
        assert!(
            charts.is_empty(),
            "[{viewport}] the overview's first screen downloaded the chart bundle: {charts:?} (all requests: {paths:#?})"
        );
        // Everything but the overview's first screen is cut out of the main module
        // (src/pages.rs) and stays on the server until it is opened or scrolled near.
        let split: Vec<&String> = paths
            .iter()
            .filter(|p| p.ends_with(".wasm") && (p.contains("_split_") || p.contains("_chunk_")))
            .filter(|p| !signature_checker.iter().any(|f| p.ends_with(f.as_str())))
            .collect();
        assert!(
            split.is_empty(),
            "[{viewport}] the overview's first screen downloaded code split out of the main module: {split:?} (all requests: {paths:#?})"
        );
        assert!(
            paths.iter().any(|p| p.ends_with("_bg.wasm")),
            "[{viewport}] the overview did not download the app's main module: {paths:#?}"
        );
        s.finish("overview first screen").await;
    }
}

#[tokio::test]
async fn the_map_draws_one_region_per_township_in_both_layouts() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let codes = township_codes(&view);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for (layout, name) in [("", "map"), ("&layout=tiles", "map-tiles")] {
            let path = format!("/map?county={EMSHAN}{layout}");
            s.goto(&path).await;
            s.wait_until("the map page", PAGE_SETTLED).await;
            wait_for_chart(&s, "map").await;
            let drawn = s
                .js(
                    "const c = document.querySelector('figure[data-figure=map] .chart');
                     return { regions: Number(c.dataset.regions), items: Number(c.dataset.items),
                              buttons: document.querySelectorAll('button.township-button[data-township]').length };",
                    vec![],
                )
                .await;
            assert_eq!(drawn["regions"], codes.len(), "[{viewport}] {path}: regions drawn on the map");
            assert_eq!(drawn["items"], codes.len(), "[{viewport}] {path}: townships coloured on the map");
            assert_eq!(drawn["buttons"], codes.len(), "[{viewport}] {path}: townships in the list");
            let drawn_codes: BTreeSet<String> =
                map_region_points(&s).await.into_iter().map(|(code, _, _)| code).collect();
            assert_eq!(
                drawn_codes, codes,
                "[{viewport}] {path}: the regions are not the snapshot's townships"
            );
            s.screenshot(name).await;
            s.assert_healthy(&path).await;
        }
        s.finish("map").await;
    }
}

#[tokio::test]
async fn tapping_a_township_on_the_map_opens_its_summary() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let name = township_name(&view, HUANIAN);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for layout in ["", "&layout=tiles"] {
            let path = format!("/map?county={EMSHAN}{layout}");
            s.goto(&path).await;
            s.wait_until("the map page", PAGE_SETTLED).await;
            wait_for_chart(&s, "map").await;
            let points = map_region_points(&s).await;
            let &(_, x, y) = points
                .iter()
                .find(|(code, _, _)| code == HUANIAN)
                .unwrap_or_else(|| panic!("[{viewport}] {path}: {HUANIAN} is not drawn on the map"));
            s.tap_at(x, y).await;
            let title = s
                .wait_until_with(
                    &format!("the summary of {HUANIAN} after tapping it on the map"),
                    "const sheet = document.querySelector(`aside.sheet[data-sheet=\"${arguments[0]}\"]`);
                     const title = sheet && sheet.querySelector('#sheet-title');
                     return title ? title.innerText : null;",
                    vec![json!(HUANIAN)],
                )
                .await;
            assert_eq!(title.as_str().unwrap_or_default().trim(), name, "[{viewport}] {path}: summary title");
            let placement = s
                .js(
                    "const r = document.querySelector('aside.sheet').getBoundingClientRect();
                     return { onScreen: r.bottom > 0 && r.top < window.innerHeight && r.width > 0 && r.height > 0,
                              url: location.search };",
                    vec![],
                )
                .await;
            let query = placement["url"].as_str().unwrap_or_default();
            assert!(
                query.contains(&format!("township={HUANIAN}")),
                "[{viewport}] the URL {query:?} does not keep the selection"
            );
            if placement["onScreen"] != true {
                s.fail(&format!("{path}: the summary of {name} opened off screen")).await;
            }
            if layout.is_empty() {
                s.screenshot("map-summary").await;
            }
            s.assert_healthy(&path).await;
        }
        s.finish("map tap").await;
    }
}

#[tokio::test]
async fn the_keyboard_reaches_every_township_and_opens_its_summary() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let codes = township_codes(&view);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let path = format!("/map?county={EMSHAN}");
        s.goto(&path).await;
        s.wait_until("the map page", PAGE_SETTLED).await;
        s.wait_until(
            "the township list",
            "return document.querySelectorAll('button.township-button').length",
        )
        .await;
        s.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);", vec![]).await;
        let mut reached = BTreeSet::new();
        let mut last = None;
        // Every focusable element on the page, twice over, is more Tab presses than needed.
        let focusable = s
            .js(
                "return document.querySelectorAll('a[href], button, select, input, [tabindex]').length",
                vec![],
            )
            .await
            .as_u64()
            .unwrap_or(0);
        for _ in 0..(2 * focusable + 10) {
            s.press(fantoccini::key::Key::Tab.into()).await;
            let focused = s
                .js(
                    "return document.activeElement && document.activeElement.dataset.township || null",
                    vec![],
                )
                .await;
            if let Some(code) = focused.as_str() {
                reached.insert(code.to_string());
                last = Some(code.to_string());
            }
            if reached == codes {
                break;
            }
        }
        let missing: Vec<&String> = codes.difference(&reached).collect();
        assert!(missing.is_empty(), "[{viewport}] Tab never reaches these townships: {missing:?}");
        let code = last.expect("a township was focused");
        s.press(fantoccini::key::Key::Enter.into()).await;
        let title = s
            .wait_until_with(
                &format!("the summary of {code} after pressing Enter on it"),
                "const sheet = document.querySelector(`aside.sheet[data-sheet=\"${arguments[0]}\"]`);
                 const title = sheet && sheet.querySelector('#sheet-title');
                 return title ? title.innerText : null;",
                vec![json!(code)],
            )
            .await;
        assert_eq!(
            title.as_str().unwrap_or_default().trim(),
            township_name(&view, &code),
            "[{viewport}] summary title"
        );
        s.finish("map keyboard").await;
    }
}

/// What a reader sees on the map page that the URL must carry.
const MAP_VIEW: &str = "const sheet = document.querySelector('aside.sheet');
    const selects = [...document.querySelectorAll('main select')].map(s => s.value);
    const pressed = [...document.querySelectorAll('.layout-switch button')].map(b => b.getAttribute('aria-pressed'));
    const chart = document.querySelector('figure[data-figure=map] .chart');
    const head = document.querySelector('figure[data-figure=map] .figure-head');
    const value = sheet && sheet.querySelector('[data-value]');
    return { url: location.pathname + location.search, selects, pressed,
             sheet: sheet ? sheet.dataset.sheet : null,
             sheetTitle: sheet ? sheet.querySelector('#sheet-title').innerText.trim() : null,
             sheetValue: value ? value.dataset.value : null,
             figure: head ? head.innerText : null,
             regions: chart ? chart.dataset.regions : null };";

#[tokio::test]
async fn reloading_a_deep_link_shows_the_same_view() {
    let h = Harness::sample();
    let year = "2022-2023";
    let metric = "student_teacher_ratio_primary";
    let def = find(metric).expect("the core defines student_teacher_ratio_primary");
    assert!(def.exists_at(Level::Township), "{metric} must be mappable by township for this test");
    let view = h.data.snapshot(EMSHAN, Some(year));
    let expected_value = view.values.township(metric, &atlas_core::TownshipCode(HUANIAN.into()));
    let link = format!("/map?county={EMSHAN}&year={year}&metric={metric}&township={HUANIAN}&layout=tiles");
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        s.goto(&link).await;
        s.wait_until("the map page", PAGE_SETTLED).await;
        wait_for_chart(&s, "map").await;
        s.wait_until("the summary", "return document.querySelector('aside.sheet #sheet-title')").await;
        let before = s.js(MAP_VIEW, vec![]).await;

        assert_eq!(before["sheet"], HUANIAN, "[{viewport}] {link}: selected township");
        assert_eq!(before["sheetTitle"], township_name(&view, HUANIAN), "[{viewport}] {link}: summary title");
        assert_eq!(
            before["sheetValue"].as_str().and_then(|v| v.parse::<f64>().ok()),
            expected_value,
            "[{viewport}] {link}: the summary's {metric} is not the core's value for {}",
            view.entry.id
        );
        let selects: Vec<&str> =
            before["selects"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
        assert!(selects.contains(&year), "[{viewport}] {link}: no picker shows {year}: {selects:?}");
        assert!(selects.contains(&metric), "[{viewport}] {link}: no picker shows {metric}: {selects:?}");
        let figure = before["figure"].as_str().unwrap_or_default();
        assert!(
            figure.contains(def.name_zh),
            "[{viewport}] {link}: the map's title {figure:?} does not name {}",
            def.name_zh
        );
        assert!(
            figure.contains(&view.entry.school_year.label_zh()),
            "[{viewport}] {link}: the map's heading {figure:?} does not name {}",
            view.entry.school_year.label_zh()
        );
        assert_eq!(
            before["pressed"],
            json!(["false", "true"]),
            "[{viewport}] {link}: the tile layout is not the one selected"
        );
        s.screenshot("map-deep-link").await;

        s.reload().await;
        s.wait_until("the map page after reload", PAGE_SETTLED).await;
        wait_for_chart(&s, "map").await;
        s.wait_until("the summary after reload", "return document.querySelector('aside.sheet #sheet-title')")
            .await;
        let after = s.js(MAP_VIEW, vec![]).await;
        assert_eq!(after, before, "[{viewport}] reloading {link} changed the view");
        s.finish("deep link").await;
    }
}

/// The centre of the overview's link to township `code`, scrolled into view, in CSS pixels.
async fn link_centre(s: &Session, code: &str) -> (f64, f64) {
    let at = s
        .js(
            "const a = [...document.querySelectorAll('.town-links a')]
                 .find(a => new URL(a.href).pathname === '/township/' + arguments[0]);
             if (!a) return null;
             a.scrollIntoView({ block: 'center' });
             const r = a.getBoundingClientRect();
             return [r.left + r.width / 2, r.top + r.height / 2, r.height];",
            vec![json!(code)],
        )
        .await;
    let Some([x, y, h]) =
        at.as_array().map(|a| [0, 1, 2].map(|i| a.get(i).and_then(|v| v.as_f64()).unwrap_or(0.0)))
    else {
        s.fail(&format!("the overview has no link to township {code}")).await
    };
    assert!(h >= 44.0, "the link to township {code} is {h} px tall; tap targets need at least 44 px");
    (x, y)
}

#[tokio::test]
async fn a_township_page_reached_from_the_overview_lists_its_schools() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let code = atlas_core::TownshipCode(HUANIAN.into());
    let expected: BTreeSet<String> = view.snapshot.schools_in(&code).map(|s| s.id.clone()).collect();
    assert!(!expected.is_empty(), "the sample data must have schools in {HUANIAN}");
    let codes: Vec<String> = view.snapshot.townships.iter().map(|t| t.code.0.clone()).collect();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        // A parent arrives on the overview and taps their township among the county's links.
        s.goto(&format!("/?county={EMSHAN}")).await;
        s.wait_until("the overview", PAGE_SETTLED).await;
        let links = s
            .js(
                "return [...document.querySelectorAll('.town-links a')].map(a => new URL(a.href).pathname)",
                vec![],
            )
            .await;
        let linked: Vec<String> = links
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().and_then(|p| p.strip_prefix("/township/")).map(str::to_string))
            .collect();
        assert_eq!(linked, codes, "[{viewport}] the overview does not link every township, in order");
        let (x, y) = link_centre(&s, HUANIAN).await;
        s.tap_at(x, y).await;
        let path = format!("/township/{HUANIAN}?county={EMSHAN}");
        s.wait_until_with(
            "the township page after tapping its link",
            "return location.pathname + location.search === arguments[0]",
            vec![json!(path)],
        )
        .await;
        s.wait_until("the township page", PAGE_SETTLED).await;
        let rows = s
            .wait_until(
                "the schools table",
                "const rows = [...document.querySelectorAll('table[data-schools] tr[data-school]')];
                 return rows.length ? rows.map(r => r.dataset.school) : null;",
            )
            .await;
        let shown: BTreeSet<String> =
            rows.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect();
        assert_eq!(
            shown, expected,
            "[{viewport}] {path}: the schools listed are not the snapshot's schools in {HUANIAN}"
        );
        let heading = s.js("return document.querySelector('main h1').innerText", vec![]).await;
        let name = township_name(&view, HUANIAN);
        assert!(
            heading.as_str().unwrap_or_default().contains(&name),
            "[{viewport}] {path}: heading {heading} lacks {name}"
        );
        s.screenshot("township").await;
        s.finish(&path).await;
    }
}

/// Files of a copy of the built site set aside (and put back): a page's code that fails to
/// download.
struct SiteWithMissingFiles {
    site: TempDir,
    aside: TempDir,
    names: Vec<std::ffi::OsString>,
}

impl SiteWithMissingFiles {
    /// A copy of `dist/` without the files whose names contain `part` (the file and its
    /// compressed copies, which the server would send instead).
    fn without(part: &str) -> SiteWithMissingFiles {
        let site = TempDir::new("site");
        copy_dir(&dist_dir(), site.path());
        let names: Vec<_> = std::fs::read_dir(site.path())
            .expect("the site copy can be listed")
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().contains(part))
            .collect();
        assert!(
            !names.is_empty(),
            "the build has no file named like {part}: is the app split (src/pages.rs)?"
        );
        let missing = SiteWithMissingFiles { site, aside: TempDir::new("aside"), names };
        missing.move_files(true);
        missing
    }

    fn move_files(&self, aside: bool) {
        for name in &self.names {
            let (from, to) = (self.site.path().join(name), self.aside.path().join(name));
            let (from, to) = if aside { (from, to) } else { (to, from) };
            std::fs::rename(&from, &to).unwrap_or_else(|e| panic!("cannot move {}: {e}", from.display()));
        }
    }
}

/// The text of the error panel about data file `file`, once it is on the page and takes room on
/// screen (times out, failing the test, if it never does).
async fn error_panel_about(s: &Session, file: &str) -> (String, bool) {
    let panel = s
        .wait_until_with(
            &format!("an error naming {file}"),
            "const p = document.querySelector(`.error-panel[data-error-file=\"${arguments[0]}\"]`);
             if (!p) return null;
             // The app is shown a frame or two after it has rendered (src/app.rs): wait for that.
             const r = p.getBoundingClientRect();
             return r.width > 0 && r.height > 0 ? { text: p.innerText, visible: true } : null;",
            vec![json!(file)],
        )
        .await;
    (panel["text"].as_str().unwrap_or_default().to_string(), panel["visible"] == true)
}

#[tokio::test]
async fn a_snapshot_that_does_not_match_the_manifest_is_refused_while_the_other_county_loads() {
    let sample = DataFolder::open(&sample_data_dir());
    let data = DataFolder::copy_of(&sample, "tampered");
    let broken = data.snapshot(EMSHAN, None).entry.path;
    data.tamper_with(&broken);
    let h = Harness::with_data(data);
    let xifeng = h.data.snapshot(XIFENG, None);
    let xifeng_name = h.data.manifest.county(XIFENG).map(|c| c.name.clone()).unwrap_or_default();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let path = format!("/?county={EMSHAN}");
        s.goto(&path).await;
        let (text, visible) = error_panel_about(&s, &broken).await;
        assert!(visible, "[{viewport}] the error about {broken} is not visible");
        assert!(text.contains(&broken), "[{viewport}] the error does not name the file {broken}: {text:?}");
        assert!(
            text.contains("manifest"),
            "[{viewport}] the error does not say the file fails the manifest's check: {text:?}"
        );
        let cards = s.js("return document.querySelectorAll('article.card').length", vec![]).await;
        assert_eq!(cards, 0, "[{viewport}] figures from the refused file are shown");
        s.screenshot("error-tampered").await;

        // The rest of the portal keeps working: switch county with the picker, no reload.
        let picker = s
            .client()
            .find(fantoccini::Locator::XPath(&format!("//select[option[@value='{XIFENG}']]")))
            .await
            .unwrap_or_else(|e| panic!("[{viewport}] no county picker offering {XIFENG}: {e}"));
        picker
            .select_by_value(XIFENG)
            .await
            .unwrap_or_else(|e| panic!("[{viewport}] cannot pick {XIFENG}: {e}"));
        s.wait_until_with(
            &format!("the overview of {XIFENG}"),
            "return location.search.includes(arguments[0]) && document.querySelectorAll('article.card .card-value').length",
            vec![json!(XIFENG)],
        )
        .await;
        assert_overview_matches_core(&s, &h.data, &xifeng, &xifeng_name).await;
        s.finish("tampered snapshot").await;
    }
}

/// A researcher takes the data away from "about the data": each published file as it is, and
/// every indicator the portal computes from it as CSV, byte for byte what the core writes.
/// A parent on a flaky connection opens the map, and the map page's code does not arrive: the
/// page says so and offers a retry, the rest of the portal keeps working, and the retry draws
/// the page once the file can be had. (A failed download must never abort the app.)
#[tokio::test]
async fn a_page_whose_code_fails_to_download_offers_a_retry_and_the_rest_keeps_working() {
    let missing = SiteWithMissingFiles::without("_split_page_map.wasm");
    let site = Site { dist: missing.site.path().to_path_buf(), data: sample_data_dir() };
    let server =
        StaticServer::start(site, 0).unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
    let driver = Chromedriver::start();
    for viewport in Viewport::BOTH {
        let s = Session::open(&driver, &server.origin(), viewport).await;
        s.goto("/map").await;
        let failed = "const p = document.querySelector('[data-code-load-failed]');
                      return p && p.getBoundingClientRect().height > 0 ? p.innerText : null";
        let text = s.wait_until("the map page to say its code did not arrive", failed).await;
        assert!(
            text.as_str().is_some_and(|t| t.contains("页面未能加载") && t.contains("重试")),
            "[{viewport}] the failure panel does not say what happened with a retry: {text}"
        );
        assert_readable_structure(&s, "/map (its code missing)").await;
        assert_sample_notice(&s).await;

        // The rest of the portal works: the overview, through the navigation, without a reload.
        s.click(Locator::XPath("//nav//a[normalize-space(.)='概览']"), "overview link in the navigation")
            .await;
        s.wait_until(
            "the overview's cards",
            "return document.querySelectorAll('article.card .card-value').length",
        )
        .await;

        // Back to the map, which still fails; then the file can be had again, and the retry draws the map.
        s.client().back().await.unwrap_or_else(|e| panic!("[{viewport}] cannot go back: {e}"));
        s.wait_until("the map page to fail again", failed).await;
        missing.move_files(false);
        s.click(Locator::Css("[data-code-load-failed] button"), "retry button").await;
        s.wait_until(
            "the map page after the retry",
            "return !!document.querySelector('figure[data-figure=map]')",
        )
        .await;
        wait_for_chart(&s, "map").await;

        // The only errors are the failed downloads themselves.
        let errors = s.take_console_errors().await;
        assert!(!errors.is_empty(), "[{viewport}] the failed download left no trace in the console");
        let unexpected: Vec<&String> = errors
            .iter()
            .filter(|e| !(e.contains("_split_page_map.wasm") || e.contains("WebAssembly")))
            .collect();
        assert!(unexpected.is_empty(), "[{viewport}] errors other than the failed download: {unexpected:#?}");
        s.finish("page code that fails to download").await;
        missing.move_files(true);
    }
}

#[tokio::test]
async fn the_about_page_offers_each_published_file_and_its_indicators_as_csv() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let id = view.entry.id.clone();
    let expected_csv =
        atlas_core::export::indicators_csv(&id, &view.entry.sha256, &view.snapshot, &view.values);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let downloads = TempDir::new("about-downloads");
        s.allow_downloads(downloads.path()).await;
        s.goto("/about").await;
        s.wait_until("the about page", PAGE_SETTLED).await;
        // The JSON link is the published file itself: the same bytes as the manifest's hash.
        let fetched = s
            .wait_until_with(
                &format!("the published file of {id}"),
                "const a = document.querySelector(`tr[data-snapshot=\"${arguments[0]}\"] a[data-download=json]`);
                 if (!a) return null;
                 return fetch(a.href).then(r => r.arrayBuffer()).then(b => crypto.subtle.digest('SHA-256', b))
                   .then(d => [new URL(a.href).pathname, [...new Uint8Array(d)].map(x => x.toString(16).padStart(2, '0')).join('')]);",
                vec![json!(id)],
            )
            .await;
        assert_eq!(
            fetched,
            json!([format!("/data/{}", view.entry.path), view.entry.sha256]),
            "[{viewport}] the JSON link of {id} is not the published file"
        );
        let button = format!("tr[data-snapshot=\"{id}\"] button[data-download=indicators-csv]");
        s.js("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", vec![json!(button)])
            .await;
        s.client()
            .find(Locator::Css(&button))
            .await
            .unwrap_or_else(|e| panic!("[{viewport}] no {button}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("[{viewport}] cannot press {button}: {e}"));
        let file = downloads.path().join(format!("{id}-indicators.csv"));
        s.wait_for_download(&file).await;
        let got = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            got == expected_csv,
            "[{viewport}] {}: the CSV is not the core's indicators_csv",
            file.display()
        );
        s.assert_healthy("/about").await;
        s.finish("about downloads").await;
    }
}

/// Files whose bytes match the manifest but whose content is wrong (a publisher who skipped
/// `atlas validate`): each is refused with its file and the field or line named, and the other
/// county still works.
#[tokio::test]
async fn a_published_snapshot_with_bad_content_is_refused_naming_the_file_and_the_field() {
    let sample = DataFolder::open(&sample_data_dir());
    let mut data = DataFolder::copy_of(&sample, "bad-content");
    let emshan_years: Vec<String> = data
        .manifest
        .county(EMSHAN)
        .map(|c| c.current_snapshots().into_iter().map(|e| e.path.clone()).collect())
        .unwrap_or_default();
    let [.., truncated, duplicated] = emshan_years.as_slice() else {
        panic!("the sample data must have at least two current 峨山 snapshots: {emshan_years:?}")
    };
    let (truncated, duplicated) = (truncated.clone(), duplicated.clone());
    // The latest year: two schools with one id (a rule of validation, not of reading).
    data.republish_json(&duplicated, |json| {
        let first = json["schools"][0]["id"].clone();
        json["schools"][1]["id"] = first;
    });
    // The year before: the file ends in the middle (malformed JSON with a line and column).
    let bytes = data.read(&truncated);
    data.republish_bytes(&truncated, &bytes[..bytes.len() / 2]);
    let year_of = |path: &str| {
        data.manifest
            .county(EMSHAN)
            .and_then(|c| c.snapshots.iter().find(|e| e.path == path))
            .map(|e| e.school_year.as_str().to_string())
            .unwrap_or_else(|| panic!("{path} is not in the manifest"))
    };
    let cases = [
        (duplicated.clone(), year_of(&duplicated), "schools[1].id"),
        (truncated.clone(), year_of(&truncated), "line "),
    ];
    let h = Harness::with_data(data);
    let xifeng = h.data.snapshot(XIFENG, None);
    let xifeng_name = h.data.manifest.county(XIFENG).map(|c| c.name.clone()).unwrap_or_default();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for (file, year, named) in &cases {
            let path = format!("/?county={EMSHAN}&year={year}");
            s.goto(&path).await;
            let (text, visible) = error_panel_about(&s, file).await;
            assert!(visible, "[{viewport}] {path}: the error about {file} is not visible");
            assert!(
                text.contains(file.as_str()),
                "[{viewport}] {path}: the error does not name {file}: {text:?}"
            );
            assert!(text.contains(named), "[{viewport}] {path}: the error does not name {named:?}: {text:?}");
            let cards = s.js("return document.querySelectorAll('article.card').length", vec![]).await;
            assert_eq!(cards, 0, "[{viewport}] {path}: figures from the refused file are shown");
            s.assert_healthy(&path).await;
        }
        s.goto(&format!("/?county={XIFENG}")).await;
        s.wait_until("the other county's overview", PAGE_SETTLED).await;
        assert_overview_matches_core(&s, &h.data, &xifeng, &xifeng_name).await;
        s.finish("bad content").await;
    }
}

#[tokio::test]
async fn a_hostile_township_name_is_shown_as_text_and_runs_nothing() {
    let sample = DataFolder::open(&sample_data_dir());
    let mut data = DataFolder::copy_of(&sample, "hostile");
    let path = data.snapshot(EMSHAN, None).entry.path;
    data.rename_township(&path, HUANIAN, HOSTILE_NAME);
    let h = Harness::with_data(data);
    assert_eq!(township_name(&h.data.snapshot(EMSHAN, None), HUANIAN), HOSTILE_NAME);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let map = format!("/map?county={EMSHAN}");
        s.goto(&map).await;
        s.wait_until("the map page", PAGE_SETTLED).await;
        let listed = s
            .wait_until_with(
                "the township list",
                "const b = document.querySelector(`button.township-button[data-township=\"${arguments[0]}\"] .tb-name`);
                 return b ? b.textContent : null;",
                vec![json!(HUANIAN)],
            )
            .await;
        assert_eq!(listed, HOSTILE_NAME, "[{viewport}] the list does not show the name as text");

        // The tooltip: hover (or tap, on the phone) the township on the map.
        wait_for_chart(&s, "map").await;
        let points = map_region_points(&s).await;
        let &(_, x, y) = points.iter().find(|(c, _, _)| c == HUANIAN).expect("the township is drawn");
        if viewport.is_touch() {
            s.tap_at(x, y).await;
        } else {
            s.hover_at(x, y).await;
        }
        let tooltip = s
            .wait_until_with(
                "a tooltip with the township's name",
                "const chart = document.querySelector('figure[data-figure=map] .chart');
                 const tip = [...chart.querySelectorAll('div')].find(d => d.children.length < 50 &&
                   d.textContent.includes(arguments[0]) && getComputedStyle(d).display !== 'none');
                 if (!tip) return null;
                 const r = tip.getBoundingClientRect();
                 return { text: tip.innerText, images: tip.querySelectorAll('img').length,
                          left: r.left, right: r.right, width: window.innerWidth };",
                vec![json!(HOSTILE_NAME)],
            )
            .await;
        assert_eq!(tooltip["images"], 0, "[{viewport}] the tooltip made an <img> from the name");
        s.screenshot("hostile-tooltip").await;
        // A tooltip is read on screen: cut off at the edge, the name is not readable there.
        let (left, right) =
            (tooltip["left"].as_f64().unwrap_or(-1.0), tooltip["right"].as_f64().unwrap_or(f64::MAX));
        if left < 0.0 || right > f64::from(viewport.width()) {
            s.fail(&format!(
                "the tooltip with the township's name reaches past the screen's edge (left {left:.0}, right {right:.0}, \
                 screen width {})",
                viewport.width()
            ))
            .await;
        }

        // The township page, whose heading is the name.
        s.goto(&format!("/township/{HUANIAN}?county={EMSHAN}")).await;
        s.wait_until("the township page", PAGE_SETTLED).await;
        let heading = s.js("return document.querySelector('main h1').textContent", vec![]).await;
        assert!(
            heading.as_str().unwrap_or_default().contains(HOSTILE_NAME),
            "[{viewport}] the township page heading {heading} does not show the name as text"
        );

        let injected =
            s.js("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length", vec![]).await;
        assert_eq!(injected, 0, "[{viewport}] an <img> element was made from the township name");
        assert!(!s.alert_open().await, "[{viewport}] the name's script opened an alert");
        let paths = s.requested_paths().await;
        assert!(
            !paths.iter().any(|p| p == "/x" || p.ends_with("/x")),
            "[{viewport}] the page requested the name's image: {paths:?}"
        );
        s.finish("hostile name").await;
    }
}

/// What a screen-reader user navigates by: one h1, headings that do not skip a level on the way
/// down, links that go somewhere, and buttons with a name.
async fn assert_readable_structure(s: &Session, path: &str) {
    let problems = s
        .js(
            "const out = [];
             const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
             const h1s = hs.filter(h => h.tagName === 'H1').length;
             if (h1s !== 1) out.push(`${h1s} h1 headings`);
             let level = 0;
             for (const h of hs) {
               const l = Number(h.tagName[1]);
               if (l > level + 1) out.push(`${h.tagName} «${h.innerText.trim()}» follows h${level}`);
               level = l;
             }
             for (const a of document.querySelectorAll('a:not([href])')) out.push(`a link without href: ${a.outerHTML.slice(0, 80)}`);
             for (const b of document.querySelectorAll('button')) {
               if (!(b.textContent.trim() || b.getAttribute('aria-label'))) out.push(`a button without a name: ${b.outerHTML.slice(0, 80)}`);
             }
             return out;",
            vec![],
        )
        .await;
    let problems: Vec<&str> = problems.as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
    if !problems.is_empty() {
        s.fail(&format!("{path}: {}", problems.join("; "))).await;
    }
}

#[tokio::test]
async fn every_page_renders_without_errors_or_sideways_scrolling() {
    let h = Harness::sample();
    let routes: Vec<(&str, String)> = vec![
        ("overview", "/".into()),
        ("map", "/map".into()),
        ("map-tiles", "/map?layout=tiles".into()),
        ("township", format!("/township/{HUANIAN}?county={EMSHAN}")),
        ("compare", "/compare".into()),
        ("plan", "/plan".into()),
        ("satisfaction", "/satisfaction".into()),
        ("satisfaction-briefing", "/satisfaction/briefing".into()),
        ("embeds", "/embeds".into()),
        ("about", "/about".into()),
        ("not-found", "/no-such-page".into()),
    ];
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for (name, path) in &routes {
            s.goto(path).await;
            s.wait_until(&format!("{path} to load"), PAGE_SETTLED).await;
            assert_sample_notice(&s).await;
            wait_for_visible_charts(&s).await;
            s.screenshot(&format!("page-{name}")).await;
            assert_readable_structure(&s, path).await;
            s.wait_until(
                &format!("{path}: its tab in the navigation to be on screen"),
                "const a = document.querySelector('.nav a[aria-current=page]');
                 if (!a) return true;
                 const r = a.getBoundingClientRect(), n = a.closest('.nav').getBoundingClientRect();
                 return r.left >= n.left - 1 && r.right <= n.right + 1;",
            )
            .await;
            s.assert_healthy(path).await;
        }
        s.finish("every page").await;
    }
}

/// The split files of the signature checker (src/pages.rs `signature_checker`: its own module and
/// the shared chunks the loader script's comments list it among): every page loads them right
/// after the manifest, before it shows a figure, so they are allowed on the first screen.
fn signature_checker_files() -> Vec<String> {
    let dist = atlas_browser_tests::dist_dir();
    let loader = std::fs::read_dir(&dist)
        .expect("dist/ is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_split.js"))
        .expect("the build has a split loader script");
    let text = std::fs::read_to_string(loader).expect("the loader script is readable");
    let mut users = "";
    let mut files = Vec::new();
    for line in text.lines() {
        if line.starts_with("/* ") {
            users = line;
        } else if let Some(start) = line.find("new URL(\"./") {
            let rest = &line[start + "new URL(\"./".len()..];
            let name = &rest[..rest.find('"').unwrap_or(rest.len())];
            if name.contains("_split_signature_check")
                || (name.contains("_chunk_") && users.contains("signature_check"))
            {
                files.push(name.to_string());
            }
        }
    }
    files
}
