//! Keeping, showing and ending a session. Ending always wipes locally, even when the FC+
//! logout cannot happen (offline, timeout, provider gone), and says which happened.

use std::path::PathBuf;
use std::time::Duration;

use fcplus::{CancelHandle, LoopbackListener, RelyingParty, State, VerifiedSignIn};
use time::OffsetDateTime;
use vault::{Loaded, Vault, VaultError};

use crate::audit::{AuditEvent, AuditLog};
use crate::browser::{BrowserMode, close_private, holds_profile, remove_all_profiles};
use crate::previous::PreviousSession;
use crate::stored::StoredSession;

mod next_person;

pub use next_person::Suspicion;

/// Why a session could not be kept or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The vault failed (keyring missing or locked, storage, tampering).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The vault opened but did not hold a Guichet session (written by another version).
    #[error("the stored session is not readable by this version of Guichet; it was wiped")]
    Unreadable,
}

impl SessionError {
    /// A stable code for messages and the audit trail.
    pub fn code(&self) -> codes::Code {
        match self {
            SessionError::Vault(e) => e.code(),
            SessionError::Unreadable => codes::Code::SessionUnreadable,
        }
    }
}

/// The session as it stands.
#[derive(Debug)]
pub enum Current {
    /// Nobody is signed in.
    None,
    /// A session is kept but its time is up. It stays in the vault until
    /// [`SessionStore::end`] (with [`EndReason::Expired`]) wipes it, so the end can still log
    /// out of FC+ while FC+'s own session may be alive (a lifetime shorter than FC+'s 600 s).
    /// Nothing of it is handed out.
    Expired,
    Active(Box<StoredSession>),
}

/// Why a session ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// Staff (or the person) ended it.
    Staff,
    /// The kiosk sat idle past its timeout.
    Idle,
    /// It outlived its lifetime.
    Expired,
}

/// What happened at FC+ when the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteLogout {
    /// FC+ ended its session and came back to the app.
    Done,
    /// Not attempted, and why.
    Skipped(SkipReason),
    /// Attempted and failed, with the error's code (`timed_out`, `browser_failed`, …).
    Failed(codes::Code),
}

/// Why FC+ was not asked to end its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// No session was kept.
    NoSession,
    /// The kiosk's private browser went with its profile when the session was kept.
    ProfileDeleted,
    /// FC+'s own session was over (600 s).
    FcSessionExpired,
    /// The provider could not be opened for the logout.
    ProviderUnavailable,
    /// The person closed the private browser, and FC+'s cookie with it.
    BrowserClosed,
    /// The provider has no logout endpoint.
    NoLogoutEndpoint,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NoSession => "no_session",
            SkipReason::ProfileDeleted => "profile_deleted",
            SkipReason::FcSessionExpired => "fc_session_expired",
            SkipReason::ProviderUnavailable => "provider_unavailable",
            SkipReason::BrowserClosed => "browser_closed",
            SkipReason::NoLogoutEndpoint => "no_logout_endpoint",
        }
    }
}

impl RemoteLogout {
    /// As the audit trail, the logs and the UI spell it: `done`, the skip reason, or the
    /// failure's error code.
    pub fn code(&self) -> &'static str {
        match self {
            RemoteLogout::Done => "done",
            RemoteLogout::Skipped(reason) => reason.as_str(),
            RemoteLogout::Failed(code) => code.as_str(),
        }
    }
}

/// What the end of a session did.
#[derive(Debug)]
pub struct EndReport {
    pub had_session: bool,
    pub remote_logout: RemoteLogout,
    /// Every private browser profile is gone.
    pub profiles_removed: bool,
    /// No browser can present this session's FC+ session again: FC+ ended it, or it lived in
    /// a private profile now deleted, or FC+'s 600 s are over (or there was no session).
    /// When false, the next system-browser sign-in could be handed this person's identity.
    pub fc_session_cleared: bool,
}

/// The FC+ side of a logout: the provider and the listener that catches its redirect.
#[derive(Debug, Clone, Copy)]
pub struct Logout<'a> {
    pub rp: &'a RelyingParty,
    pub listener: &'a LoopbackListener,
    pub timeout: Duration,
}

/// The one place a session is kept: the vault, the audit trail, the browser profiles.
#[derive(Debug)]
pub struct SessionStore {
    vault: Vault,
    audit: AuditLog,
    profiles_root: PathBuf,
}

impl SessionStore {
    pub fn new(vault: Vault, audit: AuditLog, profiles_root: PathBuf) -> Self {
        Self {
            vault,
            audit,
            profiles_root,
        }
    }

    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    pub fn profiles_root(&self) -> &std::path::Path {
        &self.profiles_root
    }

    /// Whether a sign-in could be kept: the vault's keyring answers and gives its data key
    /// ([`Vault::prepare`]). Checked before the browser opens, so a locked or missing keyring
    /// stops the sign-in before the person signs in at FC+, not after.
    pub fn check_keeping(&self) -> Result<(), SessionError> {
        self.vault.prepare().map_err(SessionError::from)
    }

    /// Keeps a verified sign-in. If it cannot be kept, its private browser is closed and
    /// deleted too, so a failed store leaves nothing of the person behind. `profile_deleted`:
    /// the sign-in's private browser is already closed and its profile deleted (a kiosk).
    pub fn save(
        &self,
        signed_in: &VerifiedSignIn,
        issuer: &str,
        browser: Option<crate::LaunchedBrowser>,
        profile_deleted: bool,
    ) -> Result<(), SessionError> {
        let session = StoredSession {
            identity: signed_in.identity.clone(),
            id_token: signed_in.id_token.clone(),
            issuer: issuer.to_owned(),
            browser,
            profile_deleted,
            fc_logged_out: false,
            signed_in_at: OffsetDateTime::now_utc().unix_timestamp(),
        };
        let payload = zeroizing_json(&session);
        let stored = {
            let _span = tracing::debug_span!("vault_write").entered();
            self.vault.store(&payload, session.identity.expires_at)
        };
        if let Err(e) = stored {
            if let Some(browser) = &session.browser {
                close_private(browser);
            }
            return Err(e.into());
        }
        self.audit.record(AuditEvent::SignInSucceeded {
            origin: format!("{:?}", session.identity.origin).to_lowercase(),
            acr: session.identity.acr.to_string(),
            subject: self.audit.subject(session.identity.identity.sub.expose()),
        });
        Ok(())
    }

    /// The current session. An expired one is reported as [`Current::Expired`] and left for
    /// [`Self::end`]: only the end may wipe it, because only the end can log out of FC+.
    pub fn current(&self, now: OffsetDateTime) -> Result<Current, SessionError> {
        // Read whatever its expiry (the vault would wipe an expired one), decide here.
        match self.load(OffsetDateTime::UNIX_EPOCH)? {
            Loaded::Nothing | Loaded::Expired => Ok(Current::None),
            Loaded::Session { expires_at, .. } if expires_at <= now => Ok(Current::Expired),
            Loaded::Session { payload, .. } => {
                match serde_json::from_slice::<StoredSession>(&payload) {
                    Ok(session) => Ok(Current::Active(Box::new(session))),
                    Err(_) => {
                        self.vault.wipe()?;
                        Err(SessionError::Unreadable)
                    }
                }
            }
        }
    }

    fn load(&self, now: OffsetDateTime) -> Result<Loaded, SessionError> {
        self.vault.load(now).map_err(|e| {
            if e.code() == codes::Code::SessionTampered {
                remove_all_profiles(&self.profiles_root);
                self.audit.record(AuditEvent::SessionTampered {
                    code: e.code().as_str().into(),
                });
            }
            SessionError::from(e)
        })
    }

    /// Records in the vault that FC+'s logout completed, so an end killed before its wipe is
    /// finished by the next one without opening the logout again. Best effort: the wipe that
    /// follows at once is what matters.
    fn remember_fc_logout(&self, session: &StoredSession) {
        let done = StoredSession {
            fc_logged_out: true,
            ..session.clone()
        };
        let payload = zeroizing_json(&done);
        if let Err(e) = self.vault.store(&payload, done.identity.expires_at) {
            tracing::warn!(event = "logout_not_recorded", code = %e.code());
        }
    }

    /// Ends the session: FC+ logout through the browser when `logout` is given, then — in
    /// every case — closes private browsers, deletes their profiles and wipes the vault.
    pub async fn end(
        &self,
        reason: EndReason,
        browser: &BrowserMode,
        logout: Option<Logout<'_>>,
    ) -> Result<EndReport, SessionError> {
        // Read even an expired session: its browser profile must still be deleted and FC+
        // told. A tampered vault has been wiped by `load`; the cleanup below still runs.
        let session = match self.vault.load(OffsetDateTime::UNIX_EPOCH) {
            Ok(Loaded::Session { payload, .. }) => {
                serde_json::from_slice::<StoredSession>(&payload).ok()
            }
            _ => None,
        };
        let now = OffsetDateTime::now_utc();
        let remote_logout = match (&session, logout) {
            (None, _) => RemoteLogout::Skipped(SkipReason::NoSession),
            // An earlier end, killed after FC+'s logout came back, did it already.
            (Some(session), _) if session.fc_logged_out => RemoteLogout::Done,
            // The private browser went with its profile when the session was kept: no browser
            // holds FC+'s cookie, and a logout opened now would never come back.
            (Some(session), _) if session.profile_deleted => {
                RemoteLogout::Skipped(SkipReason::ProfileDeleted)
            }
            // FC+'s session is gone by itself: a logout would get page Y100019 and never come
            // back ([S] core-fcp-high config/session.ts: lifetime 600, no sliding expiration).
            (Some(session), _) if !session_may_live_at_fc(session, now) => {
                RemoteLogout::Skipped(SkipReason::FcSessionExpired)
            }
            (Some(_), None) => RemoteLogout::Skipped(SkipReason::ProviderUnavailable),
            (Some(session), Some(logout)) => {
                let outcome = remote_logout(session, browser, logout).await;
                if matches!(outcome, RemoteLogout::Done) {
                    self.remember_fc_logout(session);
                }
                outcome
            }
        };
        if let Some(launched) = session.as_ref().and_then(|s| s.browser.as_ref()) {
            close_private(launched);
        }
        let profiles_removed = remove_all_profiles(&self.profiles_root);
        let wiped = self.vault.wipe();
        let mut fc_session_cleared = true;
        if let Some(session) = &session {
            let subject = self.audit.subject(session.identity.identity.sub.expose());
            let previous = PreviousSession {
                subject: subject.clone(),
                signed_in_at: session.signed_in_at,
                ended_at: now.unix_timestamp(),
                // A private profile is deleted above, and FC+'s cookie with it: no browser
                // can present that session again, whatever the logout did.
                fc_logout: match (&remote_logout, browser) {
                    (RemoteLogout::Done, _) => "done".to_owned(),
                    (_, BrowserMode::Private { .. }) => "profile_deleted".to_owned(),
                    (other, _) => other.code().to_owned(),
                },
            };
            fc_session_cleared = !previous.fc_session_may_be_alive(now);
            self.previous_file().write(&previous);
            let remote_logout = remote_logout.code().to_owned();
            self.audit.record(match reason {
                EndReason::Staff => AuditEvent::SessionEnded {
                    subject,
                    remote_logout,
                },
                EndReason::Idle => AuditEvent::IdleWipe {
                    subject,
                    remote_logout,
                },
                EndReason::Expired => AuditEvent::SessionExpired {
                    subject,
                    remote_logout,
                },
            });
        }
        wiped?;
        tracing::info!(
            event = "session_ended",
            remote_logout = remote_logout.code(),
            fc_session_cleared
        );
        Ok(EndReport {
            had_session: session.is_some(),
            remote_logout,
            profiles_removed,
            fc_session_cleared,
        })
    }
}

/// Whether FC+ may still hold this session: its lifetime runs 600 s from the sign-in (unknown
/// sign-in time, from an older version: assume it may).
fn session_may_live_at_fc(session: &StoredSession, now: OffsetDateTime) -> bool {
    session.signed_in_at == 0
        || now.unix_timestamp() < session.signed_in_at + crate::previous::FC_SESSION_LIFETIME_SECS
}

async fn remote_logout(
    session: &StoredSession,
    browser: &BrowserMode,
    logout: Logout<'_>,
) -> RemoteLogout {
    if let (BrowserMode::Private { .. }, Some(launched)) = (browser, session.browser.as_ref())
        && !holds_profile(launched)
    {
        // The person closed the private browser: FC+'s session cookie is gone with it, so no
        // browser can present it again (its profile is deleted next). A logout opened now
        // would get FC+'s page Y100019 and never come back: say so instead of pretending.
        return RemoteLogout::Skipped(SkipReason::BrowserClosed);
    }
    let state = State::random();
    let (Some(url), Some(expected)) = (
        logout.rp.logout_url(&session.id_token, &state),
        logout.rp.expected_logout(&state),
    ) else {
        return RemoteLogout::Skipped(SkipReason::NoLogoutEndpoint);
    };
    let relaunched = match browser
        .open_logout(url.as_str(), session.browser.as_ref())
        .await
    {
        Ok(relaunched) => relaunched,
        Err(e) => return RemoteLogout::Failed(e.code()),
    };
    let result = logout
        .listener
        .wait(expected, logout.timeout, &CancelHandle::new())
        .await;
    if let Some(relaunched) = relaunched {
        close_private(&relaunched);
    }
    match result {
        Ok(_) => RemoteLogout::Done,
        Err(e) => RemoteLogout::Failed(e.code()),
    }
}

/// The serialized session, cleared from memory once the vault has encrypted it.
fn zeroizing_json(session: &StoredSession) -> zeroize::Zeroizing<Vec<u8>> {
    zeroize::Zeroizing::new(serde_json::to_vec(session).unwrap_or_default())
}
