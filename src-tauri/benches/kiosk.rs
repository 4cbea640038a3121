//! Kiosk benchmark (a bench binary, not a test): from the person's click on FC+'s consent
//! button to their identity visible in Guichet with Guichet in front, on the kiosk the screen
//! tests use (release build in kiosk mode under Xvfb with openbox, the private headed Chromium
//! full screen, a Secret Service locked as on an autologin session, so the kernel keyring).
//!
//! Per sign-in: the bench walks FC+'s chooser, notes the time, and has the browser click the
//! consent button from a script (the moment a person's click lands, a few ms of WebDriver
//! round trip after the noted time, which the figure includes); in Guichet's
//! window a `MutationObserver` notes `Date.now()` at the first frame painted after
//! `body[data-screen]` turns to `identity`; meanwhile the bench asks `xdotool` which window is
//! active, every few milliseconds, and notes when it is Guichet. Both pages and the bench read
//! the same system clock. The figure is `max(identity painted, Guichet active) − click`. Then
//! staff's end of session brings the kiosk home for the next one. Prints every figure, then
//! the median and p95.
//!
//! Run it through `scripts/bench.sh kiosk` (it needs tauri-driver, chromedriver, Xvfb, openbox,
//! xdotool, gnome-keyring and keyctl, as the screen tests do).
#![allow(clippy::print_stdout)]

// The end-to-end suites' support module (tests/support), read-only; this bench uses part of it.
#[allow(dead_code)]
#[path = "../../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use support::screen::{Screen, is_guichet};

/// How long a single sign-in may take before the bench gives up on it.
const LIMIT: Duration = Duration::from_secs(30);

/// In Guichet's window: note the first painted frame of the identity screen.
const WATCH_IDENTITY: &str = "window.__identityPainted = null;\
    const body = document.body;\
    const seen = () => {\
      if (body.dataset.screen === 'identity' && window.__identityPainted === null) {\
        window.__identityPainted = 0;\
        requestAnimationFrame(() => requestAnimationFrame(() => { window.__identityPainted = Date.now(); }));\
      }\
    };\
    new MutationObserver(seen).observe(body, { attributes: true, attributeFilter: ['data-screen'] });\
    seen();";

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64()
        * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .windows(2)
        .find(|pair| pair[0] == "--sign-ins")
        .and_then(|pair| pair[1].parse().ok())
        .unwrap_or(20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let figures = runtime.block_on(measure(runs));
    report(&figures);
}

async fn measure(runs: usize) -> Vec<f64> {
    let screen = Screen::new().await;
    let (_machine, window) = screen.kiosk().await;
    let mut figures = Vec::with_capacity(runs);
    for run in 1..=runs {
        window.wait_for_screen("home").await;
        window.click("sign-in-fc").await;
        let browser = window.browser().await;
        for id in ["idp-fip1", "identity-marie"] {
            browser.click(id).await;
        }
        browser.text("consent-button").await;
        window.script(WATCH_IDENTITY).await;
        // The click as a person's, from a timer so the script returns before the page goes
        // (the kiosk closes the browser once the identity is verified).
        let clicked_at = now_ms();
        let _ = browser
            .client
            .execute(
                "setTimeout(() => document.getElementById('consent-button').click(), 0);",
                vec![],
            )
            .await;
        let mut active_at = None;
        let deadline = Instant::now() + LIMIT;
        let painted_at = loop {
            assert!(Instant::now() < deadline, "sign-in {run} never ended");
            if active_at.is_none() && is_guichet(&screen.active()) {
                active_at = Some(now_ms());
            }
            if active_at.is_some() {
                let painted = window.script("return window.__identityPainted").await;
                if let Some(at) = painted.as_f64().filter(|at| *at > 0.0) {
                    break at;
                }
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        let active_at = active_at.expect("checked in the loop");
        // Guichet can come in front before the identity shows (it raises itself on the
        // redirect), or after: what the person sees is the later of the two.
        let figure = painted_at.max(active_at) - clicked_at;
        println!(
            "sign-in {run:>2}: {figure:6.0} ms (identity painted {:+.0} ms, Guichet active {:+.0} ms)",
            painted_at - clicked_at,
            active_at - clicked_at
        );
        figures.push(figure);
        drop(browser);
        window.click("end-session-button").await;
    }
    window.wait_for_screen("home").await;
    window.close().await;
    figures
}

fn report(figures: &[f64]) {
    let mut sorted = figures.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "kiosk: consent click -> identity visible with Guichet in front, {} sign-ins: median {:.0} ms, p95 {:.0} ms, min {:.0} ms, max {:.0} ms",
        sorted.len(),
        at(0.5),
        at(0.95),
        sorted[0],
        sorted[sorted.len() - 1]
    );
}
