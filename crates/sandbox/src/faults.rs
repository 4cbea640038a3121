//! Fault injection: the stand-in answers late, answers 5xx, goes off the network, or runs on
//! a skewed clock, the way a real FC+ (or the network to it) fails. Unlike a [`Scenario`]
//! of the adversary mode, a fault is not hostile: it is an outage, set for the whole provider.
//!
//! [`Scenario`]: crate::Scenario

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Notify;

use crate::web::{self, ISSUER_PATH};

/// An endpoint a fault can hit.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `/.well-known/openid-configuration`.
    Discovery,
    /// `/jwks`.
    Jwks,
    /// `/token`.
    Token,
    /// `/userinfo`.
    Userinfo,
    /// `/session/end` (RP-initiated logout).
    EndSession,
    /// The consent form's POST, which redirects the browser back to the client with a code.
    Consent,
}

impl Endpoint {
    /// The endpoint a request is for, if it is one of those above.
    fn of(method: &Method, path: &str) -> Option<Endpoint> {
        let rest = path.strip_prefix(ISSUER_PATH)?;
        match rest {
            "/.well-known/openid-configuration" => Some(Endpoint::Discovery),
            "/jwks" => Some(Endpoint::Jwks),
            "/token" => Some(Endpoint::Token),
            "/userinfo" => Some(Endpoint::Userinfo),
            "/session/end" => Some(Endpoint::EndSession),
            _ if *method == Method::POST
                && rest.starts_with("/interaction/")
                && rest.ends_with("/consent") =>
            {
                Some(Endpoint::Consent)
            }
            _ => None,
        }
    }
}

/// What goes wrong at an endpoint.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The answer comes this much later (an overloaded provider).
    Delay(Duration),
    /// The endpoint answers this HTTP status (5xx: the provider is failing) with an OAuth
    /// error body, without doing its work.
    Status(u16),
    /// The endpoint answers normally, then the provider drops off the network: it stops
    /// listening and closes every connection, so the next request is refused (a network cut).
    OfflineAfterAnswer,
}

/// The faults in force, what reached each endpoint, and the provider's clock offset.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    by_endpoint: Mutex<HashMap<Endpoint, Fault>>,
    requests: Mutex<HashMap<Endpoint, usize>>,
    clock_offset_secs: AtomicI64,
    offline: AtomicBool,
    went_offline: Arc<Notify>,
}

impl Faults {
    fn by_endpoint(&self) -> MutexGuard<'_, HashMap<Endpoint, Fault>> {
        self.by_endpoint
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn requests_map(&self) -> MutexGuard<'_, HashMap<Endpoint, usize>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set(&self, endpoint: Endpoint, fault: Option<Fault>) {
        tracing::info!(event = "fault_set", endpoint = ?endpoint, fault = ?fault);
        match fault {
            Some(fault) => self.by_endpoint().insert(endpoint, fault),
            None => self.by_endpoint().remove(&endpoint),
        };
    }

    fn fault(&self, endpoint: Endpoint) -> Option<Fault> {
        self.by_endpoint().get(&endpoint).cloned()
    }

    /// How many requests reached `endpoint` (counted before any fault applies).
    pub(crate) fn requests(&self, endpoint: Endpoint) -> usize {
        self.requests_map().get(&endpoint).copied().unwrap_or(0)
    }

    pub(crate) fn set_clock_offset(&self, offset_secs: i64) {
        tracing::info!(event = "clock_offset_set", offset_secs);
        self.clock_offset_secs.store(offset_secs, Ordering::Relaxed);
    }

    /// `now` on the provider's clock: the real time moved by the offset.
    pub(crate) fn provider_time(&self, now: SystemTime) -> SystemTime {
        let offset = self.clock_offset_secs.load(Ordering::Relaxed);
        let shift = Duration::from_secs(offset.unsigned_abs());
        if offset >= 0 {
            now + shift
        } else {
            now.checked_sub(shift).unwrap_or(SystemTime::UNIX_EPOCH)
        }
    }

    /// Takes the provider off the network (the server stops; see [`Fault::OfflineAfterAnswer`]).
    pub(crate) fn go_offline(&self) {
        if !self.offline.swap(true, Ordering::SeqCst) {
            tracing::info!(event = "sandbox_offline");
            // A stored permit: the server sees it even if it was not waiting yet.
            self.went_offline.notify_one();
        }
    }

    /// Resolves once [`Faults::go_offline`] was called.
    pub(crate) fn offline_signal(&self) -> Arc<Notify> {
        Arc::clone(&self.went_offline)
    }
}

/// The middleware that applies the faults to every request (its state is the provider's
/// faults).
pub(crate) async fn apply(
    State(faults): State<Arc<Faults>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(endpoint) = Endpoint::of(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    *faults.requests_map().entry(endpoint).or_insert(0) += 1;
    match faults.fault(endpoint) {
        None => next.run(request).await,
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Some(Fault::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let error = if status == StatusCode::SERVICE_UNAVAILABLE {
                "temporarily_unavailable"
            } else {
                "server_error"
            };
            tracing::info!(event = "fault_status", endpoint = ?endpoint, status = status.as_u16());
            web::json_error(
                status,
                error,
                "the sandbox's fault injection answers this status",
            )
        }
        Some(Fault::OfflineAfterAnswer) => {
            let response = next.run(request).await;
            faults.go_offline();
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_endpoint_and_nothing_else() {
        let at =
            |method: Method, rest: &str| Endpoint::of(&method, &format!("{ISSUER_PATH}{rest}"));
        assert_eq!(
            at(Method::GET, "/.well-known/openid-configuration"),
            Some(Endpoint::Discovery)
        );
        assert_eq!(at(Method::GET, "/jwks"), Some(Endpoint::Jwks));
        assert_eq!(at(Method::POST, "/token"), Some(Endpoint::Token));
        assert_eq!(at(Method::GET, "/userinfo"), Some(Endpoint::Userinfo));
        assert_eq!(at(Method::GET, "/session/end"), Some(Endpoint::EndSession));
        assert_eq!(
            at(Method::POST, "/interaction/abc/consent"),
            Some(Endpoint::Consent)
        );
        assert_eq!(
            at(Method::GET, "/interaction/abc/consent"),
            None,
            "showing the consent page is not consenting"
        );
        assert_eq!(at(Method::GET, "/authorize"), None);
        assert_eq!(
            Endpoint::of(&Method::GET, "/jwks"),
            None,
            "outside the issuer"
        );
    }

    #[test]
    fn the_clock_offset_moves_the_provider_time_both_ways() {
        let faults = Faults::default();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert_eq!(faults.provider_time(now), now, "no offset by default");
        faults.set_clock_offset(90);
        assert_eq!(faults.provider_time(now), now + Duration::from_secs(90));
        faults.set_clock_offset(-120);
        assert_eq!(
            faults.provider_time(now),
            now - Duration::from_secs(120),
            "a provider whose clock is behind"
        );
    }

    #[test]
    fn a_fault_holds_until_cleared() {
        let faults = Faults::default();
        faults.set(Endpoint::Token, Some(Fault::Status(503)));
        assert_eq!(faults.fault(Endpoint::Token), Some(Fault::Status(503)));
        assert_eq!(
            faults.fault(Endpoint::Userinfo),
            None,
            "only the endpoint named"
        );
        faults.set(Endpoint::Token, None);
        assert_eq!(faults.fault(Endpoint::Token), None);
    }
}
