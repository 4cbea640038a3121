//! Guichet's session lifecycle, shared by the CLI and the window: keep a verified session in
//! the vault, show it, end it (FC+ logout through the browser, then wipe every trace), the
//! idle policy, fresh private browser profiles for kiosks, and the audit trail.
#![forbid(unsafe_code)]

pub mod audit;
pub mod browser;
pub mod config;
pub mod idle;
pub mod lifecycle;
pub mod paths;
pub mod previous;
pub mod stored;

pub use audit::{AuditEvent, AuditLog};
pub use browser::{BrowserKind, BrowserMode, LaunchedBrowser};
pub use idle::{IdlePolicy, IdleState};
pub use lifecycle::{
    Current, EndReason, EndReport, RemoteLogout, SessionError, SessionStore, SkipReason, Suspicion,
};
pub use previous::PreviousSession;
pub use stored::StoredSession;
