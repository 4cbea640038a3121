//! A store killed at any moment leaves the previous session or the new one, never a mix.

use std::time::Duration;

use time::OffsetDateTime;
use vault::Loaded;

use crate::child::{generation_payload, payload_generation};
use crate::helpers::{
    CHILD_GENERATION, TestVault, in_one_hour, random_between, results, spawn_child,
};

const ROUNDS: usize = 10;

#[test]
fn sigkill_during_store_leaves_a_complete_session() {
    let t = TestVault::new("sigkill");
    t.vault
        .store(&generation_payload(0), in_one_hour())
        .expect("store generation 0");
    let mut previous = 0;
    let mut stores_seen = 0;
    let mut kills_mid_write = 0;

    for round in 0..ROUNDS {
        let mut env = t.child_env();
        env.push((CHILD_GENERATION, (previous + 1).to_string()));
        let mut child = spawn_child("store-loop", &env);
        std::thread::sleep(Duration::from_millis(random_between(250, 750)));
        // `Child::kill` sends SIGKILL on Unix: no destructor, no flush, no cleanup.
        child.kill().expect("kill the storing child");
        let output = child.wait_with_output().expect("reap the child");
        let reported: Vec<u64> = results(&output)
            .iter()
            .filter_map(|line| line.strip_prefix("stored "))
            .map(|n| n.parse().expect("a generation number"))
            .collect();
        stores_seen += reported.len();
        let last_reported = reported.last().copied().unwrap_or(previous);

        let loaded = match t.vault.load(OffsetDateTime::now_utc()) {
            Ok(Loaded::Session { payload, .. }) => {
                payload_generation(&payload).unwrap_or_else(|| {
                    panic!("round {round}: the loaded payload is not one complete generation")
                })
            }
            other => {
                panic!("round {round}: a killed store must leave a loadable session, got {other:?}")
            }
        };
        assert!(
            loaded == last_reported || loaded == last_reported + 1,
            "round {round}: expected the last completed generation {last_reported} (or the one \
             being renamed when the kill came), loaded {loaded}"
        );
        assert!(
            loaded >= previous,
            "round {round}: a session can never go back in time"
        );
        let strays = t.stray_files();
        assert!(
            strays.len() <= 1,
            "round {round}: at most the killed store's own temp file may remain, found {strays:?}"
        );
        kills_mid_write += strays.len();
        previous = loaded;
    }

    assert!(
        stores_seen >= ROUNDS,
        "the children completed only {stores_seen} stores in {ROUNDS} rounds: the kills did not \
         land among stores, so the test proved little"
    );
    // Where the kills land is up to chance; say so, to tell a lucky run from a thorough one.
    eprintln!(
        "{ROUNDS} kills, {kills_mid_write} between temp file and rename, {stores_seen} stores done"
    );
    t.vault
        .store(b"after the storm", in_one_hour())
        .expect("a normal store");
    assert!(
        t.stray_files().is_empty(),
        "the next store removes temp files left by killed stores: {:?}",
        t.stray_files()
    );
}
