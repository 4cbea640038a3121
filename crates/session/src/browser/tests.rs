use super::*;

fn words(text: &str) -> Vec<String> {
    parse_command(text).unwrap()
}

#[test]
fn replaces_the_url_placeholder_in_place() {
    let mode = BrowserMode::Command(words("chromium --app={url} --incognito"));
    assert_eq!(
        mode.argv("http://x/?a=1&b=2", None),
        ["chromium", "--app=http://x/?a=1&b=2", "--incognito"]
    );
}

#[test]
fn appends_the_url_without_placeholder_and_runs_no_shell() {
    let mode = BrowserMode::Command(words(r#"sh -c 'echo "$1" > /tmp/u' sh"#));
    let argv = mode.argv("http://x/?a&b", None);
    assert_eq!(argv[2], r#"echo "$1" > /tmp/u"#);
    assert_eq!(
        argv.last().unwrap(),
        "http://x/?a&b",
        "the URL stays one argument"
    );
}

#[test]
fn private_chromium_gets_its_own_profile_before_the_url() {
    let mode = BrowserMode::Private {
        argv: words("chromium --headless"),
        kind: BrowserKind::Chromium,
        kiosk: false,
    };
    let argv = mode.argv("http://x/", Some(Path::new("/p/1")));
    assert_eq!(
        argv[..3],
        ["chromium", "--headless", "--user-data-dir=/p/1"]
    );
    assert_eq!(argv.last().unwrap(), "http://x/");
    assert!(
        argv.contains(&"--password-store=basic".to_owned()),
        "a throwaway profile never asks the desktop's keyring: {argv:?}"
    );
}

#[test]
fn private_firefox_uses_a_profile_and_a_private_window() {
    let mode = BrowserMode::Private {
        argv: words("firefox"),
        kind: BrowserKind::guess("/usr/bin/firefox-esr"),
        kiosk: false,
    };
    let argv = mode.argv("http://x/", Some(Path::new("/p/2")));
    assert_eq!(
        argv,
        [
            "firefox",
            "-profile",
            "/p/2",
            "-no-remote",
            "-private-window",
            "http://x/"
        ]
    );
}

#[test]
fn a_kiosk_private_browser_opens_full_screen_without_its_bars() {
    for (program, kind) in [
        ("chromium", BrowserKind::Chromium),
        ("firefox", BrowserKind::Firefox),
    ] {
        let mode = BrowserMode::Private {
            argv: words(program),
            kind,
            kiosk: true,
        };
        let argv = mode.argv("http://x/", Some(Path::new("/p/3")));
        assert!(argv.contains(&"--kiosk".to_owned()), "{argv:?}");
        assert_eq!(argv.last().unwrap(), "http://x/", "the URL stays last");
        let counter = BrowserMode::Private {
            argv: words(program),
            kind,
            kiosk: false,
        };
        let argv = counter.argv("http://x/", Some(Path::new("/p/3")));
        assert!(
            !argv.contains(&"--kiosk".to_owned()),
            "staff's counter keeps an ordinary window: {argv:?}"
        );
    }
}

#[test]
fn a_missing_program_is_a_browser_error() {
    let mode = BrowserMode::Command(words("/nonexistent/browser-for-guichet-test"));
    let root = tempfile::tempdir().unwrap();
    let err = mode
        .open_sign_in("http://127.0.0.1/", root.path())
        .unwrap_err();
    assert_eq!(err.code(), codes::Code::BrowserFailed);
}

#[test]
fn a_private_sign_in_records_its_process_and_closing_removes_the_profile() {
    let root = tempfile::tempdir().unwrap();
    // `sleep` stands in for a browser: a process whose command line names its profile.
    let mode = BrowserMode::Private {
        argv: words("sh -c 'sleep 30' sh"),
        kind: BrowserKind::Chromium,
        kiosk: false,
    };
    let launched = mode
        .open_sign_in("http://127.0.0.1/", root.path())
        .unwrap()
        .unwrap();
    assert!(launched.profile_dir.is_dir());
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        is_running(&launched),
        "the browser must be found by its profile"
    );
    assert!(close_private(&launched));
    assert!(
        !launched.profile_dir.exists(),
        "the profile folder must be gone"
    );
    assert!(!is_running(&launched), "the browser must be closed");
}

/// A kiosk's Chromium profile turns off "Translate this page?" (a bubble over FC+'s pages);
/// a counter's private profile starts empty.
#[test]
fn a_kiosk_chromium_profile_offers_no_translation() {
    let root = tempfile::tempdir().unwrap();
    for (kind, kiosk, translate_off) in [
        (BrowserKind::Chromium, true, true),
        (BrowserKind::Chromium, false, false),
        (BrowserKind::Firefox, true, false),
    ] {
        let mode = BrowserMode::Private {
            argv: words("true"),
            kind,
            kiosk,
        };
        let launched = mode
            .open_sign_in("http://127.0.0.1/", root.path())
            .unwrap()
            .unwrap();
        let preferences =
            std::fs::read_to_string(launched.profile_dir.join("Default/Preferences")).ok();
        assert_eq!(
            preferences.is_some_and(|p| p.contains(r#""translate":{"enabled":false}"#)),
            translate_off,
            "{kind:?}, kiosk {kiosk}"
        );
        close_private(&launched);
    }
}
