//! Everything the window does, without the window: the provider and its listener, the
//! sign-in in progress, the session kept in the vault, the idle countdown, reachability and
//! the staff settings. The Tauri commands are one-line calls into [`App`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant};

use counter::pin::{PinGuard, PinVerdict};
use counter::settings::{IDLE_TIMEOUT_RANGE, parse_env};
use counter::{
    Env, Failure, Language, Outcome, Overrides, Page, Provider, Request, Saved, Settings,
};
use fcplus::{CancelHandle, SignInError};
use session::browser::close_private;
use session::{BrowserMode, Current, EndReason, IdleState, LaunchedBrowser, SessionStore};
use url::Url;

use super::shell::Shell;
use super::view::{
    CommandError, EndView, IdentityView, Notice, Phase, SettingsView, SignInProgress, Status,
};
use crate::cli::WindowArgs;

/// How long FC+ has to come back from a logout before the local wipe goes on without it.
const LOGOUT_TIMEOUT: Duration = Duration::from_secs(30);

type Result<T> = std::result::Result<T, CommandError>;

/// The sign-in in progress.
struct Running {
    cancel: CancelHandle,
    eidas: bool,
    deadline: Instant,
    url: Option<Url>,
    browser: Option<LaunchedBrowser>,
}

/// A verified sign-in that may be the previous person's FC+ session: held in memory, not
/// kept, until staff say whether it is the person in front of them.
struct Held {
    held: counter::Held,
    view: IdentityView,
}

pub struct App {
    args: Overrides,
    shell: OnceLock<Box<dyn Shell>>,
    settings: RwLock<Settings>,
    provider: RwLock<Option<Arc<Provider>>>,
    /// Why the window cannot work (configuration, listener…); cleared when settings fix it.
    blocking: Mutex<Option<Failure>>,
    signed_in: Mutex<Option<IdentityView>>,
    held: Mutex<Option<Held>>,
    /// Staff said every browser window is closed since a session whose FC+ logout did not
    /// complete; cleared by the next sign-in that is kept.
    browser_closed: AtomicBool,
    /// The kept session was found expired at start: the next tick ends it.
    expired_kept: AtomicBool,
    running: Mutex<Option<Running>>,
    /// Held while "reopen the page" starts a browser, and by the sign-in before it closes
    /// its browser: a reopen racing a cancel would otherwise start a browser nobody closes.
    reopening: tokio::sync::Mutex<()>,
    ending: AtomicBool,
    online: Mutex<Option<bool>>,
    last_activity: Mutex<Instant>,
    close_requested: AtomicBool,
    quitting: AtomicBool,
    notice: Mutex<Option<Notice>>,
    pin_guard: Mutex<PinGuard>,
    language: Mutex<Language>,
    default_language: Language,
    first_paint: OnceLock<Duration>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the identity: only where the window stands.
        f.debug_struct("App")
            .field("kiosk", &self.kiosk())
            .field("signing_in", &lock(&self.running).is_some())
            .field("signed_in", &lock(&self.signed_in).is_some())
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
    pub async fn start(args: WindowArgs) -> Arc<Self> {
        let args = Overrides {
            config: args.config,
            env: args.env,
            kiosk: args.kiosk,
            sign_in_timeout: args.sign_in_timeout,
        };
        let language = Language::from_env();
        let (settings, blocking, provider) = match Settings::load(&args) {
            Ok((settings, raw, base)) => {
                match Provider::open(settings.env, raw, &base, args.config.clone()).await {
                    Ok(provider) => (settings, None, Some(Arc::new(provider))),
                    Err(failure) => (settings, Some(failure), None),
                }
            }
            Err(failure) => (fallback_settings(&args), Some(failure), None),
        };
        let app = Arc::new(Self {
            args,
            shell: OnceLock::new(),
            settings: RwLock::new(settings),
            provider: RwLock::new(provider),
            blocking: Mutex::new(blocking),
            signed_in: Mutex::new(None),
            held: Mutex::new(None),
            browser_closed: AtomicBool::new(false),
            expired_kept: AtomicBool::new(false),
            running: Mutex::new(None),
            reopening: tokio::sync::Mutex::new(()),
            ending: AtomicBool::new(false),
            online: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            close_requested: AtomicBool::new(false),
            quitting: AtomicBool::new(false),
            notice: Mutex::new(None),
            pin_guard: Mutex::new(PinGuard::default()),
            language: Mutex::new(language),
            default_language: language,
            first_paint: OnceLock::new(),
        });
        app.reload_session();
        app
    }

    /// Connects the desktop side once the window exists.
    pub fn attach_shell(&self, shell: Box<dyn Shell>) {
        let _ = self.shell.set(shell);
    }

    pub fn kiosk(&self) -> bool {
        self.settings().kiosk
    }

    fn settings(&self) -> std::sync::RwLockReadGuard<'_, Settings> {
        self.settings.read().unwrap_or_else(|p| p.into_inner())
    }

    fn language(&self) -> Language {
        *lock(&self.language)
    }

    fn error(&self, failure: &Failure) -> CommandError {
        CommandError::new(failure, self.language())
    }

    fn say(&self, code: &str, fr: &str, en: &str) -> CommandError {
        CommandError::plain(
            code,
            match self.language() {
                Language::French => fr,
                Language::English => en,
            },
        )
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

    /// Reads the kept session into memory (at start, and after a keyring error).
    fn reload_session(&self) {
        let Ok(provider) = self.provider() else {
            return;
        };
        match provider.store().current(time::OffsetDateTime::now_utc()) {
            Ok(Current::Active(session)) => {
                *lock(&self.signed_in) = Some(IdentityView::from(&session.identity));
                *lock(&self.last_activity) = Instant::now();
            }
            Ok(Current::Expired) => self.expired_kept.store(true, Ordering::SeqCst),
            Ok(Current::None) => {}
            Err(e) => *lock(&self.blocking) = Some(Failure::from_session(&e)),
        }
    }

    /// The whole state, for the UI's poll.
    pub fn status(&self) -> Status {
        let settings = self.settings();
        let now = Instant::now();
        let held = lock(&self.held)
            .as_ref()
            .map(|held| (held.view.clone(), held.held.suspicion.code()));
        let identity = lock(&self.signed_in).clone();
        let sign_in = lock(&self.running).as_ref().map(|running| SignInProgress {
            eidas: running.eidas,
            seconds_left: running.deadline.saturating_duration_since(now).as_secs(),
            timeout_seconds: settings.sign_in_timeout.as_secs(),
            browser_opened: running.url.is_some(),
        });
        let phase = if self.ending.load(Ordering::SeqCst) {
            Phase::Ending
        } else if sign_in.is_some() {
            Phase::SigningIn
        } else if held.is_some() {
            Phase::Confirming
        } else if identity.is_some() {
            Phase::SignedIn
        } else {
            Phase::Home
        };
        let idle_seconds_left = match (phase, settings.idle.state(*lock(&self.last_activity), now))
        {
            (Phase::SignedIn | Phase::Confirming, IdleState::Warning { remaining }) => {
                Some(remaining.as_secs_f64().ceil() as u64)
            }
            (Phase::SignedIn | Phase::Confirming, IdleState::Expired) => Some(0),
            _ => None,
        };
        let (identity, suspicion) = match held {
            Some((view, suspicion)) => (Some(view), Some(suspicion)),
            None => (identity, None),
        };
        Status {
            env: settings.env.name(),
            kiosk: settings.kiosk,
            acr: settings.acr.to_string(),
            language: match self.language() {
                Language::French => "fr",
                Language::English => "en",
            },
            online: *lock(&self.online),
            phase,
            sign_in,
            identity,
            suspicion,
            idle_seconds_left,
            notice: lock(&self.notice).take(),
            blocking_error: lock(&self.blocking).as_ref().map(|f| self.error(f)),
            close_requested: self.close_requested.load(Ordering::SeqCst),
            settings: settings_view(&settings),
        }
    }

    /// Signs a person in through the browser and keeps the session. Only one at a time, and
    /// not while someone is signed in. An identity that may be the previous person's FC+
    /// session is held for staff instead (`possible_reuse`, [`Phase::Confirming`]).
    pub async fn sign_in(&self, eidas: bool) -> Result<IdentityView> {
        let provider = self.provider()?;
        let cancel = CancelHandle::new();
        let (timeout, acr, browser) = {
            let settings = self.settings();
            (
                settings.sign_in_timeout,
                settings.acr,
                settings.browser.clone(),
            )
        };
        let previous = {
            let mut running = lock(&self.running);
            if running.is_some() || self.ending.load(Ordering::SeqCst) {
                return Err(self.busy());
            }
            if lock(&self.signed_in).is_some() || lock(&self.held).is_some() {
                return Err(self.say(
                    "session_active",
                    "Une personne est déjà connectée : terminez sa session d'abord.",
                    "Someone is already signed in: end their session first.",
                ));
            }
            let previous = provider
                .previous_for_sign_in(&browser, self.browser_closed.load(Ordering::SeqCst))
                .map_err(|f| self.error(&f))?;
            *running = Some(Running {
                cancel: cancel.clone(),
                eidas,
                deadline: Instant::now() + timeout,
                url: None,
                browser: None,
            });
            previous
        };
        let _clear = ClearRunning(self);
        self.touch();
        let rp = provider.relying_party().await.map_err(|f| self.error(&f))?;
        let request = Request {
            eidas,
            acr: Some(acr),
            browser,
            timeout,
        };
        let page = WindowPage {
            app: self,
            store: provider.store(),
            browser: &request.browser,
        };
        let outcome = provider
            .sign_in(&rp, &request, &page, &cancel, previous.as_ref())
            .await
            .map_err(|f| self.error(&f))?;
        let held = match outcome {
            Outcome::Kept(verified) => {
                return Ok(self.show_kept(IdentityView::from(&verified.identity), false));
            }
            Outcome::Held(held) => held,
        };
        *lock(&self.held) = Some(Held {
            view: IdentityView::from(&held.verified.sign_in.identity),
            held,
        });
        self.touch();
        Err(self.say(
            "possible_reuse",
            "Cette identité est peut-être la session FranceConnect+ de la personne précédente : vérifiez-la avec la personne présente.",
            "This may be the previous person's FranceConnect+ session: check it with the person in front of you.",
        ))
    }

    /// Staff checked the held identity with the person in front of them: it is theirs. At a
    /// kiosk (staff PIN set) it takes the PIN, so a person alone cannot confirm for staff.
    pub async fn keep_held(&self, pin: Option<&str>) -> Result<IdentityView> {
        let provider = self.provider()?;
        if self.kiosk() && self.settings().staff_pin.is_some() {
            self.check_pin(pin.unwrap_or_default())?;
        }
        let Some(held) = lock(&self.held).take() else {
            return Err(self.nothing_held());
        };
        let view = held.view.clone();
        provider
            .keep_held(held.held)
            .await
            .map_err(|f| self.error(&f))?;
        Ok(self.show_kept(view, true))
    }

    /// A sign-in is kept (staff `confirmed` a held one or not): it is shown, and it now stands
    /// for the browser's FC+ session, so staff's earlier "Browser closed" no longer applies.
    fn show_kept(&self, view: IdentityView, confirmed: bool) -> IdentityView {
        self.browser_closed.store(false, Ordering::SeqCst);
        *lock(&self.signed_in) = Some(view.clone());
        self.touch();
        tracing::info!(event = "sign_in_succeeded", origin = ?view.origin, confirmed);
        view
    }

    /// The held identity is not the person in front of staff (or nobody answered): nothing is
    /// kept. Its fresh ID token logs that FC+ session out in this browser, as "End session"
    /// does, so the next sign-in meets no session to reuse.
    pub async fn discard_held(&self) -> Result<EndView> {
        let provider = self.provider()?;
        let Some(held) = lock(&self.held).take() else {
            return Err(self.nothing_held());
        };
        provider
            .keep_until_end(held.held)
            .await
            .map_err(|f| self.error(&f))?;
        self.end_session(EndReason::Staff).await
    }

    fn nothing_held(&self) -> CommandError {
        self.say(
            "no_sign_in",
            "Aucune identité à vérifier : revenez à l'accueil.",
            "No identity to check: go back to the home screen.",
        )
    }

    /// Staff say every browser window is closed, so the previous person's FC+ session cannot
    /// be presented again; the next sign-in may go on.
    pub fn confirm_browser_closed(&self) {
        tracing::info!(event = "browser_closed_confirmed");
        self.browser_closed.store(true, Ordering::SeqCst);
    }

    fn busy(&self) -> CommandError {
        self.say(
            "busy",
            "Une opération est déjà en cours : attendez qu'elle se termine.",
            "Something is already in progress: wait for it to finish.",
        )
    }

    fn shell(&self) -> std::result::Result<&dyn Shell, SignInError> {
        self.shell
            .get()
            .map(|shell| shell.as_ref())
            .ok_or_else(|| SignInError::Browser {
                detail: "the window is not ready".into(),
            })
    }

    /// Stops the sign-in in progress; its `sign_in` call returns `cancelled`.
    pub fn cancel_sign_in(&self) {
        if let Some(running) = lock(&self.running).as_ref() {
            running.cancel.cancel();
        }
    }

    /// Opens the sign-in page again (the person closed the tab, or it went behind).
    pub async fn reopen_browser(&self) -> Result<()> {
        let _reopening = self.reopening.lock().await;
        let (url, launched) = match lock(&self.running).as_ref() {
            Some(Running {
                url: Some(url),
                browser,
                ..
            }) => (url.clone(), browser.clone()),
            _ => {
                return Err(self.say(
                    "no_sign_in",
                    "Aucune connexion en cours : revenez à l'accueil.",
                    "No sign-in in progress: go back to the home screen.",
                ));
            }
        };
        let mode = self.settings().browser.clone();
        let browser_error = |e: SignInError| self.error(&Failure::from_sign_in(e));
        if mode == BrowserMode::System {
            let shell = self.shell().map_err(browser_error)?;
            return shell
                .open_url(url.as_str())
                .map_err(|detail| browser_error(SignInError::Browser { detail }));
        }
        // The browser that holds the sign-in, as for a logout: a private one on its own
        // profile (a running headed browser takes the page over, else it starts again).
        let relaunched = mode
            .open_logout(url.as_str(), launched.as_ref())
            .await
            .map_err(browser_error)?;
        if let Some(relaunched) = relaunched
            && let Some(running) = lock(&self.running).as_mut()
        {
            running.browser = Some(relaunched);
        }
        Ok(())
    }

    /// Ends the session: FC+ logout when it can be reached, then the local wipe in every case.
    pub async fn end_session(&self, reason: EndReason) -> Result<EndView> {
        let provider = self.provider()?;
        if lock(&self.running).is_some() || self.ending.swap(true, Ordering::SeqCst) {
            return Err(self.busy());
        }
        let _ending = ClearFlag(&self.ending);
        let browser = self.settings().browser.clone();
        let reachable = *lock(&self.online) != Some(false);
        let rp = if reachable {
            provider.relying_party().await.ok()
        } else {
            None
        };
        let ended = provider
            .end(reason, &browser, rp.as_deref(), LOGOUT_TIMEOUT)
            .await;
        // Whatever the vault said, the person is no longer shown.
        *lock(&self.signed_in) = None;
        if self.kiosk() {
            *lock(&self.language) = self.default_language;
        }
        let report = ended.map_err(|f| self.error(&f))?;
        tracing::info!(
            event = "window_session_ended",
            remote_logout = report.remote_logout.code(),
            fc_session_cleared = report.fc_session_cleared
        );
        Ok(EndView::from(&report))
    }

    /// Someone used the window: the idle countdown starts again.
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    /// Once a second: ends a session that sat idle too long or outlived its lifetime.
    pub async fn idle_tick(&self) {
        if lock(&self.blocking)
            .as_ref()
            .is_some_and(|f| f.code.starts_with("keyring"))
        {
            *lock(&self.blocking) = None;
            self.reload_session();
        }
        if lock(&self.running).is_some() || self.ending.load(Ordering::SeqCst) {
            return;
        }
        let idle = self.settings().idle;
        let idle_over =
            || idle.state(*lock(&self.last_activity), Instant::now()) == IdleState::Expired;
        // Nobody answered whether the held identity is theirs: it is not kept.
        if lock(&self.held).is_some() {
            if idle_over() {
                tracing::info!(event = "automatic_end", reason = "unconfirmed");
                if let Ok(ended) = self.discard_held().await {
                    self.notify("idle_ended", &ended);
                }
            }
            return;
        }
        let expires = lock(&self.signed_in).as_ref().map(|view| view.expires);
        let (code, reason) = match expires {
            _ if self.expired_kept.swap(false, Ordering::SeqCst) => ("expired", EndReason::Expired),
            Some(expires) if time::OffsetDateTime::now_utc() >= expires => {
                ("expired", EndReason::Expired)
            }
            Some(_) if idle_over() => ("idle_ended", EndReason::Idle),
            _ => return,
        };
        tracing::info!(event = "automatic_end", reason = code);
        if let Ok(ended) = self.end_session(reason).await {
            self.notify(code, &ended);
        }
    }

    fn notify(&self, code: &'static str, ended: &EndView) {
        *lock(&self.notice) = Some(Notice {
            code,
            remote_logout: ended.remote_logout,
            fc_session_cleared: ended.fc_session_cleared,
        });
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

    pub fn set_language(&self, code: &str) {
        *lock(&self.language) = if code == "fr" {
            Language::French
        } else {
            Language::English
        };
    }

    /// Checks the staff PIN; five wrong ones in a row lock the settings for a minute.
    pub fn check_pin(&self, pin: &str) -> Result<()> {
        let expected = self.settings().staff_pin.clone();
        let Some(expected) = expected else {
            return Err(self.say(
                "pin_not_configured",
                "Les réglages sont fermés : aucun code agent n'est défini (kiosk.staff_pin dans le fichier de configuration).",
                "Settings are closed: no staff PIN is set (kiosk.staff_pin in the configuration file).",
            ));
        };
        let verdict = lock(&self.pin_guard).check(pin, &expected, Instant::now());
        match verdict {
            PinVerdict::Accepted => return Ok(()),
            PinVerdict::Locked => {
                return Err(self.say(
                    "pin_locked",
                    "Trop d'essais : attendez une minute avant de réessayer le code agent.",
                    "Too many attempts: wait a minute before trying the staff PIN again.",
                ));
            }
            PinVerdict::Wrong => tracing::info!(event = "staff_pin_refused"),
        }
        Err(self.say(
            "pin_wrong",
            "Code agent incorrect : réessayez.",
            "Wrong staff PIN: try again.",
        ))
    }

    /// Applies and saves the staff's settings. A change of environment restarts the provider
    /// side; it is refused while someone is signed in, so no session is left behind.
    pub async fn save_settings(&self, pin: &str, chosen: Saved) -> Result<Status> {
        self.check_pin(pin)?;
        // One lock at a time (`sign_in` takes `running` then `signed_in`).
        let signed_in = lock(&self.signed_in).is_some() || lock(&self.held).is_some();
        let running = lock(&self.running).is_some();
        if signed_in || running || self.ending.load(Ordering::SeqCst) {
            return Err(self.say(
                "session_active",
                "Terminez la session en cours avant de changer les réglages.",
                "End the current session before changing the settings.",
            ));
        }
        if let Some(secs) = chosen.idle_timeout_secs
            && !IDLE_TIMEOUT_RANGE.contains(&secs)
        {
            return Err(self.say(
                "usage",
                "Le délai d'inactivité doit être compris entre 30 et 3600 secondes.",
                "The idle timeout must be between 30 and 3600 seconds.",
            ));
        }
        if let Some(env) = &chosen.env {
            parse_env(env).map_err(|f| self.error(&f))?;
        }
        let path = Saved::path();
        let previous = Saved::read(&path);
        chosen.write(&path).map_err(|f| self.error(&f))?;
        let (settings, raw, base) = match Settings::load(&self.args) {
            Ok(loaded) => loaded,
            Err(failure) => {
                // Keep the kiosk working with what it had.
                let _ = previous.write(&path);
                return Err(self.error(&failure));
            }
        };
        let env_changed = settings.env != self.settings().env || self.provider().is_err();
        if env_changed {
            let old = self
                .provider
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            if let Some(old) = old {
                old.shutdown().await;
            }
            *lock(&self.online) = None;
            match Provider::open(settings.env, raw, &base, self.args.config.clone()).await {
                Ok(provider) => {
                    *self.provider.write().unwrap_or_else(|p| p.into_inner()) =
                        Some(Arc::new(provider));
                    *lock(&self.blocking) = None;
                }
                Err(failure) => *lock(&self.blocking) = Some(failure),
            }
        }
        let kiosk = settings.kiosk;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        if let Some(shell) = self.shell.get() {
            shell.set_kiosk(kiosk);
        }
        if env_changed {
            self.reload_session();
        }
        tracing::info!(event = "settings_saved", env_changed, kiosk);
        Ok(self.status())
    }

    /// Whether the window may close now: always outside kiosk mode, else only after `quit`.
    pub fn may_close(&self) -> bool {
        if !self.kiosk() || self.quitting.load(Ordering::SeqCst) {
            return true;
        }
        self.close_requested.store(true, Ordering::SeqCst);
        false
    }

    /// Quits; a kiosk needs the staff PIN. `None` withdraws a close request.
    pub fn quit(&self, pin: Option<&str>) -> Result<()> {
        let Some(pin) = pin else {
            self.close_requested.store(false, Ordering::SeqCst);
            return Ok(());
        };
        if self.kiosk() {
            self.check_pin(pin)?;
        }
        self.quitting.store(true, Ordering::SeqCst);
        self.cancel_sign_in();
        // A held identity was never kept; its private browser (FC+'s cookie) goes now.
        if let Some(held) = lock(&self.held).take() {
            held.held.forget();
        }
        if let Some(shell) = self.shell.get() {
            shell.exit();
        }
        Ok(())
    }

    /// The UI has painted its first screen: records the cold-start time once.
    pub fn ui_ready(&self, since_start: Duration) {
        if self.first_paint.set(since_start).is_ok() {
            tracing::info!(event = "first_paint", ms = since_start.as_millis() as u64);
        }
    }
}

fn settings_view(settings: &Settings) -> SettingsView {
    SettingsView {
        env: settings.env.name(),
        acr: settings.acr.to_string(),
        idle_timeout_secs: settings.idle.timeout.as_secs(),
        browser_mode: if settings.private_browser {
            "private"
        } else {
            "system"
        },
        kiosk: settings.kiosk,
        file_env: settings.file_env.map(Env::name),
        pin_required: settings.staff_pin.is_some(),
    }
}

/// Settings good enough to show the configuration error in a normal window.
fn fallback_settings(args: &Overrides) -> Settings {
    Settings {
        env: args.env.unwrap_or(Env::Sandbox),
        acr: fcplus::Acr::Eidas3,
        idle: session::config::idle_policy(None),
        private_browser: false,
        browser: BrowserMode::System,
        kiosk: false,
        staff_pin: None,
        file_env: None,
        sign_in_timeout: Duration::from_secs(args.sign_in_timeout.max(1)),
    }
}

/// FC+'s page for the window: the system browser through the opener, else the configured
/// command or private browser; kept in the sign-in in progress for "reopen the page".
struct WindowPage<'a> {
    app: &'a App,
    store: &'a SessionStore,
    browser: &'a BrowserMode,
}

impl Page for WindowPage<'_> {
    fn open(&self, url: &Url) -> std::result::Result<(), SignInError> {
        let launched = match self.browser {
            BrowserMode::System => {
                self.app
                    .shell()?
                    .open_url(url.as_str())
                    .map_err(|detail| SignInError::Browser { detail })?;
                None
            }
            mode => mode.open_sign_in(url.as_str(), self.store.profiles_root())?,
        };
        tracing::debug!(event = "browser_launched");
        if let Some(running) = lock(&self.app.running).as_mut() {
            running.url = Some(url.clone());
            running.browser = launched;
        }
        Ok(())
    }

    async fn take_launched(&self) -> Option<LaunchedBrowser> {
        // A reopen still starting a browser finishes first, so that browser is the one handed
        // back; with the URL gone, no later reopen starts another.
        let _no_reopen = self.app.reopening.lock().await;
        lock(&self.app.running).as_mut().and_then(|running| {
            running.url = None;
            running.browser.take()
        })
    }
}

/// Clears the sign-in in progress however `sign_in` returns.
struct ClearRunning<'a>(&'a App);

impl Drop for ClearRunning<'_> {
    fn drop(&mut self) {
        if let Some(running) = lock(&self.0.running).take()
            && let Some(browser) = running.browser
        {
            close_private(&browser);
        }
    }
}

struct ClearFlag<'a>(&'a AtomicBool);

impl Drop for ClearFlag<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}
