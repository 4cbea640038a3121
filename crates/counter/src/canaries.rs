//! One canary test over every type that holds a person's data or a secret on the way from FC+
//! to the agent's screen: none of them prints a canary through `Debug`, and the ones that
//! serialize for their real use (the window's view, the vault's session) are the only writers.

use fcplus::identity::Revealed;
use fcplus::{Acr, Identity, Origin, SignedIdToken, VerifiedIdentity};
use session::StoredSession;
use session::config::{RawAppConfig, StaffPin};

use crate::reading::Reading;
use crate::settings::{Overrides, Saved, Settings};
use crate::window::view::{IdentityView, OperatorView, PhaseName, SettingsView, Status};

const CANARIES: [&str; 8] = [
    "CanaryGiven",
    "CanaryFamily",
    "CanaryUsage",
    "1901-02-03",
    "canary-sub-42",
    "canary@example.org",
    "canary.id.token",
    "86420",
];

fn verified() -> VerifiedIdentity {
    let claims = serde_json::json!({
        "given_name": CANARIES[0], "family_name": CANARIES[1], "preferred_username": CANARIES[2],
        "birthdate": CANARIES[3], "email": CANARIES[5], "birthplace": "01033",
        "birthcountry": "99100", "gender": "female",
    });
    VerifiedIdentity {
        identity: Identity::from_claims(CANARIES[4].into(), claims.as_object().unwrap()),
        acr: Acr::Eidas3,
        amr: vec!["fc".into()],
        origin: Origin::France,
        expires_at: time::OffsetDateTime::UNIX_EPOCH,
    }
}

fn assert_silent(what: &str, printed: &str) {
    for canary in CANARIES {
        assert!(
            !printed.contains(canary),
            "{what} prints {canary}: {printed}"
        );
    }
}

#[test]
fn nothing_personal_or_secret_prints_through_debug() {
    let verified = verified();
    assert_silent("VerifiedIdentity", &format!("{verified:?}"));
    assert_silent("Identity", &format!("{:?}", verified.identity));
    assert_silent("Revealed", &format!("{:?}", Revealed(&verified)));
    let view = IdentityView::from(&verified);
    assert_silent("IdentityView", &format!("{view:?}"));
    let status = Status {
        env: "sandbox",
        kiosk: true,
        acr: "eidas3".into(),
        language: "fr",
        online: Some(true),
        phase: PhaseName::SignedIn,
        sign_in: None,
        identity: Some(view.clone()),
        idle_seconds_left: None,
        notice: None,
        suspicion: None,
        blocking_error: None,
        close_requested: false,
        settings: SettingsView {
            env: "sandbox",
            acr: "eidas3".into(),
            idle_timeout_secs: 120,
            browser_mode: "private",
            kiosk: true,
            file_env: None,
            pin_required: true,
            operator: OperatorView {
                name: None,
                contact: None,
                accessibility: "none",
            },
            theme: "etat",
        },
    };
    assert_silent("Status", &format!("{status:?}"));
    assert_silent("Reading", &format!("{:?}", Reading::of(&verified)));
    let session = StoredSession {
        identity: verified.clone(),
        id_token: SignedIdToken::new(CANARIES[6]),
        issuer: "https://issuer.example".into(),
        browser: None,
        profile_deleted: false,
        fc_logged_out: false,
        signed_in_at: 0,
    };
    assert_silent("StoredSession", &format!("{session:?}"));
    let pin = StaffPin::Clear(CANARIES[7].into());
    assert_silent("StaffPin", &format!("{pin:?}"));
    let raw: RawAppConfig =
        toml::from_str(&format!("[kiosk]\nstaff_pin = \"{}\"\n", CANARIES[7])).unwrap();
    assert_silent("RawAppConfig", &format!("{raw:?}"));
    let settings = Settings::resolve(&raw, &Saved::default(), &Overrides::default(), || true)
        .expect("the sandbox's settings");
    assert_silent("Settings", &format!("{settings:?}"));
}

#[test]
fn a_person_s_data_is_written_out_only_where_it_is_meant_to_be() {
    let verified = verified();
    // The window's view is for the screen: it carries the names (that is its job).
    let view = serde_json::to_string(&IdentityView::from(&verified)).unwrap();
    assert!(view.contains(CANARIES[0]));
    // The vault's session, through the explicit reveal: everything, to read it back.
    let revealed = serde_json::to_string(&Revealed(&verified)).unwrap();
    for canary in &CANARIES[..6] {
        assert!(revealed.contains(canary), "{canary}");
    }
}
