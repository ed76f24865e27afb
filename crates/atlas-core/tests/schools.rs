//! A school as a parent sees it: class size against the 优质均衡 line, the per-school verdict in
//! words, and similar schools. Hand-worked on `fixtures/schools_county.json`:
//!
//! 化念镇 530426104
//!   hn-p1 化念镇中心小学 小学 1250 students / 28 classes / 0 large; teachers 70 (degree 60,
//!         backbone 15, PE-art 9); floor 6250 m², ground 10,000 m², equipment 3,125,000 元,
//!         30 multimedia rooms
//!   hn-p2 化念小学       小学 1000 / 22 / 1; teachers 55 (50, 12, 10); 5000, 8000, 2,500,000, 25
//!   hn-p3 化念镇小河小学 小学 700 / 16 / 0; teachers 40 (30, 7, 7); no facilities reported
//!   hn-d1 化念镇石门教学点 教学点 30 / 3
//!   hn-j1 化念中学       初中 900 / 18 / 0; teachers 60 (50, 9, 9); 5400, 9450, 2,250,000, 22
//! 塔甸镇 530426105
//!   td-p1 塔甸中心校     小学 1300 / 29
//! 双江街道 530426001
//!   sj-p1 双江第二小学 2600 / 52 / 4; sj-p2 双江第三小学 625; sj-p3 双江第四小学 600;
//!   sj-k1 峨山县第一幼儿园 (幼儿园 300); sj-s1 峨山县第一中学 (普通高中 1800 / 36 / 3)
//!
//! Lines: 《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）. Resource lines for 小学 /
//! 初中: degree teachers 4.2 / 5.3 per 100, backbone 1.0, PE-art 0.9, floor 4.5 / 5.8 m², sports
//! 7.5 / 10.2 m², equipment 2000 / 2500 元, multimedia 2.3 / 2.4 per 100; class size 45 / 50.

use atlas_core::indicators::{compute, find, school_standard_checks, Standing, ThresholdOp};
use atlas_core::schools::{
    class_sizes, similar_schools, verdict, ClassSize, Outcome, OverallStanding, SchoolStandards,
    SchoolVerdict,
};
use atlas_core::snapshot::{School, Snapshot, Stage};

fn fixture() -> Snapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schools_county.json");
    let bytes = std::fs::read(path).unwrap();
    atlas_core::load::parse_snapshot("schools_county.json", &bytes).unwrap()
}

fn school<'a>(snapshot: &'a Snapshot, id: &str) -> &'a School {
    snapshot.schools.iter().find(|s| s.id == id).unwrap()
}

fn verdict_of(snapshot: &Snapshot, id: &str, stage: Stage) -> SchoolVerdict {
    let check = school_standard_checks(snapshot)
        .into_iter()
        .find(|c| c.school_id == id && c.stage == stage)
        .unwrap_or_else(|| panic!("no check for {id} {stage:?}"));
    verdict(&check)
}

fn class_size(snapshot: &Snapshot, id: &str, stage: Stage) -> ClassSize {
    let values = compute(snapshot);
    class_sizes(school(snapshot, id), &values).into_iter().find(|c| c.stage == stage).unwrap()
}

// ── Class size against 45 / 50 ──────────────────────────────────────────────────────────────

#[test]
fn the_table_holds_the_class_size_lines_with_their_source() {
    for (id, cap) in [("avg_class_size_primary", 45.0), ("avg_class_size_junior", 50.0)] {
        let line = find(id).and_then(|d| d.threshold).unwrap_or_else(|| panic!("{id} has no line"));
        assert_eq!((line.op, line.value), (ThresholdOp::AtMost, cap), "{id}");
        assert!(line.standard_zh.contains("教督〔2017〕6号"), "{id}: {}", line.standard_zh);
        assert!(line.standard_zh.contains("45人、50人"), "{id}: {}", line.standard_zh);
    }
    // Preschool and senior classes have no 优质均衡 line.
    assert_eq!(find("avg_class_size_preschool").and_then(|d| d.threshold), None);
    assert_eq!(find("avg_class_size_senior").and_then(|d| d.threshold), None);
}

#[test]
fn class_size_within_the_primary_line() {
    // 1250 ÷ 28 = 44.64… ≤ 45.
    let c = class_size(&fixture(), "hn-p1", Stage::Primary);
    assert!((c.average.unwrap() - 1250.0 / 28.0).abs() < 1e-9);
    assert_eq!(c.standing, Standing::Meets);
    assert_eq!(c.large_classes, Some(0));
    assert_eq!(c.text_zh(), "小学平均每班 44.6 人，不超过 45 人的标准线；没有 56 人及以上的大班额。");
    assert_eq!(
        c.text_en(),
        "Primary: 44.6 students per class on average, within the line of 45; no class of 56 or more."
    );
}

#[test]
fn class_size_above_the_primary_line() {
    // 1000 ÷ 22 = 45.45… > 45, one class of 56 or more.
    let c = class_size(&fixture(), "hn-p2", Stage::Primary);
    assert_eq!(c.standing, Standing::Below);
    assert!(c.above_line());
    assert_eq!(c.text_zh(), "小学平均每班 45.5 人，超过 45 人的标准线；有 1 个 56 人及以上的大班额。");
}

#[test]
fn junior_class_size_exactly_on_the_line_meets_it() {
    // 900 ÷ 18 = 50 exactly: the line is "不超过 50 人".
    let c = class_size(&fixture(), "hn-j1", Stage::Junior);
    assert_eq!(c.average, Some(50.0));
    assert_eq!(c.standing, Standing::Meets);
    assert_eq!(c.text_zh(), "初中平均每班 50.0 人，不超过 50 人的标准线；没有 56 人及以上的大班额。");
}

#[test]
fn stages_without_a_line_say_only_the_average() {
    let snapshot = fixture();
    // 300 ÷ 10 = 30; no 大班额 count for preschool.
    let k = class_size(&snapshot, "sj-k1", Stage::Preschool);
    assert_eq!((k.line, k.standing, k.large_classes), (None, Standing::NoThreshold, None));
    assert_eq!(k.text_zh(), "学前平均每班 30.0 人。");
    // 1800 ÷ 36 = 50; 3 large classes.
    let s = class_size(&snapshot, "sj-s1", Stage::Senior);
    assert_eq!(s.text_zh(), "普通高中平均每班 50.0 人；有 3 个 56 人及以上的大班额。");
}

// ── The per-school verdict ──────────────────────────────────────────────────────────────────

#[test]
fn six_of_seven_with_the_seventh_below_85_percent() {
    // 化念镇中心小学: PE-art 9 ÷ 1250 × 100 = 0.72 per 100 against 0.9: 0.72 ÷ 0.9 = 80%, below the
    // 85% the rule allows; the other six meet their lines (degree 4.8, backbone 1.2, floor 5.0,
    // sports 8.0, equipment 2500, multimedia 2.4).
    let v = verdict_of(&fixture(), "hn-p1", Stage::Primary);
    assert_eq!((v.indicators, v.met, v.outcome), (7, 6, Outcome::Misses));
    assert_eq!(v.shortfalls.len(), 1);
    assert_eq!(v.shortfalls[0].indicator, "pe_art_teachers_per100_primary");
    assert_eq!(v.shortfalls[0].percent_of_line, 80);
    assert!(!v.shortfalls[0].reaches_85);
    assert_eq!(
        v.text_zh(),
        "7 项中 6 项达标；每百名学生拥有体育、艺术（美术、音乐）专任教师数 0.72，达到标准线的 80%，未达到 85% 的最低要求。"
    );
    assert_eq!(
        v.text_en(),
        "6 of 7 met; PE and art (fine arts, music) teachers per 100 students is 0.72, 80% of the line, short of the 85% minimum."
    );
}

#[test]
fn all_seven_met() {
    // 化念中学 (junior, 900 students): degree 5.56, backbone 1.0, PE-art 1.0, floor 6.0, sports
    // 10.5, equipment 2500, multimedia 2.44, all at or above the junior lines.
    let v = verdict_of(&fixture(), "hn-j1", Stage::Junior);
    assert_eq!((v.met, v.outcome), (7, Outcome::Meets));
    assert_eq!(v.text_zh(), "7 项全部达标。");
    assert_eq!(v.text_en(), "All 7 met.");
}

#[test]
fn fewer_than_six_met_lists_every_shortfall() {
    // 化念镇石门教学点 (30 students, 2 degree teachers, no backbone or PE-art teacher): degree
    // 6.67, floor 200 ÷ 30 = 6.67, sports 10.0, equipment 2000, multimedia 3.33 meet; backbone
    // and PE-art are 0, 0% of their lines.
    let v = verdict_of(&fixture(), "hn-d1", Stage::Primary);
    assert_eq!((v.met, v.outcome), (5, Outcome::Misses));
    assert_eq!(
        v.text_zh(),
        "7 项中 5 项达标，未达到至少 6 项的要求；未达标的有：每百名学生拥有县级及以上骨干教师数 0.00（标准线的 0%）、每百名学生拥有体育、艺术（美术、音乐）专任教师数 0.00（标准线的 0%）。"
    );
}

#[test]
fn facilities_not_reported_cannot_be_judged() {
    // 化念镇小河小学 reported no facilities: the 4 facility indicators are 未报送; the 3 teacher
    // ones meet (degree 30 ÷ 700 × 100 = 4.29, backbone 1.0, PE-art 1.0), so the school could
    // still meet the rule.
    let v = verdict_of(&fixture(), "hn-p3", Stage::Primary);
    assert_eq!((v.met, v.not_reported.len(), v.outcome), (3, 4, Outcome::NotReported));
    assert_eq!(v.text_zh(), "7 项中 4 项未报送，无法判断是否达到校级要求；已报送的 3 项中 3 项达标。");
}

#[test]
fn the_rounded_share_of_the_line_never_claims_85_for_a_miss() {
    // 0.849 of a line must print 84 (not 85) beside "未达到 85%"; 0.85 exactly prints 85.
    use atlas_core::indicators::{ResourceCheck, SchoolStandardCheck};
    let check = |value: f64, reaches_85: bool| SchoolStandardCheck {
        school_id: "x".into(),
        township: "530426104".into(),
        stage: Stage::Primary,
        indicators: vec![ResourceCheck {
            indicator: "pe_art_teachers_per100_primary",
            value: Some(value),
            met: false,
            reaches_85,
        }],
        meets_standard: false,
    };
    assert_eq!(verdict(&check(0.9 * 0.849, false)).shortfalls[0].percent_of_line, 84);
    assert_eq!(verdict(&check(0.9 * 0.85, true)).shortfalls[0].percent_of_line, 85);
    assert_eq!(verdict(&check(0.9 * 0.999, true)).shortfalls[0].percent_of_line, 99);
}

// ── The standards a school misses, taken together ───────────────────────────────────────────

#[test]
fn standards_taken_together_name_what_is_missed() {
    let snapshot = fixture();
    let values = compute(&snapshot);
    let verdicts = atlas_core::schools::school_verdicts(&snapshot);
    let of = |id: &str| SchoolStandards::of(school(&snapshot, id), &values, &verdicts);
    // 化念小学 meets all seven resource lines but its average class is 45.5.
    assert_eq!(of("hn-p2").overall(), OverallStanding::Misses);
    assert_eq!(of("hn-p2").notes_zh(), ["小学平均班额超过 45 人"]);
    // 化念镇中心小学: class size fine, resources 6 of 7 with the seventh under 85%.
    assert_eq!(of("hn-p1").notes_zh(), ["小学资源配置 6/7 项达标，未达到校级要求"]);
    // 化念中学 meets everything; 小河小学 cannot be judged; a kindergarten has no such standard.
    assert_eq!(of("hn-j1").overall(), OverallStanding::Meets);
    assert!(of("hn-j1").notes_zh().is_empty());
    assert_eq!(of("hn-p3").overall(), OverallStanding::NotReported);
    assert_eq!(of("hn-p3").notes_zh(), ["小学资源配置部分未报送"]);
    assert_eq!(of("sj-k1").overall(), OverallStanding::NoStandard);
}

// ── Similar schools ─────────────────────────────────────────────────────────────────────────

#[test]
fn similar_schools_are_of_the_same_type_and_within_twice_the_enrolment() {
    // Primary schools against 化念镇中心小学's 1250 students, by |ln(theirs ÷ 1250)|:
    //   塔甸中心校 1300 → 0.039; 化念小学 1000 → 0.223; 小河小学 700 → 0.580;
    //   双江第三小学 625 → ln 2 = 0.693 (exactly twice: in);
    //   双江第四小学 600 → 0.734 and 双江第二小学 2600 → 0.731 (more than twice: out);
    //   the 教学点 (30) is another type.
    let snapshot = fixture();
    let ids = |limit| -> Vec<String> {
        similar_schools(&snapshot, "hn-p1", limit).iter().map(|s| s.id.clone()).collect()
    };
    assert_eq!(ids(10), ["td-p1", "hn-p2", "hn-p3", "sj-p2"]);
    assert_eq!(ids(3), ["td-p1", "hn-p2", "hn-p3"]);
    // A school alone of its type has none; an unknown id has none.
    assert!(similar_schools(&snapshot, "hn-j1", 3).is_empty());
    assert!(similar_schools(&snapshot, "nope", 3).is_empty());
}
