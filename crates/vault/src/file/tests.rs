//! Unit tests of the file format and the atomic write.

use super::*;

const BINDING: &str = "integration/client-a";

fn key(seed: u8) -> DataKey {
    Zeroizing::new([seed; 32])
}

fn sealed(binding: &str, expiry: i64, payload: &[u8]) -> Vec<u8> {
    seal(&key(7), [3; NONCE_LEN], binding, expiry, payload)
        .expect("seal")
        .to_vec()
}

#[test]
fn sealed_session_opens_with_same_key_and_binding() {
    let bytes = sealed(BINDING, 1_900_000_000, b"payload");
    let session = SealedSession::parse(&bytes).expect("our own file parses");
    assert_eq!(
        session.claimed_expiry, 1_900_000_000,
        "the expiry is in the header"
    );
    let payload = session.open(&key(7), BINDING).expect("opens");
    assert_eq!(
        payload.as_slice(),
        b"payload",
        "the payload comes back unchanged"
    );
}

#[test]
fn rejects_file_opened_under_another_binding_even_with_the_same_key() {
    let bytes = sealed(BINDING, 1_900_000_000, b"payload");
    let session = SealedSession::parse(&bytes).expect("parses");
    assert_eq!(
        session.open(&key(7), "integration/client-b").err(),
        Some(TamperReason::DecryptFailed),
        "the binding is in the associated data, so the key alone is not enough"
    );
    assert_eq!(
        session.open(&key(8), BINDING).err(),
        Some(TamperReason::DecryptFailed),
        "another key must not open the file"
    );
}

#[test]
fn rejects_edited_expiry() {
    let mut bytes = sealed(BINDING, 1_900_000_000, b"payload");
    bytes[EXPIRY_AT..EXPIRY_AT + 8].copy_from_slice(&2_900_000_000i64.to_be_bytes());
    let session = SealedSession::parse(&bytes).expect("the header still parses");
    assert_eq!(
        session.open(&key(7), BINDING).err(),
        Some(TamperReason::DecryptFailed),
        "the expiry is authenticated"
    );
}

#[test]
fn rejects_bad_magic_unknown_version_and_short_files() {
    let good = sealed(BINDING, 1_900_000_000, b"payload");
    let mut magic = good.clone();
    magic[0] ^= 0xff;
    let mut version = good.clone();
    version[MAGIC.len()] = VERSION + 1;
    for (what, bytes) in [
        ("bad magic", magic.as_slice()),
        ("unknown version", version.as_slice()),
        (
            "shorter than header and tag",
            &good[..HEADER_LEN + TAG_LEN - 1],
        ),
        ("empty", &[][..]),
    ] {
        assert_eq!(
            SealedSession::parse(bytes).err(),
            Some(TamperReason::BadHeader),
            "{what} must be refused before any decryption"
        );
    }
}

#[test]
fn file_name_depends_only_on_the_binding() {
    assert_eq!(file_name(BINDING), file_name(BINDING), "stable across runs");
    assert_ne!(
        file_name(BINDING),
        file_name("integration/client-b"),
        "one file per binding"
    );
    assert!(
        !file_name(BINDING).contains("client"),
        "the name does not reveal the binding"
    );
}

#[test]
fn atomic_write_replaces_the_file_and_removes_stale_temps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session-test.vault");
    let stale = dir
        .path()
        .join(format!("{}999-0", temp_prefix("session-test.vault")));
    let foreign = dir.path().join(".other.vault.tmp-1-0");
    fs::write(&stale, b"half a file").expect("plant a stale temp file");
    fs::write(&foreign, b"not ours").expect("plant another file's temp");

    write_atomically(&path, b"first").expect("first write");
    write_atomically(&path, b"second").expect("second write");

    assert_eq!(
        fs::read(&path).expect("read"),
        b"second",
        "the last write wins"
    );
    assert!(
        !stale.exists(),
        "our stale temp file is cleaned by the next store"
    );
    assert!(
        foreign.exists(),
        "temp files of other session files are not ours to remove"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the session file is private to its owner"
        );
    }
    assert!(
        remove(&path).expect("remove"),
        "remove reports removing the file"
    );
    assert!(
        !remove(&path).expect("remove again"),
        "a missing file is not an error"
    );
}
