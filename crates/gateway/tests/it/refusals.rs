//! What the gateway refuses: sign-ins without PKCE S256, token requests with a missing or wrong
//! verifier, a reused code, redirect URIs off loopback, unknown kiosks, a kiosk over its rate.

use crate::browser::Expect as _;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use url::Url;

use crate::browser::{Landing, Page};
use crate::support::{FRENCH, Kiosk, Setup, query, token};

/// A finished sign-in's code (browser through FC+), for the token tests.
async fn code(setup: &Setup, kiosk: &Kiosk) -> String {
    let back = kiosk
        .browser()
        .sign_in(kiosk.authorize_url(&setup.url, &[]), FRENCH)
        .await
        .kiosk();
    query(&back)["code"].clone()
}

/// `GET /authorize` without following the redirect.
async fn authorize(url: Url) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
        .get(url)
        .send()
        .await
        .expect("authorize answers")
}

/// The kiosk redirect's parameters, asserting it is one.
fn kiosk_error(
    response: &reqwest::Response,
    kiosk: &Kiosk,
) -> std::collections::HashMap<String, String> {
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().expect("text");
    assert!(
        location.starts_with(&kiosk.redirect_uri),
        "errors go back to the kiosk, never on to FC+: {location}"
    );
    query(&Url::parse(location).expect("URL"))
}

#[tokio::test]
async fn a_sign_in_without_pkce_s256_is_refused_before_fc_plus() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    for change in [
        vec![("code_challenge", None), ("code_challenge_method", None)],
        vec![("code_challenge_method", None)],
        vec![("code_challenge_method", Some("plain"))],
        vec![("code_challenge", Some("short"))],
    ] {
        let response = authorize(kiosk.authorize_url(&setup.url, &change)).await;
        let params = kiosk_error(&response, &kiosk);
        assert_eq!(params["error"], "invalid_request", "{change:?}");
        assert!(params["error_description"].contains("PKCE"), "{params:?}");
        assert_eq!(params["state"], kiosk.state);
        assert!(!params.contains_key("code"));
    }
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_missing_or_wrong_verifier_is_refused_and_burns_the_code() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let first = code(&setup, &kiosk).await;
    let (status, body) = token(&setup.url, &kiosk, &first, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no verifier: {body}");
    assert_eq!(body["error"], "invalid_grant");
    assert!(body.get("id_token").is_none());
    let (status, _) = token(&setup.url, &kiosk, &first, Some(&kiosk.verifier)).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a code tried without the verifier is spent: it could have been stolen"
    );

    let kiosk = Kiosk::new();
    let second = code(&setup, &kiosk).await;
    let wrong = Kiosk::new().verifier;
    let (status, body) = token(&setup.url, &kiosk, &second, Some(&wrong)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "wrong verifier: {body}");
    assert_eq!(body["error"], "invalid_grant");
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_code_serves_once() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let code = code(&setup, &kiosk).await;
    let (status, body) = token(&setup.url, &kiosk, &code, Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = token(&setup.url, &kiosk, &code, Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a reused code: {body}");
    assert_eq!(body["error"], "invalid_grant");
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_redirect_uri_off_loopback_gets_a_page_never_a_redirect() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    for bad in [
        "https://evil.example/callback",
        "http://localhost:51789/callback",
        "http://192.168.1.20:51789/callback",
        "http://0.0.0.0:51789/callback",
        "http://127.0.0.1/callback",
    ] {
        let url = kiosk.authorize_url(&setup.url, &[("redirect_uri", Some(bad))]);
        let landing = kiosk.browser().navigate(reqwest::Method::GET, url).await;
        let Landing::Page(Page { url, .. }) = &landing else {
            panic!("{bad}: {landing:?}");
        };
        assert_eq!(
            url.port(),
            setup.url.port(),
            "{bad}: the browser stays at the gateway"
        );
        let (status, code) = landing.error_page();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(code, "invalid_redirect_uri", "{bad}");
    }
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn an_unknown_kiosk_is_refused_at_authorize_and_token() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let url = kiosk.authorize_url(&setup.url, &[("client_id", Some("kiosk-stranger"))]);
    let (status, code) = kiosk
        .browser()
        .navigate(reqwest::Method::GET, url)
        .await
        .error_page();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code, "unknown_client");
    let response = reqwest::Client::new()
        .post(setup.url.join("/token").expect("URL"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", "whatever"),
            ("client_id", "kiosk-stranger"),
        ])
        .send()
        .await
        .expect("token answers");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["error"], "invalid_client");
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn eidas1_and_unknown_hints_are_refused() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let response =
        authorize(kiosk.authorize_url(&setup.url, &[("acr_values", Some("eidas1"))])).await;
    assert_eq!(kiosk_error(&response, &kiosk)["error"], "invalid_acr");
    let response = authorize(kiosk.authorize_url(&setup.url, &[("idp_hint", Some("fip1"))])).await;
    assert_eq!(kiosk_error(&response, &kiosk)["error"], "invalid_idp_hint");
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_kiosk_over_its_rate_is_told_to_wait_and_others_are_not() {
    let setup =
        Setup::start("[limits]\nauthorize_per_minute = 2\n\n[[kiosk]]\nclient_id = \"kiosk-2\"\n")
            .await;
    let kiosk = Kiosk::new();
    for _ in 0..2 {
        let response = authorize(kiosk.authorize_url(&setup.url, &[])).await;
        let location = response.headers()["location"].to_str().expect("text");
        assert!(
            location.starts_with(setup.sandbox.issuer().as_str()),
            "{location}"
        );
    }
    let response = authorize(kiosk.authorize_url(&setup.url, &[])).await;
    let params = kiosk_error(&response, &kiosk);
    assert_eq!(params["error"], "temporarily_unavailable");
    assert!(params["error_description"].contains("wait"), "{params:?}");
    let other = kiosk.authorize_url(&setup.url, &[("client_id", Some("kiosk-2"))]);
    let response = authorize(other).await;
    let location = response.headers()["location"].to_str().expect("text");
    assert!(
        location.starts_with(setup.sandbox.issuer().as_str()),
        "another kiosk has its own budget: {location}"
    );
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_callback_for_an_unknown_sign_in_is_refused() {
    let setup = Setup::start("").await;
    let url = setup
        .url
        .join("/fc/callback?code=forged&state=forged-state-0123456789abcdef")
        .expect("URL");
    let (status, code) = crate::browser::Browser::new("never:")
        .navigate(reqwest::Method::GET, url)
        .await
        .error_page();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code, "unknown_sign_in");
    setup.sandbox.shutdown().await;
}
