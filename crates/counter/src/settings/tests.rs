//! The settings in force: the file, the staff's saved choices and the command line, resolved.

use super::*;
use session::config::StaffPin;

fn raw(text: &str) -> RawAppConfig {
    toml::from_str(text).unwrap()
}

impl Settings {
    /// Resolves as on a desktop whose Secret Service is unlocked.
    fn resolve_unlocked(
        raw: &RawAppConfig,
        saved: &Saved,
        args: &Overrides,
    ) -> Result<Self, Failure> {
        Self::resolve(raw, saved, args, || true)
    }
}

fn args() -> Overrides {
    Overrides {
        sign_in_timeout: 300,
        ..Overrides::default()
    }
}

#[test]
fn defaults_are_the_sandbox_at_high_level_with_the_demo_pin() {
    let settings = Settings::resolve_unlocked(&raw(""), &Saved::default(), &args()).unwrap();
    assert_eq!(settings.env, Env::Sandbox);
    assert_eq!(settings.acr, Acr::Eidas3, "fcplus's default level");
    assert!(!settings.kiosk);
    assert_eq!(
        settings.staff_pin,
        Some(StaffPin::Clear(SANDBOX_DEMO_PIN.into()))
    );
    assert_eq!(settings.browser, BrowserMode::System);
}

/// The sandbox's demo PIN stands in at a counter only: a kiosk without a PIN of its own says so
/// at start, with what to set.
#[test]
fn a_kiosk_never_takes_the_demo_pin() {
    let kiosk = Overrides {
        kiosk: true,
        ..args()
    };
    let refused = Settings::resolve_unlocked(&raw(""), &Saved::default(), &kiosk)
        .expect_err("a kiosk without its own PIN");
    assert_eq!(refused.code, codes::Code::ConfigInvalid);
    assert!(
        refused.detail.contains("staff_pin") && refused.detail.contains("counter only"),
        "{}",
        refused.detail
    );
    let saved_kiosk = Saved {
        kiosk: Some(true),
        ..Saved::default()
    };
    assert!(Settings::resolve_unlocked(&raw(""), &saved_kiosk, &args()).is_err());
    let own = raw("[kiosk]\nstaff_pin = \"97531\"\n");
    let settings = Settings::resolve_unlocked(&own, &Saved::default(), &kiosk).unwrap();
    assert_eq!(settings.staff_pin, Some(StaffPin::Clear("97531".into())));
}

/// Outside the sandbox (a packaged kiosk's first boot) the PIN's absence is said with how to
/// make its hash, and nothing about the sandbox's demo PIN.
#[test]
fn a_production_kiosk_without_a_pin_is_told_to_hash_one() {
    let kiosk = Overrides {
        kiosk: true,
        env: Some(Env::Gateway),
        ..args()
    };
    let file = raw(
        "[provider]\nissuer = \"https://guichet.mairie-exemple.fr\"\nclient_id = \"accueil-1\"\ntoken_auth = \"none\"\n",
    );
    let refused = Settings::resolve_unlocked(&file, &Saved::default(), &kiosk)
        .expect_err("a kiosk without its own PIN");
    assert_eq!(refused.code, codes::Code::ConfigInvalid);
    assert!(
        refused.detail.contains("guichet pin hash") && !refused.detail.contains("sandbox"),
        "{}",
        refused.detail
    );
}

#[test]
fn saved_choices_win_over_the_file_and_the_command_line_over_both() {
    let file = raw(
        "[kiosk]\nenabled = false\nidle_timeout_secs = 300\nstaff_pin = \"2468\"\n[browser]\nmode = \"system\"\ncommand = \"chromium\"\n",
    );
    let saved = Saved {
        acr: Some("eidas3".into()),
        idle_timeout_secs: Some(60),
        browser_mode: Some("private".into()),
        kiosk: Some(true),
        ..Saved::default()
    };
    let settings = Settings::resolve_unlocked(&file, &saved, &args()).unwrap();
    assert_eq!(settings.acr, Acr::Eidas3);
    assert_eq!(settings.idle.timeout, Duration::from_secs(60));
    assert!(settings.private_browser);
    assert!(settings.kiosk);
    assert_eq!(settings.staff_pin, Some(StaffPin::Clear("2468".into())));

    let forced = Overrides {
        env: Some(Env::Sandbox),
        ..args()
    };
    let saved = Saved {
        env: Some("integration".into()),
        ..Saved::default()
    };
    assert_eq!(
        Settings::resolve_unlocked(&file, &saved, &forced)
            .unwrap()
            .env,
        Env::Sandbox
    );
}

#[test]
fn a_kiosk_uses_a_private_browser_unless_staff_chose_otherwise() {
    let kiosk = Overrides {
        kiosk: true,
        ..args()
    };
    let with_pin = raw("[kiosk]\nstaff_pin = \"2468\"\n");
    let settings = Settings::resolve_unlocked(&with_pin, &Saved::default(), &kiosk).unwrap();
    assert!(
        settings.private_browser,
        "a kiosk defaults to private profiles"
    );
    assert!(
        matches!(settings.browser, BrowserMode::Private { kiosk: true, .. }),
        "a kiosk's browser is full screen without its bars: {:?}",
        settings.browser
    );
    let private = raw("[browser]\nmode = \"private\"\n");
    let at_counter = Settings::resolve_unlocked(&private, &Saved::default(), &args()).unwrap();
    assert!(
        matches!(
            at_counter.browser,
            BrowserMode::Private { kiosk: false, .. }
        ),
        "staff's private browser stays an ordinary window: {:?}",
        at_counter.browser
    );
    let counter = Settings::resolve_unlocked(&raw(""), &Saved::default(), &args()).unwrap();
    assert!(
        !counter.private_browser,
        "a counter keeps the system browser"
    );
    let chosen = Saved {
        browser_mode: Some("system".into()),
        ..Saved::default()
    };
    let settings = Settings::resolve_unlocked(&with_pin, &chosen, &kiosk).unwrap();
    assert!(!settings.private_browser, "staff's choice wins");
    let file = raw("[browser]\nmode = \"system\"\n[kiosk]\nstaff_pin = \"2468\"\n");
    let settings = Settings::resolve_unlocked(&file, &Saved::default(), &kiosk).unwrap();
    assert!(!settings.private_browser, "the file's choice wins");
}

#[test]
fn the_staff_pin_never_prints() {
    let file = raw("[kiosk]\nstaff_pin = \"97531\"\n");
    let settings = Settings::resolve_unlocked(&file, &Saved::default(), &args()).unwrap();
    assert_eq!(settings.staff_pin, Some(StaffPin::Clear("97531".into())));
    let printed = format!("{settings:?}");
    assert!(!printed.contains("97531"), "{printed}");
    assert!(printed.contains("<redacted>"), "{printed}");
}

#[test]
fn a_kiosk_saved_by_staff_with_a_locked_secret_service_keeps_its_keys_in_the_kernel() {
    let saved = Saved {
        kiosk: Some(true),
        ..Saved::default()
    };
    let with_pin = raw("[kiosk]\nstaff_pin = \"2468\"\n");
    let kiosk = Settings::resolve(&with_pin, &saved, &args(), || false).unwrap();
    let expected = if cfg!(target_os = "linux") {
        Keyring::Keyutils
    } else {
        Keyring::SecretService
    };
    assert_eq!(kiosk.keyring, expected);
    let counter = Settings::resolve(&raw(""), &Saved::default(), &args(), || false).unwrap();
    assert_eq!(
        counter.keyring,
        Keyring::SecretService,
        "a counter keeps the desktop's keyring, which staff can unlock"
    );
}

#[test]
fn a_kiosk_without_a_pin_is_refused_outside_the_sandbox() {
    let file = raw("[provider]\nclient_id = \"x\"\n");
    let kiosk = Overrides {
        kiosk: true,
        ..args()
    };
    let failure = Settings::resolve_unlocked(&file, &Saved::default(), &kiosk).unwrap_err();
    assert_eq!(failure.code, codes::Code::ConfigInvalid);
}

#[test]
fn a_kiosk_of_a_gateway_defaults_to_the_gateway_environment() {
    let hash = StaffPin::hash("2468").unwrap();
    let file = raw(&format!(
        "[provider]\nclient_id = \"kiosk-1\"\ntoken_auth = \"none\"\n[kiosk]\nstaff_pin = \"{hash}\"\n"
    ));
    let settings = Settings::resolve_unlocked(&file, &Saved::default(), &args()).unwrap();
    assert_eq!(settings.env, Env::Gateway);
    assert_eq!(settings.file_env, Some(Env::Gateway));
    assert!(settings.staff_pin.is_some_and(|pin| pin.matches("2468")));
}

/// Outside the sandbox a PIN in clear is refused, with the command that makes its hash.
#[test]
fn a_clear_pin_is_for_the_sandbox_only() {
    let file = raw(
        "[provider]\nclient_id = \"kiosk-1\"\ntoken_auth = \"none\"\n[kiosk]\nstaff_pin = \"2468\"\n",
    );
    let refused = Settings::resolve_unlocked(&file, &Saved::default(), &args()).unwrap_err();
    assert_eq!(refused.code, codes::Code::ConfigInvalid);
    assert!(
        refused.detail.contains("guichet pin hash") && !refused.detail.contains("2468"),
        "{}",
        refused.detail
    );
}

#[test]
fn direct_mode_needs_a_provider_section() {
    let saved = Saved {
        env: Some("direct".into()),
        ..Saved::default()
    };
    let failure = Settings::resolve_unlocked(&raw(""), &saved, &args()).unwrap_err();
    assert_eq!(failure.code, codes::Code::Usage);
}

#[test]
fn a_saved_integration_environment_is_read_as_direct_mode() {
    let file = raw("[provider]\nclient_id = \"x\"\n");
    let saved = Saved {
        env: Some("integration".into()),
        ..Saved::default()
    };
    let settings = Settings::resolve_unlocked(&file, &saved, &args()).unwrap();
    assert_eq!(settings.env, Env::Direct, "the earlier name of direct mode");
    assert_eq!(settings.file_env, Some(Env::Direct));
}

#[test]
fn saved_settings_round_trip_and_omit_what_was_not_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.toml");
    let saved = Saved {
        acr: Some("eidas3".into()),
        kiosk: Some(false),
        ..Saved::default()
    };
    saved.write(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("env"), "{text}");
    assert_eq!(Saved::read(&path), saved);
    std::fs::write(&path, "nonsense = [").unwrap();
    assert_eq!(Saved::read(&path), Saved::default());
}

#[test]
fn the_operator_is_the_file_s_with_the_sandbox_s_demonstration_values_where_it_is_silent() {
    let sandbox = Settings::resolve(
        &RawAppConfig::default(),
        &Saved::default(),
        &Overrides::default(),
        || true,
    )
    .unwrap();
    assert_eq!(
        sandbox.operator,
        Operator {
            name: Some(SANDBOX_OPERATOR.into()),
            contact: Some(SANDBOX_CONTACT.into()),
            accessibility: Compliance::None,
        },
        "without an audit the status is `none`, even for the demonstration"
    );
    let raw: RawAppConfig = toml::from_str(
        "[operator]\nname = \"Mairie de Villeneuve\"\ncontact = \"01 23 45 67 89\"\naccessibility = \"partial\"\n",
    )
    .unwrap();
    let office =
        Settings::resolve(&raw, &Saved::default(), &Overrides::default(), || true).unwrap();
    assert_eq!(
        office.operator.name.as_deref(),
        Some("Mairie de Villeneuve")
    );
    assert_eq!(office.operator.contact.as_deref(), Some("01 23 45 67 89"));
    assert_eq!(office.operator.accessibility, Compliance::Partial);

    let raw: RawAppConfig = toml::from_str("[operator]\naccessibility = \"mostly\"\n").unwrap();
    let refused = Settings::resolve(&raw, &Saved::default(), &Overrides::default(), || true)
        .expect_err("an unknown status");
    assert_eq!(refused.code, codes::Code::ConfigInvalid);
    assert!(
        refused.detail.contains("operator.accessibility"),
        "{}",
        refused.detail
    );
}

#[test]
fn a_local_authority_gets_the_theme_without_the_state_s_identity_unless_it_says_otherwise() {
    let resolve = |text: &str| {
        Settings::resolve(&raw(text), &Saved::default(), &Overrides::default(), || {
            true
        })
        .map(|s| s.theme)
    };
    assert_eq!(resolve("").unwrap(), Theme::Etat);
    assert_eq!(
        resolve("[operator]\nstate_service = false\n").unwrap(),
        Theme::Collectivite
    );
    assert_eq!(
        resolve("[operator]\nstate_service = true\n").unwrap(),
        Theme::Etat
    );
    assert_eq!(
        resolve("[operator]\nstate_service = false\n[ui]\ntheme = \"etat\"\n").unwrap(),
        Theme::Etat,
        "the file's explicit theme wins"
    );
    let refused = resolve("[ui]\ntheme = \"mairie\"\n").expect_err("no such theme");
    assert!(refused.detail.contains("ui.theme"), "{}", refused.detail);
}

/// `settings.toml` lives in the configuration folder; one an older Guichet left in the data
/// folder is moved there, and read from there after.
#[test]
fn the_settings_an_older_guichet_left_in_the_data_folder_move_to_the_config_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folders = Folders {
        data: dir.path().join("data"),
        cache: dir.path().join("cache"),
        config: dir.path().join("config"),
    };
    std::fs::create_dir_all(&folders.data).unwrap();
    std::fs::write(
        folders.data.join("settings.toml"),
        "idle_timeout_secs = 90\n",
    )
    .unwrap();
    let path = Saved::path(&folders);
    assert_eq!(path, folders.config.join("settings.toml"));
    assert!(
        !folders.data.join("settings.toml").exists(),
        "moved, not copied"
    );
    assert_eq!(Saved::read(&path).idle_timeout_secs, Some(90));
    assert_eq!(Saved::path(&folders), path, "once");
}
