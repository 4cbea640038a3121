//! What staff alone may do: the PIN (five wrong ones lock it for a minute), the settings
//! screen (checked, saved, applied; a change of environment restarts the provider side), and
//! closing or quitting a kiosk.

use codes::{Code, Word};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use session::BrowserMode;

use super::phase::Phase;
use super::view::{CommandError, Status};
use super::{App, Result, lock};
use crate::env::Env;
use crate::pin::PinVerdict;
use crate::provider::Provider;
use crate::settings::{IDLE_TIMEOUT_RANGE, Overrides, Saved, Settings, parse_env};

impl App {
    /// Checks the staff PIN; five wrong ones in a row lock the settings for a minute.
    pub fn check_pin(&self, pin: &str) -> Result<()> {
        let expected = self.settings().staff_pin.clone();
        let Some(expected) = expected else {
            return Err(self.plain(Code::PinNotConfigured));
        };
        let verdict = lock(&self.pin_guard).check(pin, &expected, Instant::now());
        match verdict {
            PinVerdict::Accepted => return Ok(()),
            PinVerdict::Locked => {
                return Err(self.plain(Code::PinLocked));
            }
            PinVerdict::Wrong => tracing::info!(event = "staff_pin_refused"),
        }
        Err(self.plain(Code::PinWrong))
    }

    /// Opens the settings with the staff PIN: returns a one-time key for [`Self::save_settings`],
    /// so the UI holds the key, never the PIN, while the settings screen is open. A new unlock
    /// replaces the key; saving consumes it.
    pub fn unlock_settings(&self, pin: &str) -> Result<String> {
        self.check_pin(pin)?;
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| self.error(&crate::messages::Failure::internal(e.to_string())))?;
        let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        *lock(&self.settings_key) = Some(key.clone());
        Ok(key)
    }

    /// Whether `key` is the one [`Self::unlock_settings`] gave; consumes it when it is.
    fn take_settings_key(&self, key: &str) -> Result<()> {
        let mut held = lock(&self.settings_key);
        if held
            .as_deref()
            .is_some_and(|held| !key.is_empty() && held == key)
        {
            *held = None;
            return Ok(());
        }
        Err(self.plain(Code::SettingsClosed))
    }

    /// Applies and saves the staff's settings, with the key [`Self::unlock_settings`] gave. A
    /// change of environment restarts the provider side; it is refused unless the window is at
    /// home, so no session is left behind.
    pub async fn save_settings(&self, key: &str, chosen: Saved) -> Result<Status> {
        self.take_settings_key(key)?;
        if !matches!(*self.phase(), Phase::Home) {
            return Err(self.say(Code::SessionActive, Word::EndSessionBeforeSettings));
        }
        if let Some(secs) = chosen.idle_timeout_secs
            && !IDLE_TIMEOUT_RANGE.contains(&secs)
        {
            let (min, max) = (IDLE_TIMEOUT_RANGE.start(), IDLE_TIMEOUT_RANGE.end());
            return Err(CommandError::plain(
                Code::Usage,
                &Word::IdleTimeoutRange.fill(
                    self.language(),
                    &[("min", &min.to_string()), ("max", &max.to_string())],
                ),
            ));
        }
        if let Some(env) = &chosen.env {
            parse_env(env).map_err(|f| self.error(&f))?;
        }
        let path = Saved::path(&self.folders);
        let previous = Saved::read(&path);
        chosen.write(&path).map_err(|f| self.error(&f))?;
        let (settings, raw, base) = match Settings::load(&self.args, &self.folders) {
            Ok(loaded) => loaded,
            Err(failure) => {
                // Keep the kiosk working with what it had.
                let _ = previous.write(&path);
                return Err(self.error(&failure));
            }
        };
        // Another environment, or another keyring (kiosk mode switched with a locked Secret
        // Service): the provider and its store are opened again.
        let env_changed = settings.env != self.settings().env
            || settings.keyring != self.settings().keyring
            || self.provider().is_err();
        if env_changed {
            let old = self
                .provider
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            if let Some(old) = old {
                old.shutdown().await;
            }
            *lock(&self.online) = None;
            let path = self.args.config.clone();
            let opened = Provider::open_in(
                settings.env,
                raw,
                &base,
                path,
                &self.folders,
                settings.keyring,
            );
            match opened.await {
                Ok(provider) => {
                    *self.provider.write().unwrap_or_else(|p| p.into_inner()) =
                        Some(Arc::new(provider));
                    *lock(&self.blocking) = None;
                }
                Err(failure) => *lock(&self.blocking) = Some(failure),
            }
        }
        let kiosk = settings.kiosk;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        if let Some(shell) = self.shell.get() {
            shell.set_kiosk(kiosk);
        }
        if env_changed {
            self.reload_session();
        }
        tracing::info!(event = "settings_saved", env_changed, kiosk);
        Ok(self.status())
    }

    /// Whether the window may close now: always outside kiosk mode, else only after `quit`.
    pub fn may_close(&self) -> bool {
        if !self.kiosk() || self.quitting.load(Ordering::SeqCst) {
            return true;
        }
        self.close_requested.store(true, Ordering::SeqCst);
        false
    }

    /// Quits; a kiosk needs the staff PIN. `None` withdraws a close request.
    pub fn quit(&self, pin: Option<&str>) -> Result<()> {
        let Some(pin) = pin else {
            self.close_requested.store(false, Ordering::SeqCst);
            return Ok(());
        };
        if self.kiosk() {
            self.check_pin(pin)?;
        }
        self.quitting.store(true, Ordering::SeqCst);
        self.cancel_sign_in();
        // A held identity was never kept; its private browser (FC+'s cookie) goes now.
        let held = {
            let mut phase = self.phase();
            let held = phase.take_held().ok();
            if held.is_some() {
                phase.go(Phase::Home);
            }
            held
        };
        if let Some((held, _)) = held {
            held.forget();
        }
        if let Some(shell) = self.shell.get() {
            shell.exit();
        }
        Ok(())
    }
}

/// Settings good enough to show the configuration error in a normal window.
pub(super) fn fallback_settings(args: &Overrides) -> Settings {
    Settings {
        env: args.env.unwrap_or(Env::Sandbox),
        acr: fcplus::Acr::Eidas3,
        idle: session::config::idle_policy(None),
        private_browser: false,
        browser: BrowserMode::System,
        kiosk: false,
        staff_pin: None,
        file_env: None,
        sign_in_timeout: Duration::from_secs(args.sign_in_timeout.max(1)),
        keyring: vault::Keyring::SecretService,
        operator: crate::settings::Operator {
            name: None,
            contact: None,
            accessibility: crate::settings::Compliance::None,
        },
        theme: crate::settings::Theme::Etat,
    }
}
