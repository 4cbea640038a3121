#!/usr/bin/env bash
# Runs a command on a private D-Bus session with a fresh gnome-keyring whose login keyring is
# created unlocked (password "guichet-test"; gnome-keyring refuses an empty one and would
# prompt): a real Secret Service for the vault, gone after the run, whatever the caller has.
set -euo pipefail
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export GUICHET_TEST_KEYRING_HOME="$keyring_home"
dbus-run-session -- sh -c '
  printf "guichet-test" | XDG_DATA_HOME="$GUICHET_TEST_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  # --daemonize may return before the daemon owns the bus name; a client asking meanwhile
  # would make the bus start a second daemon on the default (locked) keyring.
  for _ in $(seq 50); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  "$@"' sh "$@"
