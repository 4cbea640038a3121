//! `guichet session show|end|watch`: the session kept by `login`, and its end.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use codes::Word;
use counter::kept::{Configured, Ended, end_kept};
use counter::provider::LOGOUT_TIMEOUT;
use counter::{Due, Failure, Language};
use session::config::idle_policy;
use session::{Current, EndReason};
use tokio::io::AsyncBufReadExt as _;

use crate::cli::{ProviderArgs, SessionCommand};
use crate::output::print_identity;

/// Exit code: nobody is signed in.
pub const EXIT_NO_SESSION: u8 = 10;
/// Exit code: the session had expired (it has been wiped).
pub const EXIT_EXPIRED: u8 = 11;
/// Exit code: wiped locally, but the FC+ logout did not complete.
pub const EXIT_LOGOUT_INCOMPLETE: u8 = 12;

pub async fn run(command: SessionCommand) -> ExitCode {
    let lang = Language::from_env();
    let result = match command {
        SessionCommand::Show { provider, json } => show(&provider, json, lang).await,
        SessionCommand::End {
            provider,
            browser,
            timeout,
        } => {
            end(
                &provider,
                browser.as_deref(),
                Duration::from_secs(timeout),
                lang,
            )
            .await
        }
        SessionCommand::Watch {
            provider,
            idle_timeout,
            warning,
            browser,
        } => watch(&provider, idle_timeout, warning, browser.as_deref(), lang).await,
    };
    result.unwrap_or_else(|failure| {
        eprintln!("guichet: {}", failure.line(lang));
        ExitCode::from(failure.code.exit_code())
    })
}

/// The command's configuration, read once.
fn configured(provider: &ProviderArgs) -> Result<Configured, Failure> {
    Configured::read(provider.config.as_deref(), provider.env)
}

async fn show(provider: &ProviderArgs, json: bool, lang: Language) -> Result<ExitCode, Failure> {
    let configured = configured(provider)?;
    let current = configured
        .store()?
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?;
    match current {
        Current::Active(session) => {
            print_identity(&session.identity, json, lang)
                .map_err(|e| Failure::internal(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Current::None => {
            eprintln!("{}", Word::NobodySignedIn.text(lang));
            Ok(ExitCode::from(EXIT_NO_SESSION))
        }
        Current::Expired => {
            // Ended as an expiry is: FC+ logout while FC+ may still hold it, then the wipe.
            let ended = end_session(configured, None, LOGOUT_TIMEOUT, EndReason::Expired).await?;
            let said = report_end(&ended, EndReason::Expired, lang);
            if said != ExitCode::SUCCESS {
                return Ok(said);
            }
            Ok(ExitCode::from(EXIT_EXPIRED))
        }
    }
}

/// [`end_kept`] with the browser the command line names over the file's.
async fn end_session(
    configured: Configured,
    browser: Option<&str>,
    timeout: Duration,
    reason: EndReason,
) -> Result<Ended, Failure> {
    let browser = configured.browser(browser)?;
    end_kept(configured, &browser, timeout, reason).await
}

async fn end(
    provider: &ProviderArgs,
    browser: Option<&str>,
    timeout: Duration,
    lang: Language,
) -> Result<ExitCode, Failure> {
    let ended = end_session(configured(provider)?, browser, timeout, EndReason::Staff).await?;
    Ok(report_end(&ended, EndReason::Staff, lang))
}

/// Says what the end did; its exit code: 0, or [`EXIT_LOGOUT_INCOMPLETE`].
fn report_end(ended: &Ended, reason: EndReason, lang: Language) -> ExitCode {
    for line in ended.lines(reason, lang) {
        eprintln!("{line}");
    }
    if ended.logout_incomplete() {
        ExitCode::from(EXIT_LOGOUT_INCOMPLETE)
    } else {
        ExitCode::SUCCESS
    }
}

async fn watch(
    provider: &ProviderArgs,
    idle_timeout: Option<u64>,
    warning: Option<u64>,
    browser: Option<&str>,
    lang: Language,
) -> Result<ExitCode, Failure> {
    let configured = configured(provider)?;
    let store = configured.store()?;
    let file_policy = idle_policy(configured.raw.kiosk.as_ref());
    let policy = session::IdlePolicy::new(
        idle_timeout
            .map(Duration::from_secs)
            .unwrap_or(file_policy.timeout),
        warning
            .map(Duration::from_secs)
            .unwrap_or(file_policy.warning),
    );
    let expires_at = match store
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?
    {
        Current::Active(session) => session.identity.expires_at,
        Current::None => {
            eprintln!("{}", Word::NobodySignedIn.text(lang));
            return Ok(ExitCode::from(EXIT_NO_SESSION));
        }
        Current::Expired => {
            drop(store);
            let ended =
                end_session(configured, browser, LOGOUT_TIMEOUT, EndReason::Expired).await?;
            return Ok(report_end(&ended, EndReason::Expired, lang));
        }
    };
    drop(store);
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let mut stdin_open = true;
    let mut last_activity = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let reason = loop {
        tokio::select! {
            line = lines.next_line(), if stdin_open => match line {
                Ok(Some(_)) => last_activity = Instant::now(),
                _ => stdin_open = false,
            },
            _ = tick.tick() => {
                match counter::idle::due(&policy, last_activity, Instant::now(), expires_at, time::OffsetDateTime::now_utc()) {
                    Due::End(reason) => break reason,
                    Due::Warn { remaining } => eprintln!(
                        "{}",
                        Word::IdleWarning.fill(lang, &[("seconds", &remaining.as_secs().to_string())])
                    ),
                    Due::Keep => {}
                }
            }
        }
    };
    let ended = end_session(configured, browser, LOGOUT_TIMEOUT, reason).await?;
    Ok(report_end(&ended, reason, lang))
}
