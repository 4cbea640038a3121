//! The configuration's layers as an administrator uses them: `/etc/guichet/guichet.toml`, then
//! the user's `~/.config/guichet/guichet.toml`, then `GUICHET_CONFIG`, then `--config`, each
//! value overriding the one before; `guichet config show` says which file each value comes
//! from and never prints the staff PIN; a malformed file is named with its line and key.

use crate::support::cli::Machine;
use crate::support::window::hashed_pin;

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn config_show_names_the_file_of_each_value_and_never_the_pin() {
    let machine = Machine::new();
    let pin = hashed_pin();
    write(
        &machine.system_config(),
        &format!(
            "[operator]\nname = \"Mairie de Villeneuve\"\naccessibility = \"partial\"\n\n\
             [kiosk]\nidle_timeout_secs = 300\nstaff_pin = \"{pin}\"\n"
        ),
    );
    write(&machine.user_config(), "[kiosk]\nidle_timeout_secs = 90\n");
    let explicit = machine.dir.path().join("explicit.toml");
    write(
        &explicit,
        "[operator]\ncontact = \"accueil@villeneuve.example\"\n",
    );

    let output = machine
        .guichet()
        .args(["config", "show", "--config"])
        .arg(&explicit)
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let shown = String::from_utf8(output.stdout).unwrap();
    let (system, user, explicit) = (
        machine.system_config().display().to_string(),
        machine.user_config().display().to_string(),
        explicit.display().to_string(),
    );
    let files = [&system, &user, &explicit].map(|f| shown.find(f.as_str()).unwrap());
    assert!(
        files[0] < files[1] && files[1] < files[2],
        "lowest priority first: {shown}"
    );
    for line in [
        format!("name = \"Mairie de Villeneuve\"  # {system}"),
        format!("accessibility = \"partial\"  # {system}"),
        format!("idle_timeout_secs = 90  # {user}"),
        format!("contact = \"accueil@villeneuve.example\"  # {explicit}"),
        format!("staff_pin = \"(set, not shown)\"  # {system}"),
        "# Environment: sandbox".to_owned(),
    ] {
        assert!(shown.contains(&line), "{line:?} in {shown}");
    }
    assert!(!shown.contains("argon2"), "never the PIN's hash: {shown}");

    // A key misspelt in the user's file: that file, its line and the key, exit 7.
    write(
        &machine.user_config(),
        "[kiosk]\nidle_timeout_secs = 90\nstafpin = \"1234\"\n",
    );
    let refused = machine
        .guichet()
        .args(["config", "show"])
        .output()
        .await
        .unwrap();
    assert_eq!(refused.status.code(), Some(7), "{refused:?}");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains(&user) && said.contains("line 3") && said.contains("stafpin"),
        "{said}"
    );
}

/// The window reads the same layers: the system file's operator shows in its footer.
#[tokio::test]
async fn the_window_reads_the_system_file() {
    let machine = Machine::new();
    write(
        &machine.system_config(),
        "[operator]\nname = \"Préfecture de l'Exemple\"\n",
    );
    let window = crate::support::window::Window::sandbox(&machine, "", &[]).await;
    assert_eq!(
        window.text("footer-operator").await,
        "Service proposé par Préfecture de l'Exemple"
    );
}
