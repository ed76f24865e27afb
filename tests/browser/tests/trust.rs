//! Issue 16 in the browser: a signed manifest (a mirror that altered data and manifest together
//! is refused, naming the signature), every wait has an end (a stalled snapshot or chart bundle
//! ends in a notice with a retry that works once the server answers), and names of any length
//! or content stay within a phone's screen without a page error.
//!
//! The whole suite runs under the Content-Security-Policy of docs/publishing.md, sent by the
//! test server as a header: a violation is a console error, which every session's final check
//! fails on.

use atlas_browser_tests::browser::{Chromedriver, Session, Viewport};
use atlas_browser_tests::fixtures::DataFolder;
use atlas_browser_tests::harness::Harness;
use atlas_browser_tests::server::{Site, StaticServer};
use atlas_browser_tests::{dist_dir, sample_data_dir};
use serde_json::json;

const EMSHAN: &str = "530426";
const HUANIAN: &str = "530426104";

const PAGE_SETTLED: &str = "return !document.getElementById('shell') && !!document.querySelector('main h1') \
     && ![...document.querySelectorAll('.skeleton[aria-busy=true]')].some(el => { \
          const r = el.getBoundingClientRect(); \
          return r.bottom > 0 && r.top < window.innerHeight && r.width > 0; })";

/// The app's time limits are a minute or more on a real network; here every timer of 10 s or
/// longer runs twenty times faster, so a stalled request is given up within seconds. Installed
/// before any script of the page runs.
async fn hurry_long_timers(s: &Session) {
    s.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "{ const st = window.setTimeout; window.setTimeout = (f, ms, ...a) => st(f, ms >= 10000 ? ms / 20 : ms, ...a); }" }),
    )
    .await;
}

/// The text of the error panel naming `file`, once it is on screen.
async fn error_panel_about(s: &Session, file: &str) -> String {
    let text = s
        .wait_until_with(
            &format!("an error naming {file}"),
            "const p = document.querySelector(`.error-panel[data-error-file=\"${arguments[0]}\"]`);
             if (!p) return null;
             const r = p.getBoundingClientRect();
             return r.width > 0 && r.height > 0 ? p.innerText : null;",
            vec![json!(file)],
        )
        .await;
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_mirror_that_altered_a_snapshot_and_its_manifest_entry_is_refused_by_the_signature() {
    let sample = DataFolder::open(&sample_data_dir());
    let mut data = DataFolder::copy_of(&sample, "mirror");
    let path = data.snapshot(EMSHAN, None).entry.path;
    // A consistent forgery: a school's pupils doubled, the manifest's size and hash updated to
    // match, the bureau's signature left as it was.
    data.alter_like_a_mirror(&path, |s| {
        let students = &mut s["schools"][0]["stages"]["primary"]["students"];
        *students = json!(students.as_u64().unwrap_or(100) * 2);
    });
    let h = Harness::with_data(data);
    let s = h.open(Viewport::Phone).await;
    s.goto(&format!("/?county={EMSHAN}")).await;
    let text = error_panel_about(&s, "manifest.json.minisig").await;
    assert!(text.contains("签名"), "the refusal says it is the signature: {text}");
    assert!(text.contains("signature_mismatch"), "{text}");
    let figures = s.js("return document.querySelectorAll('.card-value').length", vec![]).await;
    assert_eq!(figures, 0, "no figure is shown from a manifest whose signature fails");
    s.finish("altered mirror").await;

    // The same folder as the bureau signed it: shown, with the key on the about page.
    let h = Harness::with_data(DataFolder::open(&sample_data_dir()));
    let s = h.open(Viewport::Phone).await;
    s.goto(&format!("/about?county={EMSHAN}")).await;
    let about = s
        .wait_until(
            "the signature section with the key and the minisign command",
            "const k = document.querySelector('[data-key-id]'); const d = document.querySelector('[data-signed-date]');
             const c = document.querySelector('#signature pre');
             return k && d && c ? { key: k.textContent, signed: d.textContent, command: c.textContent,
                                    sample: !!document.querySelector('[data-sample-key]') } : null;",
        )
        .await;
    assert_eq!(about["key"], "698BE24E2F2CC77E", "{about}");
    assert!(
        about["command"].as_str().unwrap_or_default().starts_with("minisign -Vm manifest.json -P RWR"),
        "{about}"
    );
    assert!(about["signed"].as_str().unwrap_or_default().contains("2025-04-01"), "{about}");
    assert_eq!(about["sample"], true, "the sample key is labelled as such");
    s.finish("about: signature").await;
}

#[tokio::test]
async fn a_stalled_snapshot_times_out_with_a_retry_that_works_once_the_server_answers() {
    let h = Harness::with_data(DataFolder::open(&sample_data_dir()));
    let path = h.data.snapshot(EMSHAN, None).entry.path;
    let url = format!("/data/{path}");
    h.server.stall(&url);
    let s = h.open(Viewport::Phone).await;
    hurry_long_timers(&s).await;
    s.goto(&format!("/?county={EMSHAN}")).await;
    let text = error_panel_about(&s, &path).await;
    assert!(text.contains("超时"), "the notice says the download timed out: {text}");
    h.server.answer(&url);
    s.click(fantoccini::Locator::Css(".error-panel button"), "retry").await;
    s.wait_until(
        "the overview with its figures",
        &format!("{PAGE_SETTLED} && document.querySelectorAll('.card-value').length > 0"),
    )
    .await;
    s.finish("stalled snapshot").await;
}

#[tokio::test]
async fn a_stalled_chart_bundle_times_out_with_a_retry_that_draws_the_chart() {
    let h = Harness::with_data(DataFolder::open(&sample_data_dir()));
    h.server.stall("/atlas-charts.js");
    let s = h.open(Viewport::Desktop).await;
    hurry_long_timers(&s).await;
    s.goto(&format!("/map?county={EMSHAN}")).await;
    let text = s
        .wait_until(
            "the chart's notice that its code did not arrive",
            "const e = document.querySelector('.chart-error'); return e && e.querySelector('button') ? e.innerText : null;",
        )
        .await;
    assert!(
        !text.as_str().unwrap_or_default().contains("JsValue"),
        "a plain notice, not a raw error: {text}"
    );
    h.server.answer("/atlas-charts.js");
    s.click(fantoccini::Locator::Css(".chart-error button"), "retry").await;
    s.wait_until(
        "the map drawn after the retry",
        "const c = document.querySelector('figure[data-figure=map] .chart'); return c && c.dataset.chartState === 'drawn';",
    )
    .await;
    s.finish("stalled chart bundle").await;
}

#[tokio::test]
async fn long_and_odd_names_stay_within_a_phone_screen() {
    let sample = DataFolder::open(&sample_data_dir());
    let mut data = DataFolder::copy_of(&sample, "odd-names");
    let path = data.snapshot(EMSHAN, None).entry.path;
    let names = [
        "长".repeat(5000),
        "x".repeat(300),
        "化念镇\u{202e}突破方向\u{202c}".to_string(),
        "零\u{200b}宽\u{200d}字\u{feff}符".to_string(),
        "🏫🧒🏽‍🎓 学校 👩‍👩‍👧‍👦".to_string(),
        "<b>粗体</b><script>alert(1)</script>".to_string(),
    ];
    let codes: Vec<String> =
        data.snapshot(EMSHAN, None).snapshot.townships.iter().map(|t| t.code.to_string()).collect();
    for (code, name) in codes.iter().zip(names.iter().cycle()) {
        data.rename_township(&path, code, name);
    }
    let h = Harness::with_data(data);
    let s = h.open(Viewport::Phone).await;
    for page in [
        format!("/?county={EMSHAN}"),
        format!("/map?county={EMSHAN}"),
        format!("/township/{HUANIAN}"),
        format!("/compare?county={EMSHAN}"),
        format!("/about?county={EMSHAN}"),
        format!("/embed/map?county={EMSHAN}"),
    ] {
        s.goto(&page).await;
        s.wait_until(&format!("{page} to settle"), PAGE_SETTLED_OR_EMBED).await;
        s.screenshot(&format!("odd-names-{}", page.split('?').next().unwrap_or("").replace('/', "_"))).await;
        // Within the screen: the page does not scroll sideways (checked by assert_healthy) and
        // no element but a scrolling table sticks out past the right edge.
        let wide = s
            .js(
                "return [...document.querySelectorAll('main *, .embed *')].filter(e => {
                   const r = e.getBoundingClientRect();
                   return r.width > 0 && r.right > window.innerWidth + 1 && !e.closest('.table-scroll, .nav, .chart');
                 }).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                vec![],
            )
            .await;
        assert_eq!(wide, json!([]), "{page}: elements reach past the 390 px screen");
        s.assert_healthy(&page).await;
    }
    s.finish("odd names").await;
}

/// Every route, at both sizes: no serious or critical accessibility problem (axe-core).
#[tokio::test]
async fn every_route_has_no_serious_accessibility_problem() {
    let h = Harness::with_data(DataFolder::open(&sample_data_dir()));
    let routes = [
        "/".to_string(),
        format!("/map?county={EMSHAN}"),
        format!("/township/{HUANIAN}"),
        format!("/compare?county={EMSHAN}"),
        format!("/plan?county={EMSHAN}"),
        format!("/satisfaction?county={EMSHAN}"),
        format!("/satisfaction/briefing?county={EMSHAN}"),
        "/about".to_string(),
        "/embeds".to_string(),
        format!("/embed/map?county={EMSHAN}"),
        "/no-such-page".to_string(),
    ];
    let mut problems = Vec::new();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for route in &routes {
            s.goto(route).await;
            s.wait_until(&format!("{route} to settle"), PAGE_SETTLED_OR_EMBED).await;
            problems.extend(s.axe_problems().await.into_iter().map(|p| format!("[{viewport}] {route}: {p}")));
        }
        s.finish("accessibility").await;
    }
    assert!(problems.is_empty(), "serious or critical accessibility problems:\n{}", problems.join("\n"));
}

/// A page or an embed (which has no `main h1`) has rendered and nothing on screen still loads.
const PAGE_SETTLED_OR_EMBED: &str = "return !document.getElementById('shell') \
     && !![...document.querySelectorAll('h1, figure')].length \
     && ![...document.querySelectorAll('.skeleton[aria-busy=true]')].some(el => { \
          const r = el.getBoundingClientRect(); \
          return r.bottom > 0 && r.top < window.innerHeight && r.width > 0; })";

/// The paths the service worker has kept (js/sw.js), when every same-origin file this page
/// loaded is among them; null until then.
const KEPT_ALL_LOADED: &str = "return caches.open('atlas-v1').then(c => c.keys()).then(keys => {
       const kept = new Set(keys.map(r => new URL(r.url).pathname));
       const loaded = performance.getEntriesByType('resource').map(e => e.name)
         .filter(n => n.startsWith(location.origin + '/')).map(n => new URL(n).pathname);
       return kept.has('/index.html') && loaded.every(p => kept.has(p)) ? [...kept] : null;
     })";

#[tokio::test]
async fn visited_pages_open_offline_saying_so_and_new_data_is_offered_when_the_network_is_back() {
    const XIFENG: &str = "520122";
    let sample = DataFolder::open(&sample_data_dir());
    let mut data = DataFolder::copy_of(&sample, "offline");
    let site = |data: &DataFolder| Site { dist: dist_dir(), data: data.dir.clone() };
    let server =
        StaticServer::start(site(&data), 0).unwrap_or_else(|e| panic!("cannot start the server: {e}"));
    let port = server.port();
    let driver = Chromedriver::start();
    let s = Session::open(&driver, &server.origin(), Viewport::Phone).await;
    // While offline the app asks the network again every 30 s (src/context.rs RECHECK_MS): here
    // after 1 s. The other time limits stay as they are, for a busy test machine.
    s.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "{ const st = window.setTimeout; window.setTimeout = (f, ms, ...a) => st(f, ms === 30000 ? 1000 : ms, ...a); }" }),
    )
    .await;

    // A first visit (before the service worker was there): what it loaded is kept all the same.
    s.goto(&format!("/?county={EMSHAN}")).await;
    s.wait_until(
        "the overview",
        &format!("{PAGE_SETTLED} && document.querySelectorAll('.card-value').length > 0"),
    )
    .await;
    s.wait_until("the first visit's files kept for offline use", KEPT_ALL_LOADED).await;
    // Two more pages, fetched through the worker.
    for page in [format!("/map?county={EMSHAN}"), format!("/township/{HUANIAN}")] {
        s.goto(&page).await;
        s.wait_until(&format!("{page} to settle"), PAGE_SETTLED).await;
        if page.starts_with("/map") {
            s.wait_until("the map drawn", MAP_DRAWN).await;
        }
        s.wait_until(&format!("{page}'s files kept"), KEPT_ALL_LOADED).await;
    }
    s.assert_healthy("online visits").await;
    let heading_online = s.js("return document.querySelector('main h1').innerText", vec![]).await;

    // The network goes: the server stops answering, on new and kept-alive connections alike.
    drop(server);
    s.goto(&format!("/township/{HUANIAN}")).await;
    let notice = s
        .wait_until(
            "the township page from the offline copy, saying so",
            &format!("{PAGE_SETTLED} && (document.querySelector('[data-offline]') || {{}}).innerText"),
        )
        .await;
    let notice = notice.as_str().unwrap_or_default().to_string();
    assert!(
        notice.starts_with("离线：显示 2025-04-01 发布的数据"),
        "the publication date of what is shown: {notice}"
    );
    assert_eq!(
        s.js("return document.querySelector('main h1').innerText", vec![]).await,
        heading_online,
        "offline, the township page shows the township it showed online"
    );
    // Navigating within the app: the map, drawn from the kept geometry and chart bundle.
    s.click(fantoccini::Locator::Css("nav a[href^='/map']"), "the map tab").await;
    s.wait_until("the map offline", &format!("{PAGE_SETTLED} && !!document.querySelector('[data-offline]')"))
        .await;
    s.wait_until("the map drawn offline", MAP_DRAWN).await;
    // A county never opened before: its data is missing, and the notice says so, naming it.
    s.goto(&format!("/?county={XIFENG}")).await;
    let missing = error_panel_about(&s, &format!("{XIFENG}/2020-2021.json")).await;
    assert!(missing.contains("离线") && missing.contains("没有下载过"), "{missing}");
    // Offline, the only console errors are the requests that could not be answered.
    let errors = s.take_console_errors().await;
    let unexpected: Vec<&String> = errors
        .iter()
        .filter(|e| !(e.contains("Failed to load resource") || e.contains("net::ERR_")))
        .collect();
    assert!(unexpected.is_empty(), "offline console errors other than failed requests: {unexpected:#?}");

    // The overview, offline; then the network is back with newly published data: a quiet
    // offer, nothing switches by itself.
    s.goto(&format!("/?county={EMSHAN}")).await;
    s.wait_until(
        "the overview offline",
        &format!("{PAGE_SETTLED} && !!document.querySelector('[data-offline]')"),
    )
    .await;
    let path = data.snapshot(EMSHAN, None).entry.path;
    data.rename_township(&path, HUANIAN, "化念镇（新）");
    let _server = StaticServer::start(site(&data), port)
        .unwrap_or_else(|e| panic!("cannot restart on port {port}: {e}"));
    s.wait_until("the offer of new data", "return !!document.querySelector('[data-new-data] button')").await;
    assert!(
        s.js("return !!document.querySelector('[data-offline]')", vec![]).await == json!(false),
        "the offer replaces the offline notice"
    );
    let _ = s.take_console_errors().await; // the overview's requests made while still offline
    s.click(fantoccini::Locator::Css("[data-new-data] button"), "load the new data").await;
    s.wait_until(
        "the new data, current",
        &format!(
            "{PAGE_SETTLED} && document.querySelectorAll('.card-value').length > 0 \
             && !document.querySelector('[data-offline], [data-new-data]')"
        ),
    )
    .await;
    s.finish("offline and back").await;
}

const MAP_DRAWN: &str =
    "const c = document.querySelector('figure[data-figure=map] .chart'); return !!c && c.dataset.chartState === 'drawn';";
