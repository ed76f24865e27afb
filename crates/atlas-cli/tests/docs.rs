//! `docs/publishing.md` documents the import columns by hand, with their meaning; this test keeps
//! it honest: every column the importer knows is in the guide under its Chinese and English name.

use atlas_core::import::Column;
use atlas_core::import::{
    population_columns, reported_columns, school_columns, survey_columns, township_columns,
};

#[test]
fn the_publishing_guide_lists_every_import_column() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/publishing.md");
    let guide = std::fs::read_to_string(path).expect("docs/publishing.md");
    let tables: [(&str, &[&Column]); 5] = [
        ("schools.csv", &school_columns::ALL),
        ("townships.csv", &township_columns::ALL),
        ("population.csv", &population_columns::ALL),
        ("reported.csv", &reported_columns::ALL),
        ("survey.csv", &survey_columns::ALL),
    ];
    let mut missing = Vec::new();
    for (file, columns) in tables {
        for column in columns {
            // A table row of the guide: `| 学生数 | `students` | …`.
            let row = format!("| {} | `{}` |", column.zh, column.en);
            if !guide.contains(&row) {
                missing.push(format!("{file}: {row}"));
            }
        }
    }
    assert!(missing.is_empty(), "docs/publishing.md lacks these column rows:\n{}", missing.join("\n"));
}
