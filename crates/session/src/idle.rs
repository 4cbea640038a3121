//! The kiosk idle policy: after `timeout` without activity the session ends; during the last
//! `warning` of it the person is warned with a countdown. Pure: the caller passes the time.

use std::time::{Duration, Instant};

/// How long a session may sit unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdlePolicy {
    pub timeout: Duration,
    /// The countdown shown before the end; never longer than `timeout`.
    pub warning: Duration,
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleState {
    Active,
    /// Ending in `remaining` unless someone touches the app.
    Warning {
        remaining: Duration,
    },
    /// Time is up: end the session.
    Expired,
}

impl IdlePolicy {
    /// A policy; the warning is clamped to the timeout.
    pub fn new(timeout: Duration, warning: Duration) -> Self {
        Self {
            timeout,
            warning: warning.min(timeout),
        }
    }

    /// The state at `now` for a session last used at `last_activity`.
    pub fn state(&self, last_activity: Instant, now: Instant) -> IdleState {
        let idle = now.saturating_duration_since(last_activity);
        if idle >= self.timeout {
            IdleState::Expired
        } else if idle >= self.timeout - self.warning {
            IdleState::Warning {
                remaining: self.timeout - idle,
            }
        } else {
            IdleState::Active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_then_warning_then_expired() {
        let policy = IdlePolicy::new(Duration::from_secs(120), Duration::from_secs(30));
        let start = Instant::now();
        assert_eq!(
            policy.state(start, start + Duration::from_secs(89)),
            IdleState::Active
        );
        assert_eq!(
            policy.state(start, start + Duration::from_secs(100)),
            IdleState::Warning {
                remaining: Duration::from_secs(20)
            }
        );
        assert_eq!(
            policy.state(start, start + Duration::from_secs(120)),
            IdleState::Expired
        );
    }

    #[test]
    fn activity_resets_the_countdown() {
        let policy = IdlePolicy::new(Duration::from_secs(60), Duration::from_secs(10));
        let start = Instant::now();
        let touched = start + Duration::from_secs(55);
        assert!(matches!(
            policy.state(start, touched),
            IdleState::Warning { .. }
        ));
        assert_eq!(
            policy.state(touched, touched + Duration::from_secs(30)),
            IdleState::Active
        );
    }

    #[test]
    fn a_warning_longer_than_the_timeout_is_clamped() {
        let policy = IdlePolicy::new(Duration::from_secs(5), Duration::from_secs(60));
        assert_eq!(policy.warning, Duration::from_secs(5));
    }
}
