//! The window's builder without a display: Tauri's mock runtime with the app's own context and
//! capability, and the capability file against the commands `build.rs` declares.

use counter::{Env, Overrides};
use serde_json::{Value, json};
use session::paths::Folders;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::webview::InvokeRequest;

use guichet::window::{App, MAIN_WINDOW, builder};
use tauri::Manager as _;

/// The command names `build.rs` declares (and the capability grants).
fn declared_commands() -> Vec<&'static str> {
    let build = include_str!("../../src-tauri/build.rs");
    let list = &build[build.find("&[").unwrap()..build.find("];").unwrap()];
    list.split('"').skip(1).step_by(2).collect()
}

/// The real builder on Tauri's mock runtime with the app's own context (capabilities
/// included): `setup` opens the main window, every declared command is served to it, and
/// what the capability does not grant is refused.
#[test]
fn the_builder_serves_every_declared_command_and_refuses_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let folders = Folders {
        data: dir.path().join("data"),
        cache: dir.path().join("cache"),
        config: dir.path().join("config"),
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
            error.to_string().contains("not allowed") || error.to_string().contains("not found"),
            "{refused}: {error}"
        );
    }
}

/// The window's capability grants exactly one `allow-<command>` per command `build.rs`
/// declares: no plugin, core or wildcard permission can slip in.
#[test]
fn the_capability_grants_guichets_commands_and_nothing_else() {
    let capability: serde_json::Value =
        serde_json::from_str(include_str!("../../src-tauri/capabilities/main.json")).unwrap();
    assert_eq!(capability["windows"], serde_json::json!([MAIN_WINDOW]));
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names only").to_owned())
        .collect();
    let build = include_str!("../../src-tauri/build.rs");
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
