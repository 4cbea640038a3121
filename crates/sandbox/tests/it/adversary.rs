//! Adversary mode on the wire: each scenario makes the documents, redirects and tokens it
//! promises, and only for the client it was set for.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwk::Jwk;
use josekit::jws::ES256;
use josekit::jwt;
use reqwest::StatusCode;
use sandbox::{FOREIGN_ISSUER, Sandbox, Scenario};
use serde_json::Value;
use url::Url;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, param, sign_in, start, verify,
};

/// Signs Marie in and returns the redirect back to the client.
async fn callback(sandbox: &Sandbox, client: &TestClient) -> Url {
    let browser = Browser::new(sandbox);
    let url = authorize_url(sandbox, client, &[("idp_hint", "fip1")]);
    sign_in(&browser, &url, &[], "marie").await
}

/// Signs Marie in and returns the token endpoint's JSON.
async fn tokens(sandbox: &Sandbox, client: &TestClient) -> Value {
    let code = param(&callback(sandbox, client).await, "code").expect("a code");
    let response = exchange(sandbox, client, &code, SECRET).await;
    assert_eq!(response.status(), StatusCode::OK, "the token request works");
    response.json().await.expect("JSON")
}

/// The decoded header of a compact JWS or JWE.
fn header(compact: &str) -> Value {
    let first = compact.split('.').next().expect("a header");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(first).expect("base64url")).expect("JSON")
}

async fn jwks(sandbox: &Sandbox) -> Vec<Value> {
    let jwks: Value = reqwest::get(format!("{}/jwks", sandbox.issuer()))
        .await
        .expect("jwks")
        .json()
        .await
        .expect("JSON");
    jwks["keys"].as_array().expect("keys").clone()
}

#[tokio::test]
async fn scenarios_apply_to_their_client_only() {
    let target = TestClient::ecdh_es("target");
    let bystander = TestClient::ecdh_es("bystander");
    let sandbox = start(&[&target, &bystander]).await;
    sandbox.set_scenario(target.id(), Scenario::WrongNonce);
    assert_eq!(sandbox.scenario(target.id()), Scenario::WrongNonce);
    assert_eq!(sandbox.scenario(bystander.id()), Scenario::Honest);
    let forged = tokens(&sandbox, &target).await;
    let honest = tokens(&sandbox, &bystander).await;
    let nonce = |tokens: &Value, client: &TestClient| {
        let jws = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
        let payload = jws.split('.').nth(1).expect("payload");
        let claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("b64")).expect("JSON");
        claims["nonce"].as_str().expect("nonce").to_owned()
    };
    assert_ne!(nonce(&forged, &target), crate::support::NONCE);
    assert_eq!(
        nonce(&honest, &bystander),
        crate::support::NONCE,
        "another client's sign-ins stay honest"
    );
    sandbox.set_scenario(target.id(), Scenario::Honest);
    let again = tokens(&sandbox, &target).await;
    assert_eq!(
        nonce(&again, &target),
        crate::support::NONCE,
        "Honest restores FC+'s behaviour"
    );
}

#[tokio::test]
async fn tokens_without_kid_are_signed_by_the_only_published_key() {
    let client = TestClient::ecdh_es("no-kid");
    let sandbox = start(&[&client]).await;
    sandbox.set_scenario(client.id(), Scenario::NoKidOneKey);
    let tokens = tokens(&sandbox, &client).await;
    let jws = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    assert!(header(&jws).get("kid").is_none(), "the header names no key");
    let keys = jwks(&sandbox).await;
    assert_eq!(keys.len(), 1, "one key: no ambiguity");
    let mut key = Jwk::from_map(keys[0].as_object().expect("object").clone()).expect("JWK");
    key.set_parameter("kid", None).expect("kid removed");
    let verifier = ES256.verifier_from_jwk(&key).expect("verifier");
    assert!(
        jwt::decode_with_verifier(&jws, &verifier).is_ok(),
        "a relying party that picks the only key verifies the token"
    );
}

#[tokio::test]
async fn several_keys_scenario_publishes_a_stable_decoy_while_set() {
    let client = TestClient::ecdh_es("decoy");
    let sandbox = start(&[&client]).await;
    assert_eq!(jwks(&sandbox).await.len(), 1);
    sandbox.set_scenario(client.id(), Scenario::NoKidSeveralKeys);
    let first = jwks(&sandbox).await;
    assert_eq!(first.len(), 2, "the real key and a decoy");
    assert_eq!(first, jwks(&sandbox).await, "the decoy does not change");
    sandbox.set_scenario(client.id(), Scenario::Honest);
    assert_eq!(
        jwks(&sandbox).await.len(),
        1,
        "the decoy goes with the scenario"
    );
    assert_eq!(sandbox.jwks_fetches(), 4, "every fetch is counted");
}

#[tokio::test]
async fn rotation_signs_with_a_new_published_key_and_keeps_the_old_one() {
    let client = TestClient::ecdh_es("rotation");
    let sandbox = start(&[&client]).await;
    let old_kid = jwks(&sandbox).await[0]["kid"].clone();
    sandbox.set_scenario(client.id(), Scenario::RotatedKey);
    let tokens = tokens(&sandbox, &client).await;
    let jws = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    let new_kid = header(&jws)["kid"].clone();
    assert_ne!(new_kid, old_kid, "the token names the new key");
    let kids: Vec<Value> = jwks(&sandbox)
        .await
        .iter()
        .map(|k| k["kid"].clone())
        .collect();
    assert!(
        kids.contains(&new_kid) && kids.contains(&old_kid),
        "the JWKS publishes both keys, as during a real rotation: {kids:?}"
    );
    verify(&sandbox, &jws).await;
}

#[tokio::test]
async fn forged_signatures_look_as_announced() {
    let client = TestClient::ecdh_es("forger");
    let sandbox = start(&[&client]).await;
    let kid = jwks(&sandbox).await[0]["kid"].clone();
    for (scenario, alg) in [
        (Scenario::AlgNone, "none"),
        (Scenario::Hs256WithPublicKey, "HS256"),
        (Scenario::BadSignature, "ES256"),
        (Scenario::EmbeddedJwk, "ES256"),
    ] {
        sandbox.set_scenario(client.id(), scenario.clone());
        let tokens = tokens(&sandbox, &client).await;
        let jws = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
        let header = header(&jws);
        assert_eq!(header["alg"], alg, "{scenario:?}");
        assert_eq!(header["kid"], kid, "{scenario:?} names the real key");
        assert_eq!(
            header.get("jwk").is_some(),
            scenario == Scenario::EmbeddedJwk,
            "only EmbeddedJwk carries a key"
        );
        if scenario == Scenario::AlgNone {
            assert!(jws.ends_with('.'), "alg none has an empty signature");
        }
    }
}

#[tokio::test]
async fn jwe_scenarios_use_the_announced_algorithms() {
    let client = TestClient::ecdh_es("jwe");
    let sandbox = start(&[&client]).await;
    for (scenario, alg, enc) in [
        (Scenario::JweKeyWrapA128Kw, "A128KW", "A256GCM"),
        (Scenario::JweDirect, "dir", "A256GCM"),
        (Scenario::JweEncA128CbcHs256, "ECDH-ES", "A128CBC-HS256"),
        (Scenario::EncryptedToAnotherKey, "ECDH-ES", "A256GCM"),
    ] {
        sandbox.set_scenario(client.id(), scenario.clone());
        let id_token = tokens(&sandbox, &client).await["id_token"]
            .as_str()
            .expect("id_token")
            .to_owned();
        assert_eq!(id_token.split('.').count(), 5, "{scenario:?} is a JWE");
        let header = header(&id_token);
        assert_eq!(header["alg"], alg, "{scenario:?}");
        assert_eq!(header["enc"], enc, "{scenario:?}");
        assert_eq!(
            header["kid"], "enc-ec",
            "{scenario:?} names the client's key"
        );
    }
    sandbox.set_scenario(client.id(), Scenario::UnencryptedIdToken);
    let tokens = tokens(&sandbox, &client).await;
    let id_token = tokens["id_token"].as_str().expect("id_token");
    assert_eq!(id_token.split('.').count(), 3, "a bare JWS");
    verify(&sandbox, id_token).await;
}

#[tokio::test]
async fn expired_scenario_dates_the_token_beyond_the_leeway() {
    let client = TestClient::ecdh_es("expired");
    let sandbox = start(&[&client]).await;
    sandbox.set_scenario(client.id(), Scenario::ExpiredIdToken);
    let tokens = tokens(&sandbox, &client).await;
    let claims = verify(
        &sandbox,
        &client.decrypt(tokens["id_token"].as_str().expect("id_token")),
    )
    .await;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("time")
        .as_secs();
    let exp = claims.claim("exp").and_then(Value::as_u64).expect("exp");
    assert!(exp + 60 < now, "exp {exp} is over a minute before {now}");
}

#[tokio::test]
async fn redirect_scenarios_change_iss_or_answer_an_error() {
    let client = TestClient::ecdh_es("redirects");
    let sandbox = start(&[&client]).await;
    sandbox.set_scenario(client.id(), Scenario::ForeignIssParameter);
    let foreign = callback(&sandbox, &client).await;
    assert_eq!(param(&foreign, "iss").as_deref(), Some(FOREIGN_ISSUER));
    assert!(param(&foreign, "code").is_some(), "a code still comes back");
    sandbox.set_scenario(client.id(), Scenario::MissingIssParameter);
    let missing = callback(&sandbox, &client).await;
    assert_eq!(param(&missing, "iss"), None);
    sandbox.set_scenario(client.id(), Scenario::ErrorRedirect("Y000400".into()));
    let error = callback(&sandbox, &client).await;
    assert_eq!(param(&error, "error").as_deref(), Some("Y000400"));
    assert_eq!(param(&error, "code"), None, "an error replaces the code");
    assert_eq!(
        param(&error, "state").as_deref(),
        Some(crate::support::STATE)
    );
    assert_eq!(
        param(&error, "iss").as_deref(),
        Some(sandbox.issuer().as_str())
    );
}

#[tokio::test]
async fn discovery_scenario_claims_another_issuer_while_set() {
    let client = TestClient::ecdh_es("discovery");
    let sandbox = start(&[&client]).await;
    let url = format!("{}/.well-known/openid-configuration", sandbox.issuer());
    let issuer = |document: Value| document["issuer"].as_str().expect("issuer").to_owned();
    sandbox.set_scenario(client.id(), Scenario::DiscoveryIssuerMismatch);
    let document: Value = reqwest::get(&url)
        .await
        .expect("discovery")
        .json()
        .await
        .expect("JSON");
    assert_eq!(issuer(document), FOREIGN_ISSUER);
    sandbox.set_scenario(client.id(), Scenario::Honest);
    let document: Value = reqwest::get(&url)
        .await
        .expect("discovery")
        .json()
        .await
        .expect("JSON");
    assert_eq!(issuer(document), sandbox.issuer().as_str());
}

#[tokio::test]
async fn token_endpoint_answers_the_status_or_waits_as_told() {
    let client = TestClient::ecdh_es("token-faults");
    let sandbox = start(&[&client]).await;
    let code = param(&callback(&sandbox, &client).await, "code").expect("a code");
    sandbox.set_scenario(client.id(), Scenario::TokenEndpointStatus(503));
    let response = exchange(&sandbox, &client, &code, SECRET).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.expect("an OAuth error body");
    assert_eq!(body["error"], "temporarily_unavailable");
    sandbox.set_scenario(client.id(), Scenario::SlowToken(Duration::from_millis(300)));
    let started = Instant::now();
    let response = exchange(&sandbox, &client, &code, SECRET).await;
    assert!(started.elapsed() >= Duration::from_millis(300), "it waited");
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the status scenario left the code unredeemed, and a slow answer is still an answer"
    );
}
