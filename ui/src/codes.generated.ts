// Generated from crates/codes (Rust's `codes::Code`): do not edit.
// Regenerate with `GUICHET_REGENERATE=1 cargo test -p codes`.

/** A stable error code from Rust. */
export type ErrorCode =
  | "config_invalid"
  | "provider_unreachable"
  | "provider_invalid"
  | "port_in_use"
  | "listener_failed"
  | "timed_out"
  | "cancelled"
  | "browser_failed"
  | "access_denied"
  | "invalid_scope"
  | "provider_error"
  | "token_rejected"
  | "verification_failed"
  | "keyring_unavailable"
  | "keyring_locked"
  | "keyring_failed"
  | "session_tampered"
  | "storage_failed"
  | "payload_too_large"
  | "random_unavailable"
  | "session_unreadable"
  | "sandbox_failed"
  | "browser_closed"
  | "previous_fc_session"
  | "session_active"
  | "possible_reuse"
  | "usage"
  | "internal"
  | "busy"
  | "no_sign_in"
  | "pin_not_configured"
  | "pin_locked"
  | "pin_wrong"
  | "settings_closed";

/** Every code, in Rust's order. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "config_invalid",
  "provider_unreachable",
  "provider_invalid",
  "port_in_use",
  "listener_failed",
  "timed_out",
  "cancelled",
  "browser_failed",
  "access_denied",
  "invalid_scope",
  "provider_error",
  "token_rejected",
  "verification_failed",
  "keyring_unavailable",
  "keyring_locked",
  "keyring_failed",
  "session_tampered",
  "storage_failed",
  "payload_too_large",
  "random_unavailable",
  "session_unreadable",
  "sandbox_failed",
  "browser_closed",
  "previous_fc_session",
  "session_active",
  "possible_reuse",
  "usage",
  "internal",
  "busy",
  "no_sign_in",
  "pin_not_configured",
  "pin_locked",
  "pin_wrong",
  "settings_closed",
];
