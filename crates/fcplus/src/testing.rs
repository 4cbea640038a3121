//! Token makers for unit tests: a provider signing key, ES256 signing, JWE encryption.

use josekit::jwe::{self, JweHeader};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use josekit::jws::{self, ES256, JwsHeader};
use serde_json::{Map, Value};

pub fn ec_key(kid: &str) -> Jwk {
    let mut key = Jwk::generate_ec_key(EcCurve::P256).unwrap();
    key.set_key_id(kid);
    key
}

pub fn rsa_key(kid: &str) -> Jwk {
    let mut key = Jwk::generate_rsa_key(2048).unwrap();
    key.set_key_id(kid);
    key
}

pub fn public(key: &Jwk) -> Jwk {
    let mut public = key.to_public_key().unwrap();
    if let Some(kid) = key.key_id() {
        public.set_key_id(kid);
    }
    public
}

pub fn sign(claims: &Value, key: &Jwk) -> String {
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    if let Some(kid) = key.key_id() {
        header.set_key_id(kid);
    }
    let signer = ES256.signer_from_jwk(key).unwrap();
    jws::serialize_compact(&serde_json::to_vec(claims).unwrap(), &header, &signer).unwrap()
}

pub fn encrypt(plaintext: &str, alg: &str, recipient_public: &Jwk) -> String {
    let mut header = JweHeader::new();
    header.set_content_encryption("A256GCM");
    header.set_content_type("JWT");
    if let Some(kid) = recipient_public.key_id() {
        header.set_key_id(kid);
    }
    let bytes = plaintext.as_bytes();
    match alg {
        "ECDH-ES" => jwe::serialize_compact(
            bytes,
            &header,
            &jwe::ECDH_ES.encrypter_from_jwk(recipient_public).unwrap(),
        ),
        "RSA-OAEP" => jwe::serialize_compact(
            bytes,
            &header,
            &jwe::RSA_OAEP.encrypter_from_jwk(recipient_public).unwrap(),
        ),
        "RSA-OAEP-256" => jwe::serialize_compact(
            bytes,
            &header,
            &jwe::RSA_OAEP_256
                .encrypter_from_jwk(recipient_public)
                .unwrap(),
        ),
        other => panic!("no encrypter for {other}"),
    }
    .unwrap()
}

/// A compact JWS with an arbitrary header and a meaningless signature.
pub fn forged(header: &Value, claims: &Value, signature: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.{}",
        b64.encode(serde_json::to_vec(header).unwrap()),
        b64.encode(serde_json::to_vec(claims).unwrap()),
        b64.encode(signature)
    )
}

pub fn object(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}
