//! Running `guichet` while watching its log lines, and killing it (SIGKILL) at a chosen step:
//! when a log line appears, or when the test says so.

use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, BufReader};
use tokio::process::Command;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::support::browser::{Driver, attach_to};

/// How a watched run ended.
#[derive(Debug)]
pub struct Finished {
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    /// Whether this test killed it.
    pub killed: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    /// The lines `guichet` printed for the person at the counter (not log lines).
    pub fn message_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("guichet: "))
            .collect()
    }
}

/// A running `guichet` whose stderr is read line by line as it comes.
pub struct Watched {
    kill: Arc<Notify>,
    task: JoinHandle<Finished>,
}

/// Starts `command`; when `kill_on` is given, SIGKILLs it the moment a log line contains it
/// (from the task reading the pipe, so nothing else runs in between).
pub fn watch(mut command: Command, kill_on: Option<&'static str>) -> Watched {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().expect("guichet starts");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let kill = Arc::new(Notify::new());
    let (seen, kill_now) = (Arc::clone(&lines), Arc::clone(&kill));
    let task = tokio::spawn(async move {
        let mut stdout = child.stdout.take().expect("piped stdout");
        let reading_stdout = tokio::spawn(async move {
            let mut text = String::new();
            let _ = stdout.read_to_string(&mut text).await;
            text
        });
        let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr")).lines();
        let mut killed = false;
        loop {
            tokio::select! {
                line = stderr.next_line() => match line {
                    Ok(Some(line)) => {
                        let trigger = kill_on.is_some_and(|needle| line.contains(needle));
                        if trigger && !killed {
                            killed = child.start_kill().is_ok();
                        }
                        seen.lock().unwrap_or_else(PoisonError::into_inner).push(line);
                    }
                    _ => break,
                },
                () = kill_now.notified(), if !killed => {
                    killed = child.start_kill().is_ok();
                }
            }
        }
        let status = child.wait().await.expect("guichet is reaped");
        let stderr = seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .join("\n");
        Finished {
            code: status.code(),
            killed,
            stdout: reading_stdout.await.unwrap_or_default(),
            stderr,
        }
    });
    Watched { kill, task }
}

impl Watched {
    /// SIGKILL now.
    pub fn kill(&self) {
        self.kill.notify_one();
    }

    /// Waits for the end (at most two minutes).
    pub async fn finish(self) -> Finished {
        tokio::time::timeout(Duration::from_secs(120), self.task)
            .await
            .expect("guichet did not exit")
            .expect("the watching task ends")
    }
}

/// Waits until `condition` holds (polled), or fails with `what`.
pub async fn until(
    what: &str,
    limit: Duration,
    condition: impl Fn() -> bool,
) -> Result<(), String> {
    let start = Instant::now();
    while !condition() {
        if start.elapsed() > limit {
            return Err(format!("{what} did not happen within {limit:?}"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Marie Martin's path through the sandbox's pages, from the chooser to the consent.
pub const MARIE: &[&str] = &["idp-fip1", "identity-marie", "consent-button"];

/// Words of Marie's identity that must never sit in clear in a file.
pub const MARIE_PLAINTEXT: &[&str] = &["Martin", "Dupont", "1982-03-14"];

/// The `[browser]` section of a kiosk: a fresh private Chromium profile per sign-in, headed
/// on the test display as a kiosk's browser is, with a debugging port the test attaches to.
pub fn private_browser_config(debug_port: u16) -> String {
    let command = crate::support::browser::headed_chromium_command(debug_port);
    format!("[browser]\nmode = \"private\"\ncommand = \"{command}\"\nkind = \"chromium\"\n")
}

/// Attaches to the private Chromium `guichet` started and clicks through `ids`.
pub async fn click_through(debug_port: u16, ids: &[&str]) -> Driver {
    let driver = attach_to(debug_port).await;
    for id in ids {
        driver.click(id).await;
    }
    driver
}
