//! Without a Secret Service the vault fails clearly and writes nothing: no mock, no plaintext.

use time::OffsetDateTime;
use vault::Loaded;

use crate::helpers::{NO_BUS, TestVault, hex, in_one_hour, path_exists, run_child};

/// A child's environment with no session bus and a data folder that does not exist yet.
fn without_a_bus(t: &TestVault) -> (std::path::PathBuf, Vec<(&'static str, String)>) {
    let data_dir = t.dir.path().join("not-yet-created");
    let mut env = t.child_env();
    env.retain(|(name, _)| *name != crate::helpers::CHILD_DIR);
    env.push((crate::helpers::CHILD_DIR, data_dir.display().to_string()));
    env.push(("DBUS_SESSION_BUS_ADDRESS", NO_BUS.to_owned()));
    (data_dir, env)
}

#[test]
fn store_without_secret_service_fails_and_writes_nothing() {
    let t = TestVault::new("no-bus-store");
    let (data_dir, env) = without_a_bus(&t);

    let child = run_child("store", &env);
    assert_eq!(
        child,
        ["error keyring_unavailable"],
        "with no Secret Service, store must fail with keyring_unavailable, never fall back to \
         an in-memory or plaintext store"
    );
    assert!(
        !path_exists(&data_dir),
        "nothing may be written to disk when the keyring fails, not even the data folder"
    );
}

/// A sign-in checks this before its browser opens: without a keyring it must fail the same
/// way a store would, and write nothing either.
#[test]
fn prepare_without_secret_service_fails_as_a_store_would_and_writes_nothing() {
    let t = TestVault::new("no-bus-prepare");
    let (data_dir, env) = without_a_bus(&t);
    assert_eq!(run_child("prepare", &env), ["error keyring_unavailable"]);
    assert!(!path_exists(&data_dir), "nothing written");
    // With the keyring: the key exists afterwards, and a store in another process uses it.
    assert_eq!(run_child("prepare", &t.child_env()), ["prepared"]);
    assert_eq!(run_child("store", &t.child_env()), ["stored"]);
    assert!(
        matches!(
            t.vault.load(OffsetDateTime::now_utc()),
            Ok(Loaded::Session { .. })
        ),
        "the prepared key opens what was stored"
    );
}

#[test]
fn load_without_secret_service_fails_and_keeps_the_file() {
    let t = TestVault::new("no-bus-load");
    t.vault
        .store(b"kept session", in_one_hour())
        .expect("store with the real keyring");
    let before = std::fs::read(t.vault.session_file()).expect("read the session file");

    let mut env = t.child_env();
    env.push(("DBUS_SESSION_BUS_ADDRESS", NO_BUS.to_owned()));
    assert_eq!(
        run_child("load", &env),
        ["error keyring_unavailable"],
        "a load that cannot reach the keyring must say so"
    );
    assert_eq!(
        std::fs::read(t.vault.session_file()).expect("the file is still there"),
        before,
        "an unreachable keyring is not tampering: the session file must be left alone"
    );
    match t
        .vault
        .load(OffsetDateTime::now_utc())
        .expect("load once the keyring is back")
    {
        Loaded::Session { payload, .. } => assert_eq!(hex(&payload), hex(b"kept session")),
        other => panic!("the kept session must load with the keyring back, got {other:?}"),
    }
}

#[test]
fn keyring_unavailable_message_says_how_to_fix_it() {
    let t = TestVault::new("no-bus-message");
    let mut env = t.child_env();
    env.push(("DBUS_SESSION_BUS_ADDRESS", NO_BUS.to_owned()));
    env.push(("VAULT_TEST_PRINT_MESSAGE", "1".to_owned()));
    let lines = run_child("store", &env);
    let message = lines
        .iter()
        .find_map(|line| line.strip_prefix("message "))
        .unwrap_or_else(|| panic!("the child reports the error message: {lines:?}"));
    assert!(
        message.contains("gnome-keyring-daemon") && message.contains("try again"),
        "the message must tell staff how to get a keyring running: {message}"
    );
}
