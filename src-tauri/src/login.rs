//! `guichet login`: sign a person in, keep the session in the vault, print the identity.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use fcplus::{
    Acr, CancelHandle, LoopbackListener, RelyingParty, RelyingPartyOptions, SignInRequest,
    VerifiedSignIn, sign_in,
};
use session::browser::close_private;
use session::config::browser_mode;
use session::lifecycle::Logout;
use session::{
    AuditEvent, BrowserMode, Current, EndReason, LaunchedBrowser, PreviousSession, SessionStore,
    Suspicion,
};

use crate::cli::LoginArgs;
use crate::environment::{client_id, prepare, read_config, resolve_env};
use crate::messages::{Failure, Language, exit_code, fc_error_pages};
use crate::output::{print_identity, render_text};
use crate::session_commands::end_before_sign_in;
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
    let end = match kept {
        Current::Active(_) if !args.end_current => {
            return Err(Failure {
                code: "session_active",
                detail: "a session is kept for the person signed in".into(),
            });
        }
        Current::Active(_) => Some(EndReason::Staff),
        // Its time is up: ended as an expiry is (FC+ logout while FC+ may still hold it).
        Current::Expired => Some(EndReason::Expired),
        Current::None => None,
    };
    let ended_unsafely = match end {
        Some(reason) => {
            !end_before_sign_in(&args.provider, args.browser.as_deref(), reason, lang)
                .await?
                .fc_session_cleared
        }
        None => false,
    };
    // The last session's FC+ logout did not complete, and its FC+ session may still be alive
    // in the system browser: at eidas2 FC+ would hand it to this sign-in. A private profile
    // per sign-in cannot meet it; otherwise staff must close the browser first.
    let previous = store.previous_alive(time::OffsetDateTime::now_utc());
    if (previous.is_some() || ended_unsafely) && !private && !args.browser_closed {
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
    let outcome = SignIn {
        args: &args,
        lang,
        store: &store,
        browser: &browser,
        rp: &rp,
        listener: &prepared.listener,
    }
    .run(acr, previous.as_ref())
    .await;
    // The in-process sandbox stops with this command; the browser tab already has its answer.
    if let Some(sandbox) = prepared.sandbox {
        sandbox.shutdown().await;
    }
    outcome
}

/// One sign-in through the browser, its checks, and keeping it.
struct SignIn<'a> {
    args: &'a LoginArgs,
    lang: Language,
    store: &'a SessionStore,
    browser: &'a BrowserMode,
    rp: &'a RelyingParty,
    listener: &'a LoopbackListener,
}

impl SignIn<'_> {
    async fn run(
        &self,
        acr: Option<Acr>,
        previous: Option<&PreviousSession>,
    ) -> Result<VerifiedSignIn, Failure> {
        let (args, store) = (self.args, self.store);
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
            acr: acr.unwrap_or(self.rp.config().acr).to_string(),
        });
        let launched: Mutex<Option<LaunchedBrowser>> = Mutex::new(None);
        store.sign_in_starting(self.browser, Duration::from_secs(args.timeout));
        let result = sign_in(
            self.rp,
            self.listener,
            request,
            |url| {
                let opened = self
                    .browser
                    .open_sign_in(url.as_str(), store.profiles_root())?;
                *launched.lock().unwrap_or_else(|p| p.into_inner()) = opened;
                eprintln!("{}", waiting_line(args.timeout, self.lang));
                Ok(())
            },
            Duration::from_secs(args.timeout),
            &cancel,
        )
        .await;
        interrupt.abort();
        let launched = launched.into_inner().unwrap_or_else(|p| p.into_inner());
        let verified = match result {
            Ok(verified) => verified,
            Err(e) => {
                store.audit().record(AuditEvent::SignInFailed {
                    code: e.code().into(),
                });
                store.sign_in_settled(Some(e.code()));
                // Nothing of a failed sign-in may stay behind, least of all a browser profile.
                if let Some(browser) = &launched {
                    close_private(browser);
                }
                return Err(Failure::from_sign_in(e));
            }
        };
        let issuer = self.rp.metadata().issuer.to_string();
        let keep = |launched| {
            store
                .save(&verified, &issuer, launched)
                .map_err(|e| Failure::from_session(&e))?;
            // The kept session now stands for its FC+ session.
            store.sign_in_settled(None);
            Ok::<(), Failure>(())
        };
        let Some(suspicion) = store.reuse_suspicion(&verified, args.eidas, previous) else {
            keep(launched)?;
            return Ok(verified);
        };
        let confirmed = ask_staff(&verified, suspicion, self.lang);
        store.record_suspicion(&verified, suspicion, confirmed);
        if confirmed {
            keep(launched)?;
            return Ok(verified);
        }
        // Not kept. It holds a fresh ID token for the FC+ session it came from: logging out
        // with it ends that session in this browser, so the next sign-in meets none.
        keep(launched)?;
        let report = store
            .end(
                EndReason::Staff,
                self.browser,
                Some(Logout {
                    rp: self.rp,
                    listener: self.listener,
                    timeout: Duration::from_secs(30),
                }),
            )
            .await
            .map_err(|e| Failure::from_session(&e))?;
        eprintln!("{}", discarded_line(report.fc_session_cleared, self.lang));
        Err(Failure {
            code: "possible_reuse",
            detail: format!(
                "{}; FC+ logout: {}",
                suspicion.code(),
                report.remote_logout.code()
            ),
        })
    }
}

/// Shows staff the identity that may be the previous person's and asks whether it is the
/// person in front of them. Only at a terminal: a script never keeps such an identity.
fn ask_staff(verified: &VerifiedSignIn, suspicion: Suspicion, lang: Language) -> bool {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    if !std::io::stdin().is_terminal() {
        return false;
    }
    let fr = lang == Language::French;
    let why = match (suspicion, fr) {
        (Suspicion::FrenchAfterEidas, true) => {
            "une identité française est revenue après le bouton eIDAS"
        }
        (Suspicion::FrenchAfterEidas, false) => {
            "a French identity came back after the eIDAS button"
        }
        (Suspicion::SameAsPrevious, true) => "c'est la personne de la session précédente",
        (Suspicion::SameAsPrevious, false) => "it is the person of the previous session",
    };
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}\n{}{}",
        if fr {
            format!(
                "Attention : cette identité est peut-être la session FranceConnect+ de la personne précédente ({why}). Vérifiez-la avec la personne présente :"
            )
        } else {
            format!(
                "Warning: this may be the previous person's FranceConnect+ session ({why}). Check it with the person in front of you:"
            )
        },
        render_text(&verified.identity, lang),
        if fr {
            "Est-ce bien la personne présente ? Garder cette identité [o/N] : "
        } else {
            "Is this the person in front of you? Keep this identity [y/N]: "
        }
    );
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "o" | "oui"
    )
}

fn discarded_line(fc_session_cleared: bool, lang: Language) -> &'static str {
    match (fc_session_cleared, lang) {
        (true, Language::French) => {
            "Sa session FranceConnect+ a été fermée dans ce navigateur : relancez la connexion pour la personne présente."
        }
        (true, Language::English) => {
            "Its FranceConnect+ session has been closed in this browser: start the sign-in again for the person in front of you."
        }
        (false, Language::French) => {
            "Sa session FranceConnect+ n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis relancez la connexion avec --browser-closed."
        }
        (false, Language::English) => {
            "Its FranceConnect+ session could not be closed: close every browser window, then start the sign-in again with --browser-closed."
        }
    }
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
