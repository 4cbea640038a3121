//! `guichet pin hash`: the staff PIN typed on standard input, its Argon2id line printed.

use std::process::Stdio;

use tokio::io::AsyncWriteExt as _;

use crate::support::cli::guichet;

async fn pin_hash(input: &str) -> std::process::Output {
    let mut child = guichet()
        .args(["pin", "hash"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guichet starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .await
        .unwrap();
    child.wait_with_output().await.unwrap()
}

/// The line to paste holds the hash, never the PIN; a PIN that is not 4 to 12 digits is
/// refused with exit 7 and nothing on stdout.
#[tokio::test]
async fn pin_hash_prints_the_line_to_paste_and_never_the_pin() {
    let output = pin_hash("97531\n").await;
    assert!(output.status.success(), "{output:?}");
    let line = String::from_utf8(output.stdout).unwrap();
    assert!(line.starts_with("staff_pin = \"$argon2id$v=19$"), "{line}");
    assert!(!line.contains("97531"), "{line}");
    let refused = pin_hash("12a4\n").await;
    assert_eq!(refused.status.code(), Some(7));
    assert!(refused.stdout.is_empty());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("4 to 12 digits") && !said.contains("12a4"),
        "{said}"
    );
}
