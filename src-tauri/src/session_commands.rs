//! `guichet session show|end|watch`: the session kept by `login`, and its end.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use counter::environment::{client_id, read_config, resolve_env};
use counter::messages::fc_error_pages;
use counter::{Due, Env, Failure, Language, Provider, store};
use session::config::{RawAppConfig, browser_mode, idle_policy};
use session::{BrowserMode, Current, EndReason, EndReport, RemoteLogout, SessionStore};
use tokio::io::AsyncBufReadExt as _;

use crate::cli::{ProviderArgs, SessionCommand};
use crate::exit::exit_code;
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
        ExitCode::from(exit_code(failure.code))
    })
}

/// The file, the environment (`--env`, else the one the file names) and its session store.
fn open(
    provider: &ProviderArgs,
) -> Result<(RawAppConfig, std::path::PathBuf, Env, SessionStore), Failure> {
    let (raw, base) = read_config(provider.config.as_deref())?;
    let env = resolve_env(provider.env, &raw)?;
    let store = open_store(env, &raw)?;
    Ok((raw, base, env, store))
}

fn open_store(env: Env, raw: &RawAppConfig) -> Result<SessionStore, Failure> {
    Ok(store::open(env, &client_id(env, raw)?))
}

async fn show(provider: &ProviderArgs, json: bool, lang: Language) -> Result<ExitCode, Failure> {
    let (_, _, _, store) = open(provider)?;
    let current = store
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?;
    drop(store);
    match current {
        Current::Active(session) => {
            print_identity(&session.identity, json, lang)
                .map_err(|e| Failure::internal(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Current::None => {
            eprintln!(
                "{}",
                say(lang, "Personne n'est connecté.", "Nobody is signed in.")
            );
            Ok(ExitCode::from(EXIT_NO_SESSION))
        }
        Current::Expired => {
            // Ended as an expiry is: FC+ logout while FC+ may still hold it, then the wipe.
            let (report, unavailable) =
                end_session(provider, None, Duration::from_secs(30), EndReason::Expired).await?;
            let ended = report_end(&report, unavailable, EndReason::Expired, lang);
            if ended != ExitCode::SUCCESS {
                return Ok(ended);
            }
            Ok(ExitCode::from(EXIT_EXPIRED))
        }
    }
}

async fn end_session(
    provider: &ProviderArgs,
    browser: Option<&str>,
    timeout: Duration,
    reason: EndReason,
) -> Result<(EndReport, Option<&'static str>), Failure> {
    let (raw, base, env, store) = open(provider)?;
    let mode: BrowserMode =
        browser_mode(raw.browser.as_ref(), browser).map_err(Failure::from_config)?;
    if env == Env::Sandbox {
        // The embedded sandbox stopped with `guichet login`, and its sessions with it.
        let report = store
            .end(reason, &mode, None)
            .await
            .map_err(|e| Failure::from_session(&e))?;
        return Ok((report, Some("sandbox_stopped")));
    }
    // The same provider and listener as `login` (for the gateway: any free port).
    let opened = Provider::open(env, raw, &base, provider.config.clone()).await;
    let provider = match opened {
        Ok(provider) => provider,
        Err(failure) => {
            let report = store
                .end(reason, &mode, None)
                .await
                .map_err(|e| Failure::from_session(&e))?;
            return Ok((report, Some(failure.code)));
        }
    };
    let rp = provider.discovered();
    let report = provider
        .end(reason, &mode, rp.as_deref().ok(), timeout)
        .await?;
    Ok((report, rp.err().map(|failure| failure.code)))
}

/// Before a sign-in (`login --end-current`, or a kept session found expired): ends the kept
/// session exactly as `session end` does, and says so in the same words. The caller reads
/// [`EndReport::fc_session_cleared`]: with the system browser and a logout that did not
/// complete, the next sign-in could be handed the previous person's FC+ session.
pub async fn end_before_sign_in(
    provider: &ProviderArgs,
    browser: Option<&str>,
    reason: EndReason,
    lang: Language,
) -> Result<EndReport, Failure> {
    let (report, unavailable) =
        end_session(provider, browser, Duration::from_secs(30), reason).await?;
    // Says what the end did in `session end`'s words; the exit code is the sign-in's.
    let _ = report_end(&report, unavailable, reason, lang);
    Ok(report)
}

async fn end(
    provider: &ProviderArgs,
    browser: Option<&str>,
    timeout: Duration,
    lang: Language,
) -> Result<ExitCode, Failure> {
    let (report, unavailable) = end_session(provider, browser, timeout, EndReason::Staff).await?;
    Ok(report_end(&report, unavailable, EndReason::Staff, lang))
}

fn report_end(
    report: &EndReport,
    unavailable: Option<&str>,
    reason: EndReason,
    lang: Language,
) -> ExitCode {
    if reason == EndReason::Expired {
        eprintln!(
            "{}",
            say(
                lang,
                "La session avait expiré (durée maximale atteinte) : elle est terminée.",
                "The session had expired (maximum length reached): it is ended."
            )
        );
    }
    if !report.had_session {
        eprintln!(
            "{}",
            say(
                lang,
                "Aucune session à terminer ; les données locales ont été vérifiées et effacées.",
                "No session to end; local data was checked and wiped."
            )
        );
        return ExitCode::SUCCESS;
    }
    match &report.remote_logout {
        RemoteLogout::Done => {
            eprintln!(
                "{}",
                say(
                    lang,
                    "Session terminée : déconnecté de FranceConnect+, données locales effacées.",
                    "Session ended: signed out of FranceConnect+, local data wiped."
                )
            );
            ExitCode::SUCCESS
        }
        RemoteLogout::Skipped("browser_closed") => {
            eprintln!(
                "{}",
                say(
                    lang,
                    "Session terminée : données locales et profil de navigateur privé effacés. La session FranceConnect+ est injoignable (le navigateur privé avait été fermé, et son cookie FC+ avec lui) : personne ne peut la réutiliser, mais aucune déconnexion FC+ n'a eu lieu.",
                    "Session ended: local data and private browser profile wiped. The FranceConnect+ session is unreachable (the private browser had been closed, and its FC+ cookie with it): nobody can reuse it, but no FC+ sign-out took place."
                )
            );
            ExitCode::SUCCESS
        }
        RemoteLogout::Skipped("fc_session_expired") => {
            eprintln!(
                "{}",
                say(
                    lang,
                    "Session terminée : données locales effacées. La session FranceConnect+ avait déjà expiré d'elle-même (600 s) : personne ne peut la réutiliser.",
                    "Session ended: local data wiped. The FranceConnect+ session had already expired by itself (600 s): nobody can reuse it."
                )
            );
            ExitCode::SUCCESS
        }
        _ if unavailable == Some("sandbox_stopped") => {
            eprintln!(
                "{}",
                say(
                    lang,
                    "Session terminée : données locales effacées (la session du bac à sable FC+ s'est arrêtée avec lui).",
                    "Session ended: local data wiped (the FC+ sandbox's session stopped with it)."
                )
            );
            ExitCode::SUCCESS
        }
        other => {
            let why = unavailable.unwrap_or(other.code());
            let (fr, en) = (
                format!(
                    "Session terminée sur ce poste : données locales et profil de navigateur effacés. La déconnexion de FranceConnect+ n'a pas pu se faire ({why}) : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci."
                ),
                format!(
                    "Session ended on this machine: local data and browser profile wiped. The FranceConnect+ logout could not be done ({why}): close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session."
                ),
            );
            eprintln!("{}", if lang == Language::French { fr } else { en });
            if why == "timed_out" {
                eprintln!("{}", fc_error_pages(&["Y100019"], lang));
            }
            ExitCode::from(EXIT_LOGOUT_INCOMPLETE)
        }
    }
}

async fn watch(
    provider: &ProviderArgs,
    idle_timeout: Option<u64>,
    warning: Option<u64>,
    browser: Option<&str>,
    lang: Language,
) -> Result<ExitCode, Failure> {
    let (raw, _, _, store) = open(provider)?;
    let configured = idle_policy(raw.kiosk.as_ref());
    let policy = session::IdlePolicy::new(
        idle_timeout
            .map(Duration::from_secs)
            .unwrap_or(configured.timeout),
        warning
            .map(Duration::from_secs)
            .unwrap_or(configured.warning),
    );
    let expires_at = match store
        .current(time::OffsetDateTime::now_utc())
        .map_err(|e| Failure::from_session(&e))?
    {
        Current::Active(session) => session.identity.expires_at,
        Current::None => {
            eprintln!(
                "{}",
                say(lang, "Personne n'est connecté.", "Nobody is signed in.")
            );
            return Ok(ExitCode::from(EXIT_NO_SESSION));
        }
        Current::Expired => {
            drop(store);
            let (report, unavailable) = end_session(
                provider,
                browser,
                Duration::from_secs(30),
                EndReason::Expired,
            )
            .await?;
            return Ok(report_end(&report, unavailable, EndReason::Expired, lang));
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
                        if lang == Language::French {
                            format!("La session se termine dans {} s : appuyez sur Entrée pour la garder.", remaining.as_secs())
                        } else {
                            format!("The session ends in {} s: press Enter to keep it.", remaining.as_secs())
                        }
                    ),
                    Due::Keep => {}
                }
            }
        }
    };
    let (report, unavailable) =
        end_session(provider, browser, Duration::from_secs(30), reason).await?;
    Ok(report_end(&report, unavailable, reason, lang))
}

fn say(lang: Language, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::French => fr,
        Language::English => en,
    }
}
