//! Vocabularies: the closed lists of terms the formats and the portal use (school types, stages,
//! respondent groups, standings, plan statuses …).
//!
//! Each one is declared once with [`vocabulary!`], as a table of terms. From that one table come
//! the enum, the name serde reads and writes in files (so the JSON Schema too), the Chinese and
//! English labels, the other spellings an import accepts, `ALL` in table order, and the lookups.
//! The importer, the CSV writers and every page read the same table, so a label cannot say one
//! thing in a download and another on screen.

/// One term of a vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// How the value is written in files (serde).
    pub wire: &'static str,
    /// How the value is written in URLs and page attributes: ASCII, the wire name unless that is
    /// Chinese (`/plan?area=facilities_ict` for 设施与信息化).
    pub key: &'static str,
    /// The Chinese label.
    pub zh: &'static str,
    /// The English label.
    pub en: &'static str,
    /// Other spellings an office's spreadsheet may use; accepted on import, never written.
    pub also: &'static [&'static str],
}

/// What every vocabulary enum offers, for code that works on any of them (the importer's
/// "one of these terms" cells, documentation tables). The same functions exist as inherent
/// methods, so callers need not import this trait.
pub trait Vocabulary: Copy + Eq + Sized + 'static {
    /// Every value, in table order.
    fn all() -> &'static [Self];
    fn term(self) -> &'static Term;

    /// The value a spreadsheet cell names: its file name, Chinese or English label, or one of its
    /// other spellings. ASCII letters compare without case, so `Primary` and `primary` are alike.
    fn from_any_label(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::all().iter().copied().find(|v| {
            let t = v.term();
            [t.wire, t.key, t.zh, t.en].iter().chain(t.also).any(|s| s.eq_ignore_ascii_case(text))
        })
    }

    /// The Chinese labels of every value, for "use one of …" messages.
    fn labels_zh() -> Vec<&'static str> {
        Self::all().iter().map(|v| v.term().zh).collect()
    }
}

/// Declares a vocabulary enum from its table of terms:
///
/// ```ignore
/// vocabulary! {
///     /// doc
///     pub enum Ownership {
///         /// Publicly run.
///         Public => "公办", zh "公办", en "public";
///         PrivateInclusive => "民办普惠", key "inclusive", zh "民办普惠", en "private inclusive",
///             also ["普惠性民办"];
///     }
/// }
/// ```
///
/// The first string is the serde name; `key` is the ASCII name for URLs when the serde name is
/// not ASCII (it defaults to the serde name). The enum derives `Clone, Copy, Debug, PartialEq, Eq,
/// PartialOrd, Ord, Hash, Serialize, Deserialize` (and `JsonSchema` with the `schema` feature)
/// and gets `ALL`, `term`, `wire`, `key`, `label_zh`, `label_en`, `from_wire`, `from_key` and
/// `from_any_label`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $wire:literal $(, key $key:literal)?, zh $zh:literal, en $en:literal
                    $(, also [$($also:literal),+ $(,)?])? ;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant, )+
        }

        impl $name {
            /// Every value, in table order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The value's row of the table.
            pub const fn term(self) -> &'static $crate::vocabulary::Term {
                match self {
                    $(
                        $name::$variant => &$crate::vocabulary::Term {
                            wire: $wire,
                            key: $crate::vocabulary::first_of!($($key,)? $wire),
                            zh: $zh,
                            en: $en,
                            also: &[$($($also),+)?],
                        },
                    )+
                }
            }

            /// How the value is written in files and URLs (its serde name).
            pub const fn wire(self) -> &'static str {
                self.term().wire
            }

            /// How the value is written in URLs and page attributes (ASCII).
            pub const fn key(self) -> &'static str {
                self.term().key
            }

            /// The value written as `text` in a URL.
            pub fn from_key(text: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.key() == text)
            }

            pub const fn label_zh(self) -> &'static str {
                self.term().zh
            }

            pub const fn label_en(self) -> &'static str {
                self.term().en
            }

            /// The label in `lang`, as pages, charts and downloads write it.
            pub const fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match lang {
                    $crate::lang::Lang::Zh => self.term().zh,
                    $crate::lang::Lang::En => self.term().en,
                }
            }

            /// The value written as `text` in a file or URL.
            pub fn from_wire(text: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.wire() == text)
            }

            /// The value a person's spreadsheet names in any accepted spelling (file name,
            /// either label, another spelling; ASCII without case).
            pub fn from_any_label(text: &str) -> Option<Self> {
                <Self as $crate::vocabulary::Vocabulary>::from_any_label(text)
            }
        }

        impl $crate::vocabulary::Vocabulary for $name {
            fn all() -> &'static [Self] {
                &Self::ALL
            }

            fn term(self) -> &'static $crate::vocabulary::Term {
                $name::term(self)
            }
        }
    };
}

pub(crate) use vocabulary;

/// The first of its literals: an optional one, else the default after it.
macro_rules! first_of {
    ($first:literal $(, $rest:literal)*) => {
        $first
    };
}
pub(crate) use first_of;

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    vocabulary! {
        /// A test vocabulary.
        enum Fruit {
            Apple => "apple", zh "苹果", en "Apple";
            Pear => "梨子", key "pear", zh "梨", en "Pear", also ["雪梨", "pyrus"];
        }
    }

    #[test]
    fn one_table_gives_labels_wire_names_and_every_spelling() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Pear]);
        assert_eq!(Fruit::Pear.wire(), "梨子");
        assert_eq!((Fruit::Pear.key(), Fruit::Apple.key()), ("pear", "apple"));
        assert_eq!(Fruit::from_key("pear"), Some(Fruit::Pear));
        assert_eq!(Fruit::Pear.label_zh(), "梨");
        assert_eq!(Fruit::Pear.label_en(), "Pear");
        assert_eq!(Fruit::Pear.label(crate::Lang::En), "Pear");
        assert_eq!(Fruit::Pear.label(crate::Lang::Zh), "梨");
        assert_eq!(serde_json::to_string(&Fruit::Pear).ok().as_deref(), Some("\"梨子\""));
        assert_eq!(serde_json::from_str::<Fruit>("\"apple\"").ok(), Some(Fruit::Apple));
        assert_eq!(Fruit::from_wire("梨子"), Some(Fruit::Pear));
        assert_eq!(Fruit::from_wire("梨"), None);
        for text in ["梨子", "pear", "PEAR", "梨", "雪梨", " Pyrus "] {
            assert_eq!(Fruit::from_any_label(text), Some(Fruit::Pear), "{text}");
        }
        assert_eq!(Fruit::from_any_label("香蕉"), None);
        assert_eq!(Fruit::labels_zh(), ["苹果", "梨"]);
    }

    #[test]
    fn serde_refuses_a_label_that_is_not_the_file_name() {
        let err = serde_json::from_str::<Fruit>("\"苹果\"").map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("unknown variant `苹果`, expected `apple` or `梨子`"), "{err}");
    }

    /// Every spelling names one value only, the ASCII keys are ASCII, and each value has both
    /// labels: for every vocabulary of the crate.
    #[test]
    fn every_vocabulary_is_unambiguous_and_labelled_in_both_languages() {
        fn check<T: Vocabulary + std::fmt::Debug>() {
            let mut seen: Vec<(String, T)> = Vec::new();
            for &value in T::all() {
                let t = value.term();
                assert!(!t.zh.is_empty() && !t.en.is_empty(), "{value:?}");
                assert!(t.key.is_ascii() && !t.key.is_empty(), "{value:?} key {}", t.key);
                for spelling in [t.wire, t.key, t.zh, t.en].iter().chain(t.also) {
                    let folded = spelling.to_ascii_lowercase();
                    if let Some((_, other)) = seen.iter().find(|(s, v)| *s == folded && *v != value) {
                        panic!("{spelling} names both {value:?} and {other:?}");
                    }
                    seen.push((folded, value));
                }
                assert_eq!(T::from_any_label(t.zh), Some(value));
            }
        }
        use crate::indicators::{Basis, Category, Direction, Level, Standing};
        use crate::plan::{Area, Direction as PlanDirection, Status};
        use crate::snapshot::{
            Ownership, ReportLevel, RespondentGroup, SchoolType, Stage, SurveyArea, TownshipKind, UrbanRural,
        };
        use crate::survey::{LinePosition, RowProblem, WeightingSource};
        check::<TownshipKind>();
        check::<UrbanRural>();
        check::<SchoolType>();
        check::<Ownership>();
        check::<Stage>();
        check::<ReportLevel>();
        check::<RespondentGroup>();
        check::<SurveyArea>();
        check::<Category>();
        check::<Direction>();
        check::<Level>();
        check::<Basis>();
        check::<Standing>();
        check::<Area>();
        check::<PlanDirection>();
        check::<Status>();
        check::<LinePosition>();
        check::<RowProblem>();
        check::<WeightingSource>();
    }
}
