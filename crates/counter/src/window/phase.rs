//! Where the window stands, as one value: the machine behind [`super::App`]. Each transition is
//! a short critical section on the one `Mutex<Phase>`, never held across an await, so no other
//! lock is ever taken in an order that matters.

use std::time::Instant;

use fcplus::CancelHandle;
use session::browser::close_private;
use session::{LaunchedBrowser, Suspicion};
use url::Url;

use super::view::{IdentityView, PhaseName};
use crate::sign_in::Held;

/// The window's phase and what belongs to it alone.
#[derive(Debug)]
pub(super) enum Phase {
    /// Nobody signed in, nothing in progress.
    Home,
    /// A sign-in in progress, from the check that it may start until it is kept, held or over.
    SigningIn(SigningIn),
    /// A verified identity that may be the previous person's FC+ session, held (not kept)
    /// until staff say whether it is the person in front of them.
    Confirming(Box<Confirming>),
    /// A kept session, shown.
    SignedIn(IdentityView),
    /// A session ending (FC+ logout, then the local wipe); what was shown stays shown until
    /// the end is over.
    Ending { shown: Option<IdentityView> },
}

/// The sign-in in progress.
#[derive(Debug)]
pub(super) struct SigningIn {
    pub cancel: CancelHandle,
    pub eidas: bool,
    pub deadline: Instant,
    /// FC+'s page, once it has been opened (for "reopen the page").
    pub url: Option<Url>,
    /// The private browser the page runs in, until the sign-in takes it back.
    pub browser: Option<LaunchedBrowser>,
}

/// A held identity.
#[derive(Debug)]
pub(super) struct Confirming {
    pub view: IdentityView,
    pub suspicion: Suspicion,
    /// `None` while staff's answer is carried out (kept, or kept for the length of its end):
    /// a second answer then finds nothing to act on.
    pub held: Option<Held>,
}

/// Why a transition was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// A sign-in or an end is under way.
    Busy,
    /// Someone is signed in, or held for staff.
    SessionActive,
    /// No held identity to answer for.
    NothingHeld,
}

/// A phase an async step entered and must leave however it returns ([`Leave`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    SigningIn,
    Confirming,
    Ending,
}

impl Phase {
    /// The phase the UI is told.
    pub fn name(&self) -> PhaseName {
        match self {
            Phase::Home => PhaseName::Home,
            Phase::SigningIn(_) => PhaseName::SigningIn,
            Phase::Confirming(_) => PhaseName::Confirming,
            Phase::SignedIn(_) => PhaseName::SignedIn,
            Phase::Ending { .. } => PhaseName::Ending,
        }
    }

    /// The identity on screen, kept or held.
    pub fn shown(&self) -> Option<&IdentityView> {
        match self {
            Phase::Confirming(confirming) => Some(&confirming.view),
            Phase::SignedIn(view) | Phase::Ending { shown: Some(view) } => Some(view),
            Phase::Home | Phase::SigningIn(_) | Phase::Ending { shown: None } => None,
        }
    }

    /// Whether a sign-in may start: only at home.
    pub fn may_start_sign_in(&self) -> Result<(), Refused> {
        match self {
            Phase::Home => Ok(()),
            Phase::SigningIn(_) | Phase::Ending { .. } => Err(Refused::Busy),
            Phase::SignedIn(_) | Phase::Confirming(_) => Err(Refused::SessionActive),
        }
    }

    /// Home → signing in. Refused while anything else is on screen.
    pub fn start_sign_in(&mut self, signing_in: SigningIn) -> Result<(), Refused> {
        self.may_start_sign_in()?;
        self.go(Phase::SigningIn(signing_in));
        Ok(())
    }

    /// Home or signed in → ending (what was shown stays shown meanwhile).
    pub fn start_end(&mut self) -> Result<(), Refused> {
        let shown = match self {
            Phase::Home => None,
            Phase::SignedIn(view) => Some(view.clone()),
            Phase::SigningIn(_) | Phase::Ending { .. } | Phase::Confirming(_) => {
                return Err(Refused::Busy);
            }
        };
        self.go(Phase::Ending { shown });
        Ok(())
    }

    /// Takes the held identity staff answer for; the phase stays `Confirming` until the answer
    /// is carried out, so the identity stays on screen meanwhile.
    pub fn take_held(&mut self) -> Result<(Held, IdentityView), Refused> {
        match self {
            Phase::Confirming(confirming) => match confirming.held.take() {
                Some(held) => Ok((held, confirming.view.clone())),
                None => Err(Refused::NothingHeld),
            },
            _ => Err(Refused::NothingHeld),
        }
    }

    /// The held identity is let go: nothing of it is shown any more.
    pub fn discard_held(&mut self) -> Result<Held, Refused> {
        let (held, _) = self.take_held()?;
        self.go(Phase::Ending { shown: None });
        Ok(held)
    }

    /// Moves to `next`. A sign-in left this way hands back no browser any more: one still
    /// recorded is closed, so no private browser outlives the sign-in that started it.
    pub fn go(&mut self, next: Phase) {
        if let Phase::SigningIn(SigningIn {
            browser: Some(browser),
            ..
        }) = std::mem::replace(self, next)
        {
            close_private(&browser);
        }
    }

    fn is(&self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Phase::SigningIn(_), Kind::SigningIn)
                | (Phase::Confirming(_), Kind::Confirming)
                | (Phase::Ending { .. }, Kind::Ending)
        )
    }

    /// Where an interrupted `kind` falls back to: a sign-in or a staff answer to nothing
    /// (home), an end to what it was ending (its session is still in the vault).
    fn fall_back(&mut self, kind: Kind) {
        if !self.is(kind) {
            return;
        }
        let next = match self {
            Phase::Ending { shown: Some(view) } => Phase::SignedIn(view.clone()),
            _ => Phase::Home,
        };
        self.go(next);
    }
}

/// Leaves the `kind` phase however the async step that entered it returns: a normal return
/// has already moved on (the guard then finds another phase and does nothing); an error or a
/// dropped future falls back ([`Phase::fall_back`]).
pub(super) struct Leave<'a> {
    pub app: &'a super::App,
    pub kind: Kind,
}

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.app.phase().fall_back(self.kind);
    }
}
