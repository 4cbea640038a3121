//! End-to-end through the production shape: the `guichet` binary (`--env gateway`) → the
//! Guichet gateway (in this process, real HTTP on loopback) → the sandbox FC+, with a real
//! headless Chromium clicking through FC+'s pages. The gateway's own refusals (PKCE, reused
//! codes, redirect URIs, unknown kiosks) are tested over HTTP in `crates/gateway/tests`.

mod office;
mod sign_in;
