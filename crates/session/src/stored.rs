//! What the vault keeps of a sign-in: the verified identity, the signed ID token for the FC+
//! logout, and the private browser that holds the person's FC+ cookie, if any.

use fcplus::{SignedIdToken, VerifiedIdentity};
use serde::{Deserialize, Serialize};

use crate::browser::LaunchedBrowser;

/// One person's session, serialized into the vault (encrypted) and nowhere else.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    /// Written out (into the vault only) by an explicit reveal.
    #[serde(serialize_with = "fcplus::identity::reveal")]
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

#[cfg(test)]
mod tests {
    use super::*;
    use fcplus::{Acr, Identity, Origin};

    /// A stored session prints none of the person's data nor its token; written out (into the
    /// vault) it holds them all and reads back whole.
    #[test]
    fn a_stored_session_prints_no_canary_and_writes_whole_only_for_the_vault() {
        let claims = serde_json::json!({
            "given_name": "CanaryGiven", "family_name": "CanaryFamily",
            "birthdate": "1900-01-01", "birthplace": "99999", "gender": "female",
        });
        let session = StoredSession {
            identity: VerifiedIdentity {
                identity: Identity::from_claims("canary-sub".into(), claims.as_object().unwrap()),
                acr: Acr::Eidas3,
                amr: vec!["fc".into()],
                origin: Origin::France,
                expires_at: time::OffsetDateTime::UNIX_EPOCH,
            },
            id_token: SignedIdToken::new("canary.id.token"),
            issuer: "https://issuer.example".into(),
            browser: None,
            profile_deleted: false,
            fc_logged_out: false,
            signed_in_at: 0,
        };
        let canaries = [
            "CanaryGiven",
            "CanaryFamily",
            "1900-01-01",
            "99999",
            "canary-sub",
            "canary.id.token",
        ];
        let printed = format!("{session:?}");
        for canary in canaries {
            assert!(!printed.contains(canary), "{canary} in {printed}");
        }
        let written = serde_json::to_string(&session).unwrap();
        for canary in canaries {
            assert!(written.contains(canary), "the vault needs {canary}");
        }
        let back: StoredSession = serde_json::from_str(&written).unwrap();
        assert_eq!(back.identity, session.identity);
    }
}
