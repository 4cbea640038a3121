//! The window's logic, without a window: the provider and its listener, where the window
//! stands ([`phase`]: home, signing in, a held identity, signed in, ending), the idle
//! countdown, reachability, the staff PIN and settings. The Tauri crate's commands are
//! one-line calls into [`App`]; what only the desktop can do goes through [`Shell`].
//!
//! Where to look: [`sign_in`] (a sign-in, a held identity, reopening the page), [`end`] (the
//! end of a session, by staff or by the idle tick), [`status`] (what the UI polls), [`staff`]
//! (the PIN, the settings screen, quitting), [`view`] (what crosses to the UI).

mod end;
mod phase;
mod shell;
mod sign_in;
mod staff;
mod status;
#[cfg(test)]
mod tests;
pub mod view;

use codes::{Code, Word, window_hint};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use fcplus::SignInError;
use session::Current;
use session::paths::Folders;

use crate::messages::{Failure, Language};
use crate::pin::PinGuard;
use crate::provider::Provider;
use crate::settings::{Overrides, Settings};
use phase::{Phase, Refused};
pub use shell::Shell;
use view::{CommandError, IdentityView, Notice};

pub use codes::FC_PLUS_INFO_URL;

/// Where "Qu’est-ce que FranceConnect+ ?" was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FcPlusInfo {
    /// FC+'s page opened in the desktop's browser (a counter).
    Browser,
    /// The UI shows the facts itself (a kiosk).
    Panel,
}

type Result<T> = std::result::Result<T, CommandError>;

/// Everything the window does, behind one lock for where it stands ([`Phase`]); beside it only
/// what does not depend on the phase (settings, provider, reachability, language, PIN guard).
pub struct App {
    args: Overrides,
    /// The install's folders: the session store's, `settings.toml`'s.
    folders: Folders,
    shell: OnceLock<Box<dyn Shell>>,
    settings: RwLock<Settings>,
    provider: RwLock<Option<Arc<Provider>>>,
    /// Why the window cannot work (configuration, listener…); cleared when settings fix it.
    blocking: Mutex<Option<Failure>>,
    /// Where the window stands: the one lock of the phase and everything that belongs to it.
    phase: Mutex<Phase>,
    /// Staff said every browser window is closed since a session whose FC+ logout did not
    /// complete; cleared by the next sign-in that is kept. Outlives phases.
    browser_closed: AtomicBool,
    /// The kept session was found expired at start: the next tick ends it.
    expired_kept: AtomicBool,
    /// Held while "reopen the page" starts a browser, and by the sign-in before it closes
    /// its browser: a reopen racing a cancel would otherwise start a browser nobody closes.
    /// An async lock (held across the browser's start), so not part of the phase.
    reopening: tokio::sync::Mutex<()>,
    online: Mutex<Option<bool>>,
    last_activity: Mutex<Instant>,
    close_requested: AtomicBool,
    quitting: AtomicBool,
    notice: Mutex<Option<Notice>>,
    pin_guard: Mutex<PinGuard>,
    /// The one-time key of the open settings screen ([`App::unlock_settings`]).
    settings_key: Mutex<Option<String>>,
    language: Mutex<Language>,
    default_language: Language,
    first_paint: OnceLock<Duration>,
    /// False when the configuration could not be read and no `--env` was given: the settings
    /// are [`staff::fallback_settings`], whose environment is no one's (the window says none).
    env_known: bool,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the identity: only where the window stands.
        f.debug_struct("App")
            .field("kiosk", &self.kiosk())
            .field("phase", &self.phase().name())
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    /// Reads the settings, prepares the provider and reloads a kept session. Never fails: a
    /// problem becomes the window's blocking error, shown with what to do.
    pub async fn start(args: Overrides) -> Arc<Self> {
        Self::start_in(args, Folders::from_env()).await
    }

    /// [`Self::start`] in the given folders (tests run several installs in one process).
    pub async fn start_in(args: Overrides, folders: Folders) -> Arc<Self> {
        let (settings, blocking, provider, env_known) = match Settings::load(&args, &folders) {
            Ok((settings, raw, base)) => {
                let path = args.config.clone();
                let opened =
                    Provider::open_in(settings.env, raw, &base, path, &folders, settings.keyring);
                match opened.await {
                    Ok(provider) => (settings, None, Some(Arc::new(provider)), true),
                    Err(failure) => (settings, Some(failure), None, true),
                }
            }
            Err(failure) => {
                let known = args.env.is_some();
                (staff::fallback_settings(&args), Some(failure), None, known)
            }
        };
        let mut app = Self::new(args, folders, settings, provider, blocking);
        app.env_known = env_known;
        let app = Arc::new(app);
        app.reload_session();
        app
    }

    fn new(
        args: Overrides,
        folders: Folders,
        settings: Settings,
        provider: Option<Arc<Provider>>,
        blocking: Option<Failure>,
    ) -> Self {
        let language = Language::from_env();
        Self {
            args,
            folders,
            shell: OnceLock::new(),
            settings: RwLock::new(settings),
            provider: RwLock::new(provider),
            blocking: Mutex::new(blocking),
            phase: Mutex::new(Phase::Home),
            browser_closed: AtomicBool::new(false),
            expired_kept: AtomicBool::new(false),
            reopening: tokio::sync::Mutex::new(()),
            online: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            close_requested: AtomicBool::new(false),
            quitting: AtomicBool::new(false),
            notice: Mutex::new(None),
            pin_guard: Mutex::new(PinGuard::default()),
            settings_key: Mutex::new(None),
            language: Mutex::new(language),
            default_language: language,
            first_paint: OnceLock::new(),
            env_known: true,
        }
    }

    /// Connects the desktop side once the window exists.
    pub fn attach_shell(&self, shell: Box<dyn Shell>) {
        let _ = self.shell.set(shell);
    }

    pub fn kiosk(&self) -> bool {
        self.settings().kiosk
    }

    /// The window's look, which picks its page (the one preloading that theme's fonts).
    pub fn theme(&self) -> crate::settings::Theme {
        self.settings().theme
    }

    fn phase(&self) -> MutexGuard<'_, Phase> {
        lock(&self.phase)
    }

    fn settings(&self) -> RwLockReadGuard<'_, Settings> {
        self.settings.read().unwrap_or_else(|p| p.into_inner())
    }

    fn language(&self) -> Language {
        *lock(&self.language)
    }

    fn error(&self, failure: &Failure) -> CommandError {
        CommandError::new(failure, self.language())
    }

    /// A window's own error in the catalogue's words rather than its code's hint.
    fn say(&self, code: Code, word: Word) -> CommandError {
        CommandError::plain(code, word.text(self.language()))
    }

    /// A window's own error with what its code says to do (`codes::window_hint`).
    fn plain(&self, code: Code) -> CommandError {
        CommandError::plain(code, window_hint(code, self.language()))
    }

    fn busy(&self) -> CommandError {
        self.plain(Code::Busy)
    }

    fn nothing_held(&self) -> CommandError {
        self.say(Code::NoSignIn, Word::NoIdentityToCheck)
    }

    /// A refused transition, in the words staff read.
    fn refused(&self, refused: Refused) -> CommandError {
        match refused {
            Refused::Busy => self.busy(),
            Refused::SessionActive => self.say(Code::SessionActive, Word::SomeoneSignedIn),
            Refused::NothingHeld => self.nothing_held(),
        }
    }

    fn provider(&self) -> Result<Arc<Provider>> {
        let provider = self.provider.read().unwrap_or_else(|p| p.into_inner());
        match provider.as_ref() {
            Some(provider) => Ok(provider.clone()),
            None => Err(match lock(&self.blocking).as_ref() {
                Some(failure) => self.error(failure),
                None => self.error(&Failure::internal("the provider is not ready".into())),
            }),
        }
    }

    fn shell(&self) -> std::result::Result<&dyn Shell, SignInError> {
        self.shell
            .get()
            .map(|shell| shell.as_ref())
            .ok_or_else(|| SignInError::Browser {
                detail: "the window is not ready".into(),
            })
    }

    /// Reads the kept session into memory (at start, after a keyring error, after a change of
    /// environment). Only at home: a sign-in in progress shows what it keeps itself.
    fn reload_session(&self) {
        let Ok(provider) = self.provider() else {
            return;
        };
        match provider.store().current(time::OffsetDateTime::now_utc()) {
            Ok(Current::Active(session)) => {
                let mut phase = self.phase();
                if matches!(*phase, Phase::Home) {
                    phase.go(Phase::SignedIn(IdentityView::from(&session.identity)));
                }
                drop(phase);
                self.touch();
            }
            Ok(Current::Expired) => self.expired_kept.store(true, Ordering::SeqCst),
            Ok(Current::None) => {}
            Err(e) => *lock(&self.blocking) = Some(Failure::from_session(&e)),
        }
    }

    /// DSFR's "Qu’est-ce que FranceConnect+ ?" beside the button: at a counter, FC+'s own page
    /// ([`FC_PLUS_INFO_URL`], fixed here, never the UI's) in the desktop's browser; a kiosk
    /// opens no free browser, so the UI shows the same facts in a panel of its own.
    pub fn what_is_fc_plus(&self) -> Result<FcPlusInfo> {
        if self.kiosk() {
            return Ok(FcPlusInfo::Panel);
        }
        let failed = |e: SignInError| self.error(&Failure::from_sign_in(e));
        self.shell()
            .map_err(failed)?
            .open_url(FC_PLUS_INFO_URL)
            .map_err(|detail| failed(SignInError::Browser { detail }))?;
        Ok(FcPlusInfo::Browser)
    }

    /// Someone used the window: the idle countdown starts again.
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    pub fn set_language(&self, code: &str) {
        *lock(&self.language) = if code == "fr" {
            Language::French
        } else {
            Language::English
        };
    }

    /// Asks FC+ (its discovery document) whether it answers; rediscovers when it comes back.
    pub async fn check_reachability(&self) -> bool {
        let Ok(provider) = self.provider() else {
            return false;
        };
        let online = provider.probe().await;
        let was = lock(&self.online).replace(online);
        if was != Some(online) {
            tracing::info!(event = "reachability", online);
        }
        if online && provider.needs_discovery() {
            let _ = provider.relying_party().await;
        }
        online
    }

    /// The UI has painted its first screen: records the cold-start time once, with the
    /// shell's and the page's steps when they are known.
    pub fn ui_ready(
        &self,
        since_start: Duration,
        start: view::StartTimes,
        page: Option<view::PageTimes>,
    ) {
        if self.first_paint.set(since_start).is_ok() {
            let ms = |d: Duration| d.as_millis() as u64;
            tracing::info!(
                event = "first_paint",
                ms = ms(since_start),
                main_epoch_ms = start.main_epoch_ms,
                app_started_ms = ms(start.app_started),
                setup_ms = ms(start.setup),
                window_built_ms = ms(start.window_built),
                page_origin_epoch_ms = page.map(|p| p.origin_epoch_ms),
                page_fetch_ms = page.map(|p| p.fetch_ms),
                page_script_ms = page.map(|p| p.script_ms),
                page_status_ms = page.map(|p| p.status_ms),
                page_render_ms = page.map(|p| p.render_ms),
                page_load_ms = page.map(|p| p.load_ms),
                page_frame_ms = page.map(|p| p.frame_ms),
                page_shown_ms = page.map(|p| p.shown_ms),
            );
        }
    }
}
