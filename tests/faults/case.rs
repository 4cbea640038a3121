//! One fault case: a name that says what it proves, and the scenario that proves it.

use std::future::Future;
use std::pin::Pin;

/// What a case reports: a short note on success, the reason on failure.
pub type Outcome = Result<String, String>;

pub type CaseFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

#[derive(Clone, Copy)]
pub struct Case {
    pub name: &'static str,
    pub run: fn() -> CaseFuture,
}

/// `case!(name_of_the_case)` for an `async fn name_of_the_case() -> Outcome` in scope.
macro_rules! case {
    ($name:ident) => {
        $crate::faults::case::Case {
            name: stringify!($name),
            run: || Box::pin($name()),
        }
    };
}
pub(crate) use case;

/// Fails the case with `reason` unless `condition` holds.
macro_rules! ensure {
    ($condition:expr, $($reason:tt)+) => {
        if !$condition {
            return Err(format!($($reason)+));
        }
    };
}
pub(crate) use ensure;
