//! Whole sign-ins through the gateway and the sandbox FC+: French and eIDAS, as a scripted
//! kiosk and through `fcplus`'s gateway profile, and the logout relayed to FC+.

use crate::browser::Expect as _;
use std::sync::Arc;
use std::time::Duration;

use fcplus::config::{DEFAULT_SCOPES, DEFAULT_SESSION_LIFETIME};
use fcplus::{
    Acr, CancelHandle, LoopbackListener, Origin, ProviderConfig, Redirect, RelyingParty,
    RelyingPartyOptions, SignInRequest, State, TokenAuth,
};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use url::Url;

use crate::browser::{Browser, Landing};
use crate::support::{
    EIDAS, FC_EIDAS_HINT, FRENCH, KIOSK, Kiosk, Setup, query, token, verify_id_token,
};

#[tokio::test]
async fn french_sign_in_gives_an_es256_id_token_with_the_verified_claims() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let back = kiosk
        .browser()
        .sign_in(kiosk.authorize_url(&setup.url, &[]), FRENCH)
        .await
        .kiosk();
    let params = query(&back);
    assert_eq!(params["state"], kiosk.state, "the kiosk's state comes back");
    assert_eq!(
        params["iss"],
        setup.url.as_str().trim_end_matches('/'),
        "RFC 9207: the gateway names itself"
    );
    let (status, body) = token(&setup.url, &kiosk, &params["code"], Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    let id_token = body["id_token"].as_str().expect("an ID token");
    assert_eq!(
        id_token.split('.').count(),
        3,
        "a plain signed JWT for kiosks, not a JWE"
    );
    let claims = verify_id_token(&setup.url, id_token).await;
    assert_eq!(claims["iss"], setup.url.as_str().trim_end_matches('/'));
    assert_eq!(claims["aud"], KIOSK);
    assert_eq!(claims["nonce"], kiosk.nonce.as_str(), "the kiosk's nonce");
    assert_eq!(claims["given_name"], "Marie", "FC+'s verified claims");
    assert_eq!(claims["family_name"], "Martin");
    assert_eq!(claims["origin"], "france");
    // FC+'s INSEE codes, as FC+ sent them: naming them is the kiosk's business.
    assert_eq!(claims["birthplace"], "75107");
    assert_eq!(claims["birthcountry"], "99100");
    assert!(claims.get("birthplace_name").is_none(), "{claims:?}");
    assert!(
        claims["amr"]
            .as_array()
            .expect("amr")
            .iter()
            .any(|m| m == "fc"),
        "{claims:?}"
    );
    assert!(
        ["eidas2", "eidas3"].contains(&claims["acr"].as_str().unwrap_or_default()),
        "{claims:?}"
    );
    assert!(claims["exp"].as_i64() > claims["iat"].as_i64());
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn eidas_sign_in_carries_the_eidas_origin() {
    let setup = Setup::start("").await;
    let body = crate::support::sign_in(
        &setup.url,
        EIDAS,
        &[
            ("idp_hint", Some("eidas")),
            ("ui_locales", Some("en")),
            ("acr_values", Some("eidas3")),
        ],
    )
    .await;
    let claims = verify_id_token(&setup.url, body["id_token"].as_str().expect("id_token")).await;
    assert_eq!(claims["origin"], "eidas");
    assert_eq!(claims["amr"], serde_json::json!(["eidas"]));
    assert_eq!(claims["given_name"], "Erika");
    assert_eq!(
        claims["acr"], "eidas3",
        "the level asked is the level verified"
    );
    assert!(
        claims.get("birthcountry").is_none(),
        "eIDAS identities have no birthcountry: absent, not empty"
    );
    setup.sandbox.shutdown().await;
}

#[tokio::test]
async fn authorize_passes_level_eidas_choice_and_language_to_fc_plus() {
    let setup = Setup::start("").await;
    let kiosk = Kiosk::new();
    let http = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client");
    let url = kiosk.authorize_url(
        &setup.url,
        &[
            ("idp_hint", Some("eidas")),
            ("ui_locales", Some("de")),
            ("acr_values", Some("eidas3")),
        ],
    );
    let response = http.get(url).send().await.expect("authorize");
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = Url::parse(
        response.headers()["location"]
            .to_str()
            .expect("Location is text"),
    )
    .expect("Location is a URL");
    assert!(
        location
            .as_str()
            .starts_with(setup.sandbox.issuer().as_str())
    );
    let fc = query(&location);
    assert_eq!(fc["acr_values"], "eidas3");
    assert_eq!(
        fc["idp_hint"], FC_EIDAS_HINT,
        "the kiosk's eIDAS choice becomes FC+'s own bridge id"
    );
    assert_eq!(fc["ui_locales"], "de");
    assert!(
        !fc.contains_key("code_challenge"),
        "PKCE is between kiosk and gateway: FC+ refuses it"
    );
    assert_ne!(
        fc["state"], kiosk.state,
        "the gateway's own state toward FC+"
    );
    assert_ne!(
        fc["nonce"], kiosk.nonce,
        "the gateway's own nonce toward FC+"
    );
    setup.sandbox.shutdown().await;
}

/// The kiosk's side as the app runs it: `fcplus` in the gateway profile.
fn kiosk_profile(gateway: &Url, listener: &LoopbackListener) -> ProviderConfig {
    ProviderConfig {
        issuer: gateway.clone(),
        client_id: KIOSK.into(),
        token_auth: TokenAuth::PublicClient,
        redirect_uri: listener.url_for("/callback"),
        post_logout_redirect_uri: Some(listener.url_for("/logout-callback")),
        decryption_keys: None,
        scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
        request_amr: true,
        acr: Acr::Eidas2,
        eidas_idp_hint: Some("eidas".into()),
        session_lifetime: DEFAULT_SESSION_LIFETIME,
    }
}

#[tokio::test]
async fn fcplus_gateway_profile_signs_in_and_logs_out_at_fc_plus() {
    let setup = Setup::start("").await;
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .expect("listener");
    let rp = RelyingParty::discover(
        kiosk_profile(&setup.url, &listener),
        RelyingPartyOptions::default(),
    )
    .await
    .expect("gateway discovery");
    // Follows everything, the loopback redirect included, like a real browser.
    let browser = Arc::new(Browser::new("never:"));
    let driver = Arc::clone(&browser);
    let verified = fcplus::sign_in(
        &rp,
        &listener,
        SignInRequest::default(),
        move |url: &Url| {
            let url = url.clone();
            tokio::spawn(async move { driver.sign_in(url, FRENCH).await });
            Ok(())
        },
        Duration::from_secs(30),
        &CancelHandle::new(),
    )
    .await
    .expect("a verified sign-in through the gateway");
    assert_eq!(verified.identity.origin, Origin::France);
    assert_eq!(
        verified
            .identity
            .identity
            .given_name
            .as_ref()
            .map(|n| n.expose().as_str()),
        Some("Marie")
    );
    assert_eq!(
        setup.sandbox.active_sessions(),
        1,
        "the browser's FC+ session"
    );

    let state = State::random();
    let logout = rp
        .logout_url(&verified.id_token, &state)
        .expect("the gateway has an end_session_endpoint");
    let expected = rp.expected_logout(&state).expect("a post-logout URI");
    let cancel = CancelHandle::new();
    let wait = listener.wait(expected, Duration::from_secs(20), &cancel);
    let walk = browser.navigate(reqwest::Method::GET, logout);
    let (waited, landing) = tokio::join!(wait, walk);
    assert!(
        matches!(waited, Ok(Redirect::LoggedOut)),
        "the browser comes back to the kiosk after FC+'s logout: {waited:?}"
    );
    assert!(matches!(landing, Landing::Page(_)));
    assert_eq!(
        setup.sandbox.active_sessions(),
        0,
        "the gateway relayed the logout with the FC+ ID token it kept"
    );
    setup.sandbox.shutdown().await;
}
