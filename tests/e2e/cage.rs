//! The kiosk on `cage`, the single-application Wayland compositor a kiosk session boots into
//! (Debian's package): Guichet and its private Chromium are Wayland clients of a real cage, and
//! the test looks at cage's screen itself.
//!
//! cage draws its output into an X11 window on Xvfb (wlroots' X11 backend with its pixman
//! renderer: no GPU here; its headless backend never redraws after the first frame, see
//! docs/DEVELOPERS.md), so `import` takes the screen as a person sees it. cage has no way to
//! ask which client is in front (no IPC, no foreign-toplevel protocol), so the test asks the
//! screen: it compares the screenshot with each client's own picture of its page (WebDriver's
//! screenshot of the Guichet window, chromedriver's of the browser) and names the nearer one.
//! cage refuses to run as root; as root the test runs it as `nobody`, the clients stay the
//! test's own.

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, ChildStdin, Command};

use crate::support::browser::{Driver, free_port};
use crate::support::cli::Machine;
use crate::support::keep_screenshot;
use crate::support::keyring::{PrivateKeyring, kernel_keys};
use crate::support::screen::{run_on, xvfb};
use crate::support::window::{Surface, Window, app_sections_with};

/// A cage compositor on its own Xvfb, and a session bus whose Secret Service stayed locked, as
/// an autologin kiosk's.
struct Cage {
    display: String,
    socket: PathBuf,
    clients_runtime: tempfile::TempDir,
    shots: tempfile::TempDir,
    keyring: PrivateKeyring,
    _keyring_home: tempfile::TempDir,
    _runtime: tempfile::TempDir,
    // cage's one application reads its standard input: dropped, it ends, and cage with it.
    _hold: ChildStdin,
    _cage: Child,
    _xvfb: Child,
}

/// `nobody`: cage drops root rights it should not have, and refuses to start when it cannot.
const NOBODY: u32 = 65534;

impl Cage {
    async fn new() -> Self {
        let (xvfb, display) = xvfb().await;
        let runtime = tempfile::tempdir().unwrap();
        let as_root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
        let mut cage = if as_root {
            std::os::unix::fs::chown(runtime.path(), Some(NOBODY), Some(NOBODY)).unwrap();
            let mut command = Command::new("setpriv");
            command.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
                "cage",
            ]);
            command
        } else {
            Command::new("cage")
        };
        let mut cage = cage
            .args(["--", "sh", "-c", "read _"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("XDG_RUNTIME_DIR", runtime.path())
            .env("DISPLAY", &display)
            .env("WLR_BACKENDS", "x11")
            .env("WLR_RENDERER", "pixman")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("cage (apt-get install cage xwayland)");
        let hold = cage.stdin.take().unwrap();
        let socket = runtime.path().join("wayland-0");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "cage never opened its socket");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let keyring_home = tempfile::tempdir().unwrap();
        let keyring = PrivateKeyring::start(keyring_home.path()).await;
        keyring.lock().await;
        Self {
            display,
            socket,
            clients_runtime: tempfile::tempdir().unwrap(),
            shots: tempfile::tempdir().unwrap(),
            keyring,
            _keyring_home: keyring_home,
            _runtime: runtime,
            _hold: hold,
            _cage: cage,
            _xvfb: xvfb,
        }
    }

    /// Guichet in kiosk mode on cage, on the sandbox, with its private Chromium on cage too.
    async fn kiosk(&self) -> (Machine, Window) {
        let machine = Machine::new();
        let chromium_port = free_port();
        let config = machine.dir.path().join("guichet.toml");
        let sections = app_sections_with(chromium_port, "--ozone-platform=wayland", "");
        std::fs::write(&config, sections).unwrap();
        let args = ["window", "--kiosk", "--config"]
            .into_iter()
            .map(String::from)
            .chain([config.display().to_string()])
            .collect();
        let surface = Surface::Wayland {
            socket: self.socket.clone(),
            runtime: self.clients_runtime.path().to_owned(),
        };
        let bus = Some(self.keyring.address());
        let window = Window::open_on(&machine, chromium_port, args, &surface, bus).await;
        (machine, window)
    }

    /// The screen as cage shows it now: its output's window on Xvfb, as a PNG file.
    fn screen(&self, into: &Path) -> (u32, u32) {
        let run = |program: &str, args: &[&str]| run_on(&self.display, program, args);
        let tree = run("xwininfo", &["-root", "-children"]);
        let output = tree
            .lines()
            .find_map(|line| line.trim().strip_prefix("0x"))
            .and_then(|rest| rest.split_whitespace().next())
            .map(|id| format!("0x{id}"))
            .expect("cage's output window on Xvfb");
        run("import", &["-window", &output, &into.display().to_string()]);
        png_size(into)
    }

    /// Waits until cage shows `front`: the screen is near enough to `front`'s own picture to be
    /// that page (normalised RMSE under 0.05), and nearer to it than to `other`, a picture of
    /// the window that was in front before. Keeps the screenshot as `name` (see [`keep`]) and
    /// returns it.
    async fn wait_front(
        &self,
        name: &str,
        what: &str,
        front: &Picture<'_>,
        other: Option<&Path>,
    ) -> PathBuf {
        let screen = self.shots.path().join(format!("{name}.png"));
        let reference = self.shots.path().join(format!("{name}-page.png"));
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let size = self.screen(&screen);
            std::fs::write(&reference, front.take().await).unwrap();
            assert_eq!(
                png_size(&reference),
                size,
                "{what}: the page fills cage's screen"
            );
            let near = distance(&screen, &reference);
            let far = other.map_or(1.0, |other| distance(&screen, other));
            if near < 0.05 && near < far {
                keep_screenshot(name, &std::fs::read(&screen).unwrap());
                return screen;
            }
            if Instant::now() >= deadline {
                // Kept for a look: what the screen showed, and the window's own picture.
                let kept = std::env::temp_dir().join(format!("guichet-cage-{name}"));
                std::fs::create_dir_all(&kept).unwrap();
                std::fs::copy(&screen, kept.join("screen.png")).unwrap();
                std::fs::copy(&reference, kept.join("page.png")).unwrap();
                panic!(
                    "{what}: the screen is {near:.3} from it and {far:.3} from the other window \
                     (both pictures in {})",
                    kept.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// A picture of `what` in the same folder as the screenshots.
    async fn picture(&self, name: &str, what: &Picture<'_>) -> PathBuf {
        let file = self.shots.path().join(format!("{name}.png"));
        std::fs::write(&file, what.take().await).unwrap();
        file
    }
}

/// A window's own picture of its page.
enum Picture<'a> {
    Guichet(&'a Window),
    Browser(&'a Driver),
}

impl Picture<'_> {
    async fn take(&self) -> Vec<u8> {
        match self {
            Picture::Guichet(window) => window.client.screenshot().await,
            Picture::Browser(browser) => browser.client.screenshot().await,
        }
        .expect("a WebDriver screenshot")
    }
}

fn png_size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).expect("a PNG");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG: {}", png.display());
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// ImageMagick's normalised root-mean-square difference of two pictures of one size (0 = the
/// same pixels, 1 = opposite).
fn distance(a: &Path, b: &Path) -> f64 {
    let output = std::process::Command::new("compare")
        .args(["-metric", "RMSE"])
        .args([a, b])
        .arg("null:")
        .output()
        .expect("compare (apt-get install imagemagick)");
    let said = String::from_utf8_lossy(&output.stderr);
    said.split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .and_then(|(value, _)| value.parse().ok())
        .unwrap_or_else(|| panic!("compare said {said:?}"))
}

/// A kiosk sign-in on cage, as the person sees it: Guichet on the screen at start, the browser
/// with FC+ over it while they sign in, Guichet with the identity as soon as FC+ sends them back
/// (cage shows the newest window: the kiosk closes its browser once the identity is verified,
/// and that is what gives Guichet the screen back), Guichet after the end. The Secret Service
/// stayed locked: the data key lives in the kernel keyring.
#[tokio::test]
async fn on_cage_the_browser_then_guichet_have_the_screen() {
    let cage = Cage::new().await;
    let (machine, window) = cage.kiosk().await;
    window.painted().await;
    let guichet = Picture::Guichet(&window);
    let home = cage
        .wait_front("cage-1-home", "Guichet at start", &guichet, None)
        .await;

    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.text("idp-fip1").await;
    let fc_plus = Picture::Browser(&browser);
    let what = "the browser with FC+ in front";
    cage.wait_front("cage-2-fc-plus", what, &fc_plus, Some(&home))
        .await;

    for id in ["idp-fip1", "identity-marie"] {
        browser.click(id).await;
    }
    browser.text("consent-button").await;
    let consent = cage.picture("consent", &fc_plus).await;
    // Guichet closes the kiosk's browser under this click, once the identity is verified.
    browser.click_and_let_go("consent-button").await;
    window.wait_for_screen("identity").await;
    window.painted().await;
    let what = "Guichet back on the screen with the identity";
    cage.wait_front("cage-3-identity", what, &guichet, Some(&consent))
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while window.profiles_left() > 0 {
        assert!(
            Instant::now() < deadline,
            "the kiosk's private browser closes and its profile goes once the identity is verified"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        kernel_keys(&machine.data_dir()).len(),
        1,
        "the Secret Service being locked, the kernel keyring keeps the session's key"
    );

    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    window.painted().await;
    let what = "Guichet on the screen after the end";
    cage.wait_front("cage-4-ended", what, &guichet, Some(&consent))
        .await;
    assert_eq!(
        kernel_keys(&machine.data_dir()),
        Vec::<String>::new(),
        "the end removed the kernel key"
    );
    window.close().await;
}
