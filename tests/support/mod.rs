//! What the suites share: the machine a test runs Guichet on (`cli`), Chromium and WebDriver
//! (`browser`), the sandbox's clients and identity providers (`fixtures`), a private
//! Secret Service and the kernel keyring (`keyring`), the real window (`window`), and a screen
//! of its own with a window manager (`screen`).

pub mod browser;
pub mod cli;
pub mod fixtures;
pub mod keyring;
pub mod screen;
pub mod window;
