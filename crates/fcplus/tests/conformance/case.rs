//! What a conformance case is: a sandbox scenario, the outcome fcplus must reach, why, and what
//! the openidconnect oracle must conclude beside it.

use std::sync::Arc;

use fcplus::SignInError;
use sandbox::{Sandbox, Scenario};

/// A refusal fcplus must give: the error's shape, written out for the report.
#[derive(Clone)]
pub struct Refusal {
    /// The pattern, as written in the case.
    pub what: String,
    pub matches: Arc<dyn Fn(&SignInError) -> bool + Send + Sync>,
}

/// A [`Refusal`] from a pattern on `SignInError`, with an optional guard.
macro_rules! refusal {
    ($pattern:pat $(if $guard:expr)?) => {
        $crate::case::Refusal {
            what: $crate::case::one_line(stringify!($pattern $(if $guard)?)),
            matches: std::sync::Arc::new(|error: &fcplus::SignInError| {
                matches!(error, $pattern $(if $guard)?)
            }),
        }
    };
}
pub(crate) use refusal;

/// `text` with every run of whitespace (line breaks included) made one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What fcplus must do.
#[derive(Clone)]
pub enum Expected {
    /// Sign Marie Martin in (French identity, at the level asked).
    SignedIn,
    /// Refuse the provider at `RelyingParty::discover`.
    RefusedAtDiscovery(Refusal),
    /// Discover fine, then refuse the sign-in.
    Refused(Refusal),
}

/// A bug of fcplus that a case reveals, reported to its owner instead of being fixed here:
/// the case passes while fcplus still fails this known way, and fails once the bug is fixed,
/// so that the marker is removed.
#[derive(Clone)]
pub struct KnownBug {
    /// What is wrong, in one line.
    pub summary: &'static str,
    /// What fcplus does instead of the expected outcome, for now.
    pub currently: Refusal,
}

/// What the independent oracle (openidconnect's `IdTokenVerifier` and `UserInfoVerifier`, see
/// `oracle.rs`) must conclude beside fcplus when it signs in with the same provider in the
/// same scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Oracle {
    /// The same verdict as fcplus: both sign in, or both refuse.
    Agrees,
    /// The opposite verdict, for the reason written here (listed in `CASES.md`).
    Disagrees(&'static str),
    /// The provider hands out no ID token at all (an error instead of a code, a token endpoint
    /// that fails or does not answer in time): nothing for a verifier to judge.
    NoToken,
}

/// A check on the sandbox after the sign-in (e.g. how often the JWKS was fetched).
pub type AfterCheck = fn(&Sandbox) -> Result<(), String>;

/// One conformance case.
#[derive(Clone)]
pub struct Case {
    /// Named after the behaviour checked.
    pub name: String,
    pub scenario: Scenario,
    pub expected: Expected,
    /// Why this outcome is the right one; printed when the case fails.
    pub why: &'static str,
    pub after: Option<AfterCheck>,
    /// Set when fcplus is known to get this case wrong (expected failure).
    pub known_bug: Option<KnownBug>,
    /// What openidconnect must conclude on the same provider's tokens.
    pub oracle: Oracle,
}

impl Case {
    /// A case that expects a sign-in.
    pub fn accepts(name: &str, scenario: Scenario, why: &'static str) -> Case {
        Case::new(name, scenario, Expected::SignedIn, why)
    }

    /// A case that expects a refusal during the sign-in.
    pub fn refuses(name: &str, scenario: Scenario, refusal: Refusal, why: &'static str) -> Case {
        Case::new(name, scenario, Expected::Refused(refusal), why)
    }

    /// A case that expects a refusal at discovery.
    pub fn refuses_at_discovery(
        name: &str,
        scenario: Scenario,
        refusal: Refusal,
        why: &'static str,
    ) -> Case {
        Case::new(name, scenario, Expected::RefusedAtDiscovery(refusal), why)
    }

    fn new(name: &str, scenario: Scenario, expected: Expected, why: &'static str) -> Case {
        Case {
            name: name.to_owned(),
            scenario,
            expected,
            why,
            after: None,
            known_bug: None,
            oracle: Oracle::Agrees,
        }
    }

    /// Marks the case as an expected failure: fcplus has this bug and refuses `currently`.
    #[allow(dead_code)] // No known bug today (the kid-less single-key case was fixed).
    pub fn known_bug(mut self, summary: &'static str, currently: Refusal) -> Case {
        self.known_bug = Some(KnownBug { summary, currently });
        self
    }

    /// openidconnect reaches the opposite verdict, for `reason`: what one checks and the other
    /// does not, and why fcplus is right. The case fails if the two come to agree.
    pub fn oracle_disagrees(mut self, reason: &'static str) -> Case {
        self.oracle = Oracle::Disagrees(reason);
        self
    }

    /// The provider gives no ID token in this case, so the oracle has nothing to judge; the
    /// case fails if the oracle does get one.
    pub fn no_token_for_the_oracle(mut self) -> Case {
        self.oracle = Oracle::NoToken;
        self
    }

    /// Checks the sandbox after the sign-in too.
    pub fn after(mut self, check: AfterCheck) -> Case {
        self.after = Some(check);
        self
    }
}
