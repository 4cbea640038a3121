//! Ends: by staff, by the idle tick, and of a session found expired at start.

use std::time::Duration;

use session::{Current, EndReason, IdlePolicy};

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_end_the_session_with_fc_plus_logout_and_nothing_stays() {
    let desk = Desk::new(Setup::default()).await;
    desk.sign_in_marie().await;
    let ended = desk
        .app
        .end_session(EndReason::Staff)
        .await
        .expect("the session ends");
    assert!(ended.had_session);
    assert_eq!(
        ended.remote_logout, "done",
        "the person's browser followed FC+'s logout"
    );
    assert!(ended.fc_session_cleared);
    assert_eq!(desk.phase(), PhaseName::Home);
    assert!(!desk.kept(), "the vault is wiped");
    assert_eq!(desk.pages(), 2, "the sign-in page, then the logout page");
    assert_eq!(
        desk.asked(),
        vec![Asked::Front],
        "a browser command, not the shell, opened both pages; the shell brought Guichet back \
         after the sign-in"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_tick_ends_the_session_at_the_deadline_and_says_so() {
    let desk = Desk::new(Setup {
        idle: IdlePolicy::new(Duration::from_millis(600), Duration::from_millis(300)),
        ..Setup::default()
    })
    .await;
    desk.sign_in_marie().await;
    desk.app.touch();
    desk.app.idle_tick().await;
    assert_eq!(desk.phase(), PhaseName::SignedIn, "not idle yet");
    desk.wait("the idle warning", |s| s.idle_seconds_left.is_some())
        .await;
    tokio::time::sleep(Duration::from_millis(650)).await;
    desk.app.idle_tick().await;
    let status = desk.app.status();
    assert_eq!(status.phase, PhaseName::Home);
    let notice = status.notice.expect("the end is announced");
    assert_eq!(notice.code, "idle_ended");
    assert_eq!(notice.remote_logout, "done");
    assert!(!desk.kept());
    assert!(desk.app.status().notice.is_none(), "announced once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_found_expired_at_start_is_ended_by_the_first_tick() {
    let setup = || Setup {
        config: "[session]\nlifetime_secs = 1\n",
        ..Setup::default()
    };
    let first = Desk::new(setup()).await;
    first.sign_in_marie().await;
    first.app.provider().unwrap().shutdown().await;
    let Desk { _dir, folders, .. } = first;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let desk = Desk::in_folders(setup(), _dir, folders).await;
    assert_eq!(
        desk.phase(),
        PhaseName::Home,
        "an expired session is not shown"
    );
    desk.go_offline();
    desk.app.idle_tick().await;
    let notice = desk.app.status().notice.expect("the end is announced");
    assert_eq!(notice.code, "expired");
    assert!(!desk.kept());
    let provider = desk.app.provider().unwrap();
    assert!(
        matches!(
            provider.store().current(time::OffsetDateTime::now_utc()),
            Ok(Current::None)
        ),
        "wiped"
    );
}
