use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use super::*;
use crate::callback::RedirectKind;

const STATE: &str = "state-0123456789abcdefghijklmnop";
const ISS: &str = "http%3A%2F%2F127.0.0.1%3A1%2Fapi%2Fv2";

fn expected() -> Expected {
    Expected {
        path: "/callback".into(),
        state: STATE.into(),
        issuer: "http://127.0.0.1:1/api/v2".into(),
        require_iss: true,
        kind: RedirectKind::Authorization,
    }
}

async fn listener() -> LoopbackListener {
    LoopbackListener::bind(&Url::parse("http://127.0.0.1:0/callback").unwrap())
        .await
        .unwrap()
}

/// Sends raw bytes and returns the whole answer (empty when the listener just closes).
async fn send(addr: SocketAddr, raw: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(raw).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(target: &str) -> Vec<u8> {
    format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").into_bytes()
}

#[tokio::test]
async fn refuses_to_bind_anything_but_loopback() {
    for url in [
        "http://0.0.0.0:0/callback",
        "http://192.0.2.1:0/callback",
        "http://localhost:0/callback",
        "http://[::]:0/callback",
    ] {
        let err = LoopbackListener::bind(&Url::parse(url).unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(err, LoopbackError::NotLoopback(_)),
            "{url} must be refused, got {err:?}"
        );
    }
    let err = LoopbackListener::bind_addr("0.0.0.0:0".parse().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, LoopbackError::NotLoopback(_)));
}

#[tokio::test]
async fn binds_the_exact_port_and_says_when_it_is_taken() {
    let first = listener().await;
    let port = first.local_addr().port();
    let url = Url::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
    let err = LoopbackListener::bind(&url).await.unwrap_err();
    assert!(
        matches!(err, LoopbackError::PortInUse { port: p } if p == port),
        "{err:?}"
    );
}

#[tokio::test]
async fn strays_and_forgeries_do_not_end_the_wait_but_the_real_redirect_does() {
    let listener = listener().await;
    let addr = listener.local_addr();
    let cancel = CancelHandle::new();
    let client = tokio::spawn(async move {
        let favicon = send(addr, &get("/favicon.ico")).await;
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        let forged = send(
            addr,
            &get(&format!("/callback?code=evil&state=guess&iss={ISS}")),
        )
        .await;
        assert!(forged.starts_with("HTTP/1.1 400"), "{forged}");
        let garbage = send(addr, b"\x16\x03\x01garbage\r\n\r\n").await;
        assert!(garbage.starts_with("HTTP/1.1 400"), "{garbage}");
        let real = send(
            addr,
            &get(&format!("/callback?code=good&state={STATE}&iss={ISS}")),
        )
        .await;
        assert!(real.starts_with("HTTP/1.1 200"), "{real}");
        assert!(
            real.contains("Guichet") && real.contains("no-store"),
            "{real}"
        );
    });
    let result = listener
        .wait(expected(), Duration::from_secs(20), &cancel)
        .await;
    client.await.unwrap();
    match result {
        Ok(Redirect::Code(code)) => assert_eq!(
            code.secret(),
            "good",
            "only the genuine code may come through"
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn oversized_requests_get_431_and_the_wait_goes_on() {
    let listener = listener().await;
    let addr = listener.local_addr();
    let cancel = CancelHandle::new();
    let canceller = cancel.clone();
    let client = tokio::spawn(async move {
        let mut huge = b"GET /callback?".to_vec();
        huge.extend(std::iter::repeat_n(b'a', 64 * 1024));
        let answer = send(addr, &huge).await;
        assert!(
            answer.starts_with("HTTP/1.1 431"),
            "{}",
            &answer[..answer.len().min(80)]
        );
        canceller.cancel();
    });
    let result = listener
        .wait(expected(), Duration::from_secs(20), &cancel)
        .await;
    client.await.unwrap();
    assert!(
        matches!(result, Err(SignInError::Cancelled)),
        "only the cancel ends it: {result:?}"
    );
}

#[tokio::test]
async fn times_out_when_nobody_comes_back() {
    let listener = listener().await;
    let result = listener
        .wait(expected(), Duration::from_millis(200), &CancelHandle::new())
        .await;
    assert!(matches!(result, Err(SignInError::TimedOut)), "{result:?}");
}

#[tokio::test]
async fn a_cancel_before_the_wait_still_cancels_it() {
    let listener = listener().await;
    let cancel = CancelHandle::new();
    cancel.cancel();
    let result = listener
        .wait(expected(), Duration::from_secs(20), &cancel)
        .await;
    assert!(matches!(result, Err(SignInError::Cancelled)), "{result:?}");
}

#[tokio::test]
async fn a_provider_error_redirect_ends_the_wait_with_its_code() {
    let listener = listener().await;
    let addr = listener.local_addr();
    let client = tokio::spawn(async move {
        send(
            addr,
            &get(&format!(
                "/callback?error=access_denied&state={STATE}&iss={ISS}"
            )),
        )
        .await
    });
    let result = listener
        .wait(expected(), Duration::from_secs(20), &CancelHandle::new())
        .await;
    let page = client.await.unwrap();
    assert_eq!(result.unwrap_err().code(), codes::Code::AccessDenied);
    assert!(
        page.contains("annulée"),
        "the tab must say the sign-in was cancelled: {page}"
    );
}

#[tokio::test]
async fn slow_clients_do_not_block_the_real_redirect() {
    let listener = listener().await;
    let addr = listener.local_addr();
    let client = tokio::spawn(async move {
        // Many idle connections that never send a full head (a slowloris).
        let mut idle = Vec::new();
        for _ in 0..(MAX_CONNECTIONS + 20) {
            if let Ok(mut s) = TcpStream::connect(addr).await {
                let _ = s.write_all(b"GET /callback?state=").await;
                idle.push(s);
            }
        }
        // The listener is full of idle clients: the oldest make room, the browser gets in.
        let real = send(
            addr,
            &get(&format!("/callback?code=good&state={STATE}&iss={ISS}")),
        )
        .await;
        drop(idle);
        real
    });
    let result = listener
        .wait(expected(), Duration::from_secs(30), &CancelHandle::new())
        .await;
    let real = client.await.unwrap();
    assert!(real.starts_with("HTTP/1.1 200"), "{real}");
    assert!(matches!(result, Ok(Redirect::Code(_))), "{result:?}");
}

/// The tab that brought the code hears nothing until the caller knows the outcome, then the
/// page of that outcome in the caller's language; an answer dropped unsent says it failed.
#[tokio::test]
async fn the_redirects_tab_waits_for_the_real_outcome() {
    let listener = listener().await;
    let addr = listener.local_addr();
    let cancel = CancelHandle::new();
    let raw = get(&format!(
        "/callback?code=secret-code-1&state={STATE}&iss={ISS}"
    ));
    let tab = tokio::spawn(async move { send(addr, &raw).await });
    let (redirect, answer) = listener
        .wait_answering(
            expected(),
            Duration::from_secs(5),
            &cancel,
            Some(PageLanguage::English),
        )
        .await
        .unwrap();
    assert!(matches!(redirect, Redirect::Code(_)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!tab.is_finished(), "no page before the outcome is known");
    answer.send(Page::Held).await;
    let page = tab.await.unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("<title>Identity to be confirmed · Guichet</title>"),
        "{page}"
    );
    assert!(page.contains("<html lang=\"en\">") && !page.contains("id=\"message-fr\""));
    assert!(
        !page.contains("secret-code-1"),
        "the page never shows the code"
    );

    let raw = get(&format!(
        "/callback?code=secret-code-2&state={STATE}&iss={ISS}"
    ));
    let tab = tokio::spawn(async move { send(addr, &raw).await });
    let (_, answer) = listener
        .wait_answering(
            expected(),
            Duration::from_secs(5),
            &cancel,
            Some(PageLanguage::French),
        )
        .await
        .unwrap();
    drop(answer);
    let page = tab.await.unwrap();
    assert!(
        page.contains("<title>Connexion non aboutie · Guichet</title>"),
        "{page}"
    );
}
