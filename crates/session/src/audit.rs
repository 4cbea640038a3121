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

/// When the trail is rotated (`[audit]`): past `max_bytes` the file becomes `audit.jsonl.1`
/// (the older ones `.2`, `.3`…, at most `keep_files`), and a rotated file older than
/// `keep_days` is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    pub max_bytes: u64,
    pub keep_files: usize,
    pub keep_days: u64,
}

impl Default for Rotation {
    /// 1 MiB per file (about 5,000 sign-ins), 5 files, 180 days.
    fn default() -> Self {
        Self {
            max_bytes: 1024 * 1024,
            keep_files: 5,
            keep_days: 180,
        }
    }
}

/// The audit file and the salt for subject hashes (both in the data folder).
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
    salt_path: PathBuf,
    rotation: Rotation,
}

impl AuditLog {
    /// The trail at `{data_dir}/audit.jsonl`.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("audit.jsonl"),
            salt_path: data_dir.join("audit.salt"),
            rotation: Rotation::default(),
        }
    }

    /// The same trail, rotated as `rotation` says.
    #[must_use]
    pub fn with_rotation(mut self, rotation: Rotation) -> Self {
        self.rotation = rotation;
        self
    }

    /// The `n`th rotated file (`audit.jsonl.1` is the newest).
    pub fn rotated(&self, n: usize) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    }

    /// Makes room for `adding` bytes: past `max_bytes` the file moves to `.1` (and the others
    /// one further, the last one dropped); rotated files past `keep_days` are deleted.
    fn rotate(&self, adding: u64) -> std::io::Result<()> {
        let size = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if size > 0 && size + adding > self.rotation.max_bytes {
            let keep = self.rotation.keep_files.max(1);
            let _ = std::fs::remove_file(self.rotated(keep));
            for n in (1..keep).rev() {
                let from = self.rotated(n);
                if from.exists() {
                    std::fs::rename(&from, self.rotated(n + 1))?;
                }
            }
            std::fs::rename(&self.path, self.rotated(1))?;
        }
        let max_age = std::time::Duration::from_secs(self.rotation.keep_days * 24 * 3600);
        for n in 1..=self.rotation.keep_files.max(1) {
            let rotated = self.rotated(n);
            let old = std::fs::metadata(&rotated)
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > max_age));
            if old {
                std::fs::remove_file(&rotated)?;
            }
        }
        Ok(())
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
        self.rotate(text.len() as u64)?;
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

    /// Past its size the trail moves to `.1`, the older files one further, the oldest beyond
    /// `keep_files` dropped; every line stays whole and still carries no raw subject.
    #[test]
    fn the_trail_rotates_by_size_and_keeps_so_many_files() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path()).with_rotation(Rotation {
            max_bytes: 300,
            keep_files: 2,
            keep_days: 180,
        });
        let subject = log.subject("canary-sub-4242");
        for _ in 0..12 {
            log.record(AuditEvent::SessionEnded {
                subject: subject.clone(),
                remote_logout: "done".into(),
            });
        }
        let files = [log.path().to_owned(), log.rotated(1), log.rotated(2)];
        let mut lines = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            assert!(
                text.len() <= 300,
                "{} is {} bytes",
                file.display(),
                text.len()
            );
            for line in text.lines() {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                assert_eq!(value["event"], "session_ended");
                assert!(!line.contains("canary-sub-4242"));
                lines += 1;
            }
        }
        assert!(!log.rotated(3).exists(), "two rotated files at most");
        assert!(lines < 12, "the oldest lines went with the dropped file");
        assert!(lines >= 6, "{lines}");
    }

    /// A rotated file older than `keep_days` is deleted at the next write.
    #[test]
    fn rotated_files_past_their_age_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path()).with_rotation(Rotation {
            max_bytes: 1 << 20,
            keep_files: 3,
            keep_days: 1,
        });
        std::fs::write(log.rotated(1), "{}\n").unwrap();
        std::fs::write(log.rotated(2), "{}\n").unwrap();
        let two_days_ago =
            std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
        std::fs::File::options()
            .write(true)
            .open(log.rotated(2))
            .unwrap()
            .set_modified(two_days_ago)
            .unwrap();
        log.record(AuditEvent::SignInFailed {
            code: "timed_out".into(),
        });
        assert!(log.rotated(1).exists(), "a day old at most: kept");
        assert!(!log.rotated(2).exists(), "two days old: deleted");
    }

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
