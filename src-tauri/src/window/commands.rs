//! The window's commands: each one line into [`App`]. Listed in `build.rs` and granted to
//! the main window in `capabilities/main.json`; the UI can call nothing else.

use std::sync::Arc;

use session::EndReason;
use tauri::State;

use counter::Saved;
use counter::window::view::{
    CommandError, EndView, IdentityView, PageTimes, SignInOutcome, Status,
};
use counter::window::{App, FcPlusInfo};

type Shared<'a> = State<'a, Arc<App>>;

// Async: Tauri runs it off the main thread, which at start is busy with the window (the
// first answer took 178 ms there; issue 32). An async command borrowing its state must return
// a `Result`; this one never fails.
#[tauri::command]
pub async fn status(app: Shared<'_>) -> Result<Status, CommandError> {
    Ok(app.status())
}

#[tauri::command]
pub async fn sign_in(app: Shared<'_>, eidas: bool) -> Result<SignInOutcome, CommandError> {
    app.sign_in(eidas).await
}

#[tauri::command]
pub fn cancel_sign_in(app: Shared<'_>) {
    app.cancel_sign_in();
}

#[tauri::command]
pub async fn reopen_browser(app: Shared<'_>) -> Result<(), CommandError> {
    app.reopen_browser().await
}

#[tauri::command]
pub async fn end_session(app: Shared<'_>) -> Result<EndView, CommandError> {
    app.end_session(EndReason::Staff).await
}

#[tauri::command]
pub async fn keep_held(app: Shared<'_>, pin: Option<String>) -> Result<IdentityView, CommandError> {
    app.keep_held(pin.as_deref()).await
}

#[tauri::command]
pub async fn discard_held(app: Shared<'_>) -> Result<EndView, CommandError> {
    app.discard_held().await
}

#[tauri::command]
pub fn what_is_fc_plus(app: Shared<'_>) -> Result<FcPlusInfo, CommandError> {
    app.what_is_fc_plus()
}

#[tauri::command]
pub fn confirm_browser_closed(app: Shared<'_>) {
    app.confirm_browser_closed();
}

#[tauri::command]
pub fn touch(app: Shared<'_>) {
    app.touch();
}

#[tauri::command]
pub fn set_language(app: Shared<'_>, language: String) {
    app.set_language(&language);
}

#[tauri::command]
pub fn unlock_settings(app: Shared<'_>, pin: String) -> Result<String, CommandError> {
    app.unlock_settings(&pin)
}

#[tauri::command]
pub async fn save_settings(
    app: Shared<'_>,
    key: String,
    settings: Saved,
) -> Result<Status, CommandError> {
    app.save_settings(&key, settings).await
}

#[tauri::command]
pub fn quit(app: Shared<'_>, pin: Option<String>) -> Result<(), CommandError> {
    app.quit(pin.as_deref())
}

#[tauri::command]
pub fn ui_ready(app: Shared<'_>, page: Option<PageTimes>) {
    app.ui_ready(super::since_start(), super::start_times(), page);
}
