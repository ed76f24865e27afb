//! `atlas` on a data folder someone else prepared: symbolic links that would publish files the
//! folder does not hold, links planted where `publish` writes, and names and cells carrying
//! terminal escape sequences. Nothing is read or written outside the folder, and what is printed
//! cannot drive the terminal.

mod support;

use std::fs;
use std::os::unix::fs::symlink;
use support::{atlas, data_copy, fixture, s, scratch};

#[test]
fn a_file_link_leading_outside_the_folder_is_refused_naming_it() {
    let data = data_copy("link-outside");
    let outside = data.parent().unwrap().join("elsewhere.json");
    fs::copy(data.join("530426/2024-2025.json"), &outside).unwrap();
    let link = data.join("530426/2023-2024.json");
    symlink(&outside, &link).unwrap();

    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = format!("{}: error[symlink_outside_folder]", s(&link));
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(run.stderr.contains(s(&outside)), "the message names the target: {}", run.stderr);
    assert!(!data.join("manifest.json").exists(), "nothing published");

    let run = atlas(&["validate", s(&data)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains(&expected), "{}", run.stdout);
}

#[test]
fn a_symlinked_folder_is_refused_naming_it() {
    let data = data_copy("linked-folder");
    let elsewhere = data.parent().unwrap().join("530427");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::copy(data.join("530426/2024-2025.json"), elsewhere.join("2024-2025.json")).unwrap();
    symlink(&elsewhere, data.join("530427")).unwrap();
    // A link to a folder inside the data folder is refused too: the published layout is real folders.
    symlink(data.join("530426"), data.join("530428")).unwrap();

    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for name in ["530427", "530428"] {
        let expected = format!("{}: error[symlinked_folder]", s(&data.join(name)));
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    assert!(!data.join("manifest.json").exists());
}

#[test]
fn a_file_link_inside_the_folder_is_read_like_the_file() {
    let data = data_copy("link-inside");
    let kept = data.join("530426/kept");
    fs::create_dir_all(&kept).unwrap();
    fs::rename(data.join("530426/tiles.json"), kept.join("tiles.txt")).unwrap();
    symlink("kept/tiles.txt", data.join("530426/tiles.json")).unwrap();

    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = fs::read_to_string(data.join("manifest.json")).unwrap();
    assert!(manifest.contains("530426/tiles.json"), "{manifest}");
}

#[test]
fn publish_never_writes_through_a_planted_link() {
    let data = data_copy("planted-links");
    let victim = data.parent().unwrap().join("victim.txt");
    fs::write(&victim, "untouched").unwrap();
    // Where publish writes its manifest before renaming it into place.
    symlink(&victim, data.join(".manifest.json.atlas-tmp")).unwrap();

    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
    assert!(fs::symlink_metadata(data.join("manifest.json")).unwrap().is_file());

    // A manifest.json that is a link out of the folder is refused, not read or replaced.
    let manifest = data.join("manifest.json");
    fs::remove_file(&manifest).unwrap();
    symlink(&victim, &manifest).unwrap();
    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[symlink_outside_folder]"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
    assert!(fs::symlink_metadata(&manifest).unwrap().file_type().is_symlink());
}

/// ESC ] 0 ; … BEL sets the terminal's title, ESC [ 2 J clears the screen, U+009B is the
/// one-character CSI, U+202E reverses the text that follows.
const TERMINAL_ATTACK: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

fn assert_inert(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "raw U+{:04X} printed:\n{text}", bad as u32);
    }
}

#[test]
fn cell_text_is_printed_escaped() {
    let dir = scratch("escape-cells");
    let good = fs::read_to_string(fixture("import/schools.csv")).unwrap();
    // The ownership of the first school becomes an unknown value, which the report quotes.
    let bad = good.replacen(",公办,", &format!(",公办{TERMINAL_ATTACK},"), 1);
    assert_ne!(good, bad);
    let schools = dir.join("schools.csv");
    fs::write(&schools, bad).unwrap();
    let run = atlas(&[
        "import",
        "--meta",
        s(&fixture("import/meta.json")),
        "--schools",
        s(&schools),
        "--townships",
        s(&fixture("import/townships.csv")),
        "-o",
        s(&dir.join("out.json")),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[unknown_value]"), "{}", run.stderr);
    assert!(run.stderr.contains(r"公办\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}"), "{}", run.stderr);
    assert_inert(&run.stdout_bytes);
    assert_inert(&run.stderr_bytes);
}

#[test]
fn file_names_are_printed_escaped_also_in_json() {
    let dir = scratch("escape-names");
    let name = format!("x{TERMINAL_ATTACK}.json");
    fs::write(dir.join(&name), "{ not json").unwrap();

    let run = atlas(&["validate", s(&dir)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains(r"x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}.json"), "{}", run.stdout);
    assert_inert(&run.stdout_bytes);
    assert_inert(&run.stderr_bytes);

    let run = atlas(&["validate", "--json", s(&dir)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_inert(&run.stdout_bytes);
    let reports: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let file = reports[0]["file"].as_str().unwrap();
    assert!(file.ends_with(&name), "the JSON keeps the real name: {file:?}");
}
