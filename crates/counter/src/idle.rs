//! When a kept session must end by itself: its lifetime is over (an expiry), or nobody used
//! the counter for the idle timeout. The one decision behind `guichet session watch` and the
//! window's tick. Pure: the caller passes the times.

use std::time::{Duration, Instant};

use session::{EndReason, IdlePolicy, IdleState};
use time::OffsetDateTime;

/// What a kept session is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Nothing yet.
    Keep,
    /// The countdown: it ends in `remaining` unless someone uses the counter.
    Warn { remaining: Duration },
    /// End it now, for this reason.
    End(EndReason),
}

/// The session last used at `last_activity` and valid until `expires_at`. An expiry wins over
/// the idle timeout: it is the reason recorded when both are reached.
pub fn due(
    policy: &IdlePolicy,
    last_activity: Instant,
    now: Instant,
    expires_at: OffsetDateTime,
    now_utc: OffsetDateTime,
) -> Due {
    if now_utc >= expires_at {
        return Due::End(EndReason::Expired);
    }
    match policy.state(last_activity, now) {
        IdleState::Expired => Due::End(EndReason::Idle),
        IdleState::Warning { remaining } => Due::Warn { remaining },
        IdleState::Active => Due::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expiry_wins_over_idleness_and_idleness_counts_down_first() {
        let policy = IdlePolicy::new(Duration::from_secs(120), Duration::from_secs(30));
        let start = Instant::now();
        let now_utc = OffsetDateTime::now_utc();
        let later = now_utc + time::Duration::hours(1);
        let at = |secs| start + Duration::from_secs(secs);
        assert_eq!(due(&policy, start, at(10), later, now_utc), Due::Keep);
        assert_eq!(
            due(&policy, start, at(100), later, now_utc),
            Due::Warn {
                remaining: Duration::from_secs(20)
            }
        );
        assert_eq!(
            due(&policy, start, at(120), later, now_utc),
            Due::End(EndReason::Idle)
        );
        assert_eq!(
            due(&policy, start, at(10), now_utc, now_utc),
            Due::End(EndReason::Expired),
            "past its lifetime, even in use"
        );
        assert_eq!(
            due(&policy, start, at(500), now_utc, now_utc),
            Due::End(EndReason::Expired),
            "both: the expiry is the reason"
        );
    }
}
