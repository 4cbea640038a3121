//! The disk fills up (or a file-size limit is hit) when the session is stored, and the
//! keyring locks in the middle of a session.

use codes::Code;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::process::Command;

use crate::faults::case::{Case, Outcome, case, ensure};
use crate::faults::checks::{clear_failure, files, nothing_kept, plaintext_under, session_files};
use crate::faults::run::{Finished, MARIE, watch};
use crate::support::browser::{Chromium, UrlInbox};
use crate::support::fixtures::Provider;

pub fn cases() -> Vec<Case> {
    vec![
        case!(disk_full_when_storing_is_a_storage_error_and_keeps_nothing),
        case!(file_size_limit_when_storing_is_a_storage_error_and_keeps_nothing),
        case!(keyring_locked_mid_session_show_refuses_and_end_still_wipes),
    ]
}

/// Marie signs in through a browser the test owns (so that limits put on `guichet` do not
/// reach Chromium); `command` is the `guichet login` to run.
async fn sign_in_via_inbox(provider: &Provider, command: Command) -> Finished {
    let inbox_dir = provider.machine.dir.path();
    let chromium = Chromium::new();
    chromium.launch("about:blank");
    let driver = chromium.attach().await;
    let run = watch(command, None);
    driver.goto(&UrlInbox::new(inbox_dir).next().await).await;
    for id in MARIE {
        driver.click(id).await;
    }
    driver.text("heading").await;
    driver.close().await;
    run.finish().await
}

fn login_args(inbox: &str) -> Vec<&str> {
    vec!["login", "--json", "--timeout", "90", "--browser", inbox]
}

/// A full tmpfs mounted on the data folder; unmounted when dropped.
struct FullDisk {
    mount_point: PathBuf,
    filler: PathBuf,
}

impl FullDisk {
    /// `None` when this machine does not let us mount (no CAP_SYS_ADMIN).
    fn mount(on: &Path) -> Option<Self> {
        std::fs::create_dir_all(on).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
            .arg(on)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !mounted {
            return None;
        }
        let filler = on.join("filler");
        let disk = Self {
            mount_point: on.to_owned(),
            filler,
        };
        // Fill it up: write until the kernel says there is no space left.
        let mut file = std::fs::File::create(&disk.filler).ok()?;
        let block = vec![0u8; 4096];
        loop {
            if let Err(e) = std::io::Write::write_all(&mut file, &block) {
                assert_eq!(e.raw_os_error(), Some(28), "the tmpfs fills up with ENOSPC");
                break;
            }
        }
        Some(disk)
    }

    fn free(&self) {
        let _ = std::fs::remove_file(&self.filler);
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.mount_point)
            .status();
    }
}

/// A storage failure: exit 8 with the data-folder message, the OS error really seen (in the
/// debug log's error chain), and no session, temp file or plaintext left.
async fn storage_failure(
    provider: &Provider,
    run: &Finished,
    os_error: &str,
    lang: &str,
) -> Outcome {
    clear_failure(run, Code::StorageFailed, 8, lang)?;
    ensure!(
        run.stderr.contains(os_error),
        "the store must have failed with {os_error:?}: {}",
        run.stderr
    );
    let left = session_files(provider);
    ensure!(
        left.is_empty(),
        "nothing of the failed store may stay: {left:?}"
    );
    if let Some(found) = plaintext_under(&provider.machine.data_dir(), None) {
        return Err(found);
    }
    Ok(format!("exit 8 ({os_error}): {}", run.message_lines()[0]))
}

async fn disk_full_when_storing_is_a_storage_error_and_keeps_nothing() -> Outcome {
    let provider = Provider::start(vec![], "").await;
    let Some(disk) = FullDisk::mount(&provider.machine.data_dir()) else {
        // Without the right to mount, a file-size limit gives the same failure path (EFBIG).
        let note = file_size_limit_on(&provider, "fr").await?;
        return Ok(format!(
            "tmpfs not mountable here, RLIMIT_FSIZE instead: {note}"
        ));
    };
    let inbox = UrlInbox::new(provider.machine.dir.path()).command();
    let mut command = provider.guichet(&login_args(&inbox));
    command
        .env("GUICHET_LANG", "fr")
        .env("GUICHET_LOG", "debug");
    let run = sign_in_via_inbox(&provider, command).await;
    let note = storage_failure(&provider, &run, "No space left on device", "fr").await?;
    disk.free();
    nothing_kept(&provider).await?;
    Ok(note)
}

async fn file_size_limit_when_storing_is_a_storage_error_and_keeps_nothing() -> Outcome {
    let provider = Provider::start(vec![], "").await;
    file_size_limit_on(&provider, "en").await
}

/// Bytes any file `guichet` writes may grow to: above an audit line, below a session file
/// (which holds the signed ID token and the identity). Caching discovery fails too, which
/// `guichet` only logs.
const FILE_SIZE_LIMIT: u64 = 512;

async fn file_size_limit_on(provider: &Provider, lang: &str) -> Outcome {
    let inbox = UrlInbox::new(provider.machine.dir.path()).command();
    let login = provider.guichet(&login_args(&inbox));
    // SIGXFSZ ignored (inherited through exec), so writes past the limit fail with EFBIG
    // instead of killing the process.
    let mut command = Command::new("sh");
    command.args([
        "-c",
        &format!("trap '' XFSZ; exec prlimit --fsize={FILE_SIZE_LIMIT} -- \"$@\""),
        "sh",
    ]);
    command.arg(login.as_std().get_program());
    command.args(login.as_std().get_args());
    for (name, value) in login.as_std().get_envs() {
        if let Some(value) = value {
            command.env(name, value);
        }
    }
    command
        .env("GUICHET_LANG", lang)
        .env("GUICHET_LOG", "debug");
    let run = sign_in_via_inbox(provider, command).await;
    let note = storage_failure(provider, &run, "File too large", lang).await?;
    nothing_kept(provider).await?;
    Ok(note)
}

async fn keyring_locked_mid_session_show_refuses_and_end_still_wipes() -> Outcome {
    let provider = Provider::start(vec![], "").await;
    let keyring = crate::support::keyring::PrivateKeyring::start(
        &provider.machine.dir.path().join("keyring"),
    )
    .await;
    let inbox = UrlInbox::new(provider.machine.dir.path()).command();
    let login = keyring.on(provider.guichet(&login_args(&inbox)));
    let signed_in = sign_in_via_inbox(&provider, login).await;
    ensure!(
        signed_in.code == Some(0),
        "the sign-in works: {}",
        signed_in.stderr
    );
    keyring.lock().await;

    let mut show = keyring.on(provider.guichet(&["session", "show", "--json"]));
    show.env("GUICHET_LANG", "fr");
    let shown = watch(show, None).finish().await;
    clear_failure(&shown, Code::KeyringLocked, 8, "fr")?;
    ensure!(
        session_files(&provider).len() == 1,
        "a locked keyring is no reason to lose the session: {:?}",
        files(&provider.machine.data_dir())
    );

    let mut end = keyring.on(provider.guichet(&[
        "session",
        "end",
        "--timeout",
        "5",
        "--browser",
        &UrlInbox::new(provider.machine.dir.path()).command(),
    ]));
    end.env("GUICHET_LANG", "en");
    let ended = watch(end, None).finish().await;
    clear_failure(&ended, Code::KeyringLocked, 8, "en")?;
    let left = session_files(&provider);
    ensure!(
        left.is_empty(),
        "ending must still wipe the session file (the key alone opens nothing): {left:?}"
    );
    if let Some(found) = plaintext_under(provider.machine.dir.path(), None) {
        return Err(found);
    }
    let mut again = keyring.on(provider.guichet(&["session", "show"]));
    again.env("GUICHET_LANG", "en");
    let again = watch(again, None).finish().await;
    ensure!(
        again.code == Some(10),
        "after the end nobody is signed in, even with the keyring still locked: {:?} {}",
        again.code,
        again.stderr
    );
    Ok("show: exit 8 and kept; end: exit 8 and file wiped; then nobody".into())
}
