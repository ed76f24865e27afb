//! A static file server for the built site, listening on 127.0.0.1 only: what the browser tests
//! and the Lighthouse benchmark load the portal from.
//!
//! It behaves like the static hosts the README recommends: files from `dist/`, the published data
//! folder at `/data/` (any folder, so a test can serve a tampered or hostile copy), the app's
//! `index.html` for any other path without a file extension (client-side routes such as
//! `/township/530426104`, so a deep link survives a reload), the MIME types browsers insist on
//! (`application/wasm` for streaming compilation, `text/javascript` for modules), and
//! precompressed `.br`/`.gz` siblings when the browser accepts them.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Where the server finds what it serves.
#[derive(Clone, Debug)]
pub struct Site {
    /// The Trunk build (`dist/`), with `index.html` at its root.
    pub dist: PathBuf,
    /// The published data folder (with `manifest.json`), served at `/data/`.
    pub data: PathBuf,
}

/// A running server; stops (and releases its port) when dropped.
///
/// HTTP/1.1 with keep-alive, one thread per connection, requests of a connection answered in
/// order: what browsers expect of a static host. (It replaced tiny_http, under which a page that
/// fetched dozens of files at once, as the app's split code does, sometimes never got some of
/// them: in about one run in five of the satisfaction tests a request the browser had sent
/// never reached the server's handler.)
pub struct StaticServer {
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    stalled: Arc<Mutex<Vec<String>>>,
}

/// The Content-Security-Policy of docs/publishing.md (section 10), sent with every response so
/// that the whole browser suite runs under it: a change that needs a looser policy fails the
/// tests (a violation is a console error) instead of failing on a bureau's server. `HASHES` are
/// the `'sha256-…'` sources of index.html's inline start-up scripts, computed from the build.
const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' HASHES; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'";

/// The policy for the built `index.html`: its inline module scripts hashed, as the hosting
/// guide's command does.
pub fn content_security_policy(index_html: &str) -> String {
    let mut hashes = Vec::new();
    let mut rest = index_html;
    while let Some(start) = rest.find("<script type=\"module\">") {
        let body = &rest[start + "<script type=\"module\">".len()..];
        let Some(end) = body.find("</script>") else { break };
        hashes.push(format!("'sha256-{}'", base64(&sha256(&body.as_bytes()[..end]))));
        rest = &body[end..];
    }
    CSP.replace("HASHES", &hashes.join(" "))
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    let hex = atlas_core::hash::sha256_hex(bytes);
    (0..hex.len()).step_by(2).filter_map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// An idle keep-alive connection is closed after this long (browsers reconnect as needed).
const IDLE: Duration = Duration::from_secs(15);
/// The longest request head accepted (request line and headers).
const MAX_HEAD: usize = 64 * 1024;

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
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        // The policy is the portal's: a folder that is not its build (the embed tests' host page
        // of a news site on another port) is another site, served without one.
        let index = fs::read_to_string(site.dist.join("index.html"))?;
        let csp = if index.contains("_bg.wasm") { content_security_policy(&index) } else { String::new() };
        let site = Arc::new(site);
        let stalled: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
        let acceptor = {
            let (stopping, requests, stalled) = (stopping.clone(), requests.clone(), stalled.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue }; // a failed accept; keep serving
                    let (site, requests, csp) = (site.clone(), requests.clone(), csp.clone());
                    let (stalled, stopping) = (stalled.clone(), stopping.clone());
                    std::thread::spawn(move || {
                        let served = Served {
                            site: &site,
                            log: &requests,
                            csp: &csp,
                            stalled: &stalled,
                            stopping: &stopping,
                        };
                        // A browser that closed the connection early is not our failure.
                        let _ = serve_connection(stream, &served);
                    });
                }
            })
        };
        Ok(StaticServer { stopping, acceptor: Some(acceptor), addr, requests, stalled })
    }

    /// From now on, requests for `path` (without query) get no answer until [`Self::answer`]:
    /// a stalled server, as a flaky rural connection looks to the browser.
    pub fn stall(&self, path: &str) {
        if let Ok(mut stalled) = self.stalled.lock() {
            stalled.push(path.to_string());
        }
    }

    /// Answer `path` again (a request that was waiting gets its answer now).
    pub fn answer(&self, path: &str) {
        if let Ok(mut stalled) = self.stalled.lock() {
            stalled.retain(|p| p != path);
        }
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
        // Wake the acceptor so it sees the flag; open connections end on their idle timeout.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// One request as far as a static host cares.
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    headers: HashMap<String, String>,
    keep_alive: bool,
}

/// Read one request head; None when the client closed the connection (or went idle).
fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Request>> {
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        size += n;
        if size > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "request head too long"));
        }
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            if lines.is_empty() {
                continue; // a stray empty line between requests
            }
            break;
        }
        lines.push(line);
    }
    let mut parts = lines[0].split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad request line"));
    };
    let headers: HashMap<String, String> = lines[1..]
        .iter()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let connection = headers.get("connection").map(|v| v.to_ascii_lowercase()).unwrap_or_default();
    let keep_alive =
        if version == "HTTP/1.0" { connection.contains("keep-alive") } else { !connection.contains("close") };
    // A body (no static host needs one) is read and dropped so the next request starts cleanly.
    let body_len: u64 = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    io::copy(&mut reader.by_ref().take(body_len), &mut io::sink())?;
    Ok(Some(Request { method: method.to_string(), target: target.to_string(), headers, keep_alive }))
}

/// What a connection's thread needs.
struct Served<'a> {
    site: &'a Site,
    log: &'a Mutex<Vec<String>>,
    csp: &'a str,
    stalled: &'a Mutex<Vec<String>>,
    stopping: &'a AtomicBool,
}

fn serve_connection(stream: TcpStream, served: &Served) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader)? {
        // A stopped server answers nothing more, also on a connection kept alive from before:
        // to the browser it is gone, as a server is when the network is.
        if served.stopping.load(Ordering::SeqCst) {
            break;
        }
        if let Ok(mut log) = served.log.lock() {
            log.push(request.target.clone());
        }
        let path = request.target.split('?').next().unwrap_or_default().to_string();
        while served.stalled.lock().is_ok_and(|s| s.contains(&path))
            && !served.stopping.load(Ordering::SeqCst)
        {
            std::thread::sleep(Duration::from_millis(50)); // a stalled answer, released by the test
        }
        let mut reply = respond(served.site, &request);
        if !served.csp.is_empty() {
            reply.headers.push(("Content-Security-Policy", served.csp.to_string()));
        }
        let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
        if !request.keep_alive {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        writer.write_all(head.as_bytes())?;
        if request.method != "HEAD" {
            writer.write_all(&reply.body)?;
        }
        writer.flush()?;
        if !request.keep_alive {
            break;
        }
    }
    let _ = writer.shutdown(Shutdown::Both);
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
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

/// A response: status, headers, body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, text: String) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: text.into_bytes(),
        }
    }
}

fn respond(site: &Site, request: &Request) -> Reply {
    if request.method != "GET" && request.method != "HEAD" {
        return Reply::text(405, format!("405: {} is not served here\n", request.method));
    }
    let url = &request.target;
    let file = match resolve(site, url) {
        Target::File(path) => path,
        Target::App => site.dist.join("index.html"),
        Target::NotFound => return Reply::text(404, format!("404: nothing at {url}\n")),
    };
    let accept_encoding = request.headers.get("accept-encoding").map(String::as_str).unwrap_or_default();
    let (body_path, encoding) = match precompressed(&file, accept_encoding) {
        Some((p, coding)) => (p, Some(coding)),
        None => (file.clone(), None),
    };
    let body = match fs::read(&body_path) {
        Ok(body) => body,
        Err(e) => return Reply::text(500, format!("500: cannot read {url}: {e}\n")),
    };
    let mut headers = vec![
        ("Content-Type", content_type(&file).to_string()),
        // Every response is revalidated: tests and benchmarks must see the current build.
        ("Cache-Control", "no-cache".to_string()),
        ("Vary", "Accept-Encoding".to_string()),
    ];
    if let Some(coding) = encoding {
        headers.push(("Content-Encoding", coding.to_string()));
    }
    Reply { status: 200, headers, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_each_inline_script_by_its_hash() {
        // sha256("alert(1)") in base64, as `openssl dgst -sha256 -binary | base64` gives it.
        let html = r#"<head><script type="module">alert(1)</script></head>"#;
        let csp = content_security_policy(html);
        assert!(
            csp.contains(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=';"
            ),
            "{csp}"
        );
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b"Man"), "TWFu");
    }

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
        assert_eq!(resolve(&s, "/township/530426104?county=530426"), Target::App);
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
