//! What the window's logic asks of the desktop: open the system browser, switch kiosk mode,
//! quit. The Tauri crate answers it in the real window; tests answer it with a recording.

/// The desktop side of the window.
pub trait Shell: Send + Sync + 'static {
    /// Opens `url` in the person's default browser.
    fn open_url(&self, url: &str) -> Result<(), String>;
    /// Brings Guichet's window in front of every other window, unminimized and focused: the
    /// person's answer is on it once the browser came back from FC+.
    fn bring_to_front(&self);
    /// Full screen without decorations, or back to a normal window.
    fn set_kiosk(&self, on: bool);
    /// Quits the app.
    fn exit(&self);
}
