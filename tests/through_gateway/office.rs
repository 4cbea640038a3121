//! One public office in its production shape: the sandbox FC+ with its strict rules, the
//! gateway registered there as FC+ would register it (https redirect URIs, the identité pivot,
//! `amr`, eIDAS) and serving HTTPS itself with a certificate from a test CA made here, with
//! its *default* request configuration; and a kiosk machine that trusts that CA.

use std::path::{Path, PathBuf};

use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig, RunningGateway};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use serde_json::json;
use url::Url;

use crate::support::browser::free_port;
use crate::support::cli::Machine;

pub const KIOSK: &str = "kiosk-e2e";
const FC_CLIENT: &str = "gateway-e2e";
const SECRET: &str = "gateway-e2e-secret-0123456789";

pub const FC_CLIENT_ID: &str = FC_CLIENT;

pub struct Office {
    pub sandbox: Sandbox,
    /// Serves while the office lives (dropped, it stops).
    _gateway: RunningGateway,
    pub url: Url,
    pub machine: Machine,
    pub config: PathBuf,
    /// The test CA the kiosk trusts (`SSL_CERT_FILE`).
    pub ca: PathBuf,
    /// base64 SHA-256 of the gateway certificate's public key, for Chromium.
    pub spki: String,
}

fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .expect("openssl must be installed");
    assert!(output.status.success(), "openssl {args:?}");
    output.stdout
}

/// A test CA and a certificate for `127.0.0.1` (IP SAN) signed by it, in `dir`; returns the
/// base64 SHA-256 of the certificate's public key.
fn certificates(dir: &Path) -> String {
    let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    let run = |line: &str| openssl(dir, &line.split_whitespace().collect::<Vec<_>>());
    run(&format!(
        "req -x509 {ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=guichet-test-ca"
    ));
    run(&format!(
        "req {ec} -keyout key.pem -out leaf.csr -subj /CN=127.0.0.1"
    ));
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(
        "x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem -days 2 -extfile leaf.ext",
    );
    let spki = std::process::Command::new("sh")
        .args([
            "-c",
            "openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der \
             | openssl dgst -sha256 -binary | openssl base64 -A",
        ])
        .current_dir(dir)
        .output()
        .expect("sh and openssl");
    assert!(spki.status.success(), "the certificate's SPKI hash");
    String::from_utf8(spki.stdout).unwrap().trim().to_owned()
}

impl Office {
    /// `kiosk_provider` is appended to the kiosk's `[provider]` section.
    pub async fn start(kiosk_provider: &str) -> Self {
        Self::start_with(kiosk_provider, |_| {}).await
    }

    /// [`Office::start`] with the gateway's FC+ registration changed by `registration` (fewer
    /// scopes, no `amr`…), to see what staff read when the configuration and the
    /// registration disagree.
    pub async fn start_with(
        kiosk_provider: &str,
        registration: impl FnOnce(&mut ClientRegistration),
    ) -> Self {
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
        let spki = certificates(&dir);
        let port = free_port();
        let url = Url::parse(&format!("https://127.0.0.1:{port}")).unwrap();
        // Strict: FC+'s rules, no leniency (SandboxConfig::default enforces them all).
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
            .await
            .unwrap();
        // What the FC+ team registers for a Guichet gateway (docs/DEPLOYMENT.md §2): https
        // redirect URIs, the identité pivot + preferred_username, amr, eIDAS. No
        // `loopback_dev`: the strict https rule applies (an IP passes urlsRequireTld).
        let mut fc_registration = ClientRegistration {
            post_logout_redirect_uris: vec![format!("{url}fc/logged-out")],
            scopes: Some(
                fcplus::config::DEFAULT_SCOPES
                    .iter()
                    .map(|scope| (*scope).to_owned())
                    .collect(),
            ),
            loopback_dev: false,
            ..ClientRegistration::loopback(
                FC_CLIENT,
                SECRET,
                vec![format!("{url}fc/callback")],
                json!({ "keys": [public.as_ref()] }),
            )
        };
        registration(&mut fc_registration);
        sandbox.register_client(fc_registration);
        // The gateway's default request profile: no scopes, no request_amr written.
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"https://127.0.0.1:{port}\"\n\
             tls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n\
             [franceconnect]\nissuer = \"{issuer}\"\nclient_id = \"{FC_CLIENT}\"\n\
             client_secret_file = \"fc-secret\"\ndecryption_keys = \"encryption.jwks.json\"\n\
             eidas_idp_hint = \"8aa849db-8402-4f2e-bad9-7471dd21ff94\"\n\
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
                "[provider]\nissuer = \"https://127.0.0.1:{port}\"\nclient_id = \"{KIOSK}\"\n\
                 token_auth = \"none\"\nacr = \"eidas2\"\n{kiosk_provider}\n"
            ),
        )
        .unwrap();
        Self {
            sandbox,
            _gateway: gateway,
            url,
            machine,
            config,
            ca: dir.join("ca.pem"),
            spki,
        }
    }

    /// `guichet <args…> --env gateway --config <file>` on the kiosk, which trusts the
    /// office's CA (`SSL_CERT_FILE`, read by rustls-native-certs).
    pub fn guichet(&self, args: &[&str]) -> tokio::process::Command {
        let mut command = self.machine.guichet();
        command
            .env("SSL_CERT_FILE", &self.ca)
            .args(args)
            .args(["--env", "gateway", "--config"])
            .arg(&self.config);
        command
    }
}
