//! An expired session is wiped and reported as expired, not as an error.

use time::{Duration, OffsetDateTime};
use vault::Loaded;

use crate::helpers::{TestVault, keyring_secret};

#[test]
fn expired_session_loads_as_expired_and_is_wiped() {
    let t = TestVault::new("expired");
    let past = OffsetDateTime::now_utc() - Duration::minutes(5);
    t.vault
        .store(b"old session", past)
        .expect("storing with a past expiry is allowed");
    let loaded = t
        .vault
        .load(OffsetDateTime::now_utc())
        .expect("an expired session is not an error");
    assert!(
        matches!(loaded, Loaded::Expired),
        "expected Expired, got {loaded:?}"
    );
    assert!(
        !t.vault.session_file().exists(),
        "the expired session file must be deleted"
    );
    assert_eq!(
        keyring_secret(&t.service, &t.binding),
        None,
        "an expired session is wiped completely, key included"
    );
    assert!(
        matches!(t.vault.load(OffsetDateTime::now_utc()), Ok(Loaded::Nothing)),
        "once wiped, there is nothing left to load"
    );
}

#[test]
fn session_expires_at_its_expiry_second() {
    let t = TestVault::new("expiry-edge");
    let expires_at = OffsetDateTime::now_utc() + Duration::hours(2);
    t.vault.store(b"session", expires_at).expect("store");
    let just_before = expires_at - Duration::seconds(1);
    assert!(
        matches!(t.vault.load(just_before), Ok(Loaded::Session { .. })),
        "one second before expiry the session is still valid"
    );
    assert!(
        matches!(t.vault.load(expires_at), Ok(Loaded::Expired)),
        "at the expiry instant the session is no longer valid (the clock is injected)"
    );
}
