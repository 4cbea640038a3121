//! Guichet, the desktop and kiosk app: for now the command line (`guichet login`,
//! `guichet session …`, `guichet sandbox`) over the library crates. The Tauri window will
//! live here too.

mod cli;
mod environment;
mod login;
mod messages;
mod output;
mod sandbox_command;
mod session_commands;
mod store;

pub use messages::{Language, hint};

use std::process::ExitCode;

use clap::Parser as _;

/// Parses the command line, runs it, and prints the whole error once.
pub fn run() -> ExitCode {
    let args = cli::Cli::parse();
    init_logging();
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
    runtime.block_on(cli::dispatch(args))
}

/// Logs go to stderr and carry event names and codes only; `GUICHET_LOG` sets the filter
/// (e.g. `GUICHET_LOG=debug`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("GUICHET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
