//! Embeds, sharing and downloads as a journalist meets them: issue 7's "Done when" list.
//!
//! A news article (a host page served from a second 127.0.0.1 port) pastes the embed code the
//! portal's gallery hands out for two figures, map and trend, with the resizer script. Both
//! figures must draw inside their iframes and take their content's height; their CSV downloads
//! must hold the values `atlas-core` computes from the very files served, a township named
//! `=1+1` must come out neutralised, and the PNG and SVG downloads must be real images.
//!
//! Run by `./dev test` after it builds `dist/`; alone: `cargo test -p atlas-browser-tests --test
//! embeds`.

use atlas_browser_tests::browser::{wait_limit, Chromedriver, Session, Viewport};
use atlas_browser_tests::fixtures::{DataFolder, TempDir};
use atlas_browser_tests::server::{Site, StaticServer};
use atlas_browser_tests::{dist_dir, sample_data_dir, workspace_root};
use atlas_core::indicators::{find, IndicatorDef};
use fantoccini::Locator;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The sample county with several school years and a boundary map.
const EMSHAN: &str = "530426";
/// The metric the embeds show (a township-level indicator with a national standard).
const METRIC: &str = "floor_area_per_student_primary";
/// A township name that a spreadsheet would run as a formula.
const FORMULA_NAME: &str = "=1+1";
/// Width of downloaded images in CSS pixels (src/components/share.rs), drawn at 2× for print.
const EXPORT_WIDTH: u64 = 800;

#[test]
fn the_resizer_script_is_under_one_kilobyte() {
    let file = workspace_root().join("public/embed-resizer.js");
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    assert!(bytes.len() < 1024, "{} is {} bytes; it must stay under 1 KB", file.display(), bytes.len());
    let text = String::from_utf8(bytes).expect("the resizer is UTF-8");
    // The message shape of docs/embedding.md, and the iframe marker of the embed code.
    assert!(text.contains("\"edu-atlas:height\""), "the resizer does not read the height message");
    assert!(text.contains("iframe[data-edu-atlas-embed]"), "the resizer does not look for marked iframes");
    assert!(text.contains("e.source"), "the resizer does not check where a message comes from");
}

#[tokio::test]
async fn two_embeds_on_a_host_page_draw_take_their_height_and_download_the_cores_data() {
    let mut data = DataFolder::copy_of(&DataFolder::open(&sample_data_dir()), "embeds");
    let latest = data.snapshot(EMSHAN, None);
    let renamed = latest.snapshot.townships.first().expect("the sample county has townships").code.clone();
    data.rename_township(&latest.entry.path, renamed.as_str(), FORMULA_NAME);
    let site = StaticServer::start(Site { dist: dist_dir(), data: data.dir.clone() }, 0)
        .unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
    let host = HostPage::start();
    let driver = Chromedriver::start();
    let s = Session::open(&driver, &site.origin(), Viewport::Desktop).await;
    let downloads = TempDir::new("downloads");
    s.allow_downloads(downloads.path()).await;

    // The gallery hands out the embed code, pinned to the county and school year shown.
    s.goto(&format!("/embeds?county={EMSHAN}&metric={METRIC}")).await;
    let gallery = s
        .wait_until(
            "the embed gallery's code boxes",
            "const cards = [...document.querySelectorAll('.embed-card')];
             if (cards.length === 0) return null;
             return cards.map(c => ({
               kind: c.dataset.embedKind,
               code: c.querySelector('textarea.embed-code').value,
               previews: c.querySelectorAll('iframe[data-edu-atlas-embed]').length,
             }));",
        )
        .await;
    let cards = gallery.as_array().expect("a list of cards");
    let kinds: Vec<&str> = cards.iter().filter_map(|c| c["kind"].as_str()).collect();
    let mut expected = vec!["map", "ranking", "trend", "township-enrolment", "township-facilities"];
    // The 社会认可度 figures are listed when the snapshot has a survey.
    if atlas_core::survey::summarise(&latest.snapshot).is_some() {
        expected.extend([
            "satisfaction-groups",
            "satisfaction-heatmap",
            "satisfaction-townships",
            "satisfaction-trend",
        ]);
    }
    assert_eq!(kinds, expected, "the gallery lists every embeddable figure");
    assert!(cards.iter().all(|c| c["previews"] == 1), "every gallery card has a live preview: {gallery}");
    let code_of = |kind: &str| -> String {
        let card = cards.iter().find(|c| c["kind"] == kind).expect("the card exists");
        card["code"].as_str().unwrap_or_default().to_string()
    };
    let (map_code, trend_code) = (code_of("map"), code_of("trend"));
    let year = latest.entry.school_year.to_string();
    for code in [&map_code, &trend_code] {
        assert!(
            code.contains(&format!("{}/embed/", site.origin()))
                && code.contains(&format!("county={EMSHAN}&year={year}&metric={METRIC}"))
                && code.contains("data-edu-atlas-embed")
                && code
                    .contains(&format!("<script src=\"{}/embed-resizer.js\" async></script>", site.origin())),
            "unexpected embed code: {code}"
        );
    }
    let fallback_heights: Vec<u64> = [&map_code, &trend_code].iter().map(|c| height_attribute(c)).collect();

    // The article: two embeds between paragraphs, on another origin.
    host.set_html(&format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>新闻稿</title><link rel=\"icon\" href=\"data:,\">\
         <style>body{{font-family:sans-serif;max-width:640px;margin:0 auto;padding:1rem}}</style></head><body>\
         <h1>县里的教室够不够用</h1><p>记者调查了各乡镇的校舍面积。</p>\n{map_code}\n\
         <p>历年的变化如下。</p>\n{trend_code}\n<p>（完）</p></body></html>"
    ));
    s.client().goto(&host.origin()).await.unwrap_or_else(|e| panic!("cannot open the host page: {e}"));
    for frame in 0..2 {
        wait_for_frame_chart(&s, frame).await;
    }

    // Each iframe takes its content's height (reported by the embed, applied by the resizer).
    for (frame, fallback) in (0u16..).zip(&fallback_heights) {
        let (outer, inner) = settled_frame_height(&s, frame).await;
        println!(
            "embed {frame}: iframe {outer} px, content {} px (scrollHeight {}), fallback {fallback} px",
            inner["content"], inner["scroll"]
        );
        let content = inner["content"].as_f64().unwrap_or(-1.0);
        let scroll = inner["scroll"].as_f64().unwrap_or(-1.0);
        assert!(
            (outer - content).abs() <= 3.0,
            "iframe {frame} is {outer} px high, its content {content} px"
        );
        assert!(
            (outer - scroll).abs() <= 3.0,
            "iframe {frame} is {outer} px high, its document scrolls {scroll} px"
        );
        assert!(
            (outer - *fallback as f64).abs() > 3.0,
            "iframe {frame} kept the fallback height {fallback} px: the resizer did not size it"
        );
    }
    s.js("window.scrollTo(0, 0)", vec![]).await;
    s.screenshot("embeds-host").await;

    // Downloads from inside each iframe.
    let def = find(METRIC).expect("the metric is in the indicator table");
    let map_files = download_all(&s, 0, downloads.path(), &format!("{}-map-sample", latest.entry.id)).await;
    let trend_files =
        download_all(&s, 1, downloads.path(), &format!("{}-trend-sample", latest.entry.id)).await;

    let renamed_view = data.snapshot(EMSHAN, None);
    let map_csv = DownloadedCsv::read(&map_files.csv);
    map_csv.assert_provenance(&renamed_view.entry.id, &renamed_view.entry.sha256);
    map_csv.assert_no_formula_cell();
    assert_eq!(map_csv.rows.len(), renamed_view.snapshot.townships.len(), "one row per township");
    for township in &renamed_view.snapshot.townships {
        let row = map_csv
            .rows
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(township.code.as_str()))
            .unwrap_or_else(|| panic!("the map CSV has no row for township {}", township.code));
        let expected_name =
            if township.code == renamed { format!("'{FORMULA_NAME}") } else { township.name.clone() };
        assert_eq!(row.get(1), Some(&expected_name), "township name cell of {}", township.code);
        assert_number(
            row.get(2),
            renamed_view.values.township(def.id, &township.code),
            def,
            township.code.as_str(),
        );
    }

    let trend_csv = DownloadedCsv::read(&trend_files.csv);
    trend_csv.assert_provenance(&renamed_view.entry.id, &renamed_view.entry.sha256);
    trend_csv.assert_no_formula_cell();
    // The trend shows the county and, with no `towns` in the URL, the first two townships.
    let towns: Vec<_> = renamed_view.snapshot.townships.iter().take(2).collect();
    assert_eq!(trend_csv.columns.len(), 2 + towns.len(), "columns: {:?}", trend_csv.columns);
    assert!(
        trend_csv.columns.get(2).is_some_and(|c| c.starts_with(&format!("'{FORMULA_NAME}"))),
        "the renamed township's column header is not neutralised: {:?}",
        trend_csv.columns
    );
    let series = data.manifest.county(EMSHAN).expect("the county is published").current_snapshots();
    assert_eq!(trend_csv.rows.len(), series.len(), "one row per school year");
    for (row, entry) in trend_csv.rows.iter().zip(&series) {
        let view = data.snapshot(EMSHAN, Some(entry.school_year.as_str()));
        let what = format!("{} county", entry.school_year);
        assert_number(row.get(1), view.values.county(def.id), def, &what);
        for (k, town) in towns.iter().enumerate() {
            let what = format!("{} township {}", entry.school_year, town.code);
            assert_number(row.get(2 + k), view.values.township(def.id, &town.code), def, &what);
        }
    }

    for files in [&map_files, &trend_files] {
        assert_real_png(&s, &files.png).await;
        assert_real_svg(&s, &files.svg, &renamed_view.entry.id).await;
    }

    let errors = s.take_console_errors().await;
    assert!(errors.is_empty(), "console errors on the host page or in the embeds: {errors:#?}");
    let _ = s.client().clone().close().await;
}

#[tokio::test]
async fn an_embed_shows_one_figure_in_the_theme_and_height_asked_for() {
    let data = DataFolder::open(&sample_data_dir());
    let latest = data.snapshot(EMSHAN, None);
    let site = StaticServer::start(Site { dist: dist_dir(), data: data.dir.clone() }, 0)
        .unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
    let driver = Chromedriver::start();
    let s = Session::open(&driver, &site.origin(), Viewport::Phone).await;
    // A reader whose system is dark: `auto` follows it, `light` and `dark` override it.
    s.devtools(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
    )
    .await;
    // The dark one is asked for in English (`lang=en`), the others in the default Chinese.
    for (theme, dark, english) in [("dark", true, true), ("light", false, false), ("auto", true, false)] {
        let lang = if english { "&lang=en" } else { "" };
        let path = format!("/embed/ranking?county={EMSHAN}&metric={METRIC}&theme={theme}&height=300{lang}");
        s.goto(&path).await;
        let page = s
            .wait_until(
                "the ranking embed to draw",
                "const c = document.querySelector('figure[data-figure=ranking] .chart');
                 if (!c || c.dataset.chartState === 'waiting') return null;
                 const link = document.querySelector('.embed-foot a');
                 const bg = getComputedStyle(document.documentElement).backgroundColor.match(/\\d+/g).map(Number);
                 return {
                   state: c.dataset.chartState,
                   chartHeight: c.getBoundingClientRect().height,
                   theme: document.documentElement.dataset.theme,
                   darkBackground: (bg[0] + bg[1] + bg[2]) / 3 < 80,
                   frame: document.querySelectorAll('.site-header, nav, .site-footer').length,
                   figures: document.querySelectorAll('figure').length,
                   title: document.querySelector('figure h3').innerText,
                   source: document.querySelector('.figure-source').innerText,
                   sample: !!document.querySelector('[data-sample-notice]'),
                   lang: document.documentElement.lang,
                   full: link && link.getAttribute('href'),
                   target: link && link.target,
                 };",
            )
            .await;
        assert_eq!(page["state"], "drawn", "[{theme}] {page}");
        assert_eq!(page["theme"], theme, "[{theme}] data-theme on <html>");
        assert_eq!(page["darkBackground"], dark, "[{theme}] page background: {page}");
        assert_eq!(page["chartHeight"].as_f64(), Some(300.0), "[{theme}] the chart keeps height=300");
        assert_eq!(page["frame"], 0, "[{theme}] an embed has no site header, navigation or footer");
        assert_eq!(page["figures"], 1, "[{theme}] an embed shows one figure");
        let def = find(METRIC).expect("the metric is in the indicator table");
        if !english {
            assert!(
                page["title"].as_str().is_some_and(|t| t.contains(def.name_zh)),
                "[{theme}] title: {page}"
            );
        }
        assert!(
            page["source"].as_str().is_some_and(|t| t.contains(&latest.entry.id)),
            "[{theme}] the source line names the data version {}: {page}",
            latest.entry.id
        );
        assert_eq!(page["sample"], true, "[{theme}] the sample notice is shown");
        assert_eq!(page["lang"], if english { "en" } else { "zh-CN" }, "[{theme}] <html lang>");
        assert_eq!(
            page["full"],
            format!("/compare?county={EMSHAN}&metric={METRIC}{lang}"),
            "[{theme}] the full view keeps the data state and the language"
        );
        assert_eq!(page["target"], "_blank", "[{theme}] the full view opens in a new tab");
        s.screenshot(&format!("embed-ranking-{theme}")).await;
        s.assert_healthy(&path).await;
    }

    // The embed acts on no message a host page sends: it listens for none.
    let window = s.devtools("Runtime.evaluate", json!({ "expression": "window" })).await;
    let object_id = window["result"]["objectId"].as_str().expect("window has a remote object id").to_string();
    let listeners = s.devtools("DOMDebugger.getEventListeners", json!({ "objectId": object_id })).await;
    let listened: Vec<&str> = listeners["listeners"]
        .as_array()
        .expect("a list of listeners")
        .iter()
        .filter_map(|l| l["type"].as_str())
        .collect();
    assert!(!listened.contains(&"message"), "the embed listens for messages: {listened:?}");
    // The gallery in the reader's default (light) scheme.
    s.devtools("Emulation.setEmulatedMedia", json!({ "features": [] })).await;

    // The gallery on a phone: every card fits the screen.
    s.goto(&format!("/embeds?county={EMSHAN}")).await;
    s.wait_until("the gallery's first preview to draw", FIRST_PREVIEW_DRAWN).await;
    s.js("window.scrollTo(0, 0)", vec![]).await;
    s.screenshot("embeds").await;
    s.finish("/embeds").await;
}

/// The first preview iframe of the gallery (same origin, so readable) has drawn its chart.
const FIRST_PREVIEW_DRAWN: &str = "const f = document.querySelector('iframe.embed-preview');
     const c = f && f.contentDocument && f.contentDocument.querySelector('.chart');
     if (c && c.dataset.chartState === 'waiting') c.scrollIntoView({ block: 'center' });
     return c && c.dataset.chartState === 'drawn';";

/// A second site on 127.0.0.1 that serves one HTML page (the host article) at `/`.
struct HostPage {
    page: TempDir,
    server: StaticServer,
}

impl HostPage {
    fn start() -> HostPage {
        let page = TempDir::new("host-page");
        std::fs::write(page.path().join("index.html"), "").expect("write the host page");
        // The server wants a data folder; the host page uses none.
        let site = Site { dist: page.path().to_path_buf(), data: sample_data_dir() };
        let server = StaticServer::start(site, 0).expect("serve the host page");
        HostPage { page, server }
    }

    fn origin(&self) -> String {
        format!("{}/", self.server.origin())
    }

    fn set_html(&self, html: &str) {
        std::fs::write(self.page.path().join("index.html"), html).expect("write the host page");
    }
}

/// The `height="…"` of an embed code's iframe.
fn height_attribute(code: &str) -> u64 {
    code.split("height=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|h| h.parse().ok())
        .unwrap_or_else(|| panic!("no height attribute in {code}"))
}

/// Scroll iframe `frame` of the host page into view (charts draw when on screen; the iframes
/// load lazily) and wait until its chart has drawn.
async fn wait_for_frame_chart(s: &Session, frame: u16) {
    let started = Instant::now();
    loop {
        s.js(
            "const f = document.querySelectorAll('iframe[data-edu-atlas-embed]')[arguments[0]];
             if (f) f.scrollIntoView({ block: 'start' });",
            vec![json!(frame)],
        )
        .await;
        let state = in_frame(
            s,
            frame,
            // A notice may show for a moment while the data loads (the last value is reported on
            // timeout); an error panel or a chart that failed is final.
            "const c = document.querySelector('figure .chart');
             if (c) return c.dataset.chartState;
             if (document.querySelector('.error-panel')) return 'failed';
             const n = document.querySelector('.notice');
             return n ? 'notice: ' + n.innerText : null;",
        )
        .await;
        match state.as_str() {
            Some("drawn") => return,
            Some("failed") => {
                let text = in_frame(s, frame, "return document.body.innerText").await;
                s.fail(&format!("the chart in iframe {frame} failed: {text}")).await;
            }
            _ => {}
        }
        if started.elapsed() > wait_limit() {
            s.fail(&format!("timed out waiting for the chart in iframe {frame} to draw; last state {state}"))
                .await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Run `script` inside iframe `frame` of the top page, then return to the top page.
async fn in_frame(s: &Session, frame: u16, script: &str) -> Value {
    s.client().enter_frame(frame).await.unwrap_or_else(|e| panic!("cannot enter iframe {frame}: {e}"));
    let value = s.js(script, vec![]).await;
    s.client().enter_parent_frame().await.unwrap_or_else(|e| panic!("cannot leave iframe {frame}: {e}"));
    value
}

/// The iframe's height on the host page once it has stopped changing, and the embed's own
/// measures: `content` (its `<html>` box) and `scroll` (its document's scrollHeight).
async fn settled_frame_height(s: &Session, frame: u16) -> (f64, Value) {
    let started = Instant::now();
    let mut last = (-1.0, Value::Null);
    loop {
        let outer = s
            .js(
                "return document.querySelectorAll('iframe[data-edu-atlas-embed]')[arguments[0]].getBoundingClientRect().height",
                vec![json!(frame)],
            )
            .await
            .as_f64()
            .unwrap_or(-1.0);
        let inner = in_frame(
            s,
            frame,
            "return { content: document.documentElement.getBoundingClientRect().height,
                      scroll: document.documentElement.scrollHeight };",
        )
        .await;
        let content = inner["content"].as_f64().unwrap_or(-1.0);
        if (outer - content).abs() <= 3.0 && outer == last.0 {
            return (outer, inner);
        }
        if started.elapsed() > wait_limit() {
            return (outer, inner); // the caller's assertions say what is wrong
        }
        last = (outer, inner);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

struct Downloads {
    csv: PathBuf,
    png: PathBuf,
    svg: PathBuf,
}

/// Open the share menu in iframe `frame`, press CSV, PNG and SVG, and wait for the three files
/// `<stem>.csv|png|svg` to be complete in `dir`.
async fn download_all(s: &Session, frame: u16, dir: &Path, stem: &str) -> Downloads {
    s.js(
        "document.querySelectorAll('iframe[data-edu-atlas-embed]')[arguments[0]].scrollIntoView({ block: 'start' })",
        vec![json!(frame)],
    )
    .await;
    s.client().enter_frame(frame).await.unwrap_or_else(|e| panic!("cannot enter iframe {frame}: {e}"));
    let click = |css: &'static str| async move {
        s.client()
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("iframe {frame} has no {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot press {css} in iframe {frame}: {e}"));
    };
    click("details.share > summary").await;
    let mut files = Vec::new();
    for ext in ["csv", "png", "svg"] {
        let css = match ext {
            "csv" => "button[data-download=csv]",
            "png" => "button[data-download=png]",
            _ => "button[data-download=svg]",
        };
        click(css).await;
        let file = dir.join(format!("{stem}.{ext}"));
        s.wait_for_download(&file).await;
        files.push(file);
    }
    s.client().enter_parent_frame().await.unwrap_or_else(|e| panic!("cannot leave iframe {frame}: {e}"));
    let mut files = files.into_iter();
    let mut next = || files.next().expect("three files");
    Downloads { csv: next(), png: next(), svg: next() }
}

/// A downloaded CSV: its header lines (key, value), the column row and the data rows.
struct DownloadedCsv {
    text: String,
    meta: Vec<(String, String)>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl DownloadedCsv {
    /// BOM, header lines, a blank line, the column row, the rows (atlas_core::export).
    fn read(file: &Path) -> DownloadedCsv {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let text =
            String::from_utf8(bytes).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", file.display()));
        let body = text
            .strip_prefix('\u{FEFF}')
            .unwrap_or_else(|| panic!("{} does not start with the UTF-8 byte-order mark", file.display()));
        let records = parse_csv(body);
        let blank = records
            .iter()
            .position(|r| r.iter().all(String::is_empty))
            .unwrap_or_else(|| panic!("{}: no blank line after the header lines", file.display()));
        let meta = records[..blank]
            .iter()
            .map(|r| (r.first().cloned().unwrap_or_default(), r.get(1).cloned().unwrap_or_default()))
            .collect();
        let columns = records.get(blank + 1).cloned().unwrap_or_default();
        let rows = records.get(blank + 2..).map(<[_]>::to_vec).unwrap_or_default();
        DownloadedCsv { text, meta, columns, rows }
    }

    fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn assert_provenance(&self, snapshot_id: &str, sha256: &str) {
        assert!(self.meta("标题 Title").is_some_and(|t| !t.is_empty()), "no title line: {:?}", self.meta);
        assert!(self.meta("来源 Source").is_some_and(|t| !t.is_empty()), "no source line: {:?}", self.meta);
        assert_eq!(self.meta("数据版本 Snapshot id"), Some(snapshot_id), "snapshot id line");
        assert_eq!(self.meta("SHA-256"), Some(sha256), "the hash line must be the manifest's");
        assert!(
            self.meta("示例数据 Sample data").is_some_and(|t| t.contains("示例数据")),
            "sample data without the sample notice: {:?}",
            self.meta
        );
    }

    /// OWASP CSV injection: no cell may start with a character a spreadsheet runs as a formula.
    fn assert_no_formula_cell(&self) {
        let records = parse_csv(self.text.trim_start_matches('\u{FEFF}'));
        for (line, record) in records.iter().enumerate() {
            for cell in record {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "CSV line {} has a cell a spreadsheet would run: {cell:?}",
                    line + 1
                );
            }
        }
        assert!(
            self.text.contains(&format!("'{FORMULA_NAME}")),
            "the township named {FORMULA_NAME} is missing"
        );
    }
}

/// RFC 4180: fields separated by commas, records by CRLF, quoted fields with doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// A CSV number cell equals the core's value at the unit's precision (an empty cell: missing).
fn assert_number(cell: Option<&String>, expected: Option<f64>, def: &IndicatorDef, what: &str) {
    let cell = cell.unwrap_or_else(|| panic!("{what}: no cell"));
    match expected.filter(|v| v.is_finite()) {
        None => assert_eq!(cell, "", "{what}: the core has no value, the CSV has {cell:?}"),
        Some(v) => {
            let got: f64 = cell.parse().unwrap_or_else(|_| panic!("{what}: {cell:?} is not a plain number"));
            let decimals = def.unit.decimals();
            let half_step = 0.5 * 10f64.powi(-(decimals as i32));
            assert!(
                (got - v).abs() <= half_step + 1e-9,
                "{what}: the CSV says {got}, the core computes {v} ({decimals} decimals)"
            );
        }
    }
}

/// A PNG file (signature and IHDR), 2× the export width, that Chromium decodes.
async fn assert_real_png(s: &Session, file: &Path) {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{} is not a PNG", file.display());
    assert_eq!(bytes.get(12..16), Some(&b"IHDR"[..]), "{}: no IHDR chunk first", file.display());
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as u64;
    let (width, height) = (be(16), be(20));
    assert_eq!(width, 2 * EXPORT_WIDTH, "{}: a PNG for print is 2× {EXPORT_WIDTH} px wide", file.display());
    assert!(height >= 2 * 300, "{}: {width}×{height} is too small to hold a chart", file.display());
    let decoded = s
        .js(
            "const blob = new Blob([new Uint8Array(arguments[0])], { type: 'image/png' });
             return createImageBitmap(blob).then(b => [b.width, b.height], e => String(e));",
            vec![json!(bytes)],
        )
        .await;
    assert_eq!(decoded, json!([width, height]), "{}: Chromium cannot decode it", file.display());
}

/// An SVG document with an <svg> root of the export size, carrying the data version.
async fn assert_real_svg(s: &Session, file: &Path, snapshot_id: &str) {
    let text =
        std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let parsed = s
        .js(
            "const doc = new DOMParser().parseFromString(arguments[0], 'image/svg+xml');
             const root = doc.documentElement;
             return {
               error: doc.getElementsByTagName('parsererror').length > 0,
               root: root.localName,
               ns: root.namespaceURI,
               width: root.getAttribute('width'),
               height: root.getAttribute('height'),
               text: root.textContent,
             };",
            vec![json!(text)],
        )
        .await;
    assert_eq!(parsed["error"], false, "{} does not parse as XML", file.display());
    assert_eq!(parsed["root"], "svg", "{}: root element", file.display());
    assert_eq!(parsed["ns"], "http://www.w3.org/2000/svg", "{}: namespace", file.display());
    let number = |key: &str| parsed[key].as_str().and_then(|v| v.trim_end_matches("px").parse::<f64>().ok());
    assert_eq!(number("width"), Some(EXPORT_WIDTH as f64), "{}: width {parsed}", file.display());
    assert!(number("height").is_some_and(|h| h >= 300.0), "{}: height {}", file.display(), parsed["height"]);
    let drawn_text = parsed["text"].as_str().unwrap_or_default();
    assert!(
        drawn_text.contains(snapshot_id) && drawn_text.contains("示例数据"),
        "{}: the image does not carry the data version and the sample notice",
        file.display()
    );
}
