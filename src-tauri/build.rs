//! Builds Tauri's context and the permission set of Guichet's own commands: each command
//! listed here gets an `allow-<command>` permission, granted in `capabilities/main.json`.

/// Every command the window may call. A command missing here cannot be granted.
const COMMANDS: &[&str] = &[
    "status",
    "sign_in",
    "cancel_sign_in",
    "reopen_browser",
    "end_session",
    "keep_held",
    "discard_held",
    "confirm_browser_closed",
    "what_is_fc_plus",
    "touch",
    "set_language",
    "unlock_settings",
    "save_settings",
    "quit",
    "ui_ready",
];

fn main() {
    let dist = std::path::Path::new("../ui/dist/index.html");
    if !dist.exists() {
        println!(
            "cargo::warning=ui/dist is missing: build the window first with `npm --prefix ui ci && npm --prefix ui run build` (scripts/test.sh and scripts/run.sh do it)"
        );
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script");
}
