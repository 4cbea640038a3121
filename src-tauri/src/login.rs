//! `guichet login`: sign a person in, keep the session in the vault, print the identity.

use codes::{Code, Word};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use counter::kept::{Configured, end_due_before_sign_in};
use counter::messages::fc_error_pages;
use counter::provider::{LOGOUT_TIMEOUT, previous_for_sign_in};
use counter::{Failure, Language, Outcome, Page, Provider, Request};
use fcplus::{Acr, CancelHandle, SignInError, VerifiedSignIn};
use session::{BrowserMode, LaunchedBrowser, Suspicion};
use url::Url;

use crate::cli::LoginArgs;
use crate::output::{print_identity, render_text};

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
            tracing::info!(event = "sign_in_failed", code = %failure.code);
            eprintln!("guichet: {}", failure.line(lang));
            if failure.code == Code::TimedOut {
                // FC+ answers these pages instead of coming back: all the app sees is the wait.
                eprintln!(
                    "{}",
                    fc_error_pages(&counter::messages::SIGN_IN_ERROR_PAGES, lang)
                );
            }
            ExitCode::from(failure.code.exit_code())
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
    let configured = Configured::read(args.provider.config.as_deref(), args.provider.env)?;
    let browser = configured.browser(args.browser.as_deref())?;
    let store = configured.store()?;
    let end = end_due_before_sign_in(&store, args.end_current)?;
    let (provider, ended) = configured.open_for_sign_in(&store, &browser, end).await?;
    let provider = Arc::new(provider);
    if let (Some(ended), Some(reason)) = (&ended, end) {
        // What the end did, in `session end`'s words; the exit code is the sign-in's.
        for line in ended.lines(reason, lang) {
            eprintln!("{line}");
        }
    }
    let just_ended = ended.as_ref().map(|ended| &ended.report);
    let previous = previous_for_sign_in(&store, &browser, args.browser_closed, just_ended);
    drop(store);
    let previous = match previous {
        Ok(previous) => previous,
        Err(failure) => {
            provider.shutdown().await;
            return Err(failure);
        }
    };
    let request = Request {
        eidas: args.eidas,
        acr,
        browser,
        timeout: Duration::from_secs(args.timeout),
        language: lang,
    };
    let outcome = sign_in(&provider, &request, previous.as_ref(), lang).await;
    // The in-process sandbox stops with this command; the browser tab already has its answer.
    provider.shutdown().await;
    outcome
}

/// The sign-in, with Ctrl-C as its cancel button; a possibly reused identity is asked about.
async fn sign_in(
    provider: &Arc<Provider>,
    request: &Request,
    previous: Option<&session::PreviousSession>,
    lang: Language,
) -> Result<VerifiedSignIn, Failure> {
    let rp = provider.discovered()?;
    let cancel = CancelHandle::new();
    let on_interrupt = cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let page = Terminal {
        browser: &request.browser,
        profiles_root: provider.store().profiles_root(),
        launched: Mutex::new(None),
        timeout: request.timeout.as_secs(),
        lang,
    };
    let outcome = provider
        .sign_in(&rp, request, &page, &cancel, previous)
        .await;
    interrupt.abort();
    let held = match outcome? {
        Outcome::Kept(verified) => return Ok(verified),
        Outcome::Held(held) => held,
    };
    if ask_staff(&held.verified.sign_in, held.suspicion, lang) {
        return provider.keep_held(held).await;
    }
    let suspicion = held.suspicion;
    let report = provider
        .discard_held(held, &request.browser, Some(&rp), LOGOUT_TIMEOUT)
        .await?;
    eprintln!("{}", discarded_line(report.fc_session_cleared, lang));
    Err(Failure {
        code: Code::PossibleReuse,
        detail: format!(
            "{}; FC+ logout: {}",
            suspicion.code(),
            report.remote_logout.code()
        ),
    })
}

/// FC+'s page in the configured browser, and a line on stderr while it is open.
struct Terminal<'a> {
    browser: &'a BrowserMode,
    profiles_root: &'a Path,
    launched: Mutex<Option<LaunchedBrowser>>,
    timeout: u64,
    lang: Language,
}

impl Page for Terminal<'_> {
    fn open(&self, url: &Url) -> Result<(), SignInError> {
        let opened = self
            .browser
            .open_sign_in(url.as_str(), self.profiles_root)?;
        *self.launched.lock().unwrap_or_else(|p| p.into_inner()) = opened;
        eprintln!("{}", waiting_line(self.timeout, self.lang));
        Ok(())
    }

    fn launched(&self) -> Option<LaunchedBrowser> {
        self.launched
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    async fn take_launched(&self) -> Option<LaunchedBrowser> {
        self.launched
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

/// Shows staff the identity that may be the previous person's and asks whether it is the
/// person in front of them. Only at a terminal: a script never keeps such an identity.
fn ask_staff(verified: &VerifiedSignIn, suspicion: Suspicion, lang: Language) -> bool {
    use std::io::{BufRead as _, IsTerminal as _, Write as _};
    if !std::io::stdin().is_terminal() {
        return false;
    }
    let why = match suspicion {
        Suspicion::FrenchAfterEidas => Word::ReuseWhyFrenchAfterEidas,
        Suspicion::SameAsPrevious => Word::ReuseWhySameAsPrevious,
    };
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}\n{}{}",
        Word::ReuseWarning.fill(lang, &[("why", why.text(lang))]),
        render_text(&verified.identity, lang),
        Word::KeepQuestion.text(lang),
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
    if fc_session_cleared {
        Word::DiscardedStartAgain.text(lang)
    } else {
        Word::DiscardedCloseBrowser.text(lang)
    }
}

fn waiting_line(timeout: u64, lang: Language) -> String {
    Word::WaitingForBrowser.fill(lang, &[("timeout", &timeout.to_string())])
}
