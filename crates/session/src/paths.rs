//! Where Guichet keeps things on disk: data (vault file, audit trail), cache (public provider
//! documents) and private browser profiles. Each can be moved by an environment variable.

use std::path::PathBuf;

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

fn from_env_or(var: &str, xdg: &str, fallback: &[&str]) -> PathBuf {
    if let Some(dir) = std::env::var_os(var) {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os(xdg)
        .map(PathBuf::from)
        .or_else(|| home().map(|h| fallback.iter().fold(h, |path, part| path.join(part))));
    base.unwrap_or_else(std::env::temp_dir).join("guichet")
}

/// `$GUICHET_DATA_DIR`, else `$XDG_DATA_HOME/guichet`, else `~/.local/share/guichet`.
pub fn data_dir() -> PathBuf {
    from_env_or("GUICHET_DATA_DIR", "XDG_DATA_HOME", &[".local", "share"])
}

/// `$GUICHET_CACHE_DIR`, else `$XDG_CACHE_HOME/guichet`, else `~/.cache/guichet`.
pub fn cache_dir() -> PathBuf {
    from_env_or("GUICHET_CACHE_DIR", "XDG_CACHE_HOME", &[".cache"])
}

/// `$GUICHET_CONFIG_DIR`, else `$XDG_CONFIG_HOME/guichet`, else `~/.config/guichet`: the
/// user's configuration file and the settings screen's `settings.toml`.
pub fn config_dir() -> PathBuf {
    from_env_or("GUICHET_CONFIG_DIR", "XDG_CONFIG_HOME", &[".config"])
}

/// Private browser profiles live under the data folder so one deletion removes them all.
pub fn profiles_dir() -> PathBuf {
    Folders::from_env().profiles()
}

/// The folders of one install, read once from the environment ([`Folders::from_env`]) or
/// given (tests that run several installs in one process).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// Vault file, audit trail, records of past sessions.
    pub data: PathBuf,
    /// Public provider documents (discovery, JWKS) for offline starts.
    pub cache: PathBuf,
    /// The settings screen's `settings.toml`, beside the user's configuration file.
    pub config: PathBuf,
}

impl Folders {
    /// [`data_dir`], [`cache_dir`] and [`config_dir`].
    pub fn from_env() -> Self {
        Self {
            data: data_dir(),
            cache: cache_dir(),
            config: config_dir(),
        }
    }

    /// Where private browser profiles live.
    pub fn profiles(&self) -> PathBuf {
        self.data.join("browser-profiles")
    }
}
