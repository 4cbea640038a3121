//! OpenID-RP-style conformance suite: every case signs in for real against the sandbox, whose
//! adversary mode plays a broken or hostile FranceConnect+, and checks that fcplus accepts
//! exactly what it should and refuses the rest with the specific error.
//!
//! One test, `conformance_suite`, runs every case and prints one line per case, then
//! `conformance: N passed, M failed`. `CONFORMANCE_FILTER=substring` runs only the cases whose
//! name contains it. The list with expected outcomes is in `CASES.md` (`cases_md` rewrites it
//! when `CONFORMANCE_WRITE_CASES=1`).
//!
//! Every case is also judged by an independent oracle, openidconnect's `IdTokenVerifier` and
//! `UserInfoVerifier` signing in with the same provider (`oracle.rs`): a case fails where the
//! two disagree unless it says why (`Case::oracle_disagrees`), and the suite prints
//! `oracle: N agreed, M disagreed with a reason, …` before its last line.

mod case;
mod claims;
mod encryption;
mod harness;
mod hostile;
mod oracle;
mod redirect;
mod signature;
mod token_endpoint;

use std::fmt::Write as _;

use case::{Case, Expected, Oracle};
use harness::{OracleOutcome, Pass};
use tokio::task::JoinSet;

/// Every case, family by family, in the order they are reported.
fn all_cases() -> Vec<Case> {
    let mut cases = vec![harness::honest_baseline()];
    cases.extend(signature::cases());
    cases.extend(encryption::cases());
    cases.extend(claims::cases());
    cases.extend(redirect::cases());
    cases.extend(token_endpoint::cases());
    cases
}

// Cases run concurrently (each has its own sandbox, client and loopback port): the slowest
// ones wait on fcplus's JWKS refetch guard or its HTTP timeout, and running them one after the
// other would add those waits up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::print_stdout)] // The summary line is the suite's output.
async fn conformance_suite() {
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let cases: Vec<Case> = all_cases()
        .into_iter()
        .filter(|case| case.name.contains(&filter))
        .collect();
    assert!(!cases.is_empty(), "no case matches {filter:?}");
    let mut running = JoinSet::new();
    for (index, case) in cases.iter().cloned().enumerate() {
        running.spawn(async move { (index, harness::run(&case).await) });
    }
    let mut results = vec![None; cases.len()];
    while let Some(joined) = running.join_next().await {
        let (index, result) = joined.expect("a case panicked instead of reporting");
        results[index] = Some(result);
    }
    let mut failed = 0;
    let (mut agreed, mut disagreed, mut no_token, mut oracle_failed) = (0, 0, 0, 0);
    let mut at_the_jwe_layer = 0;
    let mut report = String::new();
    for (case, result) in cases.iter().zip(results) {
        let result = result.expect("every case reports");
        if result.oracle_stopped_at_the_jwe_layer {
            at_the_jwe_layer += 1;
        }
        let oracle = match &result.oracle {
            Ok(OracleOutcome::Agreed(said)) => {
                agreed += 1;
                format!("oracle agrees: {said}")
            }
            Ok(OracleOutcome::DisagreedAsWritten(said)) => {
                disagreed += 1;
                format!("oracle disagrees, with a reason: {said}")
            }
            Ok(OracleOutcome::NoToken(said)) => {
                no_token += 1;
                format!("oracle: {said}")
            }
            Err(reason) => {
                oracle_failed += 1;
                reason.clone()
            }
        };
        match (result.verdict, result.oracle.is_ok()) {
            (Ok(Pass::AsExpected), true) => writeln!(report, "ok   {} [{oracle}]", case.name),
            (Ok(Pass::KnownBug(summary)), true) => writeln!(
                report,
                "ok   {} (expected failure, known fcplus bug: {summary}) [{oracle}]",
                case.name
            ),
            (Ok(_), false) => {
                failed += 1;
                writeln!(report, "FAIL {}: {oracle}", case.name)
            }
            (Err(reason), _) => {
                failed += 1;
                writeln!(report, "FAIL {}: {reason} [{oracle}]", case.name)
            }
        }
        .expect("writing to a String");
    }
    let passed = cases.len() - failed;
    // Written to the real stderr, not through `print!`, which the test harness captures: CI's
    // log must show the family's line (and the cases) even when everything passes.
    let summary = format!(
        "{report}oracle: {agreed} agreed, {disagreed} disagreed with a reason, {oracle_failed} \
         failed ({no_token} cases with no token to judge; {at_the_jwe_layer} refused by the \
         test's JWE layer before openidconnect)\n\
         conformance: {passed} passed, {failed} failed\n"
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), summary.as_bytes());
    assert_eq!(
        failed, 0,
        "every conformance case must hold: a FAIL line is either a hostile token accepted, a \
         genuine one refused, or openidconnect disagreeing with fcplus without a written reason"
    );
}

/// Keeps `CASES.md` in step with the code: it must list every case with its outcome.
#[test]
fn cases_md_lists_every_case() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/CASES.md");
    let table = cases_md();
    if std::env::var_os("CONFORMANCE_WRITE_CASES").is_some() {
        std::fs::write(path, &table).expect("CASES.md is writable");
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == table,
        "CASES.md is out of date with the cases in the code: run \
         `CONFORMANCE_WRITE_CASES=1 cargo test -p fcplus --test conformance cases_md`"
    );
}

fn cases_md() -> String {
    let mut table = String::from(
        "# fcplus conformance cases\n\n\
         Each case signs in end to end against the sandbox (`crates/sandbox`) in the adversary \
         scenario shown, with a real loopback listener and a scripted browser, and expects the \
         outcome shown. Run them with `cargo test -p fcplus --test conformance -- --nocapture`.\n\
         This file is generated from the code by \
         `CONFORMANCE_WRITE_CASES=1 cargo test -p fcplus --test conformance cases_md`.\n\n\
         The last column is the independent oracle (`oracle.rs`): after fcplus, a relying party \
         built on `openidconnect` signs in with the same provider in the same scenario, its \
         `IdTokenVerifier` and `UserInfoVerifier` judge the tokens (the JWE, which \
         openidconnect lacks, opened by the test with the client's key), and for a case fcplus \
         signs in it also judges the very ID token fcplus accepted. The case fails if \
         openidconnect's verdict (accept or refuse) differs from fcplus's, unless the reason \
         is written here; and if it agrees where a reason says it does not.\n\n\
         | case | sandbox scenario | expected outcome | why | openidconnect oracle |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for case in all_cases() {
        let outcome = match &case.expected {
            Expected::SignedIn => "accepted: signed in as Marie Martin".to_owned(),
            Expected::RefusedAtDiscovery(refusal) => {
                format!("refused at discovery: `{}`", refusal.what)
            }
            Expected::Refused(refusal) => format!("refused: `{}`", refusal.what),
        };
        let outcome = match &case.known_bug {
            Some(bug) => format!(
                "{outcome} — **expected failure, known fcplus bug**: {} (refused today with `{}`)",
                bug.summary, bug.currently.what
            ),
            None => outcome,
        };
        let scenario = format!("{:?}", case.scenario);
        let oracle = match case.oracle {
            Oracle::Agrees => "agrees".to_owned(),
            Oracle::Disagrees(reason) => format!("**disagrees**: {reason}"),
            Oracle::NoToken => "no token to judge".to_owned(),
        };
        writeln!(
            table,
            "| `{}` | `{}` | {} | {} | {} |",
            case.name,
            scenario,
            outcome.replace('|', "\\|"),
            case.why,
            oracle.replace('|', "\\|")
        )
        .expect("writing to a String");
    }
    table
}

/// The hostile-loopback family: each attack runs beside a real sign-in, one after the other
/// so that memory growth is attributable to one attack.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_loopback_suite() {
    let mut report = String::new();
    let mut failed = 0;
    for attack in hostile::ALL {
        match hostile::run(*attack).await {
            Ok(note) => writeln!(report, "ok   {attack:?}: {note}"),
            Err(reason) => {
                failed += 1;
                writeln!(report, "FAIL {attack:?}: {reason}")
            }
        }
        .expect("writing to a String");
    }
    let passed = hostile::ALL.len() - failed;
    let summary = format!("{report}hostile loopback: {passed} passed, {failed} failed\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), summary.as_bytes());
    assert_eq!(
        failed, 0,
        "the real sign-in must survive every local attack"
    );
}
