//! Opening FC+ in a browser: the system browser, a configured command, or — for kiosks — a
//! fresh private profile per sign-in that is closed and deleted when the session ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use fcplus::SignInError;
use serde::{Deserialize, Serialize};

/// Which browser family a private-profile command starts (their profile flags differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrowserKind {
    Chromium,
    Firefox,
}

/// How sign-in and logout pages are opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserMode {
    /// The platform's default browser (it keeps FC+'s cookie between sign-in and logout).
    System,
    /// A program and arguments; `{url}` in an argument is replaced, else the URL is last.
    Command(Vec<String>),
    /// A new profile folder per sign-in, deleted with the session (kiosks).
    Private {
        argv: Vec<String>,
        kind: BrowserKind,
        /// Full screen without address bar, tabs or menus (a kiosk's browser): the person sees
        /// FC+'s pages and nothing else, and cannot type another address.
        kiosk: bool,
    },
}

/// A private browser started for one session: enough to close it from another process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchedBrowser {
    pub pid: u32,
    pub profile_dir: PathBuf,
}

/// Parses a command line with shell-like quoting (no shell is run).
pub fn parse_command(text: &str) -> Result<Vec<String>, String> {
    let words =
        shlex::split(text).ok_or_else(|| format!("cannot parse the browser command `{text}`"))?;
    if words.is_empty() {
        return Err("the browser command is empty".into());
    }
    Ok(words)
}

impl BrowserKind {
    /// Guesses the family from the program name (`firefox…` is Firefox, anything else Chromium).
    pub fn guess(program: &str) -> Self {
        let name = Path::new(program)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(program);
        if name.contains("firefox") {
            BrowserKind::Firefox
        } else {
            BrowserKind::Chromium
        }
    }

    /// A kiosk's profile shows FC+'s pages and nothing else: no "Translate this page?" bubble
    /// over FC+'s French pages (seen on the kiosk's screen, over the chooser, with a browser in
    /// English). Chromium has no command-line switch that stops it (`--disable-features=
    /// Translate` does not); its profile preference `translate.enabled` does.
    fn kiosk_preferences(self, dir: &Path) -> Result<(), SignInError> {
        if self != BrowserKind::Chromium {
            return Ok(());
        }
        let default = dir.join("Default");
        std::fs::create_dir_all(&default)
            .and_then(|()| {
                std::fs::write(
                    default.join("Preferences"),
                    r#"{"translate":{"enabled":false}}"#,
                )
            })
            .map_err(|e| SignInError::Browser {
                detail: format!("cannot prepare the kiosk's browser profile: {e}"),
            })
    }

    fn profile_args(self, dir: &Path, kiosk: bool) -> Vec<String> {
        let mut args = match self {
            BrowserKind::Chromium => vec![
                format!("--user-data-dir={}", dir.display()),
                "--no-first-run".into(),
                "--no-default-browser-check".into(),
                // A profile deleted after one sign-in has nothing to keep in the desktop's
                // keyring; without this Chromium asks GNOME Keyring, which on a kiosk (no login
                // keyring) puts "Choose password for new keyring" in front of the person (seen
                // on the packaged kiosk, 2026-12-07).
                "--password-store=basic".into(),
            ],
            BrowserKind::Firefox => vec![
                "-profile".into(),
                dir.display().to_string(),
                "-no-remote".into(),
                "-private-window".into(),
            ],
        };
        if kiosk {
            // Both families: full screen, no toolbar, tabs or menus.
            args.push("--kiosk".into());
        }
        args
    }
}

impl BrowserMode {
    /// The argv that opens `url` (for a private mode: in the profile `profile`).
    pub fn argv(&self, url: &str, profile: Option<&Path>) -> Vec<String> {
        match self {
            BrowserMode::System => system_opener(url),
            BrowserMode::Command(words) => with_url(words, url),
            BrowserMode::Private { argv, kind, kiosk } => {
                let mut words = argv.clone();
                if let Some(dir) = profile {
                    // Profile flags go before the URL placeholder or the appended URL.
                    let at = words
                        .iter()
                        .position(|w| w.contains("{url}"))
                        .unwrap_or(words.len());
                    for (i, arg) in kind.profile_args(dir, *kiosk).into_iter().enumerate() {
                        words.insert(at + i, arg);
                    }
                }
                with_url(&words, url)
            }
        }
    }

    /// Opens a sign-in page. A private mode creates a fresh profile under `profiles_root`
    /// and returns the browser to close at the end of the session.
    pub fn open_sign_in(
        &self,
        url: &str,
        profiles_root: &Path,
    ) -> Result<Option<LaunchedBrowser>, SignInError> {
        match self {
            BrowserMode::Private { kind, kiosk, .. } => {
                let profile_dir = new_profile_dir(profiles_root)?;
                if *kiosk {
                    kind.kiosk_preferences(&profile_dir)?;
                }
                let pid = spawn(&self.argv(url, Some(&profile_dir)))?;
                Ok(Some(LaunchedBrowser { pid, profile_dir }))
            }
            _ => {
                spawn(&self.argv(url, None))?;
                Ok(None)
            }
        }
    }

    /// Opens the logout page in the browser that holds the person's FC+ cookie. For a
    /// private browser that is the same profile: a running headed browser takes the URL
    /// over; otherwise (headless, or it was closed) it is started again on that profile.
    pub async fn open_logout(
        &self,
        url: &str,
        session_browser: Option<&LaunchedBrowser>,
    ) -> Result<Option<LaunchedBrowser>, SignInError> {
        match (self, session_browser) {
            (BrowserMode::Private { .. }, Some(browser)) => {
                let argv = self.argv(url, Some(&browser.profile_dir));
                if is_running(browser) {
                    let handed_over = run_briefly(&argv, Duration::from_secs(5)).await;
                    if handed_over {
                        return Ok(None);
                    }
                }
                // Another browser may hold the profile though the recorded one is gone (one
                // started by a `session end` that was killed): it would take the new one's
                // URL and drop it, so it goes first.
                kill_profile_processes(browser);
                let pid = spawn(&argv)?;
                Ok(Some(LaunchedBrowser {
                    pid,
                    profile_dir: browser.profile_dir.clone(),
                }))
            }
            // No private browser on record (or not a private mode): open it like a sign-in.
            _ => {
                spawn(&self.argv(url, None))?;
                Ok(None)
            }
        }
    }
}

fn with_url(words: &[String], url: &str) -> Vec<String> {
    let mut argv: Vec<String> = words.iter().map(|w| w.replace("{url}", url)).collect();
    if !words.iter().any(|w| w.contains("{url}")) {
        argv.push(url.to_owned());
    }
    argv
}

fn system_opener(url: &str) -> Vec<String> {
    if cfg!(target_os = "macos") {
        vec!["open".into(), url.into()]
    } else if cfg!(target_os = "windows") {
        // Not `cmd /C start`: `&` in the URL would be taken as a command separator.
        vec![
            "rundll32".into(),
            "url.dll,FileProtocolHandler".into(),
            url.into(),
        ]
    } else {
        vec!["xdg-open".into(), url.into()]
    }
}

fn new_profile_dir(root: &Path) -> Result<PathBuf, SignInError> {
    let browser_error = |e: std::io::Error| SignInError::Browser {
        detail: format!(
            "cannot create a private profile under {}: {e}",
            root.display()
        ),
    };
    std::fs::create_dir_all(root).map_err(browser_error)?;
    let dir = root.join(
        fcplus::sensitive::random_token()
            .chars()
            .take(16)
            .collect::<String>(),
    );
    std::fs::create_dir(&dir).map_err(browser_error)?;
    restrict(&dir);
    Ok(dir)
}

/// Starts a process without waiting for it; its output is discarded so it cannot mix with
/// ours. Returns its PID.
fn spawn(argv: &[String]) -> Result<u32, SignInError> {
    let (program, args) = argv.split_first().ok_or_else(|| SignInError::Browser {
        detail: "empty command".into(),
    })?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| SignInError::Browser {
            detail: format!("`{program}`: {e}"),
        })?;
    let pid = child.id();
    // Reap it when it exits so it never lingers as a zombie.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    tracing::info!(event = "browser_opened");
    Ok(pid)
}

/// Runs a launcher and says whether it exited successfully within `limit` (a headed browser
/// hands the URL to its running instance and exits 0).
async fn run_briefly(argv: &[String], limit: Duration) -> bool {
    let Some((program, args)) = argv.split_first() else {
        return false;
    };
    let child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let Ok(mut child) = child else { return false };
    matches!(tokio::time::timeout(limit, child.wait()).await, Ok(Ok(status)) if status.success())
}

/// Whether the recorded browser still runs (checked against its profile, since PIDs are reused).
pub fn is_running(browser: &LaunchedBrowser) -> bool {
    profile_pids(&browser.profile_dir).contains(&browser.pid)
}

/// Whether any browser process still holds this private profile (the one recorded, or one a
/// killed `session end` started on it). When none does, the person closed the browser, and
/// the FC+ session cookie, a session cookie, went with it.
pub fn holds_profile(browser: &LaunchedBrowser) -> bool {
    if cfg!(target_os = "linux") {
        !profile_pids(&browser.profile_dir).is_empty()
    } else {
        // No process table to read: assume it does, and let the logout try.
        true
    }
}

/// Closes a private browser and deletes its profile. Returns whether the folder is gone.
pub fn close_private(browser: &LaunchedBrowser) -> bool {
    kill_profile_processes(browser);
    remove_dir(&browser.profile_dir)
}

/// Closes every browser using a profile under `root` and deletes them all (the end of a
/// session must leave no profile behind, even one a crashed run forgot).
pub fn remove_all_profiles(root: &Path) -> bool {
    for pid in profile_pids(root) {
        kill(pid);
    }
    remove_dir(root)
}

fn remove_dir(dir: &Path) -> bool {
    // A dying browser may still write a file or two: retry briefly.
    for _ in 0..20 {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => return true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return true,
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    !dir.exists()
}

fn kill_profile_processes(browser: &LaunchedBrowser) {
    let mut pids = profile_pids(&browser.profile_dir);
    if !cfg!(target_os = "linux") {
        pids.push(browser.pid);
    }
    for pid in pids {
        kill(pid);
    }
    // Give the processes a moment to go (up to 3 s), so the profile is free to reuse or
    // delete. Looked at every 10 ms: a kiosk shows the identity only after this, and a
    // Chromium killed here is gone in tens of milliseconds (a 100 ms step cost up to 100 ms
    // per sign-in, docs/PERFORMANCE.md "A kiosk's sign-in").
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while !profile_pids(&browser.profile_dir).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// PIDs whose command line mentions `dir` (Linux: from /proc; elsewhere: none known).
fn profile_pids(dir: &Path) -> Vec<u32> {
    let needle = dir.display().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|raw| {
                    String::from_utf8_lossy(&raw)
                        .replace('\0', " ")
                        .contains(&needle)
                })
                .unwrap_or(false)
        })
        .collect()
}

fn kill(pid: u32) {
    let status = if cfg!(windows) {
        Command::new("taskkill")
            .args(["/F", "/PID", &pid.to_string()])
            .status()
    } else {
        Command::new("kill").args(["-9", &pid.to_string()]).status()
    };
    if status.is_err() {
        tracing::warn!(event = "browser_kill_failed");
    }
}

#[cfg(unix)]
fn restrict(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict(_path: &Path) {}

#[cfg(test)]
mod tests;
