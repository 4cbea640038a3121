//! Runs one case: a fresh sandbox in the case's scenario, a client registered with a real
//! loopback redirect URI, discovery, then `fcplus::sign_in` with the scripted browser; then the
//! openidconnect oracle signs in with the same sandbox and its verdict is compared.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use fcplus::config::{DEFAULT_SCOPES, DEFAULT_SESSION_LIFETIME};
use fcplus::sensitive::{ClientSecret, random_token};
use fcplus::{
    Acr, CancelHandle, DecryptionKeys, LoopbackListener, Origin, ProviderConfig, RelyingParty,
    RelyingPartyOptions, SignInError, SignInRequest, TokenAuth, VerifiedSignIn,
};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use sandbox::browser::Browser;
use sandbox::{ClientRegistration, Sandbox, SandboxConfig, Scenario};
use url::Url;

use crate::case::{Case, Expected, Oracle};
use crate::oracle::{self, Judgement, RedirectCatcher};

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

/// How the oracle's verdict compared with fcplus's, when it held.
#[derive(Clone, Debug)]
pub enum OracleOutcome {
    /// Both signed in or both refused; what the oracle said.
    Agreed(String),
    /// The opposite verdict, as the case's reason says; what the oracle said.
    DisagreedAsWritten(String),
    /// The provider gave no ID token to judge, as the case says.
    NoToken(String),
}

/// fcplus's verdict on a case and the oracle's comparison (`Err`: why it does not hold).
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub verdict: Verdict,
    pub oracle: Result<OracleOutcome, String>,
    /// The oracle's refusal came from the test's JWE layer, before openidconnect saw a token.
    pub oracle_stopped_at_the_jwe_layer: bool,
}

/// Runs `case`: fcplus's verdict, then the oracle's beside it.
pub async fn run(case: &Case) -> CaseResult {
    match run_both(case).await {
        Ok(result) => result,
        Err(setup) => CaseResult {
            verdict: Err(setup.clone()),
            oracle: Err(format!("not run: {setup}")),
            oracle_stopped_at_the_jwe_layer: false,
        },
    }
}

/// `Err` when the case could not even be set up.
async fn run_both(case: &Case) -> Result<CaseResult, String> {
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .map_err(|e| format!("the loopback listener does not bind: {e}"))?;
    let catcher = RedirectCatcher::bind().await?;
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .map_err(|e| format!("the sandbox does not start: {e}"))?;
    let (config, oracle_client) = register(&sandbox, &listener, Some(catcher.url()))?;
    sandbox.set_scenario(CLIENT_ID, case.scenario.clone());
    let mut fcplus_nonce = None;
    let outcome = match RelyingParty::discover(config, RelyingPartyOptions::default()).await {
        Err(error) => Outcome::Discovery(error),
        Ok(rp) => {
            let (result, nonce) = sign_in(&rp, &listener).await;
            fcplus_nonce = nonce;
            Outcome::SignIn(result.map(Box::new))
        }
    };
    // The very ID token fcplus accepted, with the nonce it sent, for openidconnect to judge too.
    let accepted = match (&outcome, fcplus_nonce) {
        (Outcome::SignIn(Ok(signed_in)), Some(nonce)) => {
            Some((signed_in.id_token.secret().to_owned(), nonce))
        }
        _ => None,
    };
    let fcplus_signed_in = matches!(outcome, Outcome::SignIn(Ok(_)));
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
    // After the case's own checks, so that the oracle's requests do not count in them.
    let mut judgement = oracle::sign_in(&oracle_client, &catcher).await;
    if let (Judgement::Accepted, Some((jws, nonce))) = (&judgement, &accepted) {
        judgement = oracle::judge_fcplus_id_token(&oracle_client, jws, nonce).await;
    }
    sandbox.shutdown().await;
    let verdict = match (verdict, known_failure, &case.known_bug) {
        (Err(_), Some(summary), _) => Ok(Pass::KnownBug(summary)),
        (Ok(()), _, Some(bug)) => Err(format!(
            "now holds, though marked as the known bug \"{}\": remove the marker",
            bug.summary
        )),
        (Ok(()), _, None) => Ok(Pass::AsExpected),
        (Err(reason), _, _) => Err(format!("{reason} — {}", case.why)),
    };
    Ok(CaseResult {
        verdict,
        oracle: compare(&case.oracle, fcplus_signed_in, &judgement),
        oracle_stopped_at_the_jwe_layer: judgement.stopped_at_the_jwe_layer(),
    })
}

/// fcplus's verdict (signed in or not) against openidconnect's, as the case says they compare.
fn compare(
    expected: &Oracle,
    fcplus_signed_in: bool,
    judgement: &Judgement,
) -> Result<OracleOutcome, String> {
    let fcplus = if fcplus_signed_in {
        "fcplus signed in"
    } else {
        "fcplus refused"
    };
    let said = shorten(&judgement.to_string());
    let oracle_accepted = match judgement {
        Judgement::Accepted => true,
        Judgement::Refused { .. } => false,
        Judgement::NoToken(_) => {
            return match expected {
                Oracle::NoToken if !fcplus_signed_in => Ok(OracleOutcome::NoToken(said)),
                Oracle::NoToken => Err(format!("ORACLE: {said}, yet {fcplus}")),
                Oracle::Agrees | Oracle::Disagrees(_) => Err(format!(
                    "ORACLE: {said}, but the case expects openidconnect to judge a token \
                     ({fcplus})"
                )),
            };
        }
    };
    match expected {
        Oracle::NoToken => Err(format!(
            "ORACLE: the oracle got a token ({said}; {fcplus}), though the case says the \
             provider gives none: say whether it agrees"
        )),
        Oracle::Agrees if oracle_accepted == fcplus_signed_in => Ok(OracleOutcome::Agreed(said)),
        Oracle::Agrees => Err(format!(
            "ORACLE DISAGREES: {fcplus}, but {said}; find out which is wrong, and only once it \
             is understood write the reason (`Case::oracle_disagrees`)"
        )),
        Oracle::Disagrees(_) if oracle_accepted != fcplus_signed_in => {
            Ok(OracleOutcome::DisagreedAsWritten(said))
        }
        Oracle::Disagrees(reason) => Err(format!(
            "ORACLE AGREES now ({fcplus}, {said}), though the case says it disagrees \
             (\"{reason}\"): remove the reason"
        )),
    }
}

/// The first 160 characters of `text`, for a report line.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Registers the client as Guichet's sandbox mode does: ECDH-ES key, `client_secret_post`,
/// the listener's `/callback` as redirect URI; returns the matching configuration.
pub fn register_client(
    sandbox: &Sandbox,
    listener: &LoopbackListener,
) -> Result<ProviderConfig, String> {
    register(sandbox, listener, None).map(|(config, _)| config)
}

/// [`register_client`], with the oracle's redirect URI registered too when given; also returns
/// the client as the oracle knows it (same secret, same private key).
fn register(
    sandbox: &Sandbox,
    listener: &LoopbackListener,
    oracle_redirect: Option<&Url>,
) -> Result<(ProviderConfig, oracle::Client), String> {
    // As `DecryptionKeys::generate_ec` makes it, kept for the oracle's own decryption.
    let mut key = Jwk::generate_ec_key(EcCurve::P256).map_err(|e| e.to_string())?;
    key.set_key_id("conformance-enc");
    key.set_key_use("enc");
    let keys = DecryptionKeys::from_keys(vec![key.clone()])?;
    let secret = random_token();
    let redirect_uri = listener.url_for("/callback");
    let mut redirect_uris = vec![redirect_uri.to_string()];
    redirect_uris.extend(oracle_redirect.map(Url::to_string));
    sandbox.register_client(ClientRegistration::loopback(
        CLIENT_ID,
        &secret,
        redirect_uris,
        keys.public_jwks(),
    ));
    let oracle_client = oracle::Client {
        issuer: sandbox.issuer(),
        client_id: CLIENT_ID.into(),
        client_secret: secret.clone(),
        decryption_key: key,
    };
    let config = ProviderConfig {
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
    };
    Ok((config, oracle_client))
}

/// The real sign-in; the browser runs in its own task, opened from `open_browser` as the app
/// opens a real one. If its script breaks, it cancels the wait and says why. Also returns the
/// nonce of the authorize URL fcplus opened.
async fn sign_in(
    rp: &RelyingParty,
    listener: &LoopbackListener,
) -> (Result<VerifiedSignIn, SignInError>, Option<String>) {
    let cancel = CancelHandle::new();
    let browser_failure: Arc<Mutex<Option<String>>> = Arc::default();
    let (failure, cancel_on_failure) = (Arc::clone(&browser_failure), cancel.clone());
    let sent_nonce: Arc<Mutex<Option<String>>> = Arc::default();
    let nonce_slot = Arc::clone(&sent_nonce);
    let open_browser = move |url: &Url| {
        *nonce_slot.lock().unwrap_or_else(PoisonError::into_inner) = url
            .query_pairs()
            .find(|(name, _)| name == "nonce")
            .map(|(_, value)| value.into_owned());
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
    let result = match (result, failure) {
        (Err(SignInError::Cancelled), Some(reason)) => Err(SignInError::Browser {
            detail: format!("the scripted browser failed: {reason}"),
        }),
        (result, _) => result,
    };
    let nonce = sent_nonce
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    (result, nonce)
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
