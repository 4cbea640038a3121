//! The kernel keyring (`[vault] store = "keyutils"`), the store of a kiosk with no unlocked
//! Secret Service: the same vault with no daemon and no session bus at all. Checked from the
//! outside with `keyctl` (Debian's `keyutils`), not through the library that wrote the key.

use std::process::Command;

use time::OffsetDateTime;
use vault::{Loaded, TamperReason, VaultError};

use crate::helpers::{
    NO_BUS, TestVault, hex, in_one_hour, path_exists, run_child, run_child_in_private_session,
    run_child_in_read_only_private_session,
};

/// The kernel key's description: `{service}:{binding}`.
fn description(t: &TestVault) -> String {
    format!("{}:{}", t.service, t.binding)
}

fn keyctl(args: &[&str]) -> std::process::Output {
    Command::new("keyctl")
        .args(args)
        .output()
        .expect("keyctl must be installed (Debian package keyutils, scripts/deps.sh)")
}

/// The key's id in the user keyring as another process sees it, or `None`.
fn kernel_key(t: &TestVault) -> Option<String> {
    let found = keyctl(&["search", "@u", "user", &description(t)]);
    found
        .status
        .success()
        .then(|| String::from_utf8_lossy(&found.stdout).trim().to_owned())
}

fn no_bus(t: &TestVault) -> Vec<(&'static str, String)> {
    let mut env = t.child_env();
    env.push(("DBUS_SESSION_BUS_ADDRESS", NO_BUS.to_owned()));
    env
}

/// A process that does not possess the user keyring (a systemd service's private session
/// keyring, `KeyringMode=private`: the packaged kiosk before its unit set `KeyringMode=shared`,
/// or an office's own unit) links it into its session keyring and keeps its key, owner-only;
/// the next start, another private session, reads it back.
#[test]
fn a_service_with_a_private_session_keyring_keeps_its_key_owner_only() {
    let t = TestVault::kernel("kernel-private-session");
    assert_eq!(
        run_child_in_private_session("prepare", &no_bus(&t)),
        ["prepared"]
    );
    let id = kernel_key(&t).expect("the data key is in the user keyring");
    // `keyctl rdescribe`: type;uid;gid;permissions;description.
    let described = keyctl(&["rdescribe", &id]);
    let described = String::from_utf8_lossy(&described.stdout);
    assert_eq!(
        described.split(';').nth(3),
        Some("3f3f0000"),
        "everything to its possessor and its user, nothing to others: {described}"
    );
    assert_eq!(
        run_child_in_private_session("store", &no_bus(&t)),
        ["stored"]
    );
    assert_eq!(
        run_child_in_private_session("load", &no_bus(&t)),
        [format!("session {}", hex(b"stored by a child"))]
    );
    assert_eq!(kernel_key(&t).as_deref(), Some(id.as_str()), "the same key");
    let wiped = t.vault.wipe().expect("wipe");
    assert!(wiped.key_removed, "{wiped:?}");
    assert_eq!(kernel_key(&t), None);
}

/// A process that can neither change the key it added nor link the user keyring into its
/// session keyring (one it may not write to) says so, and the key, which the kernel created
/// readable by its possessors, does not stay in the user keyring. `/proc/keys` lists every key
/// its user may view, possessed or not.
#[test]
fn a_key_that_cannot_be_made_owner_only_is_not_left_in_the_user_keyring() {
    let t = TestVault::kernel("kernel-not-possessed");
    let reported = run_child_in_read_only_private_session("prepare", &no_bus(&t));
    assert!(
        reported.len() == 1 && reported[0].starts_with("error "),
        "the vault refuses to keep a key it could not protect: {reported:?}"
    );
    // An unlinked key goes at the kernel's next garbage collection, a moment later.
    let listed = || {
        let keys = std::fs::read_to_string("/proc/keys").expect("/proc/keys");
        keys.lines()
            .filter(|line| line.contains(&description(&t)))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !listed().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        listed(),
        Vec::<String>::new(),
        "the key stayed in the user keyring"
    );
}

#[test]
fn a_kiosk_with_no_secret_service_prepares_stores_and_reads_back_in_a_new_process() {
    let t = TestVault::kernel("kernel-no-bus");
    assert_eq!(kernel_key(&t), None, "a fresh binding has no key yet");

    // What a sign-in does before its browser opens, with no Secret Service anywhere.
    assert_eq!(run_child("prepare", &no_bus(&t)), ["prepared"]);
    let id = kernel_key(&t).expect("the data key is in the user's kernel keyring");
    let key = keyctl(&["pipe", &id]);
    assert!(key.status.success(), "keyctl reads the key it found");
    assert!(
        key.stdout.len() == 64 && key.stdout.iter().all(u8::is_ascii_hexdigit),
        "the key is 256 bits as 64 hex digits, like the Secret Service's: {} bytes",
        key.stdout.len()
    );

    // Stored by one process, read by another (an app restarted after a crash), no bus either.
    assert_eq!(run_child("store", &no_bus(&t)), ["stored"]);
    assert_eq!(
        run_child("load", &no_bus(&t)),
        [format!("session {}", hex(b"stored by a child"))]
    );
    assert_eq!(
        kernel_key(&t).as_deref(),
        Some(id.as_str()),
        "the store used the prepared key"
    );

    let wiped = t.vault.wipe().expect("wipe");
    assert!(wiped.file_removed && wiped.key_removed, "{wiped:?}");
    assert_eq!(kernel_key(&t), None, "the wipe removed the kernel key");
    assert!(!path_exists(&t.vault.session_file()));
    assert!(matches!(
        t.vault.load(OffsetDateTime::now_utc()),
        Ok(Loaded::Nothing)
    ));
}

#[test]
fn a_kernel_key_removed_behind_the_vaults_back_wipes_the_session_and_is_never_trusted() {
    let t = TestVault::kernel("kernel-key-gone");
    t.vault
        .store(b"kept in the kernel", in_one_hour())
        .expect("store with the kernel keyring");
    let id = kernel_key(&t).expect("the key is there");
    // What a reboot, or another program with the user's rights, would do to the key.
    assert!(keyctl(&["invalidate", &id]).status.success());

    match t.vault.load(OffsetDateTime::now_utc()) {
        Err(VaultError::Tampered {
            reason: TamperReason::KeyMissing,
        }) => {}
        other => panic!("a file whose kernel key is gone is refused, got {other:?}"),
    }
    assert!(
        !path_exists(&t.vault.session_file()),
        "the unreadable file is wiped"
    );
    // The next sign-in starts afresh with a new key.
    t.vault
        .store(b"the next person", in_one_hour())
        .expect("store again");
    assert!(matches!(
        t.vault.load(OffsetDateTime::now_utc()),
        Ok(Loaded::Session { .. })
    ));
}

#[test]
fn the_two_keyrings_never_read_each_others_keys() {
    let t = TestVault::kernel("kernel-apart");
    t.vault
        .store(b"kept in the kernel", in_one_hour())
        .expect("store with the kernel keyring");
    // The same folder and binding read through the Secret Service (a configuration changed
    // under a kept session): its key is not there, so the file is refused, not opened.
    let mut env = t.child_env();
    env.retain(|(name, _)| *name != crate::helpers::CHILD_KEYRING);
    env.push((crate::helpers::CHILD_KEYRING, "secret-service".to_owned()));
    assert_eq!(run_child("load", &env), ["error session_tampered"]);
}

/// The window stores from one tokio thread and loads from another: both must reach the key
/// (a session keyring would have given each thread its own, see `src/kernel_keyring.rs`).
#[test]
fn threads_of_one_process_reach_the_same_kernel_key() {
    let t = TestVault::kernel("kernel-threads");
    std::thread::scope(|scope| {
        scope
            .spawn(|| t.vault.store(b"from one thread", in_one_hour()))
            .join()
            .expect("the storing thread ends")
            .expect("store from one thread");
        let loaded = scope
            .spawn(|| t.vault.load(OffsetDateTime::now_utc()))
            .join()
            .expect("the loading thread ends");
        match loaded {
            Ok(Loaded::Session { payload, .. }) => assert_eq!(&payload[..], b"from one thread"),
            other => panic!("another thread reads the session, got {other:?}"),
        }
    });
}

/// What a kiosk asks to choose its keyring: an unlocked Secret Service answers `true`, none at
/// all `false`, without a prompt either way.
#[test]
fn the_secret_service_probe_tells_an_unlocked_keyring_from_none() {
    let t = TestVault::new("probe");
    assert_eq!(
        run_child("secret-service", &t.child_env()),
        ["unlocked true"]
    );
    assert_eq!(run_child("secret-service", &no_bus(&t)), ["unlocked false"]);
}
