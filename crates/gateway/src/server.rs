//! Starting the gateway: FC+ discovery, the store, the routes, and serving them over plain
//! HTTP (behind a TLS-terminating reverse proxy, or on loopback) or HTTPS with rustls.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use fcplus::{RelyingParty, RelyingPartyOptions};
use hyper_util::rt::TokioIo;
use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_service::Service as _;

use crate::config::{FC_CALLBACK_PATH, FC_LOGGED_OUT_PATH, GatewayConfig};
use crate::limits::RateLimits;
use crate::pages::{NOT_FOUND, harden};
use crate::store::{Store, StoreError};
use crate::{App, authorize, callback, discovery, logout, token};

/// Why the gateway could not start; each says what to check.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// FC+ discovery failed and nothing was cached.
    #[error("FranceConnect+ discovery failed ({0}): check franceconnect.issuer and the network")]
    Provider(#[from] fcplus::SignInError),
    /// Redis could not be reached.
    #[error("{0}: check store.redis_url and that Redis runs")]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr} ({source}): check server.listen")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    /// The certificate or key cannot be used.
    #[error("TLS: {0}: check server.tls_cert and server.tls_key (PEM)")]
    Tls(String),
}

/// A gateway serving in this process. Dropping it stops it.
#[derive(Debug)]
pub struct RunningGateway {
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    pub app: Arc<App>,
}

impl RunningGateway {
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Waits until the server stops (a signal, or [`Self::shutdown`] from elsewhere).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Stops accepting, and waits up to 5 s for requests in flight.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for RunningGateway {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Discovers FC+, opens the store, binds, and serves until stopped.
pub async fn start(config: GatewayConfig) -> Result<RunningGateway, StartError> {
    let issuer = config.issuer();
    let rp = RelyingParty::discover(
        config.provider,
        RelyingPartyOptions {
            cache_dir: config.fc_cache_dir.clone(),
            ..RelyingPartyOptions::default()
        },
    )
    .await?;
    let store = Store::open(&config.store).await?;
    let app = Arc::new(App {
        issuer,
        public_url: config.public_url,
        rp,
        signing: config.signing,
        store,
        limits: RateLimits::new(
            config.limits.authorize_per_minute,
            config.limits.token_per_minute,
        ),
        logout_window: config.limits.logout_window,
        kiosks: config.kiosks,
    });
    let tls = match &config.tls {
        Some((cert, key)) => Some(tls_acceptor(cert, key)?),
        None => None,
    };
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.listen,
            source,
        })?;
    let local_addr = listener.local_addr().map_err(|source| StartError::Bind {
        addr: config.listen,
        source,
    })?;
    let routes = router(Arc::clone(&app));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = match tls {
        None => tokio::spawn(async move {
            let serve = axum::serve(listener, routes).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serve.await {
                tracing::error!(event = "server_failed", %error);
            }
        }),
        Some(acceptor) => tokio::spawn(serve_tls(listener, acceptor, routes, stopped)),
    };
    tracing::info!(
        event = "gateway_started",
        %local_addr,
        store = app.store.name(),
        tls = config.tls.is_some(),
        signing_kid = app.signing.active_kid(),
        kiosks = app.kiosks.len()
    );
    Ok(RunningGateway {
        local_addr,
        stop: Some(stop),
        task: Some(task),
        app,
    })
}

/// Every route. Paths are relative to the server: a reverse proxy that serves the gateway
/// under a path prefix strips it (see docs/DEPLOYMENT.md).
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::discovery),
        )
        .route("/jwks", get(discovery::jwks))
        .route("/authorize", get(authorize::authorize))
        .route("/token", post(token::token))
        .route("/userinfo", get(token::userinfo))
        .route("/session/end", get(logout::session_end))
        .route(FC_CALLBACK_PATH, get(callback::fc_callback))
        .route(FC_LOGGED_OUT_PATH, get(logout::fc_logged_out))
        .route("/health", get(discovery::health))
        .route("/ready", get(discovery::ready))
        .fallback(|| async { NOT_FOUND.into_response() })
        .layer(middleware::from_fn(access_log))
        .with_state(app)
}

/// One log line per request: method, path (never the query, which holds codes and states),
/// status and time. Also hardens every response's headers.
async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let mut response = next.run(request).await;
    harden(&mut response);
    // Only the gateway's own paths are logged as such: anything else is a probe.
    let path = if NAMED_PATHS.contains(&path.as_str()) {
        path
    } else {
        "(other)".to_owned()
    };
    tracing::info!(
        event = "http_request",
        method = %method,
        path,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64
    );
    response
}

const NAMED_PATHS: &[&str] = &[
    "/.well-known/openid-configuration",
    "/jwks",
    "/authorize",
    "/token",
    "/userinfo",
    "/session/end",
    FC_CALLBACK_PATH,
    FC_LOGGED_OUT_PATH,
    "/health",
    "/ready",
];

fn tls_acceptor(cert: &Path, key: &Path) -> Result<tokio_rustls::TlsAcceptor, StartError> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| StartError::Tls(format!("{}: {e}", cert.display())))?
        .collect::<Result<_, _>>()
        .map_err(|e| StartError::Tls(format!("{}: {e}", cert.display())))?;
    if certs.is_empty() {
        return Err(StartError::Tls(format!(
            "{}: no certificate",
            cert.display()
        )));
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| StartError::Tls(format!("{}: {e}", key.display())))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StartError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| StartError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

/// HTTPS: accept, handshake (bounded), then HTTP/1.1 on the TLS stream.
async fn serve_tls(
    listener: TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    routes: Router,
    mut stopped: oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((tcp, _)) = accepted else { continue };
        let acceptor = acceptor.clone();
        let routes = routes.clone();
        tokio::spawn(async move {
            let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await
            else {
                return;
            };
            let service = hyper::service::service_fn(
                move |request: hyper::Request<hyper::body::Incoming>| routes.clone().call(request),
            );
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}
