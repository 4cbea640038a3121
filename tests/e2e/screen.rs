//! The kiosk's screen under openbox, looked at as a person sees it (`crate::support::screen`).

use std::time::{Duration, Instant};

use crate::support::keyring::kernel_keys;
use crate::support::screen::{Screen, is_browser, is_guichet};
use crate::support::window::{ENTER, ESCAPE, SHIFT, TAB, through_fc_plus_at_a_kiosk};

/// A kiosk sign-in and its end as the person sees them: Guichet at start, the browser with
/// FC+ while they sign in (full screen, without address bar or tabs), Guichet with the identity
/// as soon as FC+ sends them back (never the browser's page with the code in its address bar),
/// the private browser closed at once, and nothing over Guichet after the end. The session's
/// Secret Service stayed locked (an autologin kiosk): the data key lives in the kernel keyring
/// while the identity shows, and goes with the end.
#[tokio::test]
async fn on_a_kiosk_the_browser_then_guichet_have_the_front_and_no_browser_outlives_the_end() {
    let screen = Screen::new().await;
    let (machine, window) = screen.kiosk().await;

    screen.wait_active("Guichet at start", is_guichet).await;
    window.painted().await;
    screen.shot("1-home");

    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.text("idp-fip1").await;
    let active = screen
        .wait_active("the browser with FC+ in front", is_browser)
        .await;
    assert!(active.contains("FranceConnect+"), "{active}");
    // A kiosk's browser: the page is the whole screen, no address bar, tabs or menus.
    let sizes = browser
        .client
        .execute(
            "return [innerWidth, innerHeight, screen.width, screen.height]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        sizes,
        serde_json::json!([1280, 900, 1280, 900]),
        "FC+'s page fills the screen: [viewport, screen]"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    screen.shot("2-fc-plus");

    for id in ["idp-fip1", "identity-marie"] {
        browser.click(id).await;
    }
    browser.text("consent-button").await;
    // Guichet closes the kiosk's browser under this click, once the identity is verified.
    browser.click_and_let_go("consent-button").await;
    window.wait_for_screen("identity").await;
    screen
        .wait_active("Guichet back in front with the identity", is_guichet)
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while screen.visible("Chromium") > 0 {
        assert!(
            Instant::now() < deadline,
            "the kiosk's private browser closes as soon as the identity is verified"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    window.painted().await;
    screen.shot("3-identity");
    assert_eq!(
        kernel_keys(&machine.data_dir()).len(),
        1,
        "the kiosk keeps the session's key in the kernel keyring, the Secret Service being locked"
    );

    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    assert_eq!(
        screen.visible("Chromium"),
        0,
        "no browser window after the end"
    );
    screen
        .wait_active("Guichet in front after the end", is_guichet)
        .await;
    assert_eq!(
        kernel_keys(&machine.data_dir()),
        Vec::<String>::new(),
        "the end removed the kernel key"
    );
    window.painted().await;
    screen.shot("4-ended");
    window.close().await;
}

/// A person at the kiosk presses Alt+F4: the window manager asks the window to close, the kiosk
/// stays and asks for the staff PIN; a wrong PIN keeps it, the right one closes it.
#[tokio::test]
async fn on_a_kiosk_alt_f4_asks_for_the_staff_pin_and_only_the_pin_closes_it() {
    let screen = Screen::new().await;
    let (_machine, window) = screen.kiosk().await;
    screen.wait_active("Guichet at start", is_guichet).await;
    window.painted().await;

    // openbox's own binding for Alt+F4: a close request to the active window. Seen once on a
    // loaded machine: the first press, right after start, never reached the window; a person
    // presses again, and so does the test (once).
    let asks = "#pin-dialog[data-purpose='quit']";
    screen.run("xdotool", &["key", "alt+F4"]);
    if !window.appears(asks, Duration::from_secs(5)).await {
        screen.run("xdotool", &["key", "alt+F4"]);
    }
    window.wait_for(asks, Duration::from_secs(10)).await;
    assert_eq!(screen.visible("^Guichet$"), 1, "the kiosk is still there");
    window.painted().await;
    screen.shot("5-close-asks-pin");
    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.send_keys("1111").await.unwrap();
    window.click("pin-submit").await;
    assert!(window.text("pin-error").await.contains("incorrect"));
    assert_eq!(screen.visible("^Guichet$"), 1, "a wrong PIN closes nothing");

    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.clear().await.unwrap();
    input.send_keys(crate::support::window::PIN).await.unwrap();
    let submit = window.wait_for("#pin-submit", Duration::from_secs(5)).await;
    // The app quits under this click: WebDriver may lose the window before it answers.
    let _ = submit.click().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while screen.visible("^Guichet$") > 0 {
        assert!(Instant::now() < deadline, "the staff PIN closes the kiosk");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    window.close().await;
}

/// A person signs in at a kiosk and the session ends with the keyboard alone (Tab, Shift+Tab,
/// Enter, Space, Escape), under openbox as a kiosk's session is (the window that has the X
/// focus is the one the keys reach): every stop of the focus shows its ring, the focus never
/// goes behind the PIN dialog, and it comes back to the button that opened the dialog when
/// Escape closes it.
#[tokio::test]
async fn a_sign_in_and_its_end_with_the_keyboard_alone() {
    let screen = Screen::new().await;
    let (_machine, window) = screen.kiosk().await;
    screen.wait_active("Guichet at start", is_guichet).await;
    window.tab_to("sign-in-fc").await;
    window.press(&[ENTER]).await;
    window.wait_for_screen("waiting").await;
    through_fc_plus_at_a_kiosk(&window, &["idp-fip1", "identity-marie", "consent-button"]).await;
    screen
        .wait_active("Guichet with the identity", is_guichet)
        .await;
    let end = window.tab_to("end-session-button").await;
    // One step back and forward again.
    window.press(&[SHIFT, TAB]).await;
    let back = window
        .focus()
        .await
        .expect("Shift+Tab leaves the focus somewhere");
    assert!(back.visible && back.id != end.id, "{back:?}");
    window.press(&[TAB]).await;
    assert_eq!(
        window.focus().await.expect("focused").id,
        "end-session-button"
    );
    window.press(&[' ']).await;
    window.wait_for_screen("home").await;
    let notice = window.text("notice").await;
    assert!(notice.contains("Session terminée"), "{notice}");

    // The settings' PIN dialog: Enter opens it with the focus inside; Tab stays inside;
    // Escape closes it and the focus is back on "Réglages".
    window.tab_to("settings-button").await;
    window.press(&[ENTER]).await;
    window
        .wait_for("dialog#pin-dialog[open]", Duration::from_secs(5))
        .await;
    assert_eq!(window.focus().await.expect("focused").id, "pin-input");
    for _ in 0..4 {
        window.press(&[TAB]).await;
        let focus = window.focus().await.expect("focused");
        assert!(focus.trapped && focus.visible, "{focus:?}");
    }
    window.press(&[ESCAPE]).await;
    window
        .wait_gone("dialog#pin-dialog[open]", Duration::from_secs(5))
        .await;
    let back = window.focus().await.expect("the focus comes back");
    assert_eq!(back.id, "settings-button");
    assert!(back.visible, "{back:?}");
}
