//! A session survives the process that stored it, and a wipe removes every trace.

use time::OffsetDateTime;
use vault::{Loaded, Wiped};

use crate::helpers::{TestVault, hex, in_one_hour, keyring_secret, run_child, to_second};

#[test]
fn session_survives_a_new_process_and_wipe_removes_file_and_key() {
    let t = TestVault::new("round-trip");
    let payload = b"{\"sub\":\"round-trip-subject\"}".to_vec();
    let expires_at = in_one_hour();
    t.vault
        .store(&payload, expires_at)
        .expect("store a session");

    match t
        .vault
        .load(OffsetDateTime::now_utc())
        .expect("load in the same process")
    {
        Loaded::Session {
            payload: loaded,
            expires_at: loaded_expiry,
        } => {
            assert_eq!(*loaded, payload, "the payload must come back unchanged");
            assert_eq!(
                loaded_expiry,
                to_second(expires_at),
                "the expiry is kept to the second"
            );
        }
        other => panic!("a fresh session must load, got {other:?}"),
    }

    let child = run_child("load", &t.child_env());
    assert_eq!(
        child,
        [format!("session {}", hex(&payload))],
        "a new process (as after an app restart) must read the same session"
    );

    assert!(
        keyring_secret(&t.service, &t.binding).is_some(),
        "the data key must be in the keyring while a session is stored"
    );
    let wiped = t.vault.wipe().expect("wipe");
    assert_eq!(
        wiped,
        Wiped {
            file_removed: true,
            key_removed: true
        },
        "wipe must report removing both the file and the key"
    );
    assert!(
        !t.vault.session_file().exists(),
        "the session file must be gone"
    );
    assert_eq!(
        keyring_secret(&t.service, &t.binding),
        None,
        "the keyring entry must really be gone, as seen through the keyring itself"
    );
    assert!(
        matches!(t.vault.load(OffsetDateTime::now_utc()), Ok(Loaded::Nothing)),
        "after a wipe there is nothing to load"
    );
    assert_eq!(
        t.vault.wipe().expect("a second wipe succeeds"),
        Wiped::default(),
        "wiping an empty vault succeeds and reports that nothing was removed"
    );
}

#[test]
fn file_is_private_and_holds_no_plaintext() {
    let t = TestVault::new("file-private");
    let marker = b"PLAINTEXT-MARKER-4242";
    t.vault
        .store(marker, in_one_hour())
        .expect("store a session");
    let bytes = std::fs::read(t.vault.session_file()).expect("read the session file");
    assert!(
        !bytes.windows(marker.len()).any(|w| w == marker),
        "the payload must not appear in clear in the file"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.vault.session_file())
            .expect("stat the session file")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "only the owner may read the session file"
        );
    }
    assert!(
        t.stray_files().is_empty(),
        "a completed store leaves no temp file: {:?}",
        t.stray_files()
    );
}

#[test]
fn store_replaces_the_previous_session_and_keeps_the_key() {
    let t = TestVault::new("replace");
    t.vault
        .store(b"first", in_one_hour())
        .expect("store the first session");
    let key = keyring_secret(&t.service, &t.binding);
    t.vault
        .store(b"second", in_one_hour())
        .expect("store the second session");
    assert_eq!(
        keyring_secret(&t.service, &t.binding),
        key,
        "a store reuses the key, so a crash between key and file cannot strand a file"
    );
    match t.vault.load(OffsetDateTime::now_utc()).expect("load") {
        Loaded::Session { payload, .. } => {
            assert_eq!(*payload, b"second", "the newest session wins")
        }
        other => panic!("expected the second session, got {other:?}"),
    }
}

#[test]
fn wipe_succeeds_when_only_the_key_is_left() {
    let t = TestVault::new("wipe-key-only");
    t.vault
        .store(b"session", in_one_hour())
        .expect("store a session");
    std::fs::remove_file(t.vault.session_file()).expect("remove the file behind the vault's back");
    assert_eq!(
        t.vault.wipe().expect("wipe without a file"),
        Wiped {
            file_removed: false,
            key_removed: true
        },
        "wipe must still remove the key and say the file was already gone"
    );
}

#[test]
fn bindings_sharing_a_folder_keep_separate_sessions() {
    let t = TestVault::new("two-bindings");
    let other = t.with_binding("integration/other-client");
    t.vault
        .store(b"mine", in_one_hour())
        .expect("store under the first binding");
    other
        .store(b"theirs", in_one_hour())
        .expect("store under the second binding");
    assert_ne!(
        t.vault.session_file(),
        other.session_file(),
        "each binding has its own file"
    );
    other.wipe().expect("wipe the second binding");
    match t
        .vault
        .load(OffsetDateTime::now_utc())
        .expect("load the first binding")
    {
        Loaded::Session { payload, .. } => {
            assert_eq!(
                *payload, b"mine",
                "wiping one binding must not touch another"
            )
        }
        other => panic!("the first binding's session must survive, got {other:?}"),
    }
}
