//! `guichet-gateway`'s command line as written (`main.rs` runs it; its man page and shell
//! completions are generated from it).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The Guichet gateway: FranceConnect+ client of the office, OpenID provider to its kiosks.
#[derive(Debug, Parser)]
#[command(name = "guichet-gateway", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve until SIGTERM or Ctrl-C.
    Serve(ConfigFile),
    /// Write a new private key set (JWKS, mode 0600): `sig` for ID tokens, `enc` for FC+.
    Keygen {
        /// `sig` (the gateway's ID-token key) or `enc` (the key FC+ encrypts to).
        #[arg(long = "use", value_name = "USE")]
        key_use: String,
        /// The file to write; an existing file gets the new key first (rotation).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check the configuration, its keys and its secret without serving: print what the
    /// gateway would run with (never the secret), or the one thing to fix (exit 2).
    CheckConfig(ConfigFile),
    /// Print what to register at FC+ (redirect URIs, JWKS URL, public keys) as a sandbox
    /// `[[client]]` table (`guichet sandbox --clients FILE` reads it).
    Registration {
        #[command(flatten)]
        file: ConfigFile,
        /// Also print the client secret (only for the local sandbox: FC+ issues its own).
        #[arg(long)]
        include_secret: bool,
    },
}

/// `--config`, as each command that reads the configuration takes it.
#[derive(Debug, Args)]
pub struct ConfigFile {
    /// The configuration file (TOML; the package installs /etc/guichet-gateway/gateway.toml).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
}
