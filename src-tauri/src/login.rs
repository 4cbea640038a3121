//! `guichet login`: sign a person in, keep the session in the vault, print the identity.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use fcplus::{
    Acr, CancelHandle, Origin, RelyingParty, RelyingPartyOptions, SignInRequest, VerifiedSignIn,
    sign_in,
};
use session::browser::close_private;
use session::config::browser_mode;
use session::{AuditEvent, BrowserMode, Current, LaunchedBrowser, PreviousSession};

use crate::cli::LoginArgs;
use crate::environment::{client_id, prepare, read_config, resolve_env};
use crate::messages::{Failure, Language, exit_code, fc_error_pages};
use crate::output::print_identity;
use crate::session_commands::end_current;
use crate::store;

/// Signs a person in, keeps the session and prints the verified identity.
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
            if failure.code == "timed_out" {
                // FC+ answers these pages instead of coming back: all the app sees is the wait.
                eprintln!(
                    "{}",
                    fc_error_pages(&["Y030007", "Y100009", "Y020023"], lang)
                );
            }
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
    if args.timeout == 0 {
        return Err(Failure::usage("--timeout must be at least 1 second"));
    }
    let (mut raw, base) = read_config(args.provider.config.as_deref())?;
    let browser = browser_mode(raw.browser.as_ref(), args.browser.as_deref())
        .map_err(Failure::from_config)?;
    let env = resolve_env(args.provider.env, &raw)?;
    let store = store::open(env, &client_id(env, &raw)?);
    let private = matches!(browser, BrowserMode::Private { .. });
    // A sign-in while a session is kept would overwrite it, and at eidas2 FC+ would hand the
    // new person the kept person's live FC+ session (it reuses it and ignores idp_hint).
    let kept = store
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?;
    if matches!(kept, Current::Active(_)) {
        if !args.end_current {
            return Err(Failure {
                code: "session_active",
                detail: "a session is kept for the person signed in".into(),
            });
        }
        end_current(&args.provider, args.browser.as_deref(), private, lang).await?;
    }
    // The last session's FC+ logout did not complete, and its FC+ session may still be alive
    // in the system browser: at eidas2 FC+ would hand it to this sign-in. A private profile
    // per sign-in cannot meet it; otherwise staff must close the browser first.
    let previous = store.previous();
    let now = time::OffsetDateTime::now_utc();
    let previous_alive = previous
        .as_ref()
        .is_some_and(|p| p.fc_session_may_be_alive(now));
    if previous_alive && !private && !args.browser_closed {
        return Err(Failure {
            code: "previous_fc_session",
            detail: "the last session's FC+ logout did not complete and its FC+ session may still be alive in the browser (use --browser-closed once every browser window is closed)".into(),
        });
    }
    let prepared = prepare(env, raw.provider_part(), &base).await?;
    let rp = RelyingParty::discover(
        prepared.config,
        RelyingPartyOptions {
            cache_dir: prepared.cache_dir.clone(),
            ..RelyingPartyOptions::default()
        },
    )
    .await
    .map_err(Failure::from_sign_in)?;

    let cancel = CancelHandle::new();
    let on_interrupt = cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let request = SignInRequest {
        eidas: args.eidas,
        acr,
    };
    store.audit().record(AuditEvent::SignInStarted {
        eidas: args.eidas,
        acr: acr.unwrap_or(rp.config().acr).to_string(),
    });
    let launched: Mutex<Option<LaunchedBrowser>> = Mutex::new(None);
    let result = sign_in(
        &rp,
        &prepared.listener,
        request,
        |url| {
            let opened = browser.open_sign_in(url.as_str(), store.profiles_root())?;
            *launched.lock().unwrap_or_else(|p| p.into_inner()) = opened;
            eprintln!("{}", waiting_line(args.timeout, lang));
            Ok(())
        },
        Duration::from_secs(args.timeout),
        &cancel,
    )
    .await;
    interrupt.abort();
    let launched = launched.into_inner().unwrap_or_else(|p| p.into_inner());
    // The in-process sandbox stops with this command; the browser tab already has its answer.
    if let Some(sandbox) = prepared.sandbox {
        sandbox.shutdown().await;
    }
    let verified = match result {
        Ok(verified) => verified,
        Err(e) => {
            store.audit().record(AuditEvent::SignInFailed {
                code: e.code().into(),
            });
            // Nothing of a failed sign-in may stay behind, least of all a browser profile.
            if let Some(browser) = &launched {
                close_private(browser);
            }
            return Err(Failure::from_sign_in(e));
        }
    };
    let reused = possibly_reused(
        &verified,
        args.eidas,
        previous
            .as_ref()
            .filter(|_| previous_alive && !args.browser_closed),
        store.audit(),
    );
    if let Some(why) = reused {
        // Not kept: it may be the previous person's FC+ session, handed out again.
        store.audit().record(AuditEvent::SignInFailed {
            code: "possible_reuse".into(),
        });
        if let Some(browser) = &launched {
            close_private(browser);
        }
        return Err(Failure {
            code: "possible_reuse",
            detail: why.into(),
        });
    }
    store
        .save(&verified, &rp.metadata().issuer, launched)
        .map_err(|e| Failure::from_session(&e))?;
    Ok(verified)
}

/// Why a verified sign-in may be the previous person's FC+ session rather than the person in
/// front of staff: a French identity after the eIDAS button (FC+ ignored the hint, which it
/// does only when it reuses a session), or the `sub` of the last session while its FC+
/// session may still be alive (`previous` is given only then).
fn possibly_reused(
    verified: &VerifiedSignIn,
    eidas_asked: bool,
    previous: Option<&PreviousSession>,
    audit: &session::AuditLog,
) -> Option<&'static str> {
    if eidas_asked && verified.identity.origin == Origin::France {
        return Some("a French identity came back after the eIDAS button");
    }
    let subject = audit.subject(verified.identity.identity.sub.expose());
    previous
        .filter(|p| p.subject == subject)
        .map(|_| "the same person as the last session, whose FC+ session may still be alive")
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
