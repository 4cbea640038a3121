//! What the window receives: plain serialisable values. The person's data crosses to the UI
//! only in [`IdentityView`], and never the `sub`, the tokens or the e-mail.

use std::time::Duration;

use codes::Code;
use fcplus::{Origin, VerifiedIdentity};
use serde::{Deserialize, Serialize};

use crate::messages::{Failure, Language};
use crate::reading::Reading;
use codes::window_hint;

/// An error for the UI: a stable code, what to do next in the current language, and the
/// technical detail (English, without personal data) for support.
#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: Code,
    pub message: String,
    pub detail: String,
}

impl CommandError {
    pub fn new(failure: &Failure, lang: Language) -> Self {
        Self {
            code: failure.code,
            message: window_hint(failure.code, lang).to_owned(),
            detail: failure.detail.clone(),
        }
    }

    /// An error of the window's own (a wrong PIN, a busy app…), without a technical detail.
    pub fn plain(code: Code, message: &str) -> Self {
        Self {
            code,
            message: message.to_owned(),
            detail: String::new(),
        }
    }
}

/// What a sign-in that did not fail ended with.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SignInOutcome {
    /// Verified and kept: the identity to show.
    SignedIn { identity: Box<IdentityView> },
    /// Verified but held for staff to check with the person in front of them (it may be the
    /// previous person's FC+ session): nothing is kept yet; the status says what to check.
    Held,
}

impl SignInOutcome {
    /// The identity kept, if it was.
    pub fn signed_in(self) -> Option<IdentityView> {
        match self {
            SignInOutcome::SignedIn { identity } => Some(*identity),
            SignInOutcome::Held => None,
        }
    }
}

/// The verified identity as the agent sees it. Absent fields stay absent. Its `Debug` names
/// which fields are there, never their values (names, dates, places are personal data).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthplace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthcountry: Option<String>,
    /// The birthplace, birth country and gender as the agent reads them, in both languages.
    pub said: Reading,
    pub acr: String,
    pub origin: Origin,
    /// When the session ends at the latest (RFC 3339).
    pub expires_at: String,
    #[serde(skip)]
    pub expires: time::OffsetDateTime,
}

impl std::fmt::Debug for IdentityView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |value: &Option<String>| value.as_ref().map(|_| "<redacted>");
        f.debug_struct("IdentityView")
            .field("given_name", &shown(&self.given_name))
            .field("family_name", &shown(&self.family_name))
            .field("preferred_username", &shown(&self.preferred_username))
            .field("birthdate", &shown(&self.birthdate))
            .field("birthplace", &shown(&self.birthplace))
            .field("birthcountry", &shown(&self.birthcountry))
            .field("said", &self.said)
            .field("acr", &self.acr)
            .field("origin", &self.origin)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl From<&VerifiedIdentity> for IdentityView {
    fn from(verified: &VerifiedIdentity) -> Self {
        let person = &verified.identity;
        let field = |value: &Option<fcplus::Sensitive<String>>| {
            value.as_ref().map(|v| v.expose().to_owned())
        };
        Self {
            given_name: field(&person.given_name),
            family_name: field(&person.family_name),
            preferred_username: field(&person.preferred_username),
            birthdate: field(&person.birthdate),
            birthplace: field(&person.birthplace),
            birthcountry: field(&person.birthcountry),
            said: Reading::of(verified),
            acr: verified.acr.to_string(),
            origin: verified.origin,
            expires_at: verified
                .expires_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            expires: verified.expires_at,
        }
    }
}

/// Where the window stands; the UI polls it every second.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub env: &'static str,
    pub kiosk: bool,
    pub acr: String,
    pub language: &'static str,
    /// `None` until the first reachability check has answered.
    pub online: Option<bool>,
    pub phase: PhaseName,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_in: Option<SignInProgress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityView>,
    /// Seconds before the idle end of the session, during the warning only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_seconds_left: Option<u64>,
    /// Something that happened on its own since the last poll (a session ended by idleness
    /// or expiry, and whether FC+'s session went with it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// During [`PhaseName::Confirming`]: why the identity shown may be the previous person's FC+
    /// session (`french_after_eidas`, `same_as_previous`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspicion: Option<&'static str>,
    /// The window cannot work at all: configuration, listener or keyring trouble.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocking_error: Option<CommandError>,
    /// Someone tried to close the kiosk: the UI asks for the PIN.
    pub close_requested: bool,
    pub settings: SettingsView,
}

/// The phase's name, as the UI reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PhaseName {
    Home,
    SigningIn,
    SignedIn,
    /// A verified identity that may be the previous person's FC+ session, held (not kept)
    /// until staff say whether it is the person in front of them.
    Confirming,
    Ending,
}

/// A session the window ended on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// `idle_ended` or `expired`.
    pub code: &'static str,
    /// `done`, or why FC+ was not signed out.
    pub remote_logout: &'static str,
    /// No browser can present its FC+ session again ([`session::EndReport`]).
    pub fc_session_cleared: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInProgress {
    pub eidas: bool,
    pub seconds_left: u64,
    pub timeout_seconds: u64,
    /// The browser has been opened (the page can be reopened).
    pub browser_opened: bool,
}

/// The settings as the settings screen shows them (never the PIN).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub env: &'static str,
    pub acr: String,
    pub idle_timeout_secs: u64,
    pub browser_mode: &'static str,
    pub kiosk: bool,
    /// The environment the configuration file's `[provider]` is for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_env: Option<&'static str>,
    pub pin_required: bool,
    pub operator: OperatorView,
    /// `etat` or `collectivite` (`[ui] theme`).
    pub theme: &'static str,
}

/// Who runs this Guichet, for the footer and the notices (`[operator]`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// `none`, `partial` or `full` (RGAA).
    pub accessibility: &'static str,
}

/// What ending a session did, for the confirmation message.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndView {
    pub had_session: bool,
    /// `done`, or why FC+ was not signed out (`provider_unavailable`, `timed_out`…).
    pub remote_logout: &'static str,
    /// No browser can present its FC+ session again; when false the next person's sign-in
    /// in this browser could get this person's identity until every window is closed.
    pub fc_session_cleared: bool,
}

impl From<&session::EndReport> for EndView {
    fn from(report: &session::EndReport) -> Self {
        Self {
            had_session: report.had_session,
            remote_logout: report.remote_logout.code(),
            fc_session_cleared: report.fc_session_cleared,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fcplus::{Acr, Identity};

    #[test]
    fn the_view_omits_absent_fields_and_never_carries_sub_or_email() {
        let identity = Identity::from_claims(
            "canary-sub-5f1e".into(),
            serde_json::json!({"given_name": "Erika", "family_name": "Mustermann", "birthdate": "1964-08-12", "email": "canary@example.org"})
                .as_object()
                .unwrap(),
        );
        let verified = VerifiedIdentity {
            identity,
            acr: Acr::Eidas2,
            amr: vec!["eidas".into()],
            origin: Origin::Eidas,
            expires_at: time::OffsetDateTime::UNIX_EPOCH,
        };
        let json = serde_json::to_string(&IdentityView::from(&verified)).unwrap();
        assert!(json.contains("\"givenName\":\"Erika\""), "{json}");
        assert!(json.contains("\"origin\":\"eidas\""), "{json}");
        for absent in ["birthplace", "birthcountry", "canary", "sub", "email"] {
            assert!(!json.contains(absent), "{absent} in {json}");
        }
    }

    /// Nothing personal prints: each type of the window that holds the person's data, filled
    /// with canary values, formatted with `{:?}` (what a log line or a panic would show).
    #[test]
    fn debug_of_the_views_prints_no_personal_data() {
        let canaries = [
            "CanaryGiven",
            "CanaryFamily",
            "CanaryUsage",
            "1901-02-03",
            "74011",
            "Annecy",
            "99350",
            "Maroc",
            "Morocco",
            "Féminin",
            "Female",
        ];
        let identity = Identity::from_claims(
            "canary-sub".into(),
            serde_json::json!({
                "given_name": "CanaryGiven", "family_name": "CanaryFamily",
                "preferred_username": "CanaryUsage", "birthdate": "1901-02-03",
                "birthplace": "74011", "birthcountry": "99350", "gender": "female",
            })
            .as_object()
            .unwrap(),
        );
        let verified = VerifiedIdentity {
            identity,
            acr: Acr::Eidas3,
            amr: vec!["fc".into()],
            origin: Origin::France,
            expires_at: time::OffsetDateTime::UNIX_EPOCH,
        };
        let view = IdentityView::from(&verified);
        assert!(
            serde_json::to_string(&view).unwrap().contains("Annecy"),
            "the view itself carries the names, for the screen"
        );
        let printed = format!("{view:?} {:?} {:?}", view.said, Some(&view));
        for canary in canaries {
            assert!(!printed.contains(canary), "{canary} in {printed}");
        }
        assert!(printed.contains("<redacted>"), "{printed}");
    }
}

/// When the page reached its first paint's steps, in milliseconds from its own time origin
/// (WebKit's navigation start): `index.html` arrived, its script started, its first status
/// answer came back, the first screen was rendered, the frame drawing it started, and the next
/// frame started (the first screen drawn: the first paint). Sent once with `ui_ready`, for the
/// window benchmark's breakdown (docs/PERFORMANCE.md).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageTimes {
    /// The page's time origin in milliseconds since the Unix epoch (`performance.timeOrigin`).
    pub origin_epoch_ms: f64,
    pub fetch_ms: u32,
    pub script_ms: u32,
    pub status_ms: u32,
    pub render_ms: u32,
    /// The page's `load` event (0 if it has not come yet).
    pub load_ms: u32,
    pub frame_ms: u32,
    pub shown_ms: u32,
}

/// When the shell reached its steps before the page, from the process's `main`: the
/// application layer started, Tauri's setup began, the window (and its web view) was built.
/// Logged with `first_paint` beside [`PageTimes`], with `main`'s own time since the Unix
/// epoch, which places the page's time origin after `main`.
#[derive(Debug, Clone, Copy, Default)]
pub struct StartTimes {
    pub main_epoch_ms: f64,
    pub app_started: Duration,
    pub setup: Duration,
    pub window_built: Duration,
}
