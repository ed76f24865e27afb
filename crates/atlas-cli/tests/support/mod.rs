//! Running the `atlas` binary from the test files that are not `cli.rs`: its output, exit code
//! and a check that it did not panic; scratch folders and fixture copies.
#![allow(dead_code)] // each test file uses a part

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr_bytes: Vec<u8>,
}

pub fn atlas(args: &[&str]) -> Run {
    atlas_with(args, &[])
}

/// `atlas` with extra environment variables.
pub fn atlas_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_atlas"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run atlas");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "atlas {args:?} panicked:\n{stderr}");
    Run {
        // No code means killed by a signal; -1 fails every assertion.
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        stdout_bytes: output.stdout,
        stderr_bytes: output.stderr,
    }
}

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

/// An empty folder of its own for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("atlas-cli").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// A copy of the fixture data folder (not yet published) in `<scratch>/data`.
pub fn data_copy(name: &str) -> PathBuf {
    let dir = scratch(name).join("data");
    copy_dir(&fixture("data"), &dir);
    dir
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}
