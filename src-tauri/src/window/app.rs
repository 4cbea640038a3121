//! Everything the window does, without the window: the provider and its listener, the
//! sign-in in progress, the session kept in the vault, the idle countdown, reachability and
//! the staff settings. The Tauri commands are one-line calls into [`App`].

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant};

use fcplus::{
    CancelHandle, Freshness, LoopbackListener, ProviderConfig, RelyingParty, RelyingPartyOptions,
    SignInError, SignInRequest, VerifiedSignIn, sign_in,
};
use sandbox::Sandbox;
use session::browser::close_private;
use session::config::RawAppConfig;
use session::lifecycle::Logout;
use session::{
    AuditEvent, BrowserMode, Current, EndReason, IdleState, LaunchedBrowser, SessionStore,
    Suspicion,
};
use url::Url;

use super::settings::{IDLE_TIMEOUT_RANGE, Saved, Settings, parse_env};
use super::shell::Shell;
use super::view::{
    CommandError, EndView, IdentityView, Notice, Phase, SettingsView, SignInProgress, Status,
};
use crate::cli::{Env, WindowArgs};
use crate::environment::{adopt_listener_port, client_id, prepare, provider_config, read_config};
use crate::messages::{Failure, Language};
use crate::store;

/// How long FC+ has to come back from a logout before the local wipe goes on without it.
const LOGOUT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a reachability check may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);
/// Wrong PINs in a row before the settings lock for [`PIN_LOCKOUT`].
const PIN_ATTEMPTS: u32 = 5;
const PIN_LOCKOUT: Duration = Duration::from_secs(60);

type Result<T> = std::result::Result<T, CommandError>;

/// The provider side of one environment: kept for the app's life (or until staff switch
/// environment), so the sandbox and the listener's port stay the same.
struct Provider {
    env: Env,
    listener: LoopbackListener,
    /// The in-process FC+ stand-in of the `sandbox` environment.
    sandbox: Option<Sandbox>,
    issuer: Url,
    rp: Mutex<Option<Arc<RelyingParty>>>,
    store: SessionStore,
    cache_dir: Option<PathBuf>,
    /// The configuration file, read again for each discovery attempt of `integration`.
    config_path: Option<PathBuf>,
}

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
    verified: VerifiedSignIn,
    issuer: String,
    browser: Option<LaunchedBrowser>,
    suspicion: Suspicion,
    view: IdentityView,
}

/// Wrong PINs in a row, and the lockout they led to.
#[derive(Default)]
struct PinGuard {
    failures: u32,
    locked_until: Option<Instant>,
}

#[derive(Debug, PartialEq, Eq)]
enum PinVerdict {
    Accepted,
    Wrong,
    /// Too many wrong PINs: nothing is checked until the lockout ends.
    Locked,
}

impl PinGuard {
    fn check(&mut self, pin: &str, expected: &str, now: Instant) -> PinVerdict {
        if let Some(until) = self.locked_until {
            if now < until {
                return PinVerdict::Locked;
            }
            self.locked_until = None;
        }
        if constant_time_eq(pin.as_bytes(), expected.as_bytes()) {
            *self = Self::default();
            return PinVerdict::Accepted;
        }
        self.failures += 1;
        if self.failures >= PIN_ATTEMPTS {
            self.failures = 0;
            self.locked_until = Some(now + PIN_LOCKOUT);
        }
        PinVerdict::Wrong
    }
}

pub struct App {
    args: WindowArgs,
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
        let language = Language::from_env();
        let (settings, blocking, provider) = match Settings::load(&args) {
            Ok((settings, raw, base)) => {
                match Provider::prepare(&settings, &args, raw, &base).await {
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
        match provider.store.current(time::OffsetDateTime::now_utc()) {
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
            .map(|held| (held.view.clone(), held.suspicion.code()));
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
        let previous = provider
            .store
            .previous_alive(time::OffsetDateTime::now_utc());
        {
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
            // The last session's FC+ logout did not complete: in a shared browser FC+ would
            // hand its session to this sign-in at eidas2. A private profile cannot meet it.
            if previous.is_some()
                && !matches!(browser, BrowserMode::Private { .. })
                && !self.browser_closed.load(Ordering::SeqCst)
            {
                return Err(self.say(
                    "previous_fc_session",
                    "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé ».",
                    "The previous person's FranceConnect+ session could not be closed: close every browser window, then press \"Browser closed\".",
                ));
            }
            *running = Some(Running {
                cancel: cancel.clone(),
                eidas,
                deadline: Instant::now() + timeout,
                url: None,
                browser: None,
            });
        }
        let _clear = ClearRunning(self);
        self.touch();
        let rp = provider.relying_party().await.map_err(|f| self.error(&f))?;
        provider.store.audit().record(AuditEvent::SignInStarted {
            eidas,
            acr: acr.to_string(),
        });
        provider.store.sign_in_starting(&browser, timeout);
        let result = sign_in(
            &rp,
            &provider.listener,
            SignInRequest {
                eidas,
                acr: Some(acr),
            },
            |url| self.open_browser(&browser, url, &provider.store),
            timeout,
            &cancel,
        )
        .await;
        // A reopen still starting a browser finishes first, so that browser is the one closed;
        // with the URL gone, no later reopen starts another.
        let _no_reopen = self.reopening.lock().await;
        let launched = lock(&self.running).as_mut().and_then(|running| {
            running.url = None;
            running.browser.take()
        });
        let verified = match result {
            Ok(verified) => verified,
            Err(e) => {
                provider.store.audit().record(AuditEvent::SignInFailed {
                    code: e.code().into(),
                });
                provider.store.sign_in_settled(Some(e.code()));
                if let Some(browser) = &launched {
                    close_private(browser);
                }
                tracing::info!(event = "sign_in_failed", code = e.code());
                return Err(self.error(&Failure::from_sign_in(e)));
            }
        };
        let view = IdentityView::from(&verified.identity);
        let issuer = rp.metadata().issuer.to_string();
        if let Some(suspicion) = provider
            .store
            .reuse_suspicion(&verified, eidas, previous.as_ref())
        {
            tracing::info!(event = "possible_reuse", suspicion = suspicion.code());
            *lock(&self.held) = Some(Held {
                verified,
                issuer,
                browser: launched,
                suspicion,
                view,
            });
            self.touch();
            return Err(self.say(
                "possible_reuse",
                "Cette identité est peut-être la session FranceConnect+ de la personne précédente : vérifiez-la avec la personne présente.",
                "This may be the previous person's FranceConnect+ session: check it with the person in front of you.",
            ));
        }
        self.keep(&provider, verified, issuer, launched).await?;
        *lock(&self.signed_in) = Some(view.clone());
        self.touch();
        tracing::info!(event = "sign_in_succeeded", origin = ?view.origin);
        Ok(view)
    }

    /// Keeps a verified sign-in in the vault. The Secret Service and the file sync block:
    /// off the async workers, which keep serving the window meanwhile.
    async fn keep(
        &self,
        provider: &Arc<Provider>,
        verified: VerifiedSignIn,
        issuer: String,
        browser: Option<LaunchedBrowser>,
    ) -> Result<()> {
        let saving = Arc::clone(provider);
        tokio::task::spawn_blocking(move || saving.store.save(&verified, &issuer, browser))
            .await
            .unwrap_or_else(|panicked| std::panic::resume_unwind(panicked.into_panic()))
            .map_err(|e| self.error(&Failure::from_session(&e)))?;
        // A kept sign-in stands for its FC+ session and ends through the normal end, which
        // records how that session ended.
        provider.store.sign_in_settled(None);
        self.browser_closed.store(false, Ordering::SeqCst);
        Ok(())
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
        provider
            .store
            .record_suspicion(&held.verified, held.suspicion, true);
        let view = held.view.clone();
        self.keep(&provider, held.verified, held.issuer, held.browser)
            .await?;
        *lock(&self.signed_in) = Some(view.clone());
        self.touch();
        tracing::info!(event = "sign_in_succeeded", origin = ?view.origin, confirmed = true);
        Ok(view)
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
            .store
            .record_suspicion(&held.verified, held.suspicion, false);
        // Kept for the length of the logout only: the end reads it from the vault, and a
        // crash during that logout leaves it there for the next start to end, FC+ included.
        self.keep(&provider, held.verified, held.issuer, held.browser)
            .await?;
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

    /// Opens the sign-in page: the system browser through the opener, else the configured
    /// command or private browser.
    fn open_browser(
        &self,
        mode: &BrowserMode,
        url: &Url,
        store: &SessionStore,
    ) -> std::result::Result<(), SignInError> {
        let launched = match mode {
            BrowserMode::System => {
                self.shell()?
                    .open_url(url.as_str())
                    .map_err(|detail| SignInError::Browser { detail })?;
                None
            }
            _ => mode.open_sign_in(url.as_str(), store.profiles_root())?,
        };
        tracing::debug!(event = "browser_launched");
        if let Some(running) = lock(&self.running).as_mut() {
            running.url = Some(url.clone());
            running.browser = launched;
        }
        Ok(())
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
        let logout = rp.as_deref().map(|rp| Logout {
            rp,
            listener: &provider.listener,
            timeout: LOGOUT_TIMEOUT,
        });
        let ended = provider.store.end(reason, &browser, logout).await;
        // Whatever the vault said, the person is no longer shown.
        *lock(&self.signed_in) = None;
        if self.kiosk() {
            *lock(&self.language) = self.default_language;
        }
        let report = ended.map_err(|e| self.error(&Failure::from_session(&e)))?;
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
        let online = provider.sandbox.is_some() || provider.probe().await;
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
            if let Some(old) = old.and_then(|old| Arc::try_unwrap(old).ok())
                && let Some(sandbox) = old.sandbox
            {
                sandbox.shutdown().await;
            }
            *lock(&self.online) = None;
            match Provider::prepare(&settings, &self.args, raw, &base).await {
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
        if let Some(browser) = lock(&self.held).take().and_then(|held| held.browser) {
            close_private(&browser);
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

impl Provider {
    async fn prepare(
        settings: &Settings,
        args: &WindowArgs,
        mut raw: RawAppConfig,
        base: &Path,
    ) -> std::result::Result<Self, Failure> {
        let env = settings.env;
        let store = store::open(env, &client_id(env, &raw)?);
        let prepared = prepare(env, raw.provider_part(), base).await?;
        let issuer = prepared.config.issuer.clone();
        let provider = Self {
            env,
            listener: prepared.listener,
            sandbox: prepared.sandbox,
            issuer,
            rp: Mutex::new(None),
            store,
            cache_dir: prepared.cache_dir,
            config_path: args.config.clone(),
        };
        provider.discover(prepared.config).await;
        Ok(provider)
    }

    /// Discovery, from the network or the offline cache. A failure leaves no relying party;
    /// the next sign-in or reachability check tries again.
    async fn discover(&self, config: ProviderConfig) {
        let options = RelyingPartyOptions {
            cache_dir: self.cache_dir.clone(),
            ..RelyingPartyOptions::default()
        };
        match RelyingParty::discover(config, options).await {
            Ok(rp) => *lock(&self.rp) = Some(Arc::new(rp)),
            Err(e) => tracing::info!(event = "discovery_failed", code = e.code()),
        }
    }

    fn needs_discovery(&self) -> bool {
        lock(&self.rp)
            .as_ref()
            .is_none_or(|rp| rp.freshness() == Freshness::Cached)
    }

    /// The relying party, discovering again if the last attempt failed or used the cache.
    async fn relying_party(&self) -> std::result::Result<Arc<RelyingParty>, Failure> {
        if self.needs_discovery() && self.env != Env::Sandbox {
            // Discovery consumed the last configuration: read the file again.
            let (mut raw, base) = read_config(self.config_path.as_deref())?;
            let mut config = provider_config(self.env, raw.provider_part(), &base)?;
            adopt_listener_port(&mut config, &self.listener);
            self.discover(config).await;
        }
        lock(&self.rp).clone().ok_or_else(|| Failure {
            code: "provider_unreachable",
            detail: format!("{} did not answer its discovery request", self.issuer),
        })
    }

    async fn probe(&self) -> bool {
        let url = fcplus::discovery::discovery_url(&self.issuer);
        let request = fcplus::http_client().get(url).send();
        matches!(
            tokio::time::timeout(PROBE_TIMEOUT, request).await,
            Ok(Ok(response)) if response.status().is_success()
        )
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
fn fallback_settings(args: &WindowArgs) -> Settings {
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_lock_even_the_right_one_for_a_minute() {
        let mut guard = PinGuard::default();
        let start = Instant::now();
        for _ in 0..PIN_ATTEMPTS {
            assert_eq!(guard.check("1111", "2468", start), PinVerdict::Wrong);
        }
        assert_eq!(guard.check("2468", "2468", start), PinVerdict::Locked);
        let later = start + PIN_LOCKOUT;
        assert_eq!(guard.check("2468", "2468", later), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", "2468", later), PinVerdict::Wrong);
    }

    #[test]
    fn a_right_pin_clears_the_count_of_wrong_ones() {
        let mut guard = PinGuard::default();
        let now = Instant::now();
        for _ in 0..PIN_ATTEMPTS - 1 {
            guard.check("1111", "2468", now);
        }
        assert_eq!(guard.check("2468", "2468", now), PinVerdict::Accepted);
        assert_eq!(guard.check("1111", "2468", now), PinVerdict::Wrong);
        assert_eq!(guard.check("2468", "2468", now), PinVerdict::Accepted);
    }

    #[test]
    fn pins_compare_whole() {
        assert!(constant_time_eq(b"2468", b"2468"));
        assert!(!constant_time_eq(b"2468", b"2469"));
        assert!(!constant_time_eq(b"2468", b"24680"));
    }
}
