//! Load benchmark (not a test): whole sign-ins per second through the gateway and the latency
//! of `/token`, at rising concurrency, on loopback: one replica (memory, then Redis) and two
//! replicas sharing Redis (each request goes to the next replica, as a round-robin load
//! balancer would send it). Everything runs on this machine: the sandbox FC+ (which encrypts
//! and signs like FC+), the gateway(s), Redis and the kiosks' scripted browsers.
//!
//! ```sh
//! CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 \
//!   cargo bench -p gateway --bench load -- --seconds 5
//! ```
//! The figures are in docs/PERFORMANCE.md.

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fcplus::sensitive::{pkce_s256_challenge, random_token};
use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig, RunningGateway};
use reqwest::{Method, StatusCode};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use serde_json::json;
use url::Url;

const KIOSK: &str = "kiosk-bench";
const FC_CLIENT: &str = "gateway-bench";
const SECRET: &str = "gateway-bench-secret-0123456789";
const LEVELS: &[usize] = &[1, 4, 16, 64];

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One office: a sandbox and `replicas` gateways known to FC+ and kiosks as `public`.
struct Office {
    sandbox: Sandbox,
    gateways: Vec<RunningGateway>,
    public: Url,
    next: AtomicUsize,
    _dir: tempfile::TempDir,
}

impl Office {
    async fn start(replicas: usize, redis: Option<&str>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let signing = SigningKeys::generate("sig-bench", "sig").expect("key");
        let encryption = SigningKeys::generate("enc-bench", "enc").expect("key");
        let mut public_key = encryption.to_public_key().expect("public");
        public_key.set_key_id("enc-bench");
        public_key.set_key_use("enc");
        let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text);
        write(
            "signing.jwks.json",
            json!({ "keys": [signing.as_ref()] }).to_string(),
        )
        .expect("write");
        write(
            "encryption.jwks.json",
            json!({ "keys": [encryption.as_ref()] }).to_string(),
        )
        .expect("write");
        write("fc-secret", SECRET.into()).expect("write");
        // With one replica it is the public address; with two, the address of a balancer
        // that the bench plays itself (see `route`).
        let ports: Vec<u16> = (0..replicas).map(|_| free_port()).collect();
        let public_port = if replicas == 1 { ports[0] } else { free_port() };
        let public = Url::parse(&format!("http://127.0.0.1:{public_port}")).expect("URL");
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
            .await
            .expect("sandbox");
        sandbox.register_client(ClientRegistration {
            client_id: FC_CLIENT.into(),
            client_secret: Some(SECRET.into()),
            redirect_uris: vec![format!("{public}fc/callback")],
            post_logout_redirect_uris: vec![format!("{public}fc/logged-out")],
            jwks: json!({ "keys": [public_key.as_ref()] }),
            id_token_encrypted_response_alg: "ECDH-ES".into(),
            token_endpoint_auth_method: "client_secret_post".into(),
            eidas_enabled: true,
        });
        let store = redis
            .map(|url| format!("[store]\nredis_url = \"{url}\"\n"))
            .unwrap_or_default();
        let mut gateways = Vec::new();
        for port in ports {
            let text = format!(
                "[server]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{public_port}\"\n\
                 [franceconnect]\nissuer = \"{issuer}\"\nclient_id = \"{FC_CLIENT}\"\n\
                 client_secret_file = \"fc-secret\"\ndecryption_keys = \"encryption.jwks.json\"\n\
                 [signing]\nkeys = \"signing.jwks.json\"\n{store}\
                 [limits]\nauthorize_per_minute = 100000000\ntoken_per_minute = 100000000\n\
                 [[kiosk]]\nclient_id = \"{KIOSK}\"\n",
                issuer = sandbox.issuer(),
            );
            let path = dir.path().join(format!("gateway-{port}.toml"));
            let raw = RawGatewayConfig::from_toml(&text, &path).expect("config");
            let config = GatewayConfig::from_raw(raw, dir.path()).expect("config");
            gateways.push(gateway::start(config).await.expect("gateway starts"));
        }
        Self {
            sandbox,
            gateways,
            public,
            next: AtomicUsize::new(0),
            _dir: dir,
        }
    }

    /// Requests to the public address go to the next replica, round robin.
    fn route(&self, url: &Url) -> Url {
        if url.port() != self.public.port() {
            return url.clone();
        }
        let replica = self.next.fetch_add(1, Ordering::Relaxed) % self.gateways.len();
        let mut routed = url.clone();
        let _ = routed.set_port(Some(self.gateways[replica].local_addr().port()));
        routed
    }

    async fn stop(self) {
        for gateway in self.gateways {
            gateway.shutdown().await;
        }
        self.sandbox.shutdown().await;
    }
}

/// One whole sign-in; returns the time `/token` took.
async fn sign_in(office: &Office, http: &reqwest::Client) -> Result<Duration, String> {
    let verifier = random_token();
    let redirect_uri = format!("http://127.0.0.1:{}/callback", 40000);
    let mut url = office
        .public
        .join("/authorize")
        .map_err(|e| e.to_string())?;
    url.query_pairs_mut().extend_pairs([
        ("response_type", "code"),
        ("client_id", KIOSK),
        ("redirect_uri", redirect_uri.as_str()),
        ("scope", "openid given_name family_name birthdate"),
        ("state", &random_token()),
        ("nonce", &random_token()),
        ("code_challenge", &pkce_s256_challenge(&verifier)),
        ("code_challenge_method", "S256"),
        ("acr_values", "eidas2"),
    ]);
    let mut page = navigate(office, http, Method::GET, url, &redirect_uri).await?;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        let Landing::Page(at, html) = page else {
            return Err(format!("no page before #{id}"));
        };
        let (method, target) = find(&html, id).ok_or_else(|| format!("no #{id}"))?;
        let next = at.join(&target).map_err(|e| e.to_string())?;
        page = navigate(office, http, method, next, &redirect_uri).await?;
    }
    let Landing::Kiosk(back) = page else {
        return Err("no redirect to the kiosk".into());
    };
    let code = back
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .ok_or("no code")?;
    let token_url = office.route(&office.public.join("/token").map_err(|e| e.to_string())?);
    let started = Instant::now();
    let response = http
        .post(token_url)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", KIOSK),
            ("code_verifier", verifier.as_str()),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let _ = response.bytes().await;
    let took = started.elapsed();
    if status != StatusCode::OK {
        return Err(format!("/token answered {status}"));
    }
    Ok(took)
}

enum Landing {
    Page(Url, String),
    Kiosk(Url),
}

async fn navigate(
    office: &Office,
    http: &reqwest::Client,
    mut method: Method,
    mut url: Url,
    stop: &str,
) -> Result<Landing, String> {
    for _ in 0..10 {
        if url.as_str().starts_with(stop) {
            return Ok(Landing::Kiosk(url));
        }
        let response = http
            .request(method.clone(), office.route(&url))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or("redirect without Location")?;
            url = url.join(location).map_err(|e| e.to_string())?;
            method = Method::GET;
            continue;
        }
        let html = response.text().await.map_err(|e| e.to_string())?;
        if status != StatusCode::OK {
            return Err(format!("HTTP {status} at {}", url.path()));
        }
        return Ok(Landing::Page(url, html));
    }
    Err("too many redirects".into())
}

fn find(html: &str, id: &str) -> Option<(Method, String)> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    if tag.starts_with("<a ") {
        return Some((Method::GET, attribute(tag, "href")?));
    }
    let form_start = html[..at].rfind("<form")?;
    let form = &html[form_start..form_start + html[form_start..].find('>')?];
    let method = if attribute(form, "method").is_some_and(|m| m.eq_ignore_ascii_case("post")) {
        Method::POST
    } else {
        Method::GET
    };
    Some((method, attribute(form, "action")?))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = tag[start..].find('"')?;
    Some(tag[start..start + length].replace("&amp;", "&"))
}

struct Level {
    concurrency: usize,
    sign_ins: usize,
    errors: usize,
    seconds: f64,
    token: Vec<Duration>,
}

async fn run_level(office: Arc<Office>, concurrency: usize, seconds: u64) -> Level {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .build()
        .expect("client");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let office = Arc::clone(&office);
        let http = http.clone();
        workers.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (Vec::new(), 0usize);
            while Instant::now() < deadline {
                match sign_in(&office, &http).await {
                    Ok(took) => ok.push(took),
                    Err(e) => {
                        errors += 1;
                        if errors == 1 {
                            eprintln!("sign-in failed: {e}");
                        }
                    }
                }
            }
            (ok, errors)
        }));
    }
    let mut level = Level {
        concurrency,
        sign_ins: 0,
        errors: 0,
        seconds: 0.0,
        token: Vec::new(),
    };
    for worker in workers {
        let (ok, errors) = worker.await.expect("worker");
        level.sign_ins += ok.len();
        level.errors += errors;
        level.token.extend(ok);
    }
    level.seconds = started.elapsed().as_secs_f64();
    level.token.sort();
    level
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(5u64);
    let redis_port = free_port();
    let mut redis = std::process::Command::new("redis-server")
        .args(["--port", &redis_port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server (apt-get install redis-server)");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let redis_url = format!("redis://127.0.0.1:{redis_port}/0");
    #[allow(clippy::print_stdout)]
    {
        println!(
            "| setup | concurrency | sign-ins/s | errors | /token p50 (ms) | /token p99 (ms) |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    }
    for (label, replicas, store) in [
        ("1 replica, memory", 1, None),
        ("1 replica, Redis", 1, Some(redis_url.as_str())),
        ("2 replicas, Redis", 2, Some(redis_url.as_str())),
    ] {
        let office = Arc::new(Office::start(replicas, store).await);
        for &concurrency in LEVELS {
            let level = run_level(Arc::clone(&office), concurrency, seconds).await;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "| {label} | {} | {:.1} | {} | {:.2} | {:.2} |",
                    level.concurrency,
                    level.sign_ins as f64 / level.seconds,
                    level.errors,
                    percentile(&level.token, 0.50),
                    percentile(&level.token, 0.99),
                );
            }
        }
        if let Ok(office) = Arc::try_unwrap(office) {
            office.stop().await;
        }
    }
    let _ = redis.kill();
    let _ = redis.wait();
}
