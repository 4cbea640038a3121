#!/usr/bin/env bash
# Runs a command on a private D-Bus session with a fresh gnome-keyring whose login keyring is
# created unlocked (password "guichet-test"; gnome-keyring refuses an empty one and would
# prompt): a real Secret Service for the vault, gone after the run, whatever the caller has.
# The tests' one keyring set-up: scripts/test.sh runs the whole suite in one, and a test that
# locks its keyring starts its own through this script (tests/support/keyring.rs), with its
# files in the folder it names in GUICHET_TEST_KEYRING_HOME (then kept: the test removes it).
set -euo pipefail
keyring_home="${GUICHET_TEST_KEYRING_HOME:-}"
unset GUICHET_TEST_KEYRING_HOME
if [ -z "$keyring_home" ]; then
  keyring_home="$(mktemp -d)"
  trap 'rm -rf "$keyring_home"' EXIT
fi
dbus-run-session -- sh -c '
  printf "guichet-test" | XDG_DATA_HOME="$1" gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  shift
  # --daemonize may return before the daemon owns the bus name; a client asking meanwhile
  # would make the bus start a second daemon on the default (locked) keyring.
  owned=""
  for _ in $(seq 100); do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; then
      owned=yes; break
    fi
    sleep 0.1
  done
  if [ -z "$owned" ]; then
    echo "gnome-keyring-daemon did not take org.freedesktop.secrets within 10 s" >&2; exit 1
  fi
  "$@"' sh "$keyring_home" "$@"
