//! The small bilingual pages the loopback listener shows in the browser tab.

/// Which page to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    SignedIn,
    LoggedOut,
    Cancelled,
    Failed,
    NotFound,
    BadRequest,
}

/// Renders a page in French then English (the tab does not know the person's language).
pub fn render(page: Page) -> String {
    let (fr, en) = match page {
        Page::SignedIn => (
            "Connexion réussie. Vous pouvez fermer cet onglet et revenir à l'application Guichet.",
            "Signed in. You can close this tab and return to the Guichet application.",
        ),
        Page::LoggedOut => (
            "Vous êtes déconnecté de FranceConnect+. Vous pouvez revenir à l'application Guichet.",
            "You are signed out of FranceConnect+. You can return to the Guichet application.",
        ),
        Page::Cancelled => (
            "La connexion a été annulée. Revenez à l'application Guichet pour recommencer.",
            "The sign-in was cancelled. Return to the Guichet application to try again.",
        ),
        Page::Failed => (
            "La connexion n'a pas abouti. Revenez à l'application Guichet : elle indique quoi faire.",
            "The sign-in did not succeed. Return to the Guichet application: it says what to do next.",
        ),
        Page::NotFound => ("Page introuvable.", "Page not found."),
        Page::BadRequest => (
            "Ce lien n'est pas attendu par l'application Guichet.",
            "This link is not expected by the Guichet application.",
        ),
    };
    format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Guichet</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}}</style></head>\
         <body><main><p id=\"message-fr\">{fr}</p><p id=\"message-en\" lang=\"en\">{en}</p></main></body></html>"
    )
}
