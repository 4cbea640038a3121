//! Runs one case: a fresh sandbox in the case's scenario, a client registered with a real
//! loopback redirect URI, discovery, then `fcplus::sign_in` with the scripted browser.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use fcplus::config::{DEFAULT_SCOPES, DEFAULT_SESSION_LIFETIME};
use fcplus::sensitive::{ClientSecret, random_token};
use fcplus::{
    Acr, CancelHandle, DecryptionKeys, LoopbackListener, Origin, ProviderConfig, RelyingParty,
    RelyingPartyOptions, SignInError, SignInRequest, TokenAuth, VerifiedSignIn,
};
use sandbox::browser::Browser;
use sandbox::{ClientRegistration, Sandbox, SandboxConfig, Scenario};
use url::Url;

use crate::case::{Case, Expected};

const CLIENT_ID: &str = "guichet-conformance";
/// Far above any case's own wait (the slowest is fcplus's 10 s HTTP timeout).
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(30);

/// The control case: an honest provider signs Marie in.
pub fn honest_baseline() -> Case {
    Case::accepts(
        "accepts_an_honest_provider",
        Scenario::Honest,
        "FC+'s real behaviour must sign in, or every refusal below proves nothing",
    )
}

/// How far a case got.
enum Outcome {
    Discovery(SignInError),
    SignIn(Result<Box<VerifiedSignIn>, SignInError>),
}

/// How a case turned out.
pub type Verdict = Result<Pass, String>;

/// A case that holds: as expected, or failing in the known way of a reported fcplus bug.
#[derive(Clone, Debug)]
pub enum Pass {
    AsExpected,
    KnownBug(&'static str),
}

/// Runs `case`; `Err` says why it did not turn out as expected.
pub async fn run(case: &Case) -> Verdict {
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .map_err(|e| format!("the loopback listener does not bind: {e}"))?;
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .map_err(|e| format!("the sandbox does not start: {e}"))?;
    let config = register_client(&sandbox, &listener)?;
    sandbox.set_scenario(CLIENT_ID, case.scenario.clone());
    let outcome = match RelyingParty::discover(config, RelyingPartyOptions::default()).await {
        Err(error) => Outcome::Discovery(error),
        Ok(rp) => Outcome::SignIn(sign_in(&rp, &listener).await.map(Box::new)),
    };
    let known_failure = match (&case.known_bug, &outcome) {
        (Some(bug), Outcome::SignIn(Err(error)) | Outcome::Discovery(error))
            if (bug.currently.matches)(error) =>
        {
            Some(bug.summary)
        }
        _ => None,
    };
    let verdict = judge(&case.expected, outcome)
        .and_then(|()| case.after.map_or(Ok(()), |check| check(&sandbox)));
    sandbox.shutdown().await;
    match (verdict, known_failure, &case.known_bug) {
        (Err(_), Some(summary), _) => Ok(Pass::KnownBug(summary)),
        (Ok(()), _, Some(bug)) => Err(format!(
            "now holds, though marked as the known bug \"{}\": remove the marker",
            bug.summary
        )),
        (Ok(()), _, None) => Ok(Pass::AsExpected),
        (Err(reason), _, _) => Err(format!("{reason} — {}", case.why)),
    }
}

/// Registers the client as Guichet's sandbox mode does: ECDH-ES key, `client_secret_post`,
/// the listener's `/callback` as redirect URI; returns the matching configuration.
pub fn register_client(
    sandbox: &Sandbox,
    listener: &LoopbackListener,
) -> Result<ProviderConfig, String> {
    let keys = DecryptionKeys::generate_ec("conformance-enc")?;
    let secret = random_token();
    let redirect_uri = listener.url_for("/callback");
    sandbox.register_client(ClientRegistration {
        client_id: CLIENT_ID.into(),
        client_secret: Some(secret.clone()),
        redirect_uris: vec![redirect_uri.to_string()],
        post_logout_redirect_uris: Vec::new(),
        jwks: keys.public_jwks(),
        id_token_encrypted_response_alg: "ECDH-ES".into(),
        token_endpoint_auth_method: "client_secret_post".into(),
        eidas_enabled: true,
        scopes: None,
        amr: true,
        // A test client on an http loopback redirect: the sandbox's one leniency.
        loopback_dev: true,
    });
    Ok(ProviderConfig {
        issuer: sandbox.issuer(),
        client_id: CLIENT_ID.into(),
        token_auth: TokenAuth::ClientSecretPost(ClientSecret::new(secret)),
        redirect_uri,
        post_logout_redirect_uri: None,
        decryption_keys: Some(keys),
        scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
        request_amr: true,
        acr: Acr::Eidas3,
        eidas_idp_hint: Some("8aa849db-8402-4f2e-bad9-7471dd21ff94".into()),
        session_lifetime: DEFAULT_SESSION_LIFETIME,
    })
}

/// The real sign-in; the browser runs in its own task, opened from `open_browser` as the app
/// opens a real one. If its script breaks, it cancels the wait and says why.
async fn sign_in(
    rp: &RelyingParty,
    listener: &LoopbackListener,
) -> Result<VerifiedSignIn, SignInError> {
    let cancel = CancelHandle::new();
    let browser_failure: Arc<Mutex<Option<String>>> = Arc::default();
    let (failure, cancel_on_failure) = (Arc::clone(&browser_failure), cancel.clone());
    let open_browser = move |url: &Url| {
        let url = url.clone();
        tokio::spawn(async move {
            if let Err(reason) = browse(url).await {
                *failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(reason);
                cancel_on_failure.cancel();
            }
        });
        Ok(())
    };
    let request = SignInRequest::default();
    let result = fcplus::sign_in(
        rp,
        listener,
        request,
        open_browser,
        SIGN_IN_TIMEOUT,
        &cancel,
    )
    .await;
    let failure = browser_failure
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match (result, failure) {
        (Err(SignInError::Cancelled), Some(reason)) => Err(SignInError::Browser {
            detail: format!("the scripted browser failed: {reason}"),
        }),
        (result, _) => result,
    }
}

/// What a person does: chooser → identity provider 1 → Marie → consent; the last redirect
/// lands on the loopback listener.
pub async fn browse(authorize_url: Url) -> Result<(), String> {
    Browser::new()
        .sign_in(authorize_url, "fip1", "marie")
        .await
        .map(drop)
}

/// Compares what happened with what the case expects.
fn judge(expected: &Expected, outcome: Outcome) -> Result<(), String> {
    match (expected, outcome) {
        (Expected::SignedIn, Outcome::SignIn(Ok(signed_in))) => check_marie(&signed_in),
        (Expected::Refused(refusal), Outcome::SignIn(Err(error)))
        | (Expected::RefusedAtDiscovery(refusal), Outcome::Discovery(error)) => {
            if (refusal.matches)(&error) {
                Ok(())
            } else {
                Err(format!(
                    "expected `{}`, got {error:?} (code {})",
                    refusal.what,
                    error.code()
                ))
            }
        }
        (expected, Outcome::SignIn(Ok(_))) => {
            Err(format!("SIGNED IN, expected {}", describe(expected)))
        }
        (expected, Outcome::SignIn(Err(error))) => Err(format!(
            "refused during sign-in with {error:?} (code {}), expected {}",
            error.code(),
            describe(expected)
        )),
        (expected, Outcome::Discovery(error)) => Err(format!(
            "refused at discovery with {error:?}, expected {}",
            describe(expected)
        )),
    }
}

fn describe(expected: &Expected) -> String {
    match expected {
        Expected::SignedIn => "a sign-in".to_owned(),
        Expected::Refused(refusal) => format!("`{}` during sign-in", refusal.what),
        Expected::RefusedAtDiscovery(refusal) => format!("`{}` at discovery", refusal.what),
    }
}

/// The identity must be Marie Martin's, French, at the level asked.
fn check_marie(signed_in: &VerifiedSignIn) -> Result<(), String> {
    let identity = &signed_in.identity;
    let given = identity
        .identity
        .given_name
        .as_ref()
        .map(|v| v.expose().as_str());
    let family = identity
        .identity
        .family_name
        .as_ref()
        .map(|v| v.expose().as_str());
    if given != Some("Marie") || family != Some("Martin") {
        return Err("signed in, but not as Marie Martin".into());
    }
    if identity.acr != Acr::Eidas3 || identity.origin != Origin::France {
        return Err(format!(
            "signed in with acr {} and origin {:?}, expected eidas3 from France",
            identity.acr, identity.origin
        ));
    }
    Ok(())
}
