//! An FC+ sandbox run by the test itself (so the test can see its sessions) with a client
//! registered like a real integration client, and the configuration file pointing at it.

use std::path::PathBuf;

use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use sandbox::{ClientRegistration, Sandbox, SandboxConfig, TestIdentity};
use serde_json::json;

use crate::support::browser::free_port;
use crate::support::cli::Machine;

pub const CLIENT_SECRET: &str = "fixture-client-secret";

pub struct Provider {
    pub sandbox: Sandbox,
    pub machine: Machine,
    pub config: PathBuf,
    /// The client as registered, to register again on a restarted sandbox.
    pub registration: ClientRegistration,
}

impl Provider {
    /// A sandbox with `extra_identities`, a client for `127.0.0.1:{free port}`, and a
    /// configuration file with `extra_config` appended (e.g. a `[browser]` section).
    pub async fn start(extra_identities: Vec<TestIdentity>, extra_config: &str) -> Self {
        let machine = Machine::new();
        let port = free_port();
        let mut key = Jwk::generate_ec_key(EcCurve::P256).unwrap();
        key.set_key_id("fixture-enc");
        key.set_key_use("enc");
        let mut public = key.to_public_key().unwrap();
        public.set_key_id("fixture-enc");
        let keys = machine.dir.path().join("keys.jwks.json");
        std::fs::write(&keys, json!({ "keys": [key.as_ref()] }).to_string()).unwrap();
        let sandbox = Sandbox::start(
            ([127, 0, 0, 1], 0).into(),
            SandboxConfig {
                extra_identities,
                ..SandboxConfig::default()
            },
        )
        .await
        .unwrap();
        let registration = ClientRegistration {
            post_logout_redirect_uris: vec![format!("http://127.0.0.1:{port}/logout-callback")],
            ..ClientRegistration::loopback(
                "fixture-client",
                CLIENT_SECRET,
                vec![format!("http://127.0.0.1:{port}/callback")],
                json!({ "keys": [public.as_ref()] }),
            )
        };
        sandbox.register_client(registration.clone());
        let config = machine.dir.path().join("guichet.toml");
        std::fs::write(
            &config,
            format!(
                "[provider]\n\
                 issuer = \"{issuer}\"\n\
                 client_id = \"fixture-client\"\n\
                 client_secret_env = \"GUICHET_FIXTURE_SECRET\"\n\
                 redirect_uri = \"http://127.0.0.1:{port}/callback\"\n\
                 post_logout_redirect_uri = \"http://127.0.0.1:{port}/logout-callback\"\n\
                 decryption_keys = \"{keys}\"\n\
                 eidas_idp_hint = \"8aa849db-8402-4f2e-bad9-7471dd21ff94\"\n\
                 {extra_config}\n",
                issuer = sandbox.issuer(),
                keys = keys.display(),
            ),
        )
        .unwrap();
        Self {
            sandbox,
            machine,
            config,
            registration,
        }
    }

    /// `guichet <args…> --config <file>` on this machine, without `--env`: the environment is
    /// the one the file's `[provider]` section is for (direct mode), as a user's file would.
    pub fn guichet(&self, args: &[&str]) -> tokio::process::Command {
        let mut command = self.machine.guichet();
        command
            .env("GUICHET_FIXTURE_SECRET", CLIENT_SECRET)
            .args(args)
            .arg("--config")
            .arg(&self.config);
        command
    }
}
