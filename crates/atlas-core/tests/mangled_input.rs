//! No input makes the core panic. Real published files, damaged the ways files get damaged
//! (bytes flipped, cut off, pieces missing or repeated, numbers replaced by absurd ones, hostile
//! tokens inserted), go through what the CLI and the portal do with them: validation, and for a
//! snapshot that still reads, the indicators and the survey summary. Each must come back as a
//! value or as errors naming the file, never as a panic.
//!
//! The damage is pseudo-random from a fixed seed, so a failure reproduces: the message names the
//! case number and the kind of damage.

use atlas_core::report::FileReport;
use atlas_core::{indicators, survey, validate};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Cases per sample file.
const CASES: u64 = 300;

/// xorshift64*: small, deterministic, good enough to pick positions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HOSTILE: [&[u8]; 10] = [
    b"[[[[[[[[[[[[[[[[",
    b"{\"a\":",
    b"-1e999",
    b"1e309",
    b"\"\\ud800\"",
    b"NaN",
    b"\xff\xfe\x00",
    b"null,",
    b"99999999999999999999999",
    b"-0.0",
];

const NUMBERS: [&str; 7] = ["-1", "0", "1e309", "18446744073709551616", "-0.0", "3.5", "4294967296"];

fn damage(original: &[u8], rng: &mut Rng) -> (Vec<u8>, &'static str) {
    let mut b = original.to_vec();
    let len = b.len();
    match rng.below(6) {
        0 => {
            for _ in 0..1 + rng.below(20) {
                let i = rng.below(len);
                b[i] = rng.next() as u8;
            }
            (b, "bytes flipped")
        }
        1 => {
            b.truncate(rng.below(len));
            (b, "cut off")
        }
        2 => {
            let i = rng.below(len);
            let j = (i + 1 + rng.below(2000)).min(len);
            b.drain(i..j);
            (b, "a piece missing")
        }
        3 => {
            let i = rng.below(len);
            let token = HOSTILE[rng.below(HOSTILE.len())];
            let copies = 1 + rng.below(60);
            let insert: Vec<u8> = token.iter().copied().cycle().take(token.len() * copies).collect();
            b.splice(i..i, insert);
            (b, "hostile tokens inserted")
        }
        4 => {
            let i = rng.below(len);
            let j = (i + 1 + rng.below(5000)).min(len);
            let piece = b[i..j].to_vec();
            b.splice(j..j, piece);
            (b, "a piece repeated")
        }
        _ => {
            // Replace up to ten runs of digits by absurd numbers (the file stays JSON).
            let text = String::from_utf8_lossy(&b).into_owned();
            let runs: Vec<(usize, usize)> = digit_runs(&text);
            let mut chosen: Vec<(usize, usize)> =
                (0..10.min(runs.len())).map(|_| runs[rng.below(runs.len())]).collect();
            chosen.sort_unstable();
            chosen.dedup();
            let mut out = String::with_capacity(text.len());
            let mut at = 0;
            for (start, end) in chosen {
                if start < at {
                    continue;
                }
                out.push_str(&text[at..start]);
                out.push_str(NUMBERS[rng.below(NUMBERS.len())]);
                at = end;
            }
            out.push_str(&text[at..]);
            (out.into_bytes(), "numbers replaced")
        }
    }
}

fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

fn sample(path: &str) -> Vec<u8> {
    let file = format!("{}/../../public/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
}

/// A value with a clean report, or errors that name the file: never neither.
fn assert_consistent<T>(file: &str, case: &str, value: &Option<T>, report: &FileReport) {
    if value.is_none() {
        assert!(report.has_errors(), "{case}: nothing read and no error reported");
    }
    for issue in report.errors() {
        let text = issue.to_string();
        assert!(
            !issue.message_zh.is_empty() && !issue.message_en.is_empty(),
            "{case}: an error without a message: {text}"
        );
        assert!(report.file == file, "{case}: the report names {} instead of {file}", report.file);
    }
}

/// Runs the damaged copies of `path` through `check`, which says whether the copy still read.
/// Both outcomes must occur, or the damage is not exercising what it claims to.
fn run_cases(path: &str, seed: u64, check: impl Fn(&str, &[u8], &str) -> bool) {
    let original = sample(path);
    let mut rng = Rng(seed);
    let mut panics = Vec::new();
    let mut read = 0;
    for n in 0..CASES {
        let (bytes, how) = damage(&original, &mut rng);
        let case = format!("{path} case {n} ({how})");
        match catch_unwind(AssertUnwindSafe(|| check(path, &bytes, &case))) {
            Ok(true) => read += 1,
            Ok(false) => {}
            Err(_) => panics.push(case),
        }
    }
    assert!(panics.is_empty(), "{} of {CASES} damaged copies panicked: {panics:#?}", panics.len());
    assert!(
        read > 0 && read < CASES,
        "{path}: {read} of {CASES} damaged copies still read; expected some of each"
    );
}

#[test]
fn a_damaged_snapshot_gives_errors_or_figures_and_never_a_panic() {
    run_cases("530426/2024-2025.json", 0x5eed_0001, |file, bytes, case| {
        let (snapshot, report) = validate::validate_snapshot(file, bytes);
        assert_consistent(file, case, &snapshot, &report);
        // What the portal does with a snapshot that reads: compute and summarise it.
        let Some(snapshot) = snapshot else { return false };
        let values = indicators::compute(&snapshot);
        let _ = values.county("students_total");
        let _ = survey::summarise(&snapshot);
        true
    });
}

/// The check for a file kind with nothing to compute: `validate` must give a value or errors
/// naming the file; returns whether the copy still read.
fn validated<T>(validate: fn(&str, &[u8]) -> (Option<T>, FileReport)) -> impl Fn(&str, &[u8], &str) -> bool {
    move |file, bytes, case| {
        let (value, report) = validate(file, bytes);
        assert_consistent(file, case, &value, &report);
        value.is_some()
    }
}

#[test]
fn a_damaged_manifest_gives_errors_and_never_a_panic() {
    run_cases("manifest.json", 0x5eed_0002, validated(validate::validate_manifest));
}

#[test]
fn damaged_geometry_gives_errors_and_never_a_panic() {
    run_cases("530426/boundaries.geojson", 0x5eed_0003, validated(validate::validate_boundary_map));
    run_cases("530426/tiles.json", 0x5eed_0004, validated(validate::validate_tile_grid));
}

#[test]
fn a_damaged_plan_gives_errors_and_never_a_panic() {
    run_cases("plans/530426-2022-2024.json", 0x5eed_0005, validated(validate::validate_plan));
}
