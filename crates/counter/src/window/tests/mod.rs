//! The window's machine driven without a window: a recording [`Shell`], the in-process FC+
//! sandbox on loopback, a scripted person clicking through its pages with a cookie-keeping
//! browser, the vault's data keys in memory. Each test asserts the phase reached and what the
//! shell was asked to do.

mod end;
mod sign_in;
mod staff;

use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sandbox::browser::Browser;
use session::config::RawAppConfig;
use session::paths::Folders;
use session::{BrowserMode, Current, EndReason, IdlePolicy};
use tokio::sync::mpsc;
use url::Url;

use super::view::{CommandError, PhaseName, Status};
use super::{App, Shell, lock};
use crate::env::Env;
use crate::provider::Provider;
use crate::settings::{Overrides, Settings};

const PIN: &str = "2468";

/// What the shell was asked, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asked {
    Open(String),
    Front,
    Kiosk(bool),
    Exit,
}

/// The desktop side as a recording; a page it opens goes to the person in front of the screen.
struct Recorder {
    asked: Arc<Mutex<Vec<Asked>>>,
    person: mpsc::UnboundedSender<Url>,
}

impl Shell for Recorder {
    fn open_url(&self, url: &str) -> Result<(), String> {
        lock(&self.asked).push(Asked::Open(url.to_owned()));
        let url = Url::parse(url).map_err(|e| e.to_string())?;
        self.person.send(url).map_err(|e| e.to_string())
    }

    fn bring_to_front(&self) {
        lock(&self.asked).push(Asked::Front);
    }

    fn set_kiosk(&self, on: bool) {
        lock(&self.asked).push(Asked::Kiosk(on));
    }

    fn exit(&self) {
        lock(&self.asked).push(Asked::Exit);
    }
}

/// What the person does with the next page the browser shows them.
#[derive(Debug, Clone, Copy)]
enum Act {
    /// Picks `fip1`, then this identity, then consents.
    SignIn(&'static str),
    /// Looks at the page and does nothing (walks away, or waits for staff).
    Leave,
}

/// One counter: the machine, its shell's record, the person's plan, the install's folders.
struct Desk {
    app: Arc<App>,
    asked: Arc<Mutex<Vec<Asked>>>,
    plan: Arc<Mutex<VecDeque<Act>>>,
    folders: Folders,
    /// Every page a browser was opened at, whether through the shell or the browser command.
    pages: Arc<Mutex<Vec<Url>>>,
    _dir: tempfile::TempDir,
}

/// How a desk is set up.
struct Setup {
    /// Through the shell's opener (`System`), or a browser command (a real process).
    system_browser: bool,
    /// A private browser: a real process on a profile of its own (it shows nobody the page).
    private_browser: bool,
    kiosk: bool,
    idle: IdlePolicy,
    config: &'static str,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            system_browser: false,
            private_browser: false,
            kiosk: false,
            idle: IdlePolicy::new(Duration::from_secs(120), Duration::from_secs(30)),
            config: "",
        }
    }
}

impl Desk {
    async fn new(setup: Setup) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders {
            data: dir.path().join("data"),
            cache: dir.path().join("cache"),
            config: dir.path().join("config"),
        };
        Self::in_folders(setup, dir, folders).await
    }

    async fn in_folders(setup: Setup, dir: tempfile::TempDir, folders: Folders) -> Self {
        vault::use_memory_keyring();
        let (to_person, urls) = mpsc::unbounded_channel();
        let browser = if setup.system_browser {
            BrowserMode::System
        } else if setup.private_browser {
            BrowserMode::Private {
                // Its command line names the profile, as a browser's does.
                argv: ["sh", "-c", "sleep 60; true", "sh"]
                    .map(String::from)
                    .to_vec(),
                kind: session::BrowserKind::Chromium,
                kiosk: false,
            }
        } else {
            // A browser a kiosk could configure: a real process given the page's address; the
            // person's browser below reads what it was given.
            BrowserMode::Command(browser_command(dir.path()))
        };
        let plan = Arc::new(Mutex::new(VecDeque::new()));
        let pages = Arc::new(Mutex::new(Vec::new()));
        tokio::spawn(person(urls, plan.clone(), pages.clone()));
        if !setup.system_browser {
            tokio::spawn(watch_command_pages(
                dir.path().join("pages.txt"),
                to_person.clone(),
            ));
        }
        let raw: RawAppConfig = toml::from_str(setup.config).unwrap();
        let keyring = vault::Keyring::SecretService;
        let provider = Provider::open_in(Env::Sandbox, raw, dir.path(), None, &folders, keyring)
            .await
            .expect("the in-process sandbox starts");
        let settings = Settings {
            env: Env::Sandbox,
            acr: fcplus::config::validate_acr(None).unwrap(),
            idle: setup.idle,
            private_browser: false,
            browser,
            kiosk: setup.kiosk,
            staff_pin: Some(session::config::StaffPin::Clear(PIN.into())),
            file_env: None,
            sign_in_timeout: Duration::from_secs(20),
            keyring,
            operator: crate::settings::Operator {
                name: Some(crate::settings::SANDBOX_OPERATOR.into()),
                contact: None,
                accessibility: crate::settings::Compliance::Partial,
            },
            theme: crate::settings::Theme::Etat,
        };
        let app = Arc::new(App::new(
            Overrides::default(),
            folders.clone(),
            settings,
            Some(Arc::new(provider)),
            None,
        ));
        app.reload_session();
        let asked = Arc::new(Mutex::new(Vec::new()));
        app.attach_shell(Box::new(Recorder {
            asked: asked.clone(),
            person: to_person,
        }));
        Self {
            app,
            asked,
            plan,
            folders,
            pages,
            _dir: dir,
        }
    }

    fn plan(&self, acts: &[Act]) {
        lock(&self.plan).extend(acts.iter().copied());
    }

    fn asked(&self) -> Vec<Asked> {
        lock(&self.asked).clone()
    }

    fn pages(&self) -> usize {
        lock(&self.pages).len()
    }

    fn phase(&self) -> PhaseName {
        self.app.status().phase
    }

    /// What the vault holds now.
    fn kept(&self) -> bool {
        let provider = self.app.provider().unwrap();
        matches!(
            provider.store().current(time::OffsetDateTime::now_utc()),
            Ok(Current::Active(_))
        )
    }

    /// FC+ seen as unreachable (the reachability check's answer), so ends skip its logout.
    fn go_offline(&self) {
        *lock(&self.app.online) = Some(false);
    }

    /// Waits until `until` holds for the polled status.
    async fn wait(&self, what: &str, until: impl Fn(&Status) -> bool) -> Status {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let status = self.app.status();
            if until(&status) {
                return status;
            }
            assert!(Instant::now() < deadline, "never {what}: {status:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Starts a sign-in in the background, once its page is open in the browser.
    async fn start_sign_in(&self) -> tokio::task::JoinHandle<Result<String, CommandError>> {
        let app = self.app.clone();
        let handle = tokio::spawn(async move {
            app.sign_in(false).await.map(|outcome| {
                let identity = outcome.signed_in();
                identity
                    .and_then(|view| view.given_name)
                    .unwrap_or_default()
            })
        });
        self.wait("the page opened", |s| {
            s.sign_in.as_ref().is_some_and(|p| p.browser_opened)
        })
        .await;
        handle
    }

    async fn sign_in_marie(&self) {
        self.plan(&[Act::SignIn("marie")]);
        let outcome = self.app.sign_in(false).await.expect("Marie signs in");
        let identity = outcome.signed_in().expect("kept, not held");
        assert!(identity.given_name.is_some_and(|n| n.contains("Marie")));
    }
}

/// `sh -c` appending the page's address to `pages.txt`: the browser command, a real process.
fn browser_command(dir: &Path) -> Vec<String> {
    vec![
        "sh".into(),
        "-c".into(),
        r#"printf '%s\n' "$1" >> "$0""#.into(),
        dir.join("pages.txt").display().to_string(),
        "{url}".into(),
    ]
}

/// Hands every new line of `pages.txt` to the person.
async fn watch_command_pages(file: std::path::PathBuf, to_person: mpsc::UnboundedSender<Url>) {
    let mut seen = 0;
    loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for line in text.lines().skip(seen) {
            seen += 1;
            if let Ok(url) = Url::parse(line)
                && to_person.send(url).is_err()
            {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The person at the browser: one cookie jar for all pages (FC+'s session lives in it). A page
/// with no plan left is followed to its end, as a logout's form and redirect are.
async fn person(
    mut urls: mpsc::UnboundedReceiver<Url>,
    plan: Arc<Mutex<VecDeque<Act>>>,
    pages: Arc<Mutex<Vec<Url>>>,
) {
    let browser = Browser::new();
    while let Some(url) = urls.recv().await {
        lock(&pages).push(url.clone());
        let act = lock(&plan).pop_front();
        match act {
            Some(Act::SignIn(identity)) => {
                let _ = browser.sign_in(url, "fip1", identity).await;
            }
            Some(Act::Leave) => {}
            None => {
                let _ = browser.open(url).await;
            }
        }
    }
}
