//! The application's configuration file: FC+'s `[provider]` and `[session]` (validated by
//! `fcplus`), plus `[browser]`, `[kiosk]` and `[vault]` validated here into typed values.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fcplus::config::{RawProvider, RawSession};
use fcplus::{ConfigError, RawConfig};
use serde::Deserialize;

use crate::browser::{BrowserKind, BrowserMode, parse_command};
use crate::idle::IdlePolicy;
use vault::Keyring;

/// Default idle timeout of a kiosk session, and the countdown before it.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
pub const DEFAULT_IDLE_WARNING: Duration = Duration::from_secs(30);

/// The whole file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAppConfig {
    pub provider: Option<RawProvider>,
    pub session: Option<RawSession>,
    pub browser: Option<RawBrowser>,
    pub kiosk: Option<RawKiosk>,
    pub vault: Option<RawVault>,
    pub operator: Option<RawOperator>,
    pub ui: Option<RawUi>,
    pub audit: Option<RawAudit>,
}

/// `[audit]` as written: when the audit trail (`audit.jsonl` in the data folder) is rotated.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAudit {
    /// Past this size (bytes, at least 4096) the file moves to `audit.jsonl.1`.
    pub max_bytes: Option<u64>,
    /// How many rotated files are kept (1 to 100).
    pub keep_files: Option<usize>,
    /// Rotated files older than this many days are deleted (1 to 3650).
    pub keep_days: Option<u64>,
}

/// The audit trail's rotation from `[audit]`, each bound checked.
pub fn audit_rotation(raw: Option<&RawAudit>) -> Result<crate::audit::Rotation, ConfigError> {
    let default = crate::audit::Rotation::default();
    let Some(raw) = raw else {
        return Ok(default);
    };
    let check = |key: &'static str, value: u64, range: std::ops::RangeInclusive<u64>| {
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(ConfigError::Invalid {
                key,
                reason: format!("{value} is outside {} to {}", range.start(), range.end()),
            })
        }
    };
    Ok(crate::audit::Rotation {
        max_bytes: check(
            "audit.max_bytes",
            raw.max_bytes.unwrap_or(default.max_bytes),
            4096..=u64::MAX,
        )?,
        keep_files: check(
            "audit.keep_files",
            raw.keep_files.unwrap_or(default.keep_files) as u64,
            1..=100,
        )? as usize,
        keep_days: check(
            "audit.keep_days",
            raw.keep_days.unwrap_or(default.keep_days),
            1..=3650,
        )?,
    })
}

/// `[ui]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUi {
    /// `etat` (DSFR with the Marianne block, for the State's services) or `collectivite`
    /// (the same layout without the State's identity, for local authorities); by default the
    /// second when `[operator] state_service = false`.
    pub theme: Option<String>,
}

/// `[operator]` as written: who runs this Guichet, named in the window's footer and in its
/// accessibility and personal-data notices.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOperator {
    /// The office's name, as the public knows it ("Mairie de Villeneuve").
    pub name: Option<String>,
    /// Where a person asks about their data or about accessibility: an address, a phone, a
    /// desk.
    pub contact: Option<String>,
    /// The RGAA status its last accessibility audit gave: `none` (the default, and the only
    /// honest one without an audit), `partial` or `full`.
    pub accessibility: Option<String>,
    /// Whether the office is a State service (a préfecture, a France services desk run by the
    /// State…). DSFR's terms reserve the State's identity to those: `false` (a town hall, a
    /// département) makes the `collectivite` theme the default.
    pub state_service: Option<bool>,
}

/// `[browser]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBrowser {
    /// `system` (default) or `private` (a fresh profile per sign-in, deleted at the end).
    pub mode: Option<String>,
    /// The browser command; for `private` the default is `chromium`.
    pub command: Option<String>,
    /// `chromium` or `firefox`; guessed from the command when absent.
    pub kind: Option<String>,
}

/// `[kiosk]` as written. Its `Debug` never shows the staff PIN.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKiosk {
    /// The window starts in kiosk mode: full screen, no decorations, closed only with the PIN.
    pub enabled: Option<bool>,
    pub idle_timeout_secs: Option<u64>,
    pub idle_warning_secs: Option<u64>,
    /// The staff PIN (4 to 12 digits) that opens the window's settings and closes a kiosk.
    pub staff_pin: Option<String>,
}

/// `[vault]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVault {
    /// Where the session's data key is kept: `secret-service` (the desktop's keyring) or
    /// `keyutils` (Linux's kernel keyring). Unset: a kiosk on Linux takes the kernel keyring
    /// when no unlocked Secret Service answers, everything else the desktop's keyring.
    pub store: Option<String>,
}

impl std::fmt::Debug for RawKiosk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawKiosk")
            .field("enabled", &self.enabled)
            .field("idle_timeout_secs", &self.idle_timeout_secs)
            .field("idle_warning_secs", &self.idle_warning_secs)
            .field("staff_pin", &self.staff_pin.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// The system-wide configuration file, where an administrator puts it
/// (`GUICHET_SYSTEM_CONFIG` names another, for tests and unusual layouts).
pub fn system_config_path() -> PathBuf {
    std::env::var_os("GUICHET_SYSTEM_CONFIG")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from("/etc/guichet/guichet.toml"), PathBuf::from)
}

/// The user's configuration file: `$XDG_CONFIG_HOME/guichet/guichet.toml`, else
/// `~/.config/guichet/guichet.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let config_home = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|p| !p.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(config_home.join("guichet/guichet.toml"))
}

/// The configuration in force and where each of its values comes from.
#[derive(Debug)]
pub struct Layered {
    pub raw: RawAppConfig,
    /// The folder of the last file read (relative paths are resolved per file already).
    pub base: PathBuf,
    /// The files read, lowest priority first.
    pub files: Vec<PathBuf>,
    /// The merged values, as TOML.
    pub table: toml::Table,
    /// For each value (`kiosk.idle_timeout_secs`), the file that set it.
    pub origins: std::collections::BTreeMap<String, PathBuf>,
}

impl RawAppConfig {
    /// The configuration from its files, each overriding the one before: the system's
    /// ([`system_config_path`]) and the user's ([`user_config_path`]) when they exist, then
    /// `GUICHET_CONFIG`, then `explicit` (`--config`), which must exist. Returns the folder of
    /// the last file (relative paths are already resolved against their own file's folder).
    pub fn read(explicit: Option<&Path>) -> Result<(Self, PathBuf), ConfigError> {
        let layered = Self::read_layered(explicit)?;
        Ok((layered.raw, layered.base))
    }

    /// [`Self::read`], with where each value comes from (`guichet config show`).
    pub fn read_layered(explicit: Option<&Path>) -> Result<Layered, ConfigError> {
        let mut files: Vec<PathBuf> = [Some(system_config_path()), user_config_path()]
            .into_iter()
            .flatten()
            .filter(|path| path.exists())
            .collect();
        if let Some(named) = std::env::var_os("GUICHET_CONFIG").filter(|p| !p.is_empty()) {
            files.push(PathBuf::from(named));
        }
        files.extend(explicit.map(Path::to_owned));
        Self::read_files(files)
    }

    /// `files`, lowest priority first, merged.
    fn read_files(files: Vec<PathBuf>) -> Result<Layered, ConfigError> {
        let mut table = toml::Table::new();
        let mut origins = std::collections::BTreeMap::new();
        let mut base = PathBuf::from(".");
        for path in &files {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            // Each file on its own is a configuration: an unknown key or a wrong type is named
            // with its file and line.
            let _: RawAppConfig = toml::from_str(&text).map_err(|e| syntax(path, &text, &e))?;
            let mut file: toml::Table =
                toml::from_str(&text).map_err(|e| syntax(path, &text, &e))?;
            let folder = path
                .parent()
                .map(Path::to_owned)
                .unwrap_or_else(|| PathBuf::from("."));
            resolve_paths(&mut file, &folder);
            merge(&mut table, file, "", path, &mut origins);
            base = folder;
        }
        let raw = RawAppConfig::deserialize(toml::Value::Table(table.clone())).map_err(|e| {
            ConfigError::Syntax {
                path: files.last().cloned().unwrap_or_default(),
                message: e.message().to_owned(),
            }
        })?;
        Ok(Layered {
            raw,
            base,
            files,
            table,
            origins,
        })
    }

    /// The FC+ part, for `fcplus::ProviderConfig::from_raw`.
    pub fn provider_part(&mut self) -> RawConfig {
        RawConfig {
            provider: self.provider.take(),
            session: self.session.take(),
        }
    }
}

/// The browser mode from `[browser]`, with `--browser CMD` from the command line winning over
/// the configured command (the mode stays as configured).
pub fn browser_mode(
    raw: Option<&RawBrowser>,
    command_line: Option<&str>,
) -> Result<BrowserMode, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        key: "browser",
        reason,
    };
    let mode = raw.and_then(|b| b.mode.as_deref()).unwrap_or("system");
    let command = command_line.or(raw.and_then(|b| b.command.as_deref()));
    match mode {
        "system" => match command {
            None => Ok(BrowserMode::System),
            Some(text) => Ok(BrowserMode::Command(parse_command(text).map_err(invalid)?)),
        },
        "private" => {
            let argv = parse_command(command.unwrap_or("chromium")).map_err(invalid)?;
            let kind = match raw.and_then(|b| b.kind.as_deref()) {
                None => BrowserKind::guess(&argv[0]),
                Some("chromium") => BrowserKind::Chromium,
                Some("firefox") => BrowserKind::Firefox,
                Some(other) => {
                    return Err(invalid(format!(
                        "kind `{other}` is neither chromium nor firefox"
                    )));
                }
            };
            Ok(BrowserMode::Private {
                argv,
                kind,
                kiosk: false,
            })
        }
        other => Err(invalid(format!(
            "mode `{other}` is neither system nor private"
        ))),
    }
}

/// The idle policy from `[kiosk]`.
pub fn idle_policy(raw: Option<&RawKiosk>) -> IdlePolicy {
    let secs = |v: Option<u64>, default: Duration| v.map(Duration::from_secs).unwrap_or(default);
    IdlePolicy::new(
        secs(raw.and_then(|k| k.idle_timeout_secs), DEFAULT_IDLE_TIMEOUT),
        secs(raw.and_then(|k| k.idle_warning_secs), DEFAULT_IDLE_WARNING),
    )
}

/// The staff PIN as the configuration gives it: an Argon2id hash (the line `guichet pin hash`
/// prints), or the PIN itself, which only the sandbox accepts.
#[derive(Clone, PartialEq, Eq)]
pub enum StaffPin {
    /// 4 to 12 digits in clear.
    Clear(String),
    /// An Argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
    Hashed(String),
}

impl std::fmt::Debug for StaffPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StaffPin::Clear(_) => "StaffPin::Clear(<redacted>)",
            StaffPin::Hashed(_) => "StaffPin::Hashed(<redacted>)",
        })
    }
}

impl StaffPin {
    /// Whether `pin` is this PIN (in constant time for a clear one; Argon2id's own
    /// verification for a hash).
    pub fn matches(&self, pin: &str) -> bool {
        use argon2::password_hash::{PasswordHash, PasswordVerifier as _};
        match self {
            StaffPin::Clear(expected) => fcplus::sensitive::constant_time_eq(pin, expected),
            StaffPin::Hashed(phc) => PasswordHash::new(phc).is_ok_and(|hash| {
                argon2::Argon2::default()
                    .verify_password(pin.as_bytes(), &hash)
                    .is_ok()
            }),
        }
    }

    /// Hashes `pin` (4 to 12 digits) with Argon2id, its default cost and a random salt: the
    /// value for `[kiosk] staff_pin`.
    pub fn hash(pin: &str) -> Result<String, ConfigError> {
        use argon2::password_hash::{PasswordHasher as _, SaltString};
        if !is_pin(pin) {
            return Err(ConfigError::Invalid {
                key: "kiosk.staff_pin",
                reason: "a staff PIN is 4 to 12 digits".into(),
            });
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| ConfigError::Invalid {
            key: "kiosk.staff_pin",
            reason: format!("no random salt: {e}"),
        })?;
        let hashed = SaltString::encode_b64(&salt).and_then(|salt| {
            argon2::Argon2::default()
                .hash_password(pin.as_bytes(), &salt)
                .map(|hash| hash.to_string())
        });
        hashed.map_err(|e| ConfigError::Invalid {
            key: "kiosk.staff_pin",
            reason: format!("cannot hash it: {e}"),
        })
    }
}

fn is_pin(pin: &str) -> bool {
    (4..=12).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// The staff PIN from `[kiosk]`, checked: an Argon2id hash that parses, or 4 to 12 digits.
pub fn staff_pin(raw: Option<&RawKiosk>) -> Result<Option<StaffPin>, ConfigError> {
    match raw.and_then(|k| k.staff_pin.as_deref()) {
        None => Ok(None),
        Some(hash) if hash.starts_with("$argon2id$") => {
            match argon2::password_hash::PasswordHash::new(hash) {
                Ok(_) => Ok(Some(StaffPin::Hashed(hash.to_owned()))),
                Err(e) => Err(ConfigError::Invalid {
                    key: "kiosk.staff_pin",
                    reason: format!(
                        "the Argon2id hash does not parse ({e}): paste the whole line `guichet pin hash` prints"
                    ),
                }),
            }
        }
        Some(pin) if is_pin(pin) => Ok(Some(StaffPin::Clear(pin.to_owned()))),
        Some(_) => Err(ConfigError::Invalid {
            key: "kiosk.staff_pin",
            reason:
                "must be the line `guichet pin hash` prints (or, on the sandbox, 4 to 12 digits)"
                    .into(),
        }),
    }
}

/// The keyring `[vault] store` names, or `None` when the file leaves the choice to Guichet.
pub fn vault_keyring(raw: Option<&RawVault>) -> Result<Option<Keyring>, ConfigError> {
    let Some(name) = raw.and_then(|v| v.store.as_deref()) else {
        return Ok(None);
    };
    match Keyring::from_name(name) {
        Some(Keyring::Keyutils) if !cfg!(target_os = "linux") => Err(ConfigError::Invalid {
            key: "vault.store",
            reason: "the kernel keyring (keyutils) exists only on Linux".into(),
        }),
        Some(keyring) => Ok(Some(keyring)),
        None => Err(ConfigError::Invalid {
            key: "vault.store",
            reason: format!("`{name}` is neither secret-service nor keyutils"),
        }),
    }
}

/// A file's TOML error with its line: "line 4: unknown field `stafpin`, expected …".
fn syntax(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let message = match error.span() {
        Some(span) => format!(
            "line {}: {}",
            text[..span.start.min(text.len())].matches('\n').count() + 1,
            error.message()
        ),
        None => error.message().to_owned(),
    };
    ConfigError::Syntax {
        path: path.to_owned(),
        message,
    }
}

/// The keys that are paths, made absolute against the folder of the file that names them.
fn resolve_paths(file: &mut toml::Table, folder: &Path) {
    if let Some(toml::Value::Table(provider)) = file.get_mut("provider")
        && let Some(toml::Value::String(path)) = provider.get_mut("decryption_keys")
        && Path::new(path.as_str()).is_relative()
    {
        *path = folder.join(path.as_str()).display().to_string();
    }
}

/// `from` over `into`, table by table; each value set is recorded as coming from `path`.
fn merge(
    into: &mut toml::Table,
    from: toml::Table,
    prefix: &str,
    path: &Path,
    origins: &mut std::collections::BTreeMap<String, PathBuf>,
) {
    for (key, value) in from {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Table(existing)), toml::Value::Table(table)) => {
                merge(existing, table, &name, path, origins);
            }
            (_, toml::Value::Table(table)) => {
                let mut fresh = toml::Table::new();
                merge(&mut fresh, table, &name, path, origins);
                into.insert(key, toml::Value::Table(fresh));
            }
            (_, value) => {
                origins.insert(name, path.to_owned());
                into.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_rotation_comes_from_its_section_within_bounds() {
        assert_eq!(
            audit_rotation(None).unwrap(),
            crate::audit::Rotation::default()
        );
        let raw = parse("[audit]\nmax_bytes = 65536\nkeep_files = 10\nkeep_days = 30\n");
        let rotation = audit_rotation(raw.audit.as_ref()).unwrap();
        assert_eq!(
            (rotation.max_bytes, rotation.keep_files, rotation.keep_days),
            (65536, 10, 30)
        );
        for (text, key) in [
            ("[audit]\nmax_bytes = 100\n", "audit.max_bytes"),
            ("[audit]\nkeep_files = 0\n", "audit.keep_files"),
            ("[audit]\nkeep_days = 5000\n", "audit.keep_days"),
        ] {
            let raw = parse(text);
            let error = audit_rotation(raw.audit.as_ref()).unwrap_err().to_string();
            assert!(error.contains(key), "{error}");
        }
    }

    /// A relative key path is read from the folder of the file that names it, whichever file
    /// wins; a later file's value replaces an earlier one's, key by key.
    #[test]
    fn layers_merge_key_by_key_and_paths_stay_their_file_s() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("a/guichet.toml");
        std::fs::create_dir_all(first.parent().unwrap()).unwrap();
        std::fs::write(
            &first,
            "[provider]\ndecryption_keys = \"keys.json\"\n[kiosk]\nidle_timeout_secs = 300\nidle_warning_secs = 20\n",
        )
        .unwrap();
        let second = dir.path().join("second.toml");
        std::fs::write(&second, "[kiosk]\nidle_timeout_secs = 90\n").unwrap();
        let layered = RawAppConfig::read_files(vec![first.clone(), second.clone()]).unwrap();
        let kiosk = layered.raw.kiosk.as_ref().unwrap();
        assert_eq!(kiosk.idle_timeout_secs, Some(90));
        assert_eq!(kiosk.idle_warning_secs, Some(20));
        assert_eq!(
            layered
                .raw
                .provider
                .as_ref()
                .unwrap()
                .decryption_keys
                .as_deref(),
            Some(dir.path().join("a/keys.json").as_path())
        );
        assert_eq!(layered.origins["kiosk.idle_timeout_secs"], second);
        assert_eq!(layered.origins["kiosk.idle_warning_secs"], first);
        std::fs::write(&second, "[kiosk]\n\nidle_timeout = 90\n").unwrap();
        let error = RawAppConfig::read_files(vec![second])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("second.toml")
                && error.contains("line 3")
                && error.contains("idle_timeout"),
            "{error}"
        );
    }

    fn parse(text: &str) -> RawAppConfig {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn private_mode_defaults_to_chromium() {
        let raw = parse("[browser]\nmode = \"private\"\n");
        let mode = browser_mode(raw.browser.as_ref(), None).unwrap();
        assert_eq!(
            mode,
            BrowserMode::Private {
                argv: vec!["chromium".into()],
                kind: BrowserKind::Chromium,
                kiosk: false,
            }
        );
    }

    #[test]
    fn the_command_line_overrides_the_configured_command_but_keeps_the_mode() {
        let raw = parse("[browser]\nmode = \"private\"\ncommand = \"chromium\"\n");
        let mode = browser_mode(raw.browser.as_ref(), Some("firefox-esr --kiosk")).unwrap();
        assert!(
            matches!(
                mode,
                BrowserMode::Private {
                    kind: BrowserKind::Firefox,
                    ..
                }
            ),
            "{mode:?}"
        );
    }

    #[test]
    fn unknown_modes_and_keys_are_refused() {
        let raw = parse("[browser]\nmode = \"incognito\"\n");
        assert!(browser_mode(raw.browser.as_ref(), None).is_err());
        assert!(toml::from_str::<RawAppConfig>("[kiosk]\nidle = 3\n").is_err());
    }

    #[test]
    fn idle_policy_reads_the_kiosk_section() {
        let raw = parse("[kiosk]\nidle_timeout_secs = 90\nidle_warning_secs = 15\n");
        let policy = idle_policy(raw.kiosk.as_ref());
        assert_eq!(policy.timeout, Duration::from_secs(90));
        assert_eq!(policy.warning, Duration::from_secs(15));
    }

    #[test]
    fn staff_pin_is_four_to_twelve_digits_or_their_argon2id_hash() {
        let pin = |text: &str| staff_pin(parse(text).kiosk.as_ref());
        assert_eq!(
            pin("[kiosk]\nstaff_pin = \"2468\"\n").unwrap(),
            Some(StaffPin::Clear("2468".into()))
        );
        let hash = StaffPin::hash("97531").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("97531"), "a hash, not the PIN");
        assert_ne!(
            hash,
            StaffPin::hash("97531").unwrap(),
            "a fresh salt each time"
        );
        let read = pin(&format!("[kiosk]\nstaff_pin = \"{hash}\"\n"))
            .unwrap()
            .expect("a hashed PIN");
        assert!(read.matches("97531") && !read.matches("97532"));
        assert!(!format!("{read:?}").contains("argon2"), "{read:?}");
        let cut = &hash[..hash.len() - 10];
        let err = pin(&format!("[kiosk]\nstaff_pin = \"{cut}x\"\n")).unwrap_err();
        assert!(err.to_string().contains("guichet pin hash"), "{err}");
        assert!(StaffPin::hash("12a4").is_err(), "only digits are hashed");
        assert_eq!(pin("").unwrap(), None);
        for bad in ["123", "12345678901234", "12a4", " 1234"] {
            assert!(
                pin(&format!("[kiosk]\nstaff_pin = \"{bad}\"\n")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn vault_store_names_a_keyring_or_leaves_the_choice() {
        let keyring = |text: &str| vault_keyring(parse(text).vault.as_ref());
        assert_eq!(keyring("").unwrap(), None);
        assert_eq!(keyring("[vault]\n").unwrap(), None);
        assert_eq!(
            keyring("[vault]\nstore = \"secret-service\"\n").unwrap(),
            Some(Keyring::SecretService)
        );
        assert_eq!(
            keyring("[vault]\nstore = \"keyutils\"\n").unwrap(),
            Some(Keyring::Keyutils)
        );
        let err = keyring("[vault]\nstore = \"kwallet\"\n").unwrap_err();
        assert!(
            err.to_string().contains("vault.store") && err.to_string().contains("kwallet"),
            "names the key and the value: {err}"
        );
    }

    #[test]
    fn the_staff_pin_never_prints() {
        let raw = parse("[kiosk]\nenabled = true\nstaff_pin = \"97531\"\n");
        let printed = format!("{raw:?}");
        assert!(!printed.contains("97531"), "{printed}");
        assert!(
            printed.contains("staff_pin: Some(\"<redacted>\")"),
            "{printed}"
        );
    }
}
