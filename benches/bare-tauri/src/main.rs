//! A bare Tauri 2 app: one window with a static page that reports its first paint, as
//! Guichet's UI does. The window benchmark starts both and compares them.

/// The page has painted: the benchmark reads this line.
#[tauri::command]
fn ready() {
    eprintln!("first_paint");
}

fn main() {
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
    {
        eprintln!("bare-tauri: {e}");
        std::process::exit(1);
    }
}
