//! Shared test fixtures: a vault with a unique keyring service, keyring probes, child processes.

use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Once;

use tempfile::TempDir;
use time::{Duration, OffsetDateTime};
use vault::{Keyring, Vault, VaultConfig};

/// Environment variable that turns this test binary into a child process (see `child`).
pub const CHILD_MODE: &str = "VAULT_TEST_CHILD_MODE";
pub const CHILD_DIR: &str = "VAULT_TEST_DIR";
pub const CHILD_SERVICE: &str = "VAULT_TEST_SERVICE";
pub const CHILD_BINDING: &str = "VAULT_TEST_BINDING";
pub const CHILD_GENERATION: &str = "VAULT_TEST_GENERATION";
/// The keyring a child's vault uses (`secret-service` when unset).
pub const CHILD_KEYRING: &str = "VAULT_TEST_KEYRING";
/// A session bus address where nothing listens: no Secret Service, as on a machine whose
/// keyring never started.
pub const NO_BUS: &str = "unix:path=/nonexistent";

/// Prefix of the lines a child prints for its parent.
pub const RESULT_PREFIX: &str = "VAULT-CHILD ";

/// A vault in a fresh temp folder, under a keyring service no other test uses.
/// Dropping it wipes the session and the keyring entry.
pub struct TestVault {
    pub dir: TempDir,
    pub service: String,
    pub binding: String,
    pub keyring: Keyring,
    pub vault: Vault,
}

impl TestVault {
    /// A vault keeping its key in the Secret Service.
    pub fn new(test: &str) -> Self {
        require_session_bus();
        Self::in_keyring(test, Keyring::SecretService)
    }

    /// A vault keeping its key in the kernel keyring; it needs no session bus.
    pub fn kernel(test: &str) -> Self {
        Self::in_keyring(test, Keyring::Keyutils)
    }

    fn in_keyring(test: &str, keyring: Keyring) -> Self {
        let dir = tempfile::tempdir().expect("create a temp data folder");
        let service = format!("guichet-test-{test}-{}", random_hex());
        let binding = "integration/test-client".to_owned();
        let vault = Vault::new(config_in(keyring, dir.path(), &service, &binding));
        Self {
            dir,
            service,
            binding,
            keyring,
            vault,
        }
    }

    /// Another vault sharing this folder and keyring service, under another binding.
    pub fn with_binding(&self, binding: &str) -> Vault {
        Vault::new(config_in(
            self.keyring,
            self.dir.path(),
            &self.service,
            binding,
        ))
    }

    /// Environment for a child process that opens this same vault.
    pub fn child_env(&self) -> Vec<(&'static str, String)> {
        vec![
            (CHILD_DIR, self.dir.path().display().to_string()),
            (CHILD_SERVICE, self.service.clone()),
            (CHILD_BINDING, self.binding.clone()),
            (CHILD_KEYRING, self.keyring.name().to_owned()),
        ]
    }

    /// Files in the data folder other than the session file (temp files left over).
    pub fn stray_files(&self) -> Vec<String> {
        let session = self.vault.session_file();
        std::fs::read_dir(self.dir.path())
            .expect("list the data folder")
            .map(|entry| entry.expect("read a folder entry").path())
            .filter(|path| *path != session)
            .map(|path| path.display().to_string())
            .collect()
    }
}

impl Drop for TestVault {
    fn drop(&mut self) {
        let _ = self.vault.wipe();
        if self.keyring == Keyring::SecretService {
            let _ = keyring_delete(&self.service, &self.binding);
        }
    }
}

pub fn config(dir: &Path, service: &str, binding: &str) -> VaultConfig {
    config_in(Keyring::SecretService, dir, service, binding)
}

pub fn config_in(keyring: Keyring, dir: &Path, service: &str, binding: &str) -> VaultConfig {
    VaultConfig {
        data_dir: dir.to_path_buf(),
        keyring_service: service.to_owned(),
        binding: binding.to_owned(),
        keyring,
    }
}

/// Keyring tests must not pass or skip silently without a bus: they would prove nothing.
pub fn require_session_bus() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "DBUS_SESSION_BUS_ADDRESS is unset: these tests need a real Secret Service. Run them as \
         dbus-run-session -- sh -c 'printf \"\" | gnome-keyring-daemon --unlock \
         --components=secrets --daemonize >/dev/null; cargo test -p vault'"
    );
    static DEFAULT_COLLECTION: Once = Once::new();
    DEFAULT_COLLECTION.call_once(ensure_default_collection);
}

/// Gives the test keyring a default collection, as a desktop login keyring would be.
///
/// `gnome-keyring-daemon --unlock` fed an empty password creates no login keyring, so the
/// Secret Service has only its in-memory `session` collection and no `default` alias; and
/// creating a collection needs a graphical prompt. Like libsecret, the keyring stores write to
/// the `default` collection, so we point that alias at the session collection. A keyring that
/// already has a default collection (a developer's desktop) is left alone.
fn ensure_default_collection() {
    use zbus::zvariant::OwnedObjectPath;
    let bus = zbus::blocking::Connection::session().expect("connect to the session bus");
    let call = |method: &str, body: &(&str, Option<&OwnedObjectPath>)| {
        let reply = match body {
            (alias, None) => {
                bus.call_method(SECRETS, SERVICE_PATH, SERVICE_INTERFACE, method, &(alias,))
            }
            (alias, Some(path)) => bus.call_method(
                SECRETS,
                SERVICE_PATH,
                SERVICE_INTERFACE,
                method,
                &(alias, path),
            ),
        };
        reply.unwrap_or_else(|err| {
            panic!("Secret Service {method} failed (is gnome-keyring running?): {err}")
        })
    };
    let read_alias = |alias: &str| -> OwnedObjectPath {
        call("ReadAlias", &(alias, None))
            .body()
            .deserialize()
            .expect("ReadAlias returns an object path")
    };
    if read_alias("default").as_str() != "/" {
        return;
    }
    let session = read_alias("session");
    assert_ne!(
        session.as_str(),
        "/",
        "the Secret Service has neither a default nor a session collection"
    );
    call("SetAlias", &("default", Some(&session)));
}

const SECRETS: Option<&str> = Some("org.freedesktop.secrets");
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const SERVICE_INTERFACE: Option<&str> = Some("org.freedesktop.Secret.Service");

pub fn random_hex() -> String {
    format!("{:016x}", RandomState::new().hash_one(std::process::id()))
}

/// A number in `low..high`, different on each call.
pub fn random_between(low: u64, high: u64) -> u64 {
    low + RandomState::new().hash_one(0u8) % (high - low)
}

pub fn in_one_hour() -> OffsetDateTime {
    OffsetDateTime::now_utc() + Duration::hours(1)
}

/// Truncates to the second, the precision the vault keeps.
pub fn to_second(at: OffsetDateTime) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(at.unix_timestamp()).expect("a valid timestamp")
}

fn keyring_entry(service: &str, user: &str) -> keyring_core::Entry {
    use keyring_core::api::CredentialStoreApi;
    zbus_secret_service_keyring_store::Store::new()
        .expect("connect to the Secret Service to inspect the keyring")
        .build(service, user, None)
        .expect("build a keyring entry")
}

/// Reads the keyring entry directly, not through the vault: `None` when there is none.
pub fn keyring_secret(service: &str, user: &str) -> Option<Vec<u8>> {
    match keyring_entry(service, user).get_secret() {
        Ok(secret) => Some(secret),
        Err(keyring_core::Error::NoEntry) => None,
        Err(err) => panic!("reading the keyring failed: {err}"),
    }
}

pub fn keyring_set(service: &str, user: &str, secret: &str) {
    keyring_entry(service, user)
        .set_password(secret)
        .expect("write the keyring entry");
}

pub fn keyring_delete(service: &str, user: &str) -> bool {
    keyring_entry(service, user).delete_credential().is_ok()
}

fn child_command(mode: &str, env: &[(&str, String)]) -> Command {
    let exe = std::env::current_exe().expect("find the test binary");
    let mut command = Command::new(exe);
    command
        .args([
            "child::child_process_entry_point",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Runs this binary as a child in `mode`, waits, and returns what it reported.
pub fn run_child(mode: &str, env: &[(&str, String)]) -> Vec<String> {
    let output = child_command(mode, env)
        .output()
        .expect("run the test binary as a child");
    results(&output)
}

/// [`run_child`] in a new anonymous session keyring (`keyctl session -`), not linked to the
/// user keyring, as a systemd service runs with `KeyringMode=private`: the keys the child adds
/// to `@u` are not in its possession.
pub fn run_child_in_private_session(mode: &str, env: &[(&str, String)]) -> Vec<String> {
    in_private_session(mode, env, &[])
}

/// [`run_child_in_private_session`] with a session keyring its child may not write to (its
/// possessor's write permission taken away first): it cannot link the user keyring there.
pub fn run_child_in_read_only_private_session(mode: &str, env: &[(&str, String)]) -> Vec<String> {
    in_private_session(
        mode,
        env,
        &[
            "sh",
            "-c",
            r#"keyctl setperm @s 0x3b000000 && exec "$0" "$@""#,
        ],
    )
}

fn in_private_session(mode: &str, env: &[(&str, String)], wrapper: &[&str]) -> Vec<String> {
    let inner = child_command(mode, env);
    let mut command = Command::new("keyctl");
    command
        .args(["session", "-"])
        .args(wrapper)
        .arg(inner.get_program())
        .args(inner.get_args())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in inner.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    let output = command
        .output()
        .expect("keyctl must be installed (Debian package keyutils, scripts/deps.sh)");
    results(&output)
}

pub fn spawn_child(mode: &str, env: &[(&str, String)]) -> Child {
    child_command(mode, env)
        .spawn()
        .expect("spawn the test binary as a child")
}

/// The `VAULT-CHILD` lines of a child's output; panics with its output if it failed.
pub fn results(output: &Output) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() || output.status.code().is_none(),
        "the child process failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        // The harness may print `test … ... ` on the same line before our first report.
        .filter_map(|line| {
            line.find(RESULT_PREFIX)
                .map(|at| &line[at + RESULT_PREFIX.len()..])
        })
        .map(str::to_owned)
        .collect()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn path_exists(path: &PathBuf) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}
