//! End-to-end tests: the `guichet` binary, the embedded FC+ sandbox, real HTTP on 127.0.0.1,
//! and a real headless Chromium clicking through the sandbox's pages.

mod browser;
mod builder;
mod cage;
mod cli;
mod direct_env;
mod fixtures;
mod keyring;
mod lockdown;
mod login;
mod logout;
mod sandbox_rules;
mod screen;
mod session;
mod window;
