//! What the vault keeps of a sign-in: the verified identity, the signed ID token for the FC+
//! logout, and the private browser that holds the person's FC+ cookie, if any.

use fcplus::{SignedIdToken, VerifiedIdentity};
use serde::{Deserialize, Serialize};

use crate::browser::LaunchedBrowser;

/// One person's session, serialized into the vault (encrypted) and nowhere else.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    pub identity: VerifiedIdentity,
    /// The inner signed ID token, sent back as `id_token_hint` at logout.
    pub id_token: SignedIdToken,
    pub issuer: String,
    /// The private browser opened for this sign-in, closed and deleted at the end.
    #[serde(default)]
    pub browser: Option<LaunchedBrowser>,
    /// The sign-in's private browser was closed and its profile deleted as soon as the session
    /// was kept (a kiosk): FC+'s session cookie went with it, so the end has no logout to make.
    #[serde(default)]
    pub profile_deleted: bool,
    /// FC+'s logout came back: an end killed after that point must not open it again (FC+
    /// would answer page `Y100019`, its session being gone already).
    #[serde(default)]
    pub fc_logged_out: bool,
    /// Unix time of the sign-in (FC+'s session lives 600 s from it); 0 when kept by an older
    /// version.
    #[serde(default)]
    pub signed_in_at: i64,
}
