//! The child side of the multi-process tests: this binary, re-run with `VAULT_TEST_CHILD_MODE`.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use vault::{Keyring, Loaded, Vault};

use crate::helpers::{
    CHILD_BINDING, CHILD_DIR, CHILD_GENERATION, CHILD_KEYRING, CHILD_MODE, CHILD_SERVICE,
    RESULT_PREFIX, config_in, hex,
};

/// Not a test of its own: the entry point of child processes. Without `VAULT_TEST_CHILD_MODE`
/// (a normal `cargo test` run) it returns at once.
#[test]
fn child_process_entry_point() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let vault = child_vault();
    match mode.as_str() {
        "load" => report(&match vault.load(OffsetDateTime::now_utc()) {
            Ok(Loaded::Session { payload, .. }) => format!("session {}", hex(&payload)),
            Ok(Loaded::Nothing) => "nothing".to_owned(),
            Ok(Loaded::Expired) => "expired".to_owned(),
            Err(err) => format!("error {}", err.code()),
        }),
        "store" => match vault.store(b"stored by a child", crate::helpers::in_one_hour()) {
            Ok(()) => report("stored"),
            Err(err) => {
                report(&format!("error {}", err.code()));
                if std::env::var_os("VAULT_TEST_PRINT_MESSAGE").is_some() {
                    report(&format!("message {err}"));
                }
            }
        },
        "prepare" => report(&match vault.prepare() {
            Ok(()) => "prepared".to_owned(),
            Err(err) => format!("error {}", err.code()),
        }),
        "store-loop" => store_loop(&vault),
        "secret-service" => report(&format!("unlocked {}", vault::secret_service_unlocked())),
        other => panic!("unknown child mode {other}"),
    }
}

fn child_vault() -> Vault {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| panic!("the parent must set {name} for a child"))
    };
    let keyring = std::env::var(CHILD_KEYRING)
        .map(|name| Keyring::from_name(&name).expect("a keyring name"))
        .unwrap_or_default();
    Vault::new(config_in(
        keyring,
        &PathBuf::from(var(CHILD_DIR)),
        &var(CHILD_SERVICE),
        &var(CHILD_BINDING),
    ))
}

/// Stores ever newer generations until killed (or, as a safety net, for 60 seconds).
fn store_loop(vault: &Vault) {
    let first: u64 = std::env::var(CHILD_GENERATION)
        .expect("the parent must set the first generation")
        .parse()
        .expect("a generation is a number");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut generation = first;
    while Instant::now() < deadline {
        vault
            .store(
                &generation_payload(generation),
                crate::helpers::in_one_hour(),
            )
            .expect("a store in the loop must succeed");
        report(&format!("stored {generation}"));
        generation += 1;
    }
}

/// A large payload whose every byte depends on its generation, so a half-written or mixed
/// file cannot pass for a complete one.
pub fn generation_payload(generation: u64) -> Vec<u8> {
    const FILLER: usize = 256 * 1024;
    let mut payload = generation.to_le_bytes().to_vec();
    payload.extend((0..FILLER).map(|i| (generation as u8).wrapping_mul(31).wrapping_add(i as u8)));
    payload
}

/// Reads a generation back, checking that the payload is exactly that generation's.
pub fn payload_generation(payload: &[u8]) -> Option<u64> {
    let generation = u64::from_le_bytes(payload.get(..8)?.try_into().ok()?);
    (generation_payload(generation) == payload).then_some(generation)
}

fn report(line: &str) {
    // Straight to stdout, past the test harness's capture, flushed before a possible kill.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{RESULT_PREFIX}{line}").expect("write to the parent");
    stdout.flush().expect("flush to the parent");
}
