//! The 社会认可度 pages as a deputy meets them, in real headless Chromium at a phone's size
//! (390×844, touch) and a laptop's (1280×800): issue 6's "Done when" list.
//!
//! - `/satisfaction` shows, for every respondent group (家长 first among them), the rate, the 95%
//!   interval and the respondent count that `atlas_core::survey::summarise` computes from the very
//!   file served, formatted by `atlas_core::format`; a group with too few respondents is flagged.
//! - `/satisfaction/briefing`, printed by headless Chromium (`--print-to-pdf`), is A4, at most two
//!   pages, and carries the snapshot's full SHA-256 (read back with poppler's `pdfinfo` and
//!   `pdftotext`, Debian package poppler-utils).
//!
//! Every session ends with `Session::assert_healthy`: no console error, no request leaving
//! 127.0.0.1, no alert, no sideways scrolling. Run by `./dev test`; alone:
//! `cargo test -p atlas-browser-tests --test satisfaction` after `./dev build`.

use atlas_browser_tests::browser::{chromium_path, Session, Viewport};
use atlas_browser_tests::fixtures::{CoreView, DataFolder, TempDir};
use atlas_browser_tests::harness::Harness;
use atlas_browser_tests::sample_data_dir;
use atlas_core::format::{format_change, format_value, Unit};
use atlas_core::indicators::find;
use atlas_core::survey::{summarise, trend, Rate, SurveySummary};
use atlas_core::Lang;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The sample county with a survey every school year and township rows for 家长 and 学生.
const EMSHAN: &str = "530426";
const YEAR: &str = "2024-2025";

/// The survey summary the core computes for the snapshot the page shows.
fn core_summary(view: &CoreView) -> SurveySummary {
    summarise(&view.snapshot).unwrap_or_else(|| panic!("{} has no survey", view.entry.path))
}

/// The 85% line, from the indicator table, as the pages print it.
fn line_text() -> String {
    let def = find("social_recognition_rate").expect("the indicator table defines 社会认可度");
    let threshold = def.threshold.as_ref().expect("社会认可度 has a threshold");
    format_value(Some(threshold.value), Unit::Percent, Lang::Zh)
}

/// What a reader sees for one rate: (rate, interval low, interval high, respondents), each as
/// text and as the raw number in its data attribute.
#[derive(Debug, PartialEq)]
struct Shown {
    rate: String,
    low: String,
    high: String,
    respondents: String,
    raw: [Option<f64>; 4],
}

impl Shown {
    fn from_page(v: &Value) -> Shown {
        let text = |k: &str| v[k]["text"].as_str().unwrap_or("(missing)").trim().to_string();
        let raw = |k: &str| v[k]["raw"].as_str().and_then(|r| r.parse::<f64>().ok());
        Shown {
            rate: text("rate"),
            low: text("low"),
            high: text("high"),
            respondents: text("respondents"),
            raw: [raw("rate"), raw("low"), raw("high"), raw("respondents")],
        }
    }

    /// What the core computes, formatted by the core.
    fn expected(rate: &Rate) -> Shown {
        let (low, high) = (rate.interval.map(|i| i.0), rate.interval.map(|i| i.1));
        Shown {
            rate: format_value(rate.share, Unit::Percent, Lang::Zh),
            low: format_value(low, Unit::Percent, Lang::Zh),
            high: format_value(high, Unit::Percent, Lang::Zh),
            respondents: format_value(Some(rate.respondents), Unit::Count, Lang::Zh),
            raw: [rate.share, low, high, Some(rate.respondents)],
        }
    }

    /// Texts equal, raw numbers equal to 1e-9 (the wasm and native builds round alike, but the
    /// check is about what is shown, not about the last bit).
    fn matches(&self, expected: &Shown) -> bool {
        let close = self.raw.iter().zip(&expected.raw).all(|(a, b)| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        });
        close
            && (&self.rate, &self.low, &self.high, &self.respondents)
                == (&expected.rate, &expected.low, &expected.high, &expected.respondents)
    }
}

/// The rate, interval ends and respondents inside the element matching `selector`.
const READ_RATE: &str = "const host = document.querySelector(arguments[0]);
     if (!host) return null;
     const part = (sel, attr) => {
       const el = host.querySelector(sel);
       return el ? { text: el.innerText, raw: el.getAttribute(attr) } : null;
     };
     return {
       rate: part('[data-rate]', 'data-rate'),
       low: part('[data-interval-low]', 'data-interval-low'),
       high: part('[data-interval-high]', 'data-interval-high'),
       respondents: part('[data-respondents]', 'data-respondents'),
     };";

async fn read_rate(s: &Session, selector: &str) -> Shown {
    let v = s.wait_until_with(&format!("{selector} with its rate"), READ_RATE, vec![json!(selector)]).await;
    Shown::from_page(&v)
}

async fn assert_rate(s: &Session, selector: &str, what: &str, rate: &Rate) {
    let shown = read_rate(s, selector).await;
    let expected = Shown::expected(rate);
    if !shown.matches(&expected) {
        s.fail(&format!("{what} ({selector}) shows {shown:#?}\nthe core computes {expected:#?}")).await;
    }
}

/// Scroll the figure of `kind` into view (charts draw only when on screen), wait until its chart
/// has drawn, and return how many items its first series holds.
async fn chart_items(s: &Session, kind: &str) -> u64 {
    let state = s
        .wait_until_with(
            &format!("the {kind} chart to draw"),
            "const c = document.querySelector(`figure[data-figure=\"${arguments[0]}\"] .chart`);
             if (!c) return null;
             if (c.dataset.chartState === 'waiting') { c.scrollIntoView({ block: 'center' }); return null; }
             return [c.dataset.chartState, c.dataset.items || ''];",
            vec![json!(kind)],
        )
        .await;
    if state[0] != "drawn" {
        s.fail(&format!("the {kind} chart did not draw: {state}")).await;
    }
    state[1].as_str().and_then(|n| n.parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn the_satisfaction_page_shows_the_cores_rates_intervals_and_counts() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, Some(YEAR));
    let summary = core_summary(&view);
    let line = line_text();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        s.goto(&format!("/satisfaction?county={EMSHAN}&year={YEAR}")).await;

        // The example: one group's rate and interval, as the core computes them.
        let parents =
            summary.by_group.iter().find(|g| g.group.label_zh() == "家长").expect("家长 were surveyed");
        assert_rate(&s, "[data-group=\"家长\"]", "家长", &parents.rate).await;
        // And every other group, every question area and the headline.
        for g in &summary.by_group {
            let label = g.group.label_zh();
            assert_rate(&s, &format!("[data-group=\"{label}\"]"), label, &g.rate).await;
        }
        for a in &summary.by_area {
            let label = a.area.label_zh();
            assert_rate(&s, &format!("[data-area=\"{label}\"]"), label, &a.rate).await;
        }
        assert_rate(&s, "main [data-overall]", "the county rate", &summary.overall).await;

        let head = s.js("return document.querySelector('main [data-overall]').innerText", vec![]).await;
        let head = head.as_str().unwrap_or_default();
        assert!(head.contains(&line), "[{viewport}] the headline does not show the line {line}: {head:?}");
        assert!(
            head.contains("明确达到") || head.contains("明确未达到") || head.contains("无法判定"),
            "[{viewport}] the headline gives no verdict against the line: {head:?}"
        );

        // The change against the previous survey, as the core's trend computes it.
        let points = trend(
            h.data
                .manifest
                .county(EMSHAN)
                .expect("the sample county")
                .current_snapshots()
                .iter()
                .map(|e| h.data.snapshot(EMSHAN, Some(e.school_year.as_str())).snapshot)
                .collect::<Vec<_>>()
                .iter(),
        );
        let now = points.iter().find(|p| p.school_year.as_str() == YEAR).expect("a survey in 2024-2025");
        let delta = now.change.and_then(|c| c.delta_points);
        let change = format_change(delta, Unit::Percent, Lang::Zh);
        s.wait_until_with(
            &format!("the change since the previous survey ({change})"),
            "const el = document.querySelector('[data-overall-change]');
             return el && el.innerText.includes(arguments[0]);",
            vec![json!(change)],
        )
        .await;

        // The heatmap draws one cell per surveyed group × area; the townships one bar each.
        assert_eq!(chart_items(&s, "satisfaction-heatmap").await, summary.cells.len() as u64, "[{viewport}]");
        assert_eq!(
            chart_items(&s, "satisfaction-townships").await,
            summary.by_township.len() as u64,
            "[{viewport}]"
        );
        chart_items(&s, "satisfaction-trend").await;

        // The publisher's own notes on the survey, and the links to the method and the briefing.
        let notes = s
            .wait_until(
                "the survey method notes",
                "const n = document.querySelector('[data-method-notes]'); return n && n.innerText;",
            )
            .await;
        let expected_notes = summary.method_notes.clone().expect("the sample survey has method notes");
        assert_eq!(notes.as_str().map(str::trim), Some(expected_notes.trim()), "[{viewport}] method notes");
        let links = s
            .js("return [...document.querySelectorAll('main a')].map(a => a.getAttribute('href'));", vec![])
            .await;
        let links: Vec<&str> = links.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let briefing = format!("/satisfaction/briefing?county={EMSHAN}&year={YEAR}");
        assert!(links.contains(&briefing.as_str()), "[{viewport}] no link to {briefing}: {links:?}");
        assert!(
            links.iter().any(|l| l.contains("#ind-social_recognition_rate")),
            "[{viewport}] no link to the definition of 社会认可度: {links:?}"
        );

        s.js("window.scrollTo(0, 0)", vec![]).await;
        s.screenshot("satisfaction").await;
        s.finish("satisfaction").await;
    }
}

#[tokio::test]
async fn the_overview_shows_the_county_rate_and_links_to_the_satisfaction_page_and_briefing() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, None);
    let summary = core_summary(&view);
    let s = h.open(Viewport::Phone).await;
    s.goto(&format!("/?county={EMSHAN}")).await;
    // The box is below the first screen; its code comes when it is scrolled near.
    s.wait_until(
        "the overview's satisfaction box",
        "const part = document.querySelector('[data-lazy=satisfaction-box]');
         if (!part) return null;
         part.scrollIntoView({ block: 'center' });
         return !!document.querySelector('.sat-box [data-overall]');",
    )
    .await;
    assert_rate(&s, ".sat-box [data-overall]", "the overview's 社会认可度", &summary.overall).await;
    let hrefs = s
        .js(
            "return ['[data-satisfaction-link]', '[data-briefing-link]']
               .map(sel => { const a = document.querySelector('.sat-box ' + sel); return a && a.getAttribute('href'); });",
            vec![],
        )
        .await;
    let year = view.entry.school_year.as_str();
    assert_eq!(
        hrefs,
        json!([
            format!("/satisfaction?county={EMSHAN}&year={year}"),
            format!("/satisfaction/briefing?county={EMSHAN}&year={year}")
        ])
    );
    s.finish("overview satisfaction box").await;
}

/// The sample data with the county's 人大代表 rows cut to 12 respondents (10 satisfied), and
/// the change published properly (the manifest gets the new size and SHA-256).
fn sample_with_few_deputies() -> DataFolder {
    let mut data = DataFolder::copy_of(&DataFolder::open(&sample_data_dir()), "few-deputies");
    let path = data.snapshot(EMSHAN, Some(YEAR)).entry.path;
    let mut changed = 0;
    data.republish_json(&path, |json| {
        let rows = json["satisfaction"]["results"].as_array_mut().expect("the sample snapshot has a survey");
        for row in rows.iter_mut().filter(|r| r["group"] == "人大代表" && r.get("township").is_none()) {
            let row = row.as_object_mut().expect("a survey row is an object");
            row.remove("likert");
            row.insert("respondents".into(), json!(12));
            row.insert("satisfied".into(), json!(10));
            changed += 1;
        }
    });
    assert!(changed > 0, "{path} has no county-wide 人大代表 rows");
    data
}

#[tokio::test]
async fn a_group_with_too_few_respondents_is_flagged() {
    let h = Harness::with_data(sample_with_few_deputies());
    let view = h.data.snapshot(EMSHAN, Some(YEAR));
    let summary = core_summary(&view);
    let deputies = summary.by_group.iter().find(|g| g.group.label_zh() == "人大代表").expect("人大代表");
    assert!(deputies.rate.too_few, "the fixture must give 人大代表 too few respondents: {:?}", deputies.rate);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        s.goto(&format!("/satisfaction?county={EMSHAN}&year={YEAR}")).await;
        assert_rate(&s, "[data-group=\"人大代表\"]", "人大代表", &deputies.rate).await;
        let flags = s
            .js(
                "return [...document.querySelectorAll('[data-group] [data-too-few]')]
                   .map(f => [f.closest('[data-group]').dataset.group, f.innerText.trim()]);",
                vec![],
            )
            .await;
        let expected: Vec<Value> = summary
            .by_group
            .iter()
            .filter(|g| g.rate.too_few)
            .map(|g| json!([g.group.label_zh(), "样本过少"]))
            .collect();
        assert_eq!(flags, Value::Array(expected), "[{viewport}] the groups flagged 样本过少");
        s.finish("satisfaction with too few deputies").await;
    }
}

#[tokio::test]
async fn the_briefing_in_the_browser_names_the_data_version_and_the_day() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, Some(YEAR));
    let summary = core_summary(&view);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        s.goto(&format!("/satisfaction/briefing?county={EMSHAN}&year={YEAR}")).await;
        s.wait_until(
            "the briefing with every survey",
            "const b = document.querySelector('[data-briefing]'); return b && b.dataset.ready === 'true';",
        )
        .await;
        assert_rate(&s, "[data-briefing] [data-overall]", "the briefing's county rate", &summary.overall)
            .await;
        let facts = s
            .js(
                "const t = sel => { const el = document.querySelector(sel); return el ? el.innerText.trim() : null; };
                 return {
                   hash: t('[data-sha256]'),
                   id: t('[data-snapshot-id]'),
                   generated: t('[data-generated]'),
                   sample: t('[data-briefing] [data-sample-notice]'),
                   print: !!document.querySelector('.briefing-actions button'),
                   today: (() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-'); })(),
                   weakest: document.querySelectorAll('[data-weakest] tbody tr').length,
                   years: document.querySelectorAll('[data-trend] tbody tr').length,
                 };",
                vec![],
            )
            .await;
        assert_eq!(facts["hash"], json!(view.entry.sha256), "[{viewport}] the full SHA-256");
        assert_eq!(facts["id"], json!(view.entry.id), "[{viewport}] the snapshot id");
        let today = facts["today"].as_str().unwrap_or_default();
        assert_eq!(
            facts["generated"],
            json!(format!("生成日期：{today}")),
            "[{viewport}] the date generated"
        );
        assert!(facts["sample"].as_str().is_some_and(|t| t.contains("示例数据")), "[{viewport}] {facts}");
        assert_eq!(facts["print"], json!(true), "[{viewport}] a print button");
        let weakest =
            summary.weakest_groups.len() + summary.weakest_areas.len() + summary.weakest_townships.len();
        assert_eq!(facts["weakest"], json!(weakest), "[{viewport}] rows of the weakest table");
        let surveys = h.data.manifest.county(EMSHAN).map(|c| c.current_snapshots().len()).unwrap_or(0);
        assert_eq!(facts["years"], json!(surveys), "[{viewport}] one trend row per survey");
        s.screenshot("satisfaction-briefing").await;
        s.finish("briefing").await;
    }
}

/// Run `program args…`, failing the test with its output if it fails or takes over `limit`.
fn run(program: &Path, args: &[String], limit: Duration) -> String {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{} {args:?} took longer than {limit:?}", program.display());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)), // polling a child process
            Err(e) => panic!("waiting for {}: {e}", program.display()),
        }
    }
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        panic!(
            "{} {args:?} failed ({}):\n{stdout}\n{}",
            program.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    stdout
}

/// poppler-utils' tools: `pdfinfo`, `pdftotext` (installed by `.ci/install`).
fn poppler(tool: &str) -> std::path::PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(tool)).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("{tool} not found: install the Debian package poppler-utils (`.ci/install` does)")
    })
}

/// The briefing printed the way a reader's browser prints it: Chromium's own print path, with
/// the print stylesheet and `@page { size: A4 }`, no header or footer added by the browser.
fn print_briefing(origin: &str, pdf: &Path) {
    let profile = TempDir::new("print-profile");
    let url = format!("{origin}/satisfaction/briefing?county={EMSHAN}&year={YEAR}");
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--no-first-run".to_string(),
        "--disable-dev-shm-usage".to_string(),
        format!("--user-data-dir={}", profile.path().display()),
        // Nothing but this machine (as in the WebDriver sessions).
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1".to_string(),
        // Let the app load the snapshot and every school year before printing: virtual time
        // runs only while nothing is loading, so the budget is not a sleep.
        "--virtual-time-budget=30000".to_string(),
        "--no-pdf-header-footer".to_string(),
        format!("--print-to-pdf={}", pdf.display()),
        url,
    ];
    run(&chromium_path(), &args, Duration::from_secs(120));
    assert!(pdf.is_file(), "Chromium wrote no PDF to {}", pdf.display());
}

#[tokio::test]
async fn the_printed_briefing_is_at_most_two_a4_pages_and_carries_the_snapshot_hash() {
    let h = Harness::sample();
    let view = h.data.snapshot(EMSHAN, Some(YEAR));
    let summary = core_summary(&view);
    let out = TempDir::new("briefing-pdf");
    let pdf = out.path().join("briefing.pdf");
    let day_before = run(Path::new("date"), &["+%Y-%m-%d".to_string()], Duration::from_secs(5));
    print_briefing(&h.server.origin(), &pdf);
    let day_after = run(Path::new("date"), &["+%Y-%m-%d".to_string()], Duration::from_secs(5));

    let info = run(&poppler("pdfinfo"), &[pdf.display().to_string()], Duration::from_secs(30));
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("pdfinfo printed no {name}:\n{info}"))
    };
    let pages: u32 = field("Pages:").parse().unwrap_or_else(|e| panic!("Pages: {e}\n{info}"));
    assert!((1..=2).contains(&pages), "the briefing prints on {pages} pages; at most 2 are allowed");
    // "594.96 x 841.92 pts (A4)": A4 is 210 × 297 mm = 595.28 × 841.89 pt.
    let size = field("Page size:");
    let dims: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert!(
        dims.len() == 2 && (dims[0] - 595.28).abs() < 1.5 && (dims[1] - 841.89).abs() < 1.5,
        "the briefing is not printed on A4 portrait: {size}"
    );

    // `-layout` keeps each printed line together (without it poppler may split a line where
    // the font changes between Latin digits and Chinese). Spacing still varies; compare without
    // white space.
    let text = run(
        &poppler("pdftotext"),
        &["-layout".to_string(), pdf.display().to_string(), "-".to_string()],
        Duration::from_secs(30),
    );
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let must_show = [
        ("the full SHA-256 of the snapshot", view.entry.sha256.clone()),
        ("the snapshot id", view.entry.id.clone()),
        ("the sample-data notice", "示例数据".to_string()),
        ("the county rate", format_value(summary.overall.share, Unit::Percent, Lang::Zh)),
        ("the line", line_text()),
    ];
    for (what, expected) in &must_show {
        assert!(flat.contains(expected.as_str()), "the printed briefing lacks {what} ({expected}):\n{text}");
    }
    // One trend row per survey: "2021–2022学年  89.9%  88.6% – 91.1% …".
    for survey in h.data.manifest.county(EMSHAN).map(|c| c.current_snapshots()).unwrap_or_default() {
        let year = h.data.snapshot(EMSHAN, Some(survey.school_year.as_str()));
        let rate = format_value(core_summary(&year).overall.share, Unit::Percent, Lang::Zh);
        let label = survey.school_year.label_zh();
        let row = text.lines().find(|l| l.contains(&label) && l.contains(&rate));
        assert!(row.is_some(), "the printed briefing's trend has no row {label} … {rate}:\n{text}");
    }
    let (low, high) = summary.overall.interval.expect("the county rate has an interval");
    let interval = format!(
        "{}–{}",
        format_value(Some(low), Unit::Percent, Lang::Zh),
        format_value(Some(high), Unit::Percent, Lang::Zh)
    );
    assert!(flat.contains(&interval), "the printed briefing lacks the county interval {interval}:\n{text}");
    let dated = text.lines().any(|l| {
        l.contains("生成日期") && [day_before.trim(), day_after.trim()].iter().any(|d| l.contains(d))
    });
    assert!(dated, "the printed briefing is not dated {}:\n{text}", day_after.trim());
    // The site's navigation, skip link and the print button are not printed.
    for absent in ["规划进度", "跳到正文", "打印或另存为PDF"] {
        assert!(!flat.contains(absent), "the printed briefing shows {absent:?}:\n{text}");
    }
    eprintln!("printed briefing: {pages} A4 page(s), {size}");
}
