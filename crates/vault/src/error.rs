//! What can go wrong in the vault, as a small enum of stable codes the app can branch on.

use std::path::PathBuf;

/// A keyring failure kept for diagnosis; never holds secret bytes (see `keyring_store`).
pub type KeyringSource = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a session file was refused (and wiped) rather than trusted.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TamperReason {
    /// The file does not start with the vault's magic and a known version, or is truncated.
    BadHeader,
    /// The file is larger than any session the vault writes.
    Oversized,
    /// The file exists but its data key is missing from the keyring.
    KeyMissing,
    /// The keyring holds something for this binding that is not a data key.
    KeyMalformed,
    /// The keyring holds more than one entry for this binding.
    KeyAmbiguous,
    /// Authentication failed: wrong key, another binding, edited expiry or flipped bytes.
    DecryptFailed,
}

impl TamperReason {
    /// A stable, log-safe code for this reason.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadHeader => "bad_header",
            Self::Oversized => "oversized",
            Self::KeyMissing => "key_missing",
            Self::KeyMalformed => "key_malformed",
            Self::KeyAmbiguous => "key_ambiguous",
            Self::DecryptFailed => "decrypt_failed",
        }
    }
}

impl std::fmt::Display for TamperReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::BadHeader => "it is not a session file of this version",
            Self::Oversized => "it is larger than any session this app writes",
            Self::KeyMissing => "its key is missing from the keyring",
            Self::KeyMalformed => "its key in the keyring is malformed",
            Self::KeyAmbiguous => "the keyring holds several keys for it",
            Self::DecryptFailed => {
                "it does not decrypt with this machine's key for this environment and client"
            }
        })
    }
}

/// Errors from [`crate::Vault`]. Messages tell a member of staff what to do next.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// No keyring service answered (no Secret Service on the session bus, or a platform failure).
    #[error(
        "No keyring service is running: log in to a desktop session (GNOME Keyring, KWallet) \
         or start gnome-keyring-daemon, then try again (an unattended Linux kiosk can keep its \
         keys in the kernel keyring instead: `[vault] store = \"keyutils\"`)"
    )]
    KeyringUnavailable {
        /// What the keyring library reported.
        #[source]
        source: KeyringSource,
    },
    /// The keyring is locked, or the user refused to unlock it.
    #[error(
        "The keyring is locked: unlock your session's keyring and try again (an unattended Linux \
         kiosk can keep its keys in the kernel keyring instead: `[vault] store = \"keyutils\"`)"
    )]
    KeyringLocked {
        /// What the keyring library reported.
        #[source]
        source: KeyringSource,
    },
    /// The keyring answered but refused the operation for another reason.
    #[error(
        "The keyring refused the request for the session key: check the keyring's settings and try again"
    )]
    KeyringFailed {
        /// What the keyring library reported.
        #[source]
        source: KeyringSource,
    },
    /// The saved session failed its integrity check; it was wiped and never trusted.
    #[error("The saved session was refused because {reason}; it has been wiped: sign in again")]
    Tampered {
        /// Which check failed.
        reason: TamperReason,
    },
    /// The data folder could not be read or written (read-only, missing, disk full).
    #[error(
        "Cannot use the session folder {}: check that it is writable and that the disk has free space",
        path.display()
    )]
    Storage {
        /// The data folder.
        path: PathBuf,
        /// The file-system error.
        #[source]
        source: std::io::Error,
    },
    /// The payload is larger than the vault accepts.
    #[error("The session is too large to save ({len} bytes, at most {max})")]
    PayloadTooLarge {
        /// Size of the payload given to `store`.
        len: usize,
        /// The vault's limit.
        max: usize,
    },
    /// The operating system could not provide random bytes for a key or a nonce.
    #[error("The system's random number generator failed: restart the computer and try again")]
    NoRandomness {
        /// What `getrandom` reported.
        #[source]
        source: getrandom::Error,
    },
}

impl VaultError {
    /// A stable code for the UI and the logs; the set of codes only grows.
    pub fn code(&self) -> codes::Code {
        match self {
            Self::KeyringUnavailable { .. } => codes::Code::KeyringUnavailable,
            Self::KeyringLocked { .. } => codes::Code::KeyringLocked,
            Self::KeyringFailed { .. } => codes::Code::KeyringFailed,
            Self::Tampered { .. } => codes::Code::SessionTampered,
            Self::Storage { .. } => codes::Code::StorageFailed,
            Self::PayloadTooLarge { .. } => codes::Code::PayloadTooLarge,
            Self::NoRandomness { .. } => codes::Code::RandomUnavailable,
        }
    }

    pub(crate) fn storage(path: PathBuf, source: std::io::Error) -> Self {
        Self::Storage { path, source }
    }
}

impl From<getrandom::Error> for VaultError {
    fn from(source: getrandom::Error) -> Self {
        Self::NoRandomness { source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring_source() -> KeyringSource {
        Box::new(std::io::Error::other("bus gone"))
    }

    #[test]
    fn codes_are_the_stable_ones_the_ui_branches_on() {
        let cases = [
            (
                VaultError::KeyringUnavailable {
                    source: keyring_source(),
                },
                codes::Code::KeyringUnavailable,
            ),
            (
                VaultError::KeyringLocked {
                    source: keyring_source(),
                },
                codes::Code::KeyringLocked,
            ),
            (
                VaultError::KeyringFailed {
                    source: keyring_source(),
                },
                codes::Code::KeyringFailed,
            ),
            (
                VaultError::Tampered {
                    reason: TamperReason::DecryptFailed,
                },
                codes::Code::SessionTampered,
            ),
            (
                VaultError::storage(PathBuf::from("/data"), std::io::Error::other("full")),
                codes::Code::StorageFailed,
            ),
            (
                VaultError::PayloadTooLarge { len: 2, max: 1 },
                codes::Code::PayloadTooLarge,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(err.code(), code, "code of {err:?}");
        }
    }

    #[test]
    fn messages_say_what_to_do_next() {
        let unavailable = VaultError::KeyringUnavailable {
            source: keyring_source(),
        }
        .to_string();
        assert!(
            unavailable.contains("gnome-keyring-daemon") && unavailable.contains("try again"),
            "{unavailable}"
        );
        let locked = VaultError::KeyringLocked {
            source: keyring_source(),
        }
        .to_string();
        assert!(locked.contains("unlock"), "{locked}");
        let storage = VaultError::storage(
            PathBuf::from("/var/lib/guichet"),
            std::io::Error::other("No space left on device"),
        )
        .to_string();
        assert!(
            storage.contains("/var/lib/guichet")
                && storage.contains("writable")
                && storage.contains("free space"),
            "the storage message names the folder and what to check: {storage}"
        );
    }
}
