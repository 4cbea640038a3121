//! The window: a thin Tauri 2 shell over [`App`] (`counter::window`), which holds what the
//! window does: the commands, the shell's Tauri side and the builder live here, nothing else.

mod commands;
mod rendering;
mod shell;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tauri::{Manager as _, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

pub use counter::window::App;
pub use shell::MAIN_WINDOW;

use crate::cli::WindowArgs;
use counter::settings::Theme;
use counter::window::view::StartTimes;
use counter::{Language, Overrides};

/// Exit code: there is no display to open the window on.
pub const EXIT_NO_DISPLAY: u8 = 9;

static STARTED: OnceLock<(Instant, SystemTime)> = OnceLock::new();
/// The shell's steps before the page, from `main` (logged with `first_paint`).
static APP_STARTED: OnceLock<Duration> = OnceLock::new();
static SETUP: OnceLock<Duration> = OnceLock::new();
static WINDOW_BUILT: OnceLock<Duration> = OnceLock::new();

/// Marks the process start, for the cold-start figure the UI reports.
pub fn mark_start() {
    let _ = STARTED.set((Instant::now(), SystemTime::now()));
}

fn since_start() -> Duration {
    STARTED
        .get()
        .map(|(at, _)| at.elapsed())
        .unwrap_or_default()
}

fn mark(step: &OnceLock<Duration>) {
    let _ = step.set(since_start());
}

fn start_times() -> StartTimes {
    let at = |step: &OnceLock<Duration>| step.get().copied().unwrap_or_default();
    let epoch = STARTED
        .get()
        .and_then(|(_, at)| at.duration_since(UNIX_EPOCH).ok());
    StartTimes {
        main_epoch_ms: epoch.unwrap_or_default().as_secs_f64() * 1000.0,
        app_started: at(&APP_STARTED),
        setup: at(&SETUP),
        window_built: at(&WINDOW_BUILT),
    }
}

/// Opens the window and runs until it closes.
pub fn run(args: WindowArgs) -> ExitCode {
    if !has_display() {
        let message = codes::Word::NoDisplay.text(Language::from_env());
        eprintln!("{message}");
        return ExitCode::from(EXIT_NO_DISPLAY);
    }
    let rendering = rendering::choose_before_webkit();
    tracing::info!(event = "webkit_rendering", rendering = ?rendering);
    let app = tauri::async_runtime::block_on(App::start(overrides(args)));
    mark(&APP_STARTED);
    let single = tauri_plugin_single_instance::init(|handle, _argv, _cwd| {
        // A second start (a double tap on the icon) brings the running window forward.
        if let Some(window) = handle.get_webview_window(MAIN_WINDOW) {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
    });
    let result =
        builder(tauri::Builder::default().plugin(single), app).run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guichet: the window failed: {e}");
            ExitCode::from(1)
        }
    }
}

/// The window's command line, as the application layer takes it.
fn overrides(args: WindowArgs) -> Overrides {
    Overrides {
        config: args.config,
        env: args.env,
        kiosk: args.kiosk,
        sign_in_timeout: args.sign_in_timeout,
    }
}

fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The Tauri app around `app`, for any runtime: the opener, the commands, the main window and
/// the background ticks. `run` adds the single-instance plugin (one window per session bus),
/// which a test process must not take.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, app: Arc<App>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .manage(app)
        .invoke_handler(tauri::generate_handler![
            commands::status,
            commands::sign_in,
            commands::cancel_sign_in,
            commands::reopen_browser,
            commands::end_session,
            commands::keep_held,
            commands::discard_held,
            commands::confirm_browser_closed,
            commands::what_is_fc_plus,
            commands::touch,
            commands::set_language,
            commands::unlock_settings,
            commands::save_settings,
            commands::quit,
            commands::ui_ready,
        ])
        .setup(|tauri_app| {
            mark(&SETUP);
            let app = tauri_app.state::<Arc<App>>().inner().clone();
            app.attach_shell(Box::new(shell::TauriShell(tauri_app.handle().clone())));
            let kiosk = app.kiosk();
            // Each theme's page preloads that theme's fonts only (ui/vite.config.ts).
            let page = match app.theme() {
                Theme::Etat => "index.html",
                Theme::Collectivite => "collectivite.html",
            };
            WebviewWindowBuilder::new(tauri_app, MAIN_WINDOW, WebviewUrl::App(page.into()))
                .title("Guichet")
                .inner_size(1024.0, 768.0)
                .min_inner_size(640.0, 560.0)
                .fullscreen(kiosk)
                .decorations(!kiosk)
                .build()?;
            mark(&WINDOW_BUILT);
            spawn_background(app);
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event
                && !window.state::<Arc<App>>().may_close()
            {
                api.prevent_close();
            }
        })
}

/// The idle watch (every second) and the reachability check (every 5 s, 2 s while offline).
fn spawn_background(app: Arc<App>) {
    let idle = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            idle.idle_tick().await;
        }
    });
    tauri::async_runtime::spawn(async move {
        loop {
            let online = app.check_reachability().await;
            let pause = if online { 5 } else { 2 };
            tokio::time::sleep(Duration::from_secs(pause)).await;
        }
    });
}
