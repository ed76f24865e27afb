//! Headless Chromium through chromedriver, with the checks every page must pass.
//!
//! Each test starts its own chromedriver on a free port and opens one session per screen size;
//! Chromium gets a fresh profile and a host resolver that maps every name except 127.0.0.1 to
//! "not found", so even a stray link to a CDN cannot leave the machine. Waits poll a condition
//! in the page (no fixed sleeps) and fail with what was awaited, the URL, the console errors and
//! a screenshot under `tests/screenshots/failed/`.

use crate::fixtures::TempDir;
use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, TouchActions};
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The two screens every check runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewport {
    /// A mid-range phone held upright: 390×844 CSS pixels, touch, device pixel ratio 2.
    Phone,
    /// A laptop: 1280×800, mouse.
    Desktop,
}

impl Viewport {
    pub const BOTH: [Viewport; 2] = [Viewport::Phone, Viewport::Desktop];

    pub fn width(self) -> u32 {
        match self {
            Viewport::Phone => 390,
            Viewport::Desktop => 1280,
        }
    }

    pub fn height(self) -> u32 {
        match self {
            Viewport::Phone => 844,
            Viewport::Desktop => 800,
        }
    }

    fn pixel_ratio(self) -> u32 {
        match self {
            Viewport::Phone => 2,
            Viewport::Desktop => 1,
        }
    }

    pub fn is_touch(self) -> bool {
        self == Viewport::Phone
    }
}

impl std::fmt::Display for Viewport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}", self.width(), self.height())
    }
}

/// How long a wait may take before the test fails. The release build starts in well under a
/// second; the margin is for two busy cores shared with compilers.
pub fn wait_limit() -> Duration {
    let secs = std::env::var("ATLAS_BROWSER_WAIT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    Duration::from_secs(secs)
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// The chromedriver binary: `$CHROMEDRIVER`, else `chromedriver` on PATH.
pub fn chromedriver_path() -> PathBuf {
    std::env::var_os("CHROMEDRIVER").map(PathBuf::from).or_else(|| which("chromedriver")).unwrap_or_else(
        || {
            panic!(
                "chromedriver not found (set CHROMEDRIVER or put it on PATH). \
             Install it with `.ci/install` (Debian package chromium-driver)."
            )
        },
    )
}

/// The Chromium binary: `$CHROME_PATH`, else `chromium` on PATH.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROME_PATH").map(PathBuf::from).or_else(|| which("chromium")).unwrap_or_else(|| {
        panic!("Chromium not found (set CHROME_PATH or put it on PATH). Install it with `.ci/install`.")
    })
}

/// A port that was free a moment ago. Another process may take it before chromedriver binds it
/// (several suites start at once on a shared machine), so [`Chromedriver::start`] checks that
/// its own chromedriver got the port and tries another one when it did not.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port on 127.0.0.1");
    listener.local_addr().expect("a bound socket has an address").port()
}

/// A chromedriver process on 127.0.0.1, stopped when dropped. Its work folder holds its log
/// and the browser profiles; it is removed after chromedriver has closed every browser.
pub struct Chromedriver {
    child: Child,
    port: u16,
    work: TempDir,
    log_file: PathBuf,
    profiles: std::sync::atomic::AtomicUsize,
}

impl Chromedriver {
    /// Start chromedriver on a free port. The port counts as ours only once chromedriver's own log
    /// says it listens on it: a bare connection could reach another process that took the port
    /// in the meantime. When the port was taken (chromedriver exits), another one is tried.
    pub fn start() -> Chromedriver {
        const ATTEMPTS: usize = 5;
        let mut failures = Vec::new();
        for _ in 0..ATTEMPTS {
            match Chromedriver::start_on(free_port()) {
                Ok(driver) => return driver,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("chromedriver did not start in {ATTEMPTS} attempts:\n{}", failures.join("\n"));
    }

    fn start_on(port: u16) -> Result<Chromedriver, String> {
        let binary = chromedriver_path();
        let work = TempDir::new("chromedriver");
        let log_file = work.path().join("chromedriver.log");
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .arg(format!("--log-path={}", log_file.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut driver = Chromedriver { child, port, work, log_file, profiles: Default::default() };
        let listening = format!("ChromeDriver was started successfully on port {port}");
        let started = Instant::now();
        loop {
            if std::fs::read_to_string(&driver.log_file).is_ok_and(|log| log.contains(&listening)) {
                return Ok(driver);
            }
            if let Ok(Some(status)) = driver.child.try_wait() {
                // Dropping `driver` cleans up its work folder; the process has already exited.
                return Err(format!(
                    "port {port}: chromedriver exited at start-up ({status}); log: {}",
                    driver.log_tail()
                ));
            }
            if started.elapsed() > Duration::from_secs(20) {
                panic!("chromedriver did not listen on port {port} within 20 s; log: {}", driver.log_tail());
            }
            std::thread::sleep(Duration::from_millis(50)); // polling a log file, not waiting for the page
        }
    }

    /// The WebDriver endpoint, with the trailing slash fantoccini joins paths onto.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// A fresh, empty Chromium profile folder.
    fn new_profile(&self) -> PathBuf {
        let n = self.profiles.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = self.work.path().join(format!("profile-{n}"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        dir
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log_file).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Exited already (it could not have the port): the port may now be another process's,
        // which must not be sent a shutdown.
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // Ask chromedriver to quit: it then closes every Chromium it started. Killing it outright
        // would leave those running whenever a failed test never closed its session.
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        if let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let _ =
                stream.write_all(b"GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50)); // waiting for a process to exit
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A chromedriver command outside the W3C set (browser logs, DevTools), POSTed to the session.
#[derive(Debug)]
struct SessionCommand {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// One browser session at one screen size, on one site.
pub struct Session {
    client: Client,
    pub viewport: Viewport,
    origin: String,
    /// Console errors read so far (chromedriver hands each log entry out once).
    console_errors: Mutex<Vec<String>>,
}

impl Session {
    /// Open Chromium at `viewport` for the site at `origin` (`http://127.0.0.1:PORT`).
    pub async fn open(driver: &Chromedriver, origin: &str, viewport: Viewport) -> Session {
        let profile = driver.new_profile();
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-dev-shm-usage".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-extensions".to_string(),
            "--no-first-run".to_string(),
            "--no-default-browser-check".to_string(),
            "--hide-scrollbars".to_string(),
            format!("--user-data-dir={}", profile.display()),
            format!("--window-size={},{}", viewport.width(), viewport.height()),
            // Nothing but this machine: every host name fails to resolve, so a request that
            // would leave 127.0.0.1 fails (and shows up as a console error) instead of going out.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1".to_string(),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium_path(),
                "args": args,
                // Exact CSS viewport (a window size would include browser chrome), and a phone
                // that is a phone: touch events and the mobile viewport rules.
                "mobileEmulation": { "deviceMetrics": {
                    "width": viewport.width(),
                    "height": viewport.height(),
                    "pixelRatio": viewport.pixel_ratio(),
                    "mobile": viewport.is_touch(),
                    "touch": viewport.is_touch(),
                } },
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        // Leave an alert open (rather than dismissing it) so a test can see that one opened.
        caps.insert("unhandledPromptBehavior".into(), json!("ignore"));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| {
                panic!("cannot open a Chromium session through chromedriver: {e}; log: {}", driver.log_tail())
            });
        Session { client, viewport, origin: origin.to_string(), console_errors: Mutex::new(Vec::new()) }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Load `path` (with its query) from the site.
    pub async fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.origin);
        self.client.goto(&url).await.unwrap_or_else(|e| panic!("[{}] cannot open {url}: {e}", self.viewport));
    }

    pub async fn reload(&self) {
        self.client.refresh().await.unwrap_or_else(|e| panic!("[{}] reload failed: {e}", self.viewport));
    }

    /// Run `script` (a function body; `arguments` holds `args`) and return its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        match self.client.execute(script, args).await {
            Ok(v) => v,
            Err(e) => panic!("[{}] script failed: {e}\n--- script ---\n{script}", self.viewport),
        }
    }

    /// The page's serious and critical accessibility problems by axe-core (npm, the version in
    /// package.json), as `rule: what (element)` lines; empty when there are none. axe is put
    /// into the page by the WebDriver script (not by a `<script>` the page's policy would judge).
    pub async fn axe_problems(&self) -> Vec<String> {
        let file = crate::workspace_root().join("node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {} (run `npm ci` or .ci/install): {e}", file.display()));
        let installed = self.js("return typeof window.axe !== 'undefined'", vec![]).await;
        if installed != Value::Bool(true) {
            self.js(&format!("{source}\nwindow.axe = axe; return true;"), vec![]).await;
        }
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)),
              e => done([`axe failed: ${e}`]));";
        match self.client.execute_async(script, vec![]).await {
            Ok(Value::Array(items)) => {
                items.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
            }
            Ok(other) => vec![format!("axe returned {other}")],
            Err(e) => vec![format!("axe could not run: {e}")],
        }
    }

    /// Poll `script` until it returns something other than null, false, 0 or "" and return that.
    /// On timeout the test fails with `what`, the last value, the URL and the console errors.
    pub async fn wait_until(&self, what: &str, script: &str) -> Value {
        self.wait_until_with(what, script, Vec::new()).await
    }

    pub async fn wait_until_with(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let truthy = |value: &Value| match value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::String(s) => !s.is_empty(),
            _ => true,
        };
        self.poll_until(what, script, args, truthy).await
    }

    /// Poll `script` until `accept` takes its value, and return that value. On timeout the test
    /// fails with `what`, the last value, the URL and the console errors.
    pub async fn poll_until(
        &self,
        what: &str,
        script: &str,
        args: Vec<Value>,
        accept: impl Fn(&Value) -> bool,
    ) -> Value {
        let started = Instant::now();
        let limit = wait_limit();
        loop {
            let value = self.js(script, args.clone()).await;
            if accept(&value) {
                return value;
            }
            if started.elapsed() > limit {
                self.fail(&format!("timed out after {limit:?} waiting for {what}; last value: {value}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Click what `locator` finds; fails the test naming `what` when there is none or it cannot
    /// be clicked.
    pub async fn click(&self, locator: fantoccini::Locator<'_>, what: &str) {
        let element = match self.client.find(locator).await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("no {what}: {e}")).await,
        };
        if let Err(e) = element.click().await {
            self.fail(&format!("cannot click {what}: {e}")).await;
        }
    }

    /// Fail the test with `message`, the page's URL, its console errors, the visible text and a
    /// screenshot of what the browser showed.
    pub async fn fail(&self, message: &str) -> ! {
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        let errors = self.take_console_errors().await;
        let text = self
            .client
            .execute("return document.body ? document.body.innerText.slice(0, 1500) : ''", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        // What the page was still waiting for: its code files that arrived, and what still shows
        // a skeleton.
        let loading = self
            .client
            .execute(
                "return { code_files: performance.getEntriesByType('resource')
                            .filter(e => /\\.wasm$|_split\\.js$/.test(e.name)).map(e => e.name.split('/').pop()),
                          skeletons: document.querySelectorAll('[aria-busy=true]').length }",
                vec![],
            )
            .await
            .unwrap_or_default();
        let shot = crate::screenshots_dir().join("failed");
        let name = format!("{}-{}", sanitize(&url.replace(&self.origin, "")), self.viewport.width());
        let saved = self.save_png(&shot, &name).await;
        panic!(
            "[{}] {message}\n  at {url}\n  console errors: {errors:#?}\n  still loading: {loading}\n  screenshot: {saved}\n  page text:\n{text}",
            self.viewport
        );
    }

    /// Console errors logged since the last call (and any read earlier by other checks).
    pub async fn take_console_errors(&self) -> Vec<String> {
        let fresh = match self
            .client
            .issue_cmd(SessionCommand { path: "se/log", body: json!({ "type": "browser" }) })
            .await
        {
            Ok(Value::Array(entries)) => entries,
            Ok(other) => {
                vec![json!({ "level": "SEVERE", "message": format!("unexpected log reply: {other}") })]
            }
            Err(e) => {
                vec![json!({ "level": "SEVERE", "message": format!("cannot read the browser log: {e}") })]
            }
        };
        let mut seen = self.console_errors.lock().expect("no test panics while holding this lock");
        seen.extend(
            fresh
                .into_iter()
                .filter(|e| e["level"] == "SEVERE")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string()),
        );
        std::mem::take(&mut *seen)
    }

    /// The checks every page must pass, whatever it shows: no console error, no request to any
    /// address but this site on 127.0.0.1, no alert open, no horizontal scrolling.
    pub async fn assert_healthy(&self, page: &str) {
        if let Ok(text) = self.client.get_alert_text().await {
            self.fail(&format!("{page}: an alert is open: {text:?}")).await;
        }
        let errors = self.take_console_errors().await;
        if !errors.is_empty() {
            self.fail(&format!("{page}: the console shows errors: {errors:#?}")).await;
        }
        let foreign = self.requests_off_site().await;
        if !foreign.is_empty() {
            self.fail(&format!("{page}: requests left {}: {foreign:#?}", self.origin)).await;
        }
        let (scroll_width, inner_width): (u64, u64) = {
            let v = self.js("return [document.documentElement.scrollWidth, window.innerWidth]", vec![]).await;
            (v[0].as_u64().unwrap_or(u64::MAX), v[1].as_u64().unwrap_or(0))
        };
        assert_eq!(
            inner_width,
            u64::from(self.viewport.width()),
            "[{}] the viewport is not the emulated width",
            self.viewport
        );
        if scroll_width > inner_width {
            let wide = self.widest_elements().await;
            self.fail(&format!(
                "{page}: the page scrolls sideways: content is {scroll_width} px wide in a {inner_width} px viewport; \
                 elements reaching past the right edge: {wide:#?}"
            ))
            .await;
        }
    }

    /// Every URL the page fetched (Resource Timing, which lists each request with its full
    /// URL) that is not on this site.
    pub async fn requests_off_site(&self) -> Vec<String> {
        let urls = self
            .js(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)",
                vec![],
            )
            .await;
        let prefix = format!("{}/", self.origin);
        urls.as_array()
            .map(|a| a.iter().filter_map(|u| u.as_str()).map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            // data: and blob: URLs are made in the page; they are not requests.
            .filter(|u| !u.starts_with(&prefix) && !u.starts_with("data:") && !u.starts_with("blob:"))
            .collect()
    }

    /// Paths (from the site root) the page requested, in order.
    pub async fn requested_paths(&self) -> Vec<String> {
        let urls = self.js("return performance.getEntriesByType('resource').map(e => e.name)", vec![]).await;
        urls.as_array()
            .map(|a| a.iter().filter_map(|u| u.as_str()).map(|u| u.replace(&self.origin, "")).collect())
            .unwrap_or_default()
    }

    /// The innermost elements that reach past the viewport's right edge, to say what overflows.
    async fn widest_elements(&self) -> Value {
        self.js(
            r#"const w = window.innerWidth;
               const out = [];
               for (const el of document.querySelectorAll('body *')) {
                 const r = el.getBoundingClientRect();
                 if (r.right > w + 0.5 && r.width > 0 && ![...el.children].some(c => c.getBoundingClientRect().right > w + 0.5)) {
                   const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
                   out.push(`${el.tagName.toLowerCase()}${cls} right=${Math.round(r.right)}`);
                   if (out.length >= 8) break;
                 }
               }
               return out;"#,
            vec![],
        )
        .await
    }

    /// A DevTools command through chromedriver (`goog/cdp/execute`).
    pub async fn devtools(&self, cmd: &str, params: Value) -> Value {
        let command =
            SessionCommand { path: "goog/cdp/execute", body: json!({ "cmd": cmd, "params": params }) };
        self.client.issue_cmd(command).await.unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    /// Headless Chromium denies downloads unless told where to put them.
    pub async fn allow_downloads(&self, dir: &Path) {
        self.devtools("Browser.setDownloadBehavior", json!({ "behavior": "allow", "downloadPath": dir }))
            .await;
    }

    /// Wait until the download `file` exists, is not empty and Chromium has finished writing it.
    pub async fn wait_for_download(&self, file: &Path) {
        let started = Instant::now();
        let partial = PathBuf::from(format!("{}.crdownload", file.display()));
        loop {
            let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            if size > 0 && !partial.exists() {
                return;
            }
            if started.elapsed() > wait_limit() {
                let present: Vec<String> = file
                    .parent()
                    .and_then(|d| std::fs::read_dir(d).ok())
                    .map(|entries| {
                        entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
                    })
                    .unwrap_or_default();
                let status = self
                    .js(
                        "return [...document.querySelectorAll('.share-status, [role=alert]')].map(p => p.innerText).join(' | ')",
                        vec![],
                    )
                    .await;
                self.fail(&format!(
                    "no download {} after {:?}; the folder holds {present:?}; messages on the page: {status}",
                    file.display(),
                    wait_limit()
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Save what the viewport shows as `tests/screenshots/<name>-<width>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = crate::screenshots_dir();
        let saved = self.save_png(&dir, &format!("{name}-{}", self.viewport.width())).await;
        if saved.starts_with("not saved") {
            panic!("[{}] screenshot of {name} {saved}", self.viewport);
        }
    }

    async fn save_png(&self, dir: &Path, name: &str) -> String {
        let png = match self.client.screenshot().await {
            Ok(png) => png,
            Err(e) => return format!("not saved: {e}"),
        };
        if let Err(e) = std::fs::create_dir_all(dir) {
            return format!("not saved: cannot create {}: {e}", dir.display());
        }
        let file = dir.join(format!("{name}.png"));
        match std::fs::write(&file, png) {
            Ok(()) => file.display().to_string(),
            Err(e) => format!("not saved: {}: {e}", file.display()),
        }
    }

    /// Tap (phone) or click (desktop) at `(x, y)` CSS pixels from the top-left of the viewport,
    /// as a person would: pointer down and up at that spot.
    pub async fn tap_at(&self, x: f64, y: f64) {
        let result = if self.viewport.is_touch() {
            let finger = TouchActions::new("finger".into())
                .then(PointerAction::MoveTo { duration: None, x, y })
                .then(PointerAction::Down { button: 0 })
                .then(PointerAction::Up { button: 0 });
            self.client.perform_actions(finger).await
        } else {
            let mouse = MouseActions::new("mouse".into())
                .then(PointerAction::MoveTo { duration: None, x, y })
                .then(PointerAction::Down { button: 0 })
                .then(PointerAction::Up { button: 0 });
            self.client.perform_actions(mouse).await
        };
        result.unwrap_or_else(|e| panic!("[{}] tap at ({x}, {y}) failed: {e}", self.viewport));
        let _ = self.client.release_actions().await;
    }

    /// Move the mouse to `(x, y)` in the viewport (hover), without pressing.
    pub async fn hover_at(&self, x: f64, y: f64) {
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveTo { duration: None, x, y });
        self.client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("[{}] hover failed: {e}", self.viewport));
    }

    /// Press and release `key` (a WebDriver key code such as `fantoccini::key::Key::Tab`).
    pub async fn press(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("[{}] key press failed: {e}", self.viewport));
    }

    /// True when an alert, confirm or prompt is open.
    pub async fn alert_open(&self) -> bool {
        match self.client.get_alert_text().await {
            Ok(_) => true,
            Err(CmdError::Standard(e)) if e.error == ErrorStatus::NoSuchAlert => false,
            Err(e) => panic!("[{}] cannot ask whether an alert is open: {e}", self.viewport),
        }
    }

    /// Run the health checks, then end the session.
    pub async fn finish(self, page: &str) {
        self.assert_healthy(page).await;
        let _ = self.client.close().await;
    }
}

/// A file-name-safe form of a URL path.
fn sanitize(s: &str) -> String {
    let cleaned: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let trimmed = cleaned.trim_matches('_');
    let short: String = trimmed.chars().take(80).collect();
    if short.is_empty() {
        "root".to_string()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_another_process_holds_is_not_taken_for_chromedriver() {
        // Another process listens on the port: a connection would succeed, but chromedriver
        // cannot bind it and exits, so the start fails for this port (and start() tries another).
        let other = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
        let port = other.local_addr().expect("a bound socket has an address").port();
        let failure = Chromedriver::start_on(port).err().expect("the port is held by another process");
        assert!(failure.contains(&format!("port {port}")), "{failure}");

        let driver = Chromedriver::start();
        assert_ne!(driver.port, port);
    }
}
