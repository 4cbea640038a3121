#!/usr/bin/env bash
# Opens the Guichet window on the embedded FC+ sandbox (no credentials needed). Extra
# arguments go to `guichet window` (e.g. --kiosk, --config FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
No display found: the Guichet window needs a desktop session (X11 or Wayland), and the
sign-in opens FranceConnect+ in a browser window for the person to click through.
Here, use the command line instead: `cargo run --release -p guichet -- login --help`
(see "Command line" in the README; `--browser CMD` names a browser the person can reach).
scripts/test.sh runs the whole sign-in, window included, under a virtual display with a
headless browser that clicks through the sandbox by itself.
MSG
  exit 1
fi

scripts/deps.sh run
cargo build --release --locked -p guichet
exec "${CARGO_TARGET_DIR:-target}/release/guichet" window "$@"
