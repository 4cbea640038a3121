//! Guichet, the desktop and kiosk app: the Tauri window (`guichet`, `guichet window`) and
//! the command line (`guichet login`, `guichet session …`, `guichet sandbox`), both over the
//! library crates.

mod cli;
mod environment;
mod login;
mod messages;
mod output;
mod sandbox_command;
mod session_commands;
mod store;
pub mod window;

pub use cli::{Env, WindowArgs};
pub use messages::{Language, hint};

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
    runtime.block_on(cli::dispatch(command))
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
