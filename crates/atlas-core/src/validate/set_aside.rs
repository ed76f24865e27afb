//! When a file has structural errors the typed reader cannot build it, and the meaning rules
//! (parts larger than wholes, duplicate ids, unknown townships …) would not run at all: a
//! statistician would fix the structural errors only to meet a second round of problems.
//! Instead, the records that do not fit (a school, a township, a survey row) are set aside one
//! at a time until the rest reads, the rules run on the rest, and the paths of their issues are
//! mapped back to the records' places in the original file.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// A reading of the file without the records that broke it.
pub(crate) struct SetAside<T> {
    pub parsed: T,
    /// Why each record was set aside: the read error's field path (in the original file) and
    /// serde's message, in the order met.
    pub errors: Vec<(String, String)>,
    /// For each array (by its path, e.g. `schools`), the original index of each element kept.
    kept: BTreeMap<String, Vec<usize>>,
}

/// How many records may be set aside before giving up: a file that broken is better fixed from
/// the structural report first.
const MAX_SET_ASIDE: usize = 200;

/// Drop the innermost array element containing each read error until `value` reads as `T`.
/// `None` when an error is outside any array (e.g. in `meta`) or too many records break.
pub(crate) fn read_without_broken_records<T: DeserializeOwned>(mut value: Value) -> Option<SetAside<T>> {
    let mut reading = SetAside { parsed: (), errors: Vec::new(), kept: BTreeMap::new() };
    for _ in 0..=MAX_SET_ASIDE {
        let error = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(parsed) => return Some(SetAside { parsed, errors: reading.errors, kept: reading.kept }),
            Err(e) => e,
        };
        let segments: Vec<Segment> = error.path().iter().filter_map(Segment::of).collect();
        let path = reading.original_path(&display(&segments));
        reading.errors.push((path, error.into_inner().to_string()));
        // The innermost array index on the path is the record to set aside.
        let at = segments.iter().rposition(|s| matches!(s, Segment::Index(_)))?;
        let (array_path, index) = match &segments[at] {
            Segment::Index(i) => (display(&segments[..at]), *i),
            Segment::Key(_) => return None,
        };
        let array = pointer_mut(&mut value, &segments[..at])?.as_array_mut()?;
        if index >= array.len() {
            return None;
        }
        array.remove(index);
        let original = reading.kept.entry(array_path).or_insert_with(|| (0..array.len() + 1).collect());
        if index < original.len() {
            original.remove(index);
        }
    }
    None
}

impl<T> SetAside<T> {
    /// `schools[3].id` in the reduced file → the same record's path in the original file. Every
    /// `array[index]` naming a reduced array is mapped, wherever it stands in `text`, so a message
    /// that names another record ("already used by schools[29]") is mapped too.
    pub(crate) fn original_path(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (array, kept) in &self.kept {
            let prefix = format!("{array}[");
            let mut mapped = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(at) = rest.find(&prefix) {
                // Only a whole name: `schools[` but not `preschools[`.
                let whole = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                let after = &rest[at + prefix.len()..];
                let (digits, tail) =
                    after.split_at(after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len()));
                let original = digits.parse::<usize>().ok().and_then(|i| kept.get(i));
                mapped.push_str(&rest[..at]);
                match (whole, original, tail.starts_with(']')) {
                    (true, Some(original), true) => mapped.push_str(&format!("{prefix}{original}")),
                    _ => mapped.push_str(&format!("{prefix}{digits}")),
                }
                rest = tail;
            }
            mapped.push_str(rest);
            out = mapped;
        }
        out
    }

    /// How many records were set aside: the gaps in each array's kept indices.
    pub(crate) fn count(&self) -> usize {
        self.kept
            .values()
            .map(|kept| {
                let mut gaps = 0;
                let mut next = 0;
                for &index in kept {
                    gaps += index - next;
                    next = index + 1;
                }
                gaps
            })
            .sum()
    }
}

#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Segment {
    fn of(seg: &serde_path_to_error::Segment) -> Option<Segment> {
        use serde_path_to_error::Segment as S;
        match seg {
            S::Seq { index } => Some(Segment::Index(*index)),
            S::Map { key } => Some(Segment::Key(key.clone())),
            S::Enum { .. } | S::Unknown => None,
        }
    }
}

fn display(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn pointer_mut<'a>(value: &'a mut Value, segments: &[Segment]) -> Option<&'a mut Value> {
    let mut here = value;
    for s in segments {
        here = match s {
            Segment::Key(k) => here.get_mut(k.as_str())?,
            Segment::Index(i) => here.get_mut(*i)?,
        };
    }
    Some(here)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        schools: Vec<School>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct School {
        id: String,
        students: u32,
    }

    #[test]
    fn broken_records_are_set_aside_and_paths_map_back() {
        let value = serde_json::json!({ "schools": [
            { "id": "a", "students": 1 },
            { "id": "b", "students": -5 },
            { "id": "c", "students": 3 },
            { "id": 7, "students": 4 },
            { "id": "e", "students": 5 },
        ]});
        let rest = read_without_broken_records::<Doc>(value).expect("readable without two records");
        let ids: Vec<&str> = rest.parsed.schools.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "e"]);
        assert_eq!(rest.count(), 2);
        let paths: Vec<&str> = rest.errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["schools[1].students", "schools[3].id"]);
        // Reduced index 2 is the original schools[4]; index 1 the original schools[2].
        assert_eq!(rest.original_path("schools[2].id"), "schools[4].id");
        assert_eq!(
            rest.original_path("id of schools[2] equals schools[1]"),
            "id of schools[4] equals schools[2]"
        );
        assert_eq!(rest.original_path("preschools[1]"), "preschools[1]");
    }

    #[test]
    fn an_error_outside_any_record_gives_up() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Meta {
            year: u32,
        }
        let value = serde_json::json!({ "year": "x" });
        assert!(read_without_broken_records::<Meta>(value).is_none());
    }
}
