//! The window: a thin Tauri 2 shell over [`App`] (`counter::window`), which holds what the
//! window does: the commands, the shell's Tauri side and the builder live here, nothing else.

mod commands;
mod shell;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tauri::{Manager as _, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

pub use counter::window::App;
pub use shell::MAIN_WINDOW;

use crate::cli::WindowArgs;
use counter::{Language, Overrides};

/// Exit code: there is no display to open the window on.
pub const EXIT_NO_DISPLAY: u8 = 9;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Marks the process start, for the cold-start figure the UI reports.
pub fn mark_start() {
    let _ = STARTED.set(Instant::now());
}

fn since_start() -> Duration {
    STARTED.get().map(Instant::elapsed).unwrap_or_default()
}

/// Opens the window and runs until it closes.
pub fn run(args: WindowArgs) -> ExitCode {
    if !has_display() {
        let message = match Language::from_env() {
            Language::French => {
                "guichet : aucun écran n'est disponible (ni DISPLAY ni WAYLAND_DISPLAY) pour ouvrir la fenêtre. Sur cette machine, utilisez la ligne de commande : `guichet login` (voir `guichet --help`)."
            }
            Language::English => {
                "guichet: there is no display (neither DISPLAY nor WAYLAND_DISPLAY) to open the window on. On this machine, use the command line: `guichet login` (see `guichet --help`)."
            }
        };
        eprintln!("{message}");
        return ExitCode::from(EXIT_NO_DISPLAY);
    }
    let app = tauri::async_runtime::block_on(App::start(overrides(args)));
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
            commands::touch,
            commands::set_language,
            commands::unlock_settings,
            commands::save_settings,
            commands::quit,
            commands::ui_ready,
        ])
        .setup(|tauri_app| {
            let app = tauri_app.state::<Arc<App>>().inner().clone();
            app.attach_shell(Box::new(shell::TauriShell(tauri_app.handle().clone())));
            let kiosk = app.kiosk();
            WebviewWindowBuilder::new(tauri_app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
                .title("Guichet")
                .inner_size(1024.0, 768.0)
                .min_inner_size(640.0, 560.0)
                .fullscreen(kiosk)
                .decorations(!kiosk)
                .build()?;
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

#[cfg(test)]
mod tests {
    use counter::{Env, Overrides};
    use serde_json::{Value, json};
    use session::paths::Folders;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::webview::InvokeRequest;

    use tauri::Manager as _;

    use super::{App, MAIN_WINDOW, builder};

    /// The command names `build.rs` declares (and the capability grants).
    fn declared_commands() -> Vec<&'static str> {
        let build = include_str!("../../build.rs");
        let list = &build[build.find("&[").unwrap()..build.find("];").unwrap()];
        list.split('"').skip(1).step_by(2).collect()
    }

    /// The real builder on Tauri's mock runtime with the app's own context (capabilities
    /// included): `setup` opens the main window, every declared command is served to it, and
    /// what the capability does not grant is refused.
    #[test]
    fn the_builder_serves_every_declared_command_and_refuses_the_rest() {
        vault::use_memory_keyring();
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders {
            data: dir.path().join("data"),
            cache: dir.path().join("cache"),
        };
        let args = Overrides {
            env: Some(Env::Sandbox),
            sign_in_timeout: 30,
            ..Overrides::default()
        };
        let app = tauri::async_runtime::block_on(App::start_in(args, folders));
        let mut tauri_app = builder(tauri::test::mock_builder(), app)
            .build(tauri::generate_context!())
            .expect("the app builds on the mock runtime");
        // One turn of the (mock) event loop runs `setup`, as the first turn of `run` does.
        #[allow(deprecated)]
        tauri_app.run_iteration(|_, _| {});
        let window = tauri_app
            .get_webview_window(MAIN_WINDOW)
            .expect("setup opens the main window");
        let invoke = |cmd: &str, body: Value| {
            tauri::test::get_ipc_response(
                &window,
                InvokeRequest {
                    cmd: cmd.into(),
                    callback: CallbackFn(0),
                    error: CallbackFn(1),
                    url: "tauri://localhost".parse().unwrap(),
                    body: InvokeBody::Json(body),
                    headers: Default::default(),
                    invoke_key: tauri::test::INVOKE_KEY.to_string(),
                },
            )
            .map(|body| body.deserialize::<Value>().unwrap_or(Value::Null))
        };
        let status = invoke("status", json!({})).expect("status answers");
        assert_eq!(status["phase"], "home", "{status}");
        assert_eq!(status["env"], "sandbox", "{status}");
        let commands = declared_commands();
        assert!(commands.len() >= 14, "{commands:?}");
        for command in commands {
            // No arguments: a command that needs some is refused for the missing one, which
            // proves it is served; the others run on an empty window and change nothing.
            let answer = invoke(command, json!({}));
            if let Err(error) = &answer {
                let text = error.to_string();
                assert!(
                    !text.contains("not found") && !text.contains("not allowed"),
                    "{command} is not served: {text}"
                );
            }
        }
        let status = invoke("status", json!({})).expect("status answers");
        assert_eq!(status["phase"], "home", "nothing started: {status}");
        for refused in [
            "plugin:opener|open_url",
            "plugin:opener|open_path",
            "open_devtools",
        ] {
            let error = invoke(refused, json!({"url": "https://example.org", "path": "/"}))
                .expect_err("not granted to the window");
            assert!(
                error.to_string().contains("not allowed")
                    || error.to_string().contains("not found"),
                "{refused}: {error}"
            );
        }
    }

    /// The window's capability grants exactly one `allow-<command>` per command `build.rs`
    /// declares: no plugin, core or wildcard permission can slip in.
    #[test]
    fn the_capability_grants_guichets_commands_and_nothing_else() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
        assert_eq!(
            capability["windows"],
            serde_json::json!([super::MAIN_WINDOW])
        );
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().expect("plain permission names only").to_owned())
            .collect();
        let build = include_str!("../../build.rs");
        let list = &build[build.find("&[").unwrap()..build.find("];").unwrap()];
        let mut declared: Vec<String> = list
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|command| format!("allow-{}", command.replace('_', "-")))
            .collect();
        granted.sort();
        declared.sort();
        assert!(!declared.is_empty());
        assert_eq!(granted, declared);
    }
}
