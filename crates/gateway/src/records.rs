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
/// check the token request. `Debug` shows only the kiosk.
#[derive(Serialize, Deserialize)]
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

impl std::fmt::Debug for CodeRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeRecord")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const CANARIES: [&str; 8] = [
        "CanaryGiven",
        "CanaryFamily",
        "1901-02-03",
        "canary-sub-42",
        "canary-state-42",
        "canary-nonce-42",
        "canary.id.token",
        "canary-challenge-42",
    ];

    fn identity() -> VerifiedIdentity {
        let claims = serde_json::json!({
            "given_name": CANARIES[0], "family_name": CANARIES[1], "birthdate": CANARIES[2],
            "birthplace": "75107", "gender": "female",
        });
        VerifiedIdentity {
            identity: fcplus::Identity::from_claims(
                CANARIES[3].into(),
                claims.as_object().expect("an object"),
            ),
            acr: fcplus::Acr::Eidas2,
            amr: vec!["fc".into()],
            origin: fcplus::Origin::France,
            expires_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn assert_silent(what: &str, printed: &str) {
        for canary in CANARIES {
            assert!(
                !printed.contains(canary),
                "{what} prints {canary}: {printed}"
            );
        }
    }

    /// The gateway's store holds people's identities, FC+'s ID tokens and the sign-ins'
    /// states for seconds to minutes: none of it prints through `Debug` (a log line or a
    /// panic message).
    #[test]
    fn no_record_prints_a_person_s_data_or_a_secret() {
        let redirect_uri: Url = "http://127.0.0.1:4242/callback".parse().unwrap();
        let kiosk = || KioskRequest {
            client_id: "kiosk-1".into(),
            redirect_uri: redirect_uri.clone(),
            state: CANARIES[4].into(),
            nonce: CANARIES[5].into(),
            code_challenge: CANARIES[7].into(),
        };
        let fc: StoredSignIn = serde_json::from_value(serde_json::json!({
            "state": CANARIES[4], "nonce": CANARIES[5], "acr": "eidas2",
            "redirect_uri": "https://gateway.example/callback",
        }))
        .expect("a stored FC+ sign-in");
        assert_silent("KioskRequest", &format!("{:?}", kiosk()));
        assert_silent(
            "PendingRecord",
            &format!("{:?}", PendingRecord { fc, kiosk: kiosk() }),
        );
        let code = CodeRecord {
            client_id: "kiosk-1".into(),
            redirect_uri: redirect_uri.clone(),
            code_challenge: CANARIES[7].into(),
            nonce: CANARIES[5].into(),
            sid: CANARIES[4].into(),
            identity: identity(),
        };
        assert_silent("CodeRecord", &format!("{code:?}"));
        let access = AccessRecord {
            client_id: "kiosk-1".into(),
            identity: identity(),
        };
        assert_silent("AccessRecord", &format!("{access:?}"));
        let session = SessionRecord {
            client_id: "kiosk-1".into(),
            fc_id_token: SignedIdToken::new(CANARIES[6]),
        };
        assert_silent("SessionRecord", &format!("{session:?}"));
        let logout = LogoutRecord {
            post_logout_redirect_uri: redirect_uri,
            state: Some(CANARIES[4].into()),
        };
        assert_silent("LogoutRecord", &format!("{logout:?}"));
        // The store itself gets the whole identity, through the explicit reveal.
        let stored = serde_json::to_string(&code).unwrap();
        assert!(stored.contains(CANARIES[0]) && stored.contains(CANARIES[3]));
    }
}
