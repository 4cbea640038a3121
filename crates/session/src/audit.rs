//! The audit trail: an append-only JSON-lines file of what happened, without personal data.
//! A person appears at most as a salted hash of their FC+ pseudonym (`sub`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest as _, Sha256};

/// One audited event. Fields are codes and levels, never names, dates or tokens.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AuditEvent {
    SignInStarted {
        eidas: bool,
        acr: String,
    },
    SignInSucceeded {
        origin: String,
        acr: String,
        subject: String,
    },
    SignInFailed {
        code: String,
    },
    SessionEnded {
        subject: String,
        remote_logout: String,
    },
    IdleWipe {
        subject: String,
        remote_logout: String,
    },
    SessionExpired {
        subject: String,
        remote_logout: String,
    },
    /// A verified sign-in that may be the previous person's FC+ session handed out again
    /// ([`crate::Suspicion`]); `kept` says whether staff confirmed it.
    PossibleReuse {
        subject: String,
        suspicion: String,
        kept: bool,
    },
    SessionTampered {
        code: String,
    },
}

/// The audit file and the salt for subject hashes (both in the data folder).
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
    salt_path: PathBuf,
}

impl AuditLog {
    /// The trail at `{data_dir}/audit.jsonl`.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("audit.jsonl"),
            salt_path: data_dir.join("audit.salt"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A salted, truncated hash of `sub`: enough to correlate events of one session, useless
    /// to find the person.
    pub fn subject(&self, sub: &str) -> String {
        let salt = self.salt();
        let digest = Sha256::new()
            .chain_update(&salt)
            .chain_update(sub.as_bytes())
            .finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    fn salt(&self) -> Vec<u8> {
        if let Ok(salt) = std::fs::read(&self.salt_path)
            && salt.len() == 32
        {
            return salt;
        }
        let mut salt = vec![0u8; 32];
        if getrandom::fill(&mut salt).is_err() {
            return salt;
        }
        if let Some(dir) = self.salt_path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&self.salt_path, &salt);
        restrict(&self.salt_path);
        salt
    }

    /// Appends one event. The audit trail must never stop a sign-in: failures are logged.
    pub fn record(&self, event: AuditEvent) {
        if let Err(e) = self.append(&event) {
            tracing::warn!(event = "audit_write_failed", error = %e.kind());
        }
    }

    fn append(&self, event: &AuditEvent) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut line = serde_json::to_value(event).map_err(std::io::Error::other)?;
        let at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(std::io::Error::other)?;
        line["at"] = serde_json::Value::String(at);
        let mut text = line.to_string();
        text.push('\n');
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        restrict(&self.path);
        // One write call per line: concurrent appenders never interleave within a line.
        file.write_all(text.as_bytes())?;
        file.sync_data()
    }
}

#[cfg(unix)]
fn restrict(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_json_lines_with_a_time_and_no_raw_subject() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        let subject = log.subject("canary-sub-123");
        log.record(AuditEvent::SignInSucceeded {
            origin: "eidas".into(),
            acr: "eidas3".into(),
            subject: subject.clone(),
        });
        log.record(AuditEvent::SignInFailed {
            code: "access_denied".into(),
        });
        let text = std::fs::read_to_string(log.path()).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["event"], "sign_in_succeeded");
        assert_eq!(lines[1]["code"], "access_denied");
        assert!(lines[0]["at"].as_str().is_some());
        assert!(
            !text.contains("canary-sub-123"),
            "the raw sub must never be written"
        );
        assert_eq!(
            log.subject("canary-sub-123"),
            subject,
            "the same person hashes the same way"
        );
    }

    #[test]
    fn the_salt_makes_hashes_differ_between_machines() {
        let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let a = AuditLog::new(dir_a.path());
        let b = AuditLog::new(dir_b.path());
        assert_ne!(a.subject("same-sub"), b.subject("same-sub"));
    }
}
