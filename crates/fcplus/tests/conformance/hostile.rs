//! Hostile loopback: while a real sign-in is in progress, other local clients attack the
//! listener (garbage, oversized heads, slow partial requests, hundreds of idle connections,
//! forged callbacks). The real sign-in must still complete, memory stay bounded, nothing crash.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use fcplus::{CancelHandle, LoopbackListener, RelyingParty, RelyingPartyOptions, SignInRequest};
use sandbox::{Sandbox, SandboxConfig};
use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpStream;

use crate::harness::{browse, register_client};

/// One kind of local attacker.
#[derive(Debug, Clone, Copy)]
pub enum Attack {
    Garbage,
    OversizedRequestLine,
    OversizedHeaders,
    SlowPartialRequests,
    HundredsOfIdleConnections,
    ForgedCallbacks,
}

pub const ALL: &[Attack] = &[
    Attack::Garbage,
    Attack::OversizedRequestLine,
    Attack::OversizedHeaders,
    Attack::SlowPartialRequests,
    Attack::HundredsOfIdleConnections,
    Attack::ForgedCallbacks,
];

/// Runs `rounds` attacks against `addr`, or fewer once `stop` is set (after the sign-in the
/// listener no longer accepts, and connections would only queue in the kernel's backlog);
/// returns the connections it holds open.
async fn attack(
    kind: Attack,
    addr: SocketAddr,
    rounds: usize,
    stop: Arc<AtomicBool>,
) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for round in 0..rounds {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let Ok(Ok(mut stream)) =
            tokio::time::timeout(Duration::from_secs(1), TcpStream::connect(addr)).await
        else {
            continue;
        };
        let bytes: Vec<u8> = match kind {
            Attack::Garbage => (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
            Attack::OversizedRequestLine => {
                let mut line = b"GET /callback?".to_vec();
                line.extend(std::iter::repeat_n(b'a', 64 * 1024));
                line
            }
            Attack::OversizedHeaders => {
                let mut head = b"GET /callback HTTP/1.1\r\n".to_vec();
                for i in 0..2000 {
                    head.extend(format!("X-Header-{i}: {}\r\n", "v".repeat(50)).as_bytes());
                }
                head
            }
            Attack::SlowPartialRequests | Attack::HundredsOfIdleConnections => {
                b"GET /call".to_vec()
            }
            Attack::ForgedCallbacks => format!(
                "GET /callback?code=forged-{round}&state=guess-{round} HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .into_bytes(),
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&bytes)).await;
        if matches!(
            kind,
            Attack::SlowPartialRequests | Attack::HundredsOfIdleConnections
        ) {
            held.push(stream);
        }
    }
    held
}

/// Resident memory of this process, in KiB (Linux).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// One case: a real sign-in of Marie while `kind` runs against the listener.
pub async fn run(kind: Attack) -> Result<String, String> {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .map_err(|e| e.to_string())?;
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .map_err(|e| e.to_string())?;
    let config = register_client(&sandbox, &listener)?;
    let rp = RelyingParty::discover(config, RelyingPartyOptions::default())
        .await
        .map_err(|e| format!("discovery: {e}"))?;
    let addr = listener.local_addr();
    let rounds = match kind {
        Attack::HundredsOfIdleConnections => 600,
        Attack::SlowPartialRequests => 150,
        _ => 300,
    };
    let before = rss_kib();
    // The attack starts first and keeps its connections while the person signs in.
    let stop = Arc::new(AtomicBool::new(false));
    let stop_attack = Arc::clone(&stop);
    let attacker = tokio::spawn(async move {
        let held = attack(kind, addr, rounds, stop_attack).await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        drop(held);
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let cancel = CancelHandle::new();
    let result = fcplus::sign_in(
        &rp,
        &listener,
        SignInRequest::default(),
        |url| {
            let url = url.clone();
            tokio::spawn(async move {
                if let Err(e) = browse(url).await {
                    eprintln!("browse failed: {e}");
                }
            });
            Ok(())
        },
        Duration::from_secs(30),
        &cancel,
    )
    .await;
    stop.store(true, Ordering::Relaxed);
    let _ = attacker.await;
    let grown = rss_kib().saturating_sub(before);
    let signed_in =
        result.map_err(|e| format!("the real sign-in failed under attack: {e} ({})", e.code()))?;
    let family = signed_in
        .identity
        .identity
        .family_name
        .as_ref()
        .map(|n| n.expose().clone());
    if family.as_deref() != Some("Martin") {
        return Err("signed in, but not as the person who clicked".into());
    }
    // 128 connections × 8 KiB heads is 1 MiB; allow generous slack for the runtime and TLS
    // state of the rest of the process, but not unbounded buffering of 64 KiB floods.
    if grown > 64 * 1024 {
        return Err(format!("memory grew by {grown} KiB under attack"));
    }
    Ok(format!("signed in; RSS grew {grown} KiB"))
}
