//! Real processes: `guichet-gateway serve` replicas, a Redis server, and a small TCP load
//! balancer whose backend the test chooses request by request.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use url::Url;

use crate::support::{free_port, wait_ready};

/// One `guichet-gateway serve` process; its JSON logs go to a file.
pub struct Replica {
    pub child: Child,
    pub url: Url,
    pub port: u16,
    pub log: PathBuf,
}

impl Replica {
    pub async fn start(config: &Path, port: u16, log: PathBuf, level: &str) -> Self {
        let file = std::fs::File::create(&log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_guichet-gateway"))
            .args(["serve", "--config"])
            .arg(config)
            .env("GUICHET_GATEWAY_LOG", level)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(file))
            .kill_on_drop(true)
            .spawn()
            .expect("guichet-gateway runs");
        let url = Url::parse(&format!("http://127.0.0.1:{port}")).expect("URL");
        let replica = Self {
            child,
            url,
            port,
            log,
        };
        wait_ready(&replica.url).await;
        replica
    }

    /// SIGKILL, as a crash or an OOM kill would.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("kill the replica");
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// `redis-server` on a free loopback port, nothing persisted.
pub struct Redis {
    child: Child,
    pub url: String,
}

impl Redis {
    pub async fn start() -> Self {
        let port = free_port();
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("redis-server must be installed (apt-get install redis-server)");
        let start = std::time::Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "redis-server did not start"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self {
            child,
            url: format!("redis://127.0.0.1:{port}/0"),
        }
    }

    /// SIGKILL: Redis goes away.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("kill redis");
    }
}

/// A TCP load balancer: each new connection goes to the backend port set last.
pub struct Balancer {
    pub url: Url,
    backend: Arc<AtomicU16>,
    task: tokio::task::JoinHandle<()>,
}

impl Balancer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("balancer binds");
        let url = Url::parse(&format!(
            "http://{}",
            listener.local_addr().expect("address")
        ))
        .expect("URL");
        let backend = Arc::new(AtomicU16::new(0));
        let target = Arc::clone(&backend);
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let port = target.load(Ordering::SeqCst);
                tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(("127.0.0.1", port)).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Self { url, backend, task }
    }

    /// Sends the next connections to `port`.
    pub fn route_to(&self, port: u16) {
        self.backend.store(port, Ordering::SeqCst);
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
