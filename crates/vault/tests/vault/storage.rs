//! A data folder that cannot be written gives a `Storage` error that names it.

use std::path::Path;

use time::OffsetDateTime;
use vault::{Loaded, Vault, VaultError};

use crate::helpers::{TestVault, config, in_one_hour, keyring_delete};

/// Makes `dir` unwritable. As root, permission bits do not stop writes, so then the data
/// folder is instead placed under a regular file, where no folder can be created.
fn unwritable_data_dir(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let locked = dir.join("read-only");
    std::fs::create_dir(&locked).expect("create the folder to lock");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).expect("chmod 0500");
    let probe = locked.join("probe");
    if std::fs::write(&probe, b"").is_err() {
        return locked;
    }
    // Running as root (CAP_DAC_OVERRIDE): chmod does not stop us; use the file trick.
    std::fs::remove_file(&probe).expect("remove the probe");
    let blocker = dir.join("a-regular-file");
    std::fs::write(&blocker, b"not a folder").expect("create the blocking file");
    blocker.join("data")
}

#[test]
fn unwritable_data_folder_is_a_storage_error_naming_it() {
    let t = TestVault::new("read-only");
    let data_dir = unwritable_data_dir(t.dir.path());
    let vault = Vault::new(config(&data_dir, &t.service, &t.binding));

    let err = vault
        .store(b"session", in_one_hour())
        .expect_err("a store into an unwritable folder must fail");
    match &err {
        VaultError::Storage { path, .. } => {
            assert_eq!(path, &data_dir, "the error names the data folder")
        }
        other => panic!("expected a Storage error, got {other:?}"),
    }
    assert_eq!(err.code(), codes::Code::StorageFailed);
    let message = err.to_string();
    assert!(
        message.contains(&data_dir.display().to_string())
            && message.contains("writable")
            && message.contains("free space"),
        "the message names the folder and says what to check: {message}"
    );
    assert!(
        matches!(vault.load(OffsetDateTime::now_utc()), Ok(Loaded::Nothing)),
        "nothing was stored"
    );
    vault
        .wipe()
        .expect("wipe succeeds even though the folder cannot exist");
    keyring_delete(&t.service, &t.binding);
}
