//! Where a school stands among the county's schools on one indicator, said with its direction
//! ("从低到高第 3 / 12 名"): the schools compared are those with a value of the indicator (the
//! schools teaching its stage), so a kindergarten is never ranked on a primary-school measure.

use crate::classify::{rank, Order};
use crate::indicators::{Direction, IndicatorDef, IndicatorValues};
use crate::plain::{rank_text_en, rank_text_zh};
use crate::snapshot::Snapshot;
use crate::Lang;
use serde::Serialize;

/// One school's rank on one indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SchoolRank {
    /// 1-based; schools with equal values share a rank.
    pub rank: usize,
    /// Schools of the county with a value of the indicator.
    pub of: usize,
    /// Which way rank 1 is: the indicator's better end (largest first unless lower is better).
    #[serde(skip)]
    pub order: Order,
}

/// The rank order of an indicator: rank 1 is its better end; largest first when it has none.
pub fn rank_order(def: &IndicatorDef) -> Order {
    match def.direction {
        Direction::LowerIsBetter => Order::Ascending,
        _ => Order::Descending,
    }
}

/// `school_id`'s rank among the snapshot's schools with a value of `def`; `None` when the
/// school has no value of it.
pub fn school_rank(
    snapshot: &Snapshot,
    values: &IndicatorValues,
    def: &IndicatorDef,
    school_id: &str,
) -> Option<SchoolRank> {
    let entries: Vec<(&str, Option<f64>)> =
        snapshot.schools.iter().map(|s| (s.id.as_str(), values.school(def.id, &s.id))).collect();
    let order = rank_order(def);
    let ranked = rank(&entries, order);
    let of = ranked.iter().filter(|r| r.rank.is_some()).count();
    let rank = ranked.iter().find(|r| r.key == school_id)?.rank?;
    Some(SchoolRank { rank, of, order })
}

impl SchoolRank {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => rank_text_zh(self.rank, self.of, self.order),
            Lang::En => rank_text_en(self.rank, self.of, self.order),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{compute, find};
    use crate::snapshot::SchoolType;
    use crate::test_support::example_snapshot;

    /// Three primary schools with 40, 45 and 50 students per class, and the example's others.
    fn three_primaries() -> Snapshot {
        let mut snapshot = example_snapshot();
        let template =
            snapshot.schools.iter().find(|s| s.kind == SchoolType::Primary).cloned().expect("a primary");
        snapshot.schools.retain(|s| s.stages.primary.is_none());
        for (id, students) in [("p40", 400), ("p45", 450), ("p50", 500)] {
            let mut s = template.clone();
            s.id = id.into();
            s.stages.preschool = None;
            let p = s.stages.primary.as_mut().expect("the template teaches primary");
            p.students = students;
            p.classes = 10;
            snapshot.schools.push(s);
        }
        snapshot
    }

    #[test]
    fn a_school_is_ranked_among_the_schools_with_a_value_and_the_rank_says_its_direction() {
        let snapshot = three_primaries();
        let values = compute(&snapshot);
        let def = find("avg_class_size_primary").expect("the class-size indicator");
        let r = school_rank(&snapshot, &values, def, "p45").expect("p45 has a class size");
        // Class size has no better end: largest first.
        assert_eq!((r.rank, r.of, r.order), (2, 3, Order::Descending));
        assert_eq!(r.text(Lang::Zh), "从高到低第 2 / 3 名");
        assert_eq!(school_rank(&snapshot, &values, def, "p50").map(|r| r.rank), Some(1));
        assert_eq!(
            school_rank(&snapshot, &values, def, "p40").map(|r| r.text(Lang::En)).as_deref(),
            Some("3rd of 3, highest first")
        );
        // A share of large classes is better low: rank 1 is the smallest.
        assert_eq!(rank_order(find("large_class_share").expect("large-class share")), Order::Ascending);
        assert_eq!(
            rank_order(find("backbone_teachers_per100_primary").expect("backbone teachers")),
            Order::Descending
        );
    }

    #[test]
    fn a_school_without_the_stage_has_no_rank_on_it() {
        let snapshot = three_primaries();
        let values = compute(&snapshot);
        let def = find("avg_class_size_primary").expect("the class-size indicator");
        let kindergarten =
            snapshot.schools.iter().find(|s| s.kind == SchoolType::Kindergarten).expect("a kindergarten");
        assert_eq!(school_rank(&snapshot, &values, def, &kindergarten.id), None);
    }
}
