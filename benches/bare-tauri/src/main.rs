//! A bare Tauri 2 app: one window with a static page that reports its first paint, as
//! Guichet's UI does. The window benchmark starts both and compares them, step by step.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

static STARTED: OnceLock<(Instant, SystemTime)> = OnceLock::new();
/// Tauri's setup ran (the window from `tauri.conf.json` is built before it).
static SETUP: OnceLock<Duration> = OnceLock::new();

fn since_start() -> Duration {
    STARTED
        .get()
        .map(|(at, _)| at.elapsed())
        .unwrap_or_default()
}

/// The page has painted: the benchmark reads this line, with the fields of Guichet's that
/// this app has (no application layer, no status to wait for, nothing to render after it).
#[tauri::command]
fn ready(
    origin_epoch_ms: f64,
    fetch_ms: u32,
    script_ms: u32,
    load_ms: u32,
    frame_ms: u32,
    shown_ms: u32,
) {
    let setup = SETUP.get().copied().unwrap_or_default().as_millis();
    let main_epoch_ms = STARTED
        .get()
        .and_then(|(_, at)| at.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default()
        .as_secs_f64()
        * 1000.0;
    eprintln!(
        "first_paint ms={} main_epoch_ms={main_epoch_ms} setup_ms={setup} \
         window_built_ms={setup} page_origin_epoch_ms={origin_epoch_ms} \
         page_fetch_ms={fetch_ms} page_script_ms={script_ms} page_load_ms={load_ms} \
         page_frame_ms={frame_ms} page_shown_ms={shown_ms}",
        since_start().as_millis(),
    );
}

fn main() {
    let _ = STARTED.set((Instant::now(), SystemTime::now()));
    if let Err(e) = tauri::Builder::default()
        .setup(|_| {
            let _ = SETUP.set(since_start());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
    {
        eprintln!("bare-tauri: {e}");
        std::process::exit(1);
    }
}
