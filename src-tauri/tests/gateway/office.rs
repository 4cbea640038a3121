//! One public office: the sandbox FC+, the gateway registered there as its confidential
//! client, and a kiosk machine whose configuration points at the gateway.

use std::path::PathBuf;

use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig, RunningGateway};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use serde_json::json;
use url::Url;

use crate::browser::free_port;
use crate::cli::Machine;

pub const KIOSK: &str = "kiosk-e2e";
const FC_CLIENT: &str = "gateway-e2e";
const SECRET: &str = "gateway-e2e-secret-0123456789";

pub struct Office {
    pub sandbox: Sandbox,
    pub gateway: RunningGateway,
    pub url: Url,
    pub machine: Machine,
    pub config: PathBuf,
}

impl Office {
    /// `kiosk_provider` is appended to the kiosk's `[provider]` section.
    pub async fn start(kiosk_provider: &str) -> Self {
        let machine = Machine::new();
        let dir = machine.dir.path().join("gateway");
        std::fs::create_dir_all(&dir).unwrap();
        let signing = SigningKeys::generate("sig-e2e", "sig").unwrap();
        let encryption = SigningKeys::generate("enc-e2e", "enc").unwrap();
        let mut public = encryption.to_public_key().unwrap();
        public.set_key_id("enc-e2e");
        public.set_key_use("enc");
        std::fs::write(
            dir.join("signing.jwks.json"),
            json!({ "keys": [signing.as_ref()] }).to_string(),
        )
        .unwrap();
        std::fs::write(
            dir.join("encryption.jwks.json"),
            json!({ "keys": [encryption.as_ref()] }).to_string(),
        )
        .unwrap();
        std::fs::write(dir.join("fc-secret"), SECRET).unwrap();
        let port = free_port();
        let url = Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
            .await
            .unwrap();
        sandbox.register_client(ClientRegistration {
            client_id: FC_CLIENT.into(),
            client_secret: Some(SECRET.into()),
            redirect_uris: vec![format!("{url}fc/callback")],
            post_logout_redirect_uris: vec![format!("{url}fc/logged-out")],
            jwks: json!({ "keys": [public.as_ref()] }),
            id_token_encrypted_response_alg: "ECDH-ES".into(),
            token_endpoint_auth_method: "client_secret_post".into(),
            eidas_enabled: true,
            scopes: None,
            amr: true,
            // A test client on an http loopback redirect: the sandbox's one leniency.
            loopback_dev: true,
        });
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n\
             [franceconnect]\nissuer = \"{issuer}\"\nclient_id = \"{FC_CLIENT}\"\n\
             client_secret_file = \"fc-secret\"\ndecryption_keys = \"encryption.jwks.json\"\n\
             eidas_idp_hint = \"eidas-bridge\"\n\
             [signing]\nkeys = \"signing.jwks.json\"\n\
             [[kiosk]]\nclient_id = \"{KIOSK}\"\n",
            issuer = sandbox.issuer(),
        );
        let raw = RawGatewayConfig::from_toml(&text, &dir.join("gateway.toml")).unwrap();
        let gateway = gateway::start(GatewayConfig::from_raw(raw, &dir).unwrap())
            .await
            .unwrap();
        let config = machine.dir.path().join("guichet.toml");
        std::fs::write(
            &config,
            format!(
                "[provider]\nissuer = \"http://127.0.0.1:{port}\"\nclient_id = \"{KIOSK}\"\n\
                 token_auth = \"none\"\nacr = \"eidas2\"\n{kiosk_provider}\n"
            ),
        )
        .unwrap();
        Self {
            sandbox,
            gateway,
            url,
            machine,
            config,
        }
    }

    /// `guichet <args…> --env gateway --config <file>` on the kiosk.
    pub fn guichet(&self, args: &[&str]) -> tokio::process::Command {
        let mut command = self.machine.guichet();
        command
            .args(args)
            .args(["--env", "gateway", "--config"])
            .arg(&self.config);
        command
    }
}
