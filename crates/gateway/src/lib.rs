//! The Guichet gateway: the one registered FranceConnect+ client of a public office, and a
//! standard OpenID provider to its kiosks, which sign in through it as native public clients
//! (RFC 8252: PKCE S256, loopback redirect on any port).
//!
//! Toward FC+ everything goes through `fcplus` (confidential client, JWE decryption, ES256
//! verification, claim checks); toward kiosks the gateway signs its own ES256 ID token with
//! FC+'s verified claims, `acr`, `amr` and `origin`. Pending sign-ins, codes and the FC+ ID
//! tokens kept for logout live in memory, or in Redis so that any replica can finish a
//! sign-in another one started.
#![forbid(unsafe_code)]

pub mod authorize;
pub mod callback;
pub mod cli;
pub mod config;
pub mod discovery;
pub mod keys;
pub mod limits;
pub mod logout;
pub mod pages;
pub mod params;
pub mod records;
pub mod server;
pub mod store;
pub mod token;

use std::collections::BTreeSet;
use std::time::Duration;

use fcplus::RelyingParty;
use url::Url;

pub use config::{GatewayConfig, GatewayConfigError, RawGatewayConfig};
pub use server::{RunningGateway, StartError, start};

/// Everything a request handler needs, shared by all of them.
#[derive(Debug)]
pub struct App {
    /// `public_url` without a trailing slash.
    pub issuer: String,
    pub public_url: Url,
    /// The FC+ client.
    pub rp: RelyingParty,
    pub signing: keys::SigningKeys,
    pub store: store::Store,
    pub limits: limits::RateLimits,
    pub logout_window: Duration,
    pub kiosks: BTreeSet<String>,
}
