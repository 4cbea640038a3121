//! Running the `guichet` binary as a user or a script would.

use std::process::{Output, Stdio};
use std::time::Duration;

use tokio::process::{Child, Command};

/// One simulated machine: its own data, cache and temp folders, so tests running in parallel
/// never share a session (the keyring is the test run's private gnome-keyring).
pub struct Machine {
    pub dir: tempfile::TempDir,
}

impl Machine {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("machine dir");
        for sub in ["data", "cache", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("machine folders");
        }
        Self { dir }
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    pub fn guichet(&self) -> Command {
        self.running(env!("CARGO_BIN_EXE_guichet"))
    }

    /// `program` (a wrapper that runs `guichet` itself, as `unshare`) with this machine's
    /// folders and the binary's test defaults.
    pub fn running(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        defaults(&mut command);
        command
            .env("GUICHET_DATA_DIR", self.data_dir())
            .env("GUICHET_CACHE_DIR", self.dir.path().join("cache"))
            .env("TMPDIR", self.dir.path().join("tmp"))
            // The machine's own system and user configuration files, none until a test
            // writes them: the real machine's /etc/guichet and ~/.config never leak in.
            .env("GUICHET_SYSTEM_CONFIG", self.system_config())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        command
    }

    /// Where this machine's `/etc/guichet/guichet.toml` is.
    pub fn system_config(&self) -> std::path::PathBuf {
        self.dir.path().join("etc/guichet/guichet.toml")
    }

    /// Where this machine's user's `~/.config/guichet/guichet.toml` is.
    pub fn user_config(&self) -> std::path::PathBuf {
        self.dir.path().join("config/guichet/guichet.toml")
    }

    /// Starts `guichet login` with the given extra arguments.
    pub fn start_login(&self, browser_command: &str, extra: &[&str]) -> Child {
        let mut command = self.guichet();
        command.args(["login", "--browser", browser_command, "--timeout", "90"]);
        command.args(extra);
        command.spawn().expect("run guichet")
    }
}

/// The binary with test-friendly defaults (English, info logs to stderr, piped output).
pub fn guichet() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guichet"));
    defaults(&mut command);
    command
}

fn defaults(command: &mut Command) {
    command
        .env("GUICHET_LANG", "en")
        .env("GUICHET_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
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
