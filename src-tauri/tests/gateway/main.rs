//! End-to-end through the production shape: the `guichet` binary (`--env gateway`) → the
//! Guichet gateway (in this process, real HTTP on loopback) → the sandbox FC+, with a real
//! headless Chromium clicking through FC+'s pages. The gateway's own refusals (PKCE, reused
//! codes, redirect URIs, unknown kiosks) are tested over HTTP in `crates/gateway/tests`.

// The e2e helpers are shared read-only; this target uses only some of them.
#![allow(dead_code)]

#[path = "../e2e/browser.rs"]
mod browser;
#[path = "../e2e/cli.rs"]
mod cli;
mod office;
mod sign_in;
