//! HTTPS served by the gateway itself from PEM files (rustls), with a certificate from a test
//! CA made by `openssl`.

use std::path::Path;
use std::process::Command;

use reqwest::StatusCode;
use url::Url;

use crate::support::{Files, free_port, load, sandbox};

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl must be installed");
    assert!(status.success(), "openssl {args:?}");
}

/// A CA and a certificate for 127.0.0.1 signed by it.
fn certificates(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test-ca",
    ]);
    openssl(dir, &ca);
    let mut leaf = vec!["req"];
    leaf.extend(ec);
    leaf.extend([
        "-keyout",
        "key.pem",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    openssl(dir, &leaf);
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .expect("write");
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "cert.pem",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ],
    );
}

#[tokio::test]
async fn serves_https_from_the_configured_certificate() {
    let files = Files::new();
    certificates(files.dir.path());
    let port = free_port();
    let public = Url::parse(&format!("https://127.0.0.1:{port}")).expect("URL");
    let sandbox = sandbox(&files, &public, Vec::new()).await;
    let path = files.config_with(
        port,
        &public,
        &sandbox.issuer(),
        "tls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n",
        "",
    );
    let gateway = gateway::start(load(&path)).await.expect("starts with TLS");
    let ca = std::fs::read(files.path("ca.pem")).expect("CA");
    let https = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&ca).expect("PEM"))
        .build()
        .expect("client");
    let discovery: serde_json::Value = https
        .get(
            public
                .join("/.well-known/openid-configuration")
                .expect("URL"),
        )
        .send()
        .await
        .expect("HTTPS answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(discovery["issuer"], public.as_str().trim_end_matches('/'));
    assert_eq!(
        discovery["token_endpoint"],
        format!("https://127.0.0.1:{port}/token")
    );
    let plain = reqwest::get(format!("http://127.0.0.1:{port}/health")).await;
    assert!(
        plain.map(|r| r.status() != StatusCode::OK).unwrap_or(true),
        "no plain HTTP on the TLS port"
    );
    let untrusted = reqwest::get(public.join("/health").expect("URL")).await;
    assert!(
        untrusted.is_err(),
        "a client without the CA refuses the certificate"
    );
    gateway.shutdown().await;
    sandbox.shutdown().await;
}
