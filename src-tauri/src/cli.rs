//! Command-line arguments as written (`lib.rs` dispatches them).

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use counter::Env;

/// Sign people in with FranceConnect+ at a counter or a kiosk. Without a command, opens the
/// window.
#[derive(Debug, Parser)]
#[command(name = "guichet", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window (the default when no command is given).
    Window(WindowArgs),
    /// Sign a person in through the browser, keep the session, print the verified identity.
    Login(LoginArgs),
    /// Show, end or watch the current session.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Run the FC+ stand-in alone, for development.
    #[cfg(feature = "sandbox")]
    Sandbox(SandboxArgs),
    /// The staff PIN for the configuration file.
    #[command(subcommand)]
    Pin(PinCommand),
    /// The configuration in force.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the configuration Guichet will use, each value with the file it comes from
    /// (/etc/guichet/guichet.toml, then ~/.config/guichet/guichet.toml, then GUICHET_CONFIG,
    /// then --config), the settings screen's choices and the environment. Never the PIN.
    Show(ProviderArgs),
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Read a staff PIN (4 to 12 digits) on standard input and print the `[kiosk] staff_pin`
    /// line to paste: its Argon2id hash, never the PIN.
    Hash,
}

/// `--config` and `--env`, the same for every command that reaches a provider's session.
#[derive(Debug, Clone, clap::Args)]
pub struct ProviderArgs {
    /// Configuration file (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Provider environment: sandbox, direct or gateway (default: the one the file's
    /// `[provider]` section is for, else sandbox).
    #[arg(long, value_name = "ENV", value_parser = Env::parse_arg)]
    pub env: Option<Env>,
}

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub provider: ProviderArgs,
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
    /// End the session kept for the person signed in (FC+ logout included) before this
    /// sign-in; without it, a sign-in while a session is kept is refused.
    #[arg(long)]
    pub end_current: bool,
    /// Staff closed every browser window since the last session, whose FC+ logout did not
    /// complete: its FC+ session cannot be reused any more.
    #[arg(long)]
    pub browser_closed: bool,
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Print the current session (same JSON as login), or say there is none.
    Show {
        #[command(flatten)]
        provider: ProviderArgs,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Sign out of FC+ through the browser, then wipe every local trace of the person.
    End {
        #[command(flatten)]
        provider: ProviderArgs,
        /// Command that opens the logout page (default: as configured, else the system browser).
        #[arg(long, value_name = "CMD")]
        browser: Option<String>,
        /// Seconds to wait for FC+'s logout to come back.
        #[arg(long, value_name = "SECS", default_value_t = counter::provider::LOGOUT_TIMEOUT.as_secs())]
        timeout: u64,
    },
    /// Keep watch: end the session after the idle timeout (Enter on stdin counts as activity).
    Watch {
        #[command(flatten)]
        provider: ProviderArgs,
        /// Idle timeout in seconds (default: `[kiosk] idle_timeout_secs`, else 120).
        #[arg(long, value_name = "SECS")]
        idle_timeout: Option<u64>,
        /// Countdown before the end, in seconds (default: `[kiosk] idle_warning_secs`, else 30).
        #[arg(long, value_name = "SECS")]
        warning: Option<u64>,
        /// Command that opens the logout page.
        #[arg(long, value_name = "CMD")]
        browser: Option<String>,
    },
}

/// The window's options. Staff can change most settings from the window itself (behind the
/// PIN); what is given here wins over both the file and those settings.
#[derive(Debug, Clone, clap::Args)]
pub struct WindowArgs {
    /// Configuration file (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Provider environment: sandbox, direct or gateway (default: the one chosen in the
    /// settings, else the one the file's `[provider]` section is for, else sandbox).
    #[arg(long, value_name = "ENV", value_parser = Env::parse_arg)]
    pub env: Option<Env>,
    /// Start in kiosk mode (full screen, closed only with the staff PIN).
    #[arg(long)]
    pub kiosk: bool,
    /// Seconds to wait for the browser to come back from FC+.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub sign_in_timeout: u64,
}

impl Default for WindowArgs {
    fn default() -> Self {
        Self {
            config: None,
            env: None,
            kiosk: false,
            sign_in_timeout: 300,
        }
    }
}

#[cfg(feature = "sandbox")]
#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// Loopback port to listen on (0: any free port).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Clients to register (TOML, `[[client]]` tables).
    #[arg(long, value_name = "FILE")]
    pub clients: Option<PathBuf>,
}

#[cfg(test)]
mod manual;
