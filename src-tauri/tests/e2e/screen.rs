//! What a person at a kiosk sees: the window in kiosk mode on a display of its own with a
//! window manager (openbox), as a kiosk's session has, the private browser headed on the same
//! screen, and the whole screen looked at: which window is active (`xdotool`), and a
//! screenshot of the root window (ImageMagick's `import`) at each step.
//! `GUICHET_SCREENSHOTS=1` keeps them in `docs/screenshots/kiosk-*.png`.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::AsyncBufReadExt as _;
use tokio::process::{Child, Command};

use crate::browser::free_port;
use crate::cli::Machine;
use crate::keyring::{PrivateKeyring, kernel_keys};
use crate::window::{Surface, Window, app_sections};

/// An X display with a window manager: Xvfb picks a free display number, openbox manages it;
/// and a session bus whose Secret Service stayed locked, as an autologin kiosk's.
pub struct Screen {
    display: String,
    keyring: PrivateKeyring,
    _keyring_home: tempfile::TempDir,
    _xvfb: Child,
    _wm: Child,
}

/// Xvfb on a display number it picks itself; returns it with its name (`:N`).
pub async fn xvfb() -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    let mut line = String::new();
    tokio::io::BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .await
        .unwrap();
    (xvfb, format!(":{}", line.trim()))
}

impl Screen {
    pub async fn new() -> Self {
        let (xvfb, display) = xvfb().await;
        let wm = Command::new("openbox")
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("openbox (apt-get install openbox)");
        let keyring_home = tempfile::tempdir().unwrap();
        let keyring = PrivateKeyring::start(keyring_home.path()).await;
        keyring.lock().await;
        let screen = Self {
            display,
            keyring,
            _keyring_home: keyring_home,
            _xvfb: xvfb,
            _wm: wm,
        };
        // The window manager is up once it names itself on the root window.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !screen
            .run("xprop", &["-root", "_NET_SUPPORTING_WM_CHECK"])
            .contains("window id")
        {
            assert!(Instant::now() < deadline, "openbox never started");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        screen
    }

    pub fn run(&self, program: &str, args: &[&str]) -> String {
        let output = std::process::Command::new(program)
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Guichet in kiosk mode on this screen, on the sandbox, with its private headed Chromium
    /// here too (the machine holds the install's folders: keep it as long as the window).
    pub async fn kiosk(&self) -> (Machine, Window) {
        let machine = Machine::new();
        let chromium_port = free_port();
        let config = machine.dir.path().join("guichet.toml");
        std::fs::write(&config, app_sections(chromium_port, "")).unwrap();
        let args = ["window", "--kiosk", "--config"]
            .into_iter()
            .map(String::from)
            .chain([config.display().to_string()])
            .collect();
        let display = Surface::X11(self.display.clone().into());
        let bus = Some(self.keyring.address());
        let window = Window::open_on(&machine, chromium_port, args, &display, bus).await;
        (machine, window)
    }

    /// The title of the window that has the focus.
    pub fn active(&self) -> String {
        self.run("xdotool", &["getactivewindow", "getwindowname"])
    }

    /// Waits until the active window's title satisfies `check`; returns it.
    pub async fn wait_active(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let active = self.active();
            if check(&active) {
                return active;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: the active window is {active:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The top-level windows the X server shows now (children of the root that are mapped
    /// and viewable): a print dialog, a context menu, an inspector or a find bar would be one
    /// more, named or not.
    pub fn viewable_windows(&self) -> Vec<String> {
        self.run("xwininfo", &["-root", "-children", "-int"])
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .filter(|id| id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
            .filter(|id| {
                self.run("xwininfo", &["-id", id])
                    .contains("Map State: IsViewable")
            })
            .map(str::to_owned)
            .collect()
    }

    /// How many visible windows have a title matching `pattern`.
    fn visible(&self, pattern: &str) -> usize {
        self.run("xdotool", &["search", "--onlyvisible", "--name", pattern])
            .lines()
            .count()
    }

    /// A screenshot of the whole screen.
    fn shot(&self, name: &str) {
        let file = std::env::temp_dir().join(format!("guichet-{}-{name}.png", std::process::id()));
        let file_arg = file.display().to_string();
        self.run("import", &["-window", "root", &file_arg]);
        let png = std::fs::read(&file).expect("a screenshot of the root window");
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        if std::env::var_os("GUICHET_SCREENSHOTS").is_some() {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("kiosk-{name}.png")), png).unwrap();
        }
        let _ = std::fs::remove_file(file);
    }
}

pub fn is_guichet(title: &str) -> bool {
    title == "Guichet"
}

pub fn is_browser(title: &str) -> bool {
    title.ends_with("Chromium")
}

/// A kiosk sign-in and its end as the person sees them: Guichet at start, the browser with
/// FC+ while they sign in (full screen, without address bar or tabs), Guichet with the identity
/// as soon as FC+ sends them back (never the browser's page with the code in its address bar),
/// the private browser closed at once, and nothing over Guichet after the end. The session's
/// Secret Service stayed locked (an autologin kiosk): the data key lives in the kernel keyring
/// while the identity shows, and goes with the end.
#[tokio::test]
async fn on_a_kiosk_the_browser_then_guichet_have_the_front_and_no_browser_outlives_the_end() {
    let screen = Screen::new().await;
    let (machine, window) = screen.kiosk().await;

    screen.wait_active("Guichet at start", is_guichet).await;
    window.painted().await;
    screen.shot("1-home");

    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.text("idp-fip1").await;
    let active = screen
        .wait_active("the browser with FC+ in front", is_browser)
        .await;
    assert!(active.contains("FranceConnect+"), "{active}");
    // A kiosk's browser: the page is the whole screen, no address bar, tabs or menus.
    let sizes = browser
        .client
        .execute(
            "return [innerWidth, innerHeight, screen.width, screen.height]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        sizes,
        serde_json::json!([1280, 900, 1280, 900]),
        "FC+'s page fills the screen: [viewport, screen]"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    screen.shot("2-fc-plus");

    for id in ["idp-fip1", "identity-marie"] {
        browser.click(id).await;
    }
    browser.text("consent-button").await;
    // Guichet closes the kiosk's browser under this click, once the identity is verified.
    browser.click_and_let_go("consent-button").await;
    window.wait_for_screen("identity").await;
    screen
        .wait_active("Guichet back in front with the identity", is_guichet)
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while screen.visible("Chromium") > 0 {
        assert!(
            Instant::now() < deadline,
            "the kiosk's private browser closes as soon as the identity is verified"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    window.painted().await;
    screen.shot("3-identity");
    assert_eq!(
        kernel_keys(&machine.data_dir()).len(),
        1,
        "the kiosk keeps the session's key in the kernel keyring, the Secret Service being locked"
    );

    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    assert_eq!(
        screen.visible("Chromium"),
        0,
        "no browser window after the end"
    );
    screen
        .wait_active("Guichet in front after the end", is_guichet)
        .await;
    assert_eq!(
        kernel_keys(&machine.data_dir()),
        Vec::<String>::new(),
        "the end removed the kernel key"
    );
    window.painted().await;
    screen.shot("4-ended");
    window.close().await;
}

/// A person at the kiosk presses Alt+F4: the window manager asks the window to close, the kiosk
/// stays and asks for the staff PIN; a wrong PIN keeps it, the right one closes it.
#[tokio::test]
async fn on_a_kiosk_alt_f4_asks_for_the_staff_pin_and_only_the_pin_closes_it() {
    let screen = Screen::new().await;
    let (_machine, window) = screen.kiosk().await;
    screen.wait_active("Guichet at start", is_guichet).await;

    // openbox's own binding for Alt+F4: a close request to the active window.
    screen.run("xdotool", &["key", "alt+F4"]);
    window
        .wait_for("#pin-dialog[data-purpose='quit']", Duration::from_secs(10))
        .await;
    assert_eq!(screen.visible("^Guichet$"), 1, "the kiosk is still there");
    window.painted().await;
    screen.shot("5-close-asks-pin");
    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.send_keys("1111").await.unwrap();
    window.click("pin-submit").await;
    assert!(window.text("pin-error").await.contains("incorrect"));
    assert_eq!(screen.visible("^Guichet$"), 1, "a wrong PIN closes nothing");

    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.clear().await.unwrap();
    input.send_keys(crate::window::PIN).await.unwrap();
    let submit = window.wait_for("#pin-submit", Duration::from_secs(5)).await;
    // The app quits under this click: WebDriver may lose the window before it answers.
    let _ = submit.click().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while screen.visible("^Guichet$") > 0 {
        assert!(Instant::now() < deadline, "the staff PIN closes the kiosk");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    window.close().await;
}
