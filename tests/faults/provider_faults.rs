//! FC+ slow beyond the client's HTTP timeout, FC+ answering 5xx at each endpoint, the network
//! cut between the callback and the token request, and clocks that disagree.

use codes::Code;
use std::time::Duration;

use sandbox::{Endpoint, Fault};

use crate::faults::case::{Case, Outcome, case, ensure};
use crate::faults::checks::{Shown, clear_failure, nothing_kept, show};
use crate::faults::run::{Finished, MARIE, watch};
use crate::support::browser::{Chromium, UrlInbox};
use crate::support::fixtures::Provider;

pub fn cases() -> Vec<Case> {
    vec![
        case!(slow_discovery_is_unreachable_and_opens_no_browser),
        case!(slow_jwks_is_unreachable_and_keeps_nothing),
        case!(slow_token_endpoint_is_unreachable_and_keeps_nothing),
        case!(slow_userinfo_is_unreachable_and_keeps_nothing),
        case!(discovery_503_is_unreachable_and_opens_no_browser),
        case!(jwks_500_is_unreachable_and_keeps_nothing),
        case!(token_endpoint_500_is_unreachable_and_keeps_nothing),
        case!(userinfo_502_is_unreachable_and_keeps_nothing),
        case!(discovery_503_with_a_warm_cache_signs_in_from_the_cache),
        case!(network_cut_between_callback_and_token_is_unreachable_and_keeps_nothing),
        case!(provider_clock_20s_ahead_is_within_the_leeway),
        case!(provider_clock_75s_behind_is_within_the_leeway),
        case!(provider_clock_90s_ahead_is_refused_and_keeps_nothing),
        case!(provider_clock_120s_behind_is_refused_and_keeps_nothing),
    ]
}

/// Beyond fcplus's 10 s HTTP timeout.
const TOO_SLOW: Duration = Duration::from_secs(12);

/// `guichet login` on a fresh machine with `fault` at `endpoint`, Marie clicking through in
/// a real Chromium that `guichet` opens.
async fn sign_in_with(fault: Option<(Endpoint, Fault)>, lang: &str) -> (Provider, Finished) {
    let provider = Provider::start(vec![], "").await;
    if let Some((endpoint, fault)) = fault {
        provider.sandbox.set_fault(endpoint, Some(fault));
    }
    let run = sign_in(&provider, lang).await;
    (provider, run)
}

/// Marie signs in on `provider` in a real Chromium; returns how `guichet login` ended.
async fn sign_in(provider: &Provider, lang: &str) -> Finished {
    sign_in_with_args(provider, lang, &[]).await
}

/// [`sign_in`] with more arguments for `guichet login`.
async fn sign_in_with_args(provider: &Provider, lang: &str, extra: &[&str]) -> Finished {
    let chromium = Chromium::new();
    let command_line = chromium.command();
    let mut args = vec![
        "login",
        "--json",
        "--timeout",
        "90",
        "--browser",
        &command_line,
    ];
    args.extend_from_slice(extra);
    let mut command = provider.guichet(&args);
    command.env("GUICHET_LANG", lang);
    let run = watch(command, None);
    let driver = chromium.attach().await;
    for id in MARIE {
        driver.click(id).await;
    }
    // The loopback page answers once the sign-in has ended (verified and kept, or not).
    driver.landing().await;
    driver.close().await;
    run.finish().await
}

/// A login that must fail before any browser opens (discovery).
async fn login_without_browser(fault: Fault, lang: &str) -> Outcome {
    let provider = Provider::start(vec![], "").await;
    provider.sandbox.set_fault(Endpoint::Discovery, Some(fault));
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let opened = provider.machine.dir.path().join("opened-url");
    let mut command =
        provider.guichet(&["login", "--timeout", "60", "--browser", &inbox.command()]);
    command.env("GUICHET_LANG", lang);
    let run = watch(command, None).finish().await;
    clear_failure(&run, Code::ProviderUnreachable, 5, lang)?;
    ensure!(
        !opened.exists(),
        "no browser may open without FC+'s configuration"
    );
    nothing_kept(&provider).await?;
    Ok(format!("exit 5: {}", run.message_lines()[0]))
}

async fn slow_discovery_is_unreachable_and_opens_no_browser() -> Outcome {
    login_without_browser(Fault::Delay(TOO_SLOW), "en").await
}

async fn discovery_503_is_unreachable_and_opens_no_browser() -> Outcome {
    login_without_browser(Fault::Status(503), "fr").await
}

/// A sign-in that reaches FC+'s pages and then fails as unreachable.
async fn unreachable_after_the_browser(endpoint: Endpoint, fault: Fault, lang: &str) -> Outcome {
    let (provider, run) = sign_in_with(Some((endpoint, fault)), lang).await;
    clear_failure(&run, Code::ProviderUnreachable, 5, lang)?;
    nothing_kept(&provider).await?;
    Ok(format!("exit 5: {}", run.message_lines()[0]))
}

async fn slow_jwks_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Jwks, Fault::Delay(TOO_SLOW), "en").await
}

async fn slow_token_endpoint_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Token, Fault::Delay(TOO_SLOW), "fr").await
}

async fn slow_userinfo_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Userinfo, Fault::Delay(TOO_SLOW), "en").await
}

async fn jwks_500_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Jwks, Fault::Status(500), "fr").await
}

async fn token_endpoint_500_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Token, Fault::Status(500), "en").await
}

async fn userinfo_502_is_unreachable_and_keeps_nothing() -> Outcome {
    unreachable_after_the_browser(Endpoint::Userinfo, Fault::Status(502), "fr").await
}

async fn network_cut_between_callback_and_token_is_unreachable_and_keeps_nothing() -> Outcome {
    let (provider, run) =
        sign_in_with(Some((Endpoint::Consent, Fault::OfflineAfterAnswer)), "en").await;
    ensure!(
        provider.sandbox.requests(Endpoint::Consent) == 1,
        "the consent went through before the cut"
    );
    clear_failure(&run, Code::ProviderUnreachable, 5, "en")?;
    nothing_kept(&provider).await?;
    Ok(format!("exit 5: {}", run.message_lines()[0]))
}

async fn discovery_503_with_a_warm_cache_signs_in_from_the_cache() -> Outcome {
    let provider = Provider::start(vec![], "").await;
    let first = sign_in(&provider, "en").await;
    ensure!(
        first.code == Some(0),
        "the first sign-in warms the cache: {}",
        first.stderr
    );
    // The next person: the first session is wiped (a sign-in while one is kept is refused);
    // its FC+ logout is not this case's subject (no browser takes it: exit 12).
    let wiped = provider
        .guichet(&["session", "end", "--timeout", "2", "--browser", "true"])
        .output()
        .await
        .map_err(|e| e.to_string())?;
    ensure!(
        matches!(wiped.status.code(), Some(0 | 12)),
        "the first session is wiped: {}",
        String::from_utf8_lossy(&wiped.stderr)
    );
    provider
        .sandbox
        .set_fault(Endpoint::Discovery, Some(Fault::Status(503)));
    // That wipe could not log out of FC+: staff closed the browser (this test's Chromium
    // is gone), and say so, as the next sign-in with the system browser requires. Marie signs
    // in again, which within FC+'s 600 s would be held as a possible reuse of her session
    // (issue 17, tested in e2e/logout.rs): this case is about the cached discovery, so it
    // plays the sign-in as later, once that record no longer counts.
    let _ = std::fs::remove_file(provider.machine.data_dir().join("previous-session.json"));
    let second = sign_in_with_args(&provider, "en", &["--browser-closed"]).await;
    ensure!(
        second.code == Some(0),
        "with FC+'s discovery failing, the cached copy must serve: {}",
        second.stderr
    );
    ensure!(
        second.stderr.contains("discovery_from_cache"),
        "the cached discovery was used: {}",
        second.stderr
    );
    ensure!(
        show(&provider).await? == Shown::Marie,
        "the session was kept"
    );
    Ok("signed in from the cached discovery".into())
}

/// Marie signs in while the provider's clock is `offset_secs` off.
async fn sign_in_with_skew(offset_secs: i64, lang: &str) -> (Provider, Finished) {
    let provider = Provider::start(vec![], "").await;
    provider.sandbox.set_clock_offset(offset_secs);
    let run = sign_in(&provider, lang).await;
    (provider, run)
}

async fn accepted_with_skew(offset_secs: i64) -> Outcome {
    let (provider, run) = sign_in_with_skew(offset_secs, "en").await;
    ensure!(
        run.code == Some(0),
        "a {offset_secs} s skew is within the 30 s leeway plus the token's 60 s life: {}",
        run.stderr
    );
    ensure!(
        show(&provider).await? == Shown::Marie,
        "the session was kept whole"
    );
    Ok("signed in".into())
}

async fn refused_with_skew(offset_secs: i64, lang: &str) -> Outcome {
    let (provider, run) = sign_in_with_skew(offset_secs, lang).await;
    clear_failure(&run, Code::VerificationFailed, 6, lang)?;
    nothing_kept(&provider).await?;
    Ok(format!("exit 6: {}", run.message_lines()[0]))
}

async fn provider_clock_20s_ahead_is_within_the_leeway() -> Outcome {
    accepted_with_skew(20).await
}

async fn provider_clock_75s_behind_is_within_the_leeway() -> Outcome {
    // exp = now - 75 + 60 = 15 s ago: within the 30 s leeway.
    accepted_with_skew(-75).await
}

async fn provider_clock_90s_ahead_is_refused_and_keeps_nothing() -> Outcome {
    // iat 90 s in the future: beyond the 30 s leeway.
    refused_with_skew(90, "fr").await
}

async fn provider_clock_120s_behind_is_refused_and_keeps_nothing() -> Outcome {
    // exp = now - 120 + 60 = 60 s ago: beyond the 30 s leeway.
    refused_with_skew(-120, "en").await
}
