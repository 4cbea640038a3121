#!/usr/bin/env bash
# Installs what Guichet needs to build, run and test, if it is missing: Debian packages
# (WebKitGTK for the window, gnome-keyring, Chromium…), the UI's npm packages, and for tests
# tauri-driver and cargo-machete (from crates.io).
# Usage: scripts/deps.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-test}"
packages=(pkg-config libssl-dev ca-certificates build-essential curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev)
# Node for the UI's build; a machine with Node from elsewhere (nvm, nodesource) keeps it.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi
case "$mode" in
  run)  packages+=(chromium xdg-utils gnome-keyring) ;;
  test) packages+=(chromium chromium-driver dbus gnome-keyring libsecret-tools libglib2.0-bin
          webkit2gtk-driver xvfb xauth redis-server
          # The kiosk's screen tests: a window manager, the active window, root screenshots.
          openbox xdotool x11-utils imagemagick
          # The same on cage, the Wayland kiosk compositor (it starts Xwayland for X clients).
          cage xwayland
          # keyctl: the kernel keyring's tests look at the keys from outside the app.
          keyutils
          # The journal's test runs a systemd-journald of its own (journalctl reads it back).
          systemd
          # The packages' check (scripts/check-packages.sh): build them, lint them, install them
          # in a fresh Debian root and boot it.
          dpkg-dev lintian debootstrap systemd-container) ;;
  *)    echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# The window's UI (TypeScript + DSFR), bundled locally: Tauri embeds ui/dist in the binary.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "Installing the UI's npm packages" >&2
  # `npm install` rather than `npm ci`: npm 11 writes lock files without the other platforms'
  # optional packages (@tauri-apps/cli-*, @rollup/rollup-*), which `npm ci` then refuses.
  npm --prefix ui install --no-audit --no-fund --loglevel=error
fi
echo "Building the UI" >&2
npm --prefix ui run build --silent >/dev/null

# The test tools from crates.io, built once per machine: tauri-driver (WebDriver for the
# Guichet window), cargo-machete (unused dependencies) and cargo-fuzz (scripts/fuzz-ci.sh).
# They build in one shared folder, so the crates they have in common (clap, serde, syn…) build
# once: 100 s on 2 cores for the three (measured 2026-12-07).
if [ "$mode" = test ]; then
  tools=()
  have_tool() { command -v "$1" >/dev/null 2>&1 || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/$1" ]; }
  have_tool tauri-driver || tools+=("tauri-driver@2.1.0")
  have_tool cargo-machete || tools+=("cargo-machete@0.9.2")
  have_tool cargo-fuzz || tools+=("cargo-fuzz@0.13.2")
  if ((${#tools[@]})); then
    echo "Installing ${tools[*]}" >&2
    tools_target="$(mktemp -d)"
    for tool in "${tools[@]}"; do
      cargo install "$tool" --locked --quiet --target-dir "$tools_target"
    done
    rm -rf "$tools_target"
  fi
fi
