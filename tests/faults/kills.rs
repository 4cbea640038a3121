//! SIGKILL of `guichet` at each step of a kiosk sign-in (private browser profile) and of an
//! end of session. After each kill, the next runs must find a whole session or none, and
//! `session end` must leave no profile, no browser on it, no session file and no plaintext.

use std::time::Duration;

use sandbox::{Endpoint, Fault};

use crate::faults::case::{Case, Outcome, case, ensure};
use crate::faults::checks::{
    Shown, end_leaves_nothing, plaintext_under, profiles_root, sandbox_saw, show,
};
use crate::faults::run::{MARIE, click_through, private_browser_config, watch};
use crate::support::browser::free_port;
use crate::support::fixtures::Provider;

pub fn cases() -> Vec<Case> {
    vec![
        case!(sigkill_while_waiting_for_the_callback_leaves_no_session_and_no_profile),
        case!(sigkill_right_after_the_callback_leaves_no_session_and_no_profile),
        case!(sigkill_during_the_token_request_leaves_no_session_and_no_profile),
        case!(sigkill_after_the_token_before_the_store_leaves_no_session_and_no_profile),
        case!(sigkill_during_the_store_leaves_a_whole_session_or_none),
        case!(sigkill_before_the_logout_keeps_the_session_for_the_next_end),
        case!(sigkill_during_the_logout_keeps_the_session_for_the_next_end),
        case!(sigkill_during_the_wipe_leaves_a_whole_session_or_none),
    ]
}

/// Long enough that the kill surely comes while the request is still held.
const HELD: Duration = Duration::from_secs(40);

/// A kiosk: FC+ sandbox, private Chromium profiles, a debugging port to click through.
async fn kiosk() -> (Provider, u16) {
    let port = free_port();
    let provider = Provider::start(vec![], &private_browser_config(port)).await;
    (provider, port)
}

fn login(provider: &Provider) -> tokio::process::Command {
    provider.guichet(&["login", "--json", "--timeout", "90"])
}

/// After a killed sign-in: nobody (or, when `whole_allowed`, Marie's whole session), no
/// plaintext outside the profile, then an end that leaves nothing.
async fn consistent_after_kill(provider: &Provider, whole_allowed: bool) -> Outcome {
    let shown = show(provider).await?;
    ensure!(
        shown == Shown::Nobody || whole_allowed,
        "a sign-in killed before its store must keep no session, found {shown:?}"
    );
    if let Some(found) =
        plaintext_under(&provider.machine.data_dir(), Some(&profiles_root(provider)))
    {
        return Err(found);
    }
    let ended = end_leaves_nothing(provider).await?;
    Ok(format!("next run: {shown:?}; {ended}"))
}

async fn sigkill_while_waiting_for_the_callback_leaves_no_session_and_no_profile() -> Outcome {
    let (provider, port) = kiosk().await;
    let run = watch(login(&provider), None);
    // The person is on FC+'s chooser: guichet waits on its loopback port.
    let driver = click_through(port, &[]).await;
    driver.text("idp-fip1").await;
    run.kill();
    let killed = run.finish().await;
    ensure!(killed.killed, "the kill landed: {}", killed.stderr);
    ensure!(
        profiles_root(&provider).exists(),
        "the private profile was created before the kill"
    );
    drop(driver);
    consistent_after_kill(&provider, false).await
}

async fn sigkill_right_after_the_callback_leaves_no_session_and_no_profile() -> Outcome {
    let (provider, port) = kiosk().await;
    let run = watch(login(&provider), Some("redirect_received"));
    let driver = click_through(port, &MARIE[..2]).await;
    driver.click_and_let_go("consent-button").await;
    let killed = run.finish().await;
    ensure!(killed.killed, "killed at the callback: {}", killed.stderr);
    let tokens = provider.sandbox.requests(Endpoint::Token);
    drop(driver);
    let note = consistent_after_kill(&provider, false).await?;
    Ok(format!(
        "token requests reaching FC+ before the kill: {tokens}; {note}"
    ))
}

async fn sigkill_during_the_token_request_leaves_no_session_and_no_profile() -> Outcome {
    let (provider, port) = kiosk().await;
    provider
        .sandbox
        .set_fault(Endpoint::Token, Some(Fault::Delay(HELD)));
    let run = watch(login(&provider), None);
    let driver = click_through(port, &MARIE[..2]).await;
    driver.click_and_let_go("consent-button").await;
    sandbox_saw("the token request", || {
        provider.sandbox.requests(Endpoint::Token) == 1
    })
    .await?;
    run.kill();
    let killed = run.finish().await;
    ensure!(
        killed.killed,
        "killed during the token request: {}",
        killed.stderr
    );
    provider.sandbox.set_fault(Endpoint::Token, None);
    drop(driver);
    consistent_after_kill(&provider, false).await
}

async fn sigkill_after_the_token_before_the_store_leaves_no_session_and_no_profile() -> Outcome {
    let (provider, port) = kiosk().await;
    provider
        .sandbox
        .set_fault(Endpoint::Userinfo, Some(Fault::Delay(HELD)));
    let run = watch(login(&provider), None);
    let driver = click_through(port, &MARIE[..2]).await;
    driver.click_and_let_go("consent-button").await;
    sandbox_saw("the userinfo request", || {
        provider.sandbox.requests(Endpoint::Userinfo) == 1
    })
    .await?;
    run.kill();
    let killed = run.finish().await;
    ensure!(
        killed.killed,
        "killed while fetching userinfo: {}",
        killed.stderr
    );
    provider.sandbox.set_fault(Endpoint::Userinfo, None);
    drop(driver);
    consistent_after_kill(&provider, false).await
}

async fn sigkill_during_the_store_leaves_a_whole_session_or_none() -> Outcome {
    let (provider, port) = kiosk().await;
    // `sign_in_verified` is logged right before the vault store.
    let run = watch(login(&provider), Some("sign_in_verified"));
    let driver = click_through(port, &MARIE[..2]).await;
    driver.click_and_let_go("consent-button").await;
    let killed = run.finish().await;
    ensure!(killed.killed, "killed at the store: {}", killed.stderr);
    let stored = killed.stderr.contains("vault.stored");
    drop(driver);
    let note = consistent_after_kill(&provider, true).await?;
    Ok(format!("store finished before the kill: {stored}; {note}"))
}

/// Marie signed in on a kiosk; returns it with its debugging port.
async fn signed_in_kiosk() -> Result<(Provider, u16), String> {
    let (provider, port) = kiosk().await;
    let run = watch(login(&provider), None);
    let driver = click_through(port, MARIE).await;
    driver.text("heading").await;
    let signed_in = run.finish().await;
    ensure!(
        signed_in.code == Some(0),
        "the sign-in works: {}",
        signed_in.stderr
    );
    drop(driver);
    Ok((provider, port))
}

fn end(provider: &Provider) -> tokio::process::Command {
    provider.guichet(&["session", "end", "--timeout", "60"])
}

/// After a killed end: the session is still whole (or, when `none_allowed`, gone), and the
/// next end leaves nothing, FC+ logout included.
async fn consistent_after_killed_end(provider: &Provider, none_allowed: bool) -> Outcome {
    let shown = show(provider).await?;
    ensure!(
        shown == Shown::Marie || none_allowed,
        "an end killed before its wipe must keep the session for the next end, found {shown:?}"
    );
    // `none_allowed` is the kill at the wipe, after FC+'s logout came back.
    let ended = crate::faults::checks::end_leaves_nothing_after(provider, none_allowed).await?;
    Ok(format!("next run: {shown:?}; {ended}"))
}

async fn sigkill_before_the_logout_keeps_the_session_for_the_next_end() -> Outcome {
    let (provider, _) = signed_in_kiosk().await?;
    // `session end` reads FC+'s discovery first: hold it there and kill.
    let before = provider.sandbox.requests(Endpoint::Discovery);
    provider
        .sandbox
        .set_fault(Endpoint::Discovery, Some(Fault::Delay(HELD)));
    let run = watch(end(&provider), None);
    sandbox_saw("the discovery request", || {
        provider.sandbox.requests(Endpoint::Discovery) > before
    })
    .await?;
    run.kill();
    let killed = run.finish().await;
    ensure!(killed.killed, "killed before the logout: {}", killed.stderr);
    provider.sandbox.set_fault(Endpoint::Discovery, None);
    consistent_after_killed_end(&provider, false).await
}

async fn sigkill_during_the_logout_keeps_the_session_for_the_next_end() -> Outcome {
    let (provider, _) = signed_in_kiosk().await?;
    provider
        .sandbox
        .set_fault(Endpoint::EndSession, Some(Fault::Delay(HELD)));
    let run = watch(end(&provider), None);
    sandbox_saw("the logout request", || {
        provider.sandbox.requests(Endpoint::EndSession) == 1
    })
    .await?;
    run.kill();
    let killed = run.finish().await;
    ensure!(killed.killed, "killed during the logout: {}", killed.stderr);
    provider.sandbox.set_fault(Endpoint::EndSession, None);
    // The browser the killed end started is still on the profile: the next end must close
    // it first, or its own logout browser cannot use the profile (the bug this case found).
    consistent_after_killed_end(&provider, false).await
}

async fn sigkill_during_the_wipe_leaves_a_whole_session_or_none() -> Outcome {
    let (provider, _) = signed_in_kiosk().await?;
    // The logout came back: what follows is closing the browser, deleting the profile and
    // wiping the vault.
    let run = watch(end(&provider), Some("redirect_received"));
    let killed = run.finish().await;
    ensure!(killed.killed, "killed at the wipe: {}", killed.stderr);
    let wiped = killed.stderr.contains("vault.wiped");
    let note = consistent_after_killed_end(&provider, true).await?;
    Ok(format!("vault wiped before the kill: {wiped}; {note}"))
}
