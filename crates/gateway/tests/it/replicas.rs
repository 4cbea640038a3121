//! Two `guichet-gateway` processes behind one load balancer address, sharing a real Redis:
//! a sign-in started on one finishes on the other, and killing one mid-sign-in does not break
//! the sign-ins the other serves. Without Redis the same route fails (the control).

use crate::browser::Expect as _;
use reqwest::StatusCode;

use crate::browser::Landing;
use crate::processes::{Balancer, Redis, Replica};
use crate::support::{FRENCH, Files, Kiosk, free_port, query, sandbox, token, verify_id_token};

struct Cluster {
    _files: Files,
    sandbox: sandbox::Sandbox,
    balancer: Balancer,
    a: Replica,
    b: Replica,
    redis: Option<Redis>,
}

async fn cluster(with_redis: bool) -> Cluster {
    let files = Files::new();
    let redis = if with_redis {
        Some(Redis::start().await)
    } else {
        None
    };
    let balancer = Balancer::start().await;
    let sandbox = sandbox(&files, &balancer.url, Vec::new()).await;
    let store = redis
        .as_ref()
        .map(|r| format!("[store]\nredis_url = \"{}\"\n", r.url))
        .unwrap_or_default();
    let mut replicas = Vec::new();
    for name in ["a", "b"] {
        let port = free_port();
        let config = files.config(port, &balancer.url, &sandbox.issuer(), &store);
        let log = files.path(&format!("replica-{name}.log"));
        replicas.push(Replica::start(&config, port, log, "info").await);
    }
    let b = replicas.pop().expect("b");
    let a = replicas.pop().expect("a");
    Cluster {
        _files: files,
        sandbox,
        balancer,
        a,
        b,
        redis,
    }
}

/// Starts a sign-in through the balancer (to whichever replica it routes to): the person is
/// now on FC+'s identity-provider page.
async fn start_sign_in(cluster: &Cluster, kiosk: &Kiosk) -> (crate::browser::Browser, Landing) {
    let browser = kiosk.browser();
    let landing = browser
        .navigate(
            reqwest::Method::GET,
            kiosk.authorize_url(&cluster.balancer.url, &[]),
        )
        .await;
    assert!(
        matches!(&landing, Landing::Page(page) if page.status == StatusCode::OK),
        "{landing:?}"
    );
    (browser, landing)
}

/// Finishes it: FC+'s pages, the callback and `/token` through the balancer.
async fn finish_sign_in(
    cluster: &Cluster,
    kiosk: &Kiosk,
    browser: &crate::browser::Browser,
    landing: Landing,
) -> serde_json::Map<String, serde_json::Value> {
    let back = browser.click(landing, FRENCH).await.kiosk();
    let params = query(&back);
    let code = params
        .get("code")
        .unwrap_or_else(|| panic!("no code in {back}"));
    let (status, body) = token(&cluster.balancer.url, kiosk, code, Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    verify_id_token(
        &cluster.balancer.url,
        body["id_token"].as_str().expect("id_token"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_started_on_one_replica_finishes_on_the_other() {
    let cluster = cluster(true).await;
    let kiosk = Kiosk::new();
    cluster.balancer.route_to(cluster.a.port);
    let (browser, landing) = start_sign_in(&cluster, &kiosk).await;
    cluster.balancer.route_to(cluster.b.port);
    let claims = finish_sign_in(&cluster, &kiosk, &browser, landing).await;
    assert_eq!(claims["given_name"], "Marie");
    assert_eq!(claims["nonce"], kiosk.nonce.as_str());
    assert!(
        cluster.a.logs().contains("\"authorize_accepted\""),
        "replica A started it"
    );
    let b_logs = cluster.b.logs();
    assert!(
        b_logs.contains("\"sign_in_verified\"") && b_logs.contains("\"token_issued\""),
        "replica B finished it:\n{b_logs}"
    );
    assert!(
        !b_logs.contains("\"authorize_accepted\""),
        "B did not start it"
    );
    cluster.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_replica_mid_sign_in_does_not_break_sign_ins_on_the_other() {
    let mut cluster = cluster(true).await;
    cluster.balancer.route_to(cluster.a.port);
    let first = Kiosk::new();
    let (first_browser, first_landing) = start_sign_in(&cluster, &first).await;
    let second = Kiosk::new();
    let (second_browser, second_landing) = start_sign_in(&cluster, &second).await;
    cluster.a.kill().await;
    // The load balancer's health check (`/ready`) takes A out.
    assert!(
        reqwest::get(cluster.a.url.join("/ready").expect("URL"))
            .await
            .is_err(),
        "A is gone"
    );
    cluster.balancer.route_to(cluster.b.port);
    let (one, two) = tokio::join!(
        finish_sign_in(&cluster, &first, &first_browser, first_landing),
        finish_sign_in(&cluster, &second, &second_browser, second_landing),
    );
    assert_eq!(one["nonce"], first.nonce.as_str());
    assert_eq!(two["nonce"], second.nonce.as_str());
    let third = Kiosk::new();
    let (browser, landing) = start_sign_in(&cluster, &third).await;
    let claims = finish_sign_in(&cluster, &third, &browser, landing).await;
    assert_eq!(
        claims["nonce"],
        third.nonce.as_str(),
        "new sign-ins go on on B"
    );
    cluster.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_the_other_replica_cannot_finish_the_sign_in() {
    let cluster = cluster(false).await;
    let kiosk = Kiosk::new();
    cluster.balancer.route_to(cluster.a.port);
    let (browser, landing) = start_sign_in(&cluster, &kiosk).await;
    cluster.balancer.route_to(cluster.b.port);
    let (status, code) = browser.click(landing, FRENCH).await.error_page();
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "unknown_sign_in"),
        "in memory, B knows nothing of A's sign-in: this is what Redis fixes"
    );
    cluster.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_without_redis_is_alive_but_not_ready() {
    let mut cluster = cluster(true).await;
    cluster.redis.as_mut().expect("redis").kill().await;
    let get = |path: &str| reqwest::get(cluster.a.url.join(path).expect("URL"));
    assert_eq!(
        get("/health").await.expect("health").status(),
        StatusCode::OK,
        "the process still answers (liveness)"
    );
    let ready = get("/ready").await.expect("ready");
    assert_eq!(
        ready.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "a load balancer must stop sending sign-ins it cannot record"
    );
    cluster.sandbox.shutdown().await;
}
