//! What must hold after a fault: the clear one-line message with its exit code, and a
//! consistent state for the next run (a whole session or none, no profile, no plaintext).

use codes::Code;
use std::path::{Path, PathBuf};
use std::time::Duration;

use guichet::{Language, hint};

use crate::faults::case::ensure;
use crate::faults::run::{Finished, MARIE_PLAINTEXT, watch};
use crate::support::fixtures::Provider;

pub fn language(tag: &str) -> Language {
    if tag == "fr" {
        Language::French
    } else {
        Language::English
    }
}

/// The command failed with exit `exit`, one message line carrying `code`'s what-to-do-next
/// sentence in the run's language, no identity on stdout and no token anywhere.
pub fn clear_failure(run: &Finished, code: Code, exit: i32, lang: &str) -> Result<(), String> {
    let lines = run.message_lines();
    ensure!(
        run.code == Some(exit),
        "exit {:?} instead of {exit} ({code}); stderr:\n{}",
        run.code,
        run.stderr
    );
    ensure!(
        lines.len() == 1,
        "one message line expected, got {}: {lines:?}",
        lines.len()
    );
    let expected = hint(code, language(lang));
    ensure!(
        lines[0].contains(expected),
        "the message does not say what to do for `{code}` in {lang}: {}",
        lines[0]
    );
    ensure!(
        run.stdout.trim().is_empty(),
        "nothing may be printed on stdout after a failure: {}",
        run.stdout
    );
    no_tokens(&run.stderr)
}

/// Neither a JWT/JWE nor an authorization code or state (as URL parameters) in `text`. The
/// e2e helper would flag the log field `code="…"` (an error code), hence this one.
pub fn no_tokens(text: &str) -> Result<(), String> {
    for leak in ["eyJ", "?code=", "&code=", "state=", "access_token"] {
        ensure!(
            !text.contains(leak),
            "{leak:?} leaked to the output:\n{text}"
        );
    }
    Ok(())
}

pub use crate::support::files;

/// Session files (and their temp files) in the data folder, outside the browser profiles.
pub fn session_files(provider: &Provider) -> Vec<PathBuf> {
    files(&provider.machine.data_dir())
        .into_iter()
        .filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.contains("session-") && !path.starts_with(profiles_root(provider))
        })
        .collect()
}

pub fn profiles_root(provider: &Provider) -> PathBuf {
    provider.machine.data_dir().join("browser-profiles")
}

/// A file under `dir` (outside `except`) that holds one of Marie's words in clear.
pub fn plaintext_under(dir: &Path, except: Option<&Path>) -> Option<String> {
    files(dir)
        .into_iter()
        .filter(|path| except.is_none_or(|except| !path.starts_with(except)))
        .find_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            MARIE_PLAINTEXT
                .iter()
                .find(|word| text.contains(*word))
                .map(|word| format!("{} holds {word:?} in clear", path.display()))
        })
}

/// Processes whose command line names a folder under `root` (a browser on a private profile).
pub fn processes_using(root: &Path) -> usize {
    let needle = root.display().to_string();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .filter(|cmdline| String::from_utf8_lossy(cmdline).contains(&needle))
        .count()
}

/// What `session show` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Shown {
    Nobody,
    Marie,
}

/// `session show --json`: Marie's whole, verified session, or nobody; anything else fails.
pub async fn show(provider: &Provider) -> Result<Shown, String> {
    let run = watch(provider.guichet(&["session", "show", "--json"]), None)
        .finish()
        .await;
    match run.code {
        Some(10) => {
            ensure!(run.stdout.is_empty(), "nobody, yet stdout: {}", run.stdout);
            Ok(Shown::Nobody)
        }
        Some(0) => {
            let shown: serde_json::Value = serde_json::from_str(run.stdout.trim())
                .map_err(|e| format!("session show printed no identity JSON ({e})"))?;
            ensure!(
                shown["family_name"] == "Martin" && shown["birthdate"] == "1982-03-14",
                "a session is shown but it is not Marie's whole identity: {shown}"
            );
            Ok(Shown::Marie)
        }
        other => Err(format!(
            "session show must find a whole session or none, got exit {other:?}: {}",
            run.stderr
        )),
    }
}

/// Nobody is signed in and no session file (nor temp file) is on disk.
pub async fn nothing_kept(provider: &Provider) -> Result<(), String> {
    ensure!(
        show(provider).await? == Shown::Nobody,
        "a failed sign-in must keep no session"
    );
    let left = session_files(provider);
    ensure!(left.is_empty(), "session files left behind: {left:?}");
    Ok(())
}

/// `session end` (FC+ logout in the kiosk's private browser when there is a session), then
/// nothing may remain: no session, no profile, no browser on it, no plaintext anywhere.
pub async fn end_leaves_nothing(provider: &Provider) -> Result<String, String> {
    end_leaves_nothing_after(provider, false).await
}

/// [`end_leaves_nothing`] after an end killed once FC+'s logout had come back
/// (`fc_logout_done`): FC+'s session is gone already, so the next end may get page Y100019
/// and say the logout could not be done (exit 12), which is then true of *its* attempt; what
/// must hold is that FC+'s session is gone and the message explains Y100019.
pub async fn end_leaves_nothing_after(
    provider: &Provider,
    fc_logout_done: bool,
) -> Result<String, String> {
    let mut command = provider.guichet(&["session", "end", "--timeout", "10"]);
    command.env("GUICHET_LANG", "en");
    let end = watch(command, None).finish().await;
    let explained_y100019 = end.code == Some(12) && end.stderr.contains("Y100019");
    // FC+ is up: with a session, the logout must complete (exit 12 would leave FC+'s
    // session open); without one, there is nothing to log out of.
    ensure!(
        end.code == Some(0)
            || (fc_logout_done && explained_y100019 && provider.sandbox.active_sessions() == 0),
        "session end must end the session, FC+ logout included, got {:?}: {}",
        end.code,
        end.stderr
    );
    let said: Vec<&str> = end
        .stderr
        .lines()
        .filter(|line| line.starts_with("Session ended") || line.starts_with("No session"))
        .collect();
    ensure!(
        said.len() == 1,
        "session end says what it did in one line: {}",
        end.stderr
    );
    let said = said[0].to_owned();
    no_tokens(&end.stderr)?;
    let root = profiles_root(provider);
    let profiles_gone = std::fs::read_dir(&root).map_or(true, |mut d| d.next().is_none());
    ensure!(
        profiles_gone,
        "a browser profile is left under {}",
        root.display()
    );
    // A killed browser takes a moment to leave the process table.
    crate::faults::run::until(
        "the private browsers closing",
        Duration::from_secs(5),
        || processes_using(&root) == 0,
    )
    .await?;
    let left: Vec<_> = files(&provider.machine.data_dir())
        .into_iter()
        .filter(|path| {
            // The audit trail and the remembered last session (no personal data, issue 17);
            // plaintext_under below checks they hold nothing of the person.
            !path.ends_with("audit.jsonl")
                && !path.ends_with("audit.salt")
                && !path.ends_with("previous-session.json")
        })
        .collect();
    ensure!(left.is_empty(), "only the audit trail may remain: {left:?}");
    ensure!(
        show(provider).await? == Shown::Nobody,
        "nobody is signed in after the end"
    );
    if let Some(found) = plaintext_under(provider.machine.dir.path(), None) {
        return Err(found);
    }
    Ok(format!(
        "then `session end` (exit {}): {said}",
        end.code.unwrap_or(-1)
    ))
}

/// Waits a little for a condition on the sandbox (e.g. a request reaching an endpoint).
pub async fn sandbox_saw(what: &str, condition: impl Fn() -> bool) -> Result<(), String> {
    crate::faults::run::until(what, Duration::from_secs(60), condition).await
}
