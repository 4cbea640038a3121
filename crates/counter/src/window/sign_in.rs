//! A sign-in from the window: starting it (one at a time, nobody signed in), the page FC+
//! opens in and "reopen the page", cancelling it, and the identity staff must check
//! ([`Phase::Confirming`]): kept with their word, or discarded.

use codes::Code;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use fcplus::{CancelHandle, SignInError};
use session::{BrowserMode, EndReason, LaunchedBrowser, SessionStore};
use url::Url;

use super::phase::{Confirming, Kind, Leave, Phase, SigningIn};
use super::view::{EndView, IdentityView, SignInOutcome};
use super::{App, Result};
use crate::messages::Failure;
use crate::sign_in::{Outcome, Page, Request};

impl App {
    /// Signs a person in through the browser and keeps the session. Only one at a time, and
    /// not while someone is signed in. An identity that may be the previous person's FC+
    /// session is held for staff instead (`possible_reuse`, [`Phase::Confirming`]).
    pub async fn sign_in(&self, eidas: bool) -> Result<SignInOutcome> {
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
            let mut phase = self.phase();
            phase
                .may_start_sign_in()
                .map_err(|refused| self.refused(refused))?;
            let previous = provider
                .previous_for_sign_in(&browser, self.browser_closed.load(Ordering::SeqCst))
                .map_err(|f| self.error(&f))?;
            phase
                .start_sign_in(SigningIn {
                    cancel: cancel.clone(),
                    eidas,
                    deadline: Instant::now() + timeout,
                    url: None,
                    browser: None,
                })
                .map_err(|refused| self.refused(refused))?;
            previous
        };
        let _leave = Leave {
            app: self,
            kind: Kind::SigningIn,
        };
        self.touch();
        let rp = provider.relying_party().await.map_err(|f| self.error(&f))?;
        let request = Request {
            eidas,
            acr: Some(acr),
            browser,
            timeout,
            language: self.language(),
        };
        let page = WindowPage {
            app: self,
            store: provider.store(),
            browser: &request.browser,
            opened: AtomicBool::new(false),
        };
        let outcome = provider
            .sign_in(&rp, &request, &page, &cancel, previous.as_ref())
            .await;
        if page.opened.load(Ordering::SeqCst)
            && !self.quitting.load(Ordering::SeqCst)
            && let Ok(shell) = self.shell()
        {
            // The browser had the front while the person was at FC+; whatever came back
            // (the identity, a refusal, a cancel), it is said here.
            shell.bring_to_front();
        }
        let outcome = outcome.map_err(|f| self.error(&f))?;
        let held = match outcome {
            Outcome::Kept(verified) => {
                let identity = self.show_kept(IdentityView::from(&verified.identity), false);
                let identity = Box::new(identity);
                return Ok(SignInOutcome::SignedIn { identity });
            }
            Outcome::Held(held) => held,
        };
        self.phase().go(Phase::Confirming(Box::new(Confirming {
            view: IdentityView::from(&held.verified.sign_in.identity),
            suspicion: held.suspicion,
            held: Some(held),
        })));
        self.touch();
        Ok(SignInOutcome::Held)
    }

    /// Staff checked the held identity with the person in front of them: it is theirs. At a
    /// kiosk (staff PIN set) it takes the PIN, so a person alone cannot confirm for staff.
    pub async fn keep_held(&self, pin: Option<&str>) -> Result<IdentityView> {
        let provider = self.provider()?;
        if self.kiosk() && self.settings().staff_pin.is_some() {
            self.check_pin(pin.unwrap_or_default())?;
        }
        let (held, view) = self
            .phase()
            .take_held()
            .map_err(|refused| self.refused(refused))?;
        let _leave = Leave {
            app: self,
            kind: Kind::Confirming,
        };
        provider.keep_held(held).await.map_err(|f| self.error(&f))?;
        Ok(self.show_kept(view, true))
    }

    /// A sign-in is kept (staff `confirmed` a held one or not): it is shown, and it now stands
    /// for the browser's FC+ session, so staff's earlier "Browser closed" no longer applies.
    fn show_kept(&self, view: IdentityView, confirmed: bool) -> IdentityView {
        self.browser_closed.store(false, Ordering::SeqCst);
        self.phase().go(Phase::SignedIn(view.clone()));
        self.touch();
        tracing::info!(event = "sign_in_succeeded", origin = ?view.origin, confirmed);
        view
    }

    /// The held identity is not the person in front of staff (or nobody answered): nothing is
    /// kept. Its fresh ID token logs that FC+ session out in this browser, as "End session"
    /// does, so the next sign-in meets no session to reuse.
    pub async fn discard_held(&self) -> Result<EndView> {
        let provider = self.provider()?;
        let held = self
            .phase()
            .discard_held()
            .map_err(|refused| self.refused(refused))?;
        let leave = Leave {
            app: self,
            kind: Kind::Ending,
        };
        provider
            .keep_until_end(held)
            .await
            .map_err(|f| self.error(&f))?;
        self.finish_end(&provider, EndReason::Staff, leave).await
    }

    /// Staff say every browser window is closed, so the previous person's FC+ session cannot
    /// be presented again; the next sign-in may go on.
    pub fn confirm_browser_closed(&self) {
        tracing::info!(event = "browser_closed_confirmed");
        self.browser_closed.store(true, Ordering::SeqCst);
    }

    /// Stops the sign-in in progress; its `sign_in` call returns `cancelled`.
    pub fn cancel_sign_in(&self) {
        if let Phase::SigningIn(signing_in) = &*self.phase() {
            signing_in.cancel.cancel();
        }
    }

    /// Opens the sign-in page again (the person closed the tab, or it went behind).
    pub async fn reopen_browser(&self) -> Result<()> {
        let _reopening = self.reopening.lock().await;
        let (url, launched) = match &*self.phase() {
            Phase::SigningIn(SigningIn {
                url: Some(url),
                browser,
                ..
            }) => (url.clone(), browser.clone()),
            _ => {
                return Err(self.plain(Code::NoSignIn));
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
            && let Phase::SigningIn(signing_in) = &mut *self.phase()
        {
            signing_in.browser = Some(relaunched);
        }
        Ok(())
    }
}

/// FC+'s page for the window: the system browser through the shell, else the configured
/// command or private browser; kept in the sign-in in progress for "reopen the page".
struct WindowPage<'a> {
    app: &'a App,
    store: &'a SessionStore,
    browser: &'a BrowserMode,
    /// FC+'s page was opened: the browser took the front.
    opened: AtomicBool,
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
        self.opened.store(true, Ordering::SeqCst);
        if let Phase::SigningIn(signing_in) = &mut *self.app.phase() {
            signing_in.url = Some(url.clone());
            signing_in.browser = launched;
        }
        Ok(())
    }

    fn launched(&self) -> Option<LaunchedBrowser> {
        match &*self.app.phase() {
            Phase::SigningIn(signing_in) => signing_in.browser.clone(),
            _ => None,
        }
    }

    async fn take_launched(&self) -> Option<LaunchedBrowser> {
        // A reopen still starting a browser finishes first, so that browser is the one handed
        // back; with the URL gone, no later reopen starts another.
        let _no_reopen = self.app.reopening.lock().await;
        match &mut *self.app.phase() {
            Phase::SigningIn(signing_in) => {
                signing_in.url = None;
                signing_in.browser.take()
            }
            _ => None,
        }
    }
}
