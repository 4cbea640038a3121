//! What the store holds between two requests, as JSON. Each record is taken out once.

use fcplus::{SignedIdToken, StoredSignIn, VerifiedIdentity};
use serde::{Deserialize, Serialize};
use url::Url;

/// A kiosk's sign-in while the person is at FC+ (filed under the FC+ `state`, 10 min).
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingRecord {
    /// The gateway's own sign-in at FC+ (state, nonce, level asked).
    pub fc: StoredSignIn,
    pub kiosk: KioskRequest,
}

/// What the kiosk asked, to answer it when FC+ comes back.
#[derive(Serialize, Deserialize)]
pub struct KioskRequest {
    pub client_id: String,
    pub redirect_uri: Url,
    pub state: String,
    pub nonce: String,
    pub code_challenge: String,
}

impl std::fmt::Debug for KioskRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KioskRequest")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// A one-time code's worth (filed under the code, 30 s): the verified identity and how to
/// check the token request.
#[derive(Debug, Serialize, Deserialize)]
pub struct CodeRecord {
    pub client_id: String,
    pub redirect_uri: Url,
    pub code_challenge: String,
    pub nonce: String,
    /// The gateway session id (`sid`), under which the FC+ ID token is kept for logout.
    pub sid: String,
    /// Written out (to the store, for 30 s) by an explicit reveal.
    #[serde(serialize_with = "fcplus::identity::reveal")]
    pub identity: VerifiedIdentity,
}

/// Userinfo for an access token (60 s).
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessRecord {
    pub client_id: String,
    /// Written out (to the store, for 60 s) by an explicit reveal.
    #[serde(serialize_with = "fcplus::identity::reveal")]
    pub identity: VerifiedIdentity,
}

/// The FC+ side of a gateway session, for `/session/end` (filed under `sid`).
#[derive(Debug, Serialize, Deserialize)]
pub struct SessionRecord {
    pub client_id: String,
    pub fc_id_token: SignedIdToken,
}

/// A logout while the browser is at FC+ (filed under the FC+ logout `state`, 10 min).
#[derive(Serialize, Deserialize)]
pub struct LogoutRecord {
    pub post_logout_redirect_uri: Url,
    pub state: Option<String>,
}

impl std::fmt::Debug for LogoutRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogoutRecord").finish_non_exhaustive()
    }
}
