//! The in-memory store: clients, pending interactions, codes, access tokens and FC+ sessions.
//!
//! Every method takes `now`, so lifetimes are tested without sleeping. An entry is dead from
//! its expiry on: every lookup checks it. The maps are swept of dead entries at most once per
//! `SWEEP_EVERY` (sweeping on every access walked every live entry, hundreds of thousands
//! under the gateway's load bench: a quarter of the sandbox's CPU).

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use crate::claims::{Acr, Scopes};
use crate::config::Client;
use crate::texts::Lang;

/// How long a user has to finish the chooser → login → consent path.
pub(crate) const INTERACTION_TTL: Duration = Duration::from_secs(600);
/// Authorization code lifetime.
pub(crate) const CODE_TTL: Duration = Duration::from_secs(30);
/// Access token lifetime (also the `expires_in` of the token response).
pub(crate) const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(60);
/// ID token lifetime (`exp - iat`).
pub(crate) const ID_TOKEN_TTL: Duration = Duration::from_secs(60);
/// FC+ browser session lifetime on the server side.
pub(crate) const SESSION_TTL: Duration = Duration::from_secs(600);
/// How often, at most, expired entries are removed from the maps.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// An entry that dies at a given time.
trait Expires {
    fn expires_at(&self) -> SystemTime;
}

/// The entry of `map` at `key` if it is still alive at `now`.
fn live<'a, T: Expires>(
    map: &'a mut HashMap<String, T>,
    key: &str,
    now: SystemTime,
) -> Option<&'a mut T> {
    map.get_mut(key).filter(|entry| entry.expires_at() > now)
}

/// Takes the entry of `map` at `key` out; `None` if there was none or it was dead.
fn take_live<T: Expires>(map: &mut HashMap<String, T>, key: &str, now: SystemTime) -> Option<T> {
    map.remove(key).filter(|entry| entry.expires_at() > now)
}

/// Keeps the entries of `map` alive at `now`.
fn sweep<T: Expires>(map: &mut HashMap<String, T>, now: SystemTime) {
    map.retain(|_, entry| entry.expires_at() > now);
}

/// A registered client, or a registration that was refused (kept so that the error page can
/// say why, instead of "unknown client").
#[derive(Debug)]
pub(crate) enum ClientEntry {
    Valid(Box<Client>),
    Invalid { reason: String },
}

/// What an authorization request asked for, once validated.
#[derive(Clone, Debug)]
pub(crate) struct AuthRequest {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) state: String,
    pub(crate) nonce: String,
    pub(crate) scopes: Scopes,
    pub(crate) acr: Acr,
    pub(crate) amr_requested: bool,
    pub(crate) lang: Lang,
}

/// A person who has authenticated (at an identity provider, or through a reused session).
#[derive(Clone, Debug)]
pub(crate) struct Authentication {
    pub(crate) login: String,
    pub(crate) auth_time: SystemTime,
    /// Whether this sign-in reused the browser's FC+ session (its `acr` is then `eidas2`).
    pub(crate) reused: bool,
}

/// A sign-in in progress in the browser.
#[derive(Clone, Debug)]
pub(crate) struct Interaction {
    pub(crate) request: AuthRequest,
    pub(crate) authenticated: Option<Authentication>,
    /// The identity provider (or `eidas`) where the last attempt failed, shown once as the
    /// chooser's banner.
    pub(crate) failed_at: Option<String>,
    expires_at: SystemTime,
}

/// What an authorization code stands for.
#[derive(Clone, Debug)]
pub(crate) struct CodeGrant {
    pub(crate) request: AuthRequest,
    pub(crate) authentication: Authentication,
    /// Set once redeemed: a second use revokes this access token (RFC 6749 §4.1.2).
    redeemed_by: Option<String>,
    expires_at: SystemTime,
}

/// What an access token gives access to.
#[derive(Clone, Debug)]
pub(crate) struct AccessGrant {
    pub(crate) client_id: String,
    pub(crate) login: String,
    pub(crate) scopes: Scopes,
    expires_at: SystemTime,
}

/// An FC+ browser session (the `fc_session` cookie points at it).
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub(crate) authentication: Authentication,
    expires_at: SystemTime,
}

/// Why a code could not be redeemed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RedeemError {
    /// Unknown or expired.
    NotFound,
    /// Issued to another client or for another `redirect_uri`.
    Mismatch,
    /// Already redeemed: the access token it gave is now revoked.
    Reused,
}

macro_rules! expires {
    ($($entry:ty),*) => {$(
        impl Expires for $entry {
            fn expires_at(&self) -> SystemTime {
                self.expires_at
            }
        }
    )*};
}
expires!(Interaction, CodeGrant, AccessGrant, Session, PendingLogout);

#[derive(Debug, Default)]
pub(crate) struct Store {
    clients: HashMap<String, ClientEntry>,
    interactions: HashMap<String, Interaction>,
    codes: HashMap<String, CodeGrant>,
    access_tokens: HashMap<String, AccessGrant>,
    sessions: HashMap<String, Session>,
    /// Logouts between FC+'s auto-submitted logout page and its confirmation.
    logouts: HashMap<String, PendingLogout>,
    /// When the maps were last swept of dead entries.
    swept_at: Option<SystemTime>,
}

/// A logout shown as FC+'s auto-submitted page, not yet confirmed.
#[derive(Clone, Debug)]
pub(crate) struct PendingLogout {
    /// The client's `post_logout_redirect_uri` with its `state`.
    pub(crate) location: String,
    /// The FC+ session the browser presented, ended at the confirmation.
    pub(crate) session_id: Option<String>,
    expires_at: SystemTime,
}

impl Store {
    /// Removes dead entries, unless that was done less than `SWEEP_EVERY` ago (a clock set
    /// back sweeps at once). Lookups do not depend on it: they check each entry's expiry.
    fn purge(&mut self, now: SystemTime) {
        let recent = self.swept_at.is_some_and(|at| {
            now.duration_since(at)
                .is_ok_and(|since| since < SWEEP_EVERY)
        });
        if recent {
            return;
        }
        self.swept_at = Some(now);
        sweep(&mut self.interactions, now);
        sweep(&mut self.codes, now);
        sweep(&mut self.access_tokens, now);
        sweep(&mut self.sessions, now);
        sweep(&mut self.logouts, now);
    }

    pub(crate) fn set_client(&mut self, client_id: String, entry: ClientEntry) {
        self.clients.insert(client_id, entry);
    }

    pub(crate) fn client(&self, client_id: &str) -> Option<&ClientEntry> {
        self.clients.get(client_id)
    }

    /// The client if its registration is valid.
    pub(crate) fn valid_client(&self, client_id: &str) -> Option<&Client> {
        match self.clients.get(client_id) {
            Some(ClientEntry::Valid(client)) => Some(client),
            _ => None,
        }
    }

    pub(crate) fn start_interaction(
        &mut self,
        uid: String,
        request: AuthRequest,
        authenticated: Option<Authentication>,
        now: SystemTime,
    ) {
        self.purge(now);
        let interaction = Interaction {
            request,
            authenticated,
            failed_at: None,
            expires_at: now + INTERACTION_TTL,
        };
        self.interactions.insert(uid, interaction);
    }

    pub(crate) fn interaction(&mut self, uid: &str, now: SystemTime) -> Option<Interaction> {
        self.purge(now);
        live(&mut self.interactions, uid, now).cloned()
    }

    /// Records who authenticated in this interaction; `false` if it is gone.
    pub(crate) fn authenticate(
        &mut self,
        uid: &str,
        authentication: Authentication,
        now: SystemTime,
    ) -> bool {
        self.purge(now);
        match live(&mut self.interactions, uid, now) {
            Some(interaction) => {
                interaction.authenticated = Some(authentication);
                true
            }
            None => false,
        }
    }

    /// Records a failure at an identity provider: the person goes back to the chooser.
    pub(crate) fn fail_at_idp(&mut self, uid: &str, idp: &str, now: SystemTime) -> bool {
        self.purge(now);
        match live(&mut self.interactions, uid, now) {
            Some(interaction) => {
                interaction.authenticated = None;
                interaction.failed_at = Some(idp.to_owned());
                true
            }
            None => false,
        }
    }

    /// The failure to show on the chooser, once.
    pub(crate) fn take_failure(&mut self, uid: &str) -> Option<String> {
        self.interactions.get_mut(uid)?.failed_at.take()
    }

    /// Ends an interaction (consent given or cancelled), so it cannot be finished twice.
    pub(crate) fn take_interaction(&mut self, uid: &str, now: SystemTime) -> Option<Interaction> {
        self.purge(now);
        take_live(&mut self.interactions, uid, now)
    }

    pub(crate) fn issue_code(
        &mut self,
        code: String,
        request: AuthRequest,
        authentication: Authentication,
        now: SystemTime,
    ) {
        let grant = CodeGrant {
            request,
            authentication,
            redeemed_by: None,
            expires_at: now + CODE_TTL,
        };
        self.codes.insert(code, grant);
    }

    /// Redeems a code once, for the client and `redirect_uri` it was issued to, issuing
    /// `access_token` for it.
    pub(crate) fn redeem_code(
        &mut self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        access_token: String,
        now: SystemTime,
    ) -> Result<CodeGrant, RedeemError> {
        self.purge(now);
        let grant = live(&mut self.codes, code, now).ok_or(RedeemError::NotFound)?;
        if grant.request.client_id != client_id || grant.request.redirect_uri != redirect_uri {
            return Err(RedeemError::Mismatch);
        }
        if let Some(previous) = &grant.redeemed_by {
            self.access_tokens.remove(previous);
            return Err(RedeemError::Reused);
        }
        grant.redeemed_by = Some(access_token.clone());
        let grant = grant.clone();
        self.access_tokens.insert(
            access_token,
            AccessGrant {
                client_id: grant.request.client_id.clone(),
                login: grant.authentication.login.clone(),
                scopes: grant.request.scopes.clone(),
                expires_at: now + ACCESS_TOKEN_TTL,
            },
        );
        Ok(grant)
    }

    pub(crate) fn access_grant(&mut self, token: &str, now: SystemTime) -> Option<AccessGrant> {
        self.purge(now);
        live(&mut self.access_tokens, token, now).cloned()
    }

    /// Creates a session, replacing the browser's previous one if any.
    pub(crate) fn open_session(
        &mut self,
        id: String,
        previous: Option<&str>,
        authentication: Authentication,
        now: SystemTime,
    ) {
        self.purge(now);
        if let Some(previous) = previous {
            self.sessions.remove(previous);
        }
        let session = Session {
            authentication,
            expires_at: now + SESSION_TTL,
        };
        self.sessions.insert(id, session);
    }

    pub(crate) fn session(&mut self, id: &str, now: SystemTime) -> Option<Session> {
        self.purge(now);
        live(&mut self.sessions, id, now).cloned()
    }

    /// Keeps a logout until the browser submits FC+'s logout form.
    pub(crate) fn begin_logout(
        &mut self,
        id: String,
        location: String,
        session_id: Option<String>,
        now: SystemTime,
    ) {
        self.purge(now);
        let logout = PendingLogout {
            location,
            session_id,
            expires_at: now + INTERACTION_TTL,
        };
        self.logouts.insert(id, logout);
    }

    /// The logout the form confirms, once.
    pub(crate) fn take_logout(&mut self, id: &str, now: SystemTime) -> Option<PendingLogout> {
        self.purge(now);
        take_live(&mut self.logouts, id, now)
    }

    pub(crate) fn end_session(&mut self, id: &str) {
        self.sessions.remove(id);
    }

    pub(crate) fn active_sessions(&mut self, now: SystemTime) -> usize {
        self.purge(now);
        self.sessions
            .values()
            .filter(|session| session.expires_at > now)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CB: &str = "http://127.0.0.1:1/cb";

    fn request() -> AuthRequest {
        AuthRequest {
            client_id: "client".into(),
            redirect_uri: CB.into(),
            state: "s".repeat(22),
            nonce: "n".repeat(22),
            scopes: Scopes::parse("openid").expect("scope"),
            acr: Acr::Eidas3,
            amr_requested: false,
            lang: Lang::Fr,
        }
    }

    fn authentication(now: SystemTime) -> Authentication {
        Authentication {
            login: "marie".into(),
            auth_time: now,
            reused: false,
        }
    }

    #[test]
    fn code_expires_after_thirty_seconds() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut store = Store::default();
        store.issue_code("c".into(), request(), authentication(now), now);
        let late = now + CODE_TTL;
        assert_eq!(
            store.redeem_code("c", "client", CB, "t".into(), late).err(),
            Some(RedeemError::NotFound),
            "FC+ codes live 30 s: a late exchange must fail"
        );
    }

    #[test]
    fn reusing_a_code_revokes_its_access_token() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut store = Store::default();
        store.issue_code("c".into(), request(), authentication(now), now);
        assert!(
            store
                .redeem_code("c", "client", CB, "t1".into(), now)
                .is_ok()
        );
        assert_eq!(
            store.redeem_code("c", "client", CB, "t2".into(), now).err(),
            Some(RedeemError::Reused)
        );
        assert!(
            store.access_grant("t1", now).is_none(),
            "a replayed code means it leaked: the token it gave must stop working"
        );
    }

    #[test]
    fn sessions_expire() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut store = Store::default();
        store.open_session("s".into(), None, authentication(now), now);
        assert_eq!(store.active_sessions(now), 1);
        assert_eq!(store.active_sessions(now + SESSION_TTL), 0);
    }

    #[test]
    fn an_expired_entry_is_refused_between_two_sweeps() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut store = Store::default();
        store.issue_code("c".into(), request(), authentication(now), now);
        store.open_session("s".into(), None, authentication(now), now);
        let expiry = now + CODE_TTL;
        // A sweep half a second before the code dies...
        assert!(
            store
                .session("s", expiry - Duration::from_millis(500))
                .is_some()
        );
        // ...so none runs when it is redeemed just after: the lookup itself must refuse it.
        let late = expiry + Duration::from_millis(100);
        assert_eq!(
            store.redeem_code("c", "client", CB, "t".into(), late).err(),
            Some(RedeemError::NotFound)
        );
        assert_eq!(store.active_sessions(now + SESSION_TTL), 0);
    }

    #[test]
    fn dead_entries_are_swept_at_most_once_a_second() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut store = Store::default();
        store.open_session("old".into(), None, authentication(now), now);
        let after = now + SESSION_TTL;
        store.open_session("new".into(), None, authentication(after), after);
        assert_eq!(
            store.sessions.len(),
            1,
            "the first access after the TTL sweeps"
        );
        store.issue_code("c".into(), request(), authentication(after), after);
        let code_dead = after + CODE_TTL;
        assert!(store.session("new", code_dead).is_some());
        assert!(
            store.codes.is_empty(),
            "a second later, the dead code is swept"
        );
        store.issue_code("d".into(), request(), authentication(now), now);
        assert!(
            store
                .session("new", code_dead + Duration::from_millis(999))
                .is_some()
        );
        assert_eq!(store.codes.len(), 1, "within the second, no sweep");
        assert!(store.session("new", code_dead + SWEEP_EVERY).is_some());
        assert!(store.codes.is_empty());
    }
}
