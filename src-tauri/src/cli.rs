//! Command-line arguments as written, and the dispatch to each command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::login;

/// Sign people in with FranceConnect+ at a counter or a kiosk.
#[derive(Debug, Parser)]
#[command(name = "guichet", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The provider environments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Env {
    /// The embedded FC+ stand-in, started in-process: no credentials needed.
    Sandbox,
    /// FC+'s integration platform, with the client registration from `--config`.
    Integration,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a person in through the browser and print the verified identity.
    Login(LoginArgs),
    /// Run the FC+ stand-in alone, for development.
    Sandbox(SandboxArgs),
}

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// Configuration file (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Provider environment.
    #[arg(long, value_enum, default_value = "sandbox")]
    pub env: Env,
    /// Sign in with an identity from another EU country (eIDAS).
    #[arg(long)]
    pub eidas: bool,
    /// Level of assurance: eidas2 (substantial) or eidas3 (high).
    #[arg(long, value_name = "LEVEL")]
    pub acr: Option<String>,
    /// Command that opens the URL; `{url}` is replaced by it, else it is appended.
    #[arg(long, value_name = "CMD")]
    pub browser: Option<String>,
    /// Seconds to wait for the browser to come back.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub timeout: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// Loopback port to listen on (0: any free port).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Clients to register (TOML, `[[client]]` tables).
    #[arg(long, value_name = "FILE")]
    pub clients: Option<PathBuf>,
}

/// Runs the command; the exit code tells scripts what happened.
pub async fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Login(args) => login::login(args).await,
        Command::Sandbox(args) => login::sandbox(args).await,
    }
}
