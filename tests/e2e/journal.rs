//! Logs in the journal, as under systemd: a real systemd-journald of the test's own, in a
//! private mount namespace (`unshare -m`: its sockets and its runtime journal on tmpfs, gone
//! with the namespace), Guichet told to log there (`GUICHET_LOG_TO=journald`, what
//! `JOURNAL_STREAM` does under a unit), a whole eIDAS sign-in at debug level, then the journal
//! read back with `journalctl`: Guichet's events are there with their fields, and none of the
//! person's data.

use serde_json::Value;

use crate::support::browser::Chromium;
use crate::support::cli::{Machine, finish};

/// Runs its arguments with a journald of its own, then writes the journal as JSON lines to $1.
const WITH_JOURNALD: &str = r#"
set -e
out="$1"; shift
mkdir -p /run/systemd /run/log
mount -t tmpfs tmpfs /run/systemd
mount -t tmpfs tmpfs /run/log
if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
/lib/systemd/systemd-journald &
journald=$!
for _ in $(seq 100); do [ -S /run/systemd/journal/socket ] && break; sleep 0.05; done
set +e
"$@"
code=$?
journalctl --no-pager --directory /run/log/journal --output json > "$out"
kill "$journald"
exit "$code"
"#;

/// What a person's eIDAS identity in the sandbox holds (Erika Mustermann, born in Berlin).
const CANARIES: [&str; 4] = ["Mustermann", "Erika", "1964-08-12", "Berlin"];

#[tokio::test]
async fn guichet_logs_to_the_journal_with_its_fields_and_no_personal_data() {
    let machine = Machine::new();
    let chromium = Chromium::new();
    let script = machine.dir.path().join("with-journald.sh");
    std::fs::write(&script, WITH_JOURNALD).unwrap();
    let journal = machine.dir.path().join("journal.json");
    let mut command = machine.running("unshare");
    command
        .args(["--mount", "--propagation", "private", "sh"])
        .arg(&script)
        .arg(&journal)
        .arg(env!("CARGO_BIN_EXE_guichet"))
        .args(["login", "--eidas", "--json", "--timeout", "90", "--browser"])
        .arg(chromium.command())
        .env("GUICHET_LOG_TO", "journald")
        .env("GUICHET_LOG", "debug");
    let child = command
        .spawn()
        .expect("unshare (util-linux) and systemd-journald (systemd) are installed");
    let driver = chromium.attach().await;
    for id in ["country-DE", "identity-erika", "consent-button"] {
        driver.click(id).await;
    }
    driver.landing().await;
    driver.close().await;
    let output = finish(child).await;
    assert!(
        output.status.success(),
        "{:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let identity: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        identity["family_name"], "Mustermann",
        "the sign-in went through"
    );

    let text = std::fs::read_to_string(&journal).expect("journalctl wrote the journal");
    let guichet: Vec<Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|entry| entry["SYSLOG_IDENTIFIER"] == "guichet")
        .collect();
    let shown: Vec<String> = guichet.iter().map(Value::to_string).collect();
    let shown = shown.join("\n");
    assert!(
        guichet.len() >= 3,
        "Guichet's events are in the journal: {} of them:\n{shown}",
        guichet.len()
    );
    assert!(
        ["sign_in_started", "sign_in_verified"]
            .iter()
            .all(|event| guichet.iter().any(|entry| entry["F_EVENT"] == *event)),
        "with their fields (tracing-journald writes `event` as F_EVENT):\n{shown}"
    );
    for canary in CANARIES {
        assert!(
            !text.contains(canary),
            "{canary} is in the journal:\n{shown}"
        );
    }
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("event="),
        "the logs went to the journal, not to stderr"
    );
}
