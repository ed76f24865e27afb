//! The `atlas` binary run as the bureau's statistician runs it, on the fixtures in
//! `tests/fixtures/`: `import/` (the CSV files a bureau keeps), `data/` (a data folder with the
//! snapshot those CSV files give and a tile grid), `bad/` (corrupted copies of that snapshot)
//! and `import-bad/` (a schools CSV with bad cells).
//!
//! Every run checks that the program did not panic: any input gets a message and an exit code.

use atlas_core::validate::rules;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    stdout_bytes: Vec<u8>,
}

fn atlas(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_atlas")).args(args).output().expect("run atlas");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "atlas {args:?} panicked:\n{stderr}");
    Run {
        // No code means killed by a signal; -1 fails every assertion below.
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        stdout_bytes: output.stdout,
    }
}

fn fixture(relative: &str) -> String {
    format!("{}/tests/fixtures/{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// An empty folder of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("atlas-cli").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the fixture data folder, published on 2025-03-01.
fn published_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(Path::new(&fixture("data")), &dir);
    let run = atlas(&["publish", dir.to_str().unwrap(), "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_valid_snapshot_and_tile_grid_pass() {
    let run =
        atlas(&["validate", &fixture("data/530426/2024-2025.json"), &fixture("data/530426/tiles.json")]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("2 files, 0 with errors; 0 errors, 0 warnings"), "{}", run.stdout);
}

#[test]
fn corrupted_snapshots_are_refused_naming_the_field() {
    // (fixture, rule, field, where) — line:column point into the fixture as written.
    let cases = [
        ("bad/truncated.json", "malformed_json", "", ":63:18:"),
        ("bad/wrong-types.json", "wrong_type", "schools[0].stages.preschool.students", ":56:23:"),
        ("bad/negative-count.json", "negative_number", "schools[1].stages.preschool.classes", ":78:22:"),
        ("bad/duplicate-ids.json", "duplicate_school_id", "schools[1].id", ":70:13:"),
        ("bad/unknown-township.json", "unknown_township", "schools[4].township", ":179:19:"),
    ];
    for (file, rule, field, position) in cases {
        let path = fixture(file);
        let run = atlas(&["validate", &path]);
        assert_eq!(run.code, 1, "{file}: {}", run.stdout);
        let first = run.stdout.lines().next().unwrap_or("");
        let at = if field.is_empty() { String::new() } else { format!(" {field}") };
        assert!(first.starts_with(&format!("{path}{position} error[{rule}]{at}: ")), "{file}: {first}");
        // Both languages.
        assert!(first.contains(" / "), "{first}");
    }
}

#[test]
fn a_data_file_the_manifest_does_not_list_is_a_warning() {
    let dir = published_copy("not-in-manifest");
    fs::copy(dir.join("530426/2024-2025.json"), dir.join("530426/2025-2026.json")).unwrap();
    let run = atlas(&["validate", s(&dir)]);
    assert_eq!(run.code, 0, "a warning does not fail validation: {}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("2025-2026.json")
                && l.contains(&format!("warning[{}]", rules::NOT_IN_MANIFEST))),
        "{}",
        run.stdout
    );
}

#[test]
fn json_reports_are_for_machines() {
    let run = atlas(&["validate", "--json", &fixture("bad/negative-count.json")]);
    assert_eq!(run.code, 1);
    let reports: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let issue = &reports[0]["issues"][0];
    assert_eq!(issue["rule"], "negative_number");
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["path"], "schools[1].stages.preschool.classes");
    assert_eq!((issue["line"].as_u64(), issue["column"].as_u64()), (Some(78), Some(22)));
}

#[test]
fn a_one_gigabyte_file_is_refused_by_its_size_without_reading_it() {
    let dir = scratch("huge");
    let path = dir.join("2024-2025.json");
    // Sparse: the file claims 1 GiB but uses no disk.
    fs::File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let started = Instant::now();
    let run = atlas(&["validate", s(&path)]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("error[file_too_large]"), "{}", run.stdout);
    assert!(run.stdout.contains("1073741824"), "{}", run.stdout);
    // Reading 1 GiB and parsing it would take far longer than this.
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // Publishing a folder that holds it is refused the same way, and writes no manifest.
    let data = scratch("huge-data");
    fs::create_dir_all(data.join("530426")).unwrap();
    fs::File::create(data.join("530426/2024-2025.json")).unwrap().set_len(1 << 30).unwrap();
    let run = atlas(&["publish", s(&data)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[file_too_large]"), "{}", run.stderr);
    assert!(!data.join("manifest.json").exists());
}

#[test]
fn publishing_twice_changes_no_byte() {
    let dir = published_copy("publish-twice");
    let manifest_path = dir.join("manifest.json");
    let first = fs::read(&manifest_path).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let entry = &manifest["counties"][0]["snapshots"][0];
    assert_eq!(entry["id"], "530426-2024-2025");
    assert_eq!(entry["published"], "2025-03-01");
    let snapshot_bytes = fs::read(dir.join("530426/2024-2025.json")).unwrap();
    assert_eq!(entry["bytes"].as_u64(), Some(snapshot_bytes.len() as u64));

    // Run again on another day: the manifest keeps every byte.
    let run = atlas(&["publish", s(&dir), "--date", "2025-06-30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("unchanged"), "{}", run.stderr);
    assert_eq!(run.stdout, "", "publish writes files and reports on standard error");
    assert_eq!(fs::read(&manifest_path).unwrap(), first);

    // The published folder validates as a whole, with no progress bar on a non-terminal stderr.
    let run = atlas(&["validate", s(&dir)]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

#[test]
fn changed_bytes_under_a_published_id_are_refused_and_the_manifest_is_left_alone() {
    let dir = published_copy("changed-bytes");
    let manifest_before = fs::read(dir.join("manifest.json")).unwrap();
    let snapshot = dir.join("530426/2024-2025.json");
    let original = fs::read_to_string(&snapshot).unwrap();
    fs::write(&snapshot, original.replacen("\"students\": 240", "\"students\": 241", 1)).unwrap();

    let run = atlas(&["publish", s(&dir), "--date", "2025-04-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[published_file_changed]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("530426/2024-2025-r1.json"),
        "the message says how to correct: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(fs::read(dir.join("manifest.json")).unwrap(), manifest_before);

    // `validate` on the folder finds the same thing through the hash.
    let run = atlas(&["validate", s(&dir)]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("{}: error[hash_mismatch]", s(&snapshot))), "{}", run.stdout);

    // So does `export`, which will not label altered bytes with the published id.
    // The refusal goes to standard error: `atlas export x.json > out.csv` leaves no message in
    // the CSV.
    let run = atlas(&["export", s(&snapshot)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[hash_mismatch]"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn a_correction_is_published_as_a_new_id_with_a_note() {
    let dir = published_copy("correction");
    let original = fs::read_to_string(dir.join("530426/2024-2025.json")).unwrap();
    let corrected = original.replacen("\"students\": 240", "\"students\": 241", 1);
    fs::write(dir.join("530426/2024-2025-r1.json"), corrected).unwrap();

    let run = atlas(&["publish", s(&dir), "--date", "2025-04-01"]);
    assert_eq!(run.code, 1, "a correction needs a note: {}", run.stderr);
    assert!(run.stderr.contains("error[revision_note_missing]"), "{}", run.stderr);

    let note = "更正双江街道中心幼儿园在园幼儿数";
    let run = atlas(&["publish", s(&dir), "--date", "2025-04-01", "--note", note]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let correction = &manifest["counties"][0]["snapshots"][1];
    assert_eq!(correction["id"], "530426-2024-2025-r1");
    assert_eq!(correction["revises"], "530426-2024-2025");
    assert_eq!(correction["revision_note"], note);
    assert_eq!(correction["published"], "2025-04-01");
}

#[test]
fn csv_files_import_to_the_fixture_snapshot() {
    let out = scratch("import").join("2024-2025.json");
    let run = atlas(&[
        "import",
        "--meta",
        &fixture("import/meta.json"),
        "--schools",
        &fixture("import/schools.csv"),
        "--townships",
        &fixture("import/townships.csv"),
        "--population",
        &fixture("import/population.csv"),
        "--reported",
        &fixture("import/reported.csv"),
        "--survey",
        &fixture("import/survey.csv"),
        "-o",
        s(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote"), "{}", run.stderr);
    assert_eq!(run.stdout, "", "import writes a file and reports on standard error");
    assert_eq!(fs::read(&out).unwrap(), fs::read(fixture("data/530426/2024-2025.json")).unwrap());
}

#[test]
fn bad_csv_cells_are_reported_as_file_line_column_and_nothing_is_written() {
    let out = scratch("import-bad").join("out.json");
    let schools = fixture("import-bad/schools.csv");
    let run = atlas(&[
        "import",
        "--meta",
        &fixture("import/meta.json"),
        "--schools",
        &schools,
        "--townships",
        &fixture("import/townships.csv"),
        "-o",
        s(&out),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error[")).collect();
    let expected = [
        format!("{schools}:3:7: error[negative_number] {schools} row 3, column 学生数:"),
        format!("{schools}:4:7: error[non_finite_number] {schools} row 4, column 学生数:"),
        format!("{schools}:5:5: error[unknown_value] {schools} row 5, column 办学性质:"),
        format!("{schools}:5:8: error[non_finite_number] {schools} row 5, column 班数:"),
    ];
    assert_eq!(errors.len(), expected.len(), "{}", run.stderr);
    for (line, start) in errors.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "{line}\nexpected to start with {start}");
    }
    assert!(!out.exists());
}

#[test]
fn a_snapshot_exported_as_import_files_imports_back_byte_for_byte() {
    let dir = scratch("round-trip");
    let original = fixture("data/530426/2024-2025.json");
    let run = atlas(&["export", &original, "--import-files", s(&dir.join("csv"))]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let csv = |name: &str| s(&dir.join("csv").join(name)).to_string();
    let out = dir.join("again.json");
    let run = atlas(&[
        "import",
        "--meta",
        &csv("meta.json"),
        "--schools",
        &csv("schools.csv"),
        "--townships",
        &csv("townships.csv"),
        "--population",
        &csv("population.csv"),
        "--reported",
        &csv("reported.csv"),
        "--survey",
        &csv("survey.csv"),
        "-o",
        s(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(&out).unwrap(), fs::read(&original).unwrap());
}

#[test]
fn export_writes_indicators_with_the_published_id_and_hash() {
    let dir = published_copy("export");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let sha256 = manifest["counties"][0]["snapshots"][0]["sha256"].as_str().unwrap().to_string();
    let out = dir.join("indicators.csv");
    let run = atlas(&["export", s(&dir.join("530426/2024-2025.json")), "-o", s(&out)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let bytes = fs::read(&out).unwrap();
    assert_eq!(bytes[..3], [0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("数据版本 Snapshot id,530426-2024-2025\r\n"), "{text}");
    assert!(text.contains(&format!("SHA-256,{sha256}\r\n")));
    assert!(text.contains("示例数据 Sample data,"));
    // 化念镇: 24 of the nine-year school's 30 primary teachers are above the required degree,
    // for 520 pupils: 24 ÷ 520 × 100 = 4.62 per 100, over the 优质均衡 line of 4.2.
    assert!(
        text.lines().any(|l| l.starts_with("乡镇 township,530426100,化念镇,degree_teachers_per100_primary,")
            && l.contains(",4.62,")
            && l.ends_with(",≥4.2,达标 meets the standard")),
        "{text}"
    );
}

#[test]
fn export_of_a_loose_file_takes_the_id_from_its_name() {
    let run = atlas(&["export", &fixture("data/530426/2024-2025.json")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout_bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(run.stdout.contains("数据版本 Snapshot id,2024-2025\r\n"));
    assert!(run.stderr.contains("not listed in a manifest.json"), "{}", run.stderr);
}

#[test]
fn export_to_standard_output_writes_the_csv_and_nothing_else() {
    // A snapshot with a warning (its as_of date lies outside its school year): the warning and
    // the note about the missing manifest go to standard error, and standard output is byte for
    // byte the CSV that `-o` writes.
    let dir = scratch("export-stdout");
    let snapshot = dir.join("2024-2025.json");
    let original = fs::read_to_string(fixture("data/530426/2024-2025.json")).unwrap();
    fs::write(&snapshot, original.replacen("\"as_of\": \"2024-09-30\"", "\"as_of\": \"2023-09-30\"", 1))
        .unwrap();
    let to_file = dir.join("indicators.csv");
    let run = atlas(&["export", s(&snapshot), "-o", s(&to_file)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");

    let run = atlas(&["export", s(&snapshot)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[as_of_outside_school_year]"), "{}", run.stderr);
    assert!(run.stderr.contains("not listed in a manifest.json"), "{}", run.stderr);
    assert_eq!(run.stdout_bytes, fs::read(&to_file).unwrap());

    // A snapshot with errors: refused, the errors on standard error, nothing on standard output.
    let run = atlas(&["export", &fixture("bad/negative-count.json")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[negative_number]"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn an_io_error_names_its_path() {
    let missing = fixture("import/no-such-schools.csv");
    let run = atlas(&[
        "import",
        "--meta",
        &fixture("import/meta.json"),
        "--schools",
        &missing,
        "--townships",
        &fixture("import/townships.csv"),
        "-o",
        s(&scratch("io-import").join("out.json")),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(&missing), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    // Writing into a folder that does not exist.
    let out = scratch("io-export").join("no-such-folder").join("indicators.csv");
    let run = atlas(&["export", &fixture("data/530426/2024-2025.json"), "-o", s(&out)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(s(&out)), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    let run = atlas(&["publish", s(&scratch("io-publish").join("no-such-data")), "--date", "2025-03-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-data"), "{}", run.stderr);
}

#[test]
fn usage_and_io_problems_exit_with_2() {
    let run = atlas(&[]);
    assert_eq!(run.code, 2);
    let run = atlas(&["validate", &fixture("no-such-file.json")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-file.json"), "{}", run.stderr);
    let run = atlas(&["publish", &fixture("data"), "--date", "2025-02-30"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("2025-02-30"), "{}", run.stderr);
    // A folder is not a snapshot.
    let run = atlas(&["export", &fixture("data")]);
    assert_eq!(run.code, 2);
}
