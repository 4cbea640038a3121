//! Linux's kernel keyring as a `keyring-core` store (`[vault] store = "keyutils"`), for kiosks
//! with no unlocked Secret Service.
//!
//! Keys go in the *user* keyring (`@u`, `_uid.N`): every process of this user reaches it; it
//! needs no daemon, no session bus and no unlock; it lives in kernel memory until reboot, which
//! suits sessions of minutes. Not the session keyring `linux-keyutils-keyring-store` uses: a
//! process started without `pam_keyinit` (a systemd unit, a container, these tests) has none,
//! and the kernel then gives each thread that links into it a fresh anonymous one, so a key
//! stored from one thread was found neither from another thread nor by the next process
//! (seen with `strace`, 2026-12-06). Each key grants everything to its possessor and to its
//! user, nothing to anyone else. A process whose own session keyring does not link the user
//! keyring (a systemd service with `KeyringMode=private`) links it there when a key's
//! permissions are refused, then sets them.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use keyring_core::api::{CredentialApi, CredentialPersistence, CredentialStoreApi};
use keyring_core::{Credential, Entry, Error, Result};
use linux_keyutils::{KeyError, KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, Permission};

/// The user keyring, as a store of `service:user` keys.
#[derive(Debug)]
pub(crate) struct Store;

impl Store {
    /// Reaches the user keyring now: an error here means the kernel keyring cannot be used.
    pub(crate) fn new() -> Result<Arc<Self>> {
        user_keyring()?;
        Ok(Arc::new(Self))
    }
}

impl CredentialStoreApi for Store {
    fn vendor(&self) -> String {
        "Linux kernel user keyring (Guichet's vault)".to_owned()
    }

    fn id(&self) -> String {
        "guichet-kernel-user-keyring".to_owned()
    }

    fn build(
        &self,
        service: &str,
        user: &str,
        _modifiers: Option<&HashMap<&str, &str>>,
    ) -> Result<Entry> {
        Ok(Entry::new_with_credential(Arc::new(Key {
            description: description(service, user),
            service: service.to_owned(),
            user: user.to_owned(),
        })))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn persistence(&self) -> CredentialPersistence {
        CredentialPersistence::UntilReboot
    }
}

/// The kernel key's description for a service and user: `guichet:sandbox:client@folder`.
pub(crate) fn description(service: &str, user: &str) -> String {
    format!("{service}:{user}")
}

/// One `user`-type key in the user keyring.
#[derive(Debug)]
struct Key {
    description: String,
    service: String,
    user: String,
}

impl Key {
    fn find(&self) -> Result<linux_keyutils::Key> {
        user_keyring()?.search(&self.description).map_err(to_core)
    }
}

impl CredentialApi for Key {
    /// Adds the key, or updates the one of the same description in place.
    fn set_secret(&self, secret: &[u8]) -> Result<()> {
        let ring = user_keyring()?;
        let key = ring.add_key(&self.description, secret).map_err(to_core)?;
        let owner_only = KeyPermissionsBuilder::builder()
            .posessor(Permission::ALL)
            .user(Permission::ALL)
            .build();
        // A process that does not possess the user keyring (a systemd service's private
        // session keyring, `KeyringMode=private`, the default of a unit an office writes) may
        // not change the key it just added: it links the user keyring into its session
        // keyring, as `KeyringMode=shared` does, and tries again.
        let protected = key
            .set_perms(owner_only)
            .or_else(|_| possess(ring).and_then(|()| key.set_perms(owner_only)));
        if let Err(err) = protected {
            // The key keeps the kernel's defaults (readable by its possessors): take it out
            // rather than leave it there unused.
            let _ = ring.unlink_key(key);
            return Err(to_core(err));
        }
        Ok(())
    }

    fn get_secret(&self) -> Result<Vec<u8>> {
        self.find()?.read_to_vec().map_err(to_core)
    }

    /// Invalidates the key: no search finds it from then on, and the kernel frees it.
    fn delete_credential(&self) -> Result<()> {
        self.find()?.invalidate().map_err(to_core)
    }

    fn get_credential(&self) -> Result<Option<Arc<Credential>>> {
        self.find().map(|_| None)
    }

    fn get_specifiers(&self) -> Option<(String, String)> {
        Some((self.service.clone(), self.user.clone()))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Links `user` (the user keyring) into this process's session keyring, so that the process
/// possesses it and every key in it. Called only once a session keyring of the process's own
/// refused it (looking the session keyring up where there is none would install the
/// user-session keyring, which already links the user keyring).
fn possess(user: KeyRing) -> std::result::Result<(), KeyError> {
    KeyRing::from_special_id(KeyRingIdentifier::Session, false)?.link_keyring(user)
}

fn user_keyring() -> Result<KeyRing> {
    KeyRing::from_special_id(KeyRingIdentifier::User, true).map_err(to_core)
}

/// Sorts the kernel's answers into `keyring-core`'s: a key gone in any of the kernel's ways is
/// no entry; a kernel that refuses its keyring (a seccomp filter, say) is a store this system
/// does not offer, not a lock anyone could undo.
pub(crate) fn to_core(err: KeyError) -> Error {
    match err {
        KeyError::KeyDoesNotExist | KeyError::KeyRevoked | KeyError::KeyExpired => Error::NoEntry,
        KeyError::AccessDenied | KeyError::PermissionDenied | KeyError::OperationNotSupported => {
            Error::NotSupportedByStore(format!("the kernel refuses its keyring: {err}"))
        }
        other => Error::PlatformFailure(Box::new(other)),
    }
}
