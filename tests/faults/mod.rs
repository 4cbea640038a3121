//! Fault-injection family: the real `guichet` binary, real headless Chromium, the real
//! keyring and the FC+ sandbox on 127.0.0.1, while FC+ is slow or failing, the network drops,
//! clocks disagree, the disk fills up, the keyring locks, or the process is killed (SIGKILL)
//! at each step of a sign-in and of an end of session. Every case checks the clear one-line
//! message and exit code, then that the next run finds a whole session or none, with no
//! browser profile and no plaintext left behind.
//!
//! One test, `faults_suite`, runs every case and prints one line per case, then
//! `faults: N passed, M failed` on the real stderr. `FAULTS_FILTER=substring` runs a subset.
//! Each case is listed by name in `docs/SECURITY.md` ("Faults"); a test checks that list.

mod case;
mod checks;
mod kills;
mod provider_faults;
mod run;
mod storage_faults;

use std::fmt::Write as _;
use std::sync::Arc;

use case::{Case, Outcome};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Cases running at once: each holds a Chromium, a `guichet` and a sandbox; most of their time
/// is spent waiting on a timeout, but with more at once Chromium starts too slowly on a
/// loaded two-core machine for WebDriver to attach.
const AT_ONCE: usize = 2;

fn all_cases() -> Vec<Case> {
    let mut cases = provider_faults::cases();
    cases.extend(storage_faults::cases());
    cases.extend(kills::cases());
    cases
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn faults_suite() {
    let filter = std::env::var("FAULTS_FILTER").unwrap_or_default();
    let cases: Vec<Case> = all_cases()
        .into_iter()
        .filter(|case| case.name.contains(&filter))
        .collect();
    assert!(!cases.is_empty(), "no case matches {filter:?}");
    let slots = Arc::new(Semaphore::new(AT_ONCE));
    let mut running = JoinSet::new();
    for (index, case) in cases.iter().enumerate() {
        let slots = Arc::clone(&slots);
        let run = case.run;
        running.spawn(async move {
            let _slot = slots
                .acquire_owned()
                .await
                .expect("the semaphore stays open");
            let (outcome, elapsed) = run_case(run).await;
            (index, outcome, elapsed)
        });
    }
    let mut results = vec![None; cases.len()];
    while let Some(joined) = running.join_next().await {
        let (index, outcome, elapsed) = joined.expect("every case reports");
        results[index] = Some((outcome, elapsed));
    }
    let mut failed = 0;
    let mut failures = String::new();
    let mut retried = Vec::new();
    let mut report = String::new();
    for (case, result) in cases.iter().zip(results) {
        let (outcome, elapsed) = result.expect("every case reports");
        let secs = elapsed.as_secs_f32();
        match outcome {
            Ok(note) => writeln!(report, "ok   {} ({secs:.1} s): {note}", case.name),
            Err(reason) => {
                // Once more, alone: two cases at once, each with a Chromium, on a loaded
                // two-core CI machine can miss a time limit that has nothing to do with the
                // fault (stop 40's CI: one case of 25). Said in the report either way; a
                // second failure fails the suite.
                let (again, elapsed_again) = run_case(case.run).await;
                let again_secs = elapsed_again.as_secs_f32();
                match again {
                    Ok(note) => {
                        retried.push(case.name);
                        writeln!(
                            report,
                            "ok   {} ({again_secs:.1} s, RETRIED alone after failing beside \
                             another case in {secs:.1} s: {reason}): {note}",
                            case.name
                        )
                    }
                    Err(again) => {
                        failed += 1;
                        let line = format!(
                            "FAIL {} ({secs:.1} s: {reason}; alone, {again_secs:.1} s: {again})",
                            case.name
                        );
                        writeln!(failures, "{line}").and_then(|()| writeln!(report, "{line}"))
                    }
                }
            }
        }
        .expect("writing to a String");
    }
    let passed = cases.len() - failed;
    let retried = if retried.is_empty() {
        String::new()
    } else {
        format!(
            " ({} only when retried alone: {})",
            retried.len(),
            retried.join(", ")
        )
    };
    // The real stderr, not `print!` (captured by the harness): CI's log must show the family.
    let summary = format!("{report}faults: {passed} passed{retried}, {failed} failed\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), summary.as_bytes());
    // The failed cases again in the panic's message: a CI log cut to its tail still names them
    // (stop 40's CI showed only the last nine `ok` lines, not which case had failed).
    assert!(
        failures.is_empty(),
        "every fault must end in a clear error and a consistent state; failed:\n{failures}"
    );
}

/// Runs one case; a panicking check is a failed case, reported with its message, not a lost
/// one.
async fn run_case(run: fn() -> case::CaseFuture) -> (Outcome, std::time::Duration) {
    let started = std::time::Instant::now();
    let outcome = tokio::spawn(run()).await.unwrap_or_else(|panic| {
        let message = panic
            .try_into_panic()
            .ok()
            .and_then(|p| {
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            })
            .unwrap_or_else(|| "the case panicked".into());
        Err(message)
    });
    (outcome, started.elapsed())
}

/// docs/SECURITY.md must name every case, so the threat model cannot drift from the tests.
#[test]
fn security_md_lists_every_fault_case() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/SECURITY.md");
    let doc = std::fs::read_to_string(path).expect("docs/SECURITY.md is readable");
    let missing: Vec<&str> = all_cases()
        .iter()
        .map(|case| case.name)
        .filter(|name| !doc.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/SECURITY.md's Faults section does not name these cases: {missing:?}"
    );
}
