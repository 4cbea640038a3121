//! The vault's store and load (criterion) on the real Secret Service: each store reads the
//! data key from the keyring, seals the payload (AES-256-GCM) and writes the file atomically
//! (write, fsync, rename, fsync of the folder); each load reads the file and the key and opens
//! it. The payload is the size of a real session (identity, ID token, issuer, browser).
//!
//! Needs a Secret Service: `scripts/bench.sh steps` runs it on a private gnome-keyring.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use time::{Duration, OffsetDateTime};
use vault::{Keyring, Loaded, Vault, VaultConfig};

/// About what `session::StoredSession` serialises to for one person.
const PAYLOAD_LEN: usize = 2_400;

fn store_and_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = Vault::new(VaultConfig {
        data_dir: dir.path().to_owned(),
        keyring_service: "guichet-bench".into(),
        binding: "bench/guichet-bench".into(),
        keyring: Keyring::SecretService,
    });
    let payload = vec![b'x'; PAYLOAD_LEN];
    let expires = OffsetDateTime::now_utc() + Duration::hours(1);
    // The first store creates the keyring entry; a Secret Service must answer.
    if let Err(e) = vault.store(&payload, expires) {
        panic!("the vault cannot store ({e}): run through scripts/bench.sh (a private keyring)");
    }
    c.bench_function("vault_store", |b| {
        b.iter(|| vault.store(black_box(&payload), expires).expect("stored"))
    });
    c.bench_function("vault_load", |b| {
        b.iter(
            || match vault.load(OffsetDateTime::now_utc()).expect("loaded") {
                Loaded::Session { payload, .. } => payload.len(),
                _ => panic!("the session is gone"),
            },
        )
    });
    vault.wipe().expect("wiped");
}

criterion_group!(benches, store_and_load);
criterion_main!(benches);
