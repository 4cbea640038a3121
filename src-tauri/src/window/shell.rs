//! The window's [`Shell`] in Tauri: the opener plugin, the main window's full screen, exit.

use counter::window::Shell;
use tauri::{AppHandle, Manager as _, Runtime};
use tauri_plugin_opener::OpenerExt as _;

/// The label of Guichet's one window (capabilities are granted to it by this name).
pub const MAIN_WINDOW: &str = "main";

pub struct TauriShell<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Shell for TauriShell<R> {
    fn open_url(&self, url: &str) -> Result<(), String> {
        self.0
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    }

    fn bring_to_front(&self) {
        if let Some(window) = self.0.get_webview_window(MAIN_WINDOW) {
            let _ = window.unminimize();
            let _ = window.show();
            // A window manager may refuse focus to a window that did not have it (focus-stealing
            // prevention): on top for a moment, then focused, lets it through.
            let _ = window.set_always_on_top(true);
            let _ = window.set_focus();
            let _ = window.set_always_on_top(false);
        }
    }

    fn set_kiosk(&self, on: bool) {
        if let Some(window) = self.0.get_webview_window(MAIN_WINDOW) {
            let _ = window.set_decorations(!on);
            let _ = window.set_fullscreen(on);
        }
    }

    fn exit(&self) {
        self.0.exit(0);
    }
}
