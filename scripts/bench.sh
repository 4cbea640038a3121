#!/usr/bin/env bash
# Guichet's benchmarks (not tests): figures for docs/PERFORMANCE.md. Optimised builds, so
# the first run takes a while (about 20 minutes on 2 cores).
#
#   scripts/bench.sh            everything below
#   scripts/bench.sh steps      criterion: the sign-in's hot steps (fcplus) and the vault
#   scripts/bench.sh sign-in    sign-in overhead through the window's code (200 sign-ins)
#   scripts/bench.sh window     Guichet's window beside a bare Tauri app (Xvfb); add --deb to
#                               build both .deb packages first and compare their sizes
#   scripts/bench.sh kiosk      a kiosk's consent click -> identity in front (20 sign-ins, Xvfb)
#   scripts/bench.sh gateway    the gateway's load benchmark, beside oidc-provider (Node)
#
# Everything runs on a private D-Bus with a fresh gnome-keyring (scripts/with-keyring.sh),
# the window under a private Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test
what="${1:-all}"
deb=false
if [ "${2:-}" = "--deb" ]; then deb=true; fi

steps() {
  scripts/with-keyring.sh cargo bench --locked -p fcplus --bench steps
  scripts/with-keyring.sh cargo bench --locked -p vault --bench vault
}

sign_in() {
  scripts/with-keyring.sh cargo bench --locked -p guichet --bench sign_in -- --sign-ins 200
}

window() {
  if $deb; then
    (cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb)
    (cd benches/bare-tauri && ../../ui/node_modules/.bin/tauri build --bundles deb)
  fi
  cargo build --release --locked -p guichet -p bare-tauri
  xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24 -nolisten tcp" \
    scripts/with-keyring.sh cargo run --release --locked -p window-bench -- --runs 7
}

kiosk() {
  # Its own Xvfb, window manager and (locked) Secret Service, as the screen tests.
  cargo bench --locked -p guichet --bench kiosk -- --sign-ins 20
}

gateway() {
  if command -v node >/dev/null 2>&1; then
    for dir in benches/oidc-provider benches/fc-stack-broker; do npm --prefix "$dir" install --no-audit --no-fund; done
  fi
  cargo bench --locked -p gateway --bench load -- --seconds 5
}

case "$what" in
  steps) steps ;;
  sign-in) sign_in ;;
  window) window ;;
  kiosk) kiosk ;;
  gateway) gateway ;;
  all) steps; sign_in; window; kiosk; gateway ;;
  *) echo "scripts/bench.sh: unknown benchmark '$what' (steps, sign-in, window, kiosk, gateway)" >&2; exit 2 ;;
esac
