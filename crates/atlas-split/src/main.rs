//! `atlas-split`: Trunk's post-build step that cuts the portal's pages out of the main wasm
//! module, so the first screen downloads only the overview's code (src/pages.rs says which
//! functions are split points and why).
//!
//! Trunk has already built the app: the linker's wasm (with relocations, `.cargo/config.toml`)
//! in the target folder, and in its staging folder `edu-atlas-HASH.js`, `edu-atlas-HASH_bg.wasm`
//! and `index.html`. Trunk's own wasm-bindgen output cannot run as it is (its split points
//! import from a placeholder module), so this step redoes the end of the pipeline the way
//! cargo-leptos `--split` does:
//!
//! 1. split the linker's wasm (`wasm_split_cli_support`): a main module, one file per page and
//!    chunks shared by several pages, plus a small loader script;
//! 2. run wasm-bindgen on the main module (keeping the exports the page files link against);
//! 3. in release builds, run wasm-opt on every module;
//! 4. name every new file after the build (`edu-atlas-HASH_…`), so hosts can cache them
//!    forever like Trunk's own files, and put them in the staging folder;
//! 5. refresh the `integrity` hashes in index.html for the files that changed.

mod names;

use base64::Engine;
use sha2::{Digest, Sha384};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            println!("atlas-split: {summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("atlas-split: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What went wrong, naming the file or the tool.
#[derive(Debug)]
struct SplitError(String);

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, SplitError> {
    Err(SplitError(message.into()))
}

fn read(path: &Path) -> Result<Vec<u8>, SplitError> {
    fs::read(path).map_err(|e| SplitError(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), SplitError> {
    fs::write(path, bytes).map_err(|e| SplitError(format!("cannot write {}: {e}", path.display())))
}

/// The name of the app's binary (Cargo.toml) and so of Trunk's output files.
const APP: &str = "edu-atlas";

fn env_path(name: &str) -> Result<PathBuf, SplitError> {
    match std::env::var_os(name) {
        Some(value) if !value.is_empty() => Ok(PathBuf::from(value)),
        _ => fail(format!("{name} is not set: this tool runs as Trunk's post_build hook (Trunk.toml)")),
    }
}

fn run() -> Result<String, SplitError> {
    let staging = env_path("TRUNK_STAGING_DIR")?;
    let source = env_path("TRUNK_SOURCE_DIR")?;
    let release = match std::env::var("TRUNK_PROFILE").as_deref() {
        Ok("release") => true,
        Ok("debug") => false,
        other => return fail(format!("TRUNK_PROFILE is {other:?}, expected \"debug\" or \"release\"")),
    };
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .map(|dir| if dir.is_absolute() { dir } else { source.join(dir) })
        .unwrap_or_else(|| source.join("target"));
    let linked = target_dir
        .join("wasm32-unknown-unknown")
        .join(if release { "release" } else { "debug" })
        .join(format!("{APP}.wasm"));

    let stem = names::trunk_stem(&staging, APP)?;
    let work = target_dir.join("atlas-split");
    let _ = fs::remove_dir_all(&work);
    let split_dir = work.join("split");
    let bindgen_dir = work.join("bindgen");
    for dir in [&split_dir, &bindgen_dir] {
        fs::create_dir_all(dir).map_err(|e| SplitError(format!("cannot create {}: {e}", dir.display())))?;
    }

    // 1. Split.
    let input = read(&linked)?;
    let main_split = split_dir.join("main.wasm");
    let main_module = format!("./{stem}.js");
    let link_name = format!("./{}", names::loader_file(&stem));
    let split = {
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &split_dir;
        options.main_out_path = &main_split;
        options.main_module = &main_module;
        options.link_name = &link_name;
        wasm_split_cli_support::transform(options)
            .map_err(|e| SplitError(format!("splitting {} failed: {e:#}", linked.display())))?
    };

    // 2. wasm-bindgen on the main module.
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-name", &stem, "--out-dir"])
        .arg(&bindgen_dir)
        .arg(&main_split);
    run_tool(bindgen)?;
    let main_js = bindgen_dir.join(format!("{stem}.js"));
    let main_wasm = bindgen_dir.join(format!("{stem}_bg.wasm"));

    // 3. and 4. Optimise and name every module after the build.
    let mut modules = vec![(main_wasm.clone(), staging.join(format!("{stem}_bg.wasm")))];
    let mut loader = String::from_utf8(read(&split_dir.join(names::loader_file(&stem)))?)
        .map_err(|_| SplitError("the loader script is not UTF-8".into()))?;
    for module in &split.split_modules {
        let Some(file) = module.file_name().and_then(|f| f.to_str()) else {
            return fail(format!("a split module without a UTF-8 name: {}", module.display()));
        };
        let named = names::module_file(&stem, file);
        loader = names::point_loader_at(&loader, file, &named)?;
        modules.push((module.clone(), staging.join(named)));
    }
    for (from, to) in &modules {
        if release {
            let mut opt = Command::new("wasm-opt");
            opt.arg("-Oz").arg("--output").arg(to).arg(from);
            run_tool(opt)?;
        } else {
            fs::copy(from, to).map_err(|e| {
                SplitError(format!("cannot copy {} to {}: {e}", from.display(), to.display()))
            })?;
        }
    }
    let loader = names::add_fetch_deadline(&loader)?;
    write(&staging.join(names::loader_file(&stem)), loader.as_bytes())?;
    let staged_js = staging.join(format!("{stem}.js"));
    write(&staged_js, &read(&main_js)?)?;

    // 5. Integrity hashes of the replaced files.
    let index = staging.join("index.html");
    let mut html = String::from_utf8(read(&index)?)
        .map_err(|_| SplitError(format!("{} is not UTF-8", index.display())))?;
    for file in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
        let hash = sha384_integrity(&read(&staging.join(&file))?);
        html = names::set_integrity(&html, &format!("/{file}"), &hash)?;
    }
    write(&index, html.as_bytes())?;

    let sizes = modules
        .iter()
        .map(|(_, to)| {
            let size = fs::metadata(to).map(|m| m.len()).unwrap_or(0);
            format!("{} {} KB", to.file_name().and_then(|f| f.to_str()).unwrap_or("?"), size / 1024)
        })
        .collect::<Vec<_>>();
    Ok(format!("{} modules: {}", modules.len(), sizes.join(", ")))
}

fn run_tool(mut command: Command) -> Result<(), SplitError> {
    let name = command.get_program().to_string_lossy().into_owned();
    let status =
        command.status().map_err(|e| SplitError(format!("could not start {name} (is it on PATH?): {e}")))?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("{name} failed ({status})"))
    }
}

/// The value of a Subresource Integrity attribute, as Trunk writes it.
fn sha384_integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sha384_integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
