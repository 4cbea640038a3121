//! Load benchmark (not a test): whole sign-ins per second through the gateway and the latency
//! of `/token`, at rising concurrency, on loopback: one replica (memory, then Redis) and two
//! replicas sharing Redis (each request goes to the next replica, as a round-robin load
//! balancer would send it). Everything runs on this machine: the sandbox FC+ (which encrypts
//! and signs like FC+), the gateway(s), Redis and the kiosks' scripted browsers.
//!
//! Then, in the same run and with the same load loop, the gateway (one replica, memory) level
//! by level beside two Node peers, with the CPU time each part spent per sign-in, the sandbox
//! FC+ pinned to core 1 and everything else to core 0 (`taskset`):
//! - the fair peer, `benches/fc-stack-broker/server.mjs`: a broker on the libraries FC+ runs
//!   (oidc-provider toward the kiosks, openid-client toward the same sandbox FC+), doing per
//!   sign-in what the gateway does;
//! - the first baseline, `benches/oidc-provider/server.mjs`: oidc-provider alone, configured
//!   like the gateway toward kiosks, with no upstream provider.
//!
//! Without `node` or the npm packages a peer is skipped, and the bench says what installs it.
//!
//! ```sh
//! npm --prefix benches/oidc-provider install; npm --prefix benches/fc-stack-broker install
//! cargo bench -p gateway --bench load -- --seconds 5
//! ```
//! `--comparison-only` runs only the comparisons; with `--gateway-only` too, the comparison's
//! gateway side alone (pinned, level by level, its CPU per sign-in: what a profiler attaches
//! to). The figures are in docs/PERFORMANCE.md.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fcplus::sensitive::{pkce_s256_challenge, random_token};
use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig, RunningGateway};
use reqwest::{Method, StatusCode};
use sandbox::browser::{ClickTarget, free_port};
use sandbox::{ClientRegistration, Endpoint, Sandbox, SandboxConfig};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use url::Url;

/// The gateway binary's allocator (src/main.rs), so the gateway is measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const KIOSK: &str = "kiosk-bench";
const FC_CLIENT: &str = "gateway-bench";
const SECRET: &str = "gateway-bench-secret-0123456789";
const LEVELS: &[usize] = &[1, 4, 16, 64];
/// Each side of a comparison runs this long at c = 4 before its levels are measured.
const WARM_UP_SECONDS: u64 = 3;
/// The kiosk's loopback redirect URI (nothing listens there: the browser stops at it).
const REDIRECT_URI: &str = "http://127.0.0.1:40000/callback";
/// Thread names of the runtimes that serve the gateway(s) and the sandbox FC+; every other
/// thread of this process is the load generator (the kiosks' browsers).
const GATEWAY_THREADS: &str = "bench-gateway";
const SANDBOX_THREADS: &str = "bench-fcplus";
/// The baselines' Node projects, from the workspace root: oidc-provider alone, and the broker
/// on FC+'s own libraries (the fair peer).
const BASELINE_DIR: &str = "benches/oidc-provider";
const BROKER_DIR: &str = "benches/fc-stack-broker";
/// The broker's client id at the sandbox FC+ (its secret is the gateway's).
const BROKER_FC_CLIENT: &str = "broker-bench";

/// What the load loop knows of a provider under test: where a sign-in starts, what the person
/// clicks, where the kiosk redeems its code, and whose CPU time is whose.
struct Target {
    authorize: Url,
    token: Url,
    scope: &'static str,
    extra: &'static [(&'static str, &'static str)],
    /// Element ids clicked in turn, from the first page to the redirect back to the kiosk.
    clicks: &'static [&'static str],
    /// With replicas, requests to the public port go to the next replica (round robin).
    balancer: Option<Balancer>,
    cpu: Vec<(&'static str, Cpu)>,
}

struct Balancer {
    public: u16,
    replicas: Vec<u16>,
    next: AtomicUsize,
}

impl Target {
    /// The address a request to `url` really goes to.
    fn route(&self, url: &Url) -> Url {
        let Some(balancer) = &self.balancer else {
            return url.clone();
        };
        if url.port() != Some(balancer.public) {
            return url.clone();
        }
        let replica = balancer.next.fetch_add(1, Ordering::Relaxed) % balancer.replicas.len();
        let mut routed = url.clone();
        let _ = routed.set_port(Some(balancer.replicas[replica]));
        routed
    }
}

/// Where CPU time is read: Linux's `/proc/…/task/*/schedstat` (nanoseconds on a CPU, per
/// thread; a thread that ends during a level takes its time with it).
#[derive(Clone, Copy)]
enum Cpu {
    /// The threads of this process whose name starts with this.
    Threads(&'static str),
    /// The threads of this process outside the servers' runtimes: the load generator.
    LoadGenerator,
    /// Every thread of another process.
    Process(u32),
}

impl Cpu {
    fn nanoseconds(self) -> Option<u64> {
        let pid = match self {
            Cpu::Process(pid) => pid.to_string(),
            _ => "self".to_owned(),
        };
        let keep = |name: &str| match self {
            Cpu::Threads(prefix) => name.starts_with(prefix),
            Cpu::LoadGenerator => {
                !name.starts_with(GATEWAY_THREADS) && !name.starts_with(SANDBOX_THREADS)
            }
            Cpu::Process(_) => true,
        };
        let mut total = 0;
        for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
            let path = task.ok()?.path();
            let (Ok(name), Ok(stat)) = (
                std::fs::read_to_string(path.join("comm")),
                std::fs::read_to_string(path.join("schedstat")),
            ) else {
                continue; // the thread ended meanwhile
            };
            if keep(name.trim_end()) {
                total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
            }
        }
        Some(total)
    }
}

/// A runtime of its own for a server, so that its CPU time can be told apart.
fn server_runtime(name: &str) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .thread_name(name)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runtimes dropped from async code: without waiting (a plain drop there panics).
struct Runtimes(Vec<tokio::runtime::Runtime>);

impl Drop for Runtimes {
    fn drop(&mut self) {
        for runtime in self.0.drain(..) {
            runtime.shutdown_background();
        }
    }
}

/// One office: a sandbox and `replicas` gateways known to FC+ and kiosks as `public`.
struct Office {
    sandbox: Sandbox,
    gateways: Vec<RunningGateway>,
    target: Arc<Target>,
    _runtimes: Runtimes,
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
        // that the bench plays itself (see `Target::route`).
        let ports: Vec<u16> = (0..replicas).map(|_| free_port()).collect();
        let public_port = if replicas == 1 { ports[0] } else { free_port() };
        let public = Url::parse(&format!("http://127.0.0.1:{public_port}")).expect("URL");
        let gateway_runtime = server_runtime(GATEWAY_THREADS);
        let sandbox_runtime = server_runtime(SANDBOX_THREADS);
        let sandbox = sandbox_runtime
            .spawn(Sandbox::start(
                ([127, 0, 0, 1], 0).into(),
                SandboxConfig::default(),
            ))
            .await
            .expect("join")
            .expect("sandbox");
        sandbox.register_client(ClientRegistration {
            post_logout_redirect_uris: vec![format!("{public}fc/logged-out")],
            ..ClientRegistration::loopback(
                FC_CLIENT,
                SECRET,
                vec![format!("{public}fc/callback")],
                json!({ "keys": [public_key.as_ref()] }),
            )
        });
        let store = redis
            .map(|url| format!("[store]\nredis_url = \"{url}\"\n"))
            .unwrap_or_default();
        let mut gateways = Vec::new();
        for &port in &ports {
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
            let running = gateway_runtime
                .spawn(gateway::start(config))
                .await
                .expect("join")
                .expect("gateway starts");
            gateways.push(running);
        }
        let target = Target {
            authorize: public.join("/authorize").expect("URL"),
            token: public.join("/token").expect("URL"),
            scope: "openid given_name family_name birthdate",
            extra: &[("acr_values", "eidas2")],
            clicks: &["idp-fip1", "identity-marie", "consent-button"],
            balancer: (replicas > 1).then(|| Balancer {
                public: public_port,
                replicas: ports.clone(),
                next: AtomicUsize::new(0),
            }),
            cpu: vec![
                ("gateway", Cpu::Threads(GATEWAY_THREADS)),
                ("sandbox FC+", Cpu::Threads(SANDBOX_THREADS)),
                ("browsers", Cpu::LoadGenerator),
            ],
        };
        Self {
            sandbox,
            gateways,
            target: Arc::new(target),
            _runtimes: Runtimes(vec![gateway_runtime, sandbox_runtime]),
            _dir: dir,
        }
    }

    async fn stop(self) {
        for gateway in self.gateways {
            gateway.shutdown().await;
        }
        self.sandbox.shutdown().await;
    }
}

/// A Node server of `benches/` (one process, no cluster), on core 0 (`taskset`) beside the
/// gateway and the load generator, the sandbox FC+ on core 1 (see [`pin_threads`]).
struct NodeServer {
    node: tokio::process::Child,
    pid: u32,
    /// What its `ready` line says after the word.
    ready: String,
    /// `oidc-provider 9.13.3 on Node v20.20.2`.
    versions: String,
}

impl NodeServer {
    /// Starts `<dir>/server.mjs` with `env`, or says why it cannot and what installs what is
    /// missing. `libraries` are the npm packages whose versions it names.
    async fn start(dir: &str, libraries: &[&str], env: &[(&str, &str)]) -> Result<Self, String> {
        let install = format!("npm --prefix {dir} install");
        let path = workspace_root().join(dir);
        let node_version = match tokio::process::Command::new("node")
            .arg("--version")
            .output()
            .await
        {
            Ok(out) if out.status.success() => {
                String::from_utf8_lossy(&out.stdout).trim().to_owned()
            }
            _ => {
                return Err(format!(
                    "`node` is not on the PATH: install Node.js ≥ 20.19 with npm (Debian: \
                     apt-get install nodejs npm), then `{install}`"
                ));
            }
        };
        let mut versions = Vec::new();
        for library in libraries {
            let package = path.join(format!("node_modules/{library}/package.json"));
            let Ok(package) = std::fs::read_to_string(&package) else {
                return Err(format!("the npm packages are not installed: `{install}`"));
            };
            let version = serde_json::from_str::<serde_json::Value>(&package)
                .ok()
                .and_then(|p| p["version"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "?".into());
            versions.push(format!("{library} {version}"));
        }
        let mut node = tokio::process::Command::new("taskset")
            .args(["-c", "0", "node"])
            .arg(path.join("server.mjs"))
            .arg("0")
            .envs(env.iter().copied())
            .current_dir(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("taskset or node did not start: {e}"))?;
        let pid = node.id().ok_or("node exited at once")?;
        // Its stderr (start-up warnings, or why it failed) is kept to be shown on failure.
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(mut pipe) = node.stderr.take() {
            let stderr = Arc::clone(&stderr);
            tokio::spawn(async move {
                let mut text = String::new();
                let _ = pipe.read_to_string(&mut text).await;
                stderr.lock().expect("lock").push_str(&text);
            });
        }
        let mut lines = BufReader::new(node.stdout.take().ok_or("no stdout")?).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(ready) = line.strip_prefix("ready ") {
                    return Some(ready.to_owned());
                }
            }
            None
        })
        .await;
        let Ok(Some(ready)) = ready else {
            let _ = node.kill().await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            return Err(format!(
                "{dir}/server.mjs did not say it was ready (`{install}`?): {}",
                stderr.lock().expect("lock").trim()
            ));
        };
        // Whatever it prints later is read and dropped, so that it never blocks on a pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self {
            node,
            pid,
            ready,
            versions: format!("{} on Node {node_version}", versions.join(" + ")),
        })
    }

    /// Its issuer, the first word of its `ready` line.
    fn issuer(&self) -> Result<Url, String> {
        let issuer = self.ready.split_whitespace().next().unwrap_or_default();
        Url::parse(issuer).map_err(|e| format!("bad issuer {issuer}: {e}"))
    }

    async fn stop(mut self) {
        let _ = self.node.kill().await;
    }
}

/// The first baseline: `benches/oidc-provider/server.mjs`, oidc-provider alone, configured
/// like the gateway toward kiosks, with two pages of its own and no upstream provider.
async fn oidc_provider_alone() -> Result<(NodeServer, Target), String> {
    let server = NodeServer::start(BASELINE_DIR, &["oidc-provider"], &[]).await?;
    let issuer = server.issuer()?;
    let target = Target {
        authorize: issuer.join("/auth").map_err(|e| e.to_string())?,
        token: issuer.join("/token").map_err(|e| e.to_string())?,
        scope: "openid given_name family_name birthdate",
        extra: &[],
        clicks: &["login-button", "consent-button"],
        balancer: None,
        cpu: vec![
            ("oidc-provider", Cpu::Process(server.pid)),
            ("browsers", Cpu::LoadGenerator),
        ],
    };
    Ok((server, target))
}

/// The fair peer: `benches/fc-stack-broker/server.mjs`, oidc-provider toward the kiosks and
/// openid-client toward `office`'s sandbox FC+, registered there as a confidential client
/// with the ECDH-ES key it prints. Its sign-in is the gateway's: the same FC+ pages clicked.
async fn fc_stack_broker(office: &Office) -> Result<(NodeServer, Target), String> {
    let issuer = office.sandbox.issuer().to_string();
    let server = NodeServer::start(
        BROKER_DIR,
        &["oidc-provider", "openid-client"],
        &[
            ("FC_ISSUER", issuer.trim_end_matches('/')),
            ("FC_CLIENT_ID", BROKER_FC_CLIENT),
            ("FC_CLIENT_SECRET", SECRET),
        ],
    )
    .await?;
    let broker = server.issuer()?;
    let jwks: serde_json::Value = server
        .ready
        .split_once(' ')
        .and_then(|(_, jwks)| serde_json::from_str(jwks).ok())
        .ok_or("the broker's ready line has no JWKS")?;
    office.sandbox.register_client(ClientRegistration::loopback(
        BROKER_FC_CLIENT,
        SECRET,
        vec![format!("{broker}fc/callback")],
        jwks,
    ));
    let target = Target {
        authorize: broker.join("/auth").map_err(|e| e.to_string())?,
        token: broker.join("/token").map_err(|e| e.to_string())?,
        scope: "openid given_name family_name birthdate",
        extra: &[("acr_values", "eidas2")],
        clicks: office.target.clicks,
        balancer: None,
        cpu: vec![
            ("broker", Cpu::Process(server.pid)),
            ("sandbox FC+", Cpu::Threads(SANDBOX_THREADS)),
            ("browsers", Cpu::LoadGenerator),
        ],
    };
    Ok((server, target))
}

/// Every thread of this process on core 0, but the sandbox FC+'s on core 1 (`taskset -p`):
/// FC+'s work, the same for the gateway and its peer, never takes the time of either. Node
/// servers start on core 0 ([`NodeServer::start`]). Threads started later inherit their
/// creator's core. Says why when it cannot (not Linux, one core, no `taskset`).
fn pin_threads() -> Result<(), String> {
    if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        return Err("fewer than two cores".into());
    }
    let tasks = std::fs::read_dir("/proc/self/task").map_err(|e| e.to_string())?;
    for task in tasks.flatten() {
        let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let core = if name.starts_with(SANDBOX_THREADS) {
            "1"
        } else {
            "0"
        };
        let tid = task.file_name();
        let status = std::process::Command::new("taskset")
            .args(["-p", "-c", core])
            .arg(&tid)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("taskset: {e}"))?;
        if !status.success() {
            return Err(format!("taskset -p -c {core} {tid:?} failed"));
        }
    }
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A kiosk's browser for one sign-in: its own cookies, redirects followed one by one.
struct Browser<'a> {
    target: &'a Target,
    http: &'a reqwest::Client,
    /// (name, path, value): enough of a cookie jar for loopback servers that set `Path`.
    cookies: Vec<(String, String, String)>,
}

enum Landing {
    Page(Url, String),
    Kiosk(Url),
}

impl Browser<'_> {
    async fn navigate(&mut self, mut method: Method, mut url: Url) -> Result<Landing, String> {
        for _ in 0..10 {
            if url.as_str().starts_with(REDIRECT_URI) {
                return Ok(Landing::Kiosk(url));
            }
            let mut request = self.http.request(method.clone(), self.target.route(&url));
            if let Some(cookie) = self.cookie_header(url.path()) {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.map_err(|e| e.to_string())?;
            self.keep_cookies(&response);
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
                let said: String = html.chars().take(200).collect();
                return Err(format!("HTTP {status} at {}: {said}", url.path()));
            }
            return Ok(Landing::Page(url, html));
        }
        Err("too many redirects".into())
    }

    fn cookie_header(&self, path: &str) -> Option<String> {
        let matching: Vec<String> = self
            .cookies
            .iter()
            .filter(|(_, at, _)| {
                path.strip_prefix(at.as_str()).is_some_and(|rest| {
                    at.ends_with('/') || rest.is_empty() || rest.starts_with('/')
                })
            })
            .map(|(name, _, value)| format!("{name}={value}"))
            .collect();
        (!matching.is_empty()).then(|| matching.join("; "))
    }

    fn keep_cookies(&mut self, response: &reqwest::Response) {
        for header in response.headers().get_all("set-cookie") {
            let Ok(text) = header.to_str() else { continue };
            let mut parts = text.split(';').map(str::trim);
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let mut path = "/".to_owned();
            let mut gone = value.is_empty();
            for attribute in parts {
                let (key, argument) = attribute.split_once('=').unwrap_or((attribute, ""));
                match key.to_ascii_lowercase().as_str() {
                    "path" => argument.clone_into(&mut path),
                    "max-age" => gone |= argument.parse::<i64>().is_ok_and(|age| age <= 0),
                    "expires" => gone |= argument.contains("1970"),
                    _ => {}
                }
            }
            self.cookies.retain(|(n, p, _)| !(n == name && *p == path));
            if !gone {
                self.cookies.push((name.to_owned(), path, value.to_owned()));
            }
        }
    }
}

/// One whole sign-in, as a kiosk does it: authorize (PKCE S256) → the provider's pages →
/// the code at the loopback redirect URI → `/token` with the verifier. Returns the time
/// `/token` took.
async fn sign_in(target: &Target, http: &reqwest::Client) -> Result<Duration, String> {
    let verifier = random_token();
    let mut url = target.authorize.clone();
    url.query_pairs_mut()
        .extend_pairs([
            ("response_type", "code"),
            ("client_id", KIOSK),
            ("redirect_uri", REDIRECT_URI),
            ("scope", target.scope),
            ("state", &random_token()),
            ("nonce", &random_token()),
            ("code_challenge", &pkce_s256_challenge(&verifier)),
            ("code_challenge_method", "S256"),
        ])
        .extend_pairs(target.extra);
    let mut browser = Browser {
        target,
        http,
        cookies: Vec::new(),
    };
    let mut page = browser.navigate(Method::GET, url).await?;
    for id in target.clicks {
        let Landing::Page(at, html) = page else {
            return Err(format!("no page before #{id}"));
        };
        let target = ClickTarget::find(&html, id).ok_or_else(|| format!("no #{id}"))?;
        let next = at.join(&target.url).map_err(|e| e.to_string())?;
        page = browser.navigate(target.method, next).await?;
    }
    let Landing::Kiosk(back) = page else {
        return Err("no redirect to the kiosk".into());
    };
    let code = back
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .ok_or("no code")?;
    let started = Instant::now();
    let response = http
        .post(target.route(&target.token))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("client_id", KIOSK),
            ("code_verifier", verifier.as_str()),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    let took = started.elapsed();
    if status != StatusCode::OK {
        return Err(format!("/token answered {status}"));
    }
    if !body.windows(10).any(|w| w == b"\"id_token\"") {
        return Err("/token answered without an ID token".into());
    }
    Ok(took)
}

struct Level {
    concurrency: usize,
    sign_ins: usize,
    errors: usize,
    seconds: f64,
    token: Vec<Duration>,
    /// CPU milliseconds per completed sign-in, by part (`None`: not readable here).
    cpu: Vec<(&'static str, Option<f64>)>,
}

impl Level {
    fn rate(&self) -> f64 {
        self.sign_ins as f64 / self.seconds
    }

    fn cpu_of(&self, part: &str) -> Option<f64> {
        self.cpu.iter().find(|(p, _)| *p == part).and_then(|c| c.1)
    }
}

/// `concurrency` workers run sign-ins back to back on `target` for `seconds`.
async fn run_level(target: Arc<Target>, concurrency: usize, seconds: u64) -> Level {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .build()
        .expect("client");
    let cpu_before: Vec<Option<u64>> = target.cpu.iter().map(|(_, c)| c.nanoseconds()).collect();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let target = Arc::clone(&target);
        let http = http.clone();
        workers.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (Vec::new(), 0usize);
            while Instant::now() < deadline {
                match sign_in(&target, &http).await {
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
        cpu: Vec::new(),
    };
    for worker in workers {
        let (ok, errors) = worker.await.expect("worker");
        level.sign_ins += ok.len();
        level.errors += errors;
        level.token.extend(ok);
    }
    level.seconds = started.elapsed().as_secs_f64();
    level.token.sort();
    level.cpu = target
        .cpu
        .iter()
        .zip(cpu_before)
        .map(|((part, cpu), before)| {
            let spent = cpu
                .nanoseconds()
                .zip(before)
                .map(|(a, b)| a.saturating_sub(b));
            let per = spent
                .filter(|_| level.sign_ins > 0)
                .map(|ns| ns as f64 / 1e6 / level.sign_ins as f64);
            (*part, per)
        })
        .collect();
    level
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{v:.2}"))
}

/// The gateway (one replica, memory) beside its fair peer (the broker on FC+'s libraries, on
/// the same sandbox FC+) and beside oidc-provider alone, level by level, interleaved; the
/// sandbox on core 1, everything else on core 0.
#[allow(clippy::print_stdout)]
async fn compare(seconds: u64, gateway_only: bool) {
    println!();
    // The servers' runtimes keep one thread per core, pinned or not: with one thread the
    // gateway got a smaller share of core 0 beside the load generator's two (tried: /token
    // p99 at c = 64 from 7.8 to 29 ms, sign-ins/s down at c = 16 and 64).
    let office = Office::start(1, None).await;
    let pinned = pin_threads();
    let peers = if gateway_only {
        Vec::new()
    } else {
        vec![
            ("FC+'s stack", fc_stack_broker(&office).await),
            ("oidc-provider", oidc_provider_alone().await),
        ]
    };
    println!(
        "Load average before: {}; threads pinned: {}",
        load_average(),
        pinned.as_ref().map_or_else(
            |why| format!("no ({why})"),
            |()| "sandbox FC+ on core 1, the rest on core 0".into()
        )
    );
    let mut running = Vec::new();
    for (name, peer) in peers {
        match peer {
            Ok((server, target)) => {
                println!("{name}: {}", server.versions);
                running.push((name, server, Arc::new(target)));
            }
            Err(why) => println!("{name} skipped: {why}"),
        }
    }
    // Fetched again during the runs, they would be charged to one side per sign-in: both
    // sides keep FC+'s discovery and keys, which this count shows.
    let fetches =
        || [Endpoint::Discovery, Endpoint::Jwks].map(|endpoint| office.sandbox.requests(endpoint));
    // Warm-up, not measured: Node compiles its JavaScript as it runs (its first level
    // otherwise pays for it), and every side fills its caches and connection pools.
    for target in std::iter::once(&office.target).chain(running.iter().map(|(_, _, t)| t)) {
        run_level(Arc::clone(target), 4, WARM_UP_SECONDS).await;
    }
    let fetched_before = fetches();
    // rows[level] = (gateway, [each peer])
    let mut rows = Vec::new();
    for &concurrency in LEVELS {
        let gateway = run_level(Arc::clone(&office.target), concurrency, seconds).await;
        let mut others = Vec::new();
        for (_, _, target) in &running {
            others.push(run_level(Arc::clone(target), concurrency, seconds).await);
        }
        rows.push((gateway, others));
    }
    let after = load_average();
    let [discovery, jwks] = fetches();
    println!(
        "FC+'s discovery and JWKS fetched during the runs (gateway and FC+'s stack): {} and {}",
        discovery - fetched_before[0],
        jwks - fetched_before[1]
    );
    office.stop().await;
    if running.is_empty() {
        println!();
        println!("Gateway (1 replica, memory), alone:");
        println!();
        println!(
            "| concurrency | sign-ins/s | /token p50 (ms) | /token p99 (ms) | errors | \
             CPU per sign-in (ms): gateway | sandbox FC+ | browsers |"
        );
        println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (gateway, _) in &rows {
            println!(
                "| {} | {:.1} | {:.2} | {:.2} | {} | {} | {} | {} |",
                gateway.concurrency,
                gateway.rate(),
                percentile(&gateway.token, 0.50),
                percentile(&gateway.token, 0.99),
                gateway.errors,
                ms(gateway.cpu_of("gateway")),
                ms(gateway.cpu_of("sandbox FC+")),
                ms(gateway.cpu_of("browsers")),
            );
        }
    }
    for (index, (name, server, target)) in running.into_iter().enumerate() {
        // The peer's own CPU column is the first part its target counts.
        let part = target.cpu[0].0;
        let levels: Vec<(&Level, &Level)> = rows.iter().map(|(g, o)| (g, &o[index])).collect();
        print_comparison(name, part, &server.versions, &levels);
        server.stop().await;
    }
    println!();
    println!("Load average after: {after}");
}

/// The sign-ins/s and `/token` table of the gateway beside one peer, then CPU time per
/// sign-in by part (`part`: the peer's own CPU column).
#[allow(clippy::print_stdout)]
fn print_comparison(name: &str, part: &str, versions: &str, levels: &[(&Level, &Level)]) {
    println!();
    println!("Gateway (1 replica, memory) beside {name}: {versions}");
    println!();
    println!(
        "| concurrency | gateway sign-ins/s | {name} sign-ins/s | ratio | \
         gateway /token p50 (ms) | gateway /token p99 (ms) | {name} /token p50 (ms) | \
         {name} /token p99 (ms) | errors (gateway / {name}) |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (gateway, peer) in levels {
        println!(
            "| {} | {:.1} | {:.1} | {:.2}× | {:.2} | {:.2} | {:.2} | {:.2} | {} / {} |",
            gateway.concurrency,
            gateway.rate(),
            peer.rate(),
            gateway.rate() / peer.rate(),
            percentile(&gateway.token, 0.50),
            percentile(&gateway.token, 0.99),
            percentile(&peer.token, 0.50),
            percentile(&peer.token, 0.99),
            gateway.errors,
            peer.errors,
        );
    }
    println!();
    println!("CPU time per completed sign-in (ms), by part:");
    println!();
    println!(
        "| concurrency | gateway | sandbox FC+ (gateway run) | core 1 busy (gateway run) | \
         browsers (gateway run) | {part} | sandbox FC+ ({name} run) | browsers ({name} run) | \
         {part} ÷ gateway |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (gateway, peer) in levels {
        let ratio = peer
            .cpu_of(part)
            .zip(gateway.cpu_of("gateway"))
            .map(|(n, g)| n / g);
        // The sandbox's share of its core during the gateway's run: near 100 %, FC+'s work
        // (the same for both sides) is what bounds the gateway's sign-ins/s.
        let busy = gateway
            .cpu_of("sandbox FC+")
            .map(|ms| format!("{:.0} %", ms * gateway.rate() / 10.0));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            gateway.concurrency,
            ms(gateway.cpu_of("gateway")),
            ms(gateway.cpu_of("sandbox FC+")),
            busy.unwrap_or_else(|| "n/a".into()),
            ms(gateway.cpu_of("browsers")),
            ms(peer.cpu_of(part)),
            ms(peer.cpu_of("sandbox FC+")),
            ms(peer.cpu_of("browsers")),
            ratio.map_or_else(|| "n/a".into(), |r| format!("{r:.2}×")),
        );
    }
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
    if !args.iter().any(|a| a == "--comparison-only") {
        setups(seconds).await;
    }
    compare(seconds, args.iter().any(|a| a == "--gateway-only")).await;
}

/// The gateway alone: one replica (memory, then Redis), two replicas sharing Redis.
async fn setups(seconds: u64) {
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
        let office = Office::start(replicas, store).await;
        for &concurrency in LEVELS {
            let level = run_level(Arc::clone(&office.target), concurrency, seconds).await;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "| {label} | {} | {:.1} | {} | {:.2} | {:.2} |",
                    level.concurrency,
                    level.rate(),
                    level.errors,
                    percentile(&level.token, 0.50),
                    percentile(&level.token, 0.99),
                );
            }
        }
        office.stop().await;
    }
    let _ = redis.kill();
    let _ = redis.wait();
}
