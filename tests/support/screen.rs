//! What a person at a kiosk sees: the window in kiosk mode on a display of its own with a
//! window manager (openbox), as a kiosk's session has, the private browser headed on the same
//! screen, and the whole screen looked at: which window is active (`xdotool`), and a
//! screenshot of the root window (ImageMagick's `import`) at each step.
//! `GUICHET_SCREENSHOTS=1` keeps them in `docs/screenshots/kiosk-*.png`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::AsyncBufReadExt as _;
use tokio::process::{Child, Command};

use crate::support::browser::free_port;
use crate::support::cli::Machine;
use crate::support::keyring::PrivateKeyring;
use crate::support::window::{Surface, Window, app_sections};

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
        run_on(&self.display, program, args)
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
    pub fn visible(&self, pattern: &str) -> usize {
        self.run("xdotool", &["search", "--onlyvisible", "--name", pattern])
            .lines()
            .count()
    }

    /// A screenshot of the whole screen.
    pub fn shot(&self, name: &str) {
        let file = std::env::temp_dir().join(format!("guichet-{}-{name}.png", std::process::id()));
        let file_arg = file.display().to_string();
        self.run("import", &["-window", "root", &file_arg]);
        let png = std::fs::read(&file).expect("a screenshot of the root window");
        crate::support::keep_screenshot(&format!("kiosk-{name}"), &png);
        let _ = std::fs::remove_file(file);
    }
}

/// `program args` on the X display `display`; its standard output, trimmed.
pub fn run_on(display: &str, program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

pub fn is_guichet(title: &str) -> bool {
    title == "Guichet"
}

pub fn is_browser(title: &str) -> bool {
    title.ends_with("Chromium")
}
