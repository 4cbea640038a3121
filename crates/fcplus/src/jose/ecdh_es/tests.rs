use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwe::{self, JweHeader};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use serde_json::{Map, Value, json};

use super::*;
use crate::testing::{ec_key, encrypt, public, rsa_key};

fn parts(token: &str) -> [&str; 5] {
    let parts: Vec<&str> = token.split('.').collect();
    parts.try_into().expect("a compact JWE has five parts")
}

fn header_of(token: &str) -> Map<String, Value> {
    crate::jose::peek_header(token).expect("the header is JSON")
}

/// Opens `token` as [`DecryptionKeys`] would: split, header decoded, then this key.
fn open(key: &EcdhEsKey, token: &str) -> Result<Vec<u8>, Refused> {
    key.decrypt(parts(token), &header_of(token))
}

/// `token` with its protected header changed by `change` (and so its AAD: the tag no longer
/// verifies, which the checks before the decryption must not need to notice).
fn with_header(token: &str, change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut header = header_of(token);
    change(&mut header);
    let [_, rest @ ..] = parts(token);
    let protected = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap());
    format!("{protected}.{}", rest.join("."))
}

/// `token` with part `index` replaced.
fn with_part(token: &str, index: usize, part: &str) -> String {
    let mut all = parts(token);
    all[index] = part;
    all.join(".")
}

fn flip_first_bit(part: &str) -> String {
    let mut bytes = URL_SAFE_NO_PAD.decode(part).unwrap();
    bytes[0] ^= 1;
    URL_SAFE_NO_PAD.encode(bytes)
}

fn ours() -> (Jwk, EcdhEsKey) {
    let jwk = ec_key("enc");
    let key = EcdhEsKey::from_jwk(&jwk).expect("a private P-256 key");
    (jwk, key)
}

#[test]
fn opens_what_josekit_encrypts_at_every_length() {
    let (jwk, key) = ours();
    for length in [0, 1, 15, 16, 17, 255, 4096] {
        let plaintext: String = (0..length)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let token = encrypt(&plaintext, "ECDH-ES", &public(&jwk));
        assert_eq!(
            open(&key, &token).as_deref(),
            Ok(plaintext.as_bytes()),
            "{length} bytes"
        );
    }
}

#[test]
fn takes_the_parties_information_into_the_key() {
    let (jwk, key) = ours();
    let mut header = JweHeader::new();
    header.set_content_encryption("A256GCM");
    header.set_agreement_partyuinfo(b"Guichet");
    header.set_agreement_partyvinfo(b"FranceConnect+");
    let encrypter = jwe::ECDH_ES.encrypter_from_jwk(&public(&jwk)).unwrap();
    let token = jwe::serialize_compact(b"with apu and apv", &header, &encrypter).unwrap();
    assert_eq!(open(&key, &token).as_deref(), Ok(&b"with apu and apv"[..]));
    // Another party's information derives another key.
    let other = with_header(&token, |h| {
        h.insert("apv".into(), json!(URL_SAFE_NO_PAD.encode("someone else")));
    });
    assert_eq!(open(&key, &other), Err(Refused::Tag));
}

/// RFC 7518, appendix C: the key Alice and Bob derive with A128GCM.
#[test]
fn derives_the_rfc_7518_example_key() {
    let z = [
        158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110,
        163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
    ];
    let round = concat_kdf(&z, "A128GCM", 128, b"Alice", b"Bob");
    assert_eq!(
        URL_SAFE_NO_PAD.encode(&round[..16]),
        "VqqN6vgjbSBcIijNcacQGg"
    );
}

#[test]
fn refuses_a_token_for_another_key_or_altered_anywhere() {
    let (jwk, key) = ours();
    let token = encrypt("the inner JWS", "ECDH-ES", &public(&jwk));
    let elsewhere = encrypt("the inner JWS", "ECDH-ES", &public(&ec_key("enc")));
    assert_eq!(open(&key, &elsewhere), Err(Refused::Tag), "another key's");
    let [protected, _, iv, ciphertext, tag] = parts(&token);
    let altered = [
        ("header", with_part(&token, 0, &flip_first_bit(protected))),
        ("iv", with_part(&token, 2, &flip_first_bit(iv))),
        (
            "ciphertext",
            with_part(&token, 3, &flip_first_bit(ciphertext)),
        ),
        ("tag", with_part(&token, 4, &flip_first_bit(tag))),
        (
            "epk, another point of P-256",
            with_header(&token, |h| {
                let other = public(&ec_key("enc"));
                h.insert("epk".into(), Value::Object(other.as_ref().clone()));
            }),
        ),
    ];
    for (what, token) in altered {
        // A flipped bit in the header's base64 may break its JSON: that is refused too.
        let refused = key.decrypt(
            parts(&token),
            &crate::jose::peek_header(&token).unwrap_or_default(),
        );
        assert!(refused.is_err(), "{what} altered and still opened");
        if what != "header" {
            assert_eq!(refused, Err(Refused::Tag), "{what}");
        }
    }
}

#[test]
fn refuses_what_it_does_not_implement() {
    let (jwk, key) = ours();
    let token = encrypt("the inner JWS", "ECDH-ES", &public(&jwk));
    // One header member set to a value this decryption does not take.
    let cases = [
        ("zip", json!("DEF"), Refused::Unsupported),
        ("crit", json!(["exp"]), Refused::Unsupported),
        ("alg", json!("ECDH-ES+A256KW"), Refused::Algorithm),
        ("enc", json!("A128GCM"), Refused::Algorithm),
        ("apu", json!(7), Refused::Encoding),
    ];
    for (member, value, refused) in cases {
        let changed = with_header(&token, |h| drop(h.insert(member.into(), value)));
        assert_eq!(open(&key, &changed), Err(refused), "{member}");
    }
    let wrapped = with_part(&token, 1, &URL_SAFE_NO_PAD.encode([0u8; 40]));
    assert_eq!(open(&key, &wrapped), Err(Refused::EncryptedKey));
    let long_iv = with_part(&token, 2, &URL_SAFE_NO_PAD.encode([0u8; 16]));
    assert_eq!(open(&key, &long_iv), Err(Refused::Lengths));
    let short_tag = with_part(&token, 4, &URL_SAFE_NO_PAD.encode([0u8; 12]));
    assert_eq!(open(&key, &short_tag), Err(Refused::Lengths));
    let padded = with_part(&token, 3, &format!("{}=", parts(&token)[3]));
    assert_eq!(open(&key, &padded), Err(Refused::Encoding));
}

#[test]
fn refuses_an_ephemeral_key_off_the_curve_or_on_another() {
    let (jwk, key) = ours();
    let token = encrypt("the inner JWS", "ECDH-ES", &public(&jwk));
    let epk = header_of(&token)["epk"].as_object().unwrap().clone();
    let y = URL_SAFE_NO_PAD.decode(epk["y"].as_str().unwrap()).unwrap();
    let mut off_curve = y.clone();
    off_curve[31] ^= 1;
    let p384 = Jwk::generate_ec_key(EcCurve::P384)
        .unwrap()
        .to_public_key()
        .unwrap();
    let changes: Vec<(&str, Value)> = vec![
        ("off the curve", {
            let mut e = epk.clone();
            e.insert("y".into(), json!(URL_SAFE_NO_PAD.encode(&off_curve)));
            Value::Object(e)
        }),
        ("a coordinate of 33 bytes", {
            let mut e = epk.clone();
            e.insert(
                "y".into(),
                json!(URL_SAFE_NO_PAD.encode([&[0u8][..], &y].concat())),
            );
            Value::Object(e)
        }),
        ("P-384", Value::Object(p384.as_ref().clone())),
        ("curve named P-384", {
            let mut e = epk.clone();
            e.insert("crv".into(), json!("P-384"));
            Value::Object(e)
        }),
        ("not EC", {
            let mut e = epk.clone();
            e.insert("kty".into(), json!("OKP"));
            Value::Object(e)
        }),
        ("not an object", json!("epk")),
    ];
    for (what, epk) in changes {
        let changed = with_header(&token, |h| drop(h.insert("epk".into(), epk)));
        assert_eq!(open(&key, &changed), Err(Refused::EphemeralKey), "{what}");
    }
    let without = with_header(&token, |h| drop(h.remove("epk")));
    assert_eq!(open(&key, &without), Err(Refused::EphemeralKey), "no epk");
}

#[test]
fn takes_only_a_whole_private_p256_key() {
    let ec = ec_key("enc");
    assert!(EcdhEsKey::from_jwk(&public(&ec)).is_none(), "public only");
    assert!(EcdhEsKey::from_jwk(&rsa_key("rsa")).is_none(), "RSA");
    let p384 = Jwk::generate_ec_key(EcCurve::P384).unwrap();
    assert!(EcdhEsKey::from_jwk(&p384).is_none(), "P-384");
    let mut mismatched = ec.clone();
    let other = ec_key("other");
    mismatched
        .set_parameter("d", other.parameter("d").cloned())
        .unwrap();
    assert!(
        EcdhEsKey::from_jwk(&mismatched).is_none(),
        "d of another key"
    );
}

/// A token made by another implementation (pyca/cryptography: `make-vector.py` beside this
/// file), with `apu` and `apv`, opened by this key and through `DecryptionKeys` as the app does.
#[test]
fn opens_a_token_made_by_another_implementation() {
    let vector: Value = serde_json::from_str(include_str!("python-vector.json")).unwrap();
    let jwk = Jwk::from_map(vector["key"].as_object().unwrap().clone()).unwrap();
    let token = vector["token"].as_str().unwrap();
    let plaintext = vector["plaintext"].as_str().unwrap();
    let key = EcdhEsKey::from_jwk(&jwk).unwrap();
    assert_eq!(open(&key, token).as_deref(), Ok(plaintext.as_bytes()));
    let keys = crate::jose::DecryptionKeys::from_keys(vec![jwk]).unwrap();
    assert_eq!(keys.decrypt(token).as_deref(), Ok(plaintext));
}
