//! File names and the text edits that tie them together: Trunk's hashed stem, the names the
//! split files get, the loader script's references to them, and index.html's integrity hashes.

use crate::{fail, SplitError};
use std::path::Path;

/// Trunk's output name for the app, `APP-HASH` (its files are `APP-HASH.js` and
/// `APP-HASH_bg.wasm`): found as the one `APP-<hex>.js` in the staging folder.
pub fn trunk_stem(staging: &Path, app: &str) -> Result<String, SplitError> {
    let entries = std::fs::read_dir(staging)
        .map_err(|e| SplitError(format!("cannot list {}: {e}", staging.display())))?;
    let mut stems: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| stem_of(&name, app).map(str::to_owned))
        .collect();
    stems.sort();
    stems.dedup();
    match stems.as_slice() {
        [stem] => Ok(stem.clone()),
        [] => fail(format!("{} has no {app}-HASH.js from Trunk", staging.display())),
        _ => fail(format!("{} has several {app}-HASH.js: {}", staging.display(), stems.join(", "))),
    }
}

fn stem_of<'a>(file: &'a str, app: &str) -> Option<&'a str> {
    let stem = file.strip_suffix(".js")?;
    let hash = stem.strip_prefix(app)?.strip_prefix('-')?;
    (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(stem)
}

/// The loader script that fetches the split files (imported by the main module).
pub fn loader_file(stem: &str) -> String {
    format!("{stem}_split.js")
}

/// A split file's published name: the build's stem in front, so each build's files have names
/// of their own and can be cached for good (docs/publishing.md, hosting).
pub fn module_file(stem: &str, file: &str) -> String {
    format!("{stem}_{file}")
}

/// The loader script with its one reference to `./FILE` changed to `./NAMED`.
pub fn point_loader_at(loader: &str, file: &str, named: &str) -> Result<String, SplitError> {
    let reference = format!("\"./{file}\"");
    match loader.matches(&reference).count() {
        1 => Ok(loader.replacen(&reference, &format!("\"./{named}\""), 1)),
        n => fail(format!("the loader script refers to {reference} {n} times, expected once")),
    }
}

/// How long a split file's download may take before it is given up (the page then shows its
/// retry): a minute covers a 100 KB chunk on a weak 2G link.
pub const CHUNK_WITHIN_MS: u32 = 60_000;

/// The loader script with a time limit on each fetch of a split file. The loader remembers a
/// load until it fails, so a stalled download would otherwise keep a page's skeleton on screen
/// for ever, and every retry would join the stalled load. The limit is a `setTimeout` (not
/// `AbortSignal.timeout`) so that it runs on the page's own clock like the app's other limits.
pub fn add_fetch_deadline(loader: &str) -> Result<String, SplitError> {
    const FETCH: &str = ", import.meta.url));";
    let count = loader.matches(FETCH).count();
    if count == 0 || count != loader.matches("fetch(new URL(").count() {
        return fail(format!(
            "the loader script's fetches are not in the expected form `fetch(new URL(\"./F\"{FETCH}` ({count} found)"
        ));
    }
    let helper = format!(
        "function atlasDeadline() {{ const c = new AbortController(); setTimeout(() => c.abort(), {CHUNK_WITHIN_MS}); return {{ signal: c.signal }}; }}\n"
    );
    Ok(helper + &loader.replace(FETCH, ", import.meta.url), atlasDeadline());"))
}

/// index.html with the `integrity` attribute of the one tag whose `href` is `href` set to
/// `integrity`.
pub fn set_integrity(html: &str, href: &str, integrity: &str) -> Result<String, SplitError> {
    let attribute = format!("href=\"{href}\"");
    let mut starts = html.match_indices(&attribute).map(|(at, _)| at);
    let (Some(at), None) = (starts.next(), starts.next()) else {
        return fail(format!("index.html: expected exactly one tag with {attribute}"));
    };
    let tag_start = html[..at].rfind('<').unwrap_or(0);
    let tag_end = match html[at..].find('>') {
        Some(end) => at + end,
        None => return fail(format!("index.html: the tag with {attribute} is not closed")),
    };
    let tag = &html[tag_start..tag_end];
    const KEY: &str = "integrity=\"";
    let Some(value_start) = tag.find(KEY).map(|i| tag_start + i + KEY.len()) else {
        return fail(format!("index.html: the tag with {attribute} has no integrity attribute"));
    };
    let Some(value_end) = html[value_start..tag_end].find('"').map(|i| value_start + i) else {
        return fail(format!("index.html: the integrity attribute of {attribute} is not closed"));
    };
    Ok(format!("{}{integrity}{}", &html[..value_start], &html[value_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_is_trunks_hashed_name() {
        assert_eq!(stem_of("edu-atlas-be894ef8513be7bf.js", "edu-atlas"), Some("edu-atlas-be894ef8513be7bf"));
        assert_eq!(stem_of("edu-atlas-be894ef8513be7bf_split.js", "edu-atlas"), None);
        assert_eq!(stem_of("edu-atlas-.js", "edu-atlas"), None);
        assert_eq!(stem_of("atlas-charts.js", "edu-atlas"), None);
        assert_eq!(stem_of("embed-resizer.js", "edu-atlas"), None);
    }

    #[test]
    fn split_files_carry_the_build_stem() {
        assert_eq!(loader_file("edu-atlas-12ab"), "edu-atlas-12ab_split.js");
        assert_eq!(
            module_file("edu-atlas-12ab", "split_page_map.wasm"),
            "edu-atlas-12ab_split_page_map.wasm"
        );
    }

    #[test]
    fn the_loader_is_pointed_at_the_renamed_file_once() {
        let loader = r#"const a = fetch(new URL("./split_page_map.wasm", import.meta.url));
const b = fetch(new URL("./chunk_3.wasm", import.meta.url));"#;
        let renamed = point_loader_at(loader, "split_page_map.wasm", "x_split_page_map.wasm").unwrap();
        assert!(renamed.contains(r#""./x_split_page_map.wasm""#));
        assert!(renamed.contains(r#""./chunk_3.wasm""#));
        assert!(point_loader_at(loader, "chunk_9.wasm", "x").is_err());
        let twice = format!("{loader}{loader}");
        assert!(point_loader_at(&twice, "chunk_3.wasm", "x").is_err());
    }

    #[test]
    fn every_fetch_of_a_split_file_gets_a_deadline() {
        let loader = r#"const a = fetch(new URL("./split_page_map.wasm", import.meta.url));
const b = fetch(new URL("./chunk_3.wasm", import.meta.url));"#;
        let out = add_fetch_deadline(loader).unwrap();
        assert_eq!(out.matches("import.meta.url), atlasDeadline());").count(), 2, "{out}");
        assert!(out.starts_with("function atlasDeadline()"), "{out}");
        assert!(out.contains("setTimeout(() => c.abort(), 60000)"), "{out}");
        assert!(add_fetch_deadline("const a = fetch(url);").is_err(), "a loader in another form is an error");
    }

    #[test]
    fn integrity_is_replaced_in_the_matching_tag_only() {
        let html = r#"<link rel="modulepreload" href="/a.js" crossorigin="anonymous" integrity="sha384-OLDA"><link rel="preload" href="/a_bg.wasm" integrity="sha384-OLDB" as="fetch">"#;
        let out = set_integrity(html, "/a_bg.wasm", "sha384-NEW").unwrap();
        assert_eq!(
            out,
            r#"<link rel="modulepreload" href="/a.js" crossorigin="anonymous" integrity="sha384-OLDA"><link rel="preload" href="/a_bg.wasm" integrity="sha384-NEW" as="fetch">"#
        );
        assert!(set_integrity(html, "/missing.js", "x").is_err());
        assert!(set_integrity(r#"<link href="/a.js">"#, "/a.js", "x").is_err());
        assert!(set_integrity(r#"<link href="/a.js" integrity="x"#, "/a.js", "x").is_err());
    }
}
