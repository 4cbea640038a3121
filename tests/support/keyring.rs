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
/// disturb the cases running beside it). Both stop when dropped.
pub struct PrivateKeyring {
    bus: tokio::process::Child,
    address: String,
}

impl PrivateKeyring {
    pub async fn start(home: &Path) -> Self {
        use tokio::io::AsyncBufReadExt as _;
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("dbus-daemon (package dbus) is installed");
        let mut lines = tokio::io::BufReader::new(bus.stdout.take().expect("piped")).lines();
        let address = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
            .await
            .expect("dbus-daemon prints its address")
            .expect("readable")
            .expect("an address line");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--daemonize"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("XDG_DATA_HOME", home)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon is installed");
        {
            use tokio::io::AsyncWriteExt as _;
            let mut stdin = keyring.stdin.take().expect("piped");
            stdin.write_all(b"guichet-test").await.expect("password");
        }
        keyring
            .wait()
            .await
            .expect("gnome-keyring-daemon daemonizes");
        wait_for_secret_service(&address).await;
        Self { bus, address }
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

/// Waits until the daemon owns `org.freedesktop.secrets` on the bus. `--daemonize` may return
/// before that; a client asking meanwhile makes the bus start another keyring daemon (D-Bus
/// activation) on the default keyring, which waits for a password nobody gives.
async fn wait_for_secret_service(address: &str) {
    for _ in 0..100 {
        let owned = Command::new("gdbus")
            .args([
                "call",
                "--session",
                "--dest",
                "org.freedesktop.DBus",
                "--object-path",
                "/org/freedesktop/DBus",
                "--method",
                "org.freedesktop.DBus.NameHasOwner",
                "org.freedesktop.secrets",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .output()
            .await
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("true"));
        if owned {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("gnome-keyring-daemon did not take org.freedesktop.secrets within 10 s");
}

impl Drop for PrivateKeyring {
    fn drop(&mut self) {
        // gnome-keyring-daemon leaves when its bus goes away.
        let _ = self.bus.start_kill();
    }
}
