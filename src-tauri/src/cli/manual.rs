//! The man pages and shell completions of `guichet` and `guichet-gateway`, generated from
//! their clap definitions and committed under `packaging/` (the packages install them; see
//! `scripts/package.sh`). A change to either command line fails here until they are written
//! again: `GUICHET_REGENERATE=1 cargo test -p guichet --lib manual`.

use clap::CommandFactory;
use clap_complete::Shell;

const REGENERATE: &str = "cargo test -p guichet --lib manual";

/// `guichet` as the packages build it: without the sandbox (`--no-default-features`).
fn packaged_guichet() -> clap::Command {
    let command = super::Cli::command();
    #[cfg(feature = "sandbox")]
    let command = command.mut_subcommand("sandbox", |sandbox| sandbox.hide(true));
    command
}

fn programs() -> [(&'static str, clap::Command); 2] {
    [
        ("guichet", packaged_guichet()),
        ("guichet-gateway", gateway::cli::Cli::command()),
    ]
}

/// One page per command and subcommand (`guichet-session-end.1`), as `man guichet-login`
/// finds them; no page for hidden commands.
#[test]
fn the_man_pages_are_the_command_lines() {
    let mut expected = Vec::new();
    for (_, command) in programs() {
        let folder = tempfile::tempdir().unwrap();
        clap_mangen::generate_to(command, folder.path()).unwrap();
        for entry in std::fs::read_dir(folder.path()).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !name.contains("sandbox"),
                "the packaged guichet has no {name}"
            );
            let page = std::fs::read_to_string(&path).unwrap();
            codes::generated::assert_current(&format!("packaging/man/{name}"), &page, REGENERATE);
            expected.push(name);
        }
    }
    assert!(expected.iter().any(|n| n == "guichet-login.1"));
    assert!(
        expected
            .iter()
            .any(|n| n == "guichet-gateway-check-config.1")
    );
    let committed = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../packaging/man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    for name in committed {
        assert!(
            expected.contains(&name),
            "packaging/man/{name} is no command's page any more: remove it"
        );
    }
}

/// Bash, zsh and fish completions, where each shell's package looks for them.
#[test]
fn the_completions_are_the_command_lines() {
    for (name, mut command) in programs() {
        for (shell, file) in [
            (Shell::Bash, name.to_owned()),
            (Shell::Zsh, format!("_{name}")),
            (Shell::Fish, format!("{name}.fish")),
        ] {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, name, &mut script);
            let script = String::from_utf8(script).unwrap();
            assert!(script.contains("check-config") || name != "guichet-gateway");
            codes::generated::assert_current(
                &format!("packaging/completions/{file}"),
                &script,
                REGENERATE,
            );
        }
    }
}
