//! The real window's tests: sign-ins, the identity screen, the kiosk's idle end, settings,
//! capabilities, held identities (the window itself: `crate::support::window`).

use std::time::Duration;

use fantoccini::Locator;
use serde_json::{Value, json};

use crate::support::browser::free_port;
use crate::support::cli::{Machine, assert_no_tokens};
use crate::support::fixtures::Provider;
use crate::support::window::*;
use sandbox::{Sandbox, SandboxConfig};

#[tokio::test]
async fn french_sign_in_shows_the_identity_and_end_session_wipes_it() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    // DSFR's FranceConnect+ button word for word: its brand text is "FranceConnect" and its
    // `--plus` class draws the one "+" (it read "FranceConnect+ +" before).
    assert_eq!(
        window
            .script(
                "const b = document.getElementById('sign-in-fc');\
                 return [b.type, b.className, b.querySelector('.fr-connect__login').textContent,\
                 b.querySelector('.fr-connect__brand').textContent,\
                 getComputedStyle(b, '::after').content,\
                 b.closest('.fr-connect-group').querySelector('p > a#what-is-fc') !== null]"
            )
            .await,
        json!([
            "button",
            "fr-connect fr-connect--plus",
            "S’identifier avec",
            "FranceConnect",
            "\"+\"",
            true
        ])
    );
    window.screenshots("home").await;

    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.click("idp-fip1").await;
    let countdown = window
        .wait_for_text("countdown", "Temps restant", Duration::from_secs(10))
        .await;
    assert!(
        countdown.starts_with("Temps restant"),
        "a countdown while the browser is open: {countdown:?}"
    );
    window.screenshots("waiting").await;
    browser.click("identity-marie").await;
    browser.click("consent-button").await;
    browser.close().await;

    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Martin");
    assert_eq!(window.text("field-given-name").await, "Marie");
    assert_eq!(window.text("field-preferred-username").await, "Dupont");
    assert_eq!(window.text("field-birthdate").await, "14/03/1982");
    assert_eq!(
        window.text("field-birthplace").await,
        "Paris 7e Arrondissement (75107)"
    );
    assert_eq!(window.text("field-birthcountry").await, "France (99100)");
    assert_eq!(window.text("field-gender").await, "Féminin");
    assert_eq!(window.text("field-level").await, "élevé");
    assert_eq!(window.text("field-origin").await, "France");
    window.screenshots("identity").await;

    let kept = vault_session(&machine).await;
    assert!(kept.status.success(), "the vault holds the session");
    let json: Value = serde_json::from_slice(&kept.stdout).unwrap();
    assert_eq!(json["family_name"], "Martin");
    assert_eq!(
        window.profiles_left(),
        1,
        "one private profile while signed in"
    );

    // The person closed the private browser, and FC+'s session cookie went with it: the end
    // of session must say the FC+ session is unreachable, never that it signed out.
    window.person_closes_the_browser();
    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    let notice = window.text("notice").await;
    assert!(
        notice.contains("Session terminée") && notice.contains("injoignable (navigateur fermé)"),
        "{notice}"
    );
    window.screenshots("ended-browser-closed").await;
    assert_eq!(
        vault_session(&machine).await.status.code(),
        Some(10),
        "nobody is signed in any more"
    );
    assert_eq!(window.profiles_left(), 0, "the private profile is deleted");
    let log = window.log_text();
    for personal in ["Martin", "Marie", "Dupont", "1982-03-14", "75107"] {
        assert!(!log.contains(personal), "{personal} in the log:\n{log}");
    }
    assert_no_tokens(&log);
    assert!(
        log.contains("sign_in_succeeded"),
        "the log has events: {log}"
    );
    window.close().await;
}

#[tokio::test]
async fn eidas_sign_in_shows_the_other_eu_country_origin_and_omits_absent_fields() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window.switch_language("en").await;
    assert!(
        window
            .text("sign-in-eidas")
            .await
            .contains("another European country")
    );
    window.click("sign-in-eidas").await;
    window.wait_for_screen("waiting").await;
    through_fc_plus(&window, &["country-DE", "identity-erika", "consent-button"]).await;
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Mustermann");
    assert_eq!(
        window.text("field-birthplace").await,
        "Berlin (as declared by the other country)"
    );
    assert_eq!(window.text("field-gender").await, "Female");
    assert_eq!(
        window.text("field-origin").await,
        "Another EU country (eIDAS)"
    );
    assert!(
        !window.has("field-birthcountry").await,
        "eIDAS gives no birth country: the row is omitted, not empty"
    );
    window.switch_language("fr").await;
    assert_eq!(
        window.text("field-origin").await,
        "Autre pays de l'Union européenne (eIDAS)",
        "the language switch works on every screen"
    );
    assert_eq!(
        window.text("field-birthplace").await,
        "Berlin (déclaré par l'autre pays)"
    );
    window.screenshots("identity-eidas").await;
    window.close().await;
}

/// Born in 1962 in Annecy-le-Vieux, merged into Annecy in 2017: the agent reads the commune
/// on the identity card, with today's commune beside it, in both languages; born in 1985 in a
/// commune renamed since, its name then; a code no list knows, the code.
#[tokio::test]
async fn a_commune_merged_since_reads_by_its_own_name_with_todays_beside_it() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window.click("sign-in-fc").await;
    through_fc_plus(&window, &["idp-fip1", "identity-andre", "consent-button"]).await;
    window.wait_for_screen("identity").await;
    assert_eq!(
        window.text("field-birthplace").await,
        "Annecy-le-Vieux, aujourd'hui Annecy (74011)"
    );
    assert_eq!(window.text("field-gender").await, "Masculin");
    window.switch_language("en").await;
    assert_eq!(
        window.text("field-birthplace").await,
        "Annecy-le-Vieux, today Annecy (74011)"
    );
    window.switch_language("fr").await;
    window.screenshots("identity-merged-commune").await;

    // Born in 1985 in 01033, Bellegarde-sur-Valserine then, Valserhône since 2019.
    next_person_signs_in(&window, "identity-hugo").await;
    assert_eq!(
        window.text("field-birthplace").await,
        "Bellegarde-sur-Valserine, aujourd'hui Valserhône (01033)"
    );
    window.screenshots("identity-renamed-commune").await;

    // The next person's birthplace code is in no list: the code, said unknown, never nothing.
    next_person_signs_in(&window, "identity-paul").await;
    assert_eq!(
        window.text("field-birthplace").await,
        "75999 (code inconnu)"
    );
    window.screenshots("identity-unknown-code").await;
    window.close().await;
}

/// Staff end the session, and the next person signs in at `fip1` as `identity`: their identity
/// shows.
async fn next_person_signs_in(window: &Window, identity: &str) {
    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    window.click("sign-in-fc").await;
    through_fc_plus(window, &["idp-fip1", identity, "consent-button"]).await;
    window.wait_for_screen("identity").await;
}

#[tokio::test]
async fn cancel_while_waiting_gives_an_actionable_error_and_nothing_is_kept() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    window
        .wait_for("#reopen-button:not([disabled])", Duration::from_secs(15))
        .await;
    window.click("reopen-button").await;
    window.click("cancel-button").await;
    window.wait_for_screen("error").await;
    let code = window
        .wait_for("#error-screen", Duration::from_secs(5))
        .await
        .attr("data-code")
        .await
        .unwrap();
    assert_eq!(code.as_deref(), Some("cancelled"));
    assert!(window.text("error-message").await.contains("Recommencez"));
    window.screenshots("error-cancelled").await;
    assert_eq!(
        window.profiles_left(),
        0,
        "the private browser of a failed sign-in is deleted"
    );
    assert_eq!(vault_session(&machine).await.status.code(), Some(10));
    window.click("error-home").await;
    window.wait_for_screen("home").await;
    window.close().await;
}

/// The person closes the private browser while Guichet waits: nobody can come back through
/// it, so the wait ends at once with its own message, not at the timeout.
#[tokio::test]
async fn a_browser_closed_by_the_person_ends_the_sign_in_at_once_with_its_own_message() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.text("idp-fip1").await;
    window.person_closes_the_browser();
    window
        .wait_for(
            "#error-screen[data-code='browser_closed']",
            Duration::from_secs(15),
        )
        .await;
    let message = window.text("error-message").await;
    assert!(
        message.contains("navigateur a été fermé"),
        "says what happened and what to do: {message}"
    );
    assert_eq!(window.profiles_left(), 0, "its profile is deleted");
    window.screenshots("error-browser-closed").await;
    window.close().await;
}

#[tokio::test]
async fn a_browser_that_never_comes_back_times_out_with_its_own_message() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &["--sign-in-timeout", "3"]).await;
    window.click("sign-in-fc").await;
    window.wait_for_screen("error").await;
    let screen = window
        .wait_for("#error-screen", Duration::from_secs(5))
        .await;
    assert_eq!(
        screen.attr("data-code").await.unwrap().as_deref(),
        Some("timed_out")
    );
    assert!(
        window
            .text("error-message")
            .await
            .contains("pas revenu à temps")
    );
    // FC+ answers its Y… error pages instead of coming back: staff read what each means.
    assert!(
        window
            .text("fc-error-Y100009")
            .await
            .contains("request_amr"),
        "the page an ungranted amr gives is explained"
    );
    for code in ["Y030007", "Y020023"] {
        assert!(window.has(&format!("fc-error-{code}")).await, "{code}");
    }
    window.screenshots("error-timed-out").await;
    window.close().await;
}

#[tokio::test]
async fn a_presumed_birthdate_reads_as_month_and_year_and_is_kept_as_sent() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    through_fc_plus(&window, &["idp-fip2", "identity-karim", "consent-button"]).await;
    window.wait_for_screen("identity").await;
    assert_eq!(
        window.text("field-birthdate").await,
        "08/1962, jour inconnu",
        "FC+'s 1962-08-00: the day is unknown, said so, never shown as 00"
    );
    assert!(
        !window.has("field-birthplace").await,
        "born abroad: no birthplace row"
    );
    assert_eq!(window.text("field-birthcountry").await, "Maroc (99350)");
    window.screenshots("identity-born-abroad").await;
    window.switch_language("en").await;
    assert_eq!(window.text("field-birthdate").await, "08/1962, day unknown");
    assert_eq!(window.text("field-birthcountry").await, "Morocco (99350)");
    // Someone is shown: a new sign-in (even one a script asks for) is refused, as FC+ would
    // hand the next person this one's live session at eidas2.
    let refused = window
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('sign_in', { eidas: true })
               .then(() => done('allowed'), (e) => done(JSON.stringify(e)));",
            vec![],
        )
        .await
        .expect("script ran");
    assert!(
        refused
            .as_str()
            .unwrap_or_default()
            .contains("session_active"),
        "{refused}"
    );
    assert_eq!(window.text("field-family-name").await, "Benali");
    let kept = vault_session(&machine).await;
    let json: Value = serde_json::from_slice(&kept.stdout).unwrap();
    assert_eq!(json["birthdate"], "1962-08-00", "kept as FC+ sent it");
    window.close().await;
}

#[tokio::test]
async fn a_kiosk_left_idle_warns_then_wipes_the_session_and_goes_home() {
    let machine = Machine::new();
    let window = Window::sandbox(
        &machine,
        "enabled = true\nidle_timeout_secs = 12\nidle_warning_secs = 8",
        &[],
    )
    .await;
    assert_eq!(
        window.script("return document.body.dataset.kiosk").await,
        "true"
    );
    window.click("sign-in-fc").await;
    through_fc_plus_at_a_kiosk(&window, &["idp-fip2", "identity-jean", "consent-button"]).await;
    window.wait_for_screen("identity").await;
    window
        .wait_for("#idle-overlay", Duration::from_secs(15))
        .await;
    window.screenshots("idle").await;
    window.wait_for_screen("home").await;
    let notice = window.text("notice").await;
    assert!(notice.contains("inactivité"), "{notice}");
    assert_eq!(vault_session(&machine).await.status.code(), Some(10));
    assert_eq!(window.profiles_left(), 0);
    assert!(window.log_text().contains("idle_ended"));
    window.close().await;
}

#[tokio::test]
async fn touching_the_idle_overlay_keeps_the_session() {
    let machine = Machine::new();
    let window = Window::sandbox(
        &machine,
        "enabled = true\nidle_timeout_secs = 10\nidle_warning_secs = 8",
        &[],
    )
    .await;
    window.click("sign-in-fc").await;
    through_fc_plus_at_a_kiosk(&window, &["idp-fip1", "identity-marie", "consent-button"]).await;
    window
        .wait_for("#idle-overlay", Duration::from_secs(15))
        .await;
    // A modal dialog: the identity behind it is inert, Tab never leaves it.
    assert_eq!(
        window
            .script("return document.getElementById('idle-overlay').matches('dialog:modal')")
            .await,
        true
    );
    for _ in 0..4 {
        window.press(&[fantoccini::key::Key::Tab.into()]).await;
    }
    assert_eq!(
        window
            .script(
                "return document.getElementById('idle-overlay').contains(document.activeElement)"
            )
            .await,
        true,
        "the focus stays in the dialog"
    );
    // Said aloud through the one polite live region at 30, 10 and 5 s, not every second.
    assert_eq!(
        window
            .script(
                "return [document.getElementById('announcer').getAttribute('aria-live'),\
                 document.getElementById('idle-countdown').hasAttribute('aria-live')]"
            )
            .await,
        serde_json::json!(["polite", false])
    );
    // Escape is "I'm still here"; so is the button, when the countdown comes back.
    window.press(&[fantoccini::key::Key::Escape.into()]).await;
    window
        .wait_gone("#idle-overlay", Duration::from_secs(5))
        .await;
    window
        .wait_for("#idle-overlay", Duration::from_secs(15))
        .await;
    window.click("idle-stay").await;
    window
        .wait_gone("#idle-overlay", Duration::from_secs(5))
        .await;
    assert!(
        vault_session(&machine).await.status.success(),
        "still signed in"
    );
    window.close().await;
}

#[tokio::test]
async fn an_offline_start_shows_the_banner_which_clears_when_fc_plus_answers() {
    let provider = Provider::start(vec![], "").await;
    let chromium_port = free_port();
    let mut config = std::fs::read_to_string(&provider.config).unwrap();
    config.push_str(&app_sections(chromium_port, ""));
    std::fs::write(&provider.config, config).unwrap();
    let addr = provider.sandbox.local_addr();
    let Provider {
        sandbox,
        machine,
        config,
        registration,
    } = provider;
    sandbox.shutdown().await;

    let args = ["window", "--env", "direct", "--config"]
        .into_iter()
        .map(String::from)
        .chain([config.display().to_string()])
        .collect();
    let window = Window::open(&machine, chromium_port, args).await;
    window
        .wait_for("#offline-banner", Duration::from_secs(15))
        .await;
    window.screenshots("offline").await;

    let sandbox = Sandbox::start(addr, SandboxConfig::default())
        .await
        .expect("FC+ back on its port");
    sandbox.register_client(registration);
    window
        .wait_gone("#offline-banner", Duration::from_secs(20))
        .await;
    window.click("sign-in-fc").await;
    through_fc_plus(&window, &["idp-fip1", "identity-marie", "consent-button"]).await;
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Martin");
    window.close().await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn settings_open_only_with_the_staff_pin_and_apply_at_once() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    assert!(window.text("level-note").await.contains("élevé"));
    window.click("settings-button").await;
    window.wait_for("#pin-dialog", Duration::from_secs(5)).await;
    assert_eq!(
        window
            .script("return document.getElementById('pin-dialog').matches('dialog:modal') && document.activeElement.id")
            .await,
        "pin-input",
        "a modal dialog, the focus on the PIN"
    );
    // Escape cancels, as the cancel button does.
    window.press(&[fantoccini::key::Key::Escape.into()]).await;
    window
        .wait_gone("#pin-dialog", Duration::from_secs(5))
        .await;
    window.click("settings-button").await;
    window.wait_for("#pin-dialog", Duration::from_secs(5)).await;
    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.send_keys("1111").await.unwrap();
    window.click("pin-submit").await;
    assert!(window.text("pin-error").await.contains("incorrect"));
    window.screenshots("pin").await;
    let input = window.wait_for("#pin-input", Duration::from_secs(5)).await;
    input.clear().await.unwrap();
    input.send_keys(PIN).await.unwrap();
    window.click("pin-submit").await;
    window.wait_for_screen("settings").await;
    window.screenshots("settings").await;

    window
        .wait_for(
            "#setting-acr option[value='eidas2']",
            Duration::from_secs(5),
        )
        .await
        .click()
        .await
        .unwrap();
    let idle = window
        .wait_for("#setting-idle", Duration::from_secs(5))
        .await;
    idle.clear().await.unwrap();
    idle.send_keys("90").await.unwrap();
    window.click("settings-save").await;
    window.wait_for_screen("home").await;
    assert!(window.text("level-note").await.contains("substantiel"));
    // In the configuration folder (the machine's `XDG_CONFIG_HOME`), not the data folder.
    let saved =
        std::fs::read_to_string(machine.dir.path().join("config/guichet/settings.toml")).unwrap();
    assert!(!machine.data_dir().join("settings.toml").exists());
    assert!(saved.contains("acr = \"eidas2\""), "{saved}");
    assert!(saved.contains("idle_timeout_secs = 90"), "{saved}");
    assert!(!window.log_text().contains(PIN), "the PIN is never logged");
    window.close().await;
}

#[tokio::test]
async fn the_window_can_call_guichets_commands_and_nothing_else() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    let call = |command: &str, args: Value| {
        format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke({command:?}, {args})
               .then(() => done('allowed'), (e) => done('refused: ' + String(e)));"
        )
    };
    let client = &window.client;
    let outcome = |script: String| async move {
        client
            .execute_async(&script, vec![])
            .await
            .expect("script ran")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(outcome(call("status", json!({}))).await, "allowed");
    for (command, args) in [
        (
            "plugin:opener|open_url",
            json!({ "url": "https://example.org" }),
        ),
        ("plugin:opener|open_path", json!({ "path": "/etc/passwd" })),
        ("plugin:window|close", json!({ "label": "main" })),
        (
            "plugin:window|set_fullscreen",
            json!({ "label": "main", "value": false }),
        ),
        (
            "plugin:event|listen",
            json!({ "event": "x", "target": { "kind": "Any" }, "handler": 1 }),
        ),
        ("plugin:app|version", json!({})),
        (
            "plugin:webview|create_webview_window",
            json!({ "options": { "label": "evil", "url": "https://example.org" } }),
        ),
    ] {
        let result = outcome(call(command, args)).await;
        assert!(
            result.starts_with("refused") && result.contains("not allowed"),
            "{command} must be refused by the capability: {result}"
        );
    }
    window.close().await;
}

#[tokio::test]
async fn without_a_display_the_window_points_to_the_command_line() {
    let output = crate::support::cli::guichet()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(9));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("no display") && text.contains("guichet login"),
        "{text}"
    );
}

/// FC+ reuses a live browser session at eidas2 and ignores `idp_hint`: on a kiosk that kept
/// one browser, the next person, even one who pressed the eIDAS button, would be handed the
/// previous person's identity. The kiosk's default (a private profile per sign-in, no
/// `[browser] mode` written) makes that harmless: two people at eidas2, one after the other.
#[tokio::test]
async fn on_a_kiosk_the_next_person_at_eidas2_never_gets_the_previous_identity() {
    let machine = Machine::new();
    let chromium_port = free_port();
    let config = machine.dir.path().join("guichet.toml");
    // No `mode`: the kiosk chooses. The command is the test's headless Chromium.
    let sections = app_sections(chromium_port, "").replace("mode = \"private\"\n", "");
    std::fs::write(
        &config,
        format!("[provider]\nacr = \"eidas2\"\n\n{sections}"),
    )
    .unwrap();
    let args = ["window", "--kiosk", "--config"]
        .into_iter()
        .map(String::from)
        .chain([config.display().to_string()])
        .collect();
    let window = Window::open(&machine, chromium_port, args).await;

    // The first person, French, at eidas2; the private browser stays open, as a person
    // walking away leaves it.
    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let first = window.browser().await;
    for id in ["idp-fip1", "identity-marie"] {
        first.click(id).await;
    }
    first.click_and_let_go("consent-button").await;
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Martin");
    assert_eq!(
        window.profiles_left(),
        0,
        "a private profile, by default on a kiosk, closed and deleted as soon as the identity \
         is verified"
    );
    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    assert_eq!(
        window.text("notice").await,
        "Session terminée : les données de la personne ont été effacées de ce poste.",
        "FC+'s cookie went with the profile: nobody can reuse that session"
    );
    first.close().await;
    assert_eq!(
        window.profiles_left(),
        0,
        "the first person's profile is gone"
    );

    // The next person presses the eIDAS button: a fresh profile, so FC+ has no session to
    // reuse and shows the country list, never the first person's consent page.
    window.click("sign-in-eidas").await;
    window.wait_for_screen("waiting").await;
    let second = window.browser().await;
    second.text("country-DE").await;
    let page = second.url().await;
    assert!(
        !page.ends_with("/consent"),
        "the next person must not land on the previous person's consent: {page}"
    );
    assert!(!second.has("claim-family_name").await);
    for id in ["country-DE", "identity-erika"] {
        second.click(id).await;
    }
    second.click_and_let_go("consent-button").await;
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Mustermann");
    window.screenshots("kiosk-second-person").await;
    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    second.close().await;
    window.close().await;
}

/// Issue 17 at a counter with one shared browser (system mode): A's FC+ logout fails, so the
/// next sign-in waits until staff say every browser window is closed. Staff say so without
/// doing it; FC+ hands A's session out again, ignoring the eIDAS button: the window holds that
/// identity for staff instead of keeping it, and "not this person" logs that FC+ session out.
/// The next person then meets no session and gets their own identity.
#[tokio::test]
async fn at_a_counter_a_possibly_reused_identity_is_held_for_staff_and_never_kept_unconfirmed() {
    let provider = Provider::start(vec![], "acr = \"eidas2\"").await;
    let inbox = crate::support::browser::UrlInbox::new(provider.machine.dir.path());
    let mut config = std::fs::read_to_string(&provider.config).unwrap();
    config.push_str(&format!(
        "\n[browser]\nmode = \"system\"\ncommand = '''{}'''\n",
        inbox.command()
    ));
    std::fs::write(&provider.config, config).unwrap();
    let chromium = crate::support::browser::Chromium::new();
    chromium.launch("about:blank");
    let browser = chromium.attach().await;
    let args = ["window", "--env", "direct", "--config"]
        .into_iter()
        .map(String::from)
        .chain([provider.config.display().to_string()])
        .collect();
    let window = Window::open(&provider.machine, free_port(), args).await;

    window.click("sign-in-fc").await;
    browser.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        browser.click(id).await;
    }
    window.wait_for_screen("identity").await;
    provider.sandbox.set_fault(
        sandbox::Endpoint::EndSession,
        Some(sandbox::Fault::Status(503)),
    );
    window.click("end-session-button").await;
    browser.goto(&inbox.next().await).await;
    // FC+ does not come back: after the logout's 30 s the wipe goes on and says so.
    window
        .wait_for("body[data-screen='home']", Duration::from_secs(45))
        .await;
    let notice = window.text("notice").await;
    assert!(notice.contains("n'a pas pu être déconnecté"), "{notice}");
    provider
        .sandbox
        .set_fault(sandbox::Endpoint::EndSession, None);
    assert_eq!(
        provider.sandbox.active_sessions(),
        1,
        "A's FC+ session lives"
    );

    window.click("sign-in-eidas").await;
    window.wait_for_screen("error").await;
    assert_eq!(
        window
            .script("return document.getElementById('error-screen').dataset.code")
            .await,
        "previous_fc_session"
    );
    assert!(
        window
            .text("error-message")
            .await
            .contains("fermez toutes les fenêtres")
    );
    window.screenshots("previous-fc-session").await;

    // Staff say the browser is closed, but it is not.
    window.click("browser-closed-button").await;
    browser.goto(&inbox.next().await).await;
    browser.text("consent-button").await;
    assert!(
        !browser.has("country-DE").await,
        "FC+ ignored the eIDAS hint"
    );
    browser.click("consent-button").await;
    window.wait_for_screen("confirm").await;
    assert_eq!(
        window
            .script("return document.getElementById('confirm-screen').dataset.suspicion")
            .await,
        "french_after_eidas"
    );
    assert_eq!(window.text("field-family-name").await, "Martin");
    assert_eq!(
        provider_session(&provider).await.status.code(),
        Some(10),
        "held, not kept"
    );
    window.screenshots("confirm-reuse").await;

    window.click("confirm-discard-button").await;
    browser.goto(&inbox.next().await).await;
    window.wait_for_screen("home").await;
    let notice = window.text("notice").await;
    assert!(
        notice.contains("a été fermée dans ce navigateur"),
        "{notice}"
    );
    assert_eq!(
        provider.sandbox.active_sessions(),
        0,
        "A's FC+ session is closed"
    );
    assert_eq!(provider_session(&provider).await.status.code(), Some(10));

    // The next person: no refusal, no session to reuse, their own identity.
    window.click("sign-in-eidas").await;
    browser.goto(&inbox.next().await).await;
    for id in ["country-DE", "identity-erika", "consent-button"] {
        browser.click(id).await;
    }
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Mustermann");
    let log = window.log_text();
    assert!(
        log.contains("possible_reuse"),
        "the reuse is logged by its code"
    );
    assert!(
        !log.contains("Martin") && !log.contains("Mustermann"),
        "no names in the log"
    );
    browser.close().await;
    window.close().await;
}

/// A kiosk on one shared browser: staff cancel a sign-in while the person sits on FC+'s
/// consent page (FC+'s session already holds them). The next sign-in waits for "Browser
/// closed"; FC+ then hands that session out after the eIDAS button, and the window holds it.
/// It is theirs (the person came back): keeping it takes the staff PIN, then it is shown.
#[tokio::test]
async fn on_a_kiosk_keeping_a_held_identity_takes_the_staff_pin() {
    let provider = Provider::start(vec![], "acr = \"eidas2\"").await;
    let inbox = crate::support::browser::UrlInbox::new(provider.machine.dir.path());
    let mut config = std::fs::read_to_string(&provider.config).unwrap();
    config.push_str(&format!(
        "\n[browser]\nmode = \"system\"\ncommand = '''{}'''\n\n[kiosk]\nstaff_pin = \"{}\"\n",
        inbox.command(),
        hashed_pin()
    ));
    std::fs::write(&provider.config, config).unwrap();
    let chromium = crate::support::browser::Chromium::new();
    chromium.launch("about:blank");
    let browser = chromium.attach().await;
    let args = ["window", "--kiosk", "--env", "direct", "--config"]
        .into_iter()
        .map(String::from)
        .chain([provider.config.display().to_string()])
        .collect();
    let window = Window::open(&provider.machine, free_port(), args).await;

    window.click("sign-in-fc").await;
    browser.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie"] {
        browser.click(id).await;
    }
    browser.text("consent-button").await;
    window.click("cancel-button").await;
    window.wait_for_screen("error").await;
    window.click("error-home").await;
    window.click("sign-in-eidas").await;
    window.wait_for_screen("error").await;
    assert!(
        window.has("browser-closed-button").await,
        "a cancelled sign-in is not settled"
    );

    window.click("browser-closed-button").await;
    browser.goto(&inbox.next().await).await;
    browser.click("consent-button").await;
    window.wait_for_screen("confirm").await;
    window.click("confirm-keep-button").await;
    window
        .wait_for("#pin-dialog[data-purpose='keep']", Duration::from_secs(5))
        .await;
    assert_eq!(provider_session(&provider).await.status.code(), Some(10));
    window
        .client
        .find(Locator::Id("pin-input"))
        .await
        .unwrap()
        .send_keys("1111")
        .await
        .unwrap();
    window.click("pin-submit").await;
    window.wait_for("#pin-error", Duration::from_secs(5)).await;
    assert_eq!(
        provider_session(&provider).await.status.code(),
        Some(10),
        "a wrong PIN keeps nothing"
    );
    let input = window.client.find(Locator::Id("pin-input")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(PIN).await.unwrap();
    window.click("pin-submit").await;
    window.wait_for_screen("identity").await;
    assert_eq!(window.text("field-family-name").await, "Martin");
    let kept = provider_session(&provider).await;
    assert_eq!(kept.status.code(), Some(0), "kept once staff confirmed");
    window.click("end-session-button").await;
    browser.goto(&inbox.next().await).await;
    window.wait_for_screen("home").await;
    assert_eq!(provider.sandbox.active_sessions(), 0);
    browser.close().await;
    window.close().await;
}

/// DSFR's "Qu’est-ce que FranceConnect+ ?" under the button. At a counter, a link to FC+'s page
/// that Guichet opens in the desktop's browser (`xdg-open`, the test's own on `PATH`); at a
/// kiosk, which opens no free browser, the same facts in a panel that the keyboard opens and
/// closes, the focus coming back to the link.
#[tokio::test]
async fn what_is_fc_plus_opens_fc_plus_s_page_at_a_counter_and_a_panel_at_a_kiosk() {
    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    assert_eq!(
        window
            .script(
                "const a = document.getElementById('what-is-fc');\
                 return [a.tagName, a.getAttribute('href'), a.target, a.rel, a.title, a.textContent]"
            )
            .await,
        json!([
            "A",
            "https://franceconnect.gouv.fr/france-connect-plus",
            "_blank",
            "noopener",
            "Qu’est-ce que FranceConnect+ ? - nouvelle fenêtre",
            "Qu’est-ce que FranceConnect+ ?"
        ])
    );
    window.click("what-is-fc").await;
    assert_eq!(
        window.opened_url().await,
        "https://franceconnect.gouv.fr/france-connect-plus"
    );
    assert!(!window.has("fc-info").await, "no panel at a counter");
    drop(window);

    let machine = Machine::new();
    let window = Window::sandbox(&machine, "enabled = true", &[]).await;
    assert_eq!(
        window.text("what-is-fc").await,
        "Qu’est-ce que FranceConnect+ ?"
    );
    // With the keyboard: focus the link, Enter opens the panel, its button has the focus.
    window
        .script("document.getElementById('what-is-fc').focus()")
        .await;
    window.press(&['\u{E007}']).await;
    window
        .wait_for("dialog#fc-info[open]", Duration::from_secs(5))
        .await;
    assert_eq!(
        window.script("return document.activeElement.id").await,
        "fc-info-close"
    );
    let text = window.text("fc-info").await;
    assert!(
        text.contains("France Identité") && text.contains("eIDAS"),
        "{text}"
    );
    window.screenshots("fc-info").await;
    // Escape closes it and gives the focus back to the link; no browser was opened.
    window.press(&['\u{E00C}']).await;
    window
        .wait_gone("dialog#fc-info[open]", Duration::from_secs(5))
        .await;
    assert_eq!(
        window.script("return document.activeElement.id").await,
        "what-is-fc"
    );
    assert!(window.no_url_opened(), "a kiosk opens no free browser");

    // The accessibility check every `screenshots` runs can fail: an image without a text
    // alternative planted in the window is found.
    window
        .script("const i = document.createElement('img'); i.id = 'planted'; i.src = 'planted.png'; document.getElementById('main').append(i)")
        .await;
    let planted = window.axe_violations().await;
    assert!(
        planted
            .iter()
            .any(|v| v.starts_with("image-alt") && v.contains("#planted")),
        "{planted:?}"
    );
}

/// The compact footer on every screen, from `[operator]`: who runs this Guichet and its RGAA
/// status, with the accessibility statement and the personal-data notice a person opens from
/// it (checked by axe-core like every screen) and leaves with "Back".
#[tokio::test]
async fn the_footer_names_the_operator_and_opens_the_accessibility_and_data_notices() {
    let machine = Machine::new();
    // The file's `[operator]` section, after the `[kiosk]` lines the window tests write.
    let window = Window::sandbox(
        &machine,
        "\n[operator]\nname = \"Mairie de Villeneuve\"\ncontact = \"accueil@villeneuve.example\"\naccessibility = \"partial\"",
        &[],
    )
    .await;
    assert_eq!(
        window.text("footer-operator").await,
        "Service proposé par Mairie de Villeneuve"
    );
    assert_eq!(
        window.text("footer-accessibility").await,
        "Accessibilité : partiellement conforme"
    );
    window.click("footer-accessibility").await;
    window.wait_for_screen("accessibility").await;
    let statement = window.text("accessibility-screen").await;
    for expected in [
        "Mairie de Villeneuve s’engage",
        "Guichet est partiellement conforme",
        "accueil@villeneuve.example",
        "Défenseur des droits",
    ] {
        assert!(statement.contains(expected), "{expected:?} in {statement}");
    }
    window.screenshots("accessibility").await;
    window.click("notice-back").await;
    window.wait_for_screen("home").await;

    window.click("footer-data").await;
    window.wait_for_screen("data").await;
    assert!(
        window
            .text("data-wiped")
            .await
            .contains("après 120 s sans activité"),
        "the idle timeout in force"
    );
    assert_eq!(
        window.text("data-contact").await,
        "Pour toute question sur vos données, adressez-vous à accueil@villeneuve.example (Mairie de Villeneuve)."
    );
    window.screenshots("data").await;
    window.click("notice-back").await;
    window.wait_for_screen("home").await;
}

/// A town hall is no State service: with `[operator] state_service = false` the window keeps
/// DSFR's layout but shows the operator's name instead of the Marianne block and an openly
/// licensed font instead of the State's, and never loads the State's font; axe-core finds
/// nothing on it either. The State's theme, by default, shows the Marianne block.
#[tokio::test]
async fn a_town_hall_gets_the_theme_without_the_state_s_identity() {
    let look = "const logo = document.querySelector('.fr-header__logo');\
                const brand = document.getElementById('operator-brand');\
                return [document.body.dataset.theme, getComputedStyle(logo).display !== 'none',\
                  getComputedStyle(brand).display !== 'none' ? brand.textContent : null,\
                  getComputedStyle(document.body).fontFamily.split(',')[0].replace(/\"/g, ''),\
                  [...document.fonts].some(f => f.family.includes('Marianne') && f.status === 'loaded')]";
    // Which theme's font files the page asks for before any script: its own theme's only
    // (Rust opens each theme's page, which preloads that theme's fonts, ui/vite.config.ts).
    // WebKit keeps no resource timing for the app's own files, so the page's preloads say it.
    let fetched = "const names = [...document.querySelectorAll('link[rel=preload]')].map(l => l.href);\
                   return [names.some(n => n.includes('Marianne')),\
                     names.some(n => n.includes('atkinson-hyperlegible'))]";
    let machine = Machine::new();
    let window = Window::sandbox(
        &machine,
        "\n[operator]\nname = \"Mairie de Villeneuve\"\nstate_service = false",
        &[],
    )
    .await;
    window
        .wait_for("body[data-theme='collectivite']", Duration::from_secs(5))
        .await;
    window.painted().await;
    assert_eq!(
        window.script(look).await,
        json!([
            "collectivite",
            false,
            "Mairie de Villeneuve",
            "Atkinson Hyperlegible",
            false
        ])
    );
    assert_eq!(
        window.script(fetched).await,
        json!([false, true]),
        "a town hall's window preloads Atkinson Hyperlegible, never Marianne"
    );
    window.screenshots("home-collectivite").await;
    // Every other screen of a sign-in in this theme, each checked by axe-core in both
    // languages (`screenshots`).
    window.click("sign-in-fc").await;
    window.wait_for_screen("waiting").await;
    let browser = window.browser().await;
    browser.click("idp-fip1").await;
    window
        .wait_for_text("countdown", "Temps restant", Duration::from_secs(10))
        .await;
    window.screenshots("waiting-collectivite").await;
    browser.click("identity-marie").await;
    browser.click("consent-button").await;
    browser.close().await;
    window.wait_for_screen("identity").await;
    window.screenshots("identity-collectivite").await;
    window.click("footer-data").await;
    window.wait_for_screen("data").await;
    window.screenshots("data-collectivite").await;
    window.click("notice-back").await;
    window.click("end-session-button").await;
    window.wait_for_screen("home").await;
    window.click("footer-accessibility").await;
    window.wait_for_screen("accessibility").await;
    window.screenshots("accessibility-collectivite").await;
    window.click("notice-back").await;
    window.click("settings-button").await;
    window
        .wait_for("dialog#pin-dialog[open]", Duration::from_secs(5))
        .await;
    window.screenshots("pin-collectivite").await;
    drop(window);

    let machine = Machine::new();
    let window = Window::sandbox(&machine, "", &[]).await;
    window
        .wait_for("body[data-theme='etat']", Duration::from_secs(5))
        .await;
    window.painted().await;
    assert_eq!(
        window.script(look).await,
        json!(["etat", true, null, "Marianne", true])
    );
    assert_eq!(
        window.script(fetched).await,
        json!([true, false]),
        "the State's window preloads Marianne, never Atkinson Hyperlegible"
    );
}
