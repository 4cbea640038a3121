//! The keyrings as the tests set them up and see them from outside the app: a Secret Service
//! of a test's own that it can lock (an autologin session's), and the kernel keyring read with
//! `keyctl` (Debian's `keyutils`), where a kiosk keeps its data keys when no unlocked Secret
//! Service answers.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

use sha2::{Digest as _, Sha256};

fn keyctl(args: &[&str]) -> String {
    let output = std::process::Command::new("keyctl")
        .args(args)
        .output()
        .expect("keyctl must be installed (Debian package keyutils, scripts/deps.sh)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The descriptions of the data keys in the user's kernel keyring that belong to the install
/// whose data folder is `data_dir` (the vault binding ends with a hash of that folder).
pub fn kernel_keys(data_dir: &Path) -> Vec<String> {
    let folder: String = Sha256::digest(data_dir.display().to_string().as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    keyctl(&["rlist", "@u"])
        .split_whitespace()
        .filter_map(|id| {
            // `type;uid;gid;perm;description`
            let described = keyctl(&["rdescribe", id]);
            let description = described.trim().splitn(5, ';').nth(4)?.to_owned();
            (description.starts_with("guichet:") && description.ends_with(&format!("@{folder}")))
                .then_some(description)
        })
        .collect()
}

/// A D-Bus session bus and gnome-keyring of the case's own (locking the shared one would
/// disturb the cases running beside it), set up by `scripts/with-keyring.sh` as the whole run's
/// is. Both stop when dropped.
pub struct PrivateKeyring {
    session: tokio::process::Child,
    address: String,
}

impl PrivateKeyring {
    pub async fn start(home: &Path) -> Self {
        use tokio::io::AsyncBufReadExt as _;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/with-keyring.sh");
        let mut session = Command::new(script)
            .args([
                "sh",
                "-c",
                r#"echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep infinity"#,
            ])
            .env("GUICHET_TEST_KEYRING_HOME", home)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            // Its own process group, so that dropping it stops the bus under the script too.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("scripts/with-keyring.sh runs (dbus, gnome-keyring: scripts/deps.sh)");
        let mut lines = tokio::io::BufReader::new(session.stdout.take().expect("piped")).lines();
        let address = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("scripts/with-keyring.sh starts a Secret Service within 20 s")
            .expect("readable")
            .expect("the session bus's address");
        Self { session, address }
    }

    pub fn on(&self, mut command: Command) -> Command {
        command.env("DBUS_SESSION_BUS_ADDRESS", &self.address);
        command
    }

    /// Locks the login keyring, as an autologin session leaves it.
    pub async fn lock(&self) {
        let locked = Command::new("gdbus")
            .args([
                "call",
                "--session",
                "--dest",
                "org.freedesktop.secrets",
                "--object-path",
                "/org/freedesktop/secrets",
                "--method",
                "org.freedesktop.Secret.Service.Lock",
                "[objectpath '/org/freedesktop/secrets/collection/login']",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .await
            .expect("gdbus (package libglib2.0-bin) is installed");
        assert!(
            locked.status.success(),
            "the keyring could not be locked: {}",
            String::from_utf8_lossy(&locked.stderr)
        );
    }

    /// The private bus's address, for a process that finds its Secret Service there.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for PrivateKeyring {
    fn drop(&mut self) {
        // The whole group: the script, dbus-run-session, its bus and `sleep`;
        // gnome-keyring-daemon leaves when its bus goes away.
        if let Some(pid) = self.session.id() {
            super::kill_group(pid);
        }
        let _ = self.session.start_kill();
    }
}
