use josekit::jws::HS256;
use serde_json::json;

use super::*;
use crate::testing::{ec_key, encrypt, forged, public, rsa_key, sign};

fn claims() -> serde_json::Value {
    json!({"iss": "https://fc.example/api/v2", "sub": "s1", "nonce": "n"})
}

#[test]
fn decrypts_every_algorithm_fc_plus_uses() {
    let provider = ec_key("sig-1");
    let jws = sign(&claims(), &provider);
    let ec = ec_key("enc-ec");
    let rsa = rsa_key("enc-rsa");
    let ours = DecryptionKeys::from_keys(vec![ec.clone(), rsa.clone()]).unwrap();
    for (alg, key) in [("ECDH-ES", &ec), ("RSA-OAEP", &rsa), ("RSA-OAEP-256", &rsa)] {
        let jwe = encrypt(&jws, alg, &public(key));
        assert_eq!(
            ours.decrypt(&jwe).unwrap(),
            jws,
            "{alg} must decrypt to the inner JWS"
        );
    }
}

#[test]
fn rejects_an_unencrypted_token_when_encryption_is_configured() {
    let jws = sign(&claims(), &ec_key("sig-1"));
    let ours = DecryptionKeys::from_keys(vec![ec_key("enc")]).unwrap();
    assert_eq!(ours.decrypt(&jws), Err(JoseError::NotEncrypted));
}

#[test]
fn rejects_a_token_encrypted_for_another_key() {
    let jws = sign(&claims(), &ec_key("sig-1"));
    let someone_else = ec_key("enc");
    let ours = DecryptionKeys::from_keys(vec![ec_key("enc")]).unwrap();
    let jwe = encrypt(&jws, "ECDH-ES", &public(&someone_else));
    assert_eq!(
        ours.decrypt(&jwe),
        Err(JoseError::NotForUs),
        "same kid, other key"
    );
}

#[test]
fn rejects_unexpected_encryption_algorithms() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let ours = DecryptionKeys::from_keys(vec![ec_key("enc")]).unwrap();
    for (alg, enc) in [
        ("dir", "A256GCM"),
        ("ECDH-ES", "A128CBC-HS256"),
        ("A128KW", "A256GCM"),
    ] {
        let header = b64.encode(json!({"alg": alg, "enc": enc}).to_string());
        let token = format!("{header}.AA.AA.AA.AA");
        assert!(
            matches!(
                ours.decrypt(&token),
                Err(JoseError::UnexpectedEncryption { .. })
            ),
            "{alg}/{enc} must be refused before any key is tried"
        );
    }
}

#[test]
fn verifies_a_genuine_es256_signature() {
    let provider = ec_key("sig-1");
    let jws = sign(&claims(), &provider);
    assert_eq!(check_signature_algorithm(&jws), Ok(Some("sig-1".into())));
    let payload = verify_es256(&jws, &public(&provider)).unwrap();
    assert_eq!(payload["sub"], "s1");
}

#[test]
fn rejects_a_signature_by_another_key() {
    let jws = sign(&claims(), &ec_key("sig-1"));
    let impostor = public(&ec_key("sig-1"));
    assert_eq!(verify_es256(&jws, &impostor), Err(JoseError::BadSignature));
}

#[test]
fn rejects_a_tampered_payload() {
    let provider = ec_key("sig-1");
    let jws = sign(&claims(), &provider);
    let parts: Vec<&str> = jws.split('.').collect();
    let other = sign(&json!({"sub": "attacker"}), &provider);
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        other.split('.').nth(1).unwrap(),
        parts[2]
    );
    assert_eq!(
        verify_es256(&tampered, &public(&provider)),
        Err(JoseError::BadSignature)
    );
}

#[test]
fn rejects_alg_none() {
    let token = forged(&json!({"alg": "none"}), &claims(), b"");
    assert_eq!(check_signature_algorithm(&token), Err(JoseError::Unsigned));
}

#[test]
fn rejects_hs256_signed_with_the_public_key() {
    // The classic confusion attack: HMAC keyed with the provider's public key bytes.
    let provider = ec_key("sig-1");
    let public_bytes = serde_json::to_vec(&public(&provider)).unwrap();
    let signer = HS256.signer_from_bytes(&public_bytes).unwrap();
    let mut header = josekit::jws::JwsHeader::new();
    header.set_key_id("sig-1");
    let token =
        josekit::jws::serialize_compact(claims().to_string().as_bytes(), &header, &signer).unwrap();
    assert_eq!(
        check_signature_algorithm(&token),
        Err(JoseError::UnexpectedSignatureAlgorithm("HS256".into()))
    );
}

#[test]
fn decryption_keys_refuse_public_only_keys() {
    let err = DecryptionKeys::from_keys(vec![public(&ec_key("enc"))]).unwrap_err();
    assert!(err.contains("private"), "{err}");
}

#[test]
fn debug_of_keys_shows_ids_not_material() {
    let key = ec_key("enc-1");
    let d = key.parameter("d").unwrap().as_str().unwrap().to_owned();
    let printed = format!("{:?}", DecryptionKeys::from_keys(vec![key]).unwrap());
    assert!(
        printed.contains("enc-1") && !printed.contains(&d),
        "{printed}"
    );
}

#[test]
fn decrypts_a_token_whose_header_names_no_key() {
    let jws = sign(&claims(), &ec_key("sig-1"));
    let ours = ec_key("enc-1");
    let mut anonymous = public(&ours);
    anonymous.set_parameter("kid", None).unwrap();
    let jwe = encrypt(&jws, "ECDH-ES", &anonymous);
    assert!(peek_header(&jwe).unwrap().get("kid").is_none());
    assert_eq!(
        DecryptionKeys::from_keys(vec![ours])
            .unwrap()
            .decrypt(&jwe)
            .unwrap(),
        jws
    );
}

#[test]
fn public_jwks_holds_no_private_part() {
    let keys = DecryptionKeys::from_keys(vec![ec_key("enc-1"), rsa_key("enc-2")]).unwrap();
    let jwks = keys.public_jwks();
    for key in jwks["keys"].as_array().unwrap() {
        assert!(
            key.get("d").is_none() && key.get("p").is_none(),
            "private material published: {key}"
        );
        assert_eq!(key["use"], "enc");
        assert!(
            key.get("kid").is_some(),
            "FC+ needs the kid to pick our key"
        );
    }
}

#[test]
fn verifies_a_token_whose_header_names_no_key_with_the_only_key() {
    let provider = ec_key("sig-1");
    let mut anonymous = provider.clone();
    anonymous.set_parameter("kid", None).unwrap();
    let jws = sign(&claims(), &anonymous);
    assert_eq!(check_signature_algorithm(&jws), Ok(None));
    assert!(
        verify_es256(&jws, &public(&provider)).is_ok(),
        "a provider with one key may omit kid"
    );
}

#[test]
fn a_parsed_key_verifies_again_and_again_but_not_a_token_naming_another_key() {
    let provider = ec_key("sig-1");
    let key = VerifyingKey::new(&public(&provider)).unwrap();
    for sub in ["s1", "s2"] {
        let jws = sign(&json!({"sub": sub}), &provider);
        assert_eq!(key.verify(&jws).unwrap()["sub"], sub);
    }
    let mut renamed = provider.clone();
    renamed.set_key_id("sig-2");
    let jws = sign(&claims(), &renamed);
    assert_eq!(
        key.verify(&jws),
        Err(JoseError::BadSignature),
        "same key material, but the token names another key"
    );
}
