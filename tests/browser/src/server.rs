//! A static file server for the built site, listening on 127.0.0.1 only: what the browser tests
//! and the Lighthouse benchmark load the portal from.
//!
//! It behaves like the static hosts the README recommends: files from `dist/`, the published data
//! folder at `/data/` (any folder, so a test can serve a tampered or hostile copy), the app's
//! `index.html` for any other path without a file extension (client-side routes such as
//! `/township/530426102`, so a deep link survives a reload), the MIME types browsers insist on
//! (`application/wasm` for streaming compilation, `text/javascript` for modules), and
//! precompressed `.br`/`.gz` siblings when the browser accepts them.

use std::fs;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tiny_http::{Header, Request, Response, Server};

/// Where the server finds what it serves.
#[derive(Clone, Debug)]
pub struct Site {
    /// The Trunk build (`dist/`), with `index.html` at its root.
    pub dist: PathBuf,
    /// The published data folder (with `manifest.json`), served at `/data/`.
    pub data: PathBuf,
}

/// A running server; stops (and releases its port) when dropped.
pub struct StaticServer {
    server: Arc<Server>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

/// Browsers fetch the wasm, the JS and several data files at once; a few workers keep the
/// server from serialising them.
const WORKERS: usize = 4;

impl StaticServer {
    /// Serve `site` on 127.0.0.1:`port` (0 picks a free port).
    pub fn start(site: Site, port: u16) -> io::Result<StaticServer> {
        for (what, dir, file) in [("dist", &site.dist, "index.html"), ("data", &site.data, "manifest.json")] {
            if !dir.join(file).is_file() {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{what} folder {} has no {file}", dir.display()),
                ));
            }
        }
        let server = Server::http(("127.0.0.1", port)).map_err(io::Error::other)?;
        let addr = server.server_addr().to_ip().ok_or_else(|| io::Error::other("server is not on TCP"))?;
        let server = Arc::new(server);
        let stopping = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let site = Arc::new(site);
        let workers = (0..WORKERS)
            .map(|_| {
                let (server, stopping, requests, site) =
                    (server.clone(), stopping.clone(), requests.clone(), site.clone());
                std::thread::spawn(move || loop {
                    match server.recv() {
                        Ok(request) => {
                            if let Ok(mut log) = requests.lock() {
                                log.push(request.url().to_string());
                            }
                            // A browser that closed the connection early is not our failure.
                            let _ = respond(&site, request);
                        }
                        Err(_) if stopping.load(Ordering::SeqCst) => break,
                        Err(_) => continue, // a broken connection; keep serving
                    }
                })
            })
            .collect();
        Ok(StaticServer { server, stopping, workers, addr, requests })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every request path (with query) served so far, in arrival order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|log| log.clone()).unwrap_or_default()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// What a request path resolves to.
#[derive(Debug, PartialEq)]
enum Target {
    File(PathBuf),
    /// A client-side route: answered with the app's index.html.
    App,
    NotFound,
}

fn resolve(site: &Site, url_path: &str) -> Target {
    let Some(segments) = safe_segments(url_path) else { return Target::NotFound };
    let (root, rest) = match segments.split_first() {
        Some((first, rest)) if first == "data" => (&site.data, rest),
        _ => (&site.dist, &segments[..]),
    };
    let mut path = root.clone();
    path.extend(rest);
    if path.is_dir() {
        path.push("index.html");
    }
    if path.is_file() {
        return Target::File(path);
    }
    // A missing data file or asset is a 404 (the app must see the failure); a path that looks
    // like a page is the app's.
    let looks_like_page = segments.last().is_none_or(|last| !last.contains('.'));
    if looks_like_page && segments.first().is_none_or(|first| first != "data") {
        Target::App
    } else {
        Target::NotFound
    }
}

/// The decoded path segments, or None for anything that could climb out of the served folders.
fn safe_segments(url_path: &str) -> Option<Vec<String>> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let segment = percent_decode(raw)?;
        if segment == "." || segment == ".." || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        segments.push(segment);
    }
    Some(segments)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    // Both parts are ASCII literals or MIME types from the table above.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

/// The precompressed sibling to send, with its Content-Encoding, if the browser accepts one.
fn precompressed(path: &Path, accept_encoding: &str) -> Option<(PathBuf, &'static str)> {
    let accepts =
        |coding: &str| accept_encoding.split(',').any(|c| c.split(';').next().unwrap_or("").trim() == coding);
    [("br", "br"), ("gzip", "gz")].into_iter().find_map(|(coding, ext)| {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{ext}"));
        let candidate = PathBuf::from(name);
        (accepts(coding) && candidate.is_file()).then_some((candidate, coding))
    })
}

fn respond(site: &Site, request: Request) -> io::Result<()> {
    let url = request.url().to_string();
    let file = match resolve(site, &url) {
        Target::File(path) => path,
        Target::App => site.dist.join("index.html"),
        Target::NotFound => {
            let response = Response::from_string(format!("404: nothing at {url}\n"))
                .with_status_code(404)
                .with_header(header("Content-Type", "text/plain; charset=utf-8"));
            return request.respond(response);
        }
    };
    let accept_encoding = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept-Encoding"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    let (body_path, encoding) = match precompressed(&file, &accept_encoding) {
        Some((p, coding)) => (p, Some(coding)),
        None => (file.clone(), None),
    };
    let body = fs::read(&body_path)?;
    let mut response = Response::from_data(body)
        .with_header(header("Content-Type", content_type(&file)))
        // Every response is revalidated: tests and benchmarks must see the current build.
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("Vary", "Accept-Encoding"));
    if let Some(coding) = encoding {
        response = response.with_header(header("Content-Encoding", coding));
    }
    request.respond(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(root: &Path) -> Site {
        Site { dist: root.join("dist"), data: root.join("data") }
    }

    #[test]
    fn routes_files_data_and_app_paths() {
        let root = std::env::temp_dir().join(format!("atlas-server-test-{}", std::process::id()));
        fs::create_dir_all(root.join("dist")).unwrap();
        fs::create_dir_all(root.join("data/530426")).unwrap();
        fs::write(root.join("dist/index.html"), "<!doctype html>").unwrap();
        fs::write(root.join("dist/app.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(root.join("data/manifest.json"), "{}").unwrap();
        fs::write(root.join("data/530426/tiles.json"), "{}").unwrap();
        let s = site(&root);

        assert_eq!(resolve(&s, "/"), Target::File(root.join("dist/index.html")));
        assert_eq!(resolve(&s, "/app.wasm?v=1"), Target::File(root.join("dist/app.wasm")));
        assert_eq!(resolve(&s, "/data/530426/tiles.json"), Target::File(root.join("data/530426/tiles.json")));
        assert_eq!(resolve(&s, "/township/530426102?county=530426"), Target::App);
        assert_eq!(resolve(&s, "/map"), Target::App);
        // Missing files are 404s, never the app: the portal must see a missing snapshot fail.
        assert_eq!(resolve(&s, "/data/530426/2099-2100.json"), Target::NotFound);
        assert_eq!(resolve(&s, "/data/missing"), Target::NotFound);
        assert_eq!(resolve(&s, "/missing.js"), Target::NotFound);
        // Nothing outside the two folders.
        assert_eq!(resolve(&s, "/../Cargo.toml"), Target::NotFound);
        assert_eq!(resolve(&s, "/data/%2e%2e/dist/index.html"), Target::NotFound);
        assert_eq!(resolve(&s, "/data/..%2f..%2fetc"), Target::NotFound);

        assert_eq!(content_type(Path::new("a/app_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("atlas-charts.js")), "text/javascript; charset=utf-8");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn precompressed_sibling_only_when_accepted() {
        let root = std::env::temp_dir().join(format!("atlas-server-br-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        let js = root.join("app.js");
        fs::write(&js, "x").unwrap();
        fs::write(root.join("app.js.br"), "b").unwrap();
        assert_eq!(precompressed(&js, "gzip, deflate, br"), Some((root.join("app.js.br"), "br")));
        assert_eq!(precompressed(&js, "gzip, deflate"), None);
        assert_eq!(precompressed(&js, ""), None);
        // "brotli" is not "br".
        assert_eq!(precompressed(&js, "brotli"), None);
        fs::remove_dir_all(&root).unwrap();
    }
}
