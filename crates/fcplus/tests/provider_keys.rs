//! The provider's JWKS over real HTTP on 127.0.0.1: cached, refetched once on an unknown
//! `kid` (key rotation), and never hammered by tokens naming random keys.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::get;
use fcplus::jwks::ProviderKeys;
use fcplus::{JoseError, SignInError, http_client};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use serde_json::{Value, json};

struct JwksServer {
    url: url::Url,
    keys: Arc<Mutex<Value>>,
    hits: Arc<AtomicUsize>,
}

fn public_key(kid: &str) -> Value {
    let mut key = Jwk::generate_ec_key(EcCurve::P256)
        .unwrap()
        .to_public_key()
        .unwrap();
    key.set_key_id(kid);
    key.set_key_use("sig");
    Value::Object(key.as_ref().clone())
}

async fn serve(initial: Vec<Value>) -> JwksServer {
    let keys = Arc::new(Mutex::new(json!({ "keys": initial })));
    let hits = Arc::new(AtomicUsize::new(0));
    let (k, h) = (keys.clone(), hits.clone());
    let app = Router::new().route(
        "/jwks",
        get(move || {
            let (k, h) = (k.clone(), h.clone());
            async move {
                h.fetch_add(1, Ordering::SeqCst);
                axum::Json(k.lock().unwrap().clone())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = url::Url::parse(&format!("http://{}/jwks", listener.local_addr().unwrap())).unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    JwksServer { url, keys, hits }
}

#[tokio::test]
async fn refetches_once_when_the_provider_rotated_its_key() {
    let server = serve(vec![public_key("2026-a")]).await;
    let http = http_client();
    let keys = ProviderKeys::new(server.url.clone(), "iss", None);
    keys.refresh(&http).await.unwrap();
    assert!(keys.key_for(&http, Some("2026-a")).await.is_ok());
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        1,
        "a known key needs no fetch"
    );

    *server.keys.lock().unwrap() = json!({ "keys": [public_key("2026-b")] });
    // The first fetch was just now: the rate limit would refuse an immediate refetch, so a
    // fresh key set object (as after a restart) shows the rotation path.
    let keys = ProviderKeys::new(server.url.clone(), "iss", None);
    let found = keys.key_for(&http, Some("2026-b")).await.unwrap();
    assert_eq!(found.key_id(), Some("2026-b"));
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        2,
        "exactly one refetch for the rotated key"
    );
}

#[tokio::test]
async fn an_unknown_kid_after_the_refetch_is_refused_and_not_fetched_again_at_once() {
    let server = serve(vec![public_key("k1")]).await;
    let http = http_client();
    let keys = ProviderKeys::new(server.url.clone(), "iss", None);
    for _ in 0..5 {
        match keys.key_for(&http, Some("forged-kid")).await {
            Err(SignInError::Token(JoseError::UnknownKey(kid))) => assert_eq!(kid, "forged-kid"),
            other => panic!("unknown kid must be refused: {other:?}"),
        }
    }
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        1,
        "random kids must not make us hammer the provider"
    );
}

#[tokio::test]
async fn no_kid_is_accepted_with_one_key_and_refused_with_several() {
    let http = http_client();
    let one = serve(vec![public_key("only")]).await;
    let keys = ProviderKeys::new(one.url.clone(), "iss", None);
    assert_eq!(
        keys.key_for(&http, None).await.unwrap().key_id(),
        Some("only")
    );

    let two = serve(vec![public_key("a"), public_key("b")]).await;
    let keys = ProviderKeys::new(two.url.clone(), "iss", None);
    assert!(matches!(
        keys.key_for(&http, None).await,
        Err(SignInError::Token(JoseError::AmbiguousKey))
    ));
}

#[tokio::test]
async fn keys_cached_on_disk_serve_an_offline_start() {
    let cache_dir = tempfile::tempdir().unwrap();
    let server = serve(vec![public_key("cached")]).await;
    let http = http_client();
    let cache = fcplus::cache::DocumentCache::new(cache_dir.path());
    ProviderKeys::new(server.url.clone(), "iss", Some(cache.clone()))
        .refresh(&http)
        .await
        .unwrap();
    // The provider goes away: a new process still finds the key in the cache.
    let offline = url::Url::parse("http://127.0.0.1:9/jwks").unwrap();
    let keys = ProviderKeys::new(offline, "iss", Some(cache));
    assert_eq!(
        keys.key_for(&http, Some("cached")).await.unwrap().key_id(),
        Some("cached")
    );
}
