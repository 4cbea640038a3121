//! Running the `guichet` binary as a user or a script would.

use std::process::{Output, Stdio};
use std::time::Duration;

use tokio::process::{Child, Command};

pub fn guichet() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guichet"));
    command
        .env("GUICHET_LANG", "en")
        .env("GUICHET_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

/// Starts `guichet login` with the given extra arguments.
pub fn start_login(browser_command: &str, extra: &[&str]) -> Child {
    let mut command = guichet();
    command.args(["login", "--browser", browser_command, "--timeout", "90"]);
    command.args(extra);
    command.spawn().expect("run guichet")
}

pub async fn finish(child: Child) -> Output {
    tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("guichet did not exit")
        .expect("guichet output")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Neither a JWT/JWE nor a code may reach the terminal or the logs.
pub fn assert_no_tokens(text: &str) {
    assert!(
        !text.contains("eyJ"),
        "a token (base64 JSON header) leaked to the output:\n{text}"
    );
    assert!(
        !text.contains("code="),
        "an authorization code leaked to the output:\n{text}"
    );
    assert!(
        !text.contains("state="),
        "a state leaked to the output:\n{text}"
    );
}
