//! What the window runs with: the configuration file, then the staff's choices saved from
//! the settings screen (`settings.toml` in the configuration folder), then the command line.

use codes::Code;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fcplus::Acr;
use fcplus::config::validate_acr;
use serde::{Deserialize, Serialize};
use session::BrowserMode;
use session::IdlePolicy;
use session::config::{RawAppConfig, RawBrowser, StaffPin, browser_mode, idle_policy, staff_pin};
use session::paths::Folders;
use vault::Keyring;

use crate::env::Env;
use crate::environment::{file_env, read_config};
use crate::messages::Failure;

/// What the command line says, over the file and the saved settings.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The configuration file.
    pub config: Option<PathBuf>,
    pub env: Option<Env>,
    /// Kiosk mode from the command line (it can only turn it on).
    pub kiosk: bool,
    /// Seconds to wait for the browser to come back from FC+ (at least 1).
    pub sign_in_timeout: u64,
}

/// Idle timeouts staff may choose, in seconds.
pub const IDLE_TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 30..=3600;

/// The PIN a sandbox demo uses when the file sets none (never accepted for `integration`).
pub const SANDBOX_DEMO_PIN: &str = "0000";

/// The settings in force. Its `Debug` never shows the staff PIN.
pub struct Settings {
    pub env: Env,
    pub acr: Acr,
    pub idle: IdlePolicy,
    pub private_browser: bool,
    pub browser: BrowserMode,
    pub kiosk: bool,
    /// `None`: settings cannot be opened (no PIN in the file, outside the sandbox).
    pub staff_pin: Option<StaffPin>,
    /// The environment the file's `[provider]` section is for (`direct` or `gateway`), the
    /// one besides the sandbox that can be chosen.
    pub file_env: Option<Env>,
    pub sign_in_timeout: Duration,
    /// Where the session's data key is kept ([`crate::store::keyring`]).
    pub keyring: Keyring,
    /// Who runs this Guichet (`[operator]`), for the footer and the notices.
    pub operator: Operator,
    pub theme: Theme,
}

/// The window's look (`[ui] theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// DSFR as the State's services use it: the Marianne block and the State's fonts.
    Etat,
    /// The same layout, contrast, focus and sizes without the State's identity (DSFR's terms
    /// reserve it to the State): the operator's name in its place, an openly licensed font.
    Collectivite,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Etat => "etat",
            Theme::Collectivite => "collectivite",
        }
    }
}

/// `[ui] theme`, else `collectivite` for an operator that says it is no State service.
fn theme(raw: &RawAppConfig) -> Result<Theme, Failure> {
    match raw.ui.as_ref().and_then(|ui| ui.theme.as_deref()) {
        Some("etat") => Ok(Theme::Etat),
        Some("collectivite") => Ok(Theme::Collectivite),
        Some(other) => Err(Failure::from_config(fcplus::ConfigError::Invalid {
            key: "ui.theme",
            reason: format!(
                "{other:?} is no theme: write etat (a State service) or collectivite (a local \
                 authority: no Marianne block, as DSFR's terms require)"
            ),
        })),
        None if raw.operator.as_ref().and_then(|o| o.state_service) == Some(false) => {
            Ok(Theme::Collectivite)
        }
        None => Ok(Theme::Etat),
    }
}

/// The operator as the window names it. `None` where the file says nothing: the window then
/// says "the service that receives you" and "the reception desk here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub name: Option<String>,
    pub contact: Option<String>,
    pub accessibility: Compliance,
}

/// An RGAA compliance status (`[operator] accessibility`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compliance {
    /// Not compliant: what must be said without an audit.
    None,
    Partial,
    Full,
}

impl Compliance {
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::None => "none",
            Compliance::Partial => "partial",
            Compliance::Full => "full",
        }
    }
}

/// `[operator]`, with the sandbox's demonstration values where it says nothing.
fn operator(raw: &RawAppConfig, env: Env) -> Result<Operator, Failure> {
    let section = raw.operator.as_ref();
    let text =
        |value: Option<&String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let sandbox = env == Env::Sandbox;
    let accessibility = match section.and_then(|o| o.accessibility.as_deref()) {
        None | Some("none") => Compliance::None,
        Some("partial") => Compliance::Partial,
        Some("full") => Compliance::Full,
        Some(other) => {
            return Err(Failure::from_config(fcplus::ConfigError::Invalid {
                key: "operator.accessibility",
                reason: format!(
                    "{other:?} is no RGAA status: write none (no audit, or not compliant), \
                     partial or full, as the last audit says"
                ),
            }));
        }
    };
    Ok(Operator {
        name: text(section.and_then(|o| o.name.as_ref()))
            .or_else(|| sandbox.then(|| SANDBOX_OPERATOR.to_owned())),
        contact: text(section.and_then(|o| o.contact.as_ref()))
            .or_else(|| sandbox.then(|| SANDBOX_CONTACT.to_owned())),
        accessibility,
    })
}

/// The sandbox's operator, a demonstration's.
pub const SANDBOX_OPERATOR: &str = "Guichet";
pub const SANDBOX_CONTACT: &str = "guichet@example.org";

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("env", &self.env)
            .field("acr", &self.acr)
            .field("idle", &self.idle)
            .field("private_browser", &self.private_browser)
            .field("browser", &self.browser)
            .field("kiosk", &self.kiosk)
            .field("staff_pin", &self.staff_pin.as_ref().map(|_| "<redacted>"))
            .field("file_env", &self.file_env)
            .field("sign_in_timeout", &self.sign_in_timeout)
            .field("keyring", &self.keyring)
            .finish()
    }
}

/// The staff's choices, as saved in `settings.toml`. Every field is optional: an absent one
/// falls back to the configuration file.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub browser_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kiosk: Option<bool>,
}

impl Saved {
    /// Where the settings screen saves them: `settings.toml` in the configuration folder,
    /// beside the user's `guichet.toml`. A file an older Guichet left in the data folder is
    /// moved there first (once; a failure to move leaves it where it was, read from there).
    pub fn path(folders: &Folders) -> PathBuf {
        let path = folders.config.join("settings.toml");
        let old = folders.data.join("settings.toml");
        if !path.exists() && old.exists() {
            let moved = std::fs::create_dir_all(&folders.config).and_then(|()| {
                std::fs::copy(&old, &path)?;
                std::fs::remove_file(&old)
            });
            if let Err(e) = moved {
                tracing::warn!(event = "settings_not_moved", error = %e.kind());
                return old;
            }
            tracing::info!(event = "settings_moved_to_config_folder");
        }
        path
    }

    /// The saved choices; a missing file is no choice. A file that cannot be read is
    /// ignored with a warning rather than keeping the kiosk from starting.
    pub fn read(path: &Path) -> Self {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(event = "settings_unreadable", reason = %e.message());
                Self::default()
            }),
            Err(_) => Self::default(),
        }
    }

    /// Writes the file atomically (temporary file, then rename).
    pub fn write(&self, path: &Path) -> Result<(), Failure> {
        let text = toml::to_string(self).map_err(|e| Failure::internal(e.to_string()))?;
        let storage = |e: std::io::Error| Failure {
            code: Code::StorageFailed,
            detail: format!("cannot write {}: {e}", path.display()),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(storage)?;
        }
        let temporary = path.with_extension("toml.tmp");
        std::fs::write(&temporary, text).map_err(storage)?;
        std::fs::rename(&temporary, path).map_err(storage)
    }
}

/// Parses an environment name as the settings screen sends it, or as `settings.toml` holds
/// it: `integration`, the earlier name of `direct`, is read as `direct` (the same mode, so a
/// kiosk keeps working after the upgrade; the next save writes the new name).
pub fn parse_env(name: &str) -> Result<Env, Failure> {
    match name {
        "sandbox" => Ok(Env::Sandbox),
        "direct" | "integration" => Ok(Env::Direct),
        "gateway" => Ok(Env::Gateway),
        other => Err(Failure::usage(&format!("unknown environment `{other}`"))),
    }
}

impl Settings {
    /// Reads the file and the saved choices (`settings.toml` in `folders`), and applies the
    /// command line on top.
    pub fn load(
        args: &Overrides,
        folders: &Folders,
    ) -> Result<(Self, RawAppConfig, PathBuf), Failure> {
        let (raw, base) = read_config(args.config.as_deref())?;
        let saved = Saved::read(&Saved::path(folders));
        let settings = Self::resolve(&raw, &saved, args, vault::secret_service_unlocked)?;
        Ok((settings, raw, base))
    }

    pub(crate) fn resolve(
        raw: &RawAppConfig,
        saved: &Saved,
        args: &Overrides,
        secret_service_unlocked: fn() -> bool,
    ) -> Result<Self, Failure> {
        let file_env = file_env(raw);
        let env = match (args.env, saved.env.as_deref()) {
            (Some(env), _) => env,
            (None, Some(name)) => parse_env(name)?,
            (None, None) => file_env.unwrap_or(Env::Sandbox),
        };
        let configured_acr = raw.provider.as_ref().and_then(|p| p.acr.as_deref());
        let acr =
            validate_acr(saved.acr.as_deref().or(configured_acr)).map_err(Failure::from_config)?;
        let kiosk_section = raw.kiosk.as_ref();
        let mut idle = idle_policy(kiosk_section);
        if let Some(secs) = saved.idle_timeout_secs {
            idle = IdlePolicy::new(Duration::from_secs(secs), idle.warning);
        }
        let kiosk = args.kiosk || configured_kiosk(raw, saved);
        // A kiosk opens each sign-in in a fresh private profile unless staff chose otherwise:
        // FC+ reuses a live browser session at eidas2 and ignores idp_hint, so a shared
        // browser would hand the next person the previous one's identity.
        let browser_section = RawBrowser {
            mode: saved
                .browser_mode
                .clone()
                .or_else(|| raw.browser.as_ref().and_then(|b| b.mode.clone()))
                .or_else(|| kiosk.then(|| "private".to_owned())),
            command: raw.browser.as_ref().and_then(|b| b.command.clone()),
            kind: raw.browser.as_ref().and_then(|b| b.kind.clone()),
        };
        let mut browser =
            browser_mode(Some(&browser_section), None).map_err(Failure::from_config)?;
        if let BrowserMode::Private { kiosk: full, .. } = &mut browser {
            // A kiosk's browser shows FC+'s pages and nothing else; staff's stays a window.
            *full = kiosk;
        }
        let private_browser = matches!(browser, BrowserMode::Private { .. });
        let staff_pin = match staff_pin(kiosk_section).map_err(Failure::from_config)? {
            // A PIN in clear is for the sandbox's demos and tests: anywhere else it must be
            // the Argon2id hash, so a copied configuration file does not give the PIN away.
            Some(StaffPin::Clear(_)) if env != Env::Sandbox => {
                return Err(Failure::from_config(fcplus::ConfigError::Invalid {
                    key: "kiosk.staff_pin",
                    reason:
                        "a PIN in clear is refused outside the sandbox: run `guichet pin hash`, \
                             type the PIN, and paste the line it prints in place of this one"
                            .into(),
                }));
            }
            Some(pin) => Some(pin),
            // The demo PIN stands in at a counter on the sandbox only: a kiosk, where a person
            // is alone with the screen, needs a PIN of the office's own.
            None if env == Env::Sandbox && !kiosk => {
                Some(StaffPin::Clear(SANDBOX_DEMO_PIN.to_owned()))
            }
            None => None,
        };
        if kiosk && staff_pin.is_none() {
            // Outside the sandbox only the hash is taken: say how to make it.
            let how = if env == Env::Sandbox {
                format!(
                    "set [kiosk] staff_pin (4 to 12 digits) in the configuration file (the \
                     sandbox's demo PIN {SANDBOX_DEMO_PIN} is for a counter only)"
                )
            } else {
                "run `guichet pin hash`, type a PIN of 4 to 12 digits, and put the line it prints \
                 in the [kiosk] section of the configuration file"
                    .to_owned()
            };
            return Err(Failure::from_config(fcplus::ConfigError::Invalid {
                key: "kiosk.staff_pin",
                reason: format!(
                    "a kiosk needs its own staff PIN, or it could never be closed: {how}"
                ),
            }));
        }
        if env != Env::Sandbox && file_env.is_none() {
            return Err(Failure::usage(&format!(
                "the {} environment needs --config FILE with a [provider] section",
                env.name()
            )));
        }
        Ok(Self {
            env,
            acr,
            idle,
            private_browser,
            browser,
            kiosk,
            staff_pin,
            file_env,
            sign_in_timeout: Duration::from_secs(args.sign_in_timeout.max(1)),
            keyring: crate::store::keyring(raw, kiosk, secret_service_unlocked)?,
            operator: operator(raw, env)?,
            theme: theme(raw)?,
        })
    }
}

/// Kiosk mode as the staff saved it, else as the file sets it (the command line can only turn
/// it on, see [`Overrides::kiosk`]).
pub fn configured_kiosk(raw: &RawAppConfig, saved: &Saved) -> bool {
    saved
        .kiosk
        .or(raw.kiosk.as_ref().and_then(|k| k.enabled))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests;
