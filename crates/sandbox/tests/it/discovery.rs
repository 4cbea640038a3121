//! Discovery document and JWKS.

use serde_json::{Value, json};

use crate::support::{TestClient, start};

#[tokio::test]
async fn discovery_document_describes_fc_plus() {
    let client = TestClient::ecdh_es("discovery");
    let sandbox = start(&[&client]).await;
    let issuer = sandbox.issuer().to_string();
    assert_eq!(
        issuer,
        format!("http://127.0.0.1:{}/api/v2", sandbox.local_addr().port()),
        "the issuer has FC+'s /api/v2 shape on loopback"
    );
    let document: Value = reqwest::get(format!("{issuer}/.well-known/openid-configuration"))
        .await
        .expect("discovery answers")
        .json()
        .await
        .expect("discovery is JSON");

    assert_eq!(
        document["issuer"], issuer,
        "iss checks compare against this exact string"
    );
    for (field, path) in [
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("end_session_endpoint", "/session/end"),
        ("jwks_uri", "/jwks"),
    ] {
        assert_eq!(
            document[field],
            format!("{issuer}{path}"),
            "the app reads {field} from discovery, never hard-codes it"
        );
    }
    let expectations = [
        ("response_types_supported", json!(["code"])),
        ("grant_types_supported", json!(["authorization_code"])),
        ("acr_values_supported", json!(["eidas2", "eidas3"])),
        ("id_token_signing_alg_values_supported", json!(["ES256"])),
        (
            "id_token_encryption_alg_values_supported",
            json!(["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"]),
        ),
        (
            "id_token_encryption_enc_values_supported",
            json!(["A256GCM"]),
        ),
        ("userinfo_signing_alg_values_supported", json!(["ES256"])),
        (
            "userinfo_encryption_alg_values_supported",
            json!(["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"]),
        ),
        (
            "userinfo_encryption_enc_values_supported",
            json!(["A256GCM"]),
        ),
        (
            "token_endpoint_auth_methods_supported",
            json!(["client_secret_post", "private_key_jwt"]),
        ),
        ("subject_types_supported", json!(["pairwise"])),
        ("claims_parameter_supported", json!(true)),
        (
            "authorization_response_iss_parameter_supported",
            json!(true),
        ),
        ("request_parameter_supported", json!(false)),
    ];
    for (field, expected) in expectations {
        assert_eq!(
            document[field], expected,
            "{field} must match what FC+ advertises"
        );
    }
    let scopes = document["scopes_supported"]
        .as_array()
        .expect("scopes_supported");
    for scope in [
        "openid",
        "identite_pivot",
        "birth",
        "profile",
        "amr",
        "rnipp_birthdate",
    ] {
        assert!(
            scopes.contains(&json!(scope)),
            "scope {scope} is one FC+ accepts"
        );
    }
    assert!(!scopes.contains(&json!("phone")), "FC+ has no phone scope");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn jwks_publishes_one_es256_public_key_with_a_kid() {
    let sandbox = start(&[]).await;
    let jwks: Value = reqwest::get(format!("{}/jwks", sandbox.issuer()))
        .await
        .expect("jwks answers")
        .json()
        .await
        .expect("jwks is JSON");
    let keys = jwks["keys"].as_array().expect("keys");
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["crv"], "P-256", "ES256 uses P-256");
    assert!(key["kid"].is_string(), "clients pick the key by kid");
    assert!(
        key.get("d").is_none(),
        "the private part must never be published"
    );
    sandbox.shutdown().await;
}
