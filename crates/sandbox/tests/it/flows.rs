//! Whole sign-ins through the pages, a French one and an eIDAS one, down to userinfo.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{
    Browser, NONCE, SECRET, STATE, TestClient, authorize_url, exchange, param, sign_in, start,
    userinfo, verify,
};

#[tokio::test]
async fn french_sign_in_through_the_pages_gives_an_encrypted_signed_id_token() {
    let client = TestClient::ecdh_es("french");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[]);

    let callback = sign_in(&browser, &url, &["idp-fip1"], "marie").await;
    assert!(callback.as_str().starts_with(client.redirect_uri()));
    assert_eq!(param(&callback, "state").as_deref(), Some(STATE));
    assert_eq!(
        param(&callback, "iss").as_deref(),
        Some(sandbox.issuer().as_str()),
        "the success redirect carries iss too (RFC 9207)"
    );
    let code = param(&callback, "code").expect("a code");

    let response = exchange(&sandbox, &client, &code, SECRET).await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.expect("JSON");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 60, "FC+ access tokens live 60 s");
    assert_eq!(
        tokens["scope"],
        "openid identite_pivot email preferred_username"
    );
    let id_token = tokens["id_token"].as_str().expect("id_token");
    assert_eq!(
        id_token.split('.').count(),
        5,
        "the ID token is a JWE, never a bare JWS"
    );
    let inner = client.decrypt(id_token);
    let claims = verify(&sandbox, &inner).await;
    let claims = claims.claims_set();
    assert_eq!(claims["iss"], sandbox.issuer().as_str());
    assert_eq!(claims["aud"], client.id());
    assert_eq!(
        claims["nonce"], NONCE,
        "the nonce binds the token to the request"
    );
    assert_eq!(
        claims["acr"], "eidas3",
        "the level asked for is the level given"
    );
    assert_eq!(
        claims["amr"],
        json!(["fc", "pwd"]),
        "amr was asked for through the claims parameter and says French"
    );
    let iat = claims["iat"].as_u64().expect("iat");
    assert_eq!(
        claims["exp"].as_u64(),
        Some(iat + 60),
        "ID tokens live 60 s"
    );
    assert!(claims["auth_time"].as_u64().is_some_and(|time| time <= iat));
    let sub = claims["sub"].as_str().expect("sub");
    assert_eq!(sub.len(), 64, "sub is a hex SHA-256 pseudonym");
    assert!(
        claims.get("given_name").is_none() && claims.get("birthdate").is_none(),
        "the ID token carries no identity claims: those come from userinfo"
    );

    let access_token = tokens["access_token"].as_str().expect("access_token");
    let response = userinfo(&sandbox, access_token).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/jwt");
    let body = response.text().await.expect("body");
    let info = verify(&sandbox, &client.decrypt(&body)).await;
    let info = info.claims_set();
    assert_eq!(
        info["sub"], sub,
        "userinfo and ID token must name the same person"
    );
    assert_eq!(info["aud"], client.id());
    assert_eq!(info["given_name"], "Marie");
    assert_eq!(info["family_name"], "Martin");
    assert_eq!(info["preferred_username"], "Dupont");
    assert_eq!(
        info["birthplace"], "75107",
        "French birthplace is an INSEE code"
    );
    assert_eq!(info["birthcountry"], "99100");
    assert_eq!(info["email"], "marie.dupont@example.fr");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn amr_is_absent_unless_the_claims_parameter_asks_for_it() {
    let client = TestClient::rsa_oaep_256("no-amr");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[("claims", "{}"), ("idp_hint", "fip2")]);
    let callback = sign_in(&browser, &url, &[], "jean").await;
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let inner = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    let claims = verify(&sandbox, &inner).await;
    assert!(
        claims.claim("amr").is_none(),
        "FC+ returns amr only when the claims parameter asks for it"
    );
}

#[tokio::test]
async fn eidas_sign_in_via_idp_hint_releases_only_what_eidas_provides() {
    let client = TestClient::rsa_oaep_256("europe");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(
        &sandbox,
        &client,
        &[
            ("idp_hint", "8aa849db-8402-4f2e-bad9-7471dd21ff94"),
            ("ui_locales", "en"),
            ("scope", "openid identite_pivot email preferred_username"),
        ],
    );

    let response = browser.get(url.as_str()).await;
    let target = crate::support::location(&response);
    assert!(
        target.path().ends_with("/eidas"),
        "idp_hint=8aa849db-8402-4f2e-bad9-7471dd21ff94 skips the chooser and lands on the country list"
    );
    let countries = browser.follow(response).await;
    assert!(countries.contains("<html lang=\"en\">"));
    for code in ["DE", "IT", "ES", "BE"] {
        assert!(countries.contains(&format!("id=\"country-{code}\"")));
    }
    assert!(
        countries.contains("Germany"),
        "country names follow ui_locales"
    );

    let response = browser.click(&countries, "country-DE").await;
    let html = response.text().await.expect("HTML");
    assert!(
        html.contains("id=\"idp-cancel-link\"") && !html.contains("id=\"cancel-link\""),
        "a country's page fails back to FC+'s chooser, it has no link to the service"
    );
    let response = browser.click(&html, "identity-erika").await;
    let consent = browser.follow(response).await;
    assert!(
        consent.contains("Berlin"),
        "the consent page lists the data shared"
    );
    let response = browser.click(&consent, "consent-button").await;
    let callback = crate::support::location(&response);
    let code = param(&callback, "code").expect("a code");

    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let inner = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    let claims = verify(&sandbox, &inner).await;
    assert_eq!(
        claims.claim("amr"),
        Some(&json!(["eidas"])),
        "amr containing eidas is how the app tells a European identity"
    );

    let response = userinfo(&sandbox, tokens["access_token"].as_str().expect("token")).await;
    assert_eq!(response.headers()["content-type"], "application/jwt");
    let body = response.text().await.expect("body");
    let info = verify(&sandbox, &client.decrypt(&body)).await;
    let info = info.claims_set();
    assert_eq!(info["given_name"], "Erika");
    assert_eq!(info["family_name"], "Mustermann");
    assert_eq!(info["preferred_username"], "Mustermann");
    assert_eq!(info["birthdate"], "1964-08-12");
    assert_eq!(
        info["birthplace"], "Berlin",
        "eIDAS birthplace is free text"
    );
    assert!(
        info.get("birthcountry").is_none() && info.get("email").is_none(),
        "eIDAS never provides birthcountry or email, even when the scopes ask"
    );
}

#[tokio::test]
async fn accents_survive_the_whole_path() {
    let client = TestClient::ecdh_es("accents");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(
        &sandbox,
        &client,
        &[("idp_hint", "8aa849db-8402-4f2e-bad9-7471dd21ff94")],
    );
    let callback = sign_in(&browser, &url, &["country-ES"], "maria").await;
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let body = userinfo(&sandbox, tokens["access_token"].as_str().expect("token"))
        .await
        .text()
        .await
        .expect("body");
    let info = verify(&sandbox, &client.decrypt(&body)).await;
    assert_eq!(info.claim("given_name"), Some(&json!("María")));
    assert_eq!(
        info.claim("family_name"),
        Some(&json!("García López")),
        "names keep their accents and spaces"
    );
}
