//! The plan tracker as a deputy or a parent meets it (issue 5's "Done when"): `/plan` for 峨山
//! (four school years of sample snapshots) and for 平阳 (a plan, no snapshot), at a phone's and a
//! laptop's size. Every expected count and status is computed by `atlas-core` from the very files
//! the test serves (`plan::track_plan`, then `plan::plan_summary` on each target's latest status),
//! so a page that shows anything but the core's verdict fails.
//!
//! Run by `./dev test` after it builds `dist/`; alone: `cargo test -p atlas-browser-tests --test plan`.

use atlas_browser_tests::browser::{Chromedriver, Session, Viewport};
use atlas_browser_tests::fixtures::DataFolder;
use atlas_browser_tests::server::{Site, StaticServer};
use atlas_browser_tests::{dist_dir, sample_data_dir};
use atlas_core::plan::{plan_summary, track_plan, Plan, PlanTracking, Status, Summary};
use atlas_core::Snapshot;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Four school years of sample snapshots and the 2022–2024 action plan.
const EMSHAN: &str = "530426";
/// The 十四五 plan, and no snapshot at all.
const PINGYANG: &str = "330326";
/// One school year of sample snapshots.
const XIFENG: &str = "520122";
/// A draft action plan, and no snapshot.
const SHIQUAN: &str = "610922";
/// The county-less template (xx县), listed under `reference_plans`.
const TEMPLATE: &str = "template-2019-2025";

/// The app has mounted and nothing on screen is still loading (sections further down may wait
/// until they are scrolled near).
const PAGE_SETTLED: &str = "return !document.getElementById('shell') && !!document.querySelector('main h1') \
     && ![...document.querySelectorAll('.skeleton[aria-busy=true]')].some(el => { \
          const r = el.getBoundingClientRect(); \
          return r.bottom > 0 && r.top < window.innerHeight && r.width > 0; })";

struct Harness {
    data: DataFolder,
    server: StaticServer,
    driver: Chromedriver,
}

impl Harness {
    fn sample() -> Harness {
        let data = DataFolder::open(&sample_data_dir());
        let site = Site { dist: dist_dir(), data: data.dir.clone() };
        let server =
            StaticServer::start(site, 0).unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
        Harness { data, server, driver: Chromedriver::start() }
    }

    async fn open(&self, viewport: Viewport) -> Session {
        Session::open(&self.driver, &self.server.origin(), viewport).await
    }

    /// The county's first plan followed across its snapshots in force, by the core, judged on
    /// everything published.
    fn core_plan(&self, county: &str) -> CorePlan {
        self.core_plan_at(county, None, None)
    }

    /// The plan `plan_id` (default: the county's first) as the core judges it at `school_year`
    /// (default: on everything published). A reference template belongs to no county and is
    /// followed on no snapshot.
    fn core_plan_at(&self, county: &str, plan_id: Option<&str>, school_year: Option<&str>) -> CorePlan {
        let entry = self.data.manifest.county(county).unwrap_or_else(|| panic!("no county {county}"));
        let (plan_entry, reference) = match plan_id {
            None => (entry.plans.first().unwrap_or_else(|| panic!("county {county} lists no plan")), false),
            Some(id) => match entry.plans.iter().find(|p| p.id == id) {
                Some(p) => (p, false),
                None => (
                    self.data
                        .manifest
                        .reference_plans
                        .iter()
                        .find(|p| p.id == id)
                        .unwrap_or_else(|| panic!("no plan {id} for {county} or among the templates")),
                    true,
                ),
            },
        };
        let plan = atlas_core::load::parse_plan(&plan_entry.path, &self.data.read(&plan_entry.path))
            .unwrap_or_else(|e| panic!("{}: {e:?}", plan_entry.path));
        let snapshots: Vec<Snapshot> = if reference {
            Vec::new()
        } else {
            entry
                .current_snapshots()
                .iter()
                .map(|s| {
                    atlas_core::load::parse_snapshot(&s.path, &self.data.read(&s.path))
                        .unwrap_or_else(|e| panic!("{}: {e:?}", s.path))
                })
                .collect()
        };
        let refs: Vec<&Snapshot> = snapshots.iter().collect();
        let tracking = track_plan(&plan, &refs);
        let statuses: Vec<Status> = match school_year {
            None => tracking.latest_statuses(),
            Some(year) => plan
                .targets
                .iter()
                .map(|t| {
                    tracking
                        .status_at(&t.id, year)
                        .unwrap_or_else(|| panic!("the core has no status of {} at {year}", t.id))
                })
                .collect(),
        };
        let summary = plan_summary(&plan, &statuses);
        CorePlan { plan, tracking, statuses, summary }
    }
}

struct CorePlan {
    plan: Plan,
    tracking: PlanTracking,
    /// Each target's status where the plan is judged, in the plan's order.
    statuses: Vec<Status>,
    summary: Summary,
}

impl CorePlan {
    /// Target id → status key.
    fn statuses(&self) -> BTreeMap<String, String> {
        self.plan
            .targets
            .iter()
            .zip(&self.statuses)
            .map(|(t, s)| (t.id.clone(), s.key().to_string()))
            .collect()
    }

    /// The counts a summary must show: every status with at least one target, and `all`.
    fn counts(&self) -> BTreeMap<String, u64> {
        let c = &self.summary.counts;
        let mut counts: BTreeMap<String, u64> = Status::ALL
            .into_iter()
            .filter(|s| c.get(*s) > 0)
            .map(|s| (s.key().to_string(), c.get(s) as u64))
            .collect();
        counts.insert("all".into(), c.total() as u64);
        counts
    }
}

/// What `[data-plan-summary]` (inside `scope`) shows: its sentence and its count per status.
async fn shown_summary(s: &Session, scope: &str) -> (String, BTreeMap<String, u64>) {
    let v = s
        .wait_until_with(
            "the plan summary",
            "const box = document.querySelector(arguments[0] + ' [data-plan-summary]');
             if (!box) return null;
             const counts = {};
             for (const a of box.querySelectorAll('[data-status]')) counts[a.dataset.status] = Number(a.dataset.count);
             return { text: box.querySelector('.plan-summary-text').innerText.trim(), counts };",
            vec![json!(scope)],
        )
        .await;
    let counts = v["counts"]
        .as_object()
        .map(|o| o.iter().map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(u64::MAX))).collect())
        .unwrap_or_default();
    (v["text"].as_str().unwrap_or_default().to_string(), counts)
}

/// Target id → status key of every target the list shows.
async fn shown_targets(s: &Session) -> BTreeMap<String, String> {
    let v = s
        .js(
            "return [...document.querySelectorAll('[data-plan-list] [data-target]')]
               .map(li => [li.dataset.target, li.dataset.status]);",
            vec![],
        )
        .await;
    v.as_array()
        .expect("a list of targets")
        .iter()
        .map(|p| {
            (p[0].as_str().unwrap_or_default().to_string(), p[1].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

/// Open `path` and wait until the plan page shows its list (or says that nothing matches).
async fn open_plan(s: &Session, path: &str) {
    s.goto(path).await;
    s.wait_until(&format!("{path} to load"), PAGE_SETTLED).await;
    s.wait_until(
        "the plan's targets",
        "return document.querySelector('[data-plan-list] [data-target], [data-plan-empty]') !== null",
    )
    .await;
}

/// Tap (phone) or click (desktop) the element `selector` in the middle of the screen.
async fn tap(s: &Session, selector: &str) {
    let at = s
        .js(
            "const el = document.querySelector(arguments[0]);
             if (!el) return null;
             el.scrollIntoView({ block: 'center' });
             const r = el.getBoundingClientRect();
             return [r.left + r.width / 2, r.top + r.height / 2];",
            vec![json!(selector)],
        )
        .await;
    let Some([x, y]) = at.as_array().map(|a| [a[0].as_f64().unwrap_or(-1.0), a[1].as_f64().unwrap_or(-1.0)])
    else {
        s.fail(&format!("nothing to tap: no {selector}")).await;
    };
    s.tap_at(x, y).await;
}

fn assert_same<V: PartialEq + std::fmt::Debug>(
    viewport: Viewport,
    what: &str,
    shown: &BTreeMap<String, V>,
    core: &BTreeMap<String, V>,
) {
    if shown != core {
        let differ: Vec<String> = core
            .keys()
            .chain(shown.keys())
            .filter(|k| shown.get(*k) != core.get(*k))
            .map(|k| format!("{k}: page {:?}, core {:?}", shown.get(k), core.get(k)))
            .collect();
        panic!("[{viewport}] {what} differ from the core:\n  {}", differ.join("\n  "));
    }
}

#[tokio::test]
async fn the_plan_page_shows_the_cores_summary_and_statuses_for_every_county() {
    let h = Harness::sample();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for (county, name) in [
            (EMSHAN, "plan-emshan"),
            (PINGYANG, "plan-pingyang"),
            (XIFENG, "plan-xifeng"),
            (SHIQUAN, "plan-shiquan"),
        ] {
            let core = h.core_plan(county);
            let path = format!("/plan?county={county}");
            open_plan(&s, &path).await;
            let (text, counts) = shown_summary(&s, "main").await;
            assert_eq!(text, core.summary.text_zh(), "[{viewport}] {path}: the summary sentence");
            assert_same(viewport, &format!("{path}: the summary counts"), &counts, &core.counts());
            assert_same(
                viewport,
                &format!("{path}: the targets' statuses"),
                &shown_targets(&s).await,
                &core.statuses(),
            );
            s.screenshot(name).await;
            s.assert_healthy(&path).await;
        }
        // 平阳 publishes no snapshot: every measurable target says so, none is judged.
        let pingyang = h.core_plan(PINGYANG);
        assert!(pingyang.tracking.snapshots.is_empty(), "平阳 has no snapshot in the sample data");
        assert!(pingyang.summary.counts.not_yet_measurable > 0);
        let latest = s
            .js(
                "const li = document.querySelector('[data-target][data-status=not_yet_measurable]');
                 return li ? li.querySelector('[data-fact=latest] dd').textContent.trim() : null;",
                vec![],
            )
            .await;
        assert_eq!(latest, json!("暂无公开数据"), "[{viewport}] a 平阳 target without data must say so");
        s.finish("plan").await;
    }
}

#[tokio::test]
async fn filtering_by_status_and_area_changes_the_list_and_lives_in_the_url() {
    let h = Harness::sample();
    let core = h.core_plan(EMSHAN);
    let all = core.statuses();
    let missed: BTreeMap<String, String> =
        all.iter().filter(|(_, s)| *s == "missed").map(|(k, v)| (k.clone(), v.clone())).collect();
    assert!(
        !missed.is_empty() && missed.len() < all.len(),
        "the 峨山 sample must have some, not all, targets missed"
    );
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let path = format!("/plan?county={EMSHAN}");
        open_plan(&s, &path).await;
        assert_same(viewport, "the unfiltered list", &shown_targets(&s).await, &all);

        // A person taps the 未达成 count: only the missed targets remain, and the URL says so.
        tap(&s, "[data-plan-summary] [data-status=missed]").await;
        s.wait_until("the URL to carry status=missed", "return location.search.includes('status=missed')")
            .await;
        s.poll_until(
            "the list to show only missed targets",
            "return [...document.querySelectorAll('[data-plan-list] [data-target]')].map(li => li.dataset.status);",
            vec![],
            |v| v.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|s| s == "missed")),
        )
        .await;
        assert_same(viewport, "the list filtered to missed", &shown_targets(&s).await, &missed);
        let current = s
            .js(
                "return document.querySelector('[data-plan-summary] [aria-current=true]').dataset.status",
                vec![],
            )
            .await;
        assert_eq!(current, json!("missed"), "[{viewport}] the tapped filter is marked current");
        s.screenshot("plan-filtered").await;

        // Reloading the filtered link shows the same list.
        s.reload().await;
        s.wait_until("the page after reload", PAGE_SETTLED).await;
        s.wait_until(
            "the list after reload",
            "return document.querySelector('[data-plan-list] [data-target]') !== null",
        )
        .await;
        assert_same(viewport, "the filtered list after reload", &shown_targets(&s).await, &missed);

        // Adding the area 设施与信息化 through the area picker narrows the list to both filters.
        let (area_key, area_zh) = ("facilities_ict", "设施与信息化");
        let area_ids: Vec<&str> = core
            .plan
            .targets
            .iter()
            .filter(|t| t.area.label_zh() == area_zh)
            .map(|t| t.id.as_str())
            .collect();
        s.js(
            "const sel = document.querySelector('[data-area-filter]');
             sel.value = arguments[0];
             sel.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(area_key)],
        )
        .await;
        s.wait_until("the URL to carry the area", "return location.search.includes('area=facilities_ict')")
            .await;
        let both: BTreeMap<String, String> = missed
            .iter()
            .filter(|(id, _)| area_ids.contains(&id.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let shown = s
            .poll_until(
                "the list to show missed facilities targets only",
                "return [...document.querySelectorAll('[data-plan-list] [data-target]')]
                   .map(li => [li.dataset.target, li.dataset.status, li.dataset.area]);",
                vec![],
                |v| v.as_array().is_some_and(|a| a.iter().all(|t| t[2] == "facilities_ict")),
            )
            .await;
        let shown: BTreeMap<String, String> = shown
            .as_array()
            .expect("a list")
            .iter()
            .map(|t| {
                (t[0].as_str().unwrap_or_default().to_string(), t[1].as_str().unwrap_or_default().to_string())
            })
            .collect();
        assert_same(viewport, "the list filtered to missed + 设施与信息化", &shown, &both);
        if both.is_empty() {
            s.wait_until(
                "the no-match notice",
                "return document.querySelector('[data-plan-empty]') !== null",
            )
            .await;
        }

        // Values that name no status or area show everything, not an error.
        open_plan(&s, &format!("/plan?county={EMSHAN}&status=finished&area=space")).await;
        assert_same(viewport, "the list for unknown filter values", &shown_targets(&s).await, &all);
        s.finish("plan filters").await;
    }
}

#[tokio::test]
async fn an_opened_target_draws_its_values_against_the_target_path() {
    let h = Harness::sample();
    let core = h.core_plan(EMSHAN);
    // 学前三年毛入园率 ≥95% by 2024: computed from school records in every sample year.
    let id = "preschool_gross_95";
    let index =
        core.plan.targets.iter().position(|t| t.id == id).expect("the 峨山 plan has preschool_gross_95");
    let observed = core.tracking.targets[index].values.iter().filter(|v| v.is_some()).count();
    assert!(observed >= 2, "{id} needs several observations in the sample data");
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        open_plan(&s, &format!("/plan?county={EMSHAN}")).await;
        let selector = format!("[data-target={id}] summary");
        let charts_before =
            s.js("return document.querySelectorAll('[data-figure=plan-target]').length", vec![]).await;
        assert_eq!(charts_before, json!(0), "[{viewport}] no chart is drawn before a target is opened");
        tap(&s, &selector).await;
        let state = s
            .wait_until_with(
                "the target's chart to draw",
                "const c = document.querySelector(`[data-target=${arguments[0]}] [data-figure=plan-target] .chart`);
                 if (!c) return null;
                 if (c.dataset.chartState === 'waiting') { c.scrollIntoView({ block: 'center' }); return null; }
                 return { state: c.dataset.chartState, items: Number(c.dataset.items) };",
                vec![json!(id)],
            )
            .await;
        assert_eq!(state["state"], "drawn", "[{viewport}] the chart of {id} did not draw");
        assert_eq!(
            state["items"],
            json!(observed),
            "[{viewport}] the chart plots one point per published value"
        );
        s.screenshot("plan-target-open").await;
        // The table behind it: one row per snapshot, plus the path's start and end.
        tap(&s, &format!("[data-target={id}] [data-figure=plan-target] .figure-switch button:nth-child(2)"))
            .await;
        let rows = s
            .wait_until_with(
                "the target's table",
                "const t = document.querySelector(`[data-target=${arguments[0]}] [data-figure=plan-target] table`);
                 return t ? t.tBodies[0].rows.length : null;",
                vec![json!(id)],
            )
            .await;
        assert_eq!(rows, json!(core.tracking.snapshots.len() + 2), "[{viewport}] the table rows");
        s.finish("plan target").await;
    }
}

#[tokio::test]
async fn the_overview_shows_the_plan_summary_also_for_a_county_without_snapshots() {
    let h = Harness::sample();
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        for county in [PINGYANG, EMSHAN] {
            let core = h.core_plan(county);
            let path = format!("/?county={county}");
            s.goto(&path).await;
            s.wait_until(&format!("{path} to load"), PAGE_SETTLED).await;
            // The box loads its data once it comes near the screen (the end of a long overview):
            // the first screen of 峨山 downloads neither the plan nor the earlier school years.
            if county == EMSHAN {
                s.wait_until(
                    "the plan box placeholder",
                    "return document.querySelector('[data-plan-box], [data-lazy=plan-box]') !== null",
                )
                .await;
                s.wait_until(
                    "the network to go quiet",
                    "const n = performance.getEntriesByType('resource').length;
                     const now = performance.now();
                     const q = window.__planQuiet;
                     if (q === undefined || q.n !== n) { window.__planQuiet = { n, since: now }; return false; }
                     return now - q.since > 1000;",
                )
                .await;
                let early: Vec<String> =
                    s.requested_paths().await.into_iter().filter(|p| p.starts_with("/data/plans/")).collect();
                assert!(
                    early.is_empty(),
                    "[{viewport}] the overview's first screen fetched the plan: {early:?}"
                );
            }
            s.wait_until(
                "the plan box",
                "const box = document.querySelector('[data-plan-box]') || document.querySelector('[data-lazy=plan-box]');
                 if (!box) return null;
                 box.scrollIntoView({ block: 'center' });
                 const loaded = document.querySelector('[data-plan-box]');
                 return !!loaded && loaded.querySelector('[data-plan-summary]') !== null;",
            )
            .await;
            let (text, counts) = shown_summary(&s, "[data-plan-box]").await;
            assert_eq!(text, core.summary.text_zh(), "[{viewport}] {path}: the summary sentence");
            assert_same(viewport, &format!("{path}: the overview's plan counts"), &counts, &core.counts());
            let link: Value = s
                .js("return document.querySelector('[data-plan-box] a.button').getAttribute('href')", vec![])
                .await;
            assert_eq!(
                link,
                json!(format!("/plan?county={county}")),
                "[{viewport}] the link to the plan page"
            );
            if county == PINGYANG {
                s.screenshot("overview-pingyang").await;
            }
            s.assert_healthy(&path).await;
        }
        s.finish("overview plan box").await;
    }
}

#[tokio::test]
async fn an_earlier_school_year_is_judged_on_the_snapshots_up_to_it_and_the_template_on_none() {
    let h = Harness::sample();
    let year = "2022-2023";
    let then = h.core_plan_at(EMSHAN, None, Some(year));
    let now = h.core_plan(EMSHAN);
    assert_ne!(
        then.statuses(),
        now.statuses(),
        "the sample must show progress between {year} and the latest year"
    );
    let template = h.core_plan_at(EMSHAN, Some(TEMPLATE), None);
    for viewport in Viewport::BOTH {
        let s = h.open(viewport).await;
        let path = format!("/plan?county={EMSHAN}&year={year}");
        open_plan(&s, &path).await;
        let (text, counts) = shown_summary(&s, "main").await;
        assert_eq!(text, then.summary.text_zh(), "[{viewport}] {path}: the summary sentence");
        assert_same(viewport, &format!("{path}: the summary counts"), &counts, &then.counts());
        assert_same(
            viewport,
            &format!("{path}: the targets' statuses"),
            &shown_targets(&s).await,
            &then.statuses(),
        );

        // A target's "原文位置" link leads to where the document is, on the same view.
        tap(&s, "[data-target=preschool_gross_95] summary").await;
        tap(&s, "[data-target=preschool_gross_95] a[href='#plan-source']").await;
        let at = s
            .wait_until(
                "the document's source section",
                "if (location.hash !== '#plan-source') return null;
                 const r = document.getElementById('plan-source').getBoundingClientRect();
                 return { search: location.search, onScreen: r.top < window.innerHeight && r.bottom > 0 };",
            )
            .await;
        assert_eq!(
            at["search"],
            json!(format!("?county={EMSHAN}&year={year}")),
            "[{viewport}] the link kept the view"
        );
        assert_eq!(at["onScreen"], json!(true), "[{viewport}] the source section is on screen");

        // The template is reachable from the plan picker, says what it is, and is judged on no data.
        s.js(
            "const sel = document.querySelector('[data-plan-picker]');
             sel.value = arguments[0];
             sel.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(TEMPLATE)],
        )
        .await;
        s.wait_until_with(
            "the template",
            "return document.querySelector('[data-reference-plan]') !== null
                && document.querySelector('[data-plan-summary]').dataset.plan === arguments[0]",
            vec![json!(TEMPLATE)],
        )
        .await;
        let (text, counts) = shown_summary(&s, "main").await;
        assert_eq!(text, template.summary.text_zh(), "[{viewport}] the template's summary sentence");
        assert_same(viewport, "the template's counts", &counts, &template.counts());
        assert!(template.summary.counts.not_quantifiable > 0, "the template has unfilled values");
        s.screenshot("plan-template").await;
        s.finish("plan year and template").await;
    }
}
