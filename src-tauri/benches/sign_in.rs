//! Sign-in overhead benchmark (a bench binary, not a test): what Guichet itself adds to a
//! sign-in, through the window's own code path (`guichet::window::App`), against the
//! in-process FC+ sandbox, with the vault on the real Secret Service.
//!
//! Each sign-in: `App::sign_in` (the button) → authorize URL → the browser command is
//! launched — a real process: this binary again, as a scripted browser that clicks through the
//! sandbox's pages at once → FC+ redirects to the loopback listener → token request,
//! decryption, ES256 verification, userinfo, vault write → identity shown. Then the session is
//! ended (FC+ logout and wipe), outside the figures. Discovery and JWKS stay warm: a few
//! sign-ins run first and are not counted.
//!
//! Figures, median and p99 over N sign-ins:
//! (a) callback received → session stored (the listener's `redirect_received` event to the
//!     return of `App::sign_in`), with its steps from the code's tracing spans;
//! (b) button → browser launched (`App::sign_in` called to its `browser_launched` event).
//!
//! Needs a Secret Service (run it through `scripts/bench.sh`, which starts a private D-Bus and
//! gnome-keyring). `cargo bench -p guichet --bench sign_in -- --sign-ins 200`.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use counter::{Env, Overrides};
use guichet::window::App;
use sandbox::browser::Browser;
use session::EndReason;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{Layer, filter::Targets};
use url::Url;

/// Sign-ins run before measuring: discovery, JWKS, keyring item and connections warm.
const WARM_UP: usize = 5;
/// The steps of (a), as the code's spans name them, in the order they happen.
const STEPS: &[(&str, &str)] = &[
    (
        "token_request",
        "token request (round trip; FC+ signs and encrypts)",
    ),
    ("decrypt", "JWE decryption (ID token + userinfo)"),
    ("jwks_key", "signing key lookup (JWKS cache)"),
    ("verify", "ES256 verification (ID token + userinfo)"),
    ("userinfo_request", "userinfo request (round trip)"),
    ("vault_write", "vault write (Secret Service + sealed file)"),
    (
        "keyring_key",
        "  of which: data key from the Secret Service",
    ),
    ("file_write", "  of which: sealed file written and synced"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, url] = args.as_slice()
        && flag == "--browse"
    {
        return browse(url);
    }
    let count = args
        .windows(2)
        .find(|pair| pair[0] == "--sign-ins")
        .and_then(|pair| pair[1].parse().ok())
        .unwrap_or(200);
    // The app reads its folders from the environment, which a process may only set for its
    // children: run the measurement in a child with fresh folders.
    if std::env::var_os("GUICHET_BENCH_CHILD").is_none() {
        return in_fresh_folders(&args);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    match runtime.block_on(measure(count)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("sign_in bench: {reason}");
            ExitCode::FAILURE
        }
    }
}

fn in_fresh_folders(args: &[String]) -> ExitCode {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exe = std::env::current_exe().expect("the bench's own path");
    let config = dir.path().join("guichet.toml");
    // `mode = "system"` with a command: the command is run with the URL, as on a desktop.
    let browser = format!("[browser]\ncommand = \"'{}' --browse\"\n", exe.display());
    std::fs::write(&config, browser).expect("write the configuration");
    let status = std::process::Command::new(exe)
        .args(&args[1..])
        .arg("--config")
        .arg(&config)
        .env("GUICHET_BENCH_CHILD", "1")
        .env("GUICHET_DATA_DIR", dir.path().join("data"))
        .env("GUICHET_CACHE_DIR", dir.path().join("cache"))
        .status()
        .expect("the measuring child starts");
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The browser process: signs Marie in on the sandbox, or follows a logout to its end.
fn browse(url: &str) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let result = runtime.block_on(async {
        let url = Url::parse(url).map_err(|e| e.to_string())?;
        let browser = Browser::new();
        if url.path().contains("logout") || url.path().contains("session/end") {
            browser.open(url).await.map(drop)
        } else {
            browser.sign_in(url, "fip1", "marie").await.map(drop)
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("scripted browser: {reason}");
            ExitCode::FAILURE
        }
    }
}

async fn measure(count: usize) -> Result<(), String> {
    let recorder = Recorder::default();
    let targets = Targets::new()
        .with_target("fcplus", Level::DEBUG)
        .with_target("session", Level::DEBUG)
        .with_target("vault", Level::DEBUG)
        .with_target("guichet", Level::DEBUG);
    let subscriber = tracing_subscriber::registry().with(recorder.clone().with_filter(targets));
    tracing::subscriber::set_global_default(subscriber).map_err(|e| e.to_string())?;

    let config = std::env::args()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|pair| pair[0] == "--config")
        .map(|pair| pair[1].clone().into());
    let app = App::start(Overrides {
        config,
        env: Some(Env::Sandbox),
        kiosk: false,
        sign_in_timeout: 30,
    })
    .await;
    let mut launched = Vec::with_capacity(count);
    let mut stored = Vec::with_capacity(count);
    let mut steps: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for round in 0..WARM_UP + count {
        recorder.clear();
        let pressed = Instant::now();
        app.sign_in(false)
            .await
            .map_err(|e| format!("sign-in {round} failed: {e:?}"))?;
        let done = Instant::now();
        let record = recorder.take();
        app.end_session(EndReason::Staff)
            .await
            .map_err(|e| format!("end of session {round} failed: {e:?}"))?;
        if round < WARM_UP {
            continue;
        }
        let at = |name: &str| record.event(name).ok_or(format!("no `{name}` event"));
        launched.push(at("browser_launched")? - pressed);
        stored.push(done - at("redirect_received")?);
        for (step, _) in STEPS {
            steps.entry(step).or_default().push(record.span_total(step));
        }
    }
    report(count, &launched, &stored, &steps);
    Ok(())
}

fn report(
    count: usize,
    launched: &[Duration],
    stored: &[Duration],
    steps: &BTreeMap<&str, Vec<Duration>>,
) {
    println!("sign-in overhead: {count} sign-ins after {WARM_UP} warm-up, sandbox env");
    println!("| figure | median (ms) | p99 (ms) |");
    println!("| --- | ---: | ---: |");
    let row = |name: &str, values: &[Duration]| {
        let (median, p99) = percentiles(values);
        println!("| {name} | {median:.2} | {p99:.2} |");
    };
    row("(b) button → browser launched", launched);
    row("(a) callback received → session stored", stored);
    for (step, label) in STEPS {
        row(label, &steps[step]);
    }
}

/// Median and p99 in milliseconds.
fn percentiles(values: &[Duration]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort();
    let at = |q: f64| {
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1].as_secs_f64() * 1000.0
    };
    (at(0.5), at(0.99))
}

/// What one sign-in's code reported: closed spans and named events, with their times.
#[derive(Default)]
struct Record {
    spans: Vec<(&'static str, Duration)>,
    events: Vec<(String, Instant)>,
}

impl Record {
    fn event(&self, name: &str) -> Option<Instant> {
        self.events
            .iter()
            .find(|(event, _)| event == name)
            .map(|(_, at)| *at)
    }

    fn span_total(&self, name: &str) -> Duration {
        self.spans
            .iter()
            .filter(|(span, _)| *span == name)
            .map(|(_, took)| *took)
            .sum()
    }
}

/// A tracing layer that times spans (creation to close) and notes when `event = "…"` events
/// happen. No field other than `event` is read: personal data never reaches it.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Record>>);

struct Opened(Instant);

impl Recorder {
    fn record(&self) -> std::sync::MutexGuard<'_, Record> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn clear(&self) {
        *self.record() = Record::default();
    }

    fn take(&self) -> Record {
        std::mem::take(&mut *self.record())
    }
}

impl<S> Layer<S> for Recorder
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, _: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(Opened(Instant::now()));
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(&id)
            && let Some(Opened(at)) = span.extensions().get::<Opened>()
        {
            self.record().spans.push((span.name(), at.elapsed()));
        }
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let now = Instant::now();
        let mut name = EventName(None);
        event.record(&mut name);
        if let Some(name) = name.0 {
            self.record().events.push((name, now));
        }
    }
}

struct EventName(Option<String>);

impl Visit for EventName {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "event" {
            self.0 = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, _: &Field, _: &dyn Debug) {}
}
