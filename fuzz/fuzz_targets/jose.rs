//! Tokens from the provider: compact JWS/JWE parsing, header checks and decryption with a
//! fixed key. Must never panic, and must never open what the library it replaced would not:
//! whatever fcplus decrypts (its own ECDH-ES code, `fcplus::jose::ecdh_es`), josekit decrypts
//! to the same plaintext. The key is the one of the test vector made with pyca/cryptography,
//! whose token is a seed (`fuzz/seeds/jose/jwe-python`), so mutations reach past the header.
#![no_main]

use std::sync::OnceLock;

use fcplus::DecryptionKeys;
use fcplus::jose::{check_signature_algorithm, peek_header};
use josekit::jwe::{self, alg::ecdh_es::EcdhEsJweDecrypter};
use josekit::jwk::Jwk;
use libfuzzer_sys::fuzz_target;

const VECTOR: &str = include_str!("../../crates/fcplus/src/jose/ecdh_es/python-vector.json");

fn key() -> Jwk {
    let vector: serde_json::Value = serde_json::from_str(VECTOR).expect("the vector is JSON");
    let key = vector["key"].as_object().expect("a key").clone();
    Jwk::from_map(key).expect("a JWK")
}

fn keys() -> &'static DecryptionKeys {
    static KEYS: OnceLock<DecryptionKeys> = OnceLock::new();
    KEYS.get_or_init(|| DecryptionKeys::from_keys(vec![key()]).expect("the vector's key"))
}

/// josekit's decrypter for the same key, without its `kid` (josekit would then insist that
/// every token names it; fcplus decides that before decrypting).
fn josekit() -> &'static EcdhEsJweDecrypter {
    static DECRYPTER: OnceLock<EcdhEsJweDecrypter> = OnceLock::new();
    DECRYPTER.get_or_init(|| {
        let mut key = key();
        key.set_parameter("kid", None).expect("kid removed");
        jwe::ECDH_ES.decrypter_from_jwk(&key).expect("a decrypter")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = peek_header(text);
    let _ = check_signature_algorithm(text);
    if let Ok(plaintext) = keys().decrypt(text) {
        let (expected, _) = jwe::deserialize_compact(text, josekit())
            .unwrap_or_else(|e| panic!("fcplus opened a token josekit refuses ({e}): {text}"));
        assert_eq!(
            plaintext.as_bytes(),
            expected,
            "fcplus and josekit disagree: {text}"
        );
    }
});
