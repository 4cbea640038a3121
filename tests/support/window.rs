//! The real window: `guichet` started by `tauri-driver` + `WebKitWebDriver` under the
//! display the test command provides (Xvfb in `scripts/test.sh`). The app's browser is a real
//! Chromium with a window on that display (private mode, as on a kiosk) that the test clicks
//! through the sandbox.
//!
//! One window at a time: the app is single-instance per desktop session, as in production.
//! Screenshots of each screen in both languages go to `docs/screenshots/` when
//! `GUICHET_SCREENSHOTS=1` (see docs/DEVELOPERS.md).

use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::support::browser::{
    CHROMIUM_FLAGS, Driver, UrlInbox, attach_to, chromium_binary, free_port, wait_for_port,
};
use crate::support::cli::Machine;
use crate::support::fixtures::{CLIENT_SECRET, Provider};

static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The staff PIN of the test configurations.
pub const PIN: &str = "2468";

/// [`PIN`]'s `[kiosk] staff_pin` value: its Argon2id hash, as `guichet pin hash` prints it.
pub fn hashed_pin() -> String {
    session::config::StaffPin::hash(PIN).expect("a staff PIN hashes")
}

/// A running Guichet window and the WebDriver session on it.
pub struct Window {
    pub client: Client,
    pub chromium_port: u16,
    pub log: PathBuf,
    pub data_dir: PathBuf,
    /// What the desktop's browser was asked to open (`xdg-open`, the test's own on `PATH`).
    opened: UrlInbox,
    driver: std::process::Child,
    _one: tokio::sync::MutexGuard<'static, ()>,
}

/// WebDriver's keys (the W3C key codes).
pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const SHIFT: char = '\u{E008}';
pub const ESCAPE: char = '\u{E00C}';

/// Where the keyboard's focus is ([`Window::focus`]).
#[derive(Debug)]
pub struct Focus {
    pub id: String,
    pub visible: bool,
    pub trapped: bool,
}

/// The `[browser]` and `[kiosk]` sections every window test uses, plus `extra` lines for the
/// `[kiosk]` section.
pub fn app_sections(chromium_port: u16, kiosk_extra: &str) -> String {
    app_sections_with(chromium_port, "", kiosk_extra)
}

/// [`app_sections`] with `browser_flags` added to the browser's command.
pub fn app_sections_with(chromium_port: u16, browser_flags: &str, kiosk_extra: &str) -> String {
    format!(
        "[browser]\nmode = \"private\"\nkind = \"chromium\"\ncommand = \"{bin} {flags} {browser_flags} --remote-debugging-port={chromium_port}\"\n\n[kiosk]\nstaff_pin = \"{pin}\"\n{kiosk_extra}\n",
        // As an office writes it (`guichet pin hash`): the one form every environment takes.
        pin = hashed_pin(),
        bin = chromium_binary(),
        // Headed, on the window's display, as a kiosk's browser: the end of a session hands
        // the logout to this very browser (a headless one cannot take it, see browser.rs).
        flags = CHROMIUM_FLAGS[1..].join(" "),
    )
}

/// Where the window shows (its browser opens there too).
pub enum Surface {
    /// An X display (`:99`).
    X11(std::ffi::OsString),
    /// A Wayland compositor's socket, and a runtime folder of the clients' own.
    Wayland { socket: PathBuf, runtime: PathBuf },
}

/// `ui/index.html` and every `.ts` and `.css` file under `ui/src`, one after the other: where
/// the UI's build looks for the DSFR classes it keeps (`dsfrUsedOnly`). Read once per run.
fn ui_sources() -> &'static str {
    static SOURCES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCES.get_or_init(|| {
        let ui = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui");
        let sources = crate::support::files(&ui.join("src"))
            .into_iter()
            .filter(|path| path.extension().is_some_and(|e| e == "ts" || e == "css"));
        std::iter::once(ui.join("index.html"))
            .chain(sources)
            .map(|path| std::fs::read_to_string(&path).expect("a UI source"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

impl Window {
    /// Opens the window on the embedded sandbox with the test browser and `kiosk_extra`.
    pub async fn sandbox(machine: &Machine, kiosk_extra: &str, args: &[&str]) -> Self {
        let chromium_port = free_port();
        let config = machine.dir.path().join("guichet.toml");
        std::fs::write(&config, app_sections(chromium_port, kiosk_extra)).unwrap();
        let mut all = vec!["window".to_owned(), "--config".to_owned()];
        all.push(config.display().to_string());
        all.extend(args.iter().map(|a| a.to_string()));
        Self::open(machine, chromium_port, all).await
    }

    /// Opens the window with `args` after `guichet`.
    pub async fn open(machine: &Machine, chromium_port: u16, args: Vec<String>) -> Self {
        // scripts/test.sh gives the Xvfb display to these tests only (see there why).
        let display = std::env::var_os("GUICHET_TEST_DISPLAY")
            .or_else(|| std::env::var_os("DISPLAY"))
            .expect("the window tests need a display: run them through scripts/test.sh (Xvfb)");
        Self::open_on(machine, chromium_port, args, &Surface::X11(display), None).await
    }

    /// Opens the window with `args` after `guichet` on `surface` (its browser opens there too),
    /// on the session bus at `bus` when given (a Secret Service of the test's own).
    pub async fn open_on(
        machine: &Machine,
        chromium_port: u16,
        args: Vec<String>,
        surface: &Surface,
        bus: Option<&str>,
    ) -> Self {
        let one = ONE_WINDOW.lock().await;
        let port = free_port();
        let log = machine.dir.path().join("window.log");
        let log_file = std::fs::File::create(&log).unwrap();
        let mut driver = std::process::Command::new(tauri_driver());
        if let Some(bus) = bus {
            driver.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
        match surface {
            Surface::X11(display) => driver.env("DISPLAY", display),
            Surface::Wayland { socket, runtime } => driver
                .env_remove("DISPLAY")
                .env("WAYLAND_DISPLAY", socket)
                .env("GDK_BACKEND", "wayland")
                .env("XDG_RUNTIME_DIR", runtime),
        };
        // The desktop's default browser, as `xdg-open` (which Tauri's opener runs) reaches it:
        // a script of the test's that writes the address down instead.
        let opened = UrlInbox::new(machine.dir.path());
        let bin = machine.dir.path().join("desktop-bin");
        std::fs::create_dir_all(&bin).unwrap();
        let xdg_open = bin.join("xdg-open");
        std::fs::write(
            &xdg_open,
            format!(
                "#!/bin/sh\nexec {}\n",
                opened.command().replace("{url}", "\"$1\"")
            ),
        )
        .unwrap();
        std::fs::set_permissions(
            &xdg_open,
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .unwrap();
        let path = std::env::var("PATH").unwrap_or_default();
        driver.env("PATH", format!("{}:{path}", bin.display()));
        let driver = driver
            .args(["--port", &port.to_string()])
            .args(["--native-port", &free_port().to_string()])
            .env("GUICHET_DATA_DIR", machine.data_dir())
            .env("GUICHET_SYSTEM_CONFIG", machine.system_config())
            .env("XDG_CONFIG_HOME", machine.dir.path().join("config"))
            .env("GUICHET_CACHE_DIR", machine.dir.path().join("cache"))
            .env("TMPDIR", machine.dir.path().join("tmp"))
            .env("GUICHET_LANG", "fr")
            .env("GUICHET_LOG", "info")
            .env("GUICHET_FIXTURE_SECRET", CLIENT_SECRET)
            // No accessibility bus in tests: it only adds D-Bus activations and noise.
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            // Its own process group: the app, WebKit and Chromium all go when the test ends.
            .process_group(0)
            .spawn()
            .expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
        wait_for_port(port, Duration::from_secs(20)).await;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": std::env::var("GUICHET_TEST_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_guichet").into()), "args": args }),
        );
        caps.insert("browserName".into(), json!("wry"));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session on the Guichet window");
        let window = Self {
            client,
            chromium_port,
            log,
            data_dir: machine.data_dir(),
            opened,
            driver,
            _one: one,
        };
        window.wait_for_screen("home").await;
        window
    }

    /// Presses a chord through WebDriver (all keys down in order, then up in reverse), as a
    /// keyboard does: `&[Key::Control.into(), 'p']`.
    pub async fn press(&self, chord: &[char]) {
        use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
        let mut keys = KeyActions::new("keyboard".into());
        for &key in chord {
            keys = keys.then(KeyAction::Down { value: key });
        }
        for &key in chord.iter().rev() {
            keys = keys.then(KeyAction::Up { value: key });
        }
        self.client
            .perform_actions(keys)
            .await
            .expect("the keys are sent");
    }

    /// Waits until the UI shows `screen` (`body[data-screen]`).
    pub async fn wait_for_screen(&self, screen: &str) {
        self.wait_for(
            &format!("body[data-screen='{screen}']"),
            Duration::from_secs(30),
        )
        .await;
    }

    pub async fn wait_for(&self, css: &str, limit: Duration) -> fantoccini::elements::Element {
        match self
            .client
            .wait()
            .at_most(limit)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                let screen = self.script("return document.body.dataset.screen").await;
                let text = self.script("return document.body.innerText").await;
                panic!("no {css} within {limit:?} ({e}); screen {screen}: {text}")
            }
        }
    }

    /// Waits until nothing matches `css`.
    /// Whether an element matching `css` appears within `limit` (no panic).
    pub async fn appears(&self, css: &str, limit: Duration) -> bool {
        let found = self.client.wait().at_most(limit);
        found.for_element(Locator::Css(css)).await.is_ok()
    }

    pub async fn wait_gone(&self, css: &str, limit: Duration) {
        let start = Instant::now();
        while self.client.find(Locator::Css(css)).await.is_ok() {
            assert!(start.elapsed() < limit, "{css} still there after {limit:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Clicks as a person would (a real pointer event: it counts as activity).
    pub async fn click(&self, id: &str) {
        self.wait_for(&format!("#{id}"), Duration::from_secs(20))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click #{id}: {e}"));
    }

    pub async fn text(&self, id: &str) -> String {
        self.wait_for(&format!("#{id}"), Duration::from_secs(20))
            .await
            .text()
            .await
            .unwrap()
    }

    /// Waits until the text of `id` starts with `prefix` (the UI updates it from a status poll).
    pub async fn wait_for_text(&self, id: &str, prefix: &str, limit: Duration) -> String {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let text = self.text(id).await;
            if text.starts_with(prefix) || tokio::time::Instant::now() >= deadline {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Until WebKit has painted the current screen twice, and a moment for it to reach the X
    /// server (a screenshot of the whole screen reads what the display shows, not the DOM).
    pub async fn painted(&self) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    pub async fn has(&self, id: &str) -> bool {
        self.client.find(Locator::Id(id)).await.is_ok()
    }

    pub async fn script(&self, code: &str) -> Value {
        self.client
            .execute(code, vec![])
            .await
            .unwrap_or(Value::Null)
    }

    /// Switches language by script (no pointer event, so the idle countdown runs on).
    pub async fn switch_language(&self, language: &str) {
        self.script(&format!(
            "document.getElementById('lang-{language}').click()"
        ))
        .await;
        self.wait_for(&format!("html[lang='{language}']"), Duration::from_secs(5))
            .await;
    }

    /// Screenshots of the current screen in French then English (back to French after), and
    /// in each language axe-core's WCAG 2.1 A and AA rules (RGAA 4's basis) run inside the
    /// window: no violation.
    pub async fn screenshots(&self, name: &str) {
        for language in ["fr", "en"] {
            self.switch_language(language).await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            let png = self.client.screenshot().await.expect("screenshot");
            crate::support::keep_screenshot(&format!("{name}-{language}"), &png);
            let violations = self.axe_violations().await;
            assert!(
                violations.is_empty(),
                "axe-core on {name} ({language}): {}",
                violations.join("; ")
            );
            let unwritten = self.dsfr_classes_unwritten().await;
            assert!(
                unwritten.is_empty(),
                "DSFR classes on {name} ({language}) that ui/'s sources never write whole, so \
                 the build drops their rules (`dsfrUsedOnly` in ui/vite.config.ts): {unwritten:?}"
            );
        }
        self.switch_language("fr").await;
    }

    /// The DSFR classes (`fr-…`) on the window's elements now that no file of `ui/src` or
    /// `ui/index.html` holds whole. The UI's build keeps only DSFR's rules for classes its
    /// sources hold (`dsfrUsedOnly`), so a class pieced together at run time would be drawn
    /// without its rules.
    pub async fn dsfr_classes_unwritten(&self) -> Vec<String> {
        let on_screen = self
            .script(
                "return [...new Set([...document.querySelectorAll('*')]\
                   .flatMap(e => [...e.classList]).filter(c => c.startsWith('fr-')))]",
            )
            .await;
        let sources = ui_sources();
        let written = |class: &str| {
            sources.match_indices(class).any(|(at, _)| {
                let after = sources[at + class.len()..].chars().next();
                !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            })
        };
        on_screen
            .as_array()
            .expect("the window's classes")
            .iter()
            .filter_map(Value::as_str)
            .filter(|class| !written(class))
            .map(str::to_owned)
            .collect()
    }

    /// axe-core's WCAG 2.1 A and AA violations on what the window shows now, one line each
    /// (rule, impact, the elements). Run inside WebKitGTK, the window's own engine; axe-core
    /// comes from the UI's npm packages (`ui/node_modules/axe-core`).
    pub async fn axe_violations(&self) -> Vec<String> {
        if self.script("return typeof window.axe").await != "object" {
            let axe = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../ui/node_modules/axe-core/axe.min.js"
            ))
            .expect("axe-core is installed (scripts/deps.sh: npm packages of ui/)");
            self.client
                .execute(&axe, vec![])
                .await
                .expect("axe-core loads in the window");
        }
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, { runOnly: { type: 'tag',\
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })\
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '\
                     + v.nodes.map(n => n.target.join(' ')).join(', '))))\
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(result).expect("a list of violations")
    }

    /// The Chromium the app opened, attached over WebDriver.
    pub async fn browser(&self) -> Driver {
        attach_to(self.chromium_port).await
    }

    /// Where the keyboard's focus is: the element's id, whether its focus ring shows
    /// (`:focus-visible` with an outline), and whether it is inside the open dialog when one is
    /// open. `None` when the focus is nowhere (the page's body).
    pub async fn focus(&self) -> Option<Focus> {
        let value = self
            .script(
                "const e = document.activeElement;\
                 if (!e || e === document.body) return null;\
                 const s = getComputedStyle(e); const r = e.getBoundingClientRect();\
                 const dialog = document.querySelector('dialog[open]');\
                 return { id: e.id, visible: e.matches(':focus-visible') && s.outlineStyle !== 'none'\
                   && parseFloat(s.outlineWidth) > 0 && r.width > 0 && r.height > 0,\
                   trapped: !dialog || dialog.contains(e) };",
            )
            .await;
        Some(Focus {
            id: value.get("id")?.as_str()?.to_owned(),
            visible: value.get("visible")?.as_bool()?,
            trapped: value.get("trapped")?.as_bool()?,
        })
    }

    /// Presses Tab until the element `id` has the focus, as a keyboard user does, checking at
    /// every stop that the focus shows and stays inside an open dialog.
    pub async fn tab_to(&self, id: &str) -> Focus {
        for _ in 0..40 {
            self.press(&[TAB]).await;
            let focus = self.focus().await.expect("Tab leaves the focus somewhere");
            if !focus.visible {
                let why = self
                    .script(
                        "const e = document.activeElement; const s = getComputedStyle(e);\
                         return [e.outerHTML.slice(0, 200), e.matches(':focus-visible'), s.outlineStyle,\
                         s.outlineWidth, s.outlineColor, e.getBoundingClientRect().width]",
                    )
                    .await;
                panic!("the focus does not show on #{}: {why}", focus.id);
            }
            assert!(
                focus.trapped,
                "the focus went behind the dialog, to #{}",
                focus.id
            );
            if focus.id == id {
                return focus;
            }
        }
        panic!("Tab never reached #{id}");
    }

    /// The next address Guichet asked the desktop's browser to open.
    pub async fn opened_url(&self) -> String {
        self.opened.next().await
    }

    /// Whether Guichet has asked the desktop's browser for nothing since the last look.
    pub fn no_url_opened(&self) -> bool {
        self.opened.is_empty()
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Whether any private browser profile is left on disk.
    pub fn profiles_left(&self) -> usize {
        std::fs::read_dir(self.data_dir.join("browser-profiles"))
            .map(|entries| entries.count())
            .unwrap_or(0)
    }

    /// What a person does when they close the private browser: every process on a profile of
    /// this machine ends (SIGTERM, a clean exit that drops session cookies).
    pub fn person_closes_the_browser(&self) {
        crate::support::browser::close_browsers_on(&self.data_dir.join("browser-profiles"));
    }

    /// Ends the WebDriver session (WebKitWebDriver may wait on the closed app: at most 5 s),
    /// then kills what is left.
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.clone().close()).await;
        self.kill();
    }

    fn kill(&mut self) {
        super::kill_group(self.driver.id());
        let _ = self.driver.wait();
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        self.kill();
    }
}

fn tauri_driver() -> String {
    std::env::var("GUICHET_TEST_TAURI_DRIVER").unwrap_or_else(|_| {
        let home = std::env::var("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cargo"));
        let installed = home.join("bin/tauri-driver");
        if installed.exists() {
            installed.display().to_string()
        } else {
            "tauri-driver".into()
        }
    })
}

/// Clicks through the sandbox in the app's Chromium, then lets the tab go.
pub async fn through_fc_plus(window: &Window, ids: &[&str]) {
    let browser = window.browser().await;
    for id in ids {
        browser.click(id).await;
    }
    let (page, language) = browser.landing().await;
    assert_eq!(page, "signed-in", "the tab says the identity is verified");
    let eidas = ids.iter().any(|id| id.starts_with("country-"));
    assert_eq!(
        language,
        if eidas { "en" } else { "fr" },
        "the window's language, English on the eIDAS path as FC+'s pages"
    );
    browser.close().await;
}

/// The same at a kiosk, whose private browser Guichet closes as soon as the identity is
/// verified: its profile is gone once the identity shows.
pub async fn through_fc_plus_at_a_kiosk(window: &Window, ids: &[&str]) {
    let browser = window.browser().await;
    let (last, before) = ids.split_last().expect("at least one click");
    for id in before {
        browser.click(id).await;
    }
    // Guichet closes the browser under this click, once the identity is verified.
    browser.click_and_let_go(last).await;
    window.wait_for_screen("identity").await;
    assert_eq!(
        window.profiles_left(),
        0,
        "the kiosk's private browser is closed and its profile deleted at once"
    );
    browser.close().await;
}

/// `guichet session show` on the same machine: what the vault holds.
/// `session show` of the provider's own configuration (its env's vault binding: a bare
/// `session show` would read the sandbox's and find nothing whatever the window kept).
pub async fn provider_session(provider: &Provider) -> std::process::Output {
    provider
        .guichet(&["session", "show", "--json"])
        .output()
        .await
        .unwrap()
}

pub async fn vault_session(machine: &Machine) -> std::process::Output {
    machine
        .guichet()
        .args(["session", "show", "--json"])
        .output()
        .await
        .unwrap()
}
