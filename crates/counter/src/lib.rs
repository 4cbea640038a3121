//! Guichet's application layer, shared by its two front ends (the command line and the
//! window): the provider environment (listener, in-process sandbox, relying party that
//! rediscovers, session store), the sign-in with its audit and clean-up, the end of a
//! session, the idle and expiry decision, the configuration with the staff's settings over
//! it, the staff PIN, and the messages staff read. The front ends only parse what they are
//! given, call in here once, and show the result.
//!
//! Modules, each using only those above it: `env`, `messages`, `pin`, `idle`, `store`,
//! `environment`, `settings`, `provider`, `kept` (the command line's end of a kept session),
//! `sign_in`, `window` (the window's logic, without a window).
#![forbid(unsafe_code)]

pub mod env;
pub mod environment;
pub mod idle;
pub mod kept;
pub mod messages;
pub mod pin;
pub mod provider;
pub mod reading;
pub mod settings;
pub mod sign_in;
pub mod stand_in;
pub mod store;
pub mod window;

#[cfg(test)]
mod canaries;

pub use env::{Env, INTEGRATION_RENAMED};
pub use idle::Due;
pub use messages::{Failure, Language, hint};
pub use provider::Provider;
pub use settings::{Overrides, Saved, Settings};
pub use sign_in::{Held, Outcome, Page, Request, Verified};
