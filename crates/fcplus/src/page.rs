//! The small pages the loopback listener shows in the browser tab that FC+ sent back: each
//! says how the sign-in really ended (it is sent once the identity is verified and kept, or
//! not), with a title and a heading of its own, and sends the person back to Guichet's screen.
//! In the person's language when the caller knows it, else French then English.

use std::sync::LazyLock;

use base64::Engine as _;
use codes::{Language, Word};
use sha2::{Digest as _, Sha256};

/// Which page to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The identity is verified and kept: Guichet shows it.
    SignedIn,
    /// The identity is verified, and a member of staff must confirm it before Guichet keeps it.
    Held,
    LoggedOut,
    Cancelled,
    /// The sign-in did not end with a verified identity; Guichet says what to do.
    Failed,
    NotFound,
    BadRequest,
}

/// The language of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLanguage {
    French,
    English,
}

impl PageLanguage {
    fn tag(self) -> &'static str {
        match self {
            Self::French => "fr",
            Self::English => "en",
        }
    }
}

/// One page's words in one language: the heading (also the tab's title) and the message.
struct Words {
    heading: &'static str,
    message: &'static str,
}

fn words(page: Page, language: PageLanguage) -> Words {
    let (heading, message) = match page {
        Page::SignedIn => (Word::PageSignedIn, Word::PageSignedInText),
        Page::Held => (Word::PageHeld, Word::PageHeldText),
        Page::LoggedOut => (Word::PageLoggedOut, Word::PageLoggedOutText),
        Page::Cancelled => (Word::PageCancelled, Word::PageCancelledText),
        Page::Failed => (Word::PageFailed, Word::PageFailedText),
        Page::NotFound => (Word::PageNotFound, Word::PageNotFoundText),
        Page::BadRequest => (Word::PageUnexpected, Word::PageUnexpectedText),
    };
    let lang = match language {
        PageLanguage::French => Language::French,
        PageLanguage::English => Language::English,
    };
    Words {
        heading: heading.text(lang),
        message: message.text(lang),
    }
}

/// Takes the redirect's query (the code, the state) out of the address bar once the page is
/// shown: nobody at the screen needs to see them.
const FORGET_QUERY: &str = "history.replaceState(null,\"\",location.pathname)";

/// The `Content-Security-Policy` of every page: no resource at all, the inline style, and the
/// one inline script above by its hash.
pub fn content_security_policy() -> &'static str {
    static POLICY: LazyLock<String> = LazyLock::new(|| {
        let hash = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(FORGET_QUERY.as_bytes()));
        format!("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'")
    });
    &POLICY
}

/// Renders `page` in `language`, or in French then English when the language is not known.
pub fn render_in(page: Page, language: Option<PageLanguage>) -> String {
    let (lang, title, body) = match language {
        Some(language) => {
            let w = words(page, language);
            let tag = language.tag();
            (
                tag,
                w.heading.to_owned(),
                format!(
                    "<h1 id=\"heading\">{}</h1><p id=\"message-{tag}\">{}</p>",
                    w.heading, w.message
                ),
            )
        }
        None => {
            let (fr, en) = (
                words(page, PageLanguage::French),
                words(page, PageLanguage::English),
            );
            (
                "fr",
                format!("{} / {}", fr.heading, en.heading),
                format!(
                    "<h1 id=\"heading\">{}</h1><p id=\"message-fr\">{}</p>\
                     <h2 lang=\"en\">{}</h2><p id=\"message-en\" lang=\"en\">{}</p>",
                    fr.heading, fr.message, en.heading, en.message
                ),
            )
        }
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title} · Guichet</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}}\
         h1{{font-size:1.6em}}h2{{font-size:1.2em;margin-top:2em}}</style>\
         <script>{FORGET_QUERY}</script></head>\
         <body data-page=\"{page}\"><main>{body}</main></body></html>",
        page = page_name(page)
    )
}

/// Renders `page` in French then English (a page whose reader's language is unknown).
pub fn render(page: Page) -> String {
    render_in(page, None)
}

fn page_name(page: Page) -> &'static str {
    match page {
        Page::SignedIn => "signed-in",
        Page::Held => "held",
        Page::LoggedOut => "logged-out",
        Page::Cancelled => "cancelled",
        Page::Failed => "failed",
        Page::NotFound => "not-found",
        Page::BadRequest => "bad-request",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Page; 7] = [
        Page::SignedIn,
        Page::Held,
        Page::LoggedOut,
        Page::Cancelled,
        Page::Failed,
        Page::NotFound,
        Page::BadRequest,
    ];

    #[test]
    fn each_outcome_has_its_own_title_and_heading_in_each_language() {
        for language in [PageLanguage::French, PageLanguage::English] {
            let mut seen = std::collections::HashSet::new();
            for page in ALL {
                let w = words(page, language);
                assert!(seen.insert(w.heading), "{page:?} shares its heading");
                let html = render_in(page, Some(language));
                assert!(html.contains(&format!("<title>{} · Guichet</title>", w.heading)));
                assert!(html.contains(&format!("lang=\"{}\"", language.tag())));
                assert!(
                    html.contains(&format!("id=\"message-{}\"", language.tag())),
                    "{html}"
                );
            }
        }
    }

    #[test]
    fn the_outcomes_of_a_sign_in_send_the_person_back_to_guichets_screen() {
        for page in [Page::SignedIn, Page::Held, Page::Cancelled, Page::Failed] {
            let fr = words(page, PageLanguage::French).message;
            let en = words(page, PageLanguage::English).message;
            assert!(fr.contains("l'écran de Guichet"), "{fr}");
            assert!(en.contains("the Guichet screen"), "{en}");
        }
        assert!(
            !words(Page::Failed, PageLanguage::English)
                .message
                .contains("verified")
        );
    }

    #[test]
    fn the_only_script_is_the_one_the_policy_names_by_its_hash() {
        let html = render(Page::SignedIn);
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains(&format!("<script>{FORGET_QUERY}</script>")));
        // sha256 of the script, computed independently of the policy's own code.
        let digest = Sha256::digest(b"history.replaceState(null,\"\",location.pathname)");
        let expected = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(
            content_security_policy().contains(&format!("'sha256-{expected}'")),
            "{}",
            content_security_policy()
        );
    }

    #[test]
    fn an_unknown_language_gives_both() {
        let html = render(Page::Failed);
        assert!(html.contains("id=\"message-fr\"") && html.contains("id=\"message-en\""));
        assert!(html.contains("Connexion non aboutie / Sign-in failed"));
    }
}
