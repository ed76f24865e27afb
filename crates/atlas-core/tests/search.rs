//! Search as a parent types it: part of a name, several words in any order, and the usual
//! variants of school names. On `fixtures/schools_county.json` (峨山彝族自治县; townships 双江街道,
//! 化念镇, 塔甸镇; schools 化念镇中心小学, 化念小学, 化念镇小河小学, 化念镇石门教学点, 化念中学,
//! 塔甸中心校, 双江第二小学, 双江第三小学, 双江第四小学, 峨山县第一幼儿园, 峨山县第一中学).

use atlas_core::indicators::{compute, INDICATORS};
use atlas_core::search::{normalise, Results, SearchIndex};
use atlas_core::snapshot::Snapshot;

fn fixture() -> Snapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schools_county.json");
    let bytes = std::fs::read(path).unwrap();
    atlas_core::load::parse_snapshot("schools_county.json", &bytes).unwrap()
}

fn index() -> SearchIndex {
    let snapshot = fixture();
    SearchIndex::build(&snapshot, &compute(&snapshot), INDICATORS)
}

fn schools(results: &Results) -> Vec<&str> {
    results.schools.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn several_words_in_any_order() {
    let index = index();
    // Both words in the name, best first: the shortest name that starts with 化念 leads.
    let found = index.search("化念 小学", 10);
    assert_eq!(schools(&found), ["化念小学", "化念镇中心小学", "化念镇小河小学"]);
    // The teaching point and the junior school of 化念 are not 小学; no township or indicator is
    // named both.
    assert_eq!(found.totals, [3, 0, 0]);
    let reversed = index.search("小学 化念", 10);
    assert_eq!(schools(&reversed).len(), 3);
    // Full-width spaces and punctuation separate words too.
    assert_eq!(schools(&index.search("化念\u{3000}小学", 10)).len(), 3);
    assert_eq!(schools(&index.search("化念，小学", 10)).len(), 3);
}

#[test]
fn a_word_may_match_the_township_or_type_instead_of_the_name() {
    // 塔甸中心校's name has no 小学, but its type is 小学; 塔甸 is in its name.
    assert_eq!(schools(&index().search("塔甸 小学", 10)), ["塔甸中心校"]);
    // 双江第二小学 is in 双江街道: "街道" is only in its township's name.
    let found = index().search("街道 第二", 10);
    assert_eq!(schools(&found), ["双江第二小学"]);
}

#[test]
fn centre_school_variants() {
    let index = index();
    // 中心校 finds 化念镇中心小学; 中心小学 finds 塔甸中心校.
    assert_eq!(schools(&index.search("中心校", 10)), ["塔甸中心校", "化念镇中心小学"]);
    assert_eq!(schools(&index.search("中心小学", 10)), ["塔甸中心校", "化念镇中心小学"]);
}

#[test]
fn ordinal_and_short_form_variants() {
    let index = index();
    // 第一 / 一, and the short forms 一幼 (第一幼儿园), 一中 (第一中学), 二小 (第二小学).
    assert_eq!(schools(&index.search("一幼", 10)), ["峨山县第一幼儿园"]);
    assert_eq!(schools(&index.search("一中", 10)), ["峨山县第一中学"]);
    assert_eq!(schools(&index.search("二小", 10)), ["双江第二小学"]);
    assert_eq!(schools(&index.search("第二小学", 10)), ["双江第二小学"]);
    assert_eq!(schools(&index.search("二小学", 10)), ["双江第二小学"]);
    // "小学" itself is never shortened to 小 (which would find 小河, 小街…).
    assert!(!schools(&index.search("小学", 20)).contains(&"化念镇石门教学点"));
}

#[test]
fn with_or_without_the_county_name() {
    let index = index();
    // The county's full name, its 县 form and its short form in front of a school's name.
    for query in ["峨山县第一中学", "峨山一中", "峨山彝族自治县第一中学", "第一中学"]
    {
        assert_eq!(schools(&index.search(query, 10)), ["峨山县第一中学"], "{query}");
    }
    // A county prefix on a name that has none: 峨山县化念小学 → 化念小学.
    assert_eq!(schools(&index.search("峨山县化念小学", 10)), ["化念小学"]);
}

#[test]
fn townships_and_indicators_are_found_and_grouped() {
    let index = index();
    let found = index.search("化念", 3);
    // Every 化念 school, the township, no indicator; the school list is cut at the limit but
    // the total says how many there are.
    assert_eq!(found.totals, [5, 1, 0]);
    assert_eq!(found.schools.len(), 3);
    assert_eq!(found.townships[0].key, "530426104");
    // Indicators by part of the name; the English name works too.
    let class_size = index.search("班额", 20);
    let ids: Vec<&str> = class_size.indicators.iter().map(|h| h.key.as_str()).collect();
    assert!(ids.contains(&"avg_class_size_primary") && ids.contains(&"large_class_share"), "{ids:?}");
    assert!(index.search("class size", 20).indicators.iter().any(|h| h.key == "avg_class_size_junior"));
}

#[test]
fn indicators_without_data_this_year_are_marked() {
    // The fixture reports nothing and has no survey: 社会认可度 is not published; 在校生 is.
    let index = index();
    let recognition = index.search("社会认可度", 5);
    assert_eq!(recognition.indicators.len(), 1);
    assert!(!recognition.indicators[0].published);
    let students = index.search("在校生总数", 5);
    assert!(students.indicators[0].published);
}

#[test]
fn nothing_to_search_finds_nothing() {
    let index = index();
    assert!(index.search("", 10).is_empty());
    assert!(index.search("  ，、 ", 10).is_empty());
    assert!(index.search("不存在的学校", 10).is_empty());
    // Case and full-width letters do not matter.
    assert_eq!(normalise("ＡＢｃ １２"), "abc12");
}
