//! `guichet-gateway check-config`, the real binary: what an administrator runs before
//! `systemctl start`, on the packaged example, on a service's credentials, on a broken file.

use std::path::{Path, PathBuf};
use std::process::Output;

use url::Url;

use crate::support::{FC_CLIENT, Files, KIOSK, SECRET};

const FC_PLUS: &str = "https://auth.integ01.dev-franceconnect.fr/api/v2";

fn gateway(args: &[&str], credentials: Option<&Path>) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_guichet-gateway"));
    command.args(args).env_remove("CREDENTIALS_DIRECTORY");
    if let Some(dir) = credentials {
        command.env("CREDENTIALS_DIRECTORY", dir);
    }
    command.output().expect("guichet-gateway runs")
}

fn check(config: &Path, credentials: Option<&Path>) -> Output {
    gateway(
        &["check-config", "--config", config.to_str().unwrap()],
        credentials,
    )
}

/// A gateway at `https://guichet.mairie-exemple.fr` registered at FC+'s integration, with
/// `files`' keys and secret.
fn office_config(files: &Files) -> PathBuf {
    let url = Url::parse("https://guichet.mairie-exemple.fr").unwrap();
    files.config(8443, &url, &Url::parse(FC_PLUS).unwrap(), "")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_config_prints_what_the_gateway_runs_with_and_never_the_secret() {
    let files = Files::new();
    let config = office_config(&files);
    let output = check(&config, None);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    for expected in [
        "is valid",
        FC_CLIENT,
        KIOSK,
        "sig-test",
        "https://guichet.mairie-exemple.fr/fc/callback",
        "in memory",
    ] {
        assert!(stdout.contains(expected), "{expected} in: {stdout}");
    }
    assert!(!stdout.contains(SECRET) && !text(&output.stderr).contains(SECRET));
}

/// systemd's `LoadCredential=` copies root-only files where the dynamic user can read them;
/// the same configuration reads them there in the service and next to itself for an admin.
#[test]
fn the_service_s_credentials_are_read_before_the_configuration_s_folder() {
    let files = Files::new();
    let credentials = tempfile::tempdir().unwrap();
    for name in ["fc-secret", "signing.jwks.json"] {
        std::fs::rename(files.path(name), credentials.path().join(name)).unwrap();
    }
    let config = office_config(&files);

    let without = check(&config, None);
    assert_eq!(without.status.code(), Some(2));
    let said = text(&without.stderr);
    assert!(said.contains("fc-secret"), "names the missing file: {said}");

    let with = check(&config, Some(credentials.path()));
    assert_eq!(with.status.code(), Some(0), "{}", text(&with.stderr));
}

#[test]
fn a_broken_key_file_is_refused_with_its_name() {
    let files = Files::new();
    std::fs::write(files.path("signing.jwks.json"), "{ not json").unwrap();
    let config = office_config(&files);
    let output = check(&config, None);
    assert_eq!(output.status.code(), Some(2));
    let said = text(&output.stderr);
    assert!(said.contains("signing.jwks.json"), "{said}");
    assert_eq!(
        said.lines().count(),
        1,
        "one line saying what to fix: {said}"
    );
}

/// The package's /etc/guichet-gateway/gateway.toml, with the files its postinst makes
/// (`keygen` twice, a stand-in secret): valid as shipped.
#[test]
fn the_packaged_example_is_valid_once_postinst_made_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packaging/gateway/gateway.toml"
    );
    let config = dir.path().join("gateway.toml");
    std::fs::copy(example, &config).unwrap();
    for (key_use, file) in [
        ("enc", "encryption.jwks.json"),
        ("sig", "signing.jwks.json"),
    ] {
        let out = dir.path().join(file);
        let made = gateway(
            &["keygen", "--use", key_use, "--out", out.to_str().unwrap()],
            None,
        );
        assert!(made.status.success(), "{}", text(&made.stderr));
    }
    std::fs::write(dir.path().join("fc-client-secret"), "stand-in\n").unwrap();
    let output = check(&config, None);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(stdout.contains("accueil-1"), "{stdout}");
    assert!(stdout.contains(FC_PLUS), "{stdout}");
}
