//! `guichet-gateway`: serve, make keys, print what to register at FC+.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use fcplus::TokenAuth;
use gateway::cli::{Cli, Command};
use gateway::config::{ConfigFiles, StoreConfig};
use gateway::config::{FC_CALLBACK_PATH, FC_LOGGED_OUT_PATH, endpoint};
use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig};
use serde_json::json;

/// mimalloc, not glibc's malloc: under load the gateway's allocations (HTTP buffers, JSON,
/// OpenSSL's big numbers) cost 10-20 % less CPU per sign-in (docs/PERFORMANCE.md). The load
/// bench, which runs the gateway in its own process, uses it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("guichet-gateway: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match cli.command {
        Command::Serve(file) => runtime.block_on(serve(&file.config)),
        Command::Keygen { key_use, out } => keygen(&key_use, &out),
        Command::CheckConfig(file) => check_config(&file.config),
        Command::Registration {
            file,
            include_secret,
        } => registration(&file.config, include_secret),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("guichet-gateway: {message}");
            ExitCode::from(2)
        }
    }
}

/// JSON lines on stderr; `GUICHET_GATEWAY_LOG` sets the filter (default `info`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("GUICHET_GATEWAY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// The configuration at `path`; its private files are looked for first among systemd's
/// credentials when the service has some (`LoadCredential=`, `$CREDENTIALS_DIRECTORY`).
fn load(path: &Path) -> Result<GatewayConfig, String> {
    let raw = RawGatewayConfig::from_file(path).map_err(|e| e.to_string())?;
    let base = path.parent().unwrap_or(Path::new("."));
    let files = ConfigFiles::in_folder(base)
        .with_credentials(std::env::var_os("CREDENTIALS_DIRECTORY").map(PathBuf::from));
    GatewayConfig::from_raw_in(raw, &files).map_err(|e| e.to_string())
}

fn check_config(path: &Path) -> Result<(), String> {
    let config = load(path)?;
    #[allow(clippy::print_stdout)]
    {
        print!("{}", describe(path, &config));
    }
    Ok(())
}

/// What `check-config` prints: every value the gateway runs with, none of its secrets.
fn describe(path: &Path, config: &GatewayConfig) -> String {
    let provider = &config.provider;
    let tls = match &config.tls {
        Some((cert, _)) => format!("HTTPS, certificate {}", cert.display()),
        None => "HTTP; TLS ends at a proxy in front".to_owned(),
    };
    let store = match &config.store {
        StoreConfig::Memory => "in memory (one replica only)".to_owned(),
        StoreConfig::Redis { url, .. } => {
            // The URL may hold Redis's password: its host and port only.
            match url::Url::parse(url) {
                Ok(url) => format!(
                    "Redis at {}:{}",
                    url.host_str().unwrap_or("?"),
                    url.port().unwrap_or(6379)
                ),
                Err(_) => "Redis".to_owned(),
            }
        }
    };
    let kiosks: Vec<&str> = config.kiosks.iter().map(String::as_str).collect();
    let mut text = format!("{} is valid.\n", path.display());
    for (label, value) in [
        ("listens on", format!("{} ({tls})", config.listen)),
        (
            "public URL",
            config.public_url.as_str().trim_end_matches('/').to_owned(),
        ),
        ("FC+ issuer", provider.issuer.to_string()),
        ("FC+ client_id", provider.client_id.clone()),
        ("FC+ redirect URI", provider.redirect_uri.to_string()),
        ("scopes", provider.scopes.join(" ")),
        ("ID-token key", config.signing.active_kid().to_owned()),
        ("store", store),
        (
            "kiosks",
            format!("{} ({})", kiosks.len(), kiosks.join(", ")),
        ),
    ] {
        text.push_str(&format!("  {label:<17} {value}\n"));
    }
    text
}

async fn serve(path: &Path) -> Result<(), String> {
    let config = load(path)?;
    // `gateway_started` (a JSON log line) says where it listens: stderr stays JSON lines.
    let running = gateway::start(config).await.map_err(|e| e.to_string())?;
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| e.to_string())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!(event = "gateway_stopping");
    running.shutdown().await;
    Ok(())
}

fn keygen(key_use: &str, out: &Path) -> Result<(), String> {
    if !matches!(key_use, "sig" | "enc") {
        return Err("--use must be sig or enc".into());
    }
    let date = time::OffsetDateTime::now_utc().date();
    let suffix = &fcplus::sensitive::random_token()[..6];
    let kid = format!("{key_use}-{date}-{suffix}");
    let key = SigningKeys::generate(&kid, key_use)?;
    let mut keys = vec![serde_json::Value::Object(key.as_ref().clone())];
    if let Ok(existing) = std::fs::read(out) {
        let existing: serde_json::Value = serde_json::from_slice(&existing)
            .map_err(|e| format!("{} is not a JWKS: {e}", out.display()))?;
        if let Some(old) = existing["keys"].as_array() {
            keys.extend(old.iter().cloned());
        }
    }
    let text = json!({ "keys": keys }).to_string();
    write_private(out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("guichet-gateway: wrote key {kid} to {}", out.display());
    Ok(())
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let tmp = path.with_extension("tmp");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(tmp, path)
}

fn registration(path: &Path, include_secret: bool) -> Result<(), String> {
    let config = load(path)?;
    let provider = &config.provider;
    let mut client = toml::Table::new();
    client.insert("client_id".into(), provider.client_id.clone().into());
    match &provider.token_auth {
        TokenAuth::ClientSecretPost(secret) if include_secret => {
            client.insert("client_secret".into(), secret.secret().to_owned().into());
        }
        _ => {}
    }
    client.insert(
        "redirect_uris".into(),
        vec![endpoint(&config.public_url, FC_CALLBACK_PATH).to_string()].into(),
    );
    client.insert(
        "post_logout_redirect_uris".into(),
        vec![endpoint(&config.public_url, FC_LOGGED_OUT_PATH).to_string()].into(),
    );
    client.insert(
        "id_token_encrypted_response_alg".into(),
        "ECDH-ES".to_owned().into(),
    );
    // The rights the registration must hold for this configuration to work: each one
    // missing at FC+ ends a sign-in on an error page or an `invalid_scope` redirect.
    client.insert("scopes".into(), provider.scopes.clone().into());
    client.insert("amr".into(), provider.request_amr.into());
    client.insert(
        "eidas_enabled".into(),
        provider.eidas_idp_hint.is_some().into(),
    );
    let jwks = provider
        .decryption_keys
        .as_ref()
        .map(|k| k.public_jwks())
        .unwrap_or_default();
    let jwks: toml::Value = serde_json::from_value(jwks).map_err(|e| e.to_string())?;
    client.insert("jwks".into(), jwks);
    let mut file = toml::Table::new();
    file.insert(
        "client".into(),
        toml::Value::Array(vec![toml::Value::Table(client)]),
    );
    #[allow(clippy::print_stdout)]
    {
        println!(
            "# JWKS URL to give FC+: {}",
            endpoint(&config.public_url, "/jwks")
        );
        println!(
            "# Rights to ask FC+ for: scopes {:?}; amr {}; eIDAS {}",
            provider.scopes,
            if provider.request_amr {
                "granted (needed to tell France from eIDAS)"
            } else {
                "not asked"
            },
            match &provider.eidas_idp_hint {
                Some(hint) => format!("enabled, bridge hint {hint:?}"),
                None => "not asked (no eidas_idp_hint)".to_owned(),
            },
        );
        println!("# Token endpoint: client_secret_post (FC+ refuses private_key_jwt)");
        println!("{}", toml::to_string(&file).map_err(|e| e.to_string())?);
    }
    Ok(())
}
