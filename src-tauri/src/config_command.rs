//! `guichet config show`: the configuration in force, value by value, with the file each one
//! comes from (the system's, the user's, `GUICHET_CONFIG`, `--config`), then the settings
//! screen's choices, which win over the files, and the environment that results. The staff
//! PIN is never printed, not even its hash.
#![allow(clippy::print_stdout)] // This module's output is the command's.

use std::process::ExitCode;

use codes::Word;
use counter::environment::resolve_env;
use counter::{Failure, Language, Saved};
use session::config::RawAppConfig;
use session::paths::Folders;

use crate::cli::ProviderArgs;

/// Keys whose value is never printed.
const HIDDEN: &[&str] = &["staff_pin"];

pub fn show(provider: &ProviderArgs) -> Result<ExitCode, Failure> {
    let lang = Language::from_env();
    let layered =
        RawAppConfig::read_layered(provider.config.as_deref()).map_err(Failure::from_config)?;
    print!("{}", render(&layered, lang));
    let saved = Saved::path(&Folders::from_env());
    if let Ok(text) = std::fs::read_to_string(&saved) {
        let path = saved.display().to_string();
        println!("\n{}", Word::ConfigSaved.fill(lang, &[("path", &path)]));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            println!("# {line}");
        }
    }
    let env = resolve_env(provider.env, &layered.raw)?;
    println!(
        "\n{}",
        Word::ConfigEnvironment.fill(lang, &[("env", env.name())])
    );
    if env == counter::Env::Sandbox && !cfg!(feature = "sandbox") {
        println!("{}", Word::ConfigNoSandbox.text(lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The files read, then each section's values with the file that set them.
fn render(layered: &session::config::Layered, lang: Language) -> String {
    let mut text = format!("{}\n", Word::ConfigFiles.text(lang));
    if layered.files.is_empty() {
        text.push_str(&format!("#   {}\n", Word::ConfigNoFile.text(lang)));
    }
    for file in &layered.files {
        text.push_str(&format!("#   {}\n", file.display()));
    }
    for (section, value) in &layered.table {
        let toml::Value::Table(table) = value else {
            continue;
        };
        text.push_str(&format!("\n[{section}]\n"));
        for (key, value) in table {
            let name = format!("{section}.{key}");
            let shown = if HIDDEN.contains(&key.as_str()) {
                Word::ConfigHidden.text(lang).to_owned()
            } else {
                value.to_string()
            };
            let origin = layered
                .origins
                .get(&name)
                .map(|path| path.display().to_string())
                .unwrap_or_default();
            text.push_str(&format!("{key} = {shown}  # {origin}\n"));
        }
    }
    text
}
