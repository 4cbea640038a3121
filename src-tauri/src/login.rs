//! `guichet login` and `guichet sandbox`: the commands over the library crates.

use std::process::ExitCode;
use std::time::Duration;

use fcplus::{
    Acr, CancelHandle, RelyingParty, RelyingPartyOptions, SignInRequest, VerifiedSignIn, sign_in,
};
use sandbox::{Sandbox, SandboxConfig, load_clients_file};

use crate::browser::BrowserCommand;
use crate::cli::{LoginArgs, SandboxArgs};
use crate::environment::{prepare, read_config};
use crate::messages::{Failure, Language, exit_code};
use crate::output::print_identity;

/// Signs a person in and prints the verified identity.
pub async fn login(args: LoginArgs) -> ExitCode {
    let lang = Language::from_env();
    let json = args.json;
    match run_login(args, lang).await {
        Ok(verified) => match print_identity(&verified.identity, json, lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("guichet: cannot print the identity: {e}");
                ExitCode::from(1)
            }
        },
        Err(failure) => {
            tracing::info!(event = "sign_in_failed", code = failure.code);
            eprintln!("guichet: {}", failure.line(lang));
            ExitCode::from(exit_code(failure.code))
        }
    }
}

async fn run_login(args: LoginArgs, lang: Language) -> Result<VerifiedSignIn, Failure> {
    let acr = args
        .acr
        .as_deref()
        .map(str::parse::<Acr>)
        .transpose()
        .map_err(|reason| Failure::usage(&reason))?;
    let browser = match args.browser.as_deref() {
        Some(text) => BrowserCommand::parse(text).map_err(|reason| Failure::usage(&reason))?,
        None => BrowserCommand::System,
    };
    if args.timeout == 0 {
        return Err(Failure::usage("--timeout must be at least 1 second"));
    }
    let (raw, base) = read_config(args.config.as_deref())?;
    let prepared = prepare(args.env, raw, &base).await?;
    let options = RelyingPartyOptions {
        cache_dir: prepared.cache_dir.clone(),
        ..RelyingPartyOptions::default()
    };
    let rp = RelyingParty::discover(prepared.config, options)
        .await
        .map_err(Failure::from_sign_in)?;
    let cancel = CancelHandle::new();
    let on_interrupt = cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let timeout = Duration::from_secs(args.timeout);
    let request = SignInRequest {
        eidas: args.eidas,
        acr,
    };
    let result = sign_in(
        &rp,
        &prepared.listener,
        request,
        |url| {
            browser.open(url.as_str())?;
            eprintln!("{}", waiting_line(args.timeout, lang));
            Ok(())
        },
        timeout,
        &cancel,
    )
    .await;
    interrupt.abort();
    // The in-process sandbox stops with this function; the browser tab has its answer.
    if let Some(sandbox) = prepared.sandbox {
        sandbox.shutdown().await;
    }
    result.map_err(Failure::from_sign_in)
}

fn waiting_line(timeout: u64, lang: Language) -> String {
    match lang {
        Language::French => format!(
            "FranceConnect+ est ouvert dans le navigateur. En attente du retour (au plus {timeout} s ; Ctrl-C pour annuler)…"
        ),
        Language::English => format!(
            "FranceConnect+ is open in the browser. Waiting for it to come back (up to {timeout} s; Ctrl-C to cancel)…"
        ),
    }
}

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
    eprintln!("FC+ sandbox issuer: {}", sandbox.issuer());
    eprintln!(
        "Discovery: {}.well-known/openid-configuration",
        with_slash(sandbox.issuer().as_str())
    );
    eprintln!("Ctrl-C stops it.");
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

fn with_slash(text: &str) -> String {
    if text.ends_with('/') {
        text.to_owned()
    } else {
        format!("{text}/")
    }
}
