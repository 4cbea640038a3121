//! `guichet sandbox`: the FC+ stand-in alone, for development.

use std::process::ExitCode;

use sandbox::{Sandbox, SandboxConfig, load_clients_file};

use crate::cli::SandboxArgs;
use counter::{Failure, Language};

/// Runs the FC+ stand-in until Ctrl-C.
pub async fn sandbox(args: SandboxArgs) -> ExitCode {
    let lang = Language::from_env();
    let clients = match args.clients.as_deref().map(load_clients_file).transpose() {
        Ok(clients) => clients.unwrap_or_default(),
        Err(e) => {
            eprintln!("guichet: {}", Failure::from_sandbox(e).line(lang));
            return ExitCode::from(7);
        }
    };
    let config = SandboxConfig {
        clients,
        ..SandboxConfig::default()
    };
    let sandbox = match Sandbox::start(([127, 0, 0, 1], args.port).into(), config).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("guichet: {}", Failure::from_sandbox(e).line(lang));
            return ExitCode::from(7);
        }
    };
    let issuer = sandbox.issuer().to_string();
    eprintln!("FC+ sandbox issuer: {issuer}");
    eprintln!(
        "Discovery: {}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    eprintln!("Ctrl-C stops it.");
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
