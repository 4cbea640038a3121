//! One sign-in, written once for the command line and the window: the audit trail, the record
//! of a sign-in not yet settled, the browser through FC+ and back, the clean-up of a failure,
//! the check that it is not the previous person's FC+ session, and keeping it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use fcplus::{Acr, CancelHandle, Page as TabPage, PageLanguage, RelyingParty, SignInError};
use fcplus::{SignInRequest, VerifiedSignIn};
use session::browser::{close_private, holds_profile};
use session::{AuditEvent, BrowserMode, EndReason, EndReport, LaunchedBrowser, PreviousSession};
use session::{SessionError, Suspicion};
use url::Url;

use crate::messages::{Failure, Language};
use crate::provider::Provider;

/// How often a sign-in looks whether its private browser is still there.
const BROWSER_WATCH: Duration = Duration::from_millis(500);

/// Where FC+'s page opens, as each front end does it: the CLI runs the configured browser,
/// the window may go through its opener and lets staff open the page again.
pub trait Page {
    /// Opens FC+'s authorization page.
    fn open(&self, url: &Url) -> Result<(), SignInError>;

    /// The private browser the page runs in now, if any (watched while the sign-in waits).
    fn launched(&self) -> Option<LaunchedBrowser>;

    /// Once FC+ has answered (or the wait ended): the private browser the page runs in, handed
    /// to the sign-in, which keeps it with the session or closes it.
    fn take_launched(&self) -> impl Future<Output = Option<LaunchedBrowser>> + Send;
}

/// What is asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The eIDAS button (another EU country's identity).
    pub eidas: bool,
    /// The level; `None`: the provider configuration's.
    pub acr: Option<Acr>,
    pub browser: BrowserMode,
    /// How long the browser has to come back.
    pub timeout: Duration,
    /// The language of the window or the command: the browser's last page is in it (in
    /// English on the eIDAS path, whose FC+ pages are asked in English).
    pub language: Language,
}

impl Request {
    fn page_language(&self) -> PageLanguage {
        match self.language {
            _ if self.eidas => PageLanguage::English,
            Language::French => PageLanguage::French,
            Language::English => PageLanguage::English,
        }
    }
}

/// A verified sign-in, not kept yet.
#[derive(Debug)]
pub struct Verified {
    pub sign_in: VerifiedSignIn,
    issuer: String,
    browser: Option<LaunchedBrowser>,
    /// Its private browser was closed and its profile deleted at once (a kiosk).
    profile_deleted: bool,
}

/// A verified sign-in that may be the previous person's FC+ session: not kept until staff say
/// whether it is the person in front of them ([`Provider::keep_held`], [`Provider::discard_held`]).
#[derive(Debug)]
pub struct Held {
    pub verified: Verified,
    pub suspicion: Suspicion,
}

/// How a sign-in that came back verified ends.
#[derive(Debug)]
pub enum Outcome {
    /// Kept in the vault.
    Kept(VerifiedSignIn),
    /// Held for staff.
    Held(Held),
}

impl Provider {
    /// Signs a person in through `page` and keeps the session, or holds it for staff when it
    /// may be the previous person's FC+ session (`previous`: [`Self::previous_for_sign_in`]).
    /// A failure leaves nothing of the person: its private browser is closed, its profile
    /// deleted with the next end.
    pub async fn sign_in(
        self: &Arc<Self>,
        rp: &RelyingParty,
        request: &Request,
        page: &impl Page,
        cancel: &CancelHandle,
        previous: Option<&PreviousSession>,
    ) -> Result<Outcome, Failure> {
        self.check_keeping().await?;
        let store = self.store();
        store.audit().record(AuditEvent::SignInStarted {
            eidas: request.eidas,
            acr: request.acr.unwrap_or(rp.config().acr).to_string(),
        });
        store.sign_in_starting(&request.browser, request.timeout);
        // The browser's tab is told how it ended once it has (below), never before.
        let sign_in = fcplus::sign_in_answering(
            rp,
            self.listener(),
            SignInRequest {
                eidas: request.eidas,
                acr: request.acr,
            },
            Some(request.page_language()),
            |url| page.open(url),
            request.timeout,
            cancel,
        );
        tokio::pin!(sign_in);
        let mut browser_closed = false;
        let result = tokio::select! {
            result = &mut sign_in => result,
            () = browser_gone(page) => {
                // Nobody can come back through a closed browser: end the wait now.
                browser_closed = true;
                cancel.cancel();
                sign_in.await
            }
        };
        let result = result.map_err(|e| match e {
            SignInError::Cancelled if browser_closed => Failure::browser_closed(),
            e => Failure::from_sign_in(e),
        });
        let launched = page.take_launched().await;
        let (sign_in, tab) = match result {
            Ok(answered) => answered,
            Err(failure) => {
                store.audit().record(AuditEvent::SignInFailed {
                    code: failure.code.as_str().into(),
                });
                store.sign_in_settled(Some(failure.code));
                if let Some(browser) = &launched {
                    close_private(browser);
                }
                tracing::info!(event = "sign_in_failed", code = %failure.code);
                return Err(failure);
            }
        };
        let mut verified = Verified {
            sign_in,
            issuer: rp.metadata().issuer.to_string(),
            browser: launched,
            profile_deleted: false,
        };
        if matches!(request.browser, BrowserMode::Private { kiosk: true, .. })
            && let Some(browser) = verified.browser.take()
        {
            // A kiosk's private browser goes as soon as the identity is verified: its profile,
            // and FC+'s session cookie with it, so nobody at the kiosk can reuse that session,
            // and the end needs no browser.
            close_private(&browser);
            verified.profile_deleted = true;
            tracing::info!(event = "private_browser_closed");
        }
        if let Some(suspicion) = store.reuse_suspicion(&verified.sign_in, request.eidas, previous) {
            tracing::info!(event = "possible_reuse", suspicion = suspicion.code());
            tab.send(TabPage::Held).await;
            return Ok(Outcome::Held(Held {
                verified,
                suspicion,
            }));
        }
        let sign_in = verified.sign_in.clone();
        match self.keep(verified).await {
            Ok(()) => {
                tab.send(TabPage::SignedIn).await;
                Ok(Outcome::Kept(sign_in))
            }
            Err(failure) => {
                tab.send(TabPage::Failed).await;
                Err(failure)
            }
        }
    }

    /// Whether the vault can keep a sign-in, before the person signs in: a locked or missing
    /// keyring is the sign-in's error at once (what staff must do is in its message), not
    /// "nothing was saved" after the person went through FC+. On the blocking pool, as the
    /// Secret Service's calls are.
    async fn check_keeping(self: &Arc<Self>) -> Result<(), Failure> {
        let provider = Arc::clone(self);
        tokio::task::spawn_blocking(move || provider.store().check_keeping())
            .await
            .unwrap_or_else(|panicked| std::panic::resume_unwind(panicked.into_panic()))
            .map_err(|e| {
                tracing::info!(event = "sign_in_refused", code = %e.code());
                Failure::from_session(&e)
            })
    }

    /// Keeps a verified sign-in in the vault. The Secret Service and the file sync block: off
    /// the async workers. A kept sign-in stands for its FC+ session and ends through the
    /// normal end, which records how that session ended.
    async fn keep(self: &Arc<Self>, verified: Verified) -> Result<(), Failure> {
        let provider = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            provider.store().save(
                &verified.sign_in,
                &verified.issuer,
                verified.browser,
                verified.profile_deleted,
            )?;
            provider.store().sign_in_settled(None);
            Ok::<(), SessionError>(())
        })
        .await
        .unwrap_or_else(|panicked| std::panic::resume_unwind(panicked.into_panic()))
        .map_err(|e| Failure::from_session(&e))
    }

    /// Staff checked the held identity with the person in front of them: it is theirs.
    pub async fn keep_held(self: &Arc<Self>, held: Held) -> Result<VerifiedSignIn, Failure> {
        self.store()
            .record_suspicion(&held.verified.sign_in, held.suspicion, true);
        let sign_in = held.verified.sign_in.clone();
        self.keep(held.verified).await?;
        Ok(sign_in)
    }

    /// The held identity is not the person in front of staff (or nobody answered): nothing of
    /// it stays. Its fresh ID token logs that FC+ session out in this browser, as "End session"
    /// would, so the next sign-in meets none ([`Self::keep_until_end`], then [`Self::end`]).
    pub async fn discard_held(
        self: &Arc<Self>,
        held: Held,
        browser: &BrowserMode,
        rp: Option<&RelyingParty>,
        timeout: Duration,
    ) -> Result<EndReport, Failure> {
        self.keep_until_end(held).await?;
        self.end(EndReason::Staff, browser, rp, timeout).await
    }

    /// The first half of [`Self::discard_held`], for a front end that runs the end itself:
    /// records that staff did not keep it, and keeps it for the length of that end only (the
    /// end reads it from the vault, and a crash during the logout leaves it there for the next
    /// start to end, FC+ included).
    pub async fn keep_until_end(self: &Arc<Self>, held: Held) -> Result<(), Failure> {
        self.store()
            .record_suspicion(&held.verified.sign_in, held.suspicion, false);
        self.keep(held.verified).await
    }
}

/// Returns once the page's private browser has been closed: no process has held its profile
/// for two looks in a row, half a second apart (a browser being started again on the same
/// profile, by "reopen the page", is not taken for a closed one). Never returns without one.
async fn browser_gone(page: &impl Page) {
    let mut missing = 0;
    loop {
        tokio::time::sleep(BROWSER_WATCH).await;
        match page.launched() {
            Some(browser) if !holds_profile(&browser) => missing += 1,
            _ => missing = 0,
        }
        if missing >= 2 {
            return;
        }
    }
}

impl Held {
    /// Closes its private browser (FC+'s cookie with it): for a window that quits while an
    /// identity is held, never kept.
    pub fn forget(self) {
        if let Some(browser) = &self.verified.browser {
            close_private(browser);
        }
    }
}
