//! Guichet, the desktop and kiosk app: the Tauri window (`guichet`, `guichet window`) and
//! the command line (`guichet login`, `guichet session …`, `guichet sandbox`), both over the
//! application layer (`counter`).

mod cli;
mod config_command;
mod login;
mod output;
#[cfg(feature = "sandbox")]
mod sandbox_command;
mod session_commands;
pub mod window;

pub use cli::WindowArgs;
pub use counter::{Env, Language, hint};

use std::process::ExitCode;

use clap::Parser as _;

/// Parses the command line, runs it, and prints the whole error once. Without a command,
/// opens the window.
pub fn run() -> ExitCode {
    window::mark_start();
    let args = cli::Cli::parse();
    init_logging();
    let command = match args.command {
        None => return window::run(cli::WindowArgs::default()),
        Some(cli::Command::Window(args)) => return window::run(args),
        Some(command) => command,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("guichet: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(dispatch(command))
}

/// Runs a command-line command; the exit code tells scripts what happened.
async fn dispatch(command: cli::Command) -> ExitCode {
    match command {
        cli::Command::Login(args) => login::login(args).await,
        cli::Command::Session(command) => session_commands::run(command).await,
        #[cfg(feature = "sandbox")]
        cli::Command::Sandbox(args) => sandbox_command::sandbox(args).await,
        cli::Command::Pin(cli::PinCommand::Hash) => pin_hash(),
        cli::Command::Config(cli::ConfigCommand::Show(args)) => config_command::show(&args)
            .unwrap_or_else(|failure| {
                eprintln!("guichet: {}", failure.line(counter::Language::from_env()));
                ExitCode::from(failure.code.exit_code())
            }),
        cli::Command::Window(_) => {
            unreachable!(
                "`guichet::run` opens the window on Tauri's event loop, before any runtime"
            )
        }
    }
}

/// `guichet pin hash`: one line of standard input in, the configuration line out.
#[allow(clippy::print_stdout)] // The line to paste is the command's output.
fn pin_hash() -> ExitCode {
    let lang = counter::Language::from_env();
    let mut line = String::new();
    if let Err(e) = std::io::stdin().read_line(&mut line) {
        eprintln!("guichet: cannot read the PIN on standard input: {e}");
        return ExitCode::from(7);
    }
    match session::config::StaffPin::hash(line.trim_end_matches(['\r', '\n'])) {
        Ok(hash) => {
            println!("staff_pin = \"{hash}\"");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let failure = counter::Failure::from_config(e);
            eprintln!("guichet: {}", failure.line(lang));
            ExitCode::from(failure.code.exit_code())
        }
    }
}

/// Logs carry event names and codes only; `GUICHET_LOG` sets the filter (e.g.
/// `GUICHET_LOG=debug`). What the libraries log through `log` (keyring-core, tauri, wry) comes
/// in too (`tracing-log`), except the HTTP stack's own debug lines, which may carry addresses
/// and headers: those stay at warnings whatever the filter says. They go to the journal when
/// systemd connected stderr to it (`JOURNAL_STREAM` names stderr) or `GUICHET_LOG_TO=journald`
/// says so, with their fields and priorities; else to stderr, in colour only on a terminal and
/// never with `NO_COLOR` set (https://no-color.org).
fn init_logging() {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("GUICHET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    for quiet in [
        "hyper=warn",
        "hyper_util=warn",
        "reqwest=warn",
        "h2=warn",
        "rustls=warn",
    ] {
        if let Ok(directive) = quiet.parse() {
            filter = filter.add_directive(directive);
        }
    }
    if logs_to_journal() {
        match tracing_journald::layer() {
            Ok(journal) => {
                let journal = journal.with_syslog_identifier("guichet".into());
                let _ = tracing_subscriber::registry()
                    .with(filter)
                    .with(journal)
                    .try_init();
                return;
            }
            Err(e) => eprintln!("guichet: the journal is not reachable ({e}): logging to stderr"),
        }
    }
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(colour)
        .try_init();
}

/// Whether logs go to the journal: `GUICHET_LOG_TO` when set (`journald` or `stderr`), else
/// whether `JOURNAL_STREAM` (`device:inode`, set by systemd) names this process's stderr.
fn logs_to_journal() -> bool {
    match std::env::var("GUICHET_LOG_TO").as_deref() {
        Ok("journald") => return true,
        Ok("stderr") => return false,
        _ => {}
    }
    let Ok(stream) = std::env::var("JOURNAL_STREAM") else {
        return false;
    };
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self/fd/2")
        .is_ok_and(|stderr| names_stream(&stream, stderr.dev(), stderr.ino()))
}

/// Whether `JOURNAL_STREAM`'s `device:inode` is this (device, inode).
fn names_stream(journal_stream: &str, dev: u64, ino: u64) -> bool {
    journal_stream
        .split_once(':')
        .and_then(|(d, i)| Some((d.parse::<u64>().ok()?, i.parse::<u64>().ok()?)))
        == Some((dev, ino))
}

#[cfg(test)]
mod tests {
    use super::names_stream;

    #[test]
    fn journal_stream_names_stderr_only_when_both_numbers_match() {
        assert!(names_stream("8:1234", 8, 1234));
        assert!(!names_stream("8:1234", 8, 1235));
        assert!(!names_stream("9:1234", 8, 1234));
        assert!(!names_stream("garbage", 8, 1234));
        assert!(!names_stream("", 0, 0));
    }
}
