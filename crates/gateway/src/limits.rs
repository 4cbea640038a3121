//! Per-kiosk rate limits on `/authorize` and `/token`: a token bucket per client and endpoint,
//! in each replica's memory (N replicas allow up to N times the rate; see DEPLOYMENT.md).
//! Only registered kiosk ids get a bucket, so the table cannot be grown by strangers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Which endpoint a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Authorize,
    Token,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of one replica.
#[derive(Debug)]
pub struct RateLimits {
    authorize_per_minute: u32,
    token_per_minute: u32,
    buckets: Mutex<HashMap<(Endpoint, String), Bucket>>,
}

impl RateLimits {
    pub fn new(authorize_per_minute: u32, token_per_minute: u32) -> Self {
        Self {
            authorize_per_minute,
            token_per_minute,
            buckets: Mutex::default(),
        }
    }

    /// Whether `client_id` may make one more request to `endpoint` now. A full bucket allows
    /// a burst of a minute's worth; it refills continuously.
    pub fn allow(&self, endpoint: Endpoint, client_id: &str) -> bool {
        self.allow_at(endpoint, client_id, Instant::now())
    }

    fn allow_at(&self, endpoint: Endpoint, client_id: &str, now: Instant) -> bool {
        let per_minute = f64::from(match endpoint {
            Endpoint::Authorize => self.authorize_per_minute,
            Endpoint::Token => self.token_per_minute,
        });
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets
            .entry((endpoint, client_id.to_owned()))
            .or_insert(Bucket {
                tokens: per_minute,
                at: now,
            });
        let refill = now.duration_since(bucket.at).as_secs_f64() * per_minute / 60.0;
        bucket.tokens = (bucket.tokens + refill).min(per_minute);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_beyond_the_limit_is_refused_then_refills() {
        let limits = RateLimits::new(3, 100);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limits.allow_at(Endpoint::Authorize, "k", t0));
        }
        assert!(
            !limits.allow_at(Endpoint::Authorize, "k", t0),
            "the 4th in a minute"
        );
        assert!(
            limits.allow_at(Endpoint::Authorize, "other", t0),
            "another kiosk has its own budget"
        );
        assert!(
            limits.allow_at(Endpoint::Token, "k", t0),
            "each endpoint has its own budget"
        );
        assert!(
            limits.allow_at(Endpoint::Authorize, "k", t0 + Duration::from_secs(20)),
            "20 s refill one request at 3 per minute"
        );
    }
}
