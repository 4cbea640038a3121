//! The loopback listener that catches FC+'s redirect: bound on a loopback address before the
//! browser opens, it answers only the awaited redirect and survives anything else sent to it.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use url::Url;

use crate::callback::{Classified, Expected, Redirect, classify};
use crate::error::SignInError;
use crate::page::{Page, PageLanguage, content_security_policy, render, render_in};
use crate::request::{MAX_REQUEST_HEAD, RequestError, parse_head};

// Why the listener could not start: defined in `error`, beside the sign-in's error that wraps it.
pub use crate::error::LoopbackError;

/// How long one connection may take to send its request head.
pub const REQUEST_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once (each holds at most an 8 KiB head). At the limit the connection
/// that has waited longest is closed to make room: a slow or idle client is the one to go,
/// while the browser's redirect, which sends its request at once, gets in.
pub const MAX_CONNECTIONS: usize = 128;

/// A handle that cancels a wait from elsewhere (the app's cancel button, Ctrl-C).
#[derive(Debug, Clone)]
pub struct CancelHandle(Arc<watch::Sender<bool>>);

impl CancelHandle {
    /// A new, not yet cancelled handle.
    pub fn new() -> Self {
        Self(Arc::new(watch::channel(false).0))
    }

    /// Cancels every wait using this handle, now or later.
    pub fn cancel(&self) {
        self.0.send_replace(true);
    }

    async fn cancelled(&self) {
        let mut receiver = self.0.subscribe();
        // Only fails if the sender is gone, which cannot happen while `self` holds it.
        let _ = receiver.wait_for(|cancelled| *cancelled).await;
    }
}

impl Default for CancelHandle {
    fn default() -> Self {
        Self::new()
    }
}

/// A TCP listener on the exact loopback address and port of the redirect URI.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    base: Url,
}

impl LoopbackListener {
    /// Binds the host and port of `redirect_uri` (port 0: any free port). Refuses anything but
    /// a loopback IP literal: never `0.0.0.0`, never a name such as `localhost`.
    pub async fn bind(redirect_uri: &Url) -> Result<Self, LoopbackError> {
        let ip: IpAddr = match redirect_uri.host() {
            Some(url::Host::Ipv4(ip)) => ip.into(),
            Some(url::Host::Ipv6(ip)) => ip.into(),
            _ => {
                return Err(LoopbackError::NotLoopback(
                    redirect_uri.host_str().unwrap_or("").to_owned(),
                ));
            }
        };
        if redirect_uri.scheme() != "http" {
            return Err(LoopbackError::Unusable(redirect_uri.to_string()));
        }
        let port = redirect_uri.port().unwrap_or(0);
        Self::bind_addr(SocketAddr::new(ip, port)).await
    }

    /// Binds a socket address, which must be loopback.
    pub async fn bind_addr(addr: SocketAddr) -> Result<Self, LoopbackError> {
        if !addr.ip().is_loopback() {
            return Err(LoopbackError::NotLoopback(addr.ip().to_string()));
        }
        let listener = TcpListener::bind(addr).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => LoopbackError::PortInUse { port: addr.port() },
            _ => LoopbackError::Io(e),
        })?;
        let local = listener.local_addr()?;
        let base = Url::parse(&format!("http://{local}/"))
            .map_err(|e| LoopbackError::Unusable(e.to_string()))?;
        tracing::debug!(event = "loopback_bound", port = local.port());
        Ok(Self { listener, base })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        // The socket was bound in `bind_addr`, which already read this successfully.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// `http://127.0.0.1:PORT{path}` on the bound port, for registering redirect URIs.
    pub fn url_for(&self, path: &str) -> Url {
        self.base.join(path).unwrap_or_else(|_| self.base.clone())
    }

    /// Serves requests until the awaited redirect arrives, the timeout passes or `cancel`
    /// fires. Other requests are answered and ignored. The redirect's tab is answered at once
    /// with the page of what it brought (French then English); see [`Self::wait_answering`]
    /// to answer it once the outcome is known.
    pub async fn wait(
        &self,
        expected: Expected,
        timeout: Duration,
        cancel: &CancelHandle,
    ) -> Result<Redirect, SignInError> {
        let (redirect, answer) = self.wait_answering(expected, timeout, cancel, None).await?;
        answer
            .send(match redirect {
                Redirect::Code(_) => Page::SignedIn,
                Redirect::LoggedOut => Page::LoggedOut,
            })
            .await;
        Ok(redirect)
    }

    /// [`Self::wait`], but the redirect's tab waits for its page: the caller sends it with
    /// [`Answer::send`] once it knows how the sign-in ended (verified and kept, or not), so the
    /// person is never told "signed in" before it is true. A redirect that ends the wait in
    /// error (the person cancelled at FC+, FC+'s error) is answered at once with its page. The
    /// pages are in `language`, else French then English.
    pub async fn wait_answering(
        &self,
        expected: Expected,
        timeout: Duration,
        cancel: &CancelHandle,
        language: Option<PageLanguage>,
    ) -> Result<(Redirect, Answer), SignInError> {
        let expected = Arc::new(expected);
        let mut active: std::collections::VecDeque<tokio::task::AbortHandle> = Default::default();
        let (done_tx, mut done_rx) = mpsc::channel::<Result<(Redirect, Answer), SignInError>>(1);
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let outcome = loop {
            tokio::select! {
                biased;
                () = cancel.cancelled() => break Err(SignInError::Cancelled),
                Some(result) = done_rx.recv() => break result,
                () = &mut deadline => break Err(SignInError::TimedOut),
                accepted = self.listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    active.retain(|task| !task.is_finished());
                    if active.len() >= MAX_CONNECTIONS
                        && let Some(oldest) = active.pop_front()
                    {
                        oldest.abort();
                        tracing::warn!(event = "loopback_connection_evicted", reason = "too_many");
                    }
                    let expected = expected.clone();
                    let done = done_tx.clone();
                    let task = tokio::spawn(async move {
                        if let Some(result) = serve(stream, &expected, language).await {
                            // Only the first finished redirect counts; the channel holds one.
                            // A later one's tab is answered by its `Answer` being dropped.
                            let _ = done.try_send(result);
                        }
                    });
                    active.push_back(task.abort_handle());
                }
            }
        };
        // Connections still open (strays, slow clients) end with the wait.
        active.iter().for_each(tokio::task::AbortHandle::abort);
        match &outcome {
            Ok(_) => tracing::info!(event = "redirect_received"),
            Err(e) => tracing::info!(event = "redirect_wait_ended", code = %e.code()),
        }
        outcome
    }
}

/// The tab of the redirect that ended a wait, waiting for its page. Dropped unsent (an error
/// on the way, a task cancelled), it shows the failure page: never a success that did not
/// happen.
#[derive(Debug)]
pub struct Answer {
    stream: Option<TcpStream>,
    language: Option<PageLanguage>,
}

impl Answer {
    /// Shows `page` in the tab, in the wait's language.
    pub async fn send(mut self, page: Page) {
        if let Some(mut stream) = self.stream.take() {
            respond(&mut stream, 200, &render_in(page, self.language)).await;
        }
    }
}

impl Drop for Answer {
    fn drop(&mut self) {
        let Some(mut stream) = self.stream.take() else {
            return;
        };
        let body = render_in(Page::Failed, self.language);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { respond(&mut stream, 200, &body).await });
        }
    }
}

/// Reads one request with bounds on size and time, answers it, and says whether it finished
/// the wait.
async fn serve(
    mut stream: TcpStream,
    expected: &Expected,
    language: Option<PageLanguage>,
) -> Option<Result<(Redirect, Answer), SignInError>> {
    let mut buf = Vec::with_capacity(1024);
    let read = tokio::time::timeout(REQUEST_READ_TIMEOUT, async {
        let mut chunk = [0u8; 1024];
        loop {
            match parse_head(&buf) {
                Ok(Some(head)) => return Ok((head.method.to_owned(), head.target.to_owned())),
                Ok(None) => {}
                Err(e) => return Err(Some(e)),
            }
            let n = stream.read(&mut chunk).await.map_err(|_| None)?;
            if n == 0 {
                return Err(None);
            }
            let room = MAX_REQUEST_HEAD + 4 - buf.len().min(MAX_REQUEST_HEAD + 4);
            buf.extend_from_slice(&chunk[..n.min(room.max(1))]);
        }
    })
    .await;
    let (method, target) = match read {
        Ok(Ok(head)) => head,
        Ok(Err(Some(RequestError::TooLarge))) => {
            respond(&mut stream, 431, &render(Page::BadRequest)).await;
            return None;
        }
        Ok(Err(Some(RequestError::Malformed))) => {
            respond(&mut stream, 400, &render(Page::BadRequest)).await;
            return None;
        }
        // Closed early or too slow: nothing to answer.
        Ok(Err(None)) | Err(_) => return None,
    };
    match classify(&method, &target, expected) {
        Classified::Stray => {
            respond(&mut stream, 404, &render(Page::NotFound)).await;
            None
        }
        Classified::WrongState => {
            tracing::warn!(event = "redirect_ignored", reason = "state_mismatch");
            respond(&mut stream, 400, &render(Page::BadRequest)).await;
            None
        }
        Classified::Finished(Ok(redirect)) => {
            let answer = Answer {
                stream: Some(stream),
                language,
            };
            Some(Ok((redirect, answer)))
        }
        Classified::Finished(Err(e)) => {
            let page = if e.code() == codes::Code::AccessDenied {
                Page::Cancelled
            } else {
                Page::Failed
            };
            respond(&mut stream, 200, &render_in(page, language)).await;
            Some(Err(e))
        }
    }
}

async fn respond(stream: &mut TcpStream, status: u16, body: &str) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Request Header Fields Too Large",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\n\
         Content-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         Cache-Control: no-store\r\n\
         Referrer-Policy: no-referrer\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Content-Security-Policy: {}\r\n\
         Connection: close\r\n\r\n",
        body.len(),
        content_security_policy()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    // A client that vanished or stalls does not matter: the outcome is already decided.
    let _ = tokio::time::timeout(REQUEST_READ_TIMEOUT, write).await;
}

#[cfg(test)]
mod tests;
