//! Files written from the code and committed (the UI's copy of the codes and words, the man
//! pages, the shell completions): a test rebuilds each one and fails when the committed copy
//! differs, so they never drift from their source.

use std::path::Path;

/// Fails unless the file at `path` (from the workspace's root) holds `expected`. With
/// `GUICHET_REGENERATE` set, writes it first. `command` is what regenerates it.
///
/// # Panics
/// When the file differs, naming `command`.
pub fn assert_current(path: &str, expected: &str, command: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    if std::env::var_os("GUICHET_REGENERATE").is_some() {
        if let Some(folder) = full.parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        std::fs::write(&full, expected).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} is not what its source gives: run GUICHET_REGENERATE=1 {command}"
    );
}
