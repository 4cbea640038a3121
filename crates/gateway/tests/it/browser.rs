//! A scripted browser: keeps cookies, follows redirects one by one, clicks the sandbox's pages
//! by element id, and stops where a redirect leaves for the kiosk's loopback port (as the real
//! browser would hand it to the kiosk's listener).

use reqwest::{Method, StatusCode, redirect};
use sandbox::browser::{ClickTarget, text_of};
use url::Url;

const MAX_HOPS: usize = 12;

/// Where the browser ended up.
#[derive(Debug)]
pub enum Landing {
    /// A redirect to a URL starting with the stop prefix (the kiosk's redirect URI).
    Kiosk(Url),
    /// A page that ended the redirects (any status).
    Page {
        url: Url,
        status: StatusCode,
        html: String,
    },
}

impl Landing {
    /// The kiosk redirect, or a panic that shows where the browser got stuck.
    pub fn kiosk(self) -> Url {
        match self {
            Landing::Kiosk(url) => url,
            Landing::Page { url, status, html } => {
                panic!("expected a redirect to the kiosk, got HTTP {status} at {url}: {html}")
            }
        }
    }

    /// The `error-code` of an error page, or a panic.
    pub fn error_page(self) -> (StatusCode, String) {
        match self {
            Landing::Page { status, html, .. } => (
                status,
                text_of(&html, "error-code").unwrap_or_else(|| panic!("no error code: {html}")),
            ),
            Landing::Kiosk(url) => panic!("expected an error page, got a redirect to {url}"),
        }
    }
}

/// One browser with its own cookie jar.
pub struct Browser {
    http: reqwest::Client,
    stop_prefix: String,
}

impl Browser {
    pub fn new(stop_prefix: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            // A new connection per request, so a load balancer in front can route each one.
            .pool_max_idle_per_host(0)
            .build()
            .expect("the test HTTP client builds");
        Self {
            http,
            stop_prefix: stop_prefix.to_owned(),
        }
    }

    /// Opens `url`, clicks `clicks` in order, and returns where it landed.
    pub async fn sign_in(&self, url: Url, clicks: &[&str]) -> Landing {
        let landing = self.navigate(Method::GET, url).await;
        self.click(landing, clicks).await
    }

    /// Clicks `clicks` in order from the page `landing`.
    pub async fn click(&self, mut landing: Landing, clicks: &[&str]) -> Landing {
        for id in clicks {
            let (url, html) = match &landing {
                Landing::Page { url, html, status } if *status == StatusCode::OK => {
                    (url.clone(), html.clone())
                }
                other => panic!("cannot click #{id}: {other:?}"),
            };
            let target =
                ClickTarget::find(&html, id).unwrap_or_else(|| panic!("no #{id} on {url}: {html}"));
            landing = self
                .navigate(target.method, url.join(&target.url).expect("element URL"))
                .await;
        }
        landing
    }

    /// Follows redirects from `url` until a page, or a redirect to the kiosk.
    pub async fn navigate(&self, mut method: Method, mut url: Url) -> Landing {
        for _ in 0..MAX_HOPS {
            if url.as_str().starts_with(&self.stop_prefix) {
                return Landing::Kiosk(url);
            }
            let response = self
                .http
                .request(method.clone(), url.clone())
                .send()
                .await
                .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .expect("a redirect has a Location");
                url = url.join(location).expect("Location is a URL");
                method = Method::GET;
                continue;
            }
            let html = response.text().await.unwrap_or_default();
            // FC+'s logout page submits its form by script as it loads, as a browser does.
            if status == StatusCode::OK
                && let Some(form) = ClickTarget::auto_submitted(&html)
            {
                url = url.join(&form.url).expect("form action is a URL");
                method = form.method;
                continue;
            }
            return Landing::Page { url, status, html };
        }
        panic!("too many redirects at {url}");
    }
}
