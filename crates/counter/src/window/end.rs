//! The end of a session: by staff ("End session"), or on its own once a second when it sat
//! idle too long, outlived its lifetime ([`crate::idle::due`]), or a held identity got no
//! answer.

use codes::Code;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use session::{EndReason, IdleState};

use super::phase::{Kind, Leave, Phase};
use super::view::{EndView, Notice};
use super::{App, Result, lock};
use crate::idle::{Due, due};
use crate::provider::{LOGOUT_TIMEOUT, Provider};

/// What the idle tick found to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chore {
    /// Nobody answered whether the held identity is theirs: it is not kept.
    DiscardHeld,
    /// End the kept session (`code` for the notice).
    End(&'static str, EndReason),
}

impl App {
    /// Ends the session: FC+ logout when it can be reached, then the local wipe in every case.
    /// Refused while a sign-in, another end or a staff check is under way.
    pub async fn end_session(&self, reason: EndReason) -> Result<EndView> {
        let provider = self.provider()?;
        self.phase()
            .start_end()
            .map_err(|refused| self.refused(refused))?;
        let leave = Leave {
            app: self,
            kind: Kind::Ending,
        };
        self.finish_end(&provider, reason, leave).await
    }

    /// The end itself, once the phase is [`Phase::Ending`] (`leave` puts back what was shown
    /// if this future is dropped half-way).
    pub(super) async fn finish_end(
        &self,
        provider: &Arc<Provider>,
        reason: EndReason,
        _leave: Leave<'_>,
    ) -> Result<EndView> {
        let browser = self.settings().browser.clone();
        let reachable = *lock(&self.online) != Some(false);
        let rp = if reachable {
            provider.relying_party().await.ok()
        } else {
            None
        };
        let ended = provider
            .end(reason, &browser, rp.as_deref(), LOGOUT_TIMEOUT)
            .await;
        // Whatever the vault said, the person is no longer shown.
        self.phase().go(Phase::Home);
        if self.kiosk() {
            *lock(&self.language) = self.default_language;
        }
        let report = ended.map_err(|f| self.error(&f))?;
        tracing::info!(
            event = "window_session_ended",
            remote_logout = report.remote_logout.code(),
            fc_session_cleared = report.fc_session_cleared
        );
        Ok(EndView::from(&report))
    }

    /// Once a second: ends a session that sat idle too long or outlived its lifetime.
    pub async fn idle_tick(&self) {
        if lock(&self.blocking).as_ref().is_some_and(|f| {
            matches!(
                f.code,
                Code::KeyringLocked | Code::KeyringUnavailable | Code::KeyringFailed
            )
        }) {
            *lock(&self.blocking) = None;
            self.reload_session();
        }
        match self.chore() {
            None => {}
            Some(Chore::DiscardHeld) => {
                tracing::info!(event = "automatic_end", reason = "unconfirmed");
                if let Ok(ended) = self.discard_held().await {
                    self.notify("idle_ended", &ended);
                }
            }
            Some(Chore::End(code, reason)) => {
                tracing::info!(event = "automatic_end", reason = code);
                if let Ok(ended) = self.end_session(reason).await {
                    self.notify(code, &ended);
                }
            }
        }
    }

    /// What the tick has to do now, if anything ([`due`] for a kept session).
    fn chore(&self) -> Option<Chore> {
        let idle = self.settings().idle;
        let last_activity = *lock(&self.last_activity);
        let now = Instant::now();
        let expires = match &*self.phase() {
            Phase::SigningIn(_) | Phase::Ending { .. } => return None,
            Phase::Confirming(confirming) => {
                let idle_over = idle.state(last_activity, now) == IdleState::Expired;
                return (confirming.held.is_some() && idle_over).then_some(Chore::DiscardHeld);
            }
            Phase::SignedIn(view) => Some(view.expires),
            Phase::Home => None,
        };
        if self.expired_kept.swap(false, Ordering::SeqCst) {
            return Some(Chore::End("expired", EndReason::Expired));
        }
        match due(
            &idle,
            last_activity,
            now,
            expires?,
            time::OffsetDateTime::now_utc(),
        ) {
            Due::End(EndReason::Expired) => Some(Chore::End("expired", EndReason::Expired)),
            Due::End(reason) => Some(Chore::End("idle_ended", reason)),
            Due::Keep | Due::Warn { .. } => None,
        }
    }

    fn notify(&self, code: &'static str, ended: &EndView) {
        *lock(&self.notice) = Some(Notice {
            code,
            remote_logout: ended.remote_logout,
            fc_session_cleared: ended.fc_session_cleared,
        });
    }
}
