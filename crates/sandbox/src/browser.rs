//! A scripted browser for tests and benchmarks (feature `browser`): a cookie-keeping HTTP
//! client that follows redirects one by one, at once, and clicks the sandbox's pages by their
//! stable element ids (`idp-*`, `identity-*`, `consent-button`), all the way to the loopback
//! redirect, or to where it is told to stop (a kiosk's loopback port, which a real browser
//! hands to the kiosk's listener). It reads only the sandbox's own markup.

use reqwest::{Method, StatusCode, redirect};
use url::Url;

/// Redirects followed after one request before giving up.
const MAX_HOPS: usize = 12;

/// A loopback port that nothing listens on at the moment of asking, for a server or a redirect
/// URI a test or a benchmark sets up next to the browser (the test suites' one helper).
///
/// # Panics
/// When the system has no free loopback port.
#[must_use]
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

/// A page the browser shows: where it is, its status and its HTML.
#[derive(Debug)]
pub struct Page {
    pub url: Url,
    pub status: StatusCode,
    pub html: String,
}

/// Where a navigation ended.
#[derive(Debug)]
pub enum Landing {
    /// A redirect to a URL under the browser's stop prefix ([`Browser::stopping_at`]).
    Stopped(Url),
    /// A page that ended the redirects, whatever its status.
    Page(Page),
}

/// A browser with its own cookie jar (an FC+ session cookie stays in it).
#[derive(Debug)]
pub struct Browser {
    http: reqwest::Client,
    stop_prefix: Option<String>,
}

impl Browser {
    /// A browser with an empty cookie jar.
    ///
    /// # Panics
    /// When the HTTP client cannot be built (no TLS backend), which only a broken build does.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Browser {
        Self::build(reqwest::Client::builder(), None)
    }

    /// A browser that stops at a redirect to a URL starting with `prefix` (a kiosk's redirect
    /// URI) instead of following it, and opens a new connection per request (so that a load
    /// balancer in front routes each one).
    ///
    /// # Panics
    /// As [`Browser::new`].
    pub fn stopping_at(prefix: &str) -> Browser {
        let builder = reqwest::Client::builder().pool_max_idle_per_host(0);
        Self::build(builder, Some(prefix.to_owned()))
    }

    fn build(builder: reqwest::ClientBuilder, stop_prefix: Option<String>) -> Browser {
        let http = builder
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .build()
            .expect("the scripted browser's HTTP client builds");
        Browser { http, stop_prefix }
    }

    /// What a person does on the sandbox: chooser → identity provider `idp` (e.g. `fip1`) →
    /// identity `identity` (e.g. `marie`) → consent. The last redirect lands on the relying
    /// party's redirect URI; its page is returned.
    pub async fn sign_in(
        &self,
        authorize_url: Url,
        idp: &str,
        identity: &str,
    ) -> Result<Page, String> {
        let chooser = self.open(authorize_url).await?;
        let idp = self.click(&chooser, &format!("idp-{idp}")).await?;
        let consent = self.click(&idp, &format!("identity-{identity}")).await?;
        self.click(&consent, "consent-button").await
    }

    /// Opens `url` and follows redirects to the page that ends them, which must be a 200.
    pub async fn open(&self, url: Url) -> Result<Page, String> {
        Self::ok(self.navigate(Method::GET, url).await?)
    }

    /// Clicks the element `id` of `page`: a link is followed, a button submits its form (POST).
    /// The page it leads to must be a 200.
    pub async fn click(&self, page: &Page, id: &str) -> Result<Page, String> {
        Self::ok(self.follow_click(page, id).await?)
    }

    /// Clicks the element `id` of `page` and says where that ended, whatever the status.
    pub async fn follow_click(&self, page: &Page, id: &str) -> Result<Landing, String> {
        let target = ClickTarget::find(&page.html, id)
            .ok_or_else(|| format!("no clickable element id={id:?} on {}", page.url.path()))?;
        let url = page
            .url
            .join(&target.url)
            .map_err(|e| format!("element {id:?} points at a bad URL: {e}"))?;
        self.navigate(target.method, url).await
    }

    fn ok(landing: Landing) -> Result<Page, String> {
        match landing {
            Landing::Page(page) if page.status == StatusCode::OK => Ok(page),
            Landing::Page(Page { url, status, html }) => {
                let code = text_of(&html, "error-code").unwrap_or_default();
                Err(format!("HTTP {status} at {} (error {code:?})", url.path()))
            }
            Landing::Stopped(url) => Err(format!("stopped at {url}")),
        }
    }

    /// Sends `method` to `url`, follows redirects, and runs what a page's script would submit
    /// at once (`data-auto-submit`), to the page that ends it, or to the stop prefix.
    pub async fn navigate(&self, mut method: Method, mut url: Url) -> Result<Landing, String> {
        for _ in 0..MAX_HOPS {
            if let Some(prefix) = &self.stop_prefix
                && url.as_str().starts_with(prefix.as_str())
            {
                return Ok(Landing::Stopped(url));
            }
            let response = self
                .http
                .request(method.clone(), url.clone())
                .send()
                .await
                .map_err(|e| format!("{method} {} failed: {e}", url.path()))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .ok_or_else(|| format!("HTTP {status} without Location at {}", url.path()))?;
                url = url
                    .join(location)
                    .map_err(|e| format!("bad Location {location:?}: {e}"))?;
                method = Method::GET;
                continue;
            }
            let html = response
                .text()
                .await
                .map_err(|e| format!("reading {}: {e}", url.path()))?;
            // A real browser runs the page's script, which submits this form at once.
            if status == StatusCode::OK
                && let Some(form) = ClickTarget::auto_submitted(&html)
            {
                url = url
                    .join(&form.url)
                    .map_err(|e| format!("auto-submitted form to a bad URL: {e}"))?;
                method = form.method;
                continue;
            }
            return Ok(Landing::Page(Page { url, status, html }));
        }
        Err(format!(
            "more than {MAX_HOPS} redirects from {}",
            url.path()
        ))
    }
}

/// Where clicking an element leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClickTarget {
    /// GET for a link, the form's method for a button.
    pub method: Method,
    /// The `href` or `action`, relative to the page.
    pub url: String,
}

impl ClickTarget {
    /// A link's `href`, or the `action` of the form a button sits in. Enough HTML for the
    /// sandbox's own pages (and pages written the same way): double-quoted attributes, no
    /// nesting.
    pub fn find(html: &str, id: &str) -> Option<ClickTarget> {
        let at = html.find(&format!("id=\"{id}\""))?;
        let tag_start = html[..at].rfind('<')?;
        let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
        if tag.starts_with("<a ") {
            return Some(ClickTarget {
                method: Method::GET,
                url: attribute(tag, "href")?,
            });
        }
        ClickTarget::submitting(html, html[..at].rfind("<form")?)
    }

    /// What submitting the form whose tag starts at `form_start` does.
    fn submitting(html: &str, form_start: usize) -> Option<ClickTarget> {
        let form = &html[form_start..form_start + html[form_start..].find('>')?];
        let method = match attribute(form, "method").as_deref() {
            Some(m) if m.eq_ignore_ascii_case("post") => Method::POST,
            _ => Method::GET,
        };
        Some(ClickTarget {
            method,
            url: attribute(form, "action")?,
        })
    }
}

impl ClickTarget {
    /// The form a page's script submits as it loads (`data-auto-submit`, FC+'s logout page):
    /// what a browser with scripts does without anyone clicking.
    pub fn auto_submitted(html: &str) -> Option<ClickTarget> {
        let marker = html.find(" data-auto-submit")?;
        ClickTarget::submitting(html, html[..marker].rfind("<form")?)
    }
}

/// The text inside the element `id` (for error pages' `error-code`).
pub fn text_of(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let start = at + html[at..].find('>')? + 1;
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_owned())
}

/// The value of a double-quoted attribute in one tag, with `&amp;` decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = tag[start..].find('"')?;
    Some(tag[start..start + length].replace("&amp;", "&"))
}

#[test]
fn finds_links_and_form_buttons_by_id() {
    let html = r#"<li><a class="button" id="idp-fip1" href="/api/v2/interaction/u/idp/fip1?a=1&amp;b=2">x</a></li>
<form method="post" action="/api/v2/interaction/u/consent"><button class="button" type="submit" id="consent-button">ok</button></form>"#;
    let link = ClickTarget::find(html, "idp-fip1").expect("the link is found");
    assert_eq!(link.method, Method::GET);
    assert_eq!(
        link.url, "/api/v2/interaction/u/idp/fip1?a=1&b=2",
        "entities in attributes are decoded"
    );
    let button = ClickTarget::find(html, "consent-button").expect("the button is found");
    assert_eq!(
        button.method,
        Method::POST,
        "a button posts its form like a browser"
    );
    assert_eq!(button.url, "/api/v2/interaction/u/consent");
    assert!(ClickTarget::find(html, "identity-marie").is_none());
    assert!(
        ClickTarget::auto_submitted(html).is_none(),
        "only a form marked data-auto-submit submits itself"
    );
    let logout = r#"<form id="logout-form" method="post" action="/api/v2/session/end/confirm/x" data-auto-submit><button class="button" type="submit" id="logout-continue-button">ok</button></form>"#;
    assert_eq!(
        ClickTarget::auto_submitted(logout),
        Some(ClickTarget {
            method: Method::POST,
            url: "/api/v2/session/end/confirm/x".into()
        })
    );
}
