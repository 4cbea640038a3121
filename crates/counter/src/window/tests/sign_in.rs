//! Sign-ins: kept, cancelled, reopened, held for staff, refused.

use std::time::Duration;

use super::*;
use crate::window::lock;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_through_the_system_browser_is_kept_and_shown() {
    let desk = Desk::new(Setup {
        system_browser: true,
        ..Setup::default()
    })
    .await;
    assert_eq!(desk.phase(), PhaseName::Home);
    desk.sign_in_marie().await;
    let status = desk.app.status();
    assert_eq!(status.phase, PhaseName::SignedIn);
    assert!(status.identity.is_some(), "the identity is shown");
    assert!(desk.kept(), "the session is in the vault");
    let asked = desk.asked();
    assert_eq!(
        asked.len(),
        2,
        "one page opened, then the window: {asked:?}"
    );
    assert!(
        matches!(&asked[0], Asked::Open(url) if url.contains("/authorize?")),
        "the shell opened FC+'s authorization page: {asked:?}"
    );
    assert_eq!(
        asked[1],
        Asked::Front,
        "Guichet came back in front of the browser with the identity"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_the_sign_in_and_goes_home() {
    let desk = Desk::new(Setup::default()).await;
    desk.plan(&[Act::Leave]);
    let sign_in = desk.start_sign_in().await;
    assert_eq!(desk.phase(), PhaseName::SigningIn);
    assert!(
        desk.asked().is_empty(),
        "the browser keeps the front meanwhile"
    );
    desk.app.cancel_sign_in();
    let error = sign_in
        .await
        .unwrap()
        .expect_err("a cancelled sign-in fails");
    assert_eq!(error.code, codes::Code::Cancelled);
    assert_eq!(desk.asked(), vec![Asked::Front], "Guichet says it in front");
    assert_eq!(desk.phase(), PhaseName::Home);
    assert!(!desk.kept());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reopen_racing_a_cancel_leaves_nothing_to_reopen() {
    let desk = Desk::new(Setup::default()).await;
    desk.plan(&[Act::Leave, Act::Leave, Act::Leave]);
    let sign_in = desk.start_sign_in().await;
    desk.app
        .reopen_browser()
        .await
        .expect("the page opens again");
    desk.wait("the page reopened", |_| desk.pages() == 2).await;
    let (reopened, ()) = tokio::join!(desk.app.reopen_browser(), async {
        desk.app.cancel_sign_in()
    });
    let error = sign_in.await.unwrap().expect_err("cancelled");
    assert_eq!(error.code, codes::Code::Cancelled);
    assert_eq!(desk.phase(), PhaseName::Home);
    if let Err(error) = reopened {
        assert_eq!(error.code, codes::Code::NoSignIn, "lost the race cleanly");
    }
    let after = desk
        .app
        .reopen_browser()
        .await
        .expect_err("nothing to reopen");
    assert_eq!(after.code, codes::Code::NoSignIn);
    assert!(desk.pages() <= 3, "no page opened after the cancel");
}

/// Marie signs in, her session ends while FC+ is unreachable (so her FC+ session may live on),
/// staff say the browser was closed, and Marie comes back: the same person again, held.
async fn held_marie(desk: &Desk) {
    desk.sign_in_marie().await;
    desk.go_offline();
    let ended = desk.app.end_session(EndReason::Staff).await.unwrap();
    assert!(!ended.fc_session_cleared, "FC+ was not reached");
    *lock(&desk.app.online) = Some(true);
    let refused = desk.app.sign_in(false).await.expect_err("refused");
    assert_eq!(
        refused.code,
        codes::Code::PreviousFcSession,
        "a shared browser may still hold Marie's FC+ session"
    );
    assert_eq!(desk.phase(), PhaseName::Home);
    desk.app.confirm_browser_closed();
    desk.plan(&[Act::SignIn("marie")]);
    let held = desk.app.sign_in(false).await.expect("held, not failed");
    assert!(
        matches!(held, crate::window::view::SignInOutcome::Held),
        "{held:?}"
    );
    let status = desk.app.status();
    assert_eq!(status.phase, PhaseName::Confirming);
    assert_eq!(status.suspicion, Some("same_as_previous"));
    assert!(status.identity.is_some(), "staff see whom to check");
    assert!(!desk.kept(), "held, not kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_identity_is_kept_once_staff_confirm_it() {
    let desk = Desk::new(Setup::default()).await;
    held_marie(&desk).await;
    let again = desk.app.sign_in(false).await.expect_err("nobody else");
    assert_eq!(again.code, codes::Code::SessionActive);
    desk.app.keep_held(None).await.expect("kept");
    assert_eq!(desk.phase(), PhaseName::SignedIn);
    assert!(desk.kept());
    let twice = desk.app.keep_held(None).await.expect_err("answered once");
    assert_eq!(twice.code, codes::Code::NoSignIn);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_identity_discarded_is_logged_out_and_never_kept() {
    let desk = Desk::new(Setup::default()).await;
    held_marie(&desk).await;
    let ended = desk.app.discard_held().await.expect("discarded");
    assert_eq!(ended.remote_logout, "done", "its FC+ session is closed");
    assert!(ended.fc_session_cleared);
    assert_eq!(desk.phase(), PhaseName::Home);
    assert!(!desk.kept());
    assert!(desk.app.status().identity.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_kiosk_keeping_a_held_identity_takes_the_staff_pin() {
    let desk = Desk::new(Setup {
        kiosk: true,
        ..Setup::default()
    })
    .await;
    held_marie(&desk).await;
    let wrong = desk
        .app
        .keep_held(Some("1111"))
        .await
        .expect_err("wrong PIN");
    assert_eq!(wrong.code, codes::Code::PinWrong);
    assert_eq!(desk.phase(), PhaseName::Confirming, "still held");
    desk.app
        .keep_held(Some(PIN))
        .await
        .expect("kept with the PIN");
    assert_eq!(desk.phase(), PhaseName::SignedIn);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_is_refused_while_a_session_is_kept() {
    let desk = Desk::new(Setup::default()).await;
    desk.sign_in_marie().await;
    let refused = desk.app.sign_in(false).await.expect_err("refused");
    assert_eq!(refused.code, codes::Code::SessionActive);
    assert_eq!(desk.phase(), PhaseName::SignedIn, "Marie is still shown");
    assert!(desk.kept());
    assert_eq!(desk.pages(), 1, "no second page opened");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_browser_closed_during_the_wait_ends_the_sign_in_at_once() {
    let desk = Desk::new(Setup {
        private_browser: true,
        ..Setup::default()
    })
    .await;
    let sign_in = desk.start_sign_in().await;
    let launched = match &*desk.app.phase() {
        crate::window::phase::Phase::SigningIn(signing_in) => signing_in.browser.clone(),
        _ => None,
    }
    .expect("the private browser is recorded");
    assert!(launched.profile_dir.is_dir());
    // The person closes the browser (its window's close button).
    std::process::Command::new("kill")
        .arg(launched.pid.to_string())
        .status()
        .unwrap();
    let error = tokio::time::timeout(Duration::from_secs(10), sign_in)
        .await
        .expect("ended long before the sign-in's 20 s")
        .unwrap()
        .expect_err("nobody can come back");
    assert_eq!(error.code, codes::Code::BrowserClosed, "{}", error.message);
    assert_eq!(desk.phase(), PhaseName::Home);
    assert!(!launched.profile_dir.exists(), "its profile is deleted");
    assert!(!desk.kept());
}
