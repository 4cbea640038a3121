//! Exit codes of the command line, so scripts can branch without parsing text.

/// The process exit code for an error code, so scripts can branch without parsing text.
pub fn exit_code(code: &str) -> u8 {
    match code {
        "cancelled" | "access_denied" | "browser_closed" => 3,
        "timed_out" => 4,
        "provider_unreachable" | "provider_invalid" | "provider_error" | "invalid_scope" => 5,
        "verification_failed" | "token_rejected" => 6,
        "config_invalid" | "usage" | "port_in_use" | "listener_failed" | "browser_failed" => 7,
        "previous_fc_session" => 12,
        "session_active" => 13,
        "possible_reuse" => 14,
        "keyring_unavailable"
        | "keyring_locked"
        | "storage_failed"
        | "session_tampered"
        | "session_unreadable" => 8,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellations_and_timeouts_have_their_own_exit_codes() {
        assert_eq!(exit_code("access_denied"), 3);
        assert_eq!(exit_code("timed_out"), 4);
        assert_ne!(
            exit_code("verification_failed"),
            exit_code("provider_unreachable")
        );
    }
}
