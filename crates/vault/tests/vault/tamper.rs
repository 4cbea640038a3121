//! A file that fails any check is refused, wiped and reported, never trusted.

use time::{Duration, OffsetDateTime};
use vault::{Loaded, TamperReason, Vault, VaultError};

use crate::helpers::{TestVault, in_one_hour, keyring_delete, keyring_secret, keyring_set};

/// Offset of the expiry in the file header (after the 8-byte magic and the version byte).
const EXPIRY_OFFSET: usize = 9;

fn edit_file(vault: &Vault, edit: impl FnOnce(&mut Vec<u8>)) {
    let path = vault.session_file();
    let mut bytes = std::fs::read(&path).expect("read the session file");
    edit(&mut bytes);
    std::fs::write(&path, bytes).expect("write the edited session file");
}

fn assert_refused(t: &TestVault, vault: &Vault, expected: TamperReason, why: &str) {
    match vault.load(OffsetDateTime::now_utc()) {
        Err(VaultError::Tampered { reason }) => assert_eq!(reason, expected, "{why}"),
        other => panic!("{why}: expected Tampered({expected:?}), got {other:?}"),
    }
    assert!(
        !vault.session_file().exists(),
        "{why}: a refused file must be wiped, not left for the next load"
    );
    assert!(
        t.stray_files().is_empty(),
        "{why}: nothing else may be left in the folder: {:?}",
        t.stray_files()
    );
    assert!(
        matches!(vault.load(OffsetDateTime::now_utc()), Ok(Loaded::Nothing)),
        "{why}: after the refusal there is nothing to load"
    );
}

#[test]
fn flipped_ciphertext_byte_is_refused_and_wiped() {
    let t = TestVault::new("flip");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    edit_file(&t.vault, |bytes| {
        let last = bytes.len() - 20;
        bytes[last] ^= 0x01;
    });
    assert_refused(
        &t,
        &t.vault,
        TamperReason::DecryptFailed,
        "one flipped bit must be detected",
    );
    assert_eq!(
        keyring_secret(&t.service, &t.binding),
        None,
        "a refused session is wiped completely, key included"
    );
    t.vault
        .store(b"fresh", in_one_hour())
        .expect("a new store works after a refusal");
}

#[test]
fn file_without_the_magic_is_refused_and_wiped() {
    let t = TestVault::new("magic");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    edit_file(&t.vault, |bytes| bytes[0] = b'X');
    assert_refused(
        &t,
        &t.vault,
        TamperReason::BadHeader,
        "a foreign file format must be refused",
    );
}

#[test]
fn truncated_file_is_refused_and_wiped() {
    let t = TestVault::new("truncated");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    edit_file(&t.vault, |bytes| bytes.truncate(12));
    assert_refused(
        &t,
        &t.vault,
        TamperReason::BadHeader,
        "a file shorter than a header is refused",
    );
}

#[test]
fn extended_expiry_in_the_header_is_refused() {
    let t = TestVault::new("expiry-edit");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    let ten_years = (OffsetDateTime::now_utc() + Duration::days(3650)).unix_timestamp();
    edit_file(&t.vault, |bytes| {
        bytes[EXPIRY_OFFSET..EXPIRY_OFFSET + 8].copy_from_slice(&ten_years.to_be_bytes());
    });
    assert_refused(
        &t,
        &t.vault,
        TamperReason::DecryptFailed,
        "the expiry is authenticated: extending it by editing the file must fail",
    );
}

#[test]
fn file_copied_from_another_binding_is_refused_and_wiped() {
    let t = TestVault::new("foreign");
    let other = t.with_binding("integration/other-client");
    t.vault
        .store(b"my session", in_one_hour())
        .expect("store under the first binding");
    other
        .store(b"their session", in_one_hour())
        .expect("store under the second binding");
    std::fs::copy(t.vault.session_file(), other.session_file())
        .expect("copy the first binding's file under the second binding's name");
    assert_refused(
        &t,
        &other,
        TamperReason::DecryptFailed,
        "a session file moved to another binding must not decrypt there",
    );
    assert!(
        matches!(
            t.vault.load(OffsetDateTime::now_utc()),
            Ok(Loaded::Session { .. })
        ),
        "the original binding's own session is untouched"
    );
}

#[test]
fn file_whose_key_left_the_keyring_is_refused_and_wiped() {
    let t = TestVault::new("key-missing");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    assert!(
        keyring_delete(&t.service, &t.binding),
        "delete the key behind the vault's back"
    );
    assert_refused(
        &t,
        &t.vault,
        TamperReason::KeyMissing,
        "a file without its key is refused",
    );
}

#[test]
fn malformed_keyring_entry_is_refused_then_replaced_by_the_next_store() {
    let t = TestVault::new("key-malformed");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    keyring_set(&t.service, &t.binding, "not a data key");
    assert_refused(
        &t,
        &t.vault,
        TamperReason::KeyMalformed,
        "a foreign keyring value is refused",
    );

    keyring_set(&t.service, &t.binding, "not a data key either");
    t.vault
        .store(b"new session", in_one_hour())
        .expect("store replaces a malformed key");
    let key = keyring_secret(&t.service, &t.binding).expect("a key after the store");
    assert_eq!(
        key.len(),
        64,
        "the malformed value was replaced by a 256-bit key in hex"
    );
    assert!(
        matches!(
            t.vault.load(OffsetDateTime::now_utc()),
            Ok(Loaded::Session { .. })
        ),
        "the session stored with the replacement key loads"
    );
}

#[test]
fn tampered_error_tells_staff_what_to_do() {
    let t = TestVault::new("tamper-message");
    t.vault
        .store(b"session payload", in_one_hour())
        .expect("store");
    edit_file(&t.vault, |bytes| bytes[0] = b'X');
    let err = t
        .vault
        .load(OffsetDateTime::now_utc())
        .expect_err("refused");
    assert_eq!(
        err.code(),
        codes::Code::SessionTampered,
        "the UI branches on this code"
    );
    let message = err.to_string();
    assert!(
        message.contains("wiped") && message.contains("sign in again"),
        "the message must say the session is gone and what to do: {message}"
    );
}
