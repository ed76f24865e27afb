//! Every plan file in `public/data/plans/` parses with `load::parse_plan`, passes
//! `plan::check_plan` without errors or warnings, and is written in the published form
//! (`Plan::to_published_json`), so republishing it changes no byte.
//!
//! Regenerate the published form with `ATLAS_BLESS=1 cargo test -p atlas-core --test plan_files`.

use atlas_core::load::parse_plan;
use atlas_core::plan::{check_plan, progress, Goal, Plan, Status};
use std::path::{Path, PathBuf};

fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/plans")
}

fn load_all() -> Vec<(String, String, Plan)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(plans_dir())
        .expect("public/data/plans exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let plan = parse_plan(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            (name, text, plan)
        })
        .collect()
}

#[test]
fn the_five_plans_are_there() {
    let names: Vec<String> = load_all().into_iter().map(|(n, _, _)| n).collect();
    assert_eq!(
        names,
        [
            "330326-2021-2025.json",
            "520122-2021-2025.json",
            "530426-2022-2024.json",
            "610922-2024-2027.json",
            "template-2019-2025.json",
        ]
    );
}

#[test]
fn every_plan_file_is_clean() {
    for (name, _, plan) in load_all() {
        let report = check_plan(&name, &plan);
        let problems: Vec<String> = report.issues.iter().map(|i| format!("{name}: {i}")).collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn file_name_is_the_plan_id() {
    for (name, _, plan) in load_all() {
        assert_eq!(name, format!("{}.json", plan.meta.id));
    }
}

#[test]
fn real_plans_are_not_sample_data_and_say_how_they_are_worded() {
    for (name, _, plan) in load_all() {
        assert!(!plan.meta.sample, "{name}");
        assert!(plan.meta.wording_note.contains("自己的话"), "{name}");
    }
}

#[test]
fn only_the_template_has_placeholders_and_no_county() {
    for (name, _, plan) in load_all() {
        let placeholders = plan.targets.iter().filter(|t| matches!(t.goal, Goal::Placeholder { .. })).count();
        if name.starts_with("template") {
            assert_eq!(plan.meta.county_code, None);
            assert!(placeholders > 0);
        } else {
            assert!(plan.meta.county_code.is_some(), "{name}");
            assert_eq!(placeholders, 0, "{name}");
        }
    }
}

/// Counted from the files (`jq '.targets | length'`); a change here means targets were added or
/// dropped and the change should be deliberate.
#[test]
fn target_counts() {
    let counts: Vec<(String, usize)> = load_all().into_iter().map(|(n, _, p)| (n, p.targets.len())).collect();
    let expected = [
        ("330326-2021-2025.json", 113),
        ("520122-2021-2025.json", 58),
        ("530426-2022-2024.json", 63),
        ("610922-2024-2027.json", 79),
        ("template-2019-2025.json", 58),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|(n, c)| (n.to_string(), *c)).collect();
    assert_eq!(counts, expected);
}

/// With no data at all, a target is not yet measurable, not checkable (nothing measures it, or a
/// rank) or not quantifiable (a placeholder), never anything else.
#[test]
fn without_data_no_target_claims_progress() {
    for (name, _, plan) in load_all() {
        for target in &plan.targets {
            let status = progress(target, &[]).status;
            let measured = target.indicator.is_some() || target.new_school;
            let expected = match (&target.goal, measured) {
                (Goal::Placeholder { .. }, _) => Status::NotQuantifiable,
                (Goal::Rank { .. }, _) | (_, false) => Status::NotCheckable,
                _ => Status::NotYetMeasurable,
            };
            assert_eq!(status, expected, "{name} {}", target.id);
        }
    }
}

#[test]
fn files_are_in_published_form() {
    let bless = std::env::var("ATLAS_BLESS").as_deref() == Ok("1");
    let mut stale = Vec::new();
    for (name, text, plan) in load_all() {
        let published = plan.to_published_json().unwrap();
        if published != text {
            if bless {
                std::fs::write(plans_dir().join(&name), &published).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not in published form: {stale:?}; run `ATLAS_BLESS=1 cargo test -p atlas-core --test plan_files` to rewrite them"
    );
}
