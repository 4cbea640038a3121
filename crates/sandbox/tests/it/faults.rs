//! Fault injection: late and failing endpoints, a provider that drops off the network after
//! the consent, and a skewed provider clock, over real HTTP.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sandbox::{Endpoint, Fault};
use serde_json::Value;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, param, sign_in, start, verify,
};

#[tokio::test]
async fn a_status_fault_answers_it_at_that_endpoint_only_until_cleared() {
    let sandbox = start(&[]).await;
    let discovery = format!("{}/.well-known/openid-configuration", sandbox.issuer());
    sandbox.set_fault(Endpoint::Discovery, Some(Fault::Status(503)));
    let refused = reqwest::get(&discovery).await.expect("an answer");
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = refused.json().await.expect("an OAuth error body");
    assert_eq!(body["error"], "temporarily_unavailable");
    let jwks = reqwest::get(format!("{}/jwks", sandbox.issuer()))
        .await
        .expect("an answer");
    assert_eq!(jwks.status(), StatusCode::OK, "other endpoints still work");
    sandbox.set_fault(Endpoint::Discovery, None);
    let answered = reqwest::get(&discovery).await.expect("an answer");
    assert_eq!(answered.status(), StatusCode::OK, "cleared faults are gone");
    assert_eq!(
        sandbox.requests(Endpoint::Discovery),
        2,
        "faulty and healthy requests are both counted"
    );
}

#[tokio::test]
async fn a_delay_fault_holds_the_answer_back() {
    let sandbox = start(&[]).await;
    sandbox.set_fault(
        Endpoint::Jwks,
        Some(Fault::Delay(Duration::from_millis(700))),
    );
    let started = Instant::now();
    let answered = reqwest::get(format!("{}/jwks", sandbox.issuer()))
        .await
        .expect("an answer");
    assert_eq!(answered.status(), StatusCode::OK, "late, but right");
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "answered after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn offline_after_the_consent_the_browser_gets_its_code_but_the_token_request_is_refused() {
    let client = TestClient::ecdh_es("cut");
    let sandbox = start(&[&client]).await;
    sandbox.set_fault(Endpoint::Consent, Some(Fault::OfflineAfterAnswer));
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[("idp_hint", "fip1")]);
    let callback = sign_in(&browser, &url, &[], "marie").await;
    assert!(
        param(&callback, "code").is_some(),
        "the redirect got through"
    );
    let mut refused = false;
    for _ in 0..50 {
        let sent = reqwest::Client::new()
            .post(format!("{}/token", sandbox.issuer()))
            .form(&[("grant_type", "authorization_code")])
            .send()
            .await;
        if sent.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "after the cut, FC+ must not be reachable at all");
}

#[tokio::test]
async fn a_clock_offset_moves_the_id_token_times() {
    let client = TestClient::ecdh_es("skew");
    let sandbox = start(&[&client]).await;
    sandbox.set_clock_offset(-300);
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[("idp_hint", "fip1")]);
    let callback = sign_in(&browser, &url, &[], "marie").await;
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("tokens");
    let id_token = client.decrypt(tokens["id_token"].as_str().expect("an ID token"));
    let claims = verify(&sandbox, &id_token).await;
    let iat = claims.issued_at().expect("iat");
    let behind = std::time::SystemTime::now()
        .duration_since(iat)
        .expect("iat is in the past");
    assert!(
        (Duration::from_secs(295)..Duration::from_secs(310)).contains(&behind),
        "iat is five minutes behind real time, as the provider's clock is: {behind:?}"
    );
}
