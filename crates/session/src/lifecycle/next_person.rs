//! The next person at the same browser: what is remembered of the previous session and of a
//! sign-in that never settled (no personal data), whether its FC+ session may still be alive,
//! and whether a new sign-in may be that session handed out again.

use std::path::Path;
use std::time::Duration;

use fcplus::{Origin, VerifiedSignIn};
use time::OffsetDateTime;

use super::SessionStore;
use crate::audit::AuditEvent;
use crate::browser::BrowserMode;
use crate::previous::{PendingFile, PendingSignIn, PreviousFile, PreviousSession};

/// Why a sign-in may be the previous person's live FC+ session handed out again (FC+ reuses
/// it at `eidas2` and ignores `idp_hint`, FCPLUS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspicion {
    /// A French identity came back after the eIDAS button: FC+ ignores the hint only when it
    /// reuses a session.
    FrenchAfterEidas,
    /// The `sub` of the last session, whose FC+ session may still be alive.
    SameAsPrevious,
}

impl Suspicion {
    pub fn code(self) -> &'static str {
        match self {
            Suspicion::FrenchAfterEidas => "french_after_eidas",
            Suspicion::SameAsPrevious => "same_as_previous",
        }
    }
}

impl SessionStore {
    /// The last session that ended, as remembered without personal data.
    pub fn previous(&self) -> Option<PreviousSession> {
        self.previous_file().read()
    }

    /// The last session, if its FC+ session may still be alive in a browser: at `eidas2` FC+
    /// would hand it to the next sign-in in that browser, ignoring the eIDAS button. A sign-in
    /// that never settled (crash, cancel, failure) counts too, without a subject.
    pub fn previous_alive(&self, now: OffsetDateTime) -> Option<PreviousSession> {
        let unsettled = || {
            self.pending_file()
                .read()
                .map(|pending| pending.as_previous())
                .filter(|previous| previous.fc_session_may_be_alive(now))
        };
        self.previous()
            .filter(|previous| previous.fc_session_may_be_alive(now))
            .or_else(unsettled)
    }

    fn pending_file(&self) -> PendingFile {
        PendingFile::new(self.audit.path().parent().unwrap_or(Path::new(".")))
    }

    /// Before the browser opens: records a sign-in in a shared browser that has not settled,
    /// so that a crash from here on still warns the next sign-in ([`PendingSignIn`]). Private
    /// profiles need none: theirs is deleted with FC+'s cookie.
    pub fn sign_in_starting(&self, browser: &BrowserMode, timeout: Duration) {
        if matches!(browser, BrowserMode::Private { .. }) {
            return;
        }
        let deadline = OffsetDateTime::now_utc() + timeout;
        self.pending_file().write(&PendingSignIn {
            alive_until: deadline.unix_timestamp() + crate::previous::FC_SESSION_LIFETIME_SECS,
        });
    }

    /// The sign-in is kept (the kept session now stands for its FC+ session), or ended, or it
    /// failed with `code` that proves FC+ holds no identity for it.
    pub fn sign_in_settled(&self, failure: Option<codes::Code>) {
        let proven_empty = failure.is_none_or(|code| {
            // FC+ answered with an error (the person cancelled at its chooser, or it refused
            // the request): it redirects errors only from there, before or after a failed
            // provider, never with an identity in the session. Or FC+ was never opened.
            use codes::Code;
            matches!(
                code,
                Code::AccessDenied
                    | Code::InvalidScope
                    | Code::ProviderError
                    | Code::BrowserFailed
                    | Code::ConfigInvalid
                    | Code::PortInUse
                    | Code::ListenerFailed
            )
        });
        if proven_empty {
            self.pending_file().remove();
        }
    }

    /// Records in the audit trail that a sign-in was suspected of being the previous person's
    /// FC+ session, and whether staff kept it.
    pub fn record_suspicion(&self, signed_in: &VerifiedSignIn, suspicion: Suspicion, kept: bool) {
        self.audit.record(AuditEvent::PossibleReuse {
            subject: self.audit.subject(signed_in.identity.identity.sub.expose()),
            suspicion: suspicion.code().into(),
            kept,
        });
    }

    /// Why a verified sign-in may be the previous person's FC+ session rather than the person
    /// in front of staff. `previous` is [`Self::previous_alive`] read before the sign-in.
    pub fn reuse_suspicion(
        &self,
        signed_in: &VerifiedSignIn,
        eidas_asked: bool,
        previous: Option<&PreviousSession>,
    ) -> Option<Suspicion> {
        if eidas_asked && signed_in.identity.origin == Origin::France {
            return Some(Suspicion::FrenchAfterEidas);
        }
        let subject = self.audit.subject(signed_in.identity.identity.sub.expose());
        previous
            .filter(|previous| previous.subject == subject)
            .map(|_| Suspicion::SameAsPrevious)
    }

    pub(super) fn previous_file(&self) -> PreviousFile {
        PreviousFile::new(self.audit.path().parent().unwrap_or(Path::new(".")))
    }
}
