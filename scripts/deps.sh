#!/usr/bin/env bash
# Installs the Debian packages Guichet needs to build, run and test, if they are missing.
# Usage: scripts/deps.sh [run|test]   (test also installs the browser driver)
set -euo pipefail

mode="${1:-test}"
packages=(pkg-config libssl-dev ca-certificates)
case "$mode" in
  run)  packages+=(chromium xdg-utils gnome-keyring) ;;
  test) packages+=(chromium chromium-driver dbus gnome-keyring libsecret-tools libglib2.0-bin) ;;
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
