#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy with warnings as errors, unused dependencies
# (cargo machete), all tests (unit, integration, end to end with a real headless Chromium, and
# the real window through tauri-driver + WebKitWebDriver under Xvfb). Installs what it needs
# first.
#
#   scripts/test.sh          everything (CI, and before each submission)
#   scripts/test.sh quick    after each change: fmt, clippy, the library crates' unit tests and
#                            the UI's; no browser, keyring, display or window
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step prints the seconds since the start, so a CI log shows where its time went.
step() { echo "== [${SECONDS} s] $*" >&2; }

mode="${1:-all}"
case "$mode" in
  all | quick) ;;
  *) echo "usage: $0 [quick]" >&2; exit 2 ;;
esac

scripts/deps.sh test
step "dependencies ready"

if [ "$mode" = quick ]; then
  started=$SECONDS
  step "quick: cargo fmt --check, clippy -D warnings"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  step "quick: the library crates' unit tests"
  cargo test --locked --lib -p codes -p places -p fcplus -p sandbox -p vault -p session -p counter -p gateway
  step "quick: UI format check and unit tests"
  npm --prefix ui run format:check
  npm --prefix ui test
  step "quick: passed in $((SECONDS - started)) s (the whole run: scripts/test.sh)"
  exit 0
fi

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo machete (unused dependencies)"
# Reads the sources, not the build: a false positive (a crate used only through a macro, or
# under another name) goes in that crate's [package.metadata.cargo-machete] ignored, with why.
cargo machete --skip-target-dir
step "UI: format check and unit tests"
npm --prefix ui run format:check
npm --prefix ui test
step "cargo test (private D-Bus session with an unlocked gnome-keyring, Xvfb display)"
# The vault's tests and the end-to-end tests use a real Secret Service (scripts/with-keyring.sh:
# a private session bus and a fresh gnome-keyring, gone after the run).
# The window tests need a display: a private Xvfb, whatever display the caller has. Only they
# get it (GUICHET_TEST_DISPLAY): with DISPLAY set, a locked keyring would open gnome-keyring's
# unlock prompt on Xvfb and wait for a person, as it should on a real desktop.
# The fault family (`faults_suite`, in the end-to-end target: tests/faults) runs on its own
# after the rest: its cases each hold a Chromium, a `guichet` and a sandbox, and beside other
# end-to-end tests a Chromium starts too slowly on two cores for WebDriver to attach.
# Two test threads (one per core): with three, the window tests (one window at a time) left
# room for more Chromiums beside them, and one started too slowly for WebDriver to attach
# (2026-12-07: e2e 166-173 s with three against 178 s with two, then that failure).
# The faults' run selects the same packages as the first (no `-p guichet`): the same features,
# so it reuses the first run's build; with `-p guichet` it built its own variant of the keyring
# crates, the vault and everything above them (18 s warm, more from nothing).
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24 -nolisten tcp" \
  sh -c 'GUICHET_TEST_DISPLAY="$DISPLAY" exec env -u DISPLAY GUICHET_TEST_DISPLAY="$DISPLAY" "$@"' sh \
  scripts/with-keyring.sh sh -c \
  'cargo test --locked -- --skip faults_suite && cargo test --locked --test e2e -- faults_suite'
# (`cargo test` on the workspace's default members: `benches/bare-tauri`, a yardstick for
# `scripts/bench.sh window`, is left out; no test runs it.)

# Every cargo-fuzz target for a short time (GUICHET_FUZZ_SECONDS each, default 5; 0 skips),
# unoptimised and without a sanitizer to keep the build short: this catches panics and hangs
# on the inputs it finds. The long AddressSanitizer run is scripts/fuzz.sh (docs/SECURITY.md).
fuzz_seconds="${GUICHET_FUZZ_SECONDS:-5}"
if [ "$fuzz_seconds" != 0 ]; then
  step "fuzzing, ${fuzz_seconds} s per target"
  # Unoptimised: the build from nothing takes 66 s instead of 116 s at opt-level 1 (146 s at
  # 3) on 2 cores; each target still runs tens of thousands of inputs or more in a few seconds.
  FUZZ_PROFILE=dev FUZZ_SECONDS="$fuzz_seconds" FUZZ_SANITIZER=none scripts/fuzz-ci.sh
fi
step "the production build, without the sandbox"
scripts/check-no-sandbox.sh
# The three packages built unoptimised (the tests' build reused: 30-80 s), installed with apt
# into a fresh Debian 12 root, which then boots: the gateway's service and the kiosk session
# (about 75 s more, most of it debootstrap and apt from the mirror). It needs root (chroot,
# systemd-nspawn); a developer without it runs it with sudo. The release packages:
# scripts/check-packages.sh alone (6 minutes more from nothing).
if [ "$(id -u)" -eq 0 ]; then
  step "the packages on a fresh Debian 12 (scripts/check-packages.sh)"
  GUICHET_PACKAGE_PROFILE=dev scripts/check-packages.sh
else
  step "SKIPPED: the packages' check needs root: sudo GUICHET_PACKAGE_PROFILE=dev scripts/check-packages.sh"
fi
step "all checks passed"
