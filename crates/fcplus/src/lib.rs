//! FranceConnect+ relying party for Guichet: configuration, discovery cache, authorize URL,
//! loopback redirect listener, token exchange, JWE/JWS verification and the identity model.
//!
//! The sign-in is a chain of values that consume each other: [`RelyingParty::begin`] gives a
//! [`PendingSignIn`] (fresh `state` and `nonce`), the [`LoopbackListener`] turns the browser's
//! redirect into a [`Redirect`], and [`RelyingParty::complete`] consumes both into a
//! [`VerifiedSignIn`]. Nothing here depends on Tauri.
#![forbid(unsafe_code)]

pub mod acr;
pub mod authorize;
pub mod cache;
pub mod callback;
pub mod clock;
pub mod config;
pub mod discovery;
pub mod error;
pub mod identity;
pub mod jose;
pub mod jwks;
pub mod loopback;
pub mod page;
pub mod relying_party;
pub mod request;
pub mod sensitive;
pub mod token;
pub mod verify;

pub use acr::Acr;
pub use authorize::{PendingSignIn, SignInRequest, StoredSignIn};
pub use callback::{Expected, Redirect, RedirectKind};
pub use clock::{Clock, SystemClock};
pub use config::{ConfigError, ProviderConfig, RawConfig, TokenAuth};
pub use discovery::{Freshness, ProviderMetadata};
pub use error::SignInError;
pub use identity::{Identity, Origin, VerifiedIdentity};
pub use jose::{DecryptionKeys, JoseError};
pub use loopback::{Answer, CancelHandle, LoopbackError, LoopbackListener};
pub use page::{Page, PageLanguage};
pub use relying_party::{
    RelyingParty, RelyingPartyOptions, VerifiedSignIn, http_client, sign_in, sign_in_answering,
};
pub use sensitive::{PkceVerifier, Sensitive, SignedIdToken, State};
#[cfg(test)]
mod testing;
