//! Guichet's end-to-end suites, one test target (`cargo test -p guichet --test e2e`): the
//! `guichet` binary, the embedded FC+ sandbox, real HTTP on 127.0.0.1, a real Chromium clicking
//! through the sandbox's pages, a real gnome-keyring, the real window (tauri-driver +
//! WebKitWebDriver, the only suite that needs a display: `GUICHET_TEST_DISPLAY`).
//!
//! - `e2e`: the command line, the window, the kiosk's screen (openbox and cage), sessions;
//! - `faults`: one test, `faults_suite`, every fault case (scripts/test.sh runs it on its own);
//! - `through_gateway`: the production shape, kiosk → Guichet gateway → FC+;
//! - `support`: what they share (the machine, Chromium, the sandbox client, the window…).
//!
//! It is a test target of the `guichet` package (declared in `src-tauri/Cargo.toml`) so that
//! cargo builds the binary it runs (`CARGO_BIN_EXE_guichet`).

mod e2e;
mod faults;
mod support;
mod through_gateway;
