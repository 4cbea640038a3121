//! Window benchmark (a binary, not a test): Guichet's window beside a bare Tauri 2
//! hello-world (`benches/bare-tauri`), both release builds from the same run and profile.
//!
//! For each app, `--runs` cold starts, alternating the two apps: the time from spawning the
//! process to its page's first paint (both UIs call a command from the second
//! `requestAnimationFrame` after their first render, which WebKit starts once the frame
//! drawing that render is done; the app prints `first_paint` on stderr, read here through a
//! pipe), then the resident memory of the app and every process it started (WebKit's web and
//! network processes) after 10 s idle. Then the size of both binaries and, when built, both
//! `.deb` packages. Prints medians and Guichet ÷ bare ratios, and both first paints step by
//! step from the steps each app logs with `first_paint`.
//!
//! Needs a display (Xvfb) and a Secret Service: run it through `scripts/bench.sh window`,
//! which builds both apps first (in `CARGO_TARGET_DIR` when set, else the workspace's
//! `target`).
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Idle time before memory is read, as the issue asks.
const IDLE: Duration = Duration::from_secs(10);
/// Longest wait for a first paint.
const PAINT_LIMIT: Duration = Duration::from_secs(60);

struct AppUnderTest {
    name: &'static str,
    binary: PathBuf,
    args: Vec<String>,
    deb_prefix: &'static str,
}

#[derive(Default)]
struct Figures {
    paint_ms: Vec<f64>,
    rss_kib: Vec<u64>,
    /// Each run's steps after the spawn, in the order of [`STEPS`] (`None` where the app
    /// does not log one).
    steps_ms: Vec<[Option<f64>; STEPS.len()]>,
}

/// The steps of a first paint, each as milliseconds after the spawn. The app logs its own
/// steps with `first_paint`: the shell's from its `main` (`ms`, when it heard of the paint,
/// too), the page's from the page's time origin (`page_*`), and both clocks' times since the
/// Unix epoch (`main_epoch_ms`, `page_origin_epoch_ms`). Its `main` is taken to start at the
/// paint the bench saw minus `ms`, the page's origin that much after `main`.
const STEPS: [(&str, &str); 13] = [
    ("main", "`main` starts (binary and libraries loaded)"),
    ("app_started_ms", "application layer started (Guichet only)"),
    ("setup_ms", "Tauri's setup runs"),
    ("window_built_ms", "window and web view built"),
    ("origin", "page's time origin (navigation starts)"),
    ("page_fetch_ms", "`index.html` arrived"),
    ("page_script_ms", "page's script starts"),
    ("page_status_ms", "first status answer (Guichet only)"),
    ("page_render_ms", "first screen rendered (Guichet only)"),
    ("page_load_ms", "page's `load` event (its files arrived)"),
    ("page_frame_ms", "frame drawing the first screen starts"),
    (
        "page_shown_ms",
        "next frame: the first screen drawn (first paint)",
    ),
    ("paint", "the app hears of it (`first_paint`)"),
];

/// A run's steps (see [`STEPS`]) from its `first_paint` line and the paint the bench saw.
fn steps_of(line: &str, paint_ms: f64) -> [Option<f64>; STEPS.len()] {
    let main = log_field(line, "ms").map(|ms| paint_ms - ms);
    let origin = match (
        log_field(line, "main_epoch_ms"),
        log_field(line, "page_origin_epoch_ms"),
    ) {
        (Some(main_epoch), Some(page_epoch)) => main.map(|main| main + page_epoch - main_epoch),
        _ => None,
    };
    STEPS.map(|(name, _)| match name {
        "main" => main,
        "origin" => origin,
        "paint" => Some(paint_ms),
        page if page.starts_with("page_") => Some(origin? + log_field(line, page)?),
        shell => Some(main? + log_field(line, shell)?),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .windows(2)
        .find(|pair| pair[0] == "--runs")
        .and_then(|pair| pair[1].parse().ok())
        .unwrap_or(5);
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("window bench: no DISPLAY; run it through scripts/bench.sh window (Xvfb)");
        return ExitCode::FAILURE;
    }
    let release = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
        .join("release");
    let data = tempfile::tempdir().expect("a temporary folder");
    let apps = [
        AppUnderTest {
            name: "guichet",
            binary: release.join("guichet"),
            args: vec!["window".into()],
            deb_prefix: "Guichet_",
        },
        AppUnderTest {
            name: "bare-tauri",
            binary: release.join("bare-tauri"),
            args: Vec::new(),
            deb_prefix: "bare-tauri_",
        },
    ];
    for app in &apps {
        if !app.binary.exists() {
            eprintln!(
                "window bench: {} is missing; build it with `cargo build --release -p guichet -p bare-tauri` (scripts/bench.sh window does)",
                app.binary.display()
            );
            return ExitCode::FAILURE;
        }
    }
    let mut figures = [Figures::default(), Figures::default()];
    for run in 0..runs {
        for (app, figures) in apps.iter().zip(figures.iter_mut()) {
            match measure_once(app, data.path()) {
                Ok((paint, rss, line)) => {
                    let paint_ms = paint.as_secs_f64() * 1000.0;
                    figures.paint_ms.push(paint_ms);
                    figures.rss_kib.push(rss);
                    figures.steps_ms.push(steps_of(&line, paint_ms));
                }
                Err(reason) => {
                    eprintln!("window bench: {} run {run}: {reason}", app.name);
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    report(&apps, &figures, runs, &release);
    ExitCode::SUCCESS
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("benches/window is two folders down")
        .to_owned()
}

/// One cold start: time to first paint, then resident memory after `IDLE`, and the app's
/// `first_paint` line (its steps).
fn measure_once(app: &AppUnderTest, data: &Path) -> Result<(Duration, u64, String), String> {
    let started = Instant::now();
    let mut child = Command::new(&app.binary)
        .args(&app.args)
        .env("GUICHET_LOG", "info")
        .env("GUICHET_DATA_DIR", data.join("data"))
        .env("GUICHET_CACHE_DIR", data.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (painted, seen) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("first_paint") {
                let _ = painted.send((Instant::now(), line));
            }
        }
    });
    let result = seen
        .recv_timeout(PAINT_LIMIT)
        .map_err(|_| "no first paint within 60 s".to_owned())
        .map(|(at, line)| {
            std::thread::sleep(IDLE);
            (at - started, tree_rss_kib(child.id()), line)
        });
    stop(&mut child);
    result
}

/// Kills the app's whole process group (its WebKit processes too). Bash's own `kill`: the
/// procps one on Debian 12 signals every process for a negative PID.
fn stop(child: &mut Child) {
    let _ = Command::new("bash")
        .args(["-c", &format!("kill -KILL -- -{}", child.id())])
        .status();
    let _ = child.wait();
}

/// Resident memory of `pid` and all its descendants, in KiB.
fn tree_rss_kib(pid: u32) -> u64 {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            if let Some(parent) = parent_of(child) {
                parents.push((child, parent));
            }
        }
    }
    let mut tree = vec![pid];
    let mut index = 0;
    while index < tree.len() {
        let parent = tree[index];
        tree.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        index += 1;
    }
    tree.iter().filter_map(|pid| rss_kib(*pid)).sum()
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses.
    let after = &stat[stat.rfind(')')? + 2..];
    after.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn deb_size(release: &Path, prefix: &str) -> Option<u64> {
    let dir = release.join("bundle/deb");
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(prefix) && name.ends_with(".deb")
        })
        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
        .next()
}

/// A number logged as `name=123` (text) or `"name":123` (JSON); `ms` is not `page_ms`.
fn log_field(line: &str, name: &str) -> Option<f64> {
    let at = [format!("{name}="), format!("\"{name}\":")]
        .iter()
        .find_map(|key| {
            line.match_indices(key.as_str())
                .find(|(i, _)| {
                    !line[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
                .map(|(i, _)| i + key.len())
        })?;
    let digits: String = line[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse().ok()
}

fn report(apps: &[AppUnderTest; 2], figures: &[Figures; 2], runs: usize, release: &Path) {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let paint = figures.each_ref().map(|f| median(&f.paint_ms));
    let rss = figures
        .each_ref()
        .map(|f| median(&f.rss_kib.iter().map(|k| *k as f64).collect::<Vec<_>>()) / 1024.0);
    let binary = apps
        .each_ref()
        .map(|a| std::fs::metadata(&a.binary).map(|m| m.len()).unwrap_or(0));
    let deb = apps.each_ref().map(|a| deb_size(release, a.deb_prefix));
    println!("window benchmark: {runs} cold starts each, alternating, medians");
    println!("| figure | guichet | bare Tauri | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| cold start to first paint (ms) | {:.0} | {:.0} | {:.2} |",
        paint[0],
        paint[1],
        paint[0] / paint[1]
    );
    println!(
        "| idle RSS after 10 s, app + WebKit processes (MiB) | {:.1} | {:.1} | {:.2} |",
        rss[0],
        rss[1],
        rss[0] / rss[1]
    );
    println!(
        "| release binary (MiB) | {:.1} | {:.1} | {:.2} |",
        mib(binary[0]),
        mib(binary[1]),
        binary[0] as f64 / binary[1] as f64
    );
    match deb {
        [Some(ours), Some(bare)] => println!(
            "| .deb (MiB) | {:.1} | {:.1} | {:.2} |",
            mib(ours),
            mib(bare),
            ours as f64 / bare as f64
        ),
        _ => println!("| .deb | not built (scripts/bench.sh window --deb) | | |"),
    }
    // Both first paints step by step, each step's median after the spawn.
    println!("first paint step by step (ms after the spawn, medians)");
    println!("| step | guichet | bare Tauri | difference |");
    println!("| --- | ---: | ---: | ---: |");
    for (i, (_, label)) in STEPS.iter().enumerate() {
        let at = figures.each_ref().map(|f| {
            let values: Vec<f64> = f.steps_ms.iter().filter_map(|s| s[i]).collect();
            (!values.is_empty()).then(|| median(&values))
        });
        let cell = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.0}"));
        let difference = match at {
            [Some(ours), Some(bare)] => format!("{:+.0}", ours - bare),
            _ => String::new(),
        };
        println!(
            "| {label} | {} | {} | {difference} |",
            cell(at[0]),
            cell(at[1])
        );
    }
    for (app, figures) in apps.iter().zip(figures) {
        println!(
            "{}: first paint {:?} ms; RSS {:?} KiB",
            app.name,
            figures
                .paint_ms
                .iter()
                .map(|v| v.round() as u64)
                .collect::<Vec<_>>(),
            figures.rss_kib
        );
    }
}
