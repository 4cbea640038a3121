//! A real headless Chromium, started by `guichet` itself through `--browser`, and driven by
//! the test over WebDriver (chromedriver attached to it with `debuggerAddress`).

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::{Child, Command};

/// Flags known to work for Chromium as root in a closed network (see docs/TESTING.md).
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    // Headed, `--no-sandbox` brings an infobar a moment after the page loads; it pushes the
    // page down under a click that was aimed before. `--test-type` keeps it away.
    "--test-type",
];

/// Chromium with a window on the test display (Xvfb), as a kiosk's browser is. Headless
/// Chromium cannot take a URL from a second process on its profile (it exits 21), so only a
/// headed one proves that the end of a session reaches the very browser that holds the FC+
/// cookie; restarted, a browser has lost that session cookie.
pub fn headed_chromium_command(debug_port: u16) -> String {
    let display = std::env::var("GUICHET_TEST_DISPLAY")
        .or_else(|_| std::env::var("DISPLAY"))
        .expect(
            "a headed browser needs the test display: run the tests through scripts/test.sh (Xvfb)",
        );
    format!(
        "env DISPLAY={display} {} {} --remote-debugging-port={debug_port}",
        chromium_binary(),
        CHROMIUM_FLAGS[1..].join(" ")
    )
}

pub fn chromium_binary() -> String {
    std::env::var("GUICHET_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

pub fn chromedriver_binary() -> String {
    std::env::var("GUICHET_TEST_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

pub use sandbox::browser::free_port;

/// One Chromium instance with its own profile, opened by whoever runs `command()`.
pub struct Chromium {
    pub debug_port: u16,
    pub profile: tempfile::TempDir,
    pidfile: PathBuf,
    extra_flags: String,
}

impl Chromium {
    pub fn new() -> Self {
        let profile = tempfile::tempdir().expect("profile dir");
        let pidfile = profile.path().with_extension("pid");
        Self {
            debug_port: free_port(),
            profile,
            pidfile,
            extra_flags: String::new(),
        }
    }

    /// Trusts the server certificate whose public key hashes to `spki_sha256` (base64), as an
    /// office's browsers trust its private CA.
    #[allow(dead_code)] // the gateway tests' (this file is shared by path)
    pub fn trusting(mut self, spki_sha256: &str) -> Self {
        self.extra_flags = format!(" --ignore-certificate-errors-spki-list={spki_sha256}");
        self
    }

    /// Where Chromium writes its standard error (a crash says why there); a failed WebDriver
    /// step prints its end.
    fn log(&self) -> PathBuf {
        self.profile.path().with_extension("log")
    }

    /// The `--browser` command for `guichet`: records the PID, then becomes Chromium.
    pub fn command(&self) -> String {
        let flags = CHROMIUM_FLAGS.join(" ") + &self.extra_flags;
        format!(
            "sh -c 'echo $$ > {pid}; exec {bin} {flags} --user-data-dir={profile} --remote-debugging-port={port} \"$1\" 2>>{log}' sh {{url}}",
            log = self.log().display(),
            pid = self.pidfile.display(),
            bin = chromium_binary(),
            profile = self.profile.path().display(),
            port = self.debug_port,
        )
    }

    /// Opens `url` directly (for tests that do not go through `guichet`).
    pub fn launch(&self, url: &str) {
        let status = std::process::Command::new("sh")
            .args([
                "-c",
                &format!("{} &", self.command().replace("{url}", &format!("'{url}'"))),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("launch chromium");
        assert!(status.success());
    }

    /// Attaches WebDriver once Chromium's debugging port answers.
    pub async fn attach(&self) -> Driver {
        let mut driver = attach_to(self.debug_port).await;
        driver.chromium_log = Some(self.log());
        driver
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(&self.pidfile) {
            let _ = std::process::Command::new("kill")
                .args(["-9", pid.trim()])
                .status();
        }
        let _ = std::fs::remove_file(&self.pidfile);
        let _ = std::fs::remove_file(self.log());
    }
}

/// Attaches WebDriver to whatever Chromium listens on `debug_port` (e.g. one Guichet started).
pub async fn attach_to(debug_port: u16) -> Driver {
    wait_for_port(debug_port, Duration::from_secs(30)).await;
    Driver::attach(debug_port).await
}

/// A `--browser` command that hands the URL to the test (like `xdg-open` hands it to the
/// person's running browser), which then opens it in its own WebDriver-driven Chromium.
pub struct UrlInbox {
    path: PathBuf,
}

impl UrlInbox {
    pub fn new(dir: &std::path::Path) -> Self {
        Self {
            path: dir.join("opened-url"),
        }
    }

    pub fn command(&self) -> String {
        let path = self.path.display();
        format!("sh -c 'printf \"%s\" \"$1\" > {path}.tmp && mv {path}.tmp {path}' sh {{url}}")
    }

    /// Whether no URL waits to be read.
    pub fn is_empty(&self) -> bool {
        !self.path.exists()
    }

    /// The next URL Guichet asked to open.
    pub async fn next(&self) -> String {
        let start = std::time::Instant::now();
        loop {
            if let Ok(url) = std::fs::read_to_string(&self.path) {
                let _ = std::fs::remove_file(&self.path);
                return url;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "Guichet never opened a URL"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

pub async fn wait_for_port(port: u16, limit: Duration) {
    let start = std::time::Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < limit,
            "Chromium's debugging port {port} never opened"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A chromedriver process and a WebDriver session attached to one Chromium.
pub struct Driver {
    pub client: Client,
    chromedriver: Child,
    /// Chromium's standard error, when the test started that Chromium.
    chromium_log: Option<PathBuf>,
}

impl Driver {
    async fn attach(debug_port: u16) -> Self {
        let port = free_port();
        let chromedriver = Command::new(chromedriver_binary())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver must be installed (apt-get install chromium-driver)");
        wait_for_port(port, Duration::from_secs(20)).await;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "debuggerAddress": format!("127.0.0.1:{debug_port}") }),
        );
        // Chromium's debugging port can be open before it answers chromedriver's first
        // question ("chrome not reachable" on a loaded machine): asked again, for up to 30 s.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let client = loop {
            let attempt = ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e)
                    if format!("{e:?}").contains("not reachable")
                        && std::time::Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("WebDriver session on the running Chromium: {e}"),
            }
        };
        Self {
            client,
            chromedriver,
            chromium_log: None,
        }
    }

    /// The last lines Chromium wrote, for a failed step's message (a dead renderer or browser
    /// says why there, not in WebDriver's error).
    fn chromium_said(&self) -> String {
        let Some(text) = self
            .chromium_log
            .as_ref()
            .and_then(|log| std::fs::read_to_string(log).ok())
        else {
            return String::new();
        };
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("\nChromium's last words:\n{tail}")
    }

    /// Waits up to 20 s for an element by id. A look that chromedriver aborts because the page
    /// is navigating (FC+'s pages redirect and auto-submit) is tried again on the next page.
    async fn find(&self, id: &str) -> fantoccini::elements::Element {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let found = self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Id(id))
                .await;
            match found {
                Ok(element) => return element,
                Err(e) if e.to_string().contains("aborted by navigation") && !left.is_zero() => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!(
                    "no element #{id} on {}: {e}{}",
                    self.url().await,
                    self.chromium_said()
                ),
            }
        }
    }

    /// Waits for an element by id and clicks it, as a person would: once the page has loaded
    /// and painted (a headed browser just started can drop a click aimed at a page that is
    /// still settling).
    pub async fn click(&self, id: &str) {
        let element = self.find(id).await;
        self.settle().await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click #{id}: {e}{}", self.chromium_said()));
    }

    /// Until the page has loaded and painted twice.
    async fn settle(&self) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));\
                 if (document.readyState === 'complete') painted();\
                 else addEventListener('load', painted, { once: true });",
                vec![],
            )
            .await;
    }

    /// Clicks an element whose action may close the browser.
    pub async fn click_and_let_go(&self, id: &str) {
        let element = self.find(id).await;
        self.settle().await;
        let _ = element.click().await;
    }

    /// Waits for an element and returns its text.
    pub async fn text(&self, id: &str) -> String {
        self.find(id).await.text().await.expect("element text")
    }

    /// The loopback page's outcome (`body[data-page]`) and language, once it shows; its
    /// screenshot goes to `docs/screenshots/loopback-{outcome}-{language}.png` when
    /// `GUICHET_SCREENSHOTS=1`.
    pub async fn landing(&self) -> (String, String) {
        self.find("heading").await;
        let described = self
            .client
            .execute(
                "return [document.body.dataset.page, document.documentElement.lang]",
                vec![],
            )
            .await
            .expect("the loopback page answers");
        let address = self.url().await;
        assert!(
            !address.contains('?'),
            "the page takes the code and state out of the address bar (its one script, allowed by \
             its hash): {address}"
        );
        let page = described[0].as_str().unwrap_or_default().to_owned();
        let language = described[1].as_str().unwrap_or_default().to_owned();
        let png = self.client.screenshot().await.expect("a screenshot");
        crate::support::keep_screenshot(&format!("loopback-{page}-{language}"), &png);
        (page, language)
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Whether the current page has an element with this id (no waiting).
    pub async fn has(&self, id: &str) -> bool {
        self.client.find(Locator::Id(id)).await.is_ok()
    }

    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.chromedriver.kill().await;
    }
}

/// SIGTERMs every process on a private profile under `profiles`, as a person closing the
/// browser window would end it, and waits until none is left.
#[allow(dead_code)] // not every target that shares this file uses it
pub fn close_browsers_on(profiles: &std::path::Path) {
    let needle = profiles.display().to_string();
    let on_profile = || -> Vec<String> {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter(|e| {
                std::fs::read(e.path().join("cmdline"))
                    .is_ok_and(|raw| String::from_utf8_lossy(&raw).contains(&needle))
            })
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect()
    };
    let pids = on_profile();
    assert!(!pids.is_empty(), "a private browser was running");
    // Bash's builtin: procps (/usr/bin/kill) may not be installed.
    let _ = std::process::Command::new("bash")
        .args(["-c", &format!("kill -TERM {}", pids.join(" "))])
        .status();
    let start = std::time::Instant::now();
    while !on_profile().is_empty() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the browser did not close"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
