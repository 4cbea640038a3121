//! The kiosk's browser in these tests: the sandbox's scripted browser (`sandbox::browser`),
//! stopping where a redirect leaves for the kiosk's loopback port (as the real browser would
//! hand it to the kiosk's listener), with what the tests expect of where it landed.

use reqwest::{Method, StatusCode};
use sandbox::browser::{self, text_of};
pub use sandbox::browser::{Landing, Page};
use url::Url;

/// What a test expects of a landing; a panic shows where the browser got stuck.
pub trait Expect {
    /// The kiosk redirect.
    fn kiosk(self) -> Url;
    /// An error page's status and `error-code`.
    fn error_page(self) -> (StatusCode, String);
}

impl Expect for Landing {
    fn kiosk(self) -> Url {
        match self {
            Landing::Stopped(url) => url,
            Landing::Page(Page { url, status, html }) => {
                panic!("expected a redirect to the kiosk, got HTTP {status} at {url}: {html}")
            }
        }
    }

    fn error_page(self) -> (StatusCode, String) {
        match self {
            Landing::Page(Page { status, html, .. }) => (
                status,
                text_of(&html, "error-code").unwrap_or_else(|| panic!("no error code: {html}")),
            ),
            Landing::Stopped(url) => panic!("expected an error page, got a redirect to {url}"),
        }
    }
}

/// One browser with its own cookie jar, stopping at the kiosk's redirect URI.
pub struct Browser(browser::Browser);

impl Browser {
    pub fn new(stop_prefix: &str) -> Self {
        Self(browser::Browser::stopping_at(stop_prefix))
    }

    /// Opens `url`, clicks `clicks` in order, and returns where it landed.
    pub async fn sign_in(&self, url: Url, clicks: &[&str]) -> Landing {
        let landing = self.navigate(Method::GET, url).await;
        self.click(landing, clicks).await
    }

    /// Clicks `clicks` in order from the page `landing`.
    pub async fn click(&self, mut landing: Landing, clicks: &[&str]) -> Landing {
        for id in clicks {
            let page = match landing {
                Landing::Page(page) if page.status == StatusCode::OK => page,
                other => panic!("cannot click #{id}: {other:?}"),
            };
            landing = self
                .0
                .follow_click(&page, id)
                .await
                .unwrap_or_else(|e| panic!("{e}: {}", page.html));
        }
        landing
    }

    /// Follows redirects from `url` until a page, or a redirect to the kiosk.
    pub async fn navigate(&self, method: Method, url: Url) -> Landing {
        self.0
            .navigate(method, url)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }
}
