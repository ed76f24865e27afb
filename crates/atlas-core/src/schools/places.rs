//! Approved places (核定学位数) against the children a school has: "is my township short of
//! kindergarten places?". The bureau publishes places per school where it keeps them; where it
//! does not, the answer is "not reported" (未报送), never 0 places.

use crate::format::{format_number, Unit};
use crate::snapshot::{School, SchoolType, Snapshot};
use crate::TownshipCode;
use serde::Serialize;

/// Places against children, for one school or the kindergartens of a township.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Places {
    /// No places were published for it.
    NotReported,
    /// `places` approved for `children`: short by `children − places` when more children than
    /// places, room for `places − children` otherwise.
    Reported { places: u64, children: u64 },
}

impl Places {
    /// A school's places against its students (all stages: the approval is for the school).
    pub fn of_school(school: &School) -> Places {
        match school.places {
            None => Places::NotReported,
            Some(p) => Places::Reported { places: u64::from(p), children: school.stages.total_students() },
        }
    }

    /// Children beyond the approved places (0 when there is room).
    pub fn shortfall(&self) -> Option<u64> {
        match *self {
            Places::NotReported => None,
            Places::Reported { places, children } => Some(children.saturating_sub(places)),
        }
    }

    /// "核定学位 180 个，在园 195 人，缺 15 个学位。"
    pub fn text_zh(&self) -> String {
        let Places::Reported { places, children } = *self else {
            return "核定学位数未报送，无法判断学位是否够用。".to_string();
        };
        let n = |v: u64| format_number(Some(v as f64), Unit::Count);
        let head = format!("核定学位 {} 个，在园（校）{} 人", n(places), n(children));
        if children > places {
            format!("{head}，缺 {} 个学位。", n(children - places))
        } else if children == places {
            format!("{head}，学位正好用满。")
        } else {
            format!("{head}，还有 {} 个空余学位。", n(places - children))
        }
    }

    /// "180 approved places for 195 children: 15 places short."
    pub fn text_en(&self) -> String {
        let Places::Reported { places, children } = *self else {
            return "Approved places not reported, so whether there are enough cannot be told.".to_string();
        };
        let n = |v: u64| format_number(Some(v as f64), Unit::Count);
        let head = format!("{} approved places for {} children", n(places), n(children));
        if children > places {
            format!("{head}: {} places short.", n(children - places))
        } else if children == places {
            format!("{head}: every place taken.")
        } else {
            format!("{head}: {} places free.", n(places - children))
        }
    }
}

/// The kindergartens of one township and their places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TownshipPlaces {
    /// Kindergartens in the township.
    pub kindergartens: usize,
    /// Of them, those that published places.
    pub reporting: usize,
    /// Places and children summed over the reporting kindergartens only (a kindergarten without
    /// published places is left out of both sides, never counted as 0 places).
    pub places: Places,
    /// Kindergartens with more children than places, by name.
    pub short: Vec<String>,
}

/// Places against children over the kindergartens of `township`.
pub fn township_places(snapshot: &Snapshot, township: &TownshipCode) -> TownshipPlaces {
    let kindergartens: Vec<&School> =
        snapshot.schools_in(township).filter(|s| s.kind == SchoolType::Kindergarten).collect();
    let mut places = 0u64;
    let mut children = 0u64;
    let mut reporting = 0usize;
    let mut short = Vec::new();
    for school in &kindergartens {
        if let Places::Reported { places: p, children: c } = Places::of_school(school) {
            reporting += 1;
            places += p;
            children += c;
            if c > p {
                short.push(school.name.clone());
            }
        }
    }
    TownshipPlaces {
        kindergartens: kindergartens.len(),
        reporting,
        places: if reporting == 0 { Places::NotReported } else { Places::Reported { places, children } },
        short,
    }
}

impl TownshipPlaces {
    /// "3 所幼儿园中 3 所报送了核定学位：核定学位 420 个，在园（校）455 人，缺 35 个学位。其中学位不足的：…"
    pub fn text_zh(&self) -> Option<String> {
        if self.kindergartens == 0 {
            return None;
        }
        let mut text = format!("{} 所幼儿园中 {} 所报送了核定学位数", self.kindergartens, self.reporting);
        match self.places {
            Places::NotReported => text.push('。'),
            p => {
                text.push('：');
                text.push_str(&p.text_zh());
            }
        }
        if !self.short.is_empty() {
            text.push_str(&format!("学位不足的幼儿园：{}。", self.short.join("、")));
        }
        Some(text)
    }

    pub fn text_en(&self) -> Option<String> {
        if self.kindergartens == 0 {
            return None;
        }
        let mut text = format!(
            "{} of {} kindergarten{} published approved places",
            self.reporting,
            self.kindergartens,
            if self.kindergartens == 1 { "" } else { "s" }
        );
        match self.places {
            Places::NotReported => text.push('.'),
            p => {
                text.push_str(". ");
                text.push_str(&p.text_en());
            }
        }
        if !self.short.is_empty() {
            text.push_str(&format!(" Short of places: {}.", self.short.join(", ")));
        }
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Stage, StageRecord, Stages, Teachers};
    use crate::test_support::example_snapshot;

    fn kindergarten(snapshot: &Snapshot) -> School {
        snapshot
            .schools
            .iter()
            .find(|s| s.stages.get(Stage::Preschool).is_some())
            .cloned()
            .expect("the example has a school with a preschool stage")
    }

    fn with_children(mut school: School, children: u64, places: Option<u32>) -> School {
        school.kind = SchoolType::Kindergarten;
        school.stages = Stages::default();
        *school.stages.get_mut(Stage::Preschool) = Some(StageRecord {
            students: children as u32,
            classes: 6,
            large_classes: 0,
            teachers: Teachers { full_time: 12, ..Default::default() },
        });
        school.places = places;
        school
    }

    #[test]
    fn a_kindergarten_with_more_children_than_places_is_short_by_the_difference() {
        let s = with_children(kindergarten(&example_snapshot()), 195, Some(180));
        let p = Places::of_school(&s);
        assert_eq!(p, Places::Reported { places: 180, children: 195 });
        assert_eq!(p.shortfall(), Some(15));
        assert_eq!(p.text_zh(), "核定学位 180 个，在园（校）195 人，缺 15 个学位。");
        assert_eq!(p.text_en(), "180 approved places for 195 children: 15 places short.");
    }

    #[test]
    fn room_and_a_full_kindergarten_say_so() {
        let k = kindergarten(&example_snapshot());
        let room = Places::of_school(&with_children(k.clone(), 150, Some(180)));
        assert_eq!(room.shortfall(), Some(0));
        assert_eq!(room.text_zh(), "核定学位 180 个，在园（校）150 人，还有 30 个空余学位。");
        let full = Places::of_school(&with_children(k, 180, Some(180)));
        assert_eq!(full.text_en(), "180 approved places for 180 children: every place taken.");
    }

    #[test]
    fn places_not_published_are_not_reported_never_zero() {
        let s = with_children(kindergarten(&example_snapshot()), 195, None);
        let p = Places::of_school(&s);
        assert_eq!(p, Places::NotReported);
        assert_eq!(p.shortfall(), None);
        assert!(p.text_zh().contains("未报送"), "{}", p.text_zh());
    }

    #[test]
    fn a_township_sums_only_the_kindergartens_that_published_places() {
        let mut snapshot = example_snapshot();
        let township = snapshot.townships[0].code.clone();
        let template = kindergarten(&snapshot);
        snapshot.schools.retain(|s| s.township != township || s.kind != SchoolType::Kindergarten);
        let mut a = with_children(template.clone(), 120, Some(100));
        a.id = "k-a".into();
        a.name = "甲幼儿园".into();
        a.township = township.clone();
        let mut b = with_children(template.clone(), 90, Some(100));
        b.id = "k-b".into();
        b.name = "乙幼儿园".into();
        b.township = township.clone();
        let mut c = with_children(template, 500, None);
        c.id = "k-c".into();
        c.name = "丙幼儿园".into();
        c.township = township.clone();
        snapshot.schools.extend([a, b, c]);
        let t = township_places(&snapshot, &township);
        assert_eq!((t.kindergartens, t.reporting), (3, 2));
        // 100 + 100 places for 120 + 90 children; 丙 (no places) is on neither side.
        assert_eq!(t.places, Places::Reported { places: 200, children: 210 });
        assert_eq!(t.short, vec!["甲幼儿园".to_string()]);
        assert_eq!(
            t.text_zh().as_deref(),
            Some("3 所幼儿园中 2 所报送了核定学位数：核定学位 200 个，在园（校）210 人，缺 10 个学位。学位不足的幼儿园：甲幼儿园。")
        );
    }

    #[test]
    fn a_township_where_no_kindergarten_published_places_is_not_reported() {
        let mut snapshot = example_snapshot();
        for s in &mut snapshot.schools {
            s.places = None;
        }
        let township = snapshot
            .schools
            .iter()
            .find(|s| s.kind == SchoolType::Kindergarten)
            .map(|s| s.township.clone())
            .expect("the example has a kindergarten");
        let t = township_places(&snapshot, &township);
        assert_eq!(t.places, Places::NotReported);
        assert!(
            t.text_zh().is_some_and(|s| s.ends_with("报送了核定学位数。") && s.contains(" 0 所")),
            "{:?}",
            t.text_zh()
        );
    }
}
