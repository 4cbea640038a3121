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

/// The file that holds it, next to the audit trail.
#[derive(Debug, Clone)]
pub struct PreviousFile {
    path: PathBuf,
}

impl PreviousFile {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("previous-session.json"),
        }
    }

    pub fn read(&self) -> Option<PreviousSession> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Replaces the record (written whole, then renamed). Best effort: a failure is logged,
    /// and only weakens a warning, never the wipe.
    pub fn write(&self, previous: &PreviousSession) {
        let temporary = self.path.with_extension("json.tmp");
        let written = serde_json::to_vec(previous)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &self.path));
        if written.is_err() {
            tracing::warn!(event = "previous_session_not_recorded");
        }
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
