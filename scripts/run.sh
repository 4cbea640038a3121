#!/usr/bin/env bash
# Signs a person in on the embedded FC+ sandbox (no credentials needed) and prints the
# verified identity. Extra arguments go to `guichet login` (e.g. --eidas, --json).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
No display found: the sign-in opens FranceConnect+ in a browser window for the person to
click through, so it needs a desktop session. Run this command on a machine with a display.
On this machine, scripts/test.sh runs the same sign-in with a headless browser that clicks
through the sandbox by itself.
MSG
  exit 1
fi

scripts/deps.sh run
cargo build --release --locked -p guichet

browser_args=()
if ! command -v xdg-open >/dev/null 2>&1; then
  browser_args=(--browser "chromium --incognito")
fi
exec target/release/guichet login "${browser_args[@]}" "$@"
