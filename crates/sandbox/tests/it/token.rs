//! The token and userinfo endpoints' refusals, and `private_key_jwt`.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, param, sign_in, start, userinfo,
};

/// A fresh code for `client` (signs in as `marie` at fip1).
async fn code_for(sandbox: &sandbox::Sandbox, client: &TestClient) -> String {
    let browser = Browser::new(sandbox);
    let url = authorize_url(sandbox, client, &[("idp_hint", "fip1")]);
    let callback = sign_in(&browser, &url, &[], "marie").await;
    param(&callback, "code").expect("a code")
}

async fn error_of(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    let body: Value = response.json().await.expect("errors are JSON");
    assert!(body["error_description"].is_string());
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn wrong_client_secret_is_invalid_client() {
    let client = TestClient::ecdh_es("secret");
    let sandbox = start(&[&client]).await;
    let code = code_for(&sandbox, &client).await;
    let response = exchange(&sandbox, &client, &code, "not-the-secret").await;
    assert_eq!(
        error_of(response).await,
        (StatusCode::UNAUTHORIZED, "invalid_client".to_owned()),
        "a wrong secret must not buy tokens"
    );
}

#[tokio::test]
async fn a_code_works_once_and_its_reuse_revokes_the_tokens() {
    let client = TestClient::ecdh_es("reuse");
    let sandbox = start(&[&client]).await;
    let code = code_for(&sandbox, &client).await;
    let first: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let access_token = first["access_token"].as_str().expect("access_token");

    let second = exchange(&sandbox, &client, &code, SECRET).await;
    assert_eq!(
        error_of(second).await,
        (StatusCode::BAD_REQUEST, "invalid_grant".to_owned()),
        "a code is one-time: a replay must fail"
    );
    let response = userinfo(&sandbox, access_token).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "a replayed code means it leaked, so its access token is revoked"
    );
}

#[tokio::test]
async fn a_code_is_bound_to_its_client() {
    let alice = TestClient::ecdh_es("alice");
    let bob = TestClient::ecdh_es("bob");
    let sandbox = start(&[&alice, &bob]).await;
    let code = code_for(&sandbox, &alice).await;
    let response = exchange(&sandbox, &bob, &code, SECRET).await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_grant",
        "another client cannot redeem a stolen code"
    );
}

#[tokio::test]
async fn token_endpoint_refuses_get_and_other_grants() {
    let client = TestClient::ecdh_es("grants");
    let sandbox = start(&[&client]).await;
    let token_url = format!("{}/token", sandbox.issuer());
    let response = reqwest::get(&token_url).await.expect("answer");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);

    let response = reqwest::Client::new()
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", client.id()),
            ("client_secret", SECRET),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(
        error_of(response).await.1,
        "unsupported_grant_type",
        "FC+ has no refresh tokens"
    );
}

#[tokio::test]
async fn userinfo_refuses_a_bad_token_with_a_bearer_challenge() {
    let sandbox = start(&[]).await;
    let response = userinfo(&sandbox, "not-a-token").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\"",
        "RFC 6750: the client learns its token is invalid"
    );
}

#[tokio::test]
async fn private_key_jwt_client_gets_tokens_and_assertions_are_single_use() {
    let client = TestClient::private_key_jwt("signed");
    let sandbox = start(&[&client]).await;
    let token_url = format!("{}/token", sandbox.issuer());
    let post = |code: String, assertion: String| {
        let token_url = token_url.clone();
        let redirect_uri = client.redirect_uri().to_owned();
        let client_id = client.id().to_owned();
        async move {
            reqwest::Client::new()
                .post(token_url)
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", code.as_str()),
                    ("redirect_uri", redirect_uri.as_str()),
                    ("client_id", client_id.as_str()),
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ),
                    ("client_assertion", assertion.as_str()),
                ])
                .send()
                .await
                .expect("answer")
        }
    };

    let code = code_for(&sandbox, &client).await;
    let assertion = client.assertion(&token_url, "jti-1");
    let response = post(code, assertion.clone()).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "a valid ES256 assertion authenticates"
    );
    let tokens: Value = response.json().await.expect("JSON");
    let inner = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    crate::support::verify(&sandbox, &inner).await;

    let code = code_for(&sandbox, &client).await;
    let response = post(code.clone(), assertion).await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_client",
        "a replayed assertion (same jti) must not authenticate"
    );

    let impostor = TestClient::private_key_jwt("signed");
    let response = post(code.clone(), impostor.assertion(&token_url, "jti-2")).await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_client",
        "an assertion signed by an unregistered key must not authenticate"
    );

    let response = post(
        code,
        client.assertion("https://elsewhere.example/token", "jti-3"),
    )
    .await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_client",
        "an assertion for another audience must not authenticate"
    );

    let response = exchange(
        &sandbox,
        &client,
        &code_for(&sandbox, &client).await,
        SECRET,
    )
    .await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_client",
        "a private_key_jwt client cannot fall back to a secret"
    );
}
