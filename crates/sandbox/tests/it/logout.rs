//! The FC+ browser session: reused for eidas2 (the kiosk risk), ended by logout.

use reqwest::StatusCode;
use serde_json::Value;
use url::Url;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, location, logout_uri, param, sign_in,
    start,
};

/// Signs `marie` in on `browser` and returns the decrypted, signed ID token.
async fn signed_in(sandbox: &sandbox::Sandbox, browser: &Browser, client: &TestClient) -> String {
    let url = authorize_url(sandbox, client, &[("acr_values", "eidas2")]);
    let callback = sign_in(browser, &url, &["idp-fip1"], "marie").await;
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(sandbox, client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    client.decrypt(tokens["id_token"].as_str().expect("id_token"))
}

fn end_session_url(sandbox: &sandbox::Sandbox, params: &[(&str, &str)]) -> Url {
    let mut url = Url::parse(&format!("{}/session/end", sandbox.issuer())).expect("URL");
    url.query_pairs_mut().extend_pairs(params);
    url
}

#[tokio::test]
async fn eidas2_request_reuses_the_session_and_skips_the_chooser() {
    let client = TestClient::ecdh_es("kiosk");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    signed_in(&sandbox, &browser, &client).await;
    assert_eq!(sandbox.active_sessions(), 1, "consent opens an FC+ session");

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        location(&response).path().ends_with("/consent"),
        "FC+ reuses its session for eidas2: the next person at a kiosk lands on consent"
    );
    let consent = browser.follow(response).await;
    assert!(
        consent.contains("Martin"),
        "the reused session carries the previous person's identity"
    );

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas3")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        !location(&response).path().ends_with("/consent"),
        "eidas3 always asks the identity provider again"
    );
}

#[tokio::test]
async fn session_end_clears_the_session_and_returns_with_state() {
    let client = TestClient::ecdh_es("logout");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let id_token = signed_in(&sandbox, &browser, &client).await;
    assert_eq!(sandbox.active_sessions(), 1);

    let return_uri = logout_uri(client.id());
    let state = "logout-state-0123456789abcdef";
    let url = end_session_url(
        &sandbox,
        &[
            ("id_token_hint", id_token.as_str()),
            ("state", state),
            ("post_logout_redirect_uri", return_uri.as_str()),
        ],
    );
    let response = browser.get(url.as_str()).await;
    let target = location(&response);
    assert!(target.as_str().starts_with(&return_uri));
    assert_eq!(param(&target, "state").as_deref(), Some(state));
    let cookie = response.headers()["set-cookie"].to_str().expect("ASCII");
    assert!(
        cookie.starts_with("fc_session=;") && cookie.contains("Max-Age=0"),
        "logout clears the browser's FC+ cookie"
    );
    assert_eq!(
        sandbox.active_sessions(),
        0,
        "after logout nobody can inherit the FC+ session"
    );

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        !location(&response).path().ends_with("/consent"),
        "after logout an eidas2 request shows the chooser again"
    );
}

#[tokio::test]
async fn session_end_refuses_an_unregistered_return_uri_and_a_foreign_hint() {
    let client = TestClient::ecdh_es("logout-refusals");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let id_token = signed_in(&sandbox, &browser, &client).await;
    let state = "logout-state-0123456789abcdef";

    let elsewhere = "http://127.0.0.1:51790/logged-out";
    let url = end_session_url(
        &sandbox,
        &[
            ("id_token_hint", id_token.as_str()),
            ("state", state),
            ("post_logout_redirect_uri", elsewhere),
        ],
    );
    let response = browser.get(url.as_str()).await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "logout never redirects to an unregistered URI"
    );

    let return_uri = logout_uri(client.id());
    let mut forged = id_token.clone();
    forged.replace_range(forged.len() - 4.., "AAAA");
    for hint in [forged.as_str(), "a.b.c.d.e"] {
        let url = end_session_url(
            &sandbox,
            &[
                ("id_token_hint", hint),
                ("state", state),
                ("post_logout_redirect_uri", return_uri.as_str()),
            ],
        );
        let response = browser.get(url.as_str()).await;
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "the hint must be a signed ID token from this sandbox"
        );
    }
    assert_eq!(
        sandbox.active_sessions(),
        1,
        "a refused logout ends nothing"
    );
}
