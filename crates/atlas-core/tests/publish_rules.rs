//! Publishing rules that need a manifest in an unusual state.

use atlas_core::publish::add_to_manifest;
use atlas_core::validate::rules;
use atlas_core::Date;

fn snapshot() -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/val_good_snapshot.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A school year already published under another file name (a folder renamed by hand) cannot be
/// published again as an original: a second version is a correction with a note.
#[test]
fn a_second_original_for_a_published_school_year_is_refused() {
    let mut manifest = atlas_core::publish::empty_manifest();
    let published = Date("2025-03-01".into());
    add_to_manifest(&mut manifest, "530426/2024-2025.json", &snapshot(), &published, None).unwrap();
    let entry = &mut manifest.counties[0].snapshots[0];
    entry.path = "530426/2024-2025-old.json".into();
    let before = manifest.clone();
    let issues =
        add_to_manifest(&mut manifest, "530426/2024-2025.json", &snapshot(), &published, None).unwrap_err();
    // (Its id is taken too, which is reported as well.)
    assert_eq!(issues[0].rule, rules::ALREADY_PUBLISHED, "{issues:#?}");
    assert!(issues[0].message_en.contains("530426/2024-2025-r1.json"), "{}", issues[0].message_en);
    assert_eq!(manifest, before);
}
