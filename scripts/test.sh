#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy with warnings as errors, all tests (unit,
# integration, end to end with a real headless Chromium, and the real window through
# tauri-driver + WebKitWebDriver under Xvfb). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test

echo "== cargo fmt --check" >&2
cargo fmt --all -- --check
echo "== cargo clippy -D warnings" >&2
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test (private D-Bus session with an unlocked gnome-keyring, Xvfb display)" >&2
# The vault's tests and the end-to-end tests use a real Secret Service: a private session
# bus and a fresh gnome-keyring whose login keyring is created unlocked (password
# "guichet-test"; gnome-keyring refuses an empty one and would prompt), gone after the run.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export GUICHET_TEST_KEYRING_HOME="$keyring_home"
# The window tests need a display: a private Xvfb, whatever display the caller has. Only they
# get it (GUICHET_TEST_DISPLAY): with DISPLAY set, a locked keyring would open gnome-keyring's
# unlock prompt on Xvfb and wait for a person, as it should on a real desktop.
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24 -nolisten tcp" \
  sh -c 'GUICHET_TEST_DISPLAY="$DISPLAY" exec env -u DISPLAY GUICHET_TEST_DISPLAY="$DISPLAY" "$@"' sh \
  dbus-run-session -- sh -c '
  printf "guichet-test" | XDG_DATA_HOME="$GUICHET_TEST_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  exec cargo test --workspace --locked
'
