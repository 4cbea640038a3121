//! Direct mode (`--env direct`, or a file whose `[provider]` section is a confidential client)
//! against `guichet sandbox` running as its own process: fixed port, secret from the
//! environment, decryption keys from a file, discovery cached for offline starts. FC+ itself
//! cannot be reached this way (it refuses loopback redirects); the sandbox accepts them for
//! a client registered `loopback_dev`.

use std::path::Path;
use std::time::Duration;

use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use serde_json::json;

use crate::support::browser::{Chromium, free_port};
use crate::support::cli::{assert_no_tokens, finish, guichet, stderr, stdout};

struct Registration {
    dir: tempfile::TempDir,
    sandbox: tokio::process::Child,
    sandbox_port: u16,
}

/// Writes the key files and a clients file, and starts `guichet sandbox` on them.
async fn register(secret: &str) -> Registration {
    let dir = tempfile::tempdir().unwrap();
    let callback_port = free_port();
    let sandbox_port = free_port();
    let mut key = Jwk::generate_ec_key(EcCurve::P256).unwrap();
    key.set_key_id("integration-enc");
    key.set_key_use("enc");
    let mut public = key.to_public_key().unwrap();
    public.set_key_id("integration-enc");
    std::fs::write(
        dir.path().join("keys.jwks.json"),
        json!({ "keys": [key.as_ref()] }).to_string(),
    )
    .unwrap();
    let public_keys = vec![serde_json::Value::Object(public.as_ref().clone())];
    let mut client = json!({
        "client_id": "integration-client",
        "redirect_uris": [format!("http://127.0.0.1:{callback_port}/callback")],
        "post_logout_redirect_uris": [format!("http://127.0.0.1:{callback_port}/logout-callback")],
        "id_token_encrypted_response_alg": "ECDH-ES",
        // Direct mode needs a provider that accepts loopback redirects: FC+ does not, the
        // sandbox does only for a client registered so (its one leniency).
        "loopback_dev": true,
    });
    client["client_secret"] = json!(secret);
    client["jwks"] = json!({ "keys": public_keys });
    let clients = json!({ "client": [client] });
    std::fs::write(
        dir.path().join("clients.toml"),
        toml::to_string(&clients).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("guichet.toml"),
        format!(
            "[provider]\n\
             issuer = \"http://127.0.0.1:{sandbox_port}/api/v2\"\n\
             client_id = \"integration-client\"\n\
             client_secret_env = \"GUICHET_TEST_CLIENT_SECRET\"\n\
             redirect_uri = \"http://127.0.0.1:{callback_port}/callback\"\n\
             post_logout_redirect_uri = \"http://127.0.0.1:{callback_port}/logout-callback\"\n\
             decryption_keys = \"keys.jwks.json\"\n\
             acr = \"eidas2\"\n\
             eidas_idp_hint = \"8aa849db-8402-4f2e-bad9-7471dd21ff94\"\n"
        ),
    )
    .unwrap();
    let sandbox = guichet()
        .args(["sandbox", "--port", &sandbox_port.to_string(), "--clients"])
        .arg(dir.path().join("clients.toml"))
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", sandbox_port))
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "guichet sandbox did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Registration {
        dir,
        sandbox,
        sandbox_port,
    }
}

async fn login(
    registration: &Registration,
    client_secret: &str,
    clicks: &[&str],
) -> std::process::Output {
    let chromium = Chromium::new();
    let config = registration.dir.path().join("guichet.toml");
    let child = guichet()
        .env("GUICHET_TEST_CLIENT_SECRET", client_secret)
        .env("GUICHET_CACHE_DIR", registration.dir.path().join("cache"))
        .env("GUICHET_DATA_DIR", registration.dir.path().join("data"))
        .args([
            "login",
            "--env",
            "direct",
            "--json",
            "--timeout",
            "60",
            "--config",
        ])
        .arg(&config)
        .args(["--browser", &chromium.command()])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    for id in clicks {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    driver.close().await;
    finish(child).await
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_configured_client_signs_in_and_caches_only_public_documents() {
    let registration = register("integration-secret").await;
    let output = login(
        &registration,
        "integration-secret",
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["family_name"], "Martin");
    assert_eq!(
        identity["acr"], "eidas3",
        "eidas2 is asked (the configured level); fip1 is certified high, and FC+ returns the identity provider's level when it is higher than asked"
    );
    assert_no_tokens(&stderr(&output));

    let cached = files_under(&registration.dir.path().join("cache"));
    assert_eq!(
        cached.len(),
        2,
        "discovery and JWKS are cached for offline starts: {cached:?}"
    );
    for file in cached {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("Martin") && !text.contains("eyJ"),
            "{file:?} holds personal data or a token"
        );
        assert!(!text.contains("\"d\""), "{file:?} holds a private key");
    }
}

#[tokio::test]
async fn a_wrong_client_secret_is_refused_with_a_clear_error() {
    let registration = register("the-registered-secret").await;
    let output = login(
        &registration,
        "not-the-secret",
        &["idp-fip2", "identity-jean", "consent-button"],
    )
    .await;
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("invalid_client"), "{err}");
    assert!(
        err.contains("client id and secret"),
        "the message says what to check: {err}"
    );
    assert!(
        !err.contains("not-the-secret"),
        "the secret must never be printed: {err}"
    );
    assert!(stdout(&output).is_empty());
}

#[tokio::test]
async fn a_missing_secret_variable_is_named_in_the_error() {
    let registration = register("x").await;
    let output = guichet()
        .env_remove("GUICHET_TEST_CLIENT_SECRET")
        .args(["login", "--env", "direct", "--config"])
        .arg(registration.dir.path().join("guichet.toml"))
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(7));
    assert!(
        stderr(&output).contains("GUICHET_TEST_CLIENT_SECRET"),
        "{}",
        stderr(&output)
    );
    drop(registration.sandbox);
}

/// A configuration written for `private_key_jwt` (which FC+ lists and refuses) stops at start
/// with the method to use, before any browser opens.
#[tokio::test]
async fn a_private_key_jwt_configuration_is_refused_at_start_naming_client_secret_post() {
    let registration = register("x").await;
    let config = registration.dir.path().join("guichet.toml");
    let text = std::fs::read_to_string(&config).unwrap().replace(
        "client_secret_env = \"GUICHET_TEST_CLIENT_SECRET\"\n",
        "token_auth = \"private_key_jwt\"\nclient_signing_key = \"client-signing.jwk.json\"\n",
    );
    std::fs::write(&config, text).unwrap();
    let output = guichet()
        .env("GUICHET_DATA_DIR", registration.dir.path().join("data"))
        .args(["login", "--env", "direct", "--browser", "false", "--config"])
        .arg(&config)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(7), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("client_secret_post"), "{err}");
    assert!(err.contains("invalid_client"), "says why: {err}");
    drop(registration.sandbox);
}

/// `--env integration`, the earlier name of direct mode, is refused with what to use instead.
#[tokio::test]
async fn the_old_integration_environment_is_refused_with_a_migration_message() {
    let output = guichet()
        .args(["session", "show", "--env", "integration"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("renamed `direct`"), "{err}");
    assert!(
        err.contains("--env gateway"),
        "points to the one way to FC+: {err}"
    );
}

/// `login --config FILE` without `--env` signs in at the provider the file names (here the
/// separately run sandbox), never at the embedded one; `--env sandbox` with that file is
/// refused.
#[tokio::test]
async fn without_env_the_file_s_provider_is_used_and_the_sandbox_is_never_substituted() {
    let registration = register("file-secret").await;
    let config = registration.dir.path().join("guichet.toml");
    let refused = guichet()
        .env("GUICHET_TEST_CLIENT_SECRET", "file-secret")
        .env("GUICHET_DATA_DIR", registration.dir.path().join("data"))
        .args([
            "login",
            "--env",
            "sandbox",
            "--browser",
            "false",
            "--config",
        ])
        .arg(&config)
        .output()
        .await
        .unwrap();
    assert_eq!(refused.status.code(), Some(7), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("remove --env"),
        "{}",
        stderr(&refused)
    );

    let chromium = Chromium::new();
    let child = guichet()
        .env("GUICHET_TEST_CLIENT_SECRET", "file-secret")
        .env("GUICHET_CACHE_DIR", registration.dir.path().join("cache"))
        .env("GUICHET_DATA_DIR", registration.dir.path().join("data"))
        .args(["login", "--json", "--timeout", "60", "--config"])
        .arg(&config)
        .args(["--browser", &chromium.command()])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    driver.text("idp-fip1").await; // the chooser is shown
    let page = driver.url().await;
    assert!(
        page.contains(&format!("127.0.0.1:{}", registration.sandbox_port)),
        "the browser went to the file's provider, not an embedded sandbox: {page}"
    );
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    driver.close().await;
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["family_name"], "Martin");
}
