//! What Guichet remembers of the last session once it is gone, without personal data: the
//! salted hash of its `sub` (as in the audit trail), when it was signed in and ended, and
//! whether FC+'s logout completed. FC+ keeps a browser session for 600 s after the sign-in and
//! reuses it at `eidas2`, ignoring `idp_hint` (FCPLUS.md): while that session may be alive in
//! the system browser, the next sign-in there could be handed the previous person.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// FC+'s browser session lifetime, from the sign-in.
pub const FC_SESSION_LIFETIME_SECS: i64 = 600;

/// The last session, as remembered once it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousSession {
    /// Salted hash of its `sub` ([`crate::AuditLog::subject`]).
    pub subject: String,
    /// Unix time of the sign-in; 0 when unknown (a session kept by an older version).
    pub signed_in_at: i64,
    pub ended_at: i64,
    /// `done`; `profile_deleted` when it lived in a private profile, now deleted with its
    /// cookie; else why FC+'s logout did not happen (`timed_out`, `provider_unavailable`…).
    pub fc_logout: String,
}

impl PreviousSession {
    /// Whether its FC+ session may still be alive in a browser: the logout did not complete
    /// and FC+'s lifetime has not run out (counted from the end when the sign-in time is
    /// unknown, which errs on the safe side).
    pub fn fc_session_may_be_alive(&self, now: OffsetDateTime) -> bool {
        let start = if self.signed_in_at > 0 {
            self.signed_in_at
        } else {
            self.ended_at
        };
        let unreachable = matches!(self.fc_logout.as_str(), "done" | "profile_deleted");
        !unreachable && now.unix_timestamp() < start + FC_SESSION_LIFETIME_SECS
    }
}

/// A small JSON record in the data folder, next to the audit trail: read whole, replaced whole
/// (written to a temporary file, then renamed). Writing is best effort: a failure is logged
/// under `event` and only weakens a warning, never a wipe.
#[derive(Debug, Clone)]
pub struct RecordFile<T> {
    path: PathBuf,
    event: &'static str,
    record: std::marker::PhantomData<fn() -> T>,
}

impl<T: Serialize + for<'de> Deserialize<'de>> RecordFile<T> {
    fn at(data_dir: &Path, name: &str, event: &'static str) -> Self {
        Self {
            path: data_dir.join(name),
            event,
            record: std::marker::PhantomData,
        }
    }

    pub fn read(&self) -> Option<T> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn write(&self, record: &T) {
        let temporary = self.path.with_extension("json.tmp");
        let written = serde_json::to_vec(record)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &self.path));
        if written.is_err() {
            tracing::warn!(event = self.event);
        }
    }

    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `previous-session.json`: the last session, once it ended.
pub type PreviousFile = RecordFile<PreviousSession>;

impl PreviousFile {
    pub fn new(data_dir: &Path) -> Self {
        Self::at(
            data_dir,
            "previous-session.json",
            "previous_session_not_recorded",
        )
    }
}

/// A sign-in in a shared browser that has not settled: written before the browser opens and
/// removed once it is kept, or once it failed in a way that proves FC+ holds no identity for it
/// (the person cancelled at FC+'s chooser, the browser never opened). Left behind by a crash, a
/// cancel, a timeout or a failed verification, it stands for a FC+ session that may have an
/// identity in it (FC+ attaches the identity at the provider's return, before the consent
/// page), alive until `alive_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// Unix time after which FC+ cannot hold it any more: the latest moment it could have
    /// been written to (the sign-in's deadline) plus FC+'s lifetime.
    pub alive_until: i64,
}

impl PendingSignIn {
    /// As a [`PreviousSession`] without a subject: nobody's `sub` is known.
    pub fn as_previous(&self) -> PreviousSession {
        PreviousSession {
            subject: String::new(),
            signed_in_at: self.alive_until - FC_SESSION_LIFETIME_SECS,
            ended_at: self.alive_until - FC_SESSION_LIFETIME_SECS,
            fc_logout: "sign_in_unsettled".into(),
        }
    }
}

/// `sign-in-pending.json`: a [`PendingSignIn`], next to the previous session's.
pub type PendingFile = RecordFile<PendingSignIn>;

impl PendingFile {
    pub fn new(data_dir: &Path) -> Self {
        Self::at(
            data_dir,
            "sign-in-pending.json",
            "pending_sign_in_not_recorded",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(secs).unwrap()
    }

    #[test]
    fn a_session_may_be_alive_only_without_a_logout_and_within_fc_plus_lifetime() {
        let previous = PreviousSession {
            subject: "s".into(),
            signed_in_at: 1_000,
            ended_at: 1_100,
            fc_logout: "timed_out".into(),
        };
        assert!(previous.fc_session_may_be_alive(at(1_599)));
        assert!(
            !previous.fc_session_may_be_alive(at(1_600)),
            "600 s after the sign-in"
        );
        let done = PreviousSession {
            fc_logout: "done".into(),
            ..previous.clone()
        };
        assert!(!done.fc_session_may_be_alive(at(1_200)), "FC+ ended it");
        let unknown = PreviousSession {
            signed_in_at: 0,
            ..previous
        };
        assert!(
            unknown.fc_session_may_be_alive(at(1_650)),
            "from the end when unknown"
        );
    }

    #[test]
    fn an_unsettled_sign_in_may_be_alive_until_its_deadline_plus_fc_plus_lifetime() {
        let pending = PendingSignIn { alive_until: 2_000 };
        let previous = pending.as_previous();
        assert!(previous.fc_session_may_be_alive(at(1_999)));
        assert!(!previous.fc_session_may_be_alive(at(2_000)));
        assert!(previous.subject.is_empty(), "nobody's sub is known");
        let dir = tempfile::tempdir().unwrap();
        let file = PendingFile::new(dir.path());
        assert_eq!(file.read(), None);
        file.write(&pending);
        assert_eq!(file.read(), Some(pending));
        file.remove();
        assert_eq!(file.read(), None);
    }

    #[test]
    fn the_record_round_trips_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = PreviousFile::new(dir.path());
        assert_eq!(file.read(), None);
        let previous = PreviousSession {
            subject: "abc".into(),
            signed_in_at: 1,
            ended_at: 2,
            fc_logout: "done".into(),
        };
        file.write(&previous);
        assert_eq!(file.read(), Some(previous));
    }
}
