//! What the UI polls every second: the phase, the sign-in's countdown, the identity shown,
//! the idle warning, and the settings.

use std::sync::atomic::Ordering;
use std::time::Instant;

use session::IdleState;

use super::phase::Phase;
use super::view::{OperatorView, PhaseName, SettingsView, SignInProgress, Status};
use super::{App, lock};
use crate::env::Env;
use crate::messages::Language;
use crate::settings::Settings;

impl App {
    /// The whole state, for the UI's poll.
    pub fn status(&self) -> Status {
        let settings = self.settings();
        let now = Instant::now();
        let (phase, sign_in, identity, suspicion) = {
            let phase = self.phase();
            let sign_in = match &*phase {
                Phase::SigningIn(signing_in) => Some(SignInProgress {
                    eidas: signing_in.eidas,
                    seconds_left: signing_in.deadline.saturating_duration_since(now).as_secs(),
                    timeout_seconds: settings.sign_in_timeout.as_secs(),
                    browser_opened: signing_in.url.is_some(),
                }),
                _ => None,
            };
            let suspicion = match &*phase {
                Phase::Confirming(confirming) => Some(confirming.suspicion.code()),
                _ => None,
            };
            (phase.name(), sign_in, phase.shown().cloned(), suspicion)
        };
        let idle_seconds_left = match (phase, settings.idle.state(*lock(&self.last_activity), now))
        {
            (PhaseName::SignedIn | PhaseName::Confirming, IdleState::Warning { remaining }) => {
                Some(remaining.as_secs_f64().ceil() as u64)
            }
            (PhaseName::SignedIn | PhaseName::Confirming, IdleState::Expired) => Some(0),
            _ => None,
        };
        Status {
            // A configuration that could not be read has no environment: no sandbox banner
            // on a production kiosk's error screen.
            env: if self.env_known {
                settings.env.name()
            } else {
                "none"
            },
            kiosk: settings.kiosk,
            acr: settings.acr.to_string(),
            language: match self.language() {
                Language::French => "fr",
                Language::English => "en",
            },
            online: *lock(&self.online),
            phase,
            sign_in,
            identity,
            suspicion,
            idle_seconds_left,
            notice: lock(&self.notice).take(),
            blocking_error: lock(&self.blocking).as_ref().map(|f| self.error(f)),
            close_requested: self.close_requested.load(Ordering::SeqCst),
            settings: settings_view(&settings),
        }
    }
}

fn settings_view(settings: &Settings) -> SettingsView {
    SettingsView {
        env: settings.env.name(),
        acr: settings.acr.to_string(),
        idle_timeout_secs: settings.idle.timeout.as_secs(),
        browser_mode: if settings.private_browser {
            "private"
        } else {
            "system"
        },
        kiosk: settings.kiosk,
        file_env: settings.file_env.map(Env::name),
        pin_required: settings.staff_pin.is_some(),
        operator: OperatorView {
            name: settings.operator.name.clone(),
            contact: settings.operator.contact.clone(),
            accessibility: settings.operator.accessibility.as_str(),
        },
        theme: settings.theme.as_str(),
    }
}
