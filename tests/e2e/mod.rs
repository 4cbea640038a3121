//! The command line, the window, the kiosk's screen and sessions, end to end.

mod builder;
mod cage;
mod config;
mod direct_env;
mod journal;
mod lockdown;
mod login;
mod logout;
mod pin;
mod sandbox_rules;
mod screen;
mod session;
mod window;
