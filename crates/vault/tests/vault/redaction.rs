//! Debug output never shows the payload or the key.

use time::OffsetDateTime;

use crate::helpers::{TestVault, hex, in_one_hour, keyring_secret};

#[test]
fn debug_of_vault_and_loaded_shows_no_payload_or_key() {
    let t = TestVault::new("debug");
    let marker = "SECRET-PAYLOAD-MARKER";
    t.vault
        .store(marker.as_bytes(), in_one_hour())
        .expect("store");
    let key = String::from_utf8(keyring_secret(&t.service, &t.binding).expect("a key"))
        .expect("the key is stored as hex text");
    let loaded = t.vault.load(OffsetDateTime::now_utc()).expect("load");

    let vault_debug = format!("{:?}", t.vault);
    let loaded_debug = format!("{loaded:?}");
    for (what, text) in [("Vault", &vault_debug), ("Loaded", &loaded_debug)] {
        assert!(
            !text.contains(marker),
            "{what} Debug shows the payload: {text}"
        );
        assert!(
            !text.contains(&hex(marker.as_bytes())),
            "{what} Debug shows the payload in hex: {text}"
        );
        assert!(
            !text.contains("83, 69, 67, 82"),
            "{what} Debug shows the payload bytes: {text}"
        );
        assert!(
            !text.contains(&key),
            "{what} Debug shows the data key: {text}"
        );
    }
    assert!(
        loaded_debug.contains("redacted"),
        "Loaded Debug says the payload is redacted: {loaded_debug}"
    );
}
