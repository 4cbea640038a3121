//! Opening the sign-in page: the system browser, or a configured command with `{url}`.

use std::process::{Command, Stdio};

use fcplus::SignInError;

/// How to open a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserCommand {
    /// The platform's default browser.
    System,
    /// A program and its arguments; `{url}` in an argument is replaced, else the URL is last.
    Custom(Vec<String>),
}

impl BrowserCommand {
    /// Parses `--browser CMD` with shell-like quoting (no shell is run).
    pub fn parse(text: &str) -> Result<Self, String> {
        let words = shlex::split(text)
            .ok_or_else(|| format!("cannot parse the browser command `{text}`"))?;
        if words.is_empty() {
            return Err("the browser command is empty".into());
        }
        Ok(Self::Custom(words))
    }

    /// The program and arguments that open `url`.
    pub fn argv(&self, url: &str) -> Vec<String> {
        match self {
            BrowserCommand::System => system_opener(url),
            BrowserCommand::Custom(words) => {
                let mut argv: Vec<String> = words.iter().map(|w| w.replace("{url}", url)).collect();
                if !words.iter().any(|w| w.contains("{url}")) {
                    argv.push(url.to_owned());
                }
                argv
            }
        }
    }

    /// Starts the browser without waiting for it; its output is discarded so it cannot
    /// mix with ours.
    pub fn open(&self, url: &str) -> Result<(), SignInError> {
        let argv = self.argv(url);
        let (program, args) = argv.split_first().ok_or_else(|| SignInError::Browser {
            detail: "empty command".into(),
        })?;
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| SignInError::Browser {
                detail: format!("`{program}`: {e}"),
            })?;
        // Reap the opener when it exits so it never lingers as a zombie.
        std::thread::spawn(move || {
            let mut child = child;
            let _ = child.wait();
        });
        tracing::info!(event = "browser_opened");
        Ok(())
    }
}

fn system_opener(url: &str) -> Vec<String> {
    if cfg!(target_os = "macos") {
        vec!["open".into(), url.into()]
    } else if cfg!(target_os = "windows") {
        // Not `cmd /C start`: `&` in the URL would be taken as a command separator.
        vec![
            "rundll32".into(),
            "url.dll,FileProtocolHandler".into(),
            url.into(),
        ]
    } else {
        vec!["xdg-open".into(), url.into()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_url_placeholder_in_place() {
        let cmd = BrowserCommand::parse("chromium --app={url} --incognito").unwrap();
        assert_eq!(
            cmd.argv("http://x/?a=1&b=2"),
            ["chromium", "--app=http://x/?a=1&b=2", "--incognito"]
        );
    }

    #[test]
    fn appends_the_url_without_placeholder() {
        let cmd = BrowserCommand::parse("firefox -private-window").unwrap();
        assert_eq!(
            cmd.argv("http://x/"),
            ["firefox", "-private-window", "http://x/"]
        );
    }

    #[test]
    fn keeps_quoted_words_whole_and_runs_no_shell() {
        let cmd = BrowserCommand::parse(r#"sh -c 'echo "$1" > /tmp/u' sh {url}"#).unwrap();
        assert_eq!(cmd.argv("http://x/?a&b")[2], r#"echo "$1" > /tmp/u"#);
        assert_eq!(
            cmd.argv("http://x/?a&b")[4],
            "http://x/?a&b",
            "the URL stays one argument"
        );
    }

    #[test]
    fn a_missing_program_is_a_browser_error() {
        let cmd = BrowserCommand::parse("/nonexistent/browser-for-guichet-test").unwrap();
        let err = cmd.open("http://127.0.0.1/").unwrap_err();
        assert_eq!(err.code(), "browser_failed");
    }
}
