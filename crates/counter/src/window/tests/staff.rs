//! Staff only: the PIN, the settings screen, quitting a kiosk.

use super::*;
use crate::settings::Saved;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_pins_lock_the_settings_even_for_the_right_one() {
    let desk = Desk::new(Setup::default()).await;
    for _ in 0..crate::pin::PIN_ATTEMPTS {
        let wrong = desk.app.check_pin("0000").expect_err("wrong");
        assert_eq!(wrong.code, codes::Code::PinWrong);
    }
    let locked = desk.app.check_pin(PIN).expect_err("locked");
    assert_eq!(locked.code, codes::Code::PinLocked);
    let unlocking = desk.app.unlock_settings(PIN).expect_err("locked too");
    assert_eq!(unlocking.code, codes::Code::PinLocked);
    let saving = desk
        .app
        .save_settings(PIN, Saved::default())
        .await
        .expect_err("the PIN is no key");
    assert_eq!(saving.code, codes::Code::SettingsClosed);
    assert!(
        desk.asked().is_empty(),
        "the kiosk switch was never touched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_saved_during_a_sign_in_are_refused_and_the_sign_in_goes_on() {
    let desk = Desk::new(Setup::default()).await;
    desk.plan(&[Act::Leave]);
    let sign_in = desk.start_sign_in().await;
    let key = desk.app.unlock_settings(PIN).expect("the right PIN");
    let refused = desk
        .app
        .save_settings(
            &key,
            Saved {
                kiosk: Some(true),
                ..Saved::default()
            },
        )
        .await
        .expect_err("refused");
    assert_eq!(refused.code, codes::Code::SessionActive);
    assert_eq!(desk.phase(), PhaseName::SigningIn, "the sign-in goes on");
    assert!(desk.asked().is_empty(), "kiosk mode untouched");
    assert!(
        !desk.folders.config.join("settings.toml").exists()
            && !desk.folders.data.join("settings.toml").exists(),
        "nothing saved"
    );
    desk.app.cancel_sign_in();
    let _ = sign_in.await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quit_while_signing_in_cancels_it_and_exits() {
    let desk = Desk::new(Setup::default()).await;
    desk.plan(&[Act::Leave]);
    let sign_in = desk.start_sign_in().await;
    desk.app
        .quit(Some(""))
        .expect("a counter quits without a PIN");
    let error = sign_in.await.unwrap().expect_err("cancelled by the quit");
    assert_eq!(error.code, codes::Code::Cancelled);
    assert_eq!(desk.asked(), vec![Asked::Exit]);
    assert_eq!(desk.phase(), PhaseName::Home);
    assert!(desk.app.may_close());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_closes_only_with_the_staff_pin() {
    let desk = Desk::new(Setup {
        kiosk: true,
        ..Setup::default()
    })
    .await;
    assert!(!desk.app.may_close(), "a close request is held");
    assert!(desk.app.status().close_requested);
    let wrong = desk.app.quit(Some("1357")).expect_err("wrong PIN");
    assert_eq!(wrong.code, codes::Code::PinWrong);
    assert!(desk.asked().is_empty(), "still running");
    desk.app.quit(Some(PIN)).expect("staff quit");
    assert_eq!(desk.asked(), vec![Asked::Exit]);
}

/// The settings screen holds a one-time key, never the PIN: the PIN itself saves nothing, a
/// new opening replaces the key, the key saves once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_save_with_a_one_time_key_not_the_pin() {
    let desk = Desk::new(Setup::default()).await;
    let first = desk.app.unlock_settings(PIN).expect("the right PIN");
    assert_ne!(first, PIN);
    assert_eq!(first.len(), 32, "128 random bits");
    let as_pin = desk
        .app
        .save_settings(PIN, Saved::default())
        .await
        .expect_err("the PIN is no key");
    assert_eq!(as_pin.code, codes::Code::SettingsClosed);
    let key = desk.app.unlock_settings(PIN).expect("the right PIN");
    assert_ne!(key, first, "each opening has its own key");
    let replaced = desk
        .app
        .save_settings(&first, Saved::default())
        .await
        .expect_err("replaced by the new opening");
    assert_eq!(replaced.code, codes::Code::SettingsClosed);
    desk.app
        .save_settings(&key, Saved::default())
        .await
        .expect("the key saves");
    let again = desk
        .app
        .save_settings(&key, Saved::default())
        .await
        .expect_err("spent");
    assert_eq!(again.code, codes::Code::SettingsClosed);
}

/// "Qu’est-ce que FranceConnect+ ?": a counter opens FC+'s own page in the desktop's browser;
/// a kiosk opens nothing (the UI shows the facts in a panel).
#[tokio::test]
async fn what_is_fc_plus_opens_fc_plus_s_page_at_a_counter_and_nothing_at_a_kiosk() {
    let counter = Desk::new(Setup {
        system_browser: true,
        ..Setup::default()
    })
    .await;
    assert_eq!(
        counter.app.what_is_fc_plus().expect("opened"),
        crate::window::FcPlusInfo::Browser
    );
    assert_eq!(
        counter.asked(),
        [Asked::Open(crate::window::FC_PLUS_INFO_URL.into())]
    );

    let kiosk = Desk::new(Setup {
        kiosk: true,
        ..Setup::default()
    })
    .await;
    let before = kiosk.asked();
    assert_eq!(
        kiosk.app.what_is_fc_plus().expect("answered"),
        crate::window::FcPlusInfo::Panel
    );
    assert_eq!(kiosk.asked(), before, "a kiosk opens no browser");
}

/// A configuration that cannot be read (a packaged kiosk before its PIN is set) names no
/// environment: its error screen has no "Sandbox (test data)" banner. With `--env` it is that.
#[tokio::test]
async fn an_unreadable_configuration_names_no_environment() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kiosk.toml");
    std::fs::write(&config, "[kiosk]\nenabled = true\n").unwrap();
    let folders = Folders {
        data: dir.path().join("data"),
        cache: dir.path().join("cache"),
        config: dir.path().join("config"),
    };
    let start = |env| {
        let args = Overrides {
            config: Some(config.clone()),
            env,
            ..Overrides::default()
        };
        App::start_in(args, folders.clone())
    };
    let status = start(None).await.status();
    let error = status
        .blocking_error
        .expect("the missing PIN blocks the window");
    assert_eq!(error.code, codes::Code::ConfigInvalid);
    assert_eq!(status.env, "none");
    let status = start(Some(Env::Gateway)).await.status();
    assert!(status.blocking_error.is_some());
    assert_eq!(status.env, "gateway");
}
