//! Tokens from the provider: compact JWS/JWE parsing, header checks and decryption with a
//! fixed key. Must never panic and never accept what it cannot verify.
#![no_main]

use std::sync::OnceLock;

use fcplus::DecryptionKeys;
use fcplus::jose::{check_signature_algorithm, peek_header};
use libfuzzer_sys::fuzz_target;

fn keys() -> &'static DecryptionKeys {
    static KEYS: OnceLock<DecryptionKeys> = OnceLock::new();
    KEYS.get_or_init(|| DecryptionKeys::generate_ec("fuzz").expect("key"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = peek_header(text);
    let _ = check_signature_algorithm(text);
    assert!(
        keys().decrypt(text).is_err(),
        "random bytes decrypted with our key"
    );
});
