//! `guichet login --env gateway` and `guichet session end --env gateway` with a real Chromium.

use serde_json::Value;

use crate::support::browser::{Chromium, UrlInbox, free_port};
use crate::support::cli::{assert_no_tokens, finish, stderr, stdout};
use crate::through_gateway::office::Office;

/// Runs `login --json` with a Chromium that `guichet` starts, clicks `clicks`, returns the
/// command's output.
async fn login(office: &Office, extra: &[&str], clicks: &[&str]) -> std::process::Output {
    let chromium = Chromium::new().trusting(&office.spki);
    let mut args = vec!["login", "--json", "--timeout", "60"];
    args.extend_from_slice(extra);
    let command = chromium.command();
    args.extend_from_slice(&["--browser", &command]);
    let child = office.guichet(&args).spawn().unwrap();
    let driver = chromium.attach().await;
    for id in clicks {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    driver.close().await;
    finish(child).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn french_sign_in_through_the_gateway_on_any_loopback_port() {
    // No redirect_uri in the kiosk's configuration: any free port (RFC 8252).
    let office = Office::start("").await;
    let output = login(
        &office,
        &[],
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["given_name"], "Marie");
    assert_eq!(identity["family_name"], "Martin");
    assert_eq!(identity["origin"], "france");
    assert!(
        ["eidas2", "eidas3"].contains(&identity["acr"].as_str().unwrap_or_default()),
        "{identity}"
    );
    assert_no_tokens(&stderr(&output));
    office.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eidas_sign_in_through_the_gateway() {
    let office = Office::start("").await;
    let output = login(
        &office,
        &["--eidas", "--acr", "eidas3"],
        &["country-DE", "identity-erika", "consent-button"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["given_name"], "Erika");
    assert_eq!(identity["origin"], "eidas");
    assert_eq!(identity["amr"], serde_json::json!(["eidas"]));
    assert_eq!(identity["acr"], "eidas3");
    assert!(identity.get("birthcountry").is_none(), "{identity}");
    office.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_end_through_the_gateway_ends_the_fc_plus_session() {
    // `session end` binds the configured port again: it must be fixed.
    let port = free_port();
    let office = Office::start(&format!(
        "redirect_uri = \"http://127.0.0.1:{port}/callback\"\n\
         post_logout_redirect_uri = \"http://127.0.0.1:{port}/logout-callback\"\n"
    ))
    .await;
    let inbox = UrlInbox::new(office.machine.dir.path());
    let chromium = Chromium::new().trusting(&office.spki);
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let child = office
        .guichet(&[
            "login",
            "--json",
            "--timeout",
            "60",
            "--browser",
            &inbox.command(),
        ])
        .spawn()
        .unwrap();
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(office.sandbox.active_sessions(), 1, "FC+ keeps a session");

    let child = office
        .guichet(&[
            "session",
            "end",
            "--timeout",
            "30",
            "--browser",
            &inbox.command(),
        ])
        .spawn()
        .unwrap();
    let logout = inbox.next().await;
    assert!(
        logout.starts_with(office.url.as_str()),
        "the logout goes through the gateway: {logout}"
    );
    driver.goto(&logout).await;
    let landing = driver.text("message-en").await;
    assert!(landing.contains("signed out"), "{landing}");
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("signed out of FranceConnect+"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        office.sandbox.active_sessions(),
        0,
        "the gateway relayed the logout to FC+ with the FC+ ID token it kept"
    );
    driver.close().await;
    office.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_kiosk_is_stopped_at_the_gateway() {
    let office = Office::start("").await;
    std::fs::write(
        &office.config,
        format!(
            "[provider]\nissuer = \"{}\"\nclient_id = \"kiosk-stranger\"\ntoken_auth = \"none\"\n",
            office.url.as_str().trim_end_matches('/')
        ),
    )
    .unwrap();
    let chromium = Chromium::new().trusting(&office.spki);
    let command = chromium.command();
    let child = office
        .guichet(&["login", "--timeout", "6", "--browser", &command])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    assert_eq!(driver.text("error-code").await, "unknown_client");
    assert!(
        driver.url().await.starts_with(office.url.as_str()),
        "the browser never reaches FC+"
    );
    driver.close().await;
    let output = finish(child).await;
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    office.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_redirect_off_loopback_is_refused_by_the_kiosk_before_any_browser() {
    let office = Office::start("redirect_uri = \"http://localhost:51999/callback\"\n").await;
    let output = finish(
        office
            .guichet(&["login", "--browser", "false"])
            .spawn()
            .unwrap(),
    )
    .await;
    assert_eq!(output.status.code(), Some(7), "{}", stderr(&output));
    assert!(stderr(&output).contains("loopback"), "{}", stderr(&output));
    office.sandbox.shutdown().await;
}

/// The gateway's FC+ registration lacks `preferred_username` while the gateway asks its
/// default profile: FC+ redirects `invalid_scope`, and staff read what to reconcile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_narrower_than_the_scopes_asked_gives_a_clear_staff_message() {
    let office = Office::start_with("", |registration| {
        registration.scopes = Some(
            fcplus::config::DEFAULT_SCOPES
                .iter()
                .filter(|scope| **scope != "preferred_username")
                .map(|scope| (*scope).to_owned())
                .collect(),
        );
    })
    .await;
    let chromium = Chromium::new().trusting(&office.spki);
    let command = chromium.command();
    let child = office
        .guichet(&["login", "--timeout", "30", "--browser", &command])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    let landing = driver.text("message-en").await;
    assert!(!landing.is_empty());
    driver.close().await;
    let output = finish(child).await;
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(5), "{err}");
    assert!(err.contains("invalid_scope"), "{err}");
    assert!(
        err.contains("scopes") && err.contains("registration"),
        "says that the scopes and the registration must match: {err}"
    );
    office.sandbox.shutdown().await;
}

/// The registration does not grant `amr` while the gateway asks for it (its default): FC+
/// shows page Y100009 and never comes back; the kiosk's wait times out and says what it means.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amr_not_granted_shows_y100009_and_the_timeout_explains_it() {
    let office = Office::start_with("", |registration| registration.amr = false).await;
    let chromium = Chromium::new().trusting(&office.spki);
    let command = chromium.command();
    let child = office
        .guichet(&["login", "--timeout", "8", "--browser", &command])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    assert_eq!(driver.text("error-code").await, "Y100009");
    driver.close().await;
    let output = finish(child).await;
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(4), "{err}");
    assert!(
        err.contains("Y100009") && err.contains("request_amr"),
        "{err}"
    );
    office.sandbox.shutdown().await;
}

/// FC+ (here the sandbox, told to) answers a lower `acr` than asked: the gateway refuses the
/// identity, and the kiosk gets no one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acr_downgrade_is_refused_through_the_gateway() {
    let office = Office::start("").await;
    office.sandbox.set_scenario(
        crate::through_gateway::office::FC_CLIENT_ID,
        sandbox::Scenario::AcrLowerThanAsked,
    );
    let output = login(
        &office,
        &["--acr", "eidas3"],
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    let err = stderr(&output);
    assert!(!output.status.success(), "{err}");
    assert!(
        stdout(&output).is_empty(),
        "nobody is signed in: {}",
        stdout(&output)
    );
    assert!(!err.contains("Martin"), "{err}");
    office.sandbox.shutdown().await;
}
