//! The gateway's logs, at `debug`, through a whole sign-in of an identity made of unique
//! strings, a refused token request, and a logout: JSON lines with event names, never a
//! name, a date, a code, a state, a verifier, a token or the FC+ secret.

use crate::browser::Expect as _;
use reqwest::StatusCode;
use sandbox::{IdentityOrigin, TestIdentity};
use serde_json::{Map, Value};

use crate::processes::Replica;
use crate::support::{Files, Kiosk, SECRET, free_port, query, sandbox, token};

fn canary() -> TestIdentity {
    let mut claims = Map::new();
    for (claim, value) in [
        ("given_name", "Canarygivenname"),
        ("family_name", "Canaryfamilyname"),
        ("preferred_username", "Canaryusagename"),
        ("birthdate", "1911-11-11"),
        ("gender", "female"),
        ("birthplace", "75056"),
        ("birthcountry", "99100"),
        ("email", "canary@example.org"),
    ] {
        claims.insert(claim.into(), value.into());
    }
    TestIdentity {
        login: "canarylogin".into(),
        origin: IdentityOrigin::France {
            idp_id: "fip1".into(),
        },
        claims,
        amr: vec!["fc".into(), "pwd".into()],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_carry_events_and_never_personal_data_or_secrets() {
    let files = Files::new();
    let port = free_port();
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}")).expect("URL");
    let sandbox = sandbox(&files, &url, vec![canary()]).await;
    let config = files.config(port, &url, &sandbox.issuer(), "");
    let mut replica = Replica::start(&config, port, files.path("gateway.log"), "debug").await;
    let clicks = ["idp-fip1", "identity-canarylogin", "consent-button"];

    // A refused token request with a wrong verifier…
    let refused = Kiosk::new();
    let back = refused
        .browser()
        .sign_in(refused.authorize_url(&url, &[]), &clicks)
        .await
        .kiosk();
    let refused_code = query(&back)["code"].clone();
    let wrong_verifier = format!("canaryverifier{}", "x".repeat(40));
    let (status, _) = token(&url, &refused, &refused_code, Some(&wrong_verifier)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // …then a whole sign-in and a logout relayed to FC+.
    let kiosk = Kiosk::new();
    let browser = kiosk.browser();
    let back = browser
        .sign_in(kiosk.authorize_url(&url, &[]), &clicks)
        .await
        .kiosk();
    let code = query(&back)["code"].clone();
    let (status, body) = token(&url, &kiosk, &code, Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id_token = body["id_token"].as_str().expect("id_token").to_owned();
    let access_token = body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned();
    let mut logout = url.join("/session/end").expect("URL");
    logout.query_pairs_mut().extend_pairs([
        ("id_token_hint", id_token.as_str()),
        ("state", kiosk.state.as_str()),
        ("post_logout_redirect_uri", kiosk.redirect_uri.as_str()),
    ]);
    let sessions = sandbox.active_sessions();
    let back = browser.navigate(reqwest::Method::GET, logout).await.kiosk();
    assert_eq!(query(&back)["state"], kiosk.state, "the logout came back");
    assert_eq!(
        sandbox.active_sessions(),
        sessions - 1,
        "this browser's FC+ session is ended"
    );
    replica.kill().await;

    let logs = replica.logs();
    for event in [
        "authorize_accepted",
        "sign_in_verified",
        "token_refused",
        "token_issued",
        "logout_relayed",
        "logout_completed",
        "http_request",
    ] {
        assert!(
            logs.contains(&format!("\"event\":\"{event}\"")),
            "the log must record {event} (else this test proves nothing):\n{logs}"
        );
    }
    for line in logs.lines().filter(|l| !l.is_empty()) {
        assert!(
            serde_json::from_str::<Value>(line).is_ok(),
            "every log line is JSON: {line}"
        );
    }
    for canary in [
        "Canarygivenname",
        "Canaryfamilyname",
        "Canaryusagename",
        "1911-11-11",
        "canary@example.org",
        "canarylogin",
        "canaryverifier",
        SECRET,
        &refused_code,
        &code,
        &kiosk.state,
        &kiosk.nonce,
        &kiosk.verifier,
        &refused.state,
        &access_token,
        &id_token[..40],
        "eyJ",
    ] {
        assert!(
            !logs.contains(canary),
            "logs must never carry {canary:?}:\n{logs}"
        );
    }
    sandbox.shutdown().await;
}
