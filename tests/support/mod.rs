//! What the suites share: the machine a test runs Guichet on (`cli`), Chromium and WebDriver
//! (`browser`), the sandbox's clients and identity providers (`fixtures`), a private
//! Secret Service and the kernel keyring (`keyring`), the real window (`window`), and a screen
//! of its own with a window manager (`screen`).

pub mod browser;
pub mod cli;
pub mod fixtures;
pub mod keyring;
pub mod screen;
pub mod window;

/// Every file under `dir`, recursively.
pub fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Keeps a screenshot (PNG bytes) as `docs/screenshots/{name}.png` when `GUICHET_SCREENSHOTS`
/// is set (see docs/DEVELOPERS.md); otherwise does nothing.
pub fn keep_screenshot(name: &str, png: &[u8]) {
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot: {name}");
    if std::env::var_os("GUICHET_SCREENSHOTS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// Kills the process group `pgid` (a child spawned with `process_group(0)` and all it started).
/// Through bash's builtin, not /usr/bin/kill: procps-ng 4.0.2 (Debian 12) misreads a negative
/// PID after the signal and signals every process instead of the group.
pub fn kill_group(pgid: u32) {
    let _ = std::process::Command::new("bash")
        .args(["-c", &format!("kill -KILL -- -{pgid}")])
        .status();
}
