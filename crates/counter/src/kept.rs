//! The session a command-line run keeps, and its end, written once: `session end`, `session
//! show` and `session watch` (an expiry or idleness), and `login` before a sign-in
//! (`--end-current`, an expiry). The window keeps its provider open and ends through
//! [`Provider::end`] directly.

use codes::{Code, Word};
use std::path::{Path, PathBuf};
use std::time::Duration;

use session::config::{RawAppConfig, browser_mode};
use session::paths::Folders;
use session::{BrowserMode, Current, EndReason, EndReport, RemoteLogout, SessionStore, SkipReason};
use vault::Keyring;

use crate::env::Env;
use crate::environment::{client_id, read_config, resolve_env};
use crate::messages::{Failure, Language, fc_error_pages};
use crate::provider::{LOGOUT_TIMEOUT, Provider};
use crate::settings::{Saved, configured_kiosk};
use crate::store;

/// A command's configuration: the file read once, and the environment resolved from it and
/// the command line (`--env`, else the one the file names, else the sandbox).
#[derive(Debug)]
pub struct Configured {
    pub env: Env,
    pub raw: RawAppConfig,
    /// The file's folder: relative key paths resolve against it.
    pub base: PathBuf,
    /// The file, read again by a provider for each new discovery (it consumes the secrets).
    pub path: Option<PathBuf>,
    /// Where the data keys are: the same choice the window makes ([`store::keyring`]), so a
    /// command finds the session a kiosk keeps.
    pub keyring: Keyring,
}

impl Configured {
    pub fn read(path: Option<&Path>, env: Option<Env>) -> Result<Self, Failure> {
        let (raw, base) = read_config(path)?;
        let env = resolve_env(env, &raw)?;
        let saved = Saved::read(&Saved::path(&Folders::from_env()));
        let keyring = store::keyring(
            &raw,
            configured_kiosk(&raw, &saved),
            vault::secret_service_unlocked,
        )?;
        Ok(Self {
            env,
            raw,
            base,
            path: path.map(Path::to_owned),
            keyring,
        })
    }

    /// The session store of this environment's client.
    pub fn store(&self) -> Result<SessionStore, Failure> {
        Ok(store::open(
            self.env,
            &client_id(self.env, &self.raw)?,
            self.keyring,
            session::config::audit_rotation(self.raw.audit.as_ref())
                .map_err(Failure::from_config)?,
        ))
    }

    /// The browser: `command` from the command line over the file's `[browser]`.
    pub fn browser(&self, command: Option<&str>) -> Result<BrowserMode, Failure> {
        browser_mode(self.raw.browser.as_ref(), command).map_err(Failure::from_config)
    }

    /// The provider environment, ready for a sign-in or a logout.
    pub async fn open_provider(self) -> Result<Provider, Failure> {
        Provider::open(self.env, self.raw, &self.base, self.path, self.keyring).await
    }

    /// Opens the provider for a sign-in, after ending the session kept in `store` when `end`
    /// says so (`login --end-current`, or a session found expired): one provider, one
    /// listener and one discovery serve the logout and the sign-in.
    pub async fn open_for_sign_in(
        self,
        store: &SessionStore,
        browser: &BrowserMode,
        end: Option<EndReason>,
    ) -> Result<(Provider, Option<Ended>), Failure> {
        let sandbox = self.env == Env::Sandbox;
        let provider = self.open_provider().await;
        let ended = match end {
            None => None,
            // A new sandbox never held the kept session: its logout would never come back.
            Some(reason) if sandbox => {
                Some(end_with(store, None, browser, LOGOUT_TIMEOUT, reason).await?)
            }
            Some(reason) => {
                Some(end_with(store, Some(&provider), browser, LOGOUT_TIMEOUT, reason).await?)
            }
        };
        Ok((provider?, ended))
    }
}

/// What ending a kept session did.
#[derive(Debug)]
pub struct Ended {
    pub report: EndReport,
    /// Why FC+ could not be asked to log out, when it could not.
    pub unavailable: Option<Unavailable>,
}

/// Why FC+ could not be asked to log out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The sandbox lived in the `login` that signed the person in, and stopped with it.
    SandboxStopped,
    /// The provider could not be opened: its failure's code.
    Provider(Code),
}

impl Unavailable {
    fn as_str(self) -> &'static str {
        match self {
            Unavailable::SandboxStopped => "sandbox_stopped",
            Unavailable::Provider(code) => code.as_str(),
        }
    }
}

/// How an end left FC+'s session, as staff are told: the one reading behind both
/// [`Ended::lines`] and [`Ended::logout_incomplete`].
enum Outcome<'a> {
    NoSession,
    LoggedOut,
    /// The person closed the private browser: FC+'s cookie went with it.
    BrowserClosed,
    /// The kiosk closed the private browser as soon as the identity was verified.
    ProfileDeleted,
    /// FC+'s 600 s were over.
    FcExpired,
    /// The sandbox of the `login` that kept the session stopped with it.
    SandboxStopped,
    /// FC+'s session may outlive this end in a shared browser, for this reason (`timed_out`:
    /// the logout's wait ran out, FC+ showing an error page instead of coming back).
    Incomplete {
        why: &'a str,
        timed_out: bool,
    },
}

impl Ended {
    fn outcome(&self) -> Outcome<'_> {
        if !self.report.had_session {
            return Outcome::NoSession;
        }
        match &self.report.remote_logout {
            RemoteLogout::Done => Outcome::LoggedOut,
            RemoteLogout::Skipped(SkipReason::BrowserClosed) => Outcome::BrowserClosed,
            RemoteLogout::Skipped(SkipReason::ProfileDeleted) => Outcome::ProfileDeleted,
            RemoteLogout::Skipped(SkipReason::FcSessionExpired) => Outcome::FcExpired,
            _ if self.unavailable == Some(Unavailable::SandboxStopped) => Outcome::SandboxStopped,
            other => Outcome::Incomplete {
                why: self.unavailable.map_or(other.code(), Unavailable::as_str),
                timed_out: self.unavailable.is_none()
                    && *other == RemoteLogout::Failed(Code::TimedOut),
            },
        }
    }

    /// Whether FC+'s session may outlive this end in a shared browser: the logout could not be
    /// done, and neither a closed private browser, FC+'s own expiry nor the stopped sandbox
    /// makes it unreachable.
    pub fn logout_incomplete(&self) -> bool {
        matches!(self.outcome(), Outcome::Incomplete { .. })
    }

    /// What staff read of this end, a line each.
    pub fn lines(&self, reason: EndReason, lang: Language) -> Vec<String> {
        let say = |word: Word| word.text(lang).to_owned();
        let mut lines = Vec::new();
        if reason == EndReason::Expired {
            lines.push(say(Word::EndExpired));
        }
        let said = match self.outcome() {
            Outcome::NoSession => say(Word::EndNoSession),
            Outcome::LoggedOut => say(Word::EndLoggedOut),
            Outcome::BrowserClosed => say(Word::EndBrowserClosed),
            Outcome::ProfileDeleted => say(Word::EndProfileDeleted),
            Outcome::FcExpired => say(Word::EndFcExpired),
            Outcome::SandboxStopped => say(Word::EndSandboxStopped),
            Outcome::Incomplete { why, timed_out } => {
                let line = Word::EndIncomplete.fill(lang, &[("why", why)]);
                if !timed_out {
                    line
                } else {
                    // FC+ answers this page instead of coming back: all the app sees is the wait.
                    lines.push(line);
                    fc_error_pages(&["Y100019"], lang)
                }
            }
        };
        lines.push(said);
        lines
    }
}

/// Ends the kept session of `configured`: FC+ logout through the same provider and listener
/// as the sign-in when it can be reached (`timeout` for it to come back), then the local wipe
/// in every case.
pub async fn end_kept(
    configured: Configured,
    browser: &BrowserMode,
    timeout: Duration,
    reason: EndReason,
) -> Result<Ended, Failure> {
    let store = configured.store()?;
    let sandbox = configured.env == Env::Sandbox;
    // The sandbox of the `login` that kept the session stopped with it: none to open.
    let provider = if sandbox {
        None
    } else {
        Some(configured.open_provider().await)
    };
    end_with(&store, provider.as_ref(), browser, timeout, reason).await
}

/// The end itself: through `provider` when one could be opened (`None`: the sandbox's, which
/// is gone), else the local wipe alone, saying why FC+ was not asked.
async fn end_with(
    store: &SessionStore,
    provider: Option<&Result<Provider, Failure>>,
    browser: &BrowserMode,
    timeout: Duration,
    reason: EndReason,
) -> Result<Ended, Failure> {
    let provider = match provider {
        Some(Ok(provider)) => provider,
        Some(Err(failure)) => {
            let unavailable = Unavailable::Provider(failure.code);
            return wipe_only(store, browser, reason, unavailable).await;
        }
        None => return wipe_only(store, browser, reason, Unavailable::SandboxStopped).await,
    };
    let rp = provider.discovered();
    let report = provider
        .end(reason, browser, rp.as_deref().ok(), timeout)
        .await?;
    Ok(Ended {
        report,
        unavailable: rp.err().map(|failure| Unavailable::Provider(failure.code)),
    })
}

async fn wipe_only(
    store: &SessionStore,
    browser: &BrowserMode,
    reason: EndReason,
    unavailable: Unavailable,
) -> Result<Ended, Failure> {
    let report = store
        .end(reason, browser, None)
        .await
        .map_err(|e| Failure::from_session(&e))?;
    Ok(Ended {
        report,
        unavailable: Some(unavailable),
    })
}

/// Which end a kept session needs before a sign-in: none, staff's (`end_current`: the
/// command line was told to end it), or an expiry's. A live session without `end_current` is
/// refused: the sign-in would overwrite it, and at eidas2 FC+ would hand the new person the
/// kept person's live FC+ session (it reuses it and ignores `idp_hint`).
pub fn end_due_before_sign_in(
    store: &SessionStore,
    end_current: bool,
) -> Result<Option<EndReason>, Failure> {
    let kept = store
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?;
    match kept {
        Current::Active(_) if !end_current => Err(Failure {
            code: Code::SessionActive,
            detail: "a session is kept for the person signed in".into(),
        }),
        Current::Active(_) => Ok(Some(EndReason::Staff)),
        // Its time is up: ended as an expiry is (FC+ logout while FC+ may still hold it).
        Current::Expired => Ok(Some(EndReason::Expired)),
        Current::None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ended(remote_logout: RemoteLogout, unavailable: Option<Unavailable>) -> Ended {
        Ended {
            report: EndReport {
                had_session: true,
                remote_logout,
                profiles_removed: true,
                fc_session_cleared: true,
            },
            unavailable,
        }
    }

    #[test]
    fn only_a_logout_that_may_leave_fc_plus_s_session_alive_is_incomplete() {
        for complete in [
            ended(RemoteLogout::Done, None),
            ended(RemoteLogout::Skipped(SkipReason::ProfileDeleted), None),
            ended(RemoteLogout::Skipped(SkipReason::BrowserClosed), None),
            ended(RemoteLogout::Skipped(SkipReason::FcSessionExpired), None),
            ended(
                RemoteLogout::Skipped(SkipReason::ProviderUnavailable),
                Some(Unavailable::SandboxStopped),
            ),
        ] {
            assert!(!complete.logout_incomplete(), "{complete:?}");
        }
        let failed = ended(RemoteLogout::Failed(Code::TimedOut), None);
        assert!(failed.logout_incomplete());
        let lines = failed.lines(EndReason::Staff, Language::English);
        assert!(lines[0].contains("close every browser window"), "{lines:?}");
        assert!(lines.len() == 2, "FC+'s error page explained: {lines:?}");
    }

    #[test]
    fn a_profile_deleted_at_sign_in_is_said_as_such_in_both_languages() {
        let deleted = ended(RemoteLogout::Skipped(SkipReason::ProfileDeleted), None);
        let en = deleted.lines(EndReason::Idle, Language::English);
        let fr = deleted.lines(EndReason::Idle, Language::French);
        assert!(en[0].contains("profile deleted") && en[0].contains("nobody can reuse"));
        assert!(fr[0].contains("profil effacé") && fr[0].contains("personne ne peut"));
    }
}
