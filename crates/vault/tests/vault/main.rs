//! Integration tests of the vault against a real Secret Service (gnome-keyring).
//!
//! Run inside a private session bus with an unlocked keyring (see `crates/vault/README.md`):
//! `dbus-run-session -- sh -c 'printf "" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null; cargo test -p vault'`
//!
//! Some tests re-run this binary as a child process (see `child`), to read a session from a
//! new process, to run without a keyring, or to be killed in the middle of a store.
// They drive the Secret Service, so they build where the vault uses it (Linux and the BSDs).
#![cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]

mod child;
mod crash;
mod expiry;
mod helpers;
#[cfg(target_os = "linux")]
mod kernel;
mod no_keyring;
mod redaction;
mod round_trip;
mod storage;
mod tamper;
