#!/usr/bin/env bash
# Signs a person in on the embedded FC+ sandbox (no credentials needed) and prints the
# verified identity. Extra arguments go to `guichet login` (e.g. --eidas, --json).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh run
cargo build --release --locked -p guichet

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
No display found: the sign-in opens FranceConnect+ in a browser window, so it needs a desktop.
Run this on a machine with a display, or use the command line against your own browser:
  target/release/guichet login --browser "chromium --incognito"
The end-to-end tests run the same sign-in with a headless browser: scripts/test.sh
MSG
  exit 1
fi

browser_args=()
if ! command -v xdg-open >/dev/null 2>&1; then
  browser_args=(--browser "chromium --incognito")
fi
exec target/release/guichet login "${browser_args[@]}" "$@"
