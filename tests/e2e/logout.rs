//! Ending a session at FC+: the logout goes through the browser holding FC+'s cookie, the
//! sandbox's session is really gone, the next person must choose and authenticate again, and
//! nothing of the previous person stays anywhere (canary values).

use serde_json::Value;

use crate::support::browser::{Chromium, UrlInbox, attach_to, free_port, headed_chromium_command};
use crate::support::cli::{finish, stderr, stdout};
use crate::support::fixtures::Provider;
use sandbox::{IdentityOrigin, TestIdentity};

const CANARIES: &[&str] = &[
    "CnryGiven7d41",
    "CnryFamily7d41",
    "CnryUsage7d41",
    "1911-11-11",
    "cnry7d41@example.invalid",
];

fn canary_identity() -> TestIdentity {
    let claims = serde_json::json!({
        "given_name": CANARIES[0], "family_name": CANARIES[1], "preferred_username": CANARIES[2],
        "birthdate": CANARIES[3], "gender": "female", "birthplace": "75056", "birthcountry": "99100",
        "email": CANARIES[4],
    });
    TestIdentity {
        login: "canary".into(),
        origin: IdentityOrigin::France {
            idp_id: "fip1".into(),
        },
        claims: claims.as_object().cloned().unwrap(),
        amr: vec!["fc".into(), "pwd".into()],
    }
}

fn search(haystack: &[u8], needles: &[String]) -> Option<String> {
    let text = String::from_utf8_lossy(haystack);
    needles.iter().find(|n| text.contains(n.as_str())).cloned()
}

#[tokio::test]
async fn logout_clears_fc_plus_and_leaves_no_trace_of_the_person() {
    let provider = Provider::start(vec![canary_identity()], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let mut logs = Vec::new();

    // The person signs in at the substantial level, which FC+ lets a later request reuse.
    let login = |args: &[&str]| {
        let mut all = vec![
            "login",
            "--json",
            "--acr",
            "eidas2",
            "--timeout",
            "60",
            "--browser",
        ];
        all.push(Box::leak(inbox.command().into_boxed_str()));
        all.extend_from_slice(args);
        let mut command = provider.guichet(&all);
        command.env("GUICHET_LOG", "debug");
        command.spawn().unwrap()
    };
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-canary", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["given_name"], CANARIES[0]);
    logs.push(output.stderr);
    assert!(
        provider.sandbox.active_sessions() >= 1,
        "FC+ keeps a session after the sign-in"
    );

    // Nobody pressed "End session" and the next person sits down: a new sign-in is refused
    // (FC+ would reuse this browser's session at eidas2 and hand them this person), and
    // nothing of the kept person is printed.
    let refused = provider
        .guichet(&[
            "login",
            "--json",
            "--acr",
            "eidas2",
            "--eidas",
            "--browser",
            "false",
        ])
        .output()
        .await
        .unwrap();
    assert_eq!(refused.status.code(), Some(13), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--end-current"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());
    assert_eq!(search(&refused.stderr, &needles_for(CANARIES)), None);
    logs.push(refused.stderr);

    // Staff end the session: the logout page opens in the same browser.
    let mut end = provider.guichet(&[
        "session",
        "end",
        "--timeout",
        "30",
        "--browser",
        &inbox.command(),
    ]);
    end.env("GUICHET_LOG", "debug");
    let child = end.spawn().unwrap();
    driver.goto(&inbox.next().await).await;
    let landing = driver.text("message-en").await;
    assert!(landing.contains("signed out"), "{landing}");
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("signed out of FranceConnect+"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        search(&output.stdout, &needles_for(CANARIES)),
        None,
        "session end prints nothing of the person"
    );
    logs.push(output.stderr);
    assert_eq!(
        provider.sandbox.active_sessions(),
        0,
        "FC+'s session must really be gone"
    );

    // The next person at the kiosk gets the chooser, not the previous person's session.
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    driver.click("idp-fip1").await;
    // A cancel at the identity provider brings the chooser back with a banner, as on FC+;
    // only the chooser's link back to the service reaches Guichet.
    driver.click("idp-cancel-link").await;
    driver.text("interaction-error-banner").await;
    driver.click("cancel-link").await;
    let output = finish(child).await;
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    logs.push(output.stderr);
    driver.close().await;

    // No trace: every file of the machine, every log line, the keyring.
    let mut needles: Vec<String> = CANARIES.iter().map(|c| c.to_string()).collect();
    needles.push(identity["sub"].as_str().unwrap().to_owned());
    for log in &logs {
        assert_eq!(search(log, &needles), None, "a canary reached the logs");
    }
    let mut stack = vec![provider.machine.dir.path().to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let found = search(&std::fs::read(&path).unwrap(), &needles);
                assert_eq!(found, None, "{path:?} still holds the person's data");
            }
        }
    }
    let keyring = tokio::process::Command::new("secret-tool")
        .args(["search", "--all", "--unlock", "service", "guichet"])
        .output()
        .await
        .expect("secret-tool (libsecret-tools) lists the keyring");
    assert_eq!(
        search(&keyring.stdout, &needles),
        None,
        "the keyring holds the person's data"
    );
    assert_eq!(search(&keyring.stderr, &needles), None);
}

#[tokio::test]
async fn a_private_profile_is_closed_and_deleted_and_the_next_person_starts_fresh() {
    let (port, provider) = private_kiosk().await;
    let profiles = provider.machine.data_dir().join("browser-profiles");

    sign_in_privately(
        &provider,
        port,
        &["idp-fip2", "identity-jean", "consent-button"],
    )
    .await;
    let kept: Vec<_> = std::fs::read_dir(&profiles).unwrap().flatten().collect();
    assert_eq!(
        kept.len(),
        1,
        "one private profile per sign-in, kept while the session lasts"
    );

    let output = provider
        .guichet(&["session", "end", "--timeout", "30"])
        .output()
        .await
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "the private browser is still open: the FC+ logout completes: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("signed out of FranceConnect+"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        provider.sandbox.active_sessions(),
        0,
        "FC+'s session is gone"
    );
    assert!(
        !profiles.exists(),
        "the private profile folder must be gone"
    );
    let profile_users = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .filter(|cmdline| {
            String::from_utf8_lossy(cmdline).contains(&profiles.display().to_string())
        })
        .count();
    assert_eq!(profile_users, 0, "the private browser must be closed");

    let child = provider
        .guichet(&["login", "--json", "--acr", "eidas2", "--timeout", "60"])
        .spawn()
        .unwrap();
    let driver = attach_to(port).await;
    driver.click("idp-fip1").await;
    driver.click("idp-cancel-link").await;
    // Guichet closes the private browser as soon as the cancel comes back, possibly before
    // WebDriver hears the click was done: the outcome is read from Guichet, not the click.
    driver.click_and_let_go("cancel-link").await;
    let output = finish(child).await;
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        !profiles.exists() || std::fs::read_dir(&profiles).unwrap().count() == 0,
        "a failed sign-in leaves no profile"
    );
}

/// The person closed the private browser before staff ended the session: its FC+ cookie went
/// with it, so no logout can happen. `session end` says so, and never that it signed out.
#[tokio::test]
async fn a_closed_private_browser_is_reported_as_an_unreachable_fc_plus_session() {
    let (port, provider) = private_kiosk().await;
    let profiles = provider.machine.data_dir().join("browser-profiles");
    sign_in_privately(
        &provider,
        port,
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    crate::support::browser::close_browsers_on(&profiles);

    let started = std::time::Instant::now();
    let output = provider
        .guichet(&["session", "end", "--timeout", "30"])
        .output()
        .await
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("unreachable (the private browser had been closed"),
        "{err}"
    );
    assert!(!err.contains("signed out of FranceConnect+"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "no logout page is opened and waited for"
    );
    assert_eq!(
        provider.sandbox.active_sessions(),
        1,
        "no FC+ logout took place: nothing may claim one did"
    );
    assert!(
        !profiles.exists(),
        "the profile, and the cookie with it, is gone"
    );
}

/// A provider and a kiosk whose sign-ins open a fresh private profile in a headed Chromium
/// (which takes the logout from a second process, as a kiosk's does), on a debugging port.
async fn private_kiosk() -> (u16, Provider) {
    let port = free_port();
    let command = headed_chromium_command(port);
    let provider = Provider::start(
        vec![],
        &format!("[browser]\nmode = \"private\"\ncommand = \"{command}\"\nkind = \"chromium\"\n"),
    )
    .await;
    (port, provider)
}

/// `login --acr eidas2` on `private_kiosk`'s machine, clicked through `clicks` in the private
/// browser it opens (left running, as a person walking away leaves it); must succeed.
async fn sign_in_privately(provider: &Provider, port: u16, clicks: &[&str]) {
    let child = provider
        .guichet(&["login", "--json", "--acr", "eidas2", "--timeout", "60"])
        .spawn()
        .unwrap();
    let driver = attach_to(port).await;
    for id in clicks {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));
}

fn needles_for(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[tokio::test]
async fn offline_at_the_end_the_session_is_still_wiped_and_the_command_says_so() {
    let Provider {
        sandbox,
        machine,
        config,
        ..
    } = Provider::start(vec![], "").await;
    let provider_args = |args: &[&str]| {
        let mut command = machine.guichet();
        command
            .env(
                "GUICHET_FIXTURE_SECRET",
                crate::support::fixtures::CLIENT_SECRET,
            )
            .args(args)
            .args(["--env", "direct", "--config"])
            .arg(&config);
        command
    };
    let chromium = Chromium::new();
    let child = provider_args(&[
        "login",
        "--json",
        "--timeout",
        "60",
        "--browser",
        &chromium.command(),
    ])
    .spawn()
    .unwrap();
    let driver = chromium.attach().await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    driver.close().await;
    let output = finish(child).await;
    assert!(output.status.success(), "{}", stderr(&output));

    // FC+ goes away (network cut): the logout page can never come back.
    sandbox.shutdown().await;
    let inbox = UrlInbox::new(machine.dir.path());
    let output = provider_args(&[
        "session",
        "end",
        "--timeout",
        "2",
        "--browser",
        &inbox.command(),
    ])
    .output()
    .await
    .unwrap();
    assert_eq!(
        output.status.code(),
        Some(12),
        "wiped locally, logout incomplete: {}",
        stderr(&output)
    );
    let said = stderr(&output);
    assert!(
        said.contains("local data") && said.contains("could not be done"),
        "{said}"
    );
    let show = provider_args(&["session", "show"]).output().await.unwrap();
    assert_eq!(
        show.status.code(),
        Some(10),
        "the local wipe happened: {}",
        stderr(&show)
    );
}

/// Issue 17's scenario, at a counter with the system browser: A signs in at eidas2, nobody
/// ends the session, B sits down and staff press the eIDAS button. FC+ would reuse A's live
/// session and ignore the hint; Guichet refuses the sign-in, and with `--end-current` ends
/// A's session at FC+ in that browser first, so B chooses a country and gets B.
#[tokio::test]
async fn the_next_person_at_a_counter_never_gets_the_kept_persons_identity() {
    let provider = Provider::start(vec![], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let login = |extra: &[&str]| {
        let mut all = vec!["login", "--json", "--acr", "eidas2", "--timeout", "60"];
        all.extend_from_slice(extra);
        all.extend_from_slice(&["--browser", Box::leak(inbox.command().into_boxed_str())]);
        provider.guichet(&all).spawn().unwrap()
    };
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let a = finish(child).await;
    assert!(a.status.success(), "{}", stderr(&a));
    let a: Value = serde_json::from_str(stdout(&a).trim()).unwrap();

    let refused = finish(login(&["--eidas"])).await;
    assert_eq!(refused.status.code(), Some(13), "{}", stderr(&refused));
    assert!(stdout(&refused).is_empty(), "A is never printed as B");
    assert_eq!(provider.sandbox.active_sessions(), 1, "nothing was opened");

    let child = login(&["--eidas", "--end-current"]);
    // First the logout of A, in the browser that holds A's FC+ session.
    driver.goto(&inbox.next().await).await;
    assert!(driver.text("message-en").await.contains("signed out"));
    // Then B's sign-in: FC+ has no session to reuse, so the eIDAS country list is shown.
    driver.goto(&inbox.next().await).await;
    driver.text("country-DE").await;
    assert!(!driver.has("consent-button").await, "not A's consent page");
    for id in ["country-DE", "identity-erika", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let b = finish(child).await;
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(
        stderr(&b).contains("signed out of FranceConnect+"),
        "the end of A is reported: {}",
        stderr(&b)
    );
    let b: Value = serde_json::from_str(stdout(&b).trim()).unwrap();
    assert_eq!(b["family_name"], "Mustermann");
    assert_ne!(b["sub"], a["sub"], "B is not A");
    driver.close().await;
}

/// Issue 17, the paths where A's FC+ session outlives A's local session: the FC+ logout did
/// not come back (here FC+ answers the logout with an error page), so Guichet remembers it and
/// refuses the next system-browser sign-in until staff say every browser window is closed. If
/// staff say so without doing it, FC+ hands A's session out again at eidas2, ignoring the eIDAS
/// button: a French identity after the eIDAS button is not kept (exit 14), nothing is printed.
#[tokio::test]
async fn after_an_incomplete_logout_the_next_sign_in_waits_for_the_browser_to_be_closed() {
    let provider = Provider::start(vec![], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let browser = inbox.command();
    let login = |extra: &[&str]| {
        let mut all = vec!["login", "--json", "--acr", "eidas2", "--timeout", "60"];
        all.extend_from_slice(extra);
        all.extend_from_slice(&["--browser", Box::leak(browser.clone().into_boxed_str())]);
        provider.guichet(&all).spawn().unwrap()
    };
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    assert!(finish(child).await.status.success());

    provider.sandbox.set_fault(
        sandbox::Endpoint::EndSession,
        Some(sandbox::Fault::Status(503)),
    );
    let child = provider
        .guichet(&["session", "end", "--timeout", "3", "--browser", &browser])
        .spawn()
        .unwrap();
    driver.goto(&inbox.next().await).await;
    let ended = finish(child).await;
    assert_eq!(ended.status.code(), Some(12), "{}", stderr(&ended));
    provider
        .sandbox
        .set_fault(sandbox::Endpoint::EndSession, None);
    assert_eq!(
        provider.sandbox.active_sessions(),
        1,
        "A's FC+ session lives on"
    );

    let refused = finish(login(&["--eidas"])).await;
    assert_eq!(refused.status.code(), Some(12), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--browser-closed"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());

    // Staff say the browser is closed, but it is not: FC+ reuses A's session.
    let child = login(&["--eidas", "--browser-closed"]);
    driver.goto(&inbox.next().await).await;
    driver.text("consent-button").await;
    assert!(
        !driver.has("country-DE").await,
        "FC+ ignored the eIDAS hint"
    );
    driver.click("consent-button").await;
    driver.text("message-en").await;
    // Not kept, and logged out at once with the fresh ID token it came with, in the browser
    // that holds A's session: the next sign-in meets none.
    driver.goto(&inbox.next().await).await;
    assert!(driver.text("message-en").await.contains("signed out"));
    let reused = finish(child).await;
    assert_eq!(reused.status.code(), Some(14), "{}", stderr(&reused));
    assert!(
        stderr(&reused).contains("previous person's FranceConnect+ session"),
        "{}",
        stderr(&reused)
    );
    assert!(
        stderr(&reused).contains("has been closed in this browser"),
        "{}",
        stderr(&reused)
    );
    assert!(stdout(&reused).is_empty(), "A is never printed as B");
    assert!(!stderr(&reused).contains("Martin"));
    assert_eq!(
        provider.sandbox.active_sessions(),
        0,
        "A's FC+ session is closed at last"
    );
    let shown = provider
        .guichet(&["session", "show"])
        .output()
        .await
        .unwrap();
    assert_eq!(shown.status.code(), Some(10), "nothing was kept");

    // B presses the eIDAS button again: no --browser-closed is needed, and FC+ has no session
    // to hand out, so B chooses a country and gets B.
    let child = login(&["--eidas"]);
    driver.goto(&inbox.next().await).await;
    for id in ["country-DE", "identity-erika", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let b = finish(child).await;
    assert!(b.status.success(), "{}", stderr(&b));
    let b: Value = serde_json::from_str(stdout(&b).trim()).unwrap();
    assert_eq!(b["family_name"], "Mustermann");
    driver.close().await;
}

/// Staff at a terminal are shown the flagged identity and asked: the same person came back
/// while the last session's FC+ session may be alive (its logout failed), they check it with
/// the person in front of them and keep it. The question is asked on a real terminal (`script`
/// gives the command a pty); a script without one never keeps such an identity (above).
#[tokio::test]
async fn staff_at_a_terminal_check_a_flagged_identity_and_keep_it() {
    let provider = Provider::start(vec![], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let browser = inbox.command();
    let child = provider
        .guichet(&[
            "login",
            "--json",
            "--acr",
            "eidas2",
            "--timeout",
            "60",
            "--browser",
            &browser,
        ])
        .spawn()
        .unwrap();
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let a = finish(child).await;
    let a: Value = serde_json::from_str(stdout(&a).trim()).unwrap();
    provider.sandbox.set_fault(
        sandbox::Endpoint::EndSession,
        Some(sandbox::Fault::Status(503)),
    );
    let child = provider
        .guichet(&["session", "end", "--timeout", "3", "--browser", &browser])
        .spawn()
        .unwrap();
    driver.goto(&inbox.next().await).await;
    assert_eq!(finish(child).await.status.code(), Some(12));
    provider
        .sandbox
        .set_fault(sandbox::Endpoint::EndSession, None);

    // Marie comes back to the counter; staff close the browser (they say), and sign her in
    // from a terminal. FC+ reuses her live session: the same sub as the session that ended.
    let mut command = tokio::process::Command::new("script");
    command
        .args([
            "-qec",
            r#"exec "$GUICHET_BIN" login --json --acr eidas2 --timeout 60 --browser-closed --browser "$GUICHET_TEST_BROWSER" --config "$GUICHET_TEST_CONFIG""#,
            "/dev/null",
        ])
        .env("SHELL", "/bin/sh")
        .env("GUICHET_BIN", env!("CARGO_BIN_EXE_guichet"))
        .env("GUICHET_TEST_BROWSER", &browser)
        .env("GUICHET_TEST_CONFIG", &provider.config)
        .env("GUICHET_FIXTURE_SECRET", crate::support::fixtures::CLIENT_SECRET)
        .env("GUICHET_LANG", "en")
        .env("GUICHET_DATA_DIR", provider.machine.data_dir())
        .env("GUICHET_CACHE_DIR", provider.machine.dir.path().join("cache"))
        .env("TMPDIR", provider.machine.dir.path().join("tmp"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().unwrap();
    let mut answer = child.stdin.take().unwrap();
    driver.goto(&inbox.next().await).await;
    driver.click("consent-button").await;
    let (page, _) = driver.landing().await;
    assert_eq!(page, "held", "the tab says a member of staff must confirm");
    // The terminal buffers the answer until the question reads it.
    tokio::io::AsyncWriteExt::write_all(&mut answer, b"y\n")
        .await
        .unwrap();
    let kept = finish(child).await;
    drop(answer);
    let terminal = stdout(&kept);
    assert_eq!(kept.status.code(), Some(0), "{terminal}");
    assert!(
        terminal.contains("previous person's FranceConnect+ session"),
        "{terminal}"
    );
    assert!(
        terminal.contains("Keep this identity [y/N]"),
        "the identity is shown and the question asked: {terminal}"
    );
    let shown = provider
        .guichet(&["session", "show", "--json"])
        .output()
        .await
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    let shown: Value = serde_json::from_str(stdout(&shown).trim()).unwrap();
    assert_eq!(shown["sub"], a["sub"], "the confirmed identity is kept");
    let audit = std::fs::read_to_string(provider.machine.data_dir().join("audit.jsonl")).unwrap();
    assert!(
        audit.lines().any(|l| l.contains("\"possible_reuse\"")
            && l.contains("\"same_as_previous\"")
            && l.contains("\"kept\":true")),
        "{audit}"
    );
    driver.close().await;
}

/// A session whose lifetime is shorter than FC+'s 600 s expires while its FC+ session is still
/// alive in the browser. The next sign-in (B, eIDAS button) first ends it as an expiry: FC+'s
/// logout in that browser, then B's sign-in, which meets no session to reuse.
#[tokio::test]
async fn an_expired_session_is_logged_out_of_fc_plus_before_the_next_sign_in() {
    let provider = Provider::start(vec![], "[session]\nlifetime_secs = 2\n").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let browser = inbox.command();
    let login = |extra: &[&str]| {
        let mut all = vec!["login", "--json", "--acr", "eidas2", "--timeout", "60"];
        all.extend_from_slice(extra);
        all.extend_from_slice(&["--browser", Box::leak(browser.clone().into_boxed_str())]);
        provider.guichet(&all).spawn().unwrap()
    };
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    assert!(finish(child).await.status.success());
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(provider.sandbox.active_sessions(), 1, "FC+ still holds A");

    let child = login(&["--eidas"]);
    driver.goto(&inbox.next().await).await;
    assert!(driver.text("message-en").await.contains("signed out"));
    driver.goto(&inbox.next().await).await;
    for id in ["country-DE", "identity-erika", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let b = finish(child).await;
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(
        stderr(&b).contains("expired (maximum length")
            && stderr(&b).contains("signed out of FranceConnect+"),
        "{}",
        stderr(&b)
    );
    let b: Value = serde_json::from_str(stdout(&b).trim()).unwrap();
    assert_eq!(b["family_name"], "Mustermann");
    driver.close().await;
}

/// The app is killed (SIGKILL, as a crash or a power cut) while it watches a kept session: the
/// session stays kept, so the next sign-in is still refused until staff end it, and ending it
/// then logs A out of FC+ as if nothing had happened.
#[tokio::test]
async fn after_a_crash_with_a_session_kept_the_next_sign_in_still_waits_for_its_end() {
    let provider = Provider::start(vec![], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let browser = inbox.command();
    let login = |extra: &[&str]| {
        let mut all = vec!["login", "--json", "--acr", "eidas2", "--timeout", "60"];
        all.extend_from_slice(extra);
        all.extend_from_slice(&["--browser", Box::leak(browser.clone().into_boxed_str())]);
        provider.guichet(&all).spawn().unwrap()
    };
    let child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let a = finish(child).await;
    let a: Value = serde_json::from_str(stdout(&a).trim()).unwrap();

    let mut watch = provider
        .guichet(&["session", "watch", "--idle-timeout", "600"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    watch.start_kill().unwrap(); // SIGKILL
    let killed = finish(watch).await;
    assert_eq!(killed.status.code(), None, "killed, not exited");

    let refused = finish(login(&["--eidas"])).await;
    assert_eq!(refused.status.code(), Some(13), "{}", stderr(&refused));
    assert!(stdout(&refused).is_empty());
    let child = login(&["--eidas", "--end-current"]);
    driver.goto(&inbox.next().await).await;
    assert!(driver.text("message-en").await.contains("signed out"));
    driver.goto(&inbox.next().await).await;
    for id in ["country-DE", "identity-erika", "consent-button"] {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    let b = finish(child).await;
    assert!(b.status.success(), "{}", stderr(&b));
    let b: Value = serde_json::from_str(stdout(&b).trim()).unwrap();
    assert_ne!(b["sub"], a["sub"]);
    assert_eq!(b["family_name"], "Mustermann");
    driver.close().await;
}

/// A sign-in in the shared browser is killed (SIGKILL) while the person sits on FC+'s consent
/// page: FC+'s session already holds their identity, and Guichet kept nothing. The next
/// sign-in still knows it: it waits until staff say every browser window is closed. If staff
/// say so without doing it, the French identity FC+ hands out after the eIDAS button is not
/// kept.
#[tokio::test]
async fn a_sign_in_killed_at_fc_plus_leaves_the_next_one_waiting_for_the_browser_to_be_closed() {
    let provider = Provider::start(vec![], "").await;
    let inbox = UrlInbox::new(provider.machine.dir.path());
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let browser = inbox.command();
    let login = |extra: &[&str]| {
        let mut all = vec!["login", "--json", "--acr", "eidas2", "--timeout", "60"];
        all.extend_from_slice(extra);
        all.extend_from_slice(&["--browser", Box::leak(browser.clone().into_boxed_str())]);
        provider.guichet(&all).spawn().unwrap()
    };
    let mut child = login(&[]);
    driver.goto(&inbox.next().await).await;
    for id in ["idp-fip1", "identity-marie"] {
        driver.click(id).await;
    }
    driver.text("consent-button").await;
    child.start_kill().unwrap();
    assert_eq!(finish(child).await.status.code(), None, "killed");
    assert_eq!(provider.sandbox.active_sessions(), 1, "FC+ holds Marie");

    let refused = finish(login(&["--eidas"])).await;
    assert_eq!(refused.status.code(), Some(12), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--browser-closed"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());

    let child = login(&["--eidas", "--browser-closed"]);
    driver.goto(&inbox.next().await).await;
    driver.click("consent-button").await;
    driver.text("message-en").await;
    driver.goto(&inbox.next().await).await; // the logout of that FC+ session
    let reused = finish(child).await;
    assert_eq!(reused.status.code(), Some(14), "{}", stderr(&reused));
    assert!(
        stdout(&reused).is_empty(),
        "Marie is never printed as the next person"
    );
    assert_eq!(provider.sandbox.active_sessions(), 0);
    driver.close().await;
}
